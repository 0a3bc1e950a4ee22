"""fork_map: the one way the build uses other processes; --workers 1 starts none."""

import functools
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from recgraph import workers as W
from recgraph.cli import main

from conftest import SEED


def pid_and_square(x):
    return os.getpid(), x * x


def fail_on_three(x):
    if x == 3:
        raise KeyError("three")
    return x


def test_one_worker_runs_everything_here():
    assert list(W.fork_map(pid_and_square, range(4), 1)) == [(os.getpid(), x * x) for x in range(4)]


def test_results_come_back_in_item_order_from_other_processes():
    found = list(W.fork_map(pid_and_square, range(7), 3))
    assert [square for _, square in found] == [x * x for x in range(7)]
    assert os.getpid() not in {pid for pid, _ in found} and len({pid for pid, _ in found}) == 3



def waits_for_the_other_worker(flag, i):
    """Item 0 (worker 0) waits until worker 1 has reached its last item (7), which sets ``flag``."""
    if i == 7:
        flag.touch()
    if i == 0:
        deadline = time.monotonic() + 20
        while not flag.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        return flag.exists()
    return bytes(1 << 20)  # more than a pipe holds: sent only while the parent reads it


def test_a_worker_goes_on_while_the_other_is_slow(tmp_path):
    # read in turn, worker 1's first result would wait in its pipe until worker 0's came, and worker 0 waits for worker 1
    found = list(W.fork_map(functools.partial(waits_for_the_other_worker, tmp_path / "reached"), range(8), 2))
    assert found[0] is True and len(found) == 8


def test_the_collector_waits_while_results_come_in():
    import gc

    assert [gc.isenabled() for _ in W.fork_map(pid_and_square, range(4), 2)] == [False] * 4
    assert gc.isenabled()


def test_here_this_process_computes_the_last_share():
    found = list(W.fork_map(pid_and_square, range(7), 3, here=True))
    assert [square for _, square in found] == [x * x for x in range(7)]
    assert {pid for pid, _ in found[2::3]} == {os.getpid()}
    assert os.getpid() not in {pid for i, (pid, _) in enumerate(found) if i % 3 != 2}
    assert len({pid for pid, _ in found}) == 3

def test_an_error_in_a_worker_is_raised_here():
    with pytest.raises(KeyError, match="three"):
        list(W.fork_map(fail_on_three, range(6), 2))


def test_a_process_with_threads_is_not_forked():
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert W.threads() > 1 and W.start_method() != "fork"
        found = list(W.fork_map(pid_and_square, range(4), 2))
    finally:
        stop.set()
        thread.join()
    assert [square for _, square in found] == [0, 1, 4, 9] and os.getpid() not in {pid for pid, _ in found}


SEEN_BY_WORKERS = []


def marks_seen(x):
    return len(SEEN_BY_WORKERS) + x


def test_fresh_workers_are_not_copies_of_this_process():
    SEEN_BY_WORKERS.append("set here after import")
    try:
        assert list(W.fork_map(marks_seen, range(4), 1, fresh=True)) == [1, 2, 3, 4]  # here: seen
        found = list(W.fork_map(pid_and_square, range(4), 2, fresh=True))
        assert list(W.fork_map(marks_seen, range(4), 2, fresh=True)) == [0, 1, 2, 3]  # the module imported anew
    finally:
        SEEN_BY_WORKERS.clear()
    assert [square for _, square in found] == [0, 1, 4, 9] and os.getpid() not in {pid for pid, _ in found}


def length_plus(blob: bytes, x: int) -> int:
    if x == 3:
        raise KeyError("three")
    return len(blob) + x


def test_a_job_larger_than_a_pipe_holds_reaches_workers_that_are_not_forked():
    """``fn`` and its items are sent after the workers start (forkserver): results and errors
    come back as from forked workers."""
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    blob = bytes(3 << 20)
    try:
        assert W.start_method() != "fork"
        found = list(W.fork_map(functools.partial(length_plus, blob), range(3), 2))
        with pytest.raises(KeyError, match="three"):
            list(W.fork_map(functools.partial(length_plus, blob), range(6), 2))
    finally:
        stop.set()
        thread.join()
    assert found == [len(blob), len(blob) + 1, len(blob) + 2]


def test_workers_1_builds_everything_without_starting_a_process(monkeypatch, tmp_path):
    def no_processes(*args, **kwargs):
        raise AssertionError("--workers 1 started a process")
    monkeypatch.setattr(W.mp, "get_context", no_processes)
    assert main(["build", str(SEED), "--out", str(tmp_path / "out"), "--workers", "1", "-q"]) == 0
    assert (tmp_path / "out" / "index.html").is_file() and list((tmp_path / "out" / "charts").glob("*.svg"))


def _children(pid: int) -> set[int]:
    """Every descendant of ``pid`` (from /proc; Linux)."""
    found, todo = set(), [pid]
    while todo:
        p = todo.pop()
        for task in Path(f"/proc/{p}/task").glob("*"):
            try:
                kids = {int(c) for c in (task / "children").read_text().split()}
            except OSError:
                continue
            todo.extend(kids - found)
            found |= kids
    return found


def _gone(pids: set[int], seconds: float = 10.0) -> set[int]:
    """The processes of ``pids`` still running (not zombies) after up to ``seconds``."""
    deadline = time.monotonic() + seconds
    while True:
        alive = set()
        for pid in pids:
            try:
                if (Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]) != "Z":
                    alive.add(pid)
            except OSError:
                pass
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.1)


SLOW_MAP = """
import sys, time
sys.path.insert(0, {tests!r})
from recgraph import workers
def slow(x):
    time.sleep(60)
    return x
print("started", flush=True)
for _ in workers.fork_map(slow, range(4), 2):
    pass
"""


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs /proc (Linux)")
def test_workers_die_with_a_parent_killed_with_sigkill(tmp_path):
    """kill -9 of a process in the middle of fork_map leaves no worker behind (each holds pipe ends
    and would otherwise wait forever)."""
    run = subprocess.Popen([sys.executable, "-c", SLOW_MAP.format(tests=str(Path(__file__).parent))],
                           stdout=subprocess.PIPE, text=True)
    assert run.stdout.readline().strip() == "started"
    deadline = time.monotonic() + 20
    while len(kids := _children(run.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(kids) >= 2, "the workers did not start"
    run.kill()
    run.wait()
    assert _gone(kids) == set()


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs /proc (Linux)")
def test_sigterm_stops_a_build_its_workers_and_its_folders(tmp_path):
    """SIGTERM to `recgraph build` (what `kill` and service managers send) ends it like Ctrl-C: exit
    code 130, no process left, no work or staging folder beside --out, and no --out written."""
    out = tmp_path / "out"
    run = subprocess.Popen([sys.executable, "-m", "recgraph", "build", str(SEED), "--out", str(out), "--workers", "2"],
                           stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    first = run.stderr.readline()  # the first stage is done: the chart drawers and workers run
    assert "done in" in first, first
    kids = _children(run.pid)
    run.send_signal(signal.SIGTERM)
    assert run.wait(timeout=30) == 130, run.stderr.read()
    assert "interrupted" in run.stderr.read()
    assert _gone(kids) == set()
    assert not out.exists() and sorted(p.name for p in tmp_path.iterdir()) == []


def young_threshold(_):
    import gc
    return gc.get_threshold()[0]


def test_fewer_collections_during_a_build_and_in_its_workers():
    import gc
    before = gc.get_threshold()
    with W.fewer_collections(12_345):
        assert gc.get_threshold() == (12_345, *before[1:])
        if W.start_method() == "fork":
            assert list(W.fork_map(young_threshold, range(2), 2)) == [12_345, 12_345]  # inherited
    assert gc.get_threshold() == before


def test_numpy_leaves_the_build_free_to_fork():
    """The analyses and the site import numpy; its BLAS threads would send every later map through
    the forkserver (pickling each worker's items).  Run in a fresh interpreter, as a build is."""
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS",
                                                            "MKL_NUM_THREADS")}
    code = "import recgraph.workers as w, numpy, scipy.sparse; print(w.threads(), w.start_method())"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["1", "fork"]


_SITE_IN_ITS_OWN_PROCESS = """
import os, sys
from pathlib import Path
from recgraph import outputs, site, workers as W
from recgraph.views import read_facts_nt

one, two = Path(sys.argv[1]), Path(sys.argv[2])
real = site.write_site

def write_site(*args, **kwargs):  # inherited by the forked site process
    written = real(*args, **kwargs, parallel_min_pages=1)  # page workers of its own: it is no daemon
    kwargs["shared"]["pid"] = os.getpid()
    return written

site.write_site = write_site
outputs.SITE_APART_MIN_BYTES = 0  # the seed's graph is written apart as a large one is
views = outputs.Views(None, graph=one / "graph.nt")  # as the build's renderers have them
views.facts = W.start(read_facts_nt, views.graph, workers=2).result()  # no store's threads here
assert W.threads() == 1, W.threads()
two.mkdir()
outputs.site_files(views, two, workers=2)
assert views.site["pid"] != os.getpid()  # its records left with that process
assert views.site["reports"] and views.site["theme_quotes"]  # what the HTML views show of it came back
"""


def test_the_site_is_written_by_a_process_of_its_own_that_forks_its_page_workers(tmp_path):
    """Run in a fresh interpreter, as a build is: the suite's own process has threads of other tests."""
    assert main(["build", str(SEED), "--out", str(tmp_path / "one"), "--workers", "1", "-q"]) == 0
    run = subprocess.run([sys.executable, "-c", _SITE_IN_ITS_OWN_PROCESS, str(tmp_path / "one"), str(tmp_path / "two")],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    two = sorted(p.relative_to(tmp_path / "two") for p in (tmp_path / "two").rglob("*") if p.is_file())
    assert len(two) > 50
    for rel in two:  # the same pages as the build's own, written in one process
        assert (tmp_path / "two" / rel).read_bytes() == (tmp_path / "one" / rel).read_bytes(), rel


def test_a_small_graph_s_site_is_written_by_the_build_s_own_process(tmp_path, monkeypatch):
    """Below outputs.SITE_APART_MIN_BYTES a process of its own only imported the site's modules again."""
    from recgraph import outputs
    from recgraph.views import read_facts_nt

    assert main(["build", str(SEED), "--out", str(tmp_path / "one"), "--workers", "1", "-q"]) == 0
    started = []
    monkeypatch.setattr(outputs, "start", lambda fn, *args, workers, **kw: started.append(workers)
                        or W.start(fn, *args, workers=1, **kw))
    monkeypatch.setattr(outputs, "start_method", lambda: "fork")  # as in a build's single-threaded process
    views = outputs.Views(None, graph=tmp_path / "one" / "graph.nt")
    views.facts = read_facts_nt(views.graph)
    (tmp_path / "two").mkdir()
    outputs.site_files(views, tmp_path / "two", workers=2)
    assert started == [1] and views.site["reports"]


def test_a_stop_whose_interrupt_python_swallowed_is_raised_at_the_next_stage():
    """A SIGTERM that lands in logging's after-fork hook (as a worker starts) has its KeyboardInterrupt
    ignored by Python; the build must still stop, at the end of the stage it is in."""
    from recgraph import cli

    cli._STOP.clear()
    try:
        cli._stop(signal.SIGTERM, None)
    except KeyboardInterrupt:
        pass  # what an at-fork hook does with it
    for quiet in (True, False):
        with pytest.raises(KeyboardInterrupt):
            cli._progress(quiet)("documents", 0.1)
    assert cli.main(["query", "--list"]) == 0  # a new command starts unstopped
    cli._STOP.clear()


def test_a_result_nobody_took_does_not_hang_the_exit():
    """A process whose result is never read (a stage that failed before it, a caller that forgot
    close()) is stopped when the interpreter exits: multiprocessing joins a non-daemon child there,
    and the child waits forever to send a result larger than the pipe holds."""
    code = ("from recgraph.workers import start\n"
            "if __name__ == '__main__':\n"
            "    start(bytes, 10 ** 7, workers=2, daemon=False, fresh=True)\n")
    done = subprocess.run([sys.executable, "-c", code], timeout=120, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr

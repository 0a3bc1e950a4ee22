"""fork_map: the one way the build uses other processes; --workers 1 starts none."""

import os
import threading

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


def test_workers_1_builds_everything_without_starting_a_process(monkeypatch, tmp_path):
    def no_processes(*args, **kwargs):
        raise AssertionError("--workers 1 started a process")
    monkeypatch.setattr(W.mp, "get_context", no_processes)
    assert main(["build", str(SEED), "--out", str(tmp_path / "out"), "--workers", "1", "-q"]) == 0
    assert (tmp_path / "out" / "index.html").is_file() and list((tmp_path / "out" / "charts").glob("*.svg"))


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

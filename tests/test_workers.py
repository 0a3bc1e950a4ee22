"""fork_map: the one way the build uses other processes; --workers 1 starts none."""

import functools
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

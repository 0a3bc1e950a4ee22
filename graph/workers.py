"""The one way the build runs work in other processes: :func:`fork_map`.

Every stage that uses more than one core (documents, analyses, HTML pages, charts) goes through
it, so ``--workers N`` governs every process a build starts and ``--workers 1`` starts none.
Workers are forked while the process has a single thread (they inherit the parent's objects,
nothing is pickled but results); once threads exist (Oxigraph's on-disk store, OpenBLAS under
numpy) forking can deadlock, so workers come from a forkserver and ``fn`` with its items are
pickled instead, ``fn`` once for all workers, and sent to each once every worker has started:
a worker reads its job only after importing its modules, so a job passed as it starts (more
than a pipe holds, such as the site's records) kept the parent waiting for each worker's imports
in turn.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing as mp
import os
import pickle
import signal
import traceback
from contextlib import contextmanager
from typing import Callable, Iterable, Iterator, TypeVar

# Parallelism is processes (this module), never BLAS threads: OpenBLAS, loaded with numpy by the
# analyses and the site, starts a thread per core at import, after which the process may no longer
# fork and every later map went through the forkserver, pickling ``fn`` and its items once per
# worker (at 100x most of the analyses, site and HTML stages' time).  One BLAS thread keeps the
# build single-threaded, so workers are forked; a value the user set is kept.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

T = TypeVar("T")
R = TypeVar("R")


def cores() -> int:
    """The cores this process may run on (the default for ``--workers``)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def threads() -> int:
    """OS threads of this process (Python's and native ones), 1 where that cannot be told."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return 1


def start_method() -> str:
    """"fork" while the process is single-threaded, else a safe start method."""
    methods = mp.get_all_start_methods()
    if "fork" in methods and threads() == 1:
        return "fork"
    return fresh_method()


def fresh_method() -> str:
    """A start method whose processes do not begin as a copy of this one (``forkserver``, else ``spawn``)."""
    return "forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn"


def release_memory() -> None:
    """Give the free pages of this process's C heap back to the OS (glibc's ``malloc_trim``; a
    no-op elsewhere), called before forking: a stage's freed memory (pyoxigraph's terms, large
    Python objects) otherwise stays in the heap, counted in this process and shared with every
    worker forked from it (at 1000x the link stage's ~0.9 GB)."""
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):
        pass


_PR_SET_PDEATHSIG = 1


def die_with_parent() -> bool:
    """Ask the kernel to SIGKILL this process when its parent dies (Linux); False where it cannot.

    Safe between fork and exec (``preexec_fn``): it only calls ``prctl``.  The signal comes when the
    parent *thread* that started this process ends, so start such processes from the main thread.
    """
    try:
        return ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def become_worker() -> None:
    """Called first thing in every worker process: it dies with its parent, and the signals that
    stop a build are the parent's to handle.

    A worker holds a copy of every pipe end its parent had when it was forked, so a parent killed
    with SIGKILL would leave it blocked on a pipe forever; :func:`die_with_parent` ends it instead.
    Ctrl-C reaches the whole process group: the worker ignores it and the parent, interrupted,
    terminates its workers; SIGTERM (how the parent stops one) ends it at once.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)
    parent = mp.parent_process()
    if die_with_parent() and parent is not None and not parent.is_alive():  # it died before the request
        os._exit(1)


def _serve(fn: Callable | None, items: list | None, conn, job=None) -> None:
    """A worker: ``fn`` of each item in order, each result (or the error) sent back as it comes;
    ``fn`` pickled and then the items read from ``job`` first when it is given."""
    become_worker()
    try:
        if job is not None:
            fn, items = pickle.loads(job.recv_bytes()), job.recv()
            job.close()
        for item in items:
            conn.send((True, fn(item)))
    except BaseException as e:  # handed to the parent, which re-raises it
        try:
            conn.send((False, e))
        except Exception:
            conn.send((False, RuntimeError("".join(traceback.format_exception(e)))))
    conn.close()


def fork_map(fn: Callable[[T], R], items: Iterable[T], workers: int, here: bool = False,
             fresh: bool = False) -> Iterator[R]:
    """``fn`` over ``items``, results in item order, in up to ``workers`` processes.

    With ``workers <= 1`` (or one item) everything runs here, in this process.  Item ``i`` goes to
    worker ``i % workers``; a worker that dies or raises stops the map with that error.  ``here``:
    this process is the last worker, computing its share while the others run (one process fewer:
    each forked worker copies every page of the parent's objects it touches, if only their counts).
    ``fresh``: workers that do not begin as a copy of this process (:func:`fresh_method`; ``fn`` and
    the items pickled), for work that needs little of it but allocates much: a forked worker
    inherits this process's C heap, which freed objects leave in holes (pyoxigraph's terms), and
    its own allocations, scattered over those holes, made its work up to 1.5x slower (:func:`start`).
    """
    items = list(items)
    n = min(workers, len(items))
    if n <= 1:
        yield from map(fn, items)
        return
    release_memory()
    ctx = mp.get_context(fresh_method() if fresh else start_method())
    forked = ctx.get_start_method() == "fork"
    kept = gc.get_freeze_count() > 0  # frozen by the build (:func:`keep`): stays so
    gc.freeze()  # forked workers then share the parent's objects instead of copying them as gc visits them
    procs, conns, jobs = [], [], []
    try:
        for w in range(n - 1 if here else n):
            receive, send = ctx.Pipe(duplex=False)
            job, post = (None, None) if forked else ctx.Pipe(duplex=False)
            p = ctx.Process(target=_serve, args=(fn, items[w::n], send) if forked else (None, None, send, job),
                            daemon=True)
            p.start()
            send.close()
            if job is not None:
                job.close()
                jobs.append(post)
            procs.append(p)
            conns.append(receive)
        payload = ctx.reducer.ForkingPickler.dumps(fn) if jobs else b""
        for w, post in enumerate(jobs):
            try:
                post.send_bytes(payload)
                post.send(items[w::n])
            except OSError:  # the worker died: reading its results says so
                pass
            finally:
                post.close()
        del payload  # not held while the workers run (half a GB of site records at 1000x)
        mine = [fn(item) for item in items[n - 1::n]] if here else []
        yield from _in_order(len(items), n, conns, procs, mine if here else None)
    finally:
        if not kept:
            gc.unfreeze()
        for p in procs:
            if p.is_alive():
                p.terminate()
            p.join()
        for c in conns:
            c.close()


def _in_order(count: int, n: int, conns: list, procs: list, mine: list | None) -> Iterator:
    """The results of ``count`` items, item ``i`` from worker ``i % n`` (from ``mine`` for the last
    worker when this process was it), in item order; each read as soon as its worker sends it and
    kept until its turn.  Read in turn, a result larger than a pipe holds (a document's) kept its
    worker waiting until the results before it had come: the workers went in step, each pair of
    items taking as long as the longer of the two (at 1000x the two workers kept 1.6 cores busy).

    The collector is paused meanwhile (:func:`paused_gc`): each full pass walks every object of the
    results kept so far, and while it runs no pipe is read (at 1000x the documents' ~3 GB: passes of
    seconds, ~3 s of 4 s for 400 documents' results, with both workers waiting to send theirs)."""
    from multiprocessing.connection import wait

    early: dict[int, object] = {}
    sent = list(range(len(conns)))  # the item each worker sends next
    with paused_gc():
        for i in range(count):
            if mine is not None and i % n == n - 1:
                yield mine[i // n]
                continue
            while i not in early:
                for conn in wait([c for w, c in enumerate(conns) if sent[w] < count]):
                    w = conns.index(conn)
                    early[sent[w]] = _receive(conn, procs[w])
                    sent[w] += n
            yield early.pop(i)


def _receive(conn, proc):
    """The next result a worker sends; its error raised here, or that it died."""
    try:
        ok, value = conn.recv()
    except EOFError:
        proc.join()
        raise RuntimeError(f"a worker process died (exit code {proc.exitcode})") from None
    if not ok:
        raise value
    return value


def keep() -> None:
    """Exempt every object alive now from the garbage collector's full passes (``gc.freeze``): the
    build calls it once its documents are read, which live until the end.  Each full pass of a
    large build otherwise walks them all again (seconds each at 100x, repeated as objects are made)."""
    gc.freeze()


YOUNG_COLLECTION_EVERY = 10_000
"""Net allocations between two passes of the collector over the young objects during a build
(Python's default is 700): see :func:`fewer_collections`."""


@contextmanager
def fewer_collections(every: int = YOUNG_COLLECTION_EVERY):
    """The collector's passes over young objects made every ``every`` net allocations instead of
    every 700 for the block (as they were after); processes forked meanwhile keep the setting.  A
    seed build made ~350 passes (~0.1 s, a twelfth of its main process's CPU), most while regular
    expressions, Turtle and pages were parsed and built: objects without cycles, freed by their
    reference counts all the same."""
    before = gc.get_threshold()
    gc.set_threshold(every, *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


@contextmanager
def paused_gc():
    """The garbage collector's passes paused for the block (``gc.disable``), as it was after: for
    work that makes millions of long-lived objects without reference cycles (the site's records),
    which every pass would walk again as more are made (a quarter of the site's reading and
    joining at 100x); anything freed is still freed at once, by its reference count."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _run_one(fn: Callable, args: tuple, conn) -> None:
    become_worker()
    try:
        conn.send((True, fn(*args)))
    except BaseException as e:  # handed to the parent, which re-raises it
        try:
            conn.send((False, e))
        except Exception:
            conn.send((False, RuntimeError("".join(traceback.format_exception(e)))))
    conn.close()


class Pending:
    """``fn(*args)`` running in another process (see :func:`start`); :meth:`result` waits for it."""

    def __init__(self, fn: Callable, args: tuple, workers: int, daemon: bool = True, fresh: bool = False):
        self.proc = self.conn = None
        self.owner = os.getpid()  # the process that started it: only it can wait for or stop it
        if workers <= 1:
            self.value = fn(*args)
            return
        release_memory()
        ctx = mp.get_context(fresh_method() if fresh else start_method())
        self.conn, send = ctx.Pipe(duplex=False)
        self.proc = ctx.Process(target=_run_one, args=(fn, args, send), daemon=daemon)
        self.proc.start()
        send.close()
        # a result nobody took (an error, or a caller that forgot close()) must not hang this process's
        # exit: multiprocessing joins a non-daemon child there, and the child waits to send its result
        mp.util.Finalize(self, _abandon, args=(self.proc,), exitpriority=10)

    def result(self):
        """The value of ``fn(*args)``; its exception is raised here."""
        if self.proc is None:
            return self.value
        try:
            try:
                ok, value = self.conn.recv()
            except EOFError:
                self.proc.join()
                raise RuntimeError(f"a worker process died (exit code {self.proc.exitcode})") from None
            if not ok:
                raise value
            self.value = value
            return value
        finally:
            self.close()

    def close(self) -> None:
        """Stop the process if it is still running (its result abandoned).  In a process forked
        after it started (which inherits this object, and may receive its result), only the
        connection is closed: the process is not its child."""
        if self.proc is None:
            return
        if os.getpid() != self.owner:
            self.conn.close()
            self.proc = None
            return
        if self.proc.is_alive() and not hasattr(self, "value"):
            self.proc.terminate()
        self.proc.join()
        self.conn.close()
        self.proc = None


def _abandon(proc) -> None:
    """Stop ``proc`` if it still runs: at exit, or when its :class:`Pending` is dropped unread."""
    if proc.is_alive():
        proc.terminate()


def start(fn: Callable[..., R], *args, workers: int, daemon: bool = True, fresh: bool = False) -> Pending:
    """``fn(*args)`` started in another process, beside what this one does next (run here, at
    once, with ``workers <= 1``); ``.result()`` waits for it.  One process, counted in ``workers``.
    ``daemon=False`` for a process that starts workers of its own (:func:`fork_map`): it still dies
    with this one (:func:`become_worker`).  ``fresh``: a process that does not begin as a copy of
    this one (:func:`fresh_method`; ``fn`` and ``args`` pickled), for work that needs nothing of this
    process's memory: a forked one copies each page of it its allocations land in (at 1000x the
    JSON-LD writer, forked from a build holding 1.4 GB, held 1 GB of such copies)."""
    return Pending(fn, args, workers, daemon, fresh)

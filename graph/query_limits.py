"""Run one query in a child process under a time limit, a memory limit and a row cap.

Neither engine can be interrupted once a query runs (Oxigraph evaluates in Rust; a cartesian
``COUNT`` yields nothing for minutes), and an abandoned query can fill memory until the machine
swaps.  ``recgraph query`` therefore loads the graph and runs the query in a child process:
the parent stops it when the time limit passes, the child's address space is capped
(``RLIMIT_AS``) so a runaway query fails in the child alone, and rows beyond the cap are never
materialised.  Every limit ends with a :class:`~recgraph.sparql.QueryError` that says which
option raises it.  The child is started with ``spawn``: it never forks a process that may have
threads.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
from multiprocessing.connection import wait
from pathlib import Path
from typing import Any, Mapping

from recgraph import sparql
from recgraph.loader import graph_format
from recgraph.model import InputError

class LimitReached(sparql.QueryError):
    """A query stopped by its time or memory limit (a QueryError, so callers that only report errors need nothing more)."""


DEFAULT_TIMEOUT_S = 60.0
DEFAULT_MAX_ROWS = 100_000
DEFAULT_MEMORY_GB = 4.0


def run_limited(graph: str | Path, query_text: str, bindings: Mapping[str, Any] | None = None, *,
                engine: str = sparql.DEFAULT_ENGINE, timeout_s: float = DEFAULT_TIMEOUT_S,
                max_rows: int = DEFAULT_MAX_ROWS, memory_gb: float = DEFAULT_MEMORY_GB,
                allow_service: bool = False) -> sparql.Answers:
    """:func:`recgraph.sparql.run_query` on ``graph`` loaded into ``engine``, in a child process.

    ``timeout_s`` counts from the moment the graph is loaded; ``memory_gb`` caps the child's
    address space (loading included).  Returns at most ``max_rows`` rows (``truncated`` tells
    whether there were more).  Raises :class:`~recgraph.sparql.QueryError` for a bad query, a
    limit reached, or a graph that cannot be read.
    """
    if not allow_service:
        sparql.refuse_service(query_text)  # before a process is started or the graph loaded
    graph_format(graph)  # a missing, folder or unknown graph file: the loader's InputError, here
    ctx = multiprocessing.get_context("spawn")
    receiver, sender = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, daemon=True, args=(
        sender, str(graph), engine, query_text, dict(bindings or {}), allow_service, max_rows,
        int(memory_gb * 1024 ** 3)))
    child.start()
    sender.close()
    try:
        kind, payload = _receive(receiver, child, None, memory_gb)
        if kind == "loaded":
            kind, payload = _receive(receiver, child, timeout_s, memory_gb)
        if kind == "table":
            return payload
        if kind == "error":
            raise sparql.QueryError(*payload)
        if kind == "input":
            raise InputError(payload)
        raise LimitReached(payload)
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiver.close()


def _receive(receiver, child, timeout_s: float | None, memory_gb: float) -> tuple[str, Any]:
    """The child's next message; a limit reached or the child's death as a message."""
    ready = wait([receiver, child.sentinel], timeout_s)
    if receiver in ready:
        try:
            return receiver.recv()
        except EOFError:
            pass
    elif not ready:
        return "limit", (f"the query ran longer than {timeout_s:g} s and was stopped; "
                         "raise the limit with --timeout SECONDS, or narrow the query")
    child.join()
    return "limit", (f"the query needed more than {memory_gb:g} GB of memory and was stopped "
                     f"(exit code {child.exitcode}); raise the limit with --max-memory GB, or narrow the query")


def _child(sender, graph: str, engine_name: str, text: str, bindings: dict, allow_service: bool,
           max_rows: int, memory_bytes: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    # the engine's own out-of-memory report (a Rust abort) is replaced by the parent's message
    os.dup2(os.open(os.devnull, os.O_WRONLY), 2)
    try:
        engine = sparql.load_graph(graph, engine_name)
        sender.send(("loaded", None))
        sender.send(("table", sparql.run_query(engine, text, bindings, allow_service=allow_service,
                                               max_rows=max_rows)))
    except sparql.QueryError as e:
        sender.send(("error", (e.message, e.line, e.column)))
    except InputError as e:  # a garbled graph file
        sender.send(("input", e.problems))
    except MemoryError:
        sender.close()  # the parent reports the memory limit
    except Exception as e:  # an engine's own error while evaluating, e.g. a type error in a function
        sender.send(("failed", f"the query failed: {type(e).__name__}: {e}"))

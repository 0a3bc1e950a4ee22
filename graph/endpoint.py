"""A real SPARQL endpoint for the built graph, and publishing it to any SPARQL 1.1 store.

:func:`serve` runs the Oxigraph server that the ``oxigraph`` PyPI package installs beside the
Python interpreter: ``oxigraph load`` puts the graph into a store directory, then
``oxigraph serve-read-only`` answers the SPARQL 1.1 Protocol on ``/query`` (its web query page
is at ``/``).  Any SPARQL client (SPARQLWrapper, YASGUI, Protégé, curl) can then connect.

:func:`publish` pushes the graph file into a named graph of any store that speaks the SPARQL 1.1
Graph Store HTTP Protocol: ``PUT`` replaces the graph, ``POST`` merges into it.
Only the standard library (``subprocess``, ``urllib``) is used.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import sysconfig
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping, Sequence

from recgraph.workers import die_with_parent

CONTENT_TYPES = {
    ".ttl": "text/turtle", ".nt": "application/n-triples", ".rdf": "application/rdf+xml",
    ".owl": "application/rdf+xml", ".jsonld": "application/ld+json", ".n3": "text/n3",
}


class EndpointError(Exception):
    """The server could not start, or a store is unreachable or refused a request."""


def oxigraph_binary() -> str:
    """Path of the ``oxigraph`` server binary installed by the ``oxigraph`` package.

    Looked up in the interpreter's scripts directory first (so the venv's copy wins even when
    the venv is not activated), then on ``PATH``.
    """
    dirs = [sysconfig.get_path("scripts"), str(Path(sys.executable).parent)]
    for d in dirs:
        found = shutil.which("oxigraph", path=d)
        if found:
            return found
    found = shutil.which("oxigraph")
    if found:
        return found
    raise EndpointError("the Oxigraph server binary was not found; install it with `pip install oxigraph`")


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port that was free a moment ago (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


@dataclass
class Server:
    """A running Oxigraph server; stop it with :meth:`stop` or use it as a context manager."""

    url: str
    process: subprocess.Popen
    location: Path | None
    read_only: bool
    _tmp: tempfile.TemporaryDirectory | None = field(default=None, repr=False)
    command: list[str] = field(default_factory=list, repr=False)

    @property
    def query_url(self) -> str:
        """SPARQL 1.1 Protocol query endpoint."""
        return self.url + "/query"

    @property
    def update_url(self) -> str:
        """SPARQL 1.1 Update endpoint (refused when read-only)."""
        return self.url + "/update"

    @property
    def store_url(self) -> str:
        """SPARQL 1.1 Graph Store HTTP Protocol endpoint (writes refused when read-only)."""
        return self.url + "/store"

    def running(self) -> bool:
        return self.process.poll() is None

    def stop(self, timeout: float | None = None) -> None:
        """Stop the server process and remove its temporary store directory.  A temporary store is
        removed next, so its server gets 3 s to end before it is killed; a store of the user's, 10 s."""
        if timeout is None:
            timeout = 3 if self._tmp is not None else 10
        if self.running():
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout)
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    def restart(self, timeout: float = 30) -> None:
        """Kill the server (and whatever query it runs) and start it again on the same store and port."""
        self.process.kill()
        self.process.wait()
        self.process = _launch(self.command)
        if not _ready(self, timeout):
            raise EndpointError(f"the Oxigraph server could not listen again on {self.url}")

    def __enter__(self) -> "Server":
        return self

    def __exit__(self, *_exc) -> None:
        self.stop()


STORE_PREFIX = "recgraph-store-"


def remove_orphan_stores() -> list[Path]:
    """Remove temporary stores left by a ``serve`` that was killed (SIGKILL leaves no time to clean up).

    A store folder is named after the process that made it; it is removed only when that
    process no longer exists.
    """
    removed = []
    for folder in Path(tempfile.gettempdir()).glob(f"{STORE_PREFIX}*-*"):
        pid = folder.name[len(STORE_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _exists(int(pid)) and folder.is_dir():
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def _exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def load_store(graph_path: str | Path, location: str | Path) -> None:
    """Load a graph file into an on-disk Oxigraph store directory (``oxigraph load``), then compact it
    (``oxigraph optimize``): the read-only server never compacts, and the bulk load leaves dozens of
    overlapping files that every lookup reads (at 1000x the library queries answer 4-10x faster after it)."""
    for step in (["load", "--location", str(location), "--file", str(graph_path)],
                 ["optimize", "--location", str(location)]):
        done = subprocess.run([oxigraph_binary(), *step], capture_output=True, text=True)
        if done.returncode != 0:
            raise EndpointError(f"oxigraph {step[0]} failed for {graph_path}: {done.stderr.strip()[-1000:]}")


def serve(graph_path: str | Path | None, host: str = "127.0.0.1", port: int = 0, read_only: bool = True,
          location: str | Path | None = None, timeout: float = 30, query_timeout_s: float | None = None,
          ports: Sequence[int] = ()) -> Server:
    """Start a SPARQL endpoint with the graph loaded; return once it answers queries.

    ``port=0`` picks a free port; ``ports`` are tried in order instead, when given.  The store
    lives in ``location`` (the graph is loaded into it, existing content kept) or in a temporary
    directory removed by :meth:`Server.stop`.  ``read_only=False`` starts the read-write server
    (SPARQL Update and Graph Store writes); with neither a graph nor a location, that is an empty
    in-memory store.  ``query_timeout_s`` is the server's own limit per query (``--timeout-s``).
    The server is killed by the kernel if this process dies (Linux ``PR_SET_PDEATHSIG``).

    This is the bare Oxigraph server, which follows SERVICE clauses: ``recgraph serve`` puts
    :mod:`recgraph.gateway` in front of it.
    """
    if graph_path is not None and not Path(graph_path).is_file():
        raise EndpointError(f"no such graph file: {graph_path}")
    tmp = None
    if location is None and (graph_path is not None or read_only):
        remove_orphan_stores()
        tmp = tempfile.TemporaryDirectory(prefix=f"{STORE_PREFIX}{os.getpid()}-")
        location = tmp.name
    try:
        if graph_path is not None:
            load_store(graph_path, location)
        candidates = list(ports) or ([port] if port else [free_port(host) for _ in range(3)])
        for chosen in candidates:  # a port picked free may be taken before the server binds it
            server = _start(host, chosen, read_only, location, tmp, timeout, query_timeout_s)
            if server is not None:
                return server
        raise EndpointError(f"the Oxigraph server could not listen on {host} at port "
                            + ", ".join(map(str, candidates)))
    except BaseException:
        if tmp is not None:
            tmp.cleanup()
        raise


def _start(host, port, read_only, location, tmp, timeout, query_timeout_s=None) -> Server | None:
    command = [oxigraph_binary(), "serve-read-only" if read_only else "serve", "--bind", f"{host}:{port}"]
    if location is not None:
        command += ["--location", str(location)]
    if query_timeout_s is not None:
        command += ["--timeout-s", str(max(1, round(query_timeout_s)))]
    url = f"http://{'[' + host + ']' if ':' in host else host}:{port}"
    server = Server(url, _launch(command), Path(location) if location else None, read_only, tmp, command)
    try:
        return server if _ready(server, timeout) else None
    except EndpointError:
        server._tmp = None  # the caller cleans up its own temporary directory
        server.stop()
        raise


def _launch(command: list[str]) -> subprocess.Popen:
    log = tempfile.TemporaryFile()
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                               preexec_fn=die_with_parent if sys.platform == "linux" else None)
    process.log = log  # read when the server exits at start-up
    return process


def _ready(server: Server, timeout: float) -> bool:
    """Wait until the server answers; False if its port was taken, EndpointError if it failed."""
    process = server.process
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            process.log.seek(0)
            message = process.log.read().decode("utf-8", "replace").strip()
            if "in use" in message.lower():
                return False
            raise EndpointError(f"the Oxigraph server exited with code {process.returncode}: {message[-1000:]}")
        try:
            with urllib.request.urlopen(server.query_url + "?query=ASK%7B%7D", timeout=2) as r:
                if r.status == 200:
                    return True
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.05)
    raise EndpointError(f"the Oxigraph server did not answer on {server.url} within {timeout} s")


def graph_store_url(endpoint_url: str, graph_iri: str) -> str:
    """``{endpoint}?graph=IRI`` with the IRI escaped, keeping any query string the endpoint has.

    >>> graph_store_url("http://localhost:7878/store", "https://w3id.org/recgraph/id/graph/moda-2025")
    'http://localhost:7878/store?graph=https%3A%2F%2Fw3id.org%2Frecgraph%2Fid%2Fgraph%2Fmoda-2025'
    """
    return endpoint_url + ("&" if "?" in endpoint_url else "?") + urllib.parse.urlencode({"graph": graph_iri})


def publish(graph_path: str | Path, endpoint_url: str, graph_iri: str, mode: str = "replace",
            headers: Mapping[str, str] | None = None, timeout: float = 300) -> int:
    """Push a graph file into the named graph ``graph_iri`` of a SPARQL 1.1 Graph Store endpoint.

    ``mode="replace"`` sends ``PUT`` (the named graph becomes exactly the file), ``"merge"`` sends
    ``POST`` (the file's triples are added).  ``endpoint_url`` is the store's Graph Store
    endpoint (Oxigraph ``/store``, Fuseki ``/DATASET/data``, GraphDB
    ``/repositories/ID/rdf-graphs/service``, Virtuoso ``/sparql-graph-crud``); ``headers`` may add
    e.g. an ``Authorization`` header.  Returns the HTTP status; raises :class:`EndpointError`
    with the status and the start of the store's answer when it refuses, or the reason when it
    cannot be reached.
    """
    if mode not in ("replace", "merge"):
        raise ValueError(f"mode must be 'replace' or 'merge', not {mode!r}")
    path = Path(graph_path)
    content_type = CONTENT_TYPES.get(path.suffix.lower())
    if content_type is None:
        raise EndpointError(f"cannot tell the RDF format of {path.name}; use one of {', '.join(sorted(CONTENT_TYPES))}")
    url = graph_store_url(endpoint_url, graph_iri)
    with path.open("rb") as body:
        request = urllib.request.Request(
            url, data=body, method="PUT" if mode == "replace" else "POST",
            headers={"Content-Type": f"{content_type}; charset=utf-8", "Content-Length": str(os.path.getsize(path)),
                     **(headers or {})})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status
        except urllib.error.HTTPError as e:
            detail = e.read(2000).decode("utf-8", "replace").strip()
            raise EndpointError(f"{endpoint_url} refused the graph: HTTP {e.code} {e.reason}"
                                + (f": {detail[:500]}" if detail else "")) from None
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError) as e:
            reason = getattr(e, "reason", e)
            raise EndpointError(f"cannot reach {endpoint_url}: {reason}") from None

"""The HTTP front of ``recgraph serve``: checks every request before the Oxigraph server sees it.

The Oxigraph server answers the SPARQL 1.1 Protocol well (content negotiation, ``--timeout-s``)
but follows ``SERVICE`` clauses to any address and has no switch to stop it, and a web page the
analyst visits can reach a loopback server with a no-cors form POST.  So the server listens on a
private port and this front, on the public one, forwards only what it has checked:

* queries only (``/query``, ``/sparql``; GET, form POST or ``application/sparql-query`` POST),
  re-sent to the server as one form POST holding exactly the checked query, so a second
  ``query`` hidden in the URL or the body cannot slip past; a query with ``SERVICE`` is refused
  (:func:`recgraph.sparql.refuse_service`) unless ``allow_service``; updates and Graph Store
  writes are refused unless ``writable``;
* requests from other web pages are refused: an ``Origin`` other than this endpoint's own, or
  ``Sec-Fetch-Site`` other than ``same-origin``/``none``; and, on a loopback address, a ``Host``
  header that is not a loopback name (DNS rebinding);
* the private port is one of the ports browsers refuse to fetch from (the Fetch Standard's "bad
  ports"), so no web page can reach the server around the front.

Every query has the server's time limit.  The page at ``/`` is Oxigraph's YASGUI (served by the
Oxigraph binary itself, nothing fetched from a CDN), preloaded with the recgraph prefixes and
an example query.
"""

from __future__ import annotations

import html
import http.client
import json
import queue
import socket
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from recgraph import sparql
from recgraph.endpoint import EndpointError, Server, serve

# Fetch Standard "bad ports" a user can bind without privileges: browsers never fetch from them.
BROWSER_BLOCKED_PORTS = (6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080, 6000, 5060, 5061, 4190,
                         4045, 3659, 2049, 1723, 1720, 1719)
LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1"}
MAX_BODY = 1_000_000
DEFAULT_TIMEOUT_S = 10.0
PASSED_PARAMS = ("default-graph-uri", "named-graph-uri")


def example_query() -> str:
    """The example the page opens with and ``serve`` prints: plans with their lead agency, by serial."""
    prefixes = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in sparql.query_prefixes(
        sparql.load_query("plans").text).items())
    return prefixes + """
SELECT ?serial ?plan ?leadAgency WHERE {
  ?evaluation a rg:PlanEvaluation ; rg:serial ?serial ; rg:planName ?plan ; rg:leadAgency ?lead .
  ?lead skos:prefLabel ?leadAgency FILTER (langMatches(lang(?leadAgency), "zh-Hant"))
}
ORDER BY ?serial
LIMIT 20
"""


@dataclass
class Gateway:
    """A running front and the Oxigraph server behind it; :meth:`stop` ends both."""

    url: str
    httpd: ThreadingHTTPServer
    engine: Server
    _thread: threading.Thread | None = field(default=None, repr=False)

    @property
    def query_url(self) -> str:
        return self.url + "/query"

    def in_thread(self) -> "Gateway":
        """Answer requests from a background thread (the CLI calls ``httpd.serve_forever()`` itself)."""
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop answering, stop the Oxigraph server and remove its temporary store."""
        if self._thread is not None:
            self.httpd.shutdown()
            self._thread = None
        self.httpd.server_close()
        self.engine.stop()

    def __enter__(self) -> "Gateway":
        return self

    def __exit__(self, *_exc) -> None:
        self.stop()


def start(graph_path: str | Path, host: str = "127.0.0.1", port: int = 7878, timeout_s: float = DEFAULT_TIMEOUT_S,
          allow_service: bool = False, writable: bool = False) -> Gateway:
    """Load the graph into an Oxigraph server on a browser-blocked loopback port and put the front on ``port``.

    Call ``gateway.httpd.serve_forever()`` to answer requests (or run it in a thread) and
    :meth:`Gateway.stop` to end both.
    """
    try:  # bind first: a taken port fails before the graph is loaded
        httpd = _Front((host, port), _Handler)
    except OSError as e:
        raise EndpointError(f"cannot listen on {host}:{port}: {e.strerror}; choose another --port") from None
    try:
        engine = serve(graph_path, read_only=not writable, query_timeout_s=timeout_s,
                       ports=[p for p in BROWSER_BLOCKED_PORTS if _free(p)][:5] or BROWSER_BLOCKED_PORTS[:1])
    except BaseException:
        httpd.server_close()
        raise
    bound_port = httpd.server_address[1]
    shown = f"[{host}]" if ":" in host else host
    httpd.configure(engine, host, bound_port, timeout_s, allow_service, writable)
    return Gateway(f"http://{shown}:{bound_port}", httpd, engine)


def banner(front: Gateway, timeout_s: float, allow_service: bool) -> str:
    """What ``serve`` prints: where to send queries, the page preloaded with an example, and the example itself."""
    example = example_query()
    query = example[example.index("SELECT"):]
    service = ("SERVICE clauses ARE RUN (--allow-service)" if allow_service
               else "SERVICE clauses, updates and requests from other web pages are refused")
    return f"""SPARQL endpoint at {front.query_url} (SPARQL 1.1 Protocol)
Query page (recgraph prefixes and an example loaded): {front.url}/
Each query stops after {timeout_s:g} s; {service}. Ctrl-C to stop.

Example, with the prefixes every library query uses (`recgraph query --list` lists them):

{example}
From a shell:

curl -H 'Accept: text/csv' --data-urlencode 'query={_prefixed(query)}' {front.query_url}
"""


def _prefixed(query: str) -> str:
    """The example for curl: one line, prefixes reduced to those it uses, quotes safe in a shell."""
    lines = [f"PREFIX {p}: <{iri}>" for p, iri in sparql.query_prefixes(example_query()).items() if f"{p}:" in query]
    return " ".join(lines + [" ".join(query.split())]).replace("'", "'\\''")


def _free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


class _Front(ThreadingHTTPServer):
    daemon_threads = True

    def configure(self, engine, host, port, timeout_s, allow_service, writable) -> None:
        self.engine, self.engine_url, self.timeout_s = engine, engine.url, timeout_s
        self.generation, self.lock = 0, threading.Lock()
        # restarts run in one long-lived thread: the kernel kills a child when the thread that
        # started it exits (PR_SET_PDEATHSIG), so a short-lived timer thread must not start one
        self.expired: queue.Queue[int | None] = queue.Queue()
        self.supervisor = threading.Thread(target=self._restarts, daemon=True)
        self.supervisor.start()
        self.allow_service, self.writable = allow_service, writable
        names = LOOPBACK_NAMES | {host}
        self.loopback = host in LOOPBACK_NAMES or host.startswith("127.")
        self.hosts = {f"{n}:{port}" for n in names} | {f"[{n}]:{port}" for n in names if ":" in n}
        self.origins = {f"http://{h}" for h in self.hosts}
        self.page = _page(example_query())

    def expire(self, generation: int) -> None:
        """A request ran past the time limit: have the server restarted, which ends its query.

        Oxigraph's own ``--timeout-s`` does not stop every query (an aggregate over a cartesian
        product runs on), so the front enforces the limit; requests in flight at that moment
        fail and can be sent again.
        """
        self.expired.put(generation)

    def _restarts(self) -> None:
        while (generation := self.expired.get()) is not None:
            with self.lock:
                if generation == self.generation:
                    self.generation += 1
                    self.engine.restart()

    def handle_error(self, request, client_address) -> None:
        """Stay quiet about a connection's own failure (a client gone, or its socket closed by a
        signal stopping the server mid-accept); anything else is a bug worth its traceback."""
        if isinstance(sys.exc_info()[1], OSError):
            return
        super().handle_error(request, client_address)

    def server_close(self) -> None:
        super().server_close()
        if getattr(self, "supervisor", None) is not None:
            self.expired.put(None)
            self.supervisor.join()
            self.supervisor = None


class _Handler(BaseHTTPRequestHandler):
    server_version = "recgraph-serve"
    protocol_version = "HTTP/1.1"  # chunked answers; every connection closes after one answer
    server: _Front

    def log_message(self, format, *args) -> None:  # quiet: the terminal shows the examples
        pass

    def do_GET(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def do_PUT(self) -> None:
        self._handle()

    def do_DELETE(self) -> None:
        self._handle()

    def _handle(self) -> None:
        refusal = self._refusal()
        if refusal:
            return self._send(403, refusal)
        path, _, query_string = self.path.partition("?")
        if path in ("/query", "/sparql"):
            return self._query(query_string)
        if path == "/" and self.command == "GET":
            return self._send(200, self.server.page, "text/html; charset=utf-8")
        if path in ("/yasgui.min.js", "/yasgui.min.css", "/logo.svg") and self.command == "GET":
            return self._forward("GET", path, None, None)
        if path in ("/update", "/store"):
            return self._write(path, query_string)
        self._send(404, f"not found: {path}; SPARQL queries go to /query")

    def _refusal(self) -> str | None:
        """Why a request is refused: it comes from another web page, or by a rebound host name."""
        host = self.headers.get("Host", "")
        if self.server.loopback and host not in self.server.hosts:
            return f"refused: Host {host!r} is not this endpoint's address (DNS rebinding guard)"
        origin = self.headers.get("Origin")
        if origin is not None and origin not in self.server.origins:
            return f"refused: requests from other web pages ({origin}) are not answered"
        site = self.headers.get("Sec-Fetch-Site")
        if site is not None and site not in ("same-origin", "none"):
            return f"refused: requests from other web pages (Sec-Fetch-Site: {site}) are not answered"
        return None

    def _body(self) -> bytes | None:
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            self._send(411, "a POST needs a Content-Length")
            return None
        if int(length) > MAX_BODY:
            self._send(413, f"the request is larger than {MAX_BODY} bytes")
            return None
        return self.rfile.read(int(length))

    def _query(self, query_string: str) -> None:
        params = urllib.parse.parse_qs(query_string, keep_blank_values=True)
        if self.command == "POST":
            body = self._body()
            if body is None:
                return
            kind = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
            if kind == "application/x-www-form-urlencoded":
                for k, v in urllib.parse.parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True).items():
                    params.setdefault(k, []).extend(v)
            elif kind == "application/sparql-query":
                params.setdefault("query", []).append(body.decode("utf-8", "replace"))
            else:
                return self._send(415, "send the query as application/x-www-form-urlencoded or application/sparql-query")
        elif self.command != "GET":
            return self._send(405, "SPARQL queries are sent with GET or POST")
        texts = params.get("query", [])
        if len(texts) != 1:
            return self._send(400, "send exactly one query parameter")
        if not self.server.allow_service:
            try:
                sparql.refuse_service(texts[0])
            except sparql.QueryError as e:
                return self._send(400, str(e).replace("--allow-service", "`recgraph serve --allow-service`"))
        form = [("query", texts[0])] + [(k, v) for k in PASSED_PARAMS for v in params.get(k, [])]
        self._forward("POST", "/query", urllib.parse.urlencode(form).encode("utf-8"),
                      "application/x-www-form-urlencoded")

    def _write(self, path: str, query_string: str) -> None:
        if not self.server.writable:
            return self._send(403, "this endpoint is read-only (start `recgraph serve --writable` to allow updates)")
        body = self._body() if self.command in ("POST", "PUT") else b""
        if body is None:
            return
        if path == "/update" and not self.server.allow_service:
            text = body.decode("utf-8", "replace")
            if self.headers.get("Content-Type", "").startswith("application/x-www-form-urlencoded"):
                text = " ".join(urllib.parse.parse_qs(text).get("update", []))
            try:
                sparql.refuse_service(text, update=True)
            except sparql.QueryError as e:
                return self._send(400, str(e))
        self._forward(self.command, path + ("?" + query_string if query_string else ""), body or None,
                      self.headers.get("Content-Type"))

    def _forward(self, method: str, path: str, body: bytes | None, content_type: str | None) -> None:
        headers = {"Accept": self.headers.get("Accept", "*/*")}
        if content_type:
            headers["Content-Type"] = content_type
        request = urllib.request.Request(self.server.engine_url + path, data=body, method=method, headers=headers)
        with self.server.lock:  # waits while a restart is under way
            generation = self.server.generation
        timer = threading.Timer(self.server.timeout_s, self.server.expire, (generation,))
        timer.start()
        try:
            self._relay(request)
        except (urllib.error.URLError, OSError, http.client.HTTPException):
            if self._headers_sent:  # the answer had started: all the client can be told is a cut connection
                return
            if generation != self.server.generation:
                self._send(503, f"the query ran longer than {self.server.timeout_s:g} s and was stopped; "
                                "narrow it, or start `recgraph serve --timeout SECONDS` with a longer limit")
            else:
                self._send(502, "the query engine did not answer; send the request again")
        finally:
            timer.cancel()

    _headers_sent = False

    def _relay(self, request: urllib.request.Request) -> None:
        try:
            response = urllib.request.urlopen(request, timeout=self.server.timeout_s + 5)
        except urllib.error.HTTPError as e:
            response = e
        with response:
            self.send_response(response.status)
            for name in ("Content-Type", "Content-Disposition"):
                if response.headers.get(name):
                    self.send_header(name, response.headers[name])
            self.send_header("X-Content-Type-Options", "nosniff")
            # chunked, so that an answer cut by the time limit reads as incomplete, not as a short answer
            self.send_header("Transfer-Encoding", "chunked")
            self.send_header("Connection", "close")
            self.end_headers()
            self._headers_sent = True
            while chunk := response.read1(65536):
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            self.wfile.write(b"0\r\n\r\n")

    def _send(self, status: int, text: str, content_type: str = "text/plain; charset=utf-8") -> None:
        body = (text if text.endswith("\n") else text + "\n").encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        self.wfile.write(body)


def _page(query: str) -> str:
    """Oxigraph's YASGUI page with the endpoint fixed, the recgraph prefixes and an example loaded."""
    prefixes = sparql.query_prefixes(query)
    config = json.dumps({"query": query, "prefixes": prefixes}, ensure_ascii=False).replace("<", "\\u003c")
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{html.escape("recgraph SPARQL endpoint")}</title>
<link rel="icon" href="data:,">
<link href="./yasgui.min.css" rel="stylesheet" type="text/css">
<script src="./yasgui.min.js"></script>
</head>
<body>
<div id="yasgui"></div>
<script>
const recgraph = {config};
// only the variable completer: the others fetch prefix.cc and vocabulary services from the browser
for (const list of [Yasgui.Yasqe.defaults.autocompleters, Yasgui.defaults.yasqe.autocompleters]) {{
  list.splice(0, list.length, "variables");
}}
const yasgui = new Yasgui(document.getElementById("yasgui"), {{
  requestConfig: {{ endpoint: window.location.origin + "/query", method: "POST" }},
  copyEndpointOnNewTab: true,
  persistenceId: null,
  yasqe: {{ value: recgraph.query }},
  yasr: {{ prefixes: recgraph.prefixes }},
  endpointCatalogueOptions: {{ getData: () => [{{ endpoint: window.location.origin + "/query" }}], keys: [] }},
}});
</script>
</body>
</html>
"""

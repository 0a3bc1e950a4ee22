"""The Oxigraph endpoint started by `serve`, queried with SPARQLWrapper, and `publish` to a store."""

import urllib.request
from pathlib import Path

import pytest
from SPARQLWrapper import JSON, SPARQLWrapper

from recgraph.endpoint import EndpointError, free_port, oxigraph_binary, publish, serve
from recgraph.sparql import list_queries, load_graph, resolve_params, run_query

FIXTURE = Path(__file__).parent / "data" / "sparql" / "fixture.ttl"
GRAPH = "https://w3id.org/recgraph/id/graph/test"


def remote(url, text):
    """Rows from a SPARQL endpoint through SPARQLWrapper, as plain values like run_query's."""
    client = SPARQLWrapper(url)
    client.setQuery(text)
    client.setReturnFormat(JSON)
    answer = client.queryAndConvert()
    columns = answer["head"]["vars"]
    return columns, sorted(tuple(b.get(c, {}).get("value") for c in columns) for b in answer["results"]["bindings"])


def as_text(rows):
    return sorted(tuple(None if v is None else str(v).lower() if isinstance(v, bool) else str(v) for v in r)
                  for r in rows)


def test_binary_is_found():
    assert Path(oxigraph_binary()).is_file()


def test_serve_answers_like_the_local_engine():
    local = load_graph(FIXTURE)
    with serve(FIXTURE) as server:
        assert server.url.startswith("http://127.0.0.1:")
        assert server.read_only
        with urllib.request.urlopen(server.url + "/") as r:  # the web query page
            assert r.status == 200
        for q in list_queries():
            if q.params:  # the protocol has no bindings; compare the parameter-free queries
                continue
            columns, rows = remote(server.query_url, q.body)
            expected = run_query(local, q.text)
            assert tuple(columns) == expected.columns, q.name
            # decimals: compare numerically via the local engine's canonical form
            assert len(rows) == len(expected.rows), q.name
            assert as_text(r for r in expected.rows) == sorted(
                tuple(_canon(v) for v in r) for r in rows), q.name
        process = server.process
    assert process.poll() is not None  # stopped, and the temporary store is gone
    assert server.location is not None and not server.location.exists()


def _canon(value):
    from decimal import Decimal, InvalidOperation
    if value is None:
        return None
    try:
        d = Decimal(value)
        if "." in value:
            return str(d.quantize(Decimal(1)) if d == d.to_integral_value() else d.normalize())
    except InvalidOperation:
        pass
    return value


def test_serve_is_read_only():
    with serve(FIXTURE, port=free_port()) as server:
        request = urllib.request.Request(server.update_url, data=b"update=CLEAR ALL", method="POST",
                                         headers={"Content-Type": "application/x-www-form-urlencoded"})
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(request)
        assert remote(server.query_url, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }")[1][0][0] == "501"


def test_serve_missing_graph():
    with pytest.raises(EndpointError, match="no such graph file"):
        serve("no/such/graph.ttl")


def test_publish_replace_and_merge(tmp_path):
    extra = tmp_path / "extra.ttl"
    extra.write_text('<https://example.org/a> <https://example.org/p> "x" .\n', encoding="utf-8")
    count = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}"
    with serve(None, read_only=False) as store:
        assert publish(FIXTURE, store.store_url, GRAPH) in (200, 201, 204)
        assert remote(store.query_url, count)[1] == [("501",)]
        q = next(q for q in list_queries() if q.name == "recommendations-by-kind")
        named = q.body.replace("WHERE {", f"WHERE {{ GRAPH <{GRAPH}> {{", 1).replace("\n}\nORDER", "\n} }\nORDER")
        assert len(remote(store.query_url, named)[1]) == len(
            run_query(load_graph(FIXTURE), q.text, resolve_params(q, {})).rows) == 5
        publish(extra, store.store_url, GRAPH, mode="merge")
        assert remote(store.query_url, count)[1] == [("502",)]
        publish(extra, store.store_url, GRAPH, mode="replace")
        assert remote(store.query_url, count)[1] == [("1",)]
        # the default graph was never touched
        assert remote(store.query_url, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }")[1] == [("0",)]


def test_publish_refused_by_a_read_only_store():
    with serve(FIXTURE) as server:
        with pytest.raises(EndpointError, match=r"refused the graph: HTTP 4\d\d"):
            publish(FIXTURE, server.store_url, GRAPH)


def test_publish_unreachable():
    port = free_port()  # nothing listens there
    with pytest.raises(EndpointError, match=f"cannot reach http://127.0.0.1:{port}/store"):
        publish(FIXTURE, f"http://127.0.0.1:{port}/store", GRAPH)


def test_publish_bad_input(tmp_path):
    with pytest.raises(ValueError):
        publish(FIXTURE, "http://127.0.0.1:1/store", GRAPH, mode="append")
    (tmp_path / "g.xyz").write_text("")
    with pytest.raises(EndpointError, match="RDF format"):
        publish(tmp_path / "g.xyz", "http://127.0.0.1:1/store", GRAPH)


# ---------------------------------------------------------------- `recgraph serve`: the guarded endpoint

import json  # noqa: E402
import os  # noqa: E402
import signal  # noqa: E402
import socket  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
import urllib.parse  # noqa: E402

from recgraph import gateway  # noqa: E402

CARTESIAN = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


@pytest.fixture(scope="module")
def front():
    with gateway.start(FIXTURE, port=0, timeout_s=2).in_thread() as g:
        yield g


def http(front, query=None, method="GET", headers=None, body=None, path="/query"):
    """(status, content type, text) of one request to the front."""
    url = front.url + path
    if query is not None and method == "GET":
        url += "?" + urllib.parse.urlencode({"query": query})
    if query is not None and method == "POST" and body is None:
        body = urllib.parse.urlencode({"query": query}).encode()
        headers = {"Content-Type": "application/x-www-form-urlencoded", **(headers or {})}
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as r:
            return r.status, r.headers["Content-Type"], r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.headers["Content-Type"], e.read().decode("utf-8")


class Listener:
    """A TCP port that records whether anything connected to it."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.sock.settimeout(0.2)
        self.port, self.connections = self.sock.getsockname()[1], 0
        self.done = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while not self.done.is_set():
            try:
                conn, _ = self.sock.accept()
                self.connections += 1
                conn.close()
            except OSError:
                pass

    def close(self):
        self.done.set()
        self.sock.close()


@pytest.mark.parametrize("accept,kind,start", [
    ("application/sparql-results+json", "application/sparql-results+json", '{"head":{"vars":["n"]}'),
    ("application/sparql-results+xml", "application/sparql-results+xml", "<?xml"),
    ("text/csv", "text/csv", "n\r\n501\r\n"),
    ("text/tab-separated-values", "text/tab-separated-values", "?n\n501"),
])
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_front_answers_the_protocol_with_content_negotiation(front, accept, kind, start, method):
    status, content_type, text = http(front, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", method, {"Accept": accept})
    assert status == 200 and content_type.startswith(kind) and text.startswith(start)


@pytest.mark.parametrize("accept,kind", [("text/turtle", "text/turtle"), ("application/n-triples", "application/n-triples")])
def test_front_construct_in_rdf(front, accept, kind):
    q = "PREFIX rg: <https://w3id.org/recgraph/ns#> CONSTRUCT { ?e rg:serial ?n } WHERE { ?e rg:serial ?n }"
    status, content_type, text = http(front, q, headers={"Accept": accept})
    assert status == 200 and content_type.startswith(kind)
    assert text.count("https://w3id.org/recgraph/ns#serial") == 3


def test_front_sparql_query_body(front):
    status, _, text = http(front, method="POST", body=b"ASK { ?s ?p ?o }",
                           headers={"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})
    assert status == 200 and json.loads(text)["boolean"] is True


@pytest.mark.parametrize("query", [
    "SELECT * { SERVICE <http://127.0.0.1:{port}/sparql> { ?s ?p ?o } }",
    "SELECT * { SERVIC\\u0045 <http://127.0.0.1:{port}/sparql> { ?s ?p ?o } }",
    "SELECT * { ?x ?y ?z OPTIONAL { service silent <http://127.0.0.1:{port}/> { ?s ?p ?o } } }",
])
@pytest.mark.parametrize("how", ["GET", "POST", "sparql-query"])
def test_front_refuses_service_and_nothing_is_sent(front, query, how):
    listener = Listener()
    try:
        q = query.replace("{port}", str(listener.port))
        if how == "sparql-query":
            status, _, text = http(front, method="POST", body=q.encode(), headers={"Content-Type": "application/sparql-query"})
        else:
            status, _, text = http(front, q, how)
        time.sleep(0.3)
        assert status == 400 and "SERVICE" in text and "--allow-service" in text
        assert listener.connections == 0
    finally:
        listener.close()


def test_front_forwards_only_the_checked_query(front):
    """A second query in the URL of a form POST is not a way around the check."""
    listener = Listener()
    try:
        hidden = urllib.parse.urlencode({"query": f"SELECT * {{ SERVICE <http://127.0.0.1:{listener.port}/> {{ ?s ?p ?o }} }}"})
        request = urllib.request.Request(front.url + "/query?" + hidden, data=b"query=ASK%7B%7D", method="POST",
                                         headers={"Content-Type": "application/x-www-form-urlencoded"})
        with pytest.raises(urllib.error.HTTPError) as info:
            urllib.request.urlopen(request)
        assert info.value.code == 400 and "exactly one query" in info.value.read().decode()
        assert listener.connections == 0
    finally:
        listener.close()


@pytest.mark.parametrize("headers,reason", [
    ({"Origin": "https://evil.example"}, "other web pages"),
    ({"Origin": "null"}, "other web pages"),
    ({"Sec-Fetch-Site": "cross-site"}, "other web pages"),
    ({"Sec-Fetch-Site": "same-site"}, "other web pages"),
    ({"Host": "evil.example:7878"}, "DNS rebinding"),
])
def test_front_refuses_other_pages_and_rebound_hosts(front, headers, reason):
    status, _, text = http(front, "ASK {}", "POST", headers)
    assert status == 403 and reason in text


def test_front_answers_its_own_page(front):
    origin = front.url
    status, _, _ = http(front, "ASK {}", "POST", {"Origin": origin, "Sec-Fetch-Site": "same-origin"})
    assert status == 200
    host = urllib.parse.urlsplit(front.url).netloc.replace("127.0.0.1", "localhost")
    assert http(front, "ASK {}", headers={"Host": host})[0] == 200


@pytest.mark.parametrize("path,method,body", [
    ("/update", "POST", b"update=CLEAR ALL"), ("/store?default", "PUT", b"<a:b> <a:c> <a:d> ."),
    ("/store?default", "DELETE", None),
])
def test_front_is_read_only(front, path, method, body):
    status, _, text = http(front, method=method, path=path, body=body,
                           headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 403 and "read-only" in text
    assert http(front, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", headers={"Accept": "text/csv"})[2] == "n\r\n501\r\n"


def test_engine_sits_on_a_port_browsers_refuse(front):
    port = urllib.parse.urlsplit(front.engine.url).port
    assert port in gateway.BROWSER_BLOCKED_PORTS
    assert urllib.parse.urlsplit(front.engine.url).hostname == "127.0.0.1"


def test_front_time_limit_stops_the_query_and_keeps_serving(front):
    start = time.monotonic()
    status, _, text = http(front, CARTESIAN)
    assert status == 503 and "longer than 2 s" in text and "--timeout" in text
    assert time.monotonic() - start < 10
    time.sleep(0.5)
    assert http(front, "ASK { ?s ?p ?o }", headers={"Accept": "text/csv"})[0] == 200


def test_front_page_is_preloaded(front):
    status, content_type, page = http(front, path="/")
    assert status == 200 and content_type.startswith("text/html")
    config = json.loads(page.split("const recgraph = ", 1)[1].split(";\n", 1)[0])
    assert config["prefixes"]["rg"] == "https://w3id.org/recgraph/ns#"
    assert config["query"] == gateway.example_query() and "rg:serial" in config["query"]
    assert "/query" in page and "yasgui.min.js" in page and "https://" not in page.split("<script>")[0]
    assert http(front, path="/yasgui.min.js")[0] == 200


def test_example_query_answers(front):
    status, _, text = http(front, gateway.example_query(), headers={"Accept": "text/csv"})
    assert status == 200 and text.splitlines()[1] == "1,5G專網應用推動計畫,數位產業署"


# ---------------------------------------------------------------- `recgraph serve` as a process

def _children(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(c) for c in f.read().split()]
    except FileNotFoundError:
        return []


def _alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(") ")[1][0] != "Z"
    except FileNotFoundError:
        return False


def _port_open(port):
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture
def serve_process():
    """`recgraph serve` started as a user would, once it answers; its oxigraph child and store folder."""
    port = free_port()
    # SIGINT as a terminal delivers it: a shell that starts this suite in the background has it ignored,
    # and a process that starts with SIGINT ignored keeps ignoring it (Python then installs no handler)
    process = subprocess.Popen([sys.executable, "-m", "recgraph", "serve", str(FIXTURE), "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    first = process.stdout.readline()
    assert first.startswith(f"SPARQL endpoint at http://127.0.0.1:{port}/query"), first + process.stderr.read()
    (child,) = _children(process.pid)
    args = open(f"/proc/{child}/cmdline").read().split("\0")
    store = Path(args[args.index("--location") + 1])
    assert store.is_dir() and _port_open(port)
    yield process, child, store, port
    if process.poll() is None:
        process.kill()
        process.wait()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_serve_stops_with_its_server_on_any_signal(serve_process, signum):
    process, child, store, port = serve_process
    process.send_signal(signum)
    assert process.wait(20) == 0
    assert "Traceback" not in process.stderr.read()
    assert not _alive(child) and not _port_open(port) and not store.exists()


def test_serve_child_dies_with_a_killed_parent(serve_process):
    process, child, store, port = serve_process
    process.kill()
    process.wait()
    deadline = time.monotonic() + 5
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(child)  # the kernel killed it (PR_SET_PDEATHSIG)
    assert store.exists()  # nobody was left to remove it, until the next serve starts
    with gateway.start(FIXTURE, port=0):
        assert not store.exists()


def test_serve_help_shows_defaults(capsys):
    from recgraph.cli import main

    with pytest.raises(SystemExit):
        main(["serve", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "(default: 7878)" in text and "(default: 10.0)" in text and "DANGEROUS" in text


def test_serve_port_taken(capsys):
    from recgraph.cli import main

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        assert main(["serve", str(FIXTURE), "--port", str(s.getsockname()[1])]) == 4
    err = capsys.readouterr().err
    assert "cannot listen on 127.0.0.1" in err and "--port" in err and "Traceback" not in err


def test_front_cuts_a_streamed_answer_visibly(front):
    """An answer stopped by the time limit reads as incomplete, not as a shorter complete answer."""
    import http.client

    url = front.query_url + "?" + urllib.parse.urlencode({"query": "SELECT * { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"})
    with pytest.raises(http.client.IncompleteRead):
        with urllib.request.urlopen(url, timeout=30) as r:
            r.read()


def test_query_page_runs_the_example_in_a_browser(front):
    """The page opens with the example, runs it through the front (its own origin passes the
    guard) and shows the answer; it asks nothing of any other address."""
    from browser import chromium

    with chromium() as browser:
        page = browser.new_context().new_page()
        blocked, errors = [], []

        def route(r):
            if r.request.url.startswith(front.url + "/"):
                r.continue_()
            else:
                blocked.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        page.goto(front.url + "/", wait_until="load")
        page.wait_for_function("typeof yasgui !== 'undefined' && yasgui.getTab() !== undefined")
        assert page.evaluate("yasgui.getTab().getQuery()") == gateway.example_query()
        page.evaluate("yasgui.getTab().query()")
        page.wait_for_selector("text=5G專網應用推動計畫", timeout=20000)
        assert page.locator("text=數位產業署").count() >= 1
        assert not errors, errors
        assert not [u for u in blocked if not u.startswith("data:")], blocked


def test_a_connection_cut_under_the_server_leaves_no_traceback(capsys):
    # A signal stopping serve mid-accept closes the accepted socket under its handler thread
    # (EBADF); that thread's error must not reach the terminal, a handler's own bug must.
    front = gateway._Front(("127.0.0.1", 0), gateway._Handler)
    try:
        for error, shown in ((OSError(9, "Bad file descriptor"), False), (ConnectionResetError(), False),
                             (ValueError("a bug"), True)):
            try:
                raise error
            except Exception:
                front.handle_error(None, ("127.0.0.1", 1))
            assert ("Traceback" in capsys.readouterr().err) is shown, error
    finally:
        front.server_close()

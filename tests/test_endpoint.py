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
        assert remote(server.query_url, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }")[1][0][0] == "396"


def test_serve_missing_graph():
    with pytest.raises(EndpointError, match="no such graph file"):
        serve("no/such/graph.ttl")


def test_publish_replace_and_merge(tmp_path):
    extra = tmp_path / "extra.ttl"
    extra.write_text('<https://example.org/a> <https://example.org/p> "x" .\n', encoding="utf-8")
    count = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}"
    with serve(None, read_only=False) as store:
        assert publish(FIXTURE, store.store_url, GRAPH) in (200, 201, 204)
        assert remote(store.query_url, count)[1] == [("396",)]
        q = next(q for q in list_queries() if q.name == "recommendations-by-kind")
        named = q.body.replace("WHERE {", f"WHERE {{ GRAPH <{GRAPH}> {{", 1).replace("\n}\nORDER", "\n} }\nORDER")
        assert len(remote(store.query_url, named)[1]) == len(
            run_query(load_graph(FIXTURE), q.text, resolve_params(q, {})).rows) == 5
        publish(extra, store.store_url, GRAPH, mode="merge")
        assert remote(store.query_url, count)[1] == [("397",)]
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

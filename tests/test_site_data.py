"""The site's records: joined in Python from one pass over the graph (a store, or a build's
canonical graph.nt streamed), they are exactly what the SPARQL queries of tests/site_sparql.py give."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

import site_sparql
from recgraph import views as V
from recgraph.loader import load_store
from recgraph.ntriples import NotCanonical, split_points, subjects, term
from recgraph.serialize import canonical
from recgraph.site_data import NAME, read_site_data

DATA = Path(__file__).parent / "data"
NT = ox.RdfFormat.N_TRIPLES

MANY = """
@prefix rg: <https://w3id.org/recgraph/ns#> . @prefix dcterms: <http://purl.org/dc/terms/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix oa: <http://www.w3.org/ns/oa#> .
@prefix org: <http://www.w3.org/ns/org#> . @prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix x: <https://example.org/> .
x:r a rg:EvaluationReport ; rg:fiscalYear 2025, 2024 ; rg:sourceFile "b.txt", "a.txt" ; dcterms:publisher x:b, x:a ;
    rg:sha256 "ff", "0a" .
x:e a rg:PlanEvaluation ; rg:evaluates x:p2, x:p1 ; rg:planName "乙", "甲" ; dcterms:isPartOf x:r ;
    rg:serial 9, 10 ; rg:paragraph x:par, x:par0 ; rg:nameSegment x:name ; rg:mentions x:m, x:rec .
x:par rg:start 5 ; rg:text "第二段\\"引號\\"\\n換行" ; rg:sentence x:s .
x:par0 rg:start 0 ; rg:text "第一段。" .
x:s rg:start 0 ; rg:text "第二段\\"引號\\"\\n換行" .
x:name rg:text "甲計畫" .
x:m a rg:ThemeMention ; oa:hasBody x:t2, x:t1 ; oa:hasTarget x:tg .
x:tg oa:hasSource x:s ; oa:hasSelector x:q, x:pos .
x:q oa:exact "引號" . x:pos oa:start 4 ; oa:end 6 .
x:rec a rg:Recommendation ; dcterms:identifier "R2", "R1" ; rg:text "建議" ; rg:evaluation x:e ;
    rg:acceptance x:acc ; rg:implementation x:impl1, x:impl2 ; rg:addressedTo x:b, x:a, x:a2 ;
    rg:kind x:k ; rg:concerns x:p1, x:p2 ; rg:evidence x:ev .
x:ev oa:hasTarget x:tg2 . x:tg2 oa:hasSource x:name ; oa:hasSelector x:q2 .
x:q2 oa:exact "甲" ; oa:start 0 ; oa:end 1 .
x:acc skos:notation "accepted" . x:impl1 skos:notation "open" ; skos:broadMatch <https://w3id.org/recgraph/gao-status/open-x> .
x:impl2 skos:notation "closed" ; skos:exactMatch <https://w3id.org/recgraph/gao-status/closed-y> .
x:st1 a rg:StatusAssertion ; rg:statusOf x:rec ; rg:date "2025-02-01" ; rg:acceptance x:acc ; prov:used x:u, x:v ;
    rdfs:comment "一" .
x:st0 a rg:StatusAssertion ; rg:statusOf x:rec ; rg:date "2025-01-01" .
x:u rdfs:label "更新檔" .
x:f a rg:ReportedFigure ; rg:evaluation x:e ; rg:metric "m2", "m1" ; rg:value 3.50 ; rg:target 7 ; rg:unit "件" .
x:a a org:Organization ; dcterms:identifier "a" ; org:subOrganizationOf x:b, x:c ; skos:altLabel "乙", "甲", x:notLiteral .
x:b a org:Organization .
"""
"""Several values where the records take one (the least of the queries' sorted rows), escapes in
literals, a status history with two assertions, evidence through rg:evidence and on a name."""


def canonical_nt(store: ox.Store, path: Path) -> Path:
    """The store's triples as a build writes graph.nt: canonical order, one a line."""
    ox.serialize(canonical(q.triple for q in store), output=str(path), format=NT)
    return path


def graphs(which: str, tmp_path: Path, seed_build) -> ox.Store:
    if which == "seed":
        return seed_build.to_store()
    if which == "many":
        store = ox.Store()
        store.load(MANY.encode(), format=ox.RdfFormat.TURTLE)
        return store
    return load_store(DATA / which)


@pytest.mark.parametrize("which", ["seed", "hostile.ttl", "mini.ttl", "many"])
def test_records_joined_in_python_are_the_sparql_queries(which, tmp_path, seed_build):
    store = graphs(which, tmp_path, seed_build)
    facts = V.read_facts(store)
    expected = site_sparql.read_site_data(store, facts)
    nt = canonical_nt(store, tmp_path / "graph.nt")
    for d in (read_site_data(store, facts), read_site_data(None, facts, nt=nt)):
        for name in ("reports", "evaluations", "recommendations", "figures", "agencies", "alt_labels"):
            assert getattr(d, name) == getattr(expected, name), name
            assert list(getattr(d, name)) == list(getattr(expected, name)), name  # the same order
    spans = [s for ev in expected.evaluations.values() for s in ev["spans"] + ev["name_spans"]]
    assert which != "seed" or len(spans) > 500 and len(expected.recommendations) > 100
    if which == "many":  # the fixture reaches every join
        rec = expected.recommendations["https://example.org/rec"]
        assert rec["id"] == "R1" and rec["gao"] == "open" and [h["date"] for h in rec["history"]] == [
            "2025-01-01", "2025-02-01", "2025-02-01"]
        ev = expected.evaluations["https://example.org/e"]
        assert [s["exact"] for s in ev["spans"]] == ['引號'] and [s["exact"] for s in ev["name_spans"]] == ["甲"]
        assert list(ev["sentences"]) == [0, 10]  # as the graph gives them (this fixture's sentence starts at 0)
        assert expected.reports["https://example.org/r"] == {"year": 2024, "file": "a.txt", "title": "",
                                                              "publisher": "https://example.org/a", "sha256": "0a"}


def test_the_build_reads_its_graph_nt_as_the_store_gives_it(seed_build):
    store = seed_build.to_store()
    facts = V.read_facts(store)
    assert read_site_data(None, facts, nt=seed_build.graph) == read_site_data(store, facts)


def test_ntriples_values_are_pyoxigraphs(tmp_path):
    store = ox.Store()
    store.load(MANY.encode(), format=ox.RdfFormat.TURTLE)
    store.add(ox.Quad(ox.NamedNode("https://example.org/z"), ox.NamedNode("https://example.org/p"),
                      ox.Literal('a "b" \\ c .\n\r\t\x01 😀 " .', language="zh-Hant")))
    nt = canonical_nt(store, tmp_path / "graph.nt")
    predicates = {q.predicate.value for q in store}
    expected: dict[str, dict[str, list[str]]] = {}
    for q in ox.parse(path=str(nt), format=NT):
        expected.setdefault(q.subject.value, {}).setdefault(q.predicate.value, []).append(q.object.value)
    assert dict(subjects(nt, {p: p for p in predicates})) == expected
    assert term(b'"x"@en') == ("x", True) and term(b"<https://example.org/a>") == ("https://example.org/a", False)
    only_literals = dict(subjects(nt, {"http://www.w3.org/2004/02/skos/core#altLabel": "alt"},
                                  literals={"http://www.w3.org/2004/02/skos/core#altLabel"}))
    assert only_literals == {"https://example.org/a": {"alt": ["乙", "甲"]}}


def test_a_graph_out_of_canonical_order_is_refused(tmp_path):
    path = tmp_path / "graph.nt"
    path.write_bytes(b'<https://example.org/b> <https://example.org/p> "1" .\n'
                     b'<https://example.org/a> <https://example.org/p> "2" .\n')
    with pytest.raises(NotCanonical):
        list(subjects(path, {"https://example.org/p": "p"}))


@pytest.mark.parametrize("parts", [2, 3, 7])
def test_graph_nt_read_in_ranges_gives_what_one_pass_gives(parts, seed_build):
    nt = seed_build.graph
    points = split_points(nt, parts)
    offsets = [offset for offset, _ in points]
    assert len(points) == parts - 1 and offsets == sorted(set(offsets))
    lines = Path(nt).read_bytes()
    for offset, subject in points:  # each cut is a subject's first line
        assert lines[offset - 1:offset] == b"\n" and lines[offset:].startswith(subject + b" ")
        assert not lines[:offset].rsplit(b"\n", 2)[-2].startswith(subject + b" ")
    (quarter, _), = split_points(nt, 2, weights=[1, 3])  # ranges in proportion to the weights
    assert 0.24 < quarter / len(lines) < 0.26
    whole = list(subjects(nt, NAME))
    bounds = list(zip([0] + offsets, [s for _, s in points] + [None]))
    assert [x for start, stop in bounds for x in subjects(nt, NAME, start=start, stop=stop)] == whole
    store = seed_build.to_store()
    facts = V.read_facts(store)
    serial, parallel = read_site_data(None, facts, nt=nt), read_site_data(None, facts, nt=nt, workers=parts)
    assert parallel == serial and len(parallel.recommendations) > 100
    for name in ("reports", "evaluations", "recommendations", "figures", "agencies", "alt_labels"):
        assert list(getattr(parallel, name)) == list(getattr(serial, name)), name  # the same order


def test_a_graph_too_small_to_cut_is_read_whole(tmp_path):
    path = tmp_path / "graph.nt"
    path.write_bytes(b'<https://example.org/a> <https://example.org/p> "1" .\n' * 5)
    assert split_points(path, 4) == []  # one subject: no cut
    path.write_bytes(b"".join(b'<https://example.org/%d> <https://example.org/p> "1" .\n' % i for i in range(6)))
    (offset, subject), = split_points(path, 2)
    assert path.read_bytes()[offset:].startswith(subject + b" ") and subject.startswith(b"<https://example.org/")
    whole = list(subjects(path, {"https://example.org/p": "p"}))
    halves = [*subjects(path, {"https://example.org/p": "p"}, stop=subject),
              *subjects(path, {"https://example.org/p": "p"}, start=offset)]
    assert halves == whole and len(whole) == 6

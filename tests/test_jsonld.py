"""graph.jsonld is compact JSON-LD with the published context, and the same graph as the Turtle."""

from __future__ import annotations

import json

import pyoxigraph as ox
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from recgraph import jsonld
from recgraph.vocab import ontology_path


def test_published_context_is_in_sync_with_the_ontology_and_prefixes():
    shipped = json.loads(ontology_path("context.jsonld").read_text(encoding="utf-8"))
    assert shipped == jsonld.build_context(), "regenerate ontology/context.jsonld from graph.jsonld.build_context()"
    terms = shipped["@context"]
    assert terms["evaluation"] == {"@id": "rg:evaluation", "@type": "@id"} and terms["metric"] == "rg:metric"


def test_graph_jsonld_is_compact_and_isomorphic_to_the_turtle(seed_out):
    doc = json.loads((seed_out / "graph.jsonld").read_text(encoding="utf-8"))
    context, local = doc["@context"]
    assert context == jsonld.context()["@context"] and local == {"@base": "https://w3id.org/recgraph/id/"}
    nodes = {n["@id"]: n for n in doc["@graph"]}
    evaluation = nodes["report/moda/2025/plan/04"]
    assert evaluation["@type"] == "PlanEvaluation" and evaluation["dcterms:isPartOf"] == \
        {"@id": "report/moda/2025"}
    assert evaluation["evaluates"].startswith("plan/moda/") and isinstance(evaluation["planName"], str)
    assert (seed_out / "context.jsonld").read_bytes() == ontology_path("context.jsonld").read_bytes()
    from_jsonld = Graph().parse(seed_out / "graph.jsonld", format="json-ld")
    from_turtle = Graph().parse(seed_out / "graph.ttl", format="turtle")
    if not isomorphic(from_jsonld, from_turtle):
        _, only_jsonld, only_turtle = graph_diff(to_isomorphic(from_jsonld), to_isomorphic(from_turtle))
        raise AssertionError(f"only in JSON-LD: {sorted(only_jsonld)[:5]}\nonly in Turtle: {sorted(only_turtle)[:5]}")


def test_values_that_need_care_round_trip_through_oxigraph_too():
    """Untagged and other-language strings, typed values, blank nodes, IRIs outside the base, an
    IRI whose relative form would look like a compact IRI, and a base-relative dot segment."""
    n, lit = ox.NamedNode, ox.Literal
    base = "https://example.org/id/"
    rg = "https://w3id.org/recgraph/ns#"
    s = n(base + "report/x/2025")
    triples = sorted([
        ox.Triple(s, n(rg + "evaluation"), n(base + "a:b")),
        ox.Triple(s, n(rg + "evaluation"), n(base + "../up")),
        ox.Triple(s, n(rg + "evaluation"), ox.BlankNode("b0")),
        ox.Triple(s, n(rg + "metric"), lit("覆蓋率", language="zh-Hant")),
        ox.Triple(s, n(rg + "metric"), lit("coverage", language="en")),
        ox.Triple(s, n(rg + "text"), lit("plain")),
        ox.Triple(s, n(rg + "value"), lit("1.50", datatype=n("http://www.w3.org/2001/XMLSchema#decimal"))),
        ox.Triple(s, n("http://example.org/other#p"), n("http://example.org/elsewhere")),
        ox.Triple(s, n("http://purl.org/dc/terms/subject"), n("https://w3id.org/recgraph/theme/ai")),
    ], key=lambda t: (t.predicate.value, str(t.object)))
    data = jsonld.to_jsonld(triples, base)
    assert set(q.triple for q in ox.parse(data, format=ox.RdfFormat.JSON_LD)) == set(triples)
    expected = Graph().parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
    assert isomorphic(Graph().parse(data=data, format="json-ld"), expected)


def test_jsonld_from_ntriples_bytes_keeps_every_escape_and_datatype():
    """graph.jsonld is written from graph.nt's bytes: quotes, backslashes, control characters,
    astral characters, language tags, datatypes and blank nodes must come back as they went in."""
    base = "https://w3id.org/recgraph/id/"
    s, b = ox.NamedNode(base + "plan/1"), ox.BlankNode("b1")
    texts = ['a"b\\c\nd\te', "控制\x01字元😀", "<script>alert(1)</script>", "  spaced  "]
    triples = [ox.Triple(s, ox.NamedNode("http://purl.org/dc/terms/title"), ox.Literal(t)) for t in texts]
    label = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
    triples += [ox.Triple(s, label, ox.Literal("人工智慧", language="zh-Hant")),
                ox.Triple(s, label, ox.Literal("AI", language="en")),
                ox.Triple(s, ox.NamedNode("https://w3id.org/recgraph/ontology#value"),
                          ox.Literal("1.50", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal"))),
                ox.Triple(s, ox.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom"), b),
                ox.Triple(b, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), ox.Literal("x\\u0041"))]
    triples.sort(key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))  # each subject's lines together
    doc = jsonld.to_jsonld(triples, base)
    got = Graph().parse(data=doc, format="json-ld")
    want = Graph().parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
    assert isomorphic(got, want), graph_diff(to_isomorphic(got), to_isomorphic(want))

"""The SPARQL compilation of the shapes finds exactly what pySHACL finds, on the seed and on broken copies."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph, URIRef

from recgraph.serialize import to_store
from recgraph.shacl_sparql import UnsupportedShape, compile_graph, compile_shapes, validate_store
from recgraph.validate import shapes_graph, to_rdflib, validate
from mutated import as_rdflib
from terms import iri as N, literal as L

ROOT = Path(__file__).resolve().parent.parent
SHAPES = "https://w3id.org/recgraph/shapes#"
RG = "https://w3id.org/recgraph/ns#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
OA = "http://www.w3.org/ns/oa#"
ID = "https://w3id.org/recgraph/id/"
EV = ID + "report/moda/2025/plan/04"
REPORT = ID + "report/moda/2025"
FIG = EV + "/fig/p2-s1-21-35"
POS = EV + "/rec/1/evidence/position"
REC = EV + "/rec/1"
AGENCY = ID + "agency/moda-adi"
LEVEL = "https://w3id.org/recgraph/control-level/ministry"





def T(s, p, o) -> ox.Triple:
    return ox.Triple(N(s) if isinstance(s, str) else s, N(p), N(o) if isinstance(o, str) else o)

SH_NS = "http://www.w3.org/ns/shacl#"


@pytest.fixture(scope="module")
def seed_triples(seed_build) -> list[ox.Triple]:
    return list(seed_build.triples)


def edit(triples, remove=(), add=()) -> list[ox.Triple]:
    """The triples without those matching any (subject, predicate[, object]) in ``remove``, plus ``add``."""
    def matches(t, pattern):
        s, p, *o = pattern
        return t.subject.value == s and t.predicate.value == p and (not o or t.object == o[0])
    return [t for t in triples if not any(matches(t, r) for r in remove)] + list(add)


@pytest.fixture(scope="module")
def seed_graph(seed_triples) -> Graph:
    """The seed as one rdflib Graph, parsed once: each case edits it in place and puts it back
    (tests/mutated.py), instead of parsing its broken copy again."""
    return to_rdflib(seed_triples)


def both(triples, graph: Graph, shapes=None) -> tuple[list, list]:
    """(pySHACL's violations, the SPARQL validator's) for the same triples, under every shape or
    ``shapes``; ``graph`` is ``triples`` as an rdflib Graph (:func:`as_rdflib`)."""
    if shapes is None:
        return validate(graph), validate_store(to_store(triples), triples=triples)
    return validate(graph, shapes=shapes), validate_store(to_store(triples), compile_graph(shapes), triples=triples)


@pytest.fixture(scope="module")
def core() -> tuple[Graph, set[str]]:
    """The shapes without SPARQL-based constraints, and the names of those left out: pySHACL evaluates
    them slowly on the whole seed (tests/test_shapes.py compares each with its compiled form)."""
    full = shapes_graph()
    slow = set(full.subjects(URIRef(SH_NS + "sparql"), None))
    kept = Graph()
    for t in full:
        if t[0] not in slow:
            kept.add(t)
    return kept, {str(n).removeprefix(SHAPES) for n in slow}


def pairs(violations) -> set[tuple[str, str]]:
    """(shape, focus) of each violation; blank nodes, labelled differently by each parser, as ``_:``."""
    return {(v.shape.removeprefix(SHAPES), v.focus if v.focus.startswith("http") else "_:") for v in violations}


def test_seed_conforms_under_both(seed_triples, seed_graph):
    expected, found = both(seed_triples, seed_graph)
    assert expected == [] and found == []


# One broken graph per constraint kind, with the shape meant to fire; "" marks a quirk where pySHACL
# accepts what the SHACL spec would reject (the SPARQL validator must accept it too).
CASES = {
    # the cases of tests/test_shapes.py
    "no agency": ("EvaluationAgency", dict(remove=[(EV, RG + "leadAgency")])),
    "two serials": ("EvaluationSerial", dict(add=[T(EV, RG + "serial", L("5", "integer"))])),
    "serial as string": ("EvaluationSerial", dict(remove=[(EV, RG + "serial")], add=[T(EV, RG + "serial", L("4"))])),
    "untagged name": ("EvaluationName", dict(remove=[(EV, RG + "planName")], add=[T(EV, RG + "planName", L("名"))])),
    "bad iri": ("EvaluationShape", dict(add=[T(ID + "plan-four", RDF_TYPE, RG + "PlanEvaluation")])),
    "start after end": ("StartBeforeEnd", dict(remove=[(EV + "/p1", RG + "start")],
                                               add=[T(EV + "/p1", RG + "start", L("1000000", "integer"))])),
    "checksum": ("ReportSha256", dict(remove=[(REPORT, RG + "sha256")], add=[T(REPORT, RG + "sha256", L("ABC"))])),
    # counts of 1 on several properties of one node run as one query: each violation names its own shape
    "one node, three counts": ("ReportSourceFile", dict(remove=[(REPORT, "http://purl.org/dc/terms/title"),
                                                                 (REPORT, RG + "sha256")],
                                                         add=[T(REPORT, RG + "sourceFile", L("other.txt"))])),
    "control level not a concept": ("EvaluationControlLevel", dict(
        remove=[(EV, RG + "controlLevel")], add=[T(EV, RG + "controlLevel", "https://example.org/nowhere")])),
    # targets: sh:targetClass reaches instances of subclasses declared in the data
    "instance of a subclass": ("PlanShape", dict(add=[T("https://example.org/Sub", RDFS + "subClassOf", RG + "Plan"),
                                                      T("https://example.org/thing", RDF_TYPE, "https://example.org/Sub")])),
    "blank node plan": ("PlanShape", dict(add=[T(ox.BlankNode("b1"), RDF_TYPE, RG + "Plan")])),
    # node-level sh:class, through rdfs:subClassOf in the vocabulary
    "figure class lost": ("FigureShape", dict(remove=[(FIG, RDF_TYPE, N("http://purl.org/linked-data/cube#Observation")),
                                                     (RG + "ReportedFigure", RDFS + "subClassOf")])),
    "literal as publisher": ("ReportPublisher", dict(remove=[(REPORT, "http://purl.org/dc/terms/publisher")],
                                                     add=[T(REPORT, "http://purl.org/dc/terms/publisher", L("moda"))])),
    # sh:datatype, including literals rdflib cannot convert
    "ill-typed integer": ("EvaluationSerial", dict(remove=[(EV, RG + "serial")], add=[T(EV, RG + "serial", L("four", "integer"))])),
    "integer with a fraction": ("EvaluationLine", dict(remove=[(EV, RG + "sourceLine")],
                                                       add=[T(EV, RG + "sourceLine", L("4.0", "integer"))])),
    "iri as boolean": ("EvaluationTruncated", dict(remove=[(EV, RG + "truncated")], add=[T(EV, RG + "truncated", RG + "yes")])),
    "bad boolean": ("EvaluationTruncated", dict(remove=[(EV, RG + "truncated")], add=[T(EV, RG + "truncated", L("yes", "boolean"))])),
    "bad date": ("RecommendationOpenSince", dict(remove=[(REC, RG + "openSince")],
                                                 add=[T(REC, RG + "openSince", L("2025-13-01", "date"))])),
    "datatype integer not nonNegativeInteger": ("PositionStart", dict(
        remove=[(POS, OA + "start")], add=[T(POS, OA + "start", L("0", "integer"))])),
    "negative nonNegativeInteger": ("PositionStart", dict(
        remove=[(POS, OA + "start")], add=[T(POS, OA + "start", L("-1", "nonNegativeInteger"))])),
    "decimal as string": ("FigureValue", dict(remove=[(FIG, RG + "value")], add=[T(FIG, RG + "value", L("12"))])),
    "decimal in exponent form": ("", dict(remove=[(FIG, RG + "value")], add=[T(FIG, RG + "value", L("1e3", "decimal"))])),
    "gYear not a year": ("ReportYearShape", dict(remove=[(REPORT, RG + "fiscalYear")],  # sh:datatype lets it pass
                                  add=[T(REPORT, RG + "fiscalYear", L("soon", "gYear"))])),
    "gYear as integer": ("ReportFiscalYear", dict(remove=[(REPORT, RG + "fiscalYear")],
                                                 add=[T(REPORT, RG + "fiscalYear", L("2025", "integer"))])),
    # sh:nodeKind on values, sh:pattern on values
    "literal body": ("AnnotationBody", dict(remove=[(EV + "/rec/1/evidence", OA + "hasBody")],
                                           add=[T(EV + "/rec/1/evidence", OA + "hasBody", L("body"))])),
    "bad identifier": ("RecommendationId", dict(remove=[(REC, "http://purl.org/dc/terms/identifier")],
                                                add=[T(REC, "http://purl.org/dc/terms/identifier", L("moda 2025"))])),
    # sh:minInclusive
    "serial zero": ("EvaluationSerial", dict(remove=[(EV, RG + "serial")], add=[T(EV, RG + "serial", L("0", "integer"))])),
    "negative ratio": ("FigureRatio", dict(add=[T(FIG + "x", RDF_TYPE, RG + "ReportedFigure"),
                                               T(FIG + "x", RG + "achievementRatio", L("-0.5", "decimal"))])),
    "index as boolean": ("SegmentIndex", dict(remove=[(EV + "/p1", RG + "index")],
                                              add=[T(EV + "/p1", RG + "index", L("true", "boolean"))])),
    # sh:minLength on a literal and on an IRI
    "empty quote": ("QuoteExact", dict(remove=[(EV + "/rec/1/evidence/quote", OA + "exact")],
                                       add=[T(EV + "/rec/1/evidence/quote", OA + "exact", L(""))])),
    "empty recommendation": ("RecommendationText", dict(remove=[(REC, RG + "text")], add=[T(REC, RG + "text", L("", lang="zh-Hant"))])),
    # sh:languageIn (pySHACL: whole tag or first subtag) and sh:uniqueLang
    "french label": ("OrganizationLabel", dict(add=[T(AGENCY, SKOS + "prefLabel", L("agence", lang="fr"))])),
    "regional english label": ("", dict(add=[T(AGENCY, SKOS + "prefLabel", L("x", lang="en-GB"))])),
    "regional chinese label": ("OrganizationLabel", dict(add=[T(AGENCY, SKOS + "prefLabel", L("x", lang="zh-Hant-TW"))])),
    "plain label": ("OrganizationLabel", dict(add=[T(AGENCY, SKOS + "prefLabel", L("x"))])),
    "two zh-Hant labels": ("OrganizationLabel", dict(add=[T(AGENCY, SKOS + "prefLabel", L("另一名", lang="zh-hant"))])),
    "two concept labels": ("ConceptLabel", dict(add=[T(LEVEL, SKOS + "prefLabel", L("another", lang="en"))])),
    # sh:lessThan: equal, reversed, and incomparable values
    "start equals end": ("PositionStart", dict(remove=[(POS, OA + "start"), (POS, OA + "end")],
                                               add=[T(POS, OA + "start", L("10", "nonNegativeInteger")),
                                                    T(POS, OA + "end", L("10", "nonNegativeInteger"))])),
    "string start": ("StartBeforeEnd", dict(remove=[(EV + "/p1", RG + "start")], add=[T(EV + "/p1", RG + "start", L("0"))])),
    "two ends": ("StartBeforeEnd", dict(add=[T(EV + "/p1", RG + "end", L("0", "integer"))])),
    # sh:in
    "unknown role": ("FigureRole", dict(remove=[(FIG, RG + "role")], add=[T(FIG, RG + "role", L("goal"))])),
    "tagged role": ("FigureRole", dict(remove=[(FIG, RG + "role")], add=[T(FIG, RG + "role", L("result", lang="en"))])),
    "bad comparator": ("FigureComparator", dict(add=[T(FIG, RG + "comparator", L("roughly"))])),
    "bad approximate": ("FigureApproximate", dict(add=[T(FIG, RG + "approximate", L("yes"))])),
    # counts above 1 (a target's two selectors): one, none, three
    "one selector": ("TargetSelectors", dict(remove=[(EV + "/rec/1/evidence/target", OA + "hasSelector", N(POS))])),
    "no selector": ("TargetSelectors", dict(remove=[(EV + "/rec/1/evidence/target", OA + "hasSelector")])),
    "three selectors": ("TargetSelectors", dict(add=[T(EV + "/rec/1/evidence/target", OA + "hasSelector", EV + "/x")])),
    # tracking shapes
    "status without date": ("StatusDate", dict(add=[T(ID + "status/x/1", RDF_TYPE, RG + "StatusAssertion")])),
    "repeats a blank node": ("RecommendationRepeats", dict(add=[T(REC, RG + "repeats", ox.BlankNode("r"))])),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_same_violations_as_pyshacl(seed_triples, seed_graph, core, case):
    shape, edits = CASES[case]
    broken = edit(seed_triples, **edits)
    with as_rdflib(seed_graph, seed_triples, broken) as graph:
        expected, found = both(broken, graph, None if shape in core[1] else core[0])
    assert shape in {s for s, _ in pairs(expected)} if shape else expected == [], expected
    assert pairs(found) == pairs(expected)


def test_a_probe_never_hides_a_violation(seed_triples):
    """A constraint's probe (an ASK of its pattern without the focus nodes) answers yes in every broken
    graph where its query finds a violation, so skipping the query on a "no" loses none; on the
    conforming seed most probes answer no, which is what they save."""
    probed = [c for c in compile_shapes() if c.probe]
    seed = to_store(seed_triples)
    assert sum(not seed.query(c.probe) for c in probed) > len(probed) // 2
    fired = set()
    for case in sorted(CASES):
        store = to_store(edit(seed_triples, **CASES[case][1]))
        for c in probed:
            if list(store.query(c.query)):
                assert store.query(c.probe), (case, c.shape, c.component)
                fired.add(c.component)
    assert {"sh:class", "sh:datatype", "sh:pattern", "sh:sparql"} <= fired


def test_every_constraint_kind_is_exercised():
    kinds = {c.component for c in compile_shapes()}
    assert kinds == {"sh:nodeKind", "sh:pattern", "sh:class", "sh:minCount", "sh:maxCount", "sh:datatype",
                     "sh:minInclusive", "sh:minLength", "sh:languageIn", "sh:uniqueLang", "sh:lessThan", "sh:in",
                     "sh:sparql"}


@pytest.mark.parametrize("feature, turtle", [
    ("sh:maxLength", "rgsh:P sh:maxLength 3 ."),
    ("sh:severity", "rgsh:P sh:severity sh:Warning ."),
    ("sh:or", "rgsh:S sh:or ( [ sh:nodeKind sh:IRI ] ) ."),
    ("sh:targetNode", "rgsh:S sh:targetNode rg:x ."),
])
def test_unsupported_feature_names_the_shape(tmp_path, feature, turtle):
    path = tmp_path / "shapes.ttl"
    path.write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\n@prefix rg: <https://w3id.org/recgraph/ns#> .\n"
                    "@prefix rgsh: <https://w3id.org/recgraph/shapes#> .\n"
                    "rgsh:S a sh:NodeShape ; sh:targetClass rg:Plan ; sh:property rgsh:P ; sh:message \"s\" .\n"
                    "rgsh:P a sh:PropertyShape ; sh:path rg:text ; sh:minCount 1 ; sh:message \"p\" .\n" + turtle,
                    encoding="utf-8")
    with pytest.raises(UnsupportedShape, match=feature) as e:
        compile_shapes(path)
    assert "https://w3id.org/recgraph/shapes#" in str(e.value)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_random_deletions_agree(seed_triples, seed_graph, core, data):
    doomed = data.draw(st.sets(st.integers(0, len(seed_triples) - 1), min_size=1, max_size=8))
    broken = [t for i, t in enumerate(seed_triples) if i not in doomed]
    with as_rdflib(seed_graph, seed_triples, broken) as graph:
        expected, found = both(broken, graph, core[0])
    assert pairs(found) == pairs(expected)


@pytest.mark.parametrize("minimum", [("0", "integer"), ("1", "integer"), ("0.5", "decimal")])
def test_min_inclusive_numbers_compare_as_pyshacl_does(minimum):
    """The numbers sh:minInclusive compares itself (without importing pySHACL) fail exactly where
    pySHACL's compare_literal says they are below the minimum."""
    from pyshacl.rdfutil.compare import compare_literal
    from rdflib import Literal

    from recgraph.shacl_sparql import _below

    xsd = "http://www.w3.org/2001/XMLSchema#"
    low = Literal(minimum[0], datatype=URIRef(xsd + minimum[1]))
    fails = _below(low)
    for value, datatype in [("-1", "integer"), ("0", "integer"), ("1", "integer"), ("2", "nonNegativeInteger"),
                            ("0", "nonNegativeInteger"), ("0.5", "decimal"), ("0.49", "decimal"),
                            ("1.00", "decimal"), ("-0.0", "decimal"), ("12345678901234567890", "integer")]:
        term = ox.Literal(value, datatype=ox.NamedNode(xsd + datatype))
        expected = compare_literal(Literal(value, datatype=URIRef(xsd + datatype)), low) < 0
        assert fails(term) is expected, (value, datatype, minimum)

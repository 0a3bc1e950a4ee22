"""SHACL: the seed graph conforms, and each kind of break is caught by the shape meant for it."""

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from recgraph.namespace import RG
from recgraph.validate import to_rdflib, validate

SH = "https://w3id.org/recgraph/shapes#"
EV = URIRef("https://w3id.org/recgraph/id/report/moda/2025/plan/04")


@pytest.fixture(scope="module")
def seed_graph(seed_build) -> Graph:
    return to_rdflib(seed_build.triples)


def broken(g: Graph, remove=(), add=()) -> Graph:
    copy = Graph()
    for t in g:
        copy.add(t)
    for t in remove:
        copy.remove(t)
    for t in add:
        copy.add(t)
    return copy


def fired(g: Graph) -> set[str]:
    return {v.shape.removeprefix(SH) for v in validate(g)}


def test_seed_conforms(seed_graph):
    assert validate(seed_graph) == []


@pytest.mark.parametrize("case, shape", [
    ("no agency", "EvaluationAgency"),
    ("two serials", "EvaluationSerial"),
    ("serial as string", "EvaluationSerial"),
    ("untagged name", "EvaluationName"),
    ("bad iri", "EvaluationShape"),
    ("start after end", "StartBeforeEnd"),
    ("checksum", "ReportSha256"),
    ("control level not a concept", "EvaluationControlLevel"),
])
def test_each_break_is_caught_by_its_shape(seed_graph, case, shape):
    serial = (EV, RG.serial, Literal(4, datatype=XSD.integer))
    p1 = URIRef(str(EV) + "/p1")
    report = URIRef("https://w3id.org/recgraph/id/report/moda/2025")
    edits = {
        "no agency": dict(remove=[(EV, RG.leadAgency, None)]),
        "two serials": dict(add=[(EV, RG.serial, Literal(5, datatype=XSD.integer))]),
        "serial as string": dict(remove=[serial], add=[(EV, RG.serial, Literal("4"))]),
        "untagged name": dict(remove=[(EV, RG.planName, None)], add=[(EV, RG.planName, Literal("無語言標記"))]),
        "bad iri": dict(add=[(URIRef("https://w3id.org/recgraph/id/plan-four"), RDF.type, RG.PlanEvaluation)]),
        "start after end": dict(remove=[(p1, RG.start, None)], add=[(p1, RG.start, Literal(10**6, datatype=XSD.integer))]),
        "checksum": dict(remove=[(report, RG.sha256, None)], add=[(report, RG.sha256, Literal("ABC"))]),
        "control level not a concept": dict(remove=[(EV, RG.controlLevel, None)],
                                            add=[(EV, RG.controlLevel, URIRef("https://example.org/nowhere"))]),
    }[case]
    assert shape in fired(broken(seed_graph, **edits))


@pytest.mark.parametrize("validator", ["pyshacl", "sparql"])
def test_build_refuses_an_invalid_graph(monkeypatch, seed_path, validator):
    import recgraph.pipeline as b
    real = b.report_triples

    def without_agency(*args):
        return (t for t in real(*args) if t.predicate.value != str(RG.leadAgency))
    monkeypatch.setattr(b, "report_triples", without_agency)
    with pytest.raises(b.ValidationFailed) as e:
        b.build([seed_path], validator=validator)
    assert "EvaluationAgency" in str(e.value) and "exactly one lead agency" in str(e.value)


def test_per_document_checks_catch_what_the_whole_graph_check_catches(monkeypatch, seed_path, tmp_path):
    """Two years, a break in each: validating per document finds every violation of the whole graph."""
    import recgraph.pipeline as b
    next_year = tmp_path / "fy115.txt"
    next_year.write_text(seed_path.read_text(encoding="utf-8").replace("114年度", "115年度"), encoding="utf-8")
    real = b.report_triples

    def broken(*args):
        return (t for t in real(*args)
                if not (t.predicate.value == str(RG.serial) and t.subject.value.endswith(("/2025/plan/03", "/2026/plan/07"))))
    monkeypatch.setattr(b, "report_triples", broken)
    whole = validate(to_rdflib(b.build([seed_path, next_year], check=False).triples))
    with pytest.raises(b.ValidationFailed) as e:
        b.build([seed_path, next_year], validator="pyshacl")
    assert {(v.shape, v.focus) for v in e.value.violations} == {(v.shape, v.focus) for v in whole}
    assert {v.focus.rsplit("/", 3)[-3] for v in whole} == {"2025", "2026"}

"""SHACL: the seed graph conforms, and each kind of break is caught by the shape meant for it."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from recgraph.namespace import RG
from recgraph.serialize import to_store
from recgraph.shacl_sparql import compile_graph, validate_store, validate_whole_graph, whole_graph_lines
from recgraph.validate import shapes_graph, to_rdflib, validate
from mutated import as_rdflib
from terms import iri as n, literal as lit

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


def fired(g: Graph, shape: str) -> set[str]:
    """The shapes pySHACL finds violated among those ``shape`` belongs to."""
    return {v.shape.removeprefix(SH) for v in validate(g, shapes=shapes_about(shape))}


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
    assert shape in fired(broken(seed_graph, **edits), shape)


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
    """Two years, a break in each: validating per document with pySHACL finds every violation of the
    whole graph.  The whole graph is checked by the compiled shapes (tests/test_shacl_sparql.py holds
    them to pySHACL's answers; tests/test_pipeline.py checks the whole graph with pySHACL itself):
    pySHACL on both documents at once took half of this test."""
    import recgraph.pipeline as b
    next_year = tmp_path / "fy115.txt"
    next_year.write_text(seed_path.read_text(encoding="utf-8").replace("114年度", "115年度"), encoding="utf-8")
    real = b.report_triples

    def broken(*args):
        return (t for t in real(*args)
                if not (t.predicate.value == str(RG.serial) and t.subject.value.endswith(("/2025/plan/03", "/2026/plan/07"))))
    monkeypatch.setattr(b, "report_triples", broken)
    whole = validate(b.build([seed_path, next_year], check=False).triples, engine="sparql")
    with pytest.raises(b.ValidationFailed) as e:
        b.build([seed_path, next_year], validator="pyshacl")
    assert {(v.shape, v.focus) for v in e.value.violations} == {(v.shape, v.focus) for v in whole}
    assert {v.focus.rsplit("/", 3)[-3] for v in whole} == {"2025", "2026"}


# ------------------------------------------------------------------ the mutation suite
# Each realistic corruption of the seed graph, named after the shape that must catch it. Both
# validators run: the shapes compiled to SPARQL (every shape, over the whole mutated graph) and
# pySHACL (the shapes the case is about, so the suite stays fast); on those shapes they must
# report exactly the same violations.

ID = "https://w3id.org/recgraph/id/"
VOCAB = "https://w3id.org/recgraph/"
RGN = "https://w3id.org/recgraph/ns#"
SKOSN = "http://www.w3.org/2004/02/skos/core#"
REPORT = ID + "report/moda/2025"
E4 = REPORT + "/plan/04"
REC = E4 + "/rec/1"


def copied(ts, subject: str, new_subject: str) -> list:
    """``ts`` with every triple of ``subject`` repeated under ``new_subject``."""
    return list(ts) + [ox.Triple(n(new_subject), t.predicate, t.object) for t in ts if t.subject.value == subject]


def fig_of(ts, evaluation: str = E4, predicate: str | None = None) -> str:
    """The first figure IRI of an evaluation (with ``predicate``, if given): figure IRIs are keyed by span."""
    return min(t.subject.value for t in ts if t.subject.value.startswith(evaluation + "/fig/")
               and (predicate is None or t.predicate.value == predicate))


STATUS = ID + "status/moda-2025-P04-R1/0"
PLAN4 = ID + "plan/moda/數位憑證公共基礎建設計畫"





def replaced(triples, s: str, p: str, o: ox.Term) -> list[ox.Triple]:
    """The triples with every (s, p, *) replaced by (s, p, o)."""
    kept = [t for t in triples if not (t.subject.value == s and t.predicate.value == p)]
    assert len(kept) < len(triples), f"nothing to replace: {s} {p}"
    return kept + [ox.Triple(n(s), n(p), o)]


def added(triples, *new) -> list[ox.Triple]:
    return list(triples) + [ox.Triple(n(s), n(p), o) for s, p, o in new]


def _value(triples, s: str, p: str) -> ox.Term:
    return next(t.object for t in triples if t.subject.value == s and t.predicate.value == p)


def _figure(triples, ratio: bool = False) -> str:
    """The first figure of plan 04 (figure IRIs are keyed by their span), or the first with a ratio."""
    if ratio:
        return min(t.subject.value for t in triples if t.predicate.value == RGN + "achievementRatio")
    return min(t.subject.value for t in triples if t.subject.value.startswith(FIG_PREFIX)
               and t.predicate.value == RGN + "metric")


def _plan_of(triples, evaluation: str) -> ox.Term:
    return _value(triples, evaluation, RGN + "evaluates")


MUTATIONS = {
    "AcceptanceInSchemeShape": lambda ts: replaced(ts, REC, RGN + "acceptance", n(VOCAB + "implementation/open")),
    "ImplementationInSchemeShape": lambda ts: replaced(ts, STATUS, RGN + "implementation", n(VOCAB + "acceptance/accepted")),
    "ControlLevelInSchemeShape": lambda ts: replaced(ts, E4, RGN + "controlLevel", n(VOCAB + "theme/ai")),
    "QuoteMatchesSourceShape": lambda ts: replaced(ts, REC + "/evidence/quote", "http://www.w3.org/ns/oa#exact",
                                                   lit("後續請依規劃內容積極推動政策")),
    "PositionWithinSourceShape": lambda ts: replaced(ts, REC + "/evidence/position", "http://www.w3.org/ns/oa#end",
                                                     lit("100000", "nonNegativeInteger")),
    "PlanLabel": lambda ts: added(ts, (PLAN4, "http://www.w3.org/2000/01/rdf-schema#label",
                                       lit("數位憑證基礎建設計畫", lang="zh-Hant"))),
    "RecommendationPlanMatchesShape": lambda ts: replaced(ts, REC, RGN + "concerns", _plan_of(ts, REPORT + "/plan/05")),
    "RecommendationReportMatchesShape": lambda ts: added(
        replaced(ts, REC, RGN + "issuedIn", n(ID + "report/moda/2024")),
        (ID + "report/moda/2024", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", n(RGN + "EvaluationReport"))),
    "EvidenceInEvaluationShape": lambda ts: replaced(ts, fig_of(ts), RGN + "evaluation", n(REPORT + "/plan/05")),
    "UniqueIdentifierShape": lambda ts: replaced(ts, REPORT + "/plan/05/rec/1", "http://purl.org/dc/terms/identifier",
                                                 lit("moda-2025-P04-R1")),
    "LabelsDisjointShape": lambda ts: added(ts, (VOCAB + "theme/ai", SKOSN + "altLabel", lit("人工智慧", lang="zh-Hant"))),
    "BroaderAcyclicShape": lambda ts: added(ts, (VOCAB + "theme/ai", SKOSN + "broader", n(VOCAB + "theme/generative-ai"))),
    "ReportYearShape": lambda ts: replaced(ts, REPORT, RGN + "fiscalYear", lit("2024", "gYear")),
    "AchievementRatioShape": lambda ts: replaced(ts, fig_of(ts, REPORT + "/plan/29", RGN + "achievementRatio"), RGN + "achievementRatio", lit("0.58", "decimal")),
    "SegmentOffsetsShape": lambda ts: replaced(ts, E4 + "/p1/s1", RGN + "start",
                                               lit(str(int(_value(ts, E4 + "/p1/s1", RGN + "start").value) + 1), "integer")),
    "StatusAfterIssueShape": lambda ts: replaced(ts, STATUS, RGN + "date", lit("2025-01-02", "date")),
    "StatusEnded": lambda ts: replaced(ts, STATUS, "http://www.w3.org/ns/prov#endedAtTime", lit("2025-12-31")),
    "UniqueObservationShape": lambda ts: copied(ts, fig_of(ts), E4 + "/fig/99"),
    "FigureMetric": lambda ts: replaced(ts, fig_of(ts), RGN + "metric", lit("", lang="zh-Hant")),
    "ReportLanguage": lambda ts: replaced(ts, REPORT, "http://purl.org/dc/terms/language", lit("zh-Hant")),
}


def shapes_about(name: str) -> Graph:
    """The shapes graph cut down to the node shapes a case is about (with their property shapes)."""
    full = shapes_graph()
    shape = URIRef(SH + name)
    nodes = set(full.subjects(URIRef("http://www.w3.org/ns/shacl#property"), shape)) or {shape}
    cut, todo = Graph(), list(nodes) + [URIRef("https://w3id.org/recgraph/shapes")]
    seen = set()
    while todo:
        s = todo.pop()
        if s in seen:
            continue
        seen.add(s)
        for p, o in full.predicate_objects(s):
            cut.add((s, p, o))
            if not isinstance(o, Literal) and (p == URIRef("http://www.w3.org/ns/shacl#property") or
                                              not isinstance(o, URIRef) or str(o).startswith(SH)):
                todo.append(o)
    return cut


def both_validators(triples, name: str, graph: Graph):
    """(every violation the compiled shapes find, those of the case's shapes, pySHACL's on those
    shapes); ``graph`` is ``triples`` as an rdflib Graph (tests/mutated.py)."""
    store = to_store(triples)
    everything = validate_store(store, triples=triples)
    cut = shapes_about(name)
    compiled = validate_store(store, compile_graph(cut), triples=triples)
    return everything, compiled, validate(graph, shapes=cut)


@pytest.fixture(scope="module")
def seed_triples(seed_build) -> list:
    return list(seed_build.triples)


@pytest.mark.parametrize("shape", sorted(MUTATIONS))
def test_corruption_is_caught_by_its_shape_in_both_validators(seed_triples, seed_graph, shape):
    broken = MUTATIONS[shape](seed_triples)
    with as_rdflib(seed_graph, seed_triples, broken) as graph:
        everything, compiled, reference = both_validators(broken, shape, graph)
    assert SH + shape in {v.shape for v in everything}, [str(v) for v in everything]
    assert SH + shape in {v.shape for v in reference}
    assert compiled == reference


def test_the_unmutated_seed_passes_every_new_shape(seed_triples):
    assert validate_store(to_store(seed_triples), triples=seed_triples) == []


def test_a_duplicate_identifier_across_documents_is_caught_on_the_whole_graph(seed_path, tmp_path):
    """Per document nothing is wrong; the whole-graph check sees the two documents together."""
    import recgraph.pipeline as b
    next_year = tmp_path / "fy115.txt"
    next_year.write_text(seed_path.read_text(encoding="utf-8").replace("114年度", "115年度"), encoding="utf-8")
    triples = b.build([seed_path, next_year], check=False).triples
    later = ID + "report/moda/2026/plan/04/rec/1"
    triples = replaced(triples, later, "http://purl.org/dc/terms/identifier", lit("moda-2025-P04-R1"))
    per_document = [t for t in triples if not any(k in t.subject.value for k in ("/report/moda/2025", "/moda-2025-"))]
    assert validate_store(to_store(per_document), triples=per_document) == []
    found = validate_whole_graph(to_store(triples))
    assert {(v.shape, v.focus) for v in found} == {(SH + "UniqueIdentifierShape", later),
                                                   (SH + "UniqueIdentifierShape", REC)}
    merged = tmp_path / "graph.nt"  # on the merged file, loading what it needs
    merged.write_bytes(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES))
    assert validate_whole_graph(merged) == found
    # as the pipeline runs it: on the lines each document's check takes from it
    halves = ([t for t in triples if "/2025" in t.subject.value],
              [t for t in triples if "/2025" not in t.subject.value])
    lines = b"".join(whole_graph_lines(ox.serialize(half, format=ox.RdfFormat.N_TRIPLES)) for half in halves)
    assert validate_whole_graph(lines) == found


def test_whole_graph_lines_are_the_lines_its_shapes_can_match():
    """Found by searching the bytes, they are still whole lines whose predicate (or rdf:type object)
    the whole-graph shapes name, not lines that merely quote one in a literal."""
    ident, type_, label = "<http://purl.org/dc/terms/identifier>", "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", \
        "<http://www.w3.org/2000/01/rdf-schema#label>"
    rec, plan = "<https://w3id.org/recgraph/ns#Recommendation>", "<https://w3id.org/recgraph/ns#Plan>"
    wanted = [f'<x:a> {ident} "a-1" .\n', f"<x:a> {type_} {rec} .\n"]
    other = [f'<x:b> {label} "quotes {ident} here" .\n', f"<x:b> {type_} {plan} .\n", f"<x:c> {label} {rec} .\n"]
    nt = "".join(other[:1] + wanted[:1] + other[1:] + wanted[1:]).encode()
    assert whole_graph_lines(nt) == "".join(wanted).encode()
    assert whole_graph_lines(nt.rstrip(b"\n")) == "".join(wanted).encode()


def test_the_pipeline_runs_the_whole_graph_check_once(seed_build):
    """The build's own stage log shows the whole-graph shapes ran after the per-document ones."""
    assert "validate whole graph" in seed_build.timings
    assert list(seed_build.timings).index("validate whole graph") > list(seed_build.timings).index("validate")

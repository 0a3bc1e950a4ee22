"""The streaming build (graph.stream): same files as the in-memory build, same checks, bounded memory."""

import datetime as dt

import pytest

import recgraph.build as B
import recgraph.stream as S
from recgraph.model import InputError
from recgraph.namespace import RG
from recgraph.validate import to_rdflib, validate

from conftest import ROOT

UPDATES = ROOT / "tests" / "data" / "status-updates"
TODAY = dt.date(2026, 11, 26)


@pytest.fixture(scope="module")
def three_documents(seed_path, tmp_path_factory):
    """The seed, the same plans a year later (every recommendation repeats), and a year with an
    agency the agency table does not know, named in two documents (one warning, not two)."""
    folder = tmp_path_factory.mktemp("corpus")
    text = seed_path.read_text(encoding="utf-8")
    later = folder / "fy115.txt"
    later.write_text(text.replace("114年度", "115年度").replace("數位產業署", "數位未來署"), encoding="utf-8")
    latest = folder / "fy116.txt"
    latest.write_text(text.replace("114年度", "116年度").replace("數位產業署", "數位未來署"), encoding="utf-8")
    return [seed_path, later, latest]


@pytest.mark.parametrize("workers", [1, 2])
def test_streamed_files_are_byte_identical_to_the_in_memory_build(three_documents, tmp_path, workers):
    memory = B.build(three_documents, updates=UPDATES, today=TODAY)
    streamed = S.build_files(three_documents, out=tmp_path, work=tmp_path, updates=UPDATES, today=TODAY,
                             workers=workers)
    expected = B.render(memory)
    for name in ("graph.nt", "graph.ttl", "graph.jsonld"):
        assert (tmp_path / name).read_bytes() == expected[name], name
    assert B.render(streamed) == {k: v for k, v in expected.items() if not k.startswith("graph.")}
    assert len(memory.tracked.repeats) > 0 and len(memory.tracked.updates) > 0
    assert streamed.triple_count == len(memory.triples) == len(streamed.store)
    agency = [w for w in streamed.warnings if "provisional" not in w]   # fy115, fy116: not in the id ledger
    assert len(agency) == 1 and "數位未來署" in agency[0] and "fy115.txt" in agency[0]
    assert streamed.warnings == memory.warnings
    assert {"parse", "extract", "rdf", "check validate"} <= set(streamed.worker_seconds)


def test_streamed_validation_catches_what_the_whole_graph_check_catches(monkeypatch, three_documents, tmp_path):
    real = B.report_triples

    def broken(*args):
        return (t for t in real(*args)
                if not (t.predicate.value == str(RG.serial) and t.subject.value.endswith(("/2025/plan/03", "/2027/plan/07"))))
    monkeypatch.setattr(B, "report_triples", broken)
    monkeypatch.setattr(S, "report_triples", broken)  # the workers fork after this, so they break too
    whole = validate(to_rdflib(B.build(three_documents, check=False).triples))
    with pytest.raises(B.ValidationFailed) as e:
        S.build_files(three_documents, out=tmp_path, work=tmp_path, workers=2)
    assert {(v.shape, v.focus) for v in e.value.violations} == {(v.shape, v.focus) for v in whole}
    assert {v.focus.rsplit("/", 3)[-3] for v in whole} == {"2025", "2027"}
    assert not (tmp_path / "graph.nt").exists()


def test_every_bad_document_is_reported_at_once(seed_path, tmp_path):
    bad = []
    for name in ("a.txt", "b.txt"):
        bad.append(tmp_path / name)
        bad[-1].write_text("序號\t計畫名稱\n1\t只有名稱\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        S.build_files([bad[0], seed_path, bad[1]], out=tmp_path, work=tmp_path, workers=2)
    assert {p.path.rsplit("/", 1)[-1] for p in e.value.problems} == {"a.txt", "b.txt"}


def test_merge_runs_orders_canonically_and_drops_duplicates(tmp_path):
    t = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
    a = tmp_path / "a.nt"
    a.write_text(f'<x:a> {t} <x:C> .\n<x:a> <x:p> "1" .\n<x:b/c> <x:p> "2" .\n', encoding="utf-8")
    b = tmp_path / "b.nt"
    b.write_text('<x:a> <x:p> "1" .\n<x:a> <x:q> "3" .\n<x:b> <x:p> "4" .\n', encoding="utf-8")
    assert S.merge_runs([a, b], tmp_path / "out.nt") == 5
    # by subject without its brackets (x:b before x:b/c), rdf:type first, then predicate and object
    assert (tmp_path / "out.nt").read_text(encoding="utf-8").splitlines() == [
        f'<x:a> {t} <x:C> .', '<x:a> <x:p> "1" .', '<x:a> <x:q> "3" .', '<x:b> <x:p> "4" .', '<x:b/c> <x:p> "2" .']


def test_streamed_validation_sees_an_integer_datatype_the_store_folds(monkeypatch, seed_path, tmp_path):
    """"5"^^xsd:integer where the shapes want xsd:nonNegativeInteger: the store alone cannot tell."""
    import pyoxigraph as ox

    real = B.report_triples
    start = "http://www.w3.org/ns/oa#start"

    def retyped(*args):
        for t in real(*args):
            if t.predicate.value == start and t.subject.value.endswith("/plan/01/fig/p2-s1-19-31/evidence/position"):
                t = ox.Triple(t.subject, t.predicate, ox.Literal(t.object.value, datatype=ox.NamedNode(
                    "http://www.w3.org/2001/XMLSchema#integer")))
            yield t
    monkeypatch.setattr(S, "report_triples", retyped)
    with pytest.raises(B.ValidationFailed) as e:
        S.build_files([seed_path], out=tmp_path, work=tmp_path)
    assert [v.path for v in e.value.violations] == [start]

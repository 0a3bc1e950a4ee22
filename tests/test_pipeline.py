"""The build pipeline (graph.pipeline): the same files with any number of workers, per-document checks."""

import datetime as dt
import time

import pytest

import recgraph.build as B
import recgraph.pipeline as S
from recgraph.model import InputError
from recgraph.outputs import render
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


def test_rules_compiled_on_first_use_are_compiled_before_document_workers_are_forked(three_documents, monkeypatch):
    prepared = []
    real = S.extract.prepare
    monkeypatch.setattr(S.extract, "prepare", lambda rules: prepared.append(rules) or real(rules))
    S.build(three_documents[:1], updates=UPDATES, today=TODAY, workers=2)
    assert not prepared  # one document is read here: only the rules it meets are compiled
    S.build(three_documents, updates=UPDATES, today=TODAY, workers=2)
    assert len(prepared) == 1 and all("pattern" in vars(r) for r in prepared[0].theme_contexts)


def test_workers_build_byte_identical_files(three_documents, tmp_path):
    one = S.build(three_documents, updates=UPDATES, today=TODAY, workers=1)
    two = S.build(three_documents, updates=UPDATES, today=TODAY, workers=2)
    files = [render(b, tmp_path / name, views=False) for b, name in ((one, "one"), (two, "two"))]
    assert [p.relative_to(tmp_path / "one") for p in files[0]] == [p.relative_to(tmp_path / "two") for p in files[1]]
    assert {p.name for p in files[0]} >= {"graph.nt", "graph.ttl", "graph.jsonld", "summary.json", "figures.csv"}
    for a, b in zip(*files):
        assert a.read_bytes() == b.read_bytes(), a.name
    assert len(one.tracked.repeats) > 0 and len(one.tracked.updates) > 0
    assert two.triple_count == len(one.triples) == len(two.store)
    agency = [w for w in two.warnings if "provisional" not in w]   # fy115, fy116: not in the id ledger
    assert len(agency) == 1 and "數位未來署" in agency[0] and "fy115.txt" in agency[0]
    assert {"parse", "extract", "rdf", "check read", "check validate", "check sort"} <= set(two.worker_seconds)


def test_a_large_build_checks_its_documents_in_fresh_workers_with_the_same_result(three_documents, monkeypatch):
    forked = S.build(three_documents, updates=UPDATES, today=TODAY, workers=2)
    monkeypatch.setattr(S, "FRESH_CHECK_MIN_DOCUMENTS", 2)
    started = []
    real = S.fork_map
    monkeypatch.setattr(S, "fork_map", lambda *a, **k: started.append(k.get("fresh", False)) or real(*a, **k))
    fresh = S.build(three_documents, updates=UPDATES, today=TODAY, workers=2)
    assert started == [False, True]  # the documents read by forked workers, checked by fresh ones
    assert fresh.graph.read_bytes() == forked.graph.read_bytes()
    assert {"check read", "check validate", "check sort"} <= set(fresh.worker_seconds)


def test_worker_stages_count_work_not_waiting():
    """A per-document stage is timed in CPU seconds: a worker waiting for a core another process
    holds (or for the disk) does not make the stage look costlier on a busy machine."""
    clock = B.Clock(cpu=True)
    time.sleep(0.3)
    clock.lap("waiting")
    assert clock.timings["waiting"] < 0.1
    wall = B.Clock()
    time.sleep(0.05)
    wall.lap("waiting")
    assert wall.timings["waiting"] >= 0.05


def test_per_document_validation_catches_what_the_whole_graph_check_catches(monkeypatch, three_documents, tmp_path):
    real = S.report_triples

    def broken(*args):
        return (t for t in real(*args)
                if not (t.predicate.value == str(RG.serial) and t.subject.value.endswith(("/2025/plan/03", "/2027/plan/07"))))
    monkeypatch.setattr(S, "report_triples", broken)  # one worker: a forkserver's would not see the patch
    whole = validate(to_rdflib(S.build(three_documents, check=False).triples))
    with pytest.raises(B.ValidationFailed) as e:
        S.build(three_documents, work=tmp_path, workers=1)
    assert {(v.shape, v.focus) for v in e.value.violations} == {(v.shape, v.focus) for v in whole}
    assert {v.focus.rsplit("/", 3)[-3] for v in whole} == {"2025", "2027"}
    assert not (tmp_path / "graph.nt").exists()


def test_every_bad_document_is_reported_at_once(seed_path, tmp_path):
    bad = []
    for name in ("a.txt", "b.txt"):
        bad.append(tmp_path / name)
        bad[-1].write_text("序號\t計畫名稱\n1\t只有名稱\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        S.build([bad[0], seed_path, bad[1]], work=tmp_path, workers=2)
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


def test_validation_sees_an_integer_datatype_the_store_folds(monkeypatch, seed_path, tmp_path):
    """"5"^^xsd:integer where the shapes want xsd:nonNegativeInteger: the store alone cannot tell."""
    import pyoxigraph as ox

    real = S.report_triples
    start = "http://www.w3.org/ns/oa#start"

    def retyped(*args):
        for t in real(*args):
            if t.predicate.value == start and t.subject.value.endswith("/plan/01/fig/p2-s1-19-31/evidence/position"):
                t = ox.Triple(t.subject, t.predicate, ox.Literal(t.object.value, datatype=ox.NamedNode(
                    "http://www.w3.org/2001/XMLSchema#integer")))
            yield t
    monkeypatch.setattr(S, "report_triples", retyped)
    with pytest.raises(B.ValidationFailed) as e:
        S.build([seed_path], work=tmp_path, validator="sparql")
    assert [v.path for v in e.value.violations] == [start]


def test_a_run_splits_the_same_from_its_lines_as_from_its_keys(tmp_path):
    """A document's own lines written from the lines it was read from (as the pipeline does) or
    rebuilt from their keys: the same blocks and bytes; one block where nothing lies between the
    report and what is under it, two where a key does (x:r/a-1 sorts between them)."""
    t = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
    for extra, n in (([], 1), (['<x:r/a-1> <x:p> "x" .'], 2)):
        lines = [f"<x:r/a> {t} <x:R> .", '<x:r/a/1> <x:p> "1" .', '<x:plan> <x:p> "a" .'] + extra
        line_of = {S.run_key(f"{line}\n".encode()): f"{line}\n".encode() for line in lines}
        got = []
        for i, given in enumerate((None, line_of)):
            blocks = S.split_run(sorted(line_of), b"x:r/a", tmp_path / f"{i}.run", tmp_path / f"{i}.own", given)
            got.append((blocks, (tmp_path / f"{i}.run").read_bytes(), (tmp_path / f"{i}.own").read_bytes()))
        assert got[0] == got[1]
        assert len(got[0][0]) == n and sum(b[4] for b in got[0][0]) == 2


def test_runs_split_into_blocks_merge_as_plain_runs_do(tmp_path):
    """Copied whole where nothing else falls inside a block; merged line by line where another
    document's line (here a duplicate, and a line between two of the block's) or block does."""
    t = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
    docs = {
        "a": [f"<x:r/a> {t} <x:R> .", '<x:r/a/1> <x:p> "1" .', '<x:r/a/3> <x:p> "3" .', '<x:plan> <x:p> "a" .'],
        "b": [f"<x:r/b> {t} <x:R> .", '<x:r/b/1> <x:p> "1" .', '<x:plan> <x:p> "b" .', '<x:r/a/2> <x:q> "b" .'],
        "c": ['<x:r/c/1> <x:p> "1" .', '<x:r/a/3> <x:p> "3" .', '<x:r/b/1> <x:z> "c" .'],
    }
    runs, blocks, plain = [], [], []
    for name, lines in docs.items():
        keys = sorted({S.run_key(f"{line}\n".encode()) for line in lines})
        own = tmp_path / f"{name}.own"
        runs.append(tmp_path / f"{name}.run")
        blocks += [(own, b) for b in S.split_run(keys, f"x:r/{name}".encode(), runs[-1], own)]
        plain.append(tmp_path / f"{name}.keys")
        plain[-1].write_bytes(b"".join(keys))
    assert len(blocks) == 3 and all(b[4] >= 1 for _, b in blocks)
    count = S.merge_runs(runs, tmp_path / "blocks.nt", keyed=True, blocks=blocks)
    assert count == S.merge_runs(plain, tmp_path / "plain.nt", keyed=True) == 10
    assert (tmp_path / "blocks.nt").read_bytes() == (tmp_path / "plain.nt").read_bytes()
    # blocks that overlap each other: everything line by line, same lines
    count = S.merge_runs(runs, tmp_path / "overlap.nt", keyed=True, blocks=blocks + blocks[:1])
    assert (tmp_path / "overlap.nt").read_bytes() == (tmp_path / "plain.nt").read_bytes()

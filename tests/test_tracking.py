"""Status tracking on the seed with the test status updates in tests/data/status-updates/.

Recommendations come from the STAND-IN extractor of tests/synthetic.py (one per advice
sentence), so the numbers below do not move when the real extractor's rules change.
Every expected value is worked out by hand from the two test update files.
"""

from __future__ import annotations

import datetime as dt
import statistics
from decimal import Decimal

import pyoxigraph as ox
import pytest
import rdflib

import recgraph.extract
from recgraph.build import vocabulary_triples
from recgraph.pipeline import build
from recgraph.iris import Iris
from recgraph.model import InputError
from recgraph.serialize import to_store
from recgraph.status_text import format_history, format_summary, format_table
from recgraph.status_updates import COLUMNS, StatusUpdate, append_update, parse_updates, read_updates
from recgraph.status_vocab import ACCEPTANCE, IMPLEMENTATION, OPEN, PENDING, load_vocabulary
from recgraph.tracking import (agent_iri, current, filter_status, histories, open_since_of, status_table,
                               status_triples, summary)
from recgraph.validate import to_rdflib, validate

from conftest import ROOT, SEED
from synthetic import standin_extract_report

TODAY = dt.date(2026, 11, 26)
UPDATES = ROOT / "tests" / "data" / "status-updates"
QUERIES = ROOT / "graph" / "queries"


def standin_build(sources, updates=None):
    """The build with the stand-in extractor; its own status triples come from ``updates``.

    The committed id ledger holds the real extractor's recommendations, so this build has none
    (positional, provisional ids, which the test updates name)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(recgraph.extract, "extract_report", standin_extract_report)
        return build(sources, updates=updates, today=TODAY, ledger=ROOT / "tests" / "data" / "no-ledger.csv")


@pytest.fixture(scope="module")
def seed():
    b = standin_build([SEED], updates=UPDATES)
    recs, updates = b.tracked.recs, b.tracked.updates
    triples = b.triples
    return b, recs, updates, triples


def run(triples, name, engine="oxigraph", **params) -> list[dict]:
    """Run a library query with bound parameters on either engine; values as plain strings."""
    text = (QUERIES / f"{name}.rq").read_text(encoding="utf-8")
    if engine == "oxigraph":
        subs = {ox.Variable(k): (ox.NamedNode(v) if k == "theme" else
                                 ox.Literal(v, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))
                                 if k == "asOf" else ox.Literal(v)) for k, v in params.items()}
        res = to_store(triples).query(text, substitutions=subs)
        return [{v.value: (None if row[v] is None else row[v].value) for v in res.variables} for row in res]
    g = to_rdflib(triples)
    binds = {k: (rdflib.URIRef(v) if k == "theme" else rdflib.Literal(v, datatype=rdflib.XSD.date)
                 if k == "asOf" else rdflib.Literal(v)) for k, v in params.items()}
    res = g.query(text, initBindings=binds)
    return [{str(v): (None if row[v] is None else str(row[v])) for v in res.vars} for row in res]


def test_seed_alone_every_recommendation_is_pending_and_open(seed):
    b, recs, _, _ = seed
    s = summary(status_table(recs, [], as_of=TODAY), as_of=TODAY)
    assert s["recommendations"] == len(recs) > 50
    assert s["open"] == len(recs) and s["closed"] == 0
    assert s["acceptance"]["pending-response"] == len(recs)
    assert s["implementation"]["open"] == len(recs)
    assert s["acceptance_rate"] is None and s["implementation_rate"] == 0
    assert s["open_age_days"] == {"median": 330, "max": 330}   # 2025-12-31 (end of FY2025) to 2026-11-26
    assert {r.open_since for r in recs.values()} == {"2025-12-31"}


def test_summary_with_test_updates_matches_hand_count(seed):
    _, recs, updates, _ = seed
    n = len(recs)
    s = summary(status_table(recs, updates, as_of=TODAY), as_of=TODAY)
    # final statuses: P01-R1 accepted/implemented, P01-R2 partially/in-progress, P11-R1 accepted/in-progress,
    # P20-R1 not-accepted/not-implemented, P30-R1 accepted/partially-implemented, P41-R1 accepted/implemented,
    # P12-R1 accepted/superseded
    assert s["acceptance"] == {"accepted": 5, "not-accepted": 1, "partially-accepted": 1, "pending-response": n - 7}
    assert s["implementation"] == {"implemented": 2, "in-progress": 2, "not-implemented": 1, "open": n - 7,
                                   "partially-implemented": 1, "superseded": 1}
    assert (s["open"], s["closed"]) == (n - 4, 4)
    assert s["gao"] == {"closed-implemented": 2, "closed-not-implemented": 2, "open": n - 4}
    assert s["ig"] == {"closed": 4, "open-resolved": 3, "open-unresolved": n - 7}
    assert s["responded"] == 7 and s["acceptance_rate"] == round(6 / 7, 4)
    assert s["implementation_rate"] == round(2 / n, 4)
    assert s["repeated"] == 0


def test_history_keeps_every_assertion_and_current_is_latest_per_dimension(seed):
    _, recs, updates, _ = seed
    h = histories(recs, updates)
    p01 = h["moda-2025-P01-R1"]
    assert [(a.date, a.acceptance, a.implementation) for a in p01] == [
        ("2025-12-31", PENDING, OPEN),
        ("2026-03-31", ACCEPTANCE + "accepted", IMPLEMENTATION + "in-progress"),
        ("2026-09-30", None, IMPLEMENTATION + "implemented")]
    assert current(p01) == (ACCEPTANCE + "accepted", IMPLEMENTATION + "implemented", "2026-09-30")
    # an implementation-only update keeps the earlier acceptance
    assert current(h["moda-2025-P11-R1"])[:2] == (ACCEPTANCE + "accepted", IMPLEMENTATION + "in-progress")
    # labels in the file (已採納, 部分完成) resolve to the same concepts as tokens
    assert current(h["moda-2025-P30-R1"])[:2] == (ACCEPTANCE + "accepted", IMPLEMENTATION + "partially-implemented")
    text = format_history(recs["moda-2025-P01-R1"], p01)
    assert "2026-09-30  acceptance -, implementation implemented  by 主辦機關自評" in text
    assert "2026-agency-self-reports.csv:7]" in text


def test_status_triples_follow_the_contract(seed):
    b, recs, updates, triples = seed
    extra = list(status_triples(recs, updates, Iris(b.base)))
    assert not any(isinstance(x, ox.BlankNode) for t in extra for x in (t.subject, t.object))
    rows = run(triples, "status-recommendation-history", id="moda-2025-P01-R1")
    assert [(r["date"], r["acceptance"], r["implementation"], r["reportedBy"]) for r in rows] == [
        ("2025-12-31", "pending-response", "open", "evaluation report"),
        ("2026-03-31", "accepted", "in-progress", "主辦機關自評"),
        ("2026-09-30", None, "implemented", "主辦機關自評")]
    assert rows[0]["assertion"] == b.base + "status/moda-2025-P01-R1/0"
    assert rows[0]["used"] == b.base + "report/moda/2025"
    assert rows[2]["used"] == "TEST: system acceptance report"          # text evidence: a labelled prov:Entity
    p20 = run(triples, "status-recommendation-history", id="moda-2025-P20-R1")
    assert p20[-1]["used"] == "https://example.org/test/p20-reply"      # an IRI is used directly
    n_assertions = sum(1 for t in extra if t.object.value == "https://w3id.org/recgraph/ns#StatusAssertion")
    assert n_assertions == len(recs) + len(updates)


def test_graph_with_statuses_still_conforms_to_the_shapes(seed):
    _, _, _, triples = seed
    assert validate(to_rdflib(triples)) == []


def test_current_status_on_recommendation_is_its_latest_assertion_in_sparql(seed):
    _, _, _, triples = seed
    q = """PREFIX rg: <https://w3id.org/recgraph/ns#>
    SELECT ?rec WHERE {
      ?rec rg:implementation ?now .
      ?a rg:statusOf ?rec ; rg:date ?d ; rg:implementation ?v .
      FILTER NOT EXISTS { ?b rg:statusOf ?rec ; rg:date ?d2 ; rg:implementation ?w FILTER (?d2 > ?d) }
      FILTER (?v != ?now) }"""
    assert list(to_store(triples).query(q)) == []


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_rates_equal_what_the_queries_give(seed, engine):
    _, recs, updates, triples = seed
    s = summary(status_table(recs, updates, as_of=TODAY), as_of=TODAY)
    (r,) = run(triples, "status-rates", engine)
    assert int(r["recommendations"]) == s["recommendations"]
    assert (int(r["open"]), int(r["closed"])) == (s["open"], s["closed"])
    assert int(r["acceptedCount"]) == s["acceptance"]["accepted"]
    assert int(r["pendingResponse"]) == s["acceptance"]["pending-response"]
    assert int(r["implementedCount"]) == s["implementation"]["implemented"]
    assert int(r["supersededCount"]) == s["implementation"]["superseded"]
    assert (int(r["gaoClosedImplementedCount"]), int(r["gaoClosedNotImplemented"])) == (
        s["gao"]["closed-implemented"], s["gao"]["closed-not-implemented"])
    assert (int(r["igOpenUnresolved"]), int(r["igOpenResolved"]), int(r["igClosedCount"])) == (
        s["ig"]["open-unresolved"], s["ig"]["open-resolved"], s["ig"]["closed"])
    assert round(float(Decimal(r["acceptanceRate"])), 4) == s["acceptance_rate"]
    assert round(float(Decimal(r["implementationRate"])), 4) == s["implementation_rate"]
    assert int(r["repeatedCount"]) == s["repeated"]
    ages = run(triples, "status-open", engine, asOf=TODAY.isoformat())
    assert len(ages) == s["open"]
    values = [int(a["ageDays"]) for a in ages]
    assert (statistics.median(values), max(values)) == (s["open_age_days"]["median"], s["open_age_days"]["max"])
    by_agency = {a["agency"]: int(a["open"]) for a in run(triples, "status-open-by-agency", engine)}
    assert by_agency == s["open_by_agency"]
    by_theme = {a["theme"].rsplit("/", 1)[1]: int(a["open"]) for a in run(triples, "status-open-by-theme", engine)}
    assert by_theme == s["open_by_theme"] != {}


def test_age_query_counts_days_across_leap_years_and_filters(seed):
    _, recs, updates, triples = seed
    rows = run(triples, "status-open", asOf="2028-03-01")
    assert {int(r["ageDays"]) for r in rows} == {(dt.date(2028, 3, 1) - dt.date(2025, 12, 31)).days}
    adi = run(triples, "status-open", agency="moda-adi", asOf="2026-01-01")
    table = filter_status(status_table(recs, updates, as_of=TODAY), agency="moda-adi", status="open")
    assert sorted(r["id"] for r in adi) == [r.rec.id for r in table]
    ai = run(triples, "status-open", theme="https://w3id.org/recgraph/theme/ai")
    assert sorted(r["id"] for r in ai) == [r.rec.id for r in filter_status(
        status_table(recs, updates, as_of=TODAY), theme="ai", status="open")]


def test_status_list_filters(seed):
    _, recs, updates, _ = seed
    rows = status_table(recs, updates, as_of=TODAY)
    ids = lambda **kw: [r.rec.id for r in filter_status(rows, **kw)]   # noqa: E731
    assert ids(status="accepted") == ["moda-2025-P01-R1", "moda-2025-P11-R1", "moda-2025-P12-R1",
                                      "moda-2025-P30-R1", "moda-2025-P41-R1"]
    assert ids(status="closed-not-implemented") == ["moda-2025-P12-R1", "moda-2025-P20-R1"]
    assert ids(status="辦理中") == ["moda-2025-P01-R2", "moda-2025-P11-R1"]
    assert len(ids(status="open")) == len(recs) - 4             # "open" = every open one (GAO sense)
    assert ids(status="open-resolved") == ["moda-2025-P01-R2", "moda-2025-P11-R1", "moda-2025-P30-R1"]
    assert ids(fiscal_year=2024) == [] and len(ids(fiscal_year=2025)) == len(recs)
    assert len(ids(open_longer_than=329)) == len(recs) - 4 and ids(open_longer_than=330) == []
    assert ids(agency="moda-dccr", status="in-progress") == ["moda-2025-P11-R1"]
    assert "moda-2025-P01-R2" in ids(theme="cybersecurity")
    assert ids(kind="no-such-kind") == []
    table = format_table(filter_status(rows, status="implemented"))
    assert table.splitlines()[1].startswith("moda-2025-P01-R1\taccepted\timplemented\t2026-09-30\t2025-12-31\t\t\tmoda-adi\t01\t")


def test_summary_text(seed):
    _, recs, updates, _ = seed
    text = format_summary(summary(status_table(recs, updates, as_of=TODAY), as_of=TODAY))
    assert "  acceptance rate: 85.7% of 7 with a response" in text
    assert "  age of open recommendations (days): median 330, max 330" in text


# ---------------------------------------------------------------- bad updates

HEADER = "recommendation,date,acceptance,implementation,note,evidence,reported_by\n"
BAD = {
    "unknown id": ("moda-2025-P99-R1,2026-03-01,accepted,,,,x\n", 2, "unknown recommendation id 'moda-2025-P99-R1'"),
    "unknown status": ("moda-2025-P01-R1,2026-03-01,agreed-ish,,,,x\n", 2, "unknown acceptance status 'agreed-ish'"),
    "before issue": ("moda-2025-P01-R1,2025-06-01,accepted,,,,x\n", 2, "before moda-2025-P01-R1 was issued (2025-12-31)"),
    "after today": ("moda-2025-P01-R1,2026-11-27,accepted,,,,x\n", 2, "after today (2026-11-26)"),
    "conflict": ("moda-2025-P01-R1,2026-03-01,accepted,,,,x\nmoda-2025-P01-R1,2026-03-01,not-accepted,,,,y\n", 3,
                 "two different acceptance statuses on 2026-03-01"),
    "malformed": ("moda-2025-P01-R1,2026-03-01,accepted\n", 2, "malformed row: 3 fields, expected 7"),
    "bad date": ("moda-2025-P01-R1,2026-02-30,accepted,,,,x\n", 2, "bad date '2026-02-30'"),
    "no status": ("moda-2025-P01-R1,2026-03-01,,,note,,x\n", 2, "neither an acceptance nor an implementation"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_update_names_file_and_line(seed, tmp_path, case):
    _, recs, _, _ = seed
    body, line, message = BAD[case]
    path = tmp_path / "updates.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    with pytest.raises(InputError) as e:
        read_updates(tmp_path, open_since_of(recs), today=TODAY)
    assert any(p.path == str(path) and p.line == line and message in p.message for p in e.value.problems), e.value


def test_wrong_encoding_and_header_are_errors(seed, tmp_path):
    _, recs, _, _ = seed
    path = tmp_path / "updates.csv"
    path.write_bytes((HEADER + "moda-2025-P01-R1,2026-03-01,accepted,,已納入,,主辦機關\n").encode("big5"))
    with pytest.raises(InputError, match=r"updates.csv:2: not UTF-8"):
        read_updates(path, open_since_of(recs), today=TODAY)
    path.write_text("id,date\nx,y\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"updates.csv:1: expected the header"):
        read_updates(path, open_since_of(recs), today=TODAY)


def test_append_update_appends_and_never_rewrites(seed, tmp_path):
    _, recs, _, _ = seed
    since = open_since_of(recs)
    path = tmp_path / "new" / "updates.csv"
    v = load_vocabulary()
    first = StatusUpdate("moda-2025-P04-R1", "2026-02-01", v.lookup("acceptance", "accepted"), None, "note, with comma")
    append_update(path, first, since, today=TODAY)
    before = path.read_bytes()
    assert before.decode() == HEADER.strip() + ',target_date\nmoda-2025-P04-R1,2026-02-01,accepted,,"note, with comma",,,\n'
    second = StatusUpdate("moda-2025-P04-R1", "2026-05-01", None, IMPLEMENTATION + "in-progress", reported_by="評核委員")
    got = append_update(path, second, since, today=TODAY)
    assert (got.source, got.line) == (str(path), 3)
    after = path.read_bytes()
    assert after.startswith(before) and after[len(before):].decode() == "moda-2025-P04-R1,2026-05-01,,in-progress,,,評核委員,\n"
    # a bad update writes nothing, and a conflict with a row of another file is caught
    other = tmp_path / "other.csv"
    other.write_text(HEADER + "moda-2025-P04-R1,2026-06-01,not-accepted,,,,x\n", encoding="utf-8")
    conflict = StatusUpdate("moda-2025-P04-R1", "2026-06-01", ACCEPTANCE + "accepted", None)
    with pytest.raises(InputError, match="two different acceptance statuses"):
        append_update(path, conflict, since, others=[other, path], today=TODAY)
    with pytest.raises(InputError, match="unknown recommendation id"):
        append_update(path, StatusUpdate("nope", "2026-06-01", ACCEPTANCE + "accepted"), since, today=TODAY)
    assert path.read_bytes() == after
    missing = tmp_path / "never.csv"
    with pytest.raises(InputError):
        append_update(missing, StatusUpdate("nope", "2026-06-01", ACCEPTANCE + "accepted"), since, today=TODAY)
    assert not missing.exists()


def test_vocabulary_alignment_is_complete():
    v = load_vocabulary()
    for dim in ("acceptance", "implementation"):
        concepts = set(v.schemes[dim].values())
        assert all({"zh-hant", "en"} <= set(v.labels[c]) for c in concepts)
    implementation = set(v.schemes["implementation"].values())
    assert set(v.gao) == implementation                      # every implementation status has a GAO term
    assert all(v.ig_term(a, i) for a in v.schemes["acceptance"].values() for i in implementation)
    assert sorted(v.notation[c] for c in implementation - v.open_implementation) == [
        "implemented", "not-implemented", "superseded"]


def test_project_ships_no_invented_statuses():
    shipped = ROOT / "data" / "status-updates"
    assert not list(shipped.glob("*.csv"))


def test_append_update_takes_tokens_or_labels_and_rejects_unknown_ones(seed, tmp_path):
    _, recs, _, _ = seed
    path = tmp_path / "updates.csv"
    append_update(path, StatusUpdate("moda-2025-P04-R1", "2026-02-01", "已採納", "in-progress"), open_since_of(recs), today=TODAY)
    assert path.read_text(encoding="utf-8").splitlines()[1] == "moda-2025-P04-R1,2026-02-01,accepted,in-progress,,,,"
    with pytest.raises(InputError, match=r"updates.csv:3: unknown implementation status 'done-ish'"):
        append_update(path, StatusUpdate("moda-2025-P04-R1", "2026-03-01", None, "done-ish"), open_since_of(recs), today=TODAY)
    assert len(path.read_text(encoding="utf-8").splitlines()) == 2


def test_an_identical_row_is_not_appended_twice(seed, tmp_path):
    _, recs, _, _ = seed
    path = tmp_path / "updates.csv"
    update = StatusUpdate("moda-2025-P04-R1", "2026-02-01", "accepted", "in-progress", reported_by="評核委員")
    assert append_update(path, update, open_since_of(recs), today=TODAY) is not None
    once = path.read_bytes()
    assert append_update(path, update, open_since_of(recs), today=TODAY) is None
    assert path.read_bytes() == once


def _set_in_process(args):
    path, since, implementation = args
    try:
        append_update(path, StatusUpdate("moda-2025-P04-R1", "2026-02-01", None, implementation),
                      since, today=TODAY)
        return "landed"
    except InputError:
        return "refused"


def test_concurrent_conflicting_updates_never_both_land(seed, tmp_path):
    import multiprocessing

    _, recs, _, _ = seed
    since = {"moda-2025-P04-R1": open_since_of(recs)["moda-2025-P04-R1"]}
    for round_ in range(4):
        path = tmp_path / f"round{round_}.csv"
        jobs = [(path, since, "implemented" if i % 2 else "not-implemented") for i in range(6)]
        with multiprocessing.get_context("fork").Pool(6) as pool:
            outcomes = pool.map(_set_in_process, jobs)
        rows, problems = parse_updates(path.read_bytes(), str(path))
        assert not problems and len(rows) == 1, path.read_text(encoding="utf-8")
        assert outcomes.count("landed") == 1 or len({r.implementation for r in rows}) == 1


def test_target_dates_keep_their_history_and_the_latest_counts(seed, tmp_path):
    from recgraph.tracking import current_status

    _, recs, _, _ = seed
    path = tmp_path / "updates.csv"
    path.write_text(",".join(COLUMNS) + "\n"
                    "moda-2025-P04-R1,2026-02-01,accepted,in-progress,,,主辦機關自評,2026-06-30\n"
                    "moda-2025-P04-R1,2026-07-01,,in-progress,slipped,,主辦機關自評,2026-12-31\n", encoding="utf-8")
    updates = read_updates(path, open_since_of(recs), TODAY)
    history = histories(recs, updates)["moda-2025-P04-R1"]
    assert [a.target_date for a in history] == ["", "2026-06-30", "2026-12-31"]
    assert current_status(recs, updates)["moda-2025-P04-R1"]["target_date"] == "2026-12-31"
    assert filter_status(status_table(recs, updates, as_of=TODAY), overdue=True) == []
    later = status_table(recs, updates, as_of=dt.date(2027, 1, 5))
    assert [r.rec.id for r in filter_status(later, overdue=True)] == ["moda-2025-P04-R1"]   # the latest target counts
    assert summary(later, as_of=dt.date(2027, 1, 5))["overdue"] == ["moda-2025-P04-R1"]
    assert "past their target date: 1 (moda-2025-P04-R1)" in format_summary(summary(later))
    assert "2026-12-31 (overdue)" in format_table(filter_status(later, overdue=True))
    bad = tmp_path / "bad.csv"
    bad.write_text(",".join(COLUMNS) + "\nmoda-2025-P04-R1,2026-02-01,accepted,,,,x,next year\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.csv:2: bad target_date 'next year'"):
        read_updates(bad, open_since_of(recs), TODAY)


def test_current_status_reads_back_from_the_csv_the_graph_and_status_list(tmp_path, capsys):
    """The real extractor, the test updates: the same statuses in recommendations.csv, SPARQL and the CLI."""
    import csv as csvmod

    from recgraph.cli import main
    from recgraph.outputs import export_files

    b = build([SEED], updates=UPDATES, today=TODAY, check=False)
    export_files(b, tmp_path)
    rows = {r["id"]: r for r in csvmod.DictReader((tmp_path / "recommendations.csv").read_text(encoding="utf-8-sig")
                                                  .splitlines())}
    expected = {"moda-2025-P01-R1": ("accepted", "implemented"), "moda-2025-P01-R2": ("partially-accepted", "in-progress"),
                "moda-2025-P30-R1": ("accepted", "partially-implemented"), "moda-2025-P41-R1": ("accepted", "implemented"),
                "moda-2025-P11-R1": ("accepted", "in-progress"), "moda-2025-P12-R1": ("accepted", "superseded"),
                "moda-2025-P20-R1": ("not-accepted", "not-implemented")}
    got = {rid: (r["acceptance"], r["implementation"]) for rid, r in rows.items() if r["acceptance"] != "pending-response"}
    assert got == expected
    assert {r["implementation"] for rid, r in rows.items() if rid not in expected} == {"open"}
    assert rows["moda-2025-P04-R1"]["plan_name"] and rows["moda-2025-P04-R1"]["lead_agency"]
    assert rows["moda-2025-P12-R1"]["status_date"] == "2026-10-01"
    q = """PREFIX rg: <https://w3id.org/recgraph/ns#> PREFIX dct: <http://purl.org/dc/terms/>
           PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
           SELECT ?id ?a ?i { ?r a rg:Recommendation ; dct:identifier ?id ; rg:acceptance/skos:notation ?a ;
                              rg:implementation/skos:notation ?i }"""
    store = to_store(b.triples + vocabulary_triples())
    sparql = {row["id"].value: (row["a"].value, row["i"].value) for row in store.query(q)}
    assert {k: v for k, v in sparql.items() if v[0] != "pending-response"} == expected
    assert main(["status", "list", "--updates", str(UPDATES), "--as-of", "2026-11-26"]) == 0
    listed = [line.split("\t") for line in capsys.readouterr().out.splitlines()[1:]]
    assert {c[0]: (c[1], c[2]) for c in listed if c[1] != "pending-response"} == expected


def test_prov_times_carry_the_taipei_offset_and_reporters_are_agents(seed):
    b, _, _, triples = seed
    q = """PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
           PREFIX rg: <https://w3id.org/recgraph/ns#>
           SELECT ?start ?end ?agent ?name ?target { <%s> prov:startedAtTime ?start ; prov:endedAtTime ?end ;
                  prov:wasAssociatedWith ?agent . ?agent a prov:Agent . OPTIONAL { ?agent rdfs:label ?name }
                  OPTIONAL { <%s> rg:targetDate ?target } }"""
    store = to_store(triples)
    (row,) = list(store.query(q % ((b.base + "status/moda-2025-P01-R1/1",) * 2)))
    assert row["start"] == row["end"] == ox.Literal("2026-03-31T00:00:00+08:00", datatype=ox.NamedNode(
        "http://www.w3.org/2001/XMLSchema#dateTime"))
    assert row["agent"].value == b.base + "agent/主辦機關自評"
    assert row["name"].value == "主辦機關自評" and row["target"] is None
    used = "https://example.org/test/p20-reply"
    assert bool(store.query(f"ASK {{ <{used}> a <http://www.w3.org/ns/prov#Entity> }}"))
    agencies = agent_iri("數位產業署", Iris(b.base))
    assert agencies == b.base + "agency/moda-adi"


def test_a_status_reads_as_token_label_or_the_template_choice():
    """What an agency picks in the response template's drop-down names the same status as its token."""
    v = load_vocabulary()
    accepted = v.lookup("acceptance", "accepted")
    assert v.choice(accepted) == "accepted (同意採納)"
    assert v.lookup("acceptance", "同意採納") == v.lookup("acceptance", "accepted (同意採納)") == accepted
    assert v.lookup("acceptance", "accepted (不採納)") is None  # a token and a label that disagree
    assert v.lookup("implementation", "accepted (同意採納)") is None

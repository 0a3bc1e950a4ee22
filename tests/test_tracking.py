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
from recgraph.pipeline import build
from recgraph.iris import Iris
from recgraph.model import InputError
from recgraph.serialize import to_store
from recgraph.tracking import (ACCEPTANCE, IMPLEMENTATION, PENDING, OPEN, StatusUpdate, append_update, current,
                            filter_status, format_history, format_summary, format_table, histories,
                            load_vocabulary, open_since_of, read_updates, status_table, status_triples,
                            summary)
from recgraph.validate import to_rdflib, validate

from conftest import ROOT, SEED
from synthetic import standin_extract_report

TODAY = dt.date(2026, 11, 26)
UPDATES = ROOT / "tests" / "data" / "status-updates"
QUERIES = ROOT / "graph" / "queries"


def standin_build(sources, updates=None):
    """The build with the stand-in extractor; its own status triples come from ``updates``."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(recgraph.extract, "extract_report", standin_extract_report)
        return build(sources, updates=updates, today=TODAY)


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
    assert table.splitlines()[1].startswith("moda-2025-P01-R1\taccepted\timplemented\t2026-09-30\t2025-12-31\t\tmoda-adi\t")


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
    assert before.decode() == HEADER + 'moda-2025-P04-R1,2026-02-01,accepted,,"note, with comma",,\n'
    second = StatusUpdate("moda-2025-P04-R1", "2026-05-01", None, IMPLEMENTATION + "in-progress", reported_by="評核委員")
    got = append_update(path, second, since, today=TODAY)
    assert (got.source, got.line) == (str(path), 3)
    after = path.read_bytes()
    assert after.startswith(before) and after[len(before):].decode() == "moda-2025-P04-R1,2026-05-01,,in-progress,,,評核委員\n"
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
    assert path.read_text(encoding="utf-8").splitlines()[1] == "moda-2025-P04-R1,2026-02-01,accepted,in-progress,,,"
    with pytest.raises(InputError, match=r"updates.csv:3: unknown implementation status 'done-ish'"):
        append_update(path, StatusUpdate("moda-2025-P04-R1", "2026-03-01", None, "done-ish"), open_since_of(recs), today=TODAY)
    assert len(path.read_text(encoding="utf-8").splitlines()) == 2

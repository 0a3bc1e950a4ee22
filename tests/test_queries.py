"""Every query of the library: its expected answer on the hand-made fixture (worked out by hand
from tests/data/sparql/fixture.ttl), and the same answers from both engines."""

from decimal import Decimal
from pathlib import Path

import pytest

from recgraph.sparql import ENGINES, list_queries, load_graph, load_query, resolve_params, run_query

FIXTURE = Path(__file__).parent / "data" / "sparql" / "fixture.ttl"
E = "https://w3id.org/recgraph/id/report/moda/2025/plan/"
P1, P2, P3 = "5G專網應用推動計畫", "資安防護計畫", "數位人才培育計畫"


@pytest.fixture(scope="module")
def engines():
    return {e: load_graph(FIXTURE, e) for e in ENGINES}


def ask(engines, name, engine="oxigraph", **params):
    q = load_query(name)
    return run_query(engines[engine], q.text, resolve_params(q, {k: str(v) for k, v in params.items()}))


def col(table, *names):
    """The named columns of every row, in the query's own order."""
    idx = [table.columns.index(n) for n in names]
    return [tuple(r[i] for i in idx) if len(idx) > 1 else r[idx[0]] for r in table.rows]


# (query, params) pairs: every query, with and without its parameters
CASES = [
    ("plans", {}), ("plans", {"agency": "moda"}), ("plans", {"agency": "moda-acs"}),
    ("plans-per-agency", {}),
    ("plans-by-theme", {}), ("plans-by-theme", {"theme": "theme:ai"}),
    ("theme-counts", {}),
    ("themes-across-agencies", {}), ("themes-across-agencies", {"min": 1}),
    ("recommendations-by-agency", {}), ("recommendations-by-agency", {"agency": "moda"}),
    ("recommendations-by-agency", {"agency": "ncc"}),
    ("recommendations-by-kind", {}), ("recommendations-by-kind", {"kind": "kind:outcome-tracking"}),
    ("recommendations-by-theme", {}), ("recommendations-by-theme", {"theme": "theme:cybersecurity"}),
    ("recommendations-by-status", {}), ("recommendations-by-status", {"implementation": "implementation:open"}),
    ("recommendations-by-status", {"acceptance": "acceptance:accepted", "implementation": "implementation:open"}),
    ("recommendation-counts", {}),
    ("figures-above-target", {}), ("figures-above-target", {"ratio": "1"}),
    ("figures-below-target", {}), ("figures-below-target", {"ratio": "0.5"}),
    ("opinions-truncated-or-empty", {}),
    ("agencies-named-together", {}), ("agencies-named-together", {"min": 2}),
    ("evidence", {}), ("evidence", {"item": f"<{E}01/rec/1>"}),
    ("reports", {}),
    ("theme-mentions", {}), ("theme-mentions", {"theme": "theme:international", "role": "passing"}),
    ("status-history", {}), ("status-history", {"id": "moda-2025-P01-R1"}),
]


def test_every_library_query_is_covered():
    # status-* queries are checked against the tracker's own rates in tests/test_tracking.py
    assert {q.name for q in list_queries() if not q.name.startswith("status-")} == {n for n, _ in CASES if not n.startswith("status-")}


@pytest.mark.parametrize("name,params", CASES, ids=[f"{n}{sorted(p.items())}" for n, p in CASES])
def test_engines_agree(engines, name, params):
    ox, rd = (ask(engines, name, e, **params) for e in ENGINES)
    assert ox.columns == rd.columns
    assert sorted(map(repr, ox.rows)) == sorted(map(repr, rd.rows))


@pytest.mark.parametrize("engine", ENGINES)
def test_empty_graph_gives_no_rows(tmp_path, engine):
    empty = tmp_path / "empty.ttl"
    empty.write_text("", encoding="utf-8")
    g = load_graph(empty, engine)
    for q in list_queries():
        if q.name == "status-rates":  # one row of zero counts, by design
            continue
        assert run_query(g, q.text, resolve_params(q, {})).rows == (), q.name


def test_plans(engines):
    t = ask(engines, "plans")
    assert col(t, "serial", "plan", "leadAgencyCode", "controlLevel", "category") == [
        (1, P1, "moda-adi", "部會管制", "科技計畫(前瞻)"), (2, P2, "moda-acs", "院管制", "一般科技"),
        (3, P3, "moda", "自行管制", "社會發展")]
    assert col(ask(engines, "plans", agency="moda"), "serial") == [1, 2, 3]  # sub-organisations included
    assert col(ask(engines, "plans", agency="moda-acs"), "agency", "serial") == [("moda-acs", 2)]
    assert ask(engines, "plans", agency="ncc").rows == ()


def test_plans_per_agency(engines):
    assert sorted(col(ask(engines, "plans-per-agency"), "agencyCode", "plans")) == [
        ("moda", 1), ("moda-acs", 1), ("moda-adi", 1)]


def test_plans_by_theme_follows_the_hierarchy(engines):
    t = ask(engines, "plans-by-theme", theme="theme:ai")
    assert col(t, "planName", "foundAs") == [(P1, "人工智慧"), (P2, "生成式AI與大型語言模型")]
    assert col(ask(engines, "plans-by-theme", theme="theme:mobile-networks"), "planName", "foundAs") == [(P1, "5G")]
    assert len(ask(engines, "plans-by-theme").rows) == 8


def test_theme_counts(engines):
    t = ask(engines, "theme-counts")
    assert col(t, "theme", "plans", "recommendations")[0] == ("https://w3id.org/recgraph/theme/ai", 2, 1)
    assert dict((r[0].rsplit("/", 1)[1], r[1:]) for r in col(t, "theme", "plans", "recommendations")) == {
        "ai": (2, 1), "5g": (1, 1), "cybersecurity": (1, 1), "generative-ai": (1, 1), "mobile-networks": (1, 1),
        "zero-trust": (1, 1), "talent": (1, 0)}


def test_themes_across_agencies(engines):
    assert col(ask(engines, "themes-across-agencies"), "label", "agencies", "plans") == [("人工智慧", 2, 2)]
    assert len(ask(engines, "themes-across-agencies", min=1).rows) == 7
    assert ask(engines, "themes-across-agencies", min=3).rows == ()


def test_recommendations_by_agency(engines):
    assert col(ask(engines, "recommendations-by-agency"), "addressedTo", "id") == [
        ("moda-acs", "moda-2025-P02-R1"), ("moda-acs", "moda-2025-P02-R2"), ("moda-adi", "moda-2025-P01-R1"),
        ("moda-adi", "moda-2025-P01-R2"), ("ncc", "moda-2025-P01-R2")]
    assert len(ask(engines, "recommendations-by-agency", agency="moda").rows) == 4
    assert col(ask(engines, "recommendations-by-agency", agency="ncc"), "id", "acceptance", "implementation") == [
        ("moda-2025-P01-R2", "同意採納", "辦理中")]


def test_recommendations_by_kind(engines):
    assert col(ask(engines, "recommendations-by-kind", kind="kind:outcome-tracking"), "id") == [
        "moda-2025-P01-R1", "moda-2025-P01-R2"]
    assert len(ask(engines, "recommendations-by-kind").rows) == 5  # R2 has two kinds


def test_recommendations_by_theme(engines):
    assert col(ask(engines, "recommendations-by-theme", theme="theme:cybersecurity"), "id", "foundAs") == [
        ("moda-2025-P02-R1", "零信任")]
    assert col(ask(engines, "recommendations-by-theme", theme="theme:ai"), "id") == ["moda-2025-P02-R2"]


def test_recommendations_by_status(engines):
    t = ask(engines, "recommendations-by-status", implementation="implementation:open")
    assert col(t, "id", "openSince") == [("moda-2025-P01-R1", "2025-10-01"), ("moda-2025-P02-R1", "2025-10-01"),
                                         ("moda-2025-P02-R2", "2025-10-01")]
    assert ask(engines, "recommendations-by-status", acceptance="acceptance:accepted",
               implementation="implementation:open").rows == ()


@pytest.mark.parametrize("name,keys", [("recommendations-by-kind", ("kind", "id")),
                                       ("recommendations-by-status", ("acceptance", "implementation", "id")),
                                       ("plans-by-theme", ("theme", "planName", "foundAs", "plan")),
                                       ("recommendations-by-theme", ("theme", "id", "foundAs"))])
def test_listings_sorted_by_concept_rank_keep_the_iri_order(engines, name, keys):
    """These listings sort by each concept's rank among the concepts (an integer, cheap to compare on
    disk) instead of its IRI: the rows must still come in IRI order, the same order from both engines."""
    ox, rd = (ask(engines, name, e) for e in ENGINES)
    assert ox.rows == rd.rows and len(ox.rows) > 1
    concepts = {k for k in keys if k in ("kind", "acceptance", "implementation", "theme")}
    assert len({r for k in concepts for r in col(ox, k)}) > 1  # more than one concept to order
    key = [tuple((v is not None, v or "") for v in row) for row in col(ox, *keys)]
    assert key == sorted(key)


def test_recommendation_counts(engines):
    t = ask(engines, "recommendation-counts")
    assert sorted((a, k.rsplit("/", 1)[1], n) for a, k, n in col(t, "agencyCode", "kind", "recommendations")) == [
        ("moda-acs", "emerging-technology", 2), ("moda-adi", "cross-agency-coordination", 1),
        ("moda-adi", "outcome-tracking", 2), ("ncc", "cross-agency-coordination", 1), ("ncc", "outcome-tracking", 1)]


def test_figures_above_target(engines):
    assert col(ask(engines, "figures-above-target"), "metric", "achievementRatio") == [("AI應用服務", Decimal(3))]
    # the at-most figure (1.25) is not a success, so it is left out
    assert col(ask(engines, "figures-above-target", ratio=1), "metric") == ["AI應用服務", "5G專網建置"]


def test_figures_below_target(engines):
    assert col(ask(engines, "figures-below-target"), "metric", "comparator") == [
        ("弱點修補率", "at-least"), ("事件處理時間", "at-most")]
    assert ask(engines, "figures-below-target", ratio="0.5").rows == ()


def test_opinions_truncated_or_empty(engines):
    assert col(ask(engines, "opinions-truncated-or-empty"), "problem", "serial", "sourceLine") == [
        ("truncated", 2, 3), ("empty", 3, 4)]


def test_agencies_named_together(engines):
    assert col(ask(engines, "agencies-named-together"), "agencyA", "agencyB", "evaluations") == [
        ("moda-acs", "ncc", 1), ("moda-adi", "ncc", 1)]


def test_evidence(engines):
    t = ask(engines, "evidence", item=f"<{E}01/rec/1>")
    assert t.records() == [{
        "item": f"{E}01/rec/1", "exact": "請建立成效追蹤機制", "start": 2, "end": 11, "prefix": "二、", "suffix": "。",
        "segmentText": "二、請建立成效追蹤機制。", "serial": 1, "planName": P1, "sourceFile": "moda-fy114-fixture.txt",
        "sourceLine": 2, "segment": f"{E}01/p2/s1"}]
    every = ask(engines, "evidence")
    assert col(every, "item") == [f"{E}01/{item}" for item in ("fig/1", "fig/2", "rec/1", "rec/2", "theme/1")] + [
        f"{E}02/{item}" for item in ("fig/1", "fig/2", "rec/1", "rec/2")]  # every item has its evidence (the shapes)
    for r in every.records():  # offsets point at the quote
        assert r["segmentText"][r["start"]:r["end"]] == r["exact"]


def test_reports(engines):
    assert col(ask(engines, "reports"), "year", "evaluations", "recommendations", "figures") == [("2025", 3, 4, 4)]


def test_status_history(engines):
    assert col(ask(engines, "status-history"), "id", "date", "acceptance", "implementation") == [
        ("moda-2025-P01-R2", "2025-12-15", "同意採納", "辦理中")]
    assert ask(engines, "status-history", id="moda-2025-P01-R1").rows == ()


# ---------------------------------------------------------------- the real seed (41 plans), built once

@pytest.fixture(scope="module")
def seed(seed_out):
    return {e: load_graph(seed_out / "graph.ttl", e) for e in ENGINES}


@pytest.mark.parametrize("name,params", CASES, ids=[f"{n}{sorted(p.items())}" for n, p in CASES])
def test_engines_agree_on_the_seed(seed, name, params):
    ox, rd = (ask(seed, name, e, **params) for e in ENGINES)
    assert ox.columns == rd.columns
    assert sorted(map(repr, ox.rows)) == sorted(map(repr, rd.rows))


def test_seed_plans(seed):
    t = ask(seed, "plans")
    assert col(t, "serial") == list(range(1, 42))
    # row 5 of the source, checked by hand: "數位建模 與雙生應 用基礎建 設計畫 | 數位 產業 署 | 部會 管制 | 公共建設"
    assert t.records()[4] | {"evaluation": None} == {
        "agency": None, "year": "2025", "serial": 5, "plan": "數位建模與雙生應用基礎建設計畫",
        "leadAgencyCode": "moda-adi", "leadAgency": "數位產業署", "controlLevel": "部會管制", "category": "公共建設",
        "evaluation": None}
    # lead agencies counted by hand in the source: 21 數位產業署, 5 資通安全署; all under 數位發展部
    assert [len(ask(seed, "plans", agency=a).rows) for a in ("moda", "moda-adi", "moda-acs", "ey")] == [41, 21, 5, 41]


def test_seed_plans_per_agency(seed):
    rows = col(ask(seed, "plans-per-agency"), "agencyCode", "controlLevel", "plans")
    assert sum(n for *_, n in rows) == 41
    totals = {}
    for code, _, n in rows:
        totals[code] = totals.get(code, 0) + n
    assert totals == {"moda-adi": 21, "moda-dccr": 5, "moda-acs": 5, "moda-drm": 3, "moda-ddg": 3, "moda-ddia": 2,
                      "moda-ddi": 1, "moda-dds": 1}
    assert ("moda-acs", "部會管制", 2) in rows


def test_seed_truncated_opinions(seed):
    # source lines 59, 66 and 67 end mid-sentence ("...依廠商規模分級</p>")
    assert col(ask(seed, "opinions-truncated-or-empty"), "problem", "serial", "sourceLine") == [
        ("truncated", 34, 59), ("truncated", 37, 66), ("truncated", 38, 67)]


def test_seed_report(seed, seed_path):
    import hashlib
    (r,) = ask(seed, "reports").records()
    assert (r["year"], r["evaluations"], r["sourceFile"]) == ("2025", 41, seed_path.name)
    assert r["sha256"] == hashlib.sha256(seed_path.read_bytes()).hexdigest()


def test_seed_theme_mentions_say_how_the_text_supports_them(seed):
    """Why a plan is (not) tagged a theme: each mention with its role, rule, quote and reviewer's decision."""
    rows = col(ask(seed, "theme-mentions", theme="theme:digital-health", role="passing"), "planName", "rule", "exact", "sentence")
    assert any(name.startswith("晶片驅動") and rule == "weak-label" and exact == "醫療" and "醫療體系進行遷移規劃" in sentence
               for name, rule, exact, sentence in rows)
    reviewed = col(ask(seed, "theme-mentions", theme="theme:agriculture"), "role", "rule", "decision", "reviewer")
    assert ("passing", "review", "reject", "recgraph themes engineer") in reviewed
    roles = {r for r in col(ask(seed, "theme-mentions"), "role")}
    assert roles == {"subject", "passing", "advice"}


PLAN_QUERIES = ["plans", "figures-above-target", "figures-below-target", "opinions-truncated-or-empty",
                "recommendations-by-agency", "recommendations-by-kind", "recommendations-by-status",
                "recommendations-by-theme", "evidence", "status-open"]


@pytest.mark.parametrize("name", PLAN_QUERIES)
def test_rows_naming_a_plan_carry_its_serial(seed, name):
    """Analysts find a plan in the published table by its serial (序號): every row naming a plan has it."""
    q = load_query(name)
    params = {"status-open": {"asOf": "2026-06-30"}, "figures-below-target": {"ratio": "5"}}.get(name, {})
    t = run_query(seed["oxigraph"], q.text, resolve_params(q, params))
    assert "serial" in t.columns and t.rows, name
    serials = col(t, "serial")
    assert all(isinstance(s, int) and 1 <= s <= 41 for s in serials), name
    if "planName" in t.columns:  # the serial is the one the seed gives that plan
        plan_of = {r["serial"]: r["plan"] for r in ask(seed, "plans").records()}
        assert all(plan_of[s] == p for s, p in col(t, "serial", "planName")), name


def test_bench_binds_parameters_from_the_answers(engines):
    """The benchmark times each query with its parameters bound to a value its own answers contain."""
    import sys

    from conftest import ROOT
    sys.path.insert(0, str(ROOT))
    from bench.run import bound_params, measure_queries

    bound = bound_params(engines["oxigraph"], load_query("evidence"))
    assert bound == {"item": __import__("rdflib").URIRef(f"{E}01/fig/1")}
    measured = measure_queries({"oxigraph": engines["oxigraph"]})
    assert set(measured) == {q.name for q in list_queries()}
    assert measured["evidence"]["bound"] == {"item": f"{E}01/fig/1"} and measured["evidence"]["oxigraph_bound"] >= 0
    assert "bound" not in measured["reports"]  # no parameters

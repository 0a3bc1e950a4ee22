"""Measures on small graphs whose answers were worked out by hand (see tests/data/mini.ttl)."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph

from recgraph import analyses as A
from recgraph import analysis_io as IO
from recgraph import views as V

MINI = Path(__file__).parent / "data" / "mini.ttl"
T = "https://w3id.org/recgraph/theme/"
P = "https://w3id.org/recgraph/id/plan/moda/"


@pytest.fixture(scope="module")
def t():
    return V.read_facts(V.load_store(MINI))


def test_weighted_degree_of_theme_cooccurrence(t):
    wd = A.weighted_degree(V.theme_cooccurrence_graph(t))
    assert wd == {T + "5g": 1, T + "agentic-ai": 1, T + "ai": 4, T + "cybersecurity": 2,
                  T + "generative-ai": 1, T + "mobile-networks": 1, T + "talent": 2}


def test_betweenness_of_the_theme_tree(t):
    # The co-occurrence graph is a tree: AI separates {talent, agentic-ai}, {5g}, {mobile},
    # {cyber, genai}: 15 pairs of the other six nodes minus 2 inside a branch = 13.
    bc = A.betweenness(V.theme_cooccurrence_graph(t), normalized=False)
    assert bc[T + "ai"] == 13 and bc[T + "talent"] == 5 and bc[T + "cybersecurity"] == 5
    assert bc[T + "5g"] == 0


def test_betweenness_samples_with_a_fixed_seed_when_large():
    g = nx.barabasi_albert_graph(300, 2, seed=1)
    first = A.betweenness(g, k=50, max_exact=100)
    assert first == A.betweenness(g, k=50, max_exact=100)
    assert first != A.betweenness(g)  # the exact answer differs from the estimate
    exact = A.betweenness(g)
    assert max(first, key=first.get) == max(exact, key=exact.get)


def test_louvain_communities_are_reproducible_and_sorted():
    g = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z"), ("c", "x")])
    assert A.communities(g) == [["a", "b", "c"], ["x", "y", "z"]]
    assert A.membership(A.communities(g)) == {"a": 0, "b": 0, "c": 0, "x": 1, "y": 1, "z": 1}
    assert A.communities(nx.Graph()) == []


def test_plan_similarity_is_jaccard_of_expanded_theme_sets(t):
    rows = A.plan_similarity(t)
    pairs = {(r["a"], r["b"]): (r["jaccard"], r["shared"]) for r in rows}
    # AI人才 {agentic-ai, ai, talent} vs 數位人才 {talent}: 1 shared of 3 -> 1/3
    assert pairs[(P + "AI人才培育計畫", P + "數位人才計畫")] == (0.333333, 1)
    # AI人才 vs 5G {5g, mobile, ai}: only ai shared, union 5 -> 0.2
    assert pairs[(P + "5G專網推動計畫", P + "AI人才培育計畫")] == (0.2, 1)
    assert len(rows) == 4  # 5G/資安 vs 數位人才 share nothing: never computed
    assert rows[0]["jaccard"] == 0.333333


def test_plan_similarity_keeps_top_k_and_threshold(t):
    top1 = A.plan_similarity(t, top_k=1)
    # each plan keeps its single best neighbour, ties broken by the neighbour's IRI:
    # AI人才 and 數位人才 pick each other (1/3); 5G picks AI人才 ("A" < "資"); 資安 picks 5G ("5" < "A")
    assert {(r["a"], r["b"]) for r in top1} == {
        (P + "AI人才培育計畫", P + "數位人才計畫"), (P + "5G專網推動計畫", P + "AI人才培育計畫"),
        (P + "5G專網推動計畫", P + "資安防護計畫")}
    assert [r["jaccard"] for r in A.plan_similarity(t, threshold=0.25)] == [0.333333]


def test_plan_similarity_in_row_blocks_equals_one_block():
    # Five plans with ties: p0, p1, p2 and p3 are 1/3 alike pairwise (but p0/p3: 0), p3/p4 1/2.
    themes = {"p0": ["a", "b"], "p1": ["a", "c"], "p2": ["b", "c"], "p3": ["c", "d"], "p4": ["d"]}
    t = V.Facts(plan_themes={(P + p, T + th): {"mentions": 1, "quotes": []}
                              for p, ths in themes.items() for th in ths})
    for top_k, threshold in ((1, 0.0), (2, 0.0), (10, 0.0), (2, 0.4)):
        whole = A.plan_similarity(t, top_k, threshold)
        assert whole == A.plan_similarity(t, top_k, threshold, block_rows=5)
        for rows in (1, 2, 3):
            assert A.plan_similarity(t, top_k, threshold, block_rows=rows) == whole, (top_k, threshold, rows)
    # top 1, ties by IRI: p0 and p1 pick each other, p2 picks p0, p3 and p4 pick each other
    assert [(r["a"][-2:], r["b"][-2:]) for r in A.plan_similarity(t, top_k=1, block_rows=2)] == [
        ("p3", "p4"), ("p0", "p1"), ("p0", "p2")]


def test_views_measured_in_forked_processes_as_in_this_one(t):
    graphs = IO.views_of(t, A.plan_similarity(t))
    assert IO.measure_all(graphs, workers=2, parallel_min_nodes=0) == IO.measure_all(graphs, workers=1)


def test_cross_cutting_themes_rank_ai_then_talent(t):
    rows = A.cross_cutting_themes(t)
    assert [r["theme"] for r in rows[:2]] == [T + "ai", T + "talent"]
    ai = rows[0]
    # AI reaches 3 of 4 plans (one via agentic AI, one via generative AI) and 2 of 3 agencies
    assert (ai["plans"], ai["agencies"], ai["recommendations"], ai["figures"]) == (3, 2, 1, 2)
    assert ai["score"] == round((0.75 * 2 / 3) ** 0.5, 6)


def test_theme_profile_lists_plans_agencies_recommendations_figures(t):
    prof = A.theme_profiles(t)[T + "mobile-networks"]
    assert prof["plans"] == [P + "5G專網推動計畫"]
    assert prof["agencies"] == ["https://w3id.org/recgraph/id/agency/moda-adi"]
    assert prof["recommendations"] == ["https://w3id.org/recgraph/id/report/moda/2025/plan/02/rec/1"]
    assert prof["figures"] == ["https://w3id.org/recgraph/id/report/moda/2025/plan/02/fig/1"]


def test_write_analyses_files_are_complete_and_deterministic(tmp_path):
    first = IO.write_analyses(MINI, tmp_path / "a")
    second = IO.write_analyses(MINI, tmp_path / "b")
    assert [p.name for p in first] == [p.name for p in second]
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes(), a.name
    result = json.loads((tmp_path / "a" / "analysis.json").read_text(encoding="utf-8"))
    assert result["summary"] == {"plans": 4, "evaluations": 4, "agencies": 3, "themes": 6,
                                 "recommendations": 4, "figures": 2}
    assert result["cross_cutting_themes"][0]["zh"] == "人工智慧"
    g = Graph().parse(tmp_path / "a" / "analysis.ttl")
    members = {str(m) for m in g.query("""
        PREFIX rg: <https://w3id.org/recgraph/ns#>
        SELECT ?m WHERE { ?c a rg:Community ; rg:view "theme-cooccurrence" ; rg:member ?m }""").bindings
               for m in m.values()}
    assert members == set(V.theme_cooccurrence_graph(V.read_facts(V.load_store(MINI))).nodes)
    header = (tmp_path / "a" / "cross-cutting-themes.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.startswith("theme,zh,en,top_level,plans,agencies")


def test_analyses_scale_sparsely():
    """4,100 synthetic plans: similarity stays sparse (top-k); timings belong to bench/, not here."""
    import random
    rnd = random.Random(7)
    themes = [f"{T}t{i}" for i in range(40)]
    t = V.Facts(broader={f"{T}t{i}": [f"{T}t{i % 10}"] for i in range(10, 40)})
    for p in range(4100):
        plan = f"{P}p{p}"
        t.plans[plan] = {"agencies": [f"a{p % 60}"], "control_levels": [], "evaluations": [f"e{p}"]}
        for th in rnd.sample(themes, 3):
            t.plan_themes[(plan, th)] = {"mentions": 1, "quotes": []}
    rows = A.plan_similarity(t, top_k=10)
    g = A.similarity_graph(rows, t)
    A.communities(g)
    A.betweenness(g)
    A.cross_cutting_themes(t)
    assert len(rows) <= 4100 * 10

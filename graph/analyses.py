"""Measures over the views of :mod:`graph.views`: plain functions that return dicts and rows.

Built for scale (issue 7): betweenness samples ``k`` pivots with a fixed seed once a graph is
large, plan similarity keeps the top ``k`` neighbours of each plan from ``M @ M.T`` computed in
row blocks, and everything is deterministic (fixed seeds, sorted output) so two runs give the same files.
"""

from __future__ import annotations

import math
from collections import defaultdict

import networkx as nx
import numpy as np

from recgraph.views import Facts, ancestors, plan_theme_sets, top_level

SEED = 42
"""Seed of every randomised measure (Louvain, sampled betweenness)."""

EXACT_BETWEENNESS_MAX_NODES = 500
"""Above this many nodes, betweenness is estimated from a sample of pivots."""

SIMILARITY_BLOCK_CELLS = 1_000_000
"""Plan similarity computes ``M @ M.T`` this many cells (rows x plans) at a time (about 50 MB of arrays)."""


def weighted_degree(g: nx.Graph, weight: str = "weight") -> dict[str, float]:
    """Sum of the weights of each node's edges, keyed by node, in node order.

    >>> g = nx.Graph([("a", "b", {"weight": 2}), ("a", "c", {"weight": 1})])
    >>> weighted_degree(g)
    {'a': 3, 'b': 2, 'c': 1}
    """
    return {n: d for n, d in sorted(g.degree(weight=weight))}


def betweenness(g: nx.Graph, k: int = 100, max_exact: int = EXACT_BETWEENNESS_MAX_NODES,
                seed: int = SEED, normalized: bool = True) -> dict[str, float]:
    """Betweenness centrality (unweighted shortest paths): exact up to ``max_exact`` nodes,
    else estimated from ``k`` pivot nodes drawn with ``seed``.

    Exact betweenness is O(n·m) (61 s on a 4,100-plan bipartite graph); the
    sample keeps the ranking of the central nodes at a fraction of the cost.

    >>> betweenness(nx.path_graph(["a", "b", "c"]), normalized=False)
    {'a': 0.0, 'b': 1.0, 'c': 0.0}
    """
    n = g.number_of_nodes()
    sample = None if n <= max_exact else min(k, n)
    result = nx.betweenness_centrality(g, k=sample, normalized=normalized, seed=seed)
    return {node: result[node] for node in sorted(result)}


def communities(g: nx.Graph, weight: str = "weight", seed: int = SEED,
                resolution: float = 1.0) -> list[list[str]]:
    """Louvain communities with a fixed seed, largest first, members sorted.

    >>> two_triangles = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"),
    ...                           ("x", "z"), ("c", "x")])
    >>> communities(two_triangles)
    [['a', 'b', 'c'], ['x', 'y', 'z']]
    """
    if g.number_of_nodes() == 0:
        return []
    found = nx.community.louvain_communities(g, weight=weight, seed=seed, resolution=resolution)
    return sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))


def membership(groups: list[list[str]]) -> dict[str, int]:
    """Community number (0-based, largest first) of every node."""
    return {node: i for i, group in enumerate(groups) for node in group}


def plan_similarity(t: Facts, top_k: int = 10, threshold: float = 0.0,
                    block_rows: int | None = None) -> list[dict]:
    """Plan pairs by Jaccard similarity of their theme sets (broader themes included).

    A plans x themes incidence matrix ``M`` gives shared-theme counts as ``M @ M.T``, and
    each plan keeps its ``top_k`` most similar plans (sharing a theme, above ``threshold``): the
    output grows with plans x k, never with plans squared.  ``M @ M.T`` itself is plans squared
    (nearly all of it non-zero when most plans share a theme), so it is computed ``block_rows``
    rows at a time (default: :data:`SIMILARITY_BLOCK_CELLS` cells a block), each block's top k
    kept before the next.
    Rows: ``{"a", "b", "jaccard", "shared"}`` with ``a < b``, sorted by similarity then IRIs.
    """
    sets = plan_theme_sets(t)
    plans = sorted(sets)
    themes = sorted(set().union(*sets.values())) if sets else []
    if len(plans) < 2:
        return []
    col = {theme: j for j, theme in enumerate(themes)}
    rows, cols = [], []
    for i, plan in enumerate(plans):
        for theme in sets[plan]:
            rows.append(i)
            cols.append(col[theme])
    mt = np.zeros((len(themes), len(plans)), dtype=np.int32)  # dense themes x plans: few themes
    mt[cols, rows] = 1
    m = mt.T
    sizes = mt.sum(axis=0)
    step = block_rows or max(1, SIMILARITY_BLOCK_CELLS // len(plans))
    found = [_top_neighbours(m[lo:lo + step] @ mt, lo, sizes, top_k, threshold)
             for lo in range(0, len(plans), step)]
    src, dst, jac, shared = (np.concatenate(parts) for parts in zip(*found))
    # A pair is kept when either plan ranks the other in its top k: keep each pair once.
    a, b = np.minimum(src, dst), np.maximum(src, dst)
    _, first = np.unique(a * len(plans) + b, return_index=True)
    out = [{"a": plans[a[p]], "b": plans[b[p]], "jaccard": round(float(jac[p]), 6), "shared": int(shared[p])}
           for p in first]
    return sorted(out, key=lambda r: (-r["jaccard"], r["a"], r["b"]))


def _top_neighbours(shared: np.ndarray, lo: int, sizes: np.ndarray, top_k: int, threshold: float):
    """``(src, dst, jaccard, shared)`` of each row's ``top_k`` most similar other plans in rows
    ``lo...`` of ``M @ M.T``: by similarity, then by the neighbour's IRI (its index)."""
    src = np.arange(lo, lo + len(shared))
    s = shared.astype(float)
    jac = s / (sizes[src, None] + sizes[None, :] - s)
    ok = (shared > 0) & (jac > threshold)
    ok[np.arange(len(src)), src] = False  # not a plan with itself
    if ok.shape[1] > top_k:  # only what reaches a row's k-th best similarity can be in its top k
        kth = -np.partition(np.where(ok, -jac, 1.0), top_k - 1, axis=1)[:, top_k - 1:top_k]
        ok &= jac >= kth
    i, j = np.nonzero(ok)
    src, dst, jac, s = i + lo, j, jac[i, j], s[i, j]
    order = np.lexsort((dst, -jac, src))
    first = np.flatnonzero(np.diff(src[order], prepend=-1))  # where each row's neighbours start
    rank = np.arange(len(order)) - np.repeat(first, np.diff(first, append=len(order)))
    kept = order[rank < top_k]
    return src[kept], dst[kept], jac[kept], s[kept]


def similarity_graph(rows: list[dict], t: Facts) -> nx.Graph:
    """The plan-similarity rows as a weighted plan graph (weight = Jaccard)."""
    g = nx.Graph(name="plan-similarity")
    for row in rows:
        for plan in (row["a"], row["b"]):
            if plan not in g:
                info = t.plans.get(plan, {})
                g.add_node(plan, type="plan", zh=t.label(plan, "zh"), en=t.label(plan, "en"),
                           agencies=[t.label(a) for a in info.get("agencies", [])],
                           control_levels=[t.label(c) for c in info.get("control_levels", [])])
        g.add_edge(row["a"], row["b"], weight=row["jaccard"], shared=row["shared"])
    return g


def theme_profiles(t: Facts) -> dict[str, dict]:
    """For each theme found in the graph: its plans, lead agencies, recommendations and figures.

    A plan, recommendation or figure counts for a theme when it is tagged with the theme or a
    narrower one.  Figures belong to the theme through their plan.  Lists are sorted IRIs.
    """
    # Recommendations and figures are gathered in IRI order, so each theme's lists come out sorted.
    themes_of = plan_theme_sets(t)
    plans_of: dict[str, set[str]] = defaultdict(set)
    for plan, themes in themes_of.items():
        for theme in themes:
            plans_of[theme].add(plan)
    recs_of: dict[str, list[str]] = defaultdict(list)
    above = ancestors({th for info in t.recommendations.values() for th in info["themes"]}, t.broader)
    for rec in sorted(t.recommendations):
        for theme in set().union(*(above[th] for th in t.recommendations[rec]["themes"])):
            recs_of[theme].append(rec)
    figs_of: dict[str, list[str]] = defaultdict(list)
    for fig in sorted(t.figures):
        for theme in themes_of.get(t.figures[fig]["plan"], ()):
            figs_of[theme].append(fig)
    out = {}
    for theme in sorted(set(plans_of) | set(recs_of)):
        plans = plans_of.get(theme, set())
        agencies = {a for p in plans for a in t.plans.get(p, {}).get("agencies", [])}
        out[theme] = {
            "zh": t.label(theme, "zh"), "en": t.label(theme, "en"),
            "top_level": top_level(theme, t.broader),
            "plans": sorted(plans),
            "agencies": sorted(agencies),
            "recommendations": recs_of.get(theme, []),
            "figures": figs_of.get(theme, []),
        }
    return out


def cross_cutting_themes(t: Facts, profiles: dict[str, dict] | None = None) -> list[dict]:
    """Themes ranked by how far they cut across the corpus: the share of lead agencies and the
    share of plans they reach, combined as a geometric mean (both must be high to rank high).

    Rows: ``{"theme", "zh", "en", "top_level", "plans", "agencies", "recommendations", "figures",
    "plan_share", "agency_share", "score"}``, highest score first, ties by more agencies, then IRI.
    """
    profiles = theme_profiles(t) if profiles is None else profiles
    n_plans = sum(1 for p in t.plans if t.plans[p].get("evaluations")) or len(t.plans) or 1
    n_agencies = len({a for p in t.plans.values() for a in p.get("agencies", [])}) or 1
    rows = []
    for theme, prof in profiles.items():
        plan_share = len(prof["plans"]) / n_plans
        agency_share = len(prof["agencies"]) / n_agencies
        rows.append({
            "theme": theme, "zh": prof["zh"], "en": prof["en"], "top_level": prof["top_level"],
            "plans": len(prof["plans"]), "agencies": len(prof["agencies"]),
            "recommendations": len(prof["recommendations"]), "figures": len(prof["figures"]),
            "plan_share": round(plan_share, 6), "agency_share": round(agency_share, 6),
            "score": round(math.sqrt(plan_share * agency_share), 6),
        })
    return sorted(rows, key=lambda r: (-r["score"], -r["agencies"], r["theme"]))


def node_measures(g: nx.Graph, groups: list[list[str]] | None = None) -> list[dict]:
    """One row per node: labels, type, weighted degree, betweenness and community number
    (of ``groups``, default :func:`communities` of ``g``)."""
    wd = weighted_degree(g)
    bc = betweenness(g)
    comm = membership(communities(g) if groups is None else groups)
    return [{"node": n, "type": g.nodes[n].get("type", ""), "zh": g.nodes[n].get("zh", ""),
             "en": g.nodes[n].get("en", ""), "weighted_degree": wd[n],
             "betweenness": round(bc[n], 6), "community": comm.get(n, -1)}
            for n in sorted(g, key=lambda n: (-wd[n], n))]


def crosstab(pairs, rows: list[str] | None = None, cols: list[str] | None = None):
    """Count ``(row, col)`` pairs into a matrix: returns ``(rows, cols, counts)``.

    >>> crosstab([("a", "x"), ("a", "x"), ("b", "y")])
    (['a', 'b'], ['x', 'y'], [[2, 0], [0, 1]])
    """
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for r, c in pairs:
        counts[(r, c)] += 1
    rows = sorted({r for r, _ in counts}) if rows is None else rows
    cols = sorted({c for _, c in counts}) if cols is None else cols
    return rows, cols, [[counts.get((r, c), 0) for c in cols] for r in rows]


def summary(t: Facts) -> dict[str, int]:
    """Headline numbers of the graph."""
    return {
        "plans": len(t.plans),
        "evaluations": len(t.evaluations),
        "agencies": len({a for p in t.plans.values() for a in p.get("agencies", [])}),
        "themes": len({th for _, th in t.plan_themes}),
        "recommendations": len(t.recommendations),
        "figures": len(t.figures),
    }

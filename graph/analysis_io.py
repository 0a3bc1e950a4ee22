"""Run the analyses on a graph and write them out: ``analysis.json``, CSV tables and RDF.

:func:`analyse` is pure (facts in, one JSON-ready dict out); :func:`write_analyses` is the thin
I/O edge that writes it.  Community memberships are facts about the data, so they are also
written as RDF (``rg:Community``, ``rg:view``, ``rg:member``) in ``analysis.ttl`` for SPARQL users.
Every file is written atomically (temporary file, then :func:`os.replace`) so a reader never
sees half a file, and with ``encoding="utf-8"`` whatever the platform's default.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import networkx as nx
from rdflib import RDF, RDFS, Graph, Literal, URIRef

from recgraph import analyses as A
from recgraph import views as V
from recgraph.csvfile import to_csv
from recgraph.namespace import DEFAULT_BASE, RG
from recgraph.workers import fork_map

COMMUNITY_VIEWS = ("theme-cooccurrence", "plan-similarity", "agency-mentions")
"""Views whose Louvain communities are also written as RDF."""


def atomic_write(path: Path, data: str | bytes) -> Path:
    """Write ``data`` to ``path`` via a temporary file in the same directory and ``os.replace``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def views_of(t: V.Facts, similarity: list[dict]) -> dict[str, nx.Graph]:
    """Every analysis view, by name (``similarity``: rows of :func:`graph.analyses.plan_similarity`)."""
    return {
        "plan-theme": V.plan_theme_graph(t),
        "theme-cooccurrence": V.theme_cooccurrence_graph(t),
        "plan-similarity": A.similarity_graph(similarity, t),
        "agency-theme": V.agency_theme_graph(t),
        "agency-mentions": V.agency_mention_graph(t),
        "kind-theme": V.kind_theme_graph(t),
    }


PARALLEL_MIN_NODES = 2000
"""Views with fewer nodes in all are measured in this process (betweenness and Louvain are pure
Python: over a second each for the plan views at 4,100 evaluations; below this, not worth a process)."""


def measure(g: nx.Graph) -> dict:
    """A view's size, its node measures and its Louvain communities."""
    groups = A.communities(g)
    return {"nodes": g.number_of_nodes(), "edges": g.number_of_edges(),
            "measures": A.node_measures(g, groups), "communities": groups}


def measure_all(graphs: dict[str, nx.Graph], workers: int = 1,
                parallel_min_nodes: int = PARALLEL_MIN_NODES) -> dict[str, dict]:
    """:func:`measure` of every view, the largest first in ``workers`` processes when the views
    have :data:`PARALLEL_MIN_NODES` nodes in all (the same results either way)."""
    if sum(g.number_of_nodes() for g in graphs.values()) < parallel_min_nodes:
        workers = 1
    names = sorted(graphs, key=lambda name: -graphs[name].number_of_nodes())
    found = dict(zip(names, fork_map(measure, [graphs[name] for name in names], workers)))
    return {name: found[name] for name in graphs}


def analyse(t: V.Facts, top_k: int = 10, threshold: float = 0.0, workers: int = 1) -> dict:
    """All analyses of the graph as one JSON-ready dict (deterministic: sorted, seeded)."""
    similarity = A.plan_similarity(t, top_k, threshold)
    view_results = measure_all(views_of(t, similarity), workers)
    profiles = A.theme_profiles(t)
    return {
        "summary": A.summary(t),
        "parameters": {"seed": A.SEED, "similarity_top_k": top_k, "similarity_threshold": threshold,
                       "exact_betweenness_max_nodes": A.EXACT_BETWEENNESS_MAX_NODES},
        "cross_cutting_themes": A.cross_cutting_themes(t, profiles),
        "theme_profiles": profiles,
        "plan_similarity": similarity,
        "views": view_results,
    }


def _csv(rows: list[dict], columns: list[str]) -> bytes:
    return to_csv(columns, rows)


def community_graph(result: dict, base: str = DEFAULT_BASE) -> Graph:
    """Community memberships of :data:`COMMUNITY_VIEWS` as RDF triples.

    ``{base}analysis/{view}/community/{n}`` is an ``rg:Community`` with ``rg:view`` and one
    ``rg:member`` per node; ``n`` is 1-based, largest community first.
    """
    g = Graph()
    g.bind("rg", str(RG._NS))
    for view in COMMUNITY_VIEWS:
        for n, members in enumerate(result["views"].get(view, {}).get("communities", []), start=1):
            node = URIRef(f"{base}analysis/{view}/community/{n}")
            g.add((node, RDF.type, RG.Community))
            g.add((node, RG.view, Literal(view)))
            g.add((node, RDFS.label, Literal(f"{view} community {n}", lang="en")))
            g.add((node, RDFS.label, Literal(f"{view} 第 {n} 社群", lang="zh-Hant")))
            for member in members:
                g.add((node, RG.member, URIRef(member)))
    return g


def write_analyses(source, out_dir, base: str = DEFAULT_BASE, top_k: int = 10,
                   threshold: float = 0.0, workers: int = 1) -> list[Path]:
    """Analyse the graph in ``source`` (a store or an RDF file) and write into ``out_dir``:
    ``analysis.json``, ``cross-cutting-themes.csv``, ``theme-profiles.csv``,
    ``plan-similarity.csv``, ``node-measures.csv``, ``communities.csv`` and ``analysis.ttl``.
    Returns the paths written.
    """
    out = Path(out_dir)
    t = V.facts(source)
    result = analyse(t, top_k, threshold, workers)
    written = [atomic_write(out / "analysis.json",
                            json.dumps(result, ensure_ascii=False, indent=1, sort_keys=True) + "\n")]
    written.append(atomic_write(out / "cross-cutting-themes.csv", _csv(
        result["cross_cutting_themes"],
        ["theme", "zh", "en", "top_level", "plans", "agencies", "recommendations", "figures",
         "plan_share", "agency_share", "score"])))
    profile_rows = [{"theme": th, "zh": p["zh"], "en": p["en"], "plans": " ".join(p["plans"]),
                     "agencies": " ".join(p["agencies"]), "recommendations": " ".join(p["recommendations"]),
                     "figures": " ".join(p["figures"])} for th, p in result["theme_profiles"].items()]
    written.append(atomic_write(out / "theme-profiles.csv", _csv(
        profile_rows, ["theme", "zh", "en", "plans", "agencies", "recommendations", "figures"])))
    sim_rows = [dict(r, a_label=t.label(r["a"]), b_label=t.label(r["b"])) for r in result["plan_similarity"]]
    written.append(atomic_write(out / "plan-similarity.csv", _csv(
        sim_rows, ["a", "b", "a_label", "b_label", "jaccard", "shared"])))
    measure_rows = [dict(row, view=view) for view, r in result["views"].items() for row in r["measures"]]
    written.append(atomic_write(out / "node-measures.csv", _csv(
        measure_rows, ["view", "node", "type", "zh", "en", "weighted_degree", "betweenness", "community"])))
    comm_rows = [{"view": view, "community": i, "node": node}
                 for view, r in result["views"].items()
                 for i, members in enumerate(r["communities"]) for node in members]
    written.append(atomic_write(out / "communities.csv", _csv(comm_rows, ["view", "community", "node"])))
    ttl = community_graph(result, base).serialize(format="longturtle", canon=True)
    written.append(atomic_write(out / "analysis.ttl", ttl))
    return written

"""Offline, self-contained interactive pages (pyvis + vis-network) of the graph's views.

The node and edge records are pyvis's (``pyvis.node.Node(...).options``, ``pyvis.edge.Edge(...).options``),
written here as the plain dicts they are: importing pyvis imports IPython for its notebook
display, a tenth of a second of every build for two dict constructors.  The page itself comes
from ``graph/templates/`` (pyvis's template without CDN links, with vis-network inlined from
pyvis's own copy, read as text once), rendered by a Jinja environment with autoescaping, so untrusted text (plan names, opinions) reaches the
page only as escaped HTML or JSON and tooltips are plain text.  Positions are computed here
(seeded spring layout) and physics is off, so pages are still from the first frame.  No page
holds more than ``max_nodes`` nodes: larger views keep themes and agencies and the
best-connected plans and recommendations, and say how many they left out.  Large graphs have
their pages built and drawn in ``workers`` processes (graph.workers).
"""

from __future__ import annotations

import heapq
import importlib.util
import math
import re
from collections.abc import Iterator
from functools import cache, partial
from pathlib import Path

import jinja2
import networkx as nx
import numpy as np
from markupsafe import Markup

from recgraph import analyses as A
from recgraph import views as V
from recgraph.analysis_io import atomic_write
from recgraph.jinja_cache import bytecode_cache
from recgraph.overview import Overview
from recgraph.site_pages import slug
from recgraph.spring import spring_layout
from recgraph.workers import fork_map

TEMPLATES = Path(__file__).parent / "templates"
PYVIS_TEMPLATES = Path(importlib.util.find_spec("pyvis").submodule_search_locations[0]) / "templates"
"""pyvis's templates, found without importing pyvis (which imports IPython)."""
VIS_NETWORK = "lib/vis-9.1.2/vis-network"
"""vis-network's script and style sheet in :data:`PYVIS_TEMPLATES` (``.min.js``, ``.css``), inlined in every page."""
MAX_NODES = 2000
"""Most nodes on one page (issue 7): beyond this, views are cut to their top items."""

STYLE = {
    # node type: (colour, vis shape, legend label)
    "plan": ("#4e79a7", "dot", "計畫 Plan"),
    "theme": ("#f28e2b", "diamond", "主題 Theme"),
    "agency": ("#59a14f", "square", "機關 Agency"),
    "recommendation": ("#e15759", "triangle", "建議 Recommendation"),
    "kind": ("#b07aa1", "star", "建議類型 Recommendation kind"),
}
KEEP_FIRST = {"theme": 0, "agency": 1, "kind": 1, "plan": 2, "recommendation": 3}
OPTIONS = {
    "physics": {"enabled": False},
    "edges": {"smooth": False, "color": {"color": "#b0b0b0", "highlight": "#555555"}},
    "nodes": {"font": {"size": 14}, "scaling": {"label": {"drawThreshold": 9, "maxVisible": 28}}},
    "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": True},
    "layout": {"improvedLayout": False},
}
TEXT_MAX = 300


@cache
def environment() -> jinja2.Environment:
    """Jinja environment of recgraph's templates, with vis-network's files as the globals
    ``vis_network_js`` and ``vis_network_css`` (:func:`vis_network`).

    ``tojson`` writes non-ASCII text as UTF-8, not ``\\uXXXX`` (a CJK character 3 bytes, not 6:
    the node records are most of a page); it still escapes ``<``, ``>``, ``&`` and ``'``."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                             keep_trailing_newline=True, bytecode_cache=bytecode_cache())
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    env.globals.update(vis_network_js=vis_network(".min.js"), vis_network_css=vis_network(".css"))
    return env


def vis_network(suffix: str) -> Markup:
    """vis-network's file ending ``suffix`` in pyvis's templates, as text the pages inline verbatim.

    Read as text, not included as a Jinja template: compiling its 700 kB as a template took a
    tenth of a second of every build and would read any ``{{`` in it as Jinja.  Newlines are
    read as ``\\n``, as Jinja reads a template."""
    return Markup((PYVIS_TEMPLATES / f"{VIS_NETWORK}{suffix}").read_text(encoding="utf-8"))


def cap(g: nx.Graph, max_nodes: int = MAX_NODES) -> tuple[nx.Graph, int]:
    """The subgraph of at most ``max_nodes`` nodes to draw, and how many nodes were left out.

    Themes, then agencies and kinds, then plans, then recommendations are kept, each type by
    weighted degree (then IRI), so the picture keeps its structure and its busiest items.
    """
    if g.number_of_nodes() <= max_nodes:
        return g, 0
    keep = top_nodes(dict(g.nodes(data="type")), dict(g.degree(weight="weight")), max_nodes)
    return induced(g, keep), g.number_of_nodes() - len(keep)


def top_nodes(types: dict[str, str], wd: dict[str, float], max_nodes: int) -> list[str]:
    """The ``max_nodes`` nodes :func:`cap` keeps, given each node's type and weighted degree."""
    return sorted(wd, key=lambda n: (KEEP_FIRST.get(types[n], 9), -wd[n], n))[:max_nodes]


def capped_overview(overview: Overview, themes: set[str] | None = None,
                    max_nodes: int = MAX_NODES) -> tuple[nx.Graph, int]:
    """``cap(overview.graph(themes), max_nodes)`` without building the uncapped page (10^5 nodes
    at 41,000 evaluations): the kept nodes are chosen from the page's links and counts."""
    page = overview.page(themes)
    if len(page.types) + page.recs <= max_nodes:
        return overview.build(page), 0
    keep = top_nodes(page.types, overview.degrees(page), max_nodes)
    # Recommendations come last and all have weighted degree 1: the first by IRI fill the rest.
    if len(keep) < max_nodes:
        keep += heapq.nsmallest(max_nodes - len(keep), overview.recommendations(page))
    return induced(overview.build(page, set(keep)), keep), len(page.types) + page.recs - len(keep)


def induced(g: nx.Graph, nodes) -> nx.Graph:
    """A copy of the subgraph of ``g`` on ``nodes``, nodes and neighbours in ``g``'s order.

    ``g.subgraph(nodes).copy()`` iterates ``nodes`` as a set when it is less than half the
    graph, so its order (and the seeded layout that follows it) would change with Python's
    string hashing from run to run.
    """
    keep = set(nodes)
    h = g.__class__()
    h.graph.update(g.graph)
    h.add_nodes_from((n, d) for n, d in g.nodes(data=True) if n in keep)
    h.add_edges_from((u, v, d) for u, v, d in g.edges(data=True) if u in keep and v in keep)
    return h


LAYOUT_CORE = 300
"""Graphs up to this size get a full spring layout; larger ones lay out this many core nodes."""


def layout(g: nx.Graph, seed: int = A.SEED, scale: float | None = None) -> dict[str, tuple[float, float]]:
    """Seeded positions in pixels, computed in Python so the browser does no physics.

    Up to :data:`LAYOUT_CORE` nodes: a spring layout.  Larger graphs (a full spring layout of
    2,000 nodes takes ~6 s): the core (themes, agencies, then the best-connected nodes) gets a
    spring layout, then every other node is placed, breadth first, at the mean of its placed
    neighbours plus a small seeded jitter, so plans sit next to their themes and
    recommendations next to their plans; O(nodes + edges).
    """
    n = g.number_of_nodes()
    if n == 0:
        return {}
    scale = scale or 300 + 100 * math.sqrt(n)
    if n <= LAYOUT_CORE:
        pos = spring_layout(g, seed, scale)
    else:
        wd = dict(g.degree(weight="weight"))
        order = sorted(g, key=lambda v: (KEEP_FIRST.get(g.nodes[v].get("type"), 9) > 1, -wd[v], v))
        core = order[:LAYOUT_CORE]
        pos = spring_layout(induced(g, core), seed, scale)
        rng = np.random.default_rng(seed)
        jitter = scale * 0.04
        frontier = [v for v in order if v not in pos]
        while frontier:
            waiting = []
            placed_any = False
            for v in frontier:
                near = [pos[u] for u in g[v] if u in pos]
                if near:
                    pos[v] = np.mean(near, axis=0) + rng.normal(0, jitter, 2)
                    placed_any = True
                else:
                    waiting.append(v)
            if not placed_any:  # a part not connected to the core: scatter it at the edge
                for v in waiting[:1]:
                    pos[v] = rng.uniform(-scale, scale, 2)
                waiting = waiting[1:]
            frontier = waiting
    return {v: (round(float(x), 1), round(float(y), 1)) for v, (x, y) in pos.items()}


def _clip(text: str, limit: int = TEXT_MAX) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def tooltip(data: dict) -> str:
    """Plain-text tooltip of a node: labels in zh-Hant and en, then what the node's type has."""
    lines = [data.get("zh", "")]
    kind = data.get("type")
    if data.get("en") and data.get("en") != data.get("zh") and kind != "recommendation":  # a rec's "en" is its IRI's tail
        lines.append(data["en"])
    if kind == "plan":
        lines.append("主辦機關 Lead agency: " + ("、".join(data.get("agencies", [])) or "—"))
        lines.append("管制級別 Control level: " + ("、".join(data.get("control_levels", [])) or "—"))
    elif kind == "recommendation":
        lines.append("建議 Recommendation: " + _clip(data.get("text", "")))
        if data.get("kinds"):
            lines.append("類型 Kind: " + "、".join(data["kinds"]))
    elif kind == "theme" and data.get("evidence"):
        lines.append("佐證 Evidence: " + _clip("、".join(f"「{q}」" for q in data["evidence"])))
    if "weighted_degree" in data:
        lines.append(f"加權度 Weighted degree: {data['weighted_degree']:g}")
    return "\n".join(_clip(line, 600) for line in lines if line)


LABELLED = 15
"""Nodes labelled legibly at the fitted default zoom, by weighted degree; the rest show on zoom."""


def _search_text(*parts: str) -> str:
    """What the search box matches: lower case, hyphens as spaces ("supply chain" finds "Supply-chain")."""
    return re.sub(r"[-_]+", " ", " ".join(p for p in parts if p).lower())


def node_pages(t: V.Facts, base: str):
    """``page(iri, type)``: the site page of a node (graph/site.py), relative to the site root.

    A plan links to its latest evaluation's page, a kind to the table filtered by it."""
    from recgraph.site_pages import page_path

    def page(iri: str, type_: str) -> str:
        if type_ == "plan":
            evaluations = t.plans.get(iri, {}).get("evaluations", [])
            return page_path(evaluations[-1], base) if evaluations else ""
        if type_ == "kind":
            return "recommendations.html?kind=" + V.local_name(iri)
        return page_path(iri, base)

    return page


def _quotes(g: nx.Graph, n: str, data: dict) -> list[str]:
    if data.get("type") == "recommendation":
        return [data["text"]] if data.get("text") else []
    return sorted({q for m in g[n] for q in g[n][m].get("quotes", [])})[:5]


def network_data(g: nx.Graph, seed: int = A.SEED, page=None,
                 theme_quotes: dict | None = None) -> tuple[list[dict], list[dict]]:
    """vis-network node and edge records of ``g`` (pyvis's records, positions fixed).

    Each node also carries what the side panel shows: ``facts`` (its tooltip lines), ``quotes``
    (evidence text), ``page`` (its site page, when ``page(iri, type)`` is given) and ``rank``
    (by weighted degree: the first :data:`LABELLED` are labelled at the default zoom).  A theme
    in ``theme_quotes`` (graph.site_themes.theme_quotes) has as ``quotes`` its mentions, each in its
    sentence and linked to it on the plan's page (``{plan, href, pre, exact, post}``), not only
    the matched text.
    """
    wd = A.weighted_degree(g)
    top = max(wd.values(), default=1) or 1
    rank = {n: i for i, n in enumerate(sorted(g, key=lambda n: (-wd[n], n)))}
    pos = layout(g, seed)
    nodes, edges = [], []
    for n in sorted(g):
        data = dict(g.nodes[n], weighted_degree=wd[n])
        quotes = _quotes(g, n, data)
        if data.get("type") == "theme":
            data["evidence"] = quotes
            quotes = (theme_quotes or {}).get(n, quotes)
        color, shape, _ = STYLE.get(data.get("type"), ("#999999", "dot", ""))
        if data.get("type") == "recommendation" and data.get("text"):
            label = _clip(data["text"], 12) + "\n" + (data.get("identifier") or V.local_name(n))
        else:
            label = _clip(data.get("zh") or V.local_name(n), 24)
        x, y = pos[n]
        tip = tooltip(data)
        # pyvis's node record (``Node(n, shape, label, **options).options``; Network.add_node
        # checks its list of ids on every call, quadratic).  Not "group": group colours override node colours.
        nodes.append({"color": color, "title": tip, "size": round(8 + 30 * math.sqrt(wd[n] / top), 1), "x": x, "y": y,
                      "search": _search_text(data.get("zh", ""), data.get("en", ""), V.local_name(n),
                                             *data.get("alt", []), data.get("text", "")),
                      "kind": data.get("type", ""), "rank": rank[n], "facts": tip.splitlines(), "quotes": quotes,
                      "page": page(n, data.get("type", "")) if page else "", "id": n, "label": label or n,
                      "shape": shape})
    for a, b in sorted(g.edges(), key=lambda e: (min(e), max(e))):
        data = g[a][b]
        quotes = data.get("quotes", [])
        title = f"權重 weight: {data.get('weight', 1):g}"
        if data.get("shared_themes"):
            title += "\n共同主題 Shared themes: " + "、".join(data["shared_themes"])
        if quotes:
            title += "\n佐證 Evidence: " + _clip("、".join(f"「{q}」" for q in quotes))
        # pyvis's edge record (``Edge(a, b, False, **options).options``; Network.add_edge rescans
        # every node and edge per call, quadratic: 30 s for a 2,000-node page).
        edges.append({"value": data.get("weight", 1), "title": title,
                      "dashes": data.get("rel") in ("mentions", "broader"), "from": a, "to": b})
    return nodes, edges


def render_page(g: nx.Graph, heading: str, description: str, note: str = "",
                env: jinja2.Environment | None = None, height: str = "80vh", page=None,
                theme_quotes: dict | None = None) -> str:
    """The HTML of one view (a complete, self-contained page); ``page`` and ``theme_quotes`` as in
    :func:`network_data`."""
    nodes, edges = network_data(g, page=page, theme_quotes=theme_quotes)
    types = sorted({d.get("type") for _, d in g.nodes(data=True)}, key=lambda t: KEEP_FIRST.get(t, 9))
    legend = [{"label": STYLE[t][2], "color": STYLE[t][0], "shape": STYLE[t][1]} for t in types if t in STYLE]
    return (env or environment()).get_template("network.html").render(
        title=heading, heading=heading, description=description, note=note, nodes=nodes, edges=edges,
        options=OPTIONS, legend=legend, height=height, labelled=LABELLED)


def page_list(t: V.Facts, top_k: int = 10) -> list[dict]:
    """Every page to draw, before its graph: ``{"file", "heading", "description", "view", "theme"}``."""
    listing = [
        {"file": "overview.html", "heading": "總覽 Overview", "view": "overview", "theme": None,
         "description": "計畫、主辦機關、主題與建議事項 Plans, lead agencies, themes and recommendations"},
        {"file": "themes.html", "heading": "主題共現 Theme network", "view": "themes", "theme": None,
         "description": "同一計畫出現之主題相連，權重為共同計畫數 Themes linked by the plans they share"},
        {"file": "agencies.html", "heading": "機關 Agencies", "view": "agencies", "theme": None,
         "description": "主辦機關與其計畫主題；虛線為同一評核意見中共同出現之機關 "
                        "Lead agencies and their plans' themes; dashed: agencies named together"},
        {"file": "similarity.html", "heading": "計畫相似度 Plan similarity", "view": "similarity", "theme": None,
         "description": f"主題集合 Jaccard 相似度，每計畫取前 {top_k} 名 Jaccard similarity of theme sets, top {top_k} per plan"},
    ]
    present = {th for _, th in t.plan_themes}
    roots = sorted({r for th in present for r in V.with_broader([th], t.broader) if V.top_level(r, t.broader)})
    listing += [{"file": f"theme-{slug(root)}.html", "heading": f"主題 Theme: {t.label(root, 'zh')} {t.label(root, 'en')}",
                 "view": "theme", "theme": root,
                 "description": "此主題（含下位主題）之計畫、機關與建議 "
                                "Plans, agencies and recommendations of this theme and its narrower themes"}
                for root in roots]
    return listing


def page_graph(t: V.Facts, overview: Overview, page: dict, top_k: int = 10,
               max_nodes: int = MAX_NODES) -> tuple[nx.Graph, int]:
    """The graph of one of :func:`page_list`, capped to ``max_nodes`` (:func:`cap`), and how many
    nodes it leaves out."""
    if page["view"] in ("overview", "theme"):
        return capped_overview(overview, page["theme"] and {page["theme"]}, max_nodes)
    if page["view"] == "themes":
        return cap(V.theme_cooccurrence_graph(t), max_nodes)
    if page["view"] == "similarity":
        g, dropped = cap(A.similarity_graph(A.plan_similarity(t, top_k), t), max_nodes)
        sets = V.plan_theme_sets(t)
        for a, b, data in g.edges(data=True):
            data["shared_themes"] = sorted(t.label(th) for th in sets.get(a, set()) & sets.get(b, set()))
        return g, dropped
    agencies = nx.compose(V.agency_theme_graph(t), V.agency_mention_graph(t))
    for a, b in V.agency_mention_graph(t).edges():
        agencies[a][b]["rel"] = "mentions"
    return cap(agencies, max_nodes)


def pages(t: V.Facts, top_k: int = 10, max_nodes: int = MAX_NODES) -> Iterator[dict]:
    """Every page of :func:`page_list` with its ``graph`` and ``dropped`` (:func:`page_graph`),
    one at a time, so that only one page's graph is held."""
    overview = Overview(t)
    for page in page_list(t, top_k):
        g, dropped = page_graph(t, overview, page, top_k, max_nodes)
        yield dict(page, graph=g, dropped=dropped)


BROWSE = [("recommendations.html", "建議表 Recommendations table (filter, export)"),
          ("report/index.html", "計畫評核 Plan evaluations"), ("theme/index.html", "主題 Themes"),
          ("agency/index.html", "機關 Agencies"), ("figures.html", "數據與目標 Figures against targets")]
"""Pages of the static site (graph/site.py) the index links when they were written."""

PARALLEL_MIN_NODES = 2000
"""Graphs with fewer plans and recommendations have their pages drawn in this process."""

def _draw(job: tuple, i: int) -> tuple[Path, dict]:
    """Build and draw page ``i`` of the job into its file: the path and the page's entry in the index."""
    t, overview, listing, out, top_k, max_nodes, base, theme_quotes = job
    link = node_pages(t, base) if base else None
    page = listing[i]
    g, dropped = page_graph(t, overview, page, top_k, max_nodes)
    note = (f"顯示前 {g.number_of_nodes()} 個節點，省略 {dropped} 個 "
            f"showing the top {g.number_of_nodes()} nodes, {dropped} left out") if dropped else ""
    path = atomic_write(out / page["file"], render_page(g, page["heading"], page["description"], note, environment(),
                                                        page=link, theme_quotes=theme_quotes))
    return path, {"file": page["file"], "heading": page["heading"], "description": page["description"],
                  "note": note, "nodes": g.number_of_nodes(), "edges": g.number_of_edges()}


def render_all(source, out_dir, max_nodes: int = MAX_NODES, top_k: int = 10, workers: int = 1,
               parallel_min_nodes: int = PARALLEL_MIN_NODES, before_index=lambda: None,
               base: str | None = None, site: dict | None = None) -> list[Path]:
    """Write every view and ``index.html`` into ``out_dir``; return the paths written.

    ``source`` is a :class:`pyoxigraph.Store`, an RDF file or :class:`~recgraph.views.Facts`.  Files are UTF-8; the index
    links ``analysis.json``, the CSV tables and ``charts/*.svg`` when they are in ``out_dir`` once
    ``before_index()`` returns.  Pages are drawn by ``workers`` processes when the graph has
    ``parallel_min_nodes`` plans and recommendations (same files).  With ``base``, the side panel
    of each node links its page of the static site (graph/site.py, written before); ``site`` is
    what :func:`recgraph.site.write_site` shared of it (``shared``): a theme node's panel quotes its
    mentions in their sentences, and the index lists the reports' pages.
    """
    out = Path(out_dir)
    t = V.facts(source)
    env = environment()
    listing = page_list(t, top_k)
    if len(t.plans) + len(t.recommendations) < parallel_min_nodes:
        workers = 1
    site = site or {}
    done = list(fork_map(partial(_draw, (t, Overview(t), listing, out, top_k, max_nodes, base, site.get("theme_quotes"))),
                         range(len(listing)), workers, here=True))
    written = [path for path, _ in done]
    listed = [entry for _, entry in done]
    stats = A.summary(t)
    names = {"plans": "計畫 plans", "evaluations": "評核 evaluations", "agencies": "主辦機關 lead agencies",
             "themes": "主題 themes of plans", "recommendations": "建議 recommendations", "figures": "數據 figures"}
    before_index()
    files = sorted(p.relative_to(out).as_posix() for pattern in ("analysis.*", "*.csv", "charts/*.svg")
                   for p in out.glob(pattern))
    browse = [(f, label) for f, label in BROWSE if (out / f).exists()]
    index = env.get_template("index.html").render(
        title="建議追蹤知識圖譜 recgraph", pages=listed, browse=browse, reports=site.get("reports", []),
        stats=[(k, names[k], v) for k, v in stats.items()],
        themes=A.cross_cutting_themes(t)[:10], files=files)
    written.append(atomic_write(out / "index.html", index))
    return written

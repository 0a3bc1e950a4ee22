"""The interactive pages: offline, self-contained, capped, and safe against hostile text.

The browser tests open every page in headless Chromium from ``file://`` with all other
requests blocked (see ``tests/browser.py``).
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import networkx as nx
import pytest

from recgraph import html as H
from recgraph import views as V
from recgraph.overview import Overview
from recgraph.spring import spring_layout
from browser import chromium, visit

DATA = Path(__file__).parent / "data"
MINI = DATA / "mini.ttl"
HOSTILE = DATA / "hostile.ttl"
THEME = "https://w3id.org/recgraph/theme/"


@pytest.fixture(scope="module")
def mini_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("mini")
    return out, H.render_all(MINI, out)


@pytest.fixture(scope="module")
def hostile_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("hostile")
    return out, H.render_all(HOSTILE, out)


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


def expected_counts(source: Path) -> dict[str, tuple[int, int]]:
    t = V.read_facts(V.load_store(source))
    out = {}
    for page in H.pages(t):
        g, _ = H.cap(page["graph"])
        out[page["file"]] = (g.number_of_nodes(), g.number_of_edges())
    return out


# ---------------------------------------------------------------- files, without a browser

def test_render_all_writes_every_view_and_index(mini_out):
    out, written = mini_out
    names = sorted(p.name for p in written)
    assert names == sorted(["overview.html", "themes.html", "agencies.html", "similarity.html",
                            "theme-ai.html", "theme-cybersecurity.html", "theme-mobile-networks.html",
                            "theme-talent.html", "index.html"])
    index = (out / "index.html").read_text(encoding="utf-8")
    for name in names:
        if name != "index.html":
            assert f'href="{name}"' in index
    assert "人工智慧" in index and "Artificial intelligence" in index


def test_pages_drawn_in_forked_processes_are_the_same_files(mini_out, tmp_path):
    out, written = mini_out
    forked = H.render_all(MINI, tmp_path, workers=2, parallel_min_nodes=0)
    assert [p.name for p in forked] == [p.name for p in written]
    assert all(p.read_bytes() == (out / p.name).read_bytes() for p in forked)


def test_pages_reference_nothing_outside_the_file(mini_out):
    out, written = mini_out
    for path in written:
        text = path.read_text(encoding="utf-8")  # also proves the file is UTF-8
        assert not re.search(r"<(link|iframe|img)\b", text), path.name
        assert not re.search(r"<script[^>]*\bsrc=", text), path.name
        assert "https://cdn" not in text, path.name


def test_overview_counts_are_the_hand_worked_ones():
    t = V.read_facts(V.load_store(MINI))
    g = Overview(t).graph()
    # 4 plans + 3 lead agencies + 6 directly tagged themes + 4 recommendations;
    # 7 plan-theme + 4 plan-agency + 4 recommendation-plan + 2 narrower-broader links.
    assert (g.number_of_nodes(), g.number_of_edges()) == (17, 17)
    focus = Overview(t).graph({THEME + "mobile-networks"})
    assert sorted(d["type"] for _, d in focus.nodes(data=True)) == [
        "agency", "plan", "recommendation", "theme", "theme"]


def test_node_colours_follow_the_legend():
    """Each node carries its type's legend colour and no vis "group" (group colours would override it)."""
    g = Overview(V.read_facts(V.load_store(MINI))).graph()
    nodes, _ = H.network_data(g)
    for n in nodes:
        assert "group" not in n
        assert n["color"] == H.STYLE[g.nodes[n["id"]]["type"]][0]


def test_cap_keeps_themes_and_agencies_and_the_busiest_plans():
    g = nx.Graph()
    for i in range(3000):
        g.add_node(f"p{i:04}", type="plan")
        g.add_node(f"t{i % 30}", type="theme")
        g.add_edge(f"p{i:04}", f"t{i % 30}", weight=1 + (i == 2999))
    small, dropped = H.cap(g, 2000)
    assert small.number_of_nodes() == 2000 and dropped == 1030
    assert all(f"t{i}" in small for i in range(30))
    assert "p2999" in small  # the heaviest plan comes first


def _synthetic_facts() -> V.Facts:
    """30 plans under a theme tree (root "all" tags nothing itself), 1-3 agencies, 0-4 recommendations each."""
    tree = {"ai": ["all"], "agentic-ai": ["ai"], "talent": ["all"], "cloud": []}
    t = V.Facts(broader={THEME + k: [THEME + b for b in v] for k, v in tree.items() if v})
    names = ["agentic-ai", "ai", "talent", "cloud"]
    for i in range(30):
        plan = f"https://w3id.org/recgraph/id/plan/p{i:02}"
        t.plans[plan] = {"agencies": [f"https://w3id.org/recgraph/id/agency/a{j}" for j in range(i % 3 + 1)],
                         "control_levels": [], "evaluations": []}
        for k, name in enumerate(names):
            if (i + k) % 3:
                t.plan_themes[(plan, THEME + name)] = {"mentions": (i * k) % 4, "quotes": [f"q{i}"]}
        for r in range(i % 5):
            rec = f"https://w3id.org/recgraph/id/rec/{(i * 7 + r * 11) % 97:02}-{i}"
            t.recommendations[rec] = {"identifier": rec[-5:], "text": "", "plan": plan, "kinds": [], "themes": []}
    return t


def test_capped_overview_is_the_capped_page():
    t = _synthetic_facts()
    overview = Overview(t)

    def facts(g):
        return list(g.nodes(data=True)), list(g.edges(data=True)), [list(g.adj[n]) for n in g]

    for themes in (None, {THEME + "all"}, {THEME + "ai"}, {THEME + "cloud", THEME + "talent"}):
        whole = Overview(t).graph(themes)
        assert facts(overview.graph(themes)) == facts(whole)
        for max_nodes in (1, 5, 20, 40, 60, 80, 200):
            g, dropped = H.capped_overview(overview, themes, max_nodes)
            expected, expected_dropped = H.cap(whole, max_nodes)
            assert facts(g) == facts(expected) and dropped == expected_dropped, (themes, max_nodes)


@pytest.mark.parametrize("g", [nx.path_graph(2), nx.karate_club_graph(), nx.barabasi_albert_graph(300, 2, seed=1),
                               nx.Graph([("a", "b"), ("c", "d")]), nx.empty_graph(5)])
def test_spring_layout_is_networkx_to_the_bit(g):
    ours = spring_layout(g, 42, 500)
    theirs = nx.spring_layout(g, seed=42, iterations=50, weight=None, scale=500)
    assert list(ours) == list(theirs) and all((ours[n] == theirs[n]).all() for n in g)


def test_tooltips_are_plain_text_with_both_labels():
    tip = H.tooltip({"type": "plan", "zh": "計畫", "en": "Plan", "agencies": ["數位產業署"],
                     "control_levels": ["部會管制"], "weighted_degree": 3})
    assert tip.splitlines() == ["計畫", "Plan", "主辦機關 Lead agency: 數位產業署",
                                "管制級別 Control level: 部會管制", "加權度 Weighted degree: 3"]


def test_hostile_text_is_escaped_in_the_files(hostile_out):
    out, written = hostile_out
    for path in written:
        text = path.read_text(encoding="utf-8")
        for payload in ("<script>window.__pwned", "<img src=x", "<svg onload", "<iframe", "<a href=\"javascript"):
            assert payload not in text, (path.name, payload)


# ---------------------------------------------------------------- in Chromium

def _dom_point(page, node_id):
    return page.evaluate("""(id) => {
        const n = window.recgraph.network, d = n.canvasToDOM(n.getPosition(id));
        const r = document.getElementById('mynetwork').getBoundingClientRect();
        return {x: r.left + d.x, y: r.top + d.y}; }""", node_id)


def _pick_node(page):
    """A node with neighbours that is not connected to every other node, or None."""
    return page.evaluate("""() => {
        const net = window.recgraph.network, ids = window.recgraph.nodes.getIds();
        let best = null, deg = -1;
        for (const id of ids) {
            const k = net.getConnectedNodes(id).length;
            if (k > deg && k + 1 < ids.length) { best = id; deg = k; }
        }
        return deg > 0 ? best : null; }""")


def test_every_page_loads_offline_with_expected_counts_and_highlights(mini_out, browser):
    out, written = mini_out
    counts = expected_counts(MINI)
    for path in written:
        started = time.monotonic()
        seen = visit(browser, path)
        page = seen.page
        if path.name == "index.html":
            assert page.locator("a[href$='.html']").count() == len(counts)
            assert seen.problems() == [], seen.problems()
            continue
        sizes = page.evaluate("() => [window.recgraph.nodes.length, window.recgraph.edges.length, "
                              "window.recgraph.network.body.data.nodes.length]")
        assert time.monotonic() - started < 5, f"{path.name} took too long to settle"
        assert tuple(sizes[:2]) == counts[path.name], path.name
        assert sizes[2] == sizes[0]
        node = _pick_node(page)
        if node is not None:
            point = _dom_point(page, node)
            page.mouse.click(point["x"], point["y"])
            state = page.evaluate("""(id) => {
                const r = window.recgraph, near = new Set(r.network.getConnectedNodes(id).concat([id]));
                const colors = r.nodes.get().map(n => [n.id, n.color, near.has(n.id)]);
                return {selected: r.network.getSelectedNodes(), colors: colors}; }""", node)
            assert state["selected"] == [node], path.name
            dimmed = {i for i, c, near in state["colors"] if c == "#e0e0e0"}
            assert dimmed and dimmed == {i for i, c, near in state["colors"] if not near}, path.name
            page.mouse.click(5, 5)  # outside any node: colours come back
            page.mouse.click(*_empty_canvas_point(page))
            assert page.evaluate("() => window.recgraph.nodes.get().filter(n => n.color === '#e0e0e0').length") == 0
        assert seen.problems() == [], (path.name, seen.problems())
        seen.page.context.close()


def _empty_canvas_point(page):
    box = page.locator("#mynetwork").bounding_box()
    return box["x"] + 3, box["y"] + box["height"] - 3


def test_search_box_finds_nodes_by_either_label(mini_out, browser):
    out, _ = mini_out
    seen = visit(browser, out / "themes.html")
    seen.page.fill("#search", "artificial")
    assert seen.page.evaluate("() => window.recgraph.network.getSelectedNodes()") == [THEME + "ai"]
    seen.page.fill("#search", "人才")
    assert seen.page.evaluate("() => window.recgraph.network.getSelectedNodes()") == [THEME + "talent"]
    assert seen.problems() == []


def test_hostile_text_runs_nothing_and_shows_as_text(hostile_out, browser):
    out, written = hostile_out
    for path in written:
        seen = visit(browser, path)
        page = seen.page
        if path.name != "index.html":
            ids = page.evaluate("() => window.recgraph.nodes.getIds()")
            for node in ids:  # hover every node so every tooltip is shown once
                point = _dom_point(page, node)
                page.mouse.move(point["x"], point["y"])
                page.wait_for_timeout(250)
                tip = page.evaluate("""() => { const t = document.querySelector('div.vis-tooltip');
                    return t ? [[...t.querySelectorAll('*')].filter(e => e.tagName !== 'BR').length,
                                t.innerText] : null; }""")
                # vis-network sets plain-string titles with innerText: line breaks become <br>,
                # and nothing else may turn into an element.
                assert tip is not None and tip[0] == 0, (path.name, node, tip)
                page.mouse.move(2, 2)
            page.fill("#search", "<img src=x onerror=alert(9)>")
            page.fill("#search", "script")
        assert page.evaluate("() => typeof window.__pwned") == "undefined", path.name
        assert page.locator("img, iframe, svg[onload], a[href^='javascript']").count() == 0, path.name
        assert seen.problems() == [], (path.name, seen.problems())
        page.context.close()
    heading = visit(browser, out / "theme-evil.html").page.inner_text("h1")
    assert "<script>window.__pwned='theme'" in heading


def test_seed_pages_load_offline_with_expected_counts(seed_out, tmp_path, browser):
    """Every page of the real seed: no requests, no errors, the expected node and edge counts."""
    written = H.render_all(seed_out / "graph.ttl", tmp_path)
    counts = expected_counts(seed_out / "graph.ttl")
    assert len(written) == len(counts) + 1 and len(counts) > 10
    for path in written:
        seen = visit(browser, path)
        if path.name != "index.html":
            sizes = seen.page.evaluate("() => [window.recgraph.nodes.length, window.recgraph.edges.length]")
            assert tuple(sizes) == counts[path.name], path.name
        assert seen.problems() == [], (path.name, seen.problems())
        seen.page.context.close()


# ---------------------------------------------------------------- reading the pages: panel, search, labels

@pytest.fixture(scope="module")
def mini_site(tmp_path_factory):
    """The mini graph's static site and network pages, linked as `recgraph build` writes them."""
    from recgraph.namespace import DEFAULT_BASE
    from recgraph.site import write_site

    out = tmp_path_factory.mktemp("mini-site")
    shared = {}
    write_site(MINI, out, shared=shared)
    H.render_all(MINI, out, base=DEFAULT_BASE, site=shared)
    return out


def test_clicking_a_node_opens_the_panel_with_evidence_and_a_working_link(mini_site, browser):
    seen = visit(browser, mini_site / "overview.html", site=mini_site, viewport=(1440, 900))
    page = seen.page
    node = THEME + "agentic-ai"
    point = _dom_point(page, node)
    page.mouse.click(point["x"], point["y"])
    detail = page.locator("#detail")
    assert detail.locator("h2").inner_text() == "代理式AI"
    quotes = detail.locator("blockquote").all_inner_texts()
    assert quotes and all(q for q in quotes)
    link = detail.locator("a.page-link")
    assert link.get_attribute("href") == "theme/agentic-ai.html"
    link.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/theme/agentic-ai.html")
    assert "代理式AI" in page.inner_text("h1")
    assert seen.problems() == [], seen.problems()
    page.context.close()


@pytest.fixture(scope="module")
def seed_overview(seed_out, tmp_path_factory):
    """The seed's overview page alone (the page the search and label tests read)."""
    t = V.read_facts(V.load_store(seed_out / "graph.ttl"))
    listing = H.page_list(t)
    g, _ = H.page_graph(t, Overview(t), listing[0])
    path = tmp_path_factory.mktemp("seed-overview") / "overview.html"
    path.write_text(H.render_page(g, listing[0]["heading"], listing[0]["description"]), encoding="utf-8")
    return path


@pytest.mark.parametrize("query", ["supply chain", "供應鏈", "SUPPLY-CHAIN"])
def test_search_lists_every_match_in_either_language_and_focuses_the_chosen(seed_overview, browser, query):
    seen = visit(browser, seed_overview, viewport=(1440, 900))
    page = seen.page
    page.fill("#search", query)
    expected = page.evaluate("""(q) => window.recgraph.nodes.get().filter(n =>
        (n.facts || []).concat([n.label]).join(" ").toLowerCase().replace(/[-_]+/g, " ")
            .includes(q.toLowerCase().replace(/[-_]+/g, " "))).length""", query)
    buttons = page.locator("#matches button")
    assert buttons.count() == expected > 0
    theme = THEME + "supply-chain-security"
    assert theme in page.eval_on_selector_all("#matches button", "els => els.map(e => e.dataset.id)")
    page.click(f"#matches button[data-id='{theme}']")
    assert page.evaluate("() => window.recgraph.network.getSelectedNodes()") == [theme]
    assert page.locator("#detail h2").inner_text() == "供應鏈安全"
    assert seen.problems() == [], seen.problems()
    page.context.close()


def test_best_connected_labels_are_legible_at_the_default_zoom(seed_overview, browser):
    seen = visit(browser, seed_overview, viewport=(1440, 900))
    sizes = seen.page.evaluate("""() => { const r = window.recgraph, s = r.network.getScale(), chosen = r.labelled();
        return r.nodes.get().filter(n => chosen.includes(n.id)).map(n => [n.rank, (n.font ? n.font.size : 14) * s]); }""")
    assert 5 <= len(sizes) <= H.LABELLED and min(rank for rank, _ in sizes) == 0  # the best-connected that fit
    assert all(px >= 14 for _, px in sizes), sizes
    rec_labels = seen.page.evaluate("() => window.recgraph.nodes.get().filter(n => n.kind === 'recommendation')"
                                    ".map(n => n.label)")
    assert rec_labels and all("\n" in label and not label.startswith("moda-") for label in rec_labels)
    seen.page.context.close()


def test_similarity_edges_name_the_shared_themes():
    t = V.read_facts(V.load_store(MINI))
    listing = {p["view"]: p for p in H.page_list(t)}
    g, _ = H.page_graph(t, Overview(t), listing["similarity"])
    _, edges = H.network_data(g)
    sets = V.plan_theme_sets(t)
    assert edges
    for e in edges:
        shared = sorted(t.label(th) for th in sets[e["from"]] & sets[e["to"]])
        assert e["title"].splitlines()[1] == "共同主題 Shared themes: " + "、".join(shared)


def test_hostile_text_in_the_side_panel_and_search_list_runs_nothing(hostile_out, browser):
    out, written = hostile_out
    for path in written:
        if path.name == "index.html":
            continue
        seen = visit(browser, path)
        page = seen.page
        page.evaluate("() => window.recgraph.nodes.getIds().forEach(id => window.recgraph.select(id))")
        page.fill("#search", "script")
        page.fill("#search", "img")
        assert page.evaluate("() => typeof window.__pwned") == "undefined", path.name
        assert page.locator("#panel img, #panel iframe, #panel svg, #panel script, #panel b").count() == 0, path.name
        assert page.locator("#panel a[href^='javascript']").count() == 0, path.name
        assert seen.problems() == [], (path.name, seen.problems())
        page.context.close()


def test_hostile_theme_quotes_and_report_names_show_as_text(tmp_path, browser):
    """A theme's quoted sentence, its mark and its plan's name (graph.site's theme quotes) and a
    report's name on the index reach the page only as text."""
    evil = "<img src=x onerror=window.__pwned=1>"
    quote = {"plan": "<svg onload=window.__pwned=1>", "href": "report/x/1.html#m0",
             "pre": "<script>window.__pwned=1</script>", "exact": evil, "post": "</blockquote><b>x</b>"}
    site = {"theme_quotes": {THEME + "evil": [quote]},
            "reports": [{"href": "report/x.html", "label": evil, "plans": 1}]}
    written = H.render_all(HOSTILE, tmp_path, site=site)
    assert evil not in (tmp_path / "index.html").read_text(encoding="utf-8")
    for path in written:
        assert "<script>window.__pwned" not in path.read_text(encoding="utf-8"), path.name
    seen = visit(browser, tmp_path / "overview.html")
    page = seen.page
    page.evaluate("id => window.recgraph.select(id)", THEME + "evil")
    mention = page.locator("#detail blockquote.mention")
    assert mention.count() == 1 and mention.locator("mark").inner_text() == evil
    assert mention.locator("a.quote-link").get_attribute("href") == "report/x/1.html#m0"
    assert page.locator("#panel img, #panel svg, #panel script, #panel b").count() == 0
    assert page.evaluate("() => typeof window.__pwned") == "undefined"
    assert seen.problems() == [], seen.problems()
    page.context.close()

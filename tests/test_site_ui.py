"""What an analyst walking the seed site checks: theme pages list every plan their recommendations
come from, marks agree with the recommendations' themes, every link resolves, the agency pages
and the table count the same recommendations, the table's controls say what they do."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest

from recgraph.cli import main
from browser import chromium, visit


@pytest.fixture(scope="module")
def site(tmp_path_factory, seed_path):
    """The seed built as a user builds it: the site with the network pages and indexes."""
    out = tmp_path_factory.mktemp("site-ui") / "out"
    assert main(["build", str(seed_path), "--out", str(out), "-q"]) == 0
    return out


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


def text_of(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def section(page: str, heading_id: str) -> str:
    """The HTML from the ``<h2 id=...>`` to the next ``<h2``."""
    start = page.index(f'<h2 id="{heading_id}"')
    end = page.find("<h2", start + 1)
    return page[start:end if end > 0 else None]


def links_in(fragment: str) -> list[str]:
    return [html.unescape(h) for h in re.findall(r'href="([^"]*)"', fragment)]


# ------------------------------------------------------------------ 1. theme pages

def test_every_recommendation_on_a_theme_page_comes_from_a_plan_listed_there(site):
    for page in sorted((site / "theme").glob("*.html")):
        if page.name == "index.html":
            continue
        text = page.read_text(encoding="utf-8")
        listed = {h for role in ("plans-subject", "plans-advice") for h in links_in(section(text, role))}
        recs = re.findall(r'<tr><td><a href="([^"]*/rec/[^"]*)">', text[text.index("建議 Recommendations about"):])
        for rec in recs:
            plan = unquote(rec).split("/rec/")[0] + ".html"
            assert plan in {unquote(h) for h in listed}, (page.name, rec)


def test_ai_page_lists_plans_naming_ai_only_in_advice(site):
    text = (site / "theme/ai.html").read_text(encoding="utf-8")
    advice = section(text, "plans-advice")
    for serial in ("10", "13", "27", "28", "34"):
        assert f"plan/{serial}.html" in advice, serial
    assert "plan/10.html" not in section(text, "plans-subject")


def test_generative_ai_named_in_passing_in_plan_12_is_listed_as_passing(site):
    text = (site / "theme/generative-ai.html").read_text(encoding="utf-8")
    passing = section(text, "plans-passing")
    assert "plan/12.html" in passing and "「LLM」" in text_of(passing)


def test_marks_inside_a_recommendation_agree_with_its_themes(site):
    """A theme marked as a theme inside a recommendation is one of the recommendation's themes;
    a theme named in passing (P12-R2's LLM, GenAI) is marked apart and is not."""
    pages = sorted(p for p in (site / "report").rglob("plan/*.html"))
    assert len(pages) > 30
    checked = 0
    for page in pages:
        text = page.read_text(encoding="utf-8")
        marked: dict[str, dict[str, set]] = {}  # recommendation -> {"m-theme": themes, "m-passing": themes}
        for classes, title in re.findall(r'<mark class="([^"]*)" title="([^"]*)">', text):
            classes, parts = classes.split(), html.unescape(title).split("; ")
            for kind in {"m-theme", "m-passing"} & set(classes) if "m-recommendation" in classes else ():
                marked.setdefault(parts[0], {"m-theme": set(), "m-passing": set()})[kind].add(parts[-1].split(" — ")[0])
        for rec_id, kinds in marked.items():
            rec_page = page.with_suffix("") / "rec" / (rec_id.rsplit("-R", 1)[1] + ".html")
            rec = rec_page.read_text(encoding="utf-8")
            themes = set(text_of(re.search(r"<th>主題 Themes</th><td>(.*?)</td>", rec, re.S).group(1)).split("、"))
            assert kinds["m-theme"] <= themes, (rec_id, kinds, themes)
            assert not (kinds["m-passing"] - kinds["m-theme"]) & themes, (rec_id, kinds, themes)
            checked += 1
    assert checked > 20
    p12 = (site / "report/moda/2025/plan/12.html").read_text(encoding="utf-8")
    assert re.search(r'<mark class="m-recommendation m-passing" title="[^"]*順帶提及[^"]*">LLM</mark>', p12)


def test_theme_index_counts_say_what_they_count(site):
    text = (site / "theme/index.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr><td[^>]*><a href=\"([^\"]*)\">", text)
    assert f"{len(rows)} 個主題" in text
    assert "Plans on it (subject)" in text and "only in advice" in text
    assert "theme/agentic-ai.html" in rows


# ------------------------------------------------------------------ 2. links

def test_every_relative_link_of_the_site_resolves(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 200
    missing = [(str(page.relative_to(site)), href) for page in pages
               for href, target in relative_links(page, r'(?:href|src)="([^"]*)"') if not target.exists()]
    assert not missing, missing[:20]


def relative_links(page: Path, pattern: str = r'href="([^"]*)"') -> list[tuple[str, Path]]:
    """Each relative link of ``page`` (``pattern`` finds them) and the file it leads to, read as a
    browser reads it: against the page's ``<base href>``; web addresses and fragments are not."""
    text = page.read_text(encoding="utf-8")
    base = re.search(r'<base href="([^"]*)"', text)
    here = urljoin(page.as_uri(), html.unescape(base.group(1))) if base else page.as_uri()
    return [(href, Path(unquote(urlparse(urljoin(here, href)).path)))
            for href in map(html.unescape, re.findall(pattern, text))
            if href and not href.startswith("#") and urlparse(href).scheme not in ("http", "https", "mailto")]


def crawl(site: Path, start: str = "index.html") -> set[str]:
    """Every page of the site reachable from ``start`` by its relative links (paths from the root)."""
    seen, todo = set(), [site / start]
    while todo:
        page = todo.pop()
        if not page.is_relative_to(site):
            continue
        rel = page.relative_to(site).as_posix()
        if rel in seen or not page.exists() or page.suffix != ".html":
            continue
        seen.add(rel)
        todo += [target for _, target in relative_links(page)]
    return seen


def store_of(site: Path):
    from recgraph.loader import load_store

    return load_store(site / "graph.nt")


def library(store, name: str, **params) -> list[dict]:
    from recgraph import sparql

    info = sparql.load_query(name)
    return sparql.run_query(store, info.text, sparql.resolve_params(info, params)).records()


def test_every_report_has_a_page_reachable_from_the_index_counting_its_plans(site):
    """Each report (source document) of the graph has its page, linked from index.html; the page
    lists as many plans as the library query ``reports`` counts and those ``plans`` lists."""
    from recgraph.namespace import DEFAULT_BASE
    from recgraph.site_pages import page_path

    reachable = crawl(site)
    store = store_of(site)
    reports = library(store, "reports")
    plans = library(store, "plans")
    assert reports
    index = (site / "index.html").read_text(encoding="utf-8")
    for report in reports:
        iri = str(report["report"])
        path = page_path(iri, DEFAULT_BASE)
        assert path in reachable and f'href="{path}"' in section(index, "reports"), path
        text = (site / path).read_text(encoding="utf-8")
        listed = links_in(section(text, "plans"))
        expected = sorted(page_path(str(r["evaluation"]), DEFAULT_BASE) for r in plans
                          if str(r["evaluation"]).startswith(iri + "/"))
        plan_links = sorted(h for h in listed if "/plan/" in h)
        assert len(plan_links) == report["evaluations"] == len(expected) and plan_links == expected, path
        for plan in plan_links[:3]:  # each plan page and its recommendations link back to the report
            assert f'href="{path}"' in (site / plan).read_text(encoding="utf-8"), plan
    rec = (site / "report/moda/2025/plan/01/rec/1.html").read_text(encoding="utf-8")
    assert rec.count('href="report/moda/2025.html"') == 2  # the report row and the status history


def test_the_report_pages_table_link_shows_its_recommendations(site, browser):
    store = store_of(site)
    (report,) = library(store, "reports")
    text = (site / "report/moda/2025.html").read_text(encoding="utf-8")
    query = html.unescape(re.search(r'href="recommendations.html(\?report=[^"]+)"', text).group(1))
    seen = table(browser, site, query)
    assert shown(seen) == report["recommendations"] > 100
    assert seen.page.input_value("select[name=report]") == "report/moda/2025"
    assert seen.problems() == [], seen.problems()
    seen.page.context.close()


def test_a_theme_nodes_panel_quotes_mentions_in_their_sentences_linked_to_the_plan(site, browser, tmp_path):
    """Clicking 供應鏈安全 in the overview: its panel quotes mentions in their sentences (the
    mention marked), each quote's text is in the plan's opinion, and its link opens the plan's
    page at that mention."""
    seen = visit(browser, site / "overview.html", site=site, viewport=(1440, 900))
    page = seen.page
    node = "https://w3id.org/recgraph/theme/supply-chain-security"
    point = page.evaluate("""(id) => { const n = window.recgraph.network, d = n.canvasToDOM(n.getPosition(id));
        const r = document.getElementById('mynetwork').getBoundingClientRect();
        return {x: r.left + d.x, y: r.top + d.y}; }""", node)
    page.mouse.click(point["x"], point["y"])
    detail = page.locator("#detail")
    assert detail.locator("h2").inner_text() == "供應鏈安全"
    quotes = detail.locator("blockquote.mention")
    assert 1 <= quotes.count() <= 5
    page.screenshot(path=str(tmp_path / "theme-panel.png"))
    first = quotes.first
    marked = first.locator("mark").inner_text()
    sentence = first.evaluate("b => Array.from(b.childNodes).filter(n => n.nodeName !== 'A' && n.nodeName !== 'BR')"
                              ".map(n => n.textContent).join('')")
    assert marked and marked in sentence
    assert detail.locator("a.page-link").get_attribute("href") == "theme/supply-chain-security.html"
    link = first.locator("a.quote-link")
    href = link.get_attribute("href")
    plan_page, anchor = href.split("#")
    opinion = text_of("".join(re.findall(r'<div class="opinion">(.*?)</div>',
                                         (site / unquote(plan_page)).read_text(encoding="utf-8"), re.S)))
    for part in sentence.split("…"):
        assert part.strip() in opinion, (part, href)
    link.click()
    page.wait_for_load_state("load")
    assert page.url.endswith(href)
    target = page.locator(f"[id='{anchor}'] + mark")
    assert target.count() == 1 and target.inner_text().startswith(marked[:1])
    assert page.evaluate("a => document.getElementById(a) !== null", anchor)
    assert seen.problems() == [], seen.problems()
    page.context.close()


# ------------------------------------------------------------------ 3-5, 7. the table

def table(browser, site: Path, query: str = ""):
    seen = visit(browser, site / "recommendations.html", query, site=site, viewport=(1440, 900), accept_downloads=True)
    seen.page.wait_for_selector("body[data-ready]")
    return seen


def shown(seen) -> int:
    return int(seen.page.text_content("[data-count]"))


def test_link_to_this_view_has_the_filters_of_the_url(site, browser):
    seen = table(browser, site, "?theme=ai&status=open")
    assert seen.page.get_attribute("#permalink", "href") == "recommendations.html?theme=ai&status=open"
    seen.page.context.close()


@pytest.mark.parametrize("code", ["moda", "ey", "moda-adi"])
def test_agency_page_counts_what_its_table_link_shows(site, browser, code):
    page = (site / f"agency/{code}.html").read_text(encoding="utf-8")
    heading = text_of(re.search(r'<h2 id="recs">(.*?)</h2>', page).group(1))
    count = int(re.search(r"\((\d+)\)$", heading).group(1))
    href = html.unescape(re.search(r'<a class="table-link" href="([^"]*)"', page).group(1))
    assert href == f"recommendations.html?agency={code}"
    seen = table(browser, site, href.partition("recommendations.html")[2])
    assert shown(seen) == count > 0, (code, heading)
    seen.page.context.close()


def test_status_filter_offers_each_status_once_under_the_columns_label(site, browser):
    seen = table(browser, site)
    options = seen.page.eval_on_selector_all("select[name=status] option",
                                             "os => os.map(o => [o.value, o.textContent, o.title])")[1:]
    values = [v for v, _, _ in options]
    assert len(values) == len(set(values)) and "open" in values and "pending-response" in values
    labels = {v: label for v, label, _ in options}
    assert labels["pending-response"] == "待回應" and "待辦理" in labels["open"]
    assert all(title for _, _, title in options)  # English on hover
    column = seen.page.text_content(".tabulator-row .tabulator-cell[tabulator-field=status]")
    assert all(part in " ".join(labels.values()) for part in column.split(" / "))
    seen.page.select_option("select[name=status]", "pending-response")
    assert shown(seen) > 0
    seen.page.context.close()


def test_exported_flags_have_no_stray_spaces(site, browser):
    seen = table(browser, site, "?generic=true")
    with seen.page.expect_download() as download:
        seen.page.click("#export-csv")
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8-sig"))))
    flags = {r["旗標 Flags"] for r in rows}
    assert "通案 generic" in flags and all(f == f.strip() for f in flags), flags
    seen.page.context.close()


# ------------------------------------------------------------------ 6. network search

@pytest.mark.parametrize("query", ["數產署", "moda-adi"])
def test_network_search_finds_an_agency_by_its_short_name(site, browser, query):
    seen = visit(browser, site / "overview.html", viewport=(1440, 900))
    seen.page.fill("#search", query)
    names = seen.page.eval_on_selector_all("#matches button", "els => els.map(e => e.textContent)")
    assert any("數位產業署" in n for n in names), names
    seen.page.context.close()


def test_text_search_says_it_searches_the_text_and_offers_the_theme(site, browser):
    seen = table(browser, site, "?q=supply%20chain")
    assert shown(seen) == 0
    assert "recommendation text" in seen.page.text_content("form#filters").lower()
    hint = seen.page.locator("#q-hint a")
    assert hint.count() == 1 and hint.get_attribute("href") == "recommendations.html?theme=supply-chain-security"
    hint.click()
    seen.page.wait_for_selector("body[data-ready]")
    assert shown(seen) > 0 and seen.problems() == [], seen.problems()
    seen.page.context.close()


def test_theme_index_counts_the_themes_the_summary_counts(site):
    summary = json.loads((site / "summary.json").read_text(encoding="utf-8"))
    text = (site / "theme/index.html").read_text(encoding="utf-8")
    assert f"{summary['themes']} themes" in text


# ------------------------------------------------------------------ 8. the table at 1440 px

def test_every_column_of_the_table_fits_at_1440_px_with_whole_titles(site, browser, tmp_path):
    seen = table(browser, site)
    width = seen.page.evaluate("() => document.documentElement.clientWidth")
    columns = seen.page.eval_on_selector_all(".tabulator-col", """els => els.map(e => {
        const r = e.getBoundingClientRect(), t = e.querySelector('.tabulator-col-title');
        return [t.textContent, r.right, t.scrollWidth <= t.clientWidth + 1]; })""")
    seen.page.screenshot(path=tmp_path / "table-1440.png")
    assert len(columns) == 13
    assert [c for c in columns if c[1] > width] == [], (width, columns)
    assert [c for c in columns if not c[2]] == [], [c for c in columns if not c[2]]  # no title cut to "年…"
    seen.page.context.close()


# ------------------------------------------------------------------ 9. network labels

@pytest.mark.parametrize("name", ["overview", "similarity"])
def test_labels_drawn_at_the_default_zoom_are_legible_and_do_not_overlap(site, browser, name, tmp_path):
    seen = visit(browser, site / f"{name}.html", viewport=(1440, 900))
    seen.page.wait_for_timeout(500)  # a drawn frame: label sizes are measured when drawn
    seen.page.screenshot(path=tmp_path / f"{name}-1440.png")
    drawn = seen.page.evaluate("""() => { const r = window.recgraph, net = r.network, s = net.getScale();
        return r.nodes.get().filter(n => (n.font ? n.font.size : 14) * s >= 9).map(n => {
            const m = net.body.nodes[n.id].labelModule.size,
                  a = net.canvasToDOM({x: m.left, y: m.top}), b = net.canvasToDOM({x: m.left + m.width, y: m.top + m.height});
            return {id: n.id, label: n.label, rank: n.rank, kind: n.kind, px: (n.font ? n.font.size : 14) * s, box: [a.x, a.y, b.x, b.y]}; }); }""")
    scale = seen.page.evaluate("() => window.recgraph.network.getScale()")
    assert scale < 0.6  # zoomed out: without a choice every label would be unreadable or overlap
    assert 5 <= len(drawn) <= 15, [d["label"] for d in drawn]
    assert min(d["rank"] for d in drawn) == 0 and all(d["px"] >= 14 for d in drawn)
    for i, a in enumerate(drawn):
        for b in drawn[i + 1:]:
            (l1, t1, r1, b1), (l2, t2, r2, b2) = a["box"], b["box"]
            assert r1 <= l2 or r2 <= l1 or b1 <= t2 or b2 <= t1, (a["label"], b["label"])
    assert all(not d["label"].startswith("moda-") for d in drawn if d["kind"] == "recommendation")
    seen.page.context.close()


DRAWN = """() => { const r = window.recgraph, net = r.network, s = net.getScale(), w = net.body.container.clientWidth;
    return r.nodes.get().filter(n => (n.font ? n.font.size : 14) * s >= 8).map(n => {
        const m = net.body.nodes[n.id].labelModule.size,
              a = net.canvasToDOM({x: m.left, y: m.top}), b = net.canvasToDOM({x: m.left + m.width, y: m.top + m.height});
        return {id: n.id, label: n.label, box: [a.x, a.y, b.x, b.y], width: w}; }); }"""


def _overlapping(drawn: list[dict]) -> list[tuple[str, str]]:
    out = []
    for i, a in enumerate(drawn):
        for b in drawn[i + 1:]:
            (l1, t1, r1, b1), (l2, t2, r2, b2) = a["box"], b["box"]
            if not (r1 <= l2 or r2 <= l1 or b1 <= t2 or b2 <= t1):
                out.append((a["label"], b["label"]))
    return out


@pytest.mark.parametrize("query", ["供應鏈", "supply chain"])
def test_labels_stay_apart_and_the_chosen_node_is_named_after_search_zooms_in(site, browser, query, tmp_path):
    """Search focuses the first match at zoom 1, where every label used to be drawn at 14 px on top
    of its neighbours; only labels that fit apart are drawn, the chosen node's first, none cut off."""
    seen = visit(browser, site / "overview.html", viewport=(1440, 900))
    page = seen.page
    page.fill("#search", query)
    page.locator("#matches button").first.click()
    page.wait_for_timeout(300)
    page.screenshot(path=tmp_path / f"overview-search-{query.replace(' ', '_')}.png")
    assert page.evaluate("() => window.recgraph.network.getScale()") >= 1.0
    drawn = page.evaluate(DRAWN)
    chosen = page.evaluate("() => window.recgraph.network.getSelectedNodes()")
    assert 3 <= len(drawn) <= 15, [d["label"] for d in drawn]
    assert _overlapping(drawn) == []
    assert set(chosen) <= {d["id"] for d in drawn}, chosen
    assert all(0 <= d["box"][0] and d["box"][2] <= d["width"] for d in drawn), [d for d in drawn if d["box"][0] < 0]
    page.mouse.move(500, 500)
    page.mouse.down()
    page.mouse.move(300, 420, steps=5)
    page.mouse.up()  # a pan labels what is then in view, still apart
    page.wait_for_timeout(200)
    assert _overlapping(page.evaluate(DRAWN)) == [] and seen.problems() == []
    seen.page.context.close()


# ------------------------------------------------------------------ 10. empty lists, short tables

def test_figure_and_similar_lists_say_none_and_name_every_column(site):
    """The seed has no figure short of its target: the page says so, with no header-only table;
    every figure table's columns are named (the short-of-target column had no heading)."""
    text = (site / "figures.html").read_text(encoding="utf-8")
    short = text.split("未達目標 Short of target")[1].split("<h2")[0]
    assert "<table" not in short and "無 None." in short
    for page in [site / "figures.html", site / "theme/ai.html", site / "agency/moda-adi.html",
                 site / "report/moda/2025/plan/04.html"]:
        page_text = page.read_text(encoding="utf-8")
        assert "<th></th>" not in page_text, page.name
        assert not re.search(r"<table[^>]*>(<tr>(<th>[^<]*</th>)+</tr>\s*)</table>", page_text), page.name  # header only
    plan4 = (site / "report/moda/2025/plan/04.html").read_text(encoding="utf-8")
    assert "無目標 no target" in plan4  # its two figures have no target: said, not left blank
    similar = section(plan4, "similar") if 'id="similar"' in plan4 else plan4.split("相似計畫 Similar plans")[1]
    assert re.search(r">FY2025 #1 數位產業跨域軟體基盤暨數位服務躍升計畫</a></td><td class=\"num\">2<", similar)


@pytest.mark.parametrize("query, rows", [("?generic=true", 6), ("?q=zzzz", 0)])
def test_a_short_table_shrinks_to_its_rows_and_an_empty_one_says_so(site, browser, query, rows):
    seen = table(browser, site, query)
    assert shown(seen) == rows
    box = seen.page.eval_on_selector("#table", "e => e.getBoundingClientRect().height")
    body = seen.page.eval_on_selector("#table .tabulator-tableholder", "e => e.scrollHeight")
    header = seen.page.eval_on_selector("#table .tabulator-header", "e => e.getBoundingClientRect().height")
    assert box <= header + body + 4, (box, header, body)  # no empty grey block below the rows
    placeholder = seen.page.locator(".tabulator-placeholder")
    assert (placeholder.count() > 0 and placeholder.first.is_visible()) == (rows == 0)
    if rows == 0:
        assert "No recommendation matches" in placeholder.first.text_content()
    assert "boilerplate" in seen.page.text_content("form#filters")  # what 通案 generic means, in the user's word
    seen.page.context.close()


# ------------------------------------------------------------------ 11. the five questions, from the browser

def _library(site: Path, name: str, **params) -> list[dict]:
    from recgraph import sparql
    from recgraph.loader import load_store

    info = sparql.load_query(name)
    rows = sparql.run_query(load_store(site / "graph.nt"), info.text, sparql.resolve_params(info, params)).records()
    return [{k: ("" if v is None else str(getattr(v, "value", v))) for k, v in r.items()} for r in rows]


def _click(page, text: str):
    page.get_by_role("link", name=text).first.click()
    page.wait_for_load_state("load")


def test_the_five_questions_of_issue_11_are_answered_from_the_browser(site, browser):
    """The README's walkthrough, as a new user clicks it from out/index.html at 1440x900, with the
    answers checked against the SPARQL library (graph/queries)."""
    seen = visit(browser, site / "index.html", site=site, viewport=(1440, 900), accept_downloads=True)
    page = seen.page
    plan_name = re.compile(r"^FY\d+ #\d+ (.*)$")

    # 1. which plans mention AI / 5G / supply-chain security, and where: 主題 Themes -> the theme
    for theme, label in [("ai", "人工智慧 Artificial intelligence"), ("5g", "5G 5G"),
                         ("supply-chain-security", "供應鏈安全 Supply-chain security")]:
        page.goto((site / "index.html").as_uri())
        _click(page, "主題 Themes")
        _click(page, label)
        assert page.url.endswith(f"theme/{theme}.html")
        rows = page.eval_on_selector_all("table.plans[data-role=subject] tr:has(td)", """trs => trs.map(tr =>
            [tr.cells[0].textContent, tr.cells[3].textContent])""")
        names = {plan_name.match(name).group(1) for name, _ in rows}
        expected = {r["planName"] for r in _library(site, "plans-by-theme", theme=f"theme:{theme}")}
        assert names == expected and names, theme
        assert all(re.search(r"「[^」]+」", where) for _, where in rows), rows  # where: the quoted text

    # 2. which plans share two or more themes with plan 4: 計畫評核 -> FY2025 #4 -> similar plans
    page.goto((site / "index.html").as_uri())
    _click(page, "計畫評核 Plan evaluations")
    _click(page, "FY2025 #4 數位憑證公共基礎建設計畫")
    similar = page.eval_on_selector_all("table.similar tr:has(td)", """trs => trs.map(tr =>
        [tr.cells[0].textContent, Number(tr.cells[1].textContent), tr.cells[2].textContent])""")
    shown = {plan_name.match(name).group(1): set(themes.split("、")) for name, n, themes in similar if n >= 2}
    themes_of: dict[str, set] = {}
    for r in _library(site, "plans-by-theme"):
        themes_of.setdefault(r["planName"], set()).add(r["foundAs"])
    four = themes_of["數位憑證公共基礎建設計畫"]
    expected = {p: four & ts for p, ts in themes_of.items() if p != "數位憑證公共基礎建設計畫" and len(four & ts) >= 2}
    assert shown == expected and shown

    # 3. every recommendation to 數產署 with its sentence: the table, ?agency=數產署, exported
    page.goto((site / "recommendations.html").as_uri() + "?agency=" + "數產署")
    page.wait_for_selector("body[data-ready]")
    expected = {r["id"]: r["text"] for r in _library(site, "recommendations-by-agency", agency="moda-adi")}
    assert int(page.text_content("[data-count]")) == len(expected) > 0
    with page.expect_download() as download:
        page.click("#export-csv")
    exported = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8-sig"))))
    assert {r["編號 ID"]: r["建議 Recommendation"] for r in exported} == expected

    # 4. which are boilerplate: the table's 通案 Generic (boilerplate) filter
    page.select_option("select[name=generic]", "true")
    page.fill("input[name=agency]", "")
    page.wait_for_function("() => location.search === '?generic=true'")
    with page.expect_download() as download:
        page.click("#export-json")
    generic = {r["id"] for r in json.loads(Path(download.value.path()).read_text(encoding="utf-8"))}
    expected = {r["id"] for r in _library(site, "recommendations-by-kind") if r["generic"] == "True"}  # booleans come back as Python bools
    assert generic == expected and generic and int(page.text_content("[data-count]")) == len(expected)

    # 5. which figures fell short of target: 數據與目標 Figures
    page.goto((site / "index.html").as_uri())
    _click(page, "數據與目標 Figures against targets")
    short = page.eval_on_selector_all("tr.short", "trs => trs.map(tr => tr.cells[1].textContent)")
    expected = [r["metric"] for r in _library(site, "figures-below-target", ratio="1")]
    assert sorted(short) == sorted(expected)
    assert "未達目標 Short of target (0)" in page.text_content("main") and "無 None." in page.text_content("main")
    assert page.eval_on_selector_all("table.figures tr:has(td)", "trs => trs.length") > 0  # the met ones, listed
    assert seen.problems() == [], seen.problems()
    page.context.close()


def test_network_search_by_keyboard_reaches_a_match_and_its_page(site, browser):
    """Type, Enter: the first match is shown and focused; Tab, Enter: the next; Tab reaches its link."""
    seen = visit(browser, site / "overview.html", site=site, viewport=(1440, 900))
    page = seen.page
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "search"
    page.keyboard.type("供應鏈")
    page.keyboard.press("Enter")
    first, second = page.eval_on_selector_all("#matches button", "els => els.map(e => e.textContent)")[:2]
    assert page.evaluate("() => document.activeElement.textContent") == first
    assert page.text_content("#detail h2") == first.split(" / ")[0]
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.text_content("#detail h2") == second.split(" / ")[0]
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.className") == "page-link":
            break
    assert page.evaluate("() => document.activeElement.className") == "page-link"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/report/moda/2025/plan/" in page.url
    page.go_back()
    page.wait_for_load_state("load")
    assert page.url.split("#")[0].endswith("overview.html") and page.input_value("#search") == "供應鏈"
    assert seen.problems() == []
    seen.page.context.close()


def test_every_quoted_mention_on_a_theme_page_links_to_where_the_plan_page_marks_it(site):
    """"Where (quoted text)": each quote opens the plan's page at that mention (its anchor), and
    the marked text there begins with the quote."""
    checked = 0
    for page in sorted((site / "theme").glob("*.html")):
        if page.name == "index.html":
            continue
        for href, quote in re.findall(r'<a class="quote" href="([^"]*)">「(.*?)」</a>', page.read_text(encoding="utf-8")):
            path, _, anchor = html.unescape(href).partition("#")
            assert anchor, (page.name, href)
            target = (site / unquote(path)).read_text(encoding="utf-8")
            after = target.split(f'<span id="{anchor}"></span>', 1)
            assert len(after) == 2, (page.name, href)
            assert after[1].startswith("<mark"), (page.name, href)
            assert text_of(after[1])[:len(html.unescape(quote))] == html.unescape(quote), (page.name, href, quote)
            checked += 1
    assert checked > 100


def test_network_search_survives_the_back_button_and_a_shared_link(site, browser):
    """The search is kept in the URL's fragment: back from a node's page, or a link with #q=,
    shows the same matches; script in the fragment is only ever text."""
    seen = visit(browser, site / "overview.html", site=site, viewport=(1440, 900))
    page = seen.page
    page.fill("#search", "supply chain")
    assert page.evaluate("() => location.hash") == "#q=supply%20chain"
    page.locator("#matches button").first.click()
    with page.expect_navigation():
        page.click("#detail a.page-link")
    page.go_back()
    page.wait_for_load_state("load")
    assert page.input_value("#search") == "supply chain"
    assert page.text_content("#search-result") == "1 筆 found"
    page.goto((site / "overview.html").as_uri() + "#q=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E")
    assert page.input_value("#search") == "<img src=x onerror=alert(1)>" and page.locator("img").count() == 0
    page.click("#reset")
    assert page.evaluate("() => location.hash") == "" and page.input_value("#search") == ""
    assert seen.problems() == [], seen.problems()
    seen.page.context.close()


def test_agency_index_finds_an_agency_by_its_short_name(site):
    """A user looking for 數產署 on 機關 Agencies finds it (Ctrl-F): short names are a column."""
    text = (site / "agency/index.html").read_text(encoding="utf-8")
    row = next(r for r in text.split("<tr>") if 'href="agency/moda-adi.html"' in r)
    assert "數產署" in text_of(row) and "<th>簡稱 Short names</th>" in text


def test_status_history_names_the_report_it_comes_from_not_its_iri(site):
    text = (site / "report/moda/2025/plan/01/rec/1.html").read_text(encoding="utf-8")
    first = re.search(r"<tr><td>2025-12-31</td>(.*?)</tr>", text.split("狀態歷程 Status history")[1]).group(1)
    cells = [text_of(c) for c in re.findall(r"<td>(.*?)</td>", first)]
    assert cells[3] == "數位發展部及所屬機關114年度個案管制計畫評核結果 (FY2025)", cells

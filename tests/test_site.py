"""The static site: every recommendation has a page with its evidence marked and its status
history; the table's URL filters give the rows the SPARQL library gives; export has exactly
those rows; hostile text runs nothing; every page type renders (screenshots, not committed)."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path

import pytest

from recgraph import sparql
from recgraph.pipeline import build
from recgraph.site import write_site
from recgraph.site_pages import page_path
from recgraph.namespace import DEFAULT_BASE
from browser import chromium, visit

DATA = Path(__file__).parent / "data"
UPDATES = DATA / "status-updates"


@pytest.fixture(scope="module")
def seed_site(tmp_path_factory, seed_path):
    """The seed with the test status updates, its store and the site written from it."""
    store = build([seed_path], updates=UPDATES).to_store()
    out = tmp_path_factory.mktemp("site")
    return out, store, write_site(store, out)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("hostile-site")
    return out, write_site(DATA / "hostile.ttl", out)


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


def library(store, name: str, **params) -> list[dict]:
    info = sparql.load_query(name)
    return sparql.run_query(store, info.text, sparql.resolve_params(info, params)).records()


def recs_of(rows) -> set[str]:
    return {str(r["recommendation"]) for r in rows}


def ids_of(store, iris: set[str]) -> set[str]:
    return {r["id"] for r in library(store, "recommendations-by-status") if str(r["recommendation"]) in iris}


# ---------------------------------------------------------------- files

def test_every_recommendation_has_a_page_marking_its_evidence(seed_site):
    out, store, _ = seed_site
    evidence = {}
    for row in library(store, "evidence"):
        evidence.setdefault(str(row["item"]), []).append(row["exact"])
    recs = library(store, "recommendations-by-status")
    assert len(recs) > 50
    for rec in recs:
        iri = str(rec["recommendation"])
        page = out / page_path(iri, DEFAULT_BASE)
        text = page.read_text(encoding="utf-8")
        marks = [html.unescape(m) for m in re.findall(r"<mark[^>]*>(.*?)</mark>", text, re.S)]
        assert marks == evidence[iri], (rec["id"], marks, evidence[iri])
        assert html.escape(rec["id"]) in text and iri in text


def test_page_paths_mirror_iris(seed_site):
    out, _, written = seed_site
    assert (out / "report/moda/2025/plan/04/rec/1.html").exists()
    assert (out / "report/moda/2025/plan/04.html").exists()
    assert (out / "agency/moda-adi.html").exists()
    for theme in ("5g", "supply-chain-security", "generative-ai", "ai", "cybersecurity"):
        assert (out / f"theme/{theme}.html").exists(), theme


def test_status_history_shows_the_fixture_updates(seed_site):
    out, _, _ = seed_site
    text = (out / "report/moda/2025/plan/11/rec/1.html").read_text(encoding="utf-8")
    history = text.split("狀態歷程 Status history")[1]
    rows = re.findall(r"<tr><td>(\d{4}-\d\d-\d\d)</td>", history)
    assert rows == ["2025-12-31", "2026-04-15", "2026-10-01"]
    assert "TEST DATA: evaluator review" in history and "評核委員" in history
    # the current status is the latest assertion of each kind: accepted (04-15), in progress (10-01)
    current = re.search(r'<td class="status">(.*?)</td>', text).group(1)
    assert current == "同意採納 / 辦理中", current  # prefLabels of accepted and in-progress (ontology/status.ttl)


def test_plan_page_names_the_themes_it_shares(seed_site):
    """Plan 4's similar plans: every plan sharing a direct theme (up to 20), most shared first, themes named."""
    from recgraph import views as V

    out, store, _ = seed_site
    t = V.read_facts(store)
    plan4 = t.evaluations["https://w3id.org/recgraph/id/report/moda/2025/plan/04"]["plan"]
    sets = V.plan_theme_sets(t, expand=False)
    expected = {t.label(p): sorted(t.label(th) for th in sets[plan4] & s) for p, s in sets.items()
                if p != plan4 and sets[plan4] & s}
    text = (out / "report/moda/2025/plan/04.html").read_text(encoding="utf-8")
    similar = text.split("相似計畫 Similar plans")[1]
    rows = re.findall(r'<tr><td><a href="[^"]+">FY2025 #\d+ (.*?)</a></td><td class="num">(\d+)</td><td>(.*?)</td></tr>', similar)
    assert len(rows) == min(20, len(expected)) > 0
    for name, n, names in rows:
        assert sorted(html.unescape(names).split("、")) == expected[html.unescape(name)] and int(n) == len(expected[html.unescape(name)])
    assert [int(n) for _, n, _ in rows] == sorted((int(n) for _, n, _ in rows), reverse=True)
    assert any(int(n) >= 2 for _, n, _ in rows)  # "which plans share two or more themes with plan 4"
    for kind in ("m-theme", "m-figure", "m-recommendation"):
        assert f'class="{kind}' in text, kind


@pytest.mark.parametrize("mentions", ["subject", "all"])
def test_theme_page_lists_and_names_the_plans_about_the_theme(seed_site, tmp_path, mentions):
    """A theme page's plan list is the plans whose subject the theme (or a narrower one) is, and
    says so; with ``--theme-mentions all``, the plans mentioning it, and says that."""
    from recgraph import views as V

    out, store, _ = seed_site
    t = V.read_facts(store, mentions)
    if mentions == "all":
        write_site(store, tmp_path, facts=t, mentions="all")
        out = tmp_path
    ai = "https://w3id.org/recgraph/theme/ai"
    plans = {p for p, themes in V.plan_theme_sets(t).items() if ai in themes}
    expected = sorted(e for e, ev in t.evaluations.items() if ev["plan"] in plans)
    text = (out / "theme/ai.html").read_text(encoding="utf-8")
    heading = {"subject": "Plans whose subject is this theme or a narrower one", "all": "Plans mentioning this theme"}
    assert f"{heading[mentions]}" in text and heading["all" if mentions == "subject" else "subject"] not in text
    listed = re.search(r"<table class=\"list plans\" data-role=\"subject\">(.*?)</table>", text, re.S).group(1)
    hrefs = re.findall(r'<tr><td><a href="([^"]+)">', listed)
    assert sorted(hrefs) == sorted(page_path(e, DEFAULT_BASE) for e in expected) and hrefs
    subject_only = {p for p, themes in V.plan_theme_sets(V.read_facts(store)).items() if ai in themes}
    assert mentions == "subject" or plans > subject_only  # passing mentions add plans


@pytest.mark.parametrize("which", ["seed", "hostile"])
def test_figures_page_lists_what_fell_short_as_the_library_query_does(seed_site, tmp_path, which):
    """The seed has no figure short of its target; the hostile fixture has one (2 of 4), once its
    evaluation has the serial and plan name the library query reads."""
    import pyoxigraph as ox

    from recgraph.loader import load_store

    if which == "seed":
        out, store = seed_site[0], seed_site[1]
    else:
        store, out = load_store(DATA / "hostile.ttl"), tmp_path
        evaluation, rg = ox.NamedNode("https://w3id.org/recgraph/id/report/x/1"), "https://w3id.org/recgraph/ns#"
        store.add(ox.Quad(evaluation, ox.NamedNode(rg + "planName"), ox.Literal("計畫")))
        store.add(ox.Quad(evaluation, ox.NamedNode(rg + "serial"),
                          ox.Literal("1", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#nonNegativeInteger"))))
        write_site(store, out)
    text = (out / "figures.html").read_text(encoding="utf-8")
    short = text.split("未達目標 Short of target")[1].split("達成或超過 Met or exceeded")[0]
    metrics = [html.unescape(m) for m in re.findall(r'<tr class="short"><td>.*?</td><td>(.*?)</td>', short)]
    expected = [r["metric"] for r in library(store, "figures-below-target", ratio="1")]
    assert sorted(metrics) == sorted(expected) and (expected or which == "seed")


def test_two_writes_are_identical_and_forked_workers_write_the_same(seed_site, tmp_path):
    out, store, written = seed_site
    again = write_site(store, tmp_path, workers=2, parallel_min_pages=0)
    assert [p.relative_to(tmp_path) for p in again] == [p.relative_to(out) for p in written]
    assert all(p.read_bytes() == (out / p.relative_to(tmp_path)).read_bytes() for p in again)


@pytest.mark.parametrize("threaded", [False, True], ids=["forked", "forkserver"])
def test_a_large_graphs_way_writes_the_same(seed_site, seed_path, tmp_path, monkeypatch, threaded):
    """What a large build does, forced at the seed: the records read from graph.nt by a process of
    their own and sent back, the pages rendered by forked workers in runs of items; with a thread
    running, the workers start from the forkserver (graph/workers.py) and must split the same way."""
    import threading
    from recgraph import site
    from recgraph.views import read_facts_nt

    if threaded:
        stop = threading.Event()
        threading.Thread(target=stop.wait, daemon=True).start()

    out, _, written = seed_site
    (tmp_path / "work").mkdir()
    b = build([seed_path], updates=UPDATES, work=tmp_path / "work")
    monkeypatch.setattr(site, "READ_APART_MIN_BYTES", 0)
    monkeypatch.setattr(site, "PART_BLOCK", 3)
    again = write_site(None, tmp_path / "out", facts=read_facts_nt(b.graph, "subject"), workers=2,
                       parallel_min_pages=0, nt=b.graph)
    assert [p.relative_to(tmp_path / "out") for p in again] == [p.relative_to(out) for p in written]
    assert all(p.read_bytes() == (out / p.relative_to(tmp_path / "out")).read_bytes() for p in again)
    if threaded:
        stop.set()


_RECORDS_READ_EARLY = """
import sys
from pathlib import Path
from types import SimpleNamespace
from recgraph import outputs
from recgraph.views import read_routed_facts
from recgraph.workers import start, threads

graph, base, out = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
records = outputs.site_records(SimpleNamespace(graph=graph), 2)  # as outputs._render, first
routed = outputs.routed_facts(SimpleNamespace(graph=graph), 2)  # beside it
assert records is not None
saved = records.result()  # as outputs._views, before the facts are read
assert records.proc is None and Path(saved).is_file()
picked = routed.result()
assert all(Path(p).is_file() and Path(p).parent == graph.parent for p in picked)
facts = start(read_routed_facts, picked, "subject", workers=2, fresh=True).result()
assert not any(Path(p).exists() for p in picked)  # removed once loaded
assert threads() == 1, threads()
shared = start(outputs._site, None, out, base, facts, 2, graph, "subject", saved, workers=2, daemon=False).result()
assert shared["reports"] and not Path(saved).exists()  # loaded by the site's process, which removed it
"""


def test_records_read_before_the_facts_write_the_same(seed_site, seed_path, tmp_path):
    """A large build's way (graph.outputs._render and _views): the records read from graph.nt by a
    fresh process into a file and the facts' lines picked by another beside it, then the facts read
    from those lines by a third, and the file loaded by the site's process
    forked after them, which adds the facts; the same pages, byte for byte, as a site that reads
    its records itself, and the file removed once loaded.  Run in a fresh interpreter, as a build
    is: the suite's own process has threads of other tests, and would not fork the site's process."""
    import subprocess
    import sys

    out, _, written = seed_site
    (tmp_path / "work").mkdir()
    b = build([seed_path], updates=UPDATES, work=tmp_path / "work")
    run = subprocess.run([sys.executable, "-c", _RECORDS_READ_EARLY, str(b.graph), b.base, str(tmp_path / "out")],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    again = sorted(p for p in (tmp_path / "out").rglob("*") if p.is_file())
    assert [p.relative_to(tmp_path / "out") for p in again] == [p.relative_to(out) for p in written]
    for p in again:  # byte for byte the pages of the site that read its records itself
        assert p.read_bytes() == (out / p.relative_to(tmp_path / "out")).read_bytes(), p


def test_pages_are_dealt_once_each_the_costly_kinds_one_at_a_time():
    """The workers' shares: every page once, neighbours in runs, and the few costly pages (a theme
    page costs as much as hundreds of recommendation pages) spread over the workers, not one run."""
    from recgraph.site import share

    work = [("table", "")] + [("recommendation", i) for i in range(1000)] + [("theme", i) for i in range(39)] + \
        [("agency", i) for i in range(46)] + [("indexes", "")]
    parts = [share(work, p, 2, block=256) for p in range(2)]
    assert sorted(parts[0] + parts[1]) == sorted(work) and len(parts[0]) + len(parts[1]) == len(work)
    for kind in ("theme", "agency"):
        counts = [sum(x[0] == kind for x in part) for part in parts]
        assert abs(counts[0] - counts[1]) <= 1, kind
    recs = [[x[1] for x in part if x[0] == "recommendation"] for part in parts]
    assert [len(r) for r in recs] == [488, 512] and recs[1][:256] == list(range(256))  # runs after the table


# ---------------------------------------------------------------- in Chromium

def _count(seen) -> int:
    seen.page.wait_for_selector("body[data-ready]")
    return int(seen.page.text_content("[data-count]"))


def test_url_filters_match_the_sparql_library(seed_site, browser, tmp_path):
    out, store, _ = seed_site
    every = recs_of(library(store, "recommendations-by-status"))
    adi = recs_of(library(store, "recommendations-by-agency", agency="moda-adi"))
    ai = recs_of(library(store, "recommendations-by-theme", theme="theme:ai"))
    cyber = recs_of(library(store, "recommendations-by-theme", theme="theme:cybersecurity"))
    still_open = recs_of(library(store, "status-open", asOf="2026-11-30"))
    texts = {str(r["recommendation"]): r["text"] for r in library(store, "recommendations-by-status")}
    kind_rows = library(store, "recommendations-by-kind")
    generic = {str(r["recommendation"]) for r in kind_rows if r["generic"] is True}
    ai_itself = {str(r["recommendation"]) for r in library(store, "recommendations-by-theme", theme="theme:ai")
                 if r["foundAs"] == r["themeLabel"]}
    cases = {
        "?agency=moda-adi": adi,
        "?theme=ai&exact=1": ai_itself,
        "?agency=數產署": adi,
        "?agency=moda": recs_of(library(store, "recommendations-by-agency", agency="moda")),
        "?theme=ai": ai,
        "?theme=cybersecurity&status=open": cyber & still_open,
        "?year=2025&agency=moda-adi&theme=ai": adi & ai,
        "?q=AI": {r for r in every if "ai" in texts[r].lower()},
        "?q=資安&status=open": {r for r in every if "資安" in texts[r]} & still_open,
        "?status=同意採納": {str(r["recommendation"]) for r in library(store, "recommendations-by-status")
                          if str(r["acceptance"]).endswith("/accepted")},
        "?generic=true&kind=continue-as-planned": generic & recs_of(
            library(store, "recommendations-by-kind", kind="kind:continue-as-planned")),
    }
    assert len(still_open) < len(every) and adi and cyber and ai_itself < ai  # the fixture closed some; filters bite
    assert all(cases.values()), [q for q, e in cases.items() if not e]  # every filter keeps some rows
    for query, expected in cases.items():
        seen = visit(browser, out / "recommendations.html", query, site=out, accept_downloads=True)
        assert _count(seen) == len(expected), query
        with seen.page.expect_download() as download:
            seen.page.click("#export-csv")
        raw = Path(download.value.path()).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), query
        rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
        assert {r["編號 ID"] for r in rows} == ids_of(store, expected), query
        if query == "?agency=moda-adi":
            with seen.page.expect_download() as download:
                seen.page.click("#export-json")
            records = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
            assert {r["id"] for r in records} == ids_of(store, expected)
        assert seen.problems() == [], (query, seen.problems())
        seen.page.context.close()


def test_typing_a_filter_updates_count_and_url(seed_site, browser):
    out, store, _ = seed_site
    seen = visit(browser, out / "recommendations.html", site=out)
    total = _count(seen)
    seen.page.fill("input[name=agency]", "數產署")
    expected = len(recs_of(library(store, "recommendations-by-agency", agency="moda-adi")))
    seen.page.wait_for_function(f"() => document.querySelector('[data-count]').textContent === '{expected}'")
    assert expected < total
    assert "agency=%E6%95%B8%E7%94%A2%E7%BD%B2" in seen.page.get_attribute("#permalink", "href")
    seen.page.context.close()


PAGE_TYPES = {"table": "recommendations.html", "report": "report/moda/2025.html",
              "recommendation": "report/moda/2025/plan/04/rec/1.html",
              "evaluation": "report/moda/2025/plan/04.html", "agency": "agency/moda-adi.html",
              "theme": "theme/supply-chain-security.html", "theme-index": "theme/index.html",
              "agency-index": "agency/index.html", "evaluation-index": "report/index.html", "figures": "figures.html"}


def test_each_page_type_renders_offline(seed_site, browser, tmp_path):
    """A 1440x900 screenshot of each page type (kept in a tmp folder) shows real content."""
    out, _, _ = seed_site
    for name, rel in PAGE_TYPES.items():
        seen = visit(browser, out / rel, site=out, viewport=(1440, 900))
        if name == "table":
            _count(seen)
        shot = seen.page.screenshot(path=str(tmp_path / f"{name}.png"))
        assert len(shot) > 30_000, name  # a blank or near-empty page compresses to a few kB
        assert len(seen.page.inner_text("main")) > 200, name
        links = seen.page.eval_on_selector_all("main a[href]", "els => els.map(e => e.href)")
        for url in links[:20]:  # every internal link leads to a written page (network pages: graph/html.py)
            if url.startswith(out.resolve().as_uri() + "/theme-"):
                continue
            assert Path(url.split("#")[0].split("?")[0].removeprefix("file://")).exists() or "%" in url, (name, url)
        assert seen.problems() == [], (name, seen.problems())
        seen.page.context.close()


def test_hostile_text_runs_no_script_on_any_site_page(hostile_site, browser):
    out, written = hostile_site
    pages = [p for p in written if p.suffix == ".html"]
    assert len(pages) >= 8
    for path in pages:
        text = path.read_text(encoding="utf-8")
        for payload in ("<script>window.__pwned", "<img src=x", "<svg onload", "<iframe", '<a href="javascript'):
            assert payload not in text, (path.name, payload)
        query = "?q=%3Cscript%3E&agency=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E" if path.name == "recommendations.html" else ""
        seen = visit(browser, path, query, site=out)
        if path.name == "recommendations.html":
            seen.page.fill("input[name=q]", "")
            seen.page.fill("input[name=agency]", "")
            seen.page.wait_for_selector("body[data-ready]")
        assert seen.page.evaluate("() => typeof window.__pwned") == "undefined", path
        assert seen.page.locator("main img, main iframe, main svg, main a[href^='javascript']").count() == 0, path
        assert seen.problems() == [], (path, seen.problems())
        seen.page.context.close()


HOSTILE_EVIDENCE = {
    "moda-2025-P02-R1": "javascript:window.__pwned=1",
    "moda-2025-P03-R1": 'https://example.org/a"><script>window.__pwned=1</script>\'x',
    "moda-2025-P07-R1": 'https://example.org/a b"><img src=x onerror=window.__pwned=1>',  # a space: not an address
    "moda-2025-P04-R1": "data:text/html,<script>window.__pwned=1</script>",
    "moda-2025-P05-R1": "../../../../index.html",
    "moda-2025-P06-R1": "https://example.org/reply?a=1&b=2",
}
"""Status-update evidence of the hostile fixture: only the http(s) addresses become links."""


@pytest.fixture(scope="module")
def evidence_site(tmp_path_factory, seed_path):
    """The seed with status updates whose evidence is hostile (a javascript: URL, quotes and angle
    brackets, data:, a relative path) or a plain web address."""
    updates = tmp_path_factory.mktemp("updates")
    with (updates / "hostile-evidence.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["recommendation", "date", "acceptance", "implementation", "note", "evidence", "reported_by"])
        for rec, evidence in HOSTILE_EVIDENCE.items():
            w.writerow([rec, "2026-05-01", "accepted", "in-progress", "<img src=x onerror=window.__pwned=1>", evidence,
                        "<script>window.__pwned=1</script>"])
    out = tmp_path_factory.mktemp("evidence-site")
    write_site(build([seed_path], updates=updates).to_store(), out)
    return out


def test_status_evidence_is_a_link_only_for_http_addresses(evidence_site, browser):
    out = evidence_site
    for rec, evidence in HOSTILE_EVIDENCE.items():
        path = out / f"report/moda/2025/plan/{rec[11:13]}/rec/1.html"
        text = path.read_text(encoding="utf-8")
        history = text.split("狀態歷程 Status history")[1]
        assert "<script>window" not in history and "<img src=x" not in history, rec
        seen = visit(browser, path, site=out)
        page = seen.page
        row = page.locator("table.history tr", has_text="2026-05-01")
        cell = row.locator("td").nth(4)
        assert cell.inner_text() == evidence, rec  # shown whole, as text
        links = cell.locator("a")
        if evidence.startswith("https://") and " " not in evidence:
            assert links.count() == 1 and links.get_attribute("href") == evidence, rec
            assert links.get_attribute("rel") == "noopener noreferrer", rec
        else:
            assert links.count() == 0, rec
        assert page.locator("a[href^='javascript'], a[href^='data:'], main script, main img").count() == 0, rec
        assert page.evaluate("() => typeof window.__pwned") == "undefined", rec
        assert seen.problems() == [], (rec, seen.problems())
        page.context.close()


def test_a_report_page_names_its_file_checksum_counts_and_plans(seed_site):
    out, store, _ = seed_site
    (report,) = library(store, "reports")
    text = (out / page_path(str(report["report"]), DEFAULT_BASE)).read_text(encoding="utf-8")
    assert html.escape(report["title"]) in text and report["sourceFile"] in text and report["sha256"] in text
    assert 'href="agency/moda.html"' in text  # the publisher
    plans = re.findall(r'<tr><td class="num">(\d+)</td><td><a href="([^"]+)">', text.split('id="plans"')[1])
    expected = [r for r in library(store, "plans") if str(r["evaluation"]).startswith(str(report["report"]) + "/")]
    assert len(plans) == report["evaluations"] == len(expected) > 30
    assert sorted(h for _, h in plans) == sorted(page_path(str(r["evaluation"]), DEFAULT_BASE) for r in expected)
    status = re.findall(r'<tr><td>[^<]*</td><td class="num">(\d+)</td></tr>', text.split('id="status"')[1].split("<h2")[0])
    assert sum(int(n) for n in status) == report["recommendations"]
    assert f'<td class="num">{report["figures"]}</td>' in text
    assert f'href="recommendations.html?report=report/moda/2025"' in text


def test_recgraph_viz_writes_the_site_linked_from_the_index(tmp_path):
    from recgraph.cli import main

    assert main(["viz", str(DATA / "mini.ttl"), "--out", str(tmp_path)]) == 0
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    for page in ("recommendations.html", "report/index.html", "theme/index.html", "agency/index.html", "figures.html"):
        assert (tmp_path / page).exists() and f'href="{page}"' in index, page
    assert (tmp_path / "theme/5g.html").exists() and (tmp_path / "recommendations-data.js").exists()

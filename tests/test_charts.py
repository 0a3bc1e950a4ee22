"""Charts: PNG and SVG written, deterministic, with a CJK font, from the fixture graph."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from recgraph import charts as C
from recgraph import views as V

DATA = Path(__file__).parent / "data"
RECS = "https://w3id.org/recgraph/id/report/moda/2025/plan/"


def test_cjk_font_is_found():
    assert C.cjk_font().startswith("Noto Sans CJK")


def test_missing_font_fails_clearly(monkeypatch):
    monkeypatch.setattr(C.font_manager.fontManager, "ttflist", [])
    monkeypatch.setattr(C.font_manager, "findSystemFonts", lambda: [])
    with pytest.raises(C.FontMissing, match="apt-get install fonts-noto-cjk"):
        C.cjk_font()


def test_without_the_font_charts_are_skipped_with_a_warning_naming_the_fix(monkeypatch, tmp_path):
    monkeypatch.setattr(C.font_manager.fontManager, "ttflist", [])
    monkeypatch.setattr(C.font_manager, "findSystemFonts", lambda: [])
    written, warnings = C.write_charts(DATA / "mini.ttl", tmp_path)
    assert written == [] and not list(tmp_path.glob("*"))
    assert warnings == [C.FONT_WARNING] and "apt-get install fonts-noto-cjk" in warnings[0]


def test_a_stale_font_cache_is_rescanned(monkeypatch, tmp_path):
    # a cached font list from before fonts-noto-cjk was installed: no CJK font in it
    stale = [f for f in C.font_manager.fontManager.ttflist if "CJK" not in f.fname]
    monkeypatch.setattr(C.font_manager.fontManager, "ttflist", stale)
    assert C.cjk_font().startswith("Noto Sans CJK")
    written, warnings = C.write_charts(DATA / "mini.ttl", tmp_path, ["theme-by-agency"])
    assert warnings == [] and [p.name for p in written] == ["theme-by-agency.png", "theme-by-agency.svg"]


def test_write_charts_writes_png_and_svg_deterministically(tmp_path):
    first, warnings = C.write_charts(DATA / "mini.ttl", tmp_path / "a")
    second, _ = C.write_charts(DATA / "mini.ttl", tmp_path / "b")
    assert warnings == []
    stems = sorted({p.stem for p in first})
    assert stems == ["achievement-ratios", "kinds-by-agency", "theme-by-agency", "themes-per-plan"]
    assert sorted(p.suffix for p in first) == [".png"] * 4 + [".svg"] * 4
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes(), a.name
        assert a.stat().st_size > 1000
    assert b"<script" not in (tmp_path / "a" / "theme-by-agency.svg").read_bytes()


def test_chart_data_on_the_fixture():
    t = V.read_facts(V.load_store(DATA / "mini.ttl"))
    rows, cols, counts = C.theme_agency_matrix(t)
    assert rows[0] == "人工智慧" and counts[0][cols.index("數位產業署")] == 2
    assert [r[1] for r in C.achievement_ratios(t)] == [0.8, 1.175]
    assert C.themes_per_plan(t)[0][1] == 2
    rows, cols, counts = C.kind_agency_matrix(t)
    assert counts[rows.index("建立成效追蹤機制")] == [1, 1]  # one rec to each agency


def test_hostile_labels_do_not_break_charts(tmp_path):
    written, _ = C.write_charts(DATA / "hostile.ttl", tmp_path)
    assert written
    for svg in tmp_path.glob("*.svg"):
        data = svg.read_bytes()  # labels survive only as escaped text in comments
        assert b"<script" not in data and b"<img" not in data and b"<svg onload" not in data


def test_recommendations_without_a_kind_show_as_unclassified():
    t = V.read_facts(V.load_store(DATA / "mini.ttl"))
    rec = t.recommendations[f"{RECS}01/rec/2"]
    rec["kinds"] = []  # as 11 seed recommendations (all of 內政部's among them) have no kind
    rows, cols, counts = C.kind_agency_matrix(t)
    assert C.UNCLASSIFIED in rows
    assert sum(counts[rows.index(C.UNCLASSIFIED)]) == 1
    assert sum(map(sum, counts)) == 5  # every (recommendation, agency) pair still counted once


def test_a_build_without_the_font_succeeds_and_its_summary_names_the_fix(monkeypatch, tmp_path, capsys):
    from recgraph.cli import main

    monkeypatch.setattr(C.font_manager.fontManager, "ttflist", [])
    monkeypatch.setattr(C.font_manager, "findSystemFonts", lambda: [])
    # --workers 1: the charts are drawn in this process, where the font lookup is patched
    assert main(["build", "--out", str(tmp_path / "out"), "--workers", "1", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert C.FONT_WARNING in summary["warnings"]
    assert C.FONT_WARNING in json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))["warnings"]
    assert (tmp_path / "out" / "graph.ttl").is_file() and (tmp_path / "out" / "index.html").is_file()
    assert not list((tmp_path / "out").glob("charts/*"))


def test_drawers_forked_from_one_import_draw_what_one_process_draws(seed_build, tmp_path):
    """The chart drawers (one process importing matplotlib, forked in two) write the same files
    as drawing here, and leave no process behind."""
    import multiprocessing as mp

    from recgraph.outputs import ChartDrawers, Views

    written = {}
    for workers in (1, 2):
        g = Views(seed_build.store, seed_build.base)
        out = tmp_path / str(workers)
        out.mkdir()
        with ChartDrawers(workers) as drawers:
            g.charts = drawers
            drawers.draw(g, out)
            drawers.wait(g)
        written[workers] = {p.name: p.read_bytes() for p in out.iterdir()}, g.warnings
    assert written[1] == written[2] and len(written[1][0]) == 8
    assert not mp.active_children()

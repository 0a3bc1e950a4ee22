"""Site figures against issue 11's budgets: the site's size against graph.nt, its share of the
build time, and how long the recommendations table takes to open and to filter in headless
Chromium.

    python bench/site.py OUT                 # OUT from `recgraph build ... --out OUT`: the site is
                                             # written again from OUT/graph.nt by this code, timed
                                             # alone (one process) and measured
    python bench/site.py OUT BUILD.json      # BUILD.json from `recgraph build --json`: the site
                                             # stage and build time are that build's, OUT's site measured
    python bench/site.py OUT BUILD.json --scale 100 [--no-browser]

Sizes are apparent sizes of the files the site writes (no folder entries); the time share is the
site stage over the rest of the build (what the site adds to it).  :func:`site_figures` and
:func:`site_verdicts` are what ``bench/run.py`` reports at each scale.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

SITE_SHARE = 0.25
"""Issue 11: the site adds at most this fraction to the build time ..."""
SITE_SIZE = 0.5
"""... and at most this fraction of graph.nt's size to out/ ..."""
FILTER_100X_MS = 1000
"""... and the table filters in under a second at 100x."""

SITE_PATHS = ("recommendations.html", "recommendations-data.js", "figures.html", "report", "theme", "agency",
              "static")
"""What graph/site.py writes into out/."""


def table_timings(site: Path, query: str = "資安") -> dict:
    """Seconds until ``recommendations.html`` shows its rows, and milliseconds to filter them by text."""
    from browser import chromium, visit

    with chromium() as browser:
        start = time.perf_counter()
        seen = visit(browser, Path(site) / "recommendations.html", site=Path(site))
        seen.page.wait_for_selector("body[data-ready]", timeout=600_000)
        opened = time.perf_counter() - start
        rows = int(seen.page.text_content("[data-count]"))
        ms, shown = seen.page.evaluate("""(q) => { const t0 = performance.now();
            document.querySelector("input[name=q]").value = q;
            window.recgraphTable.apply();
            return [performance.now() - t0, document.querySelector("[data-count]").textContent]; }""", query)
        problems = seen.problems()
    return {"rows": rows, "open_s": round(opened, 2), "filter_ms": round(ms, 1), "filtered_rows": int(shown),
            "problems": problems}


def site_files(out: Path) -> list[Path]:
    """The files of the site in a built ``out``."""
    out = Path(out)
    return [p for name in SITE_PATHS for p in ([out / name] if (out / name).is_file() else (out / name).rglob("*"))
            if p.is_file()]


def site_figures(out: Path, browser: bool, graph_nt: Path | None = None) -> dict:
    """``bench/run.py``'s site figures for a built ``out``: size against graph.nt (``graph_nt``,
    default ``out/graph.nt``), table timings."""
    out = Path(out)
    files = site_files(out)
    size, nt = sum(p.stat().st_size for p in files), Path(graph_nt or out / "graph.nt").stat().st_size
    figures = {"mb": round(size / 1e6, 2), "files": len(files), "graph_nt_mb": round(nt / 1e6, 2),
               "size_ratio": round(size / nt, 3)}
    if browser:
        figures["table"] = table_timings(out)
    return figures


def time_share(site_s: float, build_s: float) -> float:
    """What the site stage adds to the rest of the build: ``site / (build - site)``."""
    return round(site_s / (build_s - site_s), 3)


def measure(out: Path, build_json: Path | None = None, browser: bool = True) -> dict:
    """The site figures of a built ``out`` with the time share of its build's site stage
    (``build_json``: ``recgraph build --json``); without ``build_json``, the site is written
    again from ``out/graph.nt`` by this code, in one process, timed, and measured."""
    out = Path(out)
    if build_json:
        r = site_figures(out, browser)
        seconds = json.loads(Path(build_json).read_text(encoding="utf-8"))["seconds"]
        r.update(site_s=round(seconds["site"], 2), build_s=round(seconds["total"], 2),
                 time_share=time_share(seconds["site"], seconds["total"]))
        return r
    from recgraph.loader import load_store
    from recgraph.site import write_site

    store = load_store(out / "graph.nt")
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        write_site(store, tmp, nt=out / "graph.nt")  # as the build reads it: graph.nt streamed
        seconds = round(time.perf_counter() - start, 2)
        return {**site_figures(Path(tmp), browser, out / "graph.nt"), "site_s": seconds}


def verdicts_of(scale: int | None, site_s: float, build_s: float, site: dict) -> list[dict]:
    """The issue's three budgets at one scale: time share, size ratio, table filter time (the
    filter is limited at 100x and below, ``scale`` None: limited too; without a limit it is not a target)."""
    share = time_share(site_s, build_s)
    size = round(site["mb"] / site["graph_nt_mb"], 3)
    at = f"{scale}x " if scale else ""
    out = [{"target": f"{at}site time / rest of build", "measured": share, "limit": SITE_SHARE,
            "met": share <= SITE_SHARE, "why": f"the site stage took {site_s:.1f} s, the rest of the build "
                                               f"{build_s - site_s:.1f} s (wall); not shown to be structural"},
           {"target": f"{at}site size / graph.nt", "measured": size, "limit": SITE_SIZE, "met": size <= SITE_SIZE,
            "why": f"{site['mb']:.1f} MB of site files against {site['graph_nt_mb']:.1f} MB of graph.nt"}]
    if "table" in site and (not scale or scale <= 100):
        ms = site["table"]["filter_ms"]
        out.append({"target": f"{at}recommendations table: text filter (ms, Chromium)", "measured": ms,
                    "limit": FILTER_100X_MS, "met": ms < FILTER_100X_MS})
    return out


def site_verdicts(runs: dict[int, dict]) -> list[dict]:
    """The site's targets at each scale measured from 100x (the issue's scales; the smaller ones are
    in the table only): share of build time, size, table filter time."""
    out = []
    for scale, r in sorted(runs.items()):
        if "site" in r and scale >= 100:
            out += verdicts_of(scale, r["stages"]["site"], r["build_s"], r["site"])
    return out


def site_table(runs: dict[int, dict]) -> list[str]:
    """The benchmark's site table (markdown lines): size, time share and table timings per scale."""
    lines = ["| scale | site MB | graph.nt MB | size / graph.nt | site s | site / rest of build | table rows | "
             "table opens (s) | text filter (ms) |", "|---" * 9 + "|"]
    for scale, r in sorted(runs.items()):
        if "site" not in r:
            continue
        s, t = r["site"], r["site"].get("table", {})
        lines.append(f"| {scale}x | {s['mb']:.1f} | {s['graph_nt_mb']:.1f} | {s['mb'] / s['graph_nt_mb']:.3f} | "
                     f"{r['stages']['site']:.2f} | {time_share(r['stages']['site'], r['build_s']):.3f} | "
                     f"{t.get('rows', '')} | {t.get('open_s', '')} | {t.get('filter_ms', '')} |")
    return lines


def main(argv: list[str]) -> int:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path, help="a built output folder")
    ap.add_argument("build_json", type=Path, nargs="?", help="its `recgraph build --json` summary (stage timings)")
    ap.add_argument("--scale", type=int, help="the corpus scale, for the verdicts' names (the filter limit is at 100x)")
    ap.add_argument("--no-browser", action="store_true")
    args = ap.parse_args(argv)
    r = measure(args.out, args.build_json, not args.no_browser)
    for key, value in r.items():
        print(f"{key:>14}: {value}")
    if "time_share" in r:
        for v in verdicts_of(args.scale, r["site_s"], r["build_s"], r):
            met = {True: "met", False: "NOT MET", None: ""}[v["met"]]
            print(f"{v['target']}: {v['measured']} (limit {v['limit']}) {met}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

"""Site figures: time to write the static site, its size against graph.nt, and how long the
recommendations table takes to open and to filter in headless Chromium.

    python bench/site.py OUT        # OUT from `recgraph build ... --out OUT`

:func:`table_timings` is also what ``bench/run.py`` measures at each scale.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))


def table_timings(site: Path, query: str = "資安") -> dict:
    """Seconds until ``recommendations.html`` shows its rows, and milliseconds to filter them by text."""
    from browser import chromium, visit

    with chromium() as browser:
        start = time.perf_counter()
        seen = visit(browser, Path(site) / "recommendations.html", site=Path(site))
        seen.page.wait_for_selector("body[data-ready]", timeout=300_000)
        opened = time.perf_counter() - start
        rows = int(seen.page.text_content("[data-count]"))
        ms, shown = seen.page.evaluate("""(q) => { const t0 = performance.now();
            document.querySelector("input[name=q]").value = q;
            window.recgraphTable.apply();
            return [performance.now() - t0, document.querySelector("[data-count]").textContent]; }""", query)
        problems = seen.problems()
    return {"rows": rows, "open_s": round(opened, 2), "filter_ms": round(ms, 1), "filtered_rows": int(shown),
            "problems": problems}


def measure(out: Path) -> dict:
    from recgraph.loader import load_store
    from recgraph.site import write_site

    store = load_store(out / "graph.nt")
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        written = write_site(store, tmp)
        seconds = time.perf_counter() - start
        size = sum(p.stat().st_size for p in written)
        table = table_timings(Path(tmp))
    return {"files": len(written), "site_s": round(seconds, 2), "site_MB": round(size / 1e6, 1),
            "graph_nt_MB": round((out / "graph.nt").stat().st_size / 1e6, 1), **table}


if __name__ == "__main__":
    for key, value in measure(Path(sys.argv[1])).items():
        print(f"{key:>14}: {value}")


SITE_SHARE = 0.25
"""Issue 11: the site adds at most this fraction to the build time ..."""
SITE_SIZE = 0.5
"""... and at most this fraction of graph.nt's size to out/ ..."""
FILTER_100X_MS = 1000
"""... and the table filters in under a second at 100x."""


SITE_PATHS = ("recommendations.html", "recommendations-data.js", "figures.html", "report", "theme", "agency",
              "static")
"""What graph/site.py writes into out/."""


def site_figures(out: Path, browser: bool) -> dict:
    """``bench/run.py``'s site figures for a built ``out``: size against graph.nt, table timings."""
    out = Path(out)
    files = [p for name in SITE_PATHS for p in ([out / name] if (out / name).is_file() else (out / name).rglob("*"))
             if p.is_file()]
    figures = {"mb": round(sum(p.stat().st_size for p in files) / 1e6, 2), "files": len(files),
               "graph_nt_mb": round((out / "graph.nt").stat().st_size / 1e6, 2)}
    if browser:
        figures["table"] = table_timings(out)
    return figures


def site_verdicts(runs: dict[int, dict]) -> list[dict]:
    """The site's targets at each scale measured: share of build time, size, table filter time."""
    out = []
    for scale, r in sorted(runs.items()):
        if "site" not in r:
            continue
        site_s = r["stages"]["site"]
        share = round(site_s / (r["build_s"] - site_s), 3)
        size = round(r["site"]["mb"] / r["site"]["graph_nt_mb"], 3)
        out.append({"target": f"{scale}x site time / rest of build", "measured": share, "limit": SITE_SHARE,
                    "met": share <= SITE_SHARE})
        out.append({"target": f"{scale}x site size / graph.nt", "measured": size, "limit": SITE_SIZE,
                    "met": size <= SITE_SIZE})
        if "table" in r["site"]:
            ms = r["site"]["table"]["filter_ms"]
            out.append({"target": f"{scale}x recommendations table: text filter (ms, Chromium)", "measured": ms,
                        "limit": FILTER_100X_MS if scale <= 100 else "—",
                        "met": ms < FILTER_100X_MS if scale <= 100 else None})
    return out

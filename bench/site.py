"""Site figures for a built output folder: time to write the site from graph.nt, its size against
graph.nt, and how long the recommendations table takes to open and to filter in headless Chromium.

    python bench/site.py OUT        # OUT from `recgraph build ... --out OUT`
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))


def measure(out: Path) -> dict:
    from browser import chromium, visit
    from recgraph.site import write_site
    from recgraph.views import load_store

    store = load_store(out / "graph.nt")
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        written = write_site(store, tmp)
        seconds = time.perf_counter() - start
        size = sum(p.stat().st_size for p in written)
        with chromium() as browser:
            start = time.perf_counter()
            seen = visit(browser, Path(tmp) / "recommendations.html", site=Path(tmp))
            seen.page.wait_for_selector("body[data-ready]", timeout=120_000)
            opened = time.perf_counter() - start
            rows = int(seen.page.text_content("[data-count]"))
            filtered = seen.page.evaluate("""() => { const t0 = performance.now();
                const f = document.querySelector("input[name=q]"); f.value = "資安";
                window.recgraphTable.apply();
                return [performance.now() - t0, document.querySelector("[data-count]").textContent]; }""")
    return {"files": len(written), "site_seconds": round(seconds, 2), "site_MB": round(size / 1e6, 1),
            "graph_nt_MB": round((out / "graph.nt").stat().st_size / 1e6, 1), "rows": rows,
            "table_open_s": round(opened, 2), "filter_ms": round(filtered[0], 1), "filtered_rows": int(filtered[1])}


if __name__ == "__main__":
    for key, value in measure(Path(sys.argv[1])).items():
        print(f"{key:>14}: {value}")

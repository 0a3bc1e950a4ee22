"""Time each library query on one graph, unbound and with typical bound parameters (README, "Query cost").

    python bench/query_cost.py GRAPH_OR_STORE [--bound-only] [--timeout S] [--only a,b] [--compare DIR]

A graph file is loaded into memory (as `recgraph query` does); a folder is opened read only as an
on-disk Oxigraph store (the 1000x case, e.g. made by `oxigraph load --location DIR`). Prints wall
and CPU seconds and rows per case; the machine is shared, so CPU seconds are the steadier figure.
`--compare DIR` times the same query files from DIR (e.g. an older `graph/queries`) beside each,
alternately, so a rewrite is measured against what it replaces with the same caches. `--floor`
adds each answer's floor: its rows at the store's scan cost per row of as many columns
(bench/run.py's scan_cost), what merely returning that answer costs, and its join floor: the same
plus the store's cost of a lookup for each further triple pattern the query evaluates per row
(bench/run.py's lookup_cost and patterns_per_row), a plain star join as large. The bound values (agency
`aec`, theme `theme:5g`, ...) exist in the synthetic bench corpus at every scale.
"""
from __future__ import annotations

import argparse
import multiprocessing
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

BOUND = {
    "evidence": [{"item": "<https://w3id.org/recgraph/id/report/aec/2023/plan/01/rec/1>"}],
    "plans": [{"agency": "aec"}],
    "plans-by-theme": [{"theme": "theme:5g"}],
    "recommendations-by-agency": [{"agency": "aec"}],
    "recommendations-by-kind": [{"kind": "kind:continue-as-planned"}],
    "recommendations-by-status": [{"implementation": "implementation:in-progress"}],
    "recommendations-by-theme": [{"theme": "theme:5g"}],
    "status-history": [{"id": "aec-2023-P01-R1"}],
    "status-open": [{"agency": "aec"}, {"theme": "theme:5g"}, {"agency": "aec", "theme": "theme:ai"}],
    "status-recommendation-history": [{"id": "aec-2023-P01-R1"}],
    "status-repeats": [{"of": "aec-2024-P30-R3"}],
    "theme-mentions": [{"theme": "theme:broadcasting", "role": "subject"}],
}
"""Typical bound parameters per query; status-open is also given a fixed asOf so runs compare."""


def cases(name: str, bound_only: bool) -> list[dict]:
    """The parameter sets a query is timed with: unbound (unless bound_only), then each of BOUND's."""
    base = {"asOf": "2026-06-30"} if name == "status-open" else {}
    return ([] if bound_only else [base]) + [dict(base, **c) for c in BOUND.get(name, [])]


def run(engine, text: str, query, given: dict) -> tuple[float, float, int, int]:
    """(wall seconds, CPU seconds, rows, columns) of one query with its parameters bound."""
    from recgraph import sparql

    bindings = sparql.resolve_params(query, given)
    wall, cpu = time.perf_counter(), time.process_time()
    answers = sparql.run_query(engine, text, bindings)
    return time.perf_counter() - wall, time.process_time() - cpu, len(answers.rows), len(answers.columns)


def run_limited(engine, text, query, given, timeout: float | None):
    """run() in a forked child when there is a timeout; None when it did not answer in time."""
    if timeout is None:
        return run(engine, text, query, given)
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=lambda: child.send(run(engine, text, query, given)))
    proc.start()
    answered = parent.poll(timeout)
    result = parent.recv() if answered else None
    proc.kill()
    proc.join()
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("graph", type=Path, help="graph file (loaded in memory) or on-disk store folder")
    ap.add_argument("--bound-only", action="store_true", help="skip the unbound runs")
    ap.add_argument("--timeout", type=float, help="seconds per case (forked child); slower cases are reported as such")
    ap.add_argument("--only", default="", help="comma-separated query names")
    ap.add_argument("--compare", type=Path, help="folder of other .rq files with the same names, timed alternately")
    ap.add_argument("--floor", action="store_true",
                    help="also each answer's rows at the scan cost of its width, and as a star join of its patterns")
    a = ap.parse_args(argv)

    import pyoxigraph as ox

    from recgraph import sparql

    engine = ox.Store.read_only(str(a.graph)) if a.graph.is_dir() else sparql.load_graph(a.graph, "oxigraph")
    only = set(filter(None, a.only.split(",")))
    scans: dict = {}  # width -> the store's scan cost per row (µs), measured when first needed
    for q in sparql.list_queries():
        if only and q.name not in only:
            continue
        texts = {"": q.text}
        if a.compare:
            texts = {"compared": (a.compare / f"{q.name}.rq").read_text(encoding="utf-8"), "library": q.text}
        for given in cases(q.name, a.bound_only):
            shown = str({k: v for k, v in given.items() if k != "asOf"} or "(unbound)")
            for label, text in texts.items():
                r = run_limited(engine, text, q, given, a.timeout)
                cell = f">{a.timeout:.0f} s (stopped)" if r is None else f"{r[0]:8.3f} s ({r[1]:7.3f} CPU) {r[2]:7} rows"
                if a.floor and r is not None:
                    from bench.run import floor_us, lookup_cost, patterns_per_row, scan_cost
                    if r[3] not in scans:
                        scans[r[3]] = floor_us(scan_cost(engine, {r[3]}), r[3])
                    if "lookup" not in scans:
                        scans["lookup"] = lookup_cost(engine)
                    k = patterns_per_row(text)
                    join = scans[r[3]] + (k - 1) * scans["lookup"]
                    cell += (f"  floor {r[2] * scans[r[3]] / 1e6:7.3f} s ({r[3]} columns at {scans[r[3]]:.1f} µs/row)"
                             f"  join floor {r[2] * join / 1e6:7.3f} s ({k} patterns, {scans['lookup']:.1f} µs a lookup)")
                print(f"{q.name:<30} {shown:<56} {label:<9} {cell}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

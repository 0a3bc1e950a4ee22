"""Benchmark the pipeline at several multiples of the seed; write bench/results.json and RESULTS.md.

Each scale runs in its own process (so its peak memory is its own) over a SYNTHETIC corpus from
bench/generate.py.  All figures come from one run on one machine; read them as ratios.

    python bench/run.py                      # scales 1 10 100
    python bench/run.py --scales 1 10 100 1000
    python bench/run.py --scales 1 --smoke   # what CI runs: 1x, no browser, no rdflib at scale
    python bench/run.py --queries out/graph.nt   # only the library queries on one built graph
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RDFLIB_MAX_SCALE = 10      # rdflib's engine is compared up to here (it takes minutes beyond)
IN_MEMORY_MAX_SCALE = 100  # library queries run on an in-memory store up to here, on disk beyond
RDFLIB_TIMEOUT_S = 120     # a query rdflib has not answered by then is reported as timed out
TARGETS = {
    "seed_build_s": 3.0, "growth_exponent": 1.1, "build_1000x_s": 300.0, "peak_1000x_gb": 6.0,
    "query_100x_s": 0.5, "analyses_100x_s": 30.0, "html_nodes": 2000, "html_settle_s": 5.0,
}


class MemorySampler(threading.Thread):
    """Peak proportional set size (PSS) of this process and its children, sampled every 0.25 s.

    PSS splits pages shared between processes (the forked workers share the parent's) among them,
    so the sum is the memory the build really occupies; summing RSS would count shared pages twice.
    """

    def __init__(self):
        super().__init__(daemon=True)
        self.peak_kb, self.done = 0, threading.Event()

    @staticmethod
    def pss_kb(pid: int) -> int:
        try:
            with open(f"/proc/{pid}/smaps_rollup") as f:
                return next(int(line.split()[1]) for line in f if line.startswith("Pss:"))
        except (OSError, StopIteration):
            return 0

    def total_kb(self) -> int:
        me = os.getpid()
        try:
            with open(f"/proc/{me}/task/{me}/children") as f:
                children = [int(c) for c in f.read().split()]
        except OSError:
            children = []
        return self.pss_kb(me) + sum(self.pss_kb(c) for c in children)

    def run(self):
        while not self.done.wait(0.25):
            self.peak_kb = max(self.peak_kb, self.total_kb())

    def stop(self) -> float:
        self.done.set()
        self.join()
        return round(max(self.peak_kb, self.total_kb()) / 1024 ** 2, 3)


def timed(fn, *args, **kwargs):
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return result, round(time.perf_counter() - start, 4)


def measure_one(scale: int, browser: bool, rdflib_max: int) -> dict:
    """Every stage at one scale, in this process."""
    import pyoxigraph as ox

    from bench.generate import generate
    from bench.site import site_figures
    from recgraph import sparql
    from recgraph.endpoint import serve
    from recgraph.outputs import render
    from recgraph.build import MEMORY_STORE_MAX_TRIPLES
    from recgraph.pipeline import build
    from recgraph.workers import cores

    work = Path(tempfile.mkdtemp(prefix=f"bench-{scale}x-"))
    corpus = work / "corpus"
    corpus.mkdir()
    for name, text in generate(scale).items():
        (corpus / name).write_text(text, encoding="utf-8")
    sources = sorted(corpus.glob("*.txt"))
    out = work / "out"
    out.mkdir()
    r: dict = {"scale": scale, "documents": len(sources)}

    log(f"{scale}x build ({len(sources)} documents)")
    sampler = MemorySampler()
    sampler.start()
    b = build(sources, work=work, workers=cores())  # what `recgraph build` runs, then renders
    worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024 ** 2  # before the browser and server
    r["stages"] = dict(b.timings)
    r["worker_stages"] = dict(b.worker_seconds)
    r["evaluations"] = sum(len(rep.rows) for rep in b.reports)
    r["triples"] = b.triple_count
    log(f"{scale}x graph files, exports, analyses, charts, HTML")

    def rendered(stage: str, seconds: float) -> None:
        r["stages"][stage] = round(seconds, 4)
    render(b, out, workers=cores(), progress=rendered)  # what `recgraph build` writes, into out/ directly
    r["site"] = site_figures(out, browser)  # bench/site.py
    r["build_s"] = round(sum(r["stages"].values()), 3)
    r["peak_gb"] = sampler.stop()  # main process and workers together, build and views

    graph_file = out / "graph.nt"
    # as `recgraph query` does: the graph in an in-memory store; beyond IN_MEMORY_MAX_SCALE (10^7
    # triples, ~6 GB in memory) the build's on-disk store, as `recgraph serve` would use
    engines = {"oxigraph": sparql.load_graph(graph_file, "oxigraph") if scale <= IN_MEMORY_MAX_SCALE else b.store}
    r["query_store"] = "memory" if scale <= IN_MEMORY_MAX_SCALE or b.triple_count <= MEMORY_STORE_MAX_TRIPLES else "disk"
    if scale <= rdflib_max:
        engines["rdflib"] = sparql.load_graph(graph_file, "rdflib")
    r["queries"] = measure_queries(engines, lambda name: log(f"{scale}x query {name}"))

    log(f"{scale}x reference, serve, browser")
    reference = {}
    ref_store = ox.Store(str(work / "reference-store"))
    _, reference["parse_s"] = timed(ref_store.bulk_load, path=str(graph_file), format=ox.RdfFormat.N_TRIPLES)
    _, reference["serialise_turtle_s"] = timed(ref_store.dump, output=str(work / "reference.ttl"),
                                               format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph())
    r["reference"] = reference
    del ref_store

    server, r["serve_start_s"] = timed(serve, out / "graph.nt")
    server.stop()

    pages = sorted(out.glob("*.html"))
    r["html_pages"] = len(pages)
    if browser:
        r["browser"] = settle_times(pages)
    main = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 ** 2
    r["main_rss_gb"], r["worker_rss_gb"] = round(main, 3), round(worker, 3)
    shutil.rmtree(work, ignore_errors=True)
    return r


def log(message: str) -> None:
    print(f"  [{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def measure_queries(engines: dict, progress=lambda name: None) -> dict:
    """Seconds per library query and engine, answers compared; on Oxigraph also each query with its
    parameters bound to a value from its own first row ("oxigraph_bound"), which must narrow the work."""
    from recgraph import sparql

    measured = {}
    for q in sparql.list_queries():
        progress(q.name)
        row, answers = {}, {}
        for name, engine in engines.items():
            seconds, rows = run_with_timeout(engine, q, RDFLIB_TIMEOUT_S if name == "rdflib" else None)
            row[name] = seconds
            if rows is not None:
                answers[name] = rows
                row.setdefault("rows", len(rows))
        if "rdflib" in engines:
            row["same_answers"] = answers.get("oxigraph") == answers.get("rdflib") if "rdflib" in answers else None
        bound = bound_params(engines["oxigraph"], q)
        if bound:
            table, row["oxigraph_bound"] = timed(sparql.run_query, engines["oxigraph"], q.text, bound)
            row["bound"] = {k: str(v) for k, v in bound.items()}
        measured[q.name] = row
    return measured


# A parameter that only filters (its column is empty when it is unset) takes its value from the
# column that carries it: an agency code from the lead or addressed agency, a recommendation id from id.
VALUE_COLUMNS = {"agency": ("leadAgencyCode", "addressedTo", "agencies"), "of": ("id",), "id": ("id",)}


def bound_params(engine, q) -> dict:
    """Bindings for the parameters without a default, taken from the first row that has them all
    (in the parameter's own column, else in the column named for it in :data:`VALUE_COLUMNS`)."""
    import rdflib

    from recgraph import sparql

    free = [p for p in q.params if p.default is None and p.type in ("iri", "string")]
    if not free:
        return {}

    def value(record: dict, name: str):
        for column in (name, *VALUE_COLUMNS.get(name, ())):
            if record.get(column) is not None:
                return str(record[column]).split(",")[0]  # a GROUP_CONCAT list: its first value
        return None

    table = sparql.run_query(engine, q.text, sparql.resolve_params(q, {}), max_rows=1000)
    records = table.records()
    # the first row that has them all, else the first that has any (status-open's theme is in no column)
    for complete in (True, False):
        for record in records:
            values = {p.name: value(record, p.name) for p in free}
            found = {k: v for k, v in values.items() if v is not None}
            if found and (len(found) == len(free) or not complete):
                types = {p.name: p.type for p in free}
                return {**sparql.resolve_params(q, {}),
                        **{k: rdflib.URIRef(v) if types[k] == "iri" else rdflib.Literal(v) for k, v in found.items()}}
    return {}


def queries_only(graph: Path) -> int:
    """`bench/run.py --queries GRAPH`: the library queries on one built graph, printed. A graph file is
    loaded into memory (as `recgraph query` does); a folder is opened as an on-disk Oxigraph store, read
    only (as the 1000x run queries the build's store), e.g. one made by `oxigraph load --location DIR`."""
    import pyoxigraph as ox

    from recgraph import sparql

    engine = ox.Store.read_only(str(graph)) if Path(graph).is_dir() else sparql.load_graph(graph, "oxigraph")
    measured = measure_queries({"oxigraph": engine})
    print(f"{'query':<32} {'unbound s':>10} {'rows':>7} {'bound s':>8}  bound to")
    for name, row in measured.items():
        bound = f"{row['oxigraph_bound']:8.3f}  {row['bound']}" if "oxigraph_bound" in row else f"{'':>8}  (no value found)" \
            if any(p.default is None for p in sparql.load_query(name).params) else ""
        print(f"{name:<32} {row['oxigraph']:10.3f} {row.get('rows', ''):>7} {bound}", flush=True)
    return 0


def _answers(engine, q) -> tuple[float, list[str]]:
    from recgraph import sparql

    table, seconds = timed(sparql.run_query, engine, q.text, sparql.resolve_params(q, {}))
    return seconds, sorted(repr(tuple(map(comparable, row))) for row in table.rows)


def run_with_timeout(engine, q, timeout: float | None):
    """(seconds, comparable rows); with a timeout the query runs in a forked child and a query
    still running then gives (None, None): measured as 'did not answer within the limit'."""
    if timeout is None:
        return _answers(engine, q)
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=lambda: child.send(_answers(engine, q)))
    proc.start()
    if parent.poll(timeout):
        result = parent.recv()
        proc.join()
        return result
    proc.kill()
    proc.join()
    return None, None


def comparable(cell):
    """A cell as both engines should agree on it: numbers by value (rdflib may type an integer sum
    as decimal), language tags by lower case, GROUP_CONCAT lists as sets (their order is engine-defined)."""
    from decimal import Decimal

    if isinstance(cell, (int, float, Decimal)) and not isinstance(cell, bool):
        return round(float(cell), 9)
    if isinstance(cell, str):
        return ",".join(sorted(cell.lower().split(",")))
    return cell


def settle_times(pages: list[Path]) -> dict:
    """Load each view offline in headless Chromium; time until drawn and settled (physics stopped)."""
    from playwright.sync_api import sync_playwright

    args = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"]
    worst = {"page": "", "seconds": 0.0, "nodes": 0}
    max_nodes = 0
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=os.environ.get("RECGRAPH_CHROMIUM", "/usr/bin/chromium"),
                                     args=args, headless=True)
        for path in pages:
            if path.name == "index.html":
                continue
            page = browser.new_page()
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                       else route.abort())
            start = time.perf_counter()
            page.goto(path.as_uri(), wait_until="load")
            nodes = page.evaluate("""() => new Promise(done => {
                if (typeof network === 'undefined') { done(null); return; }  // a site page, not a network view
                const n = network.body.data.nodes.length;
                if (!network.physics.physicsEnabled) { done(n); return; }
                network.once('stabilized', () => done(n));
            })""")
            seconds = round(time.perf_counter() - start, 3)
            page.close()
            if nodes is None:
                continue
            max_nodes = max(max_nodes, nodes)
            if seconds > worst["seconds"]:
                worst = {"page": path.name, "seconds": seconds, "nodes": nodes}
        browser.close()
    return {"slowest": worst, "max_nodes": max_nodes}


def exponent(a: dict, b: dict, key: str = "build_s") -> float | None:
    if a[key] <= 0 or b[key] <= 0:
        return None
    return round(math.log(b[key] / a[key]) / math.log(b["scale"] / a["scale"]), 3)


def machine() -> dict:
    cpu = ""
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024 ** 3
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(mem, 1), "python": platform.python_version(),
            "platform": platform.platform()}


def seed_build_wall() -> float:
    """Wall time of `recgraph build` on the real seed in data/, as a user runs it (imports included)."""
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "recgraph", "build", "--out", out, "-q"], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
        return round(time.perf_counter() - start, 3)


def verdicts(runs: dict[int, dict], seed: float) -> list[dict]:
    from bench.site import site_verdicts

    """Each target of issue 7 with the measured figure and whether it is met (None: not measured)."""
    def row(name, measured, limit, met):
        return {"target": name, "measured": measured, "limit": limit, "met": met}
    out = [row("seed build incl. validation, analyses and HTML (s, wall)", seed, TARGETS["seed_build_s"],
               seed < TARGETS["seed_build_s"])]
    if 100 in runs and 1000 in runs:
        e = exponent(runs[100], runs[1000])
        out.append(row("build growth exponent 100x -> 1000x", e, TARGETS["growth_exponent"], e is not None and e <= 1.1))
    if 1000 in runs:
        out.append(row("1000x build (s)", runs[1000]["build_s"], TARGETS["build_1000x_s"],
                       runs[1000]["build_s"] < TARGETS["build_1000x_s"]))
        out.append(row("1000x peak memory (GB)", runs[1000]["peak_gb"], TARGETS["peak_1000x_gb"],
                       runs[1000]["peak_gb"] < TARGETS["peak_1000x_gb"]))
    for scale, r in sorted(runs.items()):
        validate = r["stages"].get("validate", 0)
        out.append(row(f"{scale}x validation share of build", round(validate / r["build_s"], 3), "largest stage? no",
                       validate < max(v for k, v in r["stages"].items() if k != "validate")))
    if 100 in runs:
        slowest = max(q["oxigraph"] for q in runs[100]["queries"].values())
        out.append(row("slowest library query at 100x, oxigraph (s)", slowest, TARGETS["query_100x_s"],
                       slowest < TARGETS["query_100x_s"]))
        bound = [q["oxigraph_bound"] for q in runs[100]["queries"].values() if "oxigraph_bound" in q]
        if bound:
            out.append(row("slowest library query with its parameters bound at 100x, oxigraph (s)", max(bound),
                           TARGETS["query_100x_s"], max(bound) < TARGETS["query_100x_s"]))
        out.append(row("analyses at 100x (s)", runs[100]["stages"]["analyses"], TARGETS["analyses_100x_s"],
                       runs[100]["stages"]["analyses"] < TARGETS["analyses_100x_s"]))
    for scale, r in sorted(runs.items()):
        same = [q["same_answers"] for q in r["queries"].values() if q.get("same_answers") is not None]
        late = sum(1 for q in r["queries"].values() if "rdflib" in q and q["rdflib"] is None)
        if same:
            note = f" ({late} not answered by rdflib within {RDFLIB_TIMEOUT_S} s)" if late else ""
            out.append(row(f"{scale}x rdflib and oxigraph give the same answers", f"{sum(same)}/{len(same)}{note}",
                           "all", all(same)))
        if "browser" in r:
            out.append(row(f"{scale}x largest view (nodes)", r["browser"]["max_nodes"], TARGETS["html_nodes"],
                           r["browser"]["max_nodes"] <= TARGETS["html_nodes"]))
            out.append(row(f"{scale}x slowest view to settle in Chromium (s)", r["browser"]["slowest"]["seconds"],
                           TARGETS["html_settle_s"], r["browser"]["slowest"]["seconds"] < TARGETS["html_settle_s"]))
    return out + site_verdicts(runs)


def markdown(result: dict) -> str:
    from bench.site import site_table

    runs = {r["scale"]: r for r in result["runs"]}
    m = result["machine"]
    lines = ["# Benchmark", "", f"One run on {m['cores']} cores ({m['cpu']}), {m['memory_gb']} GB, Python {m['python']}, "
             f"{result['date']}. Synthetic corpora from `bench/generate.py`; figures are ratios, not promises.", "",
             "Command: `python bench/run.py " + " ".join(result["argv"]) + "`", "",
             "## Build stages (seconds) and memory", ""]
    stages = sorted({k for r in runs.values() for k in r["stages"]}, key=lambda k: list(runs[min(runs)]["stages"]).index(k)
                    if k in runs[min(runs)]["stages"] else 99)
    lines.append("| scale | evaluations | triples | " + " | ".join(stages) +
                 " | build | peak GB | main max RSS GB | worker max RSS GB | growth exp. |")
    lines.append("|---" * (len(stages) + 8) + "|")
    prev = None
    for scale, r in sorted(runs.items()):
        exp = exponent(prev, r) if prev else None
        lines.append(f"| {scale}x | {r['evaluations']} | {r['triples']} | " +
                     " | ".join(f"{r['stages'].get(s, 0):.2f}" for s in stages) +
                     f" | {r['build_s']:.2f} | {r['peak_gb']:.2f} | {r['main_rss_gb']:.2f} | "
                     f"{r['worker_rss_gb']:.2f} | {'' if exp is None else exp} |")
        prev = r
    work = sorted({k for r in runs.values() for k in r.get("worker_stages", {})},
                  key=lambda k: list(runs[min(runs)]["worker_stages"]).index(k))
    lines += ["", "Stages in the worker processes, per document, summed over documents (CPU seconds; "
              "`documents` and `validate` above are their wall time on all cores):", "",
              "| scale | " + " | ".join(work) + " |", "|---" * (len(work) + 1) + "|"]
    for scale, r in sorted(runs.items()):
        lines.append(f"| {scale}x | " + " | ".join(f"{r['worker_stages'].get(k, 0):.2f}" for k in work) + " |")
    lines += ["", "## Reference: pyoxigraph alone on the same triples", "",
              "| scale | load N-Triples into an on-disk store (s) | write Turtle (s) | our build / reference | "
              "serve start-up with graph (s) |",
              "|---|---|---|---|---|"]
    for scale, r in sorted(runs.items()):
        ref = r["reference"]["parse_s"] + r["reference"]["serialise_turtle_s"]
        lines.append(f"| {scale}x | {r['reference']['parse_s']:.3f} | {r['reference']['serialise_turtle_s']:.3f} | "
                     f"{r['build_s'] / ref:.0f}x | {r['serve_start_s']:.2f} |")
    lines += ["", "## Library queries (seconds; speed-up = rdflib / oxigraph)", ""]
    header = "| query | " + " | ".join(f"{s}x oxigraph | {s}x rdflib | speed-up" if any("rdflib" in q for q in
                                        runs[s]["queries"].values()) else f"{s}x oxigraph ({runs[s].get('query_store', 'memory')})"
                                        for s in sorted(runs)) + " |"
    lines.append(header)
    lines.append("|---" * (header.count("|") - 1) + "|")
    for name in sorted(runs[min(runs)]["queries"]):
        cells = []
        for s in sorted(runs):
            q = runs[s]["queries"].get(name, {})
            if any("rdflib" in x for x in runs[s]["queries"].values()):
                sp = f"{q['rdflib'] / q['oxigraph']:.0f}x" if q.get("rdflib") and q.get("oxigraph") else ""
                rd = q.get("rdflib")
                cells += [f"{q.get('oxigraph', 0):.3f}", f"{rd:.3f}" if rd is not None else f"> {RDFLIB_TIMEOUT_S}", sp]
            else:
                cells.append(f"{q.get('oxigraph', 0):.3f}")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines += ["", "## Static site (issue 11: at most half of graph.nt, at most 25 % added to the build, "
              "table filter < 1 s at 100x)", ""] + site_table(runs)
    lines += ["", "## Targets", "", "| target | measured | limit | met |", "|---|---|---|---|"]
    for v in result["targets"]:
        lines.append(f"| {v['target']} | {v['measured']} | {v['limit']} | "
                     f"{'yes' if v['met'] else 'no' if v['met'] is not None else 'not measured'} |")
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100])
    ap.add_argument("--smoke", action="store_true", help="no browser; results to a temp folder (CI)")
    ap.add_argument("--out", type=Path, default=None, help="folder for results.json and RESULTS.md "
                    "(default bench/; a temporary folder with --smoke)")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--no-browser", action="store_true")
    ap.add_argument("--queries", type=Path, metavar="GRAPH",
                    help="only time the library queries on this built graph (a file: in memory; a folder: an "
                         "on-disk Oxigraph store, read only), unbound and bound")
    args = ap.parse_args(argv)
    if args.queries:
        return queries_only(args.queries)
    if args.one:
        print(json.dumps(measure_one(args.one, browser=not (args.smoke or args.no_browser),
                                     rdflib_max=RDFLIB_MAX_SCALE)))
        return 0
    seed = seed_build_wall()
    print(f"seed: `recgraph build` end to end {seed:.2f} s wall", flush=True)
    runs = []
    for scale in args.scales:
        flags = ["--smoke"] if args.smoke else (["--no-browser"] if args.no_browser else [])
        proc = subprocess.run([sys.executable, str(Path(__file__)), "--one", str(scale), *flags],
                              stdout=subprocess.PIPE, text=True, cwd=ROOT)
        if proc.returncode:
            return proc.returncode
        runs.append(json.loads(proc.stdout.strip().splitlines()[-1]))
        r = runs[-1]
        print(f"{scale}x: {r['evaluations']} evaluations, {r['triples']} triples, build {r['build_s']:.2f} s, "
              f"peak {r['peak_gb']:.2f} GB", flush=True)
    result = {"date": time.strftime("%Y-%m-%d"), "argv": argv if argv is not None else sys.argv[1:],
              "machine": machine(), "seed_build_wall_s": seed, "runs": runs}
    result["targets"] = verdicts({r["scale"]: r for r in runs}, seed)
    out = args.out or (Path(tempfile.mkdtemp()) if args.smoke else ROOT / "bench")
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (out / "RESULTS.md").write_text(markdown(result), encoding="utf-8")
    print(markdown(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

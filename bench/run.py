"""Benchmark the pipeline at several multiples of the seed; write bench/results.json and RESULTS.md.

Each scale runs in its own process (so its peak memory is its own) over a SYNTHETIC corpus from
bench/generate.py.  All figures come from one run on one machine; read them as ratios.

    python bench/run.py                      # scales 1 10 100
    python bench/run.py --scales 1 10 100 1000
    python bench/run.py --scales 1 --smoke   # what CI runs: 1x, no browser, no rdflib at scale
    python bench/run.py --queries out/graph.nt   # only the library queries on one built graph
    python bench/run.py --report bench/results.json  # judge those runs again, rewrite RESULTS.md beside it
    python bench/run.py --report bench/results.json quiet/results.json  # the later run's scales and seed win
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
import select
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RDFLIB_MAX_SCALE = 10      # rdflib's engine is compared up to here (it takes minutes beyond)
IN_MEMORY_MAX_SCALE = 100  # library queries run on an in-memory store up to here, on disk beyond
RDFLIB_TIMEOUT_S = 120     # a query rdflib has not answered by then is reported as timed out
SCAN_ROWS = 200_000        # the store's own cost per answer row: a plain scan of this many triples
JOIN_ROWS = 50_000         # and per further pattern of a join: a star join on this many triples,
JOIN_PATTERNS = 9          # of this many patterns (bench/run.py's lookup_cost)
TARGETS = {  # issue 18 (the analyses and views limits are issue 7's, still checked)
    "seed_build_s": 2.0, "growth_exponent": 1.05, "build_1000x_s": 300.0, "reference_ratio": 2.0,
    "peak_1000x_gb": 6.0, "analyses_100x_s": 30.0, "html_nodes": 2000, "html_settle_s": 5.0,
}
QUERY_LIMITS = {100: 0.5, 1000: 5.0}  # every library query, unbound and bound: 100x in memory, 1000x on disk


class MemorySampler:
    """Peak proportional set size (PSS) of this process and every process under it, sampled every
    0.5 s by a forked process, so that this one stays single-threaded as `recgraph build` is (a thread
    here made the build's workers start from the forkserver instead of forking: graph/workers.py).

    A sample costs the kernel a walk of each process's pages (~15 ms a GB a process): at 1000x, with
    the documents held (~3.4 GB in the main process, mapped in each forked worker too), ~150 ms, which
    every 0.5 s took a fifth of a core from the 2 workers checking documents (their wall +19% in an
    A/B on 3.4 GB).  The sampler waits ten times its last sample's CPU time when that is longer (up
    to 2 s), so it takes at most about a tenth of a core.

    PSS splits pages shared between processes (the forked workers share the parent's) among them,
    so the sum is the memory the build really occupies; summing RSS would count shared pages twice.
    """

    def __init__(self):
        self.parent = os.getpid()
        stop_r, self.stop_w = os.pipe()
        self.out_r, out_w = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the sampler
            os.close(self.stop_w)
            os.close(self.out_r)
            peak, parts, wait, worker = 0, {}, 0.5, 0
            while True:
                stopping = select.select([stop_r], [], [], wait)[0]
                began = time.process_time()  # its own CPU: the kernel's walks of the pages included
                now = self.parts_kb()
                wait = min(2.0, max(0.5, 10 * (time.process_time() - began)))
                if sum(now.values()) > peak:
                    peak, parts = sum(now.values()), now
                worker = max([worker] + [kb for name, kb in now.items() if name != "main"])
                if stopping:
                    os.write(out_w, json.dumps({"peak_kb": peak, "parts": parts, "worker_kb": worker}).encode())
                    os._exit(0)
        os.close(stop_r)
        os.close(out_w)

    @staticmethod
    def pss_kb(pid: int) -> int:
        try:
            with open(f"/proc/{pid}/smaps_rollup") as f:
                return next(int(line.split()[1]) for line in f if line.startswith("Pss:"))
        except (OSError, StopIteration):
            return 0

    def parts_kb(self) -> dict[str, int]:
        """PSS of the main process and of each process under it (but the sampler) now."""
        return {"main": self.pss_kb(self.parent),
                **{str(c): self.pss_kb(c) for c in descendants(self.parent) if c != os.getpid()}}

    def stop(self) -> float:
        os.close(self.stop_w)
        with os.fdopen(self.out_r, "rb") as f:
            found = json.loads(f.read() or b'{"peak_kb": 0, "parts": {}}')
        os.waitpid(self.pid, 0)
        self.peak_kb, self.peak_parts = found["peak_kb"], found["parts"]
        self.worker_kb = found.get("worker_kb", 0)
        return round(self.peak_kb / 1024 ** 2, 3)

    def worker_gb(self) -> float:
        """The largest PSS any one process under the main one had in a sample (GB): its own pages and
        its share of those it maps with others (RSS counted in full every page of the build's heap a
        forked worker maps, which the main process holds)."""
        return round(self.worker_kb / 1024 ** 2, 3)

    def held(self) -> dict:
        """Who held the peak: the main process, the others together, the largest other (GB)."""
        children = [kb for name, kb in self.peak_parts.items() if name != "main"]
        gb = lambda kb: round(kb / 1024 ** 2, 3)  # noqa: E731
        return {"main_gb": gb(self.peak_parts.get("main", 0)), "children": len(children),
                "children_gb": gb(sum(children)), "largest_child_gb": gb(max(children, default=0))}


def cpu_seconds(sampler: int | None = None) -> float:
    """CPU seconds (user + system) of this process, of its children that have ended and of the
    processes under it still running (e.g. workers of a forkserver, with the children they waited
    for), but the memory ``sampler``'s (still running: it ends after the build)."""
    own, ended = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    ticks = 0
    for pid in descendants(os.getpid()):
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            ticks += sum(int(x) for x in fields[11:15]) if pid != sampler else 0  # utime, stime, cutime, cstime
        except (OSError, IndexError, ValueError):
            continue
    return own.ru_utime + own.ru_stime + ended.ru_utime + ended.ru_stime + ticks / os.sysconf("SC_CLK_TCK")


def descendants(pid: int) -> list[int]:
    found, todo = [], children_of(pid)
    while todo:
        found.append(todo.pop())
        todo += children_of(found[-1])
    return found


def children_of(pid: int) -> list[int]:
    try:
        return [int(c) for t in os.listdir(f"/proc/{pid}/task")
                for c in Path(f"/proc/{pid}/task/{t}/children").read_text().split()]
    except OSError:
        return []


def timed(fn, *args, **kwargs):
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return result, round(time.perf_counter() - start, 4)


def measure_one(scale: int, browser: bool, rdflib_max: int) -> dict:
    """Every stage at one scale, in this process."""
    import pyoxigraph as ox

    from bench.generate import UPDATES, generate, status_updates
    from bench.site import site_figures
    from recgraph import sparql
    from recgraph.endpoint import serve
    from recgraph.outputs import ChartDrawers, render
    from recgraph.pipeline import build
    from recgraph.workers import cores

    work = Path(tempfile.mkdtemp(prefix=f"bench-{scale}x-"))
    corpus = work / "corpus"
    corpus.mkdir()
    docs = generate(scale)
    for name, text in docs.items():
        (corpus / name).write_text(text, encoding="utf-8")
    (corpus / UPDATES).write_text(status_updates(docs), encoding="utf-8")  # the agencies' replies: statuses vary
    del docs
    sources = sorted(corpus.glob("*.txt"))
    out = work / "out"
    out.mkdir()
    r: dict = {"scale": scale, "documents": len(sources), "load": [load_average()]}  # load: at start, at end

    log(f"{scale}x build ({len(sources)} documents)")
    sampler = MemorySampler()
    cpu, start = cpu_seconds(sampler.pid), time.perf_counter()
    # as `recgraph build` runs: the chart drawers started first, forked while this process is small
    # (started by render, after the build, each kept a copy of the build's heap as this process
    # changed its own: ~1.5 GB of the 1000x peak, PSS)
    with ChartDrawers(cores()) as charts:
        b = build(sources, work=work, workers=cores(), updates=corpus / UPDATES)  # what `recgraph build` runs, then renders
        r["stages"] = dict(b.timings)
        r["worker_stages"] = dict(b.worker_seconds)
        r["evaluations"] = sum(len(rep.rows) for rep in b.reports)
        r["triples"] = b.triple_count
        log(f"{scale}x graph files, exports, analyses, charts, HTML")

        def rendered(stage: str, seconds: float) -> None:
            r["stages"][stage] = round(seconds, 4)
        render(b, out, workers=cores(), progress=rendered, charts=charts)  # what `recgraph build` writes, into out/ directly
    r["build_wall_s"] = round(time.perf_counter() - start, 3)
    r["build_cpu_s"], r["cores"] = round(cpu_seconds(sampler.pid) - cpu, 1), cores()  # all processes
    r["peak_gb"] = sampler.stop()  # main process and every process under it, build and render
    r["peak_held"] = sampler.held()
    r["worker_pss_gb"] = sampler.worker_gb()
    r["site"] = site_figures(out, browser)  # bench/site.py
    r["build_s"] = round(sum(r["stages"].values()), 3)

    graph_file = out / "graph.nt"
    log(f"{scale}x reference: pyoxigraph's bulk load of graph.nt into an on-disk store, its Turtle write")
    reference = {}
    ref_store = ox.Store(str(work / "reference-store"))
    _, reference["parse_s"] = timed(ref_store.bulk_load, path=str(graph_file), format=ox.RdfFormat.N_TRIPLES)
    _, reference["serialise_turtle_s"] = timed(ref_store.dump, output=str(work / "reference.ttl"),
                                               format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph())
    r["reference"] = reference

    # as `recgraph query` does: the graph in an in-memory store; beyond IN_MEMORY_MAX_SCALE (10^7
    # triples, ~6 GB in memory) an on-disk store, as `recgraph serve` would use: the reference's, which
    # is what the build's own on-disk store (Build.store) would be, bulk-loaded from the same graph.nt
    # and compacted as both compact theirs (the compaction is timed apart, not in the reference)
    disk = scale > IN_MEMORY_MAX_SCALE
    if disk:
        _, r["query_store_optimize_s"] = timed(ref_store.optimize)
    engines = {"oxigraph": ref_store if disk else sparql.load_graph(graph_file, "oxigraph")}
    r["query_store"] = "disk" if disk else "memory"
    if scale <= rdflib_max:
        engines["rdflib"] = sparql.load_graph(graph_file, "rdflib")
    r["queries"] = measure_queries(engines, lambda name: log(f"{scale}x query {name}"))
    r["scan"] = scan_cost(engines["oxigraph"], {q["columns"] for q in r["queries"].values() if q.get("columns")})
    r["scan"]["lookup_us"] = lookup_cost(engines["oxigraph"])
    del engines, ref_store

    log(f"{scale}x serve, browser")

    server, r["serve_start_s"] = timed(serve, out / "graph.nt")
    server.stop()

    pages = sorted(out.glob("*.html"))
    r["html_pages"] = len(pages)
    if browser:
        r["browser"] = settle_times(pages)
    r["load"].append(load_average())
    main = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 ** 2
    r["main_rss_gb"] = round(main, 3)
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
        row, answers, first = {}, {}, {}
        for name, engine in engines.items():
            timeout = RDFLIB_TIMEOUT_S if name == "rdflib" else None
            seconds, rows, first[name], columns = run_with_timeout(engine, q, timeout)
            row[name] = seconds
            if rows is not None:
                answers[name] = rows
                row.setdefault("rows", len(rows))
                row.setdefault("columns", columns)  # the answer's width: its floor is a scan of as many columns
                row.setdefault("patterns", patterns_per_row(q.text))  # and a join of as many patterns
        if "rdflib" in engines:
            row["same_answers"] = answers.get("oxigraph") == answers.get("rdflib") if "rdflib" in answers else None
        bound = bound_params(engines["oxigraph"], q, first["oxigraph"])  # values from the answers just timed
        if bound:
            table, row["oxigraph_bound"] = timed(sparql.run_query, engines["oxigraph"], q.text, bound)
            row["bound"], row["bound_rows"] = {k: str(v) for k, v in bound.items()}, len(table.rows)
        measured[q.name] = row
    return measured


def scan_query(width: int, limit: int = SCAN_ROWS) -> str:
    """A plain triple scan whose rows have ``width`` columns (the triple's terms, repeated as needed):
    the cheapest way this store can return rows as wide as a query's answer."""
    terms = ("s", "p", "o")
    binds = " ".join(f"BIND (?{terms[i % 3]} AS ?c{i})" for i in range(3, width))
    columns = " ".join(f"?{terms[i]}" if i < 3 else f"?c{i}" for i in range(max(1, width)))
    return f"SELECT {columns} WHERE {{ ?s ?p ?o {binds} }} LIMIT {limit}"


def scan_cost(engine, widths=(), limit: int = SCAN_ROWS) -> dict:
    """What one answer row costs at least on this store through the same API: a plain triple scan,
    of 3 columns (``us_per_row``) and of each width in ``widths`` (``by_width``, keyed by width), since
    every cell of a row is a term to read and convert: a 12-column row costs more than a 3-column one."""
    from recgraph import sparql

    out: dict = {}
    for width in sorted({3, *widths}):
        table, seconds = timed(sparql.run_query, engine, scan_query(width, limit))
        per_row = round(1e6 * seconds / max(1, len(table.rows)), 3)
        out.setdefault("by_width", {})[str(width)] = per_row
        if width == 3:
            out.update({"rows": len(table.rows), "seconds": seconds, "us_per_row": per_row})
    return out


def floor_us(scan: dict, columns: int | None) -> float | None:
    """The store's scan cost per row for an answer of ``columns`` columns (3 columns when unknown)."""
    return (scan.get("by_width") or {}).get(str(columns)) or scan.get("us_per_row")


def join_query(patterns: int, limit: int = JOIN_ROWS) -> str:
    """A plain star join of ``patterns`` triple patterns: ``limit`` triples scanned, each looked up again
    ``patterns - 1`` times with all three terms bound (one row each, the cheapest lookup the store has)."""
    again = " ".join("?s ?p ?o ." for _ in range(patterns - 1))
    return f"SELECT ?s ?p ?o WHERE {{ {{ SELECT ?s ?p ?o WHERE {{ ?s ?p ?o }} LIMIT {limit} }} {again} }}"


def lookup_cost(engine, limit: int = JOIN_ROWS, patterns: int = JOIN_PATTERNS) -> float:
    """The store's own cost (µs) of one more triple pattern per row of a join: the star join of
    ``patterns`` patterns against the plain scan (:func:`join_query`), per row and added pattern; the
    faster of two runs each (a floor: the first run may read from disk what the second finds cached)."""
    from recgraph import sparql

    def best(k: int) -> tuple[int, float]:
        runs = [timed(sparql.run_query, engine, join_query(k, limit)) for _ in range(2)]
        return len(runs[0][0].rows), min(seconds for _, seconds in runs)

    (rows, many), (_, one) = best(patterns), best(1)
    return round(1e6 * max(0.0, many - one) / max(1, rows) / (patterns - 1), 3)


def join_floor_us(scan: dict, columns: int | None, patterns: int | None) -> float | None:
    """The store's own cost per row of a plain star join with as many patterns and columns as an answer:
    the scan of that width plus a lookup per further pattern (None when the run measured no lookup cost)."""
    if not patterns or scan.get("lookup_us") is None:
        return None
    return floor_us(scan, columns) + (patterns - 1) * scan["lookup_us"]


def patterns_per_row(text: str) -> int:
    """Triple patterns a query evaluates per answer row, from its algebra: those of its graph pattern,
    OPTIONAL ones included, a property path counted per step, a UNION by its largest branch; not those
    of a grouped subquery joined in (once per group, e.g. a rank table), of VALUES or of a FILTER."""
    from rdflib.paths import AlternativePath, SequencePath
    from rdflib.plugins.sparql import prepareQuery
    from rdflib.plugins.sparql.parserutils import CompValue

    def steps(path) -> int:
        if isinstance(path, SequencePath):
            return sum(map(steps, path.args))
        return max(map(steps, path.args)) if isinstance(path, AlternativePath) else 1

    def grouped(node) -> bool:
        return isinstance(node, CompValue) and (node.name in ("AggregateJoin", "Group") or any(
            grouped(node.get(k)) for k in ("p", "p1", "p2")))

    def count(node, top: bool) -> int:
        if not isinstance(node, CompValue):
            return 0
        if node.name == "BGP":
            return sum(steps(p) for _, p, _ in node.triples)
        if node.name == "Union":
            return max(count(node.p1, top), count(node.p2, top))
        if node.name == "ToMultiSet" and not top and grouped(node.p):
            return 0
        if node.name in ("Join", "LeftJoin"):
            return count(node.p1, top) + count(node.p2, False)
        if node.name == "Minus":
            return count(node.p1, top)
        return count(node.get("p"), top and node.name != "ToMultiSet")

    return count(prepareQuery(text).algebra, True)


# A parameter that only filters (its column is empty when it is unset) takes its value from the
# column that carries it: an agency code from the lead or addressed agency, a recommendation id from id.
VALUE_COLUMNS = {"agency": ("leadAgencyCode", "addressedTo", "agencies"), "of": ("id",), "id": ("id",)}


def bound_params(engine, q, records: list[dict] | None = None) -> dict:
    """Bindings for the parameters without a default, taken from the first row that has them all
    (in the parameter's own column, else in the column named for it in :data:`VALUE_COLUMNS`) of
    ``records`` (the query's unbound answers; by default it is run for its first 1,000)."""
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

    if records is None:
        records = sparql.run_query(engine, q.text, sparql.resolve_params(q, {}), max_rows=1000).records()
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
    """`bench/run.py --queries GRAPH`: the library queries on one built graph, printed with each answer's
    floor (its rows at the store's scan cost per row of the same width, :func:`scan_cost`). A graph file is
    loaded into memory (as `recgraph query` does); a folder is opened as an on-disk Oxigraph store, read
    only (as `recgraph serve` opens its store), e.g. one made by `oxigraph load --location DIR` and
    compacted by `oxigraph optimize --location DIR` (as `recgraph serve` and the 1000x run do)."""
    import pyoxigraph as ox

    from recgraph import sparql

    engine = ox.Store.read_only(str(graph)) if Path(graph).is_dir() else sparql.load_graph(graph, "oxigraph")
    measured = measure_queries({"oxigraph": engine})
    scan = scan_cost(engine, {row["columns"] for row in measured.values() if row.get("columns")})
    scan["lookup_us"] = lookup_cost(engine)
    print(f"{'query':<32} {'unbound s':>10} {'rows':>7} {'floor s':>8} {'join floor s':>12} {'bound s':>8}  bound to")
    for name, row in measured.items():
        bound = f"{row['oxigraph_bound']:8.3f}  {row['bound']}" if "oxigraph_bound" in row else f"{'':>8}  (no value found)" \
            if any(p.default is None for p in sparql.load_query(name).params) else ""
        floor = row.get("rows", 0) * (floor_us(scan, row.get("columns")) or 0) / 1e6
        join = row.get("rows", 0) * (join_floor_us(scan, row.get("columns"), row.get("patterns")) or 0) / 1e6
        print(f"{name:<32} {row['oxigraph']:10.3f} {row.get('rows', ''):>7} {floor:8.3f} {join:12.3f} {bound}", flush=True)
    print(f"floor: the answer's rows at the store's own cost per row of a plain scan as wide (µs/row by columns: "
          f"{', '.join(f'{w}: {us:.1f}' for w, us in sorted(scan['by_width'].items(), key=lambda kv: int(kv[0])))}); "
          f"join floor: and {scan['lookup_us']:.1f} µs per row for each further triple pattern the query evaluates "
          f"per row (a plain star join, bench/run.py's lookup_cost)")
    return 0


def _answers(engine, q) -> tuple[float, list[str], list[dict], int]:
    """Seconds, the answers as comparable strings, the first 1,000 answers as records, the columns."""
    from recgraph import sparql

    table, seconds = timed(sparql.run_query, engine, q.text, sparql.resolve_params(q, {}))
    return seconds, sorted(repr(tuple(map(comparable, row))) for row in table.rows), \
        [dict(zip(table.columns, row)) for row in table.rows[:1000]], len(table.columns)


def run_with_timeout(engine, q, timeout: float | None):
    """(seconds, comparable rows, first records, columns); with a timeout the query runs in a forked child
    and a query still running then gives Nones: measured as 'did not answer within the limit'."""
    if timeout is None:
        return _answers(engine, q)
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=lambda: child.send(_answers(engine, q)[:2] + (None, None)))  # records: not needed
    proc.start()
    if parent.poll(timeout):
        result = parent.recv()
        proc.join()
        return result
    proc.kill()
    proc.join()
    return None, None, None, None


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


def exponent(a: dict, b: dict) -> float | None:
    """How the build's wall time grows from run ``a`` to run ``b``: time ~ scale ** exponent."""
    if build_wall(a) <= 0 or build_wall(b) <= 0:
        return None
    return round(math.log(build_wall(b) / build_wall(a)) / math.log(b["scale"] / a["scale"]), 3)


def machine() -> dict:
    cpu = ""
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024 ** 3
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(mem, 1), "python": platform.python_version(),
            "platform": platform.platform()}


def load_average() -> float:
    """The machine's 1-minute load average (2 cores: above 2, work waits for a core)."""
    return round(os.getloadavg()[0], 2)


def seed_build(runs: int = 3) -> tuple[float, float]:
    """Wall time and CPU seconds (its whole process tree) of `recgraph build` on the real seed in
    data/, as a user runs it (imports included): the run of median wall time among ``runs``, after one
    more that is not counted (the first run after an install or a change compiles the bytecode)."""
    def cpu():
        used = resource.getrusage(resource.RUSAGE_CHILDREN)
        return used.ru_utime + used.ru_stime

    # the bytecode written by the uncounted run, as an install's is: with PYTHONDONTWRITEBYTECODE set
    # (as in some shells and containers) every run compiled recgraph's ~70 modules again (~0.1 s of CPU)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

    def once() -> tuple[float, float]:
        with tempfile.TemporaryDirectory() as out:
            start, before = time.perf_counter(), cpu()
            subprocess.run([sys.executable, "-m", "recgraph", "build", "--out", out, "-q"], cwd=ROOT, check=True,
                           stdout=subprocess.DEVNULL, env=env)
            return round(time.perf_counter() - start, 3), round(cpu() - before, 2)
    once()
    return sorted(once() for _ in range(runs))[runs // 2]


PARALLEL_STAGES = {"documents": lambda k: not k.startswith("check "), "validate": lambda k: k.startswith("check ")}
"""The build's stages run in the workers, per document, and which worker stages they consist of."""
SHAPE_STAGES = ("validate: check read", "validate: check validate", "validate whole graph")
"""Shape checking: reading and validating each document in the workers, then the cross-document shapes once."""


def stage_walls(r: dict) -> dict[str, float]:
    """The build's stages in wall seconds, each parallel stage (``documents``, ``validate``) split
    among its per-document parts in proportion to their CPU seconds summed over the workers."""
    walls, work = dict(r["stages"]), r.get("worker_stages", {})
    for stage, part in PARALLEL_STAGES.items():
        parts = {k: v for k, v in work.items() if part(k)}
        if stage in walls and sum(parts.values()) > 0:
            wall = walls.pop(stage)
            walls.update({f"{stage}: {k}": wall * v / sum(parts.values()) for k, v in parts.items()})
    return walls


def build_wall(r: dict) -> float:
    return r.get("build_wall_s", r["build_s"])


def reference_s(r: dict) -> float:
    return r["reference"]["parse_s"] + r["reference"]["serialise_turtle_s"]


def largest_stages(r: dict, n: int = 3) -> str:
    top = sorted(stage_walls(r).items(), key=lambda kv: -kv[1])[:n]
    return ", ".join(f"{k} {v:.1f} s" for k, v in top)


def work_floor(r: dict) -> str:
    """Why a build time is or is not structural: its CPU seconds over the cores, the stages that dominate."""
    if "build_cpu_s" not in r:
        return f"CPU time not measured; largest stages (wall): {largest_stages(r)}."
    floor = r["build_cpu_s"] / r["cores"]
    return (f"the build and render used {r['build_cpu_s']:.0f} CPU-s in all processes, so on {r['cores']} cores "
            f"no schedule takes less than {floor:.0f} s; the run kept {r['build_cpu_s'] / build_wall(r):.2f} of "
            f"{r['cores']} cores busy on average (machine load average {', then '.join(map(str, r.get('load', [])))}); "
            f"largest stages (wall, documents and validate split by their per-document CPU): {largest_stages(r)}")


def query_why(r: dict, key: str, limit: float) -> str:
    """Each query over the limit: its answer size, its cost per row, and whether merely returning that
    many rows at the store's own scan cost per row of the same width (``r["scan"]``) would exceed the limit,
    or else (when the run measured it) a plain star join of as many rows and patterns (the join floor)."""
    parts = []
    for name, q in sorted(r["queries"].items(), key=lambda kv: -(kv[1].get(key) or 0)):
        seconds = q.get(key)
        if seconds is None or seconds <= limit:
            continue
        rows = q.get("bound_rows" if key == "oxigraph_bound" else "rows", 0)
        text = f"{name}: {seconds:.2f} s for {rows} rows ({1e6 * seconds / max(1, rows):.0f} µs/row)"
        if key == "oxigraph_bound" and rows == q.get("rows"):
            text += f", bound to {q.get('bound')}, which every one of its {rows} unbound rows has (nothing to narrow)"
        scan = floor_us(r.get("scan", {}), q.get("columns"))
        join = join_floor_us(r.get("scan", {}), q.get("columns"), q.get("patterns"))
        if scan:
            width = f" of {q['columns']} columns" if q.get("columns") else ""
            floor = rows * scan / 1e6
            joined = rows * join / 1e6 if join else None
            if floor > limit:
                text += (f", structural: returning {rows} rows{width} at the store's scan cost of {scan:.1f} µs/row "
                         f"alone takes {floor:.1f} s (the other {seconds - floor:.1f} s are the query's own work)")
            elif joined is not None and joined > limit:
                text += (f", structural: a plain star join of {rows} rows{width} and {q['patterns']} triple patterns "
                         f"(as many as the query evaluates per row) costs the store {join:.1f} µs/row, {joined:.1f} s "
                         f"(the other {seconds - joined:.1f} s are the query's own work)")
            else:
                text += (f", not structural: at the scan cost of {scan:.1f} µs/row{width and ' for rows' + width} "
                         f"its rows take {floor:.2f} s" + ("" if joined is None else
                         f", as a plain star join of {q['patterns']} patterns {joined:.2f} s"))
        parts.append(text)
    return "; ".join(parts)


def seed_why(cpu: float | None, load: float | None, one: dict | None) -> str:
    """The seed build's CPU seconds against the limit over the cores, and the in-process 1x build."""
    why = "`recgraph build` on data/ as a user runs it, in a new process (median of three after one uncounted)"
    if cpu:
        floor = cpu / (os.cpu_count() or 1)
        why += (f", {cpu:.2f} CPU-s in its process tree, {floor:.2f} s over the cores: " +
                ("structural at the CPU time measured" if floor >= TARGETS["seed_build_s"] else
                 "not structural by CPU time, the rest of the wall time is off a core (waiting for one, or I/O)") +
                f"; load average {load} when it started")
    if one:
        why += f"; the same build in-process at 1x (imports done) took {build_wall(one):.2f} s, largest stages " \
               f"{largest_stages(one)}"
    return why


def verdicts(runs: dict[int, dict], seed: float, seed_cpu: float | None = None, load: float | None = None) -> list[dict]:
    """Each target of issue 18 (and the older ones still checked) with the measured figure, whether it
    is met (None: not measured) and, for a miss, why (computed from the run)."""
    from bench.site import site_verdicts

    def row(name, measured, limit, met, why=""):
        return {"target": name, "measured": measured, "limit": limit, "met": met, **({"why": why} if not met else {})}
    t = TARGETS
    one = runs.get(1)
    out = [row("seed build incl. validation, analyses and HTML (s, wall)", seed, t["seed_build_s"],
               seed < t["seed_build_s"], seed_why(seed_cpu, load, one))]
    big = runs.get(1000)
    if big and 100 in runs:
        e = exponent(runs[100], big)
        cpu = exponent(*({**r, "build_wall_s": r["build_cpu_s"]} for r in (runs[100], big))) \
            if "build_cpu_s" in big and "build_cpu_s" in runs[100] else None  # the same on CPU-s: load-independent
        out.append(row("build growth exponent 100x -> 1000x (wall; CPU-s)", e if cpu is None else f"{e}; {cpu}",
                       t["growth_exponent"], e is not None and e <= t["growth_exponent"] and (cpu or 0) <= t["growth_exponent"],
                       f"100x {build_wall(runs[100]):.0f} s, 1000x {build_wall(big):.0f} s; largest stages at 1000x: "
                       f"{largest_stages(big)}; at 100x: {largest_stages(runs[100])}"))
    else:
        out.append(row("build growth exponent 100x -> 1000x (wall; CPU-s)", None, t["growth_exponent"], None))
    if big:
        wall, ref = build_wall(big), reference_s(big)
        floor = big["build_cpu_s"] / big["cores"] if "build_cpu_s" in big else None
        out.append(row("1000x build (s, wall)", wall, t["build_1000x_s"], wall <= t["build_1000x_s"], (
            "" if floor is None else "structural for the work the build does now: the CPU time alone exceeds the "
            "limit on these cores; " if floor > t["build_1000x_s"] else "not structural by CPU time (the work fits "
            "in the limit on these cores; the gap is stages that keep fewer cores busy); ") + work_floor(big)))
        floor = floor and floor / ref
        out.append(row("1000x build / reference (pyoxigraph bulk load of graph.nt + Turtle write, same run)",
                       round(wall / ref, 2), t["reference_ratio"], wall / ref <= t["reference_ratio"],
                       f"reference {big['reference']['parse_s']:.0f} s load + "
                       f"{big['reference']['serialise_turtle_s']:.0f} s Turtle = {ref:.0f} s; "
                       + (f"the build's work alone over the cores is {floor:.2f}x the reference ("
                          + ("structural for the work the build does now" if floor > t["reference_ratio"] else
                             "not structural: a schedule keeping every core busy would meet it") + "); " if floor else "")
                       + work_floor(big)))
        held = big.get("peak_held", {})
        out.append(row("1000x peak memory (GB, PSS of the build's processes)", big["peak_gb"], t["peak_1000x_gb"],
                       big["peak_gb"] <= t["peak_1000x_gb"],
                       f"at the peak the main process held {held.get('main_gb')} GB and {held.get('children')} "
                       f"child processes {held.get('children_gb')} GB (the largest {held.get('largest_child_gb')} GB)"))
    else:
        out += [row(name, None, limit, None) for name, limit in (
            ("1000x build (s, wall)", t["build_1000x_s"]),
            ("1000x build / reference (pyoxigraph bulk load of graph.nt + Turtle write, same run)", t["reference_ratio"]),
            ("1000x peak memory (GB, PSS of the build's processes)", t["peak_1000x_gb"]))]
    for scale, r in sorted(runs.items()):
        walls = stage_walls(r)
        shapes = sum(walls.pop(k, 0) for k in (*SHAPE_STAGES, "validate"))
        name, largest = max(walls.items(), key=lambda kv: kv[1])
        out.append(row(f"{scale}x shape checking ({', '.join(SHAPE_STAGES)}) not the largest stage (wall s)",
                       f"{shapes:.2f} vs {name} {largest:.2f}", "not the largest", shapes < largest,
                       f"shape checking is {shapes / build_wall(r):.0%} of the build's wall time; per document "
                       f"{r.get('worker_stages', {}).get('check validate', 0):.1f} CPU-s summed over the workers"))
    for scale, limit in QUERY_LIMITS.items():
        r = runs.get(scale)
        for key, how in (("oxigraph", "unbound"), ("oxigraph_bound", "with its parameters bound")):
            target = f"every library query at {scale}x ({'memory' if scale <= IN_MEMORY_MAX_SCALE else 'disk'}), {how} (s)"
            timed_ = {n: q[key] for n, q in (r or {}).get("queries", {}).items() if q.get(key) is not None}
            if not timed_:
                out.append(row(target, None, limit, None))
                continue
            slowest = max(timed_, key=timed_.get)
            over = sum(1 for v in timed_.values() if v > limit)
            out.append(row(target, f"slowest {slowest} {timed_[slowest]:.3f}; {over} of {len(timed_)} over",
                           limit, over == 0, query_why(r, key, limit)))
    if 100 in runs:
        out.append(row("analyses at 100x (s)", runs[100]["stages"]["analyses"], t["analyses_100x_s"],
                       runs[100]["stages"]["analyses"] < t["analyses_100x_s"]))
    for scale, r in sorted(runs.items()):
        same = [q["same_answers"] for q in r["queries"].values() if q.get("same_answers") is not None]
        late = sum(1 for q in r["queries"].values() if "rdflib" in q and q["rdflib"] is None)
        if same:
            note = f" ({late} not answered by rdflib within {RDFLIB_TIMEOUT_S} s)" if late else ""
            out.append(row(f"{scale}x rdflib and oxigraph give the same answers", f"{sum(same)}/{len(same)}{note}",
                           "all", all(same)))
        if "browser" in r:
            out.append(row(f"{scale}x largest view (nodes)", r["browser"]["max_nodes"], t["html_nodes"],
                           r["browser"]["max_nodes"] <= t["html_nodes"]))
            out.append(row(f"{scale}x slowest view to settle in Chromium (s)", r["browser"]["slowest"]["seconds"],
                           t["html_settle_s"], r["browser"]["slowest"]["seconds"] < t["html_settle_s"]))
    return out + site_verdicts(runs)


def _gb(value) -> str:
    """A figure in GB for a table cell; empty for a run that did not measure it."""
    return "" if value is None else f"{value:.2f}"


def markdown(result: dict) -> str:
    from bench.site import site_table

    runs = {r["scale"]: r for r in result["runs"]}
    m = result["machine"]
    runs_from = result.get("runs_from")
    lines = ["# Benchmark", "", f"{'Runs' if runs_from else 'One run'} on {m['cores']} cores ({m['cpu']}), {m['memory_gb']} GB, Python {m['python']}, "
             f"{result['date']}, 1-minute load average {result.get('load_at_seed_build', '?')} at the start (the "
             "machine is shared; each scale's load is in its row). Synthetic corpora from `bench/generate.py`; "
             "figures are ratios, not promises.", "",
             "Command: `python bench/run.py " + " ".join(result["argv"]) + "`", ""]
    if runs_from:
        lines += ["Scales measured in separate runs, joined by `--report` (compare scales from one run only):", ""]
        lines += [f"- {f['date']} `bench/run.py {' '.join(f['argv'])}`: seed {'yes' if f['seed'] else 'no'}, scales "
                  f"{', '.join(f'{s}x' for s in f['scales']) or 'none'}" for f in runs_from] + [""]
    lines += ["## Build stages (seconds) and memory", ""]
    stages = sorted({k for r in runs.values() for k in r["stages"]}, key=lambda k: list(runs[min(runs)]["stages"]).index(k)
                    if k in runs[min(runs)]["stages"] else 99)
    lines.append("| scale | evaluations | triples | " + " | ".join(stages) +
                 " | build (sum) | build wall | CPU s | peak GB | main max RSS GB | largest worker PSS GB | growth exp. (wall) "
                 "| load avg start, end |")
    lines.append("|---" * (len(stages) + 11) + "|")
    prev = None
    for scale, r in sorted(runs.items()):
        exp = exponent(prev, r) if prev else None
        lines.append(f"| {scale}x | {r['evaluations']} | {r['triples']} | " +
                     " | ".join(f"{r['stages'].get(s, 0):.2f}" for s in stages) +
                     f" | {r['build_s']:.2f} | {build_wall(r):.2f} | {r.get('build_cpu_s', '')} | {r['peak_gb']:.2f} | "
                     f"{r['main_rss_gb']:.2f} | "
                     f"{_gb(r.get('worker_pss_gb'))} | {'' if exp is None else exp} | "
                     f"{', '.join(map(str, r.get('load', [])))} |")
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
        lines.append(f"| {scale}x | {r['reference']['parse_s']:.3f} | {r['reference']['serialise_turtle_s']:.3f} | "
                     f"{build_wall(r) / reference_s(r):.1f}x | {r['serve_start_s']:.2f} |")
    lines += ["", "## Library queries (seconds; speed-up = rdflib / oxigraph; bound: parameters bound to a value "
              "from the query's own answers, rows: unbound/bound answer rows)", ""]
    header = "| query | " + " | ".join(f"{s}x oxigraph | {s}x rdflib | speed-up" if any("rdflib" in q for q in
                                        runs[s]["queries"].values()) else
                                        f"{s}x oxigraph ({runs[s].get('query_store', 'memory')}) | bound | rows"
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
                b = q.get("oxigraph_bound")
                cells += [f"{q.get('oxigraph', 0):.3f}", "" if b is None else f"{b:.3f}",
                          f"{q.get('rows', '')}" + (f"/{q['bound_rows']}" if "bound_rows" in q else "")]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    scans = [f"{s}x {runs[s]['scan']['us_per_row']:.1f} µs/row" + scan_widths(runs[s]["scan"])
             for s in sorted(runs) if "scan" in runs[s]]
    if scans:
        lines += ["", f"The store's own cost per answer row through the same API (a plain scan of up to {SCAN_ROWS:,} "
                  "triples, 3 columns; in brackets with as many columns as the queries' answers have, the floor each "
                  "query is judged against): " + ", ".join(scans) + "."]
    lookups = [f"{s}x {runs[s]['scan']['lookup_us']:.1f} µs" for s in sorted(runs) if runs[s].get("scan", {}).get("lookup_us") is not None]
    if lookups:
        lines += ["", f"Each further triple pattern of a join costs the store per row (a star join of {JOIN_PATTERNS} "
                  f"patterns on {JOIN_ROWS:,} triples, each looked up again with all three terms bound, against the "
                  "plain scan): " + ", ".join(lookups) + ". A query's join floor is its rows at the scan cost of its "
                  "width plus that for each further pattern it evaluates per row (its `patterns`); a miss is "
                  "called structural only when that floor alone exceeds the limit."]
    compacted = [f"{s}x {runs[s]['query_store_optimize_s']:.1f} s" for s in sorted(runs) if "query_store_optimize_s" in runs[s]]
    if compacted:
        lines += ["", "The on-disk store was compacted after its bulk load (`Store.optimize()`, as `recgraph serve` "
                  "compacts its store) before the queries: " + ", ".join(compacted) + "."]
    lines += ["", "## Static site (issue 11: at most half of graph.nt, at most 25 % added to the build, "
              "table filter < 1 s at 100x)", ""] + site_table(runs)
    lines += ["", "## Targets", "", "| target | measured | limit | met |", "|---|---|---|---|"]
    for v in result["targets"]:
        lines.append(f"| {v['target']} | {v['measured']} | {v['limit']} | "
                     f"{'yes' if v['met'] else 'no' if v['met'] is not None else 'not measured'} |")
    return "\n".join(lines + misses(result["targets"])) + "\n"


def scan_widths(scan: dict) -> str:
    """`` (1 col 0.9, 12 cols 6.1 µs/row)``: a scan's cost per row by width, when measured."""
    widths = sorted((int(w), us) for w, us in (scan.get("by_width") or {}).items() if w != "3")
    shown = [f"{w} column{'' if w == 1 else 's'} {us:.1f}" for w, us in widths]
    return f" ({', '.join(shown)} µs/row)" if shown else ""


def misses(targets: list[dict]) -> list[str]:
    """The "Misses and why" section: each target missed or not measured, with what the run shows."""
    lines = ["", "## Misses and why", "", "Computed by `bench/run.py` from `results.json` (`why` of each target).", ""]
    missed = [v for v in targets if not v["met"]]
    for v in missed:
        state = "not measured in this run" if v["met"] is None else f"measured {v['measured']} against {v['limit']}"
        why = v.get("why") or "The run gives no figure that shows the gap to be structural"
        lines.append(f"- **{v['target']}**: {state}" + (f". {why}." if v["met"] is not None else "."))
    return lines + ([] if missed else ["Every target is met."])


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
    ap.add_argument("--report", type=Path, nargs="+", metavar="RESULTS_JSON",
                    help="only judge the runs of these results.json files again (a later file's scales and seed "
                         "replace an earlier one's) and write them with RESULTS.md beside the first")
    args = ap.parse_args(argv)
    if args.report:
        write_results(args.report[0].parent, *joined([json.loads(f.read_text(encoding="utf-8")) for f in args.report]))
        return 0
    if args.queries:
        return queries_only(args.queries)
    if args.one:
        print(json.dumps(measure_one(args.one, browser=not (args.smoke or args.no_browser),
                                     rdflib_max=RDFLIB_MAX_SCALE)))
        return 0
    load = load_average()
    seed, seed_cpu = seed_build()
    print(f"seed: `recgraph build` end to end {seed:.2f} s wall, {seed_cpu:.2f} CPU-s", flush=True)
    runs = []
    out = args.out or (Path(tempfile.mkdtemp()) if args.smoke else ROOT / "bench")
    out.mkdir(parents=True, exist_ok=True)
    argv = argv if argv is not None else sys.argv[1:]
    for scale in args.scales:
        flags = ["--smoke"] if args.smoke else (["--no-browser"] if args.no_browser else [])
        proc = subprocess.run([sys.executable, str(Path(__file__)), "--one", str(scale), *flags],
                              stdout=subprocess.PIPE, text=True, cwd=ROOT)
        if proc.returncode:
            return proc.returncode
        runs.append(json.loads(proc.stdout.strip().splitlines()[-1]))
        r = runs[-1]
        print(f"{scale}x: {r['evaluations']} evaluations, {r['triples']} triples, build {build_wall(r):.2f} s wall, "
              f"peak {r['peak_gb']:.2f} GB", flush=True)
        write_results(out, argv, (seed, seed_cpu, load), runs)  # after each scale: a later scale that fails keeps these
    print(markdown(write_results(out, argv, (seed, seed_cpu, load), runs)))
    return 0


def joined(results: list[dict]) -> tuple:
    """The arguments of :func:`write_results` for runs measured apart: per scale the last file's run, the
    last file's seed, and which run each came from (a single file is judged again as it is)."""
    if len(results) == 1:
        r = results[0]
        return r["argv"], (r["seed_build_wall_s"], r.get("seed_build_cpu_s"), r.get("load_at_seed_build")), r["runs"], r
    runs = {run["scale"]: (i, run) for i, r in enumerate(results) for run in r["runs"]}
    last = results[-1]
    def public(argv):  # where a run wrote its files is no part of what it measured
        return [a for i, a in enumerate(argv) if a != "--out" and (i == 0 or argv[i - 1] != "--out")]
    runs_from = [{"date": r["date"], "argv": public(r["argv"]), "seed": i == len(results) - 1,
                  "scales": sorted(s for s, (j, _) in runs.items() if j == i)} for i, r in enumerate(results)]
    argv = ["--scales", *[str(s) for s in sorted(runs)]]
    return (argv, (last["seed_build_wall_s"], last.get("seed_build_cpu_s"), last.get("load_at_seed_build")),
            [run for _, (_, run) in sorted(runs.items())], {**last, "runs_from": runs_from})


def write_results(out: Path, argv: list[str], seed: tuple[float, float, float], runs: list[dict],
                  measured: dict | None = None) -> dict:
    """results.json and RESULTS.md in ``out``; date and machine those of ``measured`` (a results.json) if given."""
    measured = measured or {"date": time.strftime("%Y-%m-%d"), "machine": machine()}
    result = {"date": measured["date"], "argv": argv, "machine": measured["machine"], "seed_build_wall_s": seed[0],
              "seed_build_cpu_s": seed[1], "load_at_seed_build": seed[2], "runs": runs}
    if measured.get("runs_from"):
        result["runs_from"] = measured["runs_from"]
    result["targets"] = verdicts({r["scale"]: r for r in runs}, *seed)
    (out / "results.json").write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (out / "RESULTS.md").write_text(markdown(result), encoding="utf-8")
    return result


if __name__ == "__main__":
    raise SystemExit(main())

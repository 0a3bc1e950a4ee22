"""The one output writer: every file of a build rendered into a staging folder, then switched in.

A renderer is ``fn(build, folder, workers)`` writing its files into ``folder``; adding an output
is one line in :data:`RENDERERS` (or :data:`VIEW_RENDERERS` for those that read the views' facts).
:func:`write_build` renders into a sibling of ``--out`` and replaces it at once (graph.swap).
"""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import shutil
import traceback
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pyoxigraph as ox

from recgraph import exports
from recgraph.build import MEMORY_STORE_MAX_TRIPLES, Build, Clock, summarise
from recgraph.csvfile import to_csv
from recgraph.jsonld import CONTEXT_FILE, write_jsonld
from recgraph.namespace import DEFAULT_BASE
from recgraph.serialize import PREFIXES
from recgraph.swap import staging
from recgraph.views import FACT_GROUPS, read_facts_nt, read_routed_facts, remove_routed, route_facts
from recgraph.vocab import load_scheme, ontology_path
from recgraph.workers import Pending, become_worker, start, start_method


def _turtle(nt: str, out: str) -> None:
    # the parsed quads (default graph) serialised as they come: no generator taking out their triples;
    # graph.nt is Oxigraph's own N-Triples (graph.pipeline), its IRIs and language tags not checked again
    ox.serialize(ox.parse(path=nt, format=ox.RdfFormat.N_TRIPLES, lenient=True), output=out,
                 format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)


def _jsonld(nt: str, out: str, base: str) -> None:
    write_jsonld(nt, out, base)  # from the lines themselves: no term objects parsed (graph.jsonld)


BACKGROUND_NICE = 5
"""How much lower than the build's the CPU priority of the graph writers of a large build is (:func:`_background`)."""


def _background(fn, *args) -> None:
    """``fn(*args)`` at a lower CPU priority (:data:`BACKGROUND_NICE`): a writer that nothing waits
    for until the end takes the cores the stages everything waits for leave idle, instead of
    sharing a core with them (at 1000x the facts were read by one process for ~40 s after the
    writers had finished beside it, while the site's single-core joins came later with no one
    beside them)."""
    os.nice(BACKGROUND_NICE)
    fn(*args)


def big_build(b: Build) -> bool:
    """A build whose views' facts are read by a process of their own (beyond :data:`MEMORY_STORE_MAX_TRIPLES`)."""
    return b.triple_count > MEMORY_STORE_MAX_TRIPLES


def graph_files(b: Build, out: Path, workers: int = 1) -> list[Pending]:
    """``graph.nt`` (the merged graph itself), ``graph.ttl`` and ``graph.jsonld`` streamed from it, and
    the JSON-LD context ``context.jsonld``.

    The Turtle and the compact JSON-LD are written by processes of their own (with ``workers`` > 1)
    while the other renderers run: both are single-threaded streams over the whole graph (the
    JSON-LD ~1.8 us of Python per triple, read from the lines as bytes), the largest part of a large build's rendering; :func:`render`
    waits for them before it finishes (stage ``serialise wait``).  For a large build
    (:func:`big_build`) they start fresh (not copies of this process: graph.workers.start) and
    run in the background (:func:`_background`)."""
    try:
        os.link(b.graph, out / "graph.nt")
    except OSError:
        shutil.copyfile(b.graph, out / "graph.nt")
    shutil.copyfile(ontology_path(CONTEXT_FILE), out / CONTEXT_FILE)
    jobs = [(_jsonld, str(b.graph), str(out / "graph.jsonld"), b.base),  # compact, with the context; the longer first
            (_turtle, str(b.graph), str(out / "graph.ttl"))]
    if workers > 1 and big_build(b):
        return [start(_background, *job, workers=workers, fresh=True) for job in jobs]
    return [start(*job, workers=workers) for job in jobs]


def export_files(b: Build, out: Path, workers: int = 1) -> None:
    """The spreadsheet exports (graph.exports)."""
    themes = load_scheme(ontology_path("themes.ttl"))
    (out / "plan_themes.csv").write_bytes(to_csv(exports.PLAN_THEMES, exports.plan_theme_rows(b, themes)))
    (out / "recommendations.csv").write_bytes(
        to_csv(exports.RECOMMENDATIONS, exports.recommendation_rows(b, b.resolver, exports.current_status(b))))
    (out / "figures.csv").write_bytes(to_csv(exports.FIGURES, exports.figure_rows(b)))


def summary_file(b: Build, out: Path, workers: int = 1) -> None:
    """``summary.json``: the headline counts, timings left out (deterministic)."""
    summary = summarise(b)
    summary.pop("seconds")
    (out / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _chart_server(conns: list, count: int) -> None:
    """The chart drawers: imports matplotlib and finds the CJK font at once (while the build goes
    on), then, still single-threaded, forks itself into one drawer per connection, so the second
    drawer costs no second import (~0.5 s of CPU, a tenth of a seed build's).  Drawer ``i`` draws
    every ``count``-th chart of :data:`charts.CHARTS` from the tables sent on ``conns[i]``."""
    from recgraph.workers import threads

    become_worker()
    try:
        from recgraph import charts  # imports matplotlib where charts are drawn only

        charts.warm_up()  # the font list read and the first chart's costs paid now, not on the critical path
    except BaseException as e:  # handed to the parent, which re-raises it
        for conn in conns:
            conn.send((False, e))
        return
    if threads() > 1 or not hasattr(os, "fork"):  # forking now could deadlock: the drawers in turn
        for i, conn in enumerate(conns):
            _draw_charts(charts, i, count, conn)
        return
    drawers = []
    for i in range(1, len(conns)):
        pid = os.fork()
        if pid == 0:
            try:
                for other in conns[:i] + conns[i + 1:]:
                    other.close()  # a drawer that dies then closes what the parent waits on
                _draw_charts(charts, i, count, conns[i])
            finally:
                os._exit(0)  # a forked drawer never returns into the code it was forked from
        drawers.append(pid)
        conns[i].close()
    _draw_charts(charts, 0, count, conns[0])
    for pid in drawers:  # reaped: no zombie, and its CPU time counts in the build's (getrusage of children)
        os.waitpid(pid, 0)


def _draw_charts(charts, index: int, count: int, conn) -> None:
    """One drawer: waits for the tables, draws its charts and sends back their warnings."""
    try:
        job = conn.recv()
        if job is None:
            return
        tables, out = job
        conn.send((True, charts.write_charts(tables, out, list(charts.CHARTS)[index::count])[1]))
    except EOFError:
        return
    except BaseException as e:  # handed to the parent, which re-raises it
        try:
            conn.send((False, e))
        except Exception:
            conn.send((False, RuntimeError("".join(traceback.format_exception(e)))))
    finally:
        conn.close()


class ChartDrawers:
    """Up to two drawers (one process, forked in two once matplotlib is imported) that draw the
    charts beside the rest of the build.

    Drawing the four charts takes matplotlib ~1.5 s of CPU on the seed (text layout of the CJK
    labels and the PNG and SVG renderings) plus ~0.6 s to import it and read its font list; done in
    turn with the other renderers it was the largest stage of the seed build.  The drawers are
    started early (``recgraph build`` starts them before reading the documents, when the second
    core is idle), import matplotlib meanwhile, are sent the views' facts as soon as those are read
    and draw while the analyses, the site and the HTML views are rendered; the index waits for
    them (it links the charts).  With ``workers <= 1`` no process is started: the charts are drawn
    here, in turn, as before.
    """

    def __init__(self, workers: int):
        self.procs, self.conns, self.sent = [], [], False
        n = min(2, workers)
        if n <= 1:
            return
        ctx = mp.get_context(start_method())
        pipes = [ctx.Pipe() for _ in range(n)]
        p = ctx.Process(target=_chart_server, args=([theirs for _, theirs in pipes], n), daemon=True)
        p.start()
        for mine, theirs in pipes:
            theirs.close()
            self.conns.append(mine)
        self.procs.append(p)

    def draw(self, g: "Views", out: Path) -> None:
        """Start drawing ``g``'s charts into ``out`` (here and now without processes)."""
        if not self.procs:
            from recgraph.charts import write_charts

            g.warnings.extend(write_charts(g.facts, out)[1])
            return
        for conn in self.conns:
            conn.send((g.facts, out))
        self.sent = True

    def wait(self, g: "Views") -> None:
        """Wait for the charts being drawn; their warnings join ``g``'s."""
        if not self.sent:
            return
        self.sent = False
        found = set()
        for conn in self.conns:
            try:
                ok, value = conn.recv()
            except EOFError:
                self.procs[0].join(timeout=5)
                raise RuntimeError(f"a chart process died (exit code {self.procs[0].exitcode})") from None
            if not ok:
                raise value
            found.update(value)
        g.warnings.extend(sorted(found))

    def close(self) -> None:
        """Stop the drawers: each is told to end (a forked one ends when its connection closes)."""
        for conn in self.conns:
            try:
                conn.send(None)
            except OSError:
                pass
        for p in self.procs:
            p.join(timeout=5)
            if p.is_alive():
                p.terminate()
                p.join()
        for conn in self.conns:
            conn.close()
        self.procs, self.conns = [], []

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def analysis_files(g: "Views", out: Path, workers: int = 1) -> None:
    """``analysis.json``, its CSV tables and ``analysis.ttl`` (graph.analysis_io)."""
    from recgraph.analysis_io import write_analyses

    write_analyses(g.facts, out, base=g.base, workers=workers)


def chart_files(g: "Views", out: Path, workers: int = 1) -> None:
    """``charts/*.svg`` and ``*.png`` (graph.charts), drawn by :class:`ChartDrawers` beside the
    renderers that follow; the index waits for them."""
    g.charts.draw(g, out / "charts")


def _site(store, out: Path, base: str, facts, workers: int, nt, mentions: str, records) -> dict:
    """graph.site.write_site; what it shares with the HTML views (its ``shared``)."""
    from recgraph.site import write_site

    shared: dict = {}
    write_site(store, out, base=base, facts=facts, workers=workers, nt=nt, mentions=mentions, shared=shared,
               records=records)
    return shared


def records_file(b: Build) -> Path:
    """Where a large build's site records are saved (:func:`site_records`): beside its ``graph.nt``."""
    return Path(b.graph).with_name("site-records.pickle")


def site_records(b: Build, workers: int) -> Pending | None:
    """The site's records read from ``graph.nt`` by a process of their own (graph.site.save_records,
    itself reading in ``workers`` ranges) into :func:`records_file`, whose path is the result:
    started by :func:`_render` for a large build first of the render, beside the exports, and the
    views' facts read once it has ended (:func:`_views`), so the site's process only loads them.
    Read after the facts, they were read beside the analyses and left the site stage waiting for
    them (~40 s at 1000x); read beside the facts, the two readers' ~2.3 GB each put the build's
    peak over 6 GB.  None where the site's process would not be forked: the site reads them itself."""
    if start_method() != "fork":
        return None
    from recgraph.site import save_records

    return start(save_records, str(b.graph), workers, str(records_file(b)), workers=workers, daemon=False,
                 fresh=True)


def routed_facts(b: Build, workers: int) -> Pending:
    """The lines of ``graph.nt`` the views' facts are read from, picked by a process of their own
    (graph.views.route_facts) into files beside it, whose paths are the result: started by
    :func:`_render` for a large build beside the site's records reader, whose ranges and joins it
    shares the cores with (with the graph writers, which run at a lower priority), so that the
    facts' reader (:func:`_views`) only loads and queries them: the pass over every line (~11 s of
    one core at 1000x) was the first part of that reader, alone on the build's critical path."""
    return start(route_facts, str(b.graph), routed_paths(b), workers=workers, fresh=True)


def routed_paths(b: Build) -> list[str]:
    """Where :func:`routed_facts` writes: beside the build's ``graph.nt``."""
    return [str(Path(b.graph).with_name(f"facts-{i}.nt")) for i in range(len(FACT_GROUPS))]


SITE_APART_MIN_BYTES = 32 * 2 ** 20
"""From this size of ``graph.nt`` (~10x the seed's) the site is written by a process of its own (:func:`site_files`)."""


def site_files(g: "Views", out: Path, workers: int = 1) -> None:
    """The static site: reports, themes, agencies and the recommendations table (graph.site), its
    records read from the build's canonical ``graph.nt`` when there is one (no store queried).

    With ``workers`` > 1 and a graph read from ``graph.nt``, in a process of its own (which forks
    its page workers): its records, millions of small objects (~3 GB at 1000x), leave with it.  Read
    here, they were freed after the stage but their memory stayed this process's (the heap does
    not shrink around the objects that outlive them), and the HTML views' workers forked from it
    after: at 1000x the peak of the build's memory (bench/RESULTS.md).  A graph smaller than
    :data:`SITE_APART_MIN_BYTES` is written here: its records are small, and a process of its own
    imported the site's modules and Jinja a second time (a tenth of the seed's rendering)."""
    apart = (workers > 1 and g.store is None and start_method() == "fork"
             and g.graph is not None and os.path.getsize(g.graph) >= SITE_APART_MIN_BYTES)
    g.site.update(start(_site, g.store, out, g.base, g.facts, workers, g.graph, g.mentions, g.records,
                        workers=workers if apart else 1, daemon=False).result())
    g.records = None  # loaded by the site's process (or here), which removed the file


def void_file(b: Build, out: Path, workers: int = 1) -> None:
    """``void.ttl``: the dataset description (graph.void)."""
    from recgraph.void import describe

    (out / "void.ttl").write_bytes(describe(b))


def html_files(g: "Views", out: Path, workers: int = 1) -> None:
    """The interactive pages and ``index.html``, which links every file rendered before it (graph.html)."""
    from recgraph.html import render_all

    render_all(g.facts, out, workers=workers, base=g.base, site=g.site,  # node panels link the site's pages
               before_index=lambda: g.charts.wait(g))  # the index links the charts


@dataclass
class Views:
    """What the view renderers read: the graph's store, its base IRI and the facts the views read from it (read once).

    ``mentions``: plans linked to themes through subject mentions only (default), or ``"all"``."""

    store: ox.Store | None  # None when ``facts`` are read from ``graph`` (a build's views)
    base: str = DEFAULT_BASE
    mentions: str = "subject"
    graph: Path | None = None  # the same graph as canonical N-Triples (a build's graph.nt), if any
    warnings: list[str] = field(default_factory=list)  # e.g. charts skipped for want of a CJK font
    site: dict = field(default_factory=dict)  # what the site stage shares with the network pages and index
    records: str | None = None  # the file the site's records were saved to (:func:`site_records`)
    charts: ChartDrawers = field(default_factory=lambda: ChartDrawers(1), repr=False)

    @cached_property
    def facts(self):
        from recgraph.views import facts

        return facts(self.store, self.mentions)


RENDERERS = {"serialise": graph_files, "exports": export_files, "void": void_file}
EARLY = ("serialise",)
"""The Build's renderers run before the views' facts are read even when those are read here (the
graph writers' processes start at once); the others then run once the charts are being drawn."""
VIEW_RENDERERS = {"charts": chart_files, "analyses": analysis_files, "site": site_files, "html": html_files}
LAST_RENDERERS = {"summary": summary_file}
"""The renderers by stage name, run in this order: the views after the graph files (the charts
first: they are drawn by their own processes while the others run), the index last of the views
(it links everything, and waits for the charts), the summary last of all (it lists the views' warnings); a
Build's renderers take the Build, the views' a :class:`Views`."""


def render(b: Build | Views, folder: str | Path, views: bool = True, workers: int = 1,
           progress=lambda stage, seconds: None, mentions: str = "subject",
           charts: ChartDrawers | None = None) -> list[Path]:
    """Every renderer's files written into ``folder`` (only the views' for a :class:`Views`); the
    files written, sorted.  ``progress(stage, seconds)`` is told as each stage finishes.
    ``charts``: drawers started earlier (default: started now, for ``workers`` > 1)."""
    if views and charts is None:
        with ChartDrawers(workers) as charts:  # they import matplotlib while the graph files are written
            return render(b, folder, views, workers, progress, mentions, charts)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    clock = Clock(progress)
    pending: list[Pending] = []  # writers running in processes of their own
    started: list[Pending] = []  # processes whose result another stage receives (the site's records)
    try:
        return _render(b, folder, views, workers, clock, mentions, charts, pending, started)
    finally:
        for p in pending + started:
            p.close()
        if started:  # left by a render that failed before the site loaded them
            records_file(b).unlink(missing_ok=True)
            remove_routed(routed_paths(b))


def _reads_apart(b, views: bool, workers: int) -> bool:
    """A large build's views (:func:`big_build`, with workers): the site's records and the views'
    facts are read from ``graph.nt`` by processes of their own, one after the other
    (:func:`site_records`, then :func:`_views`, from the lines :func:`routed_facts` picked beside
    the records' reader), while the graph files and exports are written;
    every later view waits for the facts (stage ``store``: the wait that is left after the graph
    files and exports), the graph writers for nothing."""
    return views and isinstance(b, Build) and workers > 1 and big_build(b)


def _render(b, folder: Path, views: bool, workers: int, clock: Clock, mentions: str, charts, pending: list,
            started: list):
    apart = _reads_apart(b, views, workers)
    records = site_records(b, workers) if apart else None
    if records is not None:
        started.append(records)
    routed = routed_facts(b, workers) if apart else None
    if routed is not None:
        started.append(routed)
    # the facts read here (not by a process of their own): read before the exports, so that the chart
    # drawers have them sooner (the second core idles until then); the graph writers start first
    later = [s for s in RENDERERS if s not in EARLY] if views and isinstance(b, Build) and not apart else []
    if isinstance(b, Build):
        _run(RENDERERS, b, folder, workers, clock, pending, skip=later)
    if views:
        _views(b, folder, workers, clock, mentions, charts, apart, (records, routed), after_charts=lambda: _run(
            {s: RENDERERS[s] for s in later}, b, folder, workers, clock, pending))
    if pending:
        for p in pending:
            p.result()
        clock.lap("serialise wait")
    if isinstance(b, Build):
        for stage, renderer in LAST_RENDERERS.items():
            renderer(b, folder, workers)
            clock.lap(stage)
    return sorted(p for p in folder.rglob("*") if p.is_file())


def _views(b, folder: Path, workers: int, clock: Clock, mentions: str, charts, apart: bool, readers,
           after_charts) -> None:
    """The views' renderers (:data:`VIEW_RENDERERS`) of a Build (its facts read from ``graph.nt``:
    with ``apart`` by a process of their own from the lines :func:`routed_facts` picked, once the
    site's records are saved; ``readers`` the two :class:`Pending`) or of :class:`Views`;
    ``after_charts()`` runs once the charts are being drawn."""
    if isinstance(b, Views):
        g = b
    else:  # the facts from graph.nt: no store of the whole graph is loaded (graph.views.read_facts_nt)
        g = Views(None, b.base, mentions, graph=b.graph)
        if apart:  # one reader at a time: the records' has ended (and freed its memory) when the facts' starts
            records, routed = readers
            g.records = records.result() if records is not None else None
            g.facts = start(read_routed_facts, routed.result(), mentions, workers=workers, fresh=True).result()
        else:
            g.facts = read_facts_nt(b.graph, mentions)
    g.charts = charts
    clock.lap("store")
    g.facts  # read once here, so the time it takes is a stage of its own
    clock.lap("facts")
    for stage, renderer in VIEW_RENDERERS.items():
        renderer(g, folder, workers)
        clock.lap(stage)
        if stage == "charts":
            after_charts()
    if isinstance(b, Build):
        b.warnings.extend(g.warnings)


def _run(renderers: dict, b: Build, folder: Path, workers: int, clock: Clock, pending: list, skip=()) -> None:
    """The Build's ``renderers`` but those named in ``skip``, each a stage; writers still running join ``pending``."""
    for stage, renderer in renderers.items():
        if stage not in skip:
            pending += renderer(b, folder, workers) or []
            clock.lap(stage)


def write_build(b: Build | Views, out: str | Path, views: bool = True, workers: int = 1,
                progress=lambda stage, seconds: None, mentions: str = "subject",
                charts: ChartDrawers | None = None) -> list[Path]:
    """Render every file of ``b`` and replace ``out`` with them at once; the files, as under ``out``.

    For a :class:`Views` the views are added to what ``out`` holds (the rest of the build stays)."""
    out = Path(out)
    with staging(out, keep=isinstance(b, Views)) as new:
        names = [p.relative_to(new) for p in render(b, new, views, workers, progress, mentions, charts)]
    return [out / name for name in names]

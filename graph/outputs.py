"""The one output writer: every file of a build rendered into a staging folder, then switched in.

A renderer is ``fn(build, folder, workers)`` writing its files into ``folder``; adding an output
is one line in :data:`RENDERERS` (or :data:`VIEW_RENDERERS` for those that read the views' facts).
:func:`write_build` renders into a sibling of ``--out`` and replaces it at once (graph.swap).
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass, field
from functools import cached_property, partial
from pathlib import Path

import pyoxigraph as ox

from recgraph import exports
from recgraph.build import Build, Clock, summarise
from recgraph.csvfile import to_csv
from recgraph.jsonld import CONTEXT_FILE, write_jsonld
from recgraph.namespace import DEFAULT_BASE
from recgraph.serialize import PREFIXES
from recgraph.swap import staging
from recgraph.vocab import load_scheme, ontology_path
from recgraph.workers import fork_map


def graph_files(b: Build, out: Path, workers: int = 1) -> None:
    """``graph.nt`` (the merged graph itself), ``graph.ttl`` and ``graph.jsonld`` streamed from it, and
    the JSON-LD context ``context.jsonld``."""
    try:
        os.link(b.graph, out / "graph.nt")
    except OSError:
        shutil.copyfile(b.graph, out / "graph.nt")
    triples = (q.triple for q in ox.parse(path=str(b.graph), format=ox.RdfFormat.N_TRIPLES))
    ox.serialize(triples, output=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    triples = (q.triple for q in ox.parse(path=str(b.graph), format=ox.RdfFormat.N_TRIPLES))
    write_jsonld(triples, out / "graph.jsonld", b.base)  # compact, with the context below (graph.jsonld)
    shutil.copyfile(ontology_path(CONTEXT_FILE), out / CONTEXT_FILE)


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


def _draw_chart(t, out: Path, name: str) -> list[str]:
    from recgraph.charts import write_charts  # imports matplotlib where charts are drawn only

    return write_charts(t, out, [name])[1]  # warnings (no CJK font: charts skipped, fix named)


def analysis_files(g: "Views", out: Path, workers: int = 1) -> None:
    """``analysis.json``, its CSV tables and ``analysis.ttl`` (graph.analysis_io)."""
    from recgraph.analysis_io import write_analyses

    write_analyses(g.facts, out, base=g.base, workers=workers)


def chart_files(g: "Views", out: Path, workers: int = 1) -> None:
    """``charts/*.svg`` and ``*.png``, one chart per worker at a time (graph.charts)."""
    from recgraph.charts import CHARTS

    drawn = fork_map(partial(_draw_chart, g.facts, out / "charts"), list(CHARTS), workers)
    g.warnings.extend(sorted({w for chart_warnings in drawn for w in chart_warnings}))


def site_files(g: "Views", out: Path, workers: int = 1) -> None:
    """The static site: reports, themes, agencies and the recommendations table (graph.site)."""
    from recgraph.site import write_site

    write_site(g.store, out, base=g.base, facts=g.facts, workers=workers)


def void_file(b: Build, out: Path, workers: int = 1) -> None:
    """``void.ttl``: the dataset description (graph.void)."""
    from recgraph.void import describe

    (out / "void.ttl").write_bytes(describe(b))


def html_files(g: "Views", out: Path, workers: int = 1) -> None:
    """The interactive pages and ``index.html``, which links every file rendered before it (graph.html)."""
    from recgraph.html import render_all

    render_all(g.facts, out, workers=workers, base=g.base)  # node panels link the site's pages


@dataclass
class Views:
    """What the view renderers read: the graph's store, its base IRI and the facts the views read from it (read once).

    ``mentions``: plans linked to themes through subject mentions only (default), or ``"all"``."""

    store: ox.Store
    base: str = DEFAULT_BASE
    mentions: str = "subject"
    warnings: list[str] = field(default_factory=list)  # e.g. charts skipped for want of a CJK font

    @cached_property
    def facts(self):
        from recgraph.views import facts

        return facts(self.store, self.mentions)


RENDERERS = {"serialise": graph_files, "exports": export_files, "void": void_file}
VIEW_RENDERERS = {"analyses": analysis_files, "charts": chart_files, "site": site_files, "html": html_files}
LAST_RENDERERS = {"summary": summary_file}
"""The renderers by stage name, run in this order: the views after the graph files, the index last
of the views (it links everything), the summary last of all (it lists the views' warnings); a
Build's renderers take the Build, the views' a :class:`Views`."""


def render(b: Build | Views, folder: str | Path, views: bool = True, workers: int = 1,
           progress=lambda stage, seconds: None, mentions: str = "subject") -> list[Path]:
    """Every renderer's files written into ``folder`` (only the views' for a :class:`Views`); the
    files written, sorted.  ``progress(stage, seconds)`` is told as each stage finishes."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    clock = Clock(progress)
    if isinstance(b, Build):
        for stage, renderer in RENDERERS.items():
            renderer(b, folder, workers)
            clock.lap(stage)
    if views:
        g = b if isinstance(b, Views) else Views(b.store, b.base, mentions)
        clock.lap("store")
        g.facts  # read once here, so the time it takes is a stage of its own
        clock.lap("facts")
        for stage, renderer in VIEW_RENDERERS.items():
            renderer(g, folder, workers)
            clock.lap(stage)
        if isinstance(b, Build):
            b.warnings.extend(g.warnings)
    if isinstance(b, Build):
        for stage, renderer in LAST_RENDERERS.items():
            renderer(b, folder, workers)
            clock.lap(stage)
    return sorted(p for p in folder.rglob("*") if p.is_file())


def write_build(b: Build | Views, out: str | Path, views: bool = True, workers: int = 1,
                progress=lambda stage, seconds: None, mentions: str = "subject") -> list[Path]:
    """Render every file of ``b`` and replace ``out`` with them at once; the files, as under ``out``.

    For a :class:`Views` the views are added to what ``out`` holds (the rest of the build stays)."""
    out = Path(out)
    with staging(out, keep=isinstance(b, Views)) as new:
        names = [p.relative_to(new) for p in render(b, new, views, workers, progress, mentions)]
    return [out / name for name in names]

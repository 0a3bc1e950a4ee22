"""The one output writer: every file of a build rendered into a staging folder, then switched in.

A renderer is ``fn(build, folder, workers)`` writing its files into ``folder``; adding an output
is one line in :data:`RENDERERS` (or :data:`VIEW_RENDERERS` for those that need the views).
:func:`write_build` renders into a sibling of ``--out`` and replaces it at once (graph.swap).
"""

from __future__ import annotations

import json
import os
import shutil
from functools import partial
from pathlib import Path

import pyoxigraph as ox

from recgraph import exports
from recgraph.build import Build, summarise
from recgraph.csvfile import to_csv
from recgraph.jsonld import CONTEXT_FILE, write_jsonld
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
        to_csv(exports.RECOMMENDATIONS, exports.recommendation_rows(b, b.resolver)))
    (out / "figures.csv").write_bytes(to_csv(exports.FIGURES, exports.figure_rows(b)))


def summary_file(b: Build, out: Path, workers: int = 1) -> None:
    """``summary.json``: the headline counts, timings left out (deterministic)."""
    summary = summarise(b)
    summary.pop("seconds")
    (out / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _draw_chart(t, out: Path, name: str) -> None:
    from recgraph.charts import write_charts  # imports matplotlib where charts are drawn only

    write_charts(t, out, [name])


def view_files(source, out: Path, workers: int = 1, mentions: str = "subject") -> None:
    """Analyses, charts and the HTML views (index last, so it links the others) of a Build or a store.

    ``mentions``: plans linked to themes through subject mentions only (default), or ``"all"``.
    """
    from recgraph.analysis_io import write_analyses
    from recgraph.charts import CHARTS
    from recgraph.html import render_all
    from recgraph.site import write_site
    from recgraph.views import tables

    t = tables(source.store if isinstance(source, Build) else source, mentions)  # the graph read once for all three
    base = source.base if isinstance(source, Build) else None
    write_analyses(t, out, **({"base": base} if base else {}), workers=workers)
    list(fork_map(partial(_draw_chart, t, out / "charts"), list(CHARTS), workers))
    write_site(source.store if isinstance(source, Build) else source, out, **({"base": base} if base else {}),
               tables=t)  # the static site, before the index that links it
    render_all(t, out, workers=workers)


def void_file(b: Build, out: Path, workers: int = 1) -> None:
    """``void.ttl``: the dataset description (graph.void)."""
    from recgraph.void import describe

    (out / "void.ttl").write_bytes(describe(b))


RENDERERS = (graph_files, export_files, summary_file, void_file)
VIEW_RENDERERS = (view_files,)


def render(b: Build, folder: str | Path, views: bool = True, workers: int = 1, mentions: str = "subject") -> list[Path]:
    """Every renderer's files written into ``folder``; the files written, sorted."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for renderer in RENDERERS:
        renderer(b, folder, workers)
    for renderer in VIEW_RENDERERS if views else ():
        renderer(b, folder, workers, mentions)
    return sorted(p for p in folder.rglob("*") if p.is_file())


def write_build(b: Build, out: str | Path, views: bool = True, workers: int = 1,
                mentions: str = "subject") -> list[Path]:
    """Render every file of ``b`` and replace ``out`` with them at once; the files, as under ``out``."""
    out = Path(out)
    with staging(out) as new:
        names = [p.relative_to(new) for p in render(b, new, views, workers, mentions)]
    return [out / name for name in names]

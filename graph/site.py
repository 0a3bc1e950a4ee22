"""The static site: a page per recommendation, plan evaluation, agency and theme, their indexes
and the filterable recommendations table, all from the graph, opened from disk with no server.

Pages are rendered by autoescaping Jinja templates (``graph/templates/site/``), so text from
documents reaches them only as escaped text; they run no script, except the table page, which
loads the vendored Tabulator and its data from ``<script src>`` files beside it (``file://``
refuses ``fetch()``).  Page paths mirror IRIs (:func:`graph.site_pages.page_path`).

This module lists the pages and writes them (:func:`write_site`); what each kind of page shows
is worked out in ``site_plans`` (reports, plan evaluations, recommendations), ``site_themes``,
``site_agencies``, ``site_indexes`` and ``site_table``, over the records of ``site_model``.
"""

from __future__ import annotations

import os
import pickle
import shutil
from collections import defaultdict
from functools import partial
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from recgraph import views as V
from recgraph.jinja_cache import bytecode_cache
from recgraph.namespace import DEFAULT_BASE
from recgraph.site_agencies import agencies_with_pages, agency_page
from recgraph.site_data import SiteData, join, read_nt, read_site_data, with_facts
from recgraph.site_indexes import indexes
from recgraph.site_model import Site
from recgraph.site_pages import shared_neighbours, slug
from recgraph.site_plans import evaluation_page, recommendation_page, report_list, report_page
from recgraph.site_themes import root_theme, theme_mentions, theme_page, theme_quotes

TEMPLATES = Path(__file__).parent / "templates"

STATIC = {"static/tabulator.min.js": "vendor/tabulator/tabulator.min.js",
          "static/tabulator.min.css": "vendor/tabulator/tabulator.min.css",
          "static/tabulator-LICENSE.txt": "vendor/tabulator/LICENSE",
          "static/site.css": "site/site.css", "static/table.js": "site/table.js"}

SIMILAR_K = 20


def prepare(site: Site) -> None:
    """Work out once what several pages share: similar plans, each agency's and theme's pages,
    the file of each theme's network page."""
    d, t = site.d, site.t
    site.similar = shared_neighbours(dict(site.themes_of_plan), SIMILAR_K)
    led, named, addressed = defaultdict(list), defaultdict(list), defaultdict(list)
    for e, tev in t.evaluations.items():
        for a in tev["lead"]:
            led[a].append(e)
        for a in tev["involved"]:
            named[a].append(e)
    for r, rec in d.recommendations.items():
        for a in rec["addressed_to"]:
            addressed[a].append(r)
    site.agency_list, site.led, site.named, site.addressed = agencies_with_pages(site, led, named, addressed), led, named, addressed
    theme_plans: dict[str, dict[str, set]] = {}  # theme -> evaluation -> themes found as (picklable)
    above = V.ancestors({th for ths in site.themes_of_plan.values() for th in ths}, t.broader)
    for e, ev in d.evaluations.items():
        for found in site.themes_of_plan.get(ev["plan"], ()):
            for th in above[found]:
                theme_plans.setdefault(th, {}).setdefault(e, set()).add(found)
    theme_recs = defaultdict(list)
    for r, rec in d.recommendations.items():
        for th in V.with_broader(rec["themes"], t.broader):
            theme_recs[th].append(r)
    mentions = theme_mentions(site)
    site.theme_plans, site.theme_recs, site.theme_mentions = theme_plans, theme_recs, mentions
    site.theme_list = sorted(set(theme_plans) | set(theme_recs) | set(mentions))  # every theme any plan or rec has
    roots = {th: root_theme(site, th) for th in site.theme_list}  # a theme's network is its top-level theme's
    site.networks = {th: f"theme-{slug(root)}.html" for th, root in roots.items() if root in theme_plans}


def items(site: Site) -> list[tuple[str, str]]:
    """Every page as ``(kind, IRI)``, in the order they are written; the indexes are one item, the
    recommendations table another (first: the largest, rendered by a worker beside the pages)."""
    return ([("table", "")] + [("recommendation", r) for r in site.d.recommendations] +
            [("report", r) for r in site.d.reports] +
            [("evaluation", e) for e in site.d.evaluations] + [("agency", a) for a in site.agency_list] +
            [("theme", th) for th in site.theme_list] + [("indexes", "")])


def page(site: Site, item: tuple[str, str]):
    """The pages of one item as ``(path, template, context)``."""
    kind, iri = item
    if kind == "recommendation":
        yield site.path(iri), "recommendation.html", recommendation_page(site, iri)
    elif kind == "report":
        yield site.path(iri), "report.html", report_page(site, iri)
    elif kind == "evaluation":
        yield site.path(iri), "evaluation.html", evaluation_page(site, iri, site.similar.get(site.d.evaluations[iri]["plan"], []))
    elif kind == "agency":
        yield site.path(iri), "agency.html", agency_page(site, iri, site.led[iri], site.named[iri], site.addressed[iri])
    elif kind == "theme":
        yield site.path(iri), "theme.html", theme_page(site, iri, site.theme_plans.get(iri, {}), site.theme_recs.get(iri, []))
    else:
        yield from indexes(site, site.agency_list, site.theme_list, site.theme_plans, site.led, site.addressed)


def links(items: list[dict]) -> Markup:
    """Link records as HTML, separated by 、 (a Jinja filter: a macro call per list costs more).

    >>> str(links([{"href": "a.html", "label": "<b>", "en": "B"}, {"href": "c d.html", "label": "C"}]))
    '<a href="a.html" title="B">&lt;b&gt;</a>、<a href="c d.html">C</a>'
    """
    if not items:
        return Markup("—")
    # every value escaped here; the parts are plain str joined, then marked safe once
    return Markup("、".join(f'<a href="{escape(i["href"])}"' + (f' title="{escape(i["en"])}"' if i.get("en") else "")
                           + f'>{escape(i["label"])}</a>' for i in items))


def site_environment() -> jinja2.Environment:
    """The site's Jinja environment: its templates, autoescaping, with the ``links`` filter;
    templates are not checked for changes on disk during a build."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                             keep_trailing_newline=True, auto_reload=False, bytecode_cache=bytecode_cache())
    env.filters["links"] = links
    return env


def _write(path: Path, text: str, folders: set) -> Path:
    if path.parent not in folders:
        _folder(path.parent, folders)
    path.write_bytes(text.encode("utf-8"))
    return path


def _folder(folder: Path, folders: set) -> None:
    """Make ``folder`` from the top down, one ``mkdir`` a folder not yet in ``folders`` (``mkdir(parents=True)``
    tries the deepest first and fails once per missing level: ~12,000 calls for ~4,000 folders at 100x)."""
    if folder.parent not in folders and folder.parent != folder:
        _folder(folder.parent, folders)
    folder.mkdir(exist_ok=True)
    folders.add(folder)


PART_BLOCK = 256
"""Items a worker renders in a row (:func:`share`)."""

ALONE = frozenset({"table", "theme", "agency", "indexes"})
"""Kinds of item dealt to the workers one at a time (:func:`share`): few, and each costs as much as
hundreds of other pages (at 1000x a theme page ~140 ms of CPU, the table ~2 s: the 39 theme pages,
in one run, left one worker 5.5 s of CPU more than the other)."""


def share(work: list, part: int, parts: int, block: int) -> list:
    """Part ``part`` of ``parts`` of ``work`` (``(kind, IRI)`` items): every ``parts``-th run of up
    to ``block`` items of a kind, an item of a kind in :data:`ALONE` a run of its own.  A forked
    worker copies each memory page of the records it touches (their reference counts change): runs
    of neighbouring items (records read in IRI order lie near each other) share their pages with few
    other parts, where every ``parts``-th item made each worker touch nearly every page.

    >>> work = [("table", "")] + [("recommendation", i) for i in range(5)] + [("theme", i) for i in range(3)]
    >>> [x[1] for x in share(work, 1, 2, block=2)]
    [0, 1, 4, 1]
    """
    runs: list[list] = []
    for item in work:
        if item[0] in ALONE or not runs or len(runs[-1]) == block or runs[-1][0][0] != item[0] \
                or runs[-1][0][0] in ALONE:
            runs.append([])
        runs[-1].append(item)
    return [x for run in runs[part::parts] for x in run]


def _render_part(site: Site, out: Path, work: list, part: int, parts: int, block: int) -> list[str]:
    """Render and write part ``part`` of ``parts`` of ``work`` (:func:`share` in runs of ``block``,
    given by the parent: a worker started from the forkserver reads its own module); the paths
    written, relative to ``out``."""
    from recgraph.site_table import table_page

    env, written, folders = site_environment(), [], set()
    for item in share(work, part, parts, block):
        if item[0] == "table":
            for rel, data in table_page(site, env).items():
                _write(out / rel, data, folders)
                written.append(rel)
            continue
        for rel, template, ctx in page(site, item):
            root = "../" * rel.count("/")
            _write(out / rel, env.get_template("site/" + template).render(root=root, **ctx), folders)
            written.append(rel)
    return written

PARALLEL_MIN_PAGES = 5000
"""Sites with fewer pages are rendered in this process: starting the workers costs more than it
saves (each imports the site's modules and unpickles its records, ~1 s of CPU; a page takes
~0.5 ms: at 10x, 1,417 pages took 0.7 s of CPU in one process)."""


READ_APART_MIN_BYTES = 100 * 2 ** 20
"""From this size of ``graph.nt`` (~30x the seed's corpus) with workers, the records are read by a
process of their own and sent back (:func:`read_records`)."""


def read_records(nt, workers: int) -> SiteData:
    """The site's records without the views' facts (graph.site_data.with_facts adds them),
    ``graph.nt`` read by ``workers`` processes (graph.site_data.read_nt).

    Run in a process of its own for a large graph: reading keeps every subject's values until the
    records are joined, and that memory, freed among the records, stayed this process's heap (at
    1000x 3.2 GB of Python's arenas held 1.3 GB of objects, the facts included), inherited by the
    page workers, which copied the pages they allocated into.  Unpickled here, the records fill compact memory (at 1000x
    ~330 MB pickled, a few seconds each way).  A large build reads them first of its views, into a
    file (:func:`save_records`), before the facts (graph.outputs)."""
    return join(read_nt(nt, workers))


def save_records(nt, workers: int, path) -> str:
    """:func:`read_records` of ``nt`` pickled into the file ``path`` (its path back), for the
    site's process to load (:func:`load_records`) once the views' facts are read: the reader's
    process then ends, and its memory (~2.5 GB at 1000x) is the system's again while the facts are
    read (a reader waiting to hand its records over held it beside the facts reader's 2.3 GB).
    The collector is paused, as :func:`write_site` pauses it when it reads them itself (its range
    readers, forked, inherit that): each full pass walked the records read so far again."""
    from recgraph.workers import paused_gc

    with paused_gc(), open(path, "wb") as f:
        pickle.dump(read_records(nt, workers), f, protocol=pickle.HIGHEST_PROTOCOL)
    return str(path)


def load_records(path) -> SiteData:
    """The records :func:`save_records` wrote to ``path``; the file is removed."""
    with open(path, "rb") as f:
        d = pickle.load(f)
    os.unlink(path)
    return d


def write_site(source, out_dir, base: str = DEFAULT_BASE, facts: V.Facts | None = None,
               workers: int = 1, parallel_min_pages: int = PARALLEL_MIN_PAGES, nt=None,
               mentions: str = "subject", shared: dict | None = None, records=None) -> list[Path]:
    """Write the whole site into ``out_dir`` from ``source`` (a store or RDF file); return the paths.

    ``facts`` are the views' facts when already read; ``nt`` the same graph as canonical N-Triples
    (a build's ``graph.nt``), read instead of ``source`` (graph.site_data); ``mentions`` how
    ``facts`` link plans to themes (it names the theme pages' plan lists); ``workers`` processes
    render the pages (the same files).  Files are UTF-8, written in place: the build and
    ``recgraph viz`` give a staging folder that replaces the output as a whole.  ``shared``, when
    given, receives what the network pages and the start page show of the site (graph.html):
    ``theme_quotes`` (:func:`theme_quotes`) and ``reports`` (:func:`report_list`).  ``records``:
    the file the records of ``nt`` were saved to (:func:`save_records`; with ``facts``), loaded.
    """
    from recgraph.workers import fork_map, paused_gc, start

    out = Path(out_dir)
    # The collector is paused for the stage (forked workers inherit it so): the records are millions
    # of objects without reference cycles, which each pass would walk again (a quarter of reading
    # and joining at 100x), and rendering makes almost no cycles (under a thousand objects collected at 100x).
    with paused_gc():
        apart = (workers > 1 and facts is not None and nt is not None
                 and os.path.getsize(nt) >= READ_APART_MIN_BYTES)
        if records is not None:  # read before the facts (graph.outputs): only their facts to add
            d = with_facts(load_records(records), facts)
        elif apart:
            d = with_facts(start(read_records, nt, workers, workers=2, daemon=False).result(), facts)
        else:
            d = read_site_data(source, facts, nt)
        site = Site(d, base, mentions)
        prepare(site)
        if shared is not None:
            shared.update(theme_quotes=theme_quotes(site), reports=report_list(site))
        work = items(site)
        parts = workers if len(work) >= parallel_min_pages else 1
        render = partial(_render_part, site, out, work, parts=parts, block=PART_BLOCK)
        written = [out / rel for done in fork_map(render, range(parts), parts, here=True) for rel in done]
    for rel, src in STATIC.items():
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(TEMPLATES / src, target)
        written.append(target)
    return sorted(written)

"""What a build produces (:class:`Build`) and the stage helpers around it: the resolver, linking
across documents (repeats, status), the vocabulary, stage timing and the summary.

The stages are wired by graph.pipeline; graph.outputs renders a Build into files.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

import pyoxigraph as ox

from recgraph.agencies import DEFAULT_AGENCIES, load_agencies
from recgraph.iris import Iris
from recgraph.model import Extraction, Report, Violation
from recgraph.namespace import DEFAULT_BASE
from recgraph.rdf import Resolver
from recgraph.validate import ENGINES as VALIDATORS
from recgraph.vocab import load_scheme, ontology_dir, ontology_path


def check_validator(name: str) -> None:
    """Refuse an unknown validator before any work starts."""
    if name not in VALIDATORS:
        raise ValueError(f"unknown validator {name!r}; choose one of {', '.join(VALIDATORS)}")


class ValidationFailed(Exception):
    """The built graph violates the SHACL shapes; carries every violation."""

    def __init__(self, violations: list[Violation]):
        self.violations = violations
        lines = [f"SHACL validation failed with {len(violations)} violation(s):"]
        lines += [f"  {v}" for v in violations[:50]]
        if len(violations) > 50:
            lines.append(f"  ... and {len(violations) - 50} more")
        super().__init__("\n".join(lines))


class Clock:
    """Times consecutive stages into ``timings`` (seconds, summed per stage) and tells ``progress``.

    ``cpu``: this process's CPU seconds instead of wall seconds, for the per-document stages of
    the workers (summed over documents as their work): a worker's wall time also counts the time
    it waited for a core held by another process or for the disk, which grows with the machine's
    load and the build's size rather than with the work."""

    def __init__(self, progress=lambda stage, seconds: None, cpu: bool = False):
        self.timings: dict[str, float] = {}
        self.progress = progress
        self.now = time.process_time if cpu else time.perf_counter
        self.last = self.now()

    def lap(self, stage: str) -> None:
        now = self.now()
        self.timings[stage] = round(self.timings.get(stage, 0.0) + now - self.last, 4)
        self.progress(stage, now - self.last)
        self.last = now


MEMORY_STORE_MAX_TRIPLES = 5_000_000
"""Beyond this many triples (about 2 GB in memory) a build's store is kept on disk."""


@dataclass
class Build:
    """The outcome of a build: reports, extractions, the merged graph (canonical N-Triples in
    ``graph``), links across documents, warnings and stage timings."""

    reports: list[Report]
    extractions: list[dict[int, Extraction]]
    graph: Path
    base: str
    resolver: Resolver
    tracked: "Tracked"
    warnings: list[str]
    timings: dict[str, float]
    validator: str
    triple_count: int
    worker_seconds: dict[str, float]  # per-document stages summed over the workers (CPU seconds)

    @cached_property
    def triples(self) -> list[ox.Triple]:
        """Every triple, in canonical order (read from ``graph``)."""
        return [q.triple for q in ox.parse(path=str(self.graph), format=ox.RdfFormat.N_TRIPLES)]

    @cached_property
    def store(self) -> ox.Store:
        """The graph in an Oxigraph store, loaded once (the views query it): in memory, or on disk
        beside ``graph`` beyond :data:`MEMORY_STORE_MAX_TRIPLES`, compacted after the bulk load
        (``optimize``: the load leaves dozens of overlapping files that every lookup reads; at 1000x
        the library queries answer 4-10x faster after it, README "Query cost")."""
        big = self.triple_count > MEMORY_STORE_MAX_TRIPLES
        store = ox.Store(str(self.graph.parent / "store")) if big else ox.Store()
        store.bulk_load(path=str(self.graph), format=ox.RdfFormat.N_TRIPLES)
        if big:
            store.optimize()
        return store

    def to_store(self) -> ox.Store:
        return self.store


_REPORT = re.compile(r"[^\s<>\"]*/report/[^/\s]+/[0-9]{4}(?=/|\s|$)")


@dataclass
class Tracked:
    """Recommendations with their status updates and repeats, and the triples that record them
    (``triples`` emptied by graph.pipeline.link once it has handed them to the documents' runs:
    from then on they are in the merged graph)."""

    recs: dict
    updates: list
    repeats: list
    triples: list[ox.Triple]


def track_recs(recs: dict, iris: Iris, updates=None, aliases=None, today=None, retired=None,
               workers: int = 1) -> Tracked:
    """Status history from ``data/status-updates`` and repeats across years (see recgraph.tracking) of
    the recommendations already read out of the graph (one document at a time).

    With ``workers`` > 1 the repeats (scikit-learn's import and a TF-IDF of every recommendation)
    are found in a process of their own while the status history is read and written here: the
    status triples do not depend on them, and no other work keeps the second core busy then."""
    from recgraph import repeats as rp
    from recgraph import status_updates, tracking
    from recgraph.workers import start

    alias_map = rp.load_aliases(aliases or rp.DEFAULT_ALIASES)
    repeats = start(rp.find_repeats, list(recs.values()), alias_map, workers=min(workers, 2))
    found_updates = status_updates.read_updates(updates or status_updates.DEFAULT_UPDATES, tracking.open_since_of(recs), today,
                                          retired=retired or {})
    status = list(tracking.status_triples(recs, found_updates, iris))  # open_since and history only: no repeats
    found = repeats.result()
    links = list(rp.repeat_triples(found)) + list(rp.plan_link_triples(
        sorted({(r.plan, r.ministry, r.plan_name) for r in recs.values()}), alias_map))
    earlier: dict[str, set[str]] = {}
    for r in found:
        earlier.setdefault(r.later, set()).add(r.earlier)
    recs = {k: replace(r, repeats=tuple(sorted(set(r.repeats) | earlier.get(r.iri, set())))) for k, r in recs.items()}
    return Tracked(recs, found_updates, found, links + status)


def chunks_of(tracked: list[ox.Triple], report_index: dict[str, int]) -> list[int]:
    """The document each status or repeat triple is validated with: the report its IRIs name (else 0)."""
    chunk_of: dict[str, int] = {}
    subjects = [t.subject.value for t in tracked]
    for s, t in zip(subjects, tracked):
        if s in chunk_of:  # the first triple naming a report decides (its search is slow)
            continue
        text = s + " " + str(t.object)
        # the expression's literal part tested first: most triples that name no report (a status
        # assertion's own) hold none, and its search fails slowly (each start tried in turn)
        found = _REPORT.search(text) if "/report/" in text else None
        if found and found.group(0) in report_index:
            chunk_of[s] = report_index[found.group(0)]
    return [chunk_of.get(s, 0) for s in subjects]


def new_resolver(base: str = DEFAULT_BASE, agencies: str | Path = DEFAULT_AGENCIES) -> Resolver:
    """A resolver for as-written agencies, control levels and categories, from the curated tables."""
    return Resolver(Iris(base), load_agencies(agencies), load_scheme(ontology_path("control-levels.ttl")),
                    load_scheme(ontology_path("categories.ttl")))


def vocabulary_triples() -> list[ox.Triple]:
    """The ontology and concept schemes (every ontology file but the shapes)."""
    triples = []
    for path in sorted(ontology_dir().glob("*.ttl")):
        if path.name != "shapes.ttl":
            triples.extend(q.triple for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    return triples


def _agency_name(r: Resolver, report: Report, row) -> str:
    """The official name of a row's lead agency (short and full forms count as one), else as written."""
    found = r.agencies.resolve(row.agency, r.ministry_code(report.ministry), report.fiscal_year)
    return found.name_zh if found else row.agency


def _row_counts(b: "Build") -> dict:
    rows = [row for rep in b.reports for row in rep.rows]
    return {
        "evaluations": len(rows),
        "agencies": dict(sorted(Counter(_agency_name(b.resolver, rep, row) for rep in b.reports
                                        for row in rep.rows).items())),
        "control_levels": dict(sorted(Counter(b.resolver.control_levels.concept_name(row.control_level)
                                              for row in rows).items())),
        "categories": dict(sorted(Counter(b.resolver.categories.concept_name(row.category) for row in rows).items())),
        "paragraphs": sum(len(row.paragraphs) for row in rows),
        "sentences": sum(len(p.sentences) for row in rows for p in row.paragraphs),
        "truncated_opinions": sum(row.truncated for row in rows),
    }


def _extraction_counts(ex: list[Extraction]) -> dict:
    return {
        "theme_mentions": sum(len(e.themes) for e in ex),
        "themes": len({m.theme for e in ex for m in e.themes}),
        "recommendations": sum(len(e.recommendations) for e in ex),
        "figures": sum(len(e.figures) for e in ex),
        "agency_mentions": sum(len(e.agencies) for e in ex),
    }


def summarise(b: Build) -> dict:
    """Headline counts of a build, as printed by the CLI and written to summary.json."""
    documents = [{"file": r.path, "title": r.title, "fiscal_year": r.fiscal_year, "encoding": r.encoding,
                  "sha256": r.sha256, "plans": len(r.rows)} for r in b.reports]
    return {
        "documents": documents,
        "plans": len({(rep.ministry, row.name) for rep in b.reports for row in rep.rows}),
        **_row_counts(b),
        **_extraction_counts([e for exs in b.extractions for e in exs.values()]),
        "repeated_recommendations": len(b.tracked.repeats),
        "status_updates": len(b.tracked.updates),
        "triples": b.triple_count,
        "warnings": list(b.warnings),
        "validator": b.validator,
        "seconds": dict(b.timings),
    }

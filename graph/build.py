"""The build: source documents in, a validated graph and its derived files out.

Each stage is a plain function; :func:`build` wires them and times them, :func:`render`
turns the result into file contents, and the CLI writes those atomically.
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

import pyoxigraph as ox

from recgraph import extract
from recgraph.agencies import DEFAULT_AGENCIES, load_agencies
from recgraph.iris import Iris
from recgraph.model import Extraction, Report
from recgraph.namespace import DEFAULT_BASE
from recgraph.rdf import Resolver, agency_triples, report_triples
from recgraph.serialize import canonical, to_jsonld, to_ntriples, to_store, to_turtle
from recgraph.shacl_sparql import validate_store
from recgraph.source import DEFAULT_MANIFEST, load_manifest, manifest_sources, read_reports
from recgraph.validate import Violation, to_rdflib, validate
from recgraph.vocab import load_scheme, ontology_dir, ontology_path


VALIDATORS = ("sparql", "pyshacl")


def check_validator(name: str) -> None:
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
    """Times consecutive stages into ``timings`` (seconds, summed per stage) and tells ``progress``."""

    def __init__(self, progress=lambda stage, seconds: None):
        self.timings: dict[str, float] = {}
        self.progress = progress
        self.last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.timings[stage] = round(self.timings.get(stage, 0.0) + now - self.last, 4)
        self.progress(stage, now - self.last)
        self.last = now


@dataclass
class Build:
    """The outcome of a build: reports, extractions, triples, warnings and stage timings."""

    reports: list[Report]
    extractions: list[dict[int, Extraction]]
    triples: list[ox.Triple] | None  # None when the build streamed them to disk (graph.stream)
    base: str
    resolver: Resolver
    tracked: "Tracked"
    warnings: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    store: ox.Store | None = None
    validator: str = "none"
    triple_count: int = 0
    worker_seconds: dict[str, float] = field(default_factory=dict)  # per-document stages summed (graph.stream)

    def to_store(self) -> ox.Store:
        """The graph in an Oxigraph store (the validator's, when it made one)."""
        if self.store is None:
            self.store = to_store(self.triples)
        return self.store


_REPORT = re.compile(r"[^\s<>\"]*/report/[^/\s]+/[0-9]{4}(?=/|\s|$)")


@dataclass
class Tracked:
    """Recommendations with their status updates and repeats, and the triples that record them."""

    recs: dict
    updates: list
    repeats: list
    triples: list[ox.Triple]


def track(triples: list[ox.Triple], iris: Iris, updates=None, aliases=None, today=None) -> Tracked:
    """Status history from ``data/status-updates`` and repeats across years (see graph.tracking)."""
    from recgraph import tracking

    return track_recs(tracking.tracked_recommendations(triples), iris, updates, aliases, today)


def track_recs(recs: dict, iris: Iris, updates=None, aliases=None, today=None) -> Tracked:
    """:func:`track` from the recommendations already read out of the graph (one document at a time)."""
    from recgraph import repeats as rp
    from recgraph import tracking

    alias_map = rp.load_aliases(aliases or rp.DEFAULT_ALIASES)
    found = rp.find_repeats(recs.values(), alias_map)
    links = list(rp.repeat_triples(found)) + list(rp.plan_link_triples(
        sorted({(r.plan, r.ministry, r.plan_name) for r in recs.values()}), alias_map))
    earlier: dict[str, set[str]] = {}
    for r in found:
        earlier.setdefault(r.later, set()).add(r.earlier)
    recs = {k: replace(r, repeats=tuple(sorted(set(r.repeats) | earlier.get(r.iri, set())))) for k, r in recs.items()}
    found_updates = tracking.read_updates(updates or tracking.DEFAULT_UPDATES, tracking.open_since_of(recs), today)
    status = list(tracking.status_triples(recs, found_updates, iris))
    return Tracked(recs, found_updates, found, links + status)


def chunks_of(tracked: list[ox.Triple], report_index: dict[str, int]) -> list[int]:
    """The document each status or repeat triple is validated with: the report its IRIs name (else 0)."""
    chunk_of: dict[str, int] = {}
    for t in tracked:
        found = _REPORT.search(t.subject.value + " " + str(t.object))
        if found and found.group(0) in report_index:
            chunk_of.setdefault(t.subject.value, report_index[found.group(0)])
    return [chunk_of.get(t.subject.value, 0) for t in tracked]


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


def build(sources: list[str | Path] | None = None, *, manifest: str | Path = DEFAULT_MANIFEST,
          agencies: str | Path = DEFAULT_AGENCIES, base: str = DEFAULT_BASE, check: bool = True,
          updates=None, aliases=None, today=None, validator: str = "sparql",
          progress=lambda stage, seconds: None) -> Build:
    """Read, extract, convert and validate; raise InputError or ValidationFailed on bad input.

    ``validator``: "sparql" checks the whole graph at once with the shapes compiled to SPARQL on
    Oxigraph (graph.shacl_sparql, tested to report the same violations as pySHACL, and 10-20x
    faster); "pyshacl" checks each document with pySHACL itself, the reference.
    """
    check_validator(validator)
    clock = Clock(progress)
    lap, timings = clock.lap, clock.timings
    entries = load_manifest(manifest)
    paths = list(sources) if sources else manifest_sources(manifest)
    reports = read_reports(paths, entries)
    lap("parse")
    rules = extract.load_rules(agencies)
    extractions = [extract.extract_report(report, rules) for report in reports]
    lap("extract")
    resolver = new_resolver(base, agencies)
    per_report = [list(report_triples(rep, ex, resolver)) for rep, ex in zip(reports, extractions)]
    report_index = {Iris(base).report(resolver.ministry_code(rep.ministry), rep.fiscal_year): i
                    for i, rep in enumerate(reports)}
    orgs = list(agency_triples(resolver))
    vocab = vocabulary_triples()
    lap("rdf")
    tracked = track([t for ts in per_report for t in ts] + orgs, Iris(base), updates, aliases, today)
    for t, chunk in zip(tracked.triples, chunks_of(tracked.triples, report_index)):
        per_report[chunk].append(t)
    lap("track")
    triples = canonical([t for ts in per_report for t in ts] + orgs + vocab)
    lap("merge")
    store, engine = None, "none"
    if check:
        engine = validator
        if engine == "pyshacl":
            violations = [v for ts in per_report for v in validate(to_rdflib(ts + orgs + vocab))]
        else:
            store = to_store(triples)  # kept on the Build: the views query the same store
            lap("store")
            violations = validate_store(store, triples=triples)
        if violations:
            raise ValidationFailed(violations)
        lap("validate")
    return Build(reports, extractions, triples, base, resolver, tracked, resolver.warnings, timings, store, engine,
                 len(triples))


def summarise(b: Build) -> dict:
    """Headline counts of a build, as printed by the CLI and written to summary.json."""
    rows = [row for rep in b.reports for row in rep.rows]
    ex = [e for exs in b.extractions for e in exs.values()]
    plans = {(rep.ministry, row.name) for rep in b.reports for row in rep.rows}
    return {
        "documents": [{"file": r.path, "title": r.title, "fiscal_year": r.fiscal_year, "encoding": r.encoding,
                       "sha256": r.sha256, "plans": len(r.rows)} for r in b.reports],
        "plans": len(plans),
        "evaluations": len(rows),
        "agencies": dict(sorted(Counter(row.agency for row in rows).items())),
        "control_levels": dict(sorted(Counter(row.control_level for row in rows).items())),
        "categories": dict(sorted(Counter(row.category for row in rows).items())),
        "paragraphs": sum(len(row.paragraphs) for row in rows),
        "sentences": sum(len(p.sentences) for row in rows for p in row.paragraphs),
        "truncated_opinions": sum(row.truncated for row in rows),
        "theme_mentions": sum(len(e.themes) for e in ex),
        "themes": len({m.theme for e in ex for m in e.themes}),
        "recommendations": sum(len(e.recommendations) for e in ex),
        "figures": sum(len(e.figures) for e in ex),
        "agency_mentions": sum(len(e.agencies) for e in ex),
        "repeated_recommendations": len(b.tracked.repeats),
        "status_updates": len(b.tracked.updates),
        "triples": b.triple_count,
        "warnings": list(b.warnings),
        "validator": b.validator,
        "seconds": dict(b.timings),
    }


def render(b: Build) -> dict[str, bytes]:
    """The CSV exports, summary.json (timings left out: deterministic) and, unless the build streamed
    them already, the graph in Turtle, N-Triples and JSON-LD."""
    from recgraph import exports, void

    summary = summarise(b)
    summary.pop("seconds")
    themes = load_scheme(ontology_path("themes.ttl"))
    return {
        "plan_themes.csv": exports.to_csv(exports.PLAN_THEMES, exports.plan_theme_rows(b, themes)),
        "recommendations.csv": exports.to_csv(exports.RECOMMENDATIONS, exports.recommendation_rows(b, b.resolver)),
        "figures.csv": exports.to_csv(exports.FIGURES, exports.figure_rows(b)),
        **({} if b.triples is None else {"graph.ttl": to_turtle(b.triples), "graph.nt": to_ntriples(b.triples),
                                           "graph.jsonld": to_jsonld(b.triples)}),
        "summary.json": (json.dumps(summary, ensure_ascii=False, indent=2) + "\n").encode("utf-8"),
        "void.ttl": void.describe(b),  # the dataset description (graph.void)
    }

"""The build for large corpora: one document at a time, on every core, with the graph kept on disk.

:func:`graph.build.build` holds every triple in Python (about 1 KB each), which is fine for a few
hundred documents.  :func:`build_files` never holds more than one document's triples per process:

1. each document is read, extracted and turned into triples in a worker, which writes them to disk
   and sends back the report, its extractions and its recommendations;
2. repeats across years and status updates are found from those recommendations;
3. each document, with its status and repeat triples, is validated and sorted in a worker;
4. the sorted runs are merged into ``graph.nt`` in the same canonical order as the in-memory
   build (the files are byte-identical), and Turtle, JSON-LD and an on-disk Oxigraph store
   are streamed from it.

Validation is per document, like pySHACL's: a shape whose violation needs two documents together
is not seen (none of ours can: a document's nodes live under its report IRI, and the nodes
documents share, plans and agencies, get the same triples from each).
"""

from __future__ import annotations

import gc
import heapq
import multiprocessing
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from graph import build as B
from graph import extract, tracking
from graph.agencies import DEFAULT_AGENCIES
from graph.iris import Iris
from graph.model import InputError
from graph.namespace import DEFAULT_BASE
from graph.rdf import agency_triples, report_triples
from graph.serialize import PREFIXES, canonical, to_store
from graph.shacl_sparql import validate_store
from graph.source import DEFAULT_MANIFEST, load_manifest, manifest_sources, read_report
from graph.validate import to_rdflib, validate

NT = ox.RdfFormat.N_TRIPLES
_TYPE = b"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"


@dataclass
class _Job:
    """What every worker needs; set before the workers fork, so it is inherited, not pickled."""

    paths: list[Path]
    entries: dict
    agencies: str | Path
    base: str
    work: Path
    validator: str
    rules: object = None
    shared: list[ox.Triple] | None = None          # organisations and vocabulary, for validation
    extra: dict[int, list[ox.Triple]] | None = None  # status and repeat triples, by document


_JOB: _Job | None = None


def _doc_path(i: int) -> Path:
    return _JOB.work / f"doc-{i:06d}.nt"


def _run_path(i: int) -> Path:
    return _JOB.work / f"run-{i:06d}.nt"


def _read(i: int):
    """Stage 1 for document ``i``: (report, extractions, recommendations, resolver findings) or the problems."""
    job, clock = _JOB, B.Clock()
    try:
        report = read_report(job.paths[i], job.entries)
    except InputError as e:
        return e.problems
    clock.lap("parse")
    extractions = extract.extract_report(report, job.rules)
    clock.lap("extract")
    resolver = B.new_resolver(job.base, job.agencies)
    triples = list(report_triples(report, extractions, resolver))
    clock.lap("rdf")
    recs = tracking.tracked_recommendations(triples + list(agency_triples(resolver)))
    clock.lap("recommendations")
    ox.serialize(triples, output=str(_doc_path(i)), format=NT)
    clock.lap("write")
    return report, extractions, recs, resolver.found(), clock.timings


def _check(i: int):
    """Stage 3 for document ``i``: its violations and triple count; writes its sorted run."""
    job, clock = _JOB, B.Clock()
    doc = [q.triple for q in ox.parse(path=str(_doc_path(i)), format=NT)] + job.extra.get(i, [])
    whole = doc + job.shared
    clock.lap("read")
    if job.validator == "pyshacl":
        violations = validate(to_rdflib(whole))
    else:
        violations = validate_store(to_store(whole), triples=whole)
    clock.lap("validate")
    ox.serialize(canonical(doc), output=str(_run_path(i)), format=NT)
    _doc_path(i).unlink()
    clock.lap("sort")
    return violations, clock.timings


def _map(fn, n: int, workers: int):
    """``fn`` over ``range(n)`` in order, in forked workers when there is more than one of each."""
    if workers <= 1 or n <= 1:
        yield from map(fn, range(n))
        return
    with multiprocessing.get_context("fork").Pool(min(workers, n)) as pool:
        yield from pool.imap(fn, range(n))


def _key(line: bytes) -> tuple:
    """The canonical sort key (graph.serialize.canonical) of one N-Triples line."""
    s, p, o = line.split(b" ", 2)
    return s[1:-1], p != _TYPE, p[1:-1], o[:-3]


def merge_runs(runs: list[Path], out: Path) -> int:
    """Merge sorted N-Triples files into ``out``, dropping duplicates; return the triple count."""
    files = [open(r, "rb") for r in runs]
    count, last = 0, None
    try:
        with open(out, "wb", buffering=1 << 20) as sink:
            for line in heapq.merge(*files, key=_key):
                if line != last:
                    sink.write(line)
                    count += 1
                    last = line
    finally:
        for f in files:
            f.close()
    return count


def _triples(path: Path):
    return (q.triple for q in ox.parse(path=str(path), format=NT))


def build_files(sources=None, *, out: str | Path, work: str | Path, manifest=DEFAULT_MANIFEST,
                agencies=DEFAULT_AGENCIES, base: str = DEFAULT_BASE, updates=None, aliases=None, today=None,
                validator: str = "sparql", workers: int | None = None,
                progress=lambda stage, seconds: None) -> B.Build:
    """Build, validate and write ``graph.nt``, ``graph.ttl`` and ``graph.jsonld`` into ``out``.

    ``work`` holds the intermediate files and the on-disk store the returned Build's views query;
    the caller removes it.  Raises InputError or ValidationFailed like :func:`graph.build.build`.
    """
    global _JOB
    if validator not in B.VALIDATORS:
        raise ValueError(f"unknown validator {validator!r}; choose one of {', '.join(B.VALIDATORS)}")
    clock = B.Clock(progress)
    out, work = Path(out), Path(work)
    workers = workers or len(os.sched_getaffinity(0))
    paths = list(sources) if sources else manifest_sources(manifest)
    _JOB = _Job(paths, load_manifest(manifest), agencies, base, work, validator, extract.load_rules(agencies))
    try:
        reports, extractions, recs, problems, worker = [], [], {}, [], Counter()
        resolver = B.new_resolver(base, agencies)
        for result in _map(_read, len(paths), workers):
            if isinstance(result, list):
                problems += result
                continue
            report, ex, doc_recs, found, seconds = result
            worker.update(seconds)
            reports.append(report)
            extractions.append(ex)
            recs.update(doc_recs)
            resolver.absorb(found)
        if problems:
            raise InputError(problems)
        clock.lap("documents")

        iris = Iris(base)
        report_index = {iris.report(resolver.ministry_code(r.ministry), r.fiscal_year): i
                        for i, r in enumerate(reports)}
        tracked = B.track_recs(dict(sorted(recs.items(), key=lambda kv: kv[1].iri)), iris, updates, aliases, today)
        _JOB.extra = {}
        for t, chunk in zip(tracked.triples, B.chunks_of(tracked.triples, report_index)):
            _JOB.extra.setdefault(chunk, []).append(t)
        shared = canonical(list(agency_triples(resolver)) + B.vocabulary_triples())
        _JOB.shared = shared
        clock.lap("track")

        violations, runs = [], [_run_path(i) for i in range(len(reports))]
        for found, seconds in _map(_check, len(reports), workers):
            violations += found
            worker.update({f"check {k}": v for k, v in seconds.items()})
        if violations:
            raise B.ValidationFailed(sorted(violations, key=lambda v: (v.focus, v.shape, v.path, v.value)))
        clock.lap("validate")

        shared_run = work / "run-shared.nt"
        ox.serialize(shared, output=str(shared_run), format=NT)
        nt = out / "graph.nt"
        count = merge_runs(runs + [shared_run], nt)
        for run in runs + [shared_run]:
            run.unlink()
        clock.lap("merge")

        ox.serialize(_triples(nt), output=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
        ox.serialize(_triples(nt), output=str(out / "graph.jsonld"), format=ox.RdfFormat.JSON_LD, prefixes=PREFIXES)
        clock.lap("serialise")

        store = ox.Store(str(work / "store"))
        store.bulk_load(path=str(nt), format=NT)
        clock.lap("store")
    finally:
        _JOB = None
        gc.collect()
    b = B.Build(reports, extractions, None, base, resolver, tracked, resolver.warnings, clock.timings, store,
                validator, count)
    b.worker_seconds = {k: round(v, 4) for k, v in worker.items()}
    return b

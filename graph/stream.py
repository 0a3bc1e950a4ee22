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
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from recgraph import build as B
from recgraph import extract, tracking
from recgraph.agencies import DEFAULT_AGENCIES
from recgraph.iris import Iris
from recgraph.ledger import apply_ledger, ledger_path, load_ledger
from recgraph.model import InputError
from recgraph.namespace import DEFAULT_BASE
from recgraph.rdf import agency_triples, report_triples
from recgraph.serialize import PREFIXES, canonical
from recgraph.shacl_sparql import compile_shapes, validate_store
from recgraph.source import DEFAULT_MANIFEST, load_manifest, manifest_sources, read_report
from recgraph.validate import to_rdflib, validate

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
    folded: frozenset[bytes] = frozenset()         # predicates (N-Triples) whose integer datatypes need the triples
    extra: dict[int, bytes] | None = None            # status and repeat triples (N-Triples), by document
    shared_nt: bytes = b""
    ledger: list = ()                                # rows of the recommendation-id ledger (graph.ledger)
    ledger_file: Path | None = None


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
    resolver = B.new_resolver(job.base, job.agencies)
    extractions, problems, warnings = apply_ledger(report, extractions, resolver.ministry_code(report.ministry),
                                                   job.ledger, str(job.ledger_file))
    if problems:
        return problems
    resolver.notes.update({f"ids:{w}": w for w in warnings})
    clock.lap("extract")
    triples = list(report_triples(report, extractions, resolver))
    clock.lap("rdf")
    recs = tracking.tracked_recommendations(triples + list(agency_triples(resolver)))
    clock.lap("recommendations")
    ox.serialize(triples, output=str(_doc_path(i)), format=NT)
    clock.lap("write")
    return report, extractions, recs, resolver.found(), clock.timings


def _check(i: int):
    """Stage 3 for document ``i``: its violations and stage times; writes its sorted run."""
    job, clock = _JOB, B.Clock()
    data = _doc_path(i).read_bytes() + job.extra.get(i, b"")
    whole = data + job.shared_nt
    clock.lap("read")
    if job.validator == "pyshacl":
        violations = validate(to_rdflib(list(_triples(input=whole))))
    else:
        store = ox.Store()
        store.bulk_load(whole, format=NT)
        # besides the store, only the triples of integer-typed paths are needed (see validate_store)
        lines = [line for line in whole.splitlines(keepends=True) if line.split(b" ", 2)[1] in job.folded]
        violations = validate_store(store, triples=_triples(input=b"".join(lines)))
    clock.lap("validate")
    with open(_run_path(i), "wb") as run:
        run.writelines(sorted(set(data.splitlines(keepends=True)), key=_key))
    _doc_path(i).unlink()
    clock.lap("sort")
    return violations, clock.timings


def _triples(**source):
    """The triples of N-Triples ``input=`` bytes or a ``path=``."""
    return (q.triple for q in ox.parse(format=NT, **source))


def _map(fn, n: int, workers: int):
    """``fn`` over ``range(n)`` in order, in forked workers when there is more than one of each."""
    if workers <= 1 or n <= 1:
        yield from map(fn, range(n))
        return
    gc.freeze()  # the workers then share the parent's objects instead of copying them as gc visits them
    try:
        with multiprocessing.get_context("fork").Pool(min(workers, n)) as pool:
            yield from pool.imap(fn, range(n))
    finally:
        gc.unfreeze()


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


def _load(store: ox.Store, runs: list[Path]) -> None:
    for run in runs:
        store.bulk_load(path=str(run), format=NT)


def build_files(sources=None, *, out: str | Path, work: str | Path, manifest=DEFAULT_MANIFEST,
                agencies=DEFAULT_AGENCIES, base: str = DEFAULT_BASE, updates=None, aliases=None, today=None,
                validator: str = "sparql", workers: int | None = None, keep_store: bool = True, ledger=None,
                progress=lambda stage, seconds: None) -> B.Build:
    """Build, validate and write ``graph.nt``, ``graph.ttl`` and ``graph.jsonld`` into ``out``.

    ``work`` holds the intermediate files and the on-disk store the returned Build's views query
    (none with ``keep_store=False``); the caller removes it.  Raises InputError or ValidationFailed
    like :func:`graph.build.build`.
    """
    global _JOB
    B.check_validator(validator)
    clock = B.Clock(progress)
    out, work = Path(out), Path(work)
    workers = workers or len(os.sched_getaffinity(0))
    paths = list(sources) if sources else manifest_sources(manifest)
    _JOB = _Job(paths, load_manifest(manifest), agencies, base, work, validator, extract.load_rules(agencies))
    _JOB.ledger_file = Path(ledger or ledger_path(manifest))
    _JOB.ledger = load_ledger(_JOB.ledger_file)
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
        # id-ledger warnings first, as the in-memory build gives them (graph.build.number_from_ledger)
        resolver.notes = dict(sorted(resolver.notes.items(), key=lambda kv: not kv[0].startswith("ids:")))
        clock.lap("documents")

        iris = Iris(base)
        report_index = {iris.report(resolver.ministry_code(r.ministry), r.fiscal_year): i
                        for i, r in enumerate(reports)}
        tracked = B.track_recs(dict(sorted(recs.items(), key=lambda kv: kv[1].iri)), iris, updates, aliases, today)
        extra: dict[int, list[ox.Triple]] = {}
        for t, chunk in zip(tracked.triples, B.chunks_of(tracked.triples, report_index)):
            extra.setdefault(chunk, []).append(t)
        _JOB.extra = {i: ox.serialize(ts, format=NT) for i, ts in extra.items()}
        shared = canonical(list(agency_triples(resolver)) + B.vocabulary_triples())
        _JOB.shared_nt = ox.serialize(shared, format=NT)
        _JOB.folded = frozenset(f"<{c.path}>".encode() for c in compile_shapes() if c.folded_datatype)
        clock.lap("track")

        violations, runs = [], [_run_path(i) for i in range(len(reports))]
        for found, seconds in _map(_check, len(reports), workers):
            violations += found
            worker.update({f"check {k}": v for k, v in seconds.items()})
        if violations:
            raise B.ValidationFailed(sorted(violations, key=lambda v: (v.focus, v.shape, v.path, v.value)))
        clock.lap("validate")

        shared_run = work / "run-shared.nt"
        shared_run.write_bytes(_JOB.shared_nt)
        runs.append(shared_run)
        # The store loads the runs (it drops duplicates itself) in Rust threads, without the GIL,
        # while this thread merges them and writes the three graph files.
        store = ox.Store(str(work / "store")) if keep_store else None
        with ThreadPoolExecutor(1) as loader:
            loaded = loader.submit(_load, store, runs) if store is not None else None
            nt = out / "graph.nt"
            count = merge_runs(runs, nt)
            clock.lap("merge")
            for name, fmt in (("graph.ttl", ox.RdfFormat.TURTLE), ("graph.jsonld", ox.RdfFormat.JSON_LD)):
                ox.serialize(_triples(path=str(nt)), output=str(out / name), format=fmt, prefixes=PREFIXES)
            clock.lap("serialise")
            if loaded:
                loaded.result()  # re-raises what the loader met
        for run in runs:
            run.unlink()
        clock.lap("store")
    finally:
        _JOB = None
        gc.collect()
    return B.Build(reports, extractions, None, base, resolver, tracked, resolver.warnings, clock.timings, store,
                   validator, count, worker_seconds={k: round(v, 4) for k, v in worker.items()})

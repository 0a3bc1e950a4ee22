"""The build pipeline: source documents in, a validated graph in canonical N-Triples out.

One document at a time, in up to ``workers`` processes (graph.workers.fork_map), never holding
more than one document's triples per process:

1. :func:`read_document` reads, parses and extracts one document, writes its triples to the work
   folder and hands back its report, extractions and recommendations;
2. :func:`link` links across documents: repeats across years and status updates (graph.build);
3. :func:`check_document` validates one document, with its links and the shared vocabulary,
   through the one facade graph.validate.validate, and writes it as a sorted run;
4. :func:`merge_runs` merges the runs into ``graph.nt`` in canonical order (graph.serialize).

Rendering the files users read is graph.outputs' job.  Validation is per document, like
pySHACL's (a document's nodes live under its report IRI, and the nodes documents share, plans and
agencies, get the same triples from each); the shapes two documents together can break
(``rgsh:wholeGraph``, a duplicate identifier) are checked once, before the merge, over the triples
they can match, which stage 3 gathers from each document as it checks it.
"""

from __future__ import annotations

import heapq
import shutil
import tempfile
import weakref
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

import pyoxigraph as ox

from recgraph import extract, tracking
from recgraph.agencies import DEFAULT_AGENCIES
from recgraph.build import (Build, Clock, ValidationFailed, chunks_of, check_validator, new_resolver, track_recs,
                            vocabulary_triples)
from recgraph.iris import Iris
from recgraph.model import InputError, Problem
from recgraph.namespace import DEFAULT_BASE
from recgraph.ledger import apply_ledger, ledger_path, load_ledger, retired_ids
from recgraph.rdf import agency_triples, report_triples
from recgraph.serialize import _TYPE_NT, canonical, line_key
from recgraph.shacl_sparql import validate_whole_graph, whole_graph_lines
from recgraph.source import DEFAULT_MANIFEST, load_manifest, manifest_sources, read_report
from recgraph.validate import validate
from recgraph.workers import cores, fork_map, keep

NT = ox.RdfFormat.N_TRIPLES


@dataclass(frozen=True)
class Job:
    """What every document stage needs (inherited by forked workers, pickled for others)."""

    entries: dict
    rules: object
    agencies: str
    base: str
    work: Path
    validator: str = "sparql"
    ledger: tuple = ()          # rows of the recommendation-id ledger (graph.ledger)
    ledger_file: str = ""


@dataclass
class Document:
    """One document after :func:`read_document`: its triples wait in ``path`` (N-Triples)."""

    report: object
    extractions: dict
    recs: dict
    found: object
    path: Path
    seconds: dict[str, float] = field(default_factory=dict)


def unchecked_source(report) -> str:
    """The warning for a manifest row without a checksum: the build cannot tell a changed file."""
    return (f"{report.path}: the manifest gives no sha256, so a changed or replaced file would not be noticed; "
            f"this file's is {report.sha256} (put it in the manifest's sha256 column)")


def read_document(job: Job, item: tuple[int, Path]) -> Document | list[Problem]:
    """Stage 1: read, parse, extract and convert one document; its problems instead when it is bad."""
    i, path = item
    clock = Clock(cpu=True)
    try:
        report = read_report(path, job.entries)
    except InputError as e:
        return e.problems
    clock.lap("parse")
    extractions = extract.extract_report(report, job.rules)
    resolver = new_resolver(job.base, job.agencies)
    extractions, problems, warnings = apply_ledger(report, extractions, resolver.ministry_code(report.ministry),
                                                   list(job.ledger), job.ledger_file)
    if problems:
        return problems
    resolver.notes.update({f"ids:{w}": w for w in warnings})
    entry = job.entries.get(report.path) if job.entries else None
    if entry is not None and not entry.sha256:
        resolver.notes[f"sha256:{report.path}"] = unchecked_source(report)
    clock.lap("extract")
    triples = list(report_triples(report, extractions, resolver))
    clock.lap("rdf")
    recs = tracking.tracked_recommendations(triples + list(agency_triples(resolver)))
    clock.lap("recommendations")
    out = job.work / f"doc-{i:06d}.nt"
    ox.serialize(triples, output=str(out), format=NT)
    clock.lap("write")
    return Document(report, extractions, recs, resolver.found(), out, clock.timings)


def duplicate_years(documents: list[Document], resolver) -> list[Problem]:
    """Two documents for the same ministry and year: one plain problem naming both files."""
    seen: dict[tuple[str, int], str] = {}
    problems = []
    for d in documents:
        key = (resolver.ministry_code(d.report.ministry), d.report.fiscal_year)
        if key in seen:
            problems.append(Problem(d.report.path, 1, f"{d.report.ministry} FY{d.report.fiscal_year} is also "
                                                      f"in {seen[key]}; build one document per ministry and year"))
        seen.setdefault(key, d.report.path)
    return problems


def link(documents: list[Document], resolver, base: str, updates=None, aliases=None, today=None, retired=None,
         workers: int = 1):
    """Stage 2: repeats and status across documents; their triples grouped by the document they belong to."""
    recs = {k: r for d in documents for k, r in d.recs.items()}
    tracked = track_recs(dict(sorted(recs.items(), key=lambda kv: kv[1].iri)), Iris(base), updates, aliases, today,
                         retired, workers)
    iris = Iris(base)
    index = {iris.report(resolver.ministry_code(d.report.ministry), d.report.fiscal_year): i
             for i, d in enumerate(documents)}
    extra: dict[int, list[ox.Triple]] = {}
    for t, chunk in zip(tracked.triples, chunks_of(tracked.triples, index)):
        extra.setdefault(chunk, []).append(t)
    tracked.triples = []  # from here on in the documents' runs (~300 MB of term objects at 1000x)
    return tracked, {i: ox.serialize(extra.pop(i), format=NT) for i in list(extra)}


def check_document(job: Job, shared: bytes, check: bool, item: tuple[Path, bytes, bytes]):
    """Stage 3: one document's violations (with the shared triples), its sorted run next to it, the
    blocks of that run :func:`merge_runs` may copy whole (:func:`split_run`) and its triples the
    whole-graph shapes can match (graph.shacl_sparql.whole_graph_lines)."""
    path, extra, own = item
    clock = Clock(cpu=True)
    data = path.read_bytes() + extra
    clock.lap("read")
    violations = validate(data + shared, engine=job.validator, oxigraph_written=True) if check else []
    whole = whole_graph_lines(data) if check else b""
    clock.lap("validate")
    line_of = {run_key(line): line for line in data.splitlines(keepends=True)}
    blocks = split_run(sorted(line_of), own, path.with_suffix(".run"), path.with_suffix(".own"), line_of)
    path.unlink()
    clock.lap("sort")
    return violations, clock.timings, blocks, whole


def split_run(keys: list[bytes], own: bytes, run: Path, lines: Path, line_of: dict | None = None) -> list[tuple]:
    """Write a document's sorted :func:`run_key` lines: those whose subject is ``own`` or under it
    (nine in ten: the report and its evaluations, opinions and extractions) as N-Triples lines to
    ``lines``, the rest (plans, agencies and other nodes documents share) as keys to ``run``.

    Sorted, a document's own lines are at most two blocks of consecutive keys (the report itself,
    then what is under ``own/``), and no other document's lines fall between theirs, so the merge
    copies each block's bytes instead of comparing and converting every line in one process.
    A block is ``(first key, last key, offset in lines, length, line count)``; both are found by
    bisection, and ``line_of`` (key -> its N-Triples line, when the caller has it) saves
    :func:`run_line` per line."""
    spans = []
    if own:
        for low, high in ((own + b"\x00", own + b"\x01"), (own + b"/", own + b"0")):
            a, b = bisect_left(keys, low), bisect_left(keys, high)
            if a == b:
                continue
            if spans and spans[-1][1] == a:  # nothing between the two: one block
                a = spans.pop()[0]
            spans.append((a, b))
    line = line_of.__getitem__ if line_of is not None else run_line
    blocks, rest, offset, last = [], [], 0, 0
    with open(lines, "wb") as out:
        for a, b in spans:
            text = b"".join(map(line, keys[a:b]))
            out.write(text)
            blocks.append((keys[a], keys[b - 1], offset, len(text), b - a))
            offset += len(text)
            rest += keys[last:a]
            last = b
    rest += keys[last:]
    run.write_bytes(b"".join(rest))
    return blocks


def run_key(line: bytes) -> bytes:
    """An N-Triples line as the line of a sorted run: bytes that sort as :func:`serialize.line_key`
    orders the lines (subject without its brackets, rdf:type first, predicate, object), so runs are
    sorted and merged by plain byte comparison, the key computed once per line (:func:`run_line`
    gives the line back).  ``\\x00`` ends each part: no N-Triples term holds one, and every raw
    byte of an object is above ``\\n`` (canonical N-Triples escapes control characters)."""
    s, p, o = line.split(b" ", 2)
    return b"%s\x00%s%s\x00%s\x00%s%s\n" % (s[1:-1], b"0" if p == _TYPE_NT else b"1", p[1:-1], o[:-3], s[:1], s[-1:])


def run_line(key: bytes) -> bytes:
    """The N-Triples line of a :func:`run_key`."""
    s, p, rest = key.split(b"\x00", 2)
    return b"%s%s%s <%s> %s .\n" % (rest[-3:-2], s, rest[-2:-1], p[1:], rest[:-4])


def merge_runs(runs: list[Path], out: Path, keyed: bool = False, blocks: list[tuple] = ()) -> int:
    """Merge sorted N-Triples files into ``out``, dropping duplicates; return the triple count.

    ``keyed``: the runs hold :func:`run_key` lines (as the pipeline writes them), merged by plain
    byte comparison; else N-Triples lines in canonical order.  ``blocks``: ``(lines file, block)``
    pairs of :func:`split_run`, each a span of N-Triples lines in order, copied whole where no key
    of any run or other block lies between its first and last key, else merged line by line."""
    files = [open(r, "rb") for r in runs]
    count, last = 0, None
    try:
        with open(out, "wb", buffering=1 << 20) as sink:
            write = sink.write
            if keyed:
                count = _merge_keyed(heapq.merge(*files), sorted(blocks, key=lambda b: b[1][0]), write)
            else:
                for line in heapq.merge(*files, key=line_key):
                    if line != last:
                        write(line)
                        count += 1
                        last = line
    finally:
        for f in files:
            f.close()
    return count


def _block_lines(path: Path, block: tuple) -> bytes:
    with open(path, "rb") as f:
        f.seek(block[2])
        return f.read(block[3])


def _merge_keyed(keys, blocks: list[tuple], write) -> int:
    """Write the merged keys and blocks (sorted by first key) as N-Triples lines; the line count."""
    if any(a[1][1] >= b[1][0] for a, b in zip(blocks, blocks[1:])):  # blocks that overlap: line by line
        keys = heapq.merge(keys, *([run_key(line) for line in _block_lines(path, b).splitlines(keepends=True)]
                                   for path, b in blocks))
        blocks = []
    count, last = 0, None
    head = next(keys, None)
    for path, block in blocks:
        first, end, n = block[0], block[1], block[4]
        while head is not None and head < first:
            if head != last:
                write(run_line(head))
                count += 1
                last = head
            head = next(keys, None)
        if head is None or head > end:  # nothing else between its first and last key: copied whole
            write(_block_lines(path, block))
            count += n
            last = end
            continue
        inside = []  # keys of the runs within the block: merged with its lines
        while head is not None and head <= end:
            inside.append(head)
            head = next(keys, None)
        own = (run_key(line) for line in _block_lines(path, block).splitlines(keepends=True))
        for key in heapq.merge(own, inside):
            if key != last:
                write(run_line(key))
                count += 1
                last = key
    while head is not None:
        if head != last:
            write(run_line(head))
            count += 1
            last = head
        head = next(keys, None)
    return count


def read_documents(job: Job, paths: list, workers: int) -> tuple[list[Document], Counter]:
    """Stage 1 over every document; raises InputError with the problems of all of them at once."""
    documents, problems, seconds = [], [], Counter()
    if min(workers, len(paths)) > 1:
        extract.prepare(job.rules)  # compiled once here, not again in every worker
    for result in fork_map(partial(read_document, job), list(enumerate(map(Path, paths))), workers):
        if isinstance(result, list):
            problems += result
        else:
            documents.append(result)
            seconds.update(result.seconds)
    if problems:
        raise InputError(problems)
    return documents, seconds


FRESH_CHECK_MIN_DOCUMENTS = 250
"""From this many documents stage 3's workers start fresh instead of forked from the build
(graph.workers.fork_map's ``fresh``): by then the build's heap is full of the holes the link stage's
freed terms leave, and a document's check in a worker forked from it took 1.5x the CPU at 1000x
(0.13 s against 0.09 s); below it the fresh workers' imports cost more than they save."""


def check_documents(job: Job, shared: bytes, check: bool, items: list,
                    workers: int) -> tuple[Counter, list, bytes]:
    """Stage 3 over every document; raises ValidationFailed with every violation at once.  Returns
    the worker seconds, every document's blocks for :func:`merge_runs` and the triples of every
    document the whole-graph shapes can match."""
    violations, seconds, blocks, whole = [], Counter(), [], []
    fresh = len(items) >= FRESH_CHECK_MIN_DOCUMENTS
    if fresh:  # pickled for the workers: only the validator is read by stage 3
        job = replace(job, entries={}, rules=None, ledger=())
    for (path, _, _), (found, secs, spans, lines) in zip(items, fork_map(
            partial(check_document, job, shared, check), items, workers, fresh=fresh)):
        violations += found
        seconds.update({f"check {k}": v for k, v in secs.items()})
        blocks += [(path.with_suffix(".own"), b) for b in spans]
        whole.append(lines)
    if violations:
        raise ValidationFailed(sorted(violations, key=lambda v: (v.focus, v.shape, v.path, v.value)))
    return seconds, blocks, b"".join(whole)


def _work_folder(work) -> Path:
    return Path(work) if work is not None else Path(tempfile.mkdtemp(prefix="recgraph-work-"))


def _merge(documents, shared: bytes, work: Path, blocks: list) -> int:
    """Merge the documents' sorted runs and blocks and the shared triples into ``work/graph.nt``; its triple count."""
    shared_run = work / "shared.run"
    shared_run.write_bytes(b"".join(sorted(run_key(line) for line in shared.splitlines(keepends=True))))
    runs = [d.path.with_suffix(".run") for d in documents] + [shared_run]
    count = merge_runs(runs, work / "graph.nt", keyed=True, blocks=blocks)
    for run in runs + [d.path.with_suffix(".own") for d in documents]:
        run.unlink()
    return count


def build(sources=None, *, manifest=DEFAULT_MANIFEST, agencies=DEFAULT_AGENCIES, base: str = DEFAULT_BASE,
          check: bool = True, updates=None, aliases=None, today=None, validator: str = "sparql",
          workers: int | None = 1, work: str | Path | None = None, ledger=None,
          progress=lambda stage, seconds: None) -> Build:
    """Read, extract, link, validate and merge; raise InputError or ValidationFailed on bad input.

    ``workers``: processes for the document stages (None: one per core).  ``work``: the folder
    for intermediate files and ``graph.nt`` (default a temporary folder removed with the Build).
    ``validator``: "sparql" (the shapes compiled to SPARQL on Oxigraph, graph.shacl_sparql) or
    "pyshacl" (the reference, ~10x slower); ``check=False`` skips validation.
    ``ledger``: the recommendation-id ledger (default: the one beside the manifest, graph.ledger).
    """
    check_validator(validator)
    clock = Clock(progress)
    workers = workers or cores()
    owned = work is None
    work = _work_folder(work)
    try:
        paths = list(sources) if sources else manifest_sources(manifest)
        ledger_file = Path(ledger or ledger_path(manifest))
        job = Job(load_manifest(manifest), extract.load_rules(agencies), str(agencies), base, work, validator,
                  tuple(load_ledger(ledger_file)), str(ledger_file))
        documents, seconds = read_documents(job, paths, workers)
        keep()  # the documents live until the end: no full gc pass walks them again
        resolver = new_resolver(base, agencies)
        for d in documents:
            resolver.absorb(d.found)
        problems = duplicate_years(documents, resolver)
        if problems:
            raise InputError(problems)
        clock.lap("documents")

        tracked, extra = link(documents, resolver, base, updates, aliases, today, retired_ids(job.ledger), workers)
        shared = ox.serialize(canonical(list(agency_triples(resolver)) + vocabulary_triples()), format=NT)
        clock.lap("link")

        iris = Iris(base)
        items = [(d.path, extra.get(i, b""),
                  iris.report(resolver.ministry_code(d.report.ministry), d.report.fiscal_year).encode())
                 for i, d in enumerate(documents)]
        worker_seconds, blocks, whole = check_documents(job, shared, check, items, workers)
        del items, extra  # in the runs now: not held while the graph is merged and rendered
        seconds.update(worker_seconds)
        clock.lap("validate")

        if check:  # the shapes two documents together can break, once over what they can match of all
            if violations := validate_whole_graph(whole + whole_graph_lines(shared)):
                raise ValidationFailed(violations)
            clock.lap("validate whole graph")
        del whole
        count = _merge(documents, shared, work, blocks)
        clock.lap("merge")
    except BaseException:
        if owned:
            shutil.rmtree(work, ignore_errors=True)
        raise
    empty = [f"{d.report.path}: no plan rows, only a title and header; nothing from it is in the graph"
             for d in documents if not d.report.rows]
    b = Build([d.report for d in documents], [d.extractions for d in documents], work / "graph.nt", base,
              resolver, tracked, empty + resolver.warnings, clock.timings, validator if check else "none", count,
              {k: round(v, 4) for k, v in seconds.items()})
    if owned:
        weakref.finalize(b, shutil.rmtree, work, ignore_errors=True)
    return b

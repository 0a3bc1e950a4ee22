"""Recommendation tracking: dated status updates, status history, current status and rates.

Status updates are data: ``data/status-updates/*.csv``, one row per update, columns
:data:`COLUMNS`.  Every row becomes a dated ``rg:StatusAssertion`` (a ``prov:Activity``); the
first assertion of every recommendation comes from the report itself (pending response /
open, on the report's open-since date).  Nothing is overwritten: the current status is, for
acceptance and implementation separately, the latest assertion that states it.

Status values are the ``skos:notation`` tokens of ``ontology/status.ttl`` (``accepted``,
``in-progress`` ...); any label of the concept is accepted too (``已採納``, ``辦理中``).  Whether
a recommendation is still open, and its GAO and inspector-general terms, are read from that
file's alignment (see its header), not from code.

>>> v = load_vocabulary()
>>> v.lookup("implementation", "辦理中") == IMPLEMENTATION + "in-progress"
True
>>> sorted(v.notation[c] for c in v.open_implementation)
['in-progress', 'open', 'partially-implemented']
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Iterable, Iterator, Mapping

import pyoxigraph as ox
from rdflib import Graph
from rdflib.namespace import RDF, SKOS

from recgraph.iris import Iris, segment
from recgraph.model import InputError, Problem
from recgraph.namespace import RG, VOCAB
from recgraph.vocab import label_key, ontology_path

ACCEPTANCE = VOCAB + "acceptance/"
IMPLEMENTATION = VOCAB + "implementation/"
GAO = VOCAB + "gao-status/"
IG = VOCAB + "ig-status/"
PENDING = ACCEPTANCE + "pending-response"
OPEN = IMPLEMENTATION + "open"
COLUMNS = ["recommendation", "date", "acceptance", "implementation", "note", "evidence", "reported_by", "target_date"]
OPTIONAL = ["target_date"]      # files written before it existed have the other columns only
DEFAULT_UPDATES = Path(__file__).resolve().parent.parent / "data" / "status-updates"
INITIAL_REPORTER = "evaluation report"
INITIAL_NOTE = "Issued in the evaluation report; no response recorded yet."

_DCT = "http://purl.org/dc/terms/"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_PROV = "http://www.w3.org/ns/prov#"
_XSD = "http://www.w3.org/2001/XMLSchema#"
TAIPEI = "+08:00"    # updates give a day; PROV times are that day's start in Taipei (rg:date keeps the day)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SERIAL = re.compile(r"/plan/([^/]+)/rec/[^/]+$")
_IRI = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")


# ---------------------------------------------------------------- vocabulary

@dataclass(frozen=True)
class Vocabulary:
    """The status concepts of ``ontology/status.ttl`` and their GAO / IG alignment."""

    schemes: dict[str, dict[str, str]]          # "acceptance"/"implementation" -> label key -> IRI
    notation: dict[str, str]                    # concept IRI -> token
    labels: dict[str, dict[str, str]]           # concept IRI -> language -> prefLabel
    gao: dict[str, str]                         # implementation IRI -> GAO concept IRI
    ig: dict[str, str]                          # acceptance or closing implementation IRI -> IG IRI

    @property
    def open_implementation(self) -> frozenset[str]:
        """Implementation statuses under which a recommendation is still open (GAO ``open``)."""
        return frozenset(c for c, g in self.gao.items() if g == GAO + "open")

    def lookup(self, dimension: str, value: str) -> str | None:
        """The concept IRI a token or label names in ``dimension``, or None."""
        return self.schemes[dimension].get(label_key(value))

    def ig_term(self, acceptance: str, implementation: str) -> str:
        """IG term: closed when the implementation status closes it, else by acceptance."""
        return self.ig.get(implementation) or self.ig[acceptance]


@cache
def load_vocabulary(path: Path | None = None) -> Vocabulary:
    """Read the acceptance and implementation schemes and their alignment."""
    g = Graph().parse(path or ontology_path("status.ttl"), format="turtle")
    schemes: dict[str, dict[str, str]] = {"acceptance": {}, "implementation": {}}
    notation, labels, gao, ig = {}, {}, {}, {}
    for concept in sorted(g.subjects(RDF.type, SKOS.Concept)):
        iri = str(concept)
        dimension = next((d for d, base in (("acceptance", ACCEPTANCE), ("implementation", IMPLEMENTATION))
                          if iri.startswith(base)), None)
        if dimension is None:
            notation[iri] = str(g.value(concept, SKOS.notation))
            labels[iri] = {(o.language or "").lower(): str(o) for o in g.objects(concept, SKOS.prefLabel)}
            continue
        token = str(g.value(concept, SKOS.notation))
        notation[iri] = token
        labels[iri] = {(o.language or "").lower(): str(o) for o in g.objects(concept, SKOS.prefLabel)}
        for value in [token, *g.objects(concept, SKOS.prefLabel), *g.objects(concept, SKOS.altLabel)]:
            schemes[dimension].setdefault(label_key(str(value)), iri)
        for match in sorted(str(m) for p in (SKOS.exactMatch, SKOS.broadMatch) for m in g.objects(concept, p)):
            if match.startswith(GAO):
                gao[iri] = match
            elif match.startswith(IG):
                ig[iri] = match
    return Vocabulary(schemes, notation, labels, gao, ig)


# ---------------------------------------------------------------- recommendations in a graph

@dataclass(frozen=True)
class TrackedRec:
    """What the tracker needs to know about one recommendation, read from the graph."""

    id: str
    iri: str
    open_since: str
    report: str
    fiscal_year: int
    ministry: str
    plan: str
    plan_name: str
    text: str
    agencies: tuple[str, ...] = ()      # agency codes (dcterms:identifier), else IRIs
    themes: tuple[str, ...] = ()        # theme IRIs
    kinds: tuple[str, ...] = ()         # kind IRIs
    repeats: tuple[str, ...] = ()       # IRIs of earlier recommendations this one repeats


def tracked_recommendations(triples: Iterable[ox.Triple]) -> dict[str, TrackedRec]:
    """Every ``rg:Recommendation`` of the triples, keyed by identifier, in one pass (no SPARQL)."""
    since_p, issued_p, concerns_p, text_p, year_p = (str(p) for p in (RG.openSince, RG.issuedIn, RG.concerns,
                                                                      RG.text, RG.fiscalYear))
    agency_p, kind_p, repeats_p, subject_p = str(RG.addressedTo), str(RG.kind), str(RG.repeats), _DCT + "subject"
    single = {p: {} for p in (since_p, issued_p, concerns_p, text_p, year_p, _DCT + "identifier", _RDFS + "label",
                              _DCT + "publisher")}
    multi = {p: defaultdict(set) for p in (agency_p, kind_p, subject_p, repeats_p)}
    recs, rec_class, rdf_type = set(), str(RG.Recommendation), str(RDF.type)
    for t in triples:
        p = t.predicate.value
        if p in single:
            single[p].setdefault(t.subject.value, t.object.value)
        elif p in multi:
            multi[p][t.subject.value].add(t.object.value)
        elif p == rdf_type and t.object.value == rec_class:
            recs.add(t.subject.value)
    ident, since = single[_DCT + "identifier"], single[since_p]
    out = {}
    for iri in sorted(recs):
        report, plan = single[issued_p].get(iri, ""), single[concerns_p].get(iri, "")
        rec = TrackedRec(
            id=ident.get(iri, iri), iri=iri, open_since=since.get(iri, ""), report=report,
            fiscal_year=int(single[year_p].get(report, "0")[:4] or 0), plan=plan,
            ministry=ident.get(single[_DCT + "publisher"].get(report, ""), single[_DCT + "publisher"].get(report, "")),
            plan_name=single[_RDFS + "label"].get(plan, ""), text=single[text_p].get(iri, ""),
            agencies=tuple(sorted(ident.get(a, a) for a in multi[agency_p][iri])),
            themes=tuple(sorted(multi[subject_p][iri])), kinds=tuple(sorted(multi[kind_p][iri])),
            repeats=tuple(sorted(multi[repeats_p][iri])))
        out[rec.id] = rec
    return out


# ---------------------------------------------------------------- status updates: read and check

@dataclass(frozen=True)
class StatusUpdate:
    """One row of a status-update file; statuses are concept IRIs (None when not stated)."""

    recommendation: str
    date: str
    acceptance: str | None = None
    implementation: str | None = None
    note: str = ""
    evidence: str = ""
    reported_by: str = ""
    source: str = ""
    line: int = 0
    target_date: str = ""


def parse_updates(data: bytes, path: str, vocab: Vocabulary | None = None) -> tuple[list[StatusUpdate], list[Problem]]:
    """Parse one update file's bytes; return the well-formed rows and the problems of the others."""
    vocab = vocab or load_vocabulary()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[:e.start].count(b"\n") + 1
        return [], [Problem(path, line, f"not UTF-8 (byte {e.start}: {data[e.start:e.start + 4]!r}); save the file as UTF-8")]
    rows, problems = [], []
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    columns = [h.strip() for h in header or []]
    if columns not in (COLUMNS, COLUMNS[:-len(OPTIONAL)]):
        return [], [Problem(path, 1, f"expected the header {','.join(COLUMNS)} (target_date may be left out)")]
    start = reader.line_num + 1
    for cells in reader:
        line, start = start, reader.line_num + 1
        if not cells or not any(c.strip() for c in cells):
            continue
        if len(cells) != len(columns):
            problems.append(Problem(path, line, f"malformed row: {len(cells)} fields, expected {len(columns)}"))
            continue
        row = {"target_date": "", **dict(zip(columns, (c.strip() for c in cells)))}
        found = []
        if not row["recommendation"]:
            found.append("no recommendation id")
        if not _is_date(row["date"]):
            found.append(f"bad date {row['date']!r}; expected YYYY-MM-DD")
        if row["target_date"] and not _is_date(row["target_date"]):
            found.append(f"bad target_date {row['target_date']!r}; expected YYYY-MM-DD or nothing")
        statuses = {}
        for dim in ("acceptance", "implementation"):
            if row[dim]:
                statuses[dim] = vocab.lookup(dim, row[dim])
                if statuses[dim] is None:
                    known = ", ".join(sorted(vocab.notation[c] for c in set(vocab.schemes[dim].values())))
                    found.append(f"unknown {dim} status {row[dim]!r}; expected one of {known}")
        if not row["acceptance"] and not row["implementation"]:
            found.append("neither an acceptance nor an implementation status")
        if found:
            problems.extend(Problem(path, line, m) for m in found)
            continue
        rows.append(StatusUpdate(row["recommendation"], row["date"], statuses.get("acceptance"),
                                 statuses.get("implementation"), row["note"], row["evidence"],
                                 row["reported_by"], path, line, row["target_date"]))
    return rows, problems


def _is_date(value: str) -> bool:
    if not _DATE.match(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def check_updates(updates: list[StatusUpdate], open_since: Mapping[str, str],
                  today: dt.date | None = None, retired: Mapping[str, str] = {}) -> list[Problem]:
    """Problems of well-formed rows against the graph: unknown or retired id, date out of range, conflicts.

    ``retired``: ids the id ledger issued that name no extracted recommendation, with the date
    they were retired ('' when this build retires them).
    """
    today = today or dt.date.today()
    problems, seen = [], {}
    for u in updates:
        where = (u.source, u.line)
        if u.recommendation not in open_since:
            if u.recommendation in retired:
                when = f" on {retired[u.recommendation]}" if retired[u.recommendation] else ""
                problems.append(Problem(*where, f"{u.recommendation} was retired{when}: its text is no longer "
                                                "extracted (see data/recommendation-ids.csv); give the update to "
                                                "the id that names the text now, or remove the row"))
            else:
                problems.append(Problem(*where, f"unknown recommendation id {u.recommendation!r}"))
            continue
        since = open_since[u.recommendation]
        if since and u.date < since:
            problems.append(Problem(*where, f"date {u.date} is before {u.recommendation} was issued ({since})"))
        if u.date > today.isoformat():
            problems.append(Problem(*where, f"date {u.date} is after today ({today.isoformat()})"))
        for dim in ("acceptance", "implementation"):
            value = getattr(u, dim)
            if value is None:
                continue
            key = (u.recommendation, u.date, dim)
            if key in seen and seen[key][0] != value:
                first = seen[key][1]
                problems.append(Problem(*where, f"{u.recommendation} has two different {dim} statuses on {u.date} "
                                                f"(the other at {first.source}:{first.line})"))
            seen.setdefault(key, (value, u))
    return problems


def update_files(location: str | Path = DEFAULT_UPDATES) -> list[Path]:
    """The update files: ``location`` itself if a file, else its ``*.csv`` files sorted by name."""
    location = Path(location)
    if location.is_file():
        return [location]
    return sorted(location.glob("*.csv")) if location.is_dir() else []


def read_updates(location: str | Path | list, open_since: Mapping[str, str], today: dt.date | None = None,
                 vocab: Vocabulary | None = None, retired: Mapping[str, str] = {}) -> list[StatusUpdate]:
    """Read and check every update file; raise InputError naming file:line for every problem."""
    paths = location if isinstance(location, list) else update_files(location)
    updates, problems = [], []
    for path in paths:
        rows, found = parse_updates(Path(path).read_bytes(), str(path), vocab)
        updates += rows
        problems += found
    problems += check_updates(updates, open_since, today, retired)
    if problems:
        raise InputError(problems)
    return updates


def _row_cells(u: StatusUpdate, vocab: Vocabulary) -> list[str]:
    statuses = [vocab.notation.get(vocab.lookup(dim, v) or v, v) if v else ""
                for dim, v in (("acceptance", u.acceptance), ("implementation", u.implementation))]
    return [u.recommendation, u.date, *statuses, u.note, u.evidence, u.reported_by, u.target_date]


def _same(a: StatusUpdate, b: StatusUpdate) -> bool:
    keys = ("recommendation", "date", "acceptance", "implementation", "note", "evidence", "reported_by", "target_date")
    return all(getattr(a, k) == getattr(b, k) for k in keys)


def append_updates(path: str | Path, updates: list[StatusUpdate], open_since: Mapping[str, str], *,
                   others: list[str | Path] = (), today: dt.date | None = None,
                   vocab: Vocabulary | None = None) -> list[StatusUpdate]:
    """Validate ``updates`` with every existing row (of ``path`` and ``others``) and append the new ones.

    Statuses may be concept IRIs, tokens or labels (as typed); they are written as tokens.  A row
    identical to one already recorded is not appended again (imports are idempotent).  Past rows
    are never rewritten; on any problem InputError is raised and nothing is written.  A lock file
    in the folder is held from the check to the append, so concurrent writers never interleave
    and two conflicting updates cannot both land.  Returns the rows appended.
    """
    from filelock import FileLock

    vocab = vocab or load_vocabulary()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(str(path.parent / ".status-updates.lock"), timeout=60):
        existing = path.read_bytes() if path.exists() else b""
        rows, problems = parse_updates(existing, str(path), vocab) if existing else ([], [])
        for other in others:
            if Path(other).resolve() != path.resolve():
                more, found = parse_updates(Path(other).read_bytes(), str(other), vocab)
                rows, problems = more + rows, problems + found
        header = existing.split(b"\n", 1)[0].decode("utf-8-sig").strip() if existing else ",".join(COLUMNS)
        width = len(header.split(","))
        buf = io.StringIO()
        if not existing:
            buf.write(header + "\n")
        fresh = []
        for u in updates:
            if any(_same(_resolved(u, vocab), r) for r in rows + fresh):
                continue
            cells = _row_cells(u, vocab)
            if width < len(COLUMNS) and u.target_date:
                raise InputError([Problem(str(path), 1, "this file has no target_date column; "
                                                        "write target dates to another update file")])
            csv.writer(buf, lineterminator="\n").writerow(cells[:width])
            fresh.append(_resolved(u, vocab))
        if not fresh:
            return []
        sep = b"" if not existing or existing.endswith(b"\n") else b"\n"
        candidate = existing + sep + buf.getvalue().encode("utf-8")
        all_rows, problems2 = parse_updates(candidate, str(path), vocab)
        others_rows = [r for r in rows if r.source != str(path)]
        problems = problems + problems2 + check_updates(others_rows + all_rows, open_since, today)
        if problems:
            raise InputError(problems)
        with path.open("ab") as f:
            f.write(candidate[len(existing):])
    return all_rows[len(all_rows) - len(fresh):]


def _resolved(u: StatusUpdate, vocab: Vocabulary) -> StatusUpdate:
    """``u`` with its statuses as concept IRIs (as parsed rows carry them)."""
    look = {dim: (vocab.lookup(dim, v) or v) if v and not v.startswith(VOCAB) else v
            for dim, v in (("acceptance", u.acceptance), ("implementation", u.implementation))}
    return StatusUpdate(u.recommendation, u.date, look["acceptance"], look["implementation"], u.note, u.evidence,
                        u.reported_by, u.source, u.line, u.target_date)


def append_update(path: str | Path, update: StatusUpdate, open_since: Mapping[str, str], **kwargs) -> StatusUpdate | None:
    """:func:`append_updates` for one update; None when an identical row is already recorded."""
    appended = append_updates(path, [update], open_since, **kwargs)
    return appended[0] if appended else None


# ---------------------------------------------------------------- history and current status

@dataclass(frozen=True)
class Assertion:
    """One dated status assertion; ``n`` 0 is the report's own, 1.. the updates in file order."""

    n: int
    date: str
    acceptance: str | None
    implementation: str | None
    reported_by: str
    note: str = ""
    evidence: str = ""
    source: str = ""
    line: int = 0
    target_date: str = ""


def histories(recs: Mapping[str, TrackedRec], updates: list[StatusUpdate]) -> dict[str, list[Assertion]]:
    """Every recommendation's assertions, oldest first (same date: file order)."""
    out = {rid: [Assertion(0, rec.open_since, PENDING, OPEN, INITIAL_REPORTER, INITIAL_NOTE, rec.report)]
           for rid, rec in recs.items()}
    for u in updates:
        if u.recommendation in out:
            h = out[u.recommendation]
            h.append(Assertion(len(h), u.date, u.acceptance, u.implementation, u.reported_by, u.note,
                               u.evidence, u.source, u.line, u.target_date))
    return {rid: sorted(h, key=lambda a: (a.date, a.n)) for rid, h in out.items()}


def current(history: list[Assertion]) -> tuple[str, str, str]:
    """(acceptance, implementation, date of the latest assertion) from a history, oldest first."""
    acc = next(a.acceptance for a in reversed(history) if a.acceptance)
    impl = next(a.implementation for a in reversed(history) if a.implementation)
    return acc, impl, history[-1].date


def current_status(recs: Mapping[str, TrackedRec], updates: list[StatusUpdate],
                   vocab: Vocabulary | None = None) -> dict[str, dict[str, str]]:
    """Every recommendation's current status as tokens: what the CSV export and the site show."""
    vocab = vocab or load_vocabulary()
    out = {}
    for rid, history in histories(recs, updates).items():
        acc, impl, date = current(history)
        out[rid] = {"acceptance": vocab.notation[acc], "implementation": vocab.notation[impl], "status_date": date,
                    "target_date": latest_target(history)}
    return out


def latest_target(history: list[Assertion]) -> str:
    """The target date of the latest assertion that gives one ('' if none does)."""
    return next((a.target_date for a in reversed(history) if a.target_date), "")


# ---------------------------------------------------------------- RDF

def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(str(iri))


def status_triples(recs: Mapping[str, TrackedRec], updates: list[StatusUpdate], iris: Iris) -> Iterator[ox.Triple]:
    """``rg:StatusAssertion`` activities for every recommendation, and its current status.

    The recommendation gets ``rg:acceptance`` / ``rg:implementation`` = its latest asserted
    values (so the report writer must not write them).  Evidence that is an http(s) IRI is
    ``prov:used`` directly; other evidence becomes a ``prov:Entity`` labelled with the text.  The
    reporter is a ``prov:Agent`` (``prov:wasAssociatedWith``); only a day is known, so
    ``prov:startedAtTime``/``endedAtTime`` are that day at 00:00 Taipei time (+08:00) and ``rg:date``
    keeps the day itself as an ``xsd:date``.
    """
    typ, date_t, time_t = _n(str(RDF.type)), _n(_XSD + "date"), _n(_XSD + "dateTime")
    agents: dict[str, str] = {}
    for rid, history in sorted(histories(recs, updates).items()):
        rec = recs[rid]
        acc, impl, _ = current(history)
        yield ox.Triple(_n(rec.iri), _n(RG.acceptance), _n(acc))
        yield ox.Triple(_n(rec.iri), _n(RG.implementation), _n(impl))
        for a in history:
            s = _n(iris.status(rid, a.n))
            yield ox.Triple(s, typ, _n(RG.StatusAssertion))
            yield ox.Triple(s, typ, _n(_PROV + "Activity"))
            yield ox.Triple(s, _n(RG.statusOf), _n(rec.iri))
            yield ox.Triple(s, _n(RG.date), ox.Literal(a.date, datatype=date_t))
            when = ox.Literal(f"{a.date}T00:00:00{TAIPEI}", datatype=time_t)
            yield ox.Triple(s, _n(_PROV + "startedAtTime"), when)
            yield ox.Triple(s, _n(_PROV + "endedAtTime"), when)
            agent = agents.setdefault(a.reported_by, agent_iri(a.reported_by, iris))
            yield ox.Triple(s, _n(_PROV + "wasAssociatedWith"), _n(agent))
            if a.target_date:
                yield ox.Triple(s, _n(RG.targetDate), ox.Literal(a.target_date, datatype=date_t))
            if a.acceptance:
                yield ox.Triple(s, _n(RG.acceptance), _n(a.acceptance))
            if a.implementation:
                yield ox.Triple(s, _n(RG.implementation), _n(a.implementation))
            if a.reported_by:
                yield ox.Triple(s, _n(RG.reportedBy), ox.Literal(a.reported_by))
            if a.note:
                yield ox.Triple(s, _n(_RDFS + "comment"), ox.Literal(a.note))
            if a.evidence and _IRI.match(a.evidence):
                yield ox.Triple(s, _n(_PROV + "used"), _n(a.evidence))
                yield ox.Triple(_n(a.evidence), typ, _n(_PROV + "Entity"))
            elif a.evidence:
                ev = _n(f"{s.value}/evidence")
                yield ox.Triple(s, _n(_PROV + "used"), ev)
                yield ox.Triple(ev, typ, _n(_PROV + "Entity"))
                yield ox.Triple(ev, _n(_RDFS + "label"), ox.Literal(a.evidence))
    yield from agent_triples(updates, iris)


def agent_iri(reported_by: str, iris: Iris) -> str:
    """The ``prov:Agent`` that reported: the agency the agency table knows by that name, else the role."""
    from recgraph.agencies import DEFAULT_AGENCIES, load_agencies

    found = load_agencies(DEFAULT_AGENCIES).resolve(reported_by)
    return iris.agency(found.code) if found else f"{iris.base}agent/{segment(reported_by or 'unknown')}"


def agent_triples(updates: list[StatusUpdate], iris: Iris) -> Iterator[ox.Triple]:
    """Every reporter as a ``prov:Agent`` with its name (roles; agencies are organisations already)."""
    typ = _n(str(RDF.type))
    for name in sorted({INITIAL_REPORTER} | {u.reported_by for u in updates}):
        iri = agent_iri(name, iris)
        yield ox.Triple(_n(iri), typ, _n(_PROV + "Agent"))
        if "/agent/" in iri:
            yield ox.Triple(_n(iri), _n(_RDFS + "label"), ox.Literal(name or "unknown"))


# ---------------------------------------------------------------- status table, filters, rates

@dataclass(frozen=True)
class Status:
    """A recommendation with its current status and, while open, its age in days."""

    rec: TrackedRec
    acceptance: str
    implementation: str
    updated: str
    is_open: bool
    age_days: int | None = None
    target_date: str = ""
    overdue: bool = False       # open and past its latest target date


def status_table(recs: Mapping[str, TrackedRec], updates: list[StatusUpdate], as_of: dt.date | None = None,
                 vocab: Vocabulary | None = None) -> list[Status]:
    """Every recommendation's current status, sorted by identifier."""
    vocab, as_of = vocab or load_vocabulary(), as_of or dt.date.today()
    out = []
    for rid, history in sorted(histories(recs, updates).items()):
        acc, impl, updated = current(history)
        is_open = impl in vocab.open_implementation
        since = recs[rid].open_since
        age = (as_of - dt.date.fromisoformat(since)).days if is_open and since else None
        target = latest_target(history)
        out.append(Status(recs[rid], acc, impl, updated, is_open, age, target,
                          bool(is_open and target and target < as_of.isoformat())))
    return out


def _local(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def filter_status(rows: list[Status], *, agency: str | None = None, theme=None,
                  kind: str | None = None, status: str | None = None, fiscal_year: int | None = None,
                  open_longer_than: int | None = None, overdue: bool = False,
                  vocab: Vocabulary | None = None) -> list[Status]:
    """Rows matching every filter given (``status list``), values as graph.filters resolves them.

    ``theme`` is a theme id or a set of them (graph.filters.resolve_theme: with its narrower
    themes); ``agency`` a code, ``kind`` a kind id; ``status`` a token or label of an acceptance or
    implementation status, or a GAO / IG term (``open`` = every open one).
    """
    vocab = vocab or load_vocabulary()
    themes = {theme} if isinstance(theme, str) else set(theme or ())
    out = []
    for r in rows:
        if (themes and not themes & set(map(_local, r.rec.themes))) or (overdue and not r.overdue):
            continue
        terms = {r.acceptance, r.implementation, vocab.gao.get(r.implementation, ""),
                 vocab.ig_term(r.acceptance, r.implementation)}
        names = {label_key(vocab.notation.get(t, "")) for t in terms} | {
            label_key(lab) for t in terms for lab in vocab.labels.get(t, {}).values()}
        if ((agency and agency not in r.rec.agencies)
                or (kind and kind not in map(_local, r.rec.kinds)) or (status and label_key(status) not in names)
                or (fiscal_year and r.rec.fiscal_year != fiscal_year)
                or (open_longer_than is not None and (r.age_days is None or r.age_days <= open_longer_than))):
            continue
        out.append(r)
    return out


def summary(rows: list[Status], as_of: dt.date | None = None, vocab: Vocabulary | None = None) -> dict:
    """The rates audit offices publish (``status summary``).

    acceptance rate = (accepted + partially accepted) / recommendations with a response;
    implementation rate = implemented / all recommendations (GAO's cohort rate).
    """
    vocab = vocab or load_vocabulary()
    acc = Counter(vocab.notation[r.acceptance] for r in rows)
    impl = Counter(vocab.notation[r.implementation] for r in rows)
    responded = len(rows) - acc["pending-response"]
    ages = sorted(r.age_days for r in rows if r.is_open and r.age_days is not None)
    open_rows = [r for r in rows if r.is_open]
    return {
        "as_of": (as_of or dt.date.today()).isoformat(),
        "recommendations": len(rows),
        "open": len(open_rows),
        "closed": len(rows) - len(open_rows),
        "acceptance": {vocab.notation[c]: acc[vocab.notation[c]] for c in _concepts(vocab, "acceptance")},
        "implementation": {vocab.notation[c]: impl[vocab.notation[c]] for c in _concepts(vocab, "implementation")},
        "gao": dict(sorted(Counter(vocab.notation[vocab.gao[r.implementation]] for r in rows).items())),
        "ig": dict(sorted(Counter(vocab.notation[vocab.ig_term(r.acceptance, r.implementation)] for r in rows).items())),
        "responded": responded,
        "acceptance_rate": _ratio(acc["accepted"] + acc["partially-accepted"], responded),
        "implementation_rate": _ratio(impl["implemented"], len(rows)),
        "open_by_agency": dict(sorted(Counter(a for r in open_rows for a in r.rec.agencies).items())),
        "open_by_theme": dict(sorted(Counter(t for r in open_rows for t in _with_broader(r.rec.themes)).items())),
        "overdue": [r.rec.id for r in rows if r.overdue],
        "open_age_days": {"median": _median(ages), "max": max(ages) if ages else None},
        "repeated": sum(1 for r in rows if r.rec.repeats),
        "repeated_open": sum(1 for r in open_rows if r.rec.repeats),
    }


def _with_broader(themes) -> set[str]:
    """Theme ids with every broader theme (a recommendation on 5G counts under mobile networks)."""
    from recgraph.themes import load_taxonomy

    ancestry = load_taxonomy().ancestry
    return {a for t in map(_local, themes) for a in (t, *ancestry.get(t, ()))}


def _concepts(vocab: Vocabulary, dimension: str) -> list[str]:
    return sorted(set(vocab.schemes[dimension].values()), key=lambda c: vocab.notation[c])


def _median(values: list[int]) -> int | float | None:
    if not values:
        return None
    m = statistics.median(values)
    return int(m) if m == int(m) else m


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


# ---------------------------------------------------------------- text output for the CLI

def format_table(rows: list[Status], vocab: Vocabulary | None = None) -> str:
    """``status list``: one line per recommendation, tab-separated, with a header."""
    vocab = vocab or load_vocabulary()
    lines = ["id\tacceptance\timplementation\tupdated\topen since\tage (days)\ttarget date\tagency\tplan serial\tplan"]
    for r in rows:
        lines.append("\t".join([r.rec.id, vocab.notation[r.acceptance], vocab.notation[r.implementation], r.updated,
                                r.rec.open_since, "" if r.age_days is None else str(r.age_days),
                                r.target_date + (" (overdue)" if r.overdue else ""),
                                ",".join(r.rec.agencies), plan_serial(r.rec.iri), r.rec.plan_name]))
    return "\n".join(lines)


def format_history(rec: TrackedRec, history: list[Assertion], vocab: Vocabulary | None = None) -> str:
    """``status show ID``: the recommendation and every assertion, oldest first."""
    vocab = vocab or load_vocabulary()
    lines = [f"{rec.id}  {rec.plan_name} (FY{rec.fiscal_year}, open since {rec.open_since})", f"  {rec.text}"]
    lines += [f"  repeats {r}" for r in rec.repeats]
    for a in history:
        acc = vocab.notation.get(a.acceptance, "-") if a.acceptance else "-"
        impl = vocab.notation.get(a.implementation, "-") if a.implementation else "-"
        where = f" [{a.source}:{a.line}]" if a.line else ""
        lines.append(f"  {a.date}  acceptance {acc}, implementation {impl}  by {a.reported_by or '-'}{where}")
        if a.note:
            lines.append(f"      note: {a.note}")
        if a.evidence:
            lines.append(f"      evidence: {a.evidence}")
    return "\n".join(lines)


def format_summary(s: dict) -> str:
    """``status summary``: the rates as plain text."""
    def pct(x):
        return "n/a" if x is None else f"{x:.1%}"
    lines = [f"Recommendations: {s['recommendations']} (open {s['open']}, closed {s['closed']}) as of {s['as_of']}",
             "  acceptance: " + ", ".join(f"{k} {v}" for k, v in s["acceptance"].items()),
             "  implementation: " + ", ".join(f"{k} {v}" for k, v in s["implementation"].items()),
             "  GAO terms: " + ", ".join(f"{k} {v}" for k, v in s["gao"].items()),
             "  IG terms: " + ", ".join(f"{k} {v}" for k, v in s["ig"].items()),
             f"  acceptance rate: {pct(s['acceptance_rate'])} of {s['responded']} with a response",
             f"  implementation rate: {pct(s['implementation_rate'])} of {s['recommendations']}",
             f"  age of open recommendations (days): median {s['open_age_days']['median']}, max {s['open_age_days']['max']}",
             f"  repeated from an earlier year: {s['repeated']} ({s['repeated_open']} still open)",
             "  open by agency: " + (", ".join(f"{k} {v}" for k, v in s["open_by_agency"].items()) or "-"),
             "  open by theme (narrower themes included): "
             + (", ".join(f"{k} {v}" for k, v in s["open_by_theme"].items()) or "-"),
             f"  past their target date: {len(s['overdue'])}" + (f" ({', '.join(s['overdue'])})" if s["overdue"] else "")]
    return "\n".join(lines)


def plan_serial(rec_iri: str) -> str:
    """The plan serial of a recommendation IRI (``…/plan/04/rec/1`` -> ``04``), as graph.iris mints it."""
    found = _SERIAL.search(rec_iri)
    return found.group(1) if found else ""


def open_since_of(recs: Mapping[str, TrackedRec]) -> dict[str, str]:
    """Identifier -> open-since date, what update checks need."""
    return {rid: rec.open_since for rid, rec in recs.items()}

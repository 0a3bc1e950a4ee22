"""Recommendation tracking: status history, current status, its triples, filters and rates.

Status updates (graph.status_updates) and the report itself are the assertions: the first of
every recommendation comes from the report (pending response / open, on its open-since date),
then every update row.  Nothing is overwritten: the current status is, for acceptance and
implementation separately, the latest assertion that states it.  Whether a recommendation is
still open, and its GAO and inspector-general terms, come from graph.status_vocab.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Iterable, Iterator, Mapping

import pyoxigraph as ox
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

from recgraph.iris import Iris, local_name, segment
from recgraph.namespace import RG
from recgraph.status_updates import StatusUpdate
from recgraph.status_vocab import OPEN, PENDING, Vocabulary, load_vocabulary
from recgraph.vocab import label_key

INITIAL_REPORTER = "evaluation report"
INITIAL_NOTE = "Issued in the evaluation report; no response recorded yet."

TAIPEI = "+08:00"    # updates give a day; PROV times are that day's start in Taipei (rg:date keeps the day)
_SERIAL = re.compile(r"/plan/([^/]+)/rec/[^/]+$")
_IRI = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")


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
    agency_p, kind_p, repeats_p, subject_p = str(RG.addressedTo), str(RG.kind), str(RG.repeats), str(DCTERMS.subject)
    ident_p, label_p, publisher_p = str(DCTERMS.identifier), str(RDFS.label), str(DCTERMS.publisher)
    single = {p: {} for p in (since_p, issued_p, concerns_p, text_p, year_p, ident_p, label_p, publisher_p)}
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
    ident, since = single[ident_p], single[since_p]
    out = {}
    for iri in sorted(recs):
        report, plan = single[issued_p].get(iri, ""), single[concerns_p].get(iri, "")
        rec = TrackedRec(
            id=ident.get(iri, iri), iri=iri, open_since=since.get(iri, ""), report=report,
            fiscal_year=int(single[year_p].get(report, "0")[:4] or 0), plan=plan,
            ministry=ident.get(single[publisher_p].get(report, ""), single[publisher_p].get(report, "")),
            plan_name=single[label_p].get(plan, ""), text=single[text_p].get(iri, ""),
            agencies=tuple(sorted(ident.get(a, a) for a in multi[agency_p][iri])),
            themes=tuple(sorted(multi[subject_p][iri])), kinds=tuple(sorted(multi[kind_p][iri])),
            repeats=tuple(sorted(multi[repeats_p][iri])))
        out[rec.id] = rec
    return out


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
    typ, date_t, time_t = _n(str(RDF.type)), _n(XSD.date), _n(XSD.dateTime)
    # the vocabulary's nodes made once, not per triple (an rdflib namespace lookup each: a third
    # of this function's time at 100x)
    acceptance, implementation, assertion, activity = (_n(RG.acceptance), _n(RG.implementation),
                                                       _n(RG.StatusAssertion), _n(PROV.Activity))
    status_of, date_p, started, ended = _n(RG.statusOf), _n(RG.date), _n(PROV.startedAtTime), _n(PROV.endedAtTime)
    associated, target, reported, comment = (_n(PROV.wasAssociatedWith), _n(RG.targetDate), _n(RG.reportedBy),
                                             _n(RDFS.comment))
    used, entity, label = _n(PROV.used), _n(PROV.Entity), _n(RDFS.label)
    agents: dict[str, str] = {}
    for rid, history in sorted(histories(recs, updates).items()):
        rec = recs[rid]
        acc, impl, _ = current(history)
        node = _n(rec.iri)
        yield ox.Triple(node, acceptance, _n(acc))
        yield ox.Triple(node, implementation, _n(impl))
        for a in history:
            s = _n(iris.status(rid, a.n))
            yield ox.Triple(s, typ, assertion)
            yield ox.Triple(s, typ, activity)
            yield ox.Triple(s, status_of, node)
            yield ox.Triple(s, date_p, ox.Literal(a.date, datatype=date_t))
            when = ox.Literal(f"{a.date}T00:00:00{TAIPEI}", datatype=time_t)
            yield ox.Triple(s, started, when)
            yield ox.Triple(s, ended, when)
            agent = agents.get(a.reported_by) or agents.setdefault(a.reported_by, agent_iri(a.reported_by, iris))
            yield ox.Triple(s, associated, _n(agent))
            if a.target_date:
                yield ox.Triple(s, target, ox.Literal(a.target_date, datatype=date_t))
            if a.acceptance:
                yield ox.Triple(s, acceptance, _n(a.acceptance))
            if a.implementation:
                yield ox.Triple(s, implementation, _n(a.implementation))
            if a.reported_by:
                yield ox.Triple(s, reported, ox.Literal(a.reported_by))
            if a.note:
                yield ox.Triple(s, comment, ox.Literal(a.note))
            if a.evidence and _IRI.match(a.evidence):
                yield ox.Triple(s, used, _n(a.evidence))
                yield ox.Triple(_n(a.evidence), typ, entity)
            elif a.evidence:
                ev = _n(f"{s.value}/evidence")
                yield ox.Triple(s, used, ev)
                yield ox.Triple(ev, typ, entity)
                yield ox.Triple(ev, label, ox.Literal(a.evidence))
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
        yield ox.Triple(_n(iri), typ, _n(PROV.Agent))
        if "/agent/" in iri:
            yield ox.Triple(_n(iri), _n(RDFS.label), ox.Literal(name or "unknown"))


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


def _status_names(r: Status, vocab: Vocabulary) -> set[str]:
    """Every name the row's status goes by: notation and labels of its acceptance, implementation,
    GAO and inspector-general terms, folded by label_key."""
    terms = {r.acceptance, r.implementation, vocab.gao.get(r.implementation, ""),
             vocab.ig_term(r.acceptance, r.implementation)}
    return {label_key(vocab.notation.get(t, "")) for t in terms} | {
        label_key(lab) for t in terms for lab in vocab.labels.get(t, {}).values()}


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
    tests = [test for given, test in (  # (filter given?, what a matching row passes)
        (themes, lambda r: themes & set(map(local_name, r.rec.themes))),
        (overdue, lambda r: r.overdue),
        (agency, lambda r: agency in r.rec.agencies),
        (kind, lambda r: kind in map(local_name, r.rec.kinds)),
        (status, lambda r: label_key(status) in _status_names(r, vocab)),
        (fiscal_year, lambda r: r.rec.fiscal_year == fiscal_year),
        (open_longer_than is not None, lambda r: r.age_days is not None and r.age_days > open_longer_than),
    ) if given]
    return [r for r in rows if all(test(r) for test in tests)]


def _status_counts(rows: list[Status], vocab: Vocabulary) -> dict:
    """Recommendations per acceptance, implementation, GAO and IG status, and the two rates."""
    acc = Counter(vocab.notation[r.acceptance] for r in rows)
    impl = Counter(vocab.notation[r.implementation] for r in rows)
    responded = len(rows) - acc["pending-response"]
    return {
        "acceptance": {vocab.notation[c]: acc[vocab.notation[c]] for c in _concepts(vocab, "acceptance")},
        "implementation": {vocab.notation[c]: impl[vocab.notation[c]] for c in _concepts(vocab, "implementation")},
        "gao": dict(sorted(Counter(vocab.notation[vocab.gao[r.implementation]] for r in rows).items())),
        "ig": dict(sorted(Counter(vocab.notation[vocab.ig_term(r.acceptance, r.implementation)] for r in rows).items())),
        "responded": responded,
        "acceptance_rate": _ratio(acc["accepted"] + acc["partially-accepted"], responded),
        "implementation_rate": _ratio(impl["implemented"], len(rows)),
    }


def _open_backlog(rows: list[Status]) -> dict:
    """What is still open: by agency and theme (with broader themes), overdue, how old, how often repeated."""
    open_rows = [r for r in rows if r.is_open]
    ages = sorted(r.age_days for r in open_rows if r.age_days is not None)
    return {
        "open_by_agency": dict(sorted(Counter(a for r in open_rows for a in r.rec.agencies).items())),
        "open_by_theme": _open_by_theme(open_rows),
        "overdue": [r.rec.id for r in rows if r.overdue],
        "open_age_days": {"median": _median(ages), "max": max(ages) if ages else None},
        "repeated": sum(1 for r in rows if r.rec.repeats),
        "repeated_open": sum(1 for r in open_rows if r.rec.repeats),
    }


def summary(rows: list[Status], as_of: dt.date | None = None, vocab: Vocabulary | None = None) -> dict:
    """The rates audit offices publish (``status summary``).

    acceptance rate = (accepted + partially accepted) / recommendations with a response;
    implementation rate = implemented / all recommendations (GAO's cohort rate).
    """
    open_count = sum(1 for r in rows if r.is_open)
    return {"as_of": (as_of or dt.date.today()).isoformat(), "recommendations": len(rows), "open": open_count,
            "closed": len(rows) - open_count, **_status_counts(rows, vocab or load_vocabulary()),
            **_open_backlog(rows)}


def _open_by_theme(open_rows: list[Status]) -> dict[str, int]:
    """Open recommendations per theme id, each counted under every broader theme too (a
    recommendation on 5G counts under mobile networks); the taxonomy is read once, not per row."""
    from recgraph.themes import load_taxonomy, with_broader

    if not open_rows:
        return {}
    taxonomy = load_taxonomy()
    counts = Counter(t for r in open_rows for t in with_broader([local_name(x) for x in r.rec.themes], taxonomy))
    return dict(sorted(counts.items()))


def _concepts(vocab: Vocabulary, dimension: str) -> list[str]:
    return sorted(set(vocab.schemes[dimension].values()), key=lambda c: vocab.notation[c])


def _median(values: list[int]) -> int | float | None:
    if not values:
        return None
    m = statistics.median(values)
    return int(m) if m == int(m) else m


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def plan_serial(rec_iri: str) -> str:
    """The plan serial of a recommendation IRI (``…/plan/04/rec/1`` -> ``04``), as graph.iris mints it."""
    found = _SERIAL.search(rec_iri)
    return found.group(1) if found else ""


def open_since_of(recs: Mapping[str, TrackedRec]) -> dict[str, str]:
    """Identifier -> open-since date, what update checks need."""
    return {rid: rec.open_since for rid, rec in recs.items()}

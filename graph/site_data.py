"""The records the static site shows, read from the graph in one pass over its subjects.

Everything comes from the graph, so ``recgraph viz out/graph.ttl`` writes the same site as the
build: evaluations with their opinions, every extracted span with its offsets in the opinion,
recommendations with their current status and history (the ``rg:StatusAssertion`` triples the
build writes from ``data/status-updates``, graph/tracking.py), figures and agencies.  The views'
:class:`recgraph.views.Facts` supply labels, the theme hierarchy and plan themes.

The graph is read as subjects with their objects of the predicates in :data:`P`: a build's canonical
``graph.nt`` streamed (graph.ntriples) in byte ranges read side by side (:func:`read_nt`), anything else
through a store, one pattern per predicate (:func:`node_groups`).  The site's records are then joined here, in Python: at 1000x
the SPARQL queries that read them from the build's on-disk store took most of the site's 679 s
(bench/RESULTS.md).  Each record is what those queries gave (tests/site_sparql.py keeps them and
tests/test_site_data.py compares): a field with several values takes the first of the sorted
rows, as the queries' rows were read.
"""

from __future__ import annotations

import itertools
import os
from array import array
from collections import defaultdict
from dataclasses import dataclass, field
from functools import partial
from typing import Iterable, Iterator

import pyoxigraph as ox
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, RDFS, SKOS

from recgraph import views as V
from recgraph.loader import load_store
from recgraph.namespace import OA, RG
from recgraph.ntriples import split_points, subjects

SPAN_TYPES = {str(RG.Recommendation): "recommendation", str(RG.ThemeMention): "theme",
              str(RG.ReportedFigure): "figure", str(RG.AgencyMention): "agency"}
"""Extracted items whose evidence spans the plan page marks, by the type named in its legend."""
SPAN_ORDER = sorted(SPAN_TYPES)

REPORT, EVALUATION, RECOMMENDATION, FIGURE, ASSERTION, ORGANIZATION = (
    str(RG.EvaluationReport), str(RG.PlanEvaluation), str(RG.Recommendation), str(RG.ReportedFigure),
    str(RG.StatusAssertion), str(ORG.Organization))
P = {name: str(iri) for name, iri in {
    "type": RDF.type, "label": RDFS.label, "comment": RDFS.comment, "alt": SKOS.altLabel,
    "notation": SKOS.notation, "broad": SKOS.broadMatch, "exact_match": SKOS.exactMatch,
    "identifier": DCTERMS.identifier, "title": DCTERMS.title, "part_of": DCTERMS.isPartOf,
    "subject": DCTERMS.subject, "parent": ORG.subOrganizationOf, "used": PROV.used,
    "year": RG.fiscalYear, "file": RG.sourceFile, "publisher": DCTERMS.publisher, "sha256": RG.sha256, "evaluates": RG.evaluates, "plan_name": RG.planName,
    "serial": RG.serial, "line": RG.sourceLine, "truncated": RG.truncated, "category": RG.category,
    "level": RG.controlLevel, "paragraph": RG.paragraph, "sentence": RG.sentence, "name_segment": RG.nameSegment,
    "start": RG.start, "text": RG.text, "mentions": RG.mentions, "evidence": RG.evidence,
    "evaluation": RG.evaluation, "generic": RG.generic, "open_since": RG.openSince, "acceptance": RG.acceptance,
    "implementation": RG.implementation, "addressed_to": RG.addressedTo, "kind": RG.kind, "repeats": RG.repeats,
    "concerns": RG.concerns, "status_of": RG.statusOf, "date": RG.date, "reported_by": RG.reportedBy,
    "metric": RG.metric, "value": RG.value, "value_written": RG.valueAsWritten, "target": RG.target,
    "target_written": RG.targetAsWritten, "comparator": RG.comparator, "ratio": RG.achievementRatio,
    "unit": RG.unit, "body": OA.hasBody, "has_target": OA.hasTarget, "source": OA.hasSource,
    "selector": OA.hasSelector, "exact": OA.exact, "oa_start": OA.start, "oa_end": OA.end,
    "role": RG.themeRole, "role_rule": RG.roleRule}.items()}
"""The predicates the site reads, by the name this module gives them."""
NAME = {iri: name for name, iri in P.items()}


@dataclass
class SiteData:
    """Plain records of everything the site shows, keyed by IRI (see :func:`read_site_data`)."""

    facts: V.Facts | None  # None until :func:`with_facts`
    reports: dict[str, dict] = field(default_factory=dict)
    evaluations: dict[str, dict] = field(default_factory=dict)
    recommendations: dict[str, dict] = field(default_factory=dict)
    figures: dict[str, dict] = field(default_factory=dict)
    agencies: dict[str, dict] = field(default_factory=dict)
    alt_labels: dict[str, list[str]] = field(default_factory=dict)


Node = dict[str, list]
"""A subject's objects by predicate name (of :data:`P`): plain values, as pyoxigraph's ``.value``."""


def node_groups(source) -> Iterator[tuple[str, Node]]:
    """Every subject with its objects of :data:`P`, by name (``skos:altLabel``: literals of IRIs
    only), each subject once, from ``source`` (a store or an RDF file) through a store; a build's
    canonical ``graph.nt`` is streamed instead (:func:`read_nt`)."""
    store = load_store(source)
    nodes: dict[str, Node] = defaultdict(dict)
    for name, p in P.items():
        for q in store.quads_for_pattern(None, ox.NamedNode(p), None, ox.DefaultGraph()):
            if name != "alt" or (isinstance(q.object, ox.Literal) and isinstance(q.subject, ox.NamedNode)):
                nodes[q.subject.value].setdefault(name, []).append(q.object.value)
    yield from nodes.items()


def _order(row: tuple) -> tuple:
    """A sort key of a row with empty (None) cells: the order of the rows themselves where that
    is defined (a column holds values in all rows or in none), None first otherwise."""
    return tuple((v is not None, v or "") for v in row)


def _rows(*columns) -> list[tuple]:
    """The rows of a join of optional columns, sorted: each column's values, None when it has none."""
    return sorted(itertools.product(*(c or (None,) for c in columns)), key=_order)


def _first(*columns) -> tuple:
    """The first of :func:`_rows`: each column's least value (the columns are independent)."""
    return tuple(min(c) if len(c or ()) > 1 else (c[0] if c else None) for c in columns)


def _int(text):
    return None if text in (None, "") else int(float(text))


def _float(text):
    return None if text in (None, "") else float(text)


class _Reader:
    """What one pass over the subjects keeps: the typed records and the nodes they join."""

    def __init__(self):
        self.reports, self.evaluations, self.recommendations = {}, {}, {}
        self.figures, self.agencies, self.assertions, self.alt = {}, {}, {}, {}
        self.span_types: dict[str, list[str]] = {}
        self.paragraphs, self.name_segments, self.sentences = {}, {}, {}
        self.start, self.text, self.notation, self.matches, self.labels = {}, {}, {}, {}, {}
        self.mentioned, self.body = set(), {}
        self.evidence_of: dict[str, list[str]] = defaultdict(list)  # evidence node -> items
        self.targets: list[tuple[str, list]] = []  # (subject, its oa:hasTarget), in subject order
        self.source, self.selectors = {}, {}
        self.exact, self.oa_start, self.oa_end = {}, {}, {}
        self.role, self.role_rule = {}, {}
        self.kept = {name: getattr(self, attr) for name, attr in self.KEEP.items()}  # name -> its dict above

    KEEP = {"alt": "alt", "paragraph": "paragraphs", "name_segment": "name_segments", "sentence": "sentences",
            "start": "start", "text": "text", "notation": "notation", "label": "labels", "source": "source",
            "selector": "selectors", "exact": "exact", "oa_start": "oa_start", "oa_end": "oa_end",
            "role": "role", "role_rule": "role_rule"}
    """Objects kept for any subject that has them (the nodes the records join), by attribute."""
    TYPES = frozenset({REPORT, EVALUATION, RECOMMENDATION, FIGURE, ORGANIZATION, ASSERTION, *SPAN_TYPES})
    """The types of the records kept (most subjects, such as selectors and targets, have none of them)."""

    def add(self, s: str, n: Node) -> None:
        """Keep what the site needs of subject ``s`` (called for each of ~3 x 10^5 subjects at 100x:
        a membership test first, the lookups only for what the subject has)."""
        types = n.get("type")
        if types is not None and not self.TYPES.isdisjoint(types):
            self._record(s, n, types)
        kept = self.kept
        for name, values in n.items():
            into = kept.get(name)
            if into is not None:
                into[s] = values
        if "broad" in n or "exact_match" in n:
            self.matches[s] = n.get("broad", []) + n.get("exact_match", [])
        if "mentions" in n:
            self.mentioned.update(n["mentions"])
        if "body" in n:
            self.body[s] = max(n["body"])
        if "evidence" in n:
            for ev in n["evidence"]:
                self.evidence_of[ev].append(s)
        if "has_target" in n:
            self.targets.append((s, n["has_target"]))

    def merge(self, later: "_Reader") -> None:
        """Add what ``later`` kept of the subjects that follow this reader's in the file (the next
        range of :func:`read_nt`): each subject is in one range, so the result, in the same
        order, is what one reader of both ranges keeps."""
        for attr, theirs in vars(later).items():
            mine = getattr(self, attr)
            if attr == "kept":
                continue
            if attr == "evidence_of":  # keyed by objects, not subjects: their items in subject order
                for ev, items in theirs.items():
                    mine[ev] += items
            elif isinstance(mine, dict):
                mine.update(theirs)
            elif isinstance(mine, set):
                mine |= theirs
            else:
                mine += theirs

    def _record(self, s: str, n: Node, types: list[str]) -> None:
        """Keep subject ``s`` as the records its ``types`` make it."""
        g = n.get
        if REPORT in types:
            self.reports[s] = _first(g("year"), g("file"), g("title"), g("publisher"), g("sha256"))
        if g("evaluates") and EVALUATION in types:
            self.evaluations[s] = _first(g("evaluates"), g("plan_name"), g("part_of"), g("serial"), g("line"),
                                         g("truncated"), g("category"), g("level"))
        if RECOMMENDATION in types:
            self.recommendations[s] = n
        if FIGURE in types:
            self.figures[s] = _first(g("evaluation"), g("metric"), g("value"), g("value_written"), g("target"),
                                     g("target_written"), g("comparator"), g("ratio"), g("unit"))
        if ORGANIZATION in types:
            self.agencies[s] = (_first(g("identifier"))[0], sorted(set(g("parent", ()))))
        if g("status_of") and ASSERTION in types:
            self.assertions[s] = n
        found = [t for t in SPAN_ORDER if t in types]
        if found:
            self.span_types[s] = found

    def roles(self) -> dict[str, tuple[str, str]]:
        """Each theme mention's ``(rg:themeRole, rg:roleRule or "")``, one of each where several."""
        return {s: (min(roles), min(self.role_rule.get(s, [""]))) for s, roles in self.role.items()}

    def notations(self, concepts) -> list[str]:
        """The ``skos:notation`` of each of ``concepts`` (a path ``p/skos:notation``)."""
        return [x for c in concepts or () for x in self.notation.get(c, ())]


def read_site_data(source, facts: V.Facts | None = None, nt: str | os.PathLike[str] | None = None,
                   workers: int = 1) -> SiteData:
    """The site's records from ``source`` (a store or an RDF file), or from ``nt`` when given (the
    same graph as canonical N-Triples, a build's ``graph.nt``: read in one pass, no store
    queried; by up to ``workers`` processes, :func:`read_nt`); ``facts`` if already read (else
    read from ``source``)."""
    facts = facts or V.read_facts(load_store(source))
    if nt is not None:
        return with_facts(join(read_nt(nt, workers)), facts)
    return site_data(node_groups(source), facts)


def with_facts(d: SiteData, facts: V.Facts) -> SiteData:
    """``d`` with the views' ``facts``: an evaluation without a plan name of its own takes its
    plan's label (the only thing the records take from the facts)."""
    d.facts = facts
    for ev in d.evaluations.values():
        if ev["name"] is None:
            ev["name"] = facts.label(ev["plan"])
    return d


def read_nt(nt: str | os.PathLike[str], workers: int = 1) -> "_Reader":
    """What :class:`_Reader` keeps of every subject of ``nt`` (a build's canonical ``graph.nt``),
    read in up to ``workers`` byte ranges (graph.ntriples.split_points), each by a process of its
    own (this one reads the last), and merged in file order: the same as one pass (at 1000x that
    pass, ~1.2 us of Python a line over 18 M lines, was the site's largest single-core part)."""
    from recgraph.workers import fork_map

    weights = [1.0] * (workers - 1) + [1.0 + SENT_COST]  # this process reads the last range
    points = split_points(nt, workers, weights) if workers > 1 else []
    ranges = list(zip([0] + [offset for offset, _ in points], [s for _, s in points] + [None]))
    parts = fork_map(partial(_read_range, nt), ranges, len(ranges), here=True)
    r = next(parts)
    for later in parts:
        r.merge(later)
    return r


SENT_COST = 0.35
"""What pickling a range's reader to send it back costs its process, as a share of reading the
range: the other ranges are made that much smaller than the last, which this process reads, so
that all are ready about together (at 100x reading the whole of graph.nt took 2.1 s of CPU, pickling
the reader's state 0.75 s)."""


def _read_range(nt, bounds: tuple[int, bytes | None]) -> "_Reader":
    """:class:`_Reader` of the subjects of ``nt`` from byte ``bounds[0]`` up to subject ``bounds[1]``."""
    r = _Reader()
    for s, n in subjects(nt, NAME, literals={P["alt"]}, start=bounds[0], stop=bounds[1]):
        r.add(s, n)
    return r


def site_data(nodes: Iterable[tuple[str, Node]], facts: V.Facts) -> SiteData:
    """The site's records from the graph's subjects (:func:`node_groups`) and the views' facts."""
    r = _Reader()
    for s, n in nodes:
        r.add(s, n)
    return with_facts(join(r), facts)


def join(r: _Reader) -> SiteData:
    """The site's records joined from what :meth:`_Reader.add` kept of every subject, without
    the views' facts (:func:`with_facts` adds them: evaluations without a plan name of their own
    are named None until then)."""
    d = SiteData(None)
    for rep in sorted(r.reports):
        year, f, title, publisher, sha = r.reports[rep]
        d.reports[rep] = {"year": _int(year), "file": f or "", "title": title or "", "publisher": publisher,
                          "sha256": sha or ""}
    _evaluations(r, d)
    _recommendations(r, d)
    for f in sorted(r.figures):
        e, m, v, vw, t, tw, cmp, ratio, unit = r.figures[f]
        d.figures[f] = {"evaluation": e, "metric": m or "", "value": _float(v), "value_written": vw or "",
                        "target": _float(t), "target_written": tw or "", "comparator": cmp or "",
                        "ratio": _float(ratio), "unit": unit or ""}
    for a in sorted(r.agencies):
        code, parents = r.agencies[a]
        d.agencies[a] = {"code": code or V.local_name(a), "parents": parents}
    d.alt_labels = {s: sorted(r.alt[s]) for s in sorted(r.alt) if r.alt[s]}
    return d


def _evaluations(r: _Reader, d: SiteData) -> None:
    """Evaluations with their opinion, paragraphs and every evidence span placed in the opinion."""
    for e in sorted(r.evaluations):
        p, n, rep, serial, line, trunc, cat, level = r.evaluations[e]
        paragraphs = [{"iri": par, "start": int(start), "text": text}
                      for par, start, text in _rows_of(r.paragraphs.get(e, ()), r)]
        paragraphs.sort(key=lambda x: x["start"])
        d.evaluations[e] = {"plan": p, "name": n or None, "report": rep, "serial": _int(serial),
                            "line": _int(line), "truncated": trunc == "true", "category": cat,
                            "control_level": level, "paragraphs": paragraphs, "spans": [], "name_spans": []}
    segments = _segments(r)
    sentences(segments.values(), d)
    for e, pars in r.paragraphs.items():  # a recommendation's reason before ； with its advice spans a paragraph
        segments.update((par, (e, _int(start), text)) for par, start, text in _rows_of(pars, r))
    bodies = {item: r.body[item] for item in r.mentioned if item in r.body}
    roles = r.roles()  # theme mentions: the role the rules gave them, and the rule
    for item, type_, seg, start, end, exact in span_rows(r):
        kind = SPAN_TYPES.get(type_)
        if kind is None or seg not in segments:
            continue
        ev, offset, text = segments[seg]
        if ev not in d.evaluations:
            continue
        start, end = int(start), int(end)
        if text[start:end] != exact:  # evidence that does not point at its text is not marked
            continue
        role, rule = roles.get(item, ("", ""))
        if offset is not None:
            start, end = offset + start, offset + end
        d.evaluations[ev]["name_spans" if offset is None else "spans"].append(
            {"item": item, "type": kind, "exact": exact, "body": bodies.get(item), "segment": seg,
             "role": role, "rule": rule, "start": start, "end": end})
    for ev in d.evaluations.values():
        ev["spans"].sort(key=lambda s: (s["start"], -s["end"], s["item"]))
        ev["name_spans"].sort(key=lambda s: (s["start"], -s["end"], s["item"]))


def sentences(segments: Iterable[tuple], d: SiteData) -> None:
    """Each evaluation's sentences in its opinion, in order, as a flat ``array('q')`` of start,
    end, start, end... (the sentence a span lies in is quoted around it: graph.site's theme
    evidence; an array, not tuples, holds 10^6 sentences at 1000x in ~16 MB, not ~100 MB);
    ``segments`` are ``(evaluation, start or None for a name segment, text)``."""
    found = defaultdict(list)
    for e, offset, text in segments:
        if offset is not None and e in d.evaluations:
            found[e].append((offset, offset + len(text)))
    for e, ev in d.evaluations.items():
        ev["sentences"] = array("q", [x for pair in sorted(found.get(e, ())) for x in pair])


def _rows_of(nodes, r: _Reader) -> list[tuple]:
    """``(node, start, text)`` of each of ``nodes`` with an ``rg:start`` and an ``rg:text``, sorted."""
    return sorted((x, s, t) for x in nodes for s in r.start.get(x, ()) for t in r.text.get(x, ()))


def _segments(r: _Reader) -> dict[str, tuple]:
    """Each sentence and name segment: ``(evaluation, offset of its paragraph or None, text)``,
    the last of its rows in order where it has several."""
    rows = defaultdict(list)
    for e, pars in r.paragraphs.items():
        for par in pars:
            for seg, start, text in _rows_of(r.sentences.get(par, ()), r):
                rows[seg].append((e, start, text))
    for e, segs in r.name_segments.items():
        for seg in segs:
            for text in r.text.get(seg, ()):
                rows[seg].append((e, None, text))
    out = {}
    for seg, found in rows.items():
        e, start, text = found[0] if len(found) == 1 else max(found, key=_order)
        out[seg] = (e, _int(start), text)
    return out


def span_rows(r: _Reader) -> list[tuple]:
    """Every evidence span, ``(item, type, segment, start, end, exact)``, sorted: an item of a
    type in :data:`SPAN_TYPES` with ``rg:evidence/oa:hasTarget|oa:hasTarget`` a target whose
    ``oa:hasSource`` is the segment and whose selectors give the quote and the offsets."""
    rows = []
    for subject, tgs in r.targets:
        for tg in tgs:
            sels = r.selectors.get(tg, ())
            found = [(x, s, e) for q in sels for x in r.exact.get(q, ()) for p in sels
                     for s in r.oa_start.get(p, ()) for e in r.oa_end.get(p, ())]
            if not found:
                continue
            for item in [subject] + r.evidence_of.get(subject, []):
                rows.extend((item, t, seg, s, e, x) for t in r.span_types.get(item, ())
                            for seg in r.source.get(tg, ()) for x, s, e in found)
    return sorted(rows)


def _recommendations(r: _Reader, d: SiteData) -> None:
    """Each recommendation with its links, current status and status history."""
    history = _history(r)
    for rec in sorted(r.recommendations):
        n = r.recommendations[rec]
        g = n.get
        status = [(impl, gao) for i in g("implementation", ()) for impl in r.notation.get(i, ())
                  for gao in r.matches.get(i) or (None,)]
        ident, text, e, gen, trunc, since, acc = _first(g("identifier"), g("text"), g("evaluation"), g("generic"),
                                                         g("truncated"), g("open_since"),
                                                         r.notations(g("acceptance")))
        impl, _ = min(status, key=_order) if status else (None, None)
        gao = [pair for pair in status if pair[1] and "/gao-status/" in pair[1]]
        d.recommendations[rec] = {
            "id": ident or V.local_name(rec), "text": text or "", "evaluation": e, "generic": gen == "true",
            "truncated": trunc == "true", "open_since": since or "", "acceptance": acc or "",
            "implementation": impl or "",
            "gao": V.local_name(max(gao, key=_order)[1]).split("-")[0] if gao else "",
            "addressed_to": sorted(set(g("addressed_to", ()))), "kinds": sorted(set(g("kind", ()))),
            "themes": sorted(set(g("subject", ()))), "repeats": sorted(set(g("repeats", ()))),
            "plan": max(g("concerns")) if g("concerns") else None, "history": history.get(rec, [])}


def _history(r: _Reader) -> dict[str, list[dict]]:
    """Each recommendation's status history, oldest first."""
    rows = []
    for a, n in r.assertions.items():
        g = n.get
        used = [x for u in g("used", ()) for x in r.labels.get(u) or (u,)]
        rows += _rows(g("status_of"), (a,), g("date"), r.notations(g("acceptance")),
                      r.notations(g("implementation")), g("reported_by"), g("comment"), used)
    out: dict[str, list] = defaultdict(list)
    for rec, a, date, acc, impl, by, note, used in sorted(rows, key=_order):
        out[rec].append({"assertion": a, "date": date or "", "acceptance": acc or "", "implementation": impl or "",
                         "reported_by": by or "", "note": note or "", "evidence": used or ""})
    for h in out.values():
        h.sort(key=lambda x: (x["date"], len(x["assertion"]), x["assertion"]))
    return dict(out)

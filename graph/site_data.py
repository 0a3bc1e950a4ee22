"""The records the static site shows, read from the graph with SPARQL (a store or an RDF file).

Everything comes from the graph, so ``recgraph viz out/graph.ttl`` writes the same site as the
build: evaluations with their opinions, every extracted span with its offsets in the opinion,
recommendations with their current status and history (:func:`status_of`, the one adapter to
the tracking data), figures and agencies.  The views' :class:`recgraph.views.Facts` supply labels,
the theme hierarchy and plan themes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib.namespace import DCTERMS

from recgraph import views as V
from recgraph.loader import load_store
from recgraph.namespace import RG

SPAN_TYPES = {str(RG.Recommendation): "recommendation", str(RG.ThemeMention): "theme",
              str(RG.ReportedFigure): "figure", str(RG.AgencyMention): "agency"}
"""Extracted items whose evidence spans the plan page marks, by the type named in its legend."""

QUERIES = {
    "reports": """SELECT ?r ?y ?f ?t WHERE { ?r a rg:EvaluationReport .
                      OPTIONAL { ?r rg:fiscalYear ?y } OPTIONAL { ?r rg:sourceFile ?f } OPTIONAL { ?r dcterms:title ?t } }""",
    "evaluations": """SELECT ?e ?p ?n ?r ?serial ?line ?trunc ?cat ?level WHERE { ?e a rg:PlanEvaluation ; rg:evaluates ?p .
                      OPTIONAL { ?e rg:planName ?n } OPTIONAL { ?e dcterms:isPartOf ?r } OPTIONAL { ?e rg:serial ?serial }
                      OPTIONAL { ?e rg:sourceLine ?line } OPTIONAL { ?e rg:truncated ?trunc }
                      OPTIONAL { ?e rg:category ?cat } OPTIONAL { ?e rg:controlLevel ?level } }""",
    "paragraphs": "SELECT ?e ?par ?s ?x WHERE { ?e rg:paragraph ?par . ?par rg:start ?s ; rg:text ?x }",
    "segments": """SELECT ?seg ?e ?s ?x WHERE { { ?e rg:paragraph ?par . ?par rg:sentence ?seg . ?seg rg:start ?s ; rg:text ?x }
                      UNION { ?e rg:nameSegment ?seg . ?seg rg:text ?x } }""",
    "span-evaluation": "SELECT ?item ?e ?body WHERE { ?e rg:mentions ?item . OPTIONAL { ?item oa:hasBody ?body } }",
    "mention-roles": "SELECT ?item ?role ?rule WHERE { ?item rg:themeRole ?role OPTIONAL { ?item rg:roleRule ?rule } }",
    "recommendations": """SELECT ?rec ?id ?text ?e ?gen ?trunc ?since ?acc ?impl ?gao WHERE { ?rec a rg:Recommendation .
                      OPTIONAL { ?rec dcterms:identifier ?id } OPTIONAL { ?rec rg:text ?text } OPTIONAL { ?rec rg:evaluation ?e }
                      OPTIONAL { ?rec rg:generic ?gen } OPTIONAL { ?rec rg:truncated ?trunc } OPTIONAL { ?rec rg:openSince ?since }
                      OPTIONAL { ?rec rg:acceptance/skos:notation ?acc }
                      OPTIONAL { ?rec rg:implementation ?i . ?i skos:notation ?impl OPTIONAL { ?i skos:broadMatch|skos:exactMatch ?gao } } }""",
    "rec-links": """SELECT ?rec ?p ?o WHERE { ?rec a rg:Recommendation ; ?p ?o .
                      VALUES ?p { rg:addressedTo rg:kind dcterms:subject rg:repeats rg:concerns } }""",
    "history": """SELECT ?rec ?a ?d ?acc ?impl ?by ?note ?used WHERE { ?a a rg:StatusAssertion ; rg:statusOf ?rec .
                      OPTIONAL { ?a rg:date ?d } OPTIONAL { ?a rg:acceptance/skos:notation ?acc }
                      OPTIONAL { ?a rg:implementation/skos:notation ?impl } OPTIONAL { ?a rg:reportedBy ?by }
                      OPTIONAL { ?a rdfs:comment ?note } OPTIONAL { ?a prov:used ?u OPTIONAL { ?u rdfs:label ?ul } }
                      BIND (COALESCE(?ul, STR(?u)) AS ?used) }""",
    "figures": """SELECT ?f ?e ?m ?v ?vw ?t ?tw ?cmp ?ratio ?unit WHERE { ?f a rg:ReportedFigure .
                      OPTIONAL { ?f rg:evaluation ?e } OPTIONAL { ?f rg:metric ?m } OPTIONAL { ?f rg:value ?v }
                      OPTIONAL { ?f rg:valueAsWritten ?vw } OPTIONAL { ?f rg:target ?t } OPTIONAL { ?f rg:targetAsWritten ?tw }
                      OPTIONAL { ?f rg:comparator ?cmp } OPTIONAL { ?f rg:achievementRatio ?ratio } OPTIONAL { ?f rg:unit ?unit } }""",
    "agencies": """SELECT ?a ?code ?parent WHERE { ?a a org:Organization .
                      OPTIONAL { ?a dcterms:identifier ?code } OPTIONAL { ?a org:subOrganizationOf ?parent } }""",
    "alt-labels": "SELECT ?s ?l WHERE { ?s skos:altLabel ?l FILTER(isIRI(?s) && isLiteral(?l)) }",
}
PREFIXES = V.PREFIXES + "PREFIX prov: <http://www.w3.org/ns/prov#>\n"


@dataclass
class SiteData:
    """Plain records of everything the site shows, keyed by IRI (see :func:`read_site_data`)."""

    facts: V.Facts
    reports: dict[str, dict] = field(default_factory=dict)
    evaluations: dict[str, dict] = field(default_factory=dict)
    recommendations: dict[str, dict] = field(default_factory=dict)
    figures: dict[str, dict] = field(default_factory=dict)
    agencies: dict[str, dict] = field(default_factory=dict)
    alt_labels: dict[str, list[str]] = field(default_factory=dict)


def _rows(store: ox.Store, name: str) -> list[tuple]:
    solutions = store.query(PREFIXES + QUERIES[name])
    names = [v.value for v in solutions.variables]
    return sorted(tuple(None if s[n] is None else s[n].value for n in names) for s in solutions)


SPANS = """SELECT ?item ?type ?seg ?s ?end ?x WHERE { ?item rg:evidence/oa:hasTarget|oa:hasTarget ?tg ; a ?type .
    VALUES ?type { rg:Recommendation rg:ThemeMention rg:ReportedFigure rg:AgencyMention }
    ?tg oa:hasSource ?seg ; oa:hasSelector ?q, ?pos . ?q oa:exact ?x . ?pos oa:start ?s ; oa:end ?end }"""
"""What :func:`_span_rows` reads (tests/test_site_data.py compares them): as one SPARQL join it
took 137 s of the site's time at 1000x (on the build's on-disk store), the patterns read one by
one and joined in Python take a few seconds."""


def _span_rows(store: ox.Store) -> list[tuple]:
    """Every evidence span: ``(item, type, segment, start, end, exact)`` as :data:`SPANS` gives."""
    def objects(p: str):
        for q in store.quads_for_pattern(None, ox.NamedNode(p), None):
            yield q.subject.value, q.object.value

    def many(p: str) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for s, o in objects(p):
            out[s].append(o)
        return out

    rdf_type, oa = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), "http://www.w3.org/ns/oa#"
    types: dict[str, list[str]] = defaultdict(list)
    for t in sorted(SPAN_TYPES):
        for q in store.quads_for_pattern(None, rdf_type, ox.NamedNode(t)):
            types[q.subject.value].append(t)
    evidence_of = defaultdict(list)  # evidence node -> the recommendations it is the evidence of
    for item, ev in objects(str(RG.evidence)):
        evidence_of[ev].append(item)
    source, selectors = many(oa + "hasSource"), many(oa + "hasSelector")
    exact, start, end = many(oa + "exact"), many(oa + "start"), many(oa + "end")
    rows = []
    for subject, tg in objects(oa + "hasTarget"):
        sels = selectors.get(tg, ())
        found = [(x, s, e) for q in sels for x in exact.get(q, ()) for p in sels
                 for s in start.get(p, ()) for e in end.get(p, ())]
        if not found:
            continue
        for item in [subject] + evidence_of.get(subject, []):
            rows.extend((item, t, seg, s, e, x) for t in types.get(item, ()) for seg in source.get(tg, ())
                        for x, s, e in found)
    return sorted(rows)


def _int(text):
    return None if text in (None, "") else int(float(text))


def _float(text):
    return None if text in (None, "") else float(text)


def read_site_data(source, facts: V.Facts | None = None) -> SiteData:
    """The site's records from ``source`` (a store or an RDF file); ``facts`` if already read."""
    store = load_store(source)
    d = SiteData(facts or V.read_facts(store))
    for r, year, f, title in _rows(store, "reports"):
        d.reports.setdefault(r, {"year": _int(year), "file": f or "", "title": title or ""})
    _read_evaluations(store, d)
    _read_recommendations(store, d)
    for f, e, m, v, vw, t, tw, cmp, ratio, unit in _rows(store, "figures"):
        d.figures.setdefault(f, {"evaluation": e, "metric": m or "", "value": _float(v), "value_written": vw or "",
                                 "target": _float(t), "target_written": tw or "", "comparator": cmp or "",
                                 "ratio": _float(ratio), "unit": unit or ""})
    for a, code, parent in _rows(store, "agencies"):
        rec = d.agencies.setdefault(a, {"code": code or V.local_name(a), "parents": []})
        if parent and parent not in rec["parents"]:
            rec["parents"].append(parent)
    alts = defaultdict(list)
    for s, label in _rows(store, "alt-labels"):
        alts[s].append(label)
    d.alt_labels = dict(alts)
    return d


def _read_evaluations(store: ox.Store, d: SiteData) -> None:
    """Evaluations with their opinion, paragraphs and every evidence span placed in the opinion."""
    for e, p, n, r, serial, line, trunc, cat, level in _rows(store, "evaluations"):
        d.evaluations.setdefault(e, {"plan": p, "name": n or d.facts.label(p), "report": r, "serial": _int(serial),
                                     "line": _int(line), "truncated": trunc == "true",
                                     "category": cat, "control_level": level, "paragraphs": [], "spans": [],
                                     "name_spans": []})
    for e, par, start, text in _rows(store, "paragraphs"):
        if e in d.evaluations:
            d.evaluations[e]["paragraphs"].append({"iri": par, "start": int(start), "text": text})
    for ev in d.evaluations.values():
        ev["paragraphs"].sort(key=lambda p: p["start"])
    segments = {seg: (e, _int(start), text) for seg, e, start, text in _rows(store, "segments")}
    bodies = {item: body for item, _, body in _rows(store, "span-evaluation") if body}
    roles = {item: (role, rule or "") for item, role, rule in _rows(store, "mention-roles")}  # theme mentions
    for item, type_, seg, start, end, exact in _span_rows(store):
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
        span = {"item": item, "type": kind, "exact": exact, "body": bodies.get(item), "segment": seg,
                "role": role, "rule": rule}
        if offset is None:
            d.evaluations[ev]["name_spans"].append(dict(span, start=start, end=end))
        else:
            d.evaluations[ev]["spans"].append(dict(span, start=offset + start, end=offset + end))
    for ev in d.evaluations.values():
        ev["spans"].sort(key=lambda s: (s["start"], -s["end"], s["item"]))
        ev["name_spans"].sort(key=lambda s: (s["start"], -s["end"], s["item"]))


def status_of(store: ox.Store) -> dict[str, dict]:
    """Each recommendation's status history, oldest first: the one adapter to the tracking data.

    Reads the ``rg:StatusAssertion`` triples the build writes from ``data/status-updates``
    (graph/tracking.py), so the site needs nothing but the graph.
    """
    out: dict[str, list] = defaultdict(list)
    for rec, a, date, acc, impl, by, note, used in _rows(store, "history"):
        out[rec].append({"assertion": a, "date": date or "", "acceptance": acc or "", "implementation": impl or "",
                         "reported_by": by or "", "note": note or "", "evidence": used or ""})
    for history in out.values():
        history.sort(key=lambda h: (h["date"], len(h["assertion"]), h["assertion"]))
    return dict(out)


def _read_recommendations(store: ox.Store, d: SiteData) -> None:
    for rec, ident, text, e, gen, trunc, since, acc, impl, gao in _rows(store, "recommendations"):
        r = d.recommendations.setdefault(rec, {
            "id": ident or V.local_name(rec), "text": text or "", "evaluation": e, "generic": gen == "true",
            "truncated": trunc == "true", "open_since": since or "", "acceptance": acc or "",
            "implementation": impl or "", "gao": "", "addressed_to": [], "kinds": [], "themes": [],
            "repeats": [], "plan": None})
        if gao:
            r["gao"] = V.local_name(gao).split("-")[0] if "/gao-status/" in gao else r["gao"]
    links = {str(RG.addressedTo): "addressed_to", str(RG.kind): "kinds",
             str(DCTERMS.subject): "themes", str(RG.repeats): "repeats"}
    for rec, p, o in _rows(store, "rec-links"):
        if p == str(RG.concerns):
            d.recommendations[rec]["plan"] = o
        elif o not in d.recommendations[rec][links[p]]:
            d.recommendations[rec][links[p]].append(o)
    history = status_of(store)
    for rec, r in d.recommendations.items():
        r["history"] = history.get(rec, [])

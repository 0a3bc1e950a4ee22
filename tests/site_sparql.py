"""The site's records as SPARQL queries give them: the reference graph.site_data is tested against.

This is how the site read its records until they were joined in Python from one pass over the
graph (graph/site_data.py): each query states what a record means; :func:`read_site_data` reads
them from a store exactly as the site did.
"""

from __future__ import annotations

from collections import defaultdict

from rdflib.namespace import DCTERMS

from recgraph import views as V
from recgraph.namespace import RG
from recgraph.site_data import SPAN_TYPES, SiteData, sentences

QUERIES = {
    "reports": """SELECT ?r ?y ?f ?t ?pub ?sha WHERE { ?r a rg:EvaluationReport .
                      OPTIONAL { ?r rg:fiscalYear ?y } OPTIONAL { ?r rg:sourceFile ?f } OPTIONAL { ?r dcterms:title ?t }
                      OPTIONAL { ?r dcterms:publisher ?pub } OPTIONAL { ?r rg:sha256 ?sha } }""",
    "evaluations": """SELECT ?e ?p ?n ?r ?serial ?line ?trunc ?cat ?level WHERE { ?e a rg:PlanEvaluation ; rg:evaluates ?p .
                      OPTIONAL { ?e rg:planName ?n } OPTIONAL { ?e dcterms:isPartOf ?r } OPTIONAL { ?e rg:serial ?serial }
                      OPTIONAL { ?e rg:sourceLine ?line } OPTIONAL { ?e rg:truncated ?trunc }
                      OPTIONAL { ?e rg:category ?cat } OPTIONAL { ?e rg:controlLevel ?level } }""",
    "paragraphs": "SELECT ?e ?par ?s ?x WHERE { ?e rg:paragraph ?par . ?par rg:start ?s ; rg:text ?x }",
    "segments": """SELECT ?seg ?e ?s ?x WHERE { { ?e rg:paragraph ?par . ?par rg:sentence ?seg . ?seg rg:start ?s ; rg:text ?x }
                      UNION { ?e rg:nameSegment ?seg . ?seg rg:text ?x } }""",
    "span-evaluation": "SELECT ?item ?e ?body WHERE { ?e rg:mentions ?item . OPTIONAL { ?item oa:hasBody ?body } }",
    "mention-roles": """SELECT ?item (MIN(?r) AS ?role) (COALESCE(MIN(?u), "") AS ?rule) WHERE {
                       ?item rg:themeRole ?r OPTIONAL { ?item rg:roleRule ?u } } GROUP BY ?item""",
    "spans": """SELECT ?item ?type ?seg ?s ?end ?x WHERE { ?item rg:evidence/oa:hasTarget|oa:hasTarget ?tg ; a ?type .
                      VALUES ?type { rg:Recommendation rg:ThemeMention rg:ReportedFigure rg:AgencyMention }
                      ?tg oa:hasSource ?seg ; oa:hasSelector ?q, ?pos . ?q oa:exact ?x . ?pos oa:start ?s ; oa:end ?end }""",
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


def _rows(store, name: str) -> list[tuple]:
    solutions = store.query(PREFIXES + QUERIES[name])
    names = [v.value for v in solutions.variables]
    return sorted(tuple(None if s[n] is None else s[n].value for n in names) for s in solutions)


def _int(text):
    return None if text in (None, "") else int(float(text))


def _float(text):
    return None if text in (None, "") else float(text)


def read_site_data(store, facts: V.Facts) -> SiteData:
    """The site's records from ``store``, as the site read them with :data:`QUERIES`."""
    d = SiteData(facts)
    for r, year, f, title, publisher, sha in _rows(store, "reports"):
        d.reports.setdefault(r, {"year": _int(year), "file": f or "", "title": title or "", "publisher": publisher,
                                 "sha256": sha or ""})
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


def _read_evaluations(store, d: SiteData) -> None:
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
    sentences(segments.values(), d)  # each evaluation's sentences, (start, end) in its opinion, flat
    bodies = {item: body for item, _, body in _rows(store, "span-evaluation") if body}
    roles = {item: (role, rule) for item, role, rule in _rows(store, "mention-roles")}
    for item, type_, seg, start, end, exact in _rows(store, "spans"):
        kind = SPAN_TYPES.get(type_)
        if kind is None or seg not in segments:
            continue
        ev, offset, text = segments[seg]
        if ev not in d.evaluations:
            continue
        start, end = int(start), int(end)
        if text[start:end] != exact:
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


def _status_of(store) -> dict[str, list]:
    out: dict[str, list] = defaultdict(list)
    for rec, a, date, acc, impl, by, note, used in _rows(store, "history"):
        out[rec].append({"assertion": a, "date": date or "", "acceptance": acc or "", "implementation": impl or "",
                         "reported_by": by or "", "note": note or "", "evidence": used or ""})
    for history in out.values():
        history.sort(key=lambda h: (h["date"], len(h["assertion"]), h["assertion"]))
    return dict(out)


def _read_recommendations(store, d: SiteData) -> None:
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
    history = _status_of(store)
    for rec, r in d.recommendations.items():
        r["history"] = history.get(rec, [])

"""The recommendations table page: one row per recommendation, filtered in the browser by Tabulator.

The rows go into ``recommendations-data.js`` beside the page (a ``<script src>`` file: pages
opened from disk may load scripts, not ``fetch()`` JSON).  Filter semantics, shared with the
SPARQL library so a URL gives the same rows as the query: ``agency`` matches the addressee or
any organisation above it (``org:subOrganizationOf*``) by code, zh name, English name or short
name; ``theme`` matches the recommendation's themes and, unless ``exact=1``, every broader
theme of them; ``status`` matches the acceptance or implementation notation or label, or ``open``
/ ``closed`` as aligned to GAO; ``q`` is a case-insensitive substring of the text.
"""

from __future__ import annotations

import json

from recgraph import views as V


def _ancestors(site, a: str) -> list[str]:
    seen, todo = [], [a]
    while todo:
        x = todo.pop()
        if x not in seen:
            seen.append(x)
            todo.extend(site.d.agencies.get(x, {}).get("parents", []))
    return seen


def _code(site, a: str) -> str:
    return site.d.agencies.get(a, {}).get("code") or V.local_name(a)


def table_rows(site) -> list[dict]:
    """One record per recommendation, with display text and the keys the filters compare."""
    d, t = site.d, site.t
    rows = []
    for r, rec in d.recommendations.items():
        e = rec["evaluation"]
        ev = d.evaluations.get(e, {})
        lead = t.evaluations.get(e, {}).get("lead", [])
        closure = sorted({V.local_name(x) for x in V.with_broader(rec["themes"], t.broader)})
        rows.append({
            "id": rec["id"], "href": site.path(r), "year": site.year(e) if e in d.evaluations else None,
            "serial": ev.get("serial"), "plan": ev.get("name", ""), "planHref": site.path(e) if e else "",
            "addr": "、".join(t.label(a) for a in rec["addressed_to"]),
            "addrCodes": [_code(site, a) for a in rec["addressed_to"]],
            "lead": "、".join(t.label(a) for a in lead),
            "kinds": "、".join(t.label(k) for k in rec["kinds"]), "kindsEn": "; ".join(t.label(k, "en") for k in rec["kinds"]),
            "kindCodes": [V.local_name(k) for k in rec["kinds"]],
            "themes": "、".join(t.label(x) for x in rec["themes"]), "themesEn": "; ".join(t.label(x, "en") for x in rec["themes"]),
            "themeCodes": [V.local_name(x) for x in rec["themes"]], "themeAll": closure,
            "acc": rec["acceptance"], "impl": rec["implementation"], "gao": rec["gao"],
            "status": site.status(rec), "since": rec["open_since"], "generic": rec["generic"],
            "truncated": rec["truncated"],
            "repeats": [{"id": d.recommendations[x]["id"], "href": site.path(x)} for x in rec["repeats"]
                        if x in d.recommendations],
            "text": rec["text"]})
    return rows


def _agency_vocabulary(site, used: set[str]) -> dict:
    """Each agency a recommendation is addressed to, and every one above it, by code: its names
    and the codes above it (a filter on a ministry matches its units)."""
    d, t = site.d, site.t
    agencies = {}
    for a in sorted(used | {p for a in used for p in _ancestors(site, a)}):
        keys = [_code(site, a), t.label(a, "zh"), t.label(a, "en")] + d.alt_labels.get(a, [])
        agencies[_code(site, a)] = {"keys": sorted({k.lower() for k in keys if k}),
                                    "up": [_code(site, x) for x in _ancestors(site, a)], "label": t.label(a)}
    return agencies


def _concept_vocabulary(t: V.Facts, concepts: set[str]) -> dict:
    """SKOS concepts (themes, kinds) by code: the bilingual label and the lower-cased names a filter matches."""
    return {V.local_name(c): {"label": f"{t.label(c)} {t.label(c, 'en')}",
                              "keys": sorted({k.lower() for k in [V.local_name(c), t.label(c), t.label(c, "en")]})}
            for c in sorted(concepts)}


def _status_keys(t: V.Facts) -> dict[str, str]:
    """Every label of an acceptance or implementation status, lower-cased, to its notation."""
    keys: dict[str, str] = {}
    for scheme in ("acceptance", "implementation"):
        for iri in t.labels:
            if iri.startswith(f"https://w3id.org/recgraph/{scheme}/"):
                for label in t.labels[iri].values():
                    keys.setdefault(label.lower(), V.local_name(iri))
    return dict(sorted(keys.items()))


def vocabularies(site) -> dict:
    """What the filters resolve names against: agencies (with the codes above them), themes, kinds."""
    d, t = site.d, site.t
    recs = d.recommendations.values()
    statuses = sorted({s for rec in recs for s in (rec["acceptance"], rec["implementation"]) if s})
    years = sorted({site.year(rec["evaluation"]) for rec in recs if rec["evaluation"] in d.evaluations} - {None})
    return {"agencies": _agency_vocabulary(site, {a for rec in recs for a in rec["addressed_to"]}),
            "themes": _concept_vocabulary(t, {x for rec in recs for x in V.with_broader(rec["themes"], t.broader)}),
            "kinds": _concept_vocabulary(t, {k for rec in recs for k in rec["kinds"]}),
            "statuses": ["open", "closed"] + statuses, "statusKeys": _status_keys(t), "years": years}


def table_page(site, env) -> dict[str, str]:
    """``recommendations.html`` and its data file."""
    data = {"rows": table_rows(site), "vocab": vocabularies(site)}
    script = "window.RECGRAPH_TABLE = " + json.dumps(data, ensure_ascii=False, separators=(",", ":")) + ";\n"
    page = env.get_template("site/recommendations.html").render(
        root="", title="建議事項 Recommendations", heading="建議事項 Recommendations", iri="",
        count=len(data["rows"]))
    return {"recommendations.html": page, "recommendations-data.js": script}

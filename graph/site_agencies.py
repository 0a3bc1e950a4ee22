"""The static site's agency pages: which agencies have one (every agency a link can name), and
each page's plans led or naming the agency, figures, and recommendations to it or its units."""

from __future__ import annotations

from recgraph import views as V
from recgraph.site_model import LIST_MAX, Site, figure_list


def agencies_with_pages(site: Site, led, named, addressed) -> list[str]:
    """The agencies with a page: those leading, named in or addressed by a plan, publishing a
    report, and their parent organisations, so that every link has a page."""
    d = site.d
    agencies = set(led) | set(named) | set(addressed) | {r["publisher"] for r in d.reports.values() if r["publisher"]}
    todo = list(agencies)
    while todo:
        for p in d.agencies.get(todo.pop(), {}).get("parents", []):
            if p not in agencies:
                agencies.add(p)
                todo.append(p)
    return sorted(agencies)


def units(site: Site, a: str) -> list[str]:
    """``a`` and every organisation below it (``org:subOrganizationOf*``), as the table's agency
    filter counts them: ``?agency=moda`` matches recommendations to 數位產業署 too."""
    seen, todo = [], [a]
    while todo:
        x = todo.pop()
        if x not in seen:
            seen.append(x)
            todo.extend(sorted(site.children.get(x, [])))
    return seen


def agency_page(site: Site, a: str, plans_led: list, named: list, recs: list) -> dict:
    """The context of an agency's page: plans led or naming it, figures, and the recommendations
    to it or its units (the rows its table link shows; ``recs`` are those to it directly)."""
    info = site.d.agencies.get(a, {"code": V.local_name(a), "parents": []})
    evals = sorted(plans_led)
    direct = len(recs)
    recs = sorted({r for u in units(site, a) for r in site.addressed.get(u, [])})
    return {"title": f"{site.t.label(a)} 機關 Agency", "heading": site.t.label(a), "iri": a, "ag": {
        "code": info["code"], "en": site.t.label(a, "en"), "alt": "、".join(site.d.alt_labels.get(a, [])) or "—",
        "parents": [site.link(p) for p in info["parents"]],
        "children": [site.link(c) for c in sorted(site.children.get(a, []))],
        "plans": [site.eval_link(e) for e in evals], "named": [site.eval_link(e) for e in sorted(named)],
        "recs": [site.rec_row(r) for r in recs[:LIST_MAX]], "recs_total": len(recs), "recs_direct": direct,
        "table_href": "recommendations.html?agency=" + info["code"], **figure_list(site, evals)}}

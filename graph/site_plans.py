"""The static site's pages of what a report holds: each report (one source document), plan
evaluation (its opinion with every span marked) and recommendation (its paragraph, facts and
status history), and the list of reports the start page and the plan index show."""

from __future__ import annotations

from collections import defaultdict
from urllib.parse import urlsplit

from markupsafe import Markup, escape

from recgraph import views as V
from recgraph.site_model import Site, status_iri
from recgraph.site_pages import pieces
from recgraph.site_table import report_key, report_label

LEGEND = [("recommendation", "建議 Recommendation"), ("figure", "數據 Figure"), ("theme", "主題 Theme mention"),
          ("passing", "順帶提及 Theme named in passing (not a theme of the plan or recommendation)"),
          ("agency", "機關 Agency mention")]

ROLE_NOTE = {"subject": "計畫主題 the plan's subject", "advice": "建議提及 named in the evaluators' advice",
             "passing": "順帶提及 named in passing"}
"""What each theme-mention role (graph/theme_roles.py) means, as the site says it."""


def _span_title(site: Site, span: dict) -> str:
    """What a marked span is, as its hover text (its type is the mark's colour, see the legend):
    the theme or agency, the recommendation's identifier, the figure's metric."""
    if span.get("body"):
        role = span.get("role")
        note = f" — {ROLE_NOTE[role]} ({span.get('rule') or role})" if role in ("advice", "passing") else ""
        return site.t.label(span["body"]) + note
    if span["type"] == "recommendation":
        return site.d.recommendations.get(span["item"], {}).get("id", "")
    if span["type"] == "figure":
        return site.d.figures.get(span["item"], {}).get("metric", "")
    return ""


def _mark_type(span: dict) -> str:
    """The mark of a span: a theme named in passing is marked apart (``passing``), since it is a
    theme of neither the plan nor the recommendation it lies in (docs/annotation-guideline.md)."""
    return "passing" if span["type"] == "theme" and span.get("role") == "passing" else span["type"]


def marked(parts: list[tuple[str, list[dict]]]) -> Markup:
    """Text pieces (:func:`graph.site_pages.pieces`) as HTML, each covered piece in a ``<mark>``
    classed ``m-{type}`` for every span over it, with the spans' titles as its hover text.

    >>> str(marked([("a<", []), ("b", [{"type": "theme", "title": "T&"}, {"type": "figure", "title": ""}])]))
    'a&lt;<mark class="m-theme m-figure" title="T&amp;">b</mark>'
    """
    out, anchored = [], set()
    for text, marks in parts:
        if not marks:
            out.append(str(escape(text)))
            continue
        for a in sorted({m["anchor"] for m in marks if m.get("anchor")} - anchored):
            anchored.add(a)  # where a theme mention starts: the theme page links here
            out.append(f'<span id="{a}"></span>')
        title = "; ".join(m["title"] for m in marks if m.get("title"))
        out.append('<mark class="' + " ".join("m-" + m["type"] for m in marks) + '"'
                   + (f' title="{escape(title)}"' if title else "") + f">{escape(text)}</mark>")
    return Markup("".join(out))


def recommendation_page(site: Site, r: str) -> dict:
    """The context of a recommendation's page: facts, marked paragraph, status history."""
    d = site.d
    rec = d.recommendations[r]
    e = rec["evaluation"]
    ev = d.evaluations.get(e, {"name": "", "paragraphs": [], "spans": [], "serial": None, "line": None, "report": None})
    own = [s for s in ev["spans"] if s["item"] == r]
    paragraph = next((p for p in ev["paragraphs"] for s in own
                      if p["start"] <= s["start"] < p["start"] + len(p["text"])), None)
    parts = pieces(paragraph["text"], [{"start": s["start"], "end": s["end"], "type": s["type"]} for s in own],
                   paragraph["start"]) if paragraph else [(rec["text"], [])]
    plan_leads = d.facts.evaluations.get(e, {}).get("lead", [])
    return {"title": f"{rec['id']} 建議 Recommendation", "heading": f"建議 {rec['id']}", "iri": r, "rec": {
        "text": rec["text"], "plan": ev["name"], "plan_href": site.url(e) if e else "",
        "serial_label": f"#{ev['serial']}" if ev.get("serial") else "", **_report_facts(site, ev["report"]),
        "line": ev.get("line") or "",
        "addressees": [site.link(a) for a in rec["addressed_to"]],
        "leads": [site.link(a) for a in plan_leads],
        "kinds": [{"href": "recommendations.html?kind=" + V.local_name(k), "label": site.t.label(k),
                   "en": site.t.label(k, "en")} for k in rec["kinds"]],
        "themes": [site.link(th) for th in rec["themes"]],
        "status": site.status(rec), "flags": site.flags(rec), "paragraph": marked(parts),
        "repeats": [site.link(x, d.recommendations.get(x, {}).get("id")) for x in rec["repeats"]],
        "repeated_by": [site.link(x, d.recommendations[x]["id"]) for x in site.repeated_by.get(r, [])],
        "history": [dict(h, **_evidence(site, h.get("evidence")), acceptance=site.t.label(status_iri("acceptance", h["acceptance"])) if h["acceptance"] else "",
                         implementation=site.t.label(status_iri("implementation", h["implementation"]))
                         if h["implementation"] else "") for h in rec["history"]]}}


def _report_facts(site: Site, rep: str | None) -> dict:
    """The report of a plan or recommendation page: title, link to its page, year, source file."""
    report = site.d.reports.get(rep, {})
    return {"report": report.get("title", ""), "report_href": site.url(rep) if report else "",
            "year": report.get("year", ""), "source_file": report.get("file", "")}


def _evidence(site: Site, evidence) -> dict:
    """A status update's evidence as a reader reads it (``evidence`` and the link ``evidence_href``):
    a report of the graph by its title and fiscal year (not its IRI), linked to its page; a web
    address (http or https only) linked; anything else (a document name, ``javascript:``, a
    relative path) as written, never a link."""
    report = site.d.reports.get(evidence) if isinstance(evidence, str) else None
    if report and report.get("title"):
        return {"evidence": f"{report['title']} (FY{report.get('year', '')})", "evidence_href": site.url(evidence),
                "evidence_external": False}
    web = web_address(evidence)
    return {"evidence": evidence, "evidence_href": evidence if web else "", "evidence_external": web}


def web_address(text) -> bool:
    """Whether ``text`` is an absolute http or https address, the only evidence a page links.

    >>> [web_address(x) for x in ("https://example.org/a?b=1", "HTTP://x.org", "javascript:alert(1)",
    ...                           "data:text/html,x", "/etc/passwd", "docs/a.html", "https://", "https://a b")]
    [True, True, False, False, False, False, False, False]
    """
    if not isinstance(text, str) or not text or any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in text):
        return False
    parts = urlsplit(text)
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def evaluation_page(site: Site, e: str, similar: list) -> dict:
    """The context of a plan evaluation's page: the opinion with every span marked by type."""
    d = site.d
    ev = d.evaluations[e]
    tev = d.facts.evaluations.get(e, {})
    spans = [{"start": s["start"], "end": s["end"], "type": _mark_type(s), "title": _span_title(site, s),
              **({"anchor": f"m{s['start']}"} if s["type"] == "theme" else {})} for s in ev["spans"]]
    name_spans = [{"start": s["start"], "end": s["end"], "type": _mark_type(s), "title": _span_title(site, s),
                   **({"anchor": f"n{s['start']}"} if s["type"] == "theme" else {})} for s in ev["name_spans"]]
    themes = sorted(site.themes_of_plan.get(ev["plan"], ()))
    return {"title": f"{ev['name']} 計畫評核 Plan evaluation", "heading": ev["name"], "iri": e,
            "legend": LEGEND, "ev": {
                "name": marked(pieces(ev["name"], name_spans)), "serial": ev["serial"],
                **_report_facts(site, ev["report"]), "line": ev["line"] or "",
                "leads": [site.link(a) for a in tev.get("lead", [])],
                "involved": [site.link(a) for a in tev.get("involved", [])],
                "control_level": site.t.label(ev["control_level"]) if ev["control_level"] else "",
                "category": site.t.label(ev["category"]) if ev["category"] else "",
                "themes": [site.link(th) for th in themes], "truncated": ev["truncated"],
                "paragraphs": [marked(pieces(p["text"], spans, p["start"])) for p in ev["paragraphs"]],
                "recs": [site.rec_row(r) for r in site.recs_of_eval.get(e, [])],
                "figures": [site.figure_row(f) for f in site.figs_of_eval.get(e, [])],
                "similar": similar_rows(site, similar)}}


def similar_rows(site: Site, similar: list[tuple[str, list[str]]]) -> Markup:
    """A plan page's similar plans (:func:`graph.site_pages.shared_neighbours`) as table rows: the
    plan's latest evaluation linked, how many themes are shared, their names.  Each plan's link and
    each theme's name is escaped once for every page (~80,000 rows at 100x name ~4,000 plans);
    tests/test_site.py reads the rows of plan 4's page.
    """
    rows = []
    for plan, shared in similar:
        cell = site.similar_cells.get(plan)
        if cell is None:
            evals = site.evals_of_plan.get(plan)
            href, label = (site.url(evals[-1]), site.eval_label(evals[-1])) if evals else ("", site.t.label(plan))
            cell = site.similar_cells[plan] = f'<tr><td><a href="{escape(href)}">{escape(label)}</a></td><td class="num">'
        rows.append(f'{cell}{len(shared)}</td><td>{"、".join(site.theme_name(th) for th in shared)}</td></tr>\n')
    return Markup("".join(rows))


def report_page(site: Site, rep: str) -> dict:
    """The context of a report's page (one source document: an agency's evaluation table for one
    fiscal year): what it is, its source file and checksum, counts and a row per plan evaluation."""
    d = site.d
    report = d.reports[rep]
    evals = sorted(site.evals_of_report.get(rep, []), key=lambda e: (d.evaluations[e]["serial"] or 0, e))
    recs = [r for e in evals for r in site.recs_of_eval.get(e, [])]
    by_status: dict[str, int] = defaultdict(int)
    for r in recs:
        by_status[site.status(d.recommendations[r])] += 1
    return {"title": f"{report_label(site, rep)} 評核報告 Evaluation report", "heading": report["title"] or V.local_name(rep),
            "iri": rep, "rep": {
                "publisher": [site.link(report["publisher"])] if report["publisher"] else [],
                "year": report["year"] or "", "source_file": report["file"], "sha256": report["sha256"],
                "plans_total": len(evals), "recs_total": len(recs),
                "figures_total": sum(len(site.figs_of_eval.get(e, [])) for e in evals),
                "by_status": sorted(by_status.items(), key=lambda x: (-x[1], x[0])),
                "table_href": "recommendations.html?report=" + report_key(site, rep),
                "plans": [{"href": site.url(e), "serial": d.evaluations[e]["serial"] or "", "name": d.evaluations[e]["name"],
                           "leads": [site.link(a) for a in d.facts.evaluations.get(e, {}).get("lead", [])],
                           "themes": [site.link(th) for th in sorted(site.themes_of_plan.get(d.evaluations[e]["plan"], ()))],
                           "recs": len(site.recs_of_eval.get(e, []))} for e in evals]}}


def report_list(site: Site) -> list[dict]:
    """Every report as a link ``{href, label, plans}``, the latest fiscal year first (the start
    page and the plan-evaluation index list them)."""
    return [{"href": site.url(rep), "label": report_label(site, rep), "plans": len(site.evals_of_report.get(rep, []))}
            for rep in sorted(site.d.reports, key=lambda x: (-(site.d.reports[x]["year"] or 0), x))]

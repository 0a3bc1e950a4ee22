"""The static site: a page per recommendation, plan evaluation, agency and theme, their indexes
and the filterable recommendations table, all from the graph, opened from disk with no server.

Pages are rendered by autoescaping Jinja templates (``graph/templates/site/``), so text from
documents reaches them only as escaped text; they run no script, except the table page, which
loads the vendored Tabulator and its data from ``<script src>`` files beside it (``file://``
refuses ``fetch()``).  Page paths mirror IRIs (:func:`graph.site_pages.page_path`).
"""

from __future__ import annotations

import bisect
import json
import shutil
from collections import defaultdict
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup, escape

from recgraph import views as V
from recgraph.namespace import DEFAULT_BASE
from recgraph.site_data import SiteData, read_site_data
from recgraph.site_pages import page_path, pieces, shared_neighbours, slug, url
from recgraph.site_table import report_key, report_label

TEMPLATES = Path(__file__).parent / "templates"
STATIC = {"static/tabulator.min.js": "vendor/tabulator/tabulator.min.js",
          "static/tabulator.min.css": "vendor/tabulator/tabulator.min.css",
          "static/tabulator-LICENSE.txt": "vendor/tabulator/LICENSE",
          "static/site.css": "site/site.css", "static/table.js": "site/table.js"}
LEGEND = [("recommendation", "建議 Recommendation"), ("figure", "數據 Figure"), ("theme", "主題 Theme mention"),
          ("passing", "順帶提及 Theme named in passing (not a theme of the plan or recommendation)"),
          ("agency", "機關 Agency mention")]
PLANS_HEADING = {"subject": "以此主題或下位主題為主題之計畫 Plans whose subject is this theme or a narrower one",
                 "all": "提及此主題或下位主題之計畫 Plans mentioning this theme or a narrower one"}
"""A theme page's first list of plans, by how plans are linked to themes (``--theme-mentions``):
through subject mentions only (``dcterms:subject``, the default), or through every mention."""
PLANS_NOTE = {"subject": "其名稱、目標或成果以此為主題 the plan's name, aim or results make it the plan's theme",
              "all": "於任何處提及 named anywhere in the plan's evaluation"}
ROLE_NOTE = {"subject": "計畫主題 the plan's subject", "advice": "建議提及 named in the evaluators' advice",
             "passing": "順帶提及 named in passing"}
"""What each theme-mention role (graph/theme_roles.py) means, as the site says it."""
SIMILAR_K = 20
LIST_MAX = 100
"""Most recommendations, figures or plans (with their quotes) listed in full on an agency or
theme page; the table holds every recommendation, further plans are listed as links only."""


class Site:
    """What every page needs: the records, the base IRI, the page path of each IRI, and how the
    facts link plans to themes (``mentions``, as :func:`recgraph.views.read_facts`)."""

    def __init__(self, d: SiteData, base: str, mentions: str = "subject"):
        self.d, self.t, self.base, self.mentions = d, d.facts, base, mentions
        self.eval_labels: dict[str, str] = {}
        self.similar_cells: dict[str, str] = {}  # plan -> its similar-plans row up to the count, escaped
        self.theme_names: dict[str, str] = {}  # theme -> its zh label, escaped
        self.children = defaultdict(list)
        for a, info in d.agencies.items():
            for p in info["parents"]:
                self.children[p].append(a)
        self.evals_of_plan, self.evals_of_report = defaultdict(list), defaultdict(list)
        for e, ev in d.evaluations.items():
            self.evals_of_plan[ev["plan"]].append(e)
            self.evals_of_report[ev["report"]].append(e)
        self.recs_of_eval = defaultdict(list)
        for r, rec in d.recommendations.items():
            self.recs_of_eval[rec["evaluation"]].append(r)
        self.figs_of_eval = defaultdict(list)
        for f, fig in d.figures.items():
            self.figs_of_eval[fig["evaluation"]].append(f)
        self.repeated_by = defaultdict(list)
        for r, rec in d.recommendations.items():
            for earlier in rec["repeats"]:
                self.repeated_by[earlier].append(r)
        self.themes_of_plan = defaultdict(set)
        for plan, th in self.t.plan_themes:
            self.themes_of_plan[plan].add(th)
        self.narrower = defaultdict(list)
        for n, bs in self.t.broader.items():
            for b in bs:
                self.narrower[b].append(n)

    def path(self, iri: str) -> str:
        return page_path(iri, self.base)

    def url(self, iri: str) -> str:
        """The link to the page of ``iri`` from any page: relative to the site root, which every
        page below it names in ``<base href>`` (so links are not repeated ``../`` chains)."""
        return url(iri, self.base)

    def link(self, iri: str, label: str | None = None) -> dict:
        """A link record ``{href, label, en}`` to the page of ``iri``."""
        return {"href": self.url(iri), "label": label or self.t.label(iri, "zh"), "en": self.t.label(iri, "en")}

    def year(self, ev: str) -> int | None:
        return self.d.reports.get(self.d.evaluations[ev]["report"], {}).get("year")

    def status(self, rec: dict) -> str:
        acc, impl = rec["acceptance"], rec["implementation"]
        return f"{self.t.label(_status_iri('acceptance', acc))} / {self.t.label(_status_iri('implementation', impl))}" \
            if acc or impl else "—"

    def flags(self, rec: dict) -> str:
        return " ".join(f for f, on in (("通案 generic", rec["generic"]), ("截斷 truncated", rec["truncated"])) if on)

    def rec_row(self, r: str) -> dict:
        rec = self.d.recommendations[r]
        return {"href": self.url(r), "id": rec["id"], "text": rec["text"],
                "addressees": [self.link(a) for a in rec["addressed_to"]],
                "status": self.status(rec), "flags": self.flags(rec)}

    def figure_row(self, f: str) -> dict:
        fig = self.d.figures[f]
        ev = fig["evaluation"]
        short = fig["ratio"] is not None and (fig["ratio"] > 1 if fig["comparator"] == "at-most" else fig["ratio"] < 1)
        return {"plan": self.d.evaluations[ev]["name"] if ev in self.d.evaluations else "",
                "plan_href": self.url(ev) if ev else "", "metric": fig["metric"],
                "value": fig["value_written"] or _g(fig["value"]), "unit": fig["unit"],
                "target": fig["target_written"] or _g(fig["target"]),
                "ratio": "" if fig["ratio"] is None else f"{fig['ratio']:.0%}", "short": short}

    def eval_label(self, e: str) -> str:
        """``FY2025 #4 name``; kept once worked out (a plan is named in up to 20 others' similar lists)."""
        label = self.eval_labels.get(e)
        if label is None:
            ev = self.d.evaluations[e]
            label = self.eval_labels[e] = f"FY{self.year(e) or '?'} #{ev['serial'] or '?'} {ev['name']}"
        return label

    def theme_name(self, th: str) -> str:
        """The label of ``th`` escaped as HTML, escaped once."""
        name = self.theme_names.get(th)
        if name is None:
            name = self.theme_names[th] = str(escape(self.t.label(th)))
        return name

    def eval_link(self, e: str) -> dict:
        return {"href": self.url(e), "label": self.eval_label(e)}


def _status_iri(scheme: str, notation: str) -> str:
    return f"https://w3id.org/recgraph/{scheme}/{notation}"


def _g(x) -> str:
    return "" if x is None else f"{x:g}"


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
        "history": [dict(h, **_evidence(site, h.get("evidence")), acceptance=site.t.label(_status_iri("acceptance", h["acceptance"])) if h["acceptance"] else "",
                         implementation=site.t.label(_status_iri("implementation", h["implementation"]))
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


QUOTES_PER_THEME = 5
"""Evidence quotes a theme node's side panel shows (graph/html.py): each the sentence a mention
lies in, the mention marked, linked to it on the plan's page."""
QUOTE_CONTEXT = 60
"""Characters of a mention's sentence kept on each side of it (the rest cut, marked …)."""


def _sentence(ev: dict, span: dict) -> tuple[str, str, str]:
    """The text before a span in its sentence, the span, the text after (clipped to
    :data:`QUOTE_CONTEXT`); a name span's sentence is the plan name."""
    if span["anchor"] == "n":
        text, lo, hi = ev["name"], 0, len(ev["name"])
        start, end = span["start"], span["end"]
    else:
        start, end = span["start"], span["end"]
        bounds = ev["sentences"]  # start, end, start, end... (graph.site_data.sentences)
        i = 2 * (bisect.bisect_right(bounds[0::2], start) - 1)
        lo, hi = (bounds[i], bounds[i + 1]) if i >= 0 and bounds[i + 1] >= end else (start, end)
        par = next((p for p in ev["paragraphs"] if p["start"] <= lo < p["start"] + len(p["text"])), None)
        if par is None:
            return "", span["exact"], ""
        text, base = par["text"], par["start"]
        lo, hi, start, end = lo - base, hi - base, start - base, end - base
    pre, post = text[lo:start], text[end:hi]
    pre = pre if len(pre) <= QUOTE_CONTEXT else "…" + pre[-QUOTE_CONTEXT:]
    post = post if len(post) <= QUOTE_CONTEXT else post[:QUOTE_CONTEXT] + "…"
    return pre, text[start:end], post


def theme_quotes(site: Site) -> dict[str, list[dict]]:
    """theme -> up to :data:`QUOTES_PER_THEME` evidence quotes ``{plan, href, pre, exact, post}``:
    mentions of the theme itself first, then of narrower themes; the plan's subject before
    advice before passing; one per plan evaluation before a second; evaluations by IRI."""
    roles = {"subject": 0, "": 0, "advice": 1, "passing": 2}
    found: dict[str, list] = defaultdict(list)  # theme -> [(role, round, evaluation, in opinion, start, span)]
    seen: dict[tuple, int] = defaultdict(int)  # (theme, role, evaluation) -> its mentions kept (round)
    firsts: dict[tuple, int] = defaultdict(int)  # (theme, role) -> evaluations with a mention kept
    for e in sorted(site.d.evaluations):  # in the order kept: a role with enough first rounds is done
        ev = site.d.evaluations[e]
        for prefix, spans in (("n", ev["name_spans"]), ("m", ev["spans"])):
            for s in spans:
                if s["type"] != "theme" or not s["body"]:
                    continue
                role = roles.get(s["role"] or "", 2)
                key = (s["body"], role, e)
                if seen[key] >= 2 or firsts[key[:2]] >= QUOTES_PER_THEME:
                    continue
                seen[key] += 1
                firsts[key[:2]] += seen[key] == 1
                found[s["body"]].append((role, seen[key], e, prefix == "m", s["start"], dict(s, anchor=prefix)))
    out = {}
    for th in site.theme_list:
        rows = sorted(found.get(th, []), key=lambda x: x[:5])[:QUOTES_PER_THEME]
        todo = sorted(site.narrower.get(th, []))
        while len(rows) < QUOTES_PER_THEME and todo:
            n = todo.pop(0)
            rows += sorted(found.get(n, []), key=lambda x: x[:5])[:QUOTES_PER_THEME - len(rows)]
            todo += sorted(site.narrower.get(n, []))
        if rows:
            out[th] = [_quote(site, row[2], row[5]) for row in rows]
    return out


def _quote(site: Site, e: str, span: dict) -> dict:
    pre, exact, post = _sentence(site.d.evaluations[e], span)
    return {"plan": site.eval_label(e), "href": f"{site.url(e)}#{span['anchor']}{span['start']}",
            "pre": pre, "exact": exact, "post": post}


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
        "table_href": "recommendations.html?agency=" + info["code"], **_figures(site, evals)}}


def _figures(site: Site, evaluations) -> dict:
    """The first :data:`LIST_MAX` figures of ``evaluations`` and how many there are."""
    figs = [f for e in evaluations for f in site.figs_of_eval.get(e, [])]
    return {"figures": [site.figure_row(f) for f in figs[:LIST_MAX]], "figures_total": len(figs),
            "figures_href": "figures.html"}


def _theme_plan_row(site: Site, e: str, found_quotes: set, recs: list) -> dict:
    """A plan on a theme page: lead agencies, the themes it is found as and the quoted text."""
    return {"href": site.url(e), "label": site.eval_label(e),  # the rest as text: linked above
            "leads": "、".join(site.t.label(a) for a in site.d.facts.evaluations.get(e, {}).get("lead", [])),
            "found_as": "、".join(sorted({site.t.label(f) for f, _, _ in found_quotes})),
            "quotes": _quotes(site.url(e), found_quotes), "recs": [site.link(r, site.d.recommendations[r]["id"])
                                                                    for r in sorted(recs)]}


def _quotes(page: str, found_quotes: set) -> list[dict]:
    """Each quoted text once, sorted, linked to where the plan's page marks it first (its anchor).

    >>> _quotes("p.html", {("t", "AI", "m9"), ("t", "AI", "m30"), ("u", "", "")})
    [{'text': 'AI', 'href': 'p.html#m9'}]
    """
    first: dict[str, str] = {}
    for _, q, anchor in sorted(found_quotes, key=lambda x: (x[1], _anchor_key(x[2]))):
        if q and q not in first:
            first[q] = anchor
    return [{"text": q, "href": f"{page}#{a}" if a else page} for q, a in sorted(first.items())]


def _anchor_key(anchor: str) -> tuple:
    """Name marks before opinion marks, then by offset: ``n5`` < ``m3`` < ``m12``."""
    return (anchor[:1] != "n", int(anchor[1:]) if anchor[1:].isdigit() else 0)


def theme_groups(site: Site, th: str) -> dict[str, list[str]]:
    """The plan evaluations of a theme page in three disjoint lists, by the guideline's roles:
    ``subject`` (the theme or a narrower one is a theme of the plan), ``advice`` (named only in the
    evaluators' advice, or a recommendation of the plan is about it) and ``passing`` (named only
    in passing).  Every recommendation about the theme belongs to a plan of the first two."""
    subject = set(site.theme_plans.get(th, {}))
    mentions = site.theme_mentions.get(th, {})
    advice = ({e for e, roles in mentions.items() if "advice" in roles}
              | {site.d.recommendations[r]["evaluation"] for r in site.theme_recs.get(th, [])}) - subject - {None}
    passing = {e for e, roles in mentions.items() if "passing" in roles} - subject - advice
    return {"subject": sorted(subject), "advice": sorted(advice), "passing": sorted(passing)}


def theme_page(site: Site, th: str, plans: dict, recs: list) -> dict:
    """The context of a theme's page: plans whose subject it (or a narrower theme) is, plans naming
    it only in the evaluators' advice or only in passing, where, and the recommendations about it.

    The first :data:`LIST_MAX` plans of each list come with their lead agencies and the quoted
    text; the others (at 100x a theme has thousands) are listed as links to their pages, which mark it.
    """
    groups, mentions = theme_groups(site, th), site.theme_mentions.get(th, {})
    recs_of = defaultdict(list)
    for r in recs:
        recs_of[site.d.recommendations[r]["evaluation"]].append(r)
    lists = {}
    for role, evals in groups.items():
        rows = []
        for e in evals[:LIST_MAX]:
            found = mentions.get(e, {}).get(role, set())
            if role == "subject":
                found = found or {(f, "", "") for f in plans.get(e, ())}
            rows.append(_theme_plan_row(site, e, found, recs_of.get(e, [])))
        lists[role] = {"rows": rows, "total": len(evals), "more": [site.eval_link(e) for e in evals[LIST_MAX:]]}
    evals = groups["subject"]
    return {"title": f"{site.t.label(th)} 主題 Theme", "heading": f"{site.t.label(th)} {site.t.label(th, 'en')}",
            "iri": th, "th": {
                "en": site.t.label(th, "en"), "broader": [site.link(b) for b in site.t.broader.get(th, [])],
                "narrower": [site.link(n) for n in sorted(site.narrower.get(th, []))], "lists": lists,
                "plans_heading": PLANS_HEADING[site.mentions], "plans_note": PLANS_NOTE[site.mentions],
                "plans_total": len(evals),
                "recs": [site.rec_row(r) for r in sorted(recs)[:LIST_MAX]], "recs_total": len(recs),
                "table_href": "recommendations.html?theme=" + V.local_name(th),
                "network": site.networks.get(th, ""),
                "network_label": f"主題網路圖 {site.t.label(_root(site, th))}", **_figures(site, evals)}}


def _root(site: Site, th: str) -> str:
    """The top-level theme above ``th`` (the first, by IRI), whose network page shows it."""
    return next((r for r in sorted(V.with_broader([th], site.t.broader)) if V.top_level(r, site.t.broader)), th)


def theme_mentions(site: Site) -> dict[str, dict[str, dict[str, set]]]:
    """theme -> evaluation -> role -> {(theme found as, quoted text)}: every theme mention, whatever
    its role, counted for the theme and each broader one (the theme pages' three lists)."""
    mentions: dict[str, dict[str, dict[str, set]]] = {}
    for e, ev in site.d.evaluations.items():
        for prefix, spans in (("m", ev["spans"]), ("n", ev["name_spans"])):
            for s in spans:
                if s["type"] == "theme" and s["body"]:
                    for th in V.with_broader([s["body"]], site.t.broader):
                        mentions.setdefault(th, {}).setdefault(e, {}).setdefault(s["role"] or "subject", set()).add(
                            (s["body"], s["exact"], f"{prefix}{s['start']}"))
    return mentions


def prepare(site: Site) -> None:
    """Work out once what several pages share: similar plans, each agency's and theme's pages,
    the file of each theme's network page."""
    d, t = site.d, site.t
    site.similar = shared_neighbours(dict(site.themes_of_plan), SIMILAR_K)
    led, named, addressed = defaultdict(list), defaultdict(list), defaultdict(list)
    for e, tev in t.evaluations.items():
        for a in tev["lead"]:
            led[a].append(e)
        for a in tev["involved"]:
            named[a].append(e)
    for r, rec in d.recommendations.items():
        for a in rec["addressed_to"]:
            addressed[a].append(r)
    site.agency_list, site.led, site.named, site.addressed = _with_pages(site, led, named, addressed), led, named, addressed
    theme_plans: dict[str, dict[str, set]] = {}  # theme -> evaluation -> themes found as (picklable)
    above = V.ancestors({th for ths in site.themes_of_plan.values() for th in ths}, t.broader)
    for e, ev in d.evaluations.items():
        for found in site.themes_of_plan.get(ev["plan"], ()):
            for th in above[found]:
                theme_plans.setdefault(th, {}).setdefault(e, set()).add(found)
    theme_recs = defaultdict(list)
    for r, rec in d.recommendations.items():
        for th in V.with_broader(rec["themes"], t.broader):
            theme_recs[th].append(r)
    mentions = theme_mentions(site)
    site.theme_plans, site.theme_recs, site.theme_mentions = theme_plans, theme_recs, mentions
    site.theme_list = sorted(set(theme_plans) | set(theme_recs) | set(mentions))  # every theme any plan or rec has
    roots = {th: _root(site, th) for th in site.theme_list}  # a theme's network is its top-level theme's
    site.networks = {th: f"theme-{slug(root)}.html" for th, root in roots.items() if root in theme_plans}


def _with_pages(site: Site, led, named, addressed) -> list[str]:
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


def items(site: Site) -> list[tuple[str, str]]:
    """Every page as ``(kind, IRI)``, in the order they are written; the indexes are one item, the
    recommendations table another (first: the largest, rendered by a worker beside the pages)."""
    return ([("table", "")] + [("recommendation", r) for r in site.d.recommendations] +
            [("report", r) for r in site.d.reports] +
            [("evaluation", e) for e in site.d.evaluations] + [("agency", a) for a in site.agency_list] +
            [("theme", th) for th in site.theme_list] + [("indexes", "")])


def page(site: Site, item: tuple[str, str]):
    """The pages of one item as ``(path, template, context)``."""
    kind, iri = item
    if kind == "recommendation":
        yield site.path(iri), "recommendation.html", recommendation_page(site, iri)
    elif kind == "report":
        yield site.path(iri), "report.html", report_page(site, iri)
    elif kind == "evaluation":
        yield site.path(iri), "evaluation.html", evaluation_page(site, iri, site.similar.get(site.d.evaluations[iri]["plan"], []))
    elif kind == "agency":
        yield site.path(iri), "agency.html", agency_page(site, iri, site.led[iri], site.named[iri], site.addressed[iri])
    elif kind == "theme":
        yield site.path(iri), "theme.html", theme_page(site, iri, site.theme_plans.get(iri, {}), site.theme_recs.get(iri, []))
    else:
        yield from indexes(site, site.agency_list, site.theme_list, site.theme_plans, site.led, site.addressed)


def indexes(site: Site, agencies, themes, theme_plans, led, addressed):
    """The plan-evaluation, theme (as a tree) and agency indexes, and every figure against its target."""
    t = site.t
    here = "report/index.html"
    rows = [{"href": site.url(e), "label": site.eval_label(e),
             "cells": ["、".join(t.label(a) for a in t.evaluations.get(e, {}).get("lead", [])),
                       len(site.recs_of_eval.get(e, [])), len(site.figs_of_eval.get(e, []))]}
            for e in sorted(site.d.evaluations, key=lambda e: (-(site.year(e) or 0), site.d.evaluations[e]["serial"] or 0, e))]
    yield here, "list.html", {"title": "計畫評核 Plan evaluations", "heading": "計畫評核 Plan evaluations", "rows": rows,
                              "reports": report_list(site),
                              "description": "每一計畫評核一頁 One page per plan evaluation",
                              "columns": ["計畫 Plan", "主辦機關 Lead agency", "建議 Recs", "數據 Figures"]}
    here = "theme/index.html"
    present = set(themes)
    order = []

    def walk(th, depth):
        order.append((th, depth))
        for n in sorted(site.narrower.get(th, []), key=lambda x: t.label(x, "en")):
            if n in present:
                walk(n, depth + 1)

    for root in sorted((th for th in themes if not any(b in present for b in t.broader.get(th, []))),
                       key=lambda x: t.label(x, "en")):
        walk(root, 0)
    rows = []
    for th, depth in order:
        groups = theme_groups(site, th)
        rows.append({"href": site.url(th), "label": f"{t.label(th)} {t.label(th, 'en')}", "depth": depth,
                     "cells": [len(groups["subject"]), len(groups["advice"]), len(groups["passing"]),
                               len(site.theme_recs.get(th, []))]})
    yield here, "list.html", {"title": "主題 Themes", "heading": "主題 Themes", "rows": rows,
                              "description": f"{len(rows)} 個主題：任一計畫或建議提及者（下位主題縮排；計數含下位主題）"
                                             f" {len(rows)} themes: every theme a plan or recommendation names, narrower"
                                             " themes indented; counts include narrower themes",
                              "columns": ["主題 Theme", "計畫主題 Plans on it (subject)",
                                          "僅建議提及 Plans naming it only in advice",
                                          "僅順帶提及 Plans naming it only in passing", "相關建議 Recommendations about it"]}
    here = "figures.html"
    rows = [site.figure_row(f) for f, fig in sorted(site.d.figures.items(), key=lambda x: (x[1]["ratio"] or 0, x[0]))
            if fig["ratio"] is not None]
    yield here, "figures.html", {"title": "數據與目標 Figures against targets", "heading": "數據與目標 Figures against targets",
                                 "short": [r for r in rows if r["short"]], "met": [r for r in rows if not r["short"]],
                                 "description": "有目標值之數據，依達成率排序 Every figure reported with a target, by "
                                                "achievement ratio (for an at-most target, above 100 % is short)"}
    here = "agency/index.html"
    rows = [{"href": site.url(a), "label": f"{t.label(a)} {t.label(a, 'en')}",
             "cells": [site.d.agencies.get(a, {}).get("code", ""), "、".join(site.d.alt_labels.get(a, [])),
                       len(led[a]), len(addressed[a]),
                       len({r for u in units(site, a) for r in addressed.get(u, [])})]} for a in agencies]
    yield here, "list.html", {"title": "機關 Agencies", "heading": "機關 Agencies", "rows": rows,
                              "description": "主辦、被提及或受建議之機關 Agencies that lead, are named or are addressed",
                              "columns": ["機關 Agency", "代碼 Code", "簡稱 Short names", "主辦計畫 Plans led", "受建議 Recs addressed to it",
                                          "含所屬機關 Recs to it or its units (as in the table)"]}


def links(items: list[dict]) -> Markup:
    """Link records as HTML, separated by 、 (a Jinja filter: a macro call per list costs more).

    >>> str(links([{"href": "a.html", "label": "<b>", "en": "B"}, {"href": "c d.html", "label": "C"}]))
    '<a href="a.html" title="B">&lt;b&gt;</a>、<a href="c d.html">C</a>'
    """
    if not items:
        return Markup("—")
    # every value escaped here; the parts are plain str joined, then marked safe once
    return Markup("、".join(f'<a href="{escape(i["href"])}"' + (f' title="{escape(i["en"])}"' if i.get("en") else "")
                           + f'>{escape(i["label"])}</a>' for i in items))


def site_environment() -> jinja2.Environment:
    """The site's Jinja environment: its templates, autoescaping, with the ``links`` filter;
    templates are not checked for changes on disk during a build."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                             keep_trailing_newline=True, auto_reload=False)
    env.filters["links"] = links
    return env


def _write(path: Path, text: str, folders: set) -> Path:
    if path.parent not in folders:
        _folder(path.parent, folders)
    path.write_bytes(text.encode("utf-8"))
    return path


def _folder(folder: Path, folders: set) -> None:
    """Make ``folder`` from the top down, one ``mkdir`` a folder not yet in ``folders`` (``mkdir(parents=True)``
    tries the deepest first and fails once per missing level: ~12,000 calls for ~4,000 folders at 100x)."""
    if folder.parent not in folders and folder.parent != folder:
        _folder(folder.parent, folders)
    folder.mkdir(exist_ok=True)
    folders.add(folder)


def _render_part(site: Site, out: Path, work: list, part: int, parts: int) -> list[str]:
    """Render and write items ``part::parts`` of ``work``; the paths written, relative to ``out``."""
    from recgraph.site_table import table_page

    env, written, folders = site_environment(), [], set()
    for item in work[part::parts]:
        if item[0] == "table":
            for rel, data in table_page(site, env).items():
                _write(out / rel, data, folders)
                written.append(rel)
            continue
        for rel, template, ctx in page(site, item):
            root = "../" * rel.count("/")
            _write(out / rel, env.get_template("site/" + template).render(root=root, **ctx), folders)
            written.append(rel)
    return written


PARALLEL_MIN_PAGES = 5000
"""Sites with fewer pages are rendered in this process: starting the workers costs more than it
saves (each imports the site's modules and unpickles its records, ~1 s of CPU; a page takes
~0.5 ms: at 10x, 1,417 pages took 0.7 s of CPU in one process)."""


def write_site(source, out_dir, base: str = DEFAULT_BASE, facts: V.Facts | None = None,
               workers: int = 1, parallel_min_pages: int = PARALLEL_MIN_PAGES, nt=None,
               mentions: str = "subject", shared: dict | None = None) -> list[Path]:
    """Write the whole site into ``out_dir`` from ``source`` (a store or RDF file); return the paths.

    ``facts`` are the views' facts when already read; ``nt`` the same graph as canonical N-Triples
    (a build's ``graph.nt``), read instead of ``source`` (graph.site_data); ``mentions`` how
    ``facts`` link plans to themes (it names the theme pages' plan lists); ``workers`` processes
    render the pages (the same files).  Files are UTF-8, written in place: the build and
    ``recgraph viz`` give a staging folder that replaces the output as a whole.  ``shared``, when
    given, receives what the network pages and the start page show of the site (graph.html):
    ``theme_quotes`` (:func:`theme_quotes`) and ``reports`` (:func:`report_list`).
    """
    from recgraph.workers import fork_map, paused_gc

    out = Path(out_dir)
    # The collector is paused for the stage (forked workers inherit it so): the records are millions
    # of objects without reference cycles, which each pass would walk again (a quarter of reading
    # and joining at 100x), and rendering makes almost no cycles (under a thousand objects collected at 100x).
    with paused_gc():
        site = Site(read_site_data(source, facts, nt), base, mentions)
        prepare(site)
        if shared is not None:
            shared.update(theme_quotes=theme_quotes(site), reports=report_list(site))
        work = items(site)
        parts = workers if len(work) >= parallel_min_pages else 1
        written = [out / rel for done in fork_map(partial(_render_part, site, out, work, parts=parts), range(parts),
                                                  parts, here=True)
                   for rel in done]
    for rel, src in STATIC.items():
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(TEMPLATES / src, target)
        written.append(target)
    return sorted(written)

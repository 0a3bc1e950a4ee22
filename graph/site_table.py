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


ROW_FIELDS = ["id", "plan", "rec", "addr", "kinds", "themes", "acc", "impl", "gao", "since", "flags", "repeats", "text"]
"""The columns of each row of ``recommendations-data.js`` (arrays, not objects: the keys are not
repeated 100,000 times).  ``plan`` indexes ``plans``; ``addr``, ``kinds`` and ``themes`` are lists
of indexes into ``agencies``, ``kinds`` and ``themes``; ``rec`` is the page path, or only its last
segment when it is ``{plan page}/rec/{rec}.html``; ``flags`` is 1 generic + 2 truncated;
``repeats`` are row numbers.  graph/templates/site/table.js expands them."""


def _rec_path(site, r: str, plan_path: str) -> str:
    """The page path of ``r``, or its last segment when the plan's page path implies the rest."""
    path = site.path(r)
    stem = plan_path[: -len(".html")] + "/rec/" if plan_path else None
    if stem and path.startswith(stem) and path.endswith(".html"):
        last = path[len(stem): -len(".html")]
        if last and "/" not in last and not last.endswith(".html"):
            return last
    return path


class _Index(dict):
    """Numbers for values in first-seen order, with the values in ``order``."""

    def __init__(self):
        super().__init__()
        self.order = []

    def __call__(self, value) -> int:
        if value not in self:
            self[value] = len(self.order)
            self.order.append(value)
        return self[value]


def _rec_row(site, r: str, rec: dict, indexes: tuple, row_of: dict) -> list:
    """One recommendation as a row of ROW_FIELDS, its plan, agencies, kinds and themes by index."""
    plans, agencies, kinds, themes = indexes
    e = rec["evaluation"]
    plan_path = site.path(e) if e else ""
    return [rec["id"], plans(e) if e else -1, _rec_path(site, r, plan_path), [agencies(a) for a in rec["addressed_to"]],
            [kinds(k) for k in rec["kinds"]], [themes(x) for x in rec["themes"]],
            rec["acceptance"], rec["implementation"], rec["gao"], rec["open_since"],
            int(rec["generic"]) + 2 * int(rec["truncated"]),
            [row_of[x] for x in rec["repeats"] if x in row_of], rec["text"]]


def report_key(site, rep: str) -> str:
    """What the table's ``report`` filter names a report by: its page path without ``.html``
    (``report/moda/2025``), unique like the IRI it mirrors (the report's page links it)."""
    return site.path(rep)[: -len(".html")]


def report_label(site, rep: str) -> str:
    """A report as the table's report filter and the report lists name it: title (FY)."""
    report = site.d.reports.get(rep, {})
    return f"{report.get('title') or V.local_name(rep)} (FY{report.get('year') or '?'})"


def _plan_row(site, e: str, agencies: _Index, reports: _Index) -> list:
    """A plan evaluation the rows refer to: year, serial, name, page, lead agencies (by index) and
    report (by index, -1 when none)."""
    ev = site.d.evaluations.get(e, {})
    rep = ev.get("report")
    return [site.year(e) if e in site.d.evaluations else None, ev.get("serial"), ev.get("name", ""),
            site.path(e), [agencies(a) for a in site.t.evaluations.get(e, {}).get("lead", [])],
            reports(rep) if rep in site.d.reports else -1]


def table_data(site) -> dict:
    """The table's data: shared records (plans, agencies, kinds, themes) once, rows by index.

    Rows hold what the filters compare (codes, statuses, flags, text) and indexes for the rest.
    """
    d, t = site.d, site.t
    plans, agencies, kinds, themes, reports = _Index(), _Index(), _Index(), _Index(), _Index()
    row_of = {r: i for i, r in enumerate(d.recommendations)}
    rows = [_rec_row(site, r, rec, (plans, agencies, kinds, themes), row_of) for r, rec in d.recommendations.items()]
    plan_rows = [_plan_row(site, e, agencies, reports) for e in plans.order]
    for th in list(themes.order):  # every broader theme gets a number too: rows match by the closure
        for b in sorted(V.with_broader([th], t.broader)):
            themes(b)
    return {
        "plans": plan_rows, "reports": [[report_key(site, x), report_label(site, x)] for x in reports.order],
        "agencies": [[_code(site, a), t.label(a)] for a in agencies.order],
        "kinds": [[V.local_name(k), t.label(k), t.label(k, "en")] for k in kinds.order],
        "themes": [[V.local_name(th), t.label(th), t.label(th, "en"),
                    sorted(themes[b] for b in V.with_broader([th], t.broader))] for th in themes.order],
        "statusLabels": {scheme: {n: t.label(f"https://w3id.org/recgraph/{scheme}/{n}")
                                  for n in sorted({row[col] for row in rows})}
                         for scheme, col in (("acceptance", 6), ("implementation", 7))},
        "fields": ROW_FIELDS, "rows": rows}


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


GAO_OPTIONS = [["open", "未結案（待辦理、辦理中、部分完成）", "open: not yet closed (GAO term)"],
               ["closed", "已結案", "closed (GAO term)"]]


def status_options(t: V.Facts, recs) -> list[list[str]]:
    """The status filter's choices as ``[value, zh label, English title]``: open and closed (GAO
    terms) first, then each acceptance and implementation status the recommendations have, under
    the zh-Hant label the table's status column shows; a value appears once (the implementation
    status ``open``, 待辦理, is within the first choice, which matches it)."""
    out, seen = [list(o) for o in GAO_OPTIONS], {"open", "closed"}
    for scheme, key in (("acceptance", "acceptance"), ("implementation", "implementation")):
        for code in sorted({rec[key] for rec in recs if rec[key]}):
            if code not in seen:
                seen.add(code)
                iri = f"https://w3id.org/recgraph/{scheme}/{code}"
                out.append([code, t.label(iri), f"{t.label(iri, 'en')} ({scheme}: {code})"])
    return out


def vocabularies(site) -> dict:
    """What the filters resolve names against: agencies (with the codes above them), themes, kinds."""
    d, t = site.d, site.t
    recs = d.recommendations.values()
    years = sorted({site.year(rec["evaluation"]) for rec in recs if rec["evaluation"] in d.evaluations} - {None})
    return {"agencies": _agency_vocabulary(site, {a for rec in recs for a in rec["addressed_to"]}),
            "themes": _concept_vocabulary(t, {x for rec in recs for x in V.with_broader(rec["themes"], t.broader)}),
            "kinds": _concept_vocabulary(t, {k for rec in recs for k in rec["kinds"]}),
            "statuses": status_options(t, recs), "statusKeys": _status_keys(t), "years": years}


def table_page(site, env) -> dict[str, str]:
    """``recommendations.html`` and its data file."""
    data = {**table_data(site), "vocab": vocabularies(site)}
    # one row per line: the file stays readable and diffable, the rows add no indentation
    body = json.dumps({k: v for k, v in data.items() if k != "rows"}, ensure_ascii=False, separators=(",", ":"))
    rows = ",\n".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in data["rows"])
    script = "window.RECGRAPH_TABLE = " + body[:-1] + ',"rows":[\n' + rows + "\n]};\n"
    page = env.get_template("site/recommendations.html").render(
        root="", title="建議事項 Recommendations", heading="建議事項 Recommendations", iri="",
        count=len(data["rows"]))
    return {"recommendations.html": page, "recommendations-data.js": script}

"""The static site's indexes: plan evaluations (with the reports), themes as a tree, agencies,
and every figure against its target."""

from __future__ import annotations

from recgraph.site_agencies import units
from recgraph.site_model import Site
from recgraph.site_plans import report_list
from recgraph.site_themes import theme_groups


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

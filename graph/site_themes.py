"""The static site's theme pages: the plans whose subject a theme is, those naming it only in the
evaluators' advice or only in passing, where (the quoted text), the recommendations about it; and
the evidence quotes the network pages' theme panels show (graph/html.py)."""

from __future__ import annotations

import bisect
from collections import defaultdict

from recgraph import views as V
from recgraph.site_model import LIST_MAX, Site, figure_list

PLANS_HEADING = {"subject": "以此主題或下位主題為主題之計畫 Plans whose subject is this theme or a narrower one",
                 "all": "提及此主題或下位主題之計畫 Plans mentioning this theme or a narrower one"}
"""A theme page's first list of plans, by how plans are linked to themes (``--theme-mentions``):
through subject mentions only (``dcterms:subject``, the default), or through every mention."""

PLANS_NOTE = {"subject": "其名稱、目標或成果以此為主題 the plan's name, aim or results make it the plan's theme",
              "all": "於任何處提及 named anywhere in the plan's evaluation"}

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
                "network_label": f"主題網路圖 {site.t.label(root_theme(site, th))}", **figure_list(site, evals)}}


def root_theme(site: Site, th: str) -> str:
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

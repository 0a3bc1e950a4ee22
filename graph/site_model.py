"""What every page of the static site (graph/site.py) reads: the site's records joined once into
lookups (:class:`Site`), and the rows and links several kinds of page show alike."""

from __future__ import annotations

from collections import defaultdict

from markupsafe import escape

from recgraph.site_data import SiteData
from recgraph.site_pages import page_path, url

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
        return f"{self.t.label(status_iri('acceptance', acc))} / {self.t.label(status_iri('implementation', impl))}" \
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


def status_iri(scheme: str, notation: str) -> str:
    return f"https://w3id.org/recgraph/{scheme}/{notation}"


def _g(x) -> str:
    return "" if x is None else f"{x:g}"


def figure_list(site: Site, evaluations) -> dict:
    """The first :data:`LIST_MAX` figures of ``evaluations`` and how many there are."""
    figs = [f for e in evaluations for f in site.figs_of_eval.get(e, [])]
    return {"figures": [site.figure_row(f) for f in figs[:LIST_MAX]], "figures_total": len(figs),
            "figures_href": "figures.html"}

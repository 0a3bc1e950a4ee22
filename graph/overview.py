"""The overview graph and its theme pages: plans, their lead agencies, direct themes (linked to their
broader themes) and recommendations, for many pages at once.

:class:`Overview` works out node attributes (labels), theme ancestors, the plan–theme links and
each plan's recommendations once for every page.  :meth:`Overview.page` lists a page's plans,
themes, agencies and links from the facts alone, and counts its recommendations, so a caller
can choose the nodes to draw (a broad theme's page holds every recommendation of its plans:
10^5 nodes at 41,000 evaluations) and :meth:`Overview.build` only those, in the order the whole
page would have them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import chain

import networkx as nx

from recgraph.views import Facts, ancestors, bump

BROADER, LEAD, CONCERNS = {"rel": "broader"}, {"rel": "lead"}, {"rel": "concerns"}


@dataclass
class Page:
    """A page before it is a graph: ``types`` of its plans, themes and agencies in graph order,
    their ``links`` ``(a, b, weight, attrs)`` in the order they are added (a repeated pair adds
    to the first one's weight), and the number of recommendations of its plans (``recs``), which
    follow in graph order, each linked to its plan with weight 1."""

    types: dict[str, str]
    links: list[tuple]
    recs: int


class Overview:
    """The overview of ``t`` and the focused pages of its themes."""

    def __init__(self, t: Facts):
        self.t = t
        self._attrs: dict[tuple[str, str], dict] = {}
        self._above = ancestors({theme for _, theme in t.plan_themes}, t.broader)
        self._subjects = [(plan, theme, max(1, info["mentions"]), {"rel": "subject", "quotes": info["quotes"][:3]})
                          for (plan, theme), info in t.plan_themes.items()]
        self._recs: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for i, (rec, info) in enumerate(t.recommendations.items()):
            self._recs[info["plan"]].append((i, rec))

    def graph(self, themes: set[str] | None = None) -> nx.Graph:
        """The overview, or with ``themes`` the focused page of those themes."""
        return self.build(self.page(themes))

    def page(self, themes: set[str] | None = None) -> Page:
        """The :class:`Page` of :meth:`graph` (``themes``)."""
        links = self._subject_links(themes)
        types = {n: "plan" for n in chain.from_iterable(link[:2] for link in links)}
        types.update((link[1], "theme") for link in links)
        if types:
            for root in sorted(themes or ()):
                types.setdefault(root, "theme")
        for theme in [n for n, type_ in types.items() if type_ == "theme"]:
            links += [(theme, broad, 1, BROADER) for broad in self.t.broader.get(theme, []) if broad in types]
        if themes is None:
            for plan in self.t.plans:
                types.setdefault(plan, "plan")  # plans without a theme still belong in the overview
        links += self._lead_links(types)
        return Page(types, links, sum(len(self._recs.get(n, ())) for n in types))

    def _subject_links(self, themes: set[str] | None) -> list[tuple]:
        """Plan-theme links of the page: all of them, or those of ``themes`` and their narrower themes."""
        if themes is None:
            return list(self._subjects)
        inside = {theme for theme, above in self._above.items() if above & themes}
        return [link for link in self._subjects if link[1] in inside]

    def _lead_links(self, types: dict[str, str]) -> list[tuple]:
        """Each plan's lead agencies, added to ``types`` as they come."""
        links = []
        for plan in [n for n, type_ in types.items() if type_ == "plan"]:
            for agency in self.t.plans.get(plan, {}).get("agencies", []):
                types.setdefault(agency, "agency")
                links.append((plan, agency, 1, LEAD))
        return links

    def degrees(self, page: Page) -> dict[str, int]:
        """Weighted degree of the page's plans, themes and agencies (every recommendation has 1)."""
        wd = {n: len(self._recs.get(n, ())) for n in page.types}
        for a, b, weight, _ in page.links:
            wd[a] += weight
            wd[b] += weight
        return wd

    def recommendations(self, page: Page, only: set[str] | None = None) -> list[str]:
        """The page's recommendations (those in ``only``) in graph order."""
        return [rec for _, rec in sorted(r for n in page.types for r in self._recs.get(n, ())
                                         if only is None or r[1] in only)]

    def build(self, page: Page, only: set[str] | None = None) -> nx.Graph:
        """The graph of a :meth:`page`, or its subgraph on the nodes ``only``."""
        g = nx.Graph(name="overview")
        g.add_nodes_from((n, self._attributes(n, type_)) for n, type_ in page.types.items()
                         if only is None or n in only)
        recs = self.recommendations(page, only)
        g.add_nodes_from((rec, self._attributes(rec, "recommendation")) for rec in recs)
        for a, b, weight, attrs in page.links:
            if only is None or (a in only and b in only):
                bump(g, a, b, by=weight, **attrs)
        for rec in recs:
            plan = self.t.recommendations[rec]["plan"]
            if only is None or plan in only:
                bump(g, rec, plan, **CONCERNS)
        return g

    def _attributes(self, iri: str, type_: str) -> dict:
        """Node attributes (type, labels and the like), worked out once."""
        attrs = self._attrs.get((iri, type_))
        if attrs is not None:
            return attrs
        t = self.t
        attrs = {"type": type_, "zh": t.label(iri, "zh"), "en": t.label(iri, "en")}
        if t.alt_labels.get(iri):  # short names (數產署): the network search finds them
            attrs["alt"] = t.alt_labels[iri]
        if type_ == "plan":
            info = t.plans.get(iri, {})
            attrs.update(agencies=[t.label(a) for a in info.get("agencies", [])],
                         control_levels=[t.label(c) for c in info.get("control_levels", [])])
        elif type_ == "theme":
            attrs.update(broader=list(t.broader.get(iri, [])))
        elif type_ == "recommendation":
            info = t.recommendations[iri]
            attrs.update(zh=info["identifier"], identifier=info["identifier"], text=info["text"],
                         kinds=[t.label(k) for k in info["kinds"]])
        self._attrs[(iri, type_)] = attrs
        return attrs

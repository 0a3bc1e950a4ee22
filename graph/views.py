"""Read the RDF graph into plain records (:class:`Facts`), and build the networkx views the analyses use.

The RDF graph is the single source of truth: :func:`read_facts` runs a handful of SPARQL
queries on a :class:`pyoxigraph.Store` (fast at 10^5 plans: bench/RESULTS.md) and returns plain
records; every ``*_graph`` function below is a pure function of those records, so the
analyses and pages never re-parse documents and tests can build views from hand-made data.

Every node of every view is keyed by its IRI and carries ``type`` (``plan``, ``theme``,
``agency``, ``recommendation`` or ``kind``), ``zh`` and ``en`` labels.  Edge ``weight`` is
a count (plans, mentions, recommendations or evaluations) so weighted degree is meaningful.
The theme hierarchy is respected everywhere a theme is counted: a plan tagged agentic AI
is also a plan about AI (:func:`with_broader`).
"""

from __future__ import annotations

import itertools
import os
import re
import tempfile
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from recgraph.hierarchy import broader_closure
from recgraph.iris import local_name
from recgraph.loader import load_store
from recgraph.namespace import THEME

if TYPE_CHECKING:
    import networkx as nx

THEME_NS = str(THEME)

PREFIXES = """
PREFIX rg: <https://w3id.org/recgraph/ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX org: <http://www.w3.org/ns/org#>
"""



@dataclass
class Facts:
    """The facts the views need, read once from the graph.

    ``labels`` maps an IRI to ``{"zh": ..., "en": ...}``; ``broader`` maps a theme to its
    broader themes; ``plans`` maps a plan to ``{"agencies", "control_levels", "evaluations"}``
    (sorted lists of IRIs); ``plan_themes`` maps ``(plan, theme)`` (direct themes only) to
    ``{"mentions": int, "quotes": [str]}``; ``evaluations`` maps an evaluation to
    ``{"plan", "lead": [agency], "involved": [agency]}``; ``recommendations`` and ``figures``
    map an IRI to a dict of its fields.
    """

    labels: dict[str, dict[str, str]] = field(default_factory=dict)
    broader: dict[str, list[str]] = field(default_factory=dict)
    plans: dict[str, dict] = field(default_factory=dict)
    plan_themes: dict[tuple[str, str], dict] = field(default_factory=dict)
    evaluations: dict[str, dict] = field(default_factory=dict)
    recommendations: dict[str, dict] = field(default_factory=dict)
    figures: dict[str, dict] = field(default_factory=dict)
    alt_labels: dict[str, list[str]] = field(default_factory=dict)
    """Other names (``skos:altLabel``: an agency's short names, 數產署), for search."""

    def label(self, iri: str, lang: str = "zh") -> str:
        """The label in ``lang``, falling back to the other language, then the IRI's last segment."""
        found = self.labels.get(iri, {})
        return found.get(lang) or next(iter(sorted(found.values())), "") or local_name(iri)


def _value(term) -> str | None:
    return None if term is None else term.value


def _rows(store: ox.Store, query: str) -> list[tuple]:
    """Run a SELECT query and return its rows as tuples of plain strings (None when unbound)."""
    solutions = store.query(PREFIXES + query)
    names = [v.value for v in solutions.variables]
    return [tuple(_value(s[n]) for n in names) for s in solutions]


def _lang_rows(store: ox.Store, query: str) -> list[tuple[str, str, str]]:
    """Rows ``(subject, language, text)`` of a query selecting ``?s ?l`` with ``?l`` a literal."""
    out = []
    for s in store.query(PREFIXES + query):
        lit = s["l"]
        lang = (lit.language or "").lower()
        out.append((s["s"].value, "en" if lang.startswith("en") else "zh" if lang.startswith("zh") else "", lit.value))
    return out


MENTIONS = ("subject", "all")
"""Which theme mentions make plan-theme links: subject mentions only (the default), or all."""


def facts(source: "Facts | ox.Store | str | os.PathLike[str]", mentions: str = "subject") -> "Facts":
    """The facts of ``source``: given Facts as they are, else read from a store or RDF file."""
    return source if isinstance(source, Facts) else read_facts(load_store(source), mentions)


QUERIES = {
    # name: (SELECT query, rows of (subject, language, text) rather than plain values).
    # Oxigraph's on-disk store costs ~20 us a row for each joined pattern and ~5 us for a single
    # pattern, so the slow joins are split (the theme-mention query with its quotes as OPTIONAL
    # took 41 s at 41,000 evaluations) or replaced by scans filtered here.
    "mention-quotes": ("""SELECT ?m ?x WHERE { ?m a rg:ThemeMention ; oa:hasTarget ?tg .
                              ?tg oa:hasSelector ?sel . ?sel oa:exact ?x }""", False),
    "labels": ("""SELECT ?s ?l WHERE { { ?s skos:prefLabel ?l } UNION { ?s rdfs:label ?l }
                                       FILTER(isIRI(?s) && isLiteral(?l)) }""", True),
    "alt-labels": ("SELECT ?s ?l WHERE { ?s skos:altLabel ?l FILTER(isIRI(?s) && isLiteral(?l)) }", False),
    "plan-names": ("SELECT ?s ?n WHERE { ?e rg:evaluates ?s ; rg:planName ?n }", False),
    "broader": ("SELECT ?n ?b WHERE { ?n skos:broader ?b }", False),
    "plans": ("SELECT ?p WHERE { ?p a rg:Plan }", False),
    "evaluations": ("""SELECT ?e ?p ?a ?c WHERE { ?e a rg:PlanEvaluation ; rg:evaluates ?p .
                           OPTIONAL { ?e rg:leadAgency ?a } OPTIONAL { ?e rg:controlLevel ?c } }""", False),
    "involved": ("SELECT ?e ?a WHERE { ?e a rg:PlanEvaluation ; rg:involvesAgency ?a }", False),
    "subjects": ("SELECT ?s ?o WHERE { ?s dcterms:subject ?o }", False),
    "recommendations": ("""SELECT ?r ?i ?x ?p WHERE { ?r a rg:Recommendation .
                               OPTIONAL { ?r dcterms:identifier ?i } OPTIONAL { ?r rg:text ?x }
                               OPTIONAL { ?r rg:concerns ?p } }""", False),
    "kinds": ("SELECT ?s ?o WHERE { ?s rg:kind ?o }", False),
    "addressees": ("SELECT ?s ?o WHERE { ?s rg:addressedTo ?o }", False),
    "figures": ("""SELECT ?f ?p ?m ?v ?u ?t ?r WHERE { ?f a rg:ReportedFigure ; rg:evaluation ?e . ?e rg:evaluates ?p .
                       OPTIONAL { ?f rg:metric ?m } OPTIONAL { ?f rg:value ?v } OPTIONAL { ?f rg:unit ?u }
                       OPTIONAL { ?f rg:target ?t } OPTIONAL { ?f rg:achievementRatio ?r } }""", False),
    "evaluates": ("SELECT ?e ?p WHERE { ?e rg:evaluates ?p }", False),
    "mentions": ("""SELECT ?m ?t ?e ?r WHERE { ?m a rg:ThemeMention ; oa:hasBody ?t ; rg:evaluation ?e .
                        OPTIONAL { ?m rg:themeRole ?r } }""", False),
}
"""The queries :func:`read_facts` runs, slowest first, then in the order it uses their rows."""

READERS = 2
"""Queries run at once: Oxigraph evaluates outside the GIL, so two threads keep two cores busy."""


def read_facts(store: ox.Store, mentions: str = "subject") -> Facts:
    """Read everything the views need from ``store`` with the fixed :data:`QUERIES`.

    ``mentions="subject"`` (the default) links a plan to a theme only through subject mentions
    (``rg:themeRole "subject"``, or no role, as in graphs built before roles); ``"all"`` through
    every mention, passing ones included.

    The queries run :data:`READERS` at a time; their rows are read in a fixed order, each
    query's as soon as it is needed and then dropped, so the facts do not depend on timing.
    """
    with ThreadPoolExecutor(READERS) as pool:
        futures = {name: pool.submit(_lang_rows if lang else _rows, store, query)
                   for name, (query, lang) in QUERIES.items()}
        try:
            return _facts(lambda name: futures.pop(name).result(), mentions)
        finally:
            for future in futures.values():
                future.cancel()


FACT_GROUPS = (
    ("mention-quotes", "labels", "alt-labels", "plan-names", "broader", "plans", "evaluations", "involved"),
    ("mentions", "subjects", "recommendations", "kinds", "addressees", "figures", "evaluates"),
)
"""The groups of :data:`QUERIES` :func:`read_facts_nt` answers from a store of their own, one
group's store dropped before the next is loaded: an in-memory store costs ~480 bytes a triple,
and one of every triple the queries match was the peak of a 1000x build's memory (3.4 GB in
one process).  The two theme-mention queries, which match two thirds of those triples, are in
different groups; each group has small queries to run beside its large one (:data:`READERS`)."""


def read_facts_nt(nt: str | os.PathLike[str], mentions: str = "subject") -> Facts:
    """:func:`read_facts` of the N-Triples file ``nt`` (a build's ``graph.nt``), from in-memory
    stores of only the triples :data:`QUERIES` can match (their predicates; rdf:type for the classes
    they name), a store for each of :data:`FACT_GROUPS` in turn: at 10x 38 % of the triples, a third
    of the CPU of loading them all (and at 17 M triples the store need not be on disk, where each
    query costs several times more).  Every query names its predicates, so its rows from its
    group's triples are its rows from them all.  :func:`route_facts` picks the lines,
    :func:`read_routed_facts` loads and queries them."""
    return read_routed_facts(route_facts(nt), mentions)


def route_facts(nt: str | os.PathLike[str], paths: list[str] | None = None) -> list[str]:
    """The lines of ``nt`` the queries of each of :data:`FACT_GROUPS` can match, each group's in a
    file of its own, ``paths`` (default new files beside ``nt``), their paths back: one pass of
    Python over every line (~0.6 us a line, 11 s at 1000x), which a large build runs beside the
    site's records reader, apart from the loads and queries that need its memory (graph.outputs)."""
    route: dict[bytes, list] = {}  # a predicate's IRI (an rdf:type's class) -> the groups' files its lines go to
    if paths is None:
        folder = os.path.dirname(os.path.abspath(nt))
        paths = []
        for _ in FACT_GROUPS:
            handle, path = tempfile.mkstemp(prefix=".facts-", suffix=".nt", dir=folder)
            os.close(handle)
            paths.append(path)
    files = [open(path, "wb", buffering=1 << 20) for path in paths]
    try:
        for names, kept in zip(FACT_GROUPS, files):
            for iri in _query_iris(names):
                route.setdefault(iri, []).append(kept.write)
        with open(nt, "rb", buffering=1 << 20) as lines:
            for line in lines:
                _, p, o = line.split(b" ", 2)
                for write in route.get(p if p != _TYPE else o[:-3], ()):
                    write(line)
    except BaseException:
        remove_routed(paths)
        raise
    finally:
        for kept in files:
            kept.close()
    return paths


def remove_routed(paths: list[str]) -> None:
    """The files :func:`route_facts` wrote, removed (those that are there)."""
    for path in paths:
        Path(path).unlink(missing_ok=True)


def read_routed_facts(paths: list[str], mentions: str = "subject") -> Facts:
    """The facts from the files :func:`route_facts` wrote (one for each of :data:`FACT_GROUPS`) of
    a build's ``graph.nt``, a store for each group in turn; the files are removed."""
    rows: dict[str, list] = {}
    try:
        for names, path in zip(FACT_GROUPS, paths):
            store = ox.Store()
            # Oxigraph's own N-Triples, whose terms were checked when they were made: each IRI and
            # language tag not checked again (a fifth of loading them, as graph.validate reads documents)
            store.bulk_load(path=path, format=ox.RdfFormat.N_TRIPLES, lenient=True)
            os.unlink(path)
            rows.update(_query_rows(store, [name for name in QUERIES if name in names]))
            del store
    finally:
        remove_routed(paths)
    return _facts(rows.pop, mentions)


def _query_rows(store: ox.Store, names: list[str]) -> dict[str, list]:
    """The rows of :data:`QUERIES` ``names`` on ``store``, :data:`READERS` queries at a time."""
    with ThreadPoolExecutor(READERS) as pool:
        futures = {name: pool.submit(_lang_rows if QUERIES[name][1] else _rows, store, QUERIES[name][0])
                   for name in names}
        return {name: future.result() for name, future in futures.items()}


_TYPE = b"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"


def _query_iris(names=None) -> set[bytes]:
    """Every IRI the :data:`QUERIES` ``names`` (default all) name (``prefix:name``, ``a`` as
    rdf:type), as N-Triples terms."""
    prefixes = dict(re.findall(r"PREFIX (\w*): <([^>]*)>", PREFIXES))
    return {_TYPE} | {f"<{prefixes[p]}{name}>".encode() for key, (query, _) in QUERIES.items()
                      if names is None or key in names
                      for p, name in re.findall(r"\b(\w+):(\w+)", query) if p in prefixes}


def _facts(rows, mentions: str = "subject") -> Facts:
    """The facts from ``rows(name)``, the rows of ``QUERIES[name]`` (read in this order)."""
    if mentions not in MENTIONS:
        raise ValueError(f"mentions must be one of {', '.join(MENTIONS)}, not {mentions!r}")
    t = Facts()
    t.alt_labels = _alt_labels(rows)
    t.labels = _labels(rows)
    t.broader = _broader(rows)
    typed_plans = {plan for (plan,) in rows("plans")}
    t.plans, t.evaluations = _plans_and_evaluations(rows, typed_plans)
    t.recommendations, plan_themes = _recommendations(rows, typed_plans)
    t.figures = _figures(rows)
    t.plan_themes = _plan_themes(rows, plan_themes, mentions)
    return t


def _alt_labels(rows) -> dict[str, list[str]]:
    alts: dict[str, set] = defaultdict(set)
    for s, text in rows("alt-labels"):
        alts[s].add(text)
    return {k: sorted(v) for k, v in sorted(alts.items())}


def _labels(rows) -> dict[str, dict[str, str]]:
    labels: dict[str, dict[str, str]] = defaultdict(dict)
    for s, lang, text in sorted(rows("labels")):
        if lang and lang not in labels[s]:
            labels[s][lang] = text
    for s, text in sorted(rows("plan-names")):
        labels[s].setdefault("zh", text)
    return dict(labels)


def _broader(rows) -> dict[str, list[str]]:
    broader = defaultdict(set)
    for narrow, broad in rows("broader"):
        if narrow.startswith(THEME_NS) and broad.startswith(THEME_NS):
            broader[narrow].add(broad)
    return {k: sorted(v) for k, v in sorted(broader.items())}


def _plans_and_evaluations(rows, typed_plans: set[str]) -> tuple[dict, dict]:
    plans: dict[str, dict[str, set]] = {plan: defaultdict(set) for plan in typed_plans}  # even without evaluation
    evaluations: dict[str, dict] = {}
    for ev, plan, agency, level in rows("evaluations"):
        rec = evaluations.setdefault(ev, {"plan": plan, "lead": set(), "involved": set()})
        info = plans.setdefault(plan, defaultdict(set))
        info["evaluations"].add(ev)
        if agency:
            rec["lead"].add(agency)
            info["agencies"].add(agency)
        if level:
            info["control_levels"].add(level)
    for ev, agency in rows("involved"):
        if ev in evaluations:
            evaluations[ev]["involved"].add(agency)
    return ({p: {k: sorted(plans[p][k]) for k in ("agencies", "control_levels", "evaluations")} for p in sorted(plans)},
            {e: {"plan": r["plan"], "lead": sorted(r["lead"]), "involved": sorted(r["involved"])}
             for e, r in sorted(evaluations.items())})


def _recommendations(rows, typed_plans: set[str]) -> tuple[dict, dict]:
    """The recommendations, and the plans' direct themes (plan, theme) -> counts, from dcterms:subject."""
    recs: dict[str, dict] = {}
    for rec, ident, text, plan in rows("recommendations"):
        recs.setdefault(rec, {"identifier": ident or local_name(rec), "text": text or "", "plan": plan,
                              "kinds": set(), "themes": set(), "addressed_to": set()})
    plan_themes: dict[tuple[str, str], dict] = {}
    for subject, obj in rows("subjects"):
        if subject in recs:
            recs[subject]["themes"].add(obj)
        if subject in typed_plans and obj.startswith(THEME_NS):
            plan_themes[(subject, obj)] = {"mentions": 0, "quotes": set()}
    for key, name in (("kinds", "kinds"), ("addressed_to", "addressees")):
        for rec, obj in rows(name):
            if rec in recs:
                recs[rec][key].add(obj)
    return ({r: {k: sorted(v) if isinstance(v, set) else v for k, v in d.items()} for r, d in sorted(recs.items())},
            plan_themes)


def _figures(rows) -> dict[str, dict]:
    figs: dict[str, dict] = {}
    for fig, plan, metric, value, unit, target, ratio in rows("figures"):
        figs.setdefault(fig, {"plan": plan, "metric": metric or "", "value": _num(value), "unit": unit or "",
                              "target": _num(target), "ratio": _num(ratio)})
    return dict(sorted(figs.items()))


def _plan_themes(rows, plan_themes: dict, mentions: str) -> dict:
    """Each (plan, theme) with its number of mentions and their quotes (subject mentions only unless
    ``mentions="all"``)."""
    plans_of: dict[str, list[str]] = defaultdict(list)
    for ev, plan in rows("evaluates"):
        plans_of[ev].append(plan)
    quotes_of: dict[str, list[str]] = defaultdict(list)
    for mention, exact in rows("mention-quotes"):
        quotes_of[mention].append(exact)
    for mention, theme, ev, role in rows("mentions"):
        if mentions == "subject" and role not in (None, "subject"):
            continue
        quotes = quotes_of.get(mention, [None])  # a mention without a quote is one row, unquoted
        for plan in plans_of.get(ev, ()):
            entry = plan_themes.setdefault((plan, theme), {"mentions": 0, "quotes": set()})
            entry["mentions"] += len(quotes)
            entry["quotes"].update(q for q in quotes if q)
    return {k: {"mentions": v["mentions"], "quotes": sorted(v["quotes"])} for k, v in sorted(plan_themes.items())}


def _num(text: str | None) -> float | None:
    return None if text is None else float(text)


def with_broader(themes, broader: dict[str, list[str]]) -> set[str]:
    """The themes plus all their broader themes (transitively): agentic AI counts for AI.

    >>> sorted(with_broader(["t/agentic-ai"], {"t/agentic-ai": ["t/ai"], "t/ai": ["t/tech"]}))
    ['t/agentic-ai', 't/ai', 't/tech']
    """
    out = set(themes)
    for theme in list(out):
        out.update(broader_closure(theme, broader))
    return out


def ancestors(themes, broader: dict[str, list[str]]) -> dict[str, set[str]]:
    """Each of ``themes`` with its broader themes, transitively: :func:`with_broader` of each alone.

    >>> {theme: sorted(above) for theme, above in ancestors(["t/ai"], {"t/ai": ["t/tech"]}).items()}
    {'t/ai': ['t/ai', 't/tech']}
    """
    return {theme: with_broader([theme], broader) for theme in themes}


def top_level(theme: str, broader: dict[str, list[str]]) -> bool:
    """True when the theme has no broader theme."""
    return not broader.get(theme)


def plan_theme_sets(t: Facts, expand: bool = True) -> dict[str, set[str]]:
    """Each plan's themes, with their broader themes when ``expand`` (plans without themes omitted)."""
    direct: dict[str, set[str]] = defaultdict(set)
    for plan, theme in t.plan_themes:
        direct[plan].add(theme)
    return {p: with_broader(ts, t.broader) if expand else set(ts) for p, ts in sorted(direct.items())}


def _graph(name: str) -> nx.Graph:
    """An empty view named ``name``; networkx is imported on the first (~0.07 s), not by every
    command that imports this module: a build reads its documents before it needs a view."""
    import networkx

    return networkx.Graph(name=name)


def _add_node(g: nx.Graph, t: Facts, iri: str, type_: str, **attrs) -> None:
    if iri not in g:
        g.add_node(iri, type=type_, zh=t.label(iri, "zh"), en=t.label(iri, "en"), **attrs)
        if t.alt_labels.get(iri):
            g.nodes[iri]["alt"] = t.alt_labels[iri]


def _add_plan(g: nx.Graph, t: Facts, plan: str) -> None:
    info = t.plans.get(plan, {})
    _add_node(g, t, plan, "plan",
              agencies=[t.label(a) for a in info.get("agencies", [])],
              control_levels=[t.label(c) for c in info.get("control_levels", [])])


def _add_theme(g: nx.Graph, t: Facts, theme: str) -> None:
    _add_node(g, t, theme, "theme", broader=list(t.broader.get(theme, [])))


def bump(g: nx.Graph, a: str, b: str, by: float = 1, **attrs) -> None:
    """Add ``by`` to the weight of edge a-b, creating it with ``attrs`` the first time."""
    if g.has_edge(a, b):
        g[a][b]["weight"] += by
    else:
        g.add_edge(a, b, weight=by, **attrs)


def plan_theme_graph(t: Facts, expand: bool = True) -> nx.Graph:
    """Bipartite plan–theme graph; with ``expand``, a plan also links to its themes' broader themes.

    Edge ``weight`` is the number of theme mentions behind the link (at least 1), ``direct`` says
    whether the plan was tagged with the theme itself, ``quotes`` holds the mentioned text.
    """
    g = _graph("plan-theme")
    above = ancestors({theme for _, theme in t.plan_themes}, t.broader)
    for (plan, theme), info in t.plan_themes.items():
        _add_plan(g, t, plan)
        targets = above[theme] if expand else {theme}
        for target in sorted(targets):
            _add_theme(g, t, target)
            if not g.has_edge(plan, target):
                g.add_edge(plan, target, weight=0, direct=False, quotes=[])
            edge = g[plan][target]
            edge["weight"] += max(1, info["mentions"])
            if target == theme:
                edge["direct"] = True
                edge["quotes"] = sorted(set(edge["quotes"]) | set(info["quotes"]))
    return g


def theme_cooccurrence_graph(t: Facts) -> nx.Graph:
    """Themes linked when they tag the same plan; ``weight`` is the number of shared plans.

    Pairs where one theme is broader than the other are left out: that link is the hierarchy,
    not a co-occurrence.
    """
    g = _graph("theme-cooccurrence")
    sets = [sorted(themes) for themes in plan_theme_sets(t).values()]
    above = ancestors(set().union(*sets), t.broader)
    shared: dict[tuple[str, str], int] = {}  # in the order the links are first seen
    for themes in sets:
        for theme in themes:
            _add_theme(g, t, theme)
        for a, b in itertools.combinations(themes, 2):
            if a not in above[b] and b not in above[a]:
                shared[(a, b)] = shared.get((a, b), 0) + 1
    g.add_edges_from((a, b, {"weight": n}) for (a, b), n in shared.items())
    return g


def agency_theme_graph(t: Facts) -> nx.Graph:
    """Lead agencies linked to the themes of their plans; ``weight`` is the number of plans."""
    g = _graph("agency-theme")
    for plan, themes in plan_theme_sets(t).items():
        for agency in t.plans.get(plan, {}).get("agencies", []):
            _add_node(g, t, agency, "agency")
            for theme in sorted(themes):
                _add_theme(g, t, theme)
                bump(g, agency, theme)
    return g


def agency_mention_graph(t: Facts) -> nx.Graph:
    """Agencies linked when they appear in the same evaluation (as lead or named in the opinion).

    ``weight`` is the number of evaluations they share.
    """
    g = _graph("agency-mentions")
    for ev in t.evaluations.values():
        agencies = sorted(set(ev["lead"]) | set(ev["involved"]))
        for agency in agencies:
            _add_node(g, t, agency, "agency")
        for a, b in itertools.combinations(agencies, 2):
            bump(g, a, b)
    return g


def kind_theme_graph(t: Facts) -> nx.Graph:
    """Recommendation kinds linked to themes; ``weight`` is the number of recommendations."""
    g = _graph("kind-theme")
    above = ancestors({th for rec in t.recommendations.values() for th in rec["themes"]}, t.broader)
    for rec in t.recommendations.values():
        for kind in rec["kinds"]:
            _add_node(g, t, kind, "kind")
            for theme in sorted(set().union(*(above[th] for th in rec["themes"]))):
                _add_theme(g, t, theme)
                bump(g, kind, theme)
    return g

"""SHACL shapes compiled to SPARQL, checked over a whole Oxigraph store at once.

pySHACL walks focus nodes one by one in Python (about 0.13 ms per triple), which is fine for one
document but dominates a build of thousands. Each constraint of ``ontology/shapes.ttl`` becomes
one set-based SPARQL SELECT that returns the violating ``?focus`` (and ``?value``) for every
focus node at once; Oxigraph answers it over millions of triples in seconds. The counts of 1
(sh:minCount, sh:maxCount) of one focus set run together, as one query (:func:`_together`).

The results are the same :class:`graph.model.Violation` records pySHACL gives (source shape,
focus, path, value, message), following pySHACL 0.40's semantics rather than the letter of the
SHACL spec where the two differ (``sh:languageIn`` matches the whole tag or its first subtag;
``sh:datatype`` accepts a literal that rdflib can convert, e.g. ``"1e3"^^xsd:decimal`` or any
``xsd:gYear``). Those value-level checks that need rdflib's literal conversion run in Python, but
only over the *distinct* values of one predicate, then SPARQL finds the focus nodes holding the
bad ones.

Only the SHACL Core features the shapes use are supported, plus SPARQL-based constraints
(``sh:sparql`` with ``sh:select`` and ``sh:prefixes``) on node shapes: their SELECT, with ``$this``
renamed ``?focus``, is joined once with all the focus nodes instead of run once per focus node;
``?value``, when selected, is the result's value, else the focus node is (as in pySHACL). Any other
``sh:`` term on a shape raises :class:`UnsupportedShape` naming the shape, so a new shape cannot be
silently ignored.

A shape annotated ``rgsh:wholeGraph true`` can be broken by two documents together (a duplicate
identifier across reports): the per-document validation checks it within each document, and
:func:`validate_whole_graph` checks just those shapes once over the whole graph.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from functools import cache, lru_cache
from pathlib import Path
from typing import Callable, Iterable

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH, XSD

from recgraph.model import Violation
from recgraph.vocab import ontology_path

NODE_PARAMS = {SH.targetClass, SH.nodeKind, SH.pattern, SH["class"], SH.message, SH.property, SH.sparql}
SPARQL_PARAMS = {SH.select, SH.prefixes}
WHOLE_GRAPH = URIRef("https://w3id.org/recgraph/shapes#wholeGraph")
PROPERTY_PARAMS = {SH.path, SH.minCount, SH.maxCount, SH.datatype, SH["class"], SH.nodeKind, SH.pattern,
                   SH.minInclusive, SH.minLength, SH.languageIn, SH.uniqueLang, SH.lessThan, SH["in"], SH.message}
NODE_KINDS = {  # sh:nodeKind -> SPARQL test that ?x matches it
    SH.IRI: "isIRI({x})", SH.BlankNode: "isBlank({x})", SH.Literal: "isLiteral({x})",
    SH.BlankNodeOrIRI: "(isIRI({x}) || isBlank({x}))", SH.BlankNodeOrLiteral: "(isBlank({x}) || isLiteral({x}))",
    SH.IRIOrLiteral: "(isIRI({x}) || isLiteral({x}))",
}
PREFIXES = ("PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n"
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
            "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n")
VALUES = "#VALUES#"
# Datatypes a pyoxigraph Store folds into xsd:integer when the lexical form is an integer
# ("5"^^xsd:nonNegativeInteger comes back as "5"^^xsd:integer), so the store alone cannot tell them apart.
FOLDED = {XSD[t] for t in ("int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
                           "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt",
                           "unsignedShort", "unsignedByte")}  # where a two-step constraint's bad values are spliced into its query


class UnsupportedShape(ValueError):
    """A shape uses a SHACL feature this compiler does not implement."""


@dataclass(frozen=True)
class CompiledConstraint:
    """One constraint of one shape as SPARQL.

    ``query`` selects ``?focus`` and optionally ``?value`` for every violation. When
    ``values_query`` is set the check is two-step: it selects the distinct candidate ``?value``s,
    ``value_fails`` picks the bad ones in Python, and they replace ``#VALUES#`` in ``query``.
    ``folded_datatype`` names a datatype the store cannot see (see ``FOLDED``): the original
    triples are then scanned for values of ``path`` typed otherwise, on the ``focus`` sub-select.
    ``together`` (a count of 1) runs it in one query with the others of its kind and ``focus``
    (:func:`_together`); ``query`` is then what that query asks of it alone.
    ``probe``: an ASK of the query's pattern without its focus nodes (:func:`_ask`); when it finds
    nothing the query cannot either and is not run.
    """

    shape: str
    component: str
    path: str
    message: str
    query: str
    values_query: str = ""
    value_fails: Callable[[ox.Term], bool] | None = None
    focus: str = ""
    folded_datatype: str = ""
    together: str = ""
    probe: str = ""


def _iri(term) -> str:
    return f"<{term}>"


def _lit(value: str) -> str:
    """A SPARQL string literal (escaped)."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") + '"'


def _one(g: Graph, shape, p, name: str):
    values = list(g.objects(shape, p))
    if len(values) > 1:
        raise UnsupportedShape(f"{name}: more than one {p.n3(g.namespace_manager)} is not supported")
    return values[0] if values else None


def _check_params(g: Graph, shape, allowed: set, name: str) -> None:
    for p in set(g.predicates(shape, None)):
        if str(p).startswith(str(SH)) and p not in allowed:
            raise UnsupportedShape(f"{name} uses {p.n3(g.namespace_manager)}, which graph.shacl_sparql does not "
                                   "support; extend the compiler or validate with pySHACL")


def _focus(classes: list) -> str:
    """A sub-select binding each distinct focus node of the target classes to ?focus."""
    union = " UNION ".join(f"{{ ?focus rdf:type/rdfs:subClassOf* {_iri(c)} }}" for c in sorted(classes))
    return f"{{ SELECT DISTINCT ?focus WHERE {{ {union} }} }}"


def _select(focus: str, body: str, vars_: str = "?focus ?value") -> str:
    return f"{PREFIXES}SELECT {vars_} WHERE {{\n  {focus}\n  {body}\n}}"


def _ask(body: str, prefixes: str = PREFIXES) -> str:
    """Whether ``body`` has any answer at all, focus nodes or not: for a ``body`` that binds ``?focus``
    itself, which the focus nodes then only narrow, so "no" means no violation.  A conforming document
    answers "no" to most, and the ASK, which stops at the first answer and skips the focus nodes (the
    instances of the target classes, through their subclasses), costs about half the query (sh:class)."""
    return f"{prefixes}ASK {{\n  {body}\n}}"


def _rdflib_term(t: ox.Term):
    if isinstance(t, ox.NamedNode):
        return URIRef(t.value)
    if isinstance(t, ox.BlankNode):
        return BNode(t.value)
    if t.language:
        return Literal(t.value, lang=t.language)
    return Literal(t.value, datatype=None if t.datatype.value == str(XSD.string) else URIRef(t.datatype.value))


_PY_TYPES = {XSD.string: (str, bytes), RDF.langString: (str, bytes), XSD.integer: int, XSD.float: float,
             XSD.decimal: Decimal, XSD.boolean: bool, XSD.date: date, XSD.time: time, XSD.dateTime: datetime}


def _memo(fails: Callable[[ox.Term], bool]) -> Callable[[ox.Term], bool]:
    """A two-step test remembered per distinct value: each document of a build meets mostly the
    same values (offsets, years, counts), and rdflib converts one in ~4 us (a twentieth of a check)."""
    return lru_cache(maxsize=1 << 16)(fails)


def _ill_typed(datatype) -> Callable[[ox.Term], bool]:
    """pySHACL's test for a literal of the right datatype: rdflib must convert it to a matching value."""
    @_memo
    def fails(t: ox.Term) -> bool:
        logger = logging.getLogger("rdflib.term")
        level, logger.disabled = logger.disabled, True  # rdflib logs a traceback per bad literal
        try:
            lit = Literal(t.value, datatype=datatype)
        finally:
            logger.disabled = level
        if lit.ill_typed is True:
            return True
        return datatype in _PY_TYPES and not isinstance(lit.value, _PY_TYPES[datatype])
    return fails


_NUMBERS = (int, Decimal)
"""Value types :func:`_below` compares itself (``bool`` is not one: ``type`` is checked exactly)."""


def _below(minimum: Literal) -> Callable[[ox.Term], bool]:
    """pySHACL's sh:minInclusive: strings never compare with numbers; incomparable values fail.

    Integers and decimals (every minimum of our shapes, every value they meet) compare as numbers,
    as pySHACL's ``compare_literal`` compares them; pySHACL itself (~0.2 s to import, a fifth of a
    seed build's validation) is imported only for any other pair of values."""
    @_memo
    def fails(t: ox.Term) -> bool:
        v = _rdflib_term(t)
        if not isinstance(v, Literal) or isinstance(v.value, str) != isinstance(minimum.value, str):
            return True
        if type(v.value) in _NUMBERS and type(minimum.value) in _NUMBERS:
            return v.value < minimum.value
        from pyshacl.rdfutil.compare import compare_literal

        try:
            return compare_literal(v, minimum) < 0
        except (TypeError, NotImplementedError):
            return True
    return fails


def _not_instance(x: str, cls) -> str:
    """Drops the solutions whose ``x`` is an instance of ``cls``: ``MINUS`` (one anti-join with every
    instance) rather than ``FILTER NOT EXISTS`` (the class path walked once per solution), ~2x faster
    in Oxigraph and the same answer, as ``x`` is always bound on the left."""
    return f"MINUS {{ {x} rdf:type/rdfs:subClassOf* {_iri(cls)} }}"


def _node_constraints(g: Graph, shape, name: str, message: str, focus: str) -> list[CompiledConstraint]:
    out = []

    def add(component, test):
        out.append(CompiledConstraint(name, component, "", message,
                                      _select(focus, f"BIND(?focus AS ?value) {test}")))
    kind = _one(g, shape, SH.nodeKind, name)
    if kind is not None:
        add("sh:nodeKind", f"FILTER(!{NODE_KINDS[kind].format(x='?focus')})")
    for pattern in sorted(g.objects(shape, SH.pattern)):
        add("sh:pattern", f"FILTER(isBlank(?focus) || !REGEX(STR(?focus), {_lit(str(pattern))}))")
    for cls in sorted(g.objects(shape, SH["class"])):
        add("sh:class", _not_instance("?focus", cls))
    return out


def _declared_prefixes(g: Graph, constraint, name: str) -> str:
    lines = []
    for ontology in sorted(g.objects(constraint, SH.prefixes)):
        for decl in g.objects(ontology, SH.declare):
            prefix, namespace = _one(g, decl, SH.prefix, name), _one(g, decl, SH.namespace, name)
            if prefix is None or namespace is None:
                raise UnsupportedShape(f"{name}: an sh:declare without sh:prefix and sh:namespace")
            lines.append(f"PREFIX {prefix}: <{namespace}>\n")
    return "".join(sorted(set(lines)))


def _sparql_constraints(g: Graph, shape, name: str, message: str, focus: str) -> list[CompiledConstraint]:
    """SPARQL-based constraints: each SELECT, ``$this`` as ``?focus``, joined with every focus node."""
    out = []
    for constraint in sorted(g.objects(shape, SH.sparql), key=str):
        _check_params(g, constraint, SPARQL_PARAMS, name)
        select = _one(g, constraint, SH.select, name)
        if select is None:
            raise UnsupportedShape(f"{name}: an sh:sparql constraint without sh:select")
        body = str(select).replace("$this", "?focus")
        head = body[:body.index("{")] if "{" in body else body
        has_value = "?value" in head or "$value" in head
        vars_ = "DISTINCT ?focus ?value" if has_value else "DISTINCT ?focus (?focus AS ?value)"
        prefixes = PREFIXES + _declared_prefixes(g, constraint, name)
        query = f"{prefixes}SELECT {vars_} WHERE {{\n  {focus}\n  {{ {body} }}\n}}"
        out.append(CompiledConstraint(name, "sh:sparql", "", message, query, probe=_ask(f"{{ {body} }}", prefixes)))
    return out


@dataclass(frozen=True)
class _Property:
    """One property shape being compiled: where its values are, and how a constraint on them is written."""

    g: Graph
    shape: URIRef
    name: str
    message: str
    focus: str
    path: URIRef

    @property
    def p(self) -> str:
        return _iri(self.path)

    @property
    def values(self) -> str:
        """The triple pattern binding each ``?value`` of ``?focus``."""
        return f"?focus {self.p} ?value ."

    def one(self, param):
        return _one(self.g, self.shape, param, self.name)

    def all(self, param) -> list:
        return sorted(self.g.objects(self.shape, param))

    def constraint(self, component: str, query: str, **kw) -> CompiledConstraint:
        return CompiledConstraint(self.name, component, str(self.path), self.message, query, **kw)

    def narrowed(self, component: str, body: str, vars_: str = "?focus ?value", **kw) -> CompiledConstraint:
        """A constraint whose violations are the answers of ``body`` (which binds ``?focus``) on the
        focus nodes, probed first (see :func:`_ask`)."""
        return self.constraint(component, _select(self.focus, body, vars_), probe=_ask(body), **kw)

    def per_value(self, component: str, test: str) -> CompiledConstraint:
        """A constraint every value must pass on its own: ``test`` is true for a bad ``?value``."""
        return self.narrowed(component, f"{self.values} FILTER({test})")


def _cardinality(ps: _Property) -> list[CompiledConstraint]:
    """sh:minCount and sh:maxCount; a count of 0 or 1 is tested by existence (a minimum of 1 as
    ``MINUS``, see :func:`_not_instance`; a maximum of 1 run with others is counted, see
    :func:`_together`), larger counts by a grouped sub-select over the property's triples (one walk
    of them in the store), joined with the focus nodes afterwards (~20% faster than grouping the
    focus nodes' own lookups)."""
    out = []
    low, high, focus, values = ps.one(SH.minCount), ps.one(SH.maxCount), ps.focus, ps.values
    counts = f"SELECT ?focus (COUNT(DISTINCT ?value) AS ?n) WHERE {{ {values} }} GROUP BY ?focus"
    if low is not None and int(low) == 1:
        out.append(ps.constraint("sh:minCount", _select(focus, f"MINUS {{ {values} }}", "?focus"), focus=focus,
                                 together=_AT_LEAST_ONE))
    elif low is not None and int(low) > 1:
        out.append(ps.constraint("sh:minCount", _select(
            focus, f"OPTIONAL {{ {{ {counts} }} }} FILTER(!BOUND(?n) || ?n < {int(low)})", "?focus")))
    if high is not None and int(high) == 0:
        out.append(ps.narrowed("sh:maxCount", values, "DISTINCT ?focus"))
    elif high is not None and int(high) == 1:
        out.append(ps.constraint("sh:maxCount", _select(
            focus, f"{values} ?focus {ps.p} ?other FILTER(!sameTerm(?value, ?other))", "DISTINCT ?focus"),
            focus=focus, together=_AT_MOST_ONE))
    elif high is not None:
        out.append(ps.narrowed("sh:maxCount", f"{{ {counts} }} FILTER(?n > {int(high)})", "?focus"))
    return out


def _datatype(ps: _Property) -> list[CompiledConstraint]:
    """sh:datatype: the datatype in the store, then (two-step) that rdflib can convert the value.

    The store keeps a valid xsd:int, xsd:nonNegativeInteger... as xsd:integer: those are accepted
    here (their range is checked by the second step) and the original datatype is left to ``_folded``.
    """
    dt = ps.one(SH.datatype)
    if dt is None:
        return []
    seen = f"({_iri(dt)}, xsd:integer)" if dt in FOLDED else f"({_iri(dt)})"
    out = [ps.narrowed("sh:datatype", f"{ps.values} FILTER(!isLiteral(?value) || !(DATATYPE(?value) IN {seen}))",
                       focus=ps.focus, folded_datatype=str(dt) if dt in FOLDED else "")]
    if dt not in (XSD.string, RDF.langString):
        out.append(ps.constraint(
            "sh:datatype", _select(ps.focus, f"{VALUES}\n  {ps.values}"),
            values_query=f"{PREFIXES}SELECT DISTINCT ?value WHERE {{ ?s {ps.p} ?value FILTER(isLiteral(?value) && "
                         f"DATATYPE(?value) IN {seen}) }}",
            value_fails=_ill_typed(dt)))
    return out


def _node_type(ps: _Property) -> list[CompiledConstraint]:
    """sh:class and sh:nodeKind of each value."""
    out = [ps.narrowed("sh:class", f"{ps.values} {_not_instance('?value', cls)}") for cls in ps.all(SH["class"])]
    kind = ps.one(SH.nodeKind)
    if kind is not None:
        out.append(ps.per_value("sh:nodeKind", "!" + NODE_KINDS[kind].format(x="?value")))
    return out


def _pattern(ps: _Property) -> list[CompiledConstraint]:
    return [ps.per_value("sh:pattern", f"isBlank(?value) || !REGEX(STR(?value), {_lit(str(pattern))})")
            for pattern in ps.all(SH.pattern)]


def _min_inclusive(ps: _Property) -> list[CompiledConstraint]:
    """sh:minInclusive, two-step: rdflib compares the distinct values with the minimum."""
    minimum = ps.one(SH.minInclusive)
    if minimum is None:
        return []
    return [ps.constraint("sh:minInclusive", _select(ps.focus, f"{VALUES}\n  {ps.values}"),
                          values_query=f"{PREFIXES}SELECT DISTINCT ?value WHERE {{ ?s {ps.p} ?value }}",
                          value_fails=_below(minimum))]


def _min_length(ps: _Property) -> list[CompiledConstraint]:
    length = ps.one(SH.minLength)
    if length is None or int(length) <= 0:
        return []
    return [ps.per_value("sh:minLength", f"isBlank(?value) || STRLEN(STR(?value)) < {int(length)}")]


def _language_in(ps: _Property) -> list[CompiledConstraint]:
    """sh:languageIn as pySHACL reads it: the whole tag or its first subtag is in the list."""
    langs = ps.one(SH.languageIn)
    if langs is None:
        return []
    wanted = sorted({str(x).lower() for x in Collection(ps.g, langs)})
    if "*" in wanted:
        return [ps.per_value("sh:languageIn", "!isLiteral(?value) || LANG(?value) = ''")]
    allowed = ", ".join(_lit(x) for x in wanted)
    return [ps.per_value("sh:languageIn", f"!isLiteral(?value) || LANG(?value) = '' || !(LCASE(LANG(?value)) IN "
                                          f"({allowed}) || LCASE(STRBEFORE(LANG(?value), '-')) IN ({allowed}))")]


def _unique_lang(ps: _Property) -> list[CompiledConstraint]:
    unique = ps.one(SH.uniqueLang)
    if unique is None or unique.toPython() is not True:
        return []
    return [ps.narrowed("sh:uniqueLang", f"{ps.values} ?focus {ps.p} ?other FILTER(isLiteral(?value) && "
                        "isLiteral(?other) && LANG(?value) != '' && !sameTerm(?value, ?other) && "
                        "LCASE(LANG(?value)) = LCASE(LANG(?other)))", "DISTINCT ?focus (LCASE(LANG(?value)) AS ?lang)")]


def _less_than(ps: _Property) -> list[CompiledConstraint]:
    """sh:lessThan: strings and IRIs compare as strings, other literals by value; mixed kinds fail."""
    is_str = "(isIRI({x}) || (isLiteral({x}) && (LANG({x}) != '' || DATATYPE({x}) = xsd:string)))"
    v, o = is_str.format(x="?value"), is_str.format(x="?other")
    return [ps.narrowed("sh:lessThan", f"{ps.values} ?focus {_iri(other)} ?other FILTER(({v} != {o}) || ({v} && "
                        "!(STR(?value) < STR(?other))) || (!" + v + " && !COALESCE(?value < ?other, false)))",
                        "?focus ?value ?other")
            for other in ps.all(SH.lessThan)]


def _in(ps: _Property) -> list[CompiledConstraint]:
    members = ps.one(SH["in"])
    if members is None:
        return []
    test = " || ".join(f"sameTerm(?value, {t.n3()})" for t in Collection(ps.g, members)) or "false"
    return [ps.per_value("sh:in", f"!({test})")]


_PROPERTY_FAMILIES = (_cardinality, _datatype, _node_type, _pattern, _min_inclusive, _min_length, _language_in,
                      _unique_lang, _less_than, _in)
"""One compiler per family of SHACL Core property constraints, in the order their queries are listed."""


def _property_constraints(g: Graph, shape, name: str, message: str, focus: str) -> list[CompiledConstraint]:
    path = _one(g, shape, SH.path, name)
    if not isinstance(path, URIRef):
        raise UnsupportedShape(f"{name}: only a single IRI sh:path is supported, not {path!r}")
    ps = _Property(g, shape, name, message, focus, path)
    return [c for family in _PROPERTY_FAMILIES for c in family(ps)]


def compile_graph(g: Graph) -> list[CompiledConstraint]:
    """Every constraint of every shape in the shapes graph ``g``, as SPARQL."""
    nodes = set(g.subjects(RDF.type, SH.NodeShape)) | set(g.subjects(SH.targetClass, None)) | \
        set(g.subjects(SH.property, None))
    properties = set(g.subjects(RDF.type, SH.PropertyShape)) | set(g.objects(None, SH.property)) | \
        set(g.subjects(SH.path, None))
    parents: dict = {}
    for node in nodes:
        for ps in g.objects(node, SH.property):
            parents.setdefault(ps, []).append(node)
    out = []
    for shape in sorted(nodes | properties, key=str):
        name = str(shape)
        if not isinstance(shape, URIRef):
            raise UnsupportedShape(f"a shape without an IRI ({shape.n3()}) cannot be reported by name")
        is_property = shape in properties
        if is_property and shape in nodes:
            raise UnsupportedShape(f"{name} is both a node shape and a property shape")
        _check_params(g, shape, PROPERTY_PARAMS if is_property else NODE_PARAMS, name)
        message = _one(g, shape, SH.message, name)
        if message is None:
            raise UnsupportedShape(f"{name} has no sh:message")
        if is_property:
            if shape not in parents:
                raise UnsupportedShape(f"{name} is a property shape no node shape uses")
            classes = sorted({c for n in parents[shape] for c in g.objects(n, SH.targetClass)})
            out += _property_constraints(g, shape, name, str(message), _focus(classes))
        else:
            classes = sorted(g.objects(shape, SH.targetClass))
            if classes:
                out += _node_constraints(g, shape, name, str(message), _focus(classes))
                out += _sparql_constraints(g, shape, name, str(message), _focus(classes))
    return out


@cache
def _shapes(path: str) -> Graph:
    return Graph().parse(path, format="turtle")


@cache
def _compiled(path: str) -> tuple[CompiledConstraint, ...]:
    return tuple(compile_graph(_shapes(path)))


def compile_shapes(shapes_path: str | Path | None = None) -> list[CompiledConstraint]:
    """The constraints of ``ontology/shapes.ttl`` (or another shapes file) as SPARQL; cached per path."""
    return list(_compiled(str(shapes_path or ontology_path("shapes.ttl"))))


def whole_graph_shapes(shapes_path: str | Path | None = None) -> set[str]:
    """The shapes two documents together can break (annotated ``rgsh:wholeGraph true``)."""
    g = _shapes(str(shapes_path or ontology_path("shapes.ttl")))
    return {str(s) for s, o in g.subject_objects(WHOLE_GRAPH) if o.toPython() is True}


def validate_whole_graph(graph: ox.Store | str | Path | bytes,
                         shapes_path: str | Path | None = None) -> list[Violation]:
    """The whole-graph shapes checked once over every document (after the per-document validation,
    which cannot see a duplicate identifier in two documents); sorted like validate_store.

    ``graph``: a store; the merged N-Triples file, of which only the triples the checks can match
    are loaded (their predicates; rdf:type only for the classes they name); or those triples
    (N-Triples bytes, :func:`whole_graph_lines` of every document, as the pipeline gathers them).
    """
    compiled = _whole_graph_constraints(str(shapes_path or ontology_path("shapes.ttl")))
    if not compiled:
        return []
    if isinstance(graph, bytes):
        store = ox.Store()
        store.bulk_load(graph, format=ox.RdfFormat.N_TRIPLES)
        graph = store
    elif not isinstance(graph, ox.Store):
        graph = _load_matching(Path(graph), compiled)
    return validate_store(graph, list(compiled))


@cache
def _whole_graph_constraints(path: str) -> tuple[CompiledConstraint, ...]:
    names = whole_graph_shapes(path)
    return tuple(c for c in compile_shapes(path) if c.shape in names)


_TYPE = b"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"


@cache
def _matching_iris(compiled: tuple[CompiledConstraint, ...]) -> frozenset[bytes]:
    """Every IRI the constraints' queries name (N-Triples form): the only predicates, and rdf:type
    objects, whose triples they can match."""
    iris: set[bytes] = set()
    for c in compiled:
        prefixes = dict(re.findall(r"PREFIX (\w*): <([^>]*)>", c.query))
        body = re.sub(r"PREFIX \w*: <[^>]*>", "", c.query)
        iris |= {f"<{i}>".encode() for i in re.findall(r"<([^>]+)>", body)}
        iris |= {f"<{prefixes[p]}{local}>".encode() for p, local in re.findall(r"\b(\w+):(\w+)", body)
                 if p in prefixes}
    return frozenset(iris)


def _matches(line: bytes, iris: frozenset[bytes]) -> bool:
    s, p, o = line.split(b" ", 2)
    return p in iris and (p != _TYPE or o[:-3] in iris)


def find_lines(nt: bytes, needles: Iterable[bytes], keep: Callable[[bytes], bool]) -> bytes:
    """The lines of N-Triples ``nt`` holding any of ``needles`` that ``keep`` accepts, in order:
    found by searching the bytes (at C speed) instead of splitting every line in Python, for the
    few lines a check needs out of a document's thousands; ``keep`` rejects a needle found inside
    a literal."""
    starts = set()
    for needle in needles:
        at = nt.find(needle)
        while at >= 0:
            starts.add(nt.rfind(b"\n", 0, at) + 1)
            at = nt.find(needle, at + len(needle))
    found = []
    for start in sorted(starts):
        end = nt.find(b"\n", start)
        line = nt[start:] + b"\n" if end < 0 else nt[start:end + 1]
        if keep(line):
            found.append(line)
    return b"".join(found)


def whole_graph_lines(nt: bytes, shapes_path: str | Path | None = None) -> bytes:
    """The lines of N-Triples ``nt`` the whole-graph shapes can match (see validate_whole_graph),
    found by :func:`find_lines`: the pipeline takes them from each document as it checks it, so the
    whole-graph check no longer reads the merged graph line by line."""
    iris = _matching_iris(_whole_graph_constraints(str(shapes_path or ontology_path("shapes.ttl"))))
    needles = [b" %s " % p for p in sorted(iris) if p != _TYPE] + \
        ([b" %s %s .\n" % (_TYPE, o) for o in sorted(iris)] if _TYPE in iris else [])
    return find_lines(nt, needles, lambda line: _matches(line, iris))


def _load_matching(nt: Path, compiled: tuple[CompiledConstraint, ...]) -> ox.Store:
    iris = _matching_iris(compiled)
    store = ox.Store()
    with open(nt, "rb") as lines:
        kept = [line for line in lines if _matches(line, iris)]
    store.bulk_load(b"".join(kept), format=ox.RdfFormat.N_TRIPLES)
    return store


def _text(term) -> str:
    return "" if term is None else term.value


def _run(store: ox.Store, c: CompiledConstraint) -> list[Violation]:
    if c.probe and not store.query(c.probe):
        return []
    query = c.query
    if c.values_query:
        bad = sorted({str(r["value"]) for r in store.query(c.values_query) if c.value_fails(r["value"])})
        if not bad:
            return []
        query = query.replace(VALUES, "VALUES ?value { " + " ".join(bad) + " }")
    rows = store.query(query)
    has_value = any(v.value == "value" for v in rows.variables)
    return [Violation(c.shape, row["focus"].value, c.path, _text(row["value"]) if has_value else "", c.message,
                      "Violation") for row in rows]


_AT_LEAST_ONE, _AT_MOST_ONE = "sh:minCount 1", "sh:maxCount 1"


def _together(compiled: Iterable[CompiledConstraint]) -> list[tuple[str, list[CompiledConstraint]]]:
    """The constraints marked ``together`` as one query per kind and focus set, each of its answers
    naming its constraint by index (``?k``): a count of 1 on each of a node's properties tested in one
    query instead of one per property (~30 queries instead of ~130 for ``ontology/shapes.ttl``, a
    tenth of a document's check); a maximum by counting the values of each subject (a walk of each
    property's triples in the store, hashed) rather than looking up every focus node's twice."""
    groups: dict[tuple[str, str], list[CompiledConstraint]] = {}
    for c in compiled:
        groups.setdefault((c.together, c.focus), []).append(c)
    out = []
    for (kind, focus), group in sorted(groups.items()):
        pairs = " ".join(f"({_iri(c.path)} {k})" for k, c in enumerate(group))
        if kind == _AT_LEAST_ONE:  # no value of its property
            paths = " ".join(sorted({_iri(c.path) for c in group}))
            body = f"VALUES (?p ?k) {{ {pairs} }} MINUS {{ VALUES ?p {{ {paths} }} ?focus ?p ?value }}"
            out.append((_select(focus, body, "?focus ?k"), group))
        else:  # two values of its property: counted per subject over the property's triples (one walk of
            # each property's list in the store, then hashed), not looked up again from every focus node
            paths = " ".join(sorted({_iri(c.path) for c in group}))
            body = (f"{{ SELECT ?focus ?p WHERE {{ VALUES ?p {{ {paths} }} ?focus ?p ?value }} GROUP BY ?focus ?p "
                    f"HAVING (COUNT(DISTINCT ?value) > 1) }} VALUES (?p ?k) {{ {pairs} }}")
            out.append((_select(focus, body, "DISTINCT ?focus ?k"), group))
    return out


_INTEGERS = {str(t) for t in FOLDED} | {str(XSD.integer)}


def _folded(store: ox.Store, folded: list[CompiledConstraint], triples: Iterable[ox.Triple]) -> list[Violation]:
    """Values whose integer datatype the store folded away, checked on the original triples."""
    by_path: dict[str, list[CompiledConstraint]] = {}
    for c in folded:
        by_path.setdefault(c.path, []).append(c)
    suspects: dict[CompiledConstraint, list[tuple[ox.Term, ox.Literal]]] = {}
    for t in triples:
        cs = by_path.get(t.predicate.value)
        if cs and isinstance(t.object, ox.Literal) and t.object.datatype.value in _INTEGERS:
            for c in cs:
                if t.object.datatype.value != c.folded_datatype:
                    suspects.setdefault(c, []).append((t.subject, t.object))
    found = []
    for c, pairs in suspects.items():
        nodes = " ".join(sorted({str(s) for s, _ in pairs}))
        focus = {row["focus"] for row in store.query(_select(c.focus, f"VALUES ?focus {{ {nodes} }}", "?focus"))}
        found += [Violation(c.shape, s.value, c.path, o.value, c.message, "Violation") for s, o in pairs if s in focus]
    return found


def validate_store(store: ox.Store, compiled: list[CompiledConstraint] | None = None,
                   triples: Iterable[ox.Triple] | None = None) -> list[Violation]:
    """Every violation of the shapes in the store's default graph, sorted like ``graph.validate.validate``.

    Pass the ``triples`` the store was loaded from to also catch a literal typed with the wrong
    integer datatype (``"5"^^xsd:integer`` where the shape wants ``xsd:nonNegativeInteger``): the
    store keeps both as ``xsd:integer``, so without them only the value's range is checked.
    """
    found = []
    compiled = compiled if compiled is not None else compile_shapes()
    for c in compiled:
        if not c.together:
            found += _run(store, c)
    for query, group in _together(c for c in compiled if c.together):
        found += [Violation(c.shape, row["focus"].value, c.path, "", c.message, "Violation")
                  for row in store.query(query) for c in (group[int(row["k"].value)],)]
    folded = [c for c in compiled if c.folded_datatype]
    if folded and triples is not None:
        found += _folded(store, folded, triples)
    return sorted(found, key=lambda v: (v.focus, v.shape, v.path, v.value))

"""SHACL validation of built triples: one facade, :func:`validate`, over two engines.

"pyshacl" is pySHACL itself, the reference; "sparql" is the shapes compiled to SPARQL on
Oxigraph (graph.shacl_sparql), tested to report the same violations and 10-20x faster.  The
pipeline validates per document (its triples plus the vocabulary they point to), so the cost
grows with the largest document rather than with the whole corpus.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Iterable

import pyoxigraph as ox
from rdflib import Graph
from rdflib.namespace import SH

from recgraph.model import Violation
from recgraph.shacl_sparql import compile_graph, compile_shapes, find_lines, validate_store
from recgraph.vocab import ontology_path

ENGINES = ("sparql", "pyshacl")
NT = ox.RdfFormat.N_TRIPLES


@cache
def shapes_graph() -> Graph:
    return Graph().parse(ontology_path("shapes.ttl"), format="turtle")


def to_rdflib(triples: list[ox.Triple]) -> Graph:
    """An rdflib Graph holding the same triples (via N-Triples, which both sides read fast)."""
    return Graph().parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")


def validate(data: Graph | bytes | Iterable[ox.Triple], engine: str = "pyshacl",
             shapes: Graph | None = None, oxigraph_written: bool = False) -> list[Violation]:
    """Every violation of ``ontology/shapes.ttl`` (or the ``shapes`` graph) in ``data`` (an rdflib
    Graph, N-Triples bytes or triples), sorted; empty when it conforms.  ``engine``: one of :data:`ENGINES`.

    ``oxigraph_written``: the bytes are Oxigraph's own N-Triples (``pyoxigraph.serialize``, as the
    pipeline writes every document), whose terms were checked when they were made, so the "sparql"
    engine reads them without checking each IRI and language tag again (a third of its loading)."""
    if engine not in ENGINES:
        raise ValueError(f"unknown validator {engine!r}; choose one of {', '.join(ENGINES)}")
    if engine == "sparql":
        if isinstance(data, bytes):
            return _sparql(data, shapes, lenient=oxigraph_written)
        return _sparql(_ntriples(data), shapes, lenient=not isinstance(data, Graph))
    if not isinstance(data, Graph):
        data = Graph().parse(data=data if isinstance(data, bytes) else _ntriples(data), format="nt")
    return _pyshacl(data, shapes)


def _ntriples(data) -> bytes:
    if isinstance(data, Graph):
        return data.serialize(format="nt", encoding="utf-8")
    return ox.serialize(list(data), format=NT)


@cache
def _folded_predicates() -> dict[bytes, bytes]:
    """Each integer-typed path (N-Triples form) -> how a line holding a value typed as every shape
    on the path wants it ends (``b""`` when the shapes want different types)."""
    wanted: dict[bytes, set[str]] = {}
    for c in compile_shapes():
        if c.folded_datatype:
            wanted.setdefault(f"<{c.path}>".encode(), set()).add(c.folded_datatype)
    return {p: f'"^^<{types.pop()}> .\n'.encode() if len(types) == 1 else b"" for p, types in wanted.items()}


def _suspect(line: bytes) -> bool:
    """A line of an integer-typed path whose value may be typed otherwise than its shapes want: the
    only ones :func:`graph.shacl_sparql.validate_store` checks beyond the store (where a document's
    ~1,400 offsets, all typed as wanted, were parsed and checked one by one: ~2 ms a document)."""
    ending = _folded_predicates().get(line.split(b" ", 2)[1])
    return ending is not None and not (ending and line.endswith(ending))


def _sparql(nt: bytes, shapes: Graph | None = None, lenient: bool = False) -> list[Violation]:
    store = ox.Store()
    store.load(nt, format=NT, lenient=lenient)  # one transaction: ~10% less CPU than bulk_load for a document
    # besides the store, only the triples of integer-typed paths typed otherwise are needed (see validate_store)
    lines = find_lines(nt, (b" %s " % p for p in sorted(_folded_predicates())), _suspect)
    found = validate_store(store, None if shapes is None else compile_graph(shapes),
                           triples=(q.triple for q in ox.parse(lines, format=NT, lenient=lenient)))
    return sorted(found, key=lambda v: (v.focus, v.shape, v.path, v.value))


@lru_cache(maxsize=512)
def _prepared(query: str):
    from rdflib.plugins.sparql import prepareQuery  # imported when pySHACL runs only (~0.15 s)

    return prepareQuery(query)


class _ParsedOnce(Graph):
    """A view of a graph that parses each distinct SPARQL string once: pySHACL sends a SPARQL-based
    constraint's query once per focus node, and rdflib takes ~0.1 s to parse one."""

    def query(self, query_object, *args, **kwargs):
        if isinstance(query_object, str):
            query_object = _prepared(query_object)
        return super().query(query_object, *args, **kwargs)


def _pyshacl(data: Graph, shapes: Graph | None = None) -> list[Violation]:
    from pyshacl import validate as shacl_validate  # imported when it runs only (with rdflib's SPARQL: ~0.15 s)

    # inplace: pySHACL then queries our view instead of a copy (it adds nothing without inference)
    data = _ParsedOnce(store=data.store, identifier=data.identifier)
    conforms, results, _ = shacl_validate(data, shacl_graph=shapes or shapes_graph(), inference="none",
                                          inplace=True, advanced=True, allow_warnings=True)
    if conforms:
        return []
    found = []
    for result in results.subjects(SH.resultSeverity, None):
        def one(p):
            v = results.value(result, p)
            return "" if v is None else str(v)
        found.append(Violation(shape=one(SH.sourceShape), focus=one(SH.focusNode), path=one(SH.resultPath),
                               value=one(SH.value), message=one(SH.resultMessage),
                               severity=one(SH.resultSeverity).rsplit("#", 1)[-1]))
    return sorted(found, key=lambda v: (v.focus, v.shape, v.path, v.value))


"""SHACL validation of built triples with pySHACL, reporting which shape fired on what.

Validation runs per document (its triples plus the vocabulary they point to), so its cost grows
with the largest document rather than with the whole corpus.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

import pyoxigraph as ox
from pyshacl import validate as shacl_validate
from rdflib import Graph
from rdflib.namespace import SH
from rdflib.plugins.sparql import prepareQuery

from recgraph.vocab import ontology_path


@dataclass(frozen=True)
class Violation:
    """One SHACL result: the shape that fired, the node it fired on, and its message."""

    shape: str
    focus: str
    path: str
    value: str
    message: str
    severity: str

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        value = f" (value {self.value})" if self.value else ""
        return f"{self.severity}: {self.focus}{where}{value}: {self.message} [{self.shape}]"


@cache
def shapes_graph() -> Graph:
    return Graph().parse(ontology_path("shapes.ttl"), format="turtle")


def to_rdflib(triples: list[ox.Triple]) -> Graph:
    """An rdflib Graph holding the same triples (via N-Triples, which both sides read fast)."""
    return Graph().parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")


@lru_cache(maxsize=512)
def _prepared(query: str):
    return prepareQuery(query)


class _ParsedOnce(Graph):
    """A view of a graph that parses each distinct SPARQL string once: pySHACL sends a SPARQL-based
    constraint's query once per focus node, and rdflib takes ~0.1 s to parse one."""

    def query(self, query_object, *args, **kwargs):
        if isinstance(query_object, str):
            query_object = _prepared(query_object)
        return super().query(query_object, *args, **kwargs)


def validate(data: Graph, shapes: Graph | None = None) -> list[Violation]:
    """Every violation of ``ontology/shapes.ttl`` (or ``shapes``) in ``data`` (empty when it conforms)."""
    data = _ParsedOnce(store=data.store, identifier=data.identifier)
    conforms, results, _ = shacl_validate(data, shacl_graph=shapes or shapes_graph(), inference="none", inplace=True,
                                          advanced=True, allow_warnings=True)
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


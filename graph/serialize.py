"""Serialise triples deterministically: sorted N-Triples and grouped Turtle (compact JSON-LD: graph.jsonld).

Sorting the triples before handing them to Oxigraph's writers makes every build of the same
input byte-identical, so a diff of ``graph.ttl`` shows exactly what changed.
"""

from __future__ import annotations

from typing import Iterable

import pyoxigraph as ox
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD

from recgraph.namespace import KIND, OA, QB, RG, THEME

PREFIXES = {
    "rg": str(RG._NS), "theme": str(THEME), "kind": str(KIND), "rdf": str(RDF), "rdfs": str(RDFS), "owl": str(OWL),
    "xsd": str(XSD), "skos": str(SKOS), "dcterms": str(DCTERMS), "prov": str(PROV), "org": str(ORG), "oa": str(OA),
    "qb": str(QB),
}
"""The prefixes every graph file is written with, from the project's and rdflib's namespaces."""
_TYPE = str(RDF.type)
_TYPE_NT = f"<{_TYPE}>".encode()


def _key(t: ox.Triple) -> tuple:
    p = t.predicate.value
    return (t.subject.value, p != _TYPE, p, str(t.object))


def line_key(line: bytes) -> tuple:
    """:func:`canonical`'s order for one N-Triples line (sorted runs merge into the same file)."""
    s, p, o = line.split(b" ", 2)
    return s[1:-1], p != _TYPE_NT, p[1:-1], o[:-3]


def canonical(triples: Iterable[ox.Triple]) -> list[ox.Triple]:
    """Distinct triples in a fixed order: by subject, rdf:type first, then predicate and object."""
    return sorted(set(triples), key=_key)


def to_store(triples: Iterable[ox.Triple]) -> ox.Store:
    """An in-memory Oxigraph store holding the triples (default graph), for fast SPARQL."""
    store = ox.Store()
    store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    return store

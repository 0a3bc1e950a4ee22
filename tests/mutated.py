"""A mutation of the seed as an rdflib Graph without parsing the whole seed again per case.

The mutation suites (tests/test_shapes.py, tests/test_shacl_sparql.py) hand pySHACL each broken
copy of the seed as an rdflib Graph; parsing ~22,000 triples again took a third of a case.  One
Graph of the seed is parsed per module and edited in place for each case, then put back.
"""

from __future__ import annotations

from contextlib import contextmanager

import pyoxigraph as ox
from rdflib import Graph

from recgraph.validate import to_rdflib


@contextmanager
def as_rdflib(graph: Graph, seed: list[ox.Triple], triples: list[ox.Triple]):
    """``graph`` (``to_rdflib(seed)``) holding exactly what ``to_rdflib(triples)`` would for the
    block: the seed triples missing from ``triples`` removed, the new ones added (both read by the
    same N-Triples parser as the seed), undone afterwards whatever happens."""
    kept, wanted = set(seed), set(triples)
    removed = to_rdflib([t for t in seed if t not in wanted])
    added = to_rdflib([t for t in wanted if t not in kept])
    for t in removed:
        graph.remove(t)
    for t in added:
        graph.add(t)
    try:
        assert len(graph) == len(wanted), "the edited graph is not the broken triples"
        yield graph
    finally:
        for t in added:
            graph.remove(t)
        for t in removed:
            graph.add(t)
        assert len(graph) == len(kept), "the seed graph was not put back"

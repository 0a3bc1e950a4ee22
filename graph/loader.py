"""The one loader of graph files: a built graph (Turtle, N-Triples, JSON-LD ...) into a store.

Every command that reads a graph file (``viz``, ``query``, the views) comes through here, so a
missing, unreadable or garbled file gets the same plain message naming it and what to do.
"""

from __future__ import annotations

import os
from pathlib import Path

import pyoxigraph as ox

from recgraph.model import InputError, Problem

FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".jsonld": ox.RdfFormat.JSON_LD,
}


def graph_format(path: str | os.PathLike[str]) -> ox.RdfFormat:
    """The RDF format of a graph file by its extension, once the file is known to be readable."""
    path = Path(path)
    if not path.exists():
        raise InputError([Problem(str(path), 0, "no such graph file; run `recgraph build` first, "
                                                "or name the graph file built (e.g. out/graph.ttl)")])
    if path.is_dir():
        raise InputError([Problem(str(path), 0, "is a folder; name the graph file in it (e.g. graph.ttl)")])
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError([Problem(str(path), 0, f"unknown RDF file extension (expected one of {sorted(FORMATS)})")])
    return fmt


def load_store(source: ox.Store | str | os.PathLike[str]) -> ox.Store:
    """``source`` if it is a store, else an in-memory store loaded from the graph file."""
    if isinstance(source, ox.Store):
        return source
    fmt = graph_format(source)
    store = ox.Store()
    try:
        store.bulk_load(path=str(source), format=fmt)
    except SyntaxError as e:
        line = getattr(e, "lineno", None) or 0
        raise InputError([Problem(str(source), line, f"not a valid {fmt.name} graph ({e}); rebuild it with "
                                                     "`recgraph build`")]) from None
    except OSError as e:
        raise InputError([Problem(str(source), 0, f"cannot read the graph file: {e.strerror or e}")]) from None
    return store

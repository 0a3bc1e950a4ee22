"""Oxigraph terms for hand-written triples in tests (mutations of the seed graph, small fixtures)."""

from __future__ import annotations

import pyoxigraph as ox

XSD = "http://www.w3.org/2001/XMLSchema#"


def iri(value: str) -> ox.NamedNode:
    return ox.NamedNode(value)


def literal(value: str, dt: str | None = None, lang: str | None = None) -> ox.Literal:
    """A plain, language-tagged or ``xsd:{dt}``-typed literal."""
    if lang:
        return ox.Literal(value, language=lang)
    return ox.Literal(value, datatype=iri(XSD + dt)) if dt else ox.Literal(value)

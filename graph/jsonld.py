"""Compact JSON-LD with the published context ``ontology/context.jsonld``, streamed subject by subject.

Oxigraph writes expanded JSON-LD (full IRIs everywhere). This writer gives the same graph in
compact form: terms for the rg: vocabulary (object properties coerced to ``@id``), prefixes for the
reused vocabularies, instance IRIs relative to the build's base IRI (``@base``), zh-Hant as the
default language (written ``zh-hant``, the case Oxigraph gives every tag). Lexical forms are
kept as they are (typed values stay ``{"@value", "@type"}``), so the result expands to exactly the
triples of ``graph.nt``. Input must be grouped by subject (the canonical order is).
"""

from __future__ import annotations

import json
from functools import cache
from itertools import groupby
from operator import attrgetter
from pathlib import Path
from typing import Iterable, Iterator

import pyoxigraph as ox
from rdflib import Graph
from rdflib.namespace import OWL, RDF

from recgraph.serialize import PREFIXES
from recgraph.vocab import ontology_path

RDF_TYPE = str(RDF.type)
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
LANGUAGE = "zh-hant"
CONTEXT_FILE = "context.jsonld"


def build_context() -> dict:
    """The context from ``serialize.PREFIXES`` and the terms of ``ontology/core.ttl`` (what the
    published file must say; a test keeps them in sync)."""
    g = Graph().parse(ontology_path("core.ttl"))
    ns = PREFIXES["rg"]
    terms: dict = {"@language": LANGUAGE, **dict(sorted(PREFIXES.items()))}
    for s in sorted({s for s in g.subjects() if str(s).startswith(ns) and len(str(s)) > len(ns)}):
        name = str(s)[len(ns):]
        if name in PREFIXES:  # a prefix keeps its name (rg:kind is written as such)
            continue
        terms[name] = {"@id": f"rg:{name}", "@type": "@id"} if (s, RDF.type, OWL.ObjectProperty) in g else f"rg:{name}"
    return {"@context": terms}


@cache
def context() -> dict:
    """The published context, as shipped in ``ontology/context.jsonld``."""
    return json.loads(Path(ontology_path(CONTEXT_FILE)).read_text(encoding="utf-8"))


@cache
def _tables() -> tuple[dict, dict, list]:
    """(IRI -> term, IRI -> coerced to @id, prefixes longest namespace first)."""
    terms, coerced, prefixes = {}, {}, []
    defs = context()["@context"]
    for name, d in defs.items():
        if name.startswith("@"):
            continue
        if isinstance(d, str) and d.endswith(("#", "/")):
            prefixes.append((d, name))
            continue
        iri = d if isinstance(d, str) else d["@id"]
        prefix, local = iri.split(":", 1)
        full = defs[prefix] + local
        terms[full] = name
        coerced[full] = isinstance(d, dict) and d.get("@type") == "@id"
    return terms, coerced, sorted(prefixes, key=lambda p: -len(p[0]))


@cache
def _compact(iri: str) -> str:
    for ns, name in _tables()[2]:
        local = iri[len(ns):]
        if iri.startswith(ns) and local and not local.startswith("//"):
            return f"{name}:{local}"
    return iri


def _relative(iri: str, base: str) -> str:
    """``iri`` relative to ``base`` when that reads back unchanged, else compacted with a prefix."""
    if iri.startswith(base):
        rest = iri[len(base):]
        if rest and rest[0] not in "/?#" and ":" not in rest.split("/", 1)[0] and \
                "/." not in "/" + rest:  # no dot segments
            return rest
    return _compact(iri)


def _node_id(term, base: str) -> str:
    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else _relative(term.value, base)


def _value(o, coerced: bool, base: str):
    if not isinstance(o, ox.Literal):
        ref = _node_id(o, base)
        return ref if coerced else {"@id": ref}
    if o.language:
        return o.value if o.language.lower() == LANGUAGE and not coerced else {"@value": o.value, "@language": o.language}
    if o.datatype.value == XSD_STRING:
        return {"@value": o.value}
    return {"@value": o.value, "@type": _compact(o.datatype.value)}


def _node(subject, triples: list, base: str) -> dict:
    terms, coerced, _ = _tables()
    node: dict = {"@id": _node_id(subject, base)}
    for p, group in groupby(triples, key=lambda t: t.predicate.value):
        objects = [t.object for t in group]
        if p == RDF_TYPE and all(isinstance(o, ox.NamedNode) for o in objects):
            types = [terms.get(o.value) or _compact(o.value) for o in objects]
            node["@type"] = types[0] if len(types) == 1 else types
            continue
        key = terms.get(p) or _compact(p)
        values = [_value(o, coerced.get(p, False), base) for o in objects]
        node[key] = values[0] if len(values) == 1 else values
    return node


def generate(triples: Iterable[ox.Triple], base: str) -> Iterator[str]:
    """The JSON-LD document in pieces: the context (with ``@base``), then one node object per subject.

    One pass, one subject group at a time (linear, memory bounded by the largest node); what is
    looked up per predicate, class and datatype is looked up once per document."""
    terms, coerced_by_iri, _ = _tables()
    head = {"@context": [context()["@context"], {"@base": base}]}
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "@graph": [\n'
    encode = json.JSONEncoder(ensure_ascii=False).encode
    predicates: dict[str, tuple[str, bool]] = {}   # IRI -> (key, coerced to @id)
    names: dict[str, str] = {}                      # class or datatype IRI -> term or compact IRI
    literal, blank, named = ox.Literal, ox.BlankNode, ox.NamedNode

    def ref(term) -> str:
        return f"_:{term.value}" if type(term) is blank else _relative(term.value, base)

    def value(o, coerced: bool):
        if type(o) is not literal:
            r = ref(o)
            return r if coerced else {"@id": r}
        language = o.language
        if language:
            return o.value if not coerced and language.lower() == LANGUAGE else {"@value": o.value, "@language": language}
        dt = o.datatype.value
        if dt == XSD_STRING:
            return {"@value": o.value}
        name = names.get(dt) or names.setdefault(dt, _compact(dt))
        return {"@value": o.value, "@type": name}

    separator = ""
    for subject, group in groupby(triples, key=attrgetter("subject")):
        node: dict = {"@id": ref(subject)}
        for p, same in groupby(group, key=_predicate):
            objects = [t.object for t in same]
            if p == RDF_TYPE and all(type(o) is named for o in objects):
                types = [names.get(o.value) or names.setdefault(o.value, terms.get(o.value) or _compact(o.value))
                         for o in objects]
                node["@type"] = types[0] if len(types) == 1 else types
                continue
            info = predicates.get(p)
            if info is None:
                info = predicates[p] = (terms.get(p) or _compact(p), coerced_by_iri.get(p, False))
            key, coerced = info
            node[key] = value(objects[0], coerced) if len(objects) == 1 else [value(o, coerced) for o in objects]
        yield separator + encode(node)
        separator = ",\n"
    yield "\n]}\n"


def _predicate(t: ox.Triple) -> str:
    return t.predicate.value


def to_jsonld(triples: Iterable[ox.Triple], base: str) -> bytes:
    return "".join(generate(triples, base)).encode("utf-8")


def write_jsonld(triples: Iterable[ox.Triple], path: str | Path, base: str) -> None:
    """Write :func:`generate` to ``path`` (UTF-8), never holding the whole document (``triples`` may
    be quads of the default graph: only their subject, predicate and object are read)."""
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.writelines(generate(triples, base))

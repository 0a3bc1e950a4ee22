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
from pathlib import Path
from typing import Iterable, Iterator

import pyoxigraph as ox
from rdflib import Graph
from rdflib.namespace import OWL, RDF

from recgraph.ntriples import unescape
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


def generate(triples: Iterable[ox.Triple], base: str) -> Iterator[str]:
    """The JSON-LD document of ``triples`` (or quads of the default graph) in pieces, through
    their N-Triples lines (:func:`generate_lines`)."""
    triples = (getattr(t, "triple", t) for t in triples)
    return generate_lines(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).splitlines(keepends=True), base)


_TYPE_NT = b"<" + RDF_TYPE.encode() + b">"


def generate_lines(lines: Iterable[bytes], base: str) -> Iterator[str]:
    """The JSON-LD document in pieces: the context (with ``@base``), then one node object per subject.

    ``lines`` are N-Triples lines as Oxigraph writes them (a build's ``graph.nt``), each subject's
    together: read as bytes, each term decoded as pyoxigraph's ``.value`` gives it (graph.ntriples),
    with no term objects parsed (at 10x that was half the writer's CPU).  One pass, one subject
    group at a time (linear, memory bounded by the largest node); what is looked up per predicate,
    class and datatype is looked up once per document."""
    terms, coerced_by_iri, _ = _tables()
    head = {"@context": [context()["@context"], {"@base": base}]}
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "@graph": [\n'
    encode = json.JSONEncoder(ensure_ascii=False).encode
    predicates: dict[bytes, tuple[str, bool]] = {}  # N-Triples IRI -> (key, coerced to @id)
    names: dict[bytes, str] = {}                     # class or datatype IRI -> term or compact IRI

    def ref(term: bytes) -> str:
        if term[:1] == b"<":
            return _relative(unescape(term[1:-1].decode("utf-8")), base)
        return term.decode("utf-8")  # a blank node, _:id as written

    def value(o: bytes, coerced: bool):
        if o[:1] != b'"':
            r = ref(o)
            return r if coerced else {"@id": r}
        end = o.rindex(b'"')
        text = o[1:end].decode("utf-8")
        if "\\" in text:
            text = unescape(text)
        suffix = o[end + 1:]
        if suffix[:1] == b"@":
            language = suffix[1:].decode("ascii")
            return text if not coerced and language.lower() == LANGUAGE else {"@value": text, "@language": language}
        if not suffix or suffix == _XSD_STRING_NT:
            return {"@value": text}
        dt = suffix[2:]
        name = names.get(dt) or names.setdefault(dt, _compact(dt[1:-1].decode("utf-8")))
        return {"@value": text, "@type": name}

    separator = ""
    node: dict | None = None
    last_s = last_p = None
    objects: list[bytes] = []

    def close() -> None:  # the objects of the last predicate into node
        if last_p == _TYPE_NT and all(o[:1] == b"<" for o in objects):
            types = [names.get(o) or names.setdefault(o, terms.get(i := unescape(o[1:-1].decode("utf-8"))) or _compact(i))
                     for o in objects]
            node["@type"] = types[0] if len(types) == 1 else types
            return
        info = predicates.get(last_p)
        if info is None:
            p = last_p[1:-1].decode("utf-8")
            info = predicates[last_p] = (terms.get(p) or _compact(p), coerced_by_iri.get(p, False))
        key, coerced = info
        node[key] = value(objects[0], coerced) if len(objects) == 1 else [value(o, coerced) for o in objects]

    for line in lines:
        s, p, o = line.split(b" ", 2)
        o = o[:o.rindex(b" .")]
        if s != last_s:
            if node is not None:
                close()
                yield separator + encode(node)
                separator = ",\n"
            node, last_s, last_p, objects = {"@id": ref(s)}, s, p, [o]
        elif p != last_p:
            close()
            last_p, objects = p, [o]
        else:
            objects.append(o)
    if node is not None:
        close()
        yield separator + encode(node)
    yield "\n]}\n"


_XSD_STRING_NT = b"^^<" + XSD_STRING.encode() + b">"


def to_jsonld(triples: Iterable[ox.Triple], base: str) -> bytes:
    return "".join(generate(triples, base)).encode("utf-8")


def write_jsonld(nt: str | Path, path: str | Path, base: str) -> None:
    """Write :func:`generate_lines` of the N-Triples file ``nt`` (a build's ``graph.nt``) to ``path``
    (UTF-8), never holding the whole document."""
    with open(nt, "rb", buffering=1 << 20) as lines, open(path, "w", encoding="utf-8", newline="\n") as out:
        out.writelines(generate_lines(lines, base))

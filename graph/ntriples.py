"""A build's canonical ``graph.nt`` read line by line into plain values, grouped by subject.

Parsing every triple into Oxigraph term objects costs ~2.5 us of Python a triple (45 s for the
17 M triples of 1000x); a reader that wants a few predicates splits each line as bytes, skips
the lines it does not want and decodes only the terms it keeps.  The file is the one
graph.pipeline merges: one triple a line, ``S P O .``, each subject's lines together in
canonical order (graph.serialize), terms written as Oxigraph writes N-Triples.
"""

from __future__ import annotations

import os
import re
from sys import intern
from pathlib import Path
from typing import Iterator

_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))", re.S)
_ECHAR = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def unescape(text: str) -> str:
    r"""The N-Triples escapes (ECHAR and UCHAR) of a literal or IRI resolved.

    >>> unescape(r'a\"b\\c\nd\u0001\U0001F600')
    'a"b\\c\nd\x01😀'
    """
    if "\\" not in text:
        return text
    return _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)) if m.group(3) is None
                       else _ECHAR[m.group(3)], text)


def term(raw: bytes) -> tuple[str, bool]:
    """One N-Triples term as ``(value, is_literal)``: an IRI without its brackets, a blank node
    without ``_:``, a literal's lexical form (language tag and datatype dropped), as
    pyoxigraph's ``.value`` gives them.

    >>> term(b'"x \\\\"y\\\\""@zh-hant'), term(b'<http://a/b>'), term(b'"5"^^<http://www.w3.org/2001/XMLSchema#integer>')
    (('x "y"', True), ('http://a/b', False), ('5', True))
    """
    first = raw[:1]
    if first == b"<":
        return unescape(raw[1:-1].decode("utf-8")), False
    if first == b'"':
        return unescape(raw[1:raw.rindex(b'"')].decode("utf-8")), True
    if raw[:2] == b"_:":
        return raw[2:].decode("utf-8"), False
    raise ValueError(f"not an N-Triples term: {raw[:80]!r}")


class NotCanonical(ValueError):
    """The file's subjects are not in canonical order: a subject's lines are not all together."""


def split_points(path: str | Path, parts: int, weights: list[float] | None = None) -> list[tuple[int, bytes]]:
    """Where to cut the canonical N-Triples file ``path`` into up to ``parts`` ranges of about equal
    size (or sizes in proportion to ``weights``), each starting at a subject's first line: ``(byte
    offset, that subject as written)`` of each cut, in file order (none for a file too small to
    cut).  Ranges read apart (:func:`subjects`' ``start`` and ``stop``) give together what the whole
    file gives."""
    size, points = os.path.getsize(path), []
    weights = weights or [1.0] * parts
    ends = [sum(weights[:i]) / sum(weights) for i in range(1, parts)]
    with open(path, "rb") as f:
        for end in ends:
            f.seek(max(int(size * end) - 1, points[-1][0] if points else 0))
            f.readline()  # the rest of the line the offset fell in
            first = f.readline().split(b" ", 1)[0]
            while first:
                offset, line = f.tell(), f.readline()
                s = line.split(b" ", 1)[0]
                if s != first:
                    if line:
                        points.append((offset, s))
                    break
    return points


def subjects(path: str | Path, predicates: dict[str, str], literals=frozenset(), start: int = 0,
             stop: bytes | None = None) -> Iterator[tuple[str, dict[str, list[str]]]]:
    """Each subject of the canonical N-Triples file ``path`` with the values (as :func:`term`
    gives them) of its objects of ``predicates``, keyed by the name ``predicates`` gives each
    predicate IRI: ``(subject, {name: [value, ...]})``, values in file order; subjects without
    any are skipped.  Of a predicate in ``literals``, only literal objects of IRIs are kept.  Raises
    :class:`NotCanonical` when a subject comes back after another (the grouping would be wrong).
    From byte ``start`` (a subject's first line) up to the subject ``stop`` (as written, excluded),
    or the end: one range of :func:`split_points`.

    Subjects and IRI or blank node objects are interned: a node named as a subject and as others'
    object is then one string, not one per mention (at 1000x each selector, target and sentence IRI
    was held two to a dozen times over by graph.site_data's joins)."""
    wanted = {b"<" + p.encode("utf-8") + b">": (name, p in literals) for p, name in predicates.items()}
    last = b""
    props: dict[str, list] = {}
    with open(path, "rb", buffering=1 << 20) as f:
        f.seek(start)
        for line in f:
            s, p, o = line.split(b" ", 2)
            if s != last:
                if props:
                    yield intern(term(last)[0]), props
                    props = {}
                if s[1:-1] < last[1:-1]:  # the order of serialize.line_key
                    raise NotCanonical(f"{path}: {s[:80]!r} after {last[:80]!r}: not in canonical order")
                if s == stop:
                    break
                last = s
            found = wanted.get(p)
            if found is None:
                continue
            name, literal_only = found
            if literal_only and s[:1] != b"<":
                continue
            o = o[:o.rindex(b" .")]
            first = o[:1]
            if first == b'"':
                value = o[1:o.rindex(b'"')].decode("utf-8")
                if "\\" in value:
                    value = unescape(value)
            elif literal_only:
                continue
            elif first == b"<":
                value = intern(unescape(o[1:-1].decode("utf-8")))
            else:
                value = intern(term(o)[0])
            props.setdefault(name, []).append(value)
    if props:
        yield intern(term(last)[0]), props

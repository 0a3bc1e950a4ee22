"""Rule terms at the start or end of a clause: which word of a term list a clause opens or closes with.

Shared by the item cutter (graph/recommendation_items.py) and the duty reader
(graph/recommendation_duties.py); the term lists are data (graph/recommendation_rules.py).

>>> starts_with("並請定期檢討", ("並請", "並應"))
'並請'
"""

from __future__ import annotations

import re

from recgraph.memo import by_identity
from recgraph.recommendation_rules import PUNCT, Term

_ORDINAL = re.compile(r"第[一二三四五六七八九十]+")
"""An ordinal (第一, 第二): an enumerator only when punctuation follows it, not in 第二期工程 or 第三方."""


_FIRST_CHARACTERS: dict = {}


def _by_first_character(terms) -> dict[str, tuple] | None:
    """``terms`` (strings or :class:`Term`) by the first character of their word, order kept; None when
    a word is empty (it starts every body)."""
    out: dict[str, list] = {}
    for term in terms:
        word = term.text if isinstance(term, Term) else term
        if not word:
            return None
        out.setdefault(word[0], []).append(term)
    return {c: tuple(ts) for c, ts in out.items()}


def starts_with(body: str, terms) -> str:
    """The word of the first of ``terms`` that ``body`` starts with (outside its excluded words; an
    ordinal only before punctuation), or ""; only the terms of the body's first character are tried."""
    buckets = by_identity(_FIRST_CHARACTERS, terms, _by_first_character)
    for term in terms if buckets is None else buckets.get(body[:1], ()):
        word = term.text if isinstance(term, Term) else term
        if body.startswith(word):
            if isinstance(term, Term) and any(body.startswith(x) for x in term.excluded):
                continue
            if _ORDINAL.fullmatch(word) and len(body) > len(word) and body[len(word)] not in PUNCT:
                continue
            return word
    return ""


def ends_with(body: str, terms: tuple[Term, ...]) -> bool:
    """Whether ``body`` ends with the word of one of ``terms`` (outside its excluded words)."""
    for term in terms:
        if body.endswith(term.text) and not any(body.endswith(x) for x in term.excluded):
            return True
    return False

"""Work derived once from a rule table that is loaded once: kept by the table's identity.

Rule tables (tuples of rules, :class:`recgraph.recommendation_rules.KindRules`) are immutable but
costly to hash on every call; :func:`by_identity` keys the derived value by ``id(table)`` and keeps the
table alive beside it, so that the id cannot be reused by another object while it is cached.

>>> cache = {}
>>> table = ("建議", "宜")
>>> by_identity(cache, table, len), by_identity(cache, table, lambda t: 0)
(2, 2)
"""

from __future__ import annotations

from typing import Callable, TypeVar

T = TypeVar("T")
_MAX = 64
"""Tables kept per cache: a few are in use at a time (the shipped ones, a test's own)."""


def by_identity(cache: dict, table, build: Callable[..., T]) -> T:
    """``build(table)``, computed once per table object and kept in ``cache``."""
    hit = cache.get(id(table))
    if hit is not None and hit[0] is table:
        return hit[1]
    if len(cache) >= _MAX:
        cache.clear()
    value = build(table)
    cache[id(table)] = (table, value)
    return value

"""The theme hierarchy walked upwards: the one helper behind ``themes.ancestors`` and ``views.with_broader``.

>>> broader_closure("t/agentic-ai", {"t/agentic-ai": ["t/ai"], "t/ai": ["t/tech"]})
('t/ai', 't/tech')
"""

from __future__ import annotations

from typing import Iterable, Mapping


def broader_closure(node: str, broader: Mapping[str, Iterable[str]]) -> tuple[str, ...]:
    """Every broader concept of ``node``, transitively (cycles are safe), nearest first then sorted."""
    seen: list[str] = []
    frontier = [node]
    while frontier:
        nxt = sorted({b for t in frontier for b in broader.get(t, ())} - set(seen) - {node})
        seen.extend(nxt)
        frontier = nxt
    return tuple(seen)

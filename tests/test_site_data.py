"""The site's records: the evidence spans joined in Python are exactly what the SPARQL join gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from recgraph.loader import load_store
from recgraph.pipeline import build
from recgraph.site_data import PREFIXES, SPANS, _span_rows

DATA = Path(__file__).parent / "data"


def sparql_spans(store) -> list[tuple]:
    solutions = store.query(PREFIXES + SPANS)
    names = [v.value for v in solutions.variables]
    return sorted(tuple(None if s[n] is None else s[n].value for n in names) for s in solutions)


@pytest.mark.parametrize("which", ["seed", "hostile.ttl", "mini.ttl"])
def test_spans_joined_in_python_are_the_sparql_join(which, seed_path):
    store = build([seed_path]).to_store() if which == "seed" else load_store(DATA / which)
    expected = sparql_spans(store)
    assert _span_rows(store) == expected
    assert which != "seed" or len(expected) > 500

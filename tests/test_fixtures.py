"""The hand-made graph fixtures are graphs the build could have written: each passes the project's
own shapes (checked as the build checks a document: with the vocabulary, through graph/validate.py),
so a test on a fixture never leans on data the build would refuse.  A fixture that must break a
shape is named for it and listed in NOT_CONFORMING, and is checked to still break it."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from recgraph.build import vocabulary_triples
from recgraph.validate import validate

DATA = Path(__file__).parent / "data"
NOT_CONFORMING = {
    "hostile.ttl": "EvaluationShape",  # script in every label and IRI: its IRIs and identifiers are refused
}
FIXTURES = sorted(p.relative_to(DATA).as_posix() for p in DATA.rglob("*.ttl"))


def _violations(name: str) -> list:
    triples = [q.triple for q in ox.parse(path=str(DATA / name), format=ox.RdfFormat.TURTLE)]
    return validate(triples + vocabulary_triples(), engine="sparql")


@pytest.mark.parametrize("name", [f for f in FIXTURES if f not in NOT_CONFORMING])
def test_fixture_conforms_to_the_shapes(name):
    found = _violations(name)
    assert not found, f"{name}: {len(found)} violation(s) of ontology/shapes.ttl:\n" + "\n".join(
        f"  {v.shape.rsplit('#', 1)[-1]} {v.focus} {v.path} {v.value!r}" for v in found[:20])


@pytest.mark.parametrize("name", sorted(NOT_CONFORMING))
def test_a_fixture_named_for_its_violation_still_has_it(name):
    assert NOT_CONFORMING[name] in {v.shape.rsplit("#", 1)[-1] for v in _violations(name)}


def test_every_fixture_is_checked():
    assert {"mini.ttl", "sparql/fixture.ttl"} <= set(FIXTURES) and set(NOT_CONFORMING) <= set(FIXTURES)

"""The figures are a well-formed W3C Data Cube: IC-1..IC-21 (section 11) hold on the seed and on a
synthetic 10x corpus, with and without the normalisation algorithm (section 10), on both engines;
and each constraint the data could break is shown to fire."""

from __future__ import annotations

import sys

import pyoxigraph as ox
import pytest
from rdflib import Graph

from conftest import ROOT, SEED
from recgraph import datacube
from recgraph.serialize import to_store
from recgraph.validate import to_rdflib

QB = "http://purl.org/linked-data/cube#"
RG = "https://w3id.org/recgraph/ns#"
FIG = "https://w3id.org/recgraph/id/report/moda/2025/plan/04/fig/copy"


@pytest.fixture(scope="module")
def synthetic_10x(tmp_path_factory):
    """bench/generate.py --scale 10 (410 plan evaluations in 10 documents), built without validation."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import generate
    finally:
        sys.path.remove(str(ROOT / "bench"))
    from recgraph.pipeline import build
    folder = tmp_path_factory.mktemp("10x")
    for name, text in generate.generate(10).items():
        (folder / name).write_text(text, encoding="utf-8")
    return build(sorted(folder.glob("*.txt")), check=False).triples


def copy_of(triples) -> ox.Store:
    return to_store(triples)


@pytest.mark.parametrize("normalised", [False, True], ids=["as-published", "normalised"])
def test_seed_is_well_formed(seed_build, normalised):
    store = copy_of(seed_build.triples)
    if normalised:
        datacube.normalise(store)
    assert datacube.violated(store) == []
    assert len(list(store.query(f"SELECT ?o WHERE {{ ?o a <{QB}Observation> }}"))) > 50


@pytest.mark.parametrize("normalised", [False, True], ids=["as-published", "normalised"])
def test_synthetic_10x_is_well_formed(synthetic_10x, normalised):
    store = copy_of(synthetic_10x)
    if normalised:
        datacube.normalise(store)
    assert datacube.violated(store) == []
    datasets = {r["d"] for r in store.query(f"SELECT DISTINCT ?d WHERE {{ ?o <{QB}dataSet> ?d }}")}
    assert len(datasets) == 10


def test_rdflib_agrees_on_the_seed(seed_build):
    g = to_rdflib(seed_build.triples)
    assert [name for name, q in datacube.queries(ox.Store()).items() if g.query(q).askAnswer] == []


def test_normalisation_adds_nothing_to_the_figures(seed_build):
    """The graph is written already normalised: the algorithm infers no new triple."""
    store = copy_of(seed_build.triples)
    before = len(store)
    datacube.normalise(store)
    assert len(store) == before


def _with(triples, add=(), drop=()):
    store = copy_of(t for t in triples if t.predicate.value not in drop)
    for s, p, o in add:
        store.add(ox.Quad(ox.NamedNode(s), ox.NamedNode(p), o))
    return store


def _obs(store, iri: str) -> dict[str, ox.Term]:
    return {r["p"].value: r["o"] for r in store.query(f"SELECT ?p ?o WHERE {{ <{iri}> ?p ?o }}")}


def test_a_duplicate_observation_breaks_ic12_on_both_engines(seed_build):
    store = copy_of(seed_build.triples)
    first = min(r["o"].value for r in store.query(f"SELECT ?o WHERE {{ ?o <{QB}dataSet> ?d }}"))
    fig = _obs(store, first)
    for p in (QB + "dataSet", RG + "evaluation", RG + "metric", RG + "value", RG + "unit", RG + "role", RG + "evidence"):
        store.add(ox.Quad(ox.NamedNode(FIG), ox.NamedNode(p), fig[p]))
    assert datacube.violated(store) == ["IC-12 No duplicate observations"]
    g = Graph().parse(data=store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()), format="nt")
    assert g.query(datacube.PREFIXES + datacube.CONSTRAINTS["IC-12 No duplicate observations"]).askAnswer


@pytest.mark.parametrize("drop, fires", [
    (RG + "metric", "IC-11 All dimensions required"),
    (RG + "unit", "IC-13 Required attributes"),
    (RG + "value", "IC-14 All measures present"),
    (QB + "dataSet", "IC-1 Unique DataSet"),
    (QB + "structure", "IC-2 Unique DSD"),
])
def test_each_missing_component_is_caught(seed_build, drop, fires):
    assert fires in datacube.violated(_with(seed_build.triples, drop={drop}))


def test_without_explicit_typing_ic3_and_ic4_fail_until_normalised(seed_build):
    """What the reviewer found: without qb:componentProperty and explicit typing IC-3 fails; a
    dimension without rdfs:range fails IC-4."""
    untyped = {QB + "componentProperty"}
    store = _with([t for t in seed_build.triples
                   if not (t.predicate.value.endswith("#type") and t.object.value.startswith(QB)
                           and t.object.value.endswith(("DimensionProperty", "MeasureProperty", "AttributeProperty")))],
                  drop=untyped)
    assert "IC-3 DSD includes measure" in datacube.violated(store)
    datacube.normalise(store)
    assert datacube.violated(store) == []
    no_range = _with([t for t in seed_build.triples
                      if not (t.subject.value == RG + "metric" and t.predicate.value.endswith("rdf-schema#range"))])
    assert datacube.violated(no_range) == ["IC-4 Dimensions have range"]



def test_two_numbers_of_one_metric_and_role_in_one_opinion_are_two_observations(tmp_path):
    # the evidence is a dimension: without it the second 辦理說明會 would duplicate the first (IC-12)
    from recgraph.pipeline import build

    lines = SEED.read_text(encoding="utf-8").split("\n")
    first = next(i for i, line in enumerate(lines) if line.startswith("1\t"))
    head, _, tail = lines[first].rpartition("</p>")
    lines[first] = head + "辦理說明會3場，另辦理說明會5場。</p>" + tail
    doc = tmp_path / "two.txt"
    doc.write_text("\n".join(lines), encoding="utf-8")
    store = copy_of(build([doc]).triples)
    rows = store.query(f"""SELECT ?v WHERE {{ ?f <{RG}metric> ?m ; <{RG}value> ?v ; <{RG}role> "result" .
                           FILTER(STR(?m) = "辦理說明會") }} ORDER BY ?v""")
    assert [r["v"].value for r in rows] == ["3", "5"]
    assert datacube.violated(store) == []

"""Views read from RDF: facts and graphs on the hand-made fixture and on the real seed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from recgraph import views as V
from recgraph.overview import Overview
from recgraph.model import InputError

MINI = Path(__file__).parent / "data" / "mini.ttl"
T = "https://w3id.org/recgraph/theme/"
P = "https://w3id.org/recgraph/id/plan/moda/"
AG = "https://w3id.org/recgraph/id/agency/"


@pytest.fixture(scope="module")
def t():
    return V.read_facts(V.load_store(MINI))


def test_load_store_rejects_unknown_extensions(tmp_path):
    (tmp_path / "graph.xyz").write_text("", encoding="utf-8")
    with pytest.raises(InputError, match="unknown RDF file extension"):
        V.load_store(tmp_path / "graph.xyz")


def test_facts_hold_plans_with_their_lead_agency_and_control_level(t):
    assert len(t.plans) == 4 and len(t.evaluations) == 4
    assert t.plans[P + "資安防護計畫"]["agencies"] == [AG + "moda-acs"]
    assert t.plans[P + "5G專網推動計畫"]["control_levels"] == [
        "https://w3id.org/recgraph/control-level/executive-yuan"]
    assert t.label(AG + "moda-adi", "en") == "Administration for Digital Industries"
    assert t.label(P + "數位人才計畫", "zh") == "數位人才計畫"
    assert t.evaluations["https://w3id.org/recgraph/id/report/moda/2025/plan/01"]["involved"] == [AG + "moda-acs"]


def test_plan_theme_graph_counts_narrower_themes_for_their_broader_theme(t):
    g = V.plan_theme_graph(t)
    assert sorted(g[P + "AI人才培育計畫"]) == [T + "agentic-ai", T + "ai", T + "talent"]
    assert g[P + "AI人才培育計畫"][T + "ai"]["direct"] is False
    assert g[P + "AI人才培育計畫"][T + "talent"]["weight"] == 2  # two talent mentions
    assert g[P + "AI人才培育計畫"][T + "talent"]["quotes"] == ["人才", "培訓"]
    assert g[P + "5G專網推動計畫"][T + "ai"]["direct"] is True
    assert T + "drones" not in g  # a theme nothing is tagged with is not drawn
    assert sorted(V.plan_theme_graph(t, expand=False)[P + "AI人才培育計畫"]) == [T + "agentic-ai", T + "talent"]


def test_theme_cooccurrence_leaves_out_hierarchy_pairs(t):
    g = V.theme_cooccurrence_graph(t)
    assert sorted(tuple(sorted(e)) for e in g.edges()) == sorted([
        (T + "agentic-ai", T + "talent"), (T + "ai", T + "talent"), (T + "5g", T + "ai"),
        (T + "ai", T + "mobile-networks"), (T + "cybersecurity", T + "generative-ai"),
        (T + "ai", T + "cybersecurity")])
    assert not g.has_edge(T + "agentic-ai", T + "ai")


def test_agency_views(t):
    mentions = V.agency_mention_graph(t)
    assert mentions[AG + "moda-acs"][AG + "moda-adi"]["weight"] == 2  # evaluations 01 and 03
    assert sorted(mentions) == [AG + "moda", AG + "moda-acs", AG + "moda-adi"]
    by_theme = V.agency_theme_graph(t)
    assert by_theme[AG + "moda-adi"][T + "ai"]["weight"] == 2  # plans 01 and 02
    assert by_theme[AG + "moda"][T + "talent"]["weight"] == 1


def test_kind_theme_graph_counts_recommendations(t):
    g = V.kind_theme_graph(t)
    kind = "https://w3id.org/recgraph/kind/"
    assert g[kind + "outcome-tracking"][T + "ai"]["weight"] == 1  # via agentic-ai
    assert g[kind + "cross-agency-coordination"][T + "mobile-networks"]["weight"] == 1
    assert g[kind + "outcome-tracking"][T + "cybersecurity"]["weight"] == 1


def test_overview_has_every_plan_on_the_real_seed(seed_out):
    t = V.read_facts(V.load_store(seed_out / "graph.ttl"))
    assert len(t.plans) == 41 and len(t.evaluations) == 41
    g = Overview(t).graph()
    plans = [n for n, d in g.nodes(data=True) if d["type"] == "plan"]
    assert len(plans) == 41
    assert all(g.nodes[p]["agencies"] and g.nodes[p]["control_levels"] for p in plans)



@pytest.mark.parametrize("mentions", V.MENTIONS)
def test_facts_from_the_matching_triples_are_those_of_the_whole_graph(seed_out, mentions):
    """A build reads its facts from graph.nt through only the triples the queries match."""
    import pickle

    whole = V.read_facts(V.load_store(seed_out / "graph.nt"), mentions)
    assert pickle.dumps(V.read_facts_nt(seed_out / "graph.nt", mentions)) == pickle.dumps(whole)


def test_facts_from_lines_picked_apart_are_those_read_at_once(seed_out, tmp_path):
    """A large build picks the facts' lines into files in one process and reads them in another
    (graph.outputs): the same facts as read_facts_nt's, and the files are gone once read."""
    import pickle

    paths = [str(tmp_path / f"group-{i}.nt") for i in range(len(V.FACT_GROUPS))]
    assert V.route_facts(seed_out / "graph.nt", paths) == paths
    assert all(os.path.getsize(path) for path in paths)
    facts = V.read_routed_facts(paths)
    assert pickle.dumps(facts) == pickle.dumps(V.read_facts_nt(seed_out / "graph.nt"))
    assert not list(tmp_path.iterdir())
    before = sorted(os.listdir(seed_out))
    V.read_facts_nt(seed_out / "graph.nt")
    assert sorted(os.listdir(seed_out)) == before  # its own files, beside graph.nt, removed too


def test_every_query_is_answered_in_exactly_one_group_of_the_facts_read():
    """read_facts_nt loads a store per group of queries in turn: each query belongs to one group."""
    names = [name for group in V.FACT_GROUPS for name in group]
    assert sorted(names) == sorted(V.QUERIES)

ODD = """
@prefix rg: <https://w3id.org/recgraph/ns#> . @prefix oa: <http://www.w3.org/ns/oa#> .
@prefix dcterms: <http://purl.org/dc/terms/> . @prefix th: <https://w3id.org/recgraph/theme/> .
@prefix ex: <https://example.org/> .
ex:p1 a rg:Plan ; dcterms:subject th:ai, ex:not-a-theme . ex:p2 a rg:Plan .
ex:e1 a rg:PlanEvaluation ; rg:evaluates ex:p1, ex:p2 . ex:e2 rg:evaluates ex:p3 .
ex:m1 a rg:ThemeMention ; oa:hasBody th:ai ; rg:evaluation ex:e1 ; oa:hasTarget ex:t1, ex:t2 .
ex:t1 oa:hasSelector ex:s1, ex:s2 . ex:s1 oa:exact "AI" . ex:s2 oa:exact "" .
ex:t2 oa:hasSelector ex:s3 . ex:s3 oa:exact "AI" .
ex:m2 a rg:ThemeMention ; oa:hasBody th:cloud, th:ai ; rg:evaluation ex:e1, ex:e2 .
ex:m3 oa:hasBody th:ai ; rg:evaluation ex:e1 ; oa:hasTarget ex:t1 .
ex:r1 a rg:Recommendation ; rg:concerns ex:p1 ; rg:kind ex:k1 ; dcterms:subject th:ai ; rg:addressedTo ex:a1 .
ex:r2 rg:kind ex:k2 ; dcterms:subject th:ai .
"""


def test_facts_count_every_mention_path_like_one_query(tmp_path):
    """The theme mentions, their plans and their quotes are read apart and joined in Python: each
    (mention, plan) counts once per quote path (once without a quote), as one SPARQL join would."""
    path = tmp_path / "odd.ttl"
    path.write_text(ODD, encoding="utf-8")
    t = V.read_facts(V.load_store(path))
    ex = "https://example.org/"
    # m1: 3 quote paths ("AI" twice, "" once) in e1 (p1 and p2); m2: no quote, two themes, e1 and e2 (p3);
    # m3 is not typed, r2 neither, ex:not-a-theme is outside the theme scheme.
    assert t.plan_themes == {
        (ex + "p1", T + "ai"): {"mentions": 4, "quotes": ["AI"]}, (ex + "p1", T + "cloud"): {"mentions": 1, "quotes": []},
        (ex + "p2", T + "ai"): {"mentions": 4, "quotes": ["AI"]}, (ex + "p2", T + "cloud"): {"mentions": 1, "quotes": []},
        (ex + "p3", T + "ai"): {"mentions": 1, "quotes": []}, (ex + "p3", T + "cloud"): {"mentions": 1, "quotes": []}}
    assert t.recommendations == {ex + "r1": {"identifier": "r1", "text": "", "plan": ex + "p1", "kinds": [ex + "k1"],
                                             "themes": [T + "ai"], "addressed_to": [ex + "a1"]}}

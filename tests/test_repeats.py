"""Repeat detection across fiscal years, measured on the SYNTHETIC next year of tests/synthetic.py."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
import pytest

from recgraph.iris import Iris
from recgraph.model import InputError
from recgraph.repeats import (THRESHOLD, find_repeats, load_aliases, plan_key, plan_link_triples,
                           repeat_triples, score, similarities)
from recgraph.source import load_manifest, read_report
from recgraph.tracking import status_table, status_triples, summary, tracked_recommendations

from conftest import ROOT, SEED
from synthetic import SYNTHETIC_NOTE, synthetic_next_year
from test_tracking import TODAY, run, standin_build

TEST_ALIASES = ROOT / "tests" / "data" / "plan-aliases.csv"


@dataclass(frozen=True)
class Item:
    """A recommendation as repeat detection reads it (graph.tracking.TrackedRec has these fields)."""

    iri: str
    ministry: str
    plan_name: str
    fiscal_year: int
    text: str


@pytest.fixture(scope="module")
def two_years(tmp_path_factory):
    syn = synthetic_next_year(read_report(SEED, load_manifest()))
    path = tmp_path_factory.mktemp("synthetic") / "synthetic-fy115.txt"   # never under data/
    path.write_text(syn.text, encoding="utf-8")
    b = standin_build([SEED, path])
    recs = tracked_recommendations(b.triples)
    by_place = {}
    for report, extractions in zip(b.reports, b.extractions):
        for serial, ex in extractions.items():
            for rec in ex.recommendations:
                rid = f"moda-{report.fiscal_year}-P{serial:02d}-R{rec.index}"
                by_place[(report.fiscal_year, serial, rec.paragraph, rec.sentence)] = recs[rid].iri
    truth = {(by_place[(2026, *new)], by_place[(2025, *old)]) for new, old in syn.repeats.items()}
    return syn, b, recs, truth


def test_synthetic_year_is_labelled_and_parses_as_written(two_years):
    syn, b, _, _ = two_years
    assert "SYNTHETIC" in SYNTHETIC_NOTE and "SYNTHETIC" in (synthetic_next_year.__doc__ or "")
    fy115 = b.reports[1]
    assert (fy115.roc_year, fy115.fiscal_year) == (115, 2026) and "115年度" in fy115.title
    parsed = {(row.serial, p.index, s.index): s.text for row in fy115.rows for p in row.paragraphs for s in p.sentences}
    assert {k: parsed.get(k) for k in syn.sentences} == syn.sentences
    assert syn.repeats and syn.dropped and syn.new and syn.renamed[0] != syn.renamed[1]
    # rewording changed every repeated sentence
    old = {(row.serial, p.index, s.index): s.text for row in b.reports[0].rows for p in row.paragraphs for s in p.sentences}
    assert all(syn.sentences[new] != old[o] for new, o in syn.repeats.items())


def test_test_alias_table_names_the_renamed_plan(two_years):
    syn, _, _, _ = two_years
    aliases = load_aliases(TEST_ALIASES)
    assert plan_key("moda", syn.renamed[1], aliases) == plan_key("moda", syn.renamed[0])
    assert load_aliases(ROOT / "data" / "plan-aliases.csv") == {}      # the project ships no invented aliases


def test_precision_and_recall_on_the_synthetic_year(two_years):
    _, _, recs, truth = two_years
    found = find_repeats(recs.values(), load_aliases(TEST_ALIASES))
    s = score(found, truth)
    print(f"\nrepeat detection at threshold {THRESHOLD}: {s}")
    assert s["precision"] >= 0.95 and s["recall"] >= 0.9, s
    assert all(r.score >= THRESHOLD for r in found)
    # without the alias the renamed plan's repeats are missed, and nothing else changes
    plain = score(find_repeats(recs.values(), {}), truth)
    assert plain["recall"] < s["recall"] and plain["precision"] == s["precision"]


def test_only_same_plan_pairs_across_years_are_compared(two_years):
    _, _, recs, _ = two_years
    items = sorted(recs.values(), key=lambda r: r.iri)
    aliases = load_aliases(TEST_ALIASES)
    pairs = list(similarities(items, aliases))
    per_plan = {}
    for it in items:
        per_plan.setdefault(plan_key(it.ministry, it.plan_name, aliases), []).append(it.fiscal_year)
    expected = sum(years.count(2025) * years.count(2026) for years in per_plan.values())
    assert len(pairs) == expected < len(items) ** 2 / 20
    assert all(items[i].fiscal_year > items[j].fiscal_year for i, j, _ in pairs)


def test_repeats_link_to_the_latest_earlier_year():
    items = [Item("urn:a", "m", "P", 2020, "建議強化資安防護與演練機制"),
             Item("urn:b", "m", "P", 2021, "建議加強資安防護與演練機制"),
             Item("urn:c", "m", "P", 2022, "建議持續強化資安防護與演練機制"),
             Item("urn:d", "m", "Q", 2022, "建議強化資安防護與演練機制"),      # another plan: never compared
             Item("urn:e", "m", "P", 2022, "請擴大國際合作與海外拓銷")]
    found = {(r.later, r.earlier) for r in find_repeats(items)}
    assert found == {("urn:b", "urn:a"), ("urn:c", "urn:b")}


def test_repeats_in_the_graph_and_in_the_summary(two_years):
    _, b, recs, truth = two_years
    aliases = load_aliases(TEST_ALIASES)
    found = find_repeats(recs.values(), aliases)
    triples = b.triples + list(repeat_triples(found))
    recs2 = tracked_recommendations(triples)
    triples += list(status_triples(recs2, [], Iris(b.base)))
    rows = run(triples, "status-repeats")
    assert {(r["recommendation"], r["earlier"]) for r in rows} == {(r.later, r.earlier) for r in found}
    assert {(r["fiscalYear"], r["earlierFiscalYear"]) for r in rows} == {("2026", "2025")}
    one = found[0]
    later_id = next(r.id for r in recs2.values() if r.iri == one.later)
    assert [r["earlier"] for r in run(triples, "status-repeats", of=later_id)] == [one.earlier]
    s = summary(status_table(recs2, [], as_of=TODAY), as_of=TODAY)
    (rates,) = run(triples, "status-rates")
    assert s["repeated"] == int(rates["repeatedCount"]) == len(found) and s["repeated_open"] == len(found)


def test_renamed_plan_is_linked_to_its_earlier_name(two_years):
    syn, b, recs, _ = two_years
    plans = {(r.plan, r.ministry, r.plan_name) for r in recs.values()}
    links = list(plan_link_triples(sorted(plans), load_aliases(TEST_ALIASES)))
    labels = {r.plan: r.plan_name for r in recs.values()}
    assert [(labels[t.subject.value], labels[t.object.value]) for t in links] == [(syn.renamed[1], syn.renamed[0])]
    assert all(t.predicate == ox.NamedNode("http://www.w3.org/ns/prov#alternateOf") for t in links)


def test_bad_alias_table_names_file_and_line(tmp_path):
    path = tmp_path / "aliases.csv"
    path.write_text("ministry,alias,canonical\nmoda,甲計畫,乙計畫\nmoda,甲計畫\nmoda,甲 計畫,丙計畫\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_aliases(path)
    assert [(p.line, p.message.split(":")[0]) for p in e.value.problems] == [
        (3, "expected three non-empty fields"), (4, "alias '甲 計畫' already maps to another plan")]

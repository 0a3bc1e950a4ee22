"""The development corpus (tests/dev/): documents of other ministries and their gold annotations."""

import json
from pathlib import Path

import pytest

from recgraph.source import load_manifest, read_report
from recgraph.vocab import load_scheme, ontology_path

DEV = Path(__file__).resolve().parent / "dev"
GOLD = sorted(DEV.glob("*.gold.json"))
OTHERS = [p for p in GOLD if json.loads(p.read_text(encoding="utf-8"))["document"].startswith("tests/dev/")]
"""Gold of documents of other ministries written for the corpus (the seed's gold sits beside them)."""
ROLES = {"result", "target", "baseline", "other"}


def load(path):
    gold = json.loads(path.read_text(encoding="utf-8"))
    report = read_report(Path(__file__).resolve().parent.parent / gold["document"], load_manifest(DEV / "manifest.csv"))
    return gold, {row.serial: row for row in report.rows}


def test_corpus_has_three_other_ministries_with_many_plans():
    ministries = {load(p)[0]["document"] for p in OTHERS}
    assert len(ministries) >= 3
    assert all(len(load(p)[1]) >= 10 for p in OTHERS)
    assert sum(len(load(p)[1]) for p in OTHERS) == 992  # as the README says (965 + moi-fy104 13 + moe-fy104 14)


@pytest.mark.parametrize("path", GOLD, ids=lambda p: p.stem)
def test_gold_matches_its_document(path):
    gold, rows = load(path)
    themes = load_scheme(ontology_path("themes.ttl"))
    assert sorted(int(s) for s in gold["plans"]) == sorted(rows)
    for serial, plan in gold["plans"].items():
        opinion = rows[int(serial)].opinion
        for theme in plan.get("themes", []):
            assert f"{themes.iri}/{theme}" in themes.pref_labels, theme
        for item in plan.get("recommendations", []):
            assert item in opinion, (serial, item)
        for figure in plan.get("figures", []):
            # the unit is the magnitude and unit as written, without a comparator between them (5千餘人次)
            assert figure["value"] in opinion and figure["unit"] in opinion.replace("餘", ""), (serial, figure)
            assert figure["role"] in ROLES
            if "baseline" in figure:  # a start value (由A提升至B) is also a figure of its own, role baseline
                assert any(f["role"] == "baseline" and f["number"] == figure["baseline"]
                           for f in plan["figures"]), (serial, figure)


def test_a_plan_whose_advice_is_none_has_no_recommendation_in_the_gold():
    """建議：無 is annotated as no recommendation (guideline rule 4), not as the text 「無」."""
    gold, rows = load(DEV / "hac-fy115.gold.json")
    assert "建議：無" in rows[10].opinion and gold["plans"]["10"]["recommendations"] == []
    assert all("無" != item for g in GOLD for plan in json.loads(g.read_text(encoding="utf-8"))["plans"].values()
               for item in plan.get("recommendations", []))

"""Controlled values (agency, control level, category) fold before matching; the summary counts concepts."""

from pathlib import Path

import pytest

from recgraph.build import new_resolver, summarise
from recgraph.pipeline import build

DEV = Path(__file__).resolve().parent / "dev"


@pytest.fixture(scope="module")
def dev_summary():
    return summarise(build(sorted(DEV.glob("*-fy11*.txt")), manifest=DEV / "manifest.csv", check=False))


def test_bracket_widths_are_one_category(dev_summary):
    assert dev_summary["categories"]["科技計畫(前瞻)"] == 106  # 6 written 科技計畫(前瞻), 100 科技計畫（前瞻） (cip-fy111 two, dgpa-fy110 three, ocac-fy111 three, dgpa-fy115 three)
    assert "科技計畫（前瞻）" not in dev_summary["categories"]


def test_control_level_spellings_are_one_level(dev_summary):
    # 部會管制 (some written 部會 管制) 259 + 部會列管 7; 院管制 68 + 院列管 7 + 行政院列管 1 (the dev
    # documents' cells counted from the raw text of all 40 documents, spaces removed, not by the parser;
    # moi-fy113 adds 10 部會管制 and 2 院管制, mof-fy113 11 部會管制, vac-fy115 8 部會管制 and 4 自行管制,
    # moe-fy112 8 部會管制, 1 院管制 and 5 自行管制, hac-fy115 7 部會管制, 1 院管制 and 4 自行管制,
    # fsc-fy113 9 部會管制, 1 院管制 and 3 自行管制, coa-fy112 8 部會管制, 2 院管制 and 2 自行管制,
    # moi-fy111 8 部會管制, 2 院管制 and 3 自行管制,
    # mohw-fy110 7 部會管制, 3 院管制 and 2 自行管制, moj-fy112 7 部會管制, 4 院管制 and 2 自行管制,
    # mof-fy112 12 部會管制 and 1 院管制, moea-fy110 10 部會管制, 2 院管制 and 2 自行管制, moe-fy110 9 部會管制 and 5 自行管制,
    # mnd-fy110 6 部會管制, 6 院管制 and 1 自行管制, moi-fy110 9 部會管制, 3 院管制 and 2 自行管制,
    # coa-fy110 9 部會管制, 2 院管制 and 2 自行管制, ncc-fy111 8 部會管制 and 4 院管制,
    # mac-fy111 8 部會管制, 1 院管制 and 3 自行管制, oac-fy111 8 部會管制 and 5 自行管制,
    # vac-fy111 6 部會管制, 1 院管制 and 6 自行管制, epa-fy110 8 部會管制, 3 院管制 and 2 自行管制,
    # cip-fy111 9 部會管制, 3 院管制 and 2 自行管制, dgpa-fy110 7 部會管制, 3 院管制 and 2 自行管制,
    # hac-fy110 8 部會管制 and 5 自行管制, ocac-fy111 11 部會管制 and 2 自行管制,
    # dgpa-fy115 6 部會管制, 3 院管制 and 4 自行管制, hac-fy114 9 部會管制 and 3 自行管制,
    # nusc-fy112 8 部會管制 and 5 自行管制)
    assert dev_summary["control_levels"] == {"自行管制": 123, "部會管制": 439, "院管制": 117}


def test_short_and_full_agency_names_count_as_one(dev_summary):
    assert dev_summary["agencies"]["交通部公路局"] == 7  # 公路局 five times, 交通部公路局 twice (motc fy113, fy115)
    assert dev_summary["agencies"]["經濟部產業園區管理局"] == 3  # 產業園區管理局 twice and 園區局 (moea fy114, fy115)
    assert [w for w in dev_summary["warnings"] if "agency" in w] == []  # every lead agency resolved


def test_unknown_values_written_two_ways_are_one_minted_concept():
    r = new_resolver()
    one = r.concept(r.categories, "category", "新興類別（試辦）", "a.txt:3")
    assert r.concept(r.categories, "category", "新興類別 (試辦)", "a.txt:9") == one
    assert len(r.warnings) == 1 and "a.txt:3" in r.warnings[0]

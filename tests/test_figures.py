"""Reported figures on the FY114 seed and on small hand-made strings."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recgraph.figures import extract_figures, find_figures, load_figure_rules
from recgraph.model import PlanRow
from recgraph.source import read_report
from recgraph.text import parse_opinion

SEED = Path(__file__).resolve().parent.parent / "data" / "sources" / "moda-fy114-plan-evaluations.txt"


@pytest.fixture(scope="module")
def figures():
    report = read_report(SEED)
    return {row.serial: extract_figures(row) for row in report.rows}


def one(text):
    (f,) = find_figures(text)
    return f


def by_value(figures, serial, value):
    (f,) = [f for f in figures[serial] if f.value_as_written == value]
    return f


# ---------------------------------------------------------------- string level


@pytest.mark.parametrize("text,value,unit", [
    ("投入建置金額達85.19億元", "8519000000", "億元"),
    ("使用人次達成23萬人次", "230000", "萬人次"),
    ("建設數達48,195臺", "48195", "臺"),
    ("可用率99.9%以上", "99.9", "%"),
    ("國道光纜30公里", "30", "公里"),
    ("招標作業達5標次", "5", "標次"),
    ("擴散家數達150家次以上", "150", "家次"),
    ("商機達1.9億元", "190000000", "億元"),
    ("節能率３５％", "35", "％"),
])
def test_values_are_normalised_and_units_kept_as_written(text, value, unit):
    f = one(text)
    assert (f.value, f.unit) == (value, unit)


@pytest.mark.parametrize("text", [
    "114年完成", "參與 2025 年 HAPS 大會", "展延至115年5月", "自110年迄今", "5G基地臺", "6G候選頻段",
    "5G/B5G整備", "ITU WRC-27議題", "通過 FIPS 140-3 CAVP認證", "SLH-DSA矽智財", "T-Road架構",
    "IEEE DSC", "完成四套影片", "三大面向", "研擬4大發展策略", "本計畫3項年度目標皆如期如質達成",
    "第3次會議", "D2D應用",
])
def test_dates_codes_and_chinese_numerals_are_not_figures(text):
    assert find_figures(text) == []


@pytest.mark.parametrize("text,comparator", [
    ("掃描數量達90萬次(含)以上", "at-least"),
    ("法遵家次達30家次（含）以上", "at-least"),
    ("吸引超過500人次參與", "more-than"),
    ("媒合10餘個機關", "more-than"),
    ("誤差5%以內", "at-most"),
    ("訂單47件", ""),
])
def test_comparators(text, comparator):
    assert one(text).comparator == comparator


def test_target_in_brackets_gives_ratio_and_is_not_a_second_figure():
    f = one("取得國內外客戶訂單47件（目標5件）")
    assert (f.metric, f.value, f.target, f.target_as_written, f.achievement_ratio) == (
        "取得國內外客戶訂單", "47", "5", "目標5件", "9.4")


def test_target_with_magnitude_and_half_width_brackets():
    f = one("間接城市效益(使用人次)達成23萬人次(目標值4萬人次);")
    assert (f.value, f.unit, f.target, f.achievement_ratio) == ("230000", "萬人次", "40000", "5.75")


def test_target_without_unit_takes_the_results_unit():
    f = one("涵蓋率達98.97%（目標95）")
    assert (f.target, f.achievement_ratio) == ("95", "1.04")


def test_better_than_target():
    f = one("「促進轉型知識外溢擴散」達成577家次，遠優於300家次的目標值")
    assert (f.metric, f.value, f.target, f.target_as_written, f.achievement_ratio) == (
        "促進轉型知識外溢擴散", "577", "300", "遠優於300家次的目標值", "1.92")


def test_rise_from_original_plan():
    f = one("將 5G 基地臺建置量由原訂 90 臺大幅提升至 174 臺，展現協作")
    assert (f.metric, f.value, f.unit, f.target, f.target_as_written, f.achievement_ratio) == (
        "5G 基地臺建置量", "174", "臺", "90", "原訂 90 臺", "1.93")


def test_goal_only_figure_has_role_target():
    f = one("確保如期達成20個以上應用服務導入之目標")
    assert (f.role, f.comparator, f.achievement_ratio) == ("target", "at-least", None)
    assert one("意見徵集達5,994份，遠超預期目標").role == "result"


def test_metric_after_the_number_when_nothing_measured_precedes():
    assert one("完成30項SBOM元件交付").metric == "SBOM元件交付"
    assert [f.metric for f in find_figures("帶動258家企業與615位業師響應")] == ["企業", "業師響應"]


def test_span_covers_metric_through_target():
    text = "本計畫中非偏鄉 5G 電波人口涵蓋率達98.97%（目標95%），5G基地臺"
    f = one(text)
    assert text[f.start:f.end] == "非偏鄉 5G 電波人口涵蓋率達98.97%（目標95%）"


def test_rules_are_data(tmp_path):
    from recgraph.figures import DEFAULT_FIGURE_RULES
    path = tmp_path / "rules.tsv"
    path.write_text(DEFAULT_FIGURE_RULES.read_text(encoding="utf-8") + "unit\t艘\t\t\n", encoding="utf-8")
    assert find_figures("建造3艘") == []
    assert [f.unit for f in find_figures("建造3艘", load_figure_rules(path))] == ["艘"]


# ---------------------------------------------------------------- the seed


def test_plan_13(figures):
    f = by_value(figures, 13, "98.97")
    assert (f.unit, f.target, f.target_as_written, f.achievement_ratio) == ("%", "95", "目標95%", "1.04")
    f = by_value(figures, 13, "48,195")
    assert (f.value, f.target, f.achievement_ratio) == ("48195", "41000", "1.18")
    f = by_value(figures, 13, "85.19")
    assert (f.value, f.unit) == ("8519000000", "億元")
    assert len(figures[13]) == 3  # the targets 95% and 41,000臺 are not figures of their own


def test_plan_24_ratio(figures):
    f = by_value(figures, 24, "47")
    assert (f.unit, f.target, f.achievement_ratio) == ("件", "5", "9.4")
    assert by_value(figures, 24, "177").achievement_ratio == "1.18"


def test_plan_28_better_than_target(figures):
    f = by_value(figures, 28, "577")
    assert (f.unit, f.target, f.achievement_ratio) == ("家次", "300", "1.92")
    assert not [g for g in figures[28] if g.value_as_written in ("300", "110")]
    assert by_value(figures, 28, "2,223").value == "2223"


def test_plan_29_half_width_punctuation(figures):
    got = [(f.value, f.unit, f.target, f.achievement_ratio) for f in figures[29]]
    assert got == [
        ("10", "家", "4", "2.5"), ("10", "項", "5", "2"),
        ("56000000", "億元", "40000000", "1.4"), ("230000", "萬人次", "40000", "5.75"),
    ]


def test_plan_14_originally_planned(figures):
    got = [(f.metric, f.value, f.unit, f.target_as_written, f.achievement_ratio) for f in figures[14]]
    assert got == [
        ("國道光纜通道建置", "30", "公里", "原訂27公里", "1.11"),
        ("國際海纜登陸站韌性強化", "2", "案", "原訂1案", "2"),
    ]


def test_plan_11_rise(figures):
    (f,) = figures[11]
    assert (f.value, f.target, f.role) == ("174", "90", "result")


def test_plan_23_goal(figures):
    f = by_value(figures, 23, "20")
    assert f.role == "target" and f.paragraph == 2


def test_no_years_or_codes_on_the_seed(figures):
    for fs in figures.values():
        for f in fs:
            assert f.unit not in ("年", "月", "年度")
            assert f.value_as_written not in ("114", "115", "116", "110", "2025", "140")
            assert f.unit[:1] not in ("G", "-")


def test_every_span_slices_out_its_text(figures):
    report = read_report(SEED)
    for row in report.rows:
        sentences = {(p.index, s.index): s.text for p in row.paragraphs for s in p.sentences}
        for f in figures[row.serial]:
            assert sentences[(f.paragraph, f.sentence)][f.span.start:f.span.end] == f.span.exact
            assert f.value_as_written in f.span.exact and f.unit in f.span.exact
            if f.metric:
                assert f.metric in f.span.exact


# ---------------------------------------------------------------- properties


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789,.萬億元家次%％（）()目標值原訂以上超過餘年月由提升至臺，;的 aG-")), max_size=60))
def test_find_figures_never_crashes_and_spans_are_in_range(text):
    for f in find_figures(text):
        assert 0 <= f.start < f.end <= len(text)
        assert f.value_as_written in text[f.start:f.end]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120))
def test_extract_figures_never_crashes(text):
    opinion = parse_opinion("<p>" + text.replace("<", "") + "</p>")
    row = PlanRow(1, 1, "x", "x", "", "", opinion.text, opinion.paragraphs, opinion.truncated,
                  "x", "x", "", "", "")
    for f in extract_figures(row):
        sentence = row.paragraphs[f.paragraph - 1].sentences[f.sentence - 1]
        assert sentence.text[f.span.start:f.span.end] == f.span.exact


def test_ratio_beyond_decimal_precision_is_left_out():
    [f] = find_figures("輔導100000000000000000000000000家（目標1家）")
    assert (f.value, f.target, f.achievement_ratio) == ("100000000000000000000000000", "1", None)

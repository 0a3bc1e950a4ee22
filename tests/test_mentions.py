"""Agency mentions in opinions (graph/mentions.py) resolved through data/agencies.csv."""

from __future__ import annotations

import shutil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recgraph.agencies import DEFAULT_AGENCIES, load_agencies
from recgraph.model import EVIDENCE_CONTEXT
from recgraph.mentions import find_agency_mentions, find_agency_mentions_in_text
from recgraph.model import Paragraph, PlanRow, Sentence





@pytest.fixture(scope="module")
def table():
    return load_agencies()


@pytest.fixture(scope="module")
def seed(seed_rows):
    return seed_rows


@pytest.fixture(scope="module")
def found(seed, table):
    return {serial: find_agency_mentions(row, table) for serial, row in seed.items()}


def codes(text, table, year=None):
    return [(code, span.exact) for code, span in find_agency_mentions_in_text(text, table, year)]


def row_of(*sentences: str) -> PlanRow:
    sents, pos = [], 0
    for i, s in enumerate(sentences, 1):
        sents.append(Sentence(i, s, pos, pos + len(s)))
        pos += len(s)
    text = "".join(sentences)
    para = Paragraph(2, "二", text, 0, len(text), tuple(sents))
    return PlanRow(1, 2, "計畫", "", "", "", text, (para,), False, "計畫", "", "", "", "")


# ---------------------------------------------------------------- the table

def test_names_of_several_agencies_are_not_text_mentions(table):
    """海巡署 and 國科會 named two units each, one after the other: without a year they are no
    mention, in a fiscal year the unit of then; 企劃處, several ministries' units at once, never."""
    assert "海巡署" in table.ambiguous_names()
    assert codes("海巡署與國科會", table) == []
    assert codes("海巡署與國科會", table, 2024) == [("oac-cga", "海巡署"), ("nstc", "國科會")]
    assert codes("海巡署與國科會", table, 2013) == [("cga-old", "海巡署"), ("nsc", "國科會")]
    assert codes("企劃處", table, 2013) == []


def test_no_single_character_short_forms(table):
    """院, 部 ... would match inside ordinary words (醫院, 學院)."""
    assert [n for a in table.agencies for n in a.names if len(n) < 2] == []


# ---------------------------------------------------------------- the seed

def test_plan_19_names_every_agency(found):
    got = {(m.span.exact, m.agency) for m in found[19]}
    assert got == {("教育部", "moe"), ("交通部", "motc"), ("法務部", "moj"), ("經濟部", "moea"),
                   ("衛福部", "mohw"), ("內政部", "moi"), ("資安署", "moda-acs"),
                   ("數產署", "moda-adi"), ("韌性司", "moda-dccr")}


def test_plan_19_positions(found, seed):
    first = found[19][0]
    assert (first.agency, first.paragraph, first.sentence) == ("moe", 1, 1)
    assert [m.agency for m in found[19] if m.paragraph == 2 and m.sentence == 2] == ["moi", "moda-dccr"]


def test_other_plans(found):
    assert [m.agency for m in found[15]] == ["caa"]          # 民航局; 消防局 is local, not in the table
    assert {m.agency for m in found[26]} == {"moe", "moenv"}
    assert {m.agency for m in found[32]} == {"mohw", "moa"}


def test_seed_totals(found):
    assert sum(len(ms) for ms in found.values()) == 16
    assert sorted(s for s, ms in found.items() if ms) == [15, 19, 24, 26, 32]


def test_every_seed_span_slices_its_sentence(found, seed):
    for serial, mentions in found.items():
        sentences = {(p.index, s.index): s.text for p in seed[serial].paragraphs for s in p.sentences}
        for m in mentions:
            text = sentences[(m.paragraph, m.sentence)]
            assert text[m.span.start:m.span.end] == m.span.exact
            assert text[:m.span.start].endswith(m.span.prefix)
            assert text[m.span.end:].startswith(m.span.suffix)


# ---------------------------------------------------------------- rules on strings

def test_longest_name_wins(table):
    assert codes("交通部民用航空局與交通部", table) == [("caa", "交通部民用航空局"), ("motc", "交通部")]
    assert codes("經濟部中小及新創企業署", table) == [("sme", "經濟部中小及新創企業署")]


def test_short_forms_resolve_to_the_official_agency(table):
    assert codes("資安署、數產署、韌性司、數發部", table) == [
        ("moda-acs", "資安署"), ("moda-adi", "數產署"), ("moda-dccr", "韌性司"), ("moda", "數發部")]


@pytest.mark.parametrize("text", ["交通部分應改善", "在經濟部門推動", "教育部份成果", "原住民部落",
                                  "國際司法互助", "於醫院及學院", "中央行政機關", "數位部署", "輔導會計師事務所"])
def test_ordinary_words_are_not_agencies(text, table):
    assert codes(text, table) == []


def test_run_on_exception_keeps_the_name(table):
    assert codes("教育部分別辦理", table) == [("moe", "教育部")]
    assert codes("金管會計畫與輔導會辦理", table) == [("fsc", "金管會"), ("vac", "輔導會")]


def test_no_generic_fallback(table):
    assert codes("新設署與縣消防局及臺北市政府", table) == []


def test_hand_made_row(table):
    row = row_of("本計畫由內政部辦理。", "建議與衛福部合作；")
    got = [(m.agency, m.paragraph, m.sentence, m.span.start, m.span.exact, m.span.suffix)
           for m in find_agency_mentions(row, table)]
    assert got == [("moi", 2, 1, 4, "內政部", "辦理。"), ("mohw", 2, 2, 3, "衛福部", "合作；")]


def test_table_rows_are_data(tmp_path):
    csv_path = tmp_path / "agencies.csv"
    shutil.copy(DEFAULT_AGENCIES, csv_path)
    with csv_path.open("a", encoding="utf-8") as f:
        f.write("mopa,和平部,Ministry of Peace,和部,ey,ministry,2030-01-01,,\n")
    assert codes("和平部", load_agencies(csv_path)) == [("mopa", "和平部")]


# ---------------------------------------------------------------- properties

_TABLE = load_agencies()
_NAMES = sorted(_TABLE.names())
_ALPHABET = sorted({c for n in _NAMES for c in n} | set("分門落，。 ab1台臺"))
texts = st.lists(st.one_of(st.text(alphabet=_ALPHABET, max_size=6), st.sampled_from(_NAMES),
                           st.text(max_size=4)), max_size=10).map("".join)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_mention_spans_are_exact(text):
    for code, span in find_agency_mentions_in_text(text, _TABLE):
        assert _TABLE.by_code(code) is not None
        assert text[span.start:span.end] == span.exact
        assert span.prefix == text[max(0, span.start - EVIDENCE_CONTEXT):span.start]
        assert span.suffix == text[span.end:span.end + EVIDENCE_CONTEXT]

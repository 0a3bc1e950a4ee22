"""The agency table (data/agencies.csv): coverage of the central government, names, dates."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from recgraph.agencies import load_agencies
from recgraph.model import InputError

DEV = Path(__file__).resolve().parent / "dev"
MINISTRIES = ["內政部", "外交部", "國防部", "財政部", "教育部", "法務部", "經濟部", "交通部", "勞動部", "農業部",
              "衛生福利部", "環境部", "文化部", "數位發展部", "運動部", "國家科學及技術委員會", "國家發展委員會",
              "大陸委員會", "金融監督管理委員會", "海洋委員會", "僑務委員會", "國軍退除役官兵輔導委員會",
              "原住民族委員會", "客家委員會", "行政院公共工程委員會", "核能安全委員會", "中央銀行",
              "行政院主計總處", "行政院人事行政總處", "國立故宮博物院", "中央選舉委員會", "公平交易委員會",
              "國家通訊傳播委員會"]


@pytest.fixture(scope="module")
def table():
    return load_agencies()


@pytest.mark.parametrize("name", MINISTRIES)
def test_every_body_of_the_executive_yuan_today(table, name):
    agency = table.resolve(name, year=2026)
    assert agency is not None and agency.parent == "ey" and not agency.valid_until


@pytest.mark.parametrize("written,code,year", [
    ("環保署空保處", "epa-daq", 2023), ("行政院環境保護署水保處", "epa-dwq", 2023),
    ("原能會綜合計畫處", "aec-dp", 2022), ("經濟部投促司", "moea-dip", 2026), ("國科會前瞻司", None, 2026),
])
def test_a_unit_written_after_its_parent_in_any_form(table, written, code, year):
    """Tables write a unit after its parent, each in full or short form; an unknown unit stays unknown."""
    found = table.resolve(written, year=year)
    assert (found.code if found else None) == code


@pytest.mark.parametrize("full,short,code", [
    ("經濟部產業發展署", "產發署", "ida"), ("經濟部商業發展署", "商發署", "moea-ca"),
    ("經濟部產業園區管理局", "園區局", "moea-ipa"), ("經濟部水利署", "水利署", "moea-wra"),
    ("經濟部投資促進司", "投促司", "moea-dip"), ("經濟部中小及新創企業署", "中企署", "sme"),
    ("交通部中央氣象署", "氣象署", "cwa"), ("衛生福利部食品藥物管理署", "食藥署", "mohw-fda"),
    ("環境部資源循環署", "循環署", "moenv-rca"), ("國家科學及技術委員會", "國科會", "nstc"),
])
def test_short_and_full_forms_are_one_organisation(table, full, short, code):
    assert table.resolve(full).code == table.resolve(short, year=2025).code == code
    assert table.resolve(full[len(table.by_code(table.ministry_of(code)).name_zh):] or full).code == code


def test_a_unit_without_its_ministry_prefix_resolves_within_its_ministry(table):
    assert table.resolve("資訊處") is None
    assert table.resolve("資訊處", ministry="mohw").code == "mohw-dim"
    assert table.resolve("產業園區管理局", ministry="moea").code == "moea-ipa"


def test_a_unit_that_kept_its_name_resolves_in_a_document_of_its_ministrys_former_name(table):
    assert table.resolve("法政處", ministry="mac-old", year=2013).code == "mac-dla"  # not the election commission's
    assert table.resolve("企劃處", ministry="mac-old", year=2013).code == "mac-old-dp"
    assert {"mac", "mac-old"} <= table.lineage("mac-old") and "cec" not in table.lineage("mac-old")


def test_a_table_naming_its_own_body_or_the_body_under_its_former_executive_yuan_name_resolves(table):
    assert table.resolve("本署", ministry="cga-old", year=2012).code == "cga-old"
    assert table.resolve("本會", ministry="cga-old", year=2012) is None  # the administration is no 會
    assert table.resolve("本署") is None
    assert table.resolve("行政院國軍退除役官兵輔導委員會").code == "vac"
    assert table.resolve("行政院不存在委員會") is None


def test_no_name_is_ambiguous_within_one_ministry_and_year(table):
    for name, agencies in table.ambiguous_names().items():
        for year in range(2012, 2027):
            alive = [a for a in agencies if a.existed_in(year)]
            for ministry in {table.ministry_of(a.code) for a in alive}:
                assert table.resolve(name, ministry=ministry, year=year) is not None, (name, ministry, year)


@pytest.mark.parametrize("name,year,code", [
    ("海巡署", 2017, "cga-old"), ("海巡署", 2024, "oac-cga"),
    ("工業局", 2022, "moea-idb"), ("中央氣象局", 2022, "motc-cwb"), ("科技部", 2021, "most"),
    ("教育展資處", 2022, "npm-deei"), ("展示服務處", 2024, "npm-des"),
    ("移民署", 2014, "moi-nia-old"), ("移民署", 2015, "nia"), ("國科會", 2013, "nsc"), ("國科會", 2023, "nstc"),  # renamed on 2015-01-02: the name it had longest
])
def test_older_documents_resolve_to_the_unit_that_existed_then(table, name, year, code):
    agency = table.resolve(name, year=year)
    assert agency.code == code
    assert agency.existed_in(year)


@pytest.mark.parametrize("old,new", [("moea-idb", "ida"), ("motc-cwb", "cwa"), ("most", "nstc"), ("coa", "moa"),
                                     ("epa", "moenv"), ("aec", "nusc"), ("freeway", "thb"), ("moe-sa", "mos"),
                                     ("npm-deei", "npm-des"), ("npm-dccm", "npm-dms")])
def test_renamed_and_merged_units_name_their_successor(table, old, new):
    before, after = table.by_code(old), table.by_code(new)
    assert before.successor == new and before.valid_until < after.valid_from


def test_codes_are_ascii_and_usable_in_iris(table):
    assert all(a.code.isascii() and a.code.replace("-", "").isalnum() and a.code.islower() for a in table.agencies)


def test_every_lead_agency_of_the_development_corpus_resolves(table):
    from recgraph.source import read_report
    for path in sorted(DEV.glob("*.gold.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        report = read_report(DEV.parent.parent / gold["document"])
        ministry = table.resolve(report.ministry).code
        for row in report.rows:
            found = table.resolve(row.agency, ministry=ministry, year=report.fiscal_year)
            assert found is not None and found.code == gold["plans"][str(row.serial)]["lead_agency"], (path.name, row.serial)


def test_bad_dates_and_successors_are_reported_with_their_line(tmp_path):
    path = tmp_path / "agencies.csv"
    path.write_text("code,name_zh,name_en,short_forms,parent,level,valid_from,valid_until,successor\n"
                    "a,甲部,A,,,ministry,2023-13-01,,\nb,乙部,B,,,ministry,,2020-01-01,zz\nB!,丙部,C,,,ministry,,,\n",
                    encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_agencies(path)
    assert [(p.line, p.message.split(":")[0]) for p in e.value.problems] == [
        (2, "valid_from"), (4, "code 'B!'"), (3, "agency b")]


def test_the_graph_says_when_a_unit_was_created_and_what_replaced_it():
    from recgraph.build import new_resolver
    from recgraph.rdf import agency_triples
    r = new_resolver()
    r.agency("工業局", "a.txt:3", "moea", 2022)
    def name(term):
        return re.split("[/#]", term.value)[-1]

    triples = {(name(t.subject), name(t.predicate), name(t.object)) for t in agency_triples(r)}
    assert ("moea-idb", "isReplacedBy", "ida") in triples
    assert ("ida", "created", "2023-09-26") in triples and ("ida", "subOrganizationOf", "moea") in triples


def test_a_unit_written_after_its_ministry_is_one_mention(table):
    from recgraph.mentions import find_agency_mentions_in_text
    found = find_agency_mentions_in_text("建請與數位發展部數位產業署加強協作", table)
    assert [(code, span.exact) for code, span in found] == [("moda-adi", "數位發展部數位產業署")]

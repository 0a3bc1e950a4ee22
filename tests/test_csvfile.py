"""Curated CSV files (csvfile.read_rows) report problems with file and line."""

import pytest

from recgraph.agencies import load_agencies
from recgraph.model import InputError
from recgraph.csvfile import read_rows


def test_rows_keep_their_line_numbers_and_short_rows_are_problems(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("\ufeffa,b\n1,2\n\n3\n4,5\n", encoding="utf-8")
    rows, problems = read_rows(path, ["a", "b"])
    assert rows == [(2, {"a": "1", "b": "2"}), (5, {"a": "4", "b": "5"})]
    assert [(p.line, p.message) for p in problems] == [(4, "expected 2 fields (a,b), found 1")]


def test_wrong_header_or_encoding_names_the_file(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("x,y\n", encoding="utf-8")
    with pytest.raises(InputError, match="expected columns a,b"):
        read_rows(path, ["a", "b"])
    path.write_bytes("a,b\n甲,乙\n".encode("cp950"))
    with pytest.raises(InputError) as e:
        read_rows(path, ["a", "b"])
    assert e.value.problems[0].line == 2 and "not UTF-8" in e.value.problems[0].message


def test_agency_table_rows_need_code_and_name(tmp_path):
    path = tmp_path / "agencies.csv"
    path.write_text("code,name_zh,name_en,short_forms,parent,level\nx,,X,,,ministry\ny,乙部,Y,,nowhere,ministry\n",
                    encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_agencies(path)
    assert [(p.line, p.message) for p in e.value.problems] == [
        (2, "code and name_zh are required"), (3, "agency y: unknown parent nowhere")]


def test_a_rule_table_is_read_with_its_line_numbers_and_a_wrong_header_is_named(tmp_path):
    from recgraph.csvfile import read_tsv_rows

    table = tmp_path / "rules.tsv"
    table.write_text("# a comment\n\nid\ttext\nr1\t甲\n# another\nr2\t乙\t多\n", encoding="utf-8")
    rows, problems = read_tsv_rows(table, ["id", "text"])
    assert problems == [] and rows == [(4, ["r1", "甲"]), (6, ["r2", "乙", "多"])]  # the caller checks the width
    rows, problems = read_tsv_rows(table, ["id", "pattern"])
    assert rows == [] and [(p.line, p.message) for p in problems] == [(3, "header must be id | pattern (tab-separated)")]

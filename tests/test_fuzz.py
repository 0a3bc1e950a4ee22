"""Fuzzed documents through every per-document stage: a clean result or the project's InputError, never
another exception, and every evidence span still slices its quote.  bench/fuzz.py runs the same with
many more cases."""

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recgraph import extract, tracking
from recgraph.build import new_resolver
from recgraph.model import InputError
from recgraph.rdf import agency_triples, report_triples
from recgraph.source import read_report

TITLE = "## 數位發展部及所屬機關114年度個案管制計畫評核結果"
HEADER = "序號\t計畫名稱\t主辦單位\t管制級別\t計畫類別\t評核意見"
PIECES = ["建議", "應", "加強", "人工智慧", "資安", "5G", "數位產業署", "資通安全署", "經濟部", "達成率",
          "目標", "（目標1家）", "輔導", "100000000000000000000000000", "家", "億元", "85.19", "%", "件",
          "。", "；", "，", "、", "一、", "二、", "（", "）", "「", "」", "<br>", "&amp;", "&#x3c;", "²", "①", "１２",
          " ", "\u3000", "=SUM(1)", "@", "-"]
RARE = ["<p>", "</p>", "<![", "<!--", "\t", "\x00", "\r", "\ud7ff", "\U0001f600"]
chars = st.text(st.characters(blacklist_characters="\t\r\n<>", blacklist_categories=("Cs",)), max_size=3)
cell = st.lists(st.sampled_from(PIECES) | chars, min_size=1, max_size=8).map("".join)
rare_cell = st.lists(st.sampled_from(PIECES + RARE) | st.text(max_size=3), max_size=8).map("".join)
opinion = st.lists(cell, min_size=1, max_size=3).map(lambda ps: "".join(f"<p>{p}</p>" for p in ps))
serial = st.sampled_from([None] * 30 + ["", "²", "①", "１２", "3a", "-1", "7"])  # None: the row's number
row = st.tuples(serial, cell, st.sampled_from(["數位產業署", "資通安全署", "未知署"]) | cell,
                st.sampled_from(["部會管制", "自行管制", "院列管", ""]), st.sampled_from(["一般科技", "公共建設", "?"]),
                st.sampled_from([0] * 5 + [1]).flatmap(lambda rare: rare_cell if rare else opinion))
document = st.tuples(st.sampled_from([TITLE] * 20 + ["", "## 交通部113年度評核結果", TITLE + "\t"]),
                     st.sampled_from([HEADER] * 20 + ["", "序號\t計畫名稱"]),
                     st.lists(row, max_size=5), st.sampled_from(["\n", "\r\n"]))


@pytest.fixture(scope="module")
def stages():
    return extract.load_rules(), Path(tempfile.mkdtemp(prefix="recgraph-fuzz-"))


def through_every_stage(text: str, encoding: str, rules, folder: Path) -> None:
    """One document as the pipeline takes it; raises InputError when the pipeline would refuse it."""
    path = folder / "doc.txt"
    path.write_bytes(text.encode(encoding, errors="replace"))
    report = read_report(path)
    extractions = extract.extract_report(report, rules)
    resolver = new_resolver()
    triples = list(report_triples(report, extractions, resolver))
    tracking.tracked_recommendations(triples + list(agency_triples(resolver)))
    for row in report.rows:
        assert row.opinion == "\n".join(p.text for p in row.paragraphs)
        sentences = {(p.index, s.index): s.text for p in row.paragraphs for s in p.sentences}
        ex = extractions[row.serial]
        for item in ex.recommendations + ex.figures + ex.agencies + [m for m in ex.themes if m.sentence]:
            text = sentences[(item.paragraph, item.sentence)]
            assert text[item.span.start:item.span.end] == item.span.exact
        for m in ex.themes:
            if m.sentence is None:
                assert row.name[m.span.start:m.span.end] == m.span.exact


def check(doc, encoding, rules, folder):
    title, header, rows, newline = doc
    lines = ["\t".join([str(i) if serial is None else serial, *rest]) for i, (serial, *rest) in enumerate(rows, 1)]
    text = newline.join([title, header, *lines]) + newline
    try:
        through_every_stage(text, encoding, rules, folder)
    except InputError as e:
        assert e.problems and all(str(p) for p in e.problems)
        return False
    return True


@settings(max_examples=int(os.environ.get("RECGRAPH_FUZZ_EXAMPLES", 700)), deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(doc=document, encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp950"]))
def test_any_document_builds_or_is_refused_with_the_input_error(stages, doc, encoding):
    check(doc, encoding, *stages)


def test_the_fuzzed_documents_mostly_build():
    """The fuzz is worth little if nearly every document is refused at the first line."""
    rules, folder = extract.load_rules(), Path(tempfile.mkdtemp(prefix="recgraph-fuzz-"))
    built = []

    @settings(max_examples=100, deadline=None, derandomize=True, database=None)
    @given(doc=document)
    def run(doc):
        built.append(check(doc, "utf-8", rules, folder))
    run()
    assert sum(built) > len(built) / 4, f"{sum(built)} of {len(built)} built"

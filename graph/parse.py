"""Parse the evaluation-results table format into :class:`~graph.model.PlanRow` records.

The format: a title line (``## 數位發展部及所屬機關114年度個案管制計畫評核結果``) and a
header row (序號, 計畫名稱, 主辦單位, 管制級別, 計畫類別, 評核意見, or a ministry's variant spelling of
a column, recognised by the words in it: :data:`HEADER_PATTERNS`) that repeat before every
page block, then tab-separated rows of six columns whose last cell is HTML.  Every problem
in a file is collected, so the user sees them all in one go.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from recgraph.model import PlanRow, Problem
from recgraph.text import parse_opinion, squeeze_cjk_spaces

HEADER = ("序號", "計畫名稱", "主辦單位", "管制級別", "計畫類別", "評核意見")
"""The column names the project uses."""
HEADER_PATTERNS = tuple(re.compile(p) for p in (
    r"[序號編次項排順碼]|代號|[Nn][Oo]\.?",
    r"計畫|名稱",
    r"單位|機關|[處司局室]",
    r"(管制|列管|管考|考核|[管控]控).*[級層等類屬別次分度]|層級|等級",
    r"類|性質|屬|領域|範疇|面向|[種型]|別",
    r"(評核|審查|審議|考評|委員|評估|綜合|小組).*(意見|評述|結果|結論|建議|摘[述要])",
))
"""What each column's name must contain, by the words ministries build them from (序號, 項次, 排序, No.;
計畫名稱, 計畫全稱; 主辦單位, 主管機關, 承辦處室, 主政司處; 管制級別, 列管屬別, 管考層級, 考核層級, 管控級別, 管制程度;
計畫類別, 施政領域, 計畫範疇, 計畫歸屬, 施政面向, 性質; 評核意見, 評核摘要, 審查意見及建議, 委員綜合評核意見, 評核小組意見 ...):
a header in a spelling no table
has used yet is recognised, not taken for a plan row, while a table with another column in a place
(預算金額 where the control level goes) is still refused."""
_HEADER_CELL_MAX = 16
"""A column name is short; a longer cell is a plan's text, not a header."""
_NOT_IN_HEADER = (
    None, None, re.compile(r"來源|經費|預算"), None, re.compile(r"管制|列管|管考|考核|名稱|層級|等級"), None,
)
"""Words that make a cell another column's name though it holds a column's word (經費來源 has no
agency; 列管類別 is the control level, not the category)."""
_TITLE = re.compile(
    r"^#*\s*(?P<title>(?P<ministry>\S+?)(?:及所屬(?:機關(?:構)?)?)?\s*(?P<year>\d{2,3})\s*年度?\s*\S*(?:評核|考核|考評|評估)\S*)\s*$"
)
_LINE_BREAK = re.compile(r"\r\n|\n|\r")


@dataclass(frozen=True)
class ParsedDocument:
    """What a file says about itself (title, ministry, ROC year) and its rows."""

    title: str
    ministry: str
    roc_year: int
    rows: tuple[PlanRow, ...]


def parse_title(line: str) -> tuple[str, str, int] | None:
    """Return (title, ministry, ROC year) for a title line, else None.

    >>> parse_title("## 數位發展部及所屬機關114年度個案管制計畫評核結果")
    ('數位發展部及所屬機關114年度個案管制計畫評核結果', '數位發展部', 114)
    >>> parse_title("1\\t某計畫") is None
    True
    """
    if "\t" in line:
        return None
    m = _TITLE.match(squeeze_cjk_spaces(line.strip()))
    if not m:
        return None
    return m.group("title"), m.group("ministry"), int(m.group("year"))


def _is_header(cells: list[str]) -> bool:
    """True for a header row, whichever spelling of each column name it uses.

    >>> _is_header("序號 計畫名稱 主辦機關 管制層級 計畫類別 評核意見".split())
    True
    >>> _is_header("序號 計畫名稱 執行機關 列管等級 計畫類別 評核意見".split())
    True
    >>> _is_header("1 計畫名稱 主辦機關 管制層級 計畫類別 評核意見".split())
    False
    """
    names = [re.sub(r"\s+", "", c) for c in cells]
    return (len(names) == len(HEADER_PATTERNS) and not names[0].isdecimal()
            and all(0 < len(n) <= _HEADER_CELL_MAX and "<" not in n and p.search(n)
                    and not (x and x.search(n)) for n, p, x in zip(names, HEADER_PATTERNS, _NOT_IN_HEADER)))


def parse_row(cells: list[str], number: int, first_line_of_serial: dict[int, int]) -> tuple[PlanRow | None, list[str]]:
    """One six-cell row on line ``number``: the row, or None and what is wrong with it.

    ``first_line_of_serial`` (serial -> line) is updated, so a repeated serial is reported.
    """
    serial_cell, name_raw, agency_raw, level_raw, category_raw, opinion_raw = cells
    serial_text = serial_cell.strip()
    if not serial_text:
        return None, ["missing serial (序號)"]
    if not serial_text.isdecimal():  # isdigit() also accepts ² and ①, which int() refuses
        return None, [f"serial (序號) is not a number: {serial_text!r}"]
    serial = int(serial_text)
    if serial in first_line_of_serial:
        return None, [f"duplicate serial {serial} (first on line {first_line_of_serial[serial]})"]
    first_line_of_serial[serial] = number
    name, agency = squeeze_cjk_spaces(name_raw), squeeze_cjk_spaces(agency_raw)
    messages = []
    if not name:
        messages.append(f"plan {serial}: empty plan name (計畫名稱)")
    if not agency:
        messages.append(f"plan {serial}: empty lead agency (主辦單位)")
    opinion = parse_opinion(opinion_raw)
    messages += [f"plan {serial}: {message}" for message in opinion.problems]
    if messages:
        return None, messages
    return PlanRow(
        serial=serial, line=number, name=name, agency=agency,
        control_level=squeeze_cjk_spaces(level_raw), category=squeeze_cjk_spaces(category_raw),
        opinion=opinion.text, paragraphs=opinion.paragraphs, truncated=opinion.truncated,
        name_as_written=name_raw, agency_as_written=agency_raw,
        control_level_as_written=level_raw, category_as_written=category_raw,
        opinion_html=opinion_raw,
    ), []


def parse_table(text: str, path: str) -> tuple[ParsedDocument | None, list[Problem]]:
    """Parse a decoded document; return the table (None if unusable) and every problem found."""
    problems: list[Problem] = []
    title: tuple[str, str, int] | None = None
    seen_header = False
    rows: list[PlanRow] = []
    first_line_of_serial: dict[int, int] = {}

    def problem(line: int, message: str):
        problems.append(Problem(path, line, message))

    for number, line in enumerate(_LINE_BREAK.split(text.lstrip("\ufeff")), start=1):
        if not line.strip():
            continue
        parsed_title = parse_title(line)
        if parsed_title:
            if title and parsed_title[1:] != title[1:]:
                problem(number, f"title names {parsed_title[1]} {parsed_title[2]}年度, "
                                f"but the first title names {title[1]} {title[2]}年度")
            title = title or parsed_title
            continue
        cells = line.split("\t")
        if _is_header(cells):
            seen_header = True
            continue
        if not seen_header:
            problem(number, "row before any header row (序號, 計畫名稱, 主辦單位, 管制級別, 計畫類別, 評核意見)")
            continue
        if len(cells) != len(HEADER):
            problem(number, f"expected {len(HEADER)} tab-separated columns, found {len(cells)}")
            continue
        row, messages = parse_row(cells, number, first_line_of_serial)
        for message in messages:
            problem(number, message)
        if row:
            rows.append(row)
    if title is None:
        problem(1, "no title line naming the ministry and year (e.g. ## 數位發展部及所屬機關114年度個案管制計畫評核結果)")
    if not seen_header:
        problem(1, "no header row (序號, 計畫名稱, 主辦單位, 管制級別, 計畫類別, 評核意見)")
    if title is None:
        return None, problems
    rows.sort(key=lambda r: r.serial)
    return ParsedDocument(title[0], title[1], title[2], tuple(rows)), problems

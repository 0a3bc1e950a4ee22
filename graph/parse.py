"""Parse the evaluation-results table format into :class:`~graph.model.PlanRow` records.

The format: a title line (``## 數位發展部及所屬機關114年度個案管制計畫評核結果``) and a
header row (序號, 計畫名稱, 主辦單位, 管制級別, 計畫類別, 評核意見, or a ministry's variant spelling of
a column: :data:`HEADER_PATTERNS`) that repeat before every
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
    r"(計畫)?(序號?|編號|編碼)|項[次別目]?|序次|次序|案[次序號]|[Nn][Oo]\.?",
    r"(個案)?計畫(名稱|項目)?|計畫別",
    r"(主辦|主政|執行|主管|權責|承辦|負責|辦理|主[(（]協[)）]辦)?(單位|機關|局處|處室|司處)([(（](單位|機關)[)）])?",
    r"(管制|列管|管考)(級別|層級|層次|等級|類別|屬性|別)",
    r"(計畫|施政|政策)?(類別|類型|性質|屬性|分類)別?|計畫別",
    r"(綜合)?(評核|審查|審議|考評|委員|評估|評核委員|審查委員|委員評核)(綜合)?(意見|評述|結果|結論)"
    r"(摘要|[及與暨](改進)?建議(事項)?|[(（]含(改進)?建議(事項)?[)）])?|綜合(意見|評述)",
))
"""Each column's name as ministries spell it (主辦機關, 執行機關, 承辦機關 or 主(協)辦單位 or 主政單位, 辦理單位, 主辦局處, 主辦司處 or 主辦機關(單位) for 主辦單位, 計畫性質, 性質, 計畫屬性, 計畫分類, 施政類別, 性質別, 計畫性質別, 計畫別 or 類別 for 計畫類別, 管制類別, 管考層級, 列管層次, 列管屬性 or 列管別 for 管制級別, 審查意見, 審議意見, 委員意見, 評核委員意見, 委員評核意見, 評核委員綜合意見, 評核意見暨改進建議, 評核意見（含建議事項）, 評核綜合意見, 審查意見及建議, 評核結果及建議, 評核意見摘要, 綜合評估意見, 綜合評述 or 綜合意見 for 評核意見, 列管等級 for 管制級別, 項目, 項, 項別, 序, 計畫序, 序次, 次序, 案次, 案序, 案號, No., 計畫編號 or 計畫編碼 for 序號, 個案計畫名稱, 個案計畫 or 計畫項目 for 計畫名稱, 施政分類 or 政策類別 for 計畫類別, 評核結論及建議 for 評核意見, 計畫別 for 計畫名稱 in the second column...):
a header in a new spelling of the same names is recognised, not taken for a plan row."""
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
    return len(names) == len(HEADER_PATTERNS) and all(p.fullmatch(n) for n, p in zip(names, HEADER_PATTERNS))


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

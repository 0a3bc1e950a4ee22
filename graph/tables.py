"""Curated CSV tables (agencies, manifest, plan aliases): rows with their line numbers.

Every problem is reported as ``file:line: ...``; the caller adds its own checks per row and
raises them together.
"""

from __future__ import annotations

import csv
from pathlib import Path

from recgraph.model import InputError, Problem


def read_rows(path: str | Path, columns: list[str]) -> tuple[list[tuple[int, dict[str, str]]], list[Problem]]:
    """``(line, row)`` for each non-blank row of a UTF-8 (BOM optional) CSV with exactly ``columns``.

    A file that is not UTF-8 or has another header raises InputError at once; rows with the wrong
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

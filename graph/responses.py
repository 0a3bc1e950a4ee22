"""The agency response round trip: a spreadsheet per agency out, its answers back in as status updates.

Agencies answer evaluators in spreadsheets (辦理情形), in batches.  :func:`template_rows` lists
every recommendation addressed to an agency with its current status and empty answer columns;
:func:`write_template` writes it as ``.xlsx`` (openpyxl, with drop-down lists of the valid
statuses) or ``.csv`` (graph/csvfile.py), headers in zh-Hant and English.  :func:`read_responses`
reads either back and :func:`to_updates` turns the answered rows into status updates, naming every
bad row as ``FILE:row``; graph.status_updates.append_updates then appends them under its lock.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Iterable

from recgraph.csvfile import to_csv
from recgraph.model import InputError, Problem
from recgraph.status_updates import StatusUpdate, check_status_fields
from recgraph.status_vocab import Vocabulary, load_vocabulary
from recgraph.tracking import Status, plan_serial

# key, zh-Hant, English; the first six are filled in, the rest are the agency's answer
COLUMNS = [("id", "建議編號", "recommendation id"), ("plan_serial", "計畫序號", "plan serial"),
           ("plan_name", "計畫名稱", "plan name"), ("text", "建議內容", "recommendation"),
           ("current_acceptance", "目前採納情形", "current acceptance"),
           ("current_implementation", "目前執行情形", "current implementation"),
           ("date", "回復日期 (YYYY-MM-DD)", "response date"), ("acceptance", "採納情形", "acceptance"),
           ("implementation", "執行情形", "implementation"), ("response", "辦理情形說明", "response"),
           ("evidence", "佐證資料", "evidence"), ("target_date", "預定完成日期 (YYYY-MM-DD)", "target date")]
ANSWERS = ["date", "acceptance", "implementation", "response", "evidence", "target_date"]
HEADERS = [f"{zh} / {en}" for _, zh, en in COLUMNS]
KEYS = [k for k, _, _ in COLUMNS]


def template_rows(statuses: Iterable[Status], agency: str, year: int | None = None, open_only: bool = False,
                  vocab: Vocabulary | None = None) -> list[dict]:
    """One row per recommendation addressed to ``agency`` (a code), sorted by id."""
    vocab = vocab or load_vocabulary()
    return [{"id": s.rec.id, "plan_serial": plan_serial(s.rec.iri), "plan_name": s.rec.plan_name, "text": s.rec.text,
             "current_acceptance": vocab.choice(s.acceptance),
             "current_implementation": vocab.choice(s.implementation)}
            for s in statuses if agency in s.rec.agencies and (year is None or s.rec.fiscal_year == year)
            and (s.is_open or not open_only)]


def write_template(path: str | Path, rows: list[dict], vocab: Vocabulary | None = None) -> None:
    """The template as ``.xlsx`` (drop-down lists for the status columns) or ``.csv``."""
    path = Path(path)
    if path.suffix == ".csv":
        path.write_bytes(to_csv(HEADERS, [[r.get(k, "") for k in KEYS] for r in rows]))
        return
    if path.suffix != ".xlsx":
        raise InputError([Problem("--out", 0, f"{path}: name a .xlsx or .csv file")])
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    vocab = vocab or load_vocabulary()
    wb = Workbook()
    ws = wb.active
    ws.title = "responses"
    ws.append(HEADERS)
    for r in rows:
        ws.append([r.get(k, "") for k in KEYS])
    for cell in ws[1]:
        cell.font, cell.alignment = Font(bold=True), Alignment(wrap_text=True)
    ws.freeze_panes = "B2"
    last = max(len(rows) + 1, 2)
    for key in ("acceptance", "implementation"):
        choices = sorted({vocab.choice(c) for c in vocab.schemes[key].values()})
        formula = '"' + ",".join(choices) + '"'
        if len(formula) > 255:  # Excel refuses a longer inline list; the tokens alone still fit
            choices = sorted({vocab.notation[c] for c in vocab.schemes[key].values()})
            formula = '"' + ",".join(choices) + '"'
        dv = DataValidation(type="list", formula1=formula, allow_blank=True,
                            showErrorMessage=True, error=f"one of {', '.join(choices)}")
        column = ws.cell(row=1, column=KEYS.index(key) + 1).column_letter
        dv.add(f"{column}2:{column}{last}")
        ws.add_data_validation(dv)
    for key, width in (("text", 60), ("plan_name", 30), ("response", 40), ("evidence", 30)):
        ws.column_dimensions[ws.cell(row=1, column=KEYS.index(key) + 1).column_letter].width = width
    wb.save(path)


def _cell(value) -> str:
    if isinstance(value, (dt.datetime, dt.date)):
        return (value.date() if isinstance(value, dt.datetime) else value).isoformat()
    return "" if value is None else str(value).strip()


def read_responses(path: str | Path) -> list[tuple[int, dict[str, str]]]:
    """``(row number, {key: value})`` for every row of a filled-in template (.xlsx or .csv)."""
    path = Path(path)
    if path.suffix == ".xlsx":
        from openpyxl import load_workbook

        try:
            wb = load_workbook(path, read_only=True, data_only=True)
        except Exception as e:  # openpyxl raises several types for a file that is not a workbook
            raise InputError([Problem(str(path), 0, f"not a readable .xlsx workbook ({e})")]) from None
        lines = [[_cell(v) for v in row] for row in wb.active.iter_rows(values_only=True)]
        wb.close()
    elif path.suffix == ".csv":
        import csv

        try:
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputError([Problem(str(path), 0, "not UTF-8; save the file as CSV UTF-8")]) from None
        lines = [[c.strip() for c in row] for row in csv.reader(text.splitlines())]
    else:
        raise InputError([Problem(str(path), 0, "name a .xlsx or .csv file made by `recgraph status template`")])
    if not lines or [h.lstrip("'") for h in lines[0][:len(HEADERS)]] != HEADERS:
        raise InputError([Problem(str(path), 1, "expected the header row of `recgraph status template`")])
    return [(n, dict(zip(KEYS, cells + [""] * len(KEYS)))) for n, cells in enumerate(lines[1:], start=2)
            if any(cells)]


def to_updates(rows: list[tuple[int, dict[str, str]]], path: str, reported_by: str,
               vocab: Vocabulary | None = None) -> tuple[list[StatusUpdate], list[Problem]]:
    """Status updates from the answered rows (rows with no answer are skipped) and every row's problems.

    Statuses may be tokens or labels; dates must be YYYY-MM-DD.  Checks against the graph (unknown
    id, dates, two statuses on one date) are graph.status_updates.check_updates'.
    """
    vocab = vocab or load_vocabulary()
    updates, problems = [], []
    for n, row in rows:
        if not any(row[k] for k in ANSWERS):
            continue
        statuses, found = check_status_fields(row, vocab, "response date", "target date")
        if found:
            problems += [Problem(path, n, m) for m in found]
            continue
        updates.append(StatusUpdate(row["id"], row["date"], statuses.get("acceptance"), statuses.get("implementation"),
                                    row["response"], row["evidence"], reported_by, path, n, row["target_date"]))
    return updates, problems


def format_changes(updates: list[StatusUpdate], current: dict[str, dict[str, str]],
                   vocab: Vocabulary | None = None) -> str:
    """What an import changes, one line per update: current -> new status."""
    vocab = vocab or load_vocabulary()
    lines = []
    for u in updates:
        now = current.get(u.recommendation, {})
        parts = [f"{dim} {now.get(dim, '?')} -> {vocab.notation[getattr(u, dim)]}"
                 for dim in ("acceptance", "implementation") if getattr(u, dim)]
        target = f", target {u.target_date}" if u.target_date else ""
        lines.append(f"{u.recommendation} on {u.date}: {', '.join(parts)}{target}")
    return "\n".join(lines)

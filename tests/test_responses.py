"""The agency response round trip: template out, answers in, every bad row named, idempotent."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from openpyxl import load_workbook

from conftest import ROOT
from recgraph.cli import main
from recgraph.responses import HEADERS, KEYS


@pytest.fixture
def project(tmp_path):
    """A copy of the project's data folder (manifest, ledger, the seed) with its own update folder."""
    folder = tmp_path / "data"
    (folder / "sources").mkdir(parents=True)
    for name in ("manifest.csv", "recommendation-ids.csv"):
        shutil.copy(ROOT / "data" / name, folder)
    (folder / "sources" / "moda-fy114-plan-evaluations.txt").symlink_to(
        ROOT / "data" / "sources" / "moda-fy114-plan-evaluations.txt")
    return folder


def _answer(ws, row, **cells):
    for key, value in cells.items():
        ws.cell(row=row, column=KEYS.index(key) + 1).value = value


def test_template_import_round_trip(project, tmp_path, capsys):
    manifest = ["--manifest", str(project / "manifest.csv")]
    sheet = tmp_path / "moda-adi-2026.xlsx"
    assert main(["status", "template", "--agency", "數產署", "--year", "2025", "--out", str(sheet)] + manifest) == 0
    assert "wrote 54 recommendation(s) to moda-adi" in capsys.readouterr().out
    wb = load_workbook(sheet)
    ws = wb.active
    assert [c.value for c in ws[1]] == HEADERS and "採納情形 / acceptance" in HEADERS
    ids = [ws.cell(row=r, column=1).value for r in range(2, ws.max_row + 1)]
    assert len(ids) == 54 and ids[0] == "moda-2025-P01-R1" and ws.cell(row=2, column=2).value == "01"
    lists = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    assert lists == {"H2:H55": '"accepted (同意採納),not-accepted (不採納),partially-accepted (部分採納),pending-response (待回應)"',
                     "I2:I55": '"implemented (已完成),in-progress (辦理中),not-implemented (未辦理結案),open (待辦理),'
                               'partially-implemented (部分完成),superseded (已不適用)"'}
    assert ws.cell(row=2, column=KEYS.index("current_acceptance") + 1).value == "pending-response (待回應)"

    # bad rows: every one named FILE:row, nothing written
    today = dt.date.today()
    _answer(ws, 2, date="2026-03-31", acceptance="accepted (同意採納)", implementation="辦理中", response="已納入計畫",
            target_date="2026-12-31")
    _answer(ws, 3, date="31/03/2026", acceptance="accepted")
    _answer(ws, 4, date="2026-03-31", implementation="done-ish")
    _answer(ws, 5, date=(today + dt.timedelta(days=2)).isoformat(), acceptance="accepted")
    _answer(ws, 6, date="2025-01-01", acceptance="accepted")
    ws.cell(row=7, column=1, value="moda-2025-P99-R9")
    _answer(ws, 7, date="2026-03-31", acceptance="accepted")
    ws.cell(row=8, column=1, value="moda-2025-P01-R1")
    _answer(ws, 8, date="2026-03-31", acceptance="not-accepted")
    wb.save(sheet)
    assert main(["status", "import", str(sheet)] + manifest) == 2
    err = capsys.readouterr().err
    for row, what in ((3, "bad response date '31/03/2026'"), (4, "unknown implementation status 'done-ish'"),
                      (5, "is after today"), (6, f"is before {ids[4]} was issued"),
                      (7, "unknown recommendation id 'moda-2025-P99-R9'"), (8, "two different acceptance statuses")):
        assert f"{sheet}:{row}: " in err and what in err, (row, what, err)
    assert not (project / "status-updates").exists()

    # fixed: only the good rows answered
    for row in range(3, 9):
        for key in ("date", "acceptance", "implementation"):
            _answer(ws, row, **{key: None})
    ws.cell(row=7, column=1, value=ids[5])
    ws.cell(row=8, column=1, value=ids[6])
    _answer(ws, 3, date=dt.datetime(2026, 4, 1), implementation="implemented", evidence="https://example.org/x")
    wb.save(sheet)
    assert main(["status", "import", str(sheet), "--dry-run", "--reported-by", "數位產業署"] + manifest) == 0
    out = capsys.readouterr().out
    assert "moda-2025-P01-R1 on 2026-03-31: acceptance pending-response -> accepted, implementation open -> in-progress" \
           ", target 2026-12-31" in out and f"{ids[1]} on 2026-04-01: implementation open -> implemented" in out
    assert not (project / "status-updates").exists()
    assert main(["status", "import", str(sheet), "--reported-by", "數位產業署"] + manifest) == 0
    written = project / "status-updates" / "responses-moda-adi-2026.csv"
    lines = written.read_text(encoding="utf-8").splitlines()
    assert lines[1:] == ["moda-2025-P01-R1,2026-03-31,accepted,in-progress,已納入計畫,,數位產業署,2026-12-31",
                         f"{ids[1]},2026-04-01,,implemented,,https://example.org/x,數位產業署,"]
    capsys.readouterr()
    assert main(["status", "import", str(sheet), "--reported-by", "數位產業署"] + manifest) == 0   # again: nothing
    assert "appended 0 row(s)" in capsys.readouterr().out and written.read_text(encoding="utf-8").splitlines() == lines
    # the same answers saved under another name: the dry run says what the import will do, append nothing
    again = sheet.with_name("answered-again.xlsx")
    wb.save(again)
    assert main(["status", "import", str(again), "--dry-run", "--reported-by", "數位產業署"] + manifest) == 0
    assert "would append 0 row(s)" in capsys.readouterr().out
    assert main(["status", "import", str(again), "--reported-by", "數位產業署"] + manifest) == 0
    assert "appended 0 row(s)" in capsys.readouterr().out
    assert main(["status", "list", "--status", "implemented"] + manifest) == 0
    assert [line.split("\t")[0] for line in capsys.readouterr().out.splitlines()[1:]] == [ids[1]]


def test_the_csv_template_round_trips_through_a_spreadsheet_program(project, tmp_path, capsys):
    import csv

    from recgraph.csvfile import to_csv

    manifest = ["--manifest", str(project / "manifest.csv")]
    sheet = tmp_path / "adi.csv"
    assert main(["status", "template", "--agency", "moda-adi", "--open-only", "--out", str(sheet)] + manifest) == 0
    rows = list(csv.reader(sheet.read_bytes().decode("utf-8-sig").splitlines()))
    assert rows[0] == HEADERS and len(rows) == 55
    answer = dict(zip(KEYS, rows[1]), date="2026-05-01", acceptance="部分採納", response="=部分辦理")
    sheet.write_bytes(to_csv(HEADERS, [[answer[k] for k in KEYS]] + rows[2:]))
    capsys.readouterr()
    assert main(["status", "import", str(sheet)] + manifest) == 0
    written = (project / "status-updates" / "responses-adi.csv").read_text(encoding="utf-8").splitlines()
    assert written[1] == "moda-2025-P01-R1,2026-05-01,partially-accepted,,'=部分辦理,,受建議機關回復 (agency response),"


def test_drop_down_lists_fall_back_to_the_tokens_when_the_labels_make_them_too_long(tmp_path):
    """Excel refuses an inline list over 255 characters: with long labels the lists offer the tokens alone."""
    import dataclasses

    from recgraph.responses import write_template
    from recgraph.status_vocab import load_vocabulary

    vocab = load_vocabulary()
    long_labels = {c: {"zh-hant": "經評估後同意依委員意見辦理並納入下年度計畫修正" * 4} for c in vocab.notation}
    sheet = tmp_path / "long.xlsx"
    write_template(sheet, [], dataclasses.replace(vocab, labels=long_labels))
    lists = sorted(dv.formula1 for dv in load_workbook(sheet).active.data_validations.dataValidation)
    assert lists == ['"accepted,not-accepted,partially-accepted,pending-response"',
                     '"implemented,in-progress,not-implemented,open,partially-implemented,superseded"']
    assert all(len(f) <= 255 for f in lists)

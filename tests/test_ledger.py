"""The recommendation-id ledger: ids keep their text when extraction rules change."""

from __future__ import annotations

import itertools
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from recgraph import extract
from recgraph.ledger import (THRESHOLD, apply_ledger, assign_ids, ledger_bytes, ledger_path, load_ledger, similarity,
                             sync_rows)
from recgraph.model import InputError
from recgraph.pipeline import build
from recgraph.recommendations import DEFAULT_RULES, load_kinds
from recgraph.source import DEFAULT_MANIFEST

LEDGER = ledger_path(DEFAULT_MANIFEST)
KEY = "moda-2025"


@pytest.fixture(scope="module")
def ledger():
    return load_ledger(LEDGER)


@pytest.fixture(scope="module")
def rules():
    return extract.load_rules()


def _rules_without(rules, tmp_path, keep):
    lines = [line for line in DEFAULT_RULES.read_text(encoding="utf-8").splitlines() if keep(line.split("\t"))]
    path = tmp_path / "rules.tsv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return replace(rules, kinds=load_kinds(rules_path=path))


def _spans(extractions):
    """id number per plan -> (paragraph, sentence, start, end, through, text) of its evidence."""
    return {(s, r.index): (r.paragraph, r.sentence, r.span.start, r.span.end, r.through, r.text)
            for s, ex in extractions.items() for r in ex.recommendations}


def _overlap(a, b):
    """The same text, or overlapping: offsets within one sentence, or text held within the other when
    either runs over two sentences of its paragraph (a reason before ； joined to its advice)."""
    if a[4] or b[4]:
        return a[:2] == b[:2] and (a[5] in b[5] or b[5] in a[5])
    return a[:2] == b[:2] and a[2] < b[3] and b[2] < a[3]


def test_seed_build_keeps_the_committed_ids(seed_build, ledger):
    built = {c.id for c in _changes(seed_build, ledger)}
    assert built == {e["id"] for e in ledger if not e["retired"]}
    assert "moda-2025-P04-R1" in built and "moda-2025-P04-R2" not in built
    assert not [w for w in seed_build.warnings if "provisional" in w]


def _changes(b, ledger):
    return [c for ex in b.extractions for c in assign_ids(KEY, ex, ledger)[1]]


def test_changing_the_advice_markers_moves_no_id_to_another_text(seed_report, rules, ledger, tmp_path):
    before, _ = assign_ids(KEY, extract.extract_report(seed_report, rules), ledger)
    fewer = _rules_without(rules, tmp_path, lambda cells: not (
        cells[0] in ("advice-marker", "opening-marker") and cells[1] in ("請", "應", "務必")))
    after, changes = assign_ids(KEY, extract.extract_report(seed_report, fewer), ledger)
    old, new = _spans(before), _spans(after)
    assert len(new) < len(old)                                  # the change does drop recommendations
    for key, span in new.items():
        assert key in old and _overlap(span, old[key]), f"P{key[0]}-R{key[1]} now names another text"
    retired = {c.id for c in changes if c.kind == "retired"}
    assert len(retired) == len(old) - len(new) and not any(c.kind == "new" for c in changes)
    # positionally, P15-R1 would now hold what R2 held: here every P15 id keeps its own text
    assert {k for k in new if k[0] == 15} < {k for k in old if k[0] == 15}


def test_threshold_separates_reworded_from_different_recommendations(seed_report, rules, tmp_path):
    """The measurement behind THRESHOLD (graph/ledger.py): rule ablations of the seed (the problem
    and praise cues too: dropping one moves where a text starts, never what it names)."""
    base = extract.extract_report(seed_report, rules)
    same, different = [], []
    for dropped in ("framing-prefix", "strip-prefix", "item-start", "joining-prefix", "opening-marker",
                    "problem-cue", "praise-cue"):
        other = extract.extract_report(seed_report, _rules_without(rules, tmp_path, lambda c: c[0] != dropped))
        for s in base:
            for a, b in itertools.product(base[s].recommendations, other[s].recommendations):
                ov = _overlap((a.paragraph, a.sentence, a.span.start, a.span.end, a.through, a.text),
                              (b.paragraph, b.sentence, b.span.start, b.span.end, b.through, b.text))
                (same if ov else different).append(similarity(a.text, b.text))
    assert min(same) >= THRESHOLD > max(different)
    assert min(x for x in same if x < 1) < 0.5            # some texts did change a lot, and still matched


def test_a_changed_text_keeps_its_id_and_a_different_one_retires_it(seed_report, rules, ledger):
    ex = {4: extract.extract_report(seed_report, rules)[4], 1: extract.extract_report(seed_report, rules)[1]}
    edited = [dict(e) for e in ledger]
    p4 = next(e for e in edited if e["id"] == "moda-2025-P04-R1")
    p4["text"], p4["fingerprint"] = p4["text"][:-6], "0" * 16               # reworded: still similar
    p1 = next(e for e in edited if e["id"] == "moda-2025-P01-R2")
    p1["text"], p1["fingerprint"] = "完全不同的一段文字，與原建議無關", "1" * 16  # another text altogether
    numbered, changes = assign_ids(KEY, ex, edited)
    kinds = {c.id: c.kind for c in changes}
    assert kinds["moda-2025-P04-R1"] == "changed-text"
    assert kinds["moda-2025-P01-R2"] == "retired" and kinds["moda-2025-P01-R3"] == "new"
    assert [r.index for r in numbered[1].recommendations] == [1, 3]
    synced = sync_rows(edited, changes, {KEY: seed_report.sha256}, "2027-01-01")
    again = assign_ids(KEY, ex, load_ledger_from(synced))[1]
    assert {c.kind for c in again} == {"kept"} and "moda-2025-P01-R2" not in {c.id for c in again}
    retired = next(r for r in synced if r["id"] == "moda-2025-P01-R2")
    assert retired["retired"] == "2027-01-01"                           # recorded, never removed or reused


def load_ledger_from(rows, tmp=None):
    import tempfile
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "ids.csv"
        path.write_bytes(ledger_bytes(rows))
        return load_ledger(path)


def test_build_refuses_an_out_of_date_ledger_and_names_the_command(seed_path, ledger, tmp_path):
    path = tmp_path / "recommendation-ids.csv"
    path.write_bytes(ledger_bytes([e for e in ledger if e["id"] != "moda-2025-P41-R2"]))
    with pytest.raises(InputError) as e:
        build([seed_path], ledger=path, check=False)
    assert "recgraph ids sync" in str(e.value) and "1 new" in str(e.value) and str(path) in str(e.value)


def test_a_document_the_ledger_does_not_hold_builds_with_provisional_ids(seed_report, rules, ledger):
    other = replace(seed_report, sha256="0" * 64, path="other.txt")
    short = [e for e in ledger if e["id"] != "moda-2025-P41-R2"]
    numbered, problems, warnings = apply_ledger(other, extract.extract_report(other, rules), "moda", short, "ids.csv")
    assert not problems and [r.index for r in numbered[41].recommendations] == [1, 2]
    assert len(warnings) == 1 and "provisional" in warnings[0] and "1 new" in warnings[0]
    fresh, problems, warnings = apply_ledger(other, extract.extract_report(other, rules), "moda", [], "ids.csv")
    assert not problems and "is not in the ledger" in warnings[0]
    assert [r.index for r in fresh[15].recommendations] == list(range(1, len(fresh[15].recommendations) + 1))


def test_ids_sync_dry_run_on_the_seed_reports_every_id_kept():
    out = subprocess.run([sys.executable, "-m", "recgraph", "ids", "sync", "--dry-run"], capture_output=True,
                         text=True, check=True).stdout
    assert out.strip() == f"would record: {len(load_ledger(LEDGER))} kept, 0 new, 0 changed-text, 0 retired"


def test_a_status_update_naming_a_retired_id_is_an_error_naming_file_and_line(seed_path, ledger, tmp_path):
    rows = [dict(e) for e in ledger] + [dict(ledger[0], id="moda-2025-P01-R9", number=9, fingerprint="9" * 16,
                                             text="已不再擷取的建議", issued_text="已不再擷取的建議",
                                             retired="2026-12-01")]
    path = tmp_path / "recommendation-ids.csv"
    path.write_bytes(ledger_bytes(rows))
    updates = tmp_path / "updates"
    updates.mkdir()
    (updates / "u.csv").write_text("recommendation,date,acceptance,implementation,note,evidence,reported_by\n"
                                   "moda-2025-P01-R1,2026-03-01,accepted,,,,x\n"
                                   "moda-2025-P01-R9,2026-03-01,accepted,,,,x\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        build([seed_path], ledger=path, updates=updates, check=False)
    (problem,) = e.value.problems
    assert (problem.path, problem.line) == (str(updates / "u.csv"), 3)
    assert problem.message.startswith("moda-2025-P01-R9 was retired on 2026-12-01")

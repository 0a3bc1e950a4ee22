"""Recommendation ids that never move: the committed ledger ``data/recommendation-ids.csv``.

Extraction numbers recommendations by position, and positions move when the rules change; a
status update keyed ``moda-2025-P15-R1`` must never slide onto another text.  The ledger records
every id ever issued (report, plan serial, number, the text it was issued for and names now, a
fingerprint of that text, the document it was synced from, issued and retired dates).  Each build
matches a document's recommendations to the ledger, plan by plan (:func:`assign_ids`):

1. the same fingerprint (normalised text: NFKC, no spaces or punctuation, case-folded);
2. else the most similar text (``difflib`` ratio of the normalised texts) at or above
   :data:`THRESHOLD`, best pairs first;
3. an item left over gets the next number its plan has never used; a ledger entry left over is
   retired, and its number is never issued again.

THRESHOLD = 0.4 was measured on the seed under rule ablations (dropping the framing, strip,
item-start, joining, opening-marker, finding, problem-cue or praise-cue rules of
``data/recommendation-rules.tsv``): the same recommendation (overlapping evidence span)
re-extracted with a changed text scored 0.436-0.992; two different recommendations of one plan
scored at most 0.312, before and after.
``tests/test_ledger.py`` re-measures it.

The build never writes the ledger: ``recgraph ids sync`` does (:func:`sync_rows`).  A document
whose SHA-256 is the one the ledger was synced from is held to it (anything new, changed or
retired refuses the build, naming that command); any other document (a new report, a synthetic
corpus, a corrected re-issue) is matched the same way, and what the ledger lacks is a warning.

>>> fingerprint("建議 強化，追蹤機制。") == fingerprint("建議強化追蹤機制")
True
"""

from __future__ import annotations

import difflib
import hashlib
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable, Mapping

from recgraph.csvfile import read_rows, to_csv
from recgraph.iris import recommendation_id
from recgraph.model import Extraction, InputError, Problem, Report

LEDGER_NAME = "recommendation-ids.csv"
COLUMNS = ["id", "report", "plan_serial", "number", "fingerprint", "text", "issued_text", "sha256", "issued",
           "retired"]
THRESHOLD = 0.4
SYNC = "recgraph ids sync"
_DROP = re.compile(r"[\s\W_]+")


def normalise(text: str) -> str:
    """Text compared ignoring width, case, spaces and punctuation."""
    return _DROP.sub("", unicodedata.normalize("NFKC", text)).casefold()


def fingerprint(text: str) -> str:
    """The first 16 hex digits of the SHA-256 of the normalised text."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()[:16]


def similarity(a: str, b: str) -> float:
    """``difflib`` ratio of two normalised texts (1.0 = same)."""
    return difflib.SequenceMatcher(None, normalise(a), normalise(b), autojunk=False).ratio()


def report_key(ministry_code: str, fiscal_year: int) -> str:
    """How the ledger names a report: ``moda-2025``."""
    return f"{ministry_code}-{fiscal_year}"


# ---------------------------------------------------------------- the file

def ledger_path(manifest: str | Path) -> Path:
    """The ledger beside the manifest (the project's data folder)."""
    return Path(manifest).resolve().parent / LEDGER_NAME


def load_ledger(path: str | Path) -> list[dict]:
    """The ledger's rows (``number``/``plan_serial`` as ints); none if the file does not exist."""
    path = Path(path)
    if not path.is_file():
        return []
    rows, short = read_rows(path, COLUMNS)
    problems = [Problem(p.path, p.line, f"expected the columns {','.join(COLUMNS)}") for p in short]
    out, seen = [], {}
    for line, row in rows:
        try:
            row = {**row, "plan_serial": int(row["plan_serial"]), "number": int(row["number"]), "line": line}
        except ValueError:
            problems.append(Problem(str(path), line, "plan_serial and number must be whole numbers"))
            continue
        if row["id"] in seen:
            problems.append(Problem(str(path), line, f"id {row['id']} is listed twice (first at line {seen[row['id']]})"))
        seen.setdefault(row["id"], line)
        out.append(row)
    if problems:
        raise InputError(problems)
    return out


def ledger_bytes(rows: Iterable[Mapping]) -> bytes:
    """The ledger file, rows sorted by report, plan and number (the project's CSV dialect)."""
    ordered = sorted(rows, key=lambda r: (r["report"], int(r["plan_serial"]), int(r["number"])))
    return to_csv(COLUMNS, ordered)


def write_ledger(path: Path, rows: Iterable[Mapping]) -> None:
    """Replace the ledger file in one step (a reader sees the old file or the new one)."""
    path = Path(path)
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.", delete=False) as f:
        f.write(ledger_bytes(rows))
    os.replace(f.name, path)


# ---------------------------------------------------------------- matching

@dataclass(frozen=True)
class Change:
    """What a build did with one id: ``kept``, ``changed-text``, ``new`` or ``retired``."""

    kind: str
    id: str
    report: str
    plan_serial: int
    number: int
    text: str              # the text extracted now (the ledger's for a retired id)
    old_text: str = ""     # the ledger's text, when it differs


def _match_plan(texts: list[str], entries: list[dict]) -> dict[int, dict]:
    """Item index -> ledger entry: same fingerprint first, then best similarity >= THRESHOLD."""
    matched: dict[int, dict] = {}
    free = sorted((e for e in entries if not e["retired"]), key=lambda e: e["number"])
    for i, text in enumerate(texts):
        fp = fingerprint(text)
        entry = next((e for e in free if e["fingerprint"] == fp), None)
        if entry is not None:
            matched[i] = entry
            free.remove(entry)
    pairs = sorted(((similarity(texts[i], e["text"]), -e["number"], -i, i, e["number"])
                    for i in range(len(texts)) if i not in matched for e in free), reverse=True)
    taken = set()
    for score, _, _, i, number in pairs:
        if score >= THRESHOLD and i not in matched and number not in taken:
            matched[i] = next(e for e in free if e["number"] == number)
            taken.add(number)
    return matched


def assign_ids(key: str, extractions: Mapping[int, Extraction], ledger: list[dict]
               ) -> tuple[dict[int, Extraction], list[Change]]:
    """Number one report's recommendations from the ledger (pure: neither reads nor writes files).

    ``key`` is the report's :func:`report_key`; each recommendation's ``index`` becomes its
    ledger number, which the RDF writer turns into its id and IRI.  Returns the renumbered
    extractions and one :class:`Change` per id (kept, changed-text, new, retired).
    """
    by_plan: dict[int, list[dict]] = {}
    for e in ledger:
        if e["report"] == key:
            by_plan.setdefault(e["plan_serial"], []).append(e)
    out, changes = {}, []
    for serial in sorted(set(extractions) | set(by_plan)):
        ex = extractions.get(serial, Extraction())
        entries = by_plan.get(serial, [])
        matched = _match_plan([r.text for r in ex.recommendations], entries)
        next_number = max((e["number"] for e in entries), default=0) + 1
        recs = []
        for i, rec in enumerate(ex.recommendations):
            entry = matched.get(i)
            if entry is None:
                number, next_number = next_number, next_number + 1
                kind, old = "new", ""
            else:
                number, old = entry["number"], entry["text"]
                kind = "kept" if entry["fingerprint"] == fingerprint(rec.text) else "changed-text"
            recs.append(replace(rec, index=number))
            changes.append(Change(kind, _id(key, serial, number), key, serial, number, rec.text,
                                  old if kind == "changed-text" else ""))
        used = {id(e) for e in matched.values()}
        changes += [Change("retired", e["id"], key, serial, e["number"], e["text"])
                    for e in entries if id(e) not in used and not e["retired"]]
        if serial in extractions:
            out[serial] = replace(ex, recommendations=recs)
    return out, changes


def _id(key: str, serial: int, number: int) -> str:
    ministry, year = key.rsplit("-", 1)
    return recommendation_id(ministry, int(year), serial, number)


# ---------------------------------------------------------------- what the build says, what sync writes

def held(report: Report, key: str, ledger: list[dict]) -> bool:
    """Whether the ledger was synced from this very document (then the build is held to it)."""
    return any(e["report"] == key and e["sha256"] == report.sha256 for e in ledger)


def verdict(report: Report, changes: list[Change], ledger: list[dict], ledger_file: str
            ) -> tuple[list[Problem], list[str]]:
    """Problems (the ledger is out of date for a document it holds) or warnings (any other document)."""
    pending = [c for c in changes if c.kind != "kept"]
    if not pending:
        return [], []
    counts = ", ".join(f"{sum(c.kind == k for c in pending)} {k}" for k in ("new", "changed-text", "retired")
                       if any(c.kind == k for c in pending))
    key = changes[0].report
    if held(report, key, ledger):
        return [Problem(ledger_file, 0, f"out of date for {report.path} ({counts}, e.g. {c.kind} {c.id}); "
                                        f"review and record them with `{SYNC}` (try `{SYNC} --dry-run` first)")
                for c in pending[:1]], []
    known = any(e["report"] == key for e in ledger)
    why = "is in the ledger for another document" if known else "is not in the ledger"
    return [], [f"{report.path}: report {key} {why}: its recommendation ids are provisional ({counts}); "
                f"`{SYNC}` issues them"]


def sync_rows(ledger: list[dict], changes: list[Change], sha256: Mapping[str, str], today: str) -> list[dict]:
    """The ledger after recording ``changes``: new ids issued, texts updated, ids retired, never removed.

    ``sha256`` maps each synced report key to its document's checksum.
    """
    rows = {e["id"]: {c: e[c] for c in COLUMNS} for e in ledger}
    for c in changes:
        if c.kind == "new":
            rows[c.id] = {"id": c.id, "report": c.report, "plan_serial": c.plan_serial, "number": c.number,
                          "fingerprint": fingerprint(c.text), "text": c.text, "issued_text": c.text,
                          "sha256": "", "issued": today, "retired": ""}
        elif c.kind == "changed-text":
            rows[c.id].update(fingerprint=fingerprint(c.text), text=c.text)
        elif c.kind == "retired":
            rows[c.id]["retired"] = today
    for row in rows.values():
        if row["report"] in sha256 and not row["retired"]:
            row["sha256"] = sha256[row["report"]]
    return list(rows.values())


def format_changes(changes: list[Change], dry_run: bool) -> str:
    """``ids sync`` output: every id that is not simply kept, then the counts."""
    lines = []
    for c in changes:
        if c.kind == "changed-text":
            lines.append(f"changed-text {c.id}: {c.old_text} -> {c.text}")
        elif c.kind != "kept":
            lines.append(f"{c.kind} {c.id}: {c.text}")
    counts = {k: sum(c.kind == k for c in changes) for k in ("kept", "new", "changed-text", "retired")}
    verb = "would record" if dry_run else "recorded"
    lines.append(f"{verb}: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
    return "\n".join(lines)


def retired_ids(ledger: Iterable[Mapping]) -> dict[str, str]:
    """Every id the ledger issued -> its retired date ('' if not retired): a status update naming one
    that no recommendation carries now is told it was retired, not that it is unknown."""
    return {e["id"]: e["retired"] for e in ledger}


def apply_ledger(report: Report, extractions: Mapping[int, Extraction], ministry_code: str, ledger: list[dict],
                 ledger_file: str) -> tuple[dict[int, Extraction], list[Problem], list[str]]:
    """:func:`assign_ids` then :func:`verdict`: the build's one call per document."""
    numbered, changes = assign_ids(report_key(ministry_code, report.fiscal_year), extractions, ledger)
    problems, warnings = verdict(report, changes, ledger, ledger_file) if changes else ([], [])
    return numbered, problems, warnings

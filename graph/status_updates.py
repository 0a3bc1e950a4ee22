"""Status-update files: ``data/status-updates/*.csv``, one row per update (columns :data:`COLUMNS`),
read and checked (every problem as ``file:line``) and appended to under a lock, never rewritten.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from recgraph.model import InputError, Problem
from recgraph.namespace import VOCAB
from recgraph.status_vocab import Vocabulary, load_vocabulary

COLUMNS = ["recommendation", "date", "acceptance", "implementation", "note", "evidence", "reported_by", "target_date"]
OPTIONAL = ["target_date"]      # files written before it existed have the other columns only
DEFAULT_UPDATES = Path(__file__).resolve().parent.parent / "data" / "status-updates"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class StatusUpdate:
    """One row of a status-update file; statuses are concept IRIs (None when not stated)."""

    recommendation: str
    date: str
    acceptance: str | None = None
    implementation: str | None = None
    note: str = ""
    evidence: str = ""
    reported_by: str = ""
    source: str = ""
    line: int = 0
    target_date: str = ""


def check_status_fields(row: dict[str, str], vocab: Vocabulary, date_name: str = "date",
                        target_name: str = "target_date") -> tuple[dict[str, str | None], list[str]]:
    """A row's statuses resolved to concepts, and what is wrong with its dates and statuses.

    Shared by update files and imported agency responses (graph.responses), which name the two
    date columns differently in their messages.
    """
    found, statuses = [], {}
    if not is_date(row["date"]):
        found.append(f"bad {date_name} {row['date']!r}; expected YYYY-MM-DD")
    if row["target_date"] and not is_date(row["target_date"]):
        found.append(f"bad {target_name} {row['target_date']!r}; expected YYYY-MM-DD or nothing")
    for dim in ("acceptance", "implementation"):
        if row[dim]:
            statuses[dim] = vocab.lookup(dim, row[dim])
            if statuses[dim] is None:
                known = ", ".join(sorted(vocab.notation[c] for c in set(vocab.schemes[dim].values())))
                found.append(f"unknown {dim} status {row[dim]!r}; expected one of {known}")
    if not row["acceptance"] and not row["implementation"]:
        found.append("neither an acceptance nor an implementation status")
    return statuses, found


def parse_updates(data: bytes, path: str, vocab: Vocabulary | None = None) -> tuple[list[StatusUpdate], list[Problem]]:
    """Parse one update file's bytes; return the well-formed rows and the problems of the others."""
    vocab = vocab or load_vocabulary()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[:e.start].count(b"\n") + 1
        return [], [Problem(path, line, f"not UTF-8 (byte {e.start}: {data[e.start:e.start + 4]!r}); save the file as UTF-8")]
    rows, problems = [], []
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    columns = [h.strip() for h in header or []]
    if columns not in (COLUMNS, COLUMNS[:-len(OPTIONAL)]):
        return [], [Problem(path, 1, f"expected the header {','.join(COLUMNS)} (target_date may be left out)")]
    start = reader.line_num + 1
    for cells in reader:
        line, start = start, reader.line_num + 1
        if not cells or not any(c.strip() for c in cells):
            continue
        if len(cells) != len(columns):
            problems.append(Problem(path, line, f"malformed row: {len(cells)} fields, expected {len(columns)}"))
            continue
        row = {"target_date": "", **dict(zip(columns, (c.strip() for c in cells)))}
        statuses, found = check_status_fields(row, vocab)
        if not row["recommendation"]:
            found.insert(0, "no recommendation id")
        if found:
            problems.extend(Problem(path, line, m) for m in found)
            continue
        rows.append(StatusUpdate(row["recommendation"], row["date"], statuses.get("acceptance"),
                                 statuses.get("implementation"), row["note"], row["evidence"],
                                 row["reported_by"], path, line, row["target_date"]))
    return rows, problems


def is_date(value: str) -> bool:
    if not _DATE.match(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def check_updates(updates: list[StatusUpdate], open_since: Mapping[str, str],
                  today: dt.date | None = None, retired: Mapping[str, str] = {}) -> list[Problem]:
    """Problems of well-formed rows against the graph: unknown or retired id, date out of range, conflicts.

    ``retired``: ids the id ledger issued that name no extracted recommendation, with the date
    they were retired ('' when this build retires them).
    """
    today = today or dt.date.today()
    problems, seen = [], {}
    for u in updates:
        where = (u.source, u.line)
        if u.recommendation not in open_since:
            if u.recommendation in retired:
                when = f" on {retired[u.recommendation]}" if retired[u.recommendation] else ""
                problems.append(Problem(*where, f"{u.recommendation} was retired{when}: its text is no longer "
                                                "extracted (see data/recommendation-ids.csv); give the update to "
                                                "the id that names the text now, or remove the row"))
            else:
                problems.append(Problem(*where, f"unknown recommendation id {u.recommendation!r}"))
            continue
        since = open_since[u.recommendation]
        if since and u.date < since:
            problems.append(Problem(*where, f"date {u.date} is before {u.recommendation} was issued ({since})"))
        if u.date > today.isoformat():
            problems.append(Problem(*where, f"date {u.date} is after today ({today.isoformat()})"))
        for dim in ("acceptance", "implementation"):
            value = getattr(u, dim)
            if value is None:
                continue
            key = (u.recommendation, u.date, dim)
            if key in seen and seen[key][0] != value:
                first = seen[key][1]
                problems.append(Problem(*where, f"{u.recommendation} has two different {dim} statuses on {u.date} "
                                                f"(the other at {first.source}:{first.line})"))
            seen.setdefault(key, (value, u))
    return problems


def update_files(location: str | Path = DEFAULT_UPDATES) -> list[Path]:
    """The update files: ``location`` itself if a file, else its ``*.csv`` files sorted by name."""
    location = Path(location)
    if location.is_file():
        return [location]
    return sorted(location.glob("*.csv")) if location.is_dir() else []


def read_updates(location: str | Path | list, open_since: Mapping[str, str], today: dt.date | None = None,
                 vocab: Vocabulary | None = None, retired: Mapping[str, str] = {}) -> list[StatusUpdate]:
    """Read and check every update file; raise InputError naming file:line for every problem."""
    paths = location if isinstance(location, list) else update_files(location)
    updates, problems = [], []
    for path in paths:
        rows, found = parse_updates(Path(path).read_bytes(), str(path), vocab)
        updates += rows
        problems += found
    problems += check_updates(updates, open_since, today, retired)
    if problems:
        raise InputError(problems)
    return updates


def _row_cells(u: StatusUpdate, vocab: Vocabulary) -> list[str]:
    statuses = [vocab.notation.get(vocab.lookup(dim, v) or v, v) if v else ""
                for dim, v in (("acceptance", u.acceptance), ("implementation", u.implementation))]
    return [u.recommendation, u.date, *statuses, u.note, u.evidence, u.reported_by, u.target_date]


def _same(a: StatusUpdate, b: StatusUpdate) -> bool:
    keys = ("recommendation", "date", "acceptance", "implementation", "note", "evidence", "reported_by", "target_date")
    return all(getattr(a, k) == getattr(b, k) for k in keys)


def append_updates(path: str | Path, updates: list[StatusUpdate], open_since: Mapping[str, str], *,
                   others: list[str | Path] = (), today: dt.date | None = None,
                   vocab: Vocabulary | None = None) -> list[StatusUpdate]:
    """Validate ``updates`` with every existing row (of ``path`` and ``others``) and append the new ones.

    Statuses may be concept IRIs, tokens or labels (as typed); they are written as tokens.  A row
    identical to one already recorded is not appended again (imports are idempotent).  Past rows
    are never rewritten; on any problem InputError is raised and nothing is written.  A lock file
    in the folder is held from the check to the append, so concurrent writers never interleave
    and two conflicting updates cannot both land.  Returns the rows appended.
    """
    from filelock import FileLock

    vocab = vocab or load_vocabulary()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(str(path.parent / ".status-updates.lock"), timeout=60):
        existing = path.read_bytes() if path.exists() else b""
        rows, problems = parse_updates(existing, str(path), vocab) if existing else ([], [])
        for other in others:
            if Path(other).resolve() != path.resolve():
                more, found = parse_updates(Path(other).read_bytes(), str(other), vocab)
                rows, problems = more + rows, problems + found
        header = existing.split(b"\n", 1)[0].decode("utf-8-sig").strip() if existing else ",".join(COLUMNS)
        width = len(header.split(","))
        buf = io.StringIO()
        if not existing:
            buf.write(header + "\n")
        fresh = unrecorded(updates, rows, vocab)
        for u in fresh:
            if width < len(COLUMNS) and u.target_date:
                raise InputError([Problem(str(path), 1, "this file has no target_date column; "
                                                        "write target dates to another update file")])
            csv.writer(buf, lineterminator="\n").writerow(_row_cells(u, vocab)[:width])
        if not fresh:
            return []
        sep = b"" if not existing or existing.endswith(b"\n") else b"\n"
        candidate = existing + sep + buf.getvalue().encode("utf-8")
        all_rows, problems2 = parse_updates(candidate, str(path), vocab)
        others_rows = [r for r in rows if r.source != str(path)]
        problems = problems + problems2 + check_updates(others_rows + all_rows, open_since, today)
        if problems:
            raise InputError(problems)
        with path.open("ab") as f:
            f.write(candidate[len(existing):])
    return all_rows[len(all_rows) - len(fresh):]


def unrecorded(updates: list[StatusUpdate], recorded: list[StatusUpdate],
               vocab: Vocabulary | None = None) -> list[StatusUpdate]:
    """The ``updates`` not identical to a ``recorded`` row: what :func:`append_updates` would append."""
    vocab = vocab or load_vocabulary()
    fresh: list[StatusUpdate] = []
    for u in updates:
        r = _resolved(u, vocab)
        if not any(_same(r, old) for old in recorded + fresh):
            fresh.append(r)
    return fresh


def _resolved(u: StatusUpdate, vocab: Vocabulary) -> StatusUpdate:
    """``u`` with its statuses as concept IRIs (as parsed rows carry them)."""
    look = {dim: (vocab.lookup(dim, v) or v) if v and not v.startswith(VOCAB) else v
            for dim, v in (("acceptance", u.acceptance), ("implementation", u.implementation))}
    return StatusUpdate(u.recommendation, u.date, look["acceptance"], look["implementation"], u.note, u.evidence,
                        u.reported_by, u.source, u.line, u.target_date)


def append_update(path: str | Path, update: StatusUpdate, open_since: Mapping[str, str], **kwargs) -> StatusUpdate | None:
    """:func:`append_updates` for one update; None when an identical row is already recorded."""
    appended = append_updates(path, [update], open_since, **kwargs)
    return appended[0] if appended else None

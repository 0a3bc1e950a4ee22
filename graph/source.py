"""Read source documents: decode bytes, check them against the manifest, parse the table.

``data/manifest.csv`` lists each source document with its publisher, title, fiscal year,
language, retrieved date, checksum and origin.  A file without an entry is still read,
its metadata taken from its own title.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from recgraph.model import InputError, Problem, Report
from recgraph.parse import parse_table
from recgraph.csvfile import read_rows

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DEFAULT_MANIFEST = DATA_DIR / "manifest.csv"
MANIFEST_COLUMNS = ["file", "publisher", "title", "fiscal_year", "roc_year", "language",
                    "retrieved", "issued", "sha256", "origin"]
ENCODINGS = ("utf-8", "cp950", "big5hkscs")
MAX_BYTES = 8 * 1024 * 1024
"""Largest source document read (the FY114 seed is 40 KB for 41 plans)."""
MAX_ROWS = 2000
"""Most rows one document may have: 50 times the seed; a build's memory grows with its largest document."""


@dataclass(frozen=True)
class ManifestEntry:
    """Metadata the project records for one source document."""

    file: str
    publisher: str
    title: str
    fiscal_year: int
    roc_year: int
    language: str
    retrieved: str
    issued: str
    sha256: str
    origin: str


def load_manifest(path: str | Path = DEFAULT_MANIFEST) -> dict[str, ManifestEntry]:
    """Manifest entries keyed by file name (relative to the manifest's folder)."""
    path = Path(path)
    if not path.exists():
        return {}
    rows, problems = read_rows(path, MANIFEST_COLUMNS)
    entries: dict[str, ManifestEntry] = {}
    for line, row in rows:
        try:
            entries[Path(row["file"]).name] = ManifestEntry(**{**row, "fiscal_year": int(row["fiscal_year"]),
                                                                "roc_year": int(row["roc_year"])})
        except ValueError:
            problems.append(Problem(str(path), line, "fiscal_year and roc_year must be integers"))
    if problems:
        raise InputError(problems)
    return entries


def manifest_sources(path: str | Path = DEFAULT_MANIFEST) -> list[Path]:
    """The source documents a manifest lists, as paths, in manifest order."""
    path = Path(path)
    if not path.is_file():
        raise InputError([Problem(str(path), 0, "no such manifest file; name source documents, or a manifest "
                                                "listing them (like data/manifest.csv)")])
    return [path.parent / row["file"] for _, row in read_rows(path, MANIFEST_COLUMNS)[0]]


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Decode UTF-8 (with or without BOM) or Big5/CP950; return (text, encoding).

    A file that is UTF-8 up to a bad byte is reported at that byte's line rather than
    being misread as Big5.
    """
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        head = data[:utf8_error.start]
        looks_utf8 = any(b >= 0x80 for b in head)
        if not looks_utf8:
            for encoding in ENCODINGS[1:]:
                try:
                    return data.decode(encoding), encoding
                except UnicodeDecodeError:
                    continue
        line = head.count(b"\n") + 1
        raise InputError([Problem(path, line, f"undecodable bytes (byte {utf8_error.start}: "
                                              f"{data[utf8_error.start:utf8_error.start + 4]!r}); "
                                              "expected UTF-8 or Big5/CP950")]) from None


def read_report(path: str | Path, manifest: dict[str, ManifestEntry] | None = None) -> Report:
    """Read, verify and parse one source document; raise InputError listing every problem."""
    path = Path(path)
    name = str(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise InputError([Problem(name, 0, f"{path.stat().st_size:,} bytes, more than the {MAX_BYTES:,} a "
                                               "document may have; split it into one file per ministry and year")])
        data = path.read_bytes()
    except OSError as e:
        raise InputError([Problem(name, 0, f"cannot read file: {e.strerror}")]) from None
    sha256 = hashlib.sha256(data).hexdigest()
    entry = (manifest or {}).get(path.name)
    if entry and entry.sha256 and entry.sha256 != sha256:
        raise InputError([Problem(name, 0, f"checksum mismatch: manifest says sha256 {entry.sha256}, "
                                           f"file has {sha256}; restore the file the manifest names, or, if it was replaced on "
                                           "purpose, put the new checksum in the manifest")])
    text, encoding = decode(data, name)
    rows = sum(1 for line in text.splitlines() if "\t" in line)
    if rows > MAX_ROWS + text.count("序號"):  # header rows repeat per page and hold tabs too
        raise InputError([Problem(name, 0, f"more than {MAX_ROWS:,} rows, the most a document may have; "
                                           "split it into one file per ministry and year")])
    table, problems = parse_table(text, name)
    if problems:
        raise InputError(problems)
    assert table is not None
    fiscal_year = table.roc_year + 1911
    if entry and (entry.roc_year, entry.fiscal_year) != (table.roc_year, fiscal_year):
        raise InputError([Problem(name, 0, f"manifest says fiscal year {entry.fiscal_year} (ROC {entry.roc_year}), "
                                           f"the title says ROC {table.roc_year}")])
    return Report(
        path=path.name, title=table.title, ministry=table.ministry, roc_year=table.roc_year,
        fiscal_year=fiscal_year, encoding=encoding, sha256=sha256, rows=table.rows,
        publisher=entry.publisher if entry else table.ministry,
        language=entry.language if entry else "zh-Hant",
        retrieved=entry.retrieved if entry else "", issued=entry.issued if entry else "",
        origin=entry.origin if entry else "",
    )


def read_reports(paths: list[str | Path], manifest: dict[str, ManifestEntry]) -> list[Report]:
    """Read several documents, collecting the problems of all of them before failing."""
    reports, problems = [], []
    for p in paths:
        try:
            reports.append(read_report(p, manifest))
        except InputError as e:
            problems.extend(e.problems)
    if problems:
        raise InputError(problems)
    return reports

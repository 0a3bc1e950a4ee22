"""The curated table of government agencies (``data/agencies.csv``) and name resolution.

One table resolves both the lead-agency column and agencies named in opinion text, so
``數產署`` and ``數位產業署`` are the same organisation wherever they are written.

>>> table = load_agencies(DEFAULT_AGENCIES)
>>> table.resolve("數 產 署").code
'moda-adi'
>>> table.resolve("資安署").name_en
'Administration for Cyber Security'
>>> table.resolve("新設署") is None
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from recgraph.model import InputError, Problem
from recgraph.tables import read_rows
from recgraph.vocab import data_path

DEFAULT_AGENCIES = data_path("agencies.csv")
COLUMNS = ["code", "name_zh", "name_en", "short_forms", "parent", "level"]


@dataclass(frozen=True)
class Agency:
    """One organisation: its code (IRI local name), official names, short forms and parent."""

    code: str
    name_zh: str
    name_en: str
    short_forms: tuple[str, ...]
    parent: str
    level: str

    @property
    def names(self) -> tuple[str, ...]:
        """Every way of writing this agency, official name first."""
        return (self.name_zh, *self.short_forms)


@dataclass(frozen=True)
class AgencyTable:
    """All agencies, indexed by every name and short form."""

    agencies: tuple[Agency, ...]

    def __post_init__(self):
        index: dict[str, Agency] = {}
        for agency in self.agencies:
            for name in agency.names:
                index.setdefault(name, agency)
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_codes", {a.code: a for a in self.agencies})

    def resolve(self, name: str) -> Agency | None:
        """The agency written as ``name`` (spaces ignored), or None if the table lacks it."""
        return self._index.get(re.sub(r"\s+", "", name))

    def by_code(self, code: str) -> Agency | None:
        return self._codes.get(code)

    def names(self) -> dict[str, Agency]:
        """Every name and short form mapped to its agency."""
        return dict(self._index)


def load_agencies(path: str | Path = DEFAULT_AGENCIES) -> AgencyTable:
    """Read the agency table; every malformed row is reported at once as ``file:line: ...``."""
    path = Path(path)
    rows, problems = read_rows(path, COLUMNS)
    agencies: list[Agency] = []
    for line, row in rows:
        if not row["code"] or not row["name_zh"]:
            problems.append(Problem(str(path), line, "code and name_zh are required"))
            continue
        shorts = tuple(s for s in row["short_forms"].split(";") if s)
        agencies.append(Agency(row["code"], row["name_zh"], row["name_en"], shorts, row["parent"], row["level"]))
    codes = {a.code for a in agencies}
    for a in agencies:
        if a.parent and a.parent not in codes:
            problems.append(Problem(str(path), 0, f"agency {a.code}: unknown parent {a.parent}"))
    if problems:
        raise InputError(problems)
    return AgencyTable(tuple(agencies))

"""The curated table of government agencies (``data/agencies.csv``) and name resolution.

One table resolves both the lead-agency column and agencies named in opinion text, so
``數產署`` and ``數位產業署`` are the same organisation wherever they are written.  Names come in
two kinds:

* **global** names (the official name, the listed short forms, and the official name after its
  parent's when the table writes it without: 數位發展部數位產業署) resolve anywhere;
* a unit's **local** name, its official name without its parent's prefix (``資訊處`` of
  ``衛生福利部資訊處``), resolves only within its ministry, as in that ministry's own table.

Units that were created, renamed or merged carry ``valid_from``/``valid_until`` dates and a
``successor``; when one name has named several units (``海巡署`` before and after 2018), the
unit that existed in the document's fiscal year is chosen.

>>> table = load_agencies(DEFAULT_AGENCIES)
>>> table.resolve("數 產 署").code
'moda-adi'
>>> table.resolve("資安署").name_en
'Administration for Cyber Security'
>>> table.resolve("新設署") is None
True
>>> table.resolve("資訊處") is None, table.resolve("資訊處", ministry="mohw").code
(True, 'mohw-dim')
>>> table.resolve("海巡署", year=2017).code, table.resolve("海巡署", year=2024).code
('cga-old', 'oac-cga')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from datetime import date
from pathlib import Path

from recgraph.model import InputError, Problem
from recgraph.csvfile import read_rows
from recgraph.vocab import data_path

DEFAULT_AGENCIES = data_path("agencies.csv")
COLUMNS = ["code", "name_zh", "name_en", "short_forms", "parent", "level"]
DATED_COLUMNS = [*COLUMNS, "valid_from", "valid_until", "successor"]
TOP = ("", "ey")
"""Parents that make a unit a ministry of its own (the Executive Yuan, or no parent at all)."""


@dataclass(frozen=True)
class Agency:
    """One organisation: its code (IRI local name), official names, short forms, parent and dates."""

    code: str
    name_zh: str
    name_en: str
    short_forms: tuple[str, ...]
    parent: str
    level: str
    valid_from: str = ""
    valid_until: str = ""
    successor: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        """Every global way of writing this agency, official name first."""
        return (self.name_zh, *self.short_forms)

    def existed_in(self, year: int) -> bool:
        """Whether the unit existed at some time in calendar (fiscal) year ``year``."""
        return (not self.valid_from or int(self.valid_from[:4]) <= year) and (
            not self.valid_until or int(self.valid_until[:4]) >= year)

    def days_in(self, year: int) -> int:
        """The days of calendar (fiscal) year ``year`` the unit existed: of two names a unit had in
        one year (入出國及移民署 until 2015-01-01, then 移民署), the one it had longest wins."""
        first = max(date(year, 1, 1), date.fromisoformat(self.valid_from) if self.valid_from else date.min)
        last = min(date(year, 12, 31), date.fromisoformat(self.valid_until) if self.valid_until else date.max)
        return max(0, (last - first).days + 1)


def _longest_in(agencies: list[Agency], year: int) -> list[Agency]:
    """Those of ``agencies`` that existed the most days of ``year``."""
    longest = max((a.days_in(year) for a in agencies), default=0)
    return [a for a in agencies if a.days_in(year) == longest]


_SELF = re.compile(r"本(部|會|署|局|院|處|總處|中心)")
"""How a table names its own publishing body as a plan's lead unit (本署: the administration itself)."""
_EXECUTIVE_YUAN = "行政院"


def _key(name: str) -> str:
    return re.sub(r"\s+", "", name).replace("台", "臺")


def _prefixed_names(agency: Agency, parent: Agency) -> tuple[str, ...]:
    """A unit written after its parent, each in any of its forms: 數位發展部數位產業署, 環保署空保處,
    原能會綜合計畫處 (the parent's full name or a short form, then the unit's own name or a short form)."""
    own = agency.name_zh[len(parent.name_zh):] if agency.name_zh.startswith(parent.name_zh) else agency.name_zh
    return tuple(p + u for p in (parent.name_zh, *parent.short_forms) for u in (own, *agency.short_forms) if u)


@dataclass(frozen=True)
class AgencyTable:
    """All agencies, indexed by every global name and by (ministry, local name)."""

    agencies: tuple[Agency, ...]

    def __post_init__(self):
        codes = {a.code: a for a in self.agencies}
        global_names: dict[str, list[Agency]] = {}
        local_names: dict[tuple[str, str], list[Agency]] = {}
        for agency in self.agencies:
            parent = codes.get(agency.parent)
            prefixed = _prefixed_names(agency, parent) if parent and parent.level != "yuan" else ()
            for name in dict.fromkeys(_key(n) for n in (*agency.names, *prefixed)):
                global_names.setdefault(name, []).append(agency)
            if parent and agency.name_zh.startswith(parent.name_zh) and agency.name_zh != parent.name_zh:
                local = _key(agency.name_zh[len(parent.name_zh):])
                local_names.setdefault((self._ministry(agency, codes), local), []).append(agency)
        object.__setattr__(self, "_codes", codes)
        object.__setattr__(self, "_global", global_names)
        object.__setattr__(self, "_local", local_names)
        object.__setattr__(self, "_hash", hash(self.agencies))

    def __hash__(self) -> int:
        """The dataclass's hash (of ``agencies``), computed once: the table is the cache key of its
        compiled mention pattern (graph.mentions), looked up for every sentence; hashing every
        agency's fields each time took a fifth of extracting the seed."""
        return self._hash

    @staticmethod
    def _ministry(agency: Agency, codes: dict[str, Agency]) -> str:
        seen = set()
        while agency.parent not in TOP and agency.parent in codes and agency.code not in seen:
            seen.add(agency.code)
            agency = codes[agency.parent]
        return agency.code

    def ministry_of(self, code: str) -> str:
        """The code of the ministry, council or commission a unit belongs to (itself at the top)."""
        return self._ministry(self._codes[code], self._codes)

    def lineage(self, code: str) -> set[str]:
        """``code`` and the bodies it was renamed from or into (行政院大陸委員會 and 大陸委員會): a
        document of one may name units recorded under the other (法政處 kept its name in 2018)."""
        line, grew = {code}, True
        while grew:
            more = {a.successor for a in self.agencies if a.code in line and a.successor} | \
                   {a.code for a in self.agencies if a.successor in line}
            grew = not more <= line
            line |= more
        return line

    def candidates(self, name: str, ministry: str | None = None) -> list[Agency]:
        """Every agency ``name`` may denote: its global bearers and, within ``ministry``, local ones."""
        key = _key(name)
        found = list(self._global.get(key, []))
        if ministry:
            found += [a for a in self._local.get((ministry, key), []) if a not in found]
        return found

    def resolve(self, name: str, ministry: str | None = None, year: int | None = None) -> Agency | None:
        """The one agency written as ``name`` (spaces ignored), or None if unknown or still ambiguous.

        Ties are broken by the ministry the document belongs to, then by the units that existed in
        its fiscal ``year``, then by the bodies the ministry was renamed from or into
        (:meth:`lineage`), then by the unit that existed longest in that year.  本署, 本會, 本部 ...
        is the document's own ``ministry`` when its name ends so; an unknown 行政院X is X (the
        councils that dropped the Executive Yuan from their names kept their identity).
        """
        key = _key(name)
        own = self._codes.get(ministry or "")
        if own and _SELF.fullmatch(key) and own.name_zh.endswith(key[1:]):
            return own
        found = self.candidates(name, ministry)
        if not found and key.startswith(_EXECUTIVE_YUAN) and len(key) > len(_EXECUTIVE_YUAN):
            found = self.candidates(key[len(_EXECUTIVE_YUAN):], ministry)
        for keep in self._tie_breaks(ministry, year):
            if len(found) <= 1:
                break
            found = [a for a in found if keep(a, found)] or found
        return found[0] if len(found) == 1 else None

    def _tie_breaks(self, ministry: str | None, year: int | None) -> list:
        """The tests :meth:`resolve` narrows candidates by, in order (each given the candidates left)."""
        tests = []
        if ministry:
            tests.append(lambda a, _: self.ministry_of(a.code) == ministry)
        if year is not None:
            tests.append(lambda a, _: a.existed_in(year))
        if ministry:
            tests.append(lambda a, _: self.ministry_of(a.code) in self.lineage(ministry))
        if year is not None:
            tests.append(lambda a, left: a in _longest_in(left, year))
        return tests

    def by_code(self, code: str) -> Agency | None:
        return self._codes.get(code)

    def names(self, year: int | None = None) -> dict[str, Agency]:
        """Every global name and short form that denotes exactly one agency, mapped to it; in
        ``year``, also a name successive bodies bore (one :meth:`lineage`: 國科會, 海巡署), for the
        one that existed longest that year (a name several bodies bear at once stays out).

        >>> load_agencies().names(2013)["國科會"].code, load_agencies().names(2024)["國科會"].code
        ('nsc', 'nstc')
        """
        out = {}
        for name, found in self._global.items():
            if year is not None and len(found) > 1 and {a.code for a in found} <= self.lineage(found[0].code):
                found = _longest_in([a for a in found if a.existed_in(year)], year)
            if len(found) == 1:
                out[name] = found[0]
        return out

    def ambiguous_names(self) -> dict[str, tuple[Agency, ...]]:
        """Global names shared by several agencies (resolved only with ministry or year context)."""
        return {name: tuple(found) for name, found in self._global.items() if len(found) > 1}


def _date_problem(value: str) -> str | None:
    if not value:
        return None
    try:
        date.fromisoformat(value)
    except ValueError:
        return f"{value!r} is not a date; write YYYY-MM-DD"
    return None


def load_agencies(path: str | Path = DEFAULT_AGENCIES) -> AgencyTable:
    """Read the agency table; every malformed row is reported at once as ``file:line: ...``.

    The date columns (``valid_from``, ``valid_until``, ``successor``) are optional: a table with
    only the first six columns is read as undated.  The table is read once per file version (the
    build asks for it per document and per status assertion; it is immutable).
    """
    path = Path(path)
    try:
        stat = path.stat()
    except OSError:
        return _read_agencies(path)
    return _cached_agencies(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=8)
def _cached_agencies(path: str, mtime_ns: int, size: int) -> AgencyTable:
    return _read_agencies(Path(path))


def _read_agencies(path: Path) -> AgencyTable:
    try:
        rows, problems = read_rows(path, DATED_COLUMNS)
    except InputError:
        rows, problems = read_rows(path, COLUMNS)
    agencies: list[Agency] = []
    lines: dict[str, int] = {}
    for line, row in rows:
        if not row["code"] or not row["name_zh"]:
            problems.append(Problem(str(path), line, "code and name_zh are required"))
            continue
        if not row["code"].isascii() or not re.fullmatch(r"[a-z0-9][a-z0-9-]*", row["code"]):
            problems.append(Problem(str(path), line, f"code {row['code']!r}: use lower-case ASCII letters, digits and -"))
            continue
        if row["code"] in lines:
            problems.append(Problem(str(path), line, f"code {row['code']} already on line {lines[row['code']]}"))
            continue
        lines[row["code"]] = line
        for column in ("valid_from", "valid_until"):
            problem = _date_problem(row.get(column, ""))
            if problem:
                problems.append(Problem(str(path), line, f"{column}: {problem}"))
        shorts = tuple(s.strip() for s in row["short_forms"].split(";") if s.strip())
        agencies.append(Agency(row["code"], row["name_zh"], row["name_en"], shorts, row["parent"], row["level"],
                               row.get("valid_from", ""), row.get("valid_until", ""), row.get("successor", "")))
    codes = {a.code for a in agencies}
    for a in agencies:
        if a.parent and a.parent not in codes:
            problems.append(Problem(str(path), lines[a.code], f"agency {a.code}: unknown parent {a.parent}"))
        if a.successor and a.successor not in codes:
            problems.append(Problem(str(path), lines[a.code], f"agency {a.code}: unknown successor {a.successor}"))
    if problems:
        raise InputError(problems)
    return AgencyTable(tuple(agencies))

"""Agencies named in evaluation opinions, resolved through the curated agency table.

Only agencies in ``data/agencies.csv`` are found (official names and short forms); there is no
generic "…部/…署" fallback, so an unknown body is never invented.  Rules:

* Longest name wins: ``交通部民用航空局`` is the Civil Aeronautics Administration, not 交通部.
* A name is not a mention when its last character starts an ordinary word that runs on past it
  (``交通部分`` is 交通 + 部分 "the transport part", ``經濟部門`` is "the economic sector");
  see :data:`RUN_ON_WORDS`.  Ambiguous short forms are left out of the table instead of being
  special-cased here.
* Spaces inside a name and 臺/台 are tolerated, as in the theme tagger.

>>> from recgraph.agencies import load_agencies
>>> table = load_agencies()
>>> [(code, s.exact) for code, s in find_agency_mentions_in_text(
...     "交通部民用航空局與資安署合作；交通部分則由經濟部門負責", table)]
[('caa', '交通部民用航空局'), ('moda-acs', '資安署')]
"""

from __future__ import annotations

import re
from functools import lru_cache

from recgraph.agencies import AgencyTable
from recgraph.model import AgencyMention, PlanRow, Span, evidence_span
from recgraph.regex_literals import dispatch
from recgraph.themes import label_atoms, normalise

RUN_ON_WORDS = ("部分", "部份", "部門", "部落", "部位", "部署", "司法", "署名", "會議", "會勘", "會計師")
"""Words that begin with the last character of an agency name.  A name followed by the rest of
one of these words is not a mention: 交通部分 reads 交通/部分, 輔導會計師 輔導/會計師 (but 金管會計畫
is 金管會/計畫)."""

RUN_ON_EXCEPTIONS = ("部分別", "部分享", "部分析", "部分工", "部分配", "部分送", "部分發")
"""Longer readings that restore the name: 教育部分別辦理 is 教育部 + 分別."""


@lru_cache(maxsize=32)
def _compile(table: AgencyTable, year: int | None = None) -> tuple[re.Pattern, dict[str, str]]:
    """One alternation of every name in ``table`` (that denotes one agency in ``year``: 國科會 is
    nsc in 2013, nstc in 2024, and no mention without a year), longest first, and normalised name -> code.

    The alternation is preceded by a lookahead for the names' first characters (one character
    class): without it the engine tried each of ~1,400 names at every position of every sentence
    (a tenth of a document's extraction); with it the same matches are found ~7x faster.  Where one
    can start, :func:`recgraph.regex_literals.dispatch` tries only the names starting with the
    character there, in the same order."""
    codes: dict[str, str] = {}
    named = table.names(year)
    for name, agency in sorted(named.items()):
        codes.setdefault(normalise(name), agency.code)
    names = [n for n in sorted(named, key=lambda n: (-len(normalise(n)), n)) if normalise(n)]
    atoms = [label_atoms(n) for n in names]
    firsts = sorted({next(a for a in seq if not a.startswith("(?")) for seq in atoms})  # past a lookbehind
    alternatives = ["".join(seq) for seq in atoms]
    tried = dispatch(alternatives) or f"(?:{'|'.join(alternatives)})"  # the same first match, found sooner
    pattern = re.compile(f"(?={'|'.join(firsts)}){tried}")
    return pattern, codes


def _runs_on(text: str, end: int) -> bool:
    """Whether the name ending at ``end`` is really the first half of a longer word."""
    tail = text[end - 1:end + 2]
    return tail.startswith(RUN_ON_WORDS) and not tail.startswith(RUN_ON_EXCEPTIONS)


def find_agency_mentions_in_text(text: str, table: AgencyTable, year: int | None = None) -> list[tuple[str, Span]]:
    """(agency code, span) for every table agency named in ``text`` (as in fiscal ``year``), in text order."""
    if not table.agencies:
        return []
    pattern, codes = _compile(table, year)
    out = []
    for m in pattern.finditer(text):
        code = codes.get(normalise(m.group()))
        if code is None or _runs_on(text, m.end()):
            continue
        out.append((code, evidence_span(text, m.start(), m.end())))
    return out


def find_agency_mentions(row: PlanRow, table: AgencyTable, year: int | None = None) -> list[AgencyMention]:
    """Agencies named in each sentence of a plan's opinion (as in fiscal ``year``); spans point into
    the sentence text."""
    return [AgencyMention(code, para.index, sent.index, span)
            for para in row.paragraphs for sent in para.sentences
            for code, span in find_agency_mentions_in_text(sent.text, table, year)]

"""Word breaks: common word pairs a theme label must not straddle (Chinese is written without spaces).

A label can match across the boundary of two words: 育種 (breeding) inside 教育＋種子 (金融教育種子教師),
低碳 inside 降低＋碳排, 輸出 inside 傳輸＋出勤, 標案 inside 指標＋案件.  ``data/theme-word-breaks.tsv``
lists such pairs, written with ``|`` between the words (``教育|種子``); a label match that crosses the
``|`` and starts or ends inside one of the two words is not a mention, whatever the label and its
concept.  A label that covers whole words (種子 alone, 教育種子 as a label) is not affected.

>>> breaks = load_word_breaks()
>>> text = "培訓金融教育種子教師"
>>> crosses_break(text, text.index("育種"), text.index("育種") + 2, breaks)
True
>>> crosses_break("推動作物育種", 4, 6, breaks)
False
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from recgraph.csvfile import read_tsv_rows
from recgraph.model import InputError, Problem
from recgraph.vocab import data_path

DEFAULT_WORD_BREAKS = data_path("theme-word-breaks.tsv")
_COLUMNS = ["words", "label", "example"]


@dataclass(frozen=True)
class WordBreaks:
    """The compiled word pairs: one pattern finding every pair (overlapping) and each pair's cut."""

    pattern: re.Pattern | None
    """Zero-width lookahead capturing any pair written without its ``|``; None: no pairs."""
    cuts: dict[str, int]
    """Pair written without ``|`` -> length of its first word (where the cut is)."""
    longest: int = 0
    """The length of the longest pair: how far around a match its pairs are looked for."""


NO_BREAKS = WordBreaks(None, {})


def load_word_breaks(path: str | Path = DEFAULT_WORD_BREAKS) -> WordBreaks:
    """Read the word-pair table; a row whose label does not straddle its pair's cut is reported
    as ``file:line: problem`` (the row would guard nothing)."""
    path = Path(path)
    cuts: dict[str, int] = {}
    table, problems = read_tsv_rows(path, _COLUMNS)
    for n, raw in table:
        cells = [c.strip() for c in raw]
        if len(cells) != len(_COLUMNS) or cells[0].count("|") != 1:
            problems.append(Problem(str(path), n, "expected words (two words joined by one |), label, example"))
            continue
        first, second = cells[0].split("|")
        pair, label = first + second, cells[1]
        at = pair.find(label)
        if not first or not second or at < 0 or not at < len(first) < at + len(label) \
                or (at == 0 and at + len(label) == len(pair)):
            problems.append(Problem(str(path), n, f"label {label!r} must straddle the | of {cells[0]!r}"))
            continue
        if pair not in cells[2]:
            problems.append(Problem(str(path), n, f"the example must contain {pair!r}"))
            continue
        cuts[pair] = len(first)
    if problems:
        raise InputError(problems)
    return compile_word_breaks(cuts)


def compile_word_breaks(cuts: dict[str, int]) -> WordBreaks:
    """The :class:`WordBreaks` of ``cuts`` (pair -> length of its first word)."""
    if not cuts:
        return NO_BREAKS
    alternatives = "|".join(re.escape(p) for p in sorted(cuts, key=lambda p: (-len(p), p)))
    return WordBreaks(re.compile(f"(?=({alternatives}))"), dict(cuts), max(map(len, cuts)))


def crosses_break(text: str, start: int, end: int, breaks: WordBreaks) -> bool:
    """Whether ``text[start:end]`` straddles the cut of a listed pair and starts or ends inside one
    of its words (育種 in 教育|種子), i.e. it is not a word of the text."""
    if breaks.pattern is None:
        return False
    longest = breaks.longest
    for hit in breaks.pattern.finditer(text, max(0, start - longest), min(len(text), end + longest)):
        p = hit.start()
        pair = hit.group(1)
        cut, stop = p + breaks.cuts[pair], p + len(pair)
        if start < cut < end and (p < start < cut or cut < end < stop):
            return True
    return False

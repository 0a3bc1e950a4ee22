"""Numbers as evaluation opinions write them, and the quantities (number + unit) they form.

Arabic numbers with thousands separators and decimals (``48,195``, ``99.9``), compound numbers
with a Chinese magnitude inside (``1萬2,000``, ``3萬2,156``, ``1億2,000萬``, ``2兆1,000億``) and Chinese numerals
(``四``, ``兩千三百``, ``九十八``; a lone ``百``/``千`` only after 逾/近/約: ``逾百家``).  A number is
a quantity only when a unit follows it (``85.19億元``: magnitude 億 kept in the unit and multiplied
into the value).  Which words are units is data (``data/figure-rules.tsv``).

>>> parse_chinese("兩千三百"), parse_chinese("九十八"), parse_chinese("十二"), parse_chinese("百")
(Decimal('2300'), Decimal('98'), Decimal('12'), Decimal('100'))
>>> parse_arabic("1萬2,000"), parse_arabic("3萬2,156"), parse_arabic("1億2,000")
(Decimal('12000'), Decimal('32156'), Decimal('100002000'))
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from decimal import Decimal, InvalidOperation

from recgraph.figure_rules import FigureRules
from recgraph.memo import by_identity

_DIGIT = "0-9０-９"
_ARABIC = rf"[{_DIGIT}]{{1,3}}(?:[,，][{_DIGIT}]{{3}})+(?:[.．][{_DIGIT}]+)?|[{_DIGIT}]+(?:[.．][{_DIGIT}]+)?"
NUMBER = re.compile(
    rf"((?<![{_DIGIT}A-Za-zＡ-Ｚａ-ｚ.\-_/．－])(?:(?:{_ARABIC})兆)?(?:(?:{_ARABIC})億)?(?:(?:{_ARABIC})萬)?(?:{_ARABIC})"
    rf"|(?<![{_DIGIT}.．])[零〇一二兩三四五六七八九十百千]*[一二兩三四五六七八九十百千][零〇一二兩三四五六七八九十百千萬億兆]*)"
)
"""An Arabic number (a compound one only when digits follow each magnitude; not inside a code such as
PM2.5 or A1) or a Chinese numeral (also right after Latin letters: 簽署MOU九件)."""
LATIN_GLUED = re.compile(rf"(?<=[A-Za-zＡ-Ｚａ-ｚ]{{2}})({_ARABIC})")
"""An Arabic number written right after a Latin word (CCTV45支): a count only before a latin-count-unit."""
_CODE_AFTER = re.compile(r"[A-Za-zＡ-Ｚａ-ｚ\-－_/]")
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"萬": 10_000, "億": 100_000_000}
_ARABIC_BIG = {**_CN_BIG, "兆": 1_000_000_000_000}
_LONE = ("百", "千", "一百", "一千")
"""Numerals that are words as often as numbers (百家爭鳴, 統一套用): figures only after a comparator."""


def parse_chinese(written: str) -> Decimal:
    """The value of a Chinese numeral (一…九, 兩, 十, 百, 千, 萬, 億, 兆); 萬 scales only what follows
    the last 億, 億 only what follows the last 兆 (三億一千萬 is 310,000,000, not 3億 and 1千 both taken to 萬s).

    >>> [int(parse_chinese(w)) for w in ("十二萬", "一萬二千", "三億一千萬", "一千一百萬", "一億二千萬三千", "二兆一千億")]
    [120000, 12000, 310000000, 11000000, 120003000, 2100000000000]
    """
    trillion, above, wan, section, digit = 0, 0, 0, 0, 0  # the 兆 part, the 億 part, the 萬 part, below 萬
    for ch in written:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch in _CN_SMALL:
            section += (digit or 1) * _CN_SMALL[ch]
            digit = 0
        elif ch == "萬":
            wan += (section + digit) * _CN_BIG[ch]
            section, digit = 0, 0
        elif ch == "億":
            above = (above + wan + section + digit) * _CN_BIG[ch]
            wan, section, digit = 0, 0, 0
        elif ch == "兆":
            trillion += (above + wan + section + digit) * _ARABIC_BIG[ch]
            above, wan, section, digit = 0, 0, 0, 0
    return Decimal(trillion + above + wan + section + digit)


def parse_arabic(written: str) -> Decimal:
    """The value of an Arabic number, compound magnitudes (1萬2,000) added up; full width allowed."""
    plain = unicodedata.normalize("NFKC", written).replace(",", "")
    total = Decimal(0)
    for part, big in re.findall(r"([0-9.]+)([萬億兆]?)", plain):
        total += Decimal(part) * _ARABIC_BIG.get(big, 1)
    return total


def is_chinese(written: str) -> bool:
    return not any(ch.isdigit() for ch in unicodedata.normalize("NFKC", written))


def skip_spaces(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \u3000\t":
        i += 1
    return i


@lru_cache(maxsize=256)
def _alternation(words: tuple) -> re.Pattern:
    """One pattern trying ``words`` in their order (longest first, so the longest one wins)."""
    texts = [w if isinstance(w, str) else w[0] for w in words]
    return re.compile("|".join(re.escape(t) for t in texts if t) or r"(?!)")


def match_word(text: str, i: int, words: tuple | dict) -> str:
    """The first of ``words`` (strings or (string, value) pairs, longest first) at ``text[i:]``."""
    m = by_identity(_WORD_PATTERNS, words, _word_pattern).match(text, i)
    return m.group() if m else ""


_WORD_PATTERNS: dict = {}
"""The pattern of each word list, by the list's identity: the lists are the rules' own, and hashing a
list of 157 units for a cache on every call (~100,000 calls over the dev corpus) cost more than the match."""


def _word_pattern(words: tuple | dict) -> re.Pattern:
    """The alternation of ``words``; a dict (multipliers: value by word) sorted longest first."""
    if isinstance(words, dict):  # multipliers: value by word
        words = tuple(sorted(words, key=lambda w: (-len(w), w)))
    return _alternation(words)


@dataclass(frozen=True)
class Quantity:
    """A number with its unit: text[start:end] is e.g. ``85.19億元``, ``10餘個`` or ``兩場次``."""

    start: int
    end: int
    written: str
    value: Decimal
    unit: str
    base_unit: str
    comparator: str
    factor: Decimal


def _latin_unit_ok(text: str, k: int, unit: str) -> bool:
    """A Latin unit (GW, Mbps) must not run on into a longer Latin word (5GWh is not 5 GW)."""
    if not (unit and unit.isascii() and unit.isalpha()):
        return True
    after = k + len(unit)
    return not (after < len(text) and text[after].isascii() and text[after].isalnum())


def _words_after(text: str, end: int, chinese: bool, rules: FigureRules,
                 magnitude: bool = False) -> tuple[str, str, str, int] | None:
    """The comparator, multiplier and unit written after a number ending at ``end`` (each may be
    empty), and where they end; None when the number is part of a code (5G, 140-3) or a not-unit."""
    i = skip_spaces(text, end)
    unit_now = match_word(text, i, rules.units)
    if end < len(text) and _CODE_AFTER.match(text[end]) and not (unit_now and _latin_unit_ok(text, end, unit_now)):
        return None
    if match_word(text, i, rules.not_units):
        return None
    infix = match_word(text, i, rules.comparators_infix)
    j = i + len(infix)
    multiplier = "" if chinese else match_word(text, j, rules.multipliers)
    k = j + len(multiplier)
    if multiplier and not infix:  # 5千餘人次
        infix = match_word(text, k, rules.comparators_infix)
        k += len(infix)
    unit = match_word(text, k, rules.units)
    if multiplier and not unit:
        spaced = skip_spaces(text, k)
        unit = match_word(text, spaced, rules.units)
        if unit:  # 1.2萬 件
            k = spaced
        else:
            unit = _classifier_at(text, k, rules)
    if magnitude and not unit:  # 三千九百萬劑: a Chinese numeral with 萬/億 keeps its classifier, as 3.5萬羽
        unit = _classifier_at(text, k, rules)
    return infix, multiplier, unit, k


def _classifier_at(text: str, k: int, rules: FigureRules) -> str:
    """A Chinese character right after a magnitude is the classifier it counts (32萬羽, 120萬趟次), unless
    it is a word of the sentence (之, 及, 以上, 年 ...): the magnitude then stands alone (1.2萬，較…)."""
    ch = text[k:k + 1]
    if not ch or ch in rules.not_classifiers:
        return ""
    if match_word(text, k, rules.not_units) or match_word(text, k, rules.comparators_after):
        return ""
    prefixed = _prefixed_unit(text, k, rules)
    if prefixed or not "\u4e00" <= ch <= "\u9fff":
        return prefixed  # 12萬圖幅, 80萬CPU小時: a listed unit with the word it measures
    return ch + match_word(text, k + 1, rules.classifier_suffixes)  # 120萬趟次


def _prefixed_unit(text: str, k: int, rules: FigureRules) -> str:
    """A listed unit after a short run of Chinese characters (1-3) or Latin letters (1-4) right after a
    magnitude (12萬圖幅, 45萬影幅, 80萬CPU小時): the whole run is what is counted, not its first character."""
    latin = text[k:k + 1].isascii()
    for n in range(1, 5 if latin else 4):
        prefix = text[k:k + n]
        if len(prefix) < n or any(c in rules.not_classifiers for c in prefix) or not all(
                (c.isascii() and c.isalpha()) if latin else "\u4e00" <= c <= "\u9fff" for c in prefix):
            return ""
        unit = match_word(text, k + n, rules.units)
        if unit:
            return prefix + unit
    return ""


def _scaled(written: str, chinese: bool, factor: Decimal) -> Decimal | None:
    """The number as written times the multiplier's factor (None if it does not parse); in
    1億2,000萬元 only the part after the last 萬/億 is in 萬."""
    try:
        value = parse_chinese(written) if chinese else parse_arabic(written)
    except InvalidOperation:
        return None
    head = Decimal(0)
    if factor != 1 and not chinese and re.search("[萬億兆]", written):
        last = re.split("[萬億兆]", written)[-1]
        head, value = value - parse_arabic(last), parse_arabic(last)
    return head + value * factor


def _tenth_after(text: str, end: int, rules: FigureRules) -> bool:
    """Whether the Chinese digit at ``end``, right after 成, is the tenth of a share (一成二), not the
    start of another number (一成二十人) or of a unit."""
    tenth, nxt = text[end:end + 1], text[end + 1:end + 2]
    return (tenth in _CN_DIGITS and tenth not in "零〇"
            and not (nxt in _CN_DIGITS or nxt in _CN_SMALL or nxt in _CN_BIG or match_word(text, end + 1, rules.units)))


def quantity_at(text: str, m: re.Match, rules: FigureRules, bare: bool = False) -> Quantity | None:
    """Read number, magnitude and unit at a number match; None for dates, codes, bare numbers."""
    written = m.group(1)
    chinese = is_chinese(written)
    words = _words_after(text, m.end(), chinese, rules, chinese and any(c in written for c in "萬億"))
    if words is None:
        return None
    infix, multiplier, unit, k = words
    if not unit and (chinese or (not multiplier and not bare)):
        return None
    if not _latin_unit_ok(text, k, unit) or (chinese and unit in rules.arabic_only_units):
        return None  # 十分重要: very, not a score
    factor = rules.multipliers.get(multiplier, Decimal(1))
    value = _scaled(written, chinese, factor)
    if value is None or (multiplier and infix and not unit):
        return None
    end = k + len(unit)
    if unit == "成" and chinese and _tenth_after(text, end, rules):  # 一成二 (12%): the digit after 成 is its tenth
        value += Decimal(_CN_DIGITS[text[end]]) / 10
        written, end = text[m.start():end + 1], end + 1
    return Quantity(start=m.start(), end=end, written=written, value=value, unit=multiplier + unit,
                    base_unit=unit, comparator=dict(rules.comparators_infix)[infix] if infix else "", factor=factor)


def lone_numeral_allowed(text: str, m: re.Match, rules: FigureRules) -> bool:
    """Whether a numeral that is often a word (百, 千, a single 一) stands for a number here."""
    written = m.group(1)
    before = text[:m.start()]
    if written in _LONE:
        return before.endswith(tuple(w for w, _ in rules.comparators_before))
    if written == "一":
        return before.endswith(rules.one_after)
    return True


def quantity_after(text: str, i: int, rules: FigureRules, bare: bool = False) -> Quantity | None:
    """The quantity whose number starts at i (after spaces), if any."""
    i = skip_spaces(text, i)
    m = NUMBER.match(text, i)
    if not m or not lone_numeral_allowed(text, m, rules):
        return None
    return quantity_at(text, m, rules, bare)


def number_matches(text: str, rules: FigureRules) -> list[re.Match]:
    """Every number of ``text`` in order: those NUMBER finds, and a count glued to the Latin word it counts
    (增設CCTV45支) when one of the latin-count-units follows it; other numbers after Latin letters are codes."""
    glued = [m for m in LATIN_GLUED.finditer(text) if match_word(text, m.end(), rules.latin_count_units)]
    return sorted([*NUMBER.finditer(text), *glued], key=lambda m: m.start())

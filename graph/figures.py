"""Reported figures: every quantitative result or target in an evaluation opinion.

A figure is an Arabic number (thousands separators and decimals allowed) followed by a unit
as written, possibly with a Chinese magnitude (萬, 億) that is kept in the unit and multiplied
into the normalised value.  Around it the extractor reads a comparator (以上, 超過 ...), a
target or originally planned value (``（目標95%）``, ``，遠優於300家次的目標值``,
``由原訂 90 臺提升至 174 臺``) and the metric phrase naming what was measured.  Years and dates,
digits inside codes (5G, WRC-27, FIPS 140-3) and Chinese numerals are never figures.  The word
lists are data, in ``data/figure-rules.tsv``.

>>> [(f.value, f.unit, f.target, f.achievement_ratio) for f in find_figures("取得訂單47件（目標5件）")]
[('47', '件', '5', '9.4')]
>>> [(f.metric, f.value, f.unit) for f in find_figures("帶動投資達85.19億元")]
[('帶動投資', '8519000000', '億元')]
>>> find_figures("114年完成5G與WRC-27研析")
[]
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

from recgraph.vocab import data_path
from recgraph.model import Figure, PlanRow, Span

DEFAULT_FIGURE_RULES = data_path("figure-rules.tsv")

_DIGIT = "0-9０-９"
_NUMBER = re.compile(
    rf"(?<![{_DIGIT}A-Za-zＡ-Ｚａ-ｚ.\-_/．－])"
    rf"([{_DIGIT}]{{1,3}}(?:[,，][{_DIGIT}]{{3}})+(?:[.．][{_DIGIT}]+)?|[{_DIGIT}]+(?:[.．][{_DIGIT}]+)?)"
)
_CODE_AFTER = re.compile(r"[A-Za-zＡ-Ｚａ-ｚ\-－_/]")
_DELIMS = "，,。；;、：:\n！？!?"
_QUOTES = "「」『』\"“”"
_CONTEXT = 12


@dataclass(frozen=True)
class FigureRules:
    """Word lists for figures, each sorted longest first."""

    units: tuple[str, ...]
    multipliers: dict[str, Decimal]
    not_units: tuple[str, ...]
    not_after: tuple[str, ...]
    comparators_after: tuple[tuple[str, str], ...]
    comparators_infix: tuple[tuple[str, str], ...]
    comparators_before: tuple[tuple[str, str], ...]
    target_words: tuple[str, ...]
    target_nouns: tuple[str, ...]
    better_than: tuple[str, ...]
    rise_to: tuple[str, ...]
    target_cues_before: tuple[str, ...]
    target_cues_after: tuple[str, ...]
    metric_prefixes: tuple[str, ...]
    measure_verbs: tuple[str, ...]
    means_words: tuple[str, ...]


def _longest_first(items):
    return tuple(sorted(items, key=lambda x: (-len(x if isinstance(x, str) else x[0]), x)))


def load_figure_rules(path: str | Path = DEFAULT_FIGURE_RULES) -> FigureRules:
    """Read the figure word lists from the rules table."""
    rows: dict[str, list[tuple[str, str]]] = {}
    with open(path, encoding="utf-8", newline="") as f:
        lines = [line for line in f if line.strip() and not line.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t"):
        text = row.get("text") or ""
        if text:
            rows.setdefault(row["rule"].strip(), []).append((text, (row.get("value") or "").strip()))

    def texts(rule):
        return _longest_first(t for t, _ in rows.get(rule, []))

    def pairs(rule):
        return _longest_first(rows.get(rule, []))

    return FigureRules(
        units=texts("unit"),
        multipliers={t: Decimal(v) for t, v in rows.get("multiplier", [])},
        not_units=texts("not-a-unit"),
        not_after=texts("not-after"),
        comparators_after=pairs("comparator-after"),
        comparators_infix=pairs("comparator-infix"),
        comparators_before=pairs("comparator-before"),
        target_words=texts("target-word"),
        target_nouns=texts("target-noun"),
        better_than=texts("better-than"),
        rise_to=texts("rise-to"),
        target_cues_before=texts("target-cue-before"),
        target_cues_after=texts("target-cue-after"),
        metric_prefixes=texts("metric-prefix"),
        measure_verbs=texts("measure-verb"),
        means_words=texts("means-word"),
    )


@lru_cache(maxsize=1)
def default_figure_rules() -> FigureRules:
    """The rules shipped with the project, loaded once."""
    return load_figure_rules()


@dataclass(frozen=True)
class FoundFigure:
    """A figure found in a string; ``text[start:end]`` is its evidence (metric through target)."""

    start: int
    end: int
    metric: str
    value_as_written: str
    value: str
    unit: str
    role: str = "result"
    target_as_written: str = ""
    target: str | None = None
    comparator: str = ""
    achievement_ratio: str | None = None


@dataclass(frozen=True)
class _Quantity:
    """A number with its unit: text[start:end] is e.g. ``85.19億元`` or ``10餘個``."""

    start: int
    end: int
    written: str
    value: Decimal
    unit: str
    base_unit: str
    comparator: str
    factor: Decimal

    @property
    def multiplied(self) -> bool:
        return self.factor != 1


def _decimal_string(value: Decimal) -> str:
    """A decimal without exponent or trailing zeros: 8.519E+9 -> '8519000000'."""
    text = format(value.normalize(), "f")
    return text


def _skip_spaces(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \u3000\t":
        i += 1
    return i


def _match_word(text: str, i: int, words) -> str:
    for word in words:
        w = word if isinstance(word, str) else word[0]
        if text.startswith(w, i):
            return w
    return ""


def _quantity_at(text: str, m: re.Match, rules: FigureRules, bare: bool = False) -> _Quantity | None:
    """Read number, magnitude and unit at a number match; None for dates, codes, bare numbers."""
    end = m.end()
    if end < len(text) and _CODE_AFTER.match(text[end]):
        return None  # 5G, 140-3
    written = m.group(1)
    i = _skip_spaces(text, end)
    if _match_word(text, i, rules.not_units):
        return None
    comparator = ""
    infix = _match_word(text, i, rules.comparators_infix)
    j = i + len(infix)
    multiplier = _match_word(text, j, rules.multipliers)
    k = j + len(multiplier)
    unit = _match_word(text, k, rules.units)
    if not unit and not multiplier and not bare:
        return None
    if unit and unit.isascii() and unit.isalpha():
        after = k + len(unit)
        if after < len(text) and text[after].isascii() and text[after].isalnum():
            return None  # a Latin word, not a unit
    if infix:
        comparator = dict(rules.comparators_infix)[infix]
    plain = unicodedata.normalize("NFKC", written).replace(",", "")
    try:
        value = Decimal(plain)
    except InvalidOperation:
        return None
    factor = rules.multipliers.get(multiplier, Decimal(1))
    return _Quantity(
        start=m.start(), end=k + len(unit), written=written, value=value * factor,
        unit=multiplier + unit, base_unit=unit, comparator=comparator, factor=factor,
    )


def _quantity_after(text: str, i: int, rules: FigureRules, bare: bool = False) -> _Quantity | None:
    """The quantity whose number starts at i (after spaces), if any."""
    i = _skip_spaces(text, i)
    m = _NUMBER.match(text, i)
    return _quantity_at(text, m, rules, bare) if m else None


def _comparator_after(text: str, i: int, rules: FigureRules) -> tuple[int, str]:
    word = _match_word(text, i, rules.comparators_after)
    if word:
        return i + len(word), dict(rules.comparators_after)[word]
    return i, ""


def _target_after(text: str, i: int, rules: FigureRules) -> tuple[int, _Quantity | None, int]:
    """A target attached after a figure ending at i: (end, target quantity, start of target text)."""
    j = _skip_spaces(text, i)
    # （目標95%） / (目標值4家) / （原訂27公里）
    if j < len(text) and text[j] in "（(":
        k = _skip_spaces(text, j + 1)
        word = _match_word(text, k, rules.target_words)
        if word:
            k = _skip_spaces(text, k + len(word))
            if k < len(text) and text[k] in "為:：":
                k += 1
            q = _quantity_after(text, k, rules, bare=True)
            if q:
                e, _ = _comparator_after(text, q.end, rules)
                e = _skip_spaces(text, e)
                if e < len(text) and text[e] in "）)":
                    return e + 1, q, j + 1
    # ，遠優於300家次的目標值
    k = j
    if k < len(text) and text[k] in "，,":
        k = _skip_spaces(text, k + 1)
    start = k
    if text.startswith("遠", k):
        k += 1
    word = _match_word(text, k, rules.better_than)
    if word:
        k += len(word)
        planned = _match_word(text, k, rules.target_words)
        q = _quantity_after(text, k + len(planned), rules)
        if q:
            e = q.end
            if e < len(text) and text[e] in "的之":
                e += 1
            noun = _match_word(text, e, rules.target_nouns)
            if noun or planned:
                return e + len(noun), q, start
    return i, None, i


def _ratio(value: Decimal, target: Decimal) -> str | None:
    if target == 0:
        return None
    try:
        ratio = (value / target).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    except InvalidOperation:  # beyond Decimal's 28 digits: no ratio rather than a made-up one
        return None
    return _decimal_string(ratio)


def _strip_metric(text: str, s: int, e: int, rules: FigureRules) -> tuple[int, int]:
    """Trim quotes, spaces, leading connectors and trailing measure verbs off text[s:e]."""
    changed = True
    while changed and s < e:
        changed = False
        while s < e and (text[s].isspace() or text[s] in _QUOTES):
            s += 1
            changed = True
        while e > s and (text[e - 1].isspace() or text[e - 1] in _QUOTES):
            e -= 1
            changed = True
        word = _match_word(text[:e], s, rules.metric_prefixes)
        if word and s + len(word) <= e:
            s += len(word)
            changed = True
        for verb in rules.measure_verbs:
            if e - len(verb) >= s and text.startswith(verb, e - len(verb)):
                e -= len(verb)
                changed = True
                break
    return s, e


def _metric(text: str, lo: int, num_start: int, after: int, rules: FigureRules) -> tuple[int, int]:
    """Offsets of the metric phrase: the words before the number, or after it when those are empty.

    The phrase before runs back to the previous delimiter outside brackets (or the previous
    figure); the phrase after runs to a delimiter, an opening bracket, 的/之, or a 及/與 that
    joins the next figure.
    """
    s, depth = num_start, 0
    while s > lo:
        ch = text[s - 1]
        if ch in _CLOSE_BRACKETS:
            depth += 1
        elif ch in _OPEN_BRACKETS:
            if depth == 0:
                break
            depth -= 1
        elif ch in _DELIMS and depth == 0:
            break
        s -= 1
    if s == lo and lo > 0:  # right after the previous figure: 42個系統及完成…共10個
        cut = max(text.rfind(j, s, num_start) for j in _JOINERS)
        if cut >= 0:
            s = cut + 1
    pre_s, pre_e = _strip_metric(text, s, num_start, rules)
    e = after
    while e < len(text) and text[e] not in _DELIMS and text[e] not in _OPEN_BRACKETS + "的之":
        if text.startswith("對於", e):
            break
        if text[e] in _JOINERS:
            rest = text[e:]
            stop = min([rest.find(d) for d in _DELIMS if d in rest] or [len(rest)])
            if _NUMBER.search(rest[:stop]):
                break
        e += 1
    post_s, post_e = _strip_metric(text, after, e, rules)
    measured = pre_e > pre_s and text[pre_e:num_start].strip() != ""
    means = bool(_match_word(text, pre_s, rules.means_words))
    if pre_e > pre_s and (measured or post_e <= post_s) and not (means and post_e > post_s):
        return pre_s, pre_e
    if post_e > post_s:
        return post_s, post_e
    return pre_s, pre_e


_OPEN_BRACKETS = "（(「『【《〔［["
_CLOSE_BRACKETS = "）)」』】》〕］]"
_JOINERS = "及與和並"


def find_figures(text: str, rules: FigureRules | None = None) -> list[FoundFigure]:
    """Every figure in ``text``, in order, with offsets into it."""
    rules = rules or default_figure_rules()
    found: list[FoundFigure] = []
    consumed = 0  # numbers before this offset belong to a figure already read
    last_end = 0
    for m in _NUMBER.finditer(text):
        if m.start() < consumed:
            continue
        if m.start() > 0 and text[m.start() - 1] == "第":
            continue
        q = _quantity_at(text, m, rules)
        if q is None:
            continue
        end, comparator = _comparator_after(text, q.end, rules)
        if _match_word(text, _skip_spaces(text, end), rules.not_after):
            continue
        comparator = comparator or q.comparator
        before = text[:q.start].rstrip(" \u3000")
        cmp_start = q.start
        for word, value in rules.comparators_before:
            if before.endswith(word):
                comparator = comparator or value
                cmp_start = len(before) - len(word)
                break
        result, target, target_written, start = q, None, "", cmp_start
        # 由原訂 90 臺大幅提升至 174 臺: the first number is the plan, the second the result.
        rise = _rise(text, end, rules)
        if rise is not None:
            target, result, end = q, rise[0], rise[1]
            comparator = ""
            target_written = text[q.start:q.end]
            for word in rules.target_words:
                if before.endswith(word):
                    target_written = text[len(before) - len(word):q.end]
                    if before[: len(before) - len(word)].endswith("由"):
                        start = len(before) - len(word) - 1
                    break
            else:
                if before.endswith("由"):
                    start = len(before) - 1
            end, comp2 = _comparator_after(text, end, rules)
            comparator = comp2
        else:
            t_end, t, t_start = _target_after(text, end, rules)
            if t is not None:
                target = t
                target_written = text[t_start:t_end].rstrip("）)").strip()
                end = t_end
        role = "result"
        clause_start = max((before.rfind(d) for d in _DELIMS), default=-1) + 1
        clause_before = before[clause_start:]
        if target is None:
            clause_after = text[end:]
            cut = min([clause_after.find(d) for d in "，,。；;" if d in clause_after] or [len(clause_after)])
            if any(clause_before.endswith(c) or clause_before.endswith(c + "達") for c in rules.target_cues_before) or any(
                c in clause_after[:cut] for c in rules.target_cues_after
            ):
                role = "target"
        ms, me = _metric(text, max(last_end, 0), start, end, rules)
        metric = text[ms:me]
        span_start = min(ms, start) if me > ms else start
        span_end = max(me, end) if me > ms else end
        target_value = None
        ratio = None
        if target is not None:
            t_value = target.value
            if not target.unit:
                t_value = target.value * result.factor  # （目標95） takes the result's unit
            target_value = _decimal_string(t_value)
            if target.base_unit in ("", result.base_unit) and role == "result":
                ratio = _ratio(result.value, t_value)
        found.append(FoundFigure(
            start=span_start, end=span_end, metric=metric,
            value_as_written=result.written, value=_decimal_string(result.value), unit=result.unit,
            role=role, target_as_written=target_written, target=target_value,
            comparator=comparator, achievement_ratio=ratio,
        ))
        consumed = end
        last_end = end
    return found


def _rise(text: str, i: int, rules: FigureRules) -> tuple[_Quantity, int] | None:
    """``…大幅提升至 174 臺`` right after a quantity: the result and its end."""
    j = _skip_spaces(text, i)
    k = j
    while k < len(text) and k - j <= 4 and not _match_word(text, k, rules.rise_to) and text[k] not in _DELIMS:
        k += 1
    word = _match_word(text, k, rules.rise_to)
    if not word:
        return None
    q = _quantity_after(text, k + len(word), rules)
    return (q, q.end) if q else None


def _span(text: str, start: int, end: int) -> Span:
    return Span(start, end, text[start:end], text[max(0, start - _CONTEXT):start], text[end:end + _CONTEXT])


def extract_figures(row: PlanRow, rules: FigureRules | None = None) -> list[Figure]:
    """Every figure in one plan's opinion, numbered 1.. in reading order; spans are into sentences."""
    rules = rules or default_figure_rules()
    out: list[Figure] = []
    for paragraph in row.paragraphs:
        for sentence in paragraph.sentences:
            for f in find_figures(sentence.text, rules):
                out.append(Figure(
                    index=len(out) + 1, paragraph=paragraph.index, sentence=sentence.index,
                    span=_span(sentence.text, f.start, f.end), metric=f.metric,
                    value_as_written=f.value_as_written, value=f.value, unit=f.unit, role=f.role,
                    target_as_written=f.target_as_written, target=f.target,
                    comparator=f.comparator, achievement_ratio=f.achievement_ratio,
                ))
    return out

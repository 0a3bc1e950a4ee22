"""Reported figures: every quantitative result, target or baseline in an evaluation opinion.

A figure is a number (graph/numbers.py: Arabic, compound ``1萬2,000``, Chinese ``兩場次``)
followed by a unit as written; a magnitude before the unit (萬, 億) stays in the unit and is
multiplied into the normalised value.  Around it the extractor reads a comparator (以上, 逾, 約,
近: the figure is then flagged approximate), its metric (graph/metrics.py), its role and the
target a result is compared with (graph/targets.py).  Years and dates, digits inside codes (5G,
WRC-27, FIPS 140-3) and numerals that name a plan's own structure (四大面向) are never figures.
The word lists are data, in ``data/figure-rules.tsv``.

>>> [(f.value, f.unit, f.target, f.achievement_ratio) for f in find_figures("取得訂單47件（目標5件）")]
[('47', '件', '5', '9.4')]
>>> [(f.metric, f.value, f.unit) for f in find_figures("帶動投資達85.19億元")]
[('帶動投資', '8519000000', '億元')]
>>> find_figures("114年完成5G與WRC-27研析")
[]
>>> [(f.value, f.unit, f.role, f.target, f.achievement_ratio) for f in find_figures("目標值30家實際達成36家")]
[('36', '家', 'result', '30', '1.2')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext

from recgraph.figure_rules import FigureRules, default_figure_rules
from recgraph.metrics import DELIMS, metric_span
from recgraph.model import Figure, PlanRow, evidence_span
from recgraph.numbers import Quantity, lone_numeral_allowed, match_word, number_matches, quantity_at, skip_spaces
from recgraph.targets import attached_target, change_after, comparator_after, paired_by_actual, role_of, target_after

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
    approximate: bool = False


def _decimal_string(value: Decimal) -> str:
    """A decimal without exponent or trailing zeros: 8.519E+9 -> '8519000000'."""
    return format(value.normalize(), "f")


def _ratio(value: Decimal, target: Decimal) -> str | None:
    """Result / target to two places; None for a zero target or a ratio too large to write."""
    if target == 0:
        return None
    with localcontext() as ctx:
        ctx.prec = 60
        try:
            ratio = (value / target).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        except InvalidOperation:
            return None
    return _decimal_string(ratio)


@dataclass
class _Draft:
    """A figure being read: its quantity, role, target and offsets (metric first, evidence after)."""

    q: Quantity
    start: int  # the comparator or 由 before the number, else the number
    end: int  # after unit, comparator and attached target
    role: str
    comparator: str
    target: Quantity | None = None
    target_written: str = ""
    metric: tuple[int, int] = (0, 0)


def _comparator_before(before: str, rules: FigureRules) -> tuple[str, int]:
    """The comparator written just before a number (逾, 約新臺幣) and where it starts in ``before``."""
    currency = next((w for w in rules.currencies if before.endswith(w)), "")
    head = before[:len(before) - len(currency)]
    for word, value in rules.comparators_before:
        if head.endswith(word):
            return value, len(head) - len(word)
    return "", len(before)


def _not_a_result(text: str, q: Quantity, before: str, cmp_start: int, rules: FigureRules) -> bool:
    """A date's day (5月1日), a schedule's slip (進度落後約2個月), an activity's length, interval or time
    limit (為期2日, 每3個月, 7日內) or service hours followed by what they describe (提供24小時線上服務):
    a number with a unit that is no reported figure."""
    if _date_day(q, before, rules):
        return True
    if q.base_unit in rules.duration_units and (before[:cmp_start].endswith(rules.slip_words + rules.period_words)
                                                or text.startswith(rules.deadline_after, q.end)):
        return True  # 進度落後約2個月, 為期2日, 每3個月, 7日內: a slip, a length, an interval, a limit
    if _cue_missing(q, before, cmp_start, rules) or _frequency(q, before, rules):
        return True
    after = text[q.end:q.end + 1]
    return (text[q.start:q.end] in rules.service_spans and "\u4e00" <= after <= "\u9fff"
            and after not in "內之以前後")


def _frequency(q: Quantity, before: str, rules: FigureRules) -> bool:
    """Once per period (每季辦理一次, 每半年檢視一次): how often something is done, an interval, no result;
    other counts in such a clause (每月巡檢2次, 計24次) stay figures."""
    clause = before[max((before.rfind(d) for d in DELIMS), default=-1) + 1:]
    return q.written == "一" and any(q.base_unit == unit and word in clause for word, unit in rules.frequency_words)


def _date_day(q: Quantity, before: str, rules: FigureRules) -> bool:
    """A date's day (5月1日), also the second day of a range or list (7月1日至31日, 5月3日、17日)."""
    joined = before.rstrip("至到、及或-－～~ ")
    return any(q.base_unit == unit and (before.endswith(word) or (
        joined != before and joined.endswith(unit) and joined[-2:-1].isdigit())) for unit, word in rules.date_days)


def _cue_missing(q: Quantity, before: str, cmp_start: int, rules: FigureRules) -> bool:
    """A unit that is a figure only with its cue, without it: a score not named as one (3分監 is a
    branch; 滿意度…72分 is a score), a time not stated as elapsed (滿6個月 is a condition; 縮短為6個月)."""
    clause = before[max((before.rfind(d) for d in DELIMS), default=-1) + 1:]
    cues = [c for c, unit in rules.clause_cues if unit == q.base_unit]
    if cues and not any(c in clause for c in cues):
        return True
    cues = [c for c, unit in rules.before_cues if unit == q.base_unit]
    return bool(cues) and not before[:cmp_start].endswith(tuple(cues))


def _in_quoted_name(text: str, start: int, rules: FigureRules) -> bool:
    """Whether ``start`` lies inside 「…」 whose text ends with a name (「護理人力政策整備12項策略」)."""
    open_at = text.rfind("「", 0, start)
    if open_at < 0 or text.rfind("」", open_at, start) >= 0:
        return False
    close_at = text.find("」", start)
    return close_at > 0 and text[open_at + 1:close_at].endswith(rules.name_suffixes)


def _read(text: str, q: Quantity, rules: FigureRules) -> _Draft | None:
    """One figure at a number match: comparator, change or attached target, role."""
    end, comparator = comparator_after(text, q.end, rules)
    if match_word(text, skip_spaces(text, end), rules.not_after):
        return None
    before = text[:q.start].rstrip(" \u3000")
    if before.endswith(rules.not_before):  # 全天24小時監控: how a service runs, not a reported figure
        return None
    before_cmp, cmp_start = _comparator_before(before, rules)
    if _not_a_result(text, q, before, cmp_start, rules):
        return None
    comparator = comparator or q.comparator or before_cmp
    clause_before = before[max((before.rfind(d) for d in DELIMS), default=-1) + 1:]
    if not clause_before and before.endswith((":", "：")):  # 年度目標值：95%: the words before the colon name it
        head = before[:-1]
        clause_before = head[max((head.rfind(d) for d in DELIMS), default=-1) + 1:]
    draft = _Draft(q, cmp_start, end, role_of(clause_before, text, end, rules), comparator)
    change = change_after(text, end, rules, bare=not q.unit)
    if change is not None:  # 由原訂 90 臺提升至 174 臺 / 由7天縮短為4天
        new, new_end = change
        planned = next((w for w in rules.target_words if before.endswith(w)), "")
        start = len(before) - len(planned)
        start -= before[:start].endswith("由")
        if planned:
            new_end, comp = comparator_after(text, new_end, rules)
            return _Draft(new, start, new_end, "result", comp, q, text[len(before) - len(planned):q.end])
        draft.role, draft.end = "baseline", end
        return draft
    t_end, t, t_start = target_after(text, end, rules)
    if t is not None:
        draft.target, draft.target_written, draft.end = t, text[t_start:t_end].rstrip("）)").strip(), t_end
        draft.role = role_of(clause_before, text, end, rules, t_end)
    return draft


def _before_rate(text: str, result: _Draft | None, rate: _Draft, unit: str) -> _Draft | None:
    """``result`` when a target of ``unit`` written after ``rate`` (a figure of another unit, such as
    達成率105%) belongs to it: ``1,260公噸，達成率105%，目標值1,200公噸``.  Only a result of that unit
    without a target of its own, one delimiter before the rate."""
    if result is None or rate.q.base_unit == unit or result.q.base_unit != unit or result.role != "result" \
            or result.target is not None:
        return None
    gap = text[result.end:rate.metric[0] if rate.metric[1] > rate.metric[0] else rate.start]
    return result if len(gap.strip()) <= 1 and sum(gap.count(c) for c in DELIMS) == 1 else None


def _rate_target_to_result(text: str, out: list[_Draft], d: _Draft) -> None:
    """1,240件，達成率103.3%（目標值1,200件）: the bracketed target is the 件 result's, not the rate's."""
    owner = _before_rate(text, out[-1] if out else None, d, d.target.base_unit) if d.target is not None else None
    if owner is not None:
        owner.target, owner.target_written, d.target, d.target_written = d.target, d.target_written, None, ""


def _joined_same_unit(text: str, out: list[_Draft], d: _Draft, rules: FigureRules) -> bool:
    """Whether ``d`` joined the figure of its unit before it: 目標值30家實際達成36家 (a target, then its
    actual), 36家，目標值30家 (a result, then its target)."""
    prev = out[-1] if out else None
    if prev is None or d.q.base_unit not in ("", prev.q.base_unit):
        return False
    if d.role == "baseline" and prev.role == "result":
        d.metric = prev.metric  # 較110年之15.1微克/立方公尺: the baseline of what the result measured
    if prev.role == "target" and prev.target is None and d.role == "result" and d.target is None \
            and paired_by_actual(text, prev.end, d.q.start, rules):
        d.target, d.target_written = prev.q, text[prev.q.start:prev.q.end]
        d.start = min(d.start, prev.start)
        if d.metric[1] <= d.metric[0] or text.startswith(rules.actual_words, d.metric[0]):
            d.metric = prev.metric  # 實際完成14處 counts what the target named
        out[-1] = d
        return True
    if prev.role == "result" and prev.target is None and d.target is None:
        at = attached_target(text, prev.end, d.q.start, rules)
        if at is not None:
            prev.target, prev.target_written, prev.end = d.q, text[at:d.end].lstrip("，, "), d.end
            return True
    return False


def _joined_rate_target(text: str, out: list[_Draft], d: _Draft, rules: FigureRules) -> bool:
    """Whether target ``d`` went to the result before a rate: 1,260公噸，達成率105%，目標值1,200公噸."""
    prev = out[-1] if out else None
    owner = _before_rate(text, out[-2] if len(out) > 1 else None, prev, d.q.base_unit) \
        if prev is not None and d.role == "target" and d.target is None else None
    at = attached_target(text, prev.end, d.q.start, rules) if owner is not None else None
    if at is None:
        return False
    owner.target, owner.target_written = d.q, text[at:d.end].lstrip("，, ")
    return True


def _pair(text: str, drafts: list[_Draft], rules: FigureRules) -> list[_Draft]:
    """Join a result with the target written next to it: 目標值30家實際達成36家, 36家，目標值30家."""
    out: list[_Draft] = []
    for d in drafts:
        _rate_target_to_result(text, out, d)
        if not (_joined_same_unit(text, out, d, rules) or _joined_rate_target(text, out, d, rules)):
            out.append(d)
    return out


def _index_change(text: str, m, drafts: list[_Draft], rules: FigureRules) -> Quantity | None:
    """A bare decimal of a named index's change (能源效率指標由1.9降至1.5, 指標（PUE）由…): the first, right
    after the index and 由, with a change after it; or the second, the change of a bare first."""
    if "." not in m.group(1):
        return None
    last = drafts[-1] if drafts else None
    if last is not None and not last.q.unit and last.role == "baseline":
        change = change_after(text, last.end, rules, bare=True)
        return change[0] if change and change[0].start == m.start() else None
    before = text[:m.start()].rstrip(" \u3000")
    if not before.endswith("由"):
        return None
    named = before[:-1].rstrip(" \u3000").rstrip("）)")
    if not named.endswith(rules.index_nouns):
        return None
    q = quantity_at(text, m, rules, bare=True)
    return q if q and not q.unit and change_after(text, q.end, rules, bare=True) else None


_ENUMERATOR = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十0-9]+[）)]|[0-9]+[.、])?\s*")


def _scope_count(text: str, m, rules: FigureRules) -> bool:
    """A count in Chinese numerals in the sentence that describes the plan (本計畫於北、中、南三處…建置): the
    plan's scope, not a result; the result sentence counts the same things with its own number."""
    if not rules.scope_openings or any(c.isdigit() for c in m.group(1)):
        return False
    return text.startswith(rules.scope_openings, _ENUMERATOR.match(text).end())


def find_figures(text: str, rules: FigureRules | None = None) -> list[FoundFigure]:
    """Every figure in ``text``, in order, with offsets into it."""
    rules = rules or default_figure_rules()
    drafts: list[_Draft] = []
    consumed = 0  # numbers before this offset belong to a figure already read
    for m in number_matches(text, rules):
        if m.start() < consumed or (m.start() > 0 and text[m.start() - 1] == "第"):
            continue
        if not lone_numeral_allowed(text, m, rules) or _in_quoted_name(text, m.start(), rules) \
                or _scope_count(text, m, rules):
            continue
        q = quantity_at(text, m, rules) or _index_change(text, m, drafts, rules)
        d = _read(text, q, rules) if q else None
        if d is None:
            continue
        d.metric = metric_span(text, consumed, d.start, d.end, rules)
        if d.metric[1] <= d.metric[0] and drafts and text[drafts[-1].end:d.start].strip() == "、":
            d.metric = drafts[-1].metric  # 稽查食品業者3,920家、5,680處次: one thing counted in two units
        drafts.append(d)
        consumed = d.end
    return [_found(text, d) for d in _pair(text, drafts, rules)]


def _found(text: str, d: _Draft) -> FoundFigure:
    ms, me = d.metric
    target_value = ratio = None
    if d.target is not None:
        t_value = d.target.value if d.target.unit else d.target.value * d.q.factor  # （目標95） takes the result's unit
        target_value = _decimal_string(t_value)
        if d.target.base_unit in ("", d.q.base_unit) and d.role == "result":
            ratio = _ratio(d.q.value, t_value)
    return FoundFigure(
        start=min(ms, d.start) if me > ms else d.start, end=max(me, d.end) if me > ms else d.end,
        metric=text[ms:me], value_as_written=d.q.written, value=_decimal_string(d.q.value), unit=d.q.unit,
        role=d.role, target_as_written=d.target_written, target=target_value, comparator=d.comparator,
        achievement_ratio=ratio, approximate=bool(d.comparator),
    )


def _fold_target(out: list[Figure], sentence: str, f: FoundFigure, rules: FigureRules) -> bool:
    """A sentence opening with a target (…由4家增加至16家；目標值16家) gives it to the result of its unit that
    ended the sentence before, as a target written after its comma would (guideline: a target written next
    to its result is that result's target, not a figure of its own)."""
    prev = out[-1]
    word = match_word(sentence, 0, rules.target_words)
    if not word or f.role != "target" or f.target is not None or prev.role != "result" or prev.target is not None \
            or prev.unit != f.unit or sentence.find(f.value_as_written) > len(word) + 2:
        return False
    ratio = _ratio(Decimal(prev.value), Decimal(f.value)) if f.unit else None
    out[-1] = replace(prev, target_as_written=sentence[:f.end].strip(), target=f.value, achievement_ratio=ratio)
    return True


def extract_figures(row: PlanRow, rules: FigureRules | None = None) -> list[Figure]:
    """Every figure in one plan's opinion, numbered 1.. in reading order; spans are into sentences."""
    rules = rules or default_figure_rules()
    out: list[Figure] = []
    for paragraph in row.paragraphs:
        first_of_paragraph = len(out)
        for sentence in paragraph.sentences:
            found = find_figures(sentence.text, rules)
            if found and len(out) > first_of_paragraph and _fold_target(out, sentence.text, found[0], rules):
                found = found[1:]
            for f in found:
                out.append(Figure(
                    index=len(out) + 1, paragraph=paragraph.index, sentence=sentence.index,
                    span=evidence_span(sentence.text, f.start, f.end), metric=f.metric,
                    value_as_written=f.value_as_written, value=f.value, unit=f.unit, role=f.role,
                    target_as_written=f.target_as_written, target=f.target,
                    comparator=f.comparator, achievement_ratio=f.achievement_ratio, approximate=f.approximate,
                ))
    return out

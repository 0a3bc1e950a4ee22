"""What a figure is to the plan (its role) and the target a result is compared with.

Roles: ``result`` (what was achieved), ``target`` (a goal, plan or projection: 預計, 目標值為,
…之目標), ``baseline`` (the value a change is measured from: 較112年度之285萬人次成長, 由7天縮短為
4天) and ``other`` (a figure that is context, such as a plan's total budget: 總經費…億元).  A
target is read where the text attaches it to a result: in brackets (``47件（目標5件）``), after
it (``，遠優於300家次的目標值``, ``，目標值1,000處``, ``，較原訂4萬具超前``), or before it and
paired by 實際 (``目標值30家實際達成36家``).  The cue words are data (``data/figure-rules.tsv``).
"""

from __future__ import annotations

from recgraph.figure_rules import FigureRules
from recgraph.metrics import DELIMS
from recgraph.numbers import Quantity, match_word, quantity_after, skip_spaces


def comparator_after(text: str, i: int, rules: FigureRules) -> tuple[int, str]:
    word = match_word(text, i, rules.comparators_after)
    if word:
        return i + len(word), dict(rules.comparators_after)[word]
    return i, ""


def target_after(text: str, i: int, rules: FigureRules) -> tuple[int, Quantity | None, int]:
    """A target attached right after a figure ending at i: (end, target quantity, start of target text)."""
    j = skip_spaces(text, i)
    if j < len(text) and text[j] in "（(":  # （目標95%） / (目標值4家) / （原訂27公里）
        k = skip_spaces(text, j + 1)
        word = match_word(text, k, rules.target_words)
        if word:
            k = skip_spaces(text, k + len(word))
            if k < len(text) and text[k] in "為:：":
                k += 1
            q = quantity_after(text, k, rules, bare=True)
            if q:
                e, _ = comparator_after(text, q.end, rules)
                e = skip_spaces(text, e)
                if e < len(text) and text[e] in "）)":
                    return e + 1, q, j + 1
    k = j  # ，遠優於300家次的目標值
    if k < len(text) and text[k] in "，,":
        k = skip_spaces(text, k + 1)
    start = k
    if text.startswith("遠", k):
        k += 1
    word = match_word(text, k, rules.better_than)
    if word:
        k += len(word)
        planned = match_word(text, k, rules.target_words)
        q = quantity_after(text, k + len(planned), rules)
        if q:
            e = q.end
            if e < len(text) and text[e] in "的之":
                e += 1
            noun = match_word(text, e, rules.target_nouns)
            if noun or planned:
                return e + len(noun), q, start
    return i, None, i


def change_after(text: str, i: int, rules: FigureRules, bare: bool = False) -> tuple[Quantity, int] | None:
    """``…大幅提升至 174 臺`` / ``縮短為4天`` right after a quantity: the new value and its end (a number
    without unit too when ``bare``: an index's change, 由1.9降至1.5)."""
    j = skip_spaces(text, i)
    k = j
    while k < len(text) and k - j <= 4 and not match_word(text, k, rules.rise_to) and text[k] not in DELIMS:
        k += 1
    word = match_word(text, k, rules.rise_to)
    if not word:
        return None
    q = quantity_after(text, k + len(word), rules, bare)
    return (q, q.end) if q and (q.unit or not bare or "." in q.written) else None


def _clause_after(text: str, end: int) -> str:
    rest = text[end:]
    cut = min([rest.find(d) for d in DELIMS if d in rest] or [len(rest)])
    return rest[:cut]


def _cue_in(clause: str, cues, cancels) -> bool:
    """Whether ``clause`` holds a cue not followed by a word that makes the number a result."""
    for cue in cues:
        at = clause.rfind(cue)
        if at >= 0 and not any(c in clause[at + len(cue):] for c in cancels):
            return True
    return False


def role_of(clause_before: str, text: str, end: int, rules: FigureRules, after_target: int | None = None) -> str:
    """The role of a figure from the words of its clause before it and what follows it.

    ``end`` is where the figure ends, ``after_target`` where a target attached to it ends.
    """
    if _cue_in(clause_before, rules.other_cues_before, ()):
        return "other"
    after = skip_spaces(text, end)
    if clause_before.endswith(rules.baseline_cues_before) or ("較" in clause_before and match_word(
            text, after + (text[after:after + 1] in "的之"), rules.change_verbs)):
        return "baseline"
    for word in rules.not_targets:  # 目標辨識: another sense of 目標
        clause_before = clause_before.replace(word, "\u3000" * len(word))
    if _cue_in(clause_before, rules.target_cues_before, rules.result_words):
        return "target"
    clause_after = _clause_after(text, after_target or end)
    if clause_after.lstrip()[:1] in "（(":  # a bracket after the result: (目標值…，實際…) qualifies it
        clause_after = ""
    if any(c in clause_after for c in rules.target_cues_after):
        return "target"
    return "result"


def attached_target(text: str, gap_start: int, gap_end: int, rules: FigureRules) -> int | None:
    """Where the target phrase starts if text[gap_start:gap_end] (between a result and the next
    figure) introduces that figure as the result's target (``，目標值``, ``，較原訂``, ``，超前預定進度``)."""
    gap = text[gap_start:gap_end]
    if sum(gap.count(d) for d in DELIMS) > 1 or any(w in gap for w in rules.actual_words):
        return None
    found = [gap.find(w) for w in rules.target_words if w in gap]
    if not found:
        return None
    first = min(found)
    clause = max(gap.rfind(d, 0, first) for d in DELIMS) + 1
    return gap_start + clause


def paired_by_actual(text: str, gap_start: int, gap_end: int, rules: FigureRules) -> bool:
    """Whether a target figure and the next one are paired as planned/actual (``目標值30家實際達成36家``)."""
    gap = text[gap_start:gap_end]
    return sum(gap.count(d) for d in DELIMS) <= 1 and any(w in gap for w in rules.actual_words)

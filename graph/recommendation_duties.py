"""Whether a duty or need in an opinion (應, 須, 需) asks for something or states how things are.

Guideline rule 4 (docs/annotation-guideline.md, "Recommendations"): a need that names who is served,
the way round an obstacle or the cause of a delay describes; a duty a law or a requirement puts on
others (要求應…之業者, 依…規定，…均須…, 參訓學員須完成…) is stated, not asked; 仍須加強 asks.
Used by graph/recommendation_items.py when it decides whether an item is advice.
"""

from __future__ import annotations

import re

from recgraph.recommendation_rules import CLAUSE_STOPS, KindRules, find_markers, has_term, inside_excluded
from recgraph.recommendation_terms import starts_with as _starts_with


def _describes(body: str, start: int, end: int, marker: str, rules: KindRules) -> bool:
    """Whether a need (須/需) at body[start:end] describes rather than asks (guideline rule 4): it names
    who is served (服務對象如需長期追蹤之官兵), the way round an obstacle stated before it (收不到行動網路訊號，
    紀錄須俟返營後補登) or the cause of a delay (因廠商解約須重新招標，致進度落後)."""
    term = next((t for t in rules.fact_needs if t.text == marker), None)
    if term is None or inside_excluded(body, start, end, term.excluded) or body.startswith(rules.need_asks, end):
        return False  # not a need, or one that asks (仍須加強, 須儘速改善)
    clause = max(body.rfind(c, 0, start) for c in CLAUSE_STOPS) + 1
    if any(body.find(w, clause, start) != -1 for w in rules.served_subjects):
        return True
    if any(has_term(body[:start], (cue,)) for cue in rules.obstacle_cues):
        return True
    if not has_term(body[:start], rules.cause_infixes):
        return False
    return any(_starts_with(body[c + 1:], rules.consequence_prefixes)
               for c in range(end, len(body)) if body[c] in "，,")


def _required_of_others(body: str, start: int, end: int, marker: str, rules: KindRules) -> bool:
    """Whether a duty (應/須) at body[start:end] states what others are required to do, asking nothing (guideline
    rule 4): a requirement word before it in its clause (要點要求應設置專戶之單位按月填報), or a party before a need
    with a requirement verb right after it (參訓學員須完成實作課程並通過測驗: how the programme works)."""
    if marker not in rules.duty_markers:
        return False
    clause = max(body.rfind(c, 0, start) for c in CLAUSE_STOPS) + 1
    before = body[clause:start]
    if any(c in before for c in rules.requirement_cues) or _law_named_before(body, clause, start, end, marker, rules):
        return True
    if any(p.match(body, end) for p in rules.duty_terms):
        return True  # 應設置應變小組之醫院均完成演練: 應 inside the name of the parties, a result (round 21r)
    term = next((t for t in rules.fact_needs if t.text == marker), None)
    return term is not None and not inside_excluded(body, start, end, term.excluded) \
        and any(p in before for p in rules.bound_parties) and body.startswith(rules.requirement_verbs, end)


_LAW_ENUMERATOR = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十0-9]+[）)]|[0-9]+[.、．])?\s*")


_URGING = ("仍", "尚", "亟", "務", "儘速", "盡速", "加速")
"""Before a need, make it ask however the clause before it opens (依…規定，仍須…; 依…規定，亟須…)."""


def _law_named_before(body: str, clause: int, start: int, end: int, marker: str, rules: KindRules) -> bool:
    """Whether a need (須/需) follows a clause naming the law imposing it (依文化資產保存法規定，古蹟管理人均須
    擬定防災計畫): a requirement lead opening that clause and a requirement cue in it, so the duty is stated, not asked."""
    if clause < 2 or body[clause - 1] not in "，," or marker not in {t.text for t in rules.fact_needs}:
        return False
    if body.startswith(rules.need_asks, end) or body[clause:start].endswith(_URGING) or body.startswith(_URGING, end):
        return False
    previous = body[max(body.rfind(c, 0, clause - 1) for c in CLAUSE_STOPS) + 1:clause - 1]
    previous = previous[_LAW_ENUMERATOR.match(previous).end():]
    return previous.startswith(rules.requirement_leads) and any(c in previous for c in rules.requirement_cues)


def states_fact(body: str, enumerated: bool, rules: KindRules) -> bool:
    """Whether an item states how things are done with 須/需 rather than asking (guideline rule 4):
    a need followed by a way of doing (須人工回收, 仍須紙本簽核), or, in an item opening with 另/此外
    whose only markers are needs, a need after a subject of some things (另離島部分疫苗須以專機運送);
    仍須加強 asks."""
    needs = tuple(t.text for t in rules.fact_needs)
    markers = find_markers(body, rules)
    if any(n + w in body for n in needs for w in rules.fact_words):
        return not any(m[2] not in needs for m in markers)
    if markers and all(_describes(body, start, end, marker, rules) or _required_of_others(body, start, end, marker, rules)
                       for start, end, marker in markers):
        return True
    if not enumerated or not markers:
        return False
    for start, end, marker in markers:
        term = next((t for t in rules.fact_needs if t.text == marker), None)
        if term is None or inside_excluded(body, start, end, term.excluded):
            return False
    return any(0 <= body.find(s) < markers[0][0] for s in rules.fact_subjects)

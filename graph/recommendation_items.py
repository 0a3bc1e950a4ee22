"""Recommendation items: cut one opinion sentence into items and find where each one's text starts.

An opinion sentence (already split at 。；;) may hold several items, some findings and some
advice.  The rules are data (``data/recommendation-rules.tsv``, loaded by
graph/recommendation_rules.py); this module applies them, following the section
"Recommendations: what one is and where its text starts" of ``docs/annotation-guideline.md``:

1. cut a sentence into clauses at ，,：: outside brackets (not at the comma of 1,200);
2. start a new item at a clause that opens with an enumerator (第一, 其次, 另, 此外 ...) or a list
   number (，2.擴充…), after a colon, or at a clause opening with 建議/建請/務必/請 when the item already
   holds advice (a shortfall or a need alone does not count: …仍待釐清，請… and …仍須自國外採購，請… are
   one item; nor does a circumstance clause: 鑒於影像需即時回傳，請… is one), or at a clause opening with 並請/並應/並宜 after a comma when
   the item holds advice or a shortfall (…仍待完善，並請評估… is two) and the clause names a new thing to do with an object of its own: 宜強化
   個資保護，並請檢討審查基準 is two, while a back-reference (其, 該, 前述), the first's outcome
   (演練結果), an object left unsaid (並請定期測試, 並請推廣予…) or a caveat on a risk (並應注意資安風險)
   keeps one; other clauses opening with 並/及/與, and those opening with 惟/但 (a caveat:
   可評估…，惟應…), stay with the item before it;
3. an item holding advice is a recommendation: an advice marker (建議, 應, 宜, 可評估 ... outside
   words like 應用, 需求, 須人工, 非屬須, 促請, and needs that describe: 服務對象如需…, an obstacle's
   workaround, 因…須…，致…落後), an option opening the item (研議…), or a shortfall stated as still to
   be remedied (仍待加強, 仍有提升空間).  It starts at its first advice clause, keeping every clause
   right before it back to praise or an achievement (整體執行成效良好，後續請… starts at 後續;
   本年度完成30場…; 已具初步成效，請…): the topic (針對…, 如採…) and the problem, condition or
   circumstance it answers, however stated (…流動率偏高, …案件增加, 需求逐年成長, 導入後之實際效益,
   多仰賴補助建置, 將於116年屆期, 進度落後，預定進度85%，實際82.5%), bare figures only next to the
   problem they quantify (檢測比例約30%，建議… starts at 建議); before a clause opening with 惟 only a
   concession is kept (數量雖多，惟…老舊，請…).

Which items are advice across sentences is graph/recommendations.py.

>>> s = "建議由三方面強化：首先，爭取預算，確保財源穩定；其次，導入新技術。"
>>> [s[a:b] for a, b in split_items(s)]
['爭取預算，確保財源穩定', '導入新技術']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from recgraph.figures import find_figures
from recgraph.recommendation_duties import states_fact
from recgraph.recommendation_rules import (CLAUSE_STOPS, KindRules, default_rules, find_markers, has_term,
                                           inside_excluded, worse_change)
from recgraph.recommendation_terms import ends_with as _ends_with, starts_with as _starts_with
from recgraph.text import cut_outside_brackets

_COLONS = "：:"
_DIGIT = re.compile(r"[0-9０-９]")


@dataclass(frozen=True)
class _Clause:
    start: int
    end: int  # exclusive, without the delimiter
    delimiter: str  # the stop character after the clause ("" at the end)


def _clauses(text: str) -> list[_Clause]:
    """Cut text at ，,：:。；; outside brackets, not at the thousands comma of a number (1,200件)."""
    out: list[_Clause] = []
    glued = False
    for start, end, stop in cut_outside_brackets(text, CLAUSE_STOPS):
        if glued:
            start = out.pop().start
        glued = (stop == "," and 0 < end < len(text) - 1
                 and bool(_DIGIT.match(text[end - 1])) and bool(_DIGIT.match(text[end + 1])))
        if stop or start < end or glued:
            out.append(_Clause(start, end, stop))
    return out


def _lstrip(text: str, start: int, end: int) -> int:
    while start < end and (text[start].isspace() or text[start] in CLAUSE_STOPS + "、"):
        start += 1
    return start


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and (text[end - 1].isspace() or text[end - 1] in CLAUSE_STOPS + "、"):
        end -= 1
    return end


_ENUMERATOR = re.compile(r"(?:[（(](?:[一二三四五六七八九十]{1,3}|[0-9０-９]{1,2})[）)]"
                         r"|[0-9０-９]{1,2}[.．、)）](?![0-9０-９])|[一二三四五六七八九十壹貳參肆伍陸柒捌玖拾]{1,3}、)\s*")
"""A list enumerator at an item's start: （一）, (2), 1., ２、, 三、, 貳、 (not the 1. of 1.2億元)."""


_ADVICE_HEADER = re.compile(r"(?:[【［〔][^】］〕]{1,8}[】］〕]\s*)?(?:爰|故|爰此|茲|是以|綜上)?(?:請|建請|建議|爰請)(?:如下|如次)?")
"""A clause that is only an advice verb before a colon (爰請：, 爰建議：, 綜上建請：, 建議如下：), also after a bracketed
section heading (【改進建議】建議：), not a noun heading (問題與建議：)."""


def _strip_prefixes(text: str, start: int, end: int, rules: KindRules) -> int:
    """Skip enumerators and connectors (首先，/ 另 / 並 / 1. / （二）) at the start of an item."""
    while True:
        start = _lstrip(text, start, end)
        enumerator = _ENUMERATOR.match(text, start, end)
        if enumerator and enumerator.end() < end:
            start = enumerator.end()
            continue
        word = _starts_with(text[start:end], rules.strip_prefixes)
        if not word or start + len(word) >= end:
            return start
        start += len(word)


@dataclass(frozen=True)
class Item:
    start: int
    end: int
    has_marker: bool
    header: bool  # a colon header introducing a list (建議由三方面強化：)
    enumerated: bool  # opens with an enumerator or connector (第一, 其次, 另, 同時 ...)
    fact: bool = False  # states how things are done with 須/需 (須人工回收): never advice, nor inherits it
    listed: bool = False  # opens with a list number (1., （2）, 3、): an item of a list under a lead-in


def _is_framing(body: str, rules: KindRules) -> bool:
    return bool(_starts_with(body, rules.framing_prefixes)) or _ends_with(body, rules.framing_suffixes)


def _is_advice_clause(text: str, clause: _Clause, rules: KindRules, shortfalls: bool = True,
                      opens_item: bool = False, needs: bool = True) -> bool:
    """Whether a clause asks for something: an advice marker (a shortfall too, unless told not to; a
    need, 須/需, too unless told not to), or, in the clause that opens an item, an option (研議…;
    本計畫…，研擬… describes the work)."""
    body = text[_strip_prefixes(text, clause.start, clause.end, rules):clause.end]
    if clause.delimiter in "，," and _starts_with(body, rules.circumstance_prefixes):
        return False  # 鑒於影像需即時回傳，請…: the circumstance the advice after it answers
    if _starts_with(body, rules.cause_prefixes):
        return False  # 主因部分老舊系統須重新開發: why something is late, a finding (guideline rule 4)
    found = find_markers(text[clause.start:clause.end], rules, shortfalls)
    if any(needs or not _is_need(m[2], rules) for m in found):
        return True
    if not opens_item:
        return False
    return bool(_starts_with(body, rules.opening_advice))


def _is_need(marker: str, rules: KindRules) -> bool:
    return any(t.text == marker for t in rules.fact_needs)


def _states_problem(body: str, rules: KindRules) -> bool:
    """A clause before the advice that states the problem it answers (guideline rules 2-3): no praise
    (良好), and a problem cue (偏高, 落後, 涉及, 非屬) or no achievement (完成, 上線): an increase, a
    slowdown, a context or a delay with its figures (預定進度85%，實際82.5%) is kept."""
    if has_term(body, rules.praise_cues):
        return False
    if worse_change(body, rules):
        return True  # 滿意度較上年度下降: a change for the worse, not a result (round 21r)
    if has_term(body, rules.problem_cues) or (_starts_with(body, rules.contrast_prefixes) and "已" not in body):
        return True  # 惟部分業者因建置成本考量，…: the turn from the results to the problem (惟已完成驗收 is a result)
    if _topic_by_its_work(body, rules):
        return True  # …之權限控管機制建置，請…: a topic named by its work, not an achievement (rule 3)
    if "已" not in body and any(c in body for c in rules.ahead_cues):
        return True  # 標準預定於明年公布: an event ahead, a circumstance though it holds 辦理 (rule 2)
    return not has_term(body, rules.result_cues)


def _problem_alone(body: str, rules: KindRules) -> bool:
    """A clause stating a problem and nothing achieved (…之高齡比例偏高): kept before a second problem opening
    with 惟 (…偏高，惟…仍逐年增加，宜…), as a concession is (guideline rules 2-3)."""
    if has_term(body, rules.praise_cues) or "已" in body:
        return False
    return worse_change(body, rules) or (has_term(body, rules.problem_cues) and not has_term(body, rules.result_cues))


def _topic_by_its_work(body: str, rules: KindRules) -> bool:
    """A noun phrase X之Y ending in a result word and holding no other (…之權限控管機制建置, 新系統之上線):
    the topic of the advice after it (guideline rule 3); 完成資料庫之建置 and 資料庫之建置已完成 are results."""
    cue = next((t.text for t in rules.result_cues if body.endswith(t.text)), "")
    if not cue or "之" not in body or "已" in body:
        return False
    return not has_term(body[:-len(cue)], rules.result_cues)


def _trim_findings(text: str, clauses: list[_Clause], rules: KindRules, cut_marker: bool = False) -> int:
    """Start of an item (guideline rules 2-3): its first advice clause with every clause right before
    it back to praise or an achievement; before a clause opening with 惟/但 only a concession
    (數量雖多，惟…) or a topic is kept.  Clauses of bare figures (預定進度85%，實際82.5%) are kept only
    next to a problem they quantify (進度落後): after a result alone (檢測比例約30%，建議…) they are left out."""
    first = next((i for i, c in enumerate(clauses) if _is_advice_clause(text, c, rules, opens_item=i == 0)),
                 None)
    if first is None and cut_marker:
        first = len(clauses) - 1  # …不足，宜 cut right after its marker: the last clause asks (guideline rule 6)
    if first is None:
        return clauses[0].start
    kept = i = first  # kept: the start so far; i: how far back the walk got (figures pending)
    while i > 0:
        here = text[_strip_prefixes(text, clauses[i].start, clauses[i].end, rules):clauses[i].end]
        prev = clauses[i - 1]
        body = text[_strip_prefixes(text, prev.start, prev.end, rules):prev.end].strip()
        if not body:
            break
        figures = False
        if _starts_with(here.strip(), rules.contrast_prefixes):
            keep = _is_framing(body, rules) or any(c in body for c in rules.concession_cues) \
                or _problem_alone(body, rules)
        elif _is_framing(body, rules) or _starts_with(body, rules.cause_prefixes):
            keep = True  # a topic, or the reason the advice answers (主因…須…，請…)
        else:
            keep = _states_problem(body, rules)
            figures = keep and bool(find_figures(body)) and not has_term(body, rules.problem_cues)
        if not keep:
            break
        i -= 1
        if not figures:
            kept = i  # a problem or topic: the figures between it and the advice are its own
    if i < kept and kept != first:
        kept = i  # figures right before a problem clause (…85%，實際82.5%，進度落後，請…)
    return clauses[kept].start


def _continues_first(body: str, first: str, rules: KindRules) -> bool:
    """Whether a second part opening with 並請/並應/並宜 carries the first request further (guideline
    rule 5): it names the first's outcome (演練結果 after 辦理…演練), leaves its object unsaid (並請定期測試,
    並請推廣予各機關參考, 並請納入年度考核: the thing just asked for) or is a caveat on how to do it
    (並應注意資安風險) or a risk of doing it (並應避免過度依賴單一路由)."""
    for noun in rules.outcome_nouns:
        pos = body.find(noun)
        while pos >= 2:
            if body[pos - 2:pos] in first and (body[:pos - 2].endswith(rules.outcome_bases)
                                               or not _outcome_modifies(body[pos + len(noun):], body, rules)):
                return True  # not 並請建立延攬成效之追蹤指標: the outcome names a new thing's subject
            pos = body.find(noun, pos + 1)
    rest = body[len(_starts_with(body, rules.second_requests)):]
    if _starts_with(rest, rules.follow_up_times) and any(v in first for v in rules.review_verbs):
        return True  # 宜檢討…，並請於次年度修正作業要點: the review's result put into effect
    rest = _past_adverbs(rest, rules)
    if _keeps_up_first(rest, first, rules):
        return True
    if (caveat := _caveat_or_drill(rest, rules)) is not None:
        return caveat
    if _starts_with(rest, rules.placing_verbs) and rest.endswith(rules.review_nouns):
        return True  # 並請納入年度考核: the findings just asked for go into a review
    if rest.endswith(rules.closing_verbs):
        return True  # 並請督導業者落實: a bare verb closing it, the thing just asked for left unsaid
    return len(rest) <= 2 or any(rest.startswith(w.text, 2) and not inside_excluded(rest, 2, 3, w.excluded)
                                 for w in rules.recipient_words)  # 推廣予…, not 辦理供應鏈…


def _keeps_up_first(rest: str, first: str, rules: KindRules) -> bool:
    """Whether a 並請 part past its adverbs only exercises, reviews, keeps up or files what the first asked for
    (guideline rules 5, 8 and 10; round 21r): a restore or switchover drill after a backup request (並請每半年辦理還原
    測試), the first's outcome reviewed with no noun of its own (並請每年檢視推動成效), upkeep or an audit with at most a
    domain word (並請落實定期維護, 並請定期辦理資安稽核), a safeguard (並請加強學生之隱私保護), the first put before experts
    (並請邀集外部學者審訂) or the first's output put into a document (並請研議納入委辦契約)."""
    if _continuity_drill(rest, first, rules) or _upkeep(rest, rules):
        return True
    review = _starts_with(rest, rules.outcome_reviews)
    if review and rest[len(review):] in rules.generic_outcomes:
        return True
    if _starts_with(rest, rules.safeguard_verbs) and rest.endswith(rules.safeguard_objects) and "之" in rest:
        return True  # 並請加強學生之隱私保護: a safeguard on doing the first
    if _starts_with(rest, rules.invite_verbs) and rest.endswith(rules.expert_checks) and "之" not in rest:
        return True  # 並請邀集外部學者審訂: the first put before experts
    placing = rest[len(_starts_with(rest, rules.opening_advice)):]
    return bool(_starts_with(placing, rules.placing_verbs)) and placing.endswith(rules.container_nouns)


def _continuity_drill(rest: str, first: str, rules: KindRules) -> bool:
    """A restore or switchover drill (辦理還原測試) after a first request setting up a backup: the first exercised;
    並請辦理承辦人員之社交工程演練 has an object of its own (two)."""
    verb = _starts_with(rest, rules.drill_verbs)
    drill = rest[len(verb):]
    return bool(verb) and "之" not in drill and drill.endswith(rules.bare_drills) \
        and any(w in drill for w in rules.continuity_drills) and any(w in first for w in rules.continuity_requests)


def _upkeep(rest: str, rules: KindRules) -> bool:
    """Upkeep or an audit of what was asked, with at most a two-character domain word (落實定期維護, 辦理資安稽核);
    not 落實內部稽核制度 (a new mechanism)."""
    upkeep = _past_adverbs(rest[len(_starts_with(rest, rules.closing_verbs)):], rules)
    upkeep = upkeep[len(_starts_with(upkeep, rules.drill_verbs)):]
    return "之" not in upkeep and any(upkeep.endswith(n) and len(upkeep) - len(n) <= 2 for n in rules.upkeep_nouns)


def _past_adverbs(rest: str, rules: KindRules) -> str:
    """``rest`` without the manner adverbs opening it (定期, 每年), at least one character left."""
    while (adverb := _starts_with(rest, rules.manner_adverbs)) and len(rest) > len(adverb):
        rest = rest[len(adverb):]
    return rest


def _caveat_or_drill(rest: str, rules: KindRules) -> bool | None:
    """Whether a 並請 part past its adverbs is one with the first as a risk of doing it (並應避免過度依賴單一路由),
    a caveat (並應注意資安風險; not 留意…之安全風險評估: a new thing to do) or its bare drill (並請每年辦理演練);
    None when it opens with none of these."""
    if _starts_with(rest, rules.risk_verbs) or _bare_drill(rest, rules):
        return True
    if verb := _starts_with(rest, rules.caveat_verbs):
        return rest.endswith(rules.caveat_objects) or _attention_caveat(rest[len(verb):], verb, rules)
    return None


def _bare_drill(rest: str, rules: KindRules) -> bool:
    """Whether a 並請 part (past its adverbs) is only a drill or test after a drill verb (辦理演練, 實施測試): the
    drill of what was just asked for (宜訂定災難復原計畫，並請每年辦理演練: one, guideline rule 5)."""
    verb = _starts_with(rest, rules.drill_verbs)
    return bool(verb) and rest[len(verb):] in rules.bare_drills


_MODIFIED = ("之", "後", "時", "期間")
"""Right after a verb opening a caveat's object, make the verb a modifier (建置後之…, 推動期間之…), not new work."""


def _attention_caveat(obj: str, verb: str, rules: KindRules) -> bool:
    """Whether the object of an attention verb (注意, 留意, 考量) is a noun phrase X之Y naming a property, risk,
    condition or limit of the first (並請注意遷移期間之查詢服務不中斷, 並請考量各縣市之財政能力): a caveat, one item
    (guideline rule 5), unless a verb of new work opens or ends it (並請留意建立…管道, …之安全風險評估: two)."""
    if verb not in rules.caveat_attention:
        return False
    while (adverb := _starts_with(obj, rules.manner_adverbs)) and len(obj) > len(adverb):
        obj = obj[len(adverb):]
    verb = _starts_with(obj, rules.caveat_new_work)
    new_work = bool(verb) and not obj.startswith(_MODIFIED, len(verb))  # not 建置後之維運成本: a property
    return "之" in obj and not new_work and not obj.endswith(rules.caveat_work_nouns)


def _outcome_modifies(after: str, body: str, rules: KindRules) -> bool:
    """Whether an outcome noun only describes a new object of the second part (guideline rule 5): a link
    follows it (審查結果與預算分配之連動, 成效之指標) or the part ends on a new thing's head without acting on
    the outcome (建立培訓成效追蹤機制; not 將演練結果納入考核機制, nor 依調查結果研擬…機制: an outcome-base before it)."""
    if after.startswith(rules.outcome_links):
        return True
    return bool(after) and not after.startswith(rules.outcome_uses) and body.endswith(rules.new_object_heads)


def _verb_alone(body: str, rules: KindRules) -> bool:
    """Whether a 並請/並應/並宜 part is a bare verb (並請評估): no object, no manner adverb (並請定期檢討 is
    a whole request whose object is left unsaid, guideline rule 5)."""
    rest = body[len(_starts_with(body, rules.second_requests)):]
    return 0 < len(rest) <= 2 and not _starts_with(rest, rules.manner_adverbs)


def _is_second_request(text: str, body: str, group: list[_Clause], rules: KindRules, cut_off: bool = False) -> bool:
    """A clause opening with 並請/並應/並宜 after a comma, without a back-reference (其, 該), after an
    item that already asks for something: a second request (guideline rule 5); so is its verb alone at the
    cut-off end of a truncated opinion (…，並請評估: its object was cut, not left unsaid; rule 6)."""
    if group[-1].delimiter not in "，," or not _starts_with(body, rules.second_requests):
        return False
    if has_term(body, rules.back_references) or not find_markers(body, rules, shortfalls=False):
        return False  # 並請審慎評估其…: carries the first further; a cut-off 並宜 asks nothing yet
    cut_verb = cut_off and text.endswith(body) and _verb_alone(body, rules)
    if not cut_verb and _continues_first(body, text[group[0].start:group[-1].end], rules):
        return False
    # A shortfall counts here (…仍待完善，並請評估運用AI…: two): 並請 names a request of its own; so does a
    # list item's bare verb, which takes the lead-in's (2.檢討…，並宜研議…: two, guideline rules 1 and 5).
    if _ENUMERATOR.match(text, _lstrip(text, group[0].start, group[0].end)):
        return True
    return any(_is_advice_clause(text, c, rules, opens_item=i == 0) for i, c in enumerate(group))


def _starts_item(text: str, body: str, group: list[_Clause] | None, rules: KindRules, cut_off: bool = False) -> bool:
    """Whether the clause ``body`` starts a new item after ``group``, the current one (rule 2 of
    the module docstring): first clause, after a colon, an enumerator, or an advice opening when
    the item holds advice already; never a clause joined by 並/及/與 or a caveat opening with 惟/但."""
    if group is None or group[-1].delimiter in _COLONS or _ENUMERATOR.match(body):
        return True  # …，2.擴充…: a list number starts the next item (guideline rule 1)
    if _is_second_request(text, body, group, rules, cut_off):
        return True
    if _starts_with(body, rules.joining_prefixes) or _starts_with(body, rules.contrast_prefixes):
        return False
    if _starts_with(body, rules.item_starts):
        return True
    opens = any(0 <= body.find(m) <= 4 and find_markers(body[: body.find(m) + len(m) + 1], rules)
                for m in rules.opening_markers)
    # A shortfall before it (…仍待釐清，請…) is the problem the new advice answers, not an item; so is a
    # fact with a need (…仍須自國外採購，請評估…: guideline rule 2).
    return opens and any(_is_advice_clause(text, c, rules, shortfalls=False, opens_item=i == 0, needs=False)
                         for i, c in enumerate(group))


def _header_after_advice(text: str, clause: _Clause, body: str, groups: list[tuple[list[_Clause], bool, bool]],
                         rules: KindRules) -> bool:
    """A lead-in before a list (爰請：, 建議：) after a clause that asks for something already (惟…仍待釐清，
    爰請：1.…): the shortfall before it is an item of its own, the lead-in only heads the list (guideline
    rules 1 and 4)."""
    if clause.delimiter not in _COLONS or not groups or not _ADVICE_HEADER.fullmatch(body.strip()):
        return False
    return any(_is_advice_clause(text, c, rules, opens_item=i == 0) for i, c in enumerate(groups[-1][0]))


def _item_clauses(text: str, rules: KindRules, cut_off: bool = False) -> list[tuple[list[_Clause], bool, bool]]:
    """The clauses of a sentence grouped into items, each with whether it opens with an enumerator
    (另, 其次) and whether with a list number (1., （2）)."""
    groups: list[tuple[list[_Clause], bool, bool]] = []
    for clause in _clauses(text):
        body = text[_lstrip(text, clause.start, clause.end):clause.end]
        if not body:
            if groups:  # an empty clause (，，) keeps the delimiter of the item before it
                last = groups[-1][0][-1]
                groups[-1][0][-1] = _Clause(last.start, last.end, clause.delimiter or last.delimiter)
        elif _starts_item(text, body, groups[-1][0] if groups else None, rules, cut_off) \
                or _header_after_advice(text, clause, body, groups, rules):
            groups.append(([clause], bool(_starts_with(body, rules.item_starts)), bool(_ENUMERATOR.match(body))))
        else:
            groups[-1][0].append(clause)
    return groups


def _opens_with_list_verb(text: str, clause: _Clause, rules: KindRules) -> bool:
    """A numbered list item opening with a bare verb (2.評估導入…，並請注意…): it takes the lead-in's verb, so
    its advice starts there, not at a later marker (guideline rules 1 and 6)."""
    body = text[_strip_prefixes(text, clause.start, clause.end, rules):clause.end]
    term = next((t for t in rules.listed_openings if body.startswith(t.text)), None)
    return term is not None and not inside_excluded(body, 0, len(term.text), term.excluded)


def _item_asks(text: str, group: list[_Clause], rules: KindRules) -> bool:
    """Whether a clause of the item asks for something, not counting an option that opens it and is stated done
    (研擬…要點，已於10月報院: the work done, no advice; guideline rule 4, round 21r)."""
    asks = any(_is_advice_clause(text, c, rules, opens_item=i == 0) for i, c in enumerate(group))
    return asks and not _option_done(text, group, rules)


def _option_done(text: str, group: list[_Clause], rules: KindRules) -> bool:
    """Whether an item is advice only by the option opening it (研擬, 研議) and states that option done (已於10月
    報院, 已完成): a description of the work, not advice (guideline rule 4)."""
    body = text[group[0].start:group[-1].end]
    if not any(w in body for w in rules.done_cues):
        return False
    return not any(_is_advice_clause(text, c, rules) for c in group)


def _ends_on_marker(text: str, rules: KindRules) -> bool:
    """Whether a cut-off sentence ends right after an advice marker (…設備老舊比例偏高，宜): the marker asks, its
    object was cut (guideline rule 6), though a marker before the end of a text is otherwise a noun (…之建議)."""
    body = text.rstrip()
    return any(body.endswith(t.text) and not inside_excluded(body, len(body) - len(t.text), len(body), t.excluded)
               for t in rules.markers)


def _heads_advice(text: str, groups: list[tuple[list[_Clause], bool, bool]], n: int, rules: KindRules) -> bool:
    """Whether group ``n`` is a colon header that makes the items after it advice: an advice verb alone (爰請：,
    建議如下：), or a heading naming the advice (建議事項：, 改進建議：) right before a numbered list."""
    last = groups[n][0][-1]
    if last.delimiter not in _COLONS:
        return False
    heading = text[_strip_prefixes(text, last.start, last.end, rules):last.end].strip().rstrip(":：")
    if _ADVICE_HEADER.fullmatch(heading):
        return True
    return heading in rules.advice_headings and n + 1 < len(groups) and groups[n + 1][2]


def sentence_items(text: str, rules: KindRules, cut_off: bool = False) -> list[Item]:
    """All items of a sentence (findings included), each with its advice and header flags; ``cut_off``:
    the sentence is the cut-off end of a truncated opinion."""
    groups = _item_clauses(text, rules, cut_off)
    cut_marker = cut_off and _ends_on_marker(text, rules)
    items = []
    for n, (group, enumerated, listed) in enumerate(groups):
        cut_here = cut_marker and n == len(groups) - 1 and len(group) > 1  # not 三、宜 alone: nothing asked yet
        has_marker = cut_here or _item_asks(text, group, rules)
        if not has_marker and _heads_advice(text, groups, n, rules):
            has_marker = True  # 爰請：1.…；2.…, （三）爰請：1.…: the header's verb makes the items after it advice
        start = _trim_findings(text, group, rules, cut_here) if has_marker and not (
            listed and _opens_with_list_verb(text, group[0], rules)) else group[0].start
        start = _strip_prefixes(text, start, group[-1].end, rules)
        end = _rstrip(text, start, group[-1].end)
        if end <= start:
            continue
        header = group[-1].delimiter in _COLONS and (n + 1 < len(groups) or bool(
            _ADVICE_HEADER.fullmatch(text[start:end].strip())))  # 爰請： closing a paragraph heads a list
        fact = not header and states_fact(text[start:end], enumerated, rules)
        items.append(Item(start, end, has_marker and not fact, header, enumerated, fact, listed))
    return items


def split_items(sentence_text: str, rules: KindRules | None = None) -> list[tuple[int, int]]:
    """Spans (start, end) of the items of one sentence, findings included, headers left out.

    An advice item starts at the problem it answers, not at results or praise before it.

    >>> s = "鑒於系統複雜，務必落實測試，建議團隊依期程控管進度。"
    >>> [s[a:b] for a, b in split_items(s)]
    ['鑒於系統複雜，務必落實測試', '建議團隊依期程控管進度']
    >>> s = "本年度完成30場說明會，惟參與率偏低，宜擴大宣導。"
    >>> [s[a:b] for a, b in split_items(s)]
    ['惟參與率偏低，宜擴大宣導']
    """
    rules = rules or default_rules()
    return [(i.start, i.end) for i in sentence_items(sentence_text, rules) if not i.header]

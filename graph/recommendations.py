"""Recommendations: every recommendation of a plan's evaluation opinion, classified by kind.

The public API of the recommendation extractor.  The rules are data (``data/recommendation-rules.tsv``,
``ontology/recommendation-kinds.ttl``, loaded by graph/recommendation_rules.py); a sentence is cut
into items by graph/recommendation_items.py.  This module decides which items are advice, following
"Recommendations: what one is and where its text starts" of ``docs/annotation-guideline.md``:
an item with an advice marker is; a marker-less item inherits advice from the item before it in the
same 。-sentence, and across 。 only when it opens with an enumerator or a list number (or is the
cut-off end of a truncated opinion; a list under a lead-in that ends a paragraph, 爰請：, carries it into
the next paragraphs), unless it reports a result (已完成, 通報時間由6小時縮短為1.5小時, 移送案件兩件); an
item saying there is no advice (建議：無) is none; a colon header (建議由三方面強化：) is not an item of
its own.  A reason before ； that asks nothing itself (惟…須另行辦理採購；) and the advice opening the next
sentence (宜研議…) are one recommendation (guideline rule 2): its span is then into the paragraph's text.

>>> from recgraph.text import parse_opinion
>>> from recgraph.model import PlanRow
>>> o = parse_opinion("<p>三、宜定期辦理資安演練，並請將演練結果納入考核。</p> <p>四、建議：無。</p>")
>>> row = PlanRow(serial=1, line=1, name="x", agency="x", control_level="", category="", opinion=o.text,
...               paragraphs=o.paragraphs, truncated=False, name_as_written="x", agency_as_written="x",
...               control_level_as_written="", category_as_written="", opinion_html="")
>>> [r.text for r in extract_recommendations(row)]
['宜定期辦理資安演練，並請將演練結果納入考核']
"""

from __future__ import annotations

from dataclasses import replace
from typing import Iterator

from recgraph.figures import find_figures
from recgraph.model import Paragraph, PlanRow, Recommendation, Sentence, evidence_span
from recgraph.recommendation_items import Item, sentence_items, split_items
from recgraph.recommendation_rules import (DEFAULT_KINDS, DEFAULT_RULES, GENERIC_KIND, Kind, KindRules, Term,
                                           classify, default_rules, find_markers, has_term, is_generic,
                                           load_kinds, worse_change)

__all__ = ["DEFAULT_KINDS", "DEFAULT_RULES", "GENERIC_KIND", "Kind", "KindRules", "Term", "classify",
           "default_rules", "extract_recommendations", "find_markers", "is_generic", "load_kinds",
           "sentence_parts", "split_items"]

_SENTENCE_END = "。！？!?"


def _ends_sentence(sentence_text: str) -> bool:
    return sentence_text.rstrip().endswith(tuple(_SENTENCE_END))


def _is_advice(item: Item, body: str, advice_open: bool, across_stop: bool, cut_off_tail: bool,
               rules: KindRules) -> bool:
    """Rules 3 and 4 of the module docstring: an item with a marker is advice; one without carries
    on open advice (across 。 only when enumerated or the cut-off tail) unless it states a finding:
    a finding cue (已完成) or a result figure (通報時間由6小時縮短為1.5小時, 移送案件兩件)."""
    if body.strip() in rules.none_items or item.fact:
        return False  # 建議：無: there is no advice; 另…部分資料須人工回收: a statement of fact
    if item.has_marker:
        return True
    if not advice_open or (across_stop and not (item.enumerated or item.listed or cut_off_tail)):
        return False
    if any(c in body for c in rules.finding_cues):
        return False
    return not any(f.role == "result" for f in find_figures(body))


def _advice_items(row: PlanRow, rules: KindRules) -> Iterator[tuple[Paragraph, Sentence, Item, bool]]:
    """Each advice item of the opinion in reading order (headers left out), with whether it is the
    cut-off end of a truncated opinion; advice carries from item to item within a paragraph, and into
    the next paragraph only for a list under a lead-in (爰請：</p><p>1.…)."""
    last = None
    if row.paragraphs and row.paragraphs[-1].sentences:
        last = (row.paragraphs[-1].index, row.paragraphs[-1].sentences[-1].index)
    carry = False
    for paragraph in row.paragraphs:
        advice_open, previous_ended = carry, True
        carry = False
        for sentence in paragraph.sentences:
            cut_off = row.truncated and (paragraph.index, sentence.index) == last
            items = sentence_items(sentence.text, rules, cut_off)
            for n, item in enumerate(items):
                tail = cut_off and n == len(items) - 1
                advice_open = _is_advice(item, sentence.text[item.start:item.end], advice_open,
                                         n == 0 and previous_ended, tail, rules)
                carry = advice_open and (item.header or item.listed)
                if advice_open and not item.header:
                    yield paragraph, sentence, item, tail
            previous_ended = _ends_sentence(sentence.text)


def _reason_before(paragraph: Paragraph, sentence: Sentence, item: Item, rules: KindRules) -> Item | None:
    """The reason a recommendation opening its sentence answers from the sentence before it (guideline
    rule 2: 惟部分中繼站…，燃料須以直升機運補；宜研議…): that sentence ends with ； and its last item opens
    with 惟/但 or states a problem with its cause (因…，致…延後) and asks nothing itself (no marker but a need, 須/需; a shortfall, 仍待…, is an item of its own)."""
    if sentence.index < 2 or sentence.text[:item.start].strip(" ，,") or not _opens_with_advice(
            sentence.text[item.start:item.end], rules):
        return None
    before = paragraph.sentences[sentence.index - 2]
    items = sentence_items(before.text, rules) if before.text.endswith(("；", ";")) else []
    if not items or items[-1].header:
        return None
    body = before.text[items[-1].start:items[-1].end]
    needs = {t.text for t in rules.fact_needs}
    markers = find_markers(body, rules)
    if not (body.startswith(rules.contrast_prefixes) or _cause_of_problem(body, rules) or _plain_problem(body, rules)
            or _need_stated(body, rules)) or any(m[2] not in needs for m in markers):
        return None
    return items[-1]


def _need_stated(body: str, rules: KindRules) -> bool:
    """A fact with 須/需 (志工保險之申請仍須臨櫃辦理；宜研議…): right before advice it is the advice's reason (guideline
    rule 4, round 21r), not a cause clause (主因…須…) nor one holding a result figure."""
    return any(t.text in body for t in rules.fact_needs) and not body.startswith(rules.cause_prefixes) \
        and not any(f.role == "result" for f in find_figures(body))


def _plain_problem(body: str, rules: KindRules) -> bool:
    """A problem stated on its own, without 惟 or a cause (部分機關之頻寬不足，視訊會議常中斷；宜…; 系統曾發生壅塞；宜…):
    the reason of the advice after ； (guideline rule 2) when it reports no achievement, praise or result figure."""
    if worse_change(body, rules) and not has_term(body, rules.praise_cues):
        return True  # …未就業之比例仍高；宜…, 滿意度較上年度下降；宜…: a change for the worse (round 21r)
    return has_term(body, rules.problem_cues) and not has_term(body, rules.praise_cues) \
        and not has_term(body, rules.result_cues) and not any(f.role == "result" for f in find_figures(body))


def _cause_of_problem(body: str, rules: KindRules) -> bool:
    """A problem with its cause, without 惟 (採購因零件缺貨延至9月始驗收，致上線延後；宜…): the reason of the
    advice after ； as much as one opening with 惟 (guideline rule 2: a cause right before advice)."""
    return has_term(body, rules.cause_infixes) and has_term(body, rules.problem_cues) \
        and not has_term(body, rules.praise_cues)


def _opens_with_advice(body: str, rules: KindRules) -> bool:
    markers = find_markers(body, rules)
    return bool(markers) and markers[0][0] == 0 and markers[0][2] not in {t.text for t in rules.fact_needs}


def _joined(row: PlanRow, rules: KindRules) -> Iterator[tuple[Paragraph, Sentence, Sentence, int, int, bool]]:
    """Each recommendation as ``(paragraph, first sentence, last sentence, start, end, cut-off tail)``,
    offsets into the first sentence's text, or into the paragraph's when it spans two sentences: a reason
    before ； joined to the advice opening right after it (:func:`_reason_before`)."""
    pending = None
    for paragraph, sentence, item, tail in _advice_items(row, rules):
        reason = _reason_before(paragraph, sentence, item, rules)
        if reason is not None:
            before = paragraph.sentences[sentence.index - 2]
            if pending and pending[1] is before and pending[3] == reason.start:
                pending = None  # the reason was read as advice of its own (…須另行辦理採購；)
            at = before.start - paragraph.start
            item_at = sentence.start - paragraph.start
            if pending:
                yield pending
            pending = (paragraph, before, sentence, at + reason.start, item_at + item.end, tail)
            continue
        if pending:
            yield pending
        pending = (paragraph, sentence, sentence, item.start, item.end, tail)
    if pending:
        yield pending


def extract_recommendations(row: PlanRow, rules: KindRules | None = None) -> list[Recommendation]:
    """Every recommendation of one plan's opinion, numbered 1.. in reading order.

    ``themes`` and ``addressed_to`` are left empty for later stages to fill.
    """
    rules = rules or default_rules()
    out: list[Recommendation] = []
    for paragraph, first, last, start, end, tail in _joined(row, rules):
        text = first.text if first is last else paragraph.text
        body = text[start:end]
        generic = is_generic(body, rules)
        out.append(Recommendation(
            index=len(out) + 1,
            paragraph=paragraph.index,
            sentence=first.index,
            text=body,
            span=evidence_span(text, start, end),
            kinds=(GENERIC_KIND,) if generic else classify(body, rules),
            themes=(),
            generic=generic,
            truncated=tail,
            through=0 if first is last else last.index,
        ))
    return out


def sentence_parts(recommendations: list[Recommendation], row: PlanRow) -> list[Recommendation]:
    """``recommendations`` with each one spanning two sentences cut into its part in each sentence
    (offsets into that sentence's text): what the theme roles read advice by."""
    out = []
    for rec in recommendations:
        if not rec.through:
            out.append(rec)
            continue
        paragraph = row.paragraphs[rec.paragraph - 1]
        for sentence in paragraph.sentences[rec.sentence - 1:rec.through]:
            at = sentence.start - paragraph.start
            start, end = max(rec.span.start - at, 0), min(rec.span.end - at, len(sentence.text))
            out.append(replace(rec, sentence=sentence.index, through=0, span=evidence_span(sentence.text, start, end)))
    return out

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
its own.

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

from typing import Iterator

from recgraph.figures import find_figures
from recgraph.model import Paragraph, PlanRow, Recommendation, Sentence, evidence_span
from recgraph.recommendation_items import Item, sentence_items, split_items
from recgraph.recommendation_rules import (DEFAULT_KINDS, DEFAULT_RULES, GENERIC_KIND, Kind, KindRules, Term,
                                           classify, default_rules, find_markers, is_generic, load_kinds)

__all__ = ["DEFAULT_KINDS", "DEFAULT_RULES", "GENERIC_KIND", "Kind", "KindRules", "Term", "classify",
           "default_rules", "extract_recommendations", "find_markers", "is_generic", "load_kinds",
           "split_items"]

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
            items = sentence_items(sentence.text, rules)
            for n, item in enumerate(items):
                tail = cut_off and n == len(items) - 1
                advice_open = _is_advice(item, sentence.text[item.start:item.end], advice_open,
                                         n == 0 and previous_ended, tail, rules)
                carry = advice_open and (item.header or item.listed)
                if advice_open and not item.header:
                    yield paragraph, sentence, item, tail
            previous_ended = _ends_sentence(sentence.text)


def extract_recommendations(row: PlanRow, rules: KindRules | None = None) -> list[Recommendation]:
    """Every recommendation of one plan's opinion, numbered 1.. in reading order.

    ``themes`` and ``addressed_to`` are left empty for later stages to fill.
    """
    rules = rules or default_rules()
    out: list[Recommendation] = []
    for paragraph, sentence, item, tail in _advice_items(row, rules):
        body = sentence.text[item.start:item.end]
        generic = is_generic(body, rules)
        out.append(Recommendation(
            index=len(out) + 1,
            paragraph=paragraph.index,
            sentence=sentence.index,
            text=body,
            span=evidence_span(sentence.text, item.start, item.end),
            kinds=(GENERIC_KIND,) if generic else classify(body, rules),
            themes=(),
            generic=generic,
            truncated=tail,
        ))
    return out

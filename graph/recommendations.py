"""Recommendations: split evaluation opinions into actionable items and classify them.

An opinion sentence (already split at 。；;) may hold several items, some findings and some
advice.  The rules are data: advice markers, item starters, framing, problem and result cues live
in ``data/recommendation-rules.tsv``; the kinds and their cue words in
``ontology/recommendation-kinds.ttl``.  This module only applies them, following the section
"Recommendations: what one is and where its text starts" of ``docs/annotation-guideline.md``:

1. cut a sentence into clauses at ，,：: outside brackets;
2. start a new item at a clause that opens with an enumerator (第一, 其次, 另, 此外 ...), after a
   colon, or at a clause opening with 建議/建請/務必/請 when the item already holds advice (a
   shortfall alone does not count: …仍待釐清，請… is one item), or at a clause opening with
   並請/並應/並宜 after a comma when the item holds advice, unless it refers back (其, 該): 宜強化個資
   保護，並請檢討審查基準 is two; other clauses opening with 並/及/與, and those opening with 惟/但
   (a caveat: 可評估…，惟應…), stay with the item before it;
3. an item holding advice is a recommendation: an advice marker (建議, 應, 宜, 可評估 ... outside
   words like 應用, 需求), an option opening the item (研議…), or a shortfall stated as still to be
   remedied (仍待加強, 仍有提升空間).  It starts at its first advice clause, keeping every clause
   right before it back to praise or an achievement (整體執行成效良好，後續請… starts at 後續;
   本年度完成30場…): the topic (針對…, 如採…) and the problem it answers, however stated (…流動率偏高,
   …案件增加, …成長趨緩, 進度落後，預定進度85%，實際82.5%), bare figures only next to the problem
   they quantify (檢測比例約30%，建議… starts at 建議); before a clause opening with 惟 only a
   concession is kept (數量雖多，惟…老舊，請…);
4. marker-less items inherit advice from the item before them in the same 。-sentence, and
   across 。 only when they open with an enumerator (or are the cut-off end of a truncated
   opinion); a colon header (建議由三方面強化：) is not an item of its own.

>>> s = "建議由三方面強化：首先，爭取預算，確保財源穩定；其次，導入新技術。"
>>> [s[a:b] for a, b in split_items(s)]
['爭取預算，確保財源穩定', '導入新技術']
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from rdflib import Graph, URIRef
from rdflib.namespace import SKOS

from recgraph.figures import find_figures
from recgraph.text import CLOSE_BRACKETS, OPEN_BRACKETS, cut_outside_brackets
from recgraph.vocab import data_path, ontology_path
from recgraph.model import Paragraph, PlanRow, Recommendation, Sentence, evidence_span
from recgraph.namespace import KIND, RG

DEFAULT_KINDS = ontology_path("recommendation-kinds.ttl")
DEFAULT_RULES = data_path("recommendation-rules.tsv")
GENERIC_KIND = "continue-as-planned"

_OPEN, _CLOSE = OPEN_BRACKETS, CLOSE_BRACKETS
_SPACES = re.compile(r"\s+")
_CLAUSE_STOPS = "，,：:。；;！？!?"
_COLONS = "：:"
_SENTENCE_END = "。！？!?"
_PUNCT = set(_CLAUSE_STOPS + "、" + _OPEN + _CLOSE + " \t\n\u3000")
_LATIN = re.compile(r"[A-Za-z0-9]")
_DIGIT = re.compile(r"[0-9０-９]")
_COUNT = re.compile(r"\s*(?:[0-9０-９]|[一二兩三四五六七八九十百千]+[則件項案筆份條點])")
"""A count right after a noun marker (建議1,284則, 建議十二項): the marker is the noun."""


@dataclass(frozen=True)
class Term:
    """A literal with the longer words in which it means something else."""

    text: str
    excluded: tuple[str, ...] = ()


@dataclass(frozen=True)
class Kind:
    """A recommendation kind: its id (local name in the kind scheme), cues and exclusions."""

    id: str
    label_en: str
    label_zh: str
    cues: tuple[str, ...]
    excluded: tuple[str, ...]


@dataclass(frozen=True)
class KindRules:
    """Every rule the extractor applies, loaded from the ontology and the rules table."""

    kinds: tuple[Kind, ...]
    markers: tuple[Term, ...]
    shortfall_markers: tuple[Term, ...]
    opening_advice: tuple[str, ...]
    opening_markers: tuple[str, ...]
    item_starts: tuple[Term, ...]
    strip_prefixes: tuple[str, ...]
    joining_prefixes: tuple[str, ...]
    second_requests: tuple[str, ...]
    back_references: tuple[Term, ...]
    outcome_nouns: tuple[str, ...]
    manner_adverbs: tuple[str, ...]
    recipient_words: tuple[str, ...]
    caveat_verbs: tuple[str, ...]
    caveat_objects: tuple[str, ...]
    circumstance_prefixes: tuple[str, ...]
    noun_markers: tuple[str, ...]
    none_items: tuple[str, ...]
    framing_prefixes: tuple[Term, ...]
    framing_suffixes: tuple[Term, ...]
    contrast_prefixes: tuple[str, ...]
    concession_cues: tuple[str, ...]
    problem_cues: tuple[Term, ...]
    praise_cues: tuple[Term, ...]
    result_cues: tuple[Term, ...]
    finding_cues: tuple[str, ...]
    generic_patterns: tuple[re.Pattern, ...]


def _read_rules(path: Path) -> dict[str, list[Term]]:
    rules: dict[str, list[Term]] = {}
    with open(path, encoding="utf-8", newline="") as f:
        lines = [line for line in f if line.strip() and not line.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t"):
        text = (row.get("text") or "").strip()
        if not text:
            continue
        excluded = tuple(x for x in (row.get("excluded") or "").split("|") if x)
        rules.setdefault(row["rule"].strip(), []).append(Term(text, excluded))
    return rules


def _literals(g: Graph, subject, predicate) -> tuple[str, ...]:
    return tuple(sorted(str(o) for o in g.objects(subject, predicate)))


def _label(g: Graph, subject, lang: str) -> str:
    for o in g.objects(subject, SKOS.prefLabel):
        if getattr(o, "language", None) and o.language.lower() == lang.lower():
            return str(o)
    return ""


def load_kinds(path: str | Path = DEFAULT_KINDS, rules_path: str | Path = DEFAULT_RULES) -> KindRules:
    """Load the kind scheme (cues, exclusions) and the splitting rules table.

    >>> rules = load_kinds()
    >>> [k.id for k in rules.kinds][:2]
    ['continue-as-planned', 'cross-agency-coordination']
    """
    g = Graph().parse(str(path), format="turtle")
    kinds = []
    for concept in sorted(set(g.subjects(SKOS.inScheme, URIRef(str(KIND)[:-1])))):
        kinds.append(Kind(
            id=str(concept)[len(str(KIND)):],
            label_en=_label(g, concept, "en"),
            label_zh=_label(g, concept, "zh-Hant"),
            cues=_literals(g, concept, RG.cue),
            excluded=_literals(g, concept, RG.excludedContext),
        ))
    r = _read_rules(Path(rules_path))

    def texts(rule):
        # Longest first, so 另外 is tried before 另 and 並且 before 並.
        return tuple(sorted((t.text for t in r.get(rule, [])), key=lambda s: (-len(s), s)))

    def terms(rule):
        return tuple(sorted(r.get(rule, []), key=lambda t: (-len(t.text), t.text)))

    return KindRules(
        kinds=tuple(kinds),
        markers=terms("advice-marker"),
        shortfall_markers=terms("shortfall-marker"),
        opening_advice=texts("opening-advice"),
        opening_markers=texts("opening-marker"),
        item_starts=terms("item-start"),
        strip_prefixes=texts("strip-prefix"),
        joining_prefixes=texts("joining-prefix"),
        second_requests=texts("second-request"),
        back_references=terms("back-reference"),
        outcome_nouns=texts("outcome-noun"),
        manner_adverbs=texts("manner-adverb"),
        recipient_words=texts("recipient-word"),
        caveat_verbs=texts("caveat-verb"),
        caveat_objects=texts("caveat-object"),
        circumstance_prefixes=texts("circumstance-prefix"),
        noun_markers=texts("noun-marker"),
        none_items=texts("none-item"),
        framing_prefixes=terms("framing-prefix"),
        framing_suffixes=terms("framing-suffix"),
        contrast_prefixes=texts("contrast-prefix"),
        concession_cues=texts("concession-cue"),
        problem_cues=terms("problem-cue"),
        praise_cues=terms("praise-cue"),
        result_cues=terms("result-cue"),
        finding_cues=texts("finding-cue"),
        generic_patterns=tuple(re.compile(t.text) for t in r.get("generic-directive", [])),
    )


@lru_cache(maxsize=1)
def default_rules() -> KindRules:
    """The rules shipped with the project, loaded once."""
    return load_kinds()


# ---------------------------------------------------------------- markers


def _inside_excluded(text: str, start: int, end: int, excluded: tuple[str, ...]) -> bool:
    """True when text[start:end] lies inside an occurrence of one of the excluded words."""
    for word in excluded:
        lo = max(0, start - len(word) + 1)
        hi = min(len(text), end + len(word) - 1)
        pos = text.find(word, lo, hi)
        while pos != -1:
            if pos <= start and pos + len(word) >= end:
                return True
            pos = text.find(word, pos + 1, hi)
    return False


def find_markers(text: str, rules: KindRules | None = None,
                 shortfalls: bool = True) -> list[tuple[int, int, str]]:
    """Advice markers in ``text`` as (start, end, marker), skipping words that merely contain one.

    With ``shortfalls``, a shortfall stated as still to be remedied (仍待加強, 仍有提升空間) counts too:
    the evaluators' way of asking for it (guideline rule 4).

    >>> [m[2] for m in find_markers("應用推廣成效良好，建議持續追蹤，並提出建議。")]
    ['建議']
    >>> [m[2] for m in find_markers("執行進度仍待加強。")], find_markers("執行進度仍待加強。", shortfalls=False)
    (['仍待'], [])
    """
    rules = rules or default_rules()
    found = []
    taken: set[int] = set()
    terms = [(t, False) for t in rules.markers]
    if shortfalls:
        terms += [(t, True) for t in rules.shortfall_markers]
    for term, shortfall in terms:
        pos = text.find(term.text)
        while pos != -1:
            end = pos + len(term.text)
            noun = not shortfall and (end >= len(text) or text[end] in _PUNCT
                                      or (term.text in rules.noun_markers and bool(_COUNT.match(text, end))))
            if not noun and not taken.intersection(range(pos, end)) and not _inside_excluded(
                text, pos, end, term.excluded
            ):
                found.append((pos, end, term.text))
                taken.update(range(pos, end))
            pos = text.find(term.text, pos + 1)
    return sorted(found)


# ---------------------------------------------------------------- clauses and items


@dataclass(frozen=True)
class _Clause:
    start: int
    end: int  # exclusive, without the delimiter
    delimiter: str  # the stop character after the clause ("" at the end)


def _clauses(text: str) -> list[_Clause]:
    """Cut text at ，,：:。；; outside brackets, not at the thousands comma of a number (1,200件)."""
    out: list[_Clause] = []
    glued = False
    for start, end, stop in cut_outside_brackets(text, _CLAUSE_STOPS):
        if glued:
            start = out.pop().start
        glued = stop == "," and 0 < end < len(text) - 1 and _DIGIT.match(text[end - 1]) and _DIGIT.match(text[end + 1])
        if stop or start < end or glued:
            out.append(_Clause(start, end, stop))
    return out


def _lstrip(text: str, start: int, end: int) -> int:
    while start < end and (text[start].isspace() or text[start] in _CLAUSE_STOPS + "、"):
        start += 1
    return start


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and (text[end - 1].isspace() or text[end - 1] in _CLAUSE_STOPS + "、"):
        end -= 1
    return end


_ORDINAL = re.compile(r"第[一二三四五六七八九十]+")
"""An ordinal (第一, 第二): an enumerator only when punctuation follows it, not in 第二期工程 or 第三方."""


def _starts_with(body: str, terms) -> str:
    for term in terms:
        word = term.text if isinstance(term, Term) else term
        if body.startswith(word):
            if isinstance(term, Term) and any(body.startswith(x) for x in term.excluded):
                continue
            if _ORDINAL.fullmatch(word) and len(body) > len(word) and body[len(word)] not in _PUNCT:
                continue
            return word
    return ""


def _ends_with(body: str, terms: tuple[Term, ...]) -> bool:
    for term in terms:
        if body.endswith(term.text) and not any(body.endswith(x) for x in term.excluded):
            return True
    return False


_ENUMERATOR = re.compile(r"(?:[（(](?:[一二三四五六七八九十]{1,3}|[0-9０-９]{1,2})[）)]"
                         r"|[0-9０-９]{1,2}[.．、)）](?![0-9０-９])|[一二三四五六七八九十]{1,3}、)\s*")
"""A list enumerator at an item's start: （一）, (2), 1., ２、, 三、 (not the 1. of 1.2億元)."""


_ADVICE_HEADER = re.compile(r"(?:爰|故|爰此|茲|是以|綜上)?(?:請|建請|建議|爰請)")
"""A clause that is only an advice verb before a colon (爰請：, 爰建議：, 綜上建請：), not a noun heading
(問題與建議：)."""


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
class _Item:
    start: int
    end: int
    has_marker: bool
    header: bool  # a colon header introducing a list (建議由三方面強化：)
    enumerated: bool  # opens with an enumerator or connector (第一, 其次, 另, 同時 ...)


def _is_framing(body: str, rules: KindRules) -> bool:
    return bool(_starts_with(body, rules.framing_prefixes)) or _ends_with(body, rules.framing_suffixes)


def _has_term(body: str, terms: tuple[Term, ...]) -> bool:
    return any(_has_cue(body, t.text, t.excluded) for t in terms)


def _is_advice_clause(text: str, clause: _Clause, rules: KindRules, shortfalls: bool = True,
                      opens_item: bool = False) -> bool:
    """Whether a clause asks for something: an advice marker (a shortfall too, unless told not to),
    or, in the clause that opens an item, an option (研議…; 本計畫…，研擬… describes the work)."""
    body = text[_strip_prefixes(text, clause.start, clause.end, rules):clause.end]
    if clause.delimiter in "，," and _starts_with(body, rules.circumstance_prefixes):
        return False  # 鑒於影像需即時回傳，請…: the circumstance the advice after it answers
    if find_markers(text[clause.start:clause.end], rules, shortfalls):
        return True
    if not opens_item:
        return False
    return bool(_starts_with(body, rules.opening_advice))


def _states_problem(body: str, rules: KindRules) -> bool:
    """A clause before the advice that states the problem it answers (guideline rules 2-3): no praise
    (良好), and a problem cue (偏高, 落後, 涉及, 非屬) or no achievement (完成, 上線): an increase, a
    slowdown, a context or a delay with its figures (預定進度85%，實際82.5%) is kept."""
    if _has_term(body, rules.praise_cues):
        return False
    if _has_term(body, rules.problem_cues):
        return True
    return not _has_term(body, rules.result_cues)


def _trim_findings(text: str, clauses: list[_Clause], rules: KindRules) -> int:
    """Start of an item (guideline rules 2-3): its first advice clause with every clause right before
    it back to praise or an achievement; before a clause opening with 惟/但 only a concession
    (數量雖多，惟…) or a topic is kept.  Clauses of bare figures (預定進度85%，實際82.5%) are kept only
    next to a problem they quantify (進度落後): after a result alone (檢測比例約30%，建議…) they are left out."""
    first = next((i for i, c in enumerate(clauses) if _is_advice_clause(text, c, rules, opens_item=i == 0)),
                 None)
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
            keep = _is_framing(body, rules) or any(c in body for c in rules.concession_cues)
        elif _is_framing(body, rules):
            keep = True
        else:
            keep = _states_problem(body, rules)
            figures = keep and bool(find_figures(body)) and not _has_term(body, rules.problem_cues)
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
    並請推廣予各機關參考: the thing just asked for) or is a caveat on how to do it (並應注意資安風險)."""
    for noun in rules.outcome_nouns:
        pos = body.find(noun)
        while pos >= 2:
            if body[pos - 2:pos] in first:
                return True
            pos = body.find(noun, pos + 1)
    rest = body[len(_starts_with(body, rules.second_requests)):]
    while (adverb := _starts_with(rest, rules.manner_adverbs)) and len(rest) > len(adverb):
        rest = rest[len(adverb):]
    if _starts_with(rest, rules.caveat_verbs):
        return rest.endswith(rules.caveat_objects)  # not 留意…之安全風險評估: a new thing to do
    return len(rest) <= 2 or rest[2:3] in rules.recipient_words


def _is_second_request(text: str, body: str, group: list[_Clause], rules: KindRules) -> bool:
    """A clause opening with 並請/並應/並宜 after a comma, without a back-reference (其, 該), after an
    item that already asks for something: a second request (guideline rule 5)."""
    if group[-1].delimiter not in "，," or not _starts_with(body, rules.second_requests):
        return False
    if _has_term(body, rules.back_references) or not find_markers(body, rules, shortfalls=False):
        return False  # 並請審慎評估其…: carries the first further; a cut-off 並宜 asks nothing yet
    if _continues_first(body, text[group[0].start:group[-1].end], rules):
        return False
    return any(_is_advice_clause(text, c, rules, shortfalls=False, opens_item=i == 0)
               for i, c in enumerate(group))


def _starts_item(text: str, body: str, group: list[_Clause] | None, rules: KindRules) -> bool:
    """Whether the clause ``body`` starts a new item after ``group``, the current one (rule 2 of
    the module docstring): first clause, after a colon, an enumerator, or an advice opening when
    the item holds advice already; never a clause joined by 並/及/與 or a caveat opening with 惟/但."""
    if group is None or group[-1].delimiter in _COLONS:
        return True
    if _is_second_request(text, body, group, rules):
        return True
    if _starts_with(body, rules.joining_prefixes) or _starts_with(body, rules.contrast_prefixes):
        return False
    if _starts_with(body, rules.item_starts):
        return True
    opens = any(0 <= body.find(m) <= 4 and find_markers(body[: body.find(m) + len(m) + 1], rules)
                for m in rules.opening_markers)
    # A shortfall before it (…仍待釐清，請…) is the problem the new advice answers, not an item.
    return opens and any(_is_advice_clause(text, c, rules, shortfalls=False, opens_item=i == 0)
                         for i, c in enumerate(group))


def _item_clauses(text: str, rules: KindRules) -> list[tuple[list[_Clause], bool]]:
    """The clauses of a sentence grouped into items, each with whether it opens with an enumerator."""
    groups: list[tuple[list[_Clause], bool]] = []
    for clause in _clauses(text):
        body = text[_lstrip(text, clause.start, clause.end):clause.end]
        if not body:
            if groups:  # an empty clause (，，) keeps the delimiter of the item before it
                last = groups[-1][0][-1]
                groups[-1][0][-1] = _Clause(last.start, last.end, clause.delimiter or last.delimiter)
        elif _starts_item(text, body, groups[-1][0] if groups else None, rules):
            groups.append(([clause], bool(_starts_with(body, rules.item_starts))))
        else:
            groups[-1][0].append(clause)
    return groups


def _items(text: str, rules: KindRules) -> list[_Item]:
    """All items of a sentence (findings included), each with its advice and header flags."""
    groups = _item_clauses(text, rules)
    items = []
    for n, (group, enumerated) in enumerate(groups):
        has_marker = any(_is_advice_clause(text, c, rules, opens_item=i == 0) for i, c in enumerate(group))
        if not has_marker and group[-1].delimiter in _COLONS and _ADVICE_HEADER.fullmatch(
                text[_lstrip(text, group[-1].start, group[-1].end):group[-1].end].strip()):
            has_marker = True  # 爰請：1.…；2.…: the header's verb makes the items after it advice
        start = _trim_findings(text, group, rules) if has_marker else group[0].start
        start = _strip_prefixes(text, start, group[-1].end, rules)
        end = _rstrip(text, start, group[-1].end)
        if end <= start:
            continue
        header = group[-1].delimiter in _COLONS and n + 1 < len(groups)
        items.append(_Item(start, end, has_marker, header, enumerated))
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
    return [(i.start, i.end) for i in _items(sentence_text, rules) if not i.header]


# ---------------------------------------------------------------- classification


@lru_cache(maxsize=65536)
def _compact(text: str) -> str:
    """Text without white space, lower-cased (cues are compacted once and cached)."""
    return _SPACES.sub("", text).lower()


def _has_cue(text: str, cue: str, excluded: tuple[str, ...]) -> bool:
    """Whether the (compacted) cue occurs in text outside excluded contexts and Latin words."""
    pos = text.find(cue)
    while pos != -1:
        end = pos + len(cue)
        latin_edge = (
            (_LATIN.match(cue[0]) and pos > 0 and _LATIN.match(text[pos - 1]))
            or (_LATIN.match(cue[-1]) and end < len(text) and _LATIN.match(text[end]))
        )
        if not latin_edge and not _inside_excluded(text, pos, end, excluded):
            return True
        pos = text.find(cue, pos + 1)
    return False


def is_generic(text: str, rules: KindRules | None = None) -> bool:
    """True for a boiler-plate directive to carry on as planned.

    >>> is_generic("後續請依規劃積極推動執行，並與各機關保持密切聯繫")
    True
    >>> is_generic("建議團隊嚴格依照規劃期程控管進度")
    True
    >>> is_generic("建議明確訂定我國C3PAO設立時程與里程碑")
    False
    """
    rules = rules or default_rules()
    return any(p.search(text) for p in rules.generic_patterns)


def classify(text: str, rules: KindRules | None = None) -> tuple[str, ...]:
    """Sorted ids of the kinds whose cues occur in ``text`` (spaces and case ignored).

    >>> classify("建議建立長期成效追蹤機制，並擴大推廣")
    ('diffusion-scale-up', 'outcome-tracking')
    """
    rules = rules or default_rules()
    compact = _compact(text)
    found = []
    for kind in rules.kinds:
        if kind.id == GENERIC_KIND:
            continue
        excluded = tuple(_compact(x) for x in kind.excluded)
        if any(_has_cue(compact, _compact(c), excluded) for c in kind.cues):
            found.append(kind.id)
    return tuple(sorted(found))


# ---------------------------------------------------------------- extraction


def _ends_sentence(sentence_text: str) -> bool:
    return sentence_text.rstrip().endswith(tuple(_SENTENCE_END))


def _is_advice(item: _Item, body: str, advice_open: bool, across_stop: bool, cut_off_tail: bool,
               rules: KindRules) -> bool:
    """Rules 3 and 4 of the module docstring: an item with a marker is advice; one without carries
    on open advice (across 。 only when enumerated or the cut-off tail) unless it states a finding:
    a finding cue (已完成) or a result figure (通報時間由6小時縮短為1.5小時, 移送案件兩件)."""
    if body.strip() in rules.none_items:
        return False  # 建議：無: there is no advice
    if item.has_marker:
        return True
    if not advice_open or (across_stop and not (item.enumerated or cut_off_tail)):
        return False
    if any(c in body for c in rules.finding_cues):
        return False
    return not any(f.role == "result" for f in find_figures(body))


def _advice_items(row: PlanRow, rules: KindRules) -> Iterator[tuple[Paragraph, Sentence, _Item, bool]]:
    """Each advice item of the opinion in reading order (headers left out), with whether it is the
    cut-off end of a truncated opinion; advice carries from item to item within a paragraph."""
    last = None
    if row.paragraphs and row.paragraphs[-1].sentences:
        last = (row.paragraphs[-1].index, row.paragraphs[-1].sentences[-1].index)
    for paragraph in row.paragraphs:
        advice_open, previous_ended = False, True
        for sentence in paragraph.sentences:
            cut_off = row.truncated and (paragraph.index, sentence.index) == last
            items = _items(sentence.text, rules)
            for n, item in enumerate(items):
                tail = cut_off and n == len(items) - 1
                advice_open = _is_advice(item, sentence.text[item.start:item.end], advice_open,
                                         n == 0 and previous_ended, tail, rules)
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

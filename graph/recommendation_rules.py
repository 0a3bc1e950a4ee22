"""Recommendation rules: the word lists of ``data/recommendation-rules.tsv`` and the kinds of
``ontology/recommendation-kinds.ttl``, loaded once, and the word-level tests on them: advice
markers (建議, 應, 宜 outside 應用, 需求, 建議1,284則), cues, the kinds a text is classified under.

Cutting an opinion into items is graph/recommendation_items.py; the extraction over a plan's
opinion is graph/recommendations.py (the public API).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import SKOS

from recgraph.memo import by_identity
from recgraph.regex_literals import Index, candidates, index_words
from recgraph.text import CLOSE_BRACKETS, OPEN_BRACKETS
from recgraph.vocab import data_path, ontology_path
from recgraph.namespace import KIND, RG

DEFAULT_KINDS = ontology_path("recommendation-kinds.ttl")
DEFAULT_RULES = data_path("recommendation-rules.tsv")
GENERIC_KIND = "continue-as-planned"

CLAUSE_STOPS = "，,：:。；;！？!?"
PUNCT = set(CLAUSE_STOPS + "、" + OPEN_BRACKETS + CLOSE_BRACKETS + " \t\n\u3000")
_SPACES = re.compile(r"\s+")
_LATIN = re.compile(r"[A-Za-z0-9]")
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
    recipient_words: tuple[Term, ...]
    caveat_verbs: tuple[str, ...]
    caveat_objects: tuple[str, ...]
    circumstance_prefixes: tuple[str, ...]
    cause_prefixes: tuple[str, ...]
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
    fact_needs: tuple[Term, ...] = ()
    """須/需 that may state how things are done (guideline rule 4), excluded: the adverbs that ask (仍須)."""
    fact_words: tuple[str, ...] = ()
    """Written right after a fact need, make it a statement of fact (須人工回收, 仍須紙本簽核)."""
    shortfall_patterns: tuple[re.Pattern, ...] = ()
    """Shortfalls with words between their parts (仍有進一步提升之空間): regular expressions."""
    fact_subjects: tuple[str, ...] = ()
    """A subject (部分) after which a fact need in an enumerated item states how some things are done."""
    served_subjects: tuple[str, ...] = ()
    """A subject (服務對象, 補助對象) after which a need in its clause says who is served, asking nothing."""
    obstacle_cues: tuple[Term, ...] = ()
    """An obstacle (無行動網路, 收不到) after which a need states the way round it, asking nothing."""
    cause_infixes: tuple[Term, ...] = ()
    """A cause word (因) before a need that a consequence clause (，致…落後) follows: a cause of delay."""
    consequence_prefixes: tuple[Term, ...] = ()
    """A clause opening with this (致, 導致) states the consequence of the cause before it."""
    need_asks: tuple[str, ...] = ()
    """Written right after a need, make it ask (須加強, 須儘速): never a description (guideline rule 4)."""
    noun_forms: tuple[str, ...] = ()
    """A word holding a marker that is a noun when it ends a clause (…之後送需要。, 實際需要，)."""
    risk_verbs: tuple[str, ...] = ()
    outcome_links: tuple[str, ...] = ()
    """Right after an outcome noun, make it a modifier of a new thing (審查結果與預算之連動, 成效之指標)."""
    new_object_heads: tuple[str, ...] = ()
    """End a second part whose outcome noun only describes a new thing to build (建立培訓成效追蹤機制)."""
    outcome_uses: tuple[str, ...] = ()
    outcome_bases: tuple[str, ...] = ()
    """Right before an outcome noun's first-part word, make the outcome the basis acted on (依調查結果研擬…)."""
    listed_openings: tuple[Term, ...] = ()
    """A bare verb opening a numbered list item (2.評估導入…，並請注意…): the item's advice starts there."""
    """Right after an outcome noun, act on it (演練結果納入考核機制): the outcome stays the object."""
    """Open a second part that names a risk to avoid in doing the first (並應避免過度依賴單一路由): one item."""
    placing_verbs: tuple[str, ...] = ()
    """Open a second part that puts the thing just asked for into a review (並請納入年度考核): with a review-noun
    ending it, the object is left unsaid and the request is one."""
    review_nouns: tuple[str, ...] = ()
    """End a placing-verb part: a review the first's findings go into (考核, 評鑑)."""
    closing_verbs: tuple[str, ...] = ()
    """End a second part with nothing after them (並請督導業者落實): its object is the thing just asked for."""
    follow_up_times: tuple[str, ...] = ()
    """Open a second part after a review-verb request (並請於次年度…): the review's result put into effect, one item."""
    review_verbs: tuple[str, ...] = ()
    """In the first request, make it a review (檢討) whose result a follow-up-time part puts into effect."""
    caveat_attention: tuple[str, ...] = ()
    """After 並請, a caveat verb whose noun-phrase object (…之可解釋性) is a property or limit of the first: one item."""
    caveat_new_work: tuple[str, ...] = ()
    """Opening an attention caveat's object as a verb, make it a new thing to do (並請留意建立…管道): two items."""
    caveat_work_nouns: tuple[str, ...] = ()
    """Ending an attention caveat's object, make it a new thing to do (並請留意…之安全風險評估): two items."""
    bare_drills: tuple[str, ...] = ()
    """A 並請 part that is only a drill after a drill verb (並請每年辦理演練): the drill of the first, one item."""
    drill_verbs: tuple[str, ...] = ()
    ahead_cues: tuple[str, ...] = ()
    """A clause holding this (without 已) states a date or event ahead (…預定於明年辦理): a circumstance, kept."""
    requirement_cues: tuple[str, ...] = ()
    """Before a duty marker in its clause (要求應設置…之單位), what others are required to do: a fact, no advice."""
    requirement_leads: tuple[str, ...] = ()
    """Opening the clause just before a duty's clause with a requirement cue in it (依…法規定，…均須…): the law's duty."""
    duty_markers: tuple[str, ...] = ()
    bound_parties: tuple[str, ...] = ()
    """A party before a need with a requirement verb after it (學員須完成…): how the programme works, a fact."""
    requirement_verbs: tuple[str, ...] = ()
    continuity_requests: tuple[str, ...] = ()
    """In the first request, make it set up a backup or contingency (備份, 備援) that a continuity drill exercises."""
    continuity_drills: tuple[str, ...] = ()
    """Before 演練/測試 in a 並請 part after a continuity request (還原測試, 切換演練): the drill of the first, one item."""
    outcome_reviews: tuple[str, ...] = ()
    """Open a 並請 part that reviews the first's generic outcome (並請每年檢視推動成效): one item."""
    generic_outcomes: tuple[str, ...] = ()
    """The whole object of an outcome-review part (推動成效, 辦理情形): the first's outcome, its noun left unsaid."""
    upkeep_nouns: tuple[str, ...] = ()
    """End a 並請 part that only keeps up or audits what was asked (並請落實定期維護, 並請定期辦理資安稽核): one item."""
    container_nouns: tuple[str, ...] = ()
    """End a placing-verb part that puts the first's output into a document (並請研議納入委辦契約): one item."""
    duty_terms: tuple[re.Pattern, ...] = ()
    """Matched right after a duty marker (應設置…之學校均…): the duty names the parties of a result, asking nothing."""
    safeguard_verbs: tuple[str, ...] = ()
    """Open a 並請 part ending in a safeguard-object (並請加強學生之隱私保護): a safeguard on doing the first, one item."""
    safeguard_objects: tuple[str, ...] = ()
    invite_verbs: tuple[str, ...] = ()
    """Open a 並請 part ending in an expert-check with no 之 (並請邀集外部學者審訂): the first put before experts, one item."""
    expert_checks: tuple[str, ...] = ()
    done_cues: tuple[str, ...] = ()
    """In an item that asks only by the option opening it (研擬…), state that option done (已於10月報院): no advice."""
    worse_patterns: tuple[re.Pattern, ...] = ()
    """A change for the worse or a bad state that persists (滿意度較上年度下降, 比例仍高): a problem, kept before advice."""
    advice_headings: tuple[str, ...] = ()
    """A colon heading that names the advice (建議事項：, 改進建議：): right before a numbered list it heads a list of advice."""


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

    fact_needs, fact_words = terms("fact-need"), texts("fact-after-need")
    needs = {t.text for t in fact_needs}
    markers = tuple(Term(t.text, t.excluded + tuple(t.text + w for w in fact_words)) if t.text in needs else t
                    for t in terms("advice-marker"))  # 須人工回收: a fact, not advice
    return KindRules(
        kinds=tuple(kinds),
        markers=markers,
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
        recipient_words=terms("recipient-word"),
        caveat_verbs=texts("caveat-verb"),
        caveat_objects=texts("caveat-object"),
        circumstance_prefixes=texts("circumstance-prefix"),
        cause_prefixes=texts("cause-prefix"),
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
        fact_needs=fact_needs,
        fact_words=fact_words,
        fact_subjects=texts("fact-subject"),
        served_subjects=texts("served-subject"),
        obstacle_cues=terms("obstacle-cue"),
        cause_infixes=terms("cause-infix"),
        consequence_prefixes=terms("consequence-prefix"),
        noun_forms=texts("noun-form"),
        need_asks=texts("need-asks"),
        risk_verbs=texts("risk-verb"),
        outcome_links=texts("outcome-link"),
        new_object_heads=texts("new-object-head"),
        outcome_uses=texts("outcome-use"),
        listed_openings=terms("listed-opening"),
        outcome_bases=texts("outcome-base"),
        placing_verbs=texts("placing-verb"),
        review_nouns=texts("review-noun"),
        closing_verbs=texts("closing-verb"),
        follow_up_times=texts("follow-up-time"),
        review_verbs=texts("review-verb"),
        caveat_attention=texts("caveat-attention"),
        caveat_new_work=texts("caveat-new-work"),
        caveat_work_nouns=texts("caveat-work-noun"),
        bare_drills=texts("bare-drill"),
        drill_verbs=texts("drill-verb"),
        ahead_cues=texts("ahead-cue"),
        requirement_cues=texts("requirement-cue"),
        requirement_leads=texts("requirement-lead"),
        duty_markers=texts("duty-marker"),
        bound_parties=texts("bound-party"),
        requirement_verbs=texts("requirement-verb"),
        shortfall_patterns=tuple(re.compile(t.text) for t in r.get("shortfall-pattern", [])),
        continuity_requests=texts("continuity-request"),
        continuity_drills=texts("continuity-drill"),
        outcome_reviews=texts("outcome-review"),
        generic_outcomes=texts("generic-outcome"),
        upkeep_nouns=texts("upkeep-noun"),
        container_nouns=texts("container-noun"),
        done_cues=texts("done-cue"),
        safeguard_verbs=texts("safeguard-verb"),
        safeguard_objects=texts("safeguard-object"),
        invite_verbs=texts("invite-verb"),
        expert_checks=texts("expert-check"),
        duty_terms=tuple(re.compile(t.text) for t in r.get("duty-term", [])),
        worse_patterns=tuple(re.compile(t.text) for t in r.get("worse-pattern", [])),
        advice_headings=texts("advice-heading"),
    )


@lru_cache(maxsize=1)
def default_rules() -> KindRules:
    """The rules shipped with the project, loaded once."""
    return load_kinds()


# ---------------------------------------------------------------- markers


def inside_excluded(text: str, start: int, end: int, excluded: tuple[str, ...]) -> bool:
    """True when text[start:end] lies inside an occurrence of one of the excluded words.

    An occurrence covering it starts at most the longest word's length before ``end`` and at ``start``
    the latest: the words, longest first, are matched at those few positions (one engine call each)
    instead of each word searched for in turn (應 has 40 excluded words)."""
    if not excluded:
        return False
    if start < end:
        pattern, longest = by_identity(_EXCLUDED, excluded, _longest_first)
        for pos in range(max(0, end - longest), start + 1):
            m = pattern.match(text, pos)  # the longest word there: if it does not reach end, none does
            if m and m.end() >= end:
                return True
        return False
    return any_word_covers(text, start, end, excluded)


def any_word_covers(text: str, start: int, end: int, words: tuple[str, ...]) -> bool:
    """True when an occurrence of one of ``words`` covers text[start:end], each word searched in turn
    (what :func:`inside_excluded` does for an empty span, and the plain form its tests compare with)."""
    for word in words:
        lo = max(0, start - len(word) + 1)
        hi = min(len(text), end + len(word) - 1)
        pos = text.find(word, lo, hi)
        while pos != -1:
            if pos <= start and pos + len(word) >= end:
                return True
            pos = text.find(word, pos + 1, hi)
    return False


_EXCLUDED: dict = {}


def _longest_first(words: tuple[str, ...]) -> tuple[re.Pattern, int]:
    """One pattern of ``words``, longest first (the match at a position is the longest word there), and
    the longest word's length."""
    ordered = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    return re.compile("|".join(map(re.escape, ordered)) or r"(?!)"), max(map(len, ordered), default=0)


def _ends_clause_as_noun(text: str, pos: int, forms: tuple[str, ...]) -> bool:
    """Whether a noun form (需要) starts at pos and ends its clause: …以因應戰時之後送需要。 asks nothing."""
    for form in forms:
        end = pos + len(form)
        if text.startswith(form, pos) and (end >= len(text) or text[end] in PUNCT):
            return True
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
    found: list[tuple[int, int, str]] = []
    taken: set[int] = set()
    terms, index = _marker_index(rules)
    for i in candidates(index, text):  # the terms that occur in text, in order
        term, shortfall = terms[i]
        if shortfall and not shortfalls:
            break
        take_term(text, term, shortfall, rules, found, taken)
    if shortfalls:
        take_shortfall_patterns(text, rules, found, taken)
    return sorted(found)


def take_term(text: str, term, shortfall: bool, rules: KindRules, found: list, taken: set[int]) -> None:
    """Add each occurrence of one marker ``term`` in ``text`` that asks for something (not a noun such as
    建議事項 or 需要。, not inside an excluded word, not over a marker already taken) to ``found``."""
    pos = text.find(term.text)
    while pos != -1:
        end = pos + len(term.text)
        noun = not shortfall and (end >= len(text) or text[end] in PUNCT
                                  or (term.text in rules.noun_markers and bool(_COUNT.match(text, end)))
                                  or _ends_clause_as_noun(text, pos, rules.noun_forms))
        if not noun and not taken.intersection(range(pos, end)) and not inside_excluded(
            text, pos, end, term.excluded
        ):
            found.append((pos, end, term.text))
            taken.update(range(pos, end))
        pos = text.find(term.text, pos + 1)


def take_shortfall_patterns(text: str, rules: KindRules, found: list, taken: set[int]) -> None:
    """Add the shortfalls written as patterns (仍有…空間) that no marker already covers to ``found``."""
    for pattern in rules.shortfall_patterns:
        for m in pattern.finditer(text):
            if not taken.intersection(range(m.start(), m.end())):
                found.append((m.start(), m.end(), m.group()))
                taken.update(range(m.start(), m.end()))


_MARKER_INDEXES: dict = {}


def _marker_index(rules: KindRules) -> tuple[tuple[tuple[Term, bool], ...], Index]:
    """The advice markers then the shortfall markers (with whether each is a shortfall), and their index
    by text (:mod:`recgraph.regex_literals`): one engine call finds the few that occur in a clause instead
    of ~70 searches (find_markers runs ~20 times a plan)."""
    def build(rules):
        terms = tuple((t, False) for t in rules.markers) + tuple((t, True) for t in rules.shortfall_markers)
        return terms, index_words([{t.text} for t, _ in terms])
    return by_identity(_MARKER_INDEXES, rules, build)


@lru_cache(maxsize=65536)
def _compact(text: str) -> str:
    """Text without white space, lower-cased (cues are compacted once and cached)."""
    return _SPACES.sub("", text).lower()


def has_cue(text: str, cue: str, excluded: tuple[str, ...]) -> bool:
    """Whether the (compacted) cue occurs in text outside excluded contexts and Latin words."""
    pos = text.find(cue)
    while pos != -1:
        end = pos + len(cue)
        latin_edge = (
            (_LATIN.match(cue[0]) and pos > 0 and _LATIN.match(text[pos - 1]))
            or (_LATIN.match(cue[-1]) and end < len(text) and _LATIN.match(text[end]))
        )
        if not latin_edge and not inside_excluded(text, pos, end, excluded):
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
    kinds, index = by_identity(_KIND_CUES, rules, _kind_cues)
    found = []
    for i in candidates(index, compact):  # the kinds one of whose cues the text holds
        kind, cues, excluded = kinds[i]
        if any(has_cue(compact, c, excluded) for c in cues):
            found.append(kind)
    return tuple(sorted(found))


_KIND_CUES: dict = {}


def _kind_cues(rules: KindRules) -> tuple[list[tuple[str, tuple[str, ...], tuple[str, ...]]], Index]:
    """(id, compacted cues, compacted excluded contexts) of each kind but the generic one, and the kinds
    indexed by their cues: 157 cues were each compacted and looked for in every recommendation."""
    kinds = [(k.id, tuple(_compact(c) for c in k.cues), tuple(_compact(x) for x in k.excluded))
             for k in rules.kinds if k.id != GENERIC_KIND]
    return kinds, index_words([set(cues) for _, cues, _ in kinds])


def worse_change(body: str, rules: KindRules) -> bool:
    """Whether a clause states a change for the worse or a bad state that persists, with no figure
    (滿意度較上年度下降, 未就業之比例仍高, 追查困難度提高): a problem, though it holds 較上年度 or 完成 (guideline
    rules 2-3, round 21r); a gain against last year stays a result."""
    return not _DIGITS.search(body) and any(p.search(body) for p in rules.worse_patterns)


_DIGITS = re.compile(r"[0-9０-９]")


def has_term(body: str, terms: tuple[Term, ...]) -> bool:
    """Whether any of ``terms`` occurs in ``body`` outside its excluded words."""
    return any(has_cue(body, t.text, t.excluded) for t in terms)

"""Theme roles: does a mention make its theme a subject of the plan, or is it said in passing?

One guideline (docs/annotation-guideline.md): a plan works on a theme when its name, its stated aim
or its achievements say so; a theme named only in the evaluators' advice makes the recommendation
about the theme, not the plan; a comparison, a reference to other plans, a cause of delay, a
question, a negation or an example list is a passing mention.  Three roles:

* ``subject``: the plan works on the theme (only these make plan-theme links);
* ``passing``: the theme is named in passing;
* ``advice``: the theme is named in the evaluators' advice (inside a recommendation) and the clause
  states no work of the plan: the recommendation it lies in is about the theme, the plan is not.

The rules are data:

* ``data/theme-context-rules.tsv``: regular expressions around the mention (``{M}``), tried in
  file order; the first that fires gives the mention its role (``passing``, ``advice`` or
  ``subject``) with the rule's id as reason.  A rule of role ``advice``, and a rule of scope
  ``recommendation`` (``own-work``: a clause of advice that states the plan's own work), fires only
  on a mention inside a recommendation (the spans of
  :func:`recgraph.recommendations.extract_recommendations`); the last advice rule (``in-advice``)
  takes every other mention there.  A rule of scope ``plan`` searches the whole plan (its name and
  every sentence, :func:`plan_text`) instead of a window of the sentence: who a plan's learners are,
  or whether its sensors send data, is often said in another sentence;
* ``rg:weakLabel`` in ``ontology/themes.ttl``: labels too general to decide alone (國際, 採購,
  醫療); a subject or advice mention by one is ``passing`` (reason ``weak-label``) unless it is in
  the plan name, a rule of role ``subject`` confirms it (國際…合作), or the plan has another subject
  or advice mention of the same concept by a word that is not weak (a second cue: it settles the
  weak word's sense, and the weak word's own place decides the role).

Plan-name mentions are subjects (reason ``plan-name``) unless a passing rule holds in the name
(供水供電韌性 of a water and power plan, 海外僑校); other subject mentions have the reason
``opinion``.  An abbreviation in brackets right after a mention of the same concept
(後量子密碼（PQC）) takes that mention's role when the rules left it a subject: a negated term's
abbreviation is negated too.  A plan-theme link is a subject link when any of its mentions is a subject.

>>> rules = load_context_rules()
>>> mention_role("本計畫中非偏鄉 5G 電波人口涵蓋率", 5, 7, rules)
('passing', 'negation')
>>> mention_role("本計畫建置偏鄉5G基地臺", 5, 7, rules)
('subject', 'opinion')
>>> text = "另建議評估生成式AI於問答服務之應用可行性"
>>> mention_role(text, 5, 10, rules, in_advice=True), mention_role(text, 5, 10, rules)
(('advice', 'consideration'), ('subject', 'opinion'))
>>> mention_role("並宜運用AI風險預測模型", 4, 6, rules, in_advice=True)
('advice', 'in-advice')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

from recgraph.csvfile import read_tsv_rows
from recgraph.memo import by_identity
from recgraph.model import InputError, PlanRow, Problem, ThemeMention
from recgraph.regex_literals import ClauseIndex, checked, index_clauses
from recgraph.themes import Taxonomy, ancestors, normalise, tag_row
from recgraph.vocab import data_path

SUBJECT = "subject"
PASSING = "passing"
ADVICE = "advice"
ROLES = (SUBJECT, PASSING, ADVICE)
PLAN_NAME = "plan-name"
OPINION = "opinion"
WEAK_LABEL = "weak-label"
REVIEW = "review"

DEFAULT_CONTEXT_RULES = data_path("theme-context-rules.tsv")
_MARK = "\ue000"
"""Stands for the mention in the masked sentence (a private-use character no document holds)."""
_WINDOW = 80
"""Characters either side of a mention the context rules see: enough for every rule of the table,
and a bound on the work for very long sentences."""
_COLUMNS = ["id", "role", "pattern", "description", "example", "themes", "scope"]
RECOMMENDATION = "recommendation"
"""A value of the ``scope`` column: the rule fires only on a mention inside a recommendation."""
PLAN = "plan"
"""A value of the ``scope`` column: the pattern is searched in the whole plan (its name and every
sentence, one a line) rather than a window of the mention's sentence, ``{M}`` marking where the
mention starts (its words stay): who a plan's learners are is said in its name or another sentence
than the one naming the platform."""


@dataclass(frozen=True)
class ContextRule:
    """One row of the context-rule table; its pattern is compiled on first use (:attr:`pattern`)."""

    id: str
    role: str
    source: str
    """The pattern as searched, ``{M}`` replaced by the mark; checked at load
    (:func:`recgraph.regex_literals.checked`)."""
    description: str
    example: str
    line: int = 0
    themes: frozenset[str] = frozenset()
    """The themes the rule applies to; empty: every theme."""
    inside: bool = False
    """The rule fires only on a mention inside a recommendation (scope ``recommendation``; every rule
    of role advice)."""
    plan_wide: bool = False
    """The pattern is searched in the whole plan text (scope ``plan``)."""
    words: frozenset[str] | None = field(default=None, compare=False)
    """One of these strings is in every text the pattern matches (None: not known): the index of
    :func:`mention_role` tries the rule only where one is."""
    clauses: tuple[frozenset[str], ...] = field(default=(), compare=False)
    """Every clause known of the pattern (:func:`recgraph.regex_literals.checked`; ``words`` is the
    first): a text lacking every string of one is not searched, and the pattern not compiled for it."""

    def could_match(self, text: str) -> bool:
        """Whether ``text`` holds a string of each of :attr:`clauses` (a pattern cannot match otherwise)."""
        return all(any(w in text for w in clause) for clause in self.clauses)

    @cached_property
    def pattern(self) -> re.Pattern:
        """The compiled pattern: compiling the table took a tenth of a seed build's extraction, and a
        mention tries only the few rules whose words its window holds."""
        return re.compile(self.source)


def load_context_rules(path: str | Path = DEFAULT_CONTEXT_RULES) -> tuple[ContextRule, ...]:
    """Read the context-rule table; every bad row is reported as ``file:line: problem``."""
    path = Path(path)
    rules = []
    table, problems = read_tsv_rows(path, _COLUMNS)
    for n, cells in table:
        rule, problem = _rule(cells, n)
        if problem:
            problems.append(Problem(str(path), n, problem))
        else:
            rules.append(rule)
    if problems:
        raise InputError(problems)
    return tuple(rules)


def _rule(cells: list[str], line: int) -> tuple[ContextRule | None, str]:
    if len(cells) != len(_COLUMNS):
        return None, f"expected {len(_COLUMNS)} tab-separated cells ({', '.join(_COLUMNS)}), found {len(cells)}"
    rid, role, pattern, description, example, themes, scope = (c.strip() for c in cells)
    if role not in ROLES:
        return None, f"role {role!r} must be one of {', '.join(ROLES)}"
    if scope not in ("", RECOMMENDATION, PLAN):
        return None, (f"scope {scope!r} must be empty (anywhere), {RECOMMENDATION!r} (only inside a recommendation)"
                      f" or {PLAN!r} (searched in the whole plan)")
    if "{M}" not in pattern:
        return None, "the pattern must contain {M}, the place of the mention"
    source = pattern.replace("{M}", _MARK)
    try:
        clauses = checked(source, anywhere=_MARK)  # every window holds the mark: no string of it rules one out
    except re.error as e:
        return None, f"the pattern is not a valid regular expression: {e}"
    return ContextRule(rid, role, source, description, example, line,
                       frozenset(t.strip() for t in themes.split(",") if t.strip()),
                       inside=role == ADVICE or scope == RECOMMENDATION, plan_wide=scope == PLAN,
                       words=clauses[0] if clauses else None, clauses=clauses), ""


def compile_rules(rules: tuple[ContextRule, ...]) -> None:
    """Compile every rule and the table's index now rather than on first use: before workers are
    forked (graph.pipeline), which then share them instead of each compiling what it meets."""
    for rule in rules:
        rule.pattern
    _candidates(rules, "", False)


PlanText = tuple[str, int]
"""The whole text of a plan (:func:`plan_text`) and where the mention's segment starts in it."""


def mention_role(text: str, start: int, end: int, rules: tuple[ContextRule, ...],
                 theme: str = "", in_advice: bool = False, plan: PlanText | None = None) -> tuple[str, str]:
    """(role, reason) of the mention ``text[start:end]`` (of ``theme``) from the context rules alone;
    ``in_advice``: the mention lies inside a recommendation (rules of role advice or scope recommendation apply);
    ``plan``: the whole plan's text for rules of scope plan (without it they see ``text`` alone)."""
    masked = text[max(0, start - _WINDOW):start] + _MARK + text[end:end + _WINDOW]
    index, allowed = _candidates(rules, theme, in_advice)
    whole = None
    for i in index.met(masked, allowed):
        rule = rules[i]
        if not rule.plan_wide:
            if rule.pattern.search(masked):
                return rule.role, rule.id
            continue
        if whole is None:
            whole = _masked_plan(text, start, end, plan)
        if rule.could_match(whole) and rule.pattern.search(whole):
            return rule.role, rule.id
    return SUBJECT, OPINION


_INDEXES: dict = {}


def _candidates(rules: tuple[ContextRule, ...], theme: str, in_advice: bool) -> tuple[ClauseIndex, int]:
    """The rule table indexed by the strings a window must hold for each rule to fire
    (:func:`recgraph.regex_literals.index_clauses`; a plan-wide rule searches another text and is
    always tried), and which rules apply to a mention of ``theme`` inside advice or not (a bit a
    rule): worked out once per table.  A mention tried ~37 rules, one search each (a quarter of a
    document's extraction); ~5 can fire."""
    index, applies = by_identity(_INDEXES, rules, lambda rs: (
        index_clauses([() if r.plan_wide else r.clauses for r in rs]), {}))
    allowed = applies.get((theme, in_advice))
    if allowed is None:
        allowed = applies[theme, in_advice] = sum(
            1 << i for i, r in enumerate(rules) if (not r.themes or theme in r.themes) and (in_advice or not r.inside))
    return index, allowed


def _masked_plan(text: str, start: int, end: int, plan: PlanText | None) -> str:
    """The whole plan text (``text`` alone without ``plan``) with the mark where the mention starts; the
    mention's words stay, so that a plan-wide pattern sees them too (聯網 is itself a cue of connection)."""
    if plan is None:
        return text[:start] + _MARK + text[start:]
    whole, offset = plan
    return whole[:offset + start] + _MARK + whole[offset + start:]


def plan_text(texts: dict[tuple, str]) -> tuple[str, dict[tuple, int]]:
    """The plan's name and sentences one a line (name first, then in document order) and where each
    segment starts in it: what rules of scope plan search."""
    keys = [(None, None)] + sorted(k for k in texts if k != (None, None))
    offsets, parts, at = {}, [], 0
    for k in keys:
        offsets[k] = at
        parts.append(texts[k])
        at += len(texts[k]) + 1
    return "\n".join(parts), offsets


def segment_texts(row: PlanRow) -> dict[tuple, str]:
    """(paragraph, sentence) -> text of each segment a mention can sit in; (None, None) is the name."""
    texts = {(None, None): row.name}
    texts.update({(p.index, s.index): s.text for p in row.paragraphs for s in p.sentences})
    return texts


Advice = dict[tuple[int, int], list[tuple[int, int]]]
"""(paragraph, sentence) -> (start, end) of each recommendation in that sentence."""


def tag_plan(row: PlanRow, taxonomy: Taxonomy, rules: tuple[ContextRule, ...],
             advice: Advice | None = None) -> list[ThemeMention]:
    """Every theme mention of a plan row (:func:`recgraph.themes.tag_row`) with its role and reason;
    ``advice``: the recommendations of the row (:func:`advice_spans`)."""
    return assign_roles(tag_row(row, taxonomy), segment_texts(row), rules, taxonomy, advice)


def advice_spans(recommendations) -> Advice:
    """The spans of ``recommendations`` (:class:`recgraph.model.Recommendation`) by sentence."""
    out: Advice = {}
    for rec in recommendations:
        out.setdefault((rec.paragraph, rec.sentence), []).append((rec.span.start, rec.span.end))
    return out


def in_advice(m: ThemeMention, advice: Advice | None) -> bool:
    """Whether mention ``m`` lies inside one of the ``advice`` spans."""
    return any(s <= m.span.start and m.span.end <= e for s, e in (advice or {}).get((m.paragraph, m.sentence), ()))


def assign_roles(mentions: list[ThemeMention], texts: dict[tuple, str], rules: tuple[ContextRule, ...],
                 taxonomy: Taxonomy, advice: Advice | None = None) -> list[ThemeMention]:
    """The mentions of one plan with their role and reason.

    ``texts`` maps (paragraph, sentence) to the segment text (``(None, None)`` is the plan name);
    ``advice`` the recommendation spans (:func:`advice_spans`).  A subject mention of a concept or
    of a narrower one is the second cue a weak label needs.
    """
    weak = taxonomy.weak
    whole, offsets = plan_text(texts)
    first = []
    for m in mentions:
        key = (m.paragraph, m.sentence) if m.sentence is not None else (None, None)
        plan = (whole, offsets[key])
        if m.sentence is None:  # the name is a subject unless a passing rule holds (供水供電韌性計畫)
            role, reason = mention_role(texts[key], m.span.start, m.span.end, rules, m.theme, plan=plan)
            if role != PASSING:
                role, reason = SUBJECT, PLAN_NAME
            first.append(replace(m, role=role, reason=reason))
            continue
        text = texts[key]
        role, reason = mention_role(text, m.span.start, m.span.end, rules, m.theme, in_advice(m, advice), plan)
        head = _bracketed_after(m, first, text, taxonomy)
        if head is not None and role == SUBJECT and head.role != SUBJECT:
            role, reason = head.role, head.reason  # 非屬後量子密碼（PQC）: the PQC is negated too
        first.append(replace(m, role=role, reason=reason))

    def needs_cue(m: ThemeMention) -> bool:  # a weak word that no name and no subject rule confirmed
        return ((m.role == SUBJECT and m.reason == OPINION) or m.role == ADVICE) \
            and normalise(m.term) in weak.get(m.theme, ())

    # the cue settles the weak word's sense, wherever it is said (the advice included); where the weak
    # word itself is said (the plan's work, or the advice) settles whether the plan works on the theme
    strong = {m.theme for m in first if m.role in (SUBJECT, ADVICE) and not needs_cue(m)}
    strong |= {up for t in list(strong) for up in ancestors(t, taxonomy)}
    out = []
    for m in first:
        if needs_cue(m):
            if m.theme not in strong:
                m = replace(m, role=PASSING, reason=WEAK_LABEL)
        out.append(m)
    return _name_alone(out)


NAME_ALONE = "name-alone"


def _name_alone(mentions: list[ThemeMention]) -> list[ThemeMention]:
    """A plan-name subject whose very word the body says only in passing (人事資料標準化計畫 whose body
    only publishes 資料標準N項) is passing too: the body says what the name's word meant.  A body
    silent on the word, naming it only in advice, or with any subject mention of the theme leaves the
    name a subject (another word of the theme in passing says nothing about the name's word)."""
    body = [m for m in mentions if m.sentence is not None and m.role != ADVICE]
    subject = {m.theme for m in body if m.role == SUBJECT}
    passing = {(m.theme, normalise(m.term)) for m in body if m.role == PASSING and m.theme not in subject}
    return [replace(m, role=PASSING, reason=NAME_ALONE)
            if m.sentence is None and m.role == SUBJECT and (m.theme, normalise(m.term)) in passing else m
            for m in mentions]


_OPEN = "（("
_CLOSE = "）)"


def _bracketed_after(m: ThemeMention, earlier: list[ThemeMention], text: str,
                     taxonomy: Taxonomy) -> ThemeMention | None:
    """The mention ``m`` stands in brackets right after (後量子密碼（PQC）, 虛擬實境（VR）): an earlier
    mention of the same or a related concept in the same sentence that ends where the bracket opens,
    ``m`` filling the bracket.  An abbreviation says the same thing again, so it takes that mention's
    role: a negated, out-of-scope or advised full term leaves its abbreviation no subject."""
    before = text[:m.span.start].rstrip()
    after = text[m.span.end:].lstrip()
    if not before or before[-1] not in _OPEN or not after or after[0] not in _CLOSE:
        return None
    opened = len(before) - 1
    for e in reversed(earlier):
        if (e.paragraph, e.sentence) != (m.paragraph, m.sentence) or text[e.span.end:opened].strip():
            continue
        if e.theme == m.theme or e.theme in ancestors(m.theme, taxonomy) or m.theme in ancestors(e.theme, taxonomy):
            return e
    return None


def subject_themes(mentions: list[ThemeMention]) -> list[str]:
    """The themes of a plan's subject links, sorted."""
    return sorted({m.theme for m in mentions if m.role == SUBJECT})

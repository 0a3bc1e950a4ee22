"""Extraction stage: themes, agency mentions, recommendations and figures for each plan row.

The rules are data (ontology/*.ttl, data/*-rules.tsv, data/agencies.csv) loaded once by
:func:`load_rules`; :func:`extract_row` is a pure function of a row and those rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from recgraph import clause_cache
from recgraph.agencies import DEFAULT_AGENCIES, AgencyTable, load_agencies
from recgraph.figure_rules import FigureRules, load_figure_rules
from recgraph.figures import extract_figures
from recgraph.mentions import find_agency_mentions
from recgraph.mentions import find_agency_mentions_in_text as find_agency_mentions_in
from recgraph.model import Extraction, PlanRow, Report
from recgraph.recommendations import (KindRules, classify, extract_recommendations, find_markers, load_kinds,
                                     sentence_parts)
from recgraph.model import ThemeReview
from recgraph.rdf import ministry_code
from recgraph.theme_model import DEFAULT_MODEL, ThemeModel, add_subjects, load_model, plan_text, settle_roles
from recgraph.theme_reviews import apply_reviews, item_id, load_reviews
from recgraph.theme_roles import (ADVICE, SUBJECT, ContextRule, advice_spans, compile_rules, in_advice,
                                  load_context_rules, segment_texts, tag_plan)
from recgraph.themes import Taxonomy, load_taxonomy, theme_ids
from recgraph.themes import prepare as prepare_themes


_CLAUSE_BREAK = re.compile(r"[，,；;。：:]")


@dataclass(frozen=True)
class Rules:
    """Every matching rule the extractors use."""

    kinds: KindRules
    figures: FigureRules
    agencies: AgencyTable
    taxonomy: Taxonomy
    theme_contexts: tuple[ContextRule, ...] = ()
    theme_reviews: tuple[ThemeReview, ...] = ()
    theme_model: ThemeModel | None = None


def load_rules(agencies=DEFAULT_AGENCIES, model=DEFAULT_MODEL) -> Rules:
    """Every rule table, and the theme model in ``model`` (None: the rules alone read themes)."""
    taxonomy = load_taxonomy()
    rules = Rules(kinds=load_kinds(), figures=load_figure_rules(), agencies=load_agencies(agencies),
                  taxonomy=taxonomy, theme_contexts=load_context_rules(),
                  theme_reviews=load_reviews(themes=taxonomy.concepts), theme_model=load_model(model) if model else None)
    clause_cache.save()  # the tables' expressions as read now, for the next run (graph.clause_cache)
    return rules


def prepare(rules: Rules) -> None:
    """Compile what extraction otherwise compiles on first use in each process (the context rules and
    their index, the pattern labels and excluded contexts, the agency names, the advice markers and
    kind cues): called before forking workers, which then share it."""
    compile_rules(rules.theme_contexts)
    prepare_themes(rules.taxonomy)
    find_agency_mentions_in("", rules.agencies)  # each of these builds its engine on its first call
    find_markers("", rules.kinds)
    classify("", rules.kinds)


def addressees(text: str, rules: Rules, year: int | None = None) -> tuple[str, ...]:
    """Agencies that are the subject of an advice clause (資安署應追蹤…, 經濟部與衛福部應從…).

    An agency counts when an advice marker follows it in the same clause; agencies merely
    mentioned (…亦涉衛福部相關計畫，後續應…) do not, and the lead agency is then the addressee.
    """
    mentions = find_agency_mentions_in(text, rules.agencies, year)
    if not mentions:
        return ()
    markers = [start for start, _, _ in find_markers(text, rules.kinds)]
    found = set()
    for code, span in mentions:
        following = [m for m in markers if m >= span.end]
        if following and not _CLAUSE_BREAK.search(text, span.end, following[0]):
            found.add(code)
    return tuple(sorted(found))


def extract_row(row: PlanRow, rules: Rules, item: str = "", year: int | None = None) -> Extraction:
    """Everything extracted from one row, recommendations annotated with their themes.

    A recommendation's themes are those of the subject and advice mentions inside its span (the
    same roles as the plan's links: 國際趨勢 in advice does not make it international advice, 評估
    生成式AI之可行性 makes it advice about generative AI but not the plan a generative-AI plan).
    """
    found = extract_recommendations(row, rules.kinds)
    themes = tag_plan(row, rules.taxonomy, rules.theme_contexts, advice_spans(sentence_parts(found, row)))
    themes = settle_roles(themes, plan_text(row), rules.theme_model)
    themes = add_subjects(themes, row, rules.theme_model, rules.taxonomy)
    reviews = [r for r in rules.theme_reviews if r.item == item]
    if reviews:
        themes = apply_reviews(themes, segment_texts(row), reviews)
    recs = []
    for rec in found:
        span = advice_spans(sentence_parts([rec], row))
        inside = {m.theme for m in themes if m.role in (SUBJECT, ADVICE) and in_advice(m, span)}
        own = theme_ids(rec.text, rules.taxonomy) if inside else ()  # none inside: nothing to keep
        recs.append(replace(rec, themes=tuple(t for t in own if t in inside),
                            addressed_to=addressees(rec.text, rules, year)))
    return Extraction(themes=themes, agencies=find_agency_mentions(row, rules.agencies, year),
                      recommendations=recs, figures=extract_figures(row, rules.figures))


def extract_report(report: Report, rules: Rules) -> dict[int, Extraction]:
    """Extractions keyed by plan serial."""
    ministry = ministry_code(report.ministry, rules.agencies)
    return {row.serial: extract_row(row, rules, item_id(ministry, report.fiscal_year, row.serial), report.fiscal_year)
            for row in report.rows}

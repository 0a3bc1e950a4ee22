"""The word lists of figure extraction (``data/figure-rules.tsv``): units, multipliers, comparators,
role cues, metric trimming; read once and shared by figures, numbers, metrics and targets."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from recgraph.vocab import data_path

DEFAULT_FIGURE_RULES = data_path("figure-rules.tsv")


@dataclass(frozen=True)
class FigureRules:
    """Word lists for figures, each sorted longest first (see data/figure-rules.tsv)."""

    units: tuple[str, ...]
    multipliers: dict[str, Decimal]
    not_units: tuple[str, ...]
    not_after: tuple[str, ...]
    comparators_after: tuple[tuple[str, str], ...]
    comparators_infix: tuple[tuple[str, str], ...]
    comparators_before: tuple[tuple[str, str], ...]
    currencies: tuple[str, ...]
    one_after: tuple[str, ...]
    target_words: tuple[str, ...]
    target_nouns: tuple[str, ...]
    better_than: tuple[str, ...]
    rise_to: tuple[str, ...]
    target_cues_before: tuple[str, ...]
    target_cues_after: tuple[str, ...]
    result_words: tuple[str, ...]
    actual_words: tuple[str, ...]
    baseline_cues_before: tuple[str, ...]
    change_verbs: tuple[str, ...]
    other_cues_before: tuple[str, ...]
    metric_prefixes: tuple[str, ...]
    measure_verbs: tuple[str, ...]
    metric_trailing_verbs: tuple[str, ...]
    means_words: tuple[str, ...]
    not_targets: tuple[str, ...] = ()
    """Words in which a target cue means something else (目標辨識: target recognition)."""
    not_before: tuple[str, ...] = ()
    scope_openings: tuple[str, ...] = ()
    """Words opening the sentence that describes the plan: a Chinese-numeral count in it is its scope (三處)."""
    """Words right before a number that make it a description of service hours, not a result (全天24小時)."""
    not_classifiers: tuple[str, ...] = ()
    """Characters that after a magnitude are words of the sentence, not the classifier (1.2萬之, 3萬及)."""
    classifier_suffixes: tuple[str, ...] = ()
    """Written after such a classifier, part of it (趟次: trips, counted per occurrence)."""
    date_days: tuple[tuple[str, str], ...] = ()
    """(unit, word): the unit after a number written right after the word is a date's day (5月1日)."""
    slip_words: tuple[str, ...] = ()
    """Right before a duration, make it how late a schedule is (進度落後約2個月), not a result."""
    duration_units: tuple[str, ...] = ()
    """The units a slip word applies to (個月, 日, 天, 週)."""
    period_words: tuple[str, ...] = ()
    """Right before a duration, make it an activity's length or interval (為期2日, 每3個月)."""
    latin_count_units: tuple[str, ...] = ()
    """Right after a number glued to a Latin word (CCTV45支), make it a count of that thing."""
    frequency_words: tuple[tuple[str, str], ...] = ()
    """(word, unit): the word in the clause before a count of that unit makes it how often something
    is done (每季辦理一次), not a result."""
    deadline_after: tuple[str, ...] = ()
    """Right after a duration, make it a time limit (7日內)."""
    service_spans: tuple[str, ...] = ()
    """Quantities that, followed by a word, say how a service runs (提供24小時線上服務)."""
    clause_cues: tuple[tuple[str, str], ...] = ()
    """(cue, unit): the unit is a figure only in a clause holding a cue (a score named as one: 滿意度…85分)."""
    before_cues: tuple[tuple[str, str], ...] = ()
    """(cue, unit): the unit is a figure only right after a cue (縮短為13.5個月, 延續約2個月; not 滿6個月)."""
    arabic_only_units: tuple[str, ...] = ()
    """Units only after Arabic digits: after a Chinese numeral part of a word (十分重要)."""
    name_suffixes: tuple[str, ...] = ()
    index_nouns: tuple[str, ...] = ()
    """A named index (指標, 指數) before 由: the bare numbers of its change are figures (指標由1.9降至1.5)."""
    """A number inside 「…」 ending with one of these is part of a name (「…12項策略」)."""


def _longest_first(items):
    return tuple(sorted(items, key=lambda x: (-len(x if isinstance(x, str) else x[0]), x)))


def load_figure_rules(path: str | Path = DEFAULT_FIGURE_RULES) -> FigureRules:
    """Read the figure word lists from the rules table."""
    rows: dict[str, list[tuple[str, str]]] = {}
    with open(path, encoding="utf-8", newline="") as f:
        lines = [line for line in f if line.strip() and not line.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t"):
        text = row.get("text") or ""
        if text:
            rows.setdefault(row["rule"].strip(), []).append((text, (row.get("value") or "").strip()))

    def texts(rule):
        return _longest_first(t for t, _ in rows.get(rule, []))

    def pairs(rule):
        return _longest_first(rows.get(rule, []))

    return FigureRules(
        units=texts("unit"),
        multipliers={t: Decimal(v) for t, v in rows.get("multiplier", [])},
        not_units=texts("not-a-unit"),
        not_after=texts("not-after"),
        comparators_after=pairs("comparator-after"),
        comparators_infix=pairs("comparator-infix"),
        comparators_before=pairs("comparator-before"),
        currencies=texts("currency"),
        one_after=texts("one-after"),
        target_words=texts("target-word"),
        target_nouns=texts("target-noun"),
        better_than=texts("better-than"),
        rise_to=texts("rise-to"),
        target_cues_before=texts("target-cue-before"),
        target_cues_after=texts("target-cue-after"),
        result_words=texts("result-word"),
        actual_words=texts("actual-word"),
        baseline_cues_before=texts("baseline-cue-before"),
        change_verbs=texts("change-verb"),
        other_cues_before=texts("other-cue-before"),
        metric_prefixes=texts("metric-prefix"),
        measure_verbs=texts("measure-verb"),
        metric_trailing_verbs=texts("metric-trailing-verb"),
        means_words=texts("means-word"),
        not_targets=texts("not-a-target"),
        not_before=texts("not-before"),
        scope_openings=texts("scope-opening"),
        not_classifiers=texts("not-a-classifier"),
        classifier_suffixes=texts("classifier-suffix"),
        date_days=pairs("date-day"),
        slip_words=texts("slip-word"),
        duration_units=texts("duration-unit"),
        period_words=texts("period-word"),
        deadline_after=texts("deadline-after"),
        frequency_words=pairs("frequency-word"),
        latin_count_units=texts("latin-count-unit"),
        service_spans=texts("service-span"),
        name_suffixes=texts("name-suffix"),
        index_nouns=texts("index-noun"),
        arabic_only_units=texts("arabic-only-unit"),
        clause_cues=pairs("clause-cue"),
        before_cues=pairs("before-cue"),
    )


@lru_cache(maxsize=1)
def default_figure_rules() -> FigureRules:
    """The rules shipped with the project, loaded once."""
    return load_figure_rules()

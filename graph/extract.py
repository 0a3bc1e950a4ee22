"""Extraction stage: themes, agency mentions, recommendations and figures for each plan row.

The rules are data (ontology/*.ttl, data/*-rules.tsv, data/agencies.csv) loaded once by
:func:`load_rules`; :func:`extract_row` is a pure function of a row and those rules.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from graph.agencies import DEFAULT_AGENCIES, AgencyTable, load_agencies
from graph.figures import FigureRules, extract_figures, load_figure_rules
from graph.model import Extraction, PlanRow, Report
from graph.recommendations import KindRules, extract_recommendations, load_kinds


@dataclass(frozen=True)
class Rules:
    """Every matching rule the extractors use."""

    kinds: KindRules
    figures: FigureRules
    agencies: AgencyTable


def load_rules(agencies=DEFAULT_AGENCIES) -> Rules:
    return Rules(kinds=load_kinds(), figures=load_figure_rules(), agencies=load_agencies(agencies))


def extract_row(row: PlanRow, rules: Rules) -> Extraction:
    """Everything extracted from one row, recommendations annotated with their themes."""
    recs = extract_recommendations(row, rules.kinds)
    return Extraction(recommendations=recs, figures=extract_figures(row, rules.figures))


def extract_report(report: Report, rules: Rules) -> dict[int, Extraction]:
    """Extractions keyed by plan serial."""
    return {row.serial: extract_row(row, rules) for row in report.rows}

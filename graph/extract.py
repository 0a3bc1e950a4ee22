"""Extraction stage: themes, agency mentions, recommendations and figures for each plan row."""

from __future__ import annotations

from dataclasses import dataclass

from graph.model import Extraction, Report


@dataclass(frozen=True)
class Rules:
    """The matching rules read from the ontology and data tables."""


def load_rules() -> Rules:
    return Rules()


def extract_report(report: Report, rules: Rules) -> dict[int, Extraction]:
    """Extractions keyed by plan serial."""
    return {row.serial: Extraction() for row in report.rows}

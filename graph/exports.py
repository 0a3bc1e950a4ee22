"""Spreadsheet-friendly CSV exports of what was extracted (UTF-8 with BOM, so Excel reads Chinese).

Multi-valued cells are joined with ``;``; theme and kind ids are those of the spec files.
"""

from __future__ import annotations

from typing import Iterable

from recgraph.build import Build
from recgraph.iris import recommendation_id
from recgraph.model import Extraction, PlanRow, Report
from recgraph.rdf import Resolver
from recgraph.vocab import Scheme

PLAN_THEMES = ["fiscal_year", "plan_serial", "plan_name", "theme_id", "theme_label_zh", "theme_label_en", "role",
               "rule", "mentions", "evidence"]
RECOMMENDATIONS = ["id", "fiscal_year", "plan_serial", "agency", "text", "kinds", "themes", "generic",
                   "truncated", "status"]
FIGURES = ["fiscal_year", "plan_serial", "metric", "value", "unit", "normalised_value", "target", "comparator",
           "achievement_ratio", "evidence"]




def _rows(b: Build) -> Iterable[tuple[Report, PlanRow, Extraction]]:
    for report, extractions in zip(b.reports, b.extractions):
        for row in report.rows:
            yield report, row, extractions.get(row.serial, Extraction())


def _sentence_text(row: PlanRow, paragraph: int | None, sentence: int | None) -> str:
    if sentence is None:
        return row.name
    return row.paragraphs[paragraph - 1].sentences[sentence - 1].text


def plan_theme_rows(b: Build, themes: Scheme) -> list[dict]:
    """One row per (plan evaluation, theme): ``role`` subject when any mention is a subject, else
    passing; ``rule`` and ``evidence`` (its sentence) from the first mention of that role."""
    out = []
    for report, row, ex in _rows(b):
        first, count = {}, {}
        for m in ex.themes:
            count[m.theme] = count.get(m.theme, 0) + 1
            if m.theme not in first or (m.role == "subject" and first[m.theme].role != "subject"):
                first[m.theme] = m
        for theme, m in sorted(first.items()):
            labels = themes.pref_labels.get(f"{themes.iri}/{theme}", {})
            out.append({"fiscal_year": report.fiscal_year, "plan_serial": row.serial, "plan_name": row.name,
                        "theme_id": theme, "theme_label_zh": labels.get("zh-hant", ""),
                        "theme_label_en": labels.get("en", ""), "role": m.role, "rule": m.reason,
                        "mentions": count[theme], "evidence": _sentence_text(row, m.paragraph, m.sentence)})
    return out


def recommendation_rows(b: Build, resolver: Resolver, status: dict[str, str] | None = None) -> list[dict]:
    """One row per recommendation; ``status`` maps ids to their current implementation status."""
    status = status or {}
    out = []
    for report, row, ex in _rows(b):
        ministry = resolver.ministry_code(report.ministry)
        for rec in ex.recommendations:
            rid = recommendation_id(ministry, report.fiscal_year, row.serial, rec.index)
            names = [resolver.agencies.by_code(c).name_zh for c in rec.addressed_to if resolver.agencies.by_code(c)]
            out.append({"id": rid, "fiscal_year": report.fiscal_year, "plan_serial": row.serial,
                        "agency": ";".join(names) or row.agency, "text": rec.text, "kinds": ";".join(rec.kinds),
                        "themes": ";".join(rec.themes), "generic": str(rec.generic).lower(),
                        "truncated": str(rec.truncated).lower(), "status": status.get(rid, "open")})
    return out


def figure_rows(b: Build) -> list[dict]:
    """One row per reported figure, its evidence the exact span it was read from."""
    out = []
    for report, row, ex in _rows(b):
        for f in ex.figures:
            out.append({"fiscal_year": report.fiscal_year, "plan_serial": row.serial, "metric": f.metric,
                        "value": f.value_as_written, "unit": f.unit, "normalised_value": f.value, "role": f.role,
                        "target": "" if f.target is None else f.target, "comparator": f.comparator,
                        "approximate": str(f.approximate).lower(),
                        "achievement_ratio": "" if f.achievement_ratio is None else f.achievement_ratio,
                        "evidence": f.span.exact})
    return out

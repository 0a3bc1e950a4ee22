"""Spreadsheet-friendly CSV exports of what was extracted (the one dialect of graph/csvfile.py).

Multi-valued cells are joined with ``;``; theme and kind ids are those of the spec files, with
their zh-Hant labels in the next column.
"""

from __future__ import annotations

from typing import Iterable, Mapping

from recgraph.build import Build
from recgraph.iris import recommendation_id
from recgraph.model import Extraction, PlanRow, Report
from recgraph.namespace import KIND, THEME
from recgraph.rdf import Resolver
from recgraph.theme_reviews import item_id
from recgraph.vocab import Scheme, load_scheme, ontology_path

PLAN_THEMES = ["item", "fiscal_year", "plan_serial", "plan_name", "theme_id", "theme_label_zh", "theme_label_en", "role",
               "rule", "mentions", "evidence"]
RECOMMENDATIONS = ["id", "fiscal_year", "plan_serial", "plan_name", "lead_agency", "agency", "text", "sentence",
                   "source_line", "kinds", "kind_labels", "themes", "theme_labels", "generic", "truncated",
                   "acceptance", "implementation", "status_date", "target_date"]
FIGURES = ["fiscal_year", "plan_serial", "metric", "value", "unit", "normalised_value", "role", "target", "comparator",
           "approximate", "achievement_ratio", "evidence"]




def _rows(b: Build) -> Iterable[tuple[Report, PlanRow, Extraction]]:
    for report, extractions in zip(b.reports, b.extractions):
        for row in report.rows:
            yield report, row, extractions.get(row.serial, Extraction())


def _sentence_text(row: PlanRow, paragraph: int | None, sentence: int | None, through: int = 0) -> str:
    if sentence is None:
        return row.name
    return "".join(s.text for s in row.paragraphs[paragraph - 1].sentences[sentence - 1:through or sentence])


def plan_theme_rows(b: Build, themes: Scheme) -> list[dict]:
    """One row per (plan evaluation ``item``, theme): ``role`` subject when any mention is a subject, else
    the role of the first mention (passing or advice); ``rule`` and ``evidence`` (its sentence) from the
    first mention of that role."""
    out = []
    for report, row, ex in _rows(b):
        first, count = {}, {}
        for m in ex.themes:
            count[m.theme] = count.get(m.theme, 0) + 1
            if m.theme not in first or (m.role == "subject" and first[m.theme].role != "subject"):
                first[m.theme] = m
        item = item_id(b.resolver.ministry_code(report.ministry), report.fiscal_year, row.serial)
        for theme, m in sorted(first.items()):
            labels = themes.pref_labels.get(f"{themes.iri}/{theme}", {})
            out.append({"item": item, "fiscal_year": report.fiscal_year, "plan_serial": row.serial, "plan_name": row.name,
                        "theme_id": theme, "theme_label_zh": labels.get("zh-hant", ""),
                        "theme_label_en": labels.get("en", ""), "role": m.role, "rule": m.reason,
                        "mentions": count[theme], "evidence": _sentence_text(row, m.paragraph, m.sentence)})
    return out


def recommendation_rows(b: Build, resolver: Resolver, status: Mapping[str, Mapping[str, str]] | None = None) -> list[dict]:
    """One row per recommendation; ``status`` maps ids to their current ``acceptance``,
    ``implementation``, ``status_date`` and ``target_date`` (graph.tracking.current_status)."""
    status = status or {}
    kinds, themes = load_scheme(ontology_path("recommendation-kinds.ttl")), load_scheme(ontology_path("themes.ttl"))
    out = []
    for report, row, ex in _rows(b):
        ministry = resolver.ministry_code(report.ministry)
        lead = resolver.agencies.resolve(row.agency)
        for rec in ex.recommendations:
            rid = recommendation_id(ministry, report.fiscal_year, row.serial, rec.index)
            names = [resolver.agencies.by_code(c).name_zh for c in rec.addressed_to if resolver.agencies.by_code(c)]
            out.append({"id": rid, "fiscal_year": report.fiscal_year, "plan_serial": row.serial, "plan_name": row.name,
                        "lead_agency": lead.name_zh if lead else row.agency,
                        "agency": ";".join(names) or (lead.name_zh if lead else row.agency), "text": rec.text,
                        "sentence": _sentence_text(row, rec.paragraph, rec.sentence, rec.through), "source_line": row.line,
                        "kinds": ";".join(rec.kinds), "kind_labels": _labels(kinds, KIND, rec.kinds),
                        "themes": ";".join(rec.themes), "theme_labels": _labels(themes, THEME, rec.themes),
                        "generic": str(rec.generic).lower(), "truncated": str(rec.truncated).lower(),
                        **{k: status.get(rid, {}).get(k, "") for k in ("acceptance", "implementation", "status_date",
                                                                        "target_date")}})
    return out


def current_status(b: Build) -> dict[str, dict[str, str]]:
    """Each recommendation's current status as the tracker computes it (graph.tracking)."""
    from recgraph.tracking import current_status as of

    return of(b.tracked.recs, b.tracked.updates)


def _labels(scheme: Scheme, namespace, ids) -> str:
    return ";".join(scheme.pref_labels.get(str(namespace[i]), {}).get("zh-hant", i) for i in ids)


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

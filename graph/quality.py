"""Extraction quality report: per plan, how many themes, recommendations and figures were found.

Plans where any count is zero are listed separately, so misses are easy to spot.
"""

from __future__ import annotations

from dataclasses import dataclass

from recgraph.build import Build
from recgraph.model import Extraction


@dataclass(frozen=True)
class PlanCounts:
    fiscal_year: int
    serial: int
    name: str
    themes: int
    recommendations: int
    figures: int

    @property
    def zeros(self) -> list[str]:
        return [k for k in ("themes", "recommendations", "figures") if getattr(self, k) == 0]


def plan_counts(b: Build) -> list[PlanCounts]:
    out = []
    for report, extractions in zip(b.reports, b.extractions):
        for row in report.rows:
            ex = extractions.get(row.serial, Extraction())
            out.append(PlanCounts(report.fiscal_year, row.serial, row.name, len({m.theme for m in ex.themes}),
                                  len(ex.recommendations), len(ex.figures)))
    return out


def format_quality(counts: list[PlanCounts]) -> str:
    """A fixed-width table of every plan, then the plans with a zero count."""
    lines = [f"{'year':<5} {'plan':>4}  {'themes':>6} {'recs':>4} {'figs':>4}  name"]
    for c in counts:
        lines.append(f"{c.fiscal_year:<5} {c.serial:>4}  {c.themes:>6} {c.recommendations:>4} {c.figures:>4}  {c.name}")
    missing = [c for c in counts if c.zeros]
    lines.append("")
    lines.append(f"{len(missing)} of {len(counts)} plans have a zero count:")
    for c in missing:
        lines.append(f"  {c.fiscal_year} plan {c.serial} ({c.name}): no {', no '.join(c.zeros)}")
    return "\n".join(lines)

"""Plain-text output of the ``status`` commands: the table, one history, the summary."""

from __future__ import annotations

from recgraph.status_vocab import Vocabulary, load_vocabulary
from recgraph.tracking import Assertion, Status, TrackedRec, plan_serial


def format_table(rows: list[Status], vocab: Vocabulary | None = None) -> str:
    """``status list``: one line per recommendation, tab-separated, with a header."""
    vocab = vocab or load_vocabulary()
    lines = ["id\tacceptance\timplementation\tupdated\topen since\tage (days)\ttarget date\tagency\tplan serial\tplan"]
    for r in rows:
        lines.append("\t".join([r.rec.id, vocab.notation[r.acceptance], vocab.notation[r.implementation], r.updated,
                                r.rec.open_since, "" if r.age_days is None else str(r.age_days),
                                r.target_date + (" (overdue)" if r.overdue else ""),
                                ",".join(r.rec.agencies), plan_serial(r.rec.iri), r.rec.plan_name]))
    return "\n".join(lines)


def format_history(rec: TrackedRec, history: list[Assertion], vocab: Vocabulary | None = None) -> str:
    """``status show ID``: the recommendation and every assertion, oldest first."""
    vocab = vocab or load_vocabulary()
    lines = [f"{rec.id}  {rec.plan_name} (FY{rec.fiscal_year}, open since {rec.open_since})", f"  {rec.text}"]
    lines += [f"  repeats {r}" for r in rec.repeats]
    for a in history:
        acc = vocab.notation.get(a.acceptance, "-") if a.acceptance else "-"
        impl = vocab.notation.get(a.implementation, "-") if a.implementation else "-"
        where = f" [{a.source}:{a.line}]" if a.line else ""
        lines.append(f"  {a.date}  acceptance {acc}, implementation {impl}  by {a.reported_by or '-'}{where}")
        if a.note:
            lines.append(f"      note: {a.note}")
        if a.evidence:
            lines.append(f"      evidence: {a.evidence}")
    return "\n".join(lines)


def format_summary(s: dict) -> str:
    """``status summary``: the rates as plain text."""
    def pct(x):
        return "n/a" if x is None else f"{x:.1%}"
    lines = [f"Recommendations: {s['recommendations']} (open {s['open']}, closed {s['closed']}) as of {s['as_of']}",
             "  acceptance: " + ", ".join(f"{k} {v}" for k, v in s["acceptance"].items()),
             "  implementation: " + ", ".join(f"{k} {v}" for k, v in s["implementation"].items()),
             "  GAO terms: " + ", ".join(f"{k} {v}" for k, v in s["gao"].items()),
             "  IG terms: " + ", ".join(f"{k} {v}" for k, v in s["ig"].items()),
             f"  acceptance rate: {pct(s['acceptance_rate'])} of {s['responded']} with a response",
             f"  implementation rate: {pct(s['implementation_rate'])} of {s['recommendations']}",
             f"  age of open recommendations (days): median {s['open_age_days']['median']}, max {s['open_age_days']['max']}",
             f"  repeated from an earlier year: {s['repeated']} ({s['repeated_open']} still open)",
             "  open by agency: " + (", ".join(f"{k} {v}" for k, v in s["open_by_agency"].items()) or "-"),
             "  open by theme (narrower themes included): "
             + (", ".join(f"{k} {v}" for k, v in s["open_by_theme"].items()) or "-"),
             f"  past their target date: {len(s['overdue'])}" + (f" ({', '.join(s['overdue'])})" if s["overdue"] else "")]
    return "\n".join(lines)

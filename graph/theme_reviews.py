"""Reviewer curation of theme links: ``data/theme-reviews.csv`` overrides the automatic role.

One row per decision: ``item`` (the plan evaluation, ``moda-2025-P22``), ``theme`` (an id of
``ontology/themes.ttl``), ``decision`` (``accept``: the plan works on the theme; ``reject``: it
does not; empty: not yet decided, ignored), ``reviewer``, ``date`` (YYYY-MM-DD), ``note`` and
``evidence``: text of the sentence around the mention, so the decision stays with that mention
across rebuilds and rule changes (empty: every mention of the theme in that plan).  In the graph a
decision is an ``rg:ThemeReview`` (a ``prov:Entity`` attributed to its reviewer, dated, derived
from the mention).  :func:`candidates` lists the links most worth a reviewer's time.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path

from recgraph.csvfile import to_csv_text
from recgraph.iris import serial_label
from recgraph.model import InputError, Problem, ThemeMention, ThemeReview
from recgraph.csvfile import read_rows
from recgraph.theme_model import THEME_MODEL
from recgraph.theme_roles import ADVICE, PASSING, PLAN_NAME, REVIEW, SUBJECT, WEAK_LABEL
from recgraph.vocab import data_path

COLUMNS = ["item", "theme", "decision", "reviewer", "date", "note", "evidence"]
DECISIONS = ("accept", "reject")
DEFAULT_REVIEWS = data_path("theme-reviews.csv")
_ITEM = re.compile(r"[a-z0-9][a-z0-9-]*-[0-9]{4}-P[0-9]{2,}")


def item_id(ministry: str, fiscal_year: int, serial: int) -> str:
    """The id a review names a plan evaluation by (recommendation ids extend it with ``-R1``...).

    >>> item_id("moda", 2025, 4)
    'moda-2025-P04'
    """
    return f"{ministry}-{fiscal_year}-P{serial_label(serial)}"


def load_reviews(path: str | Path = DEFAULT_REVIEWS, themes=()) -> tuple[ThemeReview, ...]:
    """The decided rows of a review file (none if it does not exist); bad rows raise InputError."""
    path = Path(path)
    if not path.exists():
        return ()
    rows, problems = read_rows(path, COLUMNS)
    reviews = []
    for line, row in rows:
        row = {k: v.strip() for k, v in row.items()}
        problem = _problem(row, set(themes))
        if problem:
            problems.append(Problem(str(path), line, problem))
        elif row["decision"]:
            reviews.append(ThemeReview(row["item"], row["theme"], row["decision"], row["reviewer"], row["date"],
                                       row["note"], row["evidence"], line))
    if problems:
        raise InputError(problems)
    return tuple(reviews)


def _problem(row: dict[str, str], themes: set[str]) -> str:
    if not _ITEM.fullmatch(row["item"]):
        return f"item {row['item']!r} is not a plan evaluation id such as moda-2025-P04"
    if themes and row["theme"] not in themes:
        return f"unknown theme {row['theme']!r} (an id of ontology/themes.ttl)"
    if row["decision"] not in DECISIONS + ("",):
        return f"decision {row['decision']!r} must be accept, reject or empty (not yet decided)"
    if not row["decision"]:
        return ""
    if not row["reviewer"]:
        return "a decision needs its reviewer"
    try:
        dt.date.fromisoformat(row["date"])
    except ValueError:
        return f"date {row['date']!r} must be YYYY-MM-DD"
    return ""


def _covers(review: ThemeReview, m: ThemeMention, texts: dict[tuple, str]) -> bool:
    """Whether ``review`` speaks about mention ``m`` (same theme, inside its evidence text)."""
    if review.theme != m.theme:
        return False
    if not review.evidence:
        return True
    text = texts[(m.paragraph, m.sentence)]
    at = text.find(review.evidence)
    while at >= 0:
        if at <= m.span.start and m.span.end <= at + len(review.evidence):
            return True
        at = text.find(review.evidence, at + 1)
    return False


def apply_reviews(mentions: list[ThemeMention], texts: dict[tuple, str], reviews) -> list[ThemeMention]:
    """The mentions with every decision of ``reviews`` (already those of this plan) applied; the
    last row of the file wins when two speak about one mention."""
    out = []
    for m in mentions:
        for review in reviews:
            if _covers(review, m, texts):
                role = SUBJECT if review.decision == "accept" else PASSING
                m = replace(m, role=role, reason=REVIEW, review=review)
        out.append(m)
    return out


def unmatched(reviews, mentions_by_item: dict[str, tuple[list[ThemeMention], dict]]) -> list[ThemeReview]:
    """Reviews that speak about no mention (the text changed, or the item or evidence is mistyped)."""
    out = []
    for review in reviews:
        mentions, texts = mentions_by_item.get(review.item, ([], {}))
        if not any(_covers(review, m, texts) for m in mentions):
            out.append(review)
    return out


def evidence_key(m: ThemeMention) -> str:
    """The text a new review row keys a mention by: the mention with a little context either side."""
    return m.span.prefix[-6:] + m.span.exact + m.span.suffix[:6]


def candidates(mentions_by_item: dict[str, tuple[list[ThemeMention], dict]],
               previous: set[tuple[str, str]] | None = None) -> list[dict]:
    """Plan-theme links worth reviewing, not yet reviewed, each with why and its evidence.

    * ``weak-label``: passing only because its words are too general (國際, 醫療): may be a subject;
    * ``advice``: named only in advice to consider or to add (評估…之可行性, 系統之資安防護): the
      plan may already work on it;
    * ``single-mention``: a subject link resting on one mention outside the plan name;
    * ``mixed``: a subject link at least half of whose mentions a rule found passing;
    * ``new``: a subject link that the previous build (``previous``: (item, theme) pairs) lacked;
    * ``theme-model``: a link the theme model made or undid against the rules (graph/theme_model.py).

    Listed new first, then theme-model, single-mention, weak-label, advice and mixed; by item and
    theme within each.
    """
    out = []
    for item, (mentions, texts) in sorted(mentions_by_item.items()):
        by_theme: dict[str, list[ThemeMention]] = {}
        for m in mentions:
            by_theme.setdefault(m.theme, []).append(m)
        for theme, ms in sorted(by_theme.items()):
            if any(m.reason == REVIEW for m in ms):
                continue
            subject = [m for m in ms if m.role == SUBJECT]
            why = _why(ms, subject, previous is not None and (item, theme) not in previous)
            if why:
                shown = subject[0] if subject else ms[0]
                out.append({"item": item, "theme": theme, "role": SUBJECT if subject else shown.role,
                            "why": ";".join(why), "evidence": evidence_key(shown),
                            "sentence": texts[(shown.paragraph, shown.sentence)]})
    return sorted(out, key=lambda c: (min(_PRIORITY.index(w) for w in c["why"].split(";")), c["item"], c["theme"]))


_PRIORITY = ("new", "theme-model", "single-mention", "weak-label", "advice", "mixed")


def _why(mentions: list[ThemeMention], subject: list[ThemeMention], unseen: bool) -> list[str]:
    """Why one plan-theme link (its ``mentions``, the ``subject`` ones among them) is worth a
    reviewer's time; ``unseen``: the previous build lacked the link."""
    why = []
    if not subject and all(m.reason == WEAK_LABEL for m in mentions):
        why.append("weak-label")
    if not subject and any(m.role == ADVICE for m in mentions):
        why.append("advice")
    if len(subject) == 1 and subject[0].reason != PLAN_NAME:
        why.append("single-mention")
    if subject and len(mentions) - len(subject) >= len(subject):
        why.append("mixed")
    if subject and unseen:
        why.append("new")
    if any(m.reason == THEME_MODEL for m in mentions):
        why.append("theme-model")
    return why


def review_rows(found: list[dict]) -> str:
    """Rows for the review file, decision left empty for the reviewer (CSV text, no header)."""
    rows = [{"item": c["item"], "theme": c["theme"], "decision": "", "reviewer": "", "date": "",
             "note": f"{c['role']} ({c['why']})", "evidence": c["evidence"]} for c in found]
    return to_csv_text(COLUMNS, rows).split("\r\n", 1)[1]


def mentions_by_item(b) -> dict[str, tuple[list[ThemeMention], dict]]:
    """Item id -> (theme mentions, segment texts) of every plan evaluation of a build."""
    from recgraph.theme_roles import segment_texts

    out = {}
    for report, extractions in zip(b.reports, b.extractions):
        ministry = b.resolver.ministry_code(report.ministry)
        for row in report.rows:
            ex = extractions.get(row.serial)
            out[item_id(ministry, report.fiscal_year, row.serial)] = (ex.themes if ex else [], segment_texts(row))
    return out


def previous_links(path: str | Path) -> set[tuple[str, str]]:
    """(item, theme) of the subject links in an earlier build's ``plan_themes.csv``."""
    path = Path(path)
    if not path.is_file():
        raise InputError([Problem("--previous", 0, f"{path}: no such file; give the plan_themes.csv of an earlier build")])
    import csv

    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        if not {"item", "theme_id"} <= set(reader.fieldnames or ()):
            raise InputError([Problem(str(path), 1, "expected the columns item and theme_id of plan_themes.csv")])
        return {(r["item"], r["theme_id"]) for r in reader if r.get("role", SUBJECT) == SUBJECT}


def format_candidates(found: list[dict], stale: list[ThemeReview], path: str | Path) -> str:
    """The candidates as a table, then reviews that match no mention."""
    lines = [f"{len(found)} theme link(s) worth reviewing (why: new, theme-model, single-mention, weak-label, advice, mixed):"]
    for c in found:
        lines.append(f"  {c['item']:<16} {c['theme']:<26} {c['role']:<8} {c['why']:<28} {c['evidence']}")
    if stale:
        lines.append(f"{len(stale)} review(s) in {path} match no mention (text changed, or item/evidence mistyped):")
        lines += [f"  {path}:{r.line}: {r.item} {r.theme} {r.evidence!r}" for r in stale]
    return "\n".join(lines)

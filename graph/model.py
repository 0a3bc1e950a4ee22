"""Plain records passed between pipeline stages.

Every stage takes and returns these dataclasses; none of them knows about RDF, files or
the command line.  Offsets are 0-based Unicode code-point offsets, end exclusive, so
``text[start:end] == exact`` always holds for a :class:`Span`.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    """Where a piece of evidence sits: ``text[start:end] == exact`` in its segment's text."""

    start: int
    end: int
    exact: str
    prefix: str = ""
    suffix: str = ""


EVIDENCE_CONTEXT = 12
"""Characters of context kept either side of every evidence quote (its prefix and suffix)."""


def evidence_span(text: str, start: int, end: int, context: int = EVIDENCE_CONTEXT) -> Span:
    """The :class:`Span` of ``text[start:end]`` with up to ``context`` characters either side: the one
    way every extractor records where its evidence sits.

    >>> evidence_span("請強化資安防護機制", 3, 7, context=2)
    Span(start=3, end=7, exact='資安防護', prefix='強化', suffix='機制')
    """
    return Span(start, end, text[start:end], text[max(0, start - context):start], text[end:end + context])


@dataclass(frozen=True)
class Sentence:
    """One sentence of a paragraph; offsets are into the evaluation's opinion text."""

    index: int
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Paragraph:
    """One ``<p>`` of an opinion, with its ordinal (一, 二 ...) and its sentences."""

    index: int
    ordinal: str
    text: str
    start: int
    end: int
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True)
class PlanRow:
    """One row of an evaluation-results table, normalised, with the original cells kept."""

    serial: int
    line: int
    name: str
    agency: str
    control_level: str
    category: str
    opinion: str
    paragraphs: tuple[Paragraph, ...]
    truncated: bool
    name_as_written: str
    agency_as_written: str
    control_level_as_written: str
    category_as_written: str
    opinion_html: str


@dataclass(frozen=True)
class Report:
    """One parsed evaluation-results document."""

    path: str
    title: str
    ministry: str
    roc_year: int
    fiscal_year: int
    encoding: str
    sha256: str
    rows: tuple[PlanRow, ...]
    publisher: str = ""
    language: str = "zh-Hant"
    retrieved: str = ""
    issued: str = ""
    origin: str = ""


@dataclass(frozen=True)
class Problem:
    """A problem found in an input file, reported as ``file:line: message`` (``file: message``
    when it concerns the whole file, line 0; ``path`` may also name a command-line option)."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"


@dataclass(frozen=True)
class Violation:
    """One SHACL result: the shape that fired, the node it fired on, and its message."""

    shape: str
    focus: str
    path: str
    value: str
    message: str
    severity: str

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        value = f" (value {self.value})" if self.value else ""
        return f"{self.severity}: {self.focus}{where}{value}: {self.message} [{self.shape}]"


class InputError(Exception):
    """Raised with every problem found in the inputs at once."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass(frozen=True)
class ThemeReview:
    """A reviewer's decision on a plan's theme (a row of ``data/theme-reviews.csv``).

    ``evidence`` is text of the sentence around the mention; empty means every mention of the
    theme in that plan.  ``item`` is the plan evaluation's id (``moda-2025-P22``).
    """

    item: str
    theme: str
    decision: str
    reviewer: str
    date: str
    note: str = ""
    evidence: str = ""
    line: int = 0


@dataclass(frozen=True)
class ThemeMention:
    """A theme found in a plan name (``sentence is None``) or in an opinion sentence."""

    theme: str
    paragraph: int | None
    sentence: int | None
    span: Span
    term: str = ""
    role: str = "subject"
    """``subject`` (the plan works on the theme), ``passing`` (said in passing) or ``advice`` (named in
    advice as something to consider or add); see graph/theme_roles.py."""
    reason: str = ""
    """The rule that decided the role (an id of data/theme-context-rules.tsv, ``plan-name``, ``review`` ...)."""
    review: ThemeReview | None = None


@dataclass(frozen=True)
class AgencyMention:
    """An agency named in an opinion sentence, resolved to the agency table's code."""

    agency: str
    paragraph: int
    sentence: int
    span: Span


@dataclass(frozen=True)
class Recommendation:
    """One actionable item, with the evidence span inside its sentence; or, when ``through`` names a
    later sentence of its paragraph (a reason before ； and the advice right after it, guideline rule 2),
    inside its paragraph's text from sentence ``sentence`` to sentence ``through``."""

    index: int
    paragraph: int
    sentence: int
    text: str
    span: Span
    kinds: tuple[str, ...]
    themes: tuple[str, ...]
    generic: bool
    truncated: bool
    addressed_to: tuple[str, ...] = ()
    through: int = 0


@dataclass(frozen=True)
class Figure:
    """A reported number: the value as written and normalised, its unit, target and comparator."""

    index: int
    paragraph: int
    sentence: int
    span: Span
    metric: str
    value_as_written: str
    value: str
    unit: str
    role: str = "result"
    target_as_written: str = ""
    target: str | None = None
    comparator: str = ""
    achievement_ratio: str | None = None
    approximate: bool = False


@dataclass
class Extraction:
    """Everything extracted from one plan row."""

    themes: list[ThemeMention] = field(default_factory=list)
    agencies: list[AgencyMention] = field(default_factory=list)
    recommendations: list[Recommendation] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)

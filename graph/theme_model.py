"""A second reader of a plan's themes: a linear model over the plan's character n-grams, trained on
the annotated documents, that settles the role of a theme the rules already found in the plan.

The context rules decide a mention's role by the words around it, one sentence at a time; on a
ministry's table they were not written for they read themes at about 0.86-0.89 F1 (issue 19).  The
model reads the whole plan at once, as the annotators do, and acts only where the rules found a
mention, so every link it makes still has that mention as its evidence:

* a theme the rules found only in passing or in advice becomes the plan's subject when the model
  gives it at least :data:`PROMOTE` (``promote``);
* a subject link of a theme the model gives less than its veto threshold becomes passing (``veto``),
  unless the plan's name makes it a subject (the name says what the plan is about).  A theme's
  threshold is :data:`VETO` or lower: no more than :data:`SPARED` of the annotated true links the
  rules found fall below it when each plan is scored by a model fitted without its document (plans
  dense with themes, like a digital ministry's, give each theme a low probability), and below every
  annotated true link of the training documents (the model never undoes a link its annotations confirm);
* a theme the rules did not find at all becomes the plan's subject when the model gives it at least
  :data:`ADD` (``add``): half the links the rules miss on unseen tables have no theme word the rules
  know (banks filing into a regulator's system, counted trainees).  Its evidence is the sentence (or
  the plan's name) whose n-grams weigh most for the theme: the words the model read it from.

Each act is taken only for the themes where it proved right on documents that neither the rules
nor the model had seen (the newest blind batches, named when the model is trained): scored by a
model fitted without them, the act had to be right at least :data:`TRUSTED` of the times it was
taken.  Documents the rules were written from cannot show this, as the rules read them nearly
right; on unseen tables the rules over-read procurement or broadcasting and under-read
international, and that is where the model acts.  Both carry the reason
``theme-model``.  The weights are data (``data/theme-model.tsv``, written by ``recgraph themes
train`` from the gold annotations: :func:`train`); scoring needs no library.

>>> m = ThemeModel({"ai": -1.0}, {"ai": {"人工": 3.0, "智慧": 3.0}}, {"ai": ("veto",)})
>>> round(m.probabilities("人工智慧")["ai"], 2)
0.73
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from recgraph.csvfile import read_tsv_rows
from recgraph.model import InputError, PlanRow, Problem, ThemeMention, evidence_span
from recgraph.theme_roles import PASSING, PLAN_NAME, SUBJECT, segment_texts
from recgraph.themes import FOLD, with_broader
from recgraph.vocab import data_path

DEFAULT_MODEL = data_path("theme-model.tsv")
"""``data/theme-model.tsv`` in a checkout."""
THEME_MODEL = "theme-model"
"""The reason of a role the model decided."""
COLUMNS = ["theme", "ngram", "weight", "acts", "veto_below"]
PROMOTE, VETO, ADD = 0.5, 0.05, 0.3
"""The probabilities at which the model promotes a mention, below which it may veto a link, and at
which it adds a theme the rules did not find (an added link helps F1 when it is right more often
than about half the F1: on blind batches 96-105, 0.3 was right 46 % of the time over all themes,
and the trusted themes far more often)."""
SPARED = 0.05
"""The share of true links a theme's veto threshold may fall on (see the module's docstring)."""
FOLDS = 5
ACTS = ("promote", "veto", "add")
TRUSTED = 0.6
"""The share of right decisions, out of the model's decisions on the blind documents, an act needs
before the model takes it for a theme."""
MIN_DECISIONS = 2
"""An act decided fewer times than this on the blind documents is not trusted either."""
KEEP = 1000
"""Weights kept per theme, the largest first: the rest change few decisions and cost file size."""
MIN_POSITIVES = 3
"""A theme with fewer annotated plans gets no model: the rules alone decide it."""
_SPACE = re.compile(r"\s+")


def plan_text(row: PlanRow) -> str:
    """The plan's name and opinion sentences, as the model reads them."""
    return " ".join([row.name] + [s.text for p in row.paragraphs for s in p.sentences])


def ngrams(text: str) -> set[str]:
    """The distinct 1-3 character n-grams of ``text``, width-folded, 臺 for 台, lower case, runs of
    white space as one space.

    >>> sorted(ngrams("ＡI"))
    ['a', 'ai', 'i']
    """
    t = _SPACE.sub(" ", text.translate(FOLD).lower())
    return {t[i:i + n] for n in (1, 2, 3) for i in range(len(t) - n + 1)}


@dataclass(frozen=True)
class ThemeModel:
    """Per theme an intercept and the weights of n-grams; a plan's score is the intercept plus the sum
    of its n-grams' weights over the square root of its number of distinct n-grams (a binary vector
    of unit length, as trained)."""

    intercepts: dict[str, float]
    weights: dict[str, dict[str, float]]
    acts: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Per theme, which of :data:`ACTS` the model takes."""
    veto_below: dict[str, float] = field(default_factory=dict)
    """Per theme, the probability below which it vetoes (:data:`VETO` when absent)."""
    _keys: frozenset[str] = field(default=frozenset(), compare=False, repr=False)
    _last: list = field(default_factory=lambda: [None, frozenset(), 0], compare=False, repr=False)

    def __post_init__(self):
        acting = {t for t, a in self.acts.items() if a}
        keys: dict[str, None] = {}  # the n-grams any scored theme weighs, in a fixed order (their sums' order)
        for theme, ws in sorted(self.weights.items()):
            if not self.acts or theme in acting:
                keys.update(dict.fromkeys(ws))
        object.__setattr__(self, "_keys", frozenset(keys))

    def _grams(self, text: str) -> tuple[frozenset[str], int]:
        """The n-grams of ``text`` that the scored themes weigh, and how many distinct n-grams it
        has; kept for the last text (a plan's is scored twice: :func:`settle_roles`, :func:`add_subjects`)."""
        last = self._last
        if last[0] != text:
            grams = ngrams(text)
            last[:] = text, self._keys.intersection(grams), len(grams)
        return last[1], last[2]

    def _weights(self, theme: str, hits: frozenset[str]):
        """The weights of ``theme`` of the n-grams ``hits`` (but zeros), in their order: a theme's own
        weights looked up, not every scored theme's weights of each n-gram walked (a plan is scored for few)."""
        if self.acts and not self.acts.get(theme):
            return ()
        return filter(None, map(self.weights.get(theme, {}).get, hits))

    def weight(self, theme: str, text: str) -> float:
        """The summed weight for ``theme`` of the n-grams of ``text`` (not normalised): how much a
        segment says for the theme; 0.0 for a theme the model does not score."""
        return sum(self._weights(theme, self._keys.intersection(ngrams(text))))

    def probabilities(self, text: str, themes=None) -> dict[str, float]:
        """The model's probability of each theme (or of ``themes`` only) being the plan's subject;
        when the model has acts, only the themes it acts on are scored."""
        hits, count = self._grams(text)
        scored = self.intercepts.keys() if not self.acts else [t for t, a in self.acts.items() if a]
        wanted = scored if themes is None else [t for t in themes if t in scored]
        norm = math.sqrt(count) or 1.0
        out = {}
        for t in wanted:
            total = 0.0
            for w in self._weights(t, hits):  # added one by one, as they always were (sum() may compensate)
                total += w
            out[t] = 1.0 / (1.0 + math.exp(-(self.intercepts[t] + total / norm)))
        return out


def settle_roles(mentions: list[ThemeMention], text: str, model: ThemeModel | None) -> list[ThemeMention]:
    """``mentions`` with the roles the model settles (see the module's docstring); the first mention
    of a promoted theme becomes its subject, every subject mention of a vetoed one passing."""
    if model is None or not mentions:
        return mentions
    subject, could = _open_to_acts(mentions, model)
    if not could:
        return mentions
    p = model.probabilities(text, sorted(could))
    vetoed = {t for t in could & subject if p[t] < model.veto_below.get(t, VETO)}
    promote = {t for t in could - subject if p[t] >= PROMOTE}
    out = []
    for m in mentions:
        if m.role == SUBJECT and m.theme in vetoed:
            m = replace(m, role=PASSING, reason=THEME_MODEL)
        elif m.theme in promote and m.review is None:
            promote.discard(m.theme)  # its first mention only
            m = replace(m, role=SUBJECT, reason=THEME_MODEL)
        out.append(m)
    return out


def _open_to_acts(mentions: list[ThemeMention], model: ThemeModel) -> tuple[set[str], set[str]]:
    """The plan's subject themes, and the themes an act of the model could change: a subject not
    made by the plan's name that the model may veto, or a theme it may promote."""
    subject = {m.theme for m in mentions if m.role == SUBJECT}
    named = {m.theme for m in mentions if m.role == SUBJECT and m.reason == PLAN_NAME}
    could = {m.theme for m in mentions if m.review is None and m.theme not in named
             and ("veto" if m.theme in subject else "promote") in model.acts.get(m.theme, ())}
    return subject, could


def add_subjects(mentions: list[ThemeMention], row: PlanRow, model: ThemeModel | None, taxonomy) -> list[ThemeMention]:
    """``mentions`` and a subject mention of each theme the model adds to the plan (``add``): one it
    is trusted to add, that no mention names and no subject's broader themes (in ``taxonomy``) hold,
    given at least :data:`ADD`.  Its span is the whole segment (sentence or name) whose n-grams
    weigh most for the theme."""
    if model is None:
        return mentions
    named = {m.theme for m in mentions}
    covered = set(with_broader([m.theme for m in mentions if m.role == SUBJECT], taxonomy))
    wanted = [t for t, a in sorted(model.acts.items()) if "add" in a and t not in named and t not in covered]
    if not wanted:
        return mentions
    p = model.probabilities(plan_text(row), wanted)
    added = [t for t in wanted if p[t] >= ADD]
    if not added:
        return mentions
    texts = segment_texts(row)
    out = list(mentions)
    for theme in added:
        (paragraph, sentence), text = max(texts.items(), key=lambda kv: model.weight(theme, kv[1]))
        out.append(ThemeMention(theme, paragraph, sentence, evidence_span(text, 0, len(text)), "", SUBJECT, THEME_MODEL))
    return out


def load_model(path: str | Path = DEFAULT_MODEL) -> ThemeModel | None:
    """The model in ``path`` (one row per weight; an empty n-gram is the theme's intercept), or None
    when there is no such file (the rules alone then decide)."""
    path = Path(path)
    if not path.is_file():
        return None
    stat = path.stat()
    return _load(str(path.resolve()), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4)
def _load(path: str, mtime_ns: int, size: int) -> ThemeModel:
    """The model in ``path``, read once per version of the file (every build loads the rules)."""
    table, problems = read_tsv_rows(path, COLUMNS)
    intercepts: dict[str, float] = {}
    weights: dict[str, dict[str, float]] = {}
    acts: dict[str, tuple[str, ...]] = {}
    veto_below: dict[str, float] = {}
    for n, cells in table:
        if len(cells) != len(COLUMNS):
            problems.append(Problem(str(path), n, f"expected {len(COLUMNS)} tab-separated cells ({', '.join(COLUMNS)})"))
            continue
        theme, gram, value, act, below = cells[0].strip(), cells[1], cells[2].strip(), tuple(cells[3].split()), cells[4]
        if set(act) - set(ACTS) or (act and gram):
            problems.append(Problem(str(path), n, f"acts {cells[3]!r}: only an intercept row (empty n-gram) "
                                                  f"names acts, from {', '.join(ACTS)}"))
            continue
        try:
            w, below = float(value), float(below) if below.strip() else None
        except ValueError:
            problems.append(Problem(str(path), n, f"weight {value!r} or veto_below {below!r} is not a number"))
            continue
        if gram:
            weights.setdefault(theme, {})[gram] = w
        else:
            intercepts[theme], acts[theme] = w, act
            if below is not None:
                veto_below[theme] = below
    missing = sorted(set(weights) - set(intercepts))
    problems += [Problem(str(path), 1, f"theme {t!r} has weights but no intercept row") for t in missing]
    if problems:
        raise InputError(problems)
    return ThemeModel(intercepts, weights, acts, veto_below)


@dataclass(frozen=True)
class Example:
    """One annotated plan: its text, its gold themes (with their broader ones), the themes the rules
    alone make its subject and every theme they mention, and its document's name."""

    text: str
    gold: frozenset[str]
    found: frozenset[str]
    mentioned: frozenset[str]
    document: str
    named: frozenset[str] = frozenset()
    """The themes the plan's name makes a subject (never vetoed)."""
    covered: frozenset[str] = frozenset()
    """The broader themes of the rules' subjects (never added)."""


def train(examples: list[Example], themes: list[str], blind: set[str] = frozenset(), c: float = 4.0,
          keep: int = KEEP) -> ThemeModel:
    """A model from annotated plans: one logistic regression per theme of ``themes`` with at least
    :data:`MIN_POSITIVES` plans (scikit-learn), fitted on every example, and per theme the acts
    right at least :data:`TRUSTED` of the time on the documents named in ``blind``, scored by a
    model fitted without them."""
    import numpy as np
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.model_selection import GroupKFold
    from sklearn.preprocessing import normalize

    vec = CountVectorizer(analyzer=lambda t: sorted(ngrams(t)), binary=True)
    x = normalize(vec.fit_transform([e.text for e in examples]))
    vocabulary = vec.get_feature_names_out()
    held = np.array([e.document in blind for e in examples])
    calibration = [e for e in examples if e.document in blind]
    seen = [e for e in examples if e.document not in blind]
    groups = [e.document for e in seen]
    splits = min(FOLDS, len(set(groups)))  # GroupKFold needs two documents at least
    folds = list(GroupKFold(n_splits=splits).split(x[~held], groups=groups)) if calibration and splits > 1 else []
    intercepts, weights, acts, veto_below = {}, {}, {}, {}
    for theme in themes:
        y = np.array([theme in e.gold for e in examples])
        if y.sum() < MIN_POSITIVES:
            continue
        if calibration and y[~held].sum() >= MIN_POSITIVES:
            acts[theme], below = _calibrate(theme, calibration, seen, x, y, held, folds, c, keep)
            if below is not None:
                veto_below[theme] = below
        b, coef = _fit(x, y, c, keep)
        if "veto" in acts.get(theme, ()):
            veto_below[theme] = _below_every_true_link(theme, examples, _scores((b, coef), x), veto_below.get(theme, VETO))
        intercepts[theme] = b
        weights[theme] = {vocabulary[i]: coef[i] for i in sorted(coef, key=lambda i: vocabulary[i])}
    return ThemeModel(intercepts, weights, acts, veto_below)


def _spared(theme, examples, x, y, folds, c, keep) -> float:
    """The veto threshold of ``theme``: :data:`VETO`, or lower if more than :data:`SPARED` of its true
    links found by the rules score below that when scored by a model fitted without their document."""
    import numpy as np

    if not folds:
        return VETO
    held = np.zeros(len(examples))
    for fit_on, score_on in folds:
        held[score_on] = _scores(_fit(x[fit_on], y[fit_on], c, keep), x[score_on]) if y[fit_on].any() else 0.0
    true = sorted(p for e, p in zip(examples, held) if theme in e.gold and theme in e.found and theme not in e.named)
    if not true:
        return VETO
    return round(min(VETO, float(true[int(SPARED * len(true))])), 4)


def _calibrate(theme, calibration, seen, x, y, held, folds, c, keep) -> tuple[tuple[str, ...], float | None]:
    """The acts trusted for ``theme`` on the ``calibration`` (blind) examples, scored by a model fitted
    on the ``seen`` ones only, and its veto threshold (None: :data:`VETO`) when a veto is to weigh."""
    p = _scores(_fit(x[~held], y[~held], c, keep), x[held])
    below = None
    if any(theme in e.found and theme not in e.named and q < VETO for e, q in zip(calibration, p)):
        below = _spared(theme, seen, x[~held], y[~held], folds, c, keep)
    return trusted_acts(theme, calibration, p, VETO if below is None else below), below


def _below_every_true_link(theme, examples, probabilities, threshold: float) -> float:
    """``threshold``, lowered below the probability of every annotated true link of ``theme`` the rules
    found (not by the plan's name) in the training documents: the model never vetoes a link its own
    annotations confirm (the seed's included)."""
    true = [p for e, p in zip(examples, probabilities) if theme in e.gold and theme in e.found and theme not in e.named]
    return min(threshold, math.floor(min(true, default=1.0) * 10_000) / 10_000)


def _fit(x, y, c, keep) -> tuple[float, dict[int, float]]:
    """The intercept and the ``keep`` largest weights (by column) of a logistic regression, rounded
    as the model file keeps them: what scoring will use, in calibration too."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    fit = LogisticRegression(C=c, max_iter=5000).fit(x, y)
    coef = fit.coef_[0]
    top = np.argsort(-np.abs(coef), kind="stable")[:keep]
    return round(float(fit.intercept_[0]), 4), {int(i): round(float(coef[i]), 4) for i in top if round(float(coef[i]), 4)}


def _scores(fitted: tuple[float, dict[int, float]], x):
    """Probabilities of the rows of ``x`` under a model from :func:`_fit`."""
    import numpy as np

    b, coef = fitted
    w = np.zeros(x.shape[1])
    w[list(coef)] = list(coef.values())
    return 1.0 / (1.0 + np.exp(-(x @ w + b)))


def trusted_acts(theme: str, examples: list[Example], probabilities, veto_below: float = VETO) -> tuple[str, ...]:
    """The acts of :data:`ACTS` right often enough for ``theme`` on ``examples``, given the model's
    ``probabilities`` of the theme for each (from a model that had not seen them).

    >>> e = Example("", frozenset(), frozenset({"talent"}), frozenset({"talent"}), "x")
    >>> trusted_acts("talent", [e, e], [0.01, 0.02]), trusted_acts("talent", [e], [0.01])
    (('veto',), ())
    """
    promote = [theme in e.gold for e, p in zip(examples, probabilities)
               if theme in e.mentioned and theme not in e.found and p >= PROMOTE]
    veto = [theme not in e.gold for e, p in zip(examples, probabilities)
            if theme in e.found and theme not in e.named and p < veto_below]
    add = [theme in e.gold for e, p in zip(examples, probabilities)
           if theme not in e.mentioned and theme not in e.covered and p >= ADD]
    return tuple(act for act, right in (("promote", promote), ("veto", veto), ("add", add))
                 if len(right) >= MIN_DECISIONS and sum(right) >= TRUSTED * len(right))


def read_names(path: str | Path) -> set[str]:
    """The document names listed in ``path``, one per line (blank lines and ``#`` comments skipped)."""
    if not Path(path).is_file():
        raise InputError([Problem(str(path), 0, "no such file of blind document names (--blind)")])
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def model_rows(model: ThemeModel) -> list[list[str]]:
    """The rows of ``data/theme-model.tsv``: per theme (sorted) its intercept and acts, then, for a
    theme the model acts on, its n-grams sorted (no other theme is ever scored)."""
    rows = []
    for theme in sorted(model.intercepts):
        below = model.veto_below.get(theme)  # absent: VETO
        rows.append([theme, "", f"{model.intercepts[theme]:.4f}", " ".join(model.acts.get(theme, ())),
                     "" if below is None else f"{below:.4f}"])
        if model.acts.get(theme):
            rows += [[theme, g, f"{w:.4f}", "", ""] for g, w in sorted(model.weights.get(theme, {}).items())]
    return rows

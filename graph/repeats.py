"""Repeated recommendations: a later recommendation to the same plan that says what an earlier
year's said again - the main signal of a finding left unaddressed.

Plans are matched across fiscal years by ministry plus normalised name (:func:`name_key`:
NFKC, no spaces or punctuation, case-folded), and through the curated alias table
``data/plan-aliases.csv`` for plans that were renamed (columns ``ministry`` - the ministry's
code in ``data/agencies.csv``, e.g. ``moda`` -, ``alias`` and ``canonical``: another name the
plan appeared under, and the name it is known by).

Similarity is the cosine of character n-gram TF-IDF vectors (scikit-learn ``TfidfVectorizer``,
``analyzer="char"``, n = 2..3, sublinear tf; Chinese text has no word boundaries, and bigrams
and trigrams of characters survive rewording better than words), with the IDF fitted once on
every recommendation text.  Only recommendations of the same plan in different years are
compared, so the cost grows with the sum of squared plan sizes, not with the square of all
recommendations.  A recommendation repeats an earlier one when their cosine is at least
:data:`THRESHOLD`; it is linked (``rg:repeats``) to the best match of the latest earlier year
that has one, so repeats over several years form a chain.

THRESHOLD = 0.3 was chosen on the SYNTHETIC next year that ``tests/synthetic.py`` writes from the
seed (28 reworded repeats, 34 dropped recommendations, 12 recommendations new to their plan taken
from other plans' opinions).  There, true repeats score 0.46-1.00 and every non-repeat pair of
the same plan at most 0.05; different recommendations of one plan in the seed itself score at
most 0.07.  0.3 sits in that gap, leaving room for heavier rewording than the generator's:
precision 1.00 and recall 1.00 at 0.3 (recall 0.96 at 0.5, 0.93 at 0.7).
``tests/test_repeats.py`` measures it on every run.

>>> name_key("5G/B5G 數位通傳（資源）計畫") == name_key("5g/b5g數位通傳(資源)計畫")
True
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Mapping

import pyoxigraph as ox
from rdflib.namespace import PROV

from recgraph.model import InputError, Problem
from recgraph.namespace import RG
from recgraph.csvfile import read_rows

DEFAULT_ALIASES = Path(__file__).resolve().parent.parent / "data" / "plan-aliases.csv"
ALIAS_COLUMNS = ["ministry", "alias", "canonical"]
THRESHOLD = 0.3
NGRAMS = (2, 3)
_DROP = re.compile(r"[\s\W_]+")


def name_key(name: str) -> str:
    """A plan name compared ignoring width, case, spaces and punctuation."""
    return _DROP.sub("", unicodedata.normalize("NFKC", name)).casefold()


def load_aliases(path: str | Path = DEFAULT_ALIASES) -> dict[tuple[str, str], str]:
    """``(ministry, name_key(alias)) -> name_key(canonical)``; InputError names file:line."""
    path = Path(path)
    if not path.exists():
        return {}
    rows, short_rows = read_rows(path, ALIAS_COLUMNS)
    expected = "expected three non-empty fields: ministry,alias,canonical"
    problems, out = [Problem(p.path, p.line, expected) for p in short_rows], {}
    for line, row in rows:
        cells = [row[c] for c in ALIAS_COLUMNS]
        if not all(c.strip() for c in cells):
            problems.append(Problem(str(path), line, expected))
            continue
        ministry, alias, canonical = (c.strip() for c in cells)
        key = (ministry.casefold(), name_key(alias))
        if key in out and out[key] != name_key(canonical):
            problems.append(Problem(str(path), line, f"alias {alias!r} already maps to another plan"))
        out[key] = name_key(canonical)
    if problems:
        raise InputError(sorted(problems, key=lambda p: p.line))
    return out


def plan_key(ministry: str, name: str, aliases: Mapping[tuple[str, str], str] = {}) -> tuple[str, str]:
    """The key that identifies a plan across years: (ministry, canonical normalised name)."""
    key = name_key(name)
    return ministry.casefold(), aliases.get((ministry.casefold(), key), key)


@dataclass(frozen=True)
class Repeat:
    later: str
    earlier: str
    score: float


def vectorizer():
    """The character n-gram TF-IDF vectoriser (scikit-learn is imported only when needed)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(analyzer="char", ngram_range=NGRAMS, sublinear_tf=True,
                           preprocessor=lambda t: unicodedata.normalize("NFKC", t).casefold())


def similarities(items: list, aliases: Mapping[tuple[str, str], str] = {},
                 threshold: float | None = None) -> Iterator[tuple[int, int, float]]:
    """``(later, earlier, cosine)`` index pairs for every pair of the same plan in different years
    (with ``threshold``, only those scoring at least that), later then earlier in item order.

    The pairs of a plan are picked out of its block with numpy, not a Python loop over all of them:
    a plan in n documents has n^2 pairs (at 1000x ~10x the years of 100x; with 100x's
    recommendations put in ten times as many years, find_repeats took 4.7 s of CPU, not 5.0)."""
    groups = defaultdict(list)
    for i, it in enumerate(items):
        groups[plan_key(it.ministry, it.plan_name, aliases)].append(i)
    groups = {k: m for k, m in groups.items() if len({items[i].fiscal_year for i in m}) > 1}
    if not groups:  # one year per plan: nothing can repeat (and numpy is not imported for nothing)
        return
    import numpy as np

    matrix = vectorizer().fit_transform([it.text for it in items])   # rows are L2-normalised
    for _, members in sorted(groups.items()):
        block = (matrix[members] @ matrix[members].T).toarray()
        years = np.array([items[i].fiscal_year for i in members])
        pairs = years[None, :] < years[:, None]  # [a, b]: b of an earlier year than a
        if threshold is not None:
            pairs &= block >= threshold
        for a, b in zip(*np.nonzero(pairs)):  # row-major: the order of the loops they replace
            yield members[a], members[b], float(block[a, b])


def find_repeats(items: Iterable, aliases: Mapping[tuple[str, str], str] = {},
                 threshold: float = THRESHOLD) -> list[Repeat]:
    """For each recommendation, the earlier one it repeats (best match of the latest year), if any."""
    items = sorted(items, key=lambda it: it.iri)
    best: dict[int, tuple] = {}
    for i, j, score in similarities(items, aliases, threshold):
        if score >= threshold:
            rank = (items[j].fiscal_year, round(score, 9), items[j].iri)
            if i not in best or rank > best[i][0]:
                best[i] = (rank, j, score)
    return [Repeat(items[i].iri, items[j].iri, round(score, 4)) for i, (_, j, score) in sorted(best.items())]


def repeat_triples(repeats: Iterable[Repeat]) -> Iterator[ox.Triple]:
    """``<later> rg:repeats <earlier>`` for every repeat."""
    for r in repeats:
        yield ox.Triple(ox.NamedNode(r.later), ox.NamedNode(str(RG.repeats)), ox.NamedNode(r.earlier))


def plan_link_triples(plans: Iterable[tuple[str, str, str]], aliases: Mapping[tuple[str, str], str]) -> Iterator[ox.Triple]:
    """``<other plan> prov:alternateOf <plan under its canonical name>`` for plans of one ministry
    that the alias table (or name normalisation) makes one; ``plans`` are (IRI, ministry, name)."""
    by_key = defaultdict(set)
    for iri, ministry, name in plans:
        key = plan_key(ministry, name, aliases)
        by_key[key].add((name_key(name) != key[1], iri))      # the plan under its canonical name first
    for _, members in sorted(by_key.items()):
        (_, canonical), *others = sorted(members)
        for _, other in others:
            yield ox.Triple(ox.NamedNode(other), ox.NamedNode(PROV.alternateOf), ox.NamedNode(canonical))


def score(found: Iterable[Repeat], truth: set[tuple[str, str]]) -> dict[str, float]:
    """Precision and recall of found (later, earlier) links against true ones."""
    got = {(r.later, r.earlier) for r in found}
    tp = len(got & truth)
    return {"found": len(got), "true": len(truth), "correct": tp,
            "precision": tp / len(got) if got else 1.0, "recall": tp / len(truth) if truth else 1.0}

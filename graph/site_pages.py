"""Pure helpers of the static site: page paths that mirror IRIs, relative links, marked text,
the file names of the theme network pages (graph.html) the theme pages link to.

A page's path is its IRI minus the base (or minus ``https://w3id.org/recgraph/`` for the
vocabulary: themes, kinds) plus ``.html``: ``{base}report/moda/2025/plan/04/rec/1`` is
``report/moda/2025/plan/04/rec/1.html``.  Segments with characters other than letters and
digits (any script) and ``- . _ ~`` (what :func:`graph.iris.segment` leaves unencoded) are
replaced by a hash, so a hostile IRI never becomes a path outside the site.
"""

from __future__ import annotations

import functools
import hashlib
import re
from urllib.parse import quote

import recgraph.workers  # noqa: F401  (first: one BLAS thread, set before numpy loads OpenBLAS)
import numpy as np

from recgraph.iris import local_name

VOCAB_ROOT = "https://w3id.org/recgraph/"
def _segment(text: str) -> str:
    """A path segment kept as it is when it is what graph/iris.py keeps unencoded (letters and
    digits of any script, ``- . _ ~``), else a hash: never ``..``, a ``%`` or a reserved character."""
    plain = 0 < len(text) <= 120 and text[0].isalnum() and all(ch.isalnum() or ch in "-._~" for ch in text)
    return text if plain else "_" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


@functools.lru_cache(maxsize=1 << 16)
def page_path(iri: str, base: str) -> str:
    """The page of ``iri`` relative to the site root.

    >>> page_path("https://w3id.org/recgraph/id/report/moda/2025/plan/04/rec/1", "https://w3id.org/recgraph/id/")
    'report/moda/2025/plan/04/rec/1.html'
    >>> page_path("https://w3id.org/recgraph/theme/ai", "https://w3id.org/recgraph/id/")
    'theme/ai.html'
    >>> page_path("https://w3id.org/recgraph/id/agency/交通部MOTC", "https://w3id.org/recgraph/id/")
    'agency/交通部MOTC.html'
    >>> page_path("https://w3id.org/recgraph/id/plan/x/%3Cscript%3E", "https://w3id.org/recgraph/id/")
    'plan/x/_9502738b8a1d.html'
    """
    if iri.startswith(base):
        rel = iri[len(base):]
    elif iri.startswith(VOCAB_ROOT):
        rel = iri[len(VOCAB_ROOT):]
    else:
        rel = "other/" + hashlib.sha256(iri.encode("utf-8")).hexdigest()[:16]
    return "/".join(_segment(s) for s in rel.strip("/").split("/") if s) + ".html"


@functools.lru_cache(maxsize=1 << 16)
def url(iri: str, base: str) -> str:
    """The link to the page of ``iri`` relative to the site root (pages below the root name it in
    ``<base href>``), percent-encoded.

    >>> url("https://w3id.org/recgraph/id/agency/交通部MOTC", "https://w3id.org/recgraph/id/")
    'agency/%E4%BA%A4%E9%80%9A%E9%83%A8MOTC.html'
    """
    return quote(page_path(iri, base))


def href(from_page: str, to_page: str) -> str:
    """A relative link from one site page to another (both relative to the site root).

    >>> href("report/moda/2025/plan/04/rec/1.html", "agency/moda-adi.html")
    '../../../../../../agency/moda-adi.html'
    >>> href("index.html", "recommendations.html?agency=moda-adi")
    'recommendations.html?agency=moda-adi'
    >>> href("report/a/1.html", "report/a/1/rec/2.html"), href("theme/ai.html", "theme/index.html")
    ('1/rec/2.html', 'index.html')
    """
    path, _, query = to_page.partition("?")
    here, there = from_page.split("/")[:-1], path.split("/")
    common = 0
    while common < min(len(here), len(there) - 1) and here[common] == there[common]:
        common += 1
    rel = "../" * (len(here) - common) + "/".join(there[common:])
    return quote(rel) + ("?" + query if query else "")


def pieces(text: str, spans: list[dict], offset: int = 0) -> list[tuple[str, list[dict]]]:
    """``text`` cut at every span boundary: ``(piece, spans covering it)`` in order.

    Span offsets are relative to the start of the document ``text`` begins at ``offset`` of.

    >>> [(p, [s["type"] for s in c]) for p, c in pieces("abcdef", [{"start": 1, "end": 4, "type": "x"},
    ...                                                           {"start": 3, "end": 5, "type": "y"}])]
    [('a', []), ('bc', ['x']), ('d', ['x', 'y']), ('e', ['y']), ('f', [])]
    """
    inside = [s for s in spans if s["start"] < offset + len(text) and s["end"] > offset]
    cuts = sorted({0, len(text)} | {min(max(s[k] - offset, 0), len(text)) for s in inside for k in ("start", "end")})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        out.append((text[a:b], [s for s in inside if s["start"] - offset <= a and s["end"] - offset >= b]))
    return out


def shared_neighbours(sets: dict[str, set[str]], k: int = 20, block: int = 256) -> dict[str, list[tuple[str, list[str]]]]:
    """For each plan, up to ``k`` other plans sharing a theme: ``(plan, shared themes)``, most shared first
    (then by plan IRI).

    ``M @ M.T`` of the plans x themes matrix, ``block`` rows at a time (memory O(block x plans)),
    in float32 (BLAS; the counts, at most the themes, are exact) and each row's ``k`` best picked
    by ``argpartition``, not numpy's integer product (no BLAS) and a sort of every row: for 8,744
    plans (the 100x corpus's four times over) 1.4 s instead of 2.5 s.

    >>> shared_neighbours({"p1": {"a", "b"}, "p2": {"a", "b", "c"}, "p3": {"c"}})["p2"]
    [('p1', ['a', 'b']), ('p3', ['c'])]
    """
    plans = sorted(sets)
    n = len(plans)
    themes = sorted(set().union(*sets.values())) if sets else []
    col = {t: j for j, t in enumerate(themes)}
    rows = [i for i, p in enumerate(plans) for _ in sets[p]]
    cols = [col[t] for p in plans for t in sorted(sets[p])]
    m = np.zeros((n, len(themes)), dtype=np.float32)  # dense plans x themes: few themes, no scipy import
    m[rows, cols] = 1
    mt = np.ascontiguousarray(m.T)
    after = np.arange(n, dtype=np.int64)  # ties: the plan first in IRI order first
    out = {}
    for lo in range(0, n, block):
        counts = (m[lo:lo + block] @ mt).astype(np.int64)
        here = np.arange(counts.shape[0])
        counts[here, lo + here] = 0  # not its own neighbour
        key = counts * n - after  # > 0 exactly where a theme is shared; unique within a row
        if k < n:
            top = np.argpartition(key, n - k, axis=1)[:, n - k:]
        else:
            top = np.broadcast_to(after, key.shape)
        best = np.take_along_axis(key, top, axis=1)
        order = np.argsort(-best, axis=1)
        top, best = np.take_along_axis(top, order, axis=1), np.take_along_axis(best, order, axis=1)
        for r in here:
            mine = sets[plans[lo + r]]
            out[plans[lo + r]] = [(plans[j], sorted(mine & sets[plans[j]])) for j in top[r][best[r] > 0].tolist()]
    return out


def slug(text: str) -> str:
    """A file-name-safe form of a theme id: a theme's network page is ``theme-{slug}.html``
    (graph.html draws it; here so the site's workers link it without importing pyvis).

    >>> slug("https://w3id.org/recgraph/theme/b5g-6g")
    'b5g-6g'
    """
    return re.sub(r"[^a-z0-9-]+", "-", local_name(text).lower()).strip("-") or "theme"

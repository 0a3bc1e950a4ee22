"""Deterministic, readable IRIs for everything the build mints, under one base IRI.

One encoding rule, applied once, by :func:`segment` when a raw value becomes a path segment:
Unicode letters and digits and ``- . _ ~`` are kept as they are (IRIs allow them, RFC 3987
``iunreserved``); ``/`` and white space become ``-`` (a ``%2F`` in a path is refused by common web
servers); every other character is percent-encoded as UTF-8, once. Callers pass raw values to
:class:`Iris`, never pre-encoded ones.

>>> ids = Iris("https://example.org/")
>>> ids.evaluation("moda", 2025, 4)
'https://example.org/report/moda/2025/plan/04'
>>> ids.plan("moda", "5G/B5G數位通傳資源前瞻整備研究計畫")
'https://example.org/plan/moda/5G-B5G數位通傳資源前瞻整備研究計畫'
>>> ids.plan("moda", "智慧國家（第二期）")
'https://example.org/plan/moda/智慧國家%EF%BC%88第二期%EF%BC%89'
>>> derived_code("交通部 (MOTC)")
'交通部MOTC'
>>> ids.figure(ids.evaluation("moda", 2025, 4), 2, 1, 21, 35)
'https://example.org/report/moda/2025/plan/04/fig/p2-s1-21-35'
>>> recommendation_id("moda", 2025, 4, 2)
'moda-2025-P04-R2'
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from urllib.parse import quote

_KEEP = "-._~"


def local_name(iri: str) -> str:
    """The last path segment of an IRI.

    >>> local_name("https://w3id.org/recgraph/theme/agentic-ai")
    'agentic-ai'
    """
    return iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def segment(text: str) -> str:
    """One IRI path segment from a raw value (the module's one encoding rule)."""
    return "".join(ch if ch.isalnum() or ch in _KEEP else "-" if ch == "/" or ch.isspace() else quote(ch, safe="")
                   for ch in text)


def derived_code(name: str) -> str:
    """A code for an organisation the agency table does not know: the letters and digits of its name
    (so :func:`segment` leaves it as it is), or a hash of the name when it has none."""
    kept = "".join(ch for ch in name if ch.isalnum())
    return kept or "x-" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]


def serial_label(serial: int) -> str:
    return f"{serial:02d}"


def recommendation_id(ministry: str, fiscal_year: int, serial: int, index: int) -> str:
    """The identifier users type to refer to a recommendation (e.g. in status updates)."""
    return f"{ministry}-{fiscal_year}-P{serial_label(serial)}-R{index}"


@dataclass(frozen=True)
class Iris:
    """Mints instance IRIs under ``base`` (which must end in / or #)."""

    base: str

    def __post_init__(self):
        if not self.base.endswith(("/", "#")):
            raise ValueError(f"base IRI must end with '/' or '#': {self.base!r}")

    def report(self, ministry: str, fiscal_year: int) -> str:
        return f"{self.base}report/{segment(ministry)}/{fiscal_year}"

    def evaluation(self, ministry: str, fiscal_year: int, serial: int) -> str:
        return f"{self.report(ministry, fiscal_year)}/plan/{serial_label(serial)}"

    def plan(self, ministry: str, name: str) -> str:
        return f"{self.base}plan/{segment(ministry)}/{segment(name)}"

    def agency(self, code: str) -> str:
        return f"{self.base}agency/{segment(code)}"

    def concept(self, scheme: str, label: str) -> str:
        """A concept minted for a value no scheme knows (e.g. a new category)."""
        return f"{self.base}{scheme}/{segment(label)}"

    def figure(self, evaluation: str, paragraph: int, sentence: int, start: int, end: int) -> str:
        """A reported figure, keyed by where it was read (documents are pinned by checksum), never by
        its rank among the figures found, which changes with the rules."""
        return f"{evaluation}/fig/p{paragraph}-s{sentence}-{start}-{end}"

    def status(self, rec_id: str, n: int) -> str:
        return f"{self.base}status/{segment(rec_id)}/{n}"

    def reviewer(self, name: str) -> str:
        """The prov:Agent a theme review is attributed to (data/theme-reviews.csv)."""
        return f"{self.base}reviewer/{segment(name)}"

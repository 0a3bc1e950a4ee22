"""Deterministic, readable IRIs for everything the build mints, under one base IRI.

>>> ids = Iris("https://example.org/")
>>> ids.evaluation("moda", 2025, 4)
'https://example.org/report/moda/2025/plan/04'
>>> ids.plan("moda", "5G/B5G數位通傳資源前瞻整備研究計畫")
'https://example.org/plan/moda/5G%2FB5G數位通傳資源前瞻整備研究計畫'
>>> ids.figure(ids.evaluation("moda", 2025, 4), 2, 1, 21, 35)
'https://example.org/report/moda/2025/plan/04/fig/p2-s1-21-35'
>>> recommendation_id("moda", 2025, 4, 2)
'moda-2025-P04-R2'
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote


def segment(text: str) -> str:
    """One IRI path segment: letters and digits of any script kept, everything else %-encoded."""
    return "".join(ch if ch.isalnum() or ch in "-._~" else quote(ch, safe="") for ch in text)


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

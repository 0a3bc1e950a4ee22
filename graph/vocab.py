"""The ontology files and the SKOS concept schemes the build resolves values against.

>>> levels = load_scheme(ontology_path("control-levels.ttl"))
>>> levels.lookup("行政院列管").rsplit("/", 1)[-1]
'executive-yuan'
>>> levels.lookup("部會 管制").rsplit("/", 1)[-1]
'ministry'
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import RDF, SKOS


def ontology_dir() -> Path:
    """The ontology folder: shipped inside the wheel, or the checkout's ``ontology/``."""
    packaged = Path(str(resources.files("recgraph"))) / "ontology"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "ontology"


def ontology_path(name: str) -> Path:
    return ontology_dir() / name


def data_path(name: str) -> Path:
    """A curated table from ``data/`` (the wheel ships copies inside the package)."""
    packaged = Path(str(resources.files("recgraph"))) / "data" / name
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parent.parent / "data" / name


def label_key(label: str) -> str:
    """Fold a label before matching: full- and half-width forms (NFKC), spaces, 台/臺, Latin case.

    >>> label_key("科技計畫（前瞻）") == label_key("科技計畫(前瞻)") == label_key(" 科技 計畫(前瞻) ")
    True
    >>> label_key("ＡＩ 台灣")
    'ai臺灣'
    """
    label = re.sub(r"\s+", "", unicodedata.normalize("NFKC", label)).replace("台", "臺")
    return label.casefold()


@dataclass(frozen=True)
class Scheme:
    """A SKOS concept scheme indexed by every label of every concept."""

    iri: str
    labels: dict[str, str] = field(default_factory=dict)
    pref_labels: dict[str, dict[str, str]] = field(default_factory=dict)

    def lookup(self, label: str) -> str | None:
        """The IRI of the concept labelled ``label`` (pref, alt or hidden), or None."""
        return self.labels.get(label_key(label))

    def concept_name(self, label: str, lang: str = "zh-hant") -> str:
        """The preferred label of the concept ``label`` names; an unknown label folded by :func:`label_key`.

        Counting ``concept_name`` counts concepts, not the ways they were written.
        """
        iri = self.lookup(label)
        return self.pref_labels[iri].get(lang, label) if iri else label_key(label)


def read_turtle(path: str | Path) -> Graph:
    """A Turtle file parsed once per process while it is unchanged (the theme taxonomy and its scheme
    read the same file; the copy is shared, not to be modified)."""
    stat = os.stat(path)
    return _read_turtle(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=16)
def _read_turtle(path: str, mtime_ns: int, size: int) -> Graph:
    return Graph().parse(path, format="turtle")


@cache
def load_scheme(path: Path) -> Scheme:
    """Read the one ConceptScheme of a Turtle file."""
    g = read_turtle(path)
    schemes = sorted(str(s) for s in g.subjects(RDF.type, SKOS.ConceptScheme))
    if len(schemes) != 1:
        raise ValueError(f"{path}: expected one skos:ConceptScheme, found {len(schemes)}")
    scheme = Scheme(schemes[0])
    for concept in sorted(g.subjects(RDF.type, SKOS.Concept)):
        prefs = {}
        for prop in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
            for lit in g.objects(concept, prop):
                scheme.labels.setdefault(label_key(str(lit)), str(concept))
                if prop == SKOS.prefLabel:
                    prefs[(lit.language or "").lower()] = str(lit)
        scheme.pref_labels[str(concept)] = prefs
    return scheme

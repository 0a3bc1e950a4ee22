"""The status vocabularies: acceptance and implementation concepts of ``ontology/status.ttl`` and
their alignment to GAO and inspector-general terms, read from that file's data (see its header).

Status values are the ``skos:notation`` tokens (``accepted``, ``in-progress`` ...); any label of
the concept is accepted too (``已採納``, ``辦理中``).

>>> v = load_vocabulary()
>>> v.lookup("implementation", "辦理中") == IMPLEMENTATION + "in-progress"
True
>>> sorted(v.notation[c] for c in v.open_implementation)
['in-progress', 'open', 'partially-implemented']
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import RDF, SKOS

from recgraph.namespace import VOCAB
from recgraph.vocab import label_key, ontology_path

ACCEPTANCE = VOCAB + "acceptance/"
IMPLEMENTATION = VOCAB + "implementation/"
GAO = VOCAB + "gao-status/"
IG = VOCAB + "ig-status/"
PENDING = ACCEPTANCE + "pending-response"
OPEN = IMPLEMENTATION + "open"


@dataclass(frozen=True)
class Vocabulary:
    """The status concepts of ``ontology/status.ttl`` and their GAO / IG alignment."""

    schemes: dict[str, dict[str, str]]          # "acceptance"/"implementation" -> label key -> IRI
    notation: dict[str, str]                    # concept IRI -> token
    labels: dict[str, dict[str, str]]           # concept IRI -> language -> prefLabel
    gao: dict[str, str]                         # implementation IRI -> GAO concept IRI
    ig: dict[str, str]                          # acceptance or closing implementation IRI -> IG IRI

    @property
    def open_implementation(self) -> frozenset[str]:
        """Implementation statuses under which a recommendation is still open (GAO ``open``)."""
        return frozenset(c for c, g in self.gao.items() if g == GAO + "open")

    def lookup(self, dimension: str, value: str) -> str | None:
        """The concept IRI a token or label names in ``dimension``, or None; also a token with its
        zh-Hant label as the response template's drop-down lists write it (``accepted (同意採納)``)."""
        found = self.schemes[dimension].get(label_key(value))
        if found is None and value.endswith(")") and " (" in value:
            token, _, label = value[:-1].partition(" (")
            named = {self.schemes[dimension].get(label_key(x)) for x in (token, label)}
            found = named.pop() if len(named) == 1 else None
        return found

    def choice(self, concept: str) -> str:
        """A status as a drop-down list offers it: its token and its zh-Hant label, ``accepted (同意採納)``."""
        label = self.labels.get(concept, {}).get("zh-hant")
        return f"{self.notation[concept]} ({label})" if label else self.notation[concept]

    def ig_term(self, acceptance: str, implementation: str) -> str:
        """IG term: closed when the implementation status closes it, else by acceptance."""
        return self.ig.get(implementation) or self.ig[acceptance]


@cache
def load_vocabulary(path: Path | None = None) -> Vocabulary:
    """Read the acceptance and implementation schemes and their alignment."""
    g = Graph().parse(path or ontology_path("status.ttl"), format="turtle")
    schemes: dict[str, dict[str, str]] = {"acceptance": {}, "implementation": {}}
    notation, labels, gao, ig = {}, {}, {}, {}
    for concept in sorted(g.subjects(RDF.type, SKOS.Concept)):
        iri = str(concept)
        dimension = next((d for d, base in (("acceptance", ACCEPTANCE), ("implementation", IMPLEMENTATION))
                          if iri.startswith(base)), None)
        if dimension is None:
            notation[iri] = str(g.value(concept, SKOS.notation))
            labels[iri] = {(o.language or "").lower(): str(o) for o in g.objects(concept, SKOS.prefLabel)}
            continue
        token = str(g.value(concept, SKOS.notation))
        notation[iri] = token
        labels[iri] = {(o.language or "").lower(): str(o) for o in g.objects(concept, SKOS.prefLabel)}
        for value in [token, *g.objects(concept, SKOS.prefLabel), *g.objects(concept, SKOS.altLabel)]:
            schemes[dimension].setdefault(label_key(str(value)), iri)
        for match in sorted(str(m) for p in (SKOS.exactMatch, SKOS.broadMatch) for m in g.objects(concept, p)):
            if match.startswith(GAO):
                gao[iri] = match
            elif match.startswith(IG):
                ig[iri] = match
    return Vocabulary(schemes, notation, labels, gao, ig)

"""The ontology files: the closed namespace matches core.ttl; every term is defined in zh-Hant and en."""

import pytest
from rdflib import BNode, Graph
from rdflib.namespace import RDF, RDFS, SKOS

from recgraph.namespace import RG
from recgraph.vocab import ontology_dir

NS = str(RG._NS)


def terms_in(g: Graph) -> set[str]:
    return {str(s)[len(NS):] for s in g.subjects() if str(s).startswith(NS) and str(s) != NS}


def test_namespace_in_sync_with_core_ttl():
    g = Graph().parse(ontology_dir() / "core.ttl")
    assert terms_in(g) == set(RG.__annotations__)
    with pytest.raises(AttributeError):
        RG.Plann


def test_every_term_has_zh_and_en_label_and_definition():
    g = Graph().parse(ontology_dir() / "core.ttl")
    for term in sorted(terms_in(g)):
        s = RG[term]
        for prop in (RDFS.label, SKOS.definition):
            langs = {(o.language or "").lower() for o in g.objects(s, prop)}
            assert {"zh-hant", "en"} <= langs, f"{term} lacks {prop} in zh-Hant or en"


@pytest.mark.parametrize("path", sorted(p.name for p in ontology_dir().glob("*.ttl")))
def test_vocabulary_files_parse_and_have_no_blank_nodes(path):
    g = Graph().parse(ontology_dir() / path)
    assert len(g) > 0
    if path != "shapes.ttl":  # blank nodes would make graph.ttl differ from build to build
        assert not any(isinstance(x, BNode) for t in g for x in t)


@pytest.mark.parametrize("path", sorted(p.name for p in ontology_dir().glob("*.ttl") if p.name not in ("core.ttl", "shapes.ttl")))
def test_every_concept_labelled_in_zh_and_en(path):
    g = Graph().parse(ontology_dir() / path)
    for c in g.subjects(RDF.type, SKOS.Concept):
        langs = {(o.language or "").lower() for o in g.objects(c, SKOS.prefLabel)}
        assert {"zh-hant", "en"} <= langs, c


def test_header_names_version_licence_and_creator_and_every_term_its_ontology():
    from rdflib import URIRef
    from rdflib.namespace import DCTERMS, OWL
    g = Graph().parse(ontology_dir() / "core.ttl")
    onto = URIRef("https://w3id.org/recgraph/ns")
    assert (onto, RDF.type, OWL.Ontology) in g
    assert str(g.value(onto, OWL.versionIRI)).endswith("/" + str(g.value(onto, OWL.versionInfo)))
    assert g.value(onto, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert g.value(onto, DCTERMS.creator) is not None
    for term in sorted(terms_in(g)):
        assert g.value(RG[term], RDFS.isDefinedBy) == onto, term


def test_language_tags_are_bcp47_and_match_the_text():
    """Tags are BCP 47 zh-Hant or en; a label or scope note tagged en holds no Han characters (the 52
    scope notes were once @en); no label is an alternative label of two concepts of one scheme (AIoT
    was on theme:ai and theme:iot)."""
    import re
    han = re.compile(r"[\u4e00-\u9fff]")
    for path in sorted(ontology_dir().glob("*.ttl")):
        g = Graph().parse(path)
        for s, p, o in g:
            if getattr(o, "language", None):
                assert o.language in ("zh-Hant", "en"), (path.name, s, p, o)
                if o.language == "en" and p in (SKOS.scopeNote, RDFS.label, SKOS.prefLabel):
                    assert not han.search(o), (path.name, s, p, o)
        alt: dict = {}
        for c, label in g.subject_objects(SKOS.altLabel):
            for scheme in g.objects(c, SKOS.inScheme):
                alt.setdefault((scheme, str(label).lower()), set()).add(c)
        assert {k: v for k, v in alt.items() if len(v) > 1} == {}, path.name

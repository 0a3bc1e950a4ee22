"""out/void.ttl says what the dataset is, where it came from, under which licence and how to get it."""

from __future__ import annotations

import hashlib

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, XSD

from recgraph import void

VOID = Namespace("http://rdfs.org/ns/void#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
DS = URIRef("https://w3id.org/recgraph/id/dataset")
REPORT = URIRef("https://w3id.org/recgraph/id/report/moda/2025")


@pytest.fixture(scope="module")
def described(seed_out) -> Graph:
    return Graph().parse(seed_out / "void.ttl", format="turtle")


def test_dataset_is_void_and_dcat_with_titles_in_both_languages(described):
    assert {VOID.Dataset, DCAT.Dataset} <= set(described.objects(DS, RDF.type))
    for p in (DCTERMS.title, DCTERMS.description, DCTERMS.rights):
        assert {"zh-hant", "en"} == {o.language.lower() for o in described.objects(DS, p)}, p
    assert described.value(DS, DCTERMS.publisher) == URIRef("https://w3id.org/recgraph/")


def test_licences_of_data_ontology_and_sources_are_stated(described):
    assert described.value(DS, DCTERMS.license) == URIRef(void.CC_BY)
    assert described.value(REPORT, DCTERMS.license) == URIRef(void.OGDL_TW)
    rights = " ".join(described.objects(DS, DCTERMS.rights))
    assert "數位發展部" in rights and "ontology" in rights and "Open Government Data License" in rights


def test_source_documents_with_their_sha256(described, seed_path):
    assert list(described.objects(DS, DCTERMS.source)) == [REPORT]
    checksum = described.value(REPORT, SPDX.checksum)
    assert described.value(checksum, SPDX.algorithm) == SPDX.checksumAlgorithm_sha256
    value = described.value(checksum, SPDX.checksumValue)
    assert value.datatype == XSD.hexBinary
    assert str(value) == hashlib.sha256(seed_path.read_bytes()).hexdigest()


def test_counts_dates_and_examples_come_from_the_build(described, seed_out, seed_build):
    lines = (seed_out / "graph.nt").read_bytes().count(b"\n")
    assert described.value(DS, VOID.triples) == Literal(lines, datatype=XSD.integer) == \
        Literal(seed_build.triple_count, datatype=XSD.integer)
    assert described.value(DS, DCTERMS.created) == Literal("2026-11-26", datatype=XSD.date)  # retrieved, per manifest
    graph = Graph().parse(seed_out / "graph.nt", format="nt")
    examples = list(described.objects(DS, VOID.exampleResource))
    assert len(examples) == 3 and all((e, RDF.type, None) in graph for e in examples)
    assert described.value(DS, DCTERMS.language) == URIRef("http://id.loc.gov/vocabulary/iso639-1/zh")


def test_every_distribution_has_a_media_type_and_exists_in_out(described, seed_out):
    dists = list(described.objects(DS, DCAT.distribution))
    media = {str(described.value(d, DCAT.downloadURL)).rsplit("/", 1)[-1]:
             str(described.value(d, DCAT.mediaType)).removeprefix(void.IANA) for d in dists}
    assert media == {"graph.ttl": "text/turtle", "graph.nt": "application/n-triples",
                     "graph.jsonld": "application/ld+json", "recommendations.csv": "text/csv",
                     "figures.csv": "text/csv", "plan_themes.csv": "text/csv"}
    assert all((seed_out / name).is_file() for name in media)
    assert len(list(described.objects(DS, VOID.dataDump))) == 3


def test_same_build_same_bytes_and_an_endpoint_when_served(seed_build):
    assert void.describe(seed_build) == void.describe(seed_build)
    served = Graph().parse(data=void.describe(seed_build, endpoint="http://localhost:7878/query"), format="turtle")
    assert served.value(DS, VOID.sparqlEndpoint) == URIRef("http://localhost:7878/query")


def _resolve(path: str, accept: str = "text/html") -> str:
    """Where docs/w3id/.htaccess sends ``/recgraph/{path}`` (mod_rewrite, first matching rule)."""
    import re

    from conftest import ROOT
    conditions = []
    for line in (ROOT / "docs" / "w3id" / ".htaccess").read_text(encoding="utf-8").splitlines():
        if line.startswith("RewriteCond %{HTTP_ACCEPT} "):
            conditions.append(line.split()[2])
        elif line.startswith("RewriteRule "):
            _, pattern, target, _flags = line.split()
            ok = not conditions or any(re.search(c, accept) for c in conditions)
            conditions = []
            if ok and re.search(pattern, path):
                return re.sub(pattern, target.replace("$", "\\"), path)
    return ""


@pytest.mark.parametrize("path, accept, target", [
    ("id/report/moda/2025/plan/04", "text/html,application/xhtml+xml", "report/moda/2025/plan/04.html"),
    ("id/report/moda/2025/plan/04/rec/1", "text/html", "report/moda/2025/plan/04/rec/1.html"),
    ("id/report/moda/2025/plan/04", "text/turtle", "graph.ttl"),
    ("id/agency/moda-adi", "application/ld+json", "graph.jsonld"),
    ("theme/ai", "application/n-triples", "graph.nt"),
    ("theme/ai", "text/html", "theme/ai.html"),
    ("id/dataset", "text/html", "void.ttl"),
    ("data/figures.csv", "text/html", "figures.csv"),
])
def test_w3id_rules_send_browsers_to_the_page_and_rdf_clients_to_rdf(path, accept, target):
    assert _resolve(path, accept) == "https://recgraph.example.org/" + target

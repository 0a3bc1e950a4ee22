"""The dataset description (``out/void.ttl``): what the graph is, where it came from, under which
licence and how to get it, in VoID and DCAT.

Everything in it comes from the build's inputs (documents, checksums, dates) and its triple count,
never from the clock, so two builds of the same input write the same bytes.
"""

from __future__ import annotations

from typing import Iterator

import pyoxigraph as ox
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, VOID, XSD

from recgraph.namespace import SPDX, VOCAB
from recgraph.rdf import language_iri
from recgraph.serialize import PREFIXES, canonical

RDF_TYPE = RDF.type
IANA = "https://www.iana.org/assignments/media-types/"

CC_BY = "https://creativecommons.org/licenses/by/4.0/"
OGDL_TW = "https://data.gov.tw/license"
"""Open Government Data License, version 1.0 (Taiwan), the licence of the source documents."""
DATA_URL = VOCAB + "data/"
"""Where the published files are served (docs/w3id/.htaccess redirects it to the site)."""
PROJECT = VOCAB

# file -> (media type, English title, zh-Hant title); void:dataDump for the RDF ones
DISTRIBUTIONS = {
    "graph.ttl": ("text/turtle", "The graph in Turtle", "知識圖譜（Turtle）"),
    "graph.nt": ("application/n-triples", "The graph in N-Triples", "知識圖譜（N-Triples）"),
    "graph.jsonld": ("application/ld+json", "The graph in compact JSON-LD (context: context.jsonld)",
                     "知識圖譜（精簡 JSON-LD，context 見 context.jsonld）"),
    "recommendations.csv": ("text/csv", "Recommendations (CSV, UTF-8 with BOM)", "建議事項（CSV）"),
    "figures.csv": ("text/csv", "Reported figures (CSV, UTF-8 with BOM)", "績效數據（CSV）"),
    "plan_themes.csv": ("text/csv", "Plans and their technology themes (CSV, UTF-8 with BOM)", "計畫與技術主題（CSV）"),
}
VOCABULARIES = ("https://w3id.org/recgraph/ns#", "http://www.w3.org/2004/02/skos/core#", "http://www.w3.org/ns/org#",
                "http://www.w3.org/ns/prov#", "http://www.w3.org/ns/oa#", "http://purl.org/linked-data/cube#",
                "http://purl.org/dc/terms/")
TITLE = {"zh-Hant": "政府計畫評核建議追蹤知識圖譜", "en": "recgraph: recommendations of government plan evaluations"}
DESCRIPTION = {
    "zh-Hant": "由政府機關公布之個案計畫評核結果表衍生之知識圖譜：計畫、主辦機關、管制級別、評核意見（分段分句），"
               "以及自意見擷取之技術主題、建議事項、績效數據與機關，每一項均附原文出處（文件與字元位置）。",
    "en": "A knowledge graph derived from the plan evaluation results published by Taiwan government agencies: plans, "
          "lead agencies, control levels, the evaluators' opinions split into paragraphs and sentences, and the "
          "technology themes, recommendations, reported figures and agencies extracted from them, each with the exact "
          "span of source text it came from.",
}
RIGHTS = {
    "zh-Hant": "來源文件依「政府資料開放授權條款－第1版」提供（與 CC BY 4.0 相容）；衍生資料以 CC BY 4.0 授權，"
               "使用時請標示出處：「含{publishers}公布之評核結果」。本體與概念架構亦以 CC BY 4.0 授權。",
    "en": "Source documents: Open Government Data License, version 1.0 (Taiwan), compatible with CC BY 4.0. Derived "
          "data: CC BY 4.0; attribute as \"contains evaluation results published by {publishers}\". The ontology and "
          "concept schemes are also licensed CC BY 4.0.",
}


def N(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def L(value, datatype: str | None = None, lang: str | None = None) -> ox.Literal:
    if lang:
        return ox.Literal(str(value), language=lang)
    return ox.Literal(str(value), datatype=N(XSD[datatype])) if datatype else ox.Literal(str(value))


def created(reports) -> str:
    """The latest date the inputs carry (issued, else retrieved): a build date that needs no clock."""
    dates = [r.issued or r.retrieved for r in reports if r.issued or r.retrieved]
    return max(dates) if dates else f"{max(r.fiscal_year for r in reports)}-12-31"


def _triples(b, endpoint: str | None) -> Iterator[tuple]:
    from recgraph.iris import Iris

    iris, base = Iris(b.base), b.base
    ds = base + "dataset"
    report_iris = [iris.report(b.resolver.ministry_code(r.ministry), r.fiscal_year) for r in b.reports]
    publishers = "、".join(sorted({r.publisher or r.ministry for r in b.reports}))
    yield ds, RDF_TYPE, N(VOID.Dataset)
    yield ds, RDF_TYPE, N(DCAT.Dataset)
    for lang in ("zh-Hant", "en"):
        yield ds, DCTERMS.title, L(TITLE[lang], lang=lang)
        yield ds, DCTERMS.description, L(DESCRIPTION[lang], lang=lang)
        yield ds, DCTERMS.rights, L(RIGHTS[lang].format(publishers=publishers), lang=lang)
    yield ds, DCTERMS.publisher, N(PROJECT)
    yield ds, DCTERMS.creator, N(PROJECT)
    yield ds, DCTERMS.license, N(CC_BY)
    yield ds, DCTERMS.created, L(created(b.reports), "date")
    yield ds, DCTERMS.conformsTo, N("https://w3id.org/recgraph/ns")
    for lang in sorted({language_iri(r.language) for r in b.reports}):
        yield ds, DCTERMS.language, N(lang)
    yield ds, VOID.triples, L(b.triple_count, "integer")
    yield ds, VOID.documents, L(len(b.reports), "integer")
    yield ds, VOID.uriSpace, L(base)
    for v in VOCABULARIES:
        yield ds, VOID.vocabulary, N(v)
    for ex in _examples(b, iris, report_iris):
        yield ds, VOID.exampleResource, N(ex)
    if endpoint:
        yield ds, VOID.sparqlEndpoint, N(endpoint)
    yield PROJECT, RDF_TYPE, N(FOAF.Organization)
    yield PROJECT, FOAF.name, L("recgraph project", lang="en")
    yield PROJECT, FOAF.name, L("建議追蹤知識圖譜專案", lang="zh-Hant")
    yield PROJECT, FOAF.homepage, N(VOCAB)
    for report, iri in zip(b.reports, report_iris):
        yield from _source(ds, report, iri)
    for name, (media, title_en, title_zh) in DISTRIBUTIONS.items():
        dist, url = f"{ds}/{name}", DATA_URL + name
        yield ds, DCAT.distribution, N(dist)
        if name.startswith("graph."):
            yield ds, VOID.dataDump, N(url)
        yield dist, RDF_TYPE, N(DCAT.Distribution)
        yield dist, DCTERMS.title, L(title_en, lang="en")
        yield dist, DCTERMS.title, L(title_zh, lang="zh-Hant")
        yield dist, DCAT.downloadURL, N(url)
        yield dist, DCAT.mediaType, N(IANA + media)
        yield dist, DCTERMS.license, N(CC_BY)


def _examples(b, iris, report_iris) -> list[str]:
    out = list(report_iris[:1])
    if b.reports and b.reports[0].rows:
        report, row = b.reports[0], b.reports[0].rows[0]
        ministry = b.resolver.ministry_code(report.ministry)
        out += [iris.evaluation(ministry, report.fiscal_year, row.serial), iris.plan(ministry, row.name)]
    return out


def _source(ds: str, report, iri: str) -> Iterator[tuple]:
    """A source document: its report IRI, title, publisher, licence and SHA-256 checksum (SPDX)."""
    checksum = f"{iri}/checksum"
    yield ds, DCTERMS.source, N(iri)
    yield iri, DCTERMS.title, L(report.title, lang=report.language)
    yield iri, DCTERMS.license, N(OGDL_TW)
    yield iri, SPDX.checksum, N(checksum)
    yield checksum, RDF_TYPE, N(SPDX.Checksum)
    yield checksum, SPDX.algorithm, N(SPDX.checksumAlgorithm_sha256)
    yield checksum, SPDX.checksumValue, L(report.sha256, "hexBinary")
    if report.issued:
        yield iri, DCTERMS.issued, L(report.issued, "date")


def describe(b, endpoint: str | None = None) -> bytes:
    """``void.ttl`` for a build: a void:Dataset and dcat:Dataset (pure: the same build gives the same bytes)."""
    triples = canonical(ox.Triple(N(s), N(p), o) for s, p, o in _triples(b, endpoint))
    return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=_prefixes())


def _prefixes() -> dict[str, str]:
    return {**PREFIXES, "void": str(VOID), "dcat": str(DCAT), "foaf": str(FOAF), "spdx": str(SPDX)}


"""The project's own vocabulary, closed: a misspelt term raises instead of minting an IRI.

Kept in sync with ``ontology/core.ttl`` by ``tests/test_ontology.py``.
"""
from rdflib import URIRef
from rdflib.namespace import QB as _QB
from rdflib.namespace import DefinedNamespace, Namespace

VOCAB = "https://w3id.org/recgraph/"
"""Root of the fixed vocabulary IRIs (ontology, concept schemes)."""

DEFAULT_BASE = "https://w3id.org/recgraph/id/"
"""Default base IRI for instance data; every build can set its own."""


class RG(DefinedNamespace):
    """Classes and properties of ``ontology/core.ttl``."""

    _fail = True
    _NS = Namespace("https://w3id.org/recgraph/ns#")

    AgencyMention: URIRef
    Community: URIRef
    EvaluationReport: URIRef
    Evidence: URIRef
    FigureEvaluationComponent: URIRef
    FigureEvidenceComponent: URIRef
    FigureMetricComponent: URIRef
    FigureRoleComponent: URIRef
    FigureStructure: URIRef
    FigureUnitComponent: URIRef
    FigureValueComponent: URIRef
    Paragraph: URIRef
    Plan: URIRef
    PlanEvaluation: URIRef
    Recommendation: URIRef
    ReportedFigure: URIRef
    Sentence: URIRef
    StatusAssertion: URIRef
    TextSegment: URIRef
    ThemeMention: URIRef
    ThemeReview: URIRef
    acceptance: URIRef
    achievementRatio: URIRef
    approximate: URIRef
    addressedTo: URIRef
    asWritten: URIRef
    category: URIRef
    categoryAsWritten: URIRef
    comparator: URIRef
    concerns: URIRef
    controlLevel: URIRef
    controlLevelAsWritten: URIRef
    cue: URIRef
    date: URIRef
    decision: URIRef
    encoding: URIRef
    end: URIRef
    evaluates: URIRef
    evaluation: URIRef
    evidence: URIRef
    excludedContext: URIRef
    fiscalYear: URIRef
    generic: URIRef
    implementation: URIRef
    index: URIRef
    involvesAgency: URIRef
    issuedIn: URIRef
    kind: URIRef
    labelPattern: URIRef
    leadAgency: URIRef
    leadAgencyAsWritten: URIRef
    member: URIRef
    mentions: URIRef
    metric: URIRef
    nameAsWritten: URIRef
    nameSegment: URIRef
    openSince: URIRef
    opinionHtml: URIRef
    opinionText: URIRef
    ordinal: URIRef
    paragraph: URIRef
    planName: URIRef
    repeats: URIRef
    reportedBy: URIRef
    targetDate: URIRef
    retrieved: URIRef
    review: URIRef
    rocYear: URIRef
    role: URIRef
    roleRule: URIRef
    sentence: URIRef
    serial: URIRef
    sha256: URIRef
    sourceFile: URIRef
    sourceLine: URIRef
    start: URIRef
    statusOf: URIRef
    target: URIRef
    targetAsWritten: URIRef
    text: URIRef
    themeRole: URIRef
    truncated: URIRef
    unit: URIRef
    value: URIRef
    valueAsWritten: URIRef
    view: URIRef
    weakLabel: URIRef


THEME = Namespace(VOCAB + "theme/")
KIND = Namespace(VOCAB + "kind/")
ACCEPTANCE = Namespace(VOCAB + "acceptance/")
IMPLEMENTATION = Namespace(VOCAB + "implementation/")
QB = _QB  # rdflib's closed RDF Data Cube namespace


class OA(DefinedNamespace):
    """The Web Annotation terms the graph uses, closed like :class:`RG`."""

    _fail = True
    _NS = Namespace("http://www.w3.org/ns/oa#")

    SpecificResource: URIRef
    TextPositionSelector: URIRef
    TextQuoteSelector: URIRef
    end: URIRef
    exact: URIRef
    hasBody: URIRef
    hasSelector: URIRef
    hasSource: URIRef
    hasTarget: URIRef
    identifying: URIRef  # a motivation
    motivatedBy: URIRef
    prefix: URIRef
    start: URIRef
    suffix: URIRef
    tagging: URIRef  # a motivation


class SPDX(DefinedNamespace):
    """The SPDX terms of the dataset description's checksums (graph.void), closed."""

    _fail = True
    _NS = Namespace("http://spdx.org/rdf/terms#")

    Checksum: URIRef
    algorithm: URIRef
    checksum: URIRef
    checksumAlgorithm_sha256: URIRef
    checksumValue: URIRef

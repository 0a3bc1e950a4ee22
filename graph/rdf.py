"""Turn parsed reports and their extractions into RDF triples (pyoxigraph terms, no blank nodes).

Values as written are resolved against the agency table and the SKOS schemes; values that no
table knows are minted under the base IRI and recorded as warnings, never rejected.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

import pyoxigraph as ox
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, RDFS, SKOS, XSD

from recgraph.agencies import AgencyTable
from recgraph.iris import Iris, derived_code, recommendation_id, segment
from recgraph.model import Extraction, Report, Span
from recgraph.namespace import KIND, OA, QB, RG, THEME
from recgraph.vocab import Scheme, label_key

RDF_TYPE = ox.NamedNode(RDF.type)


_TERMS: dict[str, ox.NamedNode] = {}
"""Vocabulary terms (rdflib URIRefs: classes, properties, themes, kinds) made once: a document
names a few hundred of them ~40 times a triple's worth; minted IRIs (plain str) are not kept."""


def N(iri: str) -> ox.NamedNode:
    if type(iri) is str:
        return ox.NamedNode(iri)
    node = _TERMS.get(iri)
    if node is None:
        node = _TERMS[iri] = ox.NamedNode(str(iri))
    return node


_DATATYPES: dict[str, ox.NamedNode] = {}


def _datatype(name: str) -> ox.NamedNode:
    """The XSD datatype ``name`` (looked up once)."""
    node = _DATATYPES.get(name)
    if node is None:
        node = _DATATYPES[name] = N(XSD[name])
    return node


def lit(value, datatype: str = "string", lang: str | None = None) -> ox.Literal:
    if lang:
        return ox.Literal(str(value), language=lang)
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=_datatype("boolean"))
    return ox.Literal(str(value), datatype=_datatype(datatype))


def ministry_code(ministry: str, agencies: AgencyTable) -> str:
    """The agency-table code of a document's ministry, else one derived from its name."""
    found = agencies.resolve(ministry)
    return found.code if found else derived_code(ministry)


@dataclass
class Resolver:
    """Resolves as-written agency, control-level and category values; collects warnings."""

    iris: Iris
    agencies: AgencyTable
    control_levels: Scheme
    categories: Scheme
    used_agencies: set[str] = field(default_factory=set)
    unknown_agencies: dict[str, str] = field(default_factory=dict)
    minted_concepts: dict[str, tuple[str, str]] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)  # minted IRI -> the warning about its first use

    @property
    def warnings(self) -> list[str]:
        return list(self.notes.values())

    def found(self) -> tuple:
        """What this resolver met, for another resolver to :meth:`absorb` (e.g. from a worker process)."""
        return self.used_agencies, self.unknown_agencies, self.minted_concepts, self.notes

    def absorb(self, found: tuple) -> None:
        """Take in what another resolver met, as if it had resolved those values itself, after ours."""
        used, unknown, minted, notes = found
        self.used_agencies |= used
        for name, iri in unknown.items():
            self.unknown_agencies.setdefault(name, iri)
        for iri, value in minted.items():
            self.minted_concepts.setdefault(iri, value)
        for iri, note in notes.items():
            self.notes.setdefault(iri, note)

    def agency(self, name: str, where: str, ministry: str | None = None, year: int | None = None) -> str:
        """The IRI of the agency written ``name`` in a document of ``ministry`` (code) and fiscal ``year``."""
        found = self.agencies.resolve(name, ministry, year)
        if found:
            self.used_agencies.add(found.code)
            return self.iris.agency(found.code)
        iri = self.iris.agency(derived_code(name))
        self.notes.setdefault(iri, f"{where}: unknown agency {name!r} (not in the agency table); added as a new organisation")
        self.unknown_agencies[name] = iri
        return iri

    def ministry_code(self, ministry: str, where: str = "") -> str:
        """The ministry's code in the agency table, else one derived from its name (with a warning)."""
        code = ministry_code(ministry, self.agencies)
        if self.agencies.resolve(ministry):
            return code
        self.notes.setdefault(f"ministry:{code}", f"{where or ministry}: unknown ministry {ministry!r}; its IRIs use the "
                                                   f"code {code!r} derived from its name (add it to data/agencies.csv)")
        return code

    def concept(self, scheme: Scheme, kind: str, label: str, where: str) -> str:
        found = scheme.lookup(label)
        if found:
            return found
        iri = self.iris.concept(kind, label_key(label))  # 新類別（甲） and 新類別(甲) are one concept
        if iri not in self.minted_concepts:
            self.notes.setdefault(iri, f"{where}: unknown {kind.replace('-', ' ')} {label!r}; added to the {kind} scheme")
            self.minted_concepts[iri] = (scheme.iri, label)
        return iri


def _span_annotation(ann: str, cls: str, motivation: str, body: str, source: str, span: Span,
                     extra: Iterator[tuple[str, ox.Term]] = ()) -> Iterator[tuple]:
    target, quote, position = f"{ann}/target", f"{ann}/quote", f"{ann}/position"
    yield ann, RDF_TYPE, N(cls)
    yield ann, N(OA.motivatedBy), N(OA[motivation])
    yield ann, N(OA.hasBody), N(body)
    yield ann, N(OA.hasTarget), N(target)
    for p, o in extra:
        yield ann, N(p), o
    yield target, RDF_TYPE, N(OA.SpecificResource)
    yield target, N(OA.hasSource), N(source)
    yield target, N(OA.hasSelector), N(quote)
    yield target, N(OA.hasSelector), N(position)
    yield quote, RDF_TYPE, N(OA.TextQuoteSelector)
    yield quote, N(OA.exact), lit(span.exact)
    if span.prefix:
        yield quote, N(OA.prefix), lit(span.prefix)
    if span.suffix:
        yield quote, N(OA.suffix), lit(span.suffix)
    yield position, RDF_TYPE, N(OA.TextPositionSelector)
    yield position, N(OA.start), lit(span.start, "nonNegativeInteger")
    yield position, N(OA.end), lit(span.end, "nonNegativeInteger")


def language_iri(tag: str) -> str:
    """The Library of Congress ISO 639 IRI of a BCP 47 tag's language (dcterms:language wants a
    dcterms:LinguisticSystem, not a string); the full tag stays on the report's text literals.

    >>> language_iri("zh-Hant")
    'http://id.loc.gov/vocabulary/iso639-1/zh'
    """
    primary = tag.split("-", 1)[0].lower()
    return f"http://id.loc.gov/vocabulary/iso639-{1 if len(primary) == 2 else 2}/{primary}"


def open_since(report: Report) -> str:
    """The date recommendations count from: the report's issue date, else the end of its fiscal year."""
    return report.issued or f"{report.fiscal_year}-12-31"


def report_triples(report: Report, extractions: dict[int, Extraction], resolver: Resolver) -> Iterator[ox.Triple]:
    """Every triple about one report, its evaluations, their text and what was extracted."""
    last, node = None, None
    for s, p, o in _report(report, extractions, resolver):
        if s is not last:  # a subject's triples come together: its node made once for them
            last, node = s, N(s) if isinstance(s, str) else s
        yield ox.Triple(node, p, o)


def _report(report: Report, extractions: dict[int, Extraction], r: Resolver) -> Iterator[tuple]:
    iris = r.iris
    lang = report.language
    ministry = r.ministry_code(report.ministry, report.path)
    rep = iris.report(ministry, report.fiscal_year)
    yield rep, RDF_TYPE, N(RG.EvaluationReport)
    yield rep, N(DCTERMS.title), lit(report.title, lang=lang)
    yield rep, N(DCTERMS.publisher), N(r.agency(report.publisher or report.ministry, report.path))
    yield rep, N(RG.fiscalYear), lit(report.fiscal_year, "gYear")
    yield rep, N(RG.rocYear), lit(report.roc_year, "integer")
    yield rep, N(RG.sha256), lit(report.sha256)
    yield rep, N(RG.sourceFile), lit(report.path)
    yield rep, N(RG.encoding), lit(report.encoding)
    yield rep, N(DCTERMS.language), N(language_iri(lang))
    if report.retrieved:
        yield rep, N(RG.retrieved), lit(report.retrieved, "date")
    if report.issued:
        yield rep, N(DCTERMS.issued), lit(report.issued, "date")
    if report.origin:
        yield rep, N(DCTERMS.source), lit(report.origin)
    figures_set = f"{rep}/figures"
    yield figures_set, RDF_TYPE, N(QB.DataSet)
    yield figures_set, N(QB.structure), N(RG.FigureStructure)
    yield figures_set, N(DCTERMS.isPartOf), N(rep)

    for row in report.rows:
        where = f"{report.path}:{row.line}"
        ev = iris.evaluation(ministry, report.fiscal_year, row.serial)
        plan = iris.plan(ministry, row.name)
        lead = r.agency(row.agency, where, ministry, report.fiscal_year)
        yield plan, RDF_TYPE, N(RG.Plan)
        yield plan, N(RDFS.label), lit(row.name, lang=lang)
        yield ev, RDF_TYPE, N(RG.PlanEvaluation)
        yield ev, N(DCTERMS.isPartOf), N(rep)
        yield ev, N(RG.evaluates), N(plan)
        yield ev, N(RG.serial), lit(row.serial, "integer")
        yield ev, N(RG.sourceLine), lit(row.line, "integer")
        yield ev, N(RG.planName), lit(row.name, lang=lang)
        yield ev, N(RG.nameAsWritten), lit(row.name_as_written)
        yield ev, N(RG.leadAgency), N(lead)
        yield ev, N(RG.leadAgencyAsWritten), lit(row.agency_as_written)
        yield ev, N(RG.controlLevel), N(r.concept(r.control_levels, "control-level", row.control_level, where))
        yield ev, N(RG.controlLevelAsWritten), lit(row.control_level_as_written)
        yield ev, N(RG.category), N(r.concept(r.categories, "category", row.category, where))
        yield ev, N(RG.categoryAsWritten), lit(row.category_as_written)
        yield ev, N(RG.opinionText), lit(row.opinion, lang=lang)
        yield ev, N(RG.opinionHtml), lit(row.opinion_html)
        yield ev, N(RG.truncated), lit(row.truncated)
        name_seg = f"{ev}/name"
        yield ev, N(RG.nameSegment), N(name_seg)
        yield name_seg, RDF_TYPE, N(RG.TextSegment)
        yield name_seg, N(RG.text), lit(row.name, lang=lang)
        for para in row.paragraphs:
            p_iri = f"{ev}/p{para.index}"
            yield ev, N(RG.paragraph), N(p_iri)
            yield p_iri, RDF_TYPE, N(RG.Paragraph)
            yield p_iri, N(RG.index), lit(para.index, "integer")
            if para.ordinal:
                yield p_iri, N(RG.ordinal), lit(para.ordinal)
            yield p_iri, N(RG.text), lit(para.text, lang=lang)
            yield p_iri, N(RG.start), lit(para.start, "integer")
            yield p_iri, N(RG.end), lit(para.end, "integer")
            for sent in para.sentences:
                s_iri = f"{p_iri}/s{sent.index}"
                yield p_iri, N(RG.sentence), N(s_iri)
                yield s_iri, RDF_TYPE, N(RG.Sentence)
                yield s_iri, N(RG.index), lit(sent.index, "integer")
                yield s_iri, N(RG.text), lit(sent.text, lang=lang)
                yield s_iri, N(RG.start), lit(sent.start, "integer")
                yield s_iri, N(RG.end), lit(sent.end, "integer")
        ex = extractions.get(row.serial)
        if ex:
            yield from _extracted(ex, report, row, ev, plan, rep, lead, ministry, r)


def _source(ev: str, paragraph: int | None, sentence: int | None) -> str:
    return f"{ev}/name" if sentence is None else f"{ev}/p{paragraph}/s{sentence}"


def _extracted(ex: Extraction, report: Report, row, ev: str, plan: str, rep: str, lead: str,
               ministry: str, r: Resolver) -> Iterator[tuple]:
    lang, iris = report.language, r.iris
    for i, m in enumerate(ex.themes, start=1):
        ann = f"{ev}/theme/{i}"
        yield ev, N(RG.mentions), N(ann)
        if m.role == "subject":  # dcterms:subject means a subject link; passing and advice mentions stay annotations
            yield ev, N(DCTERMS.subject), N(THEME[m.theme])
            yield plan, N(DCTERMS.subject), N(THEME[m.theme])
        yield from _span_annotation(ann, RG.ThemeMention, "tagging", THEME[m.theme],
                                    _source(ev, m.paragraph, m.sentence), m.span,
                                    [(RG.evaluation, N(ev)), (RG.themeRole, lit(m.role)),
                                     (RG.roleRule, lit(m.reason))])
        yield from _theme_review(ann, m, r)
    for i, m in enumerate(ex.agencies, start=1):
        ann = f"{ev}/agency/{i}"
        agency = r.iris.agency(m.agency)
        r.used_agencies.add(m.agency)
        yield ev, N(RG.mentions), N(ann)
        yield ev, N(RG.involvesAgency), N(agency)
        yield from _span_annotation(ann, RG.AgencyMention, "identifying", agency,
                                    _source(ev, m.paragraph, m.sentence), m.span,
                                    [(RG.evaluation, N(ev))])
    since = open_since(report)
    for rec in ex.recommendations:
        rec_iri = f"{ev}/rec/{rec.index}"
        yield rec_iri, RDF_TYPE, N(RG.Recommendation)
        yield rec_iri, N(DCTERMS.identifier), lit(recommendation_id(ministry, report.fiscal_year, row.serial, rec.index))
        yield rec_iri, N(RG.text), lit(rec.text, lang=lang)
        yield rec_iri, N(RG.evaluation), N(ev)
        yield rec_iri, N(RG.concerns), N(plan)
        yield rec_iri, N(RG.issuedIn), N(rep)
        yield rec_iri, N(RG.openSince), lit(since, "date")
        yield rec_iri, N(RG.generic), lit(rec.generic)
        yield rec_iri, N(RG.truncated), lit(rec.truncated)
        for code in rec.addressed_to:
            r.used_agencies.add(code)
        for target in ([r.iris.agency(c) for c in rec.addressed_to] or [lead]):
            yield rec_iri, N(RG.addressedTo), N(target)
        for kind in rec.kinds:
            yield rec_iri, N(RG.kind), N(KIND[kind])
        for theme in rec.themes:
            yield rec_iri, N(DCTERMS.subject), N(THEME[theme])
        yield rec_iri, N(RG.evidence), N(f"{rec_iri}/evidence")
        yield from _span_annotation(f"{rec_iri}/evidence", RG.Evidence, "identifying", rec_iri,
                                    _source(ev, rec.paragraph, rec.sentence), rec.span)
    for fig in ex.figures:
        f_iri = iris.figure(ev, fig.paragraph, fig.sentence, fig.span.start, fig.span.end)
        yield f_iri, RDF_TYPE, N(RG.ReportedFigure)
        yield f_iri, RDF_TYPE, N(QB.Observation)
        yield f_iri, N(QB.dataSet), N(f"{rep}/figures")
        yield f_iri, N(RG.evaluation), N(ev)
        # a Data Cube dimension must have a value (IC-11): the unit names what was counted when
        # graph.figures found no phrase before or after the number
        yield f_iri, N(RG.metric), lit(fig.metric or fig.unit, lang=lang)
        yield f_iri, N(RG.value), lit(fig.value, "decimal")
        yield f_iri, N(RG.valueAsWritten), lit(fig.value_as_written)
        yield f_iri, N(RG.unit), lit(fig.unit)
        yield f_iri, N(RG.role), lit(fig.role)
        yield f_iri, N(RG.approximate), lit(fig.approximate)
        if fig.target is not None:
            yield f_iri, N(RG.target), lit(fig.target, "decimal")
            yield f_iri, N(RG.targetAsWritten), lit(fig.target_as_written)
        if fig.comparator:
            yield f_iri, N(RG.comparator), lit(fig.comparator)
        if fig.achievement_ratio is not None:
            yield f_iri, N(RG.achievementRatio), lit(fig.achievement_ratio, "decimal")
        yield f_iri, N(RG.evidence), N(f"{f_iri}/evidence")
        yield from _span_annotation(f"{f_iri}/evidence", RG.Evidence, "identifying", f_iri,
                                    _source(ev, fig.paragraph, fig.sentence), fig.span)


def _theme_review(ann: str, m, r: Resolver) -> Iterator[tuple]:
    """The reviewer's decision on a mention (data/theme-reviews.csv): a dated, attributed prov:Entity."""
    review = m.review
    if review is None:
        return
    node = f"{ann}/review"
    agent = r.iris.reviewer(review.reviewer)
    yield ann, N(RG.review), N(node)
    yield node, RDF_TYPE, N(RG.ThemeReview)
    yield node, RDF_TYPE, N(PROV.Entity)
    yield node, N(RG.decision), lit(review.decision)
    yield node, N(PROV.wasAttributedTo), N(agent)
    yield node, N(DCTERMS.date), lit(review.date, "date")
    yield node, N(PROV.wasDerivedFrom), N(ann)
    if review.note:
        yield node, N(RDFS.comment), lit(review.note)
    yield agent, RDF_TYPE, N(PROV.Agent)
    yield agent, N(RDFS.label), lit(review.reviewer)


def agency_triples(r: Resolver) -> Iterator[ox.Triple]:
    """Organisations used by the reports, with their parents up to the top of the table."""
    codes, todo = set(), list(r.used_agencies)
    while todo:
        code = todo.pop()
        agency = r.agencies.by_code(code)
        if code in codes or agency is None:
            continue
        codes.add(code)
        todo += [c for c in (agency.parent, agency.successor) if c]
    for code in sorted(codes):
        a = r.agencies.by_code(code)
        s = N(r.iris.agency(code))
        yield ox.Triple(s, RDF_TYPE, N(ORG.Organization))
        yield ox.Triple(s, N(DCTERMS.identifier), lit(code))
        yield ox.Triple(s, N(SKOS.prefLabel), lit(a.name_zh, lang="zh-Hant"))
        if a.name_en:
            yield ox.Triple(s, N(SKOS.prefLabel), lit(a.name_en, lang="en"))
        for short in a.short_forms:
            yield ox.Triple(s, N(SKOS.altLabel), lit(short, lang="zh-Hant"))
        if a.parent:
            yield ox.Triple(s, N(ORG.subOrganizationOf), N(r.iris.agency(a.parent)))
        if a.valid_from:
            yield ox.Triple(s, N(DCTERMS.created), lit(a.valid_from, "date"))
        if a.successor:
            yield ox.Triple(s, N(DCTERMS.isReplacedBy), N(r.iris.agency(a.successor)))
    for name, iri in sorted(r.unknown_agencies.items()):
        yield ox.Triple(N(iri), RDF_TYPE, N(ORG.Organization))
        yield ox.Triple(N(iri), N(SKOS.prefLabel), lit(name, lang="zh-Hant"))
    for iri, (scheme, label) in sorted(r.minted_concepts.items()):
        yield ox.Triple(N(iri), RDF_TYPE, N(SKOS.Concept))
        yield ox.Triple(N(iri), N(SKOS.inScheme), N(scheme))
        yield ox.Triple(N(iri), N(SKOS.prefLabel), lit(label, lang="zh-Hant"))

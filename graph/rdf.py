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


class _Nodes:
    """A namespace's terms as Oxigraph nodes, each made on its first use and a plain attribute
    from then on (``_rg.text`` is ``N(RG.text)`` without rdflib's checked lookup per triple)."""

    def __init__(self, namespace):
        self._namespace = namespace

    def __getattr__(self, name: str) -> ox.NamedNode:
        node = N(getattr(self._namespace, name))
        setattr(self, name, node)
        return node


_rg, _dct, _oa, _org, _prov, _qb, _rdfs, _skos = map(_Nodes, (RG, DCTERMS, OA, ORG, PROV, QB, RDFS, SKOS))


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
    yield ann, _oa.motivatedBy, N(OA[motivation])
    yield ann, _oa.hasBody, N(body)
    yield ann, _oa.hasTarget, N(target)
    for p, o in extra:
        yield ann, N(p), o
    yield target, RDF_TYPE, _oa.SpecificResource
    yield target, _oa.hasSource, N(source)
    yield target, _oa.hasSelector, N(quote)
    yield target, _oa.hasSelector, N(position)
    yield quote, RDF_TYPE, _oa.TextQuoteSelector
    yield quote, _oa.exact, lit(span.exact)
    if span.prefix:
        yield quote, _oa.prefix, lit(span.prefix)
    if span.suffix:
        yield quote, _oa.suffix, lit(span.suffix)
    yield position, RDF_TYPE, _oa.TextPositionSelector
    yield position, _oa.start, lit(span.start, "nonNegativeInteger")
    yield position, _oa.end, lit(span.end, "nonNegativeInteger")


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
    yield rep, RDF_TYPE, _rg.EvaluationReport
    yield rep, _dct.title, lit(report.title, lang=lang)
    yield rep, _dct.publisher, N(r.agency(report.publisher or report.ministry, report.path))
    yield rep, _rg.fiscalYear, lit(report.fiscal_year, "gYear")
    yield rep, _rg.rocYear, lit(report.roc_year, "integer")
    yield rep, _rg.sha256, lit(report.sha256)
    yield rep, _rg.sourceFile, lit(report.path)
    yield rep, _rg.encoding, lit(report.encoding)
    yield rep, _dct.language, N(language_iri(lang))
    if report.retrieved:
        yield rep, _rg.retrieved, lit(report.retrieved, "date")
    if report.issued:
        yield rep, _dct.issued, lit(report.issued, "date")
    if report.origin:
        yield rep, _dct.source, lit(report.origin)
    figures_set = f"{rep}/figures"
    yield figures_set, RDF_TYPE, _qb.DataSet
    yield figures_set, _qb.structure, _rg.FigureStructure
    yield figures_set, _dct.isPartOf, N(rep)

    for row in report.rows:
        where = f"{report.path}:{row.line}"
        ev = iris.evaluation(ministry, report.fiscal_year, row.serial)
        plan = iris.plan(ministry, row.name)
        lead = r.agency(row.agency, where, ministry, report.fiscal_year)
        yield plan, RDF_TYPE, _rg.Plan
        yield plan, _rdfs.label, lit(row.name, lang=lang)
        yield ev, RDF_TYPE, _rg.PlanEvaluation
        yield ev, _dct.isPartOf, N(rep)
        yield ev, _rg.evaluates, N(plan)
        yield ev, _rg.serial, lit(row.serial, "integer")
        yield ev, _rg.sourceLine, lit(row.line, "integer")
        yield ev, _rg.planName, lit(row.name, lang=lang)
        yield ev, _rg.nameAsWritten, lit(row.name_as_written)
        yield ev, _rg.leadAgency, N(lead)
        yield ev, _rg.leadAgencyAsWritten, lit(row.agency_as_written)
        yield ev, _rg.controlLevel, N(r.concept(r.control_levels, "control-level", row.control_level, where))
        yield ev, _rg.controlLevelAsWritten, lit(row.control_level_as_written)
        yield ev, _rg.category, N(r.concept(r.categories, "category", row.category, where))
        yield ev, _rg.categoryAsWritten, lit(row.category_as_written)
        yield ev, _rg.opinionText, lit(row.opinion, lang=lang)
        yield ev, _rg.opinionHtml, lit(row.opinion_html)
        yield ev, _rg.truncated, lit(row.truncated)
        name_seg = f"{ev}/name"
        yield ev, _rg.nameSegment, N(name_seg)
        yield name_seg, RDF_TYPE, _rg.TextSegment
        yield name_seg, _rg.text, lit(row.name, lang=lang)
        for para in row.paragraphs:
            p_iri = f"{ev}/p{para.index}"
            yield ev, _rg.paragraph, N(p_iri)
            yield p_iri, RDF_TYPE, _rg.Paragraph
            yield p_iri, _rg.index, lit(para.index, "integer")
            if para.ordinal:
                yield p_iri, _rg.ordinal, lit(para.ordinal)
            yield p_iri, _rg.text, lit(para.text, lang=lang)
            yield p_iri, _rg.start, lit(para.start, "integer")
            yield p_iri, _rg.end, lit(para.end, "integer")
            for sent in para.sentences:
                s_iri = f"{p_iri}/s{sent.index}"
                yield p_iri, _rg.sentence, N(s_iri)
                yield s_iri, RDF_TYPE, _rg.Sentence
                yield s_iri, _rg.index, lit(sent.index, "integer")
                yield s_iri, _rg.text, lit(sent.text, lang=lang)
                yield s_iri, _rg.start, lit(sent.start, "integer")
                yield s_iri, _rg.end, lit(sent.end, "integer")
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
        yield ev, _rg.mentions, N(ann)
        if m.role == "subject":  # dcterms:subject means a subject link; passing and advice mentions stay annotations
            yield ev, _dct.subject, N(THEME[m.theme])
            yield plan, _dct.subject, N(THEME[m.theme])
        yield from _span_annotation(ann, RG.ThemeMention, "tagging", THEME[m.theme],
                                    _source(ev, m.paragraph, m.sentence), m.span,
                                    [(RG.evaluation, N(ev)), (RG.themeRole, lit(m.role)),
                                     (RG.roleRule, lit(m.reason))])
        yield from _theme_review(ann, m, r)
    for i, m in enumerate(ex.agencies, start=1):
        ann = f"{ev}/agency/{i}"
        agency = r.iris.agency(m.agency)
        r.used_agencies.add(m.agency)
        yield ev, _rg.mentions, N(ann)
        yield ev, _rg.involvesAgency, N(agency)
        yield from _span_annotation(ann, RG.AgencyMention, "identifying", agency,
                                    _source(ev, m.paragraph, m.sentence), m.span,
                                    [(RG.evaluation, N(ev))])
    since = open_since(report)
    for rec in ex.recommendations:
        rec_iri = f"{ev}/rec/{rec.index}"
        yield rec_iri, RDF_TYPE, _rg.Recommendation
        yield rec_iri, _dct.identifier, lit(recommendation_id(ministry, report.fiscal_year, row.serial, rec.index))
        yield rec_iri, _rg.text, lit(rec.text, lang=lang)
        yield rec_iri, _rg.evaluation, N(ev)
        yield rec_iri, _rg.concerns, N(plan)
        yield rec_iri, _rg.issuedIn, N(rep)
        yield rec_iri, _rg.openSince, lit(since, "date")
        yield rec_iri, _rg.generic, lit(rec.generic)
        yield rec_iri, _rg.truncated, lit(rec.truncated)
        for code in rec.addressed_to:
            r.used_agencies.add(code)
        for target in ([r.iris.agency(c) for c in rec.addressed_to] or [lead]):
            yield rec_iri, _rg.addressedTo, N(target)
        for kind in rec.kinds:
            yield rec_iri, _rg.kind, N(KIND[kind])
        for theme in rec.themes:
            yield rec_iri, _dct.subject, N(THEME[theme])
        yield rec_iri, _rg.evidence, N(f"{rec_iri}/evidence")
        yield from _span_annotation(f"{rec_iri}/evidence", RG.Evidence, "identifying", rec_iri,
                                    f"{ev}/p{rec.paragraph}" if rec.through else _source(ev, rec.paragraph, rec.sentence),
                                    rec.span)  # a reason before ； with its advice: into the paragraph
    for fig in ex.figures:
        f_iri = iris.figure(ev, fig.paragraph, fig.sentence, fig.span.start, fig.span.end)
        yield f_iri, RDF_TYPE, _rg.ReportedFigure
        yield f_iri, RDF_TYPE, _qb.Observation
        yield f_iri, _qb.dataSet, N(f"{rep}/figures")
        yield f_iri, _rg.evaluation, N(ev)
        # a Data Cube dimension must have a value (IC-11): the unit names what was counted when
        # graph.figures found no phrase before or after the number
        yield f_iri, _rg.metric, lit(fig.metric or fig.unit, lang=lang)
        yield f_iri, _rg.value, lit(fig.value, "decimal")
        yield f_iri, _rg.valueAsWritten, lit(fig.value_as_written)
        yield f_iri, _rg.unit, lit(fig.unit)
        yield f_iri, _rg.role, lit(fig.role)
        yield f_iri, _rg.approximate, lit(fig.approximate)
        if fig.target is not None:
            yield f_iri, _rg.target, lit(fig.target, "decimal")
            yield f_iri, _rg.targetAsWritten, lit(fig.target_as_written)
        if fig.comparator:
            yield f_iri, _rg.comparator, lit(fig.comparator)
        if fig.achievement_ratio is not None:
            yield f_iri, _rg.achievementRatio, lit(fig.achievement_ratio, "decimal")
        yield f_iri, _rg.evidence, N(f"{f_iri}/evidence")
        yield from _span_annotation(f"{f_iri}/evidence", RG.Evidence, "identifying", f_iri,
                                    _source(ev, fig.paragraph, fig.sentence), fig.span)


def _theme_review(ann: str, m, r: Resolver) -> Iterator[tuple]:
    """The reviewer's decision on a mention (data/theme-reviews.csv): a dated, attributed prov:Entity."""
    review = m.review
    if review is None:
        return
    node = f"{ann}/review"
    agent = r.iris.reviewer(review.reviewer)
    yield ann, _rg.review, N(node)
    yield node, RDF_TYPE, _rg.ThemeReview
    yield node, RDF_TYPE, _prov.Entity
    yield node, _rg.decision, lit(review.decision)
    yield node, _prov.wasAttributedTo, N(agent)
    yield node, _dct.date, lit(review.date, "date")
    yield node, _prov.wasDerivedFrom, N(ann)
    if review.note:
        yield node, _rdfs.comment, lit(review.note)
    yield agent, RDF_TYPE, _prov.Agent
    yield agent, _rdfs.label, lit(review.reviewer)


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
        yield ox.Triple(s, RDF_TYPE, _org.Organization)
        yield ox.Triple(s, _dct.identifier, lit(code))
        yield ox.Triple(s, _skos.prefLabel, lit(a.name_zh, lang="zh-Hant"))
        if a.name_en:
            yield ox.Triple(s, _skos.prefLabel, lit(a.name_en, lang="en"))
        for short in a.short_forms:
            yield ox.Triple(s, _skos.altLabel, lit(short, lang="zh-Hant"))
        if a.parent:
            yield ox.Triple(s, _org.subOrganizationOf, N(r.iris.agency(a.parent)))
        if a.valid_from:
            yield ox.Triple(s, _dct.created, lit(a.valid_from, "date"))
        if a.successor:
            yield ox.Triple(s, _dct.isReplacedBy, N(r.iris.agency(a.successor)))
    for name, iri in sorted(r.unknown_agencies.items()):
        yield ox.Triple(N(iri), RDF_TYPE, _org.Organization)
        yield ox.Triple(N(iri), _skos.prefLabel, lit(name, lang="zh-Hant"))
    for iri, (scheme, label) in sorted(r.minted_concepts.items()):
        yield ox.Triple(N(iri), RDF_TYPE, _skos.Concept)
        yield ox.Triple(N(iri), _skos.inScheme, N(scheme))
        yield ox.Triple(N(iri), _skos.prefLabel, lit(label, lang="zh-Hant"))

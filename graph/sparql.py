"""Run SPARQL over a built graph: load it into an engine, bind parameters, format the answers.

Two engines answer the same queries with the same rows:

* ``"oxigraph"`` (default): an in-memory :class:`pyoxigraph.Store`, bulk-loaded; 20-50x faster
  than rdflib on the synthetic 4,100-plan graph.
* ``"rdflib"``: a plain :class:`rdflib.Graph` and rdflib's own SPARQL engine, the reference.

Parameters are *bound*, never pasted into the query text: Oxigraph's ``substitutions``
(SPARQL-dev SEP-0007) and rdflib's ``initBindings``.  Oxigraph only substitutes variables
that the ``SELECT`` clause projects, so a parameter must be projected; both engines enforce
this here, so a query that runs on one runs on the other.  Do not test a parameter with
``BOUND(?p)``: Oxigraph 0.5 evaluates it to false for a substituted variable; write
``COALESCE(?p, "") = ""`` for "no value given" (see ``tests/test_sparql.py``).

The query library is the ``graph/queries/*.rq`` files; each starts with a header::

    # title: Plans by theme
    # description: Plans whose themes are the given theme or narrower (skos:broader*).
    # param: theme iri - theme concept, e.g. theme:ai
    # param: ratio decimal - minimum result/target ratio (2)

``param`` lines read ``name type - meaning (default)``; the type is one of :data:`PARAM_TYPES`
(``string`` when left out) and a parameter without a trailing ``(default)`` is left unbound
unless given, which the library queries read as "any".

Answers are an :class:`Answers` of plain Python values: IRIs and strings as ``str`` (a language
tag is dropped; Oxigraph lower-cases tags anyway), integers as ``int``, decimals as
:class:`~decimal.Decimal`, doubles as ``float``, booleans as ``bool``, dates and other
datatypes as their lexical ``str``, unbound as ``None``.
"""

from __future__ import annotations

import datetime as _dt
import itertools
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from importlib import resources
from pathlib import Path
from typing import Any, Mapping

import pyoxigraph as ox
import rdflib
from pyparsing import ParseResults
from rdflib.namespace import XSD

from recgraph.loader import graph_format, load_store

ENGINES = ("oxigraph", "rdflib")
DEFAULT_ENGINE = "oxigraph"
PARAM_TYPES = ("iri", "string", "integer", "decimal", "boolean", "date")

_INTEGER_TYPES = {str(XSD[t]) for t in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "nonPositiveInteger", "negativeInteger", "unsignedInt", "unsignedLong", "unsignedShort",
    "unsignedByte")}
_FLOAT_TYPES = {str(XSD.double), str(XSD.float)}


class QueryError(Exception):
    """A query that cannot run: bad syntax, an unknown parameter or a bad parameter value.

    ``line`` and ``column`` (1-based) are set for syntax errors, from the engine's parser.
    """

    def __init__(self, message: str, line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


@dataclass(frozen=True)
class Param:
    """A declared query parameter."""

    name: str
    type: str = "string"
    description: str = ""
    default: str | None = None


@dataclass(frozen=True)
class QueryInfo:
    """A query of the library (or a user's file): its header and its text."""

    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    text: str
    path: str = ""

    @property
    def body(self) -> str:
        """The query without its comment header, for clients that sniff the query type from the
        text (SPARQLWrapper reads words like "ask" or "add" in comments as the query form)."""
        lines = self.text.splitlines()
        while lines and (lines[0].startswith("#") or not lines[0].strip()):
            lines.pop(0)
        return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Answers:
    """Query answers: column names and rows of plain Python values (``None`` when unbound)."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...] = field(default_factory=tuple)
    truncated: bool = False  # more rows than ``max_rows`` were found; only the first are kept

    def records(self) -> list[dict[str, Any]]:
        """Rows as dicts keyed by column name."""
        return [dict(zip(self.columns, row)) for row in self.rows]


# ---------------------------------------------------------------- the query library

_HEADER = re.compile(r"^#\s*(title|description|param)\s*:\s*(.*?)\s*$")
_PARAM = re.compile(r"^(?P<name>\w+)(?:\s+(?P<type>\w+))?\s*-\s*(?P<desc>.*?)(?:\s*\((?P<default>[^()]*)\))?$")


def parse_header(text: str, name: str = "", path: str = "") -> QueryInfo:
    """Read the ``# title/description/param`` comment header of a query.

    >>> q = parse_header("# title: T\\n# param: n integer - minimum count (2)\\nSELECT ?n {}", "x")
    >>> q.title, q.params[0]
    ('T', Param(name='n', type='integer', description='minimum count', default='2'))
    """
    title, description, params = "", [], []
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        m = _HEADER.match(line)
        if not m:
            continue
        key, value = m.groups()
        if key == "title":
            title = value
        elif key == "description":
            description.append(value)
        else:
            p = _PARAM.match(value)
            if not p or (p["type"] or "string") not in PARAM_TYPES:
                raise QueryError(f"{name or path}: bad param line {value!r}; expected 'name type - meaning (default)'")
            params.append(Param(p["name"], p["type"] or "string", p["desc"], p["default"]))
    return QueryInfo(name, title, " ".join(description), tuple(params), text, path)


def _library() -> Any:
    return resources.files("recgraph") / "queries"


def list_queries() -> list[QueryInfo]:
    """Every query of the shipped library, sorted by name."""
    found = [
        parse_header(f.read_text(encoding="utf-8"), f.name[:-3], str(f))
        for f in _library().iterdir() if f.name.endswith(".rq")
    ]
    return sorted(found, key=lambda q: q.name)


def load_query(name_or_path: str | Path) -> QueryInfo:
    """A library query by name (``plans-by-theme``), or a ``.rq`` file by path."""
    path = Path(name_or_path)
    if path.suffix == ".rq" or path.exists():
        if not path.is_file():
            raise QueryError(f"no such query file: {path}")
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as e:
            line = path.read_bytes()[:e.start].count(b"\n") + 1
            raise QueryError(f"{path}:{line}: not UTF-8 text (byte {e.object[e.start]:#04x}); "
                             "save the query as UTF-8", line) from None
        return parse_header(text, path.stem, str(path))
    f = _library() / f"{name_or_path}.rq"
    if not f.is_file():
        names = ", ".join(q.name for q in list_queries())
        raise QueryError(f"no query named {name_or_path!r}; the library has: {names}")
    return parse_header(f.read_text(encoding="utf-8"), str(name_or_path), str(f))


# ---------------------------------------------------------------- parameters

_PREFIX = re.compile(r"PREFIX\s+([\w.-]*):\s*<([^>]*)>", re.IGNORECASE)


def query_prefixes(text: str) -> dict[str, str]:
    """The ``PREFIX`` declarations of a query, used to expand ``theme:ai``-style parameter values."""
    return {p: iri for p, iri in _PREFIX.findall(text)}


def parse_value(value: str, type_: str = "string", prefixes: Mapping[str, str] | None = None) -> rdflib.term.Identifier:
    """Turn a command-line parameter value into an RDF term of the declared type.

    ``iri`` values may be ``<...>``, an absolute IRI, or a prefixed name using the query's prefixes.

    >>> parse_value("theme:ai", "iri", {"theme": "https://w3id.org/recgraph/theme/"})
    rdflib.term.URIRef('https://w3id.org/recgraph/theme/ai')
    >>> parse_value("2.5", "decimal")
    rdflib.term.Literal('2.5', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#decimal'))
    """
    try:
        if type_ == "iri":
            return rdflib.URIRef(_iri(value, prefixes))
        if type_ == "integer":
            if not _INTEGER.fullmatch(value.strip()):
                raise ValueError(f"expected a whole number of at most {MAX_DIGITS} digits, such as 2")
            return rdflib.Literal(str(int(value)), datatype=XSD.integer)
        if type_ == "decimal":
            if not _DECIMAL.fullmatch(value.strip()):  # refuses NaN, Infinity and 1e999999999
                raise ValueError(f"expected a plain decimal number of at most {MAX_DIGITS} digits, such as 2 or 0.5")
            return rdflib.Literal(str(Decimal(value.strip())), datatype=XSD.decimal)
        if type_ == "boolean":
            if value.lower() not in ("true", "false", "1", "0"):
                raise ValueError("expected true or false")
            return rdflib.Literal(value.lower() in ("true", "1"))
        if type_ == "date":
            return rdflib.Literal(_dt.date.fromisoformat(value).isoformat(), datatype=XSD.date)
        if type_ == "string":
            return rdflib.Literal(value)
    except (ValueError, InvalidOperation) as e:
        raise QueryError(f"bad {type_} value {value!r}: {e}") from None
    raise QueryError(f"unknown parameter type {type_!r}")


MAX_DIGITS = 40
_INTEGER = re.compile(r"[+-]?\d{1,%d}" % MAX_DIGITS)
_DECIMAL = re.compile(r"[+-]?(?=[\d.]{1,%d}$)(\d+(\.\d*)?|\.\d+)" % (MAX_DIGITS + 1))
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*")


def _iri(value: str, prefixes: Mapping[str, str] | None) -> str:
    """An absolute IRI from ``<...>``, an absolute IRI or a prefixed name, checked by Oxigraph's IRI parser."""
    prefix, sep, local = value.partition(":")
    if value.startswith("<") and value.endswith(">"):
        iri = value[1:-1]
    elif sep and prefixes and prefix in prefixes:
        iri = prefixes[prefix] + local
    elif sep and _SCHEME.fullmatch(prefix):
        iri = value
    else:
        raise ValueError("not an IRI or a prefixed name declared in the query")
    ox.NamedNode(iri)  # raises ValueError for spaces, quotes, brackets and relative IRIs
    return iri


def resolve_params(query: QueryInfo, given: Mapping[str, str]) -> dict[str, rdflib.term.Identifier]:
    """Bindings for a query from ``name=value`` strings plus the header's defaults.

    Names not declared in the header are refused; a file without a header takes any name as a
    string (``iri`` when written ``<...>``).
    """
    declared = {p.name: p for p in query.params}
    prefixes = query_prefixes(query.text)
    out: dict[str, rdflib.term.Identifier] = {}
    for p in query.params:
        if p.default is not None and p.name not in given:
            out[p.name] = parse_value(p.default, p.type, prefixes)
    for name, value in given.items():
        if declared and name not in declared:
            raise QueryError(f"query {query.name!r} has no parameter {name!r}; it has: {', '.join(declared)}")
        type_ = declared[name].type if name in declared else ("iri" if value.startswith("<") else "string")
        out[name] = parse_value(value, type_, prefixes)
    return out


def _to_rdflib(value: Any) -> rdflib.term.Identifier:
    if isinstance(value, rdflib.term.Identifier):
        return value
    if isinstance(value, Decimal):
        return rdflib.Literal(str(value), datatype=XSD.decimal)
    return rdflib.Literal(value)


def _to_ox(term: rdflib.term.Identifier) -> Any:
    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or XSD.string)))


# ---------------------------------------------------------------- engines

def load_graph(path: str | Path, engine: str = DEFAULT_ENGINE) -> Any:
    """Load a Turtle / N-Triples (or any format known by extension) file into an engine.

    Returns a :class:`pyoxigraph.Store` (``"oxigraph"``, bulk-loaded in memory) or an
    :class:`rdflib.Graph` (``"rdflib"``); pass it to :func:`run_query`.  A missing, folder or
    garbled file raises the loader's InputError naming it (rdflib's parse errors: QueryError).
    """
    path = Path(path)
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    if engine == "oxigraph":
        return load_store(path)
    graph_format(path)  # a missing, folder or unknown file gets the loader's message
    try:
        return rdflib.Graph().parse(str(path), format=rdflib.util.guess_format(str(path)) or "turtle")
    except (SyntaxError, ValueError, UnicodeDecodeError) as e:  # what rdflib's parsers raise for a bad file
        raise QueryError(f"{path}: not a readable RDF graph ({str(e).splitlines()[0][:300]}); "
                         "rebuild it with `recgraph build`") from None


def run_query(engine: Any, query_text: str, bindings: Mapping[str, Any] | None = None, *,
              allow_service: bool = False, max_rows: int | None = None) -> Answers:
    """Run a query on a loaded engine with bound parameters; answers as :class:`Answers`.

    ``bindings`` maps variable names (no ``?``) to rdflib terms or plain Python values (a
    ``str`` is a string literal; pass :class:`rdflib.URIRef` for an IRI).  SELECT gives its
    projected columns, ASK one ``ask`` column, CONSTRUCT/DESCRIBE ``subject, predicate, object``.
    A query with a ``SERVICE`` clause is refused unless ``allow_service`` (both engines would
    send requests to the address it names).  With ``max_rows`` at most that many rows are kept
    and ``truncated`` tells whether there were more.
    Raises :class:`QueryError` for bad syntax (with line and column), SERVICE or unprojected parameters.
    """
    if not allow_service:
        refuse_service(query_text)
    terms = {k.lstrip("?$"): _to_rdflib(v) for k, v in (bindings or {}).items()}
    if isinstance(engine, ox.Store):
        return _run_oxigraph(engine, query_text, terms, max_rows)
    if isinstance(engine, rdflib.Graph):
        return _run_rdflib(engine, query_text, terms, max_rows)
    raise TypeError(f"not a loaded engine: {type(engine).__name__}")


SERVICE_REFUSED = ("the query has a SERVICE clause, which makes the engine send requests to the address it "
                   "names; recgraph refuses it (pass --allow-service to run it anyway, only for queries you trust)")


def refuse_service(text: str, update: bool = False) -> None:
    """Raise :class:`QueryError` if a query (or an update) has a ``SERVICE`` clause.

    The word cannot hide: codepoint escapes (``\\u0045``) are expanded first, as both engines do
    before parsing.  A text without the word passes without parsing; one with it is parsed with
    rdflib's parser and refused if a SERVICE pattern is found or the text cannot be parsed.

    >>> refuse_service('SELECT * { ?s ?p "service" }')
    >>> refuse_service('SELECT * { SERVIC\\u0045 <http://127.0.0.1/> { ?s ?p ?o } }')  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    QueryError: the query has a SERVICE clause, which makes the engine send requests to the address it names
    """
    from rdflib.plugins.sparql.parser import expandUnicodeEscapes, parseQuery, parseUpdate

    if "service" not in expandUnicodeEscapes(text).lower():
        return
    try:
        tree = (parseUpdate if update else parseQuery)(text)
    except Exception:  # pyparsing's errors and rdflib's own for e.g. undeclared prefixes
        raise QueryError("the query mentions SERVICE and could not be parsed to check it; "
                         "recgraph refuses it (pass --allow-service to run it anyway)") from None
    if _has_service(tree):
        raise QueryError(SERVICE_REFUSED)


def _has_service(node: Any) -> bool:
    if getattr(node, "name", None) == "ServiceGraphPattern":
        return True
    if isinstance(node, (list, tuple, ParseResults)):  # before Mapping: ParseResults is registered as one
        return any(_has_service(v) for v in node)
    if isinstance(node, Mapping):
        return any(_has_service(v) for v in node.values())
    return False


_OX_POSITION = re.compile(r"error at (\d+):(\d+)")


def _first(rows: Any, max_rows: int | None) -> tuple[tuple, bool]:
    """The first ``max_rows`` rows of an iterator (all without a cap), and whether more were left."""
    if max_rows is None:
        return tuple(rows), False
    kept = tuple(itertools.islice(rows, max_rows + 1))
    return kept[:max_rows], len(kept) > max_rows


def _run_oxigraph(store: ox.Store, text: str, terms: dict[str, Any], max_rows: int | None = None) -> Answers:
    subs = {ox.Variable(k): _to_ox(v) for k, v in terms.items()}
    try:
        result = store.query(text, substitutions=subs or None)
    except SyntaxError as e:
        m = _OX_POSITION.search(str(e))
        line, col = (int(m[1]), int(m[2])) if m else (None, None)
        raise QueryError(f"SPARQL syntax error: {e}", line, col) from None
    except RuntimeError as e:
        if "projection" in str(e):
            raise QueryError(f"{e}: a bound parameter must appear in the SELECT clause") from None
        raise
    if isinstance(result, ox.QueryBoolean):
        return Answers(("ask",), ((bool(result),),))
    if isinstance(result, ox.QueryTriples):
        rows = (tuple(_plain_ox(t) for t in (tr.subject, tr.predicate, tr.object)) for tr in result)
        return Answers(("subject", "predicate", "object"), *_first(rows, max_rows))
    columns = tuple(v.value for v in result.variables)
    # a solution iterates its values in the order of result.variables: no lookup by name per cell
    return Answers(columns, *_first((tuple(map(_plain_ox, sol)) for sol in result), max_rows))


def _run_rdflib(graph: rdflib.Graph, text: str, terms: dict[str, Any], max_rows: int | None = None) -> Answers:
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql import prepareQuery

    try:
        prepared = prepareQuery(text)
    except ParseBaseException as e:
        raise QueryError(f"SPARQL syntax error at {e.lineno}:{e.col}: {e.msg}\n{e.line}", e.lineno, e.col) from None
    except Exception as e:  # rdflib raises plain exceptions for e.g. undeclared prefixes
        raise QueryError(f"SPARQL error: {e}") from None
    projected = {str(v) for v in prepared.algebra.get("PV") or ()}
    if prepared.algebra.name == "SelectQuery":
        missing = sorted(set(terms) - projected)
        if missing:
            raise QueryError(f"The SPARQL query does not contain variable ?{missing[0]} in its SELECT projection: "
                             "a bound parameter must appear in the SELECT clause")
    result = graph.query(prepared, initBindings={rdflib.Variable(k): v for k, v in terms.items()})
    if result.type == "ASK":
        return Answers(("ask",), ((bool(result.askAnswer),),))
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        rows = (tuple(_plain_rdflib(t) for t in tr) for tr in sorted(result.graph))
        return Answers(("subject", "predicate", "object"), *_first(rows, max_rows))
    columns = tuple(str(v) for v in result.vars)
    return Answers(columns, *_first((tuple(_plain_rdflib(row[c]) for c in columns) for row in result), max_rows))


_XSD_DECIMAL, _XSD_BOOLEAN = str(XSD.decimal), str(XSD.boolean)  # once: rdflib's namespace lookup is slow per cell


def _plain_literal(lexical: str, datatype: str | None) -> Any:
    try:
        if datatype in _INTEGER_TYPES:
            return int(lexical)
        if datatype == _XSD_DECIMAL:  # canonical form, so both engines print 3 rather than 3.0
            d = Decimal(lexical)
            return d.quantize(Decimal(1)) if d == d.to_integral_value() else d.normalize()
        if datatype in _FLOAT_TYPES:
            return float(lexical)
        if datatype == _XSD_BOOLEAN:
            return lexical.strip() in ("true", "1")
    except (ValueError, InvalidOperation):
        pass
    return lexical


_OX_NAMED_NODE, _OX_LITERAL = ox.NamedNode, ox.Literal
_OX_PLAIN_TYPES = frozenset({ox.NamedNode(str(XSD.string)),
                             ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#langString")})


def _plain_ox(term: Any) -> Any:
    # called once per cell of an answer (10^5-10^6 at 100x): IRIs and strings, the common cases, first
    cls = type(term)
    if cls is _OX_NAMED_NODE:
        return term.value
    if cls is _OX_LITERAL:
        datatype = term.datatype
        if datatype in _OX_PLAIN_TYPES:
            return term.value
        return _plain_literal(term.value, datatype.value if datatype else None)
    if term is None:
        return None
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def _plain_rdflib(term: Any) -> Any:
    if term is None:
        return None
    if isinstance(term, rdflib.Literal):
        return _plain_literal(str(term), str(term.datatype) if term.datatype else None)
    if isinstance(term, rdflib.BNode):
        return f"_:{term}"
    return str(term)


# ---------------------------------------------------------------- formatting

FORMATS = ("table", "csv", "tsv", "json")
_TERMINAL_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # line breaks and terminal escape sequences


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _width(text: str) -> int:
    """Columns a string takes in a terminal: East Asian wide and full-width characters take two,
    combining marks none."""
    import unicodedata

    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def format_answers(answers: Answers, fmt: str = "table") -> str:
    """Render answers as ``table`` (aligned text), ``csv``, ``tsv`` or ``json``.

    ``json`` is a list of records, one object per row keyed by column, with numbers as JSON
    numbers, booleans as JSON booleans and unbound cells as ``null`` (plain values, not the W3C
    SPARQL-results format: ``serve`` gives that).  ``csv`` is the project's one dialect
    (:func:`recgraph.csvfile.to_csv_text`: CRLF, formula-looking cells neutralised, control
    characters dropped); ``tsv`` has the same cells with tabs and newlines written as ``\\t`` and
    ``\\n``.  ``table`` aligns columns by display width (a CJK character takes two columns).

    >>> t = Answers(("plan", "n"), (("5G", 2), ("資安", None)))
    >>> print(format_answers(t, "csv").replace("\\r", ""), end="")
    plan,n
    5G,2
    資安,
    >>> print(format_answers(t))
    plan | n
    -----+--
    5G   | 2
    資安 |
    (2 rows)
    """
    import json

    from recgraph.csvfile import safe_cell, to_csv_text

    if fmt == "json":
        return json.dumps([{c: _json_value(v) for c, v in zip(answers.columns, row)} for row in answers.rows],
                          ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return to_csv_text(answers.columns, [[_cell(v) for v in row] for row in answers.rows])
    if fmt == "tsv":  # tab-separated values: escape what would break a line or a column
        lines = ["\t".join(_tsv(safe_cell(c)) for c in answers.columns)]
        lines += ["\t".join(_tsv(safe_cell(_cell(v))) for v in row) for row in answers.rows]
        return "\n".join(lines) + "\n"
    if fmt != "table":
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    cells = [list(answers.columns)] + [[_TERMINAL_UNSAFE.sub(" ", _cell(v)) for v in row] for row in answers.rows]
    widths = [max(_width(r[i]) for r in cells) for i in range(len(answers.columns))]

    def line(r: list[str]) -> str:
        return " | ".join(c + " " * (w - _width(c)) for c, w in zip(r, widths)).rstrip()

    out = [line(cells[0]), "-+-".join("-" * w for w in widths)] + [line(r) for r in cells[1:]]
    out.append(f"({len(answers.rows)} row{'s' if len(answers.rows) != 1 else ''})")
    return "\n".join(out)


def _tsv(cell: str) -> str:
    return cell.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")

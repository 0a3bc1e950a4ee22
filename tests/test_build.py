"""End-to-end build of the seed: outputs, determinism, several years, bad input, warnings."""

import json
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph

from recgraph.outputs import render
from recgraph.pipeline import build
from recgraph.cli import main
from recgraph.model import InputError
from recgraph.serialize import to_store

from conftest import ROOT, SEED


def query(path, q):
    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)
    return list(store.query(q))


def test_outputs_and_summary(seed_out):
    assert {p.name for p in seed_out.iterdir()} >= {"graph.ttl", "graph.nt", "graph.jsonld", "summary.json"}
    s = json.loads((seed_out / "summary.json").read_text(encoding="utf-8"))
    assert (s["plans"], s["evaluations"], s["paragraphs"], s["truncated_opinions"]) == (41, 41, 84, 3)
    assert s["categories"] == {"一般科技": 23, "公共建設": 6, "社會發展": 3, "科技計畫(前瞻)": 9}
    assert s["warnings"] == []


def test_second_parser_reads_same_triples(seed_out, seed_build):
    store = ox.Store()
    store.bulk_load(path=str(seed_out / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    assert len(store) == len(seed_build.triples)
    assert len(Graph().parse(seed_out / "graph.nt", format="nt")) == len(seed_build.triples)
    assert len(Graph().parse(seed_out / "graph.jsonld", format="json-ld")) == len(seed_build.triples)


def test_graph_answers_hand_checked_questions(seed_out):
    rows = query(seed_out / "graph.ttl", """
        PREFIX rg: <https://w3id.org/recgraph/ns#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        PREFIX org: <http://www.w3.org/ns/org#>
        SELECT ?code (COUNT(?e) AS ?n) WHERE {
          ?e rg:leadAgency ?a . ?a <http://purl.org/dc/terms/identifier> ?code ;
             org:subOrganizationOf/<http://purl.org/dc/terms/identifier> "moda" }
        GROUP BY ?code ORDER BY ?code""")
    assert {r["code"].value: int(r["n"].value) for r in rows} == {
        "moda-acs": 5, "moda-adi": 21, "moda-dccr": 5, "moda-ddg": 3, "moda-ddi": 1,
        "moda-ddia": 2, "moda-dds": 1, "moda-drm": 3}
    levels = query(seed_out / "graph.ttl", """
        PREFIX rg: <https://w3id.org/recgraph/ns#>
        SELECT ?l (COUNT(?e) AS ?n) WHERE { ?e rg:controlLevel ?l } GROUP BY ?l""")
    assert {r["l"].value.rsplit("/", 1)[1]: int(r["n"].value) for r in levels} == {"ministry": 30, "self": 11}


def test_two_builds_are_byte_identical(tmp_path):
    outs = []
    for name in ("a", "b"):
        out = tmp_path / name
        subprocess.run([sys.executable, "-m", "recgraph", "build", "--out", str(out), "-q"], cwd=ROOT, check=True,
                       capture_output=True)
        outs.append(out)
    files = sorted(p.relative_to(outs[0]) for p in outs[0].rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(outs[1]) for p in outs[1].rglob("*") if p.is_file())
    for f in files:
        assert (outs[0] / f).read_bytes() == (outs[1] / f).read_bytes(), f
    # the index waits for the charts drawn meanwhile, and links every one of them
    index = (outs[0] / "index.html").read_text(encoding="utf-8")
    charts = sorted(outs[0].glob("charts/*.svg"))
    assert len(charts) == 4 and all(f'href="charts/{c.name}"' in index for c in charts)


def test_a_plan_in_two_years_is_one_plan_with_two_evaluations(tmp_path):
    next_year = tmp_path / "fy115.txt"
    next_year.write_text(SEED.read_text(encoding="utf-8").replace("114年度", "115年度"), encoding="utf-8")
    b = build([SEED, next_year])
    assert [r.fiscal_year for r in b.reports] == [2025, 2026]
    store = to_store(b.triples)
    rows = list(store.query("""PREFIX rg: <https://w3id.org/recgraph/ns#>
        SELECT (COUNT(DISTINCT ?p) AS ?plans) (COUNT(DISTINCT ?e) AS ?evals) WHERE { ?e rg:evaluates ?p }"""))
    assert (int(rows[0]["plans"].value), int(rows[0]["evals"].value)) == (41, 82)


def test_file_without_manifest_entry_reads_metadata_from_title(tmp_path):
    other = tmp_path / "whatever-name.txt"
    other.write_text(SEED.read_text(encoding="utf-8").replace("數位發展部及所屬機關114", "交通部113"), encoding="utf-8")
    b = build([other])
    assert (b.reports[0].ministry, b.reports[0].fiscal_year, b.reports[0].publisher) == ("交通部", 2024, "交通部")


def test_unknown_values_are_accepted_and_reported(tmp_path):
    text = SEED.read_text(encoding="utf-8").replace("數位策略司\t部會管制\t一般科技", "未來科技署\t院列管\t新興類別")
    path = tmp_path / "new-values.txt"
    path.write_text(text, encoding="utf-8")
    b = build([path])
    joined = "\n".join(b.warnings)
    assert "unknown agency '未來科技署'" in joined and "unknown category '新興類別'" in joined
    assert "院列管" not in joined  # an accepted alias of Executive Yuan control


def test_checksum_mismatch_is_an_error(tmp_path):
    manifest = tmp_path / "manifest.csv"
    src = (ROOT / "data" / "manifest.csv").read_text(encoding="utf-8").replace("88af6f", "00af6f")
    manifest.write_text(src.replace("sources/", str(ROOT / "data" / "sources") + "/"), encoding="utf-8")
    with pytest.raises(InputError, match="checksum mismatch"):
        build(manifest=manifest)


def test_a_manifest_row_without_a_checksum_builds_with_a_warning_giving_it(tmp_path):
    """An empty sha256 cannot refuse a changed file: the build says so and gives the checksum to record."""
    import csv
    import hashlib
    rows = list(csv.DictReader((ROOT / "data" / "manifest.csv").open(encoding="utf-8")))
    expected = rows[0]["sha256"]
    rows[0]["sha256"] = ""
    rows[0]["file"] = str(ROOT / "data" / rows[0]["file"])
    manifest = tmp_path / "manifest.csv"
    with manifest.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerow(rows[0])
    b = build(manifest=manifest)
    (warning,) = [w for w in b.warnings if "sha256" in w]
    assert "no sha256" in warning and expected in warning
    assert expected == hashlib.sha256(Path(rows[0]["file"]).read_bytes()).hexdigest()


def test_bad_input_writes_nothing_and_names_file_and_line(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", "--out", str(out), "-q"]) == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    bad = tmp_path / "bad.txt"
    bad.write_text(SEED.read_text(encoding="utf-8").replace("\n7\t", "\n6\t").replace("\n9\t", "\n9\tx\t"),
                   encoding="utf-8")
    assert main(["build", str(bad), "--out", str(out), "-q"]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:16: duplicate serial 6 (first on line 15)" in err
    assert f"{bad}:18: expected 6 tab-separated columns, found 7" in err
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_render_is_complete(seed_build, tmp_path):
    names = {p.name for p in render(seed_build, tmp_path, views=False)}
    assert names == {"graph.ttl", "graph.nt", "graph.jsonld", "summary.json", "plan_themes.csv",
                     "recommendations.csv", "figures.csv", "void.ttl", "context.jsonld"}


def test_a_big_builds_store_is_on_disk_and_answers_as_in_memory(seed_build, tmp_path, monkeypatch):
    """Beyond MEMORY_STORE_MAX_TRIPLES the store is kept on disk beside graph.nt (and compacted after
    its bulk load); the library queries answer there exactly as on the in-memory store."""
    import dataclasses
    import shutil

    from recgraph import build as build_module
    from recgraph import sparql

    shutil.copy(seed_build.graph, tmp_path / "graph.nt")
    monkeypatch.setattr(build_module, "MEMORY_STORE_MAX_TRIPLES", seed_build.triple_count - 1)
    big = dataclasses.replace(seed_build, graph=tmp_path / "graph.nt")
    on_disk = big.store
    assert any((tmp_path / "store").glob("*.sst"))
    in_memory = sparql.load_graph(tmp_path / "graph.nt")
    for name in ("evidence", "recommendations-by-status", "theme-mentions"):
        q = sparql.load_query(name)
        bindings = sparql.resolve_params(q, {})
        disk_rows = sparql.run_query(on_disk, q.text, bindings).rows
        assert disk_rows and disk_rows == sparql.run_query(in_memory, q.text, bindings).rows, name


def test_a_header_only_document_builds_with_a_warning(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    # FY113: a year the recommendation-id ledger holds nothing for (FY114 would also warn that the
    # ledger's 104 recommendations of that report are missing from this document)
    empty.write_text("## 數位發展部及所屬機關113年度個案管制計畫評核結果\n序號\t計畫名稱\t主辦單位\t管制級別\t計畫類別\t評核意見\n",
                     encoding="utf-8")
    assert main(["build", str(empty), "--out", str(tmp_path / "out"), "--no-views"]) == 0
    out = capsys.readouterr().out
    assert "plans: 0" in out and "warnings: 1" in out
    assert "empty.txt: no plan rows, only a title and header; nothing from it is in the graph" in out


def test_the_same_ministry_and_year_twice_is_one_plain_problem(tmp_path, capsys):
    copy = tmp_path / "copy.txt"
    copy.write_bytes(SEED.read_bytes())
    assert main(["build", str(SEED), str(copy), "--out", str(tmp_path / "out"), "-q"]) == 2
    err = capsys.readouterr().err
    assert err == ("error: 1 problem(s) in the input; nothing was written:\n"
                   "  copy.txt:1: 數位發展部 FY2025 is also in moda-fy114-plan-evaluations.txt; "
                   "build one document per ministry and year\n")


def test_the_two_theme_counts_say_what_they_count(seed_out, tmp_path):
    """summary.json counts every theme mentioned (even only in advice); the index counts the themes of
    plans: each says which, so 39 and 38 are not read as a contradiction."""
    from recgraph.cli import format_summary

    summary = json.loads((seed_out / "summary.json").read_text(encoding="utf-8"))
    assert f"themes mentioned (in any role; the index counts the themes of plans): {summary['themes']}" \
        in format_summary({"seconds": {}, **summary}, "out", [])
    from recgraph import html

    html.render_all(seed_out / "graph.ttl", tmp_path)
    assert "主題 themes of plans" in (tmp_path / "index.html").read_text(encoding="utf-8")

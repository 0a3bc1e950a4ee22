"""The command line, run in-process as a user would: documented commands, exact messages, exit codes."""

import csv
import re


from recgraph.cli import _progress, main, parser

from conftest import ROOT


def commands() -> list[str]:
    sub = next(a for a in parser()._actions if a.dest == "command")
    return sorted(sub.choices)


def test_every_command_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [c for c in commands() if not re.search(rf"recgraph {c}\b", readme)]
    assert not missing, f"undocumented commands: {missing}"


def test_query_list_and_a_library_query(seed_out, capsys):
    assert main(["query", "--list"]) == 0
    listed = capsys.readouterr().out
    assert re.search(r"^plans-by-theme\s+Plans by theme", listed, re.M)
    assert main(["query", "plans-per-agency", "--graph", str(seed_out / "graph.ttl"), "--format", "csv"]) == 0
    rows = list(csv.DictReader(capsys.readouterr().out.splitlines()))
    assert sum(int(r["plans"]) for r in rows if r["agencyCode"] == "moda-adi") == 21
    assert sum(int(r["plans"]) for r in rows) == 41


def test_query_syntax_error_names_the_line_without_traceback(seed_out, tmp_path, capsys):
    bad = tmp_path / "bad.rq"
    bad.write_text("SELECT * WHERE {\n  ?s ?p\n}\n", encoding="utf-8")
    assert main(["query", str(bad), "--graph", str(seed_out / "graph.ttl")]) == 4
    err = capsys.readouterr().err
    assert err.startswith("error: SPARQL syntax error") and re.search(r"at \d+:\d+", err) and "Traceback" not in err


def test_status_set_appends_and_refuses_bad_rows(tmp_path, capsys):
    updates = tmp_path / "updates.csv"
    args = ["status", "set", "moda-2025-P04-R1", "--updates", str(tmp_path), "--file", str(updates)]
    assert main(args + ["--date", "2026-02-01", "--acceptance", "accepted", "--reported-by", "主辦機關自評"]) == 0
    first = updates.read_bytes()
    assert main(args + ["--date", "2026-03-01", "--implementation", "finished-ish"]) == 2
    err = capsys.readouterr().err
    assert "finished-ish" in err and str(updates) in err
    assert updates.read_bytes() == first
    assert main(args + ["--date", "2026-03-01", "--implementation", "in-progress"]) == 0
    assert updates.read_bytes().startswith(first) and len(updates.read_bytes()) > len(first)


def test_progress_is_one_plain_line_per_stage_off_a_terminal_and_none_when_quiet(capsys):
    _progress(False)("documents", 0.5)   # stderr is captured: not a terminal
    _progress(True)("documents", 0.5)
    assert capsys.readouterr().err == "recgraph build: documents done in 0.50 s\n"

"""The command line, run in-process as a user would: documented commands, exact messages, exit codes."""

import csv
import re

import pytest


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
    assert re.search(r"^plans-by-theme\s+Plans by theme.*\n\s+-p theme=<iri>$", listed, re.M)  # its parameters too
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


@pytest.mark.parametrize("query, param, names", [
    ("recommendations-by-agency", "agency", ["moda-adi", "數產署", "數位產業署", "Administration for Digital Industries"]),
    ("plans-by-theme", "theme", ["theme:ai", "ai", "人工智慧", "Artificial intelligence"]),
    ("recommendations-by-kind", "kind", ["kind:outcome-tracking", "outcome-tracking"]),
])
def test_query_parameters_take_the_names_every_command_takes(seed_out, capsys, query, param, names):
    """-p agency=數產署 selects what --agency 數產署 selects elsewhere, not zero rows."""
    answers = []
    for name in names:
        assert main(["query", query, "--graph", str(seed_out / "graph.ttl"), "--format", "csv", "-p", f"{param}={name}"]) == 0
        answers.append(capsys.readouterr().out)
    assert len(answers[0].splitlines()) > 1 and all(a == answers[0] for a in answers)


def test_an_item_parameter_takes_the_identifier_the_tables_show(seed_out, capsys):
    """-p item=moda-2025-P01-R1 (the id of recommendations.csv and the site) gives that one item's evidence."""
    graph = str(seed_out / "graph.ttl")
    first = next(csv.DictReader((seed_out / "recommendations.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert main(["query", "evidence", "--graph", graph, "--format", "csv", "-p", f"item={first['id']}"]) == 0
    (row,) = list(csv.DictReader(capsys.readouterr().out.splitlines()))
    assert row["exact"] == first["text"] and row["serial"] == first["plan_serial"]
    assert main(["query", "evidence", "--graph", graph, "-p", "item=moda-2025-P01-R99"]) == 4
    assert "no item of" in capsys.readouterr().err


def test_an_unknown_query_parameter_value_is_refused_with_the_closest_names(seed_out, capsys):
    assert main(["query", "recommendations-by-agency", "--graph", str(seed_out / "graph.ttl"), "-p", "agency=數產暑"]) == 2
    err = capsys.readouterr().err
    assert "'數產暑' is not a known agency; closest: 數產署" in err
    assert "nothing was written" not in err  # a query writes nothing, so it does not say so


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


BAD_OPTIONS = {
    "query before any build": (["query", "plans-per-agency"],
                               "out/graph.ttl: no such graph file; run `recgraph build` first"),
    "viz before any build": (["viz"], "out/graph.ttl: no such graph file; run `recgraph build` first"),
    "--graph a folder": (["query", "plans-per-agency", "--graph", "."], ".: is a folder; name the graph file"),
    "--graph garbage": (["query", "plans-per-agency", "--graph", "g.ttl"], "g.ttl:1: not a valid Turtle graph"),
    "--manifest missing": (["build", "--manifest", "nope.csv"], "--manifest: nope.csv: no such file"),
    "--out a file": (["build", "--out", "g.ttl"], "--out: "),
    "--base without /": (["build", "--base", "https://example.org/id"],
                         "--base: 'https://example.org/id' must end with /"),
    "--workers 0": (["build", "--workers", "0"], "--workers: 0 is not a number of processes; give 1 or more"),
    "a non-UTF-8 document": (["build", "bad.txt", "--out", "o"], "bad.txt:1: undecodable bytes"),
}


@pytest.mark.parametrize("case", BAD_OPTIONS)
def test_bad_options_and_files_get_a_message_naming_them_and_no_traceback(case, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)  # no out/ here: nothing was built
    (tmp_path / "g.ttl").write_text("garbage\n", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00abc")
    argv, message = BAD_OPTIONS[case]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: 1 problem(s) in the input") and message in err and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.txt", "g.ttl"]  # nothing written, nothing left


def test_an_unexpected_error_is_one_line_and_debug_shows_the_traceback(monkeypatch, capsys, tmp_path):
    import recgraph.cli as cli

    monkeypatch.chdir(tmp_path)

    def broken(*args, **kwargs):
        raise ZeroDivisionError("division by zero")
    monkeypatch.setattr(cli, "build", broken)
    assert main(["build", "--out", "o", "-q"]) == 70
    assert capsys.readouterr().err == ("error: internal error (ZeroDivisionError: division by zero); run again with "
                                       "--debug for the traceback and report it\n")
    with pytest.raises(ZeroDivisionError):
        main(["--debug", "build", "--out", "o", "-q"])


def test_status_options_that_cannot_be_used_are_named_without_traceback(tmp_path, capsys):
    import pytest

    with pytest.raises(SystemExit) as e:
        main(["status", "list", "--as-of", "yesterday"])
    assert e.value.code == 2 and "argument --as-of: 'yesterday' is not a date" in capsys.readouterr().err
    base = ["status", "set", "moda-2025-P04-R1", "--date", "2026-03-01", "--acceptance", "accepted",
            "--updates", str(tmp_path / "updates")]
    assert main(base + ["--file", str(tmp_path)]) == 2
    assert f"--file: {tmp_path} is a folder" in capsys.readouterr().err
    assert main(base + ["--file", str(tmp_path / "elsewhere.csv")]) == 2
    assert "the folder the build reads status updates from" in capsys.readouterr().err
    assert not (tmp_path / "elsewhere.csv").exists()


def test_status_set_from_another_folder_writes_into_the_projects_update_folder(tmp_path, monkeypatch, capsys):
    import shutil

    project = tmp_path / "project"
    (project / "sources").mkdir(parents=True)
    shutil.copy(ROOT / "data" / "manifest.csv", project)
    shutil.copy(ROOT / "data" / "recommendation-ids.csv", project)
    (project / "sources" / "moda-fy114-plan-evaluations.txt").symlink_to(
        ROOT / "data" / "sources" / "moda-fy114-plan-evaluations.txt")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    args = ["status", "set", "moda-2025-P04-R1", "--date", "2026-03-01", "--implementation", "in-progress",
            "--manifest", str(project / "manifest.csv")]
    assert main(args) == 0
    written = project / "status-updates" / "updates.csv"
    assert written.read_text(encoding="utf-8").splitlines()[1].startswith("moda-2025-P04-R1,2026-03-01,,in-progress")
    assert not list(elsewhere.iterdir())
    assert main(args) == 0 and "nothing appended" in capsys.readouterr().out    # identical row: not twice
    assert len(written.read_text(encoding="utf-8").splitlines()) == 2


def test_a_stop_that_lands_while_an_error_is_reported_still_exits_130(tmp_path, monkeypatch, capsys):
    """SIGTERM while an input error is being printed: exit code 130 and the usual line, never a
    KeyboardInterrupt out of main() (Python would then end the process by SIGINT, exit code -2)."""
    import signal

    from recgraph import cli

    bad = tmp_path / "bad.txt"
    bad.write_text("not a table\n", encoding="utf-8")
    monkeypatch.setattr(cli, "report_error", lambda e, writes: cli._stop(signal.SIGTERM, None))
    assert cli.main(["build", str(bad), "--out", str(tmp_path / "out")]) == 130
    assert "interrupted" in capsys.readouterr().err


def test_a_second_stop_signal_does_not_interrupt_the_first_ones_clean_up(monkeypatch):
    import signal

    from recgraph import cli

    monkeypatch.setattr(cli, "_MAIN_PID", [cli.os.getpid()])
    cli._STOP.clear()
    with pytest.raises(KeyboardInterrupt):
        cli._stop(signal.SIGTERM, None)
    assert cli._stop(signal.SIGTERM, None) is None  # the clean-up of the first goes on
    cli._STOP.clear()


def test_a_process_forked_before_it_set_its_handlers_ends_at_once_on_a_stop(monkeypatch):
    """A worker forked from the command inherits its handler until it sets its own: a stop then ends
    the worker, instead of raising into the copy of the command's stack (which would print
    'interrupted' and clean up a second time)."""
    import signal

    from recgraph import cli

    class Ended(Exception):
        pass

    def _exit(code):  # os._exit never returns
        raise Ended(code)

    monkeypatch.setattr(cli, "_MAIN_PID", [cli.os.getpid() + 1])  # as seen from a forked child
    monkeypatch.setattr(cli.os, "_exit", _exit)
    with pytest.raises(Ended) as ended:
        cli._stop(signal.SIGTERM, None)
    assert ended.value.args == (128 + signal.SIGTERM,) and not cli._STOP.is_set()

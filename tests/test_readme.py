"""Every `recgraph …` command in README.md's code blocks runs as written (sqlite-utils tests its docs).

The commands are read from the README at test time, in order, and run in-process through
``recgraph.cli.main`` in a temporary folder laid out like a clone (``data/`` copied, so
``status set`` and other writers change the copy, never the repository; the rest linked).
Rules for what cannot run in-process, applied and shown by the test ids:

* ``serve``: started as a process on a free port (the README's port may be taken), passes if it
  is still running half a second after its first line (printed once the endpoint answers), then stopped;
* ``publish``: pushed to a writable endpoint the test starts on a free port, the README's
  endpoint address pointed at it;
* a command whose options parse to exactly those of one already run (``recgraph build`` after
  ``recgraph build --out out``) is skipped, naming that one.
"""

from __future__ import annotations

import contextlib
import io
import re
import shlex
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import ROOT

README = ROOT / "README.md"
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.M | re.S)
OPERATORS = {"&&", "||", ";", "|", "&"}
PROGRAMS = ("recgraph", ".venv/bin/recgraph")


def readme_commands(text: str) -> list[tuple[int, list[str]]]:
    """``(line, argv after the program)`` of every recgraph command in the shell code blocks of
    ``text``; continuation lines joined, comments dropped, ``a && b | c`` split into commands.

    >>> readme_commands("x\\n```sh\\napt-get x && recgraph build --out out  # b\\n"
    ...                 "recgraph q \\\\\\n  -p 'a b'\\n```\\n")
    [(3, ['build', '--out', 'out']), (4, ['q', '-p', 'a b'])]
    """
    found = []
    for block in FENCE.finditer(text):
        if block.group(1) not in ("", "sh", "bash", "shell", "console"):
            continue
        first = text.count("\n", 0, block.start(2)) + 1
        lines = block.group(2).split("\n")
        i = 0
        while i < len(lines):
            number, line = first + i, lines[i]
            while line.rstrip().endswith("\\") and i + 1 < len(lines):
                i += 1
                line = line.rstrip()[:-1] + " " + lines[i].strip()
            i += 1
            line = re.sub(r"(^|\s)#.*$", "", line)  # a comment starts a word
            lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
            lexer.whitespace_split = True
            command: list[str] = []
            for token in [*lexer, ";"]:
                if token in OPERATORS or token.startswith((">", "<")):
                    if command and command[0] in PROGRAMS:
                        found.append((number, command[1:]))
                    command = []
                else:
                    command.append(token)
    return found


COMMANDS = readme_commands(README.read_text(encoding="utf-8"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _with_port(argv: list[str], port: int) -> list[str]:
    argv = [a for i, a in enumerate(argv) if a != "--port" and (i == 0 or argv[i - 1] != "--port")]
    return argv + ["--port", str(port)]


@pytest.fixture(scope="module")
def clone(tmp_path_factory):
    """A folder laid out like the repository: ``data/`` copied, everything else linked."""
    folder = tmp_path_factory.mktemp("clone")
    for entry in ROOT.iterdir():
        if entry.name in {"data", "out", ".git", ".venv"} or entry.name.startswith("out"):
            continue
        (folder / entry.name).symlink_to(entry)
    shutil.copytree(ROOT / "data", folder / "data")
    return folder


@pytest.fixture
def in_clone(clone, monkeypatch):
    """Run in the clone with every default path into the repository's ``data/`` moved to the copy."""
    import importlib
    import pkgutil

    import recgraph

    for module in pkgutil.iter_modules(recgraph.__path__, "recgraph."):  # so that none escapes the move
        if module.name != "recgraph.__main__":
            importlib.import_module(module.name)
    monkeypatch.chdir(clone)
    data = str(ROOT / "data")
    for name, module in list(sys.modules.items()):
        if name.split(".")[0] != "recgraph":
            continue
        for attr, value in list(vars(module).items()):
            if attr.isupper() and isinstance(value, (str, Path)) and str(value).startswith(data):
                moved = clone / "data" / Path(value).relative_to(data)
                monkeypatch.setattr(module, attr, moved if isinstance(value, Path) else str(moved))
    return clone


def _run(argv: list[str]) -> tuple[int, str]:
    from recgraph.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        try:
            code = main(argv)
        except SystemExit as e:  # argparse: unknown option, missing argument
            code = e.code if isinstance(e.code, int) else 2
    return code, out.getvalue()


def _serve(argv: list[str]) -> tuple[int, str]:
    with subprocess.Popen([sys.executable, "-m", "recgraph", *_with_port(argv, _free_port())],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) as process:
        try:
            line = process.stdout.readline()  # printed once the endpoint answers, or the error
            time.sleep(0.5)
            if line and process.poll() is None:
                return 0, line
            return 1, line + process.stdout.read()  # it stopped: its error
        finally:
            process.terminate()
            process.wait(timeout=10)


def _publish(argv: list[str]) -> tuple[int, str]:
    from recgraph.endpoint import serve

    server = serve(None, port=_free_port(), read_only=False)
    try:
        i = argv.index("--endpoint")
        address = urlsplit(server.url)
        argv = argv[: i + 1] + [urlsplit(argv[i + 1])._replace(netloc=address.netloc).geturl()] + argv[i + 2:]
        return _run(argv)
    finally:
        server.stop()


def test_the_readme_has_commands_for_each_part():
    names = {argv[0] for _, argv in COMMANDS if argv}
    assert {"build", "query", "status", "serve", "publish", "quality"} <= names
    assert any(argv[:2] == ["status", "show"] for _, argv in COMMANDS)


def test_the_readme_sets_up_a_fresh_debian_machine():
    text = README.read_text(encoding="utf-8")
    setup = next(block.group(2) for block in FENCE.finditer(text) if "python3 -m venv" in block.group(2))
    assert "python3-venv" in setup and "fonts-noto-cjk" in setup
    assert ". .venv/bin/activate" in setup  # so the bare `recgraph` of every later command is found
    assert setup.strip().endswith("recgraph build --out out")


RAN: dict[tuple, int] = {}
"""Parsed options of the commands run so far -> their README line."""


def _options(argv: list[str]) -> tuple | None:
    from recgraph.cli import parser

    try:
        return tuple(sorted((k, repr(v)) for k, v in vars(parser().parse_args(argv)).items()))
    except SystemExit:
        return None  # run it: the failure is reported with its message


@pytest.mark.parametrize("line,argv", COMMANDS, ids=[f"README.md:{n} recgraph {' '.join(a)}"[:90] for n, a in COMMANDS])
def test_readme_command_runs(line, argv, in_clone):
    if argv[0] != "build" and not (in_clone / "out" / "graph.ttl").is_file():
        code, output = _run(["build", "--out", "out", "--quiet"])  # running one command alone
        assert code == 0, output
    options = _options(argv)
    if options in RAN:
        pytest.skip(f"same options as README.md:{RAN[options]}, already run")
    runner = {"serve": _serve, "publish": _publish}.get(argv[0], _run)
    started = time.perf_counter()
    code, output = runner(argv)
    assert code == 0, f"README.md:{line}: recgraph {' '.join(argv)} exited {code} after " \
                      f"{time.perf_counter() - started:.1f} s:\n{output[-2000:]}"
    if options is not None:
        RAN[options] = line


def test_every_file_the_readme_links_exists():
    text = README.read_text(encoding="utf-8")
    targets = [t for t in re.findall(r"\]\(([^)#\s]+)[^)]*\)", text) if "://" not in t]
    assert "docs/site-recommendations.png" in targets
    assert [t for t in targets if not (ROOT / t).exists()] == []

"""`--help` is written for users: the top text says what recgraph does, every option of build,
viz and quality says what it is for (status, query and serve are checked by their own tests)."""

import contextlib
import io

import pytest

from recgraph.cli import main, parser


def _help(*argv) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit):
        main([*argv, "--help"])
    return out.getvalue()


def test_top_help_says_what_recgraph_does_and_where_to_start():
    text = _help()
    assert "knowledge graph of government plan evaluations" in text
    assert "Command-line interface" not in text  # not the module's developer docstring
    assert "recgraph build --out out" in text


@pytest.mark.parametrize("command,default", [("build", "(default: out)"), ("viz", "(default: out/graph.ttl)"),
                                             ("quality", "(default: every file in data/manifest.csv)")])
def test_every_option_is_described_with_its_default(command, default):
    sub = next(a for a in parser()._subparsers._group_actions[0].choices.items() if a[0] == command)[1]
    undocumented = [a.option_strings or [a.dest] for a in sub._actions if not a.help]
    assert not undocumented
    assert sub.description, f"{command} --help has no description"
    assert default in " ".join(_help(command).split())

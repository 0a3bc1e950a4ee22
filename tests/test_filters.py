"""One filter vocabulary: every spelling of a value selects the same rows, and `status` and the
SPARQL library count the same recommendations for the same theme."""

from __future__ import annotations

import pytest

from recgraph.cli import main
from recgraph.filters import narrower, resolve_agency, resolve_kind, resolve_status, resolve_theme
from recgraph.model import InputError
from recgraph.sparql import load_query, resolve_params, run_query
from recgraph.themes import load_taxonomy
from recgraph.tracking import filter_status, status_table


def test_every_spelling_of_a_theme_selects_the_same_themes():
    assert resolve_theme("ai") == resolve_theme("theme:ai") == resolve_theme("人工智慧") == resolve_theme(
        "Artificial intelligence") == resolve_theme("https://w3id.org/recgraph/theme/ai") == narrower("ai")
    assert resolve_theme("ai") == {"ai", "generative-ai", "agentic-ai", "ai-compute"}
    assert resolve_theme("theme:ai", exact=True) == {"ai"}


def test_agencies_kinds_and_statuses_by_any_name():
    assert resolve_agency("moda-adi") == resolve_agency("數位產業署") == resolve_agency("數產署") == "moda-adi"
    assert resolve_kind("kind:outcome-tracking") == resolve_kind("建立成效追蹤機制") == "outcome-tracking"
    assert resolve_status("辦理中") == "辦理中" and resolve_status("closed-implemented")


@pytest.mark.parametrize("call, option, close", [
    (lambda: resolve_theme("nonsense"), "--theme", None), (lambda: resolve_theme("cybersecurty"), "--theme", "cybersecurity"),
    (lambda: resolve_agency("數位產業"), "--agency", None), (lambda: resolve_kind("outcome-trackin"), "--kind", "outcome-tracking"),
    (lambda: resolve_status("implemnted"), "--status", "implemented")])
def test_an_unknown_value_names_the_option_and_the_closest_values(call, option, close):
    with pytest.raises(InputError) as e:
        call()
    message = str(e.value)
    assert message.startswith(f"{option}: ") and "closest:" in message
    if close:
        assert message.split("closest: ")[1].split(", ")[0] == close


def test_status_and_the_query_library_count_the_same_recommendations_for_every_theme(seed_build):
    rows = status_table(seed_build.tracked.recs, seed_build.tracked.updates)
    store = seed_build.store
    query = load_query("recommendations-by-theme")
    for theme in load_taxonomy().concepts:
        listed = {r.rec.id for r in filter_status(rows, theme=resolve_theme(theme))}
        table = run_query(store, query.text, resolve_params(query, {"theme": f"theme:{theme}"}))
        found = {row[table.columns.index("id")] for row in table.rows}
        assert listed == found, theme
    assert len(filter_status(rows, theme=resolve_theme("ai"))) > len(filter_status(rows, theme={"ai"}))


def test_status_list_with_an_unknown_filter_exits_2_naming_it(capsys):
    assert main(["status", "list", "--theme", "nonsense"]) == 2
    err = capsys.readouterr().err
    assert "--theme: 'nonsense' is not a known theme; closest:" in err and "Traceback" not in err
    assert main(["status", "list", "--agency", "數產署", "--theme", "theme:ai"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split("\t")[8] == "plan serial" and len(out) > 1
    assert all("moda-adi" in line.split("\t")[7] for line in out[1:])

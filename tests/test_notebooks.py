"""Every notebook runs top to bottom on the seed build, headless, with no error, loading the built
graph and writing nothing into notebooks/; outputs are not in git; each shows what it promises."""

import contextlib
import io
import json
import re

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import ROOT
from recgraph import sparql

FOLDER = ROOT / "notebooks"
NOTEBOOKS = sorted(FOLDER.glob("*.ipynb"))


FIRST = "figures-against-targets"
"""Run first, on an empty folder: it builds the graph (as any notebook does when it is missing)."""


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """Each notebook executed as Jupyter would (kernel started in notebooks/); the first builds the
    graph into an empty folder, the others load what it built."""
    import os

    out = tmp_path_factory.mktemp("nb") / "out"
    before = sorted(p.name for p in FOLDER.iterdir())
    env, os.environ["RECGRAPH_OUT"] = os.environ.get("RECGRAPH_OUT"), str(out)
    try:
        results, built = {}, None
        for path in sorted(NOTEBOOKS, key=lambda p: p.stem != FIRST):
            nb = nbformat.read(path, as_version=4)
            NotebookClient(nb, timeout=300, kernel_name="python3",
                           resources={"metadata": {"path": str(FOLDER)}}).execute()
            results[path.stem] = nb
            built = built or (out / "graph.ttl").stat().st_mtime_ns
    finally:
        os.environ.pop("RECGRAPH_OUT") if env is None else os.environ.__setitem__("RECGRAPH_OUT", env)
    assert sorted(p.name for p in FOLDER.iterdir()) == before, "a notebook wrote into notebooks/"
    results["rebuilt"] = (out / "graph.ttl").stat().st_mtime_ns != built
    return results


def _outputs(nb) -> str:
    """All text and HTML the notebook showed, as one string."""
    parts = []
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            parts.append(o.get("text", ""))
            parts += [json.dumps(v, ensure_ascii=False) if not isinstance(v, str) else v
                      for k, v in o.get("data", {}).items() if k in ("text/plain", "text/html")]
    return "\n".join(parts)


def test_there_are_notebooks_and_their_outputs_are_stripped():
    assert {p.stem for p in NOTEBOOKS} >= {"sparql-cookbook", "explore-themes-across-plans",
                                           "follow-a-recommendation", "compare-fiscal-years",
                                           "figures-against-targets"}
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        assert all(not c.get("outputs") and c.get("execution_count") is None
                   for c in nb.cells if c.cell_type == "code"), path.name


def test_notebooks_are_what_make_notebooks_writes(tmp_path, monkeypatch):
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_notebooks", FOLDER / "make_notebooks.py")
    make = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make)
    monkeypatch.setattr(make, "HERE", tmp_path)
    with contextlib.redirect_stdout(io.StringIO()):
        make.main()
    for path in NOTEBOOKS:
        assert (tmp_path / path.name).read_text(encoding="utf-8") == path.read_text(encoding="utf-8"), (
            f"{path.name} is stale: run .venv/bin/python notebooks/make_notebooks.py")


def test_notebooks_build_the_graph_once_then_load_it(executed):
    assert executed["rebuilt"] is False  # built by the first notebook, loaded by the others


def test_notebooks_run_without_errors(executed):
    for name, nb in [(k, v) for k, v in executed.items() if k != "rebuilt"]:
        errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
        assert not errors, f"{name}: {errors[:1]}"
        assert "graph.ttl" in _outputs(nb)  # the graph file it loaded


def test_cookbook_shows_every_library_query_with_its_text_and_result_table(executed):
    nb = executed["sparql-cookbook"]
    for q in sparql.list_queries():
        cell = next((c for c in nb.cells if c.cell_type == "code" and c.source.startswith(f"show({q.name!r}")),
                    None)
        assert cell is not None, f"no section for {q.name}: run notebooks/make_notebooks.py"
        shown = _outputs(nbformat.from_dict({"cells": [cell]}))
        assert "SELECT" in shown, q.name  # the query text
        assert "<table" in shown, q.name  # its result as a DataFrame
    assert "數位憑證公共基礎建設計畫" in _outputs(nb)  # rows of the seed, not only counts


def test_themes_notebook_names_themes_in_both_languages_and_embeds_the_network(executed):
    shown = _outputs(executed["explore-themes-across-plans"])
    assert "人工智慧" in shown and "Artificial intelligence" in shown
    assert '<iframe srcdoc="' in shown and 'height="780"' in shown
    assert "font: {size: 32}" in shown  # labels drawn readable at the size the page opens at
    assert "vis-network" in shown or "vis.Network" in shown  # the page's network, inlined


def test_follow_notebook_goes_from_the_evidence_span_to_the_status_history(executed):
    shown = _outputs(executed["follow-a-recommendation"])
    assert "<mark>建議後續可持續強化AI算力使用效益之追蹤機制" in shown
    assert "moda-fy114-plan-evaluations.txt:6:" in shown  # the source line
    assert "pending-response" in shown and "EXAMPLE: agency says work has started" in shown


def test_compare_notebook_is_labelled_synthetic_and_finds_repeats(executed):
    nb = executed["compare-fiscal-years"]
    assert "SYNTHETIC" in nb.cells[0].source
    shown = _outputs(nb)
    assert "gained overall:" in shown and "lost overall:" in shown
    changed = next(line for line in shown.splitlines() if "plans changed themes" in line)
    assert int(changed.split()[0]) > 0
    assert "合成資料" in shown  # the synthetic report's title in the reports table
    repeated = next(line for line in shown.splitlines() if "repeat an earlier one" in line)
    assert int(repeated.split()[0]) > 10


def test_figures_notebook_shows_the_chart(executed):
    nb = executed["figures-against-targets"]
    assert re.search(r"ratio 1.2: [1-9]\d* figures", _outputs(nb))  # the narrowly met, listed
    assert any("image/png" in o.get("data", {}) for c in nb.cells for o in c.get("outputs", []))

"""A 1x smoke run of the benchmark: it runs end to end and reports every figure the README promises.

Timings are printed by bench/run.py, never asserted here.
"""

import json
import subprocess
import sys

from conftest import ROOT


def test_benchmark_smoke_run_reports_every_figure(tmp_path):
    out = subprocess.run([sys.executable, "bench/run.py", "--scales", "1", "--smoke", "--out", str(tmp_path)],
                         cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert out.returncode == 0, out.stderr
    result = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    run = result["runs"][0]
    assert run["evaluations"] == 41 and run["triples"] > 10_000
    assert {"documents", "validate", "serialise", "store", "analyses", "html", "charts", "site"} <= set(run["stages"])
    assert run["site"]["mb"] > 0 and run["site"]["graph_nt_mb"] > 0
    assert {"parse", "extract", "rdf", "check validate"} <= set(run["worker_stages"])
    assert run["peak_gb"] > 0 and run["main_rss_gb"] > 0 and run["serve_start_s"] > 0
    assert set(run["reference"]) == {"parse_s", "serialise_turtle_s"}
    assert all({"oxigraph", "rdflib", "same_answers"} <= set(q) for q in run["queries"].values())
    assert all(q["same_answers"] for q in run["queries"].values()), "engines disagree"
    targets = {t["target"] for t in result["targets"]}
    assert "seed build incl. validation, analyses and HTML (s, wall)" in targets and result["seed_build_wall_s"] > 0
    assert "| target | measured | limit | met |" in (tmp_path / "RESULTS.md").read_text(encoding="utf-8")

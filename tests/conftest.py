"""Shared fixtures: the real seed document and a built graph of it."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "sources" / "moda-fy114-plan-evaluations.txt"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_report():
    from recgraph.source import load_manifest, read_report
    return read_report(SEED, load_manifest())


@pytest.fixture(scope="session")
def seed_rows(seed_report):
    """The seed's plan rows by serial."""
    return {row.serial: row for row in seed_report.rows}


@pytest.fixture(scope="session")
def seed_build():
    from recgraph.pipeline import build
    return build([SEED])


@pytest.fixture(scope="session")
def seed_out(tmp_path_factory, seed_build):
    """The seed built and written once, as a user would with `recgraph build --out`."""
    from recgraph.outputs import write_build
    out = tmp_path_factory.mktemp("out")
    write_build(seed_build, out, views=False)
    return out

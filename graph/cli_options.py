"""Option values checked once, the same way, for every command: each raises InputError naming the
option (or, as an argparse ``type``, ArgumentTypeError) so the user sees what to change."""

from __future__ import annotations

import argparse
from pathlib import Path

from recgraph.model import InputError, Problem
from recgraph.workers import cores


def workers(n: int | None) -> int:
    """--workers: a number of processes, one per core when not given."""
    if n is not None and n < 1:
        raise InputError([Problem("--workers", 0, f"{n} is not a number of processes; give 1 or more")])
    return n or cores()


def base(base: str) -> str:
    """--base: a base IRI that instance IRIs can be appended to."""
    if not base.endswith(("/", "#")):
        raise InputError([Problem("--base", 0, f"{base!r} must end with / (instance IRIs are appended to it), "
                                               f"e.g. {base}/")])
    return base


def manifest(path: str) -> str:
    """--manifest: an existing file."""
    if not Path(path).is_file():
        raise InputError([Problem("--manifest", 0, f"{path}: no such file; give the manifest of the source "
                                                   "documents (default data/manifest.csv)")])
    return path


def positive(text: str) -> float:
    """A finite number above zero, for limits."""
    import math

    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, not {text!r}") from None
    if not (math.isfinite(value) and value > 0):
        raise argparse.ArgumentTypeError(f"expected a number above zero, not {text!r}")
    return value


def date(value: str):
    """An option's YYYY-MM-DD date (argparse names the option when it is not one)."""
    import datetime as dt

    try:
        if len(value) == 10:
            return dt.date.fromisoformat(value)
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(f"{value!r} is not a date; expected YYYY-MM-DD, e.g. 2026-03-31")

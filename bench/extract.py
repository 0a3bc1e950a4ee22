"""Extraction CPU alone (themes and their roles, recommendations, figures, agencies) over some
documents, and a fingerprint of everything extracted: the figures to compare before and after a
change to the extractors (issue 18).  Usage::

    python bench/extract.py tests/dev/*.txt tests/heldout/*.txt
    python bench/extract.py --limit 30 CORPUS_FOLDER/*.txt     # a slice of a synthetic corpus
    python bench/extract.py --profile tests/dev/*.txt          # cProfile: own time, then cumulative

Reading and parsing are left out; the best of ``--repeat`` runs is printed (the machine is shared).
To compare with another checkout, run it with ``PYTHONPATH`` naming a folder in which ``recgraph`` is
a link to that checkout's ``graph/``, alternating the two: equal fingerprints, equal extractions.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import pstats
import time

from recgraph import extract
from recgraph.model import InputError
from recgraph.source import read_report


def _reports(paths: list[str], limit: int | None) -> list:
    """The documents that read and parse (others are left out, as a build would refuse them)."""
    out = []
    for p in sorted(paths)[:limit]:
        try:
            out.append(read_report(p))
        except InputError:
            pass
    return out


def _extract_all(reports: list, rules) -> str:
    """Extract every document; a fingerprint of the extractions."""
    digest = hashlib.sha256()
    for report in reports:
        digest.update(repr(sorted(extract.extract_report(report, rules).items())).encode())
    return digest.hexdigest()[:16]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--limit", type=int, default=None, help="the first N documents (sorted by path)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args()
    rules = extract.load_rules()
    reports = _reports(args.paths, args.limit)
    rows = sum(len(r.rows) for r in reports)
    if args.profile:
        profile = cProfile.Profile()
        fingerprint = profile.runcall(_extract_all, reports, rules)
        for order in ("tottime", "cumtime"):
            pstats.Stats(profile).sort_stats(order).print_stats(30)
        print(f"fingerprint {fingerprint}")
        return
    best, fingerprint = float("inf"), ""
    for _ in range(args.repeat):
        start = time.process_time()
        fingerprint = _extract_all(reports, rules)
        best = min(best, time.process_time() - start)
    print(f"{len(reports)} documents, {rows} rows: extraction {best:.3f} CPU-s (best of {args.repeat}), "
          f"fingerprint {fingerprint}")


if __name__ == "__main__":
    main()

"""The fuzz test of tests/test_fuzz.py at scale: many random documents through every per-document stage.

    python bench/fuzz.py                 # 20,000 documents
    python bench/fuzz.py --examples 100000 --seed 7

Prints how many documents built, how many were refused with the project's input error, and the
time taken; any other exception stops the run with the document that raised it.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))


def main() -> int:
    from hypothesis import HealthCheck, given, seed, settings
    from hypothesis import strategies as st

    from recgraph import extract
    from test_fuzz import check, document

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--examples", type=int, default=20000)
    p.add_argument("--seed", type=int, default=114)
    args = p.parse_args()
    rules, folder = extract.load_rules(), Path(tempfile.mkdtemp(prefix="recgraph-fuzz-"))
    counts = {True: 0, False: 0}

    @seed(args.seed)
    @settings(max_examples=args.examples, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(doc=document, encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp950"]))
    def run(doc, encoding):
        counts[check(doc, encoding, rules, folder)] += 1

    start = time.perf_counter()
    run()
    seconds = time.perf_counter() - start
    total = counts[True] + counts[False]
    print(f"{total} documents in {seconds:.1f} s: {counts[True]} built, {counts[False]} refused with the input "
          f"error, 0 other exceptions")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Per stage of one build and render: wall seconds, CPU seconds of every process, and cores busy.

Where a 2-core build leaves a core idle (issue 18): a stage whose ``cores`` stays near 1 runs on
one core while the other waits.  Usage::

    python bench/stages.py --scale 100        # a synthetic corpus of bench/generate.py
    python bench/stages.py CORPUS_FOLDER      # the *.txt files of a folder

CPU is this process's and every process under it, ended or running (bench/run.py's
``cpu_seconds``), so a stage's figure includes the writers that run beside it (Turtle and
JSON-LD, the chart drawers).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate import UPDATES, generate, status_updates  # noqa: E402
from bench.run import cpu_seconds  # noqa: E402
from recgraph.outputs import ChartDrawers, render  # noqa: E402
from recgraph.pipeline import build  # noqa: E402
from recgraph.workers import cores  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", help="folder of source documents (*.txt)")
    ap.add_argument("--scale", type=int, help="build a synthetic corpus of this many times the seed instead")
    args = ap.parse_args(argv)
    if not args.corpus and not args.scale:
        ap.error("give a corpus folder or --scale N")
    last = [time.perf_counter(), cpu_seconds()]

    def lap(stage: str, seconds: float) -> None:
        now, cpu = time.perf_counter(), cpu_seconds()
        wall, used = now - last[0], cpu - last[1]
        print(f"{stage:24s} wall {wall:8.2f} s  cpu {used:8.2f} s  cores {used / wall if wall else 0:4.2f}", flush=True)
        last[0], last[1] = now, cpu

    with tempfile.TemporaryDirectory(prefix="stages-") as tmp:
        folder = Path(args.corpus) if args.corpus else Path(tmp) / "corpus"
        if args.scale:
            folder.mkdir()
            docs = generate(args.scale)
            for name, text in docs.items():
                (folder / name).write_text(text, encoding="utf-8")
            (folder / UPDATES).write_text(status_updates(docs), encoding="utf-8")
        updates = folder / UPDATES  # the generator's status updates, as bench/run.py builds with them
        start, cpu0 = time.perf_counter(), cpu_seconds()
        last[:] = [start, cpu0]
        with ChartDrawers(cores()) as charts:  # started first, as `recgraph build` starts them
            b = build(sorted(folder.glob("*.txt")), work=Path(tmp), workers=cores(), progress=lap,
                      updates=updates if updates.exists() else None)
            out = Path(tmp) / "out"
            out.mkdir()
            render(b, out, workers=cores(), progress=lap, charts=charts)
        wall, cpu = time.perf_counter() - start, cpu_seconds() - cpu0
        print(f"{'total':24s} wall {wall:8.2f} s  cpu {cpu:8.2f} s  cores {cpu / wall:4.2f} of {cores()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

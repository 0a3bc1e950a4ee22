"""Command-line interface: parses options, calls the library, prints the result.

    recgraph build [SOURCES...] --out DIR
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from graph import build as build_mod
from graph.model import InputError
from graph.namespace import DEFAULT_BASE
from graph.outputs import write_all


def _progress(quiet: bool):
    if quiet or not sys.stderr.isatty():
        return lambda stage: None
    return lambda stage: print(f"  {stage} done", file=sys.stderr)


def cmd_build(args) -> int:
    start = time.perf_counter()
    b = build_mod.build(args.sources or None, manifest=args.manifest, agencies=args.agencies,
                        base=args.base, progress=_progress(args.quiet))
    files = build_mod.render(b)
    written = write_all(args.out, files)
    summary = build_mod.summarise(b)
    summary["seconds"]["total"] = round(time.perf_counter() - start, 3)
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        print(format_summary(summary, written))
    return 0


def format_summary(s: dict, written: list[Path]) -> str:
    lines = [f"Built {len(s['documents'])} document(s) into {len(written)} file(s):"]
    for d in s["documents"]:
        lines.append(f"  {d['file']}: {d['title']} (FY{d['fiscal_year']}, {d['plans']} plans, {d['encoding']})")
    for key in ("plans", "evaluations", "paragraphs", "sentences", "truncated_opinions", "themes",
                "theme_mentions", "recommendations", "figures", "agency_mentions", "triples"):
        lines.append(f"  {key.replace('_', ' ')}: {s[key]}")
    for key in ("agencies", "control_levels", "categories"):
        lines.append(f"  {key.replace('_', ' ')}: " + ", ".join(f"{k} {v}" for k, v in s[key].items()))
    lines.append(f"  warnings: {len(s['warnings'])}")
    lines += [f"    {w}" for w in s["warnings"]]
    lines.append("  seconds: " + ", ".join(f"{k} {v:.2f}" for k, v in s["seconds"].items()))
    lines.append("  wrote: " + ", ".join(str(p) for p in written))
    return "\n".join(lines)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="recgraph", description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="build the graph from source documents and write it with its derived files")
    b.add_argument("sources", nargs="*", help="source documents (default: every file in data/manifest.csv)")
    b.add_argument("--out", default="out", help="output folder (default: out)")
    b.add_argument("--manifest", default=str(build_mod.DEFAULT_MANIFEST), help="manifest of source documents")
    b.add_argument("--agencies", default=str(build_mod.DEFAULT_AGENCIES), help="agency table (CSV)")
    b.add_argument("--base", default=DEFAULT_BASE, help=f"base IRI for instance data (default {DEFAULT_BASE})")
    b.add_argument("--json", action="store_true", help="print the summary as JSON")
    b.add_argument("--quiet", "-q", action="store_true", help="no progress output")
    b.set_defaults(func=cmd_build)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except InputError as e:
        print(f"error: {len(e.problems)} problem(s) in the input; nothing was written:", file=sys.stderr)
        for problem in e.problems:
            print(f"  {problem}", file=sys.stderr)
        return 2
    except build_mod.ValidationFailed as e:
        print(f"error: {e}\nnothing was written.", file=sys.stderr)
        return 3

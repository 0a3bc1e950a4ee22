"""Command-line interface: parses options, calls the library, prints the result.

This module wires the commands; the tracking commands are in cli_status, the curation commands
(ids, themes, quality) in cli_curation, and the checks of option values they share in cli_options.

    recgraph build [SOURCES...] --out DIR      graph, CSV, analyses, HTML views, charts
    recgraph viz GRAPH --out DIR               analyses, HTML views and charts from a built graph
    recgraph themes review [--previous CSV] [--write FILE]   theme links worth a reviewer's decision
    recgraph themes train --against DIR [--blind FILE]     fit the theme model (data/theme-model.tsv) on gold annotations
    recgraph quality [--against GOLD [--errors]]  per-plan counts, scores against gold annotations, or the wrong links
    recgraph query NAME|FILE|- [--param k=v] [--format table|csv|json|tsv] [--engine oxigraph|rdflib]
    recgraph serve [GRAPH] [--port N]          SPARQL 1.1 endpoint and query page (Oxigraph behind a guard)
    recgraph publish GRAPH --endpoint URL --graph IRI [--mode replace|merge]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
import time
from pathlib import Path

from recgraph import cli_curation, cli_options as options, cli_status
from recgraph.agencies import DEFAULT_AGENCIES
from recgraph.build import ValidationFailed, summarise
from recgraph.model import InputError
from recgraph.namespace import DEFAULT_BASE
from recgraph.outputs import ChartDrawers, Views, write_build
from recgraph.pipeline import build
from recgraph.source import DEFAULT_MANIFEST
from recgraph.swap import work_folder
from recgraph.workers import fewer_collections


def _progress(quiet: bool):
    """A stage log: aligned on a terminal, one plain line per stage otherwise; none with --quiet.
    Each stage's end is also where a stop that the signal handler could not raise is raised."""
    if quiet:
        line = None
    elif sys.stderr.isatty():
        line = "  {stage:<10} {seconds:7.2f} s"
    else:
        line = "recgraph build: {stage} done in {seconds:.2f} s"

    def log(stage: str, seconds: float) -> None:
        _stop_if_asked()
        if line:
            print(line.format(stage=stage, seconds=seconds), file=sys.stderr, flush=True)
    return log


def cmd_build(args) -> int:
    start = time.perf_counter()
    options.manifest(args.manifest)
    workers, progress = options.workers(args.workers), _progress(args.quiet)
    # the chart drawers import matplotlib while the documents are read (graph.outputs.ChartDrawers)
    with fewer_collections(), work_folder(args.out) as work, ChartDrawers(0 if args.no_views else workers) as charts:
        b = build(args.sources or None, manifest=args.manifest, agencies=args.agencies, base=options.base(args.base),
                  validator=args.validator, workers=workers, work=work, progress=progress)

        def rendered(stage: str, seconds: float) -> None:
            b.timings[stage] = round(seconds, 4)
            progress(stage, seconds)
        written = write_build(b, args.out, views=not args.no_views, workers=workers, progress=rendered,
                              mentions=args.theme_mentions, charts=charts)
    summary = summarise(b)
    summary["seconds"]["total"] = round(time.perf_counter() - start, 3)
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    elif args.quiet:
        print(f"built {len(summary['documents'])} document(s), {summary['triples']} triples, "
              f"{len(summary['warnings'])} warning(s): {len(written)} files in {args.out}")
    else:
        print(format_summary(summary, args.out, written))
    return 0


def cmd_viz(args) -> int:
    from recgraph.loader import load_store

    views = Views(load_store(args.graph), options.base(args.base), args.theme_mentions)
    written = write_build(views, args.out, workers=options.workers(args.workers))
    for warning in views.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"wrote {len(written)} files into {args.out} (open {Path(args.out) / 'index.html'})")
    return 0


def cmd_query(args) -> int:
    from recgraph import sparql
    from recgraph.filters import query_parameters
    from recgraph.query_limits import LimitReached, run_limited

    if args.list:
        for q in sparql.list_queries():
            print(f"{q.name:<32} {q.title}")
            if q.params:
                print(" " * 33 + "-p " + " -p ".join(f"{p.name}=<{p.type}>" for p in q.params))
        return 0
    if not args.query:
        raise sparql.QueryError("name a library query, a .rq file or - for stdin (see `recgraph query --list`)")
    info = sparql.load_query(args.query) if args.query != "-" else sparql.parse_header(sys.stdin.read(), "stdin")
    params = {}
    for kv in args.param:
        name, sep, value = kv.partition("=")
        if not sep or not name:
            raise sparql.QueryError(f"-p {kv}: expected NAME=VALUE, e.g. -p theme=theme:ai")
        params[name.strip()] = value
    params = query_parameters(params, {p.name for p in info.params})
    params.update(_identifier_params(args, info, params))
    try:
        answers = run_limited(args.graph, info.text, sparql.resolve_params(info, params), engine=args.engine,
                              timeout_s=args.timeout, max_rows=args.max_rows, memory_gb=args.max_memory,
                              allow_service=args.allow_service)
    except LimitReached as e:
        raise sparql.QueryError(e.message + narrowing_hint(info, params)) from None
    print(sparql.format_answers(answers, args.format), end="" if args.format in ("csv", "tsv", "json") else "\n")
    if answers.truncated:
        print(f"warning: stopped after {args.max_rows} rows; raise the cap with --max-rows N"
              f"{narrowing_hint(info, params)}", file=sys.stderr)
    return 0


def _identifier_params(args, info, params) -> dict[str, str]:
    """IRI parameters given as the identifier the tables and the site show (``-p item=moda-2025-P01-R1``),
    as the IRI of the one item carrying it (``dcterms:identifier``); an identifier no item carries is refused."""
    from rdflib import Literal

    from recgraph import sparql
    from recgraph.query_limits import run_limited

    out = {}
    for p in info.params:
        value = params.get(p.name, "")
        if p.type != "iri" or not value or value.startswith("<") or ":" in value:
            continue
        found = run_limited(args.graph, "SELECT DISTINCT ?item ?id WHERE { ?item <http://purl.org/dc/terms/identifier> ?id }",
                            {"id": Literal(value)}, engine=args.engine, timeout_s=args.timeout,
                            memory_gb=args.max_memory, allow_service=False)
        if len(found.rows) != 1:
            raise sparql.QueryError(f"-p {p.name}={value}: {'no item' if not found.rows else 'several items'} "
                                    f"of {args.graph} {'has' if not found.rows else 'have'} the identifier {value!r} "
                                    "(give an IRI, a prefixed name, or an identifier from the tables)")
        out[p.name] = f"<{found.rows[0][0]}>"
    return out


def narrowing_hint(info, given) -> str:
    """The unset parameters of a query that ran into a limit, as `-p` suggestions: an unbound listing
    such as all evidence is large by nature, and a bound parameter narrows the work (README, "Query cost")."""
    free = [p for p in info.params if p.name not in given and p.default is None and p.type in ("iri", "string")]
    if not free:
        return ""
    return "; or narrow it: " + ", ".join(f"-p {p.name}=... ({p.description})" for p in free)


def cmd_serve(args) -> int:
    from recgraph import gateway

    front = None
    try:  # a signal while the graph loads removes the half-made store as well
        front = gateway.start(args.graph, host=args.host, port=args.port, timeout_s=args.timeout,
                              allow_service=args.allow_service, writable=args.writable)
        print(gateway.banner(front, args.timeout, args.allow_service), flush=True)
        front.httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        if front is not None:
            front.stop()
    return 0


def cmd_publish(args) -> int:
    from recgraph.endpoint import publish

    status = publish(args.graph, args.endpoint, args.graph_iri, mode=args.mode)
    print(f"published {args.graph} into <{args.graph_iri}> at {args.endpoint} ({args.mode}, HTTP {status})")
    return 0


SUMMARY_LABELS = {"themes": "themes mentioned (in any role; the index counts the themes of plans)"}
"""Summary lines whose key alone would be read as another count."""


def format_summary(s: dict, out: str, written: list[Path]) -> str:
    lines = [f"Built {len(s['documents'])} document(s) into {len(written)} file(s) in {out}:"]
    for d in s["documents"]:
        lines.append(f"  {d['file']}: {d['title']} (FY{d['fiscal_year']}, {d['plans']} plans, {d['encoding']})")
    lines.append(f"  validated with: {s['validator']}")
    for key in ("plans", "evaluations", "paragraphs", "sentences", "truncated_opinions", "themes",
                "theme_mentions", "recommendations", "figures", "agency_mentions", "triples"):
        lines.append(f"  {SUMMARY_LABELS.get(key, key.replace('_', ' '))}: {s[key]}")
    for key in ("agencies", "control_levels", "categories"):
        lines.append(f"  {key.replace('_', ' ')}: " + ", ".join(f"{k} {v}" for k, v in s[key].items()))
    lines.append(f"  warnings: {len(s['warnings'])}")
    lines += [f"    {w}" for w in s["warnings"]]
    lines.append("  seconds: " + ", ".join(f"{k} {v:.2f}" for k, v in s["seconds"].items()))
    return "\n".join(lines)


def _theme_mentions_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--theme-mentions", default="subject", choices=["subject", "all"],
                   help="link plans to themes in the analyses and views through subject mentions only "
                        "(default) or through every mention, passing ones included")


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="recgraph",
        description="Build a knowledge graph of government plan evaluations (plans, themes, recommendations "
                    "and reported figures, each with the text it came from), then query, track and publish it.",
        epilog="Start with `recgraph build --out out`, then `recgraph query --list`. "
               "Each command has its own --help.")
    p.add_argument("--debug", action="store_true", help="show the traceback of an error")
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="build the graph from source documents and write it with its derived files",
                       description="Read the source documents, extract themes, recommendations and figures with "
                                   "their evidence, validate the graph and write it with CSV tables, analyses, "
                                   "HTML views and charts. Nothing in --out is replaced unless the build succeeds.")
    b.add_argument("sources", nargs="*", help="source documents (default: every file in data/manifest.csv); a "
                                              "file without a manifest entry is read too")
    b.add_argument("--out", default="out", help="output folder (default: out)")
    b.add_argument("--manifest", default=str(DEFAULT_MANIFEST),
                   help="manifest of source documents: file, title, fiscal year, SHA-256 (default: data/manifest.csv)")
    b.add_argument("--agencies", default=str(DEFAULT_AGENCIES),
                   help="agency table resolving names to agencies (default: data/agencies.csv)")
    b.add_argument("--base", default=DEFAULT_BASE, help=f"base IRI of every plan, report and recommendation IRI, "
                                                        f"ending in / (default: {DEFAULT_BASE})")
    b.add_argument("--json", action="store_true", help="print the summary (counts, warnings, seconds) as JSON")
    b.add_argument("--quiet", "-q", action="store_true", help="no progress lines on stderr; a one-line summary")
    b.add_argument("--workers", type=int, default=None,
                   help="processes the build may use, for documents, analyses, charts and pages "
                        "(default: one per core; 1 starts none)")
    b.add_argument("--no-views", action="store_true",
                   help="write only the graph, CSV tables and summary: no analyses, charts or HTML views (faster)")
    b.add_argument("--validator", default="sparql", choices=["sparql", "pyshacl"],
                   help="SHACL engine: the shapes compiled to SPARQL on Oxigraph (default), or pySHACL "
                        "per document (the reference; ~10x slower)")
    _theme_mentions_option(b)
    b.set_defaults(func=cmd_build)

    v = sub.add_parser("viz", aliases=["analyse"], help="write analyses, charts and HTML views from a built graph",
                       description="Redraw the analyses, charts and HTML views from a graph file that "
                                   "`recgraph build` wrote, without rebuilding the graph.")
    v.add_argument("graph", nargs="?", default="out/graph.ttl", help="graph file (default: out/graph.ttl)")
    v.add_argument("--out", default="out", help="folder to write them into (default: out)")
    v.add_argument("--base", default=DEFAULT_BASE, help=f"base IRI of the analysis results, as given to build "
                                                        f"(default: {DEFAULT_BASE})")
    v.add_argument("--workers", type=int, default=None,
                   help="processes for analyses, charts and pages (default: one per core; 1 starts none)")
    _theme_mentions_option(v)
    v.set_defaults(func=cmd_viz)

    qy = sub.add_parser("query", help="run a library query, a .rq file or - (stdin) against the graph")
    qy.add_argument("query", nargs="?", help="library query name, .rq file, or - for stdin")
    qy.add_argument("--graph", default="out/graph.ttl", help="graph file (default out/graph.ttl)")
    qy.add_argument("--param", "-p", action="append", default=[], metavar="NAME=VALUE",
                    help="bind a query parameter (bound as a value, never pasted into the query)")
    qy.add_argument("--format", "-f", default="table", choices=["table", "csv", "json", "tsv"],
                    help="aligned table, CSV (Excel-safe), TSV or JSON records (default: table)")
    qy.add_argument("--engine", default="oxigraph", choices=["oxigraph", "rdflib"],
                    help="pyoxigraph (default, fast) or rdflib (the reference)")
    qy.add_argument("--list", action="store_true", help="list the library queries")
    qy.add_argument("--timeout", type=options.positive, default=60.0, metavar="SECONDS",
                    help="stop a query running longer than this (default: 60)")
    qy.add_argument("--max-rows", type=int, default=100_000, metavar="N",
                    help="print at most N rows, with a warning when there were more (default: 100000)")
    qy.add_argument("--max-memory", type=options.positive, default=4.0, metavar="GB",
                    help="stop a query (graph loading included) needing more memory than this (default: 4)")
    qy.add_argument("--allow-service", action="store_true",
                    help="DANGEROUS: run SERVICE clauses, which make the engine send requests to any address "
                         "the query names (refused by default)")
    qy.set_defaults(func=cmd_query)

    sv = sub.add_parser("serve", help="start a SPARQL 1.1 endpoint and query page with the graph loaded",
                        formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    sv.add_argument("graph", nargs="?", default="out/graph.ttl", help="graph file")
    sv.add_argument("--host", default="127.0.0.1", help="address to listen on (keep it loopback)")
    sv.add_argument("--port", type=int, default=7878, help="port of the endpoint and its query page")
    sv.add_argument("--timeout", type=options.positive, default=10.0, metavar="SECONDS",
                    help="stop any query running longer than this")
    sv.add_argument("--writable", action="store_true", help="allow SPARQL Update and Graph Store writes")
    sv.add_argument("--allow-service", action="store_true",
                    help="DANGEROUS: run SERVICE clauses, which make the server send requests to any address "
                         "a query names (refused by default)")
    sv.set_defaults(func=cmd_serve)

    pb = sub.add_parser("publish", help="push the graph into a named graph of a SPARQL 1.1 store (Graph Store Protocol)")
    pb.add_argument("graph", nargs="?", default="out/graph.ttl", help="graph file (default out/graph.ttl)")
    pb.add_argument("--endpoint", required=True, help="Graph Store endpoint URL, e.g. http://host:7878/store")
    pb.add_argument("--graph-iri", "--graph", dest="graph_iri", default=DEFAULT_BASE + "graph",
                    help="named graph IRI")
    pb.add_argument("--mode", default="replace", choices=["replace", "merge"])
    pb.set_defaults(func=cmd_publish)

    cli_status.add_commands(sub)
    cli_curation.add_commands(sub)
    return p


_STOP = threading.Event()
_MAIN_PID = [0]


def _stop(signum, _frame):
    """SIGTERM or SIGHUP: stop like Ctrl-C, once.  A process forked from this one that has not yet
    set its own handlers ends at once: it must never run the command's clean-up a second time."""
    if os.getpid() != _MAIN_PID[0]:
        os._exit(128 + signum)
    if _STOP.is_set():
        return  # the first stop is being handled; a second raise would escape its clean-up
    _STOP.set()
    raise KeyboardInterrupt


def _stop_if_asked() -> None:
    """Raise KeyboardInterrupt when SIGTERM or SIGHUP came: the handler's own raise is lost when the
    signal lands where Python ignores exceptions (logging's after-fork hook as a worker starts)."""
    if _STOP.is_set():
        raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    before = {}
    _STOP.clear()
    _MAIN_PID[0] = os.getpid()
    if threading.current_thread() is threading.main_thread():
        # SIGTERM and SIGHUP end a command like Ctrl-C: its finally blocks stop the worker processes,
        # remove the half-made work and staging folders and a server's store; --out stays as it was
        before = {signum: signal.signal(signum, _stop) for signum in (signal.SIGTERM, signal.SIGHUP)}
    try:
        return _run(args)
    except KeyboardInterrupt:  # also when the stop lands while an error is being reported
        print("interrupted; --out was left as it was", file=sys.stderr)
        return 130
    finally:
        for signum, handler in before.items():
            signal.signal(signum, handler)


def _run(args) -> int:
    try:
        return args.func(args)
    except BrokenPipeError:  # output piped into head & co.: stop quietly
        sys.stderr.close()
        return 141
    except Exception as e:
        if args.debug:
            raise
        return report_error(e, writes=args.func.__name__ not in READ_ONLY)


READ_ONLY = frozenset({"cmd_query", "cmd_quality", "cmd_status_list", "cmd_status_show", "cmd_status_summary"})
"""Commands that write nothing: their errors do not say that nothing was written."""


def report_error(e: Exception, writes: bool = True) -> int:
    """Print what went wrong for a user, without a traceback; the exit code for it."""
    from recgraph.endpoint import EndpointError
    from recgraph.sparql import QueryError

    if isinstance(e, InputError):
        done = "; nothing was written" if writes else ""
        print(f"error: {len(e.problems)} problem(s) in the input{done}:", file=sys.stderr)
        for problem in e.problems:
            print(f"  {problem}", file=sys.stderr)
        return 2
    if isinstance(e, ValidationFailed):
        print(f"error: {e}\nnothing was written.", file=sys.stderr)
        return 3
    if isinstance(e, (QueryError, EndpointError)):
        print(f"error: {e}", file=sys.stderr)
        return 4
    if isinstance(e, OSError):
        print(f"error: {e.filename or ''}: {e.strerror or e}{'; nothing was written' if writes else ''}", file=sys.stderr)
        return 5
    print(f"error: internal error ({type(e).__name__}: {e}); run again with --debug for the traceback "
          "and report it", file=sys.stderr)
    return 70

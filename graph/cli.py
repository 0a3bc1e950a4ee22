"""Command-line interface: parses options, calls the library, prints the result.

    recgraph build [SOURCES...] --out DIR      graph, CSV, analyses, HTML views, charts
    recgraph viz GRAPH --out DIR               analyses, HTML views and charts from a built graph
    recgraph themes review [--previous CSV] [--write FILE]   theme links worth a reviewer's decision
    recgraph quality [--against GOLD [--errors]]  per-plan counts, scores against gold annotations, or the wrong links
    recgraph query NAME|FILE|- [--param k=v] [--format table|csv|json|tsv] [--engine oxigraph|rdflib]
    recgraph serve [GRAPH] [--port N]          SPARQL 1.1 endpoint and query page (Oxigraph behind a guard)
    recgraph publish GRAPH --endpoint URL --graph IRI [--mode replace|merge]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from recgraph.agencies import DEFAULT_AGENCIES
from recgraph.build import ValidationFailed, summarise
from recgraph.model import InputError, Problem
from recgraph.namespace import DEFAULT_BASE
from recgraph.outputs import ChartDrawers, Views, write_build
from recgraph.pipeline import build
from recgraph.source import DEFAULT_MANIFEST
from recgraph.swap import work_folder
from recgraph.workers import cores


def _progress(quiet: bool):
    """A stage log: aligned on a terminal, one plain line per stage otherwise; none with --quiet."""
    if quiet:
        return lambda stage, seconds: None
    if sys.stderr.isatty():
        return lambda stage, seconds: print(f"  {stage:<10} {seconds:7.2f} s", file=sys.stderr, flush=True)
    return lambda stage, seconds: print(f"recgraph build: {stage} done in {seconds:.2f} s", file=sys.stderr,
                                        flush=True)


def _workers(n: int | None) -> int:
    if n is not None and n < 1:
        raise InputError([Problem("--workers", 0, f"{n} is not a number of processes; give 1 or more")])
    return n or cores()


def _base(base: str) -> str:
    if not base.endswith(("/", "#")):
        raise InputError([Problem("--base", 0, f"{base!r} must end with / (instance IRIs are appended to it), "
                                               f"e.g. {base}/")])
    return base


def _manifest(path: str) -> str:
    if not Path(path).is_file():
        raise InputError([Problem("--manifest", 0, f"{path}: no such file; give the manifest of the source "
                                                   "documents (default data/manifest.csv)")])
    return path


def cmd_build(args) -> int:
    start = time.perf_counter()
    _manifest(args.manifest)
    workers, progress = _workers(args.workers), _progress(args.quiet)
    # the chart drawers import matplotlib while the documents are read (graph.outputs.ChartDrawers)
    with work_folder(args.out) as work, ChartDrawers(0 if args.no_views else workers) as charts:
        b = build(args.sources or None, manifest=args.manifest, agencies=args.agencies, base=_base(args.base),
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

    views = Views(load_store(args.graph), _base(args.base), args.theme_mentions)
    written = write_build(views, args.out, workers=_workers(args.workers))
    for warning in views.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"wrote {len(written)} files into {args.out} (open {Path(args.out) / 'index.html'})")
    return 0


def cmd_query(args) -> int:
    from recgraph import sparql
    from recgraph.query_limits import run_limited

    if args.list:
        for q in sparql.list_queries():
            print(f"{q.name:<32} {q.title}")
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
    table = run_limited(args.graph, info.text, sparql.resolve_params(info, params), engine=args.engine,
                        timeout_s=args.timeout, max_rows=args.max_rows, memory_gb=args.max_memory,
                        allow_service=args.allow_service)
    print(sparql.format_table(table, args.format), end="" if args.format in ("csv", "tsv", "json") else "\n")
    if table.truncated:
        print(f"warning: stopped after {args.max_rows} rows; raise the cap with --max-rows N", file=sys.stderr)
    return 0


def cmd_serve(args) -> int:
    import signal

    from recgraph import gateway

    def stop(signum, frame):  # SIGTERM and SIGHUP end like Ctrl-C: the server and its store go too
        raise KeyboardInterrupt

    for signum in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
        signal.signal(signum, stop)
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


def _updates_dir(args) -> Path:
    """The status-update folder the build reads: --updates, else status-updates/ beside the manifest."""
    return Path(args.updates) if args.updates else Path(args.manifest).resolve().parent / "status-updates"


def _tracked(args):
    b = build(None, manifest=args.manifest, updates=_updates_dir(args), check=False)
    return b.tracked


def _as_of(args):
    return args.as_of


def _date(value: str):
    """An option's YYYY-MM-DD date (argparse names the option when it is not one)."""
    import datetime as dt

    try:
        if len(value) == 10:
            return dt.date.fromisoformat(value)
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(f"{value!r} is not a date; expected YYYY-MM-DD, e.g. 2026-03-31")


def update_file(args) -> Path:
    """Where ``status set``/``import`` append: a bare file name goes into the update folder the build
    reads (never the current folder); any other path must lie in that folder."""
    folder = _updates_dir(args).resolve()
    name = Path(args.file) if args.file else Path("updates.csv")
    path = (folder / name if name.parent == Path(".") else name).resolve()
    if path.is_dir():
        raise InputError([Problem("--file", 0, f"{args.file} is a folder; name a .csv file in {folder}")])
    if path.parent != folder or path.suffix != ".csv":
        raise InputError([Problem("--file", 0, f"{path} is not a .csv file in {folder}, the folder the build reads "
                                               "status updates from; name a file there (or pass --updates)")])
    return path


def cmd_status_list(args) -> int:
    from recgraph import status_text, tracking

    t = _tracked(args)
    rows = tracking.status_table(t.recs, t.updates, _as_of(args))
    rows = tracking.filter_status(rows, **_filters(args), overdue=args.overdue,
                                  fiscal_year=args.fiscal_year, open_longer_than=args.open_longer_than)
    print(status_text.format_table(rows))
    return 0


def _filters(args) -> dict:
    """--theme, --agency, --kind, --status resolved by the one filter vocabulary (graph.filters)."""
    from recgraph import filters

    return {"theme": filters.resolve_theme(args.theme, args.exact) if args.theme else None,
            "agency": filters.resolve_agency(args.agency) if args.agency else None,
            "kind": filters.resolve_kind(args.kind) if args.kind else None,
            "status": filters.resolve_status(args.status) if args.status else None}


def cmd_status_show(args) -> int:
    from recgraph import status_text, tracking

    t = _tracked(args)
    if args.id not in t.recs:
        print(f"error: unknown recommendation id {args.id!r} (see `recgraph status list`)", file=sys.stderr)
        return 2
    print(status_text.format_history(t.recs[args.id], tracking.histories(t.recs, t.updates)[args.id]))
    return 0


def cmd_status_set(args) -> int:
    from recgraph import status_updates, tracking

    t = _tracked(args)
    path = update_file(args)
    update = status_updates.StatusUpdate(args.id, args.date.isoformat(), args.acceptance, args.implementation, args.note,
                                   args.evidence, args.reported_by, target_date=args.target_date or "")
    appended = status_updates.append_update(path, update, tracking.open_since_of(t.recs),
                                      others=status_updates.update_files(_updates_dir(args)))
    print(f"appended a status update for {args.id} to {path}" if appended else
          f"{path} already records this update for {args.id}; nothing appended")
    return 0


def cmd_status_template(args) -> int:
    from recgraph import filters, responses, tracking

    agency = filters.resolve_agency(args.agency)
    t = _tracked(args)
    rows = responses.template_rows(tracking.status_table(t.recs, t.updates), agency, args.year, args.open_only)
    responses.write_template(args.out, rows)
    print(f"wrote {len(rows)} recommendation(s) to {agency} into {args.out}")
    return 0


def cmd_status_import(args) -> int:
    from recgraph import responses, status_updates, tracking

    t = _tracked(args)
    source = str(args.spreadsheet)
    updates, problems = responses.to_updates(responses.read_responses(args.spreadsheet), source, args.reported_by)
    existing = status_updates.read_updates(status_updates.update_files(_updates_dir(args)), tracking.open_since_of(t.recs))
    problems += [p for p in status_updates.check_updates(existing + updates, tracking.open_since_of(t.recs))
                 if p.path == source]
    if problems:
        raise InputError(sorted(problems, key=lambda p: p.line))
    if not args.file:
        args.file = f"responses-{Path(source).stem}.csv"
    path = update_file(args)
    current = tracking.current_status(t.recs, t.updates)
    print(responses.format_changes(updates, current) or "no answered rows")
    if args.dry_run:
        print(f"dry run: would append {len(updates)} row(s) to {path} (rows already recorded are skipped)")
        return 0
    appended = status_updates.append_updates(path, updates, tracking.open_since_of(t.recs),
                                       others=status_updates.update_files(_updates_dir(args)))
    print(f"appended {len(appended)} row(s) to {path}" + (f"; {len(updates) - len(appended)} already recorded"
                                                          if len(appended) < len(updates) else ""))
    return 0


def cmd_status_summary(args) -> int:
    from recgraph import status_text, tracking

    t = _tracked(args)
    result = tracking.summary(tracking.status_table(t.recs, t.updates, _as_of(args)), _as_of(args))
    print(json.dumps(result, ensure_ascii=False, indent=2, default=str) if args.json else status_text.format_summary(result))
    return 0


def cmd_ids_sync(args) -> int:
    import datetime as dt

    from recgraph import extract, ledger
    from recgraph.build import new_resolver
    from recgraph.source import load_manifest, manifest_sources, read_reports

    path = Path(args.ledger) if args.ledger else ledger.ledger_path(args.manifest)
    rows = ledger.load_ledger(path)
    reports = read_reports(args.sources or manifest_sources(args.manifest), load_manifest(args.manifest))
    rules, resolver = extract.load_rules(), new_resolver()  # ministry codes only
    changes, sha = [], {}
    for report in reports:
        key = ledger.report_key(resolver.ministry_code(report.ministry), report.fiscal_year)
        changes += ledger.assign_ids(key, extract.extract_report(report, rules), rows)[1]
        sha[key] = report.sha256
    print(ledger.format_changes(changes, args.dry_run))
    if not args.dry_run:
        ledger.write_ledger(path, ledger.sync_rows(rows, changes, sha, dt.date.today().isoformat()))
        print(f"wrote {path}")
    return 0


def cmd_quality(args) -> int:
    from recgraph import quality
    from recgraph.themes import load_taxonomy

    if args.errors and not args.against:
        raise InputError([Problem("--errors", 0, "--errors needs --against GOLD (the gold annotations to compare with)")])
    if not args.against:
        counts = quality.plan_counts(build(args.sources or None, manifest=_manifest(args.manifest), check=False))
        print(json.dumps([c.__dict__ for c in counts], ensure_ascii=False, indent=2) if args.json
              else quality.format_quality(counts))
        return 0
    taxonomy = load_taxonomy()
    golds = [quality.load_gold(f, taxonomy) for f in quality.gold_files(args.against)]
    b = build([g["document"] for g in golds], manifest=_manifest(args.manifest), check=False)
    if args.errors:
        errors = quality.theme_errors(b, golds, taxonomy)
        print(json.dumps(errors, ensure_ascii=False, indent=2) if args.json else quality.format_errors(errors))
        return 0
    result = quality.against(b, golds, taxonomy)
    print(json.dumps(result, ensure_ascii=False, indent=2) if args.json else quality.format_scores(result))
    return 0


def cmd_themes_review(args) -> int:
    from recgraph import theme_reviews as R

    _manifest(args.manifest)
    last = args.previous or ("out/plan_themes.csv" if Path("out/plan_themes.csv").is_file() else None)
    previous = R.previous_links(last) if last else None
    b = build(args.sources or None, manifest=args.manifest, check=False)
    by_item = R.mentions_by_item(b)
    found = R.candidates(by_item, previous)[:args.limit or None]
    stale = R.unmatched(R.load_reviews(), by_item)
    print(R.format_candidates(found, stale, R.DEFAULT_REVIEWS))
    if args.write:
        with open(args.write, "a", encoding="utf-8", newline="") as f:
            if f.tell() == 0:
                f.write(",".join(R.COLUMNS) + "\r\n")
            f.write(R.review_rows(found))
        print(f"appended {len(found)} row(s) to {args.write}: fill in decision (accept or reject), reviewer and date")
    return 0


def format_summary(s: dict, out: str, written: list[Path]) -> str:
    lines = [f"Built {len(s['documents'])} document(s) into {len(written)} file(s) in {out}:"]
    for d in s["documents"]:
        lines.append(f"  {d['file']}: {d['title']} (FY{d['fiscal_year']}, {d['plans']} plans, {d['encoding']})")
    lines.append(f"  validated with: {s['validator']}")
    for key in ("plans", "evaluations", "paragraphs", "sentences", "truncated_opinions", "themes",
                "theme_mentions", "recommendations", "figures", "agency_mentions", "triples"):
        lines.append(f"  {key.replace('_', ' ')}: {s[key]}")
    for key in ("agencies", "control_levels", "categories"):
        lines.append(f"  {key.replace('_', ' ')}: " + ", ".join(f"{k} {v}" for k, v in s[key].items()))
    lines.append(f"  warnings: {len(s['warnings'])}")
    lines += [f"    {w}" for w in s["warnings"]]
    lines.append("  seconds: " + ", ".join(f"{k} {v:.2f}" for k, v in s["seconds"].items()))
    return "\n".join(lines)


def _positive(text: str) -> float:
    """A finite number above zero, for limits."""
    import math

    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, not {text!r}") from None
    if not (math.isfinite(value) and value > 0):
        raise argparse.ArgumentTypeError(f"expected a number above zero, not {text!r}")
    return value


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
    qy.add_argument("--timeout", type=_positive, default=60.0, metavar="SECONDS",
                    help="stop a query running longer than this (default: 60)")
    qy.add_argument("--max-rows", type=int, default=100_000, metavar="N",
                    help="print at most N rows, with a warning when there were more (default: 100000)")
    qy.add_argument("--max-memory", type=_positive, default=4.0, metavar="GB",
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
    sv.add_argument("--timeout", type=_positive, default=10.0, metavar="SECONDS",
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

    st = sub.add_parser("status", help="recommendation tracking: list, show, set, summary")
    st_sub = st.add_subparsers(dest="status_command", required=True)

    def status_parser(name, help, func):
        sp = st_sub.add_parser(name, help=help)
        sp.add_argument("--manifest", default=str(DEFAULT_MANIFEST), help="manifest of source documents")
        sp.add_argument("--updates", default=None, help="status-update folder or file (default data/status-updates)")
        sp.set_defaults(func=func)
        return sp

    sl = status_parser("list", "list recommendations with their current status", cmd_status_list)
    sl.add_argument("--agency", help="code, zh-Hant or English name, or short name (數產署)")
    sl.add_argument("--theme", help="id (ai), theme:ai, or a zh-Hant/English label; narrower themes included")
    sl.add_argument("--exact", action="store_true", help="--theme without its narrower themes")
    sl.add_argument("--kind", help="recommendation kind: id or label")
    sl.add_argument("--status", help="acceptance or implementation status, or a GAO/IG term (open, closed ...)")
    sl.add_argument("--overdue", action="store_true", help="only open recommendations past their latest target date")
    sl.add_argument("--fiscal-year", type=int, metavar="YEAR", help="only recommendations of this fiscal year (e.g. 2025)")
    sl.add_argument("--open-longer-than", type=int, metavar="DAYS", help="only recommendations open for more than DAYS days")
    sl.add_argument("--as-of", type=_date, help="date for ages, YYYY-MM-DD (default today)")
    ss = status_parser("show", "the full status history of one recommendation", cmd_status_show)
    ss.add_argument("id", help="recommendation id, e.g. moda-2025-P04-R1")
    se = status_parser("set", "validate and append one status update (past rows are never rewritten)", cmd_status_set)
    se.add_argument("id")
    se.add_argument("--date", required=True, type=_date, help="YYYY-MM-DD")
    se.add_argument("--acceptance"), se.add_argument("--implementation")
    se.add_argument("--note", default=""), se.add_argument("--evidence", default="")
    se.add_argument("--reported-by", default="")
    se.add_argument("--target-date", help="YYYY-MM-DD the agency now expects to finish (optional)")
    se.add_argument("--file", default=None, help="update file in the update folder (default updates.csv there)")
    tp = status_parser("template", "a spreadsheet of an agency's recommendations for it to answer", cmd_status_template)
    tp.add_argument("--agency", required=True, help="code, zh-Hant or English name, or short name (數產署)")
    tp.add_argument("--year", type=int, help="only recommendations of this fiscal year")
    tp.add_argument("--open-only", action="store_true", help="only recommendations still open")
    tp.add_argument("--out", required=True, help="FILE.xlsx (with drop-down status lists) or FILE.csv")
    im = status_parser("import", "validate an answered template and append its rows as status updates",
                       cmd_status_import)
    im.add_argument("spreadsheet", help="the answered FILE.xlsx or FILE.csv")
    im.add_argument("--reported-by", default="受建議機關回復 (agency response)", help="who answered (a role or agency)")
    im.add_argument("--file", default=None, help="update file in the update folder (default responses-FILE.csv)")
    im.add_argument("--dry-run", action="store_true", help="validate and show what would change; write nothing")
    su = status_parser("summary", "the rates audit offices publish", cmd_status_summary)
    su.add_argument("--as-of", type=_date, help="date for ages, YYYY-MM-DD (default today)")
    su.add_argument("--json", action="store_true")

    ids = sub.add_parser("ids", help="the recommendation-id ledger (data/recommendation-ids.csv)")
    ids_sub = ids.add_subparsers(dest="ids_command", required=True)
    sy = ids_sub.add_parser("sync", help="record new, changed-text and retired recommendation ids in the ledger")
    sy.add_argument("sources", nargs="*", help="source documents (default: every file in data/manifest.csv)")
    sy.add_argument("--manifest", default=str(DEFAULT_MANIFEST), help="manifest of source documents")
    sy.add_argument("--ledger", default=None, help="ledger file (default: recommendation-ids.csv beside the manifest)")
    sy.add_argument("--dry-run", action="store_true", help="show kept / new / changed-text / retired; write nothing")
    sy.set_defaults(func=cmd_ids_sync)

    th = sub.add_parser("themes", help="theme curation: list the tags most worth a reviewer's decision")
    th_sub = th.add_subparsers(dest="themes_command", required=True)
    tr = th_sub.add_parser("review", help="list theme links worth reviewing (weak words, single mentions, "
                                          "mixed roles, new since --previous) and optionally write review rows")
    tr.add_argument("sources", nargs="*", help="source documents (default: every file in data/manifest.csv)")
    tr.add_argument("--manifest", default=str(DEFAULT_MANIFEST), help="manifest of source documents")
    tr.add_argument("--previous", metavar="PLAN_THEMES_CSV", help="plan_themes.csv of an earlier build: links "
                                                                  "it lacked are listed as new (default "
                                                                  "out/plan_themes.csv when it exists)")
    tr.add_argument("--write", metavar="FILE", help="append the listed links as undecided rows to FILE "
                                                   "(e.g. data/theme-reviews.csv)")
    tr.add_argument("--limit", type=int, default=0, help="list at most this many links")
    tr.set_defaults(func=cmd_themes_review)

    q = sub.add_parser("quality", help="per plan, how many themes, recommendations and figures were extracted",
                       description="Per plan, how many themes, recommendations and figures were extracted, and "
                                   "the plans where any is zero: where to look for missed text.")
    q.add_argument("sources", nargs="*", help="source documents (default: every file in data/manifest.csv)")
    q.add_argument("--manifest", default=str(DEFAULT_MANIFEST),
                   help="manifest of source documents (default: data/manifest.csv)")
    q.add_argument("--against", metavar="FILE_OR_DIR",
                   help="gold annotations (a *.gold.json file or a folder of them, e.g. tests/dev): print "
                        "precision, recall and F1 per document, per theme and overall")
    q.add_argument("--errors", action="store_true",
                   help="with --against: list every false-positive and false-negative theme link with the "
                        "plan's mentions of the theme (role, rule, quote in its sentence) instead of the scores")
    q.add_argument("--json", action="store_true", help="print the result as JSON")
    q.set_defaults(func=cmd_quality)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:  # output piped into head & co.: stop quietly
        sys.stderr.close()
        return 141
    except KeyboardInterrupt:
        print("interrupted; --out was left as it was", file=sys.stderr)
        return 130
    except Exception as e:
        if args.debug:
            raise
        return report_error(e)


def report_error(e: Exception) -> int:
    """Print what went wrong for a user, without a traceback; the exit code for it."""
    from recgraph.endpoint import EndpointError
    from recgraph.sparql import QueryError

    if isinstance(e, InputError):
        print(f"error: {len(e.problems)} problem(s) in the input; nothing was written:", file=sys.stderr)
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
        print(f"error: {e.filename or ''}: {e.strerror or e}; nothing was written", file=sys.stderr)
        return 5
    print(f"error: internal error ({type(e).__name__}: {e}); run again with --debug for the traceback "
          "and report it", file=sys.stderr)
    return 70

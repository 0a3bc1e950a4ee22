"""The ``recgraph status`` commands: recommendation tracking (list, show, set, template, import,
summary) over the build's status history, and where status updates are appended."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from recgraph import cli_options as options
from recgraph.model import InputError, Problem
from recgraph.pipeline import build
from recgraph.source import DEFAULT_MANIFEST


def _updates_dir(args) -> Path:
    """The status-update folder the build reads: --updates, else status-updates/ beside the manifest."""
    return Path(args.updates) if args.updates else Path(args.manifest).resolve().parent / "status-updates"


def _tracked(args):
    b = build(None, manifest=args.manifest, updates=_updates_dir(args), check=False)
    return b.tracked


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
    rows = tracking.status_table(t.recs, t.updates, args.as_of)
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
        fresh = status_updates.unrecorded(updates, existing)
        print(f"dry run: would append {len(fresh)} row(s) to {path}"
              + (f"; {len(updates) - len(fresh)} already recorded" if len(fresh) < len(updates) else ""))
        return 0
    appended = status_updates.append_updates(path, updates, tracking.open_since_of(t.recs),
                                       others=status_updates.update_files(_updates_dir(args)))
    print(f"appended {len(appended)} row(s) to {path}" + (f"; {len(updates) - len(appended)} already recorded"
                                                          if len(appended) < len(updates) else ""))
    return 0


def cmd_status_summary(args) -> int:
    from recgraph import status_text, tracking

    t = _tracked(args)
    result = tracking.summary(tracking.status_table(t.recs, t.updates, args.as_of), args.as_of)
    print(json.dumps(result, ensure_ascii=False, indent=2, default=str) if args.json else status_text.format_summary(result))
    return 0


def add_commands(sub) -> None:
    """``recgraph status ...``, on the CLI's subcommand parsers ``sub``."""
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
    sl.add_argument("--as-of", type=options.date, help="date for ages, YYYY-MM-DD (default today)")
    ss = status_parser("show", "the full status history of one recommendation", cmd_status_show)
    ss.add_argument("id", help="recommendation id, e.g. moda-2025-P04-R1")
    se = status_parser("set", "validate and append one status update (past rows are never rewritten)", cmd_status_set)
    se.add_argument("id")
    se.add_argument("--date", required=True, type=options.date, help="YYYY-MM-DD")
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
    su.add_argument("--as-of", type=options.date, help="date for ages, YYYY-MM-DD (default today)")
    su.add_argument("--json", action="store_true")

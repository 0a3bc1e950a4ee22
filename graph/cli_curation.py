"""The curation commands: ``recgraph ids sync`` (the recommendation-id ledger), ``themes review``
(theme links worth a reviewer's decision) and ``quality`` (what was extracted, or scores against
gold annotations)."""

from __future__ import annotations

import json
from pathlib import Path

from recgraph import cli_options as options
from recgraph.model import InputError, Problem
from recgraph.pipeline import build
from recgraph.source import DEFAULT_MANIFEST


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

    if (args.errors or args.second) and not args.against:
        flag = "--errors" if args.errors else "--second"
        raise InputError([Problem(flag, 0, f"{flag} needs --against GOLD (the gold annotations to compare with)")])
    if not args.against:
        counts = quality.plan_counts(build(args.sources or None, manifest=options.manifest(args.manifest), check=False))
        print(json.dumps([c.__dict__ for c in counts], ensure_ascii=False, indent=2) if args.json
              else quality.format_quality(counts))
        return 0
    taxonomy = load_taxonomy()
    golds = [quality.load_gold(f, taxonomy) for f in quality.gold_files(args.against)]
    if args.second:
        seconds = [quality.load_gold(f, taxonomy) for f in quality.gold_files(args.second)]
        result = quality.agreement(golds, seconds, taxonomy)
        print(json.dumps(result, ensure_ascii=False, indent=2) if args.json else quality.format_scores(result))
        return 0
    b = build([g["document"] for g in golds], manifest=options.manifest(args.manifest), check=False)
    if args.errors:
        errors = quality.theme_errors(b, golds, taxonomy) + quality.item_errors(b, golds)
        print(json.dumps(errors, ensure_ascii=False, indent=2) if args.json else quality.format_errors(errors))
        return 0
    result = quality.against(b, golds, taxonomy)
    print(json.dumps(result, ensure_ascii=False, indent=2) if args.json else quality.format_scores(result))
    return 0


def cmd_themes_review(args) -> int:
    from recgraph import theme_reviews as R

    options.manifest(args.manifest)
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


def _training_examples(folder: str, rules) -> list:
    """Every plan annotated with themes in ``folder``'s gold files, as the rules alone (``rules``) read it."""
    from recgraph import extract, quality
    from recgraph import theme_model as M
    from recgraph.source import load_manifest, read_report
    from recgraph.theme_roles import PLAN_NAME, SUBJECT, subject_themes
    from recgraph.themes import with_broader

    manifest_file = Path(folder) / "manifest.csv"
    manifest = load_manifest(manifest_file) if manifest_file.is_file() else None
    examples = []
    for gold in [quality.load_gold(f, rules.taxonomy) for f in quality.gold_files(folder)]:
        rows = {r.serial: r for r in read_report(gold["document"], manifest).rows}
        for serial, plan in sorted(gold["plans"].items()):
            if "themes" not in plan or serial not in rows:
                continue
            found = extract.extract_row(rows[serial], rules).themes
            examples.append(M.Example(M.plan_text(rows[serial]), frozenset(with_broader(plan["themes"], rules.taxonomy)),
                                      frozenset(subject_themes(found)), frozenset(m.theme for m in found), gold["name"],
                                      frozenset(m.theme for m in found if m.role == SUBJECT and m.reason == PLAN_NAME),
                                      frozenset(with_broader(subject_themes(found), rules.taxonomy))))
    return examples


def cmd_themes_train(args) -> int:
    from recgraph import extract
    from recgraph import theme_model as M
    from recgraph.analysis_io import atomic_write

    rules = extract.load_rules(model=None)  # what the rules alone read
    examples = [e for folder in args.against for e in _training_examples(folder, rules)]
    blind = M.read_names(args.blind) if args.blind else set()
    unknown = sorted(blind - {e.document for e in examples})
    if unknown:
        raise InputError([Problem(args.blind, 0, "no gold annotation of " + ", ".join(unknown))])
    model = M.train(examples, sorted(rules.taxonomy.concepts), blind, keep=args.keep)
    command = " ".join(["recgraph themes train", *(f"--against {a}" for a in args.against),
                        *([f"--blind {args.blind}"] if args.blind else [])])
    header = (f"# Written by `{command}` from {len(examples)} annotated plans, acts trusted on {len(blind)} "
              f"blind documents; do not edit (graph/theme_model.py).\n")
    atomic_write(Path(args.write), header + "".join("\t".join(r) + "\n" for r in [M.COLUMNS, *M.model_rows(model)]))
    acting = {t: a for t, a in sorted(model.acts.items()) if a}
    print(f"{len(model.intercepts)} themes, {sum(map(len, model.weights.values()))} weights from "
          f"{len(examples)} plans: {args.write}")
    print("acts: " + ("; ".join(f"{t} {' '.join(a)}" for t, a in acting.items()) or "none"))
    return 0


def add_commands(sub) -> None:
    """``recgraph ids sync``, ``recgraph themes review`` and ``recgraph quality``, on the CLI's
    subcommand parsers ``sub``."""
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
    tt = th_sub.add_parser("train", help="train the theme model (data/theme-model.tsv) on gold annotations",
                           description="Fit the second reader of themes (graph/theme_model.py) on every plan "
                                       "of the gold annotations in each folder and write its weights.")
    tt.add_argument("--against", metavar="DIR", action="append", required=True,
                    help="a folder of *.gold.json files and their manifest.csv (repeat: tests/dev, tests/heldout)")
    tt.add_argument("--blind", metavar="FILE", help="names of gold documents (one per line) that neither the rules "
                                                    "nor the model have seen: the model acts on a theme only "
                                                    "where it was right on them (e.g. tests/heldout/blind.txt)")
    tt.add_argument("--write", metavar="FILE", default="data/theme-model.tsv", help="where to write the weights")
    tt.add_argument("--keep", type=int, default=1000, help="weights kept per theme, the largest first")
    tt.set_defaults(func=cmd_themes_train)

    q = sub.add_parser("quality", help="per plan, how many themes, recommendations and figures were extracted",
                       description="Per plan, how many themes, recommendations and figures were extracted, and "
                                   "the plans where any is zero: where to look for missed text.")
    q.add_argument("sources", nargs="*", help="source documents (default: every file in data/manifest.csv)")
    q.add_argument("--manifest", default=str(DEFAULT_MANIFEST),
                   help="manifest of source documents (default: data/manifest.csv)")
    q.add_argument("--against", metavar="FILE_OR_DIR",
                   help="gold annotations (a *.gold.json file or a folder of them, e.g. tests/dev): print "
                        "precision, recall and F1 per document, per theme and overall")
    q.add_argument("--second", metavar="FILE_OR_DIR",
                   help="with --against: score these annotations of the same documents by a second person "
                        "instead of a build (how far two readers agree, e.g. tests/heldout/second)")
    q.add_argument("--errors", action="store_true",
                   help="with --against: list every false-positive and false-negative theme link with the "
                        "plan's mentions of the theme (role, rule, quote in its sentence), then every "
                        "recommendation and figure missed or added, instead of the scores")
    q.add_argument("--json", action="store_true", help="print the result as JSON")
    q.set_defaults(func=cmd_quality)

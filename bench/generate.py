"""Write SYNTHETIC evaluation-result documents in the real table format, for scale benchmarks.

Sentences are recombined from the seed's opinions; ministries come from the agency table and
fiscal years count back from the seed's.  Every title ends in （合成資料） ("synthetic data") and
files go under bench/corpus/, never data/.  Deterministic for a given --seed.

Beside them, ``status-updates.csv`` (the format of data/status-updates): the agencies' replies to
the recommendations, so that current statuses vary as in a tracked corpus (a bound status narrows
a query) instead of every one being pending-response / open.  Pass it to the build as ``updates``.

    python bench/generate.py --scale 10          # 10 x the seed: 410 plan evaluations
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from recgraph.agencies import load_agencies  # noqa: E402
from recgraph.iris import recommendation_id  # noqa: E402
from recgraph.ledger import assign_ids, ledger_path, load_ledger, report_key  # noqa: E402
from recgraph.model import Extraction  # noqa: E402
from recgraph.parse import parse_table  # noqa: E402
from recgraph.recommendations import extract_recommendations  # noqa: E402
from recgraph.source import DEFAULT_MANIFEST, load_manifest, manifest_sources, read_report  # noqa: E402
from recgraph.status_updates import COLUMNS as UPDATE_COLUMNS  # noqa: E402

HEADER = "序號\t計畫名稱\t主辦單位\t管制級別\t計畫類別\t評核意見"
LEVELS = ["部會管制", "自行管制", "院管制", "部會 管制"]
CATEGORIES = ["公共建設", "社會發展", "科技計畫(前瞻)", "一般科技"]
ORDINALS = "一二三四"
PLANS_PER_DOCUMENT = 41
PAGE = 6
UPDATES = "status-updates.csv"

# The agencies' replies (辦理情形), by how many fiscal years a report is older than the newest: a
# share of the newest year's recommendations answered so far, most of the older ones; a second,
# later round (the evaluators' follow-up) for some older ones still open.  Weights as (token, weight).
ANSWERED = {0: 0.4, 1: 0.8}                     # age in years -> share answered (older: the last)
FOLLOWED_UP = 0.3                               # share of the still-open answers two or more years old
ACCEPTANCE = [("accepted", 65), ("partially-accepted", 20), ("not-accepted", 15)]
IMPLEMENTATION = [("in-progress", 70), ("partially-implemented", 15), ("implemented", 15)]
NOT_ACCEPTED = [("", 50), ("not-implemented", 50)]   # "": the reply states no implementation (stays open)
FOLLOW_UP = [("implemented", 60), ("partially-implemented", 20), ("in-progress", 10), ("superseded", 10)]
NOTES = ["已納入年度工作計畫辦理", "將於下年度檢討辦理", "已函請所屬機關配合辦理", "已完成相關規劃並持續追蹤",
         "經評估暫不具可行性", "已修正計畫內容並陳報核定"]
CLOSED = {"implemented", "not-implemented", "superseded"}


def seed_material():
    """Sentences by paragraph position, plan names, and the seed's agencies."""
    report = read_report(manifest_sources()[0], load_manifest())
    by_position: dict[int, list[str]] = {}
    for row in report.rows:
        for p in row.paragraphs:
            by_position.setdefault(p.index, []).extend(s.text for s in p.sentences)
    return by_position, [row.name for row in report.rows], sorted({row.agency for row in report.rows})


def generate(scale: int, seed: int = 114) -> dict[str, str]:
    """File name -> text for ``scale`` x 41 plan evaluations (41 per document)."""
    rng = random.Random(seed)
    sentences, names, moda_agencies = seed_material()
    table = load_agencies()
    ministries = [a for a in table.agencies if a.level in ("ministry", "council")]
    docs = {}
    for d in range(scale):
        ministry = ministries[d % len(ministries)]
        roc_year = 114 - d // len(ministries)
        agencies = moda_agencies if ministry.code == "moda" else [ministry.name_zh]
        lines = ["", ""]
        # Plans persist across years: the name depends on the ministry and a slot, not the year.
        for serial in range(1, PLANS_PER_DOCUMENT + 1):
            if (serial - 1) % PAGE == 0:
                lines += [f"## {ministry.name_zh}及所屬機關{roc_year}年度個案管制計畫評核結果（合成資料）", "", HEADER]
            slot = rng.randrange(PLANS_PER_DOCUMENT * 2)
            name = f"{names[slot % len(names)]}（第{slot // len(names) + 1}期）"
            paragraphs = []
            for i in range(rng.choice([2, 2, 3])):
                pool = sentences.get(i + 1) or sentences[1]
                body = "".join(rng.sample(pool, k=min(len(pool), rng.choice([1, 2, 3]))))
                paragraphs.append(f"<p>{ORDINALS[i]}、{body}</p>")
            lines.append("\t".join([str(serial), name, rng.choice(agencies), rng.choice(LEVELS),
                                    rng.choice(CATEGORIES), " ".join(paragraphs)]))
        docs[f"synthetic-{ministry.code}-{roc_year}.txt"] = "\n".join(lines) + "\n"
    return docs


def _pick(rng: random.Random, weighted: list[tuple[str, int]]) -> str:
    return rng.choices([v for v, _ in weighted], [w for _, w in weighted])[0]


def recommendation_ids(name: str, text: str, ledger: list[dict]) -> tuple[int, list[str]]:
    """A generated document's fiscal year and the ids the build will give its recommendations
    (extracted and numbered as the build does, the ledger included)."""
    code = name.removeprefix("synthetic-").removesuffix(".txt").rsplit("-", 1)[0]
    table, _ = parse_table(text, name)
    year = table.roc_year + 1911
    found = {row.serial: Extraction(recommendations=extract_recommendations(row)) for row in table.rows}
    numbered, _ = assign_ids(report_key(code, year), found, ledger)
    return year, [recommendation_id(code, year, serial, rec.index)
                  for serial, ex in sorted(numbered.items()) for rec in ex.recommendations]


def _replies(rng: random.Random, rid: str, age: int, first: dt.date, later: dt.date) -> list[list[str]]:
    """One recommendation's update rows: none, the agency's reply, or the reply and a follow-up."""
    if rng.random() >= ANSWERED.get(age, ANSWERED[max(ANSWERED)]):
        return []
    acceptance = _pick(rng, ACCEPTANCE)
    implementation = _pick(rng, NOT_ACCEPTED if acceptance == "not-accepted" else IMPLEMENTATION)
    evidence = f"{first.year - 1911}年度工作計畫" if rng.random() < 0.2 else ""
    target = (first + dt.timedelta(days=365)).isoformat() if implementation == "in-progress" and rng.random() < 0.3 else ""
    rows = [[rid, first.isoformat(), acceptance, implementation, rng.choice(NOTES), evidence, "主辦機關自評", target]]
    if age >= 2 and implementation not in CLOSED and acceptance != "not-accepted" and rng.random() < FOLLOWED_UP:
        rows.append([rid, later.isoformat(), "", _pick(rng, FOLLOW_UP), rng.choice(NOTES), "", "評核委員", ""])
    return rows


def status_updates(docs: dict[str, str], seed: int = 114) -> str:
    """``status-updates.csv`` for generated documents: replies dated in batches (one date per report
    and round, 1.5-4 months after the report counts as open, a follow-up a year later), from a random
    stream of their own, so the documents are the same with or without them."""
    rng = random.Random(seed * 7919 + 1)
    ledger = load_ledger(ledger_path(DEFAULT_MANIFEST))
    reports = [(name, *recommendation_ids(name, text, ledger)) for name, text in sorted(docs.items())]
    newest = max((year for _, year, _ in reports), default=0)
    buf = io.StringIO()
    out = csv.writer(buf, lineterminator="\n")
    out.writerow(UPDATE_COLUMNS)
    for name, year, ids in reports:
        first = dt.date(year, 12, 31) + dt.timedelta(days=rng.randrange(45, 120))
        later = first + dt.timedelta(days=365)
        for rid in ids:
            out.writerows(_replies(rng, rid, newest - year, first, later))
    return buf.getvalue()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=int, required=True, help="multiple of the seed (1, 10, 100, 1000)")
    ap.add_argument("--seed", type=int, default=114)
    ap.add_argument("--out", type=Path, default=None, help="folder (default bench/corpus/{scale}x)")
    args = ap.parse_args(argv)
    out = args.out or ROOT / "bench" / "corpus" / f"{args.scale}x"
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("synthetic-*.txt"):
        old.unlink()
    docs = generate(args.scale, args.seed)
    for name, text in docs.items():
        (out / name).write_text(text, encoding="utf-8")
    (out / UPDATES).write_text(status_updates(docs, args.seed), encoding="utf-8")
    print(f"wrote {len(docs)} synthetic documents ({len(docs) * PLANS_PER_DOCUMENT} plan evaluations) and "
          f"their status updates ({UPDATES}) to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

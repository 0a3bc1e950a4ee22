"""Write SYNTHETIC evaluation-result documents in the real table format, for scale benchmarks.

Sentences are recombined from the seed's opinions; ministries come from the agency table and
fiscal years count back from the seed's.  Every title ends in （合成資料） ("synthetic data") and
files go under bench/corpus/, never data/.  Deterministic for a given --seed.

    python bench/generate.py --scale 10          # 10 x the seed: 410 plan evaluations
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from recgraph.agencies import load_agencies  # noqa: E402
from recgraph.source import load_manifest, manifest_sources, read_report  # noqa: E402

HEADER = "序號\t計畫名稱\t主辦單位\t管制級別\t計畫類別\t評核意見"
LEVELS = ["部會管制", "自行管制", "院管制", "部會 管制"]
CATEGORIES = ["公共建設", "社會發展", "科技計畫(前瞻)", "一般科技"]
ORDINALS = "一二三四"
PLANS_PER_DOCUMENT = 41
PAGE = 6


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
    print(f"wrote {len(docs)} synthetic documents ({len(docs) * PLANS_PER_DOCUMENT} plan evaluations) to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Extraction quality: per-plan counts, and precision/recall against hand-made gold annotations.

Gold files (``tests/dev/NAME.gold.json``) hold, per plan of one document, what a reader found::

    {"document": "path/in/repo.txt",
     "plans": {"1": {"lead_agency": "moda-adi", "themes": ["cloud", ...],
                     "recommendations": ["text of each item", ...],
                     "figures": [{"value": "150家次", "number": 150, "unit": "家次", "role": "result"}]}}}

A field absent from a plan is not scored for that plan.  How each is compared:

* themes: the plan's subject themes with their broader themes (a plan about agentic AI is a plan
  about AI) against the gold themes with theirs;
* recommendations: one-to-one, best pairs first, when the texts' similarity
  (:class:`difflib.SequenceMatcher` ratio) is at least :data:`REC_THRESHOLD`;
* figures: (number, unit) pairs, as multisets;
* lead agencies: resolved when the agency table resolves the lead-agency cell to the gold code.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from difflib import SequenceMatcher
from pathlib import Path

from recgraph.build import Build
from recgraph.model import Extraction, InputError, Problem
from recgraph.theme_roles import segment_texts, subject_themes
from recgraph.themes import Taxonomy, ancestors, with_broader

REC_THRESHOLD = 0.8
"""Two recommendation texts match when their SequenceMatcher ratio reaches this (0.8 tolerates a
different cut at the start or end of an item, not a different item)."""
MEASURES = ("themes", "recommendations", "figures")
ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class PlanCounts:
    fiscal_year: int
    serial: int
    name: str
    themes: int
    recommendations: int
    figures: int

    @property
    def zeros(self) -> list[str]:
        return [k for k in ("themes", "recommendations", "figures") if getattr(self, k) == 0]


def plan_counts(b: Build) -> list[PlanCounts]:
    """Per plan: subject themes, recommendations and figures extracted."""
    out = []
    for report, extractions in zip(b.reports, b.extractions):
        for row in report.rows:
            ex = extractions.get(row.serial, Extraction())
            out.append(PlanCounts(report.fiscal_year, row.serial, row.name, len(subject_themes(ex.themes)),
                                  len(ex.recommendations), len(ex.figures)))
    return out


def format_quality(counts: list[PlanCounts]) -> str:
    """A fixed-width table of every plan, then the plans with a zero count."""
    lines = [f"{'year':<5} {'plan':>4}  {'themes':>6} {'recs':>4} {'figs':>4}  name"]
    for c in counts:
        lines.append(f"{c.fiscal_year:<5} {c.serial:>4}  {c.themes:>6} {c.recommendations:>4} {c.figures:>4}  {c.name}")
    missing = [c for c in counts if c.zeros]
    lines.append("")
    lines.append(f"{len(missing)} of {len(counts)} plans have a zero count:")
    for c in missing:
        lines.append(f"  {c.fiscal_year} plan {c.serial} ({c.name}): no {', no '.join(c.zeros)}")
    return "\n".join(lines)


# -- gold annotations

def gold_files(path: str | Path) -> list[Path]:
    """``path`` itself, or every ``*.gold.json`` in the folder ``path``, sorted."""
    path = Path(path)
    if path.is_dir():
        files = sorted(path.glob("*.gold.json"))
        if not files:
            raise InputError([Problem(str(path), 0, "no *.gold.json file in this folder")])
        return files
    if not path.is_file():
        raise InputError([Problem(str(path), 0, "no such gold file or folder (--against)")])
    return [path]


def load_gold(path: Path, taxonomy: Taxonomy) -> dict:
    """One gold file, checked: ``{"document": Path, "name": str, "plans": {serial: {...}}}``."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        raise InputError([Problem(str(path), e.lineno, f"not valid JSON: {e.msg}")]) from None
    problems = []
    doc = data.get("document") if isinstance(data, dict) else None
    if not isinstance(doc, str) or not (ROOT / doc).is_file():
        problems.append(Problem(str(path), 1, f"\"document\" must name a file of the repository, not {doc!r}"))
    plans = data.get("plans") if isinstance(data, dict) else None
    if not isinstance(plans, dict):
        problems.append(Problem(str(path), 1, "\"plans\" must map plan serials to annotations"))
        plans = {}
    for serial, plan in plans.items():
        unknown = sorted(set(plan.get("themes", ())) - set(taxonomy.concepts))
        if not serial.isdigit():
            problems.append(Problem(str(path), _line(path, f'"{serial}"'), f"plan key {serial!r} is not a serial number"))
        if unknown:
            problems.append(Problem(str(path), _line(path, f'"{serial}"'),
                                    f"plan {serial}: unknown theme id(s) {', '.join(unknown)} (see ontology/themes.ttl)"))
        if not all(isinstance(r, str) for r in plan.get("recommendations", ())):
            problems.append(Problem(str(path), _line(path, f'"{serial}"'),
                                    f"plan {serial}: \"recommendations\" must be a list of the items' texts"))
        if not all(isinstance(f, dict) and "number" in f for f in plan.get("figures", ())):
            problems.append(Problem(str(path), _line(path, f'"{serial}"'),
                                    f"plan {serial}: each figure must be an object with its \"number\""))
    if problems:
        raise InputError(problems)
    return {"document": ROOT / doc, "name": path.name.removesuffix(".gold.json"),
            "plans": {int(k): v for k, v in plans.items()}}


def _line(path: Path, needle: str) -> int:
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip().startswith(needle):
            return n
    return 1


def predictions(b: Build, report_index: int) -> dict[int, dict]:
    """What the build found for each plan of one report, in the shape of the gold annotations."""
    out = {}
    report = b.reports[report_index]
    for row in report.rows:
        ex = b.extractions[report_index].get(row.serial, Extraction())
        lead = b.resolver.agencies.resolve(row.agency, b.resolver.ministry_code(report.ministry), report.fiscal_year)
        out[row.serial] = {"lead_agency": lead.code if lead else None,
                           "themes": subject_themes(ex.themes),
                           "recommendations": [r.text for r in ex.recommendations],
                           "figures": [{"number": f.value, "unit": f.unit} for f in ex.figures]}
    return out


def _number(value) -> Decimal | None:
    try:
        return Decimal(str(value)).normalize()
    except (InvalidOperation, ValueError):
        return None


def _text_pairs(gold: list[str], found: list[str]) -> dict[int, int]:
    """The one-to-one pairs (gold index -> found index) that reach :data:`REC_THRESHOLD`, best first."""
    pairs = sorted(((SequenceMatcher(None, g, f).ratio(), i, j) for i, g in enumerate(gold)
                    for j, f in enumerate(found)), reverse=True)
    matched: dict[int, int] = {}
    for ratio, i, j in pairs:
        if ratio < REC_THRESHOLD:
            break
        if i not in matched and j not in matched.values():
            matched[i] = j
    return matched


def _counts(gold: dict, found: dict, taxonomy: Taxonomy) -> dict[str, tuple[int, int, int]]:
    """(true positives, gold size, found size) of each measure present in the gold plan."""
    out = {}
    if "themes" in gold:
        g, f = set(with_broader(gold["themes"], taxonomy)), set(with_broader(found["themes"], taxonomy))
        out["themes"] = (len(g & f), len(g), len(f))
    if "recommendations" in gold:
        g, f = list(gold["recommendations"]), list(found["recommendations"])
        out["recommendations"] = (len(_text_pairs(g, f)), len(g), len(f))
    if "figures" in gold:
        g = Counter((_number(x.get("number")), x.get("unit", "")) for x in gold["figures"])
        f = Counter((_number(x["number"]), x["unit"]) for x in found["figures"])
        out["figures"] = (sum((g & f).values()), sum(g.values()), sum(f.values()))
    return out


def prf(tp: int, gold: int, found: int) -> dict:
    """Precision, recall and F1 (1.0 when there is nothing to find and nothing was found).

    >>> prf(3, 4, 6)
    {'precision': 0.5, 'recall': 0.75, 'f1': 0.6, 'tp': 3, 'gold': 4, 'found': 6}
    """
    p = tp / found if found else 1.0
    r = tp / gold if gold else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4), "tp": tp, "gold": gold, "found": found}


def score(golds: list[dict], found: list[dict[int, dict]], taxonomy: Taxonomy) -> dict:
    """Per document, per theme and overall scores of ``found`` (one dict per gold) against ``golds``."""
    total: Counter = Counter()
    per_theme: dict[str, Counter] = {}
    documents = []
    for gold, got in zip(golds, found):
        doc: Counter = Counter()
        agencies = [0, 0]
        for serial, plan in sorted(gold["plans"].items()):
            mine = got.get(serial)
            if mine is None:
                mine = {"lead_agency": None, "themes": [], "recommendations": [], "figures": []}
            for measure, (tp, g, f) in _counts(plan, mine, taxonomy).items():
                doc.update({(measure, "tp"): tp, (measure, "gold"): g, (measure, "found"): f})
            if "themes" in plan:
                _theme_counts(per_theme, plan["themes"], mine["themes"], taxonomy)
            if "lead_agency" in plan:
                agencies[0] += mine["lead_agency"] == plan["lead_agency"]
                agencies[1] += 1
        entry = {"document": gold["name"], "plans": len(gold["plans"]),
                 "lead_agencies": {"resolved": agencies[0], "plans": agencies[1]}}
        for measure in MEASURES:
            if any(measure in p for p in gold["plans"].values()):
                entry[measure] = prf(doc[(measure, "tp")], doc[(measure, "gold")], doc[(measure, "found")])
        documents.append(entry)
        total.update(doc)
        total.update({"agencies-resolved": agencies[0], "agencies": agencies[1]})
    overall = {m: prf(total[(m, "tp")], total[(m, "gold")], total[(m, "found")])
               for m in MEASURES if any(m in d for d in documents)}
    overall["lead_agencies"] = {"resolved": total["agencies-resolved"], "plans": total["agencies"]}
    themes = {t: prf(c["tp"], c["gold"], c["found"]) for t, c in sorted(per_theme.items())}
    return {"documents": documents, "overall": overall, "themes": themes,
            "rec_threshold": REC_THRESHOLD}


def _theme_counts(per_theme: dict, gold: list[str], found: list[str], taxonomy: Taxonomy) -> None:
    g, f = set(with_broader(gold, taxonomy)), set(with_broader(found, taxonomy))
    for theme in g | f:
        c = per_theme.setdefault(theme, Counter())
        c.update({"tp": theme in g and theme in f, "gold": theme in g, "found": theme in f})


def format_scores(result: dict) -> str:
    """Fixed-width tables: per document, overall, then per theme."""
    head = f"{'':<28} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'gold':>5} {'found':>5}"

    def row(name, s):
        return f"{name:<28} {s['precision']:>6.3f} {s['recall']:>6.3f} {s['f1']:>6.3f} {s['tp']:>5} {s['gold']:>5} {s['found']:>5}"

    lines = []
    for d in result["documents"] + [dict(result["overall"], document="overall")]:
        lines.append(f"{d['document']}" + (f" ({d['plans']} plans)" if "plans" in d else ""))
        lines.append(head)
        lines += [row(f"  {m}", d[m]) for m in MEASURES if m in d]
        la = d["lead_agencies"]
        if la["plans"]:
            lines.append(f"  lead agencies resolved: {la['resolved']} of {la['plans']}")
        lines.append("")
    lines.append("themes (with their broader themes)")
    lines.append(head)
    lines += [row(f"  {t}", s) for t, s in result["themes"].items()]
    lines.append("")
    lines.append(f"recommendations match at text similarity >= {result['rec_threshold']}")
    return "\n".join(lines)


def against(b: Build, golds: list[dict], taxonomy: Taxonomy) -> dict:
    """Score a build of the gold documents (built in the order of ``golds``) against them."""
    found = [predictions(b, i) for i in range(len(golds))]
    return score(golds, found, taxonomy)


def agreement(golds: list[dict], seconds: list[dict], taxonomy: Taxonomy) -> dict:
    """Scores of a second annotation (``seconds``) against ``golds``, as :func:`score` scores a build:
    how far two people reading by the same guideline agree, the level an extraction can hope for.

    Only the documents and the measures both annotated are scored.
    """
    by_name = {s["name"]: s for s in seconds}
    pairs = [(g, by_name[g["name"]]) for g in golds if g["name"] in by_name]
    if not pairs:
        raise InputError([Problem("--second", 0, "no second annotation names a document of the gold ("
                                  + ", ".join(g["name"] for g in golds) + ")")])
    kept, found = [], []
    for gold, second in pairs:
        measures = {m for plan in second["plans"].values() for m in (*MEASURES, "lead_agency") if m in plan}
        plans = {k: {m: v for m, v in p.items() if m in measures} for k, p in gold["plans"].items()}
        kept.append(dict(gold, plans=plans))
        found.append({k: {"lead_agency": p.get("lead_agency"), "themes": p.get("themes", []),
                          "recommendations": p.get("recommendations", []), "figures": p.get("figures", [])}
                      for k, p in second["plans"].items()})
    return score(kept, found, taxonomy)


def theme_errors(b: Build, golds: list[dict], taxonomy: Taxonomy) -> list[dict]:
    """Every false-positive and false-negative plan-theme link of a build of the gold documents
    (built in the order of ``golds``; broader themes on both sides, as scored), each with the plan's
    mentions of the theme or a narrower one: where to look when a rule is wrong or missing."""
    out = []
    for i, gold in enumerate(golds):
        for row in b.reports[i].rows:
            plan = gold["plans"].get(row.serial, {})
            if "themes" not in plan:
                continue
            ex = b.extractions[i].get(row.serial, Extraction())
            g = set(with_broader(plan["themes"], taxonomy))
            f = set(with_broader(subject_themes(ex.themes), taxonomy))
            texts = segment_texts(row)
            for kind, themes in (("false-positive", f - g), ("false-negative", g - f)):
                for theme in sorted(themes):
                    mentions = [{"role": m.role, "rule": m.reason, "exact": m.span.exact,
                                 "sentence": texts[(m.paragraph, m.sentence)], "start": m.span.start}
                                for m in ex.themes if m.theme == theme or theme in ancestors(m.theme, taxonomy)]
                    out.append({"document": gold["name"], "plan": row.serial, "name": row.name, "measure": "themes",
                                "theme": theme, "kind": kind, "mentions": mentions})
    return out


def item_errors(b: Build, golds: list[dict]) -> list[dict]:
    """Every recommendation and figure of the gold documents the build missed (false-negative) or
    added (false-positive), matched as they are scored; a missed recommendation names the closest
    unmatched text found (a different cut of the same item shows as a near miss)."""
    out = []
    for i, gold in enumerate(golds):
        found = predictions(b, i)
        for serial, plan in sorted(gold["plans"].items()):
            mine, where = found.get(serial, {}), {"document": gold["name"], "plan": serial}
            if "recommendations" in plan:
                out += _recommendation_errors(where, plan["recommendations"], mine.get("recommendations", []))
            if "figures" in plan:
                out += _figure_errors(where, plan["figures"], mine.get("figures", []))
    return out


def _recommendation_errors(where: dict, gold: list[str], found: list[str]) -> list[dict]:
    matched = _text_pairs(gold, found)
    extra = [j for j in range(len(found)) if j not in matched.values()]
    out = []
    for i, text in enumerate(gold):
        if i not in matched:
            near = max(((SequenceMatcher(None, text, found[j]).ratio(), found[j]) for j in extra), default=None)
            out.append(dict(where, measure="recommendations", kind="false-negative", text=text,
                            closest={"ratio": round(near[0], 3), "text": near[1]} if near else None))
    out += [dict(where, measure="recommendations", kind="false-positive", text=found[j], closest=None) for j in extra]
    return out


def _figure_errors(where: dict, gold: list[dict], found: list[dict]) -> list[dict]:
    g = Counter((_number(x.get("number")), x.get("unit", "")) for x in gold)
    f = Counter((_number(x["number"]), x["unit"]) for x in found)
    return [dict(where, measure="figures", kind=kind, number=f"{number:f}" if number is not None else None, unit=unit)
            for kind, diff in (("false-negative", g - f), ("false-positive", f - g))
            for (number, unit), n in sorted(diff.items(), key=str) for _ in range(n)]


def format_errors(errors: list[dict]) -> str:
    """The errors of :func:`theme_errors` (one line each, then its mentions with the quote marked)
    followed by those of :func:`item_errors`, one line each."""
    themes = [e for e in errors if "theme" in e]
    lines = [f"{len(themes)} theme link error(s) (false-positive: found, not in the gold; false-negative: the reverse):"]
    for e in themes:
        lines.append(f"{e['document']} plan {e['plan']} {e['kind']} {e['theme']}  ({e['name']})")
        for m in e["mentions"]:
            s, at = m["sentence"], m["start"]
            marked = s[:at] + "【" + m["exact"] + "】" + s[at + len(m["exact"]):]
            lines.append(f"    {m['role']}/{m['rule']}: {marked}")
    for measure in ("recommendations", "figures"):
        items = [e for e in errors if e.get("measure") == measure]
        lines.append(f"{len(items)} {measure[:-1]} error(s):")
        for e in items:
            what = f"「{e['text']}」" if measure == "recommendations" else f"{e['number']} {e['unit']}".rstrip()
            lines.append(f"{e['document']} plan {e['plan']} {e['kind']} {what}")
            if e.get("closest"):
                lines.append(f"    closest found ({e['closest']['ratio']}): 「{e['closest']['text']}」")
    return "\n".join(lines)

"""Static charts (PNG and SVG) where a picture beats a table, read from the RDF graph.

Charts: theme frequency by lead agency (heatmap), themes per plan (bars), figures'
achievement ratios actual / target (sorted bars) and recommendation kinds by agency (heatmap).
Labels are Chinese, so a Noto Sans CJK font is needed (Debian: ``fonts-noto-cjk``).  Without it
the charts are skipped with a warning naming the fix (never empty boxes, never a failed build); a
stale matplotlib font cache from before the install is rescanned first.  SVG text is drawn as
paths, so the SVG files look the same without the font.  Output is deterministic: no dates in
metadata, fixed SVG hash salt.
"""

from __future__ import annotations

import io
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
from matplotlib import font_manager  # noqa: E402
from matplotlib import rc_context  # noqa: E402

from recgraph import analyses as A  # noqa: E402
from recgraph import views as V  # noqa: E402
from recgraph.analysis_io import atomic_write  # noqa: E402
from recgraph.chart_canvas import DPI, figure  # noqa: E402

FONT_FAMILY_PREFIX = "Noto Sans CJK"
UNCLASSIFIED = "未分類 / unclassified"
"""Row of the kinds chart for recommendations that no kind cue matched."""
FONT_WARNING = (f"charts skipped: no '{FONT_FAMILY_PREFIX}' font for Chinese labels; install it "
                "(Debian/Ubuntu: apt-get install fonts-noto-cjk) and build again")
MAX_ROWS = 40
"""Most rows (plans, themes, figures) on one chart; larger corpora show the top ones."""


def _safe(text: str) -> str:
    """Untrusted text as a literal matplotlib label (``$`` would start mathtext)."""
    return str(text).replace("$", r"\$")


def _short(text: str, limit: int = 18) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class FontMissing(RuntimeError):
    """No font that can draw Chinese labels is installed."""


def _cjk_families() -> list[str]:
    return sorted({f.name for f in font_manager.fontManager.ttflist if f.name.startswith(FONT_FAMILY_PREFIX)})


def _rescan_system_fonts() -> None:
    """Add installed fonts that matplotlib's cached font list does not know (a cache built before
    ``fonts-noto-cjk`` was installed hides it otherwise)."""
    known = {f.fname for f in font_manager.fontManager.ttflist}
    for path in font_manager.findSystemFonts():
        if path not in known:
            try:
                font_manager.fontManager.addfont(path)
            except (OSError, RuntimeError, ValueError):  # unreadable font file: not ours to fix
                continue


def cjk_font() -> str:
    """Family name of an installed Noto Sans CJK font (Traditional Chinese preferred); rescans the
    system fonts once when the cached list has none, and raises :class:`FontMissing` naming the fix."""
    names = _cjk_families()
    if not names:
        _rescan_system_fonts()
        names = _cjk_families()
    if not names:
        raise FontMissing(FONT_WARNING)
    for preferred in ("Noto Sans CJK TC", "Noto Sans CJK JP"):
        if preferred in names:
            return preferred
    return names[0]


def _style(font: str) -> dict:
    return {"font.family": "sans-serif", "font.sans-serif": [font, "DejaVu Sans"],
            "svg.fonttype": "path", "svg.hashsalt": "recgraph", "axes.unicode_minus": False}


def _save(fig, out: Path, stem: str) -> list[Path]:
    written = []
    # The tight bounding box is computed once (one layout, at the PNG's dpi) and reused for both formats.
    bbox = fig.get_tightbbox(fig.canvas.get_renderer()).padded(0.1)
    # the PNG written by graph.png (graph.chart_canvas): rows unfiltered, zlib level 1, no metadata
    for fmt, extra in (("png", {}), ("svg", {"metadata": {"Date": None, "Creator": None}})):
        buf = io.BytesIO()
        fig.savefig(buf, format=fmt, dpi=DPI, bbox_inches=bbox, **extra)
        written.append(atomic_write(out / f"{stem}.{fmt}", buf.getvalue()))
    return written


def _heatmap(rows, cols, counts, title, xlabel, ylabel):
    fig, ax = figure(max(6, 0.45 * len(cols) + 3), max(3, 0.35 * len(rows) + 2))
    image = ax.imshow(counts or [[0]], cmap="Blues", aspect="auto")
    ax.set_xticks(range(len(cols)), [_safe(c) for c in cols], rotation=60, ha="right")
    ax.set_yticks(range(len(rows)), [_safe(r) for r in rows])
    top = max((v for r in counts for v in r), default=0)
    for i, row in enumerate(counts):
        for j, v in enumerate(row):
            if v:
                ax.text(j, i, str(v), ha="center", va="center", fontsize=8,
                        color="white" if v > top / 2 else "black")
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    fig.colorbar(image, ax=ax, shrink=0.8)
    return fig


def _bars(labels, values, title, xlabel, reference: float | None = None):
    fig, ax = figure(8, max(3, 0.3 * len(labels) + 1.5))
    ax.barh(range(len(labels)), values, color="#4e79a7")
    ax.set_yticks(range(len(labels)), [_safe(label) for label in labels])
    ax.invert_yaxis()
    if reference is not None:
        ax.axvline(reference, color="#e15759", linestyle="--", linewidth=1)
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    return fig


def theme_agency_matrix(t: V.Facts):
    """Plans per (theme, lead agency), themes ordered by total: ``(rows, cols, counts)``."""
    pairs = [(t.label(th), t.label(a)) for p, ths in V.plan_theme_sets(t).items()
             for th in ths for a in t.plans.get(p, {}).get("agencies", [])]
    rows, cols, counts = A.crosstab(pairs)
    order = sorted(range(len(rows)), key=lambda i: (-sum(counts[i]), rows[i]))[:MAX_ROWS]
    return [rows[i] for i in order], cols, [counts[i] for i in order]


def kind_agency_matrix(t: V.Facts):
    """Recommendations per (kind, addressed agency): ``(rows, cols, counts)``; recommendations no
    kind cue matched count under :data:`UNCLASSIFIED`, so their agencies stay on the chart."""
    pairs = [(t.label(k) if k else UNCLASSIFIED, t.label(a)) for r in t.recommendations.values()
             for k in (r["kinds"] or [None])
             for a in (r["addressed_to"] or t.plans.get(r["plan"], {}).get("agencies", []))]
    return A.crosstab(pairs)


def themes_per_plan(t: V.Facts) -> list[tuple[str, int]]:
    """``(plan label, number of direct themes)``, most first, top :data:`MAX_ROWS`."""
    sets = V.plan_theme_sets(t, expand=False)
    rows = [(t.label(p), len(sets.get(p, ()))) for p in t.plans]
    return sorted(rows, key=lambda r: (-r[1], r[0]))[:MAX_ROWS]


def achievement_ratios(t: V.Facts) -> list[tuple[str, float]]:
    """``(plan: metric, ratio)`` of every figure with an achievement ratio, sorted ascending."""
    rows = [(f"{_short(t.label(f['plan']))}: {_short(f['metric'])}", f["ratio"])
            for f in t.figures.values() if f["ratio"] is not None]
    rows = sorted(rows, key=lambda r: (r[1], r[0]))
    return rows if len(rows) <= MAX_ROWS else rows[: MAX_ROWS // 2] + rows[-MAX_ROWS // 2:]


def _theme_by_agency(t: V.Facts):
    rows, cols, counts = theme_agency_matrix(t)
    return rows and _heatmap(rows, cols, counts, "主題 × 主辦機關（計畫數） Themes by lead agency (plans)",
                             "主辦機關 Lead agency", "主題 Theme")


def _themes_per_plan(t: V.Facts):
    per_plan = themes_per_plan(t)
    return per_plan and _bars([r[0] for r in per_plan], [r[1] for r in per_plan],
                              "各計畫主題數 Themes per plan", "主題數 Number of themes")


def _achievement_ratios(t: V.Facts):
    ratios = achievement_ratios(t)
    return ratios and _bars([r[0] for r in ratios], [r[1] for r in ratios],
                            "達成率（實際／目標） Achievement ratio (actual / target)", "達成率 Ratio", reference=1.0)


def _kinds_by_agency(t: V.Facts):
    rows, cols, counts = kind_agency_matrix(t)
    return rows and _heatmap(rows, cols, counts, "建議類型 × 機關 Recommendation kinds by agency",
                             "機關 Agency", "建議類型 Kind")


CHARTS = {"theme-by-agency": _theme_by_agency, "themes-per-plan": _themes_per_plan,
          "achievement-ratios": _achievement_ratios, "kinds-by-agency": _kinds_by_agency}
"""File stem -> function drawing that chart from the facts (a false value when it has no data)."""


def warm_up() -> None:
    """Draw a one-cell chart with a Chinese label in memory, as PNG and SVG, and drop it: what the
    first chart of a process otherwise pays once (the CJK font opened, the SVG backend imported,
    caches filled; ~0.07 s of CPU) is paid here, by the chart drawers while they wait for the tables."""
    try:
        font = cjk_font()
    except FontMissing:
        return
    with rc_context(_style(font)):
        fig = _heatmap(["主題"], ["機關"], [[1]], "標題 title", "機關 x", "主題 y")
        bbox = fig.get_tightbbox(fig.canvas.get_renderer()).padded(0.1)
        for fmt in ("png", "svg"):
            fig.savefig(io.BytesIO(), format=fmt, dpi=DPI, bbox_inches=bbox)


def write_charts(source, out_dir, names=None) -> tuple[list[Path], list[str]]:
    """Draw the charts ``names`` (default all of :data:`CHARTS`) of the graph in ``source`` (store,
    RDF file or facts) into ``out_dir`` as PNG and SVG; return ``(paths written, warnings)``.
    Charts with no data are skipped; all are skipped, with a warning naming the fix, when no CJK
    font is installed (the build goes on without them)."""
    try:
        font = cjk_font()
    except FontMissing as e:
        return [], [str(e)]
    out = Path(out_dir)
    t = V.facts(source)
    written: list[Path] = []
    with rc_context(_style(font)):
        for stem in names or CHARTS:
            fig = CHARTS[stem](t)
            if fig:
                written += _save(fig, out, stem)
    return written, []

"""The charts' matplotlib canvas: Agg renderers that lay each text out once per process, and PNG
files written by graph.png.

matplotlib caches text extents per renderer, and the tight bounding box and the PNG are drawn by two
renderers: every label (CJK glyphs, ~0.5 ms each to lay out) was measured twice, and each text's
line metrics were read from the font's tables on every layout.  Here both are worked out once per
process; the arithmetic is matplotlib's, so the pictures are the same.
"""

from __future__ import annotations

from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.figure import Figure

from recgraph.png import png_bytes

DPI = 150
"""Pixels per inch of the PNG files, and of the figure whose tight bounding box is measured."""


_METRICS: dict = {}
"""Text extents by (text, font, math, dpi), shared by this process's Agg renderers (:class:`_Renderer`)."""


class _Renderer(RendererAgg):
    """An Agg renderer that measures each text once per process: the tight bounding box and the PNG
    are drawn by two renderers at the same dpi (the PNG's canvas has the bounding box's size), and
    matplotlib's own cache is one per renderer, so every label was laid out twice (the CJK glyphs
    of a label cost ~0.5 ms to lay out)."""

    def get_text_width_height_descent(self, s, prop, ismath):
        key = (s, prop.copy(), ismath, self.dpi)  # a copy: FontProperties hash by their mutable state
        if key not in _METRICS:
            _METRICS[key] = super().get_text_width_height_descent(s, prop, ismath)
        return _METRICS[key]

    def _get_font_height_metrics(self, prop):
        """The ascent, descent and line gap of ``prop``'s font at this dpi, as matplotlib's text
        layout works them out from the font's tables when a renderer has no such method
        (matplotlib.text.Text._get_layout): there on every layout of every text, here once."""
        key = (prop.copy(), self.dpi)
        if key not in _HEIGHTS:
            _HEIGHTS[key] = _font_heights(prop, self.dpi)
        return _HEIGHTS[key]


_HEIGHTS: dict = {}
"""Line metrics by (font, dpi), shared by this process's Agg renderers (:meth:`_Renderer._get_font_height_metrics`)."""


def _font_heights(prop, dpi: float) -> tuple:
    """matplotlib.text.Text._get_layout's reading of the font's line metrics, the same arithmetic
    (the same floats); ``(None, None, None)`` (matplotlib measures "lp" instead) without the tables."""
    font = font_manager.get_font(font_manager.fontManager._find_fonts_by_props(prop))
    for table_name, linegap_key, ascent_key, descent_key in (
            ("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"), ("hhea", "lineGap", "ascent", "descent")):
        table = font.get_sfnt_table(table_name)
        if table is None:
            continue
        scale = 1 / font.get_sfnt_table("head")["unitsPerEm"] * prop.get_size_in_points() * dpi / 72
        return table[ascent_key] * scale, -table[descent_key] * scale, table[linegap_key] * scale
    return None, None, None


class _Canvas(FigureCanvasAgg):
    """FigureCanvasAgg drawing with :class:`_Renderer`, its PNG written by graph.png."""

    def print_png(self, filename_or_obj, **kwargs):  # savefig also passes dpi, colours, bbox_inches_restore
        FigureCanvasAgg.draw(self)
        filename_or_obj.write(png_bytes(self.buffer_rgba(), self.figure.dpi))

    def get_renderer(self):
        w, h = self.get_width_height(physical=True)
        key = w, h, self.figure.dpi
        if self._lastKey != key:
            self.renderer = _Renderer(w, h, self.figure.dpi)
            self._lastKey = key
        return self.renderer


def figure(width: float, height: float):
    """A figure of ``width`` x ``height`` inches at :data:`DPI` on a :class:`_Canvas`, and its axes."""
    fig = Figure(figsize=(width, height), dpi=DPI)
    _Canvas(fig)
    return fig, fig.subplots()

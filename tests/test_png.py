"""graph.png: the charts' PNG encoder keeps every pixel and the resolution."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image

from recgraph.png import png_bytes


def test_a_png_decodes_to_the_pixels_it_was_given_with_its_dpi():
    rng = np.random.default_rng(7)
    pixels = rng.integers(0, 256, size=(37, 53, 4), dtype=np.uint8)
    pixels[:10] = 255  # a flat white band, as most of a chart
    image = Image.open(io.BytesIO(png_bytes(pixels, 150)))
    assert image.mode == "RGBA" and image.size == (53, 37)
    assert np.array_equal(np.asarray(image), pixels)
    assert [round(d) for d in image.info["dpi"]] == [150, 150]


def test_the_same_pixels_give_the_same_bytes():
    pixels = np.full((4, 6, 4), 200, dtype=np.uint8)
    assert png_bytes(pixels, 150) == png_bytes(pixels.copy(), 150)

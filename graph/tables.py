"""Moved: :func:`recgraph.csvfile.read_rows` (one module for the project's CSV files).

Kept only for graph/theme_reviews.py, which another change in flight edits; delete this module
once that file imports ``recgraph.csvfile``.
"""

from recgraph.csvfile import read_rows

__all__ = ["read_rows"]

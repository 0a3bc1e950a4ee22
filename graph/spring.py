"""networkx's Fruchterman–Reingold spring layout, position for position, in half the time.

``nx.spring_layout`` on fewer than 500 nodes spends over half its time in
``np.linalg.norm(..., axis=-1)`` over pairs of coordinates; :func:`spring_layout` adds the two
squares itself, the same floating-point operations in the same order, so it returns exactly
what networkx 3.6 does (``tests/test_html.py`` checks it against networkx).
"""

from __future__ import annotations

import networkx as nx
import numpy as np


def spring_layout(g: nx.Graph, seed: int, scale: float, iterations: int = 50,
                  threshold: float = 1e-4) -> dict:
    """``nx.spring_layout(g, seed=seed, iterations=iterations, weight=None, scale=scale)`` for
    graphs of fewer than 500 nodes (networkx's dense "force" method)."""
    if len(g) >= 500:
        raise ValueError("spring_layout: fewer than 500 nodes (networkx uses another method above)")
    center = np.zeros(2)
    if len(g) == 0:
        return {}
    if len(g) == 1:
        return {next(iter(g)): center}
    adjacency = nx.to_numpy_array(g, weight=None)
    pos = _fruchterman_reingold(adjacency, np.random.RandomState(seed), iterations, threshold)
    return dict(zip(g, nx.rescale_layout(pos, scale=scale) + center))


def _norm(x: np.ndarray) -> np.ndarray:
    """``np.linalg.norm(x, axis=-1)`` of pairs: ``sqrt(x0 * x0 + x1 * x1)``, the same rounding."""
    squares = x * x
    return np.sqrt(squares[..., 0] + squares[..., 1])


def _fruchterman_reingold(a: np.ndarray, seed: np.random.RandomState, iterations: int, threshold: float):
    """networkx's ``_fruchterman_reingold`` (no fixed nodes, default ``k``, two dimensions)."""
    nnodes = a.shape[0]
    pos = np.asarray(seed.rand(nnodes, 2), dtype=a.dtype)
    k = np.sqrt(1.0 / nnodes)
    t = max(max(pos.T[0]) - min(pos.T[0]), max(pos.T[1]) - min(pos.T[1])) * 0.1
    dt = t / (iterations + 1)
    for _ in range(iterations):
        delta = pos[:, np.newaxis, :] - pos[np.newaxis, :, :]
        distance = _norm(delta)
        np.clip(distance, 0.01, None, out=distance)
        displacement = np.einsum("ijk,ij->ik", delta, (k * k / distance**2 - a * distance / k))
        length = np.clip(_norm(displacement), a_min=0.01, a_max=None)
        delta_pos = np.einsum("ij,i->ij", displacement, t / length)
        pos += delta_pos
        t -= dt
        if (np.linalg.norm(delta_pos) / nnodes) < threshold:
            break
    return pos

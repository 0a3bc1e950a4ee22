"""The package stays maintainable: no function above cyclomatic complexity 20, no import cycle.

Both are measured on the source in graph/ (radon for complexity, the ``recgraph`` imports parsed
with ast for the import graph), so a new violation fails here rather than in a later review.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
from radon.complexity import cc_visit
from radon.visitors import Class

PACKAGE = Path(__file__).resolve().parent.parent / "graph"
MAX_COMPLEXITY = 20


def _functions(blocks):
    """Every function, method and closure radon found, with its qualified name."""
    for block in blocks:
        if isinstance(block, Class):
            yield from _functions(block.methods)
            yield from _functions(block.inner_classes)
        else:
            yield block
            yield from _functions(block.closures)


def _recgraph_imports(tree: ast.Module) -> set[str]:
    """The package modules a module imports anywhere: at the top, inside a function (a lazy import
    hides a cycle, it does not remove it) or for type checkers only."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith("recgraph"):
            found.update(node.module.split(".")[1:2] or [a.name.split(".")[0] for a in node.names])
        elif isinstance(node, ast.ImportFrom) and node.level > 0:
            found.update([node.module.split(".")[0]] if node.module else [a.name for a in node.names])
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names if a.name.startswith("recgraph."))
    return found


def import_graph(package: Path = PACKAGE) -> nx.DiGraph:
    """Module -> module it imports, over the modules of ``package``."""
    modules = {p.stem: ast.parse(p.read_text(encoding="utf-8"), str(p)) for p in sorted(package.glob("*.py"))}
    graph = nx.DiGraph()
    graph.add_nodes_from(modules)
    for name, tree in modules.items():
        graph.add_edges_from((name, m) for m in _recgraph_imports(tree) if m in modules and m != name)
    return graph


def test_no_function_above_complexity_limit():
    too_complex = sorted(
        f"{path.relative_to(PACKAGE.parent)}:{f.lineno} {f.fullname} ({f.complexity})"
        for path in sorted(PACKAGE.glob("*.py"))
        for f in _functions(cc_visit(path.read_text(encoding="utf-8")))
        if f.complexity > MAX_COMPLEXITY)
    assert not too_complex, f"cyclomatic complexity above {MAX_COMPLEXITY}: split along the seams\n" + \
        "\n".join(too_complex)


def test_import_graph_has_no_cycle():
    graph = import_graph()
    assert graph.number_of_edges() > 50  # the parse finds the package's imports (not an empty graph)
    cycles = sorted(nx.simple_cycles(graph))
    assert not cycles, "import cycles: " + "; ".join(" -> ".join(c + c[:1]) for c in cycles)


def test_checks_catch_what_they_look_for(tmp_path):
    """A function of complexity 21 is reported, and so are cycles through a lazy import and through
    an import only type checkers see."""
    branches = "\n".join(f"    if x == {i}:\n        return {i}" for i in range(20))
    assert [f.complexity for f in _functions(cc_visit(f"def f(x):\n{branches}\n    return -1\n"))] == [21]
    (tmp_path / "a.py").write_text("from recgraph.b import g\n")
    (tmp_path / "b.py").write_text("def g():\n    from recgraph import a\n")
    (tmp_path / "c.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from recgraph.d import x\n")
    (tmp_path / "d.py").write_text("from recgraph.c import y\n")
    (tmp_path / "e.py").write_text("from recgraph.a import z\n")  # imports a cycle, is in none
    assert sorted(sorted(c) for c in nx.simple_cycles(import_graph(tmp_path))) == [["a", "b"], ["c", "d"]]

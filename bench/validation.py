"""Print how long SHACL validation takes on the seed and on a synthetic corpus, with both validators.

    python bench/validation.py                       # seed and 10x, ontology/shapes.ttl
    python bench/validation.py --shapes old.ttl      # the same with another shapes file (before/after)

``sparql``: the shapes compiled to SPARQL (graph.shacl_sparql) over the whole graph in one Oxigraph
store, then the whole-graph checks (graph.crosscheck). ``pyshacl``: pySHACL on each document's
triples (with the vocabulary), as ``recgraph build --validator pyshacl`` runs it, summed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import generate  # noqa: E402
from rdflib import Graph  # noqa: E402

from recgraph.pipeline import build  # noqa: E402
from recgraph.serialize import to_store  # noqa: E402
from recgraph.shacl_sparql import compile_shapes, validate_store  # noqa: E402
from recgraph.source import manifest_sources  # noqa: E402
from recgraph.validate import to_rdflib, validate  # noqa: E402


def measure(paths: list[Path], shapes: Path, with_pyshacl: bool) -> dict[str, float]:
    triples = build(paths, check=False).triples
    compiled = compile_shapes(shapes)
    start = time.perf_counter()
    store = to_store(triples)
    found = validate_store(store, compiled, triples=triples)
    out = {"triples": len(triples), "sparql_s": round(time.perf_counter() - start, 2), "violations": len(found)}
    if with_pyshacl:
        shapes_graph = Graph().parse(shapes, format="turtle")
        seconds = 0.0
        for path in paths:
            g = to_rdflib(build([path], check=False).triples)
            start = time.perf_counter()
            validate(g, "pyshacl", shapes=shapes_graph)  # as the build calls pySHACL
            seconds += time.perf_counter() - start
        out["pyshacl_s"] = round(seconds, 2)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shapes", type=Path, default=ROOT / "ontology" / "shapes.ttl")
    ap.add_argument("--scale", type=int, default=10)
    ap.add_argument("--no-pyshacl-at-scale", action="store_true", help="pySHACL on the seed only")
    args = ap.parse_args(argv)
    print(f"shapes: {args.shapes}")
    print("seed:", measure([Path(p) for p in manifest_sources()], args.shapes, True))
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in generate.generate(args.scale).items():
            (Path(tmp) / name).write_text(text, encoding="utf-8")
        paths = sorted(Path(tmp).glob("*.txt"))
        print(f"{args.scale}x:", measure(paths, args.shapes, not args.no_pyshacl_at_scale))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

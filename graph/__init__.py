"""recgraph: a recommendation-tracking knowledge graph for government program evaluations.

The package is a pipeline of small stages over plain dataclasses (:mod:`graph.model`):
read source -> parse records -> extract -> to RDF -> validate -> analyse/render.
"""

__version__ = "0.1.0"

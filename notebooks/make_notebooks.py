"""Write the notebooks in this folder from their cell sources (outputs stay out of git).

    python notebooks/make_notebooks.py
"""

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).resolve().parent
SETUP = """from pathlib import Path
from recgraph.pipeline import build
from recgraph.outputs import write_build
OUT = Path("out-notebook")
b = build()                       # every document in data/manifest.csv
write_build(b, OUT, views=False)  # the graph files, exports and summary
store = b.store
len(b.triples)"""

NOTEBOOKS = {
    "explore-themes-across-plans.ipynb": [
        new_markdown_cell("# Themes across plans\nWhich technology themes cut across plans and agencies, "
                          "with the interactive graph shown inline (offline: everything is inlined)."),
        new_code_cell(SETUP),
        new_code_cell("from recgraph.views import read_tables\nfrom recgraph.analysis_io import analyse\n"
                      "result = analyse(read_tables(store))\n"
                      "[(t['theme'], t['plans'], t['agencies']) for t in result['cross_cutting_themes'][:5]]"),
        new_code_cell("from recgraph.html import render_all\nfrom IPython.display import IFrame\n"
                      "pages = render_all(store, OUT)\nIFrame(str(OUT / 'theme-ai.html'), width='100%', height=500)"),
    ],
    "follow-recommendations.ipynb": [
        new_markdown_cell("# Following recommendations\nEach recommendation, whom it is addressed to, its kinds, "
                          "themes and current status."),
        new_code_cell(SETUP),
        new_code_cell("from recgraph import sparql\nt = sparql.run_query(store, sparql.load_query('recommendations-by-agency').text)\n"
                      "print(sparql.format_table(t)[:2000])"),
        new_code_cell("import csv\nrows = list(csv.DictReader(open(OUT / 'recommendations.csv', encoding='utf-8-sig')))\n"
                      "len(rows), rows[0]['id'], rows[0]['status']"),
    ],
    "sparql-cookbook.ipynb": [
        new_markdown_cell("# SPARQL cookbook\nEvery query of the library, run on the seed graph. Parameters are bound, "
                          "never pasted into the query text."),
        new_code_cell(SETUP),
        new_code_cell("from recgraph import sparql\nfor q in sparql.list_queries():\n"
                      "    t = sparql.run_query(store, q.text, sparql.resolve_params(q, {}))\n"
                      "    print(f'## {q.name}: {q.title} ({len(t.rows)} rows)')\n"
                      "    print(q.description)\n"),
    ],
    "figures-against-targets.ipynb": [
        new_markdown_cell("# Figures against targets\nReported results next to their targets: which were met, "
                          "which were overshot (targets set too low?)."),
        new_code_cell(SETUP),
        new_code_cell("import csv\nfigs = [r for r in csv.DictReader(open(OUT / 'figures.csv', encoding='utf-8-sig')) "
                      "if r['achievement_ratio']]\n"
                      "sorted(((float(r['achievement_ratio']), r['metric']) for r in figs), reverse=True)[:5]"),
        new_code_cell("from recgraph.charts import write_charts\nfrom IPython.display import Image\n"
                      "write_charts(store, OUT / 'charts')\nImage(filename=str(OUT / 'charts' / 'achievement-ratios.png'))"),
    ],
}


def main():
    for name, cells in NOTEBOOKS.items():
        nb = new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                                "language": "python"}})
        nbformat.write(nb, HERE / name)
        print("wrote", HERE / name)


if __name__ == "__main__":
    main()

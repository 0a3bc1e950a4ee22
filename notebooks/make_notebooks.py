"""Write the notebooks in this folder from their cell sources (outputs stay out of git).

    .venv/bin/python notebooks/make_notebooks.py

Every notebook loads the graph the build wrote (``out/graph.ttl`` at the project root, or the
folder in ``RECGRAPH_OUT``) and runs ``recgraph build`` in-process only when it is missing.
Anything else they write goes to a temporary folder.  The cookbook gets one section per library
query, so run this again after adding a query to ``graph/queries/``.
"""

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from recgraph import sparql

HERE = Path(__file__).resolve().parent

SETUP = """import os
from pathlib import Path

import pandas as pd
from IPython.display import HTML, Markdown, display

from recgraph import sparql
from recgraph.cli import main as recgraph  # the command line, called in-process: recgraph(["build", ...])

# The project root is the folder with data/manifest.csv above this notebook (Jupyter starts here).
ROOT = next(p for p in [Path.cwd(), *Path.cwd().parents] if (p / "data" / "manifest.csv").is_file())
OUT = Path(os.environ.get("RECGRAPH_OUT") or ROOT / "out")  # where `recgraph build --out out` wrote
if not (OUT / "graph.ttl").is_file():
    recgraph(["build", "--out", str(OUT), "--quiet"])  # once; afterwards the built graph is loaded
store = sparql.load_graph(OUT / "graph.ttl")  # an in-memory Oxigraph store
pd.set_option("display.max_colwidth", 80)


def ask(text, **params):
    \"\"\"Run SPARQL ``text`` on the graph and return a DataFrame; ``params`` are bound as values
    (declared in the query's ``# param:`` header lines), never pasted into the text.\"\"\"
    q = sparql.parse_header(text)
    table = sparql.run_query(store, q.text, sparql.resolve_params(q, params))
    return pd.DataFrame(list(table.rows), columns=table.columns)


print(f"{len(store)} triples from {OUT / 'graph.ttl'}")"""

# One line per library query on the SPARQL it uses (the first line, its description, comes from
# the query's own header), and example parameter values for the cookbook.
COOKBOOK = {
    "reports": ("Sub-SELECTs count per report; `OPTIONAL` keeps a report with no recommendations.", {}),
    "plans": ("`org:subOrganizationOf*` (a property path with `*`) matches the agency and everything under it.",
              {"agency": "moda-adi"}),
    "plans-per-agency": ("`GROUP BY` with `COUNT(DISTINCT …)`; labels picked by language with `langMatches`.", {}),
    "plans-by-theme": ("`skos:broader*` walks the theme hierarchy: asking for AI also finds generative AI.",
                       {"theme": "theme:ai"}),
    "theme-counts": ("Two grouped sub-queries joined on `?theme`; `COALESCE` turns a missing count into 0.", {}),
    "themes-across-agencies": ("`HAVING` filters groups after counting; `min` is a bound parameter.",
                               {"min": "3"}),
    "recommendations-by-agency": ("A path `rg:evaluation/rg:planName` follows two links in one step.",
                                  {"agency": "moda-acs"}),
    "recommendations-by-kind": ("A recommendation of several kinds is one row per kind (multi-valued `rg:kind`).",
                                {"kind": "kind:outcome-tracking"}),
    "recommendations-by-theme": ("Same hierarchy trick as plans-by-theme, on recommendations.",
                                 {"theme": "theme:cybersecurity"}),
    "recommendation-counts": ("Counts per agency and kind: the numbers behind the kinds chart.", {}),
    "recommendations-by-status": ("Statuses are SKOS concepts: bind one (e.g. `implementation:open`) to filter.",
                                  {}),
    "evidence": ("Web Annotation: `oa:hasTarget` -> `oa:hasSource` (the sentence) with quote and position "
                 "selectors.", {"item": "https://w3id.org/recgraph/id/report/moda/2025/plan/01/rec/1"}),
    "figures-below-target": ("Figures are RDF Data Cube observations; `IF` and `COALESCE` handle \"at most\" "
                             "targets. No seed figure fell short of 1, so `ratio` 1.2 shows the narrowly met.",
                             {"ratio": "1.2"}),
    "figures-above-target": ("A numeric `FILTER` on `rg:achievementRatio` with the bound `ratio`.", {"ratio": "2"}),
    "agencies-named-together": ("`FILTER (STR(?a) < STR(?b))` lists each unordered pair once.", {}),
    "opinions-truncated-or-empty": ("`BOUND` and `REGEX` find missing or blank opinions.", {}),
    "status-history": ("Status assertions are dated `prov:Activity`s; nothing is overwritten.", {}),
    "status-recommendation-history": ("The same for one id, bound as a string.", {"id": "moda-2025-P04-R1"}),
    "status-open": ("`skos:broadMatch gao:open` reads the GAO alignment stored in the ontology.", {}),
    "status-open-by-agency": ("Counts open recommendations per addressee.", {}),
    "status-open-by-theme": ("Counts open recommendations per theme found in their text.", {}),
    "status-rates": ("One aggregate row: `SUM` over 0/1 flags bound with `IF`.", {}),
    "status-repeats": ("`rg:repeats` links a recommendation to an earlier year's; empty on one year of data.", {}),
}


def _call(name: str, params: dict) -> str:
    args = "".join(f", {k}={v!r}" for k, v in params.items())
    return f"show({name!r}{args}).head(10)"


def cookbook() -> list:
    cells = [
        new_markdown_cell(
            "# SPARQL cookbook\n"
            "Every query of the library (`graph/queries/*.rq`, the same ones `recgraph query NAME` runs), "
            "with its text, what it answers, the SPARQL it teaches and its result on the graph as a table.\n\n"
            "Parameters are **bound** as values (`-p theme=theme:ai` on the command line, keyword arguments "
            "here), never pasted into the query text."),
        new_code_cell(SETUP),
        new_markdown_cell("Every library query starts with the same prefixes; they are shown once here and "
                          "left out of the query texts below."),
        new_code_cell("PREFIXES = [line for line in sparql.load_query('plans').text.splitlines() "
                      "if line.startswith('PREFIX')]\nprint('\\n'.join(PREFIXES))"),
        new_code_cell(
            "def show(name, **params):\n"
            "    \"\"\"Print a library query's text (without prefixes) and return its result as a DataFrame.\"\"\"\n"
            "    q = sparql.load_query(name)\n"
            "    body = [line for line in q.text.splitlines() if line.strip() and not line.startswith('PREFIX')]\n"
            "    print('\\n'.join(body))\n"
            "    table = sparql.run_query(store, q.text, sparql.resolve_params(q, params))\n"
            "    print(f'-> {len(table.rows)} rows' + (f' with {params}' if params else ''))\n"
            "    return pd.DataFrame(list(table.rows), columns=table.columns)"),
    ]
    queries = {q.name: q for q in sparql.list_queries()}
    for name in [n for n in COOKBOOK if n in queries] + sorted(set(queries) - set(COOKBOOK)):
        q = queries[name]
        note, params = COOKBOOK.get(name, ("", {}))
        first = q.description.split("\n")[0]
        cells.append(new_markdown_cell(f"## {q.title} (`{name}`)\n{first}  \n{note}".rstrip()))
        cells.append(new_code_cell(_call(name, params)))
    cells.append(new_markdown_cell(
        "## Your own query\nWrite SPARQL with a `# param:` header line per parameter and bind the values; "
        "save it as a `.rq` file to run it with `recgraph query my-question.rq -p name=value`."))
    cells.append(new_code_cell(
        'ask("""# param: agency string - agency code\n'
        "PREFIX rg: <https://w3id.org/recgraph/ns#>\nPREFIX dcterms: <http://purl.org/dc/terms/>\n"
        "SELECT ?agency ?serial ?plan WHERE {\n  ?e a rg:PlanEvaluation ; rg:serial ?serial ; rg:planName ?plan ;\n"
        "     rg:leadAgency/dcterms:identifier ?agency .\n} ORDER BY ?serial\"\"\", agency=\"moda-acs\")"))
    return cells


THEMES = [
    new_markdown_cell(
        "# Themes across plans\nWhich technology themes (SKOS concepts in `ontology/themes.ttl`) the plans "
        "mention, with their zh-Hant and English names, which cut across agencies, and the theme network "
        "the build drew (offline: the page inlines everything)."),
    new_code_cell(SETUP),
    new_markdown_cell("## Themes with both names\nEach theme has a `skos:prefLabel` per language; "
                      "`langMatches` picks one. `skos:broader*` counts a plan under a theme and all broader ones."),
    new_code_cell('''themes = ask("""
PREFIX rg: <https://w3id.org/recgraph/ns#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?theme ?zh ?en ?broader (COUNT(DISTINCT ?plan) AS ?plans) WHERE {
  ?theme skos:inScheme <https://w3id.org/recgraph/theme> ; skos:prefLabel ?zh, ?en .
  FILTER (langMatches(lang(?zh), "zh-Hant") && langMatches(lang(?en), "en"))
  OPTIONAL { ?theme skos:broader/skos:prefLabel ?broader FILTER (langMatches(lang(?broader), "zh-Hant")) }
  OPTIONAL { ?plan a rg:Plan ; dcterms:subject/skos:broader* ?theme }
} GROUP BY ?theme ?zh ?en ?broader ORDER BY DESC(?plans) ?theme""")
themes["theme"] = themes["theme"].str.rsplit("/", n=1).str[-1]
themes.head(15)'''),
    new_markdown_cell("## Themes by lead agency\nOne row per (plan, theme, lead agency) from SPARQL, "
                      "then a pandas cross-table: plans per theme and agency."),
    new_code_cell('''pairs = ask("""
PREFIX rg: <https://w3id.org/recgraph/ns#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT DISTINCT ?evaluation ?theme ?agency WHERE {
  ?evaluation a rg:PlanEvaluation ; dcterms:subject/skos:broader* ?t ; rg:leadAgency/skos:prefLabel ?agency .
  ?t skos:topConceptOf <https://w3id.org/recgraph/theme> ; skos:prefLabel ?theme .
  FILTER (langMatches(lang(?theme), "zh-Hant") && langMatches(lang(?agency), "zh-Hant"))
}""")
table = pd.crosstab(pairs["theme"], pairs["agency"])
table.loc[table.sum(axis=1).sort_values(ascending=False).index].head(12)'''),
    new_markdown_cell("## Cross-cutting themes\nThe build's analyses (`out/analysis.json`): themes scored by the "
                      "share of plans and of lead agencies they reach."),
    new_code_cell('''import json
analysis = json.loads((OUT / "analysis.json").read_text(encoding="utf-8"))
cross = pd.DataFrame(analysis["cross_cutting_themes"])
cross[["zh", "en", "plans", "agencies", "recommendations", "score"]].head(10)'''),
    new_markdown_cell("## The theme network\nThe page `recgraph build` wrote (`out/themes.html`): themes linked "
                      "when plans share them. Drag, zoom, click a node to highlight its neighbours. It is shown "
                      "inline (the page's text escaped into `srcdoc`), so it works offline and from any folder."),
    new_code_cell('''import html
page = (OUT / "themes.html").read_text(encoding="utf-8")
# The page fits every theme into view, which shrinks its labels: draw them larger here (zoom with the wheel).
bigger = ('<script>window.addEventListener("load", () => { if (window.network) '
          'network.setOptions({nodes: {font: {size: 32}}}); });</script>')
page = page.replace("</body>", bigger + "</body>")
HTML(f'<div><iframe srcdoc="{html.escape(page, quote=True)}" width="100%" height="780" '
     'style="border:1px solid #ccc"></iframe></div>')'''),
]

FOLLOW = [
    new_markdown_cell(
        "# Follow one recommendation\nFrom the sentence it was read from (its evidence span) to its plan, "
        "source line and status history. Change `ID` to follow another one (`recgraph status list` lists them)."),
    new_code_cell(SETUP + '\nID = "moda-2025-P01-R1"'),
    new_markdown_cell("## The recommendation\nIts text, plan, the agency it is addressed to, its kinds and themes "
                      "(zh-Hant labels). The id is bound as a parameter."),
    new_code_cell('''rec = ask("""# param: id string - recommendation identifier
PREFIX rg: <https://w3id.org/recgraph/ns#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?id ?rec ?text ?plan ?addressedTo
       (GROUP_CONCAT(DISTINCT ?kind; separator=" / ") AS ?kinds)
       (GROUP_CONCAT(DISTINCT ?theme; separator=" / ") AS ?themes) WHERE {
  ?rec dcterms:identifier ?id ; rg:text ?text ; rg:evaluation/rg:planName ?plan ;
       rg:addressedTo/skos:prefLabel ?addressedTo .
  FILTER (langMatches(lang(?addressedTo), "zh-Hant"))
  OPTIONAL { ?rec rg:kind/skos:prefLabel ?kind FILTER (langMatches(lang(?kind), "zh-Hant")) }
  OPTIONAL { ?rec dcterms:subject/skos:prefLabel ?theme FILTER (langMatches(lang(?theme), "zh-Hant")) }
} GROUP BY ?id ?rec ?text ?plan ?addressedTo""", id=ID)
rec.T'''),
    new_markdown_cell("## Its evidence\nThe library query `evidence`: the sentence it came from (`oa:hasSource`), "
                      "and the exact quote with its start and end offsets. `sentence[start:end]` is the quote."),
    new_code_cell('''import html
ev = sparql.load_query("evidence")
evidence = sparql.run_query(store, ev.text, sparql.resolve_params(ev, {"item": rec.loc[0, "rec"]}))
e = dict(zip(evidence.columns, evidence.rows[0]))
sentence, start, end = e["segmentText"], e["start"], e["end"]
assert sentence[start:end] == e["exact"]
# text from documents is untrusted: escaped before it becomes HTML
display(HTML(html.escape(sentence[:start]) + "<mark>" + html.escape(sentence[start:end]) + "</mark>"
             + html.escape(sentence[end:])))
{k: e[k] for k in ("start", "end", "segment", "sourceFile", "sourceLine")}'''),
    new_markdown_cell("## Back to the source\nThe sentence belongs to a paragraph of the plan's evaluation, "
                      "which records its line in the source file (`data/sources/`). The line as published:"),
    new_code_cell('''chain = ask("""# param: segment iri - the sentence
PREFIX rg: <https://w3id.org/recgraph/ns#>
SELECT ?segment ?paragraph ?ordinal ?evaluation ?serial WHERE {
  ?paragraph rg:sentence ?segment ; rg:ordinal ?ordinal .
  ?evaluation rg:paragraph ?paragraph ; rg:serial ?serial .
}""", segment=e["segment"])
line = (ROOT / "data" / "sources" / e["sourceFile"]).read_text(encoding="utf-8-sig").splitlines()[e["sourceLine"] - 1]
print(f'{e["sourceFile"]}:{e["sourceLine"]}: {line[:300]}…')
chain'''),
    new_markdown_cell("## Its status history\nThe report itself is the first assertion (pending response, open). "
                      "Updates are rows in `data/status-updates/*.csv`; each becomes a dated assertion and "
                      "nothing is overwritten."),
    new_code_cell('hq = sparql.load_query("status-recommendation-history")\n'
                  'history = sparql.run_query(store, hq.text, sparql.resolve_params(hq, {"id": ID}))\n'
                  'pd.DataFrame(list(history.rows), columns=history.columns)'),
    new_markdown_cell("## What an update looks like\nAn **example** update (not real) appended with "
                      "`recgraph status set` to a copy of the update folder in a temporary folder "
                      "(`data/` is untouched), then the history as `recgraph status show` prints it."),
    new_code_cell('''import shutil, tempfile
updates = Path(tempfile.mkdtemp(prefix="recgraph-updates-")) / "status-updates"
shutil.copytree(ROOT / "data" / "status-updates", updates)
recgraph(["status", "set", ID, "--date", "2026-03-01", "--acceptance", "accepted",
          "--implementation", "in-progress", "--note", "EXAMPLE: agency says work has started",
          "--reported-by", "example", "--file", str(updates / "example.csv"), "--updates", str(updates)])
recgraph(["status", "show", ID, "--updates", str(updates)])
shutil.rmtree(updates.parent)'''),
]

COMPARE = [
    new_markdown_cell(
        "# Compare two fiscal years\n**The second year here is SYNTHETIC**: `tests/synthetic.py` writes a "
        "next-year report from the real FY2025 one (sentences reworded, some recommendations repeated, some "
        "dropped, some new, one plan renamed; its title is marked （合成資料）). It shows how a second real "
        "year will be compared once one is published. Both years are built into a temporary folder."),
    new_code_cell(SETUP),
    new_code_cell('''import sys, tempfile
sys.path.insert(0, str(ROOT / "tests"))
from synthetic import synthetic_next_year
from recgraph.source import load_manifest, read_report

SEED = ROOT / "data" / "sources" / "moda-fy114-plan-evaluations.txt"
WORK = Path(tempfile.mkdtemp(prefix="recgraph-compare-"))
synthetic = synthetic_next_year(read_report(SEED, load_manifest()))
SYN = WORK / "moda-fy115-SYNTHETIC.txt"
SYN.write_text(synthetic.text.replace("評核結果", "評核結果（合成資料）", 1), encoding="utf-8")
recgraph(["build", str(SEED), str(SYN), "--out", str(WORK / "out"), "--quiet", "--no-views"])
store = sparql.load_graph(WORK / "out" / "graph.ttl")  # the two years in one graph; ask() uses it
ask(sparql.load_query("reports").text)[["title", "year", "evaluations", "recommendations"]]'''),
    new_markdown_cell("## Themes gained and lost\nPlans per theme and fiscal year (themes found in the "
                      "evaluation text, directly): a theme with plans in one year only was gained or lost overall."),
    new_code_cell('''rows = ask("""
PREFIX rg: <https://w3id.org/recgraph/ns#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?year ?plan ?theme WHERE {
  ?evaluation a rg:PlanEvaluation ; dcterms:isPartOf/rg:fiscalYear ?fy ; rg:evaluates/rdfs:label ?plan ;
              dcterms:subject/skos:prefLabel ?theme .
  FILTER (langMatches(lang(?theme), "zh-Hant"))
  BIND (STR(?fy) AS ?year)
}""")
first, second = sorted(rows["year"].unique())
per_year = pd.crosstab(rows["theme"], rows["year"])
per_year["change"] = per_year[second] - per_year[first]
print("gained overall:", sorted(per_year.index[(per_year[first] == 0) & (per_year[second] > 0)]))
print("lost overall:  ", sorted(per_year.index[(per_year[first] > 0) & (per_year[second] == 0)]))
per_year.sort_values("change").head(8)'''),
    new_markdown_cell("Per plan (a plan is the same `rg:Plan` in both years, matched by its normalised name and "
                      "`data/plan-aliases.csv`): the themes its evaluation gained and lost. The plan the synthetic "
                      "year renamed (計畫 -> 方案) shows as two plans, one losing every theme and one gaining "
                      "them, until a row of `data/plan-aliases.csv` pairs its two names."),
    new_code_cell('''sets = rows.groupby(["plan", "year"])["theme"].agg(set).unstack()
sets = sets.apply(lambda col: col.map(lambda v: v if isinstance(v, set) else set()))
changes = pd.DataFrame({"gained": sets[second] - sets[first], "lost": sets[first] - sets[second]})
changes = changes[(changes["gained"].map(len) > 0) | (changes["lost"].map(len) > 0)]
print(f"{len(changes)} of {len(sets)} plans changed themes")
changes.map(lambda v: "、".join(sorted(v))).head(10)'''),
    new_markdown_cell("## Recommendations repeated\nThe library query `status-repeats`: recommendations of the "
                      "second year that repeat one made to the same plan the year before (`rg:repeats`), the "
                      "main sign of a finding left unaddressed."),
    new_code_cell('''rq = sparql.load_query("status-repeats")
t = sparql.run_query(store, rq.text, sparql.resolve_params(rq, {}))
repeats = pd.DataFrame(list(t.rows), columns=t.columns)
recs = ask("""PREFIX rg: <https://w3id.org/recgraph/ns#>
SELECT ?year (COUNT(?r) AS ?recommendations) WHERE { ?r a rg:Recommendation ; rg:issuedIn/rg:fiscalYear ?fy .
  BIND (STR(?fy) AS ?year) } GROUP BY ?year ORDER BY ?year""")
display(recs)
print(f"{len(repeats)} recommendations of the SYNTHETIC year repeat an earlier one")
repeats[["id", "earlierId", "planName", "text", "earlierText"]].head(10)'''),
    new_code_cell("import shutil\nshutil.rmtree(WORK)  # the temporary build"),
]

FIGURES = [
    new_markdown_cell("# Figures against targets\nReported results next to their targets: which were met, "
                      "which fell short, which were overshot (targets set too low?)."),
    new_code_cell(SETUP),
    new_markdown_cell("## The figures table\n`out/figures.csv` (UTF-8 with BOM, opens in Excel): one row per "
                      "reported figure; `achievement_ratio` = result / target where both were found."),
    new_code_cell('''figures = pd.read_csv(OUT / "figures.csv", encoding="utf-8-sig")
with_target = figures.dropna(subset=["achievement_ratio"]).sort_values("achievement_ratio")
print(f"{len(figures)} figures, {len(with_target)} with a target")
with_target.tail(5)'''),
    new_markdown_cell("## Short of target, or barely met\nThe library query `figures-below-target`: with `ratio` "
                      "bound to 1 it lists the figures that fell short (none in FY2025's report); bound to 1.2, "
                      "those met by less than 20 %."),
    new_code_cell('''q = sparql.load_query("figures-below-target")
for ratio in ("1", "1.2"):
    t = sparql.run_query(store, q.text, sparql.resolve_params(q, {"ratio": ratio}))
    print(f"ratio {ratio}: {len(t.rows)} figures")
pd.DataFrame(list(t.rows), columns=t.columns)'''),
    new_markdown_cell("## The chart\n`out/charts/achievement-ratios.png`, drawn by the build (the dashed line "
                      "is the target). Charts are skipped, with a warning in the build summary, when no CJK font "
                      "is installed."),
    new_code_cell('''from IPython.display import Image
chart = OUT / "charts" / "achievement-ratios.png"
Image(filename=str(chart)) if chart.is_file() else print("no chart: install fonts-noto-cjk and build again")'''),
]

NOTEBOOKS = {
    "sparql-cookbook.ipynb": cookbook,
    "explore-themes-across-plans.ipynb": lambda: THEMES,
    "follow-a-recommendation.ipynb": lambda: FOLLOW,
    "compare-fiscal-years.ipynb": lambda: COMPARE,
    "figures-against-targets.ipynb": lambda: FIGURES,
}


def main():
    for name, cells in NOTEBOOKS.items():
        nb = new_notebook(cells=cells(), metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                                  "language": "python"}})
        for i, cell in enumerate(nb.cells):
            cell["id"] = f"{Path(name).stem[:40]}-{i}"  # stable ids: regenerating changes nothing
        nbformat.write(nb, HERE / name)
        print("wrote", HERE.name + "/" + name)


if __name__ == "__main__":
    main()

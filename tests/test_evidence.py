"""Every extracted fact points at the exact characters it came from, all the way to the source file."""


from recgraph.cli import main
from recgraph.serialize import to_store

EVIDENCE = """
PREFIX oa: <http://www.w3.org/ns/oa#> PREFIX rg: <https://w3id.org/recgraph/ns#>
SELECT ?ann ?exact ?start ?end ?text WHERE {
  ?ann oa:hasTarget ?t . ?t oa:hasSource ?seg ; oa:hasSelector ?q, ?p .
  ?q oa:exact ?exact . ?p oa:start ?start ; oa:end ?end . ?seg rg:text ?text }"""


def test_every_selector_slices_out_its_exact_text(seed_build):
    rows = list(to_store(seed_build.triples).query(EVIDENCE))
    assert len(rows) > 700
    for r in rows:
        assert r["text"].value[int(r["start"].value):int(r["end"].value)] == r["exact"].value, r["ann"]


def test_recommendation_evidence_leads_back_to_the_source_file(seed_build):
    rows = list(to_store(seed_build.triples).query("""
        PREFIX oa: <http://www.w3.org/ns/oa#> PREFIX rg: <https://w3id.org/recgraph/ns#>
        PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?file ?line ?exact WHERE {
          ?rec dcterms:identifier "moda-2025-P15-R1" ; rg:evidence/oa:hasTarget ?t .
          ?t oa:hasSelector/oa:exact ?exact ; oa:hasSource ?s .
          ?e rg:paragraph/rg:sentence ?s ; rg:sourceLine ?line ; dcterms:isPartOf/rg:sourceFile ?file }"""))
    assert len(rows) == 1
    assert rows[0]["file"].value == "moda-fy114-plan-evaluations.txt" and int(rows[0]["line"].value) == 28
    assert rows[0]["exact"].value.endswith("務必落實完整且嚴謹的系統性測試")


def test_quality_report_lists_plans_with_zero_counts(capsys):
    assert main(["quality"]) == 0
    out = capsys.readouterr().out
    assert "41 plans" in out and "plan 9 (" in out and "no figures" in out
    assert "plan 13 (" not in out.split("have a zero count:")[1]

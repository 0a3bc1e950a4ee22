"""Reviewer curation: data/theme-reviews.csv overrides the automatic role, is recorded with PROV,
sticks across rule changes, and `recgraph themes review` lists and writes the rows to decide."""

import csv

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from recgraph.cli import main
from recgraph.model import InputError, PlanRow
from recgraph.namespace import RG
from recgraph.theme_reviews import (DEFAULT_REVIEWS, apply_reviews, candidates, load_reviews, mentions_by_item,
                                    unmatched)
from recgraph.theme_roles import load_context_rules, segment_texts, subject_themes, tag_plan
from recgraph.themes import load_taxonomy
from recgraph.validate import to_rdflib, validate
from rows import plan_row

TAX = load_taxonomy()
HEADER = "item,theme,decision,reviewer,date,note,evidence\n"
PROV = "http://www.w3.org/ns/prov#"
DCT_DATE = URIRef("http://purl.org/dc/terms/date")
EV = "https://w3id.org/recgraph/id/report/moda/2025/plan/"


def _row(*sentences: str) -> PlanRow:
    return plan_row(*sentences, serial=7)


def _write(tmp_path, body: str):
    path = tmp_path / "reviews.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_bad_rows_are_named_by_file_and_line(tmp_path):
    path = _write(tmp_path, "moda-2025-P07,ai,maybe,甲,2026-11-30,,\n"
                            "moda-2025-P07,blockchain,accept,甲,2026-11-30,,\n"
                            "plan 7,ai,accept,甲,2026-11-30,,\n"
                            "moda-2025-P07,ai,accept,,2026-11-30,,\n"
                            "moda-2025-P07,ai,reject,甲,30/11/2026,,\n"
                            "moda-2025-P07,ai,,,,undecided rows are skipped,\n")
    with pytest.raises(InputError) as e:
        load_reviews(path, TAX.concepts)
    assert [str(p) for p in e.value.problems] == [
        f"{path}:2: decision 'maybe' must be accept, reject or empty (not yet decided)",
        f"{path}:3: unknown theme 'blockchain' (an id of ontology/themes.ttl)",
        f"{path}:4: item 'plan 7' is not a plan evaluation id such as moda-2025-P04",
        f"{path}:5: a decision needs its reviewer",
        f"{path}:6: date '30/11/2026' must be YYYY-MM-DD"]


def test_a_decision_overrides_the_rules_and_sticks_when_they_change(tmp_path):
    row = _row("本計畫協助業者參加國際研討會。", "另建置國際資安合作平台。")
    path = _write(tmp_path, "moda-2025-P07,international,accept,王審查,2026-11-30,works abroad,參加國際研討會\n")
    reviews = load_reviews(path, TAX.concepts)
    for rules in (load_context_rules(), ()):  # the shipped rules, and none at all
        mentions = apply_reviews(tag_plan(row, TAX, rules), segment_texts(row), reviews)
        decided = [m for m in mentions if m.reason == "review"]
        assert [(m.theme, m.role, m.span.exact, m.review.reviewer) for m in decided] == [
            ("international", "subject", "國際", "王審查")]  # only the mention inside its evidence
        assert "international" in subject_themes(mentions)
    reject = load_reviews(_write(tmp_path, "moda-2025-P07,international,reject,王審查,2026-11-30,,\n"), TAX.concepts)
    mentions = apply_reviews(tag_plan(row, TAX, ()), segment_texts(row), reject)  # no evidence: every mention
    assert {(m.role, m.reason) for m in mentions if m.theme == "international"} == {("passing", "review")}


@pytest.fixture(scope="module")
def seed_graph(seed_build):
    return to_rdflib(seed_build.triples)


def test_shipped_reviews_are_in_the_graph_with_who_when_and_evidence(seed_build, seed_graph):
    reviews = load_reviews(DEFAULT_REVIEWS, TAX.concepts)
    assert reviews and not unmatched(reviews, mentions_by_item(seed_build))
    assert "agriculture" not in subject_themes(seed_build.extractions[0][11].themes)
    g = seed_graph
    found = list(g.subjects(RDF.type, RG.ThemeReview))
    assert len(found) == len(reviews)
    review = next(r for r in found if str(r).startswith(EV + "11/"))
    mention = g.value(review, URIRef(PROV + "wasDerivedFrom"))
    assert (mention, RG.review, review) in g and str(g.value(mention, RG.roleRule)) == "review"
    assert str(g.value(review, RG.decision)) == "reject"
    assert g.value(review, DCT_DATE) == Literal("2026-11-30", datatype=XSD.date)
    agent = g.value(review, URIRef(PROV + "wasAttributedTo"))
    assert (agent, RDF.type, URIRef(PROV + "Agent")) in g and str(g.value(agent, RDFS.label)) == reviews[0].reviewer
    assert (URIRef(EV + "11"), URIRef("http://purl.org/dc/terms/subject"),
            URIRef("https://w3id.org/recgraph/theme/agriculture")) not in g


@pytest.mark.parametrize("case, shape", [("no role", "ThemeMentionRole"), ("odd role", "ThemeMentionRole"),
                                         ("odd decision", "ThemeReviewDecision"), ("undated", "ThemeReviewDate")])
def test_role_and_review_shapes(seed_graph, case, shape):
    from rdflib import Graph

    mention = URIRef(EV + "22/theme/1")
    review = next(seed_graph.subjects(RDF.type, RG.ThemeReview))
    g = Graph()  # the mention and the review with what they point to: small, so pySHACL is quick
    for node in (mention, review, seed_graph.value(review, URIRef(PROV + "wasDerivedFrom")),
                 seed_graph.value(review, URIRef(PROV + "wasAttributedTo"))):
        for t in seed_graph.triples((node, None, None)):
            g.add(t)
    assert shape not in {v.shape.removeprefix("https://w3id.org/recgraph/shapes#") for v in validate(g)}
    if case in ("no role", "odd role"):
        g.remove((mention, RG.themeRole, None))
        if case == "odd role":
            g.add((mention, RG.themeRole, Literal("maybe")))
    elif case == "odd decision":
        g.remove((review, RG.decision, None))
        g.add((review, RG.decision, Literal("perhaps")))
    else:
        g.remove((review, DCT_DATE, None))
    assert shape in {v.shape.removeprefix("https://w3id.org/recgraph/shapes#") for v in validate(g)}


def test_candidates_list_weak_words_single_mentions_and_new_links(seed_build):
    by_item = mentions_by_item(seed_build)
    found = {(c["item"], c["theme"]): c for c in candidates(by_item, previous=set())}
    assert "weak-label" in found[("moda-2025-P22", "digital-health")]["why"]
    assert "single-mention" in found[("moda-2025-P07", "cybersecurity")]["why"]
    assert all("new" in c["why"] for c in found.values() if c["role"] == "subject")
    assert ("moda-2025-P11", "agriculture") not in found  # reviewed already
    listed = candidates(by_item)
    assert [c["why"].split(";")[0] for c in listed] == sorted(
        (c["why"].split(";")[0] for c in listed),
        key=("theme-model", "single-mention", "weak-label", "advice", "mixed").index)


def test_cli_writes_undecided_rows_a_reviewer_fills_in(tmp_path, capsys):
    out = tmp_path / "to-review.csv"
    assert main(["themes", "review", "--limit", "3", "--write", str(out)]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("3 theme link(s) worth reviewing")
    assert f"appended 3 row(s) to {out}" in printed
    assert load_reviews(out, TAX.concepts) == ()  # undecided rows decide nothing
    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 3 and all(r["decision"] == "" and r["evidence"] for r in rows)
    rows[0].update(decision="reject", reviewer="林審查", date="2026-12-01")
    with out.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    (decided,) = load_reviews(out, TAX.concepts)
    assert (decided.item, decided.theme, decided.decision) == (rows[0]["item"], rows[0]["theme"], "reject")


def test_cli_previous_must_exist(tmp_path, capsys):
    assert main(["themes", "review", "--previous", str(tmp_path / "none.csv")]) == 2
    assert "--previous" in capsys.readouterr().err


def test_stale_reviews_are_listed_with_file_and_line(seed_build, tmp_path):
    from recgraph.theme_reviews import format_candidates

    path = _write(tmp_path, "moda-2025-P22,digital-health,accept,王審查,2026-11-30,,醫療院所遠距診療\n")
    stale = unmatched(load_reviews(path, TAX.concepts), mentions_by_item(seed_build))
    assert [r.line for r in stale] == [2]
    assert f"{path}:2: moda-2025-P22 digital-health '醫療院所遠距診療'" in format_candidates([], stale, path)


def test_theme_mentions_switch_is_an_option_of_build_and_viz():
    from recgraph.cli import parser

    assert parser().parse_args(["build", "--theme-mentions", "all"]).theme_mentions == "all"
    assert parser().parse_args(["viz", "g.ttl"]).theme_mentions == "subject"
    with pytest.raises(SystemExit):
        parser().parse_args(["viz", "g.ttl", "--theme-mentions", "some"])


def test_new_links_since_the_last_build_in_out(tmp_path, monkeypatch, capsys):
    """Without --previous, out/plan_themes.csv of the last build says which links are new."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "plan_themes.csv").write_text(
        "\ufeffitem,theme_id,role\r\nmoda-2025-P22,semiconductors,subject\r\n", encoding="utf-8")
    from recgraph.source import DEFAULT_MANIFEST

    assert main(["themes", "review", "--manifest", str(DEFAULT_MANIFEST)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "new" in lines[1].split()[3].split(";")  # new links are listed first
    assert not any(line.split()[:2] == ["moda-2025-P22", "semiconductors"] for line in lines[1:])


def test_links_named_only_in_advice_are_review_candidates():
    """A theme the evaluators ask a plan to consider is the reviewer's call: the plan may already work on it."""
    from pathlib import Path

    from recgraph.pipeline import build

    dev = Path(__file__).resolve().parent / "dev"
    b = build([dev / "moenv-fy115.txt"], manifest=dev / "manifest.csv", check=False)
    found = {(c["item"], c["theme"]): c for c in candidates(mentions_by_item(b))}
    genai = found[("moenv-2026-P07", "generative-ai")]
    assert (genai["role"], genai["why"]) == ("advice", "advice")
    assert "評估生成式AI" in genai["evidence"]


def test_links_the_theme_model_made_or_undid_are_listed_first():
    from recgraph.model import Span, ThemeMention
    from recgraph.theme_model import THEME_MODEL

    text = "本計畫辦理國際合作交流。"
    undone = ThemeMention("international", 1, 1, Span(5, 7, "國際"), "國際", "passing", THEME_MODEL)
    plain = ThemeMention("talent", 1, 1, Span(9, 11, "交流"), "交流", "subject", "opinion")
    listed = candidates({"x-2025-P01": ([undone, plain], {(None, None): "某計畫", (1, 1): text})})
    assert [(c["theme"], c["why"]) for c in listed] == [("international", "theme-model"), ("talent", "single-mention")]

"""The theme model: n-grams, scoring, the three acts (promote, veto, add) and their limits, the model file,
training (deterministic, acts trusted only where they were right on blind documents), the CLI."""

import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from recgraph import theme_model as M
from recgraph.model import InputError, Span, ThemeMention, ThemeReview
from recgraph.theme_roles import ADVICE, OPINION, PASSING, PLAN_NAME, SUBJECT
from recgraph.themes import load_taxonomy
from rows import plan_row

ROOT = Path(__file__).resolve().parent.parent
TEXT = "本計畫辦理國際合作交流，與美國簽署合作備忘錄。"


def mention(theme, role=SUBJECT, reason=OPINION, sentence=1, start=5, exact="國際", review=None):
    return ThemeMention(theme, None if sentence is None else 1, sentence, Span(start, start + len(exact), exact),
                        exact, role, reason, review)


def model(intercept: float, acts=("promote", "veto"), theme="international", **kw) -> M.ThemeModel:
    return M.ThemeModel({theme: intercept}, {theme: {"國際": 0.0}}, {theme: tuple(acts)}, **kw)


def test_ngrams_fold_width_variants_case_and_spaces():
    assert M.ngrams("ＡＩ台") == M.ngrams("ai臺") == {"a", "i", "臺", "ai", "i臺", "ai臺"}
    assert M.ngrams("a \n b") == M.ngrams("a b")


def test_a_plans_words_raise_the_probability_of_the_themes_they_weigh_for():
    m = M.ThemeModel({"international": -1.0}, {"international": {"國際": 4.0, "美國": 2.0}})
    assert m.probabilities("國際合作與美國")["international"] > m.probabilities("道路養護工程")["international"]
    assert m.probabilities("國際", themes=["ai"]) == {}  # a theme without a model is not scored


def test_a_subject_link_the_model_rules_out_becomes_passing_with_its_evidence_kept():
    found = M.settle_roles([mention("international")], TEXT, model(-12.0))
    assert [(m.role, m.reason, m.span) for m in found] == [(PASSING, M.THEME_MODEL, Span(5, 7, "國際"))]


def test_the_model_never_vetoes_a_theme_the_plans_name_makes_a_subject():
    mentions = [mention("international", sentence=None, reason=PLAN_NAME, start=0), mention("international")]
    assert M.settle_roles(mentions, TEXT, model(-12.0)) == mentions


def test_a_passing_or_advice_mention_the_model_reads_as_the_plans_work_becomes_its_first_subject():
    mentions = [mention("international", role=PASSING, reason="weak-label"),
                mention("international", role=ADVICE, reason="in-advice", start=12, exact="美國")]
    found = M.settle_roles(mentions, TEXT, model(12.0))
    assert [(m.role, m.reason) for m in found] == [(SUBJECT, M.THEME_MODEL), (ADVICE, "in-advice")]


def test_the_model_acts_only_as_far_as_it_is_trusted_for_the_theme():
    subject, passing = [mention("international")], [mention("international", role=PASSING, reason="weak-label")]
    assert M.settle_roles(subject, TEXT, model(-12.0, acts=("promote",))) == subject
    assert M.settle_roles(passing, TEXT, model(12.0, acts=("veto",))) == passing
    assert M.settle_roles(subject, TEXT, model(-12.0, veto_below={"international": 1e-9})) == subject
    assert M.settle_roles(subject, TEXT, None) == subject


def test_a_reviewers_decision_is_never_overridden():
    review = ThemeReview("moda-2025-P01", "international", "accept", "reviewer", "2026-12-02")
    reviewed = [mention("international", review=review)]
    assert M.settle_roles(reviewed, TEXT, model(-12.0)) == reviewed


def test_the_model_file_round_trips(tmp_path):
    m = M.ThemeModel({"ai": -1.5, "talent": 0.25}, {"ai": {"人工": 2.0, "a i": -0.5}, "talent": {"培訓": 1.0}},
                     {"ai": ("veto",), "talent": ("promote", "veto")}, {"ai": 0.01})
    path = tmp_path / "model.tsv"
    path.write_text("# a comment\n" + "".join("\t".join(r) + "\n" for r in [M.COLUMNS, *M.model_rows(m)]),
                    encoding="utf-8")
    assert M.load_model(path) == m
    assert M.load_model(tmp_path / "absent.tsv") is None


@pytest.mark.parametrize("row, message", [
    ("ai\t人工\tmany\t\t", "not a number"),
    ("ai\t人工\t1.0\tveto\t", "only an intercept row"),
    ("ai\t\t1.0\tforget\t", "only an intercept row"),
    ("ai\t人工\t1.0", "expected 5 tab-separated cells"),
])
def test_a_bad_model_row_is_reported_with_its_file_and_line(tmp_path, row, message):
    path = tmp_path / "model.tsv"
    path.write_text("\t".join(M.COLUMNS) + "\nai\t\t-1.0\t\t\n" + row + "\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        M.load_model(path)
    assert [(p.line, message in p.message) for p in e.value.problems] == [(3, True)]


def _examples():
    """Plans about international co-operation and about roads; the rules over-read international
    where 國際 names a road, and the blind document shows it."""
    out = []
    for i in range(40):
        out.append(M.Example(f"與日本簽署合作備忘錄第{i}案，推動國際交流", frozenset({"international"}),
                             frozenset({"international"}), frozenset({"international"}), f"doc{i % 4}"))
        out += [M.Example(f"辦理道路養護工程第{i}段{k}", frozenset(), frozenset(), frozenset(), f"doc{i % 4}")
                for k in "甲乙丙"]
    for i in range(3):
        out.append(M.Example(f"辦理道路養護工程第{i}段，經國際路", frozenset(), frozenset({"international"}),
                             frozenset({"international"}), "blind"))
    return out


def test_training_is_deterministic_and_trusts_an_act_only_where_it_was_right_on_blind_documents():
    first = M.train(_examples(), ["international", "ai"], blind={"blind"})
    again = M.train(_examples(), ["international", "ai"], blind={"blind"})
    assert M.model_rows(first) == M.model_rows(again)
    assert list(first.intercepts) == ["international"]  # too few annotated plans about AI
    assert first.acts == {"international": ("veto",)}  # the road's 國際 vetoed, three times out of three
    assert M.train(_examples(), ["international"]).acts == {}  # no blind documents, no acts
    one_document = [replace(e, document="doc") for e in _examples()]
    assert M.train(one_document, ["international"]).intercepts  # nothing to split, still a model


def test_recgraph_themes_train_writes_a_model_the_build_reads(tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    names = ["moe-fy115", "moea-fy115", "mohw-fy115", "mnd-fy115", "moi-fy115", "ncc-fy115"]
    for name in names:
        shutil.copy(ROOT / "tests" / "dev" / f"{name}.gold.json", gold)
    shutil.copy(ROOT / "tests" / "dev" / "manifest.csv", gold)
    (tmp_path / "blind.txt").write_text("# the last two\nmoi-fy115\nncc-fy115\n", encoding="utf-8")
    out = tmp_path / "model.tsv"
    run = subprocess.run([sys.executable, "-m", "recgraph", "themes", "train", "--against", str(gold),
                          "--blind", str(tmp_path / "blind.txt"), "--write", str(out)],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    assert "acts:" in run.stdout
    assert out.read_text(encoding="utf-8").startswith("# Written by `recgraph themes train --against ")
    m = M.load_model(out)
    assert m.intercepts and set(m.intercepts) <= set(load_taxonomy().concepts)
    bad = subprocess.run([sys.executable, "-m", "recgraph", "themes", "train", "--against", str(gold), "--blind",
                          str(tmp_path / "none.txt"), "--write", str(tmp_path / "x.tsv")],
                         capture_output=True, text=True, cwd=ROOT)
    assert bad.returncode != 0 and "none.txt" in bad.stderr and not (tmp_path / "x.tsv").exists()


def test_the_shipped_model_was_trained_on_the_annotated_corpora_with_existing_blind_documents():
    path = ROOT / "data" / "theme-model.tsv"
    head = path.read_text(encoding="utf-8").splitlines()[0]
    assert head.startswith("# Written by `recgraph themes train --against tests/dev --against tests/heldout "
                           "--blind tests/heldout/blind.txt`")
    blind = M.read_names(ROOT / "tests" / "heldout" / "blind.txt")
    assert blind and all((ROOT / "tests" / "heldout" / f"{n}.gold.json").is_file() for n in blind)
    m = M.load_model(path)
    assert set(m.intercepts) <= set(load_taxonomy().concepts)
    assert all(set(a) <= set(M.ACTS) for a in m.acts.values())


def test_a_veto_threshold_stays_below_every_true_link_the_annotations_confirm():
    true = M.Example("", frozenset({"talent"}), frozenset({"talent"}), frozenset({"talent"}), "a")
    false = M.Example("", frozenset(), frozenset({"talent"}), frozenset({"talent"}), "b")
    named = replace(true, named=frozenset({"talent"}))
    assert M._below_every_true_link("talent", [true, false, named], [0.03127, 0.001, 0.0001], M.VETO) == 0.0312
    assert M._below_every_true_link("talent", [false, named], [0.001, 0.0001], M.VETO) == M.VETO


def adder(intercept: float, theme="data-exchange") -> M.ThemeModel:
    return M.ThemeModel({theme: intercept}, {theme: {"申報": 1.0, "介接": 1.0}}, {theme: ("add",)})


def test_a_theme_the_rules_missed_is_added_with_the_sentence_that_says_most_for_it_as_evidence():
    row = plan_row("本計畫辦理道路養護工程。", "各金融機構每月線上申報交易資料並與本會系統介接。", name="金融監理計畫")
    found = M.add_subjects([], row, adder(-0.5), load_taxonomy())
    assert [(m.theme, m.role, m.reason, m.paragraph, m.sentence, m.span.exact) for m in found] == [
        ("data-exchange", SUBJECT, M.THEME_MODEL, 1, 2, "各金融機構每月線上申報交易資料並與本會系統介接。")]
    assert M.add_subjects([], row, adder(-12.0), load_taxonomy()) == []  # below ADD


def test_the_model_adds_no_theme_the_rules_mentioned_or_a_subject_already_implies():
    row = plan_row("各金融機構每月線上申報交易資料並與本會系統介接。")
    passing = [mention("data-exchange", role=PASSING, reason="weak-label")]
    assert M.add_subjects(passing, row, adder(12.0), load_taxonomy()) == passing
    narrower = [mention("generative-ai")]
    assert M.add_subjects(narrower, row, adder(12.0, theme="ai"), load_taxonomy()) == narrower
    not_trusted = M.ThemeModel({"data-exchange": 12.0}, {"data-exchange": {}}, {"data-exchange": ("promote",)})
    assert M.add_subjects([], row, not_trusted, load_taxonomy()) == []
    assert M.add_subjects([], row, None, load_taxonomy()) == []


def test_adding_a_theme_is_trusted_only_where_it_was_right_on_blind_documents():
    plain = M.Example("", frozenset({"iot"}), frozenset(), frozenset(), "x")
    wrong = replace(plain, gold=frozenset())
    assert M.trusted_acts("iot", [plain, plain, wrong], [0.9, 0.4, 0.35]) == ("add",)
    assert M.trusted_acts("iot", [plain, wrong, wrong], [0.9, 0.4, 0.35]) == ()
    assert M.trusted_acts("iot", [plain, plain], [0.9, M.ADD - 0.01]) == ()  # one decision is not enough

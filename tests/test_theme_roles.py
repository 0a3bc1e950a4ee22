"""Theme roles: each context rule on the sentence that motivated it, weak labels, and the seed's
tags that a reader found wrong (issue 14) no longer making subject links."""

import re

import pytest
from rdflib import Literal, URIRef

from recgraph import views as V
from recgraph.model import InputError, Paragraph, PlanRow, Sentence
from recgraph.namespace import RG
from recgraph.theme_roles import (ADVICE, DEFAULT_CONTEXT_RULES, PASSING, SUBJECT, load_context_rules, mention_role,
                                  subject_themes, tag_plan)
from recgraph.themes import find_themes, load_taxonomy

RULES = load_context_rules()
TAX = load_taxonomy()
DCT_SUBJECT = URIRef("http://purl.org/dc/terms/subject")
THEME = "https://w3id.org/recgraph/theme/"


def _bracketed(example: str) -> tuple[str, int, int]:
    """The example sentence without its [brackets], and where the bracketed mention sits."""
    m = re.search(r"\[([^\]]+)\]", example)
    text = example[:m.start()] + m.group(1) + example[m.end():]
    return text, m.start(), m.start() + len(m.group(1))


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_each_rule_fires_on_the_sentence_that_motivated_it(rule):
    text, start, end = _bracketed(rule.example)
    theme = next(iter(rule.themes), "")
    assert mention_role(text, start, end, RULES, theme, in_advice=rule.role == ADVICE) == (rule.role, rule.id)


def test_a_plain_statement_of_work_is_a_subject():
    text = "本計畫輔導9個產業公協會籌組工作小組，帶動108家企業參與資安成熟度評級。"
    start = text.index("資安")
    assert mention_role(text, start, start + 2, RULES) == (SUBJECT, "opinion")


def test_own_work_listed_with_deng_is_not_an_example_list():
    text = "於軟體供應鏈管理、弱點情資研析、偵測規則研製及數位韌性巡航等面向均具體推進"
    start = text.index("弱點")
    assert mention_role(text, start, start + 2, RULES)[0] == SUBJECT
    text = "藉由研擬我國資料授權、交換、應用等規範"
    start = text.index("資料授權")
    assert mention_role(text, start, start + 4, RULES)[0] == SUBJECT


def _row(name: str, *sentences: str) -> PlanRow:
    sents, pos = [], 0
    for i, s in enumerate(sentences, start=1):
        sents.append(Sentence(i, s, pos, pos + len(s)))
        pos += len(s)
    text = "".join(sentences)
    para = Paragraph(1, "一", text, 0, len(text), tuple(sents))
    return PlanRow(1, 3, name, "數位產業署", "部會管制", "公共建設", text, (para,), False, name, "數位產業署",
                   "部會管制", "公共建設", text)


def test_weak_label_needs_a_second_cue():
    alone = tag_plan(_row("數位創新研發計畫", "已就數位建模之國際研討會成果進行發表。"), TAX, RULES)
    assert [(m.theme, m.role, m.reason) for m in alone if m.theme == "international"] == [
        ("international", PASSING, "weak-label")]
    cued = tag_plan(_row("數位創新研發計畫", "已就數位建模之國際研討會成果進行發表。", "並協助業者海外拓銷。"), TAX, RULES)
    assert {m.role for m in cued if m.theme == "international"} == {SUBJECT}


def test_weak_label_in_the_plan_name_is_a_subject():
    mentions = tag_plan(_row("國際數位合作推動計畫", "本計畫執行良好。"), TAX, RULES)
    assert [(m.theme, m.role, m.reason) for m in mentions] == [("international", SUBJECT, "plan-name")]


def test_bad_rule_table_names_file_and_line(tmp_path):
    path = tmp_path / "rules.tsv"
    header = "id\trole\tpattern\tdescription\texample\tthemes\n"
    path.write_text(header + "a\tsideways\t{M}\td\te\t\nb\tpassing\t非\td\te\t\nc\tpassing\t({M}\td\te\t\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_context_rules(path)
    messages = [str(p) for p in e.value.problems]
    assert messages[0].startswith(f"{path}:2: role 'sideways'")
    assert messages[1].startswith(f"{path}:3: the pattern must contain {{M}}")
    assert messages[2].startswith(f"{path}:4: the pattern is not a valid regular expression")


def test_the_rule_table_documents_every_column():
    assert "{M}" in DEFAULT_CONTEXT_RULES.read_text(encoding="utf-8").split("\nid\t")[0]


# -- the seed: every tag the issue lists is a passing mention, never a subject link

ISSUE_TAGS = [  # (plan, theme, text of the mention's sentence that the reader quoted)
    (22, "digital-health", "醫療體系進行遷移規劃"),
    (30, "procurement", "因標規討論與採購程序導致時程延宕"),
    (19, "payments", "法務部建置虛擬資產情資分析系統"),
    (24, "talent", "（如人才淬煉、資料經濟等計畫）"),
    (24, "data-exchange", "（如人才淬煉、資料經濟等計畫）"),
    (13, "digital-inclusion", "本計畫中非偏鄉 5G 電波人口涵蓋率"),
    (12, "generative-ai", "具體釐清計畫所述 AI 技術層次（如 LLM、GenAI 或 AI Agent）"),
    (12, "agentic-ai", "具體釐清計畫所述 AI 技術層次（如 LLM、GenAI 或 AI Agent）"),
]


@pytest.fixture(scope="module")
def seed_mentions(seed_build):
    return seed_build.extractions[0]


@pytest.mark.parametrize("serial, theme, quote", ISSUE_TAGS)
def test_issue_tags_are_passing_mentions(seed_mentions, seed_build, serial, theme, quote):
    row = next(r for r in seed_build.reports[0].rows if r.serial == serial)
    mentions = [m for m in seed_mentions[serial].themes if m.theme == theme]
    sentences = {(p.index, s.index): s.text for p in row.paragraphs for s in p.sentences}
    assert any(quote in sentences[(m.paragraph, m.sentence)] for m in mentions)  # the mention is still recorded
    assert theme not in subject_themes(seed_mentions[serial].themes)


GENERIC_INTERNATIONAL = ["國際趨勢", "國際技術演進", "國際研討會", "國際專業訓練課程", "國際實例"]


def test_generic_international_words_make_no_subject_link(seed_mentions, seed_build):
    for row in seed_build.reports[0].rows:
        ms = seed_mentions[row.serial].themes
        sentences = {(p.index, s.index): s.text for p in row.paragraphs for s in p.sentences}
        for m in ms:
            if m.theme == "international" and m.sentence is not None:
                after = sentences[(m.paragraph, m.sentence)][m.span.start:m.span.start + 6]
                if any(after.startswith(w) for w in GENERIC_INTERNATIONAL):
                    assert m.role == PASSING, (row.serial, after)
    # plans whose only international words are these generic ones have no international link
    for serial in (2, 5, 9, 21):
        assert "international" not in subject_themes(seed_mentions[serial].themes)


def test_graph_links_plans_to_subject_themes_only(seed_build):
    """dcterms:subject means a subject link; every mention keeps its role and rule with its evidence."""
    from recgraph.validate import to_rdflib

    g = to_rdflib(seed_build.triples)
    ev = URIRef("https://w3id.org/recgraph/id/report/moda/2025/plan/22")
    assert (ev, DCT_SUBJECT, URIRef(THEME + "digital-health")) not in g
    assert (ev, DCT_SUBJECT, URIRef(THEME + "post-quantum-cryptography")) in g
    roles = {(str(g.value(m, URIRef("http://www.w3.org/ns/oa#hasBody")))[len(THEME):], str(g.value(m, RG.themeRole)),
              str(g.value(m, RG.roleRule))) for m in g.objects(ev, RG.mentions) if g.value(m, RG.themeRole)}
    assert ("digital-health", "passing", "weak-label") in roles
    assert ("semiconductors", "subject", "plan-name") in roles


def test_views_default_to_subject_links_with_a_switch_for_all(seed_out):
    store = V.load_store(seed_out / "graph.ttl")
    subject, every = V.read_tables(store), V.read_tables(store, mentions="all")
    plan = subject.evaluations["https://w3id.org/recgraph/id/report/moda/2025/plan/22"]["plan"]
    key = (plan, THEME + "digital-health")
    assert key in every.plan_themes
    assert key not in subject.plan_themes
    assert set(subject.plan_themes) < set(every.plan_themes)
    with pytest.raises(ValueError):
        V.read_tables(store, mentions="some")


def test_cross_cutting_ranking_is_led_by_themes_plans_work_on(seed_out):
    from recgraph import analyses as A

    ranking = [r["theme"].rsplit("/", 1)[-1] for r in A.cross_cutting_themes(V.read_tables(
        V.load_store(seed_out / "graph.ttl")))]
    assert ranking[0] == "cybersecurity"
    every = [r["theme"].rsplit("/", 1)[-1] for r in A.cross_cutting_themes(V.read_tables(
        V.load_store(seed_out / "graph.ttl"), mentions="all"))]
    assert ranking.index("international") > every.index("international")


def test_plan_themes_csv_says_role_rule_and_zh_label(seed_out):
    import csv

    with open(seed_out / "plan_themes.csv", encoding="utf-8-sig", newline="") as f:
        rows = {(r["plan_serial"], r["theme_id"]): r for r in csv.DictReader(f)}
    health = rows[("22", "digital-health")]
    assert (health["role"], health["rule"], health["theme_label_zh"]) == ("passing", "weak-label", "智慧醫療與照護")
    assert "醫療體系進行遷移規劃" in health["evidence"]
    chips = rows[("22", "semiconductors")]
    assert (chips["role"], chips["rule"]) == ("subject", "plan-name")
    assert int(chips["mentions"]) >= 2


@pytest.mark.parametrize("sentence, theme, role", [
    ("本計畫補助之應用多屬非AI相關之傳統製程改善。", "ai", "passing"),  # negation, issue 19
    ("本公司年度原物料採購金額逾百億元，並導入智慧製造。", "procurement", "passing"),  # a company's purchasing
    ("產品主要銷售對象為醫療院所與工具機業者。", "digital-health", "passing"),  # a customer sector
    ("建議因應國際趨勢調整產品規格。", "international", "passing"),  # a trend
])
def test_words_in_another_sense_on_other_ministries_phrasing(sentence, theme, role):
    mentions = [m for m in tag_plan(_row("產業創新推動計畫", sentence), TAX, RULES) if m.theme == theme]
    assert mentions and {m.role for m in mentions} == {role}


@pytest.mark.parametrize("text, theme", [
    ("持續因應變化調整推動策略", "digital-resilience"),
    ("公車導入衛星定位系統", "non-terrestrial-networks"),
    ("建立公平之遊戲規則", "digital-content"),
])
def test_excluded_contexts_are_no_mention(text, theme):
    assert theme not in [t for t, _ in find_themes(text, TAX)]

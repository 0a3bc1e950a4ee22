from hypothesis import given, strategies as st

from recgraph.text import ends_mid_sentence, parse_opinion, split_sentences, squeeze_cjk_spaces


def test_squeeze_removes_wrap_spaces_between_cjk_only():
    assert squeeze_cjk_spaces("數位 產業 署") == "數位產業署"
    assert squeeze_cjk_spaces("部會 管制") == "部會管制"
    assert squeeze_cjk_spaces("加強掌握 AI Agent 技術") == "加強掌握 AI Agent 技術"
    assert squeeze_cjk_spaces("將 5G 基地臺建置") == "將 5G 基地臺建置"
    assert squeeze_cjk_spaces("國際研討會（IEEE DSC）") == "國際研討會（IEEE DSC）"
    assert squeeze_cjk_spaces("及回復計 畫") == "及回復計畫"


def test_sentences_split_outside_brackets_only():
    text = "包括「甲。」及（乙；丙）；另丁。戊"
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == ["包括「甲。」及（乙；丙）；", "另丁。", "戊"]
    assert [("a;b")[s:e] for s, e in split_sentences("a;b")] == ["a;", "b"]


def test_opinion_paragraphs_ordinals_entities_and_offsets():
    op = parse_opinion("<p>一、甲&amp;乙。丙；</p> <p>二、<b>建議</b> 強化。</p>")
    assert [p.ordinal for p in op.paragraphs] == ["一", "二"]
    assert op.text == "一、甲&乙。丙；\n二、建議強化。"
    for p in op.paragraphs:
        assert op.text[p.start:p.end] == p.text
        for s in p.sentences:
            assert op.text[s.start:s.end] == s.text
    assert [s.text for s in op.paragraphs[0].sentences] == ["甲&乙。", "丙；"]
    assert not op.truncated and not op.problems


def test_truncation_and_unbalanced_tags():
    assert parse_opinion("<p>一、建議依廠商規模分級</p>").truncated
    assert ends_mid_sentence("建議擴大補助以增加廠商送測")
    assert not ends_mid_sentence("以提升成效。")
    assert parse_opinion("<p>一、甲。<p>二、乙。</p>").problems
    assert parse_opinion("<p>一、甲。").problems
    assert parse_opinion("一、甲。</p>").problems


def test_a_cell_cut_off_mid_sentence_is_truncated_not_malformed():
    """Tables exported with a cell-length limit lose the closing </p> with the text."""
    op = parse_opinion("<p>一、本計畫完成系統建置。</p> <p>二、建議：1.宜檢討經費；2.並與國內學研")
    assert op.truncated and not op.problems
    assert op.text.endswith("並與國內學研") and len(op.paragraphs) == 2


@given(st.text())
def test_sentence_spans_always_slice_their_text(text):
    op = parse_opinion(text)
    for p in op.paragraphs:
        assert op.text[p.start:p.end] == p.text
        for s in p.sentences:
            assert op.text[s.start:s.end] == s.text


def test_broken_declaration_is_a_problem_not_a_crash():
    assert parse_opinion("<p>a<![</p>").problems == (
        "malformed HTML markup (expected name token at '<![</p>'); fix or remove it",)

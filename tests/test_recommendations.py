"""Recommendations on the FY114 seed and on small hand-made sentences."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph
from rdflib.namespace import SKOS

from recgraph.model import PlanRow
from recgraph.namespace import KIND
from recgraph.recommendations import (
    DEFAULT_KINDS,
    classify,
    extract_recommendations,
    find_markers,
    is_generic,
    load_kinds,
    split_items,
)
from recgraph.source import read_report
from recgraph.text import parse_opinion

SEED = Path(__file__).resolve().parent.parent / "data" / "sources" / "moda-fy114-plan-evaluations.txt"
SPEC = Path(__file__).resolve().parents[2] / "shared" / "spec" / "recommendation-kinds.tsv"  # shared/ lies beside the checkout


@pytest.fixture(scope="module")
def rules():
    return load_kinds()


@pytest.fixture(scope="module")
def recs(rules):
    report = read_report(SEED)
    return {row.serial: extract_recommendations(row, rules) for row in report.rows}


def texts(recs, serial):
    return [r.text for r in recs[serial]]


def row_from_html(html: str, truncated: bool | None = None) -> PlanRow:
    opinion = parse_opinion(html)
    return PlanRow(
        serial=1, line=1, name="x", agency="x", control_level="", category="", opinion=opinion.text,
        paragraphs=opinion.paragraphs, truncated=opinion.truncated if truncated is None else truncated,
        name_as_written="x", agency_as_written="x", control_level_as_written="",
        category_as_written="", opinion_html=html,
    )


# ---------------------------------------------------------------- the scheme


def test_scheme_has_every_spec_kind_with_labels_and_cues(rules):
    if not SPEC.exists():  # the spec lives in shared/, beside the checkout in CI and sessions
        pytest.skip(f"spec file not available at {SPEC}")
    ids = [line.split("\t")[0] for line in SPEC.read_text(encoding="utf-8").splitlines()[1:] if line]
    assert sorted(k.id for k in rules.kinds) == sorted(ids)
    g = Graph().parse(DEFAULT_KINDS)
    for kind in rules.kinds:
        concept = KIND[kind.id]
        langs = {o.language for o in g.objects(concept, SKOS.prefLabel)}
        assert langs == {"zh-Hant", "en"}, kind.id
        assert {o.language for o in g.objects(concept, SKOS.definition)} == {"zh-Hant", "en"}
        assert g.value(concept, SKOS.scopeNote) is not None
        assert kind.cues, kind.id


def test_adding_a_cue_in_the_ontology_changes_classification(tmp_path):
    text = DEFAULT_KINDS.read_text(encoding="utf-8").replace('"人才", ', '"人才", "黑客松", ')
    path = tmp_path / "kinds.ttl"
    path.write_text(text, encoding="utf-8")
    assert "talent-development" not in classify("建議擴大黑客松")
    assert "talent-development" in classify("建議擴大黑客松", load_kinds(path))


# ---------------------------------------------------------------- markers and splitting


@pytest.mark.parametrize("text", [
    "推動應用服務", "提升應變能力", "以因應威脅", "對應規範", "強化供應鏈", "了解通訊需求",
    "申請認證", "邀請專家", "適宜推動", "提出規則設計建議。", "形成落地建議，具延續效益", "完成落地建議報告",
    "兼顧供需兩端", "可持續發展目標",
    "提供用戶時間電價及需量反應服務", "參與需量競價之用戶",  # 需量: demand response, a noun
    "辦理應施檢驗商品之邊境查驗",  # 應施檢驗: subject to inspection by law (moea-fy114 P08)
    "疑似案件則轉請警政機關偵辦",  # 轉請: forwarded to (ftc-fy115 P02)
    "修正草案已簽請部長核定", "陳請行政院核定",  # submitted for approval: findings
    "並因應新型態威脅強化應處作為", "提升港區災害應處能量",  # 應處 as a noun: the response (batch 10's kind)
])
def test_words_that_only_contain_a_marker_are_not_advice(text):
    assert find_markers(text) == []


@pytest.mark.parametrize("text,marker", [
    ("建議持續追蹤", "建議"), ("後續宜持續強化", "宜"), ("資安署應追蹤", "應"), ("後續請依規劃推動", "請"),
    ("專案管理需更具彈性", "需"), ("務必落實測試", "務必"), ("計畫平台可再補充效益", "可再"),
    ("建請督促業者", "建請"),
])
def test_advice_markers(text, marker):
    assert [m[2] for m in find_markers(text)] == [marker]


def test_split_keeps_clauses_joined_by_bing_ji_yu():
    s = "建議深化成果擴散，並建立追蹤機制，及強化跨部會協作。"
    assert [s[a:b] for a, b in split_items(s)] == ["建議深化成果擴散，並建立追蹤機制，及強化跨部會協作"]


def test_split_at_enumerators_and_drops_the_colon_header():
    s = "建議由二方面強化：第一，建立量化分析，以支撐規劃；"
    assert [s[a:b] for a, b in split_items(s)] == ["建立量化分析，以支撐規劃"]


def test_list_numbers_are_dropped_from_items():
    """爰請：1.…；2.… (ndc-fy114, mnd-fy115): the list numbers are not part of the recommendation."""
    row = row_from_html("<p>三、爰請：1.應持續盤點高使用量之申辦服務，擴大資料集範圍；2.宜強化平臺之資安監控；（三）請研議1.2億元之分配。</p>")
    assert [r.text for r in extract_recommendations(row)] == ["應持續盤點高使用量之申辦服務，擴大資料集範圍",
                                                              "宜強化平臺之資安監控", "請研議1.2億元之分配"]


@pytest.mark.parametrize("html,texts", [
    ("<p>三、爰請：1.持續盤點高使用量之申辦服務，擴大資料集範圍；2.宜強化平臺之資安監控。</p>",
     ["持續盤點高使用量之申辦服務，擴大資料集範圍", "宜強化平臺之資安監控"]),
    ("<p>三、爰建議：(1)加速辦理採購；(2)宜強化人才培育。</p>", ["加速辦理採購", "宜強化人才培育"]),
    ("<p>三、問題與建議：1.系統使用率偏低；2.宜加強推廣。</p>", ["宜加強推廣"]),
])
def test_an_advice_verb_before_a_colon_opens_the_list_a_noun_heading_does_not(html, texts):
    """爰請：1.… (ndc-fy114, mnd-fy115): the items are advice without a marker of their own."""
    assert [r.text for r in extract_recommendations(row_from_html(html))] == texts


@pytest.mark.parametrize("s", ["臨櫃申辦平均應備文件由5件減少為2件", "資安事件平均應處時間由4.5小時縮短為1.8小時"])
def test_nouns_with_ying_are_findings(s):
    assert not find_markers(s)


def test_split_at_ling_inside_a_sentence():
    s = "建議後續可持續掌握學員流向，另計畫平台可再補充相關效益。"
    assert [s[a:b] for a, b in split_items(s)] == ["建議後續可持續掌握學員流向", "計畫平台可再補充相關效益"]


def test_findings_before_advice_are_left_out_but_framing_is_kept():
    s = "整體執行成效良好，後續請依規劃積極推動執行。"
    assert [s[a:b] for a, b in split_items(s)] == ["後續請依規劃積極推動執行"]
    s = "針對人才培育，資安署應追蹤學員流向；"
    assert [s[a:b] for a, b in split_items(s)] == ["針對人才培育，資安署應追蹤學員流向"]


# ---------------------------------------------------------------- where the text starts (guideline, issue 19)


def _items(s):
    return [s[a:b] for a, b in split_items(s)]


@pytest.mark.parametrize("s", [
    "部分偏鄉據點志工流失嚴重，宜檢討培訓與留任機制",                  # a problem
    "申辦系統蒐集大量民眾敏感資料，應定期辦理資安健診",                  # a problem without a cue word
    "倘採跨年度履約，應預先規劃經費撥付時程",                          # a condition
    "如擬委外營運，請先行評估營運風險及契約管理機制",
    "智慧電網示範非屬本計畫核定範圍，宜另循能源主管機關計畫辦理",        # outside the plan
    "巡查車輛數量雖足，惟多數車齡老舊，請研擬分年汰換計畫",              # a concession leading into it
    "工程因地質條件變更致進度落後，主因係設計變更審查費時，請強化介面協調",
    "線上申辦比率僅12%，宜檢討申辦介面之易用性",                      # a number that is the problem
])
def test_the_problem_the_advice_answers_is_part_of_it(s):
    assert _items(s + "。") == [s]


@pytest.mark.parametrize("s,item", [
    ("本年度辦理研習四十場，惟偏遠學校參與率偏低，宜增開線上課程。", "惟偏遠學校參與率偏低，宜增開線上課程"),
    ("本年度受理申請1,200件，宜簡化審查流程。", "宜簡化審查流程"),
    ("服務人次逾320萬人次，較上年度成長，建議擴大服務據點。", "建議擴大服務據點"),
    # 第二期 is not the enumerator 第二，: the item is not cut there and keeps its whole word
    ("本計畫已完成第一期工程，第二期工程因用地問題尚未發包，請儘速解決。", "第二期工程因用地問題尚未發包，請儘速解決"),
    ("系統已完成上線，建議定期檢視使用者回饋。", "建議定期檢視使用者回饋"),
    ("各項工作均順利推動，成果值得肯定，請賡續辦理。", "請賡續辦理"),
    ("整體執行成效良好，後續請依規劃積極推動執行。", "後續請依規劃積極推動執行"),
])
def test_results_and_praise_before_the_advice_are_left_out(s, item):
    assert _items(s) == [item]


@pytest.mark.parametrize("s", [
    "跨機關資料串接之完整性仍待加強", "計畫自償率有待提升", "數位服務之使用者體驗仍有提升空間",
    "各縣市補助標準不一，適用範圍仍待釐清", "極端氣候對工程期程之衝擊仍待審慎因應",
])
def test_a_shortfall_still_to_be_remedied_is_a_recommendation(s):
    assert [r.text for r in extract_recommendations(row_from_html(f"<p>三、{s}。</p>"))] == [s]


@pytest.mark.parametrize("s", ["修法草案仍待立法院審議。", "偏鄉據點之使用率偏低。", "本計畫各項指標均已達成。"])
def test_a_state_or_a_plain_finding_is_not(s):
    assert extract_recommendations(row_from_html(f"<p>三、{s}</p>")) == []


def test_a_shortfall_and_the_advice_that_answers_it_are_one_recommendation():
    s = "各區處權責分工仍待釐清，請於下年度前完成作業規範；服務據點之即時性仍有改善空間，建議研議調整排班。"
    row = row_from_html(f"<p>三、{s}</p>")
    assert [r.text for r in extract_recommendations(row)] == [
        "各區處權責分工仍待釐清，請於下年度前完成作業規範", "服務據點之即時性仍有改善空間，建議研議調整排班"]


@pytest.mark.parametrize("s,item", [
    ("可評估導入區塊鏈存證，惟應先行確認其法律效力。", "可評估導入區塊鏈存證，惟應先行確認其法律效力"),
    ("另研議開放資料API，惟請注意個資去識別化。", "研議開放資料API，惟請注意個資去識別化"),
    ("針對長照據點，可研議結合社區藥局，惟須釐清費用分擔。", "針對長照據點，可研議結合社區藥局，惟須釐清費用分擔"),
])
def test_an_option_with_its_caveat_is_one_recommendation(s, item):
    assert _items(s) == [item]
    assert [r.text for r in extract_recommendations(row_from_html(f"<p>三、{s}</p>"))] == [item]


def test_researching_as_the_plans_own_work_is_not_an_option():
    """研擬 opening an item is an option offered; after the plan's subject it describes the work."""
    row = row_from_html("<p>一、本計畫盤點服務流程，研擬改善方案，並完成試辦。</p>")
    assert extract_recommendations(row) == []


def test_half_width_punctuation():
    s = "關於協助方案輸出,雖已提出初步規劃,但仍應有更具體之規劃說明,以利評估;"
    assert [s[a:b] for a, b in split_items(s)] == [s[:-1]]


def test_generic_directive():
    assert is_generic("建議團隊嚴格依照規劃期程控管進度")  # P15, issue 14
    assert is_generic("建議持續優化跨部會協作機制，以整合成果與資源")  # P19, issue 14
    assert not is_generic("後續應積極建立完善的跨部會協調與溝通機制，並建議深化醫療與農業應用")
    assert is_generic("後續請依規劃積極推動執行，並與各機關保持密切聯繫")
    assert is_generic("請依規劃廣續積極推動，並與共同主辦單位密切聯繫")
    assert not is_generic("應依計畫所擬之流程優化策略，改善民眾票選流程")


def test_findings_only_paragraph_has_no_recommendations():
    row = row_from_html("<p>一、本計畫完成30項交付，執行成效良好，值得肯定。</p>")
    assert extract_recommendations(row) == []


def test_advice_carries_over_semicolons_but_not_full_stops():
    row = row_from_html("<p>二、建議建立追蹤機制；持續推廣成果。本計畫已完成平台建置。</p>")
    assert [r.text for r in extract_recommendations(row)] == ["建議建立追蹤機制", "持續推廣成果"]


def test_truncated_tail_is_kept_and_marked():
    row = row_from_html("<p>二、建議擴大推廣。宜擬定策略。依廠商規模分級</p>")
    recs = extract_recommendations(row)
    assert [(r.text, r.truncated) for r in recs] == [
        ("建議擴大推廣", False), ("宜擬定策略", False), ("依廠商規模分級", True)]


# ---------------------------------------------------------------- the seed


def test_every_span_slices_out_its_text(recs):
    report = read_report(SEED)
    for row in report.rows:
        sentences = {(p.index, s.index): s.text for p in row.paragraphs for s in p.sentences}
        for r in recs[row.serial]:
            assert sentences[(r.paragraph, r.sentence)][r.span.start:r.span.end] == r.text == r.span.exact
            assert r.themes == () and r.addressed_to == ()
        assert [r.index for r in recs[row.serial]] == list(range(1, len(recs[row.serial]) + 1))


def test_plan_9_first_second(recs):
    assert texts(recs, 9) == [
        "針對D2D與HAPS落地情境，建立更具體之需求量化分析，以支撐法規調整時程與頻段規劃優先序",
        "就未來釋照可能出現之多頻段、多商品設計，增加不同市場競爭情境之模擬對照，以驗證規則穩定性，以使報告更臻完善",
    ]


def test_plan_11_first_next_last(recs):
    got = texts(recs, 11)
    assert len(got) == 3
    assert got[0].startswith("爭取將建設納入常態公務預算")
    assert got[1].startswith("導入低軌衛星")
    assert got[2].startswith("應鏈結地方轉型計畫")
    assert "emerging-technology" in recs[11][1].kinds
    assert "funding-and-operations" in recs[11][0].kinds


def test_plan_15_wubi_and_two_jianyi(recs):
    got = texts(recs, 15)
    assert len(got) == 3
    assert got[0].endswith("務必落實完整且嚴謹的系統性測試")
    assert got[1] == "建議團隊嚴格依照規劃期程控管進度"
    # the date ahead before it is the circumstance the advice answers (guideline rule 2; round 19r)
    assert got[2].startswith("多數工作項目將於115年度完成，建議於結案後再次提出績效報告")
    assert recs[15][1].generic  # a boiler-plate directive to keep to the schedule (issue 14)
    assert "reporting-quality" in recs[15][2].kinds


def test_plan_2_generic_directive_is_the_clause_from_houxu_qing(recs):
    (rec,) = recs[2]
    assert rec.text == "後續請依規劃積極推動執行，並與各機關保持密切聯繫，以充分掌握本計畫執行進度"
    assert rec.generic and rec.kinds == ("continue-as-planned",)
    assert rec.paragraph == 2


def test_generic_directives_on_the_seed(recs):
    generic = sorted(s for s, rs in recs.items() for r in rs if r.generic)
    assert generic == [2, 3, 4, 8, 15, 19]  # 15, 19: the misses of issue 14


def test_plan_19_items_name_agencies(recs):
    got = texts(recs, 19)
    assert len(got) == 6
    assert got[0].startswith("經濟部與衛福部應從")
    assert any(t.startswith("針對人才培育，資安署應追蹤") for t in got)
    assert any(t.startswith("數產署應掌握資安產值") for t in got)
    assert got[-1] == "建議持續優化跨部會協作機制，以整合成果與資源"


def test_truncated_plans_mark_only_their_last_item(recs):
    for serial in (34, 37, 38):
        flags = [r.truncated for r in recs[serial]]
        assert flags[-1] and not any(flags[:-1]), serial
    assert recs[34][-1].text == "依廠商規模分級"
    assert not any(r.truncated for s, rs in recs.items() if s not in (34, 37, 38) for r in rs)


def test_paragraph_two_mixes_findings_and_advice(recs):
    # Plan 5: findings, then "；建議後續年度計畫提早啟動跨部會協作…" in the same paragraph.
    (rec,) = recs[5]
    assert rec.text.startswith("建議後續年度計畫提早啟動跨部會協作")
    assert "cross-agency-coordination" in rec.kinds


def test_seed_recommendations_keep_the_problem_they_answer(recs):
    """Guideline rule 2 (issue 19): the finding right before the advice in its sentence is kept."""
    assert texts(recs, 30)[1:] == [
        "部分指標因標規討論與採購程序導致時程延宕,建議強化採購前置規劃,並維持跨部會與跨單位間協作溝通",
        "示範場域之推廣成果,缺乏具體的產業經濟效益說明,建議補強對經濟產業促進方面的成果論述",
    ]
    assert texts(recs, 21)[0].startswith("由於本計畫性質屬技術研發，目前的成果尚未完全轉化為實質的資安防護效益，建議")
    assert texts(recs, 39)[0] == "目前成果多以年度工作項目為主，建議轉向更積極的目標成效評估與CMMC生態系建構"


def test_nouns_in_findings_are_not_recommendations(recs):
    # 提出…規則設計建議。(plan 9), 制度調適建議 (12), 落地建議報告 (27) are in paragraph 一.
    for serial in (9, 12, 18, 27):
        assert all(r.paragraph != 1 for r in recs[serial]), serial


def test_every_plan_with_a_paragraph_two_has_a_recommendation(recs):
    assert all(recs[s] for s in recs), [s for s in recs if not recs[s]]


def test_kinds_are_sorted_known_ids(recs, rules):
    known = {k.id for k in rules.kinds}
    for rs in recs.values():
        for r in rs:
            assert list(r.kinds) == sorted(set(r.kinds)) and set(r.kinds) <= known


# ---------------------------------------------------------------- properties


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("建議應用需求請宜務必可再持續，,。；;：:（）()「」另並及與第一其次最後此外 a5G")), max_size=80))
def test_split_items_never_crashes_and_spans_are_in_range(text):
    spans = split_items(text)
    for a, b in spans:
        assert 0 <= a < b <= len(text)
    assert spans == sorted(spans)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120))
def test_extract_never_crashes_and_spans_slice_exactly(text):
    row = row_from_html("<p>" + text.replace("<", "") + "</p>")
    for r in extract_recommendations(row):
        sentence = row.paragraphs[r.paragraph - 1].sentences[r.sentence - 1]
        assert sentence.text[r.span.start:r.span.end] == r.text == r.span.exact


def test_job_category_is_not_security_advice(recs):
    """P12-R1: 資安 names a kind of job (人才培育對接 AI、資安等高階職缺), not security advice (issue 14)."""
    rec = next(r for r in recs[12] if "高階職缺" in r.text)
    assert "security-and-privacy" not in rec.kinds
    assert "talent-development" in rec.kinds


# ---------------------------------------------------------------- second round (issue 19)


@pytest.mark.parametrize("s,items", [
    # two requests, the second after a comma with its own advice verb: two recommendations
    ("宜訂定補助案件之退場條件，並請及早建立受補助單位之財務預警機制",
     ["宜訂定補助案件之退場條件", "請及早建立受補助單位之財務預警機制"]),
    ("應落實委外人員之背景查核，並宜擴大無紙化申辦之服務項目",
     ["應落實委外人員之背景查核", "宜擴大無紙化申辦之服務項目"]),
    ("請強化巡檢紀錄之數位化，並應檢討維修預算之編列方式",
     ["請強化巡檢紀錄之數位化", "應檢討維修預算之編列方式"]),
    # the second refers back (其, 該): one
    ("宜盤點各港區之冷鏈倉儲量能，並請評估其用電負載",
     ["宜盤點各港區之冷鏈倉儲量能，並請評估其用電負載"]),
    ("請輔導業者申請節能補助，並應追蹤該補助之實際節電成效",
     ["請輔導業者申請節能補助，並應追蹤該補助之實際節電成效"]),
    # 其他 is not a back-reference
    ("宜強化示範場域之成果推廣，並請研議擴大至其他縣市",
     ["宜強化示範場域之成果推廣", "請研議擴大至其他縣市"]),
    # without a comma, or 並 without an advice verb of its own: one
    ("宜研議共乘優惠並請客運業者配合宣傳", ["宜研議共乘優惠並請客運業者配合宣傳"]),
    ("宜強化志工培訓，並與社區大學合作開設課程", ["宜強化志工培訓，並與社區大學合作開設課程"]),
])
def test_a_second_request_after_a_comma_is_a_recommendation_of_its_own(s, items):
    assert [r.text for r in extract_recommendations(row_from_html(f"<p>三、{s}。</p>"))] == items


def test_a_cut_off_second_request_that_asks_nothing_yet_stays_with_the_first():
    row = row_from_html("<p>三、建議延長受理期間，並宜</p>", truncated=True)
    assert [r.text for r in extract_recommendations(row)] == ["建議延長受理期間，並宜"]


@pytest.mark.parametrize("s", [
    "偏鄉診所之遠距會診需求快速增加，請擴充會診時段",                     # an increase
    "部分轄區之違規停車檢舉案件增加，宜檢討執法人力之調度",
    "附屬事業之營運虧損逐年擴大，宜研議引進民間經營",
    "青年創業貸款之申貸件數成長趨緩，宜檢討貸款條件之吸引力",             # a slowdown
    "各國已陸續建置碳盤查資訊平台，本計畫不以系統開發為主軸，宜優先採用既有工具",  # a context
    "道路拓寬工程進度落後，預定進度64%，實際進度59.1%，請督促廠商趕工",     # a delay with its figures
    "預定進度70%，實際進度61%，進度落後，請檢討趕工計畫",
])
def test_a_problem_without_the_usual_cue_words_is_kept(s):
    assert [r.text for r in extract_recommendations(row_from_html(f"<p>三、{s}。</p>"))] == [s]


@pytest.mark.parametrize("s,item", [
    ("本年度完成道路標線更新120公里，宜建立標線耐用年限之追蹤資料。", "宜建立標線耐用年限之追蹤資料"),
    ("申辦人次較上年度增加，建議擴充線上客服。", "建議擴充線上客服"),
    ("系統可用率達99.7%，請持續維運。", "請持續維運"),                  # bare figures, no problem
    ("各項指標均已達成，成效值得肯定，宜持續推廣。", "宜持續推廣"),
])
def test_an_achievement_or_bare_figures_before_the_advice_are_left_out(s, item):
    assert [r.text for r in extract_recommendations(row_from_html(f"<p>三、{s}</p>"))] == [item]


# round 21r (session 15): kinds of the blind natural waves (docs/annotation-guideline.md, "Recommendations", round 21r)

def _texts(s, truncated=False):
    return [r.text for r in extract_recommendations(row_from_html(f"<p>三、{s}</p>", truncated=truncated))]


@pytest.mark.parametrize("s", [
    "圖書館借閱之使用率較前一年度下降，宜檢討開放時段",                       # a fall against last year, no number
    "民眾對線上申辦之滿意度較上年度下降，惟原因尚未查明，宜辦理使用者訪談",     # …before a 惟 turn
    "部分班級完成補救教學後，學習落後之比例仍高；宜檢討教材難度",             # a bad state that persists, before ；
    "親職講座多集中於週間上午辦理，雙薪家長出席不易，宜增設週末場次",         # a concentration
    "山區步道之木棧板受潮腐朽劣化；宜改用複合材質",                         # damage before ；
    "部分分校之成績單仍須以人工登打；宜評估導入線上登錄",                     # a fact with 須 right before the advice
    "組織調整後，部分業務之權責銜接不順；宜釐清分工",                         # duties poorly joined
    "本年度網站瀏覽人次較上年度減少；宜檢討內容更新頻率",
])
def test_a_problem_worded_as_a_change_or_a_need_is_kept_with_its_advice(s):
    assert _texts(s + "。") == [s]


@pytest.mark.parametrize("s,items", [
    ("本年度志工服務時數較上年度成長，宜擴大招募。", ["宜擴大招募"]),               # a gain is a result
    ("部分分校之成績單仍須以人工登打；爰請：1.評估導入線上登錄系統。", ["評估導入線上登錄系統"]),  # a list starts at its number
])
def test_a_gain_or_a_fact_before_a_lead_in_is_not_kept(s, items):
    assert _texts(s) == items


@pytest.mark.parametrize("s,items", [
    ("宜建置學籍資料之異地備份，並請每年辦理資料回復演練", 1),      # a restore drill of the backup asked for
    ("請評估建置備援機房，並請定期辦理斷線應變測試", 1),
    ("宜建置學籍資料之異地備份，並請辦理校務人員之資安通報演練", 2),  # a drill with an object of its own
    ("請將閱讀推廣納入學校年度計畫，並請定期檢討執行成效", 1),      # the first's outcome reviewed
    ("宜採用防鏽塗料，並請落實定期保養", 1),                        # keeping up what was asked
    ("宜強化伺服器帳號管理，並請每半年辦理內部稽核", 1),            # an audit of it
    ("宜強化伺服器帳號管理，並請落實內部稽核制度", 2),              # a new mechanism
    ("宜訂定校外教學安全指引，並請研議納入旅行業委託契約範本", 1),  # the first's output put into a document
    ("宜訂定校外教學安全指引，並請建立意外事件之通報機制", 2),
    ("宜研議開放學習歷程資料加值運用，並請加強學生之隱私保護", 1),  # a safeguard of the people it touches
    ("請檢討課程停開之原因，並應強化選課系統與網站資安防護", 2),      # a system's security: new work
    ("宜檢討志工獎勵辦法，並請邀集外部學者審訂", 1),                  # the first put before experts
    ("宜訂定推動期程，並請按月公布執行進度", 1),                      # its progress published
])
def test_a_second_part_that_only_drills_reviews_keeps_up_or_files_the_first_is_one(s, items):
    assert len(_texts(s + "。")) == items


def test_a_list_under_a_bracketed_heading_and_an_item_opening_with_a_frequency_are_read():
    assert _texts("【審查意見】建議：1.檢討獎勵標準；2.強化跨校合作。") == ["檢討獎勵標準", "強化跨校合作"]
    assert _texts("建議：1.盤點閒置空間；2.每半年辦理消防設備檢查，並請將檢查結果函知各校。") == [
        "盤點閒置空間", "每半年辦理消防設備檢查，並請將檢查結果函知各校"]
    assert _texts("【執行績效】本年度辦理研習12場。") == []


@pytest.mark.parametrize("s", [
    "應設置特教資源中心之縣市均已完成設置。",   # 應 inside the name of the parties counted
    "已建置學校占應建置學校之八成。",
    "研議修正補助要點，已於3月函頒。",          # an option stated done: the work
])
def test_a_duty_naming_parties_or_an_option_done_is_no_recommendation(s):
    assert _texts(s) == []


@pytest.mark.parametrize("s", ["應加強偏遠地區之學校數位設備", "研議修正補助要點，以利學校申請"])
def test_a_duty_or_an_option_still_asks(s):
    assert _texts(s + "。") == [s]


def test_a_cell_cut_after_a_manner_adverb_stays_one_item():
    assert _texts("宜檢討收費基準，並請按月", truncated=True) == ["宜檢討收費基準，並請按月"]
    assert _texts("宜檢討收費基準，並請評估", truncated=True) == ["宜檢討收費基準", "請評估"]  # a cut-off bare verb


# session 18: kinds of the blind natural wave 147-153 (FY099 tables)

@pytest.mark.parametrize("s,items", [
    ("貳、建議事項：1.加強入山遊客之用火宣導；2.研議與消防機關建立聯合救火之支援機制。",
     ["加強入山遊客之用火宣導", "研議與消防機關建立聯合救火之支援機制"]),
    ("二、改進意見：1.加強研發成果與產業需求之連結；2.檢討晶片設計人才之供需缺口。",
     ["加強研發成果與產業需求之連結", "檢討晶片設計人才之供需缺口"]),
    ("改進建議：（1）擴大辦理巡迴服務；（2）宜簡化申請流程。", ["擴大辦理巡迴服務", "宜簡化申請流程"]),
])
def test_a_heading_naming_the_advice_heads_a_numbered_list_of_it(s, items):
    assert [r.text for r in extract_recommendations(row_from_html(f"<p>{s}</p>"))] == items


@pytest.mark.parametrize("s,items", [
    ("審查意見：1.本年度完成巡迴服務20場；2.宜簡化申請流程。", ["宜簡化申請流程"]),  # an opinion heading: findings stay findings
    ("建議事項：本年度完成巡迴服務20場。", []),                                     # no list after the heading
])
def test_an_opinion_heading_or_a_heading_without_a_list_makes_no_advice(s, items):
    assert [r.text for r in extract_recommendations(row_from_html(f"<p>{s}</p>"))] == items


@pytest.mark.parametrize("s", [
    "部分焚化廠已屆使用年限，設備老化致停機檢修日數增加；宜及早規劃延役或整建方案",   # wear
    "莫拉克颱風後集水區土砂大量流入庫區，水質改善成效受影響；宜會同水利主管機關檢討整體治理策略",  # harm done
])
def test_wear_or_harm_done_before_the_advice_is_its_problem(s):
    assert _texts(s + "。") == [s]


def test_an_ageing_population_served_is_no_problem_of_the_plan():
    assert _texts("本年度服務人口老化地區之長者3,200人次；宜擴大巡迴服務。") == ["宜擴大巡迴服務"]


def test_the_seats_to_be_elected_are_a_count_not_a_duty():
    assert _texts("本次選舉應選名額計1萬1,020人，投票率約63%。") == []
    assert _texts("宜選擇適當之宣導管道，並應選擇交通便利之場地。") != []


def test_a_second_part_that_puts_the_first_into_teaching_material_is_one():
    assert len(_texts("計票作業之唱票與記票方式宜加以統一，並請納入工作人員講習之教材。")) == 1

"""Recommendation boundaries of the issue 19 round (docs/annotation-guideline.md, recommendations
rules 1-6): what a reader of the tracker keeps before the advice, when a 並請 part is a second
request, and what is not advice at all (建議：無, 建議 as a noun, findings with 須, carried results)."""

import pytest

from recgraph.recommendations import extract_recommendations, sentence_parts
from tests.test_recommendations import _items, row_from_html


def _recs(*paragraphs):
    return [r.text for r in extract_recommendations(row_from_html(" ".join(f"<p>{p}</p>" for p in paragraphs)))]


@pytest.mark.parametrize("s,item", [
    # a time condition on a result word (上線後之, 導入後之, 期滿後之) is the topic, not a result
    ("系統導入後之實際效益，應建立量化評估指標。", "系統導入後之實際效益，應建立量化評估指標"),
    ("辨識模型上線後之使用成效，請建立使用者回饋機制。", "辨識模型上線後之使用成效，請建立使用者回饋機制"),
    # a trend and a dependence are the circumstance the advice answers
    ("園區用電需求成長，宜會同經濟部預為規劃。", "園區用電需求成長，宜會同經濟部預為規劃"),
    ("專網場域多仰賴補助建置，補助期滿後之自主營運比率仍待提升。", "專網場域多仰賴補助建置，補助期滿後之自主營運比率仍待提升"),
    # a year and a code are not figures: the clause is a condition, kept
    ("營運契約將於116年屆期，後續營運模式之規劃期程請具體化。", "營運契約將於116年屆期，後續營運模式之規劃期程請具體化"),
    ("車聯網試辦採C-V2X技術，後續宜配合5G建設評估擴大路段。", "車聯網試辦採C-V2X技術，後續宜配合5G建設評估擴大路段"),
    # a circumstance clause holding 需 is not an item of its own
    ("鑒於影像需即時回傳，請評估傳輸之穩定度。", "鑒於影像需即時回傳，請評估傳輸之穩定度"),
    # praise before the advice is left out (rule 3)
    ("AI預報模式已具初步成效，請持續累積驗證個案。", "請持續累積驗證個案"),
])
def test_the_clause_before_the_advice_is_kept_unless_praise_or_result(s, item):
    assert _items(s) == [item]


@pytest.mark.parametrize("s", [
    "宜定期辦理學校資安演練，並請將演練結果納入區網中心考核。",  # the first's outcome
    "宜建立定期檢視機制，並請將檢視結果作為規劃之參考。",
    "應建置備援機制，並請定期測試。",  # the object left unsaid: the thing just asked for
    "宜就爭議類型編撰案例彙編，並請推廣予各機關參考。",
    "宜評估與業者合作，並應注意資安風險。",  # a caveat on how to do the first
    "海淡廠之推動期程宜明確，並請審慎評估其電力需求。",  # a back-reference
])
def test_a_second_part_carrying_the_first_further_is_one_recommendation(s):
    assert _items(s) == [s.rstrip("。")]


@pytest.mark.parametrize("s,items", [
    ("請評估通訊之穩定度，並應建立備援機制。", ["請評估通訊之穩定度", "應建立備援機制"]),
    ("宜強化個資保護，並請檢討審查基準。", ["宜強化個資保護", "請檢討審查基準"]),
    ("宜建立返國青年之經驗分享平臺，並請留意海外服務地區之安全風險評估。",
     ["宜建立返國青年之經驗分享平臺", "請留意海外服務地區之安全風險評估"]),  # 留意 names a new thing to do
    # a place or scope after the verb, then an object of its own; a word that starts with 供 or 到
    ("宜檢討醫師招募誘因，並請評估於偏遠院區導入遠距會診。", ["宜檢討醫師招募誘因", "請評估於偏遠院區導入遠距會診"]),
    ("宜要求廠商提供軟體物料清單，並請定期辦理供應鏈稽核。", ["宜要求廠商提供軟體物料清單", "請定期辦理供應鏈稽核"]),
    ("宜分析低使用學校之成因，並請提供到校輔導。", ["宜分析低使用學校之成因", "請提供到校輔導"]),
])
def test_a_second_part_with_an_object_of_its_own_is_a_second_recommendation(s, items):
    assert _items(s) == items


@pytest.mark.parametrize("advice", ["三、建議：無。", "三、建議事項：無。", "三、無建議事項。", "三、建議：（無）。",
                                    "建議：無"])
def test_no_advice_stated_gives_no_recommendation(advice):
    assert _recs("一、本計畫辦理研究補助。", "二、補助研究計畫36件。", advice) == []


def test_advice_after_a_none_in_another_paragraph_is_still_found():
    assert _recs("一、建議：無。", "二、另請檢討經費編列。") == ["請檢討經費編列"]


def test_advice_as_a_counted_noun_in_results_is_not_a_recommendation():
    assert _recs("二、線上平臺徵集政策建議1,284則，經票選進入回應程序者43則；補助團隊156隊。",
                 "三、蒐集考生建議312則，據以修正題型18項。") == []
    assert _recs("三、民眾建議之回應時間偏長，宜訂定處理時限。") == ["民眾建議之回應時間偏長，宜訂定處理時限"]


@pytest.mark.parametrize("finding", [
    "偏遠山區因無網路涵蓋，部分資料須人工回收。",
    "輔具申請仍須臨櫃送件。",
])
def test_a_finding_with_a_necessity_of_fact_is_not_a_recommendation(finding):
    assert _recs(f"三、{finding}宜檢討作業流程。") == ["宜檢討作業流程"]


def test_須_asking_for_an_improvement_is_still_advice():
    assert _recs("三、執行進度仍須加強。") == ["執行進度仍須加強"]


def test_results_carried_after_advice_are_findings():
    assert _recs("三、宜擴大服務窗口之宣導；另與某部建立通報機制，通報時間由6小時縮短為1.5小時；另移送案件兩件。") == [
        "宜擴大服務窗口之宣導"]
    # an enumerated item without results still carries the advice
    assert _recs("三、建議由兩方面強化：首先，爭取預算；其次，導入新技術。") == ["爭取預算", "導入新技術"]


@pytest.mark.parametrize("finding", [
    "通訊設備換裝進度落後，主因部分山區站址須重新辦理用地租約。",
    "橋梁改建較預定落後，原因為部分河段須辦理生態檢核程序。",
    "主要原因係部分機關須先完成預算調整。",
])
def test_a_cause_stated_with_須_is_a_finding_not_a_recommendation(finding):
    # a clause opening with 主因/原因為/主要原因 says why something is late (guideline rule 4)
    assert _recs(f"三、{finding}請檢討後續期程。") == ["請檢討後續期程"]
    assert _recs(f"三、{finding}") == []


def test_a_cause_right_before_advice_in_one_sentence_is_kept_as_its_reason():
    assert _recs("三、主因部分路段須辦理用地協商，請及早與地方政府協調。") == [
        "主因部分路段須辦理用地協商，請及早與地方政府協調"]


@pytest.mark.parametrize("s,items", [
    ("案件系統之資料串接仍待完善，並請評估導入語音辨識輔助紀錄。",
     ["案件系統之資料串接仍待完善", "請評估導入語音辨識輔助紀錄"]),
    ("巡查人力配置仍有改善空間，並宜檢討委外契約之罰則。", ["巡查人力配置仍有改善空間", "宜檢討委外契約之罰則"]),
])
def test_a_shortfall_then_a_request_with_its_own_object_is_two(s, items):
    # rule 4 makes the shortfall one recommendation, rule 5 the 並請 part with a new object another
    assert _items(s) == items


def test_a_shortfall_then_a_request_carrying_it_further_is_one():
    assert _items("系統備援機制仍待建立，並請定期測試。") == ["系統備援機制仍待建立，並請定期測試"]
    assert _items("資料品質仍待提升，並請檢討其查核方式。") == ["資料品質仍待提升，並請檢討其查核方式"]


# ---- round 9 (session 11): kinds of the latest blind batches, on invented sentences


@pytest.mark.parametrize("paragraph,recs", [
    # a shortfall (惟…仍待釐清) before a lead-in to a list is an item of its own, then each list item
    ("三、惟跨院檢驗資料之格式仍待統一，爰請：1.訂定交換欄位標準；2.建立介接測試環境。",
     ["惟跨院檢驗資料之格式仍待統一", "訂定交換欄位標準", "建立介接測試環境"]),
    ("三、委外契約之驗收基準仍有改善空間，請：1.增列效能指標；2.明定罰則。",
     ["委外契約之驗收基準仍有改善空間", "增列效能指標", "明定罰則"]),
    # a finding alone before the lead-in is not (rule 3), and a topic heads the list only
    ("三、本年度辦理說明會12場，爰請：1.擴大宣導對象；2.追蹤參與成效。", ["擴大宣導對象", "追蹤參與成效"]),
])
def test_a_shortfall_before_a_list_lead_in_is_an_item_of_its_own(paragraph, recs):
    assert _recs(paragraph) == recs


@pytest.mark.parametrize("s", [
    "案件結案週期仍有縮短空間。",
    "退件比率仍有降低空間。",
    "線上申辦之使用率尚有擴大空間。",
])
def test_room_to_improve_in_other_verbs_is_a_shortfall(s):
    assert _recs(f"三、{s}") == [s.rstrip("。")]


@pytest.mark.parametrize("s", [
    "訂閱服務使用量成長快速，宜評估擴充伺服器容量之時程。",
    "充電站用電需求大幅成長，宜會同台電公司預為規劃饋線容量。",
    "跨境包裹數量快速成長，請檢討查驗人力之配置。",
])
def test_a_trend_right_before_advice_is_kept(s):
    assert _items(s) == [s.rstrip("。")]


def test_growth_against_last_year_is_still_a_result():
    assert _items("本年度申辦件數較上年度大幅成長，宜持續推廣。") == ["宜持續推廣"]


@pytest.mark.parametrize("s", [
    "宜評估運用語音轉文字技術製作會議紀錄，並請注意發言者個資之遮蔽。",
    "宜擴大開放病歷摘要之調閱，並應注意去識別化。",
    "可研議導入生物辨識報到，並請留意個資之匿名化。",
])
def test_a_safeguard_on_how_to_do_the_first_keeps_one_item(s):
    assert _items(s) == [s.rstrip("。")]


@pytest.mark.parametrize("paragraph,recs", [
    # 另 + a statement of how some things are done with 須: not a recommendation (rule 4)
    ("三、宜擴充巡迴車之班次。另部分山區據點無固網線路，報表須以隨身碟送回。", ["宜擴充巡迴車之班次"]),
    ("三、請檢討配送路線。另離島部分藥品須以船運補給。", ["請檢討配送路線"]),
    # carried advice: a fact word (須人工, 須紙本) after 另 inherits nothing
    ("三、派案系統之穩定度仍有提升空間。另高山測站無行動網路涵蓋，部分紀錄須人工回收。", ["派案系統之穩定度仍有提升空間"]),
    ("三、宜簡化申辦流程。另部分補助申請仍須紙本核章。", ["宜簡化申辦流程"]),
])
def test_a_statement_of_fact_with_須_after_另_is_not_a_recommendation(paragraph, recs):
    assert _recs(paragraph) == recs


def test_須_after_另_asking_for_an_improvement_is_still_advice():
    assert _recs("三、宜擴大宣導。另部分據點之人力調度仍須加強。") == ["宜擴大宣導", "部分據點之人力調度仍須加強"]


def test_list_items_without_an_advice_verb_take_the_lead_in():
    assert _recs("三、建議：1.擴大合作藥局之補助；2.建立藥事人員輪訓制度。") == [
        "擴大合作藥局之補助", "建立藥事人員輪訓制度"]


@pytest.mark.parametrize("s", [
    "案件審理時程仍有進一步縮短之空間。",
    "志工招募管道仍有相當改善空間。",
])
def test_room_to_improve_with_words_between_is_a_shortfall(s):
    assert _recs(f"三、{s}") == [s.rstrip("。")]


def test_a_shortfall_before_建議如下_is_an_item_of_its_own():
    assert _recs("三、惟跨縣市轉介流程仍待釐清，建議如下：1.訂定轉介時限；2.建立追蹤名冊。") == [
        "惟跨縣市轉介流程仍待釐清", "訂定轉介時限", "建立追蹤名冊"]


# Round 12r (session 12): kinds of the blind batches' recommendation errors, on invented sentences.

@pytest.mark.parametrize("paragraphs,recs", [
    # a numbered list under 爰請：/請： whose items end in 。 or are cut by commas (guideline rule 1)
    (("三、爰請：1.訂定巡檢人員之輪值規範。2.擴充備品庫存並提升料件到位率。",),
     ["訂定巡檢人員之輪值規範", "擴充備品庫存並提升料件到位率"]),
    (("三、請：1.汰換老舊伺服器，2.建立異地備份，3.定期辦理復原演練。",),
     ["汰換老舊伺服器", "建立異地備份", "定期辦理復原演練"]),
    # the list set in paragraphs of its own after the lead-in; the next ordinal paragraph inherits nothing
    (("三、爰請：", "1.修訂教範之訓練時數；", "2.追蹤受訓單位之測考成績。", "四、本年度整體執行情形良好。"),
     ["修訂教範之訓練時數", "追蹤受訓單位之測考成績"]),
    (("三、機房空調效能仍待改善。請：1.評估汰換冷卻設備。2.建立溫濕度異常之通報流程。",),
     ["機房空調效能仍待改善", "評估汰換冷卻設備", "建立溫濕度異常之通報流程"]),
])
def test_bare_verb_items_of_a_numbered_list_take_the_lead_in(paragraphs, recs):
    assert _recs(*paragraphs) == recs


@pytest.mark.parametrize("paragraph", [
    "二、依相關規定，本中心非屬須辦理第三方驗證之單位。",  # a legal status
    "一、本計畫建置線上預約系統，使家屬無須往返院區，提升探視便利性。",  # a purpose: 無須
    "一、本計畫建置行動巡檢系統，以因應颱風期間之搶修需要。",  # a purpose: 需要 as a noun
    "二、惟部分站點因地主撤回同意須另覓地點，致建置進度延後。",  # a cause of delay
    "二、本年度促請承攬廠商補正施工缺失27項。",  # the agency urging others: a result
    "一、本計畫為退役官兵提供就業媒合服務，服務對象如需轉換跑道之中高齡退役人員。",  # who is served
])
def test_a_statement_with_須_需_or_促請_asks_nothing(paragraph):
    assert _recs(paragraph) == []


def test_the_way_round_an_obstacle_before_建議_is_a_statement_of_fact():
    assert _recs("三、部分山區哨所無行動網路，值勤日誌須於輪休時帶回。建議：宜評估離線填報功能。") == [
        "宜評估離線填報功能"]


@pytest.mark.parametrize("s", [
    "射控雷達部分模組須自原廠送修，請評估建立國內維修能量。",  # a fact with 須 is the advice's reason
    "部分判讀軟體仍須向國外廠商購買授權，請研議自行開發之可行性。",
    "建議評估導入雲端備份服務，並請注意備份資料存取權限之控管。",  # a safeguard after advice opening with 建議
    "宜研議建置車輛定位系統，並請留意軌跡資料之保存期限。",
])
def test_a_reason_or_a_safeguard_stays_with_its_advice(s):
    assert _recs(f"三、{s}") == [s.rstrip("。")]


@pytest.mark.parametrize("paragraph,recs", [
    ("三、執行進度仍須加強。", ["執行進度仍須加強"]),  # 仍須加強 asks
    ("三、宜強化門禁管制，並請檢討營區照明配置。", ["宜強化門禁管制", "請檢討營區照明配置"]),  # two objects
    ("三、部分營區仍無行動網路涵蓋，請評估衛星通信備援。", ["部分營區仍無行動網路涵蓋，請評估衛星通信備援"]),
])
def test_requests_around_the_new_kinds_are_unchanged(paragraph, recs):
    assert _recs(paragraph) == recs


@pytest.mark.parametrize("paragraph,recs", [
    # a need that asks (須加強, 須儘速) stays advice after an obstacle, a subject served or a cause
    ("三、部分山區據點行動網路未涵蓋，須加強基地臺之布建。", ["部分山區據點行動網路未涵蓋，須加強基地臺之布建"]),
    ("三、服務對象須儘速擴大至退役官兵眷屬。", ["服務對象須儘速擴大至退役官兵眷屬"]),
])
def test_a_need_that_asks_stays_advice(paragraph, recs):
    assert _recs(paragraph) == recs


# ---------------------------------------------------------------- round 13r (invented sentences)


@pytest.mark.parametrize("s", [
    "請評估假日接駁車停駛後之配套措施，並應避免旅客改搭非法營業車輛。",  # a risk to avoid, whatever it names
    "宜研議運用借閱紀錄推薦館藏，並請落實讀者資料之去識別化處理。",  # a safeguard with 落實
    "宜開放老照片供社區大學教學使用，並請注意原作者授權之範圍。",  # the limits of doing it
    "請檢討長照交通接送之收費標準，並請注意低收入戶之權益保障。",
    "宜追蹤志工培訓後之服務時數，並請納入年度評鑑。",  # the findings go into a review
    "宜分析各分館之閉館時段使用率，並請列入年度考評。",
])
def test_a_safeguard_a_risk_or_a_review_of_the_findings_stays_one_request(s):
    assert _recs(f"三、{s}") == [s.rstrip("。")]


@pytest.mark.parametrize("paragraph,recs", [
    # 落實 with an object of its own, 納入 with a new scope: a second request (guideline rule 5)
    ("三、宜建立志工排班系統，並請落實內部稽核制度。", ["宜建立志工排班系統", "請落實內部稽核制度"]),
    ("三、宜擴大社區健康講座，並請納入偏遠村里。", ["宜擴大社區健康講座", "請納入偏遠村里"]),
])
def test_a_second_part_with_an_object_of_its_own_stays_two(paragraph, recs):
    assert _recs(paragraph) == recs


def test_who_does_it_with_仍須由_is_a_statement_of_fact():
    assert _recs("二、另山區獨居長者多無智慧型手機，仍須由社工員協助代為預約。") == []
    assert _recs("三、部分零件須由原廠提供，宜研議建立國內備料機制。") == [
        "部分零件須由原廠提供，宜研議建立國內備料機制"]


def test_a_topic_with_二次利用_before_a_list_item_stays_with_its_advice():
    assert _recs("三、爰請：1.針對各年齡層讀者之借閱情形進行分析；2.館藏影像之授權及二次利用，宜訂定管理要點。") == [
        "針對各年齡層讀者之借閱情形進行分析", "館藏影像之授權及二次利用，宜訂定管理要點"]


def test_a_reason_before_a_semicolon_and_the_advice_after_it_are_one_recommendation():
    row = row_from_html("<p>二、本年度完成巡檢40處。惟部分山區測站因道路坍方，維修人員須徒步前往；宜研議以無人機辦理例行巡檢。</p>"
                        "<p>三、請檢討備品庫存。</p>")
    first, second = extract_recommendations(row)
    assert first.text == "惟部分山區測站因道路坍方，維修人員須徒步前往；宜研議以無人機辦理例行巡檢"
    assert (first.paragraph, first.sentence, first.through) == (1, 2, 3)  # its span: the paragraph's text
    assert row.paragraphs[0].text[first.span.start:first.span.end] == first.text
    assert (second.text, second.through) == ("請檢討備品庫存", 0)
    parts = sentence_parts([first], row)  # what the theme roles read advice by: one part per sentence
    assert [(p.sentence, p.span.exact) for p in parts] == [
        (2, "惟部分山區測站因道路坍方，維修人員須徒步前往；"), (3, "宜研議以無人機辦理例行巡檢")]


@pytest.mark.parametrize("paragraph,recs", [
    ("三、惟偏遠分館僅有一名館員，夜間無人值班；宜研議與社區志工合作延長開放時間。",
     ["惟偏遠分館僅有一名館員，夜間無人值班；宜研議與社區志工合作延長開放時間"]),
    # a shortfall asks for something itself: an item of its own (guideline rules 1 and 4)
    ("三、惟借閱系統之行動化程度仍待提升；宜研議推出行動借書證。", ["惟借閱系統之行動化程度仍待提升", "宜研議推出行動借書證"]),
    # no 惟: a result before ； is no reason (rule 3)
    ("三、本年度新增借閱證1,200張；宜研議推出行動借書證。", ["宜研議推出行動借書證"]),
])
def test_only_a_reason_that_asks_nothing_joins_the_advice_after_a_semicolon(paragraph, recs):
    assert _recs(paragraph) == recs


def test_descriptions_of_the_work_before_any_advice_are_no_recommendation():
    assert _recs("一、本計畫並為友邦海關人員辦理查驗訓練；另與某國駐臺機構共同辦理區域研討會。",
                 "三、宜檢討訓練教材之更新頻率。") == ["宜檢討訓練教材之更新頻率"]


# -- round 14r (invented sentences): list items opening with a frequency, 移請 and 仍須改以 statements,
# a cut-off verb alone kept as cut, a 惟 shortfall kept whole, scope and description statements.

def test_a_list_item_opening_with_a_frequency_takes_the_lead_ins_verb():
    assert _recs("三、建議：1.每季辦理一次資料庫還原測試；2.檢討異常告警之門檻。") == [
        "每季辦理一次資料庫還原測試", "檢討異常告警之門檻"]
    assert _recs("三、爰請：1.每半年檢視一次帳號權限；2.強化外部連線之管控。") == [
        "每半年檢視一次帳號權限", "強化外部連線之管控"]


@pytest.mark.parametrize("s", [
    "二、陳情案件移請權責機關處理比率達八成五。",  # the agency's work, as 促請
    "二、偏遠站點因無專線到達，仍須改以微波傳輸資料。",  # the other means used: a fact
    "二、舊網站改版非屬本計畫範圍，由資訊室另案辦理。",  # a scope statement
    "一、本計畫建置線上申請系統，邀請單位以工商憑證登入送件。",  # a description
])
def test_statements_of_work_fact_scope_or_description_are_no_advice(s):
    assert _recs(s) == []


def test_a_shortfall_after_its_circumstance_is_kept_whole():
    assert _recs("三、惟部分課程因場地整修停辦，學員之補課安排仍待改善；另宜檢討報名流程。") == [
        "惟部分課程因場地整修停辦，學員之補課安排仍待改善", "宜檢討報名流程"]


def test_a_cut_off_verb_alone_is_a_second_request_kept_as_cut():
    html = "<p>三、請檢討告警規則之設定，並請評估</p>"
    assert [r.text for r in extract_recommendations(row_from_html(html, truncated=True))] == [
        "請檢討告警規則之設定", "請評估"]
    adverb = "<p>三、宜建立資料品質檢核機制，並請定期檢討</p>"  # a manner adverb: the object left unsaid, one
    assert [r.text for r in extract_recommendations(row_from_html(adverb, truncated=True))] == [
        "宜建立資料品質檢核機制，並請定期檢討"]
    complete = "<p>三、應建置備援機制，並請定期測試。</p>"  # not cut: the object is left unsaid, one request
    assert [r.text for r in extract_recommendations(row_from_html(complete, truncated=False))] == [
        "應建置備援機制，並請定期測試"]


# round 15r (session 13): invented sentences for the kinds the blind batches missed or over-read
@pytest.mark.parametrize("paragraph,expected", [
    # a lead-in right after a paragraph number gives its verb to the bare-verb items (rule 1)
    ("（二）爰請：1.訂定巡檢人員之交接規範；2.檢討假日門診之掛號流程。", ["訂定巡檢人員之交接規範", "檢討假日門診之掛號流程"]),
    ("(四)請：1.儘速完成備份主機之汰換，2.每月檢視系統存取紀錄。", ["儘速完成備份主機之汰換", "每月檢視系統存取紀錄"]),
    ("2.爰請：1.依受訓者職級分班規劃課程；2.宜評估增設視訊授課。", ["依受訓者職級分班規劃課程", "宜評估增設視訊授課"]),
    ("（三）爰請：1.查核未結案之缺失，限期改善；2.盤點結果宜定期公告。", ["查核未結案之缺失，限期改善", "盤點結果宜定期公告"]),
])
def test_a_lead_in_after_a_paragraph_number_opens_its_list(paragraph, expected):
    assert _recs(paragraph) == expected


def test_a_list_items_bare_verb_and_a_new_object_after_bing_yi_are_two():
    assert _recs("三、建議：1.宜擴充病床。2.檢討夜間值班之人力，並宜研議與鄰近院所合作轉診。") == [
        "宜擴充病床", "檢討夜間值班之人力", "宜研議與鄰近院所合作轉診"]


@pytest.mark.parametrize("s", [
    "宜訂定老舊車輛之汰換期程，並請納入年度內部稽核項目。",  # an audit the thing asked for goes into
    "宜建立藥品效期之管理機制，並請列入年度查核。",
    "宜強化會員帳號之驗證及異常交易之偵測，並請督導委外業者落實。",  # a bare verb closing it
])
def test_a_second_part_putting_the_first_into_an_audit_or_closing_on_a_bare_verb_is_one(s):
    assert _recs(s) == [s.rstrip("。")]


def test_a_problem_with_its_cause_before_a_semicolon_is_the_advices_reason_without_wei():
    assert _recs("三、監視器採購因晶片缺料延至8月始交貨，致各分隊啟用延後；宜提前辦理下年度採購。") == [
        "監視器採購因晶片缺料延至8月始交貨，致各分隊啟用延後；宜提前辦理下年度採購"]
    assert _recs("三、部分班次因駕駛人力不足而停駛；宜研議委外營運。") == ["部分班次因駕駛人力不足而停駛；宜研議委外營運"]
    # a result before ； stays out of the advice after it (rule 3)
    assert _recs("三、本年度完成巡檢120次；宜檢討巡檢頻率。") == ["宜檢討巡檢頻率"]


def test_a_need_for_manual_work_before_a_lead_in_and_a_term_with_ying_ask_nothing():
    assert _recs("三、惟部分站所位於山谷，紀錄仍須以人工補登；爰請：（1）建立離線登錄機制；（2）檢討補登時限。") == [
        "建立離線登錄機制", "檢討補登時限"]
    assert _recs("一、本計畫輔導業者申報應申報之營業資料，並查核其應扣繳之稅額。") == []


# round 16r (session 13): invented sentences for the kinds the blind batches missed or over-read
@pytest.mark.parametrize("paragraph,expected", [
    # a problem before ； without 惟 or a cause is the reason of the advice after it (rule 2)
    ("三、部分山地分駐所之行動網路訊號不穩定，勤務回報常中斷；宜評估衛星備援通訊。",
     ["部分山地分駐所之行動網路訊號不穩定，勤務回報常中斷；宜評估衛星備援通訊"]),
    ("三、預約掛號系統於流感疫苗開打首日曾發生當機；宜擴充主機容量，並請定期測試。",
     ["預約掛號系統於流感疫苗開打首日曾發生當機；宜擴充主機容量，並請定期測試"]),
    ("三、部分老舊校舍之電力容量不符冷氣裝設需求；宜與縣市政府研議電力改善。",
     ["部分老舊校舍之電力容量不符冷氣裝設需求；宜與縣市政府研議電力改善"]),
    # a result before ； stays out (rule 3)
    ("三、本年度完成電力改善45校；宜檢討改善期程。", ["宜檢討改善期程"]),
])
def test_a_problem_before_a_semicolon_without_wei_is_the_advices_reason(paragraph, expected):
    assert _recs(paragraph) == expected


@pytest.mark.parametrize("s", [
    "新建物流中心之冷鏈監控系統建置，請及早辦理需求規劃。",  # a topic named by its work (rule 3)
    "年度查核發現之藥品效期管理缺失，請追蹤改善情形。",  # an audit's finding, not 核發
])
def test_a_topic_ending_in_its_work_or_an_audits_finding_is_kept(s):
    assert _recs(s) == [s.rstrip("。")]
    assert _recs("本年度完成冷鏈監控系統之建置，請持續維運。") == ["請持續維運"]
    assert _recs("冷鏈監控系統之建置已完成，請持續維運。") == ["請持續維運"]


@pytest.mark.parametrize("s", [
    "宜調查志工之服務時段偏好，並請據以調整排班方式。",  # acts on the first's outcome
    "宜盤點轄區老舊橋梁之劣化情形，並請據此排定補強順序。",
    "宜建立污水廠之緊急應變機制，並請每年辦理應變演練。",  # a drill of the mechanism just asked for
    "宜建置長照個案之轉銜機制，並請定期檢討轉銜成效。",  # its outcome
])
def test_a_second_part_acting_on_the_firsts_outcome_or_drilling_it_is_one(s):
    assert _recs(s) == [s.rstrip("。")]
    assert len(_recs("宜強化機房門禁管理，並請辦理社交工程演練。")) == 2  # a drill of something else
    assert len(_recs("宜檢討志工招募之誘因，並請建立招募成效之追蹤指標。")) == 2  # a new thing about the outcome


@pytest.mark.parametrize("paragraph,expected", [
    ("三、宜強化巡檢資料之品質管控；跨機關影像串接非屬本期計畫範圍，由下年度另案辦理。", ["宜強化巡檢資料之品質管控"]),
    ("三、宜檢討巡護人力配置。部分外島因無光纖，監測影像仍須以硬碟定期寄回。", ["宜檢討巡護人力配置"]),
])
def test_a_scope_statement_and_a_fact_with_other_means_ask_nothing(paragraph, expected):
    assert _recs(paragraph) == expected


def test_a_caveat_on_protection_keeps_one():
    s = "宜評估導入雲端視訊服務，並應注意會議內容之資安防護。"
    assert _recs(s) == [s.rstrip("。")]


def test_a_turn_with_wei_holding_a_result_word_stays_with_the_shortfall_after_it():
    assert _recs("三、本年度輔導店家85家，惟部分傳統市場攤商因導入成本考量，使用意願偏低，仍待加強宣導。") == [
        "惟部分傳統市場攤商因導入成本考量，使用意願偏低，仍待加強宣導"]
    assert _recs("三、本年度完成30場，惟已完成驗收，請持續辦理。") == ["請持續辦理"]


# round 17r (session 13): rule 5 after a comma, in invented sentences for the kinds of blind part T
@pytest.mark.parametrize("s", [
    "宜研議以簡訊推播颱風停班資訊，並應注意推播內容之正確性。",  # a quality of the first's own output
    "請評估開放門診線上掛號，並應注意系統尖峰時段之穩定性。",
    "可研議以語音客服回覆報稅問題，並請注意公告資訊之時效。",
    "宜研議以無人船巡查港區水質，並應注意航行區域之限制。",  # a limit on doing it
])
def test_a_caveat_on_a_quality_or_limit_of_the_first_is_one(s):
    assert _recs(s) == [s.rstrip("。")]
    assert len(_recs("宜評估導入雲端備份，並請留意委外廠商之資安風險評估。")) == 2  # an assessment of its own


@pytest.mark.parametrize("s", [
    "宜檢討社區巡守隊之補助基準，並請於下年度修正補助要點。",  # the review's result put into effect
    "宜就民眾陳情案件訂定處理時限，並請按月公布辦理情形。",  # the first's progress published
    "宜輔導受補助社團建立財務制度，並請納入年度成效評估。",  # the first put into an evaluation
])
def test_a_second_part_carrying_the_first_further_is_one(s):
    assert _recs(s) == [s.rstrip("。")]
    assert len(_recs("宜強化志工訓練，並請於下年度擴大招募範圍。")) == 2  # no review before it: a new scope


def test_an_option_with_a_new_object_after_a_comma_is_a_second_request():
    assert _recs("宜訂定場館預約之退費規定，並可評估引進民間業者經營餐飲服務。") == [
        "宜訂定場館預約之退費規定", "可評估引進民間業者經營餐飲服務"]
    assert _recs("宜建立復建工程之驗收標準，並可研議委託專業機構辦理抽驗。") == [
        "宜建立復建工程之驗收標準", "可研議委託專業機構辦理抽驗"]
    assert len(_recs("宜導入公文電子簽核，並可評估其擴大適用之可行性。")) == 1  # refers back (其)


@pytest.mark.parametrize("s", [
    "部分山區水位站因無行動訊號，水位紀錄須待巡查人員到站後下載。",
    "部分海岸測站因衛星訊號遮蔽，定位資料須於返回基地後補算。",
    "部分林區監測站因訊號不穩，影像須待次日批次補傳。",
])
def test_the_way_round_a_signal_or_bandwidth_obstacle_asks_nothing(s):
    assert _recs(s) == []


@pytest.mark.parametrize("s, items", [
    ("宜將防疫物資盤點納入新進同仁之訓練，並請建立訓練成效考核機制。",
     ["宜將防疫物資盤點納入新進同仁之訓練", "請建立訓練成效考核機制"]),  # a mechanism to build
    ("宜修訂補助申請之審查要點，並請研議審查結果與年度經費分配之連動。",
     ["宜修訂補助申請之審查要點", "請研議審查結果與年度經費分配之連動"]),  # linked with another scheme
])
def test_an_outcome_noun_describing_a_new_object_is_a_second_request(s, items):
    assert _recs(s) == items


@pytest.mark.parametrize("s", [
    "宜定期辦理機房斷電演練，並請將演練結果納入維運廠商之考核機制。",  # the outcome acted on
    "宜建立志工服務之督導機制，並請定期檢討督導成效。",  # the first's own outcome reviewed
    "宜辦理租屋補貼申請者之滿意度調查，並請依調查結果研擬服務改善機制。",  # the outcome as the basis acted on
])
def test_an_outcome_noun_that_is_the_second_parts_object_stays_one(s):
    assert _recs(s) == [s.rstrip("。")]


@pytest.mark.parametrize("paragraph, items", [
    ("建議：1.宜縮短補助核銷期程；2.評估建置線上核銷系統，並請注意憑證之保存期限。",
     ["宜縮短補助核銷期程", "評估建置線上核銷系統，並請注意憑證之保存期限"]),  # the bare verb with its caveat
    ("爰請：1.檢討導入雲端簽核之期程，並應注意資料外洩之風險。",
     ["檢討導入雲端簽核之期程，並應注意資料外洩之風險"]),
])
def test_a_list_items_bare_verb_opens_its_advice_before_a_later_caveat(paragraph, items):
    assert _recs(paragraph) == items


def test_round_19a_terms_with_ying_in_a_description_ask_nothing():
    """Session 14, round 19a: 應 inside a term (應考人, 應買人, 應編製之) of a body sentence is no advice."""
    assert _recs("二、本年度應考人約3萬人完成線上報名；拍賣案件之應買人均以自然人憑證登入出價。") == []
    assert _recs("二、各分署應編製之季報表格式同步修正。") == []


# ---------------------------------------------------------------- round 19r (session 14), invented sentences


@pytest.mark.parametrize("s", [
    "宜規劃圖書館自動化系統之更換期程，並請注意更換期間之借還書服務不中斷。",  # a service kept running
    "宜評估運用影像辨識判讀路面坑洞，並請注意判讀依據之透明程度。",  # a quality of the first's output
    "宜研訂污水下水道使用費之分級方案，並請考量各鄉鎮之人口規模。",  # a condition of doing it
    "宜研議導入聲紋辨識驗證來電者身分，並應注意聲紋資料之留存年限。",  # a limit
    "宜研議以無人機巡查堤防，並請留意巡查影像之解析程度。",
    "宜評估擴大電子病歷交換，並請注意建置後之人力配置。",  # 建置後: a modifier, no new work
    "宜擴大偏鄉巡迴醫療，並請兼顧離島地區之服務可近性。",
])
def test_a_caveat_naming_a_property_or_limit_of_the_first_is_one(s):
    assert _recs(s) == [s.rstrip("。")]


@pytest.mark.parametrize("s, items", [
    ("宜建置長者共餐之線上登記系統，並請注意辦理志工之排班媒合。",
     ["宜建置長者共餐之線上登記系統", "請注意辦理志工之排班媒合"]),  # a verb of new work opens it
    ("宜擴大社區藥局之轉介服務，並請留意建立藥事人員之諮詢紀錄格式。",
     ["宜擴大社區藥局之轉介服務", "請留意建立藥事人員之諮詢紀錄格式"]),
    ("宜推動校園午餐食材溯源，並請注意食材供應商之稽核。",
     ["宜推動校園午餐食材溯源", "請注意食材供應商之稽核"]),  # a noun of new work ends it
])
def test_a_caveat_verb_naming_a_new_thing_to_do_is_a_second_request(s, items):
    assert _recs(s) == items


def test_a_bare_drill_after_a_backup_or_contingency_request_is_one():
    for s in ("宜訂定供水系統之緊急應變計畫，並請每半年辦理演練。", "宜建立門診系統之異地備援，並請定期實施測試。",
              "宜建立捷運號誌系統之災難復原機制，並請定期辦理相關演練。"):
        assert _recs(s) == [s.rstrip("。")]
    assert _recs("宜強化辦公區門禁管理，並請辦理員工之社交工程演練。") == [
        "宜強化辦公區門禁管理", "請辦理員工之社交工程演練"]  # the drill has an object of its own


@pytest.mark.parametrize("s", [
    "轄區變電所如遭強風損壞，山區抽水站之供電易受影響；宜評估設置備用發電機。",  # a conditional risk before ；
    "護理人員之離職率偏高，惟夜班病床數仍持續增加，宜檢討排班及留任措施。",  # a problem, then 惟 another
    "國際衛生評鑑預定於明年第三季辦理，評鑑項目尚未公告，後續宜依評鑑項目調整準備作業。",  # an event ahead
    "受颱風影響，部分場次延期辦理，宜建立線上替代方案。",  # a delay
])
def test_the_problem_or_circumstance_before_the_advice_is_kept_whole(s):
    assert _recs(s) == [s.rstrip("。")]


@pytest.mark.parametrize("s", [
    "二、本計畫依食品安全衛生管理法要求應建立追溯系統之食品業者於平臺申報產品資料。",  # required of others
    "二、依消防法規定應設置防火管理人之場所，均於網路平臺登錄演練紀錄。",
    "二、受訓學員須完成四十小時實習並通過技能檢定。",  # how the programme works for a party
    "二、部分偏鄉衛生所之器材請領仍須檢附紙本簽收單。",  # a shortfall stated as fact
    "二、已協請各區公所於網站加註申辦說明。",  # the agency asking others, its work
])
def test_a_requirement_or_fact_with_a_duty_word_is_no_recommendation(s):
    assert _recs(s) == []
    assert _recs("三、相關人員應接受資安教育訓練。") == ["相關人員應接受資安教育訓練"]  # 應 still asks


def test_a_cell_cut_right_after_its_advice_verb_keeps_the_problem_before_it():
    row = row_from_html("<p>三、整體執行符合預期。惟部分分局之巡邏機車車齡偏高，宜", truncated=True)
    assert [r.text for r in extract_recommendations(row)] == ["惟部分分局之巡邏機車車齡偏高，宜"]
    assert extract_recommendations(row_from_html("<p>三、宜", truncated=True)) == []  # nothing asked yet


@pytest.mark.parametrize("s", [
    "一、依建築法規定，公眾使用建築物均須定期申報防火避難設施檢查。",  # a law's duty stated (round 20b)
    "一、依據船舶法規定，客船均須裝設船位回報設備，船位自動傳回本局。",
    "一、本計畫依資通安全管理法之應辦事項，完成核心系統異地備份。",  # 應 inside a term
])
def test_a_duty_a_named_law_imposes_is_no_recommendation(s):
    assert _recs(s) == []


@pytest.mark.parametrize("s", [
    "三、依採購法規定，本署仍須加強履約管理。",  # 仍須 asks however the law is named
    "三、依客源市場特性調整行銷策略，並應注意智慧客服之資安防護。",  # no law named before
    "三、宜依資通安全管理法落實應辦事項。",
])
def test_advice_after_a_law_named_still_asks(s):
    assert _recs(s) == [s[2:].rstrip("。")]

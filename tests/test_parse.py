"""The table parser on the real seed (counts verified by hand) and on hand-made bad input."""

from collections import Counter

import pytest

from recgraph.model import InputError
from recgraph.parse import parse_table, parse_title
from recgraph.source import decode, read_report

TITLE = "## 數位發展部及所屬機關114年度個案管制計畫評核結果"
HEADER = "序號\t計畫名稱\t主辦單位\t管制級別\t計畫類別\t評核意見"


def doc(*rows: str, title: str = TITLE, header: str = HEADER) -> str:
    return "\n".join([title, "", header, *rows]) + "\n"


def row(serial="1", name="某計畫", agency="數位產業署", level="部會管制", cat="一般科技", op="<p>一、甲。</p>"):
    return "\t".join([serial, name, agency, level, cat, op])


def test_seed_counts_verified_by_hand(seed_report):
    r = seed_report
    assert (r.ministry, r.roc_year, r.fiscal_year) == ("數位發展部", 114, 2025)
    assert [row.serial for row in r.rows] == list(range(1, 42))
    assert Counter(row.agency for row in r.rows) == {
        "數位產業署": 21, "資通安全署": 5, "韌性建設司": 5, "資源管理司": 3, "數位政府司": 3,
        "數位國際司": 2, "資料創新司": 1, "數位策略司": 1}
    assert Counter(row.control_level for row in r.rows) == {"部會管制": 30, "自行管制": 11}
    assert Counter(row.category for row in r.rows) == {"一般科技": 23, "科技計畫(前瞻)": 9, "公共建設": 6, "社會發展": 3}
    assert [row.serial for row in r.rows if row.truncated] == [34, 37, 38]


def test_seed_normalisation_keeps_original(seed_report):
    first = seed_report.rows[0]
    assert first.name == "數位產業跨域軟體基盤暨數位服務躍升計畫"
    assert first.name_as_written == "數位產業 跨域軟體 基盤暨數位 服務躍升 計畫"
    assert (first.agency, first.agency_as_written) == ("數位產業署", "數位 產業 署")
    assert (first.control_level, first.control_level_as_written) == ("部會管制", "部會 管制")
    assert first.opinion_html.startswith("<p>一、本計畫旨在")
    assert [p.ordinal for p in first.paragraphs] == ["一", "二", "三"]
    plan12 = seed_report.rows[11]
    assert "AI Agent" in plan12.opinion and "XGMF 籌組" in plan12.opinion
    assert "5G 基地臺" in seed_report.rows[10].opinion


def test_title_gives_ministry_and_year_not_the_file_name():
    assert parse_title("## 交通部114年度個案管制計畫評核結果") == ("交通部114年度個案管制計畫評核結果", "交通部", 114)
    assert parse_title("# 數位發展部 及所屬機關 115 年度個案計畫評核結果")[1:] == ("數位發展部", 115)
    assert parse_title("## 某某委員會及所屬113年度列管計畫評核結果")[1:] == ("某某委員會", 113)  # 及所屬 without 機關
    assert parse_title("## 某某委員會108年度個案計畫評核報告")[1:] == ("某某委員會", 108)  # a report (報告), not results
    assert parse_title("## 某某委員會108年度所屬機關個案計畫執行績效評核意見")[1:] == ("某某委員會", 108)  # the opinions
    assert parse_title("## 某某部106年度施政計畫執行績效評核表")[1:] == ("某某部", 106)  # the evaluation's form (表)
    assert parse_title("## 某某銀行106年度施政計畫管制考核結果")[1:] == ("某某銀行", 106)  # control and review (考核)
    assert parse_title("## 某某署106年度列管個案計畫評核意見彙整表")[1:] == ("某某署", 106)  # the opinions collected
    assert parse_title("## 某某部106年度施政計畫") is None  # a plan list, not its evaluation


@pytest.mark.parametrize("header", [
    "序號\t計畫名稱\t主辦單位\t管制層級\t計畫類別\t評核意見",
    "項次\t計畫名稱\t主辦機關\t列管級別\t計畫類型\t評核意見",
    "序號\t計畫名稱\t執行機關\t管制層級\t計畫類別\t評核意見",  # 執行機關: the executing agency's column
    "序號\t計畫名稱\t主辦機關\t列管等級\t計畫類別\t評核意見",
    "序號\t計畫名稱\t承辦機關\t列管層級\t計畫類別\t評核意見",  # 承辦機關: the unit that handles the plan
    "項次\t計畫名稱\t執行機關\t管制層級\t計畫性質\t評核意見",  # 計畫性質: the plan's nature, its category
    "編號\t計畫名稱\t主辦單位\t管制層級\t類別\t評核意見",  # 類別 alone
    "項次\t計畫名稱\t主辦機關\t列管層級\t計畫類別\t審查意見",  # the evaluators' opinion as a review's
    "項次\t計畫名稱\t主辦單位\t列管層級\t計畫類別\t綜合意見",  # the overall opinion, without 評核
    "項次\t計畫名稱\t主辦單位\t管制類別\t計畫性質\t審查意見",  # the control level as a 類別 of control
    "項次\t計畫名稱\t主管單位\t列管層級\t性質\t評核意見",  # 性質 alone
    "項次\t計畫名稱\t主(協)辦單位\t列管級別\t計畫性質\t綜合評核意見",  # lead and co-lead units
    "項次\t計畫名稱\t主（協）辦單位\t列管級別\t計畫類別\t評核意見",  # the same in full-width brackets
    "序號\t計畫 名稱\t執行 單位\t列管 層級\t計畫類別\t綜合評核意見",  # a header word-split by the page layout
    "項目\t計畫名稱\t執行單位\t管考層級\t計畫類型\t審查意見",  # 項目 numbers the rows; 管考 (管制考核) level
    "編號\t計畫名稱\t承辦單位\t列管層級\t計畫別\t審議意見",  # 計畫別 for the category; a deliberation's opinion
    "編號\t計畫別\t執行單位\t管考層級\t類別\t審議意見",  # 計畫別 naming the plan where the category is 類別
    "項次\t計畫名稱\t主辦機關\t管考類別\t計畫類型\t委員意見",  # the evaluating committee members' opinion
    "項次\t計畫名稱\t主管單位\t管制級別\t計畫屬性\t審查意見",  # 計畫屬性, a plan's attribute, for its category
    "序號\t計畫名稱\t執行機關\t列管別\t計畫性質\t綜合評核意見",  # 列管別, the kind of control, for the control level
    "編號\t計畫名稱\t主辦單位\t管制別\t計畫屬性\t評核綜合意見",  # the evaluation's overall opinion, 綜合 after 評核
    "序次\t計畫名稱\t執行單位\t管考層級\t計畫分類\t評核意見",  # 序次 for the number, 計畫分類 for the category
    "項次\t計 畫 名 稱\t主辦機關\t列管級別\t性質\t綜合評述",  # an overall comment (評述) for the opinion
    "編號\t計畫名稱\t主政單位\t列管層級\t類別\t審查意見及建議",  # the unit in charge (主政); opinion and advice
    "案次\t計畫名稱\t執行機關\t列管層級\t計畫類別\t評核意見摘要",  # a case number; a summary of the opinion
    "計畫編號\t計畫名稱\t承辦單位\t列管別\t計畫類別\t綜合評估意見",  # the plan's number; an overall assessment
    "案號\t計畫名稱\t主辦機關\t列管級別\t計畫性質\t評核意見及建議",  # a case number; opinion and advice
    "No.\t計畫名稱\t主辦單位\t列管等級\t施政類別\t評核結果與建議",  # a Latin number column; results and advice
    "項次\t個案計畫名稱\t執行機關\t管制級別\t性質別\t評核結果及建議",  # 個案計畫名稱; 性質別 for the category
    "項次\t計　畫　名　稱\t辦理單位\t列管別\t計畫性質\t綜合評核意見",  # full-width spaces in a name; 辦理單位
    "計畫編號\t計畫名稱\t主辦局處\t列管級別\t計畫屬性\t評核綜合意見",  # the lead bureau or division (局處)
    "項\t計畫名稱\t負責單位\t管制別\t性質\t評核意見及建議",  # 項 alone numbers the rows
    "案序\t計畫名稱\t負責機關\t列管等級\t計畫類型\t評核委員意見",  # a case's order; the evaluating members' opinion
    "序號\t計畫名稱\t主辦司處\t管考層級\t屬性\t評核意見及建議",  # the lead department (司處)
    "項別\t計畫名稱\t主辦機關(單位)\t列管層級\t計畫別\t評核意見暨改進建議",  # the agency (or unit); advice to improve
    "序\t計畫名稱\t權責處室\t列管屬性\t計畫類別\t評核委員綜合意見",  # 序 alone; the kind of control as an attribute
    "次序\t計畫名稱\t主政處室\t管考級別\t計畫性質\t評核意見暨建議事項",  # the order; opinion and advice items
    "序　號\t計畫名稱\t主辦機關（單位）\t列管層級\t計畫屬性\t綜合評核意見及建議",  # the same in full-width brackets
    "計畫序\t個案計畫名稱\t執行機關\t列管類別\t施政類別\t評核意見（含建議事項）",  # the opinion, advice included
    "No\t計畫名稱\t主辦司處\t管制層級\t計畫性質別\t委員評核意見",  # No without its dot; the members' evaluation
    "項次\t計畫名稱\t主辦處室\t列管層次\t計畫屬性\t評核意見及改進建議",  # the level of control as a 層次
    "項目\t個案計畫\t負責單位\t列管層次\t施政分類\t評核結論及建議",  # the case plan; the evaluation's conclusions
    "編號\t計畫名稱\t主管機關（單位）\t管制層級\t政策類別\t綜合評估意見",  # the policy category
    "計畫編碼\t計畫名稱\t主辦單位\t管考層級\t計畫性質\t評核意見及建議",  # the plan's code
    "編號\t計畫項目\t負責處室\t管考類別\t屬性\t評核意見與建議",  # the plan as an item of the list
    # spellings no table had used when the parser learnt each column's words (session 16's blind batches):
    "計畫編號\t計畫名稱\t主辦處（局、所、中心）\t列管層級\t計畫性質\t評核意見及改進事項",  # the units a division may be
    "計畫序號\t計 畫 名 稱\t主辦 單位\t管制 類別\t施政 領域\t評 核 意 見 及 改 進 建 議",  # the field of policy
    "編次\t計畫 名稱\t權責 單位\t列管 屬別\t計畫 型別\t綜合 評核 意見 及 建議",
    "計畫代號\t計畫名稱\t權責單位\t列管級次\t計畫種類\t委員綜合評核意見",
    "序列\t計畫名稱\t主管機關\t管制等級\t計畫別\t評核意見與建議",
    "No\t計畫名稱\t主政司處\t列管分級\t施政屬性\t評核意見及改進事項",
    "排序\t計畫名\t主辦機關別\t列管級別\t計畫類型\t評核意見摘述",  # the opinion summarised
    "順序\t計畫全稱\t承辦機關\t管考級別\t計畫性質\t綜合評核意見與建議",  # the plan's full name
    "序列\t計畫 名稱\t負責 單位\t管制 類別\t計畫 範疇\t評核 意見 及 改進 事項",  # the plan's scope
    "序號\t計畫名稱\t業務單位\t列管類別\t施政類別\t評核意見",
    "項目編號\t計畫名稱\t承辦處室\t管制層級\t類型\t評核意見及改進事項",
    "序號\t計畫 名稱\t承辦 單位\t管制 類別\t施政 分類\t評核 小組 意見",  # the evaluating panel's opinion
    "項目\t計畫名稱\t主辦機關/單位\t列管層次\t計畫別\t評核意見與建議",
    "排 序\t計畫 項目 名稱\t負 責 處 室\t列管 級別\t計畫 歸屬\t考 評 意 見",  # the field a plan belongs to
    "計畫編號\t計畫名稱\t執行機關\t考核層級\t施政類別\t評核小組綜合意見",  # the level of evaluation
    "項目編號\t計畫名稱\t承辦處室\t管控級別\t計畫分類\t評核小組意見與建議",  # the level of control (管控)
    "序 號\t計畫 名稱\t主 辦 處 所\t管 考 層 級\t施政 類別\t評 核 摘 要",  # the opinion's summary (摘要)
    "案號\t計畫名稱\t主政單位\t管制程度\t施政面向\t委員評核意見",  # the degree of control, the policy aspect
])
def test_header_spellings_of_other_ministries_are_accepted(header):
    table, problems = parse_table(doc(row(), header=header), "x.txt")
    assert problems == [] and [r.serial for r in table.rows] == [1]


@pytest.mark.parametrize("column,other", [("管制級別", "預算金額"), ("主辦單位", "經費來源"), ("管制級別", "管制"), ("評核意見", "意見"),
                                          ("計畫類別", "列管類別"), ("評核意見", "執行進度說明"), ("序號", "1")])
def test_an_unknown_header_is_still_refused(column, other):
    _, problems = parse_table(doc(row(), header=HEADER.replace(column, other)), "x.txt")
    assert any("no header row" in p.message for p in problems)


def test_crlf_and_bom_accepted():
    text = "\ufeff" + doc(row()).replace("\n", "\r\n")
    table, problems = parse_table(text, "x.txt")
    assert problems == [] and len(table.rows) == 1 and table.rows[0].line == 4


@pytest.mark.parametrize("bad_row, message", [
    ("1\t某計畫\t數位產業署\t部會管制\t一般科技", "expected 6 tab-separated columns, found 5"),
    (row(serial=""), "missing serial"),
    (row(serial="x1"), "serial (序號) is not a number"),
    (row(serial="2", name=" "), "empty plan name"),
    (row(serial="2", agency=""), "empty lead agency"),
    (row(serial="2", op="<p>一、甲。<p>二、乙。</p>"), "unbalanced <p> tags"),
])
def test_each_bad_row_is_reported_with_file_and_line(bad_row, message):
    _, problems = parse_table(doc(row(), bad_row), "bad.txt")
    assert len(problems) == 1
    assert problems[0].path == "bad.txt" and problems[0].line == 5
    assert message in problems[0].message


def test_every_problem_reported_at_once():
    _, problems = parse_table(doc(row(), row(), row(serial="2", name=""), "3\tx"), "f.txt")
    assert [(p.line, p.message.split(" (")[0]) for p in problems] == [
        (5, "duplicate serial 1"), (6, "plan 2: empty plan name"), (7, "expected 6 tab-separated columns, found 2")]


def test_missing_title_or_header():
    _, problems = parse_table(doc(row(), title=""), "f.txt")
    assert any("no title line" in p.message for p in problems)
    _, problems = parse_table("\n".join([TITLE, row()]), "f.txt")
    assert any("no header row" in p.message for p in problems)
    assert any("row before any header" in p.message for p in problems)


def test_big5_copy_reads_the_same(seed_path, seed_report, tmp_path):
    big5 = tmp_path / "big5.txt"
    big5.write_bytes(seed_path.read_text(encoding="utf-8").encode("cp950"))
    again = read_report(big5)
    assert again.encoding == "cp950"
    assert again.rows == seed_report.rows


def test_undecodable_bytes_name_the_line(tmp_path):
    path = tmp_path / "broken.txt"
    path.write_bytes(doc(row()).encode("utf-8") + "2\t計畫".encode("utf-8") + b"\xff\xfe\n")
    with pytest.raises(InputError) as e:
        read_report(path)
    assert e.value.problems[0].line == 5 and "undecodable bytes" in e.value.problems[0].message


def test_decode_accepts_utf8_bom():
    assert decode("\ufeff## 標題".encode("utf-8"), "f") == ("## 標題", "utf-8")


@pytest.mark.parametrize("serial", ["²", "①", "٣x"])
def test_serials_that_look_like_digits_are_reported_not_crashed_on(serial):
    table, problems = parse_table(doc(row(serial=serial)), "f.txt")
    assert [str(p) for p in problems] == [f"f.txt:4: serial (序號) is not a number: {serial!r}"]
    assert table.rows == ()


def test_documents_beyond_the_limits_are_refused_up_front(tmp_path, monkeypatch):
    import recgraph.source as source

    many = tmp_path / "many.txt"
    many.write_text(doc(*(row(serial=str(i)) for i in range(1, 2003))), encoding="utf-8")
    with pytest.raises(InputError) as e:
        read_report(many)
    assert [str(p) for p in e.value.problems] == [
        f"{many}: more than 2,000 rows, the most a document may have; split it into one file per ministry and year"]
    monkeypatch.setattr(source, "MAX_BYTES", 100)
    with pytest.raises(InputError, match=r"many.txt: [\d,]+ bytes, more than the 100 a document may have"):
        read_report(many)

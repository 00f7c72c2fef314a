"""The bulletin parser: header fields, sections, items, and the PDF artifacts it must undo."""
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from bulletins import MONTHLY, WEEKLY
from kg import cleaning, parsing
from kg.errors import InputError
from kg.parsing import paragraphs, parse_text


@pytest.fixture(scope="module")
def weekly():
    return parse_text(WEEKLY, "weekly.txt")


def test_parse_reads_the_weekly_header(weekly):
    d = weekly.to_dict()
    assert (d["series"], d["issue_no"], d["total_issue_no"], d["published"]) == ("窗口工作周报", 15, 470, "2024-05-20")
    assert d["period"] == {"start": "2024-05-06", "end": "2024-05-10"}
    assert d["publisher"] == "四川省政府政务服务和公共资源交易服务中心"
    assert d["copies_printed"] == 86


def test_parse_splits_the_distribution_lines(weekly):
    assert weekly.distribution == {"报": ["中心领导"], "送": ["各相关省级部门（单位）", "中心各处（室）", "直属单位"],
                                   "发": ["各部门窗口"]}


def test_parse_lists_sections_and_subsections(weekly):
    assert [(s["no"], s["title"]) for s in weekly.sections] == [
        ("一", "综窗改革攻坚行动"), ("二", "窗口工作动态"), ("三", "厅（局）长进大厅"), ("四", "大厅巡查情况")]
    assert weekly.sections[0]["subsections"] == [{"no": "（一）", "title": "省本级综窗办件情况"},
                                                 {"no": "（二）", "title": "推进情况"}]


def test_parse_items_have_marker_section_and_clean_text(weekly):
    rows = [(i.section, i.subsection, i.marker, i.text[:10]) for i in weekly.items]
    assert rows == [
        ("综窗改革攻坚行动", "省本级综窗办件情况", None, "本周，共计咨询512"),
        ("综窗改革攻坚行动", "推进情况", "1.", "印发《省本级综合窗口"),
        ("综窗改革攻坚行动", "推进情况", "2.", "5月8日，组织教育厅"),
        ("窗口工作动态", None, "（1）", "5月7日，农业农村厅"),
        ("窗口工作动态", None, "(2)", "近日，省医保局窗口召"),
        ("厅（局）长进大厅", None, None, "5月9日，教育厅副厅"),
    ]


@pytest.mark.parametrize("index, fragment", [
    (0, "颁发1204件、流转3310件；"),      # a hard line break inside a word, blank line between
    (2, "对12名综合窗口工作人员进行业务培训"),  # `2.5月` is marker 2. followed by a date, not 2.5
    (3, "现场指导企业完善申报材料"),          # the leading space of a new page is dropped
    (4, "召开业务座谈会"),                    # the character a page break doubles (务 / 务) is dropped once
])
def test_parse_undoes_pdf_artifacts(weekly, index, fragment):
    assert fragment in weekly.items[index].text


@pytest.mark.parametrize("before, after, joined", [
    ("中国银行", "行长", "中国银行行长"),   # 银行 / 行长: the character is written twice on purpose
    ("人民银行成都分行副行", "行长", "人民银行成都分行副行长"),  # 副行 / 行长: doubled by the page break
    ("公安厅副厅", "厅长", "公安厅副厅长"),
    ("省委社会工作部", "部长", "省委社会工作部部长"),
    ("联合省法律援助中", "中心开展咨询", "联合省法律援助中心开展咨询"),  # 中 / 中心: doubled
    ("其中", "中心窗口受理", "其中中心窗口受理"),                      # 其中 + 中心
])
def test_a_page_break_double_is_undone_but_a_real_one_kept(before, after, joined):
    paragraph = cleaning.Paragraph(before, [0], [0])
    cleaning.append(paragraph, cleaning.Paragraph(after, [0], [100]), page_break=True)
    assert paragraph.text == joined


@pytest.mark.parametrize("opening", ["5月8日，", "5月8日—10日，", "2月24日至3月6日，", "本周，", "近日，", "8日（周三），",
                                     "5月8日（星期三）下午，"])
def test_a_dated_opening_starts_a_paragraph_after_a_full_line(opening):
    assert parsing.DATED_START.match(opening + "省政务服务大厅共办理政务服务事项5218件。")


def test_a_departments_label_starts_a_paragraph_after_a_full_line():
    # hard-wrapped like seed 000: each paragraph opens with its department's label, not with a date
    body = ("一、窗口工作动态\n\n"
            "【省教育厅】10月15日，省教育厅窗口党支部开展主题党日活动，\n\n"
            "组织党员参观纪念馆，重温入党誓词，并撰写了学习心得体会。\n\n"
            "【省教育厅】本周，窗口共受理高等学校教师资格认定事项32\n\n"
            "6件，办结312件，按时办结率100%，群众满意率保持在高位。\n\n"
            "◎省税务局 本周，窗口共办理涉税事项1200件，其中增值税发票\n\n"
            "领用事项860件，全部实现即来即办，办事群众满意度较高。\n")
    header = "2019年第38期（总第278期）\n\n四川省政府政务服务和公共资源交易服务中心 2019年10月21日\n\n（10月14日—10月18日）\n\n"
    r = parse_text(header + body)
    assert [i.text[:12] for i in r.items] == ["【省教育厅】10月15日", "【省教育厅】本周，窗口共", "◎省税务局本周，窗口共办"]


def test_parse_keeps_source_offsets_for_every_clean_character(weekly):
    for item in weekly.items:
        for ch, offset in zip(item.text, item.para.offsets):
            assert WEEKLY[offset] == ch


def test_parse_turns_hall_inspection_lines_into_aspects(weekly):
    assert weekly.inspection == [{"aspect": "按时到岗情况", "result": "总体情况良好"},
                                 {"aspect": "纪律秩序", "result": "总体情况良好"}]


def test_parse_reads_the_paragraphs_of_a_section_that_reports_on_an_inspection_as_items():
    # 五、巡查通报 commends and reproves after the inspection: its （一） paragraphs are items, not inspection lines
    notice = "五、巡查通报\n\n（一）通报表扬。省档案馆窗口工作人员何静服务用语规范。\n\n（二）通报批评。省人防办窗口工作人员离岗。\n\n"
    r = parse_text(WEEKLY.replace("报：中心领导。", notice + "报：中心领导。"))
    assert len(r.inspection) == 2
    assert [(i.section, i.marker, i.text[:4]) for i in r.items[-2:]] == [
        ("巡查通报", "（一）", "通报表扬"), ("巡查通报", "（二）", "通报批评")]


def test_parse_resolves_item_dates(weekly):
    dates = [(i.date or {}).get("precision") for i in weekly.items]
    assert dates == ["week", None, "day", "day", "period", "day"]


def test_parse_reads_a_monthly_report():
    r = parse_text(MONTHLY, "monthly.txt")
    assert (r.series, r.issue_no, r.total_issue_no, r.copies_printed) == ("政务窗口月报", 6, None, None)
    assert r.period.as_dict() == {"start": "2024-06-01", "end": "2024-06-30"}
    assert r.items[0].date == {"start": "2024-06-01", "end": "2024-06-30", "precision": "month", "surface": "6月"}
    assert r.distribution["送"] == []
    assert [i.marker for i in r.items] == [None, "（一）", "（二）"]


def test_parse_infers_the_weekly_series_from_total_numbering():
    text = WEEKLY.replace("窗口工作周报\n", "")
    assert parse_text(text).series == "窗口工作周报"


def test_parse_joins_an_issue_line_broken_inside_its_brackets():
    r = parse_text(WEEKLY.replace("2024年第15期（总第470期）\n", "2024年第15期（总\n\n第 470期）\n"))
    assert (r.issue_no, r.total_issue_no, r.period.start.isoformat()) == (15, 470, "2024-05-06")


def test_parse_reads_a_publisher_line_that_says_the_centre_edited_it_and_copies_without_gong():
    text = WEEKLY.replace("交易服务中心 2024年 5月 20日", "交易服务中心编        2024年 5月 20日")
    r = parse_text(text.replace("（共印 86份）", "印 86 份"))
    assert (r.publisher, r.published.isoformat(), r.copies_printed) == (
        "四川省政府政务服务和公共资源交易服务中心", "2024-05-20", 86)


def test_parse_reads_front_matter_before_the_first_section_as_items():
    summary = "本月要情\n\n1．6月12日，省中心召开推进会。\n\n2．6月，全省兑现惠企资金 12.6 亿元。\n\n"
    r = parse_text(MONTHLY.replace("一、2024 年 6 月", summary + "一、2024 年 6 月"))
    assert r.sections[0] == {"no": None, "title": "本月要情", "subsections": []}
    assert [(i.section, i.marker, i.text) for i in r.items[:2]] == [
        ("本月要情", "1．", "6月12日，省中心召开推进会。"), ("本月要情", "2．", "6月，全省兑现惠企资金12.6亿元。")]
    note = "编者按：为深入推进“我为群众办实事”，省中心开展体验周\n\n活动，现将有关情况刊发如下。\n\n"
    r = parse_text(WEEKLY.replace("一、综窗改革攻坚行动", note + "一、综窗改革攻坚行动"))
    assert (r.items[0].section, r.items[0].text) == (
        None, "编者按：为深入推进“我为群众办实事”，省中心开展体验周活动，现将有关情况刊发如下。")
    assert r.published.isoformat() == "2024-05-20"


def test_a_section_line_that_goes_on_with_its_first_paragraph_gives_the_title_and_an_item():
    line = "一、省本级办件情况。本周，省本级受理事项 230 件，办结 228 件。"
    r = parse_text(WEEKLY.replace("一、综窗改革攻坚行动", line))
    assert r.sections[0]["title"] == "省本级办件情况"
    assert [(i.section, i.marker, i.text) for i in r.items[:1]] == [
        ("省本级办件情况", None, "本周，省本级受理事项230件，办结228件。")]
    assert r.items[0].date["surface"] == "本周"


def test_an_item_opening_with_the_same_day_takes_the_day_of_the_item_before_it():
    r = parse_text(WEEKLY.replace("(2) 近日，省医保局窗口", "(2) 同日，省医保局窗口"))
    assert [(i.marker, i.date["start"], i.date["surface"]) for i in r.items[3:5]] == [
        ("（1）", "2024-05-07", "5月7日"), ("(2)", "2024-05-07", "同日")]


def test_a_numbered_line_naming_the_items_under_it_is_no_item():
    group = "1.窗口服务提升\n\n（1）5月 7日，财政厅窗口开展上门服务。\n\n（2）5月 8日，税务局窗口开展辅导。\n\n"
    r = parse_text(WEEKLY.replace("（1）5月 7日，农业农村厅", group + "（3）5月 7日，农业农村厅"))
    assert [(i.marker, i.text[:6]) for i in r.items if i.section == "窗口工作动态"][:3] == [
        ("（1）", "5月7日，财"), ("（2）", "5月8日，税"), ("（3）", "5月7日，农")]
    assert [i.marker for i in r.items[:3]] == [None, "1.", "2."]  # a 1. with a sentence stays an item


def test_an_attachment_note_is_no_item():
    r = parse_text(WEEKLY.replace("三、厅（局）长进大厅", "附表：2024年5月窗口办件情况统计表（略）\n\n三、厅（局）长进大厅"))
    assert not any(i.text.startswith("附表") for i in r.items)


def test_a_date_cut_by_a_line_break_after_a_marker_is_no_heading():
    r = parse_text(MONTHLY.replace("（一）6月12日，", "（一）6 月\n\n12 日，"))
    assert [(i.marker, i.text[:8]) for i in r.items[1:2]] == [("（一）", "6月12日，省中")]


def test_parse_keeps_series_null_without_title_or_numbering():
    text = WEEKLY.replace("窗口工作周报\n", "").replace("2024年第15期（总第470期）\n", "")
    r = parse_text(text)
    assert (r.series, r.issue_no, r.period.start.isoformat()) == (None, None, "2024-05-06")


@pytest.mark.parametrize("line, marker", [
    ("一、窗口工作动态", "一、"), ("（一）优化营商环境", "（一）"), ("(二)厅(局)长进大厅", "(二)"),
    ("（3）近日，省统计局", "（3）"), ("(4)近日，省统计局", "(4)"), ("1.印发《通知》", "1."), ("2．印发《通知》", "2．"),
    ("3) 9月17日，省财政厅", "3)"), ("4）近日，省统计局", "4）"),
    ("5.3月 15日，省财政厅", "5."), ("2.18日（周三），省财政厅", "2."), ("6.19 日（周四），省财政厅", "6."),
    ("■ 6月5号，中心召开推进会", "■"), ("● 近日，省统计局", "●"),     # bullets
])
def test_paragraphs_start_a_new_paragraph_at_every_marker_style(line, marker):
    text = "2024年第1期\n\n一、窗口工作动态\n\n前一段没有句号\n\n" + line + "。\n"
    assert paragraphs(text)[-1].text.startswith(marker)


def test_paragraphs_go_on_after_a_line_that_ends_in_a_semicolon():
    text = ("2024年第1期\n\n一、窗口工作动态\n\n（一）惠企政策。6月11日，省中心梳理政策事项14个；\n"
            " 四川政务服务网本周新增发布政策文件37个。\n")
    assert paragraphs(text)[-1].text == "（一）惠企政策。6月11日，省中心梳理政策事项14个；四川政务服务网本周新增发布政策文件37个。"


def test_paragraphs_remove_bullets_and_bold():
    text = "2024年第1期\n\n一、窗口工作动态\n\n- **重点**工作推进。\n"
    assert paragraphs(text)[-1].text == "重点工作推进。"


@pytest.mark.parametrize("text, problem", [
    ("", "no numbered section"),
    ("这是一段普通的文字，没有任何标题。", "no numbered section"),
    ("一、标题\n\n正文内容。", "no header"),
])
def test_parse_text_rejects_what_is_not_a_bulletin(text, problem):
    with pytest.raises(InputError, match=problem):
        parse_text(text, "x.txt")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("一二三、（）()1.。，：\n 年月日第期总本周近日厅局窗口报送发共印份2024")),
               max_size=400) | st.text(max_size=400))
def test_parse_text_gives_a_report_or_a_clear_error(text):
    try:
        report = parse_text(text, "fuzz.txt")
    except InputError as e:
        assert "fuzz.txt" in str(e)
    else:
        report.to_dict()


@pytest.mark.parametrize("before, after, doubled", [
    ("6月13日，省退役军人事务", "务厅窗口会同厅优抚处", True),     # the department's name runs across the break
    ("省气象局副局长曲比阿呷，四川金融监管局二级巡", "巡视员高晓东到", True),   # so does the title
    ("在行政审批处处长杨婷", "婷的陪同下逐一察看", False),          # a doubled given name forms no known word
    ("会同成都市", "市场监管局开展检查", False),                    # a word opens at the second 市
])
def test_a_short_line_of_a_wrapped_text_doubles_a_character_only_inside_a_known_word(before, after, doubled):
    assert parsing._doubled_by_the_break(before, after) is doubled


@pytest.mark.parametrize("line_end, next_start, joined", [
    ("省中医药管理局", "局副局长邓世雄一行到窗口检查指导工作", "省中医药管理局副局长邓世雄"),  # 副局长 opens after the copy
    ("省中医药管理局", "局长邓世雄一行到窗口检查指导工作，省中", "省中医药管理局局长邓世雄"),    # 局长: the word is 局局长
])
def test_a_full_line_doubles_a_character_only_where_known_words_meet_at_the_copy(line_end, next_start, joined):
    # A text hard-wrapped at 30 characters, each line as wide as the others.
    filler = "省政务服务大厅各窗口持续优化服务流程提升办事效率方便企业群众"
    body = [filler] * 4 + [filler[:30 - len(line_end)] + line_end, (next_start + filler)[:30]] + [filler] * 4
    text = "\n\n".join(["一、窗口工作动态", *body]) + "。"
    assert joined in "".join(p.text for p in parsing.paragraphs(text))


@pytest.mark.parametrize("before, after, doubled", [
    ("经济和信息化厅党组成员、副厅长杨振", "振华带领政策法规处负责同志", True),   # the middle of 杨振华
    ("省医保局党组书记、局长王曦，副局长唐", "唐立新一行到省政务服务大厅", True),  # the surname of 唐立新
    ("在行政审批处处长杨婷", "婷陪同下逐一察看", False),                        # 杨婷婷 may be the name
    ("在行政审批处处长杨婷", "婷的陪同下逐一察看", False),
    ("会同成都市", "市场监管局开展检查", False),                                # no title before
])
def test_a_break_after_a_title_doubles_a_character_inside_the_name(before, after, doubled):
    assert parsing._doubled_inside_a_name(before, after) is doubled


def test_a_character_a_wrapped_line_repeats_is_dropped_where_the_bulletin_writes_the_words_once_elsewhere():
    # …“青年文明 / 明号”… at a full line of hard-wrapped text: the same bulletin writes “青年文明号” later.
    assert parsing._written_once_elsewhere("联合召开“青年文明", "明号”创建推进会", "联合召开“青年文明明号”创建推进会，解读“青年文明号”评选")
    assert not parsing._written_once_elsewhere("处长杨婷", "婷陪同", "处长杨婷婷陪同，杨婷婷介绍")  # written twice each time
    assert not parsing._written_once_elsewhere("联合召开“青年文明", "明号”创建推进会", "联合召开“青年文明明号”创建推进会")


def test_a_name_a_wrapped_line_repeats_the_last_character_of_is_read_as_written_elsewhere():
    # 省政府秘书长罗晓林 / 林到…: the bulletin names him 罗晓林 again, never 罗晓林林 but here
    compact = "省政府秘书长罗晓林林到省政务服务大厅调研。罗晓林一行察看了大厅。罗晓林强调"
    assert parsing._name_written_once_elsewhere("省政府秘书长罗晓林", "林到省政务服务大厅调研", compact)
    # 杨婷婷 is written with the character twice everywhere, and a name written once may be the name itself
    assert not parsing._name_written_once_elsewhere("处长杨婷", "婷陪同", "处长杨婷婷陪同。杨婷婷介绍")
    assert not parsing._name_written_once_elsewhere("处长杨婷", "婷陪同", "处长杨婷婷陪同。")


def test_a_line_wider_than_the_wrapped_ones_was_not_wrapped_and_its_full_stop_ends_the_paragraph():
    # A hard-wrapped bulletin whose hall-inspection lines are written whole, followed by a new paragraph.
    filler = "省政务服务大厅各窗口持续优化服务流程提升办事效率方便企业群众"
    body = [filler[:28]] * 6 + ["（六）大厅防控情况。进入大厅人员须扫描健康码并测量体温，大厅每日消杀2次，运行保障有序。",
                                "巡查中，省医保局窗口工作人员沙马莫色服务热情。"]
    text = "\n\n".join(["四、大厅巡查情况", *body]) + "\n"
    assert paragraphs(text)[-1].text == "巡查中，省医保局窗口工作人员沙马莫色服务热情。"


def test_parse_reads_a_publication_date_in_chinese_numerals_and_a_period_in_full_width_digits():
    text = WEEKLY.replace("2024年 5月 20日", "二〇二四年五月二十日").replace("（5月 6日—5月 10日）", "（５月６日—５月１０日）")
    r = parse_text(text)
    assert (r.published.isoformat(), r.period.start.isoformat(), r.period.end.isoformat()) == (
        "2024-05-20", "2024-05-06", "2024-05-10")


def test_a_flattened_table_belongs_to_the_paragraph_that_introduces_it():
    table = ("本周，各窗口共受理办件 21536件。受理量居前三位的部门窗口情况如下（单位：件）：\n\n"
             "序号 部门 受理 办结\n1 省公安厅 6218 6203\n2 省教育厅 4471 4390\n\n")
    r = parse_text(WEEKLY.replace("三、厅（局）长进大厅", table + "三、厅（局）长进大厅"))
    item = next(i for i in r.items if i.text.startswith("本周，各窗口"))
    assert item.text.endswith("序号部门受理办结1省公安厅621862032省教育厅44714390")
    assert not any(i.text.startswith("序号") for i in r.items)
    caption = ("本周，省本级共办理事项 6.38 万件，见表 1。\n\n"
               "表 1  5 月部分窗口办件情况\n部门 受理量 办结量\n省公安厅 18652 18390\n\n")
    r = parse_text(WEEKLY.replace("三、厅（局）长进大厅", caption + "三、厅（局）长进大厅"))
    assert [i.text for i in r.items if "6.38万件" in i.text] == [
        "本周，省本级共办理事项6.38万件，见表1。表15月部分窗口办件情况部门受理量办结量省公安厅1865218390"]


def test_parse_reads_a_bullet_as_an_items_marker():
    text = ("2024年第1期\n\n（5月6日—5月10日）\n\n一、窗口工作动态\n\n■ 5月7号，中心召开推进会。\n\n"
            "● 省统计局窗口推行“全程网办”。\n")
    items = parse_text(text).items
    assert [(i.marker, i.text) for i in items] == [("■", "5月7号，中心召开推进会。"), ("●", "省统计局窗口推行“全程网办”。")]

"""Time expressions as the bulletins write them, resolved against a report period."""
from datetime import date

import pytest

from kg.dates import Period, cn_number, find_dates, first_date, parse_period

WEEK = Period(date(2024, 5, 6), date(2024, 5, 10))
YEAR_END = Period(date(2021, 12, 27), date(2022, 1, 7))
MONTH = Period(date(2024, 6, 1), date(2024, 6, 30))
DECEMBER = Period(date(2020, 12, 28), date(2020, 12, 31))  # a year-end issue


@pytest.mark.parametrize("text, period, monthly, expected", [
    ("5月8日，教育厅召开座谈会", WEEK, False, ("2024-05-08", "2024-05-08", "day", "5月8日")),
    ("5月6日—9日，财政厅派出工作组", WEEK, False, ("2024-05-06", "2024-05-09", "days", "5月6日—9日")),
    ("5月7日至8日，培训在成都举行", WEEK, False, ("2024-05-07", "2024-05-08", "days", "5月7日至8日")),
    ("4月29日—5月6日，农业农村厅", WEEK, False, ("2024-04-29", "2024-05-06", "days", "4月29日—5月6日")),
    ("本周，省医保局窗口开展", WEEK, False, ("2024-05-06", "2024-05-10", "week", "本周")),
    ("近日，文化和旅游厅窗口", WEEK, False, ("2024-05-06", "2024-05-10", "period", "近日")),
    ("截止5月9日，已完成", WEEK, False, (None, "2024-05-09", "day", "截止5月9日")),
    ("截至5月9日，已完成", WEEK, False, (None, "2024-05-09", "day", "截至5月9日")),
    ("2024年1月1日至2024年5月10日，省本级受理", WEEK, False,
     ("2024-01-01", "2024-05-10", "days", "2024年1月1日至2024年5月10日")),
    ("5月8日上午，省统计局", WEEK, False, ("2024-05-08", "2024-05-08", "day", "5月8日上午")),
    ("五月八日，省统计局", WEEK, False, ("2024-05-08", "2024-05-08", "day", "五月八日")),
    ("12月29日，退役军人事务厅", YEAR_END, False, ("2021-12-29", "2021-12-29", "day", "12月29日")),
    ("1月4日，省国资委", YEAR_END, False, ("2022-01-04", "2022-01-04", "day", "1月4日")),
    # a year-end issue looks back on its year: 2月3日 is of that year, and so is 全年 (not a target: 确保全年…)
    ("2月3日起，窗口实行预约办", DECEMBER, False, ("2020-02-03", "2020-02-03", "day", "2月3日")),
    ("全年，省政务服务大厅共受理", DECEMBER, False, ("2020-01-01", "2020-12-31", "period", "全年")),
    ("教育厅窗口全年受理教师资格认定", DECEMBER, False, ("2020-01-01", "2020-12-31", "period", "全年")),
    ("5月6日、7日，窗口集中办理", WEEK, False, ("2024-05-06", "2024-05-07", "days", "5月6日、7日")),
    ("6月，省本级办理政务服务事项4.2万件", MONTH, True, ("2024-06-01", "2024-06-30", "month", "6月")),
    ("本月，省体育局窗口", MONTH, True, ("2024-06-01", "2024-06-30", "month", "本月")),
    ("目前，清单涵盖20个部门", WEEK, False, (None, None, "none", "目前")),
    ("6月上旬，省体育局窗口", MONTH, True, ("2024-06-01", "2024-06-10", "period", "6月上旬")),
    ("6月下旬，省体育局窗口", MONTH, True, ("2024-06-21", "2024-06-30", "period", "6月下旬")),
    ("6月初，省体育局窗口", MONTH, True, ("2024-06-01", "2024-06-10", "period", "6月初")),
    ("6月底，省体育局窗口", MONTH, True, ("2024-06-21", "2024-06-30", "period", "6月底")),
    ("月初，中心召开专题会议", MONTH, True, ("2024-06-01", "2024-06-10", "period", "月初")),
    ("截至6月底，累计办件", MONTH, True, (None, "2024-06-30", "day", "截至6月底")),
    ("本周三，省邮政管理局窗口", WEEK, False, ("2024-05-08", "2024-05-08", "day", "本周三")),
    ("上周，交通运输厅窗口集中办理", WEEK, False, ("2024-04-29", "2024-05-03", "week", "上周")),
    ("上周五，省档案馆窗口", WEEK, False, ("2024-05-03", "2024-05-03", "day", "上周五")),
    ("截至二〇二四年五月九日，累计办件", WEEK, False, (None, "2024-05-09", "day", "截至二〇二四年五月九日")),
    ("自5月3日以来，省政务服务大厅", WEEK, False, ("2024-05-03", "2024-05-10", "days", "自5月3日以来")),
    ("4月下旬以来，随着复工复产", WEEK, False, ("2024-04-21", "2024-05-10", "days", "4月下旬以来")),
    ("4月以来，窗口已按新模式受理申请58件", WEEK, False, ("2024-04-01", "2024-05-10", "days", "4月以来")),
    ("疫情发生以来，省本级累计办件", WEEK, False, (None, "2024-05-10", "period", "疫情发生以来")),
    ("4月份，省政务服务大厅共办件", WEEK, False, ("2024-04-01", "2024-04-30", "month", "4月份")),  # 份: any report
    ("4月，省本级收到评价5.26万条", WEEK, False, ("2024-04-01", "2024-04-30", "month", "4月")),  # opening a clause
    ("2023年12月26日至今年5月9日，累计办件", WEEK, False,
     ("2023-12-26", "2024-05-09", "days", "2023年12月26日至今年5月9日")),
    ("6月上中旬，省体育局窗口", MONTH, True, ("2024-06-01", "2024-06-20", "period", "6月上中旬")),
    ("月中，省文物局窗口", MONTH, True, ("2024-06-11", "2024-06-20", "period", "月中")),
    ("上半年，省本级共承接工单3682件", MONTH, True, ("2024-01-01", "2024-06-30", "period", "上半年")),
    ("一季度，省本级共承接工单2615件", MONTH, True, ("2024-01-01", "2024-03-31", "period", "一季度")),
    ("2023年全年，省本级共办理政务服务事项71.6万件", MONTH, True, ("2023-01-01", "2023-12-31", "period", "2023年全年")),
    ("“好差评”方面，6月省本级共收到评价4.27万条", MONTH, True, ("2024-06-01", "2024-06-30", "month", "6月")),
    # a range of whole months, with or without the year
    ("1—6月，省本级累计办件38.2万件", MONTH, True, ("2024-01-01", "2024-06-30", "period", "1—6月")),
    ("2023年1—12月，全省共办理", MONTH, True, ("2023-01-01", "2023-12-31", "period", "2023年1—12月")),
    ("今年4月至6月，窗口共受理", MONTH, True, ("2024-04-01", "2024-06-30", "period", "今年4月至6月")),
    ("省税务局窗口当月受理8436件", MONTH, True, ("2024-06-01", "2024-06-30", "month", "当月")),  # the report's month
    # a day without its month opening a clause: the last day so numbered up to the period's end
    ("8日（周三），省统计局窗口", WEEK, False, ("2024-05-08", "2024-05-08", "day", "8日（周三）")),
    ("30日，省教育厅窗口", Period(date(2022, 5, 30), date(2022, 6, 2)), False,
     ("2022-05-30", "2022-05-30", "day", "30日")),
    ("1日下午，国家能源局四川监管办", Period(date(2022, 5, 30), date(2022, 6, 2)), False,
     ("2022-06-01", "2022-06-01", "day", "1日下午")),
    ("近期，省医保局窗口", WEEK, False, ("2024-05-06", "2024-05-10", "period", "近期")),
    # a day as some writers put it: with 号, or with dots opening a clause
    ("5月8号，中心召开推进会", WEEK, False, ("2024-05-08", "2024-05-08", "day", "5月8号")),
    ("5.7，省卫生健康委窗口", WEEK, False, ("2024-05-07", "2024-05-07", "day", "5.7")),
    ("2024.5.9，省自然资源厅窗口", WEEK, False, ("2024-05-09", "2024-05-09", "day", "2024.5.9")),
])
def test_first_date_resolves_each_form(text, period, monthly, expected):
    d = first_date(text, period, monthly)
    assert (d["start"], d["end"], d["precision"], d["surface"]) == expected


@pytest.mark.parametrize("text", [
    "召开2023年度组织生活会",          # a year alone names a cohort, not a date
    "协同开展2022年川渝人才项目招生",
    "第46次常务会议",
    "6月省体育局窗口受理",             # a month with no comma is a date only in a monthly report
    "力争7月底前专区试运行",           # a deadline
    "确保全年目标任务圆满完成",        # a target, not the year
    "对7月底前到期的企业逐一提醒",      # a deadline
    "召开一季度窗口工作讲评会",          # a quarter in a name dates nothing
    "6月中国铁塔公司开展检查",
    "当月为老年人提供帮办代办服务",      # 当月 is the report's month only in a monthly report
    "对窗口近期工作给予肯定",            # 近期 inside a clause says which work, not when
    "结合节假日前后办件量变化情况",      # the 日前 of 节假日前后
    "要求3个工作日前书面反馈",
    "在15日内办结",                      # a day count, not a day
    "网上可办率85.9，位居全省前列",      # a decimal inside a clause
])
def test_first_date_ignores_non_dates(text):
    assert first_date(text, WEEK, monthly=False) is None


def test_first_date_reads_the_whole_year_only_in_a_year_end_issue_and_not_as_a_target():
    assert first_date("确保全年目标任务圆满完成", DECEMBER) is None
    assert first_date("全年，省政务服务大厅共受理", MONTH) is None


def test_a_month_opening_a_clause_without_a_comma_is_a_date_only_when_it_is_the_report_month():
    assert first_date("5月启动的改革，6月累计办件3万件", MONTH, monthly=True)["surface"] == "6月"
    assert first_date("5月启动的改革持续推进", MONTH, monthly=True) is None


def test_find_dates_returns_every_expression_in_order():
    found = find_dates("本周，共计咨询300人次；今年以来，累计咨询4000人次", WEEK)
    assert [d["surface"] for _, _, d in found] == ["本周", "今年以来"]
    assert found[1][2]["start"] == "2024-01-01"


@pytest.mark.parametrize("line, published, expected", [
    ("（5月6日—5月10日）", date(2024, 5, 20), ("2024-05-06", "2024-05-10")),
    ("（12月27日—1月7日）", date(2022, 1, 14), ("2021-12-27", "2022-01-07")),
    ("（12月18日—12月22日）", date(2024, 1, 3), ("2023-12-18", "2023-12-22")),
    ("（2023年3月13日—3月17日）", None, ("2023-03-13", "2023-03-17")),
    ("(2019.5.13-5.17)", date(2019, 5, 22), ("2019-05-13", "2019-05-17")),      # written with dots
    ("（12.30-1.3）", date(2025, 1, 8), ("2024-12-30", "2025-01-03")),
])
def test_parse_period_takes_the_year_from_publication(line, published, expected):
    p = parse_period(line, published)
    assert (p.start.isoformat(), p.end.isoformat()) == expected


@pytest.mark.parametrize("text, value", [("12", 12), ("十二", 12), ("二十一", 21), ("十", 10), ("三", 3), ("x", None)])
def test_cn_number_reads_arabic_and_chinese(text, value):
    assert cn_number(text) == value

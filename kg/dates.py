"""Time expressions of the bulletins, resolved to ISO dates with a precision and the words as written.

A resolved date is a dict `{"start", "end", "precision", "surface"}` (the shape of ../shared/gold/README.md):
precision is `day` (3月15日, 本周三), `days` (3月3日—10日, 2023年1月1日至2023年3月17日), `week` (本周, 上周),
`month` (3月 in a monthly report, 本月), `period` (近日; 3月上旬 and 3月初 = days 1-10, 3月中 = 11-20, 3月底 = 21 to
the end, 3月上中旬 = 1-20; 上半年, 一季度, 2025年全年, 全年 in a year-end issue) or `none` (目前). Years missing from the text
come from the report period, so 12月29日 in a report on 12月29日—1月2日 lands in the earlier year, and 2月3日 in a
December issue in its own year.
"""
import calendar
import re
from dataclasses import dataclass
from functools import lru_cache
from datetime import date, timedelta

CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
_CN_NUMERALS = "〇零一二两三四五六七八九十"
# A number of one to four digits, Arabic (12) or Chinese (十二): the same as (?:\d{1,4}|[〇…十]{1,4}), written to
# begin with one character class, so that the regex engine jumps to where a number can start instead of trying
# each date form at every character (twice as fast on bulletin text).
_NUM = rf"[\d{_CN_NUMERALS}](?:(?<=\d)\d{{0,3}}|(?<=[{_CN_NUMERALS}])[{_CN_NUMERALS}]{{0,3}})"
_RANGE_SEP = r"(?:—|－|-|–|~|～|至|到)"
_HALF_DAY = r"(?:上午|下午|晚上|晚|早上|中午)?"
_YEAR = r"(?:\d{4}|[〇零一二三四五六七八九]{4})"  # 2025, or 二〇二五 as official documents write it
WEEKDAY_NOTE = r"(?:[（(](?:周|星期)[一二三四五六日天][）)])?"  # 5月31日（周二）

# One alternative per form, tried at every position; the first (leftmost, then longest) match wins.
# Each form names characters that every match of it holds: a text without one of them cannot hold the form, and
# find_dates does not scan it for that form (most items hold no 年, 旬 or 截).
_PATTERNS = [
    ("full_range", "年月日", rf"(?P<y1>\d{{4}})年(?P<m1>{_NUM})月(?P<d1>{_NUM})日{_HALF_DAY}{_RANGE_SEP}"
                   rf"(?:(?P<y2>\d{{4}})年|(?P<this_year>今年))?(?:(?P<m2>{_NUM})月)?(?P<d2>{_NUM})日{_HALF_DAY}"),
    ("until", "截月日", rf"(?P<kw>截止到|截至到|截止|截至|截止至)(?:(?P<y1>{_YEAR})年)?(?P<m1>{_NUM})月(?P<d1>{_NUM})日{_HALF_DAY}"),
    ("until_month_end", "截月", rf"(?:截止到|截至到|截止|截至|截止至)(?:(?P<y1>{_YEAR})年)?(?P<m1>{_NUM})月(?:底|末)"),
    ("range", "月日", rf"(?P<m1>{_NUM})月(?P<d1>{_NUM})日{_HALF_DAY}{_RANGE_SEP}"
                    rf"(?:(?P<m2>{_NUM})月)?(?P<d2>{_NUM})日{_HALF_DAY}"),
    ("full_day", "年月日", rf"(?P<y1>{_YEAR})年(?P<m1>{_NUM})月(?P<d1>{_NUM})日{_HALF_DAY}"),
    ("day", "月日", rf"(?P<m1>{_NUM})月(?P<d1>{_NUM})日{_HALF_DAY}"),
    # …and as some writers put it: 6月5号, or with dots opening a clause (6.4，…; 2018.6.6，…), not a decimal inside one
    ("day_hao", "月号", rf"(?P<m1>{_NUM})月(?P<d1>{_NUM})号{_HALF_DAY}"),
    ("dotted_day", ".", r"(?:(?P<y1>\d{4})\.)?(?P<m1>\d{1,2})\.(?P<d1>\d{1,2})(?=[，,])"),
    # 自2月3日以来, 2月下旬以来: from that day to the end of the report's period.
    ("since_day", "月日以来", rf"自?(?P<m1>{_NUM})月(?P<d1>{_NUM})日以来"),
    ("since_dekad", "月旬以来", rf"自?(?P<m1>{_NUM})月(?P<dekad>上旬|中旬|下旬)以来"),
    ("since_month", "月以来", rf"自?(?P<m1>{_NUM})月份?以来"),  # 10月以来: from the month's first day
    ("day_range_same_month", "月日", rf"(?P<m1>{_NUM})月(?P<d1>{_NUM})(?:日?、|{_RANGE_SEP})(?P<d2>{_NUM})日"),
    ("dekad", "月旬", rf"(?:(?P<y1>\d{{4}})年)?(?P<m1>{_NUM})月(?P<dekad>上中旬|中下旬|上旬|中旬|下旬)"),
    # 3月初 is read as its first ten days, 3月中 as the middle ones, 3月底 (3月末) as the last, as 上旬, 中旬 and 下旬
    # are; 7月底前 is a deadline, 6月中国… no date.
    ("month_part", "月", rf"(?:(?P<y1>\d{{4}})年)?(?P<m1>{_NUM})月(?P<dekad>初|底|末|中(?=[，,、]))(?!前)"),
    # 月初, 月中, 月底 alone: of the report's month.
    ("report_month_part", "月", r"(?<![\d〇零一二两三四五六七八九十本岁每个])月(?P<dekad>初|底|末|中(?=[，,、]))(?!前)"),
    # 上半年，… and 一季度，… open a clause as its time; in a name (上半年工作总结会, 一季度考核) they date nothing.
    ("half_year", "半年", r"(?:今年)?(?P<half>上|下)半年(?=[，,])"),
    ("whole_year", "年全", r"(?P<y1>\d{4})年全年(?=[，,])"),  # 2025年全年，… in the report that follows the year
    # 全年 in a year-end report (its period in December): the year it sums up (全年，省政务服务大厅…; 窗口全年受理…);
    # not a target (确保全年…, 全年目标任务).
    ("report_year", "全年", r"(?<!确保|部署|紧盯|锚定|完成|实现)全年(?!目标|重点|任务|工作|各项|计划|的)"),
    # 1—11月, 2024年1—12月, 1月至3月: whole months, from the first day of one to the last of the other.
    ("month_range", "月", rf"(?:(?P<y1>\d{{4}})年|今年)?(?P<m1>{_NUM})月?{_RANGE_SEP}(?P<m2>{_NUM})月"
                         rf"(?![\d〇零一二两三四五六七八九十日号旬底初末中])"),
    ("quarter", "季度", r"(?:今年)?第?(?P<quarter>[一二三四])季度(?=[，,])"),
    # A day without its month opening a clause (18日（周三），…; 31日，…; see _in_place) in a bulletin that lists its
    # week day by day: the last day so numbered up to the period's end. Inside a clause a bare day counts (15日内办结).
    ("bare_day", "日", rf"(?P<d1>{_NUM})日{WEEKDAY_NOTE}{_HALF_DAY}(?=[，,])"),
    ("weekday", "周", r"(?P<week>本|上)周(?P<weekday>[一二三四五六日天])"),  # 本周三; 上周五, a day of the week before
    ("full_month", "年月", rf"(?P<y1>\d{{4}})年(?P<m1>{_NUM})月(?!\d|份?\d|[〇零一二两三四五六七八九十]日)"),
    # A month that opens its clause (5月，省本级…; 5月份、6月…) in any report; not a deadline (7月底前).
    ("month", "月", rf"(?P<m1>{_NUM})月(?:份)?(?=[，,、：:份底初])(?![底初末]前)"),  # (not after a digit or 年)
    # The report's own month opening a clause of a monthly report (9月省本级共收到…, 7月发现…): any other month
    # needs the comma above, since 8月启动的… names a month in passing.
    ("report_month", "月", rf"(?<![\d年—至-])(?P<m1>{_NUM})月(?![\d〇零一二两三四五六七八九十日号份旬底初末中])"),
    ("this_week", "本周", r"本周"),
    ("last_week", "上周", r"上周"),  # in a weekly report: the same days a week earlier
    ("this_month", "本月", r"本月"),
    ("same_month", "当月", r"当月"),  # the report's month, in a monthly report (当月受理…); elsewhere no date
    # Two rows for one form, so that each names a character it needs. The overlap the split lets through (日前 in
    # 近日前) changes nothing: a recently match resolves exactly when the one it overlaps does.
    # 近期 dates its clause only opening it (近期，…): inside one it says which work (对窗口近期工作给予肯定). 日前 is not
    # the end of another word with 日 (节假日前后, 3个工作日前). Both checked in _in_place.
    ("recently", "近", r"近日|近期"),
    ("recently", "日前", r"日前(?!后)"),
    ("now", "前", r"目前|当前"),
    ("year_to_date", "今年以来", r"今年以来"),
    ("since_outbreak", "疫以来", r"疫情(?:发生|暴发)以来"),  # from an unknown start to the end of the report's period
    ("named_month", "月份", rf"(?<![\d年])(?P<m1>{_NUM})月份(?=[，,])"),  # 2月份，… names its month in any report
]
_MATCHERS = [(name, frozenset(needs), re.compile(pattern)) for name, needs, pattern in _PATTERNS]
# The two forms of 月初/月中/月底 need a word, not only characters (月 and 中 are in most texts): they are looked for
# only where one is written.
_MONTH_PART_FORMS = frozenset({"month_part", "report_month_part"})
# A month with no comma after it is a date only in a monthly report (9月省本级…): elsewhere it is not looked for.
_MONTHLY_FORMS = frozenset({"report_month"})
_MONTH_PART_WORD = re.compile(r"月[初底末中]")
_NEEDED = frozenset().union(*(needs for _name, needs, _rx in _MATCHERS))  # the characters find_dates looks for
# The forms that end in a day: a match ends at most two characters after its last 日 (3月5日上午), and holds its 月
# at most 12 characters in (截止至 + 2023年 + a four-character number). find_dates scans them only from 12 characters
# before the first 月 of the text to 3 after its last 日, which finds the same matches: nothing in these patterns
# looks ahead past a match, and none starts or ends outside that window.
_DAY_FORMS = frozenset({"full_range", "until", "range", "full_day", "day", "day_range_same_month", "since_day"})
_MONTH_LEAD = 12
# A report's period line (（3月13日—3月17日）, （12月29日—1月2日）) and its publication date (2023年3月17日).
PERIOD = re.compile(rf"(?:(?P<y1>\d{{4}})年)?(?P<m1>{_NUM})月(?P<d1>{_NUM})日{_RANGE_SEP}"
                    rf"(?:(?P<y2>\d{{4}})年)?(?:(?P<m2>{_NUM})月)?(?P<d2>{_NUM})日")
# …or written with dots, as some writers do: （2019.5.13-5.17）.
DOTTED_PERIOD = re.compile(rf"(?:(?P<y1>\d{{4}})\.)?(?P<m1>\d{{1,2}})\.(?P<d1>\d{{1,2}}){_RANGE_SEP}"
                           rf"(?:(?P<y2>\d{{4}})\.)?(?:(?P<m2>\d{{1,2}})\.)?(?P<d2>\d{{1,2}})")
FULL_DATE = re.compile(rf"({_YEAR})年({_NUM})月({_NUM})日")


def cn_number(text):
    """Read 12, 十二, 二十一 or 〇 as an int; None when it is not a number."""
    if text is None:
        return None
    if text.isdigit():
        return int(text)
    if not text or any(ch not in CN_DIGITS and ch != "十" for ch in text):
        return None
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (CN_DIGITS[tens] if tens else 1) * 10 + (CN_DIGITS[ones] if ones else 0)
    value = 0
    for ch in text:
        value = value * 10 + CN_DIGITS[ch]
    return value


@dataclass(frozen=True)
class Period:
    """The span a report covers; the frame that 本周, 近日 and year-less dates are read in."""
    start: date
    end: date

    def year_for(self, month):
        """The year of a year-less month: the period's year, or the neighbour one across a year boundary."""
        if self.start.year != self.end.year:
            return self.start.year if month >= self.start.month else self.end.year
        if month - self.end.month > 6:  # 12月 mentioned in a January report
            return self.end.year - 1
        return self.end.year

    def as_dict(self):
        return {"start": self.start.isoformat(), "end": self.end.isoformat()}


def _safe_date(year, month, day):
    try:
        return date(year, month, day)
    except (TypeError, ValueError):
        return None


def month_span(year, month):
    last = calendar.monthrange(year, month)[1]
    return date(year, month, 1), date(year, month, last)


def _resolved(start, end, precision, surface):
    return {"start": start.isoformat() if start else None,
            "end": end.isoformat() if end else None,
            "precision": precision, "surface": surface}


# What comes before a match is checked here rather than in its pattern, which then starts with a character it needs
# (a digit, 近, 日) that the regex engine scans for quickly: a bare day and 近期 open a clause; 日前 ends no other word;
# a month is not the end of a longer number or of a year's month (2023年5月 is full_month's).
_CLAUSE_MARKS = "，,。；;：:"
_NOT_BEFORE_RECENTLY = frozenset("0123456789〇零一二两三四五六七八九十假节作念生周当次每个")


def _in_place(name, m):
    before = m.string[m.start() - 1] if m.start() else ""
    if name in ("bare_day", "dotted_day") or (name == "recently" and m.group(0) == "近期"):
        return before == "" or before in _CLAUSE_MARKS
    if name == "recently" and m.group(0) == "日前":
        return before not in _NOT_BEFORE_RECENTLY
    if name == "month":
        return not (before.isdigit() or before == "年")
    return True


def _resolve(name, m, period, monthly):
    """Turn one regex match into a resolved date dict, or None when the numbers are not a date."""
    if not _in_place(name, m):
        return None
    g = m.groupdict()
    surface = m.group(0)
    if name in ("this_week", "recently", "this_month"):
        if period is None:
            return None
        precision = {"this_week": "week", "recently": "period", "this_month": "month"}[name]
        return _resolved(period.start, period.end, precision, surface)
    if name == "same_month":
        return _resolved(period.start, period.end, "month", surface) if monthly and period else None
    if name == "last_week":
        if period is None or (period.end - period.start).days > 6:
            return None
        week = timedelta(days=7)
        return _resolved(period.start - week, period.end - week, "week", surface)
    if name == "now":
        return _resolved(None, None, "none", surface)
    if name == "report_month_part":
        if period is None:
            return None
        start, end = _dekad(period.start.year, period.start.month, g["dekad"])
        return _resolved(start, end, "period", surface)
    if name in ("half_year", "quarter"):
        if period is None:
            return None
        if name == "half_year":
            first_month, last_month = (1, 6) if g["half"] == "上" else (7, 12)
        else:
            first_month = 1 + 3 * "一二三四".index(g["quarter"])
            last_month = first_month + 2
        year = period.year_for(last_month)
        return _resolved(date(year, first_month, 1), month_span(year, last_month)[1], "period", surface)
    if name == "bare_day":
        d1 = cn_number(g["d1"])
        if period is None or not d1 or d1 > 31:
            return None
        days_back = (period.end - timedelta(days=i) for i in range(62))
        day = next((d for d in days_back if d.day == d1), None)
        return _resolved(day, day, "day", surface) if day else None
    if name == "weekday":
        if period is None:
            return None
        weekday = "一二三四五六日".index(g["weekday"].replace("天", "日"))
        if g["week"] == "上" and (period.end - period.start).days > 6:
            return None  # (a week before a month means nothing)
        back = timedelta(days=7 if g["week"] == "上" else 0)
        days = [period.start - back + timedelta(days=i) for i in range((period.end - period.start).days + 1)]
        day = next((d for d in days if d.weekday() == weekday), None)
        return _resolved(day, day, "day", surface) if day else None
    if name == "report_year":
        if period is None or 12 not in (period.start.month, period.end.month):
            return None
        return _resolved(date(period.start.year, 1, 1), date(period.start.year, 12, 31), "period", surface)
    if name == "whole_year":
        year = int(g["y1"])
        return _resolved(date(year, 1, 1), date(year, 12, 31), "period", surface)
    if name == "month_range":
        m1, m2 = cn_number(g["m1"]), cn_number(g["m2"])
        if not (m1 and m2 and 1 <= m1 < m2 <= 12):
            return None
        year = int(g["y1"]) if g.get("y1") else (period.year_for(m2) if period else None)
        if year is None:
            return None
        return _resolved(date(year, m1, 1), month_span(year, m2)[1], "period", surface)
    if name == "since_outbreak":
        return _resolved(None, period.end, "period", surface) if period else None
    if name == "year_to_date":
        if period is None:
            return None
        return _resolved(date(period.end.year, 1, 1), period.end, "days", surface)
    m1, d1 = cn_number(g.get("m1")), cn_number(g.get("d1"))
    if m1 is None or not 1 <= m1 <= 12:
        return None
    y1 = cn_number(g["y1"]) if g.get("y1") else (period.year_for(m1) if period else None)
    if y1 is None:
        return None
    if name == "until_month_end":
        return _resolved(None, month_span(y1, m1)[1], "day", surface)
    if name in ("since_day", "since_dekad", "since_month"):
        start = _dekad(y1, m1, g["dekad"])[0] if g.get("dekad") else _safe_date(y1, m1, d1 or 1)
        if period is None or start is None or start > period.end:
            return None
        return _resolved(start, period.end, "days", surface)
    if name in ("dekad", "month_part"):
        start, end = _dekad(y1, m1, g["dekad"])
        return _resolved(start, end, "period", surface)
    if name in ("full_month", "month", "report_month", "named_month"):
        if name in _MONTHLY_FORMS and not monthly:
            return None  # a bare 3月 only names the period in a monthly report
        if name == "report_month" and (period is None or m1 != period.end.month):
            return None
        start, end = month_span(y1, m1)
        return _resolved(start, end, "month", surface)
    start = _safe_date(y1, m1, d1)
    if start is None:
        return None
    if name == "until":
        return _resolved(None, start, "day", surface)
    if name in ("day", "full_day", "day_hao", "dotted_day"):
        return _resolved(start, start, "day", surface)
    m2 = cn_number(g.get("m2")) or m1
    d2 = cn_number(g.get("d2"))
    if g.get("this_year") and period is not None:
        y2 = period.end.year  # …至今年3月31日: the year of the report
    else:
        y2 = int(g["y2"]) if g.get("y2") else (y1 if m2 >= m1 else y1 + 1)
    end = _safe_date(y2, m2, d2)
    if end is None or end < start or end - start > timedelta(days=366):
        return None
    return _resolved(start, end, "days", surface)


# The days of a month a dekad word covers, as (first day, last day or None for the month's end).
_DEKADS = {"上旬": (1, 10), "中旬": (11, 20), "下旬": (21, None), "上中旬": (1, 20), "中下旬": (11, None),
           "初": (1, 10), "中": (11, 20), "底": (21, None), "末": (21, None)}


def _dekad(year, month, word):
    """(start, end) dates of 3月上旬, 3月上中旬, 3月初, 3月底 ... in `year`."""
    first, last = month_span(year, month)
    start_day, end_day = _DEKADS[word]
    return first.replace(day=start_day), first.replace(day=end_day) if end_day else last


@lru_cache(maxsize=512)
def find_dates(text, period=None, monthly=False):
    """Every time expression in `text`, in order, as (start offset, end offset, resolved date).

    Where forms overlap the leftmost wins, then the longest; a match that is not a real date (2月30日)
    gives way to whatever starts after its first character.
    """
    # A form is not looked for where it cannot be, or where it would never resolve (a bare 3月 outside a monthly
    # report): a match that resolves to None is passed over below, so leaving it out changes nothing.
    present = {ch for ch in _NEEDED if ch in text}
    month_part = _MONTH_PART_WORD.search(text) is not None
    matchers = [(name, rx) for name, needs, rx in _MATCHERS if needs <= present
                and (monthly or name not in _MONTHLY_FORMS)
                and (month_part or name not in _MONTH_PART_FORMS)]
    day_window = (max(0, text.find("月") - _MONTH_LEAD), text.rfind("日") + 3)  # (a day form needs both)
    candidates = sorted(((m.start(), -(m.end() - m.start()), name, m) for name, rx in matchers
                         for m in (rx.finditer(text, *day_window) if name in _DAY_FORMS else rx.finditer(text))),
                        key=lambda c: (c[0], c[1]))
    found = []
    pos = 0
    for start, _negative_length, name, m in candidates:
        if start < pos:
            continue
        resolved = _resolve(name, m, period, monthly)
        if resolved is not None:
            found.append((start, m.end(), resolved))
            pos = m.end()
    return tuple(found)


def first_date(text, period=None, monthly=False):
    """The first time expression of `text` resolved, or None."""
    for _start, _end, resolved in find_dates(text, period, monthly):
        return resolved
    return None


def parse_period(text, published=None):
    """Read a report period line such as （3月13日—3月17日）, （12月29日—1月2日） or （2019.5.13-5.17）.

    The year comes from the text, or else from the publication date: the period ends on or before it.
    """
    m = PERIOD.search(text) or DOTTED_PERIOD.search(text)
    if not m:
        return None
    m1, d1 = cn_number(m["m1"]), cn_number(m["d1"])
    m2, d2 = cn_number(m["m2"]) or m1, cn_number(m["d2"])
    if m["y2"]:
        y2 = int(m["y2"])
    elif m["y1"]:
        y2 = int(m["y1"]) + (1 if m2 < m1 else 0)
    elif published is not None:
        y2 = published.year if m2 <= published.month else published.year - 1
    else:
        return None
    y1 = int(m["y1"]) if m["y1"] else (y2 - 1 if m1 > m2 else y2)
    start, end = _safe_date(y1, m1, d1), _safe_date(y2, m2, d2)
    if start is None or end is None or end < start:
        return None
    return Period(start, end)


def parse_full_date(text):
    """The first YYYY年M月D日 (or 二〇二一年九月十五日) in `text` as a date, or None."""
    m = FULL_DATE.search(text)
    if not m:
        return None
    return _safe_date(cn_number(m[1]), cn_number(m[2]), cn_number(m[3]))

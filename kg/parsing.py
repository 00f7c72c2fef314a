"""Report file -> parsed report: header fields, sections, items (paragraphs) with clean text, source spans and dates.

The layout of a bulletin (窗口工作周报 / 政务窗口月报):

    [series title]  [2023年第10期（总第430期） | 第3期]  publisher + publication date  [政务服务工作]  [（3月13日—3月17日）]
    一、section            （一）subsection heading       1. / （1） / (1) / （一） leaf items, or un-numbered paragraphs
    四、大厅巡查情况        （一）按时到岗情况。总体情况良好。   <- inspection lines, not items
    报：…  送：…  发：…   （共印94份）

`parse_report(source)` returns a Report; `Report.to_dict()` gives the shape of ../shared/gold/README.md
(with the whole clean `text` of each item and its `span` in the source file).
"""
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from kg import cleaning
from kg.dates import WEEKDAY_NOTE, Period, first_date, month_span, parse_full_date, parse_period
from kg.errors import InputError

_CN = "一二三四五六七八九十"
MARKER = re.compile(
    rf"^(?:(?P<section>[{_CN}]{{1,3}}、)"
    rf"|(?P<sub>[（(][{_CN}]{{1,3}}[）)])"
    rf"|(?P<paren_num>[（(]\d{{1,2}}[）)])"
    # 1. 1． 1、 and 1) 1）, maybe right before a date's digits (5.3月15日, 2.18日（周三）), not a decimal (86.3万)
    rf"|(?P<num>\d{{1,2}}[.．、)）])(?=\d{{1,2}}[ \u3000]?[月日]|[^\d.．)）])"
    rf"|(?P<circled>[①-⑳])"
    rf"|(?P<bullet>[■□●○◆◇▲△★☆▪◼•]))")  # an item led by a bullet (■ 6月5号，中心召开…)
SERIES = re.compile(r"^[\u4e00-\u9fff]{2,12}(?:周报|月报|旬报|简报|快报|专报|通报)$")
ISSUE = re.compile(r"(?:(?P<year>\d{4})年)?第(?P<no>\d+)期(?:[（(]总第(?P<total>\d+)期[）)])?")
COPIES = re.compile(r"[（(]?共?印(?P<n>\d+)份[）)]?")  # （共印60份）, 印60份
DISTRIBUTION = re.compile(r"^(?P<key>报|送|发|抄送|抄报)[:：](?P<rest>.*)$")
_FOOTER_STARTS = "报送发抄（(共印"  # the first characters of DISTRIBUTION, COPIES and （共印
PUBLISHER_END = re.compile(r"(?:中心|办公室|办公厅|委员会|管理局|服务局|厅|局)$")
PUBLISHER_VERB = re.compile(r"(?<=[心室厅会局])(?:编印|编发|主办|编)$")  # 四川省…服务中心编: the publisher is the centre
# The series that carries a running total number (总第N期) is the weekly one; the monthly restarts each year.
WEEKLY_SERIES = "窗口工作周报"
MONTHLY_SERIES = "政务窗口月报"
HEADING_MAX = 40
# An un-numbered paragraph that opens with its date (3月5日，… / 本周，…) after a finished sentence starts anew
# (厅(局)长进大厅 sections list one visit per paragraph without numbers).
# The day may come without its month and with its weekday (18日（周三），…).
DATED_START = re.compile(r"^(?:(?:\d{1,2}月)?\d{1,2}日(?:[—至-](?:\d{1,2}月)?\d{1,2}日)?"
                         rf"{WEEKDAY_NOTE}[上下]?午?[，,]"
                         r"|本周[，,]|近日[，,]|本月[，,])")
# A department's label opening a paragraph in place of a date: 【省教育厅】…, ◎省税务局 … (see paragraphs).
LABEL_START = re.compile(r"^(?:【[^】]{2,20}】|◎)")
# A table flattened into lines of cells split by spaces, with no sentence punctuation (序号 部门 受理 办结 /
# 1 省公安厅 6218 6203, maybe under a caption 表1 …): it belongs to the paragraph that introduces it. A row holds a
# figure, or follows the colon of that paragraph (…情况如下（单位：件）：); a line of plain words is no row.
TABLE_ROW = re.compile(r"[^\s，。；、：,;:]+(?:[ \t\u3000]+[^\s，。；、：,;:]+){2,}")
# What a bulletin may print between its header and its first section: a summary under its own heading (本月要情)
# or an editor's note (编者按：…). Its paragraphs are items, under that heading or under no section.
_FRONT_HEADINGS = "本月要情|本期要情|要情摘要|本期导读|本期要目|内容提要"
FRONT_MATTER = re.compile(rf"^(?:{_FRONT_HEADINGS}|编者按)")
FRONT_HEADING = re.compile(rf"(?:{_FRONT_HEADINGS})[：:]?")
# A （一） heading is short and holds no sentence: no clause punctuation, and no count or 等 at its end.
CLAUSE_PUNCTUATION = re.compile(r"[。，,；;！、]")
COUNT_END = re.compile(r"(?:\d+[个项件家名]?|等)$")
# …nor is it the start of a date that the line break cut (（一）6月 / 16日，全省…).
DATE_START = re.compile(r"(?:\d{4}年)?\d{1,2}月|\d{4}年")
PUBLICATION_DATE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日")  # after the publisher's name
YEAR_MONTH = re.compile(r"(\d{4})年(\d{1,2})月(?!\d{1,2}日)")
NAME_SEPARATOR = re.compile(r"[、，,]")
TITLE = re.compile(r"《[^》]*》")  # a document title: its words are not the item's dates, bodies or places
TITLE_MASK = "＿"  # what mask_titles writes over each character of a title
# The section of hall-inspection lines (四、大厅巡查情况: （一）按时到岗情况。…), not one that commends and reproves
# after an inspection (五、巡查通报: its paragraphs are items).
INSPECTION_LINES = re.compile(r"巡查(?!.*通报)")
SAME_DAY = re.compile(r"同日|当日|当天")  # opening an item: the day of the item before it
ATTACHMENT = re.compile(r"附[件表]\d*[：:]")  # 附表：…统计表（略）: a note on what goes with the bulletin, no item


@dataclass
class Item:
    """One paragraph of the body: a numbered leaf or an un-numbered paragraph under a heading."""
    index: int
    section: str
    subsection: str
    marker: str
    para: cleaning.Paragraph
    date: dict = None

    @property
    def text(self):
        return self.para.text

    def span(self):
        s = self.para.span()
        return {"start": s[0], "end": s[1]} if s else None

    def to_dict(self):
        return {"index": self.index, "section": self.section, "subsection": self.subsection,
                "marker": self.marker, "text": self.text, "span": self.span(), "date": self.date}


@dataclass
class Report:
    path: str
    sha256: str
    series: str = None
    issue_no: int = None
    total_issue_no: int = None
    published: date = None
    period: Period = None
    publisher: str = None
    copies_printed: int = None
    distribution: dict = field(default_factory=lambda: {"报": [], "送": [], "发": []})
    sections: list = field(default_factory=list)
    items: list = field(default_factory=list)
    inspection: list = field(default_factory=list)

    @property
    def file(self):
        return self.path.replace("\\", "/").rsplit("/", 1)[-1]

    @property
    def monthly(self):
        return bool(self.series and "月报" in self.series)

    def to_dict(self, items=None):
        """The report in the gold shape; `items`, when given, stand in for the items' own dicts (the extractor
        passes the items with their facts, which saves building the plain ones only to replace them)."""
        return {"file": self.file, "path": self.path, "sha256": self.sha256,
                "series": self.series, "issue_no": self.issue_no, "total_issue_no": self.total_issue_no,
                "published": self.published.isoformat() if self.published else None,
                "period": self.period.as_dict() if self.period else None,
                "publisher": self.publisher, "copies_printed": self.copies_printed,
                "distribution": self.distribution, "sections": self.sections,
                "items": [item.to_dict() for item in self.items] if items is None else items,
                "inspection": self.inspection}


def _marker(text):
    """(kind, marker as written) of a paragraph's leading marker, or (None, None)."""
    m = MARKER.match(text)
    if not m:
        return None, None
    kind = m.lastgroup
    return kind, m.group(kind)


def _is_heading(text):
    """A section line, or a （一） line short and without a sentence in it."""
    kind, marker = _marker(text)
    if kind == "section":
        return True
    return kind == "sub" and _names_only(text[len(marker):])


def _names_only(rest):
    """Whether the words after a marker only name what comes under it: short, no sentence, quote or title left open,
    no count or 等 at the end, and not a date the line break cut."""
    return (len(rest) <= HEADING_MAX and not CLAUSE_PUNCTUATION.search(rest.rstrip("。"))
            and rest.count("“") == rest.count("”") and rest.count("《") == rest.count("》")
            and not COUNT_END.search(rest) and not DATE_START.fullmatch(rest))


def _is_group_heading(text, next_text):
    """A numbered line (1.) that only names the (1) or ① items under it, followed by its first child
    (1.工程建设项目审批制度改革 / （1）6月18日，…). It is a heading, not an item."""
    kind, marker = _marker(text)
    return kind == "num" and _marker(next_text)[0] in ("paren_num", "circled") and _names_only(text[len(marker):])


def _titled_section(rest):
    """A section line that goes on with its first paragraph (一、省级政务服务事项受理办理情况。据…统计，…): the length
    of its title, or None when the whole line is the title."""
    title, stop, after = rest.partition("。")
    if not stop or not after or len(title) > HEADING_MAX or CLAUSE_PUNCTUATION.search(title):
        return None
    return len(title)


def _is_footer(text):
    if text[:1] not in _FOOTER_STARTS:  # most lines: the checks below would all fail
        return False
    return bool(DISTRIBUTION.match(text) or COPIES.fullmatch(text) or text.startswith("（共印")
                or text.startswith("(共印"))


def paragraphs(text):
    """Split a source text into clean paragraphs: header and footer lines stay single, body lines are joined."""
    lines = cleaning.split_lines(text)
    wrapped = cleaning.is_wrapped(lines)
    widths = sorted(line.width for line in lines if line.width >= 20)
    full_width = widths[int(len(widths) * 0.8)] if widths else 0
    out = []
    in_body = in_footer = False
    prev_line = None
    compact = None  # the whole text without whitespace, made at the first break that may double a character
    for line in lines:
        piece = cleaning.clean_line(line)
        if not piece.text:
            continue
        kind, _ = _marker(piece.text)
        starts_body = kind == "section" or (not in_body and FRONT_MATTER.match(piece.text) is not None)
        if starts_body:
            in_body = True
        if in_body and _is_footer(piece.text):
            in_footer = True
        new = True
        if in_body and not in_footer and out and prev_line is not None and not starts_body and kind is None:
            prev = out[-1].text
            # A paragraph ends with a full stop, not with a semicolon: a line that ends in ；, as a page often does
            # in the middle of a list of clauses, goes on in the next one.
            ends_sentence = prev[-1] in cleaning.TERMINAL and prev[-1] not in "；;"
            short = prev_line.width < 0.85 * full_width
            overlong = prev_line.width > OVERLONG * full_width  # never wrapped: its full stop ends the paragraph
            if (short or not wrapped) and _is_heading(prev):  # a full-width line is never a whole heading
                new = True
            elif not ends_sentence:
                new = False
            elif TABLE_ROW.fullmatch(line.raw.strip()) and (prev[-1] in "：:" or _has_digit(line.raw)):
                new = False
            elif wrapped and not short and not overlong:
                # A dated opening starts a new un-numbered paragraph, and so does a department's label (【省教育厅】,
                # ◎省税务局); after a numbered item they continue it.
                opening = DATED_START.match(piece.text) or LABEL_START.match(piece.text)
                new = bool(opening) and _marker(prev)[0] is None
        if new:
            out.append(piece)
        else:
            # In a hard-wrapped text a page break shows as a leading space, or as a short line whose last character
            # the next line repeats inside a known word; in an unwrapped one every mid-sentence break is a page break.
            page_break = line.leading_space or not wrapped
            if not page_break and out[-1].text[-1] == piece.text[0]:  # a character repeated across the break
                # After a full line, only where a known word also opens right after the copy (管理局 / 局副局长;
                # 税务局 / 局长 keeps both).
                inside_a_word = _doubled_by_the_break(out[-1].text, piece.text) and (
                    prev_line.width < 0.85 * full_width or _word_opens(piece.text, 1))
                page_break = inside_a_word or _doubled_inside_a_name(out[-1].text, piece.text)
                if not page_break:
                    compact = compact if compact is not None else "".join(text.split())
                    page_break = _written_once_elsewhere(out[-1].text, piece.text, compact) \
                        or _name_written_once_elsewhere(out[-1].text, piece.text, compact)
            cleaning.append(out[-1], piece, page_break)
        prev_line = line
    return out


def _has_digit(text):
    return any(ch.isdigit() for ch in text)


def _doubled_by_the_break(before, after):
    """Whether the character that ends `before` and opens `after` was doubled by the break between them: once the
    copy is dropped a known word runs across the join (省退役军人事务 / 务厅, 二级巡 / 巡视员), longer than any word
    that opens at the copy (成都市 / 市场监管局 keeps both, and so does 杨婷 / 婷, which forms none)."""
    if not before or not after or before[-1] != after[0]:
        return False
    words = _known_words()
    left, right = before[-JOIN_SPAN:], after[:JOIN_SPAN]
    joined, j = left + right[1:], len(left)  # joined[j - 1] is the doubled character, kept once
    across = max((end - start for start in range(max(0, j - JOIN_SPAN), j)
                  for end in range(j, min(len(joined), start + JOIN_SPAN) + 1) if joined[start:end] in words),
                 default=0)
    opening = max((n for n in range(2, len(right) + 1) if right[:n] in words), default=0)
    return across > opening


def _doubled_inside_a_name(before, after):
    """Whether the break doubled a character of a name written after a title: its surname (副局长唐 / 唐立新) or
    the middle character of three (副厅长杨振 / 振华带领). A doubled last character may be the name's own
    (处长杨婷 / 婷陪同: 杨婷婷) and is kept."""
    if len(after) < 3 or not before or before[-1] != after[0]:
        return False
    title_then_name, _, surnames = _names_after_titles()
    m = title_then_name.search(before[-JOIN_SPAN:])
    if not m or m["name"][0] not in surnames or not NAME_CHARACTER.match(after, 1):
        return False
    return len(m["name"]) == 1 or bool(NAME_END.match(after, 2))


def _name_written_once_elsewhere(before, after, compact):
    """Whether the full name that ends `before` after a title is written elsewhere in the bulletin, and followed by
    the repeated character only here: 省政府秘书长罗晓林 / 林到… in a bulletin that also says 罗晓林一行. (A name
    whose own last character repeats, 杨婷婷, is written so everywhere.)"""
    _, title_then_full_name, surnames = _names_after_titles()
    m = title_then_full_name.search(before[-JOIN_SPAN:])
    if not m or m["name"][0] not in surnames:
        return False
    name = m["name"]
    return compact.count(name) > 1 and compact.count(name + after[0]) == 1


@lru_cache(maxsize=1)
def _names_after_titles():
    """Regexes for a title and the text after it ending in one or two characters, and in a surname and one or two
    characters (a full name); and the single surnames."""
    from kg import gazetteer
    gaz = gazetteer.load()
    titles = gazetteer.alternation(gaz.titles).pattern
    return (re.compile(rf"(?:{titles})(?P<name>[\u4e00-\u9fff]{{1,2}})$"),
            re.compile(rf"(?:{titles})(?P<name>[\u4e00-\u9fff]{{2,3}})$"), frozenset(gaz.surnames["single"]))


def _word_opens(text, start):
    """Whether a known word (three characters or longer) opens at `start` of `text`."""
    words = _known_words()
    return any(text[start:start + n] in words for n in range(3, JOIN_SPAN + 1))


def _written_once_elsewhere(before, after, compact):
    """Whether the bulletin (`compact`: its text without whitespace) writes the words around a break with the
    repeated character once elsewhere, and with it twice only here: …“青年文明 / 明号”… in a bulletin that also says
    “青年文明号”. Two characters each side are compared, the repeated one included."""
    single = before[-2:] + after[1:3]
    return len(single) == 4 and single in compact and compact.count(before[-2:] + after[:3]) == 1


#: How much wider than the wrapped lines a line is that was not wrapped (a hall-inspection line written whole in a
#: hard-wrapped bulletin).
OVERLONG = 1.3
#: The longest known word looked for across a line break.
JOIN_SPAN = 12
# A character of a personal name (no particle, preposition or numeral), and what may follow a name.
NAME_CHARACTER = re.compile(r"[^\W\d_的了在和与及到赴对为将是等各该本我其一]")
NAME_END = re.compile(r"[，,、。；]|一行|带领|率|到|陪同|出席|主持|等")


@lru_cache(maxsize=1)
def _known_words():
    """Body names and short forms, body words and titles of the gazetteer, three characters or longer."""
    from kg import gazetteer  # the parser needs the gazetteer only at such a break
    gaz = gazetteer.load()
    words = set(gaz.org_by_surface) | set(gaz.titles) | set(gaz.body_words) | set(gaz.body_words.values())
    return frozenset(w for w in words if 3 <= len(w) <= JOIN_SPAN)


def _header_lines(header):
    """The header's lines, a line that leaves a bracket open joined with the next (2021年第23期（总 / 第353期）)."""
    lines = []
    for para in header:
        if lines and lines[-1].count("（") + lines[-1].count("(") > lines[-1].count("）") + lines[-1].count(")"):
            lines[-1] += para.text
        else:
            lines.append(para.text)
    return lines


def _parse_header(report, header):
    lines = _header_lines(header)
    for t in lines:
        m = ISSUE.search(t)
        if m and report.issue_no is None:
            report.issue_no = int(m["no"])
            report.total_issue_no = int(m["total"]) if m["total"] else None
            t = (t[:m.start()] + t[m.end():]).strip()
        if not t:
            continue
        if SERIES.match(t) and report.series is None:
            report.series = t
            continue
        published = parse_full_date(t)
        if published and report.published is None and not t.startswith(("（", "(")):
            report.published = published
            name = PUBLISHER_VERB.sub("", PUBLICATION_DATE.sub("", t))
            if PUBLISHER_END.search(name) and report.publisher is None:
                report.publisher = name
            continue
        t = PUBLISHER_VERB.sub("", t)
        if PUBLISHER_END.search(t) and report.publisher is None and len(t) >= 6:
            report.publisher = t
    for t in lines:
        if t.startswith(("（", "(")) and report.period is None:
            report.period = parse_period(t, report.published)
    if report.series is None and report.total_issue_no is not None:
        report.series = WEEKLY_SERIES


def _monthly_period(report, body):
    """The month a monthly report covers: the first YYYY年M月 in a heading, else the month before publication."""
    for para in body[:6]:
        m = YEAR_MONTH.search(para.text)
        if m and 1 <= int(m[2]) <= 12:
            return Period(*month_span(int(m[1]), int(m[2])))
    if report.published:
        last_month = report.published.replace(day=1) - timedelta(days=1)
        return Period(*month_span(last_month.year, last_month.month))
    return None


def _parse_footer(report, para):
    m = DISTRIBUTION.match(para.text)
    if m:
        key = {"抄送": "送", "抄报": "报"}.get(m["key"], m["key"])
        names = [n.strip() for n in NAME_SEPARATOR.split(m["rest"].rstrip("。.")) if n.strip()]
        report.distribution[key] = report.distribution.get(key, []) + names
        return
    m = COPIES.search(para.text)
    if m:
        report.copies_printed = int(m["n"])


def title_spans(text):
    """(start, end) of each 《…》 document title in `text`."""
    if "《" not in text:  # most items cite no document
        return []
    return [(m.start(), m.end()) for m in TITLE.finditer(text)]


def mask_titles(text):
    """Blank out 《…》 titles (same length), so that the words of a document's name are not read as the item's own:
    its date here, its activity in kg.extraction.events."""
    if "《" not in text:
        return text
    return TITLE.sub(lambda m: TITLE_MASK * len(m.group(0)), text)


def parse_text(text, path="<text>", sha256=""):
    """Parse the text of one bulletin into a Report; InputError when it has no bulletin structure."""
    paras = paragraphs(text)
    first_section = next((i for i, p in enumerate(paras) if _marker(p.text)[0] == "section"), None)
    if first_section is None:
        raise InputError(path, "not a bulletin: no numbered section (一、…) found")
    front = next(i for i, p in enumerate(paras) if i == first_section or FRONT_MATTER.match(p.text))
    header, body = paras[:front], paras[front:]
    report = Report(path=path, sha256=sha256)
    _parse_header(report, header)
    if report.published is None and report.issue_no is None and report.period is None:
        raise InputError(path, "not a bulletin: no header (issue number, publication date or period) found")
    if report.series is None and any("月报" in p.text for p in header):
        report.series = MONTHLY_SERIES
    if report.monthly and report.period is None:
        report.period = _monthly_period(report, body)

    section = subsection = None
    in_footer = False
    for i, para in enumerate(body):
        text = para.text
        if in_footer or _is_footer(text):
            in_footer = True
            _parse_footer(report, para)
            continue
        kind, marker = _marker(text)
        rest = para.sub(len(marker)) if marker else para
        if FRONT_HEADING.fullmatch(text):
            section, subsection = text.rstrip("：:"), None
            report.sections.append({"no": None, "title": section, "subsections": []})
            continue
        if kind == "section":
            title_length = _titled_section(rest.text)
            section, subsection = rest.text[:title_length], None
            report.sections.append({"no": marker[:-1], "title": section, "subsections": []})
            if title_length is None:
                continue
            kind, marker, rest = None, None, rest.sub(title_length + 1)  # its first paragraph, un-numbered
        if ATTACHMENT.match(text) or (i + 1 < len(body) and _is_group_heading(text, body[i + 1].text)):
            continue
        if kind == "sub" and _is_heading(text):
            subsection = rest.text
            if report.sections:
                report.sections[-1]["subsections"].append({"no": marker, "title": subsection})
            continue
        if section and INSPECTION_LINES.search(section) and marker and "。" in rest.text[:30]:
            aspect, _, result = rest.text.partition("。")
            report.inspection.append({"aspect": aspect, "result": result.rstrip("。")})
            continue
        item = Item(len(report.items), section, subsection, marker, rest)
        item.date = first_date(mask_titles(item.text), report.period, report.monthly)
        same_day = item.date is None and SAME_DAY.match(item.text)
        if same_day and report.items and report.items[-1].date and report.items[-1].date["precision"] == "day":
            item.date = dict(report.items[-1].date, surface=same_day.group(0))
        report.items.append(item)
    return report


def parse_report(source):
    """Parse a reading.Source into a Report."""
    return parse_text(source.text, source.path, source.sha256)

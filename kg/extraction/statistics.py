"""Figures: service volumes (咨询790人次, 受理192件, 5.42万件) and quantified work outputs, with their period.

A figure takes its own time expression (the last one before it in the item), otherwise the item date,
otherwise the report period. 今年以来 runs from 1 January to the end of the report period and makes the
figures after it cumulative; so does 累计 outside a dated trip, and 已完成 (a total since an unknown start).
Not recorded: durations (5个工作日), ordinals and identifiers (第46次, 21条措施, 12345), counts of the bodies or people
taking part in one effort (等16个省直部门, 6家企业代表), counts of structure (10个领域) and needs or targets.
"""
import re

from kg.dates import find_dates

UNITS = r"人（次）|人\(次\)|人次|件次|万件|万人次|万张|件|个百分点|个|项|家|份|本|张|名|次|场|处|批次|类|条|宗|户|人|元|%|％"
# \d\d* is \d+ written to begin with a plain character class, which lets the regex engine skip to the digits
# instead of trying the whole pattern at every character. Thousands may be grouped with commas (3,260.5万元).
FIGURE = re.compile(rf"(?P<value>\d\d*(?:,\d{{3}}(?!\d))*(?:\.\d+)?)(?P<multiplier>万|亿)?(?P<approx>余)?"
                    rf"(?P<unit>{UNITS})")
MULTIPLIERS = {"万": 10_000, "亿": 100_000_000}
UNIT_NORMAL = {"人（次）": "人次", "人(次)": "人次", "％": "%"}
# Metrics whose figures are the headline service volumes of the bulletins.
SERVICE_VERBS = re.compile(r"(?:咨询|受理|办结|颁发|发放|流转|办理|办件|出件|邮寄|评价|好评|网办|收件|发证)")
# 条 counts what people or systems sent in (收到评价3.96万条, 差评11条, 收集意见建议17条, 汇聚数据1.02亿条); otherwise
# it numbers the articles of a text (21条措施), which is no figure of work.
FEEDBACK = re.compile(r"评价|差评|好评|诉求|意见|建议|问答|数据|工单|留言|问题")
SKIP_AFTER = re.compile(r"(?:个?工作日|个?小时|天|周|个月|年|月|日|倍|岁|次会议|期|条政策|号)")
STRUCTURE_AFTER = re.compile(r"(?:个)?(?:方面|领域|板块|环节|步骤|阶段|层级|维度)")
PARTICIPANTS_BEFORE = ("等", "共有", "组织", "召集", "邀请")  # the word right before the figure
NEED_AFTER = re.compile(r"[\u4e00-\u9fff]{0,12}?(?:需要|急需)")
# Targets and the population a body serves are not work done: 推动32项事项全部…, 服务全省12万余家…单位.
TARGET_OR_POPULATION_BEFORE = re.compile(r"(?:推动|力争|确保|计划|目标|争取|服务全省|服务全市|覆盖全省)[^，。；、]{0,6}$")
# A count of those taking part in one meeting or effort (60余名业务骨干参加) is not a work output.
PARTICIPANTS_AFTER = re.compile(r"[\u4e00-\u9fff（）()、]{0,14}?(?:参加|参会|出席|列席|参与)(?!培训)")
LEAD_WORDS = re.compile(r"^(?:共计|共|累计|合计|总计|其中|今年以来|本周|本月|同比|环比|已|为办事企业群众提供|提供|完成|实现|达到?)+")
SENTENCE_BREAK = "。；;"
# Part of a larger expression, not a count of its own: 第46次, 3至5个, the tail of 12345 or of 1.5.
INSIDE_EXPRESSION_BEFORE = re.compile(r"[第至—\-~\d.]$")
FROM_BEFORE = re.compile(r"来自[^，。；]{0,6}$")  # 来自6个部门: where people came from
DATE_WORD = re.compile(r"年|月|日")  # a figure read as a count that is the year, month or day of a date
NOUN_AFTER = re.compile(r"[\u4e00-\u9fff“”]{1,16}?(?=[，。、；]|$)")
# What a metric phrase drops: the words up to a time word, the scope before it, a verb of being at its end.
UP_TO_TIME_WORD = re.compile(r"^.*?(?:今年以来|本周|本月)")
SCOPE_LEAD = re.compile(r"^(?:省本级|全省|各进驻部门（单位）窗口共|综合窗口|政务大厅)")
COPULA_END = re.compile(r"(?:共计|共|达到?|为|有)$")
# A bare verb borrows the subject of the metric before it (公共服务事项受理…，办结…).
BARE_VERB = re.compile(r"(?:累计)?(受理|办结|办理|颁发|流转)")
SUBJECT_AND_VERB = re.compile(r"(.+?)(?:受理|办结|办理|颁发|流转)")
# Scopes, by the words before a figure (see _scope).
WINDOW_SCOPE = re.compile(r"综合窗口[^，。]{0,12}$")
DEPARTMENT_WINDOWS_SCOPE = re.compile(r"进驻部门（单位）窗口[^。]*$")
HALL_SCOPE = re.compile(r"(?:政务大厅|政务服务大厅|群众提供)[^。]*$")
RUNNING_TOTAL = re.compile(r"累计|已完成|已累计")
QUOTE_MARKS = re.compile(r"[“”\"]")
# What the windows can do is no volume of work done: 综合窗口可受理事项已达1238项.
CAPACITY = re.compile(r"可(?:受理|办理|网办|办)")
# Units that count kinds or feedback, never a headline volume: 其它9类行权事项 (the volume is the figure after it),
# 收到评价3.96万条; nor is a rate.
NOT_VOLUME_UNITS = ("%", "条", "类")


# A table the PDF extraction flattened into lines of cells (序号 部门 受理量 办结量 / 1 省医保局 18,206 18,011 / …):
# the clean text glues its cells together, so they are told apart where the source had whitespace between them. A
# row is its serial number, a name (maybe broken over two lines) and one value per remaining column; the columns whose
# heading names a service (受理量, 办件量（万件）) hold service volumes of the body so named, and rates (同比, 占比) are
# left out.
TABLE_HEAD = "序号"
TABLE_END = re.compile(r"注[：:]|[。；]")
VALUE_CELL = re.compile(r"[-－]?\d[\d,]*(?:\.\d+)?[%％]?")
TEN_THOUSANDS = re.compile(r"[（(]万(?:件|人次)?[）)]")  # a heading's unit: 办件量（万件）
HEADING_UNIT = re.compile(r"[（(][^（）()]*[）)]$")


def table_statistics(item_text, gaps, period):
    """The service volumes in the rows of a flattened table, and the span of the table (to keep its glued digits from
    being read as figures of the prose), or ([], None)."""
    head = item_text.find(TABLE_HEAD)
    if head < 0:
        return [], None
    end = TABLE_END.search(item_text, head)
    stop = end.start() if end else len(item_text)
    cuts = [head] + [g for g in gaps if head < g < stop] + [stop]
    cells = list(zip(cuts, cuts[1:]))
    texts = [item_text[a:b] for a, b in cells]
    columns = texts.index("1") if "1" in texts else 0
    if columns < 3:
        return [], None
    headings, out = texts[:columns], []
    i, serial = columns, 1
    while i < len(texts) and texts[i] == str(serial):
        name_end = i + 1
        while name_end < len(texts) and not VALUE_CELL.fullmatch(texts[name_end]):
            name_end += 1
        values = cells[name_end:name_end + columns - 2]
        if name_end == i + 1 or len(values) < columns - 2:
            break
        name, surface = "".join(texts[i + 1:name_end]), item_text[cells[i + 1][0]:values[-1][1]]
        for heading, (start, end) in zip(headings[2:], values):
            cell = item_text[start:end]
            if not SERVICE_VERBS.search(heading) or not cell[-1].isdigit() or not cell[0].isdigit():
                continue  # a rate, or a change (-3.7)
            value = round(float(cell.replace(",", "")) * (10_000 if TEN_THOUSANDS.search(heading) else 1), 4)
            out.append({"scope": name, "metric": HEADING_UNIT.sub("", heading),
                        "value": int(value) if value == int(value) else value, "unit": "件", "period": period,
                        "cumulative": False, "surface": surface, "category": "service_volume",
                        "approximate": False, "evidence": {"start": start, "end": end}})
        i, serial = name_end + columns - 2, serial + 1
    return out, (head, stop)


def _value(m):
    value = float(m["value"].replace(",", ""))
    multiplier = m["multiplier"] or m["unit"][:1]  # 5.42万件: the 万 of the unit
    value *= MULTIPLIERS.get(multiplier, 1)
    value = round(value, 4)
    return int(value) if value == int(value) else value


def _unit(m):
    unit = m["unit"].lstrip("万")
    return UNIT_NORMAL.get(unit, unit)


def _metric(text, start, previous):
    """The words before a figure back to the last delimiter, without lead words; a bare verb borrows its
    subject from the previous metric (公共服务事项受理…，办结… -> 公共服务事项办结)."""
    left = max(map(text[:start].rfind, "，,、；;。：:（("))
    phrase = text[left + 1:start]
    phrase = UP_TO_TIME_WORD.sub("", phrase)
    phrase = LEAD_WORDS.sub("", phrase)
    phrase = SCOPE_LEAD.sub("", phrase)
    phrase = COPULA_END.sub("", phrase)
    phrase = phrase.replace("其它9类", "其它九类").replace("其他9类", "其它九类").replace("其他九类", "其它九类")
    verb = BARE_VERB.fullmatch(phrase)
    borrowed = SUBJECT_AND_VERB.fullmatch(previous or "") if verb else None
    if verb and borrowed:
        phrase = borrowed.group(1) + verb.group(1)
    return phrase.strip("的（）()") or None


def _scope(text, start, subsection, section):
    before = text[:start]
    context = f"{section or ''}{subsection or ''}"
    if "综窗" in context or WINDOW_SCOPE.search(before):
        return "综窗"
    if DEPARTMENT_WINDOWS_SCOPE.search(before):
        return "进驻部门（单位）窗口"
    if HALL_SCOPE.search(before[-40:]):
        return "省政务服务大厅"
    if "省本级" in before:
        return "省本级"
    if "全省" in before[-30:]:
        return "全省"
    return None


def holds_figures(text):
    """Whether `text` holds a figure with its unit: most items hold none, and are spared the statistics scan."""
    return FIGURE.search(text) is not None


def find_statistics(item_text, item_date, period, monthly, is_statistics_item, section=None, subsection=None,
                    gaps=()):
    """The figures of one item as dicts in the gold shape (plus `category`, `approximate`, `evidence`); `gaps` are
    the clean positions where the source had whitespace (see table_statistics)."""
    times = find_dates(item_text, period, monthly)
    out, table = table_statistics(item_text, gaps, _figure_period(item_date, period)) if gaps else ([], None)
    previous_metric = None
    for m in FIGURE.finditer(item_text):
        start, end = m.start(), m.end()
        if table and table[0] <= start < table[1]:
            continue
        before = item_text[:start]
        # INSIDE_EXPRESSION_BEFORE is one character at the end (clean text has no line break for $ to stop at):
        # only the last character of `before` is tried.
        if INSIDE_EXPRESSION_BEFORE.search(before, start - 1) or SKIP_AFTER.match(item_text, end) \
                or STRUCTURE_AFTER.match(item_text, end - len(m["unit"]) if m["unit"] == "个" else end):
            continue
        if (m["unit"] == "条" and not FEEDBACK.search(item_text, max(0, start - 12), start)) \
                or before.endswith(PARTICIPANTS_BEFORE) or NEED_AFTER.match(item_text, end) \
                or PARTICIPANTS_AFTER.match(item_text, end) or FROM_BEFORE.search(before) \
                or TARGET_OR_POPULATION_BEFORE.search(before):
            continue
        if DATE_WORD.match(item_text, end - len(m["unit"])) or _inside_date(times, start):
            continue
        metric = _metric(item_text, start, previous_metric)
        if metric is None:
            # The figure comes before its noun: 对14名综合窗口工作人员, 10类依申请类政务服务事项.
            tail = NOUN_AFTER.match(item_text, end)
            metric = tail.group(0) if tail else m["unit"]
        previous_metric = metric
        time = _time_before(times, start) or item_date
        cumulative, fig_period = _cumulative_and_period(time, period, before)
        # A rate (按时办结率99.2%) measures the service; it is not a volume of it. Nor is the volume of one quoted
        # program (“退休一件事”办件量): the headline volumes are the hall's and the windows' own; nor are the
        # evaluations the service received (收到评价3.96万条), nor what the windows can do.
        unit = _unit(m)
        service = is_statistics_item and bool(SERVICE_VERBS.search(metric or "")) and unit not in NOT_VOLUME_UNITS \
            and not QUOTE_MARKS.search(metric) and not CAPACITY.search(metric)
        out.append({
            "scope": _scope(item_text, start, subsection, section),
            "metric": metric, "value": _value(m), "unit": unit, "period": fig_period,
            "cumulative": bool(cumulative), "surface": item_text[max(0, start - len(metric or "")):end],
            "category": "service_volume" if service else "progress",
            "approximate": bool(m["approx"]) or before.endswith("约"),
            "evidence": {"start": start, "end": end},
        })
    return out


def _cumulative_and_period(time, period, before):
    """Is the figure a running total, and over which period?

    Year-to-date figures (今年以来, 1月1日至…) are cumulative. A 累计 or 已完成 total is cumulative when its start
    is unknown: no time, 目前, 截止…, or a single day (累计发布…个 on the day a platform opened); inside a dated
    range (a trip on 3月3日—10日) it is the total of that range and not cumulative.
    """
    fig_period = _figure_period(time, period)
    if fig_period and (fig_period.get("start") or "").endswith("-01-01"):
        return True, fig_period
    sentence = before[max(map(before.rfind, SENTENCE_BREAK)) + 1:]  # after the last sentence break
    if not RUNNING_TOTAL.search(sentence):
        return False, fig_period
    if time is None or time.get("precision") in ("none", "day"):
        return True, {"start": None, "end": fig_period.get("end") if fig_period else None}
    return False, fig_period


def _inside_date(times, pos):
    return any(s <= pos < e for s, e, _ in times)


def _time_before(times, pos):
    """The last time expression before `pos` in the same item, if any."""
    best = None
    for s, e, resolved in times:
        if e <= pos:
            best = resolved
    return best


def _figure_period(time, period):
    if time is None:
        return period.as_dict() if period else None
    if time.get("precision") == "none":
        return {"start": None, "end": period.end.isoformat() if period else None}
    return {"start": time.get("start"), "end": time.get("end")}

"""Programs, rejected quotes and documents.

- Every 《》 title is a document (deduplicated within the item).
- A quoted string is a program when the vocabulary knows it, when it ends in a campaign head noun
  (…行动, …一件事, …通办, …大讲堂, …联办), when it labels the item (（二）“高效办成一件事”。…), or when the
  words right after the closing quote say it is one (“争优”行动, “夏送清凉”慰问活动, “双百”培养项目,
  “带押过户”服务, “一窗综办”改革, “周学周练”岗位练兵, “办不成事”反映窗口). Quotes listed together
  (“免申即享”和“一业一证”改革) share the words after the last of them. Compound slogans (“一次登录、一网通查”;
  a list of words is a campaign or reform only with 活动, 行动, 机制 or 改革 after it: “大学习、大讨论、大调研”活动), themes (以“…”为主题),
  idioms the vocabulary lists (“一对一”, “及时雨”) and quoted body names are rejected quotes, as is every other
  quote.
- Unquoted names count when the vocabulary knows them (全程网办, 增值化改革, 消防宣传月), and so does a campaign
  that labels its item (民族地区政务服务能力提升行动。…) or that a sentence carries out (开展…专项行动).
"""
import re

QUOTE = re.compile(r"[“\"「『]([^“”\"「」『』]{1,60})[”\"」』]")
DOCUMENT = re.compile(r"《([^《》]{1,120})》")
# Words after a closing quote that make the quoted name a program or campaign, maybe after a count (“政策计算器”
# “融资服务直通车”2个特色服务场景).
AFTER_QUOTE = re.compile(r"(?:\d+[个项])?(?:[\u4e00-\u9fff]{0,6}?)(?:专项行动|行动|活动|工程|培养项目|项目|计划|改革|服务月|宣传月|"
                         r"工作法|品牌|专区|专窗|试点|示范|大讲堂|竞赛|窗口|练兵|场景|模式|机制|制度)"
                         r"|(?:服务|改革|事项|专窗|服务专区|服务点|建设(?!标准)|模式|业务|移动端|评价|政策事项|体验区|应用|工作(?!要求|纪律))")
PLUS = re.compile(r"[+＋]")  # joins two names into one program: “清单制+告知承诺制”
# Between quotes of one list: “免申即享”和“一业一证”改革.
LIST_JOINER = re.compile(r"[、和及与]?")
ORG_WORDS = re.compile(r"(?:医院|大学|学院|公司|协会|学会|委员会|(?<!大)厅|局)$")  # …进大厅 names the hall
# A quote with a clause break inside is a slogan, not a name, unless a campaign word follows it (“大学习、大讨论、
# 大调研”活动); a short quoted word ending in 办 names a program.
CLAUSE_BREAK = re.compile(r"[，。；！？,、]")
SENTENCE_BREAK = re.compile(r"[，。；！？,]|[\u4e00-\u9fff][—-][\u4e00-\u9fff]")  # …or a chain of steps: “回访—整改—反馈”
CAMPAIGN_NEXT = re.compile(r"活动|行动|机制|[\u4e00-\u9fff]{0,4}?改革")  # “五证合一、一照一码”登记制度改革
THEME_AFTER = re.compile(r"为(?:主题|题)")  # 以“守护舌尖安全”为主题的宣传活动: a theme, whatever follows
# A short quoted name ending in 办 names a program (“AI导办”); “掌上可办” says how, it names nothing.
ENDS_IN_BAN = re.compile(r"[A-Za-z\u4e00-\u9fff]{2,5}(?<!可)办")
CAMPAIGN_AFTER = re.compile(r"专项行动|行动")
NATIONWIDE = ("全国", "全民")  # written before a known name, part of it: 全国知识产权宣传周
# An unquoted campaign that labels its item, as a heading does: 民族地区政务服务能力提升行动。会同…
LABEL_CAMPAIGN = re.compile(r"[\u4e00-\u9fff]{2,20}行动(?=。)")
# ...or one carried out in a sentence (深入开展促进跨境贸易便利化专项行动, 实施国有企业改革深化提升行动): its name runs
# from the verb to the campaign's head noun; not a plan (…行动方案) nor words about acting (转化为行动, 具体行动).
RUNNING_CAMPAIGN = re.compile(r"(?:开展|实施|推进|启动|部署|落实|深化|参与|参加)(?:开展|召开|实施|推进|落实)?"
                              r"(?P<name>[\u4e00-\u9fff]{4,22}?(?:专项行动|提升行动|攻坚行动|三年行动|百日行动|行动))"
                              r"(?![\u4e00-\u9fff]{0,2}(?:方案|计划))")
NOT_IN_CAMPAIGN = re.compile(r"[为的和与及等]|具体")
# What may come before a quote that labels its item, as a heading does (（二）“高效办成一件事”。…, 12345热线“一号答”。…):
# nothing, or a few words with no punctuation, not ending in a verb of speech (会议强调“…”。 quotes a sentence).
LABEL_OPENING = re.compile(r"(?:[\u4e00-\u9fff0-9A-Za-z]{0,8}(?<![说称道讲调出求示到]))?")


def _quotes(text):
    return [(m.start(1), m.end(1), m.group(1)) for m in QUOTE.finditer(text)]


def documents(text):
    out = []
    for m in DOCUMENT.finditer(text):
        if m.group(1) not in out:
            out.append(m.group(1))
    return out


class ProgramFinder:
    def __init__(self, gazetteer):
        self.gaz = gazetteer
        self.heads = tuple(gazetteer.program_heads)

    def is_program(self, quoted, after, labels_item=False):
        if quoted in self.gaz.not_programs:
            return False
        parts = PLUS.split(quoted)
        if quoted in self.gaz.programs or len(parts) > 1 and any(part in self.gaz.programs for part in parts):
            return True  # (or a name joined to a known one)
        if ORG_WORDS.search(quoted) or SENTENCE_BREAK.search(quoted):
            return False
        if CLAUSE_BREAK.search(quoted):  # a list of words: a campaign or reform only when one follows
            return bool(CAMPAIGN_NEXT.match(after))
        if quoted[1:].endswith(self.heads):  # a head noun with a word before it
            return True
        if ENDS_IN_BAN.fullmatch(quoted) or labels_item:
            return True
        return bool(AFTER_QUOTE.match(after)) and not THEME_AFTER.match(after)

    def find(self, text, unquoted=True):
        """(programs, rejected_quotes) of an item, each in order of first appearance, deduplicated.

        `unquoted=False` skips names written without quotation marks (in a statistics item 全程网办 names a
        channel whose volume is counted, not work on the program), except a name that labels the item as a heading
        does (综窗改革。省中心…): that is the item's topic."""
        programs, rejected = [], []
        quotes = _quotes(text)
        quoted_spans = [(start - 1, end + 1) for start, end, _ in quotes]
        for i, (start, end, quoted) in enumerate(quotes):
            last = i
            while last + 1 < len(quotes) and LIST_JOINER.fullmatch(text[quotes[last][1] + 1:quotes[last + 1][0] - 1]):
                last += 1
            after = text[quotes[last][1] + 1:quotes[last][1] + 12]
            labels_item = text[end + 1:end + 2] == "。" and bool(LABEL_OPENING.fullmatch(text, 0, start - 1))
            target = programs if self.is_program(quoted, after, labels_item) else rejected
            if quoted not in target:
                target.append(quoted)
        titles = [(m.start(), m.end()) for m in DOCUMENT.finditer(text)]
        for m in self.gaz.program_pattern.finditer(text):
            labels_item = m.start() == 0 and text.startswith("。", m.end())
            if (not unquoted or m.group(0) in self.gaz.label_programs) and not labels_item:
                continue
            inside = any(s <= m.start() and m.end() <= e for s, e in quoted_spans + titles)
            name = m.group(0)
            campaign = CAMPAIGN_AFTER.match(text, m.end())  # 惠企政策直达快享专项行动
            if campaign:
                name += campaign.group(0)
            if text.startswith(NATIONWIDE, max(0, m.start() - 2), m.start()):  # 全国 + 知识产权宣传周
                name = text[m.start() - 2:m.start()] + name
            if not inside and name not in programs:
                programs.append(name)
        label = LABEL_CAMPAIGN.match(text)
        if label and label.group(0) not in programs:
            programs.append(label.group(0))
        for m in RUNNING_CAMPAIGN.finditer(text) if unquoted and "行动" in text else ():
            name = m.group("name")
            inside = any(s <= m.start("name") and m.end("name") <= e for s, e in quoted_spans + titles)
            if not inside and not NOT_IN_CAMPAIGN.search(name) and name not in programs:
                programs.append(name)
        return self._in_text_order(text, programs), rejected

    @staticmethod
    def _in_text_order(text, names):
        return sorted(names, key=lambda n: text.find(n))

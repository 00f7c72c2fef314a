"""Officials and other named people: name, titles (split on 、), organization and role.

The pattern the bulletins use is [body][title](、[body][title])*[name]: 商务厅副厅长梁勇,
公安厅党委委员、副厅长张洪, 省委副书记、省长施小琳, 中国行政管理学会常务理事、省政协常务委员郭春英.
A name is two or three characters led by a known surname and followed by a boundary (punctuation or a verb
such as 率, 到, 出席, 主持, 一行, 陪同). Also 习近平总书记 (name before title) and case names (“王维疆案”).

Rules of the gold annotation that shape the output:
- the organization is the body of the first title, unless a later title names its own government
  (省长 -> 四川省人民政府), which is then the principal post;
- a title held in a second body keeps that body's prefix (省政协常务委员), the first body's is stripped.
"""
import re
from dataclasses import dataclass, field

CJK = r"\u4e00-\u9fff"
# What may follow a name: punctuation, or the first word of what the person did.
NAME_END = re.compile(
    r"[，,、。；;：:（(“”\"）)]|$|一行|同志|等|率|带|到|赴|来|在|出席|主持|进行|陪同|指出|强调|要求|表示|"
    r"专题|讲话|参加|深入|一同|莅临|前往|走进|调研|作|对|就|为|听取|看望|慰问|检查|督导|视察|考察|"
    r"指导|介绍|汇报|提出|带队|和|与|及|同|也|还|一起|分别|先后|详细|认真|充分|亲自|主讲|授课|致辞|宣讲|"
    r"召开|会见|接见|是|被|因|案|的")
HIGH_TITLE_AFTER_NAME = ("总书记",)
# A title that names its own government body: the principal post when it appears in a chain.
GOVERNMENT_HEAD_TITLES = {"省长": "四川省人民政府", "副省长": "四川省人民政府", "常务副省长": "四川省人民政府"}
NOT_NAMES = {"同志", "主任", "书记", "厅长", "局长", "处长", "干部", "代表", "成员", "领导", "人员", "委员",
             "专家", "群众", "企业", "窗口", "相关", "有关", "工作", "调研", "一行", "全体", "各位", "部门"}


@dataclass
class Person:
    name: str
    start: int
    end: int
    titles: list = field(default_factory=list)
    organization: str = None
    org_mentions: list = field(default_factory=list)  # OrgMention of each title link, for actors
    role: str = "other"

    def to_dict(self):
        return {"name": self.name, "titles": self.titles, "organization": self.organization, "role": self.role,
                "evidence": {"start": self.start, "end": self.end}}


class PersonFinder:
    def __init__(self, gazetteer):
        self.gaz = gazetteer
        surnames = gazetteer.surnames
        self.single = set(surnames["single"])
        self.compound = set(surnames["compound"])
        self.titles = gazetteer.title_pattern

    def _name_at(self, text, pos):
        """The personal name starting at `pos`, or None."""
        if pos >= len(text):
            return None
        lengths = (3, 4, 2) if text[pos:pos + 2] in self.compound else (3, 2) if text[pos] in self.single else ()
        for n in lengths:
            name = text[pos:pos + n]
            if len(name) < n or not re.fullmatch(rf"[{CJK}]+", name) or name in NOT_NAMES:
                continue
            if NAME_END.match(text, pos + n) and not self.titles.match(text, pos + 1):
                if n == 3 and NAME_END.match(text, pos + 2) and text[pos + 2] in "率到在和与及同对为作就带等来赴":
                    continue  # 梁勇率: a two-character name followed by a verb, not 梁勇率 as a name
                return name
        return None

    def find(self, text, org_mentions):
        """Persons of `text` given its organization mentions; left to right, one per name."""
        found = {}
        orgs_by_end = {m.end: m for m in org_mentions}
        for t in self.titles.finditer(text):
            name = self._name_at(text, t.end())
            if not name or name in found:
                continue
            links = self._chain(text, t, orgs_by_end)
            person = Person(name, t.end(), t.end() + len(name))
            self._fill_titles(person, links)
            found[name] = person
        for m in re.finditer(rf"([{CJK}]{{2,3}}?)(?:{'|'.join(HIGH_TITLE_AFTER_NAME)})", text):
            name = m.group(1)
            if name not in found and (name[0] in self.single or name[:2] in self.compound):
                found[name] = Person(name, m.start(1), m.end(1), [text[m.end(1):m.end()]], None, role="subject")
        for m in re.finditer(rf"[“\"]([{CJK}]{{2,3}})案[”\"]", text):
            name = m.group(1)
            if name not in found and (name[0] in self.single or name[:2] in self.compound):
                found[name] = Person(name, m.start(1), m.end(1), [], None, role="subject")
        return sorted(found.values(), key=lambda p: p.start)

    def _chain(self, text, last_title, orgs_by_end):
        """Walk left from the title before a name: [(org mention or None, title), ...] in written order."""
        links = []
        t_start, t_end = last_title.start(), last_title.end()
        title = text[t_start:t_end]
        while True:
            org = orgs_by_end.get(t_start)
            links.append((org, title))
            pos = org.start if org else t_start
            if pos == 0 or text[pos - 1] != "、":
                break
            prev = None
            for m in self.titles.finditer(text, max(0, pos - 16), pos - 1):
                if m.end() == pos - 1:
                    prev = m
            if prev is None:
                break
            t_start, t_end, title = prev.start(), prev.end(), prev.group(0)
        links.reverse()
        return links

    def _fill_titles(self, person, links):
        principal = 0
        for i, (org, title) in enumerate(links):
            if org is None and title in GOVERNMENT_HEAD_TITLES:
                principal = i
        head_org = links[principal][0]
        if head_org is not None:
            person.organization = head_org.name
        elif links[principal][1] in GOVERNMENT_HEAD_TITLES:
            person.organization = GOVERNMENT_HEAD_TITLES[links[principal][1]]
        elif links[0][0] is not None:
            person.organization = links[0][0].name
        for i, (org, title) in enumerate(links):
            keep_prefix = org is not None and i != principal and org.name != person.organization
            person.titles.append(org.surface + title if keep_prefix else title)
            if org is not None:
                person.org_mentions.append(org)

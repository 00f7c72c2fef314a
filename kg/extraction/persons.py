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

from kg.extraction.organizations import LOCAL_HEAD  # a city's, prefecture's or county's head (市长, 常务副县长)
from kg.gazetteer import alternation

CJK = r"\u4e00-\u9fff"
# What may follow a name. Strong ends (punctuation, two-character verbs) settle the name's length at once;
# weak ends (one-character verbs such as 率, 到) only when the longer reading does not fit.
STRONG_END = re.compile(
    r"[，,、。；;：:（(“”\"）)]|$|一行|同志|陪同|出席|主持|进行|指出|强调|要求|表示|专题|讲话|参加|深入|一同|共同|莅临|"
    r"前往|走进|来到|调研|听取|看望|慰问|检查|督导|视察|考察|指导|介绍|汇报|提出|带队|一起|分别|先后|详细|认真|充分|"
    r"亲自|主讲|授课|致辞|宣讲|召开|会见|接见|带领|率领|率队|等|通报|传达|宣读|部署|讲解|解读|演示|讲授|围绕|针对|"
    r"牵头|逐[条一项个]|当即|随即|现场|结合|担任|接任|继续|留任|调整|不再|专门|关于|约谈|察看|查看|督办|点评|代表|"
    r"说(?=[：:，,“])|"
    r"作(?=[“\"]|专题|报告|主题|辅导|讲座|讲话|发言|交流发言)|以(?=[“\"])")  # 司马强作“…”专题授课, 牟俊以“…”为题
# A body named by its last character alone, back to the one named before (厅党组成员 after …厅厅长杨文华，).
BACK_REFERENCE = set("厅局委办")
CLAUSE_OPENING = ("，", ",", "。", "；", "")  # where a clause starts: after its punctuation, or at the text's start
# A body named by a pronoun and its last character (率该处科长龚丽): the body ending so that was named last before it.
PRONOUN_BODY = re.compile(r"该([厅局委办处院])$")
# The word by which a person leads the next one named (局长蒋文华率副局长谭晓梅), at the end of the text searched.
LED_BY = re.compile(r"(?:率|带领|率领)$")
WEAK_END = re.compile(r"[率带到赴来在作对就为和与及同也还是被因案的等以向任]")
ARRIVAL_END = re.compile(r"[到赴]")
# A preposition between a title and the name it goes to (首席代表由杨帆调整为…, 首席代表为李明).
TITLE_PREPOSITION = set("由为")
# A post handed over: 首席代表由周德明调整为黄俊杰 gives 黄俊杰 the post and the body of 周德明.
SUCCESSION = re.compile(r"(?:同志)?(?:调整为|变更为|更换为)")
# What makes 省, 市 or 县 a whole area (全省, 本市, 各县), not the start of a head's title (省长, 市长).
WHOLE_AREA_BEFORE = set("全本我该各")
# Characters that make a verb with a 理 after them (办理, 处理, 管理, 受理…): 理事 there is no title.
VERB_BEFORE_LI = set("办处管代整清受审治协料梳护")
# A body that kg does not know, in a chain of titles: its length and how its name ends (see _unnamed_body).
UNNAMED_BODY_LENGTH = (3, 12)
UNNAMED_BODY_ENDINGS = ("委员会", "办公室", "办", "局", "中心")
# A rank note after a title: 副厅长（正厅级）.
RANK_NOTE = re.compile(r"[（(](?:正|副)?(?:厅|局|处|部|省|司|县|科)(?:长)?级[）)]")
# Characters and words that do not occur in a name without a Han surname (not 出席会议 read as a name).
NON_NAME_CHARS = frozenset("的了在和与及到赴对为由将是等各该本我其全省市县区厅局处委一二三四五六七八九十")
# …but a Tibetan name may open with one: 四郎 (Sonam) as the Sichuan bulletins write it (四郎多吉).
NUMERAL_NAME_OPENINGS = ("四郎",)
# …and a four-character Yi name may end with 各 (阿牛木各, 阿西伍各).
YI_NAME_ENDING = "各"
NON_NAME_WORDS = re.compile(r"会议|出席|主持|召开|调研|工作|进行|组织|开展|指导|陪同|一行|管理|规范|安全|服务|业务|培训|"
                            r"考核|素质|能力|作风|建设|交流|座谈|到岗|上岗|值守|值班|物业|安保|支部|党委|党组|党总支")
PUNCTUATION_END = re.compile(r"[，,、。；;：:）)]")
# A foreign name written with a middle dot (卡琳·贝克尔, 颂巴·乍仑蓬), up to the first end that may follow a name.
FOREIGN_NAME = re.compile(rf"[{CJK}]{{1,6}}(?:[·•・][{CJK}]{{1,8}}?){{1,2}}?"
                          rf"(?=(?:{STRONG_END.pattern})|{WEAK_END.pattern})")
# Characters that never sit inside a personal name but often follow one (a name is not 何静陪).
NOT_IN_NAMES = ("陪同", "一行", "同志", "主任", "局长", "厅长", "书记", "党员", "信箱", "邮箱", "热线",  # (省长信箱办理)
                "官员", "管理", "责任", "季度", "工作", "时间", "应当", "协调", "企业",  # (首席代表管理责任, 主任季度工作例会)
                "中心", "任职")  # (企业负责人和省中心…, 负责人任职备案)
# What ends a window's staff member's name in a list of the commended: the list goes on, or the award follows.
STAFF_LIST_END = re.compile(r"[、，,]|等|获|荣获|当选|被评")
# ...and, for the last one of the list, its full stop (、省住房城乡建设厅窗口邓杰。).
LAST_IN_LIST_END = re.compile(rf"{STAFF_LIST_END.pattern}|[。；]")
# Surnames too, but before a common word they join (窗口工作人员和正在办事的…, 委员和市民).
CONJUNCTIONS = ("和", "与", "及")
# The window a staff member is named by, after its body: 省税务局窗口, the centre's 省中心综合受理窗口.
WINDOW_AFTER = re.compile(r"(?:综合受理|综合)?窗口")
WINDOW_STAFF = re.compile(r"(?<!各)窗口工作人员")  # (not 各窗口工作人员向张蓉同志学习: all of them)
# What follows such a staff member's name: the list goes on, or what the person did (…何雪主动…, …令狐斌放弃…); not
# the rest of a word (窗口工作人员管理办法).
STAFF_NAME_END = re.compile(r"[、，,等]|主动|放弃|耐心|热情|始终|坚持|坚守|积极|用心|利用|在|为|以|被|荣获|获|未|离岗|对|"
                            r"及时|认真|细心|同志|迟到|早退|连续|多次|\d{1,2}月")  # …赵婷6月20日未按规定着工装
# Staff listed with their window in brackets: 王丽娟（省医保局窗口）、陈思远（综合窗口）.
LIST_OPENING = "、，,：:；。）)"
HIGH_TITLE_AFTER_NAME = ("总书记",)
NAME_BEFORE_HIGH_TITLE = re.compile(rf"([{CJK}]{{2,3}}?)(?:{'|'.join(HIGH_TITLE_AFTER_NAME)})")
# The province's governor named first (贺建平省长在讲话中强调, 沈亚川副省长主持会议), before what such a leader does
# (not 提高全省长期…: 长期 is no 省长).
NAME_BEFORE_GOVERNOR = re.compile(rf"([{CJK}]{{2,3}}?)(常务副省长|副省长|省长)"
                                  rf"(?=在|出席|强调|指出|要求|讲话|主持|对|表示|一行|到|来)")
CASE_NAME = re.compile(rf"[“\"]([{CJK}]{{2,3}})案[”\"]")  # “王维疆案”
BRACKET = re.compile(r"[（(][^（）()]{2,40}[）)]")  # a post in brackets after a name: 张敏（省医保局副局长）
ALL_CJK = re.compile(rf"[{CJK}]+")
# A title that names its own government body: the principal post when it appears in a chain.
GOVERNMENT_HEAD_TITLES = {"省长": "四川省人民政府", "副省长": "四川省人民政府", "常务副省长": "四川省人民政府",
                          "省长助理": "四川省人民政府"}
PROVINCIAL_COMMITTEE = "中共四川省委员会"  # 省委: a standing member's (常委) body, and the prefix of its departments
# Titles that are titles only right after their body (省人大代表黎晓燕: 省人大 + 代表; 企业代表 is none): the
# title and a word of that body's name.
BODY_BOUND_TITLES = {"代表": "人民代表大会"}
NOT_NAMES = {"同志", "关心", "主任", "书记", "厅长", "局长", "处长", "干部", "代表", "成员", "领导", "人员", "委员",
             "专家", "群众", "企业", "窗口", "相关", "有关", "工作", "调研", "一行", "全体", "各位", "部门", "关于",
             "分别", "先后", "一同", "共同", "信箱", "邮箱", "热线", "表示", "强调", "授课", "讲课", "官员",  # (“省长信箱”)
             "关注"}  # (代表委员关注的…)


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
        return {"name": self.name, "titles": self.titles, "organization": self.organization, "role": self.role}


class PersonFinder:
    def __init__(self, gazetteer):
        self.gaz = gazetteer
        surnames = gazetteer.surnames
        self.single = set(surnames["single"])
        self.compound = set(surnames["compound"])
        self.titles = _titles_without_body_prefix(gazetteer)

    def _name_at(self, text, pos, anchored=False):
        """The personal name starting at `pos`, or None.

        Readings are tried from the most to the least certain: two characters before a strong end (何静陪同),
        three before any end (李在伟到), two before a weak end (梁勇率), four before punctuation (吉木拉哈、).
        Names without a Han surname (扎西, 泽仁拉姆, 吉克曲布) are read only when `anchored`, that is when a body
        and a title stand right before them, and only before a strong end. A foreign name with a middle dot
        (卡琳·贝克尔) is read before any end.
        """
        if pos >= len(text) or self.titles.match(text, pos) or STRONG_END.match(text, pos):
            return None  # (…省政协委员参加视察: a word that ends names does not open one)
        foreign = FOREIGN_NAME.match(text, pos)
        if foreign:
            return foreign.group(0)
        if text[pos:pos + 2] in self.compound:
            readings = ((3, STRONG_END), (4, STRONG_END), (3, WEAK_END), (4, WEAK_END))
        elif text[pos] in self.single:
            readings = ((2, STRONG_END), (3, STRONG_END), (3, WEAK_END), (2, WEAK_END), (4, PUNCTUATION_END))
            if anchored:
                readings += ((4, STRONG_END), (4, WEAK_END))  # 吉克曲布到: a Yi name that starts like a surname
        elif anchored and (text[pos] not in NON_NAME_CHARS or text.startswith(NUMERAL_NAME_OPENINGS, pos)):
            readings = ((2, STRONG_END), (3, STRONG_END), (4, STRONG_END), (2, WEAK_END), (3, WEAK_END),
                        (4, WEAK_END))
        else:
            return None
        for n, end in readings:
            name = text[pos:pos + n]
            if len(name) == n and ALL_CJK.fullmatch(name) and name not in NOT_NAMES \
                    and end.match(text, pos + n) and not any(w in name for w in NOT_IN_NAMES) \
                    and not (text[pos] not in self.single
                             and (NON_NAME_CHARS.intersection(_name_characters(name))
                                  or NON_NAME_WORDS.search(name))) \
                    and not (name.startswith(CONJUNCTIONS) and NON_NAME_CHARS.intersection(name[1:])):
                return name  # (委员和市民: 和 joins, 市民 is no given name)
        return None

    def _titles(self, text):
        """Title matches, each with a rank note that follows it (副厅长（正厅级）): (start, end, title)."""
        for t in self.titles.finditer(text):
            if t.group(0).startswith("理") and text[t.start() - 1:t.start()] in VERB_BEFORE_LI:
                continue  # 办理事项 holds no 理事
            if t.group(0).endswith("委员") and text.startswith("会", t.end()):
                continue  # …教育委员会办理 holds no 委员
            if t.group(0).endswith("长") and self.gaz.local_place_at(text, t.end() - 1):
                continue  # 宜宾市长宁县 holds no 市长
            if t.group(0)[0] in "省市州县区" and text[t.start() - 1:t.start()] in WHOLE_AREA_BEFORE:
                continue  # 全省长江经济带 holds no 省长
            rank = RANK_NOTE.match(text, t.end())
            end = rank.end() if rank else t.end()
            yield t.start(), end, text[t.start():end]

    def _titles_after_bodies(self, text, org_mentions):
        """The titles, each cut to start where the name of a government, a discipline group or a local party
        committee that it overlaps ends:
        重庆市政府副秘书长 is the body 重庆市政府 and the title 副秘书长, not 重庆 and 市政府副秘书长; 驻省政府办公厅纪检监察组组长 is
        the group and 组长; 理塘县委副书记 is the county's party committee and 副书记 (the county head's post after
        it goes to the county's government: see _fill_titles)."""
        for t_start, t_end, title in self._titles(text):
            body = next((o for o in org_mentions if o.start < t_start < o.end < t_end), None)
            if body is not None and (body.name.endswith(("人民政府", "纪检监察组")) or _local_committee(body)) \
                    and self.titles.fullmatch(text, body.end, t_end):
                t_start, title = body.end, text[body.end:t_end]
            yield t_start, t_end, title

    def find(self, text, org_mentions):
        """Persons of `text` given its organization mentions; left to right, one per name."""
        found = {}
        orgs_by_end = {m.end: m for m in org_mentions}
        for m in org_mentions:  # a window's staff: 省市场监管局窗口主任科员次仁旺姆
            if text.startswith("窗口", m.end):
                orgs_by_end.setdefault(m.end + len("窗口"), m)
        titles = [t for t in self._titles_after_bodies(text, org_mentions)
                  if _title_in_place(t[2], orgs_by_end.get(t[0]))
                  and not any(o.start <= t[0] and t[1] <= o.end for o in org_mentions)]  # (…总领事馆)
        titles_by_end = {t_end: (t_start, title) for t_start, t_end, title in titles}
        for t_start, t_end, title in titles:
            links = self._chain(text, t_start, title, titles_by_end, orgs_by_end)
            # A body before the titles anchors the name, and so does a list of officials they continue
            # (处长何平、二级调研员阿西木呷).
            # So does a title that names its own body (副省长沙马阿呷).
            titles_start = _titles_start(t_end, links)
            anchored = (links[0][0] is not None
                        or _previous_in_list(text, titles_start, found) is not None
                        or any(t in GOVERNMENT_HEAD_TITLES for _, t in links)
                        or _back_reference(text, titles_start))
            name_start = t_end
            if text[t_end:t_end + 1] in TITLE_PREPOSITION and t_end + 1 < len(text) \
                    and self._has_surname(text[t_end + 1:t_end + 3]):
                name_start += 1
            name = self._name_at(text, name_start, anchored=anchored)
            if not name or name in found:
                continue
            person = Person(name, name_start, name_start + len(name))
            self._fill_titles(person, links)
            if person.organization is None:
                self._local_head(text, person, links, titles_start)
            if person.organization is None:
                self._inherit_organization(text, person, links, titles_start, found, org_mentions)
            if person.organization is None:
                _take_later_body(person, links)
            found[name] = person
        for person in list(found.values()):  # the one a post is handed to: …由周德明调整为黄俊杰
            successor = SUCCESSION.match(text, person.end) if person.titles else None
            name = successor and self._name_at(text, successor.end())
            if name and name not in found:
                start = successor.end()
                found[name] = Person(name, start, start + len(name), list(person.titles), person.organization,
                                     list(person.org_mentions))
        # The name between the body and the title (在省中心邹晓梅副主任陪同下, 省林草局邱燕副局长到), or after a list
        # comma and before the title (…，苏文锦主任陪同).
        titles_at = {t_start: (t_end, title) for t_start, t_end, title in titles}
        for org in org_mentions if titles_at else ():  # most items hold no title
            name = self._name_before_title(text, org.end, titles_at, weak_end=WEAK_END)
            if name and name not in found:
                t_end, title = titles_at[org.end + len(name)]
                found[name] = Person(name, org.end, org.end + len(name), [title], org.name, [org])
        body_starts = {org.start for org in org_mentions}
        for t_start in titles_at:  # a name of two to four characters between a list comma and the title
            for pos in range(t_start - 4, t_start - 1):
                if pos < 1 or text[pos - 1] not in "，,、" or pos in body_starts:  # not …，司法厅党委委员
                    continue
                # …，张明副局长到…: after a comma the name may be followed by the visit's 到 (a weak end)
                name = self._name_before_title(text, pos, titles_at,
                                               weak_end=ARRIVAL_END if text[pos - 1] in "，," else None)
                if name and pos + len(name) == t_start and name not in found \
                        and not any(p.start <= pos < p.end for p in found.values()):
                    found[name] = Person(name, pos, t_start, [titles_at[t_start][1]], None)
        for org in org_mentions:  # staff named by their window alone, in a list: 省税务局窗口王晓琳、…等12名
            window = WINDOW_AFTER.match(text, org.end)
            end = LAST_IN_LIST_END if text[org.start - 1:org.start] == "、" else STAFF_LIST_END
            name = self._staff_name(text, window.end(), (2, 3), end) if window else None
            if name and name not in found:
                start = window.end()
                found[name] = Person(name, start, start + len(name), [], org.name, [org], role="subject")
        for m in WINDOW_STAFF.finditer(text) if "窗口工作人员" in text else ():
            # a window's staff member commended or reproved by name: 省医保局窗口工作人员何雪, or …窗口，窗口工作人员
            # 吉克阿依; the window is the last one named, and 工作人员 the title
            name = self._staff_name(text, m.end(), (2, 3, 4), STAFF_NAME_END)
            if name and name not in found:
                windows = [o for o in org_mentions if o.end <= m.start() and WINDOW_AFTER.match(text, o.end)]
                org = windows[-1] if windows else None
                found[name] = Person(name, m.end(), m.end() + len(name), ["工作人员"], org and org.name,
                                     [org] if org else [], role="subject")
        # (The regex has no literal start: a text without such a title is not scanned.)
        high = any(title in text for title in HIGH_TITLE_AFTER_NAME)
        for m in NAME_BEFORE_HIGH_TITLE.finditer(text) if high else ():
            name = m.group(1)
            if name not in found and self._has_surname(name):
                found[name] = Person(name, m.start(1), m.end(1), [text[m.end(1):m.end()]], None, role="subject")
        if "（" in text or "(" in text:
            self._bracketed_posts(text, org_mentions, titles, found)
        for m in NAME_BEFORE_GOVERNOR.finditer(text) if "省长" in text else ():
            name, title = m.group(1), m.group(2)
            if name not in found and self._has_surname(name) and name not in NOT_NAMES \
                    and not any(p.start <= m.start(1) < p.end for p in found.values()):
                found[name] = Person(name, m.start(1), m.end(1), [title], GOVERNMENT_HEAD_TITLES[title])
        for m in CASE_NAME.finditer(text) if "案" in text else ():
            name = m.group(1)
            if name not in found and self._has_surname(name):
                found[name] = Person(name, m.start(1), m.end(1), [], None, role="subject")
        return sorted(found.values(), key=lambda p: p.start)

    def _bracketed_posts(self, text, org_mentions, titles, found):
        """Persons written with their body and titles in brackets after the name: 张敏（省医保局党组成员、副局长）,
        王丽（省医保局）, 欧阳明（综合窗口）, the centre's own window naming no body; names listed before one bracket
        share its body (杨帆、何静（省退役军人事务厅窗口）)."""
        for m in BRACKET.finditer(text):
            inner_start, inner_end = m.start() + 1, m.end() - 1
            body = next((o for o in org_mentions if o.start == inner_start), None)
            posts = [title for t_start, t_end, title in titles if inner_start <= t_start and t_end <= inner_end]
            if body is None and not posts and text[inner_start:inner_end] != "综合窗口":
                continue  # (总第324期), (6月3日—7日): no post
            names = []
            end = m.start()
            while True:
                readings = [text[end - n:end] for n in (2, 3, 4)
                            if end - n >= 0 and self._has_surname(text[end - n:end])
                            and self._name_at(text, end - n) == text[end - n:end]
                            and not any(o.start < end and end - n < o.end for o in org_mentions)]
                # the reading a list or sentence opens (、谢明辉（…）, not 明辉), else the shortest
                name = next((r for r in readings if end - len(r) == 0 or text[end - len(r) - 1] in LIST_OPENING),
                            readings[0] if readings else None)
                if name is None:
                    break
                names.append((name, end - len(name)))
                if text[end - len(name) - 1:end - len(name)] != "、" or posts:
                    break  # only a body is shared by the names listed before it
                end -= len(name) + 1
            role = "subject" if text.startswith("窗口", inner_end - 2) else "other"  # window staff, as listed ones
            for name, start in names:
                if name not in found and not any(p.start <= start < p.end for p in found.values()):
                    found[name] = Person(name, start, start + len(name), list(posts), body and body.name,
                                         [body] if body else [], role=role)

    def _staff_name(self, text, pos, lengths, end):
        """The name of a window's staff member at `pos`: one of `lengths` characters, led by a surname, no common
        word (窗口工作人员管理规范), not the conjunction 和 (窗口工作人员和正在办事的企业代表), and followed by `end`: in
        a list of staff STAFF_LIST_END (王晓琳、, 税晓燕获评), after 窗口工作人员 STAFF_NAME_END (何雪、, 令狐斌放弃,
        吉克阿依主动)."""
        if text.startswith(CONJUNCTIONS, pos):
            return None
        for n in lengths:
            name = text[pos:pos + n]
            if len(name) == n and ALL_CJK.fullmatch(name) and self._has_surname(name) and name not in NOT_NAMES \
                    and not NON_NAME_WORDS.search(name) and end.match(text, pos + n):
                return name
        return None

    def _has_surname(self, name):
        """Whether a Han surname (one character or two) opens `name`."""
        return name[0] in self.single or name[:2] in self.compound

    def _local_head(self, text, person, links, first):
        """A city's or county's head with no body before the titles (绵阳市委副书记、市长陈志远: 绵阳 + 市委副书记, 市长)
        belongs to the government of the place written before them, which the first title keeps as its prefix."""
        if not any(LOCAL_HEAD.fullmatch(title) for org, title in links if org is None):
            return
        for n in range(2, 8):  # the place ends where the titles start, or takes their first 市 (绵阳 + 市委副书记)
            for end in (first, first + 1):
                place = text[end - n:end]
                if end - n >= 0 and self.gaz.places.get(place) in ("prefecture", "county"):
                    full = self.gaz.prefecture_full.get(place) or self.gaz.county_full.get(place, place)
                    person.organization = full + "人民政府"
                    person.titles[0] = text[end - n:first] + person.titles[0]
                    return

    def _inherit_organization(self, text, person, links, first_title_start, found, org_mentions):
        """A person of 该处, 该厅 … belongs to the body so ending that was named last. In a list (杨振华，党组成员、
        副厅长汤敏, or …厅长杨文华，厅党组成员、副厅长罗成刚, 厅 naming the body again) a person without a body shares the
        previous person's; so does one led by the person before (局长蒋文华率副局长谭晓梅); a window's 首席代表
        (…省体育局窗口…，窗口首席代表曾丽) belongs to the body of the window named last."""
        pronoun = PRONOUN_BODY.search(text, 0, first_title_start) if "该" in text else None
        if pronoun:
            named = [o for o in org_mentions if o.end <= pronoun.start() and o.name.endswith(pronoun.group(1))]
            if named:
                person.organization = named[-1].name
                return
        before = _previous_in_list(text, first_title_start, found)
        if before is None and text[first_title_start - 1:first_title_start] in BACK_REFERENCE:
            before = _previous_in_list(text, first_title_start - 1, found)  # the list comma before 厅
        if before is None:
            lead = LED_BY.search(text, 0, first_title_start)
            before = next((p for p in found.values() if lead and p.end == lead.start()), None)
        if before is None and _back_reference(text, first_title_start):
            # …省退役军人事务厅窗口党支部开展党课，厅党组成员、副厅长龚小平授课: 厅 names the department named last
            bare = text[first_title_start - 1]
            named = [o for o in org_mentions if o.end < first_title_start - 1
                     and (o.name.endswith(bare) or o.surface.endswith(bare))]  # 省民族宗教委 for 委
            if named:
                person.organization = named[-1].name
                return
        if before and before.organization:
            person.organization = before.organization
        elif text.endswith("窗口", 0, first_title_start):  # …到省体育局窗口带班值守，窗口首席代表曾丽陪同
            windows = [o for o in org_mentions if o.end < first_title_start - 2 and text.startswith("窗口", o.end)]
            if windows:
                person.organization = windows[-1].name

    def _name_before_title(self, text, pos, titles_at, weak_end=None):
        """A surname-led name at `pos` followed at once by a title and then a strong end, or `weak_end`."""
        if text[pos:pos + 2] in self.compound:
            lengths = (3, 4)
        elif pos < len(text) and text[pos] in self.single:
            lengths = (2, 3)
        else:
            return None
        for n in lengths:
            if pos + n not in titles_at:
                continue
            after = titles_at[pos + n][0]
            if STRONG_END.match(text, after) or (weak_end and weak_end.match(text, after)):
                name = text[pos:pos + n]
                if ALL_CJK.fullmatch(name) and name not in NOT_NAMES:
                    return name
        return None

    def _chain(self, text, t_start, title, ends, orgs_by_end):
        """Walk left from the title before a name: [(org mention or None, title), ...] in written order. Titles
        are joined by 、, and a post in a second body by a comma too (省市场监管局党组成员、副局长，省知识产权局局长).

        `ends` maps the end of each title in the text to its (start, title)."""
        links = []
        while True:
            org = orgs_by_end.get(t_start)
            unnamed = self._unnamed_body(text, t_start, ends) if org is None else None
            if unnamed is not None:  # the title keeps the body's name as written (省政务公开办主任)
                t_start, title = unnamed, text[unnamed:t_start] + title
            links.append((org, title))
            pos = org.start if org else t_start
            joined = "、" if org is None else "、，,"
            if pos == 0 or text[pos - 1] not in joined or pos - 1 not in ends:
                break
            t_start, title = ends[pos - 1]
        links.reverse()
        return links

    def _unnamed_body(self, text, t_start, ends):
        """Where a body that kg does not know starts, written between a list's 、 and a title of the chain
        (省政协常委、社会和法制委员会副主任白雪梅; 省政府办公厅副主任、省政务公开办主任邹明川), or None."""
        start = text.rfind("、", max(0, t_start - UNNAMED_BODY_LENGTH[1] - 1), t_start) + 1
        body = text[start:t_start]
        if start == 0 or start - 1 not in ends or not UNNAMED_BODY_LENGTH[0] <= len(body) \
                or not body.endswith(UNNAMED_BODY_ENDINGS) or not ALL_CJK.fullmatch(body) \
                or next(self._titles(body), None):
            return None
        return start

    def _fill_titles(self, person, links):
        principal = 0
        for i, (org, title) in enumerate(links):
            # 省委常委、省政府常务副省长: the government post is the principal one, with or without its body
            if title in GOVERNMENT_HEAD_TITLES and (org is None or org.name == GOVERNMENT_HEAD_TITLES[title]):
                principal = i
            # 省委常委、宣传部部长: a standing member who heads one of the committee's departments belongs to it
            if i and _standing_member(links[0]) and org is not None and org.name.startswith("中共四川省委") \
                    and org.name != PROVINCIAL_COMMITTEE:
                principal = i
            # 理塘县委副书记、县长: the head of the place's government, written after its party committee's post
            if i and org is None and LOCAL_HEAD.fullmatch(title) and _local_committee(links[0][0]):
                principal = i
        head_org = links[principal][0]
        if head_org is not None:
            person.organization = head_org.name
        elif links[principal][1] in GOVERNMENT_HEAD_TITLES:
            person.organization = GOVERNMENT_HEAD_TITLES[links[principal][1]]
        elif principal and _local_committee(links[0][0]):
            person.organization = _local_government(links[0][0].name)
        elif links[0][0] is not None:
            person.organization = links[0][0].name
        for i, (org, title) in enumerate(links):
            keep_prefix = org is not None and i != principal and org.name != person.organization
            person.titles.append(org.surface + title if keep_prefix else title)
            if org is not None:
                person.org_mentions.append(org)


def _local_committee(org):
    """Whether `org` is a city's, prefecture's or county's party committee (中共理塘县委员会)."""
    return org is not None and org.kind == "party" and org.level in ("municipal", "county") \
        and org.name.startswith("中共") and org.name.endswith("委员会")


def _local_government(committee):
    """The government of the place whose party committee is `committee`: 中共理塘县委员会 -> 理塘县人民政府."""
    return committee.removeprefix("中共").removesuffix("委员会") + "人民政府"


def _standing_member(link):
    """Whether a title link is 省委常委: the provincial party committee's standing member."""
    org, title = link
    return title == "常委" and org is not None and org.name == PROVINCIAL_COMMITTEE


def _take_later_body(person, links):
    """A person whose first title names no body and who shares none with the person before belongs to the first
    body a later title names (组长、国家市场监督管理总局副局长东方明远), whose title then drops it."""
    i = next((i for i, (org, _) in enumerate(links) if org is not None), None)
    if i is not None:
        person.organization = links[i][0].name
        person.titles[i] = links[i][1]


def _titles_start(titles_end, links):
    """Where the titles (joined by 、) that end at `titles_end` begin: after the first title's
    body, before the bodies of the later ones (副组长、国务院办公厅督查室副主任刘敏)."""
    later_bodies = sum(org.end - org.start for org, _ in links[1:] if org is not None)
    return titles_end - sum(len(title) for _, title in links) - later_bodies - (len(links) - 1)


def _back_reference(text, titles_start):
    """A bare 厅, 局, 委 or 办 opening a clause right before the titles names the body (…，委党组成员、副主任降央卓玛)."""
    return (text[titles_start - 1:titles_start] in BACK_REFERENCE
            and text[titles_start - 2:titles_start - 1] in CLAUSE_OPENING)


def _previous_in_list(text, titles_start, found):
    """The person named right before titles starting at `titles_start`, across a list comma or 和 (杨振华，党组成员、
    副厅长汤敏; 副厅长刘晓东和一级巡视员谢明远)."""
    if titles_start <= 0 or text[titles_start - 1] not in "，,、和及与":
        return None
    return next((p for p in found.values() if p.end == titles_start - 1), None)


def _name_characters(name):
    """The characters of a name to test against NON_NAME_CHARS: without a numeral opening that names may have
    (四郎多吉 -> 多吉) or the 各 that ends a four-character Yi name (阿牛木各 -> 阿牛木)."""
    opening = next((o for o in NUMERAL_NAME_OPENINGS if name.startswith(o)), "")
    closing = YI_NAME_ENDING if len(name) == 4 and name.endswith(YI_NAME_ENDING) else ""
    return name[len(opening):len(name) - len(closing)]


def _title_in_place(title, body_before):
    """False for a body-bound title without its body right before it (企业代表)."""
    bound_to = BODY_BOUND_TITLES.get(title)
    return bound_to is None or (body_before is not None and bound_to in body_before.name)


def _titles_without_body_prefix(gazetteer):
    """The title regex without composites that begin with a body (省委书记 = 省委 + 书记), so that the body
    is read as the person's organization and the title stays bare, as the gold convention wants."""
    titles = set(gazetteer.titles)
    kept = []
    for title in titles:
        split = any(title.startswith(surface) and title[len(surface):] in titles
                    for surface in gazetteer.org_by_surface if len(surface) < len(title))
        if not split:
            kept.append(title)
    return alternation(kept)

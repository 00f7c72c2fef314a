"""A deterministic, seeded generator of realistic bulletins whose facts are known, for benchmarks and accuracy checks.

`generate(count, seed)` builds one world and renders `count` bulletins from it:

- the window departments come from the gazetteer (ontology/gazetteer/organizations.json), mostly provincial
  government bodies named by the short aliases the bulletins use (商务厅, 省药监局, 省卫生健康委 …), plus a few
  municipal bodies, hospitals, associations, universities and companies;
- every department has generated officials (2- and 3-character names) whose careers run through the years:
  the same person keeps the same department, and deputies are promoted (副厅长 -> 党组成员、副厅长 -> 党组书记、厅长,
  二级巡视员 -> 一级巡视员), so the graph has people to merge and titles that change;
- the issue calendar holds the weekly 窗口工作周报 (YYYY年第N期, 总第M期 running on, Monday-Friday periods, skipped
  holiday weeks, two-week and year-boundary periods) and the monthly 政务窗口月报 (第N期, restarting each year);
  the headline figures are running totals, so 今年以来 always adds up;
- each bulletin recombines the layouts (2022, 2023 and 2024 weekly, monthly) and item phrasings of the real
  bulletins in ../samples, then gets the PDF-extraction artifacts (hard wrapping with blank lines, page-break
  leading spaces, the character a page break doubles, stray spaces between digits and CJK, `**` and `- `).

The known facts go to truth.json in the shape of ../shared/gold/seeds.json (`departments` + `reports`, with
`text_start` = the first 25 clean characters of each item), so ../shared/tools/score.py scores an extraction run
against a generated corpus exactly as it scores the seeds. Same (count, seed) -> byte-identical files.

The 2021-2025 window holds about 290 issues. Smaller counts are spread evenly over it; larger counts run the calendar
on into later years, so that every bulletin stays a distinct issue with consistent numbering.

    python -m bench.corpus --count 1000 --seed 7 --out /tmp/corpus
"""
import argparse
import bisect
import hashlib
import calendar
import json
import random
import re
import sys
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import accumulate
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GAZETTEER = ROOT / "ontology" / "gazetteer" / "organizations.json"
SURNAMES = ROOT / "ontology" / "gazetteer" / "surnames.json"

FIRST_YEAR, LAST_YEAR = 2021, 2025
WEEKLY, MONTHLY = "窗口工作周报", "政务窗口月报"
PUBLISHER = "四川省政府政务服务和公共资源交易服务中心"
CENTER = PUBLISHER
PLATFORM_DIVISION = "四川省政府政务服务和公共资源交易服务中心政务平台服务处"
GOVERNMENT = "四川省人民政府"
PARTY_COMMITTEE = "中共四川省委员会"
BIG_DATA_CENTER = "四川省大数据中心"
CN = "一二三四五六七八九十"
TEXT_START = 25

# ---------------------------------------------------------------------------------------------------------------
# Phrase pools. Fillers carry no organization, person, place, quote, title, figure or time expression, so that the
# facts recorded for an item are exactly the ones its template put in.
# ---------------------------------------------------------------------------------------------------------------
PROGRAMS = ["一网通办", "川渝通办", "跨省通办", "省内通办", "高效办成一件事", "一件事一次办", "放管服", "最多跑一次",
            "互联网+政务服务", "好差评", "帮办代办", "免证办", "全程网办", "证照分离", "一业一证", "接诉即办",
            "政务服务进园区", "政务服务进市县", "政务服务进企业", "双随机、一公开", "一窗通办", "容缺受理",
            "秒批秒办", "我为群众办实事", "惠企政策直达快享", "政务服务质量全面提升年", "百日行动", "三优"]
# What a window is made into, in the heads' remarks (quoted, but not programs).
IMAGES = ["连心桥", "暖心桥", "直通车", "店小二", "娘家人"]
THEMES = ["携手缩小早期预警差距", "人人讲安全、个个会应急", "法治护航营商环境", "诚信经营、放心消费", "知法守法、平安同行",
          "守护舌尖安全", "绿色发展、美丽四川"]
REQUIREMENTS = ["严肃排查标准、严抓排查质量、突出成果质量、斗硬奖惩措施", "查隐患、促整改、保安全", "边查边改、立查立改"]
FILMS = ["家道", "警钟", "蜕变", "镜鉴", "底线", "初心"]
PARTY_TOPICS = ["党风廉政", "作风建设", "保密工作", "意识形态工作", "廉洁文化建设"]
MEETING_DEMANDS = [
    "要严把思想关，时刻做到警钟长鸣和心存敬畏", "要严守规矩关，常态化落实党风廉政责任",
    "要严守底线关，严格依法行政、履职担当", "要进一步创新服务方式，努力建设政治强、作风好、纪律严、服务优的窗口队伍",
    "要严格依法行政、坚守廉洁底线，不断提高政务服务质效", "要提高政治站位，切实增强做好政务服务工作的责任感和使命感",
    "要加强部门间沟通协调，形成工作合力", "要聚焦企业和群众办事堵点难点，持续优化审批流程",
    "要强化窗口作风建设，提升窗口工作人员能力素质", "要全面落实首问负责、一次性告知和限时办结制度"]
VISIT_REMARKS = [
    "要进一步加强行政审批系统智能化建设，强化数字赋能，形成上下贯通、协同高效的审批体系",
    "要提升窗口服务水平，保持亲清的政企关系，树立办事效率高、服务热情周到的良好形象",
    "要围绕审批服务关键领域，在提高工作效率、服务质量上下功夫",
    "要持续强化窗口行风建设，确保审批工作高质量推进", "要继续加强服务意识，实现审批效率与服务温度的双提升",
    "要注重窗口形象，更加注重服务质量和服务态度", "要规范准入审批，持续推进行政审批标准化工作",
    "要梳理典型案例，健全工作机制，切实提升企业群众满意度", "要加强部门间沟通协调，共同推动审批服务取得新进展"]
VISIT_VERBS = ["指出", "强调", "要求"]
CENTER_MEETING_TOPICS = ["保密工作", "安全生产", "党风廉政建设", "数字政府建设推进", "政务服务效能提升", "意识形态工作"]
CENTER_MEETING_BODY = [
    "总结前期工作，部署下阶段重点任务", "通报近期重点工作进展情况，分析存在的短板弱项",
    "传达学习上级有关会议精神，研究贯彻落实措施"]
CENTER_MEETING_DEMANDS = [
    "要深刻把握面临的形势任务，持续完善制度机制", "要强化各类风险排查，做到精准施策",
    "要坚持问题导向，聚焦企业和群众反映强烈的办事难、办事慢、办事繁问题", "要压紧压实工作责任，确保各项任务落地见效"]
LECTURE_TOPICS = ["数字政府发展趋势", "数据要素市场化配置", "政务服务标准化建设", "人工智能在政务服务中的应用",
                  "营商环境评价体系"]
INDUSTRIES = ["白酒", "电子信息", "装备制造", "先进材料", "食品饮料", "能源化工", "医药健康"]
FACILITIES = ["航道整治工程", "高速公路建设项目", "水电站扩建工程", "物流园区建设项目", "光伏发电项目", "风电项目"]
SYSTEMS = ["行政审批系统", "电子证照系统", "网上申报系统", "审批服务管理平台", "许可证管理系统"]
CERTIFICATES = ["安管人员", "执业人员", "特种作业人员", "从业人员", "技术人员"]
DOC_TOPICS = ["政务服务综合窗口攻坚破难", "政务服务问题解决反馈", "电子证照互认共享", "惠企政策兑现", "政务服务事项标准化",
              "行政许可事项实施规范", "综合窗口受理服务", "政务服务效能提升", "帮办代办服务", "政务服务投诉处理"]
DOC_SUFFIXES = ["行动方案", "工作方案", "实施方案", "管理办法", "工作规则", "事项清单", "服务指南", "操作规程"]
DOC_VERBS = ["进一步优化", "加强", "规范", "做好", "开展"]
ONE_THINGS = ["信用修复", "企业破产", "开办餐饮店", "新生儿出生", "企业信息变更", "退休", "水电气网联合报装"]
LIST_NAMES = ["省本级无差别综合窗口事项清单", "省本级综合窗口事项清单", "省级政务服务事项目录清单"]

# Business each window handles, by canonical department name; others use DEFAULT_DOMAINS.
DOMAINS = {
    "四川省公安厅": ["爆破作业单位资质许可", "出入境证件办理", "保安服务许可"],
    "四川省交通运输厅": ["大件运输许可", "道路运输经营许可", "公路建设项目审批"],
    "四川省市场监督管理局": ["特种设备检验机构核准", "食品生产许可", "计量器具型式批准"],
    "四川省卫生健康委员会": ["医疗机构执业登记", "放射诊疗许可", "母婴保健技术服务许可"],
    "四川省药品监督管理局": ["药品经营许可", "医疗器械注册", "化妆品生产许可"],
    "四川省住房和城乡建设厅": ["建筑业企业资质", "安全生产许可证", "工程造价咨询企业资质"],
    "四川省自然资源厅": ["建设用地审批", "矿业权登记", "地质灾害防治单位资质"],
    "四川省应急管理厅": ["安全生产许可", "危险化学品经营许可", "非煤矿山安全生产许可"],
    "四川省林业和草原局": ["林地征占用审批", "野生动植物进出口", "林草种子生产经营许可"],
    "四川省商务厅": ["对外贸易经营者备案", "两用物项进出口许可", "对外劳务合作经营资格"],
    "四川省水利厅": ["取水许可", "水利工程建设审批", "水土保持方案审批"],
    "四川省人力资源和社会保障厅": ["人力资源服务许可", "职业技能等级认定", "劳务派遣经营许可"],
    "四川省生态环境厅": ["环境影响评价审批", "排污许可", "危险废物经营许可"],
    "四川省文化和旅游厅": ["旅行社业务经营许可", "营业性演出审批", "娱乐场所经营许可"],
    "四川省民政厅": ["社会团体登记", "民办非企业单位登记", "养老机构备案"],
    "四川省司法厅": ["律师执业许可", "仲裁机构登记", "司法鉴定机构登记"],
    "四川省教育厅": ["民办学校办学许可", "教师资格认定", "中外合作办学审批"],
    "四川省农业农村厅": ["农药经营许可", "种子生产经营许可", "兽药生产许可"],
    "四川省经济和信息化厅": ["民爆物品生产许可", "工业项目备案", "电力业务许可"],
    "四川省发展和改革委员会": ["企业投资项目核准", "固定资产投资项目节能审查", "价格认定"],
    "四川省医疗保障局": ["定点医药机构协议管理", "异地就医备案", "医保目录准入"],
}
DEFAULT_DOMAINS = ["行政许可事项办理", "政务服务事项受理", "依申请事项审批"]
# How often a department turns up, relative to the others (the permit-heavy windows dominate real bulletins).
BUSY = {"四川省公安厅": 6, "四川省商务厅": 4, "四川省卫生健康委员会": 5, "四川省市场监督管理局": 5, "四川省交通运输厅": 5,
        "四川省住房和城乡建设厅": 5, "四川省自然资源厅": 4, "四川省应急管理厅": 4, "四川省林业和草原局": 3,
        "四川省药品监督管理局": 4, "四川省司法厅": 3, "四川省水利厅": 3, "四川省人力资源和社会保障厅": 3,
        "四川省生态环境厅": 3, "四川省民政厅": 3, "四川省经济和信息化厅": 2, "四川省文化和旅游厅": 2}
HEALTH = ["四川省卫生健康委员会", "四川省药品监督管理局", "四川省医疗保障局"]
PROJECT_DEPTS = ["四川省林业和草原局", "四川省自然资源厅", "四川省水利厅", "四川省交通运输厅", "四川省发展和改革委员会"]
# The Chongqing counterpart of a window (川渝通办 cooperation).
CHONGQING = {"四川省卫生健康委员会": "重庆市卫生健康委员会", "四川省市场监督管理局": "重庆市市场监督管理局",
             "四川省公安厅": "重庆市公安局", "四川省人力资源和社会保障厅": "重庆市人力资源和社会保障局",
             "四川省交通运输厅": "重庆市交通运输委员会", "四川省商务厅": "重庆市商务委员会",
             "四川省医疗保障局": "重庆市医疗保障局", "四川省药品监督管理局": "重庆市药品监督管理局",
             "四川省民政厅": "重庆市民政局", "四川省住房和城乡建设厅": "重庆市住房和城乡建设委员会"}
WINDOW_CATEGORIES = {"组成部门", "直属机构", "部门管理机构", "直属特设机构", "中央驻川"}
NOT_WINDOWS = {"四川省人民政府办公厅", "四川省国家安全厅", "四川省审计厅", "四川省数据局", "四川省乡村振兴局",
               "四川省监狱管理局", "四川省戒毒管理局", "四川省信访局", "四川省机关事务管理局",
               "四川省测绘地理信息局", "四川省疾病预防控制局", "审计署成都特派员办事处", "国家统计局四川调查总队",
               "四川省森林消防总队", "四川出入境边防检查总站", "国家矿山安全监察局四川局", "中国民用航空西南地区管理局",
               "四川省烟草专卖局", "中国人民银行四川省分行", "国家外汇管理局四川省分局", "国家金融监督管理总局四川监管局",
               "中国证券监督管理委员会四川监管局", "国家能源局四川监管办公室"}
PARTY_COMMITTEE_BODIES = ("公安厅", "司法厅", "海关", "消防救援总队", "税务局")

CITIES = ["成都市", "自贡市", "攀枝花市", "泸州市", "德阳市", "绵阳市", "广元市", "遂宁市", "内江市", "乐山市", "南充市",
          "眉山市", "宜宾市", "广安市", "达州市", "雅安市", "巴中市", "资阳市", "阿坝州", "甘孜州", "凉山州"]
COUNTIES = ["凉山州喜德县", "凉山州盐源县", "阿坝州汶川县", "甘孜州康定市", "绵阳市北川县", "雅安市石棉县", "宜宾市兴文县",
            "广元市苍溪县", "达州市宣汉县", "乐山市峨边县", "泸州市古蔺县", "南充市仪陇县", "巴中市通江县", "凉山州会理市"]
DISTRICTS = ["成华区", "金牛区", "龙泉驿区", "武侯区", "青羊区", "锦江区", "双流区", "郫都区", "新都区", "温江区"]
SPRING_FESTIVAL = {2021: date(2021, 2, 12), 2022: date(2022, 2, 1), 2023: date(2023, 1, 22), 2024: date(2024, 2, 10),
                   2025: date(2025, 1, 29), 2026: date(2026, 2, 17), 2027: date(2027, 2, 6), 2028: date(2028, 1, 26),
                   2029: date(2029, 2, 13), 2030: date(2030, 2, 3)}
GIVEN_CHARS = ("伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华文斌辉鹏宇浩凯健俊帆旭晨瑞博峰林雪琳晶颖倩婷玲蓉燕红梅兰"
               "萍建国志新卫东海波云飞龙德成祥春立永忠亮庆福荣贵兵彬晓江川锦松柏岚昊泽嘉欣怡佳悦鑫琦璐毅坤琴慧莉蕾薇媛"
               "琪翔鸿楠航蓓睿哲骏朗")
NOT_SURNAMES = set("于向和同与对在安文")
INSPECTION_ASPECTS = ["按时到岗情况", "工作区域标准化执行情况", "着装情况", "工作牌佩戴情况", "纪律秩序", "大厅防控情况"]
INSPECTION_LEAD = ("大厅窗口规范化、标准化作为大厅管理贯彻始终的重点工作之一，各部门窗口须严格执行规范化、标准化要求，")
FOOTER_2022 = [("报", "中心领导。"), ("送", "各相关省级部门（单位），中心各处（室）、直属单位。"), ("发", "各部门窗口。")]
FOOTER_2024 = [("报", "省政务管理办公室、省级相关部门（单位）、省中心领导。"),
               ("发", "省级相关部门（单位）窗口，省直部门办事大厅，省中心各处（室）、直属单位。")]

# Layout constants of the PDF extraction (see ../samples): a line holds about 27 CJK characters (54 columns), the
# first line of a paragraph is indented by two, and a page holds about 40 lines.
LINE_COLUMNS = 54
INDENT_COLUMNS = 4
OPENING = "（《“‘(["
CLOSING = "，。、；：？！）》”’,.;:?!)]%"
TERMINAL = "。！？：；!?:;"
# A continuation line must not start like a marker or a footer, or the parser would open a new paragraph there.
LINE_START_TRAP = re.compile(r"(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[.．、]|[①-⑳]"
                             r"|(?:报|送|发|抄送|抄报)[:：]|[（(]?共印)")
CJK = re.compile(r"[\u3400-\u9fff]")
STRAY_SPACE = re.compile(r"(?<=\d)(?=[\u3400-\u9fff（])|(?<=[\u3400-\u9fff])(?=\d)")


# ---------------------------------------------------------------------------------------------------------------
# The world: departments, officials with careers, the issue calendar and its running totals
# ---------------------------------------------------------------------------------------------------------------
@dataclass(eq=False)
class Org:
    """A body as the generator uses it: canonical name, the surface forms it is written with, its titles."""
    name: str
    forms: list
    weights: list
    kind: str = "government"
    level: str = "provincial"
    aliases: list = field(default_factory=list)
    head: str = "厅长"
    deputy: str = "副厅长"
    party: str = "党组"
    index: int = 0

    def form(self, rng):
        return rng.choices(self.forms, self.weights)[0]


@dataclass(eq=False)
class Official:
    name: str
    org: Org


@dataclass
class Slot:
    """One issue of a series: its numbering, period and publication date."""
    series: str
    start: date
    end: date
    published: date = None
    issue_no: int = None
    total_issue_no: int = None
    weekly_figures: tuple = None   # 咨询, 受理, 颁发, 流转 of the period
    ytd_figures: tuple = None      # the same since 1 January of the period's end year
    platform: tuple = None         # 行政许可受理/办结, 公共服务受理/办结, 其它九类受理/办结 since 1 January

    @property
    def key(self):
        return f"{self.series}:{self.start.isoformat()}"


def _workdays(start, end):
    n, d = 0, start
    while d <= end:
        if d.weekday() < 5:
            n += 1
        d += timedelta(days=1)
    return n


def _adjust_weekday(d):
    return d + timedelta(days=(7 - d.weekday()) % 7) if d.weekday() >= 5 else d


def _ambiguous_aliases(entries):
    seen, twice = {}, set()
    for e in entries:
        for a in {e["name"], *e.get("aliases", [])}:
            if a in seen and seen[a] != e["name"]:
                twice.add(a)
            seen[a] = e["name"]
    return twice


def _head_titles(name):
    if name.endswith("厅"):
        return "厅长", "副厅长"
    if name.endswith("海关"):
        return "关长", "副关长"
    if name.endswith("总队"):
        return "总队长", "副总队长"
    if name.endswith(("委员会", "办公室", "中心")):
        return "主任", "副主任"
    return "局长", "副局长"


def _surface_forms(entry, ambiguous):
    """The short names bulletins write for a body: 商务厅, 省药监局, 省卫生健康委, 成都海关, 四川气象局 …"""
    name = entry["name"]
    forms = []
    for a in entry.get("aliases", []):
        if a in ambiguous or len(a) > 9 or a == "住房城乡建厅":  # the typo of seed 000 stays out of the clean corpus
            continue
        if name.endswith("厅") and a.endswith("厅") and not a.startswith(("省", "四川")):
            forms.append(a)
        elif not name.endswith("厅") and (a.startswith("省") or (a.startswith("四川") and not a.startswith("四川省"))
                                          or a.endswith("海关")):
            forms.append(a)
    if not forms:
        forms = sorted((a for a in entry.get("aliases", []) if a not in ambiguous), key=len)[:1] or [name]
    return forms


class World:
    """Everything that stays the same across the bulletins of one corpus."""

    def __init__(self, seed, count, gazetteer=GAZETTEER):
        self.seed = seed
        rng = random.Random(f"{seed}/world")
        entries = json.loads(Path(gazetteer).read_text(encoding="utf-8"))
        self.entries = {e["name"]: e for e in entries}
        ambiguous = _ambiguous_aliases(entries)
        self.orgs = {}
        for e in entries:
            forms = _surface_forms(e, ambiguous)
            rng.shuffle(forms)
            head, deputy = _head_titles(e["name"])
            party = "党委" if e["name"].endswith(PARTY_COMMITTEE_BODIES) else "党组"
            self.orgs[e["name"]] = Org(e["name"], forms, [4] + [1] * (len(forms) - 1), e.get("kind", "other"),
                                       e.get("level", "other"), list(e.get("aliases", [])), head, deputy, party)
        center = self.orgs.get(CENTER)
        if center is None:  # the gazetteer is being written; the publishing center is needed regardless
            center = self.orgs[CENTER] = Org(CENTER, ["省中心"], [1], "center", "provincial", ["省中心"])
        center.forms, center.weights = ["省中心", "省政务服务和资源交易服务中心"], [6, 1]
        center.head, center.deputy, center.party = "主任", "副主任", "党委"
        self.windows = [o for n, o in self.orgs.items()
                        if self.entries[n].get("category") in WINDOW_CATEGORIES and o.level == "provincial"
                        and o.kind == "government" and n not in NOT_WINDOWS and not n.startswith("重庆")]
        if not self.windows:
            raise ValueError(f"no provincial window departments in {gazetteer}")
        self.window_weights = list(accumulate(BUSY.get(o.name, 1) for o in self.windows))  # cumulative
        by_category = lambda *cats: [self.orgs[n] for n, e in self.entries.items() if e.get("category") in cats]
        self.companies = [o for o in by_category("企业") if "物流" not in o.name and "研究院" not in o.name]
        self.logistics = [o for o in by_category("企业") if "物流" in o.name]
        self.hospitals = by_category("医疗机构")
        self.universities = by_category("高等院校")
        self.municipal = [self.orgs[n] for n, e in self.entries.items()
                          if e.get("category") in ("市州部门", "区县单位") and e.get("kind") in ("government", "other")]
        self.associations = [self.orgs[n] for n in ("四川省爆破协会", "四川省焰火燃放协会") if n in self.orgs]
        self.roster_orgs = self.windows + [center]
        for i, org in enumerate(self.roster_orgs):
            org.index = i
        self.center = center
        self.first_year = FIRST_YEAR
        self.slots, self.last_year = self._calendar(count, rng)
        self.used_names = set()
        self._surnames(rng)
        self._careers(rng)
        self._governors(rng)
        self.lecturers = [(self._name(rng), u, rng.choice(["教授", "副教授", "研究员"])) for u in
                          (self.universities * 2)[:24]] if self.universities else []

    def org_named(self, name):
        """The body of a canonical name; one the gazetteer lacks (it is still being written) is written as is."""
        org = self.orgs.get(name)
        if org is None:
            org = self.orgs[name] = Org(name, [name], [1], "other", "provincial", [])
        return org

    # -- names ----------------------------------------------------------------------------------------------------
    def _surnames(self, rng):
        try:
            data = json.loads(SURNAMES.read_text(encoding="utf-8"))
            single = [s for s in data.get("single", [])[:120] if s not in NOT_SURNAMES]
            compound = data.get("compound", [])[:6]
        except (OSError, ValueError):
            single, compound = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"), []
        self.surnames = single + compound
        self.surname_weights = [max(1, 40 - i) for i in range(len(single))] + [1] * len(compound)

    def _name(self, rng):
        while True:
            surname = rng.choices(self.surnames, self.surname_weights)[0]
            given = rng.choice(GIVEN_CHARS)
            if rng.random() >= 0.35:
                given += rng.choice(GIVEN_CHARS)
            name = surname + given
            if name not in self.used_names and len(set(given)) == len(given):
                self.used_names.add(name)
                return name

    # -- careers --------------------------------------------------------------------------------------------------
    def _careers(self, rng):
        """Quarterly rosters of every window and the center: (official, titles) lists, promotions included."""
        self.epoch = date(self.first_year - 1, 10, 1)
        quarters = (self.last_year + 2 - self.first_year) * 4 + 2
        self.rosters = []
        for org in self.roster_orgs:
            member = "党委委员" if org.party == "党委" else "党组成员"
            secretary = f"{org.party}书记"
            new = lambda titles: [Official(self._name(rng), org), tuple(titles)]
            staff = [new([secretary, org.head])]
            for i in range(rng.randint(3, 4)):
                staff.append(new([member, org.deputy] if i < 2 else [org.deputy]))
            if rng.random() < 0.2:
                staff.append(new([org.deputy, f"{org.party}副书记"]))
            staff += [new(["一级巡视员"]) for _ in range(rng.randint(0, 1))]
            staff += [new(["二级巡视员"]) for _ in range(rng.randint(1, 2))]
            if org.name.endswith("厅") and rng.random() < 0.4:
                staff.append(new(["总工程师"] if rng.random() < 0.5 else [member, "总工程师"]))
            if org.name == "四川省公安厅":
                staff += [new(["二级警务专员"]), new(["警务技术二级总监"])]
            history = []
            for _q in range(quarters):
                history.append([(o, t) for o, t in staff])
                staff = self._quarter(staff, org, rng, new, member, secretary)
            self.rosters.append(history)

    @staticmethod
    def _quarter(staff, org, rng, new, member, secretary):
        staff = [list(s) for s in staff]
        deputies = [s for s in staff if org.deputy in s[1]]
        if rng.random() < 0.035 and deputies:  # the head leaves; a deputy of the party group succeeds
            staff = [s for s in staff if org.head not in s[1]]
            successor = next((s for s in deputies if member in s[1]), deputies[0])
            successor[1] = (secretary, org.head)
            staff.append(new([org.deputy]))
        for s in list(staff):
            if org.deputy in s[1] and secretary not in s[1]:
                if rng.random() < 0.02:
                    staff.remove(s)
                    staff.append(new([org.deputy]))
                elif member not in s[1] and rng.random() < 0.06:
                    s[1] = (member, org.deputy)
            elif s[1] == ("二级巡视员",) and rng.random() < 0.05:
                s[1] = ("一级巡视员",)
            elif s[1] == ("一级巡视员",) and rng.random() < 0.04:
                staff.remove(s)
                staff.append(new(["二级巡视员"]))
        return [tuple(s) for s in staff]

    def _quarter_of(self, day):
        return max(0, min(len(self.rosters[0]) - 1, ((day - self.epoch).days // 91)))

    def staff(self, org, day):
        """(official, titles) of a window or the center on a day."""
        return self.rosters[org.index][self._quarter_of(day)]

    def _governors(self, rng):
        self.governors = []
        year = self.first_year - rng.randint(0, 3)
        while year <= self.last_year + 1:
            self.governors.append((date(year, 1, 1), self._name(rng)))
            year += rng.randint(3, 6)

    def governor(self, day):
        return [n for start, n in self.governors if start <= day][-1]

    def executive_meeting(self, day):
        start = [s for s, _ in self.governors if s <= day][-1]
        return 1 + (day - start).days // 14

    # -- calendar -------------------------------------------------------------------------------------------------
    def _calendar(self, count, rng):
        last = LAST_YEAR
        while True:
            slots = self._weekly(self.first_year, last, rng_for(self.seed, "weekly")) + \
                self._monthly(self.first_year, last, rng_for(self.seed, "monthly"))
            if len(slots) >= count:
                break
            last += max(1, (count - len(slots)) // 55)
        slots.sort(key=lambda s: (s.published, s.series == MONTHLY, s.start))
        return slots, last

    def _weekly(self, first, last, rng):
        monday = date(first, 1, 4) - timedelta(days=date(first, 1, 4).weekday())
        slots = []
        while monday.year <= last:
            friday = monday + timedelta(days=4)
            festival = SPRING_FESTIVAL.get(monday.year, date(monday.year, 2, 5))
            holiday = (monday <= festival <= friday + timedelta(days=2)) or \
                (monday <= date(monday.year, 10, 3) <= friday + timedelta(days=2))
            step = 7
            if holiday or rng.random() < 0.04:
                monday += timedelta(days=step)
                continue
            start, end = monday, friday
            if rng.random() < 0.07 or (end.month == 12 and end.day >= 20 and rng.random() < 0.4):
                end += timedelta(days=7)  # a two-week issue (holidays, year end)
                step = 14
            elif rng.random() < 0.08:
                if rng.random() < 0.5:
                    start += timedelta(days=1)
                else:
                    end -= timedelta(days=1)
            slots.append(Slot(WEEKLY, start, end))
            monday += timedelta(days=step)
        # publication, numbering and running totals, in period order
        total = 300 + rng.randint(0, 60)
        published = None
        issue_year, issue_no = None, 0
        ytd_year, ytd, platform, previous_end = None, [0, 0, 0, 0], [0] * 6, None
        rates = {}
        for slot in slots:
            delay = rng.randint(3, 12) if rng.random() > 0.05 else rng.randint(20, 35)
            candidate = _adjust_weekday(slot.end + timedelta(days=delay))
            if published is not None and candidate <= published:
                candidate = _adjust_weekday(published + timedelta(days=1))
            slot.published = published = candidate
            if published.year != issue_year:
                issue_year, issue_no = published.year, 0
            issue_no += 1
            total += 1
            slot.issue_no, slot.total_issue_no = issue_no, total
            year = slot.end.year
            if year not in rates:
                rates[year] = [rng.uniform(120, 360), rng.uniform(40, 200), rng.uniform(250, 1200),
                               rng.uniform(500, 2500), rng.uniform(1500, 2900), rng.uniform(40000, 90000),
                               rng.uniform(180, 260)]
            r = rates[year]
            days = _workdays(slot.start, slot.end)
            weekly = [max(1, round(r[i] * days * rng.uniform(0.7, 1.3))) for i in range(4)]
            if year != ytd_year:
                ytd_year, ytd, platform = year, [0, 0, 0, 0], [0] * 6
                in_year = _workdays(max(slot.start, date(year, 1, 1)), slot.end)
                ytd = [max(1, round(w * in_year / days)) for w in weekly]
                since = date(year, 1, 1)
            else:
                ytd = [a + b for a, b in zip(ytd, weekly)]
                since = previous_end + timedelta(days=1)
            span = _workdays(since, slot.end) or 1
            inc = [r[4] * span, r[4] * span * rng.uniform(0.95, 1.02), r[5] * span, r[5] * span * rng.uniform(0.3, 0.8),
                   r[6] * span, r[6] * span * rng.uniform(0.95, 1.03)]
            platform = [p + max(1, round(x * rng.uniform(0.85, 1.15))) for p, x in zip(platform, inc)]
            slot.weekly_figures, slot.ytd_figures, slot.platform = tuple(weekly), tuple(ytd), tuple(platform)
            previous_end = slot.end
        return slots

    @staticmethod
    def _monthly(first, last, rng):
        slots = []
        for year in range(first, last + 1):
            for month in range(1, 13):
                start = date(year, month, 1)
                end = date(year, month, calendar.monthrange(year, month)[1])
                published = _adjust_weekday(end + timedelta(days=rng.randint(8, 26)))
                slots.append(Slot(MONTHLY, start, end, published, month, None))
        return slots


def rng_for(seed, key):
    """A random generator that depends only on the corpus seed and a key (str seeding is stable across runs)."""
    return random.Random(f"{seed}/{key}")


# ---------------------------------------------------------------------------------------------------------------
# One item: its clean text is written piece by piece, and every piece that names a fact records it, in order
# ---------------------------------------------------------------------------------------------------------------
def _md(d):
    return f"{d.month}月{d.day}日"


def _span(start, end):
    return {"start": start.isoformat() if start else None, "end": end.isoformat() if end else None}


class ItemBuilder:
    def __init__(self, bulletin):
        self.bulletin = bulletin
        self.rng = bulletin.rng
        self.parts = []
        self.date = None
        self.anchor = None  # the day the item's facts hold on (for officials' titles)
        self.organizations, self.actors, self.implicit_actors = [], [], []
        self.persons, self.programs, self.rejected, self.documents, self.places = [], [], [], [], []
        self.statistics, self.visits = [], []
        self.event_type = None

    # -- text and facts -------------------------------------------------------------------------------------------
    def add(self, *pieces):
        self.parts.extend(pieces)
        return self

    @property
    def text(self):
        return "".join(self.parts)

    def org(self, org, actor=False, form=None):
        """The surface of a body, recorded as a mention (and as an actor when it acts)."""
        if isinstance(org, str):
            org = self.bulletin.world.org_named(org)
        self.bulletin.used_orgs.setdefault(org.name, org)
        if org.name not in self.organizations:
            self.organizations.append(org.name)
        if actor and org.name not in self.actors:
            self.actors.append(org.name)
        return form or org.form(self.rng)

    def window(self, org, suffix="窗口"):
        return self.org(org, actor=True) + suffix

    def implicit(self, name):
        if name not in self.implicit_actors:
            self.implicit_actors.append(name)

    def prog(self, name):
        if name not in self.programs:
            self.programs.append(name)
        return f"“{name}”"

    def slogan(self, text):
        if text not in self.rejected:
            self.rejected.append(text)
        return f"“{text}”"

    def doc(self, title, programs=()):
        for p in programs:
            if p not in self.programs:
                self.programs.append(p)
        if title not in self.documents:
            self.documents.append(title)
        return f"《{title}》"

    def place(self, name):
        if name not in self.places:
            self.places.append(name)
        return name

    def person(self, official, titles, role, org_form=None):
        """`{department}{titles}{name}`, recording the department and the person."""
        org = official.org
        self.persons.append({"name": official.name, "titles": list(titles), "organization": org.name, "role": role})
        return self.org(org, actor=role == "visitor", form=org_form) + "、".join(titles) + official.name

    # -- dates ----------------------------------------------------------------------------------------------------
    def _record(self, start, end, precision, surface):
        if self.date is None:
            self.date = {"start": start.isoformat() if start else None, "end": end.isoformat() if end else None,
                         "precision": precision, "surface": surface}
            self.anchor = end or self.bulletin.end
        return surface

    def when(self, kind):
        """A time expression of the given kind, within the report period; recorded if it is the item's first."""
        b = self.bulletin
        if kind == "day":
            d = b.pick_day()
            return self._record(d, d, "day", _md(d))
        if kind == "range":
            d1 = b.pick_day()
            d2 = min(b.end, d1 + timedelta(days=self.rng.randint(1, 7)))
            if d2 <= d1:
                d1, d2 = b.start, max(b.start + timedelta(days=1), b.end)
            sep = self.rng.choice(["—", "至"])
            surface = _md(d1) + sep + (f"{d2.day}日" if d2.month == d1.month else _md(d2))
            return self._record(d1, d2, "days", surface)
        if kind == "week":
            return self._record(b.start, b.end, "week", "本周")
        if kind == "recent":
            return self._record(b.start, b.end, "period", "近日")
        if kind == "month":
            return self._record(b.start, b.end, "month", f"{b.start.month}月")
        if kind == "until":
            d = b.pick_day()
            return self._record(None, d, "day", f"截止{_md(d)}")
        if kind == "now":
            return self._record(None, None, "none", "目前")
        raise ValueError(kind)

    def lead(self, kinds=None):
        """The opening time expression of an item followed by a comma, or nothing (kind `none`)."""
        b = self.bulletin
        if kinds is None:
            kinds = b.lead_kinds
        kind = self.rng.choices(list(kinds), list(kinds.values()))[0]
        if kind == "none":
            return ""
        return self.when(kind) + b.comma

    def day_of(self):
        """The day the item is about: its date, else the end of the report period."""
        return self.anchor or self.bulletin.end

    def period_of(self):
        if self.date and self.date["start"] and self.date["end"]:
            return {"start": self.date["start"], "end": self.date["end"]}
        return _span(self.bulletin.start, self.bulletin.end)

    def stat(self, surface, scope, metric, value, unit, period=None, cumulative=False, category="progress",
             approximate=False):
        self.statistics.append({"scope": scope, "metric": metric, "value": value, "unit": unit,
                                "period": period or self.period_of(), "cumulative": cumulative,
                                "surface": surface, "category": category, "approximate": approximate})
        return surface

    # -- picking --------------------------------------------------------------------------------------------------
    def dept(self, among=None):
        w = self.bulletin.world
        if among:
            pool = [w.orgs[n] for n in among if n in w.orgs]
            if pool:
                return self.rng.choice(pool)
        return self.rng.choices(w.windows, cum_weights=w.window_weights)[0]

    def depts(self, n):
        out = []
        while len(out) < n:
            d = self.dept()
            if d not in out:
                out.append(d)
        return out

    def domain(self, org):
        return self.rng.choice(DOMAINS.get(org.name, DEFAULT_DOMAINS))

    def official(self, org, senior=False, exclude=()):
        staff = [s for s in self.bulletin.world.staff(org, self.day_of()) if s[0] not in exclude]
        if senior:
            heads = [s for s in staff if org.head in s[1] or org.deputy in s[1]]
            staff = heads or staff
        return self.rng.choice(staff)

    def n(self, lo, hi):
        return self.rng.randint(lo, hi)


# ---------------------------------------------------------------------------------------------------------------
# Item phrasings, modelled on the real items. Each writes one paragraph into an ItemBuilder.
# `lead=False` drops the opening time expression (the later activities of a multi-activity paragraph).
# ---------------------------------------------------------------------------------------------------------------
def t_party_meeting(b, lead=True):
    d = b.dept()
    b.event_type = "meeting"
    b.add(b.lead() if lead else "", b.window(d), "党支部召开", b.rng.choice(PARTY_TOPICS), "专题会议，")
    if b.rng.random() < 0.5:
        b.add("集体观看", b.doc(b.rng.choice(FILMS)), "警示教育片，深入学习", b.org(d), "财经制度及管理办法。")
    else:
        b.add(b.rng.choice(["传达学习上级有关会议精神，研究部署下阶段重点工作。", "通报窗口运行情况，分析存在的短板问题。"]))
    demands = b.rng.sample(MEETING_DEMANDS, 2)
    b.add("会议要求，", demands[0], "；", demands[1], "。")


def t_org_life(b, lead=True):
    d = b.dept()
    b.event_type = "meeting"
    year = b.bulletin.end.year - (1 if b.bulletin.end.month <= 4 else 0)
    b.add(b.lead({"day": 3, "none": 1}) if lead else "", b.window(d),
          b.rng.choice(["党支部召开", "召开了"]), f"{year}年度", b.rng.choice(["组织生活会", "党支部组织生活会"]),
          "。重点查摆党支部在增强政治功能和组织功能等方面存在的问题，提出整改措施；全体党员对照党员义务，深刻查摆自身问题，"
          "认真开展批评与自我批评。会议强调，", b.rng.choice(MEETING_DEMANDS), "。")


def t_symposium(b, lead=True):
    d = b.dept(["四川省经济和信息化厅", "四川省商务厅", "四川省发展和改革委员会", "四川省农业农村厅"])
    b.event_type = "meeting"
    c1, c2 = b.rng.sample(CITIES[:18], 2)
    industry = b.rng.choice(INDUSTRIES)
    b.add(b.lead() if lead else "", b.org(d, actor=True), "召集", b.place(c1[:-1]), "、", b.place(c2[:-1]),
          f"等地{industry}产业主管部门、重点企业代表，举行座谈会。围绕{industry}产业园区培育、技术改造、技术创新工作进行交流，"
          f"对项目审批、发展资金申报等实际问题进行探讨沟通，现场解决、收集企业诉求。")


def t_work_meeting(b, lead=True):
    d = b.dept()
    b.event_type = "meeting"
    domain = b.domain(d)
    p1, p2 = b.rng.sample(["百日行动", "三优", "政务服务质量全面提升年", "我为群众办实事", "证照分离"], 2)
    b.add(b.lead() if lead else "", b.org(d, actor=True), f"召开全省{domain}工作会议。会议要求，聚焦推进{domain}领域制度型开放，"
          "聚力服务高质量发展。以", b.prog(p1), "行动为牵引，深化审批服务改革。深入开展", b.prog(p2),
          "活动，提供更加便民利企的政务服务。")


def t_training_company(b, lead=True):
    d = b.dept()
    b.event_type = "training"
    domain = b.domain(d)
    company = b.rng.choice(b.bulletin.world.companies) if b.bulletin.world.companies else None
    b.add(b.lead() if lead else "", b.window(d), "组织对")
    b.add(b.org(company) if company else "相关企业", f"代表进行了{domain}申请培训。会上，窗口工作人员就{domain}的具体许可程序、"
          "申请材料等进行现场解疑答惑，并对网上申报流程做了详细讲解及演示，帮助企业解决在申请中遇到的困难。")


def t_training_invite(b, lead=True):
    d = b.dept(["四川省交通运输厅", "四川省商务厅", "四川省应急管理厅", "四川省市场监督管理局"])
    b.event_type = "training"
    domain = b.domain(d)
    b.add(b.lead() if lead else "", b.org(d, actor=True), "邀请")
    pool = b.bulletin.world.logistics if d.name == "四川省交通运输厅" and b.bulletin.world.logistics else \
        b.bulletin.world.companies
    if len(pool) >= 2:
        c1, c2 = b.rng.sample(pool, 2)
        b.add(b.org(c1), "、", b.org(c2), "等企业")
    else:
        b.add("重点企业")
    b.add(f"举办{domain}业务培训会。详细讲解{domain}系统申请操作的流程及注意事项，分析许可申请过程中常出现的问题，"
          "精准提升企业系统运用能力，不断提高办证质效。")


def t_training_system(b, lead=True):
    d = b.dept()
    b.event_type = "training"
    b.add(b.lead() if lead else "", b.window(d), f"组织开展{b.domain(d)}企业培训。窗口工作人员现场实操并细致讲解审批系统操作全流程，"
          "指导企业人员登录、注册和运用并联系统，鼓励企业积极进行网上注册申报，让数据多跑腿，实现", b.slogan("一趟不用跑"),
          "。同时与企业建立", b.slogan("一对一"), "联络员服务机制，以精准、高效的服务助力企业发展。")


def t_training_muni(b, lead=True):
    w = b.bulletin.world
    muni = [o for o in w.municipal if o.kind == "government"]
    if not muni:
        return t_training_system(b, lead)
    d = b.dept(["四川省司法厅", "四川省卫生健康委员会", "四川省民政厅"])
    b.event_type = "training"
    b.add(b.lead() if lead else "", b.org(d, actor=True), "对", b.org(b.rng.choice(muni)),
          f"就{b.domain(d)}事项进行了业务指导培训。会上，对方代表汇报了工作进展情况、内部管理制度以及需要解决的问题，",
          b.org(d), "窗口就有关问题提出可行性意见，并表示配合业务部门一并妥善解决。")


def t_service_hospital(b, lead=True):
    w = b.bulletin.world
    d = b.dept(HEALTH[:2])
    hospital = b.rng.choice(w.hospitals) if w.hospitals else None
    b.event_type = "service"
    if hospital is None:
        return t_service_doorstep(b, lead)
    if b.rng.random() < 0.5:
        b.add(b.lead() if lead else "", b.org(d, actor=True), b.rng.choice(["窗口", "行政审批窗口"]), "赴", b.org(hospital),
              "开展上门服务，就该院在新增院区审批、执业登记等方面问题进行指导。审批人员实地察看了该院门诊部、住院大楼、"
              "手术室等重点科室，查阅了申报材料，并与院方进行指导交流。")
    else:
        b.add(b.lead() if lead else "", b.org(d, actor=True), "窗口获悉", b.org(hospital),
              f"有{b.domain(d)}的审批需求，立即指派{CN[b.n(1, 3)]}名工作人员开展现场审查工作，加班完成现场审查报告，"
              "出具审查意见，较法定审批时限大幅提前，受到服务对象好评。")


def t_service_review(b, lead=True):
    w = b.bulletin.world
    d = w.orgs.get("四川省公安厅") or b.dept()
    b.event_type = "service"
    n1, n2 = b.n(5, 30), b.n(2, 9)
    b.add(b.lead({"day": 4, "recent": 1}) if lead else "", b.window(d), "组织")
    if len(w.associations) >= 2:
        b.add(b.org(w.associations[0], actor=True), "和", b.org(w.associations[1], actor=True), "专家")
    else:
        b.add("行业专家")
    b.add("对近期受理的", b.stat(f"{n1}家爆破作业单位资质许可申请", d.name, "集中评审爆破作业单位资质许可申请", n1, "家"),
          "进行集中评审。对符合法定规定的给予通过，对", b.stat(f"{n2}家申报材料不齐全或不符合法定规定的", d.name,
                                                   "一次性告知补齐材料", n2, "家"),
          "，一次性告知补齐材料和补正方式，进一步提升审批效率。")


def t_service_project(b, lead=True):
    d = b.dept(PROJECT_DEPTS)
    w = b.bulletin.world
    b.event_type = "service"
    county = b.rng.choice(COUNTIES)
    facility = b.rng.choice(FACILITIES)
    b.add(b.lead({"recent": 3, "day": 2}) if lead else "", b.window(d), "根据",
          b.doc(f"四川{b.rng.choice(['林草', '自然资源', '水利', '交通'])}助力稳住经济增长{b.rng.choice(['八条', '十条'])}措施"),
          "对国家和省级重点能源、交通、水利等项目报批工作进行督促指导，")
    if w.companies and b.rng.random() < 0.6:
        b.add("与", b.org(b.rng.choice(w.companies)), "等业主单位及中介服务单位现场座谈，")
    b.add("开展", b.place(county), facility, "申报事项工作推进会，对项目报批全程跟踪管理，做到提前介入，全力缩短了审批时限。")


def t_service_doorstep(b, lead=True):
    d = b.dept()
    b.event_type = "service"
    city = b.rng.choice(CITIES)
    b.add(b.lead() if lead else "", b.window(d), "开展上门服务，对", b.place(city), "重点项目相关审批工作进行",
          b.slogan("面对面"), "指导，现场了解项目建设情况，指导企业完善申报材料，着力推进项目早日竣工投产。")


def t_inspection_trip(b, lead=True):
    d = b.dept()
    b.event_type = "inspection"
    county = b.rng.choice(COUNTIES)
    b.add(b.lead({"day": 5, "none": 1}) if lead else "", b.org(d, actor=True), "派出工作组赴", b.place(county),
          f"开展{b.domain(d)}工作调研并召开座谈会。工作组与企业代表围绕自身发展面临的困难和需要支持的事项等进行了交流发言，"
          "将通过开展申报辅导、提高审批效率、规范监管执法等方式积极支持当地产业发展。")


def t_inspection_multi(b, lead=True):
    d = b.dept(["四川省自然资源厅", "四川省应急管理厅", "四川省生态环境厅", "四川省水利厅"])
    b.event_type = "inspection"
    c1, c2 = b.rng.sample(CITIES[:18], 2)
    n_city, n_meet, n_site, n_issue = b.n(3, 9), b.n(5, 30), b.n(20, 90), b.n(10, 80)
    b.add(b.lead({"range": 3, "day": 1}) if lead else "", b.org(d, actor=True), "派出工作组前往", b.place(c1[:-1]), "、",
          b.place(c2[:-1]), f"等{n_city}个市(州)开展隐患排查整治技术指导。工作组按照", b.slogan(b.rng.choice(REQUIREMENTS)),
          "的要求，深入一线，高效推进隐患排查整治工作，",
          b.stat(f"累计召开座谈会{n_meet}场", d.name, "召开座谈会", n_meet, "场"), "，实地核查",
          b.stat(f"重点点位{n_site}处", d.name, "实地核查重点点位", n_site, "处"), "，并对发现的",
          b.stat(f"{n_issue}个问题", d.name, "发现问题并提出整改措施", n_issue, "个"), "有针对性地提出具体整改措施。")


def t_inspection_site(b, lead=True):
    d = b.dept(["四川省交通运输厅", "四川省水利厅", "四川省卫生健康委员会", "四川省应急管理厅"])
    b.event_type = "inspection"
    city = b.rng.choice(CITIES[:18])
    b.add(b.lead() if lead else "", b.window(d), "赴", b.place(city), "实地调研督导", b.rng.choice(FACILITIES),
          "开工准备情况，听取建设单位关于项目开工要件准备情况汇报，现场辅导准备项目申报审批相关资料，帮助完善开工准备工作方案。")


def t_policy_notice(b, lead=True):
    d = b.dept()
    b.event_type = "policy"
    p1, p2, p3, p4 = b.rng.sample(["政务服务质量全面提升年", "政务服务进市县", "政务服务进企业", "一件事一次办", "省内通办",
                                   "我为群众办实事", "帮办代办", "容缺受理"], 4)
    b.add(b.lead({"none": 3, "day": 1}) if lead else "", b.org(d, actor=True), b.rng.choice(["印发", "出台"]),
          b.doc(f"关于开展“{p1}”活动的通知", [p1]), "。提出，一要推进事项标准化，全面规范", b.domain(d),
          "管理；二要持续开展", b.prog(p2), b.prog(p3), "等专题活动，发现短板问题、交流经验做法；三要拓展", b.prog(p4),
          "等特色服务范围，推动更多事项网上办理。")


def t_policy_issue(b, lead=True):
    d = b.dept()
    b.event_type = "policy"
    domain = b.domain(d)
    b.add(b.lead({"none": 3, "day": 1}) if lead else "", b.org(d, actor=True), "出台",
          b.doc(f"{d.name}关于{b.rng.choice(DOC_VERBS)}{domain}工作的通知"), "，决定开通", domain,
          b.slogan(b.rng.choice(["特殊通道", "绿色通道"])), "，明确办理时限和材料要求，进一步便利申请人办事。")


def t_policy_list(b, lead=True):
    d = b.dept()
    b.event_type = "policy"
    domain = b.domain(d)
    title = domain + b.rng.choice(["办事指南", "事项清单", "服务手册"])
    b.add(b.lead() if lead else "", b.org(d, actor=True), "梳理形成", b.doc(title),
          f"，明确{domain}等事项的办理流程和时限要求，推动更多事项", b.prog(b.rng.choice(["全程网办", "一网通办", "跨省通办"])), "。")


def t_publicity_event(b, lead=True):
    d = b.dept()
    partner = b.dept()
    b.event_type = "publicity"
    b.add(b.lead({"day": 5, "none": 1}) if lead else "", b.org(d, actor=True))
    if partner is not d:
        b.add("联合", b.org(partner, actor=True))
    b.add("在省政务服务大厅举办以", b.slogan(b.rng.choice(THEMES)), "为主题的宣传活动。现场通过播放",
          b.doc(f"四川省{b.domain(d)}{b.rng.choice(['规定', '办法', '条例'])}"),
          "短视频、发放宣传资料、有奖竞猜等形式，向办事群众普及相关法律法规知识。")


def t_publicity_briefing(b, lead=True):
    d = b.dept()
    b.event_type = "publicity"
    b.add(b.lead() if lead else "", b.org(d, actor=True), f"组织部分申请单位代表召开了{b.domain(d)}政策宣讲会。会上，"
          "共同学习了相关政策文件，阐释了登记审批的根本遵循和政策要求，与会代表作了发言，希望进一步加大协调力度，帮助申请人",
          b.slogan(b.rng.choice(["疏堵、解困", "少跑路", "减材料"])), "。")


def t_system_certificates(b, lead=True):
    d = b.dept()
    w = b.bulletin.world
    b.event_type = "system"
    n, rate = b.n(200, 3000), b.n(60, 99)
    b.add(b.org(d, actor=True), b.slogan("三主动"), f"推进{b.rng.choice(CERTIFICATES)}证照电子化。一是主动沟通，组织业务人员与")
    b.add(b.org(w.orgs[BIG_DATA_CENTER]) if BIG_DATA_CENTER in w.orgs else "技术支撑单位",
          "共同探讨工作思路、商定电子证照系统对接工作方案；二是主动推动，通过下发通知、电话联系等方式全覆盖通知持证人员；"
          "三是主动汇报，坚持每周书面汇报工作进度。")
    until = b.when("until")
    end = b.date["end"] if b.date and b.date["surface"] == until else None
    snap = {"start": None, "end": end or b.bulletin.end.isoformat()}
    b.add(until, "，", b.stat(f"已完成{n}本存量纸质证书电子化转换", "全省", "存量纸质证书电子化转换", n, "本", snap, True),
          "工作，", b.stat(f"全省证书电子化率达{rate}%", "全省", "证书电子化率", rate, "%", snap, True), "。")


def t_system_online(b, lead=True):
    d = b.dept()
    b.event_type = "system"
    b.add(b.lead({"day": 3, "recent": 1}) if lead else "", b.org(d, actor=True), b.rng.choice(SYSTEMS),
          "正式上线运行，实现", b.domain(d), b.prog(b.rng.choice(["全程网办", "一网通办", "秒批秒办", "免证办"])),
          "，企业和群众通过省一体化政务服务平台即可在线申办、查询办理进度。")


def t_system_license(b, lead=True):
    d = b.dept()
    b.event_type = "system"
    n = b.n(5, 30)
    b.add("为扎实推进全省政务服务领域", b.prog("一网通办"), "，", b.org(d, actor=True),
          "积极推动电子营业执照在政务服务领域跨行业、跨区域、跨层级应用，主动将",
          b.stat(f"{n}类依申请类政务服务事项", d.name, "纳入电子营业执照应用首批事项清单的事项", n, "类"), "纳入",
          b.doc("四川省电子营业执照应用首批事项清单"), "，实现了市场主体身份在线", b.slogan("一次验证、全网通用"), "。")


def t_cooperation(b, lead=True):
    w = b.bulletin.world
    d = b.dept([n for n in CHONGQING if n in w.orgs])
    cq = w.orgs.get(CHONGQING.get(d.name, ""))
    if cq is None:
        return t_policy_list(b, lead)
    b.event_type = "policy"
    n = b.n(5, 30)
    b.add(b.org(d, actor=True), "和", b.org(cq, actor=True), "互联", b.slogan("共通"), "，建立", b.place("成渝地区双城经济圈"),
          "协调机制，推行", b.stat(f"{n}项", d.name, "推行“川渝通办”事项", n, "项"), b.prog("川渝通办"), "事项",
          b.prog("全程网办"), "，常态化开展川渝两地经验交流。")


def t_remote_service(b, lead=True):
    d = b.dept()
    b.event_type = "service"
    n, firms = b.n(500, 5000), b.n(20, 150)
    b.add(b.window(d), "坚持以企业需求为导向，通过加快回复咨询件、对办公电话呼叫转移等方式，解答企业和办事群众的咨询，同时正常推进网上审批，"
          f"受理审核{b.domain(d)}等各类申请", b.stat(f"共计{n}件", d.name, "受理审核申请", n, "件"),
          "，对", b.stat(f"通过审核的{firms}家企业", d.name, "通过审核并通告的企业", firms, "家"), "如期进行了通告。")


DEPT_TEMPLATES = [(t_party_meeting, 3), (t_org_life, 2), (t_symposium, 1), (t_work_meeting, 2), (t_training_company, 3),
                  (t_training_invite, 2), (t_training_system, 2), (t_training_muni, 1), (t_service_hospital, 3),
                  (t_service_review, 2), (t_service_project, 2), (t_service_doorstep, 2), (t_inspection_trip, 2),
                  (t_inspection_multi, 1), (t_inspection_site, 2), (t_policy_notice, 2), (t_policy_issue, 1),
                  (t_policy_list, 2), (t_publicity_event, 2), (t_publicity_briefing, 1), (t_system_certificates, 1),
                  (t_system_online, 2), (t_system_license, 1), (t_cooperation, 1), (t_remote_service, 1)]
# The phrasings that read well without an opening date, for the later activities of a multi-activity paragraph.
CHAINABLE = [t_training_system, t_service_doorstep, t_inspection_site, t_system_online, t_service_hospital,
             t_publicity_event, t_training_company]


# -- the center's own work (推进情况, 其他工作开展情况): no written subject, so the center is the implicit actor ----
def c_issue(b):
    b.event_type = "policy"
    b.implicit(CENTER)
    docs = [f"{b.rng.choice(['四川省', '省本级'])}{t}{s}" for t, s in
            zip(b.rng.sample(DOC_TOPICS, 2), b.rng.sample(DOC_SUFFIXES, 2))]
    if b.rng.random() < 0.5:
        b.add("印发", b.doc(docs[0]), "和", b.doc(docs[1]), "。")
    else:
        b.add("研究起草", b.doc(docs[0]), "。")


def c_contacts(b):
    b.event_type = "policy"
    b.implicit(CENTER)
    p = b.rng.sample(["川渝通办", "省内通办", "跨省通办", "一窗通办"], 3)
    b.add("动态更新", b.prog(p[0]), b.prog(p[1]), b.prog(p[2]), "联系清单。")


def c_mutual(b):
    b.event_type = "policy"
    b.implicit(CENTER)
    n = b.n(10, 60)
    d1, d2 = b.depts(2)
    b.add("梳理", b.stat(f"{n}个", CENTER, "梳理“川渝通办”电子证照互认共享清单", n, "个"), b.prog("川渝通办"),
          "电子证照互认共享清单，跟进", b.org(d1), "、", b.org(d2), "同", b.place("重庆市"), "的受办标准统一的工作对接。")


def c_list(b):
    b.event_type = "policy"
    b.implicit(CENTER)
    name = b.rng.choice(LIST_NAMES)
    n, main, sub = b.n(25, 45), b.n(300, 600), b.n(800, 1500)
    b.add("梳理", b.doc(name), "，")
    now = b.when("now")
    snap = {"start": None, "end": b.bulletin.end.isoformat()}
    b.add(now, "事项清单", b.stat(f"涵盖{n}个省级部门", name, "涵盖省级部门", n, "个", snap), "，其中",
          b.stat(f"主项{main}项", name, "主项", main, "项", snap), "，",
          b.stat(f"办理项{sub}项", name, "办理项", sub, "项", snap), "。")


def c_training(b):
    b.event_type = "training"
    b.implicit(CENTER)
    ds = b.depts(b.n(2, 3))
    staff, times = b.n(8, 30), b.n(2, 9)
    b.add("组织")
    for i, d in enumerate(ds):
        b.add("、" if i else "", b.org(d, actor=True))
    b.add("业务骨干", b.stat(f"对{staff}名综合窗口工作人员", CENTER, "业务培训综合窗口工作人员", staff, "名"),
          "进行", b.stat(f"业务培训{times}次", CENTER, "业务培训次数", times, "次"), "。")


def c_scenes(b):
    b.event_type = "policy"
    b.implicit(CENTER)
    n = b.n(5, 20)
    b.add("专题研究跨层级、跨部门", b.prog("一件事一次办"), "，", b.stat(f"整合{n}个", CENTER, "整合“一件事一次办”服务场景", n, "个"),
          b.prog("一件事一次办"), "服务场景，搭建办理情形框架，起草", b.doc("新增跨层级、跨部门“一件事一次办”工作方案", ["一件事一次办"]), "。")


def c_manual(b):
    b.event_type = "policy"
    b.implicit(CENTER)
    n, depts = b.n(200, 900), b.n(5, 20)
    b.add(f"持续开展第{CN[b.n(1, 4)]}批受理工作手册梳理、审核工作。")
    now = b.when("now")
    snap = {"start": None, "end": b.bulletin.end.isoformat()}
    b.add(now, "，", b.stat(f"已完成{n}个事项情形项的梳理、审核和确认工作", CENTER, "完成梳理、审核和确认的事项情形项", n, "个",
                            snap, True), "，", b.stat(f"涉及{depts}个省级部门（单位）窗口", CENTER,
                                                     "受理工作手册涉及的省级部门（单位）窗口", depts, "个", snap, True), "。")


CENTER_TEMPLATES = [(c_issue, 3), (c_contacts, 1), (c_mutual, 1), (c_list, 1), (c_training, 2), (c_scenes, 1)]


# -- 重点工作推进情况: items that open with an inline label --------------------------------------------------------
def k_digital(b):
    b.event_type = "system"
    b.implicit(CENTER)
    b.add("数字政府项目建设。学习贯彻", b.when("day"), "数字政府项目建设专题会议精神，会同", b.org("四川省发展和改革委员会", actor=True),
          "对建设方案、长远规划中的基础设施、数据底座和应用平台等内容进行调整优化。")


def k_one_thing(b):
    b.event_type = "system"
    b.implicit(CENTER)
    x, y = b.rng.sample(ONE_THINGS, 2)
    n = b.n(20, 90)
    b.add(b.prog("高效办成一件事"), "。筹备", b.prog(f"{x}一件事"), "在全国工作会上的系统演示，梳理", b.prog(f"{y}一件事"),
          "问题清单，明确责任部门和解决措施；支撑", b.prog("一件事"), "在全省稳定运行，",
          b.stat(f"处理问题{n}个", CENTER, "支撑“一件事”运行处理问题", n, "个"), "。")


def k_policies(b):
    b.event_type = "system"
    b.implicit(CENTER)
    b.add(b.prog("惠企政策直达快享"), "专项行动。")
    day = b.when("day")
    snap = {"start": None, "end": b.date["end"]}
    scope = "四川政务服务网助企惠企服务专区"
    a, c, e = b.n(500, 3000), b.n(200, 1500), b.n(3000, 20000)
    b.add(day, "，四川政务服务网助企惠企服务专区上线试运行。专区建立全省惠企政策事项库，具备惠企政策查询、咨询、解读、匹配等功能，",
          b.stat(f"累计发布政策文件{a}个", scope, "发布政策文件", a, "个", snap, True), "、",
          b.stat(f"政策解读{c}个", scope, "发布政策解读", c, "个", snap, True), "、",
          b.stat(f"认领事项{e}个", scope, "认领事项", e, "个", snap, True), "。")


def k_value_added(b):
    b.event_type = "meeting"
    if "增值化改革" not in b.programs:
        b.programs.append("增值化改革")
    ds = b.depts(b.n(2, 4))
    b.add("增值化改革。", b.org(CENTER, actor=True), "组织")
    for i, d in enumerate(ds):
        b.add("、" if i else "", b.org(d, actor=True))
    d1, d2 = b.rng.sample(DISTRICTS, 2)
    b.add(f"等{b.n(len(ds) + 2, 12)}个增值化改革牵头部门，召开企业服务平台建设专题会议；赴", b.place(d1), "、", b.place(d2),
          "调研增值化改革工作开展情况。")


def k_policy_push(b):
    b.event_type = "policy"
    ds = b.depts(2)
    files, valid, items = b.n(1000, 5000), b.n(30, 120), b.n(40, 150)
    b.add(b.org(CENTER, actor=True), "组织", b.org(ds[0], actor=True), "、", b.org(ds[1], actor=True),
          f"等{b.n(5, 20)}个省直部门(单位)开展惠企政策分板块分类集中攻关。全量梳理惠企政策，",
          b.stat(f"共梳理政策文件{files}份", CENTER, "梳理政策文件", files, "份"), "，",
          b.stat(f"确认有效惠企政策{valid}份", CENTER, "确认有效惠企政策", valid, "份"), "，",
          b.stat(f"拆解惠企政策事项{items}个", CENTER, "拆解惠企政策事项", items, "个"), "。",
          b.doc("我省惠企政策集中攻关成效初显"), "信息在", b.doc("政务晨讯"), f"第{b.n(10, 90)}期刊载。")


KEY_TEMPLATES = [(k_digital, 1), (k_one_thing, 2), (k_policies, 1), (k_value_added, 1), (k_policy_push, 1)]


# -- 政务工作动态: the governor, the center's leaders, delegations ----------------------------------------------------
def l_governor_research(b):
    b.event_type = "meeting"
    b.implicit(GOVERNMENT)
    w = b.bulletin.world
    day = b.when("day")
    name = w.governor(b.day_of())
    d1, d2 = b.depts(2)
    city = b.rng.choice(CITIES[:18])
    b.add(day, b.bulletin.comma, b.org(PARTY_COMMITTEE, form="省委"), "副书记、省长", name)
    b.persons.append({"name": name, "titles": ["省委副书记", "省长"], "organization": GOVERNMENT, "role": "speaker"})
    b.add("专题调研推进数字政府建设和", b.prog("高效办成一件事"), "工作并召开专题会议，听取",
          b.org(CENTER, form="省政务服务和资源交易服务中心"), "、", b.org(d1), "、", b.org(d2), "和", b.place(city),
          "相关工作汇报，强调要加快数字政府建设，推动科技赋能数据共享流程再造，持续提升企业和群众满意度获得感。")


def l_governor_meeting(b):
    b.event_type = "meeting"
    w = b.bulletin.world
    day = b.when("day")
    name = w.governor(b.day_of())
    b.add(day, b.bulletin.comma, b.org(PARTY_COMMITTEE, form="省委"), "副书记、省长", name)
    b.persons.append({"name": name, "titles": ["省委副书记", "省长"], "organization": GOVERNMENT, "role": "speaker"})
    # the executive meetings of a government term are numbered on, about one a fortnight
    b.add("主持召开", b.org(GOVERNMENT, actor=True, form="省政府"), f"第{w.executive_meeting(b.day_of())}次常务会议，")
    if b.rng.random() < 0.5:
        b.add("传达学习习近平总书记重要讲话精神，")
        b.persons.append({"name": "习近平", "titles": ["总书记"], "organization": None, "role": "subject"})
    b.add("研究推动经济持续回升向好等工作。会议指出，要加强政策宣传解读，推动政策", b.slogan("易申快享"),
          "，简化申报程序和兑现流程，持续优化营商环境。")


def l_center_meeting(b):
    b.event_type = "meeting"
    w = b.bulletin.world
    day = b.when("day")
    official, titles = b.official(w.center, senior=True)
    b.add(day, b.bulletin.comma, b.org(CENTER, actor=True), f"召开{b.rng.choice(CENTER_MEETING_TOPICS)}专题会议，",
          b.rng.choice(CENTER_MEETING_BODY), "，", b.person(official, titles, "speaker", org_form="省中心"),
          "出席会议并讲话。会议强调，", b.rng.choice(CENTER_MEETING_DEMANDS), "。")


def l_center_training(b):
    w = b.bulletin.world
    if not w.lecturers:
        return l_center_meeting(b)
    b.event_type = "training"
    day = b.when("day")
    name, univ, title = b.rng.choice(w.lecturers)
    b.add(day, b.bulletin.comma, b.org(CENTER, actor=True), "组织召开", b.prog("四川数字政府大讲堂"),
          f"第{CN[b.n(0, 9)]}期视频培训会。此次培训特邀", b.org(univ), title, name)
    b.persons.append({"name": name, "titles": [title], "organization": univ.name, "role": "lecturer"})
    b.add(f"进行专题授课，从{b.rng.choice(LECTURE_TOPICS)}等方面作了全面细致的讲解。中心领导班子成员、全体干部职工参加培训。")


def l_delegation(b):
    b.event_type = "visit"
    w = b.bulletin.world
    day = b.when("day")
    d = b.dept()
    first = b.official(d, senior=True)
    members = [first]
    if b.rng.random() < 0.5:
        members.append(b.official(d, exclude=[first[0]]))
    host = b.official(w.center, senior=True)
    topics = b.rng.sample(PROGRAMS, 2)
    b.add(day, b.bulletin.comma, b.person(first[0], first[1], "visitor"))
    for official, titles in members[1:]:
        b.add("，", b.person(official, titles, "visitor"))
    b.add("一行到省政务服务大厅调研。", b.person(host[0], host[1], "accompanying", org_form="省中心"),
          "陪同调研。调研组一行详细了解", b.prog(topics[0]), b.prog(topics[1]), "等工作推进情况，对政务服务工作给予充分肯定。")
    names = [o.name for o, _ in members]
    for official, titles in members:
        b.visits.append({"person": official.name, "organization": d.name, "titles": list(titles), "date": b.date,
                         "purpose": "调研", "accompanied_by": [n for n in names if n != official.name] + [host[0].name],
                         "target": "省政务服务大厅"})


LEADER_TEMPLATES = [(l_governor_research, 1), (l_governor_meeting, 1), (l_center_meeting, 2), (l_center_training, 1),
                    (l_delegation, 2)]


# -- 厅（局）长进大厅 ------------------------------------------------------------------------------------------------
def v_single(b):
    b.event_type = "visit"
    d = b.dept()
    day = b.lead({"day": 6, "recent": 1} if not b.bulletin.monthly else {"day": 1})
    official, titles = b.official(d, senior=True)
    form = d.form(b.rng)
    purpose = b.rng.choice(["调研指导工作", "调研指导", "调研"])
    own_window = b.rng.random() < 0.6
    target = f"省政务服务大厅{form}窗口" if own_window else "省政务服务大厅窗口"
    b.add(day, b.person(official, titles, "visitor", org_form=form), "到", target, purpose, "。", official.name,
          b.rng.choice(VISIT_VERBS), "，", b.rng.choice(VISIT_REMARKS))
    roll = b.rng.random()
    if roll < 0.3:
        b.add("，让群众办事", b.slogan("少跑路"), b.slogan("不跑路"))
    elif roll < 0.5:
        b.add("，切实将窗口打造成政民互动的", b.slogan(b.rng.choice(IMAGES)))
    b.add("。")
    b.visits.append({"person": official.name, "organization": d.name, "titles": list(titles), "date": b.date,
                     "purpose": purpose.replace("工作", ""), "accompanied_by": [], "target": target})


def v_duty(b):
    """Several officials on duty, listed without saying they came together."""
    b.event_type = "visit"
    day = b.lead({"week": 3, "day": 1} if not b.bulletin.monthly else {"month": 3, "day": 1})
    chosen, seen = [], set()
    for d in b.depts(b.n(2, 5)):
        for _ in range(1 if b.rng.random() < 0.7 else 2):
            official, titles = b.official(d, exclude=seen)
            if official not in seen:
                seen.add(official)
                chosen.append((official, titles))
    b.add(day)
    for i, (official, titles) in enumerate(chosen):
        b.add("，" if i else "", b.person(official, titles, "visitor"))
    b.add("到省政务服务大厅窗口调研值守。")
    for official, titles in chosen:
        b.visits.append({"person": official.name, "organization": official.org.name, "titles": list(titles),
                         "date": b.date, "purpose": "调研值守", "accompanied_by": [], "target": "省政务服务大厅窗口"})


def v_group(b):
    """Two officials of one department 一行, with a 慰问 activity."""
    b.event_type = "visit"
    d = b.dept()
    day = b.lead({"day": 3, "recent": 2})
    a = b.official(d, senior=True)
    c = b.official(d, exclude=[a[0]])
    sep = "、" if len(a[1]) == 1 and len(c[1]) == 1 else "，"
    form = d.form(b.rng)
    b.add(day, b.person(a[0], a[1], "visitor", org_form=form), sep, b.person(c[0], c[1], "visitor", org_form=form),
          "一行到省政务服务大厅", form, "窗口调研，并开展", b.prog(b.rng.choice(["夏送清凉", "冬送温暖"])),
          "慰问活动。在听取窗口近期工作报告后，对窗口人员良好的精神面貌、热情的服务态度表示高度肯定，同时，对窗口提出了新的工作要求和期望。")
    for (o, t), other in ((a, c), (c, a)):
        b.visits.append({"person": o.name, "organization": d.name, "titles": list(t), "date": b.date,
                         "purpose": "调研、慰问", "accompanied_by": [other[0].name], "target": f"省政务服务大厅{form}窗口"})


# ---------------------------------------------------------------------------------------------------------------
# One bulletin: layout, truth and the paragraphs to render
# ---------------------------------------------------------------------------------------------------------------
class Bulletin:
    def __init__(self, world, slot, file, rng):
        self.world, self.slot, self.file, self.rng = world, slot, file, rng
        self.monthly = slot.series == MONTHLY
        self.start, self.end = slot.start, slot.end
        self.blocks = []          # (role, clean text, extra) in document order
        self.sections, self.items, self.visits, self.statistics, self.inspection = [], [], [], [], []
        self.used_orgs = {}
        self.section = self.subsection = None
        self.comma = "," if rng.random() < 0.1 else "，"
        self.halfwidth = rng.random() < 0.3      # some markers written (1) / (一)
        self.lead_kinds = ({"day": 70, "range": 6, "month": 6, "none": 18} if self.monthly else
                           {"day": 55, "recent": 15, "week": 5, "none": 25})
        self.days = [self.start + timedelta(days=i) for i in range((self.end - self.start).days + 1)]
        self.workdays = [d for d in self.days if d.weekday() < 5] or self.days
        self.notes = []

    def pick_day(self):
        return self.rng.choice(self.workdays)

    # -- structure --------------------------------------------------------------------------------------------------
    def add_section(self, title):
        no = CN[len(self.sections)] if len(self.sections) < 10 else "十" + CN[len(self.sections) - 10]
        self.sections.append({"no": no, "title": title, "subsections": []})
        self.section, self.subsection = title, None
        self.blocks.append(("heading", f"{no}、{title}", None))

    def add_subsection(self, title):
        subs = self.sections[-1]["subsections"]
        no = self.paren(CN[len(subs)])
        subs.append({"no": no, "title": title})
        self.subsection = title
        self.blocks.append(("heading", f"{no}{title}", None))

    def paren(self, inner, halfwidth=None):
        if halfwidth is None:
            halfwidth = self.halfwidth and self.rng.random() < 0.5
        return f"({inner})" if halfwidth else f"（{inner}）"

    def marker(self, style, i):
        if style == "num":
            return f"{i}."
        if style == "paren":
            return self.paren(str(i))
        return self.paren(CN[i - 1] if i <= 10 else "十" + CN[i - 11])

    def add_item(self, template, marker=None):
        b = ItemBuilder(self)
        template(b)
        self._commit(b, marker)

    def _commit(self, b, marker):
        text = b.text
        index = len(self.items)
        self.items.append({
            "section": self.section, "subsection": self.subsection, "marker": marker,
            "text_start": text[:TEXT_START], "date": b.date, "organizations": b.organizations, "actors": b.actors,
            "implicit_actors": b.implicit_actors, "persons": _dedupe_persons(b.persons), "programs": b.programs,
            "rejected_quotes": b.rejected, "documents": b.documents, "event_type": b.event_type, "places": b.places})
        for s in b.statistics:
            self.statistics.append({"item": index, **s})
        self.visits.extend(b.visits)
        self.blocks.append(("item", (marker or "") + text, marker))

    def add_items(self, templates, n, style):
        pool, weights = zip(*templates)
        chosen = []
        for i in range(1, n + 1):
            t = self.rng.choices(pool, weights)[0]
            # a small pool (leaders, key work) does not repeat itself; the window phrasings may, twice at most
            limit = 1 if len(pool) <= 6 else 2
            for _ in range(8):
                if chosen.count(t) < limit:
                    break
                t = self.rng.choices(pool, weights)[0]
            chosen.append(t)
            self.add_item(t, self.marker(style, i) if style else None)

    def add_multi_activity(self, marker):
        """One paragraph with several departments' activities (seed 004 一(三)): one item, every body an actor."""
        b = ItemBuilder(self)
        b.add(b.when("week"), self.comma)
        for i, t in enumerate(self.rng.sample(CHAINABLE, self.rng.randint(2, 4))):
            event = b.event_type
            t(b, lead=False)
            b.event_type = event or b.event_type
        self._commit(b, marker)

    # -- statistics paragraphs --------------------------------------------------------------------------------------
    def window_figures(self, unit_flow="件"):
        s = self.slot
        b = ItemBuilder(self)
        b.event_type = "statistics"
        week = b.when("week")
        ytd_period = _span(date(self.end.year, 1, 1), self.end)
        names = [("咨询", "人次"), ("受理", "件"), ("颁发", "件"), ("流转", unit_flow)]
        b.add(week, "，共计")
        for i, ((metric, unit), v) in enumerate(zip(names, s.weekly_figures)):
            b.add("、" if i else "", b.stat(f"{metric}{v}{unit}", "综窗", metric, v, unit, category="service_volume"))
        b.add(self.rng.choice(["；", "。"]))
        for i, ((metric, unit), v) in enumerate(zip(names, s.ytd_figures)):
            surface = f"{metric}{v}{unit}"
            if i == 0:
                b.add(b.stat(f"今年以来，累计{surface}", "综窗", metric, v, unit, ytd_period, True, "service_volume"))
            else:
                b.add("、", b.stat(surface, "综窗", metric, v, unit, ytd_period, True, "service_volume"))
        b.add("。")
        self._commit(b, None)

    def platform_figures(self):
        s = self.slot
        b = ItemBuilder(self)
        b.event_type = "statistics"
        y = self.end.year
        since = date(y, 1, 1)
        surface = f"{y}年1月1日至{y}年{self.end.month}月{self.end.day}日"
        b._record(since, self.end, "days", surface)
        period = _span(since, self.end)
        v = s.platform
        nine = self.rng.choice(["其它九类", "其它9类"])
        last = self.rng.choice(["累计办结", "办结"])
        st = lambda text, metric, value: b.stat(text, "省本级", metric, value, "件", period, True, "service_volume")
        b.add("据四川一体化政务服务平台数据统计，", surface, "，",
              st(f"省本级行政许可事项受理{v[0]}件", "行政许可事项受理", v[0]), "，", st(f"办结{v[1]}件", "行政许可事项办结", v[1]),
              "；", st(f"公共服务事项受理{v[2]}件", "公共服务事项受理", v[2]), "，", st(f"办结{v[3]}件", "公共服务事项办结", v[3]),
              "，", st(f"{nine}行权事项受理{v[4]}件", "其它九类行权事项受理", v[4]), "，",
              st(f"{last}{v[5]}件", "其它九类行权事项办结", v[5]), "。")
        self._commit(b, None)

    def monthly_figures(self):
        b = ItemBuilder(self)
        b.event_type = "statistics"
        rng = self.rng
        wan = lambda lo, hi: _wan(rng.uniform(lo, hi))
        total, online, done = wan(4, 9), wan(3, 8), wan(3, 8)
        window, out, mail = wan(0.01, 0.09), wan(0.1, 0.5), wan(0.03, 0.2)
        phone, desk = rng.randint(800, 2500), rng.randint(3000, 9000)
        sv = lambda text, scope, metric, value, unit="件": b.stat(text, scope, metric, value, unit,
                                                                  category="service_volume")
        month = b.when("month")
        b.add(month, "，", sv(f"省本级办理政务服务事项{total[0]}万件", "省本级", "办理政务服务事项", total[1]),
              "。各进驻部门（单位）窗口共", sv(f"受理政务服务事项全程网办{online[0]}万件", "进驻部门（单位）窗口",
                                     "受理政务服务事项全程网办", online[1]),
              "，", sv(f"办结政务服务事项全程网办{done[0]}万件", "进驻部门（单位）窗口", "办结政务服务事项全程网办", done[1]),
              "；", sv(f"综合窗口受理政务服务事项{window[0]}万件", "综窗", "受理政务服务事项", window[1]),
              "，", sv(f"窗口出件量{out[0]}万件", "综窗", "窗口出件量", out[1]),
              "；", sv(f"政务大厅现场邮寄量{mail[0]}万件", "省政务服务大厅", "现场邮寄量", mail[1]),
              "；为办事企业群众提供", sv(f"电话咨询{phone}人（次）", "省政务服务大厅", "电话咨询", phone, "人次"),
              "、", sv(f"现场咨询服务{desk}人（次）", "省政务服务大厅", "现场咨询服务", desk, "人次"), "。")
        self._commit(b, None)

    def authorisation(self):
        b = ItemBuilder(self)
        b.event_type = "statistics"
        k = self.rng.randint(3, 7)
        total = self.rng.randint(42, 52)
        snap = {"start": None, "end": self.end.isoformat()}
        scope = "省政务服务大厅"
        ds = b.depts(k)
        b.add(b.stat(f"已进驻省政务服务大厅的省级部门（单位）共{total}个", scope, "已进驻的省级部门（单位）", total, "个", snap),
              "。", b.stat(f"已授权无差别综合窗口的{total - k}个", scope, "已授权无差别综合窗口的省级部门（单位）", total - k, "个",
                           snap), "，", b.stat(f"未授权无差别综合窗口的{k}个", scope, "未授权无差别综合窗口的省级部门（单位）",
                                               k, "个", snap), "：")
        for i, d in enumerate(ds):
            b.add("、" if i else "", b.org(d))
        b.add("。其中，")
        movers = ds[:self.rng.randint(1, k - 1)]
        for i, d in enumerate(movers):
            b.add("、" if i else "", b.org(d, actor=True))
        b.add("已主动对接并积极推进相关工作。")
        self._commit(b, None)

    def inspection_section(self, lead):
        if lead:
            b = ItemBuilder(self)
            b.event_type = "inspection"
            b.add(INSPECTION_LEAD, b.org(PLATFORM_DIVISION, actor=True, form="政务平台服务处") if PLATFORM_DIVISION in
                  self.world.orgs else "政务平台服务处", "结合", b.prog("放管服"),
                  "大督查要求，将加强管理力度和措施、加大督（巡）查力度，落实各项规范化、标准化要求。", b.when("week"),
                  "大厅巡查情况如下：")
            self._commit(b, None)
        for i, aspect in enumerate(INSPECTION_ASPECTS):
            if i < 5:
                result = "总体情况良好" if self.rng.random() < 0.93 else "个别窗口存在问题，已现场提醒整改"
            elif self.end.year <= 2022:
                result = self.rng.choice(["大厅人员管控到位，进出人员须出示“健康码”，落实体温监测，物业对大厅各点位消杀落实到位，"
                                          "大厅运行保障有序", "大厅人员管控到位，物业对大厅各点位消杀落实到位，大厅运行保障有序"])
            else:
                result = self.rng.choice(["大厅人员管控到位，物业对大厅各点位消杀落实到位，大厅运行保障有序", "大厅运行平稳有序",
                                          "大厅安全管理到位，运行保障有序"])
            self.inspection.append({"aspect": aspect, "result": result})
            self.blocks.append(("inspect", f"{self.paren(CN[i], False)}{aspect}。{result}。", aspect))

    def footer(self, lines, copies):
        distribution = {"报": [], "送": [], "发": []}
        for key, rest in lines:
            distribution[key] = [n for n in re.split(r"[、，]", rest.rstrip("。")) if n]
            self.blocks.append(("footer", f"{key}：{rest}", None))
        if copies:
            self.blocks.append(("footer", f"（共印{copies}份）", None))
        return distribution

    # -- the layouts ------------------------------------------------------------------------------------------------
    def build(self):
        rng = self.rng
        if self.monthly:
            layout = "monthly"
        else:
            y = self.end.year
            if y > LAST_YEAR:  # a calendar run past the window keeps the window's mix of layouts
                y = FIRST_YEAR + (y - FIRST_YEAR) % (LAST_YEAR - FIRST_YEAR + 1)
            layout = rng.choices(["2022", "2023", "2024"],
                                 [6, 3, 1] if y <= 2022 else [2, 6, 2] if y == 2023 else [1, 3, 6])[0]
        self.layout = layout
        getattr(self, f"_layout_{layout}")()
        return self

    def _header_weekly(self, title=True, issue=True, subtitle=True, one_line=None):
        s = self.slot
        header = []
        if title:
            header.append(WEEKLY)
        if issue:
            header.append(f"{s.published.year}年第{s.issue_no}期（总第{s.total_issue_no}期）")
        pub = f"{s.published.year}年{s.published.month}月{s.published.day}日"
        if one_line if one_line is not None else self.rng.random() < 0.5:
            header.append(f"{PUBLISHER} {pub}")
        else:
            header += [PUBLISHER, pub]
        if subtitle:
            header.append("政务服务工作")
        header.append(f"（{_md(self.start)}—{_md(self.end)}）")
        return header

    def _layout_2022(self):
        rng = self.rng
        self.header = self._header_weekly()
        self.add_section("省级政务服务事项受理办理情况")
        self.platform_figures()
        self.add_section("窗口工作动态")
        style = "paren"
        for title in (["优化营商环境工作开展情况", "窗口服务效能提升工作情况"] if rng.random() < 0.5 else ["窗口服务效能提升工作情况"]):
            self.add_subsection(title)
            self.add_items(DEPT_TEMPLATES, rng.randint(2, 6), style)
        if rng.random() < 0.6:
            self.add_subsection(rng.choice(["厅（局）长进大厅", "厅(局)长进大厅"]))
            self.add_item(rng.choice([v_single, v_group, v_duty]))
        self.add_section("大厅巡查情况")
        self.inspection_section(lead=True)
        self.distribution = self.footer(FOOTER_2022, rng.randint(70, 100))
        self.series, self.issue_no, self.total_issue_no = WEEKLY, self.slot.issue_no, self.slot.total_issue_no

    def _layout_2023(self):
        rng = self.rng
        title = rng.random() < 0.5   # seed 000 lost its series title; the total number still shows the series
        self.header = self._header_weekly(title=title, one_line=True if not title else None)
        self.add_section("综窗改革攻坚行动")
        self.add_subsection("省本级综窗办件情况")
        self.window_figures()
        if rng.random() < 0.5:
            self.add_subsection("省级部门（单位）事项纳入及授权情况")
            self.authorisation()
        self.add_subsection("推进情况")
        self.add_items(CENTER_TEMPLATES, rng.randint(3, 7), "num")
        self.add_section("省级政务服务事项受理办理情况")
        self.platform_figures()
        self.add_section("窗口工作动态")
        style = rng.choice(["num", "num", "paren"])
        self.add_subsection("优化营商环境工作开展情况")
        self.add_items(DEPT_TEMPLATES, rng.randint(2, 6), style)
        self.add_subsection("窗口服务效能提升工作情况")
        self.add_items(DEPT_TEMPLATES, rng.randint(2, 5), style)
        if rng.random() < 0.7:
            self.add_subsection("厅（局）长进大厅")
            self.add_item(rng.choice([v_single, v_single, v_duty, v_group]))
        self.add_section("大厅巡查情况")
        self.inspection_section(lead=rng.random() < 0.4)
        self.distribution = self.footer(FOOTER_2022, rng.randint(70, 100))
        self.series, self.issue_no, self.total_issue_no = WEEKLY, self.slot.issue_no, self.slot.total_issue_no
        if not title:
            self.notes.append("series title omitted (as in seed 000); 窗口工作周报 follows from the 总第 numbering")

    def _layout_2024(self):
        rng = self.rng
        bare = rng.random() < 0.15   # seed 004: no series title, no numbering; the period line comes first
        if bare:
            pub = self.slot.published
            self.header = [f"（{_md(self.start)}—{_md(self.end)}）", f"{PUBLISHER} {pub.year}年{pub.month}月{pub.day}日"]
            self.series = self.issue_no = self.total_issue_no = None
            self.notes.append("series title and issue numbering omitted (as in seed 004)")
        else:
            self.header = self._header_weekly(subtitle=rng.random() < 0.5)
            self.series, self.issue_no, self.total_issue_no = WEEKLY, self.slot.issue_no, self.slot.total_issue_no
        self.add_section("政务工作动态")
        n = rng.randint(2, 4)
        multi = rng.randint(1, n) if rng.random() < 0.5 else 0
        for i in range(1, n + 1):
            if i == multi:
                self.add_multi_activity(self.marker("cn", i))
            else:
                pool = LEADER_TEMPLATES if rng.random() < 0.5 else DEPT_TEMPLATES
                self.add_item(rng.choices(*zip(*pool))[0], self.marker("cn", i))
        self.add_section("重点工作推进情况")
        self.add_items(KEY_TEMPLATES, rng.randint(2, 4), "cn")
        if rng.random() < 0.8:
            self.add_section("厅（局）长进大厅")
            self.add_item(v_duty)
        self.add_section("综窗改革攻坚行动")
        self.add_subsection("省本级综窗办件情况")
        self.window_figures(unit_flow="件次")
        self.add_subsection("其他工作开展情况")
        self.add_item(c_manual)
        self.distribution = self.footer(FOOTER_2024, 100)

    def _layout_monthly(self):
        rng = self.rng
        pub = self.slot.published
        self.header = [MONTHLY, f"第{self.slot.issue_no}期", PUBLISHER, f"{pub.year}年{pub.month}月{pub.day}日"]
        self.series, self.issue_no, self.total_issue_no = MONTHLY, self.slot.issue_no, None
        self.add_section(f"{self.start.year}年{self.start.month}月总体运行情况")
        self.monthly_figures()
        self.add_section("政务工作动态")
        self.add_items(LEADER_TEMPLATES, rng.randint(2, 4), "cn")
        self.add_section("重点工作推进情况")
        self.add_items(KEY_TEMPLATES, rng.randint(2, 4), "cn")
        self.add_section("窗口资讯")
        self.add_items(DEPT_TEMPLATES, rng.randint(3, 6), "cn")
        self.add_section(rng.choice(["厅(局)长进大厅", "厅（局）长进大厅"]))
        n = rng.randint(2, 5)
        for i in range(1, n + 1):
            self.add_item(v_duty if i == n and rng.random() < 0.5 else v_single, self.marker("cn", i))
        self.distribution = self.footer(FOOTER_2024, None)

    # -- truth ------------------------------------------------------------------------------------------------------
    def truth(self):
        s = self.slot
        copies = next((int(t[3:-2]) for r, t, _ in self.blocks if r == "footer" and t.startswith("（共印")), None)
        return {"file": self.file, "series": self.series, "issue_no": self.issue_no,
                "total_issue_no": self.total_issue_no, "published": s.published.isoformat(),
                "period": _span(self.start, self.end), "publisher": PUBLISHER, "copies_printed": copies,
                "distribution": self.distribution, "sections": self.sections, "items": self.items,
                "visits": self.visits, "statistics": self.statistics, "inspection": self.inspection,
                "notes": "\n".join([f"generated by bench.corpus: layout {self.layout}, slot {s.key}"] + self.notes)}


def _wan(x):
    """A figure written in 万 with up to two decimals, and its value: (`5.42`, 54200)."""
    text = f"{x:.2f}".rstrip("0").rstrip(".")
    if text in ("0", ""):
        text = "0.01"
    return text, round(float(text) * 10000)


def _dedupe_persons(persons):
    out, seen = [], set()
    for p in persons:
        if p["name"] not in seen:
            seen.add(p["name"])
            out.append(p)
    return out


# ---------------------------------------------------------------------------------------------------------------
# Rendering with the PDF-extraction artifacts
# ---------------------------------------------------------------------------------------------------------------
@dataclass
class Style:
    wrapped: bool
    columns: int
    page_lines: int
    doubling: float      # chance that a page break inside a paragraph doubles the character before it
    spaces: float        # chance of a stray space at each digit/CJK boundary
    stars: bool          # `**` around the hall-inspection aspects
    bullets: bool        # `- ` before the hall-inspection lines

    @classmethod
    def pick(cls, rng):
        wrapped = rng.random() < 0.7
        return cls(wrapped=wrapped, columns=LINE_COLUMNS + rng.choice([-2, 0, 0, 2]), page_lines=rng.randint(38, 44),
                   doubling=rng.choice([0.0, 0.3, 0.6]), spaces=rng.choice([0.0, 0.0, 0.5, 0.9]) if wrapped else
                   rng.choice([0.0, 0.0, 0.3]), stars=rng.random() < 0.4, bullets=rng.random() < 0.15)


def _widths(text):
    """Visual widths as on the PDF page: CJK and full-width signs 2 columns, digits and Latin 1."""
    return [1 if ch < "\u2000" else 2 for ch in text]


def wrap(text, columns, indent=INDENT_COLUMNS):
    """Break a clean paragraph into lines as the PDF set it: full lines, closing punctuation hung at the line end,
    no opening punctuation at a line end, and no continuation line that starts like a marker or footer."""
    cum = list(accumulate(_widths(text), initial=0))
    n = len(text)
    lines, i, first = [], 0, True
    while i < n:
        room = columns - (indent if first else 0)
        j = bisect.bisect_right(cum, cum[i] + room) - 1
        if j >= n:
            lines.append(text[i:])
            break
        j = max(j, i + 1)
        while j - 1 > i and j < n and text[j].isdigit() and text[j - 1].isdigit():  # a number stays on one line
            j -= 1
        while j < n and text[j] in CLOSING:
            j += 1
        while j - 1 > i and text[j - 1] in OPENING:
            j -= 1
        k = j
        while k - 1 > i + 1 and k < n and LINE_START_TRAP.match(text, k):
            k -= 1
        if k < n and LINE_START_TRAP.match(text, k):
            k = j
        lines.append(text[i:k])
        i, first = k, False
    return lines


def _split_point(text, at, lo):
    """A place near `at` to cut a paragraph at a page break: not after a terminal sign (the parser would end the
    paragraph there), not before a marker-like start, not between two equal characters (the parser would take
    them for a doubled one)."""
    for k in list(range(at, len(text) - 2)) + list(range(at - 1, lo, -1)):
        if k <= lo or k >= len(text) - 1:
            continue
        if text[k - 1] in TERMINAL or text[k] in CLOSING or text[k - 1] in OPENING or text[k - 1] == text[k]:
            continue
        if LINE_START_TRAP.match(text, k):
            continue
        return k
    return None


def render(bulletin, rng, style):
    """The text as a PDF extraction gives it, from the bulletin's clean blocks."""
    lines = []      # [raw, role, continuation]
    for h in bulletin.header:
        lines.append([h, "header", False])
    for role, text, extra in bulletin.blocks:
        if role in ("heading", "footer"):
            lines.append([text, role, False])
            continue
        if style.wrapped:
            pieces = wrap(text, style.columns)
        else:
            pieces = [text]
        for i, piece in enumerate(pieces):
            lines.append([piece, role, i > 0])
        if role == "inspect":
            first = lines[-len(pieces)]
            raw = first[0]
            if style.stars and f"{extra}。" in raw:
                raw = raw.replace(f"{extra}。", f"**{extra}。**", 1)
            if style.bullets:
                raw = "- " + raw
            first[0] = raw
        elif role == "item" and extra and extra.startswith("(") and not style.wrapped:
            first = lines[-len(pieces)]
            first[0] = extra + " " + first[0][len(extra):]
    if style.wrapped:
        _page_breaks_wrapped(lines, rng, style)
    else:
        lines = _page_breaks_unwrapped(lines, rng, style)
    out = []
    for raw, role, _cont in lines:
        if style.spaces:
            raw = STRAY_SPACE.sub(lambda m: " " if rng.random() < style.spaces else "", raw)
        out.append(raw)
    head = rng.choice(["", "\n\n", " "]) if not out[0].startswith(" ") else ""
    tail = rng.choice(["\n", "\n\n\n", "\n \n", ""])
    return head + "\n\n".join(out) + tail


def _page_breaks_wrapped(lines, rng, style):
    """A leading space on the first line of each page; sometimes the page break doubles a character."""
    target = style.page_lines
    i = target
    while i < len(lines):
        raw, role, cont = lines[i]
        if cont:
            prev = lines[i - 1][0].rstrip()
            last, first = prev[-1:], raw[:1]
            if style.doubling and CJK.match(last) and rng.random() < style.doubling:
                lines[i][0] = " " + last + raw
            elif last == first and CJK.match(first):
                i += 1   # a natural repeat across this break would read as a doubled character; break one line on
                continue
            else:
                lines[i][0] = " " + raw
        else:
            lines[i][0] = " " + raw
        i += target + rng.randint(-2, 2)


def _page_breaks_unwrapped(lines, rng, style):
    """Unwrapped text still breaks at page ends: the paragraph that runs over a page end is cut into two lines."""
    out = []
    used = 0   # lines of the current page taken, counting a paragraph as the lines it fills on paper
    for raw, role, cont in lines:
        width = sum(_widths(raw)) + (INDENT_COLUMNS if role == "item" else 0)
        span = -(-width // style.columns)
        if role == "item" and used + span > style.page_lines and used < style.page_lines:
            room = (style.page_lines - used) * style.columns - INDENT_COLUMNS
            k = _split_point(raw, _chars_within(raw, room), 6)
            if k is not None:
                head, tail = raw[:k], raw[k:]
                if style.doubling and CJK.match(head[-1]) and rng.random() < style.doubling:
                    tail = head[-1] + tail
                out += [[head, role, cont], [tail, role, True]]
                used = -(-sum(_widths(tail)) // style.columns)
                continue
        out.append([raw, role, cont])
        used += span
        if used >= style.page_lines:
            used -= style.page_lines
    return out


def _chars_within(text, columns):
    total = 0
    for i, w in enumerate(_widths(text)):
        total += w
        if total > columns:
            return i
    return len(text)


# ---------------------------------------------------------------------------------------------------------------
# The corpus
# ---------------------------------------------------------------------------------------------------------------
@dataclass
class Corpus:
    """Generated bulletins and their truth (the shape of ../shared/gold/seeds.json)."""
    truth: dict
    texts: dict   # file name -> text; kept in memory only when nothing was written to disk


def bulletins(count, seed=0, gazetteer=GAZETTEER):
    """Yield (file name, text, truth report, bodies named) for `count` bulletins, in publication order."""
    world = World(seed, count, gazetteer)
    slots = world.slots
    picked = [slots[i * len(slots) // count] for i in range(count)] if count else []
    for n, slot in enumerate(picked, 1):
        file = f"bulletin_{n:05d}.txt"
        rng = rng_for(seed, slot.key)
        bulletin = Bulletin(world, slot, file, rng).build()
        text = render(bulletin, rng, Style.pick(rng))
        yield file, text, bulletin.truth(), bulletin.used_orgs


def generate(count, seed=0, out_dir=None, gazetteer=GAZETTEER):
    """Generate `count` bulletins from `seed`; write them and truth.json to `out_dir` when given.

    Returns a Corpus: `truth` = {"generator", "departments", "reports"} and, when out_dir is None, `texts`.
    The same (count, seed) and gazetteer give byte-identical files.
    """
    out = Path(out_dir) if out_dir is not None else None
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
    reports, texts, used = [], {}, {}
    for file, text, report, orgs in bulletins(count, seed, gazetteer):
        reports.append(report)
        used.update(orgs)
        if out is None:
            texts[file] = text
        else:
            (out / file).write_bytes(text.encode("utf-8"))
    departments = {name: {"aliases": sorted(set(org.aliases) | set(org.forms)), "level": org.level, "kind": org.kind}
                   for name, org in sorted(used.items())}
    # The world is drawn from the gazetteer too: its digest says which version a corpus was made from.
    digest = hashlib.sha256(Path(gazetteer).read_bytes()).hexdigest()[:16]
    truth = {"generator": {"module": "bench.corpus", "count": count, "seed": seed, "gazetteer_sha256": digest},
             "departments": departments, "reports": reports}
    if out is not None:
        write_truth(truth, out / "truth.json")
    return Corpus(truth, texts)


def write_truth(truth, path):
    """truth.json: one report per line inside the usual object, streamed, so that the truth of 10,000 bulletins
    writes fast (json's C encoder) without building one huge string, and still reads line by line."""
    head = json.dumps({k: v for k, v in truth.items() if k != "reports"}, ensure_ascii=False)[:-1]
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(f'{head}, "reports": [\n')
        for i, report in enumerate(truth["reports"]):
            f.write(("," if i else "") + json.dumps(report, ensure_ascii=False) + "\n")
        f.write("]}\n")


def main(argv=None):
    """Write a generated corpus: python -m bench.corpus --count 1000 --seed 7 --out /tmp/corpus"""
    ap = argparse.ArgumentParser(prog="python -m bench.corpus", description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=100, help="number of bulletins (default 100)")
    ap.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    ap.add_argument("--out", required=True, help="output directory (created if missing)")
    a = ap.parse_args(argv)
    if a.count < 0:
        ap.error("--count must be >= 0")
    t0 = time.perf_counter()
    corpus = generate(a.count, a.seed, a.out)
    seconds = time.perf_counter() - t0
    items = sum(len(r["items"]) for r in corpus.truth["reports"])
    print(f"wrote {a.count} bulletins ({items} items) and truth.json to {a.out} in {seconds:.1f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

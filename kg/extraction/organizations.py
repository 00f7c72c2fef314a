"""Organization mentions: gazetteer names and short forms, plus bodies recognised from their structure.

A mention is a span of the item text with the canonical name it refers to. Rules (../shared/gold/README.md):
- each contiguous body name maps to its most specific body (公安厅政治部 -> 四川省公安厅政治部, not 公安厅 too);
- `X窗口` and `X窗口党支部` map to X; a national ministry's name before 窗口 means the provincial window
  (the hall has only provincial windows: 交通运输部窗口 -> 交通运输厅);
- names inside 《》 titles, pronouns (我厅), sector adjectives (住建窗口), platforms and the hall itself are not mentions;
- bodies outside the gazetteer are recognised from their structure: place + body suffix (达州市卫健委),
  company suffixes (有限公司), hospitals, associations, institutes, and internal units (外经处) of the body
  named just before.
"""
import os
import re
from dataclasses import dataclass

from kg.extraction.programs import QUOTE
from kg.gazetteer import PROVINCE, alternation
from kg.parsing import title_spans

CJK = r"\u4e00-\u9fff"


@dataclass
class OrgMention:
    start: int
    end: int
    surface: str
    name: str            # canonical name
    kind: str = "government"
    level: str = "provincial"
    parent: str = None
    in_title: bool = False  # named only as the prefix of a person's title (省委 in 省委副书记)
    department: str = None  # for an internal unit (外经处): the department it belongs to


# The kind of a body recognised from its structure, by the word it ends with.
KIND_BY_SUFFIX = (("公司", "enterprise"), ("集团", "enterprise"), ("分行", "enterprise"), ("电视台", "other"),
                  ("医院", "hospital"), ("保健院", "hospital"), ("卫生院", "hospital"), ("血站", "hospital"),
                  ("透析中心", "hospital"),
                  ("协会", "association"), ("学会", "association"), ("商会", "association"),
                  ("研究会", "association"), ("联合会", "association"), ("促进会", "association"),
                  ("基金会", "association"), ("慈善总会", "association"),
                  ("研究院", "enterprise"), ("研究所", "other"), ("大学", "other"), ("学院", "other"),
                  ("学校", "other"), ("政务服务中心", "center"), ("政务中心", "center"), ("中心", "center"),
                  ("仲裁委", "other"), ("法院", "other"), ("检察院", "other"), ("律师事务所", "other"),
                  ("公证处", "other"), ("鉴定所", "other"))
# How a company, hospital, association or institute ends, and how long the name before that word may be.
NAMED_SUFFIXES = ("有限责任公司", "股份有限公司", "有限公司", "集团公司", "分公司", "公司", "分行", "医院", "保健院", "血站",
                  "透析中心", "协会", "学会", "商会", "研究会", "促进会", "联合会", "研究院", "研究所", "大学", "学院",
                  "报业集团", "集团", "广播电视台", "基金会", "慈善总会", "律师事务所", "公证处", "司法鉴定所", "鉴定中心",
                  "监测中心站", "监测站", "监测总站", "管理站", "总站", "监狱", "戒毒所")
LEGAL_FORMS = ("股份有限公司", "有限责任公司", "有限公司", "集团公司")  # what no company's name is by itself
# A group ends its name only where no company follows (四川省交通投资集团党委书记; not 中国移动通信集团四川有限公司, nor
# 中国电建集团成都勘测设计研究院有限公司).
GROUP_SUFFIX = r"集团(?![\u4e00-\u9fff]{0,14}?公司)"
# Suffix words that end a name only where the text goes on so (…部门联合会商 is 联合 + 会商, no 联合会; nor …联合会审).
SUFFIX_PATTERNS = {"集团": GROUP_SUFFIX, "联合会": "联合会(?![商审签办])"}
NAMED_SUFFIX = "|".join(SUFFIX_PATTERNS.get(word, word) for word in NAMED_SUFFIXES)
NAMED_MIN, NAMED_MAX = 2, 24
# Body words after a city, prefecture or county name (enterprises keep their registered names: see _named_body).
LOCAL_SUFFIXES = ("人民政府", "政府办公室", "办公室", "政务服务中心", "政务中心", "便民服务中心", "行政审批局", "委员会",
                  "管理委员会", "管委会", "服务中心", "管理局", "供销合作社联合社", "供销合作社",
                  "局", "委", "办", "中心", "医院", "保健院", "卫生院", "血站", "法院", "检察院", "仲裁委", "残联",
                  "妇联", "总工会", "工商联", "科协", "团委", "红十字会")
# What makes a 办 the verb 办 (办事, 办理, 办件, 办结), not the end of a body's short form (省外办).
HANDLING = "事理件结"
# Between a place and its body word only name characters: no verb or preposition (在, 到, 和 ...); and a body word
# is not the start of a longer one (办 of 办公室, 委 of 委员会, 人民政府 of 人民政府政务服务中心 or 人民政府办公厅) nor the verb 办
# (往返成都办事, 凉山州事项办理).
BODY_NAME = r"(?:[^\W\d_在到赴与及的对为向由从等了、，。]{0,14}?)"
NOT_BODY_END = rf"(?!公室|公厅|员会|(?<=委)会|事处|(?<=办)[{HANDLING}]|(?<=政府)政务(?:服务)?中心|(?<=政府)办公[厅室])"
# Words that show a place + body match ran across a clause (凉山州代表汇报了凉山州仲裁委, 阿坝州已依托基层供销社,
# 遂宁市推行乡镇…中心), and service brands that end in 办 like an office (“宜宾快办”, 全州通办).
LOCAL_NOISE = re.compile(r"代表|汇报|组织|召开|举办|开展|参加|要求|推进|围绕|窗口|会见|会同|联合(?!社)|国家|省|中央|"
                         r"率|带领|带队|陪同|一行|[市州县区]长|大学|提供|工程|已|依托|通过|调研|考察|学习|观摩|帮办|代办|"
                         r"推行|打造|探索|"
                         r"[快好易速网]办|通办|[申举承主督协交转催查领]办")  # not 凉山州副州长…率州政务服务中心
# Words of scope that open no body's name: 全省二级以上中医医院, 近期各地中医医院 name kinds of bodies.
SCOPE_OPENINGS = ("全省", "全市", "全州", "全县", "各地", "近期")
GENERIC_BODY = re.compile(r"(?:互联网|相关|有关|领域|行业|各类|各级|基层|定点|民营|公立|私立|中西医结合|[一二三]级(?:甲等|乙等)?)?[\u4e00-\u9fff]{0,4}"
                          r"(?:医院|协会|学会|商会|公司|企业)")
PRC = "中华人民共和国"  # the opening of the ministries' canonical names (中华人民共和国民政部)
# A short name that says whose it is: the province's (省公证协会), not one of a kind (行业协会, 省级医院).
PROVINCE_OPENING = re.compile(r"四川|省(?![级内外属直市])")
# Where a company written without 有限 starts: a country, province or group brand (中国电信四川分公司).
BRANCH_ANCHOR = re.compile(r"(?:中国|国网|国家|四川|重庆|成都|西南|西华|电子科技|清华|北京)")
# A branch or institute written right after its company's name (中国铁塔股份有限公司四川省分公司, 华为技术有限公司成都
# 研究所).
BRANCH_AFTER = re.compile(r"[\u4e00-\u9fff]{0,6}?(?:分公司|研究所|研究院)")
# A bank's branch written after its name (交通银行四川省分行, 中国工商银行股份有限公司成都分行, 四川银行乐山分行).
BANK_BRANCH = re.compile(r"(?:股份有限公司)?[\u4e00-\u9fff]{2,4}?分行")
# A company form written right after an institute's name: 四川省建筑设计研究院 + 有限公司.
COMPANY_AFTER = re.compile(r"股份有限公司|有限责任公司|有限公司")
# Measure words after a number: 183名残疾评定医院医生 counts doctors of a kind of hospital, it names none.
CLASSIFIERS = "名家个位所座"
# A university's hospital, school, centre or office written after it is its unit (四川大学华西第二医院, 西南交通大学公共
# 管理学院, 西南财经大学就业指导中心, 电子科技大学科学技术发展研究院, 西南交通大学学生工作部).
UNIVERSITY_UNIT = re.compile(rf"[{CJK}]{{1,10}}?(?:医院|中心|研究院|工作部)")
# A hospital's department, named before a post in it (华西医院医务部部长刘志红, …感染性疾病中心主任医师李晓蓉).
HOSPITAL_UNIT = re.compile(rf"[{CJK}]{{2,8}}?(?:部|科|中心|办公室|办)"
                           rf"(?=副?(?:主任|部长|科长|院长|教授|护士长|主任医师|医师|专家))")
# Law firms, notaries and forensic institutes are named after their place (四川蓉城众信律师事务所, 泸州明正司法鉴定所);
# without one the words name a kind (拟设立律师事务所, 引入律师事务所).
LEGAL_SERVICE = ("律师事务所", "公证处", "司法鉴定所", "鉴定中心")
# So are the monitoring and field stations of the province's bodies (四川省粮油中心监测站, 四川省辐射环境管理监测中心站,
# 四川省建设工程质量安全总站), its prisons and rehabilitation centres (四川省川西监狱, 四川省资阳强制隔离戒毒所); without
# the place the words name a kind (水质监测站, 全省28所监狱).
STATIONS = ("监测中心站", "监测站", "监测总站", "管理站", "总站", "监狱", "戒毒所")
ANCHORED = LEGAL_SERVICE + STATIONS
# Names that need such an anchor: a bare 公司 (not 有限公司, 集团公司), 分行, 大学, 电视台.
NEEDS_ANCHOR = re.compile(r"(?:(?<!有限)(?<!集团)公司|分行|大学|学院|电视台)$")
# A kind of body across a place, not one body: 凉山州县级政务服务中心, 布拖县部分乡镇便民服务中心, 市两级医保经办.
GENERIC_LOCAL = re.compile(r"县级|市级|州级|区级|乡级|乡镇|部分|各|相关|有关|所属|下属|[两三四五]级")
LEVELS = re.compile(r"[两三四五]级")  # 州县两级政务服务中心: the bodies of several levels
# 大厅 and 服务厅 after a place are halls, not bodies.
HALL_END = re.compile(r"[大服]厅$")
# Bodies other than hospitals whose registered names keep a bare city name (see _local_mention).
BARE_CITY_BODIES = ("仲裁委员会", "住房公积金")
# Internal units of a department: 外经处, 行政审批处, 治安总队, 政治部, 办公室 ...
# Field teams of the geological and surveying bureaus (四川省地质矿产勘查开发局区域地质调查队).
FIELD_TEAMS = ("调查队", "勘查队", "勘探队", "化探队", "物探队", "测绘队", "地质队")
UNIT = re.compile(rf"(?:[{CJK}〇]{{1,10}}?(?:处(?![理置罚分于])|总队|支队|大队|{'|'.join(FIELD_TEAMS)}|政治部|办公室|"
                  rf"科(?![学技研])|站|所|学院)|政治部|办公室)")  # (not the 科 of 教育科学学院, nor the verb 处理; 〇 for 一〇八地质队)
# Internal units of a national body: 国家税务总局纳税服务司, 国家市场监督管理总局登记注册局.
NATIONAL_UNIT = re.compile(rf"[{CJK}]{{2,8}}?(?:司|局)")
# …and an association's departments are 部: 省残联康复部, 省侨联经济科技部.
ASSOCIATION_UNIT = re.compile(rf"[{CJK}]{{2,6}}?部(?!门)")
# A department's own bureaus: 自然资源厅不动产登记局, 交通运输厅港航管理局, 市场监管局登记注册局 (not 会同省医保局: see
# BUREAU_NOISE).
DEPARTMENT_BUREAU = re.compile(rf"[{CJK}]{{2,9}}?局")  # (司法厅行政执法协调监督局)
BUREAU_NOISE = re.compile(r"[省市县区州将]|会同|联合|配合|邀请|组织(?!管理)")  # (民政厅社会组织管理局)
# A city police bureau's own bureaus: 成都市公安局出入境管理局, 成都市公安局交通管理局.
POLICE_BUREAU = re.compile(r"(?:出入境管理|交通管理)局")
# A party school's teaching departments, maybe after its second name: 省委党校（四川行政学院）公共管理教研部.
SCHOOL_UNIT = re.compile(rf"(?:（[{CJK}]{{2,10}}）)?(?P<unit>[{CJK}]{{2,6}}?教研[部室])")
# A body's party and mass organisations acting on their own (中心机关纪委会同…, 中心工会邀请…); before a post they only
# name the post's body (机关纪委书记熊燕 belongs to the centre).
PARTY_UNIT = re.compile(r"(?:机关党委|机关纪委|工会|团支部|团委)(?!书记|副书记|专职|主席|副主席|委员|主任|副主任|干事|经费)")
# A court's divisions and a procuratorate's departments: 省高级人民法院行政审判庭, 执行局; 省人民检察院第七检察部.
COURT_UNIT = re.compile(rf"(?:第[一二三四五六七八九十]+|[{CJK}]{{1,6}}?)(?:审判庭|法庭|检察部)|执行局|立案庭")
# The committees of a people's congress or a CPPCC: 省人大财政经济委员会, 省政协经济委员会.
COMMITTEE = re.compile(rf"[{CJK}]{{2,10}}?委员会")
ASSEMBLIES = ("人民代表大会", "政治协商会议")
# Short forms of units, wherever they stand in a unit's name (交警总队车管所 is 交通警察总队车辆管理所).
UNIT_EXPANSIONS = {"治安总队": "治安管理总队", "交警总队": "交通警察总队", "经侦总队": "经济犯罪侦查总队",
                   "网安总队": "网络安全保卫总队", "出入境处": "出入境管理处", "车管所": "车辆管理所"}
UNIT_STOP = re.compile(r"^(?:各|相关|有关|该|本|我|其|等|和|与|及|、|由|明确|选派|抽调|派出|安排|委托)")
# What sits to the left of a structural name and is not part of it (the 为 of 华为 is the company's): a verb, a
# preposition, a role (项目业主, 建设单位 + the company), or the 跨 of 跨医院 (across hospitals: no body).
LEFT_STOP = re.compile(rf"(?:^|[^{CJK}]|对接|对|与|和|及|向|(?<!华)为|由|经|在|至|赴|到|邀请|特邀|组织|会同|联合|配合|指导|"
                       rf"查看|察看|看望|考察|视察|慰问|收集|确保|结合|帮助|成立|表达了|了解|协调|走进|参观|前往|深入|走访|获悉|根据|督促|核对|"
                       rf"推动|召集|派出|举办|开展|就|同|跟进|等|指派|委托|联系|依托|通过|支持|协助|听取|接待|陪同|"
                       rf"率|携|带领|的|了|办理|受理|往返|申请|增加|设置|提升|减少|降低|开办|新建|可将|进一步|预计|反馈|"
                       rf"报送|提交|移交|转交|告知|要求|实现|完成|贡献|业主|单位|跨(?=医院$|公司$))")
# What a township or a village has that bulletins name (see _township_mentions).
TOWNSHIP_BODIES = ("便民服务中心|便民服务站|便民服务代办点|代办点|党支部|中心卫生院|卫生院|供销合作社|公共法律服务工作站|"
                   "退役军人服务站")
# Places listed before a body name, ending right where it starts (德阳市、广元市 + 政务服务…中心), one by one.
PLACE_LIST_BEFORE = re.compile(rf"(?:[{CJK}]{{2,12}}、)+$")
LIST_ELEMENT = re.compile(rf"[{CJK}]{{2,12}}(?=、)")
# The committee of a development zone (宜宾三江新区管委会, 资阳临空经济区管委会).
ZONE_BODY = re.compile(r"(?:新区|经济区|开发区|高新区|园区)(?:管委会|管理委员会)$")
# A city's, prefecture's or county's head (市长, 副州长, 常务副县长); its unit says which kind of place it heads.
LOCAL_HEAD_TITLE = r"(?:常务)?副?(?P<unit>[市州县区])长"
LOCAL_HEAD = re.compile(LOCAL_HEAD_TITLE)
# A discipline inspection group the provincial commission stations in a department: 省纪委监委驻省政府办公厅纪检监察组.
# …also written without the commission, once named (驻省政府办公厅纪检监察组组长…); 驻厅纪检监察组组长 is a title of the
# department's official.
STATIONED_GROUP = re.compile(rf"(?:(?:四川)?省纪委(?:监委)?)?驻(?P<host>[{CJK}]{{2,14}}?)纪检监察组")
# A numbered team the State Council or the Party centre sends to the provinces: 国务院第五督查组, 中央第七巡视组.
CENTRAL_TEAM = re.compile(r"(?:国务院|中央)第[一二三四五六七八九十]{1,3}(?:督查组|巡视组|督导组|督察组|检查组|调研组)")
# Once a report has named such a team, a bare 督查组 means it (督查组对我省…, 按照督查组现场反馈意见, 向督查组反馈); so
# does a bare 纪检监察组 the discipline group stationed in a body the report named (…驻省政府办公厅纪检监察组 …
# 纪检监察组暗访发现的问题).
TEAM_WORDS = ("督查组", "巡视组", "督导组", "督察组", "检查组", "调研组", "纪检监察组")
TEAM_BACK_REFERENCE = re.compile(r"(?:^|(?<=[，,。；、：“对向照合受同随把将与和及的由请为报接]))"
                                 rf"(?:{'|'.join(TEAM_WORDS)})")
# The hall and the platforms are places and systems, not bodies; nothing inside them is a mention either.
NOT_ORG_ANYWHERE = re.compile(r"省政务服务大厅|省政务大厅|政务服务大厅|一体化政务服务平台|四川政务服务网|政务服务网")
NOT_ORG = re.compile(r"^(?:中心各处|省中心各处)")
# …等企业 closes a list of enterprises, unless the enterprises open the next phrase: …研发费用归集等企业关注的问题.
LIST_END = re.compile(r"等\d*家?(?:企业|公司|业主单位)(?!关心|关注|反映|普遍|提出|诉求|需求|所|的)")
# The publishing center calling itself 中心 at the head of a clause (see _self_references).
# Where the centre's bare 中心 opens a clause: after punctuation or a time word (本周中心综合管理处会同…).
CENTRE_HEAD = r"(?:^|(?<=[，,。；、])|(?<=本周|近日|本月|同日|当天|当日|随后|此外|同时))"
SELF_REFERENCE = re.compile(CENTRE_HEAD + r"中心(?=召开|组织|印发|开展|举办|会同|联合|配合|与|对|向|研究|派出|牵头|制定|完成|推进|在|"
                            r"党委|党组|主任|副主任|常务副主任|[一二]级巡视员|[一二三四]级调研员|领导|纪委|全面|持续|积极|深入|进一步|推行|实行|启用|设立|继续|以|通过|"
                            r"依托|按照|结合|根据|加强|及时|首次|正式|先后|分别|累计|已|还|也|将|公布|举行|通报|约谈|督促|"
                            r"发布|邀请|随即|当即|立即|逐条|收到|“)"
                            r"|(?<=听取)中心(?=关于|有关|汇报|介绍|工作|领导|负责|主任|副主任)"  # visitors 听取中心…介绍
                            r"|(?<=向)中心(?=投诉|反映|报告|提交|申请)"  # 群众向中心投诉
                            r"|(?<=会同|联合|配合)中心(?=召开|组织|开展|举办|印发|制定)"  # 省大数据中心会同中心召开…
                            # its own units: 中心督查处对…, 中心办公室 (not 中心各处, nor 处理 or 处置)
                            + r"|" + CENTRE_HEAD + r"中心(?=[\u4e00-\u9fff]{2,6}?处(?![理置罚分])|办公室)"
                            # its people and its parts at the head of a clause: 中心干部职工, 中心机关纪委, 中心工会
                            + r"|" + CENTRE_HEAD + r"中心(?=干部|全体|机关|工会|团支部|值班|分管|相关|业务骨干|青年|安排|同步|"
                            r"要求|责成|号召|重申|就|汇总|每周|每月|派员|协助|共|加快|督促|统筹|协调|召集|选派|抽调|"
                            r"主动|第一时间|迅速|多次|专门|梳理|部署|建立|组建|编制|会商|指导|复查|签订)"
                            # after a preposition or a verb that takes it: 与中心签订, 报中心审核, 致电中心, 到中心开展
                            r"|(?:(?<=[与和向报到在由请同])|(?<=致电|提请|报送|协助|组织|传达))中心"
                            r"(?=的|关于|有关|召开|签订|进行|开展|联合|综合窗口|相关|值班|青年|审核|汇总|统一|内部|领导|"
                            r"分管|机关|干部|考察|反馈|投诉|提交|表示|沟通|调研|座谈|[，。；、])")
# A body name written with one character wrong or left out (省乡村振新局 for 省乡村振兴局, 省机关事务管局): real
# bulletins have such typos. Only names this long are guessed (a shorter one is one character away from other real
# names), only names that open with these words are looked for, and the wrong character is never one of the first
# three or the last.
MISSPELT_MIN = 6
# Last characters a writer slips into for their sound (居 for 局, 对 for 队, 听 for 厅), and how far back such a name may
# start.
LAST_CHARACTER_SLIPS = {"居": "局", "对": "队", "听": "厅"}
SLIPPED_END = re.compile("|".join(LAST_CHARACTER_SLIPS))
MISSPELT_SPAN = 16
MISSPELT_OPENINGS = ("省", "国家")
# A department's own name, which ends in 厅 and is written without 省 as often as with it (应急管厅 for 应急管理厅,
# 退役军人事物厅): the ending marks it, so shorter forms are guessed, by the same rules otherwise. 大厅 (the hall)
# is never one.
MISSPELT_DEPARTMENT_MIN = 4
# ...and a three-character one only with its middle character slipped for its sound (水力厅 for 水利厅, 财正厅): any
# other character off would also make a real word (服务厅, 营业厅).
DEPARTMENT_SOUND_SLIPS = {"力": "利", "正": "政", "物": "务"}
# The four-character short forms (省能源局, 省人防办) are guessed only with their third character wrong (省能原局,
# 省人访办: a homophone typed for the word's second character), and only where one short form fits.
SHORT_FORM_LENGTH = 4
LISTED_ENTERPRISES = re.compile(rf"(?:邀请|组织|与|和|同|对|联合|会同)([{CJK}、]{{4,60}}?){LIST_END.pattern}")
# A unit named on its own after 率, a list comma, 会同, 配合, 联合, 在 or at a sentence's start (率外经处、法规处;
# 在行政审批处处长…; 率局办公室; 。职业能力建设处处长…); see _attach_units. It is tried after every such word,
# since a longer match from an earlier one (局长田茂林率局办公室) would hide it.
UNIT_WORDS = ("处", "总队", "政治部", "办公室")
# A party department written bare after the standing committee's title (省委常委、宣传部部长何晓岚): the province's.
STANDING_MEMBER_DEPARTMENT = re.compile(r"(?<=省委常委、)(?:组织部|宣传部|统战部|政法委|政研室)")
UNIT_LEAD = re.compile(r"[率、，。；和及与在至由随]|带领|会同|配合|联合|邀请|明确|该[厅局委办]")  # 邀请该厅建筑市场监管处…
LISTED_UNIT = re.compile(rf"(?P<unit>(?![率和及与在]|带领|会同|配合|联合|邀请)[{CJK}]{{1,10}}?(?:处|总队|政治部|办公室|"
                         rf"部(?=副?部长)))(?=[、，。和及到赴在与的对就]|负责|处长|副处长|副?部长|政委|主任|副主任|队长|[一二三四]级|有关|相关|同志|"
                         rf"业务骨干|工作人员|召开|举办|组织|开展|共同|参加)")
# How the names of the party's organs end (中共四川省委组织部, …编制委员会办公室, …老干部局, …政策研究室).
PARTY_ORGANS = ("部", "厅", "办公室", "委员会", "局", "研究室")
# ...and one written after the last character of its department's name (委医政医管处, 局震害防御处, 总队防火监督部,
# 厅交通警察总队), which marks it as a unit whatever word follows (…会同委医政医管处深化…, …和局印刷发行处加强协作).
BACK_UNIT = re.compile(rf"(?P<unit>(?:[厅局委]|总队)[{CJK}]{{2,12}}?(?:处|部|总队))(?![长理置罚分室于门])")
# A unit opening a clause by its name alone (…，综合窗口管理处组织…), or right after the verb that sets it a task
# (…，要求交易服务处进一步完善…): see _own_units. Not 处长, 处理, 处置, 处室 or 处（室）, the divisions as a kind (督促相关
# 处（室）整改), nor the verbs (严肃查处, 依法惩处), nor a department's unit (厅法规处: BACK_UNIT).
OWN_UNIT = re.compile(rf"(?:^|(?<=[，,。；]))(?:要求|督促|指导|责成)?"
                      rf"(?P<unit>(?!严肃|依法|严厉|从严|坚决|及时|[厅局委])[{CJK}]{{2,8}}?(?<![惩判论])处"
                      rf"(?![长理置罚分室于]|[（(]室)|办公室)")
# A department's bureau named on its own after the department's 厅, after the same words (率厅出入境管理局、…).
LISTED_BUREAU = re.compile(rf"厅(?P<unit>[{CJK}]{{2,8}}?局)(?=[、，。和及到赴在与的对就为]|负责|局长|副局长|有关|相关|同志|召开|举办|"
                           rf"组织|开展|共同|参加)")
# Field teams a bureau sends or gathers, named on their own (省地矿局组织区域地质调查队、化探队技术人员…).
LISTED_TEAM = re.compile(rf"(?:(?<=组织)|(?<=派出)|(?<=所属)|(?<=、))(?P<unit>[{CJK}]{{0,8}}?(?:{'|'.join(FIELD_TEAMS)}))")
# A list of bodies closed by …等N家单位: a member with no name word of its own (封面传媒) is a body when another
# member of the same list was recognised as one (四川日报报业集团、四川广播电视台、封面传媒等9家单位).
LIST_CLOSE = re.compile(r"等\d*家?(?:单位|机构|媒体|企业|公司)")
LIST_OF_BODIES = re.compile(rf"([{CJK}A-Za-z0-9、]{{2,80}}?){LIST_CLOSE.pattern}")


def _inside(spans, start, end):
    return any(s <= start and end <= e for s, e in spans)


class OrganizationFinder:
    """Find organization mentions in an item's clean text."""

    def __init__(self, gazetteer):
        self.gaz = gazetteer
        places = sorted(set(gazetteer.places) | set(gazetteer.prefecture_full.values()), key=len, reverse=True)
        local_places = [p for p in places if gazetteer.places.get(p) in ("prefecture", "county")
                        or p.startswith("重庆")]
        self._local_place = alternation(local_places) if local_places else None
        # Whether every local place is a gazetteer place, so that a text without any of those (as `find` may be
        # told) holds no local body either.
        self._local_places_in_gazetteer = set(local_places) <= set(gazetteer.places)
        # Provinces other than Sichuan, whose 省… names are not Sichuan's (湖北省委).
        self._other_provinces = tuple(p for p, kind in gazetteer.places.items()
                                      if kind == "province" and p not in ("四川", "四川省"))
        self._short_forms = self._derive_short_body_names()
        self._not_orgs = re.compile("|".join(map(re.escape, sorted(gazetteer.not_orgs, key=len, reverse=True)))
                                    or r"(?!x)x")
        # The ending all those words share (…部门), if any: a text without it holds none of them and is not scanned.
        self._not_orgs_end = os.path.commonprefix([w[::-1] for w in gazetteer.not_orgs])[::-1]
        suffixes = alternation(set(LOCAL_SUFFIXES) | set(self._short_forms)).pattern
        self._local_body = re.compile(rf"(?:{self._local_place.pattern}){BODY_NAME}(?:{suffixes}){NOT_BODY_END}") \
            if local_places else None
        # A second place joined to the first inside what reads as one body's name: see _local_mentions.
        self._joined_place = re.compile(rf"和(?={self._local_place.pattern})") if local_places else None
        # Places that end a list element (会同重庆市渝北区、…): see _local_mentions.
        self._place_run_end = re.compile(rf"(?:{self._local_place.pattern})+$") if local_places else None
        # A city or county named for its government before its head's title: 眉山市副市长, 阿坝州州长.
        self._local_government = re.compile(rf"(?:{self._local_place.pattern})(?={LOCAL_HEAD_TITLE})") \
            if local_places else None
        # A township's or a village's service point, named as written after its county (and its city, if written):
        # 苍溪县歧坪镇便民服务中心, 崇州市白头镇五星村便民服务站, 成都市武侯区玉林街道退役军人服务站.
        self._township_body = re.compile(rf"(?:{self._local_place.pattern}){{1,2}}?[{CJK}]{{1,4}}?(?:镇|乡|街道)"
                                         rf"(?:[{CJK}]{{1,4}}?(?:村|社区))?(?:{TOWNSHIP_BODIES})") \
            if local_places else None
        # The same city's bodies named after it by 市/州/县/区 alone: …副州长阿苏拉且率州政务服务中心、州国土资源局.
        self._local_backref = re.compile(rf"(?<=[率、和及与])(?P<level>[市州县区])(?P<body>{BODY_NAME}(?:{suffixes}))"
                                         rf"{NOT_BODY_END}") if local_places else None
        # Another province's bodies (贵州省政务服务中心, 云南省政务服务管理局), named as written: only their full
        # province names, which no Sichuan name contains. Chongqing's are local bodies, found with their full names.
        provinces = [p for p in self._other_provinces
                     if p.endswith(("省", "市", "自治区")) and not p.startswith("重庆")]
        self._other_province_body = re.compile(
            rf"(?P<province>{alternation(provinces).pattern}){BODY_NAME}(?:{suffixes}|厅){NOT_BODY_END}") \
            if provinces else None
        # A foreign country's consulate or embassy, named with the country's formal name: 德国驻成都总领事馆 is
        # 德意志联邦共和国驻成都总领事馆, 泰国驻华大使馆 泰王国驻华大使馆.
        self._consulate = re.compile(rf"(?P<country>{alternation(gazetteer.countries).pattern})驻[{CJK}]{{1,3}}?"
                                     r"(?:总领事馆|领事馆|大使馆)") if gazetteer.countries else None
        # The customs office of a Sichuan city, under 成都海关: 绵阳海关 is 中华人民共和国绵阳海关.
        cities = [short for short in gazetteer.prefecture_full if short != "成都"]
        self._city_customs = re.compile(rf"(?:{alternation(cities).pattern})海关") if cities else None
        self._named_body = re.compile(rf"[{CJK}A-Za-z]{{{NAMED_MIN},{NAMED_MAX}}}?(?:{NAMED_SUFFIX})")
        self._named_suffix = re.compile(NAMED_SUFFIX)
        # The gazetteer forms a misspelt name is compared with, each indexed by what a typo leaves right:
        # - long forms opening with 省 or 国家, by their first three characters (_misspelt_mentions);
        # - department forms ending in 厅, by length and first three characters (_misspelt_departments);
        # - 省 short forms, by their first two characters and the last (_misspelt_short_forms).
        self._by_opening, self._departments_by_opening, frames = {}, {}, {}
        for surface in gazetteer.org_by_surface:
            if len(surface) >= MISSPELT_MIN and surface.startswith(MISSPELT_OPENINGS):
                self._by_opening.setdefault(surface[:3], []).append(surface)
            if len(surface) > MISSPELT_DEPARTMENT_MIN and surface.endswith("厅") and not surface.endswith("大厅"):
                self._departments_by_opening.setdefault((len(surface), surface[:3]), []).append(surface)
            if len(surface) == SHORT_FORM_LENGTH and surface.startswith("省"):
                frames.setdefault((surface[:2], surface[3]), []).append(surface)
        self._department_lengths = sorted({length for length, _ in self._departments_by_opening}, reverse=True)
        self._short_forms_by_frame = {frame: forms[0] for frame, forms in frames.items() if len(forms) == 1}

    def _derive_short_body_names(self):
        """Short body words -> full (卫健委 -> 卫生健康委员会): the gazetteer's city and county body words first,
        then what the provincial entries' aliases give (住建厅 -> 住建局 -> 住房和城乡建设局)."""
        out = dict(self.gaz.body_words)
        for org in self.gaz.organizations.values():
            if not org.name.startswith(PROVINCE) or org.level != "provincial" or org.kind != "government" \
                    or not re.search(r"(?:厅|局|委员会|委|办公室|办)$", org.name):
                continue
            full = org.name[len(PROVINCE):]
            if re.search(r"[厅委].+", full):
                continue  # 交通运输厅公路局 is a unit of a department, not a body word a city uses
            for alias in org.aliases:
                short = alias
                for prefix in ("四川省", "四川", "省"):
                    if short.startswith(prefix):
                        short = short[len(prefix):]
                        break
                if short != full and len(short) >= 3:
                    out.setdefault(short, full)
                    # A city has 局 where the province has 厅: 住建厅 -> 住建局 means 住房和城乡建设局.
                    if short.endswith("厅") and full.endswith("厅"):
                        out.setdefault(short[:-1] + "局", full[:-1] + "局")
            if full.endswith("厅"):
                out.setdefault(full[:-1] + "局", full[:-1] + "局")
        return out

    # -- the pieces -------------------------------------------------------------------------------------

    def _gazetteer_mentions(self, text):
        for m in self.gaz.org_pattern.finditer(text):
            name = self.gaz.canonical_org(m.group(0))
            org = self.gaz.org(name)
            if m.group(0).endswith("部") and text.startswith("门", m.end()):
                continue  # 民政部门 is the civil-affairs authorities in general, not the ministry
            if m.group(0).endswith("办") and text[m.end():m.end() + 1] in HANDLING:
                continue  # 省外办事群众 are people from outside the province, not the foreign-affairs office
            if m.group(0).endswith("委") and text.startswith("托", m.end()):
                continue  # 跨省委托生产 is entrusting across provinces, not the 省委
            if m.group(0).startswith("省") and self._province_before(text, m.start()):
                continue  # 湖北省委 is not Sichuan's 省委
            if m.start() > 0 and text[m.start() - 1] in "市州县" and org.level == "provincial":
                local = self._back_reference(text, m)
                if local:
                    yield local
                continue
            branch = BANK_BRANCH.match(text, m.end()) if org.kind == "enterprise" and name.endswith("银行") else None
            if branch:  # 交通银行四川省分行, 四川银行乐山分行: a bank's branch, named as written
                surface = text[m.start():branch.end()]
                yield OrgMention(m.start(), branch.end(), surface, surface, org.kind, org.level)
                continue
            department = org.parent if org.category == "内设机构" else None
            yield OrgMention(m.start(), m.end(), m.group(0), name, org.kind, org.level, org.parent,
                             department=department)

    def _misspelt_mentions(self, text, known):
        """Body names written with one inner character wrong or left out (省机关事物管理局), where no name was found
        exactly: a span that opens like a gazetteer form (MISSPELT_OPENINGS) and is one character off it."""
        for opening in MISSPELT_OPENINGS:
            start = text.find(opening)
            while start != -1:
                if not any(k.start <= start < k.end for k in known) and not self._province_before(text, start):
                    found = self._misspelt_at(text, start, known)
                    if found:
                        yield found
                start = text.find(opening, start + 1)

    def _misspelt_short_forms(self, text, known):
        """Four-character short forms with their third character wrong (省能原局 for 省能源局), where no name was
        found: a 省 that no found name covers, and one short form that fits what the typo leaves."""
        start = text.find("省")
        while start != -1:
            end = start + SHORT_FORM_LENGTH
            written = text[start:end]
            surface = self._short_forms_by_frame.get((written[:2], written[3:]))
            if surface and written != surface and not text.startswith("公", end) \
                    and not any(start < k.end and k.start < end for k in known) \
                    and not self._province_before(text, start):
                yield self._mention(start, end, written, surface)
            start = text.find("省", start + 1)

    def _misspelt_departments(self, text, known):
        """Department names ending in 厅 written with one inner character wrong or left out (应急管厅), where no
        name was found: each 厅 not inside a found name is the end of a candidate, compared with the gazetteer's
        forms of the same opening."""
        end = text.find("厅") + 1
        while end:
            if not any(k.start < end <= k.end for k in known) and text[end - 2:end] != "大厅":
                found = self._misspelt_department_at(text, end, known) or self._sound_slip_at(text, end, known)
                if found:
                    yield found
            end = text.find("厅", end) + 1

    def _misspelt_department_at(self, text, end, known):
        for length in self._department_lengths:  # the longest form first
            for written_length in (length, length - 1):  # a character replaced, or left out
                start = end - written_length
                if start < 0 or written_length < MISSPELT_DEPARTMENT_MIN:
                    continue
                written = text[start:end]
                for surface in self._departments_by_opening.get((length, written[:3]), ()):
                    if _one_character_off(written, surface) and not self._province_before(text, start) \
                            and not any(start < k.end and k.start < end for k in known):
                        return self._mention(start, end, written, surface)
        return None

    def _sound_slip_at(self, text, end, known):
        """A three-character department (with its 省 or not) whose middle character slipped for its sound."""
        right = DEPARTMENT_SOUND_SLIPS.get(text[end - 2:end - 1])
        if right is None or end < 3:
            return None
        start = end - 4 if text[end - 4:end - 3] == "省" else end - 3
        surface = text[start:end - 2] + right + "厅"
        if surface in self.gaz.org_by_surface and not self._province_before(text, start) \
                and not any(start < k.end and k.start < end for k in known):
            return self._mention(start, end, text[start:end], surface)
        return None

    def _mention(self, start, end, written, surface):
        """The mention of the gazetteer body that `surface` names, written as `written` at [start, end)."""
        name = self.gaz.canonical_org(surface)
        org = self.gaz.org(name)
        department = org.parent if org.category == "内设机构" else None
        return OrgMention(start, end, written, name, org.kind, org.level, org.parent, department=department)

    def _misspelt_at(self, text, start, known):
        """The longest gazetteer form that the text from `start` misspells by one character, or None."""
        best, best_length = None, 0
        for surface in self._by_opening.get(text[start:start + 3], ()):
            if len(surface) <= best_length:
                continue
            for end in (start + len(surface), start + len(surface) - 1):  # a character replaced, or left out
                written = text[start:end]
                if len(written) >= MISSPELT_MIN and _one_character_off(written, surface) \
                        and not any(start < k.end and k.start < end for k in known):
                    best = self._mention(start, end, written, surface)
                    best_length = len(surface)
                    break
        return best

    def _slipped_endings(self, text, known):
        """The province's bodies written with a sound-alike last character (省林草居 for 省林草局, 省消防救援总对 for
        …总队), where no name was found: the longest 省 form that ends there once the character is put right."""
        for m in SLIPPED_END.finditer(text):
            end = m.end()
            right = LAST_CHARACTER_SLIPS[m.group(0)]
            for start in range(max(0, end - MISSPELT_SPAN), end - 3):
                if text[start] not in "省四":  # (a 省 form opens with 省 or 四川省)
                    continue
                surface = text[start:end - 1] + right
                if surface.startswith(("省", "四川省")) and surface in self.gaz.org_by_surface \
                        and not any(start < k.end and k.start < end for k in known) \
                        and not self._province_before(text, start):
                    yield self._mention(start, end, text[start:end], surface)
                    break

    def _province_before(self, text, pos):
        return text.endswith(self._other_provinces, 0, pos)

    def _back_reference(self, text, m):
        """市数据局 after 广元市人民政府…: a body of the city named earlier in the item, not the province's; 县市场监管局
        after 茂县县长…: the county's."""
        if self._local_place is None:
            return None
        county = text[m.start() - 1] == "县"
        places = [p.group(0) for p in self._local_place.finditer(text, 0, m.start() - 1)]
        places = [p for p in places if (p.endswith("县") if county else self.gaz.places.get(p) == "prefecture"
                                        or p in self.gaz.prefecture_full.values())]
        if not places:
            return None
        place = places[-1]
        full_place = self._full_place(place) if county else self.gaz.prefecture_full.get(place, place)
        body = self._short_forms.get(m.group(0), m.group(0))
        for prefix in ("四川省", "四川", "省"):
            if body.startswith(prefix):
                body = body[len(prefix):]
        return OrgMention(m.start() - 1, m.end(), text[m.start() - 1:m.end()], full_place + body,
                          _kind_of(body, "government"), "county" if county else "municipal")

    def _self_references(self, text):
        """The publishing center calls itself 中心 at the head of a clause (1月15日，中心召开…, 中心主任…), after a
        preposition or a verb that takes it (与中心签订, 报中心审核, 致电中心) and where visitors hear it
        (听取中心关于…的介绍). Elsewhere 中心 is part of another name or a common noun (中心城区) and is left alone."""
        if "中心" not in text:  # the regex below has no literal start and would be tried at every position
            return
        center = self.gaz.canonical_org("省中心")
        if center is None:
            return
        org = self.gaz.org(center)
        for m in SELF_REFERENCE.finditer(text):
            yield OrgMention(m.start(), m.end(), m.group(0), center, org.kind, org.level, org.parent)

    def _local_mentions(self, text):
        """Bodies of a city, prefecture or county: 达州市卫健委, 凉山州司法局, 金牛区政务中心."""
        if self._local_body is None:
            return
        for m in self._local_matches(text):
            start, surface = m.start(), m.group(0)
            place = self._local_place.match(surface).group(0)
            joined = self._joined_place.search(surface, len(place))
            if joined:  # 宜宾市和成都市武侯区行政审批局: the body is the second place's, and no list shares it
                start, surface = start + joined.end(), surface[joined.end():]
                place = self._local_place.match(surface).group(0)
            body = surface[len(place):]
            # (…武侯区四川蜀视…公司: a name from the province on is the company's own)
            if not body or body in ("中心", "市", "县", "区", "州") or HALL_END.search(body) \
                    or GENERIC_LOCAL.match(body) or LEVELS.search(body) or body.startswith("四川"):
                continue
            yield self._local_mention(start, m.end(), surface, place, body)
            if joined:
                continue
            # Places listed before it share its body: 德阳市、广元市政务服务和公共资源交易服务中心.
            listed = PLACE_LIST_BEFORE.search(text, max(0, m.start() - 40), m.start()) if m.start() else None
            for element in LIST_ELEMENT.finditer(listed.group(0)) if listed else ():
                run = self._place_run_end.search(element.group(0))  # the places that end the element
                if run:
                    start = listed.start() + element.start() + run.start()
                    place = list(self._local_place.finditer(run.group(0)))[-1].group(0)
                    yield self._local_mention(start, start + len(run.group(0)), run.group(0), place, body)

    def _local_matches(self, text):
        """The place + body matches of `text`, left to right. A match that runs across a clause (荣昌区政府副区长
        黄立新带领荣昌区政务服务管理办公室: LOCAL_NOISE inside) is passed over, and the search goes on right after its
        place, so that a body inside it is still found."""
        pos = 0
        while m := self._local_body.search(text, pos):
            place = self._local_place.match(m.group(0)).group(0)
            if LOCAL_NOISE.search(m.group(0), len(place)):
                pos = m.start() + len(place)
                continue
            yield m
            pos = m.end()

    def _local_mention(self, start, end, surface, place, body):
        """The mention of `place`'s body written `body` (卫健委 -> 卫生健康委员会)."""
        # A place's 委 alone is its party committee: 理塘县委 is 中共理塘县委员会, and 成都市青白江区委 (a county after
        # its city) 中共成都市青白江区委员会.
        county = body[:-1] if body.endswith("委") and self.gaz.places.get(body[:-1]) == "county" else ""
        if body == "委" or county:
            return OrgMention(start, end, surface, f"中共{self._full_place(place)}{county}委员会", "party",
                              "county" if county else self._place_level(place))
        full_body = self._short_forms.get(body, body)
        if body.endswith("政务中心"):
            full_body = body[:-len("政务中心")] + "政务服务中心"
        name = self._full_place(place) + full_body
        if ZONE_BODY.search(body):  # a zone's committee keeps its name as written: 宜宾三江新区管理委员会
            name = place + body.removesuffix("管委会") + ("管理委员会" if body.endswith("管委会") else "")
        kind = _kind_of(body, "government")
        if (kind == "hospital" or full_body.startswith(BARE_CITY_BODIES)) and not place.endswith(("市", "州", "区", "县")):
            # Hospitals, arbitration commissions and housing-fund centres named with a bare city name are registered
            # so (成都京东方医院, 成都仲裁委员会, 成都住房公积金管理中心); a prefecture's short name is still written out
            # (甘孜州人民医院: 甘孜藏族自治州人民医院).
            name = place + full_body
        level = "provincial" if place.startswith("重庆") else self._place_level(place)
        return OrgMention(start, end, surface, name, kind, level)

    def _place_level(self, place):
        return "county" if self.gaz.places.get(place) == "county" else "municipal"

    def _township_mentions(self, text):
        """Service points of townships and villages (TOWNSHIP_BODIES), under the name written."""
        if self._township_body is None or not ("镇" in text or "乡" in text or "街道" in text):
            return
        for m in self._township_body.finditer(text):
            if not GENERIC_LOCAL.search(m.group(0)):  # (布拖县部分乡镇便民服务中心 names a kind)
                yield OrgMention(m.start(), m.end(), m.group(0), m.group(0), _kind_of(m.group(0), "center"), "county")

    def _local_governments(self, text):
        """A city or county written for its government before its head's title (眉山市副市长): that government."""
        for m in self._local_government.finditer(text):
            place = m.group(0)
            if not self._full_place(place).endswith(m.group("unit")):  # 重庆 + 市长寿区 is no 市长; 凉山洲 is 凉山州
                continue
            if self.gaz.local_place_at(text, LOCAL_HEAD.match(text, m.end()).end() - 1):
                continue  # 宜宾 + 市长宁县: the county 长宁县, no 市长
            yield OrgMention(m.start(), m.end(), place, self._full_place(place) + "人民政府", "government",
                             self._place_level(place))

    def _add_local_backrefs(self, text, mentions, excluded):
        """Bodies named by 市/州/县/区 alone after a list word, taken to be of the local place named last before
        them (…副州长阿苏拉且率州政务服务中心、州国土资源局)."""
        out = list(mentions)
        for m in self._local_backref.finditer(text):
            start, end = m.start(), m.end()
            if any(o.start < end and start < o.end for o in out) or _inside(excluded, start, end):
                continue
            places = [p for p in self._local_place.finditer(text, 0, start)
                      if p.group(0).endswith(m.group("level")) or self.gaz.prefecture_full.get(p.group(0), "")
                      .endswith(m.group("level"))]
            body = m.group("body")
            if not places or LOCAL_NOISE.search(body) or GENERIC_LOCAL.match(body) or LEVELS.search(body):
                continue  # (nor a kind of body: 省、市两级医保经办人员)
            out.append(self._local_mention(start, end, m.group(0), places[-1].group(0), body))
        return sorted(out, key=lambda o: o.start)

    def _full_place(self, place):
        """凉山州 -> 凉山彝族自治州, 金牛区 -> 成都市金牛区, 眉山市 as it is."""
        full = self.gaz.prefecture_full.get(place, place)
        parent_city = self.gaz.place_parent.get(place)
        if parent_city and self.gaz.places.get(place) == "county" and place.endswith("区"):
            full = parent_city + place
        return full

    def _other_province_mentions(self, text):
        """Bodies of other provinces, kept under the name written (their canonical names are not in the
        gazetteer); a body word must follow the province with nothing but name characters between."""
        for m in self._other_province_body.finditer(text):
            surface = m.group(0)
            if LOCAL_NOISE.search(surface, m.end("province") - m.start()) or HALL_END.search(surface):
                continue
            yield OrgMention(m.start(), m.end(), surface, surface, _kind_of(surface, "government"), "provincial")

    def _named_mentions(self, text):
        """Companies, hospitals, associations and institutes; the name starts right after the word that
        governs it (赴, 组织, 邀请, 和 ...)."""
        # The regex tries every name length at every position, which is slow; but a name ends in its suffix word,
        # so none starts more than NAMED_MAX characters before the first such word, none ends after the last one,
        # and a text without one has none.
        first_suffix = self._named_suffix.search(text)
        if first_suffix is None:
            return
        last_end = max(text.rfind(word) + len(word) for word in NAMED_SUFFIXES if word in text)
        # A quote that holds more than the name names a campaign (“政企面对面·服务进商会”), not a body.
        campaigns = [q.span(1) for q in QUOTE.finditer(text)] if "“" in text else []
        for m in self._named_body.finditer(text, max(0, first_suffix.start() - NAMED_MAX), last_end):
            if any(q_start <= m.start() and m.end() <= q_end and (q_start, q_end) != m.span()
                   for q_start, q_end in campaigns):
                continue
            surface = self._without_place_before(_trim_left(m.group(0)))
            generic = GENERIC_BODY.fullmatch(surface) and not PROVINCE_OPENING.match(surface)
            counted = surface[0] in CLASSIFIERS and text[:m.end() - len(surface)].rstrip()[-1:].isdigit()
            if len(surface) < 4 or generic or surface[0] in "该此本我其" or counted or surface.endswith("会商会") \
                    or surface.startswith(SCOPE_OPENINGS):
                continue  # (民营医院, cut at the 的 of …3家申请设置的, and 183名残疾评定医院医生 name a kind, as
                # 全省县级中医医院 does; …问题会商会 is a meeting, not a 商会)
            if NEEDS_ANCHOR.search(surface) and not BRANCH_ANCHOR.match(surface):
                continue  # a bare 公司 is a name only as 中国移动四川公司, 国网四川省电力公司; likewise 分行, 大学
            if surface.endswith(ANCHORED) and not (PROVINCE_OPENING.match(surface) or BRANCH_ANCHOR.match(surface)
                                                        or self._local_place and self._local_place.match(surface)):
                continue
            if surface.endswith(STATIONS) and len(re.sub(r"^四川省?|^省", "", surface)) < 4:
                continue  # a name between the province and the word: not “四川监狱”, an account's name
            start, end = m.end() - len(surface), m.end()
            # 中国铁塔股份有限公司 + 四川省分公司: the company's branch is one body; so is 研究院 + 有限公司
            tail = (BRANCH_AFTER if surface.endswith("公司") else COMPANY_AFTER).match(text, end)
            if tail:
                surface, end = surface + tail.group(0), tail.end()
            yield OrgMention(start, end, surface, _normalise_named(surface), _kind_of(surface, "other"),
                             _level_of(surface, self.gaz))

    def _without_place_before(self, surface):
        """A name that opens with the province after the places where it stands (成都市武侯区 +
        四川蜀视影视文化传媒有限公司) is the name from the province on."""
        if self._local_place is None:
            return surface
        start = 0
        while place := self._local_place.match(surface, start):
            start = place.end()
        if start and surface.startswith("四川", start):
            return surface[start:]
        inside = surface.find("四川", 1)  # a place cut by the word on its left (仁和区: 和): its last character
        return surface[inside:] if inside > 0 and surface[inside - 1] in "市州县区" else surface

    def _listed_enterprises(self, text):
        """Names listed before 等企业 / 等业主单位: 邀请自贡东川物流、四川东恩物流等企业."""
        if not LIST_END.search(text):  # the list regex tries up to 60 characters after every 和, 与, 对 ...
            return
        for m in LISTED_ENTERPRISES.finditer(text):
            for start, end in _list_members(m):
                name = _trim_left(text[start:end])
                if 4 <= len(name) <= 16:
                    yield OrgMention(end - len(name), end, name, name, "enterprise", "other")

    # -- putting them together --------------------------------------------------------------------------

    def find(self, text, places_written=True, teams=None):
        """All organization mentions of `text`, left to right, overlaps resolved to the longest.

        `places_written=False` says that no gazetteer place is written in `text` (the caller has looked): then
        no body of a city or county is looked for, since one starts with its place. `teams` maps each
        TEAM_WORDS ending to the team ending so that the report named last before this text: a numbered central team
        (CENTRAL_TEAM) or a stationed discipline group (STATIONED_GROUP)."""
        excluded = title_spans(text)
        if "政务" in text:  # in every name NOT_ORG_ANYWHERE lists
            excluded += [(m.start(), m.end()) for m in NOT_ORG_ANYWHERE.finditer(text)]
        if self._not_orgs_end in text:
            excluded += [(m.start(), m.end()) for m in self._not_orgs.finditer(text)]
        known = list(self._gazetteer_mentions(text)) + list(self._self_references(text))
        if "纪检监察组" in text:
            known += [OrgMention(m.start(), m.end(), m.group(0), _stationed_name(m.group("host")), "party",
                                 "provincial") for m in STATIONED_GROUP.finditer(text) if len(m.group("host")) >= 3]
        if "第" in text:
            known += [OrgMention(m.start(), m.end(), m.group(0), m.group(0), "government", "national")
                      for m in CENTRAL_TEAM.finditer(text)]
        if "驻" in text and self._consulate is not None:
            known += [OrgMention(m.start(), m.end(), m.group(0),
                                 self.gaz.countries[m.group("country")] + m.group(0)[len(m.group("country")):],
                                 "government", "other") for m in self._consulate.finditer(text)]
        if "海关" in text and self._city_customs is not None:
            known += [OrgMention(m.start(), m.end(), m.group(0), PRC + m.group(0), "government", "municipal")
                      for m in self._city_customs.finditer(text)]
        for word, team in teams.items():
            if word in text:
                kind, level = ("party", "provincial") if word == "纪检监察组" else ("government", "national")
                known += [OrgMention(m.start(), m.end(), m.group(0), team, kind, level)
                          for m in TEAM_BACK_REFERENCE.finditer(text) if m.group(0) == word]
        if "常委、" in text:
            known += list(self._standing_member_departments(text))
        known += list(self._misspelt_mentions(text, known))
        if "厅" in text:
            known += list(self._misspelt_departments(text, known))
        known += list(self._misspelt_short_forms(text, known))
        if SLIPPED_END.search(text):
            known += list(self._slipped_endings(text, known))
        sources = (self._local_mentions, self._local_governments, self._township_mentions, self._named_mentions,
                   self._listed_enterprises)
        if not places_written and self._local_places_in_gazetteer:
            sources = sources[3:]
        if self._other_province_body is not None:
            sources += (self._other_province_mentions,)
        structural = [c for source in sources for c in source(text)]
        # A structural name may end in a known one (成都市 + 市场监督管理局) but not run past it (成都海关 + 党委).
        structural = [c for c in structural
                      if not any(c.start <= k.start and k.end < c.end for k in known)]
        candidates = [c for c in known + structural if not _inside(excluded, c.start, c.end)
                      and not _pronoun_before(text, c.start) and not NOT_ORG.match(c.surface)]
        chosen = _longest_non_overlapping(candidates)
        if places_written and self._local_backref is not None:
            chosen = self._add_local_backrefs(text, chosen, excluded)
        chosen = self._attach_units(text, chosen, excluded)
        self._window_misnomers(text, chosen)
        if LIST_CLOSE.search(text):  # the list regex tries 80 characters from every character
            chosen = sorted(chosen + list(_list_companions(text, chosen, excluded)), key=lambda o: o.start)
        return chosen

    def _standing_member_departments(self, text):
        """A party department written bare after 省委常委、 (省委常委、宣传部部长何晓岚): the provincial committee's."""
        for m in STANDING_MEMBER_DEPARTMENT.finditer(text):
            name = self.gaz.canonical_org("省委" + m.group(0))
            if name:
                yield OrgMention(m.start(), m.end(), m.group(0), name, "party", "provincial")

    def _attach_units(self, text, mentions, excluded):
        """Internal units: right after a body (公安厅政治部), or listed after a person's 率 (率外经处、法规处)."""
        out = []
        for m in mentions:
            out.append(m)
            department = HOSPITAL_UNIT.match(text, m.end) if m.kind == "hospital" else None
            if department:
                out[-1] = OrgMention(m.start, department.end(), text[m.start:department.end()],
                                     m.name + department.group(0), m.kind, m.level, m.name, department=m.name)
            if m.kind in ("enterprise", "hospital"):
                continue
            unit = PARTY_UNIT.match(text, m.end) if m.kind != "association" else None
            if not unit and m.name.endswith(("法院", "检察院")):
                unit = COURT_UNIT.match(text, m.end)
            unit = unit or UNIT.match(text, m.end)
            if m.level == "national" and not unit:
                unit = NATIONAL_UNIT.match(text, m.end)
            if not unit and m.name.endswith(("大学", "医学院")):
                unit = UNIVERSITY_UNIT.match(text, m.end)
            if not unit and (m.kind == "association" or m.name.endswith(("消防救援总队", "消防救援支队"))):
                unit = ASSOCIATION_UNIT.match(text, m.end)  # (and a fire corps' 防火监督部)
            plausible = _is_unit
            if not unit and m.level == "provincial" and m.name.endswith(("厅", "局")):
                bureau = DEPARTMENT_BUREAU.match(text, m.end)
                unit = bureau if bureau and not BUREAU_NOISE.search(bureau.group(0)) else None
            if not unit and m.name.endswith("公安局"):
                unit = POLICE_BUREAU.match(text, m.end)
            if not unit and any(word in m.name for word in ASSEMBLIES):
                unit, plausible = COMMITTEE.match(text, m.end), _is_committee
            if not unit and m.name.endswith("党校"):
                unit = SCHOOL_UNIT.match(text, m.end)
            unit_name = unit and (unit.groupdict().get("unit") or unit.group(0))
            if unit and not _inside(excluded, unit.start(), unit.end()) and plausible(unit_name) \
                    and not text.startswith(("长", "室"), unit.end()):  # 副总队长 is a title, 业务处室 no unit
                whole = text[m.start:unit.end()]
                # A ministry's unit is named without 中华人民共和国: 国家发展和改革委员会法规司, 商务部…事务局.
                body = m.name.removeprefix(PRC) if m.level == "national" else m.name
                name = body + _expand_unit(unit_name)
                out[-1] = OrgMention(m.start, unit.end(), whole, name, m.kind, m.level, m.name, department=m.name)
        # A body extended by its unit takes in a name read apart inside the unit (国家税务总局 + 成都市税务局).
        out = [o for o in out if not any(p.start <= o.start and o.end <= p.end and p.end - p.start > o.end - o.start
                                         for p in out)]
        # Units named on their own take the department named most recently before them. (The regex has no literal
        # start; a text without a unit word is not scanned.)
        unit_words = any(word in text for word in UNIT_WORDS)
        bureau_words = "厅" in text and "局" in text
        leads = [lead.end() for lead in UNIT_LEAD.finditer(text)] if unit_words or bureau_words else []
        units = (LISTED_UNIT.match(text, pos) or BACK_UNIT.match(text, pos) for pos in [0] + leads)
        for m in filter(None, units) if unit_words else ():
            start, end = m.start("unit"), m.end("unit")
            if any(o.start <= start < o.end or start <= o.start < end for o in out) or _inside(excluded, start, end):
                continue  # (nor a unit holding a body: 由成都市网络理政办公室业务骨干…)
            unit = m.group("unit")
            if not _is_unit(unit):
                continue
            # A unit named after its department's last character belongs to the department so ending, named before
            # it or else next (委固定资产投资处处长廖文斌带领省发展改革委窗口…).
            if BACK_UNIT.fullmatch(unit):
                ending = _back_reference_ending(unit)
                parent = _last_department_before(out, start, ending) or _first_department_after(out, end, ending)
            else:
                parent = _last_department_before(out, start)
            if parent is None:
                continue
            if parent.endswith(unit):
                continue  # the body itself, named again by its last word (四川调查总队 … 调查总队工作人员)
            if unit.startswith("总队") and parent.endswith("总队"):
                unit = unit[2:]  # 总队防火监督部
            elif (unit[0] == "委" and parent.endswith("委员会")) or (unit[0] in "局厅" and parent.endswith(unit[0])):
                unit = unit[1:]  # 委医政处, 局专利管理处: the first character repeats the department's name
            elif unit[0] in "局厅":
                continue  # …局网络安全管理处 after a body that is no 局: its 局 was not read
            name = parent + _expand_unit(unit)
            out.append(OrgMention(start, end, unit, name, "government", "provincial", parent, department=parent))
        for m in filter(None, (LISTED_BUREAU.match(text, pos) for pos in leads)) if bureau_words else ():
            start, end = m.start(), m.end("unit")
            if any(o.start < end and start < o.end for o in out) or _inside(excluded, start, end) \
                    or BUREAU_NOISE.search(m.group("unit")):
                continue
            parent = _last_department_before(out, start)
            if parent is not None and parent.endswith("厅"):
                out.append(OrgMention(start, end, m.group(0), parent + m.group("unit"), "government", "provincial",
                                      parent, department=parent))
        listed = LISTED_TEAM.finditer(text) if "队" in text else ()
        for m in listed:
            start, end = m.start("unit"), m.end("unit")
            if any(o.start < end and start < o.end for o in out) or _inside(excluded, start, end):
                continue
            parent = _last_body_before(out, start)
            if parent is not None:
                name = parent.name + m.group("unit")
                out.append(OrgMention(start, end, m.group("unit"), name, parent.kind, parent.level, parent.name,
                                      department=parent.name))
        out.extend(self._own_units(text, out, excluded))
        out.sort(key=lambda o: o.start)
        return out

    def _own_units(self, text, mentions, excluded):
        """A unit opening a clause with no other body than the publisher named before it in the item is the
        publisher's own: the bulletin speaks of its centre's units by their names alone (6月7日，综合窗口管理处
        组织…; 本周，办公室修订…)."""
        if "处" not in text and "办公室" not in text:
            return
        center = self.gaz.canonical_org("省中心")
        for m in OWN_UNIT.finditer(text):
            start, end, unit = m.start("unit"), m.end("unit"), m.group("unit")
            # (The centre's units may name its windows, 综合窗口管理处: _is_unit's 窗口 test is for a department's
            # window written before a unit.)
            if any(o.start < end and start < o.end for o in mentions) or _inside(excluded, start, end) \
                    or not _is_unit(unit.replace("窗口", "")):
                continue
            # a department's unit named again by its name alone (…厅综合规划处处长唐敏…。唐敏表示，综合规划处将…)
            named = next((o for o in mentions if o.end <= start and o.department and o.name.endswith(unit)), None)
            if named is not None:
                yield OrgMention(start, end, unit, named.name, named.kind, named.level, named.parent,
                                 department=named.department)
            elif _last_department_before(mentions, start) in (None, center):
                yield OrgMention(start, end, unit, center + unit, "center", "provincial", center, department=center)

    def _window_misnomers(self, text, mentions):
        """A national ministry's name before 窗口 means the provincial department's window."""
        for i, m in enumerate(mentions):
            if m.level != "national" or not text.startswith("窗口", m.end) or not m.surface.endswith("部"):
                continue
            provincial = self.gaz.canonical_org(m.surface[:-1] + "厅")
            if provincial:
                org = self.gaz.org(provincial)
                mentions[i] = OrgMention(m.start, m.end, m.surface, org.name, org.kind, org.level, org.parent)


def _one_character_off(written, surface):
    """True when `written` is `surface` with one character replaced or left out, never its last (the caller has
    matched the first three)."""
    if not written or written[-1] != surface[-1]:
        return False
    if len(written) == len(surface):
        return sum(a != b for a, b in zip(written, surface)) == 1
    first_wrong = next((i for i, (a, b) in enumerate(zip(written, surface)) if a != b), len(written))
    return len(written) == len(surface) - 1 and written[first_wrong:] == surface[first_wrong + 1:]


def _expand_unit(unit):
    """The unit's name with its short forms written out (see UNIT_EXPANSIONS)."""
    for short, full in UNIT_EXPANSIONS.items():
        unit = unit.replace(short, full)
    return unit


def _is_unit(unit):
    """A plausible internal unit name: short, no pronoun, verb, window or title inside (not 副厅长梁勇率外经处)."""
    return (2 <= len(unit) <= 13 and not UNIT_STOP.match(unit) and not UNIT_NOISE.search(unit)
            and unit not in ("办事处", "各处", "好处", "之处", "到处", "出处", "此处", "用处", "难处", "厅内处"))


def _stationed_name(host):
    """The group the provincial commission stations in `host`: 四川省纪委监委驻省政府办公厅纪检监察组."""
    return f"四川省纪委监委驻{host}纪检监察组"


def _is_committee(name):
    """A plausible committee name (财政经济委员会): no pronoun, verb or window inside."""
    return not UNIT_STOP.match(name) and not COMMITTEE_NOISE.search(name)


COMMITTEE_NOISE = re.compile(r"[各该本我其等率到赴在的对为了]|窗口|组织")
# 和 and 与 join two words inside a unit's name (征管和科技发展处, 文物保护与考古处), not at its start. …远程异地评标场所 is a
# venue, …门户网站 a website; 严查快处 and 结合近年来查处 are acts.
UNIT_NOISE = re.compile(r"^[副正严]|^.?[和与]|[各该本我其等率到赴在及的对为了省至]|窗口|组织(?!管理)|联合|会同|配合|邀请|长|书记|主任|委员|"
                        r"巡视员|专员|场所|网站|近年|以来|已|依法|举办|召开|开展|印发|建立|进一步|提升|帮助|协会|学会|商会")


def _last_department_before(mentions, pos, ending=""):
    """The department named last before `pos` (through a unit: 公安厅政治部 -> 四川省公安厅), whose name ends with
    `ending`."""
    for o in sorted(mentions, key=lambda o: o.start, reverse=True):
        if o.end <= pos and _is_department(o) and (o.department or o.name).endswith(ending):
            return o.department or o.name
    return None


def _is_department(mention):
    """Whether a body has units of its own named after it (处, 办公室 …): a government department, the centre, or a
    party organ (省委编办, 省委组织部), not a party institution such as the party school."""
    return mention.kind in ("government", "center") or (mention.kind == "party" and mention.name.endswith(PARTY_ORGANS))


def _back_reference_ending(unit):
    """How the name of the department a unit such as 委医政处, 厅法规处 or 总队防火监督部 refers back to ends."""
    return "委员会" if unit[0] == "委" else unit[:2] if unit.startswith("总队") else unit[0]


def _first_department_after(mentions, pos, ending):
    """The department named first after `pos` whose name ends with `ending`."""
    for o in sorted(mentions, key=lambda o: o.start):
        if o.start >= pos and _is_department(o) and (o.department or o.name).endswith(ending):
            return o.department or o.name
    return None


def _last_body_before(mentions, pos):
    """The provincial body named last before `pos`, not itself a unit: the bureau that a field team listed after it
    belongs to (省地矿局组织…调查队)."""
    for o in sorted(mentions, key=lambda o: o.start, reverse=True):
        if o.end <= pos and o.level == "provincial" and o.department is None \
                and o.kind not in ("enterprise", "hospital", "association"):
            return o
    return None


def _list_members(match):
    """(start, end) of each member of the list that a regex match holds in its group 1, members split at 、."""
    members, pos = [], match.start(1)
    for chunk in match.group(1).split("、"):
        members.append((pos, pos + len(chunk)))
        pos += len(chunk) + 1
    return members


def _list_companions(text, mentions, excluded):
    """Members of a list closed by …等N家单位 that no finder named, when another member was named (LIST_OF_BODIES).

    Only members that stand alone between list commas count as named; a member is 2 to 12 characters with no verb,
    窗口 or 省 in it (LOCAL_NOISE), and the first one is cut at a governing word on its left (组织, 邀请 …)."""
    for m in LIST_OF_BODIES.finditer(text):
        members = _list_members(m)
        if len(members) < 2:
            continue
        named = [(s, e) for s, e in members if any(o.end == e and o.start >= s for o in mentions)]
        if not named:
            continue
        for i, (start, end) in enumerate(members):
            if (start, end) in named or any(o.start < end and start < o.end for o in mentions):
                continue
            member = text[start:end]
            if i == 0:
                member = _trim_left(member)
                start = end - len(member)
            if 2 <= len(member) <= 12 and not LOCAL_NOISE.search(member) and not _inside(excluded, start, end) \
                    and not NOT_ORG.match(member):
                yield OrgMention(start, end, member, member, "other", "other")


def _pronoun_before(text, start):
    """我厅 / 该院: a body word right after a pronoun is not a named body."""
    return start > 0 and text[start - 1] in "我该本此贵" and start + 1 < len(text)


def _trim_left(name):
    """Cut a structural name at the last governing word or punctuation on its left, but not where only a company's
    legal form would be left (the 和 of 新希望六和股份有限公司) or at the 结合 of 四川省中西医结合医院: both are part of
    the name."""
    cut = 0
    for m in LEFT_STOP.finditer(name):
        rest = name[m.end():]
        if m.end() < len(name) - 1 and rest not in LEGAL_FORMS \
                and not (m.group(0) == "结合" and rest in NAMED_SUFFIXES and name[:m.start()].endswith("中西医")):
            cut = max(cut, m.end())
    return name[cut:]


def _kind_of(name, default):
    for suffix, kind in KIND_BY_SUFFIX:
        if name.endswith(suffix):
            return kind
    return default


def _level_of(name, gaz):
    if name.startswith(("中国", "国家", "全国", "中华")):
        return "national"
    if name.startswith(("四川省", "省")):
        return "provincial"
    for place, kind in gaz.places.items():
        if name.startswith(place):
            return {"prefecture": "municipal", "county": "county"}.get(kind, "other")
    return "other"


def _normalise_named(surface):
    """省妇幼保健院 -> 四川省妇幼保健院: a bare 省 prefix stands for the province."""
    if surface.startswith("省") and not surface.startswith("省级"):
        return PROVINCE + surface[1:]
    return surface


def _longest_non_overlapping(candidates):
    """Keep the longest of overlapping mentions (ties: the gazetteer's, which come first)."""
    chosen = []
    for c in sorted(candidates, key=lambda c: (-(c.end - c.start), c.start)):
        if all(c.end <= o.start or c.start >= o.end for o in chosen):
            chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)

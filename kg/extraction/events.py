"""What happened in an item: its event type, who acted, the roles of the persons, and hall visits.

Event type = the type of the item's first activity: every cue below is searched, the earliest wins
(ties go to the longer cue). Sections decide first: a 厅(局)长进大厅 section is visits, a hall-inspection
lead paragraph is an inspection, a summary of service figures is statistics.
"""
import re

from kg.parsing import TITLE_MASK, mask_titles

# A gathering is typed by its noun, wherever the verb that opens it stands: 召开…培训会 is a training,
# 召开…宣讲会 publicity, 召开…动员会 a meeting. A drill (开展消防应急疏散演练) trains.
_GATHERING_VERB = r"(?:主持召开|组织召开|组织开展|召开|举办|举行|开展|组织|召集|参加|出席)"
_TRAINING_NOUN = r"演练|培训会|培训班|培训(?!补贴|机构|费)|授课|讲座|大讲堂|辅导会|集中辅导|专题辅导|业务辅导|读书班|岗位练兵|练兵|跟岗学习|跟班学习|业务竞赛|同台比武"
_PUBLICITY_NOUN = r"宣讲会|宣传活动|宣传月|发布会|宣传|宣讲|宣贯|解读会|开放日|体验日"
# …动员会, …推进会: any short word before 会, except the 会 of 社会, 协会, 学会, 委员会, 会同, 会员.
_MEETING_NOUN = (r"专题会议|工作会议|常务会议|视频会议|会议|座谈会|组织生活会|主题党日|党课|论坛|大会|"
                 r"[\u4e00-\u9fff]{1,3}(?<![社协学员商工机都])会(?![员计展同])")
GATHERING = re.compile(rf"{_GATHERING_VERB}[^，。；]{{0,30}}?(?P<noun>{_TRAINING_NOUN}|{_PUBLICITY_NOUN}|{_MEETING_NOUN})")
# How a gathering's noun ends decides its type (see _gathering_type); a job fair, and a review session of
# applications that a window holds (…窗口组织召开…技术审查会, 专家评审会), are service.
TRAINING_END = re.compile(rf"(?:{_TRAINING_NOUN})$")
REVIEW_END = re.compile(r"(?:审查|评审|论证)会$")
JOB_FAIR_END = "招聘会"
PUBLICITY_END = re.compile(rf"(?:{_PUBLICITY_NOUN})$")
QUOTATION = re.compile(r"“[^”]*”")
# A quoted name that says what kind of event it is: “政务服务开放日”, “政务服务体验日”, a re-check (开展…“回头看”).
EVENT_NAME = re.compile(r"(?:开放日|体验日|回头看)”$")
SENTENCE_END = re.compile(r"[。；]")
# What a gathering or a task is about (围绕不动产登记、环评审批等事项，…开展专题培训): a topic, not an activity.
TOPIC = re.compile(r"围绕[^，。；]{1,60}?(?=[，。；]|开展|进行|举办|召开|组织|作)")
# (event type, cue) — a cue is a regex; its position in the text is where the activity starts.
CUES = [
    # …会议在成都召开, …会议以视频方式召开, 合作会在内江市召开
    ("meeting", rf"(?:{_MEETING_NOUN})(?:在[^，。；]{{1,12}}|以[^，。；]{{1,8}}方式)?(?:召开|举行)"),
    # …and two party branches studying together (开展联学共建活动, 支部共建活动). A video conference held is a meeting;
    # one that is the means (通过视频会议方式开展…培训) leaves the type to what was done by it.
    ("meeting", r"召集|联学|共建活动|座谈会|组织生活会|主题党日|(?<!通过)(?<!以)视频会议(?!方式|形式)|主持召开|学习研讨|"
                r"集中学习|专题学习(?!培训)|理论学习中心组|视频会商|会商会|(?:进行|开展|组织)会商"),
    ("training", _TRAINING_NOUN),
    # …and the media's coverage: 四川日报头版刊发…, 四川电视台播出专题报道.
    ("publicity", rf"{_PUBLICITY_NOUN}|视频拍摄|(?:举办|举行)[^，。；]{{0,20}}?活动|刊发|播出|专题报道"),
    # A field trip to research or supervise; an on-site check of an application (现场核查) is a service.
    ("inspection", r"(?:赴|前往|深入|到|派出工作组)[^，。；]{0,40}?(?:调研|督导|(?<!现场)检查|排查|察看|(?<!现场)核查|巡查|"
                   r"走访|考察)"),
    # 赴X，对Y开展…核查, 赴X，调研…: a trip whose purpose comes in the next clause.
    ("inspection", r"(?:赴|前往|深入)[^，。；]{1,30}[，,](?:对[^，。；]{1,60}?)?(?:调研|督导|(?<!现场)检查|(?<!现场)核查|巡查|"
                   r"开展评估)"),
    # …and what an inspection found, reproved by name (通报批评。…窗口工作人员…未佩戴工作牌).
    ("inspection", r"调研指导|实地调研|专项调研|督导|巡查|排查|抽查|暗访|实地察看|实地了解|专项检查|监督检查|安全生产检查|"
                   r"集中核查|专项核查|联合检查|专项督查|回头看|约谈|通报批评"),
    # People who try the services as applicants to find what goes wrong: 体验官, 以普通办事人身份….
    ("inspection", r"体验官|体验员|以[^，。；]{0,10}身份"),
    # 审批 in a platform's name (…审批服务管理平台上线运行) names the platform, not an approval.
    ("service", r"恢复[^，。；]{0,6}?(?:服务|办理|受理)|申报辅导|上门辅导|现场辅导|上门服务|现场服务|现场办公|现场审查|"
                r"现场核查|现场检查|现场查验|现场勘验|现场审核|"
                # 审批 as an act, not the head of a noun phrase (对…审批事项实行…, …审批制度改革, 在…审批中推行…)
                r"审批(?!人员|业务骨干|工作人员|事项|制度|改革|服务|流程|环节|项目|中|综合窗口|处|"
                r"[^，。；]{0,6}?(?:平台|系统))|"
                r"评审|报批|审发|核发|"
                r"办证|帮办|代办|答疑|解答|咨询|受理审核|指导服务|服务企业|办理|提醒服务|踏勘|预审|送证|上门|技术审查|集中审查|"
                r"现场指导|发放[^，。；]{0,12}?(?:证|照)|协调解决|"
                # a way of handling applications put to work (对…申请实行“容缺受理”), not a rule laid down
                # (实行清单管理, 实行…制度: see policy)
                r"实行(?![^，。；]{0,8}?(?:清单|制度|机制))"),
    ("system", r"审批系统|系统(?!学习|讲解|梳理|总结|掌握)|平台|智能客服|知识库|压力测试|电子证照|电子化|电子营业执照|上线|信息化|数字政府项目|数据共享|升级"),
    # Plain words only (工作方案, not (?:工作|…)方案): the regex engine then skips to where one can start.
    ("policy", r"印发|出台|起草|制定|修订|编制|推行|梳理|更新|清单|工作方案|实施方案|行动方案|改革方案|机制|通知|手册|"
               r"指南|整合|标准化|规范|编印|完成[^，。；]{0,12}授权|"  # 完成…授权 is an act; 已授权…的N个 is a count
               # a list of services widened: 将…纳入…范围, 推出第N批…事项, 新增…N项 (新增上线 is a platform's: system)
               r"将[^，。；]{1,60}?纳入|推出第[^，。；]{1,3}批|新增(?!上线)[^，。；]{1,40}?\d+项|"
               # …等4项“川渝通办”事项; an agreement signed; a document published (发布《…》: titles are masked)
               r"推出[^，。；]{1,40}?\d+项|签订|签署|发布" + TITLE_MASK),
]
_CUES = [(kind, re.compile(cue)) for kind, cue in CUES]
# A summary of figures opens with a time and a scope that did them all (本周，全省…共…), maybe after a label
# (12345热线诉求办理。上半年，省本级共承接…).
STATISTICS_HINT = re.compile(r"^(?:据[^，。]{0,20}统计|本周，共计|本月，共计|\d{1,2}月，省本级|本周，共|截至|今年以来|"
                             r"(?:[^，。；]{2,14}。)?(?:本周|本月|\d{1,2}月|上半年|[一二三四]季度)，"
                             r"(?:(?:全省|省本级|省级|省?12345|大厅)[^，。；]{0,20}?共|省?12345热线[^，。；]{0,20}?工单))")
# An item that opens with one day reports what was done that day (3月2日，省中心印发…), not the figures of a period
# (2月24日至3月6日，省政务服务大厅共办理…): in a figures section, and where no cue says what was done.
ONE_DAY = re.compile(r"(?:[^，。；]{2,14}。)?\d{1,2}月\d{1,2}日[，,]")  # maybe after a label: 惠企政策直达快享。3月20日，…
# 下步工作安排: a list of tasks (一是…二是…) is a work plan, a policy; one planned act is typed by what it is.
PLAN_SECTION = re.compile(r"(?:下步|下一步|下月|下周|下阶段)工作")
TASK_LIST = re.compile(r"一是|二是|[;；]")
VISIT_SECTION = re.compile(r"进大厅|进窗口|局[）)]长“?(?:走流程|坐窗口)")  # 厅(局)长进大厅, 厅（局）长“走流程”
INSPECTION_SECTION = re.compile(r"巡查")
STATISTICS_SECTION = re.compile(r"办件情况|受理办理情况|总体运行情况|运行情况|数据统计|办件量|总体情况")
# A person coming to the hall or a window: 到省政务服务大厅窗口调研, 到窗口调研值守, 莅临…大厅, 到…窗口“坐窗口、走流程”.
VISIT = re.compile(r"(?:到|莅临|来到|走进|深入|前往|来)(?P<target>[^，。；]{0,30}?(?:大厅|窗口)[^，。；]{0,20}?)"
                   r"(?:[，,](?:并|看望)?|看望)?(?:以[^，。；]{1,10}身份)?“?(?:开展|进行)?"
                   r"(?P<purpose>调研指导|调研值守|调研督导|检查指导|指导工作|调研|带班值守|带班|值守|慰问|检查|视察|考察|督导|督查|走访|坐班|"
                   r"座谈交流|交流座谈|"
                   r"坐窗口、走流程|坐窗口|走流程|现场办公|体验)")
# A delegation come to learn at the hall (…一行8人到省政务服务大厅跟岗学习) visits it; staff sent to learn at
# other windows train (组织综窗人员到省税务局窗口跟岗学习: the 跟岗学习 of _TRAINING_NOUN).
HALL_STUDY = re.compile(r"(?:到|来到|走进|莅临)[^，。；]{0,20}?大厅(?:跟岗学习|跟班学习|学习|观摩|参观|交流)")
# Coming to the hall, with the purpose in the next clause (…一行到省政务服务大厅，围绕…开展调研), or the hall first of
# the places a delegation saw (…一行来川考察，先后到省政务服务大厅和…).
HALL_ARRIVAL = re.compile(r"(?:到|来到|走进|莅临)[^，。；]{0,12}?政务(?:服务)?大厅(?=[，,和、])")
# Going to any other place with a visit's purpose (…一行到省中心开评标区调研): in a 厅(局)长进大厅 section that is
# the visit, and the hosts named after it (…，省中心副主任谯德明陪同) are no visitors.
PLACE_VISIT = re.compile(r"(?:到|莅临|来到|走进|深入|前往|赴)(?P<target>[^，。；]{1,30}?)(?:开展|进行)?"
                         r"(?P<purpose>调研指导|调研值守|调研督导|检查指导|调研|检查|视察|考察|督导|走访|慰问|带班|值守)")
# Members who join a visit (全国人大代表李红梅，省人大代表张志刚等参加视察，…陪同): the hosts named after them are hosts,
# and they are visitors.
JOINED_VISIT = re.compile(r"参加(?:视察|调研|考察|检查|督查)")
# An official who attends a meeting held during a visit (省政府副秘书长胡晓峰出席座谈会并讲话) is no visitor.
ATTENDING = re.compile(r"^出席")  # (参加 may open the visit itself: 参加“局长走流程”活动，到…窗口)
# Staff, not visitors, going to the hall: …安排审批人员定期到大厅值守.
STAFF_SENT = re.compile(r"人员(?:定期|轮流|每周|每日|按时)?$")
FOLLOW_PURPOSE = re.compile(r"并开展[^，。；]{0,12}?(?P<p>慰问|检查|督导|座谈)")
# 陪同 right after the name (何静陪同调研, 吕芙蓉等陪同) marks a host, not a visitor.
ACCOMPANY = re.compile(r"^(?:等同志|等人|等|一起|共同)?陪同")
SPEAKER = re.compile(r"^(?:[^，。；]{0,12}?)(?:主持|出席|讲话|指出|强调|要求|致辞|作[^，。；]{0,6}讲话|专题调研|听取|部署)")
# …听取了窗口首席代表雷静关于…的汇报: the one the visitors listened to reports to them.
LISTENED_TO = re.compile(r"听取了?[^，。；]{0,16}$")
HOST_BRIEFING = re.compile(r"^(?:[^，。；]{0,6}?)(?:介绍了|介绍|汇报了|汇报)")
LECTURER = re.compile(r"^(?:[^，。；]{0,12}?)(?:授课|讲课|讲授|主讲|辅导|作[^，。；]{0,10}报告|进行专题)")


def event_type(item, text, has_figures, org_mentions=()):
    section = f"{item.section or ''}|{item.subsection or ''}"
    if VISIT_SECTION.search(section):
        return "visit"
    if INSPECTION_SECTION.search(item.section or "") and item.marker is None:
        return "inspection"
    if STATISTICS_SECTION.search(section) and has_figures and not ONE_DAY.match(text):
        return "statistics"
    if STATISTICS_HINT.match(text) and has_figures:
        return "statistics"
    plan = PLAN_SECTION.search(section)
    if plan and TASK_LIST.search(text):
        return "policy"
    if _visit_subject_first(text) and not plan:
        return "visit"
    # Quoted words are names, not activities, unless nothing else says what happened (开展“上门服务”).
    kind = _first_cue(_mask_names(text, org_mentions))
    if kind is None and "“" in text:
        kind = _first_cue(_mask_names(text, org_mentions, quotations=False))
    if kind or plan:
        return kind or "policy"
    if has_figures and ONE_DAY.match(text):  # one day's act with its figures (4月15日，…开设专窗，当日为37户…)
        return "service"
    return "statistics" if has_figures else "other"


def _first_cue(text):
    """The type of the earliest activity cue in `text` (the longer cue on a tie), or None."""
    best = None
    if "围绕" in text:
        text = TOPIC.sub(lambda m: "＿" * len(m.group(0)), text)
    # A document's title names a plan or a notice (《…实施方案》, 《…的通知》): what the item did with it is said
    # outside the title (印发, 根据, 贯彻落实). Other cues in a title do tell the field (《…平台…项目实施方案》评审).
    untitled = mask_titles(text)
    found = [(kind, rx.search(untitled if kind == "policy" else text)) for kind, rx in _CUES]
    gathering = GATHERING.search(text)
    if gathering:
        clause = text[max(text.rfind(c, 0, gathering.start()) for c in "，。；") + 1:gathering.start()]
        found.append((_gathering_type(gathering.group("noun"), by_window="窗口" in clause), gathering))
    for kind, m in found:
        if m and (best is None or m.start() < best[1] or (m.start() == best[1] and len(m.group(0)) > best[2])):
            best = (kind, m.start(), len(m.group(0)))
    return best[0] if best else None


def _gathering_type(noun, by_window):
    """training, publicity, service or meeting by how the noun ends (…业务培训会, …政策宣讲会, …招聘会, …动员会);
    a review session (…技术审查会) is a window's service, or else a meeting (水利厅组织召开…技术审查会)."""
    if TRAINING_END.search(noun):
        return "training"
    if noun.endswith(JOB_FAIR_END) or (by_window and REVIEW_END.search(noun)):
        return "service"
    if PUBLICITY_END.search(noun):
        return "publicity"
    return "meeting"


def _visit_subject_first(text):
    """A hall visit as the first activity of the item (not one mentioned later in passing). Guests the item's
    subject invited to the hall (举办“开放日”活动，邀请企业代表走进省政务服务大厅) and staff sent there (安排审批人员定期到
    大厅值守) are part of another activity."""
    for m in (VISIT.search(text), HALL_STUDY.search(text), HALL_ARRIVAL.search(text)):
        if m is None or m.start() >= 80:
            continue
        sentence = text[max(text.rfind("。", 0, m.start()), text.rfind("；", 0, m.start())) + 1:m.start()]
        if "邀请" not in sentence and not STAFF_SENT.search(sentence):
            return True
    return False


def _mask_names(text, org_mentions, quotations=True):
    """Blank out quotations and body names, whose words are not activities (经济和信息化厅 is not IT work); a quoted
    name that says what event it is (“政务服务开放日”) stays."""
    masked = QUOTATION.sub(lambda m: m.group(0) if EVENT_NAME.search(m.group(0)) else "＿" * len(m.group(0)), text) \
        if quotations and "“" in text else text
    for o in org_mentions:
        masked = masked[:o.start] + "＿" * (o.end - o.start) + masked[o.end:]
    return masked


def person_role(text, person, event):
    """visitor / accompanying / speaker / lecturer / subject / other, from the words after the name."""
    if person.role == "subject":
        return "subject"
    after = text[person.end:person.end + 40]
    if ACCOMPANY.match(after) or _in_host_list(text, person):
        return "accompanying"
    if LECTURER.match(after):
        return "lecturer"
    if event == "visit" and (HOST_BRIEFING.match(after) or ATTENDING.match(after)
                             or LISTENED_TO.search(text, max(0, person.start - 20), person.start)):
        return "speaker"  # a host at a place the visitors saw (…局长邓勇介绍了经验做法), or a guest at their meeting
    if event == "visit":
        return "visitor"
    if SPEAKER.match(after) or event == "meeting":
        return "speaker"
    return "other"


def _in_host_list(text, person):
    """陪同 closes a list of hosts that starts after the sentence or the visit clause before it:
    …一行到省政务服务大厅调研，省政府副秘书长周继平、省中心主任吕芙蓉陪同调研 (or …到省政务服务大厅，…, or
    …到省中心开评标区调研，…)."""
    q = text.find("陪同", person.end)
    if q < 0 or SENTENCE_END.search(text, person.end, q):
        return False
    if text.startswith("陪同下", q):  # 在…陪同下 names its hosts after 在; who comes before is the one accompanied
        return person.start > text.rfind("在", 0, q)
    start = max(text.rfind("。", 0, q), text.rfind("；", 0, q))
    for rx in (VISIT, HALL_ARRIVAL, PLACE_VISIT, JOINED_VISIT):
        for m in rx.finditer(text, 0, q):
            start = max(start, m.end())
    return person.start > start and not VISIT.search(text[person.end:q])


def own_windows(text, persons, org_mentions):
    """A visitor written without a body (黄建明副厅长到省政务服务大厅省教育厅窗口调研) leads the department whose window
    they came to; visitors who went 分别 to as many windows, each the one written in the same place of its list."""
    unnamed = [p for p in persons if p.role == "visitor" and p.organization is None and p.titles
               and text.startswith(p.titles[0], p.end)]  # the name first: 陈国庆副厅长 (not …局长孙立, a unit's)
    if not unnamed:
        return
    visit = next((m for m in VISIT.finditer(text) if m.start() > unnamed[0].start), None)
    if visit is None:
        return
    windows = [o for o in org_mentions if visit.start("target") <= o.start and o.end <= visit.end("target")
               and text.startswith("窗口", o.end)]
    if len(windows) == 1:
        for p in unnamed:
            p.organization = windows[0].name
    elif len(windows) == len(unnamed):
        for p, window in zip(unnamed, windows):
            p.organization = window.name


def visits(item, text, persons, resolved_date):
    """One visit record per visiting person, with purpose, target and the rest of the party."""
    visitors = [p for p in persons if p.role == "visitor"]
    if not visitors:
        return []
    m = None
    for candidate in (*VISIT.finditer(text), *PLACE_VISIT.finditer(text)):  # the hall first, then any place
        if candidate.start() > visitors[0].start:
            m = candidate
            break
    target = m.group("target") if m else None
    purpose = m.group("purpose") if m else None
    if m:
        follow = FOLLOW_PURPOSE.search(text, m.end(), m.end() + 30)
        if follow and purpose and follow.group("p") not in purpose:
            purpose = f"{purpose}、{follow.group('p')}"
        if purpose == "指导工作":
            purpose = "调研指导"
    together = "一行" in text
    hosts = [p.name for p in persons if p.role == "accompanying"]
    out = []
    for p in visitors:
        party = [q.name for q in visitors if q is not p] if together else []
        out.append({"person": p.name, "organization": p.organization, "titles": list(p.titles),
                    "date": resolved_date, "purpose": purpose,
                    "accompanied_by": party + (hosts if together or hosts else []),
                    "target": target, "item": item.index,
                    "evidence": {"start": p.start, "end": p.end}})
    return out


ACTOR_VERBS = re.compile(r"(?:窗口|行政审批窗口|窗口党支部|党支部|党组|派出|组织|召开|召集|印发|出台|开展|邀请|会同|联合|"
                         r"配合|举办|举行|积极|主动|依托|推行|建立|升级|对|在|就|和|与|及|、|以|通过|持续|全力|"
                         r"坚持|严格|充分|获悉|根据|督促|指派|召|专题|相关|业务骨干|专家|工作组|等|已|决定|审批|"
                         r"率|到|赴|前往)")
SUBJECT_START = re.compile(r"^(?:[^，。；]{0,14}?日[上下]?午?[,，]|近日[,，]|本周[,，]|本月[,，]|\d{1,2}月[,，]|"
                           r"[^，。；]{1,14}?。)?")
# A body listed with or joined to the subject: 会同省公安厅, 与成都海关联合, 组织省医院专家.
CO_SUBJECT_LEAD = re.compile(r"[^，。；]{0,16}?(?:会同|联合|和|与|及|、|组织|并)")
JOINT_LEAD = re.compile(r"(?:会同|联合)$")
JOINT_AFTER = re.compile(r"(?:和|与)[^，。；]{0,20}?(?:联合|共同|互联)")
ORGANISED_LEAD = re.compile(r"组织$")
EXPERTS_AFTER = re.compile(r"[^，。；]{0,20}?(?:业务骨干|专家)")


def actors(text, orgs, persons, event):
    """The named bodies that carry out the item's activities (subjects, co-organisers, visitors' bodies)."""
    out = []

    def add(name):
        if name and name not in out:
            out.append(name)

    if event == "statistics":
        return []
    for p in persons:
        if p.role in ("visitor", "lecturer") and p.organization:
            add(p.organization)
    for o in orgs:
        if o.in_title:
            continue
        before = text[:o.start]
        clause_start = max(map(before.rfind, "。；，,"))
        lead = before[clause_start + 1:]
        subject_like = (lead == "" or SUBJECT_START.fullmatch(before) is not None
                        or CO_SUBJECT_LEAD.fullmatch(lead) is not None)
        if subject_like and ACTOR_VERBS.match(text, o.end):
            add(o.name)
        elif JOINT_LEAD.search(lead) or JOINT_AFTER.match(text, o.end):
            add(o.name)
        elif ORGANISED_LEAD.search(lead) and EXPERTS_AFTER.match(text, o.end):
            add(o.name)
    return out

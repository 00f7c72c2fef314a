"""The extractor on sentences written in the bulletins' style (departments, officials and programs the
sample bulletins never mention), one behaviour per table row."""
import pytest

from kg.extraction import default_extractor
from kg.parsing import parse_text

HEADER = "2024年第20期（总第475期）\n\n四川省政府政务服务和公共资源交易服务中心 2024年6月24日\n\n（6月17日—6月21日）\n\n"


def extract_item(text, section="窗口工作动态"):
    report = parse_text(HEADER + f"一、{section}\n\n{text}\n", "t.txt")
    facts = default_extractor().extract(report)
    return facts, facts["items"][0]


@pytest.mark.parametrize("text, organizations", [
    ("6月18日，省财政厅窗口组织开展业务培训。", ["四川省财政厅"]),
    ("6月18日，财政厅窗口党支部召开组织生活会。", ["四川省财政厅"]),
    ("6月18日，文旅厅会同省医保局召开座谈会。", ["四川省文化和旅游厅", "四川省医疗保障局"]),
    ("6月18日，退役军人事务部窗口开展政策咨询。", ["四川省退役军人事务厅"]),          # 部窗口 is the provincial window
    ("6月18日，我厅窗口印发《四川省审计厅关于规范审计工作的通知》。", []),            # pronoun; names inside 《》
    ("6月18日，省统计局在省政务服务大厅开展宣传，依托四川政务服务网发布数据。", ["四川省统计局"]),
    ("6月18日，省教育厅指导宜宾市教育局完成审批。", ["四川省教育厅", "宜宾市教育局"]),
    ("6月18日，省卫健委窗口赴泸州市人民医院开展上门服务。", ["四川省卫生健康委员会", "泸州市人民医院"]),
    ("6月18日，省交通运输厅邀请成都蜀道物流有限公司等企业参加培训。", ["四川省交通运输厅", "成都蜀道物流有限公司"]),
    ("6月18日，农业农村厅党组成员、副厅长王建国率种业处、法规处到窗口调研。",
     ["四川省农业农村厅", "四川省农业农村厅种业处", "四川省农业农村厅法规处"]),
    ("6月18日，省市场监管局窗口会同局计量标准化管理处，对3家企业开展核查。",      # 局…处: its own unit
     ["四川省市场监督管理局", "四川省市场监督管理局计量标准化管理处"]),
    ("为提升服务质效，中心在省政务服务大厅开展应急演练。", ["四川省政府政务服务和公共资源交易服务中心"]),
    ("6月18日，省医保局到大厅调研，听取中心关于窗口建设的介绍。",
     ["四川省医疗保障局", "四川省政府政务服务和公共资源交易服务中心"]),
    ("6月18日，省医保局到成都调研，听取中心城区医保经办情况。", ["四川省医疗保障局"]),  # 中心城区: a common noun
    ("6月18日，司法厅窗口联合省公证协会开展咨询服务。", ["四川省司法厅", "四川省公证协会"]),  # the province's
    ("6月18日，司法厅窗口联合律师协会开展咨询服务。", ["四川省司法厅"]),                # one of a kind
    ("7月30日，贵州省政务服务中心副主任王林一行到省政务服务大厅考察交流。", ["贵州省政务服务中心"]),  # as written
    ("6月18日，省通信管理局会同中国铁塔股份有限公司四川省分公司开展服务。",                # a company's branch
     ["四川省通信管理局", "中国铁塔股份有限公司四川省分公司"]),
    ("6月9日，国家发展改革委法规司副司长夏青一行到省政务服务大厅调研。", ["国家发展和改革委员会法规司"]),
    ("疫情防控期间，中心全面推行“不见面审批”。", ["四川省政府政务服务和公共资源交易服务中心"]),
    ("4月28日，中心与重庆市政府办公厅召开联席会议。", ["四川省政府政务服务和公共资源交易服务中心", "重庆市人民政府办公厅"]),
    # units: a department's own bureau, a committee of the congress, 和 inside a unit's name; never a verb phrase
    ("4月1日，自然资源厅不动产登记局赴乐山市督导。", ["四川省自然资源厅不动产登记局"]),
    ("1月13日，省人大财政经济委员会一行到省政务服务大厅调研。", ["四川省人民代表大会财政经济委员会"]),
    ("5月8日，省地税局副局长张勇带队，征管和科技发展处有关同志到窗口调研。",
     ["四川省地方税务局", "四川省地方税务局征管和科技发展处"]),
    ("2月19日，交通运输厅联合省消防救援总队在省政务服务大厅举办宣传活动。", ["四川省交通运输厅", "四川省消防救援总队"]),
    ("6月28日，省税务局窗口会同国家税务总局成都市税务局开展培训。",            # not also 成都市税务局
     ["国家税务总局四川省税务局", "国家税务总局成都市税务局"]),
    # a city written for its government before its head's title, and its bodies named by 市 alone after it
    ("3月12日，眉山市副市长祝春燕率市数据局、市政务服务和公共资源交易服务中心负责同志到省政务服务大厅考察交流。",
     ["眉山市人民政府", "眉山市数据局", "眉山市政务服务和公共资源交易服务中心"]),
    ("6月29日，自然资源厅窗口赴重庆市长寿区开展联合调研。", ["四川省自然资源厅"]),   # 重庆 + 市长寿区: no 市长
    ("6月21日，省纪委监委驻省政府办公厅纪检监察组开展监督检查。", ["四川省纪委监委驻省政府办公厅纪检监察组"]),
    ("6月18日，省卫生健康委窗口赴四川大学华西第二医院开展现场审查，对3家申请设置的民营医院进行指导。",
     ["四川省卫生健康委员会", "四川大学华西第二医院"]),
    ("7月下旬，省公积金中心、四川海事局窗口开展业务培训。", ["四川省省级住房公积金管理中心", "中华人民共和国四川海事局"]),
    ("本周，中心继续实行“预约办”，4月17日，中心以视频方式举办培训。", ["四川省政府政务服务和公共资源交易服务中心"]),
    ("8月17日，宜宾三江新区管委会副主任伍思源到省政务服务大厅考察。", ["宜宾三江新区管理委员会"]),  # a zone: as written
    ("5月19日，公安厅副厅长张勇率厅出入境管理局、交通警察总队负责同志到窗口调研。",
     ["四川省公安厅", "四川省公安厅出入境管理局", "四川省公安厅交通警察总队"]),
    ("6月，省医保局窗口会同永川区医疗保障局推出川渝通办事项。", ["四川省医疗保障局", "重庆市永川区医疗保障局"]),
    # places listed before a body share it
    ("4月1日，宜宾市、泸州市政务服务和公共资源交易服务中心作交流发言。",
     ["宜宾市政务服务和公共资源交易服务中心", "泸州市政务服务和公共资源交易服务中心"]),
    ("6月，省残联会同省卫生健康委组织183名残疾评定医院医生开展培训。",                # a count of a kind, no body
     ["四川省残疾人联合会", "四川省卫生健康委员会"]),
    ("3月12日，省药监局窗口赴四川省中西医结合医院，为医院制剂备案开展指导。",          # 结合 is in the name
     ["四川省药品监督管理局", "四川省中西医结合医院"]),
    ("8月24日，省中医药局局长田茂林率局办公室、医政处负责同志到窗口调研。",      # a unit after 率, hidden before
     ["四川省中医药管理局", "四川省中医药管理局办公室", "四川省中医药管理局医政处"]),
    ("11月14日，省政府新闻办举行发布会，四川日报、四川日报报业集团参加。",
     ["四川省人民政府新闻办公室", "四川日报社", "四川日报报业集团"]),
    ("6月24日，省统计局窗口联合局法规处，为省外办事群众开展辅导。",    # 联合 leads a unit; 省外办事 no body
     ["四川省统计局", "四川省统计局法规处"]),
    ("本周，中心督查处对大厅各窗口开展巡查。", ["四川省政府政务服务和公共资源交易服务中心督查处"]),  # its own unit
    ("6月7日，综合窗口管理处组织业务培训。本周，办公室修订印发制度。",                   # its units by name alone
     ["四川省政府政务服务和公共资源交易服务中心综合窗口管理处", "四川省政府政务服务和公共资源交易服务中心办公室"]),
    ("11月12日，省纪委监委驻省政府办公厅纪检监察组开展监督，严肃查处违规行为。",       # 查处 is a verb
     ["四川省纪委监委驻省政府办公厅纪检监察组"]),
    ("6月21日，驻省政府办公厅纪检监察组组长邓永华强调，对违规问题露头就打、严查快处。",  # the group, once named
     ["四川省纪委监委驻省政府办公厅纪检监察组"]),
    ("12月3日，一名办事群众向中心投诉。11月20日，中心公布评选结果。", ["四川省政府政务服务和公共资源交易服务中心"]),
    ("11月11日，自然资源厅窗口邀请矿业权管理处业务骨干开展培训。", ["四川省自然资源厅", "四川省自然资源厅矿业权管理处"]),
    ("5月19日，省中心举办专题培训，由成都市网络理政办公室业务骨干授课。",      # a body is no unit's name
     ["四川省政府政务服务和公共资源交易服务中心", "成都市政务服务管理和网络理政办公室"]),
    ("8月22日，省中心召开涉企审批“堵点”问题会商会。", ["四川省政府政务服务和公共资源交易服务中心"]),  # no 商会
    ("9月11日，四川省交通投资集团党委书记、董事长冯启明一行到省政务服务大厅座谈。", ["四川省交通投资集团"]),
    ("9月12日，中国移动通信集团四川有限公司、四川省企业联合会参加座谈。",                 # a group's company
     ["中国移动通信集团四川有限公司", "四川省企业联合会"]),
    ("9月10日，省中心联合省工商联举办“政企面对面·服务进商会”活动。",                      # a campaign's name
     ["四川省政府政务服务和公共资源交易服务中心", "四川省工商业联合会"]),
    ("6月20日，窗口协调省药监局业务处室现场会商。", ["四川省药品监督管理局"]),               # 处室: no unit
    # a run across a clause hides no body; a Chongqing district's 政府 is its people's government
    ("7月14日，荣昌区政府副区长黄立新带领荣昌区政务服务管理办公室负责同志到省政务服务大厅考察交流。",
     ["重庆市荣昌区人民政府", "重庆市荣昌区政务服务管理办公室"]),
    ("3月18日，绵阳市、宜宾市和成都市武侯区行政审批局作交流发言。", ["成都市武侯区行政审批局"]),  # 和 joins places
    ("8月24日，省中心赴达州市，检查达州市公共资源交易服务中心远程异地评标场所建设情况。",    # a venue, no unit
     ["四川省政府政务服务和公共资源交易服务中心", "达州市公共资源交易服务中心"]),
    ("1月14日，四川电视台、中央电视台播出专题报道。", ["四川广播电视台", "中央广播电视总台"]),
    ("11月16日，省残联理事长廖春芳到窗口调研，省残联办公室主任杨帆陪同。",
     ["四川省残疾人联合会", "四川省残疾人联合会办公室"]),
    ("4月14日，生态环境厅厅长周立群带领厅办公室一级主任科员冯悦到窗口调研。",
     ["四川省生态环境厅", "四川省生态环境厅办公室"]),
    ("4月中旬，自然资源厅窗口会同厅国土空间用途管制处赴宜宾开展现场指导。",           # a unit of nine characters
     ["四川省自然资源厅", "四川省自然资源厅国土空间用途管制处"]),
    ("6月22日，省药监局窗口对成都天府国际生物城内的四川蜀康生物制药有限公司开展帮办代办服务。",   # cut at 的
     ["四川省药品监督管理局", "四川蜀康生物制药有限公司"]),
    ("11月11日，交通运输厅窗口为乐山至西昌高速公路马边连接线工程提供帮办代办服务。", ["四川省交通运输厅"]),
    # the verb 办 ends no body (凉山州事项办理, 往返成都办事); nor does a place + a verb (阿坝州已依托基层供销社)
    ("近日，省乡村振兴局窗口对甘孜州、凉山州事项办理情况开展线上调度，减少往返成都办事的次数。", ["四川省乡村振兴局"]),
    ("6月21日，省供销社会同阿坝州供销合作社联合社召开现场会。目前，阿坝州已依托基层供销社设立代办点45个。",
     ["四川省供销合作社联合社", "阿坝藏族羌族自治州供销合作社联合社"]),
    # kinds of bodies across a place, not bodies
    ("7月16日，省中心赴凉山州，察看布拖县部分乡镇便民服务中心，就凉山州县级政务服务中心建设交流。",
     ["四川省政府政务服务和公共资源交易服务中心"]),
    ("9月8日，省医保局邀请重庆市医疗保障局业务骨干授课，省、市两级医保经办人员参加。", ["四川省医疗保障局", "重庆市医疗保障局"]),
    ("3月28日，司法厅在省司法厅门户网站公布证明事项清单。", ["四川省司法厅"]),                 # a website, not a unit
    ("9月9日，国务院第五督查组组长韩立新一行到省政务服务大厅督查。", ["国务院第五督查组"]),
    ("7月10日，省大数据中心会同中心召开平台对接推进会。", ["四川省大数据中心", "四川省政府政务服务和公共资源交易服务中心"]),
    ("9月16日，文化和旅游厅窗口党支部与省图书馆党支部联合开展主题党日活动。", ["四川省文化和旅游厅", "四川省图书馆"]),
    ("7月15日，省民族宗教委窗口会同阿坝洲民族宗教事务局开展服务。",                         # 洲, a homophone typo
     ["四川省民族宗教事务委员会", "阿坝藏族羌族自治州民族宗教事务局"]),
])
def test_extract_finds_organizations_by_canonical_name(text, organizations):
    _, item = extract_item(text)
    assert item["organizations"] == organizations


@pytest.mark.parametrize("text, organizations", [
    ("6月18日，省市场监督管里局窗口开展培训。", ["四川省市场监督管理局"]),        # 里 for 理: one inner character
    ("6月18日，省市场监督管局窗口开展培训。", ["四川省市场监督管理局"]),          # 理 left out
    ("6月18日，省市场监督管理窗口开展培训。", []),                              # the last one left out
    ("6月18日，四川省交通运输听窗口开展培训。", []),                            # the last character is never guessed
    ("6月18日，省市场监督管里处窗口开展培训。", []),                            # two characters off
    ("6月18日，湖北省市场监督管里局来川交流。", ["湖北省市场监督管里局"]),      # another province's body, as written
    # A department's own name ends in 厅, so shorter forms are guessed, with or without 省
    ("6月18日，应急管厅窗口推行容缺受理。", ["四川省应急管理厅"]),               # 理 left out
    ("6月18日，退役军人事物厅窗口开展政策咨询。", ["四川省退役军人事务厅"]),     # 物 for 务
    ("6月18日，省应急管厅窗口开展培训。", ["四川省应急管理厅"]),
    ("6月18日，应急管理厅窗口开展培训。", ["四川省应急管理厅"]),                 # written right: no guess needed
    ("6月18日，应急局厅窗口开展培训。", []),                                    # two characters off
    ("6月18日，商物厅窗口开展培训。", []),                                      # too short to guess
    ("6月18日，应急办事大厅开展培训。", []),                                    # a hall, not a department
    ("6月18日，湖北省应急管厅来川交流。", ["湖北省应急管厅"]),
    # A four-character short form, only with its third character wrong and only where one form fits
    ("6月18日，省能原局窗口开展培训。", ["四川省能源局"]),
    ("6月18日，省商条厅窗口开展培训。", ["四川省商务厅"]),
    ("6月18日，省总公会在大厅开展宣传。", ["四川省总工会"]),
    ("6月18日，省能源局窗口开展培训。", ["四川省能源局"]),
    ("6月18日，省文体厅窗口开展培训。", []),                                    # 省文化厅 or 省文旅厅: not guessed
    ("6月18日，省能源办窗口开展培训。", []),                                    # the last character is never guessed
])
def test_extract_reads_a_body_name_with_one_character_wrong_or_left_out(text, organizations):
    _, item = extract_item(text)
    assert item["organizations"] == organizations


@pytest.mark.parametrize("text, organizations", [
    # A member without a name word, listed with bodies before …等N家单位.
    ("6月18日，省委网信办召开辅导会，四川日报报业集团、四川广播电视台、封面传媒等9家单位参加。",
     ["中共四川省委网络安全和信息化委员会办公室", "四川日报报业集团", "四川广播电视台", "封面传媒"]),
    ("6月18日，省商务厅组织四川航空股份有限公司、川航物流等企业参加培训。",
     ["四川省商务厅", "四川航空股份有限公司", "川航物流"]),
    ("6月18日，窗口、大厅等单位开展培训。", []),                                 # no member is a body
    # Field teams a bureau gathers, named on their own after 组织 and list commas.
    ("6月18日，省地矿局组织区域地质调查队、化探队技术人员开展培训。",
     ["四川省地质矿产勘查开发局", "四川省地质矿产勘查开发局区域地质调查队", "四川省地质矿产勘查开发局化探队"]),
    ("6月18日，省商务厅组织志愿服务队开展活动。", ["四川省商务厅"]),             # not a field team
])
def test_extract_reads_bodies_named_only_by_the_list_they_are_in(text, organizations):
    _, item = extract_item(text)
    assert item["organizations"] == organizations


@pytest.mark.parametrize("year, text, organization", [
    (2017, "3月2日，省食品药品监督管理局窗口开展培训。", "四川省食品药品监督管理局"),
    (2017, "3月2日，省环境保护厅窗口开展培训。", "四川省环境保护厅"),
])
def test_extract_keeps_former_names_as_bodies_of_their_time(year, text, organization):
    header = HEADER.replace("2024年", f"{year}年")
    report = parse_text(header + f"一、窗口工作动态\n\n{text}\n", "t.txt")
    item = default_extractor().extract(report)["items"][0]
    assert item["organizations"] == [organization]
    org = default_extractor().gaz.org(organization)
    assert org.successor is not None


@pytest.mark.parametrize("text, persons", [
    ("6月19日，省审计厅党组书记、厅长刘志强到省政务服务大厅窗口调研指导工作。",
     [("刘志强", ["党组书记", "厅长"], "四川省审计厅", "visitor")]),
    ("6月19日，省民宗委副主任马黎，省财政厅二级巡视员欧阳明辉到省政务服务大厅窗口调研值守。",
     [("马黎", ["副主任"], "四川省民族宗教事务委员会", "visitor"),
      ("欧阳明辉", ["二级巡视员"], "四川省财政厅", "visitor")]),
    ("6月19日，教育厅党组书记、厅长何平，党组成员、副厅长周敏一行到省政务服务大厅调研，省中心副主任李华陪同调研。",
     [("何平", ["党组书记", "厅长"], "四川省教育厅", "visitor"),
      ("周敏", ["党组成员", "副厅长"], "四川省教育厅", "visitor"),
      ("李华", ["副主任"], "四川省政府政务服务和公共资源交易服务中心", "accompanying")]),
    ("6月19日，省委常委、副省长杨洪波主持召开专题会议。",
     [("杨洪波", ["省委常委", "副省长"], "四川省人民政府", "speaker")]),
    ("6月19日，省中心组织召开专题培训会，特邀西南财经大学教授张立新进行专题授课。",
     [("张立新", ["教授"], "西南财经大学", "lecturer")]),
    ("6月19日，中心举办专题培训，特邀西南财经大学教授司马强作“数字政府建设”专题授课。",  # 作 opens the talk
     [("司马强", ["教授"], "西南财经大学", "lecturer")]),
    # a list of officials anchors a name without a Han surname as a body does, and lends it its body
    ("11月9日，民政厅副厅长彭措带队，厅社会事务处处长何平、二级调研员阿西木呷一行3人到省政务服务大厅调研。",
     [("彭措", ["副厅长"], "四川省民政厅", "visitor"), ("何平", ["处长"], "四川省民政厅社会事务处", "visitor"),
      ("阿西木呷", ["二级调研员"], "四川省民政厅社会事务处", "visitor")]),
    ("6月19日，省医保局窗口党支部开展学习，剖析“李某某案”，学习习近平总书记重要讲话精神。",
     [("李某某", [], None, "subject"), ("习近平", ["总书记"], None, "subject")]),
    # names without a Han surname, read only after a body and a title
    ("6月19日，阿坝州人民政府副州长尼玛扎西率队到省政务服务大厅考察交流。",
     [("尼玛扎西", ["副州长"], "阿坝藏族羌族自治州人民政府", "visitor")]),
    ("6月19日，省民政厅二级巡视员沙马阿呷、省统计局副局长王勇到省政务服务大厅窗口调研值守。",
     [("沙马阿呷", ["二级巡视员"], "四川省民政厅", "visitor"), ("王勇", ["副局长"], "四川省统计局", "visitor")]),
    ("6月19日，省体育局副局长（正厅级）黄河到省政务服务大厅窗口调研。",
     [("黄河", ["副局长（正厅级）"], "四川省体育局", "visitor")]),
    ("6月19日，国家医疗保障局医药管理司副司长孙强一行到省政务服务大厅调研，在省中心张玲副主任陪同下参观大厅。",
     [("孙强", ["副司长"], "国家医疗保障局医药管理司", "visitor"),
      ("张玲", ["副主任"], "四川省政府政务服务和公共资源交易服务中心", "accompanying")]),
    # the one accompanied (在…陪同下), and a visit whose purpose comes after the hall
    ("3月31日，省文旅厅副厅长拉姆措在省中心副主任吴一帆陪同下，到省政务服务大厅体验“全程网办”流程。",
     [("拉姆措", ["副厅长"], "四川省文化和旅游厅", "visitor"),
      ("吴一帆", ["副主任"], "四川省政府政务服务和公共资源交易服务中心", "accompanying")]),
    ("1月29日，资阳市人民政府副市长何文斌到省政务服务大厅，对接专区共建工作，省中心副主任邹凯陪同。",
     [("何文斌", ["副市长"], "资阳市人民政府", "visitor"),
      ("邹凯", ["副主任"], "四川省政府政务服务和公共资源交易服务中心", "accompanying")]),
    ("4月1日，省发展改革委副巡视员吉伍阿果到省政务服务大厅带班，在行政审批处处长杨婷婷的陪同下察看窗口。",
     [("吉伍阿果", ["副巡视员"], "四川省发展和改革委员会", "visitor"),
      ("杨婷婷", ["处长"], "四川省发展和改革委员会行政审批处", "accompanying")]),
    ("7月1日，省供销社党组成员、监事会主任罗小川到省政务服务大厅窗口调研值守。",
     [("罗小川", ["党组成员", "监事会主任"], "四川省供销合作社联合社", "visitor")]),
    # the title after the name, behind a body or a list comma; a head of government's title anchors a name
    ("3月12日，省林草局邱燕副局长，省科技厅司马静怡二级巡视员到省政务服务大厅窗口调研值守。",
     [("邱燕", ["副局长"], "四川省林业和草原局", "visitor"),
      ("司马静怡", ["二级巡视员"], "四川省科学技术厅", "visitor")]),
    ("11月12日，副省长沙马阿呷到省政务服务大厅调研，省政府副秘书长杜鸣远，苏文锦主任陪同调研。",
     [("沙马阿呷", ["副省长"], "四川省人民政府", "visitor"),
      ("杜鸣远", ["副秘书长"], "四川省人民政府", "accompanying"), ("苏文锦", ["主任"], None, "accompanying")]),
    ("5月29日，中心召开讲评会，中心党委委员、副主任陶海鸥通报了窗口考核情况。",
     [("陶海鸥", ["党委委员", "副主任"], "四川省政府政务服务和公共资源交易服务中心", "speaker")]),
    ("11月23日，四川省药品检验研究院副院长欧阳婧雯讲解了检验流程。",
     [("欧阳婧雯", ["副院长"], "四川省药品检验研究院", "other")]),
    # a unit opening a sentence is the body of the title after it
    ("6月14日，人力资源社会保障厅窗口举办培训。职业能力建设处处长孙国庆解读了规程。",
     [("孙国庆", ["处长"], "四川省人力资源和社会保障厅职业能力建设处", "other")]),
    ("6月27日，党支部集中研读习近平总书记关于“三农”工作的重要论述。", [("习近平", ["总书记"], None, "subject")]),
    # a host where the visitors went briefs them; he is no visitor
    ("12月20日，云南省政务服务中心副主任杨丽琼一行来川考察，先后到省政务服务大厅和武侯区行政审批局，"
     "武侯区行政审批局局长邓勇介绍了经验做法。",
     [("杨丽琼", ["副主任"], "云南省政务服务中心", "visitor"), ("邓勇", ["局长"], "成都市武侯区行政审批局", "speaker")]),
    # a city's head with no body before the titles belongs to the city's government
    ("6月16日，绵阳市委副书记、市长陈志远率市级有关部门负责同志到省政务服务大厅考察学习。",
     [("陈志远", ["绵阳市委副书记", "市长"], "绵阳市人民政府", "visitor")]),
    ("6月27日，厅窗口邀请住房城乡建设厅建筑市场监管处副处长周建明围绕资质标准调整进行讲解。",
     [("周建明", ["副处长"], "四川省住房和城乡建设厅建筑市场监管处", "other")]),
    ("6月8日，省政府副秘书长何建林、重庆市政府副秘书长罗一鸣出席并讲话。",         # 重庆市政府 + 副秘书长
     [("何建林", ["副秘书长"], "四川省人民政府", "other"), ("罗一鸣", ["副秘书长"], "重庆市人民政府", "speaker")]),
    ("12月6日，中心召开座谈会，中心副主任周启明逐条作了回应。",
     [("周启明", ["副主任"], "四川省政府政务服务和公共资源交易服务中心", "speaker")]),
    ("11月18日，省税务局、公安厅窗口首席代表分别介绍了经验做法。", []),                  # 分别 is no name
    ("6月19日，四川省道路运输协会秘书长罗德彬结合会员企业的困难作交流发言。",
     [("罗德彬", ["秘书长"], "四川省道路运输协会", "other")]),
    ("5月18日，省中心特邀监督员、省政协委员罗晓燕到大厅暗访。",
     [("罗晓燕", ["特邀监督员", "省政协委员"], "四川省政府政务服务和公共资源交易服务中心", "other")]),
    # staff named by their window, with or without a title
    ("12月6日，省税务局窗口王晓琳、自然资源厅窗口陈思宇等12名工作人员被评为服务标兵。",
     [("王晓琳", [], "国家税务总局四川省税务局", "subject"), ("陈思宇", [], "四川省自然资源厅", "subject")]),
    ("本周，省市场监管局窗口主任科员次仁旺姆、交通运输厅窗口王丽等6名工作人员获评服务之星。",
     [("次仁旺姆", ["主任科员"], "四川省市场监督管理局", "other"), ("王丽", [], "四川省交通运输厅", "subject")]),
    ("8月17日，省体育局党组成员、副局长四郎多吉，一级调研员降央卓玛一行到省政务服务大厅调研。",
     [("四郎多吉", ["党组成员", "副局长"], "四川省体育局", "visitor"), ("降央卓玛", ["一级调研员"], "四川省体育局", "visitor")]),
    ("8月22日，住房城乡建设厅窗口举办解读会，邀请该厅建筑市场监管处二级调研员曲比阿果授课。",
     [("曲比阿果", ["二级调研员"], "四川省住房和城乡建设厅建筑市场监管处", "lecturer")]),
    # 代表 is a title only after the congress: 省人大 + 代表, as 省政协 + 委员; 企业代表 names no one
    ("7月24日，省人大代表黎晓燕、省政协委员尹国栋到省政务服务大厅体验办事。",
     [("黎晓燕", ["代表"], "四川省人民代表大会", "visitor"), ("尹国栋", ["委员"], "中国人民政治协商会议四川省委员会", "visitor")]),
    ("11月16日，省生态环境厅召开座谈会，企业代表向企业家介绍了做法。", []),
    ("9月17日，省医保局党组书记、局长蒋文华率副局长谭晓梅到省政务服务大厅调研。",              # led: the same body
     [("蒋文华", ["党组书记", "局长"], "四川省医疗保障局", "visitor"), ("谭晓梅", ["副局长"], "四川省医疗保障局", "visitor")]),
    ("6月21日，驻省政府办公厅纪检监察组组长邓永华强调，要紧盯关键群体。",                       # the group, then 组长
     [("邓永华", ["组长"], "四川省纪委监委驻省政府办公厅纪检监察组", "speaker")]),
])
def test_extract_reads_officials_titles_organizations_and_roles(text, persons):
    _, item = extract_item(text)
    assert [(p["name"], p["titles"], p["organization"], p["role"]) for p in item["persons"]] == persons


def test_extract_makes_one_visit_record_per_visitor_with_the_party():
    facts, _ = extract_item("6月19日，教育厅党组书记、厅长何平，党组成员、副厅长周敏一行到省政务服务大厅调研，"
                            "省中心副主任李华陪同调研。")
    rows = [(v["person"], v["organization"], v["purpose"], v["target"], v["accompanied_by"], v["date"]["start"])
            for v in facts["visits"]]
    assert rows == [("何平", "四川省教育厅", "调研", "省政务服务大厅", ["周敏", "李华"], "2024-06-19"),
                    ("周敏", "四川省教育厅", "调研", "省政务服务大厅", ["何平", "李华"], "2024-06-19")]


@pytest.mark.parametrize("text", ["6月18日，中心召开进驻部门窗口首席代表会议，部署下半年工作。",
                                  "日前，省政府办公厅印发方案。中心已起草综合窗口设置指引。"])
def test_extract_reads_a_bare_center_at_the_head_of_a_clause_as_the_publisher(text):
    _, item = extract_item(text)
    assert "四川省政府政务服务和公共资源交易服务中心" in item["organizations"]


@pytest.mark.parametrize("text, programs, rejected", [
    ("6月20日，省政务服务中心推进“跨省通办”“证照分离”改革，做到“马上办、就近办”。",
     ["跨省通办", "证照分离"], ["马上办、就近办"]),
    ("6月20日，省医保局上线“参保登记一件事”，开展“医保服务进万家”活动。",
     ["参保登记一件事", "医保服务进万家"], []),
    ("6月20日，省税务局持续推进全程网办，为企业提供“一对一”辅导。", ["全程网办"], ["一对一"]),
    ("6月20日，省税务局窗口开展“每日一练”岗位练兵，通过“有诉必应”反映窗口收集诉求5条。",
     ["每日一练", "有诉必应"], []),
    ("6月20日，省科技厅在省政务服务大厅开展“科技政策进大厅”宣讲活动。", ["科技政策进大厅"], []),  # 大厅: the hall
    ("6月20日，省商务厅联合“省外经贸厅”开展宣讲活动。", [], ["省外经贸厅"]),    # a quoted body name
    ("6月20日，省医保局推动更多事项“一网通办”“掌上可办”。", ["一网通办"], ["掌上可办"]),  # …可办 says how
    ("12345热线“一号答”。6月，热线共接听来电8.63万个。", ["一号答"], []),       # a quote that labels the item
    ("会议强调“抓落实”。6月，窗口共受理事项326件。", [], ["抓落实"]),          # a quoted sentence after 强调
    ("4月6日，人社厅副厅长王敏到省政务服务大厅开展“厅长走流程”，体验申领全流程。", ["厅长走流程"], []),
    ("6月20日，成都海关窗口按照“关检融合”统一申报要求完成业务整合。", ["关检融合"], []),   # the vocabulary's
    ("本周，结合“大学习、大讨论、大调研”活动开展窗口巡查。", ["大学习、大讨论、大调研"], []),  # a list, then 活动
    ("6月20日，省国资委组织省属企业开展“政企面对面”审批服务对接活动。", ["政企面对面"], []),
    ("6月20日，纳溪区在乡镇便民服务中心设立“政务服务进乡村”代办点。", ["政务服务进乡村"], []),
    ("6月20日，省商务厅在省政务服务大厅举办以“诚信经营、放心消费”为主题的宣传活动。", [], ["诚信经营、放心消费"]),
    ("6月20日，考察组察看了“AI帮办”体验区，听取电子证照“一证通用”工作汇报。", ["AI帮办", "一证通用"], []),
    ("6月20日，省大数据中心推进电子证照“扫码亮证”应用。", ["扫码亮证"], []),
    ("6月20日，窗口工作人员严守“六个严禁”工作纪律。", [], ["六个严禁"]),            # a rule, not a program
    ("6月20日，窗口为企业开展“点对点”服务。", [], ["点对点"]),                      # a way of working
    ("本月，新上线“政策计算器”“融资服务直通车”2个特色服务场景。", ["政策计算器", "融资服务直通车"], []),
    ("今年以来，商务厅窗口依托国际贸易“单一窗口”推行备案登记全程网办。", ["单一窗口", "全程网办"], []),
    ("6月20日，省中心为企业提供“帮办代办”服务。", ["帮办代办"], []),
    ("6月20日，省中心为老年人提供帮办代办服务。", [], []),                          # unquoted: the plain service
    ("6月20日，省中心推进无差别综合窗口改革。", [], []),
    ("6月20日，省中心研究部署政务服务增值化改革。", ["增值化改革"], []),       # unquoted: the listed name
    ("6月20日，省税务局深化放管服改革。", ["放管服"], []),
    ("11月14日，省工商局窗口推进“五证合一、一照一码”登记制度改革。", ["五证合一、一照一码"], []),  # a list, then 改革
    ("11月14日，省工商局窗口落实个体工商户“两证整合”要求。", ["两证整合"], []),
    ("人工智能+政务服务。1月12日，省本级政务服务大模型上线。", ["人工智能+政务服务"], []),
    ("11月15日，省市场监管局宣讲“个转企”登记政策。", ["个转企"], []),
    ("11月16日，要求各窗口严格落实“首问负责”“一次性告知”等制度。", ["首问负责"], ["一次性告知"]),  # …制度
    ("本周，省档案馆窗口依托“异地查档、跨馆出证”机制办理查询43件。", ["异地查档、跨馆出证"], []),
    ("11月12日，省中心建立差评“回访—整改—反馈”机制。", [], ["回访—整改—反馈"]),          # a chain of steps
    ("本周，省中心打造涉企诉求“直通车”机制。", [], ["直通车"]),                            # an image
    ("民族地区政务服务能力提升行动。会同省民族宗教委起草三年行动方案。", ["民族地区政务服务能力提升行动"], []),  # a label
    ("本周，对社会投资小型低风险项目实行“清单制+告知承诺制”。", ["清单制+告知承诺制"], []),
    ("11月14日，对照“五有”建设标准逐项查看。", [], ["五有"]),                               # a standard
    ("6月27日，省医保局推行异地就医备案“掌上办”。", ["掌上办"], []),                         # a service channel
])
def test_extract_separates_programs_from_slogans(text, programs, rejected):
    _, item = extract_item(text)
    assert (item["programs"], item["rejected_quotes"]) == (programs, rejected)


@pytest.mark.parametrize("text, expected", [
    ("本周，共计咨询 1,2 人次", []),
    ("本周，共计咨询612人次、受理238件；今年以来，累计咨询9120人次、受理3101件。",
     [("咨询", 612, "人次", "2024-06-17", False), ("受理", 238, "件", "2024-06-17", False),
      ("咨询", 9120, "人次", "2024-01-01", True), ("受理", 3101, "件", "2024-01-01", True)]),
    ("6月，省本级办理政务服务事项4.36万件，现场咨询服务2210人（次）。",
     [("办理政务服务事项", 43600, "件", "2024-06-17", False), ("现场咨询服务", 2210, "人次", "2024-06-17", False)]),
])
def test_extract_reads_service_figures(text, expected):
    facts, _ = extract_item(text, section="省本级综窗办件情况")
    rows = [(s["metric"], s["value"], s["unit"], s["period"]["start"], s["cumulative"])
            for s in facts["statistics"] if s["category"] == "service_volume"]
    assert rows == expected


def test_extract_takes_a_program_that_labels_a_figures_item():
    _, item = extract_item("综窗改革。6月，新增授权5个省级部门，已授权部门共34个。", section="省本级综窗办件情况")
    assert item["programs"] == ["综窗改革"]


def test_extract_counts_one_programs_volume_apart_from_the_headline_volumes():
    facts, _ = extract_item("本周，省本级共办理政务服务事项5218件，“退休一件事”办件量2415件。",
                            section="省本级综窗办件情况")
    rows = [(s["metric"], s["value"], s["category"]) for s in facts["statistics"]]
    assert rows == [("共办理政务服务事项", 5218, "service_volume"), ("“退休一件事”办件量", 2415, "progress")]


def test_extract_counts_rates_apart_from_service_volumes():
    facts, _ = extract_item("6月，省本级办理政务服务事项4.36万件，按时办结率99.2%，发放电子证照1.27万张。",
                            section="省本级综窗办件情况")
    rows = [(s["metric"], s["value"], s["unit"], s["category"]) for s in facts["statistics"]]
    assert rows == [("办理政务服务事项", 43600, "件", "service_volume"), ("按时办结率", 99.2, "%", "progress"),
                    ("发放电子证照", 12700, "张", "service_volume")]


def test_extract_counts_neither_kinds_nor_capacity_as_service_volumes():
    facts, _ = extract_item("本周，受理其它9类行权事项3512件。目前，省本级综合窗口可受理事项已达1238项。",
                            section="省本级综窗办件情况")
    rows = [(s["value"], s["unit"], s["category"]) for s in facts["statistics"]]
    assert rows == [(9, "类", "progress"), (3512, "件", "service_volume"), (1238, "项", "progress")]


def test_extract_counts_feedback_and_cases_but_not_articles():
    facts, _ = extract_item("6月，省本级共收到评价3.96万条，差评11条；完成国有产权交易17宗，出台支持措施21条。",
                            section="总体运行情况")
    rows = [(s["value"], s["unit"], s["category"]) for s in facts["statistics"]]
    assert rows == [(39600, "条", "progress"), (11, "条", "progress"), (17, "宗", "progress")]


def test_extract_reads_money_grouped_thousands_and_percentage_points():
    facts, _ = extract_item("本周，省级平台完成交易额186.42亿元，节约财政资金3,260.5万元，节约率提高1.4个百分点，"
                            "受理1,208件，节约差旅成本约860万元。", section="公共资源交易情况")
    rows = [(s["value"], s["unit"], s["approximate"]) for s in facts["statistics"]]
    assert rows == [(18642000000, "元", False), (32605000, "元", False), (1.4, "个百分点", False), (1208, "件", False),
                    (8600000, "元", True)]


def test_extract_reads_a_visit_whose_purpose_is_quoted():
    facts, item = extract_item("6月19日，省广电局党组书记、局长罗建波到省政务服务大厅省广电局窗口“坐窗口、走流程”，"
                               "以办事人身份体验许可证网上申报全流程。")
    assert item["event_type"] == "visit"
    assert [(v["person"], v["organization"], v["purpose"], v["target"]) for v in facts["visits"]] == [
        ("罗建波", "四川省广播电视局", "坐窗口、走流程", "省政务服务大厅省广电局窗口")]


@pytest.mark.parametrize("text", [
    "6月18日，省林草局窗口在3个工作日内完成审批。",     # a duration
    "6月18日，省政府召开第52次常务会议。",              # an ordinal
    "6月18日，省发展改革委组织财政厅等12个省直部门召开会议。",  # the participants of one meeting
])
def test_extract_does_not_record_durations_ordinals_or_participants(text):
    facts, _ = extract_item(text)
    assert facts["statistics"] == []


@pytest.mark.parametrize("text, event", [
    ("6月18日，省财政厅召开政府采购业务座谈会。", "meeting"),
    ("6月18日，省财政厅举办政府采购业务培训会。", "training"),
    ("6月18日，省财政厅印发《政府采购窗口服务指南》。", "policy"),
    ("6月18日，省财政厅派出工作组赴绵阳市开展实地调研。", "inspection"),
    ("6月18日，省财政厅窗口开展上门服务，现场审查申报材料。", "service"),
    ("6月18日，省财政厅在省政务服务大厅举办政策宣传活动。", "publicity"),
    ("6月18日，省财政厅上线电子票据管理系统。", "system"),
    ("5月31日，司法厅审批服务管理平台正式上线运行，实现律师执业许可全程网办。", "system"),   # 审批 in a platform's name
    ("6月，对进驻窗口开展办件质量抽查，抽查办件300件，发现问题5个。", "inspection"),   # not a summary of figures
    ("6月18日，省财政厅完成无差别综合窗口授权，已授权的部门增至40个。", "policy"),
    ("近日，住建厅窗口开通资质延续“绿色通道”，实行“网上申报”，本周共受理资质延续申请457件。", "policy"),
    # a delegation learning at the hall visits it; staff sent to learn at other windows train
    ("6月18日，眉山市政务服务中心一行9人到省政务服务大厅跟岗学习，重点学习综合窗口运行模式。", "visit"),
    ("本周，组织综窗人员到省财政厅、省医保局窗口跟岗学习4次。", "training"),
    ("6月18日，省财政厅窗口赴宜宾市、泸州市，对7家代理机构开展政府采购事中核查。", "inspection"),
    ("6月18日，省财政厅窗口赴遂宁市开展现场踏勘，对3个项目提出补正意见。", "service"),
    ("6月18日，省财政厅窗口将政府采购意向公开等5项事项纳入“一网通办”范围。", "policy"),
    ("6月，会同重庆市财政局推出第二批“川渝通办”事项20项。", "policy"),
    ("6月，“天府通办”新增上线社保卡申领等30项高频服务事项。", "system"),
    ("6月18日，省地震局窗口会同雅安市应急管理局赴石棉县，为2个在建项目开展“上门服务”。", "service"),  # quoted
    ("6月18日，自然资源厅窗口邀请专家对3宗采矿权延续申请开展技术审查。", "service"),
    ("6月18日，交通运输厅窗口会同乐山市交通运输局，对8艘渡船开展集中核查。", "inspection"),
    ("6月上旬，省中心会同省工商联开展涉企服务需求专项调研，走访20家企业。", "inspection"),
    ("6月18日，省气象局与重庆市气象局签订《川渝气象审批合作协议》。", "policy"),
    ("6月18日，省残联窗口会同重庆市残联推出残疾人证换领等3项“川渝通办”事项。", "policy"),
    ("本周，全省公共资源交易平台共完成交易项目980个，交易额96.5亿元。", "statistics"),
    ("政务服务“好差评”。6月，全省“好差评”系统共收到评价186.4万条，差评整改率100%。", "statistics"),  # labelled
    ("12345热线诉求办理。上半年，省本级共承接热线工单3682件，按时办结率99.2%。", "statistics"),
    ("4月3日，省中心党委召开专题读书班，组织党员干部集中学习。", "training"),
    ("月中，省文物局窗口对第二批文物保护工程方案开展集中审查。", "service"),
    ("本周，省财政厅窗口组织对企业代表进行了节能审查申请培训。", "training"),   # 审查 inside an application's name
    ("6月24日，省统计局窗口为行业主管部门开展集中辅导，讲解项目审批要求。", "training"),
    ("4月15日，应急管理厅窗口赴眉山为23家企业开展申报辅导。", "service"),
    ("6月28日，省贸促会窗口党支部开展主题教育集中学习研讨，研究制定整改措施。", "meeting"),
    ("本周，省档案馆查档大厅恢复对外服务，实行预约查档。", "service"),
    ("省中心贯彻落实《关于解决老年人运用智能技术困难的实施方案》，为老年人代办业务420件。", "service"),  # a title
    ("4月8日，省中心对“天府通办”智能客服开展知识库扩容和压力测试，新增问答4200条。", "system"),
    ("12月20日，云南省政务服务中心副主任杨丽琼一行来川考察，先后到省政务服务大厅和武侯区行政审批局。", "visit"),
    ("近日，省体育局组织8个市（州）体育部门审批人员开展高危险性体育项目经营许可业务培训。", "training"),
    ("6月26日，退役军人事务厅窗口工作人员赴双流区退役军人服务中心，实地了解优待证申领情况。", "inspection"),
    ("11月9日，自然资源厅窗口派员赴甘孜州泸定县，调研灾后重建项目用地审批工作。", "inspection"),
    ("6月3日，省中心组成2个暗访组赴南充市，对政务服务大厅开展暗访。", "inspection"),
    ("1月14日，四川电视台《四川新闻联播》播出专题报道。", "publicity"),          # the media's coverage
    ("11月12日，四川日报头版刊发《从“多头跑”到“一窗办”》。", "publicity"),
    ("8月25日，省中心与重庆市大数据应用发展管理局视频会商新一批事项清单。", "meeting"),
    ("8月24日，省中心赴巴中市、达州市，对巴中市公共资源交易中心和达州市公共资源交易服务中心远程异地评标场所标准化建设情况"
     "进行实地检查。", "inspection"),                                           # 标准化 inside what was checked
    ("6月8日，省中心联合经济和信息化厅赴泸州市，对涉企服务专区运行情况开展评估，形成问题清单8项。", "inspection"),
    ("惠企政策直达快享。3月20日，省中心在广安市开展兑现试点，首批兑现资金1.26亿元。", "service"),  # a label first
    ("7月5日，川渝政务服务协同发展联席会议2022年第二次会议以视频方式召开，通报上线准备情况。", "meeting"),
    ("5月26日，川南渝西融合发展试验区政务服务合作会在内江市召开。", "meeting"),
    ("7月8日，省税务局与重庆市税务局联合发布《川渝跨省迁移涉税事项办理操作指引》。", "policy"),
    ("本周，省12345热线向大厅窗口派发工单213件，其中咨询类141件。", "statistics"),   # the hotline's figures
    ("本周，大厅“好差评”系统共收集评价4387条，好评率99.93%。", "statistics"),
    # guests invited to the hall, and staff sent there, make no visit
    ("6月27日，省中心举办“政务服务开放日”活动，邀请企业代表走进省政务服务大厅，参观综合服务专区。", "publicity"),
    ("本周，中心印发窗口调整方案，部门安排审批人员定期到大厅值守。", "policy"),
    ("6月19日，省地震局窗口组织召开地震安全性评价技术审查会，邀请5名专家审查报告。", "service"),   # a review session
    ("本周，组织综合窗口工作人员到省医保局窗口跟班学习，系统学习受理标准。", "training"),
    ("1月14日，人社厅窗口设立职业技能培训补贴申领专席，为灵活就业人员集中办理。", "service"),      # a subsidy
    ("7月11日，省农业农村厅窗口赴理塘县，对帮扶产业项目申报材料进行现场审核。", "service"),
])
def test_extract_types_the_first_activity(text, event):
    _, item = extract_item(text)
    assert item["event_type"] == event


def test_extract_reads_one_days_act_in_a_figures_section_by_what_was_done():
    _, item = extract_item("3月2日，省中心印发预约办理工作指引，公布38个窗口的预约电话。", section="疫情防控期间运行情况")
    assert item["event_type"] == "policy"
    _, item = extract_item("本周，省中心受理事项3862件，公布38个窗口的预约电话。", section="疫情防控期间运行情况")
    assert item["event_type"] == "statistics"


def test_extract_reads_one_days_act_with_figures_as_a_service_when_nothing_says_what_was_done():
    _, item = extract_item("4月15日，省税务局窗口在大厅开设“银税互动”专窗，当日为37户小微企业对接信贷需求。")
    assert item["event_type"] == "service"
    _, item = extract_item("今年以来，省税务局窗口为370户小微企业对接信贷需求。")
    assert item["event_type"] == "statistics"


def test_extract_reads_a_plan_of_tasks_as_policy_and_one_planned_act_by_what_it_is():
    _, item = extract_item("一是做好窗口工作人员季度考核；二是持续推进电子证照应用扩面增效。", section="下月工作安排")
    assert item["event_type"] == "policy"
    _, item = extract_item("组织各进驻部门窗口开展“好差评”专题培训，提升差评整改质量。", section="下周工作打算")
    assert item["event_type"] == "training"
    _, item = extract_item("会同重庆市政府办公厅梳理第二批“川渝通办”事项。", section="下周工作打算")
    assert item["event_type"] == "policy"


@pytest.mark.parametrize("text, places", [
    ("6月18日，应急管理厅工作组赴甘孜州康定市开展检查。", ["甘孜州康定市"]),
    ("6月18日，自然资源厅前往乐山、眉山等地开展调研。", ["乐山", "眉山"]),
    ("6月18日，凉山州司法局来窗口交流，全省推广。", []),
])
def test_extract_finds_places_but_not_jurisdictions_in_body_names(text, places):
    _, item = extract_item(text)
    assert item["places"] == places


def test_extract_gives_evidence_as_source_offsets_and_sentence():
    text = "6月19日，省审计厅党组书记、厅长刘志强到省政务服务大厅窗口调研指导工作。"
    source = HEADER + "一、厅（局）长进大厅\n\n" + text + "\n"
    facts = default_extractor().extract(parse_text(source, "t.txt"))
    evidence = facts["visits"][0]["evidence"]
    assert source[evidence["start"]:evidence["end"]] == "刘志强"
    assert evidence["text"] == text

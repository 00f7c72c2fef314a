"""loaders/triples.py: extracted reports as triples under the ontology, with deterministic IRIs and provenance."""
import copy
import json
from pathlib import Path

import pytest
import rdflib
from rdflib import Graph, Literal
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import RDF

from kg import model
from kg.errors import KgError
from kg.loaders.triples import report_iri, report_to_graph, reports_to_graph
from kg.model import DCTERMS, FOAF, KG, ORG, PROV, data_iri

GOLD = Path(__file__).parent / "data" / "gold_seeds.json"

PREFIXES = """
@prefix kg: <https://w3id.org/kg-bulletins/ontology#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

CENTER = "四川省政府政务服务和公共资源交易服务中心"
NAMESPACES = {v.prefix: v.base for v in model.VOCABULARIES}  # for SPARQL in these tests


def gold():
    return json.loads(GOLD.read_text(encoding="utf-8"))


def gold_reports():
    """The five gold seed reports as `kg extract` would print them: each item's text_start stands in for its text."""
    return [dict(r, items=[dict(i, text=i["text_start"]) for i in r["items"]]) for r in gold()["reports"]]


def gold_org_info(name):
    entry = gold()["departments"].get(name)
    return entry and {"kind": entry["kind"], "level": entry["level"], "aliases": entry["aliases"]}


@pytest.fixture(scope="module")
def gold_graph():
    return reports_to_graph(gold_reports(), org_info=gold_org_info)


def assert_isomorphic(actual: Graph, expected: Graph):
    """Compare graphs by meaning; on failure print the triples only one side has."""
    if isomorphic(actual, expected):
        return
    _, only_actual, only_expected = graph_diff(to_isomorphic(actual), to_isomorphic(expected))
    lines = ["graphs differ", "only in actual:"]
    lines += sorted(f"  {' '.join(t.n3() for t in triple)}" for triple in only_actual)
    lines += ["only in expected:"]
    lines += sorted(f"  {' '.join(t.n3() for t in triple)}" for triple in only_expected)
    pytest.fail("\n".join(lines), pytrace=False)


def validate(graph):
    pyshacl = pytest.importorskip("pyshacl")
    conforms, _, text = pyshacl.validate(graph, shacl_graph=model.load_shapes(), ont_graph=model.load_ontology())
    return conforms, text


# --- small cases, compared as graphs ------------------------------------------------------------------------

STATISTICS_REPORT = {
    "file": "000_080c0ab74c611cee.txt", "published": "2023-03-29",
    "items": [{
        "index": 0, "section": "综窗改革攻坚行动", "subsection": "省本级综窗办件情况", "marker": None,
        "text": "本周，共计咨询790人次、受理192件、颁发5398件、流转11825件；今年以来，累计咨询5071人次、受理1737件、颁发17018件、流转41091件。",
        "span": {"start": 108, "end": 202},
        "date": {"start": "2023-03-13", "end": "2023-03-17", "precision": "week", "surface": "本周"},
        "organizations": [], "actors": [], "implicit_actors": [], "persons": [], "programs": [],
        "rejected_quotes": [], "documents": [], "event_type": "statistics", "places": [],
    }],
    "visits": [],
    "statistics": [{
        "item": 0, "scope": "综窗", "metric": "咨询", "value": 790, "unit": "人次",
        "period": {"start": "2023-03-13", "end": "2023-03-17"}, "cumulative": False, "surface": "咨询790人次",
        "evidence": {"start": 113, "end": 122, "text": "咨询 790 人次"},
    }],
}

STATISTICS_EXPECTED = """
<{report}> a kg:Report ; dcterms:issued "2023-03-29"^^xsd:date ; kg:sourceFile "000_080c0ab74c611cee.txt" .
<{item}> a kg:Item ; dcterms:isPartOf <{report}> ; kg:index 0 ; kg:section "综窗改革攻坚行动" ;
    kg:subsection "省本级综窗办件情况" ;
    kg:text "本周，共计咨询790人次、受理192件、颁发5398件、流转11825件；今年以来，累计咨询5071人次、受理1737件、颁发17018件、流转41091件。" ;
    kg:spanStart 108 ; kg:spanEnd 202 .
<{event}> a kg:StatisticsReport ; prov:wasDerivedFrom <{item}> ; kg:date <{week}> .
<{week}> a kg:DateInterval ; kg:startDate "2023-03-13"^^xsd:date ; kg:endDate "2023-03-17"^^xsd:date ;
    kg:precision "week" ; kg:surface "本周" ; kg:inMonth <{march}> .
<{march}> a kg:CalendarMonth ; kg:yearMonth "2023-03" .
<{statistic}> a kg:Statistic ; prov:wasDerivedFrom <{item}> ; kg:metric "咨询" ; kg:value 790.0 ;
    kg:unit "人次" ; kg:period <{period}> ; kg:cumulative false ; kg:scope "综窗" ; kg:surface "咨询790人次" ;
    kg:text "咨询 790 人次" ; kg:spanStart 113 ; kg:spanEnd 122 .
<{period}> a kg:DateInterval ; kg:startDate "2023-03-13"^^xsd:date ; kg:endDate "2023-03-17"^^xsd:date ;
    kg:inMonth <{march}> .
"""


def statistics_iris():
    report = data_iri("report", "file", "000_080c0ab74c611cee.txt")
    item = data_iri("item", report, 0)
    return {
        "report": report, "item": item, "event": data_iri("event", report, 0),
        "week": data_iri("interval", "2023-03-13", "2023-03-17", "week", "本周"),
        "period": data_iri("interval", "2023-03-13", "2023-03-17", None, None),
        "march": data_iri("month", "2023-03"),
        "statistic": data_iri("statistic", item, "咨询", "790.0", "2023-03-13", "2023-03-17", "综窗", "人次"),
    }


VISIT_DATE = {"start": "2025-03-17", "end": "2025-03-17", "precision": "day", "surface": "3月17日"}
VISIT_REPORT = {
    "file": "003_198b9b81d058ac9a.txt", "series": "政务窗口月报", "issue_no": 3, "total_issue_no": None,
    "published": "2025-04-24", "period": {"start": "2025-03-01", "end": "2025-03-31"},
    "items": [{
        "index": 16, "section": "厅(局)长进大厅", "subsection": None, "marker": "(一)",
        "text": "3月17日,省药监局党组书记、局长李在伟到省政务服务大厅省药监局窗口调研指导工作。",
        "span": {"start": 3399, "end": 3440}, "date": VISIT_DATE,
        "organizations": ["四川省药品监督管理局"], "actors": ["四川省药品监督管理局"], "implicit_actors": [],
        "persons": [{"name": "李在伟", "titles": ["党组书记", "局长"], "organization": "四川省药品监督管理局",
                     "role": "visitor"}],
        "programs": [], "rejected_quotes": [], "documents": [], "event_type": "visit", "places": [],
    }],
    "visits": [{"person": "李在伟", "organization": "四川省药品监督管理局", "titles": ["党组书记", "局长"],
                "date": VISIT_DATE, "purpose": "调研指导", "accompanied_by": [],
                "target": "省政务服务大厅省药监局窗口"}],
    "statistics": [],
}

VISIT_EXPECTED = """
<{report}> a kg:Report ; kg:series "政务窗口月报" ; kg:issueNo 3 ; dcterms:issued "2025-04-24"^^xsd:date ;
    kg:period <{month}> ; kg:sourceFile "003_198b9b81d058ac9a.txt" .
<{month}> a kg:DateInterval ; kg:startDate "2025-03-01"^^xsd:date ; kg:endDate "2025-03-31"^^xsd:date ;
    kg:inMonth <{march}> .
<{march}> a kg:CalendarMonth ; kg:yearMonth "2025-03" .
<{item}> a kg:Item ; dcterms:isPartOf <{report}> ; kg:index 16 ; kg:section "厅(局)长进大厅" ; kg:marker "(一)" ;
    kg:text "3月17日,省药监局党组书记、局长李在伟到省政务服务大厅省药监局窗口调研指导工作。" ;
    kg:spanStart 3399 ; kg:spanEnd 3440 .
<{visit}> a kg:Visit ; prov:wasDerivedFrom <{item}> ; kg:visitor <{person}> ; kg:visitorOrganization <{org}> ;
    kg:date <{day}> ; kg:target "省政务服务大厅省药监局窗口" ; kg:purpose "调研指导" ;
    kg:actor <{org}> ; kg:mentions <{org}> .
<{day}> a kg:DateInterval ; kg:startDate "2025-03-17"^^xsd:date ; kg:endDate "2025-03-17"^^xsd:date ;
    kg:precision "day" ; kg:surface "3月17日" ; kg:inMonth <{march}> .
<{person}> a foaf:Person ; foaf:name "李在伟"@zh .
<{org}> a org:Organization ; skos:prefLabel "四川省药品监督管理局"@zh .
<{secretary}> a org:Membership ; org:member <{person}> ; org:organization <{org}> ; org:role <{party_secretary}> ;
    org:memberDuring <{day}> ; prov:wasDerivedFrom <{item}> .
<{director}> a org:Membership ; org:member <{person}> ; org:organization <{org}> ; org:role <{head}> ;
    org:memberDuring <{day}> ; prov:wasDerivedFrom <{item}> .
<{party_secretary}> a org:Role ; skos:prefLabel "党组书记"@zh .
<{head}> a org:Role ; skos:prefLabel "局长"@zh .
"""


def visit_iris():
    report = data_iri("report", "政务窗口月报", 3, None, "2025-04-24")
    item = data_iri("item", report, 16)
    org = "四川省药品监督管理局"
    person = data_iri("person", "李在伟", org)
    return {
        "report": report, "item": item, "person": person, "org": data_iri("org", org),
        "visit": data_iri("visit", item, person, "2025-03-17", "2025-03-17"),
        "month": data_iri("interval", "2025-03-01", "2025-03-31", None, None),
        "day": data_iri("interval", "2025-03-17", "2025-03-17", "day", "3月17日"),
        "march": data_iri("month", "2025-03"),
        "secretary": data_iri("membership", person, org, "党组书记", "2025-03-17", "2025-03-17"),
        "director": data_iri("membership", person, org, "局长", "2025-03-17", "2025-03-17"),
        "party_secretary": data_iri("role", "党组书记"), "head": data_iri("role", "局长"),
    }


MEETING_DATE = {"start": "2024-11-07", "end": "2024-11-08", "precision": "days", "surface": "11月7日至8日"}
MEETING_REPORT = {
    "file": "004_eb58732f6e9fcc2d.txt", "series": None, "issue_no": None, "total_issue_no": None,
    "published": "2024-11-20", "sha256": "ab" * 32, "publisher": CENTER,
    "items": [{
        "section": "政务工作动态", "subsection": None, "marker": "（一）",
        "text": "11月7日至8日，全省对外开放发展大会在成都召开，省委书记、省人大常委会主任王晓晖出席会议并讲话。",
        "date": MEETING_DATE,
        "organizations": ["中共四川省委员会"], "actors": [], "implicit_actors": [CENTER],
        "persons": [{"name": "王晓晖", "titles": ["书记"], "organization": "中共四川省委员会", "role": "speaker"},
                    {"name": "习近平", "titles": [], "organization": None, "role": "subject"}],
        "programs": ["营商环境提升行动"], "rejected_quotes": ["绿色通道"], "documents": ["政务晨讯"],
        "event_type": "meeting", "places": ["成都"],
    }],
}

MEETING_EXPECTED = """
<{report}> a kg:Report ; dcterms:issued "2024-11-20"^^xsd:date ; dcterms:publisher <{center}> ;
    kg:sourceFile "004_eb58732f6e9fcc2d.txt" ; kg:sha256 "{sha256}" .
<{center}> a org:Organization ; skos:prefLabel "四川省政府政务服务和公共资源交易服务中心"@zh .
<{item}> a kg:Item ; dcterms:isPartOf <{report}> ; kg:index 0 ; kg:section "政务工作动态" ; kg:marker "（一）" ;
    kg:text "11月7日至8日，全省对外开放发展大会在成都召开，省委书记、省人大常委会主任王晓晖出席会议并讲话。" .
<{event}> a kg:Meeting ; prov:wasDerivedFrom <{item}> ; kg:date <{days}> ; kg:implicitActor <{center}> ;
    kg:mentions <{party}> ; kg:speaker <{speaker}> ; kg:concerns <{subject}> ; kg:program <{program}> ;
    kg:document <{document}> ; kg:place <{place}> .
<{days}> a kg:DateInterval ; kg:startDate "2024-11-07"^^xsd:date ; kg:endDate "2024-11-08"^^xsd:date ;
    kg:precision "days" ; kg:surface "11月7日至8日" ; kg:inMonth <{november}> .
<{november}> a kg:CalendarMonth ; kg:yearMonth "2024-11" .
<{party}> a org:Organization ; skos:prefLabel "中共四川省委员会"@zh .
<{speaker}> a foaf:Person ; foaf:name "王晓晖"@zh .
<{subject}> a foaf:Person ; foaf:name "习近平"@zh .
<{membership}> a org:Membership ; org:member <{speaker}> ; org:organization <{party}> ; org:role <{secretary}> ;
    org:memberDuring <{days}> ; prov:wasDerivedFrom <{item}> .
<{secretary}> a org:Role ; skos:prefLabel "书记"@zh .
<{program}> a kg:Program ; skos:prefLabel "营商环境提升行动"@zh ; skos:inScheme kg:ProgramScheme .
kg:ProgramScheme a skos:ConceptScheme .
<{document}> a kg:Document ; dcterms:title "政务晨讯"@zh .
<{place}> a kg:Place ; skos:prefLabel "成都"@zh .
"""


def meeting_iris():
    report = data_iri("report", "sha256", "ab" * 32)
    party = "中共四川省委员会"
    speaker = data_iri("person", "王晓晖", party)
    return {
        "report": report, "sha256": "ab" * 32, "center": data_iri("org", CENTER), "party": data_iri("org", party),
        "item": data_iri("item", report, 0), "event": data_iri("event", report, 0),
        "days": data_iri("interval", "2024-11-07", "2024-11-08", "days", "11月7日至8日"),
        "november": data_iri("month", "2024-11"),
        "speaker": speaker, "subject": data_iri("person", "习近平", None),
        "membership": data_iri("membership", speaker, party, "书记", "2024-11-07", "2024-11-08"),
        "secretary": data_iri("role", "书记"), "program": data_iri("program", "营商环境提升行动"),
        "document": data_iri("document", "政务晨讯"), "place": data_iri("place", "成都"),
    }


@pytest.mark.parametrize("report, expected, iris", [
    (STATISTICS_REPORT, STATISTICS_EXPECTED, statistics_iris),
    (VISIT_REPORT, VISIT_EXPECTED, visit_iris),
    (MEETING_REPORT, MEETING_EXPECTED, meeting_iris),
], ids=["statistic", "visit", "meeting"])
def test_report_to_graph_gives_the_expected_graph(report, expected, iris):
    expected_graph = Graph().parse(data=PREFIXES + expected.format(**iris()), format="turtle")
    assert_isomorphic(report_to_graph(copy.deepcopy(report)), expected_graph)


# --- identity ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("report, parts", [
    ({"series": "窗口工作周报", "issue_no": 10, "total_issue_no": 430, "published": "2023-03-29", "file": "a.txt"},
     ("窗口工作周报", 10, 430, "2023-03-29")),
    ({"series": None, "issue_no": None, "total_issue_no": None, "published": "2024-11-20", "sha256": "ff",
      "file": "a.txt"}, ("sha256", "ff")),
    ({"published": "2024-11-20", "file": "004_eb58732f6e9fcc2d.txt"}, ("file", "004_eb58732f6e9fcc2d.txt")),
    ({"path": "/data/in/004_eb58732f6e9fcc2d.txt"}, ("file", "004_eb58732f6e9fcc2d.txt")),
], ids=["numbering", "sha256", "file", "path"])
def test_report_iri_from_numbering_else_digest_else_file_name(report, parts):
    assert report_iri(report) == data_iri("report", *parts)


def test_report_to_graph_twice_is_isomorphic():
    assert_isomorphic(reports_to_graph(gold_reports()), reports_to_graph(gold_reports()))


def test_report_to_graph_adding_a_report_twice_adds_nothing(gold_graph):
    graph = reports_to_graph(gold_reports(), org_info=gold_org_info)
    before = len(graph)
    reports_to_graph(gold_reports(), graph, org_info=gold_org_info)
    assert len(graph) == before == len(gold_graph)


def _report_naming(person, organization, file):
    return {
        "file": file, "published": "2025-04-24",
        "items": [{"text": f"{person}到省政务服务大厅调研。", "event_type": "visit",
                   "persons": [{"name": person, "titles": ["副厅长"], "organization": organization,
                                "role": "visitor"}]}],
        "visits": [{"person": person, "organization": organization, "titles": ["副厅长"], "date": None,
                    "purpose": "调研", "accompanied_by": [], "target": "省政务服务大厅"}],
    }


def _persons(graph, name):
    return set(graph.subjects(FOAF.name, Literal(name, lang="zh")))


@pytest.mark.parametrize("start, end, months", [
    ("2025-03-17", "2025-03-17", ["2025-03"]),
    ("2022-11-28", "2023-02-03", ["2022-11", "2022-12", "2023-01", "2023-02"]),
    (None, "2023-03-13", ["2023-03"]),   # 截止3月13日: an end only
    ("2023-03-13", None, ["2023-03"]),
    (None, None, []),                    # 目前: no days
])
def test_report_to_graph_interval_points_to_every_month_it_has_days_in(start, end, months):
    date = {"start": start, "end": end, "precision": "days", "surface": "某时"}
    report = dict(MEETING_REPORT, items=[dict(MEETING_REPORT["items"][0], date=date)])
    g = report_to_graph(report)
    interval = data_iri("interval", start, end, "days", "某时")
    found = sorted(str(g.value(month, KG.yearMonth)) for month in g.objects(interval, KG.inMonth))
    assert found == months
    assert all((data_iri("month", m), RDF.type, KG.CalendarMonth) in g for m in months)


def test_report_to_graph_visit_has_the_actors_of_its_item_but_the_other_visitors_bodies():
    commerce, police, center = "四川省商务厅", "四川省公安厅", CENTER
    item = dict(VISIT_REPORT["items"][0], actors=[commerce, police, center], organizations=[commerce, police],
                persons=[{"name": "甲", "titles": ["厅长"], "organization": commerce, "role": "visitor"},
                         {"name": "乙", "titles": ["厅长"], "organization": police, "role": "visitor"}])
    visits = [dict(VISIT_REPORT["visits"][0], person=name, organization=body)
              for name, body in (("甲", commerce), ("乙", police))]
    g = report_to_graph(dict(VISIT_REPORT, items=[item], visits=visits))
    actors = {}
    for visit in g.subjects(RDF.type, KG.Visit):
        name = str(g.value(g.value(visit, KG.visitor), FOAF.name))
        actors[name] = {str(g.value(o, model.SKOS.prefLabel)) for o in g.objects(visit, KG.actor)}
        assert set(g.objects(visit, KG.mentions)) == {data_iri("org", commerce), data_iri("org", police)}
    assert actors == {"甲": {commerce, center}, "乙": {police, center}}


def test_report_to_graph_same_official_in_two_reports_is_one_node():
    graph = reports_to_graph([_report_naming("王强", "四川省司法厅", "a.txt"),
                              _report_naming("王强", "四川省司法厅", "b.txt")])
    assert _persons(graph, "王强") == {data_iri("person", "王强", "四川省司法厅")}
    assert len(set(graph.subjects(RDF.type, KG.Visit))) == 2


def test_report_to_graph_same_name_in_two_organizations_is_two_nodes():
    graph = reports_to_graph([_report_naming("王强", "四川省司法厅", "a.txt"),
                              _report_naming("王强", "四川省公安厅", "b.txt")])
    assert len(_persons(graph, "王强")) == 2


def test_report_to_graph_person_without_organization_is_keyed_by_name():
    graph = report_to_graph(MEETING_REPORT)
    assert _persons(graph, "习近平") == {data_iri("person", "习近平", None)}


def test_report_to_graph_organization_is_one_node_across_reports(gold_graph):
    center = data_iri("org", CENTER)
    publishers = set(gold_graph.objects(None, DCTERMS.publisher))
    assert publishers == {center}
    assert len(list(gold_graph.objects(center, model.SKOS.prefLabel))) == 1


def test_report_to_graph_org_info_adds_kind_level_aliases_and_parent():
    info = {
        "四川省公安厅治安管理总队": {"kind": "government", "level": "provincial", "aliases": ["治安总队"],
                               "parent": "四川省公安厅"},
        "四川省公安厅": {"kind": "government", "level": "provincial", "aliases": ["公安厅"]},
    }
    report = {"file": "a.txt", "items": [{"text": "治安总队……", "event_type": "service",
                                          "actors": ["四川省公安厅治安管理总队"]}]}
    graph = report_to_graph(report, org_info=info.get)
    unit, parent = data_iri("org", "四川省公安厅治安管理总队"), data_iri("org", "四川省公安厅")
    assert (unit, ORG.subOrganizationOf, parent) in graph
    assert (unit, model.SKOS.altLabel, Literal("治安总队", lang="zh")) in graph
    assert (parent, KG.kind, Literal("government")) in graph
    assert (parent, KG.level, Literal("provincial")) in graph


@pytest.mark.parametrize("event_type, cls", [
    ("visit", KG.Visit), ("inspection", KG.Inspection), ("service", KG.Service), ("training", KG.Training),
    ("meeting", KG.Meeting), ("policy", KG.PolicyAction), ("publicity", KG.Publicity), ("system", KG.SystemWork),
    ("statistics", KG.StatisticsReport), (None, KG.OtherEvent), ("banquet", KG.OtherEvent),
])
def test_report_to_graph_event_type_gives_event_class(event_type, cls):
    report = {"file": "a.txt", "period": {"start": "2023-03-13", "end": "2023-03-17"},
              "items": [{"text": "本周，……", "event_type": event_type}]}
    graph = report_to_graph(report)
    assert set(graph.objects(data_iri("event", report_iri(report), 0), RDF.type)) == {cls}


@pytest.mark.parametrize("role, prop", [
    ("speaker", KG.speaker), ("lecturer", KG.lecturer), ("accompanying", KG.accompaniedBy),
    ("subject", KG.concerns), ("visitor", KG.participant), (None, KG.participant),
])
def test_report_to_graph_person_role_gives_property(role, prop):
    report = {"file": "a.txt", "items": [{"text": "3月26日，吕芙蓉……", "event_type": "meeting",
                                          "persons": [{"name": "吕芙蓉", "titles": [], "organization": CENTER,
                                                       "role": role}]}]}
    graph = report_to_graph(report)
    event, person = data_iri("event", report_iri(report), 0), data_iri("person", "吕芙蓉", CENTER)
    assert list(graph.predicates(event, person)) == [prop]


def test_report_to_graph_accompanied_by_names_resolve_to_the_report_persons():
    report = gold_reports()[4]
    graph = report_to_graph(report)
    visitor = data_iri("person", "李宝荣", "中国行政管理学会")
    visit = next(graph.subjects(KG.visitor, visitor))
    hosts = {str(graph.value(p, FOAF.name)) for p in graph.objects(visit, KG.accompaniedBy)}
    assert hosts == {"郭春英", "吕芙蓉", "陈第安"}
    assert (visit, KG.accompaniedBy, data_iri("person", "吕芙蓉", CENTER)) in graph


def test_report_to_graph_dates_are_xsd_dates_and_names_are_chinese(gold_graph):
    dates = list(gold_graph.objects(None, KG.startDate)) + list(gold_graph.objects(None, DCTERMS.issued))
    assert dates and {d.datatype for d in dates} == {rdflib.XSD.date}
    names = list(gold_graph.objects(None, FOAF.name)) + list(gold_graph.objects(None, model.SKOS.prefLabel))
    assert names and {n.language for n in names} == {"zh"}
    assert {m.language for m in gold_graph.objects(None, KG.metric)} == {None}


# --- the gold seeds ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("cls, count", [
    (KG.Report, 5), (KG.Item, 68), (KG.Visit, 24), (KG.Statistic, 87),
    (KG.Meeting, 11), (KG.PolicyAction, 12), (FOAF.Person, 31),
])
def test_report_to_graph_gold_seeds_give_one_node_per_fact(gold_graph, cls, count):
    assert len(set(gold_graph.subjects(RDF.type, cls))) == count


def test_report_to_graph_gold_seeds_conform_to_the_shapes(gold_graph):
    conforms, text = validate(gold_graph)
    assert conforms, text


@pytest.mark.parametrize("broken, message", [
    (lambda g: g.remove((None, KG.date, None)), "A Visit must have a date"),
    (lambda g: g.remove((None, KG.visitor, None)), "A Visit must have a visitor"),
    (lambda g: g.remove((None, FOAF.name, None)), "A Person must have one name"),
    (lambda g: g.remove((None, KG.value, None)), "A Statistic must have one numeric value"),
    (lambda g: g.remove((None, KG.metric, None)), "A Statistic must have a metric"),
    (lambda g: g.remove((None, PROV.wasDerivedFrom, None)), "A fact must be derived from an Item"),
    (lambda g: g.remove((None, DCTERMS.isPartOf, None)), "A fact's Item must be part of a Report"),
], ids=["visit-date", "visitor", "person-name", "value", "metric", "source", "item-report"])
def test_shapes_reject_a_graph_missing(broken, message):
    graph = report_to_graph(VISIT_REPORT)
    report_to_graph(STATISTICS_REPORT, graph)
    broken(graph)
    conforms, text = validate(graph)
    assert not conforms
    assert message in text


# --- provenance ----------------------------------------------------------------------------------------------

EVIDENCE = """
SELECT ?fact ?report ?item ?start ?end ?text WHERE {
  ?fact prov:wasDerivedFrom ?item .
  ?item a kg:Item ; dcterms:isPartOf ?report .
  ?report a kg:Report .
  OPTIONAL { ?item kg:spanStart ?itemStart ; kg:spanEnd ?itemEnd ; kg:text ?itemText }
  OPTIONAL { ?fact kg:spanStart ?factStart ; kg:spanEnd ?factEnd ; kg:text ?factText }
  BIND (COALESCE(?factStart, ?itemStart) AS ?start)
  BIND (COALESCE(?factEnd, ?itemEnd) AS ?end)
  BIND (COALESCE(?factText, ?itemText) AS ?text)
}
"""

FACT_CLASSES = [KG.Event, KG.Visit, KG.Inspection, KG.Service, KG.Training, KG.Meeting, KG.PolicyAction,
                KG.Publicity, KG.SystemWork, KG.StatisticsReport, KG.OtherEvent, KG.Statistic, ORG.Membership]


def _facts(graph):
    return {s for cls in FACT_CLASSES for s in graph.subjects(RDF.type, cls)}


def _evidence(graph):
    return {row.fact: row for row in graph.query(EVIDENCE, initNs=NAMESPACES)}


def test_report_to_graph_every_fact_reaches_report_item_and_span():
    graph = report_to_graph(VISIT_REPORT)
    report_to_graph(STATISTICS_REPORT, graph)
    evidence = _evidence(graph)
    assert _facts(graph) and set(evidence) == _facts(graph)
    for row in evidence.values():
        assert row.start is not None and row.end is not None and row.text is not None
    statistic = next(graph.subjects(RDF.type, KG.Statistic))
    assert (evidence[statistic].start.toPython(), evidence[statistic].end.toPython()) == (113, 122)


def test_report_to_graph_every_gold_fact_reaches_its_report_and_item(gold_graph):
    assert set(_evidence(gold_graph)) == _facts(gold_graph)


def test_report_to_graph_output_loads_in_pyoxigraph(gold_graph):
    pyoxigraph = pytest.importorskip("pyoxigraph")
    store = pyoxigraph.Store()
    store.load(gold_graph.serialize(format="nt").encode("utf-8"), format=pyoxigraph.RdfFormat.N_TRIPLES)
    assert len(store) == len(gold_graph)
    reparsed = Graph().parse(data=gold_graph.serialize(format="turtle"), format="turtle")
    assert_isomorphic(reparsed, gold_graph)


@pytest.mark.parametrize("value", [790, 790.0, "790"])
def test_report_to_graph_statistic_value_is_one_canonical_decimal(value):
    report = copy.deepcopy(STATISTICS_REPORT)
    report["statistics"][0]["value"] = value
    graph = report_to_graph(report)
    assert list(graph.objects(None, KG.value)) == [Literal("790.0", datatype=rdflib.XSD.decimal)]
    assert set(graph.subjects(RDF.type, KG.Statistic)) == {statistics_iris()["statistic"]}


def test_report_iri_needs_something_to_key_on():
    with pytest.raises(KgError, match="sha256 or a file name"):
        report_iri({"published": "2024-11-20"})


def _visit_report(**visit_keys):
    return {
        "file": "a.txt", "period": {"start": "2024-11-04", "end": "2024-11-08"},
        "items": [
            {"text": "本周，自然资源厅升级审批系统。", "event_type": "system"},
            {"text": "本周，公安厅党委委员、驻厅纪检监察组组长李洪斌到省政务服务大厅窗口调研值守。", "event_type": "visit",
             **visit_keys.pop("item_keys", {})},
        ],
        "visits": [{"person": "李洪斌", "organization": "四川省公安厅", "titles": ["党委委员"], "date": None,
                    "purpose": "调研值守", "accompanied_by": [], "target": "省政务服务大厅窗口", **visit_keys}],
    }


@pytest.mark.parametrize("report", [
    _visit_report(item=1),
    _visit_report(item_keys={"persons": [{"name": "李洪斌", "titles": ["党委委员"], "organization": "四川省公安厅",
                                          "role": "visitor"}]}),
    _visit_report(),
], ids=["item-key", "persons", "text"])
def test_report_to_graph_visit_is_derived_from_the_item_that_names_the_visitor(report):
    graph = report_to_graph(report)
    visit = next(graph.subjects(RDF.type, KG.Visit))
    assert graph.value(visit, PROV.wasDerivedFrom) == data_iri("item", report_iri(report), 1)
    period = data_iri("interval", "2024-11-04", "2024-11-08", None, None)
    assert graph.value(visit, KG.date) == period  # no date of its own or its item's: the report period


def test_report_to_graph_titles_over_the_years_are_one_person_with_dated_memberships():
    first = _report_naming("王强", "四川省司法厅", "a.txt")
    later = _report_naming("王强", "四川省司法厅", "b.txt")
    later["visits"][0]["titles"] = later["items"][0]["persons"][0]["titles"] = ["厅长"]
    first["published"], first["period"] = "2023-03-29", {"start": "2023-03-13", "end": "2023-03-17"}
    later["period"] = {"start": "2025-03-01", "end": "2025-03-31"}
    graph = reports_to_graph([first, later])
    rows = graph.query("""
        SELECT ?title ?start WHERE {
          ?m org:member ?p ; org:role/skos:prefLabel ?title ; org:memberDuring/kg:startDate ?start .
          ?p foaf:name "王强"@zh .
        } ORDER BY ?start""", initNs=NAMESPACES)
    assert [(str(t), str(s)) for t, s in rows] == [("副厅长", "2023-03-13"), ("厅长", "2025-03-01")]


def test_report_to_graph_membership_seen_in_two_reports_is_one_node_with_two_sources():
    weekly, monthly = copy.deepcopy(VISIT_REPORT), copy.deepcopy(VISIT_REPORT)
    monthly.update(series="窗口工作周报", issue_no=11, published="2025-03-21")
    graph = reports_to_graph([weekly, monthly])
    memberships = set(graph.subjects(RDF.type, ORG.Membership))
    assert len(memberships) == 2  # 党组书记 and 局长
    for m in memberships:
        assert len(set(graph.objects(m, PROV.wasDerivedFrom))) == 2
    assert validate(graph)[0]


@pytest.mark.parametrize("evidence, span", [
    ({"start": 113, "end": 122, "text": "咨询 790 人次"}, (113, 122)),   # inside the item's span: a file offset
    ({"start": 5, "end": 14}, None),                                  # outside: relative to something else
    ({"text": "咨询 790 人次"}, None),
], ids=["file-offsets", "not-file-offsets", "text-only"])
def test_report_to_graph_keeps_an_evidence_span_only_inside_its_item(evidence, span):
    report = copy.deepcopy(STATISTICS_REPORT)
    report["statistics"][0]["evidence"] = evidence
    graph = report_to_graph(report)
    statistic = statistics_iris()["statistic"]
    found = (graph.value(statistic, KG.spanStart), graph.value(statistic, KG.spanEnd))
    assert (None if found == (None, None) else tuple(int(x) for x in found)) == span

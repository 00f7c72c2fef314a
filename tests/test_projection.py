"""kg/projection.py: the property graph is read off the ontology's annotations, with a name on every node."""
import datetime

import pytest
import rdflib
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from kg import loading, model
from kg.model import DCTERMS, FOAF, KG, ORG, PROV, SKOS, data_iri
from kg.projection import Relationship, allowed_labels, allowed_rel_types, project
from stores import SAMPLES


@pytest.fixture(scope="module")
def samples_graph():
    graph = Graph()
    for path in sorted(SAMPLES.glob("*.txt")):
        graph += loading.extract_graph(path)
    return graph


@pytest.fixture(scope="module")
def samples_pg(samples_graph):
    return project(samples_graph)


def test_allowed_labels_and_types_are_the_ontology_annotations():
    ontology = model.load_ontology()
    assert allowed_labels() == {str(v) for v in ontology.objects(None, KG.graphLabel)}
    assert allowed_rel_types() == {str(v) for v in ontology.objects(None, KG.relType)}
    assert {"Visit", "Event", "Organization", "Person"} <= allowed_labels()
    assert all(t == t.upper() for t in allowed_rel_types())


def test_project_samples_maps_every_triple(samples_pg):
    assert samples_pg.unmapped == {}


def test_project_every_node_has_labels_and_a_name(samples_pg):
    for node in samples_pg.nodes.values():
        assert node.labels and set(node.labels) <= allowed_labels(), node.iri
        assert isinstance(node.properties["name"], str) and node.properties["name"], node.iri


def test_project_relationship_types_come_from_the_ontology(samples_pg):
    assert {r.type for r in samples_pg.relationships} <= allowed_rel_types()
    assert {"VISITOR", "DERIVED_FROM", "PART_OF", "MEMBER", "ROLE"} <= {r.type for r in samples_pg.relationships}


VISIT = data_iri("visit", "x")
PERSON = data_iri("person", "李在伟", "四川省药品监督管理局")
ORGANIZATION = data_iri("org", "四川省药品监督管理局")
MEMBERSHIP = data_iri("membership", "m")
ROLE = data_iri("role", "局长")
DAY = data_iri("interval", "d")


def small_graph():
    g = Graph()
    g.add((VISIT, RDF.type, KG.Visit))
    g.add((VISIT, KG.visitor, PERSON))
    g.add((VISIT, KG.date, DAY))
    g.add((VISIT, KG.purpose, Literal("调研指导")))
    g.add((PERSON, RDF.type, FOAF.Person))
    g.add((PERSON, FOAF.name, Literal("李在伟", lang="zh")))
    g.add((ORGANIZATION, RDF.type, ORG.Organization))
    g.add((ORGANIZATION, SKOS.prefLabel, Literal("四川省药品监督管理局", lang="zh")))
    g.add((ORGANIZATION, SKOS.altLabel, Literal("省药监局", lang="zh")))
    g.add((MEMBERSHIP, RDF.type, ORG.Membership))
    g.add((MEMBERSHIP, ORG.member, PERSON))
    g.add((MEMBERSHIP, ORG.organization, ORGANIZATION))
    g.add((MEMBERSHIP, ORG.role, ROLE))
    g.add((ROLE, RDF.type, ORG.Role))
    g.add((ROLE, SKOS.prefLabel, Literal("局长", lang="zh")))
    g.add((DAY, RDF.type, KG.DateInterval))
    g.add((DAY, KG.startDate, Literal("2025-03-17", datatype=rdflib.XSD.date)))
    g.add((DAY, KG.endDate, Literal("2025-03-17", datatype=rdflib.XSD.date)))
    g.add((DAY, KG.surface, Literal("3月17日")))
    return g


@pytest.mark.parametrize("iri, labels, properties", [
    (VISIT, ("Event", "Visit"), {"purpose": "调研指导", "name": "来访调研 李在伟"}),
    (PERSON, ("Person",), {"name": "李在伟"}),
    (ORGANIZATION, ("Organization",), {"name": "四川省药品监督管理局", "aliases": ["省药监局"]}),
    (MEMBERSHIP, ("Membership",), {"name": "李在伟 四川省药品监督管理局 局长"}),
    (DAY, ("DateInterval",), {"startDate": datetime.date(2025, 3, 17), "endDate": datetime.date(2025, 3, 17),
                              "surface": "3月17日", "name": "2025-03-17"}),
], ids=["visit", "person", "organization", "membership", "interval"])
def test_project_node(iri, labels, properties):
    node = project(small_graph()).nodes[str(iri)]
    assert node.labels == labels
    assert node.properties == properties


def test_project_object_properties_become_relationships_subject_to_object():
    pg = project(small_graph())
    assert Relationship("VISITOR", str(VISIT), str(PERSON)) in pg.relationships
    assert Relationship("ROLE", str(MEMBERSHIP), str(ROLE)) in pg.relationships
    assert len(pg.relationships) == len(set(pg.relationships)) == 5


@pytest.mark.parametrize("literal, value", [
    (Literal("2023-03-29", datatype=rdflib.XSD.date), datetime.date(2023, 3, 29)),
    (Literal(10, datatype=rdflib.XSD.integer), 10),
    (Literal("790.0", datatype=rdflib.XSD.decimal), 790.0),
    (Literal(False), False),
    (Literal("窗口工作周报"), "窗口工作周报"),
    (Literal("李在伟", lang="zh"), "李在伟"),
], ids=["date", "integer", "decimal", "boolean", "string", "zh"])
def test_project_literal_values(literal, value):
    report = URIRef(data_iri("report", "r"))
    g = Graph()
    g.add((report, RDF.type, KG.Report))
    g.add((report, KG.series, literal))
    found = project(g).nodes[str(report)].properties["series"]
    assert found == value and type(found) is type(value)


def test_project_aliases_are_a_list_even_with_one_value(samples_pg):
    organizations = [n for n in samples_pg.nodes.values() if n.label == "Organization"]
    assert all(isinstance(n.properties.get("aliases", []), list) for n in organizations)


@pytest.mark.parametrize("prop", [DCTERMS.title, SKOS.prefLabel, FOAF.name])
def test_project_names_come_from_name_properties(prop):
    assert model.property_key(prop) == "name"


def test_project_report_and_item_names_say_what_they_are(samples_pg):
    names = {n.properties["name"] for n in samples_pg.nodes.values() if n.label == "Report"}
    assert "窗口工作周报 第10期 (2023-03-29)" in names
    unknown_predicate = URIRef("https://example.org/p")
    g = small_graph()
    g.add((VISIT, unknown_predicate, Literal("x")))
    g.add((VISIT, PROV.wasDerivedFrom, Literal("not an IRI")))
    assert project(g).unmapped == {str(unknown_predicate): 1, str(PROV.wasDerivedFrom): 1}

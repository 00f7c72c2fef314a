"""kg/export.py: GraphML that networkx reads back and that follows the GraphML structure, with the attributes
Gephi, yEd and Cytoscape show; RDF exports that hold the store's triples."""
import copy
from pathlib import Path

import networkx as nx
import pytest
from lxml import etree

from kg import export
from kg.projection import project
from kg.store import OxigraphStore
from stores import load_samples

GRAPHML = "http://graphml.graphdrawing.org/xmlns"
NS = {"g": GRAPHML}
SUBSET_XSD = Path(__file__).parent / "data" / "graphml-subset.xsd"


@pytest.fixture(scope="module")
def samples(tmp_path_factory):
    """The sample store's projection and its GraphML file."""
    folder = tmp_path_factory.mktemp("export")
    load_samples(folder / "store")
    with OxigraphStore(folder / "store", read_only=True) as store:
        pg = project(export.rdf_graph(store.triples()))
        export.export(store, "graphml", folder / "kg.graphml")
    return pg, folder / "kg.graphml"


@pytest.fixture(scope="module")
def schema():
    return etree.XMLSchema(etree.parse(str(SUBSET_XSD)))


def test_graphml_is_well_formed_and_points_to_the_graphml_schema(samples):
    _, path = samples
    root = etree.parse(str(path)).getroot()
    assert root.tag == f"{{{GRAPHML}}}graphml"
    location = root.get("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation").split()
    assert location == [GRAPHML, "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"]
    assert root.find("g:graph", NS).get("edgedefault") == "directed"


def test_graphml_validates_against_the_structure_schema(samples, schema):
    _, path = samples
    document = etree.parse(str(path))
    assert schema.validate(document), schema.error_log


@pytest.mark.parametrize("break_it, message", [
    (lambda d: d.find(".//g:edge", NS).set("target", "n999999"), "No match found for key-sequence ['n999999']"),
    (lambda d: d.find(".//g:data", NS).set("key", "d999"), "No match found for key-sequence ['d999']"),
    (lambda d: d.find(".//g:node", NS).set("id", "https://w3id.org/x"), "is not a valid value of the atomic type"),
    (lambda d: d.find(".//g:key", NS).set("attr.type", "date"), "[facet 'enumeration']"),
], ids=["dangling-edge", "undeclared-key", "iri-as-id", "attribute-type"])
def test_graphml_schema_check_catches_broken_files(samples, schema, break_it, message):
    _, path = samples
    document = copy.deepcopy(etree.parse(str(path)))
    break_it(document)
    assert not schema.validate(document)
    assert message in str(schema.error_log)


def test_graphml_key_declarations_name_each_attribute_once_per_domain(samples):
    _, path = samples
    root = etree.parse(str(path)).getroot()
    keys = {k.get("id"): (k.get("for"), k.get("attr.name"), k.get("attr.type")) for k in root.findall("g:key", NS)}
    declared = [(domain, name) for domain, name, _ in keys.values()]
    assert len(declared) == len(set(declared))
    node_keys = {name: kind for domain, name, kind in keys.values() if domain == "node"}
    edge_keys = {name: kind for domain, name, kind in keys.values() if domain == "edge"}
    assert {node_keys["label"], node_keys["type"], node_keys["date"]} == {"string"}
    assert edge_keys == {"label": "string", "type": "string"}
    for element in ("node", "edge"):
        for data in root.iterfind(f".//g:{element}/g:data", NS):
            assert keys[data.get("key")][0] == element


def test_graphml_reads_back_with_networkx_as_the_projection(samples):
    pg, path = samples
    graph = nx.read_graphml(path)
    assert graph.number_of_nodes() == len(pg.nodes)
    assert graph.number_of_edges() == len(pg.relationships)
    by_iri = {data["iri"]: data for _, data in graph.nodes(data=True)}
    assert set(by_iri) == set(pg.nodes)
    for iri, node in pg.nodes.items():
        assert by_iri[iri]["label"] == node.properties["name"]
        assert by_iri[iri]["type"] == node.label
    edges = {(graph.nodes[u]["iri"], graph.nodes[v]["iri"], d["type"]) for u, v, d in graph.edges(data=True)}
    assert edges == {(r.start, r.end, r.type) for r in pg.relationships}
    assert all(graph.edges[e]["label"] == graph.edges[e]["type"] for e in graph.edges)


def test_graphml_nodes_carry_label_type_and_date(samples):
    _, path = samples
    graph = nx.read_graphml(path)
    visit = next(d for _, d in graph.nodes(data=True) if d["label"] == "来访调研 梁勇")
    assert (visit["type"], visit["labels"], visit["date"], visit["purpose"]) == (
        "Visit", "Event:Visit", "2023-03-15", "调研")
    organization = next(d for _, d in graph.nodes(data=True) if d["label"] == "四川省商务厅")
    assert organization["type"] == "Organization" and "商务厅" in organization["aliases"].split("|")
    report = next(d for _, d in graph.nodes(data=True) if d["label"] == "窗口工作周报 第10期 (2023-03-29)")
    assert (report["date"], report["issueNo"]) == ("2023-03-29", 10)


def test_to_networkx_makes_mixed_attribute_types_text(samples):
    pg, _ = samples
    some = next(iter(pg.nodes.values()))
    pg = copy.deepcopy(pg)
    pg.nodes[some.iri].properties["index"] = "first"  # elsewhere an int
    graph = export.to_networkx(pg)
    kinds = {type(d["index"]) for _, d in graph.nodes(data=True) if "index" in d}
    assert kinds == {str}


def test_serialize_nt_is_sorted_so_the_same_store_gives_the_same_file(samples):
    _, path = samples
    with OxigraphStore(path.parent / "store", read_only=True) as store:
        first = export.serialize_rdf(export.rdf_graph(store.triples()), "nt")
        second = export.serialize_rdf(export.rdf_graph(reversed(list(store.triples()))), "nt")
    lines = first.splitlines()
    assert first == second and lines == sorted(lines)

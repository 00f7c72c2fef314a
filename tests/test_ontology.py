"""The ontology (ontology/kg.ttl) and the model that exposes it (kg/model.py): parses, documents every term,
names every term the code uses, stays consistent under OWL-RL, and gives stable ids."""
import json
import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

from kg import model
from kg.errors import OntologyError
from kg.loaders.triples import reports_to_graph
from kg.model import DCTERMS, FOAF, KG, ORG, PROV, SKOS, UnknownTerm, data_iri, make_id

ROOT = Path(__file__).resolve().parent.parent
GOLD = Path(__file__).parent / "data" / "gold_seeds.json"
ERROR = URIRef("http://www.daml.org/2002/03/agents/agent-ont#error")  # where owlrl writes inconsistencies


def gold_graph():
    """The graph of the five gold seed reports, items given their text_start as text."""
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    reports = [dict(r, items=[dict(i, text=i["text_start"]) for i in r["items"]]) for r in gold["reports"]]
    return reports_to_graph(reports)


def labels(graph, term, lang):
    return [o for o in graph.objects(term, RDFS.label) if isinstance(o, Literal) and o.language == lang]


def test_ontology_parses():
    ontology = model.load_ontology()
    assert (URIRef("https://w3id.org/kg-bulletins/ontology"), RDF.type, OWL.Ontology) in ontology
    assert len(model.defined_terms()) > 40


def test_shapes_parse():
    assert len(model.load_shapes()) > 0


@pytest.mark.parametrize("term", sorted(model.defined_terms()), ids=str)
def test_ontology_term_has_chinese_and_english_label_and_comment(term):
    ontology = model.load_ontology()
    assert len(labels(ontology, term, "zh")) == 1
    assert len(labels(ontology, term, "en")) == 1
    assert ontology.value(term, RDFS.comment) is not None


@pytest.mark.parametrize("kind, annotation", [
    (OWL.Class, "graphLabel"),
    (OWL.ObjectProperty, "relType"),
    (OWL.DatatypeProperty, "propertyKey"),
])
def test_ontology_every_term_says_how_it_projects_into_a_property_graph(kind, annotation):
    ontology = model.load_ontology()
    missing = [t for t in ontology.subjects(RDF.type, kind)
               if isinstance(t, URIRef) and ontology.value(t, KG[annotation]) is None]
    assert missing == []


def test_ontology_relationship_types_are_upper_snake_case():
    ontology = model.load_ontology()
    for prop in ontology.subjects(RDF.type, OWL.ObjectProperty):
        assert re.fullmatch(r"[A-Z]+(_[A-Z]+)*", model.rel_type(prop)), prop


def test_model_graph_labels_include_superclasses():
    assert model.graph_labels(KG.Visit) == ["Event", "Visit"]
    assert model.graph_labels(FOAF.Person) == ["Person"]


@pytest.mark.parametrize("code, term", [
    ("visit", KG.Visit), ("inspection", KG.Inspection), ("service", KG.Service), ("training", KG.Training),
    ("meeting", KG.Meeting), ("policy", KG.PolicyAction), ("publicity", KG.Publicity), ("system", KG.SystemWork),
    ("statistics", KG.StatisticsReport),
    ("visitor", KG.visitor), ("speaker", KG.speaker), ("accompanying", KG.accompaniedBy),
    ("lecturer", KG.lecturer), ("subject", KG.concerns),
])
def test_model_codes_map_extraction_values_to_terms(code, term):
    assert model.codes()[code] == term


def test_model_codes_cover_every_event_type_and_role_of_the_gold():
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    items = [i for r in gold["reports"] for i in r["items"]]
    used = {i["event_type"] for i in items} | {p["role"] for i in items for p in i["persons"]}
    assert used - set(model.codes()) == set()


# --- every term that code uses is defined -------------------------------------------------------------------

_VOCABULARY_USE = re.compile(r"\b(KG|ORG|FOAF|PROV|SKOS|DCTERMS|TIME)\.([A-Za-z_]\w*)")
_BY_NAME = {v.prefix.upper(): v for v in model.VOCABULARIES}


def _term_uses():
    """(file, prefix, name) for each vocabulary attribute used in kg/ and loaders/.

    KG.<name> is checked everywhere; the W3C prefixes only in files that import them from kg.model
    (elsewhere FOAF or PROV may be rdflib's own namespace).
    """
    uses = []
    for path in sorted([*ROOT.glob("kg/**/*.py"), *ROOT.glob("loaders/**/*.py")]):
        source = path.read_text(encoding="utf-8")
        checked_model = "kg.model" in source or "from .model" in source
        for prefix, name in _VOCABULARY_USE.findall(source):
            if prefix == "KG" or checked_model:
                uses.append((path.relative_to(ROOT).as_posix(), prefix, name))
    return sorted(set(uses))


def test_model_every_term_used_in_code_is_defined():
    uses = _term_uses()
    assert any(prefix == "KG" for _, prefix, _ in uses), "the scan found no KG terms: is the pattern right?"
    undefined = [(f, p, n) for f, p, n in uses if n not in _BY_NAME[p] and not _is_attribute(_BY_NAME[p], n)]
    assert undefined == []


def _is_attribute(vocabulary, name):
    """Vocabulary's own attributes (KG.base, KG.prefix) are not terms."""
    return name in vars(vocabulary) or hasattr(type(vocabulary), name)


@pytest.mark.parametrize("vocabulary, name", [(KG, "Vist"), (KG, "visitorName"), (ORG, "Post"), (FOAF, "knows")])
def test_model_unknown_term_raises_ontology_error(vocabulary, name):
    with pytest.raises(UnknownTerm, match=name):
        getattr(vocabulary, name)
    assert issubclass(UnknownTerm, OntologyError)
    assert not hasattr(vocabulary, name)


@pytest.mark.parametrize("vocabulary, name, iri", [
    (KG, "Visit", "https://w3id.org/kg-bulletins/ontology#Visit"),
    (ORG, "Membership", "http://www.w3.org/ns/org#Membership"),
    (PROV, "wasDerivedFrom", "http://www.w3.org/ns/prov#wasDerivedFrom"),
    (SKOS, "altLabel", "http://www.w3.org/2004/02/skos/core#altLabel"),
    (DCTERMS, "isPartOf", "http://purl.org/dc/terms/isPartOf"),
])
def test_model_known_term_is_its_iri(vocabulary, name, iri):
    assert getattr(vocabulary, name) == URIRef(iri)
    assert name in vocabulary


# --- ids ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("a, b", [
    (("org", "四川省公安厅"), ("org", " 四川省公安厅\n")),           # whitespace from PDF line breaks
    (("report", "窗口工作周报", 10), ("report", "窗口工作周报", "10")),   # numbers and their text
    (("report", "2023年", "第１０期"), ("report", "2023年", "第10期")),   # NFKC: full-width digits
    (("org", "四川省（成都）"), ("org", "四川省(成都)")),               # NFKC: full-width brackets
])
def test_make_id_same_after_normalisation(a, b):
    assert make_id(*a) == make_id(*b)


@pytest.mark.parametrize("a, b", [
    (("org", "四川省公安厅"), ("place", "四川省公安厅")),    # the kind is part of the key
    (("person", "王强", "四川省司法厅"), ("person", "王强", "四川省公安厅")),
    (("person", "王强", None), ("person", None, "王强")),    # parts keep their positions
    (("person", "王强", "四川省司法厅"), ("person", "王强四川省司法厅")),
])
def test_make_id_different_parts_give_different_ids(a, b):
    assert make_id(*a) != make_id(*b)


def test_make_id_is_sixteen_hex_characters():
    assert re.fullmatch(r"[0-9a-f]{16}", make_id("org", "四川省公安厅"))


def test_make_id_needs_a_part():
    with pytest.raises(ValueError):
        make_id("person", None, "")


def test_data_iri_names_its_kind():
    assert data_iri("org", "四川省公安厅") == URIRef(f"{model.DATA}org/{make_id('org', '四川省公安厅')}")


# --- consistency ----------------------------------------------------------------------------------------------

def _owl_rl_errors(graph):
    import owlrl

    closed = model.load_ontology() + graph
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(closed)
    errors = [str(e) for e in closed.objects(None, ERROR)]
    return errors + [f"{s} is owl:Nothing" for s in closed.subjects(RDF.type, OWL.Nothing)]


def test_ontology_is_consistent_under_owl_rl_with_the_gold_graph():
    pytest.importorskip("owlrl")
    assert _owl_rl_errors(gold_graph()) == []


def test_owl_rl_finds_a_node_typed_as_two_disjoint_kinds():
    pytest.importorskip("owlrl")
    graph = Graph()
    node = data_iri("person", "王强", "四川省司法厅")
    graph.add((node, RDF.type, FOAF.Person))
    graph.add((node, RDF.type, ORG.Organization))
    errors = _owl_rl_errors(graph)
    assert any("Disjoint" in e for e in errors), errors


def test_ontology_is_consistent_under_hermit(tmp_path):
    owlready2 = pytest.importorskip("owlready2", reason="owlready2 (with Java for HermiT) is optional")
    path = tmp_path / "kg.owl"
    ontology = model.load_ontology()
    # HermiT knows only the OWL 2 datatype map, which has xsd:dateTime but not xsd:date; the dates' ranges
    # are relaxed to rdfs:Literal for this check (nothing else in the ontology changes).
    for s, p, o in list(ontology.triples((None, None, XSD.date))):
        ontology.remove((s, p, o))
        ontology.add((s, p, RDFS.Literal))
    ontology.serialize(path, format="xml")
    world = owlready2.World()
    onto = world.get_ontology(path.as_uri()).load()
    with onto:
        owlready2.sync_reasoner(world, infer_property_values=False, debug=0)
    assert list(world.inconsistent_classes()) == []

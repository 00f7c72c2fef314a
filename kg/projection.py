"""The property-graph projection of the triples, read off the ontology: what Neo4j loads and GraphML shows.

    pg = project(graph)          # graph: an rdflib Graph of report triples
    pg.nodes[iri].labels         # ("Event", "Visit")
    pg.relationships             # [Relationship("VISITOR", visit_iri, person_iri), ...]

The rules live in ontology/kg.ttl, not here (followthemoney derives its graph exports from its model the same way):
- rdf:type C gives the node the kg:graphLabel of C and of its superclasses, general first (kg.model.graph_labels);
- an object property with a kg:relType gives a relationship of that type, subject -> object;
- a datatype or label property with a kg:propertyKey gives a node property; values become str, int, float, bool
  or datetime.date; skos:altLabel (`aliases`) is always a list, as SKOS allows many alternative labels;
- every node gets a `name` for captions (Neo4j Browser, Gephi): its own name or title when it has one, else one made
  from its neighbours (a visit is named by its visitor, a membership by person and title).
Triples with a predicate the ontology does not project are counted in `unmapped`, never silently invented.
"""
from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from kg.model import KG, SKOS, graph_labels, load_ontology, property_key, rel_type

#: Node property that holds the IRI (unique per label in Neo4j).
IRI_KEY = "iri"
#: Node property that every node gets for captions.
NAME_KEY = "name"
#: Properties that are lists on every node, whatever the number of values.
LIST_PROPERTIES = frozenset({SKOS.altLabel})

_TEXT_IN_CAPTION = 24  # characters of an item's text in its caption


@dataclass
class Node:
    iri: str
    labels: tuple = ()
    properties: dict = field(default_factory=dict)

    @property
    def label(self) -> str | None:
        """The most specific label (a Visit's is "Visit"), or None for a node without a class."""
        return self.labels[-1] if self.labels else None


@dataclass(frozen=True, order=True)
class Relationship:
    type: str
    start: str
    end: str


@dataclass
class PropertyGraph:
    nodes: dict = field(default_factory=dict)             # iri -> Node
    relationships: list = field(default_factory=list)     # sorted, each once
    unmapped: dict = field(default_factory=dict)          # predicate IRI -> number of triples not projected

    def neighbours(self, iri, rel):
        return [r.end for r in self.relationships if r.start == iri and r.type == rel]


# --- what the ontology says, cached per term ------------------------------------------------------------------

@functools.cache
def _labels(cls) -> tuple:
    return tuple(graph_labels(cls))


@dataclass(frozen=True)
class _Rule:
    """What a triple with a given predicate becomes: labels (rdf:type), a relationship, or a node property."""
    is_type: bool = False
    rel_type: str | None = None
    property_key: str | None = None
    is_list: bool = False


@functools.cache
def _rule(prop) -> _Rule:
    # One cached look-up per triple: project() runs over every triple of every report pushed to Neo4j.
    if prop == RDF.type:
        return _Rule(is_type=True)
    return _Rule(rel_type=rel_type(prop), property_key=property_key(prop), is_list=prop in LIST_PROPERTIES)


@functools.cache
def _ontology():
    return load_ontology()


@functools.cache
def allowed_labels() -> frozenset:
    """Every node label the ontology defines: the only labels a Cypher statement may be built with."""
    return frozenset(str(v) for v in _ontology().objects(None, KG.graphLabel))


@functools.cache
def allowed_rel_types() -> frozenset:
    """Every relationship type the ontology defines: the only types a Cypher statement may be built with."""
    return frozenset(str(v) for v in _ontology().objects(None, KG.relType))


@functools.cache
def class_of_label(label) -> URIRef | None:
    """The class whose kg:graphLabel is `label`."""
    return next(iter(_ontology().subjects(KG.graphLabel, Literal(label))), None)


@functools.cache
def zh_label(term) -> str | None:
    """The Chinese rdfs:label of an ontology term."""
    for value in _ontology().objects(URIRef(term), RDFS.label):
        if getattr(value, "language", None) == "zh":
            return str(value)
    return None


# Looked up once: an attribute of an rdflib namespace costs a function call each time.
_XSD_DATE = XSD.date
_XSD_DECIMALS = frozenset({XSD.decimal, XSD.double, XSD.float})


def value(literal):
    """A literal as a property value: xsd:date -> datetime.date, integers -> int, decimals -> float, else text."""
    if not isinstance(literal, Literal):
        return str(literal)
    datatype = literal.datatype
    if datatype is None:  # plain and language-tagged text, most literals
        return str(literal)
    python = literal.toPython()
    if datatype == _XSD_DATE and isinstance(python, datetime.date):
        return python
    if isinstance(python, int):  # bool included: True stays True
        return python
    if datatype in _XSD_DECIMALS:
        try:
            return float(literal)
        except ValueError:
            return str(literal)
    return str(literal)


# --- the projection -------------------------------------------------------------------------------------------

def project(graph: Graph) -> PropertyGraph:
    """The property graph of `graph` (any triples under the ontology)."""
    pg = PropertyGraph()
    values = {}  # (iri, key) -> [values]

    def node(iri):
        if iri not in pg.nodes:
            pg.nodes[iri] = Node(iri)
        return pg.nodes[iri]

    relationships = set()
    for s, p, o in graph:
        if not isinstance(s, URIRef):
            pg.unmapped[str(p)] = pg.unmapped.get(str(p), 0) + 1
            continue
        iri = str(s)
        subject = node(iri)
        rule = _rule(p)
        if rule.is_type:
            labels = _labels(o)
            if labels:
                subject.labels = tuple(dict.fromkeys(subject.labels + labels))
            else:
                pg.unmapped[str(p)] = pg.unmapped.get(str(p), 0) + 1
            continue
        if rule.rel_type and isinstance(o, URIRef):
            node(str(o))
            relationships.add(Relationship(rule.rel_type, iri, str(o)))
        elif rule.property_key and isinstance(o, Literal):
            values.setdefault((iri, rule.property_key, rule.is_list), []).append(value(o))
        else:
            pg.unmapped[str(p)] = pg.unmapped.get(str(p), 0) + 1

    for (iri, key, is_list), found in values.items():
        found = sorted(set(found), key=_sort_key)
        pg.nodes[iri].properties[key] = found if (is_list or len(found) > 1) else found[0]
    pg.relationships = sorted(relationships)
    _name_nodes(pg)
    return pg


def _sort_key(v):
    return (type(v).__name__, str(v))


def _name_nodes(pg: PropertyGraph):
    """Give every node a `name`: its own (foaf:name, skos:prefLabel, dcterms:title) or one built from its links."""
    out = {}
    for r in pg.relationships:
        out.setdefault((r.start, r.type), []).append(r.end)

    def linked(iri, rel, key=NAME_KEY):
        ends = out.get((iri, rel), [])
        return pg.nodes[ends[0]].properties.get(key) if ends else None

    def date_text(iri):
        ends = out.get((iri, "DATE"), []) or out.get((iri, "MEMBER_DURING"), []) or out.get((iri, "PERIOD"), [])
        return _interval_text(pg.nodes[ends[0]].properties) if ends else None

    for n in pg.nodes.values():
        p = n.properties
        if NAME_KEY in p:
            if isinstance(p[NAME_KEY], list):  # two names for one node (two reports disagree): keep one, stably
                p[NAME_KEY] = p[NAME_KEY][0]
            continue
        label = n.label
        kind = zh_label(class_of_label(label)) if label else None
        if label == "DateInterval":
            name = _interval_text(p)
        elif label == "Month":
            name = p.get("yearMonth")
        elif label == "Report":
            series = p.get("series") or kind
            name = f"{series} 第{p['issueNo']}期" if p.get("issueNo") is not None else (p.get("sourceFile") or series)
            if p.get("published"):
                name += f" ({p['published']})"
        elif label == "Item":
            text = str(p.get("text") or "")
            name = text[:_TEXT_IN_CAPTION] + ("…" if len(text) > _TEXT_IN_CAPTION else "")
        elif label == "Visit":
            name = " ".join(x for x in (kind, linked(n.iri, "VISITOR")) if x)
        elif "Event" in n.labels:
            when = date_text(n.iri)
            if not when:  # an undated event is told apart by the start of its item's text
                text = str(linked(n.iri, "DERIVED_FROM", "text") or "")
                when = text[:_TEXT_IN_CAPTION // 2] + ("…" if len(text) > _TEXT_IN_CAPTION // 2 else "")
            name = " ".join(x for x in (kind, when) if x)
        elif label == "Membership":
            name = " ".join(x for x in (linked(n.iri, "MEMBER"), linked(n.iri, "ORGANIZATION"),
                                        linked(n.iri, "ROLE")) if x)
        elif label == "Statistic":
            name = p.get("surface") or f"{p.get('metric', '')} {p.get('value', '')}{p.get('unit', '')}".strip()
        elif label:
            name = zh_label(n.iri) or kind
        else:
            name = None
        p[NAME_KEY] = name or n.iri.rsplit("/", 1)[-1]


def _interval_text(p):
    """Days as ISO dates (2023-03-13..2023-03-17), else the words as written (目前)."""
    start, end = p.get("startDate"), p.get("endDate")
    if start and end and start != end:
        return f"{start}..{end}"
    return str(start or end or p.get("surface") or "")


__all__ = [
    "IRI_KEY", "NAME_KEY", "LIST_PROPERTIES", "Node", "Relationship", "PropertyGraph", "project", "value",
    "allowed_labels", "allowed_rel_types", "class_of_label", "zh_label",
]

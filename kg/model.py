"""The data model: ontology/kg.ttl as Python names, plus the deterministic ids of data nodes.

Code writes `KG.Visit`, `ORG.member`, `FOAF.name`; a name that kg.ttl does not define (give an rdfs:label) raises
OntologyError when it is used, so a typo never turns into an IRI that no query, shape or loader knows about.
Data IRIs are `DATA + "<kind>/" + make_id(kind, *parts)`: the same parts give the same IRI in every run and every
store, so reloading a report is a no-op (followthemoney's make_entity_id does the same for entities).
"""
import functools
import hashlib
import re
import unicodedata
from importlib.resources import files

from rdflib import Graph, URIRef
from rdflib.namespace import RDFS

from kg.errors import OntologyError

#: Namespace of the ontology's own terms.
TERMS = "https://w3id.org/kg-bulletins/ontology#"
#: Base of every data IRI (reports, items, organizations, persons, facts).
DATA = "https://w3id.org/kg-bulletins/id/"

ONTOLOGY_FILE = "kg.ttl"
SHAPES_FILE = "shapes.ttl"

_ID_LENGTH = 16        # hex characters of sha1 kept in an id: 64 bits, no collision expected below ~10^9 nodes
_PART_SEPARATOR = "\x1f"
_WHITESPACE = re.compile(r"\s+")


class UnknownTerm(OntologyError, AttributeError):
    """Code asked for a term that ontology/kg.ttl does not define.

    Also an AttributeError, so `getattr(KG, name, default)` and `hasattr` behave as for any namespace.
    """


def _read(name):
    return files("kg.ontology").joinpath(name).read_text(encoding="utf-8")


def load_ontology() -> Graph:
    """A fresh rdflib Graph of ontology/kg.ttl (callers may change it)."""
    return Graph().parse(data=_read(ONTOLOGY_FILE), format="turtle")


def load_shapes() -> Graph:
    """A fresh rdflib Graph of the SHACL shapes in ontology/shapes.ttl."""
    return Graph().parse(data=_read(SHAPES_FILE), format="turtle")


@functools.cache
def _ontology() -> Graph:
    # Parsed once per process for the lookups below; never handed out, so nobody can change it.
    return load_ontology()


@functools.cache
def defined_terms() -> frozenset:
    """Every term the ontology defines: each subject with an rdfs:label."""
    return frozenset(s for s in _ontology().subjects(RDFS.label) if isinstance(s, URIRef))


class Vocabulary:
    """A namespace whose attributes are only the terms that ontology/kg.ttl defines in it."""

    def __init__(self, prefix: str, base: str):
        self.prefix = prefix
        self.base = base

    def __getitem__(self, name: str) -> URIRef:
        iri = URIRef(self.base + name)
        if iri not in defined_terms():
            raise UnknownTerm(f"{self.prefix}:{name} is not defined in ontology/{ONTOLOGY_FILE}")
        return iri

    def __getattr__(self, name: str) -> URIRef:
        if name.startswith("__"):   # keep copy, pickle and introspection working
            raise AttributeError(name)
        iri = self[name]
        # Kept as an instance attribute, so the next KG.<name> is a plain attribute read that never comes back
        # here: loaders/triples.py reads about a thousand terms per report. Only checked terms are kept.
        setattr(self, name, iri)
        return iri

    def __contains__(self, name: str) -> bool:
        return URIRef(self.base + name) in defined_terms()

    def __iter__(self):
        return iter(sorted(t for t in defined_terms() if t.startswith(self.base)))

    def __repr__(self):
        return f"Vocabulary({self.prefix!r}, {self.base!r})"


KG = Vocabulary("kg", TERMS)
ORG = Vocabulary("org", "http://www.w3.org/ns/org#")
FOAF = Vocabulary("foaf", "http://xmlns.com/foaf/0.1/")
PROV = Vocabulary("prov", "http://www.w3.org/ns/prov#")
SKOS = Vocabulary("skos", "http://www.w3.org/2004/02/skos/core#")
DCTERMS = Vocabulary("dcterms", "http://purl.org/dc/terms/")
TIME = Vocabulary("time", "http://www.w3.org/2006/time#")

VOCABULARIES = (KG, ORG, FOAF, PROV, SKOS, DCTERMS, TIME)


def new_graph() -> Graph:
    """An empty rdflib Graph with the prefixes of the model bound (for readable Turtle)."""
    graph = Graph()
    for vocabulary in VOCABULARIES:
        graph.bind(vocabulary.prefix, vocabulary.base)
    return graph


# --- deterministic ids ----------------------------------------------------------------------------------------

def normalise(part) -> str:
    """One id part as text: NFKC (full-width digits and brackets become half-width), all whitespace removed.

    None becomes "" so that parts keep their positions (a person with no organization is keyed by name alone).
    """
    if part is None:
        return ""
    return _WHITESPACE.sub("", unicodedata.normalize("NFKC", str(part)))


def make_id(kind: str, *parts) -> str:
    """A short stable id: the first 16 hex characters of sha1 over the kind and the normalised parts.

    >>> make_id("org", "四川省公安厅") == make_id("org", " 四川省公安厅\\n")
    True
    """
    texts = [normalise(p) for p in parts]
    if not any(texts):
        raise ValueError(f"make_id({kind!r}) needs at least one non-empty part")
    key = _PART_SEPARATOR.join([normalise(kind), *texts])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:_ID_LENGTH]


def data_iri(kind: str, *parts) -> URIRef:
    """The IRI of a data node: DATA + kind + "/" + make_id(kind, *parts)."""
    return URIRef(f"{DATA}{kind}/{make_id(kind, *parts)}")


# --- what the ontology says about projection and extraction codes ---------------------------------------------

def _annotation(term, prop) -> str | None:
    value = _ontology().value(URIRef(term), URIRef(TERMS + prop))
    return None if value is None else str(value)


def graph_label(cls) -> str | None:
    """The property-graph node label of a class (kg:graphLabel), or None."""
    return _annotation(cls, "graphLabel")


def rel_type(prop) -> str | None:
    """The property-graph relationship type of an object property (kg:relType), or None."""
    return _annotation(prop, "relType")


def property_key(prop) -> str | None:
    """The property-graph property key of a datatype or label property (kg:propertyKey), or None."""
    return _annotation(prop, "propertyKey")


def graph_labels(cls) -> list[str]:
    """Node labels for an instance of `cls`: its graphLabel and those of its superclasses, general first."""
    ontology = _ontology()
    chain = list(ontology.transitive_objects(URIRef(cls), RDFS.subClassOf))
    labels = [graph_label(c) for c in reversed(chain)]
    return [label for label in labels if label]


@functools.cache
def codes() -> dict:
    """Extraction code -> term, from kg:code ("visit" -> kg:Visit, "speaker" -> kg:speaker)."""
    table = {}
    for term, code in _ontology().subject_objects(URIRef(TERMS + "code")):
        if str(code) in table:
            raise OntologyError(f"kg:code {code!r} is given to both {table[str(code)]} and {term}")
        table[str(code)] = term
    return table


__all__ = [
    "TERMS", "DATA", "KG", "ORG", "FOAF", "PROV", "SKOS", "DCTERMS", "TIME", "VOCABULARIES", "UnknownTerm",
    "load_ontology", "load_shapes", "defined_terms", "new_graph", "normalise", "make_id", "data_iri",
    "graph_label", "graph_labels", "rel_type", "property_key", "codes",
]

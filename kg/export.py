"""Exports of the embedded store: RDF (Turtle, N-Triples, JSON-LD) or the property graph (GraphML, CSV).

    export(store, "graphml", "kg.graphml")   # Gephi, yEd, Cytoscape
    export(store, "csv", "kg.csv")           # kg.nodes.csv + kg.edges.csv (Gephi's spreadsheet import)

GraphML and CSV are the same projection that Neo4j loads (kg.projection). Each node carries `label` (its Chinese
caption: a name, a title, or one made from its links), `type` (its most specific label, e.g. Visit), `labels`
(all, e.g. Event:Visit), `date` (ISO day its fact happened, when it has one) and `iri`, plus its own properties;
each edge carries `label` and `type` (the relationship type, e.g. VISITOR). Node ids are n0, n1, ... in IRI order,
as GraphML ids must be XML name tokens (an IRI's slashes are not).
"""
from __future__ import annotations

import csv
import datetime
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import XSD

from kg.errors import KgError
from kg.model import VOCABULARIES, new_graph
from kg.projection import PropertyGraph, project

FORMATS = ("graphml", "ttl", "nt", "jsonld", "csv")
RDF_FORMATS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}
#: Separator of list values (aliases) in GraphML and CSV cells.
LIST_SEPARATOR = "|"
# Where a node's `date` comes from: its own date property, else the first day of the interval it links to.
_OWN_DATES = ("startDate", "published")
_DATE_LINKS = ("DATE", "MEMBER_DURING", "PERIOD")


def rdf_graph(triples) -> Graph:
    """An rdflib Graph of the triples with the model's prefixes bound."""
    graph = new_graph()
    for triple in triples:
        graph.add(triple)
    return graph


def serialize_rdf(graph: Graph, fmt: str) -> str:
    """Turtle, N-Triples (lines sorted, so the same graph gives the same file) or JSON-LD (compacted on prefixes)."""
    if fmt == "nt":
        lines = graph.serialize(format="nt").splitlines()
        return "\n".join(sorted(line for line in lines if line.strip())) + "\n"
    if fmt == "jsonld":
        context = {v.prefix: v.base for v in VOCABULARIES} | {"xsd": str(XSD)}
        return graph.serialize(format="json-ld", context=context, indent=1, ensure_ascii=False)
    return graph.serialize(format=RDF_FORMATS[fmt])


def node_dates(pg: PropertyGraph) -> dict:
    """IRI -> ISO date of the day a node's fact happened (start of its date, membership or period)."""
    links = {}
    for r in pg.relationships:
        if r.type in _DATE_LINKS:
            links.setdefault((r.start, r.type), r.end)
    dates = {}
    for iri, node in pg.nodes.items():
        found = next((node.properties[k] for k in _OWN_DATES if node.properties.get(k)), None)
        for rel in _DATE_LINKS:
            if found is None and (iri, rel) in links:
                found = pg.nodes[links[(iri, rel)]].properties.get("startDate")
        if found is not None:
            dates[iri] = found.isoformat() if isinstance(found, datetime.date) else str(found)
    return dates


def _attribute(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(str(_attribute(v)) for v in value)
    return value


def to_networkx(pg: PropertyGraph):
    """A networkx MultiDiGraph of the projection, with the attributes GraphML viewers show."""
    import networkx as nx
    graph = nx.MultiDiGraph()
    dates = node_dates(pg)
    ids = {iri: f"n{i}" for i, iri in enumerate(sorted(pg.nodes))}
    for iri in sorted(pg.nodes):
        node = pg.nodes[iri]
        attributes = {"label": str(node.properties.get("name", iri)), "type": node.label or "",
                      "labels": ":".join(node.labels), "iri": iri}
        if iri in dates:
            attributes["date"] = dates[iri]
        for key, value in sorted(node.properties.items()):
            if key != "name" and key not in attributes:
                attributes[key] = _attribute(value)
        graph.add_node(ids[iri], **attributes)
    for i, r in enumerate(pg.relationships):
        graph.add_edge(ids[r.start], ids[r.end], key=f"e{i}", label=r.type, type=r.type)  # the key is the edge id
    _one_type_per_attribute(graph)
    return graph


def _one_type_per_attribute(graph):
    """GraphML declares one type per attribute name: where values of a name differ in type, make them all text."""
    for items in (graph.nodes(data=True), [(None, d) for *_, d in graph.edges(keys=True, data=True)]):
        types = {}
        for _, data in items:
            for key, value in data.items():
                types.setdefault(key, set()).add(type(value))
        mixed = {key for key, found in types.items() if len(found) > 1}
        for _, data in items:
            for key in mixed & data.keys():
                data[key] = str(data[key])


def write_graphml(pg: PropertyGraph, out):
    import networkx as nx
    nx.write_graphml_lxml(to_networkx(pg), out, encoding="utf-8", prettyprint=True)


def write_csv(pg: PropertyGraph, path) -> tuple:
    """Two files beside `path` (x.csv -> x.nodes.csv, x.edges.csv) in Gephi's spreadsheet-import columns."""
    path = Path(path)
    stem = path.with_suffix("") if path.suffix.lower() == ".csv" else path
    nodes_path, edges_path = Path(f"{stem}.nodes.csv"), Path(f"{stem}.edges.csv")
    graph = to_networkx(pg)
    keys = sorted({k for _, data in graph.nodes(data=True) for k in data} - {"label", "type", "labels", "date", "iri"})
    with open(nodes_path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["Id", "Label", "type", "labels", "date", "iri", *keys])
        for node_id, data in graph.nodes(data=True):
            writer.writerow([node_id, data["label"], data["type"], data["labels"], data.get("date", ""), data["iri"],
                             *(_csv(data.get(k)) for k in keys)])
    with open(edges_path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["Id", "Source", "Target", "Type", "Label", "relationship"])
        for start, end, key, data in graph.edges(keys=True, data=True):
            writer.writerow([key, start, end, "Directed", data["label"], data["type"]])
    return nodes_path, edges_path


def _csv(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def export(store, fmt: str, out) -> str:
    """Write the store's data in `fmt` to `out` (a path, or a binary stream); return a line saying what was written."""
    try:
        return _export(store, fmt, out)
    except OSError as e:
        raise KgError(f"cannot write {getattr(e, 'filename', None) or out}: {e.strerror or e}") from None


def _export(store, fmt, out):
    if fmt not in FORMATS:
        raise KgError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    graph = rdf_graph(store.triples())
    where = getattr(out, "name", None) if hasattr(out, "write") else out
    if fmt in RDF_FORMATS:
        data = serialize_rdf(graph, fmt).encode("utf-8")
        if hasattr(out, "write"):
            out.write(data)
        else:
            Path(out).write_bytes(data)
        return f"wrote {len(graph)} triples to {where}"
    pg = project(graph)
    if fmt == "graphml":
        write_graphml(pg, out if hasattr(out, "write") else str(out))
        return f"wrote {len(pg.nodes)} nodes and {len(pg.relationships)} edges to {where}"
    if hasattr(out, "write"):
        raise KgError("CSV export writes two files (x.nodes.csv and x.edges.csv): give a file name, -o x.csv")
    nodes_path, edges_path = write_csv(pg, out)
    return f"wrote {len(pg.nodes)} nodes to {nodes_path} and {len(pg.relationships)} edges to {edges_path}"


__all__ = ["FORMATS", "RDF_FORMATS", "LIST_SEPARATOR", "rdf_graph", "serialize_rdf", "node_dates", "to_networkx",
           "write_graphml", "write_csv", "export"]

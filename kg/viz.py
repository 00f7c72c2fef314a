"""The graph as one offline HTML page: `build_view` picks what to draw from the projection, `write_html` draws it.

    view = build_view(store, dept="商务厅", date_from="2025-01-01")   # a store, an rdflib Graph or a PropertyGraph
    write_html(view, "graph.html")                                    # one file, no network: vis-network inlined

The view is plain JSON (nodes, edges, types, notice), read off the property-graph projection (kg.projection), so
the page shows the same nodes, labels and names as Neo4j and GraphML. What it adds for people:

- a neighbourhood: `dept` (name or any alias; its units count too), `person` (name as written) and `program` (any
  part of its name) each select the facts (events, visits, memberships, statistics) linked to them; given together,
  the facts linked to all of them. A fact is drawn with everything it links to: people, organizations, programs,
  places, documents, its date, its paragraph (Item) and report.
- a date window: a fact is kept when its date (its event date, membership date or statistic period) overlaps
  [date_from, date_to]; undated facts go. Everything else is kept when a kept fact links to it.
- a cap: at most `limit` nodes, the most recent facts first, with a notice that says what was left out. Items,
  reports, statistics, dates, roles are in the page but hidden until their box is ticked (ON_DEMAND).
- for every fact its evidence: the sentence (or paragraph) it was read from, the item and the report (file, issue,
  date), shown in the side panel on a click.
Colours and sizes come from the Neo4j Browser style ontology/kg.grass, type names from the ontology's zh labels.
"""
from __future__ import annotations

import datetime
import functools
import json
import re
from importlib.resources import files
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import RDFS

from kg.errors import ViewError
from kg.model import KG, load_ontology
from kg.projection import NAME_KEY, PropertyGraph, class_of_label, project, zh_label

#: Most nodes a view holds; past it the most recent facts are kept and the notice says how many were left out.
NODE_LIMIT = 1000
#: Labels whose nodes the page hides until their box is ticked: there are many, and each fact's panel already shows
#: its paragraph, report and date.
ON_DEMAND = frozenset({"Item", "Report", "Statistic", "DateInterval", "Month", "Role", "ConceptScheme"})
#: Relationships from an item to its report, and from a fact to its item.
PART_OF, DERIVED_FROM = "PART_OF", "DERIVED_FROM"
#: Relationships from a node to the interval of its date, in the order they are looked up.
DATE_LINKS = ("DATE", "MEMBER_DURING", "PERIOD")
#: The relationship from a unit to its organization: a department's neighbourhood takes in its units.
SUB_ORGANIZATION_OF = "SUB_ORGANIZATION_OF"
#: Relationships drawn with their label on the edge when a view has at most this many edges.
EDGE_LABELS_UP_TO = 200

_VIS_JS = "vis-network.min.js"
_TEMPLATE = "viz.html"
_SOURCE_MAP = re.compile(r"^//# sourceMappingURL=.*$", re.MULTILINE)
_HIDDEN_PROPERTIES = {NAME_KEY, "sha256"}  # the name is the panel's title; a checksum tells a person nothing
_ASKED = {"department": "部门", "person": "人物", "program": "项目"}


# --- the source graph -------------------------------------------------------------------------------------------

def property_graph(source) -> PropertyGraph:
    """The projection of a store (any with the "triples" capability), an rdflib Graph, or a PropertyGraph as is."""
    if isinstance(source, PropertyGraph):
        return source
    if hasattr(source, "triples") and hasattr(source, "capabilities"):
        return project(list(source.triples()))  # project() only iterates; no rdflib Graph needed in between
    return project(source)


def _day(value, what) -> datetime.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ViewError(f"{what}: {value!r} is not a day (YYYY-MM-DD)") from None


def _iso(value):
    return value.isoformat() if isinstance(value, datetime.date) else value


# --- an index of the projection ---------------------------------------------------------------------------------

class _Index:
    """Adjacency, facts and dates of a projection, computed once per view."""

    def __init__(self, pg: PropertyGraph):
        self.pg = pg
        self.out, self.into = {}, {}
        for r in pg.relationships:
            self.out.setdefault(r.start, []).append(r)
            self.into.setdefault(r.end, []).append(r)
        self.facts = {r.start for r in pg.relationships if r.type == DERIVED_FROM}

    def ends(self, iri, rel):
        return [r.end for r in self.out.get(iri, ()) if r.type == rel]

    def label(self, iri):
        return self.pg.nodes[iri].label

    def interval(self, iri) -> tuple | None:
        """(start, end) days of a node: its own, a report's publication day, or the interval it links to."""
        p = self.pg.nodes[iri].properties
        if p.get("startDate") or p.get("endDate"):
            return _span(p)
        if isinstance(p.get("published"), datetime.date):
            return p["published"], p["published"]
        for rel in DATE_LINKS:
            for end in self.ends(iri, rel):
                span = _span(self.pg.nodes[end].properties)
                if span:
                    return span
        return None

    def context(self, fact) -> list:
        """What a fact is drawn with: its neighbours, and the report of each of its items."""
        found = [r.end for r in self.out.get(fact, ())] + [r.start for r in self.into.get(fact, ())]
        for item in self.ends(fact, DERIVED_FROM):
            found += self.ends(item, PART_OF)
        return list(dict.fromkeys(found))

    def linked_facts(self, iris) -> set:
        """Facts with a relationship to any of `iris`."""
        found = set()
        for iri in iris:
            found |= {r.start for r in self.into.get(iri, ()) if r.start in self.facts}
            found |= {r.end for r in self.out.get(iri, ()) if r.end in self.facts}
        return found

    def named(self, label, test) -> list:
        return sorted(iri for iri, n in self.pg.nodes.items() if n.label == label and test(n.properties))

    def units(self, orgs) -> set:
        """Organizations and, transitively, their units (SUB_ORGANIZATION_OF pointing at them)."""
        found, todo = set(orgs), list(orgs)
        while todo:
            for r in self.into.get(todo.pop(), ()):
                if r.type == SUB_ORGANIZATION_OF and r.start not in found:
                    found.add(r.start)
                    todo.append(r.start)
        return found


def _span(p):
    start, end = p.get("startDate"), p.get("endDate")
    if not isinstance(start, datetime.date) and not isinstance(end, datetime.date):
        return None
    start = start if isinstance(start, datetime.date) else end
    end = end if isinstance(end, datetime.date) else start
    return start, end


def _names(p) -> list:
    aliases = p.get("aliases") or []
    return [p.get(NAME_KEY), *(aliases if isinstance(aliases, list) else [aliases])]


# --- the view ---------------------------------------------------------------------------------------------------

def build_view(source, dept=None, person=None, program=None, date_from=None, date_to=None, *,
               limit: int | None = None) -> dict:
    """The nodes and edges to draw, as JSON-ready data: the neighbourhood asked for, within the dates, capped.

    `source` is a store with the "triples" capability, an rdflib Graph or a kg.projection.PropertyGraph; `limit`
    is the most nodes the view holds (NODE_LIMIT when None). Raises ViewError when the graph is empty, when a
    department, person or program is not in it, or when a date is not YYYY-MM-DD.
    """
    lo, hi = _day(date_from, "--from"), _day(date_to, "--to")
    if lo and hi and lo > hi:
        raise ViewError(f"--from {lo} is after --to {hi}")
    limit = NODE_LIMIT if limit is None else limit
    if limit < 1:
        raise ViewError(f"the node limit must be at least 1, not {limit}")
    pg = property_graph(source)
    if not pg.nodes:
        raise ViewError("the graph is empty: load bulletins first (kg load PATH...)")
    index = _Index(pg)

    seeds, facts, asked = [], None, []
    for given, label, test, what in (
            (dept, "Organization", lambda p: dept in _names(p), "department"),
            (person, "Person", lambda p: p.get(NAME_KEY) == person, "person"),
            (program, "Program", lambda p: program in str(p.get(NAME_KEY) or ""), "program")):
        if not given:
            continue
        found = index.named(label, test)
        if not found:
            raise ViewError(f"no {what} called {given!r} in the graph")
        if label == "Organization":
            found = sorted(index.units(found))
        seeds += found
        linked = index.linked_facts(found)
        facts = linked if facts is None else facts & linked
        asked.append(f"{_ASKED[what]} {given}")
    if lo or hi:
        asked.append(f"{lo or '…'} 至 {hi or '…'}")
    scoped = facts is not None
    facts = set(index.facts) if facts is None else facts
    intervals = {f: index.interval(f) for f in facts}
    if lo or hi:
        facts = {f for f in facts if intervals[f] and (hi is None or intervals[f][0] <= hi)
                 and (lo is None or intervals[f][1] >= lo)}

    # The most recent facts first, the kinds drawn by default before the kinds shown on demand.
    def recent_first(f):
        span = intervals[f]
        return (index.label(f) in ON_DEMAND, span is None, -(span[1].toordinal() if span else 0), f)

    chosen = dict.fromkeys(seeds)
    shown = 0
    for fact in sorted(facts, key=recent_first):
        new = [n for n in [fact, *index.context(fact)] if n not in chosen]
        if len(chosen) + len(new) > limit:
            break
        chosen.update(dict.fromkeys(new))
        shown += 1
    if not scoped and not (lo or hi):
        # The whole graph: also the nodes no fact links to (the organization tree, the program scheme).
        if shown == len(facts):
            for iri in sorted(pg.nodes):
                if len(chosen) >= limit:
                    break
                chosen.setdefault(iri)
        total = len(pg.nodes)
    else:
        total = len(set(seeds).union(*(index.context(f) for f in facts), facts))
    return _render(pg, index, list(chosen), intervals, set(seeds), total=total, facts_total=len(facts),
                   facts_shown=shown, asked=asked, window=(lo, hi), limit=limit)


def _render(pg, index, chosen, intervals, seeds, *, total, facts_total, facts_shown, asked, window, limit):
    ids = {iri: i for i, iri in enumerate(chosen)}
    edges = [r for r in pg.relationships if r.start in ids and r.end in ids]
    degree = dict.fromkeys(chosen, 0)
    for r in edges:
        degree[r.start] += 1
        degree[r.end] += 1
    nodes = []
    for iri in chosen:
        node = pg.nodes[iri]
        span = intervals.get(iri) or index.interval(iri)
        data = {
            "id": ids[iri], "iri": iri, "type": node.label or "", "labels": list(node.labels),
            "name": str(node.properties.get(NAME_KEY, iri)), "fact": iri in index.facts,
            "date": [span[0].isoformat(), span[1].isoformat()] if span else None,
            "degree": degree[iri],
            "props": {k: _json_value(v) for k, v in sorted(node.properties.items()) if k not in _HIDDEN_PROPERTIES},
        }
        if iri in seeds:
            data["seed"] = True
        evidence = _evidence(pg, index, iri)
        if evidence:
            data["evidence"] = evidence
        nodes.append(data)
    rel_names = relationship_names()
    edge_data = [{"id": i, "from": ids[r.start], "to": ids[r.end], "type": r.type,
                  "label": rel_names.get(r.type, r.type)} for i, r in enumerate(edges)]
    present = {n["type"] for n in nodes}
    types = [t for t in type_styles() if t["type"] in present]
    types += [{"type": t, **_default_style(t)} for t in sorted(present - {t["type"] for t in types})]
    for t in types:
        t["count"] = sum(1 for n in nodes if n["type"] == t["type"])
        t["hidden"] = t["type"] in ON_DEMAND
    lo, hi = window
    return {
        "title": "kg 知识图谱" + (f"：{'，'.join(asked)}" if asked else ""),
        "filters": {"asked": asked, "from": _iso(lo), "to": _iso(hi), "limit": limit},
        "nodes": nodes, "edges": edge_data, "types": types,
        "total": total, "facts_total": facts_total, "facts_shown": facts_shown,
        "edge_labels": len(edge_data) <= EDGE_LABELS_UP_TO,
        "property_names": property_names(),
        "notice": _notice(len(nodes), total, facts_shown, facts_total),
        "generated": datetime.date.today().isoformat(),
    }


def _notice(count, total, facts_shown, facts_total):
    if count >= total:
        return ""
    return (f"图中显示 {count} / {total} 个节点：最近的 {facts_shown} / {facts_total} 条事实。"
            f"用 --dept、--person、--program、--from、--to 缩小范围，可看到其余部分。")


def _json_value(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_json_value(v) for v in value]
    return value


def _report(pg, iri) -> dict:
    p = pg.nodes[iri].properties
    return {k: _json_value(v) for k, v in (
        ("name", p.get(NAME_KEY)), ("file", p.get("sourceFile")), ("series", p.get("series")),
        ("issue", p.get("issueNo")), ("total_issue", p.get("totalIssueNo")), ("published", p.get("published")),
        ("period", p.get("period"))) if v is not None}


def _evidence(pg, index, iri) -> list:
    """Where a fact (or an item) was read: the sentence, its item and report, one entry per item."""
    node = pg.nodes[iri]
    if node.label == "Item":
        items, own = [iri], None
    elif iri in index.facts:
        items, own = index.ends(iri, DERIVED_FROM), node.properties.get("text")
    else:
        return []
    found = []
    for item in sorted(items):
        p = pg.nodes[item].properties
        entry = {"text": own or p.get("text") or "", "sentence": bool(own)}
        if own and node.properties.get("spanStart") is not None:
            entry["span"] = [node.properties.get("spanStart"), node.properties.get("spanEnd")]
        elif p.get("spanStart") is not None:
            entry["span"] = [p.get("spanStart"), p.get("spanEnd")]
        entry["item"] = {k: p[k] for k in ("index", "section", "subsection", "marker") if p.get(k) is not None}
        if own and own != p.get("text"):
            entry["item"]["text"] = p.get("text")  # the paragraph around the sentence
        reports = index.ends(item, PART_OF)
        if reports:
            entry["report"] = _report(pg, reports[0])
        found.append(entry)
    return found


# --- what the model says about names and colours ----------------------------------------------------------------

@functools.cache
def relationship_names() -> dict:
    """Relationship type -> the zh label of its property (VISITOR -> 来访者)."""
    return _annotated_names(KG.relType)


@functools.cache
def property_names() -> dict:
    """Property key -> the zh label of its property (purpose -> 目的); `name` -> 名称."""
    return {**_annotated_names(KG.propertyKey), NAME_KEY: "名称"}


def _annotated_names(annotation) -> dict:
    ontology = load_ontology()
    names = {}
    for term, key in sorted(ontology.subject_objects(URIRef(annotation))):
        zh = next((str(v) for v in ontology.objects(term, RDFS.label)
                   if isinstance(v, Literal) and v.language == "zh"), None)
        names.setdefault(str(key), zh or str(key))
    return names


_GRASS_RULE = re.compile(r"node(?:\.(?P<label>\w+))?\s*\{(?P<body>[^}]*)\}")
_GRASS_DECLARATION = re.compile(r"(?P<key>[\w-]+)\s*:\s*(?P<value>[^;]+);")


@functools.cache
def type_styles() -> list:
    """One entry per node label of ontology/kg.grass, in its order: type, zh name, colour, border, size."""
    text = files("kg.ontology").joinpath("kg.grass").read_text(encoding="utf-8")
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.DOTALL)
    default, styles = {}, []
    for rule in _GRASS_RULE.finditer(text):
        values = {m["key"]: m["value"].strip() for m in _GRASS_DECLARATION.finditer(rule["body"])}
        if rule["label"] is None:
            default = values
            continue
        merged = {**default, **values}
        styles.append({"type": rule["label"], "zh": _type_name(rule["label"]),
                       "color": merged.get("color", "#A5ABB6"), "border": merged.get("border-color", "#9AA1AC"),
                       "size": _size(merged.get("diameter", "50px"))})
    return styles


def _type_name(label):
    return zh_label(class_of_label(label)) if class_of_label(label) else label


def _size(diameter):
    match = re.match(r"(\d+)", diameter)
    return round(int(match[1]) / 4) if match else 12  # Browser diameters are 35-65px; vis dot sizes of 9-16 read well


def _default_style(label):
    return {"zh": _type_name(label) or label, "color": "#A5ABB6", "border": "#9AA1AC", "size": 12}


# --- the page ---------------------------------------------------------------------------------------------------

def _asset(name) -> str:
    return files("kg").joinpath("assets", name).read_text(encoding="utf-8")


def _script_json(data) -> str:
    """JSON that is safe inside a <script> element: no `</script>`, no `<!--`, whatever the text holds."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_html(view: dict) -> str:
    """The page as text: the template with vis-network and the view inlined."""
    vis = _SOURCE_MAP.sub("", _asset(_VIS_JS))  # the map is not shipped; a reference to it would be a request
    page = _asset(_TEMPLATE)
    title = (view.get("title") or "kg").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    # Replace the data last and once each, so nothing in the library or the data is taken for a placeholder.
    before, _, after = page.partition("/*@VIS_NETWORK@*/")
    before = before.replace("@TITLE@", title)
    head, _, tail = after.partition("@VIEW_JSON@")
    return before + vis + head + _script_json(view) + tail


def write_html(view: dict, path) -> Path:
    """Write the view as one self-contained HTML page (no network needed to open it); return the path."""
    path = Path(path)
    try:
        path.write_text(render_html(view), encoding="utf-8")
    except OSError as e:
        raise ViewError(f"cannot write {path}: {e.strerror or e}") from None
    return path


__all__ = ["NODE_LIMIT", "ON_DEMAND", "build_view", "write_html", "render_html", "property_graph",
           "relationship_names", "property_names", "type_styles"]

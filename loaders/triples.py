"""Triples: one extracted report (a dict as `kg extract --format json` prints it) as RDF under the kg ontology.

    graph = report_to_graph(report)            # or reports_to_graph(reports), or pass graph= to add to one

Every node has a deterministic IRI (kg.model.data_iri), so the same input gives the same graph and adding a report
twice adds nothing:
- an organization from its canonical name; a person from name + organization (name alone when none is given);
- a report from series + issue_no + total_issue_no + published, else the sha256 of its file, else the file name;
- an item, and the event of an item, from report + item index; a visit from item + visitor + date;
- a membership from person + organization + title + date; a statistic from item + metric + value + period
  (+ scope and unit, so two figures of one item never merge).
Every fact node (event, visit, membership, statistic) is prov:wasDerivedFrom its Item; every Item is
dcterms:isPartOf its Report and carries its text and span. A visit or statistic with its own `evidence` also
carries that sentence and span (kg:text, kg:spanStart, kg:spanEnd); a membership does not (see write_memberships).
Names and titles (foaf:name, skos:prefLabel, skos:altLabel, dcterms:title) are tagged @zh; every other Chinese
value (text, surface, target, purpose, metric, scope, unit, section, marker) is a plain string.
"""
import re
from decimal import Decimal
from functools import lru_cache, wraps
from pathlib import PurePath

from rdflib import Graph, Literal
from rdflib.namespace import RDF, XSD

from kg.errors import KgError
from kg.model import DCTERMS, FOAF, KG, ORG, PROV, SKOS, codes, data_iri, new_graph

# event_type -> class and person role -> property come from the kg:code annotations of the ontology.
_DEFAULT_EVENT_CLASS = KG.OtherEvent
#: The language tag of names and titles (the canned SPARQL queries look names up with it: kg.canned).
LABEL_LANGUAGE = "zh"


def reports_to_graph(reports, graph: Graph | None = None, org_info=None) -> Graph:
    """Add every report of `reports` to `graph` (a new one if None) and return it."""
    graph = new_graph() if graph is None else graph
    for report in reports:
        report_to_graph(report, graph, org_info=org_info)
    return graph


def report_to_graph(report: dict, graph: Graph | None = None, org_info=None) -> Graph:
    """Add one extracted report to `graph` (a new one if None) and return the graph.

    `org_info(name)`, when given, returns {"kind", "level", "parent", "aliases"} (any may be missing) for a canonical
    organization name, or None; it enriches organization nodes and links units to their parent.
    """
    graph = new_graph() if graph is None else graph
    _ReportWriter(graph, report, org_info).write()
    return graph


def report_iri(report: dict):
    """The IRI of a report: from its numbering when it has one, else from its file's digest or name."""
    numbering = (report.get("series"), report.get("issue_no"), report.get("total_issue_no"))
    if any(part is not None for part in numbering) and report.get("published"):
        return data_iri("report", *numbering, report["published"])
    if report.get("sha256"):
        return data_iri("report", "sha256", report["sha256"])
    if _file_name(report):
        return data_iri("report", "file", _file_name(report))
    raise KgError("a report needs its numbering (series, issue_no, total_issue_no and published), "
                  "a sha256 or a file name to be given an IRI")


def _file_name(report):
    source = report.get("path") or report.get("file")
    return PurePath(source).name if source else None


# Building an rdflib Literal costs several microseconds (it parses and normalises its lexical form), and a report
# writes the same names, numbers and dates many times; the terms of such small values are kept. The text of an
# item or of a piece of evidence is not: it is seldom written twice. (typed: 1 and True are different terms.)
_TERM_CACHE = 8192


@lru_cache(maxsize=_TERM_CACHE, typed=True)
def _label(text):
    return Literal(text, lang=LABEL_LANGUAGE) if text else None


def _string(text):
    return Literal(str(text)) if text not in (None, "") else None


@lru_cache(maxsize=_TERM_CACHE, typed=True)
def _word(text):
    """_string for the short values written again and again: kinds, levels, units, precisions, headings."""
    return _string(text)


@lru_cache(maxsize=_TERM_CACHE, typed=True)
def _integer(value):
    return None if value is None else Literal(int(value), datatype=XSD.integer)


@lru_cache(maxsize=_TERM_CACHE, typed=True)
def _decimal(value):
    """An xsd:decimal in canonical form (790.0, 98.5), so the same number is the same term after any round trip."""
    if value is None:
        return None
    number = Decimal(str(value))
    if number == number.to_integral_value():
        lexical = f"{int(number)}.0"
    else:
        lexical = format(number.normalize(), "f")
    return Literal(lexical, datatype=XSD.decimal)


@lru_cache(maxsize=_TERM_CACHE, typed=True)
def _boolean(value):
    return None if value is None else Literal(bool(value), datatype=XSD.boolean)


@lru_cache(maxsize=_TERM_CACHE, typed=True)
def _date(value):
    return Literal(value, datatype=XSD.date) if value else None


_YEAR_MONTH = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")


def _months(start, end):
    """The months (YYYY-MM) that have days in the interval from `start` to `end`, ISO dates of which either may be
    missing: every month from the earlier to the later, or the month of the one given."""
    found = [(int(m[1]), int(m[2])) for m in (_YEAR_MONTH.match(str(day)) for day in (start, end) if day) if m]
    if not found:
        return []
    (year, month), last = min(found), max(found)
    months = []
    while (year, month) <= last:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _names(values):
    """The non-empty names of a list; an empty name cannot be keyed."""
    return [v for v in values or [] if v]


def _has_days(date):
    return bool(date) and bool(date.get("start") or date.get("end"))


def _node(write):
    """A node writer that writes its node once per report and after that only returns the IRI.

    A report names the same bodies, persons and dates over and over; adding their triples again would leave the
    graph as it is and cost the IRI hash and the terms each time. The writer's arguments are the node's key.
    """
    @wraps(write)
    def once(self, *key):
        written = self.nodes.setdefault(write.__name__, {})
        if key not in written:
            written[key] = write(self, *key)
        return written[key]
    return once


class _ReportWriter:
    """Writes the triples of one report; holds the per-report lookups (items by index, persons by name)."""

    def __init__(self, graph, report, org_info):
        self.graph = graph
        self.report = report
        self.org_info = org_info
        self.iri = report_iri(report)
        self.items = list(report.get("items") or [])
        self.item_indexes = [item.get("index", position) for position, item in enumerate(self.items)]
        self.item_iris = [data_iri("item", self.iri, index) for index in self.item_indexes]
        self.by_index = {index: position for position, index in enumerate(self.item_indexes)}
        self.enriched = set()
        self.nodes = {}  # writer name -> key -> IRI of the nodes written so far (see _node)
        self.period = report.get("period") or {}
        self.people = self._people()
        self.visits_by_item = self._visits_by_item()

    def add(self, subject, predicate, obj):
        if obj is not None:
            self.graph.add((subject, predicate, obj))

    # --- the report and its items -------------------------------------------------------------------------------

    def write(self):
        self.write_report()
        for position, item in enumerate(self.items):
            self.write_item(position, item)
        for position, visits in self.visits_by_item.items():
            for visit in visits:
                self.write_visit(position, visit)
        for statistic in self.report.get("statistics") or []:
            self.write_statistic(statistic)

    def write_report(self):
        r, report = self.iri, self.report
        self.add(r, RDF.type, KG.Report)
        self.add(r, KG.series, _word(report.get("series")))
        self.add(r, KG.issueNo, _integer(report.get("issue_no")))
        self.add(r, KG.totalIssueNo, _integer(report.get("total_issue_no")))
        self.add(r, DCTERMS.issued, _date(report.get("published")))
        self.add(r, KG.period, self.interval(self.period))
        if report.get("publisher"):
            self.add(r, DCTERMS.publisher, self.organization(report["publisher"]))
        self.add(r, KG.copiesPrinted, _integer(report.get("copies_printed")))
        self.add(r, KG.sourceFile, _string(_file_name(report)))
        self.add(r, KG.sha256, _string(report.get("sha256")))

    def write_item(self, position, item):
        i = self.item_iris[position]
        self.add(i, RDF.type, KG.Item)
        self.add(i, DCTERMS.isPartOf, self.iri)
        self.add(i, KG.index, _integer(self.item_indexes[position]))
        self.add(i, KG.section, _word(item.get("section")))
        self.add(i, KG.subsection, _word(item.get("subsection")))
        self.add(i, KG.marker, _word(item.get("marker")))
        self.add(i, KG.text, _string(item.get("text")))
        self.span(i, item.get("span"))

        event_class = codes().get(item.get("event_type"), _DEFAULT_EVENT_CLASS)
        if event_class == KG.Visit and self.visits_by_item.get(position):
            pass  # the item's events are its visits, one per visiting person (write_visit)
        else:
            event = data_iri("event", self.iri, self.item_indexes[position])
            self.add(event, RDF.type, event_class)
            # a Visit must have a date (ontology/shapes.ttl): an undated visit item takes the report period
            date = self.visit_date(item, {}) if event_class == KG.Visit else item.get("date")
            self.add(event, KG.date, self.interval(date))
            self.describe_event(event, event_class, item, i, own_visitor=None)

        for person in self.named(item.get("persons")):
            self.write_memberships(person["name"], person.get("organization"), person.get("titles"), i,
                                   self.observed(position, item, person))

    def describe_event(self, event, event_class, item, item_iri, own_visitor, others_bodies=frozenset()):
        """What every event of an item says: source, actors, mentioned bodies, persons, programs, documents, places.

        `others_bodies`: the bodies of the item's other visitors, which act in their own visits, not in this one."""
        self.add(event, PROV.wasDerivedFrom, item_iri)
        for name in _names(item.get("actors")):
            if name not in others_bodies:
                self.add(event, KG.actor, self.organization(name))
        for name in _names(item.get("implicit_actors")):
            self.add(event, KG.implicitActor, self.organization(name))
        for name in _names(item.get("organizations")):
            self.add(event, KG.mentions, self.organization(name))
        for person in self.named(item.get("persons")):
            prop = codes().get(person.get("role"), KG.participant)
            if prop == KG.visitor and own_visitor is not None:
                continue  # each visiting person has a Visit of their own
            if prop == KG.visitor and event_class != KG.Visit:
                prop = KG.participant  # kg:visitor is only said of a Visit
            self.add(event, prop, self.person(person["name"], person.get("organization")))
        for name in _names(item.get("programs")):
            self.add(event, KG.program, self.program(name))
        for title in _names(item.get("documents")):
            self.add(event, KG.document, self.document(title))
        for name in _names(item.get("places")):
            self.add(event, KG.place, self.place(name))

    # --- visits, memberships, statistics ------------------------------------------------------------------------

    def write_visit(self, position, visit):
        """One Visit per visiting person. A visit whose item cannot be found keeps no source (the shapes flag it)."""
        found = position is not None
        item = self.items[position] if found else {}
        source = self.item_iris[position] if found else self.iri
        visitor = self.person(visit["person"], visit.get("organization"))
        date = self.visit_date(item, visit)
        v = data_iri("visit", source, visitor, (date or {}).get("start"), (date or {}).get("end"))
        self.add(v, RDF.type, KG.Visit)
        self.add(v, KG.visitor, visitor)
        if visit.get("organization"):
            self.add(v, KG.visitorOrganization, self.organization(visit["organization"]))
        self.add(v, KG.date, self.interval(date))
        self.add(v, KG.target, _string(visit.get("target")))
        self.add(v, KG.purpose, _word(visit.get("purpose")))
        for name in _names(visit.get("accompanied_by")):
            self.add(v, KG.accompaniedBy, self.person(name, self.people.get(name)))
        self.evidence(v, visit.get("evidence"), item)
        if not found:
            return
        if codes().get(item.get("event_type")) == KG.Visit:
            # 张三（商务厅）和李四（公安厅）到大厅…: 商务厅 is an actor of 张三's visit, not of 李四's.
            others_bodies = {other.get("organization") for other in self.visits_by_item[position]}
            others_bodies.discard(visit.get("organization"))
            self.describe_event(v, KG.Visit, item, source, own_visitor=visitor, others_bodies=others_bodies)
        else:
            self.add(v, PROV.wasDerivedFrom, source)
        self.write_memberships(visit["person"], visit.get("organization"), visit.get("titles"), source, date)

    def write_memberships(self, name, organization, titles, item_iri, date):
        """One org:Membership per title the person is written with, observed on `date`.

        A membership is keyed by person, organization, title and date, so the same observation in a weekly and a
        monthly report is one node with both items as sources. For that reason it carries no evidence span of its
        own (a span is an offset into one file): its evidence is the text and span of its items.
        """
        titles = _names(titles)
        if not titles and not organization:
            return
        member = self.person(name, organization)
        when = self.interval(date)
        start, end = (date or {}).get("start"), (date or {}).get("end")
        for title in titles or [None]:
            m = data_iri("membership", member, organization, title, start, end)
            self.add(m, RDF.type, ORG.Membership)
            self.add(m, ORG.member, member)
            if organization:
                self.add(m, ORG.organization, self.organization(organization))
            if title:
                self.add(m, ORG.role, self.role(title))
            self.add(m, ORG.memberDuring, when)
            self.add(m, PROV.wasDerivedFrom, item_iri)

    def write_statistic(self, statistic):
        position = self.statistic_item(statistic)
        source = self.item_iris[position] if position is not None else self.iri
        period = statistic.get("period") or {}
        value = _decimal(statistic.get("value"))  # keyed by the canonical number: 790 and 790.0 are one figure
        s = data_iri("statistic", source, statistic.get("metric"), value, period.get("start"), period.get("end"),
                     statistic.get("scope"), statistic.get("unit"))
        self.add(s, RDF.type, KG.Statistic)
        if position is not None:
            self.add(s, PROV.wasDerivedFrom, source)
        self.add(s, KG.metric, _word(statistic.get("metric")))
        self.add(s, KG.value, value)
        self.add(s, KG.unit, _word(statistic.get("unit")))
        self.add(s, KG.period, self.interval(period))
        self.add(s, KG.cumulative, _boolean(statistic.get("cumulative")))
        self.add(s, KG.scope, _word(statistic.get("scope")))
        self.add(s, KG.surface, _string(statistic.get("surface")))
        self.evidence(s, statistic.get("evidence"), self.items[position] if position is not None else {})

    # --- which item a fact came from, and when ------------------------------------------------------------------

    def _visits_by_item(self):
        by_item = {}  # position -> visits; None for visits whose item cannot be found
        for visit in self.named(self.report.get("visits"), key="person"):
            by_item.setdefault(self.visit_item(visit), []).append(visit)
        return by_item

    def visit_item(self, visit):
        """The position of the item a visit was read from: its `item` key, else the item that names the visitor."""
        if visit.get("item") is not None:
            return self.by_index.get(visit["item"])
        name = visit["person"]
        tests = (
            lambda item: any(p.get("name") == name and p.get("role") == "visitor" for p in item.get("persons") or []),
            lambda item: any(p.get("name") == name for p in item.get("persons") or []),
            lambda item: name in (item.get("text") or ""),
        )
        for test in tests:
            for position, item in enumerate(self.items):
                if test(item):
                    return position
        return None

    def statistic_item(self, statistic):
        """The position of the item a figure was read from: its `item` key, else the item whose text holds it."""
        if statistic.get("item") is not None:
            return self.by_index.get(statistic["item"])
        surface = statistic.get("surface")
        for position, item in enumerate(self.items):
            if surface and surface in (item.get("text") or ""):
                return position
        return None

    def visit_date(self, item, visit):
        for date in (visit.get("date"), item.get("date")):
            if _has_days(date):
                return date
        return visit.get("date") or item.get("date") or self.period or None

    def observed(self, position, item, person):
        """When a person's titles are observed: their visit's date, else the item's date, else the report period."""
        for visit in self.visits_by_item.get(position, []):
            if visit["person"] == person["name"]:
                return self.visit_date(item, visit)
        date = item.get("date")
        return date if _has_days(date) else (self.period or None)

    def _people(self):
        """Name -> organization of every person the report names, for resolving accompanied_by names."""
        people = {}
        for item in self.items:
            for person in self.named(item.get("persons")):
                people.setdefault(person["name"], person.get("organization"))
        for visit in self.named(self.report.get("visits"), key="person"):
            people.setdefault(visit["person"], visit.get("organization"))
        return people

    @staticmethod
    def named(records, key="name"):
        """The records that name someone; a person without a name cannot be keyed and is left out."""
        return [r for r in records or [] if r.get(key)]

    # --- nodes ---------------------------------------------------------------------------------------------------

    def interval(self, date):
        """The DateInterval node of a date object {start, end, precision, surface}, or None when it is empty."""
        if not date:
            return None
        parts = (date.get("start"), date.get("end"), date.get("precision"), date.get("surface"))
        if not any(parts):
            return None
        return self.interval_node(*parts)

    @_node
    def interval_node(self, start, end, precision, surface):
        d = data_iri("interval", start, end, precision, surface)
        self.add(d, RDF.type, KG.DateInterval)
        self.add(d, KG.startDate, _date(start))
        self.add(d, KG.endDate, _date(end))
        self.add(d, KG.precision, _word(precision))
        self.add(d, KG.surface, _word(surface))
        for month in _months(start, end):
            self.add(d, KG.inMonth, self.calendar_month(month))
        return d

    @_node
    def calendar_month(self, year_month):
        m = data_iri("month", year_month)
        self.add(m, RDF.type, KG.CalendarMonth)
        self.add(m, KG.yearMonth, _word(year_month))
        return m

    @_node
    def organization(self, name):
        o = data_iri("org", name)
        self.add(o, RDF.type, ORG.Organization)
        self.add(o, SKOS.prefLabel, _label(name))
        if self.org_info is not None and o not in self.enriched:
            self.enriched.add(o)  # before recursing, so a parent cycle in the gazetteer ends
            info = self.org_info(name) or {}
            self.add(o, KG.kind, _word(info.get("kind")))
            self.add(o, KG.level, _word(info.get("level")))
            for alias in info.get("aliases") or []:
                if alias != name:
                    self.add(o, SKOS.altLabel, _label(alias))
            if info.get("parent") and info["parent"] != name:
                self.add(o, ORG.subOrganizationOf, self.organization(info["parent"]))
        return o

    @_node
    def person(self, name, organization):
        p = data_iri("person", name, organization)
        self.add(p, RDF.type, FOAF.Person)
        self.add(p, FOAF.name, _label(name))
        return p

    @_node
    def role(self, title):
        r = data_iri("role", title)
        self.add(r, RDF.type, ORG.Role)
        self.add(r, SKOS.prefLabel, _label(title))
        return r

    @_node
    def program(self, name):
        p = data_iri("program", name)
        self.add(p, RDF.type, KG.Program)
        self.add(p, SKOS.prefLabel, _label(name))
        self.add(p, SKOS.inScheme, KG.ProgramScheme)
        self.add(KG.ProgramScheme, RDF.type, SKOS.ConceptScheme)
        return p

    @_node
    def document(self, title):
        d = data_iri("document", title)
        self.add(d, RDF.type, KG.Document)
        self.add(d, DCTERMS.title, _label(title))
        return d

    @_node
    def place(self, name):
        p = data_iri("place", name)
        self.add(p, RDF.type, KG.Place)
        self.add(p, SKOS.prefLabel, _label(name))
        return p

    def span(self, node, span):
        if span:
            self.add(node, KG.spanStart, _integer(span.get("start")))
            self.add(node, KG.spanEnd, _integer(span.get("end")))

    def evidence(self, node, evidence, item):
        """The evidence sentence and its span in the source file, when the extractor gives them.

        A span that does not lie inside its item's span cannot be an offset into the source file (it is, say,
        relative to the item's text), so it is left out rather than written as a wrong pointer.
        """
        if not evidence:
            return
        self.add(node, KG.text, _string(evidence.get("text")))
        start, end, outer = evidence.get("start"), evidence.get("end"), item.get("span")
        if start is None or end is None:
            return
        if outer and not (outer.get("start", 0) <= start <= end <= outer.get("end", end)):
            return
        self.span(node, evidence)

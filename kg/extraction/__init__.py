"""Parsed report -> extracted facts: for each item the organizations, actors, persons, programs, documents,
places and event type; for the report its visits and statistics. The output is the report shape of
../shared/gold/README.md, each fact with the evidence span it came from.

`extract_report(report)` is the one entry point; the finders live in the modules beside this one.
"""
import re
from bisect import bisect_left
from functools import lru_cache

from kg import gazetteer
from kg.extraction import event_model
from kg.extraction.events import actors, event_type, own_windows, person_role, visits
from kg.extraction.organizations import CENTRAL_TEAM, STATIONED_GROUP, TEAM_WORDS, OrganizationFinder
from kg.extraction.persons import PersonFinder
from kg.extraction.places import PlaceFinder
from kg.extraction.programs import ProgramFinder, documents
from kg.extraction.statistics import TABLE_HEAD, find_statistics, holds_figures


class Extractor:
    """The finders, built once from the gazetteer, and the event-type model (None: the rules' types are reported)."""

    def __init__(self, gaz, event_types=None):
        self.gaz = gaz
        self.event_types = event_types  # an EventTypeModel, or None for the rules' types alone
        self.orgs = OrganizationFinder(gaz)
        self.persons = PersonFinder(gaz)
        self.programs = ProgramFinder(gaz)
        self.places = PlaceFinder(gaz)

    def publisher_name(self, report):
        if report.publisher:
            return self.gaz.canonical_org(report.publisher) or report.publisher
        return None

    def item_facts(self, report, item, evidence, has_figures, teams=None):
        """The facts of one item, its persons and the rules' event type; `teams` maps 督查组, 纪检监察组 … to the
        team so named that the report named last before it (a bare 督查组 means it)."""
        text = item.text
        places_written = self.places.written(text)  # scanned once, for the places and to spare the local bodies
        org_mentions = self.orgs.find(text, places_written=bool(places_written), teams=teams or {})
        persons = self.persons.find(text, org_mentions)
        for o in org_mentions:
            o.in_title = any(o in p.org_mentions for p in persons)
        event = event_type(item, text, has_figures, org_mentions)
        for p in persons:
            p.role = person_role(text, p, event)
        own_windows(text, persons, org_mentions)
        programs, rejected = self.programs.find(text, unquoted=event != "statistics")
        facts = {
            **item.to_dict(),
            "organizations": _unique(o.name for o in org_mentions),
            "actors": actors(text, org_mentions, persons, event),
            "implicit_actors": [],
            "persons": [{**p.to_dict(), "evidence": evidence(p.start, p.end)} for p in persons],
            "programs": programs,
            "rejected_quotes": rejected,
            "documents": documents(text),
            "event_type": event,
            "places": self.places.find(text, org_mentions, places_written, [p.name for p in persons]),
            "mentions": [{"name": o.name, "surface": o.surface, "kind": o.kind, "level": o.level,
                          "department": o.department, **evidence(o.start, o.end)} for o in org_mentions],
        }
        if not facts["actors"] and event not in ("statistics",) and not persons:
            publisher = self.publisher_name(report)
            if publisher:
                facts["implicit_actors"] = [publisher]
        if self.event_types:  # the reported type; the rules' type above has steered roles, actors and statistics
            facts["event_type"] = self.event_types.predict(event_model.features(facts, has_figures)) or event
        return facts, persons, event

    def extract(self, report):
        items, all_visits, stats = [], [], []
        teams = {}  # the team the report named last, by the word that ends its name (督查组, 纪检监察组 …)
        for item in report.items:
            evidence = Evidence(item)
            has_figures = holds_figures(item.text)
            facts, persons, event = self.item_facts(report, item, evidence, has_figures, teams)
            items.append(facts)
            for name in facts["organizations"]:
                if CENTRAL_TEAM.fullmatch(name) or STATIONED_GROUP.fullmatch(name):
                    teams[next(word for word in TEAM_WORDS if name.endswith(word))] = name
            for visit in visits(item, item.text, persons, item.date):
                visit["evidence"] = evidence(visit["evidence"]["start"], visit["evidence"]["end"])
                all_visits.append(visit)
            table = TABLE_HEAD in item.text  # a flattened table's cells, told apart by the source's whitespace
            if not has_figures and not table:
                continue  # no figure, no statistics
            gaps = item.para.gaps() if table else ()
            for stat in find_statistics(item.text, item.date, report.period, report.monthly,
                                        event == "statistics", item.section, item.subsection, gaps):
                stat["item"] = item.index
                stat["evidence"] = evidence(stat["evidence"]["start"], stat["evidence"]["end"])
                stats.append(stat)
        out = report.to_dict(items)
        out["publisher"] = self.publisher_name(report)
        out["visits"] = all_visits
        out["statistics"] = stats
        return out


SENTENCE_STOP = re.compile(r"[。；;！？]")


class Evidence:
    """Where the facts of one item came from: `evidence(start, end)` gives a fact's characters as source-file
    offsets, and the clean sentence around them (from the stop before `start` to the stop at or after `end`).

    The item's sentence stops are found once, for all its facts, rather than searched for again per fact.
    """

    def __init__(self, item):
        self.item = item
        self.stops = [m.start() for m in SENTENCE_STOP.finditer(item.text)]

    def __call__(self, start, end):
        text, stops = self.item.text, self.stops
        before = bisect_left(stops, start)  # the stops left of `start`
        left = stops[before - 1] + 1 if before else 0
        after = bisect_left(stops, end)     # the first stop at or after `end`
        right = stops[after] + 1 if after < len(stops) else len(text)
        span = self.item.para.span(start, end) or (None, None)
        return {"start": span[0], "end": span[1], "text": text[left:right]}


def _unique(values):
    out = []
    for v in values:
        if v and v not in out:
            out.append(v)
    return out


@lru_cache(maxsize=1)
def default_extractor():
    return Extractor(gazetteer.load(), event_model.load())


def extract_report(report):
    """Extract the facts of one parsing.Report into a dict in the gold report shape."""
    return default_extractor().extract(report)

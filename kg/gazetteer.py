"""Domain vocabularies kept as data in ontology/gazetteer/: organizations, titles, programs, places, surnames.

`load()` returns one cached Gazetteer; lookups go through its indexes, never through strings in code.
"""
import json
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources

PROVINCE = "四川省"
# Prefixes a short form may carry in the bulletins: 省商务厅, 四川商务厅, 四川省商务厅 all name one body.
_PROVINCE_PREFIXES = ("四川省", "四川", "省")


def _read(name):
    return json.loads(resources.files("kg.ontology").joinpath("gazetteer", name).read_text(encoding="utf-8"))


@dataclass
class Organization:
    name: str
    kind: str = "government"
    level: str = "provincial"
    category: str = None
    parent: str = None
    aliases: list = field(default_factory=list)
    former: list = field(default_factory=list)
    strip_prefix: bool = True  # may 商务厅 stand for 四川省商务厅? No for generic words (人民医院, 政务服务中心)
    successor: str = None      # for a former name: the body it became
    until: int = None          # for a former name: the year it was renamed or merged

    def info(self):
        return {"kind": self.kind, "level": self.level, "parent": self.parent, "aliases": list(self.aliases),
                "successor": self.successor, "until": self.until}


class Gazetteer:
    """Indexes over the vocabularies: surface form -> organization, title list, programs, places, surnames."""

    def __init__(self, organizations, titles, programs, places, surnames, body_words=None, not_orgs=None):
        self.organizations = {}
        self.org_by_surface = {}
        for entry in organizations:
            org = Organization(name=entry["name"], kind=entry.get("kind") or "government",
                               level=entry.get("level") or "provincial", category=entry.get("category"),
                               parent=entry.get("parent"), aliases=list(entry.get("aliases", [])),
                               former=list(entry.get("former", [])),
                               strip_prefix=entry.get("strip_prefix", True))
            self.organizations[org.name] = org
            # A former name is a body of its own time (a 2021 bulletin names 四川省扶贫开发局, not its successor);
            # the graph links it to what it became.
            for old in org.former:
                self.organizations.setdefault(old["name"], Organization(
                    name=old["name"], kind=org.kind, level=org.level, category=org.category, parent=org.parent,
                    aliases=list(old.get("aliases", [])), strip_prefix=org.strip_prefix,
                    successor=org.name, until=old.get("until")))
        for org in self.organizations.values():
            for surface in self._surfaces(org):
                self.org_by_surface.setdefault(surface, org.name)
        self.titles = sorted(set(titles["titles"]), key=len, reverse=True)
        self.programs = {}
        self.unquoted_programs = set()  # names that count as programs even without quotation marks
        self.label_programs = set()  # ...but only where they label their item, as a heading does (综窗改革。…)
        for p in programs["programs"]:
            quoted_aliases = list(p.get("quoted_aliases", []))
            for surface in [p["name"]] + list(p.get("aliases", [])) + quoted_aliases:
                self.programs.setdefault(surface, p["name"])
            if p.get("quoted_only"):
                continue
            if p.get("label_only"):
                self.label_programs.add(p["name"])
            # An alias that holds the name is left to the name: unquoted, 政务服务增值化改革 is written down as
            # 增值化改革 (放管服改革 as 放管服).
            self.unquoted_programs.update(
                [p["name"]] + [alias for alias in p.get("aliases", []) if p["name"] not in alias])
        self.program_heads = sorted(programs.get("head_nouns", []), key=len, reverse=True)
        self.not_programs = set(programs.get("not_programs", []))
        self.places = {}
        self.place_parent = {}
        self.prefecture_full = {}
        for pref in places.get("prefectures", []):
            self._add_city(pref["name"], pref.get("short"))
            if (pref.get("short") or "").endswith("州"):  # its homophone typo: 阿坝洲 for 阿坝州
                self._add_city(pref["name"], pref["short"][:-1] + "洲")
            for county in pref.get("counties", []):
                self._add_place(county, "county")
                self.place_parent[county] = pref["name"]
        for prov in places.get("provinces", []):
            names = [prov] if isinstance(prov, str) else [prov["name"]] + list(prov.get("aliases", [])) + (
                [prov["short"]] if prov.get("short") else [])
            for name in names:
                self._add_place(name, "province")
            for county in prov.get("counties", []) if isinstance(prov, dict) else ():  # 重庆市's districts
                self._add_place(county, "county")
                self.place_parent[county] = prov["name"]
            for city in prov.get("cities", []) if isinstance(prov, dict) else ():  # 广州市, 遵义市: read as ours are
                self._add_city(city["name"], city.get("short"))
        for region in places.get("regions", []):
            self._add_place(region if isinstance(region, str) else region["name"], "region")
        for feature in places.get("features", []):
            self._add_place(feature, "feature")
        # Foreign countries: every written form -> the formal name (德国 -> 德意志联邦共和国).
        self.countries = {}
        for country in places.get("countries", []):
            for form in [country["name"], country.get("short")] + list(country.get("aliases", [])):
                if form:
                    self.countries[form] = country["name"]
                    self._add_place(form, "country")
        self.county_full = {}  # a county's short form -> its full name (苍溪 -> 苍溪县)
        for short, county in places.get("county_aliases", {}).items():
            if county in self.place_parent and short not in self.places:
                self._add_place(short, "county")
                self.place_parent[short] = self.place_parent[county]
                self.county_full[short] = county
        for old in places.get("former_counties", []):
            self._add_place(old["name"], "county")
        self.not_places = set(places.get("not_places", []))
        # County names that hide inside ordinary words (高县 in 提高县级): a place only right after its city.
        self.ambiguous_places = set(places.get("ambiguous", []))
        self.surnames = surnames
        # City and county body words (文广旅局 -> 文化广播电视和旅游局) and words that only look like bodies (民政部门).
        self.body_words = dict(body_words or {})
        self.not_orgs = list((not_orgs or {}).get("not_orgs", []))

    def _add_city(self, name, short):
        """A prefecture-level city (ours, or another province's) and its short form, which reads as the full name."""
        self._add_place(name, "prefecture")
        if short:
            self._add_place(short, "prefecture")
            self.prefecture_full[short] = name

    def _add_place(self, name, kind):
        if name and len(name) >= 2:
            self.places.setdefault(name, kind)

    @staticmethod
    def _surfaces(org):
        """Every surface form of an organization: name, aliases, former names, each with and without 省/四川省."""
        forms = [org.name] + org.aliases
        out = []
        for form in forms:
            out.append(form)
            if org.level == "provincial" and org.strip_prefix:
                for prefix in _PROVINCE_PREFIXES:
                    if form.startswith(prefix) and len(form) - len(prefix) >= 3:
                        out.append(form[len(prefix):])
                bare = form
                for prefix in _PROVINCE_PREFIXES:
                    if bare.startswith(prefix):
                        bare = bare[len(prefix):]
                        break
                if len(bare) >= 3:
                    out.extend(prefix + bare for prefix in _PROVINCE_PREFIXES)
        return [f for f in out if len(f) >= 2]

    def org(self, name):
        return self.organizations.get(name)

    def canonical_org(self, surface):
        return self.org_by_surface.get(surface)

    def local_place_at(self, text, pos):
        """Whether a county's or a prefecture's name of three to five characters starts at `pos` (长宁县: the 长 that
        ends 宜宾市长宁县 is no 市长's)."""
        return any(self.places.get(text[pos:pos + n]) in ("county", "prefecture") for n in (3, 4, 5))

    def org_info(self, name):
        org = self.organizations.get(name)
        return org.info() if org else None

    @cached_property
    def org_pattern(self):
        return alternation(self.org_by_surface)

    @cached_property
    def title_pattern(self):
        return alternation(self.titles)

    @cached_property
    def place_pattern(self):
        return alternation(self.places)

    @cached_property
    def program_pattern(self):
        """Program names that count when written without quotation marks."""
        return alternation(self.unquoted_programs)


def alternation(words):
    """A regex that matches any of `words`, the longest at the leftmost position.

    Built from a prefix tree rather than a flat `a|b|c` list: with two thousand names the flat list makes
    the regex engine try every name at every position, the tree only the names that share what it has read.
    Inside a longer pattern it backtracks like the flat list sorted longest first: the words that fit at a
    position are prefixes of one another, and the tree tries them from the longest down.
    """
    words = sorted({w for w in words if w})
    if not words:
        return re.compile(r"(?!x)x")
    trie = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return re.compile(_trie_pattern(trie))


def _trie_pattern(node):
    """Regex for a prefix-tree node; longer continuations are tried before the word that ends here."""
    branches = [re.escape(ch) + _trie_pattern(child) for ch, child in sorted(node.items()) if ch]
    ends_here = "" in node
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends_here:
        return f"(?:{body})?" if len(branches) > 1 or len(body) > 1 else f"{body}?"
    return body


@lru_cache(maxsize=1)
def load():
    """The Gazetteer built from the data files shipped in kg.ontology/gazetteer."""
    return Gazetteer(_read("organizations.json"), _read("titles.json"), _read("programs.json"),
                     _read("places.json"), _read("surnames.json"), _read("body_words.json"), _read("not_orgs.json"))

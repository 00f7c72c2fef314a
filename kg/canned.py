"""Canned queries: queries/NAME.rq (SPARQL) and queries/NAME.cypher, loaded by name, run with bound parameters.

(The module is kg.canned because kg.queries is the data package of the query files, queries/.)

    query = get("who-visited")
    result = run(query, store, {"dept": "商务厅"})     # store: any kg.store.GraphStore
    result.rows[0]["date"]                            # {"start": "2023-03-15", "end": "2023-03-15", "precision": "day"}

Each file starts with the same header, in comments (`#` in .rq, `//` in .cypher):

    title: Who visited
    description: ... (continued on lines indented by two spaces)
    param dept (string): the department, by its name or any alias
    param from (date, default 0001-01-01): only visits that end on or after this day
    returns: person, titles[], organization, date{start,end,precision}, purpose, report, evidence

`returns` is the contract both files keep, so both stores give the same rows: `titles[]` is a list (SPARQL gives
it as GROUP_CONCAT with LIST_SEPARATOR, Cypher as a list; both come out sorted), `date{start,end}` an object
(SPARQL gives ?date_start and ?date_end, Cypher a map). Parameters are bound, never written into the text as it
comes: Cypher takes `$dept`; SPARQL gets `?dept` (and `?dept_label`, the same name tagged @zh) in a VALUES block
that opens the WHERE, each value written as an escaped RDF term (see with_values). A .rq projects its parameters
first; those columns are dropped here. A parameter with a default is optional; defaults are values, not absent, so
that both languages filter the same way.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from importlib.resources import files

from rdflib import Literal

from kg.errors import QueryError
from kg.loaders.triples import LABEL_LANGUAGE
from kg.store import QueryResult, oxigraph_term

#: Separator of GROUP_CONCAT lists in the .rq files (no name or title contains it).
LIST_SEPARATOR = "|"
#: File suffix per query language.
SUFFIXES = {"sparql": ".rq", "cypher": ".cypher"}
_COMMENT = {"sparql": "#", "cypher": "//"}
_PARAM = re.compile(r"^(?P<name>[a-z][a-z_]*)\s*\((?P<type>string|date)(?:,\s*default\s+(?P<default>[^)]*))?\)\s*:"
                    r"\s*(?P<text>.*)$")
#: A line of a .rq that opens a group and ends in this comment gets the parameters' VALUES block (with_values).
PARAMETERS_MARK = "# parameters"
_MARKED_GROUP = re.compile(r"\{[ \t]*" + re.escape(PARAMETERS_MARK) + r"[ \t]*$", re.MULTILINE)
_COLUMN = re.compile(r"^(?P<name>[a-z][a-z_]*)(?:(?P<list>\[\])|\{(?P<keys>[a-z_,\s]+)\})?$")
PARAM_TYPES = ("string", "date")


@dataclass(frozen=True)
class Param:
    name: str
    type: str = "string"
    default: object = None    # None: required
    description: str = ""

    @property
    def required(self):
        return self.default is None

    def convert(self, text):
        """The value of `--param name=text`, checked against the type."""
        if self.type == "date":
            try:
                return datetime.date.fromisoformat(str(text).strip())
            except ValueError:
                raise QueryError(f"parameter {self.name}: {text!r} is not a date (YYYY-MM-DD)") from None
        return str(text)


@dataclass(frozen=True)
class Column:
    name: str
    kind: str = "value"       # "value", "list" or "object"
    keys: tuple = ()          # an object's keys


@dataclass
class CannedQuery:
    name: str
    title: str
    description: str
    params: list
    columns: list
    texts: dict = field(default_factory=dict)   # language -> query text

    def text(self, language):
        if language not in self.texts:
            raise QueryError(f"query {self.name} has no {SUFFIXES.get(language, language)} file")
        return self.texts[language]

    def bind(self, values: dict) -> dict:
        """Parameter values from text (as --param gives them), with defaults; unknown or missing ones refused."""
        known = {p.name: p for p in self.params}
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise QueryError(f"query {self.name} has no parameter {', '.join(unknown)}; "
                             f"it takes: {', '.join(known) or 'none'}")
        bound = {}
        for p in self.params:
            given = values.get(p.name)
            if given is None or given == "":
                if p.required:
                    raise QueryError(f"query {self.name} needs --param {p.name}=... ({p.description})")
                bound[p.name] = p.default
            else:
                bound[p.name] = p.convert(given)
        return bound


# --- reading the query files ----------------------------------------------------------------------------------

def parse_header(text: str, language: str) -> dict:
    """The header fields of a query file: title, description, params (list of Param) and returns (list of Column)."""
    mark = _COMMENT[language]
    fields, last = {"param": []}, None
    for line in text.splitlines():
        if not line.startswith(mark):
            if line.strip():
                break
            continue
        body = line[len(mark):]
        if body.startswith("   ") and last:          # a continuation line: more of the previous field
            if last == "param":
                fields["param"][-1] += " " + body.strip()
            else:
                fields[last] += " " + body.strip()
            continue
        key, sep, value = body.strip().partition(":")
        key = key.split()[0] if key.strip() else ""
        if key == "param":
            fields["param"].append(body.strip()[len("param"):].strip())
            last = "param"
        elif sep and key in ("title", "description", "returns"):
            fields[key] = value.strip()
            last = key
    missing = [k for k in ("title", "description", "returns") if not fields.get(k)]
    if missing:
        raise QueryError(f"query header lacks {', '.join(missing)}")
    return {"title": fields["title"], "description": fields["description"],
            "params": [_param(p) for p in fields["param"]], "returns": _columns(fields["returns"])}


def _param(text):
    m = _PARAM.match(text)
    if not m:
        raise QueryError(f"bad parameter line {text!r}: write `param NAME (string|date[, default VALUE]): what`")
    p = Param(m["name"], m["type"], None, m["text"].strip())
    if m["default"] is not None:
        default = m["default"].strip()
        p = Param(p.name, p.type, "" if default == '""' else p.convert(default), p.description)
    return p


def _columns(text):
    columns = []
    for part in re.split(r",\s*(?![^{]*\})", text):
        m = _COLUMN.match(part.strip())
        if not m:
            raise QueryError(f"bad column {part!r} in returns")
        if m["list"]:
            columns.append(Column(m["name"], "list"))
        elif m["keys"]:
            columns.append(Column(m["name"], "object", tuple(k.strip() for k in m["keys"].split(","))))
        else:
            columns.append(Column(m["name"]))
    return columns


def _folder():
    return files("kg.queries")


def names() -> list:
    """The names of the canned queries: every queries/*.rq or *.cypher file, sorted."""
    found = set()
    for entry in _folder().iterdir():
        for suffix in SUFFIXES.values():
            if entry.name.endswith(suffix):
                found.add(entry.name[:-len(suffix)])
    return sorted(found)


def get(name: str) -> CannedQuery:
    """The canned query called `name`, from its .rq and .cypher files (which must agree on the header)."""
    texts, headers = {}, {}
    for language, suffix in SUFFIXES.items():
        entry = _folder().joinpath(name + suffix)
        if entry.is_file():
            texts[language] = entry.read_text(encoding="utf-8")
            try:
                headers[language] = parse_header(texts[language], language)
            except QueryError as e:
                raise QueryError(f"queries/{name}{suffix}: {e}") from None
    if not texts:
        raise QueryError(f"no canned query called {name!r}; see kg query --list")
    first, *others = headers.values()
    for other in others:
        if other != first:
            raise QueryError(f"queries/{name}.rq and queries/{name}.cypher have different headers")
    return CannedQuery(name, first["title"], first["description"], first["params"], first["returns"], texts)


def catalog() -> list:
    """Every canned query, by name."""
    return [get(name) for name in names()]


# --- running --------------------------------------------------------------------------------------------------

def run(query: CannedQuery | str, store, params: dict | None = None) -> QueryResult:
    """Run a canned query on a store with parameters given as text; rows shaped by the query's `returns`."""
    query = get(query) if isinstance(query, str) else query
    bound = query.bind(params or {})
    if store.language == "sparql":
        result = store.query(with_values(query, bound))
    else:
        result = store.query(query.text(store.language), bound)
    return shape(query, result, store.language)


def with_values(query: CannedQuery, bound: dict) -> str:
    """The query's SPARQL with the bound parameters in a VALUES block at the start of each group marked for it.

    A .rq marks the groups that get the block by ending their opening line with PARAMETERS_MARK: usually its
    WHERE (`WHERE {  # parameters`); each branch of a UNION when the branches look the parameters up themselves
    (a VALUES block outside a UNION is not seen inside its branches).

    Why not pyoxigraph's `substitutions`: with them Oxigraph planned the queries as if the parameters were unknown,
    scanning every label before it filtered on one (bench/query_binding.py: activities-between at 1,000 bulletins
    took over 60 s, with VALUES 0.5 s). A VALUES block is part of the query, so the plan starts from it.

    A string parameter comes twice: ?NAME as plain text, and ?NAME_label as the same text tagged LABEL_LANGUAGE,
    the term that names and titles are stored as. A query that looks a node up by its name joins on ?NAME_label and
    so goes through the index; comparing STR(?label) with ?NAME, or building the term with STRLANG in the query,
    made Oxigraph read every label first (100 times slower at 1,000 bulletins).

    Each value is written by pyoxigraph (the str() of its term is N-Triples syntax: quotes, backslashes and line
    breaks escaped), so a parameter is one RDF term, whatever its text.
    """
    text = query.text("sparql")
    if not bound:
        return text
    if not _MARKED_GROUP.search(text):
        raise QueryError(f"queries/{query.name}.rq: no group is marked `{{  {PARAMETERS_MARK}` for its parameters")
    terms = parameter_terms(query, bound)
    names = " ".join(f"?{name}" for name in terms)
    values = " ".join(str(term) for term in terms.values())
    block = f"VALUES ({names}) {{ ({values}) }}"
    return _MARKED_GROUP.sub(lambda group: f"{group.group(0)}\n{block}", text)


def parameter_terms(query: CannedQuery, bound: dict) -> dict:
    """The pyoxigraph term of each bound parameter, and of ?NAME_label for each string parameter (see with_values)."""
    terms = {name: oxigraph_term(value) for name, value in bound.items()}
    for p in query.params:
        if p.type == "string":
            terms[f"{p.name}_label"] = oxigraph_term(Literal(str(bound[p.name]), lang=LABEL_LANGUAGE))
    return terms


_LATERAL = re.compile(r"\bLATERAL\s*\{")
_NOT_PLAIN = re.compile(r"\b(?:FILTER|OPTIONAL|MINUS|SERVICE|LATERAL|SELECT|GRAPH)\b|\{")
_BIND_EXPRESSION = re.compile(r"\bBIND\s*\((.*?)\s+AS\s", re.DOTALL)
_VALUES_BLOCK = re.compile(r"\bVALUES\s*(?:\?\w+|\([^()]*\))\s*\{[^{}]*\}")


def without_lateral(text: str) -> str:
    """The query with each `LATERAL { ... }` replaced by what it holds, for SPARQL engines without LATERAL (rdflib).

    The .rq files use LATERAL (SPARQL SEP-0006, which Oxigraph runs) to make Oxigraph evaluate a part once per row
    with the row's values in place (queries/README.md says where it matters). They put in it one OPTIONAL group,
    plain patterns, or a UNION of groups of plain patterns; plain patterns being triple patterns, VALUES and BINDs
    of constants, which meet the row's values only by joining on them. For those the query without the LATERAL
    has the same answer. Anything else (a FILTER or a BIND that reads the row, a subquery) is refused, since
    dropping the LATERAL could change the answer.
    """
    out, at = [], 0
    for start in _LATERAL.finditer(text):
        end = _closing_brace(text, start.end() - 1)
        body = text[start.end():end].strip()
        one_optional = body.startswith("OPTIONAL") and _closing_brace(body, body.find("{")) == len(body) - 1
        if not (one_optional or _plain(body) or _union_of_plain(body)):
            raise QueryError(f"LATERAL may hold one OPTIONAL group, plain patterns or a UNION of them, not: "
                             f"{body[:60]}")
        out.append(text[at:start.start()] + body)
        at = end + 1
    return "".join(out) + text[at:]


def _plain(body: str) -> bool:
    """Triple patterns, VALUES and BINDs of constants only: nothing that reads the values of the enclosing row."""
    body = _VALUES_BLOCK.sub(" ", body)
    return not _NOT_PLAIN.search(body) and all("?" not in e for e in _BIND_EXPRESSION.findall(body))


def _union_of_plain(body: str) -> bool:
    """`{ plain } UNION { plain } ...`"""
    at, groups = 0, 0
    while True:
        if not body.startswith("{", at):
            return False
        end = _closing_brace(body, at)
        if not _plain(body[at + 1:end]):
            return False
        groups += 1
        rest = body[end + 1:].lstrip()
        if not rest:
            return groups > 1
        if not rest.startswith("UNION"):
            return False
        at = len(body) - len(rest[len("UNION"):].lstrip())


def _closing_brace(text: str, opening: int) -> int:
    """The index of the brace that closes the one at `opening` (braces inside strings or comments not expected)."""
    depth = 0
    for i in range(opening, len(text)):
        depth += {"{": 1, "}": -1}.get(text[i], 0)
        if depth == 0:
            return i
    raise QueryError("unbalanced braces in the query")


def shape(query: CannedQuery, result: QueryResult, language: str) -> QueryResult:
    """Rows in the query's `returns` shape, whichever language answered."""
    rows = [{c.name: _cell(c, row, language) for c in query.columns} for row in result.rows]
    if result.rows:
        expected = _flat_names(query.columns, language)
        missing = [n for n in expected if n not in result.columns]
        if missing:
            raise QueryError(f"query {query.name} ({language}) does not return {', '.join(missing)}")
    return QueryResult([c.name for c in query.columns], rows)


def _flat_names(columns, language):
    if language == "sparql":
        return [f"{c.name}_{k}" for c in columns for k in c.keys] + [c.name for c in columns if c.kind != "object"]
    return [c.name for c in columns]


def _cell(column, row, language):
    if column.kind == "object":
        if language == "sparql":
            return {k: row.get(f"{column.name}_{k}") for k in column.keys}
        value = row.get(column.name) or {}
        return {k: value.get(k) for k in column.keys}
    value = row.get(column.name)
    if column.kind == "list":
        if language == "sparql":
            value = [v for v in str(value).split(LIST_SEPARATOR)] if value not in (None, "") else []
        return sorted({v for v in value or [] if v is not None}, key=str)
    return value


__all__ = ["LIST_SEPARATOR", "PARAMETERS_MARK", "SUFFIXES", "PARAM_TYPES", "Param", "Column",
           "CannedQuery", "parse_header", "names", "get", "catalog", "run", "with_values", "parameter_terms", "shape",
           "without_lateral"]

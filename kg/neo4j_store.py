"""Neo4j as a store: the property-graph projection of each report file, replaced in one transaction.

    with Neo4jStore(uri="neo4j://localhost:7687", user="neo4j", password=...) as store:
        store.replace(source_key(path), graph)
        store.query("MATCH (v:Visit) RETURN count(v) AS n")

The URI, user and password default to NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD; `neo4j://` URIs route, so a
cluster or Aura serves as well as one server. Without a password the driver connects without auth (the test server).

How a report file's facts are kept apart in a graph where reports share nodes (an organization, an official, a
date): every node and relationship lists in `sources` the source keys (kg.store.source_key) that gave it. Replacing a
source, in one managed transaction: relationships and nodes that only it gave are deleted, it is taken off the
`sources` of the shared ones, then its projection is merged back in batches of `UNWIND $rows ... MERGE`. So an
edited file leaves nothing stale and an unchanged one comes back the same. `replace_many` does this for several
sources in one transaction, with one statement per label set or relationship type for all of them (`kg push`), and
sends a node or relationship that several of them share once, with the list of their sources.

Labels and relationship types come only from the ontology (kg.projection.allowed_labels / allowed_rel_types) and
values are always parameters. Nodes are merged on `iri` under their most general label (Event for a Visit), which
has a uniqueness constraint, created before the first write.

Queries (`kg cypher`, the canned .cypher files) run in READ access mode, so the server refuses every write; what
that mode still lets through and kg has no use for is refused before sending (check_read_only): LOAD CSV and
procedures that fetch files or URLs, CALL { ... } IN TRANSACTIONS, and APOC procedures that run Cypher text.
"""
from __future__ import annotations

import logging
import os
import re

from kg.errors import QueryError, StoreError
from kg.projection import IRI_KEY, allowed_labels, allowed_rel_types, project
from kg.store import CYPHER, SERVER, TRANSACTIONS, PERSISTENT, GraphStore, QueryResult

URI_ENV, USER_ENV, PASSWORD_ENV, DATABASE_ENV = "NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE"
DEFAULT_URI = "bolt://localhost:7687"
DEFAULT_USER = "neo4j"
#: Node and relationship property listing the source keys that gave it.
SOURCES_KEY = "sources"
#: Rows per UNWIND statement (the driver notes advise 1k-20k).
BATCH = 5000
#: Seconds to wait for a server before giving up; a stopped server fails at once, a dropped packet takes this long.
CONNECT_TIMEOUT = 5.0
#: Seconds the driver retries a write transaction that failed on a transient error (a deadlock with another loader,
#: a leader switch in a cluster). Short, because a server that went away is also retried: `kg load` must say so
#: within seconds, not after the driver's default 30 s.
RETRY_TIME = 5.0

# The driver logs each retry and each dropped connection as a warning, which Python's last-resort handler prints on
# stderr: several lines of noise before kg's own one-line error. Dropped unless the application sets up logging.
logging.getLogger("neo4j").addHandler(logging.NullHandler())

_IDENTIFIER = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")

#: Procedures a query may CALL: they read the graph or its schema and reach nothing outside it. Names ending in a dot
#: allow a whole namespace.
READ_PROCEDURES = ("db.labels", "db.relationshipTypes", "db.propertyKeys", "db.schema.visualization",
                   "db.schema.nodeTypeProperties", "db.schema.relTypeProperties", "db.index.fulltext.queryNodes",
                   "db.index.fulltext.queryRelationships", "db.info", "db.ping", "dbms.components",
                   "apoc.meta.", "apoc.path.", "apoc.algo.", "apoc.neighbors.")
# Strings, back-quoted names and comments, scanned left to right as the Cypher parser reads them.
_CYPHER_OPAQUE = re.compile(r"'(?:[^'\\]|\\.)*'"        # 'string'
                            r'|"(?:[^"\\]|\\.)*"'        # "string"
                            r"|`(?:[^`]|``)*`"           # `name`
                            r"|//[^\n\r]*|/\*[\s\S]*?\*/")  # comments
_NAME = r"[A-Za-z_][A-Za-z0-9_]*(?:\s*\.\s*[A-Za-z_][A-Za-z0-9_]*)*"
_CALL = re.compile(rf"\bCALL\s+({_NAME})", re.IGNORECASE)
# Still allowed in READ mode, yet they reach outside the graph (LOAD CSV and apoc.load fetch any URL the server can
# reach), commit on their own (IN TRANSACTIONS) or run Cypher given as a string, which no check here can read.
_REFUSED = [
    (re.compile(r"\bLOAD\s+CSV\b", re.IGNORECASE), "LOAD CSV is refused: it makes the server read files or URLs"),
    # The keyword, not a property (r.transactions), a parameter, a map key or a column name (AS transactions).
    (re.compile(r"(?<![.$\w])(?<!\bAS )TRANSACTIONS\b(?!\s*:)", re.IGNORECASE),
     "CALL { ... } IN TRANSACTIONS (and SHOW/TERMINATE TRANSACTIONS) is refused: it commits batches of its own "
     "or administers the server"),
    (re.compile(r"\bapoc\s*\.\s*(?:load|import|export|cypher|periodic|trigger|systemdb|custom)\b", re.IGNORECASE),
     "APOC load, import, export, cypher, periodic, trigger and custom procedures are refused: they fetch files or "
     "URLs, write, or run Cypher given as text"),
]


def _unquote(match):
    text = match.group(0)
    if text.startswith("`"):
        return text[1:-1].replace("``", "`")   # a back-quoted name is still a name: `apoc`.`load`.`json`
    return " '' " if text[0] in "'\"" else " "


def check_read_only(text):
    """Raise QueryError for Cypher that READ access mode would still run but that kg does not allow.

    The server refuses writes itself (CREATE, MERGE, SET, DELETE, REMOVE, write procedures); this refuses, before
    anything is sent, what reads beyond the graph or runs on its own: see _REFUSED and READ_PROCEDURES.
    """
    bare = _CYPHER_OPAQUE.sub(_unquote, text)
    for pattern, message in _REFUSED:
        if pattern.search(bare):
            raise QueryError(f"{message}; kg cypher only reads the graph")
    for match in _CALL.finditer(bare):
        name = re.sub(r"\s+", "", match.group(1))
        if not any(name == p or (p.endswith(".") and name.startswith(p)) for p in READ_PROCEDURES):
            raise QueryError(f"procedure {name} is refused: kg cypher calls only procedures that read the graph "
                             f"({', '.join(p + '*' if p.endswith('.') else p for p in READ_PROCEDURES)})")


class Neo4jUnavailable(StoreError):
    """Neo4j cannot be reached or refuses the credentials."""


def _name(identifier, allowed, what):
    """A label or relationship type for a Cypher statement: only from the ontology, back-quoted."""
    if identifier not in allowed or not _IDENTIFIER.match(identifier):
        raise StoreError(f"{what} {identifier!r} is not defined by the ontology (kg:graphLabel / kg:relType)")
    return f"`{identifier}`"


def plain(value):
    """A value from the driver as plain Python: temporal values as ISO text, nodes as their properties."""
    import neo4j.graph
    import neo4j.time
    if isinstance(value, (neo4j.time.Date, neo4j.time.DateTime, neo4j.time.Time)):
        return value.iso_format()
    if isinstance(value, neo4j.time.Duration):
        return str(value)
    if isinstance(value, neo4j.graph.Node):
        return {"labels": sorted(value.labels), **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, neo4j.graph.Relationship):
        return {"type": value.type, **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, neo4j.graph.Path):
        return [plain(x) for x in value]
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


class Neo4jStore(GraphStore):
    """A Neo4j server (5.x) reached with the official driver."""

    name = "neo4j"
    language = "cypher"
    capabilities = frozenset({CYPHER, TRANSACTIONS, PERSISTENT, SERVER})

    def __init__(self, uri=None, user=None, password=None, database=None):
        import neo4j
        from neo4j.exceptions import ConfigurationError
        self.uri = uri or os.environ.get(URI_ENV) or DEFAULT_URI
        self.user = user or os.environ.get(USER_ENV) or DEFAULT_USER
        password = password if password is not None else os.environ.get(PASSWORD_ENV)
        self.database = database or os.environ.get(DATABASE_ENV) or None
        auth = (self.user, password) if password else None
        self.has_password = bool(password)
        self._schema_ready = False
        if self.uri.partition("://")[0] not in _SCHEMES:
            raise Neo4jUnavailable(f"bad Neo4j URI {self.uri!r}: use bolt://host:7687 or neo4j://host:7687 "
                                   f"(schemes: {', '.join(_SCHEMES)})")
        try:
            self.driver = neo4j.GraphDatabase.driver(
                self.uri, auth=auth, connection_timeout=CONNECT_TIMEOUT,
                connection_acquisition_timeout=2 * CONNECT_TIMEOUT, max_transaction_retry_time=RETRY_TIME,
                # The server's hints (e.g. "property `sources` does not exist" on an empty graph) are not news
                # for people running kg, and the driver would log each one on stderr.
                notifications_min_severity="OFF")
        except (ConfigurationError, ValueError) as e:
            raise Neo4jUnavailable(f"bad Neo4j URI {self.uri!r}: {e} (use bolt://host:7687 or neo4j://host:7687)") \
                from None
        with self._errors():
            self.driver.verify_connectivity()

    def close(self):
        if getattr(self, "driver", None) is not None:
            self.driver.close()
            self.driver = None

    def _errors(self):
        return _DriverErrors(self)

    # --- schema ---------------------------------------------------------------------------------------------

    def ensure_schema(self):
        """A uniqueness constraint on `iri` for every label of the ontology, and name indexes; idempotent."""
        if self._schema_ready:
            return
        with self._errors():
            for label in sorted(allowed_labels()):
                quoted = _name(label, allowed_labels(), "label")
                self.driver.execute_query(
                    f"CREATE CONSTRAINT kg_{label}_iri IF NOT EXISTS FOR (n:{quoted}) REQUIRE n.{IRI_KEY} IS UNIQUE",
                    database_=self.database)
            for label in ("Organization", "Person", "Program"):
                quoted = _name(label, allowed_labels(), "label")
                self.driver.execute_query(
                    f"CREATE INDEX kg_{label}_name IF NOT EXISTS FOR (n:{quoted}) ON (n.name)",
                    database_=self.database)
        self._schema_ready = True

    # --- writing ----------------------------------------------------------------------------------------------

    def replace(self, source, graph):
        return self.replace_many([(source, graph)])

    def replace_many(self, items) -> int:
        """Replace several sources, [(source, graph), ...], in one transaction: fewer round trips for a bulk push."""
        self.ensure_schema()
        sources = [source for source, _ in items]
        statements = list(self._statements([(source, project(graph)) for source, graph in items]))
        with self._errors():
            with self.driver.session(database=self.database) as session:
                session.execute_write(_replace, sources, statements)
        return sum(len(graph) for _, graph in items)

    def _statements(self, projections):
        """(cypher, rows) pairs that merge projections [(source, PropertyGraph)]; each row lists its sources.

        A node or relationship that several of the projections give (a department, a role, a date) is sent once,
        with the sources that gave it in their order and the properties of the last one (as loading them one by one
        would leave it). One statement per label set and per relationship type between two general labels,
        whatever the number of sources. Labels and types are checked against the ontology before they are written
        into a statement.
        """
        labels_ok, types_ok = allowed_labels(), allowed_rel_types()
        nodes, labels_of, relationships = {}, {}, {}
        for source, pg in projections:
            for node in pg.nodes.values():
                if not node.labels:
                    raise StoreError(f"{node.iri} has no class with a kg:graphLabel: cannot be a Neo4j node")
                row = nodes.get(node.iri)
                if row is None:
                    nodes[node.iri] = {"iri": node.iri, "properties": dict(node.properties), "sources": [source]}
                    labels_of[node.iri] = node.labels
                    continue
                row["properties"].update(node.properties)
                row["sources"].append(source)
                if node.labels != labels_of[node.iri]:
                    labels_of[node.iri] = tuple(dict.fromkeys(labels_of[node.iri] + node.labels))
            for r in pg.relationships:
                row = relationships.get(r)
                if row is None:
                    relationships[r] = {"start": r.start, "end": r.end, "sources": [source]}
                else:
                    row["sources"].append(source)
        by_labels, by_type = {}, {}
        for iri, row in nodes.items():
            by_labels.setdefault(labels_of[iri], []).append(row)
        for r, row in relationships.items():
            by_type.setdefault((r.type, labels_of[r.start][0], labels_of[r.end][0]), []).append(row)
        # A new node or relationship takes the rows' sources; one already there keeps its own and adds the others.
        add_sources = (f" ON CREATE SET {{x}}.{SOURCES_KEY} = row.sources ON MATCH SET {{x}}.{SOURCES_KEY} ="
                       f" {{x}}.{SOURCES_KEY} + [s IN row.sources WHERE NOT s IN {{x}}.{SOURCES_KEY}]")
        for labels, rows in sorted(by_labels.items()):
            key = _name(labels[0], labels_ok, "label")
            extra = "".join(f", n:{_name(label, labels_ok, 'label')}" for label in labels[1:])
            yield (f"UNWIND $rows AS row MERGE (n:{key} {{{IRI_KEY}: row.iri}})" + add_sources.format(x="n")
                   + f" SET n += row.properties{extra}"), rows
        for (rel, start, end), rows in sorted(by_type.items()):
            yield (f"UNWIND $rows AS row MATCH (a:{_name(start, labels_ok, 'label')} {{{IRI_KEY}: row.start}})"
                   f" MATCH (b:{_name(end, labels_ok, 'label')} {{{IRI_KEY}: row.end}})"
                   f" MERGE (a)-[r:{_name(rel, types_ok, 'relationship type')}]->(b)"
                   + add_sources.format(x="r")), rows

    # --- reading ----------------------------------------------------------------------------------------------

    def digest(self, source):
        rows = self._read(f"MATCH (r:Report) WHERE $source IN r.{SOURCES_KEY} RETURN r.sha256 AS sha ORDER BY sha",
                          {"source": source})
        return rows[0]["sha"] if rows else None

    def sources(self):
        rows = self._read(f"MATCH (r:Report) UNWIND r.{SOURCES_KEY} AS source RETURN source, r.sha256 AS sha", {})
        return {row["source"]: row["sha"] for row in rows}

    def _read(self, cypher, params):
        from neo4j import RoutingControl
        with self._errors():
            records, _, _ = self.driver.execute_query(cypher, params, routing_=RoutingControl.READ,
                                                      database_=self.database)
        return [dict(record) for record in records]

    def query(self, text, params=None):
        """Run Cypher in READ access mode: the server itself refuses CREATE, MERGE, SET and DELETE; check_read_only
        refuses beforehand what that mode lets through (LOAD CSV, IN TRANSACTIONS, procedures beyond the graph)."""
        from neo4j import RoutingControl
        check_read_only(text)
        with self._errors():
            result = self.driver.execute_query(text, params or {}, routing_=RoutingControl.READ,
                                               database_=self.database)
        columns = list(result.keys)
        return QueryResult(columns, [{c: plain(record[c]) for c in columns} for record in result.records])

    def clear(self):
        """Delete every node and relationship (tests, or starting over)."""
        with self._errors():
            self.driver.execute_query("MATCH (n) DETACH DELETE n", database_=self.database)


def _replace(tx, sources, statements):
    """One transaction: take `sources` off the graph, then merge the statements (idempotent, so retries are safe).

    What only these sources gave is deleted; shared nodes and relationships just lose them from `sources`.
    """
    present = tx.run(f"MATCH (r:Report) WHERE any(s IN r.{SOURCES_KEY} WHERE s IN $sources) RETURN count(r) AS n",
                     sources=sources).single()["n"]
    if present:
        mine = f"any(s IN n.{SOURCES_KEY} WHERE s IN $sources)"
        tx.run(f"MATCH (n)-[r]->() WHERE {mine} AND all(s IN r.{SOURCES_KEY} WHERE s IN $sources) DELETE r",
               sources=sources).consume()
        tx.run(f"MATCH (n)-[r]->() WHERE {mine} AND any(s IN r.{SOURCES_KEY} WHERE s IN $sources)"
               f" SET r.{SOURCES_KEY} = [s IN r.{SOURCES_KEY} WHERE NOT s IN $sources]", sources=sources).consume()
        tx.run(f"MATCH (n) WHERE {mine} AND all(s IN n.{SOURCES_KEY} WHERE s IN $sources) DETACH DELETE n",
               sources=sources).consume()
        tx.run(f"MATCH (n) WHERE {mine} SET n.{SOURCES_KEY} = [s IN n.{SOURCES_KEY} WHERE NOT s IN $sources]",
               sources=sources).consume()
    for cypher, rows in statements:
        for i in range(0, len(rows), BATCH):
            tx.run(cypher, rows=rows[i:i + BATCH]).consume()


class _DriverErrors:
    """Turn the driver's exceptions into KgErrors with a message for people (no traceback)."""

    def __init__(self, store):
        self.store = store

    def __enter__(self):
        return self

    def __exit__(self, kind, error, tb):
        if error is None:
            return False
        from neo4j import exceptions as e
        store = self.store
        if isinstance(error, e.AuthError) and not store.has_password:
            raise Neo4jUnavailable(f"Neo4j at {store.uri} needs a password: set --password or {PASSWORD_ENV} "
                                   f"(and --user or {USER_ENV} when not neo4j)") from None
        if isinstance(error, e.AuthError):
            raise Neo4jUnavailable(
                f"Neo4j at {store.uri} refused user {store.user!r}: wrong user name or password "
                f"(set --user/--password or {USER_ENV}/{PASSWORD_ENV})") from None
        if isinstance(error, (e.ServiceUnavailable, e.SessionExpired, e.ConnectionAcquisitionTimeoutError)):
            raise Neo4jUnavailable(
                f"cannot reach Neo4j at {store.uri}: {_message(error)} "
                f"(is it running? docker compose up -d; or set --uri / {URI_ENV})") from None
        if isinstance(error, e.Neo4jError):
            code = getattr(error, "code", "") or ""
            if "AccessMode" in code or "ForbiddenOnReadOnlyDatabase" in code:
                raise QueryError("Cypher queries are read-only here: CREATE, MERGE, SET, DELETE and REMOVE are "
                                 "refused; change the graph with kg load --neo4j or kg push") from None
            if ".ClientError." in code:
                raise QueryError(f"Neo4j refused the query: {_message(error)}") from None
            raise StoreError(f"Neo4j error {code}: {_message(error)}") from None
        if isinstance(error, e.DriverError):
            raise StoreError(f"Neo4j driver error: {_message(error)}") from None
        return False


def _message(error):
    text = getattr(error, "message", None) or str(error)
    return " ".join(str(text).split())


__all__ = ["Neo4jStore", "Neo4jUnavailable", "SOURCES_KEY", "BATCH", "URI_ENV", "USER_ENV", "PASSWORD_ENV",
           "DEFAULT_URI", "RETRY_TIME", "READ_PROCEDURES", "check_read_only", "plain"]

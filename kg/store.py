"""Stores: where the triples of loaded reports live, behind one small interface chosen by name.

    with open_store("oxigraph", path) as store:          # the embedded default, no server
        store.replace(source_key(path), graph)            # one report file's facts, replacing its old ones
        result = store.query("SELECT ...", {"dept": "商务厅"})

A store is registered by name with the capabilities it declares (as rdflib registers Store plugins and sets
flags such as `context_aware`); callers ask `store.language` or `"triples" in store.capabilities` rather than
testing classes. Two stores ship: "oxigraph" (this module) and "neo4j" (kg/neo4j_store.py, loaded on first use
so that the driver is imported only when a server is wanted).

Every store keeps the facts of each report file under a *source* key: the file's resolved path as a file: IRI.
Replacing a source is one transaction: the old facts of that file go, the new ones come, nothing else changes.
A first load into an empty embedded store is built aside with the bulk loader and takes the store's place whole
(OxigraphStore.building).

One process writes the embedded store at a time: a writer holds an exclusive lock on `kg-writer.lock` in the store
folder (WriterLock) and a second writer waits up to $KG_LOCK_TIMEOUT seconds, then fails naming the pid that holds
it. Readers take no lock: they open RocksDB read-only, a view of the transactions committed when it was opened, so
a query during a load sees each report whole or not at all.
"""
from __future__ import annotations

import abc
import contextlib
import datetime
import fcntl
import importlib
import os
import re
import shutil
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import XSD

from kg.errors import QueryError, StoreError
from kg.model import DATA, KG, TERMS, load_ontology

#: The environment variable that names the embedded store's folder (overridden by --store).
STORE_ENV = "KG_STORE"
#: The store that `kg load` and the queries use unless told otherwise.
DEFAULT_STORE = "oxigraph"
#: The named graph that holds the ontology (its IRI as kg.ttl declares it), so SPARQL can read class labels.
ONTOLOGY_GRAPH = TERMS.rstrip("#")
#: The file in the store folder that a writing process locks (RocksDB's own LOCK cannot wait or name its holder).
LOCK_FILE = "kg-writer.lock"
#: Seconds a second writer waits for the first to finish, unless $KG_LOCK_TIMEOUT says otherwise.
LOCK_TIMEOUT = 10.0
LOCK_TIMEOUT_ENV = "KG_LOCK_TIMEOUT"
#: Times a read-only store reopens and retries after a storage error (a writer compacted a file away under it).
READ_RETRIES = 4
#: Quads a writer adds between flushes of the embedded store. RocksDB (as pyoxigraph sets it up) keeps up to six
#: 128 MB memtables per column family before writing them out on its own: without flushes a long load grows by
#: ~1 MB per report, and inserts into the big skip lists (most of the cost of a write) get slower and slower.
#: Measured on 1,000 generated reports (~1,200 quads each), CPU seconds of a Store.load per report: no flush 50,
#: a flush every ~12k quads 37, every ~30k 35, every ~120k 29 (more flushes: more small files to compact).
FLUSH_QUADS = 120_000
#: The folder, inside the store folder, where a first load builds the store with Oxigraph's bulk loader
#: (OxigraphStore.building), and the marker files that say how far moving it into place got.
STAGING = "kg-staging"
STAGING_READY = "kg-staging-ready"     # the build is complete: the old store's files may go
STAGING_MOVING = "kg-staging-moving"   # the old store's files are gone: move the rest, CURRENT last
#: Seconds a reader waits for a staging store to be moved into place (it takes milliseconds; a crash may leave it
#: half-done until the next writer finishes it).
STAGING_WAIT = 5.0
#: The N-Triples lines of nodes that many reports describe alike (a department, a person, a role, a program, a
#: month) start with one of these: their ids are made of their own names, not of the report. A first load writes
#: such a line to the default graph once, not once for every report that names the node (_default_copies). Date
#: intervals are left out: their ids keep the words that wrote them, so few repeat (6,000 of 55,000 lines in
#: 1,000 generated bulletins), and remembering them would cost more memory than the writes they save.
SHARED_SUBJECTS = tuple(f"<{DATA}{kind}/".encode("utf-8")
                        for kind in ("org", "person", "role", "program", "document", "place", "month"))
#: The files RocksDB keeps in a store folder: the only ones a swap deletes, whatever else a user keeps there.
ROCKSDB_FILE = re.compile(r"^(CURRENT|IDENTITY|LOCK|LOG(\.old\.\d+)?|(MANIFEST|OPTIONS)-\d+|\d+\.(sst|log|blob))$")

# Capability flags a store may declare.
SPARQL = "sparql"              # answers SPARQL 1.1 queries
CYPHER = "cypher"              # answers Cypher queries
TRIPLES = "triples"            # gives back the triples of each source (export, push)
TRANSACTIONS = "transactions"  # replace() is atomic
PERSISTENT = "persistent"      # survives the process
SERVER = "server"              # a separate server process, reached over the network


def default_store_path() -> Path:
    """The embedded store's folder: $KG_STORE, else $XDG_DATA_HOME/kg/store (~/.local/share/kg/store).

    A per-user data folder rather than ./.kg-store, so `kg who-visited` answers from any working directory.
    """
    if os.environ.get(STORE_ENV):
        return Path(os.environ[STORE_ENV]).expanduser()
    data_home = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(data_home) / "kg" / "store"


def source_key(path) -> str:
    """The key of a report file in every store: its resolved path as a file: IRI (the named graph's name)."""
    return Path(path).resolve().as_uri()


@dataclass
class QueryResult:
    """Rows of a query as plain Python values: str, int, float, bool, None, lists and dicts (dates as ISO text)."""
    columns: list
    rows: list = field(default_factory=list)  # each a dict column -> value, in column order

    def __len__(self):
        return len(self.rows)


class GraphStore(abc.ABC):
    """What every store does. Subclasses set `name`, `language` and `capabilities`."""

    name: str = ""
    language: str = ""           # "sparql" or "cypher": which canned query file a store runs
    capabilities: frozenset = frozenset()

    @abc.abstractmethod
    def digest(self, source: str) -> str | None:
        """The SHA-256 of the file that `source` was last loaded from, or None when the store does not hold it."""

    @abc.abstractmethod
    def sources(self) -> dict:
        """Every source the store holds -> the SHA-256 of its file."""

    @abc.abstractmethod
    def replace(self, source: str, graph: Graph) -> int:
        """Make `graph` the facts of `source`, dropping its old ones, in one transaction; return the triple count."""

    def replace_many(self, items) -> int:
        """Replace several sources, [(source, graph), ...], each whole or not at all; return the triple count.

        Stores that can write several sources in one transaction do so (fewer, larger writes); this default
        replaces them one at a time."""
        return sum(self.replace(source, graph) for source, graph in items)

    @abc.abstractmethod
    def query(self, text: str, params: dict | None = None) -> QueryResult:
        """Run a read-only query in the store's language with bound parameters."""

    def graph(self, source: str) -> Graph:
        """The triples of one source (stores with the "triples" capability)."""
        raise StoreError(f"the {self.name} store cannot give back triples")

    def triples(self):
        """Every data triple once, across sources (stores with the "triples" capability)."""
        raise StoreError(f"the {self.name} store cannot give back triples")

    def compact(self):
        """Reorganise the store's files for reading after a large load (stores that keep files); else nothing."""

    def close(self):
        """Release the store (files, connections)."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


# --- the registry ---------------------------------------------------------------------------------------------

#: Store name -> "module:Class", imported on first use (rdflib's plugin registry works the same way).
STORES = {
    "oxigraph": "kg.store:OxigraphStore",
    "neo4j": "kg.neo4j_store:Neo4jStore",
}


def store_class(name: str) -> type:
    """The class registered under `name`."""
    try:
        module, _, cls = STORES[name].partition(":")
    except KeyError:
        raise StoreError(f"no store called {name!r}; known: {', '.join(sorted(STORES))}") from None
    return getattr(importlib.import_module(module), cls)


def open_store(name: str = DEFAULT_STORE, **options) -> GraphStore:
    """Open the store registered under `name` with its own options (path=..., uri=..., read_only=...)."""
    return store_class(name)(**options)


# --- one writer at a time ----------------------------------------------------------------------------------------

class StoreBusy(StoreError):
    """Another kg process is writing the store and did not finish within the lock timeout."""


def lock_timeout() -> float:
    """Seconds a writer waits for the store: $KG_LOCK_TIMEOUT, else LOCK_TIMEOUT."""
    text = os.environ.get(LOCK_TIMEOUT_ENV)
    if not text:
        return LOCK_TIMEOUT
    try:
        return max(0.0, float(text))
    except ValueError:
        raise StoreError(f"{LOCK_TIMEOUT_ENV}={text!r} is not a number of seconds") from None


class WriterLock:
    """The exclusive right to write one store folder: fcntl.flock on LOCK_FILE, which holds the writer's pid.

    flock belongs to the open file, so the kernel releases it when the process ends, however it ends (kill -9
    included): a crashed load never leaves the store locked. The file itself stays; removing it would let a waiter
    lock the unlinked file while a newcomer locks a new one.
    """

    def __init__(self, folder, timeout=None, on_wait=None):
        self.path = Path(folder) / LOCK_FILE
        self.timeout = lock_timeout() if timeout is None else timeout
        self.on_wait = on_wait   # called once, with the holder's pid and the timeout, if we have to wait
        self._fd = None

    def holder(self):
        """The pid written by the process that holds the lock (None when unknown)."""
        try:
            text = self.path.read_text(encoding="ascii").strip()
        except (OSError, UnicodeDecodeError):
            return None
        return int(text) if text.isdigit() else None

    def acquire(self):
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as e:
            raise StoreError(f"cannot open the store at {self.path.parent}: {e.strerror or e}") from None
        deadline = time.monotonic() + self.timeout
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    pid = self.holder()
                    raise StoreBusy(
                        f"the store at {self.path.parent} is being written by another kg process "
                        f"({f'pid {pid}' if pid else 'pid unknown'}); waited {self.timeout:g} s: try again when "
                        f"it ends, or set {LOCK_TIMEOUT_ENV} to wait longer") from None
                if not told and self.on_wait is not None:
                    self.on_wait(self.holder(), self.timeout)
                    told = True
                time.sleep(0.05)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        self._fd = fd
        return self

    def release(self):
        if self._fd is not None:
            fd, self._fd = self._fd, None
            try:
                os.ftruncate(fd, 0)
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
                os.close(fd)

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *exc):
        self.release()


# --- Oxigraph ---------------------------------------------------------------------------------------------------

_XSD_INTEGERS = {str(XSD[t]) for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                                       "positiveInteger", "negativeInteger", "nonPositiveInteger",
                                       "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte")}
_XSD_FLOATS = {str(XSD.decimal), str(XSD.double), str(XSD.float)}
_XSD_DECIMAL, _XSD_BOOLEAN = str(XSD.decimal), str(XSD.boolean)
_UPDATE_KEYWORDS = re.compile(
    r"^\s*(?:(?:PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s+<[^>]*>)\s*)*"
    r"(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.IGNORECASE)
_COMMENT = re.compile(r"^\s*#.*$", re.MULTILINE)
# What hides a word from the SPARQL grammar: strings (long forms first), IRIs and comments, scanned left to right
# so that a # inside an IRI or a quote inside a comment is read the way the parser reads it.
_SPARQL_OPAQUE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'      # """long string"""
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"     # '''long string'''
    r'|"(?:[^"\\\n\r]|\\.)*"'             # "string"
    r"|'(?:[^'\\\n\r]|\\.)*'"             # 'string'
    r'|<[^<>"{}|^`\\\x00-\x20]*>'         # <iri> (no spaces: in ?a < ?b the < is a comparison)
    r'|#[^\n\r]*')                        # comment
_SERVICE = re.compile(r"(?<![?$:])\bSERVICE\b(?!:)", re.IGNORECASE)
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def _codepoint(match):
    value = int(match[1] or match[2], 16)
    return chr(value) if value <= 0x10FFFF else " "


def calls_service(text) -> bool:
    """True when a SPARQL query uses SERVICE, which makes Oxigraph send a query to another endpoint over HTTP.

    SPARQL allows \\u escapes anywhere in a query, so they are undone first; then strings, IRIs and comments are
    blanked and the keyword looked for. A variable (?service) or a prefixed name (schema:service) is not the keyword.
    """
    return bool(_SERVICE.search(_SPARQL_OPAQUE.sub(" ", _CODEPOINT.sub(_codepoint, text))))


def _ox():
    import pyoxigraph
    return pyoxigraph


def _iri(term) -> str:
    """An ontology term in SPARQL syntax (<...>), validated by pyoxigraph; for constants, never for user input."""
    return str(_ox().NamedNode(str(term)))


def python_value(term):
    """A pyoxigraph term as a plain Python value: IRIs as text, numbers as int/float, dates as ISO text."""
    ox = _ox()
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        try:
            if datatype in _XSD_INTEGERS:
                return int(term.value)
            if datatype in _XSD_FLOATS:
                return float(Decimal(term.value)) if datatype == _XSD_DECIMAL else float(term.value)
            if datatype == _XSD_BOOLEAN:
                return term.value in ("true", "1")
        except ValueError:
            return term.value  # an ill-typed literal stays as written
        return term.value
    return str(term)


def oxigraph_term(value):
    """A Python value (or an rdflib term) as a pyoxigraph term, for binding a query parameter."""
    ox = _ox()
    if isinstance(value, (ox.NamedNode, ox.BlankNode, ox.Literal)):
        return value
    if isinstance(value, URIRef):
        return ox.NamedNode(str(value))
    if isinstance(value, BNode):
        return ox.BlankNode(str(value))
    if isinstance(value, Literal):
        if value.language:
            return ox.Literal(str(value), language=value.language)
        if value.datatype and value.datatype != XSD.string:
            return ox.Literal(str(value), datatype=ox.NamedNode(str(value.datatype)))
        return ox.Literal(str(value))
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=ox.NamedNode(str(XSD.boolean)))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(str(XSD.integer)))
    if isinstance(value, float):
        return ox.Literal(repr(value), datatype=ox.NamedNode(str(XSD.double)))
    if isinstance(value, datetime.date):
        return ox.Literal(value.isoformat(), datatype=ox.NamedNode(str(XSD.date)))
    return ox.Literal(str(value))


def rdflib_term(term):
    """A pyoxigraph term as an rdflib term; xsd:string becomes a plain literal, as the loaders write them."""
    ox = _ox()
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == str(XSD.string):
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def canonical(triples) -> set:
    """Triples as Oxigraph stores them: numbers in canonical form (xsd:decimal 790.0 is kept as 790)."""
    ox = _ox()
    store = ox.Store()  # in memory
    store.extend(ox.Quad(*(oxigraph_term(t) for t in triple)) for triple in triples)
    return {(rdflib_term(q.subject), rdflib_term(q.predicate), rdflib_term(q.object)) for q in store}


def named_quads(source: str, ntriples: bytes) -> bytes:
    """One report's N-Triples as N-Quads in the report's named graph.

    rdflib's N-Triples writer ends every line with " .\\n" and escapes line breaks inside literals, so each
    " .\\n" closes a triple: the graph's name goes just before it.
    """
    return ntriples.replace(b" .\n", f" {_iri(source)} .\n".encode("utf-8"))


def report_quads(source: str, ntriples: bytes) -> bytes:
    """One report's N-Triples as the N-Quads OxigraphStore holds: each triple in the report's named graph, then
    each again in the default graph (the union; a triple that another report already put there stays once)."""
    return named_quads(source, ntriples) + ntriples


def ontology_graph() -> Graph:
    """The ontology with its blank nodes given stable IRIs, so the same kg.ttl always gives the same triples."""
    labelled = to_canonical_graph(load_ontology())  # blank nodes named by a hash of what they hold
    skolem = f"{ONTOLOGY_GRAPH}/.well-known/genid/"
    graph = Graph()
    for triple in labelled:
        graph.add(tuple(URIRef(skolem + str(t)) if isinstance(t, BNode) else t for t in triple))
    return graph


def _fsync(path: Path):
    """Have a file, or a folder's list of names, on disk."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _fsync_folder(folder: Path):
    """Have the files of `folder` and their names on disk (a rename after this cannot overtake them in a crash)."""
    for entry in folder.iterdir():
        if entry.is_file():
            _fsync(entry)
    _fsync(folder)


class OxigraphStore(GraphStore):
    """The embedded default store: Oxigraph (RocksDB on disk), queried with SPARQL.

    Layout: each report file's triples are one named graph, named by its source key, so a file is replaced as a
    unit. The default graph holds the union of all named graphs with each triple once (several reports share
    organizations, persons, roles and dates); `replace` keeps it so in the same transaction, deleting a triple from
    the default graph only when no other named graph still holds it. Queries read the default graph, which also
    holds the ontology (graph ONTOLOGY_GRAPH) so that class labels and kg:graphLabel can be queried.

    A first load (a store that holds no report) may be written with `building()`: into a new store beside this one,
    through Oxigraph's bulk loader, which then takes this store's place whole.
    """

    name = "oxigraph"
    language = "sparql"
    capabilities = frozenset({SPARQL, TRIPLES, TRANSACTIONS, PERSISTENT})

    def __init__(self, path=None, read_only=False, lock_timeout=None, on_wait=None):
        """Open the store at `path`. A writer first takes the folder's WriterLock, waiting up to `lock_timeout`
        seconds (default $KG_LOCK_TIMEOUT, else LOCK_TIMEOUT) and calling `on_wait(pid, timeout)` once if it waits."""
        self.path = Path(path) if path is not None else default_store_path()
        self.read_only = read_only
        self._store = self._lock = None
        self._written = 0  # quads added since the last flush
        self._building = False  # writing new sources with the bulk loader, into the staging store (building())
        self._parked = None     # this store while building() writes the staging store
        self._in_default = set()  # lines of shared nodes that building() wrote to the default graph
        if read_only:
            self._wait_for_staging()
            if not (self.path / "CURRENT").exists():
                raise StoreError(f"no store at {self.path}: load reports first (kg load PATH...)")
            self._store = self._open_read_only()
            return
        try:
            self.path.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise StoreError(f"cannot open the store at {self.path}: {e}") from None
        self._lock = WriterLock(self.path, lock_timeout, on_wait).acquire()
        try:
            self._settle_staging()
            self._store = self._open_read_write()
        except BaseException:
            self._lock.release()
            raise

    def _open_read_write(self, path=None):
        # Under the WriterLock no other process holds RocksDB's LOCK, but a store object of this process that is
        # not yet garbage-collected still may: a lock error is retried briefly before it is reported.
        ox = _ox()
        deadline = time.monotonic() + 2.0
        while True:
            try:
                return ox.Store(str(path or self.path))
            except OSError as e:
                busy = "lock" in str(e).lower()
                if busy and time.monotonic() < deadline:
                    time.sleep(0.05)
                    continue
                hint = " (is another kg load writing it?)" if busy else ""
                raise StoreError(f"cannot open the store at {self.path}: {e}{hint}") from None

    def _open_read_only(self):
        # RocksDB read-only: a fixed view of what was committed when it opened, each report whole or absent. While
        # a writer runs it may flush or compact and delete a file between our reading the manifest and opening
        # that file; opening again then finds the new files.
        # A store that a first `kg load` is creating lacks column families for a moment (a RuntimeError).
        ox = _ox()
        for attempt in range(READ_RETRIES):
            self._wait_for_staging()
            try:
                return ox.Store.read_only(str(self.path))
            except (OSError, RuntimeError) as e:
                if attempt == READ_RETRIES - 1:
                    raise StoreError(f"cannot open the store at {self.path}: {e}") from None
                time.sleep(0.05 * (attempt + 1))

    def _wait_for_staging(self):
        """Wait while a writer moves a staging store into place (building()), up to STAGING_WAIT seconds."""
        markers = [self.path / STAGING / STAGING_READY, self.path / STAGING / STAGING_MOVING]
        deadline = time.monotonic() + STAGING_WAIT
        while any(marker.exists() for marker in markers) and time.monotonic() < deadline:
            time.sleep(0.02)

    def _reading(self, read):
        """`read(pyoxigraph store)`; read-only, retried on a fresh view when a writer deleted a file under us."""
        for attempt in range(READ_RETRIES):
            try:
                return read(self.store)
            except OSError:
                if not self.read_only or attempt == READ_RETRIES - 1:
                    raise
                time.sleep(0.05 * (attempt + 1))
                self._store = self._open_read_only()

    def close(self):
        try:
            if getattr(self, "_building", False):  # closed in the middle of building(): the load did not finish
                self._discard_staging()
            if getattr(self, "_store", None) is not None:
                if not self.read_only:
                    self._store.flush()
                self._store = None  # pyoxigraph closes RocksDB when the object goes
        finally:
            # Only once RocksDB is closed, so that the next writer finds its LOCK free.
            if getattr(self, "_lock", None) is not None:
                self._lock.release()
                self._lock = None

    @property
    def store(self):
        if self._store is None:
            raise StoreError("the store is closed")
        return self._store

    # --- writing ------------------------------------------------------------------------------------------------

    def replace(self, source, graph):
        return self.replace_many([(source, graph)])

    def replace_many(self, items):
        """Replace several sources, [(source, graph), ...], each whole or not at all; return the triple count.

        Sources the store does not hold yet (every report of a first load) are written together in one transaction,
        as N-Quads that pyoxigraph parses in Rust (Store.load): with no old facts to look for, the ref-counted
        DELETE of `_rewrite` is skipped. A source the store holds is rewritten in a transaction of its own.
        """
        ox = _ox()
        latest = dict(items)  # a source given twice: its last graph wins, as with one replace after another
        held = {source for source in latest if self.store.contains_named_graph(ox.NamedNode(source))}
        new = [(source, graph) for source, graph in latest.items() if source not in held]
        if new:
            self._insert(new)
        for source in held:
            self._rewrite(source, latest[source])
        return sum(len(graph) for graph in latest.values())

    def _insert(self, new):
        """Write sources the store does not hold, [(source, graph), ...], in one transaction."""
        ox = _ox()
        if self._building:
            self._bulk_insert([(source, graph.serialize(format="nt", encoding="utf-8")) for source, graph in new])
            return
        body = b"".join(report_quads(source, graph.serialize(format="nt", encoding="utf-8")) for source, graph in new)
        try:
            self.store.load(body, format=ox.RdfFormat.N_QUADS)
        except (OSError, SyntaxError, ValueError) as e:
            if len(new) == 1:
                raise StoreError(f"cannot write {new[0][0]} to the store at {self.path}: {e}") from None
            for item in new:  # nothing was written: again one source at a time, so the error names its source
                self._insert([item])
            return
        self._wrote(body.count(b"\n"))

    def _bulk_insert(self, new):
        """Write sources the staging store does not hold, [(source, N-Triples), ...], with the bulk loader.

        The bulk loader is not transactional: nothing says that a batch it refuses leaves nothing behind (a syntax
        error in 3M quads left nothing, as measured, but a failure of the disk may). So the named graphs go first,
        in a call of their own: when that call fails, dropping the batch's named graphs takes back all it wrote, and
        the sources are tried one at a time so that the error names the one at fault. The default-graph copies go
        in a second call, once all the named graphs are in.
        """
        ox = _ox()
        try:
            named = b"".join(named_quads(source, nt) for source, nt in new)
            self.store.bulk_load(named, format=ox.RdfFormat.N_QUADS)
        except (OSError, SyntaxError) as e:
            for source, _ in new:
                self.store.remove_graph(ox.NamedNode(source))
            if len(new) == 1:
                raise StoreError(f"cannot write {new[0][0]} to the store at {self.path}: {e}") from None
            for item in new:
                self._bulk_insert([item])
            return
        body, shared = self._default_copies(new)
        try:
            self.store.bulk_load(body, format=ox.RdfFormat.N_TRIPLES)
        except (OSError, SyntaxError) as e:  # the same triples went in as named graphs: only the disk fails here
            raise StoreError(f"cannot write to the store at {self.path}: {e}") from None
        self._in_default |= shared

    def _default_copies(self, new):
        """The default-graph copies of new sources, [(source, N-Triples), ...], without the lines of shared nodes
        already written there; returns them and the shared lines among them.

        A department is described alike by every report that names it: of the 735,000 default-graph lines of
        1,000 generated bulletins, 234,000 repeat such a line. Leaving them out took the bulk loader's CPU time
        from ~13.3 s to ~11.4 s there (a whole `kg load --jobs 2` of 10,000 varies more than that from one run to
        the next: 318 and 292 CPU s for the same code). Only the lines of shared nodes are remembered (4,200 at
        1,000 reports), not all of them; and since the default graph is a set, what is left out is only what is
        there already.
        """
        kept, shared = [], set()
        for _, ntriples in new:
            for line in ntriples.splitlines(keepends=True):
                if line.startswith(SHARED_SUBJECTS):
                    if line in self._in_default or line in shared:
                        continue
                    shared.add(line)
                kept.append(line)
        return b"".join(kept), shared

    @contextlib.contextmanager
    def building(self):
        """Write new sources, until the block ends, into a new store that then replaces this one whole.

        For a first load: Oxigraph's bulk loader writes faster than transactions do (`kg load --jobs 2` of 10,000
        generated bulletins: 171 s against 348 s; of 1,000: 19 s against 28 s), but it is not transactional, and a
        load stopped half-way could leave half a report. So it writes into a staging store in the folder STAGING,
        which takes this store's place when the block ends, or when the generator around it is closed early (kg load
        --strict stops at the first failure and keeps the reports before it, as a transactional load does); an
        error in the block discards it, and this store stays as it was. Moving the staging store into place is redone by
        the next writer if a crash interrupts it (_settle_staging). Readers see the old store until the move and
        the new one after it; one that opens while files move waits for the move to end (_wait_for_staging).
        """
        if self._building:
            yield self
            return
        staging = self.path / STAGING
        shutil.rmtree(staging, ignore_errors=True)
        self._parked, self._store = self.store, self._open_read_write(staging)
        self._building = True
        self._in_default = set()
        try:
            yield self
        except GeneratorExit:
            if self._building:  # not closed meanwhile (close() discards the staging store)
                self._swap_in()
            raise
        except BaseException:
            self._discard_staging()
            raise
        if self._building:
            self._swap_in()

    def _discard_staging(self):
        """Drop the staging store of an unfinished building(): this store is back as it was."""
        if self._building:
            self._store, self._parked, self._building = self._parked, None, False
            self._in_default = set()
            shutil.rmtree(self.path / STAGING, ignore_errors=True)

    def _swap_in(self):
        """Close the staging store and the old one, move the staging store's files into place, open it here."""
        self._store.flush()
        # pyoxigraph closes RocksDB when the last reference to a store goes.
        self._store, self._parked, self._building = None, None, False
        self._in_default = set()
        staging = self.path / STAGING
        _fsync_folder(staging)  # the staging store on disk before the marker that lets the old store's files go
        (staging / STAGING_READY).touch()
        _fsync(staging)  # the marker's name (an empty file has nothing else to write)
        self._settle_staging()
        self._store = self._open_read_write()

    def _settle_staging(self):
        """Finish or discard a staging store that building() left in the store folder.

        Complete (STAGING_READY): the old store's RocksDB files are deleted, then the staging store's moved in with
        CURRENT last, since RocksDB finds a store by its CURRENT file. STAGING_MOVING records that the deletion is
        done, so a move interrupted half-way is finished without deleting what it already moved. Incomplete (no
        marker): a load that stopped, deleted.
        """
        staging = self.path / STAGING
        if not staging.is_dir():
            return
        if (staging / STAGING_READY).exists():
            for entry in self.path.iterdir():
                if ROCKSDB_FILE.match(entry.name) and entry.is_file():
                    entry.unlink()
            (staging / STAGING_READY).rename(staging / STAGING_MOVING)
        elif not (staging / STAGING_MOVING).exists():
            shutil.rmtree(staging)
            return
        for entry in sorted(staging.iterdir(), key=lambda entry: entry.name == "CURRENT"):
            if entry.name != STAGING_MOVING:
                entry.rename(self.path / entry.name)
        (staging / STAGING_MOVING).unlink()
        staging.rmdir()

    def compact(self):
        """Merge the store's files (RocksDB compaction: pyoxigraph's Store.optimize).

        A load leaves the data spread over many small files that RocksDB has not merged yet, and every lookup
        searches each of them: after 10,000 bulletins the canned queries ran 2-3 times slower than on the same
        store compacted. Compacting rewrites the whole store (20 s at 10,000 bulletins), so kg load does it only
        after loads that write at least as many reports as the store held (kg.loading.worth_compacting)."""
        self.store.optimize()

    def _wrote(self, quads):
        """Count quads written, flushing every FLUSH_QUADS."""
        self._written += quads
        if self._written >= FLUSH_QUADS:
            self.store.flush()
            self._written = 0

    def _rewrite(self, source, graph):
        """Replace a source the store holds: one SPARQL update, so one transaction."""
        name = _ox().NamedNode(source)
        self._in_default.clear()  # the DELETE below may take lines of shared nodes out of the default graph
        body = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")  # N-Triples is SPARQL triple syntax
        # The file's old triples leave the default graph unless another graph still has them, its graph is dropped,
        # refilled and added back.
        update = (
            f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {name} {{ ?s ?p ?o }}"
            f" FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER (?other != {name}) }} }} ;\n"
            f"DROP SILENT GRAPH {name} ;\n"
            f"INSERT DATA {{ GRAPH {name} {{\n{body}}} }} ;\n"
            f"ADD SILENT {name} TO DEFAULT"
        )
        try:
            self.store.update(update)
        except (OSError, SyntaxError) as e:
            raise StoreError(f"cannot write {source} to the store at {self.path}: {e}") from None
        self._wrote(2 * len(graph))

    def remove(self, source):
        """Drop one source and the triples only it held."""
        self.replace(source, Graph())
        self.store.remove_graph(_ox().NamedNode(source))

    def ensure_ontology(self) -> bool:
        """Write the ontology graph unless the store already holds exactly it; True when written."""
        ontology = ontology_graph()
        if self._triple_set(ONTOLOGY_GRAPH) == canonical(ontology):
            return False
        self.replace(ONTOLOGY_GRAPH, ontology)
        return True

    def _triple_set(self, source):
        ox = _ox()
        quads = self.store.quads_for_pattern(None, None, None, ox.NamedNode(source))
        return {(rdflib_term(q.subject), rdflib_term(q.predicate), rdflib_term(q.object)) for q in quads}

    # --- reading ------------------------------------------------------------------------------------------------

    def digest(self, source):
        ox = _ox()
        values = sorted(self._reading(lambda store: [python_value(row["sha"]) for row in store.query(
            f"SELECT ?g ?sha WHERE {{ GRAPH ?g {{ ?report a {_iri(KG.Report)} ; {_iri(KG.sha256)} ?sha }} }}",
            substitutions={ox.Variable("g"): ox.NamedNode(source)})]))
        return values[0] if values else None

    def sources(self):
        return self._reading(lambda store: {python_value(row["g"]): python_value(row["sha"]) for row in store.query(
            f"SELECT ?g ?sha WHERE {{ GRAPH ?g {{ ?report a {_iri(KG.Report)}"
            f" OPTIONAL {{ ?report {_iri(KG.sha256)} ?sha }} }} }}")})

    def graph(self, source):
        graph = Graph()
        for triple in self._reading(lambda store: self._triple_set(source)):
            graph.add(triple)
        return graph

    def triples(self):
        """Every data triple once: the union of the report graphs (the ontology graph left out)."""
        ox = _ox()
        seen = set()
        for name in self.store.named_graphs():
            if isinstance(name, ox.NamedNode) and name.value == ONTOLOGY_GRAPH:
                continue
            for q in self.store.quads_for_pattern(None, None, None, name):
                triple = (rdflib_term(q.subject), rdflib_term(q.predicate), rdflib_term(q.object))
                if triple not in seen:
                    seen.add(triple)
                    yield triple

    def query(self, text, params=None):
        ox = _ox()
        if calls_service(text):
            # pyoxigraph would send the query over HTTP to the endpoint named in it: a way for whoever writes the
            # query text to reach other hosts from this machine, and to send them what the store holds.
            raise QueryError("SPARQL SERVICE (a query sent to another endpoint) is refused: queries read the "
                             "local store only")
        substitutions = {ox.Variable(k): oxigraph_term(v) for k, v in (params or {}).items() if v is not None}
        try:
            return self._reading(lambda store: self._answer(store.query(text, substitutions=substitutions)))
        except SyntaxError as e:
            if _UPDATE_KEYWORDS.match(_COMMENT.sub("", text)):
                raise QueryError("SPARQL updates (INSERT, DELETE, LOAD, CLEAR, CREATE, DROP, COPY, MOVE, ADD) are "
                                 "refused: queries are read-only; change the store with kg load") from None
            raise QueryError(f"SPARQL syntax error: {e}") from None
        except (OSError, RuntimeError) as e:
            raise QueryError(f"SPARQL query failed: {e}") from None

    @staticmethod
    def _answer(answer) -> QueryResult:
        """A pyoxigraph answer read to its end (inside the retry: rows are read lazily from the store)."""
        ox = _ox()
        if isinstance(answer, ox.QueryBoolean):
            return QueryResult(["ask"], [{"ask": bool(answer)}])
        if isinstance(answer, ox.QueryTriples):
            rows = [{"subject": python_value(t.subject), "predicate": python_value(t.predicate),
                     "object": python_value(t.object)} for t in answer]
            return QueryResult(["subject", "predicate", "object"], rows)
        columns = [v.value for v in answer.variables]
        # A solution iterates over its values in the order of answer.variables (unbound ones as None).
        return QueryResult(columns, [dict(zip(columns, map(python_value, solution))) for solution in answer])

    def __len__(self):
        return len(self.store)


__all__ = [
    "STORE_ENV", "DEFAULT_STORE", "ONTOLOGY_GRAPH", "STORES", "SPARQL", "CYPHER", "TRIPLES", "TRANSACTIONS",
    "PERSISTENT", "SERVER", "GraphStore", "OxigraphStore", "QueryResult", "default_store_path", "source_key",
    "LOCK_FILE", "LOCK_TIMEOUT", "LOCK_TIMEOUT_ENV", "StoreBusy", "WriterLock", "lock_timeout", "calls_service",
    "store_class", "open_store", "python_value", "oxigraph_term", "rdflib_term", "canonical", "ontology_graph",
    "report_quads", "named_quads", "FLUSH_QUADS", "STAGING",
]

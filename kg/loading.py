"""Loading: report files -> extracted facts -> triples -> stores; each file's facts whole or not at all.

    for outcome in load_files(expand_paths(["samples/"]), store, neo4j=None):
        print(outcome.path, outcome.status)

A file is keyed by its resolved path (kg.store.source_key). A file whose SHA-256 the store already holds is not
read again ("unchanged"); a changed file replaces all of its old facts ("replaced"); a file that cannot be read,
parsed or turned into triples writes nothing ("failed") and the batch goes on. `force` re-extracts unchanged files
too (after an upgrade of kg or its gazetteers). Reports go to the store BATCH at a time, each batch in one
transaction. `push` copies the embedded store's sources to Neo4j.
"""
from __future__ import annotations

import contextlib
import functools
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import SH

from kg import gazetteer
from kg.errors import InputError, KgError
from kg.loaders.triples import reports_to_graph
from kg.model import PROV
from kg.reading import expand_paths
from kg.store import GraphStore, source_key

LOADED, REPLACED, UNCHANGED, FAILED = "loaded", "replaced", "unchanged", "failed"


@dataclass
class Outcome:
    """What happened to one file (or, for push, one source)."""
    path: str
    source: str
    status: str
    facts: int = 0       # fact nodes written: events, visits, memberships, statistics
    triples: int = 0     # triples written to the embedded store (0 when unchanged or failed)
    pushed: bool = False  # written to Neo4j too
    error: KgError | None = None

    @property
    def ok(self):
        return self.error is None


@dataclass
class Summary:
    """Counts over a batch, for the one summary line."""
    counts: dict = field(default_factory=lambda: {LOADED: 0, REPLACED: 0, UNCHANGED: 0, FAILED: 0})
    facts: int = 0
    triples: int = 0
    pushed: int = 0
    outcomes: list = field(default_factory=list)

    def add(self, outcome: Outcome):
        self.outcomes.append(outcome)
        self.counts[outcome.status] += 1
        self.facts += outcome.facts
        self.triples += outcome.triples
        self.pushed += outcome.pushed
        return outcome

    @property
    def reports(self):
        return sum(self.counts.values())

    @property
    def errors(self):
        return self.counts[FAILED]

    def __str__(self):
        c = self.counts
        text = (f"{self.reports} reports: {c[LOADED]} loaded, {c[REPLACED]} replaced, {c[UNCHANGED]} unchanged, "
                f"{c[FAILED]} failed; {self.facts} facts, {self.triples} triples written")
        return text + (f"; {self.pushed} pushed to Neo4j" if self.pushed else "")


# --- files to triples -----------------------------------------------------------------------------------------

@functools.cache
def _surfaces():
    by_org = {}
    for surface, name in gazetteer.load().org_by_surface.items():
        by_org.setdefault(name, []).append(surface)
    return by_org


def org_info(name):
    """The gazetteer's facts about an organization, with every surface form it is written with as an alias.

    So the graph knows 商务厅, 省商务厅 and 四川商务厅 as names of 四川省商务厅, and `--dept` takes any of them.
    """
    info = gazetteer.load().org_info(name)
    if info is None:
        return None
    aliases = list(dict.fromkeys(info.get("aliases", []) + _surfaces().get(name, [])))
    return dict(info, aliases=[a for a in aliases if a != name])


def file_sha256(path) -> str:
    """The SHA-256 of a file's bytes, as kg.reading records it; InputError when the file cannot be read."""
    p = Path(path)
    if not p.exists():
        raise InputError(path, "no such file or folder")
    try:
        return hashlib.sha256(p.read_bytes()).hexdigest()
    except OSError as e:
        raise InputError(path, f"cannot read: {e.strerror or e}") from None


def extract_graph(path) -> Graph:
    """Read, parse and extract one report file and return its triples; InputError on any failure."""
    from kg.pipeline import run
    result = next(iter(run([str(path)])))
    if not result.ok:
        raise result.error
    try:
        return reports_to_graph([result.facts], org_info=org_info)
    except KgError as e:
        raise InputError(path, str(e)) from None


def count_facts(graph: Graph) -> int:
    """Fact nodes in a graph: everything derived from an item (events, visits, memberships, statistics)."""
    return len(set(graph.subjects(PROV.wasDerivedFrom, None)))


def check_shapes(path, graph: Graph):
    """Raise InputError unless `graph` conforms to ontology/shapes.ttl (kg load --shacl; `strict=True` here)."""
    import pyshacl
    from kg.model import load_ontology, load_shapes
    conforms, results, _ = pyshacl.validate(graph, shacl_graph=load_shapes(), ont_graph=load_ontology())
    if conforms:
        return
    messages = sorted({str(m) for m in results.objects(None, SH.resultMessage)})
    more = f" (and {len(messages) - 1} more)" if len(messages) > 1 else ""
    raise InputError(path, f"does not conform to the shapes: {messages[0] if messages else 'violation'}{more}")


# --- into the stores ------------------------------------------------------------------------------------------

#: Reports written to the store together (GraphStore.replace_many: the embedded store writes the new ones in one
#: transaction). It saves a little per report, not much: the store's cost is per quad. A kill loses at most one
#: batch, which the rerun writes.
BATCH = 25


#: The fewest reports written by one kg load that make it compact the store (see worth_compacting).
COMPACT_MIN = 100


def worth_compacting(written: int, held_before: int) -> bool:
    """Whether a load that wrote `written` reports into a store that held `held_before` should compact it.

    Only loads that write at least as many reports as the store held: a first load, a corpus added to a smaller
    store, a --force reload. New bulletins added to a large store leave the merging to RocksDB, which does it as
    writes go on."""
    return written >= max(COMPACT_MIN, held_before)


def _read(path, stored, *, force=False, strict=False, prepared=None, sha=None):
    """What loading `path` asks of the store, before any write: (outcome, graph to write or None, file SHA-256).

    `stored` is the SHA-256 the store holds for the file (None for a new file), `sha` the file's own when already
    computed; the graph is None when there is nothing to write (unchanged, or the file failed)."""
    source = source_key(path)
    try:
        sha = sha or file_sha256(path)
        if stored == sha and not force:
            return Outcome(str(path), source, UNCHANGED), None, sha
        graph = extract_graph(path) if prepared is None else prepared()
        if strict:
            check_shapes(path, graph)
        status = REPLACED if stored else LOADED
        return Outcome(str(path), source, status, count_facts(graph), len(graph)), graph, sha
    except InputError as e:
        return Outcome(str(path), source, FAILED, error=e), None, None


def load_file(path, store: GraphStore, *, neo4j: GraphStore | None = None, force=False, strict=False,
              prepared=None) -> Outcome:
    """Load one report file into `store` (and `neo4j` when given); a failure is returned, not raised.

    `prepared`, when given, returns the file's triples made elsewhere (a kg.parallel worker) instead of extracting
    them here, or raises the InputError that stopped them.
    """
    read = _read(path, store.digest(source_key(path)), force=force, strict=strict, prepared=prepared)
    return _write_both(*read, store, neo4j, force=force)


def _write_both(outcome, graph, sha, store, neo4j, *, force=False) -> Outcome:
    """Write a file read by _read into `store`, then into `neo4j` (when given) unless it holds this version."""
    if graph is not None:
        store.replace(outcome.source, graph)
    if outcome.ok and neo4j is not None and (force or graph is not None or neo4j.digest(outcome.source) != sha):
        neo4j.replace(outcome.source, graph if graph is not None else store.graph(outcome.source))
        outcome.pushed = True
    return outcome


class _Batches:
    """Outcomes in file order, with the new and changed reports written BATCH at a time (store.replace_many).

    An outcome waits until the reports before it are written, so that whoever reads an outcome finds its report in
    the store (in a first load, in the staging store that becomes the store at the end); a failure goes out at once
    with everything before it, so --strict stops right there.
    """

    def __init__(self, store, size=BATCH):
        self.store, self.size = store, size
        self.graphs = []     # (source, graph) not written yet
        self.waiting = []    # outcomes not yielded yet, in file order

    def add(self, outcome, graph=None) -> list:
        """Take one file's outcome (and its graph to write); return the outcomes that may go out now."""
        self.waiting.append(outcome)
        if graph is not None:
            self.graphs.append((outcome.source, graph))
        if outcome.ok and len(self.graphs) < self.size:
            return []
        return self.flush()

    def flush(self) -> list:
        """Write what waits; return every waiting outcome."""
        if self.graphs:
            self.store.replace_many(self.graphs)
        done, self.graphs, self.waiting = self.waiting, [], []
        return done


def load_files(files, store: GraphStore, *, neo4j=None, force=False, strict=False, jobs=1, batch=BATCH,
               on_compact=None):
    """Yield an Outcome per file, in order. The ontology goes into the store first (once; kept when unchanged).

    With jobs > 1, files are read, parsed and extracted in that many worker processes (kg.parallel); the store
    writes stay in this process. Reports are written `batch` at a time, each batch in one transaction (each report
    whole or absent); with `neo4j` one at a time, each into both stores before the next. A first load into an
    embedded store that holds no report is built aside with the bulk loader and takes the store's place at the end
    (OxigraphStore.building): its reports appear together, and a load that fails half-way leaves the store empty.
    A load that writes at least as many reports as the store held compacts it at the end (worth_compacting), after
    calling `on_compact(reports written)` when given.
    """
    held = store.sources()  # source -> SHA-256, kept up to date below: one query, not one per file
    held_before = len(held)
    # A first load into the embedded store is built with the bulk loader (OxigraphStore.building); with Neo4j, each
    # file goes into both stores before the next, so the embedded store must take each write as it comes.
    building = not held and neo4j is None and hasattr(store, "building")
    with store.building() if building else contextlib.nullcontext():
        if hasattr(store, "ensure_ontology"):
            store.ensure_ontology()
        written = yield from _load_each(files, store, held, neo4j=neo4j, force=force, strict=strict, jobs=jobs,
                                        batch=batch)
    if worth_compacting(written, held_before):
        if on_compact is not None:
            on_compact(written)
        store.compact()


def _load_each(files, store, held, *, neo4j, force, strict, jobs, batch):
    """The loop of load_files: yield an Outcome per file; return the number of reports written."""
    written = 0
    hashed = {}  # path -> SHA-256 computed by needs_work, so that _read does not hash the file again

    def needs_work(path):
        """False for a file the store holds unchanged, or one that cannot be read (_read says why)."""
        if force:
            return True
        try:
            hashed[path] = file_sha256(path)
        except InputError:
            return False
        return held.get(source_key(path)) != hashed[path]

    if jobs > 1:
        from kg.parallel import prepare_in_workers
        steps = prepare_in_workers(files, needs_work, strict=strict, jobs=jobs)
    else:
        steps = ((path, None) for path in files)
    batches = _Batches(store, batch)
    for path, prepared in steps:
        # A worker ran the SHACL check itself (strict); the files it did not see are checked here.
        strict_here = strict and prepared is None
        outcome, graph, sha = _read(path, held.get(source_key(path)), force=force, strict=strict_here,
                                    prepared=prepared, sha=hashed.pop(path, None))
        if graph is not None:
            held[outcome.source] = sha
            written += 1
        if neo4j is not None:  # each file into both stores before the next
            yield _write_both(outcome, graph, sha, store, neo4j, force=force)
        else:
            yield from batches.add(outcome, graph)
    yield from batches.flush()
    return written


def load(paths, store: GraphStore, **options) -> Summary:
    """Load files and folders; return the summary (errors are in the outcomes, see load_files)."""
    summary = Summary()
    for outcome in load_files(expand_paths(paths), store, **options):
        summary.add(outcome)
    return summary


#: Reports per Neo4j transaction in a push (whole reports only). Nodes and relationships that the reports of one
#: transaction share are sent once, so larger batches send less: 250 loaded 1,000 reports ~20% faster than 25.
PUSH_BATCH = 250


def push(store: GraphStore, neo4j: GraphStore, *, force=False, batch=PUSH_BATCH):
    """Yield an Outcome per source of `store`, copying to `neo4j` each one it does not hold with the same SHA-256.

    Sources go over `batch` at a time, each batch in one transaction (Neo4jStore.replace_many).
    """
    held = neo4j.sources()
    pending = []

    def flush():
        neo4j.replace_many([(source, graph) for source, graph in pending])
        outcomes = [Outcome(source, source, REPLACED if source in held else LOADED, count_facts(graph), pushed=True)
                    for source, graph in pending]
        pending.clear()
        return outcomes

    for source, sha in sorted(store.sources().items()):
        if force or held.get(source) != sha:
            pending.append((source, store.graph(source)))
            if len(pending) >= batch:
                yield from flush()
        else:
            yield Outcome(source, source, UNCHANGED)
    if pending:
        yield from flush()


__all__ = ["Outcome", "Summary", "LOADED", "REPLACED", "UNCHANGED", "FAILED", "BATCH", "org_info", "file_sha256",
           "extract_graph", "count_facts", "check_shapes", "load_file", "load_files", "load", "push", "PUSH_BATCH",
           "COMPACT_MIN", "worth_compacting"]

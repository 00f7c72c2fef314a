"""Parallel loading (`kg load --jobs N`): read, parse, extract and build triples in worker processes.

    for path, prepared in prepare_in_workers(files, needs_work, jobs=2):
        graph = prepared() if prepared else None

The workers return each report's triples as N-Triples bytes (the text OxigraphStore writes); the store writes stay
in kg.loading.load_files, in this process, so every report is still written whole or not at all, unchanged files
are still skipped and outcomes come back in the order of `files`, exactly as with `--jobs 1`.

Why the triples travel as N-Triples and not as an rdflib Graph: rebuilding a Graph here would cost more than
building it did in the worker (measured on generated bulletins: rdflib parses a report's N-Triples in ~50 ms and
unpickles its terms in ~18 ms; the worker builds the set in ~16 ms), and this process is the bottleneck, since
the store writes happen here. OxigraphStore needs only the N-Triples text and the count (SerializedGraph).

Workers are started with the "spawn" method: this process holds the store open (RocksDB files and threads),
which a forked child must not inherit.
"""
from __future__ import annotations

import collections
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from kg.errors import InputError, KgError

#: Files per task sent to a worker: enough to make the round trip cheap, few enough to keep the workers even.
CHUNK = 4
#: Tasks in flight per worker. Bounds the memory of results the store has not written yet (~100 kB per report).
WINDOW = 4


# --- in the workers -------------------------------------------------------------------------------------------

class _Triples:
    """The least a loaders.triples writer needs (`add`): a set of rdflib triples, without the Graph's indexes.

    rdflib's in-memory store indexes every triple three ways as it is added, which is most of the cost of
    building a report's triples; the workers only need the set, to serialize it once.
    """
    __slots__ = ("triples",)

    def __init__(self):
        self.triples = set()

    def add(self, triple):
        self.triples.add(triple)


def _ntriples(triples) -> bytes:
    # rdflib's own N-Triples row writer, so the lines are the ones Graph.serialize(format="nt") gives. Sorted, so
    # that each subject's triples come together: the store then inserts neighbouring keys one after another, which
    # its skip lists do faster (store writes of 1,000 reports: 25 s of CPU sorted, 30 s in set order).
    from rdflib.plugins.serializers.nt import _nt_row
    return "".join(sorted(map(_nt_row, triples))).encode("utf-8")


@dataclass
class Prepared:
    """What a worker made of one file: its triples as N-Triples, or the InputError that stopped it."""
    path: str
    ntriples: bytes = b""
    count: int = 0
    facts: tuple = ()        # the fact nodes (subjects of prov:wasDerivedFrom), for kg.loading.count_facts
    problem: str | None = None

    def graph(self) -> "SerializedGraph":
        """The triples, for kg.loading; raises the worker's InputError when the file failed."""
        if self.problem is not None:
            raise InputError(self.path, self.problem)
        return SerializedGraph(self.ntriples, self.count, self.facts)


def prepare(path: str, strict: bool = False) -> Prepared:
    """Read, parse and extract one file and serialize its triples: what kg.loading.extract_graph does, and with
    strict=True (`kg load --shacl`) the SHACL check too. An InputError becomes a Prepared holding the problem,
    since the exception itself cannot cross processes (InputError's arguments are not its args)."""
    from kg.loaders.triples import reports_to_graph
    from kg.loading import check_shapes, org_info
    from kg.model import PROV
    from kg.pipeline import run
    result = next(iter(run([path])))
    if not result.ok:
        return Prepared(path, problem=result.error.problem)
    try:
        if strict:  # pyshacl needs a real Graph
            graph = reports_to_graph([result.facts], org_info=org_info)
            check_shapes(path, graph)
            triples = set(graph)
        else:
            collector = _Triples()
            reports_to_graph([result.facts], graph=collector, org_info=org_info)
            triples = collector.triples
    except InputError as e:
        return Prepared(path, problem=e.problem)
    except KgError as e:
        return Prepared(path, problem=str(e))
    facts = tuple({str(s) for s, p, _ in triples if p == PROV.wasDerivedFrom})
    return Prepared(path, _ntriples(triples), len(triples), facts)


def _prepare_chunk(paths, strict):
    return [prepare(path, strict) for path in paths]


def _warm_up():
    """Load the gazetteers and build the extractor once per worker, before the first file."""
    from kg.extraction import default_extractor
    from kg.loading import org_info
    default_extractor()
    org_info("四川省人民政府")


# --- in this process ------------------------------------------------------------------------------------------

class SerializedGraph:
    """One report's triples as N-Triples, standing in for the rdflib Graph kg.loading writes.

    OxigraphStore asks only for `serialize(format="nt")` and `len()`, and count_facts for the subjects of
    prov:wasDerivedFrom: those are answered from what the worker sent. Anything else (Neo4j's projection, pyshacl,
    a store that reads the triples another way) gets a real Graph, parsed once on first use, so a change in how a
    store reads its graph costs time here, never correctness.
    """

    def __init__(self, ntriples: bytes, count: int, facts=()):
        self.ntriples, self.count, self.facts = ntriples, count, tuple(facts)
        self._graph = None

    def serialize(self, destination=None, format="nt", encoding=None, **kwargs):
        if format not in ("nt", "ntriples", "nt11") or destination is not None:
            return self.to_graph().serialize(destination, format=format, encoding=encoding, **kwargs)
        return self.ntriples if encoding else self.ntriples.decode("utf-8")

    def __len__(self):
        return self.count

    def subjects(self, predicate=None, object=None, unique=False):
        from kg.model import PROV
        from rdflib import URIRef
        if predicate == PROV.wasDerivedFrom and object is None:
            return iter([URIRef(s) for s in self.facts])
        return self.to_graph().subjects(predicate, object, unique)

    def __iter__(self):
        return iter(self.to_graph())

    def __contains__(self, triple):
        return triple in self.to_graph()

    def __getattr__(self, name):  # the rest of rdflib's Graph API
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.to_graph(), name)

    def to_graph(self):
        """The triples as an rdflib Graph, parsed once (with pyoxigraph's parser, not rdflib's slower one)."""
        if self._graph is None:
            import pyoxigraph
            from kg.model import new_graph
            from kg.store import rdflib_term
            graph = new_graph()
            for t in pyoxigraph.parse(self.ntriples, format=pyoxigraph.RdfFormat.N_TRIPLES):
                graph.add((rdflib_term(t.subject), rdflib_term(t.predicate), rdflib_term(t.object)))
            self._graph = graph
        return self._graph


def prepare_in_workers(files, needs_work, *, strict=False, jobs=2, chunk=CHUNK, window=WINDOW):
    """Yield (path, prepared) for each of `files`, in order, the files that `needs_work(path)` read and extracted
    by `jobs` worker processes: `prepared()` returns the file's triples (or raises its InputError), and is None
    for a file left to the caller (unchanged, or unreadable: kg.loading says which).

    With strict=True the workers also run the SHACL check (`kg load --shacl`).
    """
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_warm_up)
    pending = collections.deque()   # (paths, future or None), in the order of `files`
    todo = iter(files)

    def submit_next():
        """Queue the next run of files: one chunk for the workers, or one file that needs none. False at the end."""
        paths = []
        for path in todo:
            if needs_work(path):
                paths.append(path)
                if len(paths) == chunk:
                    break
            else:
                if paths:  # keep the order: the chunk so far goes first
                    pending.append((paths, pool.submit(_prepare_chunk, paths, strict)))
                pending.append(([path], None))
                return True
        if paths:
            pending.append((paths, pool.submit(_prepare_chunk, paths, strict)))
        return bool(paths)

    try:
        while len(pending) < jobs * window and submit_next():
            pass
        while pending:
            paths, future = pending.popleft()
            prepared = future.result() if future is not None else [None] * len(paths)
            while len(pending) < jobs * window and submit_next():
                pass
            for path, ready in zip(paths, prepared):
                yield path, (ready.graph if ready is not None else None)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


__all__ = ["CHUNK", "WINDOW", "Prepared", "SerializedGraph", "prepare", "prepare_in_workers"]

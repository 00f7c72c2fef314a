"""Where the embedded store's load time goes: the ways of writing the same reports into Oxigraph, timed.

    python -m bench.store_writes CORPUS [--limit 1000] [--workdir DIR]

The reports' triples are built first (not timed), then each way writes all of them into a fresh store:

- kg: OxigraphStore.replace_many, kg.loading.BATCH reports at a time, as `kg load` does: the N-Quads of reports
  the store does not hold yet, in one transaction (Store.load), the store flushed every kg.store.FLUSH_QUADS;
- sparql: one SPARQL update per report (ref-counted DELETE, DROP, INSERT DATA, ADD TO DEFAULT), as kg wrote
  before (one transaction per report);
- sparql+flush: the same, with the store flushed every 100 reports (RocksDB memtables written out);
- sparql-batched: the same update text for 25 reports joined in one request (one transaction per 25 reports);
- insert-only: INSERT DATA into the report's named graph, without the copy into the default graph;
- load+add: pyoxigraph Store.load of the N-Triples into the named graph, then ADD to the default graph
  (two transactions per report: not atomic, shown for what the SPARQL text costs);
- bulk: Store.bulk_load of every report's named graph and the default graph at once (no transaction at all,
  only for a fresh store).

Each way reports seconds, reports/s and how the time per report moves from the first to the last tenth (a
store that slows down as it grows shows a ratio above 1). An experiment for the store's owner, not a test.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

BATCH = 25
FLUSH_EVERY = 100


def _update(name, body):
    # The SPARQL update kg.store.OxigraphStore wrote for every report before; now only for a report it holds.
    return (f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {name} {{ ?s ?p ?o }}"
            f" FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER (?other != {name}) }} }} ;\n"
            f"DROP SILENT GRAPH {name} ;\n"
            f"INSERT DATA {{ GRAPH {name} {{\n{body}}} }} ;\n"
            f"ADD SILENT {name} TO DEFAULT")


def prepare(corpus, limit):
    from kg.loading import org_info
    from kg.loaders.triples import reports_to_graph
    from kg.parallel import _ntriples, _Triples
    from kg.pipeline import run
    from kg.reading import expand_paths
    from kg.store import source_key
    out = []
    for path in expand_paths([corpus])[:limit or None]:
        result = next(iter(run([path])))
        collector = _Triples()
        reports_to_graph([result.facts], graph=collector, org_info=org_info)
        out.append((source_key(path), _ntriples(collector.triples).decode("utf-8"), len(collector.triples)))
    return out


def timed(label, reports, folder, write):
    import psutil
    from kg.store import OxigraphStore
    shutil.rmtree(folder, ignore_errors=True)
    kg_store = OxigraphStore(folder)
    store = kg_store.store
    rss0 = psutil.Process().memory_info().rss
    per = []
    start, cpu = time.perf_counter(), time.process_time()
    write(kg_store if label == "kg" else store, reports, per)
    rss = psutil.Process().memory_info().rss - rss0
    store.flush()
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    tenth = max(1, len(per) // 10)
    first, last = sum(per[:tenth]) / tenth, sum(per[-tenth:]) / tenth
    result = {"way": label, "seconds": seconds, "cpu_seconds": cpu, "reports_per_s": len(reports) / seconds,
              "quads": len(store),
              "first_tenth_ms_per_report": 1000 * first, "last_tenth_ms_per_report": 1000 * last,
              "slowdown_last_vs_first": last / first if first else None, "rss_growth_mb": rss / 2 ** 20}
    del store
    kg_store.close()
    shutil.rmtree(folder, ignore_errors=True)
    print(json.dumps(result), file=sys.stderr, flush=True)
    return result


def way_kg(store, reports, per):
    from kg.loading import BATCH
    from kg.parallel import SerializedGraph
    for i in range(0, len(reports), BATCH):
        batch = reports[i:i + BATCH]
        t = time.perf_counter()
        store.replace_many([(source, SerializedGraph(body.encode("utf-8"), count)) for source, body, count in batch])
        per.extend([(time.perf_counter() - t) / len(batch)] * len(batch))


def way_sparql(store, reports, per):
    for source, body, _ in reports:
        t = time.perf_counter()
        store.update(_update(f"<{source}>", body))
        per.append(time.perf_counter() - t)


def way_sparql_flush(store, reports, per):
    for i, (source, body, _) in enumerate(reports, 1):
        t = time.perf_counter()
        store.update(_update(f"<{source}>", body))
        if i % FLUSH_EVERY == 0:
            store.flush()  # RocksDB's memtables to disk: without it the process grows ~1 MB per report
        per.append(time.perf_counter() - t)


def way_sparql_batched(store, reports, per):
    for i in range(0, len(reports), BATCH):
        batch = reports[i:i + BATCH]
        t = time.perf_counter()
        store.update(" ;\n".join(_update(f"<{source}>", body) for source, body, _ in batch))
        per.extend([(time.perf_counter() - t) / len(batch)] * len(batch))


def way_insert_only(store, reports, per):
    for source, body, _ in reports:
        t = time.perf_counter()
        store.update(f"INSERT DATA {{ GRAPH <{source}> {{\n{body}}} }}")
        per.append(time.perf_counter() - t)


def way_load_add(store, reports, per):
    import pyoxigraph as ox
    for source, body, _ in reports:
        t = time.perf_counter()
        store.load(body.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(source))
        store.update(f"ADD SILENT <{source}> TO DEFAULT")
        per.append(time.perf_counter() - t)


def way_bulk(store, reports, per):
    import pyoxigraph as ox
    t = time.perf_counter()

    def quads():
        for source, body, _ in reports:
            graph = ox.NamedNode(source)
            for triple in ox.parse(body.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES):
                yield ox.Quad(triple.subject, triple.predicate, triple.object, graph)
                yield ox.Quad(triple.subject, triple.predicate, triple.object, ox.DefaultGraph())
    store.bulk_extend(quads())
    per.extend([(time.perf_counter() - t) / len(reports)] * len(reports))


WAYS = {"kg": way_kg, "sparql": way_sparql, "sparql+flush": way_sparql_flush, "sparql-batched": way_sparql_batched,
        "insert-only": way_insert_only, "load+add": way_load_add, "bulk": way_bulk}


def main(argv=None):
    ap = argparse.ArgumentParser(prog="python -m bench.store_writes", description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("--limit", type=int, default=1000)
    ap.add_argument("--ways", default=",".join(WAYS))
    ap.add_argument("--workdir", default=None)
    ap.add_argument("--out", default=None, help="JSON file for the results")
    args = ap.parse_args(argv)
    work = Path(args.workdir or tempfile.mkdtemp(prefix="kg-store-writes-"))
    work.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    reports = prepare(args.corpus, args.limit)
    print(f"{len(reports)} reports, {sum(n for *_, n in reports)} triples prepared in "
          f"{time.perf_counter() - t:.0f} s", file=sys.stderr)
    results = [timed(way, reports, work / way, WAYS[way]) for way in args.ways.split(",")]
    if args.out:
        Path(args.out).write_text(json.dumps({"reports": len(reports), "results": results}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

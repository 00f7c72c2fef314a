"""The measurements of bench.run, each run in a child process of its own so that its peak memory is its own.

    python -m bench.stages extract --corpus DIR --out result.json [--sample 1000]

Every stage writes one JSON object to --out. Times are wall-clock seconds (time.perf_counter) of the measured
work only: imports, start-up (gazetteers, jieba's dictionary) and preparation (reading graphs back from a store)
are timed apart and reported as such.
"""
from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
import time
from pathlib import Path

#: Canned queries whose parameters bench.stages picks from the data (see pick_params).
QUERIES = ("activities-between", "department-cooperation", "department-profile", "official-profile",
           "program-timeline", "statistics-series", "visits-by-person", "who-visited")


def corpus_files(corpus):
    from kg.reading import expand_paths
    return expand_paths([str(corpus)])


def sample(items, k):
    """`k` items spread evenly over `items` (all of them when k is 0 or more than there are)."""
    if not k or k >= len(items):
        return list(items)
    return [items[i * len(items) // k] for i in range(k)]


def percentile(values, q):
    """Nearest-rank percentile of `values` (q in 0..100)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


def latency(values):
    return {"runs": len(values), "p50_ms": 1000 * percentile(values, 50), "p95_ms": 1000 * percentile(values, 95),
            "mean_ms": 1000 * statistics.fmean(values)}


# --- parse + extract, triples --------------------------------------------------------------------------------

def stage_extract(args):
    """Read, parse and extract every file (streaming, as kg load does), then build triples for a sample."""
    import resource
    from kg.extraction import default_extractor, extract_report
    from kg.loaders.triples import reports_to_graph
    from kg.loading import org_info
    from kg.parallel import _ntriples, _Triples
    from kg.parsing import parse_report
    from kg.reading import read_source

    files = corpus_files(args.corpus)
    t = time.perf_counter()
    default_extractor()
    org_info("四川省人民政府")
    startup = time.perf_counter() - t

    read = parse_extract = 0.0
    items = characters = 0
    for path in files:
        t0 = time.perf_counter()
        source = read_source(path)
        t1 = time.perf_counter()
        facts = extract_report(parse_report(source))
        t2 = time.perf_counter()
        read += t1 - t0
        parse_extract += t2 - t1
        items += len(facts["items"])
        characters += len(source.text)
    del facts
    out = {"reports": len(files), "items": items, "characters": characters, "startup_s": startup,
           "read_s": read, "parse_extract_s": parse_extract,
           "reports_per_s": len(files) / (read + parse_extract),
           "parse_extract_reports_per_s": len(files) / parse_extract,
           # the process's peak so far: before the triples sample below, which holds a thousand Graphs at once
           "parse_extract_peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    if args.no_triples:
        return out
    kept = [extract_report(parse_report(read_source(path))) for path in sample(files, args.sample)]

    # Triples: the rdflib Graph that kg load --jobs 1 builds, and the set a --jobs N worker builds instead.
    t = time.perf_counter()
    graphs = [reports_to_graph([facts], org_info=org_info) for facts in kept]
    graph_s = time.perf_counter() - t
    t = time.perf_counter()
    bodies = [g.serialize(format="nt", encoding="utf-8") for g in graphs]
    graph_nt_s = time.perf_counter() - t
    triples = sum(len(g) for g in graphs)
    del graphs, bodies
    t = time.perf_counter()
    collected = []
    for facts in kept:
        collector = _Triples()
        reports_to_graph([facts], graph=collector, org_info=org_info)
        collected.append(collector.triples)
    set_s = time.perf_counter() - t
    t = time.perf_counter()
    for triple_set in collected:
        _ntriples(triple_set)
    set_nt_s = time.perf_counter() - t
    assert sum(len(s) for s in collected) == triples
    out["triples"] = {
        "reports": len(kept), "sampled": len(kept) < len(files), "triples": triples,
        "triples_per_report": triples / max(1, len(kept)),
        "graph_s": graph_s, "graph_nt_s": graph_nt_s, "set_s": set_s, "set_nt_s": set_nt_s,
        "graph_triples_per_s": triples / graph_s, "set_triples_per_s": triples / set_s,
        "graph_with_nt_triples_per_s": triples / (graph_s + graph_nt_s),
        "set_with_nt_triples_per_s": triples / (set_s + set_nt_s),
    }
    return out


def stage_jieba(args):
    """jieba posseg over the same texts kg parses (Source.text), on all files or an even sample."""
    import jieba
    import jieba.posseg
    from kg.reading import read_source
    jieba.setLogLevel(60)
    files = sample(corpus_files(args.corpus), args.sample)
    texts = [read_source(path).text for path in files]
    t = time.perf_counter()
    jieba.initialize()
    list(jieba.posseg.cut("四川省政府政务服务和公共资源交易服务中心"))  # posseg loads its own model on first use
    startup = time.perf_counter() - t
    t = time.perf_counter()
    words = 0
    for text in texts:
        words += sum(1 for _ in jieba.posseg.cut(text))
    seconds = time.perf_counter() - t
    return {"reports": len(texts), "sampled": len(texts) < len(corpus_files(args.corpus)), "words": words,
            "startup_s": startup, "seconds": seconds, "reports_per_s": len(texts) / seconds,
            "version": jieba.__version__}


# --- canned queries ------------------------------------------------------------------------------------------

def _first(store, sparql):
    rows = store.query(sparql).rows
    return next(iter(rows[0].values())) if rows else None


def pick_params(store) -> dict:
    """Realistic parameters for the canned queries, taken from the data: the department visited most (by its
    shortest alias, as people type it), the official seen most, the commonest metric, a month in the middle."""
    prefixes = """PREFIX kg: <https://w3id.org/kg-bulletins/ontology#> PREFIX org: <http://www.w3.org/ns/org#>
        PREFIX foaf: <http://xmlns.com/foaf/0.1/> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        PREFIX dcterms: <http://purl.org/dc/terms/> """
    org = _first(store, prefixes + """SELECT ?o WHERE { ?v a kg:Visit ; kg:visitorOrganization ?o }
        GROUP BY ?o ORDER BY DESC(COUNT(?v)) STR(?o) LIMIT 1""")
    alias = _first(store, prefixes + f"""SELECT ?name WHERE {{ <{org}> skos:altLabel|skos:prefLabel ?name }}
        ORDER BY STRLEN(STR(?name)) STR(?name) LIMIT 1""") if org else None
    visitor = _first(store, prefixes + """SELECT ?name WHERE { ?v a kg:Visit ; kg:visitor ?p . ?p foaf:name ?name }
        GROUP BY ?name ORDER BY DESC(COUNT(?v)) STR(?name) LIMIT 1""")
    official = _first(store, prefixes + """SELECT ?name WHERE { ?m a org:Membership ; org:member ?p .
        ?p foaf:name ?name } GROUP BY ?name ORDER BY DESC(COUNT(?m)) STR(?name) LIMIT 1""")
    metric = _first(store, prefixes + """SELECT ?metric WHERE { ?s a kg:Statistic ; kg:metric ?metric }
        GROUP BY ?metric ORDER BY DESC(COUNT(?s)) STR(?metric) LIMIT 1""")
    dates = sorted(str(r["d"]) for r in store.query(prefixes + """SELECT ?d WHERE { ?r a kg:Report ;
        dcterms:issued ?d }""").rows)
    middle = dates[len(dates) // 2] if dates else "2023-06-15"
    month = middle[:7]
    year, mon = int(month[:4]), int(month[5:7])
    last = (30 if mon in (4, 6, 9, 11) else 28 if mon == 2 else 31)
    return {
        "activities-between": {"from": f"{month}-01", "to": f"{month}-{last:02d}"},
        "department-cooperation": {"dept": alias},
        "department-profile": {"dept": alias},
        "official-profile": {"name": official},
        "program-timeline": {"name": "一件事"},
        "statistics-series": {"metric": metric},
        "visits-by-person": {"name": visitor},
        "who-visited": {"dept": alias, "from": f"{year - 1}-01-01", "to": f"{year + 1}-12-31"},
    }


class QueryTimeout(Exception):
    """A query's first run took longer than the timeout."""


def _on_alarm(signum, frame):
    raise QueryTimeout()


def time_queries(store, params, reps, budget_s=None, names=QUERIES, timeout_s=None):
    """Each canned query: one warm-up run, then `reps` timed runs (fewer when `budget_s` runs out).

    `timeout_s` interrupts a warm-up run that takes longer (SIGALRM: only engines that run Python code between
    rows, such as rdflib, can be interrupted; the others are bounded by the parent killing the process).
    A query that fails is recorded with its error and the others still run.
    """
    import signal
    from kg import canned
    out = {}
    for name in names:
        query = canned.get(name)
        try:
            if timeout_s:
                signal.signal(signal.SIGALRM, _on_alarm)
                signal.setitimer(signal.ITIMER_REAL, timeout_s)
            try:
                t = time.perf_counter()
                rows = len(canned.run(query, store, params[name]))
                first = time.perf_counter() - t
            finally:
                if timeout_s:
                    signal.setitimer(signal.ITIMER_REAL, 0)
        except QueryTimeout:
            out[name] = {"timed_out": True, "timeout_s": timeout_s}
            continue
        except Exception as e:  # noqa: BLE001 - an engine's failure is a result to report
            out[name] = {"error": f"{type(e).__name__}: {e}"[:400]}
            continue
        times = []
        spent = first
        while len(times) < reps and (budget_s is None or spent + (times[-1] if times else first) <= budget_s):
            t = time.perf_counter()
            canned.run(query, store, params[name])
            times.append(time.perf_counter() - t)
            spent += times[-1]
        if not times:  # too slow for a second run within the budget: the warm-up is the only sample
            times = [first]
        out[name] = dict(latency(times), rows=rows, first_ms=1000 * first, warm_up_only=len(times) == 1 and reps > 1)
    return out


def stage_params(args):
    """Pick the query parameters from the embedded store (see pick_params)."""
    from kg.store import OxigraphStore
    with OxigraphStore(args.store, read_only=True) as store:
        t = time.perf_counter()
        params = pick_params(store)
        return {"params": params, "pick_params_s": time.perf_counter() - t}


def stage_queries(args):
    """Canned queries (--only, else all) on the embedded store, opened read-only as kg query opens it."""
    from kg.store import OxigraphStore
    params = json.loads(Path(args.params).read_text(encoding="utf-8"))
    names = args.only.split(",") if args.only else QUERIES
    with OxigraphStore(args.store, read_only=True) as store:
        return {"queries": time_queries(store, params, args.reps, budget_s=args.budget, names=names)}


class RdflibStore:
    """rdflib's in-memory SPARQL engine behind the part of the store interface canned.run needs.

    Parameters go in with initBindings, as rdflib documents it (prepareQuery + initBindings). rdflib has no LATERAL:
    it runs the queries without them (kg.canned.without_lateral: the same answer)."""
    name, language = "rdflib", "sparql"

    def __init__(self, graph):
        self.graph = graph

    def query(self, text, params=None):
        import datetime
        from rdflib import Literal, Variable
        from kg.store import QueryResult
        bindings = {Variable(k): Literal(v) if isinstance(v, (str, datetime.date)) else v
                    for k, v in (params or {}).items()}
        from kg.canned import without_lateral
        result = self.graph.query(without_lateral(text), initBindings=bindings)
        columns = [str(v) for v in result.vars]
        rows = [{c: _plain(value) for c, value in zip(columns, row)} for row in result]
        return QueryResult(columns, rows)


def _plain(term):
    """An rdflib term as kg.store.python_value gives a pyoxigraph one: IRIs as text, numbers, ISO dates."""
    import datetime
    import decimal
    from rdflib import BNode, Literal
    if term is None:
        return None
    if isinstance(term, BNode):
        return f"_:{term}"
    if not isinstance(term, Literal):
        return str(term)
    value = term.toPython()
    if isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return str(term)


def patch_rdflib():
    """Work around two bugs of rdflib's SPARQL engine (7.6) that stop 7 of the 8 canned queries, so that it runs
    the same text: an aggregate with DISTINCT over an unbound value raises NotBoundError instead of skipping the
    row (GROUP_CONCAT(DISTINCT ?x) under OPTIONAL), and ORDER BY compares None with None when a key is an error
    value. Both patches only do what the SPARQL spec says; they are applied in the benchmark's child process only.
    """
    from rdflib.plugins.sparql import evaluate
    from rdflib.plugins.sparql.aggregates import Accumulator
    from rdflib.plugins.sparql.sparql import NotBoundError
    use_row, val = Accumulator.use_row, evaluate._val

    def use_row_unbound_skipped(self, row):
        try:
            return use_row(self, row)
        except NotBoundError:
            return False

    def val_errors_first(v):
        key = val(v)
        return (-1, "") if key is None else key

    Accumulator.use_row = use_row_unbound_skipped
    evaluate._val = val_errors_first


def stage_rdflib(args):
    """The same canned queries on rdflib's in-memory Graph holding the store's default graph (data + ontology)."""
    import pyoxigraph
    from rdflib import Graph
    from kg.store import OxigraphStore, rdflib_term
    params = json.loads(Path(args.params).read_text(encoding="utf-8"))
    t = time.perf_counter()
    graph = Graph()
    with OxigraphStore(args.store, read_only=True) as store:
        for q in store.store.quads_for_pattern(None, None, None, pyoxigraph.DefaultGraph()):
            graph.add((rdflib_term(q.subject), rdflib_term(q.predicate), rdflib_term(q.object)))
    load_s = time.perf_counter() - t
    patch_rdflib()
    return {"triples": len(graph), "load_s": load_s, "patched": "see bench.stages.patch_rdflib", "rdflib_version": __import__("rdflib").__version__,
            "queries": time_queries(RdflibStore(graph), params, args.reps, budget_s=args.budget,
                                    timeout_s=args.timeout)}


# --- Neo4j ---------------------------------------------------------------------------------------------------

def _clear(driver):
    """Empty the server in small transactions: relationships first, then nodes. One DETACH DELETE of everything can
    exhaust the heap, and so can batches of DETACH DELETE at 10,000 reports, where one node (a month, a department)
    carries tens of thousands of relationships that its batch deletes along with it."""
    with driver.session() as session:
        session.run("MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS").consume()
        session.run("MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()


def _counts(driver):
    records, _, _ = driver.execute_query("MATCH (n) RETURN count(n) AS n")
    nodes = records[0]["n"]
    records, _, _ = driver.execute_query("MATCH ()-[r]->() RETURN count(r) AS n")
    return {"nodes": nodes, "relationships": records[0]["n"]}


class TimedNeo4jStore:
    """kg's Neo4jStore.query with a transaction timeout, so the server ends a query that runs too long
    (Neo4j community has no dynamic db.transaction.timeout); otherwise the same call and the same conversion."""
    name, language = "neo4j", "cypher"

    def __init__(self, store, timeout):
        self.store, self.timeout = store, timeout

    def query(self, text, params=None):
        import neo4j
        from kg.neo4j_store import plain
        from kg.store import QueryResult
        result = self.store.driver.execute_query(neo4j.Query(text, timeout=self.timeout), params or {},
                                                 routing_=neo4j.RoutingControl.READ, database_=self.store.database)
        columns = list(result.keys)
        return QueryResult(columns, [{c: plain(record[c]) for c in columns} for record in result.records])


#: Reports each Neo4j loader writes once before the timed rounds (see stage_neo4j).
WARM_UP = 25


def stage_neo4j(args):
    """kg's Neo4j load against rdflib-neo4j's batched Neo4jStore on the same triples, in alternating rounds on the
    emptied server; then kg's canned queries; then one statement per row on a sample.

    Rounds alternate (rdflib-neo4j, then kg) after a warm-up of each on the first WARM_UP reports, so that neither is
    timed on a cold JVM (the server compiles and plans as it goes: a fresh server is several times slower for its
    first seconds); each one's best round is its result. kg's last load stays for the queries.
    """
    import neo4j
    from rdflib_neo4j import HANDLE_VOCAB_URI_STRATEGY, Neo4jStoreConfig
    from kg.loading import PUSH_BATCH
    from kg.neo4j_store import Neo4jStore
    from kg.projection import project
    from kg.store import ONTOLOGY_GRAPH, OxigraphStore

    params = json.loads(Path(args.params).read_text(encoding="utf-8"))
    out = {}
    t = time.perf_counter()
    with OxigraphStore(args.store, read_only=True) as store:
        sources = sorted(s for s in store.sources() if s != ONTOLOGY_GRAPH)
        graphs = [(source, store.graph(source)) for source in sources]
    out["prepare_s"] = time.perf_counter() - t
    projections = [(source, project(graph)) for source, graph in graphs]
    node_rows = sum(len(pg.nodes) for _, pg in projections)
    rel_rows = sum(len(pg.relationships) for _, pg in projections)
    triples_sent = sum(len(g) for _, g in graphs)
    del projections
    # rdflib-neo4j gets the distinct triples, grouped by subject as a parser of Turtle would hand them over (its
    # store merges consecutive triples of one subject into one row).
    distinct = set()
    for _, graph in graphs:
        distinct.update(graph)
    ordered = sorted(distinct, key=lambda t: (str(t[0]), str(t[1])))
    del distinct
    config = Neo4jStoreConfig(auth_data=None, handle_vocab_uri_strategy=HANDLE_VOCAB_URI_STRATEGY.IGNORE,
                              batching=True)

    driver = neo4j.GraphDatabase.driver(args.uri, auth=None)
    records, _, _ = driver.execute_query("CALL dbms.components() YIELD versions RETURN versions[0] AS v")
    out["server_version"] = records[0]["v"]
    kg_store = Neo4jStore(uri=args.uri)

    def load_kg(items):
        _clear(driver)
        t = time.perf_counter()
        for i in range(0, len(items), PUSH_BATCH):
            kg_store.replace_many(items[i:i + PUSH_BATCH])
        return time.perf_counter() - t

    def load_rdflib_neo4j(triples):
        from rdflib import Graph
        from rdflib_neo4j import Neo4jStore as RdflibNeo4jStore
        _clear(driver)
        t = time.perf_counter()
        rdf = Graph(store=RdflibNeo4jStore(config=config, neo4j_driver=driver))
        rdf.open(config)
        for triple in triples:
            rdf.add(triple)
        rdf.close(True)
        return time.perf_counter() - t

    _clear(driver)
    t = time.perf_counter()
    kg_store.ensure_schema()
    out["kg_schema_s"] = time.perf_counter() - t
    warm = set()
    for _, graph in graphs[:WARM_UP]:
        warm.update(graph)
    out["warm_up_reports"] = len(graphs[:WARM_UP])
    out["warm_up_s"] = {"kg": load_kg(graphs[:WARM_UP]),
                        "rdflib_neo4j": load_rdflib_neo4j(sorted(warm, key=lambda t: (str(t[0]), str(t[1]))))}
    rounds = {"kg": [], "rdflib_neo4j": []}
    counts = {}
    for _ in range(args.rounds):
        rounds["rdflib_neo4j"].append(load_rdflib_neo4j(ordered))
        counts["rdflib_neo4j"] = _counts(driver)
        rounds["kg"].append(load_kg(graphs))
        counts["kg"] = _counts(driver)
    seconds = min(rounds["kg"])
    out["kg"] = {"seconds": seconds, "rounds_s": rounds["kg"], "reports": len(graphs),
                 "reports_per_transaction": PUSH_BATCH, "rows": node_rows + rel_rows,
                 "node_rows": node_rows, "relationship_rows": rel_rows, "triples": triples_sent,
                 "rows_per_s": (node_rows + rel_rows) / seconds, "triples_per_s": triples_sent / seconds,
                 **counts["kg"]}
    seconds = min(rounds["rdflib_neo4j"])
    out["rdflib_neo4j"] = {"seconds": seconds, "rounds_s": rounds["rdflib_neo4j"], "triples": len(ordered),
                           "triples_per_s": len(ordered) / seconds, "batch_size": config.batch_size,
                           "version": _version("rdflib-neo4j"), **counts["rdflib_neo4j"]}
    out["queries"] = time_queries(TimedNeo4jStore(kg_store, args.timeout), params, args.reps, budget_s=args.budget)

    # One statement per row, each in its own transaction: the first reports until the sample is reached, so that
    # every relationship finds its two nodes, with kg's own statements (UNWIND over a single row).
    _clear(driver)
    chosen, rows = [], 0
    for source, graph in graphs:
        pg = project(graph)
        chosen.append((source, pg))
        rows += len(pg.nodes) + len(pg.relationships)
        if rows >= args.naive_sample:
            break
    statements = list(kg_store._statements(chosen))
    n = 0
    t = time.perf_counter()
    with driver.session() as session:
        for cypher, batch in statements:
            for row in batch:
                session.run(cypher, rows=[row]).consume()
                n += 1
    seconds = time.perf_counter() - t
    out["one_statement_per_row"] = {
        "sample_rows": n, "sample_seconds": seconds, "rows_per_s": n / seconds,
        "extrapolated_seconds": seconds / n * (node_rows + rel_rows), "extrapolated": True}
    kg_store.close()
    _clear(driver)
    driver.close()
    return out


def _version(package):
    from importlib.metadata import PackageNotFoundError, version
    try:
        return version(package)
    except PackageNotFoundError:
        return None


STAGES = {"extract": stage_extract, "jieba": stage_jieba, "params": stage_params, "queries": stage_queries,
          "rdflib": stage_rdflib, "neo4j": stage_neo4j}


def main(argv=None):
    ap = argparse.ArgumentParser(prog="python -m bench.stages", description=__doc__.split("\n\n")[0])
    ap.add_argument("stage", choices=sorted(STAGES))
    ap.add_argument("--out", required=True, help="JSON file to write the result to")
    ap.add_argument("--corpus", help="folder of bulletins (extract, jieba)")
    ap.add_argument("--store", help="embedded store folder (queries, rdflib, neo4j)")
    ap.add_argument("--params", help="JSON file of query parameters (rdflib, neo4j)")
    ap.add_argument("--uri", help="Neo4j Bolt URI (neo4j)")
    ap.add_argument("--sample", type=int, default=0, help="files to sample (0: all)")
    ap.add_argument("--reps", type=int, default=20, help="timed runs per query")
    ap.add_argument("--budget", type=float, default=20.0, help="seconds of timed runs per query")
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds a query's first run may take")
    ap.add_argument("--only", help="comma-separated canned query names (queries)")
    ap.add_argument("--naive-sample", type=int, default=2000, help="rows for one statement per row (neo4j)")
    ap.add_argument("--rounds", type=int, default=2, help="alternating load rounds (neo4j)")
    ap.add_argument("--no-triples", action="store_true", help="skip the triples sample (extract)")
    args = ap.parse_args(argv)
    result = STAGES[args.stage](args)
    Path(args.out).write_text(json.dumps(result, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

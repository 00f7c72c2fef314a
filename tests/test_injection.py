"""Issue 7, injection: hostile text in bulletins, names and file names is data, never query text; kg sparql and
kg cypher refuse writes and anything that reaches outside the store (tests/test_queries.py covers parameters)."""
import http.server
import threading

import pytest
from rdflib import Literal, URIRef

import faults
from kg import loading
from kg.errors import QueryError
from kg.model import KG
from kg.neo4j_store import Neo4jStore, check_read_only
from kg.parsing import parse_text
from kg.store import OxigraphStore, calls_service, source_key
from neo4j_fixture import graph_db, neo4j_uri  # noqa: F401  (fixtures, found by name)
from stores import SAMPLES, kg, default_graph, write_bulletin

# Cypher and SPARQL that would rewrite the graph if it were pasted into a statement.
PAYLOADS = [
    '"}) DETACH DELETE n //',
    "'}) MATCH (n) DETACH DELETE n //",
    "`) DETACH DELETE n //",
    "王明'}) SET n.name = 'x' //",
    "} ; DROP ALL ;",
    '"} } ; DROP ALL ; INSERT DATA { <urn:x> <urn:y> "z',
    '\\"; CLEAR ALL #',
    "${dept} ?dept {{x}} $rows",
]
HOSTILE_FILE = "x'\"}) DETACH DELETE n; } ; DROP ALL ; <urn:a> {{b}}.txt"


def hostile(payload, issue=50):
    """A weekly bulletin quoting `payload` in its visit item and naming a department after it."""
    return (faults.weekly(issue, "王明")
            .replace("到省政务服务大厅窗口调研。", f"到省政务服务大厅窗口调研，留言“{payload}”。")
            .replace("农业农村厅窗口赴眉山市", f"省{payload}厅窗口赴眉山市"))


def item_texts(text):
    """The clean texts of the items that carry the payload, as the parser gives them (spaces between words go)."""
    return sorted(i.text for i in parse_text(text).items if "留言" in i.text or "眉山" in i.text)


class Listener:
    """An HTTP server on 127.0.0.1 that counts requests: nothing kg runs may call it."""

    def __init__(self):
        hits = self.hits = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                hits.append(self.path)
                self.send_response(200)
                self.end_headers()
                self.wfile.write(b"a,b\n1,2\n")
            do_POST = do_GET

            def log_message(self, *args):
                pass
        self.server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def listener():
    server = Listener()
    yield server
    server.close()


# --- hostile text in bulletins and names --------------------------------------------------------------------------

def test_hostile_text_in_bulletins_is_stored_as_its_literal_text(tmp_path):
    """Each payload quoted in a bulletin and written as a department's name; the same bulletins with x's instead
    give a graph of the same size, and the sample bulletins loaded alongside are untouched."""
    for folder, text in (("in", lambda p: p), ("benign", lambda p: "x" * len(p))):
        (tmp_path / folder).mkdir()
        for i, payload in enumerate(PAYLOADS):
            write_bulletin(tmp_path / folder, f"{i}.txt", hostile(text(payload), 50 + i))
        assert kg("load", SAMPLES, tmp_path / folder, "--store", tmp_path / f"{folder}.store").exit_code == 0

    with OxigraphStore(tmp_path / "in.store", read_only=True) as store, \
            OxigraphStore(tmp_path / "benign.store", read_only=True) as benign:
        for i, payload in enumerate(PAYLOADS):
            texts = {r["t"] for r in store.query(   # SEP-0007: the bound ?p and ?g are projected
                f"SELECT ?t ?p ?g WHERE {{ GRAPH ?g {{ ?i <{KG.text}> ?t FILTER(CONTAINS(?t, ?p)) }} }}",
                {"p": "".join(payload.split()), "g": URIRef(source_key(tmp_path / "in" / f"{i}.txt"))}).rows}
            assert texts == set(item_texts(hostile(payload, 50 + i))), payload
        assert len(default_graph(store)) == len(default_graph(benign))
        for f in sorted(SAMPLES.glob("*.txt")):
            assert set(store.graph(source_key(f))) == set(benign.graph(source_key(f)))
    files = [*SAMPLES.glob("*.txt"), *(tmp_path / "in").glob("*.txt")]
    assert faults.check_embedded(tmp_path / "in.store", faults.expected_graphs(files)) == 5 + len(PAYLOADS)


def _renamed(graph, old, new):
    """`graph` with every literal `old` (a name) replaced by `new`."""
    out = type(graph)()
    for s, p, o in graph:
        if isinstance(o, Literal) and str(o) == old:
            o = Literal(new, lang=o.language, datatype=o.datatype)
        out.add((s, p, o))
    return out


@pytest.mark.parametrize("payload", PAYLOADS[:5])
def test_hostile_person_and_department_names_are_values_in_the_store(tmp_path, payload):
    path = write_bulletin(tmp_path, "weekly.txt", faults.weekly(50, "王明"))
    graph = _renamed(_renamed(loading.extract_graph(path), "王明", payload), "四川省教育厅", f"四川省{payload}厅")
    with OxigraphStore(tmp_path / "s") as store:
        store.replace(source_key(path), graph)
        names = store.query("SELECT DISTINCT ?n ?a ?b WHERE { ?x ?name ?n FILTER(STR(?n) IN (?a, ?b)) }",
                            {"a": payload, "b": f"四川省{payload}厅"}).rows
        assert sorted(r["n"] for r in names) == sorted([payload, f"四川省{payload}厅"])
        assert len(default_graph(store)) == len(graph)


def test_hostile_file_name_is_a_value_too(tmp_path):
    path = write_bulletin(tmp_path, HOSTILE_FILE, faults.weekly(50, "王明"))
    result = kg("load", SAMPLES, path, "--store", tmp_path / "s")
    assert result.exit_code == 0, result.output
    with OxigraphStore(tmp_path / "s", read_only=True) as store:
        assert source_key(path) in store.sources()
        files = store.query(f"SELECT ?f WHERE {{ ?r <{KG.sourceFile}> ?f }} ORDER BY ?f").rows
        assert HOSTILE_FILE in [r["f"] for r in files] and len(files) == 6
    assert faults.check_embedded(tmp_path / "s", faults.expected_graphs([*SAMPLES.glob("*.txt"), path])) == 6


@pytest.mark.neo4j
def test_neo4j_hostile_text_names_and_file_names_are_values(graph_db, neo4j_uri, tmp_path):  # noqa: F811
    (tmp_path / "in").mkdir()
    files = [write_bulletin(tmp_path / "in", f"{i}.txt", hostile(payload, 50 + i))
             for i, payload in enumerate(PAYLOADS[:4])]
    files.append(write_bulletin(tmp_path / "in", HOSTILE_FILE, faults.weekly(60, "王明")))
    result = kg("load", tmp_path / "in", "--store", tmp_path / "s", "--uri", neo4j_uri)
    assert result.exit_code == 0, result.output
    assert faults.check_neo4j(graph_db, faults.expected_projections(files)) == 5
    for payload in PAYLOADS[:4]:
        rows = graph_db.query("MATCH (i:Item) WHERE i.text CONTAINS $p RETURN count(i) AS n",
                              {"p": "".join(payload.split())}).rows
        assert rows == [{"n": 2}]
    # A name written with the payloads, through the projection's parameters.
    graph = _renamed(loading.extract_graph(files[-1]), "王明", PAYLOADS[0])
    graph_db.replace(source_key(files[-1]), graph)
    assert graph_db.query("MATCH (p:Person {name: $n}) RETURN count(p) AS n", {"n": PAYLOADS[0]}).rows == [{"n": 1}]
    assert faults.neo4j_counts(graph_db)[0] > 0


# --- kg sparql refuses writes and remote endpoints ---------------------------------------------------------------

@pytest.mark.parametrize("text, refused", [
    ("SELECT * WHERE { SERVICE <{url}/sparql> { ?s ?p ?o } }", True),
    ("select * where { service silent <{url}/sparql> { ?s ?p ?o } }", True),
    ("SELECT * WHERE { \\u0053ERVICE <{url}/sparql> { ?s ?p ?o } }", True),
    ("PREFIX s: <{url}/>\nSELECT * WHERE { ?x ?p ?o . SERVICE s:sparql { ?s ?p ?o } }", True),
    ("SELECT * WHERE { ?x ?p ?o FILTER(?x<1)SERVICE<{url}/sparql>{?s ?p ?o} }", True),
    ("SELECT ?service WHERE { ?service a <urn:SERVICE> }", False),
    ("SELECT * WHERE { ?s <http://schema.org/service> ?o . ?s ?p 'SERVICE <http://x> {}' } # SERVICE", False),
    ("SELECT * WHERE { ?s schema:service ?o }", False),
])
def test_calls_service_finds_the_keyword_not_the_word(text, refused):
    assert calls_service(text.replace("{url}", "http://127.0.0.1:9")) is refused


@pytest.fixture(scope="module")
def samples_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("samples") / "store"
    assert kg("load", SAMPLES, "--store", path).exit_code == 0
    return path


@pytest.mark.parametrize("text", [
    "SELECT * WHERE { SERVICE <{url}/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE SILENT <{url}/sparql> { ?s ?p ?o } }",
    "ASK { SERVICE <{url}/sparql> { ?s ?p ?o } }",
    "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <{url}/sparql> { ?s ?p ?o } }",
], ids=["select", "silent", "ask", "construct"])
def test_sparql_refuses_service_and_calls_no_one(samples_store, listener, text):
    result = kg("sparql", text.replace("{url}", listener.url), "--store", samples_store)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == ("Error: SPARQL SERVICE (a query sent to another endpoint) is refused: queries read the "
                             "local store only\n")
    assert listener.hits == []


@pytest.mark.parametrize("update", [
    "LOAD <{url}/data.ttl>",
    "LOAD SILENT <{url}/data.ttl> INTO GRAPH <urn:g>",
    "CLEAR ALL",
    "CLEAR SILENT GRAPH <urn:g>",
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "DELETE DATA { <urn:a> <urn:b> <urn:c> }",
    "DROP SILENT DEFAULT",
    "COPY DEFAULT TO <urn:g>",
    "MOVE DEFAULT TO <urn:g>",
    "ADD DEFAULT TO <urn:g>",
    "CREATE GRAPH <urn:g>",
    "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "SELECT * WHERE { ?s ?p ?o } ; DROP ALL",
    "# SELECT\nPREFIX kg: <https://w3id.org/kg-bulletins/ontology#>\nINSERT { ?s kg:x 1 } WHERE { ?s a kg:Report }",
])
def test_sparql_refuses_updates_and_changes_nothing(samples_store, listener, update):
    with OxigraphStore(samples_store, read_only=True) as store:
        before = default_graph(store)
    result = kg("sparql", update.replace("{url}", listener.url), "--store", samples_store)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.startswith("Error: SPARQL ") and result.stderr.count("\n") == 1
    with OxigraphStore(samples_store, read_only=True) as store:
        assert default_graph(store) == before
    assert listener.hits == []


# --- kg cypher refuses writes and what reaches outside the graph -------------------------------------------------

CYPHER_REFUSED_HERE = [
    ("LOAD CSV FROM '{url}/x.csv' AS row RETURN row", "LOAD CSV is refused"),
    ("load /* a comment */ csv with headers from '{url}/x.csv' AS row RETURN row", "LOAD CSV is refused"),
    ("CALL { MATCH (n) DETACH DELETE n } IN TRANSACTIONS", "IN TRANSACTIONS"),
    ("CALL { MATCH (n) RETURN n } IN 2 CONCURRENT TRANSACTIONS OF 10 ROWS RETURN count(*)", "IN TRANSACTIONS"),
    ("TERMINATE TRANSACTIONS 'neo4j-transaction-1'", "IN TRANSACTIONS"),
    ("CALL apoc.load.json('{url}/x.json') YIELD value RETURN value", "APOC load"),
    ("CALL `apoc`.`load`.`json`('{url}/x.json') YIELD value RETURN value", "APOC load"),
    ("CALL apoc.cypher.doIt('MATCH (n) DETACH DELETE n', {}) YIELD value RETURN value", "APOC load"),
    ("RETURN apoc.cypher.runFirstColumnSingle(\"LOAD CSV FROM '{url}/x' AS r RETURN r\", {}) AS x", "APOC load"),
    ("CALL apoc.periodic.iterate('MATCH (n) RETURN n', 'DETACH DELETE n', {}) YIELD batches RETURN batches",
     "APOC load"),
    ("CALL apoc.export.csv.all('/tmp/kg.csv', {})", "APOC load"),
    ("CALL apoc.create.node(['Person'], {name: 'x'}) YIELD node RETURN node", "procedure apoc.create.node"),
    ("CALL db.createLabel('X')", "procedure db.createLabel"),
    ("CALL dbms.security.createUser('kg', 'secret', false)", "procedure dbms.security.createUser"),
]


@pytest.mark.parametrize("text, message", CYPHER_REFUSED_HERE)
def test_check_read_only_refuses_before_sending(text, message):
    with pytest.raises(QueryError, match=message):
        check_read_only(text.replace("{url}", "http://127.0.0.1:9"))


@pytest.mark.parametrize("text", [
    "MATCH (n) RETURN n.transactions AS transactions",
    "MATCH (n {name: 'LOAD CSV'}) RETURN n // CALL apoc.load.json",
    "CALL db.labels() YIELD label RETURN label",
    "CALL apoc.meta.stats() YIELD labels RETURN labels",
    "MATCH (o:Organization) CALL (o) { MATCH (o)<-[:ACTOR]-(e) RETURN count(e) AS n } RETURN o.name, n",
    "SHOW CONSTRAINTS YIELD name RETURN name",
])
def test_check_read_only_lets_reads_through(text):
    check_read_only(text)


@pytest.fixture(scope="module")
def loaded_graph(neo4j_uri, tmp_path_factory):  # noqa: F811
    """Neo4j holding one bulletin, its snapshot and its constraints, for the refusal tests to compare with."""
    path = write_bulletin(tmp_path_factory.mktemp("refusals"), "weekly.txt", faults.weekly(50, "王明"))
    with Neo4jStore(uri=neo4j_uri) as store:
        store.clear()
        store.replace(source_key(path), loading.extract_graph(path))
        yield store, faults.neo4j_snapshot(store), store.query(CONSTRAINTS).rows


CONSTRAINTS = "SHOW CONSTRAINTS YIELD name RETURN name ORDER BY name"


@pytest.mark.neo4j
@pytest.mark.parametrize("text", [t for t, _ in CYPHER_REFUSED_HERE] + [
    "CREATE INDEX kg_x FOR (n:Person) ON (n.x)",
    "DROP CONSTRAINT kg_Person_iri IF EXISTS",
    "ALTER USER neo4j SET PASSWORD 'changed-by-a-query' CHANGE NOT REQUIRED",
    "CALL apoc.trigger.add('t', 'MATCH (n) DETACH DELETE n', {})",
    "MATCH (n) WITH n LIMIT 1 CALL apoc.cypher.run('MATCH (m) DETACH DELETE m', {}) YIELD value RETURN value",
    "UNWIND range(1, 3) AS i MERGE (:Organization {iri: 'urn:x' + i})",
])
def test_cypher_refuses_writes_and_outside_reads_and_changes_nothing(loaded_graph, neo4j_uri, listener,
                                                                    text):  # noqa: F811
    graph, before, constraints = loaded_graph
    result = kg("cypher", text.replace("{url}", listener.url), "--uri", neo4j_uri)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    assert "refused" in result.stderr or "read-only" in result.stderr
    assert faults.neo4j_snapshot(graph) == before
    assert graph.query(CONSTRAINTS).rows == constraints
    assert listener.hits == []

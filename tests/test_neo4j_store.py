"""kg/neo4j_store.py against a real Neo4j (tests marked neo4j), plus what needs no server: errors, allow-lists
and the Browser style."""
import re
from pathlib import Path

import neo4j
import pytest

from bulletins import WEEKLY
from kg import loading
from kg.errors import StoreError
from kg.neo4j_store import Neo4jStore, Neo4jUnavailable
from kg.projection import Node, PropertyGraph, allowed_labels, allowed_rel_types
from kg.store import OxigraphStore, source_key
from neo4j_fixture import graph_db, neo4j_uri  # noqa: F401  (fixtures, found by name)
from stores import SAMPLES, kg, write_bulletin

ROOT = Path(__file__).resolve().parent.parent
GRASS = ROOT / "ontology" / "kg.grass"

NODES = "MATCH (n) RETURN n.iri AS iri, labels(n) AS labels, properties(n) AS properties ORDER BY iri"
RELATIONSHIPS = ("MATCH (a)-[r]->(b) RETURN a.iri AS start, type(r) AS type, b.iri AS end, r.sources AS sources "
                 "ORDER BY start, type, end")


def snapshot(store):
    nodes = store.query(NODES).rows
    for row in nodes:
        row["labels"] = sorted(row["labels"])
        row["properties"]["sources"] = sorted(row["properties"]["sources"])
    return nodes, store.query(RELATIONSHIPS).rows


# --- no server needed ----------------------------------------------------------------------------------------------

def test_grass_styles_exactly_the_ontology_labels():
    styled = set(re.findall(r"^node\.(\w+) \{", GRASS.read_text(encoding="utf-8"), re.MULTILINE))
    assert styled == allowed_labels()


def test_grass_has_rules_only():
    # Neo4j Browser's style parser knows no comments: one would swallow the rule after it.
    assert "/*" not in GRASS.read_text(encoding="utf-8")


def test_grass_rules_caption_by_name():
    text = GRASS.read_text(encoding="utf-8")
    rules = re.findall(r"^node\.\w+ \{.*?^\}", text, re.MULTILINE | re.DOTALL)
    assert rules and all('caption: "{name}";' in rule for rule in rules)


class RefusingDriver:
    """A driver whose server refuses the credentials."""

    def verify_connectivity(self):
        raise neo4j.exceptions.AuthError("The client is unauthorized due to authentication failure.")

    def close(self):
        pass


def test_wrong_password_is_one_line_without_traceback(monkeypatch, tmp_path):
    monkeypatch.setattr(neo4j.GraphDatabase, "driver", lambda *args, **kwargs: RefusingDriver())
    result = kg("load", SAMPLES, "--store", tmp_path / "s", "--neo4j", "--password", "wrong",
                env={"NEO4J_URI": "bolt://db.example:7687"})
    assert result.exit_code == 1
    assert result.stderr == ("Error: Neo4j at bolt://db.example:7687 refused user 'neo4j': wrong user name or "
                             "password (set --user/--password or NEO4J_USER/NEO4J_PASSWORD)\n")


def test_missing_password_says_which_setting_to_give(monkeypatch, tmp_path):
    monkeypatch.setattr(neo4j.GraphDatabase, "driver", lambda *args, **kwargs: RefusingDriver())
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    result = kg("who-visited", "--dept", "商务厅", "--uri", "neo4j://db.example:7687")
    assert result.exit_code == 1
    assert result.stderr == ("Error: Neo4j at neo4j://db.example:7687 needs a password: set --password or "
                             "NEO4J_PASSWORD (and --user or NEO4J_USER when not neo4j)\n")


def test_statements_refuse_a_label_the_ontology_does_not_define():
    store = Neo4jStore.__new__(Neo4jStore)  # no connection needed to build statements
    pg = PropertyGraph(nodes={"urn:x": Node("urn:x", ("Person`) DETACH DELETE n //",), {"name": "x"})})
    with pytest.raises(StoreError, match="is not defined by the ontology"):
        list(store._statements([("file:///a.txt", pg)]))


def test_statements_use_only_ontology_labels_and_types(tmp_path):
    store = Neo4jStore.__new__(Neo4jStore)
    from kg.projection import project
    pg = project(loading.extract_graph(SAMPLES / "003_198b9b81d058ac9a.txt"))
    for cypher, rows in store._statements([("file:///a.txt", pg)]):
        names = set(re.findall(r"[:(]`(\w+)`", cypher))
        assert names and names <= allowed_labels() | allowed_rel_types(), cypher
        assert rows and cypher.startswith("UNWIND $rows AS row ") and "row.sources" in cypher
        assert {s for row in rows for s in row["sources"]} == {"file:///a.txt"}


# --- a real server -------------------------------------------------------------------------------------------------

@pytest.mark.neo4j
def test_neo4j_load_creates_constraints_names_and_sources(graph_db, tmp_path):
    path = write_bulletin(tmp_path, "weekly.txt", WEEKLY)
    with OxigraphStore(tmp_path / "s") as store:
        loading.load([path], store, neo4j=graph_db)
    constraints = {row["name"] for row in graph_db.query("SHOW CONSTRAINTS YIELD name RETURN name").rows}
    assert {f"kg_{label}_iri" for label in allowed_labels()} <= constraints
    nodes, relationships = snapshot(graph_db)
    assert all(n["properties"]["name"] and n["properties"]["sources"] == [source_key(path)] for n in nodes)
    assert {label for n in nodes for label in n["labels"]} <= allowed_labels()
    assert {r["type"] for r in relationships} <= allowed_rel_types()
    assert graph_db.digest(source_key(path)) == loading.file_sha256(path)


@pytest.mark.neo4j
def test_neo4j_replacing_an_edited_file_leaves_no_stale_facts(graph_db, tmp_path):
    path = write_bulletin(tmp_path, "weekly.txt", WEEKLY.replace("教育厅副厅长王明", "财政厅副厅长李华"))
    graph_db.replace(source_key(path), loading.extract_graph(path))
    fresh = snapshot(graph_db)

    graph_db.clear()
    write_bulletin(tmp_path, "weekly.txt", WEEKLY)
    graph_db.replace(source_key(path), loading.extract_graph(path))
    assert graph_db.query("MATCH (p:Person {name: '王明'}) RETURN count(p) AS n").rows == [{"n": 1}]
    write_bulletin(tmp_path, "weekly.txt", WEEKLY.replace("教育厅副厅长王明", "财政厅副厅长李华"))
    graph_db.replace(source_key(path), loading.extract_graph(path))

    assert graph_db.query("MATCH (p:Person {name: '王明'}) RETURN count(p) AS n").rows == [{"n": 0}]
    assert snapshot(graph_db) == fresh


@pytest.mark.neo4j
def test_neo4j_replacing_one_file_keeps_what_another_shares(graph_db, tmp_path):
    a = write_bulletin(tmp_path, "a.txt", WEEKLY)
    b = write_bulletin(tmp_path, "b.txt", WEEKLY.replace("第15期（总第470期）", "第16期（总第471期）"))
    for path in (a, b):
        graph_db.replace(source_key(path), loading.extract_graph(path))
    write_bulletin(tmp_path, "a.txt", WEEKLY.replace("教育厅副厅长王明", "财政厅副厅长李华"))
    graph_db.replace(source_key(a), loading.extract_graph(a))

    person = graph_db.query("MATCH (p:Person {name: '王明'}) RETURN p.sources AS sources").rows
    assert person == [{"sources": [source_key(b)]}]
    visits = graph_db.query("MATCH (v:Visit)-[r:VISITOR]->(:Person {name: '王明'}) RETURN r.sources AS s").rows
    assert visits == [{"s": [source_key(b)]}]


@pytest.mark.neo4j
def test_neo4j_reload_is_a_no_op(graph_db, tmp_path):
    path = write_bulletin(tmp_path, "weekly.txt", WEEKLY)
    with OxigraphStore(tmp_path / "s") as store:
        loading.load([path], store, neo4j=graph_db)
        before = snapshot(graph_db)
        summary = loading.load([path], store, neo4j=graph_db)
    assert (summary.counts["unchanged"], summary.pushed) == (1, 0)
    assert snapshot(graph_db) == before


@pytest.mark.neo4j
def test_neo4j_routing_uri_works(graph_db, neo4j_uri, tmp_path):  # noqa: F811
    routing = neo4j_uri.replace("bolt://", "neo4j://")
    path = write_bulletin(tmp_path, "weekly.txt", WEEKLY)
    result = kg("load", path, "--store", tmp_path / "s", "--uri", routing)
    assert result.exit_code == 0 and result.stderr.endswith("; 1 pushed to Neo4j\n")
    with Neo4jStore(uri=routing) as store:
        assert store.sources() == {source_key(path): loading.file_sha256(path)}


@pytest.mark.neo4j
def test_push_copies_the_embedded_store(graph_db, neo4j_uri, tmp_path):  # noqa: F811
    with OxigraphStore(tmp_path / "s") as store:
        loading.load([SAMPLES], store)
    first = kg("push", "--store", tmp_path / "s", "--uri", neo4j_uri)
    again = kg("push", "--store", tmp_path / "s", "--uri", neo4j_uri)
    assert first.exit_code == 0 and re.fullmatch(r"5 reports: 5 pushed, 0 replaced, 0 unchanged; \d+ facts\n",
                                                 first.stderr)
    assert again.stderr == "5 reports: 0 pushed, 0 replaced, 5 unchanged; 0 facts\n"
    assert len(graph_db.sources()) == 5


@pytest.mark.neo4j
def test_push_in_batches_gives_the_graph_that_loading_file_by_file_gives(graph_db, tmp_path):
    with OxigraphStore(tmp_path / "s") as store:
        loading.load([SAMPLES], store, neo4j=graph_db)
    file_by_file = snapshot(graph_db)
    graph_db.clear()
    with OxigraphStore(tmp_path / "s", read_only=True) as store:
        assert [o.status for o in loading.push(store, graph_db, batch=2)] == ["loaded"] * 5
        assert snapshot(graph_db) == file_by_file
        assert [o.status for o in loading.push(store, graph_db, batch=3, force=True)] == ["replaced"] * 5
    assert snapshot(graph_db) == file_by_file


@pytest.mark.neo4j
def test_who_visited_on_neo4j_prints_what_the_embedded_store_prints(graph_db, neo4j_uri, tmp_path):  # noqa: F811
    result = kg("load", SAMPLES, "--store", tmp_path / "s", "--neo4j", "--uri", neo4j_uri)
    assert result.exit_code == 0
    for fmt in ("table", "json", "csv"):
        embedded = kg("who-visited", "--dept", "省药监局", "--store", tmp_path / "s", "--format", fmt)
        server = kg("who-visited", "--dept", "省药监局", "--neo4j", "--uri", neo4j_uri, "--format", fmt)
        assert server.stdout == embedded.stdout and "李在伟" in server.stdout


@pytest.mark.neo4j
def test_cypher_reads(graph_db, neo4j_uri, tmp_path):  # noqa: F811
    path = write_bulletin(tmp_path, "weekly.txt", WEEKLY)
    graph_db.replace(source_key(path), loading.extract_graph(path))
    result = kg("cypher", "MATCH (v:Visit)-[:VISITOR]->(p:Person) RETURN p.name AS visitor, v.purpose AS purpose",
                "--uri", neo4j_uri)
    assert (result.exit_code, result.stdout) == (0, "visitor  purpose\n-------  -------\n王明     调研\n")


@pytest.mark.neo4j
@pytest.mark.parametrize("write", [
    "CREATE (n:Person {name: 'x'})",
    "MATCH (n) DETACH DELETE n",
    "MERGE (n:Organization {name: 'x'})",
    "MATCH (p:Person) SET p.name = 'x'",
    "MATCH (p:Person) REMOVE p:Person",
], ids=["create", "delete", "merge", "set", "remove"])
def test_cypher_refuses_writes(graph_db, neo4j_uri, tmp_path, write):  # noqa: F811
    path = write_bulletin(tmp_path, "weekly.txt", WEEKLY)
    graph_db.replace(source_key(path), loading.extract_graph(path))
    before = snapshot(graph_db)
    result = kg("cypher", write, "--uri", neo4j_uri)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == ("Error: Cypher queries are read-only here: CREATE, MERGE, SET, DELETE and REMOVE are "
                             "refused; change the graph with kg load --neo4j or kg push\n")
    assert snapshot(graph_db) == before


@pytest.mark.neo4j
def test_cypher_syntax_error_is_one_line(neo4j_uri):  # noqa: F811
    result = kg("cypher", "MATCH (n RETURN n", "--uri", neo4j_uri)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: Neo4j refused the query: Invalid input 'RETURN'")
    assert result.stderr.count("\n") == 1


@pytest.mark.neo4j
def test_neo4j_unavailable_is_a_store_error():
    with pytest.raises(Neo4jUnavailable, match="^cannot reach Neo4j at bolt://127.0.0.1:9: "):
        Neo4jStore(uri="bolt://127.0.0.1:9")

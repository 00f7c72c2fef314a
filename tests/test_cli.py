"""The commands of issue 5 through click's CliRunner: exact output on stdout, messages on stderr, exit codes."""
import csv
import json
import socket
import time

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import Graph
from rdflib.compare import isomorphic

from bulletins import WEEKLY
from kg.cli import main
from kg.loading import extract_graph
from kg.store import OxigraphStore, canonical
from stores import SAMPLES, default_graph, load_samples, write_bulletin

SAMPLE = SAMPLES / "000_080c0ab74c611cee.txt"

WHO_VISITED_COMMERCE = """\
person  titles      organization  date        purpose   target              report                    evidence
------  ----------  ------------  ----------  --------  ------------------  ------------------------  ------------------------------------------------------------
梁勇    副厅长      四川省商务厅  2023-03-15  调研      省政务服务大厅窗口  000_080c0ab74c611cee.txt  3月15日，商务厅副厅长梁勇率外经处、法规处到省政务服务大厅窗…
戢焜文  二级巡视员  四川省商务厅  2025-03     调研值守  省政务服务大厅窗口  003_198b9b81d058ac9a.txt  3月，公安厅党委委员、副厅长张洪，公安厅二级警务专员赵原，公…
"""  # noqa: E501

QUERY_LIST = """\
name                    title                     parameters
----------------------  ------------------------  -----------------
activities-between      Activities between dates  from?, to?, type?
department-cooperation  Department cooperation    dept?
department-profile      Department profile        dept
official-profile        Official profile          name
program-timeline        Program timeline          name?
statistics-series       Statistics series         metric
visits-by-person        Visits by person          name
who-visited             Who visited               dept, from?, to?
"""


@pytest.fixture(scope="module")
def samples_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "store"
    load_samples(path)
    return path


def kg(*args, store=None):
    env = {"KG_STORE": str(store)} if store else {}
    return CliRunner().invoke(main, [str(a) for a in args], env=env, catch_exceptions=False)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- every command -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_has_help_with_an_example(command):
    result = kg(command, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.stdout


# --- kg load -----------------------------------------------------------------------------------------------------

def test_load_prints_a_summary_on_stderr_and_nothing_on_stdout(tmp_path):
    result = kg("load", SAMPLES, "--store", tmp_path / "s")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr.startswith("5 reports: 5 loaded, 0 replaced, 0 unchanged, 0 failed; ")
    assert result.stderr.endswith(" triples written\n") and result.stderr.count("\n") == 1


def test_load_again_changes_nothing(tmp_path):
    kg("load", SAMPLES, "--store", tmp_path / "s")
    result = kg("load", SAMPLES, "--store", tmp_path / "s")
    assert (result.exit_code, result.stderr) == (
        0, "5 reports: 0 loaded, 0 replaced, 5 unchanged, 0 failed; 0 facts, 0 triples written\n")


def test_load_reports_each_bad_file_loads_the_rest_and_exits_1(tmp_path):
    empty = tmp_path / "in" / "empty.txt"
    empty.parent.mkdir()
    empty.write_bytes(b"")
    write_bulletin(tmp_path / "in", "weekly.txt", WEEKLY)
    missing = tmp_path / "missing.txt"
    result = kg("load", tmp_path / "in", missing, "--store", tmp_path / "s")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[:2] == [f"Error: {empty}: empty file", f"Error: {missing}: no such file or folder"]
    assert lines[2].startswith("3 reports: 1 loaded, 0 replaced, 0 unchanged, 2 failed; ")
    with OxigraphStore(tmp_path / "s", read_only=True) as store:
        assert list(store.sources()) == [(tmp_path / "in" / "weekly.txt").as_uri()]


def test_load_neo4j_down_fails_within_seconds_and_loads_nothing(tmp_path):
    uri = f"bolt://127.0.0.1:{free_port()}"
    started = time.monotonic()
    result = kg("load", SAMPLES, "--store", tmp_path / "s", "--neo4j", "--uri", uri)
    assert time.monotonic() - started < 10
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: cannot reach Neo4j at {uri}: ")
    assert result.stderr.endswith("(is it running? docker compose up -d; or set --uri / NEO4J_URI)\n")
    assert "Traceback" not in result.output
    assert not (tmp_path / "s").exists()


@pytest.mark.parametrize("uri", ["http://localhost:7474", "localhost:7687"])
def test_load_neo4j_bad_uri_is_one_line(tmp_path, uri):
    result = kg("load", SAMPLES, "--store", tmp_path / "s", "--uri", uri)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: bad Neo4j URI {uri!r}: use bolt://host:7687 or neo4j://host:7687")


# --- kg who-visited and kg query ---------------------------------------------------------------------------------

def test_who_visited_commerce_table(samples_store):
    result = kg("who-visited", "--dept", "商务厅", store=samples_store)
    assert (result.exit_code, result.stdout, result.stderr) == (0, WHO_VISITED_COMMERCE, "")


def test_who_visited_store_option_beats_the_environment(samples_store, tmp_path):
    result = kg("who-visited", "--dept", "商务厅", "--store", samples_store, store=tmp_path / "elsewhere")
    assert result.stdout == WHO_VISITED_COMMERCE


def test_who_visited_drug_administration_json(samples_store):
    result = kg("who-visited", "--dept", "省药监局", "--format", "json", store=samples_store)
    rows = json.loads(result.stdout)
    assert [r["person"] for r in rows] == ["陈永红", "李在伟"]
    for row in rows:
        assert list(row) == ["person", "titles", "organization", "date", "purpose", "target", "report", "evidence"]
        assert list(row["date"]) == ["start", "end", "precision"]
        assert row["report"].endswith(".txt") and row["person"] in row["evidence"]
    assert rows[1]["titles"] == ["党组书记", "局长"] and rows[1]["date"]["precision"] == "day"


def test_who_visited_csv_spreads_the_date_over_columns(samples_store):
    result = kg("who-visited", "--dept", "省药监局", "--from", "2025-03-17", "--to", "2025-03-17", "--format", "csv",
                store=samples_store)
    header, *rows = list(csv.reader(result.stdout.splitlines()))
    assert header == ["person", "titles", "organization", "date.start", "date.end", "date.precision", "purpose",
                      "target", "report", "evidence"]
    assert [r[:6] for r in rows] == [
        ["陈永红", "二级巡视员", "四川省药品监督管理局", "2025-03-01", "2025-03-31", "month"],
        ["李在伟", "党组书记、局长", "四川省药品监督管理局", "2025-03-17", "2025-03-17", "day"]]


def test_who_visited_unknown_department_prints_no_rows(samples_store):
    result = kg("who-visited", "--dept", "外星事务厅", store=samples_store)
    assert (result.exit_code, result.stdout) == (0, "(no rows)\n")


def test_who_visited_bad_date_is_an_error(samples_store):
    result = kg("who-visited", "--dept", "商务厅", "--from", "2025-3-1", store=samples_store)
    assert (result.exit_code, result.stderr) == (1, "Error: parameter from: '2025-3-1' is not a date (YYYY-MM-DD)\n")


def test_who_visited_without_a_store_says_load_first(tmp_path):
    result = kg("who-visited", "--dept", "商务厅", "--store", tmp_path / "empty")
    assert result.exit_code == 1
    assert result.stderr == f"Error: no store at {tmp_path / 'empty'}: load reports first (kg load PATH...)\n"


def test_query_list():
    result = kg("query", "--list")
    assert (result.exit_code, result.stdout) == (0, QUERY_LIST)


def test_query_by_name_with_params_equals_who_visited(samples_store):
    result = kg("query", "who-visited", "--param", "dept=商务厅", store=samples_store)
    assert result.stdout == WHO_VISITED_COMMERCE


def test_query_statistics_series_json(samples_store):
    result = kg("query", "statistics-series", "--param", "metric=行政许可事项受理", "--format", "json",
                store=samples_store)
    rows = json.loads(result.stdout)
    assert [(r["period"]["end"], r["value"], r["cumulative"]) for r in rows] == [
        ("2022-08-12", 488639.0, True), ("2022-09-16", 617058.0, True), ("2023-03-17", 97024.0, True)]


@pytest.mark.parametrize("args, code, message", [
    (["query"], 2, "Error: give a query NAME, or --list to see them"),
    (["query", "who-visited", "--param", "dept"], 2, "Error: Invalid value for --param: 'dept' is not NAME=VALUE"),
    (["query", "who-visited"], 1,
     "Error: query who-visited needs --param dept=... (the department, by its name or any alias)"),
    (["query", "who-came"], 1, "Error: no canned query called 'who-came'; see kg query --list"),
    (["query", "who-visited", "--param", "dept=商务厅", "--param", "year=2024"], 1,
     "Error: query who-visited has no parameter year; it takes: dept, from, to"),
], ids=["no-name", "not-pair", "missing", "unknown-query", "unknown-param"])
def test_query_errors(samples_store, args, code, message):
    result = kg(*args, store=samples_store)
    assert result.exit_code == code
    assert result.stderr.rstrip("\n").endswith(message)


# --- kg sparql -----------------------------------------------------------------------------------------------------

def test_sparql_select_renders_rows(samples_store):
    result = kg("sparql", "PREFIX kg: <https://w3id.org/kg-bulletins/ontology#>\n"
                          "SELECT (COUNT(?r) AS ?reports) WHERE { ?r a kg:Report }", store=samples_store)
    assert (result.exit_code, result.stdout) == (0, "reports\n-------\n5\n")


def test_sparql_ask(samples_store):
    assert kg("sparql", "ASK { ?s ?p ?o }", "--format", "json", store=samples_store).stdout == \
        '[\n {\n  "ask": true\n }\n]\n'


@pytest.mark.parametrize("update", [
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "DROP ALL",
    "prefix kg: <https://w3id.org/kg-bulletins/ontology#> delete { ?v ?p ?o } where { ?v a kg:Visit ; ?p ?o }",
], ids=["insert", "delete", "drop", "lower-case"])
def test_sparql_refuses_updates(samples_store, update):
    with OxigraphStore(samples_store, read_only=True) as store:
        before = default_graph(store)
    result = kg("sparql", update, store=samples_store)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == ("Error: SPARQL updates (INSERT, DELETE, LOAD, CLEAR, CREATE, DROP, COPY, MOVE, ADD) "
                             "are refused: queries are read-only; change the store with kg load\n")
    with OxigraphStore(samples_store, read_only=True) as store:
        assert default_graph(store) == before


# --- kg triples and kg export --------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt, parser", [("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")])
def test_triples_prints_the_graph_of_a_file(fmt, parser):
    result = kg("triples", SAMPLE, "--format", fmt)
    assert result.exit_code == 0
    assert isomorphic(Graph().parse(data=result.stdout, format=parser), extract_graph(SAMPLE))


def test_triples_bad_file_is_reported_and_the_others_printed(tmp_path):
    result = kg("triples", SAMPLE, tmp_path / "missing.txt", "--format", "nt")
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path / 'missing.txt'}: no such file or folder\n"
    assert len(Graph().parse(data=result.stdout, format="nt")) == len(extract_graph(SAMPLE))


@pytest.mark.parametrize("fmt, parser", [("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")])
def test_export_rdf_holds_every_triple_of_the_store(samples_store, tmp_path, fmt, parser):
    out = tmp_path / f"kg.{fmt}"
    result = kg("export", "--format", fmt, "-o", out, store=samples_store)
    assert result.exit_code == 0 and result.stdout == ""
    graph = Graph().parse(out, format=parser)
    assert result.stderr == f"wrote {len(graph)} triples to {out}\n"
    with OxigraphStore(samples_store, read_only=True) as store:
        assert canonical(graph) == canonical(store.triples())


def test_export_graphml_reads_back_with_networkx(samples_store, tmp_path):
    out = tmp_path / "kg.graphml"
    result = kg("export", "--format", "graphml", "-o", out, store=samples_store)
    graph = nx.read_graphml(out)
    assert result.stderr == f"wrote {graph.number_of_nodes()} nodes and {graph.number_of_edges()} edges to {out}\n"
    people = {d["label"] for _, d in graph.nodes(data=True) if d["type"] == "Person"}
    assert {"梁勇", "戢焜文", "李在伟"} <= people


def test_export_graphml_to_stdout(samples_store):
    result = kg("export", "--format", "graphml", "-o", "-", store=samples_store)
    assert result.stdout.startswith("<?xml version='1.0' encoding='utf-8'?>\n<graphml ")


def test_export_csv_writes_nodes_and_edges_files(samples_store, tmp_path):
    result = kg("export", "--format", "csv", "-o", tmp_path / "kg.csv", store=samples_store)
    nodes = list(csv.DictReader(open(tmp_path / "kg.nodes.csv", encoding="utf-8")))
    edges = list(csv.DictReader(open(tmp_path / "kg.edges.csv", encoding="utf-8")))
    assert result.stderr == (f"wrote {len(nodes)} nodes to {tmp_path / 'kg.nodes.csv'} and {len(edges)} edges "
                             f"to {tmp_path / 'kg.edges.csv'}\n")
    ids = {n["Id"] for n in nodes}
    assert all(e["Source"] in ids and e["Target"] in ids and e["Type"] == "Directed" for e in edges)
    visit = next(n for n in nodes if n["Label"] == "来访调研 梁勇")
    assert (visit["type"], visit["labels"], visit["date"]) == ("Visit", "Event:Visit", "2023-03-15")


def test_export_csv_to_stdout_is_refused(samples_store):
    result = kg("export", "--format", "csv", "-o", "-", store=samples_store)
    assert result.exit_code == 1
    assert result.stderr == ("Error: CSV export writes two files (x.nodes.csv and x.edges.csv): "
                             "give a file name, -o x.csv\n")

"""Issue 7, Neo4j faults: a server that is down, refuses the password, or stops in the middle of a load.

The password and mid-load tests start a second Neo4j of their own with auth enabled (kg/neo4j_server.py,
`auth=True`), so that stopping it leaves the session's server to the other tests.
"""
import os
import socket
import time

import neo4j
import pytest

import faults
from kg import neo4j_server
from kg.neo4j_store import Neo4jStore
from neo4j_fixture import _unavailable
import stores
from stores import SAMPLES

PASSWORD = "kg-reliability-1"


def kg(*args, env=None):
    return stores.kg(*args, env={"NEO4J_PASSWORD": None, **(env or {})})


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- a server that is not there ------------------------------------------------------------------------------------

@pytest.mark.parametrize("args", [
    ["push"],
    ["cypher", "MATCH (n) RETURN count(n)"],
    ["who-visited", "--dept", "商务厅", "--neo4j"],
    ["query", "department-profile", "--param", "dept=商务厅", "--neo4j"],
], ids=["push", "cypher", "who-visited", "query"])
def test_server_down_fails_within_seconds_in_one_line(tmp_path, args):
    uri = f"bolt://127.0.0.1:{free_port()}"
    kg("load", SAMPLES, "--store", tmp_path / "s")
    started = time.monotonic()
    result = kg(*args, "--store", tmp_path / "s", "--uri", uri) if args[0] != "cypher" else kg(*args, "--uri", uri)
    assert time.monotonic() - started < 10
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.startswith(f"Error: cannot reach Neo4j at {uri}: ") and result.stderr.count("\n") == 1


# --- a server with a password, stopped mid-load --------------------------------------------------------------------

class AuthServer:
    """A Neo4j with auth enabled and PASSWORD set, that a test may stop and start again (same database)."""

    def __init__(self, workdir):
        self.workdir = workdir
        self.handle = neo4j_server.start(workdir, auth=True)
        with neo4j.GraphDatabase.driver(self.handle.uri, auth=("neo4j", "neo4j")) as driver:
            driver.execute_query(f"ALTER CURRENT USER SET PASSWORD FROM 'neo4j' TO '{PASSWORD}'", database_="system")

    @property
    def uri(self):
        return self.handle.uri

    def store(self):
        return Neo4jStore(uri=self.uri, password=PASSWORD)

    def stop(self):
        self.handle.stop()

    def restart(self):
        self.handle = neo4j_server.start(self.workdir, auth=True)


@pytest.fixture(scope="module")
def auth_server(tmp_path_factory):
    if neo4j_server.find_java() is None:
        _unavailable("java not on PATH: cannot start a Neo4j with auth")
    try:
        neo4j_server.build()
    except neo4j_server.Neo4jBuildError as e:
        if not e.network:
            raise
        _unavailable(f"cannot build the launcher without network: {e}")
    server = AuthServer(tmp_path_factory.mktemp("neo4j-auth"))
    yield server
    server.stop()


@pytest.mark.neo4j
def test_server_stopped_mid_load_fails_within_seconds_and_the_rerun_completes(auth_server, tmp_path):
    files = faults.make_corpus(tmp_path / "c", 4, seed=41)
    projections = faults.expected_projections(files)
    env = dict(os.environ, NEO4J_PASSWORD=PASSWORD)
    load = faults.start_kg("load", tmp_path / "c", "--store", tmp_path / "s", "--uri", auth_server.uri, env=env)
    with auth_server.store() as graph:
        faults.wait_for_reports(graph, 1)
    auth_server.stop()
    stopped = time.monotonic()
    load.wait(60)
    assert time.monotonic() - stopped < 20, "kg load kept trying for too long"
    stderr = load.stderr.read()
    assert load.returncode == 1
    assert stderr.startswith("Error: ") and stderr.count("\n") == 1 and "Neo4j" in stderr, stderr
    assert "Traceback" not in stderr

    auth_server.restart()
    with auth_server.store() as graph:
        held = faults.check_neo4j(graph, projections)   # whole reports only, none half committed
        assert 1 <= held < len(files)
        faults.check_embedded(tmp_path / "s", faults.expected_graphs(files))
        rerun = faults.run_kg("load", tmp_path / "c", "--store", tmp_path / "s", "--uri", auth_server.uri, env=env)
        assert rerun.returncode == 0, rerun.stderr
        assert rerun.stderr.endswith(f"; {len(files) - held} pushed to Neo4j\n")
        assert faults.check_neo4j(graph, projections) == len(files)
        nodes = set().union(*(n for n, _ in projections.values()))
        relationships = set().union(*(r for _, r in projections.values()))
        assert faults.neo4j_counts(graph) == (len(nodes), len(relationships))


@pytest.mark.neo4j
def test_wrong_password_is_one_line_and_writes_nothing(auth_server, tmp_path):
    started = time.monotonic()
    result = kg("load", SAMPLES, "--store", tmp_path / "s", "--uri", auth_server.uri, "--password", "wrong")
    assert time.monotonic() - started < 10
    assert (result.exit_code, result.stderr) == (
        1, f"Error: Neo4j at {auth_server.uri} refused user 'neo4j': wrong user name or password "
           f"(set --user/--password or NEO4J_USER/NEO4J_PASSWORD)\n")
    assert not (tmp_path / "s").exists()


@pytest.mark.neo4j
def test_missing_password_says_which_setting_to_give(auth_server):
    result = kg("cypher", "MATCH (n) RETURN count(n) AS n", "--uri", auth_server.uri)
    assert (result.exit_code, result.stderr) == (
        1, f"Error: Neo4j at {auth_server.uri} needs a password: set --password or NEO4J_PASSWORD "
           f"(and --user or NEO4J_USER when not neo4j)\n")

"""Pytest fixtures for a real Neo4j server: `neo4j_uri` (session-scoped, its Bolt address) and `graph_db` (a
kg Neo4jStore on it, emptied before each test). A test module imports the ones it uses by name.

Uses KG_TEST_NEO4J_URI when set (a server already running, auth disabled); otherwise builds and
starts the launcher in tests/neo4j_server/ (kg/neo4j_server.py) once per session and stops it at
the end. Skips when Java or Maven is missing or Maven cannot download; set
KG_TEST_NEO4J_REQUIRED=1 (e.g. in CI) to fail instead of skipping.
"""

import os
import shutil
import sys
from pathlib import Path

import pytest

try:
    from kg import neo4j_server
except ImportError:  # a checkout without `pip install -e .`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from kg import neo4j_server


def _unavailable(reason: str):
    if os.environ.get("KG_TEST_NEO4J_REQUIRED") == "1":
        pytest.fail(f"Neo4j required but unavailable: {reason}", pytrace=False)
    pytest.skip(f"no Neo4j server: {reason}")


# pytest keys a fixture by the module that defines it, and every test module imports this one: a plain
# session-scoped fixture would start one server per module (six in the whole suite, ~15 s each). The running server
# is kept here instead, so the first module starts it and the others reuse it; it stops at the end of the session.
_RUNNING = {}


@pytest.fixture(scope="session")
def neo4j_uri(tmp_path_factory):
    uri = os.environ.get("KG_TEST_NEO4J_URI")
    if uri:
        yield uri
        return
    if "server" in _RUNNING:
        yield _RUNNING["server"].uri
        return
    if neo4j_server.find_java() is None:
        _unavailable("java not on PATH (or set KG_TEST_NEO4J_URI)")
    if shutil.which("mvn") is None and neo4j_server.needs_build():
        _unavailable("mvn not on PATH and the launcher is not built (or set KG_TEST_NEO4J_URI)")
    try:
        neo4j_server.build()
    except neo4j_server.Neo4jBuildError as e:
        if not e.network:
            raise  # a broken pom or launcher is a bug, not a missing resource
        _unavailable(f"cannot build the launcher without network: {e}")
    with neo4j_server.start(tmp_path_factory.mktemp("neo4j")) as server:
        _RUNNING["server"] = server
        try:
            yield server.uri
        finally:
            _RUNNING.clear()


@pytest.fixture
def graph_db(neo4j_uri):
    from kg.neo4j_store import Neo4jStore
    with Neo4jStore(uri=neo4j_uri) as store:
        store.clear()
        yield store

import pytest

from neo4j_fixture import neo4j_uri  # noqa: F401  (the fixture, found by name)


@pytest.mark.neo4j
def test_bolt_answers_a_query(neo4j_uri):  # noqa: F811
    neo4j = pytest.importorskip("neo4j")
    with neo4j.GraphDatabase.driver(neo4j_uri, auth=None) as driver:
        records, _, _ = driver.execute_query("RETURN 1 AS one")
    assert records[0]["one"] == 1

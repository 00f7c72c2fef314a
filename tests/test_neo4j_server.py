import pytest

from neo4j_fixture import neo4j_uri  # noqa: F401  (the fixture, found by name)


@pytest.mark.neo4j
def test_bolt_answers_a_query(neo4j_uri):  # noqa: F811
    neo4j = pytest.importorskip("neo4j")
    with neo4j.GraphDatabase.driver(neo4j_uri, auth=None) as driver:
        records, _, _ = driver.execute_query("RETURN 1 AS one")
    assert records[0]["one"] == 1


@pytest.mark.neo4j
def test_browser_is_served_and_points_at_the_servers_bolt_port(neo4j_uri, tmp_path):  # noqa: F811
    # neo4j_uri first: it builds the launcher (or skips when no Neo4j can be had); this starts a second server.
    import json
    import urllib.request
    from kg import neo4j_server

    with neo4j_server.start(tmp_path / "neo4j", browser=True) as server:
        with urllib.request.urlopen(server.browser_url, timeout=30) as page:
            assert page.status == 200 and b"<html" in page.read().lower()
        root = server.browser_url.removesuffix("browser/")
        with urllib.request.urlopen(urllib.request.Request(root, headers={"Accept": "application/json"}),
                                    timeout=30) as answer:
            discovery = json.load(answer)
    bolt_port = server.uri.rsplit(":", 1)[1]
    assert discovery["bolt_direct"].endswith(f":{bolt_port}")

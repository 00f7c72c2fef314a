"""docs/browser-guide.md: up to date with queries/*.cypher, and every block in it runs on Neo4j with the samples."""
import datetime
import re

import pytest

from kg import browser_guide, canned, loading
from kg.neo4j_store import Neo4jStore
from kg.store import OxigraphStore
from neo4j_fixture import neo4j_uri  # noqa: F401  (the fixture, found by name)
from stores import SAMPLES

ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
BLOCK = re.compile(r"^```(?P<lang>\w*)\n(?P<text>.*?)^```$", re.MULTILINE | re.DOTALL)


def guide_text():
    return browser_guide.GUIDE.read_text(encoding="utf-8")


def blocks():
    """(params map text, query) for each Cypher block of the guide, with the :params block before it."""
    found, params = [], None
    for m in BLOCK.finditer(guide_text()):
        text = m["text"].strip()
        if text.startswith(":params "):
            params = text[len(":params "):]
        elif m["lang"] == "cypher":
            found.append((params, text))
            params = None
    return found


def test_browser_guide_is_made_from_the_current_query_files():
    assert browser_guide.render(guide_text()) == guide_text(), "run: python -m kg.browser_guide"
    assert browser_guide.main(["--check"]) == 0


def test_browser_guide_has_every_canned_query():
    with_cypher = [name for name in canned.names() if "cypher" in canned.get(name).texts]
    assert sorted(browser_guide.sections(guide_text())) == with_cypher


def test_browser_guide_gives_parameters_before_every_query_that_needs_them():
    for params, query in blocks():
        needed = set(re.findall(r"\$(\w+)", query))
        given = set(re.findall(r"(\w+):", params or ""))
        assert needed <= given, (needed - given, query[:60])


@pytest.fixture(scope="module")
def sample_neo4j(neo4j_uri, tmp_path_factory):  # noqa: F811
    with Neo4jStore(uri=neo4j_uri) as neo4j:
        neo4j.clear()
        with OxigraphStore(tmp_path_factory.mktemp("guide") / "store") as store:
            summary = loading.load([SAMPLES], store, neo4j=neo4j)
        assert summary.errors == 0
        yield neo4j


@pytest.mark.neo4j
@pytest.mark.parametrize("params, query", blocks(), ids=lambda v: (v or "")[:40].replace("\n", " "))
def test_browser_guide_block_runs_on_the_samples(sample_neo4j, params, query):
    values = sample_neo4j.query(f"RETURN {params} AS params").rows[0]["params"] if params else {}
    # kg's query results give dates as ISO text; as parameters they must be dates again, as :params makes them
    values = {k: datetime.date.fromisoformat(v) if isinstance(v, str) and ISO_DAY.fullmatch(v) else v
              for k, v in values.items()}
    result = sample_neo4j.query(query, values)
    assert result.rows, "the guide's example parameters find nothing in the samples"

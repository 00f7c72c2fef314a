"""kg/store.py and kg/loading.py: the embedded store keeps one named graph per file, replaced in one transaction."""
import os
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph, Literal, URIRef

import kg.store
from bulletins import WEEKLY
from kg import canned, loading
from kg.errors import InputError, QueryError, StoreError
from kg.model import FOAF, KG
from kg.store import (DEFAULT_STORE, ONTOLOGY_GRAPH, SPARQL, STAGING, TRIPLES, OxigraphStore, canonical,
                      default_store_path, ontology_graph, open_store, source_key, store_class)
from stores import SAMPLES, default_graph, load_samples, named_graphs_union, write_bulletin


@pytest.fixture
def store(tmp_path):
    with OxigraphStore(tmp_path / "store") as s:
        yield s


def visitors(store, dept):
    return [(row["person"], row["report"]) for row in canned.run("who-visited", store, {"dept": dept}).rows]


# --- choosing a store ------------------------------------------------------------------------------------------

def test_open_store_by_name_declares_capabilities(tmp_path):
    with open_store(DEFAULT_STORE, path=tmp_path / "s") as store:
        assert isinstance(store, OxigraphStore)
        assert {SPARQL, TRIPLES} <= store.capabilities and store.language == "sparql"
    assert store_class("neo4j").language == "cypher"


def test_open_store_unknown_name_is_a_store_error():
    with pytest.raises(StoreError, match="no store called 'sqlite'; known: neo4j, oxigraph"):
        open_store("sqlite")


@pytest.mark.parametrize("env, expected", [
    ({"KG_STORE": "/data/kg"}, "/data/kg"),
    ({"XDG_DATA_HOME": "/xdg"}, "/xdg/kg/store"),
    ({"HOME": "/home/ana"}, "/home/ana/.local/share/kg/store"),
], ids=["KG_STORE", "XDG_DATA_HOME", "home"])
def test_default_store_path_from_environment(monkeypatch, env, expected):
    for name in ("KG_STORE", "XDG_DATA_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert str(default_store_path()) == expected


def test_source_key_is_the_resolved_path_as_a_file_iri(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert source_key("a/../简报.txt") == (tmp_path / "简报.txt").as_uri()


def test_read_only_store_that_does_not_exist_says_load_first(tmp_path):
    with pytest.raises(StoreError, match=r"no store at .*nowhere: load reports first \(kg load PATH...\)"):
        OxigraphStore(tmp_path / "nowhere", read_only=True)


# --- loading ---------------------------------------------------------------------------------------------------

def test_load_round_trip_every_file_is_one_graph_holding_its_triples(store):
    summary = loading.load([SAMPLES], store)
    files = sorted(SAMPLES.glob("*.txt"))
    assert summary.counts == {"loaded": 5, "replaced": 0, "unchanged": 0, "failed": 0}
    assert set(store.sources()) == {source_key(f) for f in files}
    for f in files:
        expected = loading.extract_graph(f)
        assert set(store.graph(source_key(f))) == canonical(expected)  # 790.0 is stored as 790
        assert store.digest(source_key(f)) == loading.file_sha256(f)


def test_load_keeps_the_default_graph_the_union_of_the_files_each_triple_once(store):
    loading.load([SAMPLES], store)
    assert default_graph(store) == named_graphs_union(store)
    assert set(store.graph(ONTOLOGY_GRAPH)) == canonical(ontology_graph())
    count = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0]["n"]
    assert count == len(default_graph(store))


def test_load_again_is_a_no_op(store):
    first = loading.load([SAMPLES], store)
    before = default_graph(store), named_graphs_union(store)
    again = loading.load([SAMPLES], store)
    assert str(again) == "5 reports: 0 loaded, 0 replaced, 5 unchanged, 0 failed; 0 facts, 0 triples written"
    assert (default_graph(store), named_graphs_union(store)) == before
    assert first.triples > 0 and again.triples == 0


def test_load_force_rewrites_the_same_triples(store):
    loading.load([SAMPLES], store)
    before = default_graph(store)
    summary = loading.load([SAMPLES], store, force=True)
    assert summary.counts["replaced"] == 5 and default_graph(store) == before


@pytest.mark.parametrize("written, held_before, compact", [
    (loading.COMPACT_MIN, 0, True),              # a first load of a corpus
    (loading.COMPACT_MIN - 1, 0, False),         # a few files: nothing to gain
    (5000, 4000, True),                          # a corpus added to a smaller store
    (100, 10_000, False),                        # new bulletins added to a large store
])
def test_worth_compacting_loads_that_write_at_least_what_the_store_held(written, held_before, compact):
    assert loading.worth_compacting(written, held_before) is compact


def test_large_load_compacts_the_store_and_an_unchanged_one_does_not(store, monkeypatch):
    calls, said = [], []
    monkeypatch.setattr(store, "compact", lambda: calls.append(len(default_graph(store))))
    monkeypatch.setattr(loading, "COMPACT_MIN", 5)
    loading.load([SAMPLES], store, on_compact=said.append)
    assert len(calls) == 1 and calls[0] > 0  # after the writes, with every report in
    assert said == [5]                      # the caller is told first (kg load says so on a terminal)
    loading.load([SAMPLES], store, force=True)   # all 5 rewritten: as many as the store held
    assert len(calls) == 2
    loading.load([SAMPLES], store)               # unchanged: nothing written
    assert len(calls) == 2


def test_compact_keeps_every_triple_and_queries_answer_the_same(store):
    loading.load([SAMPLES], store)
    before = default_graph(store), named_graphs_union(store), visitors(store, "商务厅")
    store.compact()
    assert (default_graph(store), named_graphs_union(store), visitors(store, "商务厅")) == before


def test_load_edited_file_replaces_its_facts_leaving_none_stale(tmp_path, store):
    path = write_bulletin(tmp_path, "weekly.txt", WEEKLY)
    loading.load([path], store)
    assert visitors(store, "教育厅") == [("王明", "weekly.txt")]

    write_bulletin(tmp_path, "weekly.txt", WEEKLY.replace("教育厅副厅长王明", "财政厅副厅长李华"))
    summary = loading.load([path], store)

    assert summary.counts["replaced"] == 1
    assert visitors(store, "教育厅") == []
    assert visitors(store, "财政厅") == [("李华", "weekly.txt")]
    with OxigraphStore(tmp_path / "fresh") as fresh:  # the same as loading only the edited file
        loading.load([path], fresh)
        assert default_graph(store) == default_graph(fresh)


def test_load_replacement_keeps_facts_another_file_shares(tmp_path, store):
    a = write_bulletin(tmp_path, "a.txt", WEEKLY)
    b = write_bulletin(tmp_path, "b.txt", WEEKLY.replace("第15期（总第470期）", "第16期（总第471期）"))
    loading.load([a, b], store)
    person = URIRef(next(iter(store.graph(source_key(a)).subjects(FOAF.name, Literal("王明", lang="zh")))))

    write_bulletin(tmp_path, "a.txt", WEEKLY.replace("教育厅副厅长王明", "财政厅副厅长李华"))
    loading.load([a], store)

    names = {row["n"] for row in store.query(f"SELECT ?n WHERE {{ <{person}> <{FOAF.name}> ?n }}").rows}
    assert names == {"王明"}  # b.txt still names him
    assert [p for p, _ in visitors(store, "教育厅")] == ["王明"]
    assert default_graph(store) == named_graphs_union(store)


def test_remove_drops_a_file_and_only_its_own_facts(tmp_path, store):
    a = write_bulletin(tmp_path, "a.txt", WEEKLY)
    b = write_bulletin(tmp_path, "b.txt", WEEKLY.replace("第15期（总第470期）", "第16期（总第471期）"))
    loading.load([a, b], store)
    store.remove(source_key(a))
    assert set(store.sources()) == {source_key(b)}
    assert visitors(store, "教育厅") == [("王明", "b.txt")]
    assert default_graph(store) == named_graphs_union(store)


@pytest.mark.parametrize("content, problem", [
    (b"", "empty file"),
    (b"\x00\x01\x02binary", "binary file, not text (NUL bytes)"),
], ids=["empty", "binary"])
def test_load_failed_file_writes_nothing_and_the_others_load(tmp_path, store, content, problem):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    good = write_bulletin(tmp_path, "good.txt", WEEKLY)
    outcomes = list(loading.load_files([bad, good], store))
    assert [o.status for o in outcomes] == ["failed", "loaded"]
    assert str(outcomes[0].error) == f"{bad}: {problem}"
    assert set(store.sources()) == {source_key(good)}


def test_load_file_that_fails_after_extraction_writes_nothing(tmp_path, store, monkeypatch):
    path = write_bulletin(tmp_path, "weekly.txt", WEEKLY)
    loading.load([path], store)
    before = default_graph(store), named_graphs_union(store)

    def broken(reports, org_info=None):
        raise InputError(path, "no IRI for this report")
    monkeypatch.setattr(loading, "reports_to_graph", broken)
    write_bulletin(tmp_path, "weekly.txt", WEEKLY.replace("王明", "王亮"))
    outcome = loading.load_file(path, store)

    assert outcome.status == "failed" and "no IRI for this report" in str(outcome.error)
    assert (default_graph(store), named_graphs_union(store)) == before


class UnwritableGraph(Graph):
    """A graph whose triples the store cannot take (its N-Triples lose their full stops)."""

    def serialize(self, *args, **kwargs):
        return super().serialize(*args, **kwargs).replace(b" .\n", b"\n")


def test_replace_that_fails_leaves_the_old_version(store):
    source = "file:///reports/a.txt"
    old = Graph()
    old.add((URIRef("https://w3id.org/kg-bulletins/id/report/1"), KG.series, Literal("窗口工作周报")))
    store.replace(source, old)
    new = UnwritableGraph()
    new.add((URIRef("https://w3id.org/kg-bulletins/id/report/1"), KG.series, Literal("政务窗口月报")))
    new.add((URIRef("https://w3id.org/kg-bulletins/id/report/1"), KG.issueNo, Literal(6)))
    with pytest.raises(StoreError, match="^cannot write file:///reports/a.txt to the store at "):
        store.replace(source, new)
    assert set(store.graph(source)) == set(old)
    assert default_graph(store) == named_graphs_union(store)


# --- a first load, built aside with the bulk loader -------------------------------------------------------------

def all_quads(store) -> dict:
    """Graph name (None for the default graph) -> its triples."""
    graphs = {}
    for q in store.store.quads_for_pattern(None, None, None, None):
        name = None if q.graph_name == pyoxigraph.DefaultGraph() else q.graph_name.value
        graphs.setdefault(name, set()).add((q.subject, q.predicate, q.object))
    return graphs


def count_bulk_writes(monkeypatch) -> list:
    calls = []
    bulk_insert = OxigraphStore._bulk_insert
    monkeypatch.setattr(OxigraphStore, "_bulk_insert",
                        lambda self, new: calls.append(len(new)) or bulk_insert(self, new))
    return calls


def test_first_load_is_built_in_bulk_and_holds_what_transactions_write(tmp_path, monkeypatch):
    bulk = count_bulk_writes(monkeypatch)
    with OxigraphStore(tmp_path / "bulk") as store:
        loading.load([SAMPLES], store)
        built = all_quads(store)
    assert sum(bulk) == 6 and not (tmp_path / "bulk" / STAGING).exists()  # 5 reports and the ontology
    with OxigraphStore(tmp_path / "mixed") as store:
        first, *others = sorted(SAMPLES.glob("*.txt"))
        loading.load([first], store)    # a first load: built in bulk
        del bulk[:]
        loading.load(others, store)     # into a store that holds a report: one transaction per batch
        assert bulk == [] and all_quads(store) == built


def test_first_load_that_fails_half_way_leaves_the_store_as_it_was(tmp_path, store, monkeypatch):
    files = sorted(SAMPLES.glob("*.txt"))
    extract = loading.extract_graph

    def fail_on_the_fourth(path):
        if Path(path) == files[3]:
            raise RuntimeError("stopped")
        return extract(path)
    monkeypatch.setattr(loading, "extract_graph", fail_on_the_fourth)
    with pytest.raises(RuntimeError, match="stopped"):
        loading.load(files, store, batch=1)   # three reports were written before it stopped
    assert store.sources() == {} and not (store.path / STAGING).exists()
    monkeypatch.setattr(loading, "extract_graph", extract)
    assert loading.load(files, store).counts["loaded"] == 5


def test_bulk_write_refused_names_the_report_and_keeps_the_others_whole(store):
    good, bad = "file:///reports/a.txt", "file:///reports/b.txt"
    graph = Graph()
    graph.add((URIRef("https://w3id.org/kg-bulletins/id/report/1"), KG.series, Literal("窗口工作周报")))
    unwritable = UnwritableGraph()
    unwritable.add((URIRef("https://w3id.org/kg-bulletins/id/report/2"), KG.series, Literal("政务窗口月报")))
    with store.building():
        with pytest.raises(StoreError, match=f"^cannot write {bad} to the store at "):
            store.replace_many([(good, graph), (bad, unwritable)])
    assert set(store.graph(good)) == set(graph) and set(store.graph(bad)) == set()
    assert default_graph(store) == named_graphs_union(store)


def test_build_writes_a_shared_node_to_the_default_graph_again_after_a_rewrite_took_it_out(store):
    # A build writes each line of a shared node (a department) to the default graph once. A report rewritten
    # during the build takes out the lines no other report holds; a later report that names them puts them back.
    department = URIRef("https://w3id.org/kg-bulletins/id/org/1")
    named = (department, FOAF.name, Literal("商务厅"))
    first, second = Graph(), Graph()
    first.add(named)
    second.add(named)
    with store.building():
        store.replace("file:///reports/a.txt", first)
        store.replace("file:///reports/a.txt", Graph())
        store.replace("file:///reports/b.txt", second)
    assert default_graph(store) == named_graphs_union(store)  # b's graph holds the line: so must the default


@pytest.mark.parametrize("renames", [0, 1, 5, 20])
def test_move_into_place_cut_short_is_finished_by_the_next_writer(tmp_path, monkeypatch, renames):
    rename, done = Path.rename, []

    def crash_after(path, target):
        if len(done) == renames:
            raise OSError("the machine went down")
        done.append(path)
        return rename(path, target)
    with pytest.raises(OSError, match="went down"):
        with OxigraphStore(tmp_path / "s") as store:
            with store.building():
                loading.load([SAMPLES], store)
                monkeypatch.setattr(Path, "rename", crash_after)
    monkeypatch.setattr(Path, "rename", rename)
    monkeypatch.setattr(kg.store, "STAGING_WAIT", 0.1)  # a reader waits for a move in progress: this one crashed
    with pytest.raises(StoreError, match="no store at"):  # CURRENT moves last: no reader opens half a store
        OxigraphStore(tmp_path / "s", read_only=True)
    with OxigraphStore(tmp_path / "s") as store:
        assert len(store.sources()) == 5 and default_graph(store) == named_graphs_union(store)
    assert not (tmp_path / "s" / STAGING).exists()


def test_build_stopped_before_it_was_complete_is_discarded_by_the_next_writer(tmp_path):
    with OxigraphStore(tmp_path / "s") as store:
        loading.load(sorted(SAMPLES.glob("*.txt"))[:1], store)
    (tmp_path / "s" / STAGING).mkdir()             # a load killed while it wrote its staging store
    (tmp_path / "s" / STAGING / "000009.sst").write_bytes(b"half")
    with OxigraphStore(tmp_path / "s") as store:
        assert len(store.sources()) == 1
    assert not (tmp_path / "s" / STAGING).exists()


def test_load_strict_refuses_a_graph_that_breaks_the_shapes(tmp_path, store, monkeypatch):
    path = write_bulletin(tmp_path, "weekly.txt", WEEKLY)
    extract = loading.extract_graph

    def without_names(p):
        graph = extract(p)
        graph.remove((None, FOAF.name, None))
        return graph
    monkeypatch.setattr(loading, "extract_graph", without_names)
    outcome = loading.load_file(path, store, strict=True)
    assert outcome.status == "failed"
    assert "does not conform to the shapes: A Person must have one name" in str(outcome.error)
    assert store.sources() == {}
    assert loading.load_file(path, store).status == "loaded"  # without --shacl it loads


def test_load_samples_counts_reports_facts_and_triples(tmp_path):
    summary = load_samples(tmp_path / "s")
    assert summary.reports == 5 and summary.errors == 0
    assert summary.facts > 150 and summary.triples > 3000


# --- reading ---------------------------------------------------------------------------------------------------

def test_query_values_are_plain_python(store):
    loading.load([SAMPLES], store)
    row = store.query("""
        PREFIX kg: <https://w3id.org/kg-bulletins/ontology#>
        PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?report ?issued ?issue ?copies WHERE {
          ?report a kg:Report ; dcterms:issued ?issued ; kg:issueNo ?issue ; kg:copiesPrinted ?copies ;
                  kg:sourceFile "000_080c0ab74c611cee.txt" }""").rows[0]
    assert row["issued"] == "2023-03-29" and row["issue"] == 10 and isinstance(row["copies"], int)
    assert row["report"].startswith("https://w3id.org/kg-bulletins/id/report/")


@pytest.mark.parametrize("text", [
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "DROP ALL",
    "CLEAR DEFAULT",
    "PREFIX kg: <https://w3id.org/kg-bulletins/ontology#>\nDELETE { ?s ?p ?o } WHERE { ?s a kg:Visit ; ?p ?o }",
    "# a comment first\nLOAD <http://example.org/data.ttl>",
], ids=["insert", "delete-where", "drop", "clear", "prefixed-delete", "load"])
def test_query_refuses_updates(store, text):
    store.replace("file:///a.txt", ontology_graph())
    before = default_graph(store)
    with pytest.raises(QueryError, match=r"^SPARQL updates \(INSERT, DELETE, .*\) are refused"):
        store.query(text)
    assert default_graph(store) == before


def test_query_syntax_error_is_a_query_error(store):
    with pytest.raises(QueryError, match="^SPARQL syntax error: "):
        store.query("SELECT * WHERE { ?s ?p ")


def test_read_only_store_sees_what_was_loaded(tmp_path):
    load_samples(tmp_path / "s")
    with OxigraphStore(tmp_path / "s", read_only=True) as store:
        assert len(store.sources()) == 5
        assert visitors(store, "商务厅")[0][0] == "梁勇"


def test_store_folder_in_use_is_a_clear_error(tmp_path):
    with OxigraphStore(tmp_path / "s"):
        with pytest.raises(StoreError, match=rf"^the store at {tmp_path / 's'} is being written by another kg "
                                             rf"process \(pid {os.getpid()}\); waited 0.2 s: try again when it ends"):
            OxigraphStore(tmp_path / "s", lock_timeout=0.2)


def test_kg_store_environment_variable_chooses_the_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_STORE", str(tmp_path / "env-store"))
    with OxigraphStore() as store:
        assert store.path == tmp_path / "env-store"
    assert os.path.isdir(tmp_path / "env-store")

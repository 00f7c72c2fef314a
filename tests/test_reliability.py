"""Issue 7, reliability: bad input, reloads and replacement, kg load killed at random moments.

Bad input goes through `kg load` (CliRunner) and the store is checked afterwards; crash safety kills a real `kg load`
subprocess with SIGKILL (the scenarios are in tests/faults.py, which scripts/fault_injection.py runs many times).
"""
import random
import shutil
import time

import pytest

import faults
from bulletins import WEEKLY
from kg import canned
from kg.reading import read_source
from kg.errors import InputError
from kg.store import OxigraphStore, source_key
from neo4j_fixture import graph_db, neo4j_uri  # noqa: F401  (fixtures, found by name)
from stores import SAMPLES, kg, default_graph, named_graphs_union, write_bulletin


def visitors(store_path, dept):
    with OxigraphStore(store_path, read_only=True) as store:
        return sorted((r["person"], r["report"]) for r in canned.run("who-visited", store, {"dept": dept}).rows)


# --- bad input ---------------------------------------------------------------------------------------------------

def test_load_mixed_folder_names_each_bad_file_and_loads_every_good_one(tmp_path):
    good = faults.write_good_inputs(tmp_path / "in")
    bad = faults.write_bad_inputs(tmp_path / "in")
    missing = tmp_path / "no-such-folder" / "weekly.txt"
    started = time.monotonic()
    result = kg("load", tmp_path / "in", missing, "--store", tmp_path / "s")
    assert time.monotonic() - started < 60   # the 50 MB file is refused by its size, not parsed

    assert (result.exit_code, result.stdout) == (1, "")
    lines = result.stderr.splitlines()
    expected = sorted(bad.items()) + [(missing, "no such file or folder")]
    assert len(lines) == len(expected) + 1
    for line, (path, cause) in zip(lines, expected):
        assert line.startswith(f"Error: {path}: {cause}"), line
    assert lines[-1].startswith(f"{len(good) + len(expected)} reports: {len(good)} loaded, 0 replaced, 0 unchanged, "
                                f"{len(expected)} failed; ")
    assert "Traceback" not in result.output

    with OxigraphStore(tmp_path / "s", read_only=True) as store:
        assert set(store.sources()) == {source_key(p) for p in good}
    assert faults.check_embedded(tmp_path / "s", faults.expected_graphs(good)) == len(good)
    # Every encoding read right: each file's visitor comes back under its own file.
    assert visitors(tmp_path / "s", "教育厅") == sorted((v, p.name) for p, v in good.items())


@pytest.mark.parametrize("jobs", [1, 2])
def test_load_strict_stops_at_the_first_bad_file(tmp_path, jobs):
    (tmp_path / "in").mkdir()
    first = write_bulletin(tmp_path / "in", "a.txt", faults.weekly(20, "王明"))
    bad = tmp_path / "in" / "b.txt"
    bad.write_bytes(b"")
    write_bulletin(tmp_path / "in", "c.txt", faults.weekly(21, "李强"))
    write_bulletin(tmp_path / "in", "d.txt", faults.weekly(22, "张伟"))

    result = kg("load", tmp_path / "in", "--store", tmp_path / "s", "--strict", "--jobs", jobs)

    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[:2] == [f"Error: {bad}: empty file", "Stopped at the first error (--strict): 2 of 4 files not read"]
    assert lines[2].startswith("2 reports: 1 loaded, 0 replaced, 0 unchanged, 1 failed; ") and len(lines) == 3
    with OxigraphStore(tmp_path / "s", read_only=True) as store:
        assert list(store.sources()) == [source_key(first)]


def test_load_without_strict_goes_on_after_the_bad_file(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "b.txt").write_bytes(b"")
    for name, issue in (("a.txt", 20), ("c.txt", 21)):
        write_bulletin(tmp_path / "in", name, faults.weekly(issue, "王明"))
    result = kg("load", tmp_path / "in", "--store", tmp_path / "s")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[1].startswith("3 reports: 2 loaded, 0 replaced, 0 unchanged, 1 failed; ")


def test_load_help_says_strict_stops_and_shacl_checks_the_shapes():
    text = " ".join(kg("load", "--help").stdout.split())
    assert "--strict Stop at the first file that cannot be loaded (exit status 1)." in text
    assert "--shacl Refuse reports whose triples break ontology/shapes.ttl (SHACL)." in text


def test_load_shacl_checks_each_report(tmp_path):
    result = kg("load", SAMPLES, "--store", tmp_path / "s", "--shacl")
    assert result.exit_code == 0 and result.stderr.startswith("5 reports: 5 loaded, ")


def test_load_bad_new_version_of_a_file_keeps_the_old_one_whole(tmp_path):
    path = write_bulletin(tmp_path, "weekly.txt", WEEKLY)
    kg("load", path, "--store", tmp_path / "s")
    with OxigraphStore(tmp_path / "s", read_only=True) as store:
        before = default_graph(store), named_graphs_union(store)

    path.write_bytes(WEEKLY.encode("utf-8")[:1001])   # the same file, cut short by a failed copy
    result = kg("load", path, "--store", tmp_path / "s")

    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {path}: truncated: ")
    with OxigraphStore(tmp_path / "s", read_only=True) as store:
        assert (default_graph(store), named_graphs_union(store)) == before


@pytest.mark.parametrize("size_mb, suffix, cause", [
    (50, ".txt", "file is 50 MB, larger than a text bulletin can be (4 MB)"),
    (65, ".pdf", "file is 65 MB, larger than a bulletin can be (64 MB)"),
])
def test_read_source_refuses_a_huge_file_by_its_size_at_once(tmp_path, size_mb, suffix, cause):
    path = tmp_path / f"huge{suffix}"
    with open(path, "wb") as f:
        f.truncate(size_mb * 1024 * 1024)   # sparse: the size is what counts
    started = time.monotonic()
    with pytest.raises(InputError) as e:
        read_source(path)
    assert str(e.value) == f"{path}: {cause}" and time.monotonic() - started < 1


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_read_source_cut_inside_a_character_says_truncated(tmp_path, encoding):
    data = "四川省商务厅".encode(encoding)
    path = tmp_path / "cut.txt"
    path.write_bytes(WEEKLY.encode(encoding) + data[:-1])
    with pytest.raises(InputError, match=rf"truncated: the file ends inside a {encoding.upper()} character"):
        read_source(path)


def test_read_source_gb18030_characters_outside_gbk_read_right(tmp_path):
    text = WEEKLY.replace("王明", "王𠮷明")   # U+20BB7: four bytes in GB18030, not in GBK
    path = tmp_path / "b.txt"
    path.write_bytes(text.encode("gb18030"))
    assert read_source(path).text == text


# --- idempotence and replacement ---------------------------------------------------------------------------------

def test_load_corpus_twice_and_forced_gives_the_same_triples(tmp_path):
    files = faults.make_corpus(tmp_path / "c", 12, seed=21)
    assert kg("load", tmp_path / "c", "--store", tmp_path / "s").exit_code == 0
    first = faults.store_quads(tmp_path / "s")
    again = kg("load", tmp_path / "c", "--store", tmp_path / "s")
    assert again.stderr == "12 reports: 0 loaded, 0 replaced, 12 unchanged, 0 failed; 0 facts, 0 triples written\n"
    assert faults.store_quads(tmp_path / "s") == first
    forced = kg("load", tmp_path / "c", "--store", tmp_path / "s", "--force")
    assert forced.stderr.startswith("12 reports: 0 loaded, 12 replaced, 0 unchanged, 0 failed; ")
    assert faults.store_quads(tmp_path / "s") == first
    assert faults.check_embedded(tmp_path / "s", faults.expected_graphs(files)) == 12


def _samples_copy(folder):
    folder.mkdir()
    for f in sorted(SAMPLES.glob("*.txt")):
        shutil.copy(f, folder / f.name)
    return sorted(folder.glob("*.txt"))


def test_editing_one_bulletin_replaces_its_facts_and_nothing_else(tmp_path):
    files = _samples_copy(tmp_path / "in")
    edited = files[0]
    kg("load", tmp_path / "in", "--store", tmp_path / "s")
    before = faults.store_quads(tmp_path / "s")

    edited.write_text(edited.read_text(encoding="utf-8").replace("梁勇", "梁永"), encoding="utf-8")
    result = kg("load", tmp_path / "in", "--store", tmp_path / "s")

    assert result.stderr.startswith("5 reports: 0 loaded, 1 replaced, 4 unchanged, 0 failed; ")
    after = faults.store_quads(tmp_path / "s")
    for f in files[1:]:
        assert after[source_key(f)] == before[source_key(f)]
    assert after[source_key(edited)] == faults.expected_graphs([edited])[source_key(edited)]
    assert faults.check_embedded(tmp_path / "s", faults.expected_graphs(files)) == 5
    assert [p for p, _ in visitors(tmp_path / "s", "商务厅")] == ["戢焜文", "梁永"]


@pytest.mark.neo4j
def test_neo4j_load_twice_and_forced_gives_the_same_nodes_and_relationships(graph_db, neo4j_uri,
                                                                            tmp_path):  # noqa: F811
    files = faults.make_corpus(tmp_path / "c", 4, seed=22)
    assert kg("load", tmp_path / "c", "--store", tmp_path / "s", "--uri", neo4j_uri).exit_code == 0
    first, counts = faults.neo4j_snapshot(graph_db), faults.neo4j_counts(graph_db)
    again = kg("load", tmp_path / "c", "--store", tmp_path / "s", "--uri", neo4j_uri)
    assert again.stderr == "4 reports: 0 loaded, 0 replaced, 4 unchanged, 0 failed; 0 facts, 0 triples written\n"
    forced = kg("load", tmp_path / "c", "--store", tmp_path / "s", "--uri", neo4j_uri, "--force")
    assert forced.stderr.endswith("; 4 pushed to Neo4j\n")
    assert faults.neo4j_counts(graph_db) == counts and faults.neo4j_snapshot(graph_db) == first
    assert faults.check_neo4j(graph_db, faults.expected_projections(files)) == 4


@pytest.mark.neo4j
def test_neo4j_editing_one_bulletin_replaces_its_facts_and_nothing_else(graph_db, neo4j_uri, tmp_path):  # noqa: F811
    files = _samples_copy(tmp_path / "in")
    kg("load", tmp_path / "in", "--store", tmp_path / "s", "--uri", neo4j_uri)
    edited = files[0]
    others = {f: faults.neo4j_source(graph_db, source_key(f)) for f in files[1:]}
    edited.write_text(edited.read_text(encoding="utf-8").replace("梁勇", "梁永"), encoding="utf-8")
    result = kg("load", tmp_path / "in", "--store", tmp_path / "s", "--uri", neo4j_uri)
    assert result.stderr.startswith("5 reports: 0 loaded, 1 replaced, 4 unchanged, 0 failed; ")
    assert result.stderr.endswith("; 1 pushed to Neo4j\n")
    # The four other files keep exactly their nodes and relationships; the edited one has its new projection.
    assert {f: faults.neo4j_source(graph_db, source_key(f)) for f in files[1:]} == others
    assert faults.check_neo4j(graph_db, faults.expected_projections(files)) == 5
    assert graph_db.query("MATCH (p:Person) WHERE p.name IN ['梁勇', '梁永'] RETURN p.name AS n").rows == [{"n": "梁永"}]


# --- crash safety ------------------------------------------------------------------------------------------------

def test_load_killed_at_random_moments_leaves_whole_reports_and_the_rerun_completes(tmp_path):
    folder, _, expected, reference = faults.shared_corpus()
    tally = faults.kill_scenario(folder, tmp_path / "s", expected, reference, random.Random(7), kills=3,
                                 per_file=0.03)
    assert tally.faults >= 1, "no kill landed while kg load was running"
    assert (tally.lost, tally.extra) == (0, 0)


@pytest.mark.neo4j
def test_neo4j_load_killed_at_random_moments_commits_whole_reports_and_the_rerun_completes(
        graph_db, neo4j_uri, tmp_path):  # noqa: F811
    files = faults.make_corpus(tmp_path / "c", 5, seed=24)
    assert faults.run_kg("load", tmp_path / "c", "--store", tmp_path / "reference", "--uri", neo4j_uri).returncode == 0
    reference = faults.neo4j_snapshot(graph_db)
    graph_db.clear()
    tally = faults.neo4j_kill_scenario(tmp_path / "c", tmp_path / "s", neo4j_uri, faults.expected_graphs(files),
                                       faults.expected_projections(files), reference, graph_db, random.Random(8),
                                       kills=2)
    assert tally.faults >= 1, "no kill landed while kg load was running"
    assert (tally.lost, tally.extra) == (0, 0)

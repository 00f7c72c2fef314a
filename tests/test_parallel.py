"""kg/parallel.py: `kg load --jobs N` extracts in worker processes and writes exactly what `--jobs 1` writes."""
import shutil

import pytest
from click.testing import CliRunner
from rdflib.compare import isomorphic

from kg import loading
from kg.cli import main
from kg.loading import extract_graph
from kg.parallel import SerializedGraph, prepare
from kg.store import OxigraphStore
from stores import SAMPLES


@pytest.fixture
def folder(tmp_path):
    """The sample bulletins and one file that is not a bulletin."""
    inbox = tmp_path / "in"
    shutil.copytree(SAMPLES, inbox)
    (inbox / "zz_binary.txt").write_bytes(b"\x00\x01 not text")
    return inbox


def load(folder, path, **options):
    with OxigraphStore(path) as store:
        summary = loading.load([folder], store, **options)
        quads = set(store.store)
    outcomes = [(o.path, o.status, o.facts, o.triples, str(o.error) if o.error else None) for o in summary.outcomes]
    return outcomes, quads


def test_parallel_load_writes_the_same_quads_and_outcomes_as_one_process(folder, tmp_path):
    one, one_quads = load(folder, tmp_path / "one", jobs=1)
    two, two_quads = load(folder, tmp_path / "two", jobs=2)
    assert two == one
    assert two_quads == one_quads
    assert [status for _, status, *_ in two].count(loading.FAILED) == 1


def test_parallel_load_again_is_a_no_op_and_force_rewrites(folder, tmp_path):
    load(folder, tmp_path / "s", jobs=2)
    again, _ = load(folder, tmp_path / "s", jobs=2)
    assert {status for _, status, *_ in again} == {loading.UNCHANGED, loading.FAILED}
    forced, _ = load(folder, tmp_path / "s", jobs=2, force=True)
    assert {status for _, status, *_ in forced} == {loading.REPLACED, loading.FAILED}


def test_prepared_triples_are_the_graph_extract_graph_builds():
    path = str(sorted(SAMPLES.glob("*.txt"))[0])
    prepared = prepare(path)
    graph = prepared.graph()
    assert isinstance(graph, SerializedGraph)
    expected = extract_graph(path)
    assert len(graph) == len(expected)
    assert isomorphic(graph.to_graph(), expected)
    assert loading.count_facts(graph) == loading.count_facts(expected)


def test_prepare_turns_a_bad_file_into_its_input_error(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01")
    prepared = prepare(str(bad))
    with pytest.raises(loading.InputError, match="bad.txt: binary file"):
        prepared.graph()


def test_cli_load_jobs_two_prints_the_same_summary_as_jobs_one(folder, tmp_path):
    runner = CliRunner()
    one = runner.invoke(main, ["load", str(folder), "--store", str(tmp_path / "one"), "--jobs", "1"])
    two = runner.invoke(main, ["load", str(folder), "--store", str(tmp_path / "two"), "--jobs", "2"])
    assert two.exit_code == one.exit_code == 1  # the binary file
    assert two.stderr == one.stderr


def test_cli_load_refuses_zero_jobs(tmp_path):
    result = CliRunner().invoke(main, ["load", str(SAMPLES), "--store", str(tmp_path / "s"), "--jobs", "0"])
    assert result.exit_code == 2

"""Issue 7, concurrency: one writer per embedded store (kg/store.py WriterLock), readers see whole reports only."""
import os
import signal
import time

import pytest

import faults
from kg.errors import StoreError
from kg.store import LOCK_FILE, OxigraphStore, StoreBusy, WriterLock
from stores import SAMPLES, kg


@pytest.fixture(scope="module")
def corpus():
    """A generated corpus, what each file should give, and the store of an uninterrupted load."""
    folder, _, expected, reference = faults.shared_corpus()
    return folder, expected, reference


# --- the lock ----------------------------------------------------------------------------------------------------

def test_writer_lock_holds_the_pid_and_is_released(tmp_path):
    lock = WriterLock(tmp_path, timeout=0).acquire()
    assert (tmp_path / LOCK_FILE).read_text() == f"{os.getpid()}\n" and lock.holder() == os.getpid()
    with pytest.raises(StoreBusy, match=rf"\(pid {os.getpid()}\); waited 0 s"):
        WriterLock(tmp_path, timeout=0).acquire()
    lock.release()
    assert lock.holder() is None
    WriterLock(tmp_path, timeout=0).acquire().release()


def test_second_writer_waits_then_fails_naming_the_pid(tmp_path):
    with OxigraphStore(tmp_path / "s"):
        result = faults.run_kg("load", SAMPLES, "--store", tmp_path / "s",
                               env=dict(os.environ, KG_LOCK_TIMEOUT="0.5"))
    assert result.returncode == 1
    assert result.stderr == (
        f"Waiting up to 0.5 s: the store is being written by another kg process (pid {os.getpid()})\n"
        f"Error: the store at {tmp_path / 's'} is being written by another kg process (pid {os.getpid()}); "
        f"waited 0.5 s: try again when it ends, or set KG_LOCK_TIMEOUT to wait longer\n")


def test_second_writer_waits_for_the_first_to_finish_then_loads(tmp_path):
    first = OxigraphStore(tmp_path / "s")
    second = faults.start_kg("load", SAMPLES, "--store", tmp_path / "s", env=dict(os.environ, KG_LOCK_TIMEOUT="60"))
    time.sleep(2)
    assert second.poll() is None   # still waiting
    first.close()
    assert second.wait(60) == 0
    lines = second.stderr.read().splitlines()
    assert lines[0] == f"Waiting up to 60 s: the store is being written by another kg process (pid {os.getpid()})"
    assert lines[1].startswith("5 reports: 5 loaded, ")


def test_killed_writer_leaves_no_lock_behind(tmp_path):
    writer = faults.start_kg("load", SAMPLES, "--store", tmp_path / "s")
    deadline = time.monotonic() + 30
    while WriterLock(tmp_path / "s").holder() != writer.pid:   # until it holds the lock
        assert time.monotonic() < deadline and writer.poll() is None
        time.sleep(0.01)
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    with OxigraphStore(tmp_path / "s", lock_timeout=0):
        pass


def test_readers_take_no_lock(tmp_path):
    faults.run_kg("load", SAMPLES, "--store", tmp_path / "s")
    with OxigraphStore(tmp_path / "s"):   # a writer holds it
        result = kg("sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?r a <https://w3id.org/kg-bulletins/ontology#Report> }",
                    "--store", tmp_path / "s")
    assert (result.exit_code, result.stdout) == (0, "n\n-\n5\n")


def test_lock_timeout_that_is_not_a_number_is_a_clear_error(tmp_path):
    result = kg("load", SAMPLES, "--store", tmp_path / "s", env={"KG_LOCK_TIMEOUT": "soon"})
    assert (result.exit_code, result.stderr) == (1, "Error: KG_LOCK_TIMEOUT='soon' is not a number of seconds\n")


def test_store_error_for_a_folder_that_cannot_be_made(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreError, match="^cannot open the store at .*/file/s: "):
        OxigraphStore(tmp_path / "file" / "s")


# --- two processes -----------------------------------------------------------------------------------------------

def test_two_loads_at_once_both_finish_one_after_the_other(corpus, tmp_path):
    folder, expected, reference = corpus
    tally = faults.writers_scenario(folder, tmp_path / "s", expected, reference, writers=2)
    assert (tally.lost, tally.extra) == (0, 0)


def test_queries_during_a_load_see_whole_reports_only(corpus, tmp_path):
    folder, expected, reference = corpus
    tally = faults.readers_scenario(folder, tmp_path / "s", expected, reference)
    assert tally.checks >= 3
    assert (tally.lost, tally.extra) == (0, 0)


def test_kg_sparql_during_a_load_counts_whole_reports(corpus, tmp_path):
    folder, expected, _ = corpus
    writer = faults.start_kg("load", folder, "--store", tmp_path / "s")
    counts = []
    query = ("PREFIX kg: <https://w3id.org/kg-bulletins/ontology#> SELECT (COUNT(DISTINCT ?r) AS ?reports) "
             "(COUNT(DISTINCT ?sha) AS ?digests) WHERE { ?r a kg:Report ; kg:sha256 ?sha }")
    while writer.poll() is None:
        if not (tmp_path / "s" / "CURRENT").exists():
            time.sleep(0.02)
            continue
        result = kg("sparql", query, "--store", tmp_path / "s", "--format", "csv")
        assert result.exit_code == 0, result.output
        reports, digests = map(int, result.stdout.splitlines()[1].split(","))
        assert reports == digests   # a report is never there without its digest
        counts.append(reports)
    assert writer.wait() == 0
    assert counts == sorted(counts) and all(0 <= c <= len(expected) for c in counts)

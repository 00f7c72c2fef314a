"""Run the fault scenarios of issue 7 many times and print the figures: inputs tried, faults injected, data lost.

    .venv/bin/python scripts/fault_injection.py                    # embedded store: bad input, kills, concurrency
    .venv/bin/python scripts/fault_injection.py --neo4j --runs 20  # and Neo4j: kills, servers stopped mid-load

The scenarios are the ones the test suite runs a few times (tests/faults.py); here each runs --runs times on a
generated corpus (bench/corpus.py). After every fault the stores are checked (each report whole or absent), and
every run ends with a rerun compared with an uninterrupted load: "lost" counts the triples, nodes and relationships
of that load missing at the end, "extra" the ones that should not be there. Exit status 1 if anything was lost, any
check failed or any run broke.
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT)]

import faults  # noqa: E402  (tests/faults.py: the scenarios)
from faults import Tally  # noqa: E402


class Report:
    """Figures per scenario, printed as a table at the end."""

    def __init__(self):
        self.rows = {}
        self.failures = []
        self.notes = []

    def add(self, scenario, tally: Tally):
        self.rows.setdefault(scenario, Tally())
        self.rows[scenario] += tally

    def fail(self, scenario, error):
        self.rows.setdefault(scenario, Tally())
        self.failures.append((scenario, error))
        print(f"FAILED {scenario}: {error}", file=sys.stderr)

    def print(self):
        head = f"{'scenario':<34} {'runs':>5} {'inputs':>7} {'faults':>7} {'checks':>7} {'lost':>5} {'extra':>5}"
        print(head)
        print("-" * len(head))
        total = Tally()
        for scenario, t in self.rows.items():
            total += t
            print(f"{scenario:<34} {t.runs:>5} {t.inputs:>7} {t.faults:>7} {t.checks:>7} {t.lost:>5} {t.extra:>5}")
        print("-" * len(head))
        print(f"{'total':<34} {total.runs:>5} {total.inputs:>7} {total.faults:>7} {total.checks:>7} "
              f"{total.lost:>5} {total.extra:>5}")
        print(f"failed runs: {len(self.failures)}")
        for note in self.notes:
            print(note)
        return total


def scenario(report, name, runs, body):
    """Run `body(i)` -> Tally `runs` times; an AssertionError (a broken guarantee) or a crash is a failed run."""
    started = time.monotonic()
    for i in range(runs):
        try:
            report.add(name, body(i))
        except AssertionError as e:
            report.fail(name, f"run {i}: {e}")
        except Exception:  # noqa: BLE001 - a crash of the harness or of kg is a failure too
            report.fail(name, f"run {i}: {traceback.format_exc(limit=3)}")
    print(f"  {name}: {runs} runs in {time.monotonic() - started:.0f} s", file=sys.stderr)


# --- scenarios -----------------------------------------------------------------------------------------------------

def bad_input(work, rng, i):
    """A folder with a random mix of every kind of bad file and good files, some good files mutated into bad ones:
    one error line per bad file, exit status 1, every good file loaded whole, nothing else."""
    folder = work / f"mixed-{i}"
    good = faults.write_good_inputs(folder / "in")
    bad = faults.write_bad_inputs(folder / "in", big_mb=rng.choice([5, 50]))
    for path in rng.sample(sorted(bad), rng.randint(0, len(bad) - 1)):   # a random subset of the bad kinds
        path.unlink()
        del bad[path]
    expected = faults.expected_graphs(good)
    result = faults.run_kg("load", folder / "in", "--store", folder / "s")
    lines = result.stderr.splitlines()
    assert result.returncode == (1 if bad else 0), result.stderr
    assert len(lines) == len(bad) + 1, result.stderr
    for line, (path, cause) in zip(lines, sorted(bad.items())):
        assert line.startswith(f"Error: {path}: {cause}"), line
    held = faults.check_embedded(folder / "s", expected)
    shutil.rmtree(folder)
    return Tally(runs=1, inputs=len(good) + len(bad), faults=len(bad), checks=1, lost=len(good) - held)


def embedded_kills(work, corpus, rng, i):
    folder, _, expected, reference = corpus
    store = work / f"kill-{i}"
    tally = faults.kill_scenario(folder, store, expected, reference, rng, kills=rng.randint(2, 5))
    shutil.rmtree(store)
    return tally


def writers(work, corpus, rng, i):
    folder, _, expected, reference = corpus
    store = work / f"writers-{i}"
    tally = faults.writers_scenario(folder, store, expected, reference, writers=rng.randint(2, 3))
    shutil.rmtree(store)
    return tally


def readers(work, corpus, rng, i):
    folder, _, expected, reference = corpus
    store = work / f"readers-{i}"
    tally = faults.readers_scenario(folder, store, expected, reference)
    shutil.rmtree(store)
    return tally


def injection(work, rng, i):
    """Hostile strings in bulletins (quoted and as a department's name): the store holds them as text and the
    graph has the size the same bulletins with x's give."""
    sys.path.insert(0, str(ROOT / "tests"))
    from test_injection import PAYLOADS, hostile
    folder = work / f"injection-{i}"
    payloads = rng.sample(PAYLOADS, 4)
    sizes = {}
    for kind, text in (("hostile", lambda p: p), ("benign", lambda p: "x" * len(p))):
        (folder / kind).mkdir(parents=True)
        for n, payload in enumerate(payloads):
            (folder / kind / f"{n}.txt").write_text(hostile(text(payload), 50 + n), encoding="utf-8")
        result = faults.run_kg("load", folder / kind, "--store", folder / f"{kind}.store")
        assert result.returncode == 0, result.stderr
        sizes[kind] = len(faults.store_quads(folder / f"{kind}.store").get(None, ()))
    files = sorted((folder / "hostile").glob("*.txt"))
    held = faults.check_embedded(folder / "hostile.store", faults.expected_graphs(files))
    shutil.rmtree(folder)
    return Tally(runs=1, inputs=len(payloads), faults=len(payloads), checks=2,
                 lost=len(files) - held + abs(sizes["hostile"] - sizes["benign"]))


def neo4j_kills(work, corpus, uri, rng, i):
    from kg.neo4j_store import Neo4jStore
    folder, files, expected, projections, reference = corpus
    with Neo4jStore(uri=uri) as neo4j:
        neo4j.clear()
        tally = faults.neo4j_kill_scenario(folder, work / f"neo4j-kill-{i}", uri, expected, projections, reference,
                                           neo4j, rng, kills=rng.randint(1, 3), window=(0.0, 0.6))
    shutil.rmtree(work / f"neo4j-kill-{i}")
    return tally


def neo4j_stops(work, corpus, server, rng, i, report):
    """Stop the server (SIGTERM, or SIGKILL of the JVM) while kg load writes to it; kg must say so in one line
    within seconds; after a restart Neo4j holds whole reports only and a rerun completes."""
    from kg.neo4j_store import Neo4jStore
    folder, files, expected, projections, _ = corpus
    store = work / f"neo4j-stop-{i}"
    with Neo4jStore(uri=server.uri) as neo4j:
        neo4j.clear()
        load = faults.start_kg("load", folder, "--store", store, "--uri", server.uri)
        faults.wait_for_reports(neo4j, rng.randint(1, len(files) // 2))
    how = rng.choice(["SIGTERM", "SIGKILL"])
    if how == "SIGTERM":
        server.stop()
    else:
        server.handle.process.send_signal(signal.SIGKILL)
        server.handle.process.wait()
    stopped = time.monotonic()
    load.wait(120)
    seconds = time.monotonic() - stopped
    stderr = load.stderr.read()
    report.notes.append(f"neo4j stopped mid-load ({how}): kg load exited {load.returncode} after {seconds:.1f} s: "
                        f"{stderr.strip()[:90]}")
    assert load.returncode == 1 and stderr.count("\n") == 1 and "Traceback" not in stderr, stderr
    assert seconds < 20, f"kg load took {seconds:.1f} s to give up"
    server.restart()
    with Neo4jStore(uri=server.uri) as neo4j:
        held = faults.check_neo4j(neo4j, projections)
        faults.check_embedded(store, expected)
        rerun = faults.run_kg("load", folder, "--store", store, "--uri", server.uri)
        assert rerun.returncode == 0, rerun.stderr
        whole = faults.check_neo4j(neo4j, projections)
        nodes = set().union(*(n for n, _ in projections.values()))
        rels = set().union(*(r for _, r in projections.values()))
        got = faults.neo4j_counts(neo4j)
    shutil.rmtree(store)
    return Tally(runs=1, inputs=2 * len(files), faults=1, checks=3 + (held < len(files)),
                 lost=len(files) - whole + max(0, len(nodes) - got[0]) + max(0, len(rels) - got[1]),
                 extra=max(0, got[0] - len(nodes)) + max(0, got[1] - len(rels)))


class Server:
    """A throw-away Neo4j that can be stopped and started again on the same database."""

    def __init__(self, workdir):
        from kg import neo4j_server
        self.workdir, self.start = workdir, neo4j_server.start
        self.handle = self.start(workdir)

    @property
    def uri(self):
        return self.handle.uri

    def stop(self):
        self.handle.stop()

    def restart(self):
        self.handle = self.start(self.workdir)


# --- main ----------------------------------------------------------------------------------------------------------

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=10, help="runs of each scenario (default 10)")
    ap.add_argument("--files", type=int, default=24, help="bulletins in the generated corpus (default 24)")
    ap.add_argument("--seed", type=int, default=7, help="random seed of the fault moments (default 7)")
    ap.add_argument("--neo4j", action="store_true", help="also run the Neo4j scenarios (starts two servers)")
    ap.add_argument("--stops", type=int, default=3, help="Neo4j servers stopped mid-load (default 3; each restart "
                                                         "takes ~15 s)")
    a = ap.parse_args(argv)
    rng = random.Random(a.seed)
    report = Report()
    work = Path(tempfile.mkdtemp(prefix="kg-faults-"))
    os.environ.pop("KG_STORE", None)
    try:
        corpus = faults.shared_corpus(a.files, a.seed)
        scenario(report, "bad input (mixed folders)", a.runs, lambda i: bad_input(work, rng, i))
        scenario(report, "embedded: kg load SIGKILLed", a.runs, lambda i: embedded_kills(work, corpus, rng, i))
        scenario(report, "embedded: concurrent writers", a.runs, lambda i: writers(work, corpus, rng, i))
        scenario(report, "embedded: readers during a load", a.runs, lambda i: readers(work, corpus, rng, i))
        scenario(report, "injection strings in bulletins", a.runs, lambda i: injection(work, rng, i))
        if a.neo4j:
            small = faults.make_corpus(work / "neo4j-corpus", max(4, a.files // 4), a.seed + 1)
            folder = work / "neo4j-corpus"
            server = Server(work / "neo4j-a")
            from kg.neo4j_store import Neo4jStore
            with Neo4jStore(uri=server.uri) as neo4j:
                neo4j.clear()
                done = faults.run_kg("load", folder, "--store", work / "neo4j-reference", "--uri", server.uri)
                assert done.returncode == 0, done.stderr
                reference = faults.neo4j_snapshot(neo4j)
            ncorpus = (folder, small, faults.expected_graphs(small), faults.expected_projections(small), reference)
            scenario(report, "neo4j: kg load SIGKILLed", a.runs,
                     lambda i: neo4j_kills(work, ncorpus, server.uri, rng, i))
            scenario(report, "neo4j: server stopped mid-load", a.stops,
                     lambda i: neo4j_stops(work, ncorpus, server, rng, i, report))
            server.stop()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    total = report.print()
    return 1 if report.failures or total.lost or total.extra else 0


if __name__ == "__main__":
    sys.exit(main())

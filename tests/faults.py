"""Fault scenarios shared by the reliability tests and scripts/fault_injection.py, which runs them many more times.

A scenario feeds `kg load` (a real subprocess) a corpus, injects a fault (SIGKILL at a random moment, a second
writer, a reader racing the writer, a Neo4j server stopped mid-load), checks that every report the stores hold is
whole, reruns, and compares the result with an uninterrupted load. Each returns a Tally: inputs tried, faults
injected, consistency checks passed, and data lost (triples, nodes or relationships of the uninterrupted load
missing afterwards, plus any that should not be there).

Not tests themselves: the tests call the scenarios a few times, the script many times.
"""
from __future__ import annotations

import atexit
import functools
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, fields
from pathlib import Path

import pyoxigraph

from kg import loading
from kg.projection import project
from kg.store import ONTOLOGY_GRAPH, STAGING, ontology_graph, oxigraph_term, source_key

ROOT = Path(__file__).resolve().parent.parent
#: The kg command as a subprocess, whatever the venv's scripts folder holds.
KG = [sys.executable, "-c", "from kg.cli import main; main()"]


@dataclass
class Tally:
    """Figures of the fault-injection runs (what the closing note of issue 7 reports)."""
    runs: int = 0        # scenario runs
    inputs: int = 0      # files offered to kg load, counted per run
    faults: int = 0      # faults that landed while kg was working (a kill after the load ended is not counted)
    checks: int = 0      # consistency checks that passed
    lost: int = 0        # triples, nodes or relationships of the uninterrupted load missing at the end
    extra: int = 0       # ... and ones present that the uninterrupted load does not have

    def __iadd__(self, other):
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))
        return self


# --- corpora and what they should give ---------------------------------------------------------------------------

def make_corpus(folder, count, seed=5) -> list:
    """`count` generated bulletins (bench/corpus.py, deterministic) in `folder`; their paths, sorted."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))  # bench/ is not installed with kg
    from bench.corpus import generate
    generate(count, seed, folder)
    return sorted(Path(folder).glob("*.txt"))


def as_stored(triples) -> set:
    """rdflib triples as the store keeps them: pyoxigraph terms, numbers in canonical form (790.0 is 790).

    Checks compare pyoxigraph terms, not rdflib ones: turning every quad of a store into rdflib terms costs a second
    per check, and the checks run while a writer runs."""
    memory = pyoxigraph.Store()
    memory.extend(pyoxigraph.Quad(*(oxigraph_term(t) for t in triple)) for triple in triples)
    return {(q.subject, q.predicate, q.object) for q in memory}


def expected_graphs(files) -> dict:
    """source key -> the set of triples its file gives, as the store keeps them (see as_stored)."""
    return {source_key(f): as_stored(loading.extract_graph(f)) for f in files}


@functools.cache
def shared_corpus(count=24, seed=23) -> tuple:
    """(folder, files, expected_graphs, store_quads of an uninterrupted load) of one generated corpus, made once per
    process for every test module that needs one (a temporary folder, removed at exit)."""
    folder = Path(tempfile.mkdtemp(prefix="kg-corpus-"))
    atexit.register(shutil.rmtree, folder, True)
    files = make_corpus(folder / "c", count, seed)
    result = run_kg("load", folder / "c", "--store", folder / "reference")
    assert result.returncode == 0, result.stderr
    return folder / "c", files, expected_graphs(files), store_quads(folder / "reference")


def expected_projections(files) -> dict:
    """source key -> (node IRIs, relationships as (start, type, end)) of its file's Neo4j projection."""
    out = {}
    for f in files:
        pg = project(loading.extract_graph(f))
        out[source_key(f)] = (set(pg.nodes), {(r.start, r.type, r.end) for r in pg.relationships})
    return out


def run_kg(*args, env=None, timeout=600) -> subprocess.CompletedProcess:
    """Run kg to the end; stdout and stderr as text."""
    return subprocess.run(KG + [str(a) for a in args], stdin=subprocess.DEVNULL, capture_output=True, text=True,
                          env=env, timeout=timeout)


def start_kg(*args, env=None) -> subprocess.Popen:
    return subprocess.Popen(KG + [str(a) for a in args], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, env=env)


def kill_after(process, delay) -> bool:
    """SIGKILL `process` after `delay` seconds; True when it was killed, False when it had ended by itself."""
    try:
        process.wait(delay)
        return False
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        return True


# --- the embedded store ------------------------------------------------------------------------------------------

def store_quads(path) -> dict:
    """Graph name (None for the default graph) -> set of triples, read in one pass of one read-only view.

    One pass, so that a check made while a writer runs compares parts of the same committed state.
    """
    for attempt in range(5):
        try:
            store = pyoxigraph.Store.read_only(str(path))
            graphs = {}
            for q in store.quads_for_pattern(None, None, None, None):
                name = None if isinstance(q.graph_name, pyoxigraph.DefaultGraph) else q.graph_name.value
                graphs.setdefault(name, set()).add((q.subject, q.predicate, q.object))
            del store
            return graphs
        except (OSError, RuntimeError):  # a file deleted by the writer, or the store still being created
            if attempt == 4:
                raise
            time.sleep(0.1)


_ONTOLOGY = []


def _ontology():
    if not _ONTOLOGY:
        _ONTOLOGY.append(as_stored(ontology_graph()))
    return _ONTOLOGY[0]


def check_embedded(path, expected) -> int:
    """Assert the store at `path` holds each report whole or not at all; return how many it holds.

    Whole means: its named graph is exactly the file's triples (the Report with its SHA-256 included, which is the
    digest `kg load` compares), every named graph is a known report or the whole ontology, and the default graph,
    which queries read, is exactly the union of the named graphs.
    """
    if not (Path(path) / "CURRENT").exists():
        return 0  # killed before RocksDB created the store: nothing written, nothing to check
    graphs = store_quads(path)
    default = graphs.pop(None, set())
    ontology = graphs.pop(ONTOLOGY_GRAPH, None)
    assert ontology is None or ontology == _ontology(), "the ontology graph is not whole"
    for source, triples in graphs.items():
        assert source in expected, f"a named graph no file gives: {source}"
        missing, extra = expected[source] - triples, triples - expected[source]
        assert not missing and not extra, f"{source} is not whole: {len(missing)} missing, {len(extra)} extra"
    union = set().union(*graphs.values(), ontology or set())
    assert default == union, (f"default graph differs from the union of the named graphs: "
                              f"{len(union - default)} missing, {len(default - union)} extra")
    return len(graphs)


def compare_stores(path, reference) -> tuple:
    """(lost, extra): triples of `reference` (a store_quads result) missing from the store at `path`, and extra."""
    got = store_quads(path)
    lost = extra = 0
    for name in set(got) | set(reference):
        lost += len(reference.get(name, set()) - got.get(name, set()))
        extra += len(got.get(name, set()) - reference.get(name, set()))
    return lost, extra


def wait_for_lock(store, process, timeout=60):
    """Wait until `process` holds the store's writer lock (it has opened the store and starts loading)."""
    from kg.store import WriterLock
    lock = WriterLock(store)
    deadline = time.monotonic() + timeout
    while lock.holder() != process.pid:
        if process.poll() is not None or time.monotonic() > deadline:
            return False
        time.sleep(0.005)
    return True


def named_graphs(store) -> int:
    """How many named graphs the store holds now (reports and the ontology), or the staging store that a first load
    writes before it takes the store's place (kg.store.OxigraphStore.building); 0 while neither exists."""
    counts = [0]
    for path in (Path(store), Path(store) / STAGING):
        try:
            counts.append(len(list(pyoxigraph.Store.read_only(str(path)).named_graphs())))
        except (OSError, RuntimeError):
            pass
    return max(counts)


def wait_for_writes(store, process, graphs, timeout=60):
    """Wait until the store holds more than `graphs` named graphs (the process is writing reports)."""
    deadline = time.monotonic() + timeout
    while named_graphs(store) <= graphs and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)


def kill_scenario(corpus, store, expected, reference, rng, kills=3, per_file=0.08) -> Tally:
    """SIGKILL `kg load CORPUS` `kills` times at a random moment of its work, checking the store after each; then
    load to the end and compare with `reference` (store_quads of an uninterrupted load).

    Most kills come once the process has written a report more, within the time the files still to load should
    take (`per_file` seconds each), so that they land while reports are being written; one in five comes as soon as
    the process holds the store, while it is still starting up.
    """
    tally = Tally(runs=1)
    held = 0
    for _ in range(kills):
        if held == len(expected):
            break
        graphs = named_graphs(store)
        process = start_kg("load", corpus, "--store", store)
        wait_for_lock(store, process)
        if rng.random() < 0.8:
            wait_for_writes(store, process, graphs)
        killed = kill_after(process, rng.uniform(0, per_file * (len(expected) - held)))
        tally.inputs += len(expected)
        tally.faults += killed
        held = check_embedded(store, expected)
        tally.checks += 1
    done = run_kg("load", corpus, "--store", store)
    assert done.returncode == 0, done.stderr
    assert "Waiting" not in done.stderr, "a killed writer left the store locked"
    tally.inputs += len(expected)
    tally.checks += check_embedded(store, expected) == len(expected)
    lost, extra = compare_stores(store, reference)
    tally.lost, tally.extra = lost, extra
    return tally


def readers_scenario(corpus, store, expected, reference, min_reads=3) -> Tally:
    """Read the store over and over while `kg load CORPUS` writes it: every read must see whole reports only.

    Returns the tally; `checks` counts the reads, and `faults` the reads that saw a load half done (some reports
    in, some not yet), the moments that matter.
    """
    tally = Tally(runs=1, inputs=len(expected))
    writer = start_kg("load", corpus, "--store", store)
    while writer.poll() is None or tally.checks < min_reads:
        if not (Path(store) / "CURRENT").exists():
            time.sleep(0.02)
            continue
        held = check_embedded(store, expected)
        tally.checks += 1
        tally.faults += 0 < held < len(expected)
    assert writer.wait() == 0, writer.stderr.read()
    lost, extra = compare_stores(store, reference)
    tally.lost, tally.extra = lost, extra
    return tally


def writers_scenario(corpus, store, expected, reference, writers=2) -> Tally:
    """Start `writers` kg loads of the same corpus on one store at once: all finish, one after the other."""
    env = dict(os.environ, KG_LOCK_TIMEOUT="120")
    processes = [start_kg("load", corpus, "--store", store, env=env) for _ in range(writers)]
    errors = [p.communicate()[1] for p in processes]
    codes = [p.returncode for p in processes]
    assert codes == [0] * writers, errors
    tally = Tally(runs=1, inputs=writers * len(expected), faults=writers - 1)
    # One of them loaded everything, the others found every file unchanged: no report written twice over another.
    loaded = sorted(e.splitlines()[-1].split(":")[1].strip() for e in errors)
    assert loaded[0].startswith("0 loaded") and loaded[-1].startswith(f"{len(expected)} loaded"), errors
    tally.checks += check_embedded(store, expected) == len(expected)
    lost, extra = compare_stores(store, reference)
    tally.lost, tally.extra = lost, extra
    return tally


# --- Neo4j -------------------------------------------------------------------------------------------------------

NODES = "MATCH (n) RETURN n.iri AS iri, labels(n) AS labels, properties(n) AS properties ORDER BY iri"
RELATIONSHIPS = ("MATCH (a)-[r]->(b) RETURN a.iri AS start, type(r) AS type, b.iri AS end, r.sources AS sources "
                 "ORDER BY start, type, end")


def neo4j_snapshot(neo4j) -> tuple:
    """Every node and relationship with its properties, in a stable order (sources sorted)."""
    nodes = neo4j.query(NODES).rows
    for row in nodes:
        row["labels"] = sorted(row["labels"])
        row["properties"]["sources"] = sorted(row["properties"].get("sources") or [])
    relationships = neo4j.query(RELATIONSHIPS).rows
    for row in relationships:
        row["sources"] = sorted(row["sources"] or [])
    return nodes, relationships


def neo4j_counts(neo4j) -> tuple:
    row = neo4j.query("MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN count(DISTINCT n) AS n, count(r) AS r").rows[0]
    return row["n"], row["r"]


def check_neo4j(neo4j, projections) -> int:
    """Assert Neo4j holds each report whole or not at all; return how many it holds.

    Whole means: the source has its Report (with the SHA-256 `kg load` compares), and the nodes and relationships
    listing it in `sources` are exactly its projection. A source listed anywhere without its Report is a partly
    committed report.
    """
    nodes, relationships = {}, {}
    for row in neo4j.query("MATCH (n) UNWIND n.sources AS s RETURN s, collect(n.iri) AS iris").rows:
        nodes[row["s"]] = set(row["iris"])
    for row in neo4j.query("MATCH (a)-[r]->(b) UNWIND r.sources AS s "
                           "RETURN s, collect([a.iri, type(r), b.iri]) AS rels").rows:
        relationships[row["s"]] = {tuple(r) for r in row["rels"]}
    digests = neo4j.sources()
    assert set(nodes) | set(relationships) <= set(digests), \
        f"facts of a report without its Report node: {sorted(set(nodes) - set(digests))[:3]}"
    for source, sha in digests.items():
        assert source in projections, f"a report no file gives: {source}"
        assert sha, f"{source} has no SHA-256"
        want_nodes, want_rels = projections[source]
        assert nodes.get(source, set()) == want_nodes, f"{source}: nodes are not its projection"
        assert relationships.get(source, set()) == want_rels, f"{source}: relationships are not its projection"
    return len(digests)


def neo4j_source(neo4j, source) -> tuple:
    """The nodes (with their properties) and relationships that list `source`, in a stable order."""
    nodes = neo4j.query("MATCH (n) WHERE $s IN n.sources RETURN n.iri AS iri, labels(n) AS labels, "
                        "properties(n) AS properties ORDER BY iri", {"s": source}).rows
    relationships = neo4j.query("MATCH (a)-[r]->(b) WHERE $s IN r.sources RETURN a.iri AS start, type(r) AS type, "
                                "b.iri AS end ORDER BY start, type, end", {"s": source}).rows
    for row in nodes:
        row["labels"] = sorted(row["labels"])
        row["properties"]["sources"] = sorted(row["properties"]["sources"])
    return nodes, relationships


def compare_neo4j(neo4j, reference) -> tuple:
    """(lost, extra) nodes and relationships against `reference` (a neo4j_snapshot of an uninterrupted load)."""
    def keyed(snapshot):
        nodes, rels = snapshot
        return ({(n["iri"], repr(sorted(n["properties"].items())), tuple(n["labels"])) for n in nodes},
                {(r["start"], r["type"], r["end"], tuple(r["sources"])) for r in rels})
    got, want = keyed(neo4j_snapshot(neo4j)), keyed(reference)
    lost = len(want[0] - got[0]) + len(want[1] - got[1])
    extra = len(got[0] - want[0]) + len(got[1] - want[1])
    return lost, extra


def neo4j_kill_scenario(corpus, store, uri, expected, projections, reference, neo4j, rng, kills=2,
                        window=(0.0, 0.5), password=None) -> Tally:
    """SIGKILL `kg load CORPUS --uri URI` at random moments; after each, both stores hold whole reports only; the
    rerun ends with the graph of an uninterrupted load (`reference`, a neo4j_snapshot).

    The moment: once Neo4j holds one report more than before the run, plus a random delay drawn from `window`.
    """
    auth = ["--password", password] if password else []
    tally = Tally(runs=1)
    for _ in range(kills):
        before = len(neo4j.sources())
        if before == len(expected):
            break
        process = start_kg("load", corpus, "--store", store, "--uri", uri, *auth)
        deadline = time.monotonic() + 120
        while len(neo4j.sources()) <= before and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        killed = kill_after(process, rng.uniform(*window))
        tally.inputs += len(expected)
        tally.faults += killed
        check_embedded(store, expected)
        check_neo4j(neo4j, projections)
        tally.checks += 2
    done = run_kg("load", corpus, "--store", store, "--uri", uri, *auth)
    assert done.returncode == 0, done.stderr
    tally.inputs += len(expected)
    tally.checks += check_neo4j(neo4j, projections) == len(expected)
    tally.lost, tally.extra = compare_neo4j(neo4j, reference)
    return tally


def wait_for_reports(neo4j, at_least, timeout=120) -> int:
    """Poll until Neo4j holds `at_least` reports (a load is under way); return how many it holds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        held = len(neo4j.sources())
        if held >= at_least:
            return held
        time.sleep(0.05)
    raise AssertionError(f"Neo4j held fewer than {at_least} reports after {timeout} s")


# --- bad input ---------------------------------------------------------------------------------------------------

def weekly(issue, visitor) -> str:
    """The weekly bulletin of tests/bulletins.py as issue `issue`, its hall visitor renamed `visitor`."""
    from bulletins import WEEKLY
    return WEEKLY.replace("2024年第15期（总第470期）", f"2024年第{issue}期（总第{455 + issue}期）").replace("王明", visitor)


def write_pdf(path, lines, per_page=40):
    """A PDF with a text layer (reportlab, a CJK font); no lines gives one blank page, as a scan without OCR."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path))
    pages = [lines[i:i + per_page] for i in range(0, len(lines), per_page)] or [[]]
    for page in pages:
        c.setFont("STSong-Light", 10)
        for i, line in enumerate(page):
            c.drawString(30, 810 - 19 * i, line)
        c.showPage()
    c.save()


def write_docx(path, text):
    import docx
    document = docx.Document()
    for line in text.strip().splitlines():
        if line.strip():
            document.add_paragraph(line)
    document.save(path)


#: Good files of a mixed folder: name -> (the visitor its text names, how it is written).
GOOD_INPUTS = {
    "good_utf8.txt": ("王明", "utf-8"),
    "good_bom.txt": ("李强", "utf-8-sig"),
    "good_gbk.txt": ("张伟", "gbk"),
    "good_gb18030.txt": ("刘洋", "gb18030"),
    "good_word.docx": ("陈静", "docx"),
    "good_text_layer.pdf": ("赵敏", "pdf"),
}


def write_good_inputs(folder) -> dict:
    """The good files of GOOD_INPUTS in `folder`; path -> visitor."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for i, (name, (visitor, how)) in enumerate(sorted(GOOD_INPUTS.items())):
        path, text = folder / name, weekly(30 + i, visitor)
        if how == "docx":
            write_docx(path, text)
        elif how == "pdf":
            write_pdf(path, [line for line in text.splitlines() if line.strip()])
        else:
            path.write_bytes(text.encode(how))
        out[path] = visitor
    return out


def write_bad_inputs(folder, big_mb=50) -> dict:
    """One file per kind of bad input in `folder`; path -> the start of the cause `kg load` must give for it."""
    import zipfile
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    text = weekly(40, "孙丽")
    data = text.encode("utf-8")
    body_end = text.index("报：")              # where the distribution list starts
    cut_char = len(text[:body_end - 30].encode("utf-8")) + 1   # one byte into a 3-byte character of the body
    bad = {
        "empty.txt": (b"", "empty file"),
        "blank.txt": (b" \n\n\t \n", "empty file"),
        "binary.txt": (bytes(range(256)) * 64, "binary file, not text (NUL bytes)"),
        "cut_in_a_character.txt": (data[:cut_char], "truncated: the file ends inside a UTF-8 character"),
        "cut_in_a_sentence.txt": (text[:body_end - 30].encode("utf-8"), "truncated: the text stops mid-sentence"),
        "undecodable.txt": ("caf\u00e9 ".encode("latin-1") * 40 + b"\xff\xfe\xfd" + data,
                            "text is neither UTF-8 nor GB18030/GBK; cannot decode"),
        "minutes_no_sections.txt": ("会议纪要\n\n今天讨论了大厅的值班安排。\n".encode("utf-8"),
                                    "not a bulletin: no numbered section"),
        "no_header.txt": ("一、工作动态\n\n（一）5月7日，农业农村厅窗口赴眉山市开展上门服务。\n".encode("utf-8"),
                          "not a bulletin: no header"),
        "corrupt.pdf": (b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\n" + os.urandom(2048),
                        "corrupt PDF"),
        "cut.pdf": (None, "corrupt PDF"),
        "scan.pdf": (None, "PDF has no text layer (a scan?); run OCR first"),
        "junk.docx": (None, "corrupt .docx"),
        "huge.txt": (None, f"file is {big_mb} MB, larger than a text bulletin can be (4 MB)"),
    }
    out = {}
    for name, (content, cause) in bad.items():
        path = folder / name
        if name == "scan.pdf":
            write_pdf(path, [])
        elif name == "cut.pdf":
            write_pdf(path, text.splitlines())
            path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
        elif name == "junk.docx":   # a real zip archive, but no Word document inside
            with zipfile.ZipFile(path, "w") as z:
                z.writestr("[Content_Types].xml", b"<not-a-content-types/>")
                z.writestr("word/document.xml", os.urandom(512))
        elif name == "huge.txt":    # a bulletin repeated to 50 MB: the size alone rules it out, before reading
            with open(path, "wb") as f:
                chunk = data * (1024 * 1024 // len(data) + 1)
                while f.tell() < big_mb * 1024 * 1024:
                    f.write(chunk[: big_mb * 1024 * 1024 - f.tell()])
        else:
            path.write_bytes(content)
        out[path] = cause
    return out

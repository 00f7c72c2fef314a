"""Benchmarks of kg at several corpus sizes, side by side with what people would use instead.

    python -m bench.run --sizes 100,1000,10000 [--neo4j] [--out bench/results]

For each size it generates a seeded corpus (bench.corpus) and measures, each part in a child process of its own
(so that peak memory is that part's alone, summed over the child and its workers, sampled every 50 ms):

- parse + extract throughput (reports/s), and jieba posseg over the same texts (on an even sample past
  --jieba-sample reports, extrapolated as a rate);
- triples per second: the rdflib Graph that `kg load --jobs 1` builds and the set a `--jobs N` worker builds
  (on an even sample past --triples-sample reports);
- the embedded store's load: `kg load --jobs 1` and `kg load --jobs 2` into fresh stores, and a reload (no-op);
- the canned queries on the embedded store (p50/p95 over --reps runs after a warm-up, each query in its own
  process, killed after --query-timeout s), and on rdflib's in-memory SPARQL engine over the same graph
  (up to --rdflib-max-size reports);
- with --neo4j (up to --neo4j-max-size reports), on one Neo4j started for the run and emptied between loads: kg's
  load (rows/s), its canned queries, rdflib-neo4j's batched Neo4jStore on the same triples, and one statement per
  row on a sample, extrapolated.

Results: bench/results/results.json and results.md, with the machine, the load other processes put on it during
each measurement, growth exponents between sizes and the targets of issue 6. Nothing here is part of the test suite.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("kg", "pyoxigraph", "rdflib", "neo4j", "jieba", "rdflib-neo4j", "psutil")

#: Issue 6's targets on a 2-core machine.
TARGETS = {
    "load_seconds_10000_jobs2": 60.0,
    "extract_vs_jieba": 10.0,
    "neo4j_vs_rdflib_neo4j": 5.0,
    "query_p95_ms_10000": 50.0,
    "query_vs_rdflib": 30.0,
    "peak_rss_mb_10000": 1536.0,
    "growth_exponent": 1.1,   # "linear or better", with room for noise
}


# --- running a measured child ----------------------------------------------------------------------------------

def _busy_cpu_seconds():
    import psutil
    t = psutil.cpu_times()
    return sum(getattr(t, f, 0.0) for f in ("user", "nice", "system", "irq", "softirq", "steal"))


def measure(cmd, log_path, timeout=None, env=None):
    """Run `cmd` in its own session; its wall time, CPU time (with its workers), peak RSS of the process tree
    (sampled every 50 ms) and the CPU other processes of the machine used meanwhile."""
    import psutil
    with open(log_path, "ab") as log:
        log.write(f"\n$ {' '.join(map(str, cmd))}\n".encode())
        log.flush()
        busy0, start = _busy_cpu_seconds(), time.perf_counter()
        process = subprocess.Popen([str(c) for c in cmd], stdout=log, stderr=subprocess.STDOUT, cwd=ROOT,
                                   env=env, start_new_session=True)
        root, peak, timed_out = psutil.Process(process.pid), 0, False
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            try:
                tree = [root, *root.children(recursive=True)]
                rss = 0
                for p in tree:
                    try:
                        rss += p.memory_info().rss
                    except psutil.Error:
                        pass
                peak = max(peak, rss)
            except psutil.Error:
                pass
            if timeout and time.perf_counter() - start > timeout:
                timed_out = True
                os.killpg(process.pid, signal.SIGKILL)
                pid, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.05)
        process.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - start
    cpu = usage.ru_utime + usage.ru_stime
    others = max(0.0, _busy_cpu_seconds() - busy0 - cpu)
    return {"wall_s": wall, "cpu_s": cpu, "peak_rss_mb": peak / 2 ** 20, "max_process_rss_mb": usage.ru_maxrss / 1024,
            "exit": process.returncode, "timed_out": timed_out, "others_cores": others / wall if wall else 0.0}


def _best_round(rounds, rate):
    """The round with the highest `rate`, with every round's rate under "rounds_<rate>"."""
    done = [r for r in rounds if r.get(rate)]
    best = dict(max(done, key=lambda r: r[rate])) if done else dict(rounds[-1])
    best[f"rounds_{rate}"] = [r.get(rate) for r in rounds]
    return best


class Runner:
    def __init__(self, args):
        self.args = args
        self.work = Path(args.workdir)
        self.logs = self.work / "logs"
        self.logs.mkdir(parents=True, exist_ok=True)
        self.python = sys.executable
        kg = Path(sys.executable).with_name("kg")
        self.kg = [str(kg)] if kg.exists() else [sys.executable, "-c", "from kg.cli import main; main()"]

    def log(self, message):
        print(f"[{datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)

    def stage(self, size, name, *options, timeout=None, tag=None):
        """Run `python -m bench.stages NAME ...`; its JSON result with the measurement under "process"."""
        out = self.work / f"raw-{size}" / f"{tag or name}.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.unlink(missing_ok=True)
        cmd = [self.python, "-m", "bench.stages", name, "--out", out, *options]
        m = measure(cmd, self.logs / f"{size}.log", timeout=timeout)
        result = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {}
        if m["exit"] != 0 and not m["timed_out"]:
            result["failed"] = f"exit status {m['exit']}: see {self.logs / f'{size}.log'}"
        result["process"] = m
        return result

    # --- the parts ---------------------------------------------------------------------------------------------

    def corpus(self, size):
        folder = self.work / f"corpus-{size}-seed{self.args.seed}"
        if (folder / "truth.json").exists():
            return folder, None
        shutil.rmtree(folder, ignore_errors=True)
        self.log(f"{size}: generating the corpus")
        m = measure([self.python, "-m", "bench.corpus", "--count", size, "--seed", self.args.seed, "--out", folder],
                    self.logs / f"{size}.log")
        if m["exit"] != 0:
            raise SystemExit(f"bench.corpus failed: see {self.logs / f'{size}.log'}")
        return folder, m

    def load(self, size, corpus, jobs, store=None, fresh=True):
        store = store or self.work / f"store-{size}-jobs{jobs}"
        if fresh:
            shutil.rmtree(store, ignore_errors=True)
        m = measure([*self.kg, "load", corpus, "--store", store, "--jobs", jobs], self.logs / f"{size}.log")
        summary = _last_line(self.logs / f"{size}.log")
        m.update(store=str(store), jobs=jobs, summary=summary, reports_per_s=size / m["wall_s"],
                 triples_written=_number_before(summary, "triples written"))
        if m["triples_written"]:
            m["triples_per_s"] = m["triples_written"] / m["wall_s"]
        return m

    def run_size(self, size, server):
        a = self.args
        r = {"size": size}
        corpus, generated = self.corpus(size)
        r["corpus"] = {"folder": str(corpus), "seed": a.seed, "generate": generated}

        # kg and jieba in alternating rounds, the best of each kept: this shared machine's speed drifts within
        # minutes (the same extraction measured 287 and 512 reports/s an hour apart), and alternating puts both
        # sides under the same drift. The triples are built in the first round only.
        extract, jieba = [], []
        for i in range(a.compare_rounds):
            rounds = f"round {i + 1} of {a.compare_rounds}"
            self.log(f"{size}: parse + extract{', triples' if i == 0 else ''} ({rounds})")
            extract.append(self.stage(size, "extract", "--corpus", corpus, "--sample", a.triples_sample,
                                      *(["--no-triples"] if i else []), tag=f"extract-{i + 1}"))
            self.log(f"{size}: jieba posseg ({rounds})")
            jieba.append(self.stage(size, "jieba", "--corpus", corpus, "--sample", a.jieba_sample,
                                    tag=f"jieba-{i + 1}"))
        r["extract"] = _best_round(extract, "reports_per_s")
        r["extract"]["triples"] = extract[0].get("triples")
        r["jieba"] = _best_round(jieba, "reports_per_s")

        loads = {}
        for jobs in (2, 1):
            if jobs == 1 and size > a.jobs1_max_size:
                loads["jobs1"] = {"skipped": f"kg load --jobs 1 runs up to --jobs1-max-size {a.jobs1_max_size}"}
                continue
            self.log(f"{size}: kg load --jobs {jobs}")
            loads[f"jobs{jobs}"] = self.load(size, corpus, jobs)
        self.log(f"{size}: kg load again (every file unchanged)")
        loads["reload_jobs2"] = self.load(size, corpus, 2, store=loads["jobs2"]["store"], fresh=False)
        r["load"] = loads
        store = loads["jobs2"]["store"]

        self.log(f"{size}: canned queries on the embedded store")
        params = self.stage(size, "params", "--store", store)
        params_file = self.work / f"raw-{size}" / "params.json"
        params_file.write_text(json.dumps(params.get("params", {}), ensure_ascii=False), encoding="utf-8")
        r["params"] = params.get("params")
        from bench.stages import QUERIES
        queries = {}
        for name in QUERIES:
            got = self.stage(size, "queries", "--store", store, "--params", params_file, "--only", name,
                             "--reps", a.reps, "--budget", a.query_budget, timeout=a.query_timeout + 15,
                             tag=f"query-{name}")
            q = got.get("queries", {}).get(name) or {}
            if got["process"]["timed_out"]:
                q = {"timed_out": True, "timeout_s": a.query_timeout}
            q["process"] = got["process"]
            queries[name] = q
        r["queries"] = queries

        if size <= a.rdflib_max_size:
            self.log(f"{size}: canned queries on rdflib's in-memory SPARQL")
            r["rdflib"] = self.stage(size, "rdflib", "--store", store, "--params", params_file, "--reps", a.reps,
                                     "--budget", a.query_budget, "--timeout", a.query_timeout,
                                     timeout=a.query_timeout * 12 + 1800)
        else:
            r["rdflib"] = {"skipped": f"rdflib runs up to --rdflib-max-size {a.rdflib_max_size} reports"}

        if server is not None and size <= a.neo4j_max_size:
            self.log(f"{size}: Neo4j (kg, one statement per row, rdflib-neo4j)")
            r["neo4j"] = self.stage(size, "neo4j", "--store", store, "--params", params_file, "--uri", server.uri,
                                    "--reps", a.reps, "--budget", a.query_budget, "--timeout", a.query_timeout,
                                    "--naive-sample", a.naive_sample, "--rounds", a.neo4j_rounds)
        elif a.neo4j:
            r["neo4j"] = {"skipped": f"Neo4j runs up to --neo4j-max-size {a.neo4j_max_size} reports"}
        if not a.keep_stores:
            for jobs in (1, 2):
                shutil.rmtree(self.work / f"store-{size}-jobs{jobs}", ignore_errors=True)
        return r


def _last_line(path):
    lines = [l for l in Path(path).read_text(encoding="utf-8", errors="replace").splitlines() if " reports: " in l]
    return lines[-1] if lines else ""


def _number_before(text, words):
    head = text.split(words)[0].strip().split()
    try:
        return int(head[-1]) if head else None
    except ValueError:
        return None


# --- the machine ---------------------------------------------------------------------------------------------

def machine():
    import psutil
    from importlib.metadata import PackageNotFoundError, version
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = {}
    for package in PACKAGES:
        try:
            versions[package] = version(package)
        except PackageNotFoundError:
            versions[package] = None
    java = None
    if shutil.which("java"):
        probe = subprocess.run(["java", "-version"], capture_output=True, text=True)
        java = (probe.stderr or probe.stdout).splitlines()[0] if (probe.stderr or probe.stdout) else None
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT)
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True,
                           cwd=ROOT)
    return {"cpu": cpu, "cores": os.cpu_count(), "ram_gb": round(psutil.virtual_memory().total / 2 ** 30, 1),
            "os": platform.platform(), "python": platform.python_version(), "java": java, "versions": versions,
            "commit": commit.stdout.strip() or None, "uncommitted_changes": bool(dirty.stdout.strip()),
            "load_average_at_start": os.getloadavg()}


# --- growth and targets --------------------------------------------------------------------------------------

def _get(d, *path):
    for key in path:
        if not isinstance(d, dict) or key not in d:
            return None
        d = d[key]
    return d


def metrics(r):
    """The costs of one size, by name: seconds or MB (what grows with the corpus)."""
    m = {
        "parse + extract (s)": _get(r, "extract", "parse_extract_s"),
        "kg load --jobs 1 (s)": _get(r, "load", "jobs1", "wall_s"),
        "kg load --jobs 2 (s)": _get(r, "load", "jobs2", "wall_s"),
        "kg load again, unchanged (s)": _get(r, "load", "reload_jobs2", "wall_s"),
        "peak RSS kg load --jobs 1 (MB)": _get(r, "load", "jobs1", "peak_rss_mb"),
        "peak RSS kg load --jobs 2 (MB)": _get(r, "load", "jobs2", "peak_rss_mb"),
        "peak RSS parse + extract (MB)": _get(r, "extract", "parse_extract_peak_rss_mb"),
        "peak RSS canned queries, largest (MB)": _max_query_rss(r),
        "Neo4j load, kg (s)": _get(r, "neo4j", "kg", "seconds"),
        "Neo4j load, rdflib-neo4j (s)": _get(r, "neo4j", "rdflib_neo4j", "seconds"),
        "rdflib graph load (s)": _get(r, "rdflib", "load_s"),
        "peak RSS rdflib in-memory (MB)": _get(r, "rdflib", "process", "peak_rss_mb"),
    }
    for name, q in (r.get("queries") or {}).items():
        m[f"query {name} p50 (ms)"] = q.get("p50_ms")
    return m


def _max_query_rss(r):
    values = [_get(q, "process", "peak_rss_mb") for q in (r.get("queries") or {}).values()]
    values = [v for v in values if v]
    return max(values) if values else None


def growth(results):
    """Exponent k of cost ~ size^k between consecutive sizes (1: linear)."""
    out = {}
    sizes = [r["size"] for r in results]
    per = [metrics(r) for r in results]
    for name in per[0]:
        row = {}
        for i in range(1, len(results)):
            a, b = per[i - 1].get(name), per[i].get(name)
            if a and b and a > 0 and b > 0:
                row[f"{sizes[i - 1]}->{sizes[i]}"] = math.log(b / a) / math.log(sizes[i] / sizes[i - 1])
        if row:
            out[name] = row
    return out


def targets(results, grow):
    by_size = {r["size"]: r for r in results}
    out = []

    def add(name, target, measured, ok, note=""):
        out.append({"target": name, "goal": target, "measured": measured, "met": ok, "note": note})

    r = by_size.get(10000)
    load = _get(r, "load", "jobs2", "wall_s") if r else None
    add("10,000 bulletins parsed, extracted, loaded (kg load --jobs 2)", "<= 60 s",
        None if load is None else f"{load:.0f} s", None if load is None else load <= TARGETS["load_seconds_10000_jobs2"])
    for size in sorted(by_size):
        kg_rate = _get(by_size[size], "extract", "reports_per_s")
        jieba_rate = _get(by_size[size], "jieba", "reports_per_s")
        if kg_rate and jieba_rate:
            ratio = kg_rate / jieba_rate
            add(f"extraction vs jieba posseg at {size:,}", ">= 10x",
                f"{ratio:.1f}x ({kg_rate:.0f} vs {jieba_rate:.1f} reports/s)", ratio >= TARGETS["extract_vs_jieba"])
    for size in sorted(by_size):
        kg_s = _get(by_size[size], "neo4j", "kg", "seconds")
        other = _get(by_size[size], "neo4j", "rdflib_neo4j", "seconds")
        if kg_s and other:
            ratio = other / kg_s
            add(f"Neo4j load vs rdflib-neo4j batched at {size:,}", ">= 5x",
                f"{ratio:.2f}x ({kg_s:.1f} s vs {other:.1f} s)", ratio >= TARGETS["neo4j_vs_rdflib_neo4j"])
    if r:
        worst = [(q.get("p95_ms"), name) for name, q in r.get("queries", {}).items()]
        slow = [name for p95, name in worst if p95 is None or p95 > TARGETS["query_p95_ms_10000"]]
        known = [p for p, _ in worst if p is not None]
        add("canned queries p95 on the embedded store at 10,000", "<= 50 ms each",
            f"{len(worst) - len(slow)} of {len(worst)} within; worst {max(known):.0f} ms" if known else "not measured",
            not slow if worst else None, ", ".join(slow))
    for size in sorted(by_size):
        rq = _get(by_size[size], "rdflib", "queries")
        if not rq:
            continue
        ratios = []
        for name, q in by_size[size]["queries"].items():
            theirs = rq.get(name, {})
            if q.get("p50_ms") and theirs.get("p50_ms"):
                ratios.append((theirs["p50_ms"] / q["p50_ms"], name))
        if ratios:
            low = [f"{name} {x:.1f}x" for x, name in sorted(ratios) if x < TARGETS["query_vs_rdflib"]]
            add(f"canned queries vs rdflib in-memory (p50) at {size:,}", ">= 30x each",
                f"{sum(x >= TARGETS['query_vs_rdflib'] for x, _ in ratios)} of {len(ratios)}; "
                f"min {min(ratios)[0]:.1f}x, max {max(ratios)[0]:.1f}x", not low, "; ".join(low))
    parts = {"kg load --jobs 2": _get(r, "load", "jobs2", "peak_rss_mb"),
             "kg load --jobs 1": _get(r, "load", "jobs1", "peak_rss_mb"),
             "parse + extract": _get(r, "extract", "parse_extract_peak_rss_mb"),
             "a canned query": _max_query_rss(r) if r else None}
    parts = {k: v for k, v in parts.items() if v}
    peak = max(parts.values(), default=None) if r else None
    add("peak memory at 10,000 (kg load, parse + extract, canned queries)", "<= 1.5 GB",
        None if peak is None else f"{peak:.0f} MB", None if peak is None else peak <= TARGETS["peak_rss_mb_10000"],
        ", ".join(f"{k} {v:.0f} MB" for k, v in parts.items()))
    superlinear = []
    for name, row in grow.items():
        if name.startswith(("rdflib", "Neo4j load, rdflib", "peak RSS rdflib")):
            continue
        last = list(row.items())[-1]
        if last[1] > TARGETS["growth_exponent"]:
            superlinear.append(f"{name} {last[1]:.2f} ({last[0]})")
    add("every kg cost grows linearly or better (exponent between the two largest sizes)", "<= 1.1",
        f"{len(superlinear)} superlinear" if grow else "one size only", not superlinear if grow else None,
        "; ".join(superlinear))
    return out


# --- the report ------------------------------------------------------------------------------------------------

def _fmt(value, digits=1):
    if value is None:
        return "—"
    if isinstance(value, float):
        if value >= 1000:
            return f"{value:,.0f}"
        return f"{value:.{digits}f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def markdown(data):
    results, mach = data["results"], data["machine"]
    sizes = [r["size"] for r in results]
    head = "| | " + " | ".join(f"{s:,}" for s in sizes) + " |\n|---|" + "---|" * len(sizes) + "\n"

    def row(label, values, digits=1):
        return f"| {label} | " + " | ".join(_fmt(v, digits) for v in values) + " |\n"

    def cell(label, path, digits=1):
        """A row of the value at `path` in each size's results."""
        return row(label, [_get(r, *path) for r in results], digits)

    lines = [f"# kg benchmarks\n\nRun {data['started']} to {data['finished']} ({data['minutes']:.0f} min), "
             f"commit {mach['commit']}{' with uncommitted changes' if mach['uncommitted_changes'] else ''}.\n\n"
             f"Rerun: `{data['command']}`\n\n"
             f"## Machine\n\n{mach['cpu']}, {mach['cores']} cores, {mach['ram_gb']} GB RAM, {mach['os']}; "
             f"Python {mach['python']}; {mach['java'] or 'no Java'}.\n"
             f"Versions: " + ", ".join(f"{k} {v}" for k, v in mach["versions"].items()) + ".\n"
             + (f"Neo4j server {data['neo4j_server']} (heap {data['neo4j_heap']}), started for the run.\n"
                if data.get("neo4j_server") else "")
             + f"\n**The machine is shared**: other sessions' builds, tests and servers ran during this benchmark. "
             f"Load average at start {', '.join(f'{x:.1f}' for x in mach['load_average_at_start'])}, at the end "
             f"{', '.join(f'{x:.1f}' for x in data['load_average_at_end'])}. Each measurement below gives the "
             f"CPU other processes used meanwhile (\"others\", in cores of {mach['cores']}); wall times are inflated "
             f"by about that much. CPU seconds are the process's own (with its workers).\n"]

    lines.append("\n## Parse + extract, and jieba posseg on the same texts\n\n" + head)
    lines.append(cell("kg parse + extract, reports/s (read included)", ("extract", "reports_per_s")))
    lines.append(row("kg parse + extract, items/s", [
        (_get(r, "extract", "items") or 0) / ((_get(r, "extract", "parse_extract_s") or 1) + (_get(r, "extract", "read_s") or 0))
        for r in results], 0))
    lines.append(cell("jieba posseg, reports/s", ("jieba", "reports_per_s")))
    lines.append(row("jieba reports timed (sampled: rate extrapolated)",
                     [f"{_get(r, 'jieba', 'reports')}{' (sample)' if _get(r, 'jieba', 'sampled') else ''}"
                      for r in results]))
    lines.append(row("ratio kg / jieba", [
        (_get(r, "extract", "reports_per_s") or 0) / _get(r, "jieba", "reports_per_s")
        if _get(r, "jieba", "reports_per_s") else None for r in results]))
    lines.append(cell("peak RSS of parse + extract, MB", ("extract", "parse_extract_peak_rss_mb"), 0))
    lines.append(cell("others during kg parse + extract (cores)", ("extract", "process", "others_cores"), 2))
    lines.append(cell("others during jieba (cores)", ("jieba", "process", "others_cores"), 2))

    lines.append("\n## Triples\n\nBuilding one report's triples; on an even sample past --triples-sample reports.\n\n" + head)
    lines.append(cell("reports timed", ("extract", "triples", "reports")))
    lines.append(cell("triples per report", ("extract", "triples", "triples_per_report"), 0))
    lines.append(cell("rdflib Graph (kg load --jobs 1), triples/s", ("extract", "triples", "graph_triples_per_s"), 0))
    lines.append(cell("  + N-Triples serialization, triples/s", ("extract", "triples", "graph_with_nt_triples_per_s"), 0))
    lines.append(cell("triple set (--jobs N worker), triples/s", ("extract", "triples", "set_triples_per_s"), 0))
    lines.append(cell("  + N-Triples serialization, triples/s", ("extract", "triples", "set_with_nt_triples_per_s"), 0))

    lines.append("\n## Embedded store load (`kg load` into a fresh store)\n\n" + head)
    for key, label in (("jobs1", "--jobs 1"), ("jobs2", "--jobs 2"), ("reload_jobs2", "again, unchanged (--jobs 2)")):
        lines.append(cell(f"kg load {label}: wall s", ("load", key, "wall_s")))
        lines.append(cell(f"kg load {label}: CPU s", ("load", key, "cpu_s")))
        if key != "reload_jobs2":
            lines.append(cell(f"kg load {label}: reports/s", ("load", key, "reports_per_s")))
            lines.append(cell(f"kg load {label}: triples written/s", ("load", key, "triples_per_s"), 0))
        lines.append(cell(f"kg load {label}: peak RSS MB (all processes)", ("load", key, "peak_rss_mb"), 0))
        lines.append(cell(f"kg load {label}: others (cores)", ("load", key, "others_cores"), 2))
    lines.append(cell("triples written", ("load", "jobs2", "triples_written")))

    if any(r.get("neo4j") and "kg" in r["neo4j"] for r in results):
        lines.append("\n## Neo4j load (same server, emptied between loads)\n\n" + head)
        per = sorted({_get(r, "neo4j", "kg", "reports_per_transaction") for r in results} - {None})
        per = "/".join(map(str, per)) or "?"
        lines.append(cell(f"kg (Neo4jStore.replace_many, {per} reports/transaction): s, best round",
                          ("neo4j", "kg", "seconds")))
        lines.append(cell("kg: rows (nodes + relationships merged)", ("neo4j", "kg", "rows")))
        lines.append(cell("kg: rows/s", ("neo4j", "kg", "rows_per_s"), 0))
        lines.append(cell("kg: triples/s (triples of the reports' graphs)", ("neo4j", "kg", "triples_per_s"), 0))
        lines.append(cell("rdflib-neo4j batched: s, best round", ("neo4j", "rdflib_neo4j", "seconds")))
        lines.append(cell("rdflib-neo4j: distinct triples", ("neo4j", "rdflib_neo4j", "triples")))
        lines.append(cell("rdflib-neo4j: triples/s", ("neo4j", "rdflib_neo4j", "triples_per_s"), 0))
        lines.append(row("ratio rdflib-neo4j s / kg s", [
            _get(r, "neo4j", "rdflib_neo4j", "seconds") / _get(r, "neo4j", "kg", "seconds")
            if _get(r, "neo4j", "kg", "seconds") and _get(r, "neo4j", "rdflib_neo4j", "seconds") else None
            for r in results], 2))
        lines.append(cell("one statement per row: rows/s (sample)", ("neo4j", "one_statement_per_row", "rows_per_s"), 0))
        lines.append(cell("one statement per row: rows in sample", ("neo4j", "one_statement_per_row", "sample_rows")))
        lines.append(cell("one statement per row: s for all rows (extrapolated)", ("neo4j", "one_statement_per_row", "extrapolated_seconds")))
        lines.append(row("nodes / relationships after kg load", [
            f"{_get(r, 'neo4j', 'kg', 'nodes')} / {_get(r, 'neo4j', 'kg', 'relationships')}" if _get(r, "neo4j", "kg") else None
            for r in results]))
        lines.append(row("nodes / relationships after rdflib-neo4j", [
            f"{_get(r, 'neo4j', 'rdflib_neo4j', 'nodes')} / {_get(r, 'neo4j', 'rdflib_neo4j', 'relationships')}"
            if _get(r, "neo4j", "rdflib_neo4j") else None for r in results]))
        lines.append(cell("others during the Neo4j stage (cores, the Neo4j server included)", ("neo4j", "process", "others_cores"), 2))

    lines.append("\n## Canned queries: p50 / p95 ms\n\nAfter one warm-up run, up to --reps runs within "
                 f"{data['args']['query_budget']:g} s; a query whose first run passes {data['args']['query_timeout']:g} s "
                 "is stopped. Parameters picked from the data (the department visited most, by its shortest alias; "
                 "the official seen most; the commonest metric; a month in the middle).\n")
    for r in results:
        lines.append(f"\n### {r['size']:,} reports\n\nParameters: `{json.dumps(r.get('params'), ensure_ascii=False)}`\n\n"
                     "| query | rows | embedded p50 | embedded p95 | rdflib p50 | rdflib p95 | rdflib / embedded (p50) "
                     "| Neo4j p50 | Neo4j p95 |\n|---|---|---|---|---|---|---|---|---|\n")
        for name, q in (r.get("queries") or {}).items():
            theirs = _get(r, "rdflib", "queries", name) or {}
            neo = _get(r, "neo4j", "queries", name) or {}
            lines.append(f"| {name} | {_fmt(q.get('rows'))} | {_latency(q, 'p50_ms')} | {_latency(q, 'p95_ms')} "
                         f"| {_latency(theirs, 'p50_ms')} | {_latency(theirs, 'p95_ms')} | "
                         f"{_fmt(theirs['p50_ms'] / q['p50_ms']) + 'x' if theirs.get('p50_ms') and q.get('p50_ms') else '—'} "
                         f"| {_latency(neo, 'p50_ms')} | {_latency(neo, 'p95_ms')} |\n")
        if _get(r, "rdflib", "load_s"):
            lines.append(f"\nrdflib: {r['rdflib']['triples']:,} triples loaded in {r['rdflib']['load_s']:.1f} s, "
                         f"peak RSS {r['rdflib']['process']['peak_rss_mb']:.0f} MB.\n")
        elif _get(r, "rdflib", "skipped"):
            lines.append(f"\nrdflib: not run ({r['rdflib']['skipped']}).\n")

    lines.append("\nPeak RSS of the canned query processes (each query in its own process), largest: "
                 + ", ".join(f"{_fmt(_max_query_rss(r), 0)} MB at {r['size']:,}" for r in results) + ".\n")
    lines.append("\n## Growth: exponent k of cost ~ size^k between sizes (1 = linear)\n\n"
                 "Small sizes carry fixed costs (process and pool start-up, the ontology), which flatten the first "
                 "exponent; the last one says most.\n\n")
    grow = data["growth"]
    pairs = sorted({p for row_ in grow.values() for p in row_}, key=lambda p: int(p.split("->")[0]))
    lines.append("| cost | " + " | ".join(pairs) + " |\n|---|" + "---|" * len(pairs) + "\n")
    for name, row_ in grow.items():
        lines.append(f"| {name} | " + " | ".join(_fmt(row_.get(p), 2) for p in pairs) + " |\n")

    lines.append("\n## Targets (issue 6)\n\n| target | goal | measured | met | note |\n|---|---|---|---|---|\n")
    for t in data["targets"]:
        met = "yes" if t["met"] else "no" if t["met"] is not None else "—"
        lines.append(f"| {t['target']} | {t['goal']} | {t['measured'] or '—'} | {met} | {t['note']} |\n")
    lines.append("\n## How it was measured\n\n" + "\n".join(f"- {n}" for n in data["notes"]) + "\n")
    return "".join(lines)


def _latency(q, key):
    if not q:
        return "—"
    if q.get("timed_out"):
        return f"> {q.get('timeout_s', 0):g} s"
    if q.get("error"):
        return "error"
    value = q.get(key)
    return "—" if value is None else (f"{value:,.0f}" if value >= 100 else f"{value:.1f}")


NOTES = [
    "Every part runs in a child process; peak RSS is the sum over the child and its workers (kg load --jobs 2: the "
    "main process and two workers), sampled every 50 ms with psutil. The Neo4j server's JVM is not counted.",
    "parse + extract: bench.stages extract reads, parses and extracts every file one after another in one process "
    "(kg.reading.read_source, kg.parsing.parse_report, kg.extraction.extract_report); the extractor's start-up is "
    "timed apart. jieba posseg runs over the same Source.text strings after jieba.initialize(); past --jieba-sample "
    "reports it runs on an even sample and its rate stands for the whole corpus. The two run in alternating rounds "
    "(--compare-rounds, each in a fresh process) and the best round of each counts; results.json keeps every "
    "round's rate.",
    "triples: loaders.triples.reports_to_graph into an rdflib Graph (what kg load --jobs 1 builds) and into a plain "
    "set (kg.parallel, what --jobs N workers build), each followed by N-Triples serialization.",
    "kg load: the real command (`kg load CORPUS --store FRESH --jobs N`), wall time from start to exit; the reload "
    "runs the same command again on the loaded store.",
    "canned queries: kg.canned.run on OxigraphStore opened read-only (as `kg query` does), each query in its own "
    "process; rdflib: the store's default graph (data + ontology) copied into an rdflib Graph, the same .rq text "
    "run by Graph.query with the parameters as initBindings (shaped by the same kg.canned.shape); Neo4j: the .cypher "
    "files through Neo4jStore.query after kg's load.",
    "Neo4j: kg's load is Neo4jStore.replace_many on the reports' graphs (read back from the embedded store, not "
    "timed), kg.loading.PUSH_BATCH reports a transaction as kg push does; rows are the node and relationship rows of kg's UNWIND "
    "statements. rdflib-neo4j loads the distinct triples (ordered by subject, as a parser would give them) with its "
    "defaults (batching, 5000 per batch) and the IGNORE vocabulary strategy. Both load into the same server, emptied "
    "before each load, after a warm-up load of the first reports (bench.stages.WARM_UP) each, in alternating rounds (rdflib-neo4j, kg; "
    "--neo4j-rounds); the best round of each counts, since a fresh JVM is slow for its first seconds. One statement "
    "per row runs kg's own statements with one row each, each in its own auto-commit transaction, on the first "
    "reports up to --naive-sample rows; its time is extrapolated to all rows.",
    "Growth exponents compare one run per size (for queries, the p50 of its runs); where a cost is missing at the "
    "largest size (a query stopped at the timeout) the last pair of sizes that has it is used. On a shared machine, "
    "differences under ~0.1 are noise.",
]


def main(argv=None):
    ap = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("--sizes", default="100,1000,10000", help="corpus sizes (default 100,1000,10000)")
    ap.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    ap.add_argument("--out", default=str(ROOT / "bench" / "results"), help="folder for results.json and results.md")
    ap.add_argument("--workdir", default=None, help="corpora, stores and logs (default: a folder under /tmp, kept)")
    ap.add_argument("--neo4j", action="store_true", help="start a Neo4j server and measure the Neo4j parts")
    ap.add_argument("--neo4j-max-size", type=int, default=10000, help="largest size for Neo4j (default 10000)")
    ap.add_argument("--neo4j-heap", default="2g", help="Neo4j's Java heap (default 2g)")
    ap.add_argument("--rdflib-max-size", type=int, default=10000,
                    help="largest size for rdflib in-memory (default 10000: ~6.4 GB of RAM at 10,000)")
    ap.add_argument("--jobs1-max-size", type=int, default=1000,
                    help="largest size for kg load --jobs 1 (default 1000: at 10,000 it takes ~20 min here)")
    ap.add_argument("--jieba-sample", type=int, default=1000, help="jieba on at most this many reports (1000)")
    ap.add_argument("--compare-rounds", type=int, default=3,
                    help="alternating rounds of parse + extract and jieba, best of each kept (3)")
    ap.add_argument("--triples-sample", type=int, default=1000, help="triples built for at most this many (1000)")
    ap.add_argument("--reps", type=int, default=20, help="timed runs per query (default 20)")
    ap.add_argument("--query-budget", type=float, default=10.0, help="seconds of timed runs per query (10)")
    ap.add_argument("--query-timeout", type=float, default=30.0, help="seconds a query's first run may take (30)")
    ap.add_argument("--naive-sample", type=int, default=2000, help="rows for one statement per row (2000)")
    ap.add_argument("--neo4j-rounds", type=int, default=2, help="alternating Neo4j load rounds, best kept (2)")
    ap.add_argument("--keep-stores", action="store_true", help="keep the stores in the workdir")
    args = ap.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.split(","))
    args.workdir = args.workdir or tempfile.mkdtemp(prefix="kg-bench-")
    runner = Runner(args)
    command = "python -m bench.run " + " ".join(argv if argv is not None else sys.argv[1:])
    data = {"command": command, "args": vars(args), "started": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "machine": machine(), "targets_defined": TARGETS, "results": [], "notes": NOTES}
    runner.log(f"workdir {args.workdir}")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    server = None
    try:
        if args.neo4j:
            from kg import neo4j_server
            runner.log("starting Neo4j")
            server = neo4j_server.start(Path(args.workdir) / "neo4j", heap=args.neo4j_heap)
            data["neo4j_heap"] = args.neo4j_heap
        for size in sizes:
            data["results"].append(runner.run_size(size, server))
            data["neo4j_server"] = data.get("neo4j_server") or _get(data["results"][-1], "neo4j", "server_version")
            write(data, out, started)  # after every size, so that an interrupted run keeps what it measured
    finally:
        if server is not None:
            server.stop()
    write(data, out, started)
    runner.log(f"done: {out / 'results.md'}")
    return 0


def write(data, out, started):
    data["finished"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
    data["minutes"] = (time.perf_counter() - started) / 60
    data["load_average_at_end"] = os.getloadavg()
    data["growth"] = growth(data["results"]) if len(data["results"]) > 1 else {}
    data["targets"] = targets(data["results"], data["growth"])
    (out / "results.json").write_text(json.dumps(data, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    (out / "results.md").write_text(markdown(data), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())

"""What binding the parameters costs on the embedded store: pyoxigraph `substitutions` against the VALUES block
that kg.canned.with_values writes (what kg runs), per canned query.

    python -m bench.query_binding STORE PARAMS.json [--reps 5] [--timeout 120]

PARAMS.json is what bench.run writes (raw-SIZE/params.json). Each query runs in a child process, killed after
--timeout seconds. Both forms bind the same terms (kg.canned.parameter_terms; for substitutions, those the query
names). pyoxigraph substitutes only projected variables, and the .rq files project their parameters but not the @zh
labels (?NAME_label) they look names up with, so the substitution form fails on those queries: it is measured where
it applies, and the error is kept where it does not. bench/results/query_binding-1000.json holds the run that chose
VALUES, on the .rq files of that time (substitutions gave activities-between > 60 s at 1,000 bulletins, VALUES 0.5 s).
An experiment for the queries' owner, not a test.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import re
import sys
import time


def _run(store_path, name, params, form, reps, queue):
    import pyoxigraph as ox
    from kg import canned
    from kg.store import OxigraphStore
    query = canned.get(name)
    bound = query.bind(params)
    if form == "values":
        text, substitutions = canned.with_values(query, bound), {}
    else:
        text = query.text("sparql")
        substitutions = {ox.Variable(k): term for k, term in canned.parameter_terms(query, bound).items()
                         if re.search(rf"\?{k}\b", text)}  # pyoxigraph refuses a variable the query lacks
    times, rows = [], None
    with OxigraphStore(store_path, read_only=True) as store:
        for _ in range(reps + 1):  # the first is a warm-up
            t = time.perf_counter()
            try:
                rows = len(list(store.store.query(text, substitutions=substitutions)))
            except RuntimeError as e:  # a substituted variable that the query does not project
                queue.put({"error": str(e)})
                return
            times.append(time.perf_counter() - t)
    queue.put({"rows": rows, "best_ms": 1000 * min(times[1:] or times), "first_ms": 1000 * times[0]})


def measure(store_path, name, params, form, reps, timeout):
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    process = ctx.Process(target=_run, args=(store_path, name, params, form, reps, queue))
    process.start()
    process.join(timeout)
    if process.is_alive():
        process.kill()
        process.join()
        return {"timed_out": True, "timeout_s": timeout}
    return queue.get() if not queue.empty() else {"error": f"exit {process.exitcode}"}


def main(argv=None):
    ap = argparse.ArgumentParser(prog="python -m bench.query_binding", description=__doc__.split("\n\n")[0])
    ap.add_argument("store")
    ap.add_argument("params")
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--timeout", type=float, default=120.0)
    ap.add_argument("--only", default=None, help="comma-separated query names")
    ap.add_argument("--out", default=None)
    args = ap.parse_args(argv)
    from bench.stages import QUERIES
    params = json.load(open(args.params, encoding="utf-8"))
    results = {}
    for name in (args.only.split(",") if args.only else QUERIES):
        results[name] = {form: measure(args.store, name, params[name], form, args.reps, args.timeout)
                         for form in ("substitutions", "values")}
        s, v = results[name]["substitutions"], results[name]["values"]
        print(f"{name:24} substitutions {_show(s):>22} | VALUES {_show(v):>22}", flush=True)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            json.dump(results, f, indent=1)
    return 0


def _show(r):
    if r.get("timed_out"):
        return f"> {r['timeout_s']:g} s"
    if r.get("error"):
        return r["error"]
    return f"{r['best_ms']:,.1f} ms, {r['rows']} rows"


if __name__ == "__main__":
    sys.exit(main())

"""The `kg` command line: thin commands that parse options, call one library function and render the result.

Data goes to stdout, progress and errors to stderr. Expected failures print `Error: ...` and exit 1;
usage errors exit 2 (click's default).
"""
import contextlib
import sys
from pathlib import Path

import click

from kg import output
from kg.errors import KgError


class KgGroup(click.Group):
    """Turn every KgError into a one-line message and exit status 1, without a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except KgError as e:
            click.echo(f"Error: {e}", err=True)
            sys.exit(1)


@click.group(cls=KgGroup)
@click.version_option(package_name="kg")
def main():
    """Turn Sichuan government-service bulletins into a knowledge graph you can query.

    \b
    Start with:  kg load samples/
                 kg who-visited --dept 商务厅
                 kg query --list
    """


def report_errors(results):
    """Print one stderr line per failed file; return True when any failed."""
    failed = False
    for r in results:
        if not r.ok:
            click.echo(f"Error: {r.error}", err=True)
            failed = True
    return failed


def _summary_row(report):
    d = report.to_dict()
    return {"file": d["file"], "series": d["series"], "issue_no": d["issue_no"],
            "total_issue_no": d["total_issue_no"], "published": d["published"], "period": d["period"],
            "sections": len(d["sections"]), "items": len(d["items"])}


@main.command("parse")
@click.argument("paths", nargs=-1, required=True)
@output.format_option(default="json", choices=("json", "jsonl", "table"))
def parse_cmd(paths, fmt):
    """Parse bulletins (files or folders) into header fields, sections and items.

    \b
    Example:  kg parse samples/000_080c0ab74c611cee.txt --format json
    """
    from kg.pipeline import run
    results = list(run(paths, stage="parse"))
    good = [r.report for r in results if r.ok]
    if fmt == "table":
        rows = [_summary_row(rep) for rep in good]
        if rows:
            click.echo(output.render(rows, "table"))
    else:
        click.echo(output.render([rep.to_dict() for rep in good], fmt))
    if report_errors(results):
        sys.exit(1)


@main.command("extract")
@click.argument("paths", nargs=-1, required=True)
@output.format_option(default="json", choices=("json", "jsonl", "table"))
def extract_cmd(paths, fmt):
    """Extract departments, officials, visits, programs, documents, places and figures from bulletins.

    \b
    Example:  kg extract samples/ --format json > facts.json
    """
    from kg.pipeline import run
    results = list(run(paths, stage="extract"))
    good = [r.facts for r in results if r.ok]
    if fmt == "table":
        rows = [{"file": f["file"], "item": i["index"], "date": i["date"], "event_type": i["event_type"],
                 "actors": i["actors"], "persons": [p["name"] for p in i["persons"]],
                 "programs": i["programs"], "text": i["text"][:30]}
                for f in good for i in f["items"]]
        if rows:
            click.echo(output.render(rows, "table"))
    else:
        click.echo(output.render(good, fmt))
    if report_errors(results):
        sys.exit(1)


# --- stores, loading, queries, exports ------------------------------------------------------------------------
# Shared options are defined once as decorators (sqlite-utils' output_options); each command parses its options,
# calls one library function and renders what it returns.

def store_option(command):
    """--store PATH: the embedded store's folder."""
    option = click.option("--store", "store_path", type=click.Path(file_okay=False), default=None,
                          help="Folder of the embedded store [default: $KG_STORE, else ~/.local/share/kg/store].")
    return option(command)


def neo4j_options(flag_help=None):
    """--uri/--user/--password for Neo4j (defaults NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD); with --neo4j when given."""
    def decorate(command):
        command = click.option("--password", default=None, help="Neo4j password [default: $NEO4J_PASSWORD].")(command)
        command = click.option("--user", default=None, help="Neo4j user [default: $NEO4J_USER, else neo4j].")(command)
        command = click.option("--uri", default=None,
                               help="Neo4j URI, bolt:// or neo4j:// [default: $NEO4J_URI, else "
                                    "bolt://localhost:7687].")(command)
        if flag_help:
            command = click.option("--neo4j", "use_neo4j", is_flag=True, help=flag_help)(command)
        return command
    return decorate


def open_embedded(store_path, read_only=False):
    from kg.store import OxigraphStore

    def waiting(pid, timeout):
        holder = f"pid {pid}" if pid else "pid unknown"
        click.echo(f"Waiting up to {timeout:g} s: the store is being written by another kg process ({holder})",
                   err=True)
    return OxigraphStore(store_path, read_only=read_only, on_wait=None if read_only else waiting)


def open_neo4j(uri, user, password):
    from kg.neo4j_store import Neo4jStore
    return Neo4jStore(uri=uri, user=user, password=password)


def open_query_store(store_path, use_neo4j, uri, user, password):
    """The store a query runs on: Neo4j with --neo4j, else the embedded store, read-only."""
    return open_neo4j(uri, user, password) if use_neo4j or uri else open_embedded(store_path, read_only=True)


def progress(items, length, label, show=None):
    """A progress bar on stderr when it is a terminal; otherwise the items as they are, silently."""
    if not sys.stderr.isatty():
        return contextlib.nullcontext(items)
    return click.progressbar(items, length=length, label=label, file=sys.stderr, item_show_func=show)


def render_result(result, fmt):
    click.echo(output.render(result.rows, fmt, result.columns, max_width=output.CELL_WIDTH))


def compacting(written):
    """Say on stderr why a large load pauses before its summary (kg.loading.load_files compacts the store)."""
    if sys.stderr.isatty():
        click.echo(f"\nCompacting the store after {written} reports, for faster queries ...", err=True)


@main.command("load")
@click.argument("paths", nargs=-1, required=True)
@store_option
@neo4j_options(flag_help="Load into Neo4j as well (implied by --uri).")
@click.option("--strict", is_flag=True, help="Stop at the first file that cannot be loaded (exit status 1).")
@click.option("--shacl", is_flag=True, help="Refuse reports whose triples break ontology/shapes.ttl (SHACL).")
@click.option("--force", is_flag=True, help="Re-extract files even when unchanged (after upgrading kg).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes that read, parse and extract; the store writes stay in one process.")
def load_cmd(paths, store_path, use_neo4j, uri, user, password, strict, shacl, force, jobs):
    """Read bulletins (files or folders), extract their facts and write them to the store.

    Each file's facts replace what the store held for it, in one transaction; unchanged files are skipped. Bad
    files are reported one per line on stderr, write nothing, and the rest still load (exit status 1); with
    --strict the load stops at the first bad file. One kg load writes a store at a time: another waits up to
    $KG_LOCK_TIMEOUT seconds (default 10).

    \b
    Example:  kg load samples/
              kg load samples/ --neo4j --uri neo4j://localhost:7687 --user neo4j --password ...
              kg load corpus/ --jobs 2
    """
    from kg import loading
    from kg.reading import expand_paths
    files = expand_paths(paths)
    neo4j = open_neo4j(uri, user, password) if use_neo4j or uri else None
    summary = loading.Summary()
    try:
        with open_embedded(store_path) as store:
            # The library's `strict` is the SHACL check (--shacl); --strict only stops the loop here.
            outcomes = loading.load_files(files, store, neo4j=neo4j, force=force, strict=shacl, jobs=jobs,
                                          on_compact=compacting)
            with progress(outcomes, len(files), "Loading", lambda o: o and Path(o.path).name) as bar:
                for outcome in bar:
                    summary.add(outcome)
                    if strict and not outcome.ok:
                        break
            outcomes.close()  # with --strict: no file after the bad one is read (parallel workers stop too)
    finally:
        if neo4j is not None:
            neo4j.close()
    failed = [o for o in summary.outcomes if not o.ok]
    for outcome in failed:
        click.echo(f"Error: {outcome.error}", err=True)
    if strict and failed and summary.reports < len(files):
        click.echo(f"Stopped at the first error (--strict): {len(files) - summary.reports} of {len(files)} files "
                   f"not read", err=True)
    click.echo(str(summary), err=True)
    if failed:
        sys.exit(1)


@main.command("triples")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["ttl", "nt", "jsonld"]), default="ttl", show_default=True,
              help="RDF serialization.")
def triples_cmd(paths, fmt):
    """Print the triples of bulletins (files or folders) under the kg ontology, without storing them.

    \b
    Example:  kg triples samples/000_080c0ab74c611cee.txt --format ttl
    """
    from kg.export import serialize_rdf
    from kg.loading import extract_graph
    from kg.model import new_graph
    from kg.reading import expand_paths
    graph, failed = new_graph(), False
    for path in expand_paths(paths):
        try:
            graph += extract_graph(path)
        except KgError as e:
            click.echo(f"Error: {e}", err=True)
            failed = True
    click.echo(serialize_rdf(graph, fmt), nl=False)
    if failed:
        sys.exit(1)


@main.command("push")
@store_option
@neo4j_options()
@click.option("--force", is_flag=True, help="Push every report, even those Neo4j holds unchanged.")
def push_cmd(store_path, uri, user, password, force):
    """Copy the embedded store to Neo4j: each report Neo4j lacks or holds in another version.

    \b
    Example:  NEO4J_PASSWORD=... kg push --uri neo4j://localhost:7687
    """
    from kg import loading
    summary = loading.Summary()
    with open_neo4j(uri, user, password) as neo4j, open_embedded(store_path, read_only=True) as store:
        sources = loading.push(store, neo4j, force=force)
        with progress(sources, len(store.sources()), "Pushing", lambda o: o and Path(o.path).name) as bar:
            for outcome in bar:
                summary.add(outcome)
    counts = summary.counts
    click.echo(f"{summary.reports} reports: {counts[loading.LOADED]} pushed, {counts[loading.REPLACED]} replaced, "
               f"{counts[loading.UNCHANGED]} unchanged; {summary.facts} facts", err=True)


@main.command("export")
@store_option
@click.option("--format", "fmt", type=click.Choice(["graphml", "ttl", "nt", "jsonld", "csv"]), required=True,
              help="graphml (Gephi, yEd, Cytoscape), RDF (ttl, nt, jsonld) or csv (nodes and edges files).")
@click.option("-o", "--output", "out", required=True,
              help="File to write; - for stdout (csv writes FILE.nodes.csv and FILE.edges.csv).")
def export_cmd(store_path, fmt, out):
    """Export the embedded store as a graph file or RDF.

    \b
    Example:  kg export --format graphml -o kg.graphml
    """
    from kg.export import export
    with open_embedded(store_path, read_only=True) as store:
        message = export(store, fmt, click.open_file("-", "wb") if out == "-" else out)
    click.echo(message, err=True)


def parse_params(pairs):
    """--param k=v pairs as a dict."""
    params = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{pair!r} is not NAME=VALUE", param_hint="--param")
        params[key.strip()] = value
    return params


@main.command("query")
@click.argument("name", required=False)
@click.option("--param", "pairs", multiple=True, metavar="NAME=VALUE", help="A parameter of the query (repeat).")
@click.option("--list", "list_queries", is_flag=True, help="List the canned queries and their parameters.")
@store_option
@neo4j_options(flag_help="Ask Neo4j instead of the embedded store (implied by --uri).")
@output.format_option()
def query_cmd(name, pairs, list_queries, store_path, use_neo4j, uri, user, password, fmt):
    """Run a canned query (queries/NAME.rq on the embedded store, queries/NAME.cypher on Neo4j).

    \b
    Example:  kg query --list
              kg query department-profile --param dept=省药监局
              kg query activities-between --param from=2025-03-01 --param to=2025-03-31 --format json
    """
    from kg import canned
    if list_queries:
        rows = [{"name": q.name, "title": q.title,
                 "parameters": ", ".join(p.name + ("" if p.required else "?") for p in q.params)}
                for q in canned.catalog()]
        click.echo(output.render(rows, fmt))
        return
    if not name:
        raise click.UsageError("give a query NAME, or --list to see them")
    params = parse_params(pairs)
    query = canned.get(name)
    query.bind(params)  # refuse bad parameters before connecting
    with open_query_store(store_path, use_neo4j, uri, user, password) as store:
        result = canned.run(query, store, params)
    render_result(result, fmt)


@main.command("who-visited")
@click.option("--dept", required=True, help="The department, by its name or any alias (商务厅, 省药监局).")
@click.option("--from", "date_from", default=None, metavar="YYYY-MM-DD", help="Visits ending on or after this day.")
@click.option("--to", "date_to", default=None, metavar="YYYY-MM-DD", help="Visits starting on or before this day.")
@store_option
@neo4j_options(flag_help="Ask Neo4j instead of the embedded store (implied by --uri).")
@output.format_option()
def who_visited_cmd(dept, date_from, date_to, store_path, use_neo4j, uri, user, password, fmt):
    """Which officials of a department visited the hall or a window, with titles, dates and evidence.

    \b
    Example:  kg who-visited --dept 商务厅
              kg who-visited --dept 省药监局 --from 2025-01-01 --format json
    """
    from kg import canned
    params = {"dept": dept, "from": date_from, "to": date_to}
    with open_query_store(store_path, use_neo4j, uri, user, password) as store:
        result = canned.run("who-visited", store, params)
    render_result(result, fmt)


@main.command("sparql")
@click.argument("text")
@store_option
@output.format_option()
def sparql_cmd(text, store_path, fmt):
    """Run a read-only SPARQL query on the embedded store (updates are refused).

    \b
    Example:  kg sparql "PREFIX kg: <https://w3id.org/kg-bulletins/ontology#>
              SELECT (COUNT(?v) AS ?visits) WHERE { ?v a kg:Visit }"
    """
    with open_embedded(store_path, read_only=True) as store:
        result = store.query(text)
    render_result(result, fmt)


@main.command("cypher")
@click.argument("text")
@neo4j_options()
@output.format_option()
def cypher_cmd(text, uri, user, password, fmt):
    """Run a read-only Cypher query on Neo4j (READ access mode: the server refuses writes).

    \b
    Example:  kg cypher "MATCH (v:Visit)-[:VISITOR]->(p:Person) RETURN p.name AS person, count(v) AS visits"
    """
    with open_neo4j(uri, user, password) as neo4j:
        result = neo4j.query(text)
    render_result(result, fmt)


# The view commands live in their own module, which takes the shared options above; registered last so that
# the import is not circular.
from kg.views_cli import chart_cmd, viz_cmd  # noqa: E402

main.add_command(viz_cmd)
main.add_command(chart_cmd)

"""The `kg` command line: thin commands that parse options, call one library function and render the result.

Data goes to stdout, progress and errors to stderr. Expected failures print `Error: ...` and exit 1;
usage errors exit 2 (click's default).
"""
import sys

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
    Start with:  kg extract samples/ --format table
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

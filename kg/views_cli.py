"""The commands that draw: `kg viz` (the graph as one offline HTML page) and `kg chart` (a service figure as a PNG).

kg/cli.py registers them after its shared options, at its end (this module takes `store_option` and friends from it):

    from kg.views_cli import chart_cmd, viz_cmd   # noqa: E402
    main.add_command(viz_cmd)
    main.add_command(chart_cmd)
"""
import click

from kg.cli import neo4j_options, open_embedded, open_query_store, store_option

_DAY = click.DateTime(formats=["%Y-%m-%d"])


@click.command("viz")
@click.option("--dept", default=None, help="Only what a department (name or any alias, with its units) is in.")
@click.option("--person", default=None, help="Only what an official (name as written) is in.")
@click.option("--program", default=None, help="Only what a program (any part of its name: 一件事) is in.")
@click.option("--from", "date_from", type=_DAY, default=None, metavar="YYYY-MM-DD",
              help="Only facts whose date ends on or after this day.")
@click.option("--to", "date_to", type=_DAY, default=None, metavar="YYYY-MM-DD",
              help="Only facts whose date starts on or before this day.")
@click.option("--limit", type=click.IntRange(min=1), default=None,  # None: kg.viz.NODE_LIMIT (imported late)
              help="Most nodes on the page [default: 1000]; past it the most recent facts are kept, and the page "
                   "says so.")
@click.option("-o", "--output", "out", required=True, type=click.Path(dir_okay=False), help="HTML file to write.")
@store_option
def viz_cmd(dept, person, program, date_from, date_to, limit, out, store_path):
    """Draw the graph as one HTML page that works offline: click a node or edge for its facts and evidence.

    Nodes are coloured by type (legend, with a box per type) and captioned in Chinese; the page filters by type and
    date. Paragraphs, reports, figures and dates are hidden until their box is ticked. --dept, --person and
    --program (together: all of them) keep the facts linked to them, with everything those facts link to.

    \b
    Example:  kg viz -o graph.html
              kg viz --dept 商务厅 --from 2025-01-01 --to 2025-03-31 -o commerce.html
    """
    from kg.viz import build_view, write_html
    with open_embedded(store_path, read_only=True) as store:
        view = build_view(store, dept=dept, person=person, program=program, date_from=date_from,
                          date_to=date_to, limit=limit)
    write_html(view, out)
    click.echo(f"wrote {len(view['nodes'])} nodes and {len(view['edges'])} edges to {out}", err=True)
    if view["notice"]:
        click.echo(view["notice"], err=True)


@click.command("chart")
@click.option("--metric", required=True, help="The figure, named as extracted: 咨询, 受理, 办结, 行政许可事项受理 ...")
@click.option("--scope", default=None, help="Only one scope of the figure (综窗, 进驻部门（单位）窗口 ...).")
@click.option("-o", "--output", "out", required=True, type=click.Path(dir_okay=False), help="PNG file to write.")
@store_option
@neo4j_options(flag_help="Ask Neo4j instead of the embedded store (implied by --uri).")
def chart_cmd(metric, scope, out, store_path, use_neo4j, uri, user, password):
    """Chart a service figure across the reports over time; running totals also give per-period values.

    The top panel has the figures given per period, and those worked out from the year-to-date totals (the
    difference between consecutive totals of a year); the bottom one has the year-to-date totals.

    \b
    Example:  kg chart --metric 受理 -o chart.png
              kg chart --metric 行政许可事项受理 --scope 省本级 -o licensing.png
    """
    from kg.chart import chart
    with open_query_store(store_path, use_neo4j, uri, user, password) as store:
        message = chart(store, metric, out, scope=scope)
    click.echo(message, err=True)


__all__ = ["viz_cmd", "chart_cmd"]

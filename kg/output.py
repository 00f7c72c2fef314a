"""One renderer for every command: --format table|json|jsonl|csv, Chinese kept readable."""
import csv
import io
import json

import click

FORMATS = ("table", "json", "jsonl", "csv")


def format_option(default="table", choices=FORMATS):
    """The shared --format option, defined once."""
    return click.option("--format", "fmt", type=click.Choice(choices), default=default, show_default=True,
                        help="Output format.")


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "、".join(_cell(v) for v in value)
    if isinstance(value, dict):
        if {"start", "end"} <= value.keys():
            start, end = value.get("start") or "", value.get("end") or ""
            return start if start == end else f"{start}..{end}"
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def to_json(data, indent=1):
    return json.dumps(data, ensure_ascii=False, indent=indent)


def table(rows, columns=None):
    """Plain aligned text table; widths count a CJK character as two columns."""
    from kg.cleaning import display_width
    if not rows:
        return "(no rows)"
    columns = columns or list(rows[0].keys())
    cells = [[_cell(r.get(c)) for c in columns] for r in rows]
    widths = [max(display_width(c) for c in [col] + [row[i] for row in cells]) for i, col in enumerate(columns)]

    def line(values):
        return "  ".join(v + " " * (w - display_width(v)) for v, w in zip(values, widths)).rstrip()

    out = [line(columns), line(["-" * w for w in widths])]
    out.extend(line(row) for row in cells)
    return "\n".join(out)


def render(rows, fmt, columns=None):
    """Render a list of dicts in one of FORMATS and return the text (no trailing newline)."""
    if fmt == "json":
        return to_json(rows)
    if fmt == "jsonl":
        return "\n".join(json.dumps(r, ensure_ascii=False) for r in rows)
    if fmt == "csv":
        columns = columns or (list(rows[0].keys()) if rows else [])
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(columns)
        for r in rows:
            writer.writerow([_cell(r.get(c)) for c in columns])
        return buf.getvalue().rstrip("\n")
    return table(rows, columns)

"""One renderer for every command: --format table|json|jsonl|csv, Chinese kept readable.

A cell may hold a list (shown joined with 、 in a table or CSV) or an object; a date object {start, end, precision}
is shown as its precision says (2023-03-15, 2025-03, 2024-11-04..2024-11-08). In CSV an object spreads over one
column per key (date.start, date.end, date.precision), so nothing is lost.
"""
import csv
import io
import json

import click

FORMATS = ("table", "json", "jsonl", "csv")
#: Display columns a table cell may take before it is cut with …, for commands that show long text.
CELL_WIDTH = 60


def format_option(default="table", choices=FORMATS):
    """The shared --format option, defined once."""
    return click.option("--format", "fmt", type=click.Choice(choices), default=default, show_default=True,
                        help="Output format.")


def date_text(value):
    """A date object as people write it at its precision: a day, a month, a year, or a range of days."""
    start, end = value.get("start") or "", value.get("end") or ""
    precision = value.get("precision")
    if precision == "month" and start[:7] == end[:7]:
        return start[:7]
    if precision == "year" and start[:4] == end[:4]:
        return start[:4]
    if not start and not end:
        return value.get("surface") or ""
    return start if start == end else f"{start}..{end}"


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "、".join(_cell(v) for v in value)
    if isinstance(value, dict):
        if {"start", "end"} <= value.keys():
            return date_text(value)
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def to_json(data, indent=1):
    return json.dumps(data, ensure_ascii=False, indent=indent)


def _cut(text, width):
    """`text` cut to `width` display columns, ending with … when cut."""
    from kg.cleaning import display_width
    if width is None or display_width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = display_width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def table(rows, columns=None, max_width=None):
    """Plain aligned text table; widths count a CJK character as two columns; cells cut at `max_width`."""
    from kg.cleaning import display_width
    if not rows:
        return "(no rows)"
    columns = columns or list(rows[0].keys())
    cells = [[_cut(_cell(r.get(c)), max_width) for c in columns] for r in rows]
    widths = [max(display_width(c) for c in [col] + [row[i] for row in cells]) for i, col in enumerate(columns)]

    def line(values):
        return "  ".join(v + " " * (w - display_width(v)) for v, w in zip(values, widths)).rstrip()

    out = [line(columns), line(["-" * w for w in widths])]
    out.extend(line(row) for row in cells)
    return "\n".join(out)


def _flat(rows, columns):
    """CSV columns: an object-valued column becomes one column per key (date.start, date.end, ...)."""
    flat = []
    for c in columns:
        keys = next((list(r[c].keys()) for r in rows if isinstance(r.get(c), dict)), None)
        if keys:
            flat.extend((f"{c}.{k}", c, k) for k in keys)
        else:
            flat.append((c, c, None))
    return flat


def render(rows, fmt, columns=None, max_width=None):
    """Render a list of dicts in one of FORMATS and return the text (no trailing newline)."""
    if fmt == "json":
        return to_json(rows)
    if fmt == "jsonl":
        return "\n".join(json.dumps(r, ensure_ascii=False) for r in rows)
    if fmt == "csv":
        columns = columns or (list(rows[0].keys()) if rows else [])
        flat = _flat(rows, columns)
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow([name for name, _, _ in flat])
        for r in rows:
            writer.writerow([_cell((r.get(c) or {}).get(k) if k else r.get(c)) for _, c, k in flat])
        return buf.getvalue().rstrip("\n")
    return table(rows, columns, max_width)

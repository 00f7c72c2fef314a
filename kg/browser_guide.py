"""Keep docs/browser-guide.md in step with the canned queries: its query sections are made from queries/*.cypher.

    python -m kg.browser_guide            # rewrite the generated sections of docs/browser-guide.md in place
    python -m kg.browser_guide --check    # exit 1 when the guide is out of date (tests/test_browser_guide.py)

The guide is hand-written, except between `<!-- query: NAME -->` and `<!-- /query -->`, where this module writes
the query's title, description, parameters, the `:params` line to run first and the query body, all read from the
query file (kg.canned), so what people paste into Neo4j Browser is what `kg query NAME --neo4j` runs.
"""
from __future__ import annotations

import re
import sys
import textwrap
from pathlib import Path

from kg import canned

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "browser-guide.md"
_SECTION = re.compile(r"(<!-- query: (?P<name>[a-z-]+) -->\n).*?(<!-- /query -->)", re.DOTALL)
_WIDTH = 116  # characters of a line of prose (CJK counts as one: the limit is for the source, not the page)
_PARAMS_LINE = re.compile(r"^//\s*In Neo4j Browser first run:\s*(?P<params>:params .*)$", re.MULTILINE)


def body(text: str) -> str:
    """A query file without its header: the lines after the leading comment block."""
    lines = text.splitlines()
    start = 0
    while start < len(lines) and (lines[start].startswith("//") or not lines[start].strip()):
        start += 1
    return "\n".join(lines[start:]).strip() + "\n"


def section(name: str) -> str:
    """The generated text of one canned query."""
    query = canned.get(name)
    text = query.text("cypher")
    params = _PARAMS_LINE.search(text)
    out = [f"### {query.title} (`{name}`)", "", _fill(query.description), ""]
    if query.params:
        out += [_fill("Parameters: " + "; ".join(
            f"`{p.name}` ({p.type}{'' if p.required else f', default {p.default}'}): {p.description}"
            for p in query.params) + "."), ""]
    out += [_fill("Returns: " + ", ".join(f"`{c.name}`" for c in query.columns) + "."), ""]
    if params:
        out += ["```", params["params"], "```", ""]
    out += ["```cypher", body(text).rstrip("\n"), "```", ""]
    return "\n".join(out)


def _fill(text):
    return textwrap.fill(text, width=_WIDTH, break_long_words=False, break_on_hyphens=False)


def render(guide: str) -> str:
    """`guide` with every generated section made anew from the query files."""
    return _SECTION.sub(lambda m: m.group(1) + "\n" + section(m["name"]) + "\n" + m.group(3), guide)


def sections(guide: str) -> list:
    """The names of the queries the guide has a generated section for, in order."""
    return [m["name"] for m in _SECTION.finditer(guide)]


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    text = GUIDE.read_text(encoding="utf-8")
    fresh = render(text)
    if "--check" in argv:
        if fresh != text:
            print(f"{GUIDE} is out of date: run python -m kg.browser_guide", file=sys.stderr)
            return 1
        return 0
    if fresh != text:
        GUIDE.write_text(fresh, encoding="utf-8")
        print(f"rewrote {GUIDE}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

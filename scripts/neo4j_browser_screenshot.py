"""Take docs/img/neo4j-browser.png, the README's picture of the sample bulletins in Neo4j Browser.

    .venv/bin/python scripts/neo4j_browser_screenshot.py
    .venv/bin/python scripts/neo4j_browser_screenshot.py --picture "Who visited a department" -o /tmp/shot.png

End to end on this machine, with no Docker and no network: starts a throw-away Neo4j that also serves Neo4j
Browser (kg.neo4j_server with browser=True: the launcher of tests/neo4j_server/ plus the Browser jar from Maven
Central), loads samples/ into it as `kg load --neo4j` does, opens Browser in Debian's headless Chromium (driven by
Playwright, as in tests/test_browser.py), connects, applies ontology/kg.grass with `:style`, runs one of the
pictures of docs/browser-guide.md (its `:params` line, then its query) and saves a screenshot of the window.

Needs Java 17 and Maven (to build the launcher), the chromium and fonts-noto-cjk Debian packages and the playwright
Python package (pip install -e '.[test]'); never `playwright install`, which would download a browser of its own.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from pathlib import Path

from kg import loading, neo4j_server
from kg.neo4j_store import Neo4jStore
from kg.store import OxigraphStore

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GUIDE = ROOT / "docs" / "browser-guide.md"
GRASS = ROOT / "ontology" / "kg.grass"
OUTPUT = ROOT / "docs" / "img" / "neo4j-browser.png"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
VIEWPORT = {"width": 1400, "height": 900}
FRAME_MARGIN = 12  # pixels of the page kept below the picture's frame
WAIT_MS = 120_000  # the most Browser may take to connect or to draw, even on a busy 2-core machine


class ScreenshotError(Exception):
    """A step did not do what it should; the message says which."""


def guide_picture(title: str, guide: str) -> tuple[str, str]:
    """The `:params` line and the Cypher query of the picture headed `### <title>` in the Browser guide."""
    section = re.search(rf"^### {re.escape(title)}\n(.*?)(?=^##)", guide + "\n##", re.MULTILINE | re.DOTALL)
    if section is None:
        raise ScreenshotError(f"no picture titled {title!r} in {GUIDE}")
    params = re.search(r"^```\n(:params .*?)\n```", section.group(1), re.MULTILINE)
    query = re.search(r"^```cypher\n(.*?)\n```", section.group(1), re.MULTILINE | re.DOTALL)
    if params is None or query is None:
        raise ScreenshotError(f"the picture {title!r} in {GUIDE} lacks its :params line or its cypher block")
    return params.group(1), query.group(1)


def selectors(rules: str) -> set[str]:
    return set(re.findall(r"^(\S+)\s*\{", rules, re.MULTILINE))


def load_samples(uri: str, workdir: Path) -> None:
    """Load samples/ into a fresh embedded store and into the Neo4j at `uri` (no auth), as `kg load --neo4j`."""
    with OxigraphStore(workdir / "store") as store, Neo4jStore(uri) as neo4j:
        summary = loading.load([SAMPLES], store, neo4j=neo4j)
    print(f"kg load: {summary}", file=sys.stderr)
    if summary.errors:
        raise ScreenshotError(f"{summary.errors} sample file(s) did not load")


class BrowserSession:
    """Neo4j Browser in a headless Chromium page, used through its own controls (data-testid attributes)."""

    def __init__(self, chromium, url: str):
        self.page = chromium.new_page(viewport=VIEWPORT)
        # Browser asks for web fonts and error reports from outside hosts: refuse them, so a run is the same
        # with or without a network. It then draws with the system's fonts: Chinese needs fonts-noto-cjk.
        self.page.route("**/*", self._local_only)
        self.page.goto(url)

    @staticmethod
    def _local_only(route):
        if route.request.url.startswith(("http://127.0.0.1:", "ws://127.0.0.1:", "data:", "blob:")):
            route.continue_()
        else:
            route.abort()

    def connect(self) -> None:
        """Fill Browser's connect form: the address is the one the server advertises; the test server has no auth."""
        self.page.select_option("[data-testid=authenticationMethod]", "NO_AUTH", timeout=WAIT_MS)
        self.page.click("[data-testid=connect]")
        self.page.wait_for_selector("text=You are connected", timeout=WAIT_MS)

    def run(self, command: str) -> None:
        """Paste `command` into the editor and run it.

        Pasted, not typed: typing into the editor (Monaco) indents every new line and closes every brace, which
        would change a grass file or a query.
        """
        self.page.click("#monaco-main-editor")
        self.page.evaluate("""text => {
            const data = new DataTransfer();
            data.setData('text/plain', text);
            document.activeElement.dispatchEvent(
                new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));
        }""", command)
        self.page.click("[data-testid=editor-Run]")

    def style(self, rules: str) -> None:
        """Apply grass rules with `:style` and check that Browser kept every one of them, and nothing else."""
        self.run(":style " + rules)
        deadline = time.monotonic() + 10
        while True:
            # Browser keeps the style it uses in localStorage, as an object keyed by selector (null before any).
            kept = json.loads(self.page.evaluate("() => localStorage.getItem('neo4j.grass') || 'null'")) or {}
            if set(kept) == selectors(rules):
                return
            if time.monotonic() > deadline:
                raise ScreenshotError(f"Browser read other selectors than those of {GRASS}: {sorted(kept)}")
            time.sleep(0.2)

    def draw(self, params: str, query: str) -> None:
        """Set the parameters, clear the stream, run the query and wait until its graph stops moving."""
        self.run(params)
        self.page.wait_for_selector("text=Successfully set your parameters", timeout=WAIT_MS)
        self.run(":clear")  # only the picture's frame is left on the page
        self.run(query)
        self.page.wait_for_selector("[data-testid=frame] svg g.node", timeout=WAIT_MS)
        self._wait_for_layout()
        self.page.mouse.move(0, VIEWPORT["height"] - 1)  # no hover highlight in the picture
        self.page.evaluate("() => document.activeElement.blur()")  # nor a blinking cursor in the editor

    def _wait_for_layout(self) -> None:
        """Wait until Browser's force layout settles: the nodes' positions stay the same for a second."""
        deadline = time.monotonic() + WAIT_MS / 1000
        positions = None
        while time.monotonic() < deadline:
            time.sleep(1)
            now = self.page.eval_on_selector_all("svg g.node", "nodes => nodes.map(n => n.getAttribute('transform'))")
            if now == positions:
                return
            positions = now
        raise ScreenshotError(f"the graph was still moving after {WAIT_MS // 1000} s")

    def save(self, path: Path) -> None:
        """Save the window down to the picture's frame (below it the page is empty)."""
        frame = self.page.locator("[data-testid=frame]").bounding_box()
        path.parent.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(path), clip={"x": 0, "y": 0, "width": VIEWPORT["width"],
                                                   "height": frame["y"] + frame["height"] + FRAME_MARGIN})


def take(picture: str, output: Path) -> None:
    from playwright.sync_api import sync_playwright  # the test extra; imported here so --help works without it

    if not CHROMIUM.exists():
        raise ScreenshotError(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    params, query = guide_picture(picture, GUIDE.read_text(encoding="utf-8"))
    rules = GRASS.read_text(encoding="utf-8").strip()
    with tempfile.TemporaryDirectory(prefix="kg-browser-") as tmp:
        with neo4j_server.start(Path(tmp) / "neo4j", browser=True) as server:
            print(f"Neo4j Browser at {server.browser_url}, Bolt at {server.uri}", file=sys.stderr)
            load_samples(server.uri, Path(tmp))
            with sync_playwright() as playwright:
                chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
                try:
                    session = BrowserSession(chromium, server.browser_url)
                    session.connect()
                    session.style(rules)
                    session.draw(params, query)
                    session.save(output)
                finally:
                    chromium.close()
    print(f"wrote {output}", file=sys.stderr)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--picture", default="Who visited a department",
                        help="the title of a picture in docs/browser-guide.md [default: %(default)s]")
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT, help="the PNG to write [default: %(default)s]")
    args = parser.parse_args(argv)
    try:
        take(args.picture, args.output)
    except (ScreenshotError, neo4j_server.Neo4jServerError) as error:
        print(f"Error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The page of `kg viz` in a real browser: Debian's headless Chromium (/usr/bin/chromium), driven by Playwright.

Needs the chromium Debian package (scripts/test.sh installs it) and the playwright Python package (the test extra);
never `playwright install`, which would download a browser build of its own. Without them the tests skip with the
reason, except in CI (CI=true) or with KG_TEST_BROWSER_REQUIRED=1, where they fail. Screenshots are test artifacts in
tests/artifacts/ (or $KG_TEST_ARTIFACTS); with KG_UPDATE_SCREENSHOTS=1 the sample view is also copied to
docs/img/graph.png, the README's picture.
"""
import datetime
import os
import shutil
import time
from pathlib import Path

import pytest

from kg import viz
from kg.projection import Node, PropertyGraph, Relationship
from kg.store import OxigraphStore
from stores import ROOT, load_samples

CHROMIUM = Path(os.environ.get("KG_TEST_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(os.environ.get("KG_TEST_ARTIFACTS", ROOT / "tests" / "artifacts"))
README_PICTURE = ROOT / "docs" / "img" / "graph.png"
VIEWPORT = {"width": 1600, "height": 1000}
LAYOUT_SECONDS = 60  # the most a layout may take, even on a slow CI machine


def unavailable(reason):
    if os.environ.get("CI") == "true" or os.environ.get("KG_TEST_BROWSER_REQUIRED") == "1":
        pytest.fail(f"{reason}: the browser test must run in CI", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("the playwright package is not installed (pip install -e '.[test]')")
    if not CHROMIUM.exists():
        unavailable(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def sample_page_file(tmp_path_factory):
    """The sample view and the page that draws it."""
    folder = tmp_path_factory.mktemp("browser")
    load_samples(folder / "store")
    with OxigraphStore(folder / "store", read_only=True) as store:
        view = viz.build_view(store)
    return view, viz.write_html(view, folder / "graph.html")


class Page:
    """A Playwright page on a kg viz file, with every request that is not the file itself refused and recorded."""

    def __init__(self, browser, path):
        self.page = browser.new_page(viewport=VIEWPORT)
        self.errors, self.requests = [], []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.route("**/*", self._route)
        self.page.goto(Path(path).as_uri())

    def _route(self, route):
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            self.requests.append(route.request.url)
            route.abort()

    def js(self, expression, arg=None):
        return self.page.evaluate(expression, arg)

    def wait_for_layout(self, count=1):
        self.page.wait_for_function(f"Number(document.body.dataset.layouts || 0) >= {count}",
                                    timeout=LAYOUT_SECONDS * 1000)

    def point_of(self, node_id):
        """Where node `node_id` is on the page, when a click there hits it (not a neighbour drawn over it)."""
        return self.js("""id => {
            const canvas = document.querySelector('#graph canvas').getBoundingClientRect();
            const at = kg.network.canvasToDOM(kg.network.getPositions([id])[id]);
            return kg.network.getNodeAt(at) === id ? [at.x + canvas.left, at.y + canvas.top] : null;
        }""", node_id)

    def click(self, point):
        self.page.mouse.click(*point)

    def panel(self):
        return self.js("""() => { const p = document.getElementById('panel');
            return {kind: p.dataset.kind || null, id: p.dataset.id === undefined ? null : Number(p.dataset.id),
                    text: p.innerText,
                    evidence: Array.from(p.querySelectorAll('blockquote.evidence'), b => b.textContent)}; }""")

    def close(self):
        self.page.close()


@pytest.fixture
def sample_page(browser, sample_page_file):
    view, path = sample_page_file
    page = Page(browser, path)
    page.wait_for_layout()
    yield view, page
    assert page.errors == [], page.errors
    assert page.requests == [], f"the page asked the network for {page.requests}"
    page.close()


def drawn_by_default(view):
    return {n["id"] for n in view["nodes"] if n["type"] not in viz.ON_DEMAND}


def clickable_visit(view, page):
    """A Visit of the sample view and where to click it."""
    for node in view["nodes"]:
        if node["type"] == "Visit":
            point = page.point_of(node["id"])
            if point:
                return node, point
    pytest.fail("no Visit can be clicked without hitting another node")


def test_browser_draws_the_nodes_of_the_sample_graph(sample_page):
    view, page = sample_page
    drawn = set(page.js("kg.nodes.getIds()"))
    assert drawn == drawn_by_default(view)
    expected_edges = {e["id"] for e in view["edges"] if e["from"] in drawn and e["to"] in drawn}
    assert set(page.js("kg.edges.getIds()")) == expected_edges
    positions = page.js("Object.keys(kg.network.getPositions()).length")
    assert positions == len(drawn)
    painted = page.js("""() => {
        const c = document.querySelector('#graph canvas'), g = c.getContext('2d');
        const data = g.getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 0; i < data.length; i += 4 * 13) if (data[i + 3] > 0 && data[i] + data[i + 1] + data[i + 2] < 700) n++;
        return n;
    }""")
    assert painted > 2000  # nodes, edges and captions are on the canvas
    assert "显示 %d 个节点" % len(drawn) in page.js("document.getElementById('status').textContent")


def test_browser_click_on_a_visit_shows_its_sentence_and_report(sample_page):
    view, page = sample_page
    page.js("kg.network.fit({animation: false})")
    visit, point = clickable_visit(view, page)
    page.click(point)
    panel = page.panel()
    assert (panel["kind"], panel["id"]) == ("node", visit["id"])
    assert panel["evidence"] == [e["text"] for e in visit["evidence"]]
    report = visit["evidence"][0]["report"]
    assert report["file"] in panel["text"] and report["name"] in panel["text"]
    assert visit["name"] in panel["text"] and "来访调研" in panel["text"]
    # The picture: the clicked visit and its neighbours close enough to read their captions, the panel beside.
    page.page.mouse.move(1, 1)  # no tooltip
    page.js("id => kg.network.focus(id, {scale: 0.9, animation: false})", visit["id"])
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.page.screenshot(path=str(ARTIFACTS / "graph.png"))
    assert (ARTIFACTS / "graph.png").stat().st_size > 50_000
    if os.environ.get("KG_UPDATE_SCREENSHOTS") == "1":
        README_PICTURE.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ARTIFACTS / "graph.png", README_PICTURE)


def test_browser_click_on_an_edge_shows_the_evidence_of_its_fact(sample_page):
    view, page = sample_page
    visits = {n["id"]: n for n in view["nodes"] if n["type"] == "Visit"}
    drawn = drawn_by_default(view)
    for edge in (e for e in view["edges"] if e["from"] in visits and e["to"] in drawn):
        page.js("id => kg.network.focus(id, {scale: 1.6, animation: false})", edge["from"])
        point = page.js("""e => {
            const canvas = document.querySelector('#graph canvas').getBoundingClientRect();
            const p = kg.network.getPositions([e.from, e.to]);
            const at = kg.network.canvasToDOM({x: (p[e.from].x + p[e.to].x) / 2, y: (p[e.from].y + p[e.to].y) / 2});
            const hit = kg.network.getNodeAt(at) === undefined && kg.network.getEdgeAt(at) === e.id;
            return hit ? [at.x + canvas.left, at.y + canvas.top] : null;
        }""", edge)
        if point:
            break
    else:
        pytest.fail("no edge of a visit can be clicked away from the nodes")
    page.click(point)
    panel = page.panel()
    assert (panel["kind"], panel["id"]) == ("edge", edge["id"])
    assert edge["label"] in panel["text"]
    assert panel["evidence"] == [e["text"] for e in visits[edge["from"]]["evidence"]]


def test_browser_type_boxes_show_and_hide_a_type(sample_page):
    view, page = sample_page
    items = {n["id"] for n in view["nodes"] if n["type"] == "Item"}
    page.page.check('#types input[value="Item"]')
    page.wait_for_layout(2)
    assert set(page.js("kg.nodes.getIds()")) == drawn_by_default(view) | items
    page.page.uncheck('#types input[value="Visit"]')
    drawn = set(page.js("kg.nodes.getIds()"))
    assert not drawn & {n["id"] for n in view["nodes"] if n["type"] == "Visit"}


def test_browser_dates_keep_the_facts_in_the_window(sample_page):
    view, page = sample_page
    page.page.fill("#date-from", "2025-03-01")
    page.page.fill("#date-to", "2025-03-31")
    page.page.dispatch_event("#date-to", "change")
    drawn = set(page.js("kg.nodes.getIds()"))
    facts = {n["id"]: n for n in view["nodes"] if n["fact"]}
    shown = [facts[i] for i in drawn if i in facts]
    assert shown and len(drawn) < len(drawn_by_default(view))
    assert all(n["date"][0] <= "2025-03-31" and n["date"][1] >= "2025-03-01" for n in shown)
    page.page.click("#dates-clear")
    assert set(page.js("kg.nodes.getIds()")) == drawn_by_default(view)


def test_browser_find_moves_to_a_node_and_shows_it(sample_page):
    view, page = sample_page
    page.page.fill("#find", "梁勇")
    page.page.press("#find", "Enter")
    panel = page.panel()
    person = next(n for n in view["nodes"] if n["type"] == "Person" and n["name"] == "梁勇")
    assert (panel["kind"], panel["id"]) == ("node", person["id"])
    assert page.js("kg.network.getSelectedNodes()") == [person["id"]]
    assert "来访调研 梁勇" in panel["text"]  # the person's links: the visit


# --- a large view stays responsive --------------------------------------------------------------------------------

def synthetic_graph(visits=900, persons=300, organizations=60, reports=50) -> PropertyGraph:
    """Visits with their items, reports, dates, visitors and organizations: about as dense as 1,000 bulletins."""
    pg = PropertyGraph()
    rels = set()

    def node(kind, i, labels, **properties):
        iri = f"https://w3id.org/kg-bulletins/id/{kind}/{i:06d}"
        pg.nodes.setdefault(iri, Node(iri, labels, properties))
        return iri

    day = datetime.date(2024, 1, 1)
    for i in range(visits):
        report = node("report", i % reports, ("Report",), name=f"窗口工作周报 第{i % reports}期", sourceFile=f"b{i}.txt")
        item = node("item", i, ("Item",), name=f"条目{i}", text=f"{i}号领导到省政务服务大厅窗口调研。")
        when = node("interval", i % 200, ("DateInterval",), startDate=day + datetime.timedelta(days=i % 200),
                    endDate=day + datetime.timedelta(days=i % 200), name=str(day + datetime.timedelta(days=i % 200)))
        person = node("person", i % persons, ("Person",), name=f"人员{i % persons}")
        org = node("org", i % organizations, ("Organization",), name=f"单位{i % organizations}")
        visit = node("visit", i, ("Event", "Visit"), name=f"来访调研 人员{i % persons}", text=f"{i}号领导来访。")
        rels |= {Relationship("PART_OF", item, report), Relationship("DERIVED_FROM", visit, item),
                 Relationship("DATE", visit, when), Relationship("VISITOR", visit, person),
                 Relationship("VISITOR_ORGANIZATION", visit, org)}
    pg.relationships = sorted(rels)
    return pg


def test_browser_a_thousand_node_view_lays_out_and_answers_a_click_quickly(browser, tmp_path):
    view = viz.build_view(synthetic_graph(), limit=viz.NODE_LIMIT)
    assert len(view["nodes"]) > 900 and view["notice"]
    path = viz.write_html(view, tmp_path / "large.html")
    started = time.monotonic()
    page = Page(browser, path)
    page.wait_for_layout()
    first_layout = time.monotonic() - started
    page.page.click("#types-all")  # every type, every node of the view
    page.wait_for_layout(2)
    all_drawn = time.monotonic() - started
    assert page.js("kg.nodes.length") == len(view["nodes"])
    node = next(n for n in view["nodes"] if n["type"] == "Visit" and page.point_of(n["id"]))
    clicked = time.monotonic()
    page.click(page.point_of(node["id"]))
    page.page.wait_for_function(f"document.getElementById('panel').dataset.id === '{node['id']}'", timeout=5000)
    answer = time.monotonic() - clicked
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.page.screenshot(path=str(ARTIFACTS / "graph-large.png"))
    assert page.errors == [] and page.requests == []
    page.close()
    print(f"large view: {len(view['nodes'])} nodes, first layout {first_layout:.1f}s, all types {all_drawn:.1f}s, "
          f"click answered in {answer:.2f}s")
    assert first_layout < 30 and all_drawn < 45 and answer < 2

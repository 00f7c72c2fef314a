"""kg/viz.py and `kg viz`: one HTML page that needs no network and holds the sample graph, its filters and evidence.

The page's behaviour in a browser (drawing, clicking, the side panel) is tests/test_browser.py.
"""
import json
import re

import click
import pytest
from click.testing import CliRunner

from kg import viz
from kg.cli import KgGroup
from kg.errors import ViewError
from kg.export import rdf_graph
from kg.projection import project
from kg.store import OxigraphStore
from kg.views_cli import viz_cmd
from stores import load_samples

VIEW_JSON = re.compile(r'<script id="kg-view" type="application/json">(.*?)</script>', re.DOTALL)
# Anything a page could load from elsewhere: script/img/iframe sources, stylesheet links, CSS imports and urls.
EXTERNAL = re.compile(r"""<(?:script|link|img|iframe|source|embed|object)\b[^>]*\b(?:src|href|data)\s*=|"""
                      r"""@import|url\(\s*['"]?(?:https?:)?//""", re.IGNORECASE)


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("viz") / "store"
    load_samples(path)
    return path


@pytest.fixture(scope="module")
def sample_graph(store_path):
    """The projection of the sample store."""
    with OxigraphStore(store_path, read_only=True) as store:
        return project(rdf_graph(store.triples()))


@pytest.fixture(scope="module")
def page(store_path, tmp_path_factory):
    """The sample view and its page: (view, html text)."""
    with OxigraphStore(store_path, read_only=True) as store:
        view = viz.build_view(store)
    path = viz.write_html(view, tmp_path_factory.mktemp("page") / "graph.html")
    return view, path.read_text(encoding="utf-8")


def embedded_view(html):
    return json.loads(VIEW_JSON.search(html).group(1))


def run(*args):
    group = KgGroup("kg")  # as kg/cli.py's main: KgError -> "Error: ..." and exit 1
    group.add_command(viz_cmd)
    return CliRunner().invoke(group, ["viz", *map(str, args)])


# --- the page ---------------------------------------------------------------------------------------------------------

def test_viz_page_is_self_contained(page):
    _, html = page
    assert not EXTERNAL.search(html), EXTERNAL.search(html).group(0)
    assert not re.search(r"""(?:src|href)\s*=\s*["']?https?://""", html, re.IGNORECASE)
    assert "sourceMappingURL" not in html
    assert "vis.Network" in html and "vis-network" in html  # the library is inlined, with its licence banner
    assert html.count("<script") == html.count("</script>") == 3  # library, data, application


def test_viz_page_holds_every_node_of_the_sample_graph(page, sample_graph):
    view, html = page
    shown = embedded_view(html)
    assert {n["iri"] for n in shown["nodes"]} == set(sample_graph.nodes)
    assert len(shown["edges"]) == len(sample_graph.relationships)
    assert shown == json.loads(json.dumps(view, ensure_ascii=False))
    assert not shown["notice"]
    names = {n["name"] for n in shown["nodes"]}
    assert {"四川省商务厅", "梁勇", "徐斌"} <= names


def test_viz_types_carry_colour_chinese_name_and_visibility(page):
    view, _ = page
    types = {t["type"]: t for t in view["types"]}
    assert types["Visit"]["zh"] == "来访调研" and types["Visit"]["color"] == "#4C8EDA"  # from ontology/kg.grass
    assert types["Organization"]["zh"] == "组织机构"
    assert {t for t, s in types.items() if s["hidden"]} == viz.ON_DEMAND & set(types)
    assert sum(t["count"] for t in view["types"]) == len(view["nodes"])


def test_viz_visit_carries_its_sentence_and_report(page):
    view, _ = page
    visit = next(n for n in view["nodes"] if n["type"] == "Visit" and n["name"] == "来访调研 梁勇")
    (evidence,) = visit["evidence"]
    assert evidence["text"].startswith("3月15日，商务厅副厅长梁勇率外经处、法规处到省政务服务大厅窗口")
    assert evidence["sentence"] is True
    assert evidence["report"]["file"] == "000_080c0ab74c611cee.txt"
    assert evidence["report"]["series"] == "窗口工作周报" and evidence["report"]["issue"] is not None
    assert visit["date"] == ["2023-03-15", "2023-03-15"]
    assert visit["fact"] is True


def test_viz_membership_evidence_is_its_paragraph(page):
    view, _ = page
    membership = next(n for n in view["nodes"] if n["type"] == "Membership")
    assert membership["evidence"] and all(e["text"] and e["report"]["file"] for e in membership["evidence"])
    assert all(e["sentence"] is False for e in membership["evidence"])


def test_viz_edges_name_their_relationship_in_chinese(page):
    view, _ = page
    visitor = next(e for e in view["edges"] if e["type"] == "VISITOR")
    assert visitor["label"] != "VISITOR" and re.search(r"[\u4e00-\u9fff]", visitor["label"])


# --- neighbourhoods, dates, the cap -----------------------------------------------------------------------------------

def facts_linked_to(view, seeds):
    ids = {n["id"] for n in view["nodes"] if n["iri"] in seeds}
    linked = {e["from"] for e in view["edges"] if e["to"] in ids} | {e["to"] for e in view["edges"] if e["from"] in ids}
    return {n["id"] for n in view["nodes"] if n["fact"] and n["id"] in linked}


def test_viz_department_keeps_the_facts_of_the_department_and_its_units(sample_graph):
    view = viz.build_view(sample_graph, dept="商务厅")
    seeds = {n["iri"] for n in view["nodes"] if n.get("seed")}
    assert "四川省商务厅" in {sample_graph.nodes[iri].properties["name"] for iri in seeds}
    facts = {n["id"] for n in view["nodes"] if n["fact"]}
    assert facts and facts == facts_linked_to(view, seeds)
    visitors = {n["name"] for n in view["nodes"] if n["type"] == "Person"}
    assert {"梁勇", "戢焜文"} <= visitors  # who-visited --dept 商务厅
    assert view["title"] == "kg 知识图谱：部门 商务厅"


@pytest.mark.parametrize("alias", ["商务厅", "省商务厅", "四川省商务厅"])
def test_viz_department_is_found_by_any_alias(sample_graph, alias):
    view = viz.build_view(sample_graph, dept=alias)
    assert {n["iri"] for n in view["nodes"]} == {n["iri"] for n in viz.build_view(sample_graph, dept="商务厅")["nodes"]}


def test_viz_person_and_program_neighbourhoods(sample_graph):
    person = viz.build_view(sample_graph, person="徐斌")
    assert [n["name"] for n in person["nodes"] if n["type"] == "Visit"] == ["来访调研 徐斌"]
    program = viz.build_view(sample_graph, program="一件事")
    programs = {n["name"] for n in program["nodes"] if n["type"] == "Program"}
    assert programs and any("一件事" in name for name in programs)


def test_viz_filters_together_keep_the_facts_linked_to_all(sample_graph):
    both = viz.build_view(sample_graph, dept="商务厅", person="梁勇")
    visits = [n["name"] for n in both["nodes"] if n["type"] == "Visit"]
    assert visits == ["来访调研 梁勇"]


def test_viz_dates_keep_facts_that_overlap_the_window(sample_graph):
    view = viz.build_view(sample_graph, date_from="2025-03-01", date_to="2025-03-31")
    facts = [n for n in view["nodes"] if n["fact"]]
    assert facts
    assert all(n["date"] and n["date"][0] <= "2025-03-31" and n["date"][1] >= "2025-03-01" for n in facts)
    assert view["filters"]["from"] == "2025-03-01"
    everything = viz.build_view(sample_graph)
    assert len(facts) < sum(n["fact"] for n in everything["nodes"])


def test_viz_cap_keeps_the_most_recent_facts_and_says_so(sample_graph):
    view = viz.build_view(sample_graph, limit=60)
    assert 0 < len(view["nodes"]) <= 60
    assert view["total"] == len(sample_graph.nodes)
    assert view["notice"].startswith(f"图中显示 {len(view['nodes'])} / {len(sample_graph.nodes)} 个节点")
    index = viz._Index(sample_graph)
    in_view = {n["iri"] for n in view["nodes"]}
    shown = [n["date"][1] for n in view["nodes"] if n["fact"] and n["date"] and n["type"] not in viz.ON_DEMAND]
    left_out = [index.interval(iri)[1].isoformat() for iri in index.facts - in_view
                if index.interval(iri) and sample_graph.nodes[iri].label not in viz.ON_DEMAND]
    assert shown and left_out
    assert min(shown) >= max(left_out)


@pytest.mark.parametrize("options, message", [
    ({"dept": "没有这个厅"}, "no department called '没有这个厅' in the graph"),
    ({"person": "无名氏"}, "no person called '无名氏' in the graph"),
    ({"program": "不存在的项目"}, "no program called '不存在的项目' in the graph"),
    ({"date_from": "2025-13-01"}, "--from: '2025-13-01' is not a day (YYYY-MM-DD)"),
    ({"date_from": "2025-03-02", "date_to": "2025-03-01"}, "--from 2025-03-02 is after --to 2025-03-01"),
])
def test_viz_refuses_what_is_not_there(sample_graph, options, message):
    with pytest.raises(ViewError) as caught:
        viz.build_view(sample_graph, **options)
    assert str(caught.value) == message


# --- the page cannot be broken by the data ----------------------------------------------------------------------------

def test_viz_data_cannot_close_the_script_element(sample_graph, tmp_path):
    view = viz.build_view(sample_graph, person="徐斌")
    view["nodes"][0]["name"] = "</script><script>alert(1)</script><!--"
    html = viz.render_html(view)
    assert html.count("</script>") == 3
    assert embedded_view(html)["nodes"][0]["name"] == "</script><script>alert(1)</script><!--"


def test_viz_vendored_library_ships_with_its_licence():
    from importlib.resources import files
    assets = files("kg").joinpath("assets")
    assert "Permission is hereby granted, free of charge" in assets.joinpath("vis-network.LICENSE-MIT").read_text()
    assert assets.joinpath("vis-network.LICENSE-APACHE-2.0").is_file()
    banner = assets.joinpath("vis-network.min.js").read_text(encoding="utf-8")[:1200]
    assert "@license" in banner and "MIT" in banner


# --- kg viz -----------------------------------------------------------------------------------------------------------

def test_viz_command_writes_the_page(store_path, tmp_path):
    out = tmp_path / "commerce.html"
    result = run("--dept", "商务厅", "--from", "2023-01-01", "-o", out, "--store", store_path)
    assert result.exit_code == 0, result.output
    view = embedded_view(out.read_text(encoding="utf-8"))
    assert result.stderr == f"wrote {len(view['nodes'])} nodes and {len(view['edges'])} edges to {out}\n"
    assert result.stdout == ""
    assert view["title"] == "kg 知识图谱：部门 商务厅，2023-01-01 至 …"


def test_viz_command_reports_an_unknown_department(store_path, tmp_path):
    result = run("--dept", "没有这个厅", "-o", tmp_path / "x.html", "--store", store_path)
    assert result.exit_code == 1
    assert result.stderr == "Error: no department called '没有这个厅' in the graph\n"
    assert not (tmp_path / "x.html").exists()


def test_viz_command_refuses_a_malformed_date(store_path, tmp_path):
    result = run("--from", "2025/03/01", "-o", tmp_path / "x.html", "--store", store_path)
    assert result.exit_code == 2
    assert "'2025/03/01' does not match the format '%Y-%m-%d'" in result.stderr


def test_viz_command_needs_a_store(tmp_path):
    result = run("-o", tmp_path / "x.html", "--store", tmp_path / "nothing")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: no store at ")


def test_viz_command_has_help_with_an_example_and_the_real_default():
    help_text = CliRunner().invoke(viz_cmd, ["--help"]).output
    assert "Example:  kg viz -o graph.html" in help_text
    assert f"[default: {viz.NODE_LIMIT}]" in help_text
    assert isinstance(viz_cmd, click.Command)


def test_viz_of_an_empty_graph_says_to_load_first():
    from rdflib import Graph
    with pytest.raises(ViewError, match=r"the graph is empty: load bulletins first"):
        viz.build_view(Graph())

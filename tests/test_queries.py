"""Canned queries (queries/*.rq, *.cypher via kg/canned.py): they parse, bind their parameters, answer the
questions of the issue on the sample bulletins, and give the same rows on the embedded store and on Neo4j."""
import dataclasses
import datetime
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg import canned, loading, model
from kg.errors import QueryError
from kg.neo4j_store import Neo4jStore
from kg.store import OxigraphStore
from neo4j_fixture import neo4j_uri  # noqa: F401  (the fixture, found by name)
from kg.projection import allowed_labels, allowed_rel_types
from stores import SAMPLES, default_graph, load_samples

NAMES = ["activities-between", "department-cooperation", "department-profile", "official-profile",
         "program-timeline", "statistics-series", "visits-by-person", "who-visited"]

# Questions asked of both stores in the differential test; every query has at least one that finds rows.
CASES = [
    ("who-visited", {"dept": "商务厅"}),
    ("who-visited", {"dept": "省药监局"}),
    ("who-visited", {"dept": "公安厅", "from": "2022-08-01", "to": "2022-12-31"}),
    ("who-visited", {"dept": "四川省人民政府"}),
    ("visits-by-person", {"name": "李在伟"}),
    ("department-profile", {"dept": "公安厅"}),
    ("department-profile", {"dept": "省中心"}),
    ("official-profile", {"name": "吕芙蓉"}),
    ("program-timeline", {}),
    ("program-timeline", {"name": "一件事"}),
    ("activities-between", {}),
    ("activities-between", {"from": "2025-03-01", "to": "2025-03-31", "type": "Visit"}),
    ("department-cooperation", {}),
    ("department-cooperation", {"dept": "商务厅"}),
    ("statistics-series", {"metric": "行政许可事项受理"}),
]

# Values that would change a query if they were pasted into its text.
INJECTIONS = [
    '商务厅") } DROP ALL ; #',
    '商务厅" . ?s ?p ?o } #',
    "' OR 1=1 //",
    '"}) MATCH (n) DETACH DELETE n //',
    "商务厅\n} ; CLEAR ALL",
    "$dept",
    "?dept",
]
STRING_PARAMS = [(q, p.name) for q in NAMES for p in canned.get(q).params if p.type == "string"]


@pytest.fixture(scope="module")
def samples_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("samples") / "store"
    load_samples(path)
    with OxigraphStore(path, read_only=True) as store:
        yield store


def rows(store, name, params):
    return canned.run(name, store, params).rows


# --- the files -------------------------------------------------------------------------------------------------

def test_names_are_every_query_file():
    assert canned.names() == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_query_files_exist_in_both_languages_with_one_header(name):
    query = canned.get(name)  # raises when the .rq and .cypher headers differ
    assert set(query.texts) == {"sparql", "cypher"}
    assert query.title and query.description and query.columns


@pytest.mark.parametrize("name", NAMES)
def test_query_sparql_parses_and_projects_its_parameters_then_its_columns(name, samples_store):
    query = canned.get(name)
    bound = query.bind({p.name: "x" if p.type == "string" else "2024-01-01" for p in query.params})
    result = samples_store.query(query.text("sparql"), bound)
    flat = []
    for c in query.columns:
        flat.extend([f"{c.name}_{k}" for k in c.keys] if c.kind == "object" else [c.name])
    params = [p.name for p in query.params if p.name not in flat]
    assert result.columns == params + flat


@pytest.mark.parametrize("name", NAMES)
def test_query_sparql_names_only_ontology_terms(name):
    text = canned.get(name).text("sparql")
    prefixes = dict(re.findall(r"^PREFIX (\w+): <([^>]+)>", text, re.MULTILINE))
    body = re.sub(r"^(PREFIX|#).*$", "", text, flags=re.MULTILINE)
    used = {prefixes[p] + local for p, local in re.findall(r"\b(\w+):(\w+)", body)
            if p in prefixes and p not in ("rdf", "rdfs", "xsd")}
    assert used and used <= {str(t) for t in model.defined_terms()}


@pytest.mark.parametrize("name", NAMES)
def test_query_cypher_names_only_ontology_labels_and_types(name):
    body = re.sub(r"^//.*$", "", canned.get(name).text("cypher"), flags=re.MULTILINE)
    labels = set(re.findall(r"\(\w*:(\w+)", body))
    types = {t for group in re.findall(r"\[\w*:([\w|]+)", body) for t in group.split("|")}
    assert labels and labels <= allowed_labels()
    assert types and types <= allowed_rel_types()


@pytest.mark.parametrize("name", NAMES)
def test_query_runs_on_the_embedded_store(name, samples_store):
    query = canned.get(name)
    required = {p.name: "商务厅" for p in query.params if p.required}
    result = canned.run(query, samples_store, required)
    assert result.columns == [c.name for c in query.columns]


@pytest.mark.parametrize("name", NAMES)
def test_query_finds_rows_in_the_samples(name, samples_store):
    assert any(rows(samples_store, q, p) for q, p in CASES if q == name)


@pytest.mark.parametrize("name, params", CASES, ids=[f"{q}-{i}" for i, (q, _) in enumerate(CASES)])
def test_query_without_lateral_gives_the_same_rows(name, params, samples_store):
    query = canned.get(name)
    plain = dataclasses.replace(query, texts={**query.texts, "sparql": canned.without_lateral(query.text("sparql"))})
    assert canned.run(plain, samples_store, params).rows == rows(samples_store, name, params)


def test_without_lateral_unwraps_one_optional_or_plain_patterns_and_refuses_the_rest():
    text = "SELECT * { ?a ?b ?c LATERAL { OPTIONAL { ?c ?d ?e OPTIONAL { ?e ?f ?g } } } LATERAL { ?c ?h ?i } }"
    assert canned.without_lateral(text) == "SELECT * { ?a ?b ?c OPTIONAL { ?c ?d ?e OPTIONAL { ?e ?f ?g } } ?c ?h ?i }"
    union = '{ VALUES ?k { "x" } } UNION { ?c ?h ?i . BIND ("y" AS ?k) }'
    unwrapped = canned.without_lateral(f"SELECT * {{ ?a ?b ?c LATERAL {{ {union} }} }}")
    assert unwrapped == f"SELECT * {{ ?a ?b ?c {union} }}"
    for body in ["?c ?d ?e OPTIONAL { ?e ?f ?g }", "OPTIONAL { ?c ?d ?e } ?c ?h ?i", "{ SELECT * { ?c ?d ?e } }",
                 "?c ?d ?e FILTER (?e != ?a)", "{ ?c ?d ?e } UNION { ?c ?h ?i BIND (?a AS ?k) }", "{ ?c ?d ?e }",
                 "{ ?c ?d ?e } UNION { ?c ?h ?i FILTER (?i != ?a) }", "{ ?c ?d ?e } ?c ?h ?i"]:
        with pytest.raises(QueryError, match="LATERAL may hold"):
            canned.without_lateral(f"SELECT * {{ ?a ?b ?c LATERAL {{ {body} }} }}")


@pytest.mark.parametrize("header, message", [
    ("# title: T\n# description: D\n# returns: a\n# param x (number): what\n", "bad parameter line"),
    ("# title: T\n# description: D\n", "query header lacks returns"),
    ("# title: T\n# description: D\n# returns: a, b{\n", "bad column"),
], ids=["param-type", "no-returns", "column"])
def test_parse_header_refuses_a_bad_header(header, message):
    with pytest.raises(QueryError, match=message):
        canned.parse_header(header + "SELECT * WHERE {}", "sparql")


def test_parse_header_reads_params_defaults_and_shapes():
    header = canned.parse_header(canned.get("who-visited").text("cypher"), "cypher")
    assert [(p.name, p.type, p.default) for p in header["params"]] == [
        ("dept", "string", None), ("from", "date", datetime.date(1, 1, 1)), ("to", "date", datetime.date(9999, 12, 31))]
    assert [(c.name, c.kind, c.keys) for c in header["returns"]][:4] == [
        ("person", "value", ()), ("titles", "list", ()), ("organization", "value", ()),
        ("date", "object", ("start", "end", "precision"))]


# --- parameters ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("params, message", [
    ({}, r"query who-visited needs --param dept=\.\.\. \(the department, by its name or any alias\)"),
    ({"dept": "商务厅", "since": "2024"}, "query who-visited has no parameter since; it takes: dept, from, to"),
    ({"dept": "商务厅", "from": "2024-13-01"}, r"parameter from: '2024-13-01' is not a date \(YYYY-MM-DD\)"),
], ids=["missing", "unknown", "bad-date"])
def test_bind_refuses_bad_parameters(params, message):
    with pytest.raises(QueryError, match=message):
        canned.get("who-visited").bind(params)


def test_unknown_query_says_how_to_list_them():
    with pytest.raises(QueryError, match="no canned query called 'who-came'; see kg query --list"):
        canned.get("who-came")


@pytest.mark.parametrize("name, param", STRING_PARAMS)
@pytest.mark.parametrize("value", INJECTIONS)
def test_injection_strings_as_parameters_change_nothing(tmp_path_factory, samples_store, name, param, value):
    before = default_graph(samples_store)
    params = {p.name: "商务厅" for p in canned.get(name).params if p.required} | {param: value}
    assert rows(samples_store, name, params) == []
    assert default_graph(samples_store) == before


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=30))
def test_with_values_makes_any_text_one_term(text):
    """The VALUES block that carries the parameters gives back exactly the text, plain and tagged, whatever it holds
    (quotes, backslashes, line breaks, braces, `# parameters`)."""
    import pyoxigraph
    probe = canned.CannedQuery("probe", "probe", "", [canned.Param("dept")], [canned.Column("dept")],
                               {"sparql": "SELECT ?dept ?dept_label WHERE {  # parameters\n}"})
    [row] = pyoxigraph.Store().query(canned.with_values(probe, {"dept": text}))
    assert row["dept"].value == text and row["dept_label"].value == text and row["dept_label"].language == "zh"


@pytest.mark.parametrize("name", canned.names())
def test_query_sparql_marks_a_group_for_its_parameters(name):
    query = canned.get(name)
    assert not query.params or canned.PARAMETERS_MARK in query.text("sparql")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(dept=st.text(max_size=20))
def test_who_visited_any_department_text_gives_rows_or_none(samples_store, dept):
    result = canned.run("who-visited", samples_store, {"dept": dept or "x"})
    assert all(row["person"] for row in result.rows)


# --- the answers of the issue ----------------------------------------------------------------------------------

def test_who_visited_commerce_lists_liang_yong_and_ji_kunwen(samples_store):
    found = [(r["person"], r["titles"], r["date"]) for r in rows(samples_store, "who-visited", {"dept": "商务厅"})]
    assert found == [
        ("梁勇", ["副厅长"], {"start": "2023-03-15", "end": "2023-03-15", "precision": "day"}),
        ("戢焜文", ["二级巡视员"], {"start": "2025-03-01", "end": "2025-03-31", "precision": "month"}),
    ]


@pytest.mark.parametrize("dept", ["商务厅", "省商务厅", "四川省商务厅", "四川商务厅"])
def test_who_visited_takes_any_alias(samples_store, dept):
    assert [r["person"] for r in rows(samples_store, "who-visited", {"dept": dept})] == ["梁勇", "戢焜文"]


def test_who_visited_drug_administration_lists_li_zaiwei_and_chen_yonghong(samples_store):
    assert {r["person"] for r in rows(samples_store, "who-visited", {"dept": "省药监局"})} == {"李在伟", "陈永红"}


def test_who_visited_row_gives_person_titles_organization_date_purpose_report_and_evidence(samples_store):
    row = next(r for r in rows(samples_store, "who-visited", {"dept": "省药监局"}) if r["person"] == "李在伟")
    assert row == {
        "person": "李在伟", "titles": ["党组书记", "局长"], "organization": "四川省药品监督管理局",
        "date": {"start": "2025-03-17", "end": "2025-03-17", "precision": "day"}, "purpose": "调研指导",
        "target": "省政务服务大厅省药监局窗口", "report": "003_198b9b81d058ac9a.txt",
        "evidence": "3月17日,省药监局党组书记、局长李在伟到省政务服务大厅省药监局窗口调研指导工作。",
    }


@pytest.mark.parametrize("dates, persons", [
    ({"from": "2025-03-10", "to": "2025-03-20"}, ["陈永红", "李在伟"]),   # the month of 3月 overlaps
    ({"from": "2025-03-18"}, ["陈永红"]),
    ({"to": "2025-02-28"}, []),
], ids=["overlap", "from", "to"])
def test_who_visited_date_range_keeps_visits_that_overlap_it(samples_store, dates, persons):
    found = rows(samples_store, "who-visited", {"dept": "省药监局", **dates})
    assert [r["person"] for r in found] == persons


def test_who_visited_counts_units_of_the_department(samples_store):
    found = {(r["person"], r["organization"]) for r in rows(samples_store, "who-visited", {"dept": "公安厅"})}
    assert ("吕志元", "四川省公安厅政治部") in found and ("张洪", "四川省公安厅") in found


def test_department_profile_has_aliases_officials_activities_and_programs(samples_store):
    profile = rows(samples_store, "department-profile", {"dept": "商务厅"})
    facets = {(r["facet"], r["value"]): r for r in profile}
    assert {r["department"] for r in profile} == {"四川省商务厅"}
    assert ("alias", "商务厅") in facets
    assert facets[("official", "梁勇")]["detail"] == ["副厅长"]
    assert facets[("activity", "Visit")]["count"] == 2
    assert ("program", "一网通办") in facets


def test_official_profile_lists_titles_over_time(samples_store):
    found = [(r["organization"], r["titles"], r["date"]["start"]) for r in
             rows(samples_store, "official-profile", {"name": "李在伟"})]
    assert found == [("四川省药品监督管理局", ["党组书记", "局长"], "2025-03-17")]


def test_statistics_series_orders_a_metric_by_period(samples_store):
    series = rows(samples_store, "statistics-series", {"metric": "行政许可事项受理"})
    starts = [r["period"]["start"] for r in series]
    assert starts == sorted(starts) and len(series) == 3
    assert all(r["metric"] == "行政许可事项受理" and isinstance(r["value"], float) for r in series)


def test_activities_between_filters_by_type(samples_store):
    found = rows(samples_store, "activities-between", {"from": "2025-03-01", "to": "2025-03-31", "type": "Visit"})
    assert found and {r["activity"] for r in found} == {"Visit"}


def _overlaps(date, start, end):
    """The rule activities-between states: an interval with a start overlaps the period; one with only an end ends in
    it."""
    if date["start"]:
        return date["start"] <= end and (date["end"] or date["start"]) >= start
    return bool(date["end"]) and start <= date["end"] <= end


@pytest.mark.parametrize("start, end", [
    ("2022-05-01", "2022-05-31"),   # inside intervals that began months before and end months after
    ("2023-03-13", "2023-03-13"),   # one day: the end of an interval that has no start (截止3月13日)
    ("2022-12-31", "2023-01-02"),   # across a year
    ("2025-03-20", "2025-04-30"),
    ("1990-01-01", "1990-12-31"),   # nothing
])
def test_activities_between_finds_every_activity_that_overlaps_the_period(samples_store, start, end):
    # The query finds the dates through the months they have days in (kg:inMonth); the answer must be the rows of
    # the whole history that overlap the period, as _overlaps tests them.
    everything = rows(samples_store, "activities-between", {})
    expected = [r for r in everything if _overlaps(r["date"], start, end)]
    assert rows(samples_store, "activities-between", {"from": start, "to": end}) == expected


def test_activities_between_periods_find_rows_in_the_samples(samples_store):
    found = {period: rows(samples_store, "activities-between", {"from": period[0], "to": period[1]})
             for period in [("2022-05-01", "2022-05-31"), ("2023-03-13", "2023-03-13")]}
    assert all(found.values())
    assert any((r["date"]["start"] or "9999") < "2022-05-01" for r in found[("2022-05-01", "2022-05-31")])
    assert any(r["date"]["start"] is None for r in found[("2023-03-13", "2023-03-13")])


# --- the same rows on Neo4j ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def both_stores(neo4j_uri, tmp_path_factory):  # noqa: F811
    path = tmp_path_factory.mktemp("both") / "store"
    with Neo4jStore(uri=neo4j_uri) as neo4j:
        neo4j.clear()
        with OxigraphStore(path) as store:
            summary = loading.load([SAMPLES], store, neo4j=neo4j)
        assert summary.pushed == 5
        with OxigraphStore(path, read_only=True) as store:
            yield store, neo4j


@pytest.mark.neo4j
@pytest.mark.parametrize("name, params", CASES, ids=[f"{q}-{i}" for i, (q, _) in enumerate(CASES)])
def test_canned_query_gives_the_same_rows_on_both_stores(both_stores, name, params):
    store, neo4j = both_stores
    expected = canned.run(name, store, params)
    assert expected.rows
    assert canned.run(name, neo4j, params).rows == expected.rows


@pytest.mark.neo4j
@pytest.mark.parametrize("name", NAMES)
def test_canned_cypher_returns_its_columns(both_stores, name):
    _, neo4j = both_stores
    query = canned.get(name)
    bound = query.bind({p.name: "商务厅" for p in query.params if p.required})
    result = neo4j.query(query.text("cypher"), bound)
    assert result.columns == [c.name for c in query.columns]


@pytest.mark.neo4j
@pytest.mark.parametrize("name, param", STRING_PARAMS)
def test_injection_strings_change_nothing_on_neo4j(both_stores, name, param):
    _, neo4j = both_stores
    count = "MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN count(DISTINCT n) AS nodes, count(r) AS relationships"
    before = neo4j.query(count).rows
    for value in INJECTIONS:
        params = {p.name: "商务厅" for p in canned.get(name).params if p.required} | {param: value}
        assert canned.run(name, neo4j, params).rows == []
    assert neo4j.query(count).rows == before

"""kg/chart.py and `kg chart`: a service figure across the reports as a PNG, running totals turned into periods."""
import datetime
import warnings

import pytest
from click.testing import CliRunner

from kg import chart as charts
from kg.chart import Figure, chart, figures, per_period
from kg.cli import KgGroup
from kg.errors import ViewError
from kg.store import OxigraphStore
from kg.views_cli import chart_cmd
from stores import load_samples

D = datetime.date


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("chart") / "store"
    load_samples(path)
    return path


def run(*args):
    group = KgGroup("kg")
    group.add_command(chart_cmd)
    return CliRunner().invoke(group, ["chart", *map(str, args)])


def row(start, end, value, cumulative=True, scope="综窗", unit="件", report="r.txt"):
    return {"metric": "受理", "scope": scope, "value": value, "unit": unit, "period": {"start": start, "end": end},
            "cumulative": cumulative, "report": report}


# --- running totals -> per-period values ------------------------------------------------------------------------------

YEAR_TO_DATE = [  # 今年以来受理 ... as weekly reports give it, with a new year starting over
    row("2023-01-01", "2023-03-17", 1737),
    row("2023-01-01", "2023-03-24", 1900),
    row("2023-01-01", "2023-03-31", 2150),
    row("2024-01-01", "2024-01-05", 120),
    row("2024-01-01", "2024-01-12", 300),
]


def test_per_period_takes_the_difference_of_consecutive_totals_within_a_year():
    got = [(f.start, f.end, f.value, f.cumulative) for f in per_period(figures(YEAR_TO_DATE))]
    assert got == [
        (D(2023, 3, 18), D(2023, 3, 24), 163.0, False),
        (D(2023, 3, 25), D(2023, 3, 31), 250.0, False),
        (D(2024, 1, 6), D(2024, 1, 12), 180.0, False),
    ]


@pytest.mark.parametrize("table, expected", [
    ([], []),
    ([row("2023-01-01", "2023-03-17", 1737)], []),                                  # nothing to subtract from
    ([row("2023-01-01", "2023-03-17", 192, cumulative=False)], []),                # not a running total
    ([row("2023-01-01", "2023-03-24", 1900), row("2023-01-01", "2023-03-17", 1737)],  # any order in
     [(D(2023, 3, 18), D(2023, 3, 24), 163.0)]),
    ([row("2023-01-01", "2023-12-29", 9000), row("2024-01-01", "2024-01-05", 100)], []),  # no difference across years
    ([row("2023-01-01", "2023-03-17", 10, scope="综窗"), row("2023-01-01", "2023-03-24", 500, scope="部门窗口"),
      row("2023-01-01", "2023-03-24", 25, scope="综窗")],                              # scopes kept apart
     [(D(2023, 3, 18), D(2023, 3, 24), 15.0)]),
    ([row("2023-01-01", "2023-03-17", 10, unit="件"), row("2023-01-01", "2023-03-24", 20, unit="人次")], []),
], ids=["empty", "one-total", "per-period-figure", "unsorted", "new-year", "scopes", "units"])
def test_per_period_table(table, expected):
    assert [(f.start, f.end, f.value) for f in per_period(figures(table))] == expected


def test_figures_keep_one_figure_per_period_the_first_reports():
    table = [row("2023-01-01", "2023-03-17", 1737, report="b.txt"),
             row("2023-01-01", "2023-03-17", 1736, report="a.txt"),
             row("2023-03-13", "2023-03-17", 192, cumulative=False, report="b.txt"),
             row(None, None, 5), {**row("2023-01-01", "2023-03-24", 1), "value": None}]
    assert figures(table) == [
        Figure(end=D(2023, 3, 17), value=192.0, start=D(2023, 3, 13), cumulative=False, scope="综窗", unit="件",
               report="b.txt"),
        Figure(end=D(2023, 3, 17), value=1736.0, start=D(2023, 1, 1), cumulative=True, scope="综窗", unit="件",
               report="a.txt"),
    ]


# --- the PNG ----------------------------------------------------------------------------------------------------------

def assert_png(path, width=1200, height=780):
    import matplotlib.image
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert path.stat().st_size > 20_000
    pixels = matplotlib.image.imread(str(path))
    assert pixels.shape[:2] == (height, width)
    assert len({tuple(p) for p in pixels.reshape(-1, pixels.shape[2])[::7]}) > 20  # lines, text, markers: not blank


@pytest.mark.parametrize("metric", ["受理", "咨询", "行政许可事项受理"])
def test_chart_of_the_samples_is_written(store_path, tmp_path, metric):
    out = tmp_path / "chart.png"
    with OxigraphStore(store_path, read_only=True) as store:
        message = chart(store, metric, out)
    assert message.startswith(f"wrote {out}: {metric}, ")
    assert_png(out)


def test_chart_without_a_cjk_font_uses_ascii_and_draws_no_missing_glyph(store_path, tmp_path):
    out = tmp_path / "ascii.png"
    with OxigraphStore(store_path, read_only=True) as store, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        chart(store, "受理", out, font=None)
    assert not [w for w in caught if "missing from font" in str(w.message)]
    assert_png(out)


def test_chart_finds_a_real_cjk_font_or_none():
    family = charts.cjk_font()
    if family is None:
        pytest.skip(f"no CJK font on this machine (apt-get install {charts.CJK_FONT_PACKAGE}); charts use ASCII")
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font
    path = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
    charmap = FT2Font(path).get_charmap()
    assert all(ord(c) in charmap for c in "受理办结咨询")
    assert "LastResort" not in path


def test_chart_of_one_scope(store_path, tmp_path):
    with OxigraphStore(store_path, read_only=True) as store:
        message = chart(store, "受理", tmp_path / "one.png", scope="综窗")
        with pytest.raises(ViewError) as caught:
            chart(store, "受理", tmp_path / "none.png", scope="没有")
    assert message == f"wrote {tmp_path / 'one.png'}: 受理, 4 figures in 2 series"
    assert str(caught.value) == "no figures of '受理' for scope '没有'; its scopes: 综窗"


def test_chart_of_an_unknown_metric_is_a_view_error(store_path, tmp_path):
    with OxigraphStore(store_path, read_only=True) as store, pytest.raises(ViewError, match="no dated figures"):
        chart(store, "不存在的指标", tmp_path / "x.png")
    assert not (tmp_path / "x.png").exists()


# --- kg chart ---------------------------------------------------------------------------------------------------------

def test_chart_command_writes_the_png(store_path, tmp_path):
    out = tmp_path / "chart.png"
    result = run("--metric", "受理", "-o", out, "--store", store_path)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == f"wrote {out}: 受理, 4 figures in 2 series\n"
    assert_png(out)


def test_chart_command_reports_an_unknown_metric(store_path, tmp_path):
    result = run("--metric", "不存在的指标", "-o", tmp_path / "x.png", "--store", store_path)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: no dated figures of metric '不存在的指标' in the store")


def test_chart_command_needs_a_metric(tmp_path):
    result = run("-o", tmp_path / "x.png")
    assert result.exit_code == 2
    assert "Missing option '--metric'" in result.stderr


def test_chart_command_has_help_with_an_example():
    assert "Example:  kg chart --metric 受理 -o chart.png" in CliRunner().invoke(chart_cmd, ["--help"]).output

"""Charts of the service figures: one metric across the reports, over time, as a PNG (matplotlib, Agg).

    chart(store, "受理", "chart.png")                 # every scope the metric is reported for
    chart(store, "行政许可事项受理", "chart.png", scope="省本级")

The figures are the rows of the canned query `statistics-series` (queries/statistics-series.*), so a chart reads
the embedded store or Neo4j alike. Bulletins give a figure either for their own period (本周受理 192 件) or as a
running total since 1 January (今年以来受理 1737 件, `cumulative`). The chart draws:

- per period: the figures given per period, and beside them the per-period values worked out from the running
  totals (`per_period`: the difference between consecutive totals of the same year);
- year to date: the running totals as given.

Chinese needs a CJK font. The chart uses the first one matplotlib finds (`cjk_font`); on a machine with none it
still draws, with ASCII labels, names written as \\u escapes and a note that says which package to install.
"""
from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass, replace
from pathlib import Path

from kg.errors import ViewError

#: The Debian package that gives matplotlib (and Chromium) the CJK glyphs of the labels.
CJK_FONT_PACKAGE = "fonts-noto-cjk"
#: Font families that are known to cover Chinese, tried first (then any font whose character map has 受理).
CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Serif CJK SC", "Source Han Sans SC",
                "Source Han Sans CN", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Droid Sans Fallback",
                "AR PL UMing CN", "AR PL UKai CN", "Microsoft YaHei", "SimHei", "PingFang SC", "Hiragino Sans GB")
_PROBE = "受理办结"

#: The longest time between two per-period values that one line joins (monthly reports are up to 31 days apart).
GAP = datetime.timedelta(days=62)

_DPI = 120
_SIZE = (10, 6.5)


@dataclass(frozen=True)
class Figure:
    """One figure of a metric as a bulletin gives it: its value for the period start..end."""
    end: datetime.date
    value: float
    start: datetime.date | None = None
    cumulative: bool = False
    scope: str = ""
    unit: str = ""
    report: str = ""

    @property
    def series(self):
        return self.scope, self.unit


def _day(text):
    if isinstance(text, datetime.date):
        return text
    try:
        return datetime.date.fromisoformat(str(text)[:10]) if text else None
    except ValueError:
        return None


def figures(rows) -> list:
    """Rows of `statistics-series` as Figures, by series and date; rows without a period end or a value are left out.

    One figure per series, kind and period end: where reports repeat one, the report file that sorts first counts,
    so the chart is the same whatever order the store answers in.
    """
    found = {}
    for row in rows:
        period = row.get("period") or {}
        end = _day(period.get("end")) or _day(period.get("start"))
        if end is None or row.get("value") is None:
            continue
        figure = Figure(end=end, value=float(row["value"]), start=_day(period.get("start")),
                        cumulative=bool(row.get("cumulative")), scope=row.get("scope") or "",
                        unit=row.get("unit") or "", report=row.get("report") or "")
        key = (figure.series, figure.cumulative, figure.end)
        if key not in found or figure.report < found[key].report:
            found[key] = figure
    return sorted(found.values(), key=lambda f: (f.series, f.cumulative, f.end))


def per_period(totals) -> list:
    """Per-period values from year-to-date running totals: each total minus the one before it in the same year.

    The value of the period from the day after the earlier total to the later one. The first total of a year has
    nothing before it to subtract and gives no value (it covers everything since 1 January, not one period). A
    total's year is the year its period starts (its end's when it has no start); series (scope, unit) are kept
    apart; the result is in the order of the totals, by series and date.
    """
    out = []
    previous = {}
    for f in sorted((f for f in totals if f.cumulative), key=lambda f: (f.series, f.end)):
        year = (f.start or f.end).year
        before = previous.get((f.series, year))
        if before is not None:
            out.append(replace(f, cumulative=False, value=f.value - before.value,
                               start=before.end + datetime.timedelta(days=1)))
        previous[(f.series, year)] = f
    return out


# --- fonts ------------------------------------------------------------------------------------------------------

@functools.cache
def cjk_font() -> str | None:
    """The family name of a font on this machine that has Chinese glyphs, or None."""
    import matplotlib
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font
    fonts = font_manager.fontManager.ttflist
    known = {f.name for f in fonts}
    for family in CJK_FAMILIES:
        if family in known:
            return family
    bundled = Path(matplotlib.get_data_path()).resolve()
    for entry in fonts:
        if Path(entry.fname).resolve().is_relative_to(bundled):
            continue  # matplotlib's own fonts: DejaVu has no CJK, and Last Resort draws every character as a box
        try:
            charmap = FT2Font(entry.fname).get_charmap()
        except (OSError, RuntimeError, ValueError):
            continue
        if all(ord(c) in charmap for c in _PROBE):
            return entry.name
    # A font installed after matplotlib cached its font list (apt-get install fonts-noto-cjk on a used machine)
    # is not in ttflist until the cache is rebuilt: look at the system's font files too.
    listed = {entry.fname for entry in fonts}
    for path in font_manager.findSystemFonts():
        if path in listed:
            continue
        try:
            font = FT2Font(path)
            charmap = font.get_charmap()
        except (OSError, RuntimeError, ValueError):
            continue
        if all(ord(c) in charmap for c in _PROBE):
            font_manager.fontManager.addfont(path)
            return font.family_name
    return None


def _ascii(text) -> str:
    """Text as ASCII for a machine without a CJK font: 受理 -> \\u53d7\\u7406."""
    return str(text).encode("ascii", "backslashreplace").decode("ascii")


# --- the chart --------------------------------------------------------------------------------------------------

def series_rows(store, metric: str) -> list:
    """The rows of the canned query `statistics-series` for `metric`."""
    from kg import canned
    return canned.run("statistics-series", store, {"metric": metric}).rows


def chart(store, metric: str, out, scope: str | None = None, *, font: str | None | bool = True) -> str:
    """Draw `metric` (as extracted: 咨询, 受理, 办结 ...) across the reports to the PNG `out`; say what was drawn.

    `scope` keeps one scope (综窗, 进驻部门（单位）窗口 ...). `font`: True finds a CJK font, None or False draws
    with ASCII labels, a family name uses that font. Raises ViewError when there is nothing to draw.
    """
    rows = series_rows(store, metric)
    found = figures(rows)
    if scope is not None:
        scopes = sorted({f.scope for f in found})
        found = [f for f in found if f.scope == scope]
        if not found and scopes:
            raise ViewError(f"no figures of {metric!r} for scope {scope!r}; its scopes: {'、'.join(scopes)}")
    if not found:
        raise ViewError(f"no dated figures of metric {metric!r} in the store; "
                        f"metrics are named as extracted (kg query statistics-series --param metric=受理)")
    family = cjk_font() if font is True else (font or None)
    draw(found, metric, out, scope=scope, family=family)
    kinds = len({(f.series, f.cumulative) for f in found})
    return f"wrote {out}: {metric}, {len(found)} figures in {kinds} series"


_TEXT = {
    "per_period": ("每期数值", "per period"),
    "ytd": ("今年累计", "year to date"),
    "reported": ("按期报告", "reported"),
    "derived": ("由累计推算", "from year-to-date"),
    "all_scopes": ("全部范围", "all scopes"),
    "no_scope": ("未注明范围", "no scope"),
    "date": ("报告期末", "end of period"),
    "note": (None, f"no CJK font found: names as \\u escapes (apt-get install {CJK_FONT_PACKAGE})"),
}


def draw(found, metric, out, *, scope=None, family=None):
    """The chart of Figures `found` as a PNG at `out` (a path or a binary stream)."""
    import matplotlib
    import matplotlib.dates as mdates
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure as MplFigure

    zh = family is not None

    def say(key):
        return _TEXT[key][0 if zh else 1]

    def name(text):
        return str(text) if zh else _ascii(text)

    given = [f for f in found if not f.cumulative]
    totals = [f for f in found if f.cumulative]
    derived = per_period(totals)
    series = sorted({f.series for f in found})
    rc = {"font.family": [family, "DejaVu Sans"] if zh else ["DejaVu Sans"], "axes.unicode_minus": False}
    with matplotlib.rc_context(rc):
        figure = MplFigure(figsize=_SIZE, dpi=_DPI, layout="constrained")
        FigureCanvasAgg(figure)
        rows = 2 if totals else 1
        axes = figure.subplots(rows, 1, sharex=True, squeeze=False)[:, 0]
        colours = matplotlib.colormaps["tab10"]
        for i, key in enumerate(series):
            colour = colours(i % 10)
            label = name(key[0] or say("no_scope"))
            _line(axes[0], [f for f in given if f.series == key], colour, "-", "o",
                  f"{label}（{say('reported')}）" if zh else f"{label} ({say('reported')})")
            _line(axes[0], [f for f in derived if f.series == key], colour, "--", "s",
                  f"{label}（{say('derived')}）" if zh else f"{label} ({say('derived')})")
            if totals:
                _line(axes[1], [f for f in totals if f.series == key], colour, "-", "^", label, by_year=True)
        units = "、".join(sorted({f.unit for f in found if f.unit}))
        unit_text = f"（{name(units)}）" if zh and units else (f" ({name(units)})" if units else "")
        axes[0].set_ylabel(say("per_period") + unit_text)
        if totals:
            axes[1].set_ylabel(say("ytd") + unit_text)
        axes[-1].set_xlabel(say("date"))
        title = f"{name(metric)}：{name(scope) if scope else say('all_scopes')}" if zh else \
            f"{name(metric)}: {name(scope) if scope else say('all_scopes')}"
        figure.suptitle(title)
        for ax in axes:
            ax.grid(True, alpha=0.3)
            ax.xaxis.set_major_locator(mdates.AutoDateLocator())
            ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
            if ax.get_legend_handles_labels()[0]:
                legend = ax.legend(fontsize=8, loc="best")
                if not zh:
                    legend.set_title(say("note"), prop={"size": 7})
        if not zh and not axes[0].get_legend_handles_labels()[0]:
            axes[0].text(0.01, 0.98, say("note"), transform=axes[0].transAxes, va="top", fontsize=7)
        try:
            figure.savefig(out, format="png")
        except OSError as e:
            raise ViewError(f"cannot write {out}: {e.strerror or e}") from None


def _line(ax, points, colour, style, marker, label, by_year=False):
    """One series on `ax`, its line broken where it would mislead.

    Running totals are drawn one line per year, so no line joins December to January; per-period values get a new
    line after a gap longer than GAP (a line across months without reports would invent the figures between).
    """
    if not points:
        return
    groups = []
    for f in sorted(points, key=lambda f: f.end):
        last = groups[-1][-1] if groups else None
        new = last is None or ((f.start or f.end).year != (last.start or last.end).year if by_year
                               else f.end - last.end > GAP)
        if new:
            groups.append([f])
        else:
            groups[-1].append(f)
    for n, group in enumerate(groups):
        ax.plot([f.end for f in group], [f.value for f in group], linestyle=style, marker=marker, color=colour,
                markersize=4, linewidth=1.4, label=label if n == 0 else None)
    if not by_year:  # a per-period value also shows the days it covers, a week or the weeks between two totals
        spans = [f for f in points if f.start and f.start < f.end]
        ax.hlines([f.value for f in spans], [f.start for f in spans], [f.end for f in spans], colors=[colour],
                  linewidth=3, alpha=0.35)


__all__ = ["CJK_FONT_PACKAGE", "Figure", "figures", "per_period", "cjk_font", "series_rows", "chart", "draw"]

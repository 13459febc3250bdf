"""Charts: one quantity's claims over time, and an overview of where sources disagree most.

Functions return a matplotlib Figure (Jupyter shows it inline) built without pyplot, so no
window or global state is involved; `save_figure` writes png/svg/pdf by the file's suffix.
"""

from __future__ import annotations

import contextlib
import math
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from estimates.report.common import ReportError, claim_date, figure, source_name, text
from estimates.report.intervals import Interval, claim_interval, in_quantity_unit, number
from estimates.report.spread import overview_table

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

LOG_SCALE_SPAN = 100.0
"""Use a log y axis when the largest figure is more than this many times the smallest."""

ARROW_SHARE = 0.07
"""Length of an open-bound arrow, as a share of the y axis (in decades on a log axis)."""

DODGE_SHARE = 0.008
"""Sideways shift between sources on the same day, as a share of the x axis span."""

DODGE_MAX_SHARE = 0.04
"""Most the shifts of all sources together may take of the x axis span."""

MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*", "h", "<", ">", "p")
SAVE_FORMATS = (".png", ".svg", ".pdf")
TIMELINE_SIZE = (9.0, 4.8)
TIMELINE_MARGINS = {"left": 0.09, "right": 0.64, "top": 0.92, "bottom": 0.11}
"""Fixed margins (a layout engine would draw every chart twice): the legend sits at right."""

LEGEND_CHARS = 42
"""Longest legend label that fits the right margin; longer source names are shortened."""


@dataclass(frozen=True)
class Point:
    """One claim ready to draw: date (matplotlib number), source and interval."""

    x: float
    source: str
    interval: Interval


def timeline_points(claims: pd.DataFrame) -> list[Point]:
    """Dated claims with a value, as points in the quantity's unit; undated ones cannot sit on
    a timeline."""
    import matplotlib.dates as mdates
    import pandas as pd

    rows = sorted(map(in_quantity_unit, claims.to_dict("records")), key=claim_date)
    names = {_source_key(r): source_name(r) for r in rows}  # the latest name of each source
    points = []
    for row in rows:
        day = claim_date(row)
        iv = claim_interval(row.get("value"), row.get("low"), row.get("high"), row.get("qualifier"))
        if day and iv is not None:
            x = float(mdates.date2num(pd.Timestamp(day).to_pydatetime()))
            points.append(Point(x, names[_source_key(row)], iv))
    return points


def _source_key(row: Mapping[Any, Any]) -> str:
    """One key per independent source (the reconciler's key when given, else the name)."""
    return text(row.get("source_key")) or source_name(row)


def plot_timeline(
    claims: pd.DataFrame,
    quantity: Mapping[str, Any] | None = None,
    *,
    title: str | None = None,
    ax: Axes | None = None,
) -> Figure:
    """One quantity's claims over time: a colour and marker per source, each claim drawn as
    its interval (open bounds as arrows), the reconciled low..high as a band, best as a line."""
    points = timeline_points(claims)
    if not points:
        raise ReportError("no dated claim with a figure to plot")
    q = dict(quantity) if quantity is not None else {}
    fig, ax = _axes(ax)
    low, high, log = _y_range(points, q)
    if log:
        ax.set_yscale("log")
    ax.set_ylim(low, high)
    _draw_band(ax, q, low, high)
    _draw_claims(ax, points, _arrow(low, high, log))
    _style_timeline(ax, points, q, title)
    return fig


def new_figure(**kwargs: Any) -> Figure:
    """A Figure outside pyplot; in Jupyter, first hook up the inline backend's display so a
    returned Figure shows as a PNG without `%matplotlib inline`."""
    from matplotlib.figure import Figure

    if "ipykernel" in sys.modules:
        with contextlib.suppress(ImportError):
            import matplotlib_inline.backend_inline  # noqa: F401  (registers the display)
    return Figure(**kwargs)


def _axes(ax: Axes | None) -> tuple[Figure, Axes]:
    if ax is not None:
        return ax.get_figure(), ax  # type: ignore[return-value]
    fig = new_figure(figsize=TIMELINE_SIZE)
    fig.subplots_adjust(**TIMELINE_MARGINS)
    return fig, fig.add_subplot()


def _finite(values: list[Any]) -> list[float]:
    out = [number(v) for v in values]
    return [v for v in out if v is not None and math.isfinite(v)]


def _y_range(points: list[Point], q: Mapping[str, Any]) -> tuple[float, float, bool]:
    """Axis limits with room for arrows, and whether the axis is logarithmic."""
    ivs = [p.interval for p in points]
    ys = _finite([v for iv in ivs for v in (iv.low, iv.point, iv.high)])
    ys += _finite([q.get("low"), q.get("best"), q.get("high")])
    lo, hi = min(ys), max(ys)
    log = lo > 0 and hi / lo > LOG_SCALE_SPAN
    if log:
        return lo / 10 ** (2 * ARROW_SHARE), hi * 10 ** (3 * ARROW_SHARE), True
    pad = (hi - lo) or abs(hi) or 1.0
    bottom = 0.0 if lo >= 0 and lo - pad * 3 * ARROW_SHARE < 0 else lo - pad * 3 * ARROW_SHARE
    return bottom, hi + pad * 3 * ARROW_SHARE, False


def _arrow(low: float, high: float, log: bool):
    """y -> (y moved up, y moved down) by one arrow length, in the axis' own scale."""
    if log:
        f = (high / low) ** ARROW_SHARE
        return lambda y: (y * f, y / f)
    d = (high - low) * ARROW_SHARE
    return lambda y: (y + d, y - d)


def _draw_band(ax: Axes, q: Mapping[str, Any], bottom: float, top: float) -> None:
    lo, best, hi = number(q.get("low")), number(q.get("best")), number(q.get("high"))
    policy = text(q.get("policy"))
    if lo is not None or hi is not None:
        a = bottom if lo is None or math.isinf(lo) else lo
        b = top if hi is None or math.isinf(hi) else hi
        ends = f"{figure(lo) or 'open'}–{figure(hi) or 'open'}"
        label = f"range{f' ({policy})' if policy else ''}: {ends}"
        ax.axhspan(a, b, color="0.6", alpha=0.18, lw=0, label=label, zorder=0)
    if best is not None and math.isfinite(best):
        ax.axhline(best, color="0.25", ls="--", lw=1.2, label=f"best: {figure(best)}", zorder=1)


def _draw_claims(ax: Axes, points: list[Point], arrow) -> None:
    """One marker artist per source (its legend entry), plus its intervals and arrows."""
    from matplotlib import colormaps

    sources = list(dict.fromkeys(p.source for p in points))
    colours = colormaps["tab10"].colors  # type: ignore[attr-defined]
    span = max(p.x for p in points) - min(p.x for p in points) or 30.0
    step = span * min(DODGE_SHARE, DODGE_MAX_SHARE / max(len(sources) - 1, 1))
    for i, name in enumerate(sources):
        colour, marker = colours[i % len(colours)], MARKERS[i % len(MARKERS)]
        dx = step * (i - (len(sources) - 1) / 2)
        mine = [p for p in points if p.source == name]
        xs = [p.x + dx for p in mine]
        ax.plot(xs, [p.interval.point for p in mine], ls="none", marker=marker, ms=7,
                color=colour, label=shorten(name), zorder=3)  # fmt: skip
        for x, p in zip(xs, mine, strict=True):
            _draw_interval(ax, x, p.interval, colour, arrow)


def shorten(label: str, limit: int = LEGEND_CHARS) -> str:
    """A legend label cut to `limit` characters, with an ellipsis when cut."""
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _draw_interval(ax: Axes, x: float, iv: Interval, colour: Any, arrow) -> None:
    style = {"arrowstyle": "-|>", "color": colour, "lw": 1.4, "mutation_scale": 12}
    if iv.open_high:
        ax.annotate("", xy=(x, arrow(iv.point)[0]), xytext=(x, iv.point), arrowprops=style)
    elif iv.open_low:
        ax.annotate("", xy=(x, arrow(iv.point)[1]), xytext=(x, iv.point), arrowprops=style)
    elif iv.high > iv.low:
        ax.vlines(x, iv.low, iv.high, color=colour, lw=2.2, alpha=0.8, zorder=2)


def _style_timeline(ax: Axes, points: list[Point], q: Mapping[str, Any], title: str | None):
    import matplotlib.dates as mdates
    from matplotlib.ticker import FuncFormatter, NullFormatter

    locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    xs = [p.x for p in points]
    pad = max((max(xs) - min(xs)) * 0.06, 3.0)
    ax.set_xlim(min(xs) - pad, max(xs) + pad)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: figure(v)))
    ax.yaxis.set_minor_formatter(NullFormatter())
    ax.grid(True, axis="y", alpha=0.3)
    ax.set_ylabel(text(q.get("unit")) or "value")
    ax.set_title(title or text(q.get("label")) or text(q.get("id")) or "claims over time")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small", frameon=False)


def plot_overview(
    table: pd.DataFrame, labels: Mapping[str, str] | None = None, *, top: int = 25
) -> Figure:
    """Each quantity's spread (highest source figure ÷ lowest) as horizontal bars, the largest
    disagreement on top. `table` is a quantities table (label, spread, lowest, highest; e.g.
    `Tracker.quantities()`) or a claims table with a `quantity` column."""
    rows = overview_table(table, labels).head(top)
    fig = new_figure(figsize=(9.0, 1.2 + 0.42 * max(len(rows), 2)), layout="constrained")
    ax = fig.add_subplot()
    if rows.empty:
        ax.text(0.5, 0.5, "no quantity has figures from two sources", ha="center", va="center")
        ax.set_axis_off()
        return fig
    rows = rows.iloc[::-1]
    spreads = [float(x) for x in rows["spread"]]
    bars = ax.barh([text(x) for x in rows["label"]], [r - 1 for r in spreads], left=1,
                   color="tab:red")  # fmt: skip
    ends = [f"×{_times(r)}  ({figure(lo)} – {figure(hi)})" for r, lo, hi in
            zip(spreads, rows["lowest"], rows["highest"], strict=True)]  # fmt: skip
    ax.bar_label(bars, ends, padding=4, fontsize="small")
    widest = max(spreads)
    if widest > 10:
        ax.set_xscale("log")
    ax.set_xlim(1, widest**1.45 if widest > 10 else 1 + (widest - 1) * 1.7 + 0.01)
    ax.set_xlabel("highest source figure ÷ lowest (latest figure per source)")
    ax.set_title("Where sources disagree most")
    return fig


def _times(r: float) -> str:
    """A ratio for a bar label: '1.2', '8.3', '5,500'."""
    return f"{r:.2g}" if r < 10 else figure(round(r))


def save_figure(fig: Figure, path: str | Path) -> Path:
    """Write the figure; the suffix (.png, .svg, .pdf) picks the format."""
    p = Path(path)
    if p.suffix.lower() not in SAVE_FORMATS:
        raise ReportError(f"{p}: chart format must be one of {', '.join(SAVE_FORMATS)}")
    try:
        fig.savefig(p, dpi=150)
    except OSError as e:
        raise ReportError(f"{p}: cannot write: {e.strerror or e}") from None
    return p

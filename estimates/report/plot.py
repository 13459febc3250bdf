"""Charts: one quantity's claims over time, and an overview of where sources disagree most.

Functions return a matplotlib Figure (Jupyter shows it inline) built without pyplot, so no
window or global state is involved; `save_figure` writes png/svg/pdf by the file's suffix.
"""

from __future__ import annotations

import contextlib
import math
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from estimates.errors import ReportError
from estimates.reconcile import model
from estimates.reconcile.model import QuantityReport
from estimates.report.files import write_atomic
from estimates.report.formatting import number, ratio

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

Arrow = Callable[[float], tuple[float, float]]
"""y -> (y moved up, y moved down) by one arrow length, in the axis' own scale."""

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
    """One claim ready to draw: date (matplotlib number), source name and its figure."""

    x: float
    source: str
    figure: model.Figure

    @property
    def y(self) -> float:
        return self.figure.interval.point


def timeline_points(q: QuantityReport) -> list[Point]:
    """The quantity's dated claims as points, in its unit; a month- or year-precision date
    sits at the first day it covers; undated claims cannot sit on a timeline."""
    import matplotlib.dates as mdates

    names = {s.key: s.name for s in q.sources}  # a source's name as its latest figure gives it
    return [
        Point(
            float(mdates.date2num(f.date.first_day)),  # type: ignore[no-untyped-call]
            names.get(f.source_key, f.source),
            f,
        )
        for f in q.figures
        if f.date is not None
    ]


def plot_timeline(q: QuantityReport, *, title: str | None = None, ax: Axes | None = None) -> Figure:
    """One quantity's claims over time: a colour and marker per source, each claim drawn as
    its interval (open bounds as arrows), the reconciled low..high as a band, best as a line."""
    points = timeline_points(q)
    if not points:
        raise ReportError(f"quantity {q.id!r} has no dated claim to plot")
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


def _drawn(f: model.Figure) -> list[float]:
    """The y values a claim's mark reaches: its ends for a range, else its figure."""
    iv = f.interval
    return [iv.low, iv.high] if f.shape == "range" else [iv.point]


def _y_range(points: list[Point], q: QuantityReport) -> tuple[float, float, bool]:
    """Axis limits with room for arrows, and whether the axis is logarithmic."""
    ys = [y for p in points for y in _drawn(p.figure)]
    ys += [v for v in (q.low, q.best, q.high) if v is not None]
    ys = [y for y in ys if math.isfinite(y)]
    lo, hi = min(ys), max(ys)
    log = lo > 0 and hi / lo > LOG_SCALE_SPAN
    if log:
        return lo / 10 ** (2 * ARROW_SHARE), hi * 10 ** (3 * ARROW_SHARE), True
    pad = (hi - lo) or abs(hi) or 1.0
    bottom = 0.0 if lo >= 0 and lo - pad * 3 * ARROW_SHARE < 0 else lo - pad * 3 * ARROW_SHARE
    return bottom, hi + pad * 3 * ARROW_SHARE, False


def _arrow(low: float, high: float, log: bool) -> Arrow:
    """One arrow length up and down from y (see `Arrow`)."""
    if log:
        f = (high / low) ** ARROW_SHARE
        return lambda y: (y * f, y / f)
    d = (high - low) * ARROW_SHARE
    return lambda y: (y + d, y - d)


def _end(v: float | None) -> str:
    return number(v) if v is not None and math.isfinite(v) else "open"


def _draw_band(ax: Axes, q: QuantityReport, bottom: float, top: float) -> None:
    lo, best, hi = q.low, q.best, q.high
    if lo is not None or hi is not None:
        a = bottom if lo is None or math.isinf(lo) else lo
        b = top if hi is None or math.isinf(hi) else hi
        policy = f" ({q.policy})" if q.policy else ""
        ax.axhspan(a, b, color="0.6", alpha=0.18, lw=0, zorder=0,
                   label=f"range{policy}: {_end(lo)}–{_end(hi)}")  # fmt: skip
    if best is not None and math.isfinite(best):
        ax.axhline(best, color="0.25", ls="--", lw=1.2, label=f"best: {number(best)}", zorder=1)


def _draw_claims(ax: Axes, points: list[Point], arrow: Arrow) -> None:
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
        ax.plot(xs, [p.y for p in mine], ls="none", marker=marker, ms=7,
                color=colour, label=shorten(name), zorder=3)  # fmt: skip
        for x, p in zip(xs, mine, strict=True):
            _draw_interval(ax, x, p.figure, colour, arrow)


def shorten(label: str, limit: int = LEGEND_CHARS) -> str:
    """A legend label cut to `limit` characters, with an ellipsis when cut."""
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _draw_interval(ax: Axes, x: float, f: model.Figure, colour: Any, arrow: Arrow) -> None:
    """A floor as an arrow up, a ceiling as an arrow down, a range as a bar; a point as is."""
    iv, shape = f.interval, f.shape
    style = {"arrowstyle": "-|>", "color": colour, "lw": 1.4, "mutation_scale": 12}
    if shape == "floor":
        ax.annotate("", xy=(x, arrow(iv.point)[0]), xytext=(x, iv.point), arrowprops=style)
    elif shape == "ceiling":
        ax.annotate("", xy=(x, arrow(iv.point)[1]), xytext=(x, iv.point), arrowprops=style)
    elif shape == "range" and iv.high > iv.low:
        ax.vlines(x, iv.low, iv.high, color=colour, lw=2.2, alpha=0.8, zorder=2)


def _style_timeline(ax: Axes, points: list[Point], q: QuantityReport, title: str | None) -> None:
    import matplotlib.dates as mdates
    from matplotlib.ticker import FuncFormatter, NullFormatter

    locator = mdates.AutoDateLocator(minticks=3, maxticks=8)  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
    xs = [p.x for p in points]
    pad = max((max(xs) - min(xs)) * 0.06, 3.0)
    ax.set_xlim(min(xs) - pad, max(xs) + pad)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: number(v)))
    ax.yaxis.set_minor_formatter(NullFormatter())
    ax.grid(True, axis="y", alpha=0.3)
    ax.set_ylabel(q.unit or "value")
    ax.set_title(title or q.label or q.id)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small", frameon=False)


def overview_quantities(quantities: Sequence[QuantityReport]) -> list[QuantityReport]:
    """Quantities with a spread (two or more sources), largest spread first."""
    spread = [q for q in quantities if q.spread is not None]
    return sorted(spread, key=lambda q: -(q.spread or 0.0))


def plot_overview(quantities: Sequence[QuantityReport], *, top: int = 25) -> Figure:
    """Each quantity's spread (highest source figure ÷ lowest, of each source's latest figure)
    as horizontal bars, the largest disagreement on top."""
    rows = overview_quantities(quantities)[:top]
    fig = new_figure(figsize=(9.0, 1.2 + 0.42 * max(len(rows), 2)), layout="constrained")
    ax = fig.add_subplot()
    if not rows:
        ax.text(0.5, 0.5, "no quantity has figures from two sources", ha="center", va="center")
        ax.set_axis_off()
        return fig
    rows = rows[::-1]
    spreads = [q.spread or 1.0 for q in rows]
    bars = ax.barh([q.label for q in rows], [r - 1 for r in spreads], left=1, color="tab:red")
    ends = [f"×{ratio(q.spread)}  ({number(q.lowest)} – {number(q.highest)})" for q in rows]
    ax.bar_label(bars, ends, padding=4, fontsize="small")
    widest = max(spreads)
    if widest > 10:
        ax.set_xscale("log")
    ax.set_xlim(1, widest**1.45 if widest > 10 else 1 + (widest - 1) * 1.7 + 0.01)
    ax.set_xlabel("highest source figure ÷ lowest (latest figure per source)")
    ax.set_title("Where sources disagree most")
    return fig


def save_figure(fig: Figure, path: str | Path) -> Path:
    """Write the figure (all or nothing); the suffix (.png, .svg, .pdf) picks the format."""
    p = Path(path)
    if p.suffix.lower() not in SAVE_FORMATS:
        raise ReportError(f"{p}: chart format must be one of {', '.join(SAVE_FORMATS)}")
    return write_atomic(p, lambda tmp: fig.savefig(tmp, dpi=150))

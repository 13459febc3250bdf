"""Charts: one quantity's claims over time, and an overview of where sources disagree most.

Functions return a matplotlib Figure (Jupyter shows it inline) built without pyplot, so no
window or global state is involved; `save_figure` writes png/svg/pdf by the file's suffix.

Each source keeps one colour and marker in every chart and every run (`source_styles`, keyed
by the source's name); a source's figures are joined by a step line, so revisions read off the
chart; a floor or ceiling is an arrow, a range a bar; a unit conversion written beside its
claim ("50 kilometers (30 miles)") is not a second point; a far-off date gets its own panel
instead of squeezing the rest; every chart carries a caption with what is counted, the sources,
how many articles and the date range. Article text is never read as mathtext.
"""

from __future__ import annotations

import contextlib
import math
import sys
import textwrap
import zlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from estimates.errors import ReportError
from estimates.reconcile import model
from estimates.reconcile.model import QuantityReport
from estimates.report.files import write_atomic
from estimates.report.formatting import count, date_text, number, printable, ratio, unit_text

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

Arrow = Callable[[float], tuple[float, float]]
"""y -> (y moved up, y moved down) by one arrow length, in the axis' own scale."""

Style = tuple[Any, str]
"""A source's colour and marker."""

LOG_SCALE_SPAN = 100.0
"""Use a log y axis when the largest figure is more than this many times the smallest."""

ARROW_SHARE = 0.07
"""Length of an open-bound arrow, as a share of the y axis (in decades on a log axis)."""

DODGE_SHARE = 0.008
"""Sideways shift between sources on the same day, as a share of the x axis span."""

DODGE_MAX_SHARE = 0.04
"""Most the shifts of all sources together may take of the x axis span."""

COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
           "#bcbd22", "#17becf")  # fmt: skip
"""Source colours: matplotlib's tab10 without its grey, which the reconciled band uses."""

MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*", "h", "<", ">", "p")
SAVE_FORMATS = (".png", ".svg", ".pdf")

WIDTH = 9.0
"""Chart width in inches: 1,350 px at the saved 150 dpi, a page's width in the HTML report."""

AXES_HEIGHT, TOP, TICKS = 3.2, 0.45, 0.55
"""Inches for the plot area, the title above it and the date labels below it."""

LEGEND_ROW, CAPTION_LINE, FOOT = 0.22, 0.17, 0.12
"""Inches per legend row (under the plot) and per caption line, and the bottom margin."""

LEFT, RIGHT = 0.09, 0.97
"""Plot area sides, as shares of the width."""

LEGEND_CHARS = 40
"""Longest legend label; longer source names are shortened."""

CAPTION_CHARS = 115
"""Caption characters per line at the chart's width (small type)."""

CAPTION_SOURCES = 8
"""Sources named in a caption; more are counted ("and 3 more")."""

BREAK_SHARE = 0.5
"""A gap between claims longer than this share of the whole time span gets an axis break, so
one far-off claim does not squeeze the rest into a sliver."""

BREAK_MIN_DAYS = 60.0
"""Spans shorter than this are never broken."""

PANEL_MIN_SHARE = 0.2
"""Narrowest panel of a broken time axis, as a share of the plot width."""

CONVERSION_TOLERANCE = 0.1
"""A bracketed figure within this share of the claim before it is a conversion of it
("50 kilometers (30 miles)": 48.3 km), not a second figure."""

FIRST_DAY, LAST_DAY = date(1, 1, 2), date(9999, 12, 30)
"""The time axis never reaches past these: matplotlib's dates end at the years 1 and 9999."""


@dataclass(frozen=True)
class Point:
    """One claim ready to draw: date (matplotlib number), source name and its figure."""

    x: float
    source: str
    figure: model.Figure

    @property
    def y(self) -> float:
        return self.figure.interval.point


def chart_text(s: str) -> str:
    """Article text safe in a chart: no control characters, and a '$' that stays a dollar
    sign instead of starting mathtext ('$5$ Daily' crashed the renderer)."""
    return printable(s).replace("$", r"\$")


def legend_text(s: str) -> str:
    """A legend label: chart text, shortened; a leading '_' (which hides a legend entry)
    gets a space before it."""
    s = shorten(chart_text(s))
    return " " + s if s.startswith("_") else s


def shorten(label: str, limit: int = LEGEND_CHARS) -> str:
    """A legend label cut to `limit` characters, with an ellipsis when cut."""
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def source_styles(charts: Iterable[Iterable[str]]) -> dict[str, Style]:
    """A colour and marker per source, for every chart of a report at once (`charts` holds
    each chart's source names), the same in every chart and every run: a name's preferred
    colour and marker come from a checksum of the name; a source that shares a chart with one
    already holding that colour (or marker) takes the next free one, in alphabetical order of
    names, so no two sources of one chart look alike while colours last."""
    neighbours: dict[str, set[str]] = {}
    for chart in charts:
        group = set(chart)
        for name in group:
            neighbours.setdefault(name, set()).update(group)
    styles: dict[str, tuple[int, int]] = {}
    for name in sorted(neighbours, key=str.casefold):
        h = zlib.crc32(name.casefold().strip().encode("utf-8"))
        near = [styles[n] for n in neighbours[name] if n in styles]
        colour = _free(h % len(COLOURS), len(COLOURS), {c for c, _ in near})
        marker = _free((h // len(COLOURS)) % len(MARKERS), len(MARKERS), {m for _, m in near})
        styles[name] = (colour, marker)
    return {n: (COLOURS[c], MARKERS[m]) for n, (c, m) in styles.items()}


def _free(preferred: int, size: int, used: set[int]) -> int:
    """The first index from `preferred` on (wrapping) not in `used`; `preferred` if none is."""
    for k in range(size):
        if (preferred + k) % size not in used:
            return (preferred + k) % size
    return preferred


def source_names(q: QuantityReport) -> dict[str, str]:
    """Independence key -> the name a chart shows: the name its latest figure gives it."""
    return {s.key: s.name for s in q.sources}


def conversions(q: QuantityReport) -> set[str]:
    """Claim ids of figures that only convert the claim written just before them ("50
    kilometers (30 miles)"): the next claim in the same article and sentence, from the same
    source, in brackets right after it, in another unit, within CONVERSION_TOLERANCE of it in
    the quantity's unit. Linear in the claims: each is compared with its neighbour only."""
    out = set()
    by_sentence: dict[tuple[str, str], list[model.Figure]] = {}
    for f in q.figures:
        by_sentence.setdefault((f.claim.doc_id, f.claim.sentence), []).append(f)
    for (_, sentence), figures in by_sentence.items():
        figures.sort(key=lambda f: f.claim.start)
        for first, other in zip(figures, figures[1:], strict=False):
            a, b, c = first.claim, other.claim, other
            near = 0 < b.start - a.end <= MAX_CONVERSION_GAP and a.unit != b.unit
            p, r = first.interval.point, c.interval.point
            close = near and p != 0 and abs(p - r) <= CONVERSION_TOLERANCE * abs(p)
            if close and c.source_key == first.source_key and _bracketed(sentence, a.text, b.text):
                out.add(b.claim_id)
    return out


MAX_CONVERSION_GAP = 3
"""Characters between a claim and its conversion: " (" or " [" with a space or not."""


def _bracketed(sentence: str, first: str, second: str) -> bool:
    """Whether `second` is written in brackets right after `first` in the sentence."""
    return any(f"{first}{gap}{second}" in sentence for gap in (" (", "(", " [", "[", " ( "))


def timeline_points(q: QuantityReport) -> list[Point]:
    """The quantity's dated claims as points, in its unit; a month- or year-precision date
    sits at the first day it covers; undated claims cannot sit on a timeline, and a unit
    conversion of the claim beside it is not a point of its own."""
    import matplotlib.dates as mdates

    names = source_names(q)
    skip = conversions(q)
    return [
        Point(
            float(mdates.date2num(min(max(f.date.first_day, FIRST_DAY), LAST_DAY))),  # type: ignore[no-untyped-call]
            names.get(f.source_key, f.source),
            f,
        )
        for f in q.figures
        if f.date is not None and f.claim.claim_id not in skip and math.isfinite(f.interval.point)
    ]


def plot_timeline(
    q: QuantityReport,
    *,
    title: str | None = None,
    ax: Axes | None = None,
    styles: Mapping[str, Style] | None = None,
) -> Figure:
    """One quantity's claims over time: a colour and marker per source (`styles`, else
    `source_styles`), each source's figures joined by a step line, each claim drawn as its
    interval (open bounds as arrows, ranges as bars), the reconciled low..high as a band and
    best as a dashed line, and a caption under it all."""
    points = timeline_points(q)
    if not points:
        raise ReportError(f"quantity {q.id!r} has no dated claim to plot")
    names = list(dict.fromkeys(p.source for p in points))
    styles = {**source_styles([names]), **(styles or {})}
    legend_entries = len(names) + 2
    caption = timeline_caption(q, names)
    segments = time_segments([p.x for p in points]) if ax is None else [_padded(points)]
    fig, axes = _timeline_axes(ax, segments, legend_entries, caption)
    low, high, log = _y_range(points, q)
    widest = max(b - a for a, b in segments)
    for panel, (a, b) in zip(axes, segments, strict=True):
        if log:
            panel.set_yscale("log")
        panel.set_ylim(low, high)
        _draw_claims(panel, points, names, styles, _arrow(low, high, log), widest)
        _draw_band(panel, q, low, high)  # after the sources, so the legend lists them first
        _style_time_axis(panel, a, b)
    _join_panels(axes)
    axes[0].set_ylabel(chart_text(unit_text(q.unit) or "value"))
    axes[0].yaxis.set_major_formatter(_number_formatter())
    axes[0].set_title(chart_text(title or q.label or q.id), loc="left")
    _legend_and_caption(fig, axes, caption, own=ax is None)
    return fig


def timeline_caption(q: QuantityReport, names: Sequence[str]) -> str:
    """'North Korean troops in Russia, in troops. Sources: South Korea, Ukraine and United
    States. Data: estimates, from 11 articles, 2024-10-18 to 2025-06-15.'"""
    unit = unit_text(q.unit)
    counted = f"{q.label or q.id}, in {unit}" if unit else q.label or q.id
    shown = list(names[:CAPTION_SOURCES])
    more = len(names) - len(shown)
    if more:
        shown.append(f"{more} more")
    listed = shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]
    sources = f"Source: {listed}" if len(names) == 1 else f"Sources: {listed}"
    return f"{counted}. {sources}. {data_line(q.figures)}"


def data_line(figures: Iterable[model.Figure]) -> str:
    """'Data: estimates, from 11 articles, 2024-10-18 to 2025-06-15.'"""
    figures = list(figures)
    articles = len({f.claim.doc_id for f in figures})
    dates = [f.date for f in figures if f.date is not None]
    line = f"Data: estimates, from {count(articles, 'article')}"
    if dates:
        first, last = date_text(min(dates)), date_text(max(dates))
        line += f", {first}" if first == last else f", {first} to {last}"
    return line + "."


def new_figure(**kwargs: Any) -> Figure:
    """A Figure outside pyplot; in Jupyter, first hook up the inline backend's display so a
    returned Figure shows as a PNG without `%matplotlib inline`."""
    from matplotlib.figure import Figure

    if "ipykernel" in sys.modules:
        with contextlib.suppress(ImportError):
            import matplotlib_inline.backend_inline  # noqa: F401  (registers the display)
    return Figure(**kwargs)


def _padded(points: Sequence[Point]) -> tuple[float, float]:
    xs = [p.x for p in points]
    return _pad(min(xs), max(xs))


def _pad(a: float, b: float) -> tuple[float, float]:
    """A time window with room around its claims, inside the dates matplotlib can draw."""
    import matplotlib.dates as mdates

    pad = max((b - a) * 0.06, 3.0)
    lo = float(mdates.date2num(FIRST_DAY))  # type: ignore[no-untyped-call]
    hi = float(mdates.date2num(LAST_DAY))  # type: ignore[no-untyped-call]
    return max(a - pad, lo), min(b + pad, hi)


def time_segments(xs: Sequence[float]) -> list[tuple[float, float]]:
    """The time windows to draw: one around all claims, or two when one gap is most of the
    span (see BREAK_SHARE), each padded."""
    days = sorted(set(xs))
    span = days[-1] - days[0]
    if len(days) < 2 or span < BREAK_MIN_DAYS:
        return [_pad(days[0], days[-1])]
    gap, i = max((days[k + 1] - days[k], k) for k in range(len(days) - 1))
    if gap < BREAK_SHARE * span:
        return [_pad(days[0], days[-1])]
    return [_pad(days[0], days[i]), _pad(days[i + 1], days[-1])]


def _timeline_axes(
    ax: Axes | None, segments: Sequence[tuple[float, float]], entries: int, caption: str
) -> tuple[Figure, list[Axes]]:
    """The figure and one axes per time window, sized so the legend and caption fit under
    the plot."""
    if ax is not None:
        return ax.get_figure(), [ax]  # type: ignore[return-value]
    rows = math.ceil(entries / _legend_columns(entries))
    lines = len(_caption_lines(caption))
    below = TICKS + rows * LEGEND_ROW + lines * CAPTION_LINE + FOOT + 0.1
    height = TOP + AXES_HEIGHT + below
    fig = new_figure(figsize=(WIDTH, height))
    spans = [b - a for a, b in segments]
    shares = [max(s / sum(spans), PANEL_MIN_SHARE) for s in spans]
    grid = fig.add_gridspec(1, len(segments), width_ratios=shares, wspace=0.04,
                            left=LEFT, right=RIGHT, top=1 - TOP / height,
                            bottom=below / height)  # fmt: skip
    first = fig.add_subplot(grid[0, 0])
    axes = [first] + [fig.add_subplot(grid[0, i], sharey=first) for i in range(1, len(segments))]
    return fig, axes


def _legend_columns(entries: int) -> int:
    return 3 if entries > 4 else 2


def _caption_lines(caption: str) -> list[str]:
    return textwrap.wrap(caption, CAPTION_CHARS) or [""]


def _legend_and_caption(fig: Figure, axes: Sequence[Axes], caption: str, own: bool) -> None:
    """The legend under the plot and the caption under the legend; on an axes the caller
    gave, the legend inside it and the caption under it."""
    handles, labels = axes[0].get_legend_handles_labels()
    text = "\n".join(_caption_lines(chart_text(caption)))
    if not own:
        axes[0].legend(handles, labels, fontsize="small", frameon=False)
        axes[0].annotate(text, xy=(0, -0.16), xycoords="axes fraction", va="top",
                         fontsize="x-small", color="0.3")  # fmt: skip
        return
    height = fig.get_figheight()
    lines = len(_caption_lines(caption))
    caption_top = FOOT + lines * CAPTION_LINE
    columns = _legend_columns(len(labels))
    fig.legend(handles, labels, loc="upper left", ncols=columns, fontsize="small",
               frameon=False, bbox_to_anchor=(LEFT - 0.01, (caption_top + 0.1 + math.ceil(
                   len(labels) / columns) * LEGEND_ROW) / height))  # fmt: skip
    fig.text(LEFT, FOOT / height, text, va="bottom", ha="left", fontsize="small", color="0.3")


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
                   label=legend_text(f"range{policy}: {_end(lo)}–{_end(hi)}"))  # fmt: skip
    if best is not None and math.isfinite(best):
        ax.axhline(best, color="0.25", ls="--", lw=1.2, label=f"best: {number(best)}", zorder=1)


def _draw_claims(
    ax: Axes,
    points: list[Point],
    names: Sequence[str],
    styles: Mapping[str, Style],
    arrow: Arrow,
    span: float,
) -> None:
    """One artist per source: its markers joined by a step line (its legend entry); plus its
    intervals and arrows. Sources on the same day are shifted apart a little."""
    step = (span or 30.0) * min(DODGE_SHARE, DODGE_MAX_SHARE / max(len(names) - 1, 1))
    by_source: dict[str, list[Point]] = {}
    for p in sorted(points, key=lambda p: p.x):
        by_source.setdefault(p.source, []).append(p)
    for i, name in enumerate(names):
        colour, marker = styles[name]
        dx = step * (i - (len(names) - 1) / 2)
        mine = by_source[name]
        xs = [p.x + dx for p in mine]
        ax.plot(xs, [p.y for p in mine], ls="-", lw=1.1, drawstyle="steps-post", marker=marker,
                ms=7, color=colour, label=legend_text(name), zorder=3)  # fmt: skip
        for x, p in zip(xs, mine, strict=True):
            _draw_interval(ax, x, p.figure, colour, arrow)


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


def _number_formatter() -> Any:
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda v, _: number(v))


def _style_time_axis(ax: Axes, a: float, b: float) -> None:
    """Concise date ticks (a few per panel), a light grid, the window [a, b]."""
    import matplotlib.dates as mdates
    from matplotlib.ticker import NullFormatter

    narrow = (b - a) < BREAK_MIN_DAYS
    locator = mdates.AutoDateLocator(minticks=2 if narrow else 3, maxticks=4 if narrow else 7)  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
    ax.set_xlim(a, b)
    ax.yaxis.set_minor_formatter(NullFormatter())
    ax.grid(True, axis="y", alpha=0.3)


def _join_panels(axes: Sequence[Axes]) -> None:
    """Panels of a broken time axis: inner spines hidden, a break mark on each side."""
    if len(axes) < 2:
        return
    for left, right in zip(axes, axes[1:], strict=False):
        left.spines["right"].set_visible(False)
        right.spines["left"].set_visible(False)
        right.tick_params(axis="y", which="both", left=False, labelleft=False)
        mark: dict[str, Any] = {"marker": [(-1, -1.5), (1, 1.5)], "markersize": 10,
                                "linestyle": "none", "color": "0.3", "mec": "0.3", "mew": 1,
                                "clip_on": False}  # fmt: skip
        left.plot([1, 1], [0, 1], transform=left.transAxes, **mark)
        right.plot([0, 0], [0, 1], transform=right.transAxes, **mark)


def overview_quantities(quantities: Sequence[QuantityReport]) -> list[QuantityReport]:
    """Quantities with a spread (two or more sources), largest spread first."""
    spread = [q for q in quantities if q.spread is not None]
    return sorted(spread, key=lambda q: -(q.spread or 0.0))


def plot_overview(quantities: Sequence[QuantityReport], *, top: int = 25) -> Figure:
    """Each quantity's spread (highest source figure ÷ lowest, of each source's latest figure)
    as horizontal bars, the largest disagreement on top, with a caption."""
    from matplotlib.layout_engine import ConstrainedLayoutEngine

    rows = overview_quantities(quantities)[:top]
    caption = overview_caption(rows)
    lines = _caption_lines(caption)
    height = 1.2 + 0.42 * max(len(rows), 2) + len(lines) * CAPTION_LINE + FOOT
    fig = new_figure(figsize=(WIDTH, height))
    reserved = (FOOT + len(lines) * CAPTION_LINE + 0.05) / height
    fig.set_layout_engine(ConstrainedLayoutEngine(rect=(0, reserved, 1, 1 - reserved)))
    fig.text(0.01, FOOT / height, "\n".join(chart_text(x) for x in lines), va="bottom",
             ha="left", fontsize="small", color="0.3")  # fmt: skip
    ax = fig.add_subplot()
    if not rows:
        ax.text(0.5, 0.5, "no quantity has figures from two sources", ha="center", va="center")
        ax.set_axis_off()
        return fig
    rows = rows[::-1]
    spreads = [q.spread or 1.0 for q in rows]
    labels = [chart_text(q.label or q.id) for q in rows]
    bars = ax.barh(labels, [r - 1 for r in spreads], left=1, color="tab:red")
    ends = [f"×{ratio(q.spread)}  ({number(q.lowest)} – {number(q.highest)})" for q in rows]
    ax.bar_label(bars, ends, padding=4, fontsize="small")
    widest = max(spreads)
    if widest > 10:
        ax.set_xscale("log")
    ax.set_xlim(1, widest**1.45 if widest > 10 else 1 + (widest - 1) * 1.7 + 0.01)
    ax.set_xlabel("highest source figure ÷ lowest (latest figure per source)")
    ax.set_title("Where sources disagree most")
    return fig


def overview_caption(rows: Sequence[QuantityReport]) -> str:
    """'Spread of 5 quantities with two or more sources. Data: estimates, from 12 articles,
    2019-06-17 to 2025-06-15.'"""
    what = f"Spread of {count(len(rows), 'quantity', 'quantities')} with two or more sources."
    return f"{what} {data_line(f for q in rows for f in q.figures)}"


def save_figure(fig: Figure, path: str | Path) -> Path:
    """Write the figure (all or nothing); the suffix (.png, .svg, .pdf) picks the format. SVG
    keeps its text as text, so a graphics desk can edit the labels."""
    from matplotlib import rc_context

    p = Path(path)
    if p.suffix.lower() not in SAVE_FORMATS:
        raise ReportError(f"{p}: chart format must be one of {', '.join(SAVE_FORMATS)}")

    def write(tmp: Path) -> None:
        with rc_context({"svg.fonttype": "none"}):
            fig.savefig(tmp, dpi=150)

    return write_atomic(p, write)

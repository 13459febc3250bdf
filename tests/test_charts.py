"""Charts a reporter can paste into a story (issue 12) and that survive hostile data (issue 14):
asserted on the matplotlib objects (colours per source, lines and markers, caption text, axis
limits), not on pixels."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import matplotlib.dates as mdates
import pytest
from helpers import claim, quantity

from estimates.dates import When
from estimates.reconcile.model import QuantityReport
from estimates.report.build import charts, html_report, markdown_report
from estimates.report.plot import (
    COLOURS,
    MARKERS,
    plot_overview,
    plot_timeline,
    save_figure,
    source_styles,
)

SAID = "{} said {} troops had crossed the border."


def _claim(source: str, text: str, value: float, day: str, **kw: object):
    return claim(SAID.format(source, text), text, value, source=source, date=day,
                 doc=f"{source[:4].lower()}-{day}", **kw)  # fmt: skip


def _troops(extra: list | None = None, qid: str = "troops") -> QuantityReport:
    claims = [
        _claim("Kyiv", "10,000", 10000, "2024-10-18"),
        _claim("Kyiv", "12,000", 12000, "2024-10-28"),
        _claim("Seoul", "about 11,000", 11000, "2024-10-20", qualifier="approx"),
        _claim("Seoul", "at least 11,500", 11500, "2024-10-30", qualifier="at_least"),
        _claim("Washington", "10,000 to 12,000", 11000, "2024-10-25", qualifier="range",
               low=10000, high=12000),
    ] + (extra or [])  # fmt: skip
    return quantity(claims, qid, "Troops across the border")


def _lines(fig, axes: int = 0) -> dict[str, object]:
    return {ln.get_label(): ln for ln in fig.axes[axes].get_lines() if ln.get_label()[0] != "_"}


def test_each_source_keeps_its_colour_and_marker_in_every_chart_and_run() -> None:
    styles = source_styles([["Kyiv", "Seoul", "Washington"]])
    assert len({c for c, _ in styles.values()}) == 3  # apart within a chart
    assert set(styles) == {"Kyiv", "Seoul", "Washington"}
    other = _troops(qid="troops-2")
    other = replace(other, figures=tuple(f for f in other.figures if f.source != "Seoul"))
    drawn = charts([_troops(), other])
    for name in ("Kyiv", "Washington"):
        colours = {str(_lines(drawn[q])[name].get_color()) for q in ("troops", "troops-2")}
        markers = {_lines(drawn[q])[name].get_marker() for q in ("troops", "troops-2")}
        assert len(colours) == len(markers) == 1, name
    # the same in another process, whatever its hash seed
    code = ("from estimates.report.plot import source_styles;"
            "print(source_styles([['Kyiv', 'Seoul', 'Washington']]))")  # fmt: skip
    env = {"PYTHONHASHSEED": "12345", "PATH": ""}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert out.stdout.strip() == str(styles)
    assert styles["Kyiv"][0] in COLOURS and styles["Kyiv"][1] in MARKERS


def test_a_source_is_a_step_line_and_bounds_and_ranges_have_their_marks() -> None:
    fig = plot_timeline(_troops())
    lines = _lines(fig)
    kyiv = lines["Kyiv"]
    assert kyiv.get_drawstyle() == "steps-post" and kyiv.get_linestyle() == "-"
    assert list(kyiv.get_ydata()) == [10000.0, 12000.0]
    assert kyiv.get_marker() == source_styles([["Kyiv", "Seoul", "Washington"]])["Kyiv"][1]
    ax = fig.axes[0]
    assert len(ax.texts) == 1  # "at least 11,500": one arrow
    assert len(ax.collections) == 1  # "10,000 to 12,000": one bar


def test_a_unit_conversion_is_not_a_second_point() -> None:
    s = "The column stopped 50 kilometers (30 miles) from the city, the army said."
    claims = [
        claim(s, "50 kilometers", 50, unit="kilometer", kind="length", source="the army",
              date="2022-02-01", doc="a"),
        claim(s, "30 miles", 30, unit="mile", kind="length", source="the army",
              date="2022-02-01", doc="a"),
        claim("Rebels said the column was 40 kilometers away.", "40 kilometers", 40,
              unit="kilometer", kind="length", source="Rebels", date="2022-02-02", doc="b"),
    ]  # fmt: skip
    q = quantity(claims, "distance", "Distance to the city", unit="kilometer")
    assert len(q.figures) == 3
    lines = _lines(plot_timeline(q))
    assert list(lines["the army"].get_ydata()) == [50.0]
    assert list(lines["Rebels"].get_ydata()) == [40.0]


def test_the_caption_names_what_is_counted_the_sources_articles_and_dates() -> None:
    fig = plot_timeline(_troops())
    (caption,) = fig.texts
    assert caption.get_text().replace("\n", " ") == (
        "Troops across the border, in troops. Sources: Kyiv, Seoul and Washington. Data: "
        "estimates, from 5 articles, 2024-10-18 to 2024-10-30."
    )
    overview = plot_overview([_troops()])
    assert overview.texts[0].get_text() == (
        "Spread of 1 quantity with two or more sources. Data: estimates, from 5 articles, "
        "2024-10-18 to 2024-10-30."
    )


def test_the_time_axis_zooms_to_the_claims_and_breaks_for_a_far_off_one() -> None:
    fig = plot_timeline(_troops())
    assert len(fig.axes) == 1
    first, last = mdates.date2num(date(2024, 10, 18)), mdates.date2num(date(2024, 10, 30))
    assert fig.axes[0].get_xlim() == (first - 3, last + 3)  # 12 days: 3 days' room each side
    late = _claim("Kyiv", "11,000", 11000, "2025-06-15")
    fig = plot_timeline(_troops([late]))
    assert len(fig.axes) == 2  # the October claims keep their room; June has its own panel
    left, right = fig.axes[0].get_xlim(), fig.axes[1].get_xlim()
    june = mdates.date2num(date(2025, 6, 15))
    assert (left[1] - left[0], right) == (18, (june - 3, june + 3))
    assert fig.axes[0].get_position().width > 2.5 * fig.axes[1].get_position().width
    assert list(_lines(fig, 1)["Kyiv"].get_ydata()) == [10000.0, 12000.0, 11000.0]


def test_svg_keeps_text_as_text(tmp_path: Path) -> None:
    svg = save_figure(plot_timeline(_troops()), tmp_path / "troops.svg").read_text()
    assert "Washington</text>" in svg and "Troops across the border</text>" in svg
    assert "Data: estimates, from 5 articles" in svg


def test_dollars_in_names_are_not_mathtext(tmp_path: Path) -> None:
    """Issue 14: '$...$' in a publisher name crashed the HTML and Markdown reports and plot."""
    money = _claim("Cash $5$ Daily", "9,000", 9000, "2024-10-21", publisher="$x^$ Wire")
    own = claim(
        "Some 9,500 troops crossed.",
        "9,500",
        9500,
        date="2024-10-22",
        doc="own",
        publisher="$\\frac{1}{0}$ Times",
    )
    q = _troops([money, own])
    fig = plot_timeline(q, title="$Troops$")
    labels = [t.get_text() for t in fig.legends[0].get_texts()]
    assert r"Cash \$5\$ Daily" in labels and r"\$\frac{1}{0}\$ Times" in labels
    save_figure(fig, tmp_path / "money.png")
    save_figure(plot_overview([q, replace(q, id="q2", label="$$ spent")]), tmp_path / "o.png")
    assert "Cash $5$ Daily" in html_report([q])
    assert r"Cash \$5\$ Daily" in markdown_report([q], chart_dir=tmp_path / "charts")


@pytest.mark.parametrize("far", ["0001-01-01", "9999-12-31"])
def test_any_date_a_record_can_hold_is_drawn(tmp_path: Path, far: str) -> None:
    """Issue 14: publication dates 0001-01-01 and 9999-12-31 crashed the charts."""
    q = _troops()
    odd = replace(q.figures[0], date=When(far))
    q = replace(q, figures=(odd, *q.figures[1:]))
    fig = plot_timeline(q)
    save_figure(fig, tmp_path / "odd.png")
    assert len(fig.axes) == 2
    assert "data:image/png;base64," in html_report([q])

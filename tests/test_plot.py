"""Charts: one artist per source, intervals and open bounds, log axis, overview order, files;
all drawn from the reconciler's records."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from helpers import claim, quantity

from estimates.claims.model import Claim
from estimates.cli import cli
from estimates.errors import ReportError
from estimates.reconcile.model import QuantityReport
from estimates.report.plot import plot_overview, plot_timeline, save_figure
from estimates.tracker import Tracker

FERRY = "Officials gave {} as the number of ferry passengers missing."


def _ferry(text: str, value: float, source: str | None, date: str, **kw: object) -> Claim:
    return claim(FERRY.format(text), text, value, unit="passenger", source=source, date=date,
                 doc=f"gazette-{date}", publisher="Harbour Gazette", **kw)  # fmt: skip


def _ferries(policy: str = "median-latest") -> QuantityReport:
    claims = [
        _ferry("about 40", 40, "Coast guard", "2023-03-01", qualifier="approx"),
        _ferry("55", 55, "Coast guard", "2023-03-04"),
        _ferry("at least 30", 30, "Port authority", "2023-03-02", qualifier="at_least"),
        _ferry("50 to 70", 60, "Mayor", "2023-03-03", qualifier="range", low=50, high=70),
        _ferry("at most 80", 80, None, "2023-03-05", qualifier="at_most"),
    ]
    return quantity(claims, "ferry", "Ferry passengers missing", policy)


def _spill() -> QuantityReport:
    s = "The {} said {} tonnes of oil were spilled."
    claims = [
        claim(s.format("ministry", "2,000"), "2,000", 2000, unit="tonne", source="Ministry",
              date="2023-05-01", doc="m"),
        claim(s.format("group", "3,000"), "3,000", 3000, unit="tonne", source="Greenpeace",
              date="2023-05-02", doc="g"),
    ]  # fmt: skip
    return quantity(claims, "spill", "Oil spilled")


def _legend(fig) -> list[str]:
    """The legend's labels: under the plot (a figure legend), or inside a caller's axes."""
    legend = fig.legends[0] if fig.legends else fig.axes[0].get_legend()
    return [t.get_text() for t in legend.get_texts()]


def test_each_qualifier_has_its_shape() -> None:
    shapes = {f.claim.text: f.shape for f in _ferries().figures}
    assert shapes == {
        "about 40": "point",
        "55": "point",
        "at least 30": "floor",
        "50 to 70": "range",
        "at most 80": "ceiling",
    }


def test_timeline_has_one_marker_artist_per_source(tmp_path: Path) -> None:
    fig = plot_timeline(_ferries())
    labels = _legend(fig)
    sources = ["Coast guard", "Port authority", "Mayor", "Harbour Gazette"]
    assert [x for x in labels if x in sources] == sources
    assert "best: 57.5" in labels  # median of the latest figures 30, 55, 60 and 80
    assert "range (median-latest): 30–80" in labels
    lines = [ln for ln in fig.axes[0].get_lines() if ln.get_label() in sources]
    assert sorted(ln.get_label() for ln in lines) == sorted(sources)
    coast = next(ln for ln in lines if ln.get_label() == "Coast guard")
    assert list(coast.get_ydata()) == [40.0, 55.0]
    # the two open bounds (at least 30, at most 80) are arrows; the range is a bar
    assert len(fig.axes[0].texts) == 2 and len(fig.axes[0].collections) == 1
    assert fig.axes[0].get_yscale() == "linear"
    out = save_figure(fig, tmp_path / "ferry.png")
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5000


def test_timeline_uses_a_log_axis_for_wide_spans(tmp_path: Path) -> None:
    s = "The {} put the storm's death toll at {}."
    claims = [
        claim(s.format("ministry", "16"), "16", 16, unit="death", source="Ministry",
              date="2018-01-10", doc="a"),
        claim(s.format("observers", "about 4,600"), "about 4,600", 4600, qualifier="approx",
              unit="death", source="Observers", date="2018-06-01", doc="b"),
    ]  # fmt: skip
    fig = plot_timeline(quantity(claims, "deaths", "Storm deaths"), title="Storm deaths")
    assert fig.axes[0].get_yscale() == "log"
    assert fig.axes[0].get_title(loc="left") == "Storm deaths"
    svg = save_figure(fig, tmp_path / "deaths.svg").read_text()
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg


def test_a_month_dated_claim_sits_on_the_first_day_of_its_month() -> None:
    claims = [
        _ferry("about 40", 40, "Coast guard", "2023-03"),
        _ferry("55", 55, "Mayor", "2023-03-20"),
    ]
    fig = plot_timeline(quantity(claims, "ferry", "Ferry passengers missing"))
    coast = next(ln for ln in fig.axes[0].get_lines() if ln.get_label() == "Coast guard")
    mayor = next(ln for ln in fig.axes[0].get_lines() if ln.get_label() == "Mayor")
    (x_month,), (x_day,) = coast.get_xdata(), mayor.get_xdata()
    assert round(x_day - x_month) == 19  # March 1st to March 20th, less the sideways dodge


def test_timeline_without_dates_is_a_clear_error() -> None:
    q = quantity([_ferry("55", 55, "Mayor", "2023-03-20").evolve(claimed_at=None, published=None)])
    with pytest.raises(ReportError, match="no dated claim"):
        plot_timeline(q)


def test_save_refuses_unknown_formats(tmp_path: Path) -> None:
    fig = plot_timeline(_spill())
    with pytest.raises(ReportError, match="chart format"):
        save_figure(fig, tmp_path / "chart.gif")


def test_spread_uses_each_sources_latest_figure() -> None:
    ferry = _ferries()
    # Coast guard's latest is 55 (not 40); lowest is Port authority's 30, highest 80
    assert (ferry.lowest, ferry.highest, len(ferry.sources)) == (30.0, 80.0, 4)
    assert ferry.spread == pytest.approx(80 / 30)
    assert _spill().spread == pytest.approx(1.5)


def test_overview_puts_the_largest_disagreement_on_top() -> None:
    fig = plot_overview([_spill(), _ferries()])
    ax = fig.axes[0]
    ticks = {t.get_text(): y for t, y in zip(ax.get_yticklabels(), ax.get_yticks(), strict=True)}
    assert ticks["Ferry passengers missing"] > ticks["Oil spilled"]
    widths = sorted(round(p.get_width(), 3) for p in ax.patches)
    assert widths == [0.5, round(80 / 30 - 1, 3)]
    labels = [t.get_text() for t in ax.texts]
    assert "×2.7  (30 – 80)" in labels and "×1.5  (2,000 – 3,000)" in labels


def test_overview_with_a_single_source_says_so() -> None:
    q = quantity([_ferry("55", 55, "Mayor", "2023-03-20")])
    fig = plot_overview([q])
    assert "two sources" in fig.axes[0].texts[0].get_text()


# --- the `plot` command on the bundled sample articles ---

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(scope="module")
def ledger(tmp_path_factory) -> str:
    db = str(tmp_path_factory.mktemp("ledger") / "ledger.db")
    result = CliRunner().invoke(cli, ["--db", db, "-q", "add", str(DATA)])
    assert result.exit_code == 0, result.output
    return db


def _busiest(db: str) -> pd.Series:
    """The sample quantity with the most claims (North Korea's troops in Russia)."""
    with Tracker(db) as t:
        return t.quantities().reset_index().sort_values("claims", kind="stable").iloc[-1]


def test_plot_command_writes_a_timeline_of_the_sample_data(ledger, tmp_path) -> None:
    out = tmp_path / "troops.png"
    args = ["--db", ledger, "plot", _busiest(ledger)["quantity"], "-o", str(out)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert out.read_bytes()[:4] == b"\x89PNG" and out.stat().st_size > 10_000


def test_plot_command_overview_as_svg(ledger, tmp_path) -> None:
    out = tmp_path / "spread.svg"
    result = CliRunner().invoke(cli, ["--db", ledger, "plot", "--overview", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Where sources disagree most" in out.read_text()


def test_plot_command_names_ambiguous_quantities(ledger) -> None:
    result = CliRunner().invoke(cli, ["--db", ledger, "plot", "north korean"])
    assert result.exit_code != 0
    assert "quantities match 'north korean'" in str(result.exception)
    assert _busiest(ledger)["quantity"] in str(result.exception)
    usage = CliRunner().invoke(cli, ["--db", ledger, "plot"])
    assert usage.exit_code == 2 and "give a QUANTITY, or --overview" in usage.output


def test_tracker_plot_returns_figures(ledger) -> None:
    with Tracker(ledger) as t:
        busiest = _busiest(ledger)
        timeline = t.plot(busiest["quantity"])
        overview = t.plot()
    sources = set(busiest["source_names"].split("; "))
    labels = set(_legend(timeline))
    assert timeline.axes[0].get_title(loc="left") == busiest["label"]
    assert "North Korean troops" in busiest["label"]
    assert len(labels & sources) >= 3  # a marker per independent source (its latest name)
    assert overview.axes[0].get_title() == "Where sources disagree most"


def test_claims_in_other_units_are_drawn_in_the_quantitys_unit() -> None:
    s = "The column stopped {} from the city."
    claims = [
        claim(s.format("50 kilometers"), "50 kilometers", 50, unit="kilometer", kind="length",
              source="Army", date="2022-02-01", doc="a"),
        claim(s.format("30 miles"), "30 miles", 30, unit="mile", kind="length",
              source="Rebels", date="2022-02-03", doc="b"),
    ]  # fmt: skip
    q = quantity(claims, "distance", "Distance to the city", unit="kilometer")
    rebels = next(f for f in q.figures if f.source == "Rebels")
    assert rebels.factor == pytest.approx(1.609344)
    fig = plot_timeline(q)
    line = next(ln for ln in fig.axes[0].get_lines() if ln.get_label() == "Rebels")
    assert list(line.get_ydata()) == [pytest.approx(48.28032)]
    assert fig.axes[0].get_ylabel() == "kilometers"


def test_an_open_reconciled_range_is_labelled_open() -> None:
    fig = plot_timeline(_ferries("conservative"))  # the lowest latest figure: at least 30
    assert "range (conservative): 30–open" in _legend(fig)

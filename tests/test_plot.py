"""Charts: one artist per source, intervals and open bounds, log axis, overview order, files."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from estimates.cli import cli
from estimates.report.common import ReportError
from estimates.report.intervals import claim_interval
from estimates.report.plot import plot_overview, plot_timeline, save_figure
from estimates.report.spread import spread_table
from estimates.tracker import Tracker


def _claims() -> pd.DataFrame:
    rows = [
        ("ferry", "Coast guard", 40.0, None, None, "approx", "2023-03-01"),
        ("ferry", "Coast guard", 55.0, None, None, "exact", "2023-03-04"),
        ("ferry", "Port authority", 30.0, None, None, "at_least", "2023-03-02"),
        ("ferry", "Mayor", 60.0, 50.0, 70.0, "range", "2023-03-03"),
        ("ferry", None, 80.0, None, None, "at_most", "2023-03-05"),
        ("spill", "Ministry", 2000.0, None, None, "exact", "2023-05-01"),
        ("spill", "Greenpeace", 3000.0, None, None, "exact", "2023-05-02"),
    ]
    cols = ["quantity", "source", "value", "low", "high", "qualifier", "claimed_at"]
    df = pd.DataFrame(rows, columns=cols)
    df["publisher"] = "Harbour Gazette"
    df["unit"] = ["passenger"] * 5 + ["tonne"] * 2
    return df


def _legend(fig) -> list[str]:
    return [t.get_text() for t in fig.axes[0].get_legend().get_texts()]


def test_interval_of_each_qualifier() -> None:
    assert claim_interval(3000, None, None, "at_least").high == math.inf
    assert claim_interval(3000, None, None, "less_than").low == -math.inf
    iv = claim_interval(11500, 11000, 12000, "range")
    assert (iv.low, iv.point, iv.high) == (11000, 11500, 12000)
    assert claim_interval(None, None, None, "exact") is None


def test_timeline_has_one_marker_artist_per_source(tmp_path) -> None:
    ferry = _claims().query("quantity == 'ferry'")
    q = {"label": "Ferry passengers missing", "low": 40, "best": 55, "high": 70, "policy": "median"}
    fig = plot_timeline(ferry, q)
    labels = _legend(fig)
    sources = ["Coast guard", "Port authority", "Mayor", "Harbour Gazette"]
    assert [x for x in labels if x in sources] == sources
    assert "best: 55" in labels
    assert any(x.startswith("range (median): 40–70") for x in labels)
    lines = [ln for ln in fig.axes[0].get_lines() if ln.get_label() in sources]
    assert sorted(ln.get_label() for ln in lines) == sorted(sources)
    coast = next(ln for ln in lines if ln.get_label() == "Coast guard")
    assert list(coast.get_ydata()) == [40.0, 55.0]
    # the two open bounds (at least 30, at most 80) are arrows
    assert len(fig.axes[0].texts) == 2
    assert fig.axes[0].get_yscale() == "linear"
    out = save_figure(fig, tmp_path / "ferry.png")
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5000


def test_timeline_uses_a_log_axis_for_wide_spans(tmp_path) -> None:
    df = pd.DataFrame(
        {
            "source": ["Ministry", "Observers"],
            "value": [16.0, 4600.0],
            "qualifier": ["exact", "approx"],
            "claimed_at": ["2018-01-10", "2018-06-01"],
        }
    )
    fig = plot_timeline(df, title="Storm deaths")
    assert fig.axes[0].get_yscale() == "log"
    assert fig.axes[0].get_title() == "Storm deaths"
    svg = save_figure(fig, tmp_path / "deaths.svg").read_text()
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg


def test_timeline_without_dates_is_a_clear_error() -> None:
    df = pd.DataFrame({"source": ["Ministry"], "value": [5.0], "qualifier": ["exact"]})
    with pytest.raises(ReportError, match="no dated claim"):
        plot_timeline(df)


def test_save_refuses_unknown_formats(tmp_path) -> None:
    fig = plot_timeline(_claims().query("quantity == 'spill'"))
    with pytest.raises(ReportError, match="chart format"):
        save_figure(fig, tmp_path / "chart.gif")


def test_spread_uses_each_sources_latest_figure() -> None:
    table = spread_table(_claims(), {"ferry": "Ferry passengers", "spill": "Oil spilled"})
    assert list(table["quantity"]) == ["ferry", "spill"]
    ferry = table.iloc[0]
    # Coast guard's latest is 55 (not 40); lowest is Port authority's 30, highest 80
    assert (ferry["lowest"], ferry["lowest_source"]) == (30.0, "Port authority")
    assert (ferry["highest"], ferry["highest_source"]) == (80.0, "Harbour Gazette")
    assert ferry["sources"] == 4
    assert ferry["spread"] == pytest.approx(80 / 30)
    assert table.iloc[1]["spread"] == pytest.approx(1.5)


def test_overview_puts_the_largest_disagreement_on_top() -> None:
    fig = plot_overview(_claims(), {"ferry": "Ferry passengers", "spill": "Oil spilled"})
    ax = fig.axes[0]
    ticks = {t.get_text(): y for t, y in zip(ax.get_yticklabels(), ax.get_yticks(), strict=True)}
    assert ticks["Ferry passengers"] > ticks["Oil spilled"]
    widths = sorted(round(p.get_width(), 3) for p in ax.patches)
    assert widths == [0.5, round(80 / 30 - 1, 3)]


def test_overview_with_a_single_source_says_so() -> None:
    fig = plot_overview(_claims().query("source == 'Mayor'"))
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
        return t.quantities().sort_values("claims", kind="stable").iloc[-1]


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
    assert timeline.axes[0].get_title() == busiest["label"]
    assert "North Korean troops" in busiest["label"]
    assert len(labels & sources) >= 3  # a marker per independent source (its latest name)
    assert overview.axes[0].get_title() == "Where sources disagree most"


def test_claims_in_other_units_are_drawn_in_the_quantitys_unit() -> None:
    df = pd.DataFrame(
        {
            "source": ["Army", "Rebels"],
            "value": [50.0, 30.0],
            "unit": ["kilometer", "mile"],
            "qualifier": ["exact", "exact"],
            "date": ["2022-02-01", "2022-02-03"],
            "interval_low": [50.0, 48.28032],  # the reconciler's figures in kilometers
            "interval_high": [50.0, 48.28032],
        }
    )
    fig = plot_timeline(df, {"unit": "kilometer"})
    rebels = next(ln for ln in fig.axes[0].get_lines() if ln.get_label() == "Rebels")
    assert list(rebels.get_ydata()) == [pytest.approx(48.28032)]
    assert fig.axes[0].get_ylabel() == "kilometer"


def test_an_open_reconciled_range_is_labelled_open() -> None:
    ferry = _claims().query("quantity == 'ferry'")
    fig = plot_timeline(ferry, {"low": 30, "best": 30, "high": None, "policy": "conservative"})
    assert "range (conservative): 30–open" in _legend(fig)

"""The pandas API: claims, quantities and timelines as DataFrames, moves, supersession."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from estimates.claims import EXTRACTOR_VERSION
from estimates.errors import EstimatesError
from estimates.tracker import QUANTITY_COLUMNS, TIMELINE_COLUMNS, Tracker

HEADER = "id: {id}\npublisher: {pub}\npublished: {date}\n\n"
EARLY = "About 10,000 North Korean troops are now in Russia, the Pentagon said on Monday."
LATE = "About 12,000 North Korean troops are now in Russia, the Pentagon said on Monday."
BOXES = "North Korea has shipped 1,000 containers of shells to Russia by rail."


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    for name, date, body in (
        ("early", "2024-10-28", f"{EARLY} {BOXES}"),
        ("late", "2024-12-30", LATE),
    ):
        head = HEADER.format(id=name, pub="Test Wire", date=date)
        (docs / f"{name}.txt").write_text(head + body + "\n", encoding="utf-8")
    return docs


def test_claims_frame_has_one_row_per_claim_with_its_quantity(tmp_path: Path, folder: Path) -> None:
    with Tracker(tmp_path / "t.db") as t:
        t.add(folder)
        claims = t.claims()
    assert sorted(claims["value"]) == [1000.0, 10000.0, 12000.0]
    troops = claims[claims["value"] > 5000]
    assert troops["quantity"].nunique() == 1
    assert troops["quantity_label"].iloc[0].startswith("North Korean troops in Russia — ")
    boxes = claims[claims["value"] == 1000.0]
    assert boxes["quantity"].iloc[0] != troops["quantity"].iloc[0]
    assert list(troops["interval_low"]) == [9500.0, 11500.0]
    assert set(claims["extractor_version"]) == {EXTRACTOR_VERSION}


def test_quantities_frame_and_timeline(tmp_path: Path, folder: Path) -> None:
    with Tracker(tmp_path / "t.db") as t:
        t.add(folder)
        quantities = t.quantities()
        assert tuple(quantities.columns) == QUANTITY_COLUMNS
        assert quantities.index.name == "quantity"
        troops = quantities["label"].str.startswith("North Korean troops in Russia — ")
        row = quantities[troops].iloc[0]
        assert (row["claims"], row["first_claimed"], row["last_claimed"]) == (
            2,
            pd.Timestamp("2024-10-28"),
            pd.Timestamp("2024-12-30"),
        )
        assert row["last_claimed_precision"] == "day"
        timeline = t.timeline(row.name)
        assert tuple(timeline.columns) == TIMELINE_COLUMNS
        assert list(timeline["best"]) == [10000.0, 12000.0]
        assert list(timeline["date"].dt.strftime("%Y-%m-%d")) == ["2024-10-28", "2024-12-30"]
        with pytest.raises(EstimatesError, match="no quantity matches 'nope'"):
            t.timeline("nope")


def test_a_later_figure_from_the_same_source_supersedes_the_earlier(
    tmp_path: Path, folder: Path
) -> None:
    with Tracker(tmp_path / "t.db") as t:
        t.add(folder)
        rows = {r["value"]: r for r in t.claims().to_dict("records")}
    assert rows[10000.0]["superseded_by"] == rows[12000.0]["claim_id"]
    assert pd.isna(rows[12000.0]["superseded_by"])


def test_move_puts_a_claim_in_another_quantity(tmp_path: Path, folder: Path) -> None:
    with Tracker(tmp_path / "t.db") as t:
        t.add(folder)
        claims = t.claims()
        target = claims[claims["value"] == 12000.0]["claim_id"].iloc[0]
        assert t.move(target[:8], "nk-troops-december") == target
        moved = t.claims()
    row = moved[moved["claim_id"] == target].iloc[0]
    assert row["quantity"] == "nk-troops-december"
    assert (moved["quantity"] == "nk-troops-december").sum() == 1


def test_policies_change_the_reconciled_figures(tmp_path: Path, folder: Path) -> None:
    with Tracker(tmp_path / "t.db") as t:
        t.add(folder)
        qid = t.quantities().index[0]
        assert qid.startswith("north-korean-troops-in-russia-")
        best = {p: t.quantities(p).iloc[0]["best"] for p in ("median-latest", "conservative")}
    # one source (the Pentagon, or the publisher until attribution): its latest figure, 12,000
    assert best == {"median-latest": 12000.0, "conservative": 12000.0}
    with pytest.raises(EstimatesError, match="unknown policy"):
        Tracker(tmp_path / "t.db", policy="mean")


def test_plot_draws_one_quantity_or_the_overview(tmp_path: Path, folder: Path) -> None:
    with Tracker(tmp_path / "t.db") as t:
        t.add(folder)
        fig = t.plot("troops in Russia")
        overview = t.plot()
    assert len(fig.axes) >= 1 and len(overview.axes) >= 1
    with pytest.raises(EstimatesError, match="no quantity matches"):
        Tracker(tmp_path / "t.db").plot("penguins")


def test_add_reports_each_input_as_it_is_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Crews rescued 31 people and 4 dogs.", encoding="utf-8")
    (tmp_path / "b.json").write_text('{"text": "cut', encoding="utf-8")
    seen: list[tuple[str, int]] = []

    def step(item: object, claims: int) -> None:
        seen.append((type(item).__name__, claims))

    with Tracker(tmp_path / "l.db") as t:
        result = t.add(tmp_path, on_document=step)
    assert sorted(seen) == [("Document", 2), ("DocumentError", 0)]
    assert len(result.errors) == 1

"""Dates in and out: one parser; a date that cannot exist is no date, never a broken ledger
(issue 14: `published: 2024-02-30` made every later command on the ledger crash)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from estimates.cli import cli
from estimates.dates import normalize_date, precision_of, to_date
from estimates.tracker import Tracker


@pytest.mark.parametrize(
    "raw, iso",
    [
        # ISO at every precision, times of day cut off
        ("2024-10-30", "2024-10-30"),
        ("2024-10-30T19:45:00+02:00", "2024-10-30"),
        ("2024-10-30 08:00", "2024-10-30"),
        ("2023-12", "2023-12"),
        ("2015", "2015"),
        # written dates keep the precision they give
        ("October 3, 2024", "2024-10-03"),
        ("Dec 2023", "2023-12"),
        # dates that cannot exist, placeholders and empty values
        ("2024-02-30", None),
        ("2024-13-45", None),
        ("0000-01-01", None),
        ("0001-01-01", None),
        ("9999-12-31", None),
        ("", None),
        (None, None),
        ("soon", None),
    ],
)
def test_normalize_date(raw: str | None, iso: str | None) -> None:
    assert normalize_date(raw) == iso


def test_precision_and_first_day() -> None:
    assert [precision_of(d) for d in ("2024-10-30", "2023-12", "2015", None)] == [
        "day",
        "month",
        "year",
        None,
    ]
    assert str(to_date("2023-12")) == "2023-12-01"
    assert to_date("2024-02-30") is None


def _write(folder: Path, name: str, published: str, body: str) -> Path:
    path = folder / name
    path.write_text(f"published: {published}\n\n{body}\n", encoding="utf-8")
    return path


def test_impossible_publication_date_is_read_as_undated_and_the_ledger_stays_usable(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    good = _write(tmp_path, "good.txt", "2024-02-03", "About 5,000 troops crossed, officials said.")
    bad = _write(tmp_path, "bad.txt", "2024-02-30", "About 3,000 troops crossed, officials said.")
    db = str(tmp_path / "r.db")
    added = CliRunner().invoke(cli, ["--db", db, "add", str(good), str(bad)])
    assert added.exit_code == 0, added.output
    assert "bad.txt: published '2024-02-30' is not a possible date" in caplog.text
    for args in (
        ["report"],
        ["export", "claims"],
        ["plot", "--overview", "-o", str(tmp_path / "c.png")],
    ):
        result = CliRunner().invoke(cli, ["--db", db, *args])
        assert result.exit_code == 0, (args, result.output)
    with Tracker(db) as t:
        claims = t.claims().set_index("doc_id")
    assert claims.loc["good", "published"] == pd.Timestamp("2024-02-03")
    assert pd.isna(claims.loc["bad", "published"]) and claims.loc["bad", "value"] == 3000


def test_a_bad_date_already_stored_does_not_stop_any_command(tmp_path: Path) -> None:
    """A ledger written by an older version may hold impossible dates: every read survives."""
    good = _write(tmp_path, "good.txt", "2024-02-03", "About 5,000 troops crossed, officials said.")
    other = _write(tmp_path, "other.txt", "2024-02-04", "About 6,000 troops crossed, Kyiv said.")
    db = tmp_path / "r.db"
    assert CliRunner().invoke(cli, ["--db", str(db), "add", str(good), str(other)]).exit_code == 0
    with sqlite3.connect(db) as conn:
        conn.execute(
            "UPDATE claims SET published = '2024-02-30', claimed_at = '0000-13-45' "
            "WHERE doc_id = 'other'"
        )
    conn.close()
    for args in (
        ["report"],
        ["report", "--format", "html"],
        ["report", "--format", "markdown"],
        ["export", "claims"],
        ["export", "quantities"],
        ["plot", "--overview", "-o", str(tmp_path / "c.png")],
    ):
        result = CliRunner().invoke(cli, ["--db", str(db), *args])
        assert result.exit_code == 0, (args, result.output)


def test_remove_deletes_a_document_and_its_claims(tmp_path: Path) -> None:
    good = _write(tmp_path, "good.txt", "2024-02-03", "About 5,000 troops crossed, officials said.")
    other = _write(tmp_path, "other.txt", "2024-02-04", "About 6,000 troops crossed, Kyiv said.")
    db = str(tmp_path / "r.db")
    assert CliRunner().invoke(cli, ["--db", db, "add", str(good), str(other)]).exit_code == 0
    result = CliRunner().invoke(cli, ["--db", db, "remove", "other", "missing"])
    assert result.exit_code == 1
    assert "estimates: error: no document 'missing'" in result.stderr
    with Tracker(db) as t:
        assert sorted(t.claims()["doc_id"]) == ["good"]

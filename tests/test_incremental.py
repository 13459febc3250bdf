"""Reports after incremental adds: the ledger keeps what grouping read from each document's
claims and the names of stories, a report works them out again only for documents added or
changed, and its report is the one a full rebuild gives (the sample data added in two
batches, or in one)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

import estimates.ledger.store as store
from estimates.report.plain import report_dict
from estimates.tracker import Tracker

DATA = Path(__file__).resolve().parent.parent / "data"
QUANTITIES = DATA / "quantities.toml"
FILES = sorted(p for p in DATA.iterdir() if p.suffix in (".txt", ".json", ".jsonl"))


def _report_json(t: Tracker) -> str:
    return json.dumps(report_dict(t.report()), sort_keys=True, default=str)


def _kept(db: Path) -> dict[str, tuple[int, str]]:
    """doc id -> (row id, digest) of the kept features: a row written again has a new row id."""
    with sqlite3.connect(db) as conn:
        return {d: (r, h) for d, r, h in conn.execute("SELECT doc_id, rowid, digest FROM features")}


def _names(db: Path) -> dict[str, str]:
    with sqlite3.connect(db) as conn:
        return dict(conn.execute("SELECT digest, name FROM story_names"))


def test_two_batches_report_as_one(tmp_path: Path) -> None:
    with Tracker(tmp_path / "one.db", quantities=QUANTITIES, create=True) as t:
        t.add(FILES)
        whole = _report_json(t)
    assert len(FILES) == 11
    with Tracker(tmp_path / "two.db", quantities=QUANTITIES, create=True) as t:
        t.add(FILES[:5])
        first = json.loads(_report_json(t))
        kept, names = _kept(tmp_path / "two.db"), _names(tmp_path / "two.db")
        t.add(FILES[5:])
        assert _report_json(t) == whole
    assert sorted(names.values()) == sorted(s["name"] for s in first["stories"])
    unchanged = set(names) & set(_names(tmp_path / "two.db"))  # stories the add left alone
    assert sorted(names[d] for d in unchanged) == [
        "Hong Kong march, June 2019",
        "Libya flood, September 2023",
    ]
    assert {d for s in first["stories"] for d in s["documents"]} == set(kept)
    after = _kept(tmp_path / "two.db")
    assert {d: after[d] for d in kept} == kept  # the first batch was not read again
    assert len(after) == len({d for s in json.loads(whole)["stories"] for d in s["documents"]})
    troops = next(q for q in json.loads(whole)["quantities"] if q["id"] == "nk-troops-in-kursk")
    assert troops["label"] == "North Korean troops in Kursk"


def test_a_changed_or_unreadable_entry_is_read_again(tmp_path: Path) -> None:
    db = tmp_path / "ledger.db"
    with Tracker(db, create=True) as t:
        t.add(FILES)
        fresh = _report_json(t)
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE features SET features = 'not json' WHERE rowid = 1")
        conn.execute("UPDATE features SET digest = 'old', features = '{}' WHERE rowid = 2")
    with Tracker(db) as t:
        assert _report_json(t) == fresh
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM features WHERE digest = 'old'").fetchone() == (0,)


def test_removed_documents_take_their_entries(tmp_path: Path) -> None:
    db = tmp_path / "ledger.db"
    with Tracker(db, create=True) as t:
        t.add(FILES)
        t.report()
        t.remove(["derna-2023-09-13-harbor-wire"])
    assert "derna-2023-09-13-harbor-wire" not in _kept(db)
    assert "hk-2019-06-17-pacific-dispatch" in _kept(db)


def test_an_unchanged_story_is_not_named_again(tmp_path: Path) -> None:
    db = tmp_path / "ledger.db"
    with Tracker(db, create=True) as t:
        t.add(FILES)
        t.report()
    with sqlite3.connect(db) as conn:  # what a kept name is read as: the report shows it
        conn.execute("UPDATE story_names SET name = 'Marches' WHERE name LIKE 'Hong Kong%'")
    with Tracker(db) as t:
        names = [s.name for s in t.report().stories]
    assert names == [
        "Libya flood, September 2023",
        "Marches",
        "North Korean deployment, 2024–2025",
    ]


def test_an_older_ledger_read_only_still_reports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "ledger.db"
    with Tracker(db, create=True) as t:
        t.add(FILES)
        fresh = _report_json(t)
    with sqlite3.connect(db) as conn:  # as a ledger written before reports kept anything
        conn.execute("DROP TABLE features")
        conn.execute("DROP TABLE story_names")
    connect = sqlite3.connect
    monkeypatch.setattr(
        store.sqlite3, "connect", lambda p, **k: connect(f"file:{p}?mode=ro", uri=True, **k)
    )
    with Tracker(db) as t:
        assert _report_json(t) == fresh

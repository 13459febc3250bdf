"""The SQLite ledger: idempotent ingest, changed-document replacement, one transaction per
batch, reindexing, manual moves and refusing files that are not ledgers."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from estimates.batch.ingest import ingest, reindex
from estimates.claims import EXTRACTOR_VERSION, extract_claims
from estimates.documents import Document
from estimates.errors import LedgerError
from estimates.ledger import Ledger

ARTICLE = (
    "id: seoul-count\ntitle: Seoul raises its count\npublisher: Test Wire\n"
    "published: 2024-10-30\nurl: https://example.org/a\n\n"
    "The count of troops sent to Russia has risen to 11,000, a South Korean official said. "
    "North Korea also shipped 1,000 containers of shells by rail.\n"
)


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_adding_the_same_document_twice_changes_nothing(tmp_path: Path) -> None:
    src = _write(tmp_path, "a.txt", ARTICLE)
    with Ledger(tmp_path / "l.db") as ledger:
        first = ingest(ledger, [src])
        ids = [c.claim_id for c in ledger.claims()]
        second = ingest(ledger, [src])
        assert first.stored.added == ("seoul-count",)
        assert second.stored.unchanged == ("seoul-count",) and second.stored.claims == 0
        assert [c.claim_id for c in ledger.claims()] == ids
        assert ledger.count("documents") == 1
        assert {c.value for c in ledger.claims()} >= {11000.0, 1000.0}


def test_a_changed_document_replaces_its_own_claims(tmp_path: Path) -> None:
    src = _write(tmp_path, "a.txt", ARTICLE)
    other = _write(tmp_path, "b.txt", ARTICLE.replace("seoul-count", "other-doc"))
    with Ledger(tmp_path / "l.db") as ledger:
        ingest(ledger, [src, other])
        _write(tmp_path, "a.txt", ARTICLE.replace("11,000", "12,000"))
        result = ingest(ledger, [src, other])
        assert result.stored.replaced == ("seoul-count",)
        assert result.stored.unchanged == ("other-doc",)
        mine = {c.value for c in ledger.claims() if c.doc_id == "seoul-count"}
        theirs = {c.value for c in ledger.claims() if c.doc_id == "other-doc"}
        assert 12000.0 in mine and 11000.0 not in mine
        assert 11000.0 in theirs


def test_an_interrupted_batch_stores_nothing(tmp_path: Path) -> None:
    doc = Document(id="d1", text="About 10,000 troops are in Russia.", published="2024-10-30")

    def batch():
        yield doc, extract_claims(doc)
        raise KeyboardInterrupt

    with Ledger(tmp_path / "l.db") as ledger:
        with pytest.raises(KeyboardInterrupt):
            ledger.store(batch(), EXTRACTOR_VERSION)
        assert ledger.count("documents") == 0 and ledger.count("claims") == 0
        ledger.store([(doc, extract_claims(doc))], EXTRACTOR_VERSION)
        assert ledger.count("documents") == 1


def test_bad_files_are_reported_and_the_rest_stored(tmp_path: Path) -> None:
    good = _write(tmp_path, "a.txt", ARTICLE)
    bad = _write(tmp_path, "b.json", "{not json")
    with Ledger(tmp_path / "l.db") as ledger:
        result = ingest(ledger, [good, bad, tmp_path / "missing.txt"])
        assert result.stored.added == ("seoul-count",)
        assert [Path(e.path).name for e in result.errors] == ["b.json", "missing.txt"]


def test_reindex_re_extracts_documents_from_an_older_extractor(tmp_path: Path) -> None:
    src = _write(tmp_path, "a.txt", ARTICLE)
    db = tmp_path / "l.db"
    with Ledger(db) as ledger:
        ingest(ledger, [src])
        n = ledger.count("claims")
        assert reindex(ledger) == 0  # everything is current
        ledger.conn.execute("UPDATE claims SET extractor_version = 'old'")
        assert reindex(ledger) == n
        versions = {r["extractor_version"] for r in ledger.claim_rows()}
        assert versions == {EXTRACTOR_VERSION}
        stored = next(ledger.documents())
        assert stored.publisher == "Test Wire" and stored.published == "2024-10-30"


def test_manual_moves_and_claim_id_prefixes(tmp_path: Path) -> None:
    src = _write(tmp_path, "a.txt", ARTICLE)
    with Ledger(tmp_path / "l.db") as ledger:
        ingest(ledger, [src])
        full = ledger.claims()[0].claim_id
        assert ledger.find_claim(full[:10]) == full
        ledger.assign(full, "my-quantity")
        assert ledger.assignments() == {full: "my-quantity"}
        with pytest.raises(LedgerError, match="no claim with id 'zzz'"):
            ledger.find_claim("zzz")
        with pytest.raises(LedgerError, match="ambiguous"):
            ledger.find_claim("")


def test_files_that_are_not_ledgers_are_refused(tmp_path: Path) -> None:
    text = _write(tmp_path, "notes.db", "hello, this is not a database\n" * 100)
    with pytest.raises(LedgerError, match="not an estimates ledger"):
        Ledger(text)
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE people (name TEXT)")
    with pytest.raises(LedgerError, match="not an estimates ledger"):
        Ledger(other)
    with pytest.raises(LedgerError, match="is a folder"):
        Ledger(tmp_path)
    with pytest.raises(LedgerError, match="no ledger at"):
        Ledger(tmp_path / "none.db", create=False)

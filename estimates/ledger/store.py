"""The SQLite ledger: documents and their claims, stored so nothing is lost or half-written.

One `Ledger` wraps one database file. Writes go through `store()` (one transaction per batch,
WAL journal), so an interrupted run leaves every document either fully stored or untouched.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from estimates.claims.model import Claim
from estimates.documents.model import Document, Owner
from estimates.errors import LedgerError

APPLICATION = "estimates-ledger"
SCHEMA_VERSION = "1"
BUSY_TIMEOUT_S = 30.0
"""How long a writer waits for another process's transaction before giving up."""

F = TypeVar("F", bound=Callable[..., Any])


def _sqlite_errors(method: F) -> F:
    """`method` with any SQLite error raised as one LedgerError line naming the ledger file."""
    if inspect.isgeneratorfunction(method):

        @functools.wraps(method)
        def rows(self: Ledger, *args: Any, **kwargs: Any) -> Iterator[Any]:
            try:
                yield from method(self, *args, **kwargs)
            except sqlite3.Error as e:
                raise ledger_error(self.path, e) from e

        return rows  # type: ignore[return-value]

    @functools.wraps(method)
    def call(self: Ledger, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as e:
            raise ledger_error(self.path, e) from e

    return call  # type: ignore[return-value]


_REASONS = {
    "SQLITE_READONLY": "cannot write to the ledger: the file (or its folder) is read-only",
    "SQLITE_FULL": "cannot write to the ledger: the disk is full",
    "SQLITE_CORRUPT": "the ledger file is damaged; restore it from a copy",
    "SQLITE_NOTADB": "not an estimates ledger",
    "SQLITE_BUSY": "the ledger stayed busy (locked by another process) for {timeout:g} s",
    "SQLITE_CANTOPEN": "cannot open the ledger",
    "SQLITE_IOERR": "cannot read or write the ledger file",
    "SQLITE_PERM": "cannot open the ledger: permission denied",
}
"""What each kind of SQLite failure means for the user (by primary result code)."""


def ledger_error(path: str, e: sqlite3.Error) -> LedgerError:
    """An SQLite error as one line: the ledger file, what it means, and SQLite's own words."""
    code = getattr(e, "sqlite_errorcode", None)
    name = sqlite3_code_name(code & 0xFF) if isinstance(code, int) else None
    reason = _REASONS.get(name or "", "ledger error").format(timeout=BUSY_TIMEOUT_S)
    return LedgerError(f"{path}: {reason} ({e})")


def sqlite3_code_name(primary: int) -> str | None:
    """SQLITE_FULL for 13, ...: the name of a primary result code."""
    for name in _REASONS:
        if getattr(sqlite3, name, None) == primary:
            return name
    return None


CLAIM_COLUMNS = Claim.field_names()
DOC_COLUMNS = ("id", "content_hash", "text", "title", "publisher", "published", "url", "path")


@dataclass(frozen=True)
class StoreResult:
    """What one `store()` batch did, per document: added, replaced (changed text) or unchanged."""

    added: tuple[str, ...] = ()
    replaced: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    claims: int = 0


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class Ledger:
    """A ledger database; use as a context manager or call `close()`."""

    def __init__(self, path: str | Path, create: bool = True) -> None:
        self.path = str(path)
        if not create and not Path(self.path).is_file():
            raise LedgerError(f"no ledger at {self.path}: add documents first (estimates add)")
        if Path(self.path).is_dir():
            raise LedgerError(f"{self.path} is a folder, not a ledger database file")
        try:
            self.conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
            self.conn.row_factory = sqlite3.Row
            self._setup()
        except sqlite3.Error as e:
            raise ledger_error(self.path, e) from None

    def _setup(self) -> None:
        """Create the schema in a new file; refuse files that are some other database."""
        c = self.conn
        tables = {r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if tables and "meta" not in tables:
            raise LedgerError(f"{self.path}: an SQLite file, but not an estimates ledger")
        c.execute("PRAGMA journal_mode=WAL")
        c.execute("PRAGMA foreign_keys=ON")
        c.executescript(resources.files("estimates.ledger").joinpath("schema.sql").read_text())
        with contextlib.suppress(sqlite3.OperationalError):  # a read-only file keeps nothing
            c.executescript(resources.files("estimates.ledger").joinpath("kept.sql").read_text())
        meta = dict(c.execute("SELECT key, value FROM meta").fetchall())
        if meta and meta.get("application") != APPLICATION:
            raise LedgerError(f"{self.path}: an SQLite file, but not an estimates ledger")
        if meta.get("schema", SCHEMA_VERSION) != SCHEMA_VERSION:
            raise LedgerError(f"{self.path}: ledger schema {meta['schema']} is not supported")
        if not meta:
            c.executemany(
                "INSERT INTO meta VALUES (?, ?)",
                [("application", APPLICATION), ("schema", SCHEMA_VERSION)],
            )

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _transaction(self) -> _Transaction:
        return _Transaction(self.conn)

    @_sqlite_errors
    def hashes(self) -> dict[str, str]:
        """doc id -> content hash of every stored document."""
        return dict(self.conn.execute("SELECT id, content_hash FROM documents").fetchall())

    @_sqlite_errors
    def owners(self) -> dict[str, Owner]:
        """doc id -> content hash and path of every stored document (to keep ids unique)."""
        rows = self.conn.execute("SELECT id, content_hash, path FROM documents")
        return {r[0]: Owner(r[1], r[2]) for r in rows}

    @_sqlite_errors
    def store(
        self, batch: Iterable[tuple[Document, list[Claim]]], version: str | Mapping[str, str]
    ) -> StoreResult:
        """Store documents with their claims in one transaction.

        A document already stored with the same content hash is left as is; one with the same
        id and a new hash has its claims replaced (its manual assignments are kept). `version`
        is the extractor version of every claim, or doc id -> version (claims loaded from an
        archive that several extractor versions wrote)."""
        added: list[str] = []
        replaced: list[str] = []
        unchanged: list[str] = []
        n = 0
        with self._transaction():
            known = self.hashes()
            for doc, claims in batch:
                old = known.get(doc.id)
                if old == doc.content_hash:
                    unchanged.append(doc.id)
                    continue
                (replaced if old is not None else added).append(doc.id)
                v = version if isinstance(version, str) else version[doc.id]
                self._write_document(doc, claims, v)
                known[doc.id] = doc.content_hash
                n += len(claims)
        return StoreResult(tuple(added), tuple(replaced), tuple(unchanged), n)

    def _write_document(self, doc: Document, claims: list[Claim], version: str) -> None:
        c = self.conn
        c.execute("DELETE FROM claims WHERE doc_id = ?", (doc.id,))
        c.execute(
            "INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (doc.id, doc.content_hash, *(getattr(doc, k) for k in DOC_COLUMNS[2:]), _now()),
        )
        self.write_claims(claims, version)

    def write_claims(self, claims: Iterable[Claim], version: str) -> None:
        """Insert claims (inside the caller's transaction); a duplicate id replaces the old row."""
        cols = ", ".join(f'"{k}"' for k in (*CLAIM_COLUMNS, "extractor_version"))
        marks = ", ".join("?" for _ in range(len(CLAIM_COLUMNS) + 1))
        self.conn.executemany(
            f"INSERT OR REPLACE INTO claims ({cols}) VALUES ({marks})",
            ((*(getattr(c, k) for k in CLAIM_COLUMNS), version) for c in claims),
        )

    @_sqlite_errors
    def replace_claims(self, batch: Iterable[tuple[str, list[Claim]]], version: str) -> int:
        """Re-extracted claims for stored documents, in one transaction; returns the count."""
        n = 0
        with self._transaction():
            for doc_id, claims in batch:
                self.conn.execute("DELETE FROM claims WHERE doc_id = ?", (doc_id,))
                self.write_claims(claims, version)
                n += len(claims)
        return n

    @_sqlite_errors
    def documents(self, outdated_from: str | None = None) -> Iterator[Document]:
        """Stored documents; with `outdated_from`, only those extracted by another version."""
        sql = "SELECT * FROM documents"
        args: tuple[str, ...] = ()
        if outdated_from is not None:
            sql += (
                " WHERE id IN (SELECT doc_id FROM claims WHERE extractor_version != ?)"
                " OR id NOT IN (SELECT doc_id FROM claims)"
            )
            args = (outdated_from,)
        for r in self.conn.execute(sql + " ORDER BY id", args):
            yield Document(**{k: r[k] for k in ("id", "text", "title", "publisher")}, **_meta(r))

    @_sqlite_errors
    def remove(self, doc_ids: Iterable[str]) -> list[str]:
        """Delete documents with their claims and moves; returns the ids that were stored."""
        removed = []
        with self._transaction():
            for doc_id in doc_ids:
                self.conn.execute(
                    "DELETE FROM assignments WHERE claim_id IN "
                    "(SELECT claim_id FROM claims WHERE doc_id = ?)",
                    (doc_id,),
                )
                self.conn.execute("DELETE FROM claims WHERE doc_id = ?", (doc_id,))
                if self.conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,)).rowcount:
                    removed.append(doc_id)
        return removed

    @_sqlite_errors
    def texts(self) -> dict[str, str]:
        """doc id -> article body of every stored document."""
        return dict(self.conn.execute("SELECT id, text FROM documents").fetchall())

    @_sqlite_errors
    def claims(self) -> list[Claim]:
        """Every stored claim, superseded ones included, in document and text order."""
        cur = self.conn.cursor()
        cur.row_factory = None  # plain tuples in Claim field order: the fast path for big ledgers
        rows = cur.execute(f"SELECT {_claim_select()} FROM claims ORDER BY doc_id, start")
        return [Claim(*r) for r in rows]

    @_sqlite_errors
    def versions(self) -> dict[str, str]:
        """claim id -> extractor version of every stored claim."""
        return dict(self.conn.execute("SELECT claim_id, extractor_version FROM claims"))

    @_sqlite_errors
    def kept_features(self) -> dict[str, tuple[str, str]]:
        """doc id -> (digest, features as JSON) that grouping kept (see schema.sql)."""
        rows = self.conn.execute("SELECT doc_id, digest, features FROM features")
        return {r[0]: (r[1], r[2]) for r in rows}

    @_sqlite_errors
    def keep_features(self, rows: Iterable[tuple[str, str, str]]) -> None:
        """Keep (doc id, digest, features as JSON) rows in one transaction, replacing a
        document's older entry; entries of documents no longer stored go."""
        with self._transaction():
            self.conn.executemany(
                "INSERT OR REPLACE INTO features SELECT ?1, ?2, ?3 WHERE EXISTS "
                "(SELECT 1 FROM documents WHERE id = ?1)",
                rows,
            )
            self.conn.execute("DELETE FROM features WHERE doc_id NOT IN (SELECT id FROM documents)")

    @_sqlite_errors
    def kept_names(self) -> dict[str, str]:
        """digest -> story name kept by the last report (see schema.sql)."""
        return dict(self.conn.execute("SELECT digest, name FROM story_names"))

    @_sqlite_errors
    def keep_names(self, names: Mapping[str, str]) -> None:
        """Keep these story names (digest -> name) in place of those kept before."""
        with self._transaction():
            self.conn.execute("DELETE FROM story_names")
            self.conn.executemany("INSERT INTO story_names VALUES (?, ?)", names.items())

    @_sqlite_errors
    def claim_rows(self) -> list[dict[str, Any]]:
        """Every stored claim as a dict, with `extractor_version`."""
        cols = f"{_claim_select()}, extractor_version"
        rows = self.conn.execute(f"SELECT {cols} FROM claims ORDER BY doc_id, start")
        return [dict(r) for r in rows]

    @_sqlite_errors
    def count(self, table: str) -> int:
        """Rows in one of the ledger's tables."""
        if table not in ("documents", "claims", "assignments"):
            raise ValueError(table)
        return int(self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    @_sqlite_errors
    def find_claim(self, prefix: str) -> str:
        """The full id of the one claim whose id starts with `prefix`."""
        ids = [
            r[0]
            for r in self.conn.execute(
                "SELECT claim_id FROM claims WHERE claim_id >= ? AND claim_id < ? LIMIT 2",
                (prefix, prefix + "\U0010ffff"),
            )
        ]
        if not ids:
            raise LedgerError(f"no claim with id {prefix!r} in {self.path}")
        if len(ids) > 1:
            raise LedgerError(f"claim id {prefix!r} is ambiguous: give more characters")
        return ids[0]

    @_sqlite_errors
    def assign(self, claim_id: str, quantity: str) -> None:
        """Pin a claim to a quantity (a manual move); it overrides automatic grouping."""
        with self._transaction():
            self.conn.execute(
                "INSERT OR REPLACE INTO assignments VALUES (?, ?, ?)", (claim_id, quantity, _now())
            )

    @_sqlite_errors
    def assignments(self) -> dict[str, str]:
        """claim id -> quantity id of every manual move."""
        return dict(self.conn.execute("SELECT claim_id, quantity FROM assignments").fetchall())


def _meta(r: sqlite3.Row) -> dict[str, Any]:
    return {k: r[k] for k in ("published", "url", "path")}


def _claim_select() -> str:
    return ", ".join(f'"{k}"' for k in CLAIM_COLUMNS)


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any error (including KeyboardInterrupt).
    SQLite errors are left to the Ledger method that opened it, which names the file."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")  # waits up to BUSY_TIMEOUT_S for another writer

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if exc_type is None:
            try:
                self.conn.execute("COMMIT")
                return
            except sqlite3.Error:
                self._rollback()
                raise
        self._rollback()

    def _rollback(self) -> None:
        """Undo the batch; SQLite may have undone it already (a full disk does)."""
        if self.conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):  # the error that got us here says it all
                self.conn.execute("ROLLBACK")

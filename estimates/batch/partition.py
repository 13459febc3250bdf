"""The partition function: a pandas DataFrame of documents in, a DataFrame of claims out.

Pure (no I/O, no global state beyond the lexicon it is given), so any engine that maps a
function over pandas batches can run it: Dask `map_partitions`, Ray `map_batches`, Spark
`mapInPandas`, or a plain loop. `Tracker.add`, `reindex`, `estimates extract` and the archive
job all extract through its one loop, `extract_rows`, so their claims cannot drift.

Each row is read exactly as the readers read one object of a JSON file (the same defaults,
date checks and errors), then `extract_claims` runs on it. The frame's rows come from
estimates.report.frames (the codebook's columns and dtypes, plus `extractor_version`); the
ledger and `estimates extract` keep the same claims as the extractor's records (`extract_each`).
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from estimates.claims import EXTRACTOR_VERSION, Claim, extract_claims
from estimates.documents import Document, ReadOptions
from estimates.documents.readers import parse_bytes
from estimates.errors import DocumentError
from estimates.lexicon import Lexicon, load_lexicon

if TYPE_CHECKING:
    import pandas as pd

log = logging.getLogger(__name__)

DOCUMENT_COLUMNS = ("id", "text", "published", "publisher", "title", "url")
"""Columns of a documents frame; missing ones are empty. Optional too: `html` (a page whose
main text is taken when `text` is empty) and `path` (where the row came from, for errors)."""

MANIFEST_COLUMNS = (
    "id", "content_hash", "text", "title", "publisher", "published", "url", "path", "claims",
    "extractor_version",
)  # fmt: skip
"""Columns of `Extraction.documents`: each document extracted, with how many claims it gave."""

ERROR_COLUMNS = ("doc_id", "where", "reason")
"""Columns of `Extraction.errors`: one row per document that gave no claims because it is bad."""

CHUNK = 64
"""Documents `extract_each` hands `extract_rows` at a time: enough that building the frame
costs nothing next to extraction, few enough that output streams and memory stays flat."""

_ROW_OPTIONS = ReadOptions()
"""A row is decoded from our own UTF-8 JSON: the user's encoding settings have no say."""


@dataclass(frozen=True)
class Extraction:
    """What one partition gave: its documents (MANIFEST_COLUMNS), their claims (the codebook's
    claim columns and `extractor_version`) and its bad documents (ERROR_COLUMNS)."""

    documents: pd.DataFrame
    claims: pd.DataFrame
    errors: pd.DataFrame


def extract_partition(docs: pd.DataFrame, lexicon: Lexicon | None = None) -> pd.DataFrame:
    """The claims of a documents frame: one row per claim, the codebook's columns and dtypes.
    Bad documents give no rows (`extract_documents` lists them). For engines that map one
    DataFrame to one DataFrame (Dask `map_partitions`, Ray `map_batches`, Spark
    `mapInPandas`)."""
    return extract_documents(docs, lexicon).claims


def extract_documents(docs: pd.DataFrame, lexicon: Lexicon | None = None) -> Extraction:
    """Every row read as a document and its claims extracted; a bad row (no id, no text, an
    extractor failure) is one error row and never stops the others."""
    rows = extract_rows(docs, lexicon)
    return Extraction(
        manifest_frame(rows.documents, [len(c) for c in rows.claims]),
        claims_frame(c for found in rows.claims for c in found),
        _frame(rows.errors, ERROR_COLUMNS),
    )


@dataclass(frozen=True)
class Rows:
    """`extract_rows` as records: the documents read, each one's claims (as the extractor
    gave them), and the errors (ERROR_COLUMNS)."""

    documents: list[Document]
    claims: list[list[Claim]]
    errors: list[tuple[str, str, str]]


def extract_rows(docs: pd.DataFrame, lexicon: Lexicon | None = None) -> Rows:
    """The one loop every path extracts through: each row read as the readers read a JSON
    object, then `extract_claims`; a failure is an error for that row only."""
    lex = lexicon or load_lexicon()
    out = Rows([], [], [])
    for row_id, item in documents_of(docs):
        if isinstance(item, DocumentError):
            out.errors.append((row_id, item.path, item.reason))
            continue
        try:
            found = extract_claims(item, lex)
        except Exception as e:  # one document's failure must not lose the partition
            log.debug("extraction failed on %s", item.id, exc_info=True)
            reason = f"extraction failed: {type(e).__name__}: {e}"
            out.errors.append((item.id, item.path or item.id, reason))
            continue
        out.documents.append(item)
        out.claims.append(found)
    return out


def extract_each(
    docs: Iterable[Document], lexicon: Lexicon | None = None, chunk: int = CHUNK
) -> Iterator[tuple[Document | DocumentError, list[Claim]]]:
    """Each document with its claims, or the error that stopped its extraction, in input
    order, `chunk` documents at a time through `extract_rows` (for the ledger and `estimates
    extract`, which keep the extractor's records as they are; the frame's rows are the same
    claims in the codebook's cells). A second document with an id already pending starts a
    new chunk, so each version keeps its own claims."""
    lex = lexicon or load_lexicon()
    pending: list[Document] = []
    for doc in docs:
        if len(pending) >= chunk or any(d.id == doc.id for d in pending):
            yield from _records(pending, lex)
            pending = []
        pending.append(doc)
    yield from _records(pending, lex)


def _records(
    docs: list[Document], lexicon: Lexicon
) -> Iterator[tuple[Document | DocumentError, list[Claim]]]:
    if not docs:
        return
    rows = extract_rows(documents_frame(docs), lexicon)
    done = {d.id: (d, c) for d, c in zip(rows.documents, rows.claims, strict=True)}
    failed = {doc_id: reason for doc_id, _, reason in rows.errors}
    for doc in docs:
        if doc.id in failed:
            yield DocumentError(doc.path or doc.id, failed[doc.id]), []
        else:
            yield done[doc.id]


def claims_frame(claims: Iterable[Claim], version: str = EXTRACTOR_VERSION) -> pd.DataFrame:
    """Claims as rows of the codebook's claim columns, with the extractor version."""
    from estimates.report.frames import bare_claims_frame

    return bare_claims_frame(claims, version)


def documents_frame(docs: Iterable[Document]) -> pd.DataFrame:
    """Documents as a documents frame (DOCUMENT_COLUMNS and `path`): what the readers give
    becomes the partition function's input."""
    rows = [(d.id, d.text, d.published, d.publisher, d.title, d.url, d.path) for d in docs]
    return _frame(rows, (*DOCUMENT_COLUMNS, "path"))


def manifest_frame(docs: Iterable[Document], counts: Iterable[int]) -> pd.DataFrame:
    """Extracted documents (MANIFEST_COLUMNS): metadata, text, content hash and claim count."""
    rows = [
        (
            d.id,
            d.content_hash,
            d.text,
            d.title,
            d.publisher,
            d.published,
            d.url,
            d.path,
            n,
            EXTRACTOR_VERSION,
        )  # fmt: skip
        for d, n in zip(docs, counts, strict=True)
    ]
    frame = _frame(rows, MANIFEST_COLUMNS)
    frame["claims"] = frame["claims"].astype("Int64")
    return frame


def documents_of(docs: pd.DataFrame) -> Iterable[tuple[str, Document | DocumentError]]:
    """Each row of a documents frame as its id and a Document, or the error that says what
    is wrong with it."""
    columns = [c for c in (*DOCUMENT_COLUMNS, "html", "path") if c in docs.columns]
    for values in zip(*(docs[c].tolist() for c in columns), strict=True):
        row = dict(zip(columns, values, strict=True))
        yield str(_cell(row.get("id")) or ""), document_from_row(row)


def document_from_row(row: Mapping[str, Any]) -> Document | DocumentError:
    """One row (a mapping) as a Document: read like one object of a JSON file, so the defaults,
    date checks and errors are the readers' own. A row needs an `id`."""
    cells = {k: _cell(v) for k, v in row.items()}
    where = str(cells.get("path") or cells.get("id") or "<row>")
    if cells.get("id") in (None, ""):
        return DocumentError(where, "no 'id' (each row needs one)")
    raw = json.dumps(cells, ensure_ascii=False).encode("utf-8")
    items = list(parse_bytes(raw, where, str(cells["id"]), "json", _ROW_OPTIONS))
    return items[0]


def documents_from_manifest(frame: pd.DataFrame) -> list[Document]:
    """The Documents a manifest frame (MANIFEST_COLUMNS) lists, as extracted."""
    fields = ("id", "text", "title", "publisher", "published", "url", "path")
    columns = [frame[f].tolist() if f in frame.columns else [None] * len(frame) for f in fields]
    return [
        Document(**{f: _cell(v) for f, v in zip(fields, values, strict=True)})
        for values in zip(*columns, strict=True)
    ]


def _cell(v: object) -> Any:
    """A frame cell as a JSON value: NaN and NA are None, dates ISO, numpy scalars plain."""
    if v is None or (isinstance(v, float) and math.isnan(v)) or type(v).__name__ == "NAType":
        return None
    if isinstance(v, datetime | date):  # pandas Timestamps too
        return v.isoformat()
    if isinstance(v, str | int | float | bool):
        return v
    if hasattr(v, "item"):  # numpy scalar
        return v.item()
    return str(v)


def _frame(rows: list[tuple[Any, ...]], columns: tuple[str, ...]) -> pd.DataFrame:
    """Rows as a frame of object columns (None for empty cells), so empty frames and full ones
    have the same dtypes."""
    import pandas as pd

    frame = pd.DataFrame(rows, columns=list(columns), dtype="object")
    return frame.astype("object")

"""The partition function: a pandas DataFrame of documents in, a DataFrame of claims out.

Pure (no I/O, no global state beyond the lexicon it is given), so any engine that maps a
function over pandas batches can run it: Dask `map_partitions`, Ray `map_batches`, Spark
`mapInPandas`, or a plain loop. Each row is read exactly as the readers read one object of a
JSON file (the same defaults, date checks and errors), then goes through the one per-document
loop (`loop.extract_items`: unique ids, the safety net, the character limit) that `estimates
add`, `reindex` and `estimates extract` use too, so their claims cannot drift. The frame's rows
come from estimates.report.frames (the codebook's columns and dtypes, plus `extractor_version`).
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from estimates.batch.loop import DocumentIds, extract_items
from estimates.claims import EXTRACTOR_VERSION, Claim
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

_ROW_OPTIONS = ReadOptions()
"""A row is decoded from our own UTF-8 JSON: the user's encoding settings have no say."""


@dataclass(frozen=True)
class Extraction:
    """What one partition gave: its documents (MANIFEST_COLUMNS), their claims (the codebook's
    claim columns and `extractor_version`), its bad documents (ERROR_COLUMNS), and how many
    documents it skipped as done already (or given twice)."""

    documents: pd.DataFrame
    claims: pd.DataFrame
    errors: pd.DataFrame
    skipped: int = 0


def extract_partition(docs: pd.DataFrame, lexicon: Lexicon | None = None) -> pd.DataFrame:
    """The claims of a documents frame: one row per claim, the codebook's columns and dtypes.
    Bad documents give no rows (`extract_documents` lists them). For engines that map one
    DataFrame to one DataFrame (Dask `map_partitions`, Ray `map_batches`, Spark
    `mapInPandas`)."""
    return extract_documents(docs, lexicon).claims


def extract_documents(docs: pd.DataFrame, lexicon: Lexicon | None = None) -> Extraction:
    """Every row read as a document and its claims extracted; a bad row (no id, no text, an
    extractor failure, an id another row of the frame gives with another text) is one error
    row and never stops the others."""
    return extract_rows(documents_of(docs), lexicon)


def extract_rows(
    rows: Iterable[tuple[str, Document | DocumentError]],
    lexicon: Lexicon | None = None,
    ids: DocumentIds | None = None,
) -> Extraction:
    """Documents (each with the id of its row) through the one per-document loop, as frames:
    ids unique within the partition, the safety net, one error row per bad document. A
    document `ids` knows as done, or given twice with the same text, is skipped."""
    lex = lexicon or load_lexicon()
    given = list(rows)
    documents: list[Document] = []
    claims: list[list[Claim]] = []
    errors: list[tuple[str, str, str]] = []
    seen: set[tuple[str, str]] = set()
    skipped = 0
    results = extract_items((item for _, item in given), lex, ids or DocumentIds())
    for (row_id, _), result in zip(given, results, strict=True):  # one result per row
        if isinstance(result, DocumentError):
            errors.append((row_id, result.path, result.reason))
        elif result.unchanged or (result.doc.id, result.doc.content_hash) in seen:
            skipped += 1
        else:
            seen.add((result.doc.id, result.doc.content_hash))
            documents.append(result.doc)
            claims.append(result.claims)
    return Extraction(
        manifest_frame(documents, [len(c) for c in claims]),
        claims_frame(c for found in claims for c in found),
        _frame(errors, ERROR_COLUMNS),
        skipped,
    )


def claims_frame(claims: Iterable[Claim], version: str = EXTRACTOR_VERSION) -> pd.DataFrame:
    """Claims as rows of the codebook's claim columns, with the extractor version."""
    from estimates.report.frames import bare_claims_frame

    return bare_claims_frame(claims, version)


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
    is wrong with it. A `default_id` column (an archive row's file and row number) names a
    row that gives no id, as the readers name a JSON Lines line."""
    columns = [c for c in (*DOCUMENT_COLUMNS, "html", "path", "default_id") if c in docs.columns]
    for values in zip(*(docs[c].tolist() for c in columns), strict=True):
        row = dict(zip(columns, values, strict=True))
        default_id = _cell(row.pop("default_id", None))
        doc = document_from_row(row, default_id)
        row_id = doc.id if isinstance(doc, Document) else _cell(row.get("id")) or default_id
        yield str(row_id or ""), doc


def document_from_row(
    row: Mapping[str, Any], default_id: str | None = None
) -> Document | DocumentError:
    """One row (a mapping) as a Document: read like one object of a JSON file, so the defaults,
    date checks and errors are the readers' own. A row needs an `id`, else a `default_id`
    (then the id is made from a name, as for a file)."""
    cells = {k: _cell(v) for k, v in row.items()}
    where = str(cells.get("path") or cells.get("id") or default_id or "<row>")
    if cells.get("id") in (None, "") and not default_id:
        return DocumentError(where, "no 'id' (each row needs one)")
    raw = json.dumps(cells, ensure_ascii=False).encode("utf-8")
    name = str(cells.get("id") or default_id)
    items = list(parse_bytes(raw, where, name, "json", _ROW_OPTIONS))
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

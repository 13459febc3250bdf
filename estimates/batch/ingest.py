"""Documents in, claims stored: read, extract what is new or changed through the one loop,
store in one batch; re-extract stored documents; load a claims folder an archive run wrote.

Extracted documents wait in a temporary spool file, not in memory, until the batch is stored in
one short transaction: a 50 MB array of 30,000 articles needs the memory of one article, and
other writers wait for the ledger only while it is written, not while the batch is extracted.
"""

from __future__ import annotations

import logging
import pickle
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from estimates.batch.loop import DocumentIds, extract_each, extract_items
from estimates.claims import EXTRACTOR_VERSION, Claim
from estimates.documents import Document, ReadOptions
from estimates.errors import DocumentError, LedgerError
from estimates.ledger.store import Ledger, StoreResult
from estimates.lexicon import Lexicon, load_lexicon

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class IngestResult:
    """What `ingest` stored, and the inputs it could not read (one error each)."""

    stored: StoreResult
    errors: tuple[DocumentError, ...]


Progress = Callable[[Document | DocumentError, int], None]
"""Called once per input read: the document (or the error) and the claims it gave."""


def ingest(
    ledger: Ledger,
    paths: Iterable[str | Path],
    lexicon: Lexicon | None = None,
    on_document: Progress | None = None,
    options: ReadOptions | None = None,
) -> IngestResult:
    """Read `paths`, extract claims from new or changed documents, store them in one batch."""
    lex = lexicon or load_lexicon()
    ids = DocumentIds(ledger.owners())
    errors: list[DocumentError] = []
    with _Spool() as spool:
        for item in extract_each(paths, lex, options, ids):
            if isinstance(item, DocumentError):
                errors.append(item)
                if on_document is not None:
                    on_document(item, 0)
                continue
            spool.add((item.doc, item.claims))
            if on_document is not None:
                on_document(item.doc, len(item.claims))
        stored = ledger.store(spool.items(), EXTRACTOR_VERSION)
    return IngestResult(stored, tuple(errors))


def reindex(ledger: Ledger, lexicon: Lexicon | None = None, everything: bool = False) -> int:
    """Re-extract stored documents (those from another extractor version, or all); claims.

    A document the extractor fails on keeps the claims it has, with a warning."""
    lex = lexicon or load_lexicon()
    stored = ledger.documents(outdated_from=None if everything else EXTRACTOR_VERSION)
    with _Spool() as spool:
        for item in extract_items(stored, lex):
            if isinstance(item, DocumentError):
                log.warning("%s; its claims are kept as they were", item)
            else:
                spool.add((item.doc.id, item.claims))
        return ledger.replace_claims(spool.items(), EXTRACTOR_VERSION)


def store_archive(ledger: Ledger, folder: str | Path) -> StoreResult:
    """Load a claims folder (`estimates extract ARCHIVE --to`) into the ledger in one
    transaction: each document's latest extraction with its claims; the same document again
    changes nothing, a changed one replaces its claims."""
    from estimates.batch.archive import stored_documents

    versions: dict[str, str] = {}  # filled as store() takes each document, before it writes it

    def batch() -> Iterator[tuple[Document, list[Claim]]]:
        for doc, claims, version in stored_documents(folder):
            versions[doc.id] = version
            yield doc, claims

    return ledger.store(batch(), versions)


class _Spool:
    """A temporary file of pickled records, read back once in order (this process's own)."""

    def __enter__(self) -> _Spool:
        try:
            self.file: IO[bytes] = tempfile.TemporaryFile(prefix="estimates-batch-")
        except OSError as e:
            raise _spool_error(e) from e
        return self

    def __exit__(self, *exc: object) -> None:
        self.file.close()

    def add(self, record: Any) -> None:
        try:
            pickle.dump(record, self.file, pickle.HIGHEST_PROTOCOL)
        except OSError as e:  # no space left in the temporary folder, say
            raise _spool_error(e) from e

    def items(self) -> Iterator[Any]:
        self.file.seek(0)
        while True:
            try:
                yield pickle.load(self.file)
            except EOFError:
                return


def _spool_error(e: OSError) -> LedgerError:
    folder = tempfile.gettempdir()
    return LedgerError(f"cannot hold the batch in a temporary file in {folder}: {e.strerror or e}")

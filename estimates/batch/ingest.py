"""Documents in, claims stored: read, extract what is new or changed through the partition
function, store everything in one transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from estimates.batch.partition import extract_each
from estimates.claims import EXTRACTOR_VERSION, Claim
from estimates.documents import Document, read_documents
from estimates.errors import DocumentError
from estimates.ledger.store import Ledger, StoreResult
from estimates.lexicon import Lexicon, load_lexicon


@dataclass(frozen=True)
class IngestResult:
    """What `ingest` stored, and the inputs it could not read or extract (one error each)."""

    stored: StoreResult
    errors: tuple[DocumentError, ...]


Progress = Callable[[Document | DocumentError, int], None]
"""Called once per input: the document (or the error) and the claims it gave."""


def ingest(
    ledger: Ledger,
    paths: Iterable[str | Path],
    lexicon: Lexicon | None = None,
    on_document: Progress | None = None,
) -> IngestResult:
    """Read `paths`, extract claims from new or changed documents, store them in one batch."""
    lex = lexicon or load_lexicon()
    known = ledger.hashes()
    queued: set[str] = set()
    batch: list[tuple[Document, list[Claim]]] = []
    errors: list[DocumentError] = []

    def note(item: Document | DocumentError, n: int) -> None:
        if isinstance(item, DocumentError):
            errors.append(item)
        if on_document is not None:
            on_document(item, n)

    def to_extract() -> Iterator[Document]:
        for item in read_documents(paths):
            if isinstance(item, DocumentError):
                note(item, 0)
            elif known.get(item.id) == item.content_hash and item.id not in queued:
                batch.append((item, []))  # unchanged: store() counts it and writes nothing
                note(item, 0)
            else:
                queued.add(item.id)
                yield item

    for item, claims in extract_each(to_extract(), lex):
        if not isinstance(item, DocumentError):
            batch.append((item, claims))
        note(item, len(claims))
    return IngestResult(ledger.store(batch, EXTRACTOR_VERSION), tuple(errors))


def reindex(ledger: Ledger, lexicon: Lexicon | None = None, everything: bool = False) -> int:
    """Re-extract stored documents (those from another extractor version, or all); claims.
    A document whose extraction fails keeps its old claims."""
    lex = lexicon or load_lexicon()
    docs = list(ledger.documents(outdated_from=None if everything else EXTRACTOR_VERSION))
    return ledger.replace_claims(
        (
            (item.id, claims)
            for item, claims in extract_each(docs, lex)
            if not isinstance(item, DocumentError)
        ),
        EXTRACTOR_VERSION,
    )


def store_archive(ledger: Ledger, folder: str | Path) -> StoreResult:
    """Load a claims folder (`estimates extract --to`) into the ledger in one transaction:
    each document's latest extraction with its claims; the same document again changes
    nothing, a changed one replaces its claims."""
    from estimates.batch.archive import stored_documents

    versions: dict[str, str] = {}  # filled as store() takes each document, before it writes it

    def batch() -> Iterator[tuple[Document, list[Claim]]]:
        for doc, claims, version in stored_documents(folder):
            versions[doc.id] = version
            yield doc, claims

    return ledger.store(batch(), versions)

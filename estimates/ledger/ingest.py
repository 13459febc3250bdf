"""Documents in, claims stored: read, extract what is new or changed, store in one batch."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from estimates.claims import EXTRACTOR_VERSION, Claim, extract_claims
from estimates.documents import Document, read_documents
from estimates.errors import DocumentError
from estimates.ledger.store import Ledger, StoreResult
from estimates.lexicon import Lexicon, load_lexicon


@dataclass(frozen=True)
class IngestResult:
    """What `ingest` stored, and the files it could not read (one error each)."""

    stored: StoreResult
    errors: tuple[DocumentError, ...]


Progress = Callable[[Document | DocumentError, int], None]
"""Called once per input read: the document (or the error) and the claims it gave."""


def ingest(
    ledger: Ledger,
    paths: Iterable[str | Path],
    lexicon: Lexicon | None = None,
    on_document: Progress | None = None,
) -> IngestResult:
    """Read `paths`, extract claims from new or changed documents, store them in one batch."""
    lex = lexicon or load_lexicon()
    known = ledger.hashes()
    batch: list[tuple[Document, list[Claim]]] = []
    errors: list[DocumentError] = []
    for item in read_documents(paths):
        claims: list[Claim] = []
        if isinstance(item, DocumentError):
            errors.append(item)
        elif known.get(item.id) == item.content_hash:
            batch.append((item, claims))  # unchanged: store() counts it and writes nothing
        else:
            claims = extract_claims(item, lex)
            batch.append((item, claims))
        if on_document is not None:
            on_document(item, len(claims))
    return IngestResult(ledger.store(batch, EXTRACTOR_VERSION), tuple(errors))


def reindex(ledger: Ledger, lexicon: Lexicon | None = None, everything: bool = False) -> int:
    """Re-extract stored documents (those from another extractor version, or all); claims."""
    lex = lexicon or load_lexicon()
    docs = list(ledger.documents(outdated_from=None if everything else EXTRACTOR_VERSION))
    return ledger.replace_claims(((d.id, extract_claims(d, lex)) for d in docs), EXTRACTOR_VERSION)

"""The one per-document loop: give each document an id of its own, extract it, and turn
whatever goes wrong with it, foreseen or not, into that document's one-line error.

`estimates extract` (files), `estimates add` and `Tracker.add` (through `ingest`), `reindex`,
and the partition function an archive run maps over its partitions (`partition.py`) all go
through `extract_items`, so their claims cannot drift. Documents stream through it, one
result per input in input order, and nothing holds the whole batch.
"""

from __future__ import annotations

import hashlib
import logging
import math
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from estimates.claims import Claim, extract_claims
from estimates.claims.numbers import FLOAT_MAX, OUT_OF_RANGE
from estimates.documents import Document, ReadOptions, read_documents
from estimates.documents.guard import internal_error
from estimates.documents.model import Owner
from estimates.errors import DocumentError
from estimates.lexicon import Lexicon

log = logging.getLogger(__name__)

SUFFIX_CHARS = 8
"""Hex digits of the path hash that tells two same-named files apart ("index-3f2a9c1b")."""


@dataclass
class DocumentIds:
    """Document ids unique within a batch and a ledger (`stored`: id -> its owner there).

    An id made from a file name ("index" from a/index.txt) that another document holds, with
    other content and from another place, gets a suffix hashed from the path ("index-3f2a9c1b"):
    the same file gets the same id on every run, so adding it again changes nothing. An id the
    document gives itself is kept; two documents of one batch giving the same id with different
    texts is a collision, and the second one is reported instead of overwriting the first.
    """

    stored: Mapping[str, Owner] = field(default_factory=dict)
    batch: dict[str, Owner] = field(default_factory=dict)

    def assign(self, doc: Document) -> Document | DocumentError:
        """`doc` with its id made unique, or the error of an id collision."""
        where = doc.path or doc.id
        if doc.id_from_name:
            suffixed = f"{doc.id}-{_path_hash(where)}"
            for candidate in (doc.id, suffixed):
                owner = self.batch.get(candidate) or self.stored.get(candidate)
                if owner is None or _same(owner, doc):
                    return self._take(replace(doc, id=candidate))
            return DocumentError(where, f"document ids {doc.id!r} and {suffixed!r} are taken")
        owner = self.batch.get(doc.id)
        if owner is not None and owner.content_hash != doc.content_hash:
            return DocumentError(
                where,
                f"document id {doc.id!r} is also the id of {owner.path} in this batch, with "
                "another text; this one is not stored (give each document its own id)",
            )
        return self._take(doc)

    def unchanged(self, doc: Document) -> bool:
        """Whether the ledger holds this very document already (same id, same content)."""
        owner = self.stored.get(doc.id)
        return owner is not None and owner.content_hash == doc.content_hash

    def _take(self, doc: Document) -> Document:
        self.batch.setdefault(doc.id, Owner(doc.content_hash, doc.path))
        return doc


def _same(owner: Owner, doc: Document) -> bool:
    """The same document (same content) or the same file read again (same place)."""
    if owner.content_hash == doc.content_hash:
        return True
    if owner.path is None or doc.path is None:
        return False
    return _place(owner.path) == _place(doc.path)


def _place(path: str) -> str:
    return os.path.normpath(os.path.abspath(path))


def _path_hash(path: str) -> str:
    return hashlib.sha1(_place(path).encode("utf-8")).hexdigest()[:SUFFIX_CHARS]


@dataclass(frozen=True)
class Extracted:
    """One document of the batch with its claims; `unchanged` when the ledger has it already
    (then it was not extracted again, and `claims` is empty)."""

    doc: Document
    claims: list[Claim]
    unchanged: bool = False


def extract_each(
    paths: Iterable[str | Path],
    lexicon: Lexicon,
    options: ReadOptions | None = None,
    ids: DocumentIds | None = None,
) -> Iterator[Extracted | DocumentError]:
    """Each input under `paths`, extracted, or its error; `ids` says what the ledger holds."""
    return extract_items(read_documents(paths, options), lexicon, ids)


def extract_items(
    items: Iterable[Document | DocumentError],
    lexicon: Lexicon,
    ids: DocumentIds | None = None,
) -> Iterator[Extracted | DocumentError]:
    """Each document with its id made unique and its claims, or its error: exactly one result
    per input, in input order (an input error passes through). A document `ids` says is
    stored already, unchanged, is not extracted again."""
    ids = ids if ids is not None else DocumentIds()
    for item in items:
        if isinstance(item, DocumentError):
            yield item
            continue
        doc = ids.assign(item)
        if isinstance(doc, DocumentError):
            yield doc
        elif ids.unchanged(doc):
            yield Extracted(doc, [], unchanged=True)
        else:
            yield extract_one(doc, lexicon)


def extract_one(doc: Document, lexicon: Lexicon) -> Extracted | DocumentError:
    """The document's claims; an exception in the extractor is this document's error alone."""
    try:
        claims = extract_claims(doc, lexicon)  # reads up to its character limit
    except Exception as e:  # the safety net: a bug met on one text never ends the batch
        return internal_error(doc.path or doc.id, e)
    return Extracted(doc, [c if _finite(c) else _out_of_range(c) for c in claims])


def _finite(c: Claim) -> bool:
    return all(v is None or math.isfinite(v) for v in (c.value, c.low, c.high))


def _out_of_range(c: Claim) -> Claim:
    """A claim whose figure no float holds, kept as the extractor keeps "5 x 10^999" (never
    inf or NaN in the ledger: NaN cannot even be stored there)."""

    def nearest(v: float | None) -> float | None:
        if v is None or math.isfinite(v):
            return v
        return math.copysign(FLOAT_MAX, v) if math.isinf(v) else FLOAT_MAX

    return c.evolve(
        value=nearest(c.value), low=nearest(c.low), high=nearest(c.high), kind=OUT_OF_RANGE
    )

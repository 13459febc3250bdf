"""The Document record: one article's text and metadata, as read from any input format."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass


@dataclass(frozen=True)
class Document:
    """An article: `text` is the body claims are found in; offsets index into it."""

    id: str
    text: str
    title: str | None = None
    publisher: str | None = None
    published: str | None = None  # ISO date or datetime as given; None when unknown
    url: str | None = None
    path: str | None = None  # where it was read from, for error messages
    id_from_name: bool = False  # the id was made from the file's name: the text names none

    @property
    def content_hash(self) -> str:
        """Hash of everything extraction reads: same hash -> same claims."""
        h = hashlib.sha256()
        for part in (self.text, self.title, self.publisher, self.published, self.url):
            h.update((part or "").encode("utf-8"))
            h.update(b"\x00")
        return h.hexdigest()


@dataclass(frozen=True)
class Owner:
    """Who holds a document id (in a ledger or a claims folder): its content hash and where
    the document was read from."""

    content_hash: str
    path: str | None

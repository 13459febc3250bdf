"""RSS and Atom feeds -> one Document per item, with its date, link and title.

feedparser reads the feed (any encoding its XML declaration names) and sanitizes item HTML; the
item's body is its full content when the feed carries it, else its description.
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
from collections.abc import Iterator
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any

from estimates.documents.html import fragment_text
from estimates.documents.model import Document
from estimates.errors import DocumentError

log = logging.getLogger(__name__)

_FEED_ROOT = re.compile(
    r"^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*|<\?[^>]*\?>\s*|<!DOCTYPE[^>]*>\s*)*"
    r"<(?:rss\b|rdf:RDF\b|(?:\w+:)?feed\b)",
    re.IGNORECASE | re.DOTALL,
)
_CHAR_REF = re.compile(rb"&#(?:[xX]([0-9A-Fa-f]{1,16})|([0-9]{1,20}));")
_XML_DECL_ENCODING = re.compile(rb"""^(\s*<\?xml[^>]*?)\s+encoding\s*=\s*(["'])([^"'>]*)\2""")
ID_SLUG_CHARS = 48
"""Document ids of feed items: a readable slug of the title, this long at most, plus a hash."""


def looks_like_feed(text: str) -> bool:
    """True when the XML's root element is <rss>, <feed> (Atom) or <rdf:RDF> (RSS 1.0)."""
    return bool(_FEED_ROOT.match(text[:4096]))


def documents_from_feed(raw: bytes, where: str) -> Iterator[Document | DocumentError]:
    """Each item of the feed in `raw` with text, as a Document; an error if there is none."""
    import feedparser

    parsed = feedparser.parse(io.BytesIO(parseable(raw)))
    if not parsed.entries:
        reason = getattr(parsed, "bozo_exception", None)
        detail = f": {_one_line(reason)}" if reason else ""
        yield DocumentError(where, f"feed has no items{detail}")
        return
    channel = parsed.feed
    found = 0
    for n, entry in enumerate(parsed.entries, 1):
        doc = _item(entry, channel, f"{where}#{n}")
        if doc is None:
            log.info("%s#%d: feed item has no text, skipped", where, n)
            continue
        found += 1
        yield doc
    if not found:
        yield DocumentError(where, "no feed item has any text")


def parseable(raw: bytes) -> bytes:
    """The feed with what makes feedparser raise made harmless: a character reference to no
    character ("&#x110000;", "&#0;", a surrogate) becomes U+FFFD, and an encoding name in the
    XML declaration that is not ASCII is dropped (the bytes are then read as UTF-8 or sniffed)."""
    raw = _CHAR_REF.sub(_char_ref, raw)
    m = _XML_DECL_ENCODING.match(raw)
    if m and not m.group(3).isascii():
        raw = m.group(1) + raw[m.end() :]
    return raw


def _char_ref(m: re.Match[bytes]) -> bytes:
    code = int(m.group(1), 16) if m.group(1) else int(m.group(2))
    possible = 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF
    return m.group(0) if possible else b"&#xFFFD;"


def _item(entry: Any, channel: Any, where: str) -> Document | None:
    """One feed entry as a Document; None when it carries no text (a gallery, a video)."""
    body = _body(entry)
    if not body:
        return None
    title = fragment_text(entry.get("title", "")) or None
    link = entry.get("link") or None
    source = entry.get("source") or {}
    publisher = source.get("title") or channel.get("title") or None
    return Document(
        id=_item_id(entry, title),
        text=body,
        title=title,
        publisher=publisher,
        published=_date(entry),
        url=link,
        path=where,
    )


def _body(entry: Any) -> str:
    """Longest of the item's contents and its summary, as plain text."""
    candidates = [c.get("value", "") for c in entry.get("content", [])]
    candidates.append(entry.get("summary", ""))
    texts = [fragment_text(c) for c in candidates if c and c.strip()]
    return max(texts, key=len, default="")


def _item_id(entry: Any, title: str | None) -> str:
    """Stable across re-reads of an updated feed: from the guid or link, not the position."""
    key = entry.get("id") or entry.get("link") or f"{title}\x00{entry.get('published')}"
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]
    slug = re.sub(r"[^a-z0-9]+", "-", (title or "item").lower()).strip("-")
    return f"{slug[:ID_SLUG_CHARS].rstrip('-')}-{digest}"


def _date(entry: Any) -> str | None:
    """The item's date as ISO 8601 in its own time zone, so its calendar day is the local one."""
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if raw:
            parsed = _parse_date(raw)
            if parsed:
                return parsed.isoformat()
        struct = entry.get(f"{key}_parsed")
        if struct:
            return datetime(*struct[:6]).isoformat() + "+00:00"
    return None


def _parse_date(raw: str) -> datetime | None:
    """An Atom (RFC 3339) or RSS (RFC 822) date with its offset kept; None if neither."""
    try:
        return datetime.fromisoformat(raw.strip().replace("Z", "+00:00"))
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError):
        return None


def _one_line(e: object) -> str:
    """A parser's message squeezed into one short line for the error report."""
    return " ".join(str(e).split())[:160]

"""Read documents from paths: text, JSON, JSON Lines, HTML pages, RSS/Atom feeds, folders, stdin.

Each reader yields Documents; a file that cannot be read yields a DocumentError instead, so one
bad file never stops the batch. Sizes are checked with stat before a byte is read, and no read
takes more than the size limit, so a huge file or an endless pipe never fills memory.
"""

from __future__ import annotations

import hashlib
import logging
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import BinaryIO

from estimates.dates import normalize_date
from estimates.documents import formats
from estimates.documents.encoding import binary_kind, decode
from estimates.documents.feeds import documents_from_feed, looks_like_feed
from estimates.documents.formats import document_from_mapping
from estimates.documents.html import document_from_html, looks_like_html
from estimates.documents.model import Document
from estimates.errors import DocumentError

log = logging.getLogger(__name__)

__all__ = ["SUFFIXES", "ReadOptions", "document_from_mapping", "read_documents", "read_file"]

SUFFIXES = {
    ".txt": "txt", ".text": "txt", ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".rss": "feed", ".atom": "feed",
    ".xml": "xml",
}  # fmt: skip
"""Files a folder walk picks up, and the format each suffix means ("xml" is sniffed)."""

STDIN = "-"
DEFAULT_MAX_BYTES = 50_000_000
"""Used when no settings are loaded: no article comes near 50 MB; a bigger file is a mistake."""

Item = Document | DocumentError


@dataclass(frozen=True)
class ReadOptions:
    """Knobs of the readers (from settings.toml unless the caller says otherwise)."""

    max_size: int = DEFAULT_MAX_BYTES
    preferred_encodings: tuple[str, ...] = field(default=("cp1252",))
    extensive_date: bool = True

    @classmethod
    def from_settings(cls, max_size: int | None = None) -> ReadOptions:
        """Options from the user's settings; `max_size` (e.g. from --max-size) wins."""
        from estimates.settings import load_settings

        s = load_settings().input
        return cls(
            max_size=s.max_size if max_size is None else max_size,
            preferred_encodings=s.preferred_encodings,
            extensive_date=s.html_extensive_date_search,
        )


def read_documents(
    paths: Iterable[str | Path], options: ReadOptions | None = None
) -> Iterator[Item]:
    """Every document under `paths` (files, folders, "-" for stdin), or an error for each bad one.

    Without `options` the limits come from the settings (settings.toml and the user file).
    """
    opts = options or ReadOptions.from_settings()
    for path in paths:
        if str(path) == STDIN:
            yield from read_stream(sys.stdin.buffer, "<stdin>", opts)
            continue
        p = Path(path)
        if p.is_dir():
            for found in walk(p):
                if isinstance(found, DocumentError):
                    yield found
                else:
                    yield from read_file(found, opts)
        else:
            yield from read_file(p, opts)


def walk(folder: Path) -> Iterator[Path | DocumentError]:
    """Files under `folder` with a document suffix, sorted; hidden files and folders skipped."""
    found = False
    for f in sorted(folder.rglob("*")):
        rel = f.relative_to(folder).parts
        if f.suffix.lower() not in SUFFIXES or any(part.startswith(".") for part in rel):
            continue
        if f.is_dir():
            continue  # a folder named like a file: its own files are walked too
        found = True
        if f.exists() and not f.is_file():
            yield DocumentError(str(f), "not a regular file (a pipe, socket or device)")
        else:
            yield f
    if not found:
        kinds = ", ".join(sorted(SUFFIXES))
        yield DocumentError(str(folder), f"no documents in this folder ({kinds})")


def read_file(path: Path, options: ReadOptions | None = None) -> Iterator[Item]:
    """Read one file: its suffix names the format, else its content does."""
    opts = options or ReadOptions.from_settings()
    where = str(path)
    try:
        raw = _read_limited(path, opts.max_size)
    except DocumentError as e:
        yield e
        return
    yield from parse_bytes(raw, where, path.stem, SUFFIXES.get(path.suffix.lower()), opts)


def read_stream(stream: BinaryIO, where: str, options: ReadOptions | None = None) -> Iterator[Item]:
    """One input from a byte stream (stdin): its format is told by its content."""
    opts = options or ReadOptions.from_settings()
    raw = stream.read(opts.max_size + 1)
    if len(raw) > opts.max_size:
        yield DocumentError(where, f"input is over the {format_size(opts.max_size)} limit")
        return
    default_id = "stdin-" + hashlib.sha1(raw).hexdigest()[:8]
    yield from parse_bytes(raw, where, default_id, None, opts)


def parse_bytes(
    raw: bytes, where: str, default_id: str, kind: str | None, opts: ReadOptions
) -> Iterator[Item]:
    """Documents in `raw`, by the format `kind` (None: told by the content), dates checked."""
    for item in _parse(raw, where, default_id, kind, opts):
        yield item if isinstance(item, DocumentError) else _dated(item)


def _dated(doc: Document) -> Document:
    """The publication date checked: ISO text is kept as given (a time of day included), a
    written date ("October 3, 2024") becomes ISO, and a date that cannot exist ("2024-02-30",
    "0000-01-01") leaves the document undated, with a warning."""
    if doc.published is None:
        return doc
    iso = normalize_date(doc.published)
    if iso is None:
        log.warning(
            "%s: published %r is not a possible date; the document is read as undated",
            doc.path or doc.id,
            doc.published,
        )
    elif doc.published.startswith(iso):
        return doc
    return replace(doc, published=iso)


def _parse(
    raw: bytes, where: str, default_id: str, kind: str | None, opts: ReadOptions
) -> Iterator[Item]:
    if kind == "feed":
        yield from _feed(raw, where)
        return
    try:
        text = decode(raw, where, opts.preferred_encodings)
    except DocumentError as e:
        yield e
        return
    kind = kind if kind not in (None, "xml") else _sniff(text, kind)
    if kind == "feed":
        yield from _feed(raw, where)
    elif kind == "not-a-feed":
        yield DocumentError(where, "XML file is not an RSS or Atom feed")
    elif kind == "html":
        yield document_from_html(text, where, default_id, extensive_date=opts.extensive_date)
    elif kind == "json":
        yield from formats.from_json(text, where, default_id)
    elif kind == "jsonl":
        yield from formats.from_jsonl(text, where, default_id)
    else:
        yield formats.from_txt(text, where, default_id)


def _sniff(text: str, kind: str | None) -> str:
    """The format of decoded text with no telling suffix: feed, html, json, jsonl or txt."""
    head = text.lstrip("\ufeff \t\r\n")[:4096]
    if looks_like_feed(head):
        return "feed"
    if kind == "xml":
        return "html" if looks_like_html(head) else "not-a-feed"
    if looks_like_html(head):
        return "html"
    if head.startswith("["):
        return "json"
    if head.startswith("{"):
        lines = [ln for ln in text.splitlines() if ln.strip()]
        multi = len(lines) > 1 and all(ln.lstrip().startswith("{") for ln in lines)
        return "jsonl" if multi and lines[0].rstrip().endswith("}") else "json"
    return "txt"


def _feed(raw: bytes, where: str) -> Iterator[Item]:
    """Feed items; empty or binary input is named before feedparser sees it."""
    if not raw.strip():
        yield DocumentError(where, "empty file")
        return
    kind = binary_kind(raw)
    if kind:
        yield DocumentError(where, f"not a feed ({kind})")
        return
    yield from documents_from_feed(raw, where)


def _read_limited(path: Path, limit: int) -> bytes:
    """The file's bytes, refusing it before reading when stat says it is over `limit`."""
    where = str(path)
    try:
        st = path.stat()
        if stat.S_ISDIR(st.st_mode):
            raise DocumentError(where, "is a folder, not a file")
        if st.st_size > limit:
            size, lim = format_size(st.st_size), format_size(limit)
            raise DocumentError(where, f"file is {size}, over the {lim} limit (--max-size)")
        with path.open("rb") as f:
            raw = f.read(limit + 1)
    except FileNotFoundError:
        reason = "broken symbolic link" if path.is_symlink() else "no such file"
        raise DocumentError(where, reason) from None
    except PermissionError:
        raise DocumentError(where, "permission denied") from None
    except OSError as e:
        raise DocumentError(where, f"cannot read: {e.strerror or e}") from None
    if len(raw) > limit:
        raise DocumentError(where, f"input is over the {format_size(limit)} limit (--max-size)")
    return raw


def format_size(n: int) -> str:
    """Bytes for people: 200 MB, 1.5 KB (powers of 1000, like the settings' sizes)."""
    for unit, factor in (("GB", 1000**3), ("MB", 1000**2), ("KB", 1000)):
        if n >= factor:
            return f"{n / factor:.3g} {unit}"
    return f"{n} bytes"

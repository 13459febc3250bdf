"""Read documents from paths: text, JSON, JSON Lines, HTML pages, RSS/Atom feeds, folders, stdin.

Each reader yields Documents; a file that cannot be read yields a DocumentError instead, so one
bad file never stops the batch. Sizes are checked with stat before a byte is read, and no read
takes more than the size limit, so a huge file or an endless pipe never fills memory.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
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
from estimates.documents.guard import guarded, no_surrogates
from estimates.documents.html import DEFAULT_MAX_HTML_BYTES, document_from_html, looks_like_html
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
    max_html_size: int = DEFAULT_MAX_HTML_BYTES
    preferred_encodings: tuple[str, ...] = field(default=("cp1252",))
    extensive_date: bool = True

    @classmethod
    def from_settings(cls, max_size: int | None = None) -> ReadOptions:
        """Options from the user's settings; `max_size` (e.g. from --max-size) wins."""
        from estimates.settings import load_settings

        s = load_settings().input
        return cls(
            max_size=s.max_size if max_size is None else max_size,
            max_html_size=s.max_html_size,
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
            yield from guarded(read_stream(sys.stdin.buffer, "<stdin>", opts), "<stdin>")
            continue
        p = Path(path)
        if p.is_dir():
            for found in walk(p):
                if isinstance(found, DocumentError):
                    yield found
                else:
                    yield from guarded(read_file(found, opts), display_path(found))
        else:
            yield from guarded(read_file(p, opts), display_path(p))


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def display_path(path: str | Path) -> str:
    """The path as text that can be printed and stored on one line: bytes of a file name that
    are not UTF-8 (kept by Python as lone surrogates) become U+FFFD, and control characters (a
    newline, an escape sequence) are written as `\\xNN`."""
    text = no_surrogates(str(path))
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group(0)):02x}", text)


def walk(folder: Path) -> Iterator[Path | DocumentError]:
    """Files under `folder` with a document suffix, sorted; hidden files and folders skipped,
    symbolic links to folders not followed; a subfolder that cannot be read is an error."""
    found: list[Path] = []
    unreadable: list[OSError] = []
    for root, dirs, files in os.walk(folder, onerror=unreadable.append):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += (
            Path(root, name)
            for name in files
            if not name.startswith(".") and Path(name).suffix.lower() in SUFFIXES
        )
    for e in unreadable:
        yield DocumentError(display_path(e.filename), f"cannot read this folder: {_reason(e)}")
    yield from sorted(found)
    if not found and not unreadable:
        kinds = ", ".join(sorted(SUFFIXES))
        yield DocumentError(display_path(folder), f"no documents in this folder ({kinds})")


def read_file(path: Path, options: ReadOptions | None = None) -> Iterator[Item]:
    """Read one file: its suffix names the format, else its content does."""
    opts = options or ReadOptions.from_settings()
    where = display_path(path)
    try:
        raw = _read_limited(path, opts.max_size)
    except DocumentError as e:
        yield e
        return
    default_id = no_surrogates(path.stem)
    items = parse_bytes(raw, where, default_id, SUFFIXES.get(path.suffix.lower()), opts)
    del raw  # the parser holds the bytes only as long as it needs them (see _parse)
    yield from items


def read_stream(stream: BinaryIO, where: str, options: ReadOptions | None = None) -> Iterator[Item]:
    """One input from a byte stream (stdin): its format is told by its content."""
    opts = options or ReadOptions.from_settings()
    raw = stream.read(opts.max_size + 1)
    if len(raw) > opts.max_size:
        yield DocumentError(where, f"input is over the {format_size(opts.max_size)} limit")
        return
    default_id = "stdin-" + hashlib.sha1(raw).hexdigest()[:8]
    items = parse_bytes(raw, where, default_id, None, opts)
    del raw
    yield from items


def parse_bytes(
    raw: bytes, where: str, default_id: str, kind: str | None, opts: ReadOptions
) -> Iterator[Item]:
    """Documents in `raw`, by the format `kind` (None: told by the content), dates checked."""
    items = _parse(raw, where, default_id, kind, opts)
    del raw
    for item in items:
        yield item if isinstance(item, DocumentError) else _dated(_writable(item))


_TEXT_FIELDS = ("id", "text", "title", "publisher", "published", "url", "path")


def _writable(doc: Document) -> Document:
    """Lone surrogates (a JSON "\\ud800" escape) replaced by U+FFFD, with a warning: no UTF-8
    file, terminal or database can hold them."""
    changes: dict[str, str] = {
        k: no_surrogates(v)
        for k in _TEXT_FIELDS
        if isinstance(v := getattr(doc, k), str) and no_surrogates(v) != v
    }
    if not changes:
        return doc
    log.warning(
        "%s: lone surrogate escapes in %s replaced by U+FFFD",
        no_surrogates(doc.path or doc.id),
        ", ".join(changes),
    )
    return replace(doc, **changes)  # type: ignore[arg-type]  # text fields only


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
    """The documents of one input. Near the size limit every copy counts: the bytes are let go
    once decoded, and the decoded text once the document is made (a JSON array keeps it while
    its elements are decoded one by one)."""
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
        del text
        yield from _feed(raw, where)
        return
    del raw
    if kind == "not-a-feed":
        yield DocumentError(where, "XML file is not an RSS or Atom feed")
    elif kind == "html":
        doc = document_from_html(
            text,
            where,
            default_id,
            extensive_date=opts.extensive_date,
            max_size=opts.max_html_size,
        )
        del text
        yield replace(doc, id_from_name=True) if isinstance(doc, Document) else doc
    elif kind == "json":
        yield from formats.from_json(text, where, default_id, opts.max_html_size)
    elif kind == "jsonl":
        yield from formats.from_jsonl(text, where, default_id, opts.max_html_size)
    else:
        found = formats.from_txt(text, where, default_id)
        del text
        yield found


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
        lines = (ln for ln in formats.jsonl_lines(text) if ln.strip())
        first = next(lines, "")
        if not first.rstrip().endswith("}"):
            return "json"
        rest = [ln.lstrip().startswith("{") for ln in lines]  # one bool a line, not the text
        return "jsonl" if rest and all(rest) else "json"
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
    """The file's bytes, refusing it before reading when it is not a regular file (a named pipe
    would block forever) or when stat says it is over `limit`."""
    where = display_path(path)
    try:
        _check_regular(os.stat(path), where, limit)
        # O_NONBLOCK: should the file become a pipe after the check, opening it cannot hang
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        with open(fd, "rb") as f:
            _check_regular(os.fstat(fd), where, limit)
            raw = f.read(limit + 1)
    except FileNotFoundError:
        reason = "broken symbolic link" if path.is_symlink() else "no such file"
        raise DocumentError(where, reason) from None
    except OSError as e:
        raise DocumentError(where, _reason(e)) from None
    except DocumentError:
        raise
    except ValueError:  # only a NUL character makes a path impossible
        raise DocumentError(where, "not a possible file name (it holds a NUL character)") from None
    if len(raw) > limit:
        raise DocumentError(where, f"input is over the {format_size(limit)} limit (--max-size)")
    return raw


def _check_regular(st: os.stat_result, where: str, limit: int) -> None:
    if stat.S_ISDIR(st.st_mode):
        raise DocumentError(where, "is a folder, not a file")
    if not stat.S_ISREG(st.st_mode):
        raise DocumentError(where, "not a regular file (a pipe, socket or device)")
    if st.st_size > limit:
        size, lim = format_size(st.st_size), format_size(limit)
        raise DocumentError(where, f"file is {size}, over the {lim} limit (--max-size)")


def _reason(e: OSError) -> str:
    """An OS error as a reason: "permission denied", else "cannot read: <what the OS said>"."""
    if isinstance(e, PermissionError):
        return "permission denied"
    return f"cannot read: {e.strerror or e}"


def format_size(n: int) -> str:
    """Bytes for people: 200 MB, 1.5 KB (powers of 1000, like the settings' sizes)."""
    for unit, factor in (("GB", 1000**3), ("MB", 1000**2), ("KB", 1000)):
        if n >= factor:
            return f"{n / factor:.3g} {unit}"
    return f"{n} bytes"

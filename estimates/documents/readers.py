"""Read documents from paths: .txt (with an optional header), .json, .jsonl, and folders.

Each reader yields Documents; a file that cannot be read yields a DocumentError instead, so one
bad file never stops the batch.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from estimates.documents.model import Document
from estimates.errors import DocumentError

HEADER_KEYS = ("id", "title", "publisher", "published", "url")
SUFFIXES = (".txt", ".json", ".jsonl")
MAX_BYTES = 50 * 1024 * 1024  # larger files are refused: one article is never this big


def read_documents(paths: Iterable[str | Path]) -> Iterator[Document | DocumentError]:
    """Yield every document under `paths` (files or folders), or an error per bad file."""
    for path in paths:
        p = Path(path)
        if p.is_dir():
            files = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES)
            for f in files:
                yield from read_file(f)
        else:
            yield from read_file(p)


def read_file(path: Path) -> Iterator[Document | DocumentError]:
    """Read one file by its suffix."""
    try:
        raw = _read_bytes(path)
        text = _decode(path, raw)
    except DocumentError as e:
        yield e
        return
    suffix = path.suffix.lower()
    if suffix == ".json":
        yield _from_json(path, text)
    elif suffix == ".jsonl":
        yield from _from_jsonl(path, text)
    else:
        yield _from_txt(path, text)


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise DocumentError(str(path), f"file is {size} bytes; the limit is {MAX_BYTES}")
        return path.read_bytes()
    except FileNotFoundError:
        raise DocumentError(str(path), "no such file") from None
    except OSError as e:
        raise DocumentError(str(path), f"cannot read: {e.strerror or e}") from None


def _decode(path: Path, raw: bytes) -> str:
    if not raw.strip():
        raise DocumentError(str(path), "empty file")
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DocumentError(str(path), "not a text file (binary data)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DocumentError(str(path), "not valid UTF-8 text") from None


def _from_txt(path: Path, text: str) -> Document | DocumentError:
    meta: dict[str, str] = {}
    lines = text.split("\n")
    body_start = 0
    for i, line in enumerate(lines):
        key, sep, val = line.partition(":")
        if sep and key.strip().lower() in HEADER_KEYS:
            meta[key.strip().lower()] = val.strip()
            continue
        if not line.strip() and meta:
            body_start = i + 1
        break
    body = "\n".join(lines[body_start:]) if meta else text
    if not body.strip():
        return DocumentError(str(path), "no text after the header")
    return Document(
        id=meta.get("id") or path.stem,
        text=body,
        title=meta.get("title"),
        publisher=meta.get("publisher"),
        published=meta.get("published") or None,
        url=meta.get("url"),
        path=str(path),
    )


def document_from_mapping(obj: object, default_id: str, where: str) -> Document | DocumentError:
    """Build a Document from a decoded JSON object, or say what is wrong with it."""
    if not isinstance(obj, dict):
        return DocumentError(where, "expected a JSON object with a 'text' field")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        return DocumentError(where, "no 'text' field (or it is empty)")

    def opt(key: str) -> str | None:
        v = obj.get(key)
        return str(v) if v not in (None, "") else None

    return Document(
        id=opt("id") or default_id,
        text=text,
        title=opt("title"),
        publisher=opt("publisher"),
        published=opt("published"),
        url=opt("url"),
        path=where,
    )


def _from_json(path: Path, text: str) -> Document | DocumentError:
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as e:
        return DocumentError(str(path), f"invalid JSON: {e.msg} at line {e.lineno}")
    return document_from_mapping(obj, path.stem, str(path))


def _from_jsonl(path: Path, text: str) -> Iterator[Document | DocumentError]:
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{n}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            yield DocumentError(where, f"invalid JSON: {e.msg}")
            continue
        yield document_from_mapping(obj, f"{path.stem}-{n}", where)

"""Decoded text -> Documents, one function per format: txt with header, JSON, JSON Lines.

Pure functions: the caller has read and decoded the bytes; `where` names the input in errors.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from estimates.documents.html import document_from_html
from estimates.documents.model import Document
from estimates.errors import DocumentError

HEADER_KEYS = ("id", "title", "publisher", "published", "url")


def from_txt(text: str, where: str, default_id: str) -> Document | DocumentError:
    """`key: value` header lines, a blank line, then the body; or just a body."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
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
        return DocumentError(where, "no text after the header")
    return Document(
        id=meta.get("id") or default_id,
        text=body,
        title=meta.get("title") or None,
        publisher=meta.get("publisher") or None,
        published=meta.get("published") or None,
        url=meta.get("url") or None,
        path=where,
    )


def document_from_mapping(
    obj: object, default_id: str, where: str, extensive_date: bool = True
) -> Document | DocumentError:
    """A Document from a decoded JSON object with `text` (or `html`), or what is wrong with it."""
    if not isinstance(obj, dict):
        return DocumentError(where, "expected a JSON object with a 'text' field")

    def opt(key: str) -> str | None:
        v = obj.get(key)
        return str(v) if v not in (None, "") else None

    text = obj.get("text")
    html = obj.get("html")
    if (text is None or text == "") and isinstance(html, str) and html.strip():
        doc = document_from_html(
            html, where, opt("id") or default_id, published=opt("published"), url=opt("url")
        )
        return doc
    if not isinstance(text, str) or not text.strip():
        return DocumentError(where, "no 'text' field (or it is empty)")
    return Document(
        id=opt("id") or default_id,
        text=text,
        title=opt("title"),
        publisher=opt("publisher"),
        published=opt("published"),
        url=opt("url"),
        path=where,
    )


def from_json(text: str, where: str, default_id: str) -> Iterator[Document | DocumentError]:
    """One JSON object, or a JSON array of them."""
    obj = _parse(text, where, detail=True)
    if isinstance(obj, DocumentError):
        yield obj
        return
    if isinstance(obj, list):
        if not obj:
            yield DocumentError(where, "empty JSON array")
        for i, item in enumerate(obj):
            yield document_from_mapping(item, f"{default_id}-{i + 1}", f"{where}[{i}]")
    else:
        yield document_from_mapping(obj, default_id, where)


def from_jsonl(text: str, where: str, default_id: str) -> Iterator[Document | DocumentError]:
    """One JSON object per line; a bad line is reported with its number and skipped."""
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        at = f"{where}:{n}"
        obj = _parse(line, at, detail=False)
        yield (
            obj
            if isinstance(obj, DocumentError)
            else document_from_mapping(obj, f"{default_id}-{n}", at)
        )


def _parse(text: str, where: str, detail: bool) -> object:
    """Decoded JSON, or the error naming `where` (with line and column when `detail`)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        at = f" (line {e.lineno}, column {e.colno})" if detail else ""
        return DocumentError(where, f"invalid JSON: {e.msg}{at}")
    except RecursionError:
        return DocumentError(where, "invalid JSON: nested too deeply")

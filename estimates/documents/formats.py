"""Decoded text -> Documents, one function per format: txt with header, JSON, JSON Lines.

Pure functions: the caller has read and decoded the bytes; `where` names the input in errors.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import replace

from estimates.documents.guard import internal_error
from estimates.documents.html import DEFAULT_MAX_HTML_BYTES, document_from_html
from estimates.documents.model import Document
from estimates.errors import DocumentError

HEADER_KEYS = ("id", "title", "publisher", "published", "url")


MAX_HEADER_LINE = 2000
"""A longer line is body text, never a `key: value` header line (and is not copied to check)."""


def from_txt(text: str, where: str, default_id: str) -> Document | DocumentError:
    """`key: value` header lines, a blank line, then the body; or just a body.

    The body is one slice of the text (no copy of it line by line), so a 50 MB text file costs
    about 50 MB once decoded."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # the same object when no CR
    meta: dict[str, str] = {}
    pos = body_start = 0
    while pos < len(text):
        end = text.find("\n", pos, pos + MAX_HEADER_LINE + 1)
        if end < 0 and len(text) - pos > MAX_HEADER_LINE:
            break  # a long line: body text
        end = len(text) if end < 0 else end
        line = text[pos:end]
        key, sep, val = line.partition(":")
        if sep and key.strip().lower() in HEADER_KEYS:
            meta[key.strip().lower()] = val.strip()
            pos = body_start = end + 1  # a header with no blank line after it has no body
            continue
        body_start = end + 1 if not line.strip() and meta else 0
        break
    body = text[body_start:] if meta and body_start else text
    if not body or body.isspace():
        return DocumentError(where, "no text after the header")
    return Document(
        id=meta.get("id") or default_id,
        id_from_name=not meta.get("id"),
        text=body,
        title=meta.get("title") or None,
        publisher=meta.get("publisher") or None,
        published=meta.get("published") or None,
        url=meta.get("url") or None,
        path=where,
    )


def document_from_mapping(
    obj: object,
    default_id: str,
    where: str,
    extensive_date: bool = True,
    max_html_size: int = DEFAULT_MAX_HTML_BYTES,
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
            html,
            where,
            opt("id") or default_id,
            published=opt("published"),
            url=opt("url"),
            extensive_date=extensive_date,
            max_size=max_html_size,
        )
        return replace(doc, id_from_name=not opt("id")) if isinstance(doc, Document) else doc
    if not isinstance(text, str) or not text.strip():
        return DocumentError(where, "no 'text' field (or it is empty)")
    return Document(
        id=opt("id") or default_id,
        id_from_name=not opt("id"),
        text=text,
        title=opt("title"),
        publisher=opt("publisher"),
        published=opt("published"),
        url=opt("url"),
        path=where,
    )


def from_json(
    text: str, where: str, default_id: str, max_html_size: int = DEFAULT_MAX_HTML_BYTES
) -> Iterator[Document | DocumentError]:
    """One JSON object, or a JSON array of them. An array is decoded one element at a time, so
    a 50 MB array of 30,000 articles never exists as 30,000 dicts at once; it is checked whole
    first, so a file with a syntax error is one error and none of its documents."""
    start = _skip_space(text, 0)
    if not text.startswith("[", start):
        obj = _parse(text, where, detail=True)
        yield (
            obj
            if isinstance(obj, DocumentError)
            else _mapping(obj, default_id, where, max_html_size)
        )
        return
    try:
        count = sum(1 for _ in _elements(text, start))
    except json.JSONDecodeError as e:
        yield _json_error(e, where, detail=True)
        return
    except RecursionError:
        yield DocumentError(where, "invalid JSON: nested too deeply")
        return
    if not count:
        yield DocumentError(where, "empty JSON array")
    for i, obj in enumerate(_elements(text, start)):
        yield _mapping(obj, f"{default_id}-{i + 1}", f"{where}[{i}]", max_html_size)


def _elements(text: str, start: int) -> Iterator[object]:
    """The elements of the JSON array opening at `start`, decoded one by one."""
    pos = _skip_space(text, start + 1)
    if text.startswith("]", pos):
        _after_array(text, pos + 1)
        return
    while True:
        obj, end = _DECODER.raw_decode(text, pos)
        yield obj
        pos = _skip_space(text, end)
        if text.startswith(",", pos):
            pos = _skip_space(text, pos + 1)
        elif text.startswith("]", pos):
            _after_array(text, pos + 1)
            return
        else:
            raise json.JSONDecodeError("Expecting ',' delimiter", text, pos)


def from_jsonl(
    text: str, where: str, default_id: str, max_html_size: int = DEFAULT_MAX_HTML_BYTES
) -> Iterator[Document | DocumentError]:
    """One JSON object per line; a bad line is reported with its number and skipped."""
    for n, line in enumerate(jsonl_lines(text), 1):
        if not line.strip():
            continue
        at = f"{where}:{n}"
        obj = _parse(line, at, detail=False)
        if isinstance(obj, DocumentError):
            yield obj
        else:
            yield _mapping(obj, f"{default_id}-{n}", at, max_html_size)


def jsonl_lines(text: str) -> Iterator[str]:
    """The lines of JSON Lines text, one at a time (never a list of them all), split at "\n"
    only: U+2028 and other breaks that `str.splitlines` splits at may stand inside a string."""
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        if end < 0:
            end = len(text)
        yield text[start:end].rstrip("\r")
        start = end + 1


MAX_INT_DIGITS = 1000
"""A JSON integer longer than this stays its digits (a str): Python refuses to convert more than
4,300 digits to an int, and the conversion takes time growing with the square of the length."""


def _int(digits: str) -> int | str:
    return int(digits) if len(digits) <= MAX_INT_DIGITS else digits


_DECODER = json.JSONDecoder(parse_int=_int)
_SPACE = re.compile(r"[ \t\n\r]*")


def _skip_space(text: str, pos: int) -> int:
    return _SPACE.match(text, pos).end()  # type: ignore[union-attr]  # always matches


def _after_array(text: str, pos: int) -> None:
    """Anything but white space after the array's closing bracket is an error."""
    end = _skip_space(text, pos)
    if end != len(text):
        raise json.JSONDecodeError("Extra data", text, end)


def _mapping(
    obj: object, default_id: str, where: str, max_html_size: int
) -> Document | DocumentError:
    """document_from_mapping, with an unexpected failure made this document's error alone."""
    try:
        return document_from_mapping(obj, default_id, where, max_html_size=max_html_size)
    except Exception as e:  # the safety net: one odd object never ends the array
        return internal_error(where, e)


def _parse(text: str, where: str, detail: bool) -> object:
    """Decoded JSON, or the error naming `where` (with line and column when `detail`)."""
    try:
        return _DECODER.decode(text)
    except json.JSONDecodeError as e:
        return _json_error(e, where, detail)
    except RecursionError:
        return DocumentError(where, "invalid JSON: nested too deeply")


def _json_error(e: json.JSONDecodeError, where: str, detail: bool) -> DocumentError:
    at = f" (line {e.lineno}, column {e.colno})" if detail else ""
    return DocumentError(where, f"invalid JSON: {e.msg}{at}")

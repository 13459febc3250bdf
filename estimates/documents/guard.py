"""The safety net under every reader and the extractor: an exception nobody foresaw, raised on
one document, becomes that document's one-line error, so the rest of the batch is still read.
The traceback is logged at INFO level, which `-v` shows."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from typing import TypeVar

from estimates.errors import DocumentError

log = logging.getLogger(__name__)

T = TypeVar("T")

MESSAGE_CHARS = 200
"""An exception's message is cut to this many characters: it must stay one readable line."""

_SURROGATE = re.compile("[\ud800-\udfff]")


def internal_error(where: str, e: BaseException) -> DocumentError:
    """`PATH: internal error: KIND: message`, the traceback logged for -v."""
    log.info("%s: internal error, traceback follows", where, exc_info=e)
    message = " ".join(str(e).split())[:MESSAGE_CHARS]
    return DocumentError(where, f"internal error: {type(e).__name__}: {message}".rstrip(": "))


def guarded(items: Iterable[T], where: str) -> Iterator[T | DocumentError]:
    """`items` as they come; an exception ends them with one internal error naming `where`."""
    try:
        yield from items
    except Exception as e:  # the net itself: whatever a reader or a library raised
        yield internal_error(where, e)


def no_surrogates(text: str) -> str:
    """`text` with lone UTF-16 surrogates (a JSON "\\ud800", an undecodable byte in a file
    name) replaced by U+FFFD: they cannot be written as UTF-8, to the ledger or anywhere."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text

"""Bytes -> text: BOMs first, then strict UTF-8, then charset-normalizer; binary refused.

Guessing a legacy encoding from a few hundred bytes is ambiguous (cp1252 and DOS code pages fit
the same English text), so among the encodings that fit about equally well the user's preferred
ones win (settings: input.preferred_encodings).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Sequence

from estimates.errors import DocumentError

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

MAGIC = (
    (b"%PDF-", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x7fELF", "an executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
)
"""File signatures named in the error, so the user learns what the file really is."""

WEB_ALIASES = {"iso8859-1": "cp1252", "ascii": "cp1252"}
"""Pages that declare Latin-1 or ASCII are read as cp1252, as browsers do (WHATWG Encoding)."""

SNIFF_BYTES = 8192
"""Binary data shows itself in the first few kilobytes: a NUL byte never occurs in text."""

UTF16_ZERO_SHARE = 0.9
"""UTF-16 of Latin-script text has a NUL in (almost) every other byte; binary data does not."""

CHAOS_MARGIN = 0.02
"""How much less tidy a preferred encoding's reading may be than the best one and still win:
English cp1252 text misread as a DOS code page scores only a hair tidier."""

_CHARSET_DECL = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)


def decode(raw: bytes, where: str, preferred: Sequence[str] = ("cp1252",)) -> str:
    """The text in `raw`, or DocumentError saying why it is not text."""
    if not raw.strip():
        raise DocumentError(where, "empty file")
    for bom, codec in BOMS:
        if raw.startswith(bom):
            return _strict(raw, codec, where)
    utf16 = bomless_utf16(raw)
    if utf16:
        return _strict(raw, utf16, where)
    kind = binary_kind(raw)
    if kind:
        raise DocumentError(where, f"not a text file ({kind})")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = declared_encoding(raw)
    if declared:
        try:
            return raw.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass
    return _detect(raw, where, preferred)


def binary_kind(raw: bytes) -> str | None:
    """What binary thing `raw` is (PDF, image, ...), or None when it may be text."""
    for magic, name in MAGIC:
        if raw.startswith(magic):
            return name
    if b"\x00" in raw[:SNIFF_BYTES]:
        return "binary data"
    return None


def bomless_utf16(raw: bytes) -> str | None:
    """ "utf-16-le"/"utf-16-be" when the bytes look like mostly-ASCII UTF-16 without a BOM."""
    sample = raw[: SNIFF_BYTES - SNIFF_BYTES % 2]
    if len(sample) < 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    for zeros, chars, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) >= UTF16_ZERO_SHARE * len(zeros) and chars.count(0) == 0:
            return codec
    return None


def declared_encoding(raw: bytes) -> str | None:
    """The charset an HTML <meta> or XML declaration names in the first bytes, if valid."""
    head = raw[:SNIFF_BYTES]
    m = _XML_DECL.match(head) or _CHARSET_DECL.search(head)
    if not m:
        return None
    name = m.group(1).decode("ascii", "replace")
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    return WEB_ALIASES.get(codec, codec)


def _strict(raw: bytes, codec: str, where: str) -> str:
    """Decode with a known codec (from a BOM); broken bytes are an error, not replaced."""
    try:
        return raw.decode(codec)
    except UnicodeDecodeError as e:
        raise DocumentError(where, f"broken {codec} text at byte {e.start}") from None


def _detect(raw: bytes, where: str, preferred: Sequence[str]) -> str:
    """Ask charset-normalizer; among near-equal fits take the first preferred encoding."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(raw))
    if not matches:
        raise DocumentError(where, "not a text file (binary data or an unknown encoding)")
    best = min(m.chaos for m in matches)
    fitting = {
        codecs.lookup(enc).name
        for m in matches
        if m.chaos <= best + CHAOS_MARGIN
        for enc in m.could_be_from_charset
    }
    for name in preferred:
        codec = codecs.lookup(name).name
        if codec in fitting:
            try:
                return raw.decode(codec)
            except UnicodeDecodeError:
                continue
    return str(matches[0])

"""Sentence boundaries as character offsets, so every claim keeps its sentence."""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from functools import cache
from typing import overload

from estimates.lexicon import Lexicon

# A sentence ends at . ! ? (and any citation marks after it, "[2]") followed by space and an
# upper-case letter, a digit or a quote; at a blank line; before a transcript label; and at a
# line break after a line that does not run on (one ending in a lower-case word or a comma may
# be hard-wrapped prose, unless it is as short as a headline), before a line opening with a
# capital, digit, quote or bullet ("•", "*", or "-" and "–" before a space). A full
# stop after an abbreviation (sentences.toml, calendar.toml) or an initial does not end one.
# A transcript label is read on its own line only: reading on to the next lower-case letter
# made a line break before "AB" look up to the end of a text of capitals, at every line break.
_END = re.compile(
    r"(?<=[.!?])(?:\[\d{1,3}\]|\[[a-z]\])*[\"'”’)]?\s+(?=[\"“‘(\[]?[A-Z0-9])|\n\s*\n"
    r"|\n(?=\s*[A-Z“\"]{2}[^a-z\n]*:)"
    r"|(?<=[^a-z,;(\s–—-])[ \t]*\n(?=[ \t]*(?:[\"“‘(•*A-Z0-9]|[-–][ \t]))"
    r"|(?P<short>(?<=[a-z])[ \t]*\n(?=[ \t]*(?:[\"“‘•*A-Z0-9]|[-–][ \t])))"
)

HEADLINE_LINE = 60
"""A line this short ending in a lower-case word, before a line opening with a capital, is a
headline or a heading ("Power cut to 240,000 homes"), not prose wrapped at a line's width."""


@cache
def _abbreviation(lexicon: Lexicon) -> tuple[re.Pattern[str], int]:
    """One pattern for "<abbreviation>." at the end of a window, and the window it needs."""
    words = lexicon.words("sentences", "abbreviations")
    words += [m.capitalize() for m in lexicon.section("calendar", "month_abbreviations")]
    alt = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    pattern = re.compile(rf"(?:\b(?:{alt + '|' if alt else ''}[A-Z])\.)$")
    return pattern, max((len(w) for w in words), default=1) + 2


def sentence_spans(text: str, lexicon: Lexicon) -> list[tuple[int, int]]:
    """(start, end) of each sentence in `text`, covering every non-blank stretch."""
    return list(_spans(text, lexicon))


def _spans(text: str, lexicon: Lexicon) -> Iterator[tuple[int, int]]:
    abbreviation, window = _abbreviation(lexicon)
    start = 0
    for m in _END.finditer(text):
        cut = m.start()
        if m.group("short") and cut - text.rfind("\n", 0, cut) > HEADLINE_LINE:
            continue  # prose wrapped at the line's width
        if abbreviation.search(text[max(0, cut - window) : cut]) and "\n" not in m.group(0):
            continue
        span = _trimmed(text, start, cut)
        if span:
            yield span
        start = m.end()
    span = _trimmed(text, start, len(text))
    if span:
        yield span


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


class Spans(Sequence[tuple[int, int]]):
    """(start, end) of each sentence, kept in two arrays of machine integers: 16 bytes a
    sentence, where a list of tuples took about 120 (a text of a million short sentences)."""

    def __init__(self, starts: array[int], ends: array[int]) -> None:
        self.starts, self.ends = starts, ends

    def __len__(self) -> int:
        return len(self.starts)

    @overload
    def __getitem__(self, i: int) -> tuple[int, int]: ...

    @overload
    def __getitem__(self, i: slice) -> list[tuple[int, int]]: ...

    def __getitem__(self, i: int | slice) -> tuple[int, int] | list[tuple[int, int]]:
        if isinstance(i, slice):
            return list(zip(self.starts[i], self.ends[i], strict=True))
        return self.starts[i], self.ends[i]

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return zip(self.starts, self.ends, strict=True)


class SentenceIndex:
    """Find the sentence holding a character offset in O(log n)."""

    def __init__(self, text: str, lexicon: Lexicon) -> None:
        self.text = text
        starts, ends = array("q"), array("q")
        for s, e in _spans(text, lexicon):
            starts.append(s)
            ends.append(e)
        self.spans = Spans(starts, ends)
        self._starts = starts

    def index_of(self, offset: int) -> int:
        return max(0, bisect_right(self._starts, offset) - 1)

    def span_of(self, offset: int) -> tuple[int, int]:
        if not self.spans:
            return (0, len(self.text))
        return self.spans[self.index_of(offset)]

    def sentence_of(self, offset: int) -> str:
        s, e = self.span_of(offset)
        return self.text[s:e]

"""Sentence boundaries as character offsets, so every claim keeps its sentence."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache

from estimates.lexicon import Lexicon

# A sentence ends at . ! ? (and any citation marks after it, "[2]") followed by space and an
# upper-case letter, a digit or a quote; at a blank line; before a transcript label; and at a
# line break after a line that does not run on (one ending in a lower-case word or a comma may
# be hard-wrapped prose), before a line opening with a capital, digit, quote or bullet. A full
# stop after an abbreviation (sentences.toml, calendar.toml) or an initial does not end one.
# A transcript label is read on its own line only: reading on to the next lower-case letter
# made a line break before "AB" look up to the end of a text of capitals, at every line break.
_END = re.compile(
    r"(?<=[.!?])(?:\[\d{1,3}\]|\[[a-z]\])*[\"'”’)]?\s+(?=[\"“‘(\[]?[A-Z0-9])|\n\s*\n"
    r"|\n(?=\s*[A-Z“\"]{2}[^a-z\n]*:)|(?<=[^a-z,;(\s–—-])[ \t]*\n(?=[ \t]*[\"“‘(•*A-Z0-9])"
)


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
    abbreviation, window = _abbreviation(lexicon)
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _END.finditer(text):
        cut = m.start()
        if abbreviation.search(text[max(0, cut - window) : cut]) and "\n" not in m.group(0):
            continue
        _add(spans, text, start, cut)
        start = m.end()
    _add(spans, text, start, len(text))
    return spans


def _add(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


class SentenceIndex:
    """Find the sentence holding a character offset in O(log n)."""

    def __init__(self, text: str, lexicon: Lexicon) -> None:
        self.text = text
        self.spans = sentence_spans(text, lexicon)
        self._starts = [s for s, _ in self.spans]

    def index_of(self, offset: int) -> int:
        return max(0, bisect_right(self._starts, offset) - 1)

    def span_of(self, offset: int) -> tuple[int, int]:
        if not self.spans:
            return (0, len(self.text))
        return self.spans[self.index_of(offset)]

    def sentence_of(self, offset: int) -> str:
        s, e = self.span_of(offset)
        return self.text[s:e]

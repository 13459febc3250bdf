"""Numerals: find numbers written in digits, words or both, and compute their values.

"11,000", "1.5 million", "$2bn" (the digits and suffix; the currency is the unit stage's),
"10k", "three", "two dozen", "a million", "twenty-five thousand".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from estimates.lexicon import Lexicon


@dataclass(frozen=True)
class Numeral:
    """A number in the text: its span, its value and how it was written."""

    start: int
    end: int
    value: float
    words: bool  # written (at least partly) in words
    scaled: bool  # carries a scale word or suffix ("million", "bn", "k")


@dataclass(frozen=True)
class NumberGrammar:
    """Compiled patterns for one lexicon."""

    pattern: re.Pattern[str]
    words: dict[str, float]
    scales: dict[str, float]
    suffixes: dict[str, float]


_DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"


def _alt(words: list[str]) -> str:
    if not words:
        raise ValueError("empty word group")
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _grammar(lexicon: Lexicon) -> NumberGrammar:
    words = {k.lower(): float(v) for k, v in lexicon.section("numbers", "words").items()}
    scales = {k.lower(): float(v) for k, v in lexicon.section("numbers", "scales").items()}
    suffixes = {k.lower(): float(v) for k, v in lexicon.section("numbers", "suffixes").items()}
    word = _alt([w for w in words if w != "half"])
    scale = _alt(list(scales))
    suffix = _alt(list(suffixes))
    word_num = (
        rf"(?:(?:{word})(?:[\s-]+(?:and[\s-]+)?(?:{word}|{scale}))*"
        rf"|(?:a|an|one)[\s-]+(?:{scale}|dozen)(?:[\s-]+(?:and[\s-]+)?(?:{word}|{scale}))*)"
    )
    digit_num = (
        rf"{_DIGITS}(?:\s?(?:{suffix})\b|(?:[\s-]+(?:{scale}))+|[\s-]+dozen)?"
        rf"(?:[\s-]+(?:{scale}))*"
    )
    pat = re.compile(
        rf"(?<![\w.,-])(?:(?P<d>{digit_num})|(?P<w>{word_num}))(?![\w])",
        re.IGNORECASE,
    )
    return NumberGrammar(pat, words, scales, suffixes)


_TOKEN = re.compile(r"[a-z]+|\d[\d,]*(?:\.\d+)?|\.\d+", re.IGNORECASE)


def find_numerals(text: str, lexicon: Lexicon) -> list[Numeral]:
    """Every numeral in `text`, left to right, not overlapping."""
    g = _grammar(lexicon)
    out = []
    for m in g.pattern.finditer(text):
        value = numeral_value(m.group(0), g)
        if value is None:
            continue
        scaled = any(
            t.lower() in g.scales or t.lower() in g.suffixes for t in _TOKEN.findall(m.group(0))
        )
        out.append(Numeral(m.start(), m.end(), value, m.group("w") is not None, scaled))
    return out


def numeral_value(raw: str, g: NumberGrammar) -> float | None:
    """Value of one numeral: digits, words and scale words combined the way English does."""
    total = 0.0
    current = 0.0
    seen = False
    for tok in _TOKEN.findall(raw):
        low = tok.lower()
        if low[0].isdigit() or low[0] == ".":
            current += float(low.replace(",", ""))
            seen = True
        elif low in ("a", "an"):
            current += 1
            seen = True
        elif low == "and":
            continue
        elif low == "dozen":
            current = (current or 1) * 12
            seen = True
        elif low in g.words:
            current += g.words[low]
            seen = True
        elif low in g.suffixes and low not in g.scales:
            current = (current or 1) * g.suffixes[low]
        elif low in g.scales:
            mult = g.scales[low]
            if mult >= 1000:
                total += (current or 1) * mult
                current = 0.0
            else:
                current = (current or 1) * mult
            seen = True
        else:
            return None
    return total + current if seen else None

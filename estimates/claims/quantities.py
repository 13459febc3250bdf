"""Quantities: a numeral with its bounds, unit or counted noun, and direction of change.

Stages, in order (each a small function over the text around one numeral):
  ranges      "between 10 and 12", "10-12 km", "11,000 to 12,000 troops"
  currency    "$", "US$", "€" before the number
  qualifier   "about", "at least", "as many as" before; "or more" after
  unit        "km", "percent", "%" after; else the counted noun ("troops")
  change      "rose 5%", "fell by 3,000", "a 5% increase"
  filters     dates, years, clock times, identifiers, phone numbers (see filters.py)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from estimates.claims.filters import is_not_a_claim
from estimates.claims.numbers import Numeral, find_numerals
from estimates.lexicon import Lexicon


@dataclass(frozen=True)
class Mention:
    """A quantity found in text, before attribution: span, bounds, unit and change."""

    start: int
    end: int
    value: float
    low: float | None
    high: float | None
    qualifier: str
    change: str | None
    unit: str | None
    kind: str
    subject: str | None  # the counted noun phrase or the words after a measurement


@dataclass(frozen=True)
class QuantityGrammar:
    prefix: re.Pattern[str]
    prefix_units: dict[str, tuple[str, str]]
    unit: re.Pattern[str]
    units: dict[str, tuple[str, str]]
    qual_before: re.Pattern[str]
    quals_before: dict[str, str]
    qual_after: re.Pattern[str]
    quals_after: dict[str, str]
    changes: dict[str, str]
    stop: frozenset[str]
    irregular: dict[str, str]


def _alt(words: list[str]) -> str:
    if not words:
        raise ValueError("empty word group")
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def grammar(lexicon: Lexicon) -> QuantityGrammar:
    """Compile the lexicon's unit, currency and qualifier tables into patterns, once."""
    prefix_units = {k.lower(): tuple(v) for k, v in lexicon.section("units", "prefix").items()}
    units = {k.lower(): tuple(v) for k, v in lexicon.section("units", "units").items()}
    qb = {k.lower(): v for k, v in lexicon.section("qualifiers", "before").items()}
    qa = {k.lower(): v for k, v in lexicon.section("qualifiers", "after").items()}
    nouns = lexicon.file("nouns")
    return QuantityGrammar(
        prefix=re.compile(rf"(?:^|(?<=[\s(\[\"“]))(?P<p>{_alt(list(prefix_units))})\s?$", re.I),
        prefix_units=prefix_units,
        unit=re.compile(rf"^\s?(?P<u>{_alt(list(units))})(?![\w])", re.I),
        units=units,
        qual_before=re.compile(rf"(?:^|(?<=[\s(\[\"“]))(?P<q>{_alt(list(qb))})\s*$", re.I),
        quals_before=qb,
        qual_after=re.compile(rf"^\s*(?P<q>{_alt(list(qa))})(?![\w])", re.I),
        quals_after=qa,
        changes={k.lower(): v for k, v in nouns.get("change", {}).items()},
        stop=frozenset(w.lower() for w in nouns.get("stop", {}).get("words", [])),
        irregular={k.lower(): v for k, v in nouns.get("irregular", {}).items()},
    )


_RANGE_JOIN = re.compile(r"^\s*(?:-|–|—|to|and|or)\s*(?P<cur>[$€£¥])?\s*$", re.I)
_WORD = re.compile(r"\s*([A-Za-z][A-Za-z'’-]*)")
_CHANGE_NOUNS = {
    "increase": "up",
    "rise": "up",
    "jump": "up",
    "gain": "up",
    "hike": "up",
    "growth": "up",
    "drop": "down",
    "decline": "down",
    "fall": "down",
    "decrease": "down",
    "cut": "down",
    "loss": "down",
    "reduction": "down",
}


def find_quantities(text: str, lexicon: Lexicon) -> list[Mention]:
    """Every quantity in `text`, left to right."""
    g = grammar(lexicon)
    nums = find_numerals(text, lexicon)
    out: list[Mention] = []
    i = 0
    while i < len(nums):
        first = nums[i]
        second = nums[i + 1] if i + 1 < len(nums) else None
        pair = _range_pair(text, first, second)
        i += 2 if pair else 1
        mention = _mention(text, first, pair, g)
        if mention is not None:
            out.append(mention)
    return out


def _range_pair(text: str, a: Numeral, b: Numeral | None) -> Numeral | None:
    """The second end of a range starting at `a`, if `a` and `b` form one."""
    if b is None:
        return None
    m = _RANGE_JOIN.match(text[a.end : b.start])
    if not m:
        return None
    joiner = text[a.end : b.start].strip(" $€£¥").lower()
    before = text[max(0, a.start - 12) : a.start].lower()
    if joiner == "and" and not re.search(r"\bbetween\s*[$€£¥]?\s*$", before):
        return None
    if joiner == "or" and (a.words != b.words):
        return None
    if joiner in ("-", "–", "—") and (a.words or b.words):
        return None
    lo = a.value if a.scaled or not b.scaled else a.value * _scale_of(b)
    if lo > b.value:
        return None
    return b


def _scale_of(n: Numeral) -> float:
    # the multiplier a scaled numeral carries, e.g. 1e6 for "12 million"
    mag = 1.0
    while n.value / (mag * 1000) >= 1 and mag < 1e12:
        mag *= 1000
    return mag


def _mention(
    text: str, first: Numeral, second: Numeral | None, g: QuantityGrammar
) -> Mention | None:
    start, end = first.start, (second or first).end
    low = high = None
    value = first.value
    if second is not None:
        low = first.value if first.scaled or not second.scaled else first.value * _scale_of(second)
        high = second.value
        value = (low + high) / 2
    unit: str | None = None
    kind = "count"
    left = text[max(0, start - 40) : start]
    pm = g.prefix.search(left)
    if pm:
        unit, kind = g.prefix_units[pm.group("p").lower()]
        start -= len(left) - pm.start("p")
        left = text[max(0, start - 40) : start]
    qualifier = "range" if second is not None else "exact"
    qm = g.qual_before.search(left)
    if qm:
        if second is None:
            qualifier = g.quals_before[qm.group("q").lower()]
        start -= len(left) - qm.start("q")
    between = re.search(r"\b(?:between|from)\s*$", text[max(0, start - 9) : start], re.I)
    if second is not None and between:
        start -= len(text[max(0, start - 9) : start]) - between.start()
    right = text[end : end + 80]
    subject = None
    um = g.unit.match(right)
    if um and not (unit and g.units[um.group("u").lower()][1] != "money" and kind == "money"):
        unit, kind = g.units[um.group("u").lower()]
        end += um.end()
        right = text[end : end + 80]
    if unit is None or kind != "money":
        noun, words_end = _counted_noun(right, g)
        if noun and unit is None:
            unit = noun
            end += words_end
            right = text[end : end + 80]
        subject = noun
    am = g.qual_after.match(right)
    if am and second is None and qualifier == "exact":
        qualifier = g.quals_after[am.group("q").lower()]
    change = _change(text, start, right, g)
    if is_not_a_claim(text, first.start, (second or first).end, unit, kind, first):
        return None
    return Mention(start, end, value, low, high, qualifier, change, unit, kind, subject)


def _counted_noun(right: str, g: QuantityGrammar) -> tuple[str | None, int]:
    """The head noun of the words after a number ("North Korean troops" -> "troop")."""
    words: list[tuple[str, int]] = []
    pos = 0
    while len(words) < 4:
        m = _WORD.match(right, pos)
        if not m:
            break
        w = m.group(1)
        if w.lower() in g.stop:
            break
        words.append((w, m.end()))
        pos = m.end()
        if w[0].islower() and _looks_plural_or_noun(w):
            # a lower-case noun after capitalised modifiers ends the phrase
            nxt = _WORD.match(right, pos)
            if not nxt or nxt.group(1).lower() in g.stop or nxt.group(1)[0].isupper():
                break
    while words and words[-1][0][0].isupper() and len(words) > 1:
        words.pop()
    if not words:
        return None, 0
    head, end = words[-1]
    if head[0].isupper() and len(words) == 1 and not head.isupper():
        return None, 0
    return singular(head.lower(), g), end


def _looks_plural_or_noun(w: str) -> bool:
    return len(w) > 2


def singular(word: str, g: QuantityGrammar) -> str:
    """Singular of a counted noun: lexicon irregulars first, then English endings."""
    if word in g.irregular:
        return g.irregular[word]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def _change(text: str, start: int, right: str, g: QuantityGrammar) -> str | None:
    """'up'/'down' when the number is an amount of change, not a level ("rose to" is a level)."""
    before = text[max(0, start - 40) : start]
    m = re.search(r"([A-Za-z]+)\s+(?:by\s+)?(?:a\s+further\s+|another\s+)?$", before)
    if m and m.group(1).lower() in g.changes and not before.rstrip().lower().endswith(" to"):
        return g.changes[m.group(1).lower()]
    after = re.match(r"^\s*([A-Za-z]+)", right)
    if after and after.group(1).lower() in _CHANGE_NOUNS:
        return _CHANGE_NOUNS[after.group(1).lower()]
    return None

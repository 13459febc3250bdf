"""Numbers that are not claims: dates, years, clock times, identifiers, addresses, furniture.

Each rule reads the text around a quantity the way a reader would: "Game 7", "F-16",
"431 Huronia Rd", "[1]", "+1" alone on a line, "2-1" scores, "18 years ago", "5G".
Word lists live in lexicon/filters.toml.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from estimates.claims.nouns import NounGrammar, is_plural, noun_grammar
from estimates.lexicon import Lexicon

if TYPE_CHECKING:
    from estimates.claims.numbers import Numeral
    from estimates.claims.quantities import Part

NOT_MEASURES = frozenset(["count", "fraction", "multiple", "time", "age", "duration", "sport"])
"""Kinds whose numbers may be years or identifiers; every other kind is a measurement, never
a year or an identifier ("2000 km", "$1080", "magnitude 9.0")."""


FOOTNOTE_MAX = 99
"""Footnote and citation numbers are small; a larger number opening a line is read as text."""

FURNITURE_LINE = 20
"""A line of page furniture ('+1', '1 of 5') is short; longer lines are read as text."""

MAX_DAY = 31
"""A day of the month is at most 31: '10 March' is a date, '45 March' is not."""

_TIME_AFTER = re.compile(r":\d\d|\s*(?:o'clock|hrs\b|GMT\b|UTC\b)", re.I)
_PHONE = re.compile(r"[\s(]*\d{3}[)\s.-]+\d{3,4}[\s.-]+\d{3,4}")
_YEAR_AFTER = re.compile(r",?\s*(?:1[0-9]|20)\d\d\b")
_LETTER_HYPHEN = re.compile(r"\b[A-Za-z]{1,4}-$")
_WORD_HYPHEN = re.compile(r"\b([A-Za-z]{5,})-$")
_COORDINATE = re.compile(
    r"\s?°\s?(?:\d{1,2}(?:\.\d+)?\s?[′']\s?(?:\d{1,2}(?:\.\d+)?\s?[″\"]\s?)?)?[NSEW](?![a-z])"
)
_ARC_PART = re.compile(r"\d{1,3}(?:\.\d+)?°(?:\s?\d{1,2}(?:\.\d+)?′)?\s?$")
_DECIMAL_PAIR = re.compile(r"\d{1,3}\.\d{3,}[;,]\s?-?\d{1,3}\.\d{3,}")
_SUPERSCRIPT = re.compile(r"<su[pb]>\s*$", re.I)
_GROUP_AFTER = re.compile(r"\d{3}-\s$")
_HHMM = re.compile(r"[0-2]\d[0-5]\d")
_FOOTNOTE_WORDS = re.compile(r" ([A-Z][a-z]*)\b(?: ([a-z]+))?")
_ID_CHAIN = re.compile(r"\d{1,4}(?:-\s?\d{2,4}){2}")
"""Three groups joined by hyphens open an identifier; it is matched, so more are not read (a
megabyte of "12-34-" read to its end for each of its numbers took quadratic time)."""
_RANK = re.compile(r"[ \t\xa0]+(?P<adj>[A-Za-z]+)\b")
"""The word after a number on its line: a superlative there makes the number a rank ("the
five most powerful"); one on the next line ("$3.4 billion" / "Lowest pressure") does not."""
_NAME_BEFORE = re.compile(r"(?:^|(?<=[\s(\[\"“]))([A-Za-z][\w&'’./]*[A-Za-z0-9]|[A-Z])[ \xa0]$")


@dataclass(frozen=True)
class FilterGrammar:
    """Compiled word lists of lexicon/filters.toml."""

    months: frozenset[str]
    month_after: re.Pattern[str]
    month_before: re.Pattern[str]
    zone_after: re.Pattern[str]
    footnote_words: frozenset[str]
    nouns: NounGrammar
    id_before: frozenset[str]
    street: re.Pattern[str]
    year_before: frozenset[str]
    not_names: frozenset[str]
    qualifiers: frozenset[str]
    id_after: re.Pattern[str]
    before_half: frozenset[str]
    age_before: frozenset[str]
    age_group: re.Pattern[str]  # "children under ", "people over " before an age
    one_pronoun: frozenset[str]
    circa: frozenset[str]  # "c.", "circa" before a year: about that year, no sum


def _words(lexicon: Lexicon, section: str) -> list[str]:
    return [str(w).lower() for w in lexicon.section("filters", section).get("words", [])]


def _cased(lexicon: Lexicon, section: str) -> list[str]:
    return [str(w) for w in lexicon.section("filters", section).get("words", [])]


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or "(?!)"


@cache
def filter_grammar(lexicon: Lexicon) -> FilterGrammar:
    """Compile the filter word lists of one lexicon, once."""
    months = _alt(lexicon.months())
    return FilterGrammar(
        months=frozenset(lexicon.months()),
        month_after=re.compile(rf"(?:st|nd|rd|th)?\s*(?:of\s+)?(?:{months})\b", re.I),
        month_before=re.compile(rf"(?<![a-z])(?:{months})\.?\s?$", re.I),
        zone_after=re.compile(
            rf"\s+(?:hours?\s+|hrs\s+)?(?:(?-i:{_alt(_cased(lexicon, 'time_zones'))})\b"
            r"|(?:local\s+time|[A-Z][a-z]+(?:\s[A-Z][a-z]+)?\s(?:Standard|Daylight|Summer)\sTime))"
        ),
        footnote_words=frozenset(_words(lexicon, "footnote_openers")),
        circa=frozenset(w.rstrip(".") for w in _words(lexicon, "circa")),
        nouns=noun_grammar(lexicon),
        id_before=frozenset(_words(lexicon, "id_before")),
        street=re.compile(  # names are capitalised: "431 Huronia Rd", not "3,000 on their way"
            rf"(?:\s+(?:[NSEW]\.?|[A-Z][\w'’-]*|\d+(?:st|nd|rd|th)))"
            rf"{{0,4}}\s+(?i:{_alt(_words(lexicon, 'street'))})\b\.?",
        ),
        year_before=frozenset(w.rstrip(".") for w in _words(lexicon, "year_before")),
        not_names=frozenset(_words(lexicon, "not_names")),
        qualifiers=frozenset(k.lower() for k in lexicon.section("qualifiers", "before")),
        id_after=re.compile(rf"\s+(?:{_alt(_words(lexicon, 'id_after'))})\b", re.I),
        before_half=frozenset(_words(lexicon, "before_half")),
        age_before=frozenset(_words(lexicon, "age_before")),
        age_group=re.compile(
            rf"\b(?:{_alt(_words(lexicon, 'age_groups'))})\s+(?:under|over|below|above)\s+$", re.I
        ),
        one_pronoun=frozenset(_words(lexicon, "one_pronoun")),
    )


def tail_words(before: str, n: int = 3) -> list[str]:
    """The last `n` words before a number, lower case, stripped of brackets and dots; empty
    when the number is glued to what precedes it."""
    if not before or not before[-1].isspace():
        return []
    return [w.strip("([\"“‘'").rstrip(".,;:") for w in before.lower().split()[-n:]]


def is_not_a_claim(text: str, a: Part, b: Part, g: FilterGrammar) -> bool:
    """True when the quantity from `a` through `b` is a date, year, time, id or furniture."""
    first = a.num
    if a.junk or b.junk or a.kind == "time" or b.kind == "time":
        return True
    labelled = a.label in ("glued", "column")  # "Deaths80", "Nigeria 20 19 8": no names
    raw = text[first.start : first.end]
    before = text[max(0, first.start - 30) : first.start]
    after = text[b.num.end : b.num.end + 30]
    words = tail_words(before)
    last = words[-1] if words else ""
    return (
        _is_date(words, after, first.value, first.words, g)
        or _is_glued_date(before, first, g)
        or _is_time(before, after)
        or _is_clock(raw, after, g)
        or _is_coordinate(text, a, b, before)
        or _SUPERSCRIPT.search(before) is not None
        or _is_footnote(text, a, g)
        or _is_reference(text, a, b, before)
        or _is_ranking(text, b)
        or not labelled
        and _is_identifier(text, a, b, before, last, raw, g)
        or a.label is None
        and _is_furniture(text, a, b)
        or a.label != "column"
        and _is_year(raw, a, last, g)
        or _is_pronoun_one(text, a, raw, last, g)
        or _is_age(text, a, before, last, g)
        or (raw.lower() == "half" and last in g.before_half)
        or (b.kind == "duration" and re.match(r"\s+ago\b", text[b.end : b.end + 6]) is not None)
        or _is_compound_adjective(text, b)
        or _is_price_year(raw, a, before)
        or _is_denominator(a, before)
    )


def _is_denominator(a: Part, before: str) -> bool:
    """'38.2 cases per 100,000 population': the base of a rate, not a count of its own."""
    value = a.num.value
    return _PER.search(before) is not None and value >= 10 and math.log10(value).is_integer()


_PER = re.compile(r"\bper[ \t]+$", re.I)


def _is_price_year(raw: str, a: Part, before: str) -> bool:
    """'$3.4 billion (2029 USD)': the year whose money a sum is counted in, not a sum."""
    if a.kind != "money" or a.prefixed or not re.fullmatch(r"\d{4}", raw):
        return False
    return 1800 <= a.num.value <= 2100 and before.rstrip().endswith("(")


def _is_glued_date(before: str, first: Numeral, g: FilterGrammar) -> bool:
    """'Date(s)August 8', 'Local date25 April': a day next to a month with no space to split on."""
    day = not first.words and first.value == int(first.value) and 1 <= first.value <= MAX_DAY
    return day and g.month_before.search(before) is not None


def _is_clock(raw: str, after: str, g: FilterGrammar) -> bool:
    """'at 1100 hours local time', '2200 EDT', '2332 hours Japan Standard Time': a clock time
    written in four digits before 'hours' and a time zone."""
    if len(raw) != 4 or not _HHMM.fullmatch(raw) or int(raw[:2]) > 23:
        return False
    return g.zone_after.match(after) is not None


def _is_coordinate(text: str, a: Part, b: Part, before: str) -> bool:
    """'28°13′48″N', '84.731°E', '33.90139; 35.51917', '18.4N 62.1W': latitudes and
    longitudes."""
    end = b.num.end
    if text[end : end + 1] in ("°", " °") or text[end : end + 2] == " °":
        return _COORDINATE.match(text, end) is not None
    if text[end : end + 1] in ("′", "″", "'", '"'):
        return _ARC_PART.search(before) is not None
    m = _HEMISPHERE_PAIR.search(text, max(0, a.num.start - 16), b.num.end + 16)
    if m is not None and m.start() <= a.num.start < m.end():
        return True  # "18.4N 62.1W"
    raw = text[a.num.start : b.num.end]
    if "." not in raw and not before.endswith(("; ", ", ", ";", ",")):
        return False
    m = _DECIMAL_PAIR.search(text, max(0, a.num.start - 14), b.num.end + 14)
    return m is not None and m.start() <= a.num.start < m.end()


_HEMISPHERE_PAIR = re.compile(r"\b\d{1,3}(?:\.\d+)?[NS][ ,/]+\d{1,3}(?:\.\d+)?[EW]\b")
"""A latitude and a longitude written with their hemisphere letters ("18.4N 62.1W")."""


def _is_footnote(text: str, a: Part, g: FilterGrammar) -> bool:
    """'1 This category also includes ...', '1 Original report date ...': a footnote's
    number opening its line before a sentence, not a count ('3 Soldiers were hurt')."""
    if a.num.words or a.num.value != int(a.num.value) or a.num.value > FOOTNOTE_MAX:
        return False
    if a.kind != "count" or a.num.start == 0 or text[a.num.start - 1] != "\n":
        return False
    m = _FOOTNOTE_WORDS.match(text, a.num.end, a.num.end + 30)
    if m is None:
        return False
    first = m.group(1).lower()
    return first in g.footnote_words or bool(m.group(2)) and not is_plural(first, g.nouns)


def _is_reference(text: str, a: Part, b: Part, before: str) -> bool:
    """'... by each country (2).', '... update on December 10, 2014 (3)': a citation number
    alone in brackets after a word or date, not a count after a name ('Liberia (7,719)')."""
    if a is not b or a.unit is not None or a.num.value != int(a.num.value) or a.num.value > 99:
        return False
    if not before.endswith("(") or text[b.num.end : b.num.end + 1] != ")":
        return False
    word = before[:-1].rstrip().rsplit(" ", 1)[-1]
    return bool(word) and not word[0].isupper()


def _is_ranking(text: str, b: Part) -> bool:
    """'the five most powerful earthquakes', 'the three biggest banks': a rank, not a count
    ('one of the largest ...' is kept: news benchmarks count it)."""
    if b.num.value <= 1 or b.prefixed:  # "$3.4 billion lowest ..." is money, no rank
        return False
    m = _RANK.match(text, b.num.end)
    if m is None:
        return False
    word = m.group("adj").lower()
    return word in ("most", "least") or word.endswith("est") and _superlative(word)


def _superlative(word: str) -> bool:
    from estimates.claims.nouns import lemmas

    adj = lemmas(word).get("ADJ", ())
    return bool(adj) and word not in adj


def _is_age(text: str, a: Part, before: str, last: str, g: FilterGrammar) -> bool:
    """'men aged 18 to 34', 'children under five', 'Senard, 65,': ages of people in
    passing."""
    if last in g.age_before:
        return True
    unit = a.unit in (None, "year") or a.unit in g.nouns.standalone.values()
    if g.age_group.search(before) and unit and a.num.value < 120:
        return True  # "children under five", "people over 65 years", "people over 65 died"
    apposition = re.search(r"[A-Z][\w'’-]+,\s$", before) and text[a.num.end : a.num.end + 1] == ","
    return bool(apposition) and a.unit is None and a.num.value == int(a.num.value) < 120


def _is_compound_adjective(text: str, b: Part) -> bool:
    """'a five-year award', 'a six-speed gearbox': a number-word adjective, not a claim."""
    glued = text[b.num.end : b.num.end + 1] == "-" and text[b.num.end + 1 : b.num.end + 2].isalpha()
    if not glued or b.kind == "multiple":
        return False
    nxt = re.match(r"[ \xa0]+([A-Za-z$€£]\S*)", text[b.end : b.end + 30])
    return b.unit is None or b.kind in ("duration", "count") and nxt is not None


def _is_date(tail: list[str], after: str, value: float, words: bool, g: FilterGrammar) -> bool:
    """'March 3', '3 March', 'June 10 and 11, 2021'."""
    if words or value > MAX_DAY or value != int(value) or value < 1:
        return False
    if g.month_after.match(after) or (tail and tail[-1] in g.months):
        return True
    joined = len(tail) == 3 and tail[1].isdigit() and tail[2] in ("and", "to", "-", "–")
    return joined and tail[0] in g.months


def _is_time(before: str, after: str) -> bool:
    return bool(_TIME_AFTER.match(after)) or before.endswith(":") and before[-2:-1].isdigit()


def _is_identifier(
    text: str, a: Part, b: Part, before: str, last: str, raw: str, g: FilterGrammar
) -> bool:
    """'Route 66', 'F-16', 'Game 7', 'iPhone 11', '2+2', '[1]', '(4)', addresses, phones."""
    if a.num.words:
        return raw[:1].isupper() and _after_name(before, "", a, g)  # "Kick Six", "Big Ten"
    if a.prefixed or a.kind not in NOT_MEASURES:
        return False
    if _is_id_word(last.rstrip("#"), g) or before.endswith("#"):
        return True
    tail = tail_words(before, 3)
    if len(tail) == 3 and _is_id_word(tail[0], g) and tail[1].isdigit() and tail[2] in _LISTED:
        return True  # "Figures 1 and 2", "weeks 38, 46 and 41"
    if _ID_CHAIN.match(text, a.num.start):
        return True  # "1-800-621- 3362"
    if text[b.num.end : b.num.end + 1] == "+" or _LETTER_HYPHEN.search(before):
        return True
    hyphened = _WORD_HYPHEN.search(before)  # "caesium-137", "COVID-19"; not "sub-7", "minus-5"
    if hyphened and hyphened.group(1).lower() not in g.not_names | g.qualifiers:
        return True
    if before[-1:] in "+-" and before[-2:-1].isdigit() or _GROUP_AFTER.search(before):
        return True  # "2+2", the last group of a phone number ("555- 0199"), "ISO 3888-2"
    if before.endswith("[") and text[b.num.end : b.num.end + 1] == "]":
        return True
    if g.street.match(text, b.num.end) and b.kind == "count":
        return True
    if g.id_after.match(text, b.num.end):
        return True
    if _PHONE.match(text, a.num.start) and "," not in raw:
        return True
    return _after_name(before, raw, a, g)


_LISTED = frozenset(["and", "or", "to", "-", "–", ","])


def _is_id_word(word: str, g: FilterGrammar) -> bool:
    """'Route 66', 'Figures 1 and 2', 'units 1–3': a word (or its plural) naming an id."""
    if word in g.id_before:
        return True
    from estimates.claims.nouns import singular

    return word.endswith("s") and word.isalpha() and singular(word, g.nouns) in g.id_before


def _after_name(before: str, raw: str, a: Part, g: FilterGrammar) -> bool:
    """A plain number right after a capitalised name is part of it ('Apple Watch 5')."""
    if "," in raw or a.num.scaled or a.qualifier != "exact":
        return False
    small = a.num.value == int(a.num.value) < 100
    if before.endswith("(") and (before[:-1].rstrip()[-1:] or " ").isalpha() and small:
        return True
    m = _NAME_BEFORE.search(before)
    if not m:
        return False
    word = m.group(1)
    low = word.lower()
    if low in g.not_names or low in g.qualifiers or low.endswith(("'s", "’s")):
        return False
    return any(c.isupper() for c in word)


def _is_furniture(text: str, a: Part, b: Part) -> bool:
    """A number alone on its line (a reaction counter, a share count) or a photo counter."""
    if _is_caption(text, a, b):
        return True
    ls = text.rfind("\n", max(0, a.start - FURNITURE_LINE), a.start)
    le = text.find("\n", b.end, b.end + FURNITURE_LINE)
    if ls < 0 and a.start > FURNITURE_LINE or le < 0 and b.end + FURNITURE_LINE < len(text):
        return False
    line = text[ls + 1 : le if le >= 0 else len(text)]
    furniture = r"\s*[-+]?\s*[\d.,]+\s*|\s*\d+\s*(?:of|/)\s*\d+\s*"
    return bool(re.fullmatch(furniture, line)) and "\n" in text


_CAPTION = re.compile(
    r"\W*(?:(?:photo|image|picture|slide|gallery)\s+)?\d{1,3}\s+(?:of|/)\s+\d{1,3}\b"
    r"(?![ \t]+(?-i:[a-z]))",  # "11 of 18 districts": a count of a noun, no counter
    re.I,
)


def _is_caption(text: str, a: Part, b: Part) -> bool:
    """'1 of 5 | Residents queue...': a photo counter opening a line (no noun follows it)."""
    ls = text.rfind("\n", max(0, a.start - FURNITURE_LINE), a.start) + 1
    if ls == 0 and a.start > FURNITURE_LINE:
        return False
    m = _CAPTION.match(text, ls)
    return m is not None and m.end() >= b.num.end


def _is_year(raw: str, a: Part, last: str, g: FilterGrammar) -> bool:
    if not re.fullmatch(r"\d{4}s?", raw) or a.prefixed or a.kind not in NOT_MEASURES:
        return False
    value = a.num.value
    if a.qualifier == "approx" and last in g.circa:  # "c. 1900": about that year
        return 1800 <= value <= 2100
    if a.qualifier != "exact" and a.qualifier != "range":
        return False
    if 1800 <= value <= 2100:
        return True
    return 1000 <= value <= 2200 and last.rstrip("-–") in g.year_before


def _is_pronoun_one(text: str, a: Part, raw: str, last: str, g: FilterGrammar) -> bool:
    """'each one', 'the same one', 'on one': 'one' standing for a noun counts nothing."""
    if raw.lower() != "one":
        return False
    if last in g.one_pronoun:
        return True
    if a.unit:
        return False
    nxt = re.match(r"\s*([A-Za-z]+)", text[a.num.end : a.num.end + 20])
    return not nxt or nxt.group(1).lower() != "of"

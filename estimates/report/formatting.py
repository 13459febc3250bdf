"""The one place numbers and dates are written for readers; every report, chart, table and
terminal view formats through these functions, so a figure reads the same everywhere.

    number(11000.0) -> "11,000"     number(2.456) -> "2.456"     number(math.inf) -> "∞"
    ratio(1.234) -> "1.2"           ratio(5500.2) -> "5,500"
    date_text(When("2023-12")) -> "Dec 2023"   (a day stays ISO: "2024-10-30"; a year: "2015")
    unit_text("troop", 11000) -> "troops"      unit_text("mile per hour", 1) -> "mile per hour"
    count(5, "source") -> "5 sources"          printable(ESC + "]0;x" + BEL) -> " ]0;x "
"""

from __future__ import annotations

import math
import re
import unicodedata

from estimates.claims.model import Claim
from estimates.dates import When

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
"""Month abbreviations for month-precision dates ("Dec 2023")."""

ROUND_ABOVE = 10_000.0
"""Fractions of figures this large are noise to a reader (12,345.5 reads "12,346")."""

SIGNIFICANT = 4
"""Significant digits of a fractional figure (2.4567 -> "2.457")."""

QUALIFIER_WORDS = {
    "approx": "about ",
    "at_least": "at least ",
    "more_than": "more than ",
    "at_most": "at most ",
    "less_than": "less than ",
}
"""How a claim's qualifier reads in front of its figure (exact and range read bare)."""

RANGE_DASH = "–"

WRITTEN_QUALIFIER = re.compile(r"([A-Za-z][A-Za-z'-]*(?: [A-Za-z][A-Za-z'-]*){0,3}) (?=[0-9])")
"""Up to four words before the first digit of a claim's text: its qualifier as written ("as
many as 11,000 soldiers" -> "as many as"), kept instead of the canonical "at most"."""

BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                          "\u2066\u2067\u2068\u2069")  # fmt: skip
"""Direction overrides: they reorder what a terminal shows, so printed text could lie."""


def number(v: float | None) -> str:
    """A figure for readers: thousands separators, "∞" for an open bound, "" when missing."""
    if v is None or math.isnan(v):
        return ""
    if math.isinf(v):
        return "∞" if v > 0 else "-∞"
    if float(v).is_integer() or abs(v) >= ROUND_ABOVE:
        return f"{round(v):,}"
    return f"{v:,.{SIGNIFICANT}g}" if abs(v) >= 1 else f"{v:.3g}"


def ratio(r: float | None) -> str:
    """A spread or other ratio: two significant digits under 10 ("1.2"), else whole."""
    if r is None or math.isnan(r):
        return ""
    return f"{r:.2g}" if r < 10 else number(round(r))


def date_text(d: When | None) -> str:
    """A date at its precision: "2024-10-30", "Dec 2023", "2015"; "" when undated."""
    if d is None:
        return ""
    if d.precision == "month":
        return f"{MONTHS[d.first_day.month - 1]} {d.first_day.year}"
    return d.iso


def stated_text(c: Claim, quantity_unit: str | None = None) -> str:
    """The claim's figure as stated, its qualifier as written: "about 10,000", "as many as
    11,000", "up 5", "400–500"; its unit only when it is a measure unlike the quantity's own
    ("30 miles" on a kilometer quantity)."""
    if c.low is not None and c.high is not None:
        core = f"{number(c.low)}{RANGE_DASH}{number(c.high)}"
    else:
        written = written_qualifier(c)
        words = written + " " if written else QUALIFIER_WORDS.get(c.qualifier, "")
        core = words + number(c.value)
    change = {"up": "up ", "down": "down "}.get(c.change or "", "")
    unit = c.unit if c.unit and c.unit != quantity_unit and c.kind != "count" else ""
    return f"{change}{core} {unit_text(unit, c.value)}".strip()


def count(n: int, one: str, many: str | None = None) -> str:
    """'1 quantity', '3 quantities'; `many` defaults to the plural of `one` ("5 sources")."""
    return f"{n:,} {one if n == 1 else many or plural(one)}"


def printable(s: str) -> str:
    """Text safe to print on a terminal: control characters (ESC and the sequences it starts,
    BEL, C1 controls, DEL) and direction overrides become spaces, so article text cannot
    retitle a window, move the cursor or hide a link."""
    return "".join(
        " " if unicodedata.category(ch) == "Cc" or ch in BIDI_CONTROLS else ch for ch in s
    )


def quoted(s: str) -> str:
    """Words as written, in quotes and on one line: 'as many as 11,000 soldiers'."""
    return "'" + " ".join(printable(s).split()) + "'"


def plural(unit: str) -> str:
    """The plural of a unit or counted noun, in words: troop -> troops, mile per hour -> miles
    per hour, percent -> percent (the claims stage's one inflection, estimates.claims.nouns)."""
    from estimates.claims.nouns import plural_of

    return plural_of(unit)


def unit_text(unit: str | None, n: float | None = None) -> str:
    """A unit as words for a figure `n`: singular for exactly one, else plural ("11,000
    troops", "1 kilometer", "2.5 miles per hour"); "" for no unit."""
    if not unit:
        return ""
    return unit if n is not None and abs(n) == 1 else plural(unit)


def written_qualifier(c: Claim) -> str | None:
    """The words before the number in a bound's or estimate's text as written ("as many as",
    "likely about", "roughly"), lower-cased at the start; None for an exact figure, a range
    or a number written in words."""
    if c.qualifier in ("exact", "range") or c.qualifier not in QUALIFIER_WORDS:
        return None
    m = WRITTEN_QUALIFIER.match(c.text)
    if m is None:
        return None
    words = m.group(1)
    return words[:1].lower() + words[1:]

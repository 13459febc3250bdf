"""The one place numbers and dates are written for readers; every report, chart, table and
terminal view formats through these functions, so a figure reads the same everywhere.

    number(11000.0) -> "11,000"     number(2.456) -> "2.456"     number(math.inf) -> "∞"
    ratio(1.234) -> "1.2"           ratio(5500.2) -> "5,500"
    date_text(When("2023-12")) -> "Dec 2023"   (a day stays ISO: "2024-10-30"; a year: "2015")
"""

from __future__ import annotations

import math

from estimates.claims.model import Claim
from estimates.dates import When
from estimates.reconcile.model import Figure

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


def interval_text(f: Figure) -> str:
    """A figure in its quantity's unit as its shape reads: "about 10,000", "at least 3,000",
    "11,000–12,000"."""
    iv = f.interval
    q = f.claim.qualifier
    if q == "range" or (iv.low != iv.point and iv.high != iv.point and q != "approx"):
        return f"{number(iv.low)}{RANGE_DASH}{number(iv.high)}"
    return QUALIFIER_WORDS.get(q, "") + number(iv.point)


def stated_text(c: Claim, quantity_unit: str | None = None) -> str:
    """The claim's figure as stated: "about 10,000", "up 5", "400–500"; its unit only when it
    is a measure unlike the quantity's own ("30 mile" on a kilometer quantity)."""
    if c.low is not None and c.high is not None:
        core = f"{number(c.low)}{RANGE_DASH}{number(c.high)}"
    else:
        core = QUALIFIER_WORDS.get(c.qualifier, "") + number(c.value)
    change = {"up": "up ", "down": "down "}.get(c.change or "", "")
    shown = c.unit if c.unit and c.unit != quantity_unit and c.kind != "count" else ""
    return f"{change}{core} {shown}".strip()


def count(n: int, one: str, many: str) -> str:
    """'1 quantity', '3 quantities'."""
    return f"{n} {one if n == 1 else many}"

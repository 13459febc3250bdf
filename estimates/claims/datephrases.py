"""Date phrases in text -> (ISO date, precision), relative to a publication date.

"Monday" and "yesterday" are counted back from publication (a news weekday is the most recent
one, publication day included); calendar dates ("Oct. 25", "31 March 2019", "in October") are
read with the month names of calendar.toml, a missing year taken from the publication date.
A publication date known only to the month or year places nothing finer than itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from estimates.dates import normalize_date, precision_of, to_date
from estimates.lexicon import Lexicon

_DAY = r"\d{1,2}(?:st|nd|rd|th)?(?:[-–]\d{1,2}(?:st|nd|rd|th)?)?"  # a range names its first day
_YEAR = r"(?:19|20)\d{2}"


def month_names(lexicon: Lexicon) -> str:
    """A pattern for a month's name or abbreviation as text writes it ("March", "Sept.")."""
    cal = lexicon.file("calendar")
    names = [*cal.get("months", {}), *cal.get("month_abbreviations", {})]
    alt = "|".join(re.escape(n.capitalize()) for n in sorted(names, key=len, reverse=True))
    return rf"(?:{alt or '(?!)'})\.?"


def _calendar(lexicon: Lexicon) -> str:
    months = month_names(lexicon)
    weekdays = "|".join(re.escape(w) for w in lexicon.section("calendar", "weekdays")) or "(?!)"
    # a bare year is a date only after words such as "in" ("in 2019"): fixed-width lookbehinds
    after = lexicon.words("dating", "year_after")
    year_after = "|".join(rf"(?<={re.escape(w)}\s)" for w in after) or "(?!)"
    return (
        rf"(?P<md>{months}\s+{_DAY}(?:,?\s+{_YEAR})?)|(?P<dm>{_DAY}\s+{months}(?:,?\s+{_YEAR})?)|"
        rf"(?P<iso>{_YEAR}-\d{{2}}-\d{{2}})|(?P<my>{months}(?:\s+{_YEAR})?)|"
        rf"(?P<y>(?:{year_after}){_YEAR})|(?P<wd>(?i:{weekdays}))"
    )


@dataclass(frozen=True)
class DatePhrase:
    """A date phrase found in text: where, and the date it names at what precision."""

    start: int
    end: int
    iso: str  # YYYY-MM-DD (first day of the month or year at coarser precision)
    precision: str  # day, month or year


@cache
def date_pattern(lexicon: Lexicon) -> re.Pattern[str]:
    """One pattern for every date phrase: lexicon relative phrases, then calendar forms."""
    rel = list(lexicon.section("dating", "relative")) + list(lexicon.section("dating", "days"))
    alt = "|".join(re.escape(p) for p in sorted(rel, key=len, reverse=True)) or "(?!)"
    return re.compile(rf"(?<![\w-])(?:(?P<rel>(?i:{alt}))|{_calendar(lexicon)})(?![\w-])")


def find_dates(
    text: str, start: int, end: int, published: str | None, lexicon: Lexicon, lean: str = "past"
) -> list[DatePhrase]:
    """Every date phrase in text[start:end] that can be placed on the calendar."""
    out = []
    for m in date_pattern(lexicon).finditer(text, start, end):
        placed = _place(m, published, lexicon, lean)
        if placed:
            out.append(DatePhrase(m.start(), m.end(), *placed))
    return out


def _place(
    m: re.Match[str], published: str | None, lexicon: Lexicon, lean: str
) -> tuple[str, str] | None:
    base = to_date(published)  # a month or year counts from its first day
    phrase = m.group(0)
    if m.group("rel"):
        return _relative(phrase.lower(), base, precision_of(published), lexicon) if base else None
    if m.group("wd"):
        if not base or precision_of(published) != "day":
            return None
        weekday = int(lexicon.section("calendar", "weekdays")[phrase.lower()])
        back = (base.weekday() - weekday) % 7
        return (base - timedelta(days=back)).isoformat(), "day"
    if m.group("iso"):
        iso = normalize_date(phrase)
        return (iso, "day") if iso else None
    return _calendar_date(phrase, base, lean, lexicon)


_PARTS = re.compile(r"(?P<month>[A-Za-z]+)|(?P<year>(?:19|20)\d{2})(?!\d)|(?P<day>\d{1,2})")


def _calendar_date(
    phrase: str, base: date | None, lean: str, lexicon: Lexicon
) -> tuple[str, str] | None:
    """ "Oct. 12", "31 March 2019", "March 2019", "in 2019": the date and its precision; a
    missing year is the one that puts the date before (lean "past") or after the base."""
    month = day = year = None
    cal = lexicon.file("calendar")
    for p in _PARTS.finditer(phrase):
        if p.group("month"):
            name = p.group("month").lower()
            named = cal.get("months", {}).get(name) or cal.get("month_abbreviations", {}).get(name)
            month = named or month
        elif p.group("year"):
            year = int(p.group("year"))
        elif p.group("day") and day is None:
            day = int(p.group("day"))
    if month is None:
        return (f"{year:04d}-01-01", "year") if year else None
    if year is None:
        if base is None:
            return None
        year = base.year
        here, then = (base.month, base.day if day else 1), (int(month), day or 1)
        if lean == "past" and then > here:
            year -= 1
        elif lean == "future" and then < here:
            year += 1
    try:
        d = date(year, int(month), day or 1)
    except ValueError:
        return None
    return (d.isoformat(), "day") if day else (_truncate(d, "month"), "month")


def _relative(
    phrase: str, base: date, precision: str | None, lexicon: Lexicon
) -> tuple[str, str] | None:
    """ "yesterday", "last month": counted back from the publication date, never finer than it."""
    days = lexicon.section("dating", "days")
    if phrase in days:
        if precision != "day":
            return None
        return (base - timedelta(days=int(days[phrase]))).isoformat(), "day"
    back, unit = lexicon.section("dating", "relative")[phrase]
    if precision == "year" and unit != "year":
        return None
    month = base.year * 12 + base.month - 1 - int(back)
    return _truncate(date(month // 12, month % 12 + 1, 1), str(unit)), str(unit)


def _truncate(d: date, precision: str) -> str:
    """The first day of the period a date names at `precision` ("2024-10-01" for a month)."""
    if precision == "year":
        return f"{d.year:04d}-01-01"
    if precision == "month":
        return f"{d.year:04d}-{d.month:02d}-01"
    return d.isoformat()

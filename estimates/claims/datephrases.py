"""Date phrases in text -> (ISO date, precision), relative to a publication date.

"Monday" and "yesterday" are counted back from publication by hand (a news weekday is the most
recent one, publication day included); calendar dates ("Oct. 25", "31 March 2019", "in October")
go through dateparser, with one parser per publication date and direction, reused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache, lru_cache
from typing import Any

from estimates.dates import normalize_date, to_date
from estimates.lexicon import Lexicon

PARSERS_KEPT = 64
"""Publication dates whose dateparser parser stays cached (one parser per date and direction)."""

_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_CALENDAR = (
    rf"(?P<md>{_MONTHS}\s+{_DAY}(?:,?\s+{_YEAR})?)|(?P<dm>{_DAY}\s+{_MONTHS}(?:,?\s+{_YEAR})?)|"
    rf"(?P<iso>{_YEAR}-\d{{2}}-\d{{2}})|(?P<my>{_MONTHS}(?:\s+{_YEAR})?)|(?P<y>(?:(?<=in\s)|(?<=of\s)|(?<=by\s)|(?<=until\s)|(?<=through\s)){_YEAR})|"
    rf"(?P<wd>(?i:{'|'.join(_WEEKDAYS)}))"
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
    return re.compile(rf"(?<![\w-])(?:(?P<rel>(?i:{alt}))|{_CALENDAR})(?![\w-])")


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


def _base(published: str | None) -> date | None:
    """The publication date to count from; a month or year counts from its first day."""
    return to_date(published)


def _place(
    m: re.Match[str], published: str | None, lexicon: Lexicon, lean: str
) -> tuple[str, str] | None:
    base = _base(published)
    phrase = m.group(0)
    if m.group("rel"):
        return _relative(phrase.lower(), base, lexicon) if base else None
    if m.group("wd"):
        if not base:
            return None
        back = (base.weekday() - _WEEKDAYS.index(phrase.lower())) % 7
        return (base - timedelta(days=back)).isoformat(), "day"
    if m.group("iso"):
        iso = normalize_date(phrase)
        return (iso, "day") if iso else None
    precision = "year" if m.group("y") else "month" if m.group("my") else "day"
    if not base and not re.search(_YEAR, phrase):
        return None
    parsed = _parse(phrase, base.isoformat() if base else None, lean)
    if parsed is None:
        return None
    return _truncate(parsed, precision), precision


def _relative(phrase: str, base: date, lexicon: Lexicon) -> tuple[str, str] | None:
    days = lexicon.section("dating", "days")
    if phrase in days:
        return (base - timedelta(days=int(days[phrase]))).isoformat(), "day"
    back, precision = lexicon.section("dating", "relative")[phrase]
    month = base.year * 12 + base.month - 1 - int(back)
    return _truncate(date(month // 12, month % 12 + 1, 1), str(precision)), str(precision)


def _truncate(d: date, precision: str) -> str:
    if precision == "year":
        return f"{d.year:04d}-01-01"
    if precision == "month":
        return f"{d.year:04d}-{d.month:02d}-01"
    return d.isoformat()


def _parse(phrase: str, base: str | None, lean: str) -> date | None:
    data = _parser(base, lean).get_date_data(phrase)
    return data.date_obj.date() if data and data.date_obj else None


@lru_cache(maxsize=PARSERS_KEPT)
def _parser(base: str | None, lean: str) -> Any:
    """A dateparser parser for one publication date and direction, built once (it is slow)."""
    from dateparser.date import DateDataParser

    settings: dict[str, Any] = {"PREFER_DATES_FROM": lean, "PREFER_DAY_OF_MONTH": "first"}
    if base:
        settings["RELATIVE_BASE"] = datetime.fromisoformat(base)
    return DateDataParser(languages=["en"], settings=settings)

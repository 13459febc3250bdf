"""Calendar dates as the project keeps them: ISO text cut to its precision ("2024-10-30",
"2023-12", "2015"), or no date at all.

One parser for every way a date comes in (headers, JSON, feeds, HTML, rows of an old ledger),
so a date that cannot exist ("2024-02-30", "0000-01-01") is no date everywhere, never a crash
later in a report or a chart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

FIRST_YEAR, LAST_YEAR = 1000, 2999
"""Years a news date may have: outside them a date is a typo or a placeholder ("0001-01-01",
"9999-12-31"), and date arithmetic or chart axes would overflow on it."""

PRECISIONS = ("day", "month", "year")

_ISO = re.compile(r"\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?=$|[T\s+Z])")


def normalize_date(raw: object) -> str | None:
    """ISO text at its own precision, or None when `raw` is empty or no possible date.

    Accepts "2024-10-30", "2024-10-30T12:00:00+02:00", "2023-12", "2015" and, through
    dateparser, written dates ("October 30, 2024", "Dec 2023").
    """
    if raw is None:
        return None
    text = str(raw).strip()
    if not text:
        return None
    m = _ISO.match(text)
    if m:
        return _checked(*m.groups())
    return _written(text)


def precision_of(iso: str | None) -> str | None:
    """'day', 'month' or 'year' for a normalized date; None for no date."""
    if not iso:
        return None
    return {10: "day", 7: "month", 4: "year"}.get(len(iso))


def to_date(iso: str | None) -> date | None:
    """The first day a normalized date covers ("2023-12" -> 2023-12-01); None if unreadable."""
    norm = normalize_date(iso)
    if norm is None:
        return None
    parts = [int(p) for p in norm.split("-")] + [1, 1]
    return date(parts[0], parts[1], parts[2])


@dataclass(frozen=True, order=True)
class When:
    """A date at its own precision: `iso` is "2024-10-30", "2023-12" or "2015". Ordered as its
    text, so a month sorts before the days in it and after the months before it."""

    iso: str

    @classmethod
    def parse(cls, raw: object, precision: str | None = None) -> When | None:
        """The date in `raw`, cut to `precision` when that is coarser than the text ("2024-10-01"
        at month precision is "2024-10"); None when `raw` holds no possible date."""
        iso = normalize_date(raw)
        if iso is None:
            return None
        cut = _LENGTHS.get(precision or "", len(iso))
        return cls(iso[: min(cut, len(iso))])

    @property
    def precision(self) -> str:
        """'day', 'month' or 'year'."""
        return precision_of(self.iso) or "day"

    @property
    def first_day(self) -> date:
        """The first day the date covers ("2023-12" -> 2023-12-01)."""
        parts = [int(p) for p in self.iso.split("-")] + [1, 1]
        return date(parts[0], parts[1], parts[2])

    @property
    def last_day(self) -> date:
        """The last day the date covers ("2023-12" -> 2023-12-31)."""
        first = self.first_day
        if self.precision == "year":
            return first.replace(month=12, day=31)
        if self.precision == "month":
            after = first.replace(year=first.year + first.month // 12, month=first.month % 12 + 1)
            return after - timedelta(days=1)
        return first


_LENGTHS = {"day": 10, "month": 7, "year": 4}
"""Characters of ISO text at each precision."""


def _checked(year: str, month: str | None, day: str | None) -> str | None:
    y = int(year)
    if not FIRST_YEAR <= y <= LAST_YEAR:
        return None
    try:
        date(y, int(month or 1), int(day or 1))
    except ValueError:
        return None
    return "-".join(p for p in (year, month, day) if p)


_WRITTEN_HINT = re.compile(r"[A-Za-z]{3}|\d{1,2}/\d{1,2}/\d{2,4}")


def _written(text: str) -> str | None:
    """A date written in words or with slashes, at the precision the text gives."""
    if len(text) > 60 or not _WRITTEN_HINT.search(text):
        return None
    from dateparser.date import DateDataParser

    try:
        data = DateDataParser(languages=["en"]).get_date_data(text)
    except (ValueError, OverflowError, OSError):
        return None
    if data is None or data.date_obj is None:
        return None
    d = data.date_obj.date()
    iso = {"month": d.isoformat()[:7], "year": d.isoformat()[:4]}.get(data.period or "day")
    return normalize_date(iso or d.isoformat())

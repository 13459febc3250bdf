"""Small helpers every output shares: the error type, source names, dates and figures."""

from __future__ import annotations

import math
from typing import Any

from estimates.dates import normalize_date
from estimates.errors import EstimatesError
from estimates.report.intervals import number

UNATTRIBUTED = "unattributed"
"""Name shown for a claim the article makes in its own voice with no publisher known."""


class ReportError(EstimatesError, ValueError):
    """A report, chart or export cannot be made from what was asked (bad name, format, filter)."""


def text(v: Any) -> str:
    """A cell as text: '' for missing values (None, NaN)."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return ""
    return str(v)


def source_name(row: Any) -> str:
    """Who makes the claim: the reconciler's display name if given, else the attributed
    source, else the publisher, else 'unattributed'."""
    for key in ("source_name", "source", "publisher"):
        if text(row.get(key)):
            return text(row.get(key))
    return UNATTRIBUTED


def iso_date(v: Any) -> str:
    """YYYY-MM-DD from a date, datetime or ISO string; '' when missing or unreadable."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return ""
    if hasattr(v, "strftime"):
        try:
            v = v.strftime("%Y-%m-%d")
        except ValueError:  # NaT
            return ""
    iso = normalize_date(v)
    return iso if iso is not None and len(iso) == 10 else ""


def claim_date(row: Any) -> str:
    """When the claim was made: the reconciler's date, its own date, else the article's."""
    for key in ("date", "claimed_at", "published"):
        day = iso_date(row.get(key))
        if day:
            return day
    return ""


def figure(v: Any) -> str:
    """A figure for readers: thousands separators, open bounds as '∞', '' when missing."""
    f = number(v)
    if f is None:
        return ""
    if math.isinf(f):
        return "∞" if f > 0 else "-∞"
    if f.is_integer():
        return f"{f:,.0f}"
    return f"{f:,.4g}" if abs(f) >= 1 else f"{f:.3g}"


def count(n: int, one: str, many: str) -> str:
    """'1 quantity', '3 quantities'."""
    return f"{n} {one if n == 1 else many}"

"""Small helpers every output shares: the error type, source names, dates and figures."""

from __future__ import annotations

import math
from typing import Any

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
    """Who makes the claim: the attributed source, else the publisher, else 'unattributed'."""
    return text(row.get("source")) or text(row.get("publisher")) or UNATTRIBUTED


def iso_date(v: Any) -> str:
    """YYYY-MM-DD from a date, datetime or ISO string; '' when missing or unreadable."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return ""
    if hasattr(v, "strftime"):
        try:
            return v.strftime("%Y-%m-%d")
        except ValueError:  # NaT
            return ""
    s = str(v).strip()
    if len(s) >= 10 and s[4] == "-" and s[7] == "-" and s[:4].isdigit():
        return s[:10]
    return ""


def claim_date(row: Any) -> str:
    """When the claim was made: its own date, else the article's publication date."""
    return iso_date(row.get("claimed_at")) or iso_date(row.get("published"))


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

"""Numbers that are not claims: dates, years, clock times, identifiers, phone numbers."""

from __future__ import annotations

import re

from estimates.claims.numbers import Numeral

MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_MONTH_BEFORE = re.compile(rf"\b(?:{MONTHS})\.?\s*$", re.I)
_MONTH_AFTER = re.compile(rf"^(?:st|nd|rd|th)?\s*(?:of\s+)?(?:{MONTHS})\b", re.I)
_TIME_AFTER = re.compile(r"^(?::\d\d|\s*(?:a\.?m\b|p\.?m\b|o'clock|hrs\b|GMT\b|UTC\b))", re.I)
_ID_BEFORE = re.compile(
    r"(?:\b(?:no|nos|number|section|page|pages|p|pp|route|highway|article|chapter|room|flight|"
    r"resolution|apartment|unit|suite|platform|gate|box|ward|district|precinct|row|seat|"
    r"version|v|model|level|grade|class|division|phase|stage|episode|season|volume|vol|issue|"
    r"figure|fig|table|line|paragraph|clause|rule|category|squad|no\.)\.?\s*#?|#|[A-Za-z]-)$",
    re.I,
)
_ID_AFTER_NOUN = frozenset(
    [
        "street",
        "st",
        "road",
        "rd",
        "avenue",
        "ave",
        "boulevard",
        "blvd",
        "lane",
        "drive",
        "highway",
        "route",
        "am",
        "pm",
    ]
)
_YEAR_BEFORE = re.compile(
    r"\b(?:in|since|by|from|until|till|of|during|early|late|mid|the|year|before|after|"
    r"through|to|and|between|fiscal|fy|spring|summer|autumn|fall|winter)\s*[-–]?\s*$",
    re.I,
)
_PHONE = re.compile(r"^[\s(]*\d{3}[)\s.-]+\d{3,4}[\s.-]+\d{3,4}")
_MEASURES = frozenset(
    ["money", "percent", "length", "mass", "area", "volume", "speed", "energy", "power", "data"]
)


def is_not_a_claim(
    text: str, start: int, end: int, unit: str | None, kind: str, first: Numeral
) -> bool:
    """True when the number at text[start:end] is a date, year, time, id or phone number."""
    before = text[max(0, start - 24) : start]
    after = text[end : end + 16]
    raw = text[first.start : first.end]
    if _MONTH_BEFORE.search(before) and first.value <= 31 and not first.words:
        return True
    if _MONTH_AFTER.match(after) and first.value <= 31:
        return True
    if _TIME_AFTER.match(after) or before.endswith(":"):
        return True
    if _ID_BEFORE.search(before) and not first.words:
        return True
    if unit in _ID_AFTER_NOUN:
        return True
    if _PHONE.match(text[first.start : first.start + 20]) and "," not in raw:
        return True
    return _is_year(raw, first, before, unit, kind)


def _is_year(raw: str, first: Numeral, before: str, unit: str | None, kind: str) -> bool:
    if not re.fullmatch(r"\d{4}s?", raw) or not 1800 <= first.value <= 2100:
        return False
    if kind in _MEASURES:
        return False
    if unit is None or _YEAR_BEFORE.search(before):
        return True
    return not unit.endswith("s") and unit in ("year",)

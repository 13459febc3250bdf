"""The interval a claim is drawn as, from its value, range ends and qualifier.

For charts, not reconciliation (estimates/reconcile/intervals.py widens "about" figures and
closes upper bounds at 0): here "about" is a point and both kinds of bound stay open (inf),
so a chart can draw them as arrows. Accepts the NaNs and strings of DataFrame cells."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

LOWER_BOUNDS = frozenset({"at_least", "more_than"})
"""Qualifiers that state a floor: the claim allows anything above its value."""

UPPER_BOUNDS = frozenset({"at_most", "less_than"})
"""Qualifiers that state a ceiling: the claim allows anything below its value."""


@dataclass(frozen=True)
class Interval:
    """low..high a claim allows; -inf/inf where it is open; `point` is its central figure."""

    low: float
    point: float
    high: float

    @property
    def open_low(self) -> bool:
        """No floor: an upper bound ('at most', 'fewer than')."""
        return math.isinf(self.low)

    @property
    def open_high(self) -> bool:
        """No ceiling: a lower bound ('at least', 'more than')."""
        return math.isinf(self.high)


def number(v: Any) -> float | None:
    """A float, or None for missing values (None, NaN, empty strings)."""
    if v is None or v == "":
        return None
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


def claim_interval(value: Any, low: Any, high: Any, qualifier: Any) -> Interval | None:
    """The claim's interval; None when it has no usable value. A bound's qualifier wins over
    low/high, so a lower bound stays open even when a table filled in a finite low/high."""
    v, lo, hi = number(value), number(low), number(high)
    if v is not None and qualifier in LOWER_BOUNDS:
        return Interval(v, v, math.inf)
    if v is not None and qualifier in UPPER_BOUNDS:
        return Interval(-math.inf, v, v)
    if lo is not None and hi is not None:
        return Interval(lo, v if v is not None else (lo + hi) / 2, hi)
    return None if v is None else Interval(v, v, v)

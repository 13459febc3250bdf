"""The interval a claim is drawn as, from its value, range ends and qualifier.

For charts, not reconciliation (estimates/reconcile/intervals.py widens "about" figures and
closes upper bounds at 0): here "about" is a point and both kinds of bound stay open (inf),
so a chart can draw them as arrows. Accepts the NaNs and strings of DataFrame cells."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from estimates.reconcile.intervals import LOWER_BOUNDS, UPPER_BOUNDS


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


def quantity_unit_factor(row: Mapping[Any, Any]) -> float:
    """How much to multiply a claim's stated figures by to get the quantity's unit (30 miles on
    a kilometer quantity: 1.609), read off the reconciler's converted interval; 1 without one."""
    v = number(row.get("value"))
    lo, hi = number(row.get("interval_low")), number(row.get("interval_high"))
    qualifier = row.get("qualifier")
    if qualifier in LOWER_BOUNDS:
        converted = lo
    elif qualifier in UPPER_BOUNDS:
        converted = hi
    else:
        converted = None if lo is None or hi is None else (lo + hi) / 2
    if not v or converted is None or not math.isfinite(converted):
        return 1.0
    return converted / v


def in_quantity_unit(row: Mapping[Any, Any]) -> dict[Any, Any]:
    """The claim with value/low/high in its quantity's unit (see `quantity_unit_factor`)."""
    f = quantity_unit_factor(row)
    if math.isclose(f, 1.0):
        return dict(row)
    scaled = {k: number(row.get(k)) for k in ("value", "low", "high")}
    return {**row, **{k: None if x is None else x * f for k, x in scaled.items()}}

"""The interval a claim allows: its qualifier and the precision a round number implies.

exact      [x, x]
approx     [x - w, x + w], w = half the rounding step of x, capped at APPROX_MAX_SHARE of x:
           "about 10,000" allows 9,500-10,500, so it is not contradicted by 10,132
at_least / more_than   [x, inf)
at_most / less_than    [0, x]   (figures here are non-negative amounts)
range      [a, b]
An exact figure stated in another unit than its quantity's reads as approx (reconcile.py): it
was rounded in its own unit ("8.2 km (5.1 mi)": 5.1 mi is not exactly 8.2 km).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

APPROX_MAX_SHARE = 0.05
"""Most an "about" may stray from its figure: 5% (news rounds "10,132" to "about 10,000")."""

LOWER_BOUNDS = frozenset({"at_least", "more_than"})
UPPER_BOUNDS = frozenset({"at_most", "less_than"})


@dataclass(frozen=True)
class Interval:
    """low..high a claim allows (high may be inf); `point` is its central figure."""

    low: float
    point: float
    high: float

    def overlaps(self, other: Interval) -> bool:
        """Whether some value is allowed by both intervals."""
        return self.low <= other.high and other.low <= self.high

    def gap(self, other: Interval) -> float:
        """Distance between two intervals; 0 when they overlap."""
        return max(0.0, max(self.low, other.low) - min(self.high, other.high))

    def scaled(self, factor: float) -> Interval:
        """The same interval in another unit (`factor` converts one unit into the other)."""
        return Interval(self.low * factor, self.point * factor, self.high * factor)


def rounding_step(x: float) -> float:
    """The step a figure is rounded to: 10,000 -> 10,000; 11,000 -> 1,000; 2.5 -> 0.1."""
    x = abs(x)
    if x == 0:
        return 1.0
    if x != int(x):
        decimals = len(f"{x:.6f}".rstrip("0").split(".")[1])
        return 10.0**-decimals
    n, step = int(x), 1.0
    while n % 10 == 0:
        n //= 10
        step *= 10
    return step


def claim_interval(value: float, low: float | None, high: float | None, qualifier: str) -> Interval:
    """The interval of one claim (see the module docstring)."""
    if low is not None and high is not None:
        return Interval(min(low, high), value, max(low, high))
    if qualifier in LOWER_BOUNDS:
        return Interval(value, value, math.inf)
    if qualifier in UPPER_BOUNDS:
        return Interval(min(0.0, value), value, value)
    if qualifier == "approx":
        w = min(rounding_step(value) / 2, abs(value) * APPROX_MAX_SHARE)
        return Interval(value - w, value, value + w)
    return Interval(value, value, value)

"""Policies: how one quantity's claims become a low, best and high figure.

Each policy reads the latest figure of each independent source (`Interval`s, one per source)
and returns (low, best, high). Add one with `@policy("name")`; the CLI's `--policy` choices are
built from this registry.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from estimates.reconcile.intervals import Interval

Figures = tuple[float, float, float]
DEFAULT_POLICY = "median-latest"


@dataclass(frozen=True)
class Policy:
    """A named reconciliation rule; `doc` is its one-line description for help and reports."""

    name: str
    doc: str
    apply: Callable[[Sequence[Interval]], Figures]


POLICIES: dict[str, Policy] = {}


def policy(name: str) -> Callable[[Callable[[Sequence[Interval]], Figures]], Policy]:
    """Register a policy under `name`; its docstring is its description."""

    def register(fn: Callable[[Sequence[Interval]], Figures]) -> Policy:
        p = Policy(name, (fn.__doc__ or name).strip(), fn)
        POLICIES[name] = p
        return p

    return register


def get_policy(name: str) -> Policy:
    """The policy called `name`, or a named error listing the known ones."""
    from estimates.errors import EstimatesError

    if name not in POLICIES:
        known = ", ".join(sorted(POLICIES))
        raise EstimatesError(f"unknown policy {name!r} (known: {known})")
    return POLICIES[name]


@policy("median-latest")
def median_latest(latest: Sequence[Interval]) -> Figures:
    """Best is the median of each source's latest figure; low and high the lowest and highest."""
    points = sorted(iv.point for iv in latest)
    return points[0], statistics.median(points), points[-1]


@policy("range")
def envelope(latest: Sequence[Interval]) -> Figures:
    """Low and high span the figures the sources' latest claims state ("about" widened, the
    open side of "at least" or "as many as" left out); best is the midpoint."""
    lows = [iv.low if iv.low > 0 or iv.point == 0 else iv.point for iv in latest]
    highs = [iv.point if math.isinf(iv.high) else iv.high for iv in latest]
    low, high = min(lows), max(highs)
    return low, (low + high) / 2, high


@policy("conservative")
def conservative(latest: Sequence[Interval]) -> Figures:
    """Best is the lowest latest figure (what no source says is too high); low/high are its own."""
    lowest = min(latest, key=lambda iv: iv.point)
    return lowest.low, lowest.point, lowest.high

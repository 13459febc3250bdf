"""The reconciled report as frozen records: one `QuantityReport` per tracked quantity."""

from __future__ import annotations

from dataclasses import dataclass

from estimates.claims.model import Claim
from estimates.reconcile.intervals import Interval


@dataclass(frozen=True)
class Figure:
    """One claim inside a quantity: its interval in the quantity's unit, who, and when."""

    claim: Claim
    interval: Interval
    source: str  # display name: the source, else the publisher, else "unattributed"
    source_key: str  # independence key: copies and relays of one originator share it
    date: str | None  # YYYY-MM-DD the claim was made
    superseded_by: str | None = None


@dataclass(frozen=True)
class SourceSummary:
    """One independent source of a quantity and its latest figure."""

    name: str
    key: str
    claims: int
    latest: Figure


@dataclass(frozen=True)
class Disagreement:
    """Two sources whose intervals do not overlap in the same period; `gap` is how far apart."""

    a: Figure
    b: Figure
    gap: float

    @property
    def summary(self) -> str:
        return (
            f"{self.a.source} ({_show(self.a)}, {self.a.date or 'undated'}) vs "
            f"{self.b.source} ({_show(self.b)}, {self.b.date or 'undated'}): "
            f"apart by {_num(self.gap)}"
        )


@dataclass(frozen=True)
class Revision:
    """A source changing its own figure between two dates."""

    before: Figure
    after: Figure

    @property
    def direction(self) -> str:
        b, a = self.before.interval.point, self.after.interval.point
        return "up" if a > b else "down" if a < b else "restated"

    @property
    def summary(self) -> str:
        return (
            f"{self.after.source}: {_show(self.before)} ({self.before.date or 'undated'}) -> "
            f"{_show(self.after)} ({self.after.date or 'undated'}), {self.direction}"
        )


@dataclass(frozen=True)
class QuantityReport:
    """One tracked quantity, reconciled under `policy`."""

    id: str
    label: str
    unit: str | None
    policy: str
    low: float | None
    best: float | None
    high: float | None
    sources: tuple[SourceSummary, ...]
    disagreements: tuple[Disagreement, ...]
    revisions: tuple[Revision, ...]
    figures: tuple[Figure, ...]  # every claim, oldest first
    pinned: bool = False

    @property
    def spread(self) -> float | None:
        """Highest / lowest of the sources' latest figures; None with fewer than two."""
        points = [s.latest.interval.point for s in self.sources]
        if len(points) < 2 or min(points) <= 0:
            return None
        return max(points) / min(points)


@dataclass(frozen=True)
class Report:
    """Every quantity, largest first, under one policy."""

    policy: str
    quantities: tuple[QuantityReport, ...]


def _num(v: float) -> str:
    if v == float("inf"):
        return "inf"
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.4g}"


def _show(f: Figure) -> str:
    iv = f.interval
    q = f.claim.qualifier
    if q == "range" or (iv.low != iv.point and iv.high != iv.point and q != "approx"):
        return f"{_num(iv.low)}-{_num(iv.high)}"
    words = {"approx": "about ", "at_least": "at least ", "more_than": "more than "}
    words |= {"at_most": "at most ", "less_than": "less than "}
    return words.get(q, "") + _num(iv.point)

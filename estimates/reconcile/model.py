"""The reconciled report as frozen records: one `QuantityReport` per tracked quantity.

These records are the only report model: every output (JSON, text, Markdown, HTML, charts,
DataFrames, CSV, XLSX) is drawn from them, so a new field is added here once.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache

from estimates.claims.model import Claim
from estimates.dates import When
from estimates.reconcile.intervals import Interval

UNDATED = date.min.toordinal() - 10**6
"""Day number of an undated figure: far from every date, so undated figures meet only each
other when figures are compared within a period."""


@dataclass(frozen=True)
class Figure:
    """One claim inside a quantity: its interval in the quantity's unit, who, and when."""

    claim: Claim
    interval: Interval  # in the quantity's unit: the claim's stated figures times `factor`
    factor: float  # multiplier from the claim's unit to the quantity's (1 when the same)
    source: str  # display name: the source's body, else the source, else the publisher
    source_key: str  # independence key: copies and relays of one originator share it
    date: When | None  # when the claim was made, at its precision; None when undated
    superseded_by: str | None = None  # claim id of the same source's next later figure
    extractor_version: str | None = None  # version of the extractor that found the claim
    story: str = ""  # name of the story (event) its article belongs to

    @cached_property
    def day(self) -> int:
        """Day number used to order and compare figures in time: the first day the date
        covers (a claim made "earlier this month" counts from the 1st); computed once."""
        return day_number(self.date)

    @property
    def shape(self) -> str:
        """point, floor ("at least"), ceiling ("as many as") or range; "about 11,000" and
        "11,000" are both points."""
        iv = self.interval
        if iv.low == iv.point == iv.high or self.claim.qualifier in ("approx", "exact"):
            return "point"
        return "floor" if math.isinf(iv.high) else "range" if iv.low > 0 else "ceiling"


def day_number(date: When | None) -> int:
    """Figure.day of a date: its first day's number, UNDATED for none."""
    return _ordinal(date) if date else UNDATED


@lru_cache(maxsize=1 << 16)
def _ordinal(when: When) -> int:
    """The day number of a date's first day, worked out once per date."""
    return when.first_day.toordinal()


@dataclass(frozen=True)
class SourceSummary:
    """One independent source of a quantity and its latest figure."""

    name: str
    key: str
    claims: int
    latest: Figure


@dataclass(frozen=True)
class Disagreement:
    """Two sources whose intervals do not overlap in the same period; `gap` is how far apart
    (in the quantity's unit). `a` and `b` are the two claims it names."""

    a: Figure
    b: Figure
    gap: float


@dataclass(frozen=True)
class Revision:
    """A source changing its own figure between two dates."""

    before: Figure
    after: Figure

    @property
    def direction(self) -> str:
        """up, down or restated (the same central figure in another shape)."""
        b, a = self.before.interval.point, self.after.interval.point
        return "up" if a > b else "down" if a < b else "restated"


@dataclass(frozen=True)
class QuantityReport:
    """One tracked quantity, reconciled under `policy`; figures are in `unit`."""

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
    story: str = ""  # the story's name ("2015 Nepal earthquake"); "" when it spans stories
    story_id: str = ""

    @property
    def latest_points(self) -> list[float]:
        """Each independent source's latest central figure."""
        return [s.latest.interval.point for s in self.sources]

    @property
    def lowest(self) -> float | None:
        """Lowest of the sources' latest figures."""
        return min(self.latest_points, default=None)

    @property
    def highest(self) -> float | None:
        """Highest of the sources' latest figures."""
        return max(self.latest_points, default=None)

    @property
    def spread(self) -> float | None:
        """Highest / lowest of the sources' latest figures; None with fewer than two."""
        points = self.latest_points
        if len(points) < 2 or min(points) <= 0:
            return None
        return max(points) / min(points)

    @property
    def first_claimed(self) -> When | None:
        """Date of the earliest dated claim."""
        return min((f.date for f in self.figures if f.date), default=None)

    @property
    def last_claimed(self) -> When | None:
        """Date of the latest dated claim."""
        return max((f.date for f in self.figures if f.date), default=None)


@dataclass(frozen=True)
class Story:
    """Documents about one event (a disaster, a war, an epidemic): claims are compared only
    within a story. `name` is built from the documents' own words or given by the user."""

    id: str
    name: str
    doc_ids: tuple[str, ...]
    pinned: bool = False


@dataclass(frozen=True)
class Report:
    """Every quantity, largest first, under one policy; the stories; and the claims the tool
    could not place in a quantity (what they count is unknown), oldest first."""

    policy: str
    quantities: tuple[QuantityReport, ...]
    stories: tuple[Story, ...] = ()
    ungrouped: tuple[Figure, ...] = ()

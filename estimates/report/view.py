"""What a report shows about one quantity, as plain (unescaped) strings drawn from the
reconciler's records. The text, rich terminal, Markdown and HTML renderers only add layout and
markup to a `QuantityView`, so they always carry the same content."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from estimates.dates import When
from estimates.reconcile.model import Disagreement, Figure, QuantityReport, Revision
from estimates.report.formatting import (
    RANGE_DASH,
    date_text,
    interval_text,
    number,
    ratio,
    stated_text,
)

SHORT_ID = 8
"""Characters of a claim id shown to readers: enough to be unique for `estimates move`."""

OPEN = "open"
"""Shown for an open end of a reconciled range (only "at least" or "at most" figures)."""

UNDATED = "undated"
"""Shown in a sentence where a figure has no date."""


@dataclass(frozen=True)
class Evidence:
    """One claim as evidence: when, who, what figure, the sentence and where it was printed."""

    claim_id: str
    date: str  # when the claim was made, at its precision ("2024-10-30", "Dec 2023")
    source: str  # the source's name, with the speaker when the speaker says more
    text: str  # the claim as written ("about 10,000 North Korean troops")
    figure: str  # its figure as stated ("about 10,000")
    sentence: str
    doc_id: str
    publisher: str
    published: str
    title: str
    url: str

    @property
    def short_id(self) -> str:
        return self.claim_id[:SHORT_ID]


@dataclass(frozen=True)
class QuantityView:
    """One quantity's section of a report."""

    id: str
    label: str
    story: str
    unit: str
    policy: str
    low: str
    best: str
    high: str
    span: str  # low–high with the unit, or "at least 3,000 troop" when one end is open
    spread: str  # highest source figure ÷ lowest, e.g. '×1.2'; '' with one source
    claims: int
    sources: tuple[Evidence, ...]  # each independent source's latest figure
    disagreements: tuple[str, ...]
    revisions: tuple[str, ...]
    evidence: tuple[Evidence, ...]  # every claim, oldest first


def who(f: Figure, name: str | None = None) -> str:
    """The source's name, with the speaker beside it when the speaker says more:
    'South Korea (South Korea's spy agency)', but 'port authority' for 'The port authority'."""
    name = name or f.source
    speaker = f.claim.source or ""
    return f"{name} ({speaker})" if speaker and _bare(speaker) != _bare(name) else name


def _bare(name: str) -> str:
    return name.casefold().removeprefix("the ")


def evidence(f: Figure, unit: str | None, name: str | None = None) -> Evidence:
    """One figure as evidence for readers; `name` overrides the source's display name."""
    c = f.claim
    return Evidence(
        claim_id=c.claim_id,
        date=date_text(f.date),
        source=who(f, name),
        text=c.text,
        figure=stated_text(c, unit),
        sentence=" ".join(c.sentence.split()),
        doc_id=c.doc_id,
        publisher=c.publisher or "",
        published=date_text(When.parse(c.published)),
        title=c.title or "",
        url=c.url or "",
    )


def _dated(f: Figure) -> str:
    return date_text(f.date) or UNDATED


def disagreement_text(d: Disagreement) -> str:
    """'South Korea (11,000, 2024-10-30) vs United States (about 10,000, 2024-10-30): apart
    by 500'."""
    return (
        f"{d.a.source} ({interval_text(d.a)}, {_dated(d.a)}) vs "
        f"{d.b.source} ({interval_text(d.b)}, {_dated(d.b)}): apart by {number(d.gap)}"
    )


def revision_text(r: Revision) -> str:
    """'United States: about 10,000 (2024-10-30) -> 11,000–12,000 (2024-11-04), up'."""
    return (
        f"{r.after.source}: {interval_text(r.before)} ({_dated(r.before)}) -> "
        f"{interval_text(r.after)} ({_dated(r.after)}), {r.direction}"
    )


def _end(v: float | None, other: float | None) -> str:
    """One end of the reconciled range: its figure, or 'open' when only the other is known."""
    if v is not None and math.isfinite(v):
        return number(v)
    return OPEN if other is not None and math.isfinite(other) else ""


def _span(low: str, high: str, unit: str) -> str:
    if not low and not high:
        return ""
    if high == OPEN:
        span = f"at least {low}"
    elif low == OPEN:
        span = f"at most {high}"
    else:
        span = low if low == high else f"{low}{RANGE_DASH}{high}"
    return f"{span} {unit}" if unit else span


def quantity_view(q: QuantityReport) -> QuantityView:
    """The report section of one reconciled quantity."""
    unit = q.unit or ""
    low, high = _end(q.low, q.high), _end(q.high, q.low)
    return QuantityView(
        id=q.id,
        label=q.label or q.id,
        story=q.story,
        unit=unit,
        policy=q.policy,
        low=low,
        best=number(q.best),
        high=high,
        span=_span(low, high, unit),
        spread=f"×{ratio(q.spread)}" if q.spread is not None else "",
        claims=len(q.figures),
        sources=tuple(evidence(s.latest, q.unit, s.name) for s in q.sources),
        disagreements=tuple(disagreement_text(d) for d in q.disagreements),
        revisions=tuple(revision_text(r) for r in q.revisions),
        evidence=tuple(evidence(f, q.unit) for f in q.figures),
    )


UNGROUPED_TITLE = "Ungrouped claims"
UNGROUPED_NOTE = (
    "The tool could not tell what these figures count or measure, so they are in no quantity "
    "and compared with nothing; check them by hand."
)
"""Heading and note of the section listing the claims the tool could not place."""


def ungrouped_view(figures: Sequence[Figure]) -> tuple[Evidence, ...]:
    """The claims the tool could not place, oldest first, each as evidence in its own unit."""
    return tuple(evidence(f, f.claim.unit) for f in figures)


SUMMARY_HEAD = ("quantity", "low–high", "best", "sources", "spread", "disagree", "revised")
"""Columns of the summary table at the top of a report."""


def summary_cells(v: QuantityView) -> tuple[str, ...]:
    """A quantity's summary row after its label (see SUMMARY_HEAD)."""
    return (
        v.span,
        v.best,
        str(len(v.sources)),
        v.spread,
        str(len(v.disagreements)),
        str(len(v.revisions)),
    )

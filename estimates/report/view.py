"""What a report shows about one quantity, as plain (unescaped) strings drawn from the
reconciler's records. The text, rich terminal, Markdown and HTML renderers only add layout and
markup to a `QuantityView`, so they always carry the same content."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from estimates.dates import When
from estimates.reconcile.model import Disagreement, Figure, QuantityReport, Revision
from estimates.report.formatting import (
    RANGE_DASH,
    count,
    date_text,
    number,
    quoted,
    ratio,
    stated_text,
    unit_text,
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
    unit: str  # the unit in words, plural ("troops", "miles per hour")
    policy: str
    low: str
    best: str
    high: str
    span: str  # low–high with the unit, or "at least 3,000 troop" when one end is open
    spread: str  # highest source figure ÷ lowest, e.g. '×1.2'; '' with one source
    claims: int
    sources: tuple[Evidence, ...]  # each independent source's latest figure
    cited: tuple[Evidence, ...]  # earlier figures the disagreements and revisions quote
    disagreements: tuple[str, ...]
    revisions: tuple[str, ...]
    evidence: tuple[Evidence, ...]  # every claim, oldest first


def who(f: Figure, name: str | None = None) -> str:
    """The source's name, with the speaker beside it when the speaker says more:
    'South Korea (South Korea's spy agency)', but 'organisers' for 'Organisers' and 'port
    authority' for 'The port authority' (a name is never doubled)."""
    name = name or f.source
    speaker = f.claim.source or ""
    says_more = speaker and _bare(speaker) not in ("", _bare(name))
    return f"{name} ({speaker})" if says_more else name


ARTICLES = ("the", "a", "an")
"""Words that make no difference between two spellings of a name."""


def _bare(name: str) -> str:
    """A name compared without case, punctuation or a leading article."""
    words = re.sub(r"[^\w\s]", " ", name.casefold()).split()
    return " ".join(words[1:] if words[:1] and words[0] in ARTICLES else words)


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


def figure_quote(f: Figure, unit: str | None = None) -> str:
    """A claim as written, in quotes, with its date; a claim in another unit also gives its
    figure in the quantity's: "'30 miles' (48.28 kilometers, 2024-10-30)"."""
    converted = ""
    if f.factor != 1 and math.isfinite(f.interval.point):
        p = f.interval.point
        converted = f"{number(p)} {unit_text(unit, p)}".strip() + ", "
    return f"{quoted(f.claim.text)} ({converted}{_dated(f)})"


def disagreement_text(d: Disagreement, unit: str | None = None) -> str:
    """Both claims as written: "South Korea '11,000' (2024-10-30) vs United States 'about
    10,000 North Korean troops' (2024-10-30): apart by 500 troops"."""
    gap = f"{number(d.gap)} {unit_text(unit, d.gap)}".strip()
    return (
        f"{d.a.source} {figure_quote(d.a, unit)} vs {d.b.source} {figure_quote(d.b, unit)}: "
        f"apart by {gap}"
    )


def revision_text(r: Revision, unit: str | None = None) -> str:
    """A source's change, both claims as written: "United States: 'about 10,000 troops'
    (2024-10-30) -> '11,000 to 12,000' (2024-11-04), up"."""
    return (
        f"{r.after.source}: {figure_quote(r.before, unit)} -> {figure_quote(r.after, unit)}, "
        f"{r.direction}"
    )


def cited_figures(q: QuantityReport) -> tuple[Figure, ...]:
    """Figures that the disagreements and revisions quote but that are no source's latest,
    oldest first: listed with the latest ones, so every quoted claim is shown above."""
    latest = {s.latest.claim.claim_id for s in q.sources}
    pairs = [(d.a, d.b) for d in q.disagreements] + [(r.before, r.after) for r in q.revisions]
    quoted_ids = {f.claim.claim_id for pair in pairs for f in pair} - latest
    return tuple(f for f in q.figures if f.claim.claim_id in quoted_ids)


def _end(v: float | None, other: float | None) -> str:
    """One end of the reconciled range: its figure, or 'open' when only the other is known."""
    if v is not None and math.isfinite(v):
        return number(v)
    return OPEN if other is not None and math.isfinite(other) else ""


def _span(low: str, high: str, q: QuantityReport) -> str:
    if not low and not high:
        return ""
    if high == OPEN:
        span = f"at least {low}"
    elif low == OPEN:
        span = f"at most {high}"
    else:
        span = low if low == high else f"{low}{RANGE_DASH}{high}"
    one = low == high and q.low is not None and abs(q.low) == 1
    unit = unit_text(q.unit, 1 if one else None)
    return f"{span} {unit}" if unit else span


def quantity_view(q: QuantityReport) -> QuantityView:
    """The report section of one reconciled quantity."""
    low, high = _end(q.low, q.high), _end(q.high, q.low)
    return QuantityView(
        id=q.id,
        label=q.label or q.id,
        story=q.story,
        unit=unit_text(q.unit),
        policy=q.policy,
        low=low,
        best=number(q.best),
        high=high,
        span=_span(low, high, q),
        spread=f"×{ratio(q.spread)}" if q.spread is not None else "",
        claims=len(q.figures),
        sources=tuple(evidence(s.latest, q.unit, s.name) for s in q.sources),
        cited=tuple(evidence(f, q.unit) for f in cited_figures(q)),
        disagreements=tuple(disagreement_text(d, q.unit) for d in q.disagreements),
        revisions=tuple(revision_text(r, q.unit) for r in q.revisions),
        evidence=tuple(evidence(f, q.unit) for f in q.figures),
    )


def sources_text(v: QuantityView) -> str:
    """'5 sources, 15 claims'."""
    return f"{count(len(v.sources), 'source')}, {count(v.claims, 'claim')}"


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

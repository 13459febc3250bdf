"""The report as plain data: the JSON-ready dicts `estimates report --format json` prints.

    {"policy", "stories": [{"id", "name", "pinned", "documents", "quantities"}],
     "quantities": [{"id", "label", "story", "story_id", "unit", "low", "best", "high",
      "policy", "pinned", "independent_sources", "spread", "lowest", "highest",
      "first_claimed", "first_claimed_precision", "last_claimed", "last_claimed_precision",
      "source_names", "sources": [...], "disagreements": [{"summary", "a", "b", "gap"}],
      "revisions": [...], "claims": [one row per claim, the codebook's columns]}],
     "ungrouped": [claim rows of the claims the tool could not place]}

Each claim row is `frames.claim_row`, the same row the CSV, XLSX and DataFrames hold; a
disagreement's `a` and `b` name their claims by `claim_id`. JSON has no infinity: an open bound
is null.
"""

from __future__ import annotations

from typing import TypedDict

from estimates.reconcile.model import (
    Disagreement,
    Figure,
    QuantityReport,
    Report,
    Revision,
    Story,
)
from estimates.report.frames import Row, claim_row, finite, iso, precision
from estimates.report.view import disagreement_text, revision_text


class Pair(TypedDict):
    """One figure in brief: who, which claim, when, and its interval in the quantity's unit."""

    source: str
    claim_id: str
    date: str | None
    value: float | None
    low: float | None
    high: float | None


def pair(f: Figure) -> Pair:
    return {
        "source": f.source,
        "claim_id": f.claim.claim_id,
        "date": iso(f.date),
        "value": finite(f.interval.point),
        "low": finite(f.interval.low),
        "high": finite(f.interval.high),
    }


class SourceDict(TypedDict):
    name: str
    key: str
    claims: int
    latest: Pair


class DisagreementDict(TypedDict):
    summary: str
    a: Pair
    b: Pair
    gap: float


class RevisionDict(TypedDict):
    summary: str
    source: str
    direction: str
    before: Pair
    after: Pair


class StoryDict(TypedDict):
    id: str
    name: str
    pinned: bool
    documents: list[str]
    quantities: list[str]


class QuantityDict(TypedDict):
    id: str
    label: str
    story: str
    story_id: str
    unit: str | None
    low: float | None
    best: float | None
    high: float | None
    policy: str
    pinned: bool
    independent_sources: int
    spread: float | None
    lowest: float | None
    highest: float | None
    first_claimed: str | None
    first_claimed_precision: str | None
    last_claimed: str | None
    last_claimed_precision: str | None
    source_names: str
    sources: list[SourceDict]
    disagreements: list[DisagreementDict]
    revisions: list[RevisionDict]
    claims: list[Row]


class ReportDict(TypedDict):
    policy: str
    stories: list[StoryDict]
    quantities: list[QuantityDict]
    ungrouped: list[Row]


def disagreement_dict(d: Disagreement, unit: str | None = None) -> DisagreementDict:
    """A disagreement with a one-line summary for readers."""
    return {"summary": disagreement_text(d, unit), "a": pair(d.a), "b": pair(d.b), "gap": d.gap}


def revision_dict(r: Revision, unit: str | None = None) -> RevisionDict:
    """A revision with a one-line summary for readers."""
    return {
        "summary": revision_text(r, unit),
        "source": r.after.source,
        "direction": r.direction,
        "before": pair(r.before),
        "after": pair(r.after),
    }


def quantity_dict(q: QuantityReport) -> QuantityDict:
    """One quantity as JSON-ready data."""
    return {
        "id": q.id,
        "label": q.label,
        "story": q.story,
        "story_id": q.story_id,
        "unit": q.unit,
        "low": finite(q.low),
        "best": finite(q.best),
        "high": finite(q.high),
        "policy": q.policy,
        "pinned": q.pinned,
        "independent_sources": len(q.sources),
        "spread": q.spread,
        "lowest": q.lowest,
        "highest": q.highest,
        "first_claimed": iso(q.first_claimed),
        "first_claimed_precision": precision(q.first_claimed),
        "last_claimed": iso(q.last_claimed),
        "last_claimed_precision": precision(q.last_claimed),
        "source_names": "; ".join(s.name for s in q.sources),
        "sources": [
            {"name": s.name, "key": s.key, "claims": s.claims, "latest": pair(s.latest)}
            for s in q.sources
        ],
        "disagreements": [disagreement_dict(d, q.unit) for d in q.disagreements],
        "revisions": [revision_dict(r, q.unit) for r in q.revisions],
        "claims": [claim_row(f, q) for f in q.figures],
    }


def story_dict(s: Story, quantities: list[str]) -> StoryDict:
    """A story: its documents and the ids of its quantities."""
    return {
        "id": s.id,
        "name": s.name,
        "pinned": s.pinned,
        "documents": list(s.doc_ids),
        "quantities": quantities,
    }


def report_dict(report: Report) -> ReportDict:
    """The whole report, JSON-ready."""
    per_story: dict[str, list[str]] = {}
    for q in report.quantities:
        per_story.setdefault(q.story_id, []).append(q.id)
    return {
        "policy": report.policy,
        "stories": [story_dict(s, per_story.get(s.id, [])) for s in report.stories],
        "quantities": [quantity_dict(q) for q in report.quantities],
        "ungrouped": [claim_row(f, None) for f in report.ungrouped],
    }

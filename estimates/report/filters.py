"""The filters every report, export and chart takes: one predicate on a reconciled claim, so
all outputs select the same claims; and finding a quantity by id or label words."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from estimates.dates import When
from estimates.errors import ReportError
from estimates.reconcile.model import Figure, QuantityReport, Report
from estimates.reconcile.stories import slug

MAX_CANDIDATES = 6
"""How many matching quantities an ambiguous name lists, to keep the error on one line."""

BOUND_FORM = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
"""Accepted --since/--until spellings: a year, a month or a day, in ISO form."""


@dataclass(frozen=True)
class Filters:
    """Which claims to keep; every field None means no filter on it.

    quantity: quantity id, or part of its label; source: part of the source's or publisher's
    name; since/until: ISO date, month or year, inclusive; topic: words in label or sentence;
    story: story id, or part of its name.
    """

    quantity: str | None = None
    source: str | None = None
    since: str | None = None
    until: str | None = None
    topic: str | None = None
    story: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "since", _bound(self.since, "since", first=True))
        object.__setattr__(self, "until", _bound(self.until, "until", first=False))

    @property
    def active(self) -> bool:
        """Whether any filter is set."""
        keys = ("quantity", "source", "since", "until", "topic", "story")
        return any(getattr(self, k) for k in keys)


def _bound(value: str | None, name: str, first: bool) -> str | None:
    """A date bound as YYYY-MM-DD: the first (since) or last (until) day of a year or month."""
    if not value:
        return None
    v = value.strip()
    when = When.parse(v) if BOUND_FORM.fullmatch(v) else None
    if when is None:
        raise ReportError(f"--{name} {value!r}: give a date as YYYY-MM-DD, YYYY-MM or YYYY")
    return (when.first_day if first else when.last_day).isoformat()


def _has(needle: str, *haystacks: str | None) -> bool:
    n = needle.casefold()
    return any(n in (h or "").casefold() for h in haystacks)


def _words(topic: str) -> list[str]:
    return [w for w in re.split(r"\s+", topic.strip()) if w]


def keep(f: Figure, q: QuantityReport | None, filters: Filters) -> bool:
    """Whether one claim of quantity `q` (None: an ungrouped claim) passes the filters. A
    month- or year-precision date passes a date filter when the period it covers meets the
    filter's."""
    c = f.claim
    if filters.quantity and not (
        q and (filters.quantity == q.id or _has(filters.quantity, q.label, q.id))
    ):
        return False
    if filters.story and not _has(filters.story, f.story, slug(f.story)):
        return False
    if filters.source and not _has(filters.source, c.source, c.source_entity, c.via, c.publisher):
        return False
    if filters.since or filters.until:
        if f.date is None:
            return False
        if filters.since and f.date.last_day.isoformat() < filters.since:
            return False
        if filters.until and f.date.first_day.isoformat() > filters.until:
            return False
    label = q.label if q else ""
    return not filters.topic or all(_has(w, label, c.sentence) for w in _words(filters.topic))


def filter_report(report: Report, filters: Filters) -> Report:
    """The reconciler's report narrowed to claims that pass: each quantity keeps its matching
    claims, the sources whose latest claim matches, the disagreements whose two claims both
    match (so each names claims the report lists) and the revisions that involve a matching
    claim; quantities left without claims are dropped, and so are ungrouped claims that do not
    match. The reconciled low/best/high stay those of all the quantity's claims."""
    if not filters.active:
        return report
    out = []
    for q in report.quantities:
        kept = {x.claim.claim_id for x in q.figures if keep(x, q, filters)}
        if not kept:
            continue
        out.append(
            replace(
                q,
                figures=tuple(x for x in q.figures if x.claim.claim_id in kept),
                sources=tuple(s for s in q.sources if s.latest.claim.claim_id in kept),
                disagreements=tuple(
                    d for d in q.disagreements if {d.a.claim.claim_id, d.b.claim.claim_id} <= kept
                ),
                revisions=tuple(
                    r
                    for r in q.revisions
                    if {r.before.claim.claim_id, r.after.claim.claim_id} & kept
                ),
            )
        )
    loose = tuple(f for f in report.ungrouped if keep(f, None, filters))
    return replace(report, quantities=tuple(out), ungrouped=loose)


def find_quantity(quantities: Sequence[QuantityReport], name: str) -> QuantityReport:
    """The quantity whose id is `name`, else the only one whose label or id contains it (or
    the only one whose label has it as whole words)."""
    exact = [q for q in quantities if q.id == name]
    if exact:
        return exact[0]
    needle = name.casefold()
    hits = [q for q in quantities if needle in q.label.casefold() or needle in q.id.casefold()]
    whole = re.compile(rf"\b{re.escape(needle)}\b")
    words = [q for q in hits if whole.search(q.label.casefold())]
    if len(hits) == 1 or len(words) == 1:
        return hits[0] if len(hits) == 1 else words[0]
    if not hits:
        raise ReportError(f"no quantity matches {name!r} (see `estimates report` for the ids)")
    ids = ", ".join(q.id for q in hits[:MAX_CANDIDATES])
    more = ", ..." if len(hits) > MAX_CANDIDATES else ""
    raise ReportError(f"{len(hits)} quantities match {name!r}: {ids}{more}; give an id")

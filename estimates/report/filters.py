"""The filters every report, export and chart takes: one predicate on a reconciled claim, so
all outputs select the same claims; and finding a quantity by id or label words."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
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
        return any(getattr(self, k) for k in FILTER_NAMES)

    def describe(self) -> str:
        """The filters set, as options: "--source 'ministry' --since 2024-11-01"."""
        return " ".join(f"--{k} {getattr(self, k)!r}" for k in FILTER_NAMES if getattr(self, k))


FILTER_NAMES = ("quantity", "source", "since", "until", "topic", "story")
"""The filters, as the CLI's options and the Python API's keyword arguments name them."""


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
    if filters.quantity and not (q and matches(q, filters.quantity)):
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
    quantities = report.quantities
    if filters.quantity:
        quantities = tuple(matching(quantities, filters.quantity))
        if not quantities:
            raise ReportError(no_match(filters.quantity))
    out = []
    for q in quantities:
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


def matches(q: QuantityReport, name: str) -> bool:
    """Whether `name` is the quantity's id, or every word of it is in its label or id
    ("troops Russia" matches "North Korean troops in Russia")."""
    if name == q.id:
        return True
    words = _words(name.casefold())
    return bool(words) and all(_has(w, q.label, q.id) for w in words)


def matching(quantities: Sequence[QuantityReport], name: str) -> list[QuantityReport]:
    """The quantity whose id is `name` if there is one, else every quantity `name` matches."""
    exact = [q for q in quantities if q.id == name]
    return exact or [q for q in quantities if matches(q, name)]


def _whole_phrase(name: str) -> Callable[[str], bool]:
    """Whether a label has `name` as whole words, in order ("troops in Russia")."""
    pattern = re.compile(rf"\b{re.escape(name.casefold().strip())}\b")
    return lambda label: bool(pattern.search(label))


def _whole_words(name: str) -> Callable[[str], bool]:
    """Whether a label has every word of `name` as a whole word ("troops Russia" is not in
    "troops in the Russian Far East")."""
    patterns = [re.compile(rf"\b{re.escape(w)}\b") for w in _words(name.casefold())]
    return lambda label: all(p.search(label) for p in patterns)


def no_match(name: str) -> str:
    return f"no quantity matches {name!r} (see `estimates report --all` for the ids)"


def find_quantity(quantities: Sequence[QuantityReport], name: str) -> QuantityReport:
    """The quantity whose id is `name`, else the only one `name` matches (see `matches`), else
    the only one whose label has `name` as whole words."""
    hits = matching(quantities, name)
    if len(hits) == 1:
        return hits[0]
    if not hits:
        raise ReportError(no_match(name))
    for whole in (_whole_phrase(name), _whole_words(name)):
        found = [q for q in hits if whole(q.label.casefold())]
        if len(found) == 1:
            return found[0]
    ids = ", ".join(q.id for q in hits[:MAX_CANDIDATES])
    more = ", ..." if len(hits) > MAX_CANDIDATES else ""
    raise ReportError(f"{len(hits)} quantities match {name!r}: {ids}{more}; give an id")

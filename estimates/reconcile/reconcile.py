"""Reconcile each quantity: intervals in one unit, independent sources, each source's latest
figure, low/best/high under a policy, disagreements between sources and revisions over time.

Independence: a claim's source key is its `source_entity`, else its `source`, else its
publisher (the article's own voice), never the outlet that relayed a named source. Copies of
one sentence printed by several outlets (syndication) take the key of the earliest copy.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace
from itertools import combinations

from estimates.claims.model import Claim
from estimates.dates import When
from estimates.lexicon import Lexicon
from estimates.reconcile.config import QuantitySpec
from estimates.reconcile.grouping import Group, group_claims
from estimates.reconcile.intervals import claim_interval
from estimates.reconcile.model import (
    Disagreement,
    Figure,
    QuantityReport,
    Report,
    Revision,
    SourceSummary,
)
from estimates.reconcile.policies import DEFAULT_POLICY, get_policy

PERIOD_DAYS = 14
"""Two sources disagree only about figures stated within this many days of each other."""

UNATTRIBUTED = "unattributed"
_NON_WORD = re.compile(r"\W+")


def build_report(
    claims: Sequence[Claim],
    lexicon: Lexicon,
    policy: str = DEFAULT_POLICY,
    specs: Sequence[QuantitySpec] = (),
    moves: Mapping[str, str] | None = None,
    texts: Mapping[str, str] | None = None,
    versions: Mapping[str, str] | None = None,
) -> Report:
    """Group claims into quantities and reconcile each one; largest quantities first.
    `texts` (doc id -> article body) helps grouping where a sentence alone is not enough;
    `versions` (claim id -> extractor version) is carried into the figures for the outputs."""
    get_policy(policy)
    groups = group_claims(claims, lexicon, specs, moves, texts)
    by_id = {c.claim_id: c for c in claims}
    keys = source_keys(claims)
    reports = [
        reconcile(g, [by_id[i] for i in g.claim_ids], keys, policy, versions) for g in groups
    ]
    reports.sort(key=lambda q: (-len(q.sources), -len(q.figures), q.label))
    return Report(policy, tuple(reports))


def source_name(c: Claim) -> str:
    """Who makes the claim, for readers: the body behind it ("United States") when known, so
    the name matches the independence key; the speaker stays in `claim.source`."""
    return c.source_entity or c.source or c.publisher or UNATTRIBUTED


def _norm(s: str) -> str:
    return _NON_WORD.sub(" ", s.casefold()).strip()


def source_keys(claims: Sequence[Claim]) -> dict[str, str]:
    """claim id -> independence key (see the module docstring)."""
    first_copy: dict[tuple[str, str], str] = {}
    keys: dict[str, str] = {}
    for c in sorted(claims, key=lambda c: (c.claimed_at or c.published or "", c.doc_id)):
        own = c.source_entity or c.source
        key = f"source:{_norm(own)}" if own else f"voice:{_norm(c.publisher or c.doc_id)}"
        copy = (_norm(c.sentence), c.text)
        keys[c.claim_id] = first_copy.setdefault(copy, key)
    return keys


def claim_date(c: Claim) -> When | None:
    """When the claim was made, at its precision: its own date, else the article's; a stored
    date that cannot exist counts as none."""
    return When.parse(c.claimed_at, c.claimed_at_precision) or When.parse(c.published)


def _quantity_unit(group: Group, claims: Sequence[Claim]) -> str | None:
    """The pinned unit, else the unit most claims use: every figure is shown in it."""
    if group.unit:
        return group.unit
    units = Counter(c.unit for c in claims if c.unit)
    return units.most_common(1)[0][0] if units else None


def _factor(unit: str | None, to_unit: str | None, kind: str) -> float:
    """Multiplier from a claim's unit to the quantity's (1 when not convertible)."""
    if kind == "count" or not unit or not to_unit or unit == to_unit:
        return 1.0
    try:
        from estimates.claims.units import convert
    except ImportError:
        return 1.0
    try:
        factor = convert(1.0, unit, to_unit)
    except (ValueError, TypeError):  # different dimensions or unknown units
        factor = None
    return 1.0 if factor is None else float(factor)  # not convertible: keep the figure as stated


def _figures(
    claims: Sequence[Claim],
    unit: str | None,
    keys: Mapping[str, str],
    versions: Mapping[str, str] | None,
) -> list[Figure]:
    out = []
    for c in claims:
        factor = _factor(c.unit, unit, c.kind)
        iv = claim_interval(c.value, c.low, c.high, c.qualifier).scaled(factor)
        version = versions.get(c.claim_id) if versions else None
        fig = Figure(c, iv, factor, source_name(c), keys[c.claim_id], claim_date(c), None, version)
        out.append(fig)
    out.sort(key=lambda f: (f.day, f.claim.doc_id, f.claim.start))
    return out


def _superseded(figures: list[Figure]) -> list[Figure]:
    """Mark each claim superseded by its source's next claim made on a later date."""
    by_source: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(figures):
        by_source[f.source_key].append(i)
    out = list(figures)
    for idx in by_source.values():
        nxt: Figure | None = None  # the first figure of the next later date, walking back
        day_first: Figure | None = None
        for i in reversed(idx):
            f = figures[i]
            if day_first is not None and f.day != day_first.day:
                nxt = day_first
            day_first = f
            if nxt is not None and f.date is not None and nxt.date is not None:
                out[i] = replace(f, superseded_by=nxt.claim.claim_id)
    return out


def _summaries(figures: Sequence[Figure]) -> list[SourceSummary]:
    """One summary per independent source, lowest latest figure first."""
    by_source: dict[str, list[Figure]] = defaultdict(list)
    for f in figures:
        by_source[f.source_key].append(f)
    out = [SourceSummary(fs[-1].source, k, len(fs), _latest(fs)) for k, fs in by_source.items()]
    return sorted(out, key=lambda s: (s.latest.interval.point, s.name))


def _latest(fs: Sequence[Figure]) -> Figure:
    """The latest figure; on one day in one article the first stated (the rest restate it,
    like a unit conversion in brackets)."""
    last = fs[-1]
    same = [f for f in fs if f.day == last.day and f.claim.doc_id == last.claim.doc_id]
    return same[0]


def _revisions(figures: Sequence[Figure]) -> list[Revision]:
    """Consecutive days on which one source gave a different figure (or shape of figure)."""
    by_source: dict[str, dict[int, Figure]] = defaultdict(dict)
    for f in figures:
        if f.date:
            by_source[f.source_key].setdefault(f.day, f)  # a day's first-stated figure
    out = []
    for days in by_source.values():
        fs = list(days.values())
        for a, b in zip(fs, fs[1:], strict=False):
            if _changed(a, b):
                out.append(Revision(a, b))
    return sorted(out, key=lambda r: (r.after.day, r.after.source))


def _changed(a: Figure, b: Figure) -> bool:
    """A revision: the central figure moved, or a bound became a point (or the reverse)."""
    return a.interval.point != b.interval.point or a.shape != b.shape


def _disagreements(figures: Sequence[Figure]) -> list[Disagreement]:
    """Per pair of sources, their non-overlapping figures closest in time (then the most
    recent) within one period: what the two said at the same moment."""
    by_source: dict[str, list[Figure]] = defaultdict(list)
    for f in figures:
        by_source[f.source_key].append(f)
    days = {k: [f.day for f in fs] for k, fs in by_source.items()}
    out = []
    for ka, kb in combinations(sorted(by_source), 2):
        best: tuple[tuple[int, int], Figure, Figure] | None = None
        for fa, da in zip(by_source[ka], days[ka], strict=True):
            lo = bisect_left(days[kb], da - PERIOD_DAYS)
            hi = bisect_right(days[kb], da + PERIOD_DAYS)
            for fb, db in zip(by_source[kb][lo:hi], days[kb][lo:hi], strict=True):
                rank = (-abs(da - db), max(da, db))
                if (best is None or rank >= best[0]) and not fa.interval.overlaps(fb.interval):
                    best = (rank, fa, fb)
        if best is not None:
            out.append(Disagreement(best[1], best[2], best[1].interval.gap(best[2].interval)))
    return sorted(out, key=lambda d: -d.gap)


def reconcile(
    group: Group,
    claims: Sequence[Claim],
    keys: Mapping[str, str],
    policy: str,
    versions: Mapping[str, str] | None = None,
) -> QuantityReport:
    """One quantity's report from its claims (see the module docstring)."""
    unit = _quantity_unit(group, claims)
    figures = _superseded(_figures(claims, unit, keys, versions))
    sources = _summaries(figures)
    low, best, high = get_policy(policy).apply([s.latest.interval for s in sources])
    return QuantityReport(
        id=group.id,
        label=group.label,
        unit=unit,
        policy=policy,
        low=low,
        best=best,
        high=high,
        sources=tuple(sources),
        disagreements=tuple(_disagreements(figures)),
        revisions=tuple(_revisions(figures)),
        figures=tuple(figures),
        pinned=group.pinned,
    )

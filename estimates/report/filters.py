"""The filters every report, export and chart takes: one predicate on a claim, applied alike
to claim tables and to report quantities so all outputs select the same claims."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from estimates.report.common import ReportError, claim_date, text

if TYPE_CHECKING:
    import pandas as pd

    from estimates.reconcile.model import Report

DATE_FORMS = {4: "%Y", 7: "%Y-%m", 10: "%Y-%m-%d"}
"""Accepted --since/--until spellings by length: a year, a month or a day."""


@dataclass(frozen=True)
class Filters:
    """Which claims to keep; every field None means no filter on it.

    quantity: quantity id, or part of its label; source: part of the source's or publisher's
    name; since/until: ISO date, month or year, inclusive; topic: words in label or sentence.
    """

    quantity: str | None = None
    source: str | None = None
    since: str | None = None
    until: str | None = None
    topic: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "since", _bound(self.since, "since", first=True))
        object.__setattr__(self, "until", _bound(self.until, "until", first=False))

    @property
    def active(self) -> bool:
        """Whether any filter is set."""
        return any(getattr(self, k) for k in ("quantity", "source", "since", "until", "topic"))


def _bound(value: str | None, name: str, first: bool) -> str | None:
    """A date bound as YYYY-MM-DD: the first (since) or last (until) day of a year or month."""
    if not value:
        return None
    v = value.strip()
    fmt = DATE_FORMS.get(len(v))
    try:
        day = dt.datetime.strptime(v, fmt).date() if fmt else None
    except ValueError:
        day = None
    if day is None:
        raise ReportError(f"--{name} {value!r}: give a date as YYYY-MM-DD, YYYY-MM or YYYY")
    if not first and len(v) == 4:
        day = day.replace(month=12, day=31)
    elif not first and len(v) == 7:
        nxt = day.replace(year=day.year + day.month // 12, month=day.month % 12 + 1)
        day = nxt - dt.timedelta(days=1)
    return day.isoformat()


def _has(needle: str, *haystacks: Any) -> bool:
    n = needle.casefold()
    return any(n in text(h).casefold() for h in haystacks)


def _words(topic: str) -> list[str]:
    return [w for w in re.split(r"\s+", topic.strip()) if w]


def keep(row: Mapping[Any, Any], f: Filters, label: str | None = None) -> bool:
    """Whether one claim passes the filters; `label` is its quantity's label if known."""
    label = label if label is not None else text(row.get("quantity_label"))
    qid = text(row.get("quantity"))
    if f.quantity and not (f.quantity == qid or _has(f.quantity, label, qid)):
        return False
    who = (row.get("source"), row.get("source_entity"), row.get("via"), row.get("publisher"))
    if f.source and not _has(f.source, *who):
        return False
    day = claim_date(row)
    if (f.since or f.until) and not day:
        return False
    if (f.since and day < f.since) or (f.until and day > f.until):
        return False
    return not f.topic or all(_has(w, label, row.get("sentence")) for w in _words(f.topic))


def filter_claims(claims: pd.DataFrame, f: Filters) -> pd.DataFrame:
    """The claims (rows of a claims table) that pass the filters."""
    if not f.active or claims.empty:
        return claims
    mask = [keep(r, f) for r in claims.to_dict("records")]
    return claims[mask]


def filter_quantities(quantities: Sequence[Mapping[str, Any]], f: Filters) -> list[dict]:
    """Report quantities whose claims pass the filters, each keeping only those claims."""
    out = []
    for q in quantities:
        claims = [
            c
            for c in q.get("claims") or []
            if keep({**c, "quantity": q.get("id")}, f, text(q.get("label")))
        ]
        if claims or not f.active:
            out.append({**q, "claims": claims})
    return out


def filter_report(report: Report, f: Filters) -> Report:
    """The reconciler's report narrowed to claims that pass: each quantity keeps its matching
    claims, the sources whose latest claim matches, and the disagreements and revisions that
    involve a matching claim; quantities left without claims are dropped. The reconciled
    low/best/high stay those of all the quantity's claims."""
    from estimates.reconcile.render import figure_dict

    if not f.active:
        return report
    out = []
    for q in report.quantities:
        ctx = {"quantity": q.id, "quantity_label": q.label}
        kept = {x.claim.claim_id for x in q.figures if keep({**figure_dict(x), **ctx}, f)}
        if not kept:
            continue
        out.append(
            replace(
                q,
                figures=tuple(x for x in q.figures if x.claim.claim_id in kept),
                sources=tuple(s for s in q.sources if s.latest.claim.claim_id in kept),
                disagreements=tuple(
                    d for d in q.disagreements if {d.a.claim.claim_id, d.b.claim.claim_id} & kept
                ),
                revisions=tuple(
                    r
                    for r in q.revisions
                    if {r.before.claim.claim_id, r.after.claim.claim_id} & kept
                ),
            )
        )
    return replace(report, quantities=tuple(out))

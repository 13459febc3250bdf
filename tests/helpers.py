"""Claims and reconciled quantities written by hand, for the report-side tests: the records
every output is drawn from, without a ledger or the extractor in between."""

from __future__ import annotations

from collections.abc import Sequence

from estimates.claims.model import Claim
from estimates.claims.pipeline import claim_id
from estimates.reconcile.grouping import Group
from estimates.reconcile.model import QuantityReport
from estimates.reconcile.reconcile import reconcile, source_keys


def claim(
    sentence: str,
    text: str,
    value: float,
    *,
    qualifier: str = "exact",
    unit: str | None = "troop",
    kind: str = "count",
    source: str | None = None,
    date: str | None = "2024-10-30",
    precision: str | None = None,
    published: str | None = None,
    doc: str = "doc-a",
    publisher: str | None = "Harbor Wire",
    low: float | None = None,
    high: float | None = None,
    **fields: object,
) -> Claim:
    """One claim whose span is `text` inside `sentence`; `published` defaults to `date`."""
    start = sentence.index(text)
    return Claim(
        doc_id=doc,
        claim_id=claim_id(doc, start, start + len(text), text),
        start=start,
        end=start + len(text),
        text=text,
        sentence=sentence,
        value=value,
        low=low,
        high=high,
        qualifier=qualifier,
        change=None,
        unit=unit,
        kind=kind,
        source=source,
        claimed_at=date,
        claimed_at_precision=precision or ("day" if date else None),
        published=published if published is not None else date,
        publisher=publisher,
    ).evolve(**fields)


def quantity(
    claims: Sequence[Claim],
    qid: str = "q",
    label: str = "a quantity",
    policy: str = "median-latest",
    unit: str | None = None,
    versions: dict[str, str] | None = None,
) -> QuantityReport:
    """The claims reconciled as one quantity (grouping left out)."""
    group = Group(qid, label, tuple(c.claim_id for c in claims), unit=unit)
    return reconcile(group, claims, source_keys(claims), policy, versions)

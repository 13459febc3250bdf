"""Report quantities flattened into export rows: one per claim, or one per quantity."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from estimates.report.common import claim_date, source_name, text
from estimates.report.intervals import number
from estimates.report.spread import latest_by_source


def claim_records(quantities: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Every claim of every quantity, with the quantity's id and label."""
    return [
        {**c, "quantity": text(q.get("id")), "quantity_label": text(q.get("label"))}
        for q in quantities
        for c in q.get("claims") or []
    ]


def latest_points(q: Mapping[str, Any], claims: list[Any]) -> list[float]:
    """Each independent source's latest central figure (the reconciler's when given)."""
    if q.get("sources"):
        figures = [number((s.get("latest") or {}).get("value")) for s in q["sources"]]
        return [f for f in figures if f is not None]
    return [v for _, v in latest_by_source(claims).values()]


def _spread(points: list[float]) -> float | None:
    return max(points) / min(points) if len(points) > 1 and min(points) > 0 else None


def quantity_record(q: Mapping[str, Any]) -> dict[str, Any]:
    """One quantity's export row (see the codebook's `quantities` columns)."""
    claims = list(q.get("claims") or [])
    dates = sorted(d for d in map(claim_date, claims) if d)
    names = [text(s.get("name")) for s in q.get("sources") or []] or sorted(
        {source_name(c) for c in claims}, key=str.casefold
    )
    latest = latest_points(q, claims)
    return {
        "quantity": text(q.get("id")),
        "label": text(q.get("label")),
        "unit": text(q.get("unit")),
        "low": q.get("low"),
        "best": q.get("best"),
        "high": q.get("high"),
        "policy": text(q.get("policy")),
        "claims": len(claims),
        "sources": len(names),
        "first_claimed": dates[0] if dates else None,
        "last_claimed": dates[-1] if dates else None,
        "lowest": min(latest) if latest else None,
        "highest": max(latest) if latest else None,
        "spread": q.get("spread") if "spread" in q else _spread(latest),
        "disagreements": len(q.get("disagreements") or []),
        "revisions": len(q.get("revisions") or []),
        "source_names": "; ".join(names),
    }


def quantity_records(quantities: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Every quantity's export row."""
    return [quantity_record(q) for q in quantities]

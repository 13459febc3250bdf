"""The report as plain data (JSON-ready dicts) and as plain text; no I/O here."""

from __future__ import annotations

import math
from typing import Any

from estimates.reconcile.model import Disagreement, Figure, QuantityReport, Report, Revision

SHORT_ID = 8
"""Characters of a claim id shown to readers: enough to be unique for `estimates move`."""


def _num(v: float | None) -> float | None:
    """JSON has no infinity: an open bound is null."""
    return None if v is None or math.isinf(v) else v


def figure_dict(f: Figure) -> dict[str, Any]:
    """One claim as in the ledger, plus its interval, independence key and supersession."""
    return {
        **f.claim.to_dict(),
        "source_name": f.source,
        "source_key": f.source_key,
        "date": f.date,
        "interval_low": _num(f.interval.low),
        "interval_high": _num(f.interval.high),
        "superseded_by": f.superseded_by,
    }


def _pair(f: Figure) -> dict[str, Any]:
    """One figure in brief: who, which claim, when, and its interval."""
    return {
        "source": f.source,
        "claim_id": f.claim.claim_id,
        "date": f.date,
        "value": f.interval.point,
        "low": _num(f.interval.low),
        "high": _num(f.interval.high),
    }


def disagreement_dict(d: Disagreement) -> dict[str, Any]:
    """A disagreement as JSON-ready data, with a one-line summary for readers."""
    return {"summary": d.summary, "a": _pair(d.a), "b": _pair(d.b), "gap": d.gap}


def revision_dict(r: Revision) -> dict[str, Any]:
    """A revision as JSON-ready data, with a one-line summary for readers."""
    return {
        "summary": r.summary,
        "source": r.after.source,
        "direction": r.direction,
        "before": _pair(r.before),
        "after": _pair(r.after),
    }


def quantity_dict(q: QuantityReport) -> dict[str, Any]:
    """One quantity as JSON-ready data (the shape `estimates report --format json` prints)."""
    return {
        "id": q.id,
        "label": q.label,
        "unit": q.unit,
        "low": _num(q.low),
        "best": _num(q.best),
        "high": _num(q.high),
        "policy": q.policy,
        "pinned": q.pinned,
        "independent_sources": len(q.sources),
        "spread": q.spread,
        "sources": [
            {"name": s.name, "key": s.key, "claims": s.claims, "latest": _pair(s.latest)}
            for s in q.sources
        ],
        "disagreements": [disagreement_dict(d) for d in q.disagreements],
        "revisions": [revision_dict(r) for r in q.revisions],
        "claims": [figure_dict(f) for f in q.figures],
    }


def report_dict(report: Report) -> dict[str, Any]:
    """The whole report, JSON-ready: {"policy", "quantities": [...]}."""
    return {"policy": report.policy, "quantities": [quantity_dict(q) for q in report.quantities]}


def fmt(v: float | None) -> str:
    """A figure for readers: thousands separators, "∞" for an open bound, "?" if missing."""
    if v is None:
        return "?"
    if math.isinf(v):
        return "∞"
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.4g}"


def quantity_lines(q: QuantityReport) -> list[str]:
    """One quantity as lines of plain text: range, sources, disagreements, revisions."""
    unit = f" {q.unit}" if q.unit else ""
    lines = [
        f"{q.label}  [{q.id}]",
        f"  range {fmt(q.low)} - {fmt(q.high)}{unit}, best {fmt(q.best)} ({q.policy}); "
        f"{len(q.sources)} independent source(s), {len(q.figures)} claim(s)",
    ]
    for s in q.sources:
        f = s.latest
        who = f" ({f.claim.source})" if f.claim.source and f.claim.source != s.name else ""
        lines.append(
            f"  - {s.name}{who}: {f.claim.text!r} ({f.date or 'undated'}, {f.claim.doc_id}, "
            f"claim {f.claim.claim_id[:SHORT_ID]})"
        )
    lines += [f"  ! disagree: {d.summary}" for d in q.disagreements]
    lines += [f"  ~ revised: {r.summary}" for r in q.revisions]
    return lines


def report_text(report: Report, min_claims: int = 1) -> str:
    """The report as plain text, one block per quantity with at least `min_claims` claims."""
    blocks = [
        "\n".join(quantity_lines(q)) for q in report.quantities if len(q.figures) >= min_claims
    ]
    return "\n\n".join(blocks) + "\n"

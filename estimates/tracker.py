"""The Python API for notebooks: a ledger plus its reconciled report, as pandas DataFrames.

from estimates.tracker import Tracker
t = Tracker("estimates.db")
t.add(["data/"])
t.quantities()                       # one row per quantity
t.timeline("north-korean-troops-in-russia")
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from estimates.errors import EstimatesError
from estimates.ledger import IngestResult, Ledger, ingest, reindex
from estimates.ledger.ingest import Progress
from estimates.lexicon import Lexicon, load_lexicon
from estimates.reconcile.config import QuantitySpec, load_specs
from estimates.reconcile.model import QuantityReport, Report
from estimates.reconcile.policies import DEFAULT_POLICY, get_policy
from estimates.reconcile.reconcile import build_report
from estimates.reconcile.render import figure_dict

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

QUANTITY_COLUMNS = (
    "quantity", "label", "unit", "low", "best", "high", "policy", "claims", "sources",
    "first_claimed", "last_claimed", "lowest", "highest", "spread", "disagreements", "revisions",
    "source_names",
)  # fmt: skip
TIMELINE_COLUMNS = (
    "date", "source", "text", "value", "low", "best", "high", "qualifier", "unit", "doc_id",
    "publisher", "claim_id", "superseded_by", "sentence",
)  # fmt: skip


class Tracker:
    """A ledger file with its lexicon, pinned quantities and reconciliation policy.

    `create=False` refuses to make a new ledger file (a typo in the path is an error)."""

    def __init__(
        self,
        db_path: str | Path = "estimates.db",
        *,
        lexicon_dirs: Sequence[str | Path] = (),
        quantities: str | Path | None = None,
        policy: str = DEFAULT_POLICY,
        create: bool = True,
    ) -> None:
        get_policy(policy)
        self.specs: tuple[QuantitySpec, ...] = load_specs(quantities)
        self.ledger = Ledger(db_path, create=create)
        self.lexicon: Lexicon = load_lexicon(lexicon_dirs)
        self.policy = policy

    def close(self) -> None:
        self.ledger.close()

    def __enter__(self) -> Tracker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def add(
        self, paths: str | Path | Iterable[str | Path], on_document: Progress | None = None
    ) -> IngestResult:
        """Read, extract and store documents; unchanged ones are skipped, changed ones replaced.

        `on_document(doc_or_error, n_claims)` is called as each input is read (for progress).
        """
        if isinstance(paths, str | Path):
            paths = [paths]
        return ingest(self.ledger, paths, self.lexicon, on_document)

    def reindex(self, everything: bool = False) -> int:
        """Re-extract stored documents (those from an older extractor, or all); claim count."""
        return reindex(self.ledger, self.lexicon, everything)

    def remove(self, doc_ids: str | Iterable[str]) -> list[str]:
        """Delete documents (by id) with their claims; returns the ids that were stored."""
        ids = [doc_ids] if isinstance(doc_ids, str) else list(doc_ids)
        return self.ledger.remove(ids)

    def move(self, claim_id: str, quantity: str) -> str:
        """Put a claim (id or unique id prefix) in a quantity; returns the full claim id."""
        full = self.ledger.find_claim(claim_id)
        self.ledger.assign(full, quantity)
        return full

    def report(self, policy: str | None = None) -> Report:
        """Every quantity reconciled under `policy` (default: the tracker's)."""
        return build_report(
            self.ledger.claims(),
            self.lexicon,
            policy or self.policy,
            self.specs,
            self.ledger.assignments(),
            self.ledger.texts(),
        )

    def claims(self, policy: str | None = None) -> pd.DataFrame:
        """One row per claim: every Claim field, its quantity, interval and supersession."""
        import pandas as pd

        versions = {r["claim_id"]: r["extractor_version"] for r in self.ledger.claim_rows()}
        rows = [
            {
                **figure_dict(f),
                "quantity": q.id,
                "quantity_label": q.label,
                "extractor_version": versions.get(f.claim.claim_id),
            }
            for q in self.report(policy).quantities
            for f in q.figures
        ]
        frame = pd.DataFrame(rows)
        if len(frame):
            frame = frame.sort_values(["doc_id", "start"], kind="stable", ignore_index=True)
        return frame

    def quantities(self, policy: str | None = None) -> pd.DataFrame:
        """One row per quantity (columns as in QUANTITY_COLUMNS), most-sourced first."""
        import pandas as pd

        rows = [quantity_row(q) for q in self.report(policy).quantities]
        return pd.DataFrame(rows, columns=list(QUANTITY_COLUMNS))

    def plot(self, quantity: str | None = None, policy: str | None = None) -> Figure:
        """A matplotlib Figure: the quantity's timeline (id or label words), else the overview."""
        from estimates.report.build import tracker_chart

        return tracker_chart(self, quantity, policy)

    def timeline(self, quantity: str, policy: str | None = None) -> pd.DataFrame:
        """One quantity's claims, oldest first, with each claim's low/best/high interval."""
        import pandas as pd

        report = self.report(policy)
        q = next((q for q in report.quantities if q.id == quantity), None)
        if q is None:
            raise EstimatesError(f"no quantity {quantity!r} (see Tracker.quantities())")
        rows = [_timeline_row(f) for f in q.figures]
        frame = pd.DataFrame(rows, columns=list(TIMELINE_COLUMNS))
        frame["date"] = pd.to_datetime(frame["date"], errors="coerce")
        return frame


def _open(v: float | None) -> float | None:
    return None if v is None or math.isinf(v) else v


def quantity_row(q: QuantityReport) -> dict[str, Any]:
    """One quantity as a flat row (see QUANTITY_COLUMNS)."""
    dates = [f.date for f in q.figures if f.date]
    points = [s.latest.interval.point for s in q.sources]
    return {
        "quantity": q.id,
        "label": q.label,
        "unit": q.unit,
        "low": _open(q.low),
        "best": _open(q.best),
        "high": _open(q.high),
        "policy": q.policy,
        "claims": len(q.figures),
        "sources": len(q.sources),
        "first_claimed": min(dates) if dates else None,
        "last_claimed": max(dates) if dates else None,
        "lowest": min(points) if points else None,
        "highest": max(points) if points else None,
        "spread": q.spread,
        "disagreements": len(q.disagreements),
        "revisions": len(q.revisions),
        "source_names": "; ".join(s.name for s in q.sources),
    }


def _timeline_row(f: Any) -> dict[str, Any]:
    c = f.claim
    return {
        "date": f.date,
        "source": f.source,
        "text": c.text,
        "value": c.value,
        "low": _open(f.interval.low),
        "best": f.interval.point,
        "high": _open(f.interval.high),
        "qualifier": c.qualifier,
        "unit": c.unit,
        "doc_id": c.doc_id,
        "publisher": c.publisher,
        "claim_id": c.claim_id,
        "superseded_by": f.superseded_by,
        "sentence": c.sentence,
    }

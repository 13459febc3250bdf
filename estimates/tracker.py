"""The Python API for notebooks: a ledger plus its reconciled report, as pandas DataFrames.

from estimates.tracker import Tracker
t = Tracker("estimates.db")
t.add(["data/"])
t.quantities()                       # one row per quantity
t.timeline("north-korean-troops-in-russia")
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from estimates.batch.ingest import IngestResult, Progress, ingest, reindex, store_archive
from estimates.errors import EstimatesError
from estimates.ledger import Ledger, StoreResult
from estimates.lexicon import Lexicon, load_lexicon
from estimates.reconcile.config import QuantitySpec, load_specs
from estimates.reconcile.model import Report
from estimates.reconcile.policies import DEFAULT_POLICY, get_policy
from estimates.reconcile.reconcile import build_report
from estimates.report.codebook import column_names
from estimates.report.frames import TIMELINE_COLUMNS

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

QUANTITY_COLUMNS = column_names("quantities")
"""Columns of `Tracker.quantities()` (the codebook's `quantities` export)."""

__all__ = ["QUANTITY_COLUMNS", "TIMELINE_COLUMNS", "Tracker"]


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
        result = ingest(self.ledger, paths, self.lexicon, on_document)
        if result.stored.added or result.stored.replaced:
            self.mark_superseded()
        return result

    def add_claims(self, folder: str | Path) -> StoreResult:
        """Load a claims folder (written by `estimates extract ARCHIVE --to FOLDER`) in one
        transaction: the documents and claims as extracted there, no extraction here."""
        result = store_archive(self.ledger, folder)
        if result.added or result.replaced:
            self.mark_superseded()
        return result

    def reindex(self, everything: bool = False) -> int:
        """Re-extract stored documents (those from an older extractor, or all); claim count."""
        n = reindex(self.ledger, self.lexicon, everything)
        self.mark_superseded()
        return n

    def remove(self, doc_ids: str | Iterable[str]) -> list[str]:
        """Delete documents (by id) with their claims; returns the ids that were stored."""
        ids = [doc_ids] if isinstance(doc_ids, str) else list(doc_ids)
        removed = self.ledger.remove(ids)
        if removed:
            self.mark_superseded()
        return removed

    def move(self, claim_id: str, quantity: str) -> str:
        """Put a claim (id or unique id prefix) in a quantity; returns the full claim id."""
        full = self.ledger.find_claim(claim_id)
        self.ledger.assign(full, quantity)
        self.mark_superseded()
        return full

    def mark_superseded(self) -> None:
        """Store, per claim, the later claim of its source that supersedes it."""
        report = self._reconcile(self.policy, with_versions=False)
        self.ledger.mark_superseded(
            {f.claim.claim_id: f.superseded_by for q in report.quantities for f in q.figures}
        )

    def report(self, policy: str | None = None) -> Report:
        """Every quantity reconciled under `policy` (default: the tracker's): the frozen
        records every output is drawn from."""
        return self._reconcile(policy or self.policy)

    def _reconcile(self, policy: str, with_versions: bool = True) -> Report:
        versions = None
        if with_versions:
            versions = {r["claim_id"]: r["extractor_version"] for r in self.ledger.claim_rows()}
        return build_report(
            self.ledger.claims(),
            self.lexicon,
            policy,
            self.specs,
            self.ledger.assignments(),
            self.ledger.texts(),
            versions,
        )

    def claims(self, policy: str | None = None) -> pd.DataFrame:
        """One row per claim (the codebook's `claims` columns): every Claim field, its
        quantity, interval and supersession; largest quantity first, oldest claim first."""
        from estimates.report.frames import claims_frame

        return claims_frame(self.report(policy).quantities)

    def quantities(self, policy: str | None = None) -> pd.DataFrame:
        """One row per quantity (the codebook's `quantities` columns), most-sourced first."""
        from estimates.report.frames import quantities_frame

        return quantities_frame(self.report(policy).quantities)

    def plot(self, quantity: str | None = None, policy: str | None = None) -> Figure:
        """A matplotlib Figure: the quantity's timeline (id or label words), else the overview."""
        from estimates.report.build import chart_for

        return chart_for(self.report(policy).quantities, quantity)[0]

    def timeline(self, quantity: str, policy: str | None = None) -> pd.DataFrame:
        """One quantity's claims, oldest first, with each claim's low/best/high interval in the
        quantity's unit (columns as in TIMELINE_COLUMNS)."""
        from estimates.report.frames import timeline_frame

        report = self.report(policy)
        q = next((q for q in report.quantities if q.id == quantity), None)
        if q is None:
            raise EstimatesError(f"no quantity {quantity!r} (see Tracker.quantities())")
        return timeline_frame(q)

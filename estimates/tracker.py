"""The Python API for notebooks: a ledger plus its reconciled report, as pandas DataFrames.

from estimates.tracker import Tracker
t = Tracker("estimates.db")
t.add(["data/"])
t.quantities()                       # one row per quantity
t.timeline("north-korean-troops-in-russia")
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from contextlib import suppress
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING

from estimates.batch.ingest import IngestResult, Progress, ingest, reindex, store_archive
from estimates.errors import LedgerError
from estimates.ledger import Ledger, StoreResult
from estimates.lexicon import Lexicon, load_lexicon
from estimates.reconcile.config import QuantitySpec, StorySpec, load_specs, load_story_specs
from estimates.reconcile.features import Features
from estimates.reconcile.model import Report
from estimates.reconcile.policies import DEFAULT_POLICY, get_policy
from estimates.reconcile.reconcile import build_report
from estimates.report.codebook import column_names
from estimates.report.frames import TIMELINE_COLUMNS

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

QUANTITY_COLUMNS = column_names("quantities")[1:]
"""Columns of `Tracker.quantities()`: the codebook's `quantities` export, whose first column
(`quantity`, the id) is the index."""

STORY_COLUMNS = ("story", "name", "pinned", "documents", "quantities", "claims")
"""Columns of `Tracker.stories()`."""

__all__ = ["QUANTITY_COLUMNS", "STORY_COLUMNS", "TIMELINE_COLUMNS", "Tracker"]


FEATURE_FIELDS = tuple(f.name for f in fields(Features))


class KeptInLedger:
    """What the ledger keeps for reports (reconcile/kept.py `Kept`): features of documents
    unchanged since the last report are not read again, names of unchanged stories not worked
    out again. Features are stored as JSON lists of the Features fields, never pickled: a
    ledger file may come from someone else. `save` writes what this report worked out."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.rows: dict[str, tuple[str, str]] = {}
        self.names: dict[str, str] = {}
        with suppress(LedgerError):  # a ledger without them (read-only, older) keeps nothing
            self.rows, self.names = ledger.kept_features(), ledger.kept_names()
        self.new: list[tuple[str, str, str]] = []
        self.used: dict[str, str] = {}

    def features(self, doc_id: str, digest: str) -> dict[str, Features] | None:
        row = self.rows.get(doc_id)
        if row is None or row[0] != digest:
            return None
        try:
            found = json.loads(row[1])
            if any(len(v) != len(FEATURE_FIELDS) for v in found.values()):
                return None
            return {cid: Features(*v) for cid, v in found.items()}
        except (ValueError, TypeError, AttributeError):
            return None  # an entry this version cannot read is read again from the claims

    def keep_features(self, doc_id: str, digest: str, feats: Mapping[str, Features]) -> None:
        values = {cid: [getattr(f, n) for n in FEATURE_FIELDS] for cid, f in feats.items()}
        self.new.append((doc_id, digest, json.dumps(values)))

    def name(self, digest: str) -> str | None:
        name = self.names.get(digest)
        if name is not None:
            self.used[digest] = name
        return name

    def keep_name(self, digest: str, name: str) -> None:
        self.used[digest] = name

    def save(self) -> None:
        """Write what changed; a ledger that cannot be written (a read-only file) still gives
        its report."""
        with suppress(LedgerError):
            if self.new:
                self.ledger.keep_features(self.new)
            if self.used != self.names:
                self.ledger.keep_names(self.used)


class Tracker:
    """A ledger file with its lexicon, pinned quantities and reconciliation policy.

    A ledger file that does not exist is created by `add` (or at once with `create=True`);
    reading one that does not exist is an error, so a typo in the path never reads as an
    empty ledger."""

    def __init__(
        self,
        db_path: str | Path = "estimates.db",
        *,
        lexicon_dirs: Sequence[str | Path] = (),
        quantities: str | Path | None = None,
        policy: str = DEFAULT_POLICY,
        create: bool = False,
    ) -> None:
        get_policy(policy)
        self.specs: tuple[QuantitySpec, ...] = load_specs(quantities)
        self.story_specs: tuple[StorySpec, ...] = load_story_specs(quantities)
        self.path = str(db_path)
        self._ledger: Ledger | None = None
        if create or Path(self.path).is_file():
            self._ledger = Ledger(self.path, create=True)
        self.lexicon: Lexicon = load_lexicon(lexicon_dirs)
        self.policy = policy

    @property
    def ledger(self) -> Ledger:
        """The open ledger; a file that does not exist is an error ("no ledger at ...")."""
        if self._ledger is None:
            self._ledger = Ledger(self.path, create=False)
        return self._ledger

    def close(self) -> None:
        if self._ledger is not None:
            self._ledger.close()

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
        if self._ledger is None:
            self._ledger = Ledger(self.path, create=True)
        return ingest(self.ledger, paths, self.lexicon, on_document)

    def add_claims(self, folder: str | Path) -> StoreResult:
        """Load a claims folder (written by `estimates extract ARCHIVE --to FOLDER`) in one
        transaction: the documents and claims as extracted there, no extraction here."""
        if self._ledger is None:
            self._ledger = Ledger(self.path, create=True)
        return store_archive(self.ledger, folder)

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

    def report(
        self,
        policy: str | None = None,
        *,
        quantity: str | None = None,
        source: str | None = None,
        since: str | None = None,
        until: str | None = None,
        topic: str | None = None,
        story: str | None = None,
    ) -> Report:
        """Every quantity reconciled under `policy` (default: the tracker's): the frozen
        records every output is drawn from. The filters are the CLI's: `quantity` (an id or
        words of its label), `source`, `since`/`until` (YYYY-MM-DD, YYYY-MM or YYYY), `topic`,
        `story` (an id or words of its name)."""
        from estimates.report.filters import Filters, filter_report

        filters = Filters(
            quantity=quantity, source=source, since=since, until=until, topic=topic, story=story
        )
        return filter_report(self._reconcile(policy or self.policy), filters)

    def _reconcile(self, policy: str) -> Report:
        kept = KeptInLedger(self.ledger)
        report = build_report(
            self.ledger.claims(),
            self.lexicon,
            policy,
            self.specs,
            self.ledger.assignments(),
            self.ledger.texts(),
            self.ledger.versions(),
            self.story_specs,
            kept,
        )
        kept.save()
        return report

    def claims(self, policy: str | None = None, **filters: str | None) -> pd.DataFrame:
        """One row per claim (the codebook's `claims` columns, in the CSV's order, with real
        dtypes): every Claim field, its quantity, interval and supersession; largest quantity
        first, oldest claim first. `filters` as for `report` (quantity=, source=, since=,
        until=, topic=)."""
        from estimates.report.frames import claims_frame

        report = self.report(policy, **filters)
        return claims_frame(report.quantities, report.ungrouped)

    def stories(self) -> pd.DataFrame:
        """One row per story (documents about one event): its id, name, whether the user
        pinned or renamed it, its documents (separated by '; ') and how many quantities and
        claims it holds."""
        import pandas as pd

        report = self.report()
        quantities: dict[str, int] = {}
        claims: dict[str, int] = {}
        for q in report.quantities:
            quantities[q.story_id] = quantities.get(q.story_id, 0) + 1
            for f in q.figures:
                claims[f.story] = claims.get(f.story, 0) + 1
        for f in report.ungrouped:
            claims[f.story] = claims.get(f.story, 0) + 1
        rows = [
            {
                "story": s.id,
                "name": s.name,
                "pinned": s.pinned,
                "documents": "; ".join(s.doc_ids),
                "quantities": quantities.get(s.id, 0),
                "claims": claims.get(s.name, 0),
            }
            for s in report.stories
        ]
        frame = pd.DataFrame(rows, columns=list(STORY_COLUMNS))
        return frame.astype({"quantities": "Int64", "claims": "Int64"})

    def quantities(self, policy: str | None = None, **filters: str | None) -> pd.DataFrame:
        """One row per quantity (the codebook's `quantities` columns), indexed by the quantity
        id, most-sourced first; `filters` as for `report`."""
        from estimates.report.frames import quantities_frame

        return quantities_frame(self.report(policy, **filters).quantities)

    def plot(
        self, quantity: str | None = None, policy: str | None = None, **filters: str | None
    ) -> Figure:
        """A matplotlib Figure: the quantity's timeline (an id or words of its label), else
        the overview; `filters` (source=, since=, until=, topic=) as for `report`."""
        from estimates.report.build import chart_for

        return chart_for(self.report(policy, **filters).quantities, quantity)[0]

    def timeline(
        self, quantity: str, policy: str | None = None, **filters: str | None
    ) -> pd.DataFrame:
        """One quantity's claims (an id or words of its label), oldest first, with each
        claim's low/best/high interval in the quantity's unit (columns as in
        TIMELINE_COLUMNS); `filters` as for `report`."""
        from estimates.report.filters import find_quantity
        from estimates.report.frames import timeline_frame

        return timeline_frame(find_quantity(self.report(policy, **filters).quantities, quantity))

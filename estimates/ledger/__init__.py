"""Stage 3: the claims ledger (SQLite). Exports `Ledger` and what one `store()` did.

Reading, extracting and storing a batch (`ingest`, `reindex`) sit in estimates.batch, above the
report's row builder they go through."""

from estimates.ledger.store import Ledger, StoreResult

__all__ = ["Ledger", "StoreResult"]

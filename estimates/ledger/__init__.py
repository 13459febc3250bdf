"""Stage 3: the claims ledger (SQLite). Exports `Ledger` and what one `store()` did.

Reading, extracting and storing a batch (`ingest`, `reindex`, loading a claims folder) sit in
estimates.batch, which stores through `Ledger.store()`."""

from estimates.ledger.store import Ledger, StoreResult

__all__ = ["Ledger", "StoreResult"]

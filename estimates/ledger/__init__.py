"""Stage 3: the claims ledger (SQLite). Exports `Ledger` and the `ingest`/`reindex` helpers."""

from estimates.ledger.ingest import IngestResult, ingest, reindex
from estimates.ledger.store import Ledger, StoreResult

__all__ = ["IngestResult", "Ledger", "StoreResult", "ingest", "reindex"]

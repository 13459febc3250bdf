"""Stage 2: text -> claims. Exports the Claim record and `extract_claims`.

The pipeline (and its compiled lexicon patterns) loads on first use, so importing the Claim
record stays cheap for the CLI's start.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from estimates.claims.model import Claim

if TYPE_CHECKING:
    from estimates.claims.pipeline import EXTRACTOR_VERSION, extract_claims

__all__ = ["EXTRACTOR_VERSION", "Claim", "extract_claims"]


def __getattr__(name: str) -> Any:
    if name in ("EXTRACTOR_VERSION", "extract_claims"):
        from estimates.claims import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'estimates.claims' has no attribute {name!r}")

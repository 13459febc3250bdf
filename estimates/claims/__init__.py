"""Stage 2: text -> claims. Exports the Claim record and `extract_claims`."""

from estimates.claims.model import Claim
from estimates.claims.pipeline import EXTRACTOR_VERSION, extract_claims

__all__ = ["EXTRACTOR_VERSION", "Claim", "extract_claims"]

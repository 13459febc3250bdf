"""Who makes each claim: fills `source`, `source_entity` and `via`."""

from __future__ import annotations

from estimates.claims.model import Claim
from estimates.claims.sentences import SentenceIndex
from estimates.documents.model import Document
from estimates.lexicon import Lexicon


def attribute(
    doc: Document, claims: list[Claim], lexicon: Lexicon, sentences: SentenceIndex
) -> list[Claim]:
    """Attribute each claim to its claimant (null: the article's own voice)."""
    return claims

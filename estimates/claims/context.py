"""The one per-document context every claim stage receives.

The pipeline builds it once per document: the text and its sentence index, the lexicon, the
publication date at its own precision ("2023-12" stays a month), and who speaks where (the
attribution analysis and each claim's attribution). Stages read it and never rebuild any part
of it, so no stage re-runs another.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from estimates.claims.sentences import SentenceIndex
from estimates.dates import normalize_date, precision_of
from estimates.documents.model import Document
from estimates.lexicon import Lexicon

if TYPE_CHECKING:
    from estimates.claims.attribution import Analysis, Attribution


@dataclass(frozen=True)
class DocContext:
    """What the claim stages know about one document."""

    doc: Document
    lexicon: Lexicon
    sentences: SentenceIndex
    published: str | None  # normalized ISO date cut to its precision, None when undated
    published_precision: str | None  # day, month or year
    analysis: Analysis | None = None  # cues, quotes, turns, mentions (attribution.analyse)
    attributions: Mapping[str, Attribution] = field(default_factory=dict)  # by claim_id
    labelled: frozenset[str] = frozenset()  # claims a label outside a sentence names (claim_id)

    @property
    def text(self) -> str:
        return self.doc.text

    def evolve(self, **changes: Any) -> DocContext:
        return replace(self, **changes)


def new_context(doc: Document, lexicon: Lexicon, sentences: SentenceIndex) -> DocContext:
    """The context before attribution: text, sentences, lexicon and publication date."""
    published = normalize_date(doc.published)
    return DocContext(doc, lexicon, sentences, published, precision_of(published))

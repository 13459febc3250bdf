"""The codebook: every column of each export, its type and what it means.

Kept as data so the DataFrames get their dtypes and the exports format cells by type (numbers
stay numbers, dates are ISO text at their precision), the README table is generated from it
(`codebook_markdown`), and a test checks every column is documented and produced.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

KINDS = ("text", "number", "integer", "date")
"""Cell types: text is guarded against formulas; numbers are plain; dates are ISO text at their
own precision ("2024-10-30", "2024-10" or "2024")."""

DTYPES: dict[str, Any] = {
    "text": "object",
    "number": "Float64",
    "integer": "Int64",
    "date": "datetime64[ns]",
}
"""pandas dtype of each cell type in the DataFrames: text is str or None; numbers and integers
are nullable (pd.NA when missing); a date is the first day it covers, and its `*_precision`
column says whether it is a day, a month or a year."""

QUALIFIERS = ("exact", "approx", "at_least", "more_than", "at_most", "less_than", "range")
PRECISIONS = ("day", "month", "year")
CATEGORIES: dict[str, tuple[str, ...] | None] = {
    "qualifier": QUALIFIERS,
    "change": ("up", "down"),
    "kind": None,  # open: whatever kinds the claims have
    "hedge": ("estimate", "confirmed", "reported", "denied", "projected"),
    "claimed_at_precision": PRECISIONS,
    "as_of_precision": PRECISIONS,
    "published_precision": PRECISIONS,
    "date_precision": PRECISIONS,
    "first_claimed_precision": PRECISIONS,
    "last_claimed_precision": PRECISIONS,
}
"""Text columns that are pandas categoricals in the DataFrames, with their fixed categories
(None: the values found)."""


@dataclass(frozen=True)
class Column:
    """One exported column: its name, cell type and meaning."""

    name: str
    kind: str
    meaning: str


CLAIM_COLUMNS = (
    Column("claim_id", "text", "Stable id of the claim (same article text and span, same id)."),
    Column("quantity", "text", "Id of the quantity the claim estimates (claims with the same "
           "id are put side by side); empty if not grouped."),
    Column("quantity_label", "text", "Readable name of that quantity."),
    Column("story", "text", "The story (event) the claim's article is about, e.g. '2015 Nepal "
           "earthquake': claims are compared only within a story."),
    Column("ungrouped", "integer", "1 when the tool could not tell what the claim counts or "
           "measures (it is in no quantity and listed apart), else 0."),
    Column("doc_id", "text", "Id of the article the claim was found in."),
    Column("text", "text", "The claim as written: qualifier, number and unit or counted noun."),
    Column("value", "number", "The figure in the unit as stated (11000 for '11,000 troops', 30 "
           "for '30%'); the midpoint for a range."),
    Column("low", "number", "Lower end of a range; empty when the claim is not a range."),
    Column("high", "number", "Upper end of a range; empty when the claim is not a range."),
    Column("qualifier", "text", "exact, approx, at_least, more_than, at_most, less_than or range."),
    Column("change", "text", "up or down when the figure is an amount of change, else empty."),
    Column("unit", "text", "Unit or counted noun, singular (troop, kilometer, mile per hour)."),
    Column("kind", "text", "What sort of figure: count, money, percent, length, duration, ..."),
    Column("source", "text", "Who makes the claim; empty when the article says it in its own "
           "voice."),
    Column("source_entity", "text", "The organisation or country behind the source, if known."),
    Column("via", "text", "Who relayed the claim, when the article cites it second hand."),
    Column("claimed_at", "date", "Date the claim was made (the article's date unless the text "
           "dates the statement)."),
    Column("claimed_at_precision", "text", "How exact claimed_at is: day, month or year."),
    Column("as_of", "date", "Date the figure refers to, when the text gives one (at its own "
           "precision: 2024-12 for 'by December')."),
    Column("as_of_precision", "text", "How exact as_of is: day, month or year."),
    Column("hedge", "text", "estimate, confirmed, reported, denied or projected, when stated."),
    Column("published", "date", "The article's publication date."),
    Column("published_precision", "text", "How exact published is: day, month or year."),
    Column("publisher", "text", "The outlet that published the article."),
    Column("title", "text", "The article's headline."),
    Column("url", "text", "The article's address."),
    Column("subject", "text", "Words naming what is counted or measured."),
    Column("sentence", "text", "The sentence the claim stands in (the evidence)."),
    Column("source_name", "text", "Who makes the claim as shown in reports: the source, else the "
           "publisher (own voice), else 'unattributed'."),
    Column("source_key", "text", "Independence key: relays and copies of one originator share "
           "it, so they count as one source."),
    Column("date", "date", "Date used to order the claim: claimed_at, else published, at its "
           "precision."),
    Column("date_precision", "text", "How exact date is: day, month or year."),
    Column("interval_low", "number", "Lowest value the claim allows, in the quantity's unit "
           "(about 10,000 allows 9,500; at most 500 allows 0)."),
    Column("interval_high", "number", "Highest value the claim allows, in the quantity's unit; "
           "empty when open ('at least', 'more than')."),
    Column("superseded_by", "text", "claim_id of the same source's later claim on the quantity; "
           "empty for a source's latest figure."),
    Column("extractor_version", "text", "Version of the extractor that found the claim."),
    Column("start", "integer", "Character offset where the claim starts in the article body."),
    Column("end", "integer", "Character offset where the claim ends in the article body."),
)  # fmt: skip

QUANTITY_COLUMNS = (
    Column("quantity", "text", "Id of the quantity."),
    Column("label", "text", "Readable name of what is estimated: measure, scope and story "
           "('Deaths in Nepal — 2015 Nepal earthquake')."),
    Column("story", "text", "The story (event) the quantity belongs to; empty for a pinned "
           "quantity whose claims come from several stories."),
    Column("unit", "text", "Unit or counted noun the figures are in."),
    Column("low", "number", "Low end of the reconciled range; empty when open."),
    Column("best", "number", "Best single figure under the policy."),
    Column("high", "number", "High end of the reconciled range; empty when open (e.g. only "
           "'at least' claims)."),
    Column("policy", "text", "How low/best/high were reconciled from the claims."),
    Column("claims", "integer", "Number of claims grouped under the quantity (that match the "
           "filters, if any)."),
    Column("sources", "integer", "Number of independent sources giving a figure (relays of one "
           "originator count once)."),
    Column("first_claimed", "date", "Date of the earliest claim."),
    Column("first_claimed_precision", "text", "How exact first_claimed is: day, month or year."),
    Column("last_claimed", "date", "Date of the latest claim."),
    Column("last_claimed_precision", "text", "How exact last_claimed is: day, month or year."),
    Column("lowest", "number", "Lowest of the sources' latest figures."),
    Column("highest", "number", "Highest of the sources' latest figures."),
    Column("spread", "number", "highest ÷ lowest: how far apart sources are (1 = agreement); "
           "empty with fewer than two sources."),
    Column("disagreements", "integer", "Number of disagreements found between sources."),
    Column("revisions", "integer", "Number of times a source changed its figure."),
    Column("source_names", "text", "The sources, separated by '; '."),
)  # fmt: skip

CODEBOOK = {"claims": CLAIM_COLUMNS, "quantities": QUANTITY_COLUMNS}
"""Export name -> its columns, in output order."""

SHORT_COLUMNS = {
    "claims": (
        ("date", "date"), ("source", "source_name"), ("text", "text"), ("value", "value"),
        ("low", "low"), ("high", "high"), ("unit", "unit"), ("quantity", "quantity_label"),
        ("article", "title"),
    ),
    "quantities": (
        ("quantity", "label"), ("unit", "unit"), ("low", "low"), ("best", "best"),
        ("high", "high"), ("sources", "sources"), ("spread", "spread"),
        ("disagreements", "disagreements"), ("first_claimed", "first_claimed"),
        ("last_claimed", "last_claimed"),
    ),
}  # fmt: skip
"""`estimates export --columns short`: (column shown, codebook column it shows). In it,
`source` is who makes the claim as reports show it, `quantity` the quantity's label and
`article` the headline (the document id when there is none)."""

PRESETS = ("full", "short")
"""Column presets of `estimates export --columns`."""


def precision_column(name: str) -> str:
    """The column saying how exact the date column `name` is."""
    return f"{name}_precision"


def column_kinds(table: str) -> dict[str, str]:
    """Column name -> cell type, for one export."""
    return {c.name: c.kind for c in CODEBOOK[table]}


def column_names(table: str) -> tuple[str, ...]:
    """The columns of one export, in output order."""
    return tuple(c.name for c in CODEBOOK[table])


def codebook_markdown() -> str:
    """The codebook as markdown tables, for the README."""
    parts = []
    for table, columns in CODEBOOK.items():
        parts.append(f"**{table}**\n\n| column | type | meaning |\n|---|---|---|")
        parts += [f"| `{c.name}` | {c.kind} | {c.meaning} |" for c in columns]
        parts.append("")
    return "\n".join(parts)

"""The reconciler's records as flat rows and pandas DataFrames, with the codebook's columns and
dtypes. The one place a record becomes a row: the JSON report's claims, `Tracker.claims()` /
`quantities()` / `timeline()`, `estimates export` and `estimates extract --format csv` all come
from here, so every output carries the same values.

Rows hold plain cells: text, numbers (an open bound is None, never inf) and dates as ISO text at
their own precision ("2024-10-30", "2024-10", "2024").
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from estimates.claims.model import Claim
from estimates.dates import When
from estimates.reconcile.model import Figure, QuantityReport
from estimates.report.codebook import CODEBOOK, DTYPES, column_kinds, column_names

if TYPE_CHECKING:
    import pandas as pd

Cell = str | float | int | bool | None
Row = dict[str, Cell]

TIMELINE_COLUMNS = (
    "date", "date_precision", "source", "text", "value", "low", "best", "high", "qualifier",
    "unit", "doc_id", "publisher", "claim_id", "superseded_by", "sentence",
)  # fmt: skip
"""Columns of `Tracker.timeline()`: one quantity's claims, `date` as a pandas datetime (the
first day a month- or year-precision date covers; `date_precision` says which)."""


def finite(v: float | None) -> float | None:
    """A figure as a cell: None for a missing value or an open bound (inf)."""
    return None if v is None or math.isinf(v) or math.isnan(v) else v


def iso(d: When | None) -> str | None:
    """A date as a cell: ISO text at its precision, or None."""
    return d.iso if d is not None else None


def claim_fields(c: Claim) -> Row:
    """Every field of a claim as cells; its dates at their own precision ("2024-10" for a
    claim made "earlier this month", never "2024-10-01")."""
    claimed = When.parse(c.claimed_at, c.claimed_at_precision)
    row: Row = {name: getattr(c, name) for name in Claim.field_names()}
    row.update(
        value=finite(c.value),
        low=finite(c.low),
        high=finite(c.high),
        claimed_at=iso(claimed),
        claimed_at_precision=claimed.precision if claimed else None,
        as_of=iso(When.parse(c.as_of)),
        published=iso(When.parse(c.published)),
    )
    return row


def claim_row(f: Figure, q: QuantityReport) -> Row:
    """One claim of a quantity (the codebook's `claims` columns)."""
    row: Row = {
        **claim_fields(f.claim),
        "quantity": q.id,
        "quantity_label": q.label,
        "source_name": f.source,
        "source_key": f.source_key,
        "date": iso(f.date),
        "interval_low": finite(f.interval.low),
        "interval_high": finite(f.interval.high),
        "superseded_by": f.superseded_by,
        "extractor_version": f.extractor_version,
    }
    return {name: row[name] for name in column_names("claims")}


def quantity_row(q: QuantityReport) -> Row:
    """One quantity (the codebook's `quantities` columns)."""
    return {
        "quantity": q.id,
        "label": q.label,
        "unit": q.unit,
        "low": finite(q.low),
        "best": finite(q.best),
        "high": finite(q.high),
        "policy": q.policy,
        "claims": len(q.figures),
        "sources": len(q.sources),
        "first_claimed": iso(q.first_claimed),
        "last_claimed": iso(q.last_claimed),
        "lowest": q.lowest,
        "highest": q.highest,
        "spread": q.spread,
        "disagreements": len(q.disagreements),
        "revisions": len(q.revisions),
        "source_names": "; ".join(s.name for s in q.sources),
    }


def typed_frame(
    table: str, rows: Sequence[Mapping[str, Cell]], columns: Sequence[str]
) -> pd.DataFrame:
    """Rows as a DataFrame with `columns` in that order and the codebook's dtypes."""
    import pandas as pd

    return with_dtypes(table, pd.DataFrame(list(rows), columns=list(columns)))


def with_dtypes(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with the codebook's dtype on each of its columns (read back from Parquet, say:
    missing text is None, not NaN, and offsets are nullable integers)."""
    kinds = column_kinds(table)
    typed = frame.astype({c: DTYPES[kinds.get(c, "text")] for c in frame.columns})
    for c in frame.columns:
        if DTYPES[kinds.get(c, "text")] == "object":
            typed[c] = typed[c].astype("object").where(typed[c].notna(), None)
    return typed


def claims_frame(quantities: Iterable[QuantityReport]) -> pd.DataFrame:
    """One row per claim of every quantity, in report order (largest quantity first, each
    quantity's claims oldest first)."""
    rows = [claim_row(f, q) for q in quantities for f in q.figures]
    return typed_frame("claims", rows, column_names("claims"))


def bare_claims_frame(
    claims: Iterable[Claim], extractor_version: str | None = None
) -> pd.DataFrame:
    """Claims that were not reconciled (`estimates extract`): the codebook columns a claim has,
    and `extractor_version` too when it is given."""
    columns = bare_claim_columns(extractor_version is not None)
    rows = [claim_fields(c) for c in claims]
    if extractor_version is not None:
        for row in rows:
            row["extractor_version"] = extractor_version
    return typed_frame("claims", rows, columns)


def bare_claim_columns(with_version: bool = False) -> tuple[str, ...]:
    """The codebook's claim columns a claim has before reconciliation, in codebook order."""
    fields = set(Claim.field_names())
    if with_version:
        fields.add("extractor_version")
    return tuple(c.name for c in CODEBOOK["claims"] if c.name in fields)


def claims_of_frame(frame: pd.DataFrame) -> list[Claim]:
    """The claims in the rows of a claims frame: the inverse of `bare_claims_frame` (its dates
    are already ISO at their precision, so they come back as the extractor made them)."""
    names = Claim.field_names()
    columns = [frame[n].tolist() for n in names]
    claims = []
    for values in zip(*columns, strict=True):
        cells = {n: _plain(v) for n, v in zip(names, values, strict=True)}
        claims.append(Claim(**cells))  # type: ignore[arg-type]
    return claims


def _plain(v: object) -> Cell:
    """A cell as a plain Python value: NaN and pandas' NA are None."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    if type(v).__name__ == "NAType":
        return None
    return v  # type: ignore[return-value]


def quantities_frame(quantities: Iterable[QuantityReport]) -> pd.DataFrame:
    """One row per quantity, in report order."""
    rows = [quantity_row(q) for q in quantities]
    return typed_frame("quantities", rows, column_names("quantities"))


def timeline_row(f: Figure) -> Row:
    """One claim on a quantity's timeline: low/best/high are its interval in the quantity's
    unit (None where open); value and unit are as stated."""
    c = f.claim
    return {
        "date": iso(f.date),
        "date_precision": f.date.precision if f.date else None,
        "source": f.source,
        "text": c.text,
        "value": finite(c.value),
        "low": finite(f.interval.low),
        "best": finite(f.interval.point),
        "high": finite(f.interval.high),
        "qualifier": c.qualifier,
        "unit": c.unit,
        "doc_id": c.doc_id,
        "publisher": c.publisher,
        "claim_id": c.claim_id,
        "superseded_by": f.superseded_by,
        "sentence": c.sentence,
    }


def timeline_frame(q: QuantityReport) -> pd.DataFrame:
    """One quantity's claims, oldest first (see TIMELINE_COLUMNS)."""
    import pandas as pd

    frame = pd.DataFrame([timeline_row(f) for f in q.figures], columns=list(TIMELINE_COLUMNS))
    firsts = [f.date.first_day.isoformat() if f.date else None for f in q.figures]
    frame["date"] = pd.to_datetime(pd.Series(firsts, dtype="object"), errors="coerce")
    return frame

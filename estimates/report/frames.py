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
from typing import TYPE_CHECKING, Any

from estimates.claims.model import Claim
from estimates.dates import When
from estimates.reconcile.model import Figure, QuantityReport
from estimates.report.codebook import (
    CATEGORIES,
    CODEBOOK,
    DTYPES,
    column_kinds,
    column_names,
)

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


def precision(d: When | None) -> str | None:
    """A date's precision as a cell: day, month or year, or None."""
    return d.precision if d is not None else None


def claim_fields(c: Claim) -> Row:
    """Every field of a claim as cells; its dates at their own precision ("2024-10" for a
    claim made "earlier this month", never "2024-10-01"), each with its precision."""
    claimed = When.parse(c.claimed_at, c.claimed_at_precision)
    as_of, published = When.parse(c.as_of), When.parse(c.published)
    row: Row = {name: getattr(c, name) for name in Claim.field_names()}
    row.update(
        value=finite(c.value),
        low=finite(c.low),
        high=finite(c.high),
        claimed_at=iso(claimed),
        claimed_at_precision=precision(claimed),
        as_of=iso(as_of),
        as_of_precision=precision(as_of),
        published=iso(published),
        published_precision=precision(published),
    )
    return row


def claim_row(f: Figure, q: QuantityReport | None) -> Row:
    """One claim of a quantity (the codebook's `claims` columns); with `q` None, a claim the
    tool could not place (no quantity, `ungrouped` 1)."""
    row: Row = {
        **claim_fields(f.claim),
        "quantity": q.id if q else None,
        "quantity_label": q.label if q else None,
        "story": f.story or None,
        "ungrouped": 0 if q else 1,
        "source_name": f.source,
        "source_key": f.source_key,
        "date": iso(f.date),
        "date_precision": precision(f.date),
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
        "story": q.story or None,
        "unit": q.unit,
        "low": finite(q.low),
        "best": finite(q.best),
        "high": finite(q.high),
        "policy": q.policy,
        "claims": len(q.figures),
        "sources": len(q.sources),
        "first_claimed": iso(q.first_claimed),
        "first_claimed_precision": precision(q.first_claimed),
        "last_claimed": iso(q.last_claimed),
        "last_claimed_precision": precision(q.last_claimed),
        "lowest": q.lowest,
        "highest": q.highest,
        "spread": q.spread,
        "disagreements": len(q.disagreements),
        "revisions": len(q.revisions),
        "source_names": "; ".join(s.name for s in q.sources),
    }


def first_day(iso_text: object) -> str | None:
    """An ISO date at its precision as the first day it covers ("2023-12" -> "2023-12-01")."""
    when = When.parse(iso_text) if isinstance(iso_text, str) else None
    return when.first_day.isoformat() if when else None


def typed_frame(
    table: str, rows: Sequence[Mapping[str, Cell]], columns: Sequence[str]
) -> pd.DataFrame:
    """Rows as a DataFrame with `columns` in that order and the codebook's dtypes: dates as
    datetimes (the first day a month or year covers; its `*_precision` column says which),
    nullable numbers, categoricals for qualifier, kind and precisions."""
    import pandas as pd

    return with_dtypes(table, pd.DataFrame(list(rows), columns=list(columns), dtype=object))


def with_dtypes(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with the codebook's dtype on each of its columns: from cells (ISO dates at their
    precision, None for empty) or from a frame read back from Parquet (dates already datetimes,
    categoricals decoded differently file by file)."""
    import pandas as pd

    kinds = column_kinds(table)
    typed = {}
    for c in frame.columns:
        kind, col = kinds.get(c, "text"), frame[c]
        if kind == "date":
            if not pd.api.types.is_datetime64_any_dtype(col.dtype):
                days = col.map(lambda v: first_day(v) if isinstance(v, str) else v)
                col = pd.to_datetime(days.astype(object), errors="coerce")
            typed[c] = col.astype("datetime64[ns]")
        elif c in CATEGORIES:
            fixed = CATEGORIES[c] or ()
            values = col.astype(object)
            found = sorted({v for v in values.unique() if isinstance(v, str)} - set(fixed))
            typed[c] = pd.Series(
                pd.Categorical(values, categories=[*fixed, *found]), index=frame.index
            )
        elif DTYPES[kind] == "object":
            typed[c] = col.astype(object).where(col.notna(), None)
        else:
            typed[c] = col.astype(DTYPES[kind])
    return pd.DataFrame(typed, columns=frame.columns, index=frame.index)


def claims_frame(
    quantities: Iterable[QuantityReport], ungrouped: Iterable[Figure] = ()
) -> pd.DataFrame:
    """One row per claim of every quantity, in report order (largest quantity first, each
    quantity's claims oldest first), then the claims the tool could not place."""
    rows = [claim_row(f, q) for q in quantities for f in q.figures]
    rows += [claim_row(f, None) for f in ungrouped]
    return typed_frame("claims", rows, column_names("claims"))


def bare_claims_frame(
    claims: Iterable[Claim], extractor_version: str | None = None
) -> pd.DataFrame:
    """Claims that were not reconciled (`estimates extract`, the partition function): the
    codebook columns a claim has, and `extractor_version` too when it is given."""
    columns = bare_claim_columns(extractor_version is not None)
    rows = [claim_fields(c) for c in claims]
    if extractor_version is not None:
        for row in rows:
            row["extractor_version"] = extractor_version
    return typed_frame("claims", rows, columns)


def bare_claim_columns(with_version: bool = False) -> tuple[str, ...]:
    """The codebook's claim columns a claim has before reconciliation, in codebook order."""
    fields = {*Claim.field_names(), "as_of_precision", "published_precision"}
    if with_version:
        fields.add("extractor_version")
    return tuple(c.name for c in CODEBOOK["claims"] if c.name in fields)


def claims_of_frame(frame: pd.DataFrame) -> list[Claim]:
    """The claims in the rows of a claims frame (`bare_claims_frame`, or one read back from
    Parquet): every field as the extractor made it, but a publication date's time of day, which
    the frame does not keep. Column by column, so a million rows take seconds."""
    columns = [_claim_cells(frame, name) for name in Claim.field_names()]
    return [Claim(*values) for values in zip(*columns, strict=True)]


_DATE_FIELDS = {"claimed_at": None, "as_of": "as_of_precision", "published": "published_precision"}
"""Claim fields held as datetimes in a frame -> the column giving their precision (claimed_at
is a day in a Claim, its precision a field of its own)."""

_INT_FIELDS = ("start", "end")


def _claim_cells(frame: pd.DataFrame, name: str) -> list[Any]:
    """One Claim field of every row as plain Python values (None where the cell is empty)."""
    import pandas as pd

    col = frame[name]
    if name in _DATE_FIELDS and pd.api.types.is_datetime64_any_dtype(col.dtype):
        days = col.dt.strftime("%Y-%m-%d").astype(object).where(col.notna(), None)
        prec = _DATE_FIELDS[name]
        if prec is None or prec not in frame.columns:
            whole: list[Any] = days.tolist()
            return whole
        cut = frame[prec].astype(object).map(lambda p: _ISO_LENGTH.get(p, 10)).tolist()
        return [d[:n] if d is not None else None for d, n in zip(days, cut, strict=True)]
    values = col.astype(object).where(col.notna(), None).tolist()
    if name in _INT_FIELDS:
        return [int(v) for v in values]
    return values


_ISO_LENGTH = {"day": 10, "month": 7, "year": 4}
"""Characters of an ISO date at each precision."""


def quantities_frame(quantities: Iterable[QuantityReport]) -> pd.DataFrame:
    """One row per quantity, in report order, indexed by the quantity's id."""
    rows = [quantity_row(q) for q in quantities]
    return typed_frame("quantities", rows, column_names("quantities")).set_index("quantity")


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

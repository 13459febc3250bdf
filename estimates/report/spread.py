"""How far apart sources are on each quantity: each source's latest figure, highest ÷ lowest."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from estimates.report.common import claim_date, source_name, text
from estimates.report.intervals import claim_interval, in_quantity_unit

if TYPE_CHECKING:
    import pandas as pd

SPREAD_COLUMNS = (
    "quantity", "label", "unit", "sources", "lowest", "lowest_source", "highest",
    "highest_source", "spread",
)  # fmt: skip


def latest_by_source(rows: list[dict[Any, Any]]) -> dict[str, tuple[str, float]]:
    """source -> (date, central figure in the quantity's unit) of its most recent claim."""
    latest: dict[str, tuple[str, float]] = {}
    for row in sorted(map(in_quantity_unit, rows), key=claim_date):
        iv = claim_interval(row.get("value"), row.get("low"), row.get("high"), row.get("qualifier"))
        if iv is not None and iv.point > 0:
            latest[source_name(row)] = (claim_date(row), iv.point)
    return latest


def spread_row(qid: str, label: str, rows: list[dict[Any, Any]]) -> dict[str, Any] | None:
    """One quantity's spread; None when fewer than two sources give a positive figure."""
    latest = latest_by_source(rows)
    if len(latest) < 2:
        return None
    (lo_src, (_, lo)) = min(latest.items(), key=lambda kv: kv[1][1])
    (hi_src, (_, hi)) = max(latest.items(), key=lambda kv: kv[1][1])
    units = [text(r.get("unit")) for r in rows if text(r.get("unit"))]
    return {
        "quantity": qid, "label": label, "unit": max(set(units), key=units.count) if units else "",
        "sources": len(latest), "lowest": lo, "lowest_source": lo_src, "highest": hi,
        "highest_source": hi_src, "spread": hi / lo,
    }  # fmt: skip


def spread_table(claims: pd.DataFrame, labels: Mapping[str, str] | None = None) -> pd.DataFrame:
    """One row per quantity with two or more sources, largest spread first.

    `claims` needs a `quantity` column (the quantity id); labels come from `labels`, else a
    `quantity_label` column, else the id."""
    import pandas as pd

    out = []
    if len(claims) and "quantity" in claims.columns:
        for qid, group in claims.groupby("quantity", sort=False):
            rows = group.to_dict("records")
            label = (labels or {}).get(str(qid)) or text(rows[0].get("quantity_label")) or str(qid)
            row = spread_row(str(qid), label, rows)
            if row is not None:
                out.append(row)
    table = pd.DataFrame(out, columns=list(SPREAD_COLUMNS))
    return table.sort_values("spread", ascending=False, kind="stable").reset_index(drop=True)


def overview_table(table: pd.DataFrame, labels: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Rows to chart: a quantities table (with `spread`) as is, or a claims table's spreads;
    quantities with no spread (fewer than two sources) left out, largest spread first."""
    if "spread" not in table.columns:
        return spread_table(table, labels)
    out = table[table["spread"].notna()].copy()
    if "label" not in out.columns:
        out["label"] = out["quantity"]
    return out.sort_values("spread", ascending=False, kind="stable").reset_index(drop=True)

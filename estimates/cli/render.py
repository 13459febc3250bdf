"""Rendering claims for the terminal and for files, in one place."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable
from contextlib import contextmanager
from typing import IO, Any

from estimates.claims.model import Claim

TABLE_COLUMNS = (
    "doc_id",
    "text",
    "value",
    "qualifier",
    "unit",
    "source",
    "source_entity",
    "claimed_at",
)


@contextmanager
def opened(output: str | None, newline: str | None = None):
    """stdout, or the file named by -o."""
    if output is None:
        yield sys.stdout
    else:
        with open(output, "w", encoding="utf-8", newline=newline) as f:
            yield f


def write_claims(claims: Iterable[Claim], fmt: str, output: str | None) -> None:
    if fmt == "jsonl":
        with opened(output) as f:
            for c in claims:
                f.write(json.dumps(c.to_dict(), ensure_ascii=False) + "\n")
    elif fmt == "csv":
        with opened(output, newline="") as f:
            _write_csv(f, (c.to_dict() for c in claims), Claim.field_names())
    else:
        _write_table(list(claims), output)


def _write_csv(f: IO[str], rows: Iterable[dict[str, Any]], columns: tuple[str, ...]) -> None:
    w = csv.DictWriter(f, fieldnames=list(columns), extrasaction="ignore")
    w.writeheader()
    w.writerows(rows)


def format_number(v: float | None) -> str:
    if v is None:
        return ""
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.4g}"


def _write_table(claims: list[Claim], output: str | None) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False, header_style="bold")
    for col in TABLE_COLUMNS:
        table.add_column(col, overflow="fold")
    for c in claims:
        table.add_row(
            c.doc_id,
            c.text,
            format_number(c.value)
            if c.qualifier != "range"
            else f"{format_number(c.low)}-{format_number(c.high)}",
            c.qualifier,
            c.unit or "",
            c.source or "",
            c.source_entity or "",
            c.claimed_at or "",
        )
    with opened(output) as f:
        Console(file=f, width=None if output is None else 160).print(table)

"""Rendering extracted claims for the terminal and for files, in one place."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import IO

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
def opened(output: str | None) -> Iterator[IO[str]]:
    """stdout, or the file named by -o (streamed: JSON lines appear as they are found)."""
    if output is None:
        yield sys.stdout
    else:
        with open(output, "w", encoding="utf-8") as f:
            yield f


def write_claims(claims: Iterable[Claim], fmt: str, output: str | None) -> None:
    """Claims as JSON lines (every Claim field), CSV/XLSX (the codebook's claim columns, through
    the one spreadsheet writer) or a table."""
    if fmt == "jsonl":
        with opened(output) as f:
            for c in claims:
                f.write(json.dumps(c.to_dict(), ensure_ascii=False) + "\n")
    elif fmt == "csv":
        from estimates.report.export import export_frame
        from estimates.report.frames import bare_claims_frame

        export_frame("claims", bare_claims_frame(claims), output)
    else:
        _write_table(list(claims), output)


def _write_table(claims: list[Claim], output: str | None) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from estimates.dates import When
    from estimates.report.formatting import RANGE_DASH, date_text, number, printable

    table = Table(show_lines=False, header_style="bold")
    for col in TABLE_COLUMNS:
        table.add_column(col, overflow="fold")
    for c in claims:
        ranged = c.qualifier == "range" and c.low is not None and c.high is not None
        figure = f"{number(c.low)}{RANGE_DASH}{number(c.high)}" if ranged else number(c.value)
        claimed = date_text(When.parse(c.claimed_at, c.claimed_at_precision))
        cells = (c.doc_id, c.text, figure, c.qualifier, c.unit, c.source, c.source_entity,
                 claimed)  # fmt: skip
        # article text is never markup, and never drives the terminal
        table.add_row(*(Text(printable(x or "")) for x in cells))
    with opened(output) as f:
        Console(file=f, width=None if output is None else 160).print(table)

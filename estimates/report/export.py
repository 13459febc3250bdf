"""Spreadsheet exports: claims or quantities as CSV (UTF-8) or .xlsx, one flat header row.

Cells are typed by the codebook: numbers are plain numbers (no separators; an open bound is an
empty cell, never 'inf'), dates are YYYY-MM-DD, and text that a spreadsheet would run as a
formula is prefixed with a single quote. `export_rows` is pure; `write_export` does the I/O.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from estimates.report.codebook import CODEBOOK, column_kinds
from estimates.report.common import ReportError, iso_date, text
from estimates.report.intervals import number

if TYPE_CHECKING:
    import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet treat a text cell as a formula (CSV injection)."""

MAX_EXACT_INT = 2**53
"""Floats with integer values below this print as integers without losing digits."""


def neutralize(s: str) -> str:
    """Text that cannot run as a formula: a leading single quote where one could."""
    return "'" + s if s.startswith(FORMULA_START) else s


def cell(v: Any, kind: str) -> Any:
    """One value as its column's type: float/int, ISO date string, guarded text, or None."""
    if kind in ("number", "integer"):
        f = number(v)
        if f is None or math.isinf(f):
            return None
        return int(f) if (kind == "integer" or f.is_integer()) and abs(f) < MAX_EXACT_INT else f
    if kind == "date":
        return iso_date(v) or None
    s = text(v)
    return neutralize(s) if s else None


def export_columns(table: str, present: Iterable[str]) -> list[str]:
    """Codebook columns that are present, in codebook order, then any others as found."""
    present = list(present)
    known = [c.name for c in CODEBOOK[table] if c.name in present]
    return known + [c for c in present if c not in known]


def export_rows(
    table: str, rows: Sequence[Mapping[str, Any]], columns: Sequence[str] | None = None
) -> tuple[list[str], list[list[Any]]]:
    """(header, typed rows) for the 'claims' or 'quantities' export; pure."""
    if table not in CODEBOOK:
        raise ReportError(f"unknown export {table!r}: choose {' or '.join(CODEBOOK)}")
    present = columns or list(dict.fromkeys(k for r in rows for k in r))
    present = present or [c.name for c in CODEBOOK[table]]  # no rows: the documented header
    header = export_columns(table, present)
    kinds = column_kinds(table)
    return header, [[cell(r.get(c), kinds.get(c, "text")) for c in header] for r in rows]


def frame_rows(df: pd.DataFrame) -> tuple[list[str], list[dict[str, Any]]]:
    """A DataFrame as (columns, records), for `export_rows`."""
    return [str(c) for c in df.columns], df.to_dict("records")  # type: ignore[return-value]


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """The export as CSV text: plain numbers, empty cells for missing values."""
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(header)
    for row in rows:
        w.writerow(["" if v is None else _plain(v) for v in row])
    return buf.getvalue()


def _plain(v: Any) -> str:
    return repr(v) if isinstance(v, float) else str(v)


def write_export(
    table: str,
    header: Sequence[str],
    rows: list[list[Any]],
    output: str | None,
    *,
    excel: bool = False,
) -> None:
    """Write to stdout (CSV) or to `output`: .xlsx by suffix, else CSV; `excel` adds a BOM."""
    if output is not None and Path(output).suffix.lower() == ".xlsx":
        kinds = column_kinds(table)
        dates = {i for i, c in enumerate(header) if kinds.get(c) == "date"}
        typed = [[_date(v) if i in dates else v for i, v in enumerate(r)] for r in rows]
        _write_xlsx(header, typed, Path(output))
        return
    data = csv_text(header, rows)
    if output is None:
        if excel:
            sys.stdout.write("\ufeff")
        sys.stdout.write(data)
        return
    try:
        Path(output).write_text(data, encoding="utf-8-sig" if excel else "utf-8", newline="")
    except OSError as e:
        raise ReportError(f"{output}: cannot write: {e.strerror or e}") from None


def _write_xlsx(header: Sequence[str], rows: list[list[Any]], path: Path) -> None:
    """One sheet, a bold frozen header, dates as real dates shown YYYY-MM-DD."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(list(header))
    for c in ws[1]:
        c.font = Font(bold=True)
    ws.freeze_panes = "A2"
    for row in rows:
        ws.append(row)
    for col in ws.iter_cols(min_row=2):
        for c in col:
            if isinstance(c.value, dt.date):
                c.number_format = "yyyy-mm-dd"
            elif isinstance(c.value, str):
                c.data_type = "s"  # never a formula, whatever the text
    try:
        wb.save(path)
    except OSError as e:
        raise ReportError(f"{path}: cannot write: {e.strerror or e}") from None


def _date(v: Any) -> Any:
    """An ISO date string as a date, so the spreadsheet can sort and filter it."""
    return dt.date.fromisoformat(v) if isinstance(v, str) else v


def export_frame(
    table: str, df: pd.DataFrame, output: str | None = None, *, excel: bool = False
) -> None:
    """Write a claims or quantities DataFrame (e.g. `Tracker.claims()`) as CSV or .xlsx."""
    columns, records = frame_rows(df)
    header, rows = export_rows(table, records, columns)
    write_export(table, header, rows, output, excel=excel)

"""The one spreadsheet writer: a claims or quantities DataFrame as CSV (UTF-8) or .xlsx, one
flat header row.

Cells are typed by the codebook: numbers are plain numbers (no separators; an open bound is an
empty cell, never 'inf'), dates are ISO text at their precision (real dates in .xlsx, shown at
that precision), text that a spreadsheet would run as a formula gets a leading single quote, and
characters XML cannot hold (form feed, ESC, vertical tab...) become spaces, in both formats so
they agree. Files are written all or nothing (`files.write_atomic`). `table_cells` is pure.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from estimates.dates import When
from estimates.errors import ReportError
from estimates.report.codebook import CODEBOOK, column_kinds
from estimates.report.files import write_atomic, write_text

if TYPE_CHECKING:
    import pandas as pd

SheetCell = str | float | int | None

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet treat a text cell as a formula (CSV injection)."""

NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters XML 1.0 cannot hold (C0 controls, lone surrogates, U+FFFE/U+FFFF): an .xlsx
cell refuses them."""

MAX_EXACT_INT = 2**53
"""Floats with integer values below this print as integers without losing digits."""

XLSX_DATE_FORMATS = {"day": "yyyy-mm-dd", "month": "yyyy-mm", "year": "yyyy"}
"""How an .xlsx date cell shows each precision, so '2023-12' stays '2023-12'."""


def neutralize(s: str) -> str:
    """Text that cannot run as a formula: a leading single quote where one could."""
    return "'" + s if s.startswith(FORMULA_START) else s


def clean_text(s: str) -> str:
    """Text any spreadsheet can hold and none will run: XML-illegal characters become spaces,
    then the formula guard."""
    return neutralize(NOT_XML.sub(" ", s))


def _missing(v: object) -> bool:
    if v is None:
        return True
    import pandas as pd

    try:
        return bool(pd.isna(v))  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return False


def _as_float(v: object) -> float | None:
    try:
        f = float(v)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) or math.isinf(f) else f


def _as_date(v: object) -> str | None:
    if isinstance(v, dt.date):  # also datetime and pandas Timestamp
        v = v.isoformat()
    when = When.parse(v)
    return when.iso if when else None


def cell(v: object, kind: str) -> SheetCell:
    """One value as its column's type: int/float, ISO date text, cleaned text, or None."""
    if _missing(v):
        return None
    if kind in ("number", "integer"):
        f = _as_float(v)
        if f is None:
            return None
        exact = (kind == "integer" or f.is_integer()) and abs(f) < MAX_EXACT_INT
        return int(f) if exact else f
    if kind == "date":
        return _as_date(v)
    s = clean_text(str(v))
    return s or None


def export_columns(table: str, present: Sequence[str]) -> list[str]:
    """Codebook columns that are present, in codebook order, then any others as found."""
    known = [c.name for c in CODEBOOK[table] if c.name in present]
    return known + [c for c in present if c not in known]


def table_cells(table: str, df: pd.DataFrame) -> tuple[list[str], list[str], list[list[SheetCell]]]:
    """(header, cell kinds, typed rows) of a 'claims' or 'quantities' DataFrame; pure."""
    if table not in CODEBOOK:
        raise ReportError(f"unknown export {table!r}: choose {' or '.join(CODEBOOK)}")
    header = export_columns(table, [str(c) for c in df.columns])
    kinds = [column_kinds(table).get(c, "text") for c in header]
    columns = [df[c].tolist() for c in header]
    records = zip(*columns, strict=True)
    rows = [[cell(v, k) for v, k in zip(values, kinds, strict=True)] for values in records]
    if not len(df.columns):  # nothing at all: the documented header
        header = [c.name for c in CODEBOOK[table]]
        kinds = [c.kind for c in CODEBOOK[table]]
    return [clean_text(h) for h in header], kinds, rows


def csv_text(header: Sequence[str], rows: Sequence[Sequence[SheetCell]]) -> str:
    """The export as CSV text: plain numbers, empty cells for missing values."""
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(header)
    for row in rows:
        w.writerow(["" if v is None else repr(v) if isinstance(v, float) else v for v in row])
    return buf.getvalue()


def export_frame(
    table: str, df: pd.DataFrame, output: str | Path | None = None, *, excel: bool = False
) -> None:
    """Write a claims or quantities DataFrame (e.g. `Tracker.claims()`) to stdout (CSV) or to
    `output`: .xlsx by suffix, else CSV; `excel` starts the CSV with a BOM for Excel."""
    header, kinds, rows = table_cells(table, df)
    if output is not None and Path(output).suffix.lower() == ".xlsx":
        write_atomic(output, lambda tmp: _write_xlsx(header, kinds, rows, tmp))
        return
    data = csv_text(header, rows)
    if output is None:
        sys.stdout.write(("\ufeff" if excel else "") + data)
        return
    write_text(output, data, encoding="utf-8-sig" if excel else "utf-8")


def _write_xlsx(
    header: Sequence[str], kinds: Sequence[str], rows: Sequence[Sequence[SheetCell]], path: Path
) -> None:
    """One sheet, a bold frozen header; dates as real dates shown at their precision; text
    never read as a formula."""
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
        ws.append([When(v).first_day if k == "date" and isinstance(v, str) else v
                   for v, k in zip(row, kinds, strict=True)])  # fmt: skip
    for cells, row in zip(ws.iter_rows(min_row=2), rows, strict=False):
        for c, v, k in zip(cells, row, kinds, strict=False):
            if k == "date" and isinstance(v, str):
                c.number_format = XLSX_DATE_FORMATS[When(v).precision]
            elif isinstance(c.value, str):
                c.data_type = "s"  # never a formula, whatever the text
    wb.save(path)

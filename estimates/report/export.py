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
from estimates.report.codebook import (
    CODEBOOK,
    PRESETS,
    SHORT_COLUMNS,
    column_kinds,
    precision_column,
)
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

SUFFIXES = (".csv", ".xlsx")
"""Spreadsheet files written, by suffix; anything else (.xls, .ods, none) is refused rather
than filled with CSV text a spreadsheet would misread."""

MAX_WIDTH = 60
"""Widest .xlsx column, in characters: a sentence column wraps instead of running off."""

MIN_WIDTH = 6
"""Narrowest .xlsx column: room for the header's filter button."""

WIDTH_SAMPLE = 500
"""Rows read to size the .xlsx columns: enough to see the widths, quick on any export."""


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


def _as_date(v: object, precision: object = None) -> str | None:
    if isinstance(v, dt.datetime):  # also pandas Timestamp
        v = v.date()
    if isinstance(v, dt.date):
        v = v.isoformat()
    when = When.parse(v, precision if isinstance(precision, str) else None)
    return when.iso if when else None


def cell(v: object, kind: str, precision: object = None) -> SheetCell:
    """One value as its column's type: int/float, ISO date text (cut to `precision`, for a
    DataFrame's datetime that stands for a month or a year), cleaned text, or None."""
    if _missing(v):
        return None
    if kind in ("number", "integer"):
        f = _as_float(v)
        if f is None:
            return None
        exact = (kind == "integer" or f.is_integer()) and abs(f) < MAX_EXACT_INT
        return int(f) if exact else f
    if kind == "date":
        return _as_date(v, None if _missing(precision) else precision)
    s = clean_text(str(v))
    return s or None


def export_columns(table: str, present: Sequence[str]) -> list[str]:
    """Codebook columns that are present, in codebook order, then any others as found."""
    known = [c.name for c in CODEBOOK[table] if c.name in present]
    return known + [c for c in present if c not in known]


def _with_columns(table: str, df: pd.DataFrame) -> pd.DataFrame:
    """The frame with a codebook column it holds as its index (`quantities()` is indexed by
    the quantity id) back among its columns."""
    name = df.index.name
    if name and name in column_kinds(table) and name not in df.columns:
        return df.reset_index()
    return df


def _article(df: pd.DataFrame) -> list[object]:
    """The short preset's `article`: the headline, else the document id."""
    titles = df["title"].tolist() if "title" in df.columns else [None] * len(df)
    ids = df["doc_id"].tolist() if "doc_id" in df.columns else [None] * len(df)
    return [t if isinstance(t, str) and t else d for t, d in zip(titles, ids, strict=True)]


def table_cells(
    table: str, df: pd.DataFrame, columns: str = "full"
) -> tuple[list[str], list[str], list[list[SheetCell]]]:
    """(header, cell kinds, typed rows) of a 'claims' or 'quantities' DataFrame, with the
    `columns` preset ('full': the codebook; 'short': see codebook.SHORT_COLUMNS); pure."""
    if table not in CODEBOOK:
        raise ReportError(f"unknown export {table!r}: choose {' or '.join(CODEBOOK)}")
    if columns not in PRESETS:
        raise ReportError(f"unknown columns {columns!r}: choose {' or '.join(PRESETS)}")
    df = _with_columns(table, df)
    kinds_of = column_kinds(table)
    if not len(df.columns):  # nothing at all: the documented header
        header = [c.name for c in CODEBOOK[table]]
        return header, [c.kind for c in CODEBOOK[table]], []
    if columns == "short":
        pairs = [(name, src) for name, src in SHORT_COLUMNS[table]
                 if src in df.columns or name == "article"]  # fmt: skip
    else:
        pairs = [(c, c) for c in export_columns(table, [str(c) for c in df.columns])]
    header = [name for name, _ in pairs]
    kinds = [kinds_of.get(src, "text") for _, src in pairs]
    values = [_article(df) if name == "article" and columns == "short" else df[src].tolist()
              for name, src in pairs]  # fmt: skip
    precisions = [
        df[precision_column(src)].tolist()
        if kind == "date" and precision_column(src) in df.columns
        else [None] * len(df)
        for (_, src), kind in zip(pairs, kinds, strict=True)
    ]
    rows = [
        [cell(v, k, p) for v, k, p in zip(vs, kinds, ps, strict=True)]
        for vs, ps in zip(zip(*values, strict=True), zip(*precisions, strict=True), strict=True)
    ]
    return [clean_text(h) for h in header], kinds, rows


def check_suffix(output: str | Path) -> str:
    """The output's suffix, .csv or .xlsx; anything else is a clear error."""
    suffix = Path(output).suffix.lower()
    if suffix not in SUFFIXES:
        shown = f"a {suffix} file" if suffix else "a file without a suffix"
        raise ReportError(
            f"{output}: cannot write {shown}: name it .csv or .xlsx "
            "(Excel and LibreOffice open both)"
        )
    return suffix


def csv_text(header: Sequence[str], rows: Sequence[Sequence[SheetCell]]) -> str:
    """The export as CSV text: plain numbers, empty cells for missing values."""
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(header)
    for row in rows:
        w.writerow(["" if v is None else repr(v) if isinstance(v, float) else v for v in row])
    return buf.getvalue()


def export_frame(
    table: str,
    df: pd.DataFrame,
    output: str | Path | None = None,
    *,
    excel: bool = False,
    columns: str = "full",
) -> None:
    """Write a claims or quantities DataFrame (e.g. `Tracker.claims()`) to stdout (CSV) or to
    `output` (.csv or .xlsx by suffix; any other suffix is an error); `excel` starts the CSV
    with a BOM for Excel; `columns` is the preset ('full' or 'short')."""
    if output is not None:
        suffix = check_suffix(output)
    header, kinds, rows = table_cells(table, df, columns)
    if output is not None and suffix == ".xlsx":
        write_atomic(output, lambda tmp: _write_xlsx(table, header, kinds, rows, tmp))
        return
    data = csv_text(header, rows)
    if output is None:
        sys.stdout.write(("\ufeff" if excel else "") + data)
        return
    write_text(output, data, encoding="utf-8-sig" if excel else "utf-8")


def column_widths(header: Sequence[str], rows: Sequence[Sequence[SheetCell]]) -> list[int]:
    """Each .xlsx column's width in characters: its longest cell (of the first WIDTH_SAMPLE
    rows) or header, between MIN_WIDTH and MAX_WIDTH."""
    widths = [len(h) + 2 for h in header]  # + the filter button
    for row in rows[:WIDTH_SAMPLE]:
        for i, v in enumerate(row):
            if v is not None:
                widths[i] = max(widths[i], len(v if isinstance(v, str) else str(v)))
    return [min(max(w + 1, MIN_WIDTH), MAX_WIDTH) for w in widths]


def _write_xlsx(
    table: str,
    header: Sequence[str],
    kinds: Sequence[str],
    rows: Sequence[Sequence[SheetCell]],
    path: Path,
) -> None:
    """One sheet named after the table; a bold, frozen header row with filters; columns as
    wide as their content (capped); dates as real dates shown at their precision; text never
    read as a formula."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = table
    ws.append(list(header))
    for c in ws[1]:
        c.font = Font(bold=True)
    ws.freeze_panes = "A2"
    if header:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"
    for i, width in enumerate(column_widths(header, rows), start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
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

"""Spreadsheet exports: flat typed cells, ISO dates, open bounds empty, formula guard; filters."""

from __future__ import annotations

import csv
import math

import pandas as pd
import pytest
from openpyxl import load_workbook

from estimates.claims.model import Claim
from estimates.report.codebook import CODEBOOK, codebook_markdown
from estimates.report.common import ReportError
from estimates.report.export import export_rows, neutralize, write_export
from estimates.report.filters import Filters, filter_claims, filter_quantities

PLANTED = '=HYPERLINK("http://evil.example","click")'


def _rows() -> list[dict]:
    return [
        {
            "claim_id": "c1",
            "quantity": "crowd",
            "quantity_label": "Marchers in the city centre",
            "text": "at least 20,000 marchers",
            "value": 20000.0,
            "low": None,
            "high": math.inf,
            "qualifier": "at_least",
            "source": "Organisers",
            "claimed_at": "2021-04-03",
            "published": "2021-04-03T18:20:00+02:00",
            "sentence": "Organisers said at least 20,000 marchers filled the square.",
            "start": 17,
            "end": 41,
        },
        {
            "claim_id": "c2",
            "quantity": "temp",
            "quantity_label": "Lowest night temperature",
            "text": "-5 degrees",
            "value": -5.0,
            "low": None,
            "high": None,
            "qualifier": "exact",
            "source": PLANTED,
            "claimed_at": None,
            "published": "2021-01-09",
            "sentence": "-5 degrees was the coldest reading, " + PLANTED,
            "start": 0,
            "end": 10,
        },
    ]


def _csv(tmp_path, **kw) -> str:
    header, rows = export_rows("claims", _rows())
    out = tmp_path / "claims.csv"
    write_export("claims", header, rows, str(out), **kw)
    return str(out)


def test_csv_reads_back_with_the_csv_module(tmp_path) -> None:
    with open(_csv(tmp_path), encoding="utf-8", newline="") as f:
        got = list(csv.DictReader(f))
    assert list(got[0])[:4] == ["claim_id", "quantity", "quantity_label", "text"]
    assert got[0]["value"] == "20000" and got[0]["high"] == "" and got[0]["low"] == ""
    assert got[0]["published"] == "2021-04-03" and got[0]["claimed_at"] == "2021-04-03"
    assert got[1]["value"] == "-5"  # a negative number stays a number
    assert got[1]["text"] == "'-5 degrees"  # text that starts with '-' is guarded
    assert got[1]["source"] == "'" + PLANTED
    assert got[1]["sentence"].startswith("'-5 degrees")
    assert got[1]["claimed_at"] == ""


def test_csv_reads_back_with_pandas(tmp_path) -> None:
    df = pd.read_csv(_csv(tmp_path))
    assert df["value"].tolist() == [20000, -5]
    assert pd.api.types.is_numeric_dtype(df["value"])
    assert df["high"].isna().all()
    assert df["start"].tolist() == [17, 0]
    assert not df.astype(str).apply(lambda c: c.str.startswith("=")).any().any()


def test_excel_flag_adds_a_bom_only_when_asked(tmp_path) -> None:
    with open(_csv(tmp_path), "rb") as f:
        assert not f.read(3).startswith(b"\xef\xbb\xbf")
    with open(_csv(tmp_path, excel=True), "rb") as f:
        assert f.read(3) == b"\xef\xbb\xbf"


def test_xlsx_has_numbers_dates_and_no_formulas(tmp_path) -> None:
    header, rows = export_rows("claims", _rows())
    out = tmp_path / "claims.xlsx"
    write_export("claims", header, rows, str(out))
    ws = load_workbook(out).active
    cells = {h.value: c for h, c in zip(ws[1], ws[3], strict=True)}
    assert cells["value"].value == -5 and cells["value"].data_type == "n"
    assert cells["source"].value == "'" + PLANTED and cells["source"].data_type == "s"
    assert cells["published"].value.date().isoformat() == "2021-01-09"
    assert cells["published"].number_format == "yyyy-mm-dd"


def test_stdout_export(capsys) -> None:
    header, rows = export_rows("claims", _rows()[:1], ["claim_id", "value", "high"])
    write_export("claims", header, rows, None)
    assert capsys.readouterr().out == "claim_id,value,high\r\nc1,20000,\r\n"


def test_neutralize_guards_every_formula_start() -> None:
    for s in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert neutralize(s) == "'" + s
    assert neutralize("Pentagon") == "Pentagon"


def test_unknown_export_is_a_clear_error() -> None:
    with pytest.raises(ReportError, match="unknown export 'people'"):
        export_rows("people", [])


def test_every_claim_field_is_in_the_codebook() -> None:
    documented = {c.name for c in CODEBOOK["claims"]}
    assert set(Claim.field_names()) <= documented
    assert "| `spread` | number |" in codebook_markdown()


def test_filters_select_by_source_date_quantity_and_topic() -> None:
    df = pd.DataFrame(_rows())
    assert filter_claims(df, Filters(source="organis"))["claim_id"].tolist() == ["c1"]
    assert filter_claims(df, Filters(since="2021-02"))["claim_id"].tolist() == ["c1"]
    assert filter_claims(df, Filters(until="2021-01"))["claim_id"].tolist() == ["c2"]
    assert filter_claims(df, Filters(quantity="temp"))["claim_id"].tolist() == ["c2"]
    assert filter_claims(df, Filters(quantity="city centre"))["claim_id"].tolist() == ["c1"]
    assert filter_claims(df, Filters(topic="coldest reading"))["claim_id"].tolist() == ["c2"]
    assert filter_claims(df, Filters(topic="square night")).empty


def test_filters_on_report_quantities_keep_only_matching_claims() -> None:
    rows = _rows()
    qs = [{"id": "crowd", "label": "Marchers", "claims": rows[:1]}]
    qs.append({"id": "temp", "label": "Night temperature", "claims": rows[1:]})
    assert [q["id"] for q in filter_quantities(qs, Filters(source="organisers"))] == ["crowd"]
    assert filter_quantities(qs, Filters(since="2022")) == []
    assert len(filter_quantities(qs, Filters())) == 2


@pytest.mark.parametrize("bad", ["yesterday", "2021-13-01", "21-01-01"])
def test_bad_dates_are_a_clear_error(bad) -> None:
    with pytest.raises(ReportError, match="YYYY-MM-DD"):
        Filters(since=bad)


def test_until_a_month_or_year_takes_its_last_day() -> None:
    assert Filters(until="2024-02").until == "2024-02-29"
    assert Filters(until="2024").until == "2024-12-31"
    assert Filters(since="2024").since == "2024-01-01"

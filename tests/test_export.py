"""Spreadsheet exports: flat typed cells, ISO dates, open bounds empty, formula guard; filters."""

from __future__ import annotations

import csv
import math
import re
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner, Result
from openpyxl import load_workbook

from estimates.claims.model import Claim
from estimates.cli import cli
from estimates.report.codebook import CODEBOOK, codebook_markdown
from estimates.report.common import ReportError
from estimates.report.export import export_rows, neutralize, write_export
from estimates.report.filters import Filters, filter_claims, filter_quantities, filter_report
from estimates.tracker import Tracker

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


# --- the `export` command on the bundled sample articles plus one planted article ---

DATA = Path(__file__).resolve().parent.parent / "data"
ARTICLE = """id: planted
title: Ferries leave the harbour
publisher: {publisher}
published: 2023-04-02

{publisher} About 40 ferries sailed from the harbour on Sunday.

The port authority said 55 ferries left the harbour on Sunday.
"""


@pytest.fixture(scope="module")
def ledger(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("ledger")
    article = folder / "planted.txt"
    article.write_text(ARTICLE.format(publisher=PLANTED), encoding="utf-8")
    db = str(folder / "ledger.db")
    result = CliRunner().invoke(cli, ["--db", db, "-q", "add", str(DATA), str(article)])
    assert result.exit_code == 0, result.output
    return db


def _planted_quantity(db: str, doc_id: str = "planted") -> str:
    """The id the grouping gave the planted article's two ferry counts (one quantity)."""
    with Tracker(db) as t:
        claims = t.claims()
    ids = set(claims.loc[claims["doc_id"] == doc_id, "quantity"])
    assert len(ids) == 1, ids
    return ids.pop()


def _export(db: str, *args: str) -> Result:
    result = CliRunner().invoke(cli, ["--db", db, "export", *args])
    assert result.exit_code == 0, result.output
    return result


def test_export_claims_csv_from_the_ledger(ledger, tmp_path) -> None:
    out = tmp_path / "claims.csv"
    _export(ledger, "claims", "-o", str(out))
    df = pd.read_csv(out)
    ferries = df[df["doc_id"] == "planted"].set_index("value")
    assert ferries.loc[40, "qualifier"] == "approx"
    assert ferries.loc[40, "publisher"] == "'" + PLANTED
    assert ferries.loc[40, "sentence"].startswith("'" + PLANTED)
    assert "port authority" in ferries.loc[55, "source_name"].lower()
    assert pd.api.types.is_numeric_dtype(df["value"]) and df["value"].notna().all()
    with open(out, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert {r["claimed_at"] for r in rows} - {""} <= {r["date"] for r in rows}
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["date"]) for r in rows)
    assert not any("inf" in r["interval_high"] or "," in r["value"] for r in rows)
    floor = [r for r in rows if r["qualifier"] == "at_least" and r["value"] == "10000"]
    assert floor and all(r["interval_high"] == "" and r["interval_low"] == "10000" for r in floor)


def test_every_exported_column_is_in_the_codebook(ledger) -> None:
    for table in ("claims", "quantities"):
        header = _export(ledger, table).output.splitlines()[0].split(",")
        documented = [c.name for c in CODEBOOK[table]]
        assert set(header) <= set(documented), set(header) - set(documented)
    with Tracker(ledger) as t:
        assert set(t.claims().columns) <= {c.name for c in CODEBOOK["claims"]}
        assert set(t.quantities().columns) <= {c.name for c in CODEBOOK["quantities"]}


def test_export_quantities_xlsx_and_filters(ledger, tmp_path) -> None:
    out = tmp_path / "quantities.xlsx"
    qid = _planted_quantity(ledger)
    _export(ledger, "quantities", "-o", str(out), "--quantity", qid)
    ws = load_workbook(out).active
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    record = dict(zip(rows[0], rows[1], strict=True))
    assert len(rows) == 2 and record["quantity"] == qid
    assert (record["lowest"], record["highest"], record["sources"]) == (40, 55, 2)
    assert record["first_claimed"].date().isoformat() == "2023-04-02"
    text = _export(ledger, "claims", "--source", "port authority").output
    assert len(text.splitlines()) == 2 and ",55," in text


def test_export_errors_are_one_line(ledger, tmp_path) -> None:
    runner = CliRunner()
    bad = runner.invoke(cli, ["--db", ledger, "export", "claims", "--since", "soon"])
    assert bad.exit_code != 0 and "YYYY-MM-DD" in str(bad.exception)
    missing = runner.invoke(cli, ["--db", str(tmp_path / "none.db"), "export", "claims"])
    assert "no ledger at" in str(missing.exception)


def test_filter_report_narrows_the_reconciled_report(ledger) -> None:
    with Tracker(ledger) as t:
        full = t.report()
    report = filter_report(full, Filters(source="port authority"))
    assert [q.id for q in report.quantities] == [_planted_quantity(ledger)]
    q = report.quantities[0]
    assert [f.claim.value for f in q.figures] == [55.0]
    assert [s.latest.claim.value for s in q.sources] == [55.0]
    assert all(55.0 in (d.a.claim.value, d.b.claim.value) for d in q.disagreements)
    assert (q.low, q.high) == (40.0, 55.0)  # reconciled over all of the quantity's claims
    assert filter_report(full, Filters()) is full


def test_an_empty_export_still_has_the_documented_header() -> None:
    header, rows = export_rows("quantities", [])
    assert rows == [] and header == [c.name for c in CODEBOOK["quantities"]]

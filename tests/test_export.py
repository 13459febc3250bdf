"""Spreadsheet exports: flat typed cells, dates at their precision, open bounds empty, formula
guard, XML-illegal characters, all-or-nothing files; filters."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner, Result
from helpers import claim, quantity
from openpyxl import load_workbook

from estimates.claims.model import Claim
from estimates.cli import cli
from estimates.errors import ReportError
from estimates.reconcile.model import QuantityReport, Report
from estimates.report.codebook import CODEBOOK, codebook_markdown
from estimates.report.export import clean_text, export_frame, neutralize
from estimates.report.filters import Filters, filter_report
from estimates.report.frames import claims_frame, quantities_frame
from estimates.tracker import Tracker

PLANTED = '=HYPERLINK("http://evil.example","click")'
MARCH = "Organisers said at least 20,000 marchers filled the square."
COLD = "-5 degrees was the coldest reading, " + PLANTED


def _quantities() -> list[QuantityReport]:
    crowd = claim(MARCH, "at least 20,000 marchers", 20000, qualifier="at_least",
                  unit="marcher", source="Organisers", date="2021-04-03",
                  published="2021-04-03T18:20:00+02:00", doc="rally")  # fmt: skip
    cold = claim(COLD, "-5 degrees", -5, unit="degree Celsius", kind="temperature",
                 source=PLANTED, date=None, published="2021-01-09", doc="frost")  # fmt: skip
    return [
        quantity([crowd], "crowd", "Marchers in the city centre"),
        quantity([cold], "temp", "Lowest night temperature"),
    ]


def _csv(tmp_path: Path, **kw: bool) -> str:
    out = tmp_path / "claims.csv"
    export_frame("claims", claims_frame(_quantities()), out, **kw)
    return str(out)


def test_csv_reads_back_with_the_csv_module(tmp_path: Path) -> None:
    with open(_csv(tmp_path), encoding="utf-8", newline="") as f:
        got = list(csv.DictReader(f))
    assert list(got[0])[:6] == [
        "claim_id",
        "quantity",
        "quantity_label",
        "story",
        "ungrouped",
        "doc_id",
    ]
    assert got[0]["value"] == "20000" and got[0]["high"] == "" and got[0]["low"] == ""
    assert got[0]["interval_low"] == "20000" and got[0]["interval_high"] == ""
    assert got[0]["published"] == "2021-04-03" and got[0]["claimed_at"] == "2021-04-03"
    assert got[1]["value"] == "-5"  # a negative number stays a number
    assert got[1]["text"] == "'-5 degrees"  # text that starts with '-' is guarded
    assert got[1]["source"] == "'" + PLANTED
    assert got[1]["sentence"].startswith("'-5 degrees")
    assert got[1]["claimed_at"] == "" and got[1]["date"] == "2021-01-09"


def test_csv_reads_back_with_pandas(tmp_path: Path) -> None:
    df = pd.read_csv(_csv(tmp_path))
    assert df["value"].tolist() == [20000, -5]
    assert pd.api.types.is_numeric_dtype(df["value"])
    assert df["high"].isna().all()
    assert df["start"].tolist() == [MARCH.index("at least"), 0]
    assert not df.astype(str).apply(lambda c: c.str.startswith("=")).any().any()


def test_excel_flag_adds_a_bom_only_when_asked(tmp_path: Path) -> None:
    with open(_csv(tmp_path), "rb") as f:
        assert not f.read(3).startswith(b"\xef\xbb\xbf")
    with open(_csv(tmp_path, excel=True), "rb") as f:
        assert f.read(3) == b"\xef\xbb\xbf"


def test_xlsx_has_numbers_dates_and_no_formulas(tmp_path: Path) -> None:
    out = tmp_path / "claims.xlsx"
    export_frame("claims", claims_frame(_quantities()), out)
    ws = load_workbook(out).active
    cells = {h.value: c for h, c in zip(ws[1], ws[3], strict=True)}
    assert cells["value"].value == -5 and cells["value"].data_type == "n"
    assert cells["source"].value == "'" + PLANTED and cells["source"].data_type == "s"
    assert cells["published"].value.date().isoformat() == "2021-01-09"
    assert cells["published"].number_format == "yyyy-mm-dd"


def test_stdout_export(capsys: pytest.CaptureFixture[str]) -> None:
    frame = claims_frame(_quantities()[:1])[["claim_id", "value", "high"]]
    export_frame("claims", frame)
    cid = frame["claim_id"].iloc[0]
    assert capsys.readouterr().out == f"claim_id,value,high\r\n{cid},20000,\r\n"


def test_neutralize_guards_every_formula_start() -> None:
    for s in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert neutralize(s) == "'" + s
    assert neutralize("Pentagon") == "Pentagon"


def test_characters_xml_cannot_hold_become_spaces_and_the_xlsx_is_written(
    tmp_path: Path,
) -> None:
    """Issue 14: a form feed, ESC or vertical tab in an article made the .xlsx export crash
    and write nothing."""
    sentence = "Crews\x0cfound 40 boats\x1b[0m on the\x0bshore."
    boats = claim(sentence, "40 boats", 40, unit="boat", doc="shore")
    frame = claims_frame([quantity([boats], "boats", "Boats\x0con the shore")])
    out = tmp_path / "boats.xlsx"
    export_frame("claims", frame, out)
    ws = load_workbook(out).active
    row = {h.value: c.value for h, c in zip(ws[1], ws[2], strict=True)}
    assert row["sentence"] == "Crews found 40 boats [0m on the shore."
    assert row["quantity_label"] == "Boats on the shore"
    assert clean_text("\ud800=x") == " =x"  # a lone surrogate too; then no formula start
    csv_out = tmp_path / "boats.csv"
    export_frame("claims", frame, csv_out)
    assert "Crews found 40 boats [0m on the shore." in csv_out.read_text(encoding="utf-8")


def test_a_failed_write_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import openpyxl

    def broken(self: object, filename: str) -> None:
        Path(filename).write_bytes(b"PK half a workbook")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(openpyxl.Workbook, "save", broken)
    out = tmp_path / "claims.xlsx"
    with pytest.raises(ReportError, match="claims.xlsx: cannot write: No space left"):
        export_frame("claims", claims_frame(_quantities()), out)
    assert list(tmp_path.iterdir()) == []
    old = tmp_path / "old.xlsx"
    old.write_bytes(b"the earlier export")
    with pytest.raises(ReportError):
        export_frame("claims", claims_frame(_quantities()), old)
    assert old.read_bytes() == b"the earlier export" and list(tmp_path.iterdir()) == [old]


def test_unknown_export_is_a_clear_error() -> None:
    with pytest.raises(ReportError, match="unknown export 'people'"):
        export_frame("people", pd.DataFrame())


def test_every_claim_field_is_in_the_codebook() -> None:
    documented = {c.name for c in CODEBOOK["claims"]}
    assert set(Claim.field_names()) <= documented
    assert "| `spread` | number |" in codebook_markdown()


def _report() -> Report:
    return Report("median-latest", tuple(_quantities()))


def test_filters_select_by_source_date_quantity_and_topic() -> None:
    def kept(f: Filters) -> list[str]:
        return [q.id for q in filter_report(_report(), f).quantities]

    assert kept(Filters(source="organis")) == ["crowd"]
    assert kept(Filters(since="2021-02")) == ["crowd"]
    assert kept(Filters(until="2021-01")) == ["temp"]
    assert kept(Filters(quantity="temp")) == ["temp"]
    assert kept(Filters(quantity="city centre")) == ["crowd"]
    assert kept(Filters(topic="coldest reading")) == ["temp"]
    assert kept(Filters(topic="square night")) == []
    assert kept(Filters(since="2022")) == []
    assert filter_report(_report(), Filters()).quantities == _report().quantities


def test_a_month_dated_claim_passes_a_filter_on_a_day_in_its_month() -> None:
    late = claim("About 300 boats left in December.", "About 300 boats", 300,
                 qualifier="approx", unit="boat", date="2023-12", publisher="Monthly")  # fmt: skip
    report = Report("median-latest", (quantity([late], "boats"),))
    for f in (Filters(since="2023-12-15"), Filters(until="2023-12-01"), Filters(since="2023")):
        assert [q.id for q in filter_report(report, f).quantities] == ["boats"]
    assert filter_report(report, Filters(since="2024-01")).quantities == ()


@pytest.mark.parametrize("bad", ["yesterday", "2021-13-01", "21-01-01"])
def test_bad_dates_are_a_clear_error(bad: str) -> None:
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
    assert all(re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", r["date"]) for r in rows)
    # month-precision dates stay months (issue 11: they were empty, or the 1st of the month)
    assert "2024-12" in {r["as_of"] for r in rows}
    month = [r for r in rows if r["claimed_at_precision"] == "month"]
    assert month and all(re.fullmatch(r"\d{4}-\d{2}", r["claimed_at"]) for r in month)
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


def test_an_empty_export_still_has_the_documented_header(
    capsys: pytest.CaptureFixture[str],
) -> None:
    export_frame("quantities", quantities_frame([]))
    assert capsys.readouterr().out.strip() == ",".join(c.name for c in CODEBOOK["quantities"])


def test_extract_csv_goes_through_the_same_writer(tmp_path: Path) -> None:
    """`extract --format csv` wrote formula-looking text unguarded; now it is the export's
    writer: guarded text, plain numbers, dates at their precision."""
    article = tmp_path / "ferries.txt"
    article.write_text(
        f"title: {PLANTED}\npublisher: @Harbour Desk\npublished: 2023-12\n\n"
        "Crews rescued 31 people from the ferry.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["extract", str(article), "--format", "csv"])
    assert result.exit_code == 0, result.output
    (row,) = csv.DictReader(result.stdout.splitlines())
    assert row["title"] == "'" + PLANTED and row["publisher"] == "'@Harbour Desk"
    assert (row["value"], row["published"]) == ("31", "2023-12")
    assert list(row)[:3] == ["claim_id", "doc_id", "text"]
    assert PLANTED not in result.stdout.replace("'" + PLANTED, "")

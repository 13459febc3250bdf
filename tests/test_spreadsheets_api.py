"""Spreadsheets and the Python API as a journalist meets them (issue 12): a named, filtered,
sized .xlsx sheet; the short column preset; unknown suffixes refused; DataFrames with real
dtypes, filters as keyword arguments, quantities indexed by id, names or ids everywhere; no
ledger created by reading."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from helpers import claim, quantity
from openpyxl import load_workbook

from estimates.cli import cli
from estimates.errors import LedgerError, ReportError
from estimates.reconcile.model import QuantityReport
from estimates.report.codebook import QUALIFIERS, column_names
from estimates.report.export import MAX_WIDTH, export_frame
from estimates.report.frames import claims_frame, quantities_frame
from estimates.tracker import QUANTITY_COLUMNS, Tracker

ROOT = Path(__file__).resolve().parent.parent
MARCH = "Organisers said at least 20,000 marchers filled the square, a long way from the park."
POLICE = "Police counted 6,000 marchers in the square in December."


def _march() -> QuantityReport:
    claims = [
        claim(MARCH, "at least 20,000 marchers", 20000, qualifier="at_least", unit="marcher",
              source="Organisers", date="2021-04-03", doc="rally",
              title="A crowd fills the square"),
        claim(POLICE, "6,000 marchers", 6000, unit="marcher", source="Police", date="2020-12",
              precision="month", doc="police-log", title=None),
    ]  # fmt: skip
    return quantity(claims, "march", "Marchers in the square")


def test_xlsx_sheet_is_named_filtered_frozen_and_sized(tmp_path: Path) -> None:
    out = tmp_path / "claims.xlsx"
    export_frame("claims", claims_frame([_march()]), out)
    wb = load_workbook(out)
    assert wb.sheetnames == ["claims"]
    ws = wb["claims"]
    n = len(column_names("claims"))
    assert ws.freeze_panes == "A2" and all(c.font.bold for c in ws[1])
    assert ws.auto_filter.ref == f"A1:{ws.cell(1, n).column_letter}3"
    width = {c.value: ws.column_dimensions[c.column_letter].width for c in ws[1]}
    assert width["claim_id"] == 17  # 16 hex digits, and a character to spare
    assert width["value"] == 8  # "value" and its filter button
    assert width["sentence"] == MAX_WIDTH  # capped: the sentence is longer
    quantities = tmp_path / "quantities.xlsx"
    export_frame("quantities", quantities_frame([_march()]), quantities)
    assert load_workbook(quantities).sheetnames == ["quantities"]


def test_short_columns_preset(tmp_path: Path) -> None:
    out = tmp_path / "short.csv"
    export_frame("claims", claims_frame([_march()]), out, columns="short")
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines == [
        "date,source,text,value,low,high,unit,quantity,article",
        '2020-12,Police,"6,000 marchers",6000,,,marcher,Marchers in the square,police-log',
        '2021-04-03,Organisers,"at least 20,000 marchers",20000,,,marcher,Marchers in the '
        "square,A crowd fills the square",
    ]


@pytest.mark.parametrize("name", ["out.xls", "out.ods", "out.txt", "out"])
def test_unknown_spreadsheet_suffixes_are_refused(tmp_path: Path, name: str) -> None:
    suffix = Path(name).suffix
    shown = f"a {suffix} file" if suffix else "a file without a suffix"
    with pytest.raises(ReportError) as e:
        export_frame("claims", claims_frame([_march()]), tmp_path / name)
    assert str(e.value) == (
        f"{tmp_path / name}: cannot write {shown}: name it .csv or .xlsx "
        "(Excel and LibreOffice open both)"
    )
    assert list(tmp_path.iterdir()) == []


def test_dataframes_have_real_dtypes_in_the_csv_order() -> None:
    claims = claims_frame([_march()])
    assert tuple(claims.columns) == column_names("claims")
    assert str(claims["date"].dtype) == "datetime64[ns]"
    police = claims.set_index("doc_id").loc["police-log"]
    assert police["date"] == pd.Timestamp("2020-12-01") and police["date_precision"] == "month"
    assert isinstance(claims["qualifier"].dtype, pd.CategoricalDtype)
    assert tuple(claims["qualifier"].cat.categories) == QUALIFIERS
    assert isinstance(claims["kind"].dtype, pd.CategoricalDtype)
    assert str(claims["value"].dtype) == "Float64" and claims["high"].isna().all()
    assert str(claims["start"].dtype) == "Int64"
    quantities = quantities_frame([_march()])
    assert quantities.index.name == "quantity" and list(quantities.index) == ["march"]
    assert tuple(quantities.columns) == QUANTITY_COLUMNS
    assert quantities.loc["march", "first_claimed"] == pd.Timestamp("2020-12-01")
    assert quantities.loc["march", "first_claimed_precision"] == "month"


HEADER = "id: {id}\npublisher: Test Wire\npublished: {date}\n\n"
TEXTS = {
    "early": ("2024-10-28", "About 10,000 North Korean troops are now in Russia, the Pentagon "
              "said. Officials said 4 ships docked in the port of Vladivostok."),
    "late": ("2024-12-30", "About 12,000 North Korean troops are now in Russia, Seoul said."),
}  # fmt: skip


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    for name, (date, body) in TEXTS.items():
        (docs / f"{name}.txt").write_text(HEADER.format(id=name, date=date) + body + "\n")
    return docs


def test_an_empty_ledger_gives_empty_frames_with_every_column(tmp_path: Path) -> None:
    with Tracker(tmp_path / "new.db", create=True) as t:
        claims, quantities = t.claims(), t.quantities()
    assert claims.empty and tuple(claims.columns) == column_names("claims")
    assert str(claims["date"].dtype) == "datetime64[ns]"
    assert quantities.empty and tuple(quantities.columns) == QUANTITY_COLUMNS


def test_reading_a_ledger_that_does_not_exist_is_an_error(tmp_path: Path, folder: Path) -> None:
    path = tmp_path / "typo.db"
    with Tracker(path) as t, pytest.raises(LedgerError, match="no ledger at .*typo.db"):
        t.claims()
    assert not path.exists()
    with Tracker(path) as t:
        t.add(folder)  # adding creates it
        assert len(t.claims()) == 3


def test_filters_are_keyword_arguments_and_names_work_everywhere(
    tmp_path: Path, folder: Path
) -> None:
    with Tracker(tmp_path / "t.db") as t:
        t.add(folder)
        troops = t.claims(quantity="troops russia")
        assert sorted(troops["value"]) == [10000.0, 12000.0]
        assert list(t.claims(source="Seoul")["value"]) == [12000.0]
        assert list(t.claims(since="2024-12")["value"]) == [12000.0]
        assert list(t.claims(until="2024-11", topic="troops")["value"]) == [10000.0]
        (qid,) = t.quantities(topic="troops").index
        assert qid.startswith("north-korean-troops-in-russia-")  # then the story's name
        assert list(t.timeline("troops in Russia")["best"]) == [10000.0, 12000.0]
        fig = t.plot("troops Russia", since="2024-12")
        assert fig.axes[0].get_title(loc="left").startswith("North Korean troops in Russia — ")
        with pytest.raises(ReportError, match="no quantity matches 'penguins'"):
            t.claims(quantity="penguins")
    cli_rows = CliRunner().invoke(
        cli, ["--db", str(tmp_path / "t.db"), "export", "claims", "--quantity", "troops russia"]
    )
    assert cli_rows.exit_code == 0 and len(cli_rows.stdout.splitlines()) == 3


def test_export_command_short_columns_and_a_bad_suffix(tmp_path: Path, folder: Path) -> None:
    db = str(tmp_path / "t.db")
    with Tracker(db) as t:
        t.add(folder)
    out = tmp_path / "short.xlsx"
    ok = CliRunner().invoke(cli, ["--db", db, "export", "claims", "--columns", "short",
                                  "-o", str(out)])  # fmt: skip
    assert ok.exit_code == 0, ok.output
    ws = load_workbook(out)["claims"]
    assert [c.value for c in ws[1]] == [
        "date", "source", "text", "value", "low", "high", "unit", "quantity", "article",
    ]  # fmt: skip
    bad = CliRunner().invoke(cli, ["--db", db, "export", "claims", "-o", str(tmp_path / "x.xls")])
    assert bad.exit_code != 0 and "cannot write a .xls file" in str(bad.exception)
    assert not (tmp_path / "x.xls").exists()


def test_a_notebook_extra_and_a_readme_line_to_open_the_notebook() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extra = project["optional-dependencies"]["notebook"]
    assert {e.split(">")[0] for e in extra} == {"jupyterlab", "nbconvert"}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert 'pip install -e ".[notebook]" && jupyter lab notebooks/walkthrough.ipynb' in readme
    assert "LibreOffice" in readme and "UTF-8" in readme

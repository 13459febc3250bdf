"""Every output says the same thing (issue 11): one ledger with month- and year-precision
dates, a range, open bounds, a unit conversion, formula-looking text and control characters;
every codebook field compared across the JSON report, CSV, XLSX (read back with openpyxl), the
DataFrames and the HTML evidence table, field by field."""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from helpers import claim
from openpyxl import load_workbook

from estimates.claims.model import Claim
from estimates.cli import cli
from estimates.dates import When
from estimates.documents import Document
from estimates.ledger import Ledger
from estimates.report.codebook import CODEBOOK, column_kinds
from estimates.report.export import clean_text
from estimates.tracker import Tracker

VERSION = "test-7"
FORMULA_TITLE = '=HYPERLINK("http://evil.example","open me")'
BORDER = "Some units were within 50 kilometers (30 miles) of the border, the ministry said."
RANGE = "Between 10,000 and 12,000 troops crossed the river, officials said."
FLOOR = "At least 9,000 troops stayed behind, the agency said."
ABOVE = "More than 3,000 troops had left by the end of the year."
ROSE = "The count rose by 500 troops, according to the wire."
ABOUT = "About 10,500 troops\x0cwere counted, -sources close to the talks said."

QUANTITIES = """
[quantities.border-distance]
label = "Distance to the border"
unit = ["kilometer", "mile"]

[quantities.troops]
label = "=Troops across the river"
unit = ["troop"]
"""


def _documents() -> list[tuple[Document, list[Claim]]]:
    monthly = dict(doc="monthly", publisher="Month Review", title=FORMULA_TITLE,
                   url="https://review.example/dec")  # fmt: skip
    yearly = dict(doc="yearly", publisher="+Year Book", published="2015")
    daily = dict(doc="daily", publisher="Daily Wire", published="2024-10-30")
    claims = {
        "monthly": [
            claim(BORDER, "50 kilometers", 50, unit="kilometer", kind="length",
                  source="the ministry", source_entity="Ruritania", date="2023-12-01",
                  precision="month", published="2023-12", **monthly),
            claim(BORDER, "30 miles", 30, unit="mile", kind="length", source="the ministry",
                  source_entity="Ruritania", date=None, published="2023-12", **monthly),
            claim(RANGE, "Between 10,000 and 12,000 troops", 11000, qualifier="range",
                  low=10000, high=12000, source="officials", date="2023-12",
                  published="2023-12", **monthly),
        ],
        "yearly": [
            claim(FLOOR, "At least 9,000 troops", 9000, qualifier="at_least",
                  source="the agency", date="2015", precision="year", **yearly),
            claim(ABOVE, "More than 3,000 troops", 3000, qualifier="more_than", date=None,
                  as_of="2015", **yearly),
        ],
        "daily": [
            claim(ROSE, "rose by 500 troops", 500, source="the wire", via="@wire",
                  date="2024-10-28", change="up", **daily),
            claim(ABOUT, "About 10,500 troops", 10500, qualifier="approx",
                  source="-sources close to the talks", date="2024-10-30", as_of="2024-12",
                  hedge="estimate", subject="troops counted", **daily),
        ],
    }  # fmt: skip
    texts = {
        "monthly": f"{BORDER} {RANGE}",
        "yearly": f"{FLOOR} {ABOVE}",
        "daily": f"{ROSE} {ABOUT}",
    }
    docs = []
    for doc_id, found in claims.items():
        first = found[0]
        doc = Document(doc_id, texts[doc_id], first.title, first.publisher, first.published,
                       first.url)  # fmt: skip
        docs.append((doc, found))
    return docs


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The ledger, and what every output says about it."""
    folder = tmp_path_factory.mktemp("outputs")
    db, spec = folder / "ledger.db", folder / "quantities.toml"
    spec.write_text(QUANTITIES, encoding="utf-8")
    with Ledger(db) as ledger:
        ledger.store(_documents(), VERSION)
    run = CliRunner()

    def cli_ok(*args: str) -> str:
        result = run.invoke(cli, ["--db", str(db), *args, "--quantities", str(spec)])
        assert result.exit_code == 0, result.output
        return result.stdout

    for table in ("claims", "quantities"):
        for suffix in ("csv", "xlsx"):
            cli_ok("export", table, "-o", str(folder / f"{table}.{suffix}"))
    cli_ok("report", "--format", "html", "-o", str(folder / "report.html"))
    with Tracker(db, quantities=spec) as t:
        frames = {"claims": t.claims(), "quantities": t.quantities()}
    return {
        "json": json.loads(cli_ok("report", "--format", "json", "--all")),
        "folder": folder,
        "frames": frames,
    }


# --- each output read back as {key: {column: value}} -------------------------------------


def _json_claims(report: dict) -> dict[str, dict[str, object]]:
    return {c["claim_id"]: c for q in report["quantities"] for c in q["claims"]}


def _json_quantities(report: dict) -> dict[str, dict[str, object]]:
    """The JSON quantity in the codebook's terms (counts are the lengths of its lists)."""
    out = {}
    for q in report["quantities"]:
        out[q["id"]] = {
            **q,
            "quantity": q["id"],
            "claims": len(q["claims"]),
            "sources": q["independent_sources"],
            "disagreements": len(q["disagreements"]),
            "revisions": len(q["revisions"]),
        }
    return out


def _csv(path: Path, key: str) -> dict[str, dict[str, object]]:
    with open(path, encoding="utf-8", newline="") as f:
        return {r[key]: dict(r) for r in csv.DictReader(f)}


XLSX_DATES = {"yyyy-mm-dd": "%Y-%m-%d", "yyyy-mm": "%Y-%m", "yyyy": "%Y"}


def _xlsx(path: Path, key: str) -> dict[str, dict[str, object]]:
    ws = load_workbook(path).active
    rows = list(ws.iter_rows())
    header = [c.value for c in rows[0]]
    out = {}
    for row in rows[1:]:
        record: dict[str, object] = {}
        for name, c in zip(header, row, strict=True):
            if isinstance(c.value, dt.datetime):  # a real date, shown at its precision
                record[name] = c.value.strftime(XLSX_DATES[c.number_format])
            else:
                record[name] = c.value
        out[str(record[key])] = record
    return out


def _frame(df: pd.DataFrame, key: str) -> dict[str, dict[str, object]]:
    """A DataFrame's rows; a datetime read at its precision column ("2015-01-01" of a
    year-precision date is 2015)."""
    df = df.reset_index() if df.index.name == key else df
    records = df.astype(object).where(df.notna(), None).to_dict("records")
    for r in records:
        for name, v in r.items():
            if isinstance(v, pd.Timestamp):
                r[name] = When.parse(v.date().isoformat(), r[f"{name}_precision"]).iso
    return {str(r[key]): r for r in records}


def _cell(v: object, kind: str) -> str:
    """A value as a spreadsheet cell reads: numbers plain, text guarded, None empty."""
    if v is None or v == "" or (isinstance(v, float) and math.isnan(v)):
        return ""
    if kind in ("number", "integer"):
        f = float(v)  # type: ignore[arg-type]
        return str(int(f)) if f.is_integer() else repr(f)
    if kind == "date":
        return str(v)
    return clean_text(str(v))


def _sources(outputs: dict, table: str) -> dict[str, dict[str, dict[str, object]]]:
    folder: Path = outputs["folder"]  # type: ignore[assignment]
    key = "claim_id" if table == "claims" else "quantity"
    json_rows = (_json_claims if table == "claims" else _json_quantities)(outputs["json"])
    return {
        "json": json_rows,
        "csv": _csv(folder / f"{table}.csv", key),
        "xlsx": _xlsx(folder / f"{table}.xlsx", key),
        "frame": _frame(outputs["frames"][table], key),  # type: ignore[index]
    }


@pytest.mark.parametrize("table", ["claims", "quantities"])
def test_every_codebook_field_is_the_same_in_json_csv_xlsx_and_the_dataframe(
    outputs: dict, table: str
) -> None:
    sources = _sources(outputs, table)
    keys = set(sources["json"])
    assert len(keys) == (7 if table == "claims" else 2)
    for name, rows in sources.items():
        assert set(rows) == keys, name
    kinds = column_kinds(table)
    for key in sorted(keys):
        for column in CODEBOOK[table]:
            seen = {name: _cell(rows[key].get(column.name), kinds[column.name])
                    for name, rows in sources.items()}  # fmt: skip
            assert len(set(seen.values())) == 1, (key, column.name, seen)


def _claims_by_text(outputs: dict) -> dict[str, dict[str, object]]:
    return {c["text"]: c for c in _json_claims(outputs["json"]).values()}


def test_the_values_are_the_right_ones(outputs: dict) -> None:
    """What the shared values are: dates at their precision, open bounds empty, the unit
    conversion in the quantity's unit, formula text guarded only in spreadsheets."""
    by_text = _claims_by_text(outputs)
    km, miles = by_text["50 kilometers"], by_text["30 miles"]
    assert (km["claimed_at"], km["claimed_at_precision"], km["date"]) == (
        "2023-12",
        "month",
        "2023-12",
    )
    assert (miles["claimed_at"], miles["date"], miles["published"]) == (None, "2023-12", "2023-12")
    assert miles["quantity"] == "border-distance" and miles["value"] == 30
    assert miles["interval_low"] == pytest.approx(28.5 * 1.609344)  # 30 miles, rounded: 28.5-31.5
    crossing = by_text["Between 10,000 and 12,000 troops"]
    assert (crossing["low"], crossing["high"], crossing["claimed_at_precision"]) == (
        10000,
        12000,
        "month",
    )
    floor = by_text["At least 9,000 troops"]
    assert (floor["date"], floor["interval_low"], floor["interval_high"]) == ("2015", 9000, None)
    above = by_text["More than 3,000 troops"]
    assert (above["as_of"], above["date"], above["interval_high"]) == ("2015", "2015", None)
    about = by_text["About 10,500 troops"]
    # "about 10,500" allows 10,450-10,550 (it is rounded to the hundred)
    assert (about["as_of"], about["hedge"], about["interval_low"]) == ("2024-12", "estimate", 10450)
    assert about["source"] == "-sources close to the talks"
    assert about["sentence"] == ABOUT and about["extractor_version"] == VERSION
    assert by_text["rose by 500 troops"]["change"] == "up"
    folder: Path = outputs["folder"]
    sheet = _csv(folder / "claims.csv", "text")
    assert sheet["About 10,500 troops"]["source"] == "'-sources close to the talks"
    assert sheet["About 10,500 troops"]["sentence"].startswith("About 10,500 troops were")
    assert sheet["rose by 500 troops"]["via"] == "'@wire"
    assert sheet["50 kilometers"]["title"] == "'" + FORMULA_TITLE
    quantities = _json_quantities(outputs["json"])
    assert quantities["troops"]["label"] == "=Troops across the river"
    assert quantities["troops"]["first_claimed"] == "2015"
    assert quantities["troops"]["last_claimed"] == "2024-10-30"
    assert quantities["border-distance"]["unit"] == "kilometer"
    assert (
        _csv(folder / "quantities.csv", "quantity")["troops"]["label"]
        == "'=Troops across the river"
    )


class _Rows(HTMLParser):
    """The text of each cell of the table rows that have an id, and each row's links."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[str, list[str]] = {}
        self.links: dict[str, list[str]] = {}
        self.row: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "tr":
            self.row = a.get("id")
            if self.row:
                self.rows[self.row], self.links[self.row] = [], []
        elif self.row and tag == "td":
            self.rows[self.row].append("")
        elif self.row and tag == "a":
            self.links[self.row].append(a.get("href") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "tr":
            self.row = None

    def handle_data(self, data: str) -> None:
        if self.row and self.rows[self.row]:
            self.rows[self.row][-1] += data


def _shown(iso: str | None) -> str:
    """How a date reads in a report: a day or year as is, a month as "Dec 2023"."""
    when = When.parse(iso)
    if when is None:
        return ""
    return when.first_day.strftime("%b %Y") if when.precision == "month" else when.iso


def test_the_html_evidence_table_shows_the_same_claims(outputs: dict) -> None:
    folder: Path = outputs["folder"]
    parser = _Rows()
    parser.feed((folder / "report.html").read_text(encoding="utf-8"))
    claims = _json_claims(outputs["json"])
    assert set(parser.rows) == {f"c-{cid}" for cid in claims}
    for cid, c in claims.items():
        date, source, figure, sentence, article = parser.rows[f"c-{cid}"]
        assert date == _shown(c["date"])
        assert source.startswith(c["source_name"])
        assert sentence == " ".join(c["sentence"].split())
        assert (c["title"] or c["doc_id"]) in article and c["publisher"] in article
        assert _shown(c["published"]) in article
        assert parser.links[f"c-{cid}"] == ([c["url"]] if c["url"] else [])
    by_text = {c["text"]: parser.rows[f"c-{cid}"] for cid, c in claims.items()}
    assert by_text["50 kilometers"][0] == "Dec 2023"
    assert "Month Review, Dec 2023" in by_text["50 kilometers"][4]
    assert by_text["30 miles"][2] == "30 miles"  # a unit unlike the quantity's is shown
    assert by_text["At least 9,000 troops"][:3] == ["2015", "the agency", "at least 9,000"]
    assert by_text["Between 10,000 and 12,000 troops"][2] == "10,000–12,000"
    assert by_text["rose by 500 troops"][2] == "up 500"
    assert FORMULA_TITLE in by_text["50 kilometers"][4]  # html has no formulas: shown as is

"""HTML and markdown reports: same content, charts embedded, article text escaped."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import claim, quantity

from estimates.cli import cli
from estimates.reconcile.model import QuantityReport
from estimates.report.build import html_report, markdown_report
from estimates.report.markdown import md
from estimates.tracker import Tracker

SCRIPT = "<script>alert('x')</script>"
RED_CROSS = f"The Red Cross said about 300 families {SCRIPT} were displaced."
MAYOR = "Between 400 and 500 families left their homes, Mayor Ortiz said."


def _quantities(policy: str = "median-latest") -> list[QuantityReport]:
    claims = [
        claim(RED_CROSS, "about 300 families", 300, qualifier="approx", unit="family",
              source="Red Cross", date="2022-08-02", doc="gazette-1", publisher="Valley Gazette",
              title="Floods cut off villages", url="javascript:alert(1)"),
        claim(MAYOR, "Between 400 and 500 families", 450, qualifier="range", low=400, high=500,
              unit="family", source="Mayor Ortiz", date="2022-08-05", doc="courier-2",
              publisher="Hill Courier", url="https://courier.example/floods"),
    ]  # fmt: skip
    return [quantity(claims, "flood-displaced", "Families displaced by the flood", policy)]


def test_html_is_self_contained_with_embedded_charts() -> None:
    page = html_report(_quantities())
    assert page.count("data:image/png;base64,") == 2  # overview + timeline
    assert not re.search(r'(src|href)="(?!data:|#|https://courier)', page)
    assert "<link" not in page and "<script" not in page.lower()


def test_html_escapes_article_text_and_refuses_script_urls() -> None:
    page = html_report(_quantities(), with_charts=False)
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "javascript:" not in page
    assert '<a href="https://courier.example/floods">courier-2</a>' in page


DISAGREE = (
    "Mayor Ortiz 'Between 400 and 500 families' (2022-08-05) vs Red Cross 'about 300 "
    "families' (2022-08-02): apart by 85 families"
)


def test_html_shows_range_policy_sources_and_evidence() -> None:
    page = html_report(_quantities(), with_charts=False)
    assert "<td class=n>300</td><td class=n>375</td><td class=n>450</td>" in page
    assert "(policy: median-latest)" in page
    assert "<td>Mayor Ortiz</td><td class=n>400–500</td><td>2022-08-05</td>" in page
    assert "<td>Red Cross</td><td class=n>about 300</td><td>2022-08-02</td>" in page
    assert "<li>" + DISAGREE.replace("'", "&#x27;") + "</li>" in page
    assert "Valley Gazette, 2022-08-02" in page


def test_reports_open_with_a_summary_row_per_quantity() -> None:
    page = html_report(_quantities(), with_charts=False)
    assert (
        '<tr><td><a href="#q-flood-displaced">Families displaced by the flood</a></td>'
        "<td class=n>300–450 families</td><td class=n>375</td><td class=n>2</td>"
        "<td class=n>×1.5</td><td class=n>1</td><td class=n>0</td></tr>"
    ) in page
    row = "| [Families displaced by the flood](#families-displaced-by-the-flood-families) |"
    assert row + " 300–450 families | 375 | 2 | ×1.5 | 1 | 0 |" in markdown_report(_quantities())


def test_markdown_has_the_same_content_and_links_saved_charts(tmp_path) -> None:
    text = markdown_report(_quantities(), chart_dir=tmp_path / "charts")
    assert "| 300 | 375 | 450 |" in text
    assert "| Mayor Ortiz | 400–500 | 2022-08-05 | courier-2 |" in text
    assert f"- {DISAGREE}" in text
    assert "\\<script\\>" in text and SCRIPT not in text
    assert "![Families displaced by the flood](charts/q-flood-displaced.png)" in text
    assert (tmp_path / "charts" / "q-flood-displaced.png").stat().st_size > 5000
    assert (tmp_path / "charts" / "overview.png").is_file()


def test_markdown_escape_keeps_one_line() -> None:
    assert md("a | b\n*c*") == "a \\| b \\*c\\*"


# --- `estimates report --format html|markdown` on the sample data plus a planted article ---

DATA = Path(__file__).resolve().parent.parent / "data"
ARTICLE = f"""id: planted-script
title: Ferries {SCRIPT}
publisher: Quay Times
published: 2023-04-02

About 40 ferries {SCRIPT} sailed from the harbour on Sunday.

The port authority said 55 ferries left the harbour on Sunday.
"""


@pytest.fixture(scope="module")
def ledger(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("ledger")
    (folder / "planted.txt").write_text(ARTICLE, encoding="utf-8")
    db = str(folder / "ledger.db")
    args = ["--db", db, "-q", "add", str(DATA), str(folder / "planted.txt")]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    return db


def test_report_command_writes_a_self_contained_html_file(ledger, tmp_path) -> None:
    out = tmp_path / "report.html"
    args = ["--db", ledger, "report", "--format", "html", "-o", str(out)]
    assert CliRunner().invoke(cli, args).exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert page.count("data:image/png;base64,") >= 3
    assert "<script" not in page.lower() and "&lt;script&gt;" in page
    assert "North Korean troops in Russia" in page and "Harbor Wire" in page
    assert not re.search(r'src="(?!data:)', page)


def test_report_command_filters_and_writes_markdown_with_charts(ledger, tmp_path) -> None:
    out = tmp_path / "ferries.md"
    args = ["--db", ledger, "report", "--format", "markdown", "-o", str(out)]
    result = CliRunner().invoke(cli, [*args, "--topic", "ferries harbour"])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.count("\n## ") == 1 and "North Korean" not in text and "1 quantity." in text
    assert "| 40 | 47.5 | 55 |" in text  # median-latest of 40 and 55
    assert "| port authority | 55 | 2023-04-02 | planted-script |" in text
    assert "| Quay Times | about 40 | 2023-04-02 | planted-script |" in text
    assert "\\<script\\>" in text
    charts = sorted(p.name for p in (tmp_path / "ferries_charts").iterdir())
    with Tracker(ledger) as t:
        claims = t.claims()
    (qid,) = set(claims.loc[claims["doc_id"] == "planted-script", "quantity"])
    assert charts == ["overview.png", f"q-{qid}.png"]


def test_an_open_reconciled_end_reads_as_a_bound() -> None:
    floor = "At least 300 families were displaced, the Red Cross said."
    q = quantity(
        [claim(floor, "At least 300 families", 300, qualifier="at_least", unit="family")],
        "flood-displaced", "Families displaced by the flood", "conservative",
    )  # fmt: skip
    text = markdown_report([q])
    assert "| 300 | 300 | open |" in text
    assert "| at least 300 families | 300 |" in text


def test_a_month_precision_date_reads_as_the_month() -> None:
    """A document published "2023-12" is dated Dec 2023 everywhere, never undated."""
    monthly = "About 300 families were displaced, the Red Cross said."
    q = quantity(
        [claim(monthly, "About 300 families", 300, qualifier="approx", unit="family",
               source="Red Cross", date=None, published="2023-12", publisher="Monthly Review")],
        "flood-displaced", "Families displaced by the flood",
    )  # fmt: skip
    page = html_report([q], with_charts=False)
    assert "<td>Red Cross</td><td class=n>about 300</td><td>Dec 2023</td>" in page
    assert "Monthly Review, Dec 2023" in page and "undated" not in page
    assert "| Red Cross | about 300 | Dec 2023 |" in markdown_report([q])

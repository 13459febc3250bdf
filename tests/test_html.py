"""HTML and markdown reports: same content, charts embedded, article text escaped."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from estimates.cli import cli
from estimates.report.build import html_report, markdown_report
from estimates.report.markdown import md
from estimates.tracker import Tracker

SCRIPT = "<script>alert('x')</script>"


def _quantities() -> list[dict]:
    claims = [
        {
            "doc_id": "gazette-1",
            "value": 300.0,
            "qualifier": "approx",
            "unit": "family",
            "source": "Red Cross",
            "claimed_at": "2022-08-02",
            "publisher": "Valley Gazette",
            "published": "2022-08-02",
            "title": "Floods cut off villages",
            "url": "javascript:alert(1)",
            "sentence": f"The Red Cross said about 300 families {SCRIPT} were displaced.",
        },
        {
            "doc_id": "courier-2",
            "value": 450.0,
            "low": 400.0,
            "high": 500.0,
            "qualifier": "range",
            "unit": "family",
            "source": "Mayor Ortiz",
            "claimed_at": "2022-08-05",
            "publisher": "Hill Courier",
            "published": "2022-08-05",
            "url": "https://courier.example/floods",
            "sentence": "Between 400 and 500 families left their homes, Mayor Ortiz said.",
        },
    ]
    return [
        {
            "id": "flood-displaced",
            "label": "Families displaced by the flood",
            "unit": "family",
            "low": 300.0,
            "best": 450.0,
            "high": 500.0,
            "policy": "latest per source",
            "disagreements": [{"summary": "Red Cross 300 vs Mayor Ortiz 400–500"}],
            "revisions": [],
            "claims": claims,
        }
    ]


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


def test_html_shows_range_policy_sources_and_evidence() -> None:
    page = html_report(_quantities(), with_charts=False)
    assert "<td class=n>300</td><td class=n>450</td><td class=n>500</td>" in page
    assert "(policy: latest per source)" in page
    assert "<td>Mayor Ortiz</td><td class=n>400–500</td><td>2022-08-05</td>" in page
    assert "<td>Red Cross</td><td class=n>about 300</td><td>2022-08-02</td>" in page
    assert "<li>Red Cross 300 vs Mayor Ortiz 400–500</li>" in page
    assert "Valley Gazette, 2022-08-02" in page


def test_reports_open_with_a_summary_row_per_quantity() -> None:
    qs = [{**_quantities()[0], "spread": 500 / 300}]
    page = html_report(qs, with_charts=False)
    assert (
        '<tr><td><a href="#q-flood-displaced">Families displaced by the flood</a></td>'
        "<td class=n>300–500 family</td><td class=n>450</td><td class=n>2</td>"
        "<td class=n>×1.7</td><td class=n>1</td><td class=n>0</td></tr>"
    ) in page
    row = "| [Families displaced by the flood](#families-displaced-by-the-flood-family) |"
    assert row + " 300–500 family | 450 | 2 | ×1.7 | 1 | 0 |" in markdown_report(qs)


def test_markdown_has_the_same_content_and_links_saved_charts(tmp_path) -> None:
    text = markdown_report(_quantities(), chart_dir=tmp_path / "charts")
    assert "| 300 | 450 | 500 |" in text
    assert "| Mayor Ortiz | 400–500 | 2022-08-05 | courier-2 |" in text
    assert "- Red Cross 300 vs Mayor Ortiz 400–500" in text
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
    q = {**_quantities()[0], "low": 300.0, "best": 300.0, "high": None}
    text = markdown_report([q])
    assert "| 300 | 300 | open |" in text
    assert "| at least 300 family | 300 |" in text

"""What the command line prints (issue 12, issue 14): plural units and counts, quoted claims as
written, names not doubled, what the default report leaves out; article text never read as rich
markup nor passed to the terminal as control sequences; errors that are one line."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import claim, quantity
from rich.console import Console

from estimates.cli import cli
from estimates.cli.progress import totals_line
from estimates.report.formatting import count, printable, stated_text, unit_text
from estimates.report.text import print_rich, report_text
from estimates.report.view import quantity_view, who

CROSSING = "Between 11,000 and 12,000 troops crossed the river, the ministry said."
BORDER = "As many as 10,000 soldiers waited at the border, the Wire reported."
LATER = "About 12,500 troops had crossed by Friday, organisers said."
HOSTILE_LABEL = "[/bold]Troops[link=https://evil.example]click[/link]"
ESC_PUBLISHER = "Wire \x1b]0;pwned\x07 Desk"


def _troops(label: str = "Troops across the river", publisher: str = "Harbor Wire"):
    claims = [
        claim(CROSSING, "Between 11,000 and 12,000 troops", 11500, qualifier="range",
              low=11000, high=12000, source="the ministry", date="2024-10-28", doc="a"),
        claim(BORDER, "As many as 10,000 soldiers", 10000, qualifier="at_most",
              source=None, date="2024-10-29", doc="b", publisher=publisher),
        claim(LATER, "About 12,500 troops", 12500, qualifier="approx",
              source="Organisers", date="2024-11-01", doc="c"),
    ]  # fmt: skip
    return quantity(claims, "troops", label)


def test_units_are_plural_in_words_and_counts_have_no_brackets() -> None:
    assert unit_text("troop", 11000) == "troops"
    assert unit_text("troop", 1) == "troop"
    assert unit_text("mile per hour", 40) == "miles per hour"
    assert unit_text("mile per hour", 1) == "mile per hour"
    assert unit_text("degree Celsius", -5) == "degrees Celsius"
    assert unit_text("magnitude", 6.9) == "magnitude"  # a scale: "6.9 magnitude"
    assert unit_text("inch Hg", 27.67) == "inches Hg"
    assert unit_text("pound sterling", 600) == "pounds sterling"
    assert unit_text("percent", 30) == "percent"
    assert unit_text("person", 3) == "people"
    assert unit_text("square kilometer", 2) == "square kilometers"
    assert unit_text("dam", 2) == "dams"  # a counted noun pint also reads as a unit
    assert unit_text("displaced", 3) == "displaced"
    assert (count(5, "source"), count(1, "source"), count(1720, "claim")) == (
        "5 sources",
        "1 source",
        "1,720 claims",
    )


def test_the_text_block_reads_as_a_reporter_would_write_it() -> None:
    lines = report_text([quantity_view(_troops())]).splitlines()
    assert lines[:2] == [
        "Troops across the river  [troops]",
        "  10,000–12,500 troops, best 11,500 (median-latest); 3 sources, 3 claims",
    ]
    assert (
        lines[2] == "  - Harbor Wire: 'As many as 10,000 soldiers' (2024-10-29, b, claim 6f6b9202)"
    )
    assert not any("(s)" in line for line in lines)


def test_as_many_as_is_kept_as_written() -> None:
    q = _troops()
    border = next(f for f in q.figures if f.claim.doc_id == "b")
    assert stated_text(border.claim, "troop") == "as many as 10,000"
    assert quantity_view(q).disagreements[0] == (
        "Organisers 'About 12,500 troops' (2024-11-01) vs Harbor Wire 'As many as 10,000 "
        "soldiers' (2024-10-29): apart by 2,450 troops"
    )


def test_names_are_not_doubled() -> None:
    q = _troops()
    organisers = next(f for f in q.figures if f.claim.doc_id == "c")
    assert who(organisers, "organisers") == "organisers"
    the = replace(organisers, claim=organisers.claim.evolve(source="The organisers."))
    assert who(the, "Organisers") == "Organisers"
    spy = replace(organisers, claim=organisers.claim.evolve(source="South Korea's spy agency"))
    assert who(spy, "South Korea") == "South Korea (South Korea's spy agency)"


def test_control_characters_never_reach_the_terminal() -> None:
    assert printable("a\x1b]0;pwned\x07b\u202ec\x9bd") == "a ]0;pwned b c d"
    text = report_text([quantity_view(_troops(publisher=ESC_PUBLISHER))])
    assert "\x1b" not in text and "\x07" not in text
    assert "Wire  ]0;pwned  Desk" in text


def test_rich_view_prints_article_text_as_text() -> None:
    """Issue 14: `[/bold]` in article text crashed the terminal report; `[link=...]` became a
    hidden hyperlink; an escape sequence in a publisher retitled the terminal window."""
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, color_system="truecolor", width=200)
    q = _troops(label=HOSTILE_LABEL, publisher=ESC_PUBLISHER)
    print_rich([quantity_view(q)], console, [quantity_view(_troops(label="Lone [i]figure"))])
    shown = out.getvalue()
    assert HOSTILE_LABEL in shown  # literally, markup and all
    assert "\x1b]8;" not in shown  # no hyperlink
    assert "\x1b]0;" not in shown and "\x07" not in shown  # no window title
    assert "Wire  ]0;pwned  Desk" in shown
    assert "1 quantity with one claim (use --all to show them):" in shown
    assert "use --all to show them):\n  Lone [i]figure  [troops]\n" in shown.replace(
        "\x1b[2m", ""
    ).replace("\x1b[0m", "")


def test_progress_is_one_line_with_totals_and_rate() -> None:
    assert totals_line("documents", 430, 600, 1720, 12, 10.0) == (
        "documents 430/600, claims 1,720, 12 failed, 43/s"
    )
    assert totals_line("documents", 3, None, 5, 0, 0.2) == "documents 3, claims 5"


# --- the command line, as a user runs it ---

ARTICLE = (
    "id: [/bold]\ntitle: [link=https://evil.example]open[/link]\npublisher: {publisher}\n"
    "published: 2024-10-30\n\n"
    "About 10,000 troops crossed the river, [bold]officials[/bold] said. "
    "The ministry said 12,000 troops crossed the river.\n"
)


def _main(*args: str, **kw: object) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "estimates", *args]
    streams = kw or {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE}
    return subprocess.run(cmd, text=True, timeout=120, **streams)  # type: ignore[call-overload]


@pytest.fixture()
def ledger(tmp_path: Path) -> str:
    (tmp_path / "a.txt").write_text(ARTICLE.format(publisher=ESC_PUBLISHER), encoding="utf-8")
    db = str(tmp_path / "l.db")
    added = CliRunner().invoke(cli, ["--db", db, "-q", "add", str(tmp_path / "a.txt")])
    assert added.exit_code == 0, added.output
    return db


def test_markup_in_articles_is_text_in_extract_and_report(tmp_path: Path, ledger: str) -> None:
    out = tmp_path / "table.txt"
    result = CliRunner().invoke(cli, ["extract", str(tmp_path / "a.txt"), "--format", "table",
                                      "-o", str(out)])  # fmt: skip
    assert result.exit_code == 0, result.output
    table = out.read_text(encoding="utf-8")
    assert table.count("[/bold]") == 2 and "\x1b" not in table
    report = CliRunner().invoke(cli, ["--db", ledger, "report"])
    assert report.exit_code == 0, report.output
    assert "'About 10,000 troops' (2024-10-30, [/bold], claim" in report.stdout
    assert "\x1b" not in report.stdout and "Wire  ]0;pwned  Desk" in report.stdout


def test_a_quantity_that_matches_nothing_is_an_error(ledger: str) -> None:
    result = _main("--db", ledger, "report", "--quantity", "penguins")
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr == (
        "estimates: error: no quantity matches 'penguins' (see `estimates report --all` for "
        "the ids)\n"
    )
    source = _main("--db", ledger, "export", "claims", "--source", "nobody")
    assert source.returncode == 1
    assert source.stderr == "estimates: error: no claim matches --source 'nobody'\n"


def test_report_of_an_empty_folder_does_not_print_the_old_ledger(
    tmp_path: Path, ledger: str
) -> None:
    (tmp_path / "empty").mkdir()
    result = _main("--db", ledger, "report", str(tmp_path / "empty"))
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.splitlines()[0] == (
        f"estimates: error: {tmp_path / 'empty'}: no documents in this folder (.atom, .htm, "
        ".html, .json, .jsonl, .ndjson, .rss, .text, .txt, .xhtml, .xml)"
    )


def test_global_options_are_accepted_after_the_command(ledger: str) -> None:
    result = CliRunner().invoke(cli, ["report", "--db", ledger, "--format", "json", "-q"])
    assert result.exit_code == 0, result.output
    (q,) = json.loads(result.stdout)["quantities"]
    assert sorted(c["value"] for c in q["claims"]) == [10000, 12000]
    missing = CliRunner().invoke(cli, ["export", "claims", "--db", ledger + ".nope"])
    assert "no ledger at" in str(missing.exception)


def test_a_full_disk_on_stdout_is_one_line(ledger: str) -> None:
    with open("/dev/full", "w") as full:
        result = _main("--db", ledger, "report", "--format", "json", stdout=full,
                       stderr=subprocess.PIPE)  # fmt: skip
    assert result.returncode == 1
    assert result.stderr == "estimates: error: cannot write output: No space left on device\n"


def test_the_progress_line_is_cleared_before_a_table_prints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from contextlib import contextmanager

    import estimates.cli.extract as extract_cli
    import estimates.cli.progress as progress_module

    events: list[str] = []

    @contextmanager
    def recording(**kw: object):
        events.append("progress on")
        yield progress_module.QuietTick()
        events.append("progress cleared")

    monkeypatch.setattr(progress_module, "progress", recording)
    monkeypatch.setattr(extract_cli, "write_claims", lambda c, fmt, out: events.append(fmt))
    (tmp_path / "a.txt").write_text("Crews rescued 31 people.\n", encoding="utf-8")
    for fmt in ("table", "jsonl"):
        result = CliRunner().invoke(cli, ["extract", str(tmp_path / "a.txt"), "--format", fmt])
        assert result.exit_code == 0, result.output
    assert events == [
        "progress on", "progress cleared", "table",  # a table waits for the line to go
        "progress on", "jsonl", "progress cleared",  # JSON lines stream as they are found
    ]  # fmt: skip

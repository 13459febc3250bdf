"""The sample report a new user sees first (issue 12): every disagreement in it is a real one,
checked against a list written by hand from the sample articles, and quotes two claims listed
above it in its quantity's block; the pinned quantities file keeps captured soldiers out of the
troop count."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from estimates.cli import cli

DATA = Path(__file__).resolve().parent.parent / "data"

REAL_DISAGREEMENTS = {
    # Seoul's spy agency said about 12,000 would be sent; Zelensky said 10,000 were preparing
    ("North Korean troops in Russia", ("South Korea", "about 12,000 soldiers"),
     ("Ukraine", "10,000 North Korean troops")),
    # The October 30 story: Washington's 10,000 against Seoul's 11,000 on the same day
    ("North Korean troops in Russia", ("South Korea", "11,000"),
     ("United States", "About 10,000 North Korean soldiers")),
    # The December 27 story: Kyiv's toll far above Seoul's, both stated on Monday (Washington's
    # 1,000 of the same story counts one week only, and was said four days later)
    ("North Korean casualties (killed or wounded) in Russia", ("South Korea", "around 1,100"),
     ("Ukraine", "More than 3,000 North Korean troops")),
    # November 4: the State Department's "as many as 10,000" in Kursk against Zelensky's 11,000
    ("North Korean troops in Kursk", ("Ukraine", "11,000 North Korean troops"),
     ("United States", "As many as 10,000 soldiers")),
    # Derna: the ambulance service's count against the mayor's and the ministry's
    ("Deaths", ("city's ambulance authority", "about 2,300 dead"),
     ("Derna's mayor, Abdulmenam al-Ghaithi", "between 18,000 and 20,000")),
    ("Deaths", ("city's ambulance authority", "about 2,300 dead"),
     ("interior ministry of the eastern administration", "At least 5,300 people")),
    # Hong Kong, June 16: organisers, police and academics far apart
    ("Turnout", ("organisers", "nearly 2 million people"),
     ("police spokesman", "338,000 people")),
    ("Turnout", ("University of Hong Kong", "500,000 to 800,000 people"),
     ("organisers", "nearly 2 million people")),
    ("Turnout", ("University of Hong Kong", "500,000 to 800,000 people"),
     ("police spokesman", "338,000 people")),
}  # fmt: skip
"""(quantity label without its story, (source, claim as written), (source, claim as written)),
as the sample articles state them."""

DISAGREE = re.compile(r"  ! disagree: (.+?) '(.+?)' \((.+?)\) vs (.+?) '(.+?)' \((.+?)\): apart by")


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("sample") / "ledger.db")
    result = CliRunner().invoke(cli, ["--db", db, "-q", "report", str(DATA)])
    assert result.exit_code == 0, result.output
    return result.stdout


def _blocks(text: str) -> dict[str, list[str]]:
    """Quantity label -> the lines of its block."""
    blocks = [b.splitlines() for b in text.strip().split("\n\n")]
    return {b[0].split("  [")[0]: b for b in blocks if "  [" in b[0]}


def test_every_disagreement_is_real_and_quotes_two_claims_listed_above_it(report: str) -> None:
    found = set()
    for label, lines in _blocks(report).items():
        for i, line in enumerate(lines):
            if not line.startswith("  ! disagree:"):
                continue
            m = DISAGREE.match(line)
            assert m, line
            a_source, a_text, a_date, b_source, b_text, b_date = m.groups()
            for source, text, day in ((a_source, a_text, a_date), (b_source, b_text, b_date)):
                listed = [x for x in lines[:i] if x.startswith(f"  - {source}")]
                assert any(f"'{text}' ({day}, " in x for x in listed), (label, source, text)
            pair = sorted([(a_source, a_text), (b_source, b_text)])
            found.add((label.split(" — ")[0], pair[0], pair[1]))
    expected = {(label, *sorted([a, b])) for label, a, b in REAL_DISAGREEMENTS}
    assert found == expected


def test_the_report_says_what_it_leaves_out(report: str) -> None:
    tail = report.strip().split("\n\n")[-1].splitlines()
    assert re.fullmatch(r"\d+ quantities with one claim \(use --all to show them\):", tail[0])
    assert len(tail) == int(tail[0].split()[0]) + 1
    assert (
        "  Missing — Libya flood, September 2023  [missing-libya-flood-september-2023]" in tail
    )  # the Red Cross's 10,000 missing in Derna
    assert "(s)" not in report


def test_the_pinned_kursk_count_leaves_captured_soldiers_out(tmp_path: Path) -> None:
    db = str(tmp_path / "ledger.db")
    cfg = str(DATA / "quantities.toml")
    result = CliRunner().invoke(
        cli, ["--db", db, "-q", "report", str(DATA), "--format", "json", "--quantities", cfg]
    )
    assert result.exit_code == 0, result.output
    kursk = next(
        q for q in json.loads(result.stdout)["quantities"] if q["id"] == "nk-troops-in-kursk"
    )
    texts = sorted(c["text"] for c in kursk["claims"])
    assert texts == [
        "11,000 North Korean troops",
        "11,000 North Korean troops",
        "As many as 10,000 soldiers",
        "Likely about 11,000 North Korean troops",
        "about 11,000",
    ]  # not "Two North Korean soldiers captured in Kursk"
    assert kursk["low"] == 11000 and kursk["high"] == 11000

"""The CLI: `add` then the Python API sees the claims; `report` in text and JSON; `move`;
bad input gives one line on stderr and exit status 1."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from estimates.cli import cli
from estimates.tracker import Tracker

DATA = Path(__file__).resolve().parent.parent / "data"
ARTICLE = (
    "id: t1\npublisher: Test Wire\npublished: 2024-10-30\n\n"
    "About 10,000 North Korean troops are now in Russia, the Pentagon said. "
    "North Korea has shipped 1,000 containers of shells by rail.\n"
)


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_add_then_the_python_api_sees_the_claims(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    db = str(tmp_path / "l.db")
    result = run("--db", db, "add", str(tmp_path / "a.txt"))
    assert result.exit_code == 0, result.output
    assert "1 added" in result.stderr
    with Tracker(db) as t:
        claims = t.claims()
    assert sorted(claims["value"]) == [1000.0, 10000.0]
    again = run("--db", db, "add", str(tmp_path / "a.txt"))
    assert "1 unchanged" in again.stderr


def test_add_reports_each_bad_file_on_one_line_and_exits_1(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.json").write_text("[1, 2", encoding="utf-8")
    db = str(tmp_path / "l.db")
    result = run("--db", db, "add", str(tmp_path))
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if "error" in line]
    assert len(errors) == 1 and "b.json" in errors[0] and "Traceback" not in result.stderr
    with Tracker(db) as t:
        assert len(t.claims()) == 2


def test_report_on_the_samples_keeps_the_quantities_apart(tmp_path: Path) -> None:
    db = str(tmp_path / "l.db")
    assert run("--db", db, "add", str(DATA)).exit_code == 0
    result = run("--db", db, "report", "--format", "json")
    assert result.exit_code == 0, result.output
    quantities = json.loads(result.stdout)["quantities"]

    def home(doc: str, text: str) -> str:
        return next(
            q["id"]
            for q in quantities
            for c in q["claims"]
            if c["doc_id"] == doc and c["text"].startswith(text)
        )

    oct30 = "nk-2024-10-30-pacific-dispatch"
    troops = home(oct30, "About 10,000")
    assert home(oct30, "11,000") == troops  # Seoul's count beside Washington's
    assert home("nk-2024-12-31-lakeside-herald", "about 12,000") == troops
    apart = {home(oct30, "more than 3,000"), home(oct30, "1,000 containers")}
    apart.add(home("nk-2024-12-27-northern-courier", "About 1,000"))
    assert troops not in apart and len(apart) == 3
    q = next(q for q in quantities if q["id"] == troops)
    assert q["disagreements"] and q["revisions"]
    assert {"id", "label", "unit", "low", "best", "high", "policy", "sources"} <= set(q)


def test_report_text_and_policy_choices(tmp_path: Path) -> None:
    db = str(tmp_path / "l.db")
    result = run("--db", db, "report", str(DATA), "--policy", "conservative")
    assert result.exit_code == 0, result.output
    assert "North Korean troops in Russia" in result.stdout
    assert "(conservative)" in result.stdout and "disagree:" in result.stdout
    bad = run("--db", db, "report", "--policy", "mean")
    assert bad.exit_code == 2 and "median-latest" in bad.stderr


def test_move_then_report_shows_the_claim_in_its_new_quantity(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    db = str(tmp_path / "l.db")
    run("--db", db, "add", str(tmp_path / "a.txt"))
    with Tracker(db) as t:
        claim = t.claims().set_index("value").loc[1000.0, "claim_id"]
    assert run("--db", db, "move", claim[:6], "shipments").exit_code == 0
    quantities = json.loads(run("--db", db, "report", "--format", "json").stdout)["quantities"]
    moved = next(q for q in quantities if q["id"] == "shipments")
    assert [c["claim_id"] for c in moved["claims"]] == [claim]


def _main(*args: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "estimates", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


def test_named_errors_are_one_line_without_a_traceback(tmp_path: Path) -> None:
    missing = _main("--db", str(tmp_path / "none.db"), "report")
    assert missing.returncode == 1
    assert missing.stderr.strip().splitlines() == [
        f"estimates: error: no ledger at {tmp_path / 'none.db'}: add documents first "
        "(estimates add)"
    ]
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    db = str(tmp_path / "l.db")
    _main("--db", db, "add", str(tmp_path / "a.txt"))
    unknown = _main("--db", db, "move", "ffff0000ffff", "q")
    assert unknown.returncode == 1 and len(unknown.stderr.strip().splitlines()) == 1
    assert "no claim with id 'ffff0000ffff'" in unknown.stderr


def test_samples_show_washington_and_seoul_disagreeing_on_october_30(tmp_path: Path) -> None:
    db = str(tmp_path / "l.db")
    result = run("--db", db, "report", str(DATA), "--format", "json")
    quantities = json.loads(result.stdout)["quantities"]
    troops = next(q for q in quantities if q["label"].startswith("North Korean troops in Russia"))
    pairs = {
        frozenset((d["a"]["source"], d["b"]["source"]))
        for d in troops["disagreements"]
        if d["a"]["date"] == d["b"]["date"] == "2024-10-30"
    }
    assert frozenset(("United States", "South Korea")) in pairs
    us = [r for r in troops["revisions"] if r["source"] == "United States"]
    assert [r["direction"] for r in us][-2:] == ["up", "up"]


def test_the_example_quantities_file_pins_kursk_and_the_border_distance(tmp_path: Path) -> None:
    db = str(tmp_path / "l.db")
    cfg = str(DATA / "quantities.toml")
    result = run("--db", db, "report", str(DATA), "--format", "json", "--quantities", cfg)
    assert result.exit_code == 0, result.output
    by_id = {q["id"]: q for q in json.loads(result.stdout)["quantities"]}
    kursk = by_id["nk-troops-in-kursk"]
    assert kursk["pinned"] and kursk["label"] == "North Korean troops in Kursk"
    assert all("Kursk" in c["sentence"] for c in kursk["claims"]) and len(kursk["claims"]) >= 4
    border = by_id["nk-distance-to-border"]
    assert sorted(c["text"] for c in border["claims"]) == ["30 miles", "within 50 kilometers"]
    assert border["unit"] == "kilometer" and round(border["best"]) == 50

"""Bad input gets one clear line and the batch goes on; limits hold; extraction stays linear."""

from __future__ import annotations

import gzip
import os
import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner

from estimates.cli import cli
from estimates.cli.progress import QuietTick, make_bar, progress
from estimates.documents import Document, read_documents
from estimates.errors import DocumentError, SettingsError
from estimates.settings import load_settings, parse_size

GOOD = "title: Flood toll\npublished: 2023-09-14\n\nAt least 4,000 people died in the floods.\n"
BIG = 200_000_000


def make_batch(folder: Path) -> dict[str, str]:
    """A folder of one good file and every kind of bad one; returns name -> expected reason."""
    (folder / "good.txt").write_text(GOOD)
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "truncated.json").write_text('{"id": "t", "text": "About 300 boats')
    (folder / "empty.txt").write_bytes(b"")
    (folder / "dangling.txt").symlink_to(folder / "gone.txt")
    (folder / "archive.txt").write_bytes(gzip.compress(b"Some 40 boats."))
    with open(folder / "huge.txt", "wb") as f:
        f.truncate(BIG)  # sparse: takes no disk space
    return {
        "archive.txt": "not a text file (a gzip archive)",
        "binary.txt": "not a text file (binary data)",
        "dangling.txt": "broken symbolic link",
        "empty.txt": "empty file",
        "huge.txt": "file is 200 MB, over the 50 MB limit (--max-size)",
        "truncated.json": "invalid JSON: Unterminated string starting at (line 1, column 21)",
    }


def test_batch_with_broken_files_reads_the_good_one(tmp_path: Path) -> None:
    expected = make_batch(tmp_path)
    items = list(read_documents([tmp_path]))
    docs = [i for i in items if isinstance(i, Document)]
    errors = {Path(i.path).name: i.reason for i in items if isinstance(i, DocumentError)}
    assert [d.id for d in docs] == ["good"]
    assert errors == expected


def test_cli_reports_one_line_per_bad_file_and_exits_1(tmp_path: Path) -> None:
    expected = make_batch(tmp_path)
    result = CliRunner().invoke(cli, ["-q", "extract", str(tmp_path), "--format", "csv"])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert sorted(lines) == sorted(
        f"estimates: error: {tmp_path / name}: {reason}" for name, reason in expected.items()
    )
    assert "At least 4,000 people" in result.stdout
    assert "Traceback" not in result.output


def test_huge_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:
        f.truncate(BIG)
    tracemalloc.start()
    (item,) = read_documents([path])
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert isinstance(item, DocumentError)
    assert peak < 1_000_000


def test_max_size_option_and_setting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "story.txt"
    path.write_text("Around 1,200 firefighters were deployed. " * 50)  # 2,050 bytes
    result = CliRunner().invoke(cli, ["-q", "extract", str(path), "--max-size", "2KB"])
    assert result.exit_code == 1
    assert result.stderr == (
        f"estimates: error: {path}: file is 2.05 KB, over the 2 KB limit (--max-size)\n"
    )
    ok = CliRunner().invoke(
        cli, ["-q", "extract", str(path), "--max-size", "3KB", "--format", "csv"]
    )
    assert ok.exit_code == 0
    assert ok.stdout.count(",1200,") == 50  # one claim per sentence, a plain number

    settings = tmp_path / "estimates.toml"
    settings.write_text('[input]\nmax_size = "1KB"\n')
    monkeypatch.setenv("ESTIMATES_SETTINGS", str(settings))
    limited = CliRunner().invoke(cli, ["-q", "extract", str(path)])
    assert limited.exit_code == 1
    assert "over the 1 KB limit" in limited.stderr


def test_bad_max_size_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["extract", "x.txt", "--max-size", "lots"])
    assert result.exit_code == 2
    assert "Invalid value for '--max-size': not a size: 'lots'" in result.stderr


def test_stdin_through_the_cli() -> None:
    text = b"publisher: Harbor Wire\npublished: 2024-10-31\n\nSome 8,000 troops are in Kursk.\n"
    result = CliRunner().invoke(cli, ["-q", "extract", "-", "--format", "csv"], input=text)
    assert result.exit_code == 0, result.stderr
    assert "Some 8,000 troops" in result.stdout
    assert "Harbor Wire" in result.stdout


def test_stdin_over_the_limit_is_refused() -> None:
    result = CliRunner().invoke(
        cli, ["-q", "extract", "-", "--max-size", "100B"], input=b"About 5 km. " * 20
    )
    assert result.exit_code == 1
    assert result.stderr == "estimates: error: <stdin>: input is over the 100 bytes limit\n"


def test_unreadable_paths(tmp_path: Path) -> None:
    (tmp_path / "x.txt").mkdir()  # a folder where a file is expected, with nothing inside
    os.mkfifo(tmp_path / "pipe.txt")  # opening it would block forever
    items = list(read_documents([tmp_path / "x.txt", tmp_path, tmp_path / "missing.txt"]))
    assert [(Path(i.path).name, i.reason) for i in items if isinstance(i, DocumentError)] == [
        ("x.txt", "no documents in this folder (.atom, .htm, .html, .json, .jsonl, .ndjson, "
         ".rss, .text, .txt, .xhtml, .xml)"),
        ("pipe.txt", "not a regular file (a pipe, socket or device)"),
        ("missing.txt", "no such file"),
    ]  # fmt: skip


def test_hidden_files_are_skipped_in_folders(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text("Over 90 ships docked.")
    (tmp_path / "._story.txt").write_bytes(b"\x00\x05\x16\x07" * 10)  # macOS resource fork
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "old.txt").write_text("Some 5 ships.")
    assert [d.id for d in read_documents([tmp_path])] == ["story"]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("deep.json", b"[" * 100_000, "invalid JSON: nested too deeply"),
        ("list.json", b"[]", "empty JSON array"),
        ("feed.rss", b"<rss><channel><item><title>Cut off", "no feed item has any text"),
        ("feed.atom", b"\x89PNG\r\n\x1a\n\x00\x00", "not a feed (a PNG image)"),
        ("header.txt", b"title: Only a header\n\n", "no text after the header"),
        ("report.txt", b"%PDF-1.7\n%\xe2\xe3\n1 0 obj", "not a text file (a PDF file)"),
        ("utf16.txt", b"\xff\xfeA\x00\x00\xd8", "broken utf-16 text at byte 4"),
        ("blank.json", b"   \n\t ", "empty file"),
    ],
)
def test_malformed_inputs_name_the_reason(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    items = list(read_documents([path]))
    assert [(i.path, i.reason) for i in items if isinstance(i, DocumentError)] == [
        (str(path), reason)
    ]


# Settings


def test_settings_defaults() -> None:
    s = load_settings(Path(__file__).parent / "fixtures" / "settings-empty.toml")
    assert s.input.max_size == 50_000_000
    assert s.input.preferred_encodings[0] == "cp1252"
    assert s.progress.enabled is True


def test_settings_overlay_and_bad_keys(tmp_path: Path) -> None:
    good = tmp_path / "good.toml"
    good.write_text('[input]\nmax_size = "2MiB"\n\n[progress]\nenabled = false\n')
    s = load_settings(good)
    assert (s.input.max_size, s.progress.enabled) == (2 * 1024 * 1024, False)

    cases = {
        '[input]\nmax_sise = "2MB"\n': "unknown key input.max_sise",
        "[inputs]\nmax_size = 1\n": "unknown section [inputs]",
        '[progress]\nenabled = "no"\n': "progress.enabled must be bool, not str",
        '[input]\nmax_size = "two"\n': "input.max_size: not a size: 'two'",
        '[input]\npreferred_encodings = ["klingon"]\n': "unknown ['klingon']",
        "[input\n": "not valid TOML",
    }
    for n, (text, message) in enumerate(cases.items()):
        bad = tmp_path / f"bad{n}.toml"
        bad.write_text(text)
        with pytest.raises(SettingsError, match=r"bad\d\.toml: .*") as e:
            load_settings(bad)
        assert message in str(e.value)


def test_local_settings_file_is_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "estimates.toml").write_text("[input]\nmax_size = 1234\n")
    monkeypatch.delenv("ESTIMATES_SETTINGS", raising=False)
    monkeypatch.chdir(tmp_path)
    assert load_settings().input.max_size == 1234


def test_bad_settings_file_is_one_line_from_the_command(tmp_path: Path) -> None:
    import subprocess
    import sys

    bad = tmp_path / "s.toml"
    bad.write_text("[input]\nmax_bytes = 5\n")
    (tmp_path / "a.txt").write_text("Some 5 boats.")
    env = {**os.environ, "ESTIMATES_SETTINGS": str(bad)}
    run = subprocess.run(
        [sys.executable, "-m", "estimates", "extract", str(tmp_path / "a.txt")],
        capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip
    assert run.returncode == 1
    assert run.stderr.startswith(f"estimates: error: {bad}: unknown key input.max_bytes")
    assert len(run.stderr.splitlines()) == 1


@pytest.mark.parametrize(
    ("text", "size"),
    [("50MB", 50_000_000), ("800 kb", 800_000), ("1.5GiB", 1_610_612_736), ("42", 42)],
)
def test_parse_size(text: str, size: int) -> None:
    assert parse_size(text) == size


def test_parse_size_rejects_nonsense() -> None:
    for text in ("", "MB", "5 XB", "-3MB", "5iB"):
        with pytest.raises(ValueError, match="not a size"):
            parse_size(text)


# Progress


def test_progress_is_quiet_without_a_terminal() -> None:
    with progress(total=3) as tick:  # pytest's stderr is not a terminal
        assert isinstance(tick, QuietTick)
    with progress(total=3, quiet=True) as tick:
        assert isinstance(tick, QuietTick)


def test_progress_bar_counts_documents_claims_and_failures() -> None:
    tick = make_bar(total=4, label="documents")
    tick(claims=3)
    tick(claims=2)
    tick(failed=1)
    (task,) = tick.bar.tasks
    assert task.completed == 3
    assert task.fields == {"claims": 5, "failed": 1}


# Extraction stays linear on pathological text

LINEAR_BOUND_SECONDS = 20
"""200 KB that takes longer than this must at least grow linearly (see MAX_GROWTH)."""

HANG_SECONDS = 120
"""Past this, 200 KB of text counts as a hang whatever the growth."""

MAX_GROWTH = 8.0
"""Time(200 KB) / time(50 KB): about 4 when linear, 16 when quadratic; 8 leaves room for noise."""

STARTUP_SECONDS = 30
"""Allowance for the child interpreter to import the package before the clock starts."""

MEMORY_CAP = 3 * 1024**3
"""Bytes the child may map: a per-claim copy of a 200 KB sentence exceeds it, linear code not."""

PATHOLOGICAL = {
    "digits and commas": "'9,99' * 50_000",
    "no spaces or sentence ends": "'withoutanyspaces' * 12_500",
    "ones": "'1 ' * 100_000",
    "digits only": "'7' * 200_000",
    "quotes and dashes": "'\u201c5\u2013' * 66_667",
}

CHILD = """
import time
from estimates.claims import extract_claims
from estimates.documents import Document
text = {expr}
for part in (text[: len(text) // 4], text):
    start = time.perf_counter()
    claims = extract_claims(Document(id="p", text=part))
    assert all(part[c.start : c.end] == c.text for c in claims)
    print(time.perf_counter() - start)
"""


def _cap_memory() -> None:
    """Limit the child's address space, so a memory blow-up fails it instead of the machine."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


@pytest.mark.parametrize("name", list(PATHOLOGICAL))
def test_pathological_text_stays_linear(name: str) -> None:
    """200 KB finishes in LINEAR_BOUND_SECONDS, or at least grows linearly from 50 KB."""
    import subprocess
    import sys

    code = CHILD.format(expr=PATHOLOGICAL[name])
    limit = HANG_SECONDS + LINEAR_BOUND_SECONDS + STARTUP_SECONDS
    try:
        run = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            timeout=limit,
            preexec_fn=_cap_memory,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"{name}: still running after {limit}s")
    assert run.returncode == 0, run.stderr[-500:]
    quarter, full = (float(t) for t in run.stdout.split())
    assert full < HANG_SECONDS, f"{name}: {full:.1f}s for 200 KB"
    if full >= LINEAR_BOUND_SECONDS:
        growth = full / max(quarter, 1e-3)
        assert growth < MAX_GROWTH, f"{name}: {quarter:.1f}s -> {full:.1f}s (x{growth:.1f})"


# A killed `estimates add` leaves the ledger as it was; running it again completes the batch

KILL_AFTER_SECONDS = 1.5
"""Past interpreter start-up and the first files, long before a 400-document batch is done."""

BATCH_SIZE = 400
"""Documents in the interrupted batch: about 13 s of extraction here, so the kill lands mid-run."""

STORY = (
    "About {a:,} soldiers crossed the border on {day}, officials in the capital said.\n\n"
    "The ministry put the figure at more than {b:,}, while a monitoring group said between "
    "{c:,} and {d:,} had arrived.\n\n"
    "Roughly {e} per cent of the convoy was fuel trucks, according to satellite images.\n\n"
    "The road from the port is {f} kilometres long and was shelled at least {g} times last "
    "week, a regional governor told reporters.\n\n"
    "Aid agencies said nearly {h:,} people had left the area since the start of the month."
)


def write_stories(folder: Path, count: int, prefix: str) -> None:
    folder.mkdir()
    days = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
    for i in range(count):
        paragraph = STORY.format(
            a=1000 + 7 * i, b=900 + i, c=2000 + i, d=3000 + i, e=10 + i % 50,
            f=40 + i % 90, g=3 + i % 9, h=12000 + 11 * i, day=days[i % 5],
        )  # fmt: skip
        header = (
            f"id: {prefix}-{i:03d}\npublisher: Wire {i % 4}\npublished: 2024-11-{1 + i % 28:02d}"
        )
        (folder / f"{prefix}-{i:03d}.txt").write_text(
            f"{header}\n\n" + "\n\n".join([paragraph] * 4)
        )


def ledger_rows(db: Path) -> tuple[str, dict[str, int], set[tuple[str, str, float]]]:
    """Integrity check, documents with their claim counts, and every claim (doc, id, value)."""
    import sqlite3

    with sqlite3.connect(db) as conn:
        (check,) = conn.execute("PRAGMA integrity_check").fetchone()
        docs = dict(
            conn.execute(
                "SELECT d.id, COUNT(c.claim_id) FROM documents d "
                "LEFT JOIN claims c ON c.doc_id = d.id GROUP BY d.id"
            ).fetchall()
        )
        claims = set(conn.execute("SELECT doc_id, claim_id, value FROM claims").fetchall())
    conn.close()
    return check, docs, claims


def add_command(db: Path, folder: Path) -> list[str]:
    import sys

    return [sys.executable, "-m", "estimates", "--db", str(db), "-q", "add", str(folder)]


def test_killed_add_leaves_ledger_intact_and_rerun_completes(tmp_path: Path) -> None:
    import signal
    import subprocess

    db = tmp_path / "ledger.db"
    write_stories(tmp_path / "first", 3, "first")
    write_stories(tmp_path / "batch", BATCH_SIZE, "batch")
    subprocess.run(add_command(db, tmp_path / "first"), check=True, timeout=120)
    check, before_docs, before_claims = ledger_rows(db)
    assert check == "ok" and sorted(before_docs) == ["first-000", "first-001", "first-002"]
    assert all(n >= 5 for n in before_docs.values())

    proc = subprocess.Popen(add_command(db, tmp_path / "batch"), stderr=subprocess.DEVNULL)
    try:
        proc.wait(timeout=KILL_AFTER_SECONDS)
        pytest.fail("the batch finished before it could be interrupted; make it larger")
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
    assert proc.wait(timeout=30) == -signal.SIGKILL

    check, docs, claims = ledger_rows(db)
    assert check == "ok"
    # the batch is one transaction: a kill leaves none of it (or, on a fast machine where the
    # commit came first, all of it), and never loses what was stored before
    assert {k: docs[k] for k in before_docs} == before_docs
    assert len(docs) in (len(before_docs), len(before_docs) + BATCH_SIZE)
    assert before_claims <= claims

    subprocess.run(add_command(db, tmp_path / "batch"), check=True, timeout=600)
    check, docs, claims = ledger_rows(db)
    assert check == "ok"
    assert len(docs) == 3 + BATCH_SIZE
    assert docs["batch-399"] == docs["batch-000"] > 0
    assert before_claims <= claims


def test_html_without_text_is_one_line_without_library_warnings(tmp_path: Path) -> None:
    import subprocess
    import sys

    page = tmp_path / "empty.html"
    page.write_text("<html><head><title>Live blog</title></head><body><nav></nav></body></html>")
    run = subprocess.run(
        [sys.executable, "-m", "estimates", "extract", str(page)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert run.returncode == 1
    assert run.stderr == f"estimates: error: {page}: no article text found in the HTML page\n"

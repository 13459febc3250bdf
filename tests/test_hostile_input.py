"""Issue 14, hostile input: each reproduction gives a claim or one exact error line, and the
rest of the batch is stored."""

from __future__ import annotations

import json
import logging
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from estimates.batch.ingest import ingest
from estimates.claims import extract_claims
from estimates.cli import cli
from estimates.documents import Document, ReadOptions, read_documents
from estimates.documents import formats as formats_module
from estimates.documents.guard import internal_error
from estimates.errors import DocumentError, LedgerError
from estimates.ledger import Ledger
from estimates.lexicon import load_lexicon

LEX = load_lexicon()
FLOAT_MAX = sys.float_info.max
GOOD = "About 3,000 troops crossed the border, officials said.\n"


def main(*args: str | bytes, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`estimates ARGS` in a child process (bytes arguments pass through as they are)."""
    cmd = [sys.executable, "-m", "estimates", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, cwd=cwd)


def rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def docs(items: list) -> list[Document]:
    return [i for i in items if isinstance(i, Document)]


def errors(items: list) -> list[str]:
    return [str(i) for i in items if isinstance(i, DocumentError)]


# --- numbers no float can hold --------------------------------------------------------------


def test_a_number_too_big_for_a_float_is_a_claim_marked_out_of_range() -> None:
    text = "Officials said 5 x 10^999 troops crossed and 2,000 more came."
    big, other = extract_claims(Document(id="o", text=text), LEX)
    assert (big.text, big.kind, big.unit, big.value) == (
        "5 x 10^999 troops",
        "out_of_range",
        "troop",
        FLOAT_MAX,
    )
    assert text[big.start : big.end] == big.text
    assert (other.text, other.value, other.kind) == ("2,000", 2000.0, "count")


@pytest.mark.parametrize(
    ("text", "claim", "value", "low", "high"),
    [
        ("The probe is now -5 x 10^999 km away.", "-5 x 10^999 km", -FLOAT_MAX, None, None),
        ("A gap of 5 x 10^-999 m was measured.", "5 x 10^-999 m", 0.0, None, None),
        (
            "Between 5 x 10^999 and 6 x 10^999 troops were counted.",
            "Between 5 x 10^999 and 6 x 10^999 troops",
            FLOAT_MAX,
            FLOAT_MAX,
            FLOAT_MAX,
        ),
    ],
)
def test_out_of_range_values_are_the_nearest_float(
    text: str, claim: str, value: float, low: float | None, high: float | None
) -> None:
    (c,) = extract_claims(Document(id="o", text=text), LEX)
    assert (c.text, c.value, c.low, c.high, c.kind) == (claim, value, low, high, "out_of_range")


def test_an_out_of_range_claim_is_stored_with_the_rest_of_the_batch(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD)
    (tmp_path / "over.txt").write_text("Officials said 5 x 10^999 troops crossed.\n")
    db = tmp_path / "l.db"
    run = main("--db", str(db), "add", str(tmp_path))
    assert run.returncode == 0, run.stderr
    assert run.stderr == f"estimates: 2 added, 0 replaced, 0 unchanged (2 claims stored) in {db}\n"
    assert rows(db, "SELECT doc_id, text, value, kind FROM claims ORDER BY doc_id") == [
        ("good", "About 3,000 troops", 3000.0, "count"),
        ("over", "5 x 10^999 troops", FLOAT_MAX, "out_of_range"),
    ]


# --- bytes and escapes the readers once choked on -------------------------------------------


def test_lone_surrogate_escapes_in_json_become_replacement_characters(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_text(
        r'{"id": "x\ud800", "title": "T\udc00", "text": "About 4,000 troops \ud800 crossed."}'
    )
    (tmp_path / "good.txt").write_text(GOOD)
    db = tmp_path / "l.db"
    run = main("--db", str(db), "add", str(tmp_path / "good.txt"), str(path))
    assert run.returncode == 0
    assert run.stderr.splitlines() == [
        f"estimates: WARNING: {path}: lone surrogate escapes in id, text, title replaced by U+FFFD",
        f"estimates: 2 added, 0 replaced, 0 unchanged (2 claims stored) in {db}",
    ]
    assert rows(db, "SELECT id, title FROM documents ORDER BY id") == [
        ("good", None),
        ("x\ufffd", "T\ufffd"),
    ]


def test_a_json_integer_of_5000_digits_is_kept_as_its_digits(tmp_path: Path) -> None:
    digits = "7" * 5000
    path = tmp_path / "big.json"
    path.write_text(f'[{{"id": {digits}, "text": "{GOOD.strip()}"}}, {{"text": "Some 40 boats."}}]')
    found = list(read_documents([path], ReadOptions()))
    assert [(d.id, d.text) for d in docs(found)] == [
        (digits, GOOD.strip()),
        ("big-2", "Some 40 boats."),
    ]
    assert errors(found) == []


def test_a_line_separator_inside_a_json_lines_string_is_no_line_break(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    path.write_text('{"text": "Some 40 boats\u2028sank."}\r\n\n{"text": "Some 50 boats sank."}\n')
    found = list(read_documents([path], ReadOptions()))
    assert [(d.id, d.text) for d in docs(found)] == [
        ("wire-1", "Some 40 boats\u2028sank."),
        ("wire-3", "Some 50 boats sank."),
    ]


def test_a_file_name_that_is_not_utf8_gives_a_readable_id_and_path(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path / "in")
    os.mkdir(folder)
    with open(folder + b"/caf\xe9.txt", "w") as f:
        f.write(GOOD)
    db = tmp_path / "l.db"
    run = main("--db", str(db), "add", folder)
    assert run.returncode == 0, run.stderr
    assert rows(db, "SELECT id, path FROM documents") == [
        ("caf\ufffd", f"{tmp_path}/in/caf\ufffd.txt")
    ]
    named = main("--db", str(db), "add", folder + b"/caf\xe9.txt")
    assert named.stderr.endswith(
        "0 added, 0 replaced, 1 unchanged (0 claims stored) in " + f"{db}\n"
    )
    gone = main("--db", str(db), "remove", b"caf\xe9")
    assert (gone.returncode, gone.stderr) == (0, f"estimates: 1 removed from {db}\n")


def test_a_file_name_with_a_newline_or_an_escape_sequence_stays_on_one_line(tmp_path: Path) -> None:
    (tmp_path / "two\nlines.txt").write_bytes(b"\x00\x01binary")
    (tmp_path / "title\x1b]0;x\x07.txt").write_text(GOOD)
    found = list(read_documents([tmp_path], ReadOptions()))
    assert errors(found) == [f"{tmp_path}/two\\x0alines.txt: not a text file (binary data)"]
    assert [(d.id, d.path) for d in docs(found)] == [
        ("title\x1b]0;x\x07", f"{tmp_path}/title\\x1b]0;x\\x07.txt")
    ]


RSS = (
    '<?xml version="1.0"{decl}?><rss version="2.0"><channel><title>Wire</title><item>'
    "<title>Crossing</title><link>https://example.org/{n}</link>"
    "<description>{body}</description></item></channel></rss>"
)


@pytest.mark.parametrize(
    ("decl", "body", "text"),
    [
        # a character reference to no character at all
        ("", "About 6,000 troops crossed &#x110000;, officials said.", "About 6,000 troops "
         "crossed \ufffd, officials said."),
        # control characters in the item's HTML
        ("", "&lt;p&gt;About 7,000 troops\x01\x0b crossed, officials said.&lt;/p&gt;",
         "About 7,000 troops crossed, officials said."),
    ],
)  # fmt: skip
def test_feed_items_with_impossible_characters_are_read(
    tmp_path: Path, decl: str, body: str, text: str
) -> None:
    path = tmp_path / "feed.rss"
    path.write_text(RSS.format(decl=decl, n=1, body=body), encoding="utf-8")
    found = list(read_documents([path], ReadOptions()))
    assert [(d.title, d.text) for d in docs(found)] == [("Crossing", text)]


def test_a_bad_byte_in_the_xml_encoding_declaration_is_read_as_utf8(tmp_path: Path) -> None:
    path = tmp_path / "feed.rss"
    raw = RSS.format(decl=' encoding="utf\udcff8"', n=2, body="About 8,000 troops crossed.")
    path.write_bytes(raw.encode("utf-8", "surrogateescape"))
    found = list(read_documents([path], ReadOptions()))
    assert [d.text for d in docs(found)] == ["About 8,000 troops crossed."]


def test_year_one_with_a_weekday_is_undated_and_stored(tmp_path: Path) -> None:
    path = tmp_path / "y.txt"
    path.write_text("published: 0001-01-01\n\nOn Monday, officials said about 9,000 troops left.\n")
    db = tmp_path / "l.db"
    run = main("--db", str(db), "add", str(path))
    assert run.returncode == 0
    assert run.stderr.splitlines()[0] == (
        f"estimates: WARNING: {path}: published '0001-01-01' is not a possible date; "
        "the document is read as undated"
    )
    assert rows(db, "SELECT text, claimed_at, published FROM claims") == [
        ("about 9,000 troops", None, None)
    ]


# --- the safety net: an unforeseen failure is one document's error --------------------------


def test_an_extractor_crash_on_one_document_is_its_error_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import estimates.batch.loop

    def extract(doc: Document, lexicon: object) -> list:
        if "explode" in doc.text:
            raise RuntimeError("boom\nsecond line")
        return extract_claims(doc, LEX)

    monkeypatch.setattr(estimates.batch.loop, "extract_claims", extract)
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "b.txt").write_text("Some 40 boats explode.\n")
    (tmp_path / "c.txt").write_text("Some 50 boats sank.\n")
    db = tmp_path / "l.db"
    result = CliRunner().invoke(cli, ["--db", str(db), "add", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"estimates: error: {tmp_path / 'b.txt'}: internal error: RuntimeError: boom second line",
        f"estimates: 2 added, 0 replaced, 0 unchanged (2 claims stored) in {db}",
    ]
    assert rows(db, "SELECT id FROM documents ORDER BY id") == [("a",), ("c",)]


def test_a_reader_crash_on_one_file_or_one_array_element_spares_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_txt, real_mapping = formats_module.from_txt, formats_module.document_from_mapping

    def from_txt(text: str, where: str, default_id: str) -> object:
        if "explode" in text:
            raise KeyError("header")
        return real_txt(text, where, default_id)

    def mapping(obj: object, *args: object, **kwargs: object) -> object:
        if isinstance(obj, dict) and obj.get("id") == "bad":
            raise ZeroDivisionError("division by zero")
        return real_mapping(obj, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(formats_module, "from_txt", from_txt)
    monkeypatch.setattr(formats_module, "document_from_mapping", mapping)
    (tmp_path / "a.txt").write_text("Some 40 boats explode.\n")
    (tmp_path / "b.txt").write_text(GOOD)
    items = [
        {"id": i, "text": f"Some {n} boats sank."} for i, n in (("x", 5), ("bad", 6), ("z", 7))
    ]
    (tmp_path / "c.json").write_text(json.dumps(items))
    found = list(read_documents([tmp_path], ReadOptions()))
    assert [d.id for d in docs(found)] == ["b", "x", "z"]
    assert errors(found) == [
        f"{tmp_path / 'a.txt'}: internal error: KeyError: 'header'",
        f"{tmp_path / 'c.json'}[1]: internal error: ZeroDivisionError: division by zero",
    ]


def test_the_extractor_reads_a_document_up_to_its_character_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import estimates.claims.pipeline

    monkeypatch.setattr(estimates.claims.pipeline, "MAX_CHARS", 60)
    text = "Some 40 boats sank.\nAbout 3,000 troops crossed the border.\nSome 90 ships left.\n"
    lines = (tmp_path / "long.txt").write_text(text)
    assert lines == 79
    db = tmp_path / "l.db"
    with caplog.at_level(logging.WARNING):
        result = CliRunner().invoke(cli, ["--db", str(db), "-q", "add", str(tmp_path)])
    assert result.exit_code == 0
    assert [r.getMessage() for r in caplog.records] == [
        f"{tmp_path / 'long.txt'}: text after character 58 is not read (the extractor reads "
        "60 characters at most)"
    ]
    assert rows(db, "SELECT value FROM claims ORDER BY start") == [(40.0,), (3000.0,)]
    assert rows(db, "SELECT text FROM documents") == [(text,)]  # stored whole


def test_an_internal_error_logs_its_traceback_for_verbose_runs(
    caplog: pytest.LogCaptureFixture,
) -> None:
    try:
        raise ValueError("chr() arg not in range(0x110000)")
    except ValueError as e:
        with caplog.at_level(logging.INFO):
            error = internal_error("feed.rss", e)
    assert str(error) == "feed.rss: internal error: ValueError: chr() arg not in range(0x110000)"
    (record,) = caplog.records
    assert record.levelno == logging.INFO and record.exc_info is not None


# --- ids: no document overwrites another ----------------------------------------------------


def test_same_named_files_in_two_folders_are_both_kept_and_rerun_is_idempotent(
    tmp_path: Path,
) -> None:
    news = tmp_path / "news"
    for sub, n in (("a", 11), ("b", 22)):
        (news / sub).mkdir(parents=True)
        (news / sub / "index.txt").write_text(f"Some {n} boats sank, officials said.\n")
    db = tmp_path / "l.db"
    first = main("--db", str(db), "add", str(news))
    assert (
        first.stderr == f"estimates: 2 added, 0 replaced, 0 unchanged (2 claims stored) in {db}\n"
    )
    ids = dict(rows(db, "SELECT path, id FROM documents"))
    assert ids[str(news / "a" / "index.txt")] == "index"
    assert re.fullmatch(r"index-[0-9a-f]{8}", ids[str(news / "b" / "index.txt")])
    # again, from another folder and naming the file itself: same ids, nothing added
    again = main("--db", str(db), "add", "news/b/index.txt", "news", cwd=tmp_path)
    assert (
        again.stderr == f"estimates: 0 added, 0 replaced, 3 unchanged (0 claims stored) in {db}\n"
    )
    # an edited file replaces its own document, under its own id
    (news / "b" / "index.txt").write_text("Some 33 boats sank, officials said.\n")
    edited = main("--db", str(db), "add", str(news))
    assert edited.stderr.endswith(
        " 0 added, 1 replaced, 1 unchanged (1 claims stored) in " + f"{db}\n"
    )
    assert dict(rows(db, "SELECT id, path FROM documents")) == {v: k for k, v in ids.items()}


def test_two_documents_giving_one_id_with_different_texts_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "wire.json"
    same = {"id": "w1", "text": "Some 40 boats sank."}
    path.write_text(json.dumps([same, {"id": "w1", "text": "Some 90 boats sank."}, same]))
    db = tmp_path / "l.db"
    result = CliRunner().invoke(cli, ["--db", str(db), "add", str(path)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"estimates: error: {path}[1]: document id 'w1' is also the id of {path}[0] in this "
        "batch, with another text; this one is not stored (give each document its own id)",
        f"estimates: 1 added, 0 replaced, 1 unchanged (1 claims stored) in {db}",
    ]
    assert rows(db, "SELECT doc_id, value FROM claims") == [("w1", 40.0)]


def test_an_unreadable_subfolder_is_an_error_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "open").mkdir()
    (tmp_path / "open" / "a.txt").write_text(GOOD)
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text(GOOD)
    real_scandir = os.scandir

    def scandir(path: object = ".") -> object:  # root reads any folder: refuse as chmod 000 would
        if os.fspath(path) == str(locked):  # type: ignore[arg-type]
            raise PermissionError(13, "Permission denied", str(locked))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    found = list(read_documents([tmp_path], ReadOptions()))
    assert [d.id for d in docs(found)] == ["a"]
    assert errors(found) == [f"{locked}: cannot read this folder: permission denied"]


def test_a_named_pipe_on_the_command_line_is_refused_at_once(tmp_path: Path) -> None:
    pipe = tmp_path / "p.txt"
    os.mkfifo(pipe)
    (tmp_path / "good.txt").write_text(GOOD)
    run = main("extract", str(pipe), str(tmp_path / "good.txt"), "--format", "csv")
    assert run.returncode == 1
    assert (
        run.stderr == f"estimates: error: {pipe}: not a regular file (a pipe, socket or device)\n"
    )
    assert "About 3,000 troops" in run.stdout


def test_memory_does_not_grow_with_the_batch(tmp_path: Path) -> None:
    """Extracted documents wait in a spool file, not in memory, until the batch is stored."""
    import tracemalloc

    sentence = "About {n},000 troops crossed on Monday, officials said. Some {n}00 tanks followed. "

    def peak(n: int) -> int:
        folder = tmp_path / f"in{n}"
        folder.mkdir()
        for i in range(n):
            text = "".join(sentence.format(n=(i + k) % 90 + 2) for k in range(8))
            (folder / f"d{i}.txt").write_text(text)
        with Ledger(tmp_path / f"l{n}.db") as ledger:
            tracemalloc.start()
            ingest(ledger, [folder], LEX)
            top = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            assert ledger.count("documents") == n
        return top

    small, large = peak(60), peak(300)  # 240 more documents, about 3,800 more claims
    assert large - small < 1_000_000


# --- the ledger: SQLite errors are one line, never a traceback ------------------------------


def _ledger_with_claims(tmp_path: Path, n: int = 30) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(1, n + 1):
        (folder / f"s{i}.txt").write_text(f"About {i},000 troops crossed, they said.\n")
    db = tmp_path / "l.db"
    with Ledger(db) as ledger:
        ingest(ledger, [folder])
    return db


def test_a_damaged_ledger_is_one_line_for_every_command(tmp_path: Path) -> None:
    db = _ledger_with_claims(tmp_path)
    with open(db, "r+b") as f:  # keep the header page, overwrite the tables' pages
        f.seek(4096)
        f.write(b"\x55" * (db.stat().st_size - 4096))
    (tmp_path / "good.txt").write_text(GOOD)
    for command in (["report"], ["export", "claims"], ["add", str(tmp_path / "good.txt")]):
        run = main("--db", str(db), *command)
        assert (run.returncode, run.stderr) == (
            1,
            f"estimates: error: {db}: the ledger file is damaged; restore it from a copy "
            "(database disk image is malformed)\n",
        )


def test_a_full_disk_is_one_line_and_the_ledger_keeps_what_it_had(tmp_path: Path) -> None:
    db = _ledger_with_claims(tmp_path, 3)
    more = tmp_path / "more"
    more.mkdir()
    for i in range(200):
        (more / f"m{i}.txt").write_text(f"Some {i} boats sank. " * 40)
    with Ledger(db) as ledger:
        pages = ledger.conn.execute("PRAGMA page_count").fetchone()[0]
        ledger.conn.execute(f"PRAGMA max_page_count = {pages + 2}")  # the disk fills up
        with pytest.raises(LedgerError) as e:
            ingest(ledger, [more])
        assert str(e.value) == (
            f"{db}: cannot write to the ledger: the disk is full (database or disk is full)"
        )
        assert ledger.count("documents") == 3


def test_a_read_only_ledger_is_one_line(tmp_path: Path) -> None:
    db = _ledger_with_claims(tmp_path, 2)
    (tmp_path / "good.txt").write_text(GOOD)
    with Ledger(db) as ledger:
        ledger.conn.close()  # as if the file were read-only (root writes to any file)
        ledger.conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, isolation_level=None)
        with pytest.raises(LedgerError) as e:
            ingest(ledger, [tmp_path / "good.txt"])
    assert str(e.value) == (
        f"{db}: cannot write to the ledger: the file (or its folder) is read-only "
        "(attempt to write a readonly database)"
    )


def test_a_ledger_locked_past_the_timeout_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import estimates.ledger.store as store

    db = _ledger_with_claims(tmp_path, 1)
    (tmp_path / "good.txt").write_text(GOOD)
    monkeypatch.setattr(store, "BUSY_TIMEOUT_S", 0.2)
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process writing
    try:
        with Ledger(db) as ledger, pytest.raises(LedgerError) as e:
            ingest(ledger, [tmp_path / "good.txt"])
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert str(e.value) == (
        f"{db}: the ledger stayed busy (locked by another process) for 0.2 s (database is locked)"
    )


def test_superseded_by_is_not_stored_but_computed(tmp_path: Path) -> None:
    """Nothing read the stored column, and a kill after the commit left it stale."""
    db = _ledger_with_claims(tmp_path, 2)
    columns = [r[1] for r in rows(db, "PRAGMA table_info(claims)")]
    assert "superseded_by" not in columns
    # a ledger made before still opens, and its old column is left alone
    with sqlite3.connect(db) as conn:
        conn.execute("ALTER TABLE claims ADD COLUMN superseded_by TEXT")
    (tmp_path / "late.txt").write_text("published: 2024-12-01\n\nAbout 9,000 troops crossed.\n")
    run = main("--db", str(db), "-q", "add", str(tmp_path / "late.txt"))
    assert run.returncode == 0, run.stderr
    report = main("--db", str(db), "report", "--format", "json")
    claims = [c for q in json.loads(report.stdout)["quantities"] for c in q["claims"]]
    assert sorted(c["value"] for c in claims) == [1000.0, 2000.0, 9000.0]
    assert all("superseded_by" in c for c in claims)


# --- move and remove arguments --------------------------------------------------------------


def test_move_refuses_bytes_and_control_characters(tmp_path: Path) -> None:
    db = _ledger_with_claims(tmp_path, 1)
    run = main("--db", str(db), "move", b"ab\xff", "troops")
    assert (run.returncode, run.stderr) == (
        1,
        "estimates: error: claim id 'ab\\udcff' is not one: hex digits, as the report and "
        "`estimates export claims` show them\n",
    )
    (claim_id,) = rows(db, "SELECT claim_id FROM claims")[0]
    run = main("--db", str(db), "move", claim_id[:8], "nk\x1b]0;x\x07")
    assert (run.returncode, run.stderr) == (
        1,
        "estimates: error: quantity id 'nk\\x1b]0;x\\x07' must be one word of printable "
        "characters (e.g. nk-troops)\n",
    )
    assert rows(db, "SELECT count(*) FROM assignments") == [(0,)]

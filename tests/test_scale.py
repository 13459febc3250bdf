"""Archives at scale (issue 13): a generated archive of Parquet files extracted on a local Dask
cluster gives exactly the rows of the single-process path; a run stopped midway resumes and
adds nothing twice; bad documents are counted with their reason; the claims folder loads into
a ledger and reconciles without one, as the ledger does."""

from __future__ import annotations

import fcntl
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from pandas.testing import assert_frame_equal

from estimates.batch.archive import (
    ArchiveError,
    plan_archive,
    read_claims,
    read_errors,
)
from estimates.batch.cluster import run_archive
from estimates.batch.partition import Extraction, extract_documents, extract_partition
from estimates.claims import extract_claims
from estimates.cli import cli
from estimates.documents import Document
from estimates.report.frames import bare_claims_frame
from estimates.tracker import Tracker

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from archive_gen import archive_frames, sentences_from  # noqa: E402

N_DOCS, N_FILES, ROWS_PER_GROUP = 240, 4, 20
"""A few hundred documents in 4 Parquet files of 3 row groups each: 12 partitions."""


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, pd.DataFrame]:
    """The archive folder, and all its rows as one frame (two of them bad)."""
    folder = tmp_path_factory.mktemp("archive")
    frames = archive_frames(sentences_from(ROOT / "data"), N_DOCS, N_FILES, seed=13)
    frames[1].loc[5, "text"] = "   "  # no text
    frames[3].loc[7, "text"] = None
    for i, frame in enumerate(frames):
        frame.to_parquet(folder / f"wire-{i}.parquet", row_group_size=ROWS_PER_GROUP)
    return folder, pd.concat(frames, ignore_index=True)


@pytest.fixture(scope="module")
def reference(archive) -> Extraction:
    """The single-process path: the partition function on every row in this process."""
    return extract_documents(archive[1])


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values("claim_id").reset_index(drop=True)


def _single_process(rows: pd.DataFrame) -> pd.DataFrame:
    return _sorted(extract_partition(rows))


def test_the_single_process_path_is_the_extractors(archive, reference) -> None:
    """The reference rows are `extract_claims` on each document, as `estimates extract` runs."""
    _, rows = archive
    docs = [
        Document(r.id, r.text, r.title, r.publisher, r.published, r.url)
        for r in rows.itertuples()
        if isinstance(r.text, str) and r.text.strip()
    ]
    found, failed = [], []
    for d in docs:
        try:
            found += extract_claims(d)
        except Exception:  # the partition function names these as errors instead
            failed.append(d.id)
    direct = bare_claims_frame(found, "0")
    assert set(failed) <= set(reference.errors["doc_id"])
    assert len(reference.claims) > 3 * N_DOCS  # the varied sentences carry figures
    assert (
        _sorted(reference.claims)
        .drop(columns="extractor_version")
        .equals(_sorted(direct).drop(columns="extractor_version"))
    )


def test_a_local_cluster_gives_exactly_the_rows_of_the_single_process_path(
    archive, reference, tmp_path: Path
) -> None:
    folder, rows = archive
    out = tmp_path / "claims"
    assert len(plan_archive([folder])) == 4  # 60 rows a file: one partition each by default
    result = run_archive([folder], out, workers=2, partition_size=ROWS_PER_GROUP)
    assert (result.planned, len(result.results), result.failed) == (12, 12, {})
    assert len(result.peak_rss()) == 2  # both worker processes took partitions
    expected = reference.errors  # the 2 planted, and any the extractor raises on
    assert result.documents == N_DOCS - len(expected) and result.errors == len(expected)
    assert_frame_equal(_sorted(read_claims(out)), _sorted(reference.claims))
    errors = read_errors(out).set_index("doc_id")
    assert sorted(errors.index) == sorted(expected["doc_id"])
    assert errors.loc["gen-13-0000065", "reason"] == "no 'text' field (or it is empty)"
    assert errors.loc["gen-13-0000187", "where"].endswith("wire-3.parquet[7]")
    months = sorted(p.name for p in out.glob("month=*"))
    assert months[0] == "month=2023-01" and len(months) > 30


def test_a_run_stopped_midway_resumes_and_adds_nothing_twice(
    archive, reference, tmp_path: Path
) -> None:
    folder, rows = archive
    out = tmp_path / "claims"
    first = run_archive([folder], out, workers=0, partition_size=ROWS_PER_GROUP, max_partitions=5)
    assert len(first.results) == 5
    # a partition killed while writing: its claims are on disk, its commit mark is not
    done = next(out.glob("month=*/part-*.parquet"))
    orphan = done.with_name("part-0123456789abcdef.parquet")
    orphan.write_bytes(done.read_bytes())
    assert len(read_claims(out)) < len(reference.claims)  # readers ignore the orphan
    second = run_archive([folder], out, workers=0, partition_size=ROWS_PER_GROUP)
    assert (second.already, len(second.results)) == (5, 7)
    errors = len(reference.errors)
    assert first.documents + second.documents == N_DOCS - errors and second.skipped == 0
    assert not orphan.exists()
    claims = read_claims(out)
    assert claims["claim_id"].is_unique
    assert_frame_equal(_sorted(claims), _sorted(reference.claims))
    assert len(read_errors(out)) == errors
    third = run_archive([folder], out, workers=0, partition_size=ROWS_PER_GROUP)
    assert (third.already, third.results) == (12, ())
    runs = [json.loads(x) for x in (out / "_runs.jsonl").read_text().splitlines()]
    assert [r["done"] for r in runs] == [5, 7, 0]


def test_documents_already_extracted_are_skipped_when_their_file_changes(
    archive, tmp_path: Path
) -> None:
    """A file rewritten with two more rows (a nightly export): only the new rows are
    extracted; the claims read back are those of every document once."""
    folder, rows = archive
    src = tmp_path / "src"
    src.mkdir()
    part = rows.iloc[:40].copy()
    part.to_parquet(src / "day.parquet")
    out = tmp_path / "claims"
    run_archive([src], out, workers=0)
    grown = pd.concat([part, rows.iloc[40:42]], ignore_index=True)
    grown.to_parquet(src / "day.parquet")
    again = run_archive([src], out, workers=0)
    bad = len(extract_documents(part).errors)  # bad documents are tried again
    assert (again.documents, again.skipped) == (2, 40 - bad)
    assert_frame_equal(_sorted(read_claims(out)), _single_process(grown))


def test_a_changed_document_replaces_its_claims(archive, tmp_path: Path) -> None:
    folder, rows = archive
    src = tmp_path / "src"
    src.mkdir()
    first = rows.iloc[:3].copy()
    first.to_parquet(src / "a.parquet")
    out = tmp_path / "claims"
    run_archive([src], out, workers=0)
    fixed = first.iloc[[1]].assign(text="Officials now count 512 shelters in the valley.")
    fixed.to_parquet(src / "b.parquet")
    run_archive([src], out, workers=0)
    claims = read_claims(out)
    mine = claims[claims["doc_id"] == first.iloc[1]["id"]]
    assert mine["value"].tolist() == [512.0]
    assert_frame_equal(_sorted(claims), _single_process(pd.concat([first.iloc[[0, 2]], fixed])))


def test_bad_files_and_lines_are_counted_and_never_stop_the_job(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "feed.jsonl").write_text(
        '{"id": "ok-1", "text": "About 60 trucks crossed.", "published": "2024-05-02"}\n'
        "{broken\n"
        '["a list"]\n'
        '{"text": "Some 45 tents went up.", "published": "2024-05-03"}\n'
        '{"id": "huge", "text": "' + "x" * 2000 + '"}\n',
        encoding="utf-8",
    )
    (src / "torn.parquet").write_bytes(b"PAR1 not really")
    (src / "note.txt").write_text("published: 2024-05-04\n\nNearly 30 wells ran dry.\n")
    from estimates.documents import ReadOptions

    out = tmp_path / "claims"
    result = run_archive([src], out, workers=0, options=ReadOptions(max_size=1000))
    assert result.documents == 3 and result.errors == 4 and result.failed == {}
    claims = read_claims(out)
    assert sorted(claims["doc_id"]) == ["feed-4", "note", "ok-1"]
    reasons = dict(zip(read_errors(out)["where"], read_errors(out)["reason"], strict=True))
    assert reasons[f"{src / 'feed.jsonl'}:2"].startswith("invalid JSON")
    assert reasons[f"{src / 'feed.jsonl'}:3"] == "expected a JSON object with a 'text' field"
    assert reasons[f"{src / 'feed.jsonl'}:5"] == "text is over the 1 KB limit (--max-size)"
    assert reasons[str(src / "torn.parquet")].startswith("not a readable Parquet file")


def test_cli_extract_to_add_claims_and_report_claims_match_the_ledger(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "claims"
    done = runner.invoke(cli, ["-q", "extract", str(ROOT / "data"), "--to", str(out),
                               "--workers", "0"])  # fmt: skip
    assert done.exit_code == 0, done.output
    db = str(tmp_path / "loaded.db")
    assert runner.invoke(cli, ["-q", "--db", db, "add", "--claims", str(out)]).exit_code == 0
    again = runner.invoke(cli, ["--db", db, "add", "--claims", str(out)])
    assert "0 added, 0 replaced, 12 unchanged" in again.output
    ref = str(tmp_path / "ref.db")
    with Tracker(db) as loaded, Tracker(ref) as direct:
        direct.add(ROOT / "data")
        assert_frame_equal(loaded.claims(), direct.claims())
    from_ledger = runner.invoke(cli, ["--db", ref, "report", "--format", "json"])
    from_parquet = runner.invoke(cli, ["report", "--claims", str(out), "--format", "json"])
    assert from_parquet.exit_code == 0, from_parquet.output
    assert json.loads(from_parquet.output) == json.loads(from_ledger.output)
    troops = json.loads(from_parquet.output)["quantities"][0]
    assert troops["id"] == "north-korean-troops-in-russia-north-korean-deployment-2024-2025"
    assert troops["best"] == 11500.0


def test_cli_archive_mode_refuses_what_it_cannot_use(tmp_path: Path) -> None:
    """Named errors (main() prints each as one line, see test_cli_ledger)."""
    runner = CliRunner()
    used = runner.invoke(cli, ["extract", str(ROOT / "data"), "--workers", "2"])
    assert used.exit_code == 2 and "need --to FOLDER" in used.output
    (tmp_path / "mine.csv").write_text("a,b\n")
    strange = runner.invoke(cli, ["extract", str(ROOT / "data"), "--to", str(tmp_path)])
    assert isinstance(strange.exception, ArchiveError)
    assert str(strange.exception).endswith("not an estimates claims folder (holds mine.csv)")
    missing = runner.invoke(cli, ["extract", str(tmp_path / "nope*.parquet"), "--to",
                                  str(tmp_path / "out")])  # fmt: skip
    assert str(missing.exception).endswith("nope*.parquet: no files match")
    no_folder = runner.invoke(cli, ["report", "--claims", str(tmp_path)])
    assert isinstance(no_folder.exception, ArchiveError)
    assert "not a claims folder" in str(no_folder.exception)


def test_one_run_at_a_time_per_output_folder(tmp_path: Path) -> None:
    out = tmp_path / "claims"
    out.mkdir()
    with (out / ".lock").open("a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(ArchiveError, match="another run is writing"):
            run_archive([ROOT / "data"], out, workers=0)


def test_the_partition_function_runs_under_dask_dataframe(archive) -> None:
    """What the README shows for Dask DataFrames (and, alike, Ray and Spark)."""
    import dask.dataframe as dd

    _, rows = archive
    docs = dd.from_pandas(rows.iloc[:60], npartitions=3)
    meta = extract_partition(rows.iloc[:0])
    claims = docs.map_partitions(extract_partition, meta=meta).compute(scheduler="sync")
    assert_frame_equal(_sorted(claims), _single_process(rows.iloc[:60]))


def test_importing_estimates_or_its_help_never_imports_dask() -> None:
    code = (
        "import sys, estimates, estimates.cli\n"
        "from estimates.cli import cli\n"
        "assert 'dask' not in sys.modules\n"
        "try:\n"
        "    cli(['--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "for name in ('dask', 'distributed', 'pyarrow'):\n"
        "    assert name not in sys.modules, name\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "extract" in done.stdout

"""Run an archive's partitions: on a local Dask cluster (processes, one thread each:
extraction is pure Python and holds the GIL), on an existing cluster, or in this process.

    result = run_archive(["news/*.parquet"], "claims/", workers=2)

Dask (`dask[distributed]`, the `[scale]` extra) is imported only when workers are asked for.
One run at a time per output folder (a lock file says so); a run that stops half way (a crash,
Ctrl-C, `max_partitions`) leaves only whole partitions behind, and the next run resumes.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from estimates.batch.archive import (
    PARTITION_SIZE,
    RUNS_FILE,
    ArchiveError,
    Partition,
    PartitionResult,
    check_output,
    committed,
    known_fingerprints,
    plan_archive,
    remove_uncommitted,
    run_partition,
)
from estimates.claims import EXTRACTOR_VERSION
from estimates.documents import ReadOptions

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RunResult:
    """What a run did: partitions planned, already committed before it, done by it and failed
    (key -> reason; rerun to retry them), and the sums of its partitions' results."""

    planned: int
    already: int
    results: tuple[PartitionResult, ...] = ()
    failed: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0
    workers: int = 0

    @property
    def documents(self) -> int:
        return sum(r.documents for r in self.results)

    @property
    def skipped(self) -> int:
        return sum(r.skipped for r in self.results)

    @property
    def claims(self) -> int:
        return sum(r.claims for r in self.results)

    @property
    def errors(self) -> int:
        return sum(r.errors for r in self.results)

    @property
    def cpu_seconds(self) -> float:
        """CPU time the workers spent on the partitions (their own, not the machine's)."""
        return sum(r.cpu_seconds for r in self.results)

    def peak_rss(self) -> dict[str, int]:
        """Peak resident memory (bytes) of each worker process that ran a partition."""
        peaks: dict[str, int] = {}
        for r in self.results:
            peaks[r.worker] = max(peaks.get(r.worker, 0), r.peak_rss)
        return peaks


OnPartition = Callable[[PartitionResult], None]


def run_archive(
    inputs: Sequence[str | Path],
    out: str | Path,
    *,
    workers: int = 1,
    scheduler: str | None = None,
    partition_size: int = PARTITION_SIZE,
    max_partitions: int | None = None,
    lexicon_dirs: Sequence[str] = (),
    options: ReadOptions | None = None,
    on_plan: Callable[[int, int], None] | None = None,
    on_partition: OnPartition | None = None,
) -> RunResult:
    """Extract the claims of every document under `inputs` into the claims folder `out`.

    workers=0 runs in this process; N > 0 starts a local Dask cluster of N processes;
    `scheduler` (an address) uses a running cluster, whose workers must have this package
    installed and see the same paths. `on_plan(todo, already)` is called once the partitions
    are known, `on_partition(result)` as each one commits."""
    t0 = time.perf_counter()
    folder = Path(out).resolve()
    check_output(folder)
    folder.mkdir(parents=True, exist_ok=True)
    with _locked(folder):
        plan = plan_archive(inputs, partition_size, exclude=folder)
        if not plan:
            raise ArchiveError("no documents in " + ", ".join(map(str, inputs)))
        removed = remove_uncommitted(folder)
        if removed:
            log.info("removed %d files of partitions an earlier run did not finish", removed)
        done = committed(folder)
        todo = [p for p in plan if p.key not in done]
        if max_partitions is not None:
            todo = todo[:max_partitions]
        if on_plan is not None:
            on_plan(len(todo), len(plan) - len([p for p in plan if p.key not in done]))
        run = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ")
        args = _Args(str(folder), run, options or ReadOptions(), tuple(map(str, lexicon_dirs)))
        results: list[PartitionResult] = []
        failed: dict[str, str] = {}

        def note(r: PartitionResult) -> None:
            results.append(r)
            if on_partition is not None:
                on_partition(r)

        if scheduler is None and workers <= 0:
            _in_process(todo, args, known_fingerprints(folder), note, failed)
        else:
            _on_dask(todo, args, known_fingerprints(folder), note, failed, workers, scheduler)
        result = RunResult(
            len(plan), len(plan) - len([p for p in plan if p.key not in done]),
            tuple(sorted(results, key=lambda r: r.index)), failed,
            time.perf_counter() - t0, workers if scheduler is None else 0,
        )  # fmt: skip
        _log_run(folder, run, inputs, scheduler, result)
    return result


@dataclass(frozen=True)
class _Args:
    out: str
    run: str
    options: ReadOptions
    lexicon_dirs: tuple[str, ...]


def _in_process(
    todo: list[Partition], args: _Args, known: Any, note: OnPartition, failed: dict[str, str]
) -> None:
    for part in todo:
        try:
            note(run_partition(part, args.out, args.run, known, args.options, args.lexicon_dirs))
        except Exception as e:  # a bug or a full disk: the partition stays to do, others go on
            log.debug("partition %s failed", part.key, exc_info=True)
            failed[part.key] = f"{part.path}: {type(e).__name__}: {e}"


def _on_dask(
    todo: list[Partition],
    args: _Args,
    known: Any,
    note: OnPartition,
    failed: dict[str, str],
    workers: int,
    scheduler: str | None,
) -> None:
    """The partitions as tasks on a Dask cluster, noted as each finishes (in any order)."""
    try:
        from distributed import as_completed
    except ImportError:
        raise ArchiveError(
            "running on workers needs Dask: pip install 'estimates[scale]' (or --workers 0)"
        ) from None
    if not todo:
        return
    with _client(workers, scheduler) as client:
        known_f = client.scatter(known, broadcast=True)
        futures = client.map(
            run_partition, todo, out=args.out, run=args.run, known=known_f,
            options=args.options, lexicon_dirs=args.lexicon_dirs, pure=False,
        )  # fmt: skip
        keys = {f.key: p for f, p in zip(futures, todo, strict=True)}
        for future in as_completed(futures):
            part = keys[future.key]
            try:
                note(future.result())
            except Exception as e:  # a worker died twice on it, or a bug: the others go on
                failed[part.key] = f"{part.path}: {type(e).__name__}: {e}"
            finally:
                future.release()


@contextmanager
def _client(workers: int, scheduler: str | None) -> Iterator[Any]:
    """A Dask client of a running scheduler, or of a local cluster of `workers` processes with
    one thread each; it listens on this machine only."""
    from distributed import Client, LocalCluster

    if scheduler is not None:
        try:
            client = Client(scheduler, timeout="20s")
        except OSError as e:
            raise ArchiveError(f"cannot reach the Dask scheduler at {scheduler}: {e}") from None
        with client:
            yield client
        return
    with (
        LocalCluster(
            host="127.0.0.1",
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address="127.0.0.1:0",  # any free port, this machine only
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """Hold the output folder's lock for the run; a second run on it is refused. The lock goes
    with the process, so a crash never leaves it held."""
    with (folder / ".lock").open("a") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ArchiveError(f"{folder}: another run is writing to this folder") from None
        _mark(f)
        yield


def _mark(f: IO[str]) -> None:
    f.truncate(0)
    f.write(f"{os.getpid()}\n")
    f.flush()


def _log_run(
    folder: Path, run: str, inputs: Sequence[str | Path], scheduler: str | None, r: RunResult
) -> None:
    """One line per run in the folder's run log: a nightly job's history."""
    entry = {
        "run": run, "extractor_version": EXTRACTOR_VERSION, "inputs": [str(i) for i in inputs],
        "workers": r.workers, "scheduler": scheduler, "partitions": r.planned,
        "already_done": r.already, "done": len(r.results), "failed": len(r.failed),
        "documents": r.documents, "skipped": r.skipped, "claims": r.claims, "errors": r.errors,
        "seconds": round(r.seconds, 2),
    }  # fmt: skip
    with (folder / RUNS_FILE).open("a", encoding="utf-8") as f:
        f.write(json.dumps(entry) + "\n")

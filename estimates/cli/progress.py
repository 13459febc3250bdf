"""A progress bar on stderr for long runs: documents done, claims found.

    with progress(total=None, quiet=state.quiet) as tick:
        for doc in docs:
            tick(claims=len(extract_claims(doc)))

Quiet (a no-op `tick`) with --quiet, when stderr is not a terminal, or when the settings turn it
off, so pipes and logs never get control characters. stdout is left alone: only stderr lines
printed while the bar runs are moved above it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from rich.progress import Progress

REFRESH_PER_SECOND = 4
"""Often enough to look alive, rarely enough to cost nothing next to extraction."""


class Tick(Protocol):
    """Report progress: `docs` more documents done, with `claims` claims and `failed` errors."""

    def __call__(self, docs: int = 1, claims: int = 0, failed: int = 0) -> None: ...


def _noop(docs: int = 1, claims: int = 0, failed: int = 0) -> None:
    """The tick of a quiet run."""


def enabled(quiet: bool) -> bool:
    """Whether a bar would show: not --quiet, stderr a terminal, and not off in the settings."""
    if quiet or not sys.stderr.isatty():
        return False
    from estimates.settings import load_settings

    return load_settings().progress.enabled


@contextmanager
def progress(
    total: int | None = None, quiet: bool = False, label: str = "documents"
) -> Iterator[Tick]:
    """A `tick` callable that advances a bar of `total` items (None: count without a bar)."""
    if not enabled(quiet):
        yield _noop
        return
    bar, task_of = _make_bar(total, label)
    with bar:
        yield task_of


def _make_bar(total: int | None, label: str) -> tuple[Progress, Tick]:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    columns = [SpinnerColumn(), TextColumn("{task.description}")]
    if total is not None:
        columns += [BarColumn(), MofNCompleteColumn()]
    else:
        columns += [TextColumn("{task.completed:.0f}")]
    columns += [
        TextColumn(label + " · {task.fields[claims]} claims · {task.fields[failed]} failed"),
        TimeElapsedColumn(),
    ]
    bar = Progress(
        *columns,
        console=Console(stderr=True),
        transient=True,
        redirect_stdout=False,
        refresh_per_second=REFRESH_PER_SECOND,
    )
    task = bar.add_task("reading", total=total, claims=0, failed=0)
    counts = {"claims": 0, "failed": 0}

    def tick(docs: int = 1, claims: int = 0, failed: int = 0) -> None:
        counts["claims"] += claims
        counts["failed"] += failed
        bar.update(task, advance=docs, claims=counts["claims"], failed=counts["failed"])

    return bar, tick

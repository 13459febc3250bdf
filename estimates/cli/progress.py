"""A progress bar on stderr for long runs: documents done, claims found, inputs failed.

    with progress(total=None, quiet=state.quiet) as tick:
        for doc in docs:
            tick(claims=len(extract_claims(doc)))
        tick.echo("estimates: error: a.txt: empty file")  # a line above the bar

Quiet (`tick` counts nothing, `echo` prints plainly) with --quiet, when stderr is not a
terminal, or when settings turn it off, so pipes and logs never get control characters. stdout
is left alone; print stderr lines with `tick.echo` while the bar runs, so they stay readable.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

REFRESH_PER_SECOND = 4
"""Often enough to look alive, rarely enough to cost nothing next to extraction."""


class Tick(Protocol):
    """What `progress` yields: call it to count, `echo` to print a line on stderr."""

    def __call__(self, docs: int = 1, claims: int = 0, failed: int = 0) -> None: ...

    def echo(self, line: str) -> None: ...


class QuietTick:
    """The tick of a run without a bar: counts nothing, prints lines plainly."""

    def __call__(self, docs: int = 1, claims: int = 0, failed: int = 0) -> None:
        """Nothing to show."""

    def echo(self, line: str) -> None:
        """One line on stderr."""
        import click

        from estimates.report.formatting import printable

        click.echo(printable(line), err=True)


class BarTick:
    """The tick of a live bar: advances it and keeps running totals of claims and failures."""

    def __init__(self, bar: Progress, task: TaskID) -> None:
        """Tick `task` of `bar`, counting from zero."""
        self.bar, self.task = bar, task
        self.claims = self.failed = 0

    def __call__(self, docs: int = 1, claims: int = 0, failed: int = 0) -> None:
        """Advance by `docs` and add to the totals shown."""
        self.claims += claims
        self.failed += failed
        self.bar.update(self.task, advance=docs, claims=self.claims, failed=self.failed)

    def echo(self, line: str) -> None:
        """One line on stderr, printed above the bar so neither garbles the other."""
        from estimates.report.formatting import printable

        self.bar.console.print(printable(line), markup=False, highlight=False, soft_wrap=True)


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
    """A `tick` that advances a bar of `total` items (None: a count without a bar)."""
    if not enabled(quiet):
        yield QuietTick()
        return
    tick = make_bar(total, label)
    with tick.bar:
        yield tick


def totals_line(
    label: str, done: float, total: float | None, claims: int, failed: int, elapsed: float | None
) -> str:
    """The bar's one line: "documents 430/600, claims 1,720, 12 failed, 35/s"."""
    count = f"{done:,.0f}/{total:,.0f}" if total is not None else f"{done:,.0f}"
    parts = [f"{label} {count}", f"claims {claims:,}"]
    if failed:
        parts.append(f"{failed:,} failed")
    if elapsed and elapsed >= MIN_RATE_SECONDS and done:
        parts.append(f"{done / elapsed:,.0f}/s")
    return ", ".join(parts)


MIN_RATE_SECONDS = 1.0
"""A rate over less time than this is noise: it is shown from the first second on."""


def make_bar(total: int | None, label: str) -> BarTick:
    """A one-line rich progress display on stderr (not started) and its tick; cleared when
    the run ends, before any table is printed."""
    from rich.console import Console
    from rich.progress import Progress, ProgressColumn, SpinnerColumn, Task
    from rich.text import Text

    class Totals(ProgressColumn):
        def render(self, task: Task) -> Text:
            claims, failed = task.fields["claims"], task.fields["failed"]
            line = totals_line(label, task.completed, task.total, claims, failed, task.elapsed)
            return Text(line)

    bar = Progress(
        SpinnerColumn(),
        Totals(),
        console=Console(stderr=True),
        transient=True,
        redirect_stdout=False,
        redirect_stderr=False,
        refresh_per_second=REFRESH_PER_SECOND,
    )
    return BarTick(bar, bar.add_task(label, total=total, claims=0, failed=0))

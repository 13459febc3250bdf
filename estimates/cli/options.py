"""Options shared by several commands, declared once; and the CLI's run state."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from estimates.reconcile.model import Report
    from estimates.report.filters import Filters

DEFAULT_DB = "estimates.db"


@dataclass(frozen=True)
class State:
    """Global options, passed to every command through click's context."""

    db: str
    lexicon_dirs: tuple[str, ...] = ()
    quiet: bool = False

    def lexicon(self):
        from estimates.lexicon import load_lexicon

        return load_lexicon(self.lexicon_dirs)


def format_option(choices: tuple[str, ...], default_tty: str, default_pipe: str):
    """--format with a default that depends on whether stdout is a terminal."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=None,
        help=f"Output format (default: {default_tty} on a terminal, {default_pipe} when piped).",
        callback=lambda ctx, p, v: v or (default_tty if sys.stdout.isatty() else default_pipe),
    )


def output_option():
    return click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, writable=True),
        default=None,
        help="Write to this file instead of stdout.",
    )


def report_error(path: str, reason: str) -> None:
    """One line on stderr for one bad input."""
    click.echo(f"estimates: error: {path}: {reason}", err=True)


def reconciled(
    state: State,
    policy: str,
    quantities_file: str | None,
    filters: Filters,
    create: bool = False,
    claims_dir: str | None = None,
) -> Report:
    """The ledger's quantities (or those of a claims folder, with no ledger) reconciled under
    `policy` and narrowed by `filters`: the records every report, export and chart command
    draws."""
    from estimates.errors import ReportError
    from estimates.report.filters import filter_report
    from estimates.tracker import Tracker

    if claims_dir is not None:
        from estimates.batch.archive import archive_report
        from estimates.reconcile.config import load_specs, load_story_specs

        specs, stories = load_specs(quantities_file), load_story_specs(quantities_file)
        found = archive_report(claims_dir, state.lexicon(), policy, specs, stories)
        report = filter_report(found, filters)
    else:
        with Tracker(
            state.db, lexicon_dirs=state.lexicon_dirs, quantities=quantities_file, create=create
        ) as t:
            report = filter_report(t.report(policy), filters)
    if filters.active and not report.quantities:
        raise ReportError(f"no claim matches {filters.describe()}")
    return report

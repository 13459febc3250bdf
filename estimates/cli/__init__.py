"""The `estimates` command: a thin layer over the library. Each stage's commands live in
their own module; this one defines the group and its global options."""

from __future__ import annotations

import dataclasses
import errno
import logging
import os
import sys
from typing import Any

import click

from estimates.cli.options import DEFAULT_DB, State


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    type=click.Path(dir_okay=False),
    default=DEFAULT_DB,
    envvar="ESTIMATES_DB",
    show_default=True,
    help="Ledger database (SQLite). Also ESTIMATES_DB.",
)
@click.option(
    "--lexicon",
    "lexicon_dirs",
    multiple=True,
    type=click.Path(file_okay=False, exists=True),
    help="Folder of extra lexicon files overlaying the built-in ones (repeatable).",
)
@click.option("-v", "--verbose", count=True, help="More log output on stderr.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or notes on stderr.")
@click.version_option(package_name="estimates")
@click.pass_context
def cli(
    ctx: click.Context, db: str, lexicon_dirs: tuple[str, ...], verbose: int, quiet: bool
) -> None:
    """Track conflicting numeric estimates across news articles.

    Example:

        estimates report data/          # ingest the sample articles and print the report

        estimates extract article.txt   # the claims in one article
    """
    level = logging.WARNING - 10 * verbose
    logging.basicConfig(level=level, format="estimates: %(levelname)s: %(message)s")
    ctx.obj = State(db=db, lexicon_dirs=lexicon_dirs, quiet=quiet)


def _late_global(name: str) -> Any:
    """Callback of a global option given after the command: it overrides the group's."""

    def set_state(ctx: click.Context, param: click.Parameter, value: Any) -> None:
        if value in (None, (), 0, False) or not isinstance(ctx.obj, State):
            return
        if name == "verbose":
            logging.getLogger().setLevel(logging.WARNING - 10 * value)
            return
        ctx.obj = dataclasses.replace(ctx.obj, **{name: value})

    return set_state


def global_params() -> list[click.Parameter]:
    """`--db`, `--lexicon`, `-v` and `-q` again on every command, so `estimates report --db
    x.db` works as `estimates --db x.db report` does (hidden: the help shows them once)."""
    return [
        click.Option(["--db"], type=click.Path(dir_okay=False), hidden=True,
                     expose_value=False, callback=_late_global("db")),
        click.Option(["--lexicon", "lexicon_dirs"], multiple=True, hidden=True,
                     type=click.Path(file_okay=False, exists=True), expose_value=False,
                     callback=_late_global("lexicon_dirs")),
        click.Option(["-v", "--verbose"], count=True, hidden=True, expose_value=False,
                     callback=_late_global("verbose")),
        click.Option(["-q", "--quiet"], is_flag=True, hidden=True, expose_value=False,
                     callback=_late_global("quiet")),
    ]  # fmt: skip


def _register() -> None:
    from estimates.cli import extract

    commands: list[click.Command] = [extract.extract]
    for name in ("ledger", "report", "export", "plot"):
        try:
            module = __import__(f"estimates.cli.{name}", fromlist=["commands"])
        except ModuleNotFoundError as e:
            if e.name != f"estimates.cli.{name}":
                raise
            continue
        commands += module.commands
    for command in commands:
        command.params += global_params()
        cli.add_command(command)


_register()


WRITE_ERRORS = (errno.ENOSPC, errno.EIO, errno.EFBIG, errno.EDQUOT, errno.EROFS, errno.EBADF)
"""Errors writing stdout that are the output's fault (a full disk, /dev/full): one line."""


def main() -> None:
    """Entry point: run the CLI; named errors and failed writes to stdout become one line on
    stderr, never a traceback."""
    from estimates.errors import EstimatesError
    from estimates.report.formatting import printable

    try:
        try:
            cli(standalone_mode=True)
        finally:
            sys.stdout.flush()  # a full disk shows here, not in a traceback at exit
    except EstimatesError as e:
        click.echo(f"estimates: error: {printable(str(e))}", err=True)
        sys.exit(1)
    except OSError as e:
        if e.errno not in WRITE_ERRORS:
            raise
        click.echo(f"estimates: error: cannot write output: {e.strerror or e}", err=True)
        _drop_stdout()
        sys.exit(1)


def _drop_stdout() -> None:
    """Point stdout at /dev/null so Python's own flush at exit does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass

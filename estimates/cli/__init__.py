"""The `estimates` command: a thin layer over the library. Each stage's commands live in
their own module; this one defines the group and its global options."""

from __future__ import annotations

import logging
import sys

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


def _register() -> None:
    from estimates.cli import extract

    cli.add_command(extract.extract)
    for name in ("ledger", "report", "export", "plot"):
        try:
            module = __import__(f"estimates.cli.{name}", fromlist=["commands"])
        except ModuleNotFoundError as e:
            if e.name != f"estimates.cli.{name}":
                raise
            continue
        for command in module.commands:
            cli.add_command(command)


_register()


def main() -> None:
    """Entry point: run the CLI; named errors become one line on stderr."""
    from estimates.errors import EstimatesError

    try:
        cli(standalone_mode=True)
    except EstimatesError as e:
        click.echo(f"estimates: error: {e}", err=True)
        sys.exit(1)

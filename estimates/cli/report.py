"""`estimates report`: every tracked quantity, its sources, range, disagreements and revisions."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from estimates.cli.export import filter_options
from estimates.cli.options import State, output_option
from estimates.reconcile.policies import DEFAULT_POLICY, POLICIES

MIN_CLAIMS_SHOWN = 2
"""Quantities with fewer claims are listed by name only (one figure compares with nothing)."""


@click.command()
@click.argument("paths", nargs=-1)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "markdown", "html"]),
    default="text",
    show_default=True,
    help="text: readable blocks (rich on a terminal, plain when piped); json: everything; "
    "markdown, html: with evidence and charts (html self-contained).",
)
@click.option(
    "--policy",
    type=click.Choice(sorted(POLICIES)),
    default=DEFAULT_POLICY,
    show_default=True,
    help="How low/best/high are reconciled: "
    + "; ".join(f"{p.name}: {p.doc.rstrip('.')}" for p in POLICIES.values()),
)
@click.option(
    "--quantities",
    "quantities_file",
    type=click.Path(dir_okay=False),
    envvar="ESTIMATES_QUANTITIES",
    help="TOML file naming and pinning quantities (see data/quantities.toml).",
)
@click.option(
    "--all",
    "show_all",
    is_flag=True,
    help="Also show quantities with a single claim (by default they are listed by name at "
    "the end).",
)
@click.option(
    "--claims",
    "claims_dir",
    metavar="FOLDER",
    type=click.Path(file_okay=False, exists=True),
    help="Reconcile the claims folder written by `estimates extract ARCHIVE --to FOLDER` "
    "(Parquet) straight, without a ledger.",
)
@output_option()
@filter_options
@click.pass_obj
def report(
    state: State,
    paths: tuple[str, ...],
    fmt: str,
    policy: str,
    quantities_file: str | None,
    show_all: bool,
    claims_dir: str | None,
    output: str | None,
    filters: Any,
) -> None:
    """Print every quantity the ledger tracks; with PATHS, add them to the ledger first.

    Quantities are grouped by story (articles about one event). Each shows each independent
    source's latest figure, the reconciled range and best figure under --policy, the sources
    that disagree (intervals that do not overlap, stated within three days of each other) and
    each source's revisions over time; claims the tool cannot place are listed at the end.

    \b
    Example:
        estimates report data/                  # ingest the samples, then report

        estimates report --format json | jq '.quantities[0]'

        estimates report --format html -o report.html --since 2024-11

        estimates report --claims claims/ --format json   # no ledger
    """
    from estimates.cli.ledger import add_paths
    from estimates.cli.options import reconciled
    from estimates.report.build import write_report
    from estimates.report.plain import report_dict
    from estimates.report.text import print_rich, report_text
    from estimates.report.view import quantity_view, ungrouped_view

    if paths and claims_dir:
        raise click.UsageError("give PATHS to add, or --claims FOLDER to read (not both)")
    failed = 0
    if paths:
        failed, read = add_paths(state, paths)
        if not read:  # nothing could be read: the errors said why; the old ledger is not news
            sys.exit(1)
    result = reconciled(state, policy, quantities_file, filters, bool(paths), claims_dir)
    min_claims = 1 if show_all else MIN_CLAIMS_SHOWN
    shown = [q for q in result.quantities if len(q.figures) >= min_claims]
    left_out = [q for q in result.quantities if len(q.figures) < min_claims]
    if fmt in ("markdown", "html"):
        write_report(shown, fmt, output, left_out=left_out, ungrouped=result.ungrouped)
    elif fmt == "json":
        _write(json.dumps(report_dict(result), ensure_ascii=False, indent=2) + "\n", output)
    elif output is None and sys.stdout.isatty():
        from rich.console import Console

        views = [quantity_view(q) for q in shown]
        print_rich(
            views,
            Console(),
            [quantity_view(q) for q in left_out],
            ungrouped_view(result.ungrouped),
        )
    else:
        views = [quantity_view(q) for q in shown]
        left = [quantity_view(q) for q in left_out]
        _write(report_text(views, left, ungrouped_view(result.ungrouped)), output)
    if failed:
        sys.exit(1)


def _write(text: str, output: str | None) -> None:
    """To stdout, or to the file `output` all or nothing."""
    from estimates.report.files import write_text

    if output is None:
        sys.stdout.write(text)
    else:
        write_text(output, text)


commands = [report]

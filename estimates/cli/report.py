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
"""The text view hides quantities with fewer claims (one figure compares with nothing)."""


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
@click.option("--all", "show_all", is_flag=True, help="Text view: also single-claim quantities.")
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
    output: str | None,
    filters: Any,
) -> None:
    """Print every quantity the ledger tracks; with PATHS, add them to the ledger first.

    Each quantity shows each independent source's latest figure, the reconciled range and
    best figure under --policy, the sources that disagree (intervals that do not overlap
    within two weeks) and each source's revisions over time.

    \b
    Example:
        estimates report data/                  # ingest the samples, then report

        estimates report --format json | jq '.quantities[0]'

        estimates report --format html -o report.html --since 2024-11
    """
    from estimates.cli.ledger import add_paths
    from estimates.reconcile.render import report_dict, report_text
    from estimates.report.build import write_report
    from estimates.report.filters import filter_report
    from estimates.tracker import Tracker

    failed = add_paths(state, paths) if paths else 0
    opts: dict[str, Any] = {"lexicon_dirs": state.lexicon_dirs, "quantities": quantities_file}
    with Tracker(state.db, create=bool(paths), **opts) as t:
        result = filter_report(t.report(policy), filters)
    min_claims = 1 if show_all else MIN_CLAIMS_SHOWN
    if fmt in ("markdown", "html"):
        shown = [q for q in report_dict(result)["quantities"] if len(q["claims"]) >= min_claims]
        write_report(shown, fmt, output)
    elif fmt == "json":
        _write(json.dumps(report_dict(result), ensure_ascii=False, indent=2) + "\n", output)
    elif output is None and sys.stdout.isatty():
        _print_rich(result, min_claims)
    else:
        _write(report_text(result, min_claims), output)
    if failed:
        sys.exit(1)


def _write(text: str, output: str | None) -> None:
    from estimates.cli.render import opened

    with opened(output) as f:
        f.write(text)


def _print_rich(result: Any, min_claims: int) -> None:
    """The terminal view: per quantity its range, a table of sources, then conflicts."""
    from rich.console import Console
    from rich.table import Table

    from estimates.reconcile.render import SHORT_ID, fmt

    console = Console()
    shown = [q for q in result.quantities if len(q.figures) >= min_claims]
    for q in shown:
        unit = f" {q.unit}" if q.unit else ""
        console.print(f"[bold]{q.label}[/bold]  [dim]{q.id}[/dim]")
        console.print(
            f"  range [bold]{fmt(q.low)} – {fmt(q.high)}[/bold]{unit}, best "
            f"[bold]{fmt(q.best)}[/bold] ({q.policy}); {len(q.sources)} independent source(s)",
            highlight=False,
        )
        table = Table(box=None, padding=(0, 2), show_header=True, header_style="dim")
        for col in ("source", "said by", "latest figure", "date", "document", "claim"):
            table.add_column(col)
        for s in q.sources:
            f = s.latest
            speaker = f.claim.source if f.claim.source != s.name else ""
            short = f.claim.claim_id[:SHORT_ID]
            table.add_row(s.name, speaker or "", f.claim.text, f.date or "", f.claim.doc_id, short)
        console.print(table)
        for d in q.disagreements:
            console.print(f"  [red]disagree[/red] {d.summary}", highlight=False)
        for r in q.revisions:
            console.print(f"  [yellow]revised[/yellow] {r.summary}", highlight=False)
        console.print()
    hidden = len(result.quantities) - len(shown)
    if hidden:
        console.print(f"[dim]{hidden} single-claim quantities hidden (--all shows them)[/dim]")


commands = [report]

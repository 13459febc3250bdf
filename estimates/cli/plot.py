"""`estimates plot`: one quantity's timeline, or the overview of disagreements, as png/svg."""

from __future__ import annotations

from typing import Any

import click

from estimates.cli.export import filter_options, reconcile_options
from estimates.cli.options import State


@click.command()
@click.argument("quantity", required=False)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    default=None,
    help="Chart file: .png, .svg or .pdf [default: QUANTITY-ID.png, or overview.png].",
)
@click.option("--overview", is_flag=True, help="Chart every quantity's spread instead.")
@filter_options
@reconcile_options
@click.pass_obj
def plot(
    state: State,
    quantity: str | None,
    output: str | None,
    overview: bool,
    filters: Any,
    policy: str,
    quantities_file: str | None,
) -> None:
    """Chart QUANTITY (its id, or words of its label) over time: each source in its own
    colour and marker, each claim as its interval (open bounds as arrows), the reconciled
    range as a band and the best figure as a line.

    Example:

        estimates plot "troops in Russia" -o troops.png

        estimates plot --overview -o spread.svg
    """
    from estimates.cli.options import reconciled
    from estimates.report.build import chart_for
    from estimates.report.plot import save_figure

    if overview == bool(quantity):
        raise click.UsageError("give a QUANTITY, or --overview (not both)")
    quantities = reconciled(state, policy, quantities_file, filters).quantities
    fig, name = chart_for(quantities, quantity)
    written = save_figure(fig, output or name)
    if not state.quiet:
        click.echo(f"wrote {written}", err=True)


commands = [plot]

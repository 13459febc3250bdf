"""`estimates export`: claims or quantities as a spreadsheet (CSV, or .xlsx by suffix).

Also home of the filter options (--quantity, --source, --since, --until, --topic, --story) that
`export`, `plot` and `report` share, so all outputs select claims the same way.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import click

from estimates.cli.options import State, output_option

FILTER_KEYS = ("quantity", "source", "since", "until", "topic", "story")
"""Filters fields; the options' parameters are named `filter_<key>` so commands may also
take a QUANTITY argument."""


def filter_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Add the shared filter options; the command receives them as one `filters` argument."""
    opts = [
        click.option("--quantity", "filter_quantity", help="Only this quantity: its id, or part "
                     "of its label."),
        click.option("--source", "filter_source", help="Only claims whose source or publisher "
                     "contains this."),
        click.option("--since", "filter_since", metavar="DATE", help="Only claims made on or "
                     "after DATE (YYYY-MM-DD, YYYY-MM or YYYY)."),
        click.option("--until", "filter_until", metavar="DATE", help="Only claims made on or "
                     "before DATE."),
        click.option("--topic", "filter_topic", help="Only claims whose quantity label or "
                     "sentence has all these words."),
        click.option("--story", "filter_story", help="Only claims of this story: its id, or "
                     "part of its name (\"Nepal earthquake\")."),
    ]  # fmt: skip

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        """The command, with the filter options folded into one Filters value."""
        from estimates.report.filters import Filters

        kwargs["filters"] = Filters(**{k: kwargs.pop(f"filter_{k}") for k in FILTER_KEYS})
        return fn(*args, **kwargs)

    for opt in reversed(opts):
        wrapper = opt(wrapper)
    return wrapper


def reconcile_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """--policy and --quantities, as `estimates report` has them."""
    from estimates.reconcile.policies import DEFAULT_POLICY, POLICIES

    fn = click.option(
        "--quantities",
        "quantities_file",
        type=click.Path(dir_okay=False),
        envvar="ESTIMATES_QUANTITIES",
        help="TOML file naming and pinning quantities (as for `estimates report`).",
    )(fn)
    return click.option(
        "--policy",
        type=click.Choice(sorted(POLICIES)),
        default=DEFAULT_POLICY,
        show_default=True,
        help="How low/best/high are reconciled (see `estimates report --help`).",
    )(fn)


@click.command()
@click.argument("table", type=click.Choice(["claims", "quantities"]))
@output_option()
@click.option("--excel", is_flag=True, help="Start the CSV with a UTF-8 BOM so Excel reads it.")
@click.option(
    "--columns",
    type=click.Choice(["full", "short"]),
    default="full",
    show_default=True,
    help="full: every codebook column; short: date, source, text, value, low, high, unit, "
    "quantity, article (claims) or the headline figures (quantities).",
)
@filter_options
@reconcile_options
@click.pass_obj
def export(
    state: State,
    table: str,
    output: str | None,
    excel: bool,
    columns: str,
    filters: Any,
    policy: str,
    quantities_file: str | None,
) -> None:
    """Export TABLE (claims or quantities) as CSV on stdout, or to -o FILE (.csv or .xlsx;
    any other suffix, .xls included, is refused).

    One header row, one row per claim or quantity; dates are ISO at their precision
    (2024-10-30, 2024-10, 2024), numbers plain (an open bound is an empty cell); text that a
    spreadsheet would run as a formula starts with a single quote. An .xlsx file has a sheet
    named after TABLE, a bold frozen header with filters and columns sized to their content.
    The file is written whole or not at all. Columns are described in the README's codebook.

    Example:

        estimates export claims -o claims.csv --since 2024-11

        estimates export claims --columns short -o claims.xlsx
    """
    from estimates.cli.options import reconciled
    from estimates.report.export import check_suffix, export_frame
    from estimates.report.frames import claims_frame, quantities_frame

    if output is not None:
        check_suffix(output)  # before the work, not after
    report = reconciled(state, policy, quantities_file, filters)
    quantities = report.quantities
    if table == "claims":
        frame = claims_frame(quantities, report.ungrouped)
    else:
        frame = quantities_frame(quantities)
    export_frame(table, frame, output, excel=excel, columns=columns)


commands = [export]

"""The report as plain text (files, pipes) and as rich tables on a terminal, both drawn from
the quantity views."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from estimates.report.view import UNDATED, UNGROUPED_NOTE, UNGROUPED_TITLE, Evidence, QuantityView

if TYPE_CHECKING:
    from rich.console import Console


def _unit(v: QuantityView) -> str:
    return f" {v.unit}" if v.unit else ""


def _range_line(v: QuantityView) -> str:
    return (
        f"range {v.low or '?'} - {v.high or '?'}{_unit(v)}, best {v.best or '?'} ({v.policy}); "
        f"{len(v.sources)} independent source(s)"
    )


def quantity_lines(v: QuantityView) -> list[str]:
    """One quantity as lines of plain text: range, sources, disagreements, revisions."""
    lines = [f"{v.label}  [{v.id}]", f"  {_range_line(v)}, {v.claims} claim(s)"]
    for e in v.sources:
        lines.append(
            f"  - {e.source}: {e.text!r} ({e.date or UNDATED}, {e.doc_id}, claim {e.short_id})"
        )
    lines += [f"  ! disagree: {d}" for d in v.disagreements]
    lines += [f"  ~ revised: {r}" for r in v.revisions]
    return lines


def ungrouped_lines(rows: Sequence[Evidence]) -> list[str]:
    """The claims the tool could not place, as lines of plain text (none when there are none)."""
    if not rows:
        return []
    lines = [f"{UNGROUPED_TITLE} ({len(rows)})", f"  {UNGROUPED_NOTE}"]
    for e in rows:
        where = f"{e.date or UNDATED}, {e.doc_id}, claim {e.short_id}"
        lines.append(f"  ? {e.source}: {e.text!r} ({where}): {e.sentence}")
    return lines


def report_text(views: Sequence[QuantityView], ungrouped: Sequence[Evidence] = ()) -> str:
    """The report as plain text, one block per quantity, then the ungrouped claims."""
    blocks = ["\n".join(quantity_lines(v)) for v in views]
    if ungrouped:
        blocks.append("\n".join(ungrouped_lines(ungrouped)))
    return "\n\n".join(blocks) + "\n"


def print_rich(
    views: Sequence[QuantityView],
    console: Console,
    hidden: int = 0,
    ungrouped: Sequence[Evidence] = (),
) -> None:
    """The terminal view: per quantity its range, a table of sources, then conflicts; then the
    ungrouped claims; `hidden` is how many quantities were left out (said at the end)."""
    from rich.markup import escape
    from rich.table import Table
    from rich.text import Text

    for v in views:
        console.print(f"[bold]{escape(v.label)}[/bold]  [dim]{escape(v.id)}[/dim]", highlight=False)
        console.print(f"  {escape(_range_line(v))}", highlight=False)
        table = Table(box=None, padding=(0, 2), show_header=True, header_style="dim")
        for col in ("source", "latest figure", "date", "document", "claim"):
            table.add_column(col)
        for e in v.sources:
            cells = (e.source, e.figure, e.date, e.doc_id, e.short_id)
            table.add_row(*(Text(c) for c in cells))  # article text is never markup
        console.print(table)
        for d in v.disagreements:
            console.print(f"  [red]disagree[/red] {escape(d)}", highlight=False)
        for r in v.revisions:
            console.print(f"  [yellow]revised[/yellow] {escape(r)}", highlight=False)
        console.print()
    for line in ungrouped_lines(ungrouped):
        console.print(escape(line), highlight=False)
    if hidden:
        console.print(f"[dim]{hidden} single-claim quantities hidden (--all shows them)[/dim]")

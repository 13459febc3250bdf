"""The report as plain text (files, pipes) and as rich tables on a terminal, both drawn from
the quantity views. Every piece of article text is printed as text (never as rich markup) and
with its control characters removed, so an article cannot style, link or drive the terminal."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from estimates.report.formatting import count, printable, quoted
from estimates.report.view import (
    UNDATED,
    UNGROUPED_NOTE,
    UNGROUPED_TITLE,
    Evidence,
    QuantityView,
    sources_text,
)

if TYPE_CHECKING:
    from rich.console import Console


def _range_line(v: QuantityView) -> str:
    span = v.span or "no figure"
    best = f", best {v.best}" if v.best else ""
    return f"{span}{best} ({v.policy}); {sources_text(v)}"


def _evidence_line(e: Evidence) -> str:
    return f"{e.source}: {quoted(e.text)} ({e.date or UNDATED}, {e.doc_id}, claim {e.short_id})"


def quantity_lines(v: QuantityView) -> list[str]:
    """One quantity as lines of plain text: range, each source's latest figure, the earlier
    figures quoted below, disagreements, revisions."""
    lines = [f"{v.label}  [{v.id}]", f"  {_range_line(v)}"]
    lines += [f"  - {_evidence_line(e)}" for e in v.sources]
    if v.cited:
        lines.append("  earlier figures:")
        lines += [f"  - {_evidence_line(e)}" for e in v.cited]
    lines += [f"  ! disagree: {d}" for d in v.disagreements]
    lines += [f"  ~ revised: {r}" for r in v.revisions]
    return [printable(line) for line in lines]


def left_out_lines(left_out: Sequence[QuantityView]) -> list[str]:
    """What the default report leaves out, by name: '11 quantities with one claim (use --all
    to show them):' then one line per quantity."""
    if not left_out:
        return []
    n = count(len(left_out), "quantity", "quantities")
    head = f"{n} with one claim (use --all to show them):"
    return [head] + [printable(f"  {v.label}  [{v.id}]") for v in left_out]


def ungrouped_lines(rows: Sequence[Evidence]) -> list[str]:
    """The claims the tool could not place, as lines of plain text (none when there are none)."""
    if not rows:
        return []
    lines = [f"{UNGROUPED_TITLE} ({len(rows)})", f"  {UNGROUPED_NOTE}"]
    for e in rows:
        where = f"{e.date or UNDATED}, {e.doc_id}, claim {e.short_id}"
        lines.append(printable(f"  ? {e.source}: {e.text!r} ({where}): {e.sentence}"))
    return lines


def report_text(
    views: Sequence[QuantityView],
    left_out: Sequence[QuantityView] = (),
    ungrouped: Sequence[Evidence] = (),
) -> str:
    """The report as plain text, one block per quantity, then what was left out, then the
    claims the tool could not place."""
    blocks = ["\n".join(quantity_lines(v)) for v in views]
    for lines in (left_out_lines(left_out), ungrouped_lines(ungrouped)):
        if lines:
            blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n" if blocks else ""


def print_rich(
    views: Sequence[QuantityView],
    console: Console,
    left_out: Sequence[QuantityView] = (),
    ungrouped: Sequence[Evidence] = (),
) -> None:
    """The terminal view: per quantity its range, a table of sources, then conflicts; then the
    quantities left out, by name, and the claims the tool could not place."""
    from rich.table import Table
    from rich.text import Text

    def text(s: str, style: str = "") -> Text:
        return Text(printable(s), style=style)

    for v in views:
        console.print(Text.assemble(text(v.label, "bold"), "  ", text(v.id, "dim")))
        console.print(text("  " + _range_line(v)))
        table = Table(box=None, padding=(0, 2), show_header=True, header_style="dim")
        for col in ("source", "as written", "date", "document", "claim"):
            table.add_column(col)
        for rows, style in ((v.sources, ""), (v.cited, "dim")):
            if style and rows:
                table.add_row(text("earlier figures:", style))
            for e in rows:
                cells = (e.source, quoted(e.text), e.date, e.doc_id, e.short_id)
                table.add_row(*(text(c, style) for c in cells))
        console.print(table)
        for d in v.disagreements:
            console.print(Text.assemble(text("  disagree ", "red"), text(d)))
        for r in v.revisions:
            console.print(Text.assemble(text("  revised ", "yellow"), text(r)))
        console.print()
    lines = left_out_lines(left_out)
    for i, line in enumerate(lines):
        console.print(text(line, "dim" if i == 0 else ""))
    for line in ungrouped_lines(ungrouped):
        console.print(text(line))

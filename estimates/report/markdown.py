"""The report as Markdown: per quantity its reconciled range, sources' latest figures,
disagreements, revisions and the evidence. Article text is escaped so it cannot inject markup."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from estimates.reconcile.model import Figure, QuantityReport
from estimates.report.formatting import count, printable
from estimates.report.view import (
    SUMMARY_HEAD,
    UNGROUPED_NOTE,
    UNGROUPED_TITLE,
    Evidence,
    QuantityView,
    quantity_view,
    summary_cells,
    ungrouped_view,
)

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~$])")
"""Characters markdown (and GitHub's math) would read as markup."""
DEFAULT_TITLE = "Conflicting estimates"
LEFT_OUT = "Quantities with one claim"


def md(s: str) -> str:
    """Text with markdown's special characters backslash-escaped and kept on one line."""
    return _SPECIAL.sub(r"\\\1", " ".join(printable(s).split()))


def _cell(s: str) -> str:
    return md(s) or "–"


def _header(v: QuantityView) -> list[str]:
    unit = f" ({md(v.unit)})" if v.unit else ""
    policy = f" — policy: {md(v.policy)}" if v.policy else ""
    return [
        f"## {md(v.label)}{unit}",
        "",
        f"Quantity `{v.id.replace('`', '')}`{policy}",
        "",
        "| low | best | high |",
        "|---:|---:|---:|",
        f"| {_cell(v.low)} | {_cell(v.best)} | {_cell(v.high)} |",
        "",
    ]


def _latest(rows: Sequence[Evidence]) -> list[str]:
    out = ["### Sources (latest figure)", "", "| source | figure | date | article |"]
    out.append("|---|---:|---|---|")
    for e in rows:
        out.append(
            f"| {_cell(e.source)} | {_cell(e.figure)} | {_cell(e.date)} | {_cell(e.doc_id)} |"
        )
    return [*out, ""]


def _items(title: str, items: Sequence[str]) -> list[str]:
    if not items:
        return [f"### {title}", "", "None found.", ""]
    return [f"### {title}", "", *(f"- {md(i)}" for i in items), ""]


def _evidence(rows: Sequence[Evidence], title: str = "### Evidence") -> list[str]:
    out = [title, ""]
    for e in rows:
        where = ", ".join(md(x) for x in (e.doc_id, e.publisher, e.published) if x)
        out.append(f"- **{_cell(e.date)}** — {_cell(e.source)}: {_cell(e.figure)}  ")
        out.append(f"  “{md(e.sentence)}” ({where})")
    return [*out, ""]


def quantity_markdown(v: QuantityView, chart: str | None = None) -> str:
    """One quantity's section; `chart` is a relative path to its chart image, if any."""
    parts = _header(v)
    if chart:
        parts += [f"![{md(v.label)}]({chart.replace(' ', '%20')})", ""]
    parts += _latest(v.sources)
    parts += _items("Disagreements", v.disagreements)
    parts += _items("Revisions", v.revisions)
    parts += _evidence(v.evidence)
    return "\n".join(parts)


def summary_markdown(views: Sequence[QuantityView]) -> list[str]:
    """The summary table: one row per quantity, linked to its section."""
    out = ["| " + " | ".join(SUMMARY_HEAD) + " |", "|---" + "|---:" * (len(SUMMARY_HEAD) - 1) + "|"]
    for v in views:
        cells = " | ".join(_cell(x) for x in summary_cells(v))
        out.append(f"| [{md(v.label)}](#{heading_anchor(v)}) | {cells} |")
    return out


def heading_anchor(v: QuantityView) -> str:
    """GitHub's anchor for the quantity's '## label (unit)' heading."""
    title = f"{v.label} ({v.unit})" if v.unit else v.label
    return re.sub(r"[^\w\- ]", "", title.lower()).replace(" ", "-")


def render_markdown(
    quantities: Sequence[QuantityReport],
    *,
    title: str = DEFAULT_TITLE,
    charts: Mapping[str, str] | None = None,
    left_out: Sequence[QuantityReport] = (),
    ungrouped: Sequence[Figure] = (),
) -> str:
    """The whole report; `charts` maps quantity id -> chart image path to link; `left_out`
    quantities (one claim each) are listed by name, then the claims the tool could not place
    close it."""
    views = [quantity_view(q) for q in quantities]
    parts = [
        f"# {md(title)}",
        "",
        count(len(views), "quantity", "quantities") + ".",
        "",
    ]
    if charts and charts.get(""):
        parts += [f"![overview]({charts['']})", ""]
    if not views:
        parts.append("No quantity matches.")
    else:
        parts += [*summary_markdown(views), ""]
    for v in views:
        parts.append(quantity_markdown(v, (charts or {}).get(v.id)))
    if left_out:
        parts += [f"## {LEFT_OUT}", ""]
        parts += [f"- {md(q.label or q.id)} (`{q.id.replace('`', '')}`)" for q in left_out]
    if ungrouped:
        title = f"## {UNGROUPED_TITLE} ({len(ungrouped)})"
        parts += _evidence(ungrouped_view(ungrouped), title)[:2] + [UNGROUPED_NOTE, ""]
        parts += _evidence(ungrouped_view(ungrouped), title)[2:]
    return "\n".join(parts).rstrip() + "\n"

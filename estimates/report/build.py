"""Reports with their charts: draws the timeline and overview charts of reconciled quantities
and hands them to the Markdown or HTML renderer. The only I/O is writing the report file and
saving chart files for Markdown."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from estimates.errors import ReportError
from estimates.reconcile import model
from estimates.reconcile.model import QuantityReport

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from estimates.report.plot import Style


def timeline(q: QuantityReport, styles: Mapping[str, Style] | None = None) -> Figure | None:
    """The quantity's timeline chart; None when no claim has a date."""
    from estimates.report.plot import plot_timeline

    try:
        return plot_timeline(q, styles=styles)
    except ReportError:
        return None


def report_styles(quantities: Sequence[QuantityReport]) -> dict[str, Style]:
    """One colour and marker per source across every chart of a report."""
    from estimates.report.plot import source_names, source_styles

    charts = []
    for q in quantities:
        names = source_names(q)
        charts.append({names.get(f.source_key, f.source) for f in q.figures})
    return source_styles(charts)


def charts(quantities: Sequence[QuantityReport]) -> dict[str, Figure]:
    """quantity id -> its timeline, and '' -> the overview (when two sources disagree); a
    source has the same colour and marker in every one."""
    from estimates.report.plot import overview_quantities, plot_overview

    out: dict[str, Figure] = {}
    if overview_quantities(quantities):
        out[""] = plot_overview(quantities)
    styles = report_styles(quantities)
    for q in quantities:
        fig = timeline(q, styles)
        if fig is not None:
            out[q.id] = fig
    return out


def chart_for(quantities: Sequence[QuantityReport], name: str | None = None) -> tuple[Figure, str]:
    """The timeline of the quantity `name` (id or label words), or with no name the overview;
    and a default file name for it."""
    from estimates.report.filters import find_quantity
    from estimates.report.html import anchor
    from estimates.report.plot import plot_overview, plot_timeline

    if name is None:
        return plot_overview(quantities), "overview.png"
    q = find_quantity(quantities, name)
    return plot_timeline(q, styles=report_styles(quantities)), anchor(q.id)[2:] + ".png"


def html_report(
    quantities: Sequence[QuantityReport],
    *,
    title: str | None = None,
    with_charts: bool = True,
    left_out: Sequence[QuantityReport] = (),
    ungrouped: Sequence[model.Figure] = (),
) -> str:
    """The self-contained html report, charts embedded; `left_out` quantities are listed by
    name, then the ungrouped claims close it."""
    from estimates.report.html import DEFAULT_TITLE, figure_data_uri, render_html

    uris = {k: figure_data_uri(f) for k, f in charts(quantities).items()} if with_charts else {}
    return render_html(
        quantities,
        title=title or DEFAULT_TITLE,
        charts=uris,
        left_out=left_out,
        ungrouped=ungrouped,
    )


def markdown_report(
    quantities: Sequence[QuantityReport],
    *,
    title: str | None = None,
    chart_dir: str | Path | None = None,
    left_out: Sequence[QuantityReport] = (),
    ungrouped: Sequence[model.Figure] = (),
) -> str:
    """The markdown report; with `chart_dir`, charts are saved there as PNG and linked
    relative to the folder holding `chart_dir` (where the report file is written); the
    ungrouped claims close it."""
    from estimates.report.markdown import DEFAULT_TITLE, render_markdown

    links: dict[str, str] = {}
    if chart_dir is not None:
        links = save_charts(quantities, Path(chart_dir))
    return render_markdown(
        quantities,
        title=title or DEFAULT_TITLE,
        charts=links,
        left_out=left_out,
        ungrouped=ungrouped,
    )


def save_charts(quantities: Sequence[QuantityReport], folder: Path) -> dict[str, str]:
    """Save every chart as PNG in `folder`; quantity id -> 'folder-name/file.png'."""
    from estimates.report.html import anchor
    from estimates.report.plot import save_figure

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ReportError(f"{folder}: cannot create chart folder: {e.strerror or e}") from None
    links = {}
    for qid, fig in charts(quantities).items():
        name = "overview.png" if qid == "" else anchor(qid) + ".png"
        save_figure(fig, folder / name)
        links[qid] = f"{folder.name}/{name}"
    return links


def write_report(
    quantities: Sequence[QuantityReport],
    fmt: str,
    output: str | None,
    title: str | None = None,
    left_out: Sequence[QuantityReport] = (),
    ungrouped: Sequence[model.Figure] = (),
) -> None:
    """Write the 'html' or 'markdown' report to `output` or stdout. Markdown written to a file
    gets its charts as PNGs in a `<name>_charts/` folder beside it; on stdout it has none."""
    import sys

    from estimates.report.files import write_text

    if fmt == "html":
        page = html_report(quantities, title=title, left_out=left_out, ungrouped=ungrouped)
    else:
        charts = None if output is None else Path(output).with_name(Path(output).stem + "_charts")
        page = markdown_report(
            quantities, title=title, chart_dir=charts, left_out=left_out, ungrouped=ungrouped
        )
    if output is None:
        sys.stdout.write(page)
    else:
        write_text(output, page)

"""Reports with their charts: turns report quantities into timeline/overview figures and
hands them to the markdown or html renderer. The only I/O is saving chart files for markdown."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from estimates.report.common import ReportError, text

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure


def quantity_claims(q: Mapping[str, Any]) -> pd.DataFrame:
    """A report quantity's claims as a claims table (with its quantity id and label)."""
    import pandas as pd

    from estimates.report.tables import claim_records

    return pd.DataFrame(claim_records([q]))


def timeline(q: Mapping[str, Any]) -> Figure | None:
    """The quantity's timeline chart; None when no claim has both a date and a figure."""
    from estimates.report.plot import plot_timeline

    claims = quantity_claims(q)
    if claims.empty:
        return None
    try:
        return plot_timeline(claims, q)
    except ReportError:
        return None


def charts(quantities: Sequence[Mapping[str, Any]]) -> dict[str, Figure]:
    """quantity id -> its timeline, and '' -> the overview (when two sources disagree)."""
    import pandas as pd

    from estimates.report.plot import plot_overview
    from estimates.report.spread import overview_table
    from estimates.report.tables import quantity_records

    out: dict[str, Figure] = {}
    table = pd.DataFrame(quantity_records(quantities))
    if not overview_table(table).empty:
        out[""] = plot_overview(table)
    for q in quantities:
        fig = timeline(q)
        if fig is not None:
            out[text(q.get("id"))] = fig
    return out


def chart_for(
    quantities: Sequence[Mapping[str, Any]], name: str | None = None
) -> tuple[Figure, str]:
    """The timeline of the quantity `name` (id or label words), or with no name the overview;
    and a default file name for it."""
    import pandas as pd

    from estimates.report.data import find_quantity
    from estimates.report.html import anchor
    from estimates.report.plot import plot_overview
    from estimates.report.tables import quantity_records

    if name is None:
        return plot_overview(pd.DataFrame(quantity_records(quantities))), "overview.png"
    q = find_quantity(quantities, name)
    chart = timeline(q)
    if chart is None:
        raise ReportError(f"quantity {q['id']!r} has no dated claim to plot")
    return chart, anchor(text(q.get("id")))[2:] + ".png"


def tracker_chart(tracker: Any, name: str | None = None, policy: str | None = None) -> Figure:
    """`Tracker.plot`: a chart of the tracker's reconciled report (see `chart_for`)."""
    from estimates.reconcile.render import report_dict

    return chart_for(report_dict(tracker.report(policy))["quantities"], name)[0]


def html_report(
    quantities: Sequence[Mapping[str, Any]], *, title: str | None = None, with_charts: bool = True
) -> str:
    """The self-contained html report, charts embedded."""
    from estimates.report.html import DEFAULT_TITLE, figure_data_uri, render_html

    uris = {k: figure_data_uri(f) for k, f in charts(quantities).items()} if with_charts else {}
    return render_html(quantities, title=title or DEFAULT_TITLE, charts=uris)


def markdown_report(
    quantities: Sequence[Mapping[str, Any]],
    *,
    title: str | None = None,
    chart_dir: str | Path | None = None,
) -> str:
    """The markdown report; with `chart_dir`, charts are saved there as PNG and linked
    relative to the folder holding `chart_dir` (where the report file is written)."""
    from estimates.report.markdown import DEFAULT_TITLE, render_markdown

    links: dict[str, str] = {}
    if chart_dir is not None:
        links = save_charts(quantities, Path(chart_dir))
    return render_markdown(quantities, title=title or DEFAULT_TITLE, charts=links)


def save_charts(quantities: Sequence[Mapping[str, Any]], folder: Path) -> dict[str, str]:
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
    quantities: Sequence[Mapping[str, Any]], fmt: str, output: str | None, title: str | None = None
) -> None:
    """Write the 'html' or 'markdown' report to `output` or stdout. Markdown written to a file
    gets its charts as PNGs in a `<name>_charts/` folder beside it; on stdout it has none."""
    import sys

    if fmt == "html":
        page = html_report(quantities, title=title)
    else:
        charts = None if output is None else Path(output).with_name(Path(output).stem + "_charts")
        page = markdown_report(quantities, title=title, chart_dir=charts)
    if output is None:
        sys.stdout.write(page)
        return
    try:
        Path(output).write_text(page, encoding="utf-8")
    except OSError as e:
        raise ReportError(f"{output}: cannot write: {e.strerror or e}") from None

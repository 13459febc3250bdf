"""The report as one self-contained HTML file: inline CSS, charts embedded as base64 PNG, no
scripts, fonts or external requests. Every piece of article text goes through html.escape."""

from __future__ import annotations

import base64
import io
import re
from collections.abc import Mapping, Sequence
from html import escape
from typing import TYPE_CHECKING

from estimates.reconcile import model
from estimates.reconcile.model import QuantityReport
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

if TYPE_CHECKING:
    from matplotlib.figure import Figure

DEFAULT_TITLE = "Conflicting estimates"
CHART_DPI = 110
"""Resolution of embedded charts: sharp on screen, small enough to keep the file light."""

STYLE = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;max-width:70rem;margin:2rem auto;
padding:0 1rem;color:#222}
h1{margin-bottom:.2rem}h2{margin-top:2.5rem;border-bottom:2px solid #ddd;padding-bottom:.2rem}
table{border-collapse:collapse;margin:.5rem 0 1rem}td,th{border:1px solid #ddd;padding:.25rem .5rem;
vertical-align:top;text-align:left}th{background:#f4f4f4}td.n{text-align:right;white-space:nowrap}
.meta{color:#666}img{max-width:100%;height:auto}blockquote{margin:0;color:#333}
"""


def h(s: str) -> str:
    """Escaped text, quotes included, so it is safe in content and attribute values."""
    return escape(printable(s), quote=True)


def anchor(qid: str) -> str:
    """An id attribute value from a quantity id."""
    return "q-" + (re.sub(r"[^A-Za-z0-9_-]+", "-", qid).strip("-") or "x")


def figure_data_uri(fig: Figure) -> str:
    """A figure as a data: URI (PNG, base64) to embed in an <img>."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=CHART_DPI)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def _img(uri: str | None, alt: str) -> str:
    return f'<p><img src="{h(uri)}" alt="{h(alt)}"></p>' if uri else ""


def _link(e: Evidence) -> str:
    """The article as text, linked when its address is an http(s) URL (never javascript:)."""
    name = h(e.title or e.doc_id)
    if e.url.lower().startswith(("http://", "https://")):
        return f'<a href="{h(e.url)}">{name}</a>'
    return name


def _range(v: QuantityView) -> str:
    policy = f" <span class=meta>(policy: {h(v.policy)})</span>" if v.policy else ""
    cells = "".join(f"<td class=n>{h(x) or '–'}</td>" for x in (v.low, v.best, v.high))
    return f"<table><tr><th>low</th><th>best</th><th>high</th></tr><tr>{cells}</tr></table>{policy}"


def _latest(rows: Sequence[Evidence]) -> str:
    head = "<tr><th>source</th><th>latest figure</th><th>date</th><th>article</th></tr>"
    body = "".join(
        f"<tr><td>{h(e.source)}</td><td class=n>{h(e.figure)}</td><td>{h(e.date)}</td>"
        f"<td>{_link(e)}</td></tr>"
        for e in rows
    )
    return f"<h3>Sources</h3><table>{head}{body}</table>"


def _items(title: str, items: Sequence[str]) -> str:
    lis = "".join(f"<li>{h(i)}</li>" for i in items) or "<li class=meta>None found.</li>"
    return f"<h3>{h(title)}</h3><ul>{lis}</ul>"


def _evidence(rows: Sequence[Evidence], title: str = "Evidence") -> str:
    head = "<tr><th>date</th><th>source</th><th>figure</th><th>sentence</th><th>article</th></tr>"
    body = "".join(
        f'<tr id="c-{h(e.claim_id)}"><td>{h(e.date)}</td><td>{h(e.source)}</td>'
        f"<td class=n>{h(e.figure)}</td>"
        f"<td><blockquote>{h(e.sentence)}</blockquote></td><td>{_link(e)}<br>"
        f"<span class=meta>{h(', '.join(x for x in (e.publisher, e.published) if x))}</span>"
        f"</td></tr>"
        for e in rows
    )
    return f"<h3>{h(title)}</h3><table>{head}{body}</table>"


def ungrouped_html(figures: Sequence[model.Figure]) -> str:
    """The section listing the claims the tool could not place; "" when there are none."""
    if not figures:
        return ""
    rows = _evidence(ungrouped_view(figures), f"{len(figures)} claims")
    return (
        f'<section id="ungrouped"><h2>{h(UNGROUPED_TITLE)}</h2>'
        f"<p class=meta>{h(UNGROUPED_NOTE)}</p>{rows}</section>"
    )


def quantity_html(v: QuantityView, chart: str | None = None) -> str:
    """One quantity's section; `chart` is a data: URI of its timeline."""
    unit = f" <span class=meta>({h(v.unit)})</span>" if v.unit else ""
    return (
        f'<section id="{anchor(v.id)}"><h2>{h(v.label)}{unit}</h2>'
        f"<p class=meta>quantity {h(v.id)}</p>{_range(v)}{_img(chart, v.label)}"
        f"{_latest(v.sources)}{_items('Disagreements', v.disagreements)}"
        f"{_items('Revisions', v.revisions)}{_evidence(v.evidence)}</section>"
    )


def summary_table(views: Sequence[QuantityView]) -> str:
    """One row per quantity, linked to its section: range, best, sources, spread, conflicts."""
    head = "".join(f"<th>{x}</th>" for x in SUMMARY_HEAD)
    rows = "".join(
        f'<tr><td><a href="#{anchor(v.id)}">{h(v.label)}</a></td>'
        + "".join(f"<td class=n>{h(x)}</td>" for x in summary_cells(v))
        + "</tr>"
        for v in views
    )
    return f"<table><tr>{head}</tr>{rows}</table>"


def render_html(
    quantities: Sequence[QuantityReport],
    *,
    title: str = DEFAULT_TITLE,
    charts: Mapping[str, str] | None = None,
    left_out: Sequence[QuantityReport] = (),
    ungrouped: Sequence[model.Figure] = (),
) -> str:
    """The whole report page; `charts` maps quantity id -> data: URI ('' for the overview);
    `left_out` quantities (one claim each) are listed by name, then the claims the tool could
    not place close it."""
    charts = charts or {}
    views = [quantity_view(q) for q in quantities]
    toc = summary_table(views) if views else ""
    body = "".join(quantity_html(v, charts.get(v.id)) for v in views)
    if left_out:
        names = "".join(f"<li>{h(q.label or q.id)} <span class=meta>{h(q.id)}</span></li>"
                        for q in left_out)  # fmt: skip
        body += f"<h2>Quantities with one claim</h2><ul>{names}</ul>"
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{h(title)}</title><style>{STYLE}</style></head><body>"
        f"<h1>{h(title)}</h1><p class=meta>{count(len(views), 'quantity', 'quantities')}</p>"
        f"{_img(charts.get(''), 'where sources disagree most')}"
        f"<nav>{toc}</nav>{body or '<p>No quantity matches.</p>'}{ungrouped_html(ungrouped)}"
        "</body></html>\n"
    )

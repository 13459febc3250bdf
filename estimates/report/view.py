"""What a report shows about one quantity, as plain (unescaped) strings: the markdown and
html renderers only add markup, so both always carry the same content."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from estimates.report.common import claim_date, figure, source_name, text
from estimates.report.intervals import number

QUALIFIER_WORDS = {
    "approx": "about ",
    "at_least": "at least ",
    "more_than": "more than ",
    "at_most": "at most ",
    "less_than": "less than ",
}
"""How a claim's qualifier reads in front of its figure in a report (exact reads bare)."""

SUMMARY_KEYS = ("summary", "text", "description", "message")
"""Keys of a disagreement or revision record that already hold a sentence for readers."""


@dataclass(frozen=True)
class Evidence:
    """One claim as evidence: when, who, what figure, the sentence and where it was printed."""

    date: str
    source: str
    figure: str
    sentence: str
    doc_id: str
    publisher: str
    published: str
    title: str
    url: str


@dataclass(frozen=True)
class QuantityView:
    """One quantity's section of a report."""

    id: str
    label: str
    unit: str
    low: str
    best: str
    high: str
    policy: str
    latest: tuple[Evidence, ...]  # each source's latest figure
    disagreements: tuple[str, ...]
    revisions: tuple[str, ...]
    evidence: tuple[Evidence, ...]  # every claim, oldest first
    spread: str = ""  # highest source figure ÷ lowest, e.g. '×1.2'; '' with one source


def claim_figure(row: Mapping[str, Any], quantity_unit: str = "") -> str:
    """'about 10,000', 'at least 3,000', '11,000–12,000'; the unit only when it is a measure
    unlike the quantity's own (a counted noun or the quantity's unit is in its heading)."""
    lo, hi = number(row.get("low")), number(row.get("high"))
    if lo is not None and hi is not None:
        core = f"{figure(lo)}–{figure(hi)}"
    else:
        core = QUALIFIER_WORDS.get(text(row.get("qualifier")), "") + figure(row.get("value"))
    change = {"up": "up ", "down": "down "}.get(text(row.get("change")), "")
    unit = text(row.get("unit"))
    shown = unit if unit != quantity_unit and text(row.get("kind")) != "count" else ""
    return f"{change}{core} {shown}".strip()


def who(row: Mapping[str, Any]) -> str:
    """The source's name, with the speaker beside it when the speaker says more:
    'South Korea (South Korea's spy agency)', but 'port authority' for 'The port authority'."""
    speaker, name = text(row.get("source")), source_name(row)
    bare = speaker.casefold().removeprefix("the ")
    return f"{name} ({speaker})" if speaker and bare != name.casefold() else name


def evidence(row: Mapping[str, Any], quantity_unit: str = "") -> Evidence:
    """One claim row as evidence for readers."""
    return Evidence(
        date=claim_date(row),
        source=who(row),
        figure=claim_figure(row, quantity_unit),
        sentence=" ".join(text(row.get("sentence")).split()),
        doc_id=text(row.get("doc_id")),
        publisher=text(row.get("publisher")),
        published=text(row.get("published"))[:10],
        title=text(row.get("title")),
        url=text(row.get("url")),
    )


def describe(item: Any) -> str:
    """A disagreement or revision record as one line for readers."""
    if isinstance(item, Mapping):
        for key in SUMMARY_KEYS:
            if text(item.get(key)):
                return text(item[key])
        return "; ".join(f"{k}: {_value(v)}" for k, v in item.items() if v not in (None, ""))
    if isinstance(item, list | tuple):
        return ", ".join(_value(v) for v in item)
    return text(item)


def _value(v: Any) -> str:
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, int | float):
        return figure(v)
    if isinstance(v, Mapping | list | tuple):
        return describe(v)
    return text(v)


def latest_figures(
    q: Mapping[str, Any], rows: Sequence[Mapping[str, Any]], unit: str
) -> tuple[Evidence, ...]:
    """Each source's latest claim: the reconciler's independent sources when the record has
    them (relays merged), else the latest claim of each source name."""
    by_id = {text(r.get("claim_id")): r for r in rows}
    sources = q.get("sources")
    if sources:
        picked = [
            (text(s.get("name")), by_id.get(text((s.get("latest") or {}).get("claim_id"))))
            for s in sources
        ]
        out = [replace(evidence(r, unit), source=name or source_name(r)) for name, r in picked if r]
    else:
        latest = {source_name(r): r for r in sorted(rows, key=claim_date)}
        out = [evidence(r, unit) for r in latest.values()]
    return tuple(sorted(out, key=lambda e: e.source.casefold()))


SUMMARY_HEAD = ("quantity", "low–high", "best", "sources", "spread", "disagree", "revised")
"""Columns of the summary table at the top of a report."""


def summary_cells(v: QuantityView) -> tuple[str, ...]:
    """A quantity's summary row after its label (see SUMMARY_HEAD)."""
    unit = f" {v.unit}" if v.unit else ""
    if v.high == OPEN:
        span = f"at least {v.low}"
    elif v.low == OPEN:
        span = f"at most {v.high}"
    else:
        span = v.low if v.low == v.high else f"{v.low}–{v.high}"
    return (
        f"{span}{unit}" if v.low or v.high else "",
        v.best,
        str(len(v.latest)),
        v.spread,
        str(len(v.disagreements)),
        str(len(v.revisions)),
    )


def quantity_view(q: Mapping[str, Any]) -> QuantityView:
    """The report section of one quantity record (id, label, unit, low/best/high, policy,
    disagreements, revisions, claims)."""
    rows: Sequence[Mapping[str, Any]] = q.get("claims") or []
    unit = text(q.get("unit"))
    ev = tuple(sorted((evidence(r, unit) for r in rows), key=lambda e: (e.date, e.source)))
    return QuantityView(
        id=text(q.get("id")),
        label=text(q.get("label")) or text(q.get("id")),
        unit=unit,
        low=_end(q.get("low"), q.get("high")),
        best=figure(q.get("best")),
        high=_end(q.get("high"), q.get("low")),
        policy=text(q.get("policy")),
        latest=latest_figures(q, rows, unit),
        disagreements=tuple(describe(d) for d in q.get("disagreements") or []),
        revisions=tuple(describe(r) for r in q.get("revisions") or []),
        evidence=ev,
        spread=_spread(q.get("spread")),
    )


OPEN = "open"
"""Shown for a missing end of a reconciled range whose other end is known (only bounds)."""


def _end(v: Any, other: Any) -> str:
    return figure(v) or (OPEN if number(other) is not None else "")


def _spread(v: Any) -> str:
    f = number(v)
    return "" if f is None else f"×{f:.2g}" if f < 10 else f"×{figure(round(f))}"

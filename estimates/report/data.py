"""Where reports get their data: the ledger's reconciled quantities, as plain dicts."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from estimates.report.common import ReportError, text

if TYPE_CHECKING:
    from estimates.report.filters import Filters

MAX_CANDIDATES = 6
"""How many matching quantities an ambiguous name lists, to keep the error on one line."""


def find_quantity(quantities: Sequence[Mapping[str, Any]], name: str) -> Mapping[str, Any]:
    """The quantity whose id is `name`, else the only one whose label or id contains it (or
    the only one whose label has it as whole words)."""
    exact = [q for q in quantities if text(q.get("id")) == name]
    if exact:
        return exact[0]
    needle = name.casefold()
    hits = [
        q
        for q in quantities
        if needle in text(q.get("label")).casefold() or needle in text(q.get("id")).casefold()
    ]
    whole = re.compile(rf"\b{re.escape(needle)}\b")
    words = [q for q in hits if whole.search(text(q.get("label")).casefold())]
    if len(hits) == 1 or len(words) == 1:
        return hits[0] if len(hits) == 1 else words[0]
    if not hits:
        raise ReportError(f"no quantity matches {name!r} (see `estimates report` for the ids)")
    ids = ", ".join(text(q.get("id")) for q in hits[:MAX_CANDIDATES])
    more = ", ..." if len(hits) > MAX_CANDIDATES else ""
    raise ReportError(f"{len(hits)} quantities match {name!r}: {ids}{more}; give an id")


def load_report(
    db: str,
    lexicon_dirs: Sequence[str] = (),
    policy: str | None = None,
    quantities_file: str | None = None,
    filters: Filters | None = None,
) -> list[dict[str, Any]]:
    """Every quantity of the ledger at `db`, reconciled and filtered, as JSON-ready dicts (id,
    label, unit, low, best, high, policy, sources, disagreements, revisions, claims)."""
    from estimates.reconcile.render import report_dict
    from estimates.report.filters import Filters, filter_report
    from estimates.tracker import Tracker

    if not Path(db).is_file():
        raise ReportError(f"no ledger at {db}: add articles first (estimates add PATH)")
    with Tracker(db, lexicon_dirs=lexicon_dirs, quantities=quantities_file) as t:
        kwargs = {"policy": policy} if policy else {}
        report = filter_report(t.report(**kwargs), filters or Filters())
    return list(report_dict(report)["quantities"])

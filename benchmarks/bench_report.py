"""Benchmark: charts, html/markdown reports and exports for many synthetic quantities.

Builds report records (the shape `estimates report --format json` gives) without a ledger, so
only the report stage is timed. Prints seconds per step.
Usage: python benchmarks/bench_report.py [N_QUANTITIES] [CLAIMS_PER_QUANTITY]
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from datetime import date, timedelta
from functools import partial
from pathlib import Path

from estimates.report.build import charts, html_report, markdown_report
from estimates.report.export import export_rows, write_export
from estimates.report.tables import claim_records, quantity_records

QUALIFIERS = ("exact", "approx", "at_least", "at_most")


def synthetic(n: int, per: int, seed: int = 11) -> list[dict]:
    """`n` quantities of `per` claims from 8 sources over a year, with planted markup."""
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        base = rnd.choice((50, 3000, 120000))
        claims = [
            {
                "claim_id": f"q{i}c{j}",
                "doc_id": f"doc-{i}-{j}",
                "value": float(round(base * rnd.uniform(0.5, 2.0))),
                "qualifier": rnd.choice(QUALIFIERS),
                "source": f"Agency {rnd.randrange(8)}",
                "date": (date(2024, 1, 1) + timedelta(days=rnd.randrange(365))).isoformat(),
                "publisher": "Wire",
                "sentence": f"Agency said <b>{base}</b> people = many.",
            }
            for j in range(per)
        ]
        q = {"id": f"q{i}", "label": f"Quantity {i}", "unit": "person", "policy": "median-latest"}
        out.append({**q, "low": base, "best": base, "high": base * 2, "claims": claims})
    return out


def timed(label: str, fn) -> None:
    t0 = time.perf_counter()
    fn()
    print(f"{label:<28} {time.perf_counter() - t0:8.2f} s")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    per = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    qs = synthetic(n, per)
    print(f"{n} quantities x {per} claims")
    with tempfile.TemporaryDirectory() as tmp:
        timed("charts (timeline each)", lambda: charts(qs))
        timed("html report", lambda: Path(tmp, "r.html").write_text(html_report(qs)))
        timed("markdown, charts saved", lambda: markdown_report(qs, chart_dir=Path(tmp, "c")))
        for table, rows in (("claims", claim_records(qs)), ("quantities", quantity_records(qs))):
            header, cells = export_rows(table, rows)
            for suffix in ("csv", "xlsx"):
                out = f"{tmp}/{table}.{suffix}"
                timed(f"export {table} {suffix}", partial(write_export, table, header, cells, out))


if __name__ == "__main__":
    main()

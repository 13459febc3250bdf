"""Benchmark: charts, html/markdown reports and exports for many synthetic quantities; and
reconciling one document of thousands of claims.

Builds the reconciler's records from synthetic claims without a ledger or grouping, so only
reconciling one quantity at a time and the report stage are timed. Prints seconds per step.
Then extracts and reconciles single documents of ONE_DOCUMENT sentences (two figures each),
the case that grew with the square of the claims (issue 14), and prints seconds per size.
Usage: python benchmarks/bench_report.py [N_QUANTITIES] [CLAIMS_PER_QUANTITY]
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from estimates.claims.model import Claim
from estimates.reconcile.grouping import Group
from estimates.reconcile.model import QuantityReport
from estimates.reconcile.reconcile import reconcile, source_keys
from estimates.report.build import charts, html_report, markdown_report
from estimates.report.export import export_frame
from estimates.report.frames import claims_frame, quantities_frame

QUALIFIERS = ("exact", "approx", "at_least", "at_most")


def synthetic(n: int, per: int, seed: int = 11) -> list[QuantityReport]:
    """`n` quantities of `per` claims from 8 sources over a year, with planted markup."""
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        base = rnd.choice((50, 3000, 120000))
        claims = []
        for j in range(per):
            day = (date(2024, 1, 1) + timedelta(days=rnd.randrange(365))).isoformat()
            value = float(round(base * rnd.uniform(0.5, 2.0)))
            sentence = f"Agency said <b>{value:.0f}</b> people = many."
            claims.append(
                Claim(
                    f"doc-{i}-{j}",
                    f"q{i}c{j}",
                    16,
                    16 + len(f"{value:.0f}"),
                    f"{value:.0f}",
                    sentence,
                    value,
                    None,
                    None,
                    rnd.choice(QUALIFIERS),
                    None,
                    "person",
                    "count",
                    source=f"Agency {rnd.randrange(8)}",
                    claimed_at=day,
                    published=day,
                    publisher="Wire",
                )  # fmt: skip
            )
        group = Group(f"q{i}", f"Quantity {i}", tuple(c.claim_id for c in claims))
        out.append(reconcile(group, claims, source_keys(claims), "median-latest"))
    return out


def timed(label: str, fn: Callable[[], object]) -> None:
    t0 = time.perf_counter()
    fn()
    print(f"{label:<28} {time.perf_counter() - t0:8.2f} s")


ONE_DOCUMENT = (1_000, 2_000, 4_000)
"""Sentences in the one-document runs: the largest holds 8,000 figures, near the extractor's
limit of 10,000 numbers per document."""


def one_document(sentences: int) -> None:
    """Extract and reconcile one document of `sentences` sentences of two figures each."""
    from estimates.claims import extract_claims
    from estimates.documents import Document
    from estimates.lexicon import load_lexicon
    from estimates.reconcile.reconcile import build_report

    rnd = random.Random(sentences)
    text = " ".join(
        f"Officials said {rnd.randrange(100, 9000):,} troops crossed near post {i}."
        for i in range(sentences)
    )
    lexicon = load_lexicon()
    doc = Document(id="one", text=text, published="2024-03-01")
    t0 = time.perf_counter()
    claims = extract_claims(doc, lexicon)
    t1 = time.perf_counter()
    build_report(claims, lexicon, texts={"one": text})
    t2 = time.perf_counter()
    print(
        f"one document, {len(claims):>6,} claims: extract {t1 - t0:6.2f} s, "
        f"reconcile {t2 - t1:6.2f} s"
    )


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    per = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    t0 = time.perf_counter()
    qs = synthetic(n, per)
    print(f"{n} quantities x {per} claims (reconciled in {time.perf_counter() - t0:.2f} s)")
    with tempfile.TemporaryDirectory() as tmp:
        timed("charts (timeline each)", lambda: charts(qs))
        timed("html report", lambda: Path(tmp, "r.html").write_text(html_report(qs)))
        timed("markdown, charts saved", lambda: markdown_report(qs, chart_dir=Path(tmp, "c")))
        for table, build in (("claims", claims_frame), ("quantities", quantities_frame)):
            frame = build(qs)
            for suffix in ("csv", "xlsx"):
                out = f"{tmp}/{table}.{suffix}"
                timed(
                    f"export {table} {suffix}",
                    lambda t=table, f=frame, o=out: export_frame(t, f, o),
                )
    for sentences in ONE_DOCUMENT:
        one_document(sentences)


if __name__ == "__main__":
    main()

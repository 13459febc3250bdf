"""Benchmark: store 100,000 synthetic claims in a fresh ledger, read them back, reconcile them.

Prints seconds per step. Usage: python benchmarks/bench_ledger.py [N_CLAIMS]
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from estimates.claims import EXTRACTOR_VERSION, Claim
from estimates.claims.pipeline import claim_id
from estimates.documents import Document
from estimates.ledger import Ledger
from estimates.lexicon import load_lexicon
from estimates.reconcile.reconcile import build_report

CLAIMS_PER_DOC = 10
NOUNS = ("troops", "soldiers", "containers", "protesters", "drones", "tanks", "shells", "ships")
PLACES = ("Russia", "Kursk", "Ukraine", "Libya", "Derna", "Hong Kong", "Seoul", "Gaza")
SOURCES = tuple(f"Agency {i}" for i in range(40))
QUALIFIERS = ("exact", "approx", "at_least", "at_most")


def synthetic(n_claims: int, seed: int = 7) -> list[tuple[Document, list[Claim]]]:
    """Documents of CLAIMS_PER_DOC sentences, each with one counted figure, source and date."""
    rnd = random.Random(seed)
    start = date(2024, 1, 1)
    batch = []
    for d in range(n_claims // CLAIMS_PER_DOC):
        doc_id = f"doc-{d}"
        published = (start + timedelta(days=rnd.randrange(365))).isoformat()
        sentences, claims, pos = [], [], 0
        for _ in range(CLAIMS_PER_DOC):
            noun, place = rnd.choice(NOUNS), rnd.choice(PLACES)
            value = rnd.choice((1, 2, 5, 10, 11, 12)) * 1000
            text = f"{value:,} {noun}"
            sentence = f"About {text} are now in {place}, officials said."
            s0 = pos + sentence.index(text)
            claims.append(
                Claim(
                    doc_id=doc_id,
                    claim_id=claim_id(doc_id, s0, s0 + len(text), text),
                    start=s0,
                    end=s0 + len(text),
                    text=text,
                    sentence=sentence,
                    value=float(value),
                    low=None,
                    high=None,
                    qualifier=rnd.choice(QUALIFIERS),
                    change=None,
                    unit=noun.rstrip("s"),
                    kind="count",
                    source=rnd.choice(SOURCES),
                    claimed_at=published,
                    published=published,
                    publisher="Bench Wire",
                )  # fmt: skip
            )
            sentences.append(sentence)
            pos += len(sentence) + 1
        doc = Document(id=doc_id, text=" ".join(sentences), publisher="Bench Wire",
                       published=published)  # fmt: skip
        batch.append((doc, claims))
    return batch


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    batch = synthetic(n)
    lexicon = load_lexicon()
    with tempfile.TemporaryDirectory() as tmp, Ledger(Path(tmp) / "bench.db") as ledger:
        t0 = time.perf_counter()
        result = ledger.store(batch, EXTRACTOR_VERSION)
        t1 = time.perf_counter()
        claims = ledger.claims()
        t2 = time.perf_counter()
        report = build_report(claims, lexicon)
        t3 = time.perf_counter()
    print(f"claims: {result.claims:,} in {len(result.added):,} documents")
    print(f"ingest (store in one transaction): {t1 - t0:.2f} s")
    print(f"read back from the ledger: {t2 - t1:.2f} s")
    print(f"reconcile ({len(report.quantities)} quantities): {t3 - t2:.2f} s")


if __name__ == "__main__":
    main()

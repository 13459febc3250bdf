"""Benchmark: what adding 27 articles costs in an empty ledger and in one of 10,000 documents.

    python benchmarks/bench_incremental.py            # 27 articles, background of 10,000 documents
    python benchmarks/bench_incremental.py 2000       # another background size

The 27 articles are story-shaped documents as bench_ledger.py makes them (one event, a few
weeks of coverage, ten figures each), written as JSON files and read, extracted and stored by
`Tracker.add`, as `estimates add` does. The background ledger holds bench_ledger's synthetic
documents of other stories, stored directly (no extraction: only its size matters here), and
has been reported on once, as a ledger in use has: it keeps its documents' features and its
stories' names (reconcile/kept.py), so the report after the add works those out again only
for the new articles.

What a user waits for after an add is `estimates add FILES && estimates report`: the add
itself, then the report over the whole ledger. Each is timed in a process of its own (the
report as a second run of the command would, with no state but the ledger file), in wall-clock
seconds, with the 1-minute load average (the machine may be shared); the ratio is the
10,000-document time over the empty one.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench_ledger import load, synthetic

from estimates.claims import EXTRACTOR_VERSION
from estimates.ledger import Ledger

ARTICLES = 27
BACKGROUND_DOCS = 10_000
CLAIMS_PER_DOC = 10


def articles(folder: Path) -> list[Path]:
    """ARTICLES story-shaped documents as JSON files (their own seed: a story of their own)."""
    paths = []
    for doc, _ in synthetic(ARTICLES * CLAIMS_PER_DOC, seed=2027):
        path = folder / f"new-{doc.id}.json"
        record = {"id": f"new-{doc.id}", "title": doc.title, "text": doc.text}
        record |= {"publisher": doc.publisher, "published": doc.published}
        path.write_text(json.dumps(record), encoding="utf-8")
        paths.append(path)
    return paths


def timed(step: str, db: Path, paths: list[Path]) -> float:
    """Seconds of one step ("add" or "report") run in a child process of its own."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        from estimates.tracker import Tracker

        t0 = time.perf_counter()
        with Tracker(db) as t:
            if step == "add":
                t.add(paths)
            else:
                t.report()
        os.write(write, f"{time.perf_counter() - t0:.6f}".encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as r:
        out = r.read()
    os.waitpid(pid, 0)
    return float(out)


def main() -> None:
    docs = int(sys.argv[1]) if len(sys.argv) > 1 else BACKGROUND_DOCS
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = articles(folder)
        empty, full = folder / "empty.db", folder / "full.db"
        Ledger(empty).close()
        with Ledger(full) as ledger:
            ledger.store(synthetic(docs * CLAIMS_PER_DOC), EXTRACTOR_VERSION)
        timed("report", full, [])  # reported once (what it keeps), and the disk cache warm
        before = load()
        rows = []
        for name, db in (("empty", empty), (f"{docs:,} documents", full)):
            work = folder / f"work-{db.name}"
            shutil.copy(db, work)
            add = timed("add", work, paths)
            report = timed("report", work, [])
            rows.append((name, add, report))
        print(f"{ARTICLES} articles added into a ledger of:")
        for name, add, report in rows:
            both = add + report
            print(
                f"  {name:>18}: add {add:6.2f} s, then report {report:6.2f} s, both {both:6.2f} s"
            )
        (_, a0, r0), (_, a1, r1) = rows
        print(f"ratio: add {a1 / a0:.2f}, add then report {(a1 + r1) / (a0 + r0):.2f}")
        print(f"load {before:.2f} -> {load():.2f}")


if __name__ == "__main__":
    main()

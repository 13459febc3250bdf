"""Benchmark: store synthetic claims in a fresh ledger, read them back, reconcile them; and how
reconciling grows with the claims.

    python benchmarks/bench_ledger.py                  # 100,000 claims: store, read, reconcile
    python benchmarks/bench_ledger.py 250000           # another size
    python benchmarks/bench_ledger.py --growth         # reconcile 10k, 100k and 1M claims

The claims come from documents of stories as an archive has them: each story an event in a
made-up place (an earthquake, a flood, a cyclone ...) over a few weeks, STORY_DOCS documents of
CLAIMS_PER_DOC sentences, each sentence one figure (killed, injured, displaced, houses
destroyed, in one of the story's districts) from one of the story's sources, the figures varied
around the story's own. Reconciling is `build_report` with the documents' texts, as
`Tracker.report` runs it; the figures are wall-clock and CPU seconds of this process, with the
1-minute load average before and after (the machine may be shared).
"""

from __future__ import annotations

import os
import random
import resource
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
STORY_DOCS = 50
"""Documents per story: a few weeks of an event's coverage by a handful of outlets."""
GROWTH = (10_000, 100_000, 1_000_000)

EVENTS = ("earthquake", "flood", "cyclone", "wildfire", "landslide", "outbreak", "eruption")
SYLLABLES = ("var", "nos", "kel", "tra", "mir", "dun", "sal", "bor", "ven", "lio", "ash", "ket",
             "rom", "pel", "zan", "gor", "hil", "tes", "ula", "cor")  # fmt: skip
MEASURES = (  # (sentence with {n} the figure, {p} the district; counted noun; unit; base figure)
    ("at least {n} people were killed in {p}", "people", "person", 800),
    ("{n} people were injured in {p}", "people", "person", 3000),
    ("about {n} people were displaced in {p}", "people", "person", 40000),
    ("{n} houses were destroyed in {p}", "houses", "house", 12000),
    ("rescuers reached {n} villages in {p}", "villages", "village", 60),
)
VOICES = ("{s} said", "according to {s}", "{s} reported on its website", "{s} told reporters")
AGENCIES = ("the health ministry", "the interior ministry", "the Red Crescent", "the UN office",
            "the provincial governor", "the civil defence agency", "the army", "the mayor's "
            "office", "local officials", "the World Health Organization")  # fmt: skip
OUTLETS = tuple(f"{w} {kind}" for w in ("Harbor", "Meridian", "Northern", "Pacific", "Valley")
                for kind in ("Wire", "Post", "Courier", "Dispatch"))  # fmt: skip


def _name(rnd: random.Random, parts: int = 2) -> str:
    return "".join(rnd.choice(SYLLABLES) for _ in range(parts)).capitalize()


def synthetic(n_claims: int, seed: int = 7) -> list[tuple[Document, list[Claim]]]:
    """Documents of stories (see the module docstring) holding `n_claims` claims."""
    rnd = random.Random(seed)
    batch: list[tuple[Document, list[Claim]]] = []
    n_docs = max(1, n_claims // CLAIMS_PER_DOC)
    for s in range(0, n_docs, STORY_DOCS):
        place, event = _name(rnd, 3), rnd.choice(EVENTS)
        districts = [_name(rnd, 3) for _ in range(3)]
        sources = [a.replace("the ", f"the {place} ", 1) for a in rnd.sample(AGENCIES, 4)]
        sources += rnd.sample(AGENCIES, 1)
        scale = rnd.choice((0.1, 0.5, 1, 2, 5))
        start = date(2015, 1, 1) + timedelta(days=rnd.randrange(3650))
        for d in range(s, min(s + STORY_DOCS, n_docs)):
            day = start + timedelta(days=rnd.randrange(40))
            doc_id, outlet = f"doc-{d}", rnd.choice(OUTLETS)
            title = f"{place} {event}: {rnd.choice(districts)} counts its losses"
            sentences, claims, pos = [], [], 0
            for _ in range(CLAIMS_PER_DOC):
                form, noun, unit, base = rnd.choice(MEASURES)
                value = max(
                    1, int(round(base * scale * rnd.uniform(0.6, 1.4), -1 if base > 100 else 0))
                )
                text, source = f"{value:,} {noun}", rnd.choice(sources)
                where = rnd.choice(districts) + rnd.choice(("", f", {place}"))
                body = form.format(n=f"{value:,}", p=where)
                sentence = f"{body[0].upper()}{body[1:]}, {rnd.choice(VOICES).format(s=source)}."
                s0 = pos + sentence.index(text)
                claims.append(
                    Claim(
                        doc_id=doc_id, claim_id=claim_id(doc_id, s0, s0 + len(text), text),
                        start=s0, end=s0 + len(text), text=text, sentence=sentence,
                        value=float(value), low=None, high=None,
                        qualifier="at_least" if "at least" in body else "exact", change=None,
                        unit=unit, kind="count", source=source,
                        claimed_at=day.isoformat(), claimed_at_precision="day",
                        published=day.isoformat(), publisher=outlet, title=title,
                    )
                )  # fmt: skip
                sentences.append(sentence)
                pos += len(sentence) + 1
            text = " ".join(sentences)
            doc = Document(id=doc_id, text=text, title=title, publisher=outlet,
                           published=day.isoformat())  # fmt: skip
            batch.append((doc, claims))
    return batch


def load() -> float:
    return os.getloadavg()[0]


def reconcile(n: int) -> None:
    """Reconcile `n` claims (no ledger) and print one line of figures."""
    batch = synthetic(n)
    claims = [c for _, cs in batch for c in cs]
    texts = {d.id: d.text for d, _ in batch}
    del batch
    lexicon = load_lexicon()
    build_report(claims[:50], lexicon, texts=texts)  # imports and lexicon compiled first
    before, t0, c0 = load(), time.perf_counter(), time.process_time()
    report = build_report(claims, lexicon, texts=texts)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6
    print(
        f"{n:>9,} claims  {len(report.stories):>6,} stories  {len(report.quantities):>7,} "
        f"quantities  reconcile {wall:7.1f} s wall {cpu:7.1f} s CPU  "
        f"{1000 * cpu / n:.3f} ms CPU/claim  peak {peak:.2f} GB  load {before:.2f} -> {load():.2f}",
        flush=True,
    )


def main() -> None:
    args = sys.argv[1:]
    if args == ["--growth"]:
        for n in GROWTH:  # each size in a process of its own, so peaks are its own
            pid = os.fork()
            if pid == 0:
                reconcile(n)
                os._exit(0)
            os.waitpid(pid, 0)
        return
    n = int(args[0]) if args else 100_000
    batch = synthetic(n)
    lexicon = load_lexicon()
    with tempfile.TemporaryDirectory() as tmp, Ledger(Path(tmp) / "bench.db") as ledger:
        t0 = time.perf_counter()
        result = ledger.store(batch, EXTRACTOR_VERSION)
        t1 = time.perf_counter()
        claims = ledger.claims()
        texts = ledger.texts()
        t2 = time.perf_counter()
        report = build_report(claims, lexicon, texts=texts)
        t3 = time.perf_counter()
    print(f"claims: {result.claims:,} in {len(result.added):,} documents")
    print(f"ingest (store in one transaction): {t1 - t0:.2f} s")
    print(f"read back from the ledger: {t2 - t1:.2f} s")
    print(f"reconcile ({len(report.quantities)} quantities, {len(report.stories)} stories): "
          f"{t3 - t2:.2f} s")  # fmt: skip


if __name__ == "__main__":
    main()

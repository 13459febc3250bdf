"""Extraction speed: sentences per second on NewsQuant, seconds per 1,000 typical articles.

Single process, built-in lexicon, patterns compiled before the clock starts.

    python benchmarks/bench_extract.py [NEWSQUANT_JSON] [--articles DIR] [--repeat N]

NEWSQUANT_JSON defaults to ../shared/benchmarks/newsquant/NewsQuant.json (a JSON list of
{"text": ...}); the articles default to the repo's data/ folder (*.txt, *.json).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_NEWSQUANT = ROOT.parent / "shared" / "benchmarks" / "newsquant" / "NewsQuant.json"
TARGET_SENTENCES_PER_SECOND = 2000
"""The speed the issue asks for on NewsQuant sentences."""


def load_sentences(path: Path) -> list[str]:
    """NewsQuant sentences, or exit with one clear line when the file is missing or bad."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return [str(item["text"]) for item in data]
    except FileNotFoundError:
        sys.exit(f"bench_extract: {path}: not found (pass the NewsQuant.json path)")
    except (OSError, ValueError, KeyError, TypeError) as e:
        sys.exit(f"bench_extract: {path}: not a NewsQuant JSON list ({e})")


def load_articles(folder: Path) -> list[str]:
    """Bodies of the articles in `folder` (.txt header lines are part of the text)."""
    texts = []
    for p in sorted(folder.glob("*")):
        if p.suffix == ".txt":
            texts.append(p.read_text(encoding="utf-8"))
        elif p.suffix == ".json":
            try:
                texts.append(str(json.loads(p.read_text(encoding="utf-8"))["text"]))
            except (ValueError, KeyError, TypeError):
                continue
    return texts


def timed(texts: list[str], repeat: int, stage: str = "all") -> tuple[float, float]:
    """Wall-clock and CPU seconds to extract claims from every text, `repeat` times over, best
    run of each (the CPU figure holds on a machine shared with other work).

    stage "all" runs the whole pipeline (`extract_claims`); "find" only the quantity finder
    (numbers, units, qualifiers, ranges, changes, filters), before attribution and dating.
    """
    from estimates.claims import extract_claims
    from estimates.claims.quantities import find_quantities
    from estimates.documents.model import Document
    from estimates.lexicon import load_lexicon

    lex = load_lexicon()
    docs = [Document(id=f"b{i}", text=t, published="2024-01-01") for i, t in enumerate(texts)]
    extract_claims(docs[0], lex)  # compile patterns and warm caches outside the clock
    best, best_cpu = float("inf"), float("inf")
    for _ in range(repeat):
        start, cpu = time.perf_counter(), time.process_time()
        for d in docs:
            if stage == "find":
                find_quantities(d.text, lex)
            else:
                extract_claims(d, lex)
        best = min(best, time.perf_counter() - start)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    return best, best_cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("newsquant", nargs="?", default=str(DEFAULT_NEWSQUANT))
    ap.add_argument("--articles", default=str(ROOT / "data"))
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    sentences = load_sentences(Path(a.newsquant))
    for stage, label in (("all", "whole pipeline"), ("find", "quantity finder only")):
        secs, cpu = timed(sentences, a.repeat, stage)
        rate = len(sentences) / secs
        verdict = "meets" if rate >= TARGET_SENTENCES_PER_SECOND else "below"
        print(
            f"NewsQuant, {label}: {len(sentences)} sentences in {secs:.3f}s = "
            f"{rate:,.0f} sentences/s ({verdict} the {TARGET_SENTENCES_PER_SECOND:,}/s target); "
            f"CPU {cpu:.3f}s = {len(sentences) / cpu:,.0f} sentences/s"
        )
    articles = load_articles(Path(a.articles))
    if not articles:
        print(f"articles: none found in {a.articles}")
        return
    secs, cpu = timed(articles, a.repeat)
    chars = sum(len(t) for t in articles) / len(articles)
    print(
        f"articles: {len(articles)} (mean {chars:,.0f} chars) in {secs:.3f}s = "
        f"{1000 * secs / len(articles):.2f}s per 1,000 articles "
        f"(CPU {1000 * cpu / len(articles):.2f}s)"
    )


if __name__ == "__main__":
    main()

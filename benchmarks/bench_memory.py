"""Peak memory of `estimates add` on inputs near the size limit; prints MB and seconds per input.

Each input is written to a temporary folder and added to a fresh ledger in a child process run
under /usr/bin/time -v (its "Maximum resident set size" is the figure), so every library the
command loads counts. The budget is 500 MB for any accepted input (issue 14).

    python benchmarks/bench_memory.py                    # 48 MB inputs: takes several minutes
    python benchmarks/bench_memory.py --mb 5 --only jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

BUDGET_MB = 500

NOUNS = ("troops", "soldiers", "containers", "protesters", "drones", "tanks", "shells", "ships")
PLACES = ("the north", "the capital", "the border region", "the port", "the valley")
SOURCES = ("the ministry", "a regional governor", "the coast guard", "an aid agency")
TEMPLATES = (
    "About {n:,} {noun} were sent to {place} on Monday, {source} said.",
    "{source_cap} put the figure at more than {n:,} {noun} in {place}.",
    "Between {n:,} and {m:,} {noun} remain in {place}, according to {source}.",
    "The count rose by {p}% in a week, {source} told reporters.",
    "Roads of {k} km were closed near {place}.",
)


def article_text(rnd: random.Random, sentences: int) -> str:
    """Own-words news-like text: counted figures, bounds, ranges, percentages and distances."""
    out = []
    for _ in range(sentences):
        n = rnd.randrange(2, 90) * 100
        source = rnd.choice(SOURCES)
        out.append(
            rnd.choice(TEMPLATES).format(
                n=n, m=n + 500, p=rnd.randrange(2, 40), k=rnd.randrange(3, 120),
                noun=rnd.choice(NOUNS), place=rnd.choice(PLACES),
                source=source, source_cap=source[0].upper() + source[1:],
            )
        )  # fmt: skip
    return " ".join(out)


def documents(n_bytes: int, doc_bytes: int, seed: int = 11) -> list[dict[str, str]]:
    """JSON-ready documents adding up to about `n_bytes`, `doc_bytes` each."""
    rnd = random.Random(seed)
    docs: list[dict[str, str]] = []
    total = 0
    while total < n_bytes:
        text = article_text(rnd, max(1, doc_bytes // 70))
        day = 1 + len(docs) % 28
        doc = {"id": f"doc-{len(docs)}", "published": f"2024-10-{day:02d}", "text": text}
        docs.append(doc)
        total += len(json.dumps(doc)) + 2
    return docs


def json_array(path: Path, n_bytes: int) -> None:
    path.write_text(json.dumps(documents(n_bytes, 1600)), encoding="utf-8")


def jsonl(path: Path, n_bytes: int) -> None:
    lines = (json.dumps(d) for d in documents(n_bytes, 1600))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def html_page(path: Path, n_bytes: int) -> None:
    """A page mostly of scripts, styles and markup around a long article, as saved pages are."""
    rnd = random.Random(5)
    head = "<html><head><title>Live updates</title><style>" + "p{margin:0}" * 2000 + "</style>"
    parts = [head, "</head><body><article>"]
    size = len(head)
    while size < n_bytes:
        chunk = (
            f"<div class='c'><p>{article_text(rnd, 4)}</p><script>var x = {list(range(50))};"
            "</script><span class='share'>Share</span></div>\n"
        )
        parts.append(chunk)
        size += len(chunk)
    parts.append("</article></body></html>")
    path.write_text("".join(parts), encoding="utf-8")


def html_mostly_scripts(path: Path, n_bytes: int) -> None:
    """A page of `n_bytes` whose markup without scripts and styles is just under the HTML limit:
    the largest page that is accepted, so the one that needs the most memory."""
    from estimates.documents.html import DEFAULT_MAX_HTML_BYTES

    rnd = random.Random(9)
    article, size = [], 0
    while size < DEFAULT_MAX_HTML_BYTES * 0.95:
        p = f"<p>{article_text(rnd, 4)}</p>\n"
        article.append(p)
        size += len(p)
    script = "<script>var feed = " + "[1, 2, 3], " * 1000 + "0;</script>\n"
    scripts = script * max(0, (n_bytes - size) // len(script))
    page = f"<html><head><title>Live</title>{scripts}</head><body><article>"
    path.write_text(page + "".join(article) + "</article></body></html>", encoding="utf-8")


def text_file(path: Path, n_bytes: int) -> None:
    rnd = random.Random(3)
    parts, size = [], 0
    while size < n_bytes:
        p = article_text(rnd, 6) + "\n\n"
        parts.append(p)
        size += len(p)
    path.write_text("published: 2024-10-30\n\n" + "".join(parts), encoding="utf-8")


def short_sentences(path: Path, n_bytes: int) -> None:
    """The worst text for the sentence index: a sentence every four characters."""
    path.write_text("Xx. " * (n_bytes // 4) + "Officials said 5 boats sank.\n", encoding="utf-8")


INPUTS: dict[str, tuple[str, Callable[[Path, int], None]]] = {
    "json array": ("array.json", json_array),
    "jsonl": ("lines.jsonl", jsonl),
    "html page": ("page.html", html_page),
    "html scripts": ("scripts.html", html_mostly_scripts),
    "text": ("story.txt", text_file),
    "short sentences": ("short.txt", short_sentences),
}

TABLES = ("documents", "claims")
_RSS = re.compile(rb"Maximum resident set size \(kbytes\): (\d+)")


def measure(path: Path, db: Path) -> tuple[float, float, str]:
    """Peak resident MB and seconds of `estimates add PATH`, and what it says or stored."""
    cmd = ["/usr/bin/time", "-v", sys.executable, "-m", "estimates", "--db", str(db), "-q"]
    t0 = time.perf_counter()
    run = subprocess.run([*cmd, "add", str(path)], capture_output=True)
    seconds = time.perf_counter() - t0
    m = _RSS.search(run.stderr)
    lines = [ln for ln in run.stderr.decode(errors="replace").splitlines() if "error:" in ln]
    if not lines and db.exists():
        with sqlite3.connect(db) as conn:
            docs, claims = (conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES)
        lines = [f"stored {docs:,} documents, {claims:,} claims"]
    return (int(m.group(1)) / 1024 if m else float("nan")), seconds, (lines or [""])[-1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=48.0, help="size of each input in MB")
    ap.add_argument("--only", choices=sorted(INPUTS), action="append", help="inputs to run")
    args = ap.parse_args()
    n_bytes = int(args.mb * 1_000_000)
    print(f"{'input':<16} {'size MB':>8} {'peak MB':>8} {'seconds':>8}  result")
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.only or list(INPUTS):
            filename, make = INPUTS[name]
            path = Path(tmp) / filename
            make(path, n_bytes)
            peak, seconds, last = measure(path, Path(tmp) / f"{name}.db")
            mark = "" if peak <= BUDGET_MB else f"  OVER the {BUDGET_MB} MB budget"
            size = path.stat().st_size / 1e6
            print(f"{name:<16} {size:>8.1f} {peak:>8.0f} {seconds:>8.1f}  {last}{mark}")
            path.unlink()


if __name__ == "__main__":
    main()

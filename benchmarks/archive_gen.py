"""A generated news archive for the scale test and benchmark: documents made of sentences
that carry figures, with their numbers, names and dates varied, so no two documents are alike.

    frames = archive_frames(sentences_from(Path("data")), documents=300, files=4, seed=3)

Sentences come from this repository's data/ articles and, in the benchmark, from a sentence
file read at run time (never copied here). Documents are rows of id, text, published,
publisher, title, url: the columns `estimates extract ARCHIVE --to` reads.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

SENTENCES_PER_DOC = (3, 8)
"""Sentences in a generated document: about the length of a short wire story (500-1,500
characters)."""

FIRST_DAY, DAYS = date(2023, 1, 1), 3 * 365
"""Publication dates spread over three years, so claims land in three dozen month folders."""

OUTLETS = ("Harbor Wire", "Meridian Post", "Northern Courier", "Pacific Dispatch",
           "Lowland Gazette", "Eastern Ledger", "Coastal Herald", "Valley Observer")  # fmt: skip
PLACES = ("Ruritania", "Freedonia", "Elbonia", "Genovia", "Sokovia", "Latveria", "Borduria",
          "Syldavia", "Zubrowka", "Molvania")  # fmt: skip
"""Made-up countries swapped in for the places a sentence names."""

PLACE_WORDS = re.compile(
    r"\b(?:Russia|Ukraine|South Korea|North Korea|Kursk|Libya|Derna|Hong Kong|Seoul|Kyiv)\b",
    re.IGNORECASE,
)
NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w.])")
YEAR = re.compile(r"^(?:19|20)\d\d$")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")


def sentences_from(folder: Path) -> list[str]:
    """Sentences with a digit from the articles under `folder`, read by the readers."""
    from estimates.documents import read_documents
    from estimates.errors import DocumentError

    out = []
    for doc in read_documents([folder]):
        if isinstance(doc, DocumentError):
            continue
        out += [s.strip() for s in SENTENCE_END.split(doc.text) if re.search(r"\d", s)]
    return out


def vary(sentence: str, rnd: random.Random) -> str:
    """The sentence with its figures scaled (years kept) and its places renamed."""

    def number(m: re.Match[str]) -> str:
        text = m.group(1)
        if YEAR.match(text):
            return text
        value = float(text.replace(",", "")) * rnd.uniform(0.5, 1.6)
        if "." in text:
            return f"{value:.1f}"
        n = max(1, round(value))
        return f"{n:,}" if "," in text or n >= 10_000 else str(n)

    varied = NUMBER.sub(number, sentence)
    return PLACE_WORDS.sub(lambda m: rnd.choice(PLACES), varied)


def documents(sentences: Iterable[str], n: int, seed: int = 1) -> list[dict[str, str | None]]:
    """`n` documents of varied sentences, each with an id, date, outlet, title and URL."""
    pool = list(sentences)
    rnd = random.Random(seed)
    docs = []
    for i in range(n):
        k = rnd.randint(*SENTENCES_PER_DOC)
        text = " ".join(vary(rnd.choice(pool), rnd) for _ in range(k))
        day = FIRST_DAY + timedelta(days=rnd.randrange(DAYS))
        outlet = rnd.choice(OUTLETS)
        slug = outlet.lower().replace(" ", "-")
        docs.append({
            "id": f"gen-{seed}-{i:07d}", "text": text, "published": day.isoformat(),
            "publisher": outlet, "title": " ".join(text.split()[:8]),
            "url": f"https://{slug}.example/{day:%Y/%m}/{i}",
        })  # fmt: skip
    return docs


def archive_frames(
    sentences: Iterable[str], n_docs: int, files: int, seed: int = 1
) -> list[pd.DataFrame]:
    """The generated documents as `files` DataFrames of about equal size."""
    import pandas as pd

    docs = documents(sentences, n_docs, seed)
    size = -(-n_docs // files)
    return [pd.DataFrame(docs[i : i + size]) for i in range(0, n_docs, size)]

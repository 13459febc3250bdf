"""The bundled sample articles read cleanly and carry the figures the demo relies on."""

from __future__ import annotations

import re
from pathlib import Path

from estimates.claims import extract_claims
from estimates.documents import Document, read_documents

DATA = Path(__file__).resolve().parent.parent / "data"


def _docs() -> list[Document]:
    items = list(read_documents([DATA]))
    assert all(isinstance(d, Document) for d in items), items
    return [d for d in items if isinstance(d, Document)]


def test_every_sample_reads_with_full_metadata() -> None:
    docs = _docs()
    assert len(docs) == 12
    assert len({d.id for d in docs}) == 12
    for d in docs:
        assert d.publisher and d.title and d.url
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", d.published or ""), d.id


def test_jsonl_holds_two_documents_and_json_one() -> None:
    by_path: dict[str, int] = {}
    for d in _docs():
        key = Path((d.path or "").split(":")[0]).suffix
        by_path[key] = by_path.get(key, 0) + 1
    assert by_path == {".txt": 9, ".json": 1, ".jsonl": 2}


def test_us_and_seoul_figures_are_in_the_october_30_article() -> None:
    doc = next(d for d in _docs() if d.id == "nk-2024-10-30-pacific-dispatch")
    values = {(c.value, c.qualifier) for c in extract_claims(doc)}
    assert (10000.0, "approx") in values
    assert (11000.0, "exact") in values
    assert (1000.0, "exact") in values

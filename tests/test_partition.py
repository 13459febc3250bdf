"""The partition function (issue 13): a documents DataFrame in, the claims DataFrame out, with
the codebook's columns and dtypes and the claim ids `extract_claims` gives; bad rows are errors,
never a lost partition."""

from __future__ import annotations

import pandas as pd

from estimates.batch import loop
from estimates.batch.partition import extract_documents, extract_partition
from estimates.claims import EXTRACTOR_VERSION, extract_claims, pipeline
from estimates.documents import Document
from estimates.report.codebook import CATEGORIES, DTYPES, column_kinds
from estimates.report.frames import bare_claim_columns, claims_of_frame

ROWS = [
    {
        "id": "harbor-1",
        "text": "The ministry said on Monday that about 4,500 volunteers had reached the "
        "coast. Local officials put the figure at 3,900.",
        "published": "2024-03-14",
        "publisher": "Harbor Wire",
        "title": "Volunteers reach the coast",
        "url": "https://harbor.example/1",
    },
    {
        "id": "meridian-2",
        "text": "Rescuers have found at least 120 survivors, the Red Crescent said.",
        "published": pd.Timestamp("2024-03-15"),
        "publisher": "Meridian Post",
        "title": None,
        "url": float("nan"),
    },
]


def test_claims_have_the_codebook_columns_dtypes_and_the_extractors_ids() -> None:
    frame = extract_partition(pd.DataFrame(ROWS))
    assert tuple(frame.columns) == bare_claim_columns(True)
    kinds = column_kinds("claims")
    assert {c: str(frame[c].dtype) for c in frame.columns} == {
        c: "category" if c in CATEGORIES else DTYPES[kinds[c]] for c in frame.columns
    }
    docs = [
        Document("harbor-1", str(ROWS[0]["text"]), "Volunteers reach the coast", "Harbor Wire",
                 "2024-03-14", "https://harbor.example/1"),
        Document("meridian-2", str(ROWS[1]["text"]), None, "Meridian Post", "2024-03-15"),
    ]  # fmt: skip
    direct = [c for d in docs for c in extract_claims(d)]
    assert frame["claim_id"].tolist() == [c.claim_id for c in direct]
    assert claims_of_frame(frame) == direct  # every field, back as the records
    first = frame.iloc[0]
    assert (first["doc_id"], first["value"], first["qualifier"]) == ("harbor-1", 4500.0, "approx")
    assert first["source"] == "The ministry"
    claimed = (first["claimed_at"], first["claimed_at_precision"])
    assert claimed == (pd.Timestamp("2024-03-11"), "day")
    survivors = frame[frame["doc_id"] == "meridian-2"].iloc[0]
    assert (survivors["value"], survivors["qualifier"]) == (120.0, "at_least")
    assert survivors["published"] == pd.Timestamp("2024-03-15") and survivors["url"] is None
    assert set(frame["extractor_version"]) == {EXTRACTOR_VERSION}
    assert frame["start"].dtype == "Int64" and int(first["start"]) == ROWS[0]["text"].index("about")


def test_an_empty_partition_has_the_same_columns_and_dtypes() -> None:
    empty = extract_partition(pd.DataFrame(columns=["id", "text"]))
    full = extract_partition(pd.DataFrame(ROWS))
    assert len(empty) == 0
    # `kind` is a categorical of the kinds found, so compare the dtypes' names
    assert [str(t) for t in empty.dtypes] == [str(t) for t in full.dtypes]


def test_bad_rows_are_errors_and_the_others_are_extracted(monkeypatch) -> None:
    rows = [
        *ROWS,
        {"id": "empty-3", "text": "   ", "published": "2024-03-16"},
        {"id": None, "text": "About 40 boats left."},
        {"id": "boom-5", "text": "Officials said 75 homes were lost."},
    ]
    real = loop.extract_claims

    def flaky(doc, lexicon=None):
        if doc.id == "boom-5":
            raise RuntimeError("lexicon gone")
        return real(doc, lexicon)

    monkeypatch.setattr(loop, "extract_claims", flaky)  # the one loop's safety net
    result = extract_documents(pd.DataFrame(rows))
    assert result.documents["id"].tolist() == ["harbor-1", "meridian-2"]
    assert result.documents["claims"].tolist() == [2, 1]
    assert result.errors.values.tolist() == [
        ["empty-3", "empty-3", "no 'text' field (or it is empty)"],
        ["", "<row>", "no 'id' (each row needs one)"],
        ["boom-5", "boom-5", "internal error: RuntimeError: lexicon gone"],
    ]
    assert set(result.claims["doc_id"]) == {"harbor-1", "meridian-2"}


def test_a_row_is_read_as_the_readers_read_a_json_object() -> None:
    """A written date becomes ISO and an impossible one leaves the document undated, as in a
    JSON file; an `html` cell is a page whose main text is taken."""
    rows = [
        {"id": "a", "text": "Some 300 people marched.", "published": "March 3, 2024"},
        {"id": "b", "text": "Some 300 people marched.", "published": "2024-02-30"},
    ]
    result = extract_documents(pd.DataFrame(rows))
    assert result.documents["published"].tolist() == ["2024-03-03", None]
    published = result.claims["published"]
    assert published.iloc[0] == pd.Timestamp("2024-03-03") and pd.isna(published.iloc[1])


def test_one_id_given_twice_in_a_partition_is_the_loops_collision_error() -> None:
    """The rule of `estimates add`: the second text under one id is reported, never mixed
    with the first; the same row twice is extracted once."""
    rows = [
        {"id": "same", "text": "About 10 ships sailed.", "published": "2024-01-02"},
        {"id": "same", "text": "About 12 ships sailed.", "published": "2024-01-03"},
        {"id": "twice", "text": "Some 7 planes landed.", "published": "2024-01-02"},
        {"id": "twice", "text": "Some 7 planes landed.", "published": "2024-01-02"},
    ]
    result = extract_documents(pd.DataFrame(rows))
    assert result.claims["value"].tolist() == [10.0, 7.0]
    assert result.errors.values.tolist() == [
        [
            "same",
            "same",
            "document id 'same' is also the id of same in this batch, with another text; this "
            "one is not stored (give each document its own id)",
        ]
    ]
    assert result.skipped == 1


def test_the_partition_reads_a_document_up_to_the_loops_character_limit(monkeypatch) -> None:
    monkeypatch.setattr(pipeline, "MAX_CHARS", 60)
    text = "Some 40 boats sank.\nAbout 3,000 troops crossed the border.\nSome 90 ships left.\n"
    claims = extract_partition(pd.DataFrame([{"id": "long", "text": text}]))
    assert claims["value"].tolist() == [40.0, 3000.0]

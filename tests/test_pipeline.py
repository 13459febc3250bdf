"""The pipeline's own guards: stable ids and the per-document number limit."""

import logging

import pytest

from estimates.claims import extract_claims
from estimates.documents import Document


def test_claim_ids_are_stable_across_runs() -> None:
    doc = Document(id="d1", text="Officials counted 4,200 tents and 37 clinics.")
    first = [c.claim_id for c in extract_claims(doc)]
    second = [c.claim_id for c in extract_claims(doc)]
    assert first == second
    assert len(set(first)) == 2


def test_a_data_dump_stops_at_the_number_limit_and_says_so(
    caplog: pytest.LogCaptureFixture,
) -> None:
    doc = Document(id="dump", text="7 apples, " * 40)
    with caplog.at_level(logging.WARNING, logger="estimates.claims.pipeline"):
        claims = extract_claims(doc, max_numbers=12)
    assert len(claims) == 12
    assert claims[-1].value == 7
    assert "dump: reached the limit of 12 numbers" in caplog.text


def test_an_article_under_the_limit_gives_no_warning(caplog: pytest.LogCaptureFixture) -> None:
    doc = Document(id="short", text="Rescuers found 15 survivors and 3 boats.")
    with caplog.at_level(logging.WARNING, logger="estimates.claims.pipeline"):
        claims = extract_claims(doc, max_numbers=12)
    assert [c.value for c in claims] == [15, 3]
    assert caplog.text == ""


def test_evolve_copies_with_changes_and_refuses_unknown_fields() -> None:
    (claim,) = extract_claims(Document(id="e", text="Crews cleared 60 roads."))
    moved = claim.evolve(source="the mayor", unit="street")
    assert (moved.source, moved.unit, moved.value) == ("the mayor", "street", 60)
    assert (claim.source, claim.unit) == (None, "road")
    with pytest.raises(TypeError, match="no field"):
        claim.evolve(colour="red")

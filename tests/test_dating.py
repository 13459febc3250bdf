"""When a claim was made (claimed_at, precision) and what time it is about (as_of)."""

from __future__ import annotations

import pytest

from estimates.claims import extract_claims
from estimates.claims.datephrases import find_dates
from estimates.claims.model import Claim
from estimates.documents import Document
from estimates.lexicon import load_lexicon

WEDNESDAY = "2024-10-30"


def claim_for(text: str, number: str, published: str | None = WEDNESDAY) -> Claim:
    claims = extract_claims(Document(id="d", text=text, published=published))
    hits = [c for c in claims if number in c.text]
    assert hits, [c.text for c in claims]
    return hits[0]


CLAIMED = [
    # a weekday is the most recent one, publication day included
    ("On Monday, the ministry said 300 people had died.", "300", "2024-10-28", "day"),
    ("The ministry said Wednesday that 300 people had died.", "300", "2024-10-30", "day"),
    ("Rescuers reached 40 villages, the governor said on Sunday.", "40", "2024-10-27", "day"),
    ("The agency said on Oct. 12 that 40 drones were shot down.", "40", "2024-10-12", "day"),
    ("Yesterday the army said 25 bridges were hit.", "25", "2024-10-29", "day"),
    # a period: first day of it, at month or year precision
    (
        "Earlier this month, the agency said it counted 1,000 trucks.",
        "1,000",
        "2024-10-01",
        "month",
    ),
    ("Last month the navy said 12 ships were repaired.", "12", "2024-09-01", "month"),
    # a date of the event, not of the statement: publication date
    ("The ministry said 300 people died in the storm on Monday.", "300", WEDNESDAY, "day"),
    ("The dam released 9 billion liters on October 3.", "9 billion", WEDNESDAY, "day"),
    # own voice
    ("The bridge is 400 meters long.", "400", WEDNESDAY, "day"),
]


@pytest.mark.parametrize(("text", "number", "iso", "precision"), CLAIMED)
def test_claimed_at(text: str, number: str, iso: str, precision: str) -> None:
    c = claim_for(text, number)
    assert (c.claimed_at, c.claimed_at_precision) == (iso, precision)


def test_no_publication_date_and_no_dated_statement() -> None:
    c = claim_for("Police said 5,200 people marched.", "5,200", published=None)
    assert (c.claimed_at, c.claimed_at_precision) == (None, None)


def test_full_date_dates_a_statement_without_publication_date() -> None:
    c = claim_for("On 31 March 2019, organisers said 12,000 people marched.", "12,000", None)
    assert (c.claimed_at, c.claimed_at_precision) == ("2019-03-31", "day")


AS_OF = [
    ("At least 70 people had died as of October 20, officials said.", "70", "2024-10-20"),
    ("Officials expect 5,000 workers to arrive by December.", "5,000", "2024-12"),
    ("The company employed 900 people at the end of 2023.", "900", "2023"),
    ("The ministry said 300 people had died.", "300", None),
]


@pytest.mark.parametrize(("text", "number", "as_of"), AS_OF)
def test_as_of(text: str, number: str, as_of: str | None) -> None:
    assert claim_for(text, number).as_of == as_of


def test_find_dates_places_relative_phrases() -> None:
    text = "yesterday and last week and in 2019"
    found = find_dates(text, 0, len(text), WEDNESDAY, load_lexicon())
    assert [(d.iso, d.precision) for d in found] == [
        ("2024-10-29", "day"),
        ("2024-10-01", "month"),
        ("2019-01-01", "year"),
    ]


def test_relative_phrase_without_publication_date_is_skipped() -> None:
    text = "said on Monday"
    assert find_dates(text, 0, len(text), None, load_lexicon()) == []


def test_as_of_stays_in_its_own_claim_and_clause() -> None:
    text = (
        "The government appealed for $25 million in aid; donors had pledged "
        "$6.5 million by Wednesday, officials said."
    )
    doc = Document(id="a", text=text, published="2024-09-12")
    appeal, pledged = extract_claims(doc)
    assert appeal.as_of is None
    assert pledged.as_of == "2024-09-11"


def dated(text: str, number: str, published: str | None) -> tuple[str | None, ...]:
    c = claim_for(text, number, published)
    return (c.claimed_at, c.claimed_at_precision, c.as_of)


# A publication date known only to the month or year stays that precise (the first day of the
# period, with its precision), never a day it does not know and never no date; a weekday or
# "yesterday" cannot be placed against it. Rows: (text, number, published, (claimed_at,
# claimed_at_precision, as_of)).
PRECISION = [
    ("The council said 40 bridges were shut.", "40", "2023-12", ("2023-12-01", "month", None)),
    ("The council said 40 bridges were shut.", "40", "2015", ("2015-01-01", "year", None)),
    ("Some 40 bridges were shut.", "40", "2023-12", ("2023-12-01", "month", None)),
    (
        "On Monday, the council said 40 bridges were shut.",
        "40",
        "2023-12",
        ("2023-12-01", "month", None),
    ),
    (
        "Last month the council said 40 bridges were shut.",
        "40",
        "2023-12",
        ("2023-11-01", "month", None),
    ),
    ("The council said 40 bridges were shut.", "40", None, (None, None, None)),
    (
        "On 3 May 2021 the council said 40 bridges were shut.",
        "40",
        None,
        ("2021-05-03", "day", None),
    ),
]


@pytest.mark.parametrize(("text", "number", "published", "expected"), PRECISION)
def test_publication_precision_is_kept(
    text: str, number: str, published: str | None, expected: tuple
) -> None:
    assert dated(text, number, published) == expected


# A claim's own date wins over the publication date: the date of its statement, a report date
# right after the figure, or the time the count is about (as_of).
OWN_DATES = [
    (
        "On March 14, the agency reported 1,900 deaths.",
        "1,900",
        "2011-03-20",
        ("2011-03-14", "day", None),
    ),
    (
        "The ministry reported 300 damaged schools, compared to 120 schools reported on May 8-10.",
        "120",
        "2015-05-15",
        ("2015-05-08", "day", None),
    ),
    (
        "The ministry reported 300 damaged schools, compared to 120 schools reported on May 8-10.",
        "300",
        "2015-05-15",
        ("2015-05-15", "day", None),
    ),
    (
        "According to the ministry, the March 3 flood destroyed 900 homes.",
        "900",
        "2024-03-20",
        ("2024-03-20", "day", None),
    ),
    (
        "As of 19 November, 2,400 people were in shelters.",
        "2,400",
        "2015-12",
        ("2015-12-01", "month", "2015-11-19"),
    ),
    (
        "The new shelter will house 500 people by January.",
        "500",
        "2023-12-10",
        ("2023-12-10", "day", "2024-01"),
    ),
    (
        "Crews had cleared 80 roads by January.",
        "80",
        "2024-03-10",
        ("2024-03-10", "day", "2024-01"),
    ),
    (
        "At least 6,500 people were Injured by August 4 Blasts in the port.",
        "6,500",
        "2020-09-16",
        ("2020-09-16", "day", None),
    ),
    (
        "A total of 9,100 cases have been reported as of 7 December, officials said.",
        "9,100",
        "2014-12-16",
        ("2014-12-16", "day", "2014-12-07"),
    ),
]


@pytest.mark.parametrize(("text", "number", "published", "expected"), OWN_DATES)
def test_a_claims_own_date_wins(
    text: str, number: str, published: str | None, expected: tuple
) -> None:
    assert dated(text, number, published) == expected


def test_calendar_dates_are_read_with_the_calendar_lexicon() -> None:
    text = "on Dec. 5 and on 31 March 2019 and by January"
    lex = load_lexicon()
    past = find_dates(text, 0, len(text), WEDNESDAY, lex)
    assert [(d.iso, d.precision) for d in past] == [
        ("2023-12-05", "day"),
        ("2019-03-31", "day"),
        ("2024-01-01", "month"),
    ]
    ahead = find_dates(text, 0, len(text), WEDNESDAY, lex, lean="future")
    assert [(d.iso, d.precision) for d in ahead][2] == ("2025-01-01", "month")

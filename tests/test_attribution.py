"""Who makes each claim: reporting verbs, quotes, transcripts, pronouns, messengers, hedges."""

from __future__ import annotations

import pytest

from estimates.claims import extract_claims
from estimates.claims.model import Claim
from estimates.documents import Document

PUBLISHED = "2025-03-05"


def claim_for(text: str, number: str) -> Claim:
    """The claim whose span holds `number` in a one-article document."""
    claims = extract_claims(Document(id="t", text=text, published=PUBLISHED, publisher="Desk"))
    hits = [c for c in claims if number in c.text]
    assert hits, [c.text for c in claims]
    return hits[0]


SOURCES = [
    # subject and reporting verb before the claim
    ("The coast guard said 40 boats were missing.", "40", "The coast guard"),
    ("Analysts estimate that 2,000 shops have closed.", "2,000", "Analysts"),
    (
        "The regional government initially reported that 64 villages were cut off.",
        "64",
        "The regional government",
    ),
    # closing attribution, plain and inverted
    ("Rescuers found 12 survivors, the provincial governor said.", "12", "the provincial governor"),
    (
        "Some 250 flights were cancelled, said airport spokesperson Tom Berg.",
        "250",
        "airport spokesperson Tom Berg",
    ),
    ("Drought has killed 5,000 cattle, Kenya says", "5,000", "Kenya"),
    # according to, possessives, figure idiom, relative clause
    ("About 300 homes were flooded, according to the Red Cross.", "300", "the Red Cross"),
    ("By the ministry's count, 900 schools were damaged.", "900", "the ministry"),
    ("In Tokyo's assessment, 70 ships took part.", "70", "Tokyo"),
    ("Marchers filled the avenue, while police put the crowd at 6,500.", "6,500", "police"),
    ("It was below the 80,000 marchers that organisers claimed.", "80,000", "organisers"),
    # a name set off by commas, a participle taking the sentence's subject
    ("Lima's mayor, Rosa Diaz, said 90 buses were running.", "90", "Lima's mayor, Rosa Diaz"),
    (
        "The Pentagon raised its count on Monday, saying 4,000 sailors had left port.",
        "4,000",
        "The Pentagon",
    ),
    # a subordinate clause before the claimant is not part of the name
    (
        "The alert came a day after Chilean President Ana Soto said 700 homes burned.",
        "700",
        "Chilean President Ana Soto",
    ),
    # own voice
    ("The bridge is 400 meters long.", "400", None),
]


@pytest.mark.parametrize(("text", "number", "source"), SOURCES)
def test_source_of_each_pattern(text: str, number: str, source: str | None) -> None:
    assert claim_for(text, number).source == source


def test_claim_before_a_closing_attribution_that_carries_on() -> None:
    text = "Floods destroyed 800 bridges. Another 200 were damaged, the transport minister said."
    assert claim_for(text, "800").source == "the transport minister"
    assert claim_for(text, "200").source == "the transport minister"


def test_unrelated_next_sentence_does_not_attribute() -> None:
    text = "The tunnel is 800 meters long. Engineers finished it in May, the builder said."
    assert claim_for(text, "800").source is None


def test_pronoun_takes_the_person_named_before() -> None:
    text = "Mayor Ana Ruiz said the city was ready. She said 45 shelters had opened."
    assert claim_for(text, "45").source == "Mayor Ana Ruiz"


def test_short_reference_takes_the_official_named_before() -> None:
    text = (
        "A senior Japanese navy official said the fleet was ready. "
        "At least 14 vessels were deployed, the official said."
    )
    c = claim_for(text, "14")
    assert c.source == "A senior Japanese navy official"
    assert c.source_entity == "Japan"


def test_it_takes_the_body_named_before() -> None:
    text = "Last week the White House released photos it said showed 1,000 crates of shells."
    c = claim_for(text, "1,000")
    assert c.source == "the White House"
    assert c.source_entity == "United States"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“We have sent 600 engineers to the coast,” the minister said.", "the minister"),
        ("The minister said: “We have sent 600 engineers to the coast.”", "The minister"),
        ("“Our teams counted 600 engineers,” said Colonel Ada Park.", "Colonel Ada Park"),
    ],
)
def test_number_in_a_quote_belongs_to_the_speaker(text: str, speaker: str) -> None:
    assert claim_for(text, "600").source == speaker


def test_transcript_turns_and_reporter_questions() -> None:
    text = (
        "SPOKESPERSON MARIA LOPEZ: We believe 3,000 trucks crossed the border this week.\n"
        "Q: Are there 30 tanks among them?\n"
        "MS. LOPEZ: About 70 of them carried fuel.\n"
    )
    first = claim_for(text, "3,000")
    assert first.source == "Spokesperson Maria Lopez"
    assert first.hedge == "estimate"
    assert claim_for(text, "30").source == "reporter"
    assert claim_for(text, "70").source == "Spokesperson Maria Lopez"


VIAS = [
    (
        "Tokyo and its partners assess that 5,000 sailors are deployed, according to a senior "
        "Japanese defense official.",
        "5,000",
        "Tokyo and its partners",
        "a senior Japanese defense official",
        "Japan",
    ),
    (
        "Reuters, citing the health ministry, reported that 310 people had died.",
        "310",
        "the health ministry",
        "Reuters",
        "health ministry",
    ),
    (
        "Some 2,000 sailors are at sea, the lawmakers quoted the navy as saying.",
        "2,000",
        "the navy",
        "the lawmakers",
        "navy",
    ),
]


@pytest.mark.parametrize(("text", "number", "source", "via", "entity"), VIAS)
def test_messenger_goes_to_via(text: str, number: str, source: str, via: str, entity: str) -> None:
    c = claim_for(text, number)
    assert (c.source, c.via, c.source_entity) == (source, via, entity)


HEDGES = [
    ("The U.S. has estimated there are 9,000 troops in the region.", "9,000", "estimate"),
    ("More than 300 of them are believed to have moved, an official said.", "300", "estimate"),
    ("Officials confirmed 12 deaths in the fire.", "12", "confirmed"),
    ("The army denied that 300 soldiers were killed.", "300", "denied"),
    ("The toll could reach 900 people, aid groups warned.", "900", "projected"),
    ("Local media reported 70 arrests.", "70", "reported"),
    ("The ministry said 40 schools closed.", "40", None),
]


@pytest.mark.parametrize(("text", "number", "hedge"), HEDGES)
def test_hedge(text: str, number: str, hedge: str | None) -> None:
    assert claim_for(text, number).hedge == hedge


def test_publisher_stays_the_outlet() -> None:
    c = claim_for("The coast guard said 40 boats were missing.", "40")
    assert c.publisher == "Desk"


MORE = [
    # a relay closing the sentence names the real source
    (
        "Xinhua reported that 18 miners were trapped, citing local authorities.",
        "18",
        ("local authorities", "Xinhua"),
    ),
    # "according to" a document released by a body: the body
    (
        "According to a briefing paper issued by the Pentagon, 40 jets took part.",
        "40",
        ("the Pentagon", None),
    ),
    # a comment on the figure is not its claimant
    (
        "Medics in the city said 1,200 people were hurt, a figure the army disputed.",
        "1,200",
        ("Medics in the city", None),
    ),
]


@pytest.mark.parametrize(("text", "number", "expected"), MORE)
def test_relays_documents_and_comments(
    text: str, number: str, expected: tuple[str, str | None]
) -> None:
    c = claim_for(text, number)
    assert (c.source, c.via) == expected


def test_he_skips_a_group_and_stays_unresolved() -> None:
    c = claim_for('Health officials in the city said more. "It cost us 90 beds," he said.', "90")
    assert (c.source, c.source_entity) == ("he", None)


def test_the_agency_refers_back_to_an_agency_only_named_before() -> None:
    text = (
        "Lawmakers were briefed by the National Intelligence Service on Tuesday. "
        "About 1,500 soldiers have already left, the lawmakers quoted the agency as saying."
    )
    c = claim_for(text, "1,500")
    assert c.source == "National Intelligence Service"
    assert c.source_entity == "South Korea"


def test_a_named_body_is_not_taken_for_a_pronoun() -> None:
    text = (
        "The Pentagon declined to comment. "
        "Senator Ruth Ames said she counted 40 vessels, and she said 12 were damaged."
    )
    assert claim_for(text, "12").source == "Senator Ruth Ames"


@pytest.mark.parametrize(
    ("text", "number", "source"),
    [
        (
            "Ada Park, the agency's chief economist, said 3,000 jobs were lost.",
            "3,000",
            "Ada Park, the agency's chief economist",
        ),
        ("Ada Park, a spokeswoman, said 3,000 jobs were lost.", "3,000", "Ada Park, a spokeswoman"),
        ("The ministry, which keeps the count, said 400 people died.", "400", "The ministry"),
        ("The bureau, known as NSB, said 12 bridges fell.", "12", "The bureau"),
    ],
)
def test_a_description_set_off_by_commas_keeps_its_claimant(
    text: str, number: str, source: str
) -> None:
    assert claim_for(text, number).source == source


def test_a_clause_after_an_opening_phrase_is_no_claimant() -> None:
    assert claim_for("After the strike, which hit a school, 40 people died.", "40").source is None

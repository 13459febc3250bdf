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
    # a relative clause describing the claimant; a time phrase before it
    (
        "A port official who spoke on condition of anonymity said as many as 600 were aboard.",
        "600",
        "A port official",
    ),
    ("Residents who fled the blaze said 30 homes burned.", "30", "Residents"),
    ("Officials said the driver who fled said 20 were hurt.", "20", "the driver"),
    ("Hours later the regional office put the toll at 90.", "90", "the regional office"),
    # a figure idiom whose noun has a long complement; a possessive after a verb
    (
        "Aid groups reached 900 homes, while UNICEF puts the number of children under five at "
        "risk at 230,000.",
        "230,000",
        "UNICEF",
    ),
    ("Local tallies exceed the ministry's count of 97.", "97", "the ministry"),
    ('Halvik scoffed, calling Kestor\'s figure of 400 "pure invention."', "400", "Kestor"),
    # a passive verb past an adverb names nobody; "according to" does
    (
        "Damage is provisionally estimated at $3 billion, according to the finance minister.",
        "$3 billion",
        "the finance minister",
    ),
    # the second of two verbs joined by "and": the clause's subject
    ("Police made 23 arrests and said 11 officers were hurt.", "11", "Police"),
    (
        "The interior ministry counted 68,000 and said 40 were detained.",
        "40",
        "The interior ministry",
    ),
    ("Markets put the chance of a cut at roughly 70%.", "70%", "Markets"),
    (
        "The minister, Ilse Marren, welcomed the news but warned that debt had reached 1.9 "
        "trillion crowns.",
        "1.9",
        "The minister, Ilse Marren",
    ),
    # a long name before a "which" clause; "it" after a body named with its place
    (
        "The Geneva-based monitoring group Frontline Watch, which tracks losses, estimated that "
        "180 fighters died.",
        "180",
        "The Geneva-based monitoring group Frontline Watch",
    ),
    (
        "The defence ministry in Kestor said 27 tanks were hit. It acknowledged 38 dead.",
        "38",
        "The defence ministry in Kestor",
    ),
    # a participle phrase after the claimant ("a study published in 2030")
    (
        "The toll was 1,412, while a study published in 2030 estimated that 1,890 people died.",
        "1,890",
        "a study",
    ),
    (
        "About 12% of roads were damaged, according to an early estimate by the works department.",
        "12%",
        "the works department",
    ),
    # a verb form before a figure noun after a determiner is an adjective
    ("Ours is twice the operator's reported figure of 47 tonnes.", "47", "the operator"),
    ("The ministry reported figures showing 300 deaths.", "300", "The ministry"),
    # agent nouns: a closed compound, a plural in -es
    ("Two people have died, the coastguard said.", "Two", "the coastguard"),
    ("Two people were hurt, witnesses said.", "Two", "witnesses"),
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
    # a body named "X of Y" then a present-tense verb with its object
    ("The Department of Water reports 35 wells ran dry.", "35", "The Department of Water"),
    # a comparative before "at" in the figure idiom
    (
        "Farmers' unions put the losses higher, at about $40 million.",
        "$40 million",
        "Farmers' unions",
    ),
    # "it" standing for the figure, "closer to" for "at"; an association names who speaks
    (
        "Officials say 900 homes flooded; the builders' association puts it closer to 1,400.",
        "1,400",
        "the builders' association",
    ),
    # an acronym in capitals is a name, never the pronoun "who"
    ("WHO estimates that 61% of children were vaccinated.", "61%", "WHO"),
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


def test_a_parliamentary_record_names_its_speaker_in_brackets() -> None:
    text = (
        "The Secretary of State for Transport (Owen Marsh): Our estimate is that 14,000 "
        "journeys were cancelled. We have set aside £12 million for repairs.\n"
        "Kate Dunn (Northfield) (Lab): Some 300 of them were in my constituency.\n"
    )
    assert claim_for(text, "14,000").source == "Owen Marsh"
    assert claim_for(text, "£12 million").source == "Owen Marsh"
    assert claim_for(text, "300").source == "Kate Dunn"


@pytest.mark.parametrize(
    ("text", "number", "source"),
    [
        # the listener of "told" is no claimant; a subject set off by commas before it is
        ('"We shipped 40 tonnes," the depot head, Rui Costa, told reporters.', "40", "Rui Costa"),
        ("About 75 were hurt, the governor told the BBC.", "About 75", "the governor"),
        # "put <figure> <of/to/for ...> at N" names who puts it there
        ("Economists at Halden Bank put the weekly cost to farmers at $9 million.", "$9 million",
         "Economists at Halden Bank"),
    ],
)  # fmt: skip
def test_closing_listeners_and_figures_with_a_phrase(text: str, number: str, source: str) -> None:
    found = claim_for(text, number).source
    assert found is not None and source in found


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


def claims_of(text: str, title: str | None = None, publisher: str | None = None) -> list[Claim]:
    doc = Document(id="s", text=text, title=title, publisher=publisher, published=PUBLISHED)
    return extract_claims(doc)


def fields(c: Claim) -> tuple[str | None, str | None, str | None]:
    return (c.source, c.source_entity, c.via)


# A source is a name or a description headed by an agent noun: never a clause fragment, a bare
# figure noun or a non-referential "It". Rows: (text, number, (source, source_entity, via)).
NOT_CLAIMANTS = [
    (
        "By 3 May, the total number of suspected and confirmed infections had climbed to 410.",
        "410",
        (None, None, None),
    ),
    ("The strongest gusts recorded at the airport reached 140 km/h.", "140", (None, None, None)),
    (
        "The quake lifted the seabed and moved the coast west by estimates of 2-3 meters.",
        "2-3",
        (None, None, None),
    ),
    (
        "The highest reported counts came from the north (4,100) and the capital (2,800).",
        "4,100",
        (None, None, None),
    ),
    ("Insured damage estimated at $2 billion was paid out.", "$2 billion", (None, None, None)),
    ("The largest wave at the harbour measured 4 meters.", "4 meters", (None, None, None)),
    ("It is estimated that 4,000 people fled the valley.", "4,000", (None, None, None)),
    ("It was reported that 12 boats sank off the cape.", "12", (None, None, None)),
    ("Figures released on Friday show 900 arrests.", "900", (None, None, None)),
    ("Official figures put the toll at 85.", "85", (None, None, None)),
    # the figure noun names its giver by the words before or after it
    ("Ministry figures show 900 arrests.", "900", ("Ministry", "ministry", None)),
    (
        "Data from the interior ministry show 900 arrests.",
        "900",
        ("the interior ministry", "interior ministry", None),
    ),
    ("UN data show 700 schools were damaged.", "700", ("UN", "United Nations", None)),
]


@pytest.mark.parametrize(("text", "number", "expected"), NOT_CLAIMANTS)
def test_a_source_names_an_agent(text: str, number: str, expected: tuple) -> None:
    assert fields(claim_for(text, number)) == expected


def test_a_figure_compared_with_another_keeps_the_claimant_of_its_clause() -> None:
    text = (
        "On Friday the council reported 640 damaged homes, compared to about 410 homes "
        "reported on Tuesday."
    )
    assert fields(claim_for(text, "640")) == ("the council", "council", None)
    assert fields(claim_for(text, "410")) == ("the council", "council", None)


# Names with an acronym in brackets, a description set off by dashes, a passive with its agent,
# a verb form after "the <Name>" with an object, and relays in front of the verb.
NAMED = [
    (
        "The National Disaster Agency (NDA) reported 75 deaths in the south.",
        "75",
        ("The National Disaster Agency (NDA)", "National Disaster Agency (NDA)", None),
    ),
    (
        "The World Food Programme (WFP) estimates that 2 million people need food aid.",
        "2 million",
        ("The World Food Programme (WFP)", "United Nations", None),
    ),
    (
        "The Regional Seismic Network (RSN)—a consortium of five universities—estimates that "
        "1.2 million people live near the fault.",
        "1.2 million",
        ("The Regional Seismic Network (RSN)", "Regional Seismic Network (RSN)", None),
    ),
    (
        "Rainfall, estimated by the weather service at more than 12 inches, flooded the valley.",
        "12 inches",
        ("the weather service", "weather service", None),
    ),
    (
        "The blast was detected by the national seismic institute as a tremor of magnitude 2.9.",
        "2.9",
        ("the national seismic institute", "national seismic institute", None),
    ),
    ("The cargo, 40 containers, was reported lost by Friday.", "40", (None, None, None)),
    (
        "In total, the GoP reports nearly 3,100 deaths from the floods.",
        "3,100",
        ("the GoP", "GoP", None),
    ),
    (
        "Overall, the UN estimates that 9 million people need help.",
        "9 million",
        ("the UN", "United Nations", None),
    ),
    (
        "International media, citing the interior ministry, report at least 310 deaths.",
        "310",
        ("the interior ministry", "interior ministry", "International media"),
    ),
    (
        "State television, quoting the fire brigade, reported 14 deaths.",
        "14",
        ("the fire brigade", "fire brigade", "State television"),
    ),
    (
        "Aid groups said on Monday the camp was full. By their count, 500 tents were up.",
        "500",
        ("Aid groups", "aid groups", None),
    ),
    (
        "According to data from the national seismic service (NSS), 300 tremors were recorded.",
        "300",
        ("the national seismic service", "national seismic service", None),
    ),
    (
        'At the briefing, one of the engineers stated:\n"We counted 70 cracked pylons."',
        "70",
        ("one of the engineers", "one of the engineers", None),
    ),
    (
        "The coast guard[4] reported 31 rescues overnight.",
        "31",
        ("The coast guard", "coast guard", None),
    ),
]


@pytest.mark.parametrize(("text", "number", "expected"), NAMED)
def test_names_descriptions_relays_and_agents(text: str, number: str, expected: tuple) -> None:
    assert fields(claim_for(text, number)) == expected


# A statement speaks in its speaker's voice: figures stated plainly, "we" and "our" are theirs.
STATEMENTS = [
    # (title, publisher, text, number, (source, source_entity, via))
    (
        "Statement by the Minister for Water",
        None,
        "We have repaired 45 pumps this week. In our assessment, 2,000 wells remain dry.",
        "2,000",
        ("the Minister for Water", "Minister for Water", None),
    ),
    (
        "Statement by the Minister for Water",
        None,
        "We have repaired 45 pumps this week.",
        "45",
        ("the Minister for Water", "Minister for Water", None),
    ),
    (
        "Drought relief: remarks by the Home Secretary at the county fair",
        "UK Parliament",
        "Some 300 farms have lost their harvest. The Met Office says 60 days passed without rain.",
        "300",
        ("the Home Secretary", "United Kingdom", None),
    ),
    (
        "Drought relief: remarks by the Home Secretary at the county fair",
        "UK Parliament",
        "Some 300 farms have lost their harvest. The Met Office says 60 days passed without rain.",
        "60",
        ("The Met Office", "Met Office", None),
    ),
    (
        "Floods in the delta",
        None,
        "Ministers Ana Ruiz and Tom Berg have issued the following joint statement:\n\n"
        "The floods have displaced 12,000 people.",
        "12,000",
        ("Ministers Ana Ruiz and Tom Berg", "Ministers Ana Ruiz and Tom Berg", None),
    ),
    # no statement: an agency's "we" stays the document's own voice
    ("Relief update", None, "We have sent 250 staff to the island.", "250", (None, None, None)),
    # a story about a statement is no statement
    (
        "Senator faults statement by the Energy Minister",
        None,
        "Some 300 homes lost power.",
        "300",
        (None, None, None),
    ),
    # a statement quoted inside a story: the quote is the body's, the story's own voice stays
    (
        "Storm update",
        None,
        'The utility issued the following statement:\n\n"We have sent 40 crews."\n\n'
        "About 90 roads are closed.",
        "40",
        ("The utility", "utility", None),
    ),
    (
        "Storm update",
        None,
        'The utility issued the following statement:\n\n"We have sent 40 crews."\n\n'
        "About 90 roads are closed.",
        "90",
        (None, None, None),
    ),
]


@pytest.mark.parametrize(("title", "publisher", "text", "number", "expected"), STATEMENTS)
def test_a_statement_speaks_in_its_speakers_voice(
    title: str, publisher: str | None, text: str, number: str, expected: tuple
) -> None:
    (c,) = [c for c in claims_of(text, title, publisher) if number in c.text]
    assert fields(c) == expected


FACT_SHEET = (
    "Storm Fact Sheet #3\n\n"
    "212 deaths Caused by the Storm\n"
    "Ministry of Health – Mar. 2021\n\n"
    "40 people Missing After the Storm\n"
    "Red Cross – Mar. 2021\n\n"
    "1,200 homes Damaged by the Storm\n\n"
    "Crews cleared 80 roads, the transport ministry said on Tuesday.\n"
)


@pytest.mark.parametrize(
    ("number", "expected", "claimed_at"),
    [
        ("212", ("Ministry of Health", "Ministry of Health", None), ("2021-03-01", "month")),
        ("40", ("Red Cross", "Red Cross", None), ("2021-03-01", "month")),
        ("1,200", (None, None, None), (PUBLISHED, "day")),
        ("80", ("the transport ministry", "transport ministry", None), ("2025-03-04", "day")),
    ],
)
def test_fact_sheet_boxes_speak_in_the_documents_voice_unless_credited(
    number: str, expected: tuple, claimed_at: tuple[str, str]
) -> None:
    c = claim_for(FACT_SHEET, number)
    assert fields(c) == expected
    assert (c.claimed_at, c.claimed_at_precision) == claimed_at

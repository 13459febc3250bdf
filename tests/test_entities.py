"""Source phrases -> the body they speak for, from the `sources` lexicon and the article."""

from __future__ import annotations

from pathlib import Path

import pytest

from estimates.claims.entities import doc_names, entity_table, is_person, resolve_entity
from estimates.lexicon import load_lexicon

TABLE = entity_table(load_lexicon())

ALIASES = [
    ("U.S.", "United States"),
    ("The U.S. and South Korea", "United States"),
    ("Washington", "United States"),
    ("the Pentagon", "United States"),
    ("Defense Secretary Lloyd Austin", "United States"),
    ("the White House", "United States"),
    ("Seoul", "South Korea"),
    ("Seoul and its allies", "South Korea"),
    ("South Korea's spy agency", "South Korea"),
    ("a South Korean official", "South Korea"),
    ("the NIS", "South Korea"),
    ("Kyiv", "Ukraine"),
    ("the Kremlin", "Russia"),
    ("WHO officials", "World Health Organization"),
    ("OCHA", "United Nations"),
    ("the Libyan Red Crescent", "Libya"),
    ("Red Crescent volunteers", "Red Crescent"),
    # no alias: the phrase itself, without its article, common nouns in lower case
    ("Police", "police"),
    ("the police", "police"),
    ("Organizers", "organisers"),
    # lower-case "who" is a pronoun, not the World Health Organization
    ("residents who fled", "residents who fled"),
]


@pytest.mark.parametrize(("source", "entity"), ALIASES)
def test_alias_resolution(source: str, entity: str) -> None:
    assert resolve_entity(source, TABLE) == entity


def test_no_source_has_no_entity() -> None:
    assert resolve_entity(None, TABLE) is None


def test_article_teaches_a_name_its_body() -> None:
    text = "South Korean Defense Minister Kim Yong Hyun met his counterpart. Kim said more."
    names = doc_names(text, TABLE)
    assert names["Kim"] == "South Korea"
    assert resolve_entity("Kim", TABLE, names) == "South Korea"


def test_known_full_name_teaches_the_surname() -> None:
    names = doc_names("Defense Secretary Lloyd Austin spoke. Austin said more.", TABLE)
    assert resolve_entity("Austin", TABLE, names) == "United States"


@pytest.mark.parametrize(
    ("phrase", "person"),
    [
        ("a senior official", True),
        ("Kim", True),
        ("Deputy Press Secretary Sabrina Singh", True),
        ("the White House", False),
        ("Seoul", False),
        ("the interior ministry", False),
    ],
)
def test_person_or_body(phrase: str, person: bool) -> None:
    assert is_person(phrase, TABLE) is person


def test_user_folder_adds_an_alias(tmp_path: Path) -> None:
    (tmp_path / "sources.toml").write_text(
        '[capitals]\n"Strelsau" = "Ruritania"\n[bodies]\n"Pentagon" = "US Department of Defense"\n',
        encoding="utf-8",
    )
    table = entity_table(load_lexicon([tmp_path]))
    assert resolve_entity("Strelsau", table) == "Ruritania"
    assert resolve_entity("the Pentagon", table) == "US Department of Defense"
    assert resolve_entity("Seoul", table) == "South Korea"


# Would-be claimants: a name, a description headed by an agent noun, a pronoun; or nothing.
CLAIMANTS = [
    ("the Office of the Resident Coordinator", "the Office of the Resident Coordinator"),
    ("Health officials in the capital", "Health officials in the capital"),
    ("Independent researchers", "Independent researchers"),
    ("epidemiologists", "epidemiologists"),
    ("The Regional Seismic Network (RSN)", "The Regional Seismic Network (RSN)"),
    ("Kenya", "Kenya"),
    ("it", "it"),
    ("the ground motion", None),
    ("The highest", None),
    ("Insured damage", None),
    ("is the worst on record in", None),
    ("the total number of suspected and", None),
    ("compared to about 410 homes", None),
    ("the largest wave on the island", None),
    ("Figures", None),
    ("Official figures", None),
    ("police figures", "police"),
    ("Figures from the Red Cross", "the Red Cross"),
    ("UN estimates", "UN"),
]


@pytest.mark.parametrize(("phrase", "expected"), CLAIMANTS)
def test_a_claimant_is_a_name_or_an_agent(phrase: str, expected: str | None) -> None:
    from estimates.claims.cues import claimant, cue_grammar

    assert claimant(phrase, cue_grammar(load_lexicon())) == expected


def test_a_user_agent_noun_makes_a_description_a_claimant(tmp_path: Path) -> None:
    from estimates.claims.cues import claimant, cue_grammar

    assert claimant("the ground motion", cue_grammar(load_lexicon())) is None
    (tmp_path / "sources.toml").write_text('[agents]\nwords = ["motion"]\n', encoding="utf-8")
    assert claimant("the ground motion", cue_grammar(load_lexicon([tmp_path]))) == (
        "the ground motion"
    )


def test_a_statement_speaker_speaks_for_the_publishers_country() -> None:
    from estimates.claims import extract_claims
    from estimates.documents import Document

    doc = Document(
        id="h",
        title="Harbour closures: statement by the Transport Secretary",
        publisher="UK Parliament",
        text="Some 40 harbours have closed since the storm.",
        published="2025-01-10",
    )
    (c,) = extract_claims(doc)
    assert (c.source, c.source_entity) == ("the Transport Secretary", "United Kingdom")


def test_a_name_written_in_capitals_is_the_name() -> None:
    """A claimant in capitals ("SOUTH KOREA said", a dateline) once raised KeyError and lost
    its document; it resolves like the name in mixed case."""
    assert resolve_entity("SOUTH KOREA", TABLE) == "South Korea"
    assert resolve_entity("WASHINGTON", TABLE) == "United States"


@pytest.mark.parametrize(
    ("source", "entity"),
    [
        ("A University of Hong Kong statistician", "University of Hong Kong"),
        ("researchers at the Kyiv School of Economics", "Kyiv School of Economics"),
        ("Seoul National University Hospital doctors", "Seoul National University Hospital"),
        ("the Russian Academy of Sciences", "Russian Academy of Sciences"),
        ("the Hong Kong government", "Hong Kong"),  # a government speaks for its place
        ("a Kyiv hospital", "Ukraine"),  # no institution's name, only a place's
    ],
)
def test_an_institution_named_after_a_place_speaks_for_itself(source: str, entity: str) -> None:
    assert resolve_entity(source, TABLE) == entity

"""Counted nouns: heads of noun phrases, labels, singulars and plurals from the dictionary."""

import pytest

from estimates.claims.nouns import counted_noun, label_head, noun_grammar, plural, singular
from estimates.lexicon import load_lexicon

G = noun_grammar(load_lexicon())


@pytest.mark.parametrize(
    ("after", "head", "phrase"),
    [
        (" armoured personnel carriers rolled in", "carrier", "armoured personnel carrier"),
        (" field hospitals were set up", "hospital", "field hospital"),
        (" mobile field hospitals", "hospital", "mobile field hospital"),
        (" search and rescue team members arrived", "member", "search and rescue team member"),
        (" damaged and destroyed schools", "school", "damaged and destroyed school"),
        (" police officers were hurt", "officer", "police officer"),
        (" Dutch marines landed", "marine", "Dutch marine"),
        (" staff were sent", "staff", "staff"),
        (" people lost power", "people", "people"),
        (" fishermen", "fisherman", "fisherman"),
        (" lives were lost", "life", "life"),
        (" remain missing after the flood", "missing", "missing"),
        (" were killed in the blast", "death", "death"),
        (" dead and 30 hurt", "death", "death"),
        (" dams upstream of the town", "dam", "dam"),  # the dictionary knows only the verb
        (" bars closed early", "bar", "bar"),
        (" public swimming pools", "pool", "public swimming pool"),  # "pools" is a noun too
    ],
)
def test_the_head_of_the_whole_phrase_is_counted(after: str, head: str, phrase: str) -> None:
    found = counted_noun(after, False, G)
    assert found is not None
    assert (found.head, found.phrase) == (head, phrase)


def test_tanks_and_trucks_count_the_first_plural() -> None:
    found = counted_noun(" tanks and trucks", False, G)
    assert found is not None and found.head == "tank"


@pytest.mark.parametrize(
    ("label", "head"),
    [
        ("Deaths", "death"),
        ("Non-fatal injuries", "injury"),
        ("Structures destroyed", "structure"),
        ("Missing people", "people"),
        ("Displaced", "displaced"),
        ("Total Confirmed Infections", "infection"),
        ("Estimated Number of Homes Flooded by the Storm", "home"),
        ("Villages Reached Within the First Week", "village"),
        ("Depth", "depth"),
    ],
)
def test_a_label_names_what_its_number_counts(label: str, head: str) -> None:
    found = label_head(label, G)
    assert found is not None and found.head == head


@pytest.mark.parametrize(
    ("word", "one"),
    [
        ("men", "man"),
        ("lives", "life"),
        ("inches", "inch"),
        ("casualties", "casualty"),
        ("people", "people"),
        ("personnel", "personnel"),
        ("media", "media"),
        ("foreshocks", "foreshock"),
        ("missing", "missing"),
        ("co-sponsors", "co-sponsor"),
    ],
)
def test_singulars_come_from_the_dictionary(word: str, one: str) -> None:
    assert singular(word, G) == one


@pytest.mark.parametrize(
    ("noun", "many"),
    [
        ("man", "men"),
        ("life", "lives"),
        ("inch", "inches"),
        ("person", "people"),
        ("missing", "missing"),
        ("injured", "injured"),
        ("staff", "staff"),
        ("mile per hour", "miles per hour"),
        ("degree Celsius", "degrees Celsius"),
        ("square foot", "square feet"),
        ("percent", "percent"),
    ],
)
def test_plurals_come_from_the_dictionary(noun: str, many: str) -> None:
    assert plural(noun, G) == many

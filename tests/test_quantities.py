"""Quantities: qualifiers, ranges, changes, units, currencies, counted nouns, implicit nouns."""

import pytest

from estimates.claims import extract_claims
from estimates.claims.quantities import find_quantities
from estimates.documents.model import Document
from estimates.lexicon import load_lexicon

LEX = load_lexicon()
FIELDS = ("value", "low", "high", "qualifier", "change", "unit", "kind")


def found(text: str) -> list[tuple]:
    return [tuple(getattr(m, f) for f in FIELDS) for m in find_quantities(text, LEX)]


def spans(text: str) -> list[str]:
    return [text[m.start : m.end] for m in find_quantities(text, LEX)]


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("about 400 firefighters", "approx"),
        ("nearly 400 firefighters", "approx"),
        ("some 400 firefighters", "approx"),
        ("an estimated 400 firefighters", "approx"),
        ("at least 400 firefighters", "at_least"),
        ("more than 400 firefighters", "more_than"),
        ("over 400 firefighters", "more_than"),
        ("as many as 400 firefighters", "at_most"),
        ("up to 400 firefighters", "at_most"),
        ("fewer than 400 firefighters", "less_than"),
        ("400 firefighters or more", "at_least"),
        ("400 firefighters", "exact"),
    ],
)
def test_qualifiers(text: str, qualifier: str) -> None:
    assert found(text) == [(400, None, None, qualifier, None, "firefighter", "count")]


def test_sub_prefix_is_an_upper_bound() -> None:
    assert found("sub-7 nanometer chips") == [
        (7, None, None, "less_than", None, "nanometer", "length")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "between 10,000 and 12,000 sailors",
            (11000, 10000, 12000, "range", None, "sailor", "count"),
        ),
        ("10,000-12,000 sailors", (11000, 10000, 12000, "range", None, "sailor", "count")),
        ("10 to 12 km", (11, 10, 12, "range", None, "kilometer", "length")),
        ("11,000 to 12,000 troops", (11500, 11000, 12000, "range", None, "troop", "count")),
        ("from 5% to 7%", (6, 5, 7, "range", None, "percent", "percent")),
        ("between 2 and 4 million euros", (3e6, 2e6, 4e6, "range", None, "euro", "money")),
        ("$800,000 to $1.2 million", (1e6, 800_000, 1.2e6, "range", None, "dollar", "money")),
        ("a 5-10W lamp", (7.5, 5, 10, "range", None, "watt", "power")),
    ],
)
def test_ranges(text: str, expected: tuple) -> None:
    assert found(text) == [expected]


@pytest.mark.parametrize(
    ("text", "value", "change"),
    [
        ("Exports rose 5% last year.", 5, "up"),
        ("The garrison fell by 3,000 soldiers.", 3000, "down"),
        ("Sales grew by 12 percent.", 12, "up"),
        ("They cut spending by 40 million dollars.", 40e6, "down"),
        ("The index closed +0.4% higher.", 0.4, "up"),
        ("The index closed -1.2% lower.", -1.2, "down"),
        ("The number increased to 11,000.", 11000, None),
        ("Prices went from 20 to 30 dollars.", 25, None),
        ("The army now has 11,000 soldiers.", 11000, None),
    ],
)
def test_changes(text: str, value: float, change: str | None) -> None:
    (m,) = find_quantities(text, LEX)
    assert (m.value, m.change) == (value, change)


def test_a_year_is_no_end_of_a_range() -> None:
    text = "Sales rose 60% in 2018 to 3.9 million units."
    assert [(m.value, m.unit) for m in find_quantities(text, LEX)] == [
        (60, "percent"),
        (3.9e6, "unit"),
    ]


def test_a_restated_change_keeps_its_direction() -> None:
    text = "The index lost 120 points, or 1.5%, on Monday."
    assert [(m.value, m.change) for m in find_quantities(text, LEX)] == [
        (120, "down"),
        (1.5, "down"),
    ]


def test_unit_conversion_in_brackets_is_a_second_claim_with_the_same_bound() -> None:
    text = "The convoy drove more than 50 kilometers (30 miles) north."
    assert found(text) == [
        (50, None, None, "more_than", None, "kilometer", "length"),
        (30, None, None, "more_than", None, "mile", "length"),
    ]
    assert spans(text) == ["more than 50 kilometers", "30 miles"]


@pytest.mark.parametrize(
    ("text", "value", "unit", "kind"),
    [
        ("a $40 ticket", 40, "dollar", "money"),
        ("US$3.5 million in aid", 3.5e6, "dollar", "money"),
        ("€250 fines", 250, "euro", "money"),
        ("shares closed at Y=5,120", 5120, "yen", "money"),
        ("a £5m grant", 5e6, "pound sterling", "money"),
        ("HK $7 billion", 7e9, "hong kong dollar", "money"),
        ("USD15m for roads", 15e6, "dollar", "money"),
        ("paid 90 dollars", 90, "dollar", "money"),
        ("paid 90 euros", 90, "euro", "money"),
        ("a 30% share", 30, "percent", "percent"),
        ("a 30 per cent share", 30, "percent", "percent"),
        ("a 24pc rise", 24, "percent", "percent"),
        ("50 basis points", 50, "basis point", "percent"),
        ("a 64GB phone", 64, "gigabyte", "data"),
        ("a 5kW panel", 5, "kilowatt", "power"),
        ("gusts of 70mph", 70, "mile per hour", "speed"),
        ("a 40m (131ft) wall", 40, "meter", "length"),
        ("12m residents", 12e6, "resident", "count"),
        ("weighs 45g", 45, "gram", "mass"),
        ("a 2,000km pipeline", 2000, "kilometer", "length"),
        ("for 3min", 3, "minute", "duration"),
        ("a 20-year-old driver", 20, "year", "age"),
        ("a subscription of $5 a month", 5, "dollar per month", "money"),
        ("rent of £30 per square foot", 30, "pound sterling per square foot", "money"),
        ("output grew threefold", 3, None, "multiple"),
        ("a 3-fold rise", 3, None, "multiple"),
        ("averaging 21.5 ppg", 21.5, "point per game", "sport"),
        ("1.2 billion dinars", 1.2e9, "dinar", "money"),
        ("a 6.1-magnitude tremor", 6.1, "magnitude", "magnitude"),
        ("highs of 41C today", 41, "degree Celsius", "temperature"),
    ],
)
def test_units_and_currencies(text: str, value: float, unit: str, kind: str) -> None:
    m = find_quantities(text, LEX)[0]
    assert (m.value, m.unit, m.kind) == (value, unit, kind)


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("10,000 North Korean troops", "troop"),
        ("1,000 potentially storm-related deaths", "death"),
        ("64 people died", "people"),
        ("12,000 people took part", "people"),
        ("50 pro-democracy groups", "group"),
        ("60 commercial fishermen", "fisherman"),
        ("one particular problem", "problem"),
        ("one of the busiest ports", "port"),
        ("three Germans", "german"),
        ("dozens of ambulances", "ambulance"),
        ("eight more trucks", "truck"),
    ],
)
def test_counted_nouns(text: str, unit: str) -> None:
    (m,) = find_quantities(text, LEX)
    assert m.unit == unit


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It costs about 8 or $9.", [(8, "dollar"), (9, "dollar")]),
        ("eight or nine euros", [(8, "euro"), (9, "euro")]),
    ],
)
def test_a_bare_number_takes_its_neighbours_unit(text: str, expected: list) -> None:
    assert [(m.value, m.unit) for m in find_quantities(text, LEX)] == expected


def doc(text: str) -> Document:
    return Document(id="t", text=text, published="2024-05-01")


def test_implicit_counted_noun_comes_from_the_context() -> None:
    text = (
        "Officials say about 10,000 marines are on the island. "
        "The number sent there has increased to 11,000, an aide said. "
        "More than 3,000 of them are near the coast."
    )
    got = [(c.value, c.qualifier, c.change, c.unit) for c in extract_claims(doc(text), LEX)]
    assert got == [
        (10000, "approx", None, "marine"),
        (11000, "exact", None, "marine"),
        (3000, "more_than", None, "marine"),
    ]


def test_a_bare_level_counts_the_plural_subject_of_its_verb() -> None:
    text = "Arrests rose to 420 on Friday from 310 a day earlier."
    got = [(c.value, c.unit) for c in extract_claims(doc(text), LEX)]
    assert got == [(420, "arrest"), (310, "arrest")]


@pytest.mark.parametrize(
    ("text", "change"),
    [
        ("The army lost 5,000 soldiers in the battle.", None),
        ("The index lost 190 points.", "down"),
        ("The currency lost 4% against the dollar.", "down"),
        ("The firm shed 5,000 jobs.", "down"),
    ],
)
def test_losing_counted_things_is_a_toll_not_a_fall(text: str, change: str | None) -> None:
    (m,) = find_quantities(text, LEX)
    assert m.change == change


@pytest.mark.parametrize(
    ("text", "value", "change", "unit"),
    [
        ("Air defences shot down 34 drones overnight.", 34, None, "drone"),
        ("Police rounded up 40 protesters.", 40, None, "protester"),
        ("The index closed down 3% on Friday.", 3, "down", "percent"),
        ("Exports were up 12% in May.", 12, "up", "percent"),
    ],
)
def test_phrasal_particles_are_not_changes(
    text: str, value: float, change: str | None, unit: str
) -> None:
    (c,) = extract_claims(Document(id="p", text=text))
    assert (c.value, c.change, c.unit) == (value, change, unit)


def test_a_capitalised_street_is_an_address_but_their_way_is_not() -> None:
    assert extract_claims(Document(id="s", text="The office is at 10 Downing Street.")) == []
    (c,) = extract_claims(Document(id="w", text="He said another 3,000 were on their way."))
    assert c.value == 3000


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Rescuers said 212 missing were still being sought.", "missing"),
        ("The blast left at least 45 dead.", "death"),
        ("The floods left 300 homeless in the valley.", "homeless"),
        ("They found 40 dead cattle.", "cattle"),
    ],
)
def test_an_adjective_alone_after_a_count_names_what_is_counted(text: str, unit: str) -> None:
    (c,) = extract_claims(Document(id="a", text=text))
    assert c.unit == unit

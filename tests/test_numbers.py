"""Numerals: digits, separators, scale words and suffixes, words, fractions, vague multiples."""

import pytest

from estimates.claims.numbers import find_numerals
from estimates.lexicon import load_lexicon

LEX = load_lexicon()


def values(text: str) -> list[float]:
    return [round(n.value, 6) for n in find_numerals(text, LEX)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("about 11,000 soldiers", [11000]),
        ("a budget of 1,234,567.89 crowns", [1234567.89]),
        ("the rate was 0.75 and then .5", [0.75, 0.5]),
        ("1.5 million residents", [1_500_000]),
        ("3 million barrels", [3_000_000]),
        ("a $2bn loan", [2e9]),
        ("a £2 bn loan", [2e9]),
        ("10k runners", [10_000]),
        ("4.3M viewers", [4_300_000]),
        ("RM3.06mil in savings", [3_060_000]),
        ("twelve billion", [12e9]),
        ("2.5 trillion", [2.5e12]),
        ("three ferries", [3]),
        ("two dozen crates", [24]),
        ("a dozen eggs", [12]),
        ("a million voices", [1_000_000]),
        ("twenty-five thousand fans", [25_000]),
        ("one hundred and twenty boats", [120]),
        ("six hundred forty-two seats", [642]),
        ("half a million people", [500_000]),
    ],
)
def test_number_values(text: str, expected: list[float]) -> None:
    assert values(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("to reach a further 300 000 children", [300000]),  # a space between thousands
        ("some 1\u202f250\u202f000 ballots", [1250000]),  # a narrow no-break space
        ("Oro 21 600 130\nLuna 3 140 125\n", [21, 600, 130, 3, 140, 125]),  # table cells
        ("In 2019 100 people left.", [2019, 100]),
    ],
)
def test_thousands_set_apart_by_spaces(text: str, expected: list[float]) -> None:
    assert values(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a loss of -5 yards", [-5]),
        ("it fell to minus 40 degrees", [-40]),
        ("shares +0.4% today", [0.4]),
        ("1/4 of the cake", [0.25]),
        ("one in five voters", [0.2]),
        ("two out of three nurses", [round(2 / 3, 6)]),
        ("1 of 5 homes", [0.2]),
        ("two-thirds of the budget", [round(2 / 3, 6)]),
        ("a quarter of the staff", [0.25]),
        ("half of the ships", [0.5]),
        ("6.02×10^23 atoms", [6.02e23]),
    ],
)
def test_signs_fractions_and_exponents(text: str, expected: list[float]) -> None:
    assert values(text) == expected


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("dozens of boats", 12, 120),
        ("hundreds of homes", 100, 1000),
        ("thousands of protesters", 1000, 10_000),
        ("tens of thousands of people", 10_000, 100_000),
        ("hundreds of millions of dollars", 1e8, 1e9),
    ],
)
def test_vague_multiples_are_ranges(text: str, low: float, high: float) -> None:
    (n,) = find_numerals(text, LEX)
    assert (n.low, n.high, n.form) == (low, high, "vague")


@pytest.mark.parametrize(
    "text",
    ["an F-16 jet", "the Kh-101 missile", "fighting in the Su-34", "model X5"],
)
def test_letters_and_hyphen_before_digits_are_no_number(text: str) -> None:
    assert values(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "9" * 100_000,
        "1," * 100_000,
        "x" * 1_000_000,
        "1." * 50_000,
        "-" * 100_000 + "5",
    ],
)
def test_pathological_input_is_linear(text: str) -> None:
    """Runs at all (a catastrophic backtrack would hang the suite)."""
    assert isinstance(find_numerals(text, LEX), list)


@pytest.mark.parametrize(
    ("text", "value", "plus"),
    [
        ("7,000+ injured", 7000, True),
        ("US$15+ billion", 15e9, True),
        ("9,000+ acres", 9000, True),
        ("shares +0.4% today", 0.4, False),
        ("6.1 +/- 0.3 km", 6.1, False),
    ],
)
def test_a_plus_after_the_digits_marks_at_least(text: str, value: float, plus: bool) -> None:
    n = find_numerals(text, LEX)[0]
    assert (n.value, n.plus) == (value, plus)


def test_two_plus_two_is_two_numbers_without_plus() -> None:
    assert [(n.value, n.plus) for n in find_numerals("the 2+2 format", LEX)] == [
        (2, False),
        (2, False),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Deaths80", [80]),  # a label run into its value: the label stage reads it
        ("Missing people1,500", [1500]),
        ("a magnitude-6.1 quake", [6.1]),
        ("COVID19 cases", []),  # capitals before digits stay one name
        ("model X5", []),
    ],
)
def test_digits_run_into_a_lower_case_word(text: str, expected: list[float]) -> None:
    assert values(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("nearly a quarter of a million people", [250_000]),
        ("quarter of a million", [250_000]),
        ("three quarters of a billion dollars", [750_000_000]),
        ("a third of the voters", [round(1 / 3, 6)]),
        ("in the third quarter of the year", []),
    ],
)
def test_fractions_of_scale_words(text: str, expected: list[float]) -> None:
    assert values(text) == expected

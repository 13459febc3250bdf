"""Units: names, symbols and prefixes from pint and CLDR; conversion for the reconciler."""

import pytest

from estimates.claims.units import (
    convert,
    dimension_key,
    prefix_before,
    unit_after,
    unit_table,
)
from estimates.lexicon import load_lexicon


@pytest.mark.parametrize(
    ("value", "unit", "to_unit", "expected"),
    [
        (50, "kilometer", "mile", 31.0686),
        (30, "mile", "kilometer", 48.2803),
        (2, "metric_ton", "kilogram", 2000),
        (100, "degree_Celsius", "degree_Fahrenheit", 212),
        (1, "square_kilometer", "hectare", 100),
        (250, "basis_point", "percentage_point", 2.5),
        (120, "kilometer_per_hour", "mile_per_hour", 74.5645),
        (2, "cent", "dollar", 0.02),
        (3, "hour", "minute", 180),
        (7, "dollar", "dollar", 7),
    ],
)
def test_convert_within_a_dimension(value, unit, to_unit, expected) -> None:
    assert convert(value, unit, to_unit) == pytest.approx(expected, rel=1e-4)


@pytest.mark.parametrize(
    ("unit", "to_unit"),
    [
        ("dollar", "euro"),
        ("kilometer", "kilogram"),
        ("troop", "soldier"),
        ("troop", "kilometer"),
        (None, "kilometer"),
        ("kilometer", "no such unit!"),
    ],
)
def test_convert_across_dimensions_or_to_nouns_is_none(unit, to_unit) -> None:
    assert convert(1.0, unit, to_unit) is None


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("kilometer", "mile", True),
        ("km", "meter", True),
        ("hectare", "square_mile", True),
        ("dollar", "euro", False),
        ("troop", "troop", True),
        ("troop", "soldier", False),
        ("kilometer", "troop", False),
        (None, "", True),
    ],
)
def test_dimension_key(a, b, same) -> None:
    assert (dimension_key(a) == dimension_key(b)) is same


def test_dimension_key_values() -> None:
    assert dimension_key("mile") == "[length]"
    assert dimension_key("dollar") == "[currency_usd]"
    assert dimension_key("troop") == "count:troop"
    assert dimension_key(None) == "count"


def test_counted_nouns_are_not_pint_units() -> None:
    assert dimension_key("kilometer") == "[length]" and dimension_key("euro") == "[currency_eur]"
    assert dimension_key("troop") == "count:troop"


LEX = load_lexicon()
TABLE = unit_table(LEX)


@pytest.mark.parametrize(
    ("after", "unit", "kind"),
    [
        (" kilopascals of pressure", "kilopascal", "pressure"),
        (" hPa at the centre", "hectopascal", "pressure"),
        (" millibars", "millibar", "pressure"),
        (" mSv a year", "millisievert", "radiation_dose"),
        (" EBq of xenon", "exabecquerel", "frequency"),
        (" kilotonnes of grain", "kilotonne", "mass"),
        (" nautical miles out", "nautical mile", "length"),
        (" fluid ounces", "fluid ounce", "volume"),
        (" cm/s at the station", "centimeter per second", "speed"),
        (" mph gusts", "mile per hour", "speed"),
        (" metres deep", "meter", "length"),
        (" hectares burned", "hectare", "area"),
        (" ha burned", "hectare", "area"),
        (" Mw quake", "magnitude", "magnitude"),
        (" MW plant", "megawatt", "power"),
        (" Canadian dollars", "canadian dollar", "money"),
        (" Kenyan shillings", "kenyan shilling", "money"),
        (" KES", "kenyan shilling", "money"),
        (" yuan", "yuan", "money"),
    ],
)
def test_units_written_after_a_number(after: str, unit: str, kind: str) -> None:
    hit = unit_after("5" + after, 1, len(after) + 1, TABLE, LEX)
    assert hit is not None and (hit.unit, hit.kind) == (unit, kind)


@pytest.mark.parametrize(
    "after",
    [" in the morning", " at dawn", " are left", " points behind", " hands on deck", "nd place"],
)
def test_everyday_words_after_a_number_are_no_units(after: str) -> None:
    assert unit_after("5" + after, 1, len(after) + 1, TABLE, LEX) is None


@pytest.mark.parametrize(
    ("before", "unit"),
    [
        ("$", "dollar"),
        ("US$", "dollar"),
        ("U.S. $", "dollar"),
        ("HK $", "hong kong dollar"),
        ("C$ ", "canadian dollar"),
        ("CA$", "canadian dollar"),
        ("CAD ", "canadian dollar"),
        ("Rs ", "rupee"),
        ("₹", "rupee"),
        ("€", "euro"),
        ("NZ$", "new zealand dollar"),
        ("Damage$", "dollar"),  # a label run into the sign
    ],
)
def test_currencies_written_before_a_number(before: str, unit: str) -> None:
    text = "paid " + before + "5"
    hit = prefix_before(text, 0, len(text) - 1, TABLE)
    assert hit is not None and hit.unit == unit


@pytest.mark.parametrize("before", ["a $", "Top ", "ALL ", "PEN "])
def test_words_before_a_number_are_no_currency_codes(before: str) -> None:
    text = before + "5"
    hit = prefix_before(text, 0, len(text) - 1, TABLE)
    assert hit is None or hit.unit == "dollar"


@pytest.mark.parametrize(
    ("value", "unit", "to_unit", "expected"),
    [
        (120, "kilometer per hour", "mile per hour", 74.5645),
        (2, "metric ton", "kilogram", 2000),
        (100, "degree Celsius", "degree Fahrenheit", 212),
        (951, "millibar", "hectopascal", 951),
        (1, "exabecquerel", "petabecquerel", 1000),
    ],
)
def test_convert_units_named_in_words(value, unit, to_unit, expected) -> None:
    assert convert(value, unit, to_unit) == pytest.approx(expected, rel=1e-4)


def test_every_cldr_currency_is_its_own_dimension() -> None:
    assert dimension_key("kenyan shilling") == "[currency_kes]"
    assert dimension_key("canadian dollar") != dimension_key("dollar")
    assert dimension_key("pound sterling") == "[currency_gbp]"
    assert dimension_key("point") == "count:point"

"""Unit conversion with pint for the reconciler: same dimension converts, others give None."""

import pytest

from estimates.claims.units import convert, dimension_key, is_pint_unit


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
    assert is_pint_unit("kilometer") and is_pint_unit("euro")
    assert not is_pint_unit("troop") and not is_pint_unit(None)

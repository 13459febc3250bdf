"""Unit conversion with pint: `convert` between units of one dimension, `dimension_key` to
tell which units can meet ("kilometer" and "mile" share "[length]")."""

from __future__ import annotations

from functools import cache
from typing import Any

from estimates.lexicon import load_lexicon, unit_definition_files


@cache
def _registry() -> Any:
    """pint's default registry plus the lexicon's `units.txt` definitions, built once."""
    import pint

    ureg: Any = pint.UnitRegistry(on_redefinition="ignore")
    for path in unit_definition_files(load_lexicon()):
        ureg.load_definitions(str(path))
    return ureg


def convert(value: float, unit: str, to_unit: str) -> float:
    """`value` in `unit` expressed in `to_unit`; ValueError when they cannot meet."""
    ureg = _registry()
    try:
        return float(ureg.Quantity(value, unit).to(to_unit).magnitude)
    except Exception as e:  # pint raises several error types for unknown or mismatched units
        raise ValueError(f"cannot convert {unit!r} to {to_unit!r}: {e}") from None


def dimension_key(unit: str) -> str:
    """The dimension of a unit as text ("[length]"); ValueError for an unknown unit."""
    try:
        return str(_registry().Unit(unit).dimensionality)
    except Exception as e:  # unknown unit names
        raise ValueError(f"unknown unit {unit!r}: {e}") from None

"""Unit arithmetic for the reconciler: convert between units of one dimension with pint.

The pint registry (pint's defaults plus every `units.txt` in the lexicon folders) is built
lazily, once per lexicon: importing pint takes about a second, so `estimates --help` never
pays for it. Counted nouns ("troop") and unknown names are not pint units: `convert` gives
None for them, and `dimension_key` keys them by the noun itself.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from estimates.lexicon import Lexicon, load_lexicon, unit_definition_files


@cache
def registry(lexicon: Lexicon | None = None) -> Any:
    """The pint UnitRegistry for `lexicon` (the built-in one by default), built once."""
    import pint

    reg: Any = pint.UnitRegistry(on_redefinition="ignore")
    for path in unit_definition_files(lexicon or load_lexicon()):
        reg.load_definitions(str(path))
    return reg


@cache
def _parse(unit: str, lexicon: Lexicon | None) -> Any:
    """The pint unit named `unit`, or None when pint does not know it."""
    if not unit or not unit.replace("_", "").isalpha():
        return None
    reg = registry(lexicon)
    try:
        return reg.parse_units(unit.replace("_per_", " / "))
    except Exception:  # pint raises several error types for unknown or malformed names
        return None


def is_pint_unit(unit: str | None, lexicon: Lexicon | None = None) -> bool:
    """True when `unit` names a pint unit (a measurement or currency, not a counted noun)."""
    return unit is not None and _parse(unit, lexicon) is not None


def convert(
    value: float, unit: str | None, to_unit: str | None, lexicon: Lexicon | None = None
) -> float | None:
    """`value` in `unit` expressed in `to_unit`; None when either is no pint unit or the
    dimensions differ (kilometers to miles works, dollars to euros and troops do not)."""
    if unit is None or to_unit is None:
        return None
    if unit == to_unit:
        return float(value)
    src, dst = _parse(unit, lexicon), _parse(to_unit, lexicon)
    if src is None or dst is None:
        return None
    reg = registry(lexicon)
    try:
        return float(reg.Quantity(value, src).to(dst).magnitude)
    except Exception:  # DimensionalityError, OffsetUnitCalculusError
        return None


def dimension_key(unit: str | None, lexicon: Lexicon | None = None) -> str:
    """A key shared by units that convert into each other: 'km' and 'mile' both give
    '[length]'; a currency gives its own '[currency_usd]'; a counted noun gives 'count:troop';
    no unit gives 'count'."""
    if not unit:
        return "count"
    parsed = _parse(unit, lexicon)
    if parsed is None:
        return f"count:{unit.lower()}"
    dims = registry(lexicon).get_dimensionality(parsed)
    return str(dims) if dims else f"dimensionless:{unit}"

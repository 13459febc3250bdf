"""Units: every name, symbol and abbreviation of a unit or a currency, and unit arithmetic.

One module serves both ends of the data path: the extractor reads "15.3 EBq", "C$ 100",
"7.8 Mw" and "108 cm/s" with `unit_after` and `prefix_before`; the reconciler converts between
the units they give with `convert` and keys them with `dimension_key`. The forms come from
pint's registry (names, plurals, symbols, aliases, SI prefixes), from the Unicode CLDR through
Babel (every currency's English name, symbol and ISO code) and from the lexicon's units.toml,
which wins where they disagree. A unit is named in words, singular, as pint names it but with
spaces: "kilometer", "mile per hour", "degree Celsius", "pound sterling"; counted nouns
("troop") are no pint units. The registry and the tables are built lazily, once per lexicon:
loading pint takes a fraction of a second, so `estimates --help` never pays for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from estimates.lexicon import Lexicon, load_lexicon, unit_definition_files

MAX_UNIT_CHARS = 32
"""The longest unit written after a number ("kilometres per hour", "degrees Fahrenheit")."""

MAX_PREFIX_CHARS = 8
"""The longest currency written before a number, with its space ("U.S. $ ")."""

PARSE_CACHE = 8192
"""Distinct unknown words after numbers whose pint reading ("EBq", "millibars") is kept."""

Entry = tuple[str, str]  # (unit, kind)
_SPACE = " \xa0\t"
_BOUNDARY_BEFORE = " \xa0\t\n([\"“'‘/-–—~≈<>"


@dataclass(frozen=True)
class UnitHit:
    """A unit found next to a number: its name, kind and where it is written."""

    unit: str
    kind: str
    start: int
    end: int
    amounts_only: bool = False  # a prefix read only before an amount with a scale or separators


@dataclass(frozen=True)
class UnitTable:
    """Every written form of a unit, by how it may be written."""

    cased: Mapping[str, Entry]  # symbols and ISO codes, exact case ("Mw", "km", "CAD")
    names: Mapping[str, Entry]  # names and plurals, any case ("kilometres", "Canadian dollars")
    glued: Mapping[str, Entry]  # only glued to the digits ("24pc")
    prefix: Mapping[str, Entry]  # before the number, any case ("$", "us$", "rs")
    prefix_cased: Mapping[str, Entry]  # before the number, exact case ("CAD", "KES")
    per: Mapping[str, Entry]  # any symbol after "/" ("s" in "cm/s")
    prefix_last: frozenset[str]  # the last characters of prefixes, to skip most numbers fast
    before: Mapping[str, Entry]  # measure words written before the number ("magnitude 7.8")
    prefix_amounts: Mapping[str, Entry]  # prefixes read only before amounts ("PS2.7m")
    first_words: frozenset[str]  # first words of units written with spaces ("square", "per")


def display(name: str) -> str:
    """A pint unit name as the claims write it: 'mile_per_hour' -> 'mile per hour'."""
    return name.replace("_", " ")


def registry(lexicon: Lexicon | None = None) -> Any:
    """The pint UnitRegistry for `lexicon` (the built-in one by default), built once: pint's
    defaults, every `units.txt` in the lexicon folders, and one dimension per CLDR currency."""
    return _registry(lexicon or load_lexicon())


@cache
def _registry(lex: Lexicon) -> Any:
    import pint

    reg: Any = pint.UnitRegistry(on_redefinition="ignore")
    for path in unit_definition_files(lex):
        reg.load_definitions(str(path))
    for code, name in _currency_names(lex).items():
        if code.lower() not in reg._units and name not in reg._units:  # exact names only
            reg.define(f"{name} = [currency_{code.lower()}] = {code.lower()}")
    return reg


@cache
def _currency_names(lexicon: Lexicon) -> dict[str, str]:
    """ISO code -> a pint-safe name from CLDR's English one ("KES" -> "kenyan_shilling"), for
    every currency that is legal tender somewhere today."""
    from babel.numbers import get_currency_name

    skip = set(_words(lexicon, "currencies", "skip_codes"))
    out = {}
    for code in sorted(_currencies_in_use()):
        if code in skip:
            continue
        name = re.sub(r"\s*\(.*?\)", "", get_currency_name(code, locale="en"))
        out[code] = re.sub(r"\W+", "_", name.lower()).strip("_")
    return out


def _currencies_in_use() -> set[str]:
    """ISO codes of the currencies that are legal tender in some territory today (CLDR)."""
    from datetime import date

    from babel import Locale
    from babel.numbers import get_territory_currencies

    codes: set[str] = set()
    for territory in Locale("en").territories:
        codes |= set(get_territory_currencies(str(territory), date.today(), tender=True))
    return codes


def _words(lexicon: Lexicon, section: str, key: str) -> list[str]:
    return [str(w) for w in lexicon.section("units", section).get(key, [])]


def _entries(lexicon: Lexicon, section: str) -> dict[str, Entry]:
    return {
        k: (display(str(v[0])), str(v[1])) for k, v in lexicon.section("units", section).items()
    }


@cache
def unit_table(lexicon: Lexicon) -> UnitTable:
    """The written forms of every unit and currency for `lexicon`, built once."""
    reg = registry(lexicon)
    cased: dict[str, Entry] = {}
    names: dict[str, Entry] = {}
    per: dict[str, Entry] = {}
    for canonical, keys, kind in _pint_units(reg, lexicon):
        _add_pint_forms(reg, canonical, keys, kind, lexicon, cased, names, per)
    prefix: dict[str, Entry] = {}
    prefix_cased: dict[str, Entry] = {}
    _add_currencies(reg, lexicon, cased, names, prefix, prefix_cased)
    spelled = {k.lower(): v for k, v in _entries(lexicon, "units").items()}
    cased = {k: v for k, v in cased.items() if k.lower() not in spelled}  # "kn": the lexicon's
    cased.update(_entries(lexicon, "units_cased"))
    names.update(spelled)
    prefix.update({k.lower(): v for k, v in _entries(lexicon, "prefix").items()})
    glued = {k.lower(): v for k, v in _entries(lexicon, "units_glued").items()}
    per.update(cased)
    per.update(names)
    last = frozenset(c for k in (*prefix, *prefix_cased) for c in (k[-1], k[-1].upper()))
    before = {k.lower(): v for k, v in _entries(lexicon, "before").items()}
    amounts = {k.lower(): v for k, v in _entries(lexicon, "prefix_amounts").items()}
    last |= frozenset(c for k in amounts for c in (k[-1], k[-1].upper()))
    starts = {k.split(" ")[0].lower() for k in (*cased, *names, *glued) if " " in k}
    return UnitTable(
        cased, names, glued, prefix, prefix_cased, per, last, before, amounts, frozenset(starts)
    )


def _pint_units(reg: Any, lexicon: Lexicon) -> Iterable[tuple[str, set[str], str]]:
    """(name, every key naming it, kind) for the pint units the lexicon reads."""
    groups: dict[str, set[str]] = {}
    for key in reg:
        try:
            groups.setdefault(reg.get_name(key), set()).add(key)
        except Exception:  # pint raises several error types for odd registry keys
            continue
    for canonical, keys in groups.items():
        kind = _kind_of(reg, canonical, lexicon)
        if kind is not None:
            yield canonical, keys, kind


def _kind_of(reg: Any, canonical: str, lexicon: Lexicon, prefixed: bool = False) -> str | None:
    """The kind of a pint unit the lexicon reads ("length"), or None for one it skips; a word
    skipped alone is read with a prefix ("bar" is a word, "mbar" a unit)."""
    skip = frozenset() if prefixed else _skip(lexicon)
    if canonical in skip or any(p in canonical for p in _words(lexicon, "pint", "skip_parts")):
        return None
    if canonical.startswith("currency_") or canonical.startswith("["):
        return None
    dims = lexicon.section("units", "pint").get("dimensions", {})
    try:
        kind = dims.get(str(reg.get_dimensionality(canonical)))
    except Exception:  # a unit pint cannot reduce
        return None
    return str(kind) if kind else None


@cache
def _skip(lexicon: Lexicon) -> frozenset[str]:
    return frozenset(_words(lexicon, "pint", "skip"))


def _add_pint_forms(
    reg: Any,
    canonical: str,
    keys: set[str],
    kind: str,
    lexicon: Lexicon,
    cased: dict[str, Entry],
    names: dict[str, Entry],
    per: dict[str, Entry],
) -> None:
    """A pint unit's names and plurals (any case) and its symbols and short aliases (cased)."""
    from estimates.claims.nouns import noun_grammar, plural

    g = noun_grammar(lexicon)
    entry = (display(canonical), kind)
    min_symbol = int(lexicon.section("units", "pint").get("min_symbol", 2))
    skip = _skip(lexicon)
    for key in keys | {canonical}:
        if key in skip:
            continue
        per[key] = entry
        if _is_name(key, canonical):
            spaced = display(key)
            for form in {spaced, plural(spaced, g)}:
                names[form.lower()] = entry
                names[form.lower().replace(" ", "-")] = entry
        elif len(key) >= min_symbol and not _english(key):
            cased[key] = entry


def _is_name(key: str, canonical: str) -> bool:
    """A unit's name or long alias ('metre', 'fahrenheit'), not a symbol ('km', 'degF')."""
    letters = key.replace("_", "")
    lower = letters.islower() or "_" in key and key.split("_")[-1].islower()  # "US_pint"
    return letters.isalpha() and lower and (key == canonical or len(key) >= 4)


def _english(key: str) -> bool:
    """A short lower-case alias that is an English word ('in', 'at'): no symbol after numbers."""
    from estimates.claims.nouns import is_word

    return key.islower() and is_word(key)


def _add_currencies(
    reg: Any,
    lexicon: Lexicon,
    cased: dict[str, Entry],
    names: dict[str, Entry],
    prefix: dict[str, Entry],
    prefix_cased: dict[str, Entry],
) -> None:
    """Every CLDR currency by its English names, its symbol and its ISO code."""
    from babel.numbers import get_currency_name, get_currency_symbol

    for code, name in _currency_names(lexicon).items():
        known = reg._units.get(code.lower()) or reg._units.get(name)
        if known is None:
            continue
        entry = (display(known.name), "money")
        for count in (1, 2):
            name = re.sub(r"\s*\(.*?\)", "", get_currency_name(code, count, locale="en"))
            names[name.lower()] = entry
        cased[code] = prefix_cased[code] = entry
        symbol = get_currency_symbol(code, locale="en")
        if symbol != code and not symbol.isalpha():
            prefix[symbol.lower()] = entry


def unit_after(text: str, pos: int, hi: int, t: UnitTable, lexicon: Lexicon) -> UnitHit | None:
    """The longest unit written right after a number ending at `pos`, before `hi`: glued
    ("5kW"), after one space ("7.8 Mw") or a hyphen ("a 10-km run", names only)."""
    if pos >= hi:
        return None
    sep = text[pos]
    glued = sep not in _SPACE and sep != "-"
    start = pos if glued else pos + 1
    run = _UNIT_RUN.match(text, start, min(hi, start + MAX_UNIT_CHARS))
    if run is None:
        return None
    ends = [m.end() for m in _UNIT_END.finditer(text, start, run.end())]
    space = _SPACE_RE.search(text, start, run.end())
    if space is not None and text[start : space.start()].lower() not in t.first_words:
        ends = [e for e in ends if e <= space.start()]  # no unit begins "people who were"
    for end in reversed(ends):
        key = text[start:end]
        if " " in key or "\xa0" in key:
            key = " ".join(key.split())
        entry = t.glued.get(key.lower()) if glued else None
        compound = len(key) == 1 and _noun_compound(text, end)  # "5 t-shirts": no tonnes
        if entry is None and sep != "-" and not compound:
            entry = t.cased.get(key)
        entry = entry or t.names.get(key.lower())
        if entry is None and " " not in key:
            entry = _rate(key, t, lexicon) or _prefixed(key, lexicon)
        if entry is not None:
            return UnitHit(entry[0], entry[1], start, end)
    return None


_HYPHENED = re.compile(r"-([a-z]+)")


def _noun_compound(text: str, end: int) -> bool:
    """A letter joined by a hyphen to a plural noun ("t-shirts", "x-rays"): a word, no unit
    symbol; "5 m-high" keeps its meters."""
    from estimates.claims.nouns import lemmas

    m = _HYPHENED.match(text, end)
    if m is None:
        return False
    word = m.group(1)
    return word.endswith("s") and any(word != n for n in lemmas(word).get("NOUN", (word,)))


_UNIT_RUN = re.compile(r"[^\s\d]+(?:[ \xa0][^\s\d]+){0,3}")
"""Up to four words after a number: where a unit may be written."""
_SPACE_RE = re.compile(r"[ \xa0]")
_UNIT_END = re.compile(r"\S(?![0-9A-Za-z])")
"""The last character of a possible unit: no letter or digit follows it."""


def _rate(key: str, t: UnitTable, lexicon: Lexicon) -> Entry | None:
    """'cm/s', 'km/h': a unit per a unit, named with 'per' ('centimeter per second')."""
    top, slash, bottom = key.partition("/")
    if not slash or not top or not bottom or "/" in bottom:
        return None
    a = t.cased.get(top) or t.names.get(top.lower()) or _prefixed(top, lexicon)
    b = t.per.get(bottom) or _prefixed(bottom, lexicon)
    if a is None or b is None or a[1] == "money":
        return None
    unit = f"{a[0]} per {b[0]}"
    return unit, _kind_of_expression(unit, lexicon) or "rate"


def _kind_of_expression(unit: str, lexicon: Lexicon) -> str | None:
    parsed = _parse(unit, lexicon)
    if parsed is None:
        return None
    dims = lexicon.section("units", "pint").get("dimensions", {})
    kind = dims.get(str(registry(lexicon).get_dimensionality(parsed)))
    return str(kind) if kind else None


@lru_cache(maxsize=PARSE_CACHE)
def _prefixed(token: str, lexicon: Lexicon) -> Entry | None:
    """A unit with an SI prefix that pint reads, as a symbol ('EBq', 'mbar', 'µSv') or a name
    ('exabecquerels', 'kilotonnes'); None for anything else."""
    if not token.replace("µ", "").replace("μ", "").isalpha():
        return None
    reg = registry(lexicon)
    try:
        found = reg.parse_unit_name(token)
    except Exception:  # pint raises several error types for odd names
        return None
    if len(found) != 1:
        return None
    pre, base, suffix = found[0]
    if not pre or suffix or pre not in _words(lexicon, "pint", "prefixes"):
        return None
    if base not in _words(lexicon, "pint", "prefixable"):
        return None
    kind = _kind_of(reg, base, lexicon, prefixed=True)
    if kind is None:
        return None
    if token != reg.get_symbol(pre + base) and not token.lower().startswith(pre):
        return None  # neither the prefixed symbol ("EBq") nor the prefixed name ("millibars")
    return display(pre + _plain_name(reg, base)), kind


def _plain_name(reg: Any, base: str) -> str:
    """A name a prefix can stand before: 'metric_ton' -> 'tonne', 'watt_hour' stays."""
    if "_" not in base:
        return base
    aliases = [a for a in reg._units[base].aliases if a.isalpha() and a.islower()]
    return aliases[0] if aliases else base


def prefix_before(text: str, lo: int, start: int, t: UnitTable) -> UnitHit | None:
    """The currency written right before a number at `start` ("$", "US$", "HK $", "Rs ",
    "CAD ", "U.S. $"), after a space, a bracket or a label glued to it ("Damage$5 billion")."""
    end = start - 1 if start - 1 > lo and text[start - 1] in _SPACE else start
    if end <= lo or text[end - 1] not in t.prefix_last:
        return None
    floor = max(lo, start - MAX_PREFIX_CHARS)
    for begin in range(floor, end):
        body = text[begin:end]
        if body[0] in _SPACE:
            continue
        before = text[begin - 1] if begin > lo else ""
        glued_label = before.isalpha() and before.islower() and not body[0].islower()
        if before and before not in _BOUNDARY_BEFORE and not glued_label:
            continue
        key = _squeeze(body)
        entry = t.prefix.get(key.lower()) or t.prefix_cased.get(key)
        if entry is not None:
            return UnitHit(entry[0], entry[1], begin, start)
        entry = t.prefix_amounts.get(key.lower())
        if entry is not None and body[0].isupper():
            return UnitHit(entry[0], entry[1], begin, start, amounts_only=True)
    return None


_SPACED_SIGN = re.compile(r"(.*?)\s+([$€£¥])")


def _squeeze(body: str) -> str:
    """'HK $' -> 'HK$', 'U.S. $' -> 'U.S.$'; 'a $' stays (an article, then a dollar sign)."""
    if " " not in body:
        return body
    m = _SPACED_SIGN.fullmatch(body)
    if m and sum(c.isalpha() for c in m.group(1)) >= 2:
        return m.group(1) + m.group(2)
    return body


def _parse(unit: str, lexicon: Lexicon | None) -> Any:
    """The pint unit named `unit` ("mile per hour", "mile_per_hour"), or None when pint does
    not know it or the lexicon reads the name as a noun ("point")."""
    return _parse_in(unit, lexicon or load_lexicon())


@lru_cache(maxsize=PARSE_CACHE)
def _parse_in(unit: str, lexicon: Lexicon) -> Any:
    parts = re.split(r" per |_per_", unit) if unit else []
    if not parts or not all(p.replace("_", "").replace(" ", "").isalpha() for p in parts):
        return None
    if unit in _skip(lexicon):
        return None
    reg = registry(lexicon)
    try:
        return reg.parse_units(" / ".join(p.strip().replace(" ", "_") for p in parts))
    except Exception:  # pint raises several error types for unknown or malformed names
        return None


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

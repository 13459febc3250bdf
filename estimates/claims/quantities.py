"""Quantities: a numeral with its bounds, unit or counted noun, and direction of change.

Stages, in order (each a small function over the text around numerals):
  read        each numeral with its currency ("$", "US$"), unit ("km", "%", glued "5kW"),
              qualifier ("about", "at least", "or more") and counted noun ("troops")
  ranges      "between 10 and 12", "10-12 km", "11,000 to 12,000 troops", "5% to 10%"
  share unit  "8 or $9", "eight or nine euros": a bare number takes its neighbour's unit
  change      "rose 5%", "fell by 3,000", "a 5% increase", "+0.2%"
  filters     dates, years, clock times, identifiers, addresses, furniture (see filters.py)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache

from estimates.claims.filters import FilterGrammar, filter_grammar, is_not_a_claim
from estimates.claims.nouns import NounGrammar, counted_noun, noun_grammar
from estimates.claims.numbers import OUT_OF_RANGE, Numeral, find_numerals
from estimates.lexicon import Lexicon

CONTEXT = 80
"""Characters of context read on each side of a numeral (one clause is enough)."""

PREFIX_WINDOW = 6
"""The longest currency prefix ('HK $') plus a space: how far back a prefix is looked for."""

CHANGE_GAP = 3
"""Words allowed between a change verb and 'by' ("grow sales by 35%")."""


@dataclass(frozen=True)
class Mention:
    """A quantity found in text, before attribution: span, bounds, unit and change."""

    start: int
    end: int
    value: float
    low: float | None
    high: float | None
    qualifier: str
    change: str | None
    unit: str | None
    kind: str
    subject: str | None  # the counted noun phrase or the words after a measurement


@dataclass(frozen=True)
class Part:
    """One numeral read with its surroundings, before ranges are joined."""

    num: Numeral
    start: int  # from the qualifier or currency sign
    end: int  # through the unit or counted noun
    unit_end: int  # through the unit only (the numeral's end when there is none)
    value: float
    unit: str | None
    kind: str
    qualifier: str
    subject: str | None
    junk: bool  # letters glued to the digits that are no unit ("5G", "22nd")
    prefixed: bool  # a currency sign stands before the number


@dataclass(frozen=True)
class QuantityGrammar:
    """Compiled unit, currency, qualifier and change tables of one lexicon."""

    prefix: re.Pattern[str]
    prefix_units: dict[str, tuple[str, str]]
    unit: re.Pattern[str]
    unit_cased: re.Pattern[str]
    unit_glued: re.Pattern[str]
    units: dict[str, tuple[str, str]]
    per: re.Pattern[str]
    per_units: dict[str, str]
    qual_before: re.Pattern[str]
    qual_window: int
    quals_before: dict[str, str]
    qual_after: re.Pattern[str]
    quals_after: dict[str, str]
    changes: dict[str, str]
    measure_changes: frozenset[str]
    phrasal: frozenset[str]  # verbs whose "up"/"down" particle is no change
    meter_words: frozenset[str]
    nouns: NounGrammar
    filters: FilterGrammar


def _alt(words: list[str]) -> str:
    if not words:
        raise ValueError("empty word group")
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _prefix_alt(words: list[str]) -> str:
    """Currency prefixes; 'hk$' also matches 'HK $' (but 'a $5 fee' is not 'A$')."""
    return re.sub(r"(?:(?<=[b-z])|(?<=[a-z]{2}))\\\$", r"\\s?\\$", _alt(words))


def _table(lexicon: Lexicon, section: str) -> dict[str, tuple[str, str]]:
    return {k: (str(v[0]), str(v[1])) for k, v in lexicon.section("units", section).items()}


@cache
def grammar(lexicon: Lexicon) -> QuantityGrammar:
    """Compile the lexicon's unit, currency and qualifier tables into patterns, once."""
    prefix_units = {k.lower(): v for k, v in _table(lexicon, "prefix").items()}
    insensitive = {k.lower(): v for k, v in _table(lexicon, "units").items()}
    cased, glued = _table(lexicon, "units_cased"), _table(lexicon, "units_glued")
    qb = {k.lower(): v for k, v in lexicon.section("qualifiers", "before").items()}
    per = {k.lower(): str(v) for k, v in lexicon.section("units", "per").items()}
    qa = {k.lower(): v for k, v in lexicon.section("qualifiers", "after").items()}
    end = r"(?![A-Za-z0-9])"
    changes = {k.lower(): v for k, v in lexicon.file("nouns").get("change", {}).items()}
    return QuantityGrammar(
        prefix=re.compile(
            rf"(?:^|(?<=[\s(\[\"“]))(?P<p>{_prefix_alt(list(prefix_units))})\s?$", re.I
        ),
        prefix_units=prefix_units,
        unit=re.compile(rf"(?:\s|-)?(?P<u>{_alt(list(insensitive))}){end}", re.I),
        unit_cased=re.compile(rf"\s?(?P<u>{_alt(list(cased))}){end}"),
        unit_glued=re.compile(rf"(?P<u>{_alt(list(glued))}){end}", re.I),
        units={**{k.lower(): v for k, v in glued.items()}, **insensitive, **cased},
        per=re.compile(rf"[\s-]*(?:per|an?|each)[\s-]+(?P<d>{_alt(list(per))})(?![\w])", re.I),
        per_units=per,
        qual_before=re.compile(rf"(?:^|(?<=[\s(\[\"“]))(?P<q>{_alt(list(qb))})\s*$", re.I),
        qual_window=max(len(k) for k in qb) + 2,
        quals_before=qb,
        qual_after=re.compile(rf"\s*(?P<q>{_alt(list(qa))})(?![\w])", re.I),
        quals_after=qa,
        changes=changes,
        measure_changes=frozenset(
            lexicon.file("nouns").get("measure_changes", {}).get("words", [])
        ),
        phrasal=frozenset(lexicon.file("nouns").get("phrasal", {}).get("words", [])),
        meter_words=frozenset(
            str(w).lower() for w in lexicon.section("units", "meter_context").get("words", [])
        ),
        nouns=noun_grammar(lexicon),
        filters=filter_grammar(lexicon),
    )


def find_quantities(
    text: str,
    lexicon: Lexicon,
    limit: int | None = None,
    on_cut: Callable[[int], None] | None = None,
) -> list[Mention]:
    """Every quantity in `text`, left to right, from its first `limit` numerals at most.

    When the limit cuts the text short, `on_cut` is called with the offset where reading stopped.
    """
    g = grammar(lexicon)
    numerals = find_numerals(text, lexicon, limit)
    if on_cut is not None and limit is not None and len(numerals) >= limit:
        on_cut(numerals[-1].end)
    parts = [_read(text, n, g) for n in numerals]
    parts = _share_units(text, parts)
    out: list[Mention] = []
    i = 0
    while i < len(parts):
        first = parts[i]
        second = parts[i + 1] if i + 1 < len(parts) else None
        join = _range_join(text, first, second, g) if second else None
        if join == "score" and second is not None:
            i += 2
            continue
        pair = second if join == "range" else None
        i += 2 if pair else 1
        mention = _mention(text, first, pair, g)
        if mention is not None:
            out.append(_inherit(text, out[-1], mention) if out else mention)
    return out


_CONVERSION = re.compile(r"\s*[(\[]\s*$")
_RESTATED = re.compile(r"\s*,?\s*or\s+$", re.I)


def _inherit(text: str, prev: Mention, m: Mention) -> Mention:
    """A conversion in brackets ('more than 100 km (60 miles)') keeps its qualifier and
    change; a restatement ('fell 190 points, or 0.6%') keeps the change."""
    gap = text[prev.end : m.start]
    if _CONVERSION.fullmatch(gap) and m.qualifier == "exact" and m.low is None:
        return replace(m, qualifier=prev.qualifier, change=m.change or prev.change)
    if _RESTATED.fullmatch(gap) and m.change is None:
        return replace(m, change=prev.change)
    return m


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max(text.rfind("\n", max(0, start - CONTEXT), start) + 1, start - CONTEXT, 0)
    hi = text.find("\n", end, end + CONTEXT)
    return lo, (hi if hi >= 0 else min(len(text), end + CONTEXT))


def _read(text: str, n: Numeral, g: QuantityGrammar) -> Part:
    lo, hi = _line_bounds(text, n.start, n.end)
    start, end, value = n.start, n.end, n.value
    unit, kind, prefixed = None, "count", False
    pm = (
        g.prefix.search(text, max(lo, start - PREFIX_WINDOW), start)
        if n.form != "fraction"
        else None
    )
    if pm and pm.end() == start:
        unit, kind = g.prefix_units[re.sub(r"\s", "", pm.group("p").lower())]
        start, prefixed = pm.start("p"), True
    um = _unit_match(text, end, hi, g) if n.form != "fraction" else None
    if um and not (prefixed and g.units[_unit_key(um, g)][1] != "money" and kind == "money"):
        unit, kind = g.units[_unit_key(um, g)]
        unit, end = unit or None, um.end()
    if unit is not None and kind != "count":
        unit, end = _rate(text, end, hi, unit, g)
    if n.suffix == "m" and not prefixed and kind == "count":
        unit, kind, value = _meters_or_million(text, end, hi, value, g)
    junk = um is None and end < len(text) and (text[end].isalpha() or text[end] in "°")
    qualifier, start = _qualifier_before(text, lo, start, g)
    unit_end, subject = end, None
    if unit is None and kind == "count" and n.form != "fraction":
        subject, end = _noun(text, n, end, hi, g)
        unit = subject
    if n.form in ("fraction", OUT_OF_RANGE):
        kind = n.form
    am = g.qual_after.match(text, end, hi)
    if am and qualifier == "exact":
        qualifier = g.quals_after[am.group("q").lower()]
    return Part(n, start, end, unit_end, value, unit, kind, qualifier, subject, junk, prefixed)


def _rate(text: str, pos: int, hi: int, unit: str, g: QuantityGrammar) -> tuple[str, int]:
    """'$5 a month', '$80 per sq m': a rate unit ('dollar_per_month') and its end."""
    m = g.per.match(text, pos, hi)
    if not m or g.units.get(m.group("d").lower(), ("", ""))[0] == unit:
        return unit, pos
    return f"{unit}_per_{g.per_units[m.group('d').lower()]}", m.end()


def _unit_key(um: re.Match[str], g: QuantityGrammar) -> str:
    u = um.group("u")
    return u if u in g.units else u.lower()


def _unit_match(text: str, pos: int, hi: int, g: QuantityGrammar) -> re.Match[str] | None:
    """The longest unit written after the number: spaced, case-sensitive, or glued."""
    tries = (g.unit.match(text, pos, hi), g.unit_cased.match(text, pos, hi))
    found = [m for m in (*tries, g.unit_glued.match(text, pos, hi)) if m is not None]
    return max(found, key=lambda m: m.end()) if found else None


def _meters_or_million(
    text: str, pos: int, hi: int, value: float, g: QuantityGrammar
) -> tuple[str | None, str, float]:
    """'37m' is 37 meters when a length follows ('37m long', '37m (121ft)'), else a million."""
    m = re.match(r"[ \xa0]?([A-Za-z]+)", text[pos:hi])
    if m and m.group(1).lower() not in g.meter_words:
        return None, "count", value
    return "meter", "length", value / 1e6


def _qualifier_before(text: str, lo: int, start: int, g: QuantityGrammar) -> tuple[str, int]:
    if text[max(lo, start - 4) : start].lower() == "sub-":
        return "less_than", start - 4
    qm = g.qual_before.search(text, max(lo, start - g.qual_window), start)
    if not qm or qm.end() != start and text[qm.end() : start].strip():
        return "exact", start
    return g.quals_before[qm.group("q").lower()], qm.start("q")


_OF_THE = re.compile(
    r"\s+of(?:\s+(?:the|these|those|its|their|our|his|her|my|your|all))?(?=\s)", re.I
)


def _noun(text: str, n: Numeral, end: int, hi: int, g: QuantityGrammar) -> tuple[str | None, int]:
    """The counted noun after a count, skipping 'of the' after 'one' and 'dozens'."""
    m = _OF_THE.match(text, end, hi)
    pos = m.end() if m else end
    one = n.value == 1 and pos == end
    noun, length = counted_noun(text[pos:hi], one, g.nouns)
    if noun is None:
        return None, end
    return noun, pos + length


_JOIN = re.compile(r"\s*(?:-|–|—|to|and|through|thru)\s*$", re.I)
_SHARE = re.compile(r"\s*(?:or|to|and|-|–)\s*$", re.I)


def _range_join(text: str, a: Part, b: Part | None, g: QuantityGrammar) -> str | None:
    """'range' when `a` and `b` are the two ends of one range, 'score' for '2-1', else None."""
    if b is None:
        return None
    own_unit = a.prefixed or a.unit_end > a.num.end
    if own_unit and _change_verb(text, a.start, g):
        return None  # "rose 5% to 120", "increased by $4bn to $9bn": an amount, then a level
    between = text[a.unit_end : b.start]
    if not _JOIN.fullmatch(between) and not (between == "" and b.num.form == "signed"):
        return None
    joiner = between.strip().lower() or "-"
    hyphen = joiner in ("-", "–", "—")
    if hyphen and (a.num.words or b.num.words):
        return None
    before = text[max(0, a.start - 12) : a.start].lower()
    if joiner == "and" and not re.search(r"\bbetween\s*$", before):
        return None
    if a.unit and b.unit and a.unit != b.unit and a.kind != b.kind:
        return None
    if _yearish(text, a) != _yearish(text, b):
        return None  # "in 2018 to 3.9 million": a year is no end of a range of amounts
    hi_value = abs(b.value) if b.num.form == "signed" else b.value
    glued = hyphen and between in ("-", "–")
    if glued and _ints(a, b) and a.value >= hi_value:
        return "score"
    return "range" if _low(a, b) <= hi_value else None


def _yearish(text: str, p: Part) -> bool:
    raw = text[p.num.start : p.num.end]
    return len(raw) == 4 and raw.isdigit() and 1000 <= p.value <= 2100 and p.unit is None


def _ints(a: Part, b: Part) -> bool:
    """Two plain integers ('2-1', '2014-15', 'ISO 3888-2'), no currency or measure."""
    return all(abs(p.value) == int(abs(p.value)) and p.kind == "count" for p in (a, b))


def _low(a: Part, b: Part) -> float:
    """The low end, scaled like the high one: 'between 10 and 12 million' -> 10 million."""
    if a.num.scaled or not b.num.scaled or a.value * _scale_of(b.value) > abs(b.value):
        return a.value
    return a.value * _scale_of(b.value)


def _scale_of(v: float) -> float:
    mag = 1.0
    while abs(v) / (mag * 1000) >= 1 and mag < 1e12:
        mag *= 1000
    return mag


def _share_units(text: str, parts: list[Part]) -> list[Part]:
    """A bare number before 'or/to/and' takes the unit of the next one ('8 or $9')."""
    out = list(parts)
    for i in range(len(out) - 2, -1, -1):
        a, b = out[i], out[i + 1]
        bare = a.unit is None and a.kind == "count" and not a.junk
        if not bare or not b.unit or b.kind in ("count", "multiple"):
            continue
        gap = (text[a.unit_end : b.start], text[a.unit_end : b.num.start])
        if any(_SHARE.fullmatch(s) for s in gap):
            out[i] = replace(a, unit=b.unit, kind=b.kind)
    return out


def _mention(text: str, a: Part, b: Part | None, g: QuantityGrammar) -> Mention | None:
    last = b or a
    if is_not_a_claim(text, a, last, g.filters):
        return None
    start, end = a.start, last.end
    value, low, high, qualifier = a.value, a.num.low, a.num.high, a.qualifier
    if b is not None:
        low, high = _low(a, b), abs(b.value) if b.num.form == "signed" else b.value
        value, qualifier = low / 2 + high / 2, "range"  # (low + high) / 2 may overflow
        lo = max(0, start - 9)
        between = re.search(r"\b(?:between|from)\s*$", text[lo:start], re.I)
        start = lo + between.start() if between else start
    elif a.num.form == "vague":
        qualifier = "range"
    unit = last.unit or a.unit
    kind = last.kind if last.unit else a.kind
    change = _change(text, start, last.end, a, g)
    if b is not None and text[start : start + 4].lower() == "from":
        change = None  # "from X to Y" gives two levels, not an amount of change
    subject = last.subject or a.subject
    return Mention(start, end, value, low, high, qualifier, change, unit, kind, subject)


def _change_verb(text: str, start: int, g: QuantityGrammar) -> str | None:
    """The direction of a change verb right before a number ("rose 5%", "fell by 3,000",
    "grew sales by 35%", "rose a further 2%")."""
    before = text[max(0, start - 40) : start]
    if not before or not before[-1].isspace():
        return None
    words = [w.strip(",;:").lower() for w in before.split()]
    while words and words[-1] in ("a", "further", "another", "an", "additional"):
        words.pop()
    if words and words[-1] in g.changes:
        particle = words[-1] in ("up", "down")
        if particle and len(words) > 1 and words[-2] in g.phrasal:
            return None  # "shot down 34 drones" is a count, not a fall
        return g.changes[words[-1]]
    if not words or words[-1] != "by":
        return None
    for w in reversed(words[-2 - CHANGE_GAP : -1]):
        if w in g.changes:
            return g.changes[w]
    return None


def _change(text: str, start: int, end: int, a: Part, g: QuantityGrammar) -> str | None:
    """'up'/'down' when the number is an amount of change, not a level ("rose to" is a level)."""
    if a.num.form == "signed" and a.kind == "percent":
        return "down" if a.value < 0 else "up"
    verb = _change_verb(text, start, g)
    if verb and a.kind == "count" and a.unit not in (None, "point"):
        return None if _verb_before(text, start) in g.measure_changes else verb
    return verb


def _verb_before(text: str, start: int) -> str:
    words = text[max(0, start - 40) : start].lower().split()
    return next((w for w in reversed(words) if w.isalpha() and w not in ("by", "more", "than")), "")

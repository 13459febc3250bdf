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
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from estimates.claims.filters import FilterGrammar, filter_grammar, is_not_a_claim
from estimates.claims.labels import (
    LABEL_CHARS,
    Lines,
    caption_below,
    colon_label,
    column_label,
    continued_label,
    glued_label,
    list_label,
)
from estimates.claims.nouns import (
    NounGrammar,
    counted_noun,
    is_plural,
    is_word,
    label_head,
    noun_grammar,
)
from estimates.claims.numbers import OUT_OF_RANGE, Numeral, find_numerals
from estimates.claims.units import (
    UnitHit,
    UnitTable,
    convert,
    display,
    prefix_before,
    unit_after,
    unit_table,
)
from estimates.lexicon import Lexicon

CONTEXT = 80
"""Characters of context read on each side of a numeral (one clause is enough)."""

MEASURE_REACH = 40
"""Characters before a number in which a measure's name ("acceleration of") is looked for."""

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
    labelled: bool = False  # named by a label outside a sentence (an infobox, a table column)


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
    label: str | None = None  # how a label outside the sentence named it (labels.py)


@dataclass(frozen=True)
class QuantityGrammar:
    """Compiled unit, currency, qualifier and change tables of one lexicon."""

    lexicon: Lexicon
    units: UnitTable
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
    meter_before: frozenset[str]  # words before "5.9m" that make it meters ("levels")
    warm_words: frozenset[str]  # words that make bare degrees a temperature
    measure_symbols: tuple[Mapping[str, Any], ...]  # symbols read by the measure named before
    revision_verbs: frozenset[str]  # "revised ... up to 9,000" is a level, not an upper bound
    nouns: NounGrammar
    filters: FilterGrammar


def _alt(words: list[str]) -> str:
    if not words:
        raise ValueError("empty word group")
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def grammar(lexicon: Lexicon) -> QuantityGrammar:
    """Compile the lexicon's unit, currency and qualifier tables into patterns, once."""
    qb = {k.lower(): v for k, v in lexicon.section("qualifiers", "before").items()}
    per = {k.lower(): str(v) for k, v in lexicon.section("units", "per").items()}
    qa = {k.lower(): v for k, v in lexicon.section("qualifiers", "after").items()}
    changes = {k.lower(): v for k, v in lexicon.file("nouns").get("change", {}).items()}
    return QuantityGrammar(
        lexicon=lexicon,
        units=unit_table(lexicon),
        per=re.compile(rf"[\s-]*(?:per|an?|each)[\s-]+(?P<d>{_alt(list(per))})(?![\w])", re.I),
        per_units={k: display(v) for k, v in per.items()},
        qual_before=re.compile(
            rf"(?:^|(?<=[\s(\[\"“])|(?<=[a-z])(?=[~<>≈]))(?P<q>{_alt(list(qb))})\s*$", re.I
        ),
        qual_window=max(len(k) for k in qb) + 2,
        quals_before=qb,
        qual_after=re.compile(rf"\s*(?P<q>{_alt(list(qa))})(?![\w/])", re.I),
        quals_after=qa,
        changes=changes,
        measure_changes=frozenset(
            lexicon.file("nouns").get("measure_changes", {}).get("words", [])
        ),
        phrasal=frozenset(lexicon.file("nouns").get("phrasal", {}).get("words", [])),
        meter_words=frozenset(
            str(w).lower() for w in lexicon.section("units", "meter_context").get("words", [])
        ),
        meter_before=frozenset(
            str(w).lower() for w in lexicon.section("units", "meter_context").get("before", [])
        ),
        measure_symbols=tuple(lexicon.section("units", "measure_symbols").values()),
        revision_verbs=frozenset(lexicon.file("nouns").get("revision", {}).get("words", [])),
        warm_words=frozenset(
            str(w).lower() for w in lexicon.section("units", "temperature_context").get("words", [])
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
    lines = Lines(text)  # line bounds, lists and table heads, each read once for this text
    parts = [_read(text, n, g, lines) for n in numerals]
    parts = _share_units(text, _uncertainty(text, parts))
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
        if mention is None:
            continue
        if out and out[-1].start <= mention.start and mention.end <= out[-1].end:
            continue  # "15.3 (uncertainty range 12.2–18.3) EBq": inside a claim already read
        compound = _compound(text, out[-1], mention, g) if out else None
        if compound is not None:
            out[-1] = compound
            continue
        out.append(_inherit(text, out[-1], mention) if out else mention)
    return out


COMPOUND_KINDS = frozenset(["length", "money", "mass"])
"""Kinds whose amounts are written in two units ("5 feet 2 inches", "3 dollars 50 cents")."""

_COMPOUND_GAP = re.compile(r",?\s+(?:and\s+)?")


def _compound(text: str, prev: Mention, m: Mention, g: QuantityGrammar) -> Mention | None:
    """'3 feet, 3 inches' is 3.25 feet, '3 dollars 50 cents' 3.5 dollars: an amount in a
    smaller unit of the same kind, less than one of the larger, completes the one before."""
    if prev.unit is None or m.unit is None or prev.kind != m.kind:
        return None
    if prev.kind not in COMPOUND_KINDS:
        return None  # "3 years, 2 months, 14 days" is read as a list
    if prev.low is not None or m.low is not None or m.qualifier != "exact" or m.change:
        return None
    if not _COMPOUND_GAP.fullmatch(text, prev.end, m.start):
        return None
    from estimates.claims.units import convert

    part = convert(m.value, m.unit, prev.unit, g.lexicon)
    if part is None or not 0 < part < 1:
        return None
    return replace(prev, end=m.end, value=prev.value + part)


_CONVERSION = re.compile(r"\s*[(\[]\s*$")
_RESTATED = re.compile(r"\s*,?\s*or\s+$", re.I)


def _inherit(text: str, prev: Mention, m: Mention) -> Mention:
    """A conversion in brackets ('more than 100 km (60 miles)') keeps its qualifier and
    change; a restatement ('fell 190 points, or 0.6%') keeps the change."""
    gap = text[prev.end : m.start]
    conversion = m.kind == prev.kind and m.kind != "count"  # "50 km (30 miles)", not "(55%)"
    if _CONVERSION.fullmatch(gap) and conversion and m.qualifier == "exact" and m.low is None:
        return replace(m, qualifier=prev.qualifier, change=m.change or prev.change)
    if _RESTATED.fullmatch(gap) and m.change is None:
        return replace(m, change=prev.change)
    if _CONVERSION.fullmatch(gap) and conversion and m.change is None and prev.change:
        return replace(m, change=prev.change)  # "dropped by 1 to 1.5 °C (1.8 to 2.7 °F)"
    return m


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max(text.rfind("\n", max(0, start - CONTEXT), start) + 1, start - CONTEXT, 0)
    hi = text.find("\n", end, end + CONTEXT)
    return lo, (hi if hi >= 0 else min(len(text), end + CONTEXT))


def _read(text: str, n: Numeral, g: QuantityGrammar, lines: Lines | None = None) -> Part:
    lo, hi = _line_bounds(text, n.start, n.end)
    start, end, value = n.start, n.end, n.value
    unit, kind, prefixed = None, "count", False
    pm = prefix_before(text, lo, start, g.units) if n.form != "fraction" else None
    if pm is not None and pm.amounts_only and not _written_amount(text, n):
        pm = None
    if pm is not None:
        unit, kind, start, prefixed = pm.unit, pm.kind, pm.start, True
    um = unit_after(text, end, hi, g.units, g.lexicon) if n.form != "fraction" else None
    if n.form == "fraction":
        um = _fraction_unit(text, end, hi, g)  # "1/2 pound", "1/16 of a US pint"
    if um and not (prefixed and um.kind != "money" and kind == "money"):
        unit, kind, end = um.unit or None, um.kind, um.end
    if um is None and unit is None and n.form != "fraction":
        um = _unit_after_brackets(text, end, hi, g)
        if um is not None:
            unit, kind, end = um.unit, um.kind, um.end
    if unit is None and n.form != "fraction":
        mb = _MEASURE_BEFORE.search(text, max(lo, start - 30), start)
        entry = g.units.before.get(mb.group(1).lower()) if mb else None
        if mb and entry:
            (unit, kind), start = entry, mb.start(1)  # "magnitude 7.8", "a magnitude of 6.7"
    if um is not None and um.unit:
        written = text[um.start : um.end]
        unit, kind = _measured(text, lo, n.start, um.end, written, (unit, kind), g)
    if unit == "degree" and kind == "angle" and _warm(text, lo, hi, g):
        kind = "temperature"  # "temperatures of 40 degrees": degrees on an unstated scale
    if unit is not None and kind != "count":
        unit, end = _rate(text, end, hi, unit, g)
    if n.suffix == "m" and not prefixed and kind == "count":
        unit, kind, value = _meters_or_million(text, lo, n.start, end, hi, value, g)
    glued_noun = um is None and end < hi and text[end].isalpha() and _glued_noun(text, end, hi, g)
    junk = um is None and end < len(text) and (text[end].isalpha() or text[end] in "°")
    junk = junk and not glued_noun
    qualifier, start = _qualifier_before(text, lo, start, g)
    if n.plus and qualifier == "exact":
        qualifier = "at_least"  # "7,000+", "17,000+ acres"
    unit_end, subject = end, None
    if unit is None and kind == "count" and n.form != "fraction":
        unit, end, subject = _noun(text, n, end, hi, g)
    if n.form == "fraction" and unit is None:
        kind = "fraction"
    if n.form == OUT_OF_RANGE:
        kind = OUT_OF_RANGE  # too big for a float: kept with its text, never grouped
    am = g.qual_after.match(text, end, hi)
    if am and qualifier == "exact":
        qualifier = g.quals_after[am.group("q").lower()]
    part = Part(n, start, end, unit_end, value, unit, kind, qualifier, subject, junk, prefixed)
    return _labelled(text, part, g, lines or Lines(text)) if n.form != "fraction" else part


_WORDS = re.compile(r"[a-z-]+")
_LOWER_WORD = re.compile(r"[a-z]{3,}")
_MEASURE_BEFORE = re.compile(r"\b([A-Za-z]+)(?:\s+of)?(?:\s+|-)$")
_BRACKETS = re.compile(r" ?\([^()\n]{1,60}\)")


_OF_A = re.compile(r"\s+of\s+an?(?:\s+U\.?S\.?)?(?=\s)")


def _fraction_unit(text: str, end: int, hi: int, g: QuantityGrammar) -> UnitHit | None:
    """A measure unit after a fraction, directly or after 'of a' ('1/16 of a US pint':
    the US measure, named as the unit)."""
    m = _OF_A.match(text, end, hi)
    um = unit_after(text, m.end() if m else end, hi, g.units, g.lexicon)
    return um if um is not None and um.kind not in ("count", "multiple") and um.unit else None


def _unit_after_brackets(text: str, end: int, hi: int, g: QuantityGrammar) -> UnitHit | None:
    """'15.3 (uncertainty range 12.2–18.3) EBq': a measure's unit after a bracketed aside;
    '7.8 (Mw)': a unit alone in brackets."""
    m = _BRACKETS.match(text, end, hi)
    if m is None:
        return None
    opening = m.start() + text[m.start() : m.end()].index("(") + 1
    inner = unit_after(text, opening, m.end() - 1, g.units, g.lexicon)
    if inner is not None and inner.end == m.end() - 1 and inner.kind not in ("count", "money"):
        return UnitHit(inner.unit, inner.kind, inner.start, m.end())
    um = unit_after(text, m.end(), hi, g.units, g.lexicon)
    return um if um is not None and um.kind != "count" and um.unit else None


def _written_amount(text: str, n: Numeral) -> bool:
    """An amount written with a scale, decimals or thousands ('2.7m', '21,700'), not '5'."""
    return n.scaled or any(c in ",." for c in text[n.start : n.end])


def _measured(
    text: str,
    lo: int,
    start: int,
    end: int,
    written: str,
    entry: tuple[str | None, str],
    g: QuantityGrammar,
) -> tuple[str | None, str]:
    """A symbol read as the unit of the measure named just before the number ("Peak
    acceleration 0.25 g", "an acceleration of 0.25 g": standard gravity, not grams), or by the
    word right after the symbol ("96 kt of methane": kilotonnes, not knots)."""
    for table in g.measure_symbols:
        found = table.get(written)
        if found is not None:
            words = _WORDS.findall(text[max(lo, start - MEASURE_REACH) : start].lower())
            after = _WORDS.match(text, end + 1) if text[end : end + 1] == " " else None
            if any(w in table["nouns"] for w in words) or (
                after is not None and after.group(0).lower() in table.get("after", ())
            ):
                return display(str(found[0])), str(found[1])
    return entry


def _warm(text: str, lo: int, hi: int, g: QuantityGrammar) -> bool:
    """The clause around bare degrees speaks of temperature ("highs of 40 degrees")."""
    return any(w in g.warm_words for w in _WORDS.findall(text[lo:hi].lower()))


ID_DIGITS = 5
"""A bare run of this many digits or more after a singular label is an identifier
('Catalogue entry607208674'); counts under a label are plural ('Deaths80') or grouped."""


def _catalogue_number(text: str, line_start: int, p: Part, g: QuantityGrammar) -> bool:
    raw = text[p.num.start : p.num.end]
    before = text[max(line_start, p.start - LABEL_CHARS) : p.start]
    label_end = before.rsplit(None, 1)[-1].rstrip("0123456789$~").lower()
    return len(raw) >= ID_DIGITS and raw.isdigit() and not is_plural(label_end, g.nouns)


def _glued_noun(text: str, pos: int, hi: int, g: QuantityGrammar) -> bool:
    """'7,897cases': a plural noun run into the digits by HTML-to-text conversion."""
    m = _LOWER_WORD.match(text, pos, hi)
    return m is not None and is_plural(m.group(0), g.nouns) and is_word(m.group(0))


def _labelled(text: str, p: Part, g: QuantityGrammar, lines: Lines) -> Part:
    """A number whose label stands outside the sentence (labels.py): the label names what it
    counts when the number has no unit or noun of its own; a digit run into a word that is no
    label ('Liberia4', 'Countries5') is a footnote mark, and so is a table's extra cell."""
    line_start = lines.bounds(p.start)[0]
    count = p.unit is None and p.kind == "count"
    if p.start > line_start and text[p.start - 1].isalpha():
        found = glued_label(text, line_start, p.start, g.nouns)
        if found is None or count and _catalogue_number(text, line_start, p, g):
            return replace(p, junk=True)
    elif not count:
        found = continued_label(text, line_start, p.start, g.nouns)
        if found is None or found.counted is None:
            return p
    else:
        found = colon_label(text, line_start, p.start, g.nouns)
        listed = list_label(lines, p.start, g.nouns) if found is None else None
        if listed is not None:
            found, scale = listed
            p = replace(p, value=p.value * scale)
        if found is None:  # a caption under a figure alone on its line, else a table column
            found = caption_below(lines, p.start, p.end, g.nouns)
            found = found or column_label(lines, line_start, p.num.start, g.nouns)
    if found is None:
        return p
    if found.counted is None:
        return replace(p, junk=True)  # a footnote mark in a table row
    if not count:  # "Depth8.2 km", "Peak gusts120 km/h": the label names the measure
        return replace(p, label=found.how, subject=p.subject or found.counted.phrase)
    unit, kind = g.units.names.get(found.counted.head, (found.counted.head, "count"))
    return replace(p, unit=unit, kind=kind, subject=found.counted.phrase, label=found.how)


def _rate(text: str, pos: int, hi: int, unit: str, g: QuantityGrammar) -> tuple[str, int]:
    """'$5 a month', '$80 per sq m': a rate unit ('dollar per month') and its end."""
    m = g.per.match(text, pos, hi)
    if not m or g.units.names.get(m.group("d").lower(), ("", ""))[0] == unit:
        return unit, pos
    return f"{unit} per {g.per_units[m.group('d').lower()]}", m.end()


def _meters_or_million(
    text: str, lo: int, start: int, pos: int, hi: int, value: float, g: QuantityGrammar
) -> tuple[str | None, str, float]:
    """'37m' is 37 meters when a length follows ('37m long', '37m (121ft)') or a level is
    named before it ('river levels reached 5.9m on Friday'), else a million."""
    m = re.match(r"[ \xa0]?([A-Za-z]+)", text[pos:hi])
    after = m.group(1).lower() if m else None
    if after in g.meter_words:
        return "meter", "length", value / 1e6
    if after is not None and is_plural(after, g.nouns):
        return None, "count", value  # "1.2m people", whatever came before
    before = _WORDS_BEFORE.findall(text[max(lo, start - METER_REACH) : start].lower())
    if after is not None and not g.meter_before & set(before):
        return None, "count", value
    return "meter", "length", value / 1e6


METER_REACH = 40
"""Characters before a number "Nm" searched for a level or height it measures."""
_WORDS_BEFORE = re.compile(r"[a-z]+")


def _qualifier_before(text: str, lo: int, start: int, g: QuantityGrammar) -> tuple[str, int]:
    if text[max(lo, start - 4) : start].lower() == "sub-":
        return "less_than", start - 4
    if start == lo and lo >= 2 and text[lo - 1] == "\n" and text[lo - 2] != "\n":
        lo = max(0, lo - g.qual_window)  # "Over\n700": a line broken after the qualifier
    qm = g.qual_before.search(text, max(lo, start - g.qual_window), start)
    if not qm or qm.end() != start and text[qm.end() : start].strip():
        return "exact", start
    if qm.group("q").lower() == "up to" and _revised(text, qm.start("q"), g):
        return "exact", start  # "revised that figure up to 9,000": a new level, no bound
    return g.quals_before[qm.group("q").lower()], qm.start("q")


def _revised(text: str, at: int, g: QuantityGrammar) -> bool:
    """A verb of revision within three words before 'up to' ("raised the estimate up to")."""
    words = text[max(0, at - 40) : at].lower().split()[-3:]
    return any(w.strip(",;") in g.revision_verbs for w in words)


_OF_THE = re.compile(
    r"\s+of(?:\s+(?:the|these|those|its|their|our|his|her|my|your|all))?(?=\s)", re.I
)
_PARTITIVE = re.compile(
    r"\s+of\s+(?:the\s+)?(?:[A-Za-z-]+\s+)?[A-Za-z-]+['’]s\s+(?:\d[\d,]*\s+)?(?=[a-z])"
)
"""'30 of the country's 75 districts', '39 of Nepal's districts': a part of a whole."""
_PART_OF_DIGITS = re.compile(r"\s+of\s+(?:the\s+)?\d[\d,]*\s+(?=[A-Za-z])")
"""'30 of 42 drones': a part of a whole, both in digits ('one of 48,300 cubic feet' is none:
'one' there stands for a noun of its own)."""
_QUOTED_FIGURE = re.compile(r"[\"”](?=[ \t]+[a-z])")
"""The closing mark of a figure quoted on its own ('killed "more than 400" enemy soldiers'):
the noun after it is what it counts."""
_NUMBER_OF = re.compile(r"\s+number\s+of(?=\s)", re.I)
"""'300,000 number of people targeted': a caption naming the count after the figure."""


def _noun(
    text: str, n: Numeral, end: int, hi: int, g: QuantityGrammar
) -> tuple[str | None, int, str | None]:
    """(head noun, end, whole phrase) of what a count counts, skipping 'of the' after 'one'
    and 'dozens'; a part of a whole ('30 of the country's 75 districts') counts the whole's
    noun but its span ends at the number."""
    quoted = _QUOTED_FIGURE.match(text, end, hi)
    after = quoted.end() if quoted else end  # 'killed "more than 400" enemy soldiers'
    part = _PARTITIVE.match(text, after, hi) or (
        None if n.words else _PART_OF_DIGITS.match(text, after, hi)
    )
    named = _NUMBER_OF.match(text, after, hi)
    m = part or named or _OF_THE.match(text, after, hi)
    pos = m.end() if m else after
    one = n.value == 1 and pos == after
    right = text[pos:hi]
    found = label_head(right, g.nouns) if named else counted_noun(right, one, g.nouns)
    if found is None:
        return None, end, None
    return found.head, end if part else pos + found.end, found.phrase


_JOIN = re.compile(r"\s*(?:-|–|—|to|and|through|thru)\s*$", re.I)
_SHARE = re.compile(r"-?,?\s*(?:or|to|and|-|–)\s*$", re.I)
_NOT_SHARED = frozenset(["count", "multiple", "money"])
_OR_AFTER = re.compile(r"(?:\s*\([^()\n]{1,20}\))?(?:\[\d+\])*\s+or\s+")
"""'7.8 (Mw) or 8.1', '40 km or 45': a bare alternative after a measure shares its unit."""
_PART_OF = re.compile(r"\s+of\s+(?:the\s+)?$", re.I)
"""'280 million of the 1.5 billion shekels': a part of an amount is in its unit."""


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
    """The low end, scaled like the high one: 'between 10 and 12 million' -> 10 million; in
    the high one's unit when written in another of its kind: '3 months to 41 years' -> 0.25."""
    if a.unit and b.unit and a.unit != b.unit and a.unit_end > a.num.end:
        moved = convert(a.value, a.unit, b.unit)
        return a.value if moved is None else moved
    if a.num.scaled or not b.num.scaled or a.value * _scale_of(b.value) > abs(b.value):
        return a.value
    return a.value * _scale_of(b.value)


def _scale_of(v: float) -> float:
    mag = 1.0
    while abs(v) / (mag * 1000) >= 1 and mag < 1e12:
        mag *= 1000
    return mag


_PLUS_MINUS = re.compile(r"\s*(?:±|\+/-|\+/−)\s*")


def _uncertainty(text: str, parts: list[Part]) -> list[Part]:
    """'22 ±.5', '6.1 +/- 0.3 km': a central value with its margin is one approximate figure."""
    out: list[Part] = []
    for p in parts:
        prev = out[-1] if out else None
        if prev is not None and _PLUS_MINUS.fullmatch(text, prev.unit_end, p.num.start):
            qualifier = "approx" if prev.qualifier == "exact" else prev.qualifier
            unit, kind = (prev.unit, prev.kind) if prev.unit else (p.unit, p.kind)
            out[-1] = replace(prev, end=p.end, qualifier=qualifier, unit=unit, kind=kind)
            continue
        out.append(p)
    return out


def _share_units(text: str, parts: list[Part]) -> list[Part]:
    """A bare number before 'or/to/and' takes the unit of the next one ('8 or $9')."""
    out = list(parts)
    for i in range(len(out) - 2, -1, -1):
        a, b = out[i], out[i + 1]
        bare = a.unit is None and a.kind == "count" and not a.junk
        if not bare or not b.unit or b.kind in ("count", "multiple"):
            continue
        gap = (text[a.unit_end : b.start], text[a.unit_end : b.num.start])
        part = _PART_OF.fullmatch(gap[0]) and not a.num.words  # not "one of 48,300 cfs"
        if any(_SHARE.fullmatch(s) for s in gap) or part:
            out[i] = replace(a, unit=b.unit, kind=b.kind)
    prev: Part | None = None
    for i, b in enumerate(out):
        bare = b.unit is None and b.kind == "count" and not b.junk and b.label is None
        shared = prev is not None and prev.unit is not None and prev.kind not in _NOT_SHARED
        if prev is not None and bare and shared and _OR_AFTER.fullmatch(text, prev.end, b.start):
            out[i] = b = replace(b, unit=prev.unit, kind=prev.kind)  # "7.8 (Mw)[1] or 8.1"
        if not (
            text[b.num.start - 1 : b.num.start] == "[" and text[b.num.end : b.num.end + 1] == "]"
        ):
            prev = b  # "[1]" between them is a citation mark
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
    labelled = (last.label or a.label) is not None
    return Mention(start, end, value, low, high, qualifier, change, unit, kind, subject, labelled)


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

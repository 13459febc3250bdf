"""Numerals: find numbers written in digits, words or both, and compute their values.

"11,000", "1.5 million", "$2bn" (the digits and suffix; the currency is the unit stage's),
"10k", "-5", "1/2", "2.998×10−8", "three", "two dozen", "a million", "twenty-five thousand",
fractions ("two-thirds", "half", "one in three") and vague multiples ("dozens of",
"tens of thousands of": a range). Every pattern here is linear: no nested repetition.
"""

from __future__ import annotations

import math
import re
import sys
from dataclasses import dataclass
from functools import cache

from estimates.lexicon import Lexicon

MAX_DIGITS = 40
"""Digit strings longer than this are not read as numbers at all (float() of them is slow)."""

OUT_OF_RANGE = "out_of_range"
"""Form of a numeral no float can hold ("5 x 10^999", "a million million ... million"), and the
kind of its claim: it is kept, with its text, valued at the nearest float (the largest one, or
0.0 for "5 x 10^-999"), so a reader of `kind` never takes that value for the figure."""

FLOAT_MAX = sys.float_info.max

MAX_RATIO_DENOMINATOR = 1000
"""'one in 3' reads as a share only for small denominators ('5 in 2020' is not one)."""


@dataclass(frozen=True)
class Numeral:
    """A number in the text: its span, its value and how it was written."""

    start: int
    end: int
    value: float
    words: bool  # written (at least partly) in words
    scaled: bool  # carries a scale word or suffix ("million", "bn", "k")
    low: float | None = None  # vague multiples ("dozens of") are ranges
    high: float | None = None
    form: str = "number"  # number, fraction, vague, signed
    suffix: str = ""  # the glued scale suffix as written ("m" in "37m"), for the unit stage
    plus: bool = False  # "7,000+", "US$15+ billion": a plus sign after the digits, at least


@dataclass(frozen=True)
class NumberGrammar:
    """Compiled patterns and value tables for one lexicon."""

    pattern: re.Pattern[str]
    words: dict[str, float]
    scales: dict[str, float]
    suffixes: dict[str, float]
    fractions: dict[str, float]
    vague: dict[str, tuple[float, float]]
    vague_tens: dict[str, tuple[float, float]]
    starters: frozenset[str]  # lower-case words a numeral may begin with
    candidate: re.Pattern[str]  # where a numeral may start: digits or a whole starter word


_DIGITS = (
    r"(?:\d{1,3}(?:,\d{3})+(?![\d])(?:\.\d+)?"
    # thousands set apart by a space, as the UN, WHO and SI style write them ("300 000
    # children"): a no-break or thin space always, a plain one only when a word follows on
    # the line, so a table row's cells ("Oro 21 600 130") stay apart
    r"|\d{1,3}(?:[\u00a0\u202f\u2009]\d{3})+(?![\d,.]?\d)"
    r"|\d{1,3}(?: \d{3})+(?![\d,.]?\d)(?=[ \t]*(?:[^\W\d_]|%))"
    r"|\d+(?:\.\d+)?|\.\d+)"
)
_SPACES = re.compile(r"[ \u00a0\u202f\u2009]")
_SIGN = r"(?:(?P<sign>[-−+])(?=[\d.])|(?P<minus>minus|negative)[\s-](?=\d))"
_EXP = r"(?:\s?[×x]\s?10\s?(?:\^|\*\*)?\s?(?P<exp>[-−]?\d{1,3})(?!\d))"


def _alt(words: list[str]) -> str:
    if not words:
        raise ValueError("empty word group")
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _table(lexicon: Lexicon, section: str) -> dict[str, float]:
    return {k.lower(): float(v) for k, v in lexicon.section("numbers", section).items()}


def _pairs(lexicon: Lexicon, section: str) -> dict[str, tuple[float, float]]:
    items = lexicon.section("numbers", section).items()
    return {k.lower(): (float(v[0]), float(v[1])) for k, v in items}


@cache
def _grammar(lexicon: Lexicon) -> NumberGrammar:
    words = _table(lexicon, "words")
    scales = _table(lexicon, "scales")
    suffixes = _table(lexicon, "suffixes")
    fractions = _table(lexicon, "fractions")
    vague, tens = _pairs(lexicon, "vague"), _pairs(lexicon, "vague_tens")
    spaced = [k for k, v in lexicon.section("numbers", "spaced_suffixes").items() if v]
    word, scale, frac = _alt(list(words)), _alt(list(scales)), _alt(list(fractions))
    word_num = (
        rf"(?:(?:{word})(?:[\s-]+(?:and[\s-]+)?(?:{word}|{scale}|dozen))*"
        rf"|(?:a|an|one|half\s+a)[\s-]+(?:{scale}|dozen)(?:[\s-]+(?:and[\s-]+)?(?:{word}|{scale}))*)"
    )
    suffix = rf"(?:(?P<suf>{_alt(list(suffixes))})|\s(?:{_alt(spaced)}))(?![A-Za-z])"
    digit_num = (
        rf"{_SIGN}?(?P<num>{_DIGITS}){_EXP}?"
        rf"(?P<plus>\+(?![\d+/]))?"
        rf"(?P<rest>(?:{suffix}|(?:[\s-]+(?:{scale}))+|[\s-]+dozen)?(?:[\s-]+(?:{scale}))*)"
    )
    # "one in five", "3 out of 10", "1 of 5": a share; "30 of 42 drones" is two counts, a part
    # and its whole (digits "of" digits is a share only over ten or fewer)
    ratio = (
        rf"(?:(?:{word})\s+(?:in|out\s+of|of)\s+(?:{word}|\d{{1,3}})"
        rf"|\d{{1,3}}\s+(?:in|out\s+of)\s+(?:{word}|\d{{1,3}})"
        rf"|\d{{1,3}}\s+of\s+(?:{word}|10|[2-9]))"
        r"(?![\w,.]?\d)(?!-)"
    )
    fraction = (
        rf"(?:(?:a|an|one|{word})[\s-]+(?:{frac})(?=\s+(?:of|the|a|an|its|their)\b)"
        rf"|half(?=\s+(?:of|the|its|their)\b))"
    )
    scaled_fraction = (
        rf"(?:(?:a|an|one|{word})[\s-]+)?(?:{frac})\s+of\s+an?\s+(?:{_alt(list(scales))})\b"
    )
    vague_w = rf"(?:(?:{_alt(list(tens))})\s+of\s+)?(?:{_alt(list(vague))})(?=\s+of\b)"
    pat = re.compile(
        rf"(?:(?<![\w,/⁄])(?<!(?<!\.\.)\.)(?<![A-Za-z]-){_glued_codes(lexicon)})(?:(?P<f>\d{{1,4}}[/⁄]\d{{1,4}})(?![/⁄\d])|(?P<r>{ratio})"
        rf"|(?P<fs>{scaled_fraction})|(?P<fw>{fraction})|(?P<v>{vague_w})|(?P<d>{digit_num})|(?P<w>{word_num})(?:(?![\w])|(?=fold\b)))",
        re.IGNORECASE,
    )
    starters = frozenset(
        [*words, *vague, *tens, *fractions, "a", "an", "one", "half", "minus", "negative"]
    )
    candidate = re.compile(
        rf"\d+|(?<![A-Za-z])(?:{_alt(list(starters))})(?:fold)?(?![A-Za-z])", re.IGNORECASE
    )
    return NumberGrammar(pat, words, scales, suffixes, fractions, vague, tens, starters, candidate)


def _glued_codes(lexicon: Lexicon) -> str:
    """Lookbehinds that let digits follow a currency code glued to them ("USD10m", "RM79") or
    a label run into them ("Deaths80": the label stage decides whether it is one)."""
    prefixes = [*lexicon.section("units", "prefix"), *lexicon.section("units", "prefix_amounts")]
    codes = [k for k in prefixes if k[-1:].isalpha() and len(k) > 1]
    measures = [k for k in lexicon.section("units", "before") if k.isalpha()]
    return (
        "|(?<=sub-)|(?<=,)(?=[a-z])|(?-i:(?<=[a-z]))(?=\\d)"
        + "".join(f"|(?<=(?<![A-Za-z]){re.escape(c)})" for c in codes)
        + "".join(f"|(?<={re.escape(w)}-)" for w in measures)
    )


_TOKEN = re.compile(r"[a-z]+|\d[\d,]*(?:\.\d+)?|\.\d+", re.IGNORECASE)


def find_numerals(text: str, lexicon: Lexicon, limit: int | None = None) -> list[Numeral]:
    """Every numeral in `text`, left to right, not overlapping; at most `limit` of them."""
    g = _grammar(lexicon)
    out: list[Numeral] = []
    done = 0
    for c in g.candidate.finditer(text):
        if limit is not None and len(out) >= limit:
            break
        pos = c.start()
        if pos < done:
            continue
        if c.group(0)[0].isdigit():
            m = _match_digits(text, pos, g)
        elif c.group(0).lower().removesuffix("fold") in g.starters:
            m = g.pattern.match(text, pos)
        else:
            continue
        if m is None:
            continue
        done = m.end()
        n = _numeral(m, g)
        if n is not None:
            out.append(n)
    return out


def _match_digits(text: str, pos: int, g: NumberGrammar) -> re.Match[str] | None:
    """A numeral at a run of digits, or one character earlier for a sign or a dot ('-5', '.5')."""
    if pos and text[pos - 1] in "-−+." and not text.endswith("...", 0, pos):
        m = g.pattern.match(text, pos - 1)
        if m is not None:
            return m
    return g.pattern.match(text, pos)


def _numeral(m: re.Match[str], g: NumberGrammar) -> Numeral | None:
    raw, start, end = m.group(0), m.start(), m.end()
    if m.group("f"):
        a, b = (float(x) for x in re.split(r"[/⁄]", raw))
        if b == 0 or a >= b:
            return None
        return Numeral(start, end, a / b, False, False, form="fraction")
    if m.group("r"):
        return _ratio(raw, start, end, g)
    if m.group("fs"):
        return _fraction_of_scale(raw, start, end, g)
    if m.group("fw"):
        return _word_fraction(raw, start, end, g)
    if m.group("v"):
        return _vague(raw, start, end, g)
    if m.group("w") is not None:
        value = numeral_value(raw, g)
        if value is None:
            return None
        if not math.isfinite(value):
            return _out_of_range(start, end, value, negative=False, words=True)
        return Numeral(start, end, value, True, _scaled(raw, g))
    if len(m.group("num")) > MAX_DIGITS:
        return None
    rest, num = m.group("rest"), _SPACES.sub("", m.group("num"))
    value = numeral_value(num + " " + rest, g) if rest else float(num.replace(",", ""))
    if value is None:
        return None
    exp = m.group("exp")
    scaled = bool(rest) and _scaled(rest, g)
    signed = bool(m.group("sign") or m.group("minus"))
    negative = m.group("sign") in ("-", "−") or bool(m.group("minus"))
    if exp:
        value = _times_power_of_ten(value, int(exp.replace("−", "-")))
    if value is None or not math.isfinite(value):
        return _out_of_range(start, end, value, negative=negative, words=False, scaled=scaled)
    return Numeral(
        start,
        end,
        -value if negative else value,
        False,
        scaled,
        form="signed" if signed else "number",
        suffix=m.group("suf") or "",
        plus=bool(m.group("plus")),
    )


def _times_power_of_ten(value: float, exp: int) -> float | None:
    """value x 10^exp; inf when it overflows, None when a non-zero value underflows to 0."""
    if value == 0:
        return 0.0
    try:
        result = value * 10.0**exp
    except OverflowError:  # 10.0 ** 999 raises instead of giving inf
        return math.inf
    return None if result == 0 else result


def _out_of_range(
    start: int, end: int, value: float | None, *, negative: bool, words: bool, scaled: bool = True
) -> Numeral:
    """A numeral too large (`value` inf) or too small (None) for a float: see OUT_OF_RANGE."""
    nearest = 0.0 if value is None else (-FLOAT_MAX if negative else FLOAT_MAX)
    return Numeral(start, end, nearest, words, scaled, form=OUT_OF_RANGE)


def _scaled(raw: str, g: NumberGrammar) -> bool:
    return any(t.lower() in g.scales or t.lower() in g.suffixes for t in _TOKEN.findall(raw))


def _ratio(raw: str, start: int, end: int, g: NumberGrammar) -> Numeral | None:
    parts = re.split(r"\s+(?:in|out\s+of|of)\s+", raw, flags=re.I)
    a, b = numeral_value(parts[0], g), numeral_value(parts[-1], g)
    if a is None or not b or a >= b or b > MAX_RATIO_DENOMINATOR:
        return None
    return Numeral(start, end, a / b, True, False, form="fraction")


def _word_fraction(raw: str, start: int, end: int, g: NumberGrammar) -> Numeral | None:
    toks = re.split(r"[\s-]+", raw.lower())
    denom = g.fractions.get(toks[-1])
    if denom is None:
        return None
    num = 1.0 if len(toks) == 1 or toks[0] in ("a", "an") else g.words.get(toks[0])
    if num is None or num >= denom:
        return None
    return Numeral(start, end, num / denom, True, False, form="fraction")


def _fraction_of_scale(raw: str, start: int, end: int, g: NumberGrammar) -> Numeral | None:
    """'a quarter of a million', 'three quarters of a billion': a fraction of a scale word."""
    head = re.split(r"\s+of\s+", raw.lower(), maxsplit=1)[0]
    scale = raw.lower().split()[-1]
    toks = re.split(r"[\s-]+", head)
    denom = g.fractions.get(toks[-1])
    num = 1.0 if len(toks) == 1 or toks[0] in ("a", "an") else g.words.get(toks[0])
    if denom is None or num is None or scale not in g.scales:
        return None
    return Numeral(start, end, num / denom * g.scales[scale], True, True)


def _vague(raw: str, start: int, end: int, g: NumberGrammar) -> Numeral | None:
    toks = raw.lower().split()
    lo, hi = g.vague[toks[-1]]
    if len(toks) > 1:
        mlo, mhi = g.vague_tens[toks[0]]
        lo, hi = lo * mlo, lo * mhi
    return Numeral(start, end, (lo + hi) / 2, True, True, lo, hi, form="vague")


def numeral_value(raw: str, g: NumberGrammar) -> float | None:
    """Value of one numeral: digits, words and scale words combined the way English does."""
    total = 0.0
    current = 0.0
    seen = False
    for tok in _TOKEN.findall(re.sub(r"(?i)\bhalf\s+an?\b", "half", raw)):
        low = tok.lower()
        if low[0].isdigit() or low[0] == ".":
            current += float(low.replace(",", ""))
            seen = True
        elif low in ("a", "an"):
            current += 1
            seen = True
        elif low == "and":
            continue
        elif low == "half":
            current += 0.5
            seen = True
        elif low == "dozen":
            current = (current or 1) * 12
            seen = True
        elif low in g.words:
            current += g.words[low]
            seen = True
        elif low in g.suffixes and low not in g.scales:
            current = (current or 1) * g.suffixes[low]
        elif low in g.scales:
            current, total = _apply_scale(current, total, g.scales[low])
            seen = True
        else:
            return None
    return total + current if seen else None


def _apply_scale(current: float, total: float, mult: float) -> tuple[float, float]:
    """'two hundred' multiplies the running part; 'thousand' closes it into the total."""
    if mult >= 1000:
        return 0.0, total + (current or 1) * mult
    return (current or 1) * mult, total

"""What a claim counts or measures, read from the words around its number.

Features: the noun class ("troop" for soldiers, troops, forces), the aspect for counts of people
(killed, wounded, missing...), the place ("in Russia", "into Kursk", "toward combat zones") and
the modifier before the noun ("North Korean"). Word lists come from lexicon `grouping.toml`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from estimates.claims.model import Claim
from estimates.lexicon import Lexicon

BEFORE_WORDS = 8
"""Words before a number that can still say what it counts ("the number dispatched to Russia")."""

AFTER_WORDS = 12
"""Words after a number that can still say what it counts ("... were killed or wounded")."""

_NUMBER = re.compile(r"\d")
_BEFORE_CUT = re.compile(
    r"[,;:()—–]|\b(?:said|says|say|told|stated|reported|believes?|believed|added)\b[^,;]*?\bthat\b",
    re.I,
)
_AFTER_CUT = re.compile(r"[,;:()—–]")
_BRACKETED = re.compile(r"^\s*\([^)]*\)")
_WORDS = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_POSSESSIVE = re.compile(r"['’]s\s+")
_TRAILING_S = re.compile(r"['’]s?$")
_NUMERAL = re.compile(r"\d[\d,.]*\s*(?:million|billion|thousand)?")
_CAP_RUN = r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*"


@dataclass(frozen=True)
class Features:
    """What one claim is about; None where the text does not say."""

    kind: str
    noun: str | None
    aspect: str | None
    place: str | None
    modifier: str | None
    event: str | None = None  # for crowd counts: the day its sentence names ("1 July 2014")
    topic: str | None = None  # for measurements: what is measured ("border" in "50 km from ...")


@dataclass(frozen=True)
class GroupingWords:
    """Compiled `grouping.toml`."""

    nouns: dict[str, str]
    people: frozenset[str]
    aspects: tuple[tuple[str, re.Pattern[str]], ...]
    aspect_labels: dict[str, str]
    place: re.Pattern[str]
    place_words: tuple[tuple[re.Pattern[str], str], ...]
    modifiers: dict[str, str]
    not_places: frozenset[str]
    number_words: frozenset[str]
    event_date: re.Pattern[str]
    skip: frozenset[str]  # stop words and [topic_skip]: never a measurement's topic


def _words(words: list[str]) -> re.Pattern[str]:
    alt = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"\b(?:{alt})\b", re.I)


@cache
def grouping_words(lexicon: Lexicon) -> GroupingWords:
    """Compile the grouping lexicon once per lexicon."""
    f = lexicon.file("grouping")
    aspects = f.get("aspects", {})
    preps = f.get("places", {}).get("words", ["in"])
    prep = "|".join(re.escape(p) for p in preps)
    return GroupingWords(
        nouns={k.lower(): v for k, v in f.get("nouns", {}).items()},
        people=frozenset(f.get("people", {}).get("words", [])),
        aspects=tuple((name, _words(a.get("words", [name]))) for name, a in aspects.items()),
        aspect_labels={name: a.get("label", name) for name, a in aspects.items()},
        place=re.compile(rf"\b(?:{prep})\s+(?:the\s+)?(?:[a-z]+ern\s+)?(?P<p>{_CAP_RUN})"),
        place_words=tuple((_words([k]), v) for k, v in f.get("place_words", {}).items()),
        modifiers=dict(f.get("modifiers", {})),
        not_places=frozenset(w.casefold() for w in f.get("not_places", {}).get("words", [])),
        number_words=frozenset(
            k.casefold()
            for sec in ("words", "scales", "vague")
            for k in lexicon.section("numbers", sec)
        ),
        event_date=_event_pattern(f.get("months", {}).get("words", [])),
        skip=frozenset(
            w.casefold()
            for w in (
                *lexicon.file("nouns").get("stop", {}).get("words", []),
                *f.get("topic_skip", {}).get("words", []),
            )
        ),
    )


def _event_pattern(months: list[str]) -> re.Pattern[str]:
    m = "|".join(re.escape(w) for w in sorted(months, key=len, reverse=True)) or "(?!)"
    return re.compile(
        rf"\b(?:(?P<d1>\d{{1,2}})\s+(?P<m1>{m})|(?P<m2>{m})\.?\s+(?P<d2>\d{{1,2}}))\b"
        r"(?:,?\s+(?:in\s+)?(?P<y>(?:19|20)\d\d))?",
        re.I,
    )


def event_of(sentence: str, words: GroupingWords, last: bool = False) -> str | None:
    """The day a sentence names ("the 1 July march in 2014" -> "1 jul 2014"), if any; with
    `last`, the last day named (for the text before a claim)."""
    found = list(words.event_date.finditer(sentence)) if last else []
    m = found[-1] if found else None if last else words.event_date.search(sentence)
    if not m:
        return None
    day, month = m.group("d1") or m.group("d2"), m.group("m1") or m.group("m2")
    return " ".join(x for x in (day, month.lower()[:3], m.group("y")) if x)


def clause_windows(claim: Claim) -> tuple[str, str]:
    """The words before and after the claim in its sentence, up to another number or a clause
    break, so "300 killed and 2,700 wounded" gives each number its own verb."""
    at = claim.sentence.find(claim.text)
    if at < 0:
        return "", claim.sentence
    before = claim.sentence[:at]
    digits = list(_NUMBER.finditer(before))
    if digits:
        before = before[digits[-1].end() :]
    cuts = list(_BEFORE_CUT.finditer(before))
    if cuts:
        before = before[cuts[-1].end() :]
    after = claim.sentence[at + len(claim.text) :]
    stop = min(
        (m.start() for m in (_NUMBER.search(after), _AFTER_CUT.search(after)) if m),
        default=len(after),
    )
    after = after[:stop]
    return " ".join(before.split()[-BEFORE_WORDS:]), " ".join(after.split()[:AFTER_WORDS])


def claim_features(claim: Claim, words: GroupingWords) -> Features:
    """The features of one claim, from its unit, its own text and its clause."""
    before, after = clause_windows(claim)
    noun = _noun_class(claim, words)
    aspect = None
    if noun is None or noun in words.people:
        aspect = _aspect(before, claim.text, after, noun, words)
    return Features(
        kind=claim.kind,
        noun=noun,
        aspect=aspect,
        place=_place(after, words) or _place(before, words),
        modifier=_modifier(claim.text, words),
        event=event_of(claim.sentence, words) if aspect == "crowd" else None,
        topic=_topic(claim, words) if claim.kind != "count" else None,
    )


def _topic(claim: Claim, words: GroupingWords) -> str | None:
    """What a measurement measures: the head of the first noun phrase after it ("nearly 8
    billion gallons of water" -> water), past a bracketed conversion; else the last content
    word before it."""
    at = claim.sentence.find(claim.text)
    after = claim.sentence[at + len(claim.text) :] if at >= 0 else ""
    after = _AFTER_CUT.split(_BRACKETED.sub("", after, count=1), maxsplit=1)[0]
    head: str | None = None
    for w in _WORDS.findall(after)[:AFTER_WORDS]:
        low = w.casefold()
        if low in words.skip or low in words.number_words or w[0].isupper():
            if head is not None:
                break
            continue
        head = low
    if head:
        return head
    before = clause_windows(claim)[0]
    content = [w for w in _WORDS.findall(before) if w.casefold() not in words.skip]
    return content[-1].casefold() if content and content[-1][0].islower() else None


def _noun_class(claim: Claim, words: GroupingWords) -> str | None:
    if claim.unit is None:
        return None
    unit = claim.unit.lower()
    if claim.kind != "count":
        return _dimension(unit)
    return words.nouns.get(unit, unit)


def _dimension(unit: str) -> str:
    try:
        from estimates.claims.units import dimension_key
    except ImportError:  # the units module is optional: group by the unit name itself
        return unit
    try:
        return str(dimension_key(unit))
    except Exception:  # an unknown unit keeps its own name
        return unit


def _aspect(
    before: str, inside: str, after: str, noun: str | None, words: GroupingWords
) -> str | None:
    """The aspect named nearest the number ("5,000 deaths and displaced 34,000 people":
    34,000 is displaced); killed and wounded on one side of it make casualties ("300 killed
    and 2,700 wounded" are deaths and wounded)."""
    distance: dict[str, int] = {}
    sides: list[set[str]] = [set(), set()]
    for name, pattern in words.aspects:
        near = [len(before) - m.end() for m in pattern.finditer(before)]
        far = [0 for _ in pattern.finditer(inside)] + [m.start() for m in pattern.finditer(after)]
        if near or far:
            distance[name] = min(near + far)
        for side, hits in zip(sides, (near, far), strict=True):
            if hits:
                side.add(name)
    if noun in words.aspect_labels:
        distance[noun] = -1
    if "casualty" in distance or any({"death", "injured"} <= side for side in sides):
        return "casualty"
    return min(distance, key=lambda k: distance[k]) if distance else None


def _place(window: str, words: GroupingWords) -> str | None:
    for pattern, place in words.place_words:
        if pattern.search(window):
            return place
    m = words.place.search(window)
    return _clean_place(m.group("p"), words) if m else None


def _clean_place(run: str, words: GroupingWords) -> str | None:
    run = _POSSESSIVE.split(run)[-1]
    place = _TRAILING_S.sub("", run.strip(" .")).strip()
    return None if not place or place.split()[0].casefold() in words.not_places else place


def document_place(sentences: Iterable[str], words: GroupingWords) -> str | None:
    """The place a document's sentences name most often after "in", "to"... (its setting)."""
    found = Counter(
        p
        for s in dict.fromkeys(sentences)  # in order: ties go to the first named, every run
        for m in words.place.finditer(s)
        if (p := _clean_place(m.group("p"), words))
    )
    return found.most_common(1)[0][0] if found else None


def _modifier(text: str, words: GroupingWords) -> str | None:
    tail = _NUMERAL.split(text)[-1].split()
    caps = [w for w in tail[:-1] if w[:1].isupper() and w.casefold() not in words.number_words]
    if not caps:
        return None
    phrase = " ".join(caps)
    return words.modifiers.get(phrase, phrase)

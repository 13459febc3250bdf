"""What a claim counts or measures, and its scope, read from the words around its number.

Features: the noun class ("troop" for soldiers, troops, forces), the aspect for counts of people
(killed, wounded, missing...) or things (destroyed, damaged), what a measurement measures (depth,
rainfall, damage, aid, magnitude), and the scope: the place ("in Russia", "in Guinea, Liberia and
Sierra Leone", "in total"), the population ("civilians" killed), a rate ("per day"), what kind of
count it is ("confirmed" cases, "direct" deaths, a survey's sample), a year ("in 2014") and the
modifier before the noun ("North Korean"). Word lists come from lexicon `grouping.toml`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from estimates.claims.model import Claim
from estimates.claims.nouns import NounGrammar, noun_grammar
from estimates.lexicon import Lexicon

BEFORE_WORDS = 8
"""Words before a number that can still say what it counts ("the number dispatched to Russia")."""

AFTER_WORDS = 12
"""Words after a number that can still say what it counts ("... were killed or wounded")."""

_NUMBER = re.compile(r"\d")
FIELD_BREAK = re.compile(r"\n(?=[A-Z][A-Za-z'’ -]{0,60}?(?:\d|:|$))")
"""A line break before an infobox field ("...\nAftershocks7 above M5.0", "...\nDepth: 12
km"): the next line is another field, not more of the clause."""
_BEFORE_CUT = re.compile(
    rf"[,;:()—–]|(?-i:{FIELD_BREAK.pattern})"
    r"|\b(?:said|says|say|told|stated|reported|believes?|believed|added)\b(?:[^,;]*?\bthat\b)?",
    re.I,
)
_AFTER_CUT = re.compile(rf"[,;:()—–]|{FIELD_BREAK.pattern}")
_BRACKETED = re.compile(r"^\s*\([^)]*\)")
_WORDS = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_POSSESSIVE = re.compile(r"['’]s\s+")
_TRAILING_S = re.compile(r"['’]s?$")
_NUMERAL = re.compile(r"\d[\d,.]*\s*(?:million|billion|thousand)?")
_PLACE_KINDS = r"(?:town|city|village|province|district|region|state|county|valley)"
"""Words that introduce a place's name: "in the town of Darayya"."""
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
    measure: str | None = None  # for measurements: depth, rainfall, damage, aid, magnitude...
    population: str | None = None  # who is counted, when narrower than everyone: civilian, child
    rate: str | None = None  # "per day": a rate is not a running total
    counted: str | None = None  # confirmed, direct, excess, sample: a different count
    period: str | None = None  # the year a count covers ("deaths in 2014")
    cause: str | None = None  # an incident its sentence puts a toll down to ("avalanche")

    def placed(self, words: GroupingWords) -> bool:
        """Whether the tool can say what the figure counts or measures: a counted noun (not
        bare "people"), what happened to them, or what a measurement measures."""
        if self.aspect is not None or self.measure is not None:
            return True
        return self.noun is not None and self.noun not in words.unplaced


@dataclass(frozen=True)
class GroupingWords:
    """Compiled `grouping.toml`."""

    nouns: dict[str, str]
    people: frozenset[str]
    aspects: WordTable
    aspect_labels: dict[str, str]
    story_aspects: tuple[tuple[re.Pattern[str], str], ...]  # story name words -> default aspect
    place: re.Pattern[str]
    place_words: WordTable  # phrase near the number -> the place it names ("the front")
    modifiers: dict[str, str]
    not_places: frozenset[str]
    number_words: frozenset[str]
    event_date: re.Pattern[str]
    skip: frozenset[str]  # stop words and [topic_skip]: never a measurement's topic
    thing_aspects: frozenset[str]  # aspects of counted things (destroyed, damaged)
    harm_aspects: frozenset[str]  # aspects said of people at work too (killed, injured)
    workers: frozenset[str]
    populations: dict[str, str]
    demonyms: dict[str, str]  # demonym (case-folded) -> its country
    counted: WordTable
    counted_labels: dict[str, str]  # counted name -> its label, "{}" for the measure
    rates: WordTable
    measures: WordTable
    measure_labels: dict[str, str]
    kind_labels: dict[str, str]  # a claim kind -> how a measurement of it reads ("share")
    measure_dims: dict[str, tuple[str, ...]]  # measure -> dimensions it can be in (any if none)
    unitless: dict[str, re.Pattern[str] | None]  # measure -> its symbols (case-sensitive)
    scales: dict[str, dict[str, str]]
    measured_things: dict[str, str]  # counted noun -> measure ("earthquake" -> magnitude)
    totals: re.Pattern[str]
    grammar: NounGrammar  # the claims stage's noun tables: plurals in labels
    unplaced: frozenset[str]
    aftershock: re.Pattern[str]
    incidents: WordTable  # events within a story with a toll of their own
    incident_names: frozenset[str]
    causes: WordTable  # incidents and every event word: what a toll may be put down to
    plain_skip: frozenset[str]  # adjectives, stop words, qualifier and number words
    unitless_names: frozenset[str] = frozenset()  # the measures in `unitless`
    fitting: dict[str | None, frozenset[str]] = field(
        default_factory=dict, compare=False, repr=False
    )  # noun class -> the measures its dimension allows (see _measure)
    seen: dict[tuple[str, str, str], str | None] = field(
        default_factory=dict, compare=False, repr=False
    )  # (what, words before, words after) -> what the clause windows say (see _remembered)


def _prefixes(words: list[str]) -> re.Pattern[str]:
    """Words at the start of a token, so an infobox's run-on "Aftershocks7.3 Mw" counts."""
    alt = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or "(?!)"
    return re.compile(rf"\b(?:{alt})(?![a-z])", re.I)


def _words(words: list[str]) -> re.Pattern[str]:
    """Whole words or phrases, case-insensitive, as one pattern shaped like a trie (shared
    beginnings written once), so a long list costs little per character of text."""
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for ch in w.casefold():
            node = node.setdefault(ch, {})
        node[""] = {}
    return re.compile(rf"\b(?:{_trie_pattern(trie)})\b", re.I)


def _trie_pattern(node: dict[str, Any]) -> str:
    """The alternation a trie node stands for; the longest match first at each branch."""
    ends = "" in node
    branches = [re.escape(ch) + _trie_pattern(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends else body


@cache
def grouping_words(lexicon: Lexicon) -> GroupingWords:
    """Compile the grouping lexicon once per lexicon."""
    f = lexicon.file("grouping")
    aspects = f.get("aspects", {})
    measures = f.get("measures", {})
    preps = f.get("places", {}).get("words", ["in"])
    prep = "|".join(re.escape(p) for p in preps)
    return GroupingWords(
        nouns={k.lower(): v for k, v in f.get("nouns", {}).items()},
        people=frozenset(f.get("people", {}).get("words", [])),
        aspects=_table(aspects),
        aspect_labels={name: a.get("label", name) for name, a in aspects.items()},
        story_aspects=tuple(
            (_prefixes(a["stories"]), name) for name, a in aspects.items() if a.get("stories")
        ),
        place=re.compile(
            rf"\b(?:{prep})\s+(?:the\s+)?(?:{_PLACE_KINDS}\s+of\s+)?(?:[a-z]+ern\s+)?"
            rf"(?P<p>{_CAP_RUN})"
        ),
        place_words=_place_table(f.get("place_words", {})),
        modifiers=dict(f.get("modifiers", {})),
        not_places=frozenset(
            w.casefold()
            for w in (
                *f.get("not_places", {}).get("words", []),
                *lexicon.months(),
                *lexicon.weekdays(),
            )
        ),
        number_words=frozenset(
            k.casefold()
            for sec in ("words", "scales", "vague", "vague_tens")
            for k in lexicon.section("numbers", sec)
        ),
        event_date=_event_pattern(lexicon.months()),
        skip=frozenset(
            w.casefold()
            for w in (
                *lexicon.file("nouns").get("stop", {}).get("words", []),
                *f.get("topic_skip", {}).get("words", []),
            )
        ),
        thing_aspects=frozenset(n for n, a in aspects.items() if a.get("of") == "things"),
        harm_aspects=frozenset(n for n, a in aspects.items() if a.get("harm")),
        workers=frozenset(f.get("workers", {}).get("words", [])),
        populations=dict(f.get("populations", {})),
        demonyms={k.casefold(): v for k, v in lexicon.section("sources", "demonyms").items()},
        counted=_table(f.get("counted", {})),
        counted_labels={n: c["label"] for n, c in f.get("counted", {}).items() if "label" in c},
        rates=_table(f.get("rates", {})),
        measures=_table(measures),
        measure_labels={n: m.get("label", n) for n, m in measures.items()},
        kind_labels=dict(f.get("kinds", {})),
        measure_dims={n: tuple(m.get("dims", [])) for n, m in measures.items()},
        unitless={
            n: _symbols(m.get("symbols", [])) for n, m in measures.items() if m.get("unitless")
        },
        unitless_names=frozenset(n for n, m in measures.items() if m.get("unitless")),
        scales={n: dict(m.get("scales", {})) for n, m in measures.items()},
        measured_things={t: n for n, m in measures.items() for t in m.get("things", [])},
        totals=_words(f.get("totals", {}).get("words", []) or ["(?!)"]),
        grammar=noun_grammar(lexicon),
        unplaced=frozenset(f.get("unplaced", {}).get("words", [])),
        aftershock=_prefixes(f.get("aftershocks", {}).get("words", [])),
        incidents=_table(f.get("incidents", {})),
        incident_names=frozenset(f.get("incidents", {})),
        causes=_table(
            {
                **{"": {"words": lexicon.file("stories").get("events", {}).get("words", [])}},
                **f.get("incidents", {}),
            }
        ),
        plain_skip=frozenset(
            w.casefold()
            for w in (
                *lexicon.file("nouns").get("adjectives", {}).get("words", []),
                *lexicon.file("nouns").get("stop", {}).get("words", []),
                *(
                    k
                    for sec in ("words", "scales", "vague", "vague_tens")
                    for k in lexicon.section("numbers", sec)
                ),
                *(
                    k
                    for table in lexicon.file("qualifiers").values()
                    if isinstance(table, dict)
                    for k in table
                ),
            )
        ),
    )


WINDOW_CACHE = 1 << 17
"""Windows of text whose phrases a word table keeps found: the words around numbers repeat
across an archive ("people were killed in ..."), so most are searched once."""


@dataclass(frozen=True)
class WordTable:
    """[section.NAME] words = [...] tables matched in one pass: each phrase found (the longest
    at each place) gives the names of the entries that list it."""

    pattern: re.Pattern[str]
    names: dict[str, tuple[str, ...]]  # case-folded phrase -> entry names, in file order
    seen: dict[str, tuple[tuple[int, int, str], ...]] = field(
        default_factory=dict, compare=False, repr=False
    )  # window -> what _found found in it (start, end, name)

    def _found(self, text: str) -> tuple[tuple[int, int, str], ...]:
        """(start, end, name) of every phrase found in `text`. A window holding no number, as
        many claims share one ("people were killed in ..."), is searched once (up to
        WINDOW_CACHE kept); one holding a number is searched each time."""
        found = self.seen.get(text)
        if found is None:
            names = self.names
            found = tuple(
                (m.start(), m.end(), name)
                for m in self.pattern.finditer(text)
                for name in names.get(m.group().casefold(), ())
            )
            if not _NUMBER.search(text):
                if len(self.seen) >= WINDOW_CACHE:
                    self.seen.clear()
                self.seen[text] = found
        return found

    def hits(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, name) of every phrase found in `text`."""
        return list(self._found(text))

    def around(self, before: str, inside: str, after: str) -> list[tuple[int, int, str]]:
        """(distance from the number, side, name) of every phrase in a claim's clause: side is
        -1 before the number, 0 in the claim's own text, 1 after it. No phrase spans a clause
        edge, so each window is searched on its own (and windows many claims share, once)."""
        b = len(before)
        out = [(b - j, -1, n) for _, j, n in self._found(before)]
        out += [(0, 0, n) for _, _, n in self._found(inside)]
        out += [(i, 1, n) for i, _, n in self._found(after)]
        return out

    def nearest(
        self, before: str, inside: str, after: str, keep: frozenset[str] | None = None
    ) -> str | None:
        """The entry named nearest a number: inside its own text first, then by distance from
        it on either side (among `keep` when given)."""
        found = [h for h in self.around(before, inside, after) if keep is None or h[2] in keep]
        return min(found)[2] if found else None


def _place_table(phrases: dict[str, str]) -> WordTable:
    """[place_words] phrase = place, as one table."""
    by_place: dict[str, dict[str, list[str]]] = {}
    for phrase, place in phrases.items():
        by_place.setdefault(place, {"words": []})["words"].append(phrase)
    return _table(by_place)


def _table(table: dict[str, Any]) -> WordTable:
    names: dict[str, list[str]] = {}
    for name, entry in table.items():
        for w in entry.get("words", [name]):
            names.setdefault(w.casefold(), []).append(name)
    pattern = _words(list(names)) if names else re.compile("(?!)")
    return WordTable(pattern, {k: tuple(v) for k, v in names.items()})


def _symbols(symbols: list[str]) -> re.Pattern[str] | None:
    """Case-sensitive marks written right after a number ("7.8Mw", "6.7 Mw")."""
    if not symbols:
        return None
    alt = "|".join(re.escape(w) for w in sorted(symbols, key=len, reverse=True))
    return re.compile(rf"\d\s*\(?(?P<sym>{alt})\b")


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
    row = table_row(claim)
    # a table cell's column header (the claim's unit and subject) says what it counts; the
    # words around it are other cells and the header of every column
    before, after = ("", "") if row else clause_windows(claim)
    noun = _noun_class(claim, words)
    if is_dimension(noun) and implied_unit(claim, words):
        noun = None  # a bare number the extractor gave a measuring unit from elsewhere
    if noun is not None and noun in words.demonyms:
        noun = "person"  # "400,000 Syrians": people, named by where they are from
    past = _past_conversion(claim)
    clause = _clause_rest(claim)
    measure = _measure(claim, before, past or after, noun, words)
    if measure in words.unitless:  # a magnitude: the word after the number is no unit
        noun = None
    people = measure is None and (noun is None or noun in words.people or noun in words.workers)
    aspect = None
    own = f"{claim.text} {claim.subject}" if claim.subject else claim.text
    if measure is None:  # the subject: a label's words too ("Houses Destroyed", a column)
        aspect = _aspect(before, own, after, noun, words, people)
    if measure is None and not people and not aspect and implied_unit(claim, words):
        # a bare number whose clause says what happened to people ("8,857 dead in Nepal and
        # 8,964 in total") counts people, whatever noun the extractor borrowed for it
        aspect = _aspect(before, claim.text, after, None, words, True)
        if aspect is not None and aspect not in words.thing_aspects:
            noun, people = None, True
    kind = "scale" if measure in words.unitless else claim.kind
    row_place, row_modifier = _table_label(row.label, words) if row else _row_label(claim, words)
    paren = None if row_place else _paren_place(claim, words)
    row_place = row_place or paren
    event = event_of(claim.sentence, words) if aspect == "crowd" else None
    lead = claim.sentence[: max(claim.sentence.find(claim.text), 0)]
    # a figure in brackets after a place stands in a list: what the sentence says before the
    # list ("peaks of new cases in A (509 cases), B (748 cases)") is said of each figure
    counted = words.counted.nearest(lead if paren else before, own, clause)
    if counted is None and _WHOLE.search(lead):
        counted = WHOLE  # "30 of the country's 75 districts": the 75 counts them all
    if aspect and counted is None and (_shock_before(claim, words) or _shock_after(clause, words)):
        counted = "aftershock"  # "the aftershock ... resulted in 120 deaths": not the toll
    if kind == "scale" and (noun_of_shock := _shock(claim, before, words)):
        counted = noun_of_shock  # an aftershock's magnitude is not the quake's; nor is its day
        event = event_of(_rest_of(claim)[:EVENT_REACH], words)
    place = row_place or _scope_place(before, after, words)
    if measure == "distance":  # a distance is from somewhere: "41 miles north of Sendai"
        place = _reference(past or after, words) or place
    return Features(
        kind=kind,
        noun=noun,
        aspect=aspect,
        place=place,
        modifier=row_modifier or (_modifier(claim.text, words) if measure is None else None),
        event=event,
        topic=_topic(claim, words) if claim.kind != "count" and measure is None else None,
        measure=_scaled(measure, claim, after, words),
        population=_population(noun, before, words) if aspect and people else None,
        rate=_rate(before, after, words),
        counted=counted,
        period=_period(claim, before, after),
        cause=_cause(claim, words) if aspect in words.harm_aspects else None,
    )


def _cause(claim: Claim, words: GroupingWords) -> str | None:
    """The incident a toll is put down to: the event word nearest before the number in its
    sentence ("an avalanche on the mountain, killing 19 people"), when it names an incident."""
    at = claim.sentence.find(claim.text)
    before = claim.sentence[: max(at, 0)]
    digits = list(_NUMBER.finditer(before))
    before = before[digits[-1].end() :] if digits else before
    found = words.causes.hits(before)
    return max(found)[2] or None if found else None


WHOLE = "whole"
"""What is counted by the whole a part is counted out of (lexicon [counted.whole])."""

_WHOLE = re.compile(
    r"\d\s+(?:out\s+)?of\s+(?:the\s+|its\s+|their\s+|all\s+)?(?:[\w-]+['’]s\s+)?$", re.I
)
"""A part right before a number ("30 of the country's 75", "39 out of Nepal's 75")."""

EVENT_REACH = 40
"""Characters after a magnitude where the day of its shock is named ("6.7 Mw on 26 April")."""

_ROW_PREFIX = re.compile(
    r"^[ \t]*(?P<label>[A-Z][\w'’./&-]*(?:[ \t]+[A-Za-z][\w'’./&-]*){0,3})[ \t]*(?P<colon>:)?"
)
_ACRONYM = re.compile(r"/|\b[A-Z][A-Za-z]*[A-Z]\b")


_PAREN_PLACE = re.compile(rf"(?P<p>{_CAP_RUN})\s*\(\s*$")


def _paren_place(claim: Claim, words: GroupingWords) -> str | None:
    """A figure in brackets right after a place names that place's figure ("new cases peaked
    in Liberia (509 cases), Sierra Leone (748 cases)")."""
    at = claim.sentence.find(claim.text)
    m = _PAREN_PLACE.search(claim.sentence[max(0, at - 60) : at]) if at > 0 else None
    if not m or _names_a_measure(m.group("p").casefold(), words):
        return None
    return clean_place(m.group("p"), words)


def _shock(claim: Claim, before: str, words: GroupingWords) -> str | None:
    """ "aftershock" when a magnitude is an aftershock's (the word before it in its sentence, or
    its own noun: "a 7.3 aftershock", "aftershocks ranging between magnitude 4.5 and 6.6")."""
    at = claim.sentence.find(claim.text)
    near = f"{claim.sentence[max(0, at - 80) : at]} {claim.text} {_rest_of(claim)[:12]}"
    near = f"{near} {claim.subject}" if claim.subject else near
    return "aftershock" if words.aftershock.search(near) else None


def _shock_before(claim: Claim, words: GroupingWords) -> bool:
    """Whether the claim's line, before it, names an aftershock."""
    at = claim.sentence.find(claim.text)
    line = claim.sentence[max(0, at - 120) : max(at, 0)].rsplit("\n", 1)[-1]
    return bool(words.aftershock.search(line)) and not _BOTH_SHOCKS.search(line)


def _shock_after(rest: str, words: GroupingWords) -> bool:
    """Whether the rest of the claim's clause (`rest`, see _clause_rest) puts it down to an
    aftershock alone ("two deaths ... as a result of the April 7 aftershock", not "the
    earthquake and aftershocks")."""
    return bool(words.aftershock.search(rest)) and not _MAIN_SHOCK.search(rest)


_MAIN_SHOCK = re.compile(r"\b(?:earthquake|quake|mainshock|main shock)s?\b", re.I)
_BOTH_SHOCKS = re.compile(
    r"\b(?:earthquake|quake|mainshock|main shock)s?\s+and\s+(?:its\s+|the\s+)?aftershocks\b", re.I
)
"""A figure for "the earthquake and aftershocks" is the whole event's, not an aftershock's."""


_FROM = re.compile(rf"\b(?:from|of)\s+(?:the\s+)?(?:{_PLACE_KINDS}\s+of\s+)?(?P<p>{_CAP_RUN})")


def _reference(window: str, words: GroupingWords) -> str | None:
    """The place a distance is measured from ("northwest of Kathmandu", "from Sendai")."""
    m = _FROM.search(window)
    if not m or _NOUN_AFTER.match(window, m.end()):  # "of the Ukrainian border": the border
        return None
    return clean_place(m.group("p"), words)


_NOUN_AFTER = re.compile(r"\s+[a-z]")
"""A lower-case word right after a name: the name qualifies a noun, it is not the place."""


def _past_conversion(claim: Claim) -> str:
    """The words after a measurement past its bracketed conversion ("50 km (30 miles) from the
    border" -> "from the border"), up to a clause break."""
    rest = _rest_of(claim)
    if not _BRACKETED.match(rest):
        return ""
    after = _AFTER_CUT.split(_BRACKETED.sub("", rest, count=1), maxsplit=1)[0]
    return " ".join(after.split()[:AFTER_WORDS])


def _clause_rest(claim: Claim) -> str:
    """The rest of the claim's clause, past other numbers, up to a clause break: what is said
    of a list of figures ("3,988 cases and 1,954 deaths confirmed") is said of each."""
    return _CLAUSE_CUT.split(_rest_of(claim), maxsplit=1)[0]


_CLAUSE_CUT = re.compile(rf"[;:()—–]|,\s|{FIELD_BREAK.pattern}")
"""Clause breaks in running text: a comma only with a space after it (not "1,954")."""


def _rest_of(claim: Claim) -> str:
    at = claim.sentence.find(claim.text)
    return claim.sentence[at + len(claim.text) :] if at >= 0 else ""


def _row_label(claim: Claim, words: GroupingWords) -> tuple[str | None, str | None]:
    """The label of a table or infobox row the figure stands in ("Guinea: 460 cases, 339
    deaths"; "USAID/OFDA $21,000,000"; "Total: ..."): a place, TOTAL, or (an organisation's
    name) a modifier. Labels that name what is counted ("Casualties:") are not scopes."""
    at = claim.sentence.find(claim.text)
    line = claim.sentence[:at].rsplit("\n", 1)[-1] if at >= 0 else ""
    m = _ROW_PREFIX.match(line)
    if not m:
        return None, None
    label, rest = m.group("label"), line[m.end() :]
    if not (m.group("colon") or not rest.strip()):
        return None, None
    if m.group("colon") and _SPEECH.match(rest):
        return None, None  # "HALVORSEN: We have confirmed nine deaths": a speaker's turn
    low = label.casefold()
    if low.split()[0] == "total":
        return TOTAL, None
    if not m.group("colon"):  # "USAID/OFDA $21,000,000": a row of a table of amounts
        named = _ACRONYM.search(label) and all(w[:1].isupper() for w in label.split())
        return (None, label) if named else (None, None)
    if _names_a_measure(low, words) or any(w in words.not_places for w in low.split()):
        return None, None
    return label, None


@dataclass(frozen=True)
class Row:
    """A table row a figure stands in: its label and where its line is in the document."""

    label: str
    start: int
    end: int


_SPEECH = re.compile(r"\s*[A-Z][a-z]*\s+[a-z]")
"""A sentence after a label's colon ("We have ...", "I can ..."): the label names a speaker."""

_ROW_HEAD = re.compile(r"[ \t]*(?P<label>[A-Z][^\d\n:]*?)[ \t]*(?:\d[\d,.]*[ \t]*)*")
"""A table row up to a cell: a capitalised label, then only cells (the first may be a footnote
mark, "Liberia4 10678", "Guinea 2 3814")."""

_ROW_TAIL = re.compile(r"(?:[ \t]+[$€£¥]?\d[\d,.]*)*[ \t]*")
_CELL_START = re.compile(r"[$€£¥]?\d")
_ROW_START = re.compile(
    r"[ \t]*[A-Z][^\d\n:]*?[ \t]*[$€£¥]?\d[\d,.]*(?:[ \t]+[$€£¥]?\d[\d,.]*)*[ \t]*$"
)


def table_row(claim: Claim) -> Row | None:
    """The row of a table of figures the claim is a cell of ("Guinea 2 3814 3358 2544"): a
    line holding a label and numbers only, the claim one of them; None in running text."""
    if "\n" not in claim.sentence and not claim.sentence.rstrip()[-1:].isdigit():
        return None  # prose, quickly: a row of one line ends with a cell
    at = claim.sentence.find(claim.text)
    if at < 0 or not _CELL_START.match(claim.text):
        return None
    begin = claim.sentence.rfind("\n", 0, at) + 1
    stop = claim.sentence.find("\n", at)
    stop = len(claim.sentence) if stop < 0 else stop
    head = _ROW_HEAD.fullmatch(claim.sentence, begin, at)
    if head is None or not _ROW_TAIL.fullmatch(claim.sentence, at + len(claim.text), stop):
        return None
    if head.end("label") == at:  # "Deaths80": an infobox label glued to its value
        return None
    start = claim.start - (at - begin)
    return Row(head.group("label").strip(), start, start + (stop - begin))


def _table_label(label: str, words: GroupingWords) -> tuple[str | None, str | None]:
    """What a row's label says of its figures: TOTAL ("Total"), a modifier (an organisation,
    "USAID/OFDA"), a place ("Guinea", "Sierra Leone"), or nothing (a label naming what is
    counted, "Deaths")."""
    low = label.casefold()
    if low.split()[0] == "total":
        return TOTAL, None
    if not all(w[:1].isupper() for w in label.split()):
        return None, None
    if _ACRONYM.search(label):
        return None, label
    if _names_a_measure(low, words) or any(w in words.not_places for w in low.split()):
        return None, None
    return label, None


def _names_a_measure(text: str, words: GroupingWords) -> bool:
    """Whether a label names what is counted or measured rather than where."""
    tokens = {t for w in text.split() for t in (w, w.removesuffix("s"))}
    if tokens & (set(words.nouns) | set(words.measured_things)):
        return True
    tables = (words.aspects, words.measures, words.counted)
    return any(table.pattern.search(text) for table in tables)


_PERIOD = re.compile(r"\b(?:in|during|throughout|for)\s+(?:the\s+year\s+)?((?:19|20)\d\d)\b")
_LEADING_WORDS = 2
"""Words right before a number that can make it a rate ("daily cases of 300")."""


def _period(claim: Claim, before: str, after: str) -> str | None:
    """The year a count covers, when its clause says so ("killed in 2014", "the deadliest
    year was 2014, when 110,000 were killed")."""
    m = _PERIOD.search(after) or _PERIOD.search(before)
    if m:
        return m.group(1)
    at = claim.sentence.find(claim.text)
    when = _YEAR_WHEN.search(claim.sentence[max(0, at - 40) : max(at, 0)])
    return when.group(1) if when else None


_YEAR_WHEN = re.compile(r"\b((?:19|20)\d\d),?\s+when\s+(?:\w+\s+){0,2}$")


def _population(noun: str | None, before: str, words: GroupingWords) -> str | None:
    """Who a count of people is about when narrower than everyone: its own noun ("900
    civilians"), else a population named just before it ("the number of children killed had
    risen to 25,857")."""
    if noun in words.populations:
        return words.populations[noun]
    if noun not in (None, "person"):
        return None
    for w in reversed(before.split()):
        low = w.casefold().strip(".,;:")
        cls = words.nouns.get(low) or words.nouns.get(low.removesuffix("s"))
        if cls in words.populations:
            return words.populations[cls]
    return None


def _rate(before: str, after: str, words: GroupingWords) -> str | None:
    return _remembered("rate", before, after, words, _find_rate)


def _remembered(
    what: str, before: str, after: str, words: GroupingWords, find: WindowRule
) -> str | None:
    """`find(before, after, words)`, worked out once per pair of clause windows: the words
    around numbers repeat across an archive (up to WINDOW_CACHE pairs kept)."""
    key = (what, before, after)
    if key in words.seen:
        return words.seen[key]
    if len(words.seen) >= WINDOW_CACHE:
        words.seen.clear()
    found = words.seen[key] = find(before, after, words)
    return found


WindowRule = Callable[[str, str, "GroupingWords"], str | None]


def _find_rate(before: str, after: str, words: GroupingWords) -> str | None:
    near = " ".join([after, "|", *before.split()[-_LEADING_WORDS:]])
    found = words.rates.hits(near)
    return found[0][2] if found else None


def _measure(
    claim: Claim, before: str, after: str, noun: str | None, words: GroupingWords
) -> str | None:
    """What a measurement measures (depth, rainfall, damage...); a number with a magnitude's
    mark or word ("7.8Mw", "magnitude 7.3", "a 7.8 earthquake") is a magnitude, whatever its
    stated unit."""
    for name, symbols in words.unitless.items():
        if abs(claim.value) >= MAX_SCALE:
            break
        tail = f"{claim.text} {after[:6]}"
        if symbols is not None and symbols.search(tail):
            return name
        thing = claim.kind == "count" and words.measured_things.get(noun or "") == name
        if thing and _DECIMAL.search(claim.text):
            return name
    if claim.kind == "count":
        if abs(claim.value) >= MAX_SCALE or noun in words.people:
            return None
        return words.measures.nearest(before[-40:], "", "", words.unitless_names)
    fits = words.fitting.get(noun)
    if fits is None:
        fits = words.fitting[noun] = frozenset(
            n
            for n, dims in words.measure_dims.items()
            if not dims or any(_fits(noun or "", d) for d in dims)
        )
    found = words.measures.nearest(before, claim.text, after, fits)
    return None if found in words.unitless and abs(claim.value) >= MAX_SCALE else found


def _fits(dimension: str, allowed: str) -> bool:
    """Whether a claim's dimension is one a measure allows ("[currency_" allows every
    currency)."""
    return dimension == allowed or (allowed.endswith("_") and dimension.startswith(allowed))


MAX_SCALE = 10
"""Magnitudes (earthquake scales) are below 10: a larger number next to "magnitude" is not one."""

_DECIMAL = re.compile(r"\d\.\d")


def _scaled(measure: str | None, claim: Claim, after: str, words: GroupingWords) -> str | None:
    """A magnitude on a named scale ("8.1 Ms") is kept apart from the moment magnitude."""
    scales = words.scales.get(measure or "")
    if not scales:
        return measure
    tail = f"{claim.text} {after[:6]}"
    for symbol, scale in scales.items():
        if re.search(rf"\d\s*\(?{re.escape(symbol)}\b", tail):
            return f"{measure}:{scale}"
    return measure


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
    """The counted noun's class, or for a unit its dimension ("mile" and "kilometer" are
    lengths). The extractor's kind decides: a counted noun that is also a unit symbol ("two
    dams") stays a noun."""
    if claim.unit is None:
        return None
    if claim.kind != "count":
        return _dimension(claim.unit)
    unit = claim.unit.lower()
    return words.nouns.get(unit, unit)


def is_dimension(noun: str | None) -> bool:
    """Whether a noun class is a unit's dimension ("[length]"), not a counted noun."""
    return noun is not None and ("[" in noun or noun.startswith("dimensionless:"))


def implied_unit(claim: Claim, words: GroupingWords) -> bool:
    """Whether the claim's text is a bare number, its unit taken from elsewhere ("8,964")."""
    if _SYMBOL.search(claim.text):  # "$40 million", "30%": the unit is written
        return False
    tokens = claim.text.split()
    last = tokens[-1].casefold() if tokens else ""
    return bool(_NUMBER.search(last[-1:])) or last in words.number_words


_SYMBOL = re.compile(r"[$€£¥₹₩%‰°]")


@cache
def _dimension(unit: str) -> str:
    """The pint dimension of a unit ("[length]"), "count:NAME" for a name pint does not know."""
    from estimates.claims.units import dimension_key

    return str(dimension_key(unit))


def _aspect(
    before: str, inside: str, after: str, noun: str | None, words: GroupingWords, people: bool
) -> str | None:
    """The aspect the claim's own words name ("220 deaths"), else its noun's ("7,000
    injuries"), else the one named nearest the number ("5,000 deaths and displaced 34,000
    people": 34,000 is displaced); "killed or wounded" and the like are casualties."""
    hits = [
        h
        for h in words.aspects.around(before, inside, after)
        if ((h[2] in words.thing_aspects) != people)
        and (noun not in words.workers or h[2] in words.harm_aspects)
    ]
    own = [name for _, where, name in hits if where == 0]
    if noun in words.aspect_labels:
        own.append(noun)
    if own:
        return own[0]
    cut = _COORDINATION.search(before)  # "fled their homes and 2.6 million made refugees"
    if cut is not None:
        edge = len(before) - cut.start()  # distance from the number back to the "and"
        hits = [(d + COORDINATION_PENALTY if w < 0 and d >= edge else d, w, n) for d, w, n in hits]
    return min(hits)[2] if hits else None


_COORDINATION = re.compile(
    r"\b(?:and|or|but|while|whereas)\b(?!.*\b(?:and|or|but|while|whereas)\b)"
)
COORDINATION_PENALTY = 1000
"""Characters added to the distance of an aspect word before an "and" that stands between it
and the number: that word belongs to the earlier clause, the words after the number speak
first ("forced to flee their homes and 2.6 million made refugees")."""


def _place(window: str, words: GroupingWords) -> str | None:
    named = words.place_words.hits(window)
    if named:
        return named[0][2]
    m = words.place.search(window)
    if not m:
        return None
    first = clean_place(m.group("p"), words)
    places = [first] if first else []
    rest = window[m.end() :]
    while (more := _LIST_MORE.match(rest)) is not None:
        p = clean_place(more.group("p"), words)
        if p:
            places.append(p)
        rest = rest[more.end() :]
    if len(places) > 1:
        return ", ".join(sorted(dict.fromkeys(places)))  # a list of places is one scope
    return first


TOTAL = "all places"
"""The place scope of a figure its clause says covers everything ("8,964 in total")."""

_LIST_MORE = re.compile(
    rf"\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)(?:the\s+)?(?P<p>{_CAP_RUN})"
)


def _scope_place(before: str, after: str, words: GroupingWords) -> str | None:
    """The place a figure is about; TOTAL when its clause says it covers every place ("8,964
    in total"; but "deployed to Russia in all" is in Russia). The words after the number
    speak first: the words before it may name the place of an earlier figure."""
    return _remembered("place", before, after, words, _find_place)


def _find_place(before: str, after: str, words: GroupingWords) -> str | None:
    for window in (after, before):
        if place := _place(window, words):
            return place
        if words.totals.search(window):
            return TOTAL
    return None


def clean_place(run: str, words: GroupingWords) -> str | None:
    """A place as named, a demonym as its country ("in Syrian towns" -> Syria)."""
    run = _POSSESSIVE.split(run)[-1]
    place = _TRAILING_S.sub("", run.strip(" .")).strip()
    if not place or place.split()[0].casefold() in words.not_places:
        return None
    return words.demonyms.get(place.casefold(), place)


def _number_word(word: str, words: GroupingWords) -> bool:
    """Whether a word is a number written out, hyphenated ones too ("Twenty-five")."""
    return all(part in words.number_words for part in word.casefold().split("-"))


def _modifier(text: str, words: GroupingWords) -> str | None:
    """The words between the number and its noun that say whose or which: capitalised ones
    ("North Korean troops"), else a compound of two or more plain nouns ("disaster survivor
    assistance staff" -> "Disaster Survivor Assistance", so it meets its capitalised form)."""
    tail = _NUMERAL.split(text)[-1].split()
    caps = [w for w in tail[:-1] if w[:1].isupper() and not _number_word(w, words)]
    if not caps:
        plain = [w for w in tail[:-1] if w.isalpha() and w.casefold() not in words.plain_skip]
        if len(plain) < 2 or len(plain) != len(tail) - 1:
            return None
        caps = [w.capitalize() for w in plain]
    phrase = " ".join(caps)
    return words.modifiers.get(phrase, phrase)

"""Counted nouns: the head of the noun phrase a count counts, and the words around it.

"12 armoured personnel carriers" counts carriers, "3 field hospitals" hospitals: the head is the
last noun of the phrase, found with lemminflect's English dictionary (which words can be nouns,
which forms are plural, and their lemmas), so singulars are real words ("man", "life",
"inch"), never "mans" or "lifes". Labels that name what a number counts ("Deaths80",
"Structures destroyed 2,207", a table's column "Total Deaths") are read by `label_head`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from estimates.lexicon import Lexicon

PHRASE_WORDS = 6
"""Words after a count that may hold its noun ("More than 190 search and rescue team members")."""

LABEL_WORDS = 8
"""Words of a label or column header read for its head noun; longer text is no label."""

WORD_CACHE = 65_536
"""Distinct words whose dictionary entries are kept (news has a few thousand per corpus)."""

_WORD = re.compile(r"[ \t\xa0]*([A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z])")
_COPULA = frozenset(
    [
        "are",
        "were",
        "remain",
        "remained",
        "remains",
        "still",
        "was",
        "is",
        "be",
        "been",
        "have",
        "has",
        "had",
    ]
)


@dataclass(frozen=True)
class NounGrammar:
    """The noun tables of one lexicon."""

    stop: frozenset[str]
    irregular: dict[str, str]  # plural -> singular where the dictionary reads news wrongly
    adjective_endings: tuple[str, ...]
    adjectives: frozenset[str]
    numbers: frozenset[str]
    standalone: dict[str, str]  # "45 dead": an adjective standing for the counted people
    plurals: dict[str, str]  # singular -> plural where the dictionary's first choice is not news'
    invariant: frozenset[str]  # plurals without an ending ("people", "police", "staff")
    label_stop: frozenset[str]  # words that end a label's noun phrase ("from", "by", "within")
    meta: frozenset[str]  # nouns naming a figure, not what it counts ("estimate", "total")
    row_heads: frozenset[str] = frozenset()  # a table's first header word over its row labels


@dataclass(frozen=True)
class Counted:
    """What a count counts: the singular head noun, where its phrase ends, and the phrase."""

    head: str
    end: int  # offset after the head in the text read
    phrase: str  # the whole noun phrase, head in the singular ("field hospital")


@cache
def noun_grammar(lexicon: Lexicon) -> NounGrammar:
    """Compile the lexicon's noun tables once."""
    nouns = lexicon.file("nouns")
    adj = nouns.get("adjectives", {})
    return NounGrammar(
        stop=frozenset(w.lower() for w in nouns.get("stop", {}).get("words", [])),
        irregular={k.lower(): str(v) for k, v in nouns.get("irregular", {}).items()},
        adjective_endings=tuple(adj.get("endings", [])),
        adjectives=frozenset(w.lower() for w in adj.get("words", [])),
        numbers=frozenset(k.lower() for k in lexicon.section("numbers", "words")),
        standalone={k.lower(): str(v) for k, v in nouns.get("standalone", {}).items()},
        plurals={k.lower(): str(v) for k, v in nouns.get("plurals", {}).items()},
        invariant=frozenset(w.lower() for w in nouns.get("invariant", {}).get("words", [])),
        label_stop=frozenset(w.lower() for w in nouns.get("label_stop", {}).get("words", [])),
        meta=frozenset(w.lower() for w in nouns.get("meta", {}).get("words", [])),
        row_heads=frozenset(w.lower() for w in nouns.get("row_heads", {}).get("words", [])),
    )


@lru_cache(maxsize=WORD_CACHE)
def _lemmas(low: str) -> dict[str, tuple[str, ...]]:
    """lemminflect's lemmas of a lower-case word by part of speech ({} when unknown)."""
    from lemminflect import getAllLemmas

    return dict(getAllLemmas(low))


def lemmas(low: str) -> dict[str, tuple[str, ...]]:
    """The dictionary's lemmas of a lower-case word by part of speech ('largest' -> ADJ large)."""
    return _lemmas(low)


@lru_cache(maxsize=WORD_CACHE)
def _noun_lemma(low: str) -> str:
    from lemminflect import getLemma

    found = getLemma(low, upos="NOUN", lemmatize_oov=True)
    return found[0] if found else low


def _oov_plural(low: str) -> bool:
    """A word the dictionary does not know ('aftershocks', 'syrians') by its ending."""
    return low.endswith("s") and not low.endswith(("ss", "us", "is", "'s", "’s")) and len(low) > 3


def singular(word: str, g: NounGrammar) -> str:
    """The singular of a counted noun, lower case: lexicon exceptions first, then the dictionary."""
    low = word.lower()
    if low in g.irregular:
        return g.irregular[low]
    if "-" in low:  # "storm-related deaths" never reach here; "co-sponsors" -> "co-sponsor"
        first, _, last = low.rpartition("-")
        return f"{first}-{singular(last, g)}" if last else low
    lemmas = _lemmas(low)
    if "NOUN" in lemmas:
        return lemmas["NOUN"][0]
    if _oov_plural(low) and _verb_s_form(low, lemmas):
        return lemmas["VERB"][0]  # "dams" -> "dam"
    if lemmas:  # known, but not as a noun ("missing", "displaced"): keep the word
        return low
    return _noun_lemma(low) if _oov_plural(low) else low


def is_plural(low: str, g: NounGrammar) -> bool:
    """True for a plural noun ('troops', 'men'), or one whose plural is the same ('personnel').

    The dictionary lists a word as its own plural also when it is uncountable ('assistance',
    'news'), so plurals without an ending come from the lexicon ('people', 'police', 'staff').
    """
    if low in g.irregular or low in g.invariant:
        return True
    lemmas = _lemmas(low)
    if "NOUN" not in lemmas:
        return _oov_plural(low) and (not lemmas or _verb_s_form(low, lemmas))
    nouns = lemmas["NOUN"]
    # "pools": the dictionary lists it as a noun of its own too, after its singular "pool"
    return low not in nouns or (low.endswith("s") and nouns[0] != low)


def _verb_s_form(low: str, lemmas: dict[str, tuple[str, ...]]) -> bool:
    """'dams', 'bars': the dictionary knows only the verb, but after a count an -s form of a
    verb is the plural of its noun."""
    return set(lemmas) == {"VERB"} and any(low in (v + "s", v + "es") for v in lemmas["VERB"])


def _invariant(low: str, g: NounGrammar) -> bool:
    """'personnel', 'staff', 'police': plural without an ending, often a modifier of the head."""
    return low in g.invariant


def _real_plural(low: str, g: NounGrammar) -> bool:
    """A plural with its own form ('carriers', 'officers'), not one the same as its singular."""
    return "NOUN" in _lemmas(low) and is_plural(low, g) and not _invariant(low, g)


def is_noun(low: str) -> bool:
    """True when the dictionary knows the word as a noun, or does not know it at all."""
    lemmas = _lemmas(low)
    return "NOUN" in lemmas or not lemmas


def is_word(low: str) -> bool:
    """True when the dictionary knows the lower-case word at all ('in', 'at', 'cup')."""
    return bool(_lemmas(low))


def plural(noun: str, g: NounGrammar) -> str:
    """The one plural of counted nouns and units, for extraction and every label and report:
    'man' -> 'men', 'mile per hour' -> 'miles per hour', 'degree Celsius' -> 'degrees
    Celsius', 'inch Hg' -> 'inches Hg'; the lexicon's [plurals] and [invariant] first, then the
    dictionary (lemminflect, whose rules also inflect words it does not list: 'exabecquerels').
    Adjectives and participles that stand for people ('missing', 'displaced') stay as they
    are."""
    if noun.lower() in g.plurals:
        return g.plurals[noun.lower()]
    head, sep, rest = noun.partition(" per ")
    words = head.split(" ")
    at = len(words) - 1
    if at > 0 and (words[at][:1].isupper() or not _lemmas(words[at].lower())):
        at -= 1  # "degree Celsius", "inch Hg": the noun is before the name
    words[at] = _plural_word(words[at], g)
    return " ".join(words) + (sep + rest if sep else "")


def plural_of(noun: str, lexicon: Lexicon | None = None) -> str:
    """`plural` with the lexicon's noun tables (the built-in and user lexicon by default)."""
    from estimates.lexicon import load_lexicon

    return _plural_in(noun, lexicon or load_lexicon())


@lru_cache(maxsize=WORD_CACHE)
def _plural_in(noun: str, lexicon: Lexicon) -> str:
    return plural(noun, noun_grammar(lexicon))


def _plural_word(word: str, g: NounGrammar) -> str:
    low = word.lower()
    if low in g.plurals:
        return g.plurals[low]
    if not word or not word.replace("-", "").isalpha() or _invariant(low, g):
        return word  # "staff", "police"
    lemmas = _lemmas(low)
    if lemmas and "NOUN" not in lemmas:
        known_as_verb_only = set(lemmas) == {"VERB"} and low in lemmas["VERB"]
        if not known_as_verb_only:  # "dams" is a plural noun; "dead", "missing", "displaced"
            return word  # are adjectives and participles standing for people
    from lemminflect import getInflection

    forms = getInflection(low, tag="NNS")
    form = forms[0] if forms else word
    return form[:1].upper() + form[1:] if word[:1].isupper() else form


def _is_adjective(low: str, g: NounGrammar) -> bool:
    if low in g.adjectives or "-" in low:
        return True
    lemmas = _lemmas(low)
    if lemmas and "NOUN" not in lemmas and ("ADJ" in lemmas or "VERB" in lemmas):
        return not (_oov_plural(low) and _verb_s_form(low, lemmas))  # "armoured"; not "dams"
    return low.endswith(g.adjective_endings) and low not in g.irregular


def counted_noun(right: str, one: bool, g: NounGrammar) -> Counted | None:
    """What the phrase after a count counts: its head noun, end and whole phrase, or None.

    A plural noun ends the phrase ("10,000 North Korean troops"), unless it is a plural without
    ending that modifies the next noun ("12 armoured personnel carriers"); "and"/"or" join
    modifiers on the way to it ("190 search and rescue team members"); for one thing the
    first noun that is not an adjective does ("one particular demand").
    """
    alone = _standalone(right, g)
    if alone is not None:
        return alone
    pos, start = 0, -1
    word_before_is_name = adjective_before = False
    fallback: Counted | None = None
    for _ in range(PHRASE_WORDS):
        m = _WORD.match(right, pos)
        if not m:
            break
        word, pos = m.group(1), m.end()
        low = word.lower()
        names = word_before_is_name and _next_is_name(right, pos)
        if low in ("and", "or") and start >= 0:
            if names or adjective_before or _plural_ahead(right, pos, g):
                continue
            break
        if low in g.stop or low in g.numbers:
            break
        start = m.start(1) if start < 0 else start
        word_before_is_name = word[0].isupper()
        adjective_before = _is_adjective(low, g) and not word_before_is_name
        if word[0].isupper() and is_plural(low, g) and not _next_is_word(right, pos, g):
            return _counted(right, start, m.start(1), pos, low, g)
        if word[0].isupper() or low.endswith("ly") or _is_adjective(low, g):
            continue
        if one or is_plural(low, g):
            if _invariant(low, g) and _next_is_noun(right, pos, one, g):
                continue  # "personnel carriers": the next noun is the head
            return _counted(right, start, m.start(1), pos, low, g)
        if fallback is None and _noun_not_verb(low):
            fallback = _counted(right, start, m.start(1), pos, low, g)
        if not _next_is_word(right, pos, g) and not _joined_ahead(right, pos, g):
            break
    return fallback if not one else None


def _noun_not_verb(low: str) -> bool:
    """A noun that may head a phrase: 'cylinder', 'engine'; not 'remaining', 'armed'."""
    lemmas = _lemmas(low)
    if lemmas:
        return "NOUN" in lemmas and not (low.endswith(("ing", "ed")) and "VERB" in lemmas)
    return not low.endswith(("ing", "ed", "er"))


def _counted(
    right: str, start: int, head_start: int, end: int, low: str, g: NounGrammar
) -> Counted:
    head = singular(low, g)
    phrase = " ".join(right[start:head_start].split() + [head])
    return Counted(head, end, phrase)


def _standalone(right: str, g: NounGrammar) -> Counted | None:
    """'45 dead', '212 missing were', '1,500 remain missing', '80 were killed', '300 have
    died': an adjective or a verb of dying alone after the count (past a copula or an
    auxiliary) stands for the people counted."""
    pos = 0
    for _ in range(3):
        m = _WORD.match(right, pos)
        if not m:
            return None
        low = m.group(1).lower()
        if low in g.standalone and not _next_is_word(right, m.end(), g):
            return Counted(g.standalone[low], m.end(), g.standalone[low])
        if low not in _COPULA:
            return None
        pos = m.end()
    return None


def _joined_ahead(right: str, pos: int, g: NounGrammar) -> bool:
    """'search and rescue team members': 'and' or 'or' next, then modifiers and a plural."""
    m = _WORD.match(right, pos)
    return (
        m is not None and m.group(1).lower() in ("and", "or") and _plural_ahead(right, m.end(), g)
    )


def _plural_ahead(right: str, pos: int, g: NounGrammar) -> bool:
    """After 'and': lower-case modifiers lead to a plural noun ('and destroyed houses')."""
    for _ in range(PHRASE_WORDS - 2):
        m = _WORD.match(right, pos)
        if not m:
            return False
        low, pos = m.group(1).lower(), m.end()
        if m.group(1)[0].isupper() or low in g.stop or low in g.numbers:
            return False
        if is_plural(low, g) and not _invariant(low, g):
            return True
    return False


def _next_is_noun(right: str, pos: int, one: bool, g: NounGrammar) -> bool:
    m = _WORD.match(right, pos)
    if m is None or m.group(1)[0].isupper():
        return False
    low = m.group(1).lower()
    if low in g.stop or "NOUN" not in _lemmas(low):
        return False
    return low in _lemmas(low)["NOUN"] if one else _real_plural(low, g)


def _next_is_name(right: str, pos: int) -> bool:
    m = _WORD.match(right, pos)
    return m is not None and m.group(1)[0].isupper()


def _next_is_word(right: str, pos: int, g: NounGrammar) -> bool:
    m = _WORD.match(right, pos)
    return m is not None and m.group(1).lower() not in g.stop


_OF = re.compile(r"\b(?:number|count|total|toll|tally|figure)\s+of\s+", re.I)


def label_head(
    label: str, g: NounGrammar, plural_only: bool = False, done: bool = True
) -> Counted | None:
    """What a label counts: 'Deaths' -> death, 'Structures destroyed' -> structure,
    'Estimated Number of Houses Destroyed by the Earthquake' -> house, 'Displaced' -> displaced.

    The label is read up to its first label stop word; its head is the last plural noun, else
    its last noun; an adjective alone ('Displaced', 'Missing') names the people counted.
    With `plural_only`, only a plural head will do (a caption under a count: "Deaths"). With
    `done`, participles after the head join the phrase ("Houses Destroyed" -> "house
    destroyed"); not in running text, where they are its verb ("new cases occurred").
    """
    m = _OF.search(label)
    text = label[m.end() :] if m else label
    words: list[re.Match[str]] = []
    pos = 0
    for _ in range(LABEL_WORDS):
        w = _WORD.match(text, pos)
        if not w or w.group(1).lower() in g.label_stop and words:
            break
        if w.group(1).lower() not in g.label_stop:
            words.append(w)
        pos = w.end()
    if not words:
        return None
    lows = [w.group(1).lower() for w in words]
    plural_at = [i for i, low in enumerate(lows) if is_plural(low, g) and is_noun(low)]
    nouns_at = [i for i, low in enumerate(lows) if "NOUN" in _lemmas(low)]
    at = plural_at[-1] if plural_at else nouns_at[-1] if nouns_at else None
    if plural_only and not plural_at:
        return None
    if at is None:
        low = lows[-1]
        if low in g.standalone:
            return Counted(g.standalone[low], words[-1].end(), g.standalone[low])
        return None
    first = words[0].start(1)
    found = _counted(text, first, words[at].start(1), words[at].end(), lows[at], g)
    after = [low for low in lows[at + 1 :] if _participle(low)]
    if done and after and len(after) == len(lows) - at - 1:  # "Houses Destroyed"
        return Counted(found.head, found.end, " ".join([found.phrase, *after]))
    return found


def _participle(low: str) -> bool:
    """A past participle ('destroyed', 'injured'): a verb form ending in -ed, not its base."""
    verbs = _lemmas(low).get("VERB", ())
    return low.endswith("ed") and bool(verbs) and low not in verbs


NAMED_REACH = 160
"""Characters before a bare number in which its sentence may name what it counts."""

_NAMED = re.compile(
    r"\b(?:number|count|tally|total)\s+of\s+(?P<np>[^\d.;:!?]{1,60})"
    r"|\b(?P<noun>[A-Za-z]+)\s+(?:toll|tally|count)s?\b"
    r"|\b(?P<of>[A-Za-z]+s)\s+of\s*$"
    r"|\b(?P<br>[A-Za-z]+s)[ \t]*\([ \t]*$"  # "half of all cases (2,050)"
    r"|\b(?:put|puts|putting|placed|places|pegged|pegs|estimated|estimates)\s+(?:the\s+)?"
    r"(?:[a-z-]+\s+){0,2}?(?P<at>[A-Za-z]+s)\s+at\s+(?:about\s+|around\s+|some\s+)?$",
    re.I,
)


def _counts_things(low: str, g: NounGrammar) -> bool:
    """A plural that names counted things, not figures about them ('deaths', not 'estimates')."""
    return is_plural(low, g) and singular(low, g) not in g.meta


def named_before(text: str, floor: int, start: int, g: NounGrammar) -> Counted | None:
    """What a bare number counts when its sentence names it before: 'the death toll at
    1,897' (death), 'the number of missing persons at 3,002' (person), 'documented the deaths
    of at least 350,209' (death), 'half of all cases (2,050)' (case), 'put the excess deaths
    at about 1,400' (death). The naming nearest the number wins."""
    found: Counted | None = None
    for m in _NAMED.finditer(text, max(floor, start - NAMED_REACH), start):
        if m.group("np"):
            found = label_head(m.group("np"), g, done=False) or found
        elif m.group("noun"):
            low = m.group("noun").lower()
            lemmas = _lemmas(low)
            if low not in g.stop and "NOUN" in lemmas and "ADJ" not in lemmas:
                head = singular(low, g)  # "death toll", "case counts"; not "peak figure"
                found = Counted(head, m.end(), head)
        elif (of := m.group("of") or m.group("br") or m.group("at")) and _counts_things(
            of.lower(), g
        ):
            head = singular(of, g)
            found = Counted(head, m.end(), head)
    return found

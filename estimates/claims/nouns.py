"""Counted nouns: the head noun of the words after a count ("North Korean troops" -> "troop")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from estimates.lexicon import Lexicon

PHRASE_WORDS = 5
"""Words after a count that may hold its noun ("1,000 potentially hurricane-related deaths")."""

_WORD = re.compile(r"[ \t\xa0]*([A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z])")


@dataclass(frozen=True)
class NounGrammar:
    """The noun tables of one lexicon."""

    stop: frozenset[str]
    irregular: dict[str, str]
    singular_forms: frozenset[str]
    adjective_endings: tuple[str, ...]
    adjectives: frozenset[str]
    numbers: frozenset[str]
    standalone: dict[str, str]  # "45 dead": an adjective standing for the counted people


@cache
def noun_grammar(lexicon: Lexicon) -> NounGrammar:
    """Compile the lexicon's noun tables once."""
    nouns = lexicon.file("nouns")
    irregular = {k.lower(): v for k, v in nouns.get("irregular", {}).items()}
    adj = nouns.get("adjectives", {})
    return NounGrammar(
        stop=frozenset(w.lower() for w in nouns.get("stop", {}).get("words", [])),
        irregular=irregular,
        singular_forms=frozenset(irregular.values()),
        adjective_endings=tuple(adj.get("endings", [])),
        adjectives=frozenset(w.lower() for w in adj.get("words", [])),
        numbers=frozenset(k.lower() for k in lexicon.section("numbers", "words")),
        standalone={k.lower(): str(v) for k, v in nouns.get("standalone", {}).items()},
    )


def counted_noun(right: str, one: bool, g: NounGrammar) -> tuple[str | None, int]:
    """(singular head noun, end offset in `right`) of the phrase after a count, or (None, 0).

    A plural noun ends the phrase ("10,000 North Korean troops"); for one thing the first
    noun that is not an adjective does ("one particular demand").
    """
    pos, word_before_is_name, adjective_before = 0, False, False
    fallback: tuple[str | None, int] = (None, 0)
    first = _WORD.match(right)
    if (
        first
        and first.group(1).lower() in g.standalone
        and not _next_is_word(right, first.end(), g)
    ):
        return g.standalone[first.group(1).lower()], first.end()
    for _ in range(PHRASE_WORDS):
        m = _WORD.match(right, pos)
        if not m:
            break
        word, pos = m.group(1), m.end()
        low = word.lower()
        names = word_before_is_name and _next_is_name(right, pos)
        if low in ("and", "or") and (names or adjective_before):
            continue
        if low in g.stop or low in g.numbers:
            break
        word_before_is_name = word[0].isupper()
        adjective_before = _is_adjective(low, g) and not word_before_is_name
        if word[0].isupper() and _is_plural(low, g) and not _next_is_word(right, pos, g):
            return singular(low, g), pos
        if word[0].isupper() or low.endswith("ly") or _is_adjective(low, g):
            continue
        if one or _is_plural(low, g):
            return singular(low, g), pos
        if fallback[0] is None and not low.endswith(("ing", "ed", "er")):
            fallback = (singular(low, g), pos)
        if not _next_is_word(right, pos, g):
            break
    return fallback if not one else (None, 0)


def _next_is_name(right: str, pos: int) -> bool:
    m = _WORD.match(right, pos)
    return m is not None and m.group(1)[0].isupper()


def _next_is_word(right: str, pos: int, g: NounGrammar) -> bool:
    m = _WORD.match(right, pos)
    return m is not None and m.group(1).lower() not in g.stop


def _is_adjective(low: str, g: NounGrammar) -> bool:
    if low in g.adjectives or "-" in low:
        return True
    return low.endswith(g.adjective_endings) and low not in g.irregular


def _is_plural(low: str, g: NounGrammar) -> bool:
    if low in g.irregular:
        return g.irregular[low] != low or low in g.singular_forms
    if low.endswith("men") and len(low) > 4:
        return True
    return low.endswith("s") and not low.endswith(("ss", "us", "is", "'s", "’s")) and len(low) > 3


def singular(word: str, g: NounGrammar) -> str:
    """Singular of a counted noun: lexicon irregulars first, then English endings."""
    if word in g.irregular:
        return g.irregular[word]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("men") and len(word) > 4:
        return word[:-3] + "man"
    if word.endswith(("sses", "shes", "ches", "xes", "zes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word

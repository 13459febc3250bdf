"""Source phrases -> the body they speak for ("Seoul", "a South Korean official" -> South Korea).

The alias table is the `sources` lexicon (countries, capitals, demonyms, bodies, people). A
document adds its own names: "South Korean Defense Minister Kim Yong Hyun" teaches that "Kim"
speaks for South Korea further down the same article.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from estimates.lexicon import Lexicon

ALIAS_SECTIONS = ("countries", "capitals", "demonyms", "bodies", "people")
PLACE_SECTIONS = ("countries", "capitals", "demonyms")

_CAP_WORD = re.compile(r"[A-Z][\w.'’-]*")
_CAP_RUN = re.compile(r"[A-Z][\w.'’-]*(?:[ ]+[A-Z][\w.'’-]*)+")


@dataclass(frozen=True)
class EntityTable:
    """Compiled alias table: one pattern over every alias, and alias -> entity."""

    pattern: re.Pattern[str] | None
    entities: Mapping[str, str]  # alias (lower case unless all capitals) -> entity
    places: frozenset[str]  # aliases that name a country, capital or nationality
    titles: frozenset[str]
    org_heads: frozenset[str]
    spelling: Mapping[str, str]
    people: Mapping[str, str]  # full name -> entity, as written in the lexicon
    institutions: frozenset[str] = frozenset()  # heads of names that hold a place, not speak for it
    prepositions: frozenset[str] = frozenset()  # words after a phrase's head ("ministry in X")


def _key(alias: str) -> str:
    return alias if _all_caps(alias) else alias.lower()


def _all_caps(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _alias_regex(aliases: list[str]) -> re.Pattern[str] | None:
    if not aliases:
        return None
    parts = []
    for a in sorted(aliases, key=len, reverse=True):
        body = re.escape(a)
        parts.append(body if _all_caps(a) else f"(?i:{body})")
    return re.compile(rf"(?<![\w.])(?:{'|'.join(parts)})(?![\w])(?:['’]s)?")


@cache
def entity_table(lexicon: Lexicon) -> EntityTable:
    """Compile the `sources` lexicon once per lexicon."""
    entities: dict[str, str] = {}
    places: set[str] = set()
    for section in ALIAS_SECTIONS:
        for alias, entity in lexicon.section("sources", section).items():
            entities[_key(alias)] = str(entity)
            if section in PLACE_SECTIONS:
                places.add(_key(alias))
    words = lexicon.file("sources")
    return EntityTable(
        pattern=_alias_regex(list(_originals(lexicon))),
        entities=entities,
        places=frozenset(places),
        titles=frozenset(w.lower() for w in words.get("titles", {}).get("words", [])),
        org_heads=frozenset(w.lower() for w in words.get("org_heads", {}).get("words", [])),
        spelling={k.lower(): v for k, v in words.get("spelling", {}).items()},
        people={k: str(v) for k, v in lexicon.section("sources", "people").items()},
        institutions=frozenset(w.lower() for w in words.get("institutions", {}).get("words", [])),
        prepositions=frozenset(lexicon.words("reporting_verbs", "prepositions")),
    )


def _originals(lexicon: Lexicon) -> set[str]:
    return {a for s in ALIAS_SECTIONS for a in lexicon.section("sources", s)}


def _strip_possessive(s: str) -> str:
    return re.sub(r"['’]s$", "", s)


def alias_hits(phrase: str, table: EntityTable) -> list[tuple[int, str]]:
    """(offset, alias key) of every alias inside `phrase`, left to right."""
    if table.pattern is None:
        return []
    return [
        (m.start(), _found_key(_strip_possessive(m.group(0)), table))
        for m in table.pattern.finditer(phrase)
    ]


def _found_key(found: str, table: EntityTable) -> str:
    """The alias key of a match: capitals are kept for acronyms ("US"), but a name written in
    capitals ("SOUTH KOREA said", a dateline "LONDON") is the name ("south korea")."""
    key = _key(found)
    return key if key in table.entities else found.lower()


def named_bodies(text: str, table: EntityTable) -> list[tuple[int, str]]:
    """(offset, name as written) of every agency or office the lexicon knows, in `text`:
    what "the agency" or "the ministry" can refer back to."""
    if table.pattern is None:
        return []
    people = {_key(p) for p in table.people}
    out = []
    for m in table.pattern.finditer(text):
        name = _strip_possessive(m.group(0))
        key = _key(name)
        if key not in table.places and key not in people:
            out.append((m.start(), name))
    return out


def doc_names(text: str, table: EntityTable) -> dict[str, str]:
    """Names this document ties to a body: "<demonym> <title> <Name>" and known full names."""
    names: dict[str, str] = {}
    for m in _CAP_RUN.finditer(text):
        words = m.group(0).split()
        titled = [i for i, w in enumerate(words) if w.lower() in table.titles]
        if not titled or titled[-1] == len(words) - 1:
            continue
        lead, name = " ".join(words[: titled[-1]]), words[titled[-1] + 1 :]
        hits = alias_hits(lead, table)
        entity = table.entities.get(hits[0][1]) if hits else None
        if entity and not alias_hits(" ".join(name), table):
            _learn(names, name, entity)
    lower = text.lower()
    for alias, entity in table.people.items():
        if alias.lower() in lower:
            _learn(names, alias.split(), entity)
    return names


def _learn(names: dict[str, str], name: list[str], entity: str) -> None:
    for part in [" ".join(name), *name, *(p for w in name for p in w.split("-"))]:
        names.setdefault(part, entity)


def resolve_entity(
    source: str | None, table: EntityTable, names: Mapping[str, str] | None = None
) -> str | None:
    """The body `source` speaks for: the leftmost alias in it, else a name the article tied to
    one, else the phrase itself without its article (so "Police" and "the police" meet)."""
    if not source:
        return None
    hits = alias_hits(source, table)
    if hits:
        at, key = hits[0]
        named = _institution(source, at, key, table)
        return named if named else table.entities[key]
    for word in _CAP_WORD.findall(source):
        if names and word in names:
            return names[word]
    return generic_name(source, table)


_INSTITUTION_BEFORE = re.compile(
    r"(?<![\w'’-])((?:(?!(?:A|An|The)\s)[A-Z][\w'’-]*\s+)+)of\s+(?:the\s+)?$"
)
_CAPS_AFTER = re.compile(r"(?:\s+[A-Z][\w'’-]*)+")


def _institution(source: str, at: int, key: str, table: EntityTable) -> str | None:
    """The institution a place's name stands inside, which speaks for itself, not for the
    place: "a University of Hong Kong statistician", "Seoul National University"."""
    if key not in table.places or not table.institutions:
        return None
    before = _INSTITUTION_BEFORE.search(source, 0, at)
    if before and before.group(1).split()[-1].lower() in table.institutions:
        m = _CAPS_AFTER.match(source, at + len(key))
        tail = m.group(0) if m and _has_institution(m.group(0), table) else ""
        return source[before.start(1) : at + len(key)] + tail
    after = _CAPS_AFTER.match(source, at + len(key))
    if after:
        words = after.group(0).split()
        last = next(
            (i for i in range(len(words) - 1, -1, -1) if words[i].lower() in table.institutions),
            None,
        )
        if last is not None:
            name = source[at : after.start()] + " " + " ".join(words[: last + 1])
            if last == len(words) - 1:  # "Kyiv School of Economics"
                rest = _OF_NAME.match(source, after.end())
                name += rest.group(0) if rest else ""
            return name
    return None


_OF_NAME = re.compile(r"\s+of\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*")


def _has_institution(words: str, table: EntityTable) -> bool:
    return any(w.lower() in table.institutions for w in words.split())


def generic_name(source: str, table: EntityTable) -> str:
    """A source with no known body, normalised: no article, common nouns in lower case."""
    words = source.split()
    while words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    phrase = " ".join(words) or source
    if phrase[:1].isupper() and phrase[1:] == phrase[1:].lower():
        phrase = phrase.lower()
    return table.spelling.get(phrase.lower(), phrase)


def is_person(phrase: str, table: EntityTable) -> bool:
    """True when a source phrase names a person (a title word, or a name that is no body)."""
    words = [w.lower().strip(",") for w in phrase.split()]
    if not words or words[-1] in table.org_heads:
        return False
    cut = next((i for i, w in enumerate(words) if i and w in table.prepositions), len(words))
    if words[cut - 1] in table.org_heads:  # "the defence ministry in Kestor": a body
        return False
    if any(w in table.titles for w in words):
        return True
    hits = alias_hits(phrase, table)
    if hits and all(table.entities.get(k) and k in table.places for _, k in hits):
        return False
    caps = [w for w in phrase.split() if w[:1].isupper()]
    return bool(caps) and not hits and len(words) <= 4

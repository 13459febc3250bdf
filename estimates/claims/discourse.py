"""What a document says about speakers beyond one sentence: quotes, transcript turns, and who
"he", "it" or "the official" refers to.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from estimates.claims.cues import REACH, Cue, CueGrammar, closing_cue, subject_before
from estimates.claims.entities import EntityTable, is_person

MAX_QUOTE_CHARS = 1500
"""A quote longer than this is taken as a stray quote mark, not a quotation."""

MAX_REFERENCE_WORDS = 4
"""A definite reference ("the South Korean official") longer than this names someone new."""

MAX_LOOKBACK = 80

BODY_REACH = 1000
"""Characters back that "the agency" may reach for an agency named but not quoted before."""
"""Claimants searched back for a pronoun's referent: nearer ones win, older ones are stale."""

_LABEL = re.compile(r"^(?P<label>Q|(?:[A-Z][A-Z.'’-]*[ \t]+){0,6}[A-Z][A-Z.'’-]+):[ \t]+", re.M)
_QUOTE = re.compile(r"“[^“”]*”|(?<![\w])\"[^\"\n]*\"(?![\w])")
QUESTION_SPEAKER = "reporter"
"""The source of a question in a transcript: a reporter asking is not a claim of the official."""


@dataclass(frozen=True)
class Turn:
    """A speaker's turn in a transcript: label offsets and the speaker's name."""

    start: int
    end: int
    speaker: str


@dataclass(frozen=True)
class Mention:
    """A claimant named somewhere in the document, already resolved, with its offset."""

    offset: int
    source: str
    person: bool
    named: bool = False  # only named in the text (a known agency), not quoted as a claimant


def transcript_turns(text: str) -> list[Turn]:
    """Speaker turns ("MS. SINGH: ...", "Q: ..."); empty when the text is no transcript."""
    labels = list(_LABEL.finditer(text))
    turns: list[Turn] = []
    known: list[str] = []
    for i, m in enumerate(labels):
        end = labels[i + 1].start() if i + 1 < len(labels) else len(text)
        speaker = _speaker_name(m.group("label"), known)
        known.append(speaker)
        turns.append(Turn(m.end(), end, speaker))
    return turns


def _speaker_name(label: str, known: list[str]) -> str:
    if label == "Q":
        return QUESTION_SPEAKER
    name = " ".join(w.capitalize() for w in label.split())
    last = name.split()[-1]
    return next((k for k in reversed(known) if k.split()[-1] == last and len(k) > len(name)), name)


def turn_at(turns: Sequence[Turn], offset: int) -> Turn | None:
    i = bisect_right(turns, offset, key=lambda t: t.start) - 1
    return turns[i] if i >= 0 and turns[i].start <= offset < turns[i].end else None


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each direct quotation, quote marks included."""
    return [
        (m.start(), m.end()) for m in _QUOTE.finditer(text) if m.end() - m.start() < MAX_QUOTE_CHARS
    ]


def quote_at(quotes: Sequence[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    i = bisect_right(quotes, start - 1, key=lambda q: q[0]) - 1
    return quotes[i] if i >= 0 and end < quotes[i][1] else None


def quote_speaker(text: str, quote: tuple[int, int], g: CueGrammar) -> Cue | None:
    """Who speaks a quotation: '“...,” Austin said' or 'Austin said: “...”'."""
    qs, qe = quote
    line_end = text.find("\n", qe, qe + REACH)
    after = closing_cue(text, qe - 1, line_end if line_end >= 0 else qe + REACH, g)
    if after and after.start - qe < 3:
        return after
    line_start = max(text.rfind("\n", 0, qs) + 1, qs - REACH)
    lead = text[line_start:qs]
    verbs = list(g.verb.finditer(lead))
    if verbs and lead[verbs[-1].end() :].strip(" ,:") == "":
        m = verbs[-1]
        subj = subject_before(text, line_start + m.start(), line_start, g)
        if subj:
            verb = m.group(0).lower()
            return Cue("closing", line_start + m.start(), qs, subj, verb, g.verbs.get(verb, ""))
    return None


def resolve(
    source: str, offset: int, mentions: Sequence[Mention], g: CueGrammar, table: EntityTable
) -> str:
    """Resolve a pronoun or short reference ("he", "the official") to the claimant named before."""
    low = source.lower()
    kind = g.pronouns.get(low)
    if kind in ("person", "thing", "group"):
        want = {"person": True, "thing": False, "group": None}[kind]
        hit = _last(
            mentions,
            offset,
            lambda m: (
                not m.named
                and (want is None or (m.person == want and not (want and _plural(m.source, g))))
            ),
        )
        return hit.source if hit else source
    words = low.split()
    if words[0] == "the" and 1 < len(words) <= MAX_REFERENCE_WORDS and _common(source):
        needed = set(words[1:])
        hit = _last(
            mentions,
            offset,
            lambda m: (
                not m.named and needed <= set(m.source.lower().split()) and m.source.lower() != low
            ),
        )
        if hit is None and generic_reference(source, table):
            hit = _last(mentions, offset, lambda m: m.named and offset - m.offset <= BODY_REACH)
        return hit.source if hit else source
    return source


def generic_reference(source: str, table: EntityTable) -> bool:
    """ "the agency", "the spy agency": a body named by its kind only, not "the Pentagon"."""
    words = source.split()
    return (
        len(words) > 1
        and words[0].lower() == "the"
        and all(w.islower() for w in words[1:])
        and words[-1] in table.org_heads
    )


def _plural(source: str, g: CueGrammar) -> bool:
    """ "Health officials": a group, never "he" or "she"."""
    words = source.split()
    cut = next((i for i, w in enumerate(words) if i and w in g.prepositions), len(words))
    head = words[cut - 1]
    return head.islower() and head.endswith("s") and not head.endswith("ss")


def _common(source: str) -> bool:
    """A reference made of common nouns and adjectives of nationality only."""
    caps = [w for w in source.split()[1:] if w[:1].isupper()]
    return len(caps) <= 2 and not any(w.isupper() and len(w) > 1 for w in caps)


def _last(
    mentions: Sequence[Mention], offset: int, ok: Callable[[Mention], bool]
) -> Mention | None:
    i = bisect_right(mentions, offset - 1, key=lambda m: m.offset)
    for m in reversed(mentions[max(0, i - MAX_LOOKBACK) : i]):
        if ok(m):
            return m
    return None


def build_mentions(
    cues: list[Cue],
    turns: list[Turn],
    g: CueGrammar,
    table: EntityTable,
    bodies: Sequence[tuple[int, str]] = (),
) -> list[Mention]:
    """Every claimant the document names, in order, each resolved against the ones before;
    with the known agencies merely named in the text (`bodies`), for "the agency said"."""
    items = [(c.start, c.source) for c in cues] + [(t.start, t.speaker) for t in turns]
    mentions: list[Mention] = []
    named = sorted(bodies)
    for offset, source in sorted(items):
        while named and named[0][0] < offset:
            at, name = named.pop(0)
            mentions.append(Mention(at, name, False, named=True))
        if source == QUESTION_SPEAKER or source.lower() in g.pronouns and _self(source, g):
            continue
        resolved = resolve(source, offset, mentions, g, table)
        if resolved.lower() in g.pronouns:
            continue
        mentions.append(Mention(offset, resolved, is_person(resolved, table)))
    mentions.extend(Mention(at, name, False, named=True) for at, name in named)
    return mentions


def _self(source: str, g: CueGrammar) -> bool:
    return g.pronouns.get(source.lower()) == "self"

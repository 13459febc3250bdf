"""What a document says about speakers beyond one sentence: quotes, transcript turns, and who
"he", "it" or "the official" refers to.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from estimates.claims.cues import (
    REACH,
    Cue,
    CueGrammar,
    claimant,
    closing_cue,
    subject_before,
)
from estimates.claims.datephrases import month_names
from estimates.claims.entities import EntityTable, is_person
from estimates.lexicon import Lexicon

MAX_QUOTE_CHARS = 1500
"""A quote longer than this is taken as a stray quote mark, not a quotation."""

MAX_REFERENCE_WORDS = 4
"""A definite reference ("the South Korean official") longer than this names someone new."""

MAX_LOOKBACK = 80

BODY_REACH = 1000
"""Characters back that "the agency" may reach for an agency named but not quoted before."""
"""Claimants searched back for a pronoun's referent: nearer ones win, older ones are stale."""

_LABEL = re.compile(r"^(?P<label>Q|(?:[A-Z][A-Z.'’-]*[ \t]+){0,6}[A-Z][A-Z.'’-]+):[ \t]+", re.M)
_MEMBER = re.compile(
    r"^(?P<pre>[A-Z][^\n():]{0,120}?)[ \t]*\((?P<inner>[A-Z][^()\n:]{0,60})\)"
    r"(?P<party>[ \t]*\([^()\n:]{1,40}\))?:[ \t]+",
    re.M,
)
"""A speaker as a parliamentary record names one, at the start of a line: an office with the
member's name in brackets ("The Secretary of State for Health (Ann Lee): ..."), or a name
with a constituency and party ("Ann Lee (Eastfield) (Lab): ...")."""


def _member_name(m: re.Match[str]) -> str:
    """The member a parliamentary speaker label names (see _MEMBER)."""
    office = m.group("pre").startswith("The ") and not m.group("party")
    return " ".join((m.group("inner") if office else m.group("pre")).split())


_QUOTE = re.compile(r"“[^“”]*”|(?<![\w])\"[^\"\n]*\"(?![\w])")
STATEMENT_OPENING = 1500
"""Characters from the top of a document where "X has issued the following statement:" may
stand: further down, such a line quotes a statement inside a story."""

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


def without_speaker_labels(text: str) -> str:
    """`text` with a transcript's speaker labels ("MS. SINGH:", "Q:") blanked out, offsets
    kept: a speaker's name in capitals is no place or name the text is about."""
    return _LABEL.sub(lambda m: " " * len(m.group(0)), text)


def transcript_turns(text: str) -> list[Turn]:
    """Speaker turns ("MS. SINGH: ...", "Q: ...", a parliamentary record's "The Minister for
    Development (Jane Holt): ..."); empty when the text is no transcript."""
    labels = sorted([*_LABEL.finditer(text), *_MEMBER.finditer(text)], key=lambda m: m.start())
    turns: list[Turn] = []
    known: dict[str, list[str]] = {}
    for i, m in enumerate(labels):
        end = labels[i + 1].start() if i + 1 < len(labels) else len(text)
        member = m.re is _MEMBER
        speaker = _member_name(m) if member else None
        speaker = speaker or _speaker_name(m.group("label"), known)
        _know(known, speaker)
        turns.append(Turn(m.end(), end, speaker))
    return turns


def _speaker_name(label: str, known: dict[str, list[str]]) -> str:
    """The speaker a label names: the latest speaker named before in full ("SECRETARY AUSTIN",
    then "AUSTIN"), else the label in title case."""
    if label == "Q":
        return QUESTION_SPEAKER
    name = " ".join(w.capitalize() for w in label.split())
    names = known.get(name.split()[-1], [])
    return next((k for k in reversed(names) if len(k) > len(name)), name)


def _know(known: dict[str, list[str]], speaker: str) -> None:
    """Remember a speaker by last name, latest last. An earlier name no longer than a later one
    is never the latest longer one, so it is dropped: each list holds names of decreasing
    length, a few at most, and a transcript of many turns is read in linear time."""
    if not speaker.split():
        return
    names = known.setdefault(speaker.split()[-1], [])
    while names and len(names[-1]) <= len(speaker):
        names.pop()
    names.append(speaker)


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
    line_start = _line_start(text, qs)
    if not text[line_start:qs].strip():
        above = line_start  # the end of the text above, past blank space
        while above > 0 and text[above - 1].isspace():
            above -= 1
        if text[above - 1 : above] == ":":
            # "One of the experts stated:" on the line above the quote
            line_start = _line_start(text, above)
    lead = text[line_start:qs]
    verbs = list(g.verb.finditer(lead))
    rest = lead[verbs[-1].end() :] if verbs else ""
    # "X said:" or "X issued the following statement:" right before the quote
    if verbs and (not rest.strip(" ,:\n") or g.statement_intro.search(rest)):
        m = verbs[-1]
        subj = subject_before(text, line_start + m.start(), line_start, g)
        if subj:
            verb = m.group(0).lower()
            return Cue("closing", line_start + m.start(), qs, subj, verb, g.verbs.get(verb, ""))
    return None


def _line_start(text: str, pos: int) -> int:
    """Where the line holding `pos` begins, at most REACH characters back."""
    floor = max(0, pos - REACH)
    return max(text.rfind("\n", floor, pos) + 1, floor)


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
    """ "the agency", "the ministry": a body named by its kind only; not "the Pentagon", and
    not "the transport ministry", whose modifier says which body it is."""
    words = source.split()
    return (
        len(words) == 2
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
    n = 0  # bodies before this offset already added
    for offset, source in sorted(items):
        while n < len(named) and named[n][0] < offset:
            at, name = named[n]
            mentions.append(Mention(at, name, False, named=True))
            n += 1
        if source == QUESTION_SPEAKER or source.lower() in g.pronouns and _self(source, g):
            continue
        resolved = resolve(source, offset, mentions, g, table)
        if resolved.lower() in g.pronouns:
            continue
        mentions.append(Mention(offset, resolved, is_person(resolved, table)))
    mentions.extend(Mention(at, name, False, named=True) for at, name in named[n:])
    return mentions


def _self(source: str, g: CueGrammar) -> bool:
    return g.pronouns.get(source.lower()) == "self"


_OPENING_QUOTES = "\"“‘'"

_TITLE_END = re.compile(r"[(),;:|]|\s[-–—]\s")


def _titled_name(rest: str, g: CueGrammar) -> str:
    """The speaker's name and office at the head of `rest` ("the Minister for Water at the
    summit" -> "the Minister for Water"): an opener ends it unless a capitalised word follows."""
    end = _TITLE_END.search(rest)
    words = rest[: end.start() if end else len(rest)].split()
    for i, w in enumerate(words[1:-1], 1):
        if w.lower() in g.openers and not words[i + 1][:1].isupper():
            return " ".join(words[:i])
    return " ".join(words)


def statement_speaker(
    title: str | None, text: str, cues: Iterable[Sequence[Cue]], g: CueGrammar
) -> Cue | None:
    """The speaker of a document that is one person's or body's statement, and where their
    words begin: "Statement by the Foreign Secretary" (title: all of it), or an opening line
    "Ministers X and Y have issued the following joint statement:" (the text after it)."""
    if title:
        m = g.statement_by.search(title)
        who = claimant(_titled_name(title[m.end() :], g), g) if m else None
        if who:
            return Cue("statement", 0, 0, who, "", "")
    intro = g.statement_intro.search(text, 0, STATEMENT_OPENING)
    if intro is None or text[intro.end() :].lstrip()[:1] in _OPENING_QUOTES:
        return None  # a statement quoted in a story: its quote marks attribute it
    at = intro.start()
    for row in cues:
        for c in row:
            same_line = "\n" not in text[c.start : at]
            if c.kind == "subject" and at - REACH < c.start < at and same_line:
                return Cue("statement", intro.end(), intro.end(), c.source, "", "")
    return None


@dataclass(frozen=True)
class Credit:
    """A credit line under a figure in a fact sheet ("UN – Aug. 2020"): who gave the figures in
    the block above it (text[block:start]) and when (text[when:end])."""

    block: int
    start: int
    end: int
    source: str
    when: int


@cache
def _credit_pattern(lexicon: Lexicon) -> re.Pattern[str]:
    months = month_names(lexicon)
    return re.compile(
        r"^[ \t]*(?P<who>[A-Z][\w/&.'’()-]*(?:[ \t]+[\w/&.'’()-]+){0,5}?)[ \t]+[–—-][ \t]+"
        rf"(?P<when>(?:{months}[ \t]+(?:\d{{1,2}},?[ \t]+)?)?(?:19|20)\d{{2}})[ \t]*$",
        re.M,
    )


def credit_lines(text: str, g: CueGrammar, lexicon: Lexicon) -> list[Credit]:
    """Credit lines ("GoL – Aug. 2020", "Ministry of Health - 2021") and the block each labels:
    the lines above it, back to a blank line or the previous credit line."""
    if "–" not in text and "—" not in text and " - " not in text:
        return []
    out: list[Credit] = []
    for m in _credit_pattern(lexicon).finditer(text):
        who = claimant(m.group("who"), g)
        if not who:
            continue
        floor = out[-1].end if out else 0
        blank = text.rfind("\n\n", floor, m.start())
        block = blank + 2 if blank >= 0 else floor
        if block < m.start():
            out.append(Credit(block, m.start(), m.end(), who, m.start("when")))
    return out


def credit_at(credits: Sequence[Credit], offset: int) -> Credit | None:
    i = bisect_right(credits, offset, key=lambda c: c.block) - 1
    return credits[i] if i >= 0 and credits[i].block <= offset < credits[i].start else None

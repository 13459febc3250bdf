"""When each claim was made: fills `claimed_at`, `claimed_at_precision` and `as_of`.

`claimed_at` is the publication date, kept at its own precision (a document dated "2023-12"
gives 2023-12-01 at month precision, never a day it does not know nor no date; an undated
document gives none) unless the text dates the claim itself: a date phrase in the claim's
attribution ("On Monday, the Pentagon said ...", "the ministry said Tuesday", "earlier this
month, the agency published a chart it said ..."), a reporting participle right after the figure
("543,000 houses reported on May 8-13"), or the date on a fact sheet's credit line ("UN - Aug.
2020"). A date elsewhere in the sentence dates the event, not the statement. `as_of` is the time
a figure is about when the text says so ("as of June 12", "by December", "As of 19 November,
..."), as ISO text cut to its precision ("2024-12" for a month). `claimed_at` is always a day
(the first of its month or year) with `claimed_at_precision` saying how much of it is known, so
claims stay ordered on a timeline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from estimates.claims.context import DocContext
from estimates.claims.cues import REACH, Cue, CueGrammar, cue_grammar
from estimates.claims.datephrases import DatePhrase, find_dates
from estimates.claims.model import Claim
from estimates.claims.sentences import SentenceIndex
from estimates.dates import to_date
from estimates.lexicon import Lexicon

VERB_REACH = 30
"""Characters after a reporting verb where a date still dates the statement ("said on Monday")."""

LEAD_WORDS = 5
"""A short clause before the claimant ("On Monday,", "and earlier this month,") dates it too."""

AS_OF_REACH = 60
"""Characters after a claim searched for "as of <date>" and "by <date>"."""

PARTICIPLE_REACH = 40
"""Characters after a figure where "reported on <date>" still belongs to it."""

DATE_REACH = 30
"""Characters a date phrase may take after "as of" or "on"."""


@dataclass(frozen=True)
class _Grammar:
    as_of: dict[str, str]  # phrase -> lean (past, future)
    as_of_pattern: re.Pattern[str] | None
    future: re.Pattern[str] | None  # words that put a sentence in the future ("will", "expected")
    cues: CueGrammar
    after_date: frozenset[str]  # words that may follow an as-of date ("as of May 3, officials")


@cache
def _grammar(lexicon: Lexicon) -> _Grammar:
    """The dating lexicon compiled once per lexicon."""
    cues = {k.lower(): str(v) for k, v in lexicon.section("dating", "as_of").items()}
    alt = "|".join(re.escape(k) for k in sorted(cues, key=len, reverse=True))
    future = lexicon.words("dating", "future") + lexicon.words("hedges", "projected", "phrases")
    future_alt = "|".join(re.escape(w) for w in sorted(future, key=len, reverse=True))
    g = cue_grammar(lexicon)
    return _Grammar(
        cues,
        re.compile(rf"(?<![\w-])(?P<k>{alt})\s+(?:the\s+)?(?=\S)", re.I) if alt else None,
        re.compile(rf"(?<![\w-])(?:{future_alt})(?![\w-])", re.I) if future_alt else None,
        g,
        g.function_words | g.time_words | frozenset(g.verbs),
    )


def date_claims(ctx: DocContext, claims: list[Claim]) -> list[Claim]:
    """Date each claim: the publication date unless the text dates the claim itself."""
    text, sentences, lexicon = ctx.text, ctx.sentences, ctx.lexicon
    first_day = to_date(ctx.published)
    published = (first_day.isoformat(), ctx.published_precision) if first_day else None
    out = []
    starts = [c.start for c in claims]
    for i, c in enumerate(claims):
        after = starts[i + 1] if i + 1 < len(starts) else len(text)
        stated = _participle_date(text, c, lexicon)
        if stated is None and c.source is not None:
            at = ctx.attributions.get(c.claim_id)
            stated = _statement_date(text, c, at.cue if at else None, sentences, lexicon)
        when = (stated.iso, stated.precision) if stated else published
        out.append(
            c.evolve(
                claimed_at=when[0] if when else None,
                claimed_at_precision=when[1] if when else None,
                as_of=_as_of(text, c, sentences, lexicon, after),
            )
        )
    return out


def _statement_date(
    text: str, c: Claim, cue: Cue | None, sentences: SentenceIndex, lexicon: Lexicon
) -> DatePhrase | None:
    """A date phrase inside the claim's attribution, if any."""
    if cue is None or cue.kind in ("turn", "statement"):
        return None
    if cue.kind == "credit":  # "UN - Aug. 2020": the date on the credit line
        found = find_dates(text, cue.start, cue.end, c.published, lexicon)
        return found[0] if found else None
    s, e = sentences.span_of(cue.start)
    if cue.kind == "closing" or cue.start > c.end:
        lo, hi = cue.start, cue.end
    else:
        lo, hi = _lead_start(text, cue.start, s), min(c.start, cue.end + VERB_REACH)
    if hi <= lo:
        return None
    g = _grammar(lexicon).cues
    found = [d for d in find_dates(text, lo, hi, c.published, lexicon) if not _names(text, d, g)]
    return found[-1] if found else None


def _names(text: str, d: DatePhrase, g: CueGrammar) -> bool:
    """ "the April 25 earthquake": a date after a determiner names an event, not a statement."""
    before = text[max(0, d.start - 12) : d.start].split()
    return bool(before) and before[-1].lower() in g.determiners and before[-1].lower() != "of"


def _participle_date(text: str, c: Claim, lexicon: Lexicon) -> DatePhrase | None:
    """ "approximately 543,000 houses reported on May 8-13": the figure's own report date."""
    g = _grammar(lexicon)
    v = g.cues.verb.search(text, c.end, min(len(text), c.end + PARTICIPLE_REACH))
    if v is None or not _PARTICIPLE_GAP.fullmatch(text, c.end, v.start()):
        return None
    at = _ON.match(text, v.end())
    if at is None:
        return None
    found = find_dates(text, at.end(), min(len(text), at.end() + DATE_REACH), c.published, lexicon)
    return found[0] if found and found[0].start == at.end() else None


_PARTICIPLE_GAP = re.compile(r"\s+(?:[A-Za-z-]+\s+){0,2}")
"""Between a figure and its participle: "houses reported", "cases have been reported"."""

_ON = re.compile(r"\s+(?:(?:on|in)\s+)?")


def _lead_start(text: str, cue_start: int, floor: int) -> int:
    """Start of the claimant's clause, reaching back over one short clause before it."""
    floor = max(floor, cue_start - REACH)
    cuts = [m.end() for m in re.finditer(r"(?<!\d),(?!\d)|;|—|–", text[floor:cue_start])]
    if not cuts:
        return floor
    start = floor + cuts[-1]
    prev = floor + (cuts[-2] if len(cuts) > 1 else 0)
    if len(text[prev:start].split()) <= LEAD_WORDS:
        return prev
    return start


_NEXT_WORD = re.compile(r"[ \t]+([A-Za-z][\w'’-]*)")


def _as_of(
    text: str, c: Claim, sentences: SentenceIndex, lexicon: Lexicon, next_claim: int
) -> str | None:
    """The time a figure is about ("as of June 12", "by December"), cut to its precision.

    Looked for after the claim, before the next claim and the end of its clause (";"), else at
    the head of its sentence ("As of 19 November, ...")."""
    g = _grammar(lexicon)
    if g.as_of_pattern is None:
        return None
    s, e = sentences.span_of(c.start)
    e = min(e, next_claim)
    window = text[c.end : min(e, c.end + AS_OF_REACH)].split(";")[0]
    ahead = (max(s, c.start - REACH), min(sentences.span_of(c.start)[1], c.end + REACH))
    for m in g.as_of_pattern.finditer(window):
        found = _date_at(text, c.end + m.end(), e, c, g, m.group("k"), ahead, lexicon)
        if found:
            return found
    head = g.as_of_pattern.match(text, s, c.start)
    if head:
        return _date_at(text, head.end(), c.start, c, g, head.group("k"), ahead, lexicon)
    return None


def _date_at(
    text: str,
    at: int,
    end: int,
    c: Claim,
    g: _Grammar,
    phrase: str,
    ahead: tuple[int, int],
    lexicon: Lexicon,
) -> str | None:
    """The date phrase starting right at `at`, as the time a figure is about; None when the
    date only names a thing ("Injured by August 4 Explosions"). A phrase that leans to the
    future ("by March 3") does so only when text[ahead] looks ahead ("will", "expected")."""
    lean = g.as_of.get(phrase.lower(), "past")
    if lean == "future" and not (g.future and g.future.search(text, *ahead)):
        lean = "past"
    found = find_dates(text, at, min(end, at + DATE_REACH), c.published, lexicon, lean)
    if not found or found[0].start != at:
        return None
    d = found[0]
    nxt = _NEXT_WORD.match(text, d.end)
    if nxt and nxt.group(1).lower() not in g.after_date:
        return None
    return d.iso[: {"day": 10, "month": 7, "year": 4}[d.precision]]

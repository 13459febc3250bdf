"""When each claim was made: fills `claimed_at`, `claimed_at_precision` and `as_of`.

`claimed_at` is the publication date unless a date phrase belongs to the claim's attribution
("On Monday, the Pentagon said ...", "the ministry said Tuesday", "earlier this month, the agency
published a chart it said ..."). A date elsewhere in the sentence dates the event, not the
statement. `as_of` is the time a figure is about when the text says so ("as of June 12",
"by December"): ISO date cut to its precision ("2024-12" for a month).
"""

from __future__ import annotations

import re
from functools import cache

from estimates.claims.context import DocContext
from estimates.claims.cues import REACH, Cue
from estimates.claims.datephrases import DatePhrase, find_dates
from estimates.claims.model import Claim
from estimates.claims.sentences import SentenceIndex
from estimates.lexicon import Lexicon

VERB_REACH = 30
"""Characters after a reporting verb where a date still dates the statement ("said on Monday")."""

LEAD_WORDS = 5
"""A short clause before the claimant ("On Monday,", "and earlier this month,") dates it too."""

AS_OF_REACH = 60
"""Characters after a claim searched for "as of <date>" and "by <date>"."""


def date_claims(ctx: DocContext, claims: list[Claim]) -> list[Claim]:
    """Date each claim: the publication date unless the text dates the statement."""
    text, sentences, lexicon = ctx.text, ctx.sentences, ctx.lexicon
    out = []
    starts = [c.start for c in claims]
    for i, c in enumerate(claims):
        after = starts[i + 1] if i + 1 < len(starts) else len(text)
        at: tuple[str, str] | None = (c.published, "day") if c.published else None
        if c.source is not None:
            at_ = ctx.attributions.get(c.claim_id)
            stated = _statement_date(text, c, at_.cue if at_ else None, sentences, lexicon)
            at = (stated.iso, stated.precision) if stated else at
        out.append(
            c.evolve(
                claimed_at=at[0] if at else None,
                claimed_at_precision=at[1] if at else None,
                as_of=_as_of(text, c, sentences, lexicon, after),
            )
        )
    return out


def _statement_date(
    text: str, c: Claim, cue: Cue | None, sentences: SentenceIndex, lexicon: Lexicon
) -> DatePhrase | None:
    """A date phrase inside the claim's attribution, if any."""
    if cue is None or cue.kind == "turn":
        return None
    s, e = sentences.span_of(cue.start)
    if cue.kind == "closing" or cue.start > c.end:
        lo, hi = cue.start, cue.end
    else:
        lo, hi = _lead_start(text, cue.start, s), min(c.start, cue.end + VERB_REACH)
    if hi <= lo:
        return None
    found = find_dates(text, lo, hi, c.published, lexicon)
    return found[-1] if found else None


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


@cache
def _as_of_grammar(lexicon: Lexicon) -> tuple[dict[str, str], re.Pattern[str] | None]:
    """The `as_of` phrases and their lean, and one pattern for them, once per lexicon."""
    cues = {k.lower(): str(v) for k, v in lexicon.section("dating", "as_of").items()}
    if not cues:
        return cues, None
    alt = "|".join(re.escape(k) for k in sorted(cues, key=len, reverse=True))
    return cues, re.compile(rf"(?<![\w-])(?P<k>{alt})\s+(?:the\s+)?(?=\S)", re.I)


def _as_of(
    text: str, c: Claim, sentences: SentenceIndex, lexicon: Lexicon, next_claim: int
) -> str | None:
    """The time a figure is about ("as of June 12", "by December"), cut to its precision.

    Looked for after the claim, before the next claim and the end of its clause (";")."""
    s, e = sentences.span_of(c.start)
    e = min(e, next_claim)
    window = text[c.end : min(e, c.end + AS_OF_REACH)].split(";")[0]
    cues, pattern = _as_of_grammar(lexicon)
    if pattern is None:
        return None
    for m in pattern.finditer(window):
        at = c.end + m.end()
        lean = cues.get(m.group("k").lower(), "past")
        found = find_dates(text, at, min(e, at + 30), c.published, lexicon, lean)
        if found and found[0].start == at:
            d = found[0]
            return d.iso[: {"day": 10, "month": 7, "year": 4}[d.precision]]
    return None

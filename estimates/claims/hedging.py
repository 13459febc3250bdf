"""How firmly a claim is put: estimate, confirmed, reported, denied or projected (or none)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from estimates.claims.cues import Cue
from estimates.claims.sentences import SentenceIndex
from estimates.lexicon import Lexicon

CLAUSE_REACH = 120
"""Characters either side of a claim searched for hedge words, within its sentence and clause."""

CLAUSE_CHARS = 1000
"""The longest clause read for hedge words: a claimant's verb further back than this in a
run-on "sentence" does not open the claim's clause (and is not read again for every number)."""

_LETTERS = re.compile(r"[A-Za-z]{2}")
_CLAUSE_END = re.compile(r";|(?<!\d),(?!\d)\s+(?:and|but|while|whereas|although)\b|\s[—–]\s")


@dataclass(frozen=True)
class HedgeGrammar:
    order: tuple[str, ...]
    pattern: re.Pattern[str] | None  # one alternative per hedge, named h0, h1, ... in order


@cache
def hedge_grammar(lexicon: Lexicon) -> HedgeGrammar:
    """Compile the `hedges` lexicon into one pattern, once per lexicon."""
    f = lexicon.file("hedges")
    order = tuple(f.get("order", []))
    parts = []
    for i, hedge in enumerate(order):
        words = sorted(f.get(hedge, {}).get("phrases", []), key=len, reverse=True)
        if words:
            parts.append(f"(?P<h{i}>{'|'.join(re.escape(w.lower()) for w in words)})")
    if not parts:
        return HedgeGrammar(order, None)
    return HedgeGrammar(order, re.compile(rf"(?<![\w-])(?:{'|'.join(parts)})(?![\w-])"))


def hedge_for(
    text: str, start: int, end: int, cue: Cue | None, sentences: SentenceIndex, lexicon: Lexicon
) -> str | None:
    """The hedge of the claim at text[start:end]: its reporting verb's, else words in its clause."""
    if cue is not None and cue.hedge:
        return cue.hedge
    s, e = sentences.span_of(start)
    lo = max(s, start - CLAUSE_REACH)
    if cue is not None and s <= cue.start < start:
        lo = max(cue.start, start - CLAUSE_CHARS)  # the claimant's verb opens the claim's clause
    hi = min(e, end + CLAUSE_REACH)
    before = list(_CLAUSE_END.finditer(text, lo, start))
    if before:
        lo = before[-1].end()
    after = _CLAUSE_END.search(text, end, hi)
    if after and not (cue is not None and cue.start >= after.start()):
        hi = after.start()
    return phrase_hedge(text[lo:hi], lexicon)


def phrase_hedge(window: str, lexicon: Lexicon) -> str | None:
    """The hedge listed first in the lexicon's order among those whose words occur in `window`."""
    g = hedge_grammar(lexicon)
    if g.pattern is None:
        return None
    if not _LETTERS.search(window):
        return None
    found = {int(m.lastgroup[1:]) for m in g.pattern.finditer(window.lower()) if m.lastgroup}
    return g.order[min(found)] if found else None

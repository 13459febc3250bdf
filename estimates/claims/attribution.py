"""Who makes each claim: fills `source`, `source_entity`, `via` and `hedge`.

Order of evidence for one claim (the first that applies wins):
  1. a direct quote holding the number: its speaker ('"... 300 ...," the mayor said')
  2. a cue in the claim's sentence: "X said/estimated ... N", "X put the toll at N",
     "N that X claimed", "according to X", "N ..., X said" (cues.py)
  3. a transcript turn: its speaker ("MS. SINGH: ..."; a "Q:" turn is a reporter's question)
  4. a closing attribution in the next sentence when that sentence carries on this one
     ("Another 40 are missing, the governor said")
Pronouns and short references ("he", "it", "the official") take the claimant named before, and
"we"/"I" the speaker of the quote or turn. No evidence: null, the article's own voice.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, replace

from estimates.claims import discourse
from estimates.claims.context import DocContext
from estimates.claims.cues import (
    Cue,
    CueGrammar,
    closing_cue,
    cue_grammar,
    figure_cue,
    phrase_after,
    relative_cue,
    sentence_cues,
)
from estimates.claims.entities import (
    alias_hits,
    doc_names,
    entity_table,
    named_bodies,
    resolve_entity,
)
from estimates.claims.hedging import hedge_for
from estimates.claims.model import Claim
from estimates.lexicon import Lexicon

MAX_VIA_CUES = 4
"""Cues after the claimant's own searched for an "according to" messenger."""

RELAY_REACH = 1000
"""Characters after a claimant's cue searched for the source it relays (", citing the
ministry"): a relay stands near its cue, and a run-on page is not searched to its end for every
number on it."""


@dataclass(frozen=True)
class Analysis:
    """Everything about a document's speakers that does not depend on one claim."""

    cues: Mapping[int, tuple[Cue, ...]]  # by sentence index, for the sentences that hold any
    quotes: tuple[tuple[int, int], ...]
    turns: tuple[discourse.Turn, ...]
    mentions: tuple[discourse.Mention, ...]
    names: dict[str, str]
    statement: Cue | None = None  # the document is this speaker's statement, from cue.start
    credits: tuple[discourse.Credit, ...] = ()  # fact-sheet credit lines under figures


@dataclass(frozen=True)
class Attribution:
    """Who makes one claim, the cue that says so, and the verb's hedge."""

    source: str | None
    via: str | None
    entity: str | None
    cue: Cue | None
    turn: bool = False  # the source is a transcript speaker


NO_ATTRIBUTION = Attribution(None, None, None, None)
"""The article's own voice: no claimant, no cue."""


def analyse(ctx: DocContext) -> Analysis:
    """Cues per sentence, quotes, turns and resolved mentions of one document."""
    g, table = cue_grammar(ctx.lexicon), entity_table(ctx.lexicon)
    text = ctx.text
    cues = sentence_cues(text, ctx.sentences, g)
    turns = discourse.transcript_turns(text)
    flat = [c for row in cues.values() for c in row]
    # agencies merely named in the text matter only for "the agency said": find them then
    needs_bodies = any(discourse.generic_reference(c.source, table) for c in flat)
    bodies = named_bodies(text, table) if needs_bodies else []
    mentions = discourse.build_mentions(flat, turns, g, table, bodies)
    return Analysis(
        cues,
        tuple(discourse.quote_spans(text)),
        tuple(turns),
        tuple(mentions),
        doc_names(text, table),
        discourse.statement_speaker(ctx.doc.title, text, cues.values(), g),
        tuple(discourse.credit_lines(text, g, ctx.lexicon)),
    )


def attributions(ctx: DocContext, claims: list[Claim]) -> Mapping[str, Attribution]:
    """Who makes each claim, by claim id: computed once, read by the attribute and date stages."""
    if ctx.analysis is None:
        return {}
    a = ctx.analysis
    following: dict[int, Cue | None] = {}  # the next sentence's closing cue, by sentence
    return {c.claim_id: attribution_of(ctx, a, c.start, c.end, following) for c in claims}


def attribute(ctx: DocContext, claims: list[Claim]) -> list[Claim]:
    """Attribute each claim to its claimant (null: the article's own voice)."""
    out = []
    for c in claims:
        at = ctx.attributions.get(c.claim_id, NO_ATTRIBUTION)
        hedge = hedge_for(ctx.text, c.start, c.end, at.cue, ctx.sentences, ctx.lexicon)
        out.append(
            c.evolve(source=at.source, via=at.via, source_entity=at.entity, hedge=hedge or None)
        )
    return out


def attribution_of(
    ctx: DocContext,
    a: Analysis,
    start: int,
    end: int,
    following: dict[int, Cue | None] | None = None,
) -> Attribution:
    """The claimant of the claim at text[start:end]; `following` keeps each sentence's
    closing cue in the next sentence, so claims of one sentence look for it once."""
    g = cue_grammar(ctx.lexicon)
    text = ctx.text
    credit = discourse.credit_at(a.credits, start)
    if credit is not None:  # a figure in a fact sheet's box, over "UN – Aug. 2020"
        credited = Cue("credit", credit.when, credit.end, credit.source, "", "")
        return _finish(ctx, a, credited, None, start, turn=False)
    turn = discourse.turn_at(a.turns, start)
    quote = discourse.quote_at(a.quotes, start, end)
    speaker = discourse.quote_speaker(text, quote, g) if quote else None
    if speaker is None and turn is not None:
        speaker = Cue("turn", turn.start, turn.start, turn.speaker, "", "")
    cue = speaker if quote and speaker else _sentence_cue(ctx, a, start, end)
    if cue is None and turn is not None:
        return _finish(ctx, a, speaker, None, start, turn=True)
    statement = a.statement if a.statement and a.statement.start <= start else None
    if cue is None:
        i = ctx.sentences.index_of(start)
        following = {} if following is None else following
        if i not in following:
            following[i] = _next_sentence_cue(ctx, i)
        cue = following[i] or statement
    if cue is not None and g.pronouns.get(cue.source.lower()) == "self":
        speaker = speaker or statement
        if speaker is None:
            return Attribution(None, None, None, cue)
        cue = replace(speaker, via=cue.via, hedge=cue.hedge or speaker.hedge)
    via = _via(ctx, a, cue, start)
    return _finish(ctx, a, cue, via, start, turn=cue is not None and cue.kind == "turn")


def _finish(
    ctx: DocContext, a: Analysis, cue: Cue | None, via: str | None, start: int, turn: bool
) -> Attribution:
    if cue is None:
        return NO_ATTRIBUTION
    g, table = cue_grammar(ctx.lexicon), entity_table(ctx.lexicon)
    source = discourse.resolve(cue.source, cue.start + 1, a.mentions, g, table)
    if g.pronouns.get(source.lower()) == "reader":
        return NO_ATTRIBUTION
    if source == discourse.QUESTION_SPEAKER:
        return Attribution(source, None, None, cue, turn)
    if via:
        via = discourse.resolve(via, cue.start + 1, a.mentions, g, table)
    unresolved = source.lower() in g.pronouns
    entity = None if unresolved else resolve_entity(source, table, a.names)
    if cue.kind == "statement" and not alias_hits(source, table):
        # "statement by the Foreign Secretary" in the UK Parliament's record: the UK
        body = alias_hits(ctx.doc.publisher or "", table)
        entity = table.entities[body[0][1]] if body else entity
    return Attribution(source, via, entity, cue, turn)


def _sentence_cue(ctx: DocContext, a: Analysis, start: int, end: int) -> Cue | None:
    """The cue in the claim's own sentence: one closing it, else the nearest on the left."""
    g = cue_grammar(ctx.lexicon)
    sentences = ctx.sentences
    i = sentences.index_of(start)
    s, e = sentences.spans[i] if sentences.spans else (0, len(ctx.text))
    text = ctx.text
    near = relative_cue(text, end, e, g) or figure_cue(text, start, s, g)
    if near:
        return near
    # a verb may open the claim's own span ("police estimated 22,800": span "estimated 22,800")
    row = a.cues.get(i, ()) if sentences.spans else ()
    j = bisect_right(row, start, key=lambda c: c.start)
    closing = closing_cue(text, end, e, g)
    if closing and not _figure_apposition(closing.source, ctx.lexicon):
        return _relay_after(text, closing, e, g)  # "Rescuers found 12, the governor said"
    if j:
        return _relay_after(text, row[j - 1], e, g)
    return next((c for c in row[j : j + MAX_VIA_CUES] if c.kind == "according"), None)


def _figure_apposition(source: str, lexicon: Lexicon) -> bool:
    """ "..., a figure Israel disputed": a comment on the figure, not its claimant."""
    words = source.lower().split()
    nouns = lexicon.section("reporting_verbs", "figure").get("nouns", [])
    return len(words) > 1 and words[0] in ("a", "an", "the") and words[1] in nouns


def _relay_after(text: str, cue: Cue, end: int, g: CueGrammar) -> Cue:
    """ "Xinhua reported that 18 were trapped, citing local authorities": relayed."""
    if cue.via or cue.kind == "according":
        return cue
    m = g.relay_any.search(text, cue.start, min(end, cue.start + RELAY_REACH))
    if not m:
        return cue
    cited = phrase_after(text, m.end(), end, g)
    if not cited or cited.split()[0].lower() in g.possessives:
        return cue
    return replace(cue, source=cited, via=cue.source)


def _via(ctx: DocContext, a: Analysis, cue: Cue | None, start: int) -> str | None:
    """The messenger: a relay ("Reuters, citing ...") or an "according to" beside another cue."""
    if cue is None:
        return None
    if cue.via:
        return cue.via
    if cue.kind in ("according", "turn"):
        return None
    spans = ctx.sentences.spans
    i = ctx.sentences.index_of(start)
    if not spans or not (spans[i][0] <= cue.start < spans[i][1]):
        return None
    row = a.cues.get(i, ())
    j = bisect_right(row, cue.start, key=lambda c: c.start)
    later = (c for c in row[j : j + MAX_VIA_CUES] if c.kind == "according")
    return next((c.source for c in later), None)


def _next_sentence_cue(ctx: DocContext, i: int) -> Cue | None:
    """A closing attribution in the sentence after sentence `i`, in the same paragraph, when
    that sentence carries on."""
    g = cue_grammar(ctx.lexicon)
    spans = ctx.sentences.spans
    if not spans or i + 1 >= len(spans):
        return None
    (_, e0), (s1, e1) = spans[i], spans[i + 1]
    text = ctx.text
    if "\n" in text[e0:s1] or not _continues(text, s1, e1, ctx.lexicon):
        return None
    return closing_cue(text, s1, e1, g)


def _continues(text: str, start: int, end: int, lexicon: Lexicon) -> bool:
    """The sentence text[start:end] opens with a continuation ("Another", "Of them")."""
    phrases = lexicon.section("reporting_verbs", "continuations").get("phrases", [])
    longest = max((len(p) for p in phrases), default=0) + 1
    low = text[start : min(end, start + longest)].lower()
    return any(low.startswith(p + " ") or low.startswith(p + ",") for p in phrases)

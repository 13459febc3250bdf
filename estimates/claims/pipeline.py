"""Text -> claims. `extract_claims` runs the stages in STAGES order on one document.

Stages:
  find       numerals -> quantities with bounds, units and change (quantities.py)
  claims     each quantity -> a Claim with its sentence and a stable id
  context    one DocContext per document: text, sentences, lexicon, publication date and its
             precision, who speaks where (context.py; built once, read by every stage below)
  implicit   a count with no noun takes the thing the context counts ("3,000 of them")
  attribute  who makes each claim (attribution.py)
  date       when each claim was made (dating.py)
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable
from dataclasses import replace

from estimates.claims import attribution, dating
from estimates.claims.context import DocContext, new_context
from estimates.claims.model import Claim
from estimates.claims.quantities import Mention, find_quantities
from estimates.claims.sentences import SentenceIndex
from estimates.documents.model import Document
from estimates.lexicon import Lexicon, load_lexicon

log = logging.getLogger(__name__)

EXTRACTOR_VERSION = "0.5.3"
"""Bumped when extraction changes, so the ledger knows which claims to re-extract."""

IMPLICIT_REACH = 2
"""How many sentences back a count without a noun may borrow its counted noun from."""

Stage = Callable[[DocContext, list[Claim]], list[Claim]]


def claim_id(doc_id: str, start: int, end: int, text: str) -> str:
    """Stable id: the same document text and span always give the same id."""
    return hashlib.sha1(f"{doc_id}\x00{start}\x00{end}\x00{text}".encode()).hexdigest()[:16]


def _to_claim(doc: Document, m: Mention, sentences: SentenceIndex, published: str | None) -> Claim:
    text = doc.text[m.start : m.end]
    return Claim(
        doc_id=doc.id,
        claim_id=claim_id(doc.id, m.start, m.end, text),
        start=m.start,
        end=m.end,
        text=text,
        sentence=_sentence(sentences, m.start, m.end),
        value=m.value,
        low=m.low,
        high=m.high,
        qualifier=m.qualifier,
        change=m.change,
        unit=m.unit,
        kind=m.kind,
        published=published,
        publisher=doc.publisher,
        title=doc.title,
        url=doc.url,
        subject=m.subject,
    )


MAX_SENTENCE = 1000
"""Longer 'sentences' (text without full stops) are cut to this window around the claim,
so a claim never copies a whole run-on page."""


def _sentence(sentences: SentenceIndex, start: int, end: int) -> str:
    s, e = sentences.span_of(start)
    if e - s <= MAX_SENTENCE:
        return sentences.text[s:e]
    lo = max(s, start - MAX_SENTENCE // 2)
    return sentences.text[lo : min(e, lo + MAX_SENTENCE)]


def fill_implicit_units(ctx: DocContext, claims: list[Claim]) -> list[Claim]:
    """A bare count ("increased to 11,000", "3,000 of them") counts what the context counts.
    A figure an infobox's or a table's label names lends its noun only within its own line:
    "He said 5." under "Deaths7" counts no deaths."""
    doc, lexicon, sentences = ctx.doc, ctx.lexicon, ctx.sentences
    out: list[Claim] = []
    recent: tuple[int, str, str | None, int] | None = None  # sentence, noun, phrase, reach
    for c in claims:
        si = sentences.index_of(c.start)
        if c.unit is None and c.kind == "count":
            floor = sentences.span_of(c.start)[0]
            named: tuple[str, str | None] | None = implicit_noun(doc.text, floor, c.start, lexicon)
            lent = recent is not None and si - recent[0] <= recent[3]
            subject = None if named else _subject_noun(doc.text, floor, c.start, lexicon)
            named = named or ((subject, subject) if subject else None)  # its own sentence first
            if named is None and recent is not None and lent:
                named = recent[1:3]  # the latest is the nearest: no older one is nearer
            if named is None and si > 0:
                named = asked_noun(doc.text, sentences.spans[si - 1], lexicon)
            lent = lent and not subject
            if named:
                c = c.evolve(unit=named[0], subject=c.subject or named[1])
                reach = recent[3] if recent is not None and lent else IMPLICIT_REACH
                recent = (si, named[0], named[1], reach)
        elif c.kind == "count" and c.unit:
            reach = 0 if c.claim_id in ctx.labelled else IMPLICIT_REACH
            recent = (si, c.unit, c.subject, reach)
        money = _money_before(doc.text, out)
        if money and c.unit is None and c.kind == "count" and _same_money(doc.text, money, c):
            c = c.evolve(unit=money.unit, kind="money")
        out.append(c)
    return out


_COMPARED = re.compile(r"\b(?:to|than|at|or|versus|vs\.?|and|from)\s*$", re.I)
_SCALE = re.compile(r"\d\s*(million|billion|trillion|bn)$", re.I)


def _money_before(text: str, out: list[Claim]) -> Claim | None:
    """The last sum of money before a claim, past a conversion in brackets after it
    ("2.2 billion shekels ($590 million)": the shekels)."""
    if not out:
        return None
    last = out[-1]
    if (
        len(out) > 1
        and _BRACKET.search(text, max(0, last.start - 4), last.start)
        and (out[-2].kind == "money")
    ):
        return out[-2]
    return last


_BRACKET = re.compile(r"\(\s*$")


def _same_money(text: str, prev: Claim, c: Claim) -> bool:
    """ "2.1 billion kroner ..., closer to 3 billion": a bare amount of the same scale word as
    the sum of money before it in its sentence, set against it ("to", "than", "or"), is in
    that money; "$40 million to help 2 million" is not (the word before is no comparison)."""
    scale = _SCALE.search(c.text)
    if prev.kind != "money" or scale is None or prev.sentence != c.sentence:
        return False
    if scale.group(1).lower() not in prev.text.lower():
        return False
    return _COMPARED.search(text, prev.end, c.start) is not None


def implicit_noun(
    text: str, sentence_start: int, start: int, lexicon: Lexicon
) -> tuple[str, str] | None:
    """(head noun, phrase) a bare number counts when its own sentence names it before the
    number ("the death toll at 1,897", "the number of missing persons at 3,002")."""
    from estimates.claims.nouns import named_before, noun_grammar

    found = named_before(text, sentence_start, start, noun_grammar(lexicon))
    return (found.head, found.phrase) if found else None


QUESTION_CHARS = 120
"""The longest question read for what its answer counts ("How many people have fled?")."""
_HOW_MANY = re.compile(r"\s*how\s+many\s+(?P<rest>[^?]{1,80})\?\s*$", re.I)


def asked_noun(text: str, question: tuple[int, int], lexicon: Lexicon) -> tuple[str, str] | None:
    """(head noun, phrase) a question asks the count of, for the bare answer after it: "How
    many people have been displaced?" / "About 40,000" counts people."""
    from estimates.claims.nouns import counted_noun, noun_grammar

    start, end = question
    if end - start > QUESTION_CHARS or not text.endswith("?", start, end):
        return None
    m = _HOW_MANY.match(text[start:end])
    found = counted_noun(" " + m.group("rest"), False, noun_grammar(lexicon)) if m else None
    return (found.head, found.phrase) if found else None


_SUBJECT = re.compile(
    r"\b([A-Za-z]+s)(?:\s+(?:for|of|from|in)\s+[a-z-]+)?\s+(?:have\s+|has\s+|had\s+)?([a-z]+)"
    r"\s+(?:to|at)\s+(?:[a-z]+\s+){0,2}$"
)
"""'Deaths rose to', 'Hospital admissions for heatstroke rose to': the plural subject of a
change verb before a bare level."""


def _subject_noun(text: str, sentence_start: int, start: int, lexicon: Lexicon) -> str | None:
    """The plural subject of 'Deaths rose to 3,000': what a bare level counts."""
    from estimates.claims.nouns import noun_grammar, singular

    m = _SUBJECT.search(text, max(sentence_start, start - 60), start)
    g = noun_grammar(lexicon)
    if not m or m.group(1).lower() in g.stop or m.group(2) in g.stop:
        return None
    changes = lexicon.file("nouns").get("change", {})
    if m.group(2) not in changes and m.group(2) not in ("reached", "hit", "stood", "totalled"):
        return None
    return singular(m.group(1).lower(), g)


STAGES: tuple[tuple[str, Stage], ...] = (
    ("implicit", fill_implicit_units),
    ("attribute", attribution.attribute),
    ("date", dating.date_claims),
)


MAX_NUMBERS = 10_000
"""Numbers read per document at most: articles hold hundreds; beyond this the text is a data
dump (a megabyte of "1 1 1"), and reading it all would take minutes. A warning says so."""

MAX_CHARS = 2_000_000
"""Characters read per document at most: a long report is a few hundred thousand; past this the
text is a data dump, read this far with a warning. It bounds the memory of the sentence and
speaker analysis (a sentence, a quote, a cue kept for each; up to 100 times the text's size on
a text of very short sentences), whoever calls the extractor: the CLI, the API, a partition."""

READ_PAST = MAX_SENTENCE
"""Characters read after the last number when the number limit stops reading: enough for its
sentence to close ("..., officials said"), so the sentence index and the speaker analysis stop
where the numbers do instead of running on through the rest of a data dump."""


def extract_claims(
    doc: Document,
    lexicon: Lexicon | None = None,
    max_numbers: int = MAX_NUMBERS,
    max_chars: int | None = None,
) -> list[Claim]:
    """All claims in one document, attributed and dated."""
    lex = lexicon or load_lexicon()
    doc = _readable(doc, MAX_CHARS if max_chars is None else max_chars)
    stopped: list[int] = []

    def warn(offset: int) -> None:
        log.warning(
            "%s: reached the limit of %d numbers; text after character %d is not read",
            doc.path or doc.id,
            max_numbers,
            offset,
        )
        stopped.append(offset)

    mentions = find_quantities(doc.text, lex, limit=max_numbers, on_cut=warn)
    if not mentions:
        return []
    if stopped and stopped[0] + READ_PAST < len(doc.text):
        doc = replace(doc, text=doc.text[: stopped[0] + READ_PAST])  # offsets stay the same
    sentences = SentenceIndex(doc.text, lex)
    ctx = new_context(doc, lex, sentences)
    claims = [_to_claim(doc, m, sentences, ctx.published) for m in mentions]
    labelled = frozenset(c.claim_id for c, m in zip(claims, mentions, strict=True) if m.labelled)
    ctx = ctx.evolve(labelled=labelled)
    ctx = with_speakers(ctx, claims)
    for _name, stage in STAGES:
        claims = stage(ctx, claims)
    return claims


def _readable(doc: Document, limit: int) -> Document:
    """`doc` cut after `limit` characters (at a line break or a space before it), with a
    warning; offsets into the part are offsets into the whole text."""
    if len(doc.text) <= limit:
        return doc
    cut = doc.text.rfind("\n", limit // 2, limit)
    cut = cut if cut > 0 else doc.text.rfind(" ", limit // 2, limit)
    cut = cut if cut > 0 else limit
    log.warning(
        "%s: text after character %d is not read (the extractor reads %d characters at most)",
        doc.path or doc.id,
        cut,
        limit,
    )
    return replace(doc, text=doc.text[:cut])


def with_speakers(ctx: DocContext, claims: list[Claim]) -> DocContext:
    """The context completed with who speaks where: the document's analysis, then each
    claim's attribution (the attribute and date stages both read it; neither recomputes it)."""
    ctx = ctx.evolve(analysis=attribution.analyse(ctx))
    return ctx.evolve(attributions=attribution.attributions(ctx, claims))

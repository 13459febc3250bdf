"""Which claims estimate the same quantity: pinned config first, manual moves last, and
automatic grouping by features (noun class, aspect, place, modifier) for the rest.

Automatic grouping, in order:
  1. each claim's features (features.py); a claim without a modifier ("11,000 troops") borrows
     one from the nearest count of the same sort in its document ("North Korean soldiers");
  2. claims with equal keys (kind, noun, aspect, place, modifier, event, topic) form one group
     (the topic, for measurements only, is what they measure: "from the border" -> border);
  3. a group with no modifier (or no place) joins the largest group that differs only there.
Claims whose counted thing is unknown stay alone.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from estimates.claims.model import Claim
from estimates.claims.nouns import NounGrammar, noun_grammar, plural
from estimates.lexicon import Lexicon
from estimates.reconcile.config import QuantitySpec, spec_matches
from estimates.reconcile.features import (
    Features,
    GroupingWords,
    claim_features,
    clause_windows,
    document_place,
    event_of,
    grouping_words,
)

Key = tuple[str | None, ...]
PLACE, MODIFIER = 3, 4  # Key: (kind, noun, aspect, place, modifier, event, topic)


@dataclass(frozen=True)
class Group:
    """Claims put side by side: an id, a readable label, and whether the user pinned it."""

    id: str
    label: str
    claim_ids: tuple[str, ...]
    pinned: bool = False
    unit: str | None = None


def group_claims(
    claims: Sequence[Claim],
    lexicon: Lexicon,
    specs: Sequence[QuantitySpec] = (),
    moves: Mapping[str, str] | None = None,
    texts: Mapping[str, str] | None = None,
) -> list[Group]:
    """Every claim in exactly one group (see the module docstring). `texts` (doc id -> body)
    lets a crowd count whose sentence names no day take the last day named before it."""
    words = grouping_words(lexicon)
    feats = {c.claim_id: claim_features(c, words) for c in claims}
    feats = _with_context(claims, feats, words)
    if texts:
        feats = _days_from_text(claims, feats, texts, words)
    pinned: dict[str, list[str]] = {s.id: [] for s in specs}
    rest: list[Claim] = []
    for c in claims:
        spec = _pinned(c, feats[c.claim_id], specs) if specs else None
        (pinned[spec.id].append(c.claim_id) if spec else rest.append(c))
    groups = [
        Group(s.id, s.label, tuple(pinned[s.id]), True, s.unit) for s in specs if pinned[s.id]
    ]
    groups += _automatic(rest, feats, words, {s.id for s in specs}, noun_grammar(lexicon))
    return _apply_moves(groups, moves or {}, {s.id: s for s in specs})


EVENT_LOOKBACK = 2000
"""How far back (characters) an article may name the day of a gathering it then counts."""


def _days_from_text(
    claims: Sequence[Claim],
    feats: dict[str, Features],
    texts: Mapping[str, str],
    words: GroupingWords,
) -> dict[str, Features]:
    """Crowd counts with no day in their sentence take the last day named before them (a
    list of marches under dated headings)."""
    out = dict(feats)
    for c in claims:
        f = feats[c.claim_id]
        text = texts.get(c.doc_id)
        if f.aspect == "crowd" and f.event is None and text:
            day = event_of(text[max(0, c.start - EVENT_LOOKBACK) : c.start], words, last=True)
            out[c.claim_id] = replace(f, event=day)
    return out


def _pinned(c: Claim, f: Features, specs: Sequence[QuantitySpec]) -> QuantitySpec | None:
    """The first pinned quantity that takes the claim."""
    before, after = clause_windows(c)
    sentence = " ".join(x for x in (c.sentence, f.modifier, f.place) if x)
    clause = f"{before} {c.text} {after}"
    return next((s for s in specs if spec_matches(s, c, sentence, clause, f.noun)), None)


def _key(f: Features) -> Key:
    """Counts of people with an aspect (killed, wounded) group by who, else also by place."""
    noun = "person" if f.aspect else f.noun
    place = None if f.aspect and f.modifier else f.place
    return (f.kind, noun, f.aspect, place, f.modifier, f.event, f.topic)


def _with_context(
    claims: Sequence[Claim], feats: dict[str, Features], words: GroupingWords
) -> dict[str, Features]:
    """Fill a missing modifier from the nearest count of the same sort (people or not) in the
    same document; a count with neither takes the document's setting as its place (so deaths
    in two disasters stay apart); other missing places are left to `_merge_unspecified`."""
    by_doc: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        by_doc[c.doc_id].append(c)
    out = dict(feats)
    for doc_claims in by_doc.values():
        _conversions_follow(doc_claims, out)
        setting: list[str | None] = []  # computed once per document, when first needed
        for c in doc_claims:
            f = _crowd_from_sentence(c, out[c.claim_id], doc_claims, feats, words)
            out[c.claim_id] = f
            if f.noun is None or f.modifier:
                continue
            near = [feats[o.claim_id] for o in _nearest(doc_claims, c)]
            kin = [o for o in near if _is_people(o, words) == _is_people(f, words)]
            modifier = next((o.modifier for o in kin if o.modifier), None)
            place = f.place
            if modifier is None and place is None and f.kind == "count":
                if not setting:
                    setting.append(document_place((o.sentence for o in doc_claims), words))
                place = setting[0]
            out[c.claim_id] = replace(f, modifier=modifier, place=place)
    return out


def _conversions_follow(doc_claims: Sequence[Claim], feats: dict[str, Features]) -> None:
    """A measurement in brackets right after another of the same dimension converts it
    ("50 kilometers (30 miles)"): it measures the same thing."""
    for prev, c in zip(doc_claims, doc_claims[1:], strict=False):
        a, b = feats[prev.claim_id], feats[c.claim_id]
        if a.kind == b.kind != "count" and a.noun == b.noun and c.sentence == prev.sentence:
            at = c.sentence.find(prev.text)
            gap = c.sentence[at + len(prev.text) : c.sentence.find(c.text, at)] if at >= 0 else ""
            if gap.strip() == "(":
                feats[c.claim_id] = replace(b, place=a.place, topic=a.topic)


def _crowd_from_sentence(
    c: Claim,
    f: Features,
    doc_claims: Sequence[Claim],
    feats: Mapping[str, Features],
    words: GroupingWords,
) -> Features:
    """A count of people beside a crowd count in one sentence is a rival count of that crowd
    ("organisers said 12,000 took part, police put it at 5,200")."""
    if f.aspect is not None or f.noun not in words.people:
        return f
    for o in doc_claims:
        of = feats[o.claim_id]
        if o is not c and o.sentence == c.sentence and of.aspect == "crowd":
            return replace(f, aspect="crowd", event=of.event)
    return f


def _nearest(doc_claims: Sequence[Claim], c: Claim) -> list[Claim]:
    return sorted((o for o in doc_claims if o is not c), key=lambda o: abs(o.start - c.start))


def _is_people(f: Features, words: GroupingWords) -> bool:
    return f.kind == "count" and (f.aspect is not None or f.noun in words.people)


def _automatic(
    claims: Sequence[Claim],
    feats: Mapping[str, Features],
    words: GroupingWords,
    taken: set[str],
    nouns: NounGrammar,
) -> list[Group]:
    """Group the unpinned claims by key, merge keys missing a modifier or place, label."""
    members: dict[Key, list[Claim]] = defaultdict(list)
    for c in claims:
        f = feats[c.claim_id]
        members[_key(f) if f.noun else ("claim", c.claim_id)].append(c)
    for slot in (MODIFIER, PLACE):
        _merge_unspecified(members, slot)
    ids = set(taken)
    groups = []
    for key, cs in sorted(members.items(), key=lambda kv: -len(kv[1])):
        label = _label(key, cs, words, nouns)
        groups.append(Group(_unique_id(_slug(label), ids), label, tuple(c.claim_id for c in cs)))
    return groups


def _merge_unspecified(members: dict[Key, list[Claim]], slot: int) -> None:
    """Move groups whose key lacks `slot` into the largest group that differs only there."""
    best: dict[Key, Key] = {}  # key without the slot -> the largest group having it
    for key, cs in members.items():
        if key[0] != "claim" and key[slot] is not None:
            rest = _without(key, slot)
            if rest not in best or len(cs) > len(members[best[rest]]):
                best[rest] = key
    for key in [k for k in members if k[0] != "claim" and k[slot] is None]:
        if key[2] is not None and (slot == MODIFIER or key[MODIFIER] is None):
            continue  # the dead or wounded of one event never join another's
        target = best.get(_without(key, slot))
        if target is not None:
            members[target].extend(members.pop(key))


def _without(key: Key, slot: int) -> Key:
    return key[:slot] + key[slot + 1 :]


def _label(key: Key, claims: Sequence[Claim], w: GroupingWords, nouns: NounGrammar) -> str:
    """A readable name from the key: "North Korean troops in Russia", "border: length in km"."""
    if key[0] == "claim":
        c = claims[0]
        return f"{c.text} ({c.doc_id})"
    kind, noun, aspect, place, modifier, event, topic = key
    thing = aspect and w.aspect_labels.get(aspect, aspect)
    if not thing:
        thing = plural(noun or "figure", nouns)  # the class, not the words: ids stay stable
    if kind != "count":
        units = Counter(c.unit for c in claims if c.unit)
        unit = units.most_common(1)[0][0] if units else None
        thing = f"{kind} in {plural(unit.replace('_', ' '), nouns)}" if unit else str(kind)
        thing = f"{topic}: {thing}" if topic else thing
    parts = [modifier, thing, f"in {place}" if place and place != "the front" else None]
    if place == "the front":
        parts.append("at the front")
    if event:
        parts.append(f"({event})")
    return " ".join(p for p in parts if p)


def _slug(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")[:60] or "quantity"


def _unique_id(base: str, taken: set[str]) -> str:
    qid, n = base, 2
    while qid in taken:
        qid, n = f"{base}-{n}", n + 1
    taken.add(qid)
    return qid


def _apply_moves(
    groups: list[Group], moves: Mapping[str, str], specs: Mapping[str, QuantitySpec]
) -> list[Group]:
    """Manual moves win: each moved claim leaves its group for the named quantity."""
    if not moves:
        return groups
    by_id = {g.id: g for g in groups}
    members = {g.id: [c for c in g.claim_ids if c not in moves] for g in groups}
    for claim_id, qid in moves.items():
        if any(claim_id in g.claim_ids for g in groups):
            members.setdefault(qid, []).append(claim_id)
    out = []
    for qid, ids in members.items():
        if not ids:
            continue
        old = by_id.get(qid)
        spec = specs.get(qid)
        label = old.label if old else (spec.label if spec else qid)
        unit = old.unit if old else (spec.unit if spec else None)
        out.append(Group(qid, label, tuple(ids), old.pinned if old else True, unit))
    return out

"""Which claims estimate the same quantity: pinned config first, manual moves last, and
automatic grouping by story, measure and scope for the rest.

Automatic grouping, in order:
  1. each claim's features (features.py); a claim without a modifier ("11,000 troops") borrows
     one from the nearest count of the same sort in its document ("North Korean soldiers"); a
     unit conversion in brackets ("8 km (5 mi)") takes the features of the figure it converts;
     a table's "Total" row is scoped to the places of the rows above it;
  2. claims of one story (stories.py) with equal keys (measure, dimension, place, population,
     rate, what is counted, year, modifier, day) form one group; claims of two stories never do;
     a toll put down to an incident within the story ("the blast") is counted apart;
  3. a group with no modifier joins the largest group that differs only there;
  4. places: when a story's figures of one measure name a single place, that place is the
     story's setting and figures naming none are there too ("deaths in Syria"); when they name
     several places, or say "in total", each place is its own quantity and figures naming none
     are the total ("8,857 dead in Nepal and 8,964 in total").
Claims whose counted thing or measure is unknown are not grouped: the report lists them apart.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from estimates.claims.model import Claim
from estimates.claims.nouns import lemmas, plural
from estimates.lexicon import Lexicon
from estimates.reconcile.config import QuantitySpec, spec_matches
from estimates.reconcile.features import (
    FIELD_BREAK,
    TOTAL,
    Features,
    GroupingWords,
    claim_features,
    clause_windows,
    clean_place,
    event_of,
    grouping_words,
    implied_unit,
    is_dimension,
    table_row,
)
from estimates.reconcile.kept import Kept, digest, fingerprint
from estimates.reconcile.stories import slug

Key = tuple[str | None, ...]
STORY, MEASURE, PLACE, MODIFIER = 0, 3, 4, 9
"""Slots of a Key: (story, kind, noun or dimension, measure, place, population, rate, counted,
period, modifier, event, topic)."""

LABEL_DASH = " — "
"""Between a quantity's measure and scope and its story: "Deaths in Nepal — 2015 Nepal
earthquake"."""


@dataclass(frozen=True)
class Group:
    """Claims put side by side: an id, a readable label, and whether the user pinned it."""

    id: str
    label: str
    claim_ids: tuple[str, ...]
    pinned: bool = False
    unit: str | None = None
    story: str = ""  # the story's name ("" for a pinned quantity spanning stories)
    story_id: str = ""


@dataclass(frozen=True)
class Grouping:
    """The groups, and the claims the tool cannot place (what they count is unknown)."""

    groups: list[Group]
    ungrouped: list[str]


def group_claims(
    claims: Sequence[Claim],
    lexicon: Lexicon,
    specs: Sequence[QuantitySpec] = (),
    moves: Mapping[str, str] | None = None,
    texts: Mapping[str, str] | None = None,
    stories: Mapping[str, tuple[str, str]] | None = None,
    kept: Kept | None = None,
) -> Grouping:
    """Every claim in exactly one group, or ungrouped (see the module docstring). `texts` (doc
    id -> body) lets a crowd count whose sentence names no day take the last day named before
    it; `stories` maps doc id -> (story id, story name); `kept` holds features read before."""
    words = grouping_words(lexicon)
    salt = fingerprint(lexicon, FEATURE_CODE) if kept is not None else ""
    feats = document_features(claims, words, texts, kept, salt)
    pinned: dict[str, list[str]] = {s.id: [] for s in specs}
    rest: list[Claim] = []
    for c in claims:
        spec = _pinned(c, feats[c.claim_id], specs) if specs else None
        (pinned[spec.id].append(c.claim_id) if spec else rest.append(c))
    groups = [
        Group(s.id, s.label, tuple(pinned[s.id]), True, s.unit) for s in specs if pinned[s.id]
    ]
    auto, ungrouped = group_blocked(rest, feats, words, {s.id for s in specs}, stories or {})
    groups += auto
    return _apply_moves(groups, ungrouped, moves or {}, {s.id: s for s in specs})


FEATURE_CODE = (
    "reconcile/features.py",
    "reconcile/grouping.py",
    "claims/units.py",
    "claims/nouns.py",
)
"""The code features are worked out with (paths under the estimates package), for the
fingerprint of kept features."""


def document_features(
    claims: Sequence[Claim],
    words: GroupingWords,
    texts: Mapping[str, str] | None,
    kept: Kept | None = None,
    salt: str = "",
) -> dict[str, Features]:
    """Every claim's features read in its document (claim_features, then what the document's
    other claims and text say: _with_context, _days_from_text, which read that document
    alone). With `kept`, a document whose digest is unchanged is not read again, and the
    features of those read are kept; `salt` fingerprints the code and lexicon."""
    if kept is None:
        return _in_context(claims, words, texts)
    by_doc: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        by_doc[c.doc_id].append(c)
    out: dict[str, Features] = {}
    todo: list[Claim] = []
    digests: dict[str, str] = {}
    for doc_id, doc_claims in by_doc.items():
        text = texts.get(doc_id) if texts else None
        key = digests[doc_id] = feature_digest(doc_claims, text, salt)
        found = kept.features(doc_id, key)
        if found is not None and all(c.claim_id in found for c in doc_claims):
            out.update((c.claim_id, found[c.claim_id]) for c in doc_claims)
        else:
            todo += doc_claims
    fresh = _in_context(todo, words, texts)
    for doc_id in dict.fromkeys(c.doc_id for c in todo):
        kept.keep_features(
            doc_id, digests[doc_id], {c.claim_id: fresh[c.claim_id] for c in by_doc[doc_id]}
        )
    out.update(fresh)
    return out


def feature_digest(doc_claims: Sequence[Claim], text: str | None, salt: str) -> str:
    """A digest of everything a document's features are read from: its claims in order (the
    fields grouping reads), its text, and `salt` (the code and lexicon, kept.fingerprint)."""
    said = [
        (c.claim_id, c.start, c.sentence, c.text, c.unit, c.kind, c.value, c.subject)
        for c in doc_claims
    ]
    return digest(salt, text, said)


def _in_context(
    claims: Sequence[Claim], words: GroupingWords, texts: Mapping[str, str] | None
) -> dict[str, Features]:
    feats = _with_context(claims, _features(claims, words), words)
    return _days_from_text(claims, feats, texts, words) if texts else feats


def _features(claims: Sequence[Claim], words: GroupingWords) -> dict[str, Features]:
    """Each claim's own features (claim_features), worked out once per figure as written in
    its sentence: copies of one sentence (syndication, a quote repeated) share them."""
    out: dict[str, Features] = {}
    seen: dict[tuple[object, ...], Features] = {}
    for c in claims:
        said = (c.sentence, c.text, c.unit, c.kind, c.value, c.subject)
        f = seen.get(said)
        if f is None:
            f = seen[said] = claim_features(c, words)
        out[c.claim_id] = f
    return out


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


def _key(f: Features, story: str, words: GroupingWords) -> Key:
    """What a claim estimates, in which story and scope (see Key)."""
    counted_class = f.kind == "count" and not is_dimension(f.noun)
    people = f.aspect is not None and (f.noun is None or f.noun in words.people)
    if f.kind == "scale":
        kind, noun, measure = "scale", None, f.measure
    elif counted_class:
        kind, noun, measure = "count", None if people else f.noun, f.aspect
    else:
        kind, noun, measure = "measure", f.noun, f.measure
    topic = f.topic if measure is None and kind == "measure" else None
    return (
        story, kind, noun, measure, f.place, f.population, f.rate, f.counted, f.period,
        f.modifier, f.event, topic,
    )  # fmt: skip


def _with_context(
    claims: Sequence[Claim], feats: dict[str, Features], words: GroupingWords
) -> dict[str, Features]:
    """Fill a missing modifier from the nearest count of the same sort (people or not) in the
    same document."""
    by_doc: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        by_doc[c.doc_id].append(c)
    out = dict(feats)
    for doc_claims in by_doc.values():
        _conversions_follow(doc_claims, out)
        _totals_of_tables(doc_claims, out)
        by_sentence: dict[str, list[Claim]] = defaultdict(list)
        for c in doc_claims:
            by_sentence[c.sentence].append(c)
        modified = _ModifiedNouns(doc_claims, feats)
        for c in doc_claims:
            mates = by_sentence[c.sentence]  # the sentence rules read only these
            f = _crowd_from_sentence(c, out[c.claim_id], mates, feats, words)
            f = _implied_from_sentence(c, f, mates, feats, words)
            f = _included_in(c, f, mates, feats)
            f = _aspect_from_sentence(c, f, mates, feats, words)
            out[c.claim_id] = f
            if f.noun is None or f.modifier or table_row(c):
                continue  # a table row's own label says whose it is ("TOTAL" is everyone's)
            modifier = modified.nearest(c, f.noun)
            if modifier != f.modifier:  # a count of its noun nearby says whose it is
                out[c.claim_id] = replace(f, modifier=modifier)
    return out


class _ModifiedNouns:
    """The claims of one document whose noun carries a modifier, by noun and start, so the
    nearest one to a claim is found by bisection: sorting the document's claims for each of
    its claims took minutes on a document of thousands of figures."""

    def __init__(self, doc_claims: Sequence[Claim], feats: Mapping[str, Features]) -> None:
        rows: dict[str, list[tuple[int, int, Claim]]] = defaultdict(list)
        for i, o in enumerate(doc_claims):
            of = feats[o.claim_id]
            if of.noun is not None and of.modifier:
                rows[of.noun].append((o.start, i, o))
        self.rows = {noun: sorted(r, key=lambda t: (t[0], t[1])) for noun, r in rows.items()}
        self.starts = {noun: [t[0] for t in r] for noun, r in self.rows.items()}
        self.feats = feats

    def nearest(self, c: Claim, noun: str) -> str | None:
        """The modifier of the claim nearest to `c` with this noun (ties: the one listed
        first in the document), None when there is none."""
        rows, starts = self.rows.get(noun, []), self.starts.get(noun, [])
        lo = bisect_left(starts, c.start) - 1
        hi = lo + 1
        best: tuple[float, int, Claim] | None = None  # (distance, index, claim)
        while lo >= 0 or hi < len(rows):
            left = c.start - starts[lo] if lo >= 0 else math.inf
            right = starts[hi] - c.start if hi < len(rows) else math.inf
            take_left = left <= right
            distance = min(left, right)
            if best is not None and distance > best[0]:
                break
            _, i, o = rows[lo] if take_left else rows[hi]
            lo, hi = (lo - 1, hi) if take_left else (lo, hi + 1)
            if o is not c and (best is None or (distance, i) < best[:2]):
                best = (distance, i, o)
        return self.feats[best[2].claim_id].modifier if best else None


def _conversions_follow(doc_claims: Sequence[Claim], feats: dict[str, Features]) -> None:
    """A measurement in brackets right after another of the same dimension converts it
    ("50 kilometers (30 miles)", "8 km (5 mi)"): it is the same figure, so it takes the
    features of the figure it converts."""
    for prev, c in zip(doc_claims, doc_claims[1:], strict=False):
        a, b = feats[prev.claim_id], feats[c.claim_id]
        if is_dimension(a.noun) and a.noun == b.noun and c.sentence == prev.sentence:
            at = c.sentence.find(prev.text)
            gap = c.sentence[at + len(prev.text) : c.sentence.find(c.text, at)] if at >= 0 else ""
            if gap.strip() == "(":
                feats[c.claim_id] = a


def _totals_of_tables(doc_claims: Sequence[Claim], feats: dict[str, Features]) -> None:
    """A table's "Total" row sums the rows above it: its figures are scoped to those rows'
    places ("Guinea, Liberia, Sierra Leone"), as a sentence listing them would be, so the
    totals of two tables of one page stay apart. Rows on consecutive lines are one table."""
    places: list[str] = []
    last_end = -2
    for c in sorted(doc_claims, key=lambda c: c.start):
        row = table_row(c)
        if row is None:
            continue
        if row.start > last_end + 1:
            places = []  # a new table
        last_end = row.end
        f = feats[c.claim_id]
        if f.place == TOTAL and places:
            feats[c.claim_id] = replace(f, place=", ".join(sorted(dict.fromkeys(places))))
        elif f.place not in (None, TOTAL):
            places.append(f.place)


def _crowd_from_sentence(
    c: Claim,
    f: Features,
    mates: Sequence[Claim],
    feats: Mapping[str, Features],
    words: GroupingWords,
) -> Features:
    """A count of people beside a crowd count in one sentence is a rival count of that crowd
    ("organisers said 12,000 took part, police put it at 5,200")."""
    if f.aspect is not None or f.noun not in words.people:
        return f
    for o in mates:
        of = feats[o.claim_id]
        if o is not c and of.aspect == "crowd":
            return replace(f, aspect="crowd", event=of.event)
    return f


def _aspect_from_sentence(
    c: Claim,
    f: Features,
    mates: Sequence[Claim],
    feats: Mapping[str, Features],
    words: GroupingWords,
) -> Features:
    """A count of people that says nothing of what happened to them shares the verb of the
    nearest count of people in its sentence ("killed 4,120 people in Valdoria and 4,380 in
    total": both are deaths)."""
    if f.aspect is not None or f.measure is not None or f.noun not in words.unplaced:
        return f
    kin = [
        feats[o.claim_id]
        for o in _nearest(mates, c)
        if feats[o.claim_id].aspect and _coordinated(o, c)
    ]
    people = [k for k in kin if k.noun is None or k.noun in words.people]
    return replace(f, aspect=people[0].aspect) if people else f


def _implied_from_sentence(
    c: Claim,
    f: Features,
    mates: Sequence[Claim],
    feats: Mapping[str, Features],
    words: GroupingWords,
) -> Features:
    """A bare number listed right after a count in its sentence counts the same thing
    ("8,857 dead in Nepal and 8,964 in total"), whatever unit the extractor gave it."""
    if f.measure is not None or f.aspect is not None or f.kind != "count":
        return f
    if not implied_unit(c, words):
        return f
    earlier = _earlier(mates, c)
    if earlier and _coordinated(earlier[0], c):  # the count right before it, none further
        of = feats[earlier[0].claim_id]
        if of.kind == "count" and (of.aspect or of.noun):
            return replace(f, noun=of.noun, aspect=of.aspect, population=of.population)
    return f


_INCLUDING = re.compile(r"\b(?:including|of whom|of which|among them|among whom)\s*$", re.I)


def _included_in(
    c: Claim, f: Features, mates: Sequence[Claim], feats: Mapping[str, Features]
) -> Features:
    """A figure introduced by "including" ("242 cases, including 142 deaths") is part of the
    figure before it: it takes that figure's place and year when it names none, and when that
    figure names no place either it is kept apart as a part of it."""
    if f.place is not None or f.modifier is not None or f.population is not None:
        return f  # a part named for itself ("including 100 survivor assistance staff")
    at = c.sentence.find(c.text)
    if at <= 0 or not _INCLUDING.search(c.sentence[:at]):
        return f
    earlier = _earlier(mates, c)
    if not earlier:
        return f
    of = feats[earlier[0].claim_id]
    if of.place is None:  # part of a count whose scope is not said: not the measure's total
        return replace(f, counted=f.counted or PART)
    return replace(f, place=of.place, period=f.period or of.period)


PART = "part"
"""What is counted by a figure that is part of an earlier one ("242 cases, including 142
deaths"): the deaths among those cases, not the toll."""


COORDINATED_WORDS = 5
"""Most words between two counts for the second to share the first's verb ("killed 300 in
the north and 40 in the south")."""


def _coordinated(a: Claim, b: Claim) -> bool:
    """Whether two counts of one sentence stand in one list: few words apart, "and" or a comma
    between them."""
    first, second = (a, b) if a.start < b.start else (b, a)
    between = first.sentence[
        first.sentence.find(first.text) + len(first.text) : first.sentence.find(second.text)
    ]
    if FIELD_BREAK.search(between):
        return False  # "5,400+ injured\nAftershocks9": another field of an infobox
    return len(between.split()) <= COORDINATED_WORDS and (" and " in between or "," in between)


def _nearest(claims: Sequence[Claim], c: Claim) -> list[Claim]:
    return sorted((o for o in claims if o is not c), key=lambda o: abs(o.start - c.start))


def _earlier(mates: Sequence[Claim], c: Claim) -> list[Claim]:
    """The claims of c's sentence before it, nearest first."""
    return [o for o in _nearest(mates, c) if o.start < c.start]


StoryGroup = tuple[Key, list[Claim], str, str]
"""A group found within one story: its key, claims, label and story name (no id yet)."""


def group_blocked(
    claims: Sequence[Claim],
    feats: Mapping[str, Features],
    words: GroupingWords,
    taken: set[str],
    stories: Mapping[str, tuple[str, str]],
) -> tuple[list[Group], list[str]]:
    """Group the unpinned claims story by story: claims of two stories never share a
    quantity, so each story is a block grouped on its own (`group_story`), and its groups
    depend on its claims alone. Ids are then given over all blocks at once, largest group
    first; and the claims that cannot be placed, in their order."""
    blocks: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        blocks[stories.get(c.doc_id, ("", ""))[0]].append(c)
    found: list[StoryGroup] = []
    loose: set[str] = set()
    for block in blocks.values():
        groups, ungrouped = group_story(block, feats, words, stories)
        found += groups
        loose.update(ungrouped)
    return identified(found, taken), [c.claim_id for c in claims if c.claim_id in loose]


def group_story(
    claims: Sequence[Claim],
    feats: Mapping[str, Features],
    words: GroupingWords,
    stories: Mapping[str, tuple[str, str]],
) -> tuple[list[StoryGroup], list[str]]:
    """One story's unpinned claims grouped by key, modifiers and places settled, labelled;
    and the claims that cannot be placed."""
    members: dict[Key, list[Claim]] = defaultdict(list)
    ungrouped: list[str] = []
    story_name = ""
    named = {stories.get(c.doc_id, ("", ""))[1] for c in claims}
    default = next((a for p, a in words.story_aspects for n in named if p.search(n)), None)
    for c in claims:
        f = feats[c.claim_id]
        if default and f.aspect is None and f.measure is None and f.noun in words.unplaced:
            f = replace(f, aspect=default)  # "police counted 68,000" in a march's story
        if not f.placed(words):
            ungrouped.append(c.claim_id)
            continue
        story_id, story_name = stories.get(c.doc_id, ("", ""))
        members[_key(_incident(f, story_name, words), story_id, words)].append(c)
    _merge_unspecified(members, MODIFIER)
    _settle_places(members, _settings(claims, feats, stories, words))
    _merge_unspecified(members, MODIFIER)
    found = [(k, cs, _label(k, cs, words, story_name), story_name) for k, cs in members.items()]
    return found, ungrouped


def identified(found: Sequence[StoryGroup], taken: set[str]) -> list[Group]:
    """Groups with ids (slugs of their labels, unique beside `taken`), given largest group
    first, then by key, over every story at once."""
    ids = set(taken)
    groups = []
    for key, cs, label, story in sorted(found, key=lambda g: (-len(g[1]), _sort_key(g[0]))):
        qid = _unique_id(slug(label, MAX_ID, "quantity"), ids)
        claim_ids = tuple(c.claim_id for c in cs)
        groups.append(Group(qid, label, claim_ids, story=story, story_id=key[STORY] or ""))
    return groups


def _incident(f: Features, story_name: str, words: GroupingWords) -> Features:
    """A toll put down to an incident within the story ("an avalanche ..., killing 19") is
    that incident's, kept apart from the story's toll; not when the story is named after it
    ("2020 Beirut explosion": the blast's toll is the story's)."""
    if f.cause is None or f.counted is not None:
        return f
    if f.cause in {name for _, _, name in words.incidents.hits(story_name)}:
        return f
    return replace(f, counted=f.cause)


def _sort_key(key: Key) -> tuple[str, ...]:
    return tuple(k or "" for k in key)


def _merge_unspecified(members: dict[Key, list[Claim]], slot: int) -> None:
    """Move groups whose key lacks `slot` into the largest group that differs only there."""
    best: dict[Key, Key] = {}  # key without the slot -> the largest group having it
    for key, cs in sorted(members.items(), key=lambda kv: _sort_key(kv[0])):
        if key[slot] is not None:
            rest = _without(key, slot)
            if rest not in best or len(cs) > len(members[best[rest]]):
                best[rest] = key
    for key in [k for k in members if k[slot] is None]:
        target = best.get(_without(key, slot))
        if target is not None:
            members[target].extend(members.pop(key))


def _settings(
    claims: Sequence[Claim],
    feats: Mapping[str, Features],
    stories: Mapping[str, tuple[str, str]],
    words: GroupingWords,
) -> dict[str, str]:
    """Story id -> its setting: the place its titles name most ("... in West Africa"), leaving
    out a place its texts put inside another one ("Russia's Kursk region": Kursk is in
    Russia)."""
    titles: dict[str, Counter[str]] = defaultdict(Counter)
    inside: dict[str, set[str]] = defaultdict(set)
    seen: set[str] = set()
    sentences: set[str] = set()
    for c in claims:
        story = stories.get(c.doc_id, ("", ""))[0]
        if c.sentence not in sentences:
            sentences.add(c.sentence)
            if "'s" in c.sentence or "’s" in c.sentence:  # what _INSIDE needs: a quick test
                for m in _INSIDE.finditer(c.sentence):
                    inside[story].add(m.group("inner"))
        if c.doc_id not in seen and c.title:
            seen.add(c.doc_id)
            for m in words.place.finditer(c.title):
                if place := clean_place(m.group("p"), words):
                    titles[story][place] += 1
    out = {}
    for story, n in titles.items():
        broad = [p for p in n if p not in inside[story]] or list(n)
        out[story] = min(broad, key=lambda p: (-n[p], p))
    return out


_INSIDE = re.compile(
    r"\b[A-Z][\w-]*(?:\s[A-Z][\w-]*)*['’]s\s+(?P<inner>[A-Z][\w-]*(?:\s[A-Z][\w-]*)*)"
)
"""A place named as part of another ("Russia's Kursk region", "Nepal's Dolakha District")."""


def _settle_places(members: dict[Key, list[Claim]], settings: Mapping[str, str]) -> None:
    """One place named for a measure in a story is its setting: figures naming none are there
    too ("Deaths in Syria"). Several places (or
    "in total"): each place apart, and figures naming none join the story's setting when it
    is one of them, else a table's total row, else the total when the story names one, else
    the place most figures name."""
    by_rest: dict[Key, list[Key]] = defaultdict(list)
    for key in members:
        by_rest[_without(key, PLACE)].append(key)
    for keys in by_rest.values():
        keys = [k for k in keys if k[PLACE] not in FRONTS]
        places = {k[PLACE] for k in keys} - {None}
        if not places:
            continue
        if len(places) == 1 and TOTAL not in places:
            target = _with(keys[0], PLACE, next(iter(places)))
        elif None in {k[PLACE] for k in keys}:
            setting = settings.get(keys[0][STORY] or "")
            sums = [p for p in places if p is not None and _sums_rows(p, places)]
            if setting not in places and len(sums) == 1:
                setting = sums[0]  # the one table's total row, scoped to its rows: the total
            elif setting not in places:
                sizes = {k[PLACE]: len(members[k]) for k in keys if k[PLACE]}
                largest = min(sizes, key=lambda p: (-sizes[p], p))
                setting = TOTAL if TOTAL in places or setting else largest
            target = _with(keys[0], PLACE, setting)
            places = {None}
        else:
            continue
        for key in sorted(keys, key=_sort_key):
            if key != target and (key[PLACE] in places or key[PLACE] is None):
                members.setdefault(target, []).extend(members.pop(key))
        members[target].sort(key=lambda c: (c.doc_id, c.start))


def _sums_rows(place: str, places: set[str | None]) -> bool:
    """'Kessa, Lunar, Oro': a total row's place (_totals_of_tables), naming places that have
    quantities of their own."""
    parts = place.split(", ")
    return len(parts) > 1 and all(p in places for p in parts)


def _without(key: Key, slot: int) -> Key:
    return key[:slot] + key[slot + 1 :]


def _with(key: Key, slot: int, value: str | None) -> Key:
    return (*key[:slot], value, *key[slot + 1 :])


def _label(key: Key, claims: Sequence[Claim], w: GroupingWords, story: str) -> str:
    """A readable name: measure and scope, then the story ("Deaths in Nepal — 2015 Nepal
    earthquake", "Rainfall, inches — Hurricane Harvey"), from the lexicon's labels and the
    claims' own units and nouns, inflected with a dictionary."""
    _, kind, noun, measure, place, population, rate, counted, period, modifier, event, _ = key
    if kind == "count":
        what = _count_label(noun, measure, w)
        parts = [modifier, what, f"among {population}" if population else None]
        head = _counted(counted, " ".join(p for p in parts if p), w)
    elif kind == "scale":
        base, _, scale = (measure or "").partition(":")
        head = w.measure_labels.get(base, base) + (f" ({scale})" if scale else "")
        head = _counted(counted, head, w)
    else:
        head = _measurement_label(measure, claims, w)
        head = f"{modifier} {head[:1].lower()}{head[1:]}" if modifier else head
    at = "from" if measure == "distance" else "in"  # "Distance, miles from Sendai"
    tail = [
        None if place in (None, "the front", TOTAL) else f"{at} {place}",
        "at the front" if place == "the front" else None,
        "in total" if place == TOTAL else None,
        f"per {rate}" if rate else None,
        f"in {period}" if period else None,
        f"({event})" if event else None,
    ]
    text = " ".join(p for p in (head, *tail) if p)
    text = text[:1].upper() + text[1:]
    return f"{text}{LABEL_DASH}{story}" if story else text


def _measurement_label(measure: str | None, claims: Sequence[Claim], w: GroupingWords) -> str:
    """What a measurement measures and its unit: the measure's label ("Rainfall, inches"), else
    the label the page gives its figure ("Peak acceleration, standard gravities"), else its
    kind ("Duration, days"); a percentage reads "Share (%)"."""
    unit = _most_common(c.unit for c in claims)
    kind = _most_common(c.kind for c in claims if c.kind not in ("count", "fraction"))
    named = _most_common(
        c.subject for c in claims if c.subject and c.subject.lower() not in (c.unit, c.kind)
    )
    if measure:
        label = w.measure_labels.get(measure, measure)
    else:
        after = _most_common(_noun_after(c, w) for c in claims)
        label = named or after or w.kind_labels.get(kind or "", kind or "figure")
    if unit == "percent":
        return f"{label} (%)"
    return f"{label}, {plural(unit, w.grammar)}" if unit else label


_AFTER_WORDS = re.compile(
    r"\s*(?:\([^)]*\)\s*)?(?:of\s+(?:the\s+|a\s+)?)?((?:[a-z][a-z-]*\s*){1,3})"
)
NOUN_PHRASE_WORDS = 2
"""Most nouns of the phrase a measurement stands before ("a 30-km exclusion zone")."""


def _noun_after(c: Claim, w: GroupingWords) -> str | None:
    """The noun phrase a measurement qualifies, right after it ("a 70 percent chance", "a
    30-km exclusion zone", "2,750 tonnes of the substance"): nouns only, as the dictionary
    knows them (no verb forms or adverbs: "8 feet east", "24 hours which")."""
    at = c.sentence.find(c.text)
    m = _AFTER_WORDS.match(c.sentence, at + len(c.text)) if at >= 0 else None
    if m is None:
        return None
    nouns: list[str] = []
    for word in m.group(1).split()[:NOUN_PHRASE_WORDS]:
        found = lemmas(word)
        if "NOUN" not in found or "ADV" in found or word in w.skip:
            break
        nouns.append(word)
    return " ".join(nouns) or None


def _most_common(values: Iterable[str | None]) -> str | None:
    """The value most claims have (the first of them on a tie); None when none has one."""
    found = Counter(v for v in values if v)
    return found.most_common(1)[0][0] if found else None


def _counted(counted: str | None, head: str, w: GroupingWords) -> str:
    """What kind of count, around the measure: "confirmed cases", "deaths within a larger
    count" (the lexicon's [counted.X] label, "{}" standing for the measure)."""
    if not counted:
        return head
    default = "{} in the " + counted if counted in w.incident_names else counted + " {}"
    form = w.counted_labels.get(counted, default)
    return form.replace("{}", head)


def _count_label(noun: str | None, measure: str | None, w: GroupingWords) -> str:
    """What is counted, plural: "deaths", "houses destroyed", "cases"."""
    if measure and noun is None:
        return w.aspect_labels.get(measure, measure)
    things = plural(noun or "figure", w.grammar)
    return f"{things} {w.aspect_labels.get(measure, measure)}" if measure else things


FRONTS = frozenset({"the front"})
"""Place scopes that narrow a count rather than name where it is (troops at the front are some
of the troops in the country): they stay apart and do not make a measure's places several."""

MAX_ID = 80
"""Longest quantity id (a slug of the label): long enough for measure, scope and story."""


def _unique_id(base: str, taken: set[str]) -> str:
    qid, n = base, 2
    while qid in taken:
        qid, n = f"{base}-{n}", n + 1
    taken.add(qid)
    return qid


def _apply_moves(
    groups: list[Group],
    ungrouped: list[str],
    moves: Mapping[str, str],
    specs: Mapping[str, QuantitySpec],
) -> Grouping:
    """Manual moves win: each moved claim leaves its group (or the ungrouped) for the named
    quantity."""
    if not moves:
        return Grouping(groups, ungrouped)
    by_id = {g.id: g for g in groups}
    members = {g.id: [c for c in g.claim_ids if c not in moves] for g in groups}
    known = {c for g in groups for c in g.claim_ids} | set(ungrouped)
    for claim_id, qid in moves.items():
        if claim_id in known:
            members.setdefault(qid, []).append(claim_id)
    out = []
    for qid, ids in members.items():
        if not ids:
            continue
        old = by_id.get(qid)
        spec = specs.get(qid)
        label = old.label if old else (spec.label if spec else qid)
        unit = old.unit if old else (spec.unit if spec else None)
        pinned = old.pinned if old else True
        story, story_id = (old.story, old.story_id) if old else ("", "")
        out.append(Group(qid, label, tuple(ids), pinned, unit, story, story_id))
    return Grouping(out, [c for c in ungrouped if c not in moves])

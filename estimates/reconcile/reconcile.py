"""Reconcile each quantity: intervals in one unit, independent sources, each source's latest
figure, low/best/high under a policy, disagreements between sources and revisions over time.

Independence: a claim's source key is its `source_entity`, else its `source`, else its
publisher (the article's own voice), never the outlet that relayed a named source. Copies of
one sentence printed by several outlets (syndication) take the key of the earliest copy (a
sentence of COPY_MIN_WORDS words or more).

Disagreement: walking a quantity's figures in date order, each figure is compared with every
other source's latest figures made no more than WINDOW_DAYS before it; two sources disagree
when those intervals do not overlap. A source's latest figures are all it states in its latest
article of that day ("more than 8,800" in the text, "8,964" in the infobox): it disagrees with
another source when one of them cannot be true with the other's figure. A count that rises
over days is a series of updates, not a conflict: figures further apart are never compared,
nor is a level a sentence gives as the one before ("up from 150,000 an hour ago").
Per pair of sources the most recent such pair of figures is shown (its first stated figure,
not a conversion in brackets). The walk keeps only the sources heard from within the window,
so it takes time in proportion to the figures times the sources active at once, not to the
square of the figures.
"""

from __future__ import annotations

import gc
import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import lru_cache

from estimates.claims.model import Claim
from estimates.dates import When
from estimates.lexicon import Lexicon
from estimates.reconcile.config import QuantitySpec, StorySpec
from estimates.reconcile.grouping import Group, group_claims
from estimates.reconcile.intervals import Interval, claim_interval
from estimates.reconcile.kept import Kept
from estimates.reconcile.model import (
    Disagreement,
    Figure,
    QuantityReport,
    Report,
    Revision,
    SourceSummary,
    day_number,
)
from estimates.reconcile.policies import DEFAULT_POLICY, get_policy
from estimates.reconcile.stories import find_stories, story_docs

WINDOW_DAYS = 3
"""Two sources disagree only about figures stated within three days of each other (one news
cycle and its follow-ups): a figure from another source later than that is an update of a
running count, not a contradiction."""

UNATTRIBUTED = "unattributed"
_NON_WORD = re.compile(r"\W+")


def build_report(
    claims: Sequence[Claim],
    lexicon: Lexicon,
    policy: str = DEFAULT_POLICY,
    specs: Sequence[QuantitySpec] = (),
    moves: Mapping[str, str] | None = None,
    texts: Mapping[str, str] | None = None,
    versions: Mapping[str, str] | None = None,
    story_specs: Sequence[StorySpec] = (),
    kept: Kept | None = None,
) -> Report:
    """Find the stories, group claims into quantities within them and reconcile each one;
    largest quantities first. `texts` (doc id -> article body) helps find stories and group
    where a sentence alone is not enough; `versions` (claim id -> extractor version) is carried
    into the figures for the outputs; `story_specs` pin or rename stories; `kept` holds what
    earlier runs worked out (kept.py: the same report, worked out again only where documents
    changed)."""
    get_policy(policy)
    with _rare_cycle_collection():
        return _build_report(
            claims, lexicon, policy, specs, moves, texts, versions, story_specs, kept
        )


GC_YOUNG_OBJECTS = 200000
"""Objects made between two collections of the youngest generation while a report is built
(Python's default is 700): rescanning hundreds of thousands of records as they are made took a
quarter of the time, while switching the collector off let the cyclic garbage of a large run
(scikit-learn's, pandas') pile up to many gigabytes."""


@contextmanager
def _rare_cycle_collection() -> Iterator[None]:
    """Python's cycle collector run rarely while a report is built (GC_YOUNG_OBJECTS); its
    previous thresholds come back after."""
    was = gc.get_threshold()
    gc.set_threshold(GC_YOUNG_OBJECTS, *was[1:])
    try:
        yield
    finally:
        gc.set_threshold(*was)


def _build_report(
    claims: Sequence[Claim],
    lexicon: Lexicon,
    policy: str,
    specs: Sequence[QuantitySpec],
    moves: Mapping[str, str] | None,
    texts: Mapping[str, str] | None,
    versions: Mapping[str, str] | None,
    story_specs: Sequence[StorySpec],
    kept: Kept | None,
) -> Report:
    stories = find_stories(story_docs(claims, texts), lexicon, story_specs, kept)
    story_of = {d: (s.id, s.name) for s in stories for d in s.doc_ids}
    grouping = group_claims(claims, lexicon, specs, moves, texts, story_of, kept)
    by_id = {c.claim_id: c for c in claims}
    keys = source_keys(claims)
    names = {d: name for d, (_, name) in story_of.items()}
    reports = [
        reconcile(g, [by_id[i] for i in g.claim_ids], keys, policy, versions, names)
        for g in grouping.groups
    ]
    reports.sort(key=lambda q: (-len(q.sources), -len(q.figures), q.label, q.id))
    loose = [by_id[i] for i in grouping.ungrouped]
    ungrouped = tuple(_figures(loose, None, keys, versions, names, own_units=True))
    return Report(policy, tuple(reports), tuple(stories), ungrouped)


def source_name(c: Claim) -> str:
    """Who makes the claim, for readers: the body behind it ("United States") when known, so
    the name matches the independence key; the speaker stays in `claim.source`."""
    return c.source_entity or c.source or c.publisher or UNATTRIBUTED


def _norm(s: str) -> str:
    """Case-folded words with single spaces between: copies of one sentence meet."""
    if s.isascii():  # the same, faster: lower case is the case fold, non-word runs split
        return " ".join(s.lower().translate(_ASCII_NON_WORD).split())
    return _NON_WORD.sub(" ", s.casefold()).strip()


_ASCII_NON_WORD = {i: " " for i in range(128) if not (chr(i).isalnum() or chr(i) == "_")}
r"""Every ASCII character `\W` matches, as a space."""


COPY_MIN_WORDS = 6
"""Words (not numbers) a sentence needs before two outlets printing it alike count as one
copy: a wire sentence is distinctive, a short infobox line ("Depth 8.2 km (5.1 mi)") is not."""


def source_keys(claims: Sequence[Claim]) -> dict[str, str]:
    """claim id -> independence key (see the module docstring)."""
    first_copy: dict[tuple[str, str], str] = {}
    keys: dict[str, str] = {}
    normal: dict[str, str] = {}  # names and sentences recur: each is normalised once
    for c in sorted(claims, key=lambda c: (c.claimed_at or c.published or "", c.doc_id)):
        own = c.source_entity or c.source
        name = own or c.publisher or c.doc_id
        norm = normal.get(name) or normal.setdefault(name, _norm(name))
        key = f"source:{norm}" if own else f"voice:{norm}"
        said = normal.get(c.sentence) or normal.setdefault(c.sentence, _norm(c.sentence))
        first = first_copy.setdefault((said, c.text), key)
        # "Depth 8.2 km (5.1 mi)": two pages may say a short line alike without copying
        keys[c.claim_id] = first if first == key or _copiable(said) else key
    return keys


def _copiable(said: str) -> bool:
    """A sentence (normalised) long enough that printing it alike is copying it."""
    return sum(not w.isdigit() for w in said.split()) >= COPY_MIN_WORDS


DATE_CACHE = 1 << 16
"""Distinct (claimed, precision, published) date strings kept parsed: decades of days."""


@lru_cache(maxsize=DATE_CACHE)
def _dated(
    claimed_at: str | None, precision: str | None, published: str | None
) -> tuple[When | None, int]:
    """When a claim was made, at its precision (its own date, else the article's; a stored
    date that cannot exist counts as none), and its day number (Figure.day); by the date
    strings, parsed once each: an archive repeats a few thousand."""
    date = When.parse(claimed_at, precision) or When.parse(published)
    return date, day_number(date)


def _quantity_unit(group: Group, claims: Sequence[Claim]) -> str | None:
    """The pinned unit, else the unit most claims use: every figure is shown in it."""
    if group.unit:
        return group.unit
    units = Counter(c.unit for c in claims if c.unit)
    return units.most_common(1)[0][0] if units else None


def _factor(unit: str | None, to_unit: str | None, kind: str) -> float:
    """Multiplier from a claim's unit to the quantity's (1 when not convertible; counted nouns
    never convert, a unit the extractor took for a counted noun, "mi", does)."""
    if not unit or not to_unit or unit == to_unit:
        return 1.0
    try:
        from estimates.claims.units import convert
    except ImportError:
        return 1.0
    try:
        factor = convert(1.0, unit, to_unit)
    except (ValueError, TypeError):  # different dimensions or unknown units
        factor = None
    return 1.0 if factor is None else float(factor)  # not convertible: keep the figure as stated


def _figures(
    claims: Sequence[Claim],
    unit: str | None,
    keys: Mapping[str, str],
    versions: Mapping[str, str] | None,
    stories: Mapping[str, str] | None = None,
    own_units: bool = False,
    superseded: bool = False,
) -> list[Figure]:
    """The claims as figures in `unit` (each in its own unit with `own_units`), oldest first;
    with `superseded`, each marked superseded by its source's next claim made on a later date.
    Worked out on plain rows, each Figure made once."""
    rows: list[_Row] = []
    for c in claims:
        factor = 1.0 if own_units else _factor(c.unit, unit, c.kind)
        # a figure in another unit is rounded in its own ("8.2 km (5.1 mi)"): it allows what
        # "about" allows, so a conversion never contradicts the figure it converts
        shape = "approx" if factor != 1.0 and c.qualifier == "exact" else c.qualifier
        iv = claim_interval(c.value, c.low, c.high, shape)
        iv = iv if factor == 1.0 else iv.scaled(factor)
        date, day = _dated(c.claimed_at, c.claimed_at_precision, c.published)
        rows.append((day, c, iv, factor, date))
    rows.sort(key=lambda r: (r[0], r[1].doc_id, r[1].start))
    later = _successors(rows, keys) if superseded else {}
    story = stories or {}
    return [
        Figure(
            c,
            iv,
            factor,
            source_name(c),
            keys[c.claim_id],
            date,
            later.get(i),
            versions.get(c.claim_id) if versions else None,
            story.get(c.doc_id, ""),
        )  # fmt: skip
        for i, (_, c, iv, factor, date) in enumerate(rows)
    ]


_Row = tuple[int, Claim, Interval, float, When | None]
"""A figure before it is made: day number, claim, interval, factor, date."""


def _successors(rows: Sequence[_Row], keys: Mapping[str, str]) -> dict[int, str]:
    """Row index -> claim id of the same source's next claim made on a later date (the first
    stated that day); rows oldest first."""
    by_source: dict[str, list[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        by_source[keys[row[1].claim_id]].append(i)
    out: dict[int, str] = {}
    for idx in by_source.values():
        nxt: _Row | None = None  # the first row of the next later date, walking back
        day_first: _Row | None = None
        for i in reversed(idx):
            row = rows[i]
            if day_first is not None and row[0] != day_first[0]:
                nxt = day_first
            day_first = row
            if nxt is not None and row[4] is not None and nxt[4] is not None:
                out[i] = nxt[1].claim_id
    return out


def _summaries(figures: Sequence[Figure]) -> list[SourceSummary]:
    """One summary per independent source, lowest latest figure first."""
    by_source: dict[str, list[Figure]] = defaultdict(list)
    for f in figures:
        by_source[f.source_key].append(f)
    out = [SourceSummary(fs[-1].source, k, len(fs), _latest(fs)) for k, fs in by_source.items()]
    return sorted(out, key=lambda s: (s.latest.interval.point, s.name))


def _latest(fs: Sequence[Figure]) -> Figure:
    """The latest figure; on one day in one article the first stated (the rest restate it,
    like a unit conversion in brackets)."""
    last = fs[-1]
    same = [f for f in fs if f.day == last.day and f.claim.doc_id == last.claim.doc_id]
    return same[0]


def _revisions(figures: Sequence[Figure]) -> list[Revision]:
    """Consecutive days on which one source gave a different figure (or shape of figure)."""
    by_source: dict[str, dict[int, Figure]] = defaultdict(dict)
    for f in figures:
        if f.date:
            by_source[f.source_key].setdefault(f.day, f)  # a day's first-stated figure
    out = []
    for days in by_source.values():
        fs = list(days.values())
        for a, b in zip(fs, fs[1:], strict=False):
            if _changed(a, b):
                out.append(Revision(a, b))
    return sorted(out, key=lambda r: (r.after.day, r.after.source))


def _changed(a: Figure, b: Figure) -> bool:
    """A revision: the central figure moved, or a bound became a point (or the reverse)."""
    return a.interval.point != b.interval.point or a.shape != b.shape


def _disagreements(figures: Sequence[Figure]) -> list[Disagreement]:
    """Sources whose figures do not overlap at the same time (see the module docstring)."""
    held: dict[str, list[Figure]] = {}  # source -> its figures of its latest article and day
    found: dict[tuple[str, str], tuple[Figure, Figure]] = {}
    seen: dict[str, bool] = {}

    def prior(c: Claim) -> bool:  # each claim read once
        if c.claim_id not in seen:
            seen[c.claim_id] = _prior_level(c)
        return seen[c.claim_id]

    for f in figures:  # oldest first
        day, own, low, high = f.day, f.source_key, f.interval.low, f.interval.high
        while held:
            first = next(iter(held.values()))[0]
            if first.day >= day - WINDOW_DAYS:
                break
            del held[first.source_key]
        for key, gs in held.items():
            if key == own:
                continue
            for g in gs:  # the first of its figures that cannot be true with f's
                if not (g.interval.low <= high and low <= g.interval.high):
                    if prior(g.claim) or prior(f.claim):
                        continue
                    pair = (g, f) if key < own else (f, g)
                    sources = (pair[0].source_key, pair[1].source_key)
                    if not _restates(found.get(sources), f):
                        found[sources] = pair
                    break
        mine = held.pop(own, [])
        same = mine and mine[0].day == day and mine[0].claim.doc_id == f.claim.doc_id
        held[own] = [*mine, f] if same else [f]
    out = [Disagreement(a, b, a.interval.gap(b.interval)) for a, b in found.values()]
    return sorted(out, key=lambda d: (-d.gap, d.a.source_key, d.b.source_key))


_PRIOR = re.compile(
    r"\b(?:up|down|rising|falling|rose|fell|climbed|dropped|increased|decreased|grew)"
    r"\s+from\s+$|\bcompared\s+(?:with|to)\s+$",
    re.I,
)


def _prior_level(c: Claim) -> bool:
    """ "240,000 homes, up from 150,000 an hour ago": a level the sentence gives as the one
    before, never in conflict with another source's figure of now."""
    at = c.sentence.find(c.text)
    return at > 0 and _PRIOR.search(c.sentence, max(0, at - 40), at) is not None


def _restates(pair: tuple[Figure, Figure] | None, f: Figure) -> bool:
    """Whether `f` comes from the article and day of its source's figure in `pair` already
    shown: the pair keeps the first stated figure, not its conversion ("8.2 km (5.1 mi)")."""
    return pair is not None and any(
        x.source_key == f.source_key and x.day == f.day and x.claim.doc_id == f.claim.doc_id
        for x in pair
    )


def reconcile(
    group: Group,
    claims: Sequence[Claim],
    keys: Mapping[str, str],
    policy: str,
    versions: Mapping[str, str] | None = None,
    stories: Mapping[str, str] | None = None,
) -> QuantityReport:
    """One quantity's report from its claims (see the module docstring); `stories` maps doc
    id -> story name."""
    unit = _quantity_unit(group, claims)
    figures = _figures(claims, unit, keys, versions, stories, superseded=True)
    sources = _summaries(figures)
    low, best, high = get_policy(policy).apply([s.latest.interval for s in sources])
    return QuantityReport(
        id=group.id,
        label=group.label,
        unit=unit,
        policy=policy,
        low=low,
        best=best,
        high=high,
        sources=tuple(sources),
        disagreements=tuple(_disagreements(figures)),
        revisions=tuple(_revisions(figures)),
        figures=tuple(figures),
        pinned=group.pinned,
        story=group.story,
        story_id=group.story_id,
    )

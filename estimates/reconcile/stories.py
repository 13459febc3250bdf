"""Stories: documents about one event (a disaster, a war, an epidemic), so claims are compared
only with claims about the same event.

Each document is described by the names, places and years it mentions (capitalised words and
four-digit years; the title counts TITLE_WEIGHT times), weighted by TF-IDF, and documents are
clustered by cosine distance with average linkage under STORY_DISTANCE (scikit-learn). A story
is named from its documents' own words: an event phrase several of them share ("2015 Nepal
earthquake", "Hurricane Harvey"; "Libya flood, September 2023" when no year is written), else
the main place they name with the event noun they use and when they were published ("North
Korean deployment, 2024–2025").
Users pin documents to a story, or rename one, in the quantities file (config.py).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache, partial
from typing import TYPE_CHECKING, Any

from estimates.claims.discourse import without_speaker_labels
from estimates.claims.model import Claim
from estimates.lexicon import Lexicon
from estimates.reconcile.config import StorySpec
from estimates.reconcile.kept import Kept, digest, fingerprint
from estimates.reconcile.model import Story

if TYPE_CHECKING:
    from scipy.sparse import spmatrix

STORY_DISTANCE = 0.9
"""Cosine distance (average linkage) under which documents join one story: articles on one
event share most of their names (0.72-0.87 apart on the development texts), articles on two
events share a few common ones ("United States", "UN": 0.94 and more)."""

TITLE_WEIGHT = 3
"""How many times a title's names count: a headline names the event, a body names many things."""

FULL_LINKAGE_MAX = 2000
"""Up to this many documents every pair is compared; above it, documents are split into
blocks and pieces of at most this many (memory and time grow with the documents, not with
their square)."""

MIN_SHARED = 2
"""A story of several documents is named after an event phrase that at least this many of them
(and a third of them) use: a phrase one article uses in passing does not name the story."""

NAME_SAMPLE = 200
"""Most documents a story's name is read from (a name many share shows in any fair sample)."""

LSA_DIMS = 100
"""Dimensions a block too big to compare every pair is cut into pieces on (latent semantic
analysis of its TF-IDF rows)."""

NEIGHBOURS = 15
"""Nearest documents each one is linked to when blocks are found (blocking.py)."""

CHUNK_GAIN = 0.05
"""A round of linking clusters of a big block that joins fewer than this share of them is
the last: what is left apart is too far apart to join."""

_YEAR = r"(?:1[89]|20)\d\d"
_IS_YEAR = re.compile(_YEAR).fullmatch
_CAP = r"[A-Z][\w'’.-]*[\w]|[A-Z]"
_TERM = re.compile(rf"\b(?:{_YEAR})\b|\b(?:{_CAP})(?:[ \t]+(?:{_CAP}))*")
_TOKEN = re.compile(r"[\w'’-]+")
_POSSESSIVE = re.compile(r"['’]s$")
_LOWER_WORD = re.compile(r"\b[a-z][a-z'’-]+\b")


@dataclass(frozen=True)
class StoryDoc:
    """What the story finder reads of one document."""

    id: str
    title: str
    text: str
    published: str | None = None


@dataclass(frozen=True)
class StoryWords:
    """Compiled `stories.toml`."""

    event: re.Pattern[str]
    named: re.Pattern[str]
    named_rank: dict[str, int]
    skip: frozenset[str]
    demonyms: dict[str, str]  # demonym (case-folded) -> its country
    places: frozenset[str]  # known countries and capitals, case-folded
    months: dict[int, str]  # month number -> its full name ("June")
    month_words: frozenset[str]  # month names and abbreviations, lower case
    event_words: re.Pattern[str]  # an event noun in running text ("the deployment")


_FIRST_CAP = r"[12A-Z](?<=\b[12A-Z])(?:(?<=1)[89]\d\d|(?<=2)0\d\d|(?<=[A-Z])[\w'’.-]*\w)"
"""`\b(?:{_YEAR}|{a capitalised word})` written to open with its first character, so the regex
engine skips to the places a name can start instead of trying every character."""


@cache
def story_words(lexicon: Lexicon) -> StoryWords:
    """Compile the stories lexicon once per lexicon."""
    f = lexicon.file("stories")
    events = sorted(f.get("events", {}).get("words", []), key=len, reverse=True)
    named = list(f.get("named", {}).get("words", []))
    stop = _stop_words()
    listed = (*f.get("skip", {}).get("words", []), *lexicon.months(), *lexicon.weekdays())
    skip = frozenset(w.casefold() for w in listed) | stop
    ev = "|".join(re.escape(w) for w in events) or "(?!)"
    cap = rf"(?:{_YEAR}|[A-Z][\w'’.-]*\w)"
    nm = "|".join(re.escape(w) for w in sorted(named, key=len, reverse=True)) or "(?!)"
    return StoryWords(
        event=re.compile(
            rf"(?P<run>{_FIRST_CAP}[ \t]+(?:\b{cap}[ \t]+){{0,3}})(?P<ev>(?i:{ev}))\b"
        ),
        named=re.compile(rf"\b(?P<kind>{nm})[ \t]+(?P<name>[A-Z][a-z][\w'’-]*)\b"),
        named_rank={w.casefold(): i for i, w in enumerate(named)},
        skip=skip,
        demonyms={k.casefold(): v for k, v in lexicon.section("sources", "demonyms").items()},
        places=frozenset(
            k.casefold()
            for sec in ("countries", "capitals")
            for k in (*lexicon.section("sources", sec), *lexicon.section("sources", sec).values())
        ),
        months={
            int(n): name.capitalize() for name, n in lexicon.section("calendar", "months").items()
        },
        month_words=frozenset(lexicon.months()),
        event_words=re.compile(rf"\b(?:{ev})\b"),
    )


@cache
def _stop_words() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)


def story_docs(claims: Sequence[Claim], texts: Mapping[str, str] | None = None) -> list[StoryDoc]:
    """One StoryDoc per document that has claims, in doc id order: its title and publication
    date from its claims, its text from `texts` (else its claims' sentences)."""
    first: dict[str, Claim] = {}
    sentences: dict[str, dict[str, None]] = defaultdict(dict)
    for c in claims:
        first.setdefault(c.doc_id, c)
        sentences[c.doc_id][c.sentence] = None
    out = []
    for doc_id in sorted(first):
        c = first[doc_id]
        text = (texts or {}).get(doc_id) or " ".join(sentences[doc_id])
        out.append(StoryDoc(doc_id, c.title or "", without_speaker_labels(text), c.published))
    return out


def _terms(doc: StoryDoc, skip: frozenset[str]) -> list[str]:
    """The names and years a document mentions, lower-cased; a title's count TITLE_WEIGHT times.
    A run of capitalised words gives each word and the run ("north korean", "north", "korean")."""
    out: list[str] = []
    for part, weight in ((doc.title, TITLE_WEIGHT), (doc.text, 1)):
        for m in _TERM.finditer(part):
            out += _run_terms(m.group(), skip) * weight
    return out


TERM_CACHE = 1 << 17
"""Runs of capitalised words kept read: names recur across a story's documents."""


@lru_cache(maxsize=TERM_CACHE)
def _run_terms(run: str, skip: frozenset[str]) -> tuple[str, ...]:
    """The terms of one run of capitalised words: each word and the run (see _terms)."""
    words = [_POSSESSIVE.sub("", w.casefold()).strip(".'’") for w in run.split()]
    words = [w for w in words if len(w) > 1 and w not in skip]
    if len(words) < 2:
        return tuple(words)
    named = [w for w in words if not _common(w)]
    if not named:
        return ()
    # a dictionary word inside a name ("World Bank", "Red Cross") names nothing alone
    return (*named, " ".join(words))


def _common(low: str) -> bool:
    """A word of the dictionary, or the plural of one it knows only in the singular
    ("aftershocks"): a common word, no name."""
    from estimates.claims.nouns import is_word

    return is_word(low) or (low.endswith("s") and is_word(low[:-1]))


def find_stories(
    docs: Sequence[StoryDoc],
    lexicon: Lexicon,
    specs: Sequence[StorySpec] = (),
    kept: Kept | None = None,
) -> list[Story]:
    """Every document in exactly one story: pinned ones first (a spec's `docs` or `must`
    words), then clusters of the rest; a spec without docs or words renames the automatic
    story of its id. Stories come in order of their first document id. `kept` holds names
    worked out before (a story whose documents are unchanged is not named again)."""
    words = story_words(lexicon)
    salt = fingerprint(lexicon, NAME_CODE) if kept is not None else ""
    pinned: dict[str, list[str]] = {s.id: [] for s in specs if s.pins}
    rest: list[StoryDoc] = []
    for d in docs:
        spec = next((s for s in specs if s.pins and s.takes(d.id, f"{d.title}\n{d.text}")), None)
        (pinned[spec.id].append(d.id) if spec else rest.append(d))
    names = {s.id: s.name for s in specs}
    taken: set[str] = set(pinned)
    stories = [Story(sid, names[sid], tuple(ids), True) for sid, ids in pinned.items() if ids]
    for cluster in _clusters(rest, words):
        members = [rest[i] for i in cluster]
        name = _named(members, words, kept, salt)
        sid = _unique(slug(name), taken)
        if sid in names:
            stories.append(Story(sid, names[sid], tuple(d.id for d in members), True))
        else:
            stories.append(Story(sid, name, tuple(d.id for d in members)))
    return sorted(stories, key=lambda s: s.doc_ids[0] if s.doc_ids else "")


NAME_CODE = ("reconcile/stories.py", "claims/nouns.py")
"""The code story names are worked out with, for the fingerprint of kept names."""


def _named(docs: Sequence[StoryDoc], words: StoryWords, kept: Kept | None, salt: str) -> str:
    """story_name, kept under a digest of every document it may read."""
    if kept is None:
        return story_name(docs, words)
    key = digest(salt, [(d.id, d.title, d.text, d.published) for d in docs])
    name = kept.name(key)
    if name is None:
        name = story_name(docs, words)
        kept.keep_name(key, name)
    return name


def _clusters(docs: Sequence[StoryDoc], words: StoryWords) -> list[list[int]]:
    """Indices of `docs` per story, each list ascending, lists in order of their first index."""
    if len(docs) <= 1:
        return [list(range(len(docs)))] if docs else []
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(analyzer=lambda d: _terms(d, words.skip), sublinear_tf=True)
    try:
        x = vectorizer.fit_transform(docs)
    except ValueError:  # no document names anything: they cannot be told apart
        return [list(range(len(docs)))]
    terms = x.getnnz(axis=1)  # names per document, read at once (x[i] costs a copy each)
    empty = [i for i in range(len(docs)) if terms[i] == 0]
    named = [i for i in range(len(docs)) if terms[i]]
    labels = _labels(x[named]) if len(named) > 1 else [0] * len(named)
    groups: dict[int, list[int]] = defaultdict(list)
    for i, label in zip(named, labels, strict=True):
        groups[int(label)].append(i)
    out = sorted(groups.values(), key=lambda g: (-len(g), g[0]))
    if out:  # a document naming nothing cannot be told apart: it joins the largest story
        out[0] = sorted(out[0] + empty)
    elif empty:
        out = [empty]
    return sorted(out, key=lambda g: g[0])


def _labels(x: spmatrix) -> list[int]:
    """Cluster labels of the rows of a TF-IDF matrix (see the module docstring): every pair
    compared up to FULL_LINKAGE_MAX documents; above it, in blocks no story crosses
    (blocking.py), each block alike, a block still too big in pieces (_chunked_linkage)."""
    n = x.shape[0]
    if n <= FULL_LINKAGE_MAX:
        return _linkage(x)
    from estimates.reconcile.blocking import story_blocks

    labels = [0] * n
    offset = 0
    for block in story_blocks(x, NEIGHBOURS):
        part = x[block]
        found = _linkage(part) if len(block) <= FULL_LINKAGE_MAX else _chunked_linkage(part)
        for i, label in zip(block, found, strict=True):
            labels[i] = offset + label
        offset += max(found) + 1
    return labels


def _linkage(x: spmatrix) -> list[int]:
    """Average linkage over every pair of rows."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.metrics.pairwise import cosine_distances

    if x.shape[0] == 1:
        return [0]
    model = AgglomerativeClustering(
        n_clusters=None,
        distance_threshold=STORY_DISTANCE,
        metric="precomputed",
        linkage="average",
    )
    return [int(v) for v in model.fit_predict(cosine_distances(x))]


def _chunked_linkage(x: spmatrix) -> list[int]:
    """Average linkage over a block too big to compare every pair (blocking.py): cut into
    pieces of similar documents (on LSA_DIMS dimensions), each linked exactly; then, while
    the clusters found are too many to compare at once, cut and link them the same way, and
    link them all once they fit. Stops early when a round joins too few (CHUNK_GAIN)."""
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.decomposition import TruncatedSVD
    from sklearn.preprocessing import normalize

    n = x.shape[0]
    dims = min(LSA_DIMS, x.shape[1] - 1)
    z: Any = TruncatedSVD(dims, random_state=0).fit_transform(x) if dims > 1 else x.toarray()
    labels = _link_pieces(normalize(z), lambda rows: _linkage(x[rows]))
    while True:
        count = int(labels.max()) + 1
        members = csr_matrix((np.ones(n), (labels, np.arange(n))), shape=(count, n))
        sums, sizes = members @ x, np.asarray(members.sum(axis=1)).ravel()
        if count <= FULL_LINKAGE_MAX:
            every = np.arange(count)
            return [int(v) for v in np.asarray(_link_sums(sums, sizes, every))[labels]]
        joined = _link_pieces(normalize(members @ z), partial(_link_sums, sums, sizes))
        labels = joined[labels]
        if joined.max() + 1 > count * (1 - CHUNK_GAIN):
            return [int(v) for v in labels]


def _link_sums(sums: Any, sizes: Any, rows: Any) -> list[int]:
    """Average linkage over the clusters `rows` of the ones summed in `sums`."""
    from estimates.reconcile.blocking import average_linkage

    return average_linkage(sums[rows], sizes[rows], STORY_DISTANCE)


def _link_pieces(z: Any, link: Callable[[Any], list[int]]) -> Any:
    """Labels of the rows of `z` when each piece `chunks` cuts them into is linked by `link`
    (row indices in, labels out); labels of two pieces never meet."""
    import numpy as np

    from estimates.reconcile.blocking import chunks

    labels = np.zeros(z.shape[0], dtype=np.int64)
    count = 0
    for rows in chunks(z, FULL_LINKAGE_MAX):
        found = np.asarray(link(rows))
        labels[rows] = count + found
        count += int(found.max()) + 1
    return labels


def story_name(docs: Sequence[StoryDoc], words: StoryWords) -> str:
    """A readable name from the documents' own words (see the module docstring); a large
    story is named from NAME_SAMPLE of its documents, evenly spread over its doc ids."""
    if len(docs) > NAME_SAMPLE:
        step = len(docs) / NAME_SAMPLE
        docs = [docs[int(i * step)] for i in range(NAME_SAMPLE)]
    tokens = [_tokens(f"{d.title}\n{d.text}") for d in docs]
    named: Counter[str] = Counter()  # name -> documents using it
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    events: Counter[tuple[str, ...]] = Counter()  # (words..., event) -> documents
    surfaces: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    years: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for d in docs:
        seen_named: set[str] = set()
        seen_events: set[tuple[str, ...]] = set()
        for part in (d.title, d.text):
            for m in words.named.finditer(part):
                name = m.group("name")
                if name.casefold() in words.skip:
                    continue
                seen_named.add(name)
                forms[name][m.group("kind")] += 1
            for m in words.event.finditer(part):
                if m.group("ev").casefold() in words.month_words and not m.group("ev").islower():
                    continue  # "Kathmandu March 2015": a month, not a march
                run = [w for w in m.group("run").split() if w.casefold() not in words.skip]
                caps = [w for w in run if not _IS_YEAR(w)]
                if not caps:
                    continue
                key = (*(w.casefold() for w in caps), _singular(m.group("ev").casefold()))
                seen_events.add(key)
                surfaces[key][" ".join([*caps, m.group("ev").lower()])] += 1
                years[key].update(w for w in run if _IS_YEAR(w))
        named.update(seen_named)
        events.update(seen_events)
    need = min(len(docs), max(MIN_SHARED, math.ceil(len(docs) / 3)))
    best: tuple[tuple[int, int, int], str] | None = None
    covers = _Cover(tokens)
    for name, n in named.items():
        kind = min(forms[name], key=lambda k: (words.named_rank.get(k.casefold(), 99), k))
        cover = covers.count((name.casefold(),))
        rank = (cover, 1, n)
        if cover >= need and (best is None or rank > best[0]):
            best = (rank, f"{kind} {name}")
    for key in sorted(events):
        cover = covers.count(key)
        rank = (cover, 1 if years[key] else 0, len(key))
        if cover >= need and (best is None or rank > best[0]):
            surface = max(sorted(surfaces[key]), key=lambda s: (surfaces[key][s], len(s)))
            year = max(sorted(years[key]), key=lambda y: years[key][y]) if years[key] else ""
            best = (rank, f"{year} {surface}".strip() if year else _dated(surface, docs, words))
    return best[1] if best else _place_and_event(docs, words)


def _singular(word: str) -> str:
    """An event noun as a key: "wildfires" and "wildfire" are one event word."""
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _tokens(text: str) -> frozenset[str]:
    if text.isascii():  # lower case is the case fold, and folding first splits the same
        return frozenset(_TOKEN.findall(text.lower()))
    return frozenset(t.casefold() for t in _TOKEN.findall(text))


class _Cover:
    """How many of the documents (their token sets) use every word of a key (an event noun
    also as its plural), through an index of which documents use each token."""

    def __init__(self, tokens: Sequence[frozenset[str]]) -> None:
        self.docs: dict[str, set[int]] = defaultdict(set)
        for i, t in enumerate(tokens):
            for w in t:
                self.docs[w].add(i)
        self.n = len(tokens)
        self.using: dict[str, set[int]] = {}

    def count(self, key: tuple[str, ...]) -> int:
        found: set[int] | None = None
        for w in (w for k in key for w in k.split()):
            if w not in self.using:
                get = self.docs.get
                self.using[w] = get(w, set()) | get(f"{w}s", set()) | get(w.rstrip("s"), set())
            found = self.using[w] if found is None else found & self.using[w]
        return self.n if found is None else len(found)


def _place_and_event(docs: Sequence[StoryDoc], words: StoryWords) -> str:
    """The main place the documents name, the event noun they use most, and when they were
    published ("North Korean deployment, 2024–2025", "Derna, September 2023"); "" when they
    name no place."""
    place = _main_place(docs, words)
    if not place:
        return ""
    event = _main_event(docs, words)
    return _dated(f"{place} {event}" if event else place, docs, words)


_MID_SENTENCE = re.compile(r"[a-z0-9,;:(‘“'\"][ \t]*\Z")
r"""What stands before a word inside a sentence: a capitalised word there is a name, while one
opening a sentence or a headline may be a common noun ("Organisers said ..."). `\Z`, not `$`,
which also matches before a line break: a title's last word is not inside the next line."""


def _main_place(docs: Sequence[StoryDoc], words: StoryWords) -> str:
    """The name the most documents use (then a known country or capital, then one seen inside
    a sentence, then the most often named), as the documents spell it most ("North Korean"
    counts for North Korea). A single dictionary word never seen inside a sentence opens
    sentences and names nothing."""
    found: Counter[str] = Counter()  # key -> documents
    often: Counter[str] = Counter()
    spelled: dict[str, Counter[str]] = defaultdict(Counter)
    inside: set[str] = set()
    plain = {t for d in docs for t in _LOWER_WORD.findall(f"{d.title}\n{d.text}")}
    for d in docs:
        seen: set[str] = set()
        text = f"{d.title}\n{d.text}"
        for m in _TERM.finditer(text):
            run = [w for w in m.group().split() if w.casefold().strip(".'’") not in words.skip]
            if not run or _IS_YEAR(run[0]):
                continue
            if len(run) == 1 and run[0].casefold().strip(".'’") in plain:
                continue  # a word also written in lower case names nothing
            phrase = _POSSESSIVE.sub("", " ".join(run).strip(".'’"))
            key = words.demonyms.get(phrase.casefold(), phrase).casefold()
            if _MID_SENTENCE.search(text, max(0, m.start() - 3), m.start()):
                inside.add(key)
            seen.add(key)
            often[key] += 1
            spelled[key][phrase] += 1
        found.update(seen)
    names = [
        k for k in found if k in inside or " " in k or not _common(k)
    ]  # "Organisers" opens sentences only: no name
    if not names:
        return ""
    best = max(sorted(names), key=lambda k: (found[k], k in words.places, k in inside, often[k]))
    return max(sorted(spelled[best]), key=lambda s: spelled[best][s])


def _main_event(docs: Sequence[StoryDoc], words: StoryWords) -> str | None:
    """The event noun the most documents use in running text ("the deployment"), as they
    write it most; None when they use none."""
    found: Counter[str] = Counter()
    often: Counter[str] = Counter()
    for d in docs:
        hits = words.event_words.findall(f"{d.title}\n{d.text}")
        found.update(set(hits))
        often.update(hits)
    if not found:
        return None
    return max(sorted(found), key=lambda e: (found[e], often[e]))


def _dated(name: str, docs: Sequence[StoryDoc], words: StoryWords) -> str:
    """A name with when its documents were published: the month when all fall in one ("Hong
    Kong march, June 2019"), else the year or the years ("2024–2025")."""
    dates = sorted(d.published for d in docs if d.published and _ISO.match(d.published))
    if not dates:
        return name
    first, last = _ISO.match(dates[0]), _ISO.match(dates[-1])
    assert first is not None and last is not None  # matched above
    if first.group(1) != last.group(1):
        return f"{name}, {first.group(1)}–{last.group(1)}"
    if first.group(2) and first.group(2) == last.group(2):
        return f"{name}, {words.months[int(first.group(2))]} {first.group(1)}"
    return f"{name}, {first.group(1)}"


_ISO = re.compile(r"((?:1[89]|20)\d\d)(?:-(\d\d))?")


def slug(name: str, limit: int = 50, empty: str = "story") -> str:
    """An id from a name or label: ASCII letters and digits, lower case, hyphens between words
    ("2011-tohoku-earthquake", "hong-kong-march-june-2019", "nk-deployment-2024-2025")."""
    spaced = "".join(
        ch if ch.isascii() or unicodedata.combining(ch) else " "
        for ch in unicodedata.normalize("NFKD", name)
    )  # a dash or a quote mark between words parts them; an accent leaves its letter
    plain = spaced.encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.casefold()).strip("-")[:limit].strip("-") or empty


def _unique(base: str, taken: set[str]) -> str:
    sid, n = base, 2
    while sid in taken:
        sid, n = f"{base}-{n}", n + 1
    taken.add(sid)
    return sid

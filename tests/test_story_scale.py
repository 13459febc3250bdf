"""Stories over a block too big to compare every pair (reconcile/blocking.py): the pieces a
block is cut into, average linkage over cluster sums, and a big block's stories found as a
small collection's are."""

from __future__ import annotations

import random

import numpy as np
import pytest
from scipy.sparse import csr_matrix
from sklearn.preprocessing import normalize

from estimates.lexicon import load_lexicon
from estimates.reconcile import blocking, stories
from estimates.reconcile.blocking import average_linkage, chunks
from estimates.reconcile.stories import STORY_DISTANCE, StoryDoc, find_stories

LEX = load_lexicon()
SYLLABLES = ("var", "nos", "kel", "tra", "mir", "dun", "sal", "bor", "ven", "lio", "ash", "ket")
EVENTS = ("earthquake", "flood", "cyclone", "wildfire", "landslide")
AGENCIES = ("the Red Crescent", "the United Nations", "the health ministry", "Reuters")


def _name(rnd: random.Random) -> str:
    return "".join(rnd.choice(SYLLABLES) for _ in range(3)).capitalize()


def story_documents(n_stories: int, per_story: int, seed: int = 5) -> list[StoryDoc]:
    """Documents of made-up events, each story naming its own place and districts and every
    story naming a few of the same agencies; doc ids say the story ("s03-d12")."""
    rnd = random.Random(seed)
    out = []
    for s in range(n_stories):
        place, event = _name(rnd), rnd.choice(EVENTS)
        districts = [_name(rnd) for _ in range(3)]
        for d in range(per_story):
            where = rnd.choice(districts)
            text = " ".join(
                f"In {rnd.choice(districts)}, {rnd.randint(2, 900)} homes were damaged, "
                f"{rnd.choice(AGENCIES)} said."
                for _ in range(4)
            )
            out.append(StoryDoc(f"s{s:02d}-d{d:02d}", f"{place} {event} hits {where}", text))
    return out


def partition(labels: list[int] | np.ndarray) -> set[frozenset[int]]:
    groups: dict[int, set[int]] = {}
    for i, label in enumerate(labels):
        groups.setdefault(int(label), set()).add(i)
    return {frozenset(g) for g in groups.values()}


def test_average_linkage_over_single_rows_is_scikit_learns() -> None:
    rng = np.random.default_rng(3)
    centres = rng.normal(size=(6, 40))
    rows = normalize(np.repeat(centres, 25, axis=0) + rng.normal(scale=0.9, size=(150, 40)))
    x = csr_matrix(rows)
    ours = average_linkage(x, np.ones(150), STORY_DISTANCE)
    assert partition(ours) == partition(stories._linkage(x))
    assert 2 <= len(partition(ours)) < 150


def test_clusters_join_by_the_mean_distance_of_their_members() -> None:
    e1, e2 = np.array([1.0, 0.0]), np.array([0.0, 1.0])
    diagonal = (e1 + e2) / np.sqrt(2)
    # {e1, e1} and {e2}: every pair 1.0 apart, never joined
    assert average_linkage(np.array([2 * e1, e2]), [2, 1], 0.9) == [0, 1]
    # {e1} and {diagonal}: 0.29 apart, joined under 0.9 but not under 0.2
    assert average_linkage(np.array([e1, diagonal]), [1, 1], 0.9) == [0, 0]
    assert average_linkage(np.array([e1, diagonal]), [1, 1], 0.2) == [0, 1]
    # {e1, e2} and {diagonal}: mean distance 0.29 (each member 45 degrees off)
    assert average_linkage(np.array([e1 + e2, diagonal]), [2, 1], 0.3) == [0, 0]


def test_chunks_hold_every_row_once_and_keep_like_rows_together() -> None:
    rng = np.random.default_rng(1)
    a = normalize(np.array([5.0, 0, 0]) + rng.normal(scale=0.3, size=(300, 3)))
    b = normalize(np.array([0, 0, 5.0]) + rng.normal(scale=0.3, size=(300, 3)))
    pieces = chunks(np.vstack([a, b]), 300)
    assert sorted(np.concatenate(pieces).tolist()) == list(range(600))
    assert [sorted(p.tolist()) for p in pieces] == [list(range(300)), list(range(300, 600))]
    alike = chunks(np.ones((50, 3)) / np.sqrt(3), 20)  # 2-means cannot part them
    assert [len(p) for p in alike] == [12, 13, 12, 13]


@pytest.fixture
def one_block(monkeypatch: pytest.MonkeyPatch) -> None:
    """No name counts as rare, so every document lands in one block, cut in pieces of 60."""
    monkeypatch.setattr(blocking, "RARE_SHARE", 1)
    monkeypatch.setattr(stories, "FULL_LINKAGE_MAX", 60)


def test_a_block_too_big_to_compare_every_pair_gives_each_event_its_story(
    one_block: None,
) -> None:
    docs = story_documents(12, 30)
    found = find_stories(docs, LEX)
    assert len(found) == 12
    assert sorted({d[:3] for d in s.doc_ids} for s in found) == [{f"s{i:02d}"} for i in range(12)]
    assert all(len(s.doc_ids) == 30 for s in found)


def test_a_big_block_s_stories_are_those_of_every_pair_compared(
    one_block: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = story_documents(8, 25, seed=9)
    cut = {s.doc_ids for s in find_stories(docs, LEX)}
    monkeypatch.setattr(stories, "FULL_LINKAGE_MAX", 10_000)
    whole = {s.doc_ids for s in find_stories(docs, LEX)}
    assert cut == whole
    assert len(whole) == 8

"""Grouping blocked by story (reconcile/grouping.py `group_blocked`): each story's claims are
grouped on their own, so a story grouped alone gives the quantities it gives among all the
others, and the sample data's quantities are those grouping gave before it was blocked."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from estimates.claims.model import Claim
from estimates.lexicon import Lexicon
from estimates.reconcile.grouping import Group, group_claims
from estimates.reconcile.reconcile import build_report
from estimates.tracker import Tracker

DATA = Path(__file__).resolve().parent.parent / "data"

BEFORE_BLOCKS = {
    "north-korean-troops-in-russia-north-korean-deployment-2024-2025": 13,
    "north-korean-troops-in-kursk-north-korean-deployment-2024-2025": 5,
    "north-korean-casualties-killed-or-wounded-in-russia-north-korean-deployment-2024": 4,
    "deaths-libya-flood-september-2023": 3,
    "turnout-hong-kong-march-june-2019": 3,
    "north-korean-casualties-killed-or-wounded-in-kursk-north-korean-deployment-2024": 2,
    "distance-kilometers-north-korean-deployment-2024-2025": 2,
    "containers-in-russia-north-korean-deployment-2024-2025": 1,
    "dams-libya-flood-september-2023": 1,
    "displaced-libya-flood-september-2023": 1,
    "duration-days-north-korean-deployment-2024-2025": 1,
    "governments-north-korean-deployment-2024-2025": 1,
    "missing-libya-flood-september-2023": 1,
    "north-korean-captured-in-kursk-north-korean-deployment-2024-2025": 1,
    "north-korean-deaths-north-korean-deployment-2024-2025": 1,
    "north-korean-troops-at-the-front-north-korean-deployment-2024-2025": 1,
    "north-korean-troops-in-russian-far-east-north-korean-deployment-2024-2025": 1,
    "north-korean-wounded-north-korean-deployment-2024-2025": 1,
}
"""The sample data's quantities and their claim counts, as grouping over all claims at once
gave them before grouping was blocked by story."""


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Claim], dict[str, str], Lexicon]:
    with Tracker(tmp_path_factory.mktemp("blocks") / "ledger.db", create=True) as t:
        t.add([DATA])
        return t.ledger.claims(), t.ledger.texts(), t.lexicon


def _by_story(groups: Sequence[Group], story_id: str) -> set[tuple[str, str, tuple[str, ...]]]:
    return {(g.id, g.label, g.claim_ids) for g in groups if g.story_id == story_id}


def test_sample_quantities_are_those_before_blocking(
    sample: tuple[list[Claim], dict[str, str], Lexicon],
) -> None:
    claims, texts, lexicon = sample
    report = build_report(claims, lexicon, texts=texts)
    assert {q.id: len(q.figures) for q in report.quantities} == BEFORE_BLOCKS
    assert report.ungrouped == ()


def test_a_story_grouped_alone_gives_the_same_quantities(
    sample: tuple[list[Claim], dict[str, str], Lexicon],
) -> None:
    claims, texts, lexicon = sample
    stories = build_report(claims, lexicon, texts=texts).stories
    assert [s.id for s in stories] == [
        "libya-flood-september-2023",
        "hong-kong-march-june-2019",
        "north-korean-deployment-2024-2025",
    ]
    story_of = {d: (s.id, s.name) for s in stories for d in s.doc_ids}
    whole = group_claims(claims, lexicon, texts=texts, stories=story_of)
    doc_of = {c.claim_id: c.doc_id for c in claims}
    for s in stories:
        alone = group_claims(
            [c for c in claims if c.doc_id in s.doc_ids], lexicon, texts=texts, stories=story_of
        )
        assert _by_story(alone.groups, s.id) == _by_story(whole.groups, s.id)
        assert {g.story_id for g in alone.groups} == {s.id}
        assert alone.ungrouped == [c for c in whole.ungrouped if doc_of[c] in s.doc_ids]

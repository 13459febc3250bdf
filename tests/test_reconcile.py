"""Reconciliation with hand-computed expectations: intervals, policies, independence,
disagreements, revisions, grouping, pinned quantities and manual moves."""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

import pytest
from helpers import claim

from estimates.claims.model import Claim
from estimates.errors import EstimatesError, SettingsError
from estimates.lexicon import load_lexicon
from estimates.reconcile.config import load_specs
from estimates.reconcile.intervals import Interval, claim_interval, rounding_step
from estimates.reconcile.policies import POLICIES, get_policy
from estimates.reconcile.reconcile import build_report, source_keys

LEX = load_lexicon()


def measure_of(label: str) -> str:
    """A quantity's label without its story ("Deaths in Nepal — 2015 Nepal earthquake")."""
    return label.split(" — ")[0]


US = "About 10,000 North Korean soldiers are now in Russia, U.S. officials said."
SEOUL = "The count of North Korean troops sent to Russia has risen to 11,000, Seoul said."
CAP = "The deployment of as many as 11,000 North Korean soldiers to Russia is the largest."
FRONT = "More than 3,000 of them have moved toward combat zones, an official said."
BOXES = "North Korea had shipped 1,000 containers of shells to Russia by rail."
HURT = "About 1,000 North Korean soldiers were killed or wounded last week."


def sample() -> list[Claim]:
    return [
        claim(US, "About 10,000 North Korean soldiers", 10000, qualifier="approx", source="U.S."),
        claim(SEOUL, "11,000", 11000, source="Seoul"),
        claim(CAP, "as many as 11,000 North Korean soldiers", 11000, qualifier="at_most"),
        claim(FRONT, "More than 3,000", 3000, qualifier="more_than", source="Seoul"),
        claim(BOXES, "1,000 containers", 1000, unit="container", source="White House"),
        claim(HURT, "About 1,000 North Korean soldiers", 1000, qualifier="approx"),
    ]


def test_intervals_follow_the_qualifier_and_the_precision_of_round_numbers() -> None:
    assert claim_interval(11000, None, None, "exact") == Interval(11000, 11000, 11000)
    assert claim_interval(10000, None, None, "approx") == Interval(9500, 10000, 10500)
    assert claim_interval(1100, None, None, "approx") == Interval(1050, 1100, 1150)
    assert claim_interval(300, None, None, "approx") == Interval(285, 300, 315)
    assert claim_interval(3000, None, None, "at_least") == Interval(3000, 3000, math.inf)
    assert claim_interval(11000, None, None, "at_most") == Interval(0, 11000, 11000)
    assert claim_interval(11500, 11000, 12000, "range") == Interval(11000, 11500, 12000)
    assert rounding_step(10132) == 1 and rounding_step(11000) == 1000 and rounding_step(2.5) == 0.1
    assert claim_interval(10000, None, None, "approx").overlaps(Interval(10132, 10132, 10132))


LATEST = [
    Interval(9500, 10000, 10500),
    Interval(11000, 11000, 11000),
    Interval(11000, 11500, 12000),
]


def test_median_latest_policy() -> None:
    assert get_policy("median-latest").apply(LATEST) == (10000, 11000, 11500)


def test_range_policy_spans_the_stated_figures() -> None:
    assert get_policy("range").apply(LATEST) == (9500, 10750, 12000)
    open_ended = [Interval(3000, 3000, math.inf), Interval(0, 11000, 11000)]
    assert get_policy("range").apply(open_ended) == (3000, 7000, 11000)


def test_conservative_policy_takes_the_lowest_figure() -> None:
    assert get_policy("conservative").apply(LATEST) == (9500, 10000, 10500)


def test_unknown_policy_is_a_named_error() -> None:
    assert {"median-latest", "range", "conservative"} <= set(POLICIES)
    with pytest.raises(EstimatesError, match="unknown policy 'mean'"):
        get_policy("mean")


def _quantity_of(report, text: str):
    return next(q for q in report.quantities if any(f.claim.text == text for f in q.figures))


def test_troop_counts_group_together_and_other_quantities_stay_apart() -> None:
    report = build_report(sample(), LEX)
    troops = _quantity_of(report, "11,000")
    assert sorted(f.claim.value for f in troops.figures) == [10000, 11000, 11000]
    assert troops.label == "North Korean troops in Russia — North Korean deployment, October 2024"
    for other in ("More than 3,000", "1,000 containers"):
        assert _quantity_of(report, other) is not troops
    hurt = _quantity_of(report, "About 1,000 North Korean soldiers")
    assert hurt is not troops and hurt.label.startswith("North Korean casualties")
    front = _quantity_of(report, "More than 3,000").label
    assert measure_of(front) == "North Korean troops at the front"


def test_us_and_seoul_disagree_by_500_on_the_same_day() -> None:
    troops = _quantity_of(build_report(sample(), LEX), "11,000")
    assert [(d.a.source, d.b.source, d.gap) for d in troops.disagreements] == [
        ("Seoul", "U.S.", 500.0)
    ]
    assert len(troops.sources) == 3  # U.S., Seoul and the publisher's own voice
    assert (troops.low, troops.best, troops.high) == (10000, 11000, 11000)


def test_figures_weeks_apart_are_not_a_disagreement() -> None:
    claims = [
        claim(US, "About 10,000 North Korean soldiers", 10000, qualifier="approx", source="U.S."),
        claim(SEOUL, "11,000", 11000, source="Seoul", date="2024-12-30", doc="doc-b"),
    ]
    (q,) = build_report(claims, LEX).quantities
    assert q.disagreements == ()


def test_a_relayed_source_counts_once_and_syndicated_copies_count_once() -> None:
    relayed = [
        claim(SEOUL, "11,000", 11000, source="Seoul", doc="a", publisher="Harbor Wire"),
        claim(SEOUL, "11,000", 11000, source="Seoul", doc="b", publisher="Meridian Post"),
    ]
    copies = [
        claim(CAP, "as many as 11,000", 11000, qualifier="at_most", doc="c", publisher="Wire"),
        claim(CAP, "as many as 11,000", 11000, qualifier="at_most", doc="d", publisher="Herald"),
    ]
    keys = source_keys(relayed + copies)
    assert len({keys[c.claim_id] for c in relayed}) == 1
    assert len({keys[c.claim_id] for c in copies}) == 1
    other = claim(US, "About 10,000", 10000, qualifier="approx", doc="e", publisher="Courier")
    (q,) = build_report(relayed + copies + [other], LEX).quantities
    assert len(q.sources) == 3


def test_a_short_line_two_pages_print_alike_is_no_copy() -> None:
    line = "Depth 8.2 km (5.1 mi)"
    pages = [
        claim(line, "8.2 km", 8.2, unit="kilometer", doc="a", publisher="Wiki One"),
        claim(line, "8.2 km", 8.2, unit="kilometer", doc="b", publisher="Wiki Two"),
    ]
    keys = source_keys(pages)
    assert [keys[c.claim_id] for c in pages] == ["voice:wiki one", "voice:wiki two"]


def test_a_source_revising_its_figure_is_a_revision_and_supersedes_the_old_claim() -> None:
    old = claim(US, "About 10,000", 10000, qualifier="approx", source="Pentagon", date="2024-10-28")
    new_sentence = "About 12,000 North Korean soldiers are now in Russia, the Pentagon said."
    new = claim(
        new_sentence, "About 12,000", 12000, qualifier="approx", source="Pentagon",
        date="2024-12-30", doc="doc-b",
    )  # fmt: skip
    (q,) = build_report([old, new], LEX).quantities
    (rev,) = q.revisions
    assert (rev.before.claim.value, rev.after.claim.value, rev.direction) == (10000, 12000, "up")
    by_id = {f.claim.claim_id: f for f in q.figures}
    assert by_id[old.claim_id].superseded_by == new.claim_id
    assert by_id[new.claim_id].superseded_by is None
    assert len(q.sources) == 1 and q.sources[0].latest.claim.value == 12000


def test_restating_a_figure_more_loosely_is_not_a_revision() -> None:
    a = claim(US, "About 10,000", 10000, qualifier="approx", source="Pentagon", date="2024-10-28")
    b = claim(US, "About 10,000", 10000, qualifier="exact", source="Pentagon", date="2024-11-02")
    (q,) = build_report([a, b], LEX).quantities
    assert q.revisions == ()


def test_kilometers_and_miles_share_a_quantity_in_one_unit() -> None:
    s = "Some units were within 50 kilometers (30 miles) of the border."
    claims = [
        claim(s, "50 kilometers", 50, unit="kilometer", kind="length"),
        claim(s, "30 miles", 30, unit="mile", kind="length"),
    ]
    qs = build_report(claims, LEX).quantities
    assert len(qs) == 1
    highs = sorted(round(f.interval.high, 1) for f in qs[0].figures)
    assert highs == [50.0, 50.7]  # 30 miles is rounded: 28.5-31.5 miles, 45.9-50.7 km


def test_a_conversion_never_contradicts_and_every_figure_of_an_article_counts() -> None:
    a = "The Ostrava quake was about 20 km deep; its depth was put at 9.6 km (6 mi)."
    b = "The depth of the Ostrava quake was 9.6 km (6 mi), the survey said."
    toll_a = "At least 4,000 people died in Ostrava; the official toll is 4,312."
    toll_b = "The toll in Ostrava stands at 4,309."
    claims = [
        claim(a, "about 20 km", 20, qualifier="approx", unit="kilometer", kind="length",
             doc="wiki-a", publisher="Wiki A", date="2031-05-02"),
        claim(a, "9.6 km", 9.6, unit="kilometer", kind="length", doc="wiki-a",
             publisher="Wiki A", date="2031-05-02"),
        claim(a, "6 mi", 6, unit="mile", kind="length", doc="wiki-a", publisher="Wiki A",
             date="2031-05-02"),
        claim(b, "9.6 km", 9.6, unit="kilometer", kind="length", doc="wiki-b",
             publisher="Wiki B", date="2031-05-02"),
        claim(b, "6 mi", 6, unit="mile", kind="length", doc="wiki-b", publisher="Wiki B",
             date="2031-05-02"),
        claim(toll_a, "At least 4,000 people", 4000, qualifier="at_least", unit="death",
             doc="wiki-a", publisher="Wiki A", date="2031-05-02"),
        claim(toll_a, "4,312", 4312, unit="death", doc="wiki-a", publisher="Wiki A",
             date="2031-05-02"),
        claim(toll_b, "4,309", 4309, unit="death", doc="wiki-b", publisher="Wiki B",
             date="2031-05-02"),
    ]  # fmt: skip
    pairs = {
        tuple(sorted((d.a.claim.text, d.b.claim.text)))
        for q in build_report(claims, LEX).quantities
        for d in q.disagreements
    }
    # "6 mi" rounds 9.6 km: never a conflict; wiki-a's precise toll meets wiki-b's
    assert pairs == {("9.6 km", "about 20 km"), ("4,309", "4,312")}


def test_pinned_quantities_take_matching_claims_first(tmp_path: Path) -> None:
    cfg = tmp_path / "q.toml"
    cfg.write_text(
        '[quantities.seoul-count]\nlabel = "Seoul count"\nunit = ["troop"]\n'
        'must = ["Seoul|South Korea"]\nmust_not = ["combat"]\n',
        encoding="utf-8",
    )
    report = build_report(sample(), LEX, specs=load_specs(cfg))
    pinned = next(q for q in report.quantities if q.id == "seoul-count")
    assert [f.claim.text for f in pinned.figures] == ["11,000"]
    assert pinned.pinned and pinned.label == "Seoul count"


def test_a_manual_move_wins_over_automatic_grouping() -> None:
    claims = sample()
    front = next(c for c in claims if c.text == "More than 3,000")
    report = build_report(claims, LEX, moves={front.claim_id: "my-quantity"})
    moved = next(q for q in report.quantities if q.id == "my-quantity")
    assert [f.claim.claim_id for f in moved.figures] == [front.claim_id]


def test_bad_quantities_file_is_a_one_line_error(tmp_path: Path) -> None:
    cfg = tmp_path / "q.toml"
    cfg.write_text("[quantities.x]\ncolour = 'red'\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="unknown key 'colour'"):
        load_specs(cfg)
    with pytest.raises(SettingsError, match="no such quantities file"):
        load_specs(tmp_path / "missing.toml")


def test_the_aspect_named_nearest_the_number_decides() -> None:
    s = "The flood caused more than 5,000 deaths and displaced 34,000 people in the region."
    claims = [
        claim(s, "more than 5,000 deaths", 5000, qualifier="more_than", unit="death"),
        claim(s, "34,000 people", 34000, unit="people"),
    ]
    labels = sorted(measure_of(q.label) for q in build_report(claims, LEX).quantities)
    assert labels == ["Deaths", "Displaced"]


def test_killed_and_wounded_in_one_sentence_are_two_quantities() -> None:
    s = "About 300 soldiers have been killed and about 2,700 wounded, the agency said."
    claims = [
        claim(s, "About 300 soldiers", 300, qualifier="approx", unit="soldier"),
        claim(s, "about 2,700", 2700, qualifier="approx", unit="soldier"),
    ]
    labels = sorted(measure_of(q.label) for q in build_report(claims, LEX).quantities)
    assert labels == ["Deaths", "Wounded"]


def test_deaths_in_two_disasters_stay_apart() -> None:
    a = "At least 4,000 people died after the dams burst in Libya, officials said."
    b = "Only 64 people died in the storm on Crete, the Greek government said at first."
    claims = [
        claim(a, "At least 4,000 people", 4000, qualifier="at_least", unit="people", doc="flood"),
        claim(b, "64 people", 64, unit="people", doc="storm"),
    ]
    assert len(build_report(claims, LEX).quantities) == 2


def test_crowd_counts_pair_up_per_gathering() -> None:
    march = "Organisers said the march drew 130,000 people, but police counted 22,800."
    other = "Organisers said 510,000 marchers joined the annual 1 July protest."
    claims = [
        claim(march, "130,000 people", 130000, unit="people", source="organisers"),
        claim(march, "22,800", 22800, unit="people", source="police"),
        claim(other, "510,000 marchers", 510000, unit="marcher", source="organisers", doc="b"),
    ]
    report = build_report(claims, LEX)
    march_q = _quantity_of(report, "22,800")
    assert sorted(f.claim.value for f in march_q.figures) == [22800, 130000]
    assert measure_of(_quantity_of(report, "510,000 marchers").label) == "Turnout (1 jul)"
    (gap,) = march_q.disagreements
    assert gap.gap == 107200


def test_measurements_group_by_what_they_measure() -> None:
    a = "The units were based 50 kilometers (30 miles) from Ukraine's border."
    b = "Some units were within 20 kilometers of the border, an official said."
    c = "Floods destroyed 40 percent of homes in the city."
    d = "About 45 percent of voters backed the plan."
    claims = [
        claim(a, "50 kilometers", 50, unit="kilometer", kind="length", doc="a"),
        claim(a, "30 miles", 30, unit="mile", kind="length", doc="a"),
        claim(b, "20 kilometers", 20, unit="kilometer", kind="length", doc="b"),
        claim(c, "40 percent", 40, unit="percent", kind="percent", doc="c"),
        claim(d, "45 percent", 45, qualifier="approx", unit="percent", kind="percent", doc="d"),
    ]
    report = build_report(claims, LEX)
    border = _quantity_of(report, "20 kilometers")
    assert sorted(f.claim.text for f in border.figures) == [
        "20 kilometers",
        "30 miles",
        "50 kilometers",
    ]
    assert border.label == "Distance, kilometers — Ukraine, October 2024"
    assert _quantity_of(report, "40 percent") is not _quantity_of(report, "45 percent")


def test_crowd_counts_under_dated_headings_stay_with_their_march() -> None:
    first = "Organisers said 12,000 people took part, while police put it at 5,200."
    second = "Police estimated 22,800 protesters, while organisers said 130,000 marched."
    text = f"14 March rally\n{first}\n\n2 May march\n{second}\n"
    claims = [
        claim(first, "12,000 people", 12000, unit="people", source="organisers"),
        claim(first, "5,200", 5200, unit="people", source="police"),
        claim(second, "22,800 protesters", 22800, unit="protester", source="police"),
        claim(second, "130,000", 130000, unit="protester", source="organisers"),
    ]
    claims = [replace(c, start=c.start + text.index(c.sentence)) for c in claims]
    report = build_report(claims, LEX, texts={"doc-a": text})
    labels = {f.claim.value: measure_of(q.label) for q in report.quantities for f in q.figures}
    assert labels[12000] == labels[5200] == "Turnout (14 mar)"
    assert labels[22800] == labels[130000] == "Turnout (2 may)"
    assert len(build_report(claims, LEX).quantities) == 1  # without the text: one gathering


NK = "Officials in Seoul said 11,000 North Korean troops had reached the front. "
RU = "Ukraine said 2,000 Russian troops were moving north. "
FILLER = "Farmers planted 40 fields. " * 5
BARE = "Kyiv added that 3,000 troops crossed the river. "


@pytest.mark.parametrize(
    ("text", "joins"),
    [
        (NK + RU + FILLER + BARE, "Russian troops"),  # the nearer figure is the Russian one
        (BARE + NK + FILLER + RU, "North Korean troops"),
        # 201 characters from either figure: a tie goes to the one listed first
        (NK + FILLER + BARE + FILLER + "Rain fell all night. " + RU, "North Korean troops"),
    ],
)
def test_a_bare_count_takes_the_modifier_of_the_nearest_count_of_its_noun(
    text: str, joins: str
) -> None:
    from estimates.claims import extract_claims
    from estimates.documents import Document

    lex = load_lexicon()
    doc = Document(id="d1", text=text, published="2024-10-30")
    report = build_report(extract_claims(doc, lex), lex, texts={"d1": text})
    (quantity,) = [q for q in report.quantities if 3000.0 in [f.claim.value for f in q.figures]]
    assert quantity.label.startswith(joins)


def test_a_toll_naming_no_place_joins_the_total_row_of_the_one_table() -> None:
    from estimates.claims import extract_claims
    from estimates.documents import Document

    text = (
        "At least 97 people have died, the disaster office said.\n\n"
        "District   Deaths   Injured\n"
        "Amber      60       300\n"
        "Birch      37       120\n"
        "Total      97       420\n"
    )
    lex = load_lexicon()
    doc = Document(id="s1", text=text, published="2031-03-14", title="Storm Ilse update")
    report = build_report(extract_claims(doc, lex), lex, texts={"s1": text})
    deaths = {
        q.label.split(" — ")[0]: [f.claim.value for f in q.figures] for q in report.quantities
    }
    assert deaths["Deaths in Amber, Birch"] == [97.0, 97.0]  # the sentence's and the row's
    assert deaths["Deaths in Amber"] == [60.0]
    assert not any(q.disagreements for q in report.quantities)


def test_an_infobox_field_on_the_next_line_is_another_clause() -> None:
    from estimates.claims import extract_claims
    from estimates.documents import Document

    text = "Casualties1,200 dead, 5,400+ injured\nAftershocks9 above M5.0\n"
    lex = load_lexicon()
    doc = Document(id="box", text=text, published="2030-01", title="2029 Ostrava earthquake")
    report = build_report(extract_claims(doc, lex), lex, texts={"box": text})
    by_value = {f.claim.value: q.label for q in report.quantities for f in q.figures}
    assert by_value[5400.0].startswith("Wounded")  # not an aftershock's wounded
    assert by_value[9.0].startswith("Aftershocks")  # not a count of the wounded

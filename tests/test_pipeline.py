"""The pipeline's own guards: stable ids and the per-document number limit."""

import logging

import pytest

from estimates.claims import extract_claims
from estimates.documents import Document


def test_claim_ids_are_stable_across_runs() -> None:
    doc = Document(id="d1", text="Officials counted 4,200 tents and 37 clinics.")
    first = [c.claim_id for c in extract_claims(doc)]
    second = [c.claim_id for c in extract_claims(doc)]
    assert first == second
    assert len(set(first)) == 2


def test_a_data_dump_stops_at_the_number_limit_and_says_so(
    caplog: pytest.LogCaptureFixture,
) -> None:
    doc = Document(id="dump", text="7 apples, " * 40)
    with caplog.at_level(logging.WARNING, logger="estimates.claims.pipeline"):
        claims = extract_claims(doc, max_numbers=12)
    assert len(claims) == 12
    assert claims[-1].value == 7
    assert "dump: reached the limit of 12 numbers" in caplog.text


def test_an_article_under_the_limit_gives_no_warning(caplog: pytest.LogCaptureFixture) -> None:
    doc = Document(id="short", text="Rescuers found 15 survivors and 3 boats.")
    with caplog.at_level(logging.WARNING, logger="estimates.claims.pipeline"):
        claims = extract_claims(doc, max_numbers=12)
    assert [c.value for c in claims] == [15, 3]
    assert caplog.text == ""


def test_a_text_past_the_character_limit_is_read_to_a_line_break_and_says_so(
    caplog: pytest.LogCaptureFixture,
) -> None:
    text = "Crews cleared 60 roads.\n" * 10 + "Pilots flew 9 sorties.\n" * 10
    doc = Document(id="long", text=text)
    with caplog.at_level(logging.WARNING, logger="estimates.claims.pipeline"):
        claims = extract_claims(doc, max_chars=250)
    assert [c.value for c in claims] == [60] * 10
    assert "long: text after character 239 is not read" in caplog.text


def test_sentence_cues_keep_only_sentences_that_hold_a_cue() -> None:
    from estimates.claims.cues import cue_grammar, sentence_cues
    from estimates.claims.sentences import SentenceIndex
    from estimates.lexicon import load_lexicon

    lex = load_lexicon()
    text = "Rain fell. The mayor said 40 homes flooded. Wind rose. 12 roads shut, police said."
    cues = sentence_cues(text, SentenceIndex(text, lex), cue_grammar(lex))
    assert sorted(cues) == [1, 3]
    assert cues[1][0].source == "The mayor"
    assert cues[3][0].source == "police"


def test_evolve_copies_with_changes_and_refuses_unknown_fields() -> None:
    (claim,) = extract_claims(Document(id="e", text="Crews cleared 60 roads."))
    moved = claim.evolve(source="the mayor", unit="street")
    assert (moved.source, moved.unit, moved.value) == ("the mayor", "street", 60)
    assert (claim.source, claim.unit) == (None, "road")
    with pytest.raises(TypeError, match="no field"):
        claim.evolve(colour="red")


def test_the_stages_read_one_context_built_once() -> None:
    """Attribution is worked out once into the context; the date stage reads it from there."""
    from estimates.claims.context import new_context
    from estimates.claims.pipeline import STAGES, with_speakers
    from estimates.claims.sentences import SentenceIndex
    from estimates.lexicon import load_lexicon

    text = "On Monday the port authority said 70 cranes stood idle."
    doc = Document(id="c", text=text, published="2024-10-30")
    full = extract_claims(doc)
    ctx = new_context(doc, load_lexicon(), SentenceIndex(doc.text, load_lexicon()))
    assert (ctx.published, ctx.published_precision) == ("2024-10-30", "day")
    bare = [c.evolve(source=None, claimed_at=None) for c in full]
    ctx = with_speakers(ctx, bare)
    assert ctx.attributions[full[0].claim_id].source == "the port authority"
    claims = bare
    for _name, stage in STAGES:
        claims = stage(ctx, claims)
    assert [(c.source, c.claimed_at) for c in claims] == [("the port authority", "2024-10-28")]
    # the date stage alone, with no attribution in its context, falls back to publication
    undated = [c.evolve(claimed_at=None) for c in full]
    (alone,) = dict(STAGES)["date"](ctx.evolve(attributions={}), undated)
    assert (alone.source, alone.claimed_at) == ("the port authority", "2024-10-30")


def test_an_infobox_label_lends_its_noun_within_its_line_only() -> None:
    text = "Deaths212, 40 in the capital\nInjured1,500\n\nThe agency reported 7.1 on Monday.\n"
    claims = extract_claims(Document(id="box", text=text, published="2031-08-12"))
    assert [(c.value, c.unit) for c in claims] == [
        (212, "death"),
        (40, "death"),  # on the label's own line
        (1500, "injured"),
        (7.1, None),  # prose under the infobox: the label names nothing here
    ]


def test_a_bare_count_in_prose_takes_the_noun_counted_just_before() -> None:
    text = "Officials counted 40 deaths on Monday. By Tuesday it was 52."
    claims = extract_claims(Document(id="prose", text=text, published="2031-08-12"))
    assert [(c.value, c.unit) for c in claims] == [(40, "death"), (52, "death")]


def test_a_bare_amount_set_against_a_sum_of_money_is_in_that_money() -> None:
    text = (
        "The port put repairs at 2.1 billion kroner, but insurers put them closer to 3 billion. "
        "A grant of $40 million will help 2 million families."
    )
    claims = extract_claims(Document(id="money", text=text, published="2031-08-12"))
    assert [(c.value, c.unit, c.kind) for c in claims] == [
        (2.1e9, "krone", "money"),
        (3e9, "krone", "money"),
        (40e6, "dollar", "money"),
        (2e6, "family", "count"),  # "help 2 million": no comparison, no money
    ]
    assert claims[1].source == "insurers"


def test_a_short_heading_line_is_a_sentence_and_wrapped_prose_is_not() -> None:
    from estimates.claims.sentences import sentence_spans
    from estimates.lexicon import load_lexicon

    lex = load_lexicon()
    live = "Power cut to 240,000 homes\nThe grid operator says 240,000 homes are dark."
    assert [live[s:e] for s, e in sentence_spans(live, lex)] == [
        "Power cut to 240,000 homes",
        "The grid operator says 240,000 homes are dark.",
    ]
    wrapped = (
        "Officials from the regional water board told reporters on the quayside that\n"
        "The Harbour Trust had lent them 12 pumps."
    )
    assert len(sentence_spans(wrapped, lex)) == 1
    sources = [c.source for c in extract_claims(Document(id="live", text=live))]
    assert sources == [None, "The grid operator"]


def test_a_tab_after_an_infobox_label_lends_it_to_the_value() -> None:
    text = "Fatalities\t1,412–1,890\nDamage\t$3.4 billion (2029 USD)\n"
    claims = extract_claims(Document(id="box", text=text, published="2031-02-01"))
    assert [(c.text, c.unit) for c in claims] == [
        ("1,412–1,890", "fatality"),
        ("$3.4 billion", "dollar"),
    ]

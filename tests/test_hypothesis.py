"""Properties over random input: readers never raise, and claims always fit their text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from estimates.claims import extract_claims
from estimates.documents import Document, ReadOptions
from estimates.documents.readers import parse_bytes
from estimates.errors import DocumentError
from estimates.lexicon import load_lexicon

LEXICON = load_lexicon()
KINDS = (None, "txt", "json", "jsonl", "html", "feed", "xml")

# Pieces of news-like text, so random sequences hit numbers, bounds, units and attributions.
TOKENS = (
    "1", "10,000", "2.5", "3", "12", "1,500", "0", "007", "2024", "1/2", "99.9", "1e6",
    "three", "a dozen", "two million", "million", "billion", "bn", "k", "m",
    "about", "more than", "at least", "up to", "between", "and", "to", "from", "or", "-", "–",
    "troops", "km", "miles", "$", "€", "£", "%", "per cent", "percent", "people", "dead",
    "said", "told reporters", "the Pentagon", "officials", "he", "she", "according to",
    "on Monday", "in October", "Oct.", "U.S.", "No.", "F-16", "at 3:30", "p.m.",
    "rose", "fell by", "increased to", "down", "“", "”", "\"", "(", ")", ",", ".", ";", ":",
    "\n", "\n\n", "  ",
)  # fmt: skip

news_text = st.lists(st.sampled_from(TOKENS), max_size=60).map(" ".join)
any_text = st.one_of(news_text, st.text(max_size=300))

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(raw=st.binary(max_size=600), kind=st.sampled_from(KINDS))
def test_readers_never_raise_on_random_bytes(raw: bytes, kind: str | None) -> None:
    items = list(parse_bytes(raw, "random", "r", kind, ReadOptions()))
    for item in items:
        assert isinstance(item, Document | DocumentError)
        if isinstance(item, Document):
            assert item.text.strip()
        else:
            assert item.reason and "\n" not in item.reason


@SETTINGS
@given(text=any_text, kind=st.sampled_from(KINDS), wrap=st.sampled_from(("", "html", "rss")))
def test_readers_never_raise_on_random_text(text: str, kind: str | None, wrap: str) -> None:
    if wrap == "html":
        text = f"<html><body><p>{text}</p></body></html>"
    elif wrap == "rss":
        text = f"<rss><channel><item><title>t</title><description>{text}</description></item>"
    items = list(parse_bytes(text.encode("utf-8"), "random", "r", kind, ReadOptions()))
    assert all(isinstance(i, Document | DocumentError) for i in items)


@SETTINGS
@given(text=any_text)
def test_claims_fit_their_text(text: str) -> None:
    claims = extract_claims(Document(id="h", text=text), LEXICON)
    for c in claims:
        assert 0 <= c.start < c.end <= len(text)
        assert text[c.start : c.end] == c.text
        if c.low is not None:
            assert c.low <= c.value
        if c.high is not None:
            assert c.value <= c.high
        if c.low is not None and c.high is not None:
            assert c.low <= c.high


@SETTINGS
@given(text=news_text)
def test_claim_ids_are_stable(text: str) -> None:
    first = extract_claims(Document(id="h", text=text), LEXICON)
    second = extract_claims(Document(id="h", text=text), LEXICON)
    assert [c.claim_id for c in first] == [c.claim_id for c in second]
    assert len({c.claim_id for c in first}) == len(first)

"""One loader for built-in and user lexicons: overlays, and errors that name file and line."""

from pathlib import Path

import pytest

from estimates.claims import extract_claims
from estimates.documents import Document
from estimates.errors import LexiconError
from estimates.lexicon import load_lexicon


def test_builtin_lexicon_has_every_topic() -> None:
    lex = load_lexicon()
    assert lex.section("qualifiers", "before")["as many as"] == "at_most"
    assert lex.section("numbers", "scales")["million"] == 1e6


def test_a_user_folder_overlays_entries_without_losing_ours(tmp_path: Path) -> None:
    (tmp_path / "qualifiers.toml").write_text('[before]\n"a good" = "approx"\n', encoding="utf-8")
    lex = load_lexicon([tmp_path])
    assert lex.section("qualifiers", "before")["a good"] == "approx"
    assert lex.section("qualifiers", "before")["at least"] == "at_least"
    (claim,) = extract_claims(Document(id="u", text="They walked a good 20 miles."), lex)
    assert (claim.value, claim.qualifier, claim.unit) == (20, "approx", "mile")


def test_a_malformed_user_file_names_its_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "units.toml"
    bad.write_text('[units]\n"leagues" = ["league", "length"]\n"furlong = 3\n', encoding="utf-8")
    with pytest.raises(LexiconError) as err:
        load_lexicon([tmp_path])
    assert err.value.path == str(bad)
    assert err.value.line == 3
    assert err.value.text == '"furlong = 3'


def test_a_missing_user_folder_is_a_named_error(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match="lexicon folder not found"):
        load_lexicon([tmp_path / "nowhere"])

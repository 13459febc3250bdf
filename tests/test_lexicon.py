"""One loader for built-in and user lexicons: a schema, overlays that extend, and errors that
name file and line."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from estimates.claims import extract_claims
from estimates.claims.sentences import SentenceIndex
from estimates.documents import Document
from estimates.errors import LexiconError
from estimates.lexicon import BUILTIN_DIR, SCHEMA_FILE, load_lexicon

FIXTURE = Path(__file__).parent / "fixtures" / "lexicon"


def test_builtin_lexicon_has_every_topic() -> None:
    lex = load_lexicon()
    assert lex.section("qualifiers", "before")["as many as"] == "at_most"
    assert lex.section("numbers", "scales")["million"] == 1e6
    assert lex.section("calendar", "month_abbreviations")["sept"] == 9


def test_the_schema_declares_every_builtin_section() -> None:
    schema = tomllib.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    for path in BUILTIN_DIR.glob("*.toml"):
        if path == SCHEMA_FILE:
            continue
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        assert path.stem in schema, path.name
        assert set(data) <= set(schema[path.stem]), (path.name, set(data) - set(schema[path.stem]))


def test_a_user_folder_overlays_entries_without_losing_ours(tmp_path: Path) -> None:
    (tmp_path / "qualifiers.toml").write_text('[before]\n"a good" = "approx"\n', encoding="utf-8")
    lex = load_lexicon([tmp_path])
    assert lex.section("qualifiers", "before")["a good"] == "approx"
    assert lex.section("qualifiers", "before")["at least"] == "at_least"
    (claim,) = extract_claims(Document(id="u", text="They walked a good 20 miles."), lex)
    assert (claim.value, claim.qualifier, claim.unit) == (20, "approx", "mile")


def test_a_user_word_list_adds_to_the_builtin_one() -> None:
    ours = load_lexicon().words("nouns", "stop")
    theirs = load_lexicon([FIXTURE]).words("nouns", "stop")
    assert theirs == [*ours, "meanwhile"]
    assert "of" in theirs and len(ours) > 200


def test_user_trailer_words_close_an_attribution() -> None:
    text = "Crews pulled 30 people from the river, the mayor said overnight."
    doc = Document(id="t", text=text)
    (ours,) = extract_claims(doc, load_lexicon())
    (theirs,) = extract_claims(doc, load_lexicon([FIXTURE]))
    assert (ours.source, theirs.source) == (None, "the mayor")
    # the built-in trailers are still there
    (on_monday,) = extract_claims(
        Document(id="m", text="Crews pulled 30 people out, the mayor said on Monday."),
        load_lexicon([FIXTURE]),
    )
    assert on_monday.source == "the mayor"


def test_user_abbreviations_and_month_names_reach_sentences_and_dates() -> None:
    text = "The Hon. Ada Park spoke. Officials said so on Febr. 3, 2021."
    ours = SentenceIndex(text, load_lexicon())
    theirs = SentenceIndex(text, load_lexicon([FIXTURE]))
    assert len(ours.spans) == 4  # "Hon." and "Febr." end sentences without the user words
    assert [text[s:e] for s, e in theirs.spans] == [
        "The Hon. Ada Park spoke.",
        "Officials said so on Febr. 3, 2021.",
    ]
    doc = Document(id="f", text="On Febr. 3, 2021, the ministry said 60 wells ran dry.")
    claim = next(c for c in extract_claims(doc, load_lexicon([FIXTURE])) if c.value == 60)
    assert (claim.claimed_at, claim.claimed_at_precision) == ("2021-02-03", "day")


BAD_FILES = [
    # (file name, content, line, words of the reason)
    ("nouns.toml", '[stp]\nwords = ["of"]\n', 1, "unknown section [stp]"),
    ("nouns.toml", '[stop]\nwords = "of"\n', 2, "[stop] 'words' must be a list of strings"),
    ("nouns.toml", '[stop]\nwrods = ["of"]\n', 2, "unknown key [stop] 'wrods'"),
    ("nouns.toml", '[stop]\nwords = [\n  "of",\n  7,\n]\n', 4, "must hold only non-empty"),
    ("nouns.toml", "stop = 3\n", 1, "[stop] must be a table"),
    ("units.toml", '[units]\n"league" = ["league"]\n', 2, "must be a list [string, string]"),
    ("qualifiers.toml", '[before]\n"a good" = "roughly"\n', 2, "must be one of"),
    ("numbers.toml", '[scales]\n"lakh" = "100000"\n', 2, "must be a number, not a string"),
    ("dating.toml", '[relative]\n"last fall" = ["3", "month"]\n', 2, "[integer, string]"),
    ("nuons.toml", "[stop]\nwords = []\n", 0, "unknown lexicon file"),
]


@pytest.mark.parametrize(("name", "content", "line", "reason"), BAD_FILES)
def test_a_bad_user_file_is_one_error_with_file_and_line(
    tmp_path: Path, name: str, content: str, line: int, reason: str
) -> None:
    bad = tmp_path / name
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(LexiconError) as err:
        load_lexicon([tmp_path])
    assert err.value.path == str(bad)
    assert err.value.line == line
    assert reason in err.value.reason
    assert "\n" not in str(err.value)
    if line:
        assert err.value.text == content.splitlines()[line - 1]


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


def test_the_cli_names_a_bad_user_lexicon_in_one_line(tmp_path: Path) -> None:
    import subprocess
    import sys

    lex = tmp_path / "mylex"
    lex.mkdir()
    (lex / "nouns.toml").write_text('[stop]\nwords = ["of", 3]\n', encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("Crews cleared 80 roads.\n", encoding="utf-8")
    cmd = [sys.executable, "-m", "estimates", "--lexicon", str(lex), "extract", str(article)]
    run = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert run.returncode == 1
    assert run.stderr.strip().splitlines() == [
        f"estimates: error: {lex / 'nouns.toml'}:2: [stop] 'words' must hold only non-empty "
        "strings, not 3: 'words = [\"of\", 3]'"
    ]

"""Each input kind gives the right text and metadata: HTML pages, feeds, encodings, stdin."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from estimates.documents import Document, ReadOptions, read_documents
from estimates.documents.encoding import declared_encoding, decode
from estimates.documents.readers import read_stream
from estimates.errors import DocumentError

FIXTURES = Path(__file__).parent / "fixtures"


def one(path: Path | str) -> Document:
    items = list(read_documents([path]))
    assert len(items) == 1, items
    assert isinstance(items[0], Document), items[0]
    return items[0]


# HTML pages


def test_html_page_keeps_the_article_and_drops_page_furniture() -> None:
    doc = one(FIXTURES / "harbor-wire-page.html")
    assert doc.text.startswith("WASHINGTON — North Korea has sent around 10,000 soldiers")
    assert "about 12,000 troops in total" in doc.text
    for furniture in ("Subscribe", "Advertisement", "Most read", "Photo 1 of 5", "555-0142"):
        assert furniture not in doc.text
    assert "200,000 homes" not in doc.text  # a headline in the "most read" sidebar


def test_html_page_metadata_comes_from_the_page() -> None:
    doc = one(FIXTURES / "harbor-wire-page.html")
    assert doc.title == "Pentagon says about 10,000 North Korean troops are training in Russia"
    assert doc.publisher == "Harbor Wire"
    assert doc.published == "2024-10-28"  # article:published_time, not the modified time
    assert doc.url == (
        "https://example.org/harbor-wire/2024/10/28/pentagon-north-korean-troops-training"
    )
    assert doc.id == "harbor-wire-page"


def test_html_paragraphs_are_separated_by_blank_lines() -> None:
    doc = one(FIXTURES / "harbor-wire-page.html")
    paragraphs = doc.text.split("\n\n")
    assert len(paragraphs) == 5
    assert paragraphs[-1].startswith("Russia has not confirmed the deployment.")


def test_json_with_html_field_uses_the_callers_date(tmp_path: Path) -> None:
    page = (FIXTURES / "harbor-wire-page.html").read_text(encoding="utf-8")
    path = tmp_path / "wrapped.json"
    path.write_text(json.dumps({"id": "w1", "html": page, "published": "2024-10-29"}))
    doc = one(path)
    assert doc.id == "w1"
    assert doc.published == "2024-10-29"
    assert doc.publisher == "Harbor Wire"
    assert "around 10,000 soldiers" in doc.text


def test_html_page_without_article_text_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "blank.html"
    path.write_text("<html><head><title>Nothing</title></head><body><nav></nav></body></html>")
    (item,) = read_documents([path])
    assert isinstance(item, DocumentError)
    assert item.reason == "no article text found in the HTML page"


# Feeds


def test_rss_items_become_documents_with_date_link_and_title() -> None:
    docs = list(read_documents([FIXTURES / "meridian-post.rss"]))
    assert all(isinstance(d, Document) for d in docs)
    assert len(docs) == 2  # the third item (a photo gallery) has no text
    first, second = docs
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.title == "Kyiv says 11,000 North Korean soldiers are now in Kursk"
    assert first.url == (
        "https://example.org/meridian-post/2024/11/04/kyiv-kursk-north-korean-soldiers"
    )
    assert first.published == "2024-11-04T19:45:00+02:00"
    assert first.publisher == "Meridian Post"
    assert first.text.startswith("President Volodymyr Zelensky said on Monday that 11,000 North")
    assert "<strong>" not in first.text and "track(" not in first.text
    assert "\n\nThe Pentagon said separately" in first.text
    assert second.text.startswith("South Korea's intelligence service told lawmakers")
    assert second.published == "2024-10-23T08:00:00+09:00"


def test_feed_item_ids_are_stable_and_distinct() -> None:
    ids = [d.id for d in read_documents([FIXTURES / "meridian-post.rss"])]
    again = [d.id for d in read_documents([FIXTURES / "meridian-post.rss"])]
    assert ids == again
    assert len(set(ids)) == 2
    assert ids[0].startswith("kyiv-says-11-000-north-korean-soldiers")


def test_atom_entries_use_content_and_published_date() -> None:
    docs = list(read_documents([FIXTURES / "northern-courier.atom"]))
    assert len(docs) == 2
    first, second = docs
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.title == "Pentagon: about 11,000 North Korean troops have moved into Kursk"
    assert first.published == "2024-11-18T16:20:00-05:00"
    assert first.url == "https://example.org/northern-courier/2024/11/18/pentagon-kursk-11000"
    assert first.publisher == "Northern Courier: World"
    assert first.text.startswith("The Pentagon said on Monday that it now believes about 11,000")
    assert "revised its estimate upward" not in first.text  # the summary, shorter than content
    assert second.published == "2024-10-18T23:50:00+09:00"  # no <published>: <updated>
    assert second.text.startswith("About 1,500 North Korean special forces soldiers")


def test_xml_suffix_is_read_as_a_feed_when_its_root_is_one(tmp_path: Path) -> None:
    path = tmp_path / "world.xml"
    path.write_bytes((FIXTURES / "northern-courier.atom").read_bytes())
    assert len(list(read_documents([path]))) == 2


def test_xml_that_is_not_a_feed_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "config.xml"
    path.write_text('<?xml version="1.0"?>\n<config><value>12</value></config>\n')
    (item,) = read_documents([path])
    assert isinstance(item, DocumentError)
    assert item.reason == "XML file is not an RSS or Atom feed"


# Encodings


def test_cp1252_text_keeps_curly_quotes_and_euro_sign() -> None:
    doc = one(FIXTURES / "northern-courier-cp1252.txt")
    assert doc.id == "eu-aid-cp1252"
    assert doc.title == "Brussels pledges €1.5 billion more for Ukraine’s grid"
    assert "another €1.5 billion to repair Ukraine’s power network" in doc.text
    assert "“We are talking about more than 9 gigawatts" in doc.text


def test_utf16_with_bom_is_decoded() -> None:
    doc = one(FIXTURES / "harbor-wire-utf16.txt")
    assert doc.title == "Seoul raises its estimate to 11,000"
    assert doc.published == "2024-10-30"
    assert "has increased to 11,000" in doc.text
    assert "\x00" not in doc.text


def test_utf8_bom_does_not_hide_the_header() -> None:
    doc = one(FIXTURES / "meridian-post-bom.txt")
    assert doc.title == "Kirby: at least 3,000 moved to eastern Russia"
    assert doc.publisher == "Meridian Post"
    assert not doc.text.startswith("\ufeff")
    assert doc.text.startswith("White House spokesman John Kirby")


def test_latin1_bytes_are_read_as_cp1252() -> None:
    raw = "Le café coûte 3 £ à Zürich, a déclaré le ministre.".encode("latin-1")
    assert decode(raw, "x") == "Le café coûte 3 £ à Zürich, a déclaré le ministre."


def test_cyrillic_cp1251_is_detected() -> None:
    text = "Около 11 000 военных находятся в Курской области, сообщил министр."
    assert decode(text.encode("cp1251"), "x", ("cp1252", "cp1251")) == text


def test_html_meta_charset_is_honoured() -> None:
    raw = '<html><head><meta charset="windows-1251"></head><body>Ура</body></html>'
    assert declared_encoding(raw.encode("cp1251")) == "cp1251"
    page = '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">'
    assert declared_encoding(page.encode()) == "cp1252"


def test_crlf_line_ends_do_not_break_the_header(tmp_path: Path) -> None:
    path = tmp_path / "dos.txt"
    path.write_bytes(b"title: Storm toll\r\npublished: 2023-09-13\r\n\r\nAt least 5,300 died.\r\n")
    doc = one(path)
    assert doc.title == "Storm toll"
    assert doc.published == "2023-09-13"
    assert doc.text == "At least 5,300 died.\n"


# stdin and content sniffing


def stdin_docs(raw: bytes) -> list[Document | DocumentError]:
    return list(read_stream(io.BytesIO(raw), "<stdin>", ReadOptions()))


def test_stdin_html_is_told_by_its_content() -> None:
    (doc,) = stdin_docs((FIXTURES / "harbor-wire-page.html").read_bytes())
    assert isinstance(doc, Document)
    assert doc.publisher == "Harbor Wire"
    assert doc.id.startswith("stdin-")


def test_stdin_json_and_header_text() -> None:
    (doc,) = stdin_docs(b'{"id": "j1", "text": "Some 2,000 people marched.", "publisher": "X"}')
    assert isinstance(doc, Document)
    assert (doc.id, doc.publisher, doc.text) == ("j1", "X", "Some 2,000 people marched.")
    (txt,) = stdin_docs(b"title: March\npublisher: Y\n\nAbout 2,000 people marched.")
    assert isinstance(txt, Document)
    assert (txt.title, txt.publisher, txt.text) == ("March", "Y", "About 2,000 people marched.")


def test_stdin_json_lines_and_feed() -> None:
    lines = b'{"id": "a", "text": "One 5 km march."}\n{"id": "b", "text": "Two 7 km marches."}\n'
    assert [d.id for d in stdin_docs(lines) if isinstance(d, Document)] == ["a", "b"]
    feed = stdin_docs((FIXTURES / "meridian-post.rss").read_bytes())
    assert [d.published for d in feed if isinstance(d, Document)] == [
        "2024-11-04T19:45:00+02:00",
        "2024-10-23T08:00:00+09:00",
    ]


def test_stdin_content_is_identified_the_same_way_each_time() -> None:
    raw = b"Nearly 40 boats were counted."
    first, second = stdin_docs(raw), stdin_docs(raw)
    assert isinstance(first[0], Document) and isinstance(second[0], Document)
    assert first[0].id == second[0].id


def test_json_array_gives_one_document_per_object(tmp_path: Path) -> None:
    path = tmp_path / "batch.json"
    path.write_text(json.dumps([{"text": "About 300 km."}, {"id": "k", "text": "Some 4 tons."}]))
    docs = list(read_documents([path]))
    assert [d.id for d in docs if isinstance(d, Document)] == ["batch-1", "k"]


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("notes", b"Roughly 60 ships sailed.", "text"),
        (
            "page",
            b"<!DOCTYPE html><html><body><p>Roughly 60 ships sailed.</p></body></html>",
            "html",
        ),
        ("data", b'{"text": "Roughly 60 ships sailed."}', "json"),
    ],
)
def test_files_without_a_known_suffix_are_sniffed(
    tmp_path: Path, name: str, content: bytes, kind: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    doc = one(path)
    assert doc.text == "Roughly 60 ships sailed.", kind


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_recognised(codec: str) -> None:
    text = "Officials said about 5,000 homes were damaged in Derna."
    assert decode(text.encode(codec), "x") == text


def test_latin1_declared_page_is_read_as_cp1252(tmp_path: Path) -> None:
    body = "".join(
        f"<p>Paragraph {n}: the fund grew by €{n}0 million, the minister’s office said.</p>"
        for n in range(1, 6)
    )
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
        f"<title>Fund</title></head><body><article>{body}</article></body></html>"
    )
    path = tmp_path / "fund.htm"
    path.write_bytes(page.encode("cp1252"))
    doc = one(path)
    assert "the fund grew by €30 million, the minister’s office said." in doc.text

"""HTML -> Document: the article's main text and metadata, found by trafilatura.

Navigation, ads, share counters, captions and footers are left out by trafilatura's main-content
extraction; the title, site name, canonical URL and publication date come from the page's own
metadata (<meta property="article:published_time">, JSON-LD, ...). Nothing is fetched.
"""

from __future__ import annotations

import logging
import re

from estimates.documents.model import Document
from estimates.errors import DocumentError

_HTML_START = re.compile(
    r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|article|div|p)\b",
    re.IGNORECASE | re.DOTALL,
)
_BLOCKS = (
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "pre", "table", "tr", "section", "article", "figure", "header", "footer",
)  # fmt: skip
_DROP = ("script", "style", "noscript", "iframe", "template", "svg")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
"""Characters XML 1.0 forbids (control characters, noncharacters, lone surrogates): lxml refuses
text that holds them, so they become spaces before a fragment is parsed."""
DEFAULT_MAX_HTML_BYTES = 10_000_000
"""Largest page handed to the HTML parser, scripts, styles and comments set aside: trafilatura
needs about 25 times a page's size in memory (a 48 MB page took 1.4 GB), and article pages
hold well under a megabyte of markup. Settings: input.max_html_size."""

_SET_ASIDE = re.compile(r"<(script|style|noscript|template)\b|<!--", re.I)
_CLOSE = {
    name: re.compile(rf"</{name}\s*>", re.I) for name in ("script", "style", "noscript", "template")
}
_CLOSE_COMMENT = re.compile("-->")
CHATTY_LOGGERS = ("trafilatura", "htmldate", "courlan")
"""Libraries that warn about every page they discard; our own error line already says it."""


def looks_like_html(text: str) -> bool:
    """True when the text starts like an HTML page or fragment."""
    return bool(_HTML_START.match(text[:4096]))


def document_from_html(
    html: str,
    where: str,
    default_id: str,
    *,
    published: str | None = None,
    url: str | None = None,
    extensive_date: bool = True,
    max_size: int = DEFAULT_MAX_HTML_BYTES,
) -> Document | DocumentError:
    """The page's article as a Document; `published` and `url` given by the caller win.

    Scripts, styles and comments are set aside first (JSON-LD metadata is kept); a page still
    over `max_size` characters is refused, so memory stays bounded."""
    from trafilatura import bare_extraction

    html = without_scripts(html)
    if len(html) > max_size:
        from estimates.documents.readers import format_size

        size, limit = format_size(len(html)), format_size(max_size)
        return DocumentError(
            where,
            f"HTML page is {size} without its scripts and styles, over the {limit} HTML limit "
            "(settings: input.max_html_size)",
        )

    _quiet_libraries()
    date_params = {"original_date": True, "extensive_search": extensive_date}
    try:
        page = bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            date_extraction_params=date_params,
        )
    except Exception as e:  # trafilatura/lxml raise many kinds on malformed pages
        return DocumentError(where, f"cannot parse the HTML page ({type(e).__name__})")
    meta = page.as_dict() if page is not None and not isinstance(page, dict) else page or {}
    text = paragraphs(meta.get("text") or "")
    if not text:
        return DocumentError(where, "no article text found in the HTML page")
    return Document(
        id=default_id,
        text=text,
        title=meta.get("title") or None,
        publisher=meta.get("sitename") or None,
        published=published or meta.get("date") or None,
        url=url or meta.get("url") or None,
        path=where,
    )


def without_scripts(html: str) -> str:
    """The page without scripts (but JSON-LD, which holds dates and titles), styles, templates
    and comments: the article is never in them, and they are often most of a saved page.
    Linear: each closing tag is looked for once, from where its opening tag ends."""
    if "<" not in html:
        return html
    parts = []
    pos = 0
    while (m := _SET_ASIDE.search(html, pos)) is not None:
        tag = (m.group(1) or "").lower()
        opened = html.find(">", m.end()) + 1 if tag else m.end()
        if not opened:  # no '>' anywhere after: no tag either
            break
        if tag == "script" and "ld+json" in html[m.end() : opened].lower():
            parts.append(html[pos:opened])
            pos = opened
            continue
        parts.append(html[pos : m.start()])
        close = (_CLOSE[tag] if tag else _CLOSE_COMMENT).search(html, opened)
        if close is None:  # never closed: it runs to the end of the page, as in a browser
            return "".join(parts)
        parts.append(" ")
        pos = close.end()
    if not parts:
        return html
    parts.append(html[pos:])
    return "".join(parts)


def _quiet_libraries() -> None:
    """Keep the libraries' warnings off stderr unless the user asked for more output (-v)."""
    if not logging.getLogger().isEnabledFor(logging.INFO):
        for name in CHATTY_LOGGERS:
            logging.getLogger(name).setLevel(logging.ERROR)


def paragraphs(text: str) -> str:
    """One paragraph per non-blank line, blank lines between, inner whitespace collapsed."""
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n\n".join(line for line in lines if line)


def fragment_text(html: str) -> str:
    """Readable text of an HTML fragment (a feed item's body), paragraphs kept apart."""
    import lxml.html
    from lxml.etree import ParserError

    html = _NOT_XML.sub(" ", html)
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (ParserError, ValueError):
        return paragraphs(html)
    for el in list(root.iter(*_DROP)):
        el.drop_tree()
    for el in root.iter(*_BLOCKS):
        el.tail = "\n" + (el.tail or "")
        if el.tag != "br":
            el.text = "\n" + (el.text or "")
    return paragraphs(root.text_content())

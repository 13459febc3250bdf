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
) -> Document | DocumentError:
    """The page's article as a Document; `published` and `url` given by the caller win."""
    from trafilatura import bare_extraction

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

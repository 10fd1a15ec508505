"""HTML pages: main text and metadata by trafilatura (offline), a plain tag strip when it finds nothing."""

from __future__ import annotations

import logging
from datetime import datetime

import lxml.html
import trafilatura
from lxml import etree

from ..errors import InputError
from ..model import Document
from .dates import parse_iso
from .page import parse_page

log = logging.getLogger(__name__)
# Only dates stated in the markup: a guessed date (from a URL or the file) would be worse than none.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def parse_html(html: str, *, source: str, published: datetime | None = None) -> Document:
    """A Document from an HTML page: trafilatura's text and metadata, then the page splitter."""
    extracted = _extract(html)
    if extracted is not None and extracted.text and extracted.text.strip():
        when = published or _metadata_date(extracted.date)
        return parse_page(extracted.text, source=source, published=when, title=extracted.title or None,
                          url=extracted.url or None)
    log.info("%s: trafilatura found no main text; stripping tags instead", source)
    text = strip_tags(html)
    if not text.strip():
        raise InputError(source, "no text (the HTML page has no readable text)")
    return parse_page(text, source=source, published=published)


def _extract(html: str) -> trafilatura.settings.Document | None:
    """trafilatura's bare extraction, None when the page defeats it."""
    try:
        result = trafilatura.bare_extraction(html, include_comments=False, with_metadata=True,
                                             date_extraction_params=_DATE_PARAMS)
    except (ValueError, TypeError, etree.LxmlError) as error:  # malformed markup
        log.info("trafilatura failed: %s", error)
        return None
    return result if isinstance(result, trafilatura.settings.Document) else None


def _metadata_date(value: str | None) -> datetime | None:
    """The metadata date, None when absent or unreadable."""
    try:
        return parse_iso(value) if value else None
    except ValueError:
        return None


def strip_tags(html: str) -> str:
    """The visible text of a page, one block a line, without scripts and styles."""
    try:
        tree = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return ""
    for element in tree.xpath("//script|//style|//noscript|//template"):
        element.drop_tree()
    for element in tree.iter("p", "div", "br", "li", "h1", "h2", "h3", "h4", "tr", "section", "article"):
        element.tail = "\n" + (element.tail or "")
    return "\n".join(line.strip() for line in tree.text_content().splitlines() if line.strip())

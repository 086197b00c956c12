"""Main text and metadata of a saved web page (the HTML branch of the extract stage).

``extract_html`` fills a Document from a page ``sources`` has decoded
(using the charset the page declares, see ``sources.declared_charset``).
"""
from __future__ import annotations

import logging
from typing import Any

from lxml.html import HtmlElement
from trafilatura import bare_extraction
from trafilatura.utils import load_html

from ..document import Document, Paragraph
from ..errors import ExtractionError
from ..settings import Settings
from .html_cleanup import (
    LinkIndex,
    drop_boilerplate,
    drop_header_lines,
    drop_link_lists,
    find_lead,
    with_lead,
)
from .html_metadata import PageMeta, read_metadata
from .html_paragraphs import body_paragraphs

logger = logging.getLogger(__name__)

MIN_TEXT_CHARS = 200  # less main text than this is not an article
RETRY_BELOW_CHARS = 500  # a precision pass finding less than this is retried for recall
MIN_APP_TEXT_CHARS = 150  # visible text below this on a script-heavy page: a JS app
INVISIBLE = {"script", "style", "noscript", "template"}
NO_ARTICLE_TYPES = {"website", "profile", "video.other", "product"}
MIN_TEXT_RUN = 250  # an article has this much text in a row that is not link text
MIN_TEXT_RUN_DECLARED_INDEX = 500  # the same, for pages declaring og:type website
MAX_TEASER_SHARE = 0.5  # more of the text than this in teaser blurbs: an index page


def extract_html(text: str, doc: Document, settings: Settings) -> Document:
    """Fill ``doc`` with the article text and metadata of one HTML page.

    Cascade:
    1. refuse pages over the size limit;
    2. parse once (lxml, repaired by trafilatura's loader);
    3. refuse script apps that carry no server-rendered text;
    4. main content with trafilatura (precision first, recall when that
       finds too little) as paragraphs, minus known chrome lines;
    5. refuse index, error and menu-only pages ("no main text");
    6. drop link lists and the headline/byline lines, add the standfirst
       that sits outside the article container;
    7. metadata from JSON-LD, meta tags and the visible page.

    Raises ExtractionError with the reason when the page has no article.
    """
    # 1. size limit
    limit = settings.html_max_chars
    if len(text) > limit:
        raise ExtractionError(f"page too large: {len(text):,} characters (limit {limit:,})")
    # 2. parse
    tree = load_html(text)
    if tree is None:
        raise ExtractionError("not parseable as HTML")
    # 3. script apps
    if _is_script_app(tree):
        raise ExtractionError("script app: the page has no server-rendered text")
    # 4. main content, minus known chrome lines
    paragraphs = drop_boilerplate(_main_paragraphs(tree))
    # 5. index, error and empty pages
    meta, links = read_metadata(tree), LinkIndex(tree)
    if min(_chars(paragraphs), _unlinked_chars(tree)) < MIN_TEXT_CHARS or _looks_like_index(meta, paragraphs, links):
        raise ExtractionError("no main text")
    # 6. cleanup and standfirst
    paragraphs = drop_header_lines(drop_link_lists(paragraphs, links), meta.title, meta.author)
    paragraphs = with_lead(paragraphs, find_lead(tree, meta.description))
    if _chars(paragraphs) < MIN_TEXT_CHARS:
        raise ExtractionError("no main text")
    # 7. metadata
    _fill(doc, meta, paragraphs)
    return doc


def _main_paragraphs(tree: HtmlElement) -> list[str]:
    """Article paragraphs: trafilatura's fast precision mode; when that finds little, the
    longer of it and recall mode with trafilatura's fallback extractors."""
    paragraphs = _trafilatura(tree, precision=True, fast=True)
    if _chars(paragraphs) < RETRY_BELOW_CHARS:
        logger.debug("precision pass found little text, retrying for recall with fallbacks")
        recall = _trafilatura(tree, precision=False, fast=False)
        paragraphs = recall if _chars(recall) > _chars(paragraphs) else paragraphs
    return paragraphs


def _chars(paragraphs: list[str]) -> int:
    return sum(len(p) for p in paragraphs)


def _trafilatura(tree: HtmlElement, precision: bool, fast: bool) -> list[str]:
    result: Any = bare_extraction(
        tree, fast=fast, include_comments=False, include_tables=True, favor_precision=precision,
        favor_recall=not precision, with_metadata=False, deduplicate=False,
    )
    if result is None or result.body is None:
        return []
    return body_paragraphs(result.body)


_UNLINKED_TEXT = "//body//text()[not(ancestor::a)" + "".join(f" and not(ancestor::{tag})" for tag in INVISIBLE) + "]"


def _unlinked_chars(tree: HtmlElement) -> int:
    """Visible characters of the page outside links: a menu of 300 links has almost none,
    whatever the extractor made of it (link texts too short to tell from words)."""
    return sum(len(text.strip()) for text in tree.xpath(_UNLINKED_TEXT))


def _is_script_app(tree: HtmlElement) -> bool:
    """Scripts present, almost no visible text: a client-side app shell."""
    body = tree.find("body")
    if body is None or tree.find(".//script") is None:
        return False
    visible = 0
    for node in body.iter():
        if node.tag in INVISIBLE or any(a.tag in INVISIBLE for a in node.iterancestors()):
            continue
        visible += len((node.text or "").strip())
        parent = node.getparent()
        visible += 0 if parent is None or parent.tag in INVISIBLE else len((node.tail or "").strip())
        if visible >= MIN_APP_TEXT_CHARS:
            return False  # stop early: this runs on every page
    return True


def _looks_like_index(meta: PageMeta, paragraphs: list[str], links: LinkIndex) -> bool:
    """A home page, section page or teaser list rather than one article.

    Teaser grids alternate link headlines with one short blurb each, so they
    never hold much running text between two links, and most of their text
    sits right after a headline link; an article is the opposite. Pages that
    declare themselves a website (og:type) must show more running text.
    """
    declared_index = meta.page_type in NO_ARTICLE_TYPES and not meta.json_ld
    needed = MIN_TEXT_RUN_DECLARED_INDEX if declared_index else MIN_TEXT_RUN
    run, teasers = links.longest_text_run(paragraphs), links.teaser_share(paragraphs)
    logger.debug("longest run of text %d (need %d), teaser blurbs %.2f", run, needed, teasers)
    return run < needed or teasers >= MAX_TEASER_SHARE


def _fill(doc: Document, meta: PageMeta, paragraphs: list[str]) -> None:
    doc.title = meta.title or ""
    doc.date = meta.date
    doc.source = meta.source
    doc.author = meta.author
    doc.description = meta.description
    doc.url = meta.url
    doc.language_hint = meta.language_hint
    doc.paragraphs = [Paragraph(text=p) for p in paragraphs]

"""Extract stage: a decoded corpus file becomes a Document.

HTML pages (by extension, or a .txt that starts like a web page) go to
``extract_html``. Plain-text pages, usually text copied from news sites,
go through ``extract_text``, a cascade of line rules built on the signals
in ``textsignals``.
"""
from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass, field

from ..document import Document, Paragraph
from ..errors import ExtractionError
from ..settings import Settings
from . import signals as sig
from .sources import RawFile

logger = logging.getLogger(__name__)

TITLE_MAX_WORDS = 20
DERIVED_TITLE_CHARS = 110
_SENTENCE = re.compile(r"^(.+?[.!?])(?=\s+[A-ZÄÖÜ\"„“]|$)", re.S)
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


def extract(raw: RawFile, settings: Settings) -> Document:
    """The Document for one corpus file; raises ExtractionError when unusable."""
    # path: relative to the corpus root, like the id, so no server path leaks into the index
    doc = Document(id=raw.doc_id, path=raw.doc_id + raw.path.suffix, source_sha256=raw.sha256)
    if raw.is_html:
        from .html import extract_html  # lxml and friends load only for HTML

        return extract_html(raw.text, doc, settings)
    return extract_text(raw.text, doc)


@dataclass
class _Page:
    """Working state of the plain-text cascade."""

    lines: list[str]
    date: str | None = None
    source: str | None = None
    authors: list[str] = field(default_factory=list)


def extract_text(text: str, doc: Document) -> Document:
    """Fill ``doc`` from a plain-text page.

    Cascade:
    1. normalise whitespace and invisible characters, drop link artifacts;
    2. take a leading ``date YYYY[-MM[-DD]]`` field as the document date;
    3. cut the furniture tail (teasers, counters, menus after the article);
    4. drop furniture lines at the head and inside, keeping their metadata;
    5. take bylines as authors and agency datelines as the source;
    6. join hard-wrapped lines into paragraphs;
    7. take a title line, or derive a title from the first sentence.
    """
    # 1. normalise
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", text))
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = sig.remove_link_artifacts(text)
    # 2. leading field
    date, text = sig.leading_date_field(text)
    page = _Page([line.strip() for line in text.split("\n")], date=date)
    # 3. and 4. furniture
    _cut_tail(page)
    _drop_furniture(page)
    # 5. bylines and datelines
    _take_bylines(page)
    # 6. paragraphs
    paragraphs = [p for p in _paragraphs(page.lines) if p.strip()]
    if not paragraphs:
        raise ExtractionError("no article text left after removing boilerplate")
    for paragraph in paragraphs[:3]:
        agency = sig.dateline(paragraph)
        if agency and not page.source:
            page.source = agency[0]
    # 7. title
    _set_title(doc, paragraphs)
    doc.date = doc.date or page.date
    doc.source = doc.source or page.source
    doc.author = doc.author or (", ".join(page.authors) or None)
    return doc


def _cut_tail(page: _Page) -> None:
    """Remove the run of furniture after the article, when it has a strong signal."""
    lines = page.lines
    cut, strong = len(lines), False
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        if not (line == "" or sig.is_furniture(line) or sig.is_short_label(line) or _teaser_headline(lines, index)):
            break
        strong = strong or sig.is_furniture(line)
        cut = index
    if strong:
        _harvest(page, lines[cut:])
        logger.debug("cut %d furniture lines at the end", len(lines) - cut)
        del lines[cut:]


def _teaser_headline(lines: list[str], index: int) -> bool:
    following = next((line for line in lines[index + 1:] if line), "")
    return len(lines[index].split()) <= 15 and sig.is_teaser(following)


def _drop_furniture(page: _Page) -> None:
    """Drop counters, source/date lines and breadcrumbs wherever they stand."""
    kept = []
    for line in page.lines:
        if line and (sig.is_counter(line) or sig.source_date_line(line) or sig.is_breadcrumb(line)):
            _harvest(page, [line])
            continue
        kept.append(line)
    page.lines = kept


def _harvest(page: _Page, lines: list[str]) -> None:
    """Keep the source and date that furniture lines carry."""
    for line in lines:
        found = sig.source_date_line(line)
        if found:
            source, date = found
            page.source = page.source or source
            page.date = page.date or date


def _take_bylines(page: _Page) -> None:
    kept = []
    for position, line in enumerate(page.lines):
        author = sig.byline_author(line) if position < 8 else None
        if author:
            page.authors.append(author)
        else:
            kept.append(line)
    page.lines = kept


def _paragraphs(lines: list[str]) -> list[str]:
    """Blank-line blocks and single lines become paragraphs; wrapped lines join."""
    paragraphs: list[str] = []
    previous_blank = True
    for line in lines:
        if not line:
            previous_blank = True
            continue
        if paragraphs and not previous_blank and _continues(paragraphs[-1], line):
            joiner = "" if paragraphs[-1].endswith("-") and line[:1].islower() else " "
            paragraphs[-1] = paragraphs[-1] + joiner + line
        else:
            paragraphs.append(line)
        previous_blank = False
    return [" ".join(p.split()) for p in paragraphs]


def _continues(previous: str, line: str) -> bool:
    """A hard-wrapped line: the previous one stops mid-sentence, this one goes on in lower case."""
    return not previous.endswith(sig.SENTENCE_END) and not previous.endswith(",") and line[:1].islower()


def _set_title(doc: Document, paragraphs: list[str]) -> None:
    first = paragraphs[0]
    if len(paragraphs) > 1 and _is_heading(first):
        doc.title = first
        del paragraphs[0]
        if len(paragraphs) > 1 and _is_heading(paragraphs[0]):
            doc.description = paragraphs[0]
    else:
        doc.title = derived_title(first)
        doc.title_derived = True
    doc.paragraphs = [Paragraph(text=p) for p in paragraphs]


def _is_heading(paragraph: str) -> bool:
    """A title-like line: short, and not ending like a sentence."""
    return len(paragraph.split()) <= TITLE_MAX_WORDS and not paragraph.rstrip().endswith((".", ",", ";"))


def derived_title(paragraph: str) -> str:
    """The first sentence of a paragraph (dateline removed), shortened."""
    text = sig.strip_dateline(paragraph).strip()
    match = _SENTENCE.match(text)
    sentence = match.group(1) if match else text
    if len(sentence) <= DERIVED_TITLE_CHARS:
        return sentence
    return sentence[:DERIVED_TITLE_CHARS].rsplit(" ", 1)[0].rstrip(",;:") + " …"

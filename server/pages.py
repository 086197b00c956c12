"""View models for the HTML pages: pagination, result cards, document rows.

Everything that turns an engine answer into what a template shows lives
here, so templates only loop and print. Links keep the current filters and
reset the page; all HTML comes from ``highlight`` (escaped, then marked).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Sequence
from urllib.parse import urlencode

from markupsafe import Markup
from werkzeug.datastructures import MultiDict

from indexer.document import ENGLISH, Paragraph
from indexer.engines.base import Hit
from indexer.engines.hits import HitDocument
from indexer.highlight import find_spans
from indexer.languages import language_name
from indexer.query import MAX_WINDOW, SearchRequest
from indexer.results import hit_snippets, snippet_html

from .highlight import MatchCounter, translation_label


def search_url(args: MultiDict, **changes: Any) -> str:
    """``?…`` of the search page with ``changes`` applied (None drops a parameter).

    Any change other than ``page`` goes back to page 1.
    """
    params = MultiDict(args)
    if "page" not in changes:
        params.pop("page", None)
    for name, value in changes.items():
        params.pop(name, None)
        for item in value if isinstance(value, (list, tuple)) else [value]:
            if item is not None and item != "":
                params.add(name, str(item))
    return "?" + urlencode(list(params.items(multi=True)))


@dataclass(frozen=True)
class PageLink:
    """A pagination entry; ``href`` is None for the current page."""

    label: str
    href: str | None
    current: bool = False


def pagination(args: MultiDict, search: SearchRequest, total: int) -> list[PageLink]:
    """Previous, a window of page numbers, next; never past ``page x size`` limits."""
    last = min(math.ceil(total / search.size), MAX_WINDOW // search.size)
    if last <= 1:
        return []
    links = []
    if search.page > 1:
        links.append(PageLink("Previous", search_url(args, page=search.page - 1)))
    for number in range(max(1, search.page - 2), min(last, search.page + 2) + 1):
        current = number == search.page
        links.append(PageLink(str(number), None if current else search_url(args, page=number), current))
    if search.page < last:
        links.append(PageLink("Next", search_url(args, page=search.page + 1)))
    return links


@dataclass(frozen=True)
class ResultCard:
    """One hit as the search page shows it."""

    doc: HitDocument
    language: str
    original: list[Markup]
    english: list[Markup]
    translation_label: str | None
    untranslated: int  # paragraphs without an English version


def result_card(hit: Hit, terms: Sequence[str]) -> ResultCard:
    """The snippets, labels and notes for a hit.

    Engines give every side a document has a snippet (the lead text when
    nothing matched there); ``results.hit_snippets`` makes each side show a
    match of ``terms`` when its text has one, never a function word.
    """
    doc = hit.document
    snippets = hit_snippets(hit, terms)
    original = [Markup(snippet_html(s)) for s in snippets.original]
    english = [Markup(snippet_html(s)) for s in snippets.english]
    if doc.language == ENGLISH and english:
        original = []  # an English article's original is its English: show it once
    return ResultCard(
        doc=doc,
        language=language_name(doc.language),
        original=original,
        english=english,
        translation_label=translation_label(doc.translators),
        untranslated=doc.untranslated,
    )


@dataclass(frozen=True)
class ParagraphRow:
    """One aligned row of the document page.

    A paragraph written in English has only ``english`` (shown once, across
    both columns); ``untranslated_note`` is set on the first untranslated
    paragraph only, so the page says it once.
    """

    language: str | None
    original: Markup | None
    english: Markup | None
    native_english: bool
    untranslated_note: str | None = None


def paragraph_rows(paragraphs: Sequence[Paragraph], terms: Sequence[str]) -> tuple[list[ParagraphRow], int]:
    """The rows with query matches marked and numbered on both sides, and
    the number of matches (for the ``#m1`` … navigation)."""
    spans = [
        (find_spans(p.text, terms) if not p.is_english else (),
         find_spans(p.english, terms) if p.english is not None else ())
        for p in paragraphs
    ]
    counter = MatchCounter(sum(len(a) + len(b) for a, b in spans))
    untranslated = [p for p in paragraphs if p.english is None and not p.is_english]
    rows, noted = [], False
    for paragraph, (original_spans, english_spans) in zip(paragraphs, spans):
        note = None
        if paragraph.english is None and not paragraph.is_english and not noted:
            note, noted = _untranslated_note(untranslated), True
        rows.append(ParagraphRow(
            language=paragraph.language,
            original=None if paragraph.is_english else counter.mark(paragraph.text, original_spans),
            english=counter.mark(paragraph.english, english_spans) if paragraph.english is not None else None,
            native_english=paragraph.is_english,
            untranslated_note=note,
        ))
    return rows, counter.total


def _untranslated_note(untranslated: Sequence[Paragraph]) -> str:
    languages = sorted({p.language or "und" for p in untranslated})
    pairs = ", ".join(f"{code}→en" for code in languages)
    count = len(untranslated)
    others = f" This holds for all {count} paragraphs with an empty English column." if count > 1 else ""
    return f"Not translated: no {pairs} translation.{others}"

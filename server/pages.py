"""View models for the HTML pages: facet links, pagination, result cards.

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

from indexer.document import ENGLISH, Document, Paragraph
from indexer.engines.base import FACETS, FacetValue, Hit
from indexer.languages import language_name
from indexer.query import MAX_WINDOW, Filters, SearchRequest
from indexer.results import snippet_html, translators

from .highlight import highlight_html, translation_label

FACET_PARAMS = {"language": "lang", "source": "source", "year": "year", "translated": "translated"}
FACET_TITLES = {"language": "Language", "source": "Source", "year": "Year", "translated": "Translation"}


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
class FacetLink:
    """One facet value as a filter link."""

    label: str
    count: int
    selected: bool
    href: str


def facet_groups(
    args: MultiDict, filters: Filters, facets: dict[str, tuple[FacetValue, ...]]
) -> list[tuple[str, str, list[FacetLink]]]:
    """``(name, title, links)`` for every facet; selected values come first.

    What is selected comes from the parsed ``filters``, so the page shows
    exactly the restrictions the engine applied.
    """
    groups = []
    for name in FACETS:
        param = FACET_PARAMS[name]
        chosen = _chosen(filters, name)
        links = [_facet_link(args, name, param, chosen, v.value, v.count) for v in facets.get(name, ())]
        shown = {link.label for link in links}
        for value in chosen:  # a selected value without hits must stay removable
            link = _facet_link(args, name, param, chosen, value, 0)
            if link.label not in shown:
                links.append(link)
        links.sort(key=lambda link: not link.selected)
        groups.append((name, FACET_TITLES[name], links))
    return groups


def _chosen(filters: Filters, name: str) -> list[str]:
    # Facet values as the engine reports them: "yes"/"no" for translated, years as text.
    if name == "translated":
        return [] if filters.translated is None else ["yes" if filters.translated else "no"]
    if name == "year":
        return [str(year) for year in filters.years]
    return list(filters.languages if name == "language" else filters.sources)


def _facet_link(args: MultiDict, name: str, param: str, chosen: list[str], value: str, count: int) -> FacetLink:
    value = str(value)
    selected = value in chosen
    if param == "translated":
        target = None if selected else ("true" if value == "yes" else "false")
        href = search_url(args, translated=target)
    else:
        values = [v for v in chosen if v != value] if selected else chosen + [value]
        href = search_url(args, **{param: values})
    return FacetLink(_facet_label(name, value), count, selected, href)


def _facet_label(name: str, value: str) -> str:
    if name == "language":
        return language_name(value)
    if name == "translated":
        return {"yes": "translated", "no": "untranslated"}.get(value, value)
    if name == "year" and value in ("0", ""):
        return "undated"
    return value or "unknown source"


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

    doc: Document
    language: str
    original: list[Markup]
    english: list[Markup]
    translation_label: str | None
    untranslated: int  # paragraphs without an English version


def result_card(hit: Hit) -> ResultCard:
    """The engine's snippets, labels and notes for a hit.

    Engines give every side a document has a snippet (the lead text when
    nothing matched there), so there is no fallback to build here.
    """
    doc = hit.document
    original = [Markup(snippet_html(s)) for s in hit.snippets.original]
    english = [Markup(snippet_html(s)) for s in hit.snippets.english]
    if doc.language == ENGLISH and english:
        original = []  # an English article's original is its English: show it once
    return ResultCard(
        doc=doc,
        language=language_name(doc.language),
        original=original,
        english=english,
        translation_label=translation_label(translators(doc)),
        untranslated=len(doc.untranslated_paragraphs),
    )


@dataclass(frozen=True)
class ParagraphRow:
    """One aligned row of the document page."""

    language: str | None
    original: Markup
    english: Markup | None
    native_english: bool


def paragraph_rows(paragraphs: Sequence[Paragraph], terms: Sequence[str]) -> list[ParagraphRow]:
    """Original and English of each paragraph, query words marked on both sides."""
    return [
        ParagraphRow(
            language=p.language,
            original=highlight_html(p.text, terms),
            english=highlight_html(p.english, terms) if p.english is not None else None,
            native_english=p.is_english,
        )
        for p in paragraphs
    ]

"""Documents, hits and facets as JSON: the API's contract, also `search --json`.

The field order and names here are the API contract documented in README.
Snippets are escaped HTML with ``<mark>`` around the matches. A paragraph's
``gloss`` (retrieval-only dictionary keywords) is never shown as a
translation, so it is not in any output.
"""
from __future__ import annotations

import html
from typing import Any, Sequence

from .document import Document, Paragraph
from .engines.base import FACETS, FacetValue, Hit, SearchResponse, Snippet, Snippets
from .highlight import query_terms, refine
from .interpretation import interpretation_json
from .query import SearchRequest

MARK_OPEN, MARK_CLOSE = "<mark>", "</mark>"

METADATA_FIELDS = (
    "id", "path", "title", "title_en", "title_translator", "title_derived", "language",
    "date", "source", "author", "description", "url", "source_sha256",
)


def snippet_html(snippet: Snippet) -> str:
    """Escaped HTML of an engine snippet with its spans in ``<mark>``."""
    return snippet.marked(MARK_OPEN, MARK_CLOSE, escape=html.escape)


def search_json(request: SearchRequest, response: SearchResponse) -> dict[str, Any]:
    """The body of ``GET /api/search``; ``took_ms`` is the engine's own timing."""
    terms = query_terms(response.query or request.query)
    return {
        "query": request.query.raw,
        "total": response.total,
        "page": request.page,
        "size": request.size,
        "hits": [hit_json(hit, terms) for hit in response.hits],
        "facets": facets_json(response.facets),
        "took_ms": round(response.took_ms, 2),
        "interpretation": interpretation_json(response.query or request.query),
    }


def hit_json(hit: Hit, terms: Sequence[str] = ()) -> dict[str, Any]:
    """One search hit: metadata, score, snippets (escaped HTML), translated flag."""
    doc = hit.document
    snippets = hit_snippets(hit, terms)
    return {
        "id": doc.id,
        "path": doc.path,
        "title": doc.title,
        "title_en": doc.title_en,
        "language": doc.language,
        "date": doc.date,
        "source": doc.source,
        "author": doc.author,
        "score": round(float(hit.score), 4),
        "snippets": {
            "original": [snippet_html(s) for s in snippets.original],
            "english": [snippet_html(s) for s in snippets.english],
        },
        "translated": doc.translated,
    }


def hit_snippets(hit: Hit, terms: Sequence[str]) -> Snippets:
    """The engine's snippets of ``hit``, each side showing a match of ``terms``
    when its text has one, and no function word marked (``highlight.refine``)."""
    doc = hit.document
    return Snippets(
        original=refine(hit.snippets.original, _original_text(doc), terms),
        english=refine(hit.snippets.english, doc.english_text(), terms),
    )


def _original_text(doc: Document) -> str:
    """The text written in the document's own languages (English paragraphs are the English side)."""
    return "\n\n".join(p.text for p in doc.paragraphs if not p.is_english)


def facets_json(facets: dict[str, tuple[FacetValue, ...]]) -> dict[str, list[dict[str, Any]]]:
    """Every facet of ``FACETS`` (empty when the engine gave none) as value/count lists."""
    return {
        name: [{"value": str(f.value), "count": f.count} for f in facets.get(name, ())]
        for name in FACETS
    }


def document_json(doc: Document) -> dict[str, Any]:
    """The body of ``GET /api/documents/<id>``: metadata, provenance, paragraphs."""
    body: dict[str, Any] = {name: getattr(doc, name) for name in METADATA_FIELDS}
    body["translated"] = doc.translated
    body["translators"] = translators(doc)
    body["paragraphs"] = [paragraph_json(p) for p in doc.paragraphs]
    return body


def paragraph_json(paragraph: Paragraph) -> dict[str, Any]:
    """A paragraph as shown side by side; ``english`` is None when untranslated."""
    return {
        "language": paragraph.language,
        "text": paragraph.text,
        "english": paragraph.english,
        "translator": paragraph.translator,
    }


def translators(doc: Document) -> list[str]:
    """Every translator id that produced part of ``doc``'s English, title first."""
    found: dict[str, None] = {}
    if doc.title_translator:
        found[doc.title_translator] = None
    for paragraph in doc.paragraphs:
        if paragraph.translator and not paragraph.is_english:
            found[paragraph.translator] = None
    return list(found)

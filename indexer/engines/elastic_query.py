"""Render the neutral SearchRequest as an Elasticsearch search body, and read
the answer back into a SearchResponse.

What the clauses mean, which fields are searched and how they are weighted
come from query.py and fields.py; this module only spells them in the
Elasticsearch query DSL:

- a word clause is a ``best_fields`` multi_match with ``Ranking.field_tie``,
  a phrase clause a ``phrase`` multi_match, both over ``fields.TEXT_FIELDS``
  with their ``Ranking`` weights;
- SHOULD / MUST / MUST_NOT become the bool query's should / must / must_not
  (with at least one SHOULD required when nothing is MUST);
- filters go to filter context, facets are terms aggregations, highlights
  use private-use characters as markers so that they can be parsed into
  character spans without any HTML involved.
"""
from __future__ import annotations

from typing import Any

from ..document import Document
from ..query import Clause, Filters, Occur, SearchRequest, TermGroup
from ..ranking import Ranking
from .base import (
    SNIPPET_CHARS,
    Hit,
    SearchResponse,
    Snippet,
    Snippets,
    facet_aggregations,
    facets_from_aggregations,
    lead_snippet,
)
from .elastic_mapping import STORED_FIELD
from .fields import (
    ENGLISH_BODY_FIELD,
    ORIGINAL_BODY_FIELDS,
    TEXT_FIELDS,
    date_filter_bounds,
    original_field,
    translated_value,
    translation_fields,
)

PRE_TAG, POST_TAG = "\ue000", "\ue001"


def boosted_fields(ranking: Ranking) -> list[str]:
    """``name^boost`` for every full-text field."""
    return [f"{f.name}^{f.boost(ranking):g}" for f in TEXT_FIELDS]


def render_clause(clause: Clause, ranking: Ranking) -> dict[str, Any]:
    """One clause as a multi_match query, with its translation groups beside it."""
    if clause.phrase:
        query = {"multi_match": {"query": clause.text, "type": "phrase", "fields": boosted_fields(ranking)}}
    else:
        query = {
            "multi_match": {
                "query": clause.text,
                "type": "best_fields",
                "tie_breaker": ranking.field_tie,
                "fields": boosted_fields(ranking),
            }
        }
    if not clause.translations:
        return query
    groups = [render_group(group, ranking) for group in clause.translations]
    return {"bool": {"should": [query, *groups], "minimum_should_match": 1}}


def render_group(group: TermGroup, ranking: Ranking) -> dict[str, Any]:
    """A dictionary translation group as one weighted unit: a dis_max
    over its translations in the fields of ``fields.translation_fields``."""
    queries = [
        {"match_phrase": {name: {"query": term, "boost": boost}}}
        for term in group.alternatives
        for name, _, boost in translation_fields(group.language, ranking)
    ]
    return {"dis_max": {"queries": queries, "tie_breaker": ranking.group_tie, "boost": group.weight}}


def render_filters(filters: Filters) -> list[dict[str, Any]]:
    """Filter-context clauses for the facet selections and the date range."""
    out: list[dict[str, Any]] = []
    if filters.languages:
        out.append({"terms": {"language": list(filters.languages)}})
    if filters.sources:
        out.append({"terms": {"source": list(filters.sources)}})
    if filters.years:
        out.append({"terms": {"year": list(filters.years)}})
    bounds = date_filter_bounds(filters.dates)
    if bounds:
        out.append({"range": {"date_sort": {"gte": bounds[0], "lte": bounds[1]}}})
    if filters.translated is not None:
        out.append({"term": {"translated": translated_value(filters.translated)}})
    return out


def render_query(request: SearchRequest, ranking: Ranking) -> dict[str, Any]:
    """The bool query: clauses by occurrence, filters in filter context."""
    by_occur: dict[Occur, list[dict[str, Any]]] = {occur: [] for occur in Occur}
    for clause in request.query.clauses:
        by_occur[clause.occur].append(render_clause(clause, ranking))
    query: dict[str, Any] = {
        "should": by_occur[Occur.SHOULD],
        "must": by_occur[Occur.MUST],
        "must_not": by_occur[Occur.MUST_NOT],
        "filter": render_filters(request.filters),
    }
    if not by_occur[Occur.MUST]:
        # With a filter present Elasticsearch would otherwise let documents
        # match no word at all.
        query["minimum_should_match"] = 1
    return {"bool": query}


def render_sort(sort: str) -> list[Any]:
    """Relevance, or newest first with undated documents (date_sort 0) last;
    the id breaks ties so pages never overlap."""
    if sort == "date":
        return [{"date_sort": "desc"}, {"_score": "desc"}, {"id": "asc"}]
    return [{"_score": "desc"}, {"id": "asc"}]


def render_search(request: SearchRequest, ranking: Ranking) -> dict[str, Any]:
    """The complete search body for ``request``."""
    body: dict[str, Any] = {
        "query": render_query(request, ranking),
        "from": request.offset,
        "size": request.size,
        "sort": render_sort(request.sort),
        "track_scores": True,
        "track_total_hits": True,
        "_source": [STORED_FIELD],
        "highlight": {
            "pre_tags": [PRE_TAG],
            "post_tags": [POST_TAG],
            "fields": {
                name: {"fragment_size": SNIPPET_CHARS, "number_of_fragments": 1}
                for name in (*ORIGINAL_BODY_FIELDS, ENGLISH_BODY_FIELD)
            },
        },
    }
    if request.facets:
        body["aggs"] = facet_aggregations()
    return body


def parse_snippet(marked: str) -> Snippet:
    """A highlighted fragment with PRE_TAG/POST_TAG markers as a Snippet."""
    text: list[str] = []
    spans: list[tuple[int, int]] = []
    length, start = 0, None
    for piece in _split_markers(marked):
        if piece == PRE_TAG:
            start = length
        elif piece == POST_TAG:
            if start is not None and length > start:
                spans.append((start, length))
            start = None
        else:
            text.append(piece)
            length += len(piece)
    return Snippet("".join(text), tuple(spans))


def _split_markers(marked: str) -> list[str]:
    pieces, current = [], []
    for char in marked:
        if char in (PRE_TAG, POST_TAG):
            pieces += ["".join(current), char]
            current = []
        else:
            current.append(char)
    pieces.append("".join(current))
    return [p for p in pieces if p]


def parse_hit(raw: dict[str, Any]) -> Hit:
    """One Elasticsearch hit as a Hit with one snippet per side.

    Original side: the first of the document's languages with a highlight;
    either side falls back to the start of its text, as on every engine.
    """
    doc = Document.from_dict(raw["_source"][STORED_FIELD])
    highlight = raw.get("highlight", {})
    fields = [original_field(code) for code in doc.original_languages]
    original = next((f for f in fields if highlight.get(f)), None)
    return Hit(
        document=doc,
        score=float(raw.get("_score") or 0.0),
        snippets=Snippets(
            original=(parse_snippet(highlight[original][0]),) if original else lead_snippet(doc.text()),
            english=(
                (parse_snippet(highlight[ENGLISH_BODY_FIELD][0]),)
                if highlight.get(ENGLISH_BODY_FIELD)
                else lead_snippet(doc.english_text())
            ),
        ),
    )


def parse_response(response: dict[str, Any]) -> SearchResponse:
    """An Elasticsearch search answer as a SearchResponse."""
    hits = response["hits"]
    return SearchResponse(
        total=int(hits["total"]["value"]),
        hits=tuple(parse_hit(raw) for raw in hits["hits"]),
        facets=facets_from_aggregations(response.get("aggregations", {})),
        took_ms=float(response.get("took", 0)),
    )

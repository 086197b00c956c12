"""Render the neutral SearchRequest as an Elasticsearch search body, and read
the answer back into a SearchResponse.

What the clauses mean, which fields are searched and how they are weighted
come from query.py and fields.py; this module only spells them in the
Elasticsearch query DSL:

- a word clause is a ``best_fields`` multi_match with ``Ranking.field_tie``,
  a phrase clause a ``phrase`` multi_match, both over ``fields.CLAUSE_FIELDS``
  with their ``Ranking`` weights;
- SHOULD / MUST / MUST_NOT become the bool query's should / must / must_not
  (with at least one SHOULD required when nothing is MUST);
- a query with nothing to search for (browsing) is ``match_all`` minus
  the exclusions;
- the date range goes to filter context; facet selections go to the
  ``post_filter``, and each facet's terms aggregation sits in a ``filter``
  aggregation of the *other* facets' selections, so the values not chosen
  keep their counts (multi-select facets); highlights
  use private-use characters as markers so that they can be parsed into
  character spans without any HTML involved.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any, Callable

from ..document import Document
from ..query import Clause, Filters, Occur, SearchRequest, TermGroup
from ..ranking import Ranking
from .base import (
    FACET_SIZES,
    SNIPPET_CHARS,
    FacetValue,
    Hit,
    Once,
    SearchResponse,
    Snippet,
    Snippets,
    document_texts,
    facets_from_aggregations,
    lead_snippet,
)
from .elastic_mapping import HIT_FIELD
from .fields import (
    ENGLISH_BODY_FIELD,
    ORIGINAL_BODY_FIELDS,
    TRANSLATION_PHRASE_SLOP,
    clause_fields,
    date_filter_bounds,
    original_field,
    source_key,
    translated_value,
    translation_fields,
)
from .hits import HitDocument

PRE_TAG, POST_TAG = "\ue000", "\ue001"
# Highlighters analyze this many characters of a field at most: the unified
# highlighter takes 40-50 s on one 240,000-character paragraph (measured on
# OpenSearch 2.19), about 1 s with this limit. A match further in shows the
# start of the text instead.
HIGHLIGHT_ANALYZED_CHARS = 10_000


def boosted_fields(ranking: Ranking, clause: Clause) -> list[str]:
    """``name^boost`` for every full-text field a clause searches (see ``fields.clause_fields``)."""
    return [f"{f.name}^{f.boost(ranking):g}" for f in clause_fields(clause)]


def render_clause(clause: Clause, ranking: Ranking) -> dict[str, Any]:
    """One clause as a multi_match query, with its translation groups beside it."""
    if clause.phrase:
        query = {"multi_match": {"query": clause.text, "type": "phrase", "fields": boosted_fields(ranking, clause)}}
    else:
        query = {
            "multi_match": {
                "query": clause.text,
                "type": "best_fields",
                "tie_breaker": ranking.field_tie,
                "fields": boosted_fields(ranking, clause),
            }
        }
    if not clause.translations:
        return query
    groups = [render_group(group, ranking, clause.field) for group in clause.translations]
    return {"bool": {"should": [query, *groups], "minimum_should_match": 1}}


def render_group(group: TermGroup, ranking: Ranking, field: str | None = None) -> dict[str, Any]:
    """A dictionary translation group as one weighted unit: a dis_max
    over its translations (each with its own weight) in the fields of
    ``fields.translation_fields``."""
    queries = [
        {"match_phrase": {name: {"query": term, "slop": TRANSLATION_PHRASE_SLOP, "boost": boost * weight}}}
        for term, weight in group.weighted
        for name, _, boost in translation_fields(group.language, ranking, field)
    ]
    return {"dis_max": {"queries": queries, "tie_breaker": ranking.group_tie, "boost": group.weight}}


def _facet_filters(filters: Filters) -> dict[str, dict[str, Any]]:
    """Facet name -> the filter clause of its selection (selected facets only)."""
    out: dict[str, dict[str, Any]] = {}
    if filters.languages:
        out["language"] = {"terms": {"language": list(filters.languages)}}
    if filters.sources:
        out["source"] = {"terms": {"source_key": [source_key(s) for s in filters.sources]}}
    if filters.years:
        out["year"] = {"terms": {"year": list(filters.years)}}
    if filters.translated is not None:
        out["translated"] = {"term": {"translated": translated_value(filters.translated)}}
    return out


def _date_filter(filters: Filters) -> list[dict[str, Any]]:
    bounds = date_filter_bounds(filters.dates)
    return [{"range": {"date_sort": {"gte": bounds[0], "lte": bounds[1]}}}] if bounds else []


def render_query(request: SearchRequest, ranking: Ranking) -> dict[str, Any]:
    """The bool query: clauses by occurrence, the date range in filter
    context (facet selections are the ``post_filter``, see ``render_search``)."""
    by_occur: dict[Occur, list[dict[str, Any]]] = {occur: [] for occur in Occur}
    for clause in request.query.clauses:
        by_occur[clause.occur].append(render_clause(clause, ranking))
    query: dict[str, Any] = {
        "should": by_occur[Occur.SHOULD],
        "must": by_occur[Occur.MUST],
        "must_not": by_occur[Occur.MUST_NOT],
        "filter": _date_filter(request.filters),
    }
    if request.query.browse:
        query["must"] = [{"match_all": {}}]
    elif not by_occur[Occur.MUST]:
        # With a filter present Elasticsearch would otherwise let documents
        # match no word at all.
        query["minimum_should_match"] = 1
    return {"bool": query}


def render_facets(filters: Filters) -> dict[str, Any]:
    """Each facet's terms aggregation inside a ``filter`` aggregation of the
    other facets' selections (read back by ``parse_facets``)."""
    selections = _facet_filters(filters)
    aggs = {}
    for name, size in FACET_SIZES.items():
        others = [clause for facet, clause in selections.items() if facet != name]
        aggs[name] = {
            "filter": {"bool": {"filter": others}},
            "aggs": {name: {"terms": {"field": name, "size": size}}},
        }
    return aggs


def parse_facets(aggregations: dict[str, Any]) -> dict[str, tuple[FacetValue, ...]]:
    """Facet values from the aggregations of ``render_facets``."""
    inner = {name: value.get(name, {}) for name, value in aggregations.items() if name in FACET_SIZES}
    return facets_from_aggregations(inner)


def render_sort(sort: str) -> list[Any]:
    """Relevance, or newest first with undated documents (date_sort 0) last;
    the id breaks ties so pages never overlap."""
    if sort == "date":
        return [{"date_sort": "desc"}, {"_score": "desc"}, {"id": "asc"}]
    return [{"_score": "desc"}, {"id": "asc"}]


def render_search(request: SearchRequest, ranking: Ranking, highlight_limit: str | None = None) -> dict[str, Any]:
    """The complete search body for ``request``: one request answers a search
    (ranked page, highlights, facet aggregations), and hits bring back only
    their stored summary.

    ``highlight_limit`` is the server's name for the highlighter's analysis
    limit (Elasticsearch ``max_analyzed_offset``, OpenSearch
    ``max_analyzer_offset``); it is set to ``HIGHLIGHT_ANALYZED_CHARS``.
    """
    body: dict[str, Any] = {
        "query": render_query(request, ranking),
        "from": request.offset,
        "size": request.size,
        "sort": render_sort(request.sort),
        "track_scores": True,
        "track_total_hits": True,
        "_source": [HIT_FIELD],  # a hit reads its summary, not the whole document
        "highlight": {
            "pre_tags": [PRE_TAG],
            "post_tags": [POST_TAG],
            "fields": {
                name: {"fragment_size": SNIPPET_CHARS, "number_of_fragments": 1}
                for name in (*ORIGINAL_BODY_FIELDS, ENGLISH_BODY_FIELD)
            },
        },
    }
    if highlight_limit:
        body["highlight"][highlight_limit] = HIGHLIGHT_ANALYZED_CHARS
    selections = list(_facet_filters(request.filters).values())
    if selections:
        body["post_filter"] = {"bool": {"filter": selections}}
    if request.facets:
        body["aggs"] = render_facets(request.filters)
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
    doc = HitDocument.from_dict(raw["_source"][HIT_FIELD])
    highlight = raw.get("highlight", {})
    fields = [original_field(code) for code in doc.original_languages]
    original = next((f for f in fields if highlight.get(f)), None)
    return Hit(
        document=doc,
        score=float(raw.get("_score") or 0.0),
        snippets=Snippets(
            original=(parse_snippet(highlight[original][0]),) if original else lead_snippet(doc.lead_original),
            english=(
                (parse_snippet(highlight[ENGLISH_BODY_FIELD][0]),)
                if highlight.get(ENGLISH_BODY_FIELD)
                else lead_snippet(doc.lead_english)
            ),
        ),
    )


def _texts_reader(load: Callable[[str], Document | None], doc_id: str) -> Callable[[], tuple[str, str]]:
    return Once(lambda: document_texts(load(doc_id)))


def parse_response(response: dict[str, Any], load: Callable[[str], Document | None] | None = None
                   ) -> SearchResponse:
    """An Elasticsearch search answer as a SearchResponse; ``load(id)`` reads
    a whole document for ``Hit.side_texts`` (a hit brings only its summary)."""
    hits = response["hits"]
    parsed = (parse_hit(raw) for raw in hits["hits"])
    return SearchResponse(
        total=int(hits["total"]["value"]),
        hits=tuple(replace(hit, texts=_texts_reader(load, hit.document.id)) if load else hit for hit in parsed),
        facets=parse_facets(response.get("aggregations", {})),
        took_ms=float(response.get("took", 0)),
    )

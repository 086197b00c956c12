"""Tantivy rendering of the backend-neutral query (``indexer.query``).

Each clause becomes a disjunction-max over the text fields of
``fields.TEXT_FIELDS`` (boosted, tie-breaker ``fields.TIE_BREAKER``), the
word analysed by each field's own analyzer; clauses combine in one boolean
query; filters are zero-scored required clauses.
"""
from __future__ import annotations

from typing import Any

import tantivy

from ..query import Clause, Filters, Occur, ParsedQuery
from .fields import TEXT_FIELDS, TIE_BREAKER, date_sort_key
from .tantivy_schema import analyzer

_OCCUR = {Occur.SHOULD: tantivy.Occur.Should, Occur.MUST: tantivy.Occur.Must, Occur.MUST_NOT: tantivy.Occur.MustNot}


def render(query: ParsedQuery, filters: Filters, schema: Any) -> Any:
    """The full Tantivy query: text clauses plus filters."""
    parts = []
    for clause in query.clauses:
        rendered = clause_query(clause, schema)
        if rendered is None:
            if clause.occur is Occur.MUST:
                return tantivy.Query.empty_query()  # a required word no field can contain
            continue
        parts.append((_OCCUR[clause.occur], rendered))
    if not any(occur is not tantivy.Occur.MustNot for occur, _ in parts):
        return tantivy.Query.empty_query()
    text = tantivy.Query.boolean_query(parts)
    restrictions = filter_queries(filters, schema)
    if not restrictions:
        return text
    return tantivy.Query.boolean_query(
        [(tantivy.Occur.Must, text)]
        + [(tantivy.Occur.Must, tantivy.Query.const_score_query(q, 0.0)) for q in restrictions]
    )


def clause_query(clause: Clause, schema: Any) -> Any | None:
    """One clause over every text field, or None when no field can match it."""
    per_field = []
    for text_field in TEXT_FIELDS:
        tokens = analyzer(text_field.analyzer).analyze(clause.text)
        if not tokens:
            continue
        if len(tokens) == 1:
            query = tantivy.Query.term_query(schema, text_field.name, tokens[0])
        else:
            query = tantivy.Query.phrase_query(schema, text_field.name, tokens)
        per_field.append(tantivy.Query.boost_query(query, text_field.boost))
    if not per_field:
        return None
    return tantivy.Query.disjunction_max_query(per_field, tie_breaker=TIE_BREAKER)


def filter_queries(filters: Filters, schema: Any) -> list[Any]:
    """One query per active filter (values within a filter are OR-ed)."""
    queries = []
    for field_name, values in (
        ("language", filters.languages),
        ("source", filters.sources),
    ):
        if values:
            queries.append(_any_term(schema, field_name, list(values)))
    if filters.years:
        queries.append(_any_term(schema, "year", [int(y) for y in filters.years]))
    if filters.translated is not None:
        queries.append(tantivy.Query.term_query(schema, "translated", "yes" if filters.translated else "no"))
    dates = filters.dates
    if dates.start or dates.end:
        low = date_sort_key(dates.start) if dates.start else 1
        high = date_sort_key(dates.end) if dates.end else 99_991_231
        queries.append(tantivy.Query.range_query(schema, "date_sort", tantivy.FieldType.Integer, low, high))
    return queries


def _any_term(schema: Any, field_name: str, values: list[Any]) -> Any:
    return tantivy.Query.boolean_query(
        [(tantivy.Occur.Should, tantivy.Query.term_query(schema, field_name, v)) for v in values]
    )

"""Tantivy rendering of the backend-neutral query (``indexer.query``).

Each clause becomes a disjunction-max over the text fields of
``fields.CLAUSE_FIELDS`` (weighted and tie-broken by a ``Ranking``), the
word analysed by each field's own analyzer; clauses combine in one boolean
query; filters are zero-scored required clauses. A clause's translation
groups (``query.TermGroup``) are added beside it: each group is one
disjunction-max over its translations in the original field (and title) of
its language, weighted as a unit. A query with nothing to search for
(browsing) matches every document but the excluded ones.
"""
from __future__ import annotations

from typing import Any

import tantivy

from ..query import Clause, Filters, Occur, ParsedQuery, TermGroup
from ..ranking import Ranking
from .fields import (
    NEUTRAL,
    TRANSLATION_PHRASE_SLOP,
    clause_fields,
    date_filter_bounds,
    function_words,
    source_key,
    translated_value,
    translation_fields,
)
from .tantivy_schema import analyzer

_OCCUR = {Occur.SHOULD: tantivy.Occur.Should, Occur.MUST: tantivy.Occur.Must, Occur.MUST_NOT: tantivy.Occur.MustNot}


def render(query: ParsedQuery, filters: Filters, schema: Any, ranking: Ranking) -> Any:
    """The full Tantivy query: text clauses plus filters."""
    parts = []
    for clause in query.clauses:
        rendered = clause_query(clause, schema, ranking)
        if rendered is None:
            if clause.occur is Occur.MUST:
                return tantivy.Query.empty_query()  # a required word no field can contain
            continue
        parts.append((_OCCUR[clause.occur], rendered))
    if query.browse:
        parts.append((tantivy.Occur.Must, tantivy.Query.const_score_query(tantivy.Query.all_query(), 0.0)))
    elif not any(occur is not tantivy.Occur.MustNot for occur, _ in parts):
        return tantivy.Query.empty_query()
    text = tantivy.Query.boolean_query(parts)
    restrictions = filter_queries(filters, schema)
    if not restrictions:
        return text
    return tantivy.Query.boolean_query(
        [(tantivy.Occur.Must, text)]
        + [(tantivy.Occur.Must, tantivy.Query.const_score_query(q, 0.0)) for q in restrictions]
    )


def clause_query(clause: Clause, schema: Any, ranking: Ranking) -> Any | None:
    """One clause over every text field plus its translation groups, or None
    when nothing can match it."""
    per_field = []
    for text_field in clause_fields(clause):
        query = _text_query(schema, text_field.name, text_field.analyzer, clause.text)
        if query is not None:
            per_field.append(tantivy.Query.boost_query(query, text_field.boost(ranking)))
    parts = [tantivy.Query.disjunction_max_query(per_field, tie_breaker=ranking.field_tie)] if per_field else []
    groups = (group_query(group, schema, ranking, clause.field) for group in clause.translations)
    parts += [q for q in groups if q is not None]
    if len(parts) <= 1:
        return parts[0] if parts else None
    return tantivy.Query.boolean_query([(tantivy.Occur.Should, part) for part in parts])


def group_query(group: TermGroup, schema: Any, ranking: Ranking, field: str | None = None) -> Any | None:
    """A translation group as one unit: the best-matching translation counts
    (plus ``ranking.group_tie`` of the others) times its own weight, times
    the group weight."""
    alternatives = []
    for term, weight in group.weighted:
        for name, name_analyzer, boost in translation_fields(group.language, ranking, field):
            query = _text_query(schema, name, name_analyzer, term, TRANSLATION_PHRASE_SLOP)
            if query is not None:
                alternatives.append(tantivy.Query.boost_query(query, boost * weight))
    if not alternatives:
        return None
    unit = tantivy.Query.disjunction_max_query(alternatives, tie_breaker=ranking.group_tie)
    return tantivy.Query.boost_query(unit, group.weight)


def _text_query(schema: Any, field_name: str, analyzer_name: str, text: str, slop: int = 0) -> Any | None:
    """A term query, or a phrase query when ``text`` analyses to several tokens."""
    tokens = analyzer(analyzer_name).analyze(text)
    if not tokens:
        return None
    if len(tokens) == 1:
        return tantivy.Query.term_query(schema, field_name, tokens[0])
    if function_words(analyzer_name):  # the index left gaps where function words were
        slop = max(slop, len(analyzer(NEUTRAL).analyze(text)) - len(tokens))
    return tantivy.Query.phrase_query(schema, field_name, tokens, slop)


def filter_queries(filters: Filters, schema: Any) -> list[Any]:
    """One query per active filter (values within a filter are OR-ed)."""
    queries = []
    if filters.languages:
        queries.append(_any_term(schema, "language", list(filters.languages)))
    if filters.sources:
        queries.append(_sources_query(schema, filters.sources))
    if filters.years:
        queries.append(_any_term(schema, "year", [int(y) for y in filters.years]))
    if filters.translated is not None:
        queries.append(tantivy.Query.term_query(schema, "translated", translated_value(filters.translated)))
    bounds = date_filter_bounds(filters.dates)
    if bounds:
        low, high = bounds
        queries.append(tantivy.Query.range_query(schema, "date_sort", tantivy.FieldType.Integer, low, high))
    return queries


def _sources_query(schema: Any, sources: tuple[str, ...]) -> Any:
    """Sources in any case (``source_key``); an index built before that field
    existed matches them as written until it is rebuilt."""
    try:
        return _any_term(schema, "source_key", [source_key(s) for s in sources])
    except ValueError:  # "Field `source_key` is not defined in the schema"
        return _any_term(schema, "source", list(sources))


def _any_term(schema: Any, field_name: str, values: list[Any]) -> Any:
    return tantivy.Query.boolean_query(
        [(tantivy.Occur.Should, tantivy.Query.term_query(schema, field_name, v)) for v in values]
    )


"""Highlighted snippets of a page of Tantivy hits, as neutral Snippets.

Each hit stores its body fields cut into snippet fragments
(``tantivy_fragments``): a field without a query term costs one substring
test, and for a field with one the best fragment is chosen from the stored
cut and only that fragment goes through Tantivy's ``SnippetGenerator`` for
its highlights. Fragments and highlights are exactly the generator's over
the whole field (``body_terms`` gives the fragment choice the generator's
own terms); a document stored without a cut is given to the generator
whole.
"""
from __future__ import annotations

from typing import Any, Sequence

import tantivy

from ..query import ParsedQuery
from ..ranking import Ranking
from .base import SNIPPET_CHARS, Snippet, Snippets, lead_snippet
from .fields import (
    ENGLISH_BODY_FIELD,
    ORIGINAL_BODY_FIELDS,
    clause_fields,
    original_field,
    translation_fields,
)
from .hits import HitDocument
from .tantivy_fragments import best, f32, unpack
from .tantivy_schema import STORED_FRAGMENTS, analyzer

BODY_FIELDS = (*ORIGINAL_BODY_FIELDS, ENGLISH_BODY_FIELD)


def body_terms(query: ParsedQuery, ranking: Ranking) -> dict[str, set[str]]:
    """The terms the rendered query holds in each body field, as indexed:
    each clause analysed in the fields it searches (``fields.clause_fields``)
    and its translations in the fields they search (``fields.translation_fields``),
    as ``tantivy_query`` renders them."""
    terms: dict[str, set[str]] = {}
    for clause in query.clauses:
        targets = [(f.name, f.analyzer, clause.text) for f in clause_fields(clause) if f.name in BODY_FIELDS]
        targets += [
            (name, name_analyzer, term)
            for group in clause.translations
            for term, _ in group.weighted
            for name, name_analyzer, _ in translation_fields(group.language, ranking, clause.field)
            if name in BODY_FIELDS
        ]
        for name, analyzer_name, text in targets:
            tokens = analyzer(analyzer_name).analyze(text)
            if tokens:
                terms.setdefault(name, set()).update(tokens)
    return terms


class SnippetMaker:
    """Snippets for one page of hits of one search."""

    def __init__(self, searcher: Any, query: Any, schema: Any, parsed: ParsedQuery, ranking: Ranking) -> None:
        self._searcher, self._query, self._schema = searcher, query, schema
        self._terms = body_terms(parsed, ranking)
        self._weights: dict[str, dict[str, float]] = {}
        self._generators: dict[str, Any] = {}

    def page(self, stored: Sequence[Any], docs: Sequence[HitDocument]) -> list[Snippets]:
        """One Snippets per hit: the best fragment of the first original field
        that matched and of the English field, else the lead of that side."""
        out = []
        for fields, doc in zip(stored, docs):
            cuts = fields.get_first(STORED_FRAGMENTS)
            cuts = unpack(cuts) if cuts is not None else None
            originals = list(dict.fromkeys(original_field(c) for c in doc.original_languages))
            original = self._first(originals, fields, cuts)
            english = self._first([ENGLISH_BODY_FIELD], fields, cuts)
            out.append(Snippets(
                original=(original,) if original else lead_snippet(doc.lead_original),
                english=(english,) if english else lead_snippet(doc.lead_english),
            ))
        return out

    def _first(self, names: list[str], stored: Any, cuts: dict[str, str] | None) -> Snippet | None:
        """The highlighted fragment of the first of ``names`` that has one."""
        for name in names:
            weights = self._field_weights(name)
            if not weights:
                continue
            if cuts is None:  # stored without a cut: the generator reads the whole field
                snippet = self._snippet(name, stored)
            elif name not in cuts or (span := best(cuts[name], weights)) is None:
                continue
            else:
                text = " ".join(stored.get_all(name))[span[0]:span[1]]
                snippet = self._snippet(name, tantivy.Document(**{name: [text]}))
            if snippet is not None:
                return snippet
        return None

    def _field_weights(self, name: str) -> dict[str, float]:
        """Query term -> the generator's weight ``1 / (1 + doc_freq)``, for terms the field holds."""
        if name not in self._weights:
            weights = {}
            for term in self._terms.get(name, ()):
                frequency = self._searcher.doc_freq(name, term)
                if frequency > 0:
                    weights[term] = f32(1.0 / (1.0 + frequency))
            self._weights[name] = weights
        return self._weights[name]

    def _snippet(self, name: str, document: Any) -> Snippet | None:
        """The generator's highlighted fragment of field ``name`` of ``document``."""
        if name not in self._generators:
            generator = tantivy.SnippetGenerator.create(self._searcher, self._query, self._schema, name)
            generator.set_max_num_chars(SNIPPET_CHARS)
            self._generators[name] = generator
        snippet = self._generators[name].snippet_from_doc(document)
        fragment = snippet.fragment()
        if fragment and snippet.highlighted():
            return Snippet(fragment, _char_spans(fragment, snippet.highlighted()))
        return None


def _char_spans(fragment: str, ranges: Any) -> tuple[tuple[int, int], ...]:
    """Tantivy reports UTF-8 byte offsets; Snippet wants character offsets."""
    data = fragment.encode("utf-8")
    return tuple(
        (len(data[: r.start].decode("utf-8", "ignore")), len(data[: r.end].decode("utf-8", "ignore")))
        for r in ranges
    )

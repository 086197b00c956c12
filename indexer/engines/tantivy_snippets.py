"""Highlighted snippets of a page of Tantivy hits, as neutral Snippets.

Tantivy's ``SnippetGenerator`` analyses (tokenizes and stems) a field's
whole text for every document it is given, matching or not; that was most
of a search's cost. So a page of hits first asks the index which of its
documents hold a query term in which body field (one small search per
field: the field's terms AND the page's ids), and runs the generator only
where a highlight will come out: once per side of a hit, in the first
field that matched. The fragments are exactly the generator's.
"""
from __future__ import annotations

from typing import Any, Sequence

import tantivy

from ..query import ParsedQuery
from .base import SNIPPET_CHARS, Snippet, Snippets, lead_snippet
from .fields import ENGLISH_BODY_FIELD, ORIGINAL_BODY_FIELDS, TEXT_FIELDS, original_field
from .hits import HitDocument
from .tantivy_schema import analyzer

BODY_FIELDS = (*ORIGINAL_BODY_FIELDS, ENGLISH_BODY_FIELD)
_ANALYZERS = {f.name: f.analyzer for f in TEXT_FIELDS}
Address = tuple[int, int]  # (segment ordinal, document number)


def body_terms(query: ParsedQuery) -> dict[str, set[str]]:
    """The terms the rendered query holds in each body field, as indexed: every
    clause analysed by the field's analyzer, and the clause's translations in
    the original field of their language. A superset of what can highlight."""
    terms: dict[str, set[str]] = {}
    for clause in query.clauses:
        targets = [(name, clause.text) for name in BODY_FIELDS]
        targets += [
            (original_field(group.language), term)  # see fields.translation_fields
            for group in clause.translations
            for term in group.alternatives
        ]
        for name, text in targets:
            tokens = analyzer(_ANALYZERS[name]).analyze(text)
            if tokens:
                terms.setdefault(name, set()).update(tokens)
    return terms


class SnippetMaker:
    """Snippets for one page of hits of one search."""

    def __init__(self, searcher: Any, query: Any, schema: Any, parsed: ParsedQuery) -> None:
        self._searcher, self._query, self._schema = searcher, query, schema
        self._terms = body_terms(parsed)
        self._generators: dict[str, Any] = {}

    def page(self, addresses: Sequence[Any], stored: Sequence[Any], docs: Sequence[HitDocument]) -> list[Snippets]:
        """One Snippets per hit: the best fragment of the first original field
        that matched and of the English field, else the lead of that side."""
        keys = [(a.segment_ord, a.doc) for a in addresses]
        wanted = {ENGLISH_BODY_FIELD, *(original_field(c) for d in docs for c in d.original_languages)}
        matched = {name: self._matching(name, keys, [d.id for d in docs]) for name in wanted}
        out = []
        for key, fields, doc in zip(keys, stored, docs):
            originals = dict.fromkeys(original_field(c) for c in doc.original_languages)
            original = self._first([f for f in originals if key in matched[f]], fields)
            english = self._first([ENGLISH_BODY_FIELD] if key in matched[ENGLISH_BODY_FIELD] else [], fields)
            out.append(Snippets(
                original=(original,) if original else lead_snippet(doc.lead_original),
                english=(english,) if english else lead_snippet(doc.lead_english),
            ))
        return out

    def _matching(self, name: str, keys: list[Address], ids: list[str]) -> set[Address]:
        """The hits (of ``keys``, whose ids are ``ids``) holding a query term in field ``name``."""
        terms = self._terms.get(name)
        if not terms or not keys:
            return set()
        query = tantivy.Query.boolean_query([
            (tantivy.Occur.Must, self._any(name, sorted(terms))),
            (tantivy.Occur.Must, self._any("id", ids)),
        ])
        found = self._searcher.search(query, len(keys), count=False).hits
        return {(a.segment_ord, a.doc) for _, a in found} & set(keys)

    def _any(self, name: str, values: list[str]) -> Any:
        # Term lookups, not term_set_query: that one walks the whole term dictionary.
        return tantivy.Query.boolean_query(
            [(tantivy.Occur.Should, tantivy.Query.term_query(self._schema, name, v)) for v in values]
        )

    def _first(self, names: list[str], stored: Any) -> Snippet | None:
        """The highlighted fragment of the first of ``names`` that has one."""
        for name in names:
            snippet = self._generator(name).snippet_from_doc(stored)
            fragment = snippet.fragment()
            if fragment and snippet.highlighted():
                return Snippet(fragment, _char_spans(fragment, snippet.highlighted()))
        return None

    def _generator(self, name: str) -> Any:
        if name not in self._generators:
            generator = tantivy.SnippetGenerator.create(self._searcher, self._query, self._schema, name)
            generator.set_max_num_chars(SNIPPET_CHARS)
            self._generators[name] = generator
        return self._generators[name]


def _char_spans(fragment: str, ranges: Any) -> tuple[tuple[int, int], ...]:
    """Tantivy reports UTF-8 byte offsets; Snippet wants character offsets."""
    data = fragment.encode("utf-8")
    return tuple(
        (len(data[: r.start].decode("utf-8", "ignore")), len(data[: r.end].decode("utf-8", "ignore")))
        for r in ranges
    )

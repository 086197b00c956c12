"""Highlighted snippets from Tantivy's SnippetGenerator, as neutral Snippets."""
from __future__ import annotations

from typing import Any

import tantivy

from .base import SNIPPET_CHARS, Snippet, lead_snippet


class SnippetMaker:
    """Snippet generators for one search, created per field on first use."""

    def __init__(self, searcher: Any, query: Any, schema: Any) -> None:
        self._searcher, self._query, self._schema = searcher, query, schema
        self._generators: dict[str, Any] = {}

    def best(self, fields: list[str], stored: Any, fallback: str) -> tuple[Snippet, ...]:
        """The highlighted fragment of the first field that has a match.

        When no field matches, the start of ``fallback`` without highlights,
        so a hit always shows some text of each side it has.
        """
        for name in fields:
            snippet = self._generator(name).snippet_from_doc(stored)
            fragment = snippet.fragment()
            if fragment and snippet.highlighted():
                return (Snippet(fragment, _char_spans(fragment, snippet.highlighted())),)
        return lead_snippet(fallback)

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

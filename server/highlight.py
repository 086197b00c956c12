"""Highlight markup that is safe by construction: escape first, then mark.

Snippets from the engine carry character spans; text on the document page
is marked here from the query's words. Either way the text passes through
``html.escape`` piece by piece and only the ``<mark>`` tags are added
unescaped, so a document holding ``<script>`` or ``"`` renders as text.
"""
from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import Iterable, Sequence

from markupsafe import Markup

from indexer.engines.base import Snippet
from indexer.query import ParsedQuery

MARK_OPEN, MARK_CLOSE = "<mark>", "</mark>"
_EXACT_UP_TO = 3  # words this short match whole only ("us" must not mark "used")
_KEEP_AT_LEAST = 4  # prefix length kept when trimming a longer word


def snippet_html(snippet: Snippet) -> str:
    """Escaped HTML of an engine snippet with its spans in ``<mark>``."""
    return snippet.marked(MARK_OPEN, MARK_CLOSE, escape=html.escape)


def highlight_html(text: str, terms: Sequence[str]) -> Markup:
    """Escaped ``text`` with every word matching one of ``terms`` in ``<mark>``.

    Matching is case-insensitive, starts at a word boundary and accepts
    endings (``scanner`` marks ``scanners``; ``security`` marks
    ``securities``), a cheap stand-in for the engine's stemming.
    """
    pattern = _pattern(tuple(sorted({t.lower() for t in terms if t.strip()})))
    spans: tuple[tuple[int, int], ...] = ()
    if pattern is not None:
        spans = tuple(m.span() for m in pattern.finditer(text))
    return Markup(Snippet(text, spans).marked(MARK_OPEN, MARK_CLOSE, escape=html.escape))


def query_terms(query: ParsedQuery | None) -> list[str]:
    """The words of ``query`` worth highlighting (none for no query)."""
    return query.highlight_terms if query is not None else []


@lru_cache(maxsize=256)
def _pattern(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    alternatives = [_alternative(term) for term in terms]
    if not alternatives:
        return None
    # longest first so that "nuctech" wins over "nuc" at the same position
    alternatives.sort(key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(alternatives) + ")", re.IGNORECASE)


def _alternative(term: str) -> str:
    if len(term) <= _EXACT_UP_TO:
        return re.escape(term) + r"\b"
    stem = term[: max(_KEEP_AT_LEAST, len(term) - 2)] if len(term) > 5 else term
    return re.escape(stem) + r"\w*"


def translator_label(translators: Iterable[str | None]) -> str | None:
    """``machine translation (Argos de→en 1.9)`` from translator ids, or None.

    Ids look like ``argos/de_en@1.9``; anything else is shown as it is.
    """
    names = []
    for translator in translators:
        if translator:
            name = _translator_name(translator)
            if name not in names:
                names.append(name)
    return f"machine translation ({', '.join(names)})" if names else None


def _translator_name(translator: str) -> str:
    # Same reading as the translation feature's ids: "argos/de_en@1.9" ->
    # "Argos de→en 1.9"; a pivot "a+b" reads "a via b"; other forms unchanged.
    names = []
    for part in translator.split("+"):
        match = re.fullmatch(r"([\w.-]+)/([a-z]{2,3})_([a-z]{2,3})@([\w.+-]+)", part)
        if match:
            engine, source, target, version = match.groups()
            part = f"{engine.capitalize()} {source}→{target} {version}"
        names.append(part)
    return " via ".join(names)

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
from indexer.results import MARK_CLOSE, MARK_OPEN
from indexer.translate.translators import translator_label

_EXACT_UP_TO = 3  # words this short match whole only ("us" must not mark "used")
_KEEP_AT_LEAST = 4  # prefix length kept when trimming a longer word


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


def translation_label(translators: Iterable[str | None]) -> str | None:
    """``machine translation (Argos de→en 1.9)`` from translator ids, or None.

    Each id is named by the translation feature's own ``translator_label``
    (``argos/de_en@1.9`` -> ``Argos de→en 1.9``); duplicates are shown once.
    """
    names: list[str] = []
    for translator in translators:
        name = translator_label(translator)
        if name and name not in names:
            names.append(name)
    return f"machine translation ({', '.join(names)})" if names else None

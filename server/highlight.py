"""Highlight markup that is safe by construction: escape first, then mark.

Snippets from the engine carry character spans; text on the document page
is marked here with ``indexer.highlight``'s matcher. Either way the text
passes through ``html.escape`` piece by piece and only the markup we add
is unescaped, so a document holding ``<script>`` or ``"`` renders as text.

On the document page every match is numbered (``<mark id="m3">``) and
followed by links to the previous and the next match, shown (by CSS) for
the match the address points at: next/previous navigation without scripts.
"""
from __future__ import annotations

import html
from typing import Iterable, Sequence

from markupsafe import Markup

from indexer.engines.base import Snippet
from indexer.highlight import find_spans
from indexer.results import MARK_CLOSE, MARK_OPEN
from indexer.translate.translators import translator_label


def highlight_html(text: str, terms: Sequence[str]) -> Markup:
    """Escaped ``text`` with every word matching one of ``terms`` in ``<mark>``."""
    return Markup(Snippet(text, find_spans(text, terms)).marked(MARK_OPEN, MARK_CLOSE, escape=html.escape))


class MatchCounter:
    """Numbers the matches of one page, in reading order, for ``#mN`` anchors."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.next_number = 1

    def mark(self, text: str, spans: Sequence[tuple[int, int]]) -> Markup:
        """Escaped ``text`` with each span as a numbered ``<mark>`` plus its navigation links."""
        out, cursor = [], 0
        for start, end in sorted(spans):
            if start < cursor:
                continue
            number = self.next_number
            self.next_number += 1
            out += [html.escape(text[cursor:start]), self._mark(number, html.escape(text[start:end]))]
            cursor = end
        out.append(html.escape(text[cursor:]))
        return Markup("".join(out))

    def _mark(self, number: int, inner: str) -> str:
        previous = number - 1 if number > 1 else self.total
        following = number + 1 if number < self.total else 1
        return (
            f'<mark id="m{number}">{inner}</mark><span class="mnav">'
            f'<a href="#m{previous}" aria-label="previous match ({previous} of {self.total})">↑</a>'
            f'<a href="#m{following}" aria-label="next match ({following} of {self.total})">↓</a></span>'
        )


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

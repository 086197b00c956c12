"""Which words of a text a query matches: for highlights that explain a hit.

The engines mark what their analyzers matched; this module is the one
matcher used where no engine is asked (the document page) and to make
every hit's snippets honest (``refine``): function words (``und``,
``sich``, ``the``) never count as a highlight, and a snippet without a
highlight is replaced by a window around the first match in the stored
text, when there is one. Matching is case-insensitive, starts at a word
boundary and accepts endings (``scanner`` marks ``scanners``), a cheap
stand-in for the engines' stemming.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable, Iterable, Sequence

from .engines.base import SNIPPET_CHARS, Snippet
from .languages import LANGUAGES
from .query import ParsedQuery

_EXACT_UP_TO = 3  # words this short match whole only ("us" must not mark "used")
_KEEP_AT_LEAST = 5  # prefix length kept when trimming a longer word ("konzil" must not mark "Konzern")
_FUNCTION_WORDS = frozenset().union(*(language.function_words for language in LANGUAGES.values()))
_WORD = re.compile(r"\w+")


def is_function_word(word: str) -> bool:
    """True for a function word of any language we know (``und``, ``de``, ``the``)."""
    return word.casefold() in _FUNCTION_WORDS


def query_terms(query: ParsedQuery | None) -> list[str]:
    """Words to highlight for ``query``: its words (not the excluded ones),
    their translations, the translations the user added; no function words."""
    if query is None:
        return []
    words = []
    for clause in query.positive:
        words += clause.words
        for group in clause.translation_groups:
            words += [w for term in group.alternatives for w in _WORD.findall(term)]
    return [w for w in dict.fromkeys(words) if not is_function_word(w)]


def find_spans(text: str, terms: Sequence[str]) -> tuple[tuple[int, int], ...]:
    """Character spans of ``text`` that match one of ``terms``."""
    pattern = _pattern(tuple(sorted({t.lower() for t in terms if t.strip()})))
    if pattern is None:
        return ()
    return tuple(m.span() for m in pattern.finditer(text) if not is_function_word(m.group()))


@lru_cache(maxsize=256)
def _pattern(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    alternatives = [_alternative(term) for term in terms if not is_function_word(term)]
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


def refine(snippets: Iterable[Snippet], full_text: str | Callable[[], str],
           terms: Sequence[str]) -> tuple[Snippet, ...]:
    """``snippets`` without function-word highlights; when none keeps a
    highlight, a window of ``full_text`` around its first match instead
    (``full_text`` may be a function, called only then)."""
    kept = tuple(_without_function_words(s) for s in snippets)
    if not terms or not full_text or any(s.spans for s in kept):
        return kept
    window = match_window(full_text() if callable(full_text) else full_text, terms)
    return (window,) if window is not None else kept


def _without_function_words(snippet: Snippet) -> Snippet:
    spans = tuple((a, b) for a, b in snippet.spans if not is_function_word(snippet.text[a:b]))
    return Snippet(snippet.text, spans) if spans != snippet.spans else snippet


def match_window(text: str, terms: Sequence[str], limit: int = SNIPPET_CHARS) -> Snippet | None:
    """About ``limit`` characters of ``text`` around its first match, highlighted; None without a match."""
    text = " ".join(text.split())
    spans = find_spans(text, terms)
    if not spans:
        return None
    first = spans[0][0]
    start = max(0, first - limit // 3)
    if start:
        start = text.find(" ", start, first) + 1 or start
    end = min(len(text), start + limit)
    if end < len(text):
        end = text.rfind(" ", spans[0][1], end) if text.rfind(" ", spans[0][1], end) > 0 else end
    prefix, suffix = ("… " if start else ""), (" …" if end < len(text) else "")
    shift = len(prefix) - start
    inside = tuple((a + shift, b + shift) for a, b in spans if a >= start and b <= end)
    return Snippet(prefix + text[start:end] + suffix, inside)

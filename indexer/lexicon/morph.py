"""Word forms: lemmas of inflected words and splits of compounds.

Inflected query words are mapped to dictionary headwords with
``simplemma`` (``women`` -> ``woman``, ``said`` -> ``say``). German and
Dutch compounds the dictionary lacks are split into known parts over the
lexicon's own vocabulary, allowing the linking elements ``s``, ``es``,
``n``, ``en`` and ``e`` (``Kosmetikmarkt`` -> ``kosmetik`` + ``markt``).
"""
from __future__ import annotations

import functools
from typing import Callable

MIN_PART = 3  # shorter parts are too often accidental ("ein", "tag" are fine, "er" is not)
LINKS = ("", "s", "es", "n", "en", "e")


@functools.lru_cache(maxsize=50_000)
def lemma(word: str, language: str) -> str:
    """The dictionary form of ``word`` (itself when unknown)."""
    import simplemma

    try:
        return simplemma.lemmatize(word, lang=language).lower()
    except ValueError:
        return word


def split_compound(word: str, known: Callable[[str], bool], max_parts: int = 3) -> list[str] | None:
    """Known parts of ``word`` (head last), or None when no split uses only known parts.

    Prefers the split with the fewest parts, then the longest head (the
    last part, which carries the meaning in German and Dutch compounds).
    """
    best: list[str] | None = None
    for end in range(len(word) - MIN_PART, MIN_PART - 1, -1):
        head = word[end:]
        if not known(head):
            continue
        modifier = _modifier(word[:end], known, max_parts - 1)
        if modifier is not None and (best is None or len(modifier) + 1 < len(best)):
            best = [*modifier, head]
            if len(best) == 2:
                break
    return best


def _modifier(text: str, known: Callable[[str], bool], parts_left: int) -> list[str] | None:
    if parts_left < 1:
        return None
    for link in LINKS:
        if link and not text.endswith(link):
            continue
        stem = text[: len(text) - len(link)] if link else text
        if len(stem) >= MIN_PART and known(stem):
            return [stem]
    if parts_left > 1:
        split = split_compound(text, known, parts_left)
        if split:
            return split
    return None

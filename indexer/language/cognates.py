"""Cognate keys: one spelling skeleton for related words across languages.

English, German and Dutch share many words that differ only in spelling
(``Commission``, ``Kommission``, ``Commissie``; ``spionage``,
``espionage``; ``Terminal``). A word's key folds accents, maps letters
that the three languages spell differently onto one (``c``/``k``/``q``
-> ``k``, ``z`` -> ``s``, ``ph`` -> ``f``, ``th`` -> ``t``, ``y`` ->
``i``), drops doubled letters and keeps the first ``KEY_CHARS``
characters: a truncation stem in the spirit of McNamee & Mayfield's
n-gram and truncation CLIR, which needs no dictionary. The index keeps
the keys of original-language text in one retrieval-only field; a query
word's key is searched there as one more translation group.
"""
from __future__ import annotations

import functools
import re
import unicodedata

COGNATE = "cognate"  # TermGroup.language of a cognate group
KEY_CHARS = 5
MIN_WORD_CHARS = 5  # shorter words are too often accidental twins
_WORD = re.compile(r"[^\W\d_]+")
_RULES = (("ph", "f"), ("th", "t"), ("ck", "k"), ("qu", "kw"), ("c", "k"), ("q", "k"), ("z", "s"), ("y", "i"))
_DOUBLED = re.compile(r"(.)\1+")


@functools.lru_cache(maxsize=200_000)
def cognate_key(word: str) -> str | None:
    """The key of one word, or None when it is too short to compare."""
    if len(word) < MIN_WORD_CHARS:
        return None
    folded = unicodedata.normalize("NFKD", word.lower())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    for before, after in _RULES:
        folded = folded.replace(before, after)
    return _DOUBLED.sub(r"\1", folded)[:KEY_CHARS]


def cognate_text(text: str) -> str:
    """The keys of every word of ``text``, space-separated."""
    return " ".join(filter(None, map(cognate_key, _WORD.findall(text))))

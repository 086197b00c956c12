"""Offline sentence splitting for translation.

Argos models translate sentence by sentence. argostranslate's own splitters
(stanza, spaCy, minisbd) fetch models at run time, which babelsearch must
never do, so paragraphs are split here with pysbd: rule-based, offline,
with rules for German, Dutch, English, French, Spanish, Italian and more.
Very long "sentences" (lists, tables flattened to text) are cut at word
boundaries so that the model never silently truncates its input.
"""
from __future__ import annotations

import functools
import logging
import re

logger = logging.getLogger(__name__)

#: Words per piece when a sentence is too long to translate in one go.
MAX_WORDS = 120
_FALLBACK_LANGUAGE = "en"
_SPACE = re.compile(r"\s+")


@functools.lru_cache(maxsize=None)
def _segmenter(language: str):  # -> pysbd.Segmenter (import kept lazy)
    import pysbd
    from pysbd.languages import LANGUAGE_CODES

    if language not in LANGUAGE_CODES:
        logger.debug("no sentence rules for %r; using %r rules", language, _FALLBACK_LANGUAGE)
        language = _FALLBACK_LANGUAGE
    return pysbd.Segmenter(language=language, clean=False)


def _cap(sentence: str, max_words: int) -> list[str]:
    words = sentence.split(" ")
    if len(words) <= max_words:
        return [sentence]
    return [" ".join(words[i : i + max_words]) for i in range(0, len(words), max_words)]


def split_sentences(text: str, language: str, max_words: int = MAX_WORDS) -> list[str]:
    """Split one paragraph into sentences, in order, whitespace-normalised.

    Returns no sentences for blank text. Joining the result with single
    spaces gives back the paragraph with its whitespace collapsed.
    """
    text = _SPACE.sub(" ", text).strip()
    if not text:
        return []
    sentences: list[str] = []
    for piece in _segmenter(language).segment(text):
        piece = piece.strip()
        if piece:
            sentences.extend(_cap(piece, max_words))
    return sentences

"""Split words that lost their spaces in English text (PDF and OCR copies).

``theEUlegalframeworktoprotect`` becomes ``the EU legal framework to
protect``. Only tokens that are clearly glued English are touched: the
segmenter (``wordsegment``, unigram and bigram counts from a web corpus)
must split them into at least two common English words, and proper-noun
shaped tokens (``Groothuis``, ``Riseborough``) are left alone.
"""
from __future__ import annotations

import functools
import re
from types import ModuleType

from ..document import Document

MIN_LENGTH = 5
COMMON = 300_000  # corpus count above which a word counts as common English
FREQUENT = 1_500_000  # a token this frequent is a word, not a glued pair (``ofthe`` is 1.27M)
SHORT_WORDS = frozenset("a i an as at be by do he if in is it me my no of on or so to up us we".split())
_TOKEN = re.compile(r"[A-Za-z]{%d,}" % MIN_LENGTH)


@functools.lru_cache(maxsize=1)
def segmenter() -> ModuleType:
    """The ``wordsegment`` module with its statistics loaded (once per process; imported lazily)."""
    import wordsegment

    wordsegment.load()
    return wordsegment


def warm_up() -> None:
    """Load the word statistics now (before worker processes fork, so they share them)."""
    _frequent_words()


@functools.lru_cache(maxsize=65536)
def split_glued(token: str) -> str:
    """The token with spaces restored, or the token unchanged."""
    if token.isupper() or (token[0].isupper() and token[1:].islower()):
        return token  # acronyms and proper-noun shapes are left alone
    model = segmenter()
    if token.lower() in _frequent_words():
        return token
    words = model.segment(token)
    if len(words) < 2 or not all(_acceptable(w, token) for w in words):
        return token
    whole = model.UNIGRAMS.get(token.lower(), 0.0)
    if whole >= min(model.UNIGRAMS.get(w, 0.0) for w in words) / 100:
        return token  # a real word in its own right
    return _recase(token, words)


def _acceptable(word: str, token: str) -> bool:
    if len(word) <= 2:
        return word in SHORT_WORDS or _is_acronym_in(word, token)
    return segmenter().UNIGRAMS.get(word, 0.0) >= COMMON


def _is_acronym_in(word: str, token: str) -> bool:
    return word.upper() in token


def _recase(token: str, words: list[str]) -> str:
    """Put the original letters back, with spaces between the words."""
    out, position = [], 0
    for word in words:
        out.append(token[position:position + len(word)])
        position += len(word)
    return " ".join(out)


def deglue(text: str) -> str:
    """``text`` with every glued English token split."""
    frequent = _frequent_words()
    fixes = {}
    for token in set(_TOKEN.findall(text)):
        if token.lower() not in frequent:
            split = split_glued(token)
            if split != token:
                fixes[token] = split
    if not fixes:
        return text
    return _TOKEN.sub(lambda m: fixes.get(m.group(0), m.group(0)), text)


@functools.lru_cache(maxsize=1)
def _frequent_words() -> frozenset[str]:
    """Words too frequent to be glued pairs: skipped without segmenting."""
    return frozenset(w for w, count in segmenter().UNIGRAMS.items() if count >= FREQUENT)


def finish_english(doc: Document) -> Document:
    """Repair English paragraphs and make them their own English version.

    English paragraphs get ``english = text``; an English document's title
    is its own ``title_en``.
    """
    for paragraph in doc.paragraphs:
        if paragraph.is_english:
            paragraph.text = deglue(paragraph.text)
            paragraph.english = paragraph.text
    if doc.language == "en" and doc.title:
        doc.title_en = doc.title
    return doc

"""Language stage: tag every paragraph with its language, and the document
with its dominant one.

Detector: py3langid restricted to ``Settings.languages``. Measured against
lingua on the seeds and on ``tests/data/language_samples.tsv`` (short
headlines, menu labels, quotes): py3langid 80/80, lingua 79/80, and
py3langid is 3-7x faster (``bench/language_detectors.py``).

Fast path: a paragraph full of one language's function words ("der",
"und", "het", "een", "the", "which") is decided by counting them; only
paragraphs without such clear evidence (short ones, lists of names) go to
the statistical detector. Counting words is ~10x cheaper than py3langid's
byte n-grams, and on running text just as accurate.
"""
from __future__ import annotations

import functools
import logging
import re
from collections import Counter
from typing import Any

from ..document import Document
from ..languages import LANGUAGES

logger = logging.getLogger(__name__)

SAMPLE_CHARS = 240  # the detector reads this much of a paragraph: enough to be sure, cost grows with length
MIN_CONFIDENCE = 0.9  # below this, neighbours' languages count too
# Weights of the nearest confident paragraphs' languages. The following one
# weighs more: salutations, headings and "Undersigned:" introduce what follows.
BEFORE_WEIGHT, AFTER_WEIGHT = 0.45, 0.65


_WORDS = re.compile(r"\w+")
MIN_WORD_HITS = 3  # function words needed before counting decides


@functools.lru_cache(maxsize=4)
def _function_words(languages: tuple[str, ...]) -> dict[str, str]:
    """word -> language, for words that belong to exactly one language of the set."""
    owners: dict[str, set[str]] = {}
    for code in languages:
        for word in LANGUAGES[code].detection_words if code in LANGUAGES else ():
            owners.setdefault(word, set()).add(code)
    return {word: codes.pop() for word, codes in owners.items() if len(codes) == 1}


def by_function_words(text: str, languages: tuple[str, ...]) -> str | None:
    """The language whose function words clearly dominate ``text``, or None."""
    table = _function_words(languages)
    counts = Counter(map(table.get, _WORDS.findall(text.lower())))
    counts.pop(None, None)
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < MIN_WORD_HITS:
        return None
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    return ranked[0][0] if ranked[0][1] >= 3 * runner_up + 1 else None


@functools.lru_cache(maxsize=4)
def _identifier(languages: tuple[str, ...]) -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(languages))
    return identifier


def warm_up(languages: tuple[str, ...]) -> None:
    """Load the detector now (before worker processes fork, so they share it)."""
    _identifier(languages)
    _function_words(languages)


def detect(text: str, languages: tuple[str, ...]) -> tuple[str, float]:
    """``(language, confidence)`` of one text among ``languages``."""
    code, confidence = _identifier(languages).classify(text)
    return code, float(confidence)


def tag_languages(doc: Document, languages: tuple[str, ...]) -> Document:
    """Set ``language`` on every paragraph and the dominant ``doc.language``.

    A paragraph the detector is unsure about (a salutation, a list of
    names, "EUROPEAN COMMISSION") leans towards the languages of the
    nearest confident paragraphs before and after it.
    """
    identifier = _identifier(languages)
    ranks = []
    for paragraph in doc.paragraphs:
        sample = _sample(paragraph.text)
        decided = by_function_words(sample, languages)
        ranks.append({decided: 1.0} if decided else dict(identifier.rank(sample)))
    best = [max(r, key=r.get) for r in ranks]
    confident = [r[b] >= MIN_CONFIDENCE for r, b in zip(ranks, best)]
    hint = doc.language_hint if doc.language_hint in languages else None
    before_all = _nearest_confident(best, confident, hint)
    after_all = _nearest_confident(best[::-1], confident[::-1], None)[::-1]
    for index, paragraph in enumerate(doc.paragraphs):
        if confident[index]:
            paragraph.language = best[index]
            continue
        before, after = before_all[index], after_all[index]
        scores = {
            code: prob + BEFORE_WEIGHT * (code == before) + AFTER_WEIGHT * (code == after)
            for code, prob in ranks[index].items()
        }
        paragraph.language = max(scores, key=scores.get)
    title_language = None
    if doc.title and not doc.title_derived:
        title_language = by_function_words(doc.title, languages) or detect(doc.title, languages)[0]
    doc.language = dominant_language(doc, title_language)
    return doc


def _nearest_confident(best: list[str], confident: list[bool], start: str | None) -> list[str | None]:
    """For each position, the language of the nearest confident paragraph before it (one pass)."""
    nearest, last = [], start
    for language, sure in zip(best, confident):
        nearest.append(last)
        if sure:
            last = language
    return nearest


def _sample(text: str) -> str:
    """The start of a long text, cut at a word boundary."""
    if len(text) <= SAMPLE_CHARS:
        return text
    return text[:SAMPLE_CHARS].rsplit(" ", 1)[0]


def dominant_language(doc: Document, title_language: str | None = None) -> str | None:
    """The language the document is written in.

    A real title's language wins when body paragraphs share it: a Dutch
    article that quotes a long English letter is a Dutch article. Otherwise
    the language holding most characters of the paragraphs.
    """
    weights: Counter[str] = Counter()
    for paragraph in doc.paragraphs:
        if paragraph.language:
            weights[paragraph.language] += len(paragraph.text)
    if title_language and (title_language in weights or not weights):
        return title_language
    return weights.most_common(1)[0][0] if weights else None

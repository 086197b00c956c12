"""Language stage: tag every paragraph with its language, and the document
with its dominant one.

Detector: py3langid restricted to ``Settings.languages``. Measured against
lingua on the seeds and on ``tests/data/language_samples.tsv`` (short
headlines, menu labels, quotes): py3langid 80/80, lingua 79/80, and
py3langid is 3-7x faster (``bench/language_detectors.py``).
"""
from __future__ import annotations

import functools
import logging
from collections import Counter
from typing import Any

from .document import Document

logger = logging.getLogger(__name__)

MIN_CONFIDENCE = 0.9  # below this, neighbours' languages count too
# Weights of the nearest confident paragraphs' languages. The following one
# weighs more: salutations, headings and "Undersigned:" introduce what follows.
BEFORE_WEIGHT, AFTER_WEIGHT = 0.45, 0.65


@functools.lru_cache(maxsize=4)
def _identifier(languages: tuple[str, ...]) -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(languages))
    return identifier


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
    ranks = [dict(identifier.rank(p.text)) for p in doc.paragraphs]
    best = [max(r, key=r.get) for r in ranks]
    confident = [r[b] >= MIN_CONFIDENCE for r, b in zip(ranks, best)]
    hint = doc.language_hint if doc.language_hint in languages else None
    for index, paragraph in enumerate(doc.paragraphs):
        if confident[index]:
            paragraph.language = best[index]
            continue
        before = next((best[i] for i in range(index - 1, -1, -1) if confident[i]), hint)
        after = next((best[i] for i in range(index + 1, len(best)) if confident[i]), None)
        scores = {
            code: prob + BEFORE_WEIGHT * (code == before) + AFTER_WEIGHT * (code == after)
            for code, prob in ranks[index].items()
        }
        paragraph.language = max(scores, key=scores.get)
    title_language = detect(doc.title, languages)[0] if doc.title and not doc.title_derived else None
    doc.language = dominant_language(doc, title_language)
    return doc


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

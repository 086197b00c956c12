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

SHORT_WORDS = 4  # paragraphs this short borrow a neighbour's language when unsure
MIN_CONFIDENCE = 0.9


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

    A very short paragraph the detector is unsure about ("Undersigned:")
    takes the language of the paragraph before it, or the page's declared
    language when it is the first one.
    """
    previous = doc.language_hint if doc.language_hint in languages else None
    for paragraph in doc.paragraphs:
        code, confidence = detect(paragraph.text, languages)
        if len(paragraph.text.split()) <= SHORT_WORDS and confidence < MIN_CONFIDENCE and previous:
            code = previous
        paragraph.language = code
        previous = code
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

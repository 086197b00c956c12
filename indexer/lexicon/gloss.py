"""Glossing stage: dictionary keywords for text that has no translation.

For every non-English paragraph that the translation stage left without
English (``Paragraph.english is None``), the best ``Ranking.gloss_translations``
dictionary translations of each content word go into ``Paragraph.gloss``
(and the title's into ``Document.title_gloss``). The engine indexes them
in the retrieval-only ``gloss`` field: they help English queries find the
document, and are never shown as a translation to read.
"""
from __future__ import annotations

import functools
import logging
import re
import time
from typing import Iterable, Iterator

from ..document import ENGLISH, Document
from ..languages import is_function_word
from ..ranking import DEFAULT_RANKING, Ranking
from ..settings import Settings
from . import BUILD_HINT, Lexicon, open_lexicon

logger = logging.getLogger(__name__)

MIN_WORD_CHARS = 3
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def gloss_text(text: str, language: str, lexicon: Lexicon, ranking: Ranking = DEFAULT_RANKING) -> str:
    """English dictionary keywords for ``text`` (space-separated), possibly empty."""
    out: list[str] = []
    for match in _WORD.finditer(text):
        word = match.group().lower()
        if len(word) < MIN_WORD_CHARS or is_function_word(word, language):
            continue
        out += _gloss_word(lexicon, word, language, ranking)
    return " ".join(out)


@functools.lru_cache(maxsize=200_000)
def _gloss_word(lexicon: Lexicon, word: str, language: str, ranking: Ranking) -> tuple[str, ...]:
    found = lexicon.translate(word, language, ENGLISH, ranking.gloss_translations, ranking)
    return tuple(term for term, _ in found)


def gloss_document(doc: Document, lexicon: Lexicon, ranking: Ranking = DEFAULT_RANKING) -> int:
    """Fill the glosses of ``doc``'s untranslated title and paragraphs;
    returns how many paragraphs were glossed."""
    glossed = 0
    for segment in doc.segments():
        language = segment.language
        if segment.english is not None or not language or not lexicon.supports(language, ENGLISH):
            continue
        segment.gloss = gloss_text(segment.text, language, lexicon, ranking) or None
        glossed += segment is not doc.heading and segment.gloss is not None
    return glossed


class GlossStage:
    """The pipeline stage: glosses documents as they stream past.

    ``note`` says afterwards what happened, for the reindex summary; with no
    lexicon built the stage passes documents through and says how to build one.
    """

    def __init__(self, settings: Settings, ranking: Ranking = DEFAULT_RANKING) -> None:
        self.lexicon = open_lexicon(settings.data_dir)
        self.ranking = ranking
        self.paragraphs = 0
        self.untranslated = 0  # paragraphs without English that reached the stage
        self.seconds = 0.0

    def __call__(self, documents: Iterable[Document]) -> Iterator[Document]:
        for doc in documents:
            if self.lexicon is not None:
                started = time.perf_counter()
                self.paragraphs += gloss_document(doc, self.lexicon, self.ranking)
                self.untranslated += len(doc.untranslated_paragraphs)
                self.seconds += time.perf_counter() - started
            yield doc

    @property
    def note(self) -> str:
        """One line for the reindex summary."""
        if self.lexicon is None:
            return f"Dictionary search: off (no lexicon built; {BUILD_HINT})"
        return (f"Dictionary glosses: {self.paragraphs} of the {self.untranslated} untranslated paragraphs "
                f"(lexicon {self.lexicon.path})")

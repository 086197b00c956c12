"""Word forms of original text: lemmas and compound parts, at index time.

German and Dutch write compounds as one word (``Rechenzentren``,
``douanecontroleapparatuur``) and inflect nouns (``Häfen``). Dictionary
translations are headwords (``Rechenzentrum``, ``Zentrum``, ``Hafen``),
so for every original-language word of at least ``MIN_SPLIT`` letters
the forms stage adds its lemma and, when the word splits into parts the
lexicon knows, those parts (``morph.split_compound``). The
forms go into ``Segment.forms``, indexed in a retrieval-only field
that translation groups search beside the text, which keeps the unsplit
word. Text and forms feed the collection statistics (``context.py``).
"""
from __future__ import annotations

import functools
import logging
import re
import time
from typing import Iterable, Iterator

from ..document import Document
from ..languages import is_function_word, writes_compounds
from ..settings import Settings
from .context import StatisticsWriter
from .lookup import Lexicon, open_lexicon
from .morph import lemma, split_compound

logger = logging.getLogger(__name__)

MIN_WORD = 3  # shorter words have no forms worth adding
MIN_SPLIT = 7  # shorter words are rarely compounds worth splitting
_WORD = re.compile(r"[^\W\d_]+")


@functools.lru_cache(maxsize=200_000)
def word_forms(lexicon: Lexicon, word: str, language: str) -> tuple[str, ...]:
    """Lemma and compound-part lemmas of a lowercase word (not the word itself)."""
    forms: list[str] = []
    base = lemma(word, language)
    if base != word:
        forms.append(base)
    if writes_compounds(language) and len(word) >= MIN_SPLIT:
        # The lemma of the whole word is split, so the head is in its dictionary
        # form (Rechenzentren -> rechenzentrum -> rechen + zentrum); the parts
        # are headwords already.
        forms += split_compound(base, lambda part: lexicon.knows(part, language)) or ()
    return tuple(dict.fromkeys(f for f in forms if not is_function_word(f, language)))


def text_forms(lexicon: Lexicon, text: str, language: str) -> str:
    """The forms of the words of ``text``, space-separated (empty when none)."""
    forms: list[str] = []
    for match in _WORD.finditer(text):
        word = match.group().lower()
        if len(word) >= MIN_WORD and not is_function_word(word, language):
            forms += word_forms(lexicon, word, language)
    return " ".join(forms)


class FormsStage:
    """The pipeline stage: fills ``Segment.forms`` of non-English text and
    gathers the collection statistics, written by ``publish`` once the
    index is live (not for an update, ``statistics=False``, which sees only
    the changed files). Without a lexicon it passes documents through."""

    def __init__(self, settings: Settings, statistics: bool = True) -> None:
        self.lexicon = open_lexicon(settings.data_dir)
        self.statistics = StatisticsWriter(settings.data_dir) if statistics else None
        self.seconds = 0.0

    def __call__(self, documents: Iterable[Document]) -> Iterator[Document]:
        for doc in documents:
            if self.lexicon is not None:
                started = time.perf_counter()
                self._add(doc)
                self.seconds += time.perf_counter() - started
            yield doc

    def _add(self, doc: Document) -> None:
        texts: dict[str, list[str]] = {}
        for segment in doc.segments():
            language = segment.language
            if not language or segment.is_english:
                continue
            segment.forms = text_forms(self.lexicon, segment.text, language) or None
            texts.setdefault(language, []).extend(t for t in (segment.text, segment.forms) if t)
        if self.statistics is not None:
            self.statistics.add(texts)

    def publish(self) -> None:
        """Write the collection statistics of the documents seen (after the
        index is published); without a lexicon, remove those of an older index."""
        if self.statistics is None:
            return  # an update: the statistics of the last reindex stay
        started = time.perf_counter()
        if self.lexicon is not None:
            self.statistics.write()
        else:
            self.statistics.path.unlink(missing_ok=True)
        self.seconds += time.perf_counter() - started

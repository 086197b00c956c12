"""The translate stage: every non-English paragraph and title also in English.

Offline Argos translation, read straight from installed ``.argosmodel``
packages (CTranslate2 model + SentencePiece), without argostranslate:

1. plan: for each document list its non-English paragraphs and title,
   keyed by text hash + translator id + decoding settings;
2. cache: take what ``translations/`` already has (unless ``retranslate``);
3. batch: split the rest into sentences and translate sentences of many
   paragraphs and documents together in one ``translate_batch`` call;
4. rebuild each paragraph from its sentences, in order, fill ``english``
   and ``translator``, write the document's new translations to the cache
   in one transaction, and yield the documents in their original order.

A language without an installed ``xx→en`` model is not an error: its
paragraphs stay untranslated (``english=None``) and the summary says why.
"""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Mapping

from ..document import Document, Segment
from ..settings import Settings
from .cache import CacheEntry, TranslationCache, cache_key
from .sentences import split_sentences
from .summary import TranslationProgress, TranslationSummary
from .translators import (
    DecodingOptions,
    RuntimeOptions,
    Translator,
    missing_model_reason,
    translator_for,
)

logger = logging.getLogger(__name__)


@dataclass
class _Unit:
    """One segment (the title or a paragraph) to translate."""

    segment: Segment
    language: str
    key: str
    translator: Translator
    sentences: list[str] = field(default_factory=list)


@dataclass
class _Pending:
    document: Document
    units: list[_Unit]
    hits: list[str]


@dataclass
class _Batch:
    """Documents whose missing translations are being computed."""

    buffer: list[_Pending]
    jobs: list[tuple[list[_Unit], int, Callable[[], list[str]]]]


def _start(translator: Translator, sentences: list[str]) -> Callable[[], list[str]]:
    """Begin translating; the returned callable waits for the sentences."""
    submit = getattr(translator, "submit", None)
    if submit is not None:
        return submit(sentences)
    result = translator.translate(sentences)
    return lambda: result


ProgressCallback = Callable[[TranslationProgress], None]


class TranslationStage:
    """``TranslationStage(settings).run(documents)`` fills English; ``.summary`` counts.

    Documents are yielded in input order. Work is written to the cache as
    each batch of documents finishes, so a killed run keeps what it did.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        retranslate: bool = False,
        enabled: bool = True,
        progress: ProgressCallback | None = None,
        translators: Mapping[str, Translator] | None = None,
        runtime: RuntimeOptions | None = None,
        cache: TranslationCache | None = None,
        batch_sentences: int = 512,
    ) -> None:
        """Decoding (beam size, length penalty) and pivoting come from
        ``settings``; ``translators`` replaces the installed models (tests,
        benchmarks); ``runtime`` sets threads and batching."""
        self.settings = settings
        self.retranslate = retranslate
        self.enabled = enabled
        self.decoding = DecodingOptions.from_settings(settings)
        self.runtime = runtime
        self.progress = progress
        self.expected_documents: int | None = None  # set by the caller when known, for the ETA
        self.batch_sentences = batch_sentences
        self._translators: dict[str, Translator | None] = dict(translators or {})
        self._fixed = translators is not None
        self.cache = cache if cache is not None else TranslationCache(settings.translations_dir)
        self.summary = TranslationSummary()
        self._documents = 0
        self._started = 0.0
        self._clock = 0.0

    def run(self, documents: Iterable[Document]) -> Iterator[Document]:
        """Translate a stream of documents; yields each one once it is done.

        One batch is translated while the next is being planned and queued,
        so the model never waits for sentence splitting or the cache.
        """
        self._started = time.time()
        self._clock = time.perf_counter()
        if not self.enabled:
            for document in documents:
                self._skip(document, "translation skipped (--no-translate)")
                yield document
            return
        buffer: list[_Pending] = []
        queued = 0
        in_flight: _Batch | None = None
        for document in documents:
            pending = self._plan(document)
            buffer.append(pending)
            queued += sum(len(u.sentences) for u in pending.units)
            if queued >= self.batch_sentences:
                batch, buffer, queued = self._submit(buffer), [], 0
                if in_flight is not None:
                    yield from self._finish(in_flight)
                in_flight = batch
        last = self._submit(buffer)
        if in_flight is not None:
            yield from self._finish(in_flight)
        yield from self._finish(last)
        # Only a run that could use the cache for every language says what is
        # in use; ``translations prune`` relies on it.
        if not self.summary.missing_models and self.cache.path.exists():
            self.cache.complete_run(self._started)

    __call__ = run

    # 1. plan + 2. cache
    def _plan(self, document: Document) -> _Pending:
        units, hits = [], []
        settings_key = self.decoding.cache_settings()
        for segment in self._targets(document):
            language = segment.language
            translator = self._translator(language)
            if translator is None:
                reason = missing_model_reason(language) if language else "language not detected"
                self.summary.untranslated[reason] += 1
                continue
            key = cache_key(segment.text, translator.id, settings_key)
            units.append(_Unit(segment, language, key, translator))
        cached = {} if self.retranslate else self.cache.get_many(u.key for u in units)
        misses = []
        for unit in units:
            if unit.key in cached:
                self._fill(unit, cached[unit.key])
                self.summary.from_cache += 1
                hits.append(unit.key)
            else:
                unit.sentences = split_sentences(unit.segment.text, unit.language)
                misses.append(unit)
        return _Pending(document, misses, hits)

    def _targets(self, document: Document) -> Iterator[Segment]:
        """The title and paragraphs that need English.

        English text is not a target: ``deglue.finish_english`` already made
        it its own English version.
        """
        for segment in document.segments():
            if segment.is_english or not segment.text.strip():
                continue
            if self.retranslate or segment.english is None:
                yield segment

    def _translator(self, language: str | None) -> Translator | None:
        if language is None:
            return None
        if language not in self._translators and not self._fixed:
            self._translators[language] = translator_for(
                self.settings, language, self.decoding, self.runtime, self.settings.allow_pivot
            )
        translator = self._translators.get(language)
        if translator is None:
            self.summary.missing_models.add(language)
        return translator

    # 3. batch + 4. rebuild
    def _submit(self, buffer: list[_Pending]) -> _Batch:
        """Start translating a buffer's units, one job per translator; identical texts once."""
        by_translator: dict[str, dict[str, _Unit]] = {}
        for unit in (u for p in buffer for u in p.units):
            by_translator.setdefault(unit.translator.id, {}).setdefault(unit.key, unit)
        jobs = []
        for unique in by_translator.values():
            todo = list(unique.values())
            sentences = [s for u in todo for s in u.sentences]
            try:
                jobs.append((todo, len(sentences), _start(todo[0].translator, sentences)))
            except Exception:  # a broken model must not stop indexing
                logger.exception("translation with %s failed", todo[0].translator.id)
        return _Batch(buffer, jobs)

    def _finish(self, batch: _Batch) -> Iterator[Document]:
        """Wait for a batch, fill its documents, record them in the cache, yield them."""
        english = self._collect(batch)
        for pending in batch.buffer:
            entries = []
            for unit in pending.units:
                text = english.get(unit.key)
                if text is None:
                    self.summary.untranslated[f"translation failed ({unit.translator.id})"] += 1
                    continue
                self._fill(unit, text)
                self.summary.translated += 1
                entries.append(CacheEntry(unit.segment.text, text, unit.translator.id, self.decoding.cache_settings()))
            self.cache.record(entries, pending.hits)
            self._documents += 1
            yield pending.document
        self.summary.seconds = time.perf_counter() - self._clock
        if self.progress is not None and batch.buffer:
            self.progress(TranslationProgress(self._documents, self.summary.sentences, self.summary.seconds, self.expected_documents))

    def _collect(self, batch: _Batch) -> dict[str, str]:
        """English text per unit key, rebuilt from the sentence translations in order."""
        english: dict[str, str] = {}
        for todo, count, wait in batch.jobs:
            try:
                result = wait()
                if len(result) != count:
                    raise ValueError(f"{len(result)} translations for {count} sentences")
            except Exception:  # a broken model must not stop indexing
                logger.exception("translation with %s failed", todo[0].translator.id)
                continue
            translated = iter(result)
            self.summary.sentences += count
            self.summary.translators.add(todo[0].translator.id)
            for unit in todo:
                english[unit.key] = " ".join(next(translated) for _ in unit.sentences)
        return english

    @staticmethod
    def _fill(unit: _Unit, english: str) -> None:
        unit.segment.english, unit.segment.translator = english, unit.translator.id

    def _skip(self, document: Document, reason: str) -> None:
        for _segment in self._targets(document):
            self.summary.untranslated[reason] += 1
        self._documents += 1

"""The translate stage: every non-English paragraph and title also in English.

Offline Argos translation, read straight from installed ``.argosmodel``
packages (CTranslate2 model + SentencePiece), without argostranslate:

1. plan: for each document list its non-English paragraphs and title,
   keyed by text hash + translator id + decoding settings (with the
   package's content hash and the detokenizer version);
2. cache: take what ``translations/`` already has (unless ``retranslate``);
3. batch: split the rest into sentences and translate sentences of many
   paragraphs and documents together in one ``translate_batch`` call, in
   this process or, with ``Settings.broker``, on queue workers (then many
   batches are in flight at once, see ``queue_client``);
4. rebuild each paragraph from its sentences, in order, write each batch's
   translations to the cache as soon as they are answered, fill
   ``english`` and ``translator``, and yield the documents in their
   original order.

A language without an installed ``xx→en`` model is not an error: its
paragraphs stay untranslated (``english=None``) and the summary says why.
"""
from __future__ import annotations

import logging
import time
from collections import deque
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Mapping

from ..document import Document, Segment
from ..errors import WorkersUnavailable
from ..settings import Settings
from .cache import CacheEntry, TranslationCache, cache_key
from .runtime import RuntimeOptions
from .sentences import split_sentences
from .summary import TranslationProgress, TranslationSummary
from .translators import (
    DecodingOptions,
    Translator,
    cache_settings,
    missing_model_reason,
    translator_for,
)
from .work import Batch, Job, Pending, Unit, start

if TYPE_CHECKING:
    from .queue_client import QueueClient

logger = logging.getLogger(__name__)


ProgressCallback = Callable[[TranslationProgress], None]
POLL_SECONDS = 0.02  # how often a queue run looks for answers while it waits


def _queue_client(settings: Settings) -> "QueueClient":
    from .queue_client import QueueClient  # Celery loads only when a broker is set

    return QueueClient(settings)


class TranslationStage:
    """``TranslationStage(settings).run(documents)`` fills English; ``.summary`` counts.

    Documents are yielded in input order. Translations are written to the
    cache as soon as they are answered, so a killed run keeps what it did.
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
        if runtime is None and translators is None and enabled and not settings.broker:
            runtime = RuntimeOptions.from_settings(settings)  # with a broker the workers translate
        self.runtime = runtime
        self.progress = progress
        self.expected_documents: int | None = None  # set by the caller when known, for the ETA
        self.batch_sentences = batch_sentences
        self._translators: dict[str, Translator | None] = dict(translators or {})
        self._fixed = translators is not None
        self.cache = cache if cache is not None else TranslationCache(settings.translations_dir)
        # With a broker, cache misses go to the workers (``queue_client``); without, to local models.
        self.queue = _queue_client(settings) if settings.broker and enabled and translators is None else None
        self.summary = TranslationSummary(runtime=self.runtime.describe() if self.runtime else "")
        self.sees_whole_corpus = True  # an update translates a subset: set False
        self._documents = 0
        self._started = 0.0
        self._clock = 0.0

    def run(self, documents: Iterable[Document]) -> Iterator[Document]:
        """Translate a stream of documents; yields each one once it is done.

        One batch is translated while the next is being planned and queued,
        so the model never waits for sentence splitting or the cache; with a
        queue, enough batches are in flight to keep every worker busy.
        """
        self._started = time.time()
        self._clock = time.perf_counter()
        if not self.enabled:
            for document in documents:
                self._skip(document, "translation skipped (--no-translate)")
                yield document
            return
        buffer: list[Pending] = []
        queued = 0
        in_flight: deque[Batch] = deque()
        try:
            for document in documents:
                pending = self._plan(document)
                buffer.append(pending)
                queued += sum(len(u.sentences) for u in pending.units)
                if queued >= self.batch_sentences:
                    in_flight.append(self._submit(buffer))
                    buffer, queued = [], 0
                    while len(in_flight) > self._window():
                        yield from self._finish(in_flight.popleft(), in_flight)
            in_flight.append(self._submit(buffer))
            while in_flight:
                yield from self._finish(in_flight.popleft(), in_flight)
        finally:
            self._close_queue()
        # Only a run that saw every document (a reindex, not an update) and
        # could use the cache for every language says what is in use;
        # ``translations prune`` relies on it.
        if self.sees_whole_corpus and not self.summary.missing_models and self.cache.path.exists():
            self.cache.complete_run(self._started)

    __call__ = run

    # 1. plan + 2. cache
    def _plan(self, document: Document) -> Pending:
        units, hits = [], []
        for segment in self._targets(document):
            language = segment.language
            translator = self._translator(language)
            if translator is None:
                reason = missing_model_reason(language) if language else "language not detected"
                self.summary.untranslated[reason] += 1
                continue
            settings = cache_settings(translator, self.decoding)
            key = cache_key(segment.text, translator.id, settings)
            units.append(Unit(segment, language, key, translator, settings))
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
        return Pending(document, misses, hits)

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
                self.settings, language, self.decoding, self.runtime, self.settings.allow_pivot, self.queue
            )
        translator = self._translators.get(language)
        if translator is None:
            self.summary.missing_models.add(language)
        return translator

    # 3. batch + 4. rebuild
    def _submit(self, buffer: list[Pending]) -> Batch:
        """Start translating a buffer's units, one job per translator; identical texts once."""
        by_translator: dict[str, dict[str, Unit]] = {}
        for unit in (u for p in buffer for u in p.units):
            by_translator.setdefault(unit.translator.id, {}).setdefault(unit.key, unit)
        jobs = []
        for unique in by_translator.values():
            todo = list(unique.values())
            sentences = [s for u in todo for s in u.sentences]
            try:
                jobs.append(Job(todo, len(sentences), start(todo[0].translator, sentences)))
            except WorkersUnavailable:
                raise
            except Exception:  # a broken model must not stop indexing
                logger.exception("translation with %s failed", todo[0].translator.id)
        return Batch(buffer, jobs)

    def _finish(self, batch: Batch, later: Iterable[Batch] = ()) -> Iterator[Document]:
        """Wait for a batch, fill its documents, mark their cache hits used, yield them.

        While waiting, answers to ``later`` batches are stored as they arrive.
        """
        english: dict[str, str] = {}
        for job in batch.jobs:
            while not job.ready() and getattr(job.wait, "ready", None) is not None:
                if not any(self._store_if_ready(other) for other in later):
                    time.sleep(POLL_SECONDS)
            english.update(self._store(job))
        for pending in batch.buffer:
            for unit in pending.units:
                text = english.get(unit.key)
                if text is None:
                    self.summary.untranslated[f"translation failed ({unit.translator.id})"] += 1
                    continue
                self._fill(unit, text)
                self.summary.translated += 1
            self.cache.record([], pending.hits)
            self._documents += 1
            yield pending.document
        self.summary.seconds = time.perf_counter() - self._clock
        if self.progress is not None and batch.buffer:
            self.progress(TranslationProgress(self._documents, self.summary.sentences, self.summary.seconds,
                                              self.expected_documents,
                                              len(self.queue.workers) if self.queue is not None else 0))

    def _store_if_ready(self, batch: Batch) -> bool:
        """Store every answered job of a later batch; True if any was new."""
        stored = False
        for job in batch.jobs:
            if job.english is None and job.ready():
                self._store(job)
                stored = True
        return stored

    def _store(self, job: Job) -> dict[str, str]:
        """Collect a job's answer (once), rebuild its units' English, write it to the cache."""
        if job.english is not None:
            return job.english
        translator_id = job.units[0].translator.id
        job.english = {}
        try:
            result = job.wait()
            if len(result) != job.count:
                raise ValueError(f"{len(result)} translations for {job.count} sentences")
        except WorkersUnavailable:
            raise
        except Exception:  # a broken model or a refused answer must not stop indexing
            logger.exception("translation with %s failed", translator_id)
            return job.english
        translated = iter(result)
        self.summary.sentences += job.count
        self.summary.translators.add(translator_id)
        for unit in job.units:
            job.english[unit.key] = " ".join(next(translated) for _ in unit.sentences)
        # Stored as soon as it is answered: a killed run keeps every answer.
        self.cache.record(CacheEntry(u.segment.text, job.english[u.key], translator_id, u.settings)
                          for u in job.units)
        return job.english

    def _window(self) -> int:
        """Batches in flight beyond the one being planned: 1 in process, more for a queue."""
        return max((getattr(t, "window", 1) for t in self._translators.values() if t is not None), default=1)

    def _close_queue(self) -> None:
        if self.queue is not None:
            self.summary.workers = {name: (rate.sentences, rate.sentences_per_second)
                                    for name, rate in self.queue.workers.items()}
            self.queue.close()

    @staticmethod
    def _fill(unit: Unit, english: str) -> None:
        unit.segment.english, unit.segment.translator = english, unit.translator.id

    def _skip(self, document: Document, reason: str) -> None:
        for _segment in self._targets(document):
            self.summary.untranslated[reason] += 1
        self._documents += 1

"""The reindex pipeline: corpus folder -> published search index.

1. list the corpus files (duplicate ids are reported and skipped);
2. in a process pool, per file: read and decode, extract, tag languages,
   repair English text (``prepare``);
3. document stages that batch across documents (translation), then
   dictionary glosses of whatever stayed untranslated (``gloss``);
4. add to a fresh index build in the engine, then publish it atomically.

Any failure before publish discards the build, so the previous index keeps
answering. Files that cannot be used are reported in the summary; every
other file is indexed.
"""
from __future__ import annotations

import logging
import multiprocessing
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from .document import Document
from .engines import open_engine
from .engines.base import Engine
from .errors import ExtractionError
from .extract.sources import CorpusFile, Skipped, list_corpus, read_file
from .extract.text import extract
from .language import deglue
from .language import detect as language
from .language.deglue import finish_english
from .language.detect import tag_languages
from .lexicon.forms import FormsStage
from .lexicon.gloss import GlossStage
from .settings import Settings

logger = logging.getLogger(__name__)

CHUNK = 32  # files per task sent to a worker process
INLINE_BELOW = 64  # smaller corpora are prepared in this process
DocumentStage = Callable[[Iterable[Document]], Iterator[Document]]


@dataclass
class ReindexSummary:
    """What a reindex did, for the CLI's closing summary."""

    files_seen: int = 0
    indexed: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    paragraphs: Counter = field(default_factory=Counter)  # language -> paragraphs
    untranslated_paragraphs: int = 0
    stage_seconds: Counter = field(default_factory=Counter)
    elapsed: float = 0.0
    notes: list[str] = field(default_factory=list)

    @property
    def docs_per_second(self) -> float:
        """Indexed documents per wall-clock second."""
        return self.indexed / self.elapsed if self.elapsed else 0.0


def prepare(item: CorpusFile, settings: Settings) -> tuple[Document | Skipped, dict[str, float]]:
    """Read, extract and tag one file; a failure becomes ``Skipped``."""
    timings: dict[str, float] = {}
    started = time.perf_counter()
    raw = read_file(item, settings.max_file_bytes)
    timings["read"] = time.perf_counter() - started
    if isinstance(raw, Skipped):
        return raw, timings
    try:
        started = time.perf_counter()
        doc = extract(raw, settings)
        timings["extract"] = time.perf_counter() - started
    except ExtractionError as exc:
        return Skipped(item.path, str(exc)), timings
    except Exception as exc:  # a bug or an input nobody foresaw must not stop the run
        logger.exception("extraction failed on %s", item.path)
        return Skipped(item.path, f"extraction failed unexpectedly: {type(exc).__name__}: {exc}"), timings
    started = time.perf_counter()
    tag_languages(doc, settings.languages)
    timings["language"] = time.perf_counter() - started
    started = time.perf_counter()
    finish_english(doc)
    timings["deglue"] = time.perf_counter() - started
    return doc, timings


def _prepare_chunk(args: tuple[list[CorpusFile], Settings]) -> list[tuple[Document | Skipped, dict[str, float]]]:
    items, settings = args
    return [prepare(item, settings) for item in items]


def prepared_documents(
    files: list[CorpusFile],
    settings: Settings,
    summary: ReindexSummary,
    on_progress: Callable[[int], None] | None = None,
    pool: "multiprocessing.pool.Pool | None" = None,
) -> Iterator[Document]:
    """Documents of ``files`` in corpus order; skipped files go to ``summary``."""
    chunks = [(files[i:i + CHUNK], settings) for i in range(0, len(files), CHUNK)]
    results = pool.imap(_prepare_chunk, chunks) if pool else map(_prepare_chunk, chunks)
    for chunk in results:
        for outcome, timings in chunk:
            summary.stage_seconds.update(timings)
            if isinstance(outcome, Skipped):
                summary.skipped.append((str(outcome.path), outcome.reason))
                logger.warning("skipped %s: %s", outcome.path, outcome.reason)
            else:
                yield outcome
        if on_progress:
            on_progress(len(chunk))


def reindex(
    settings: Settings,
    stages: Iterable[DocumentStage] = (),
    engine: Engine | None = None,
    on_progress: Callable[[int], None] | None = None,
    on_start: Callable[[int], None] | None = None,
) -> ReindexSummary:
    """Index ``settings.corpus`` into a fresh build and publish it.

    ``stages`` (e.g. translation) run between preparation and glossing.
    """
    started = time.perf_counter()
    summary = ReindexSummary()
    files, listing_skips = list_corpus(settings.corpus)
    summary.files_seen = len(files) + len(listing_skips)
    summary.skipped += [(str(s.path), s.reason) for s in listing_skips]
    if on_start:
        on_start(len(files))
    own_engine = engine is None
    engine = engine or open_engine(settings)
    workers = settings.worker_count if len(files) >= INLINE_BELOW else 1
    language.warm_up(settings.languages)  # loaded once here, shared by forked workers
    deglue.warm_up()
    # The pool forks before the engine starts writer threads.
    pool = multiprocessing.get_context("fork").Pool(workers) if workers > 1 else None
    try:
        documents: Iterable[Document] = prepared_documents(files, settings, summary, on_progress, pool)
        for stage in stages:
            documents = stage(documents)
        _build_and_publish(engine, documents, settings, summary)
    finally:
        if pool:
            pool.terminate()
            pool.join()
        if own_engine:
            engine.close()
    summary.elapsed = time.perf_counter() - started
    return summary


def _build_and_publish(engine: Engine, documents: Iterable[Document], settings: Settings,
                       summary: ReindexSummary) -> None:
    """Gloss, add to a fresh build, publish; any failure discards the build."""
    build = engine.new_build()
    try:
        gloss = GlossStage(settings)  # after translation: glosses only what stayed untranslated
        forms = FormsStage(settings)  # word forms and collection statistics for dictionary search
        result = build.add(_counted(forms(gloss(documents)), summary))
        summary.skipped += [(doc_id, f"index refused it: {reason}") for doc_id, reason in result.failures]
        summary.indexed = result.added
        publish_started = time.perf_counter()
        build.publish()
        summary.stage_seconds["index"] += time.perf_counter() - publish_started
        forms.publish()
        summary.notes.append(gloss.note)
        summary.stage_seconds["gloss"] += gloss.seconds + forms.seconds
    except BaseException:
        build.discard()
        raise


def _counted(documents: Iterable[Document], summary: ReindexSummary) -> Iterator[Document]:
    """Pass documents through, counting paragraphs and the time spent indexing."""
    index_started = None
    for doc in documents:
        if index_started is not None:
            summary.stage_seconds["index"] += time.perf_counter() - index_started
        for paragraph in doc.paragraphs:
            summary.paragraphs[paragraph.language or "und"] += 1
        summary.untranslated_paragraphs += len(doc.untranslated_paragraphs)
        index_started = time.perf_counter()
        yield doc
    if index_started is not None:
        summary.stage_seconds["index"] += time.perf_counter() - index_started

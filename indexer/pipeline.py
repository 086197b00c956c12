"""The reindex pipeline: corpus folder -> published search index.

``reindex(settings)`` builds and runs every stage itself, so a call from
code indexes exactly what ``babelsearch reindex`` indexes:

1. take the reindex lock of this data dir and engine target;
2. list the corpus files (unusable ones and duplicate ids are reported);
3. in a process pool, per file: read and decode, extract, tag languages,
   repair English text (``prepare``);
4. translate every non-English paragraph and title (``translate.stage``),
   batching across documents; the translation cache answers what it knows;
5. gloss with the dictionaries whatever stayed untranslated (``lexicon.gloss``),
   add the word forms of original text (lemmas, compound parts) and gather
   the collection statistics that choose translations (``lexicon.forms``);
6. add to a fresh index build in the engine, then publish it atomically,
   then write the collection statistics (a reindex only: an update keeps
   those of the last reindex).

Any failure before publish discards the build, so the previous index keeps
answering. Files that cannot be used are reported in the one
``ReindexSummary``; every other file is indexed. ``update.update`` runs
steps 3-6 (``run_stages``) on the changed files only, into a copy of the
live index.
"""
from __future__ import annotations

import contextlib
import logging
import multiprocessing
import time
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, Mapping, Protocol

from .disk_full import reports_disk_full
from .document import Document
from .engines import open_engine
from .engines.base import Engine, IndexBuild
from .errors import ExtractionError
from .extract.sources import CorpusFile, Skipped, list_corpus, read_file
from .extract.text import extract
from .language import deglue
from .language import detect as language
from .language.deglue import finish_english
from .language.detect import tag_languages
from .lexicon.forms import FormsStage
from .lexicon.gloss import GlossStage
from .locking import ReindexLock
from .ranking import DEFAULT_RANKING, Ranking
from .reindex_summary import ReindexSummary
from .settings import Settings
from .time_limit import time_limit
from .translate.cache import TranslationCache
from .translate.stage import TranslationStage
from .translate.summary import TranslationProgress
from .translate.translators import Translator

logger = logging.getLogger(__name__)

CHUNK = 32  # files per task sent to a worker process
INLINE_BELOW = 64  # smaller corpora are prepared in this process
DocumentStage = Callable[[Iterable[Document]], Iterator[Document]]


@dataclass(frozen=True)
class ReindexOptions:
    """What a reindex does beyond the settings (the CLI's flags)."""

    translate: bool = True  # False: index original text only (--no-translate)
    retranslate: bool = False  # ignore the translation cache (--retranslate)
    ranking: Ranking = DEFAULT_RANKING  # glosses use its gloss_translations


class Progress(Protocol):
    """What the pipeline reports while it runs (the CLI draws it)."""

    def start(self, total: int) -> None:
        """``total`` corpus files will be prepared."""

    def advance(self, files: int) -> None:
        """``files`` more files were prepared."""

    def translation(self, progress: TranslationProgress) -> None:
        """The translation stage finished another batch."""


def prepare(item: CorpusFile, settings: Settings) -> tuple[Document | Skipped, dict[str, float]]:
    """Read, extract and tag one file within ``settings.file_timeout``; a failure becomes ``Skipped``."""
    timings: dict[str, float] = {}
    try:
        with time_limit(settings.file_timeout):
            return _prepare(item, settings, timings), timings
    except ExtractionError as exc:
        return Skipped(item.path, str(exc)), timings
    except Exception as exc:  # a bug or an input nobody foresaw must not stop the run
        logger.exception("extraction failed on %s", item.path)
        return Skipped(item.path, f"extraction failed unexpectedly: {type(exc).__name__}: {exc}"), timings


def _prepare(item: CorpusFile, settings: Settings, timings: dict[str, float]) -> Document | Skipped:
    started = time.perf_counter()
    raw = read_file(item, settings.max_file_bytes)
    timings["read"] = time.perf_counter() - started
    if isinstance(raw, Skipped):
        return raw
    started = time.perf_counter()
    doc = extract(raw, settings)
    timings["extract"] = time.perf_counter() - started
    started = time.perf_counter()
    tag_languages(doc, settings.languages)
    timings["language"] = time.perf_counter() - started
    started = time.perf_counter()
    finish_english(doc)
    timings["deglue"] = time.perf_counter() - started
    return doc


def _prepare_chunk(args: tuple[list[CorpusFile], Settings]) -> list[tuple[Document | Skipped, dict[str, float]]]:
    items, settings = args
    return [prepare(item, settings) for item in items]


def prepared_documents(
    files: list[CorpusFile],
    settings: Settings,
    summary: ReindexSummary,
    progress: Progress | None = None,
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
        if progress:
            progress.advance(len(chunk))


def reindex(
    settings: Settings,
    options: ReindexOptions = ReindexOptions(),
    *,
    engine: Engine | None = None,
    progress: Progress | None = None,
    translators: Mapping[str, Translator] | None = None,
    extra_stages: Iterable[DocumentStage] = (),
) -> ReindexSummary:
    """Index ``settings.corpus`` into a fresh build and publish it.

    ``engine`` defaults to the one ``settings`` names; ``translators``
    replaces the installed models (tests, benchmarks); ``extra_stages`` run
    after translation and before glossing (tests that fake translations).
    """
    started = time.perf_counter()
    summary = ReindexSummary(settings.engine_display, str(settings.corpus), str(settings.data_dir))
    files = listed_files(settings, summary)
    own_engine = engine is None
    if progress:
        progress.start(len(files))  # before loading the language models, which takes seconds
    # The pool forks before the engine starts writer threads and before the
    # lock is taken, so no worker holds the lock's file descriptor.
    with preparation_pool(settings, len(files)) as pool:
        try:
            with (reports_disk_full(settings.data_dir, settings.translations_dir), ReindexLock(settings),
                  TranslationCache(settings.translations_dir) as cache):
                engine = engine or open_engine(settings)
                run_stages(engine.new_build(), files, settings, options, summary, cache, pool=pool,
                           progress=progress, translators=translators, extra_stages=extra_stages)
        finally:
            if own_engine and engine is not None:
                engine.close()
    summary.elapsed = time.perf_counter() - started
    return summary


def listed_files(settings: Settings, summary: ReindexSummary) -> list[CorpusFile]:
    """The usable files of ``settings.corpus``; ``summary`` counts every entry
    seen and reports the unusable ones."""
    files, listing_skips = list_corpus(settings.corpus, settings.symlinks)
    summary.files_seen = len(files) + len(listing_skips)
    summary.skipped += [(str(s.path), s.reason) for s in listing_skips]
    return files


@contextlib.contextmanager
def preparation_pool(settings: Settings, files: int,
                     inline_below: int = INLINE_BELOW) -> Iterator["multiprocessing.pool.Pool | None"]:
    """A process pool for ``prepare`` (None below ``inline_below`` files), models warmed up first."""
    workers = settings.worker_count if files >= inline_below else 1
    language.warm_up(settings.languages)  # loaded once here, shared by forked workers
    deglue.warm_up()
    pool = multiprocessing.get_context("fork").Pool(workers) if workers > 1 else None
    try:
        yield pool
    finally:
        if pool:
            pool.terminate()
            pool.join()


def run_stages(
    build: IndexBuild,
    files: list[CorpusFile],
    settings: Settings,
    options: ReindexOptions,
    summary: ReindexSummary,
    cache: TranslationCache,
    *,
    pool: "multiprocessing.pool.Pool | None" = None,
    progress: Progress | None = None,
    translators: Mapping[str, Translator] | None = None,
    extra_stages: Iterable[DocumentStage] = (),
    whole_corpus: bool = True,
) -> None:
    """Prepare, translate and gloss ``files`` into ``build`` (a fresh build or an
    update), then publish it; any failure discards it. The caller holds the
    reindex lock and has started ``progress``.

    ``whole_corpus`` is False for an update: its translations are not a
    record of everything the corpus uses (``translations prune``).
    """
    try:
        translation = TranslationStage(
            settings, retranslate=options.retranslate, enabled=options.translate,
            translators=translators, progress=progress.translation if progress else None, cache=cache,
        )
        translation.expected_documents = len(files)  # lets progress show an ETA
        translation.sees_whole_corpus = whole_corpus
        gloss = GlossStage(settings, options.ranking)
        forms = FormsStage(settings, statistics=whole_corpus)
        documents: Iterable[Document] = translation(prepared_documents(files, settings, summary, progress, pool))
        for stage in extra_stages:
            documents = stage(documents)
        result = build.add(_counted(forms(gloss(documents)), summary))
        summary.skipped += [(doc_id, f"index refused it: {reason}") for doc_id, reason in result.failures]
        summary.indexed = result.added
        publish_started = time.perf_counter()
        build.publish()
        summary.stage_seconds["index"] += time.perf_counter() - publish_started
    except BaseException:
        build.discard()
        raise
    forms.publish()
    summary.translation = translation.summary
    summary.notes.append(gloss.note)
    summary.stage_seconds["gloss"] += gloss.seconds + forms.seconds


def _counted(documents: Iterable[Document], summary: ReindexSummary) -> Iterator[Document]:
    """Pass documents through, counting paragraphs and the time spent indexing."""
    index_started = None
    for doc in documents:
        if index_started is not None:
            summary.stage_seconds["index"] += time.perf_counter() - index_started
        for paragraph in doc.paragraphs:
            summary.paragraphs[paragraph.language or "und"] += 1
        summary.untranslated_paragraphs += len(doc.untranslated_paragraphs)
        summary.untranslated_titles += doc.untranslated_title
        index_started = time.perf_counter()
        yield doc
    if index_started is not None:
        summary.stage_seconds["index"] += time.perf_counter() - index_started

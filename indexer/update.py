"""Incremental update: bring the live index in step with the corpus folder.

1. take the reindex lock (as ``pipeline.reindex``); list the corpus; read
   what the live index holds (``IndexUpdate.fingerprints``: id → sha256 of
   the file's bytes, the ``Document.source_sha256`` a reindex stores);
2. hash every file that may have changed: all but those whose mtime and
   ctime are older than the moment the live index started reading files;
3. plan: ids not in the index are added, ids whose hash differs are
   changed, ids whose file is gone are deleted, the rest is left alone;
4. delete the changed and deleted ids from a copy of the live index, then
   prepare, translate and gloss only the added and changed files with the
   same stages as a reindex, and add them;
5. publish the copy atomically: searches answer from the previous index
   until then, and a killed or failed update leaves it in place.

A changed file that can no longer be used (now empty, say) is reported
and stays out of the index, as a reindex would leave it out. A full
``reindex`` is still needed after a change of mapping, model or settings
that alters unchanged documents (an installed model, other languages).
"""
from __future__ import annotations

import hashlib
import logging
import time
from dataclasses import dataclass, field
from typing import Iterable, Mapping

from .disk_full import reports_disk_full
from .engines import open_engine
from .engines.base import Engine, IndexUpdate
from .extract.sources import CorpusFile
from .locking import ReindexLock
from .pipeline import Progress, ReindexOptions, listed_files, preparation_pool, run_stages
from .reindex_summary import ReindexSummary
from .settings import Settings
from .translate.cache import TranslationCache
from .translate.translators import Translator

logger = logging.getLogger(__name__)

CLOCK_MARGIN_SECONDS = 2.0  # coarse file timestamps (FAT: 2 s) and small clock steps
# Forking a pool costs more than it saves below a few hundred files (the
# parent's models are warm; bench/index_throughput.py: 80 files took 0.23 s
# in process against 0.37-0.67 s in a pool of two).
INLINE_BELOW = 256


@dataclass
class UpdatePlan:
    """What an update changes."""

    added: list[CorpusFile] = field(default_factory=list)
    changed: list[CorpusFile] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)  # ids
    unchanged: int = 0

    @property
    def to_prepare(self) -> list[CorpusFile]:
        """Files to read, extract, translate and index, in corpus order."""
        return sorted(self.added + self.changed, key=lambda f: str(f.path))

    @property
    def empty(self) -> bool:
        """True when the index already matches the corpus."""
        return not (self.added or self.changed or self.deleted)


@dataclass
class UpdateSummary(ReindexSummary):
    """A ReindexSummary plus what the update added, changed, deleted and left alone."""

    plan: UpdatePlan = field(default_factory=UpdatePlan)

    def lines(self) -> list[str]:
        """The reindex summary, after one line that says what changed."""
        plan = self.plan
        head = (f"Update: {len(plan.added)} added, {len(plan.changed)} changed, {len(plan.deleted)} deleted, "
                f"{plan.unchanged} unchanged" + (" (index already up to date)" if plan.empty else ""))
        return [head, *super().lines()]


def file_sha256(item: CorpusFile) -> str | None:
    """sha256 of a file's bytes, or None when it cannot be read (then it is prepared and reported)."""
    digest = hashlib.sha256()
    try:
        with open(item.path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


def untouched_since(item: CorpusFile, moment: float | None) -> bool:
    """True when the file's content and inode were last changed before ``moment``.

    ctime moves on every write, rename or ``touch``, and cannot be set back,
    so such a file still holds the bytes the live index read after ``moment``.
    """
    if moment is None:
        return False
    try:
        stat = item.path.stat()
    except OSError:
        return False
    return max(stat.st_mtime, stat.st_ctime) < moment - CLOCK_MARGIN_SECONDS


def plan_update(files: Iterable[CorpusFile], live: dict[str, str], indexed_since: float | None = None) -> UpdatePlan:
    """Compare corpus files with the live index's ``{id: sha256}``.

    Files untouched since the live index started reading (``indexed_since``)
    are known to match without being read; every other file is hashed.
    """
    plan = UpdatePlan()
    seen = set()
    for item in files:
        seen.add(item.doc_id)
        if item.doc_id not in live:
            plan.added.append(item)
        elif untouched_since(item, indexed_since) or file_sha256(item) == live[item.doc_id]:
            plan.unchanged += 1
        else:
            plan.changed.append(item)
    plan.deleted = sorted(set(live) - seen)
    return plan


def update(
    settings: Settings,
    options: ReindexOptions = ReindexOptions(),
    *,
    engine: Engine | None = None,
    progress: Progress | None = None,
    translators: Mapping[str, Translator] | None = None,
) -> UpdateSummary:
    """Apply the corpus' additions, changes and deletions to the live index.

    Takes the same reindex lock as ``pipeline.reindex``; arguments as there.
    """
    started = time.perf_counter()
    summary = UpdateSummary(settings.engine_display, str(settings.corpus), str(settings.data_dir))
    files = listed_files(settings, summary)
    own_engine = engine is None
    try:
        with (reports_disk_full(settings.data_dir, settings.translations_dir), ReindexLock(settings),
              TranslationCache(settings.translations_dir) as cache):
            engine = engine or open_engine(settings)
            change = _planned_update(engine, files, summary)
            if change is not None:
                todo = summary.plan.to_prepare
                if progress:
                    progress.start(len(todo))
                # Few files: prepared in this process. Many: a pool forked while
                # the lock is held, and ended (terminate) before it is released.
                with preparation_pool(settings, len(todo), INLINE_BELOW) as pool:
                    run_stages(change, todo, settings, options, summary, cache, pool=pool, progress=progress,
                               translators=translators, whole_corpus=False)
    finally:
        if own_engine and engine is not None:
            engine.close()
    summary.elapsed = time.perf_counter() - started
    logger.info("update: %d added, %d changed, %d deleted, %d unchanged", len(summary.plan.added),
                len(summary.plan.changed), len(summary.plan.deleted), summary.plan.unchanged)
    return summary


def _planned_update(engine: Engine, files: list[CorpusFile], summary: UpdateSummary) -> IndexUpdate | None:
    """Open an update, plan it, delete what goes; None (and nothing open) when nothing changed."""
    change = engine.new_update()
    try:
        summary.plan = plan = plan_update(files, change.fingerprints(), change.indexed_since())
        if plan.empty:
            change.discard()  # nothing to publish: the live index already matches
            return None
        change.delete(plan.deleted + [item.doc_id for item in plan.changed])
    except BaseException:
        change.discard()
        raise
    return change

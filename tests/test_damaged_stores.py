"""A damaged translation cache or lexicon, before or during a reindex: the
reindex still indexes every document (a damaged cache is set aside and its
translations redone; a damaged lexicon is left out with a warning), or,
for a cache another process holds locked, stops with a clear error while
the previous index keeps answering."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from argos_fixtures import argos_archives, installed, settings  # noqa: F401 (fixtures)

from indexer.engines.tantivy_engine import EmbeddedEngine
from indexer.errors import TranslationCacheUnavailable
from indexer.lexicon import lexicon_path
from indexer.lexicon.build import build_lexicon
from indexer.lexicon.sources import user_sources
from indexer.pipeline import reindex
from indexer.settings import Settings
from indexer.translate.cache import CACHE_FILE, TranslationCache

NAMES = Path(__file__).parent / "data" / "lexicon" / "names.de-en.tsv"


@pytest.fixture()
def indexed(installed: Settings, corpus_copy: Path) -> Settings:  # noqa: F811
    """Seeds indexed once with the tiny de→en model and a small lexicon."""
    ready = installed.with_(corpus=corpus_copy, workers=1)
    build_lexicon(user_sources([NAMES]), lexicon_path(ready.data_dir))
    assert reindex(ready).indexed == 5
    return ready


def _documents(settings: Settings) -> int:
    engine = EmbeddedEngine(settings.data_dir)
    try:
        return engine.stats().documents
    finally:
        engine.close()


def summary_units(settings: Settings) -> int:
    """Paragraphs and titles a fresh run translates (the cache moved away for it)."""
    fresh = settings.with_(translations_dir=settings.translations_dir.parent / "fresh-cache")
    return reindex(fresh).translation.translated


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _overwrite(path: Path) -> None:
    path.write_bytes(b"not a database " * 500)


@pytest.mark.parametrize("damage", [_truncate, _overwrite])
@pytest.mark.parametrize("store", ["cache", "lexicon"])
def test_a_damaged_store_before_the_run(indexed: Settings, damage, store: str) -> None:
    damage(indexed.translations_dir / CACHE_FILE if store == "cache" else lexicon_path(indexed.data_dir))
    summary = reindex(indexed)
    assert summary.indexed == 5, summary.skipped
    if store == "cache":
        assert summary.translation.translated > 0, "the translations of the damaged cache were not redone"
        assert list(indexed.translations_dir.glob(f"{CACHE_FILE}.corrupt-*")), "the damaged cache was not kept aside"


def test_the_cache_damaged_during_the_run(indexed: Settings) -> None:
    cache = indexed.translations_dir / CACHE_FILE
    cache.unlink()  # every document is translated again, so the cache is written all through the run

    def damage_after_first(documents):
        for number, document in enumerate(documents):
            if number == 1:
                _overwrite(cache)
            yield document

    assert reindex(indexed, extra_stages=[damage_after_first]).indexed == 5
    # SQLite (WAL mode) may notice only when the store is opened again: either way no
    # document is lost and what the cache answers is still each paragraph's translation.
    again = reindex(indexed)
    assert again.indexed == 5
    assert again.translation.translated + again.translation.from_cache == summary_units(indexed)
    with TranslationCache(indexed.translations_dir) as reopened:
        assert len(reopened) > 0


def test_a_locked_cache_stops_the_run_clearly(indexed: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(TranslationCache, "busy_timeout", 0.5)
    holder = sqlite3.connect(indexed.translations_dir / CACHE_FILE, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(TranslationCacheUnavailable, match="no other process holds it"):
            reindex(indexed)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert _documents(indexed) == 5
    assert reindex(indexed).indexed == 5


def test_a_locked_lexicon_is_left_out(indexed: Settings) -> None:
    holder = sqlite3.connect(lexicon_path(indexed.data_dir), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        assert reindex(indexed).indexed == 5
    finally:
        holder.execute("ROLLBACK")
        holder.close()

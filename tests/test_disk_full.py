"""A full disk during reindex or translation: the previous index keeps answering,
the translation cache stays consistent, and the message says so.

Two kinds of test: fakes that raise what each layer raises on a full disk
(always run), and a real 3 MB tmpfs (run where ``mount`` is allowed: as
root outside a container sandbox; skipped elsewhere, since CI cannot
install that permission).
"""
from __future__ import annotations

import errno
import os
import sqlite3
import subprocess
from pathlib import Path

import pytest

from indexer.disk_full import is_disk_full
from indexer.engines.tantivy_engine import EmbeddedEngine
from indexer.errors import DiskFull
from indexer.pipeline import reindex
from indexer.query import Filters, SearchRequest, parse_query
from indexer.settings import Settings
from indexer.translate.cache import CacheEntry, TranslationCache


def _hits(data: Path, words: str = "Huawei") -> int:
    engine = EmbeddedEngine(data)
    try:
        return engine.search(SearchRequest(parse_query(words), Filters())).total
    finally:
        engine.close()


def _builds(data: Path) -> list[str]:
    return sorted(p.name for p in (data / "index" / "builds").iterdir())


@pytest.mark.parametrize("error", [
    OSError(errno.ENOSPC, "No space left on device"),
    ValueError("An IO error occurred: 'No space left on device (os error 28)'"),
    sqlite3.OperationalError("database or disk is full"),
])
def test_full_disk_mid_run_keeps_the_previous_index(tmp_path: Path, corpus_copy: Path, error: Exception) -> None:
    settings = Settings(data_dir=tmp_path / "data", corpus=corpus_copy, translations_dir=tmp_path / "tr")
    assert reindex(settings).indexed == 5
    builds = _builds(settings.data_dir)

    def disk_fills_up(documents):
        for number, doc in enumerate(documents):
            if number == 2:
                raise error
            yield doc

    with pytest.raises(DiskFull, match="previous index still answers"):
        reindex(settings, extra_stages=[disk_fills_up])
    assert _hits(settings.data_dir) >= 1
    assert _builds(settings.data_dir) == builds, "the unfinished build was not removed"
    assert reindex(settings).indexed == 5


def test_other_errors_are_not_called_a_full_disk() -> None:
    assert not is_disk_full(ValueError("bad value"))
    assert not is_disk_full(OSError(errno.EACCES, "Permission denied"))
    assert is_disk_full(RuntimeError("wrapped")) is False
    try:
        try:
            raise OSError(errno.EDQUOT, "Disk quota exceeded")
        except OSError as inner:
            raise RuntimeError("flush failed") from inner
    except RuntimeError as outer:
        assert is_disk_full(outer)


@pytest.fixture()
def small_disk(tmp_path: Path):
    """A 3 MB tmpfs mounted at ``tmp_path/disk``."""
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount_point)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    yield mount_point
    subprocess.run(["umount", "-l", str(mount_point)], check=False)


def _fill(disk: Path, leave: int) -> Path:
    """Fill ``disk`` until ``leave`` bytes are free; returns the filler file."""
    filler = disk / "filler"
    free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
    with open(filler, "wb") as handle:
        handle.write(b"\0" * max(0, free - leave))
    return filler


def test_real_full_disk_during_reindex(small_disk: Path, corpus_copy: Path) -> None:
    settings = Settings(data_dir=small_disk / "data", corpus=corpus_copy, translations_dir=small_disk / "tr")
    assert reindex(settings).indexed == 5
    builds = _builds(settings.data_dir)
    filler = _fill(small_disk, leave=40_000)
    with pytest.raises(DiskFull, match="Free some space"):
        reindex(settings)
    assert _hits(settings.data_dir) >= 1
    assert _builds(settings.data_dir) == builds
    filler.unlink()
    assert reindex(settings).indexed == 5


def test_real_full_disk_keeps_the_translation_cache_consistent(small_disk: Path) -> None:
    cache = TranslationCache(small_disk / "tr")
    stored: list[CacheEntry] = []
    batch = 0
    with pytest.raises(sqlite3.OperationalError) as failure:
        while batch < 10_000:
            entries = [CacheEntry(f"Satz {batch}-{n} " + "x" * 2000, f"sentence {batch}-{n}", "argos/de_en@1", "b4")
                       for n in range(20)]
            cache.record(entries)
            stored += entries
            batch += 1
    assert is_disk_full(failure.value)
    cache.close()
    reopened = TranslationCache(small_disk / "tr")
    found = reopened.get_many([entry.key for entry in stored])
    assert len(found) == len(stored), "a batch stored before the disk filled up was lost"
    assert all(found[entry.key] == entry.english for entry in stored)
    assert len(reopened) == len(stored), "half of the failed batch was kept"
    reopened.close()

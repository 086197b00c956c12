"""The SQLite translation cache: keys, corruption, atomicity, prune, export, CLI."""
from __future__ import annotations

import json
import logging
import sqlite3
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from indexer.errors import NothingToPrune, TranslationCacheUnavailable
from indexer.translate.cache import (
    CacheEntry,
    TranslationCache,
    cache_key,
)

SETTINGS = '{"beam_size":4}'


def entry(source: str, english: str = "", translator: str = "argos/de_en@1.9") -> CacheEntry:
    return CacheEntry(source, english or f"EN:{source}", translator, SETTINGS)


@pytest.fixture
def cache(tmp_path: Path) -> TranslationCache:
    with TranslationCache(tmp_path / "translations") as store:
        yield store


@pytest.mark.parametrize(
    ("other", "same"),
    [
        (("Hallo Welt", "argos/de_en@1.9", SETTINGS), True),
        (("Hallo Welt!", "argos/de_en@1.9", SETTINGS), False),
        (("Hallo Welt", "argos/de_en@2.0", SETTINGS), False),
        (("Hallo Welt", "argos/de_en@1.9", '{"beam_size":1}'), False),
    ],
)
def test_key_depends_on_text_translator_and_settings(other: tuple[str, str, str], same: bool) -> None:
    assert (cache_key("Hallo Welt", "argos/de_en@1.9", SETTINGS) == cache_key(*other)) is same


def test_record_and_get(cache: TranslationCache) -> None:
    a, b = entry("eins"), entry("zwei")
    cache.record([a, b])
    assert cache.get_many([a.key, b.key, "missing"]) == {a.key: "EN:eins", b.key: "EN:zwei"}
    assert len(cache) == 2 and cache.counts_by_translator() == {"argos/de_en@1.9": 2}


def test_survives_reopen(tmp_path: Path) -> None:
    with TranslationCache(tmp_path) as first:
        first.record([entry("eins")])
    with TranslationCache(tmp_path) as second:
        assert second.get_many([entry("eins").key]) == {entry("eins").key: "EN:eins"}


def test_corrupt_row_is_a_miss_with_warning(cache: TranslationCache, caplog: pytest.LogCaptureFixture) -> None:
    good, bad = entry("gut"), entry("schlecht")
    cache.record([good, bad])
    cache.db.execute("UPDATE translations SET english = 'garbage' WHERE key = ?", (bad.key,))
    with caplog.at_level(logging.WARNING):
        assert cache.get_many([good.key, bad.key]) == {good.key: "EN:gut"}
    assert "corrupt translation cache entry" in caplog.text
    cache.record([bad])
    assert cache.get_many([bad.key]) == {bad.key: "EN:schlecht"}, "overwritten by the next translation"


def test_unreadable_store_is_set_aside(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "cache.sqlite3").write_bytes(b"this is not a database" * 100)
    with caplog.at_level(logging.WARNING), TranslationCache(tmp_path) as store:
        store.record([entry("eins")])
        assert len(store) == 1
    assert "unreadable" in caplog.text
    assert len(list(tmp_path.glob("cache.sqlite3.corrupt-*"))) == 1


def test_a_store_set_aside_is_closed_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "cache.sqlite3").write_bytes(b"this is not a database" * 100)
    opened: list[sqlite3.Connection] = []
    connect = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect", lambda *a, **k: opened.append(connect(*a, **k)) or opened[-1])
    with TranslationCache(tmp_path) as store:
        assert len(store) == 0
    assert len(opened) == 2, "the unreadable store, then the fresh one"
    with pytest.raises(sqlite3.ProgrammingError, match="closed"):
        opened[0].execute("SELECT 1")


def test_a_locked_store_is_an_error_and_keeps_its_data(tmp_path: Path) -> None:
    with TranslationCache(tmp_path) as first:
        first.record([entry("eins")])
    holder = sqlite3.connect(tmp_path / "cache.sqlite3", isolation_level=None)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")  # another process in the middle of a write
    try:
        blocked = TranslationCache(tmp_path)
        blocked.busy_timeout = 0.1
        with pytest.raises(TranslationCacheUnavailable, match="database is locked"):
            blocked.db
    finally:
        holder.close()
    assert not list(tmp_path.glob("cache.sqlite3.corrupt-*")), "a busy store is not corrupt"
    with TranslationCache(tmp_path) as again:
        assert again.get_many([entry("eins").key]) == {entry("eins").key: "EN:eins"}


def test_a_store_that_cannot_be_opened_is_an_error_not_set_aside(tmp_path: Path) -> None:
    (tmp_path / "cache.sqlite3").mkdir()
    with pytest.raises(TranslationCacheUnavailable, match="unable to open"):
        TranslationCache(tmp_path).db
    assert (tmp_path / "cache.sqlite3").is_dir() and not list(tmp_path.glob("cache.sqlite3.corrupt-*"))


def test_cli_reports_an_unusable_store_in_one_line(tmp_path: Path) -> None:
    from indexer.cli import main

    (tmp_path / "cache.sqlite3").mkdir()
    result = CliRunner().invoke(main, ["translations", "export", "--translations", str(tmp_path)])
    assert result.exit_code == 1, result.output
    assert "cannot be used" in result.output and "Traceback" not in result.output


def test_failed_write_leaves_nothing(cache: TranslationCache) -> None:
    cache.record([entry("eins")])
    with pytest.raises(sqlite3.Error):
        cache.record([entry("zwei"), CacheEntry("drei", None, "t", SETTINGS)])  # type: ignore[arg-type]
    assert len(cache) == 1, "the whole document's batch was rolled back"


def test_prune_drops_what_the_last_complete_run_did_not_use(cache: TranslationCache) -> None:
    old, kept, new = entry("alt"), entry("bleibt"), entry("neu")
    cache.record([old, kept])
    with pytest.raises(NothingToPrune):
        cache.prune()
    time.sleep(0.01)
    started = time.time()
    cache.record([new], used_keys=[kept.key])
    cache.complete_run(started)
    assert cache.unused_count() == 1
    assert cache.prune() == 1
    assert set(cache.get_many([old.key, kept.key, new.key])) == {kept.key, new.key}


def test_export_is_readable_json_lines(cache: TranslationCache, tmp_path: Path) -> None:
    cache.record([entry("zwei"), entry("eins", translator="argos/nl_en@1.9")])
    out = tmp_path / "dump.jsonl"
    with out.open("w", encoding="utf-8") as stream:
        assert cache.export(stream) == 2
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["translator"], r["source"], r["english"]) for r in rows] == [
        ("argos/de_en@1.9", "zwei", "EN:zwei"),
        ("argos/nl_en@1.9", "eins", "EN:eins"),
    ]
    assert rows[0]["settings"] == {"beam_size": 4} and len(rows[0]["text_sha256"]) == 64


def test_cli_export_and_prune(tmp_path: Path) -> None:
    from indexer.cli import main

    directory = tmp_path / "translations"
    with TranslationCache(directory) as store:
        store.record([entry("alt")])
        time.sleep(0.01)
        started = time.time()
        store.record([entry("neu")])
        store.complete_run(started)
    runner = CliRunner()  # click >= 8.2 keeps stderr apart in result.stderr
    result = runner.invoke(main, ["translations", "export", "--translations", str(directory)])
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["source"] for line in result.stdout.splitlines()] == ["alt", "neu"]
    result = runner.invoke(main, ["translations", "prune", "--dry-run", "--translations", str(directory)])
    assert result.exit_code == 0 and "would drop 1 of 2" in result.stdout, result.output
    result = runner.invoke(main, ["translations", "prune", "--translations", str(directory)])
    assert result.exit_code == 0 and "dropped 1 translations; 1 kept" in result.stdout, result.output


def test_cli_prune_without_a_run_explains(tmp_path: Path) -> None:
    from indexer.cli import main

    result = CliRunner().invoke(main, ["translations", "prune", "--translations", str(tmp_path)])
    assert result.exit_code == 1
    assert "run `babelsearch reindex` first" in result.output

"""The translation cache in ``translations/``: content-addressed, in SQLite.

Key = sha256 over (sha256 of the source text, translator id, decoding
settings), so renamed and duplicated files hit the cache, and a new model
version or other decoding settings miss it. Every write is one SQLite
transaction (WAL journal), so a run killed at any point leaves a consistent
store with every finished document in it. Each row carries a digest of its
translation; a row whose digest does not match is a corrupt entry, treated
as a miss with a warning and overwritten by the next translation.

``used`` timestamps record which entries the latest complete translation
run needed; ``prune`` drops the others.
"""
from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, TextIO, TypeVar

from ..errors import NothingToPrune, TranslationCacheUnavailable

logger = logging.getLogger(__name__)
T = TypeVar("T")

CACHE_FILE = "cache.sqlite3"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS translations (
    key TEXT PRIMARY KEY,
    text_sha256 TEXT NOT NULL,
    translator TEXT NOT NULL,
    settings TEXT NOT NULL,
    source TEXT NOT NULL,
    english TEXT NOT NULL,
    digest TEXT NOT NULL,
    created REAL NOT NULL,
    used REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


def text_sha256(text: str) -> str:
    """Hex sha256 of a text (UTF-8)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def cache_key(text: str, translator: str, settings: str) -> str:
    """The content address of one translation."""
    return hashlib.sha256(f"{text_sha256(text)}\n{translator}\n{settings}".encode()).hexdigest()


def _digest(key: str, english: str) -> str:
    return hashlib.sha256(f"{key}\n{english}".encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class CacheEntry:
    """One translation to store."""

    source: str
    english: str
    translator: str
    settings: str

    @property
    def key(self) -> str:
        """Content address (see ``cache_key``)."""
        return cache_key(self.source, self.translator, self.settings)


class TranslationCache:
    """SQLite store of translations under one directory."""

    busy_timeout = 60.0  # seconds to wait for another writer before giving up

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        self.path = self.directory / CACHE_FILE
        self._db: sqlite3.Connection | None = None

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=self.busy_timeout, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.executescript(_SCHEMA)
        except BaseException:
            db.close()
            raise
        return db

    @property
    def db(self) -> sqlite3.Connection:
        """The open connection (see ``_open``)."""
        if self._db is None:
            try:
                self._db = self._open()
            except (sqlite3.OperationalError, OSError) as exc:
                raise TranslationCacheUnavailable(
                    f"translation cache {self.path} cannot be used ({exc}); "
                    "check that it is writable and that no other process holds it"
                ) from exc
        return self._db

    def _open(self) -> sqlite3.Connection:
        """Connect; a store that is not a database is set aside and replaced.

        A locked, read-only or unopenable store raises OperationalError and
        is left as it is: its translations may have cost hours of model
        time, so only real corruption is moved out of the way.
        """
        self.directory.mkdir(parents=True, exist_ok=True)
        try:
            return self._connect()
        except sqlite3.OperationalError:
            raise
        except sqlite3.DatabaseError as exc:
            self._set_aside(exc)
            return self._connect()

    def _set_aside(self, exc: sqlite3.DatabaseError) -> None:
        """Move a store that is not a database out of the way (keeping it for inspection)."""
        aside = self.path.with_name(f"{CACHE_FILE}.corrupt-{time.time_ns()}")  # unique: a second one keeps the first
        logger.warning("translation cache %s is unreadable (%s); moved to %s, starting empty", self.path, exc, aside)
        self.path.rename(aside)
        for suffix in ("-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    def close(self) -> None:
        """Close the connection (reopened on next use)."""
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self) -> "TranslationCache":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get_many(self, keys: Iterable[str]) -> dict[str, str]:
        """Translations found for ``keys``; corrupt rows are misses (warned)."""
        keys = list(dict.fromkeys(keys))
        found: dict[str, str] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            rows = self._use(lambda db: db.execute(
                f"SELECT key, english, digest FROM translations WHERE key IN ({','.join('?' * len(chunk))})", chunk
            ).fetchall())
            for key, english, digest in rows:
                if isinstance(english, str) and digest == _digest(key, english):
                    found[key] = english
                else:
                    logger.warning("corrupt translation cache entry %s… ignored; it will be retranslated", key[:12])
        return found

    def _use(self, operation: Callable[[sqlite3.Connection], T]) -> T:
        """``operation(db)``; a store found damaged mid-run is set aside and the operation
        retried on a fresh one, a locked one becomes ``TranslationCacheUnavailable``."""
        try:
            return operation(self.db)
        except sqlite3.OperationalError as exc:
            if "disk is full" in str(exc):
                raise  # the pipeline reports a full disk as such
            raise TranslationCacheUnavailable(
                f"translation cache {self.path} cannot be used ({exc}); "
                "check that it is writable and that no other process holds it"
            ) from exc
        except sqlite3.DatabaseError as exc:
            if type(exc) is not sqlite3.DatabaseError:  # IntegrityError and kin: a bad entry, not a bad store
                raise
            self.close()  # "malformed", "not a database": truncated or overwritten while open
            self._set_aside(exc)
            return operation(self.db)

    def record(self, entries: Iterable[CacheEntry], used_keys: Iterable[str] = ()) -> None:
        """Store new translations and mark cache hits as used, in one transaction."""
        now = time.time()
        rows = [
            (e.key, text_sha256(e.source), e.translator, e.settings, e.source, e.english, _digest(e.key, e.english), now, now)
            for e in entries
        ]
        used = [(now, key) for key in dict.fromkeys(used_keys)]
        if not rows and not used:
            return
        self._use(lambda db: self._store(db, rows, used))

    @staticmethod
    def _store(db: sqlite3.Connection, rows: list[tuple], used: list[tuple[float, str]]) -> None:
        with _Transaction(db):
            db.executemany("INSERT OR REPLACE INTO translations VALUES (?,?,?,?,?,?,?,?,?)", rows)
            db.executemany("UPDATE translations SET used = ? WHERE key = ?", used)

    def _transaction(self) -> "_Transaction":
        return _Transaction(self.db)

    def complete_run(self, started: float) -> None:
        """Record that a run which started at ``started`` saw every document."""

        def mark(db: sqlite3.Connection) -> None:
            with _Transaction(db):
                db.execute("INSERT OR REPLACE INTO meta VALUES ('last_complete_run', ?)", (repr(started),))

        self._use(mark)

    def last_complete_run(self) -> float | None:
        """Start time of the latest complete run, or None."""
        row = self.db.execute("SELECT value FROM meta WHERE name = 'last_complete_run'").fetchone()
        return float(row[0]) if row else None

    def unused_count(self) -> int:
        """Entries the latest complete run did not use."""
        started = self._require_run()
        return self.db.execute("SELECT COUNT(*) FROM translations WHERE used < ?", (started,)).fetchone()[0]

    def prune(self) -> int:
        """Delete entries that no document used in the latest complete run."""
        started = self._require_run()
        with self._transaction() as db:
            cursor = db.execute("DELETE FROM translations WHERE used < ?", (started,))
        self.db.execute("VACUUM")
        return cursor.rowcount

    def _require_run(self) -> float:
        started = self.last_complete_run()
        if started is None:
            raise NothingToPrune(
                "no complete translation run is recorded, so it is unknown which entries are in use; "
                "run `babelsearch reindex` first"
            )
        return started

    def __len__(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM translations").fetchone()[0]

    def counts_by_translator(self) -> dict[str, int]:
        """Number of entries per translator id."""
        rows = self.db.execute("SELECT translator, COUNT(*) FROM translations GROUP BY translator ORDER BY translator")
        return dict(rows.fetchall())

    def entries(self) -> Iterator[dict[str, Any]]:
        """Every entry as a readable dict, ordered by translator then source text."""
        rows = self.db.execute(
            "SELECT key, translator, settings, text_sha256, source, english, created, used "
            "FROM translations ORDER BY translator, source"
        )
        for key, translator, settings, sha, source, english, created, used in rows:
            yield {
                "key": key,
                "translator": translator,
                "settings": json.loads(settings),
                "text_sha256": sha,
                "source": source,
                "english": english,
                "created": _iso(created),
                "used": _iso(used),
            }

    def export(self, stream: TextIO) -> int:
        """Write every entry as one JSON object per line; returns the count."""
        count = 0
        for entry in self.entries():
            stream.write(json.dumps(entry, ensure_ascii=False) + "\n")
            count += 1
        return count


def _iso(timestamp: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(timestamp))


class _Transaction:
    """``with`` block around BEGIN IMMEDIATE … COMMIT (ROLLBACK on error)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> sqlite3.Connection:
        self.db.execute("BEGIN IMMEDIATE")
        return self.db

    def __exit__(self, exc_type: object, *rest: object) -> None:
        self.db.execute("ROLLBACK" if exc_type else "COMMIT")

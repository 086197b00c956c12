"""The compiled lexicon: one SQLite file, ``DATA/lexicons/lexicon.sqlite``.

One row per (direction, source term) with the ranked targets as JSON, and a
``meta`` table describing the build. Opening is instant (no parsing), a
lookup is one primary-key read, and results are cached per process.
"""
from __future__ import annotations

import datetime as dt
import functools
import json
import os
import sqlite3
import threading
from pathlib import Path
from typing import Any, Iterable, Mapping
from urllib.request import pathname2url

from ..errors import LexiconError
from ..progress import Progress

FILE_NAME = "lexicon.sqlite"
SCHEMA_VERSION = 1
Translations = tuple[tuple[str, float], ...]  # (target term, weight), best first


def lexicon_path(data_dir: Path) -> Path:
    """Where the compiled lexicon of a data dir lives."""
    return Path(data_dir) / "lexicons" / FILE_NAME


def write_store(path: Path, tables: Mapping[str, Mapping[str, Translations]], meta: Mapping[str, Any],
                progress: Progress | None = None) -> None:
    """Write all direction tables to ``path`` atomically (temp file, then rename).

    One transaction, no journal (a failed write leaves only the temporary
    file), and the lookup index is built once after the load, which is
    several times faster than keeping it sorted row by row.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.unlink(missing_ok=True)
    task = (progress or Progress()).task(f"Writing {path.name}", sum(len(t) for t in tables.values()), unit="rows")
    db = sqlite3.connect(temporary)
    db.set_progress_handler(lambda: task.update(task.done), 1_000_000)  # keeps a log moving while the index sorts
    try:
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA synchronous = OFF")
        db.execute("CREATE TABLE terms (direction TEXT, source TEXT, targets TEXT)")
        db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        for direction, table in tables.items():
            db.executemany("INSERT INTO terms VALUES (?, ?, ?)", _rows(direction, table))
            task.advance(len(table))
        db.execute("CREATE UNIQUE INDEX terms_key ON terms (direction, source)")
        full_meta = {**meta, "schema": SCHEMA_VERSION, "built_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")}
        db.executemany("INSERT INTO meta VALUES (?, ?)", [(k, json.dumps(v)) for k, v in full_meta.items()])
        db.commit()
    finally:
        db.close()
    os.replace(temporary, path)
    task.finish()


_TARGETS_JSON = json.JSONEncoder(ensure_ascii=False)  # one encoder: json.dumps would build one per row


def _rows(direction: str, table: Mapping[str, Translations]) -> Iterable[tuple[str, str, str]]:
    encode = _TARGETS_JSON.encode
    for source, targets in table.items():
        yield direction, source, encode([[t, round(w, 3)] for t, w in targets])


class LexiconStore:
    """Read access to a compiled lexicon (thread-safe, cached lookups)."""

    def __init__(self, path: Path) -> None:
        if not path.exists():
            raise LexiconError(f"no compiled lexicon at {path}: run 'babelsearch lexicons build'")
        self.path = path
        self._lock = threading.Lock()
        self._closed = False
        self._db = _open_read_only(path)
        self.meta: dict[str, Any] = {k: json.loads(v) for k, v in self._read_meta()}
        self.lookup = functools.lru_cache(maxsize=200_000)(self._lookup)

    def _read_meta(self) -> list[tuple[str, str]]:
        try:
            return self._db.execute("SELECT key, value FROM meta").fetchall()
        except sqlite3.DatabaseError as exc:
            self._db.close()
            raise LexiconError(
                f"{self.path} is not a compiled lexicon ({exc}): rebuild with 'babelsearch lexicons build'"
            ) from None

    @property
    def directions(self) -> tuple[str, ...]:
        """Directions with entries, e.g. ``('de-en', 'en-de')``."""
        return tuple(self.meta.get("entries", {}))

    def _lookup(self, direction: str, term: str) -> Translations:
        """Ranked translations of ``term`` (already normalised) in ``direction``."""
        with self._lock:
            if self._closed:  # replaced by a rebuild while a search still held it
                return ()
            row = self._db.execute(
                "SELECT targets FROM terms WHERE direction = ? AND source = ?", (direction, term)
            ).fetchone()
        if row is None:
            return ()
        return tuple((t, float(w)) for t, w in json.loads(row[0]))

    def close(self) -> None:
        """Close the database; later lookups find nothing."""
        with self._lock:
            self._closed = True
            self._db.close()


def _open_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection; the path is URI-quoted, so ``?``, ``#`` and ``%`` are safe."""
    uri = f"file:{pathname2url(str(path))}?mode=ro"
    try:
        return sqlite3.connect(uri, uri=True, check_same_thread=False)
    except sqlite3.Error as exc:
        raise LexiconError(f"cannot open the lexicon {path} ({exc})") from None

"""The reindex lock: one build at a time per data dir and engine target.

A reindex (or update) of the same target from a second process gets
``IndexBusy`` at once instead of racing the first. The lock is an
``flock`` on ``DATA/locks/<target>.lock``, so the kernel drops it when the
holder dies; nothing is left to clean up after a kill. The file name is a
hash of the engine target (an Elasticsearch URL plus alias, or the embedded
index), so two data dirs never share a lock by accident and the URL (which
may carry credentials) is never written to disk.
"""
from __future__ import annotations

import fcntl
import hashlib
import os
from pathlib import Path

from .errors import IndexBusy
from .settings import Settings


class ReindexLock:
    """``with ReindexLock(settings):`` holds the lock for the block."""

    def __init__(self, settings: Settings) -> None:
        target = settings.engine.strip() or "embedded"
        if target not in ("embedded", "tantivy"):
            target = f"{target}#{settings.es_index}"
        digest = hashlib.sha256(target.encode("utf-8")).hexdigest()[:16]
        self.path = Path(settings.data_dir) / "locks" / f"reindex-{digest}.lock"
        self.display = settings.engine_display if target not in ("embedded", "tantivy") else f"{settings.data_dir}"
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock or raise IndexBusy."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise IndexBusy(f"another reindex is running on {self.display}; wait for it to finish") from None
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd

    def release(self) -> None:
        """Let the next reindex start (idempotent)."""
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> "ReindexLock":
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

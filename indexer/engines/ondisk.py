"""Atomic publishing of on-disk index builds, and the reindex lock.

Layout under ``DATA/index``::

    builds/<stamp>/     one complete index per build
    CURRENT             name of the live build (replaced atomically)
    reindex.lock        flock held while a build is in progress

A build is written in its own folder; publishing is one ``os.replace`` of
``CURRENT``. A killed build leaves ``CURRENT`` untouched; its folder is
removed by the next build. The lock is an ``flock``, so the kernel drops
it when the holder dies.
"""
from __future__ import annotations

import datetime as dt
import fcntl
import logging
import os
import shutil
from pathlib import Path

from ..errors import IndexBusy

logger = logging.getLogger(__name__)


class BuildDirectory:
    """The ``DATA/index`` folder: live pointer, builds, lock."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.builds = root / "builds"
        self.pointer = root / "CURRENT"
        self._lock_file: int | None = None

    def current(self) -> tuple[Path, int] | None:
        """``(live build folder, pointer mtime_ns)`` or None when unpublished."""
        try:
            stat = self.pointer.stat()
            name = self.pointer.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        path = self.builds / name
        return (path, stat.st_mtime_ns) if name and path.is_dir() else None

    def pointer_version(self) -> int | None:
        """A cheap token that changes whenever a build is published."""
        try:
            return self.pointer.stat().st_mtime_ns
        except FileNotFoundError:
            return None

    def lock(self) -> None:
        """Take the reindex lock or raise IndexBusy."""
        self.builds.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.root / "reindex.lock", os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise IndexBusy(f"another reindex is running on {self.root}; wait for it to finish") from None
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._lock_file = fd

    def unlock(self) -> None:
        """Release the reindex lock (idempotent)."""
        if self._lock_file is not None:
            fcntl.flock(self._lock_file, fcntl.LOCK_UN)
            os.close(self._lock_file)
            self._lock_file = None

    def new_build(self) -> Path:
        """A fresh, empty build folder; leftovers of killed builds are removed."""
        self.remove_stale()
        stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
        path = self.builds / f"{stamp}-{os.getpid()}"
        path.mkdir(parents=True)
        return path

    def publish(self, build: Path) -> None:
        """Point CURRENT at ``build`` atomically (call ``remove_stale`` after)."""
        temporary = self.root / f"CURRENT.{os.getpid()}.tmp"
        with open(temporary, "w", encoding="utf-8") as handle:
            handle.write(build.name)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, self.pointer)
        _fsync_dir(self.root)

    def remove_stale(self) -> None:
        """Delete every build folder that is not live (call with the lock held)."""
        live = self.current()
        for path in self.builds.glob("*"):
            if live is None or path != live[0]:
                shutil.rmtree(path, ignore_errors=True)
                logger.info("removed old build %s", path.name)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)

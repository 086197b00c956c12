"""Atomic publishing of on-disk index builds.

Layout under ``DATA/index``::

    builds/<stamp>/     one complete index per build
    CURRENT             name of the live build (replaced atomically)

A build is written in its own folder; publishing is one ``os.replace`` of
``CURRENT``. A killed build leaves ``CURRENT`` untouched; its folder is
removed by the next build. One build runs at a time: the pipeline holds
the reindex lock (``indexer.locking``) around it.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
from pathlib import Path

logger = logging.getLogger(__name__)


class BuildDirectory:
    """The ``DATA/index`` folder: live pointer and builds."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.builds = root / "builds"
        self.pointer = root / "CURRENT"

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

    def new_build(self) -> Path:
        """A fresh, empty build folder; leftovers of killed builds are removed."""
        self.builds.mkdir(parents=True, exist_ok=True)
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
        """Delete every build folder that is not live (call with the reindex lock held)."""
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

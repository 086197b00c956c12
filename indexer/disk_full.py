"""A full disk during a reindex: one clear message instead of a library's error.

The index build and the translation cache fail safe on their own: a build
is published only once complete (the previous index keeps answering), and
each translation batch is one SQLite transaction (a failed one is rolled
back, every earlier one kept). What the layers below report differs
(``OSError`` ENOSPC, tantivy's ``ValueError: … os error 28``, SQLite's
"database or disk is full"); ``reports_disk_full`` turns each into
``DiskFull`` saying what was kept and what to do.
"""
from __future__ import annotations

import contextlib
import errno
import sqlite3
from pathlib import Path
from typing import Iterator

from .errors import DiskFull

_ERRNOS = {errno.ENOSPC, errno.EDQUOT}
_MESSAGES = ("no space left on device", "os error 28", "disk quota exceeded", "os error 122", "disk is full")


def is_disk_full(exc: BaseException | None) -> bool:
    """True when ``exc``, or an error it was raised from, says the disk is full."""
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, OSError) and exc.errno in _ERRNOS:
            return True
        if isinstance(exc, (OSError, ValueError, RuntimeError, sqlite3.Error)):
            if any(text in str(exc).lower() for text in _MESSAGES):
                return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


@contextlib.contextmanager
def reports_disk_full(*folders: Path) -> Iterator[None]:
    """Raise ``DiskFull`` (naming ``folders``) for a full-disk error in the body."""
    try:
        yield
    except DiskFull:
        raise
    except Exception as exc:
        if not is_disk_full(exc):
            raise
        where = " or ".join(str(folder) for folder in folders)
        raise DiskFull(
            f"no space left on the device ({where}): the reindex stopped and its unfinished build was removed; "
            "the previous index still answers and the translation cache keeps every batch stored before. "
            "Free some space and run reindex again."
        ) from exc

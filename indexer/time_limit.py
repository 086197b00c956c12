"""A time limit for one file's work, so that no single file stalls a reindex.

``SIGALRM`` interrupts the Python code working on the file (the pipeline
runs each file in the main thread of a worker process, or of the CLI) and
raises ``ExtractionError``; the file is reported with the limit and the run
goes on. A stretch of C code that never returns to the interpreter is not
interrupted; the inputs that could cause one are bounded before it starts
(``BABELSEARCH_MAX_FILE_BYTES``, ``BABELSEARCH_HTML_MAX_CHARS``).
"""
from __future__ import annotations

import contextlib
import logging
import signal
import threading
from typing import Iterator

from .errors import ExtractionError

logger = logging.getLogger(__name__)


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise ``ExtractionError`` in the body once ``seconds`` have passed (0: no limit).

    Off the main thread, where signals cannot be delivered, the body runs
    without a limit.
    """
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(signum: int, frame: object) -> None:
        raise ExtractionError(f"took longer than {seconds:g} s (BABELSEARCH_FILE_TIMEOUT)")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)

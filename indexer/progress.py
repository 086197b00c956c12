"""Progress of long steps: a live line on a terminal, a line every few seconds in a log.

A ``Progress`` writes to one stream (the CLI passes stderr; library
callers get a silent one). Each long step is a ``Task``: it is told how far
it got (``update``), and ``finish`` writes its closing line. On a terminal
the line is redrawn in place a few times a second; anywhere else (a log, a
pipe, CI) a line is written when ``interval`` seconds have passed since the
last one, so a log never goes quiet for long and never floods.

Rates and ETAs are shown only where they mean something: after a second
and a few dozen items (five files in three seconds is not "2 docs/s").
"""
from __future__ import annotations

import time
from typing import Callable, TextIO

LOG_INTERVAL = 3.0  # seconds between two log lines of one task
LIVE_INTERVAL = 0.2  # seconds between two redraws on a terminal
MIN_RATE_SECONDS = 1.0
MIN_RATE_ITEMS = 50


class Progress:
    """Where tasks report to; ``Progress()`` (no stream) is silent."""

    def __init__(self, stream: TextIO | None = None, live: bool | None = None, interval: float = LOG_INTERVAL,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream
        self.live = bool(stream is not None and stream.isatty()) if live is None else live
        self.interval = LIVE_INTERVAL if self.live else interval
        self.clock = clock

    def task(self, label: str, total: int | None = None, unit: str = "items") -> Task:
        """Start reporting one step of ``total`` ``unit`` (total may come later, with ``update``)."""
        return Task(self, label, total, unit)

    def write(self, line: str, final: bool) -> None:
        """Write one progress line (redrawn in place on a terminal)."""
        if self.stream is None:
            return
        if self.live:
            self.stream.write("\r" + line + "\x1b[K" + ("\n" if final else ""))
        else:
            self.stream.write(line + "\n")
        self.stream.flush()


class Task:
    """One step's progress; see ``Progress.task``."""

    def __init__(self, progress: Progress, label: str, total: int | None, unit: str) -> None:
        self.progress, self.label, self.total, self.unit = progress, label, total, unit
        self.done = 0
        self.started = progress.clock()
        self._last = self.started

    def update(self, done: int, total: int | None = None) -> None:
        """``done`` items of ``total`` so far; writes a line when one is due."""
        self.done = done
        if total is not None:
            self.total = total
        now = self.progress.clock()
        if now - self._last >= self.progress.interval:
            self._last = now
            self.progress.write(self.status_line(now), final=False)

    def advance(self, count: int = 1) -> None:
        """``count`` more items done."""
        self.update(self.done + count)

    def status_line(self, now: float) -> str:
        """``label: 120,000/400,000 entries (30%), 40,000 entries/s, about 7s left``."""
        elapsed = now - self.started
        parts = [f"{self.done:,}/{self.total:,} {self.unit} ({100 * self.done / max(self.total, 1):.0f}%)"
                 if self.total else f"{self.done:,} {self.unit}"]
        rate = rate_text(self.done, elapsed, self.unit)
        if rate:
            parts.append(rate)
            if self.total and self.done:
                parts.append(f"about {duration_text(elapsed * (self.total - self.done) / self.done)} left")
        return f"{self.label}: {', '.join(parts)}"

    def finish(self, done: int | None = None, note: str = "") -> float:
        """Write the closing line (``label: 400,000 entries in 9.8s (40,800 entries/s)``); returns seconds."""
        if done is not None:
            self.done = done
        elapsed = self.progress.clock() - self.started
        rate = rate_text(self.done, elapsed, self.unit)
        details = ", ".join(x for x in (rate, note) if x)
        line = f"{self.label}: {self.done:,} {self.unit} in {duration_text(elapsed)}"
        self.progress.write(line + (f" ({details})" if details else ""), final=True)
        return elapsed


def rate_text(count: int, seconds: float, unit: str) -> str:
    """``"1,234 entries/s"``, or ``""`` when too few items or too short a time make a rate noise."""
    if seconds < MIN_RATE_SECONDS or count < MIN_RATE_ITEMS:
        return ""
    return f"{count / seconds:,.0f} {unit}/s"


def duration_text(seconds: float) -> str:
    """``"0.4s"``, ``"12s"``, ``"2m05s"``."""
    if seconds < 10:
        return f"{seconds:.1f}s"
    if seconds < 60:
        return f"{seconds:.0f}s"
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes}m{rest:02d}s"

"""Progress lines: every few seconds in a log, redrawn in place on a terminal, rates only when they mean something."""
from __future__ import annotations

import io

from indexer.progress import Progress, duration_text, rate_text


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_log_mode_writes_a_line_every_interval_and_a_closing_line():
    stream, clock = io.StringIO(), Clock()
    task = Progress(stream, live=False, interval=3.0, clock=clock).task("Reading de-en", 1000, unit="entries")
    for done in range(100, 1001, 100):  # one update per second
        clock.now += 1.0
        task.update(done)
    task.finish()
    assert stream.getvalue().splitlines() == [
        "Reading de-en: 300/1,000 entries (30%), 100 entries/s, about 7.0s left",
        "Reading de-en: 600/1,000 entries (60%), 100 entries/s, about 4.0s left",
        "Reading de-en: 900/1,000 entries (90%), 100 entries/s, about 1.0s left",
        "Reading de-en: 1,000 entries in 10s (100 entries/s)",
    ]


def test_a_short_or_small_step_gets_no_rate():
    stream, clock = io.StringIO(), Clock()
    progress = Progress(stream, live=False, clock=clock)
    task = progress.task("Indexing", 5, unit="files")
    clock.now += 2.8
    task.finish(5)
    quick = progress.task("Writing", unit="rows")
    clock.now += 0.2
    quick.finish(70_000, note="70 MB")
    assert stream.getvalue().splitlines() == ["Indexing: 5 files in 2.8s", "Writing: 70,000 rows in 0.2s (70 MB)"]


def test_live_mode_redraws_one_line():
    stream, clock = io.StringIO(), Clock()
    task = Progress(stream, live=True, clock=clock).task("Ranking", 10, unit="terms")
    clock.now += 0.5
    task.update(5)
    task.finish(10)
    assert stream.getvalue() == "\rRanking: 5/10 terms (50%)\x1b[K\rRanking: 10 terms in 0.5s\x1b[K\n"


def test_silent_progress_and_helpers():
    Progress().task("anything", 3).finish(3)  # no stream: nothing to write, nothing fails
    assert rate_text(10, 5.0, "docs") == "" and rate_text(500, 2.0, "docs") == "250 docs/s"
    assert [duration_text(s) for s in (0.42, 12.4, 125)] == ["0.4s", "12s", "2m05s"]

"""SIGKILL ``babelsearch reindex`` at random moments: the previous index keeps
answering in full, and the next reindex runs cleanly (more kills:
``bench/reindex_kills.py``). Run on every engine of ``engine_targets``."""
from __future__ import annotations

import os
import time
from pathlib import Path

from engine_targets import engine_url, opensearch_node  # noqa: F401 (fixtures)
from reindex_kills import kill_reindexes, run_reindex, stale_builds, write_corpus

from indexer.settings import Settings

ARTICLES = 300
KILLS = 3


def test_random_kills_leave_the_previous_index_answering(engine_url: str, tmp_path: Path) -> None:  # noqa: F811
    write_corpus(tmp_path / "corpus", ARTICLES)
    settings = Settings(data_dir=tmp_path / "data", corpus=tmp_path / "corpus", translations_dir=tmp_path / "tr",
                        engine=engine_url, es_index=f"kill-{os.getpid()}")
    started = time.monotonic()
    first = run_reindex(settings)
    took = time.monotonic() - started
    assert first.returncode == 0, first.stderr
    # Kill within the span a whole reindex takes on this machine (fast or
    # loaded alike), so that the kills land while one is running.
    report = kill_reindexes(settings, ARTICLES, KILLS, window=(0.3 * took, 0.85 * took))
    assert not report.problems, "\n".join(report.problems)
    assert report.kill_seconds, "every reindex finished before its kill: widen the window or grow the corpus"
    if engine_url == "embedded":
        assert stale_builds(settings) == [], "the reindex after the kills left killed builds behind"

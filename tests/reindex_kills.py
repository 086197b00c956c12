"""SIGKILL a running ``babelsearch reindex`` at random moments and check what is left.

Shared by ``tests/test_reindex_kill.py`` (a few kills, in CI) and
``bench/reindex_kills.py`` (many). After each kill the previous index must
answer in full; after the last, the next reindex must finish cleanly.
"""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from hostile_corpus import article

from indexer.engines import open_engine
from indexer.query import Filters, SearchRequest, parse_query
from indexer.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class KillReport:
    """What the kills found: one line per problem, and when each kill landed."""

    problems: list[str] = field(default_factory=list)
    kill_seconds: list[float] = field(default_factory=list)
    finished_before_kill: int = 0


def write_corpus(folder: Path, articles: int) -> None:
    """``articles`` plain-text articles, each holding the word ``zqkill<n>``."""
    for number in range(articles):
        path = folder / f"{number // 100:02d}" / f"{number:04d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(article(f"zqkill{number}", ("de", "nl", "en")[number % 3]), encoding="utf-8")


def reindex_command(settings: Settings) -> list[str]:
    """The CLI reindex of ``settings`` as a subprocess argument list."""
    return [sys.executable, "-m", "indexer", "reindex", "--corpus", str(settings.corpus),
            "--data", str(settings.data_dir), "--engine", settings.engine, "--no-translate", "--workers", "2"]


def _environment(settings: Settings) -> dict[str, str]:
    return {**os.environ, "BABELSEARCH_ES_INDEX": settings.es_index, "PYTHONPATH": str(ROOT)}


def run_reindex(settings: Settings) -> subprocess.CompletedProcess:
    """One complete reindex in a subprocess."""
    return subprocess.run(reindex_command(settings), cwd=ROOT, env=_environment(settings),
                          capture_output=True, text=True, timeout=600)


def check_index(settings: Settings, documents: int, report: KillReport, label: str) -> None:
    """The published index answers with all ``documents``, and a search finds one."""
    engine = open_engine(settings)
    try:
        count = engine.stats().documents
        probe = random.randrange(documents)
        hits = engine.search(SearchRequest(parse_query(f"zqkill{probe}"), Filters())).total
    except Exception as exc:  # any failure is what this check reports
        report.problems.append(f"{label}: index does not answer: {type(exc).__name__}: {exc}")
        return
    finally:
        engine.close()
    if count != documents or hits != 1:
        report.problems.append(f"{label}: {count} documents (expected {documents}), {hits} hits for zqkill{probe}")


def kill_reindexes(settings: Settings, documents: int, kills: int, window: tuple[float, float],
                   seed: int = 12) -> KillReport:
    """Start ``kills`` reindexes, SIGKILL each after a random time in ``window`` seconds."""
    rng, report = random.Random(seed), KillReport()
    for number in range(kills):
        delay = rng.uniform(*window)
        process = subprocess.Popen(reindex_command(settings), cwd=ROOT, env=_environment(settings),
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(delay)
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)  # the whole group: workers die with the parent
            report.kill_seconds.append(delay)
        else:
            report.finished_before_kill += 1
        process.wait()
        check_index(settings, documents, report, f"after kill {number + 1} at {delay:.2f} s")
    done = run_reindex(settings)
    if done.returncode != 0 or f"Indexed {documents} of {documents} files" not in done.stdout:
        report.problems.append(f"reindex after the kills: rc {done.returncode}: {done.stdout[-500:]} {done.stderr[-500:]}")
    check_index(settings, documents, report, "after the final reindex")
    return report


def stale_builds(settings: Settings) -> list[str]:
    """Build folders of the embedded engine other than the live one."""
    index = settings.data_dir / "index"
    if not (index / "builds").is_dir():
        return []
    live = (index / "CURRENT").read_text(encoding="utf-8").strip()
    return sorted(path.name for path in (index / "builds").iterdir() if path.name != live)

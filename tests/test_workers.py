"""Translation through the queue: a real redis-server and real worker processes.

A reindex through the queue builds the same index and cache as in process;
a worker killed with SIGKILL while it holds a batch loses nothing; a run
with no worker for its model stops after the timeout with a message that
names the broker; answers from another model version are refused.
"""
from __future__ import annotations

import gc
import os
import signal
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any, Iterator

import pytest
from argos_fixtures import argos_archives, installed, settings  # noqa: F401 (fixtures)
from queue_fixtures import Workers, redis_server, unacked

from indexer.engines.tantivy_engine import EmbeddedEngine
from indexer.errors import ModelMismatch, WorkersUnavailable
from indexer.pipeline import reindex
from indexer.reindex_summary import ReindexSummary
from indexer.settings import Settings
from indexer.translate.cache import CACHE_FILE
from indexer.translate.models import install_archive
from indexer.translate.queue import ModelIdentity
from indexer.translate.queue_client import WorkerRate, accept
from indexer.translate.stage import TranslationStage

TIMEOUT = 15.0  # worker timeout in the tests: a dead worker's batch is handed on after 7.5 s
WORDS = ("Hafen Zoll Container Regierung Scanner Grenze Stadt Konzern Sprecher Mittwoch Ermittler "
         "Logistik Finnland Europa Vertrag Gericht Minister Bericht Wahl Schiff").split()


@pytest.fixture(scope="module")
def broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A private redis-server for this module."""
    with redis_server(tmp_path_factory.mktemp("redis")) as url:
        yield url
        gc.collect()  # Celery results unsubscribe when collected: while Redis still runs


@pytest.fixture
def workers(broker: str, tmp_path: Path) -> Iterator[Workers]:
    """Start workers with ``workers.start(name, settings)``; all stopped afterwards."""
    pool = Workers(broker, tmp_path, TIMEOUT)
    yield pool
    pool.close()


def german_corpus(folder: Path, files: int, paragraphs: int = 6) -> Path:
    """``files`` German articles, every sentence different (so nothing is a cache hit)."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(files):
        body = []
        for p in range(paragraphs):
            sentences = [
                f"Der {WORDS[(n + p + k) % len(WORDS)]} und die {WORDS[(n * 3 + k) % len(WORDS)]} "
                f"wurden am Tag {n}-{p}-{k} von der Regierung in der Stadt geprüft."
                for k in range(4)
            ]
            body.append(" ".join(sentences))
        (folder / f"artikel-{n:03}.txt").write_text(f"Bericht Nummer {n} aus dem Hafen\n\n" + "\n\n".join(body),
                                                     encoding="utf-8")
    return folder


def run_reindex(settings: Settings) -> ReindexSummary:
    """A full reindex with translation, as the CLI runs it."""
    summary = reindex(settings)
    summary.notes.append(f"translated {summary.translation.translated}, "
                         f"untranslated {summary.translation.untranslated_total}")
    return summary


def indexed(settings: Settings, corpus: Path) -> dict[str, dict[str, Any]]:
    """Every indexed document as a dict, by id."""
    engine = EmbeddedEngine(settings.data_dir)
    try:
        return {path.stem: engine.get(path.stem).to_dict() for path in sorted(corpus.glob("*.txt"))}
    finally:
        engine.close()


def cache_rows(settings: Settings) -> set[tuple[str, str]]:
    """(key, English) of every cached translation."""
    path = settings.translations_dir / CACHE_FILE
    if not path.exists():
        return set()
    with sqlite3.connect(path) as db:
        try:
            return set(db.execute("SELECT key, english FROM translations"))
        except sqlite3.OperationalError:  # the run is creating the store right now
            return set()


def twin(settings: Settings, tmp_path: Path, broker: str, timeout: float = TIMEOUT) -> Settings:
    """Same models and corpus, own index and cache, translating through ``broker``."""
    return settings.with_(data_dir=tmp_path / "queued", translations_dir=tmp_path / "queued-translations",
                          models_dir=settings.models_path, broker=broker, worker_timeout=timeout)


def in_process_first(installed: Settings, tmp_path: Path, broker: str,  # noqa: F811
                     files: int) -> tuple[Path, Settings, Settings]:
    """A corpus reindexed in process; returns it, those settings and its queue twin."""
    corpus = german_corpus(tmp_path / "corpus", files)
    local = installed.with_(corpus=corpus)
    run_reindex(local)
    return corpus, local, twin(local, tmp_path, broker)


def test_a_reindex_through_the_queue_equals_one_in_process(installed: Settings, workers: Workers,  # noqa: F811
                                                          broker: str, tmp_path: Path) -> None:
    corpus, local, queued = in_process_first(installed, tmp_path, broker, files=12)
    workers.start("one@test", queued)
    workers.start("two@test", queued)
    summary = run_reindex(queued)
    assert "untranslated 0" in summary.notes[-1], summary.notes
    assert indexed(queued, corpus) == indexed(local, corpus)
    assert cache_rows(queued) == cache_rows(local) and cache_rows(local)


def test_a_worker_killed_mid_batch_loses_nothing(installed: Settings, workers: Workers,  # noqa: F811
                                                 broker: str, tmp_path: Path) -> None:
    # Enough batches that the run is still going when the worker is caught holding one.
    corpus, local, queued = in_process_first(installed, tmp_path, broker, files=240)
    workers.start("doomed@test", queued)
    outcome: dict[str, Any] = {}
    thread = threading.Thread(target=lambda: outcome.update(summary=_catching(run_reindex, queued, outcome)))
    thread.start()
    doomed = workers.processes["doomed@test"]
    deadline = time.monotonic() + 120
    held = 0
    while not held:  # answering, and holding a batch: freeze it there, so it cannot acknowledge
        assert time.monotonic() < deadline and thread.is_alive(), workers.log("doomed@test")
        if cache_rows(queued) and unacked(broker):
            os.kill(doomed.pid, signal.SIGSTOP)
            held = unacked(broker)  # taken by the frozen worker, not acknowledged
            if not held:  # it acknowledged just before the stop: let it go on
                os.kill(doomed.pid, signal.SIGCONT)
        time.sleep(0.01)
    workers.kill("doomed@test")
    workers.start("rescuer@test", queued)
    thread.join(timeout=180)
    assert "error" not in outcome, outcome.get("error")
    assert held > 0, "the kill did not hit a batch in progress"
    assert "untranslated 0" in outcome["summary"].notes[-1], outcome["summary"].notes
    assert indexed(queued, corpus) == indexed(local, corpus)
    assert cache_rows(queued) == cache_rows(local)


def _catching(function, settings: Settings, outcome: dict[str, Any]) -> ReindexSummary | None:
    try:
        return function(settings)
    except Exception as exc:  # reported by the test thread
        outcome["error"] = exc
        return None


def test_no_worker_for_the_model_stops_the_run_with_the_broker_named(
    installed: Settings, argos_archives: dict[str, Path], workers: Workers, broker: str, tmp_path: Path,  # noqa: F811
) -> None:
    other = Settings(data_dir=tmp_path / "other", models_dir=tmp_path / "other-models")
    install_archive(argos_archives["de-2.0"], other.models_path)  # same pair, another version
    workers.start("other@test", other)
    corpus = german_corpus(tmp_path / "corpus", 2)
    queued = twin(installed.with_(corpus=corpus), tmp_path, broker, timeout=2.0)
    started = time.monotonic()
    with pytest.raises(WorkersUnavailable) as error:
        run_reindex(queued)
    message = str(error.value)
    assert broker.removeprefix("redis://") in message and "argos/de_en@1.9" in message, message
    assert time.monotonic() - started < 30
    assert EmbeddedEngine(queued.data_dir).stats().documents == 0  # nothing half-built was published
    assert "refuses" not in workers.log("other@test")  # it never even received the batch


def test_an_answer_from_another_model_version_is_refused() -> None:
    identity = ModelIdentity("argos/de_en@1.9", "a" * 64)
    rates: dict[str, WorkerRate] = {}
    good = {"translator": "argos/de_en@1.9", "sha256": "a" * 64, "english": ["x", "y"], "worker": "w",
            "started": 10.0, "finished": 11.0}
    assert accept(good, identity, 2, rates) == ["x", "y"] and rates["w"].sentences == 2
    assert accept({**good, "started": 10.5, "finished": 12.0}, identity, 2, rates)
    assert rates["w"].seconds == 2.0 and rates["w"].sentences_per_second == 2.0  # overlapping batches count once
    for wrong in ({**good, "sha256": "b" * 64}, {**good, "translator": "argos/de_en@2.0"},
                  {**good, "english": ["x"]}, ["x", "y"]):
        with pytest.raises(ModelMismatch):
            accept(wrong, identity, 2, rates)
    assert rates["w"].sentences == 4


class _Answer:
    """A queue-like waiter: ``ready()`` polls; the first batch never gets an answer."""

    def __init__(self, sentences: list[str], answered: bool) -> None:
        self.sentences, self.answered, self.polls = sentences, answered, 0

    def ready(self) -> bool:
        self.polls += 1
        if not self.answered and self.polls > 20:
            raise WorkersUnavailable("no translation worker answered on redis://test (queue q)")
        return self.answered

    def __call__(self) -> list[str]:
        return [f"EN {s}" for s in self.sentences]


class _StalledFirstBatch:
    """A translator whose first batch hangs and whose later batches are answered at once."""

    id = "fake/de_en@1"

    def __init__(self) -> None:
        self.batches = 0

    def translate(self, sentences: list[str]) -> list[str]:
        return _Answer(sentences, True)()

    def submit(self, sentences: list[str]) -> _Answer:
        self.batches += 1
        return _Answer(list(sentences), answered=self.batches > 1)


def test_answers_are_cached_as_they_arrive_so_a_stopped_run_keeps_them(settings: Settings) -> None:  # noqa: F811
    from indexer.document import Document, Paragraph
    from indexer.translate.cache import TranslationCache

    documents = [Document(id=f"d{n}", path=f"d{n}.txt", source_sha256=str(n), language="de",
                          paragraphs=[Paragraph(f"Der Hafen Nummer {n} wächst.", "de")]) for n in range(2)]
    stage = TranslationStage(settings, translators={"de": _StalledFirstBatch()}, batch_sentences=1)
    with pytest.raises(WorkersUnavailable):
        list(stage.run(documents))
    with TranslationCache(settings.translations_dir) as cache:
        assert [e["english"] for e in cache.entries()] == ["EN Der Hafen Nummer 1 wächst."]

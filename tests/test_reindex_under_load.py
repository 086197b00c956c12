"""Reindexing while clients search: no failed query, no answer from a partial index.

Five builds are published back to back while four client threads search
one shared engine (as the server's threads do). Every build holds the same
documents, all stamped with the build's generation as their source, so an
answer from a complete index counts all of them under one source; an
answer from a half-filled or mixed index could not.
"""
from __future__ import annotations

import threading
import uuid
from pathlib import Path
from typing import Iterator

import pytest
from es_standin import es_url  # noqa: F401 (fixture)
from opensearch_node import opensearch_node  # noqa: F401 (fixture)
from test_engine_contract import ENGINES, fresh_settings
from test_engine_contract import request as search_request

from indexer.document import Document, Paragraph
from indexer.engines import open_engine
from indexer.engines.base import Engine
from indexer.settings import Settings

DOCUMENTS = 300
REINDEXES = 5
CLIENTS = 4


def generation(number: int) -> list[Document]:
    """The corpus of one build: every document says which build it is from."""
    return [
        Document(
            id=f"doc-{i:04d}", path=f"doc-{i:04d}.txt", source_sha256=uuid.uuid4().hex,
            title=f"Report {i}", source=f"generation-{number}", language="en", date="2024-01-01",
            paragraphs=[Paragraph(f"Customs scanners from Nuctech, report {i} of build {number}.", "en",
                                  f"Customs scanners from Nuctech, report {i} of build {number}.")],
        )
        for i in range(DOCUMENTS)
    ]


@pytest.fixture(params=ENGINES)
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Settings]:
    """Fresh, empty storage for one engine."""
    yield from fresh_settings(request, tmp_path / "data")


def publish(engine: Engine, number: int) -> None:
    build = engine.new_build()
    result = build.add(iter(generation(number)))
    assert result.failures == [] and result.added == DOCUMENTS, result
    build.publish()


class Clients:
    """Threads that search until told to stop, recording what went wrong."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.queries = 0
        self.problems: list[str] = []
        self.seen: set[str] = set()
        self.threads = [threading.Thread(target=self._run, daemon=True) for _ in range(CLIENTS)]

    def _run(self) -> None:
        while not self.stop.is_set():
            try:
                response = self.engine.search(search_request("Nuctech scanners"))
                sources = {f.value: f.count for f in response.facets["source"]}
                problem = None if response.total == DOCUMENTS and list(sources.values()) == [DOCUMENTS] else (
                    f"partial answer: total {response.total}, sources {sources}")
            except Exception as exc:  # every failure counts, whatever its type
                problem, sources = f"{type(exc).__name__}: {exc}", {}
            with self.lock:
                self.queries += 1
                self.seen.update(sources)
                if problem:
                    self.problems.append(problem)

    def __enter__(self) -> "Clients":
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(60)


def test_reindexes_under_load(settings: Settings) -> None:
    writer, reader = open_engine(settings), open_engine(settings)
    try:
        publish(writer, 0)
        with Clients(reader) as clients:
            for number in range(1, REINDEXES + 1):
                publish(writer, number)
        assert clients.problems == [], f"{len(clients.problems)} of {clients.queries} queries: {clients.problems[:5]}"
        assert clients.queries >= 4 * REINDEXES, f"only {clients.queries} queries ran during the reindexes"
        assert len(clients.seen) >= 2, f"the clients never saw a new publish: {clients.seen}"
        assert reader.search(search_request("Nuctech")).facets["source"][0].value == f"generation-{REINDEXES}"
    finally:
        writer.close()
        reader.close()

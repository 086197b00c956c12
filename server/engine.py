"""The engine resource: opened once per app, shared by every request.

flaskr keeps its database in ``g`` per request; a search engine is costly to
open and safe to share, so this module caches one per app instead:
``init_app(app)`` registers the holder and ``get_engine()`` is the cached
accessor. When opening fails (no index yet, Elasticsearch down) the request
gets HTTP 503 (``IndexNotFound`` or ``EngineUnavailable``; an ``OSError``
becomes the latter) and the next request tries again, so a server started
before the first ``reindex`` recovers by itself.
"""
from __future__ import annotations

import threading

from flask import Flask, current_app

from indexer.engines.base import Engine, SearchResponse
from indexer.errors import EngineUnavailable
from indexer.query import SearchRequest
from indexer.search import search
from indexer.settings import Settings
from indexer.status import StatusReader

EXTENSION = "babelsearch.engine"
STATUS = "babelsearch.status"  # the app's StatusReader (keeps the model listing between health checks)


class EngineHolder:
    """Opens the configured engine on first use and hands out the same one."""

    def __init__(self, settings: Settings, engine: Engine | None = None) -> None:
        self.settings = settings
        self._engine = engine
        self._lock = threading.Lock()

    def get(self) -> Engine:
        """The open engine; opens it on first call (thread-safe)."""
        if self._engine is not None:
            return self._engine
        with self._lock:
            if self._engine is None:
                self._engine = self._open()
        return self._engine

    def _open(self) -> Engine:
        from indexer.engines import open_engine  # the backend modules are heavy

        try:
            return open_engine(self.settings)
        except OSError as exc:
            raise EngineUnavailable(f"cannot open the {self.settings.engine_display} engine: {exc}") from exc

    def close(self) -> None:
        """Close the engine if it was opened."""
        with self._lock:
            if self._engine is not None:
                self._engine.close()
                self._engine = None


def init_app(app: Flask) -> None:
    """Register the engine holder (``ENGINE`` config wins over opening one) and
    the status reader for ``app``."""
    app.extensions[EXTENSION] = EngineHolder(app.config["SETTINGS"], app.config.get("ENGINE"))
    app.extensions[STATUS] = StatusReader(app.config["SETTINGS"])


def get_engine() -> Engine:
    """The current app's engine (raises EngineUnavailable when it cannot be opened)."""
    holder: EngineHolder = current_app.extensions[EXTENSION]
    return holder.get()


def run_search(request: SearchRequest) -> SearchResponse:
    """Answer ``request`` with the current app's engine and settings
    (dictionary query translation included, see ``indexer.search``)."""
    return search(get_engine(), request, current_app.config["SETTINGS"])


def close_engine(app: Flask) -> None:
    """Close ``app``'s engine (server shutdown, tests)."""
    app.extensions[EXTENSION].close()

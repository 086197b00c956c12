"""What ``/api/health`` reports: the engine's stats and the translation models.

Health is polled (the compose healthcheck asks every 15 s), while listing
the models reads every package's metadata and walks each package folder
for its size. The listing is therefore kept until the models folder
changes; telling that costs one directory listing, not a walk.
"""
from __future__ import annotations

import logging
import os
import threading
from collections.abc import Hashable, Iterable
from pathlib import Path
from typing import Any

from indexer.engines.base import Engine
from indexer.lexicon import lexicon_status
from indexer.settings import Settings
from indexer.translate.translators import model_status

log = logging.getLogger(__name__)


def health_json(engine: Engine, settings: Settings) -> dict[str, Any]:
    """Engine name, document count, build and update times, languages, translation models."""
    stats = engine.stats()
    body: dict[str, Any] = {
        "status": "ok",
        "engine": stats.engine,
        "documents": stats.documents,
        "built_at": stats.built_at,
        "updated_at": stats.updated_at,
        "languages": stats.languages,
        "untranslated_documents": stats.untranslated_documents,
    }
    body.update(translation_status(settings, stats.languages))
    body["dictionary_search"] = lexicon_status(settings.data_dir)
    return body


def translation_status(settings: Settings, languages: Iterable[str]) -> dict[str, Any]:
    """``translation_models`` (installed rows), ``languages_without_model`` and a
    ``translation_hint``; all None when the model directory cannot be read.

    The model registry belongs to the translation feature
    (``indexer.translate.translators.model_status``); the server reports what it says.
    """
    unknown = {"translation_models": None, "languages_without_model": None, "translation_hint": None}
    try:
        status = _model_status_cache.get(settings, sorted(languages))
    except Exception:  # a broken model dir must not take the health check down
        log.exception("listing translation models failed")
        return unknown
    return {
        "translation_models": status.get("models"),
        "languages_without_model": status.get("missing"),
        "translation_hint": status.get("hint") if status.get("missing") else None,
    }


class ModelStatusCache:
    """The last ``model_status`` answer, reused while the models folder and
    the asked languages stay the same."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: Hashable = None
        self._status: dict[str, object] = {}

    def get(self, settings: Settings, languages: list[str]) -> dict[str, object]:
        """``model_status(settings, languages)``, from the cache when still valid."""
        key = (models_signature(settings.models_path), tuple(languages))
        with self._lock:
            if key != self._key:
                self._status = model_status(settings, languages)
                self._key = key
            return self._status


def models_signature(models_path: Path) -> Hashable:
    """What changes whenever the installed models change, at the cost of one listing.

    Installing, replacing and removing a package all rename or delete
    folders directly in ``models_path``, which changes its entries and their
    modification times; nothing inside a package is read.
    """
    try:
        with os.scandir(models_path) as entries:
            children = sorted((entry.name, entry.stat().st_mtime_ns) for entry in entries)
        return str(models_path), models_path.stat().st_mtime_ns, tuple(children)
    except OSError:  # no models folder yet: nothing installed
        return str(models_path), None, ()


_model_status_cache = ModelStatusCache()

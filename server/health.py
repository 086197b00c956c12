"""What ``/api/health`` reports: the engine's stats and the translation models."""
from __future__ import annotations

import logging
from typing import Any, Iterable

from indexer.engines.base import Engine
from indexer.lexicon import lexicon_status
from indexer.translators import model_status
from indexer.settings import Settings

log = logging.getLogger(__name__)


def health_json(engine: Engine, settings: Settings) -> dict[str, Any]:
    """Engine name, document count, build time, languages, translation models."""
    stats = engine.stats()
    body: dict[str, Any] = {
        "status": "ok",
        "engine": stats.engine,
        "documents": stats.documents,
        "built_at": stats.built_at,
        "languages": stats.languages,
        "untranslated_documents": stats.untranslated_documents,
    }
    body.update(translation_status(settings, stats.languages))
    body["dictionary_search"] = lexicon_status(settings.data_dir)  # issue 8: on/off and how to build
    return body


def translation_status(settings: Settings, languages: Iterable[str]) -> dict[str, Any]:
    """``translation_models`` (installed rows), ``languages_without_model`` and a
    ``translation_hint``; all None when the model directory cannot be read.

    The model registry belongs to the translation feature
    (``indexer.translators.model_status``); the server reports what it says.
    """
    unknown = {"translation_models": None, "languages_without_model": None, "translation_hint": None}
    try:
        status = model_status(settings, sorted(languages))
    except Exception:  # a broken model dir must not take the health check down
        log.exception("listing translation models failed")
        return unknown
    return {
        "translation_models": status.get("models"),
        "languages_without_model": status.get("missing"),
        "translation_hint": status.get("hint") if status.get("missing") else None,
    }

"""What ``/api/health`` reports: the engine's stats and the translation models."""
from __future__ import annotations

import importlib
import logging
from typing import Any

from indexer.engines.base import Engine
from indexer.settings import Settings

log = logging.getLogger(__name__)


def health_json(engine: Engine, settings: Settings) -> dict[str, Any]:
    """Engine name, document count, build time, languages, translation models."""
    stats = engine.stats()
    return {
        "status": "ok",
        "engine": stats.engine,
        "documents": stats.documents,
        "built_at": stats.built_at,
        "languages": stats.languages,
        "untranslated_documents": stats.untranslated_documents,
        "translation_models": translation_models(settings),
    }


def translation_models(settings: Settings) -> list[dict[str, Any]] | None:
    """Installed translation models, or None when this build cannot list them.

    The model registry lives in ``indexer.models`` (translation feature);
    the server only reports what it says and never guesses.
    """
    try:
        models = importlib.import_module("indexer.models")
    except ImportError:
        return None
    lister = getattr(models, "installed_models", None)
    if lister is None:
        return None
    try:
        return [_model_json(model) for model in lister(settings)]
    except Exception:  # a broken model dir must not take the health check down
        log.exception("listing translation models failed")
        return None


def _model_json(model: Any) -> dict[str, Any]:
    if isinstance(model, dict):
        return model
    if hasattr(model, "to_dict"):
        return model.to_dict()
    if hasattr(model, "__dataclass_fields__"):
        from dataclasses import asdict

        return {k: str(v) if not isinstance(v, (int, float, bool, type(None))) else v
                for k, v in asdict(model).items()}
    return {"name": str(model)}

"""Status, the verb behind ``babelsearch stats`` and ``/api/health``.

One answer for both: what the published index holds (engine stats), which
translation models are installed and which indexed languages lack one,
and whether dictionary search is on. ``StatusReader`` keeps the model
listing until the models folder changes, because health is polled (the
compose healthcheck asks every 15 s) while listing reads every package's
metadata and walks each package folder for its size; telling that the
folder changed costs one directory listing.
"""
from __future__ import annotations

import logging
import os
import threading
from collections.abc import Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .engines.base import Engine, IndexStats
from .lexicon import lexicon_status
from .settings import Settings
from .translate.runtime import runtime_status_line
from .translate.translators import model_status

logger = logging.getLogger(__name__)


@dataclass
class Status:
    """The index's stats, the translation models and dictionary search."""

    index: IndexStats
    translation: dict[str, Any]  # translation_models, languages_without_model, translation_hint
    dictionary: dict[str, Any]  # lexicon_status

    def json(self) -> dict[str, Any]:
        """The body of ``/api/health``."""
        body: dict[str, Any] = {
            "status": "ok",
            "engine": self.index.engine,
            "documents": self.index.documents,
            "built_at": self.index.built_at,
            "updated_at": self.index.updated_at,
            "languages": self.index.languages,
            "untranslated_documents": self.index.untranslated_documents,
        }
        body.update(self.translation)
        # No server path leaves the server: the lexicon's and the models' locations are for `babelsearch stats`.
        if body["translation_models"] is not None:
            body["translation_models"] = [{k: v for k, v in row.items() if k != "path"} for row in body["translation_models"]]
        body["dictionary_search"] = {key: value for key, value in self.dictionary.items() if key != "path"}
        return body

    def lines(self, settings: Settings) -> list[str]:
        """What ``babelsearch stats`` prints."""
        index = self.index
        out = [
            f"Engine:      {index.engine} ({index.location})",
            f"Documents:   {index.documents}",
            f"Built at:    {index.built_at or 'never (run babelsearch reindex)'}",
            f"Updated at:  {index.updated_at or 'not since that full build'}",
        ]
        if index.languages:
            out.append("Languages:   " + ", ".join(f"{k} {v}" for k, v in sorted(index.languages.items())))
        out.append(f"Not fully translated documents: {index.untranslated_documents}")
        rows = self.translation["translation_models"] or []
        out.append("Models:      " + (", ".join(f"{r['pair']} {r['version']}" for r in rows)
                                      or f"none in {settings.models_path}"))
        out.append(f"Translation device: {runtime_status_line(settings)}")
        for code in self.translation["languages_without_model"] or ():
            out.append(f"No {code}→en model: {code} paragraphs stay untranslated; "
                       f"{self.translation['translation_hint']}")
        if self.dictionary["enabled"]:
            entries = ", ".join(f"{d} {n}" for d, n in self.dictionary["entries"].items())
            out.append(f"Dictionary search: on ({entries})")
        else:
            out.append(f"Dictionary search: off (no lexicon built; {self.dictionary['hint']})")
        return out


class StatusReader:
    """Builds the status of one deployment; keep one per process (the server
    keeps one per app) so that repeated calls reuse the model listing."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._lock = threading.Lock()
        self._key: Hashable = None
        self._models: dict[str, Any] = {}

    def read(self, engine: Engine) -> Status:
        """The status now (asks the engine for its stats)."""
        stats = engine.stats()
        return Status(stats, self.translation(sorted(stats.languages)), lexicon_status(self.settings.data_dir))

    def translation(self, languages: list[str]) -> dict[str, Any]:
        """``translation_models`` (installed rows), ``languages_without_model`` and a
        ``translation_hint``; all None when the model directory cannot be read."""
        try:
            status = self._model_status(languages)
        except Exception:  # a broken model dir must not take the health check down
            logger.exception("listing translation models failed")
            return {"translation_models": None, "languages_without_model": None, "translation_hint": None}
        return {
            "translation_models": status.get("models"),
            "languages_without_model": status.get("missing"),
            "translation_hint": status.get("hint") if status.get("missing") else None,
        }

    def _model_status(self, languages: list[str]) -> dict[str, Any]:
        key = (models_signature(self.settings.models_path), tuple(languages))
        with self._lock:
            if key != self._key:
                self._models = model_status(self.settings, languages)
                self._key = key
            return self._models


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


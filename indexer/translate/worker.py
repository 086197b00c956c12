"""A translation worker: ``babelsearch worker`` on any machine that can reach Redis.

The worker loads every installed ``xx→yy`` package once, listens on one
queue per model identity (translator id + package hash, see ``queue``)
and answers batches with the same CTranslate2 code the in-process stage
uses. Worker threads (``concurrency``) share each loaded model, so while
one batch is being decoded the next one is already tokenised and queued in
CTranslate2, as in process. A batch for another model version is refused.
"""
from __future__ import annotations

import logging
import os
import socket
import time
from dataclasses import dataclass
from typing import Any

from ..errors import ModelMismatch, ModelNotInstalled
from ..settings import Settings
from .models import INSTALL_HINT, installed_models
from .queue import TASK, ModelIdentity, celery_app
from .runtime import RuntimeOptions
from .translators import ArgosTranslator, DecodingOptions

logger = logging.getLogger(__name__)

RETRIES = 2  # a batch whose translation raised (e.g. out of memory) is tried again this often


@dataclass
class LoadedModel:
    """One package, loaded once, and the identity batches must name."""

    identity: ModelIdentity
    translator: ArgosTranslator


def load_models(settings: Settings, runtime: RuntimeOptions | None = None) -> dict[str, LoadedModel]:
    """Every installed package, loaded, by queue name (ModelNotInstalled if none)."""
    models = {}
    for package in installed_models(settings.models_path):
        translator = ArgosTranslator(package, runtime=runtime)
        translator.load()
        identity = ModelIdentity.of(package)
        models[identity.queue] = LoadedModel(identity, translator)
        logger.info("serving %s on queue %s", identity.describe(), identity.queue)
    if not models:
        raise ModelNotInstalled(f"no translation model in {settings.models_path}: {INSTALL_HINT}")
    return models


def translate_batch(models: dict[str, LoadedModel], worker: str, identity: dict[str, Any],
                    decoding: dict[str, Any], sentences: list[str]) -> dict[str, Any]:
    """Answer one batch: English sentences plus the identity that made them."""
    wanted = ModelIdentity.from_dict(identity)
    model = models.get(wanted.queue)
    if model is None or model.identity != wanted:
        have = ", ".join(m.identity.describe() for m in models.values())
        raise ModelMismatch(f"worker {worker} refuses a batch for {wanted.describe()}: it has {have}")
    started = time.time()
    english = model.translator.with_decoding(DecodingOptions(**decoding)).translate(sentences)
    return {**model.identity.to_dict(), "english": english, "worker": worker,
            "started": started, "finished": time.time()}


def worker_name() -> str:
    """``babelsearch-<pid>@<host>``: unique per process, readable in summaries."""
    return f"babelsearch-{os.getpid()}@{socket.gethostname()}"


def run_worker(settings: Settings, runtime: RuntimeOptions | None = None, concurrency: int = 2,
               name: str | None = None) -> None:
    """Load the models, then serve batches from ``settings.broker`` until stopped."""
    models = load_models(settings, runtime)
    app = celery_app(settings.broker or "", settings.worker_timeout)

    @app.task(name=TASK, bind=True, acks_late=True, reject_on_worker_lost=True,
              autoretry_for=(RuntimeError, MemoryError), max_retries=RETRIES, default_retry_delay=1,
              resultrepr_maxsize=200)
    def translate(task: Any, identity: dict[str, Any], decoding: dict[str, Any],
                  sentences: list[str]) -> dict[str, Any]:
        return translate_batch(models, task.request.hostname or "?", identity, decoding, sentences)

    app.worker_main([
        "worker", "--pool=threads", f"--concurrency={concurrency}", "--queues", ",".join(models),
        "--hostname", name or worker_name(), "--without-gossip", "--without-mingle",
        f"--loglevel={logging.getLevelName(logging.getLogger().getEffectiveLevel())}",
    ])

"""``babelsearch worker``: translate batches from the queue (see ``translate.worker``)."""
from __future__ import annotations

import dataclasses

import click

from ..errors import BabelsearchError
from ..settings import Settings
from . import main
from .options import reports_errors, settings_options


@main.command()
@settings_options("data_dir", "models_dir", "broker", "worker_timeout", "translation_device",
                  "translation_inter_threads", "translation_intra_threads")
@click.option("--concurrency", type=click.IntRange(min=1), default=2, show_default=True,
              help="Batches translated at once (threads sharing each loaded model).")
@click.option("--threads", type=click.IntRange(min=1),
              help="CTranslate2 model replicas, one thread each (default: the translation threads settings).")
@click.option("--name", help="Worker name shown in summaries (default: babelsearch-PID@HOST).")
@reports_errors
def worker(settings: Settings, concurrency: int, threads: int | None, name: str | None) -> None:
    """Load the installed models once and translate batches that reindex/update queue."""
    from ..translate.runtime import RuntimeOptions
    from ..translate.worker import run_worker

    if not settings.broker:
        raise BabelsearchError("no broker: pass --broker redis://HOST:6379/0 or set BABELSEARCH_BROKER")
    runtime = RuntimeOptions.from_settings(settings)  # the GPU when there is one (translation device)
    if threads:
        runtime = dataclasses.replace(runtime, inter_threads=threads, intra_threads=1)
    run_worker(settings, runtime, concurrency, name)

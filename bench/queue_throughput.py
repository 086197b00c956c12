"""Translation through the Redis queue against the same stage in process.

Called by ``bench/translate_throughput.py --workers N``: starts a private
``redis-server`` and N ``babelsearch worker`` processes with T/N CTranslate2
threads each, and times the translate stage over the same documents

1. in process, one model with T threads (the layer below the queue), and
2. through the queue, cache misses sent in batches to the N workers,

alternating and keeping the best of each. Then it measures the
coordinator's own limits (translation-cache writes per second, broker
round-trip overhead per batch) and prints the arithmetic for a 1M-article
archive on K worker machines from the measured per-worker rate.
"""
from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from queue_fixtures import Workers, redis_server

from indexer.document import Document
from indexer.settings import Settings
from indexer.translate.cache import CacheEntry, TranslationCache
from indexer.translate.stage import TranslationStage
from indexer.translate.translators import DecodingOptions

ARTICLES, SENTENCES_PER_ARTICLE = 1_000_000, 30
ROUND_TRIPS = 30


def run_queue(settings: Settings, documents: list[Document], decoding: DecodingOptions) -> tuple[float, dict]:
    """Wall seconds of the stage through the queue, and its per-worker (sentences, rate)."""
    from indexer.translate.models import installed_models
    from indexer.translate.queue_client import QueueClient, QueueTranslator

    client = QueueClient(settings)
    translator = QueueTranslator(client, installed_models(settings.models_path)[0], decoding)
    try:
        with tempfile.TemporaryDirectory() as cache_dir:
            stage_settings = settings.with_(translations_dir=Path(cache_dir), beam_size=decoding.beam_size,
                                            length_penalty=decoding.length_penalty)
            stage = TranslationStage(stage_settings, translators={"de": translator}, retranslate=True)
            started = time.perf_counter()
            out = list(stage.run(documents))
            seconds = time.perf_counter() - started
            stage.cache.close()
        rates = {name: (r.sentences, r.sentences_per_second) for name, r in client.workers.items()}
    finally:
        client.close()
    assert all(p.english is not None for d in out for p in d.paragraphs), stage.summary
    return seconds, rates


def cache_writes_per_second(units_per_batch: int, batches: int = 40) -> float:
    """Translation-cache entries written per second, one transaction per batch as the stage does."""
    with tempfile.TemporaryDirectory() as cache_dir, TranslationCache(Path(cache_dir)) as cache:
        settings_key = DecodingOptions().cache_settings()
        entries = [[CacheEntry(f"Satz {b}-{u} über den Hafen.", f"Sentence {b}-{u} about the port.", "argos/de_en@1.9",
                               settings_key) for u in range(units_per_batch)] for b in range(batches)]
        started = time.perf_counter()
        for batch in entries:
            cache.record(batch)
        return units_per_batch * batches / (time.perf_counter() - started)


def round_trip_overhead(settings: Settings, decoding: DecodingOptions) -> float:
    """Seconds a one-sentence batch spends outside the model: publish, deliver, store, fetch."""
    from indexer.translate.models import installed_models
    from indexer.translate.queue_client import QueueClient, QueueTranslator

    client = QueueClient(settings)
    try:
        translator = QueueTranslator(client, installed_models(settings.models_path)[0], decoding)
        overheads = []
        for n in range(ROUND_TRIPS):
            busy_before = sum(r.seconds for r in client.workers.values())
            started = time.perf_counter()
            translator.translate([f"Der Hafen {n} wächst."])
            busy = sum(r.seconds for r in client.workers.values()) - busy_before  # one batch at a time: no overlap
            overheads.append(time.perf_counter() - started - busy)
        return statistics.median(overheads)
    finally:
        client.close()


def compare(settings: Settings, documents: list[Document], decoding: DecodingOptions, workers: int, threads: int,
            repeat: int, in_process) -> None:
    """Time in process and through the queue at ``threads`` total threads; print rates and the arithmetic."""
    sentences = 0
    per_worker = max(1, threads // workers)
    with tempfile.TemporaryDirectory() as tmp, redis_server(Path(tmp)) as broker:
        queued = settings.with_(broker=broker, worker_timeout=600.0)
        pool = Workers(broker, Path(tmp), 600.0)
        try:
            for n in range(workers):
                pool.start(f"bench{n}@bench", settings, "--threads", str(per_worker), "--concurrency", "2")
            local_best, queue_best, rates = float("inf"), float("inf"), {}
            for _ in range(repeat):  # alternate, keep the best of each: the machine is shared
                timing, sentences = in_process(threads)
                local_best = min(local_best, timing.wall)
                seconds, workers_seen = run_queue(queued, documents, decoding)
                if seconds < queue_best:
                    queue_best, rates = seconds, workers_seen
            overhead = round_trip_overhead(queued, decoding)
        finally:
            pool.close()
    units = sum(len(d.paragraphs) for d in documents)
    report(sentences, units, local_best, queue_best, rates, overhead, workers, per_worker, threads)


def report(sentences: int, units: int, local: float, queue: float, rates: dict, overhead: float,
           workers: int, per_worker: int, threads: int) -> None:
    """The comparison, per-worker rates, the coordinator's limits and the 1M-article arithmetic."""
    print(f"  in process, {threads} threads:            {sentences / local:7.1f} sentences/s ({local:.2f} s)")
    print(f"  queue, {workers} workers x {per_worker} threads:      "
          f"{sentences / queue:7.1f} sentences/s ({queue:.2f} s)")
    print(f"  queue overhead: {100 * (queue / local - 1):+.1f}% wall time against in process (target <= +10%)")
    for name, (count, rate) in sorted(rates.items()):
        print(f"    worker {name}: {count} sentences, {rate:.1f} sentences/s while busy")
    per_machine = sentences / queue / workers  # whole run, queue gaps included: the rate to plan with
    writes = cache_writes_per_second(max(1, round(512 * units / sentences)))
    per_unit = sentences / units
    print(f"  coordinator: {writes:,.0f} cache entries/s written (~{writes * per_unit:,.0f} sentences/s at "
          f"{per_unit:.1f} sentences per paragraph); broker round trip overhead {1000 * overhead:.1f} ms per batch")
    total = ARTICLES * SENTENCES_PER_ARTICLE
    print(f"  1M articles x {SENTENCES_PER_ARTICLE} sentences = {total:,} sentences; one worker machine like this one "
          f"({per_worker} threads) did {per_machine:.1f} sentences/s over the whole queued run:")
    for machines in (1, 10, 50):
        print(f"    K={machines:<3} {total / (machines * per_machine) / 3600:10.1f} hours")
    batches_per_second = 1 / overhead if overhead > 0 else float("inf")
    limit = min(writes * per_unit, 512 * batches_per_second)
    print(f"  coordinator ceiling ~{limit:,.0f} sentences/s (cache writes, and 512-sentence batches at one round "
          f"trip each, sequential worst case) = ~{limit / per_machine:,.0f} worker machines")

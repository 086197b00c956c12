"""The coordinator's side of the translation queue.

``QueueClient`` sends batches (cache misses only: the translate stage asks
it) to the model's queue and watches for answers; ``QueueTranslator`` is
the translator interface on top, so the stage treats a queue like a local
model. Each answer is checked: one translation per sentence, from exactly
the model the run uses (translator id and package hash), else refused.

A run never waits forever: when no worker has answered anything for
``Settings.worker_timeout`` seconds while batches are outstanding, the run
stops with ``WorkersUnavailable`` naming the broker and the queue; what was
answered until then is already in the translation cache.
"""
from __future__ import annotations

import logging
import time
from dataclasses import asdict, dataclass, field
from typing import Any, Sequence

from celery.result import AsyncResult
from kombu.exceptions import OperationalError
from redis.exceptions import RedisError

from ..errors import ModelMismatch, WorkersUnavailable
from ..settings import Settings
from .models import ArgosPackage
from .queue import TASK, ModelIdentity, celery_app
from .translators import DecodingOptions, package_cache_settings

logger = logging.getLogger(__name__)

POLL_SECONDS = 0.02
PING_SECONDS = 1.0
MIN_WINDOW = 4  # batches in flight when no worker answered the ping yet
_SEND_RETRY = {"max_retries": 3, "interval_start": 0.5, "interval_step": 1.0, "interval_max": 3.0}
_BROKER_ERRORS = (OperationalError, RedisError, OSError)


@dataclass
class WorkerRate:
    """What one worker translated for this run, and when it was busy."""

    batches: int = 0
    sentences: int = 0
    spans: list[tuple[float, float]] = field(default_factory=list)  # (started, finished) per batch, worker clock

    @property
    def seconds(self) -> float:
        """Time the worker was busy: batches it ran at once count once."""
        busy, end = 0.0, float("-inf")
        for start, finish in sorted(self.spans):
            if finish > end:
                busy += finish - max(start, end)
                end = finish
        return busy

    @property
    def sentences_per_second(self) -> float:
        """The worker's own rate while busy (not the run's wall time)."""
        seconds = self.seconds
        return self.sentences / seconds if seconds > 0 else 0.0


class QueueClient:
    """Sends batches to the workers of one broker and collects their answers."""

    def __init__(self, settings: Settings) -> None:
        if not settings.broker:
            raise ValueError("QueueClient needs Settings.broker")
        self.where = settings.broker_display or ""
        self.timeout = settings.worker_timeout
        self.app = celery_app(settings.broker, settings.worker_timeout)
        self.workers: dict[str, WorkerRate] = {}
        self._outstanding: dict[str, AsyncResult] = {}
        self._last_answer = time.monotonic()
        self._window: int | None = None

    @property
    def window(self) -> int:
        """Batches to keep in flight: two per worker thread that answers a ping."""
        if self._window is None:
            slots = self._worker_slots()
            if not slots:
                logger.warning("no translation worker answered a ping on %s; batches wait in the queue "
                               "for up to %.0fs (start one with `babelsearch worker`)", self.where, self.timeout)
            self._window = max(MIN_WINDOW, 2 * slots)
        return self._window

    def _worker_slots(self) -> int:
        try:
            stats = self.app.control.inspect(timeout=PING_SECONDS).stats() or {}
        except _BROKER_ERRORS as exc:
            raise WorkersUnavailable(f"cannot reach the translation broker {self.where}: {exc}; "
                                     "is Redis running there?") from exc
        return sum(int(s.get("pool", {}).get("max-concurrency", 1)) for s in stats.values())

    def send(self, identity: ModelIdentity, decoding: DecodingOptions, sentences: Sequence[str]) -> "Answer":
        """Queue one batch; the returned ``Answer`` waits for its translations."""
        try:
            result = self.app.send_task(TASK, args=[identity.to_dict(), asdict(decoding), list(sentences)],
                                        queue=identity.queue, retry=True, retry_policy=_SEND_RETRY)
        except _BROKER_ERRORS as exc:
            raise WorkersUnavailable(f"cannot send translation batches to the broker {self.where}: {exc}; "
                                     "is Redis running there?") from exc
        if not self._outstanding:
            self._last_answer = time.monotonic()  # the clock runs only while something is awaited
        self._outstanding[result.id] = result
        return Answer(self, result, identity, len(sentences))

    def check_progress(self, queue: str) -> None:
        """Raise WorkersUnavailable when no worker answered for ``timeout`` seconds."""
        silent = time.monotonic() - self._last_answer
        if silent > self.timeout:
            raise WorkersUnavailable(
                f"no translation worker answered for {silent:.0f}s on {self.where} (queue {queue}): start one "
                "with `babelsearch worker --broker URL` on a machine with this model, or raise "
                "BABELSEARCH_WORKER_TIMEOUT; translations answered so far are in the cache"
            )

    def answered(self, result: AsyncResult) -> None:
        """Note an answer (any answer keeps the run alive) and drop its stored result."""
        self._last_answer = time.monotonic()
        self._outstanding.pop(result.id, None)
        try:
            result.forget()
        except _BROKER_ERRORS:
            logger.debug("could not delete the stored answer %s", result.id)

    def close(self) -> None:
        """Revoke batches nobody will collect (a run that stopped early), then disconnect."""
        if self._outstanding:
            try:
                self.app.control.revoke(list(self._outstanding))
            except _BROKER_ERRORS as exc:
                logger.warning("could not revoke %d queued batches on %s: %s", len(self._outstanding), self.where, exc)
            self._outstanding.clear()
        self.app.close()


class Answer:
    """The pending translations of one batch: ``ready()`` polls, calling waits."""

    def __init__(self, client: QueueClient, result: AsyncResult, identity: ModelIdentity, count: int) -> None:
        self.client, self.result, self.identity, self.count = client, result, identity, count

    def ready(self) -> bool:
        """True once a worker answered; raises WorkersUnavailable after the timeout."""
        try:
            done = self.result.ready()
        except _BROKER_ERRORS as exc:
            raise WorkersUnavailable(f"lost the translation broker {self.client.where}: {exc}") from exc
        if not done:
            self.client.check_progress(self.identity.queue)
        return done

    def __call__(self) -> list[str]:
        """Wait for the answer and return its sentences (ModelMismatch if refused)."""
        while not self.ready():
            time.sleep(POLL_SECONDS)
        try:
            payload = self.result.get(timeout=self.client.timeout, propagate=True)
        finally:
            self.client.answered(self.result)
        return accept(payload, self.identity, self.count, self.client.workers)


def accept(payload: Any, identity: ModelIdentity, count: int, workers: dict[str, WorkerRate]) -> list[str]:
    """The English sentences of a worker's answer, if it is the right model's.

    An answer from another model version (translator id or package hash) or
    with the wrong number of sentences raises ModelMismatch: it is refused,
    never cached.
    """
    if not isinstance(payload, dict):
        raise ModelMismatch(f"refused a malformed answer for {identity.describe()}")
    worker = str(payload.get("worker", "?"))
    got = ModelIdentity(str(payload.get("translator")), str(payload.get("sha256")))
    if got != identity:
        raise ModelMismatch(f"refused {count} translations from worker {worker}: it used {got.describe()}, "
                            f"this run uses {identity.describe()}")
    english = payload.get("english")
    if not isinstance(english, list) or len(english) != count or not all(isinstance(s, str) for s in english):
        raise ModelMismatch(f"refused an answer from worker {worker}: expected {count} sentences")
    rate = workers.setdefault(worker, WorkerRate())
    rate.batches += 1
    rate.sentences += count
    rate.spans.append((float(payload.get("started", 0.0)), float(payload.get("finished", 0.0))))
    return english


class QueueTranslator:
    """The translator interface over the queue, for one installed package."""

    def __init__(self, client: QueueClient, package: ArgosPackage, decoding: DecodingOptions) -> None:
        self.client = client
        self.identity = ModelIdentity.of(package)
        self.id = self.identity.translator
        self.decoding = decoding
        self._cache_settings = package_cache_settings(package, decoding)

    def cache_settings(self) -> str:
        """The same cache settings as the package would give in process."""
        return self._cache_settings

    @property
    def window(self) -> int:
        """Batches the stage keeps in flight for this translator (see ``QueueClient.window``)."""
        return self.client.window

    def translate(self, sentences: Sequence[str]) -> list[str]:
        """Translate through the workers, waiting for the answer."""
        return self.submit(sentences)()

    def submit(self, sentences: Sequence[str]) -> Answer | type[list]:
        """Queue the sentences; the result waits for (and checks) the answer."""
        if not sentences:
            return list
        return self.client.send(self.identity, self.decoding, sentences)

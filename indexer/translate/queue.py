"""The translation queue: Celery over Redis, shared by coordinator and workers.

A batch is one Celery task: sentences of one language pair, the decoding
settings, and the identity of the model that must translate them (translator
id plus the package's content hash). Each model has its own queue, named
after that identity, so a worker only ever receives batches for models it
has loaded; the worker checks the identity again and the coordinator checks
the answer (``queue_client``).

Delivery: late acknowledgement (a batch is acknowledged after it is
answered, so a worker killed mid-batch leaves it in Redis), one batch
reserved per worker thread (``prefetch_multiplier=1``), and Redis'
visibility timeout: a batch whose worker died is handed to another worker
after half of ``Settings.worker_timeout``. Translating a batch twice is
harmless: the answer is the same and the cache is content-addressed.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from celery import Celery

from .models import ArgosPackage

TASK = "babelsearch.translate"
RESULT_TTL_SECONDS = 3600  # answers nobody collected (a killed reindex) expire


@dataclass(frozen=True)
class ModelIdentity:
    """Exactly which model a batch needs: translator id and package content hash."""

    translator: str
    sha256: str

    @property
    def queue(self) -> str:
        """The queue for this model: ``babelsearch.argos/de_en@1.9.<hash prefix>``."""
        return f"babelsearch.{self.translator}.{self.sha256[:16]}"

    def to_dict(self) -> dict[str, str]:
        """JSON form sent with every batch."""
        return {"translator": self.translator, "sha256": self.sha256}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "ModelIdentity":
        """Read the JSON form back."""
        return cls(str(data["translator"]), str(data["sha256"]))

    @classmethod
    def of(cls, package: ArgosPackage) -> "ModelIdentity":
        """The identity of an installed package."""
        return cls(package.translator_id, package.content_sha256())

    def describe(self) -> str:
        """``argos/de_en@1.9 (sha256 0123abcd…)`` for messages."""
        return f"{self.translator} (sha256 {self.sha256[:12]}…)"


def celery_app(broker: str, worker_timeout: float) -> Celery:
    """The Celery app for one broker URL, configured alike on both sides.

    Redis is broker and result store. ``worker_timeout`` sets the visibility
    timeout (half of it): how long a batch held by a dead worker waits
    before Redis hands it out again.
    """
    visibility = max(worker_timeout / 2, 1.0)
    app = Celery("babelsearch", broker=broker, backend=broker, set_as_current=False)
    app.conf.update(
        task_serializer="json",
        result_serializer="json",
        accept_content=["json"],
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        worker_hijack_root_logger=False,
        worker_cancel_long_running_tasks_on_connection_loss=True,
        result_expires=RESULT_TTL_SECONDS,
        broker_connection_retry_on_startup=True,
        broker_transport_options={
            "visibility_timeout": visibility,
            # Look for abandoned batches often enough to honour the timeout.
            "unacked_restore_interval": max(1, int(visibility / 4)),
            "unacked_restore_throttle": 1,
            "socket_timeout": 30,
            "socket_connect_timeout": 5,
        },
        result_backend_transport_options={"visibility_timeout": visibility},
        redis_socket_connect_timeout=5,
        redis_socket_timeout=30,
    )
    return app

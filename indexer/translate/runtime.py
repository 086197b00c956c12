"""Where and how fast translation runs: device, threads, batching.

None of this changes a translation, so none of it is in the cache key.
``RuntimeOptions.from_settings`` reads the settings table
(``translation_device``: ``auto|cpu|cuda``; CTranslate2's ``inter_threads``
and ``intra_threads``); ``auto`` uses CUDA when CTranslate2 reports a GPU.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field

from ..errors import TranslationDeviceUnavailable
from ..settings import Settings

GREEDY_BATCH_TOKENS, BEAM_BATCH_TOKENS = 2048, 1024


def cuda_device_count() -> int:
    """GPUs CTranslate2 can use (0 without CUDA or without a CUDA build)."""
    import ctranslate2

    try:
        return ctranslate2.get_cuda_device_count()
    except RuntimeError:  # a CUDA build on a machine without the driver
        return 0


@dataclass(frozen=True)
class RuntimeOptions:
    """How fast, not what: device, threads and batching (not part of the cache key).

    The defaults were chosen with ``bench/translate_throughput.py``: on CPU
    one model replica per core (``inter_threads``), each on one thread
    (``intra_threads``), fed batches of about 2048 tokens for greedy search
    and 1024 for beam search. Measured on a 2-core machine (three sweeps
    each): greedy 2048 fastest, 4096 25% slower; beam 4 1024 and 2048
    within noise of each other, 4096 35% slower. ``max_batch_size=0``
    means that rule. ``compute_type="default"`` keeps the type the package
    was converted with, as argostranslate does.
    """

    inter_threads: int = field(default_factory=lambda: os.cpu_count() or 1)
    intra_threads: int = 1
    compute_type: str = "default"
    max_batch_size: int = 0
    batch_type: str = "tokens"
    device: str = "cpu"
    device_index: tuple[int, ...] = (0,)  # on CUDA: every GPU, each with ``inter_threads`` replicas

    @classmethod
    def from_settings(cls, settings: Settings) -> "RuntimeOptions":
        """Device and threads from the settings table; ``auto`` resolved now.

        ``auto`` is CUDA when CTranslate2 reports a GPU, else CPU; ``cuda``
        without a GPU raises TranslationDeviceUnavailable. Threads left at 0:
        on CPU one replica per core with the cores shared out; on CUDA one
        per GPU, on every GPU.
        """
        device = resolve_device(settings.translation_device)
        cores = os.cpu_count() or 1
        inter = settings.translation_inter_threads or (cores if device == "cpu" else 1)
        intra = settings.translation_intra_threads or max(1, cores // inter)
        gpus = tuple(range(cuda_device_count())) if device == "cuda" else (0,)
        return cls(inter_threads=inter, intra_threads=intra, device=device, device_index=gpus)

    def describe(self) -> str:
        """One line for ``stats`` and the reindex summary."""
        where = f"cuda ({len(self.device_index)} GPU{'s' if len(self.device_index) > 1 else ''})" if self.device == "cuda" else self.device
        return f"{where}, {self.inter_threads} inter-threads × {self.intra_threads} intra-threads"

    def batch_size_for(self, beam_size: int) -> int:
        """``max_batch_size``, or the automatic size for this beam."""
        if self.max_batch_size:
            return self.max_batch_size
        return GREEDY_BATCH_TOKENS if beam_size <= 1 else BEAM_BATCH_TOKENS


def resolve_device(requested: str) -> str:
    """``cpu`` or ``cuda`` for a ``translation_device`` setting (``auto|cpu|cuda``)."""
    if requested == "cpu":
        return "cpu"
    gpus = cuda_device_count()
    if requested == "cuda" and gpus == 0:
        raise TranslationDeviceUnavailable(
            "BABELSEARCH_TRANSLATION_DEVICE=cuda, but CTranslate2 finds no CUDA device; use auto or cpu"
        )
    return "cuda" if gpus > 0 else "cpu"


def runtime_status_line(settings: Settings) -> str:
    """What ``stats`` shows: the device and threads a reindex would use, or why it cannot."""
    try:
        return RuntimeOptions.from_settings(settings).describe()
    except TranslationDeviceUnavailable as exc:
        return str(exc)

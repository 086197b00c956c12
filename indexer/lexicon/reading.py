"""Reading the dictionaries, on every core: the longest part of a lexicon build.

Each dictionary is parsed in a worker process (forked, so nothing is
imported twice) and comes back as plain ``(source, target, weight)``
tuples; the build adds them in the order of the sources, so the weights
sum exactly as a single-process read would. Workers publish how far they
got in shared memory, which the parent shows as one progress line; each
dictionary gets its closing line when it is done.
"""
from __future__ import annotations

import multiprocessing
import os
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from typing import Iterable, Iterator

from ..progress import Progress, duration_text, rate_text
from .pairs import Pair
from .sources import Source

Triples = list[tuple[str, str, float]]  # (source term, target term, weight) of one dictionary
PARALLEL_FROM = 4_000_000  # bytes of dictionary files; below, starting workers costs more than it saves
_counts = None  # in a worker: the shared array of (entries read, entries in total) per dictionary


def read_sources(sources: list[Source], progress: Progress, workers: int | None = None
                 ) -> Iterator[tuple[Source, Triples]]:
    """Each source with its pairs, in the order given; ``workers`` processes (default: one per core, up
    to four, for large dictionaries)."""
    if workers is None:
        size = sum(path.stat().st_size for source in sources for path in source.files())
        workers = min(len(sources), os.cpu_count() or 1, 4) if size >= PARALLEL_FROM else 1
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        yield from _read_here(sources, progress)
        return
    context = multiprocessing.get_context("fork")
    counts = context.Array("q", 2 * len(sources), lock=False)
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_share, initargs=(counts,)) as pool:
        futures = [pool.submit(_read, sources, index) for index in range(len(sources))]
        task = progress.task(f"Reading {len(sources)} dictionaries", unit="entries")
        for index, source in enumerate(sources):
            while not futures[index].done():
                wait(futures, timeout=0.25, return_when=FIRST_COMPLETED)
                task.update(sum(counts[0::2]), sum(counts[1::2]) or None)
            triples, seconds, entries = futures[index].result()
            _closing_line(progress, source, entries, len(triples), seconds)
            yield source, triples
        task.finish(sum(counts[0::2]))


def _read_here(sources: list[Source], progress: Progress) -> Iterator[tuple[Source, Triples]]:
    for source in sources:
        task = progress.task(f"Reading {source.name}", unit="entries")
        triples = _triples(source.pairs(task.update))
        task.finish(note=f"{len(triples):,} pairs")
        yield source, triples


def _triples(pairs: Iterable[Pair]) -> Triples:
    return [(pair.source, pair.target, pair.weight) for pair in pairs]


def _closing_line(progress: Progress, source: Source, entries: int, pairs: int, seconds: float) -> None:
    counted = f"{entries:,} entries" if entries else f"{pairs:,} pairs"  # a TSV file counts no entries
    details = ", ".join(x for x in (rate_text(entries, seconds, "entries"), entries and f"{pairs:,} pairs") if x)
    progress.write(f"Read {source.name}: {counted} in {duration_text(seconds)}{f' ({details})' if details else ''}",
                   final=True)


def _share(counts) -> None:
    global _counts
    _counts = counts


def _read(sources: list[Source], index: int) -> tuple[Triples, float, int]:
    """In a worker: one dictionary's pairs as tuples, the seconds it took and its entry count."""
    started = time.perf_counter()
    seen = [0]

    def report(done: int, total: int) -> None:
        seen[0] = done
        if _counts is not None:
            _counts[2 * index], _counts[2 * index + 1] = done, total

    triples = _triples(sources[index].pairs(report))
    return triples, time.perf_counter() - started, seen[0]

"""Reading the dictionaries, on every core: the longest part of a lexicon build.

Each dictionary is parsed in a worker process (forked, so nothing is
imported twice) and comes back as plain ``(source, target, weight)``
tuples, handed to the build in the order of the sources, so the weights
sum exactly as a single-process read would. Workers publish how far they
got in shared memory, which the parent shows as one progress line; each
dictionary gets its closing line when it is done.
"""
from __future__ import annotations

import multiprocessing
import os
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from typing import Callable, Iterable

from ..progress import Progress, duration_text, rate_text
from .pairs import Pair
from .sources import Source

Triples = list[tuple[str, str, float]]  # (source term, target term, weight) of one dictionary
SLICE = 65_536  # pairs added between two progress updates
PARALLEL_FROM = 4_000_000  # bytes of dictionary files; below, starting workers costs more than it saves
_counts = None  # in a worker: the shared array of entries read per dictionary


def read_sources(sources: list[Source], add: Callable[[Source, Triples], None], progress: Progress,
                 workers: int | None = None) -> list[int]:
    """Read every source and hand its pairs to ``add(source, triples)``, in the order given and in
    slices (so progress keeps moving); returns the pairs per source. ``workers`` processes read
    (default: one per core, up to four, for large dictionaries)."""
    if workers is None:
        size = sum(path.stat().st_size for source in sources for path in source.files())
        workers = min(len(sources), os.cpu_count() or 1, 4) if size >= PARALLEL_FROM else 1
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [_read_here(source, add, progress) for source in sources]
    context = multiprocessing.get_context("fork")
    counts = context.Array("q", len(sources), lock=False)
    total = sum(_lines(source) for source in sources)
    task = progress.task(f"Reading {len(sources)} dictionaries", total, unit="entries")
    pairs = []
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_share, initargs=(counts,)) as pool:
        futures = [pool.submit(_read, sources, index) for index in range(len(sources))]
        for index, source in enumerate(sources):
            while not futures[index].done():
                wait(futures, timeout=0.25, return_when=FIRST_COMPLETED)
                task.update(sum(counts))
            triples, seconds, entries = futures[index].result()
            _hand_over(source, triples, add, lambda: task.update(sum(counts)))
            _closing_line(progress, source, entries, len(triples), seconds)
            pairs.append(len(triples))
    task.finish(sum(counts))
    return pairs


def _read_here(source: Source, add: Callable[[Source, Triples], None], progress: Progress) -> int:
    task = progress.task(f"Reading {source.name}", unit="entries")
    triples = _triples(source.pairs(task.update))
    _hand_over(source, triples, add, lambda: task.update(task.done))
    task.finish(note=f"{len(triples):,} pairs")
    return len(triples)


def _hand_over(source: Source, triples: Triples, add: Callable[[Source, Triples], None],
               tick: Callable[[], None]) -> None:
    for start in range(0, len(triples), SLICE):
        add(source, triples[start:start + SLICE])
        tick()


def _lines(source: Source) -> int:
    """Entries of a dictionary, near enough for an ETA: the lines of its index or text file."""
    with open(source.path, "rb") as handle:
        return sum(block.count(b"\n") for block in iter(lambda: handle.read(1 << 20), b""))


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
            _counts[index] = done

    triples = _triples(sources[index].pairs(report))
    return triples, time.perf_counter() - started, seen[0]

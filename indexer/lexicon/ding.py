"""Reader for Ding dictionaries (Debian ``trans-de-en``: ``/usr/share/trans/de-en``).

One entry per line, ``German :: English``; each side has the same number
of ``|``-separated senses (the first is the headword, later ones are
inflected forms and phrases), each sense ``;``-separated synonyms.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Callable, Iterator

from .clean import split_senses, split_synonyms, term_cleaner
from .pairs import PROGRESS_EVERY, Pair, ReadProgress

logger = logging.getLogger(__name__)

DEFAULT_PATH = Path("/usr/share/trans/de-en")
LATER_SENSE = 0.6  # inflections and phrases count less than the headword sense
LATER_SYNONYM = 0.8  # the first synonym is the usual word


def read_ding(path: Path, left: str = "de", right: str = "en", progress: ReadProgress | None = None) -> Iterator[Pair]:
    """Every (left term, right term, weight) pair of a Ding file; ``progress(lines, total)`` now and then."""
    with open(path, encoding="utf-8", errors="replace") as handle:
        lines = handle.readlines()
    clean = term_cleaner()
    skipped = 0
    for number, line in enumerate(lines, 1):
        if progress is not None and number % PROGRESS_EVERY == 0:
            progress(number, len(lines))
        if line.startswith("#") or "::" not in line:
            continue
        left_side, right_side = line.rstrip("\n").split("::", 1)
        left_senses, right_senses = split_senses(left_side), split_senses(right_side)
        if len(left_senses) != len(right_senses):
            skipped += 1
            left_senses, right_senses = left_senses[:1], right_senses[:1]
        for index, (left_sense, right_sense) in enumerate(zip(left_senses, right_senses)):
            yield from _sense_pairs(_terms(left_sense, clean), _terms(right_sense, clean),
                                    LATER_SENSE if index else 1.0, left, right)
    if progress is not None:
        progress(len(lines), len(lines))
    if skipped:
        logger.debug("%s: %d entries with unaligned senses kept their first sense only", path, skipped)


def _sense_pairs(lefts: list[str], rights: list[str], weight: float, left: str, right: str) -> Iterator[Pair]:
    for i, left_term in enumerate(lefts):
        for j, right_term in enumerate(rights):
            factor = (LATER_SYNONYM if i else 1.0) * (LATER_SYNONYM if j else 1.0)
            yield Pair(left, left_term, right, right_term, weight * factor)


def _terms(sense: str, clean: Callable[[str], str | None]) -> list[str]:
    seen: dict[str, None] = {}
    for synonym in split_synonyms(sense):
        term = clean(synonym)
        if term:
            seen.setdefault(term, None)
    return list(seen)

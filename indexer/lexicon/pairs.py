"""The one shape every dictionary reader produces: a weighted term pair."""
from __future__ import annotations

from typing import Callable, NamedTuple


class Pair(NamedTuple):
    """``source`` (in ``source_lang``) translates as ``target`` (in ``target_lang``)."""

    source_lang: str
    source: str
    target_lang: str
    target: str
    weight: float


ReadProgress = Callable[[int, int], None]  # (entries read, entries in the dictionary)
PROGRESS_EVERY = 4096  # entries between two calls of a reader's ReadProgress

"""The one shape every dictionary reader produces: a weighted term pair."""
from __future__ import annotations

from typing import NamedTuple


class Pair(NamedTuple):
    """``source`` (in ``source_lang``) translates as ``target`` (in ``target_lang``)."""

    source_lang: str
    source: str
    target_lang: str
    target: str
    weight: float


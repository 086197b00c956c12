"""Bilingual lexicons for cross-language search without a translation model.

``build`` compiles Debian's dictionaries (Ding ``trans-de-en``, FreeDict
dictd files) and user TSV lexicons into ``DATA/lexicons/lexicon.sqlite``;
``Lexicon`` looks words up in it, falling back to lemmas and compound
splits. ``open_lexicon`` returns None when no lexicon was built: every
caller then simply does without.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import LexiconError
from .lookup import Lexicon, open_lexicon
from .pairs import Pair
from .store import lexicon_path

BUILD_HINT = "run 'babelsearch lexicons build' (needs the Debian packages trans-de-en and dict-freedict-*)"


def lexicon_status(data_dir: Path) -> dict[str, Any]:
    """Whether dictionary search is on, for ``stats`` and ``/api/health``.

    ``{"enabled": bool, "path": str, "entries": {direction: count}, "built_at": str | None,
    "hint": str}`` (``hint`` is empty when enabled).
    """
    lexicon = open_lexicon(data_dir)
    if lexicon is None:
        return {"enabled": False, "path": str(lexicon_path(data_dir)), "entries": {}, "built_at": None, "hint": BUILD_HINT}
    meta = lexicon.store.meta
    return {"enabled": True, "path": str(lexicon.path), "entries": dict(meta.get("entries", {})),
            "built_at": meta.get("built_at"), "hint": ""}


__all__ = ["BUILD_HINT", "Lexicon", "LexiconError", "Pair", "lexicon_path", "lexicon_status", "open_lexicon"]

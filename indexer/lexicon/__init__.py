"""Bilingual lexicons for cross-language search without a translation model.

``build`` compiles Debian's dictionaries (Ding ``trans-de-en``, FreeDict
dictd files) and user TSV lexicons into ``DATA/lexicons/lexicon.sqlite``;
``Lexicon`` looks words up in it, falling back to lemmas and compound
splits. ``open_lexicon`` returns None when no lexicon was built: every
caller then simply does without.
"""
from __future__ import annotations

from .lookup import Lexicon, open_lexicon
from .pairs import LexiconError, Pair
from .store import lexicon_path

BUILD_HINT = "run 'babelsearch lexicons build' (needs the Debian packages trans-de-en and dict-freedict-*)"

__all__ = ["BUILD_HINT", "Lexicon", "LexiconError", "Pair", "lexicon_path", "open_lexicon"]

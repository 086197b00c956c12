"""Looking words up: exact entry, then lemma, then compound parts."""
from __future__ import annotations

import logging
import threading
from pathlib import Path

from ..errors import LexiconError
from ..languages import is_function_word, writes_compounds
from ..ranking import DEFAULT_RANKING, Ranking
from .clean import normalize
from .morph import lemma, split_compound
from .store import LexiconStore, Translations, lexicon_path

logger = logging.getLogger(__name__)



class Lexicon:
    """Translations of words and short phrases between language pairs."""

    def __init__(self, store: LexiconStore) -> None:
        self.store = store

    @property
    def path(self) -> Path:
        """The compiled lexicon file."""
        return self.store.path

    def supports(self, source: str, target: str) -> bool:
        """True when the lexicon has entries from ``source`` to ``target``."""
        return f"{source}-{target}" in self.store.directions

    def knows(self, word: str, language: str) -> bool:
        """True when ``word`` (lowercase) is a headword from ``language`` into English."""
        return bool(self.store.lookup(f"{language}-en", word))

    def entry(self, term: str, source: str, target: str) -> Translations:
        """The exact dictionary entry of ``term`` (a word or phrase), or ()."""
        return _content(self.store.lookup(f"{source}-{target}", normalize(term)), target)

    def translate(self, word: str, source: str, target: str, limit: int = 5,
                  ranking: Ranking = DEFAULT_RANKING) -> Translations:
        """Best translations of ``word``: its entry merged with its lemma's,
        else (German, Dutch) those of its compound parts; function words of
        ``target`` are stripped from them (see ``content_term``)."""
        found = self._translate(word, source, target, limit + 3, ranking)  # room for dropped ones
        return _content(found, target)[:limit]

    def _translate(self, word: str, source: str, target: str, limit: int, ranking: Ranking) -> Translations:
        direction = f"{source}-{target}"
        key = normalize(word)
        scores: dict[str, float] = dict(self.store.lookup(direction, key))
        base = lemma(key, source)
        if base != key:
            for term, weight in self.store.lookup(direction, base):
                scores[term] = max(scores.get(term, 0.0), weight * ranking.lemma_weight)
        if not scores and writes_compounds(source) and " " not in key:
            return self._compound(key, direction, limit, ranking)
        return _best(scores, limit)

    def _compound(self, word: str, direction: str, limit: int, ranking: Ranking) -> Translations:
        parts = split_compound(word, lambda part: bool(self.store.lookup(direction, part)))
        if not parts:
            return ()
        scores: dict[str, float] = {}
        *modifiers, head = parts
        for term, weight in self.store.lookup(direction, head)[:limit]:
            scores[term] = max(scores.get(term, 0.0), weight)
        for modifier in modifiers:
            for term, weight in self.store.lookup(direction, modifier)[:1]:
                scores.setdefault(term, weight * ranking.modifier_weight)
        return _best(scores, limit)


def content_term(term: str, language: str) -> str | None:
    """``term`` (lowercase, one or more words) without the function words of
    ``language``, or None when nothing else is left: a translation never
    searches or highlights ``ein``, ``und`` or ``sich``."""
    words = term.split()
    if not any(is_function_word(word, language) for word in words):
        return term
    return " ".join(word for word in words if not is_function_word(word, language)) or None


def _content(found: Translations, language: str) -> Translations:
    """``found`` without function words of ``language``: stripped from
    phrases, merged when that makes two alike, dropped when nothing is left."""
    scores: dict[str, float] = {}
    for term, weight in found:
        kept = content_term(term, language)
        if kept is not None and weight > scores.get(kept, -1.0):
            scores[kept] = weight
    return tuple(sorted(scores.items(), key=lambda item: -item[1]))


def _best(scores: dict[str, float], limit: int) -> Translations:
    ordered = sorted(scores.items(), key=lambda item: (-item[1], item[0].count(" "), item[0]))
    return tuple(ordered[:limit])


_OPEN: dict[Path, tuple[int, Lexicon | None]] = {}  # path -> (mtime, lexicon or None if unreadable)
_OPEN_LOCK = threading.Lock()


def open_lexicon(data_dir: Path) -> Lexicon | None:
    """The compiled lexicon of ``data_dir`` (shared per process), or None when
    none was built or it cannot be read (logged once per version of the file)."""
    path = lexicon_path(data_dir)
    try:
        version = path.stat().st_mtime_ns
    except FileNotFoundError:
        version = None
    with _OPEN_LOCK:
        cached = _OPEN.get(path)
        if cached and cached[0] == version:
            return cached[1]
        if cached and cached[1] is not None:
            cached[1].store.close()  # rebuilt or removed: release the old file
        _OPEN.pop(path, None)
        if version is None:
            return None
        try:
            lexicon: Lexicon | None = Lexicon(LexiconStore(path))
        except LexiconError as exc:
            logger.warning("lexicon not used: %s", exc)
            lexicon = None  # remembered, so searches do not retry and warn until the file changes
        _OPEN[path] = (version, lexicon)
        return lexicon

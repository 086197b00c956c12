"""Collection statistics for choosing translations by context.

A dictionary lists every sense of a word (``port``: Anschluss, Hafen,
Backbord, ...). Which one a query means shows in the collection: the
right translations occur in the indexed documents, and they occur
*together* with the translations of the query's other words
(Ballesteros & Croft 1998; Gao et al. 2001). At reindex time the forms
stage records, per document language, which documents contain each index
term of their text and word forms (``forms.py``); the table is written to
``DATA/lexicons/collection.sqlite`` once the index is published. At query
time ``rank_candidates`` scores each translation by its dictionary
weight, whether the collection has it, and how well it co-occurs with
the other query words' translations (Dice over document sets, held as
Python integers used as bit sets, so one comparison is one ``&``).
"""
from __future__ import annotations

import functools
import logging
import os
import sqlite3
import threading
from array import array
from dataclasses import dataclass
from pathlib import Path
from urllib.request import pathname2url

from ..engines.fields import NEUTRAL, STEMMED_LANGUAGES
from ..engines.tantivy_schema import analyzer
from ..ranking import Ranking
from .store import Translations, lexicon_path

logger = logging.getLogger(__name__)

FILE_NAME = "collection.sqlite"


def index_terms(text: str, language: str) -> list[str]:
    """The terms the index holds for ``text`` in ``language``'s original-text
    field (the embedded engine's analyzer: function words dropped, stemmed),
    so that the statistics count what a translation group can match."""
    return analyzer(STEMMED_LANGUAGES.get(language, NEUTRAL)).analyze(text)


def statistics_path(data_dir: Path) -> Path:
    """Where the collection statistics of a data dir live (beside the lexicon)."""
    return lexicon_path(data_dir).with_name(FILE_NAME)


class StatisticsWriter:
    """Gathers which document holds which key, per language; ``write`` stores it."""

    def __init__(self, data_dir: Path) -> None:
        self.path = statistics_path(data_dir)
        self.documents = 0
        self._postings: dict[tuple[str, str], list[int]] = {}

    def add(self, texts: dict[str, list[str]]) -> None:
        """Record one document: its texts (and word forms) per language."""
        number = self.documents
        self.documents += 1
        for language, found in texts.items():
            for key in {key for text in found for key in index_terms(text, language)}:
                self._postings.setdefault((language, key), []).append(number)

    def write(self) -> None:
        """Write the table atomically (temporary file, then rename)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        temporary.unlink(missing_ok=True)
        db = sqlite3.connect(temporary)
        try:
            db.execute("CREATE TABLE postings (language TEXT, key TEXT, documents BLOB, PRIMARY KEY (language, key)) WITHOUT ROWID")
            db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER)")
            db.executemany("INSERT INTO postings VALUES (?, ?, ?)", self._rows())
            db.execute("INSERT INTO meta VALUES ('documents', ?)", (self.documents,))
            db.commit()
        finally:
            db.close()
        os.replace(temporary, self.path)
        logger.info("collection statistics: %d keys over %d documents", len(self._postings), self.documents)

    def _rows(self):
        for (language, key), numbers in self._postings.items():
            yield language, key, array("I", numbers).tobytes()  # sparse: 4 bytes per document


class CollectionStatistics:
    """Read access: the documents (as a bit set) that hold a term."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._db = sqlite3.connect(f"file:{pathname2url(str(path))}?mode=ro", uri=True, check_same_thread=False)
        self.documents = int(self._db.execute("SELECT value FROM meta WHERE key = 'documents'").fetchone()[0])
        self._key = functools.lru_cache(maxsize=100_000)(self._read_key)

    def _read_key(self, language: str, key: str) -> int:
        with self._lock:
            row = self._db.execute("SELECT documents FROM postings WHERE language = ? AND key = ?", (language, key)).fetchone()
        if row is None:
            return 0
        bits = bytearray((self.documents + 7) // 8)
        for number in array("I", row[0]):
            bits[number >> 3] |= 1 << (number & 7)
        return int.from_bytes(bits, "little")

    def documents_with(self, term: str, language: str) -> int:
        """Documents holding every index term of ``term`` (a word or phrase); 0 when none."""
        found = -1
        for key in index_terms(term, language):
            found &= self._key(language, key)
            if not found:
                return 0
        return max(found, 0)

    def close(self) -> None:
        """Close the database."""
        with self._lock:
            self._db.close()


_OPEN: dict[Path, tuple[int, CollectionStatistics | None]] = {}
_OPEN_LOCK = threading.Lock()


def open_statistics(data_dir: Path) -> CollectionStatistics | None:
    """The collection statistics of ``data_dir`` (shared per process, reopened
    when rewritten), or None when none were written or they cannot be read."""
    path = statistics_path(data_dir)
    try:
        version = path.stat().st_mtime_ns
    except FileNotFoundError:
        return None
    with _OPEN_LOCK:
        cached = _OPEN.get(path)
        if cached and cached[0] == version:
            return cached[1]
        try:
            statistics: CollectionStatistics | None = CollectionStatistics(path)
        except (sqlite3.Error, TypeError) as exc:
            logger.warning("collection statistics not used (%s): %s", path, exc)
            statistics = None
        if cached and cached[1] is not None:
            cached[1].close()
        _OPEN[path] = (version, statistics)
        return statistics


@dataclass(frozen=True)
class Unit:
    """The translation candidates of one query word or run of words in one language."""

    span: frozenset[int]  # indices of the query clauses it translates
    candidates: Translations  # (translation, dictionary weight), best first


def rank_candidates(units: list[Unit], own: dict[int, int], statistics: CollectionStatistics,
                    language: str, ranking: Ranking) -> list[Translations]:
    """Per unit, its candidates re-ranked in context, each with a weight in (0, 1].

    Score: ``prior ** dictionary_prior * presence * (1 + context_weight * cohesion)``
    (``Ranking`` fields), where prior is the dictionary weight over the
    unit's best one, presence is 1 when the collection has the translation
    (else ``absent_factor``)
    and cohesion is the mean, over the query's other clauses, of the best
    Dice coefficient between the translation's documents and those of any
    translation of that clause (or of the clause's own word, ``own``:
    names carry over). Weights are scores over the best score, at least
    ``min_alternative_weight``. A candidate below the dictionary's first
    ``alternatives`` takes part only when the context supports it (it
    co-occurs with another clause) or when none of the first ones occurs in
    the collection: the context finds ``Zoll``
    for ``customs`` beside ``port``, but a rare sense that merely occurs
    somewhere does not displace the usual ones.
    """
    masks = [[statistics.documents_with(term, language) for term, _ in unit.candidates] for unit in units]
    evidence: dict[int, list[int]] = {index: [mask] for index, mask in own.items() if mask}
    for unit, found in zip(units, masks):
        for index in unit.span:
            evidence.setdefault(index, []).extend(m for m in found if m)
    return [_ranked(unit, found, evidence, ranking) for unit, found in zip(units, masks)]


def _ranked(unit: Unit, masks: list[int], evidence: dict[int, list[int]], ranking: Ranking) -> Translations:
    others = [group for index, group in evidence.items() if index not in unit.span and group]
    best_prior = max((weight for _, weight in unit.candidates), default=0.0) or 1.0
    reach = ranking.alternatives
    usual_found = any(masks[:reach])
    scored = []
    for rank, ((term, weight), mask) in enumerate(zip(unit.candidates, masks)):
        cohesion = 0.0
        if mask and others:
            cohesion = sum(max(_dice(mask, other) for other in group) for group in others) / len(others)
        if rank >= reach and (not mask or (usual_found and cohesion == 0.0)):
            continue
        score = (weight / best_prior) ** ranking.dictionary_prior * (1.0 if mask else ranking.absent_factor)
        scored.append((term, score * (1.0 + ranking.context_weight * cohesion)))
    scored.sort(key=lambda item: -item[1])
    top = scored[0][1] if scored and scored[0][1] > 0 else 1.0
    return tuple((term, max(score / top, ranking.min_alternative_weight)) for term, score in scored)


def _dice(a: int, b: int) -> float:
    return 2 * (a & b).bit_count() / (a.bit_count() + b.bit_count())

"""Compile dictionaries into the on-disk lexicon (``babelsearch lexicons build``).

1. read every source into weighted term pairs (both directions count);
2. repair glued English multiword translations (FreeDict Dutch: ``eelspear``);
3. extend Dutch by pivoting through German and French (``nl -> de -> en``,
   ``nl -> fr -> en``, ``en -> de -> nl``), if asked;
4. rank the targets of every term and keep the best ``MAX_TARGETS``;
5. write the SQLite store atomically.
"""
from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import LexiconError
from ..progress import Progress, Task
from .frequency import zipf_function
from .pairs import PROGRESS_EVERY
from .reading import Triples, read_sources
from .sources import Source
from .store import Translations, write_store

DIRECTIONS = ("de-en", "en-de", "nl-en", "en-nl")
MAX_TARGETS = 12
PIVOT_WEIGHT = 0.35  # a two-step translation is less sure than a direct one
PIVOT_FANOUT = 3  # translations taken per pivot word
PIVOT_LANGUAGES = ("de", "fr")  # Dutch reaches English through these (FreeDict nld-deu, deu-nld, nld-fra, fra-nld)
# Fusion MRR@10 on clir-dev's tuning half: off 0.939, missing 0.946, all 0.937.
PIVOT_MODES = ("off", "missing", "all")
FREQUENCY_EXPONENT = 2.0  # how strongly common translations are preferred (rank_table); 1.0: 0.945
Table = dict[str, dict[str, float]]
NO_SOURCES = "no dictionary found: install trans-de-en and dict-freedict-* or give a TSV lexicon"


@dataclass
class BuildReport:
    """What a build read and wrote."""

    path: Path
    sources: list[dict] = field(default_factory=list)
    entries: dict[str, int] = field(default_factory=dict)
    glued_split: int = 0
    glued_dropped: int = 0
    pivot_added: int = 0
    seconds: float = 0.0


def build_lexicon(
    sources: list[Source], path: Path, pivot: str = "missing", frequency: float = FREQUENCY_EXPONENT,
    progress: Progress | None = None, workers: int | None = None,
) -> BuildReport:
    """Read ``sources`` (``workers`` processes, see ``reading``) and write the compiled lexicon to
    ``path``, reporting each step to ``progress``."""
    if pivot not in PIVOT_MODES:
        raise LexiconError(f"pivot must be one of {', '.join(PIVOT_MODES)}")
    if not sources:
        raise LexiconError(NO_SOURCES)
    progress = progress or Progress()
    started = time.perf_counter()
    report = BuildReport(path)
    tables: dict[str, Table] = defaultdict(lambda: defaultdict(lambda: defaultdict(float)))
    counts = read_sources(sources, lambda source, triples: _add_pairs(tables, source, triples), progress, workers)
    report.sources = [{"name": s.name, "kind": s.kind, "path": str(s.path), "pairs": n} for s, n in zip(sources, counts)]
    english = set(tables["en-de"])  # German dictionaries: the widest English vocabulary, no glued words
    report.glued_split, report.glued_dropped = repair_glued(tables, english, progress)
    if pivot != "off":
        report.pivot_added = add_pivot(tables, only_missing=pivot == "missing")
    ranked = {d: rank_table(tables[d], d[-2:], frequency, task=progress.task(f"Ranking {d}", unit="terms"))
              for d in DIRECTIONS if tables.get(d)}
    report.entries = {d: len(t) for d, t in ranked.items()}
    meta = {"sources": report.sources, "entries": report.entries, "pivot": pivot, "frequency": frequency}
    write_store(path, ranked, meta, progress)
    report.seconds = time.perf_counter() - started
    return report


def _add_pairs(tables: dict[str, Table], source: Source, triples: Triples) -> None:
    # Every pair also serves the reverse direction (nl-de only feeds the pivot).
    forward = tables[f"{source.source_lang}-{source.target_lang}"]
    backward = tables[f"{source.target_lang}-{source.source_lang}"]
    for term, target, weight in triples:
        forward[term][target] += weight
        backward[target][term] += weight


def rank_table(table: Table, language: str, frequency: float, limit: int = MAX_TARGETS,
               task: Task | None = None) -> dict[str, Translations]:
    """Targets per term, best first, scored ``weight * commonness ** frequency``.

    Commonness is ``1 + zipf`` of the target in ``language`` (wordfreq):
    dictionaries list rare senses next to the usual word (``beauty`` ->
    ``Schönheit``, ``Prachtexemplar``, ``Bottomquantenzahl``) and often in
    no useful order, so how common a word is decides among them.
    """
    zipf = zipf_function(language, len(table))
    task = task or Progress().task("Ranking")
    ranked = {}
    for number, (source, targets) in enumerate(table.items(), 1):
        scored = [(t, w * (1.0 + zipf(t)) ** frequency) for t, w in targets.items()]
        scored.sort(key=lambda item: (-item[1], item[0].count(" "), item[0]))
        ranked[source] = tuple(scored[:limit])
        if number % PROGRESS_EVERY == 0:
            task.update(number, len(table))
    task.finish(len(table))
    return ranked


def repair_glued(tables: dict[str, Table], english: set[str], progress: Progress | None = None) -> tuple[int, int]:
    """Split glued English translations of the Dutch dictionaries into known words.

    A single-word English target unknown to every English headword list
    that the segmenter splits into known words becomes those words (at
    most three) or, longer, is dropped. Returns (split, dropped).
    """
    glued = [(direction, source, target) for direction in ("nl-en", "de-en")
             for source, targets in tables.get(direction, {}).items()
             for target in targets if " " not in target and len(target) >= 7 and target not in english]
    splits = _segment({target for _, _, target in glued}, english, progress or Progress())
    split = dropped = 0
    for direction, source, target in glued:
        words = splits[target]
        if words is None:
            continue
        targets, reverse = tables[direction][source], tables["en-" + direction[:2]]
        weight = targets.pop(target)
        reverse.get(target, {}).pop(source, None)
        if not reverse.get(target):
            reverse.pop(target, None)
        if len(words) <= 3:
            fixed = " ".join(words)
            targets[fixed] += weight
            reverse[fixed][source] += weight
            split += 1
        else:
            dropped += 1
    return split, dropped


def _segment(words: set[str], english: set[str], progress: Progress) -> dict[str, list[str] | None]:
    """Each glued word's known parts (wordsegment), or None when it does not split into known words."""
    from ..language.deglue import segmenter

    segment = segmenter().segment
    task = progress.task("Splitting glued translations", len(words), unit="words")
    splits: dict[str, list[str] | None] = {}
    for number, word in enumerate(sorted(words), 1):
        parts = segment(word)
        splits[word] = parts if len(parts) >= 2 and all(p in english or len(p) <= 3 for p in parts) else None
        if number % 256 == 0:
            task.update(number)
    task.finish(len(words))
    return splits


def add_pivot(tables: dict[str, Table], only_missing: bool) -> int:
    """Add Dutch-English pairs through the pivot languages; returns how many.

    1. Dutch -> pivot -> English for each of ``PIVOT_LANGUAGES`` (German, then
       French); a translation that both pivots find adds up and ranks higher.
       ``only_missing`` limits this to Dutch words with no direct English
       translation.
    2. English -> German -> Dutch for English words that no Dutch dictionary
       translates (query translation reads ``en-nl``; the Dutch dictionaries
       know far fewer English words than the German ones).
    """
    nl_en, en_nl = tables["nl-en"], tables["en-nl"]
    direct = set(nl_en) if only_missing else set()
    added = 0
    for pivot in PIVOT_LANGUAGES:
        for dutch, english, weight in _through(tables.get(f"nl-{pivot}", {}), tables.get(f"{pivot}-en", {})):
            if dutch not in direct:
                nl_en[dutch][english] += weight
                en_nl[english][dutch] += weight
                added += 1
    untranslated = {english: found for english, found in tables.get("en-de", {}).items() if english not in en_nl}
    for english, dutch, weight in _through(untranslated, tables.get("de-nl", {})):
        en_nl[english][dutch] += weight
        added += 1
    return added


def _through(first: Table, second: Table):
    """(source, target, weight) of two-step translations, the best
    ``PIVOT_FANOUT`` second steps per pivot word."""
    for source, pivots in first.items():
        for pivot, weight in pivots.items():
            ranked = sorted(second.get(pivot, {}).items(), key=lambda item: -item[1])[:PIVOT_FANOUT]
            for target, next_weight in ranked:
                yield source, target, PIVOT_WEIGHT * min(weight, 1.0) * min(next_weight, 1.0)

"""Reader for FreeDict dictionaries in dictd format (``/usr/share/dictd``).

``NAME.index`` lists ``headword<TAB>offset<TAB>length`` with base64 numbers
into ``NAME.dict.dz`` (dictzip, a gzip file that ``gzip`` reads whole).
An article is ``headword /pronunciation/ <pos>`` followed by sense lines
(``1. a, b``); indented lines are notes, synonyms and cross references.
A translation's abbreviation follows its notes, with its own pronunciation
(``Finnland <neut> [geogr.] FI,  /fˈaɪ/``): neither is a translation.
"""
from __future__ import annotations

import gzip
import re
from pathlib import Path
from typing import Iterator

from .clean import SLASHED, term_cleaner
from .pairs import PROGRESS_EVERY, Pair, ReadProgress

DICTD_DIR = Path("/usr/share/dictd")
_B64 = {c: i for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")}
_NUMBERED = re.compile(r"^\d+\.\s*")
_LABELS = re.compile(r"<[^<>]*>|\[[^\[\]]*\]")  # grammar tags and usage labels end a translation
_PARENTHESES = re.compile(r"\([^()]*\)|\{[^{}]*\}")  # notes inside a term: "jdn. (emotional) verletzen"
_LABEL_MARK = "\x00"
LATER_SENSE = 0.6
LATER_TRANSLATION = 0.8


def b64_number(text: str) -> int:
    """A dictd base64 number (most significant digit first)."""
    value = 0
    for char in text:
        value = value * 64 + _B64[char]
    return value


def read_articles(index_path: Path, dict_path: Path, progress: ReadProgress | None = None) -> Iterator[tuple[str, str]]:
    """(headword, article text) for every index line; ``00database*`` entries skipped."""
    opener = gzip.open if dict_path.suffix == ".dz" else open
    with opener(dict_path, "rb") as handle:
        data = handle.read()
    with open(index_path, encoding="utf-8") as index:
        lines = index.readlines()
    for number, line in enumerate(lines, 1):
        if progress is not None and number % PROGRESS_EVERY == 0:
            progress(number, len(lines))
        fields = line.rstrip("\n").split("\t")
        if len(fields) < 3 or fields[0].startswith("00database"):
            continue
        start, length = b64_number(fields[1]), b64_number(fields[2])
        yield fields[0], data[start:start + length].decode("utf-8", errors="replace")
    if progress is not None:
        progress(len(lines), len(lines))


def article_senses(article: str) -> tuple[str, list[list[str]]]:
    """The article's headword (first line, before the pronunciation) and its senses."""
    lines = article.split("\n")
    headword = lines[0].split(" /", 1)[0]
    senses = []
    for line in lines[1:]:
        if not line.strip() or line[0].isspace():
            continue  # notes, examples, "see:" and synonym lines are indented
        # Notes such as <v, trans> hold commas: strip them before splitting translations.
        marked = _mark_labels(_NUMBERED.sub("", line))
        senses.append([_translation(piece) for piece in marked.split(",")])
    return headword, senses


def _mark_labels(line: str) -> str:
    """``line`` with grammar tags and usage labels (``<neut>``, ``[geogr.]``)
    replaced by ``_LABEL_MARK`` and notes in parentheses by a space, nested
    ones first (a label inside parentheses goes with them)."""
    previous = None
    while previous != line:
        previous, line = line, _PARENTHESES.sub(" ", _LABELS.sub(_LABEL_MARK, line))
    return line


def _translation(piece: str) -> str:
    """One comma-separated piece of a sense line up to its first label
    (``Finnland <neut> [geogr.] FI`` -> ``Finnland``): what follows the
    labels is the abbreviation. A piece of labels and abbreviation only
    stays (``[pol.] MKO``); one that opens with a pronunciation lists
    abbreviations only (``MP,  /ˌɛmpˈiː/ MPi``)."""
    if "/" in piece and SLASHED.match(piece.lstrip()):
        return ""
    term, label, _ = piece.partition(_LABEL_MARK)
    if label and term.strip():
        return term
    return piece.replace(_LABEL_MARK, " ")


def read_dictd(
    name: str, source_lang: str, target_lang: str, directory: Path = DICTD_DIR, ordered: bool = True,
    progress: ReadProgress | None = None,
) -> Iterator[Pair]:
    """Every (headword, translation, weight) pair of dictionary ``name``.

    ``ordered`` says the translations of a sense come best first; the Dutch
    FreeDict dictionaries list them alphabetically, so there every one
    weighs the same. ``progress(index lines, total)`` is called now and then.
    """
    later = LATER_TRANSLATION if ordered else 1.0
    index_path = directory / f"{name}.index"
    dict_path = directory / f"{name}.dict.dz"
    if not dict_path.exists():
        dict_path = directory / f"{name}.dict"
    clean = term_cleaner()
    for _, article in read_articles(index_path, dict_path, progress):
        raw_headword, senses = article_senses(article)
        headword = clean(raw_headword)
        if not headword:
            continue
        for sense_index, translations in enumerate(senses):
            for position, raw in enumerate(translations):
                target = clean(raw)
                if target:
                    weight = (LATER_SENSE if sense_index else 1.0) * (later if position else 1.0)
                    yield Pair(source_lang, headword, target_lang, target, weight)

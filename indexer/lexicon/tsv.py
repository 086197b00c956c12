"""Reader for user lexicons: plain TSV files named ``NAME.SRC-TGT.tsv``.

Each line is ``source<TAB>target[<TAB>weight]``; ``#`` starts a comment
line; several targets may be given separated by ``;``. Example file
``names.de-en.tsv``::

    # German -> English
    Bundeskanzlerin	chancellor	2
    Maut	toll; road toll
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from ..errors import LexiconError
from .clean import clean_term
from .pairs import Pair

_NAME = re.compile(r"^.+\.([a-z]{2})-([a-z]{2})\.tsv$")
DEFAULT_WEIGHT = 2.0  # a user's own entry outranks a dictionary sense


def tsv_languages(path: Path) -> tuple[str, str]:
    """(source, target) language codes from the file name."""
    match = _NAME.match(path.name)
    if not match:
        raise LexiconError(f"{path}: a user lexicon must be named NAME.SRC-TGT.tsv, e.g. names.de-en.tsv")
    return match.group(1), match.group(2)


def read_tsv(path: Path) -> Iterator[Pair]:
    """Every pair of a user lexicon; malformed lines raise LexiconError with the line number."""
    source_lang, target_lang = tsv_languages(path)
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            fields = line.rstrip("\n").split("\t")
            if len(fields) < 2:
                raise LexiconError(f"{path}:{number}: expected 'source<TAB>target[<TAB>weight]'")
            weight = _weight(fields[2], path, number) if len(fields) > 2 and fields[2].strip() else DEFAULT_WEIGHT
            source = clean_term(fields[0])
            for raw in fields[1].split(";"):
                target = clean_term(raw)
                if source and target:
                    yield Pair(source_lang, source, target_lang, target, weight)


def _weight(text: str, path: Path, number: int) -> float:
    try:
        return float(text)
    except ValueError:
        raise LexiconError(f"{path}:{number}: weight '{text}' is not a number") from None

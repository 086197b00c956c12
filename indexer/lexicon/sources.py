"""Where dictionaries come from: Debian packages, extra paths, user TSV files."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from .dictd import DICTD_DIR, read_dictd
from .ding import DEFAULT_PATH as DING_PATH
from .ding import read_ding
from .pairs import Pair, ReadProgress
from .tsv import read_tsv, tsv_languages

# (name, Debian package, source language, target language, translations listed best first)
# of the FreeDict dictionaries used; the Dutch ones list translations alphabetically.
FREEDICT = (
    ("freedict-deu-eng", "dict-freedict-deu-eng", "de", "en", True),
    ("freedict-eng-deu", "dict-freedict-eng-deu", "en", "de", True),
    ("freedict-nld-eng", "dict-freedict-nld-eng", "nl", "en", False),
    ("freedict-eng-nld", "dict-freedict-eng-nld", "en", "nl", False),
    ("freedict-nld-deu", "dict-freedict-nld-deu", "nl", "de", False),
    # Pivots for Dutch: more Dutch-German pairs, and Dutch <-> French <-> English.
    ("freedict-deu-nld", "dict-freedict-deu-nld", "de", "nl", False),
    ("freedict-nld-fra", "dict-freedict-nld-fra", "nl", "fr", False),
    ("freedict-fra-nld", "dict-freedict-fra-nld", "fr", "nl", False),
    ("freedict-fra-eng", "dict-freedict-fra-eng", "fr", "en", False),
    ("freedict-eng-fra", "dict-freedict-eng-fra", "en", "fr", False),
)
USER_DIR = "user"  # DATA/lexicons/user/*.SRC-TGT.tsv


@dataclass(frozen=True)
class Source:
    """One dictionary file and how to read it."""

    name: str
    kind: str  # "ding", "dictd" or "tsv"
    path: Path
    source_lang: str
    target_lang: str
    package: str = ""
    ordered: bool = True

    def files(self) -> list[Path]:
        """The files this dictionary is read from (a dictd index comes with its ``.dict.dz``)."""
        if self.kind != "dictd":
            return [self.path]
        data = [self.path.with_suffix(suffix) for suffix in (".dict.dz", ".dict")]
        return [self.path] + [p for p in data if p.exists()][:1]

    def pairs(self, progress: ReadProgress | None = None) -> Iterator[Pair]:
        """Every weighted term pair of this dictionary; ``progress(entries, total)`` now and then."""
        readers: dict[str, Callable[[], Iterator[Pair]]] = {
            "ding": lambda: read_ding(self.path, self.source_lang, self.target_lang, progress),
            "dictd": lambda: read_dictd(self.name, self.source_lang, self.target_lang, self.path.parent, self.ordered,
                                        progress),
            "tsv": lambda: read_tsv(self.path),
        }
        return readers[self.kind]()


def standard_sources(ding: Path = DING_PATH, dictd_dir: Path = DICTD_DIR) -> tuple[list[Source], list[str]]:
    """Installed Debian dictionaries, and the packages that are missing."""
    found, missing = [], []
    if ding.exists():
        found.append(Source("trans-de-en", "ding", ding, "de", "en", "trans-de-en"))
    else:
        missing.append("trans-de-en")
    for name, package, source_lang, target_lang, ordered in FREEDICT:
        index = dictd_dir / f"{name}.index"
        if index.exists():
            found.append(Source(name, "dictd", index, source_lang, target_lang, package, ordered))
        else:
            missing.append(package)
    return found, missing


def user_sources(paths: list[Path]) -> list[Source]:
    """TSV user lexicons: given files, and every ``*.tsv`` in given folders."""
    files: list[Path] = []
    for path in paths:
        files += sorted(path.glob("*.tsv")) if path.is_dir() else [path]
    sources = []
    for path in files:
        source_lang, target_lang = tsv_languages(path)
        sources.append(Source(path.name, "tsv", path, source_lang, target_lang))
    return sources

"""Corpus reader: find the files of a corpus folder and decode them.

Every file that cannot be used (empty, binary, undecodable, too large,
unreadable) becomes a ``Skipped`` with its path and a reason; every other
file becomes a ``RawFile``. Nothing is dropped silently.
"""
from __future__ import annotations

import codecs
import hashlib
import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from charset_normalizer import from_bytes

from .errors import CorpusError

logger = logging.getLogger(__name__)

SUFFIXES = (".txt", ".html", ".htm")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)
_CONTROL_BYTES = set(range(0, 9)) | {11, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31}


@dataclass(frozen=True)
class CorpusFile:
    """A file found in the corpus, before it is read."""

    path: Path
    doc_id: str  # path relative to the corpus root, without extension


@dataclass(frozen=True)
class RawFile:
    """A decoded corpus file."""

    path: Path
    doc_id: str
    text: str
    encoding: str
    sha256: str

    @property
    def is_html(self) -> bool:
        """HTML by extension or by content (a .txt that is really a web page)."""
        if self.path.suffix.lower() in (".html", ".htm"):
            return True
        head = self.text.lstrip()[:15].lower()
        return head.startswith("<!doctype") or head.startswith("<html")


@dataclass(frozen=True)
class Skipped:
    """A file left out of the index, and why."""

    path: Path
    reason: str


def list_corpus(root: Path) -> tuple[list[CorpusFile], list[Skipped]]:
    """All .txt/.html/.htm files below ``root`` in a stable order.

    Two files that map to one document id (``a.txt`` and ``a.html``): the
    first in sorted order wins, the second is reported as skipped.
    """
    if not root.is_dir():
        raise CorpusError(f"corpus folder not found: {root}")
    files: list[CorpusFile] = []
    skipped: list[Skipped] = []
    owners: dict[str, Path] = {}
    for path in sorted(_walk(root, skipped)):
        doc_id = path.relative_to(root).with_suffix("").as_posix()
        if doc_id in owners:
            skipped.append(Skipped(path, f"duplicate document id '{doc_id}' (already read from {owners[doc_id]})"))
            continue
        owners[doc_id] = path
        files.append(CorpusFile(path, doc_id))
    return files, skipped


def _walk(root: Path, skipped: list[Skipped]) -> Iterator[Path]:
    def on_error(error: OSError) -> None:
        skipped.append(Skipped(Path(error.filename or root), f"cannot list folder: {error.strerror}"))

    for folder, dirs, names in os.walk(root, onerror=on_error):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            if not name.startswith(".") and name.lower().endswith(SUFFIXES):
                yield Path(folder) / name


def read_file(item: CorpusFile, max_bytes: int) -> RawFile | Skipped:
    """Read and decode one file, or say why it cannot be used."""
    path = item.path
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return Skipped(path, f"file too large ({size:,} bytes; limit {max_bytes:,})")
        data = path.read_bytes()
    except PermissionError:
        return Skipped(path, "permission denied")
    except OSError as exc:
        return Skipped(path, f"cannot read: {exc.strerror or exc}")
    if not data.strip():
        return Skipped(path, "empty file")
    decoded = decode(data, html=path.suffix.lower() in (".html", ".htm"))
    if isinstance(decoded, str):
        return Skipped(path, decoded)
    text, encoding = decoded
    if not text.strip():
        return Skipped(path, "empty file")
    return RawFile(path, item.doc_id, text, encoding, hashlib.sha256(data).hexdigest())


def decode(data: bytes, html: bool = False) -> tuple[str, str] | str:
    """``(text, encoding)`` for the bytes, or a reason string when impossible.

    Order: a byte-order mark; strict UTF-8; for HTML the charset its
    ``<meta>`` declares; then charset detection. Bytes that look binary
    (NUL or many control bytes) are refused before any guessing.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                return f"invalid {encoding} after byte-order mark"
    if _looks_binary(data):
        return "binary file (not text)"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = declared_charset(data) if html else None
    if declared:
        try:
            return data.decode(declared), declared
        except (LookupError, UnicodeDecodeError):
            logger.info("declared charset %s does not decode; detecting", declared)
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        return "undecodable text (no encoding fits)"
    return str(best), best.encoding


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in ``<meta charset>`` / http-equiv, if any."""
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte in _CONTROL_BYTES)
    return controls > len(sample) * 0.05

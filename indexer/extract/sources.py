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

from ..errors import CorpusError

logger = logging.getLogger(__name__)

SUFFIXES = (".txt", ".html", ".htm")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
CHARSET_PRESCAN_BYTES = 4096
CHARSET_META = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE)
XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_.:-]+)""", re.IGNORECASE)
# Browsers read these labels as windows-1252 (WHATWG Encoding Standard); so do we.
WINDOWS_1252_ALIASES = {"latin_1", "iso8859-1", "ascii", "cp1252"}
_CONTROL_BYTES = bytes([*range(0, 9), 11, *range(14, 32)])


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


def declared_charset(raw: bytes) -> str | None:
    """The encoding a page declares (BOM, XML declaration or ``<meta>``), as a codec name.

    Only the first few KB are scanned, as browsers do. Unknown labels give
    None so the caller can fall back to detection.
    """
    if raw.startswith(codecs.BOM_UTF8):
        return "utf-8"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    head = raw[:CHARSET_PRESCAN_BYTES]
    match = XML_ENCODING.match(head) or CHARSET_META.search(head)
    if not match:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii").strip()).name
    except (LookupError, UnicodeDecodeError):
        logger.debug("unknown charset label %r", match.group(1))
        return None
    if name in WINDOWS_1252_ALIASES:
        return "cp1252"
    # A page that reached us as bytes cannot really be UTF-16 if it declares so in ASCII.
    return "utf-8" if name.startswith("utf-16") else name


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > len(sample) * 0.05

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
import stat
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from ..errors import CorpusError
from .corpus_walk import kind_of, walk_corpus

logger = logging.getLogger(__name__)

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
READ_CHUNK = 1 << 20
REPLACEMENT = "\ufffd"
UTF8_MAJORITY = 2  # valid multi-byte characters per invalid sequence, at least (cp1252 text has ~none)
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


def list_corpus(root: Path, symlinks: str = "inside") -> tuple[list[CorpusFile], list[Skipped]]:
    """All .txt/.html/.htm files below ``root`` in a stable order.

    What is read and what is reported follows the rules in ``corpus_walk``
    (hidden entries, symlinks, FIFOs and devices, non-UTF-8 names). Two
    files that map to one document id (``a.txt`` and ``a.html``): the first
    in sorted order wins, the second is reported as skipped.
    """
    if not root.is_dir():
        raise CorpusError(f"corpus folder not found: {root}")
    found, left_out = walk_corpus(root, symlinks)
    files: list[CorpusFile] = []
    skipped = [Skipped(path, reason) for path, reason in left_out]
    owners: dict[str, Path] = {}
    for item in found:
        if item.doc_id in owners:
            skipped.append(Skipped(item.path, f"duplicate document id '{item.doc_id}' "
                                              f"(already read from {owners[item.doc_id]})"))
            continue
        owners[item.doc_id] = item.path
        files.append(CorpusFile(item.path, item.doc_id))
    return files, skipped


def read_file(item: CorpusFile, max_bytes: int) -> RawFile | Skipped:
    """Read and decode one file, or say why it cannot be used."""
    path = item.path
    try:
        data = read_bounded(path, max_bytes)
    except PermissionError:
        return Skipped(path, "permission denied")
    except OSError as exc:
        return Skipped(path, f"cannot read: {exc.strerror or exc}")
    if isinstance(data, str):
        return Skipped(path, data)
    if not data.strip():
        return Skipped(path, "empty file")
    decoded = decode(data, html=path.suffix.lower() in (".html", ".htm"))
    if isinstance(decoded, str):
        return Skipped(path, decoded)
    text, encoding = decoded
    if not text.strip():
        return Skipped(path, "empty file")
    return RawFile(path, item.doc_id, text, encoding, hashlib.sha256(data).hexdigest())


def read_bounded(path: Path, max_bytes: int) -> bytes | str:
    """The bytes of a regular file, or a reason string.

    Opened without blocking (a FIFO swapped in after listing cannot hang
    the run), checked to be a regular file, and read only up to
    ``max_bytes``: the limit counts bytes actually read, so a file whose
    size ``stat`` misreports (``/proc``, a growing log) cannot exhaust memory.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb", buffering=0) as handle:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            return f"not a regular file ({kind_of(mode)})"
        size = os.fstat(fd).st_size
        if size > max_bytes:
            return f"file too large ({size:,} bytes; limit {max_bytes:,})"
        chunks, total = [], 0
        while total <= max_bytes:
            chunk = handle.read(min(READ_CHUNK, max_bytes + 1 - total))
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
            total += len(chunk)
    return f"file too large (more than {max_bytes:,} bytes)"


def decode(data: bytes, html: bool = False) -> tuple[str, str] | str:
    """``(text, encoding)`` for the bytes, or a reason string when impossible.

    Order: a byte-order mark; UTF-8; for HTML the charset its ``<meta>``
    declares; then charset detection. Bytes that look binary (NUL or many
    control bytes) are refused before any guessing. Repairs stay local: text
    that is overwhelmingly UTF-8 with a few invalid or truncated sequences is
    read as UTF-8, each bad sequence becoming U+FFFD, rather than re-read in
    a wrongly guessed charset that garbles every other word.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data.decode(encoding, errors="replace")
            if text.count(REPLACEMENT) > max(1, len(text) // 100):
                return f"invalid {encoding} after byte-order mark"
            return text, encoding
    if _looks_binary(data):
        return "binary file (not text)"
    repaired = mostly_utf8(data)
    if repaired is not None:
        return repaired, "utf-8"
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


def mostly_utf8(data: bytes) -> str | None:
    """``data`` as UTF-8, bad sequences replaced, when that is clearly its encoding.

    Clearly: valid, or every invalid sequence is outnumbered
    ``UTF8_MAJORITY`` to one by valid multi-byte characters (text in a
    single-byte charset such as cp1252 has almost none of those), or the
    only damage is a sequence cut off at the end.
    """
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3 and exc.reason == "unexpected end of data":
            return data[:exc.start].decode("utf-8") + REPLACEMENT
    text = data.decode("utf-8", errors="replace")
    bad = text.count(REPLACEMENT) - data.count(REPLACEMENT.encode("utf-8"))
    multibyte = sum(1 for char in text if char > "\x7f") - bad
    return text if multibyte >= UTF8_MAJORITY * bad else None


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

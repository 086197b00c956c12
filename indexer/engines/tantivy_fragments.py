"""Snippet fragments cut at index time, so that a search does not re-stem its hits.

Tantivy's ``SnippetGenerator`` cuts a field's text into fragments of at most
``SNIPPET_CHARS`` UTF-8 bytes, scores each by the query terms it holds, and
keeps the best; to do so it analyses (tokenizes and stems) the whole text of
every hit, which was most of a search's cost. Where fragments start and
which terms each one holds do not depend on the query, so ``cut`` does that
part once, at index time, exactly as the generator does (the field's own
analyzer, the same byte rule), and the document stores the result: per body
field one line per fragment, ``start,stop<TAB> stem stem … `` (character
offsets into the field's values joined by one space, as the generator joins
them).

At search time ``best`` picks the fragment the generator would pick: the
sum of ``1 / (1 + doc_freq)`` over the fragment's occurrences of query
terms, added in text order in 32-bit floats; the earliest fragment wins a
tie. The generator itself then highlights that one fragment (a few hundred
bytes instead of the whole text). ``tests/test_hits.py`` checks the result
against the generator run over whole fields.
"""
from __future__ import annotations

import struct
from typing import Any

FRAGMENT_SEPARATOR = "\n"
_FIELD_SEPARATOR, _NAME_SEPARATOR = "\x1e", "\x1f"  # ASCII record/unit separators: never in a stem or offset


def f32(value: float) -> float:
    """``value`` rounded to a 32-bit float, as Tantivy's snippet scores are."""
    return struct.unpack("f", struct.pack("f", value))[0]


def cut(text: str, analyzer: Any, limit: int) -> str:
    """The fragments of ``text`` as the snippet generator cuts them, one line each."""
    lines: list[str] = []
    start, start_byte, stop, stems = 0, 0, 0, []  # the first fragment starts at 0, as Tantivy's
    char, byte = 0, 0  # a running character -> UTF-8 byte conversion
    for token in analyzer.pre_tokenize(text).tokens:
        first, last = token.char_offset_from, token.char_offset_to
        byte += len(text[char:first].encode("utf-8"))
        first_byte = byte
        byte += len(text[first:last].encode("utf-8"))
        char = last
        if byte - start_byte > limit:
            if stems:
                lines.append(f"{start},{stop}\t {' '.join(stems)} ")
            start, start_byte, stems = first, first_byte, []
        stems.append(token.text.lower())
        stop = last
    if stems:
        lines.append(f"{start},{stop}\t {' '.join(stems)} ")
    return FRAGMENT_SEPARATOR.join(lines)


def pack(cuts: dict[str, str]) -> bytes:
    """The cuts of a document's body fields (field name -> ``cut``) as one stored value."""
    return _FIELD_SEPARATOR.join(f"{name}{_NAME_SEPARATOR}{text}" for name, text in cuts.items()).encode("utf-8")


def unpack(data: bytes) -> dict[str, str]:
    """Inverse of ``pack`` (a plain split: cheaper than JSON, once per hit)."""
    if not data:
        return {}
    return dict(part.split(_NAME_SEPARATOR, 1) for part in data.decode("utf-8").split(_FIELD_SEPARATOR))


def best(fragments: str, weights: dict[str, float]) -> tuple[int, int] | None:
    """``(start, stop)`` of the best fragment for ``weights`` (term -> weight),
    None when no fragment holds a term.

    Each term is looked for once in the whole cut (``str.find``), and only
    the lines it was found in are scored, in text order."""
    found = sorted(
        (at, weight) for term, weight in weights.items() for at in _find_all(fragments, f" {term} ")
    )
    if not found:
        return None
    chosen: tuple[float, int] | None = None  # (score, start of its line)
    line_start, line_end, score = 0, -1, 0.0
    for at, weight in found:
        if at > line_end:  # the first occurrence in a new line
            if line_end >= 0 and (chosen is None or score > chosen[0]):
                chosen = (score, line_start)
            line_start = fragments.rfind(FRAGMENT_SEPARATOR, 0, at) + 1
            line_end = fragments.find(FRAGMENT_SEPARATOR, at)
            line_end = len(fragments) if line_end < 0 else line_end
            score = 0.0
        score = f32(score + weight)
    if chosen is None or score > chosen[0]:
        chosen = (score, line_start)
    span = fragments[chosen[1]:fragments.index("\t", chosen[1])]
    start, stop = span.split(",")
    return int(start), int(stop)


def _find_all(text: str, needle: str) -> list[int]:
    """Start of every occurrence of ``needle`` (`` stem ``); neighbours share a space."""
    found, at = [], text.find(needle)
    while at >= 0:
        found.append(at)
        at = text.find(needle, at + len(needle) - 1)
    return found

"""Cleaning of raw dictionary terms into lookup keys and translations.

Dictionary entries carry grammar and usage notes (``{m}``, ``[ugs.]``,
``(des Bodenprofils)``, ``<v, trans>``), valency placeholders (``etw.``,
``sth.``, ``to ...``) and sometimes glued words. What stays is a lowercase,
NFKC-normalised term of at most ``MAX_WORDS`` words, or nothing.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from typing import Callable

MAX_WORDS = 3
_BRACKETS = re.compile(r"\{[^{}]*\}|\[[^\[\]]*\]|\([^()]*\)|<[^<>]*>")
# Valency placeholders and reflexive markers that no running text contains as such.
_PLACEHOLDERS = re.compile(
    r"(?<!\w)(?:etw|jdm|jdn|jds|jd|sth|sb|smb|smth|iem|iets|ergens|zich|sich|one's|oneself|sb's)\.?(?!\w)",
    re.IGNORECASE,
)
# Every placeholder contains one of these; in ASCII text (where IGNORECASE is plain lowercasing)
# a term without any of them skips the slow look-behind pattern above.
_PLACEHOLDER_HINT = re.compile(r"etw|jd|sth|sb|smb|smth|iem|iets|ergens|ich|one")
_LEADING = re.compile(r"^(?:to|be|a|an|the|der|die|das|de|het|een)\s+(?=\S)", re.IGNORECASE)
_NOT_WORDY = re.compile(r"[^\w\s'’-]+")
# Latin-1 letters (no × or ÷): NFKC leaves them as they are, and no placeholder hides inside a word of them.
_PLAIN = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ]+(?: [A-Za-zÀ-ÖØ-öø-ÿ]+)*")
_PLACEHOLDER_WORDS = frozenset("etw jdm jdn jds jd sth sb smb smth iem iets ergens zich sich oneself".split())
_LEADING_WORDS = frozenset("to be a an the der die das de het een".split())
_OPENING = re.compile(r"[{\[(<]")  # without one of these there is no note to strip
# An abbreviation or pronunciation between slashes after a term: Ding's
# "Finnland {n} /FI/", FreeDict's "/fˈaɪ/". Slashes between spaced words
# ("Einrichtung / Ausrichtung") or inside one ("law/statute") are not one.
SLASHED = re.compile(r"(?<!\S)/[^/\s][^/]*/(?!\S)")


def normalize(text: str) -> str:
    """Lowercase, NFKC (Dutch ``ĳ`` becomes ``ij``), single spaces."""
    if not text.isascii():  # ASCII is NFKC already
        text = unicodedata.normalize("NFKC", text)
    return " ".join(text.lower().replace("’", "'").split())


def strip_annotations(text: str) -> str:
    """Remove bracketed notes, repeatedly for nested ones."""
    if not _OPENING.search(text):
        return text
    previous = None
    while previous != text:
        previous, text = text, _BRACKETS.sub(" ", text)
    return text


def strip_slashed(text: str) -> str:
    """``text`` without the abbreviations and pronunciations that dictionaries
    write between slashes after a term (``Finnland /FI/`` -> ``Finnland``):
    they are no words of the translation, and on their own the short ones
    ("fi", "sa", "mo") would match noise in running text."""
    return SLASHED.sub(" ", text) if "/" in text else text


def clean_term(text: str) -> str | None:
    """The usable form of one dictionary term, or None when nothing is left.

    Leading articles and the English infinitive ``to`` go (``to look at
    sth.`` -> ``look at``), so that the term reads like running text.
    """
    if _PLAIN.fullmatch(text):
        words = text.lower().split(" ")
        if _PLACEHOLDER_WORDS.isdisjoint(words):
            return _clean_plain(words)
    text = strip_slashed(strip_annotations(text))
    if "…" in text or "..." in text:
        return None  # sentence fragments such as "… und damit basta"
    if not text.isascii() or _PLACEHOLDER_HINT.search(text.lower()):
        text = _PLACEHOLDERS.sub(" ", text)
    text = _NOT_WORDY.sub(" ", text)
    text = normalize(text).strip("'- ")
    text = _LEADING.sub("", text)
    if not text or len(text.split()) > MAX_WORDS or not any(c.isalpha() for c in text):
        return None
    return text


def _clean_plain(words: list[str]) -> str | None:
    """``clean_term`` of letters-only words without placeholders: no note, symbol or odd space to remove.

    Half of all dictionary terms look like this; skipping the regular
    expressions for them halves the time spent cleaning.
    """
    if len(words) > 1 and words[0] in _LEADING_WORDS:
        words = words[1:]
    return " ".join(words) if len(words) <= MAX_WORDS else None


def term_cleaner() -> Callable[[str], str | None]:
    """``clean_term`` remembering its answers, for reading one dictionary.

    Half of a dictionary's raw terms repeat (inflected forms, shared
    synonyms); the memory goes with the reader.
    """
    return functools.lru_cache(maxsize=None)(clean_term)


def split_senses(side: str) -> list[str]:
    """Ding's ``|``-separated senses of one side of an entry."""
    return [sense.strip() for sense in side.split("|")]


def split_synonyms(sense: str) -> list[str]:
    """Ding's ``;``-separated synonyms, ignoring ``;`` inside brackets."""
    if not _OPENING.search(sense):
        return [p.strip() for p in sense.split(";") if p.strip()]
    parts, depth, current = [], 0, []
    for char in sense:
        if char in "{[(<":
            depth += 1
        elif char in "}])>":
            depth = max(0, depth - 1)
        if char == ";" and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]

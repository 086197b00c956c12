"""Cleaning of raw dictionary terms into lookup keys and translations.

Dictionary entries carry grammar and usage notes (``{m}``, ``[ugs.]``,
``(des Bodenprofils)``, ``<v, trans>``), valency placeholders (``etw.``,
``sth.``, ``to ...``) and sometimes glued words. What stays is a lowercase,
NFKC-normalised term of at most ``MAX_WORDS`` words, or nothing.
"""
from __future__ import annotations

import re
import unicodedata

MAX_WORDS = 3
_BRACKETS = re.compile(r"\{[^{}]*\}|\[[^\[\]]*\]|\([^()]*\)|<[^<>]*>")
# Valency placeholders and reflexive markers that no running text contains as such.
_PLACEHOLDERS = re.compile(
    r"(?<!\w)(?:etw|jdm|jdn|jds|jd|sth|sb|smb|smth|iem|iets|ergens|zich|sich|one's|oneself|sb's)\.?(?!\w)",
    re.IGNORECASE,
)
_LEADING = re.compile(r"^(?:to|be|a|an|the|der|die|das|de|het|een)\s+(?=\S)", re.IGNORECASE)
_NOT_WORDY = re.compile(r"[^\w\s'’-]+")
_SPACES = re.compile(r"\s+")


def normalize(text: str) -> str:
    """Lowercase, NFKC (Dutch ``ĳ`` becomes ``ij``), single spaces."""
    text = unicodedata.normalize("NFKC", text).lower().replace("’", "'")
    return _SPACES.sub(" ", text).strip()


def strip_annotations(text: str) -> str:
    """Remove bracketed notes, repeatedly for nested ones."""
    previous = None
    while previous != text:
        previous, text = text, _BRACKETS.sub(" ", text)
    return text


def clean_term(text: str) -> str | None:
    """The usable form of one dictionary term, or None when nothing is left.

    Leading articles and the English infinitive ``to`` go (``to look at
    sth.`` -> ``look at``), so that the term reads like running text.
    """
    text = strip_annotations(text)
    if "…" in text or "..." in text:
        return None  # sentence fragments such as "… und damit basta"
    text = _PLACEHOLDERS.sub(" ", text)
    text = _NOT_WORDY.sub(" ", text)
    text = normalize(text).strip("'- ")
    text = _LEADING.sub("", text)
    if not text or len(text.split()) > MAX_WORDS or not any(c.isalpha() for c in text):
        return None
    return text


def split_senses(side: str) -> list[str]:
    """Ding's ``|``-separated senses of one side of an entry."""
    return [sense.strip() for sense in side.split("|")]


def split_synonyms(sense: str) -> list[str]:
    """Ding's ``;``-separated synonyms, ignoring ``;`` inside brackets."""
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

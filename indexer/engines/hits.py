"""What a search hit carries of its document: the few fields a result shows.

A hit shows id, path, titles, language, date, source, author, the
translated flag and where its English comes from; rebuilding the whole
``Document`` (every paragraph) for that was most of a search's cost. Every
engine stores this summary beside the document as one small JSON value
(``HitDocument.to_json``), made once at index time; ``Engine.get`` still
returns the whole Document.

The summary also holds what a hit needs when a side of it has no match:
the lead of its original and of its English text (``lead_text``), and
the languages of its original text, whose fields are searched for the
original snippet in that order.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from typing import Any

from ..document import Document
from .base import lead_text


@dataclass(frozen=True)
class HitDocument:
    """A document as a search result shows it (see ``indexer.results.hit_json``)."""

    id: str
    path: str
    title: str = ""
    title_en: str | None = None
    language: str | None = None
    date: str | None = None
    source: str | None = None
    author: str | None = None
    translated: bool = False
    translators: tuple[str, ...] = ()  # what made its English, title first
    untranslated: int = 0  # paragraphs without an English version
    original_languages: tuple[str, ...] = ()  # of the non-English paragraphs, in order
    lead_original: str = ""  # start of the text, shown when the original side has no match
    lead_english: str = ""  # start of the English text, likewise

    @classmethod
    def of(cls, doc: Document) -> HitDocument:
        """The summary of ``doc``."""
        return cls(
            id=doc.id, path=doc.path, title=doc.title, title_en=doc.title_en,
            language=doc.language, date=doc.date, source=doc.source, author=doc.author,
            translated=doc.translated, translators=tuple(translators(doc)),
            untranslated=len(doc.untranslated_paragraphs),
            original_languages=tuple(doc.original_languages),
            lead_original=lead_text(doc.text()), lead_english=lead_text(doc.english_text()),
        )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (what engines store)."""
        return asdict(self)

    def to_json(self) -> str:
        """Compact JSON of ``to_dict``."""
        return json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> HitDocument:
        """Inverse of ``to_dict``; unknown keys are ignored."""
        values = dict(data) if data.keys() <= _FIELDS else {k: v for k, v in data.items() if k in _FIELDS}
        for name in ("translators", "original_languages"):
            values[name] = tuple(values.get(name, ()))
        return cls(**values)

    @classmethod
    def from_json(cls, text: str | bytes) -> HitDocument:
        """Inverse of ``to_json``."""
        return cls.from_dict(json.loads(text))


_FIELDS = {f.name for f in fields(HitDocument)}


def translators(doc: Document) -> list[str]:
    """Every translator id that produced part of ``doc``'s English, title first."""
    found: dict[str, None] = {}
    if doc.title_translator:
        found[doc.title_translator] = None
    for paragraph in doc.paragraphs:
        if paragraph.translator and not paragraph.is_english:
            found[paragraph.translator] = None
    return list(found)

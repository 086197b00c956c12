"""The one data model that flows through every stage: Document and Paragraph.

sources -> extract -> language -> translate -> engine all read and fill the
same objects; the engine stores them whole so that a search hit or a
get-by-id gives back exactly what the pipeline built.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from typing import Any

from .languages import ENGLISH


@dataclass
class Paragraph:
    """One block of running text in the order it appears in the document.

    ``english`` is the paragraph itself when it is English, its translation
    otherwise, and None while untranslated. ``translator`` names what made a
    translation (e.g. ``argos/de_en@1.9``), None for native English.
    ``gloss`` holds retrieval-only dictionary keywords, never shown as a
    translation; ``forms`` retrieval-only lemmas and compound parts of the
    original words (``Rechenzentren`` -> ``rechenzentrum rechen zentrum``).
    """

    text: str
    language: str | None = None
    english: str | None = None
    translator: str | None = None
    gloss: str | None = None
    forms: str | None = None

    @property
    def is_english(self) -> bool:
        """True when the paragraph was written in English."""
        return self.language == ENGLISH


@dataclass
class Document:
    """A corpus file after extraction, with everything later stages add.

    ``id`` is the path relative to the corpus root without its extension;
    ``path`` is the same relative path with it.
    ``date`` is ISO at the precision known: ``2020``, ``2020-06`` or
    ``2020-06-14``. ``author`` joins several authors with ", ".
    """

    id: str
    path: str
    source_sha256: str
    title: str = ""
    title_en: str | None = None
    title_translator: str | None = None
    title_derived: bool = False
    title_gloss: str | None = None  # retrieval-only dictionary gloss of the title, never shown
    date: str | None = None
    source: str | None = None
    author: str | None = None
    description: str | None = None
    url: str | None = None
    language: str | None = None
    language_hint: str | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)

    @property
    def original_languages(self) -> list[str]:
        """Languages of the non-English paragraphs, in order of appearance."""
        seen: dict[str, None] = {}
        for paragraph in self.paragraphs:
            if paragraph.language and not paragraph.is_english:
                seen.setdefault(paragraph.language, None)
        return list(seen)

    @property
    def untranslated_paragraphs(self) -> list[Paragraph]:
        """Non-English paragraphs that have no English version yet."""
        return [p for p in self.paragraphs if not p.is_english and p.english is None]

    @property
    def translated(self) -> bool:
        """True when the whole document can be read in English.

        Documents written in English count as translated; a document with a
        single untranslated non-English paragraph does not.
        """
        title_ok = self.language == ENGLISH or self.title_en is not None or not self.title
        return title_ok and not self.untranslated_paragraphs

    @property
    def year(self) -> int | None:
        """The year of ``date``, or None when undated."""
        return int(self.date[:4]) if self.date else None

    def text(self) -> str:
        """The original text, paragraphs separated by blank lines."""
        return "\n\n".join(p.text for p in self.paragraphs)

    def english_text(self) -> str:
        """All English paragraphs (native and translated), blank-line separated."""
        return "\n\n".join(p.english for p in self.paragraphs if p.english)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (the form engines store and the API returns)."""
        # Equivalent to dataclasses.asdict, without its deep copies (hot in indexing).
        data = {name: getattr(self, name) for name in _DOCUMENT_FIELDS}
        data["paragraphs"] = [dict(vars(p)) for p in self.paragraphs]
        return data

    def to_json(self) -> str:
        """Compact JSON of ``to_dict``."""
        return json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Document":
        """Rebuild a Document from ``to_dict`` output; unknown keys are ignored."""
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known and k != "paragraphs"}
        paragraph_keys = {f.name for f in fields(Paragraph)}
        paragraphs = [
            Paragraph(**{k: v for k, v in p.items() if k in paragraph_keys})
            for p in data.get("paragraphs", [])
        ]
        return cls(paragraphs=paragraphs, **values)

    @classmethod
    def from_json(cls, text: str) -> "Document":
        """Inverse of ``to_json``."""
        return cls.from_dict(json.loads(text))


_DOCUMENT_FIELDS = tuple(f.name for f in fields(Document) if f.name != "paragraphs")

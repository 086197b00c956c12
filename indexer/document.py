"""The one data model that flows through every stage: Document and Paragraph.

sources -> extract -> language -> translate -> engine all read and fill the
same objects; the engine stores them whole so that a search hit or a
get-by-id gives back exactly what the pipeline built.
"""
from __future__ import annotations

import inspect
import json
from dataclasses import InitVar, dataclass, field, fields
from typing import Any, Iterator

from .languages import ENGLISH


@dataclass
class Segment:
    """A piece of text as every stage sees it: the title or one paragraph.

    ``english`` is the text itself when it is English, its translation
    otherwise, and None while untranslated. ``translator`` names what made a
    translation (e.g. ``argos/de_en@1.9``), None for native English.
    ``gloss`` holds retrieval-only dictionary keywords, never shown as a
    translation; ``forms`` retrieval-only lemmas and compound parts of the
    original words (``Rechenzentren`` -> ``rechenzentrum rechen zentrum``).
    A new per-segment attribute is added here, once.
    """

    text: str
    language: str | None = None
    english: str | None = None
    translator: str | None = None
    gloss: str | None = None
    forms: str | None = None

    @property
    def is_english(self) -> bool:
        """True when the text was written in English."""
        return self.language == ENGLISH


Paragraph = Segment  # one block of running text, in document order


@dataclass
class Document:
    """A corpus file after extraction, with everything later stages add.

    ``id`` is the path relative to the corpus root without its extension;
    ``path`` is the same relative path with it.
    ``date`` is ISO at the precision known: ``2020``, ``2020-06`` or
    ``2020-06-14``. ``author`` joins several authors with ", ".

    The title is a ``Segment`` too (``heading``); ``title``, ``title_en``,
    ``title_translator`` and ``title_gloss`` name its fields, as the
    constructor, the stored JSON and the API spell them.
    """

    id: str
    path: str
    source_sha256: str
    title: InitVar[str] = ""
    title_en: InitVar[str | None] = None
    title_translator: InitVar[str | None] = None
    title_derived: bool = False
    title_gloss: InitVar[str | None] = None  # retrieval-only dictionary gloss of the title, never shown
    date: str | None = None
    source: str | None = None
    author: str | None = None
    description: str | None = None
    url: str | None = None
    language: str | None = None
    language_hint: str | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    heading: Segment = field(init=False)

    def __post_init__(self, title: str, title_en: str | None, title_translator: str | None,
                      title_gloss: str | None) -> None:
        self.heading = Segment(title, None, title_en, title_translator, title_gloss)

    @property
    def title_language(self) -> str | None:
        """The title's language: its own when known, else the document's."""
        return self.heading.language or self.language or next((p.language for p in self.paragraphs if p.language), None)

    def segments(self) -> Iterator[Segment]:
        """The title (when there is one, its language resolved) and every
        paragraph: what translation and glossing work on alike."""
        if self.heading.text:
            self.heading.language = self.title_language
            yield self.heading
        yield from self.paragraphs

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
        return not self.untranslated_title and not self.untranslated_paragraphs

    @property
    def untranslated_title(self) -> bool:
        """True when the title is not English and has no English version yet."""
        return bool(self.title) and self.language != ENGLISH and self.title_en is None

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
        data = {name: getattr(self, name) for name in _STORED_FIELDS}
        data["paragraphs"] = [dict(vars(p)) for p in self.paragraphs]
        return data

    def to_json(self) -> str:
        """Compact JSON of ``to_dict``."""
        return json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Document":
        """Rebuild a Document from ``to_dict`` output; unknown keys are ignored."""
        values = {k: v for k, v in data.items() if k in _STORED_FIELDS}
        paragraphs = [
            Paragraph(**{k: v for k, v in p.items() if k in _SEGMENT_FIELDS})
            for p in data.get("paragraphs", [])
        ]
        return cls(paragraphs=paragraphs, **values)

    @classmethod
    def from_json(cls, text: str) -> "Document":
        """Inverse of ``to_json``."""
        return cls.from_dict(json.loads(text))


def _heading_field(name: str) -> property:
    def get(doc: Document) -> Any:
        return getattr(doc.heading, name)

    def set_(doc: Document, value: Any) -> None:
        setattr(doc.heading, name, value)

    return property(get, set_, doc=f"The title's ``{name}`` (``heading.{name}``).")


# The title fields are constructor arguments (InitVar) and, from here on,
# views of ``heading``: one Segment, spelled the way the stored JSON and the
# API have always spelled it.
Document.title = _heading_field("text")  # type: ignore[assignment]
Document.title_en = _heading_field("english")  # type: ignore[assignment]
Document.title_translator = _heading_field("translator")  # type: ignore[assignment]
Document.title_gloss = _heading_field("gloss")  # type: ignore[assignment]

# Everything the constructor takes, in its order, is what is stored.
_STORED_FIELDS = tuple(name for name in inspect.signature(Document).parameters if name != "paragraphs")
_SEGMENT_FIELDS = frozenset(f.name for f in fields(Segment))

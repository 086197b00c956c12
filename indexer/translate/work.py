"""What the translate stage keeps in flight: units, documents, jobs and batches.

A *unit* is one paragraph or title to translate; a *job* is the unique
units of one translator sent to it together (in process or to the queue);
a *batch* is the documents whose units are in those jobs.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from ..document import Document, Segment
from .translators import Translator


@dataclass
class Unit:
    """One segment (the title or a paragraph) to translate."""

    segment: Segment
    language: str
    key: str
    translator: Translator
    settings: str  # what besides text and translator decides it (in the cache key)
    sentences: list[str] = field(default_factory=list)


@dataclass
class Pending:
    """A document, its units still to translate and its cache hits."""

    document: Document
    units: list[Unit]
    hits: list[str]


@dataclass
class Job:
    """Unique units of one translator, sent together; ``english`` once answered."""

    units: list[Unit]
    count: int
    wait: Callable[[], list[str]]
    english: dict[str, str] | None = None  # unit key -> English; {} when it failed

    def ready(self) -> bool:
        """Whether waiting would not block: answered, or an answer is there to collect.

        A waiter without ``ready`` (an in-process model) is never polled: it is
        collected when its batch is the oldest.
        """
        if self.english is not None:
            return True
        ready = getattr(self.wait, "ready", None)
        return bool(ready and ready())


@dataclass
class Batch:
    """Documents whose missing translations are being computed."""

    buffer: list[Pending]
    jobs: list[Job]


def start(translator: Translator, sentences: list[str]) -> Callable[[], list[str]]:
    """Begin translating; the returned callable waits for the sentences."""
    submit = getattr(translator, "submit", None)
    if submit is not None:
        return submit(sentences)
    result = translator.translate(sentences)
    return lambda: result

"""What the translate stage reports: progress after each batch, a summary at the end."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass(frozen=True)
class TranslationProgress:
    """Handed to the progress callback after each batch of documents."""

    documents: int
    sentences: int
    elapsed: float
    expected_documents: int | None = None
    workers: int = 0  # queue workers that answered so far (0: translated in this process)

    @property
    def sentences_per_second(self) -> float:
        """Model throughput so far (sentences actually translated)."""
        return self.sentences / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def eta_seconds(self) -> float | None:
        """Seconds left, from documents done so far; None when unknown."""
        if not self.expected_documents or not self.documents:
            return None
        left = max(self.expected_documents - self.documents, 0)
        return self.elapsed / self.documents * left


@dataclass
class TranslationSummary:
    """What the stage did, counted in paragraphs and titles."""

    translated: int = 0
    from_cache: int = 0
    untranslated: Counter[str] = field(default_factory=Counter)
    sentences: int = 0
    seconds: float = 0.0
    translators: set[str] = field(default_factory=set)
    missing_models: set[str] = field(default_factory=set)
    runtime: str = ""  # RuntimeOptions.describe(): device and threads
    workers: dict[str, tuple[int, float]] = field(default_factory=dict)  # queue worker -> (sentences, sentences/s)

    @property
    def untranslated_total(self) -> int:
        """Paragraphs and titles left without English."""
        return sum(self.untranslated.values())

"""The one summary of a reindex: what was indexed, skipped, translated, glossed."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .translate.summary import TranslationSummary


@dataclass
class ReindexSummary:
    """What a reindex did; ``lines()`` is what the CLI prints at the end."""

    engine: str = ""  # as the user selected it (credentials removed)
    corpus: str = ""
    data_dir: str = ""
    files_seen: int = 0
    indexed: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    paragraphs: Counter = field(default_factory=Counter)  # language -> paragraphs
    untranslated_paragraphs: int = 0
    translation: TranslationSummary = field(default_factory=TranslationSummary)
    stage_seconds: Counter = field(default_factory=Counter)
    elapsed: float = 0.0
    notes: list[str] = field(default_factory=list)

    @property
    def docs_per_second(self) -> float:
        """Indexed documents per wall-clock second."""
        return self.indexed / self.elapsed if self.elapsed else 0.0

    def lines(self) -> list[str]:
        """The human summary, one line each."""
        out = [
            f"Indexed {self.indexed} of {self.files_seen} files from {self.corpus} "
            f"in {self.elapsed:.1f}s ({self.docs_per_second:.0f} docs/s) into {self.engine} at {self.data_dir}"
        ]
        if self.paragraphs:
            langs = ", ".join(f"{lang} {count}" for lang, count in self.paragraphs.most_common())
            out.append(f"Paragraphs by language: {langs}")
        out.append(f"Untranslated paragraphs: {self.untranslated_paragraphs}")
        out += self.notes
        if self.skipped:
            out.append(f"Skipped {len(self.skipped)}:")
            out += [f"  {path}: {reason}" for path, reason in self.skipped]
        out.append("Translation:")
        out += [f"  {line}" for line in self.translation.lines()]
        return out

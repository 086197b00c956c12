"""The one summary of a reindex: what was indexed, skipped, translated, glossed."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .progress import duration_text, rate_text
from .translate.summary import TranslationSummary


@dataclass
class ReindexSummary:
    """What a reindex did; ``lines()`` is what the CLI prints at the end."""

    engine: str = ""  # as the user selects it with --engine (credentials removed)
    corpus: str = ""
    data_dir: str = ""
    files_seen: int = 0
    indexed: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    paragraphs: Counter = field(default_factory=Counter)  # language -> paragraphs
    untranslated_paragraphs: int = 0  # non-English paragraphs left without English
    untranslated_titles: int = 0
    translation: TranslationSummary = field(default_factory=TranslationSummary)
    stage_seconds: Counter = field(default_factory=Counter)
    elapsed: float = 0.0
    notes: list[str] = field(default_factory=list)

    @property
    def docs_per_second(self) -> float:
        """Indexed documents per wall-clock second."""
        return self.indexed / self.elapsed if self.elapsed else 0.0

    def lines(self) -> list[str]:
        """The human summary, one line each; every count of untranslated text is of the final documents."""
        rate = rate_text(self.indexed, self.elapsed, "docs")
        out = [
            f"Indexed {self.indexed} of {self.files_seen} files from {self.corpus} in {duration_text(self.elapsed)}"
            f"{f' ({rate})' if rate else ''}; engine {self.engine}, data dir {self.data_dir}"
        ]
        if self.paragraphs:
            langs = ", ".join(f"{lang} {count}" for lang, count in self.paragraphs.most_common())
            out.append(f"Paragraphs by language: {langs}")
        out += self._translation_lines()
        out += self.notes
        if self.skipped:
            out.append(f"Skipped {len(self.skipped)}:")
            out += [f"  {path}: {reason}" for path, reason in self.skipped]
        return out

    def _translation_lines(self) -> list[str]:
        """Translated and untranslated paragraphs and titles, with the reasons."""
        translation = self.translation
        sentences = rate_text(translation.sentences, translation.seconds, "sentences")
        done = f"{translation.translated} paragraphs and titles translated"
        if translation.sentences:
            done += f" ({translation.sentences} sentences{f', {sentences}' if sentences else ''})"
        out = [f"Translation: {done}, {translation.from_cache} from the cache"]
        if translation.runtime:
            out.append(f"Translation device: {translation.runtime}")
        titles = f" and {self.untranslated_titles} titles" if self.untranslated_titles else ""
        out.append(f"Untranslated paragraphs: {self.untranslated_paragraphs}{titles}")
        out += [f"  {count} paragraphs and titles: {reason}" for reason, count in translation.untranslated.most_common()]
        out += [f"Worker {name}: {count} sentences ({rate:.1f} sentences/s while busy)"
                for name, (count, rate) in sorted(translation.workers.items())]
        return out

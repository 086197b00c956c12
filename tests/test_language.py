"""Language stage: per-paragraph tags, the dominant language, the detector choice."""
from __future__ import annotations

from pathlib import Path

import pytest

from indexer.document import Document, Paragraph
from indexer.language.detect import detect, tag_languages
from indexer.languages import DEFAULT_LANGUAGES

SAMPLES = Path(__file__).parent / "data" / "language_samples.tsv"


def _samples() -> list[tuple[str, str]]:
    rows = []
    for line in SAMPLES.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            language, text = line.split("\t", 1)
            rows.append((language, text))
    return rows


def test_short_paragraph_accuracy() -> None:
    rows = _samples()
    wrong = [(lang, text) for lang, text in rows if detect(text, DEFAULT_LANGUAGES)[0] != lang]
    assert len(wrong) <= len(rows) // 40, wrong  # at least 97.5% on short and label-like text


def test_unsure_paragraph_follows_its_neighbours() -> None:
    doc = Document(id="d", path="d", source_sha256="", paragraphs=[
        Paragraph("Het kabinet wil de haven beter beveiligen tegen spionage door buitenlandse bedrijven."),
        Paragraph("Dear President von der Leyen, Dear Commissioner Breton,"),
        Paragraph("We are writing to express our concerns about the security of customs equipment."),
    ])
    tag_languages(doc, DEFAULT_LANGUAGES)
    assert [p.language for p in doc.paragraphs] == ["nl", "en", "en"]


@pytest.mark.parametrize(
    "title, derived, paragraphs, expected",
    [
        ("Het gebruik van scanners door de douane", False, ["nl text " * 3, "long english " * 30], "nl"),
        ("", True, ["Short Dutch line.", "A much longer English paragraph " * 10], "en"),
    ],
)
def test_dominant_language(title: str, derived: bool, paragraphs: list[str], expected: str) -> None:
    doc = Document(id="d", path="d", source_sha256="", title=title, title_derived=derived,
                   paragraphs=[Paragraph(p, language="nl" if i == 0 else "en") for i, p in enumerate(paragraphs)])
    from indexer.language.detect import dominant_language

    title_language = detect(title, DEFAULT_LANGUAGES)[0] if title and not derived else None
    assert dominant_language(doc, title_language) == expected


def test_configured_language_set_is_respected() -> None:
    assert detect("Le port d'Anvers investit dans de nouveaux scanners.", ("de", "en"))[0] in ("de", "en")

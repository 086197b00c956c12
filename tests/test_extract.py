"""Plain-text extraction: the seeds' requirements and table-driven cases."""
from __future__ import annotations

from pathlib import Path

import pytest

from indexer.document import Document
from indexer.errors import ExtractionError
from indexer.extract.sources import CorpusFile
from indexer.extract.text import extract_text
from indexer.pipeline import prepare
from indexer.settings import Settings


def _seed(seeds_dir: Path, prefix: str) -> Document:
    path = next(seeds_dir.glob(f"{prefix}_*.txt"))
    doc, _ = prepare(CorpusFile(path, path.stem), Settings())
    assert isinstance(doc, Document), doc
    return doc


def _text(text: str) -> Document:
    return extract_text(text, Document(id="t", path="t.txt", source_sha256=""))


def test_000_date_field_and_agency_trailer(seeds_dir: Path) -> None:
    doc = _seed(seeds_dir, "000")
    assert doc.date == "2020-06"
    assert not doc.paragraphs[0].text.startswith("date"), doc.paragraphs[0].text[:40]
    assert doc.paragraphs[0].text.startswith("Die USA drängen")
    assert "pd/mt/sna" not in doc.text()
    assert doc.title_derived and doc.title.startswith("Die USA drängen")
    assert len(doc.paragraphs) == 10


FURNITURE_001 = [
    "Finanzen / Eulerpool Technology", "Eulerpool News", "Kommentare", "Bystron", "Super X-Fi",
    "Giro", "Morbid", "Vanessa Redgrave", "Melissa Joan Hart", "(01)", "Suchbegriff",
    "Diese Woche", "Letzte Woche", "Vorletzte Woche", "Top News",
]


def test_001_title_metadata_and_furniture(seeds_dir: Path) -> None:
    doc = _seed(seeds_dir, "001")
    assert doc.title == "Spionagevorwürfe belasten Alibaba: Europäischer Hub im Zentrum der Kontroverse"
    assert not doc.title_derived
    assert doc.source == "Eulerpool News"
    assert doc.date == "2023-10-06"
    text = doc.text()
    for debris in FURNITURE_001:
        assert debris not in text, debris
    assert doc.paragraphs[0].text.startswith("Aus Sorge vor Spionage")  # the subtitle stays
    assert doc.paragraphs[-1].text.endswith("ein Beispiel für diese Tendenzen.")
    assert len(doc.paragraphs) == 11


def test_002_byline_dateline_and_link_artifacts(seeds_dir: Path) -> None:
    doc = _seed(seeds_dir, "002")
    assert doc.author == "Alexandra Alper"
    assert doc.source == "Reuters"
    assert doc.paragraphs[0].text.startswith("WASHINGTON, 12. Feb (Reuters) - Die Trump-Administration")
    assert "(link)" not in doc.text()
    assert "von Alexandra Alper" not in doc.text()
    assert doc.title_derived and doc.title.startswith("Die Trump-Administration")


def test_003_dateline_kept_and_date_field(seeds_dir: Path) -> None:
    doc = _seed(seeds_dir, "003")
    assert doc.date == "2022-11"
    assert doc.paragraphs[0].text.startswith("Berlin, Düsseldorf Die Stadt Duisburg")
    assert "Huawei sollte Duisburg zur Smart City machen" in [p.text for p in doc.paragraphs]


def test_004_mixed_dutch_english_and_glued_words(seeds_dir: Path) -> None:
    doc = _seed(seeds_dir, "004")
    assert doc.title == "Het gebruik van Chinese Nuctech-apparatuur door de Nederlandse douane"
    assert doc.language == "nl"
    languages = [p.language for p in doc.paragraphs]
    assert languages[0] == "nl"
    assert "Het antwoord van Ursula von der Leyen:" in [p.text for p in doc.paragraphs if p.language == "nl"]
    english = [p.text for p in doc.paragraphs if p.language == "en"]
    assert any(t.startswith("We are writing to express our concerns") for t in english)
    assert any(t.startswith("Thank you and your cosignatories") for t in english)
    joined = " ".join(english)
    assert "the EU legal framework to protect security and public order of the Union and its Member States" in joined
    assert "ofthe" not in joined and "equipment financed" in joined
    # the hard-wrapped line of the reply is joined to its sentence
    assert any("Chinese high-tech products in a related parliamentary question" in t for t in english)
    for paragraph in doc.paragraphs:
        assert (paragraph.english == paragraph.text) == (paragraph.language == "en")


@pytest.mark.parametrize(
    "text, expected",
    [
        # title line, then body paragraphs separated by blank lines
        ("Kurzer Titel\n\nErster Absatz mit Text.\n\nZweiter Absatz.", {"title": "Kurzer Titel", "paragraphs": 2}),
        # one paragraph per line
        ("Titel hier\nErste Zeile ist ein Satz.\nZweite Zeile ist ein Satz.", {"title": "Titel hier", "paragraphs": 2}),
        # hard-wrapped continuation lines are joined
        ("Title\nThis sentence goes on\nacross two lines.\nNext one.", {"paragraphs": 2, "first": "This sentence goes on across two lines."}),
        # no title line: derived from the first sentence
        ("Der Stadtrat hat am Montag entschieden. Danach wurde gefeiert.", {"title": "Der Stadtrat hat am Montag entschieden.", "derived": True}),
        # byline with two authors
        ("Titel\nBy Jane Smith and John Doe\nThe text starts here and goes on.", {"author": "Jane Smith, John Doe"}),
        # agency dateline gives the source, and stays in the text
        ("Titel\nBERLIN, 3. März (dpa) - Die Regierung hat entschieden.", {"source": "dpa", "first": "BERLIN, 3. März (dpa) - Die Regierung hat entschieden."}),
        # counters and source/date lines leave the text but give metadata
        ("Titel\n[Beispiel Zeitung] · 01.02.2021 · 09:30 Uhr\n[3 Kommentare]\nDer Text des Artikels steht hier.", {"source": "Beispiel Zeitung", "date": "2021-02-01", "paragraphs": 1}),
        # a teaser tail after the article is cut
        ("Titel\nDer Artikel endet hier mit einem Satz.\nAndere Nachricht\nDies ist ein Anreißer für eine andere Geschichte [...] (02)\nMeistgelesen", {"paragraphs": 1}),
        # short closing lines without a furniture signal stay (letters end like this)
        ("Title\nThe letter says something important here.\nYours sincerely,\nAnna Berg", {"paragraphs": 3}),
        # editor initials at the end of agency copy
        ("Titel\nDer Text des Artikels steht hier.\n\nabc/de", {"paragraphs": 1}),
        # leading date field with day precision
        (" date 2021-03-04 Der Text beginnt sofort und geht weiter.", {"date": "2021-03-04", "derived": True}),
    ],
)
def test_extraction_table(text: str, expected: dict) -> None:
    doc = _text(text)
    if "title" in expected:
        assert doc.title == expected["title"]
    if "derived" in expected:
        assert doc.title_derived is expected["derived"]
    if "paragraphs" in expected:
        assert len(doc.paragraphs) == expected["paragraphs"], [p.text for p in doc.paragraphs]
    if "first" in expected:
        assert doc.paragraphs[0].text == expected["first"]
    for key in ("author", "source", "date"):
        if key in expected:
            assert getattr(doc, key) == expected[key]


@pytest.mark.parametrize("text", ["", "   \n\n", "[0 Kommentare]\nTop News\nFinanzen / Sport"])
def test_nothing_left_is_an_error(text: str) -> None:
    with pytest.raises(ExtractionError):
        _text(text)


def test_long_first_sentence_gives_shortened_derived_title() -> None:
    doc = _text("Dies ist ein sehr langer erster Satz " + "mit vielen weiteren Wörtern " * 10 + "am Ende.")
    assert doc.title_derived and doc.title.endswith("…") and len(doc.title) <= 115


def test_text_that_is_html_goes_the_html_way(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import indexer.extract.html as extract_html_module

    calls = []

    def fake_extract_html(text: str, doc: Document, settings: Settings) -> Document:
        calls.append(text[:9])
        doc.title = "from html"
        return doc

    monkeypatch.setattr(extract_html_module, "extract_html", fake_extract_html)
    page = tmp_path / "page.txt"
    page.write_text("<!DOCTYPE html><html><body><p>Hallo</p></body></html>", encoding="utf-8")
    doc, _ = prepare(CorpusFile(page, "page"), Settings())
    assert calls == ["<!DOCTYPE"] and doc.title == "from html"

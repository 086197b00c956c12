"""Glossing stage: dictionary keywords for untranslated text, retrieval only."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from indexer.cli import main
from indexer.document import Document, Paragraph
from indexer.engines.tantivy_engine import EmbeddedEngine
from indexer.lexicon import lexicon_path, open_lexicon
from indexer.lexicon.build import build_lexicon
from indexer.lexicon.gloss import gloss_document, gloss_text
from indexer.lexicon.sources import standard_sources
from indexer.pipeline import reindex
from indexer.query import Filters, SearchRequest, parse_query
from indexer.settings import Settings

DATA = Path(__file__).parent / "data" / "lexicon"
CORPUS = {
    "de/markt.txt": "Neuer Kosmetikmarkt in Berlin\n\nDer Markt für Kosmetik wächst, sagen die Händler in Berlin.\n",
    "nl/vrouw.txt": "Vrouwen in Amsterdam\n\nDe vrouw op de markt in Amsterdam verkoopt bloemen en groenten.\n",
}


def _build_lexicon(data: Path) -> None:
    found, _ = standard_sources(DATA / "de-en", DATA)
    build_lexicon(found, lexicon_path(data))


@pytest.fixture(scope="module")
def lexicon(tmp_path_factory):
    data = tmp_path_factory.mktemp("gloss-lexicon")
    _build_lexicon(data)
    return open_lexicon(data)


@pytest.mark.parametrize("text, language, expected", [
    ("Der Markt wächst", "de", "market"),
    ("die Frauen", "de", "woman women"),  # lemma frau, then the exact plural
    ("Kosmetikmarkt", "de", "market"),  # compound split: head first
    ("De vrouw", "nl", "woman wife"),
    ("und der die das", "de", ""),  # function words are not glossed
])
def test_gloss_text(lexicon, text, language, expected):
    assert gloss_text(text, language, lexicon).startswith(expected)


def test_only_untranslated_paragraphs_and_titles_are_glossed(lexicon):
    doc = Document("d", "d.txt", "0" * 64, title="Der Markt", language="de", paragraphs=[
        Paragraph("Der Markt wächst.", "de"),
        Paragraph("Die Frau sagt.", "de", english="The woman says.", translator="argos/de_en"),
        Paragraph("Already English market.", "en", english="Already English market."),
    ])
    assert gloss_document(doc, lexicon) == 1
    assert doc.paragraphs[0].gloss.startswith("market")
    assert doc.paragraphs[1].gloss is None and doc.paragraphs[2].gloss is None
    assert doc.title_gloss.startswith("market")
    assert not doc.translated, "a gloss is not a translation"
    assert doc.english_text() == "The woman says.\n\nAlready English market."


@pytest.fixture(scope="module")
def glossed_index(tmp_path_factory) -> Settings:
    root = tmp_path_factory.mktemp("gloss-index")
    corpus = root / "corpus"
    for name, text in CORPUS.items():
        (corpus / name).parent.mkdir(parents=True, exist_ok=True)
        (corpus / name).write_text(text, encoding="utf-8")
    settings = Settings(data_dir=root / "data", corpus=corpus, translations_dir=root / "tr", workers=1)
    _build_lexicon(settings.data_dir)
    summary = reindex(settings)
    assert summary.indexed == 2, summary
    assert any(note.startswith("Dictionary glosses: 2") for note in summary.notes), summary.notes
    return settings


def test_glosses_are_searchable_but_never_shown(glossed_index):
    engine = EmbeddedEngine(glossed_index.data_dir)
    request = SearchRequest(parse_query("woman flowers"), Filters(), facets=False, translate=False)
    response = engine.search(request)  # no query translation: the gloss field alone finds it
    assert [hit.document.id for hit in response.hits][:1] == ["nl/vrouw"]
    hit = response.hits[0]
    assert hit.snippets.english == (), "a gloss is never shown as English text"
    assert all("woman" not in s.text for s in hit.snippets.original)
    assert not hit.document.translated and hit.document.title_en is None
    assert hit.document.paragraphs[0].gloss, "the stored document keeps its gloss (retrieval only)"


def test_without_lexicon_the_summary_and_stats_say_how_to_build_one(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(CORPUS["de/markt.txt"], encoding="utf-8")
    settings = Settings(data_dir=tmp_path / "data", corpus=corpus, translations_dir=tmp_path / "tr", workers=1)
    summary = reindex(settings)
    assert any("babelsearch lexicons build" in note for note in summary.notes), summary.notes
    result = CliRunner().invoke(main, ["stats", "--data", str(settings.data_dir)])
    assert result.exit_code == 0, result.output
    assert "Dictionary search: off" in result.output and "babelsearch lexicons build" in result.output


def test_stats_and_list_show_a_built_lexicon(glossed_index):
    runner = CliRunner()
    stats = runner.invoke(main, ["stats", "--data", str(glossed_index.data_dir)])
    assert "Dictionary search: on (de-en" in stats.output, stats.output
    listing = runner.invoke(main, ["lexicons", "list", "--data", str(glossed_index.data_dir)])
    assert listing.exit_code == 0 and "trans-de-en" in listing.output, listing.output


def test_lexicons_build_command(tmp_path):
    tsv = DATA / "names.de-en.tsv"
    result = CliRunner().invoke(main, ["lexicons", "build", "--data", str(tmp_path), "--ding", str(DATA / "de-en"),
                                       "--dictd-dir", str(DATA), "--tsv", str(tsv)])
    assert result.exit_code == 0, result.output
    assert "names.de-en.tsv" in result.output and lexicon_path(tmp_path).exists()
    lexicon = open_lexicon(tmp_path)
    assert lexicon.translate("maut", "de", "en")[0][0] in ("toll", "road toll")


def test_the_web_app_never_shows_a_gloss(glossed_index):
    """Search results, the document API and the document page show no gloss;
    /api/health says dictionary search is on."""
    from server import create_app

    client = create_app({"SETTINGS": glossed_index, "TESTING": True}).test_client()
    search = client.get("/api/search", query_string={"q": "woman flowers"})
    assert search.status_code == 200, search.get_data(as_text=True)
    hits = search.get_json()["hits"]
    assert hits and hits[0]["id"] == "nl/vrouw"
    glossed = EmbeddedEngine(glossed_index.data_dir).get("nl/vrouw")
    gloss = glossed.paragraphs[0].gloss
    assert gloss and "woman" in gloss
    for url in ("/api/search?q=woman+flowers", "/api/documents/nl/vrouw", "/documents/nl/vrouw", "/?q=woman+flowers"):
        page = client.get(url)
        assert page.status_code == 200, (url, page.status_code)
        assert gloss not in page.get_data(as_text=True), f"{url} shows the gloss"
        assert '"gloss"' not in page.get_data(as_text=True) and "title_gloss" not in page.get_data(as_text=True), url
    health = client.get("/api/health").get_json()
    assert health["dictionary_search"]["enabled"] is True, health

"""What a search hit reads: its stored summary, and snippets only where they match.

The JSON and pages built from hits are pinned by test_golden.py; these
tests pin the cost discipline behind them on the embedded engine.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from indexer.document import Document, Paragraph
from indexer.engines import tantivy_snippets
from indexer.engines.base import SNIPPET_CHARS
from indexer.engines.hits import HitDocument
from indexer.engines.tantivy_engine import EmbeddedEngine
from indexer.query import SearchRequest, parse_query

MIXED = Document(
    id="gemischt", path="gemischt.txt", source_sha256="0", title="Hafen und haven", title_en="Port and port",
    title_translator="argos/de_en@1.9", language="de", date="2021-03", source="dpa", author="A. B, C. D",
    paragraphs=[
        Paragraph("Der Hafen von Hamburg wächst. " * 20, language="de", english="The port of Hamburg grows.",
                  translator="argos/de_en@1.9"),
        Paragraph("De haven van Rotterdam groeit.", language="nl"),
        Paragraph("Rotterdam is Europe's largest port.", language="en", english="Rotterdam is Europe's largest port."),
    ],
)


def test_summary_holds_what_a_result_shows():
    hit = HitDocument.of(MIXED)
    assert (hit.id, hit.path, hit.title, hit.title_en, hit.language, hit.date, hit.source, hit.author) == (
        "gemischt", "gemischt.txt", "Hafen und haven", "Port and port", "de", "2021-03", "dpa", "A. B, C. D")
    assert hit.translated is False and hit.untranslated == 1, "the Dutch paragraph has no English"
    assert hit.translators == ("argos/de_en@1.9",)
    assert hit.original_languages == ("de", "nl")
    assert hit.lead_original.startswith("Der Hafen von Hamburg wächst.") and hit.lead_original.endswith(" …")
    assert len(hit.lead_original) <= SNIPPET_CHARS + 2
    assert hit.lead_english.startswith("The port of Hamburg grows. Rotterdam")


def test_summary_round_trips_through_its_json():
    hit = HitDocument.of(MIXED)
    assert HitDocument.from_json(hit.to_json()) == hit
    assert HitDocument.from_dict({**hit.to_dict(), "added_later": 1}) == hit, "unknown keys are ignored"
    assert len(hit.to_json()) < len(MIXED.to_json()) / 2, "the summary is small beside the document"


@pytest.fixture()
def engine(tmp_path: Path) -> EmbeddedEngine:
    engine = EmbeddedEngine(tmp_path)
    build = engine.new_build()
    assert build.add([MIXED]).added == 1
    build.publish()
    return engine


def test_snippets_are_made_only_for_fields_that_matched(engine, monkeypatch):
    scanned: list[str] = []
    original = tantivy_snippets.SnippetMaker._generator

    def counting(self, name):
        scanned.append(name)
        return original(self, name)

    monkeypatch.setattr(tantivy_snippets.SnippetMaker, "_generator", counting)
    hit = engine.search(SearchRequest(parse_query("groeit"))).hits[0]
    assert scanned == ["text_nl"], "the German and English text hold no query term: not scanned"
    assert hit.snippets.original[0].text == "De haven van Rotterdam groeit"  # Tantivy ends at the last token
    assert hit.snippets.english[0].spans == () and hit.snippets.english[0].text.startswith("The port of Hamburg")

    scanned.clear()
    hit = engine.search(SearchRequest(parse_query("Rotterdam"))).hits[0]
    assert scanned == ["text_nl", "english"], "one scan per side, in the first field that matched"
    assert hit.document == HitDocument.of(MIXED)


def test_facets_count_the_total(engine):
    response = engine.search(SearchRequest(parse_query("Hafen OR nothingatall")))
    assert response.total == 1 and [(f.value, f.count) for f in response.facets["translated"]] == [("no", 1)]
    assert set(response.timings) == {"query", "facets", "engine", "snippets"}
    counted = engine.search(SearchRequest(parse_query("Hafen"), facets=False))
    assert counted.total == 1 and counted.facets == {}


def test_an_index_from_before_the_summary_asks_for_a_reindex(tmp_path: Path):
    import tantivy

    from indexer.errors import EngineUnavailable

    build = tmp_path / "index" / "builds" / "old"
    build.mkdir(parents=True)
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True)
    tantivy.Index(builder.build(), path=str(build))
    (tmp_path / "index" / "CURRENT").write_text("old", encoding="utf-8")
    with pytest.raises(EngineUnavailable, match="run 'babelsearch reindex'"):
        EmbeddedEngine(tmp_path).search(SearchRequest(parse_query("x")))

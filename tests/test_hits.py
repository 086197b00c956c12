"""What a search hit reads: its stored summary, and snippets only where they match.

The JSON and pages built from hits are pinned by test_golden.py; these
tests pin the cost discipline behind them on the embedded engine.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from indexer.document import Document, Paragraph
from indexer.engines import tantivy_snippets
from indexer.engines.base import SNIPPET_CHARS
from indexer.engines.fields import original_field
from indexer.engines.hits import HitDocument
from indexer.engines.tantivy_engine import EmbeddedEngine
from indexer.engines.tantivy_query import render
from indexer.query import Filters, SearchRequest, TermGroup, parse_query
from indexer.ranking import DEFAULT_RANKING

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
    scanned: list[tuple[str, int]] = []  # (field, UTF-8 bytes the generator analysed)
    original = tantivy_snippets.SnippetMaker._snippet

    def counting(self, name, document):
        scanned.append((name, sum(len(v.encode("utf-8")) for v in document.get_all(name))))
        return original(self, name, document)

    monkeypatch.setattr(tantivy_snippets.SnippetMaker, "_snippet", counting)
    hit = engine.search(SearchRequest(parse_query("groeit"))).hits[0]
    assert [name for name, _ in scanned] == ["text_nl"], "the German and English text hold no query term"
    assert hit.snippets.original[0].text == "De haven van Rotterdam groeit"  # Tantivy ends at the last token
    assert hit.snippets.english[0].spans == () and hit.snippets.english[0].text.startswith("The port of Hamburg")

    scanned.clear()
    hit = engine.search(SearchRequest(parse_query("Hamburg Rotterdam"))).hits[0]
    assert [name for name, _ in scanned] == ["text_de", "english"], "one fragment per side, from the first field that matched"
    assert all(size <= SNIPPET_CHARS for _, size in scanned), "the generator reads one stored fragment, not the field"
    assert hit.document == HitDocument.of(MIXED)


HARBOUR = TermGroup("de", "harbour", ("Hafen", "Häfen"), 1.0)
UMLAUTS = Document(
    id="umlaute", path="umlaute.txt", source_sha256="1", title="Häfen", language="de",
    paragraphs=[Paragraph("Größere Häfen wachsen schneller – über Zölle für Häfen und Straßen. " * 12
                          + "So sieht es die Agency for the Assessment of the Ports of the Hanse, "
                          "the Baltic and the North Sea.", language="de")],
)


@pytest.mark.parametrize("text, groups", [
    ("Hamburg", ()), ("Hafen wächst", ()), ("Rotterdam port", ()), ("groeit Hamburg", ()), ("largest", ()),
    ("the port", ()), ("Hamburg -Bremen", ()), ('"Hafen von Hamburg"', ()), ("harbour", (HARBOUR,)),
    ("Häfen Zölle", ()), ("harbour Straßen", (HARBOUR,)), ("the Agency", ()), ("the Häfen", ()),
])
def test_stored_fragments_give_the_generators_snippets(engine, text, groups):
    """The same fragments and highlights as Tantivy's generator over the whole
    field, given the query the engine renders (translations included)."""
    import tantivy

    build = engine.new_update()
    build.add([UMLAUTS])
    build.publish()
    parsed = parse_query(text)
    if groups:
        parsed = replace(parsed, clauses=(replace(parsed.clauses[0], translations=groups), *parsed.clauses[1:]))
    searcher, schema = engine._current()
    query = render(parsed, Filters(), schema, DEFAULT_RANKING)
    response = engine.search(SearchRequest(parsed))
    assert response.hits, text
    compared = 0
    for hit in response.hits:
        stored = searcher.doc(searcher.search(tantivy.Query.term_query(schema, "id", hit.document.id), 1).hits[0][1])
        originals = list(dict.fromkeys(original_field(c) for c in hit.document.original_languages))
        for side, names in (("original", originals), ("english", ["english"])):
            shown = getattr(hit.snippets, side)
            for name in names:  # the first field of the side where the generator highlights something
                generator = tantivy.SnippetGenerator.create(searcher, query, schema, name)
                generator.set_max_num_chars(SNIPPET_CHARS)
                whole = generator.snippet_from_doc(stored)
                if whole.highlighted():
                    assert shown[0].text == whole.fragment(), (text, hit.document.id, name)
                    spans = tantivy_snippets._char_spans(whole.fragment(), whole.highlighted())
                    assert shown[0].spans == spans, (text, hit.document.id, name)
                    compared += 1
                    break
            else:
                assert not any(s.spans for s in shown), (text, hit.document.id, side)
    assert compared, f"{text}: no snippet compared"


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


def test_a_hit_reads_its_documents_text_only_when_asked(engine, tmp_path):
    from indexer.engines.base import document_texts

    hit = engine.search(SearchRequest(parse_query("Hamburg"))).hits[0]
    assert hit.side_texts() == document_texts(MIXED), "mixed languages: read from the stored document"
    single = Document(id="de", path="de.txt", source_sha256="0", title="x", language="de", paragraphs=[
        Paragraph("Erster Absatz über Zebras.", language="de"), Paragraph("Zweiter Absatz.", language="de"),
        Paragraph("An English paragraph.", language="en", english="An English paragraph.")])
    other = EmbeddedEngine(tmp_path / "single")
    build = other.new_build()
    build.add([single])
    build.publish()
    hit = other.search(SearchRequest(parse_query("Zebras"))).hits[0]
    assert hit.side_texts() == document_texts(single), "one original language: from the stored fields"

"""Embedded (Tantivy) engine specifics: on-disk builds, lock, atomic publish.

Behaviour shared by every engine (ranking, filters, facets, highlights,
paging) is tested once for all engines in test_engine_contract.py.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from indexer.document import Document, Paragraph
from indexer.engines.tantivy_engine import EmbeddedEngine
from indexer.errors import BabelsearchError, IndexNotFound
from indexer.query import SearchRequest, parse_query


def _doc(doc_id: str, text: str, language: str = "de") -> Document:
    return Document(id=doc_id, path=f"{doc_id}.txt", source_sha256="0", title=doc_id, language=language,
                    paragraphs=[Paragraph(text, language=language)])


def _build(engine: EmbeddedEngine, *docs: Document) -> None:
    build = engine.new_build()
    result = build.add(docs)
    assert result.added == len(docs), result.failures
    build.publish()


def _hits(engine: EmbeddedEngine, query: str) -> list[str]:
    return [h.document.id for h in engine.search(SearchRequest(parse_query(query))).hits]


def test_unpublished_index_says_how_to_build_one(tmp_path: Path) -> None:
    engine = EmbeddedEngine(tmp_path)
    with pytest.raises(IndexNotFound, match="babelsearch reindex"):
        engine.search(SearchRequest(parse_query("x")))
    assert engine.stats().documents == 0 and engine.stats().built_at is None


def test_build_is_invisible_until_published_and_reader_follows(tmp_path: Path) -> None:
    engine = EmbeddedEngine(tmp_path)
    _build(engine, _doc("alt", "Die Häfen sind voll."))
    assert _hits(engine, "Hafen") == ["alt"]
    build = engine.new_build()
    build.add([_doc("neu", "Der Hafen ist leer.")])
    assert _hits(engine, "Hafen") == ["alt"], "an unpublished build must not answer"
    build.publish()
    assert _hits(engine, "Hafen") == ["neu"], "a running reader sees the new build without restart"
    assert len(list((tmp_path / "index" / "builds").iterdir())) == 1, "old builds are removed after publish"


def test_discarded_build_leaves_live_index(tmp_path: Path) -> None:
    engine = EmbeddedEngine(tmp_path)
    _build(engine, _doc("alt", "Die Häfen sind voll."))
    build = engine.new_build()
    build.add([_doc("neu", "Der Hafen ist leer.")])
    build.discard()
    assert _hits(engine, "Hafen") == ["alt"]
    assert len(list((tmp_path / "index" / "builds").iterdir())) == 1


def test_stemming_per_language_field(tmp_path: Path) -> None:
    engine = EmbeddedEngine(tmp_path)
    _build(
        engine,
        _doc("de", "Die Häfen von Hamburg."),
        _doc("nl", "De douane gebruikt nieuwe scanners in Rotterdam.", "nl"),
        _doc("en", "The ports were checked.", "en"),
    )
    assert _hits(engine, "Hafen") == ["de"]
    assert _hits(engine, "scanner") == ["nl"]
    assert _hits(engine, "port") == []  # the English field holds only English text
    english = _doc("en2", "The ports were checked.", "en")
    english.paragraphs[0].english = english.paragraphs[0].text
    _build(engine, english)
    assert _hits(engine, "port") == ["en2"]


def test_failure_after_the_switch_keeps_the_new_build_live(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from indexer.engines.ondisk import BuildDirectory

    engine = EmbeddedEngine(tmp_path)
    _build(engine, _doc("alt", "Die Häfen sind voll."))
    build = engine.new_build()
    build.add([_doc("neu", "Der Hafen ist leer.")])

    def interrupted(self: BuildDirectory) -> None:
        raise KeyboardInterrupt  # e.g. Ctrl+C while old builds are being removed

    monkeypatch.setattr(BuildDirectory, "remove_stale", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build.publish()
    build.discard()  # what the pipeline does on any failure
    monkeypatch.undo()
    assert _hits(engine, "Hafen") == ["neu"], "the published build must survive a discard"
    EmbeddedEngine(tmp_path).new_build().discard()  # and the lock was released


def test_reader_recovers_when_its_build_vanishes(tmp_path: Path) -> None:
    import shutil

    engine = EmbeddedEngine(tmp_path)
    _build(engine, _doc("alt", "Die Häfen sind voll."))
    other = EmbeddedEngine(tmp_path)
    _build(other, _doc("neu", "Der Hafen ist leer."))
    live = other.directory.current()[0]
    shutil.rmtree(live)  # the build CURRENT names is gone (removed by a racing publish)
    with pytest.raises(BabelsearchError):  # a clear error (503 in the API), not a crash
        engine.search(SearchRequest(parse_query("Hafen")))


def test_an_index_without_source_key_still_filters_sources_as_written():
    import tantivy

    from indexer.engines.tantivy_query import filter_queries
    from indexer.query import Filters

    builder = tantivy.SchemaBuilder()
    builder.add_text_field("source", tokenizer_name="raw")
    old_schema = builder.build()  # built before sources matched in any case
    (query,) = filter_queries(Filters(sources=("Reuters",)), old_schema)
    assert '"Reuters"' in repr(query)

"""Query translation: synonym groups per term, and their rendering on Tantivy."""
from __future__ import annotations

from pathlib import Path

import pytest
from es_standin import ES_PARAM_ID, es_url  # noqa: F401 (fixture)

from indexer.document import Document, Paragraph
from indexer.engines import open_engine
from indexer.engines.tantivy_engine import EmbeddedEngine
from indexer.lexicon import lexicon_path, open_lexicon
from indexer.lexicon.build import build_lexicon
from indexer.lexicon.expand import expand_request, translate_query
from indexer.lexicon.sources import standard_sources
from indexer.query import Filters, Occur, SearchRequest, parse_query
from indexer.ranking import Ranking
from indexer.search import search
from indexer.settings import Settings

DATA = Path(__file__).parent / "data" / "lexicon"


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    """A data dir with the test lexicon and a tiny German/Dutch index."""
    data = tmp_path_factory.mktemp("qt")
    found, _ = standard_sources(DATA / "de-en", DATA)
    build_lexicon(found, lexicon_path(data))
    build = EmbeddedEngine(data).new_build()
    build.add([
        _doc("pushy", "de", "Sie antreiben, stoßen, drücken, treiben und schieben."),
        _doc("beauty", "de", "Schönheit ist gefragt, sagt man; wir antreiben das."),
        _doc("market", "de", "Der Markt wächst in Berlin."),
        _doc("markt-nl", "nl", "De markt groeit in Amsterdam."),
        _doc("store", "de", "Das neue Kaufhaus öffnet."),
    ])
    build.publish()
    return data


def _doc(doc_id: str, language: str, text: str) -> Document:
    return Document(doc_id, f"{doc_id}.txt", "0" * 64, title="Bericht", language=language,
                    paragraphs=[Paragraph(text, language)])


def _ids(engine, query: str, translate: bool = True, data_dir: Path | None = None) -> list[str]:
    """Ids found by ``indexer.search`` (query translation with the lexicon of
    ``data_dir``, default: the embedded engine's own data dir)."""
    settings = Settings(data_dir=data_dir or engine.data_dir)
    request = SearchRequest(parse_query(query), Filters(), size=10, facets=False, translate=translate)
    return [hit.document.id for hit in search(engine, request, settings).hits]


def test_expand_request_only_when_asked_and_built(data_dir, tmp_path):
    request = SearchRequest(parse_query("market"))
    assert expand_request(request, data_dir).query.clauses[0].translations
    assert expand_request(request, tmp_path) is request, "no lexicon: unchanged"
    off = SearchRequest(parse_query("market"), translate=False)
    assert expand_request(off, data_dir) is off


def test_engines_never_translate_by_themselves(data_dir):
    engine = EmbeddedEngine(data_dir)
    direct = engine.search(SearchRequest(parse_query("market"), Filters(), size=10, facets=False))
    assert direct.total == 0, "the engine searched what it was given: no dictionary lookups inside"
    assert set(_ids(engine, "market")) == {"market", "markt-nl"}, "indexer.search translated it once"


def test_groups_per_language_keep_the_english_clause(data_dir):
    query = translate_query(parse_query("the market"), open_lexicon(data_dir))
    the, market = query.clauses
    assert the.text == "the" and the.translations == (), "function words are not translated"
    assert market.text == "market"
    groups = {g.language: g.alternatives for g in market.translations}
    assert groups["de"][0] == "markt" and groups["nl"] == ("markt",)


def test_runs_of_words_are_looked_up_as_multiword_entries(data_dir):
    query = translate_query(parse_query("department store"), open_lexicon(data_dir))
    sources = [g.source for g in query.clauses[0].translations]
    assert "department store" in sources, query.clauses[0].translations
    phrase = translate_query(parse_query('"department store"'), open_lexicon(data_dir))
    assert phrase.clauses[0].translations[0].alternatives[0] == "kaufhaus"
    unknown = translate_query(parse_query('"blue market"'), open_lexicon(data_dir))
    assert unknown.clauses[0].translations == (), "an unknown phrase is kept as it is"


def test_exclusions_are_translated_like_inclusions(data_dir):
    lexicon = open_lexicon(data_dir)
    excluded = translate_query(parse_query("beauty -push"), lexicon).clauses[1]
    included = translate_query(parse_query("beauty push"), lexicon).clauses[1]
    assert excluded.occur is Occur.MUST_NOT
    assert excluded.translations and excluded.translations == included.translations


def test_translation_finds_untranslated_documents_in_both_languages(data_dir):
    engine = EmbeddedEngine(data_dir)
    assert _ids(engine, "market", translate=False) == [], "English words alone do not match German or Dutch text"
    assert set(_ids(engine, "market")) == {"market", "markt-nl"}
    assert _ids(engine, "department store")[:1] == ["store"]


def test_many_translations_do_not_outweigh_one(data_dir):
    """'push' has five translations, all in one document; the document that also
    matches 'beauty' must rank first (one unit per term, Pirkola)."""
    query = translate_query(parse_query("push beauty"), open_lexicon(data_dir), Ranking(alternatives=6))
    response = EmbeddedEngine(data_dir).search(SearchRequest(query, Filters(), size=10, facets=False))
    assert [hit.document.id for hit in response.hits][:2] == ["beauty", "pushy"]


def test_exclusion_applies_to_original_fields(data_dir):
    engine = EmbeddedEngine(data_dir)
    assert "market" not in _ids(engine, "berlin OR amsterdam OR markt -market")
    assert "markt-nl" not in _ids(engine, "amsterdam -market")


def test_search_works_with_and_without_a_lexicon(data_dir, tmp_path):
    with_lexicon = open_engine(Settings(data_dir=data_dir))
    assert _ids(with_lexicon, "market"), "search translates when a lexicon is built"
    assert isinstance(with_lexicon, EmbeddedEngine)
    bare = tmp_path / "bare"
    build = EmbeddedEngine(bare).new_build()
    build.add([_doc("market", "de", "Der Markt wächst in Berlin.")])
    build.publish()
    without = open_engine(Settings(data_dir=bare))
    assert _ids(without, "berlin") == ["market"] and _ids(without, "market") == []


DOCS = [
    ("pushy", "de", "Sie antreiben, stoßen, drücken, treiben und schieben."),
    ("beauty", "de", "Schönheit ist gefragt, sagt man; wir antreiben das."),
    ("market", "de", "Der Markt wächst in Berlin."),
    ("markt-nl", "nl", "De markt groeit in Amsterdam."),
]


@pytest.fixture(scope="module", params=["embedded", ES_PARAM_ID])
def any_engine(request, tmp_path_factory):
    """An engine of each kind over DOCS, with the test lexicon in its data dir."""
    import uuid

    data = tmp_path_factory.mktemp("qt-engines")
    found, _ = standard_sources(DATA / "de-en", DATA)
    build_lexicon(found, lexicon_path(data))
    if request.param == "embedded":
        settings = Settings(data_dir=data)
    else:
        settings = Settings(data_dir=data, engine=request.getfixturevalue("es_url"),
                            es_index=f"bstest-qt-{uuid.uuid4().hex[:10]}")
    engine = open_engine(settings)
    build = engine.new_build()
    build.add([_doc(doc_id, language, text) for doc_id, language, text in DOCS])
    build.publish()
    yield engine, data
    if request.param != "embedded":
        engine.drop()
    engine.close()


def test_groups_render_on_every_engine(any_engine):
    engine, data = any_engine
    assert set(_ids(engine, "market", data_dir=data)) == {"market", "markt-nl"}
    assert _ids(engine, "push beauty", data_dir=data)[:2] == ["beauty", "pushy"], "one unit per term"
    assert "market" not in _ids(engine, "berlin OR amsterdam -market", data_dir=data)


def test_elasticsearch_rendering_of_a_group():
    from indexer.engines.elastic_query import render_clause
    from indexer.engines.fields import TRANSLATION_PHRASE_SLOP
    from indexer.query import Clause, TermGroup

    ranking = Ranking()
    group = TermGroup("de", "market", ("markt", "absatzmarkt"), 0.5, weights=(1.0, 0.25))
    rendered = render_clause(Clause("market", translations=(group,)), ranking)["bool"]
    assert rendered["minimum_should_match"] == 1
    group = rendered["should"][1]["dis_max"]
    assert group["boost"] == 0.5 and group["tie_breaker"] == ranking.group_tie
    phrase = {"query": "absatzmarkt", "slop": TRANSLATION_PHRASE_SLOP, "boost": 0.25}
    assert {"match_phrase": {"text_de": phrase}} in group["queries"], "each translation with its own weight"
    assert render_clause(Clause("market"), ranking).keys() == {"multi_match"}, "no translations: unchanged"

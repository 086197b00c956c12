"""The engine contract, written once and run against every engine.

One parametrized fixture opens each engine on fresh storage: ``embedded``
(Tantivy in a temporary data dir), ``opensearch`` (a real OpenSearch node
started for the session by ``opensearch_node``) and Elasticsearch -- the ``noida-db``
Elasticsearch-API stand-in by default (test id
``elasticsearch-standin-noida``), or the real cluster named by
``BABELSEARCH_TEST_ES_URL`` (test id ``elasticsearch-real``), each test on
its own alias. Where the stand-in differs from real Elasticsearch, wrap
that one assertion in ``es_standin.known_different(param, reason)``
(``param = request.node.callspec.params["settings"]``); so far no
contract assertion needs it.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import time
import uuid
from pathlib import Path
from typing import Callable, Iterator

import pytest
from es_standin import ES_PARAM_ID, es_url  # noqa: F401 (fixture)
from opensearch_node import opensearch_node  # noqa: F401 (fixture)

from indexer.document import Document, Paragraph
from indexer.engines import open_engine
from indexer.engines.base import SNIPPET_CHARS, Engine
from indexer.engines.hits import HitDocument
from indexer.errors import IndexNotFound, QuerySyntaxError
from indexer.pipeline import reindex
from indexer.query import Filters, SearchRequest, date_range, parse_query
from indexer.settings import Settings

ENGINES = ["embedded", "opensearch", ES_PARAM_ID]
SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _doc(doc_id: str, language: str, title: str, title_en: str | None, date: str | None,
         source: str | None, paragraphs: list[tuple[str, str, str | None]]) -> Document:
    return Document(
        id=doc_id, path=f"{doc_id}.txt", source_sha256=uuid.uuid5(uuid.NAMESPACE_URL, doc_id).hex,
        title=title, title_en=title_en, date=date, source=source, language=language,
        paragraphs=[
            Paragraph(text, lang, english, None if lang == "en" or english is None else f"argos/{lang}_en@1.9")
            for lang, text, english in paragraphs
        ],
    )


EN = "en"
CORPUS = [
    _doc("de/huawei-duisburg", "de", "Duisburg stoppt Zusammenarbeit mit Huawei",
         "Duisburg stops cooperation with Huawei", "2022-11-16", "Handelsblatt", [
             ("de", "Die Stadt Duisburg lässt ihre umstrittene Zusammenarbeit mit dem chinesischen Konzern Huawei ruhen.",
              "The city of Duisburg suspends its controversial cooperation with the Chinese company Huawei."),
             ("de", "Ein Sprecher bestätigte das am Mittwochabend.", "A spokesman confirmed this on Wednesday evening."),
         ]),
    _doc("de/nuctech-usa", "de", "USA drängen Europa gegen Nuctech", "US urges Europe against Nuctech",
         "2020-06", "RT Deutsch", [
             ("de", "Die USA drängen europäische Regierungen, auf Scanner des Herstellers Nuctech zu verzichten.",
              "The US urges European governments to forgo scanners from the manufacturer Nuctech."),
             ("de", "Finnland hat die Frachtscanner an der Grenze zu Russland installiert.",
              "Finland has installed the cargo scanners on the border with Russia."),
         ]),
    _doc("nl/douane-één", "nl", "Nuctech bij de Nederlandse douane", None, "2023-02-01", "NOS", [
        ("nl", "De Nederlandse douane gebruikt scanners van het Chinese bedrijf Nuctech.", None),
        (EN, "The European Commission wants to exclude Nuctech from tenders.",
         "The European Commission wants to exclude Nuctech from tenders."),
    ]),
    _doc("en/tplink", "en", "Router maker TP-Link under scrutiny", None, None, None, [
        (EN, "Regulators in the U.S. are looking at TP-Link routers & C++ firmware.",
         "Regulators in the U.S. are looking at TP-Link routers & C++ firmware."),
    ]),
    _doc("de/alibaba", "de", "Spionagevorwürfe belasten Alibaba", "Espionage allegations burden Alibaba",
         "2020-06-14", "Handelsblatt", [
             ("de", "Belgische Ermittler überwachen ein Logistikzentrum des Alibaba-Konzerns in Lüttich.",
              "Belgian investigators are monitoring a logistics centre of the Alibaba group in Liège."),
         ]),
    _doc("en/scanner", "en", "Scanner", None, "2021-03-01", "Reuters", [
        (EN, "Customs officers at the port bought new equipment last year.",
         "Customs officers at the port bought new equipment last year."),
    ]),
]
BY_ID = {doc.id: doc for doc in CORPUS}
FIVE = "Nuctech OR Huawei OR Alibaba OR TP-Link"  # matches every document but en/scanner


# --- fixtures -------------------------------------------------------------


def fresh_settings(request: pytest.FixtureRequest, data: Path) -> Iterator[Settings]:
    """Settings for the engine ``request.param`` on empty storage; cleaned up after."""
    if request.param == "embedded":
        yield Settings(data_dir=data, engine="embedded")
        return
    alias = f"bstest-{uuid.uuid4().hex[:12]}"
    settings = Settings(data_dir=data, engine=cluster_url(request), es_index=alias)
    yield settings
    delete_cluster_indices(settings)


def cluster_url(request: pytest.FixtureRequest) -> str:
    """The engine URL of the cluster param ``request.param`` (starts its server once)."""
    if request.param == "opensearch":
        return "opensearch+" + request.getfixturevalue("opensearch_node")
    return request.getfixturevalue("es_url")


@pytest.fixture(params=ENGINES)
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Settings]:
    """Fresh, empty storage for one engine."""
    yield from fresh_settings(request, tmp_path / "data")


def delete_cluster_indices(settings: Settings) -> None:
    """Remove every index the test built."""
    engine = open_engine(settings)
    try:
        engine.drop()
    finally:
        engine.close()


@pytest.fixture
def opener(settings: Settings) -> Iterator[Callable[[], Engine]]:
    """Opens engines on the test's storage; closes them all afterwards."""
    opened: list[Engine] = []

    def open_() -> Engine:
        engine = open_engine(settings)
        opened.append(engine)
        return engine

    yield open_
    for engine in opened:
        engine.close()


@pytest.fixture
def engine(opener: Callable[[], Engine]) -> Engine:
    """An engine with nothing published."""
    return opener()


@pytest.fixture
def corpus(engine: Engine) -> Engine:
    """An engine with CORPUS published."""
    publish(engine, CORPUS)
    return engine


def publish(engine: Engine, documents: list[Document]) -> None:
    """Build, fill and publish an index; every document must go in."""
    build = engine.new_build()
    result = build.add(iter(documents))
    assert result.failures == [], result.failures
    assert result.added == len(documents)
    build.publish()


def search(engine: Engine, query: str, **options) -> list[str]:
    """Ids of the hits of a search, in rank order."""
    return [hit.document.id for hit in engine.search(request(query, **options)).hits]


def request(query: str, filters: Filters | None = None, **options) -> SearchRequest:
    """A SearchRequest with a parsed query."""
    return SearchRequest(parse_query(query), filters or Filters(), **options)


# --- matching and ranking -------------------------------------------------

MATCHES = [
    ("english translation", "cooperation", {"de/huawei-duisburg"}),
    ("german original", "Zusammenarbeit", {"de/huawei-duisburg"}),
    ("dutch original", "douane", {"nl/douane-één"}),
    ("english stemming", "investigator", {"de/alibaba"}),
    ("words are OR-ed", "Huawei Alibaba", {"de/huawei-duisburg", "de/alibaba"}),
    ("explicit OR", "Huawei OR Alibaba", {"de/huawei-duisburg", "de/alibaba"}),
    ("phrase", '"Nederlandse douane"', {"nl/douane-één"}),
    ("phrase word order", '"douane Nederlandse"', set()),
    ("exclusion", "Nuctech -Finnland", {"nl/douane-één"}),
    ("excluded phrase", 'Nuctech -"Chinese bedrijf"', {"de/nuctech-usa"}),
    ("required word", "+Huawei scanners", {"de/huawei-duisburg"}),
    ("AND", "Huawei AND Duisburg", {"de/huawei-duisburg"}),
    ("AND without a common document", "Huawei AND Alibaba", set()),
    ("hyphenated word as phrase", "TP-Link", {"en/tplink"}),
    ("dotted abbreviation", "U.S.", {"en/tplink"}),
    ("no match", "Zeppelin", set()),
    ("umlaut", "überwachen", {"de/alibaba"}),
    ("title", "Spionagevorwürfe", {"de/alibaba"}),
]


@pytest.mark.parametrize("query, expected", [m[1:] for m in MATCHES], ids=[m[0] for m in MATCHES])
def test_matching(corpus: Engine, query: str, expected: set[str]) -> None:
    ids = search(corpus, query, size=100)
    assert set(ids) == expected, f"{query!r} found {ids}"
    assert len(ids) == len(set(ids)), "one hit per document"


def test_more_matching_words_rank_higher(corpus: Engine) -> None:
    ids = search(corpus, "Nuctech Finland")
    assert ids[0] == "de/nuctech-usa", ids
    assert "nl/douane-één" in ids


def test_title_is_boosted(corpus: Engine) -> None:
    assert search(corpus, "scanner")[0] == "en/scanner"


def test_total_counts_all_matches(corpus: Engine) -> None:
    response = corpus.search(request(FIVE, size=1))
    assert response.total == 5
    assert len(response.hits) == 1
    assert all(hit.score > 0 for hit in response.hits)


# Queries full of syntax other engines give meaning to; each either finds the
# document named (None: just answers) or is refused by the parser.
SPECIAL = [
    ("C++", "en/tplink"), ("(Huawei)", "de/huawei-duisburg"), ("Huawei!", "de/huawei-duisburg"),
    ("[Huawei]", "de/huawei-duisburg"), ("Huawei?", "de/huawei-duisburg"), ("Huawei && Alibaba", "de/alibaba"),
    ("Huawei || Alibaba", "de/alibaba"), ("*Huawei*", None), ("foo:bar", None), ("a\\b", None), ("x/y", None),
    ("{x}", None), ("Huawei~2", None), ("Huawei^3", None), ("<script>", None), ("O'Brien", None), ("50%", None),
    ("#tag", None), ("@user", None), ("Düsseldorf", None), ("中国", None), ("🙂 Huawei", "de/huawei-duisburg"),
    ("AND_OR", None), ("?", None), ("--", None), ('"', None), ("+", None), ("AND", None),
]


@pytest.mark.parametrize("query, finds", SPECIAL, ids=[q for q, _ in SPECIAL])
def test_special_characters_never_break_a_search(corpus: Engine, query: str, finds: str | None) -> None:
    try:
        parsed = parse_query(query)
    except QuerySyntaxError:
        assert finds is None, f"{query!r} should parse"
        return  # refused with a clear message before reaching any engine
    response = corpus.search(SearchRequest(parsed))
    assert response.total <= len(CORPUS)
    if finds:
        assert finds in [hit.document.id for hit in response.hits], query


# --- filters, facets, sort, pages -----------------------------------------

FILTERS = [
    ("language", "Nuctech", Filters(languages=("nl",)), {"nl/douane-één"}),
    ("two languages", FIVE, Filters(languages=("nl", "en")), {"nl/douane-één", "en/tplink"}),
    ("source", FIVE, Filters(sources=("Handelsblatt",)), {"de/huawei-duisburg", "de/alibaba"}),
    ("year", FIVE, Filters(years=(2020,)), {"de/nuctech-usa", "de/alibaba"}),
    ("month, both ends", FIVE, Filters(dates=date_range("2020-06", "2020-06")), {"de/nuctech-usa", "de/alibaba"}),
    ("from a year", FIVE, Filters(dates=date_range("2022", None)), {"de/huawei-duisburg", "nl/douane-één"}),
    ("to a day, inclusive", FIVE, Filters(dates=date_range(None, "2020-06-14")), {"de/nuctech-usa", "de/alibaba"}),
    ("to the day before", FIVE, Filters(dates=date_range(None, "2020-06-13")), {"de/nuctech-usa"}),
    ("translated", "Nuctech", Filters(translated=True), {"de/nuctech-usa"}),
    ("untranslated", "Nuctech", Filters(translated=False), {"nl/douane-één"}),
    ("filters combine", FIVE, Filters(languages=("de",), years=(2022,)), {"de/huawei-duisburg"}),
    ("filter keeps words required", "Zeppelin", Filters(languages=("de",)), set()),
]


@pytest.mark.parametrize("query, filters, expected", [f[1:] for f in FILTERS], ids=[f[0] for f in FILTERS])
def test_filters(corpus: Engine, query: str, filters: Filters, expected: set[str]) -> None:
    assert set(search(corpus, query, filters=filters, size=100)) == expected


def _counts(response, facet: str) -> dict[str, int]:
    return {value.value: value.count for value in response.facets[facet]}


def test_facet_counts(corpus: Engine) -> None:
    response = corpus.search(request(FIVE))
    assert _counts(response, "language") == {"de": 3, "nl": 1, "en": 1}
    assert _counts(response, "source") == {"Handelsblatt": 2, "RT Deutsch": 1, "NOS": 1}
    assert _counts(response, "year") == {"2020": 2, "2022": 1, "2023": 1, "undated": 1}
    assert _counts(response, "translated") == {"yes": 4, "no": 1}
    counts = [value.count for value in response.facets["language"]]
    assert counts == sorted(counts, reverse=True), "most frequent value first"


def test_facets_count_the_filtered_matches(corpus: Engine) -> None:
    response = corpus.search(request(FIVE, Filters(languages=("de",))))
    assert response.total == 3
    assert _counts(response, "language") == {"de": 3, "nl": 1, "en": 1}, "a facet ignores its own selection"
    assert _counts(response, "year") == {"2020": 2, "2022": 1}, "other facets count the filtered matches"


def test_multi_select_is_or_within_a_facet_and_across_facets(corpus: Engine) -> None:
    response = corpus.search(request(FIVE, Filters(languages=("de", "nl"), years=(2020, 2023))))
    assert {hit.document.id for hit in response.hits} == {"de/nuctech-usa", "de/alibaba", "nl/douane-één"}
    assert _counts(response, "language") == {"de": 2, "nl": 1}  # years still apply: en/tplink is undated
    assert _counts(response, "year") == {"2020": 2, "2022": 1, "2023": 1}  # languages still apply
    assert _counts(response, "source") == {"Handelsblatt": 1, "RT Deutsch": 1, "NOS": 1}


def test_undated_is_a_year_to_filter_on(corpus: Engine) -> None:
    assert search(corpus, FIVE, filters=Filters(years=(0,))) == ["en/tplink"]


def test_sources_match_in_any_case(corpus: Engine) -> None:
    for spelling in ("Handelsblatt", "handelsblatt", "HANDELSBLATT", "rt deutsch"):
        ids = search(corpus, FIVE, filters=Filters(sources=(spelling, "nos")))
        assert len(ids) == (3 if spelling != "rt deutsch" else 2), spelling


@pytest.mark.parametrize("query, expected", [
    ("", {doc.id for doc in CORPUS}),
    ("*", {doc.id for doc in CORPUS}),
    ("-Nuctech", {"de/huawei-duisburg", "en/tplink", "de/alibaba", "en/scanner"}),
    ("-Nuctech -Huawei", {"en/tplink", "de/alibaba", "en/scanner"}),
])
def test_a_query_without_words_browses(corpus: Engine, query: str, expected: set[str]) -> None:
    response = corpus.search(request(query, sort="date"))
    assert {hit.document.id for hit in response.hits} == expected and response.total == len(expected)
    assert sum(value.count for value in response.facets["language"]) == len(expected)


def test_title_field_searches_titles_only(corpus: Engine) -> None:
    assert set(search(corpus, "Nuctech")) == {"de/nuctech-usa", "nl/douane-één"}
    assert search(corpus, "title:Scanner") == ["en/scanner"]
    assert search(corpus, "title:Finland") == [], "Finland is only in a paragraph"
    assert search(corpus, "Finland") == ["de/nuctech-usa"]


def test_sort_by_date_newest_first_undated_last(corpus: Engine) -> None:
    assert search(corpus, FIVE, sort="date") == [
        "nl/douane-één", "de/huawei-duisburg", "de/alibaba", "de/nuctech-usa", "en/tplink",
    ]


def test_pages_cover_every_hit_once(corpus: Engine) -> None:
    pages = [corpus.search(request(FIVE, page=page, size=2)) for page in (1, 2, 3, 4)]
    assert [len(p.hits) for p in pages] == [2, 2, 1, 0]
    assert {p.total for p in pages} == {5}
    ids = [hit.document.id for p in pages for hit in p.hits]
    assert sorted(ids) == sorted(set(ids)) and len(ids) == 5
    assert ids == search(corpus, FIVE, size=10), "pages follow the one ranked list"


# --- highlights -----------------------------------------------------------


def _marked(snippets) -> list[str]:
    return [s.text[a:b].lower() for s in snippets for a, b in s.spans]


def test_highlights_original_and_english(corpus: Engine) -> None:
    hit = corpus.search(request("Zusammenarbeit cooperation")).hits[0]
    assert hit.document.id == "de/huawei-duisburg"
    assert "zusammenarbeit" in _marked(hit.snippets.original), hit.snippets.original
    assert "cooperation" in _marked(hit.snippets.english), hit.snippets.english
    for snippet in (*hit.snippets.original, *hit.snippets.english):
        assert "\ue000" not in snippet.text and "<em>" not in snippet.text


def test_highlights_stemmed_english_word(corpus: Engine) -> None:
    hit = corpus.search(request("investigator")).hits[0]
    assert _marked(hit.snippets.english) == ["investigators"]


QUOTING = [
    _doc("de/quote", "de", "Radio", None, None, None,
         [("de", "Im Radio lief „The Winner Takes It All“ von Abba.", None)]),
    _doc("en/radio", "en", "Radio", None, None, None,
         [(EN, "The song was on the radio.", "The song was on the radio.")]),
    _doc("de/who", "de", "Hitze", None, None, None, [("de", "Die WHO warnt vor der Hitze.", None)]),
]


def test_english_function_words_match_english_text_only(engine: Engine) -> None:
    """In German text "The" stands only in a quote or a name: a clause of
    English function words searches and highlights the English text only."""
    publish(engine, QUOTING)
    assert search(engine, "the") == ["en/radio"]
    assert search(engine, '"on the"') == ["en/radio"]
    assert set(search(engine, "the winner")) == {"de/quote", "en/radio"}
    hit = next(h for h in engine.search(request("the winner")).hits if h.document.id == "de/quote")
    assert _marked(hit.snippets.original) == ["winner"], hit.snippets.original
    assert search(engine, "who") == [] and search(engine, "WHO") == ["de/who"], "an acronym is no function word"


def test_a_side_without_a_match_shows_the_start_of_its_text(corpus: Engine) -> None:
    hit = corpus.search(request("cooperation")).hits[0]
    assert hit.snippets.original[0].text.startswith("Die Stadt Duisburg")
    assert hit.snippets.original[0].spans == ()
    assert _marked(hit.snippets.english) == ["cooperation"]


def test_one_snippet_per_side(corpus: Engine) -> None:
    hit = corpus.search(request("Nuctech scanners")).hits[0]
    assert len(hit.snippets.original) == 1 and len(hit.snippets.english) == 1


def test_snippet_text_is_not_html_escaped(corpus: Engine) -> None:
    hit = corpus.search(request("routers")).hits[0]
    texts = [s.text for s in hit.snippets.english]
    assert any("routers & C++" in text for text in texts), texts


# --- documents, stats, builds ---------------------------------------------


@pytest.mark.parametrize("doc_id", list(BY_ID))
def test_get_returns_the_stored_document(corpus: Engine, doc_id: str) -> None:
    assert corpus.get(doc_id) == BY_ID[doc_id]


def test_get_unknown_id(corpus: Engine) -> None:
    assert corpus.get("de/no-such-document") is None


def test_hits_carry_the_summary_of_their_document(corpus: Engine) -> None:
    hit = corpus.search(request("Finnland")).hits[0]
    assert hit.document == HitDocument.of(BY_ID["de/nuctech-usa"])
    assert corpus.get(hit.document.id) == BY_ID["de/nuctech-usa"], "get still returns the whole document"


def test_stats(corpus: Engine) -> None:
    stats = corpus.stats()
    assert stats.documents == len(CORPUS)
    assert stats.languages == {"de": 3, "nl": 1, "en": 2}
    assert stats.untranslated_documents == 1
    assert stats.built_at and dt.datetime.fromisoformat(stats.built_at)


def test_search_before_any_publish(engine: Engine) -> None:
    with pytest.raises(IndexNotFound):
        engine.search(request("Huawei"))
    assert engine.stats().built_at is None


def test_get_before_any_publish(engine: Engine) -> None:
    with pytest.raises(IndexNotFound):
        engine.get("de/alibaba")


def test_empty_index(engine: Engine) -> None:
    publish(engine, [])
    response = engine.search(request("Huawei"))
    assert (response.total, response.hits) == (0, ())
    assert engine.stats().documents == 0


def test_publish_is_atomic(corpus: Engine) -> None:
    build = corpus.new_build()
    build.add(iter([BY_ID["en/tplink"]]))
    assert set(search(corpus, FIVE)) == {d.id for d in CORPUS} - {"en/scanner"}, "old index answers during a build"
    build.publish()
    assert search(corpus, FIVE) == ["en/tplink"]
    assert corpus.stats().documents == 1


def test_discarded_build_leaves_the_live_index(corpus: Engine) -> None:
    build = corpus.new_build()
    build.add(iter(CORPUS[:1]))
    build.discard()
    assert corpus.stats().documents == len(CORPUS)
    assert len(search(corpus, FIVE)) == 5


def test_a_running_reader_sees_a_new_publish(opener: Callable[[], Engine]) -> None:
    writer, reader = opener(), opener()
    publish(writer, CORPUS[:2])
    assert set(search(reader, FIVE)) == {d.id for d in CORPUS[:2]}
    publish(writer, CORPUS[2:3])
    assert search(reader, FIVE) == [CORPUS[2].id]


# --- updates: change a copy of the live index, publish it atomically ---------


def test_update_lists_what_the_live_index_holds(corpus: Engine) -> None:
    change = corpus.new_update()
    try:
        assert change.fingerprints() == {doc.id: doc.source_sha256 for doc in CORPUS}
        assert 0 < change.indexed_since() <= time.time()
    finally:
        change.discard()


def test_update_deletes_replaces_and_adds_atomically(corpus: Engine) -> None:
    built_at = corpus.stats().built_at
    started = time.time()
    change = corpus.new_update()
    assert change.delete(["en/tplink", "no/such-document"]) == 2
    replaced = dataclasses.replace(BY_ID["en/scanner"], title="Harbour scanner", source_sha256="f" * 32)
    added = _doc("de/neu", "de", "Neuer Hafen", "New harbour", "2024-01-02", "NOS", [
        ("de", "Der Hafen von Duisburg wächst.", "The port of Duisburg is growing."),
    ])
    result = change.add(iter([replaced, added]))
    assert (result.added, result.failures) == (2, [])
    assert "en/tplink" in search(corpus, FIVE) and corpus.get("de/neu") is None, "live index answers until publish"
    change.publish()
    assert corpus.get("en/tplink") is None and "en/tplink" not in search(corpus, FIVE)
    assert corpus.get("en/scanner") == replaced and set(search(corpus, "harbour")) == {"en/scanner", "de/neu"}
    assert corpus.get("de/neu") == added
    stats = corpus.stats()
    assert stats.documents == len(CORPUS)  # one deleted, one added, one replaced in place
    assert stats.built_at == built_at and stats.updated_at and dt.datetime.fromisoformat(stats.updated_at)
    again = corpus.new_update()
    assert again.fingerprints()["en/scanner"] == "f" * 32
    assert started <= again.indexed_since() <= time.time(), "the update's own start time"
    again.discard()


def test_discarded_update_leaves_the_live_index(corpus: Engine) -> None:
    change = corpus.new_update()
    change.delete([doc.id for doc in CORPUS])
    change.add(iter([dataclasses.replace(CORPUS[0], title="Changed")]))
    change.discard()
    assert corpus.stats().documents == len(CORPUS) and corpus.stats().updated_at is None
    assert corpus.get(CORPUS[0].id) == CORPUS[0]


def test_update_before_any_publish(engine: Engine) -> None:
    with pytest.raises(IndexNotFound):
        engine.new_update()
    publish(engine, CORPUS[:1])  # the failed update left nothing behind


# --- the seed articles through the whole pipeline ------------------------------


@pytest.fixture(scope="module", params=ENGINES)
def seeds(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """seeds/ reindexed by the pipeline into each engine, once per module."""
    data = tmp_path_factory.mktemp("seeds")
    for settings in fresh_settings(request, data / "data"):
        settings = settings.with_(corpus=SEEDS, translations_dir=data / "translations", workers=1)
        engine = open_engine(settings)
        summary = reindex(settings, engine=engine)
        assert summary.indexed == 5, summary
        yield engine
        engine.close()


SEED_SEARCHES = [
    ("Sicherheitsscanner", "000"),
    ("Huawei Duisburg", "003"),
    ("Alibaba Lüttich", "001"),
    ("TP-Link", "002"),
    ("Nuctech douane", "004"),
    ('"Nederlandse douane"', "004"),
]


@pytest.mark.parametrize("query, first", SEED_SEARCHES)
def test_seed_searches(seeds: Engine, query: str, first: str) -> None:
    response = seeds.search(request(query))
    ids = [hit.document.id.split("_")[0] for hit in response.hits]
    assert ids and ids[0] == first, f"{query!r} ranked {ids}"
    assert response.hits[0].snippets.original, "the best hit shows its original text"


def test_seed_facets(seeds: Engine) -> None:
    response = seeds.search(request("Nuctech OR Huawei OR Alibaba OR China OR Chinese"))
    assert response.total == 5
    assert _counts(response, "language") == {"de": 4, "nl": 1}


def test_snippets_are_fragments_of_long_text(seeds: Engine) -> None:
    hit = seeds.search(request("Nuctech")).hits[0]
    longest = max(len(s.text) for s in (*hit.snippets.original, *hit.snippets.english))
    assert longest <= SNIPPET_CHARS + 40, f"a {longest}-character snippet"


# --- dictionary search: the same expanded query on every engine ------------------

LEXICON_DATA = Path(__file__).parent / "data" / "lexicon"
UNTRANSLATED = [
    Document(id=f"lex/{doc_id}", path=f"lex/{doc_id}.txt", source_sha256=doc_id, title=title, language=language,
             paragraphs=[Paragraph(text, language)])
    for doc_id, language, title, text in (
        ("markt-de", "de", "Bericht aus Berlin", "Der Markt wächst in Berlin, sagen die Händler."),
        ("markt-nl", "nl", "Verslag uit Amsterdam", "De markt groeit in Amsterdam."),
        ("frau-de", "de", "Bericht aus Köln", "Die Frau verkauft Kosmetik in Köln."),
    )
]


def test_dictionary_search_works_the_same_on_every_engine(settings: Settings, engine: Engine) -> None:
    """With a lexicon in the data dir, ``indexer.search`` translates the English
    query once and every engine finds untranslated German and Dutch text."""
    from indexer.lexicon import lexicon_path
    from indexer.lexicon.build import build_lexicon
    from indexer.lexicon.sources import standard_sources
    from indexer.search import search

    found, _ = standard_sources(LEXICON_DATA / "de-en", LEXICON_DATA)
    build_lexicon(found, lexicon_path(settings.data_dir))
    publish(engine, UNTRANSLATED)

    def ids(text: str) -> set[str]:
        request = SearchRequest(parse_query(text), size=10, facets=False)
        return {hit.document.id for hit in search(engine, request, settings).hits}

    assert ids("market") == {"lex/markt-de", "lex/markt-nl"}
    assert ids("woman") == {"lex/frau-de"}
    assert ids("berlin OR amsterdam OR köln -market") == {"lex/frau-de"}, "exclusions are translated too"
    plain = SearchRequest(parse_query("market"), size=10, facets=False)
    assert engine.search(plain).total == 0, "engines search what they are given; translation is search()'s"

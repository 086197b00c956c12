"""What only the Elasticsearch engine has: physical indices behind an alias,
the mapping and query rendered from fields.py, bulk failures per document.

Server tests run on the noida-db stand-in (or BABELSEARCH_TEST_ES_URL).
"""
from __future__ import annotations

import json
import re
import uuid
from pathlib import Path
from typing import Iterator

import pytest
from es_standin import es_url, known_different  # noqa: F401 (fixture)

from indexer.document import Document, Paragraph
from indexer.engines.elastic import ElasticEngine
from indexer.engines.elastic_mapping import index_body
from indexer.engines.elastic_query import (
    POST_TAG,
    PRE_TAG,
    parse_snippet,
    render_query,
    render_search,
)
from indexer.engines.fields import CLAUSE_FIELDS, TEXT_FIELDS
from indexer.query import Filters, SearchRequest, date_range, parse_query
from indexer.ranking import Ranking
from indexer.settings import Settings


def doc(doc_id: str, text: str = "Die Stadt Duisburg und Huawei") -> Document:
    return Document(id=doc_id, path=f"{doc_id}.txt", source_sha256="0" * 64, title=doc_id, language="de",
                    paragraphs=[Paragraph(text, "de", "The city of Duisburg and Huawei", "argos/de_en@1.9")])


# --- rendering (no server) ------------------------------------------------------

EXPECTED_ANALYZER = {"german": "german", "dutch": "dutch", "english": "english", "french": "french",
                     "spanish": "spanish", "italian": "italian", "neutral": "neutral"}


def test_mapping_is_rendered_from_fields() -> None:
    properties = index_body()["mappings"]["properties"]
    for field in TEXT_FIELDS:
        assert properties[field.name] == {"type": "text", "analyzer": EXPECTED_ANALYZER[field.analyzer]}
    assert {properties[k]["type"] for k in ("language", "source", "translated", "id")} == {"keyword"}
    assert properties["year"]["type"] == properties["date_sort"]["type"] == "integer"
    assert "date_start" not in properties, "dates are filtered on date_sort by every engine"
    assert properties["doc"] == {"type": "object", "enabled": False}


def test_clauses_are_rendered_with_boosts_and_tie_breaker() -> None:
    ranking = Ranking(title_boost=3.0, field_tie=0.25)
    query = render_query(SearchRequest(parse_query('Huawei "Nederlandse douane" -Finnland +Nuctech')), ranking)["bool"]
    word = query["should"][0]["multi_match"]
    assert word["type"] == "best_fields" and word["tie_breaker"] == 0.25
    assert word["fields"] == [f"{f.name}^{f.boost(ranking):g}" for f in CLAUSE_FIELDS]
    assert "title^3" in word["fields"] and "english^1" in word["fields"], "weights come from the Ranking"
    assert query["should"][1]["multi_match"]["type"] == "phrase"
    assert query["must_not"][0]["multi_match"]["query"] == "Finnland"
    assert query["must"][0]["multi_match"]["query"] == "Nuctech"
    assert "minimum_should_match" not in query, "a required word makes the others optional"


def test_filters_go_to_filter_context() -> None:
    filters = Filters(languages=("de",), sources=("NOS",), years=(2020,), dates=date_range("2020-06", "2020-06"),
                      translated=False)
    body = render_search(SearchRequest(parse_query("Huawei"), filters), Ranking())
    query = body["query"]["bool"]
    assert query["filter"] == [{"range": {"date_sort": {"gte": 20200601, "lte": 20200630}}}]
    assert query["minimum_should_match"] == 1, "a filter must not make every word optional"
    facet_filters = [
        {"terms": {"language": ["de"]}},
        {"terms": {"source_key": ["nos"]}},
        {"terms": {"year": [2020]}},
        {"term": {"translated": "no"}},
    ]
    assert body["post_filter"] == {"bool": {"filter": facet_filters}}, "facet selections filter the hits only"
    language = body["aggs"]["language"]
    assert language["filter"] == {"bool": {"filter": facet_filters[1:]}}, "a facet ignores its own selection"
    assert language["aggs"]["language"]["terms"]["field"] == "language"


def test_pagination_and_sort() -> None:
    body = render_search(SearchRequest(parse_query("x"), page=3, size=20, sort="date"), Ranking())
    assert (body["from"], body["size"]) == (40, 20)
    assert body["sort"][0] == {"date_sort": "desc"}


SNIPPETS = [
    ("plain", "no marks", "no marks", ()),
    ("one", f"a {PRE_TAG}Huawei{POST_TAG} b", "a Huawei b", ((2, 8),)),
    ("two", f"{PRE_TAG}x{POST_TAG} & {PRE_TAG}<y>{POST_TAG}", "x & <y>", ((0, 1), (4, 7))),
    ("unclosed", f"a {PRE_TAG}b", "a b", ()),
]


@pytest.mark.parametrize("marked, text, spans", [s[1:] for s in SNIPPETS], ids=[s[0] for s in SNIPPETS])
def test_parse_snippet(marked: str, text: str, spans: tuple) -> None:
    snippet = parse_snippet(marked)
    assert (snippet.text, snippet.spans) == (text, spans)


# --- physical indices behind the alias ---------------------------------------------


@pytest.fixture
def alias(es_url: str) -> Iterator[str]:
    """A fresh alias (and its neighbour ``<alias>-x``), dropped afterwards."""
    name = f"bslayout-{uuid.uuid4().hex[:10]}"
    yield name
    for each in (name, f"{name}-x"):
        engine = ElasticEngine(Settings(engine=es_url, es_index=each))
        engine.drop()
        engine.close()


def open_alias(es_url: str, name: str, tmp_path) -> ElasticEngine:
    return ElasticEngine(Settings(engine=es_url, es_index=name, data_dir=tmp_path / name))


def publish(engine: ElasticEngine, *docs: Document) -> str:
    build = engine.new_build()
    assert build.add(docs).failures == []
    build.publish()
    return build.index


def test_publish_swaps_the_alias_and_drops_older_builds(es_url, alias, tmp_path) -> None:
    engine = open_alias(es_url, alias, tmp_path)
    first = publish(engine, doc("a"))
    assert re.fullmatch(rf"{alias}-\d{{20}}", first)
    second = publish(engine, doc("b"))
    assert engine.live_indices() == [second]
    assert engine.own_indices() == [second], "the first build was removed"
    mapping = engine.client.mappings(alias)[second]["mappings"]
    assert mapping["_meta"]["babelsearch"]["built_at"] == engine.stats().built_at
    engine.drop()
    assert engine.own_indices() == [] and engine.stats().built_at is None


def test_other_aliases_are_left_alone(es_url, alias, tmp_path) -> None:
    neighbour = open_alias(es_url, f"{alias}-x", tmp_path)  # shares the prefix
    theirs = publish(neighbour, doc("n"))
    mine = open_alias(es_url, alias, tmp_path)
    publish(mine, doc("a"))
    publish(mine, doc("b"))
    assert neighbour.live_indices() == [theirs]
    assert neighbour.get("n") is not None


def test_killed_build_leaves_the_alias_and_is_cleaned_up_later(es_url, alias, tmp_path) -> None:
    engine = open_alias(es_url, alias, tmp_path)
    live = publish(engine, doc("a"))
    build = engine.new_build()
    build.add([doc("b")])
    # the process "dies" here: no publish, no discard
    assert engine.live_indices() == [live] and engine.get("b") is None
    newest = publish(open_alias(es_url, alias, tmp_path), doc("c"))
    assert engine.own_indices() == [newest], "the orphan went with the old build"


def test_bulk_failures_are_collected_per_document(es_url, alias, tmp_path) -> None:
    engine = open_alias(es_url, alias, tmp_path)
    build = engine.new_build()
    too_long = "x" * 600  # Elasticsearch ids are at most 512 bytes
    result = build.add([doc("fine"), doc(too_long), doc("also-fine")])
    build.discard()
    assert result.added == 2
    assert [doc_id for doc_id, _ in result.failures] == [too_long]
    assert "512" in result.failures[0][1], result.failures


def test_cli_reindex_then_cli_and_api_answer(es_url, alias, tmp_path) -> None:
    from click.testing import CliRunner

    from indexer.cli import main

    runner = CliRunner()
    common = ["--engine", es_url, "--data", str(tmp_path / "data")]
    env = {"BABELSEARCH_ES_INDEX": alias, "BABELSEARCH_TRANSLATIONS": str(tmp_path / "translations")}
    seeds = str(Path(__file__).resolve().parent.parent / "seeds")
    result = runner.invoke(main, ["reindex", "--corpus", seeds, "--workers", "1", *common], env=env)
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["search", "Huawei Duisburg", "--json", *common], env=env)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["hits"][0]["id"].startswith("003_")
    result = runner.invoke(main, ["stats", *common], env=env)
    assert result.exit_code == 0 and "Documents:   5" in result.output, result.output
    assert f"{es_url} (alias {alias})" in result.output

    from server import create_app

    settings = Settings(engine=es_url, es_index=alias, data_dir=tmp_path / "data")
    client = create_app({"SETTINGS": settings, "TESTING": True}).test_client()
    found = client.get("/api/search?q=Huawei+Duisburg")
    assert found.status_code == 200, found.get_data(as_text=True)
    first = found.get_json()["hits"][0]["id"]
    assert first.startswith("003_")
    assert client.get(f"/api/documents/{first}").status_code == 200
    assert client.get("/api/health").get_json()["documents"] == 5


@pytest.mark.parametrize("param", ["embedded", "elasticsearch-real"])
def test_known_different_excuses_only_the_standin(param: str) -> None:
    with pytest.raises(AssertionError):
        with known_different(param, "example"):
            assert False


def test_known_different_turns_a_standin_failure_into_xfail() -> None:
    with pytest.raises(pytest.xfail.Exception, match="noida-db differs from real Elasticsearch: example"):
        with known_different("elasticsearch-standin-noida", "example"):
            assert False

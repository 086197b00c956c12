"""End to end on a few clir-dev articles with the real Debian dictionaries:
build the lexicon, reindex (glosses), search in English (query translation)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from system_deps import debian_dictionaries_reason, missing_dependency

from indexer.engines import open_engine
from indexer.engines.tantivy_engine import EmbeddedEngine
from indexer.lexicon import lexicon_path
from indexer.lexicon.cache import compile_lexicon
from indexer.lexicon.sources import standard_sources
from indexer.pipeline import reindex
from indexer.query import Filters, SearchRequest, parse_query
from indexer.search import search
from indexer.settings import Settings

SAMPLE = Path(__file__).parent / "data" / "lexicon" / "clir"


def _rows(name: str) -> list[dict]:
    return [json.loads(line) for line in (SAMPLE / name).read_text(encoding="utf-8").splitlines() if line]


@pytest.fixture(scope="module")
def indexed(tmp_path_factory) -> tuple[Settings, Settings]:
    """(with lexicon, without lexicon) settings over the same sample corpus."""
    found, missing = standard_sources()
    if missing:
        missing_dependency(debian_dictionaries_reason(missing))
    root = tmp_path_factory.mktemp("clir-e2e")
    corpus = root / "corpus"
    corpus.mkdir()
    for doc in _rows("docs.jsonl"):
        (corpus / f"{doc['id']}.txt").write_text(doc["text"].replace("\n", "\n\n"), encoding="utf-8")
    with_lexicon = Settings(data_dir=root / "with", corpus=corpus, translations_dir=root / "tr", workers=1)
    # The machine's cached lexicon (the one `make run` compiles), built here only the first time.
    compile_lexicon(found, lexicon_path(with_lexicon.data_dir))
    without = with_lexicon.with_(data_dir=root / "without")
    for settings in (with_lexicon, without):
        assert reindex(settings).indexed == 8
    return with_lexicon, without


def _mrr(engine, settings: Settings) -> float:
    docs = {doc["id"]: doc["article_id"] for doc in _rows("docs.jsonl")}
    reciprocal = []
    for query in _rows("queries.jsonl"):
        text = query["query"].replace('"', " ")
        hits = search(engine, SearchRequest(parse_query(text), Filters(), size=10, facets=False), settings).hits
        ranking = [hit.document.id for hit in hits]
        for relevant in query["relevant_by_lang"].values():
            kept = [d for d in ranking if d == relevant[0] or docs[d] != query["article_id"]]
            reciprocal.append(1 / (kept.index(relevant[0]) + 1) if relevant[0] in kept else 0.0)
    return sum(reciprocal) / len(reciprocal)


def test_dictionary_search_finds_the_articles(indexed):
    with_lexicon, without = indexed
    fused = _mrr(open_engine(with_lexicon), with_lexicon)
    plain = _mrr(EmbeddedEngine(without.data_dir), without)
    assert fused >= 0.9, f"MRR@10 with lexicons {fused:.3f}"
    assert fused >= plain, f"lexicons made it worse: {fused:.3f} < {plain:.3f}"


def test_glosses_stay_out_of_what_users_read(indexed):
    engine = open_engine(indexed[0])
    request = SearchRequest(parse_query("cyclist dies in collision with car"), Filters(), size=1)
    hit = search(engine, request, indexed[0]).hits[0]
    gloss = " ".join(p.gloss or "" for p in hit.document.paragraphs)
    assert gloss, "the untranslated article was glossed"
    assert hit.snippets.english == () and not hit.document.translated
    assert hit.document.english_text() == ""

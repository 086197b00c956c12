"""End to end on a few clir-dev articles and on the seeds with the real Debian
dictionaries: build the lexicon, reindex (glosses, word forms, collection
statistics), search in English (query translation in context)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from system_deps import debian_dictionaries_reason, missing_dependency

from indexer.engines import open_engine
from indexer.engines.tantivy_engine import EmbeddedEngine
from indexer.languages import is_function_word
from indexer.lexicon import lexicon_path, open_lexicon
from indexer.lexicon.cache import compile_lexicon
from indexer.lexicon.context import open_statistics
from indexer.lexicon.expand import translate_query
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
    document = engine.get(hit.document.id)
    gloss = " ".join(p.gloss or "" for p in document.paragraphs)
    assert gloss, "the untranslated article was glossed"
    assert hit.snippets.english == () and not hit.document.translated
    assert document.english_text() == ""


SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> Settings:
    """seeds/ reindexed with the Debian dictionaries (no translation model)."""
    found, missing = standard_sources()
    if missing:
        missing_dependency(debian_dictionaries_reason(missing))
    root = tmp_path_factory.mktemp("seeds-e2e")
    settings = Settings(data_dir=root / "data", corpus=SEEDS, translations_dir=root / "tr", workers=1)
    compile_lexicon(found, lexicon_path(settings.data_dir))
    assert reindex(settings).indexed == 5
    return settings


@pytest.mark.parametrize("query", [
    "Security Council", "Belgian intelligence", "European Commission tender ban", "rare earths export controls",
])
def test_seed_queries_highlight_no_function_word(seeds, query):
    hits = search(open_engine(seeds), SearchRequest(parse_query(query), Filters(), size=10, facets=False), seeds).hits
    assert hits, query
    for hit in hits:
        marked = [s.text[a:b].lower() for s in hit.snippets.original for a, b in s.spans]
        assert not [w for w in marked if is_function_word(w, hit.document.language)], (query, hit.document.id, marked)


@pytest.mark.parametrize("query, word, expected", [
    ("port customs", "port", "hafen"),
    ("port customs", "customs", "zoll"),
    ("data centres", "data centres", "rechenzentren"),
])
def test_seed_translations_in_context(seeds, query, word, expected):
    data = seeds.data_dir
    translated = translate_query(parse_query(query), open_lexicon(data), statistics=open_statistics(data))
    groups = [g for c in translated.clauses for g in c.translations if g.source == word and g.language == "de"]
    assert groups and groups[0].alternatives[0] == expected, groups


def test_seed_data_centres_finds_the_data_centre_article(seeds):
    request = SearchRequest(parse_query("data centres"), Filters(), size=3, facets=False)
    hits = search(open_engine(seeds), request, seeds).hits
    assert hits[0].document.id.startswith("002"), [h.document.id for h in hits]


def test_seed_exclusion_translates_to_the_name_alone(seeds):
    """``-Finland`` excludes the article that says "Finnland": the
    dictionaries' abbreviation ("Finnland /FI/", "Finnland <neut> FI") is
    no word of the translation, which would then search "finnland fi"."""
    lexicon = open_lexicon(seeds.data_dir)
    assert [t for t, _ in lexicon.translate("finland", "en", "de")] == ["finnland"]
    engine = open_engine(seeds)

    def ids(query: str) -> set[str]:
        hits = search(engine, SearchRequest(parse_query(query), Filters(), size=10, facets=False), seeds).hits
        return {hit.document.id[:3] for hit in hits}

    assert "000" in ids("Nuctech"), "seed 000 (about Nuctech in Finland, untranslated) is found"
    assert ids("Nuctech -Finland") == ids("Nuctech") - {"000"}

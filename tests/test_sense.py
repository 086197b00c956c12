"""Dictionary search that picks the sense, on every engine: function words
never translate or match, the collection and the other query words choose
among translations, cognates match without a dictionary entry, and
compounds are split in the index (issue 14).

A small TSV lexicon and corpus, indexed by the real pipeline (so the word
forms and the collection statistics are written as in production), into
the embedded engine and the Elasticsearch API.
"""
from __future__ import annotations

import uuid

import pytest
from es_standin import ES_PARAM_ID, es_url  # noqa: F401 (fixture)

from indexer.engines import open_engine
from indexer.language.cognates import cognate_key
from indexer.languages import is_function_word
from indexer.lexicon import lexicon_path, open_lexicon
from indexer.lexicon.build import build_lexicon
from indexer.lexicon.context import (
    StatisticsWriter,
    Unit,
    open_statistics,
    rank_candidates,
)
from indexer.lexicon.expand import translate_query
from indexer.lexicon.forms import word_forms
from indexer.lexicon.sources import user_sources
from indexer.pipeline import reindex
from indexer.query import Filters, SearchRequest, parse_query
from indexer.ranking import Ranking
from indexer.search import search
from indexer.settings import Settings

LEXICON = {  # file name -> lines; the first sense listed weighs most
    "words.en-de.tsv": [
        "port\tanschluss\t3", "port\thafen\t1", "customs\tbrauch\t3", "customs\tzoll\t1",
        "cable\tkabel", "centre\tzentrum", "data\tdaten", "data centre\trechenzentrum",
        "tender\tein angebot machen", "intelligence\tinformationsbeschaffung und -auswertung",
        "security\tsicherheit", "ban\tin acht und bann",
    ],
    "words.de-en.tsv": ["rechen\tcompute", "zentrum\tcentre", "zoll\tcustoms", "behörde\tauthority"],
    "words.nl-en.tsv": ["douane\tcustoms", "controle\tcheck", "apparatuur\tequipment"],
}
CORPUS = {  # doc id -> text (title line, then paragraphs)
    "hafen": "Hamburg\n\nDie Zollbehörde kontrolliert Container im Hafen.",
    "anschluss": "Technik\n\nDer Anschluss des Kabels an den Rechner klappt nicht.",
    "brauch": "Dorfleben\n\nAlte Bräuche und Sitten leben im Dorf weiter, sagt man.",
    "rechenzentren": "Frankfurt\n\nNeue Rechenzentren entstehen am Main.",
    "zentrum": "Stadt\n\nDas Zentrum der Stadt ist am Abend voll.",
    "angebot": "Ausschreibung\n\nDie Firma will ein Angebot machen und hofft auf den Zuschlag.",
    "sicherheit": "Politik\n\nDie Sicherheit der Bürger geht vor, erklärt sich der Minister.",
    "commissie": "Brussel\n\nDe Europese Commissie onderzoekt de aanbesteding.",
    "douane": "Grenzen\n\nDe douanecontroleapparatuur wordt vernieuwd.",
}


@pytest.fixture(scope="module", params=["embedded", ES_PARAM_ID])
def indexed(request, tmp_path_factory) -> tuple[Settings, object]:
    """(settings, engine) with CORPUS indexed by the pipeline and the lexicon built."""
    root = tmp_path_factory.mktemp("sense")
    corpus, lexicons = root / "corpus", root / "tsv"
    corpus.mkdir()
    lexicons.mkdir()
    for name, lines in LEXICON.items():
        (lexicons / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    for doc_id, text in CORPUS.items():
        (corpus / f"{doc_id}.txt").write_text(text + "\n", encoding="utf-8")
    settings = Settings(data_dir=root / "data", corpus=corpus, translations_dir=root / "tr", workers=1)
    if request.param != "embedded":
        settings = settings.with_(engine=request.getfixturevalue("es_url"),
                                  es_index=f"bstest-sense-{uuid.uuid4().hex[:10]}")
    build_lexicon(user_sources([lexicons]), lexicon_path(settings.data_dir), pivot="off")
    engine = open_engine(settings)
    assert reindex(settings, engine=engine).indexed == len(CORPUS)
    yield settings, engine
    if request.param != "embedded":
        engine.drop()
    engine.close()


def _search(indexed, query: str):
    settings, engine = indexed
    return search(engine, SearchRequest(parse_query(query), Filters(), size=10, facets=False), settings)


def _ids(indexed, query: str) -> list[str]:
    return [hit.document.id for hit in _search(indexed, query).hits]


def _first_translation(indexed, query: str, word: str, language: str = "de") -> str:
    data = indexed[0].data_dir
    translated = translate_query(parse_query(query), open_lexicon(data), statistics=open_statistics(data))
    clause = next(c for c in translated.clauses if c.text == word)
    return next(g for g in clause.translations if g.language == language).alternatives[0]


def test_context_picks_the_sense(indexed):
    assert _first_translation(indexed, "port customs", "port") == "hafen", "Hafen co-occurs with Zoll"
    assert _first_translation(indexed, "port customs", "customs") == "zoll"
    assert _first_translation(indexed, "port cable", "port") == "anschluss", "Anschluss co-occurs with Kabel"
    assert _ids(indexed, "port customs")[0] == "hafen"
    assert _ids(indexed, "port cable")[0] == "anschluss"


def test_a_run_the_collection_has_outranks_its_words(indexed):
    assert _first_translation(indexed, "data centre", "data") == "daten"
    assert _ids(indexed, "data centre")[0] == "rechenzentren", "Rechenzentren before the city centre"


def test_function_words_never_translate_nor_highlight(indexed):
    for query, doc_id in (("tender", "angebot"), ("security", "sicherheit"), ("intelligence", None), ("ban", None)):
        hits = _search(indexed, query).hits
        if doc_id:
            assert hits and hits[0].document.id == doc_id, (query, [h.document.id for h in hits])
        for hit in hits:
            marked = [s.text[a:b].lower() for s in hit.snippets.original for a, b in s.spans]
            assert not any(is_function_word(w, hit.document.language) for w in marked), (query, marked)
    assert _ids(indexed, "ban") == [], "'in Acht und Bann' keeps only 'acht bann', which no document has"


def test_cognates_match_without_a_dictionary_entry(indexed):
    assert _ids(indexed, "Commission") == ["commissie"]


def test_compounds_are_split_in_the_index(indexed):
    assert _ids(indexed, "equipment") == ["douane"], "apparatuur is a part of douanecontroleapparatuur"
    assert "hafen" in _ids(indexed, "authority"), "Behörde is a part of Zollbehörde"


def test_without_statistics_the_dictionary_order_stands(indexed):
    lexicon = open_lexicon(indexed[0].data_dir)
    translated = translate_query(parse_query("port customs"), lexicon)
    groups = {g.source: g for c in translated.clauses for g in c.translations if g.language == "de"}
    assert groups["port"].alternatives[0] == "anschluss" and groups["port"].weights == ()


def test_rank_candidates_prefers_what_co_occurs(tmp_path):
    writer = StatisticsWriter(tmp_path)
    for text in ("Hafen und Zoll", "Anschluss und Kabel", "Sitten und Bräuche"):
        writer.add({"de": [text]})
    writer.write()
    statistics = open_statistics(tmp_path)
    port = Unit(frozenset([0]), (("anschluss", 3.0), ("hafen", 1.0), ("backbord", 1.0)))
    customs = Unit(frozenset([1]), (("brauch", 3.0), ("zoll", 1.0)))
    ranked = rank_candidates([port, customs], {}, statistics, "de", Ranking(alternatives=2))
    assert [t for t, _ in ranked[0]] == ["hafen", "anschluss"], "backbord: never in the collection, past the reach"
    assert ranked[0][0][1] == 1.0 and ranked[0][1][1] < 1.0
    assert ranked[1][0][0] == "zoll"


def test_cognate_keys():
    assert cognate_key("Commission") == cognate_key("Kommission") == cognate_key("Commissie")
    assert cognate_key("organization") == cognate_key("Organisation") == cognate_key("organisatie")
    assert cognate_key("port") is None, "short words are too often accidental twins"


def test_word_forms_lemma_and_compound_parts(tmp_path):
    (tmp_path / "w.de-en.tsv").write_text("zoll\tcustoms\nbehörde\tauthority\n", encoding="utf-8")
    build_lexicon(user_sources([tmp_path / "w.de-en.tsv"]), lexicon_path(tmp_path), pivot="off")
    forms = word_forms(open_lexicon(tmp_path), "zollbehörden", "de")
    assert "zoll" in forms and "behörde" in forms, forms
    assert word_forms(open_lexicon(tmp_path), "und", "de") == ()


def test_pivot_through_french_and_english_side(tmp_path):
    files = {"a.nl-fr.tsv": "woning\tmaison\n", "b.fr-en.tsv": "maison\thouse\n",
             "c.en-de.tsv": "forest\twald\n", "d.de-nl.tsv": "wald\tbos\n", "e.nl-en.tsv": "bos\twood\n"}
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    build_lexicon(user_sources([tmp_path]), lexicon_path(tmp_path / "data"))
    lexicon = open_lexicon(tmp_path / "data")
    assert [t for t, _ in lexicon.translate("woning", "nl", "en")] == ["house"], "nl -> fr -> en"
    assert "bos" in [t for t, _ in lexicon.translate("forest", "en", "nl")], "en -> de -> nl"


def test_cognate_keys_are_searched_but_never_shown_as_translations(indexed):
    from indexer.interpretation import interpretation_json

    data = indexed[0].data_dir
    query = translate_query(parse_query("Commission"), open_lexicon(data), statistics=open_statistics(data))
    assert [g.alternatives for g in query.clauses[0].translations if not g.is_translation] == [("komis",)]
    shown = interpretation_json(query)
    assert shown["terms"][0]["translations"] == [] and shown["untranslated"] == ["Commission"]


def test_an_update_keeps_the_statistics_of_the_last_reindex(indexed):
    from indexer.document import Document, Paragraph
    from indexer.lexicon.context import statistics_path
    from indexer.lexicon.forms import FormsStage

    settings = indexed[0]
    before = statistics_path(settings.data_dir).read_bytes()
    stage = FormsStage(settings, statistics=False)
    doc = Document("new", "new.txt", "0" * 64, language="de", paragraphs=[Paragraph("Die Zollbehörde prüft.", "de")])
    assert "zoll" in next(iter(stage([doc]))).paragraphs[0].forms.split()
    stage.publish()
    assert statistics_path(settings.data_dir).read_bytes() == before

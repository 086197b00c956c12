"""Lexicon parsing (Ding, FreeDict dictd, TSV), cleaning, build and lookups."""
from __future__ import annotations

import logging
import os
import sqlite3
from pathlib import Path

import pytest
from system_deps import debian_dictionaries_reason, missing_dependency

from indexer.errors import LexiconError
from indexer.lexicon import lexicon_path, open_lexicon, store
from indexer.lexicon.build import build_lexicon
from indexer.lexicon.clean import clean_term, split_synonyms
from indexer.lexicon.dictd import DICTD_DIR, article_senses, b64_number, read_dictd
from indexer.lexicon.ding import DEFAULT_PATH as DING_PATH
from indexer.lexicon.ding import read_ding
from indexer.lexicon.morph import split_compound
from indexer.lexicon.sources import standard_sources, user_sources
from indexer.lexicon.tsv import read_tsv

DATA = Path(__file__).parent / "data" / "lexicon"


def mini_lexicon(data_dir: Path, pivot: str = "missing"):
    """Build the test dictionaries into ``data_dir`` and open them."""
    found, missing = standard_sources(DATA / "de-en", DATA)
    assert [s.name for s in found][:1] == ["trans-de-en"], found
    build_lexicon(found + user_sources([DATA / "names.de-en.tsv"]), lexicon_path(data_dir), pivot=pivot)
    lexicon = open_lexicon(data_dir)
    assert lexicon is not None
    return lexicon


@pytest.fixture(scope="module")
def lexicon(tmp_path_factory):
    return mini_lexicon(tmp_path_factory.mktemp("lexicon"))


@pytest.mark.parametrize("raw, expected", [
    ("Markt {m}", "markt"),
    ("to plan sth.", "plan"),
    ("etw. planen {vt}", "planen"),
    ("Vorstoß {m} (in etw.) [mil.]", "vorstoß"),
    ("shades [coll.]", "shades"),
    ("aan de rechterzĳde", "aan de rechterzijde"),  # NFKC: the Dutch ij ligature
    ("… und damit basta!", None),
    ("a very long multiword entry", None),
    ("{m}", None),
    ("the nuts and bolts", "nuts and bolts"),  # three words once the article goes
    ("to keep body and soul together", None),  # too long
    ("Finnland {n} /FI/ (Kfz: /FIN/)", "finnland"),  # Ding's abbreviation is no word of the term
    ("gross vehicle weight /GVW/", "gross vehicle weight"),
    ("/fˈaɪ/", None),  # a pronunciation
    ("Einrichtung {f} / Ausrichtung {f}", "einrichtung ausrichtung"),  # a spaced slash is no abbreviation
])
def test_clean_term(raw, expected):
    assert clean_term(raw) == expected


def test_split_synonyms_ignores_semicolons_in_brackets():
    assert split_synonyms("Aal {m; f}; Aale (a; b)") == ["Aal {m; f}", "Aale (a; b)"]


def test_ding_pairs_follow_senses_and_synonyms():
    pairs = {(p.source, p.target): p.weight for p in read_ding(DATA / "de-en")}
    assert pairs[("markt", "market")] == 1.0
    assert pairs[("märkte", "markets")] < 1.0, "an inflected sense weighs less than the headword"
    assert ("märkte", "market") not in pairs, "senses pair only with the sense at the same position"
    assert pairs[("schönheit", "beauty")] > pairs[("schöne", "beauteousness")]
    assert ("unbalanced", "only one sense") in pairs, "unaligned senses keep the first sense"


@pytest.mark.parametrize("text, number", [("A", 0), ("l", 37), ("BB", 65), ("+", 62)])
def test_b64_number(text, number):
    assert b64_number(text) == number


def test_dictd_reader_skips_notes_and_database_entries():
    pairs = [(p.source, p.target) for p in read_dictd("freedict-nld-eng", "nl", "en", DATA)]
    assert ("markt", "market") in pairs and ("markt", "bazaar") in pairs
    assert ("schoonheid", "beauty") in pairs
    assert not any("also" in target for _, target in pairs), "indented notes are not translations"
    assert not any(source.startswith("00database") for source, _ in pairs)


def test_article_senses_strips_annotations_before_splitting():
    headword, senses = article_senses("edit /ˈɛdɪt/ <v>\naufbereiten <v, trans>, bearbeiten\n   Synonym: {work up}\n")
    assert headword == "edit"
    assert [t.strip() for t in senses[0]] == ["aufbereiten", "bearbeiten"]


@pytest.mark.parametrize("line, expected", [
    ("Finnland <neut> [geogr.] FI,  /fˈaɪ/", ["finnland"]),  # the abbreviation and its pronunciation go
    ("Kilogramm <neut>, Kilo <neut>kg,  /kˌeɪdʒˈiː/", ["kilogramm", "kilo"]),
    ("Maschinenpistole <fem> [mil.] MP,  /ˌɛmpˈiː/ MPi,  /ˌɛmpˌiːˈaɪ/", ["maschinenpistole"]),
    ("jdn. (emotional) verletzen <v, trans> [psych.]", ["verletzen"]),  # a note in parentheses is inside
    ("[pol.] MKO", ["mko"]),  # nothing but the abbreviation: it is the translation
])
def test_dictd_translations_leave_out_abbreviations_and_pronunciations(line, expected):
    _, senses = article_senses(f"headword /hˈɛdwɜːd/\n{line}\n")
    assert [clean_term(t) for t in senses[0] if clean_term(t)] == expected


def test_tsv_reader_and_its_errors(tmp_path):
    pairs = {(p.source, p.target): p.weight for p in read_tsv(DATA / "names.de-en.tsv")}
    assert pairs == {("bundeskanzlerin", "chancellor"): 3.0, ("maut", "toll"): 2.0, ("maut", "road toll"): 2.0}
    badly_named = tmp_path / "words.tsv"
    badly_named.write_text("a\tb\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="NAME.SRC-TGT.tsv"):
        list(read_tsv(badly_named))
    bad_weight = tmp_path / "words.de-en.tsv"
    bad_weight.write_text("Haus\thouse\theavy\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=":1: weight"):
        list(read_tsv(bad_weight))


@pytest.mark.parametrize("word, source, target, expected", [
    ("market", "en", "de", ["markt"]),
    ("markets", "en", "de", ["markt", "märkte"]),  # the lemma's entry (more common) and the exact plural
    ("women", "en", "de", ["frau", "frauen"]),  # lemma woman, and the exact inflected entry
    ("said", "en", "de", ["sagen", "gesagt"]),
    ("beauty", "en", "nl", ["schoonheid"]),  # reversed from nld-eng
    ("frau", "de", "en", ["woman"]),
    ("bundeskanzlerin", "de", "en", ["chancellor"]),  # user TSV
    ("warenhuis", "nl", "en", ["department store"]),  # pivot through Kaufhaus
    ("corregidor", "nl", "en", ["spanish mayor"]),  # glued FreeDict translation split
])
def test_lookups(lexicon, word, source, target, expected):
    found = [term for term, _ in lexicon.translate(word, source, target)]
    assert found[: len(expected)] == expected


def test_lemma_fallback_and_compound_split(lexicon):
    assert "planen" in [t for t, _ in lexicon.translate("planned", "en", "de")], "lemma of an unknown form"
    glosses = [t for t, _ in lexicon.translate("kosmetikmarkt", "de", "en")]
    assert glosses[0] == "market" and "cosmetics" in glosses, glosses


def test_pivot_off_leaves_dutch_as_it_is(tmp_path):
    lexicon = mini_lexicon(tmp_path, pivot="off")
    assert lexicon.translate("warenhuis", "nl", "en") == ()


def test_split_compound_prefers_fewest_parts():
    known = {"haus", "tür", "schlüssel", "haustür"}.__contains__
    assert split_compound("haustürschlüssel", known) == ["haustür", "schlüssel"]
    assert split_compound("arbeitsmarkt", {"arbeit", "markt"}.__contains__) == ["arbeit", "markt"]
    assert split_compound("xyzmarkt", {"markt"}.__contains__) is None


def test_no_lexicon_means_none_and_a_broken_file_is_not_fatal(tmp_path):
    assert open_lexicon(tmp_path) is None
    path = lexicon_path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a database")
    assert open_lexicon(tmp_path) is None


def test_a_broken_file_is_warned_about_once_until_it_changes(tmp_path, caplog):
    path = lexicon_path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a database")
    with caplog.at_level(logging.WARNING, logger="indexer.lexicon.lookup"):
        assert open_lexicon(tmp_path) is None
        assert open_lexicon(tmp_path) is None
    assert caplog.text.count("lexicon not used") == 1, "later searches reuse the remembered failure"
    os.utime(path, ns=(1, 1))  # stands for a rebuild
    path.unlink()
    assert mini_lexicon(tmp_path).translate("markt", "de", "en"), "a rebuilt file is opened again"


def test_a_failed_open_closes_its_connection(tmp_path, monkeypatch):
    path = lexicon_path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a database")
    opened = []
    connect = sqlite3.connect
    monkeypatch.setattr(store.sqlite3, "connect", lambda *a, **k: opened.append(connect(*a, **k)) or opened[-1])
    with pytest.raises(LexiconError, match="not a compiled lexicon"):
        store.LexiconStore(path)
    with pytest.raises(sqlite3.ProgrammingError, match="closed"):
        opened[0].execute("SELECT 1")


def test_a_rebuilt_lexicon_replaces_and_closes_the_old_one(tmp_path):
    old = mini_lexicon(tmp_path)
    stat = lexicon_path(tmp_path).stat()
    os.utime(lexicon_path(tmp_path), ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    new = open_lexicon(tmp_path)
    assert new is not old and new.entry("markt", "de", "en")
    assert old.entry("markt", "de", "en") == (), "the old file is closed; a late lookup finds nothing"
    lexicon_path(tmp_path).unlink()
    assert open_lexicon(tmp_path) is None
    assert new.entry("frau", "de", "en") == (), "a removed lexicon is closed too"


def test_paths_with_uri_characters_open(tmp_path):
    data_dir = tmp_path / "odd?name#with%20chars"
    assert mini_lexicon(data_dir).translate("markt", "de", "en")


def _require_debian_dictionaries():
    found, missing = standard_sources()
    if missing:
        missing_dependency(debian_dictionaries_reason(missing))
    return found


def test_real_debian_dictionaries_parse(tmp_path):
    found = _require_debian_dictionaries()
    assert DING_PATH.exists() and (DICTD_DIR / "freedict-nld-eng.index").exists()
    dutch = [s for s in found if s.name.startswith("freedict-nld") or s.name == "freedict-eng-nld"]
    build_lexicon(dutch, lexicon_path(tmp_path))
    lexicon = open_lexicon(tmp_path)
    assert "woman" in [t for t, _ in lexicon.translate("vrouw", "nl", "en")]
    assert "vrouw" in [t for t, _ in lexicon.translate("women", "en", "nl")], "lemma women -> woman"
    ding = {}
    for pair in read_ding(DING_PATH):
        ding.setdefault(pair.source, set()).add(pair.target)
        if len(ding) > 20000:
            break
    assert "eel" in ding.get("aal", set()), "Ding's first entries parse"


def test_every_dictionary_package_is_installed_by_ci_and_named_in_the_docs():
    from indexer.lexicon.sources import FREEDICT

    root = Path(__file__).resolve().parent.parent
    packages = ["trans-de-en", *(package for _, package, *_ in FREEDICT)]
    for name in (".ci/run", "Makefile", "README.md", "Dockerfile"):
        text = (root / name).read_text(encoding="utf-8")
        missing = [p for p in packages if p not in text]
        assert not missing, f"{name} does not name {missing}"

"""The lexicon build's shortcuts give the same lexicon; compiled lexicons are cached per machine."""
from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from indexer.cli import main
from indexer.lexicon import lexicon_path
from indexer.lexicon.build import build_lexicon
from indexer.lexicon.cache import cache_key, cached_lexicon, install
from indexer.lexicon.clean import clean_term
from indexer.lexicon.frequency import TABLE_FROM, zipf_function
from indexer.lexicon.sources import Source, standard_sources, user_sources

DATA = Path(__file__).parent / "data" / "lexicon"
# compiled.jsonl: every row of the test dictionaries' lexicon as the build wrote it before
# its fast paths (term cleaning, wordfreq lookups, SQLite load); the expected cleanings below
# are what the regular expressions alone give (checked on all 1.9M raw terms of the Debian dictionaries).
GOLDEN = DATA / "compiled.jsonl"


def _sources() -> list[Source]:
    found, _ = standard_sources(DATA / "de-en", DATA)
    return found + user_sources([DATA / "names.de-en.tsv"])


def _rows(path: Path) -> list[dict]:
    db = sqlite3.connect(path)
    try:
        rows = db.execute("SELECT direction, source, targets FROM terms ORDER BY direction, source").fetchall()
    finally:
        db.close()
    return [{"direction": d, "source": s, "targets": json.loads(t)} for d, s, t in rows]


@pytest.mark.parametrize("workers", [1, 2])
def test_the_build_writes_what_it_wrote_before_its_fast_paths(tmp_path, workers):
    build_lexicon(_sources(), tmp_path / "lexicon.sqlite", workers=workers)
    expected = [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines()]
    assert _rows(tmp_path / "lexicon.sqlite") == expected


@pytest.mark.parametrize("raw, expected", [
    ("House", "house"),  # plain words: no regular expression
    ("the big house", "big house"),
    ("the the", "the"),  # one leading article goes, as with the pattern
    ("der", "der"),
    ("a b c d", "b c d"),  # three words once the article goes
    ("a b c d e", None),
    ("Etw", None),  # a placeholder on its own
    ("sich freuen", "freuen"),
    ("Straße", "straße"),
    ("ÄRGER", "ärger"),
    ("ſth", None),  # not ASCII: the case-insensitive pattern still sees "sth"
    ("one's best", "best"),
    ("Tisch {m}", "tisch"),
    ("someone", "someone"),  # contains "one" but is no placeholder
])
def test_clean_term_fast_paths_agree_with_the_patterns(raw, expected):
    assert clean_term(raw) == expected


def test_zipf_table_lookups_agree_with_wordfreq():
    wordfreq = pytest.importorskip("wordfreq")
    for language in ("en", "de", "nl"):
        words = wordfreq.top_n_list(language, 3000) + ["qqxv", "zzzyyyx", "straße", "café au lait", "e-mail"]
        terms = words + [" ".join(words[i:i + 2]) for i in range(0, 600, 3)] + ["new york", "haus qqxv"]
        zipf = zipf_function(language, TABLE_FROM)
        mismatched = [t for t in terms if zipf(t) != wordfreq.zipf_frequency(t, language)]
        assert mismatched == [], language


def test_parallel_reading_hands_over_in_order_and_reports_each_dictionary(capsys):
    import sys

    from indexer.lexicon.reading import read_sources
    from indexer.progress import Progress

    def collect(workers: int) -> list:
        added = []
        counts = read_sources(_sources(), lambda source, triples: added.append((source.name, triples)),
                              Progress(sys.stderr), workers)
        return [counts, added]

    serial, parallel = collect(1), collect(2)
    assert parallel == serial and serial[0] == [32, 8, 3, 2, 3]
    lines = capsys.readouterr().err.splitlines()[5:]  # after the serial run's five
    assert lines[0].startswith("Read trans-de-en: 18 entries in ") and lines[0].endswith(" (32 pairs)"), lines
    assert lines[4].startswith("Read names.de-en.tsv: 3 pairs in "), lines
    assert lines[5].startswith("Reading 5 dictionaries: 30 entries in "), lines


def test_cached_lexicon_is_built_once_and_linked(tmp_path):
    sources, built = _sources(), []

    def build(path: Path) -> None:
        built.append(path)
        build_lexicon(sources, path)

    key = cache_key(sources, {"pivot": "missing"})
    first, fresh = cached_lexicon(key, build, tmp_path / "cache")
    again, fresh_again = cached_lexicon(key, build, tmp_path / "cache")
    assert (fresh, fresh_again, len(built)) == (True, False, 1) and first == again
    for data in ("one", "two"):
        assert install(first, lexicon_path(tmp_path / data))
        assert os.path.samefile(first, lexicon_path(tmp_path / data)), "a hard link on one file system"
    assert not install(first, lexicon_path(tmp_path / "one")), "already in place"
    assert not list((tmp_path / "cache").glob(".*")), "no staging folder left"


def test_the_key_follows_files_options_and_code(tmp_path):
    tsv = tmp_path / "names.de-en.tsv"
    tsv.write_text("Maut\ttoll\n", encoding="utf-8")
    sources = user_sources([tsv])
    key = cache_key(sources, {"pivot": "missing"})
    assert cache_key(sources, {"pivot": "missing"}) == key
    assert cache_key(sources, {"pivot": "off"}) != key
    tsv.write_text("Maut\ttoll\nKatze\tcat\n", encoding="utf-8")
    assert cache_key(sources, {"pivot": "missing"}) != key
    dictd = [s for s in _sources() if s.kind == "dictd"][0]
    assert [p.name for p in dictd.files()] == [dictd.path.name, dictd.path.with_suffix(".dict.dz").name]


def test_build_command_shows_progress_and_a_second_data_dir_reuses_the_lexicon(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    args = ["lexicons", "build", "--ding", str(DATA / "de-en"), "--dictd-dir", str(DATA), "--tsv", str(DATA)]
    first = CliRunner().invoke(main, [*args, "--data", str(tmp_path / "one")])
    assert first.exit_code == 0, first.output
    for line in ("Reading trans-de-en: 18 entries in", "Reading freedict-nld-eng: 6 entries in", "Ranking de-en: ",
                 "Writing lexicon.sqlite: "):
        assert line in first.output, first.output
    second = CliRunner().invoke(main, [*args, "--data", str(tmp_path / "two")])
    assert second.exit_code == 0 and "from the same dictionaries (cached in " in second.output, second.output
    assert "Reading" not in second.output, second.output
    assert os.path.samefile(lexicon_path(tmp_path / "one"), lexicon_path(tmp_path / "two"))
    rebuilt = CliRunner().invoke(main, [*args, "--data", str(tmp_path / "two"), "--rebuild"])
    assert rebuilt.exit_code == 0 and "Reading trans-de-en" in rebuilt.output, rebuilt.output

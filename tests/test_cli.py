"""The babelsearch command: reindex, search, stats, extract, options."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from indexer import __version__
from indexer.cli import main


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0, result.output
    assert __version__ in result.output


def test_reindex_search_stats(runner: CliRunner, tmp_path: Path, corpus_copy: Path) -> None:
    (corpus_copy / "empty.txt").write_text("", encoding="utf-8")
    data = str(tmp_path / "data")
    result = runner.invoke(main, ["reindex", "--data", data, "--corpus", str(corpus_copy)])
    assert result.exit_code == 0, result.output
    assert "Indexed 5 of 6 files" in result.output
    assert "Paragraphs by language: de" in result.output
    assert "Untranslated paragraphs: " in result.output and "paragraphs and titles: no de→en model" in result.output
    assert "docs/s" not in result.output, "no rate for five files"
    assert "; engine embedded, data dir " in result.output
    assert "empty.txt: empty file" in result.output

    result = runner.invoke(main, ["search", "--data", data, "Huawei Duisburg"])
    assert result.exit_code == 0, result.output
    assert "1. " in result.output and "003_22e3e72cebfbd027" in result.output
    assert "[Huawei]" in result.output  # highlights, plain markers when not a terminal

    result = runner.invoke(main, ["search", "--data", data, "--json", "--lang", "nl", "Nuctech"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert [hit["id"] for hit in payload["hits"]] == ["004_df54f4b47deb87f4"]
    assert "<mark>Nuctech</mark>" in payload["hits"][0]["snippets"]["english"][0]  # the API's JSON shape

    result = runner.invoke(main, ["stats", "--data", data])
    assert result.exit_code == 0, result.output
    assert "Documents:   5" in result.output


def test_environment_supplies_defaults_and_flags_win(runner: CliRunner, tmp_path: Path, seeds_settings) -> None:
    env = {"BABELSEARCH_DATA": str(seeds_settings.data_dir)}
    result = runner.invoke(main, ["stats"], env=env)
    assert "Documents:   5" in result.output, result.output
    result = runner.invoke(main, ["stats", "--data", str(tmp_path / "elsewhere")], env=env)
    assert "Documents:   0" in result.output, result.output


@pytest.mark.parametrize(
    "args, message",
    [
        (["search", "--lang", "klingon", "x"], "unknown language 'klingon'"),
        (["search", "--size", "500", "x"], "size must be between 1 and 100"),
        (["search", "x"], "run 'babelsearch reindex' first"),
        (["search", "--engine", "ftp://nowhere", "x"], "unknown engine"),
    ],
)
def test_errors_are_one_line_messages(runner: CliRunner, tmp_path: Path, args: list[str], message: str) -> None:
    result = runner.invoke(main, [*args[:1], "--data", str(tmp_path), *args[1:]])
    assert result.exit_code == 1, result.output
    assert message in result.output and "Traceback" not in result.output


def test_extract_shows_metadata_and_languages(runner: CliRunner, seeds_dir: Path) -> None:
    seed = next(seeds_dir.glob("004_*.txt"))
    result = runner.invoke(main, ["extract", str(seed)])
    assert result.exit_code == 0, result.output
    assert "title:         Het gebruik van Chinese Nuctech-apparatuur" in result.output
    assert "(nl) Als het aan Europese" in result.output and "(en) We are writing" in result.output
    result = runner.invoke(main, ["extract", "--json", str(seed)])
    assert json.loads(result.output)["language"] == "nl"


def test_extract_reports_unusable_file(runner: CliRunner, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = runner.invoke(main, ["extract", str(empty)])
    assert result.exit_code == 1 and "empty file" in result.output


@pytest.mark.parametrize(
    "engine",
    ["http://bob:hunter2@127.0.0.1:9", "ftp://bob:hunter2@example.invalid/"],
)
def test_credentials_in_engine_url_are_never_shown(runner: CliRunner, tmp_path: Path, engine: str) -> None:
    result = runner.invoke(main, ["search", "--data", str(tmp_path), "--engine", engine, "x"])
    assert result.exit_code == 1, result.output
    assert "hunter2" not in result.output and "bob" not in result.output, result.output


def test_settings_show_engine_without_credentials() -> None:
    from indexer.settings import Settings

    settings = Settings(engine="https://bob:hunter2@es.example:9200/")
    assert settings.engine_display == "https://es.example:9200/"
    assert "hunter2" not in repr(settings)


def test_reindex_progress_in_a_log_shows_the_translation_rate_and_eta() -> None:
    import io

    from indexer.cli.index_commands import _ReindexProgress
    from indexer.progress import Progress
    from indexer.translate.summary import TranslationProgress

    now, log = [0.0], io.StringIO()
    progress = _ReindexProgress(Progress(log, live=False, clock=lambda: now[0]))
    progress.start(10)
    now[0] = 4.0
    progress.advance(5)  # 4 s after the start: a line is due
    now[0] = 8.0
    progress.translation(TranslationProgress(documents=5, sentences=100, elapsed=10.0, expected_documents=10))
    now[0] = 10.0
    progress.close()
    assert log.getvalue().splitlines() == [
        "Indexing: 5/10 files (50%)",
        "Indexing (translating 10.0 sentences/s, done in about 10s): 5/10 files (50%)",
        "Indexing: 5 files in 10s",
    ]


def test_translation_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from indexer.settings import Settings

    settings = Settings.load({"BABELSEARCH_BEAM_SIZE": "1", "BABELSEARCH_LENGTH_PENALTY": "0.5",
                              "BABELSEARCH_ALLOW_PIVOT": "yes"})
    assert (settings.beam_size, settings.length_penalty, settings.allow_pivot) == (1, 0.5, True)
    assert Settings.load({}).beam_size == 4 and Settings.load({}).allow_pivot is False


def test_reindex_passes_decoding_settings_to_the_translator(runner: CliRunner, tmp_path: Path, corpus_copy: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    import indexer.translate.stage as translate

    seen = {}
    real_init = translate.TranslationStage.__init__

    def spy(self, settings, **kwargs):
        real_init(self, settings, **kwargs)
        seen.update(beam=self.decoding.beam_size, pivot=self.settings.allow_pivot)

    monkeypatch.setattr(translate.TranslationStage, "__init__", spy)
    result = runner.invoke(main, ["reindex", "--data", str(tmp_path / "d"), "--corpus", str(corpus_copy)],
                           env={"BABELSEARCH_BEAM_SIZE": "2", "BABELSEARCH_ALLOW_PIVOT": "1",
                                "BABELSEARCH_TRANSLATIONS": str(tmp_path / "t")})
    assert result.exit_code == 0, result.output
    assert seen == {"beam": 2, "pivot": True}


def test_bare_command_shows_help_and_succeeds(runner: CliRunner) -> None:
    result = runner.invoke(main, [])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output and "search" in result.output


def _ids(output: str) -> list[str]:
    return [hit["id"] for hit in json.loads(output)["hits"]]


def test_search_words_need_no_quotes_and_keep_their_operators(runner: CliRunner, seeds_settings) -> None:
    data = str(seeds_settings.data_dir)
    quoted = runner.invoke(main, ["search", "--data", data, "--json", "Nuctech customs"])
    unquoted = runner.invoke(main, ["search", "--data", data, "--json", "Nuctech", "customs"])
    assert quoted.exit_code == unquoted.exit_code == 0, unquoted.output
    assert _ids(quoted.output) == _ids(unquoted.output) and _ids(quoted.output)
    excluded = runner.invoke(main, ["search", "--data", data, "--json", "Nuctech", "-Niederlande", "-douane"])
    assert excluded.exit_code == 0, excluded.output
    assert "004_df54f4b47deb87f4" not in _ids(excluded.output)
    browse = runner.invoke(main, ["search", "--data", data, "--json"])
    assert browse.exit_code == 0 and len(_ids(browse.output)) == 5, browse.output


@pytest.mark.parametrize("options, expected", [
    (["--lang", "DE,nl"], 5 - 0),
    (["--lang", "nl"], 1),
    (["--lang", "Dutch"], 1),
    (["--lang", "de", "--lang", "NL"], 5),
    (["--source", "reuters"], 1),
    (["--year", "undated"], None),
    (["--from", "2022", "--to", "2023"], 2),
    (["--untranslated"], 5),
    (["--translated"], 0),
])
def test_every_api_filter_is_an_option(runner: CliRunner, seeds_settings, options, expected) -> None:
    result = runner.invoke(main, ["search", "--data", str(seeds_settings.data_dir), "--json", "--size", "100",
                                  *options])
    assert result.exit_code == 0, result.output
    body = json.loads(result.output)
    if expected is not None:
        assert body["total"] == expected, (options, body["total"])
    else:
        assert body["total"] >= 1 and all(hit["date"] is None for hit in body["hits"])


def test_global_options_before_or_after_the_command(runner: CliRunner, seeds_settings) -> None:
    data = str(seeds_settings.data_dir)
    for args in (["--data", data, "stats"], ["stats", "--data", data], ["-v", "stats", "--data", data],
                 ["stats", "--data", data, "-v"], ["--data", data, "-q", "search", "Nuctech"]):
        result = runner.invoke(main, args)
        assert result.exit_code == 0, (args, result.output)
        assert "Documents:   5" in result.output or "hits" in result.output, (args, result.output)


def test_search_help_names_every_option(runner: CliRunner) -> None:
    result = runner.invoke(main, ["search", "--help"])
    assert result.exit_code == 0, result.output
    for option in ("--lang", "--source", "--year", "--from", "--to", "--translated / --untranslated", "--sort",
                   "--page", "--size", "--json", "--data", "--engine"):
        assert option in result.output, option
    assert "Result page to show" in result.output

"""The hostile corpus (``hostile_corpus.py``) through the whole product: every kind
of bad or odd entry ends as expected, no good article is lost, every id
round-trips through the API and the web page, nothing from outside the
corpus and no server path leaks, and the CLI prints no escape sequences.
Run on every engine of ``engine_targets``.
"""
from __future__ import annotations

import os
import re
import time
from pathlib import Path
from urllib.parse import quote

import hostile_corpus
import pytest
from click.testing import CliRunner
from engine_targets import engine_url, opensearch_node  # noqa: F401 (fixtures)

from indexer.cli import main
from indexer.engines import open_engine
from indexer.pipeline import reindex
from indexer.query import Filters, SearchRequest, parse_query
from indexer.settings import Settings


@pytest.fixture(scope="module")
def hostile(engine_url: str, tmp_path_factory: pytest.TempPathFactory):  # noqa: F811
    """``(settings, kinds, summary)`` after one reindex of a fresh hostile corpus."""
    root = tmp_path_factory.mktemp("hostile")
    kinds = hostile_corpus.build(root)
    settings = Settings(
        data_dir=root / "data", corpus=root / "corpus", translations_dir=root / "translations", engine=engine_url,
        es_index=f"hostile-{os.getpid()}", max_file_bytes=hostile_corpus.MAX_FILE_BYTES,
        html_max_chars=hostile_corpus.HTML_MAX_CHARS, file_timeout=60, workers=2,
    )
    summary = reindex(settings)
    return settings, kinds, summary


@pytest.fixture(scope="module")
def hostile_engine(hostile):
    engine = open_engine(hostile[0])
    yield engine
    engine.close()


@pytest.fixture(scope="module")
def hostile_client(hostile, hostile_engine):
    from server import create_app

    return create_app({"SETTINGS": hostile[0], "ENGINE": hostile_engine, "TESTING": True}).test_client()


def _indexed(kinds):
    return [kind for kind in kinds if kind.doc_id is not None]


def test_the_corpus_holds_every_kind(hostile) -> None:
    _, kinds, _ = hostile
    assert len({kind.name for kind in kinds}) >= 56
    assert sum(kind.name.startswith("good") for kind in kinds) == hostile_corpus.GOOD_ARTICLES


def test_every_entry_ends_as_expected(hostile, hostile_engine) -> None:
    settings, kinds, summary = hostile
    reported = {os.path.relpath(path, settings.corpus): reason for path, reason in summary.skipped}
    problems = []
    for kind in kinds:
        reason = reported.pop(kind.path, None)
        if kind.reason is not None and (reason is None or kind.reason not in reason):
            problems.append(f"{kind.name} ({kind.path!r}): expected '{kind.reason}', got {reason!r}")
        elif kind.reason is None and reason is not None:
            problems.append(f"{kind.name} ({kind.path!r}) lost: {reason}")
        elif kind.reason is None and hostile_engine.get(kind.doc_id) is None:
            problems.append(f"{kind.name}: no document with id {kind.doc_id!r}")
    problems += [f"unexpected report for {path!r}: {reason}" for path, reason in reported.items()]
    assert not problems, "\n".join(problems)
    assert summary.indexed == len(_indexed(kinds))


def test_every_document_is_found_by_its_own_word(hostile, hostile_engine) -> None:
    _, kinds, _ = hostile
    missing = []
    for kind in _indexed(kinds):
        response = hostile_engine.search(SearchRequest(parse_query(kind.marker), Filters()))
        if [hit.document.id for hit in response.hits] != [kind.doc_id]:
            missing.append(f"{kind.name}: {kind.marker} -> {[hit.document.id for hit in response.hits]}")
    assert not missing, "\n".join(missing)


def test_one_bad_byte_costs_only_that_byte(hostile, hostile_engine) -> None:
    for doc_id in ("enc/one-bad-byte", "enc/truncated", "enc/broken-char"):
        response = hostile_engine.search(SearchRequest(parse_query(f'"Grenzübergänge" {doc_id.split("/")[1]}'), Filters()))
        text = " ".join(p.text for p in hostile_engine.get(doc_id).paragraphs)
        assert "Grenzübergänge" in text and "Bürgermeister" in text, (doc_id, text[:200])
        assert response.total >= 1


def test_nothing_from_outside_the_corpus_is_served(hostile, hostile_engine) -> None:
    for word in ("zqsecret", "zqsecret2", "zqhidden0", "zqhidden1", "zqhuge"):
        assert hostile_engine.search(SearchRequest(parse_query(word), Filters())).total == 0, word


def test_every_id_round_trips_through_the_api_and_the_web_page(hostile, hostile_client) -> None:
    _, kinds, _ = hostile
    failures = []
    for kind in _indexed(kinds):
        quoted = quote(kind.doc_id, safe="/")
        api = hostile_client.get(f"/api/documents/{quoted}")
        page = hostile_client.get(f"/documents/{quoted}")
        if api.status_code != 200 or api.get_json()["id"] != kind.doc_id or page.status_code != 200:
            failures.append(f"{kind.name} {kind.doc_id!r}: api {api.status_code}, page {page.status_code}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("marker", ["zqname0", "zqname1", "zqname4", "zqname12"])
def test_links_on_the_results_page_open_the_document(hostile_client, marker: str) -> None:
    page = hostile_client.get(f"/?q={marker}").get_data(as_text=True)
    hrefs = re.findall(r'class="hit-title"><a href="([^"]+)"', page)
    assert len(hrefs) == 1, page[:2000]
    target = hrefs[0].replace("&amp;", "&")
    assert hostile_client.get(target).status_code == 200, target


def test_no_server_path_leaves_the_server(hostile, hostile_client) -> None:
    settings = hostile[0]
    secret_paths = {str(settings.data_dir.resolve()), str(settings.corpus.resolve()), str(settings.data_dir.parent)}
    for url in ("/api/health", "/api/search?q=zqgood1", "/api/documents/no/such", "/", "/?q=zqtext4",
                "/documents/text/escapes", "/api/search?q=", "/api//search?q=x"):
        body = hostile_client.get(url).get_data(as_text=True)
        leaked = [path for path in secret_paths if path in body]
        assert not leaked, f"{url} shows {leaked}"


@pytest.mark.parametrize("argv", [["search", "zqtext4"], ["search", "zqname12"], ["search", "--json", "zqtext4"],
                                  ["search", "zqtext5"]])
def test_cli_search_prints_no_escape_sequences(hostile, argv) -> None:
    settings = hostile[0]
    result = CliRunner().invoke(main, [*argv[:-1], "--data", str(settings.data_dir), "--engine", settings.engine, argv[-1]],
                                env={"BABELSEARCH_ES_INDEX": settings.es_index})
    assert result.exit_code == 0, result.output
    assert "1 hits" in result.output or '"total": 1' in result.output, result.output
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]", result.output), repr(result.output)


def test_cli_extract_prints_no_escape_sequences(hostile) -> None:
    result = CliRunner().invoke(main, ["extract", str(hostile[0].corpus / "text" / "escapes.txt")])
    assert result.exit_code == 0, result.output
    assert "pwned" in result.output and "\x1b" not in result.output and "\x07" not in result.output, repr(result.output)


def test_a_file_over_the_time_limit_is_reported_and_the_run_goes_on(tmp_path: Path, corpus_copy: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from indexer import pipeline

    real_extract = pipeline.extract

    def stalls_on_one_file(raw, settings):
        while raw.doc_id.startswith("002_"):
            time.sleep(0.01)
        return real_extract(raw, settings)

    monkeypatch.setattr(pipeline, "extract", stalls_on_one_file)
    settings = Settings(data_dir=tmp_path / "data", corpus=corpus_copy, translations_dir=tmp_path / "tr", file_timeout=1)
    started = time.perf_counter()
    summary = reindex(settings)
    assert time.perf_counter() - started < 30
    assert summary.indexed == 4, summary.skipped
    assert [(Path(path).name, reason) for path, reason in summary.skipped] == [
        ("002_ddb1b8d417da88b4.txt", "took longer than 1 s (BABELSEARCH_FILE_TIMEOUT)")]

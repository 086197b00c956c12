"""Golden snapshots of what users and API clients see for the seeds.

The JSON of ``/api/search`` and ``/api/documents/<id>`` and the HTML of the
search and document pages are compared with files in ``tests/data/golden``.
They pin behaviour across refactorings: a layout change must not change a
byte a client sees. An intended change regenerates them:

    BABELSEARCH_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py

and the diff of ``tests/data/golden`` is reviewed like code. Volatile values
(the time a search took, the build time) are replaced before comparing.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path
from urllib.parse import quote

import pytest

from indexer.lexicon import lexicon_path
from indexer.lexicon.build import build_lexicon
from indexer.lexicon.sources import standard_sources
from indexer.pipeline import reindex
from indexer.settings import Settings

GOLDEN = Path(__file__).parent / "data" / "golden"
LEXICON_DATA = Path(__file__).parent / "data" / "lexicon"
UPDATE = os.environ.get("BABELSEARCH_UPDATE_GOLDEN") == "1"

SEARCHES = {
    "nuctech": "q=Nuctech",
    "english-words": "q=customs+scanner+ports",
    "dictionary": "q=market+woman",
    "phrase-exclude": "q=%22Nuctech+scanners%22+-Finland",
    "filtered": "q=Nuctech&lang=de&sort=date",
    "paged": "q=the&size=2&page=2",
    "source-date": "q=Huawei&from=2020&to=2026",
}


@pytest.fixture(scope="module")
def golden_client(server_corpus: Path, tmp_path_factory: pytest.TempPathFactory):
    """A test client over the server corpus, with a small lexicon and a
    stand-in translation of some documents."""
    from server_fakes import STAND_IN_TRANSLATED, stand_in_translation

    from server import create_app

    data = tmp_path_factory.mktemp("golden-index")
    settings = Settings(data_dir=data, corpus=server_corpus, translations_dir=data / "translations", workers=1)
    found, _ = standard_sources(LEXICON_DATA / "de-en", LEXICON_DATA)
    build_lexicon(found, lexicon_path(data))
    reindex(settings, extra_stages=[stand_in_translation(STAND_IN_TRANSLATED)])
    return create_app({"SETTINGS": settings, "TESTING": True}).test_client()


def _stable(text: str) -> str:
    text = re.sub(r'"took_ms": ?[0-9.]+', '"took_ms": 0', text)
    text = re.sub(r"\([0-9.]+ ms\)", "(0 ms)", text)
    # the build time, as ISO or in words ("30 November 2026, 00:32 UTC (just now)")
    return re.sub(r"index built (?:\d{1,2} \w+ \d{4}, \d\d:\d\d UTC \([^)]*\)|[0-9T:+-]+)", "index built TIME", text)


def _check(name: str, text: str) -> None:
    path = GOLDEN / name
    text = _stable(text)
    if UPDATE or not path.exists():
        if not UPDATE:
            pytest.fail(f"no golden file {path}: run with BABELSEARCH_UPDATE_GOLDEN=1 and review it")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from {path} (see the module docstring)"


def _json(client, url: str) -> str:
    response = client.get(url)
    return json.dumps({"status": response.status_code, "body": response.get_json()}, ensure_ascii=False, indent=1)


@pytest.mark.parametrize("name", sorted(SEARCHES))
def test_api_search_is_unchanged(golden_client, name):
    _check(f"api-search-{name}.json", _json(golden_client, f"/api/search?{SEARCHES[name]}"))


@pytest.mark.parametrize("name", sorted(SEARCHES))
def test_search_page_is_unchanged(golden_client, name):
    _check(f"page-search-{name}.html", golden_client.get(f"/?{SEARCHES[name]}").get_data(as_text=True))


def test_documents_are_unchanged(golden_client, server_corpus):
    for path in sorted(server_corpus.glob("*.txt")):
        doc_id = quote(path.stem)
        _check(f"api-document-{path.stem}.json", _json(golden_client, f"/api/documents/{doc_id}"))
        _check(f"page-document-{path.stem}.html", golden_client.get(f"/documents/{doc_id}").get_data(as_text=True))


def test_start_page_is_unchanged(golden_client):
    _check("page-start.html", golden_client.get("/").get_data(as_text=True))

"""User text is never an error: 10,000 generated natural-language queries.

Queries are random spans of real text (the seeds and the shared CLIR
development set, ``../shared/clir-dev`` beside the clone, as
``bench/clir_quality.py`` finds it; ``BABELSEARCH_CLIR_DEV`` points
elsewhere), cut anywhere, so they keep their quotes, brackets, dashes and
half words. The bulk goes through the parameters, the parser and the interpretation
(a tenth of it also through both engines' query rendering);
a sample goes through the Flask test client, API and page, on a real index.
Only the real limits (query length, paging) may answer 400.
"""
from __future__ import annotations

import json
import os
import random
from pathlib import Path

import pytest
from system_deps import missing_dependency

from indexer.engines.elastic_query import render_search
from indexer.engines.tantivy_query import render
from indexer.engines.tantivy_schema import build_schema
from indexer.interpretation import interpretation_json
from indexer.params import search_request
from indexer.query import MAX_QUERY_CHARS
from indexer.ranking import DEFAULT_RANKING

ROOT = Path(__file__).resolve().parent.parent
CLIR_DEV = Path(os.environ.get("BABELSEARCH_CLIR_DEV") or ROOT.parent / "shared" / "clir-dev")
QUERIES = 10_000
HTTP_SAMPLE = 150
RENDER_EVERY = 10  # render 1,000 of the queries on both engines
SEED = 13
# Things people paste or type around words: kept as they come.
DECORATIONS = ('"', "'", "+", "-", "~", "*", "AND ", " OR", "NOT ", "(", ")", ":", "title:", "lang:", "source:", "„", "“")


def _texts(clir: bool = True) -> list[str]:
    """The seeds, and with ``clir`` the CLIR development texts (skipped, or
    failed under CI, when absent)."""
    texts = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "seeds").glob("*.txt"))]
    if not clir:
        return texts
    if not CLIR_DEV.is_dir():
        missing_dependency(f"the CLIR development set is not at {CLIR_DEV} (../shared/clir-dev beside the clone)")
    for name in ("docs_de.jsonl", "docs_nl.jsonl", "refs_en.jsonl", "queries_en.jsonl"):
        with open(CLIR_DEV / name, encoding="utf-8") as handle:
            rows = [json.loads(line) for line in handle if line.strip()]
        texts += [row.get("text") or row.get("query") or "" for row in rows]
    return [text for text in texts if text.strip()]


def generated_queries(count: int, seed: int = SEED, clir: bool = True) -> list[str]:
    """``count`` queries: random spans of the texts, some decorated, a few empty or odd."""
    rng = random.Random(seed)
    texts = _texts(clir)
    queries = ["", " ", "*", '"', '""', "+", "-", "~", "AND", "OR NOT", "-~", "title:", "lang:", "source:"]
    while len(queries) < count:
        text = rng.choice(texts)
        length = rng.choice((1, 3, 8, 20, 40, 80, 160, 400))
        start = rng.randrange(max(1, len(text) - 1))
        query = text[start:start + length]
        if rng.random() < 0.3:
            query = rng.choice(DECORATIONS) + query + rng.choice(DECORATIONS)
        queries.append(query[:MAX_QUERY_CHARS])
    return queries


@pytest.fixture(scope="module")
def queries() -> list[str]:
    return generated_queries(QUERIES)


def test_ten_thousand_queries_parse_and_render_on_both_engines(queries):
    schema = build_schema()
    for number, text in enumerate(queries):
        try:
            request = search_request({"q": [text]})
            json.dumps(interpretation_json(request.query))
            if number % RENDER_EVERY == 0:  # rendering is the slow part; every clause shape occurs often
                render(request.query, request.filters, schema, DEFAULT_RANKING)
                render_search(request, DEFAULT_RANKING)
        except Exception as exc:  # the report names the query that failed
            raise AssertionError(f"query {text!r} failed: {exc!r}") from exc


def test_a_sample_through_the_api_and_the_page(server_client, queries):
    sample = random.Random(SEED).sample(queries, HTTP_SAMPLE) + queries[:14]
    for text in sample:
        api = server_client.get("/api/search", query_string={"q": text})
        assert api.status_code == 200, (text, api.status_code, api.get_data(as_text=True)[:300])
        assert "interpretation" in api.get_json()
        web = server_client.get("/", query_string={"q": text})
        assert web.status_code == 200, (text, web.status_code)


def test_seed_spans_through_the_api_even_without_the_shared_set(server_client):
    for text in generated_queries(300, seed=SEED + 1, clir=False):
        response = server_client.get("/api/search", query_string={"q": text})
        assert response.status_code == 200, (text, response.status_code, response.get_data(as_text=True)[:300])


def test_real_limits_keep_their_json_error(server_client):
    for params, message in (
        ({"q": "x" * (MAX_QUERY_CHARS + 1)}, "longer than"),
        ({"q": "x", "page": "101", "size": "100"}, "page x size"),
        ({"q": "x", "size": "0"}, "size"),
    ):
        response = server_client.get("/api/search", query_string=params)
        assert response.status_code == 400, params
        body = response.get_json()
        assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
        assert message in body["error"]["message"], body

"""JSON API: the contract of /api/search, /api/documents, /api/health, errors."""
from __future__ import annotations

import html
import re

import pytest
from argos_fixtures import argos_archives  # noqa: F401 (session fixture: tiny real Argos packages)
from werkzeug.datastructures import MultiDict

from indexer.errors import BadRequest, QuerySyntaxError
from server.params import document_id, search_request, translated_flag

HIT_FIELDS = ["id", "path", "title", "title_en", "language", "date", "source", "author",
              "score", "snippets", "translated"]
FACET_NAMES = ["language", "source", "year", "translated"]
PARAGRAPH_FIELDS = ["language", "text", "english", "translator"]


def get_json(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code, response.get_data(as_text=True)[:500])
    assert response.is_json, response.content_type
    return response.get_json()


def plain(snippet: str) -> str:
    """The text of an escaped snippet: <mark> removed, then unescaped."""
    return html.unescape(snippet.replace("<mark>", "").replace("</mark>", ""))


def test_search_returns_every_documented_field(server_client):
    body = get_json(server_client, "/api/search?q=Nuctech")
    assert list(body) == ["query", "total", "page", "size", "hits", "facets", "took_ms", "interpretation"]
    assert body["query"] == "Nuctech" and body["page"] == 1 and body["size"] == 10
    assert body["total"] >= 2 and len(body["hits"]) == min(body["total"], 10)
    assert isinstance(body["took_ms"], (int, float)) and body["took_ms"] >= 0
    assert list(body["facets"]) == FACET_NAMES
    for hit in body["hits"]:
        assert list(hit) == HIT_FIELDS
        assert isinstance(hit["score"], float) and isinstance(hit["translated"], bool)
        assert list(hit["snippets"]) == ["original", "english"]
        assert hit["path"].rsplit(".", 1)[0] == hit["id"], (hit["path"], hit["id"])  # relative, no server path


def test_search_finds_documents_in_both_languages(server_client):
    body = get_json(server_client, "/api/search?q=Nuctech")
    ids = {hit["id"] for hit in body["hits"]}
    assert any(i.startswith("000_") for i in ids) and any(i.startswith("004_") for i in ids), ids
    languages = {f["value"] for f in body["facets"]["language"]}
    assert {"de", "nl"} <= languages, languages


def test_snippets_are_escaped_html_with_marks(server_client):
    body = get_json(server_client, "/api/search?q=Nuctech+scanners")
    snippets = [s for hit in body["hits"] for side in ("original", "english") for s in hit["snippets"][side]]
    assert snippets, body
    for snippet in snippets:
        without_marks = snippet.replace("<mark>", "").replace("</mark>", "")
        assert "<" not in without_marks and ">" not in without_marks, snippet
    assert any("<mark>" in s for s in snippets)


def test_hostile_document_is_escaped_in_snippets(server_client):
    body = get_json(server_client, "/api/search?q=Nuctech+scanners+xss")
    hostile = next(hit for hit in body["hits"] if hit["id"] == "zz_hostile")
    snippets = hostile["snippets"]["original"] + hostile["snippets"]["english"]
    assert any("&lt;script&gt;" in s for s in snippets), snippets
    assert all("<script" not in s and "<img" not in s for s in snippets), snippets
    assert any("<script>" in plain(s) for s in snippets)


@pytest.mark.parametrize("param, facet, pick", [
    ("lang", "language", "nl"),
    ("lang", "language", "de"),
    ("source", "source", None),  # None: the first source the facet offers
])
def test_filter_keeps_only_matching_documents(server_client, param, facet, pick):
    everything = get_json(server_client, "/api/search?q=China+Nuctech+Huawei&size=100")
    values = {f["value"]: f["count"] for f in everything["facets"][facet]}
    pick = pick or next(iter(values))
    body = get_json(server_client, f"/api/search?q=China+Nuctech+Huawei&size=100&{param}={pick}")
    assert body["total"] == values[pick] and body["total"] < everything["total"]
    assert all(hit[facet] == pick for hit in body["hits"]), body["hits"]
    # multi-select: the facet's own counts ignore its selection, the others narrow
    assert {f["value"]: f["count"] for f in body["facets"][facet]} == values
    other = next(name for name in FACET_NAMES if name != facet)
    assert sum(f["count"] for f in body["facets"][other]) <= body["total"] * (2 if other == "year" else 1)


def test_year_and_date_filters(server_client):
    everything = get_json(server_client, "/api/search?q=China+Nuctech+Huawei&size=100")
    years = {f["value"]: f["count"] for f in everything["facets"]["year"]}
    assert "0" not in years and "" not in years
    year = next(y for y in years if y != "undated")
    by_year = get_json(server_client, f"/api/search?q=China+Nuctech+Huawei&size=100&year={year}")
    assert by_year["total"] == years[year]
    assert all((hit["date"] or "").startswith(year) for hit in by_year["hits"])
    by_range = get_json(server_client, f"/api/search?q=China+Nuctech+Huawei&size=100&from={year}&to={year}-12-31")
    assert {h["id"] for h in by_range["hits"]} == {h["id"] for h in by_year["hits"]}
    none = get_json(server_client, "/api/search?q=China+Nuctech+Huawei&from=1990&to=1990")
    assert none["total"] == 0 and none["hits"] == []


@pytest.mark.parametrize("value, expected", [("true", True), ("false", False), ("yes", True), ("no", False)])
def test_translated_filter(server_client, value, expected):
    body = get_json(server_client, f"/api/search?q=China+Nuctech+Huawei&size=100&translated={value}")
    assert body["hits"], body
    assert all(hit["translated"] is expected for hit in body["hits"])


def test_facet_counts_add_up_to_the_total(server_client):
    body = get_json(server_client, "/api/search?q=China+Nuctech+Huawei&size=1")
    for name in ("language", "translated"):
        assert sum(f["count"] for f in body["facets"][name]) == body["total"], (name, body["facets"])
    assert len(body["hits"]) == 1


def test_paging_walks_through_all_hits_once(server_client):
    first = get_json(server_client, "/api/search?q=China+Nuctech+Huawei&size=100")
    seen = []
    for page in range(1, first["total"] + 1):
        body = get_json(server_client, f"/api/search?q=China+Nuctech+Huawei&size=1&page={page}")
        assert body["page"] == page and body["size"] == 1 and body["total"] == first["total"]
        seen += [hit["id"] for hit in body["hits"]]
    assert seen == [hit["id"] for hit in first["hits"]]
    past = get_json(server_client, f"/api/search?q=China+Nuctech+Huawei&size=1&page={first['total'] + 1}")
    assert past["hits"] == [] and past["total"] == first["total"]


def test_sort_by_date_is_newest_first_with_undated_last(server_client):
    body = get_json(server_client, "/api/search?q=China+Nuctech+Huawei&size=100&sort=date")
    dates = [hit["date"] for hit in body["hits"]]
    dated = [d for d in dates if d]
    assert dated == sorted(dated, reverse=True), dates
    assert dates == dated + [None] * (len(dates) - len(dated)), dates


@pytest.mark.parametrize("query, message", [
    ("q=" + "a" * 1001, "longer than 1000"),
    ("q=x&lang=xx", "unknown language 'xx'"),
    ("q=x&lang=german,klingon", "unknown language 'klingon'"),
    ("q=x&size=0", "size"),
    ("q=x&size=101", "size"),
    ("q=x&page=0", "page"),
    ("q=x&page=abc", "page must be a whole number"),
    ("q=x&page=99999999999999999999", "page must be a whole number"),
    ("q=x&size=100&page=101", "page x size"),
    ("q=x&sort=random", "sort"),
    ("q=x&from=2020-13", "2020-13"),
    ("q=x&from=June", "YYYY"),
    ("q=x&from=2021&to=2020", "after"),
    ("q=x&translated=maybe", "translated"),
    ("q=x&year=last", "year"),
])
def test_bad_parameters_are_400_with_a_reason(server_client, query, message):
    body = get_json(server_client, f"/api/search?{query}", status=400)
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert message in body["error"]["message"], body
    assert body["error"]["code"] in ("bad_request", "query_syntax")


def test_document_has_metadata_and_aligned_paragraphs(server_client):
    hit = get_json(server_client, "/api/search?q=Nuctech&lang=nl")["hits"][0]
    body = get_json(server_client, f"/api/documents/{hit['id']}")
    for name in ("id", "path", "title", "title_en", "language", "date", "source", "author", "translated"):
        assert body[name] == hit[name], name
    assert body["paragraphs"], body
    for paragraph in body["paragraphs"]:
        assert list(paragraph) == PARAGRAPH_FIELDS
        assert "gloss" not in paragraph
        if paragraph["english"] is not None and paragraph["language"] != "en":
            assert paragraph["translator"], paragraph
    assert "Nuctech" in " ".join(p["text"] for p in body["paragraphs"]) + body["title"]


def test_hostile_document_is_returned_verbatim_as_data(server_client):
    body = get_json(server_client, "/api/documents/zz_hostile")
    text = " ".join(p["text"] for p in body["paragraphs"]) + body["title"]
    assert "<script>alert(\"xss\")</script>" in text


@pytest.mark.parametrize("url, status, code", [
    ("/api/documents/no/such/document", 404, "not_found"),
    ("/api/documents/../etc/passwd", 400, "bad_request"),
    ("/api/documents/a/../../etc/passwd", 400, "bad_request"),
    ("/api/documents/..%2F..%2Fetc%2Fpasswd", 400, "bad_request"),
    ("/api/documents/%2Fetc%2Fpasswd", 400, "bad_request"),
    ("/api/documents//etc/passwd", 400, "bad_request"),
    ("/api/documents/C:%5Cwindows", 404, "not_found"),  # a Linux file name may hold both
    ("/api//search?q=x", 404, "not_found"),  # JSON, not an HTML redirect
    ("/api/nothing-here", 404, "not_found"),
])
def test_document_errors(server_client, url, status, code):
    body = get_json(server_client, url, status=status)
    assert body["error"]["code"] == code, body


def test_health_reports_engine_and_index(server_client, server_engine):
    body = get_json(server_client, "/api/health")
    stats = server_engine.stats()
    assert body["status"] == "ok"
    assert body["engine"] == stats.engine and body["documents"] == stats.documents > 0
    assert body["built_at"] == stats.built_at and body["updated_at"] is stats.updated_at is None
    assert {"translation_models", "languages_without_model", "translation_hint"} <= set(body)
    # the test data dir has no models: every non-English language lacks one
    assert body["translation_models"] == []
    assert set(body["languages_without_model"]) == set(body["languages"]) - {"en"}
    assert "babelsearch models install" in body["translation_hint"]


def test_health_lists_the_models_again_only_after_they_change(server_app, monkeypatch, tmp_path):
    # Health is polled; listing the models walks every package folder for its size.
    import indexer.status
    from indexer.settings import Settings
    from indexer.status import StatusReader
    from server.engine import STATUS

    calls = []

    def counting_model_status(settings, languages=()):
        calls.append(languages)
        return {"models": [], "missing": list(languages), "hint": "install"}

    monkeypatch.setattr(indexer.status, "model_status", counting_model_status)
    settings = Settings(data_dir=tmp_path / "data")
    server_app.config["SETTINGS"] = settings
    server_app.extensions[STATUS] = StatusReader(settings)
    client = server_app.test_client()
    for _ in range(3):
        get_json(client, "/api/health")
    assert len(calls) == 1, calls
    (settings.models_path / "translate-de_en-1_9").mkdir(parents=True)
    get_json(client, "/api/health")
    get_json(client, "/api/health")
    assert len(calls) == 2, calls


@pytest.mark.parametrize("url", ["/api/search?q=Nuctech", "/api/documents/000", "/api/health"])
def test_engine_unavailable_is_503_json(broken_client, url):
    body = get_json(broken_client, url, status=503)
    assert body["error"]["code"] == "engine_unavailable"
    assert "down" in body["error"]["message"]


def test_bad_input_beats_engine_trouble(broken_client):
    # the parameters are checked before the engine is asked
    body = get_json(broken_client, "/api/search?q=x&size=1000", status=400)
    assert body["error"]["code"] == "bad_request" and "size" in body["error"]["message"], body


def test_every_route_is_read_only(server_app):
    for rule in server_app.url_map.iter_rules():
        assert rule.methods <= {"GET", "HEAD", "OPTIONS"}, (rule, rule.methods)


@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_writes_are_refused_as_json(server_client, method):
    response = getattr(server_client, method)("/api/search?q=x")
    assert response.status_code == 405 and response.get_json()["error"]["code"] == "method_not_allowed"


@pytest.mark.parametrize("url", ["/api/search?q=Nuctech", "/api/search?q=%22", "/api/health"])
def test_security_headers_on_api(server_client, url):
    headers = server_client.get(url).headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert "script-src" not in headers["Content-Security-Policy"]
    assert "default-src 'none'" in headers["Content-Security-Policy"]


def test_search_request_from_parameters():
    args = MultiDict([("q", "+huawei -duisburg"), ("lang", "de,nl"), ("lang", "en"),
                      ("source", "Reuters, Berlin"), ("year", "2020"), ("from", "2020-06"),
                      ("to", "2021"), ("translated", "no"), ("page", "3"), ("size", "20"), ("sort", "date")])
    request = search_request(args)
    assert [c.text for c in request.query.clauses] == ["huawei", "duisburg"]
    assert request.filters.languages == ("de", "nl", "en")
    assert request.filters.sources == ("Reuters, Berlin",)  # a comma inside a name is not a separator
    assert request.filters.years == (2020,)
    assert str(request.filters.dates.start) == "2020-06-01" and str(request.filters.dates.end) == "2021-12-31"
    assert request.filters.translated is False
    assert (request.page, request.size, request.sort, request.offset) == (3, 20, "date", 40)


@pytest.mark.parametrize("value, expected", [
    (None, None), ("", None), ("any", None), ("TRUE", True), ("1", True), ("off", False),
])
def test_translated_flag(value, expected):
    assert translated_flag(value) is expected


@pytest.mark.parametrize("raw, ok", [
    ("000_abc", True), ("de/2020/article", True), ("a..b", True), ("C:/x", True), ("a\\b", True),
    ("line\nbreak", True), ("caf\\xe9", True),
    ("../x", False), ("a/../b", False), ("/abs", False), ("a\x00", False),
])
def test_document_id_validation(raw, ok):
    if ok:
        assert document_id(raw) == raw
    else:
        with pytest.raises(BadRequest):
            document_id(raw)


def test_query_errors_are_query_syntax_errors():
    assert search_request(MultiDict([("q", '"unclosed')])).query.notes
    assert re.search("1000", str(pytest.raises(QuerySyntaxError, search_request, MultiDict([("q", "x" * 1001)])).value))


def test_no_index_yet_is_503_and_recovers_after_reindex(tmp_path, server_corpus):
    # A server started before the first reindex answers 503, then works
    # without a restart once an index is published.
    from indexer.pipeline import reindex
    from indexer.settings import Settings
    from server import create_app

    settings = Settings(data_dir=tmp_path / "data", corpus=server_corpus, translations_dir=tmp_path / "tr")
    client = create_app({"SETTINGS": settings, "TESTING": True}).test_client()
    body = get_json(client, "/api/search?q=Nuctech", status=503)
    assert body["error"]["code"] in ("engine_unavailable", "index_not_found"), body
    assert "reindex" in body["error"]["message"], body
    reindex(settings)
    assert get_json(client, "/api/search?q=Nuctech")["total"] >= 2


def test_a_bug_is_a_500_without_details(server_settings):
    from server import create_app

    class Buggy:
        name = "buggy"

        def search(self, request):
            raise RuntimeError("secret internal detail")

    client = create_app({"SETTINGS": server_settings, "ENGINE": Buggy(), "TESTING": False}).test_client()
    body = get_json(client, "/api/search?q=x", status=500)
    assert body["error"]["code"] == "internal_error" and "secret" not in body["error"]["message"]
    page = client.get("/?q=x")
    assert page.status_code == 500 and b"secret" not in page.data


def test_real_translation_provenance_in_api_health_and_page(tmp_path, server_corpus, argos_archives):  # noqa: F811
    # Tiny Argos packages with random weights: the English is meaningless,
    # but loading, translating, provenance and the model listing are real.
    from indexer.pipeline import reindex
    from indexer.settings import Settings
    from indexer.translate.models import install_archive
    from server import create_app

    settings = Settings(data_dir=tmp_path / "data", corpus=server_corpus, translations_dir=tmp_path / "tr")
    for language in ("de", "nl"):
        install_archive(argos_archives[language], settings.models_path)
    reindex(settings)  # the pipeline translates with the installed models
    client = create_app({"SETTINGS": settings, "TESTING": True}).test_client()

    health = get_json(client, "/api/health")
    assert {m["translator"] for m in health["translation_models"]} == {"argos/de_en@1.9", "argos/nl_en@1.9"}
    assert all("path" not in m for m in health["translation_models"]), "no server path in /api/health"
    assert health["languages_without_model"] == [] and health["translation_hint"] is None

    hit = get_json(client, "/api/search?q=Nuctech&lang=de")["hits"][0]
    assert hit["translated"] is True and hit["title_en"]
    doc = get_json(client, f"/api/documents/{hit['id']}")
    german = [p for p in doc["paragraphs"] if p["language"] == "de"]
    assert german and all(p["english"] and p["translator"] == "argos/de_en@1.9" for p in german)
    assert "argos/de_en@1.9" in doc["translators"]
    page = client.get(f"/documents/{hit['id']}?q=Nuctech").get_data(as_text=True)
    assert "machine translation (Argos de→en 1.9" in page


@pytest.mark.parametrize("query", ["", "q=", "q=*", "q=+", "q=%22", "q=AND", "q=-Nuctech", "q=%22Nuctech+scanners"])
def test_user_text_is_never_a_400(server_client, query):
    body = get_json(server_client, f"/api/search?{query}")
    assert body["total"] >= 1, body


def test_empty_query_browses_everything_newest_first_with_facets(server_client, server_engine):
    body = get_json(server_client, "/api/search?size=100")
    assert body["total"] == server_engine.stats().documents
    assert body["interpretation"]["browse"] is True
    dates = [hit["date"] for hit in body["hits"]]
    dated = [d for d in dates if d]
    assert dated == sorted(dated, reverse=True) and dates[: len(dated)] == dated
    assert sum(f["count"] for f in body["facets"]["language"]) == body["total"]
    without = get_json(server_client, "/api/search?q=-Nuctech&size=100")
    assert 0 < without["total"] < body["total"]
    assert all("Nuctech" not in (hit["title"] or "") for hit in without["hits"])


def test_sources_match_in_any_case_and_languages_by_name(server_client):
    exact = get_json(server_client, "/api/search?q=&source=Reuters")
    assert exact["total"] >= 1
    for spelling in ("reuters", "REUTERS", " Reuters "):
        assert get_json(server_client, f"/api/search?q=&source={spelling}")["total"] == exact["total"]
    assert get_json(server_client, "/api/search?q=source:reuters")["total"] == exact["total"]
    german = get_json(server_client, "/api/search?q=&lang=de")["total"]
    assert german >= 1
    for spelling in ("DE", "German", "GERMAN", "de,"):
        assert get_json(server_client, f"/api/search?q=&lang={spelling}")["total"] == german
    assert get_json(server_client, "/api/search?q=lang:german")["total"] == german


def test_multi_select_is_or_within_a_facet_and_and_across(server_client):
    everything = get_json(server_client, "/api/search?q=&size=100")
    languages = {f["value"]: f["count"] for f in everything["facets"]["language"]}
    both = get_json(server_client, "/api/search?q=&lang=de&lang=nl&size=100")
    assert both["total"] == languages["de"] + languages["nl"]
    assert {f["value"]: f["count"] for f in both["facets"]["language"]} == languages
    narrowed = get_json(server_client, "/api/search?q=&lang=de&lang=nl&translated=false&size=100")
    assert narrowed["total"] <= both["total"]
    assert all(not hit["translated"] and hit["language"] in ("de", "nl") for hit in narrowed["hits"])


def test_undated_documents_are_a_year_bucket_and_a_filter(server_client):
    everything = get_json(server_client, "/api/search?q=&size=100")
    years = {f["value"]: f["count"] for f in everything["facets"]["year"]}
    undated = [hit for hit in everything["hits"] if not hit["date"]]
    assert undated and years["undated"] == len(undated)
    body = get_json(server_client, "/api/search?q=&year=undated&size=100")
    assert {hit["id"] for hit in body["hits"]} == {hit["id"] for hit in undated}


def test_title_field_searches_titles_only(server_client):
    anywhere = get_json(server_client, "/api/search?q=Nuctech&size=100")
    in_title = get_json(server_client, "/api/search?q=title:Nuctech&size=100")
    assert 0 < in_title["total"] <= anywhere["total"]
    assert all("nuctech" in ((h["title"] or "") + (h["title_en"] or "")).lower() for h in in_title["hits"])
    assert in_title["interpretation"]["terms"][0]["field"] == "title"


def test_interpretation_says_how_the_query_was_read(server_client):
    body = get_json(server_client, '/api/search?q=Nuctech+%22trade+war+-~Zoll+~douane+Nuc*')
    reading = body["interpretation"]
    assert [(t["text"], t["added"]) for t in reading["terms"]] == [
        ("Nuctech", False), ("trade", False), ("war", False), ("douane", True), ("Nuc", False)]
    assert reading["dropped"] == ["Zoll"] and reading["added"] == ["douane"]
    assert any("unmatched" in note for note in reading["notes"])
    assert any("wildcards" in note for note in reading["notes"])
    assert "Nuctech" in reading["untranslated"]

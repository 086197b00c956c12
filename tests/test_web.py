"""Web UI: search page, facets, paging, document page, escaping, headers."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlparse

import pytest

from indexer.engines.base import Snippet
from indexer.results import snippet_html
from server.highlight import highlight_html, translation_label


class Links(HTMLParser):
    """Collects hrefs (optionally only those with a given attribute) and tags."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[tuple[str, dict]] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        attributes = dict(attrs)
        if tag == "a" and "href" in attributes:
            self.hrefs.append((attributes["href"], attributes))


def page(client, url, status=200) -> str:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code, response.get_data(as_text=True)[:800])
    assert response.content_type.startswith("text/html")
    return response.get_data(as_text=True)


def parsed(text: str) -> Links:
    links = Links()
    links.feed(text)
    return links


def test_front_page_has_a_labelled_search_box_and_index_stats(server_client, server_engine):
    text = page(server_client, "/")
    assert '<label for="q">' in text and 'id="q"' in text
    assert f"{server_engine.stats().documents} documents indexed" in text
    assert "Things to try" in text and "Remove filters" not in text, "no filter is set on the start page"


def test_front_page_has_human_dates_newest_documents_and_collection_counts(server_client, server_engine):
    text = page(server_client, "/")
    stats = server_engine.stats()
    assert stats.built_at not in text and re.search(r"index built \d{1,2} \w+ \d{4}, \d\d:\d\d UTC \(", text)
    newest = re.findall(r'<ul class="newest">(.*?)</ul>', text, re.S)[0]
    assert newest.count("<li>") == 5 and "/documents/" in newest
    browse = [href for href, _ in parsed(text).hrefs if href.startswith("?q=&")]
    assert "?q=&lang=de" in browse and "?q=&year=undated" in browse
    assert "German</a> <span class=\"n\">" in text
    body = page(server_client, "/?q=&lang=de")
    assert "documents" in body and "Browsing all documents, newest first." in body
    css = server_client.get("/static/style.css").get_data(as_text=True)
    assert "#c2410c" not in css, "the focus ring is neutral, not an error colour"


def test_results_keep_the_query_and_show_count_time_and_hits(server_client):
    text = page(server_client, "/?q=Nuctech+%22scanners%22")
    assert 'value="Nuctech &#34;scanners&#34;"' in text or 'value="Nuctech &quot;scanners&quot;"' in text
    assert re.search(r"\d+ results? for <q>Nuctech &(#34|quot);scanners&(#34|quot);</q>", text), text[:2000]
    assert re.search(r"\(\d+\.\d ms\)", text)
    assert 'class="badge lang-de"' in text and 'class="badge lang-nl"' in text
    assert "<mark>" in text


def test_translation_label_and_untranslated_note(server_client):
    text = page(server_client, "/?q=China+Nuctech+Huawei&size=100")
    assert re.search(r"machine translation \(\w+ (de|nl)→en [\d.]+\)", text), text
    assert "untranslated" in text


class Checkboxes(HTMLParser):
    """Facet checkboxes: (name, value, checked) in page order."""

    def __init__(self) -> None:
        super().__init__()
        self.boxes: list[tuple[str, str, bool]] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "input" and attributes.get("type") == "checkbox":
            self.boxes.append((attributes["name"], attributes["value"], "checked" in attributes))


def checkboxes(text: str) -> list[tuple[str, str, bool]]:
    found = Checkboxes()
    found.feed(text)
    return found.boxes


def test_facets_are_checkboxes_in_one_form_and_keep_other_values(server_client):
    text = page(server_client, "/?q=China+Nuctech+Huawei&size=100")
    boxes = checkboxes(text)
    assert ("lang", "nl", False) in boxes and ("lang", "de", False) in boxes
    form = text[text.index('class="facet-form"'):]
    form = form[: form.index("</form>")]
    assert 'type="submit"' in form and 'name="q" value="China Nuctech Huawei"' in form
    narrowed = page(server_client, "/?q=China+Nuctech+Huawei&size=100&lang=nl")
    assert 'class="badge lang-nl"' in narrowed and 'class="badge lang-de"' not in narrowed
    boxes = checkboxes(narrowed)
    assert ("lang", "nl", True) in boxes and ("lang", "de", False) in boxes, "other values stay, to add them"
    both = page(server_client, "/?q=China+Nuctech+Huawei&size=100&lang=nl&lang=de")
    assert 'class="badge lang-nl"' in both and 'class="badge lang-de"' in both


def test_active_filters_are_chips_with_clear_all(server_client):
    text = page(server_client, "/?q=Nuctech&lang=de&lang=nl&translated=false&from=2020&sort=date")
    chips = [(href, a) for href, a in parsed(text).hrefs if a.get("class") == "chip"]
    labels = [a["aria-label"] for _, a in chips]
    assert labels == ["remove filter Language: German", "remove filter Language: Dutch",
                      "remove filter Translation: untranslated", "remove filter From: 2020"]
    german = parse_qs(urlparse(chips[0][0]).query)
    assert german["lang"] == ["nl"] and german["q"] == ["Nuctech"] and german["sort"] == ["date"]
    clear = next(href for href, a in parsed(text).hrefs if a.get("class") == "clear")
    assert parse_qs(urlparse(clear).query) == {"q": ["Nuctech"], "sort": ["date"]}


@pytest.mark.parametrize("facet", ["language", "source", "year", "translated"])
def test_every_facet_is_offered(server_client, facet):
    text = page(server_client, "/?q=China+Nuctech+Huawei")
    assert f'data-facet="{facet}"' in text, facet


@pytest.mark.parametrize("value, label", [("true", "true"), ("on", "true"), ("1", "true"),
                                          ("false", "false"), ("off", "false"), ("no", "false")])
def test_translated_filter_shows_as_selected_for_every_accepted_spelling(server_client, value, label):
    text = page(server_client, f"/?q=China+Nuctech+Huawei&translated={value}")
    assert [v for name, v, checked in checkboxes(text) if name == "translated" and checked] == [label], value


def test_date_range_is_in_the_filter_form(server_client):
    text = page(server_client, "/?q=Nuctech&lang=de&sort=date&page=1")
    form = text[text.index('class="facet-form"'):]
    form = form[: form.index("</form>")]
    assert 'name="lang" value="de"' in form and 'name="sort" value="date"' in form
    assert 'name="page"' not in form and '<label for="from">' in form and '<label for="to">' in form


def test_pagination_links(server_client):
    text = page(server_client, "/?q=China+Nuctech+Huawei&size=1&page=2")
    hrefs = [href for href, _ in parsed(text).hrefs]
    assert any("page=1" in h for h in hrefs) and any("page=3" in h for h in hrefs)
    assert '<span aria-current="page">2</span>' in text
    assert '<ol class="hits" start="2">' in text


def test_sort_links(server_client):
    text = page(server_client, "/?q=Nuctech")
    assert '<strong aria-current="true">relevance</strong>' in text
    assert any("sort=date" in href for href, _ in parsed(text).hrefs)


def test_empty_results_suggest_what_to_try(server_client):
    text = page(server_client, "/?q=zzzyxxq&lang=de")
    assert "0 results" in text and "Things to try" in text
    assert "Search again without filters" in text


def test_bad_parameter_is_a_400_page_with_the_reason(server_client):
    text = page(server_client, "/?q=%22open&lang=xx", status=400)
    assert "unknown language" in text and 'value="&#34;open"' in text


def test_unbalanced_quote_is_searched_and_explained(server_client):
    text = page(server_client, "/?q=%22Nuctech")
    assert "result" in text and "Note: an unmatched" in text


def test_engine_down_is_a_503_page(broken_client):
    text = page(broken_client, "/?q=Nuctech", status=503)
    assert "Search is unavailable" in text
    assert "not available yet" in page(broken_client, "/")


def find_document(client, engine, predicate):
    """The first document of a broad search for which ``predicate`` holds."""
    body = client.get("/api/search?q=China+Nuctech+Huawei+Alibaba&size=100").get_json()
    return next(engine.get(hit["id"]) for hit in body["hits"] if predicate(engine.get(hit["id"])))


def test_document_page_side_by_side_with_highlights(server_client, server_engine):
    doc = find_document(server_client, server_engine,
                        lambda d: d.title_en and d.language == "de" and "Nuctech" in d.text())
    text = page(server_client, f"/documents/{doc.id}?q=Nuctech")
    rows = re.findall(r'<div class="row paragraph[^"]*" id="p\d+">', text)
    assert len(rows) == len(doc.paragraphs)
    native = sum(1 for p in doc.paragraphs if p.is_english)
    assert text.count('<div class="col original"') == text.count('<div class="col english"') == len(rows) - native
    marks = re.findall(r'<mark id="m(\d+)">Nuctech</mark>', text)
    assert marks and [int(m) for m in marks] == list(range(1, len(marks) + 1)), marks
    english_cells = re.findall(r'<div class="col english" lang="en">(.*?)</div>', text, re.S)
    assert any('">Nuctech</mark>' in cell for cell in english_cells)
    assert '<a href="#m1">first match</a>' in text and f'href="#m{len(marks)}">last match' in text
    assert '<a href="#m2" aria-label="next match (2 of' in text
    assert "Metadata and provenance" in text and doc.source_sha256 in text
    assert all(p.translator in text for p in doc.paragraphs if p.translator)


def test_english_article_shows_its_text_once(server_client):
    text = page(server_client, "/?q=Nuctech+scanners+xss")
    card = text[text.index("Hostile &lt;script&gt;"):]
    card = card[: card.index("</article>")]
    assert "Original (English)" not in card and '<span class="label">English</span>' in card


def test_untranslated_document_page_says_so(server_client, server_engine):
    doc = find_document(server_client, server_engine, lambda d: not d.translated)
    text = page(server_client, f"/documents/{doc.id}")
    assert "Untranslated:" in text and "Not translated" in text


@pytest.mark.parametrize("url", ["/?q=Nuctech+xss+Huawei", "/documents/zz_hostile?q=script+Nuctech"])
def test_hostile_document_renders_as_text(server_client, url):
    text = page(server_client, url)
    assert "script" not in parsed(text).tags and "img" not in parsed(text).tags
    assert "&lt;script&gt;" in text
    assert "onerror" not in text or "&lt;img src=x onerror=alert(1)&gt;" in text


@pytest.mark.parametrize("url, status", [
    ("/documents/no/such", 404), ("/documents/../etc/passwd", 400), ("/nothing", 404),
])
def test_web_errors_are_pages(server_client, url, status):
    assert "Back to search" in page(server_client, url, status=status)


@pytest.mark.parametrize("url", ["/", "/?q=Nuctech", "/documents/zz_hostile", "/nothing"])
def test_security_headers_and_no_inline_code(server_client, url):
    response = server_client.get(url)
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "style-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    text = response.get_data(as_text=True)
    assert "style=" not in text and " on" + "click" not in text and "<script" not in text


def test_stylesheet_is_served_locally(server_client):
    response = server_client.get("/static/style.css")
    assert response.status_code == 200 and b"@media" in response.data
    assert "http" not in page(server_client, "/").split("<body")[0]  # nothing fetched from elsewhere


@pytest.mark.parametrize("text, terms, expected", [
    ("Nuctech scanners", ["scanner"], "Nuctech <mark>scanners</mark>"),
    ("NUCTECH", ["nuctech"], "<mark>NUCTECH</mark>"),
    ("securities and security", ["security"], "<mark>securities</mark> and <mark>security</mark>"),
    ("used by the US", ["us"], "used by the <mark>US</mark>"),
    ("rescanner", ["scanner"], "rescanner"),
    ("<b>Huawei</b> & co", ["huawei"], "&lt;b&gt;<mark>Huawei</mark>&lt;/b&gt; &amp; co"),
    ('say "hi"', ["hi"], "say &quot;<mark>hi</mark>&quot;"),
    ("Zusammenarbeit", [], "Zusammenarbeit"),
    ("Überwachung überwachen", ["überwachen"], "<mark>Überwachung</mark> <mark>überwachen</mark>"),
    ("a.b (c)", ["("], "a.b (c)"),
])
def test_highlight_escapes_then_marks(text, terms, expected):
    assert str(highlight_html(text, terms)) == expected


def test_snippet_html_marks_spans_after_escaping():
    snippet = Snippet("<i>x</i> Nuctech", ((9, 16),))
    assert snippet_html(snippet) == "&lt;i&gt;x&lt;/i&gt; <mark>Nuctech</mark>"


@pytest.mark.parametrize("ids, expected", [
    (["argos/de_en@1.9"], "machine translation (Argos de→en 1.9)"),
    (["argos/de_en@1.9", "argos/nl_en@1.9", "argos/de_en@1.9"], "machine translation (Argos de→en 1.9, Argos nl→en 1.9)"),
    (["custom-mt"], "machine translation (custom-mt)"),
    (["argos/fr_de@1.0+argos/de_en@1.9"], "machine translation (Argos fr→de 1.0 via Argos de→en 1.9)"),
    ([None], None),
    ([], None),
])
def test_translation_label(ids, expected):
    assert translation_label(ids) == expected


@pytest.mark.parametrize("argv, host, port", [
    ([], "127.0.0.1", 8000),
    (["--host", "0.0.0.0", "--port", "8123"], "0.0.0.0", 8123),
])
def test_serve_runs_the_app_under_waitress(monkeypatch, tmp_path, argv, host, port):
    from types import SimpleNamespace

    from click.testing import CliRunner
    from flask import Flask

    from indexer.cli import main
    from server import wsgi_server

    served = {}

    def fake_server(app, **kwargs):
        served.update(kwargs, app=app)
        return SimpleNamespace(run=lambda: None)

    monkeypatch.setattr(wsgi_server, "make_server", fake_server)
    result = CliRunner().invoke(main, ["serve", "--data", str(tmp_path), *argv])
    assert result.exit_code == 0, result.output
    assert (served["host"], served["port"]) == (host, port)
    assert isinstance(served["app"], Flask)
    assert served["app"].config["SETTINGS"].data_dir == tmp_path
    assert f"http://{host}:{port}/" in result.output

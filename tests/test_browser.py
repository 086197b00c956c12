"""Browser tests: headless Chromium against a real ``babelsearch serve``.

Uses Debian's ``chromium`` and ``chromium-driver`` packages, given to
Selenium explicitly (Selenium Manager would try to download a driver).
Skipped with a reason when they are missing, except under ``CI=true``
where a missing browser is a failure. Screenshots of the pages go to
``$BABELSEARCH_ARTIFACTS`` (default ``tests/artifacts/``, git-ignored).
"""
from __future__ import annotations

import os
import urllib.request
from pathlib import Path

import pytest
from live_server import serving
from system_deps import missing_dependency

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ARTIFACTS = Path(os.environ.get("BABELSEARCH_ARTIFACTS", ROOT / "tests" / "artifacts"))
CHROME_FLAGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-first-run", "--disable-extensions", "--disable-default-apps",
)
LAPTOP, PHONE = (1280, 900), (390, 844)


def _require_browser() -> None:
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("the selenium Python package")
    if not missing:
        return
    missing_dependency(f"browser tests need {', '.join(missing)} (apt-get install chromium chromium-driver)")




# A tiny Ding dictionary (the format of Debian's trans-de-en), so that the
# pages show dictionary query translation: "customs" has a right and a wrong
# translation to drop, "ports" matches "Häfen" in a seed.
DING = """# Version :: browser test
Zoll {m}; Zölle {pl} :: customs; customs duties
Sitte {f}; Sitten {pl} :: custom; customs
Hafen {m}; Häfen {pl} :: port; ports
"""


@pytest.fixture(scope="module")
def browser_settings(server_corpus, tmp_path_factory):
    """The server corpus indexed with stand-in translations and a tiny lexicon."""
    from server_fakes import STAND_IN_TRANSLATED, stand_in_translation

    from indexer.lexicon import lexicon_path
    from indexer.lexicon.build import build_lexicon
    from indexer.lexicon.sources import standard_sources
    from indexer.pipeline import reindex
    from indexer.settings import Settings

    data = tmp_path_factory.mktemp("browser-index")
    dictionaries = tmp_path_factory.mktemp("browser-dictionaries")
    (dictionaries / "de-en").write_text(DING, encoding="utf-8")
    found, _ = standard_sources(dictionaries / "de-en", dictionaries)
    build_lexicon(found, lexicon_path(data))
    settings = Settings(data_dir=data, corpus=server_corpus, translations_dir=data / "translations")
    reindex(settings, extra_stages=[stand_in_translation(STAND_IN_TRANSLATED)])
    return settings


@pytest.fixture(scope="module")
def live_server(browser_settings):
    """``babelsearch serve`` in a subprocess on a free loopback port; yields its URL.

    Needs no browser: tests that do also ask for ``browser``, which skips them.
    """
    with serving(browser_settings.data_dir) as (url, _process):
        yield url


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """Headless Chromium driven by Debian's chromedriver, with a fresh profile."""
    _require_browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in CHROME_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.add_argument(f"--window-size={LAPTOP[0]},{LAPTOP[1]}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def artifacts() -> Path:
    """The screenshot folder (created, and ignored by git)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


def _by():
    from selenium.webdriver.common.by import By

    return By


def _wait_for_new_page(browser, action) -> None:
    """Run ``action`` (a click or a key press that navigates) and wait until the old page is gone."""
    from selenium.common.exceptions import (
        StaleElementReferenceException,
        WebDriverException,
    )
    from selenium.webdriver.support.ui import WebDriverWait

    old = browser.find_element(_by().TAG_NAME, "html")
    action()

    def replaced(_driver) -> bool:
        try:
            old.is_enabled()
        except StaleElementReferenceException:
            return True
        except WebDriverException as exc:
            # Asked mid-navigation, chromedriver may say the node left the
            # document instead of calling it stale: the old page is gone too.
            if "does not belong to the document" in str(exc):
                return True
            raise
        return False

    WebDriverWait(browser, 10).until(replaced)


def _console_errors(driver) -> list[str]:
    """Severe console messages (CSP violations and script errors show up here)."""
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def test_search_facet_and_document(browser, live_server, artifacts):
    from selenium.webdriver.common.keys import Keys

    By = _by()
    browser.set_window_size(*LAPTOP)
    browser.get(live_server + "/")
    box = browser.find_element(By.ID, "q")
    assert browser.switch_to.active_element == box, "the search box should have focus on the front page"
    browser.save_screenshot(str(artifacts / "start-laptop.png"))
    box.send_keys("Nuctech China Huawei", Keys.ENTER)
    heading = browser.find_element(By.ID, "results-heading")
    assert "results for" in heading.text, heading.text
    assert browser.find_element(By.ID, "q").get_attribute("value") == "Nuctech China Huawei"
    badges = {b.text for b in browser.find_elements(By.CSS_SELECTOR, ".hit .badge")}
    assert {"DE", "NL"} <= badges, badges
    assert browser.find_elements(By.CSS_SELECTOR, ".hit mark"), "snippets should highlight the query"
    browser.save_screenshot(str(artifacts / "search-laptop.png"))

    browser.find_element(By.CSS_SELECTOR, ".hit-title a").click()
    rows = browser.find_elements(By.CSS_SELECTOR, ".parallel .row.paragraph:not(.native)")
    assert rows, "the document page should list paragraphs"
    for row in rows[:5]:
        original = row.find_element(By.CSS_SELECTOR, ".col.original")
        english = row.find_element(By.CSS_SELECTOR, ".col.english")
        assert original.location["x"] < english.location["x"], "original left of English"
        assert original.location["y"] == english.location["y"], "paragraph pair aligned on one line"
    assert browser.find_elements(By.CSS_SELECTOR, ".parallel mark"), "query words marked on the page"
    assert "Metadata and provenance" in browser.page_source
    browser.save_screenshot(str(artifacts / "document-laptop.png"))
    assert _console_errors(browser) == []


def test_interpretation_line_drops_and_adds_translations(browser, live_server, artifacts):
    By = _by()
    browser.set_window_size(*LAPTOP)
    browser.get(live_server + "/?q=customs+ports")
    line = browser.find_element(By.CSS_SELECTOR, ".interpretation").text
    assert "Searched as:" in line and "customs →" in line and "zoll" in line and "sitten" in line, line
    assert "häfen" in line, line
    browser.save_screenshot(str(artifacts / "interpretation.png"))
    drop = browser.find_element(By.CSS_SELECTOR, "a[aria-label='search again without the translation sitten']")
    _wait_for_new_page(browser, drop.click)
    assert "-~sitten" in browser.find_element(By.ID, "q").get_attribute("value")
    line = browser.find_element(By.CSS_SELECTOR, ".interpretation").text
    assert "Dropped: sitten restore" in line, line
    assert not browser.find_elements(By.CSS_SELECTOR, "a[aria-label='search again without the translation sitten']")
    box = browser.find_element(By.ID, "add")
    box.send_keys("Maut")
    _wait_for_new_page(browser, lambda: browser.find_element(By.CSS_SELECTOR, ".add-translation button").click())
    assert browser.find_element(By.ID, "q").get_attribute("value") == "customs ports -~sitten ~Maut"
    line = browser.find_element(By.CSS_SELECTOR, ".interpretation").text
    assert "Your translations: Maut" in line, line
    browser.save_screenshot(str(artifacts / "interpretation-edited.png"))
    _wait_for_new_page(browser, lambda: browser.find_element(By.LINK_TEXT, "restore").click())
    assert browser.find_element(By.ID, "q").get_attribute("value") == "customs ports ~Maut"
    assert _console_errors(browser) == []


def test_document_page_marks_matches_with_next_and_previous(browser, live_server, artifacts):
    By = _by()
    browser.set_window_size(*LAPTOP)
    browser.get(live_server + "/?q=customs+ports")
    hit = next(a for a in browser.find_elements(By.CSS_SELECTOR, ".hit-title a")
               if "000_" in a.get_attribute("href"))
    _wait_for_new_page(browser, hit.click)
    marks = browser.find_elements(By.CSS_SELECTOR, ".parallel mark[id]")
    assert len(marks) >= 2, "Häfen is marked in the original and in the English column"
    assert {m.text for m in marks} >= {"Häfen"}
    assert browser.find_elements(By.CSS_SELECTOR, ".col.original mark")
    assert browser.find_elements(By.CSS_SELECTOR, ".col.english mark")
    browser.find_element(By.LINK_TEXT, "first match").click()  # same page: only the fragment changes
    assert browser.current_url.endswith("#m1")
    following = browser.find_element(By.CSS_SELECTOR, "#m1 + .mnav a[aria-label^='next match']")
    assert following.is_displayed() and not browser.find_element(By.CSS_SELECTOR, "#m2 + .mnav").is_displayed()
    browser.save_screenshot(str(artifacts / "document-matches.png"))
    following.click()
    assert browser.current_url.endswith("#m2")
    browser.find_element(By.CSS_SELECTOR, "#m2 + .mnav a[aria-label^='previous match']").click()
    assert browser.current_url.endswith("#m1")
    assert _console_errors(browser) == []


def test_multi_select_facets_with_chips_by_keyboard(browser, live_server, artifacts):
    from selenium.webdriver.common.keys import Keys

    By = _by()
    browser.set_window_size(*LAPTOP)
    browser.get(live_server + "/?q=")
    assert "documents" in browser.find_element(By.ID, "results-heading").text
    for code in ("de", "nl"):
        box = browser.find_element(By.CSS_SELECTOR, f"input[type=checkbox][name=lang][value={code}]")
        box.send_keys(Keys.SPACE)  # keyboard, not a click
        assert box.is_selected()
    apply = browser.find_element(By.CSS_SELECTOR, ".facet-form button[type=submit]")
    _wait_for_new_page(browser, lambda: apply.send_keys(Keys.ENTER))
    badges = {b.text for b in browser.find_elements(By.CSS_SELECTOR, ".hit .badge")}
    assert badges == {"DE", "NL"}, badges
    chips = [c.text for c in browser.find_elements(By.CSS_SELECTOR, ".chips .chip")]
    assert chips == ["Language: German ×", "Language: Dutch ×"], chips
    english = browser.find_element(By.CSS_SELECTOR, "input[type=checkbox][name=lang][value=en]")
    assert not english.is_selected(), "the other values stay visible, with counts"
    browser.save_screenshot(str(artifacts / "facets-multi.png"))
    _wait_for_new_page(browser, lambda: browser.find_element(By.CSS_SELECTOR, ".chips .chip").click())
    assert [c.text for c in browser.find_elements(By.CSS_SELECTOR, ".chips .chip")] == ["Language: Dutch ×"]
    _wait_for_new_page(browser, lambda: browser.find_element(By.LINK_TEXT, "Clear all").click())
    assert browser.find_elements(By.CSS_SELECTOR, ".chips") == []
    assert _console_errors(browser) == []


def test_english_paragraph_spans_both_columns_and_untranslated_says_so_once(browser, live_server, artifacts):
    By = _by()
    browser.set_window_size(*LAPTOP)
    browser.get(live_server + "/documents/004_df54f4b47deb87f4?q=Nuctech")
    section = browser.find_element(By.CSS_SELECTOR, ".parallel")
    native = browser.find_elements(By.CSS_SELECTOR, ".parallel .row.native .col")
    assert native, "the Dutch seed has paragraphs written in English"
    assert all(cell.size["width"] > 0.9 * section.size["width"] for cell in native), "one cell across both columns"
    labels = browser.find_elements(By.CSS_SELECTOR, ".parallel .row.native .label")
    assert 1 <= len(labels) < len(native), "one label per run of English paragraphs"
    native[0].location_once_scrolled_into_view
    browser.save_screenshot(str(artifacts / "document-english-paragraph.png"))
    browser.get(live_server + "/documents/001_bf674782e81a529f")
    notes = browser.find_elements(By.CSS_SELECTOR, ".parallel p.untranslated")
    assert len(notes) == 1 and "Not translated" in notes[0].text, [n.text for n in notes]
    assert len(browser.find_elements(By.CSS_SELECTOR, ".parallel .untranslated-row")) > 1
    browser.save_screenshot(str(artifacts / "document-untranslated.png"))


def test_document_stacks_on_a_phone(browser, live_server, artifacts):
    By = _by()
    browser.set_window_size(*PHONE)
    try:
        browser.get(live_server + "/")
        assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1")
        browser.save_screenshot(str(artifacts / "start-phone.png"))
        browser.get(live_server + "/?q=customs+ports+Nuctech&lang=de&lang=nl")
        assert browser.find_element(By.CSS_SELECTOR, ".interpretation").is_displayed()
        assert browser.find_elements(By.CSS_SELECTOR, ".chips .chip")
        assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1")
        browser.save_screenshot(str(artifacts / "search-phone.png"))
        browser.get(live_server + "/?q=Nuctech")
        browser.find_element(By.CSS_SELECTOR, ".hit-title a").click()
        row = browser.find_element(By.CSS_SELECTOR, ".parallel .row.paragraph")
        original = row.find_element(By.CSS_SELECTOR, ".col.original")
        english = row.find_element(By.CSS_SELECTOR, ".col.english")
        assert english.location["y"] > original.location["y"], "phone width: English under the original"
        assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1")
        browser.save_screenshot(str(artifacts / "document-phone.png"))
    finally:
        browser.set_window_size(*LAPTOP)


def test_hostile_document_shows_script_as_text(browser, live_server, artifacts):
    from selenium.common.exceptions import NoAlertPresentException

    By = _by()
    browser.get(live_server + "/documents/zz_hostile?q=Nuctech+script")
    body = browser.find_element(By.TAG_NAME, "body").text
    assert "<script>alert(\"xss\")</script>" in body, body[:1000]
    assert "<img src=x onerror=alert(1)>" in body
    assert browser.find_elements(By.TAG_NAME, "script") == []
    assert browser.find_elements(By.CSS_SELECTOR, "main img") == []
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text
    browser.save_screenshot(str(artifacts / "document-hostile.png"))
    browser.get(live_server + "/?q=Nuctech+xss")
    assert "<script>" in browser.find_element(By.CSS_SELECTOR, ".hits").text
    assert browser.find_elements(By.TAG_NAME, "script") == []


def test_keyboard_reaches_skip_link_search_and_results(browser, live_server):
    from selenium.webdriver.common.keys import Keys

    By = _by()
    browser.get(live_server + "/?q=Nuctech")
    browser.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    first = browser.switch_to.active_element
    assert first.get_attribute("class") == "skip" and first.is_displayed(), first.get_attribute("outerHTML")
    focused = []
    for _ in range(8):
        browser.switch_to.active_element.send_keys(Keys.TAB)
        focused.append(browser.switch_to.active_element.get_attribute("outerHTML")[:60])
    assert any('id="q"' in f for f in focused), focused
    assert any("/documents/" in f for f in focused), focused


def test_api_served_by_the_real_server(live_server):
    import json

    with urllib.request.urlopen(live_server + "/api/search?q=Nuctech&size=2") as response:
        assert response.headers["Content-Security-Policy"].startswith("default-src 'none'")
        body = json.load(response)
    assert body["total"] >= 2 and len(body["hits"]) == 2
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(live_server + "/api/search?q=x&lang=xx")
    assert error.value.code == 400 and json.load(error.value)["error"]["code"] == "bad_request"

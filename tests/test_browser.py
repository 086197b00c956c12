"""Browser tests: headless Chromium against a real ``babelsearch serve``.

Uses Debian's ``chromium`` and ``chromium-driver`` packages, given to
Selenium explicitly (Selenium Manager would try to download a driver).
Skipped with a reason when they are missing, except under ``CI=true``
where a missing browser is a failure. Screenshots of the pages go to
``$BABELSEARCH_ARTIFACTS`` (default ``tests/artifacts/``, git-ignored).
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
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


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(url: str, process: subprocess.Popen, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"babelsearch serve exited with {process.returncode}: {process.stderr.read()}")
        try:
            with urllib.request.urlopen(url + "/api/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"babelsearch serve did not answer at {url} within {timeout}s")


@pytest.fixture(scope="module")
def live_server(server_settings):
    """``babelsearch serve`` in a subprocess on a free loopback port; yields its URL.

    Needs no browser: tests that do also ask for ``browser``, which skips them.
    """
    port = _free_port()
    command = [sys.executable, "-m", "indexer", "serve", "--host", "127.0.0.1",
               "--port", str(port), "--data", str(server_settings.data_dir)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, process)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


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
    box.send_keys("Nuctech China Huawei", Keys.ENTER)
    heading = browser.find_element(By.ID, "results-heading")
    assert "results for" in heading.text, heading.text
    assert browser.find_element(By.ID, "q").get_attribute("value") == "Nuctech China Huawei"
    badges = {b.text for b in browser.find_elements(By.CSS_SELECTOR, ".hit .badge")}
    assert {"DE", "NL"} <= badges, badges
    assert browser.find_elements(By.CSS_SELECTOR, ".hit mark"), "snippets should highlight the query"
    browser.save_screenshot(str(artifacts / "search-laptop.png"))

    dutch = next(a for a in browser.find_elements(By.CSS_SELECTOR, "a[data-facet=language]") if "Dutch" in a.text)
    dutch.click()
    badges = [b.text for b in browser.find_elements(By.CSS_SELECTOR, ".hit .badge")]
    assert badges and set(badges) == {"NL"}, badges
    assert "lang=nl" in browser.current_url
    browser.save_screenshot(str(artifacts / "search-facet.png"))

    browser.find_element(By.CSS_SELECTOR, ".hit-title a").click()
    rows = browser.find_elements(By.CSS_SELECTOR, ".parallel .row.paragraph")
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


def test_document_stacks_on_a_phone(browser, live_server, artifacts):
    By = _by()
    browser.set_window_size(*PHONE)
    try:
        browser.get(live_server + "/?q=Nuctech")
        assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1")
        browser.save_screenshot(str(artifacts / "search-phone.png"))
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
        urllib.request.urlopen(live_server + "/api/search?q=%22")
    assert error.value.code == 400 and json.load(error.value)["error"]["code"] == "query_syntax"

"""``models install --from-index`` against a local package index on 127.0.0.1.

The server misbehaves on purpose: a link that always fails, one that fails
first and then works, one that answers 403 without a User-Agent, one that
cuts the download short.
"""
from __future__ import annotations

import hashlib
import json
import threading
import urllib.error
import urllib.request
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import pytest
from argos_fixtures import argos_archives, settings  # noqa: F401 (fixtures)
from click.testing import CliRunner
from tiny_argos import metadata

from indexer.errors import DownloadFailed, PackageIndexUnavailable
from indexer.settings import Settings
from indexer.translate.downloads import USER_AGENT, RetryPolicy, download
from indexer.translate.models import installed_models
from indexer.translate.package_index import install_from_index

FAST = RetryPolicy(attempts=3, backoff_seconds=0.01, timeout_seconds=5)


class PackageServer(ThreadingHTTPServer):
    """Serves ``files`` under behaviours named by the first path segment."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.files: dict[str, bytes] = {}
        self.hits: Counter[str] = Counter()
        self.agents: list[str] = []

    def url(self, path: str) -> str:
        """Full URL of ``path`` on this server."""
        return f"http://127.0.0.1:{self.server_address[1]}/{path}"


class _Handler(BaseHTTPRequestHandler):
    server: PackageServer

    def log_message(self, *args: object) -> None:  # keep test output clean
        pass

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        behaviour, _, name = self.path.lstrip("/").partition("/")
        self.server.hits[self.path] += 1
        self.server.agents.append(self.headers.get("User-Agent", ""))
        data = self.server.files.get(name)
        if data is None or behaviour == "gone":
            self.send_error(404)
        elif behaviour == "needs-ua" and not self.headers.get("User-Agent", "").startswith("babelsearch/"):
            self.send_error(403, "Forbidden without a User-Agent")
        elif behaviour == "flaky" and self.server.hits[self.path] == 1:
            self.send_error(503)
        else:
            self.send_response(200)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data[: len(data) // 2] if behaviour == "truncated" else data)


@pytest.fixture
def server() -> Iterator[PackageServer]:
    """A package server on 127.0.0.1 for one test."""
    httpd = PackageServer()
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def _leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.is_file()) if directory.exists() else []


def test_every_link_is_tried_until_one_gives_the_whole_file(server: PackageServer, tmp_path: Path) -> None:
    server.files["f.bin"] = bytes(range(256)) * 1000
    links = [server.url("gone/f.bin"), server.url("truncated/f.bin"), server.url("flaky/f.bin")]
    seen: list[tuple[int, int | None]] = []
    path = download(links, tmp_path, policy=FAST, progress=lambda done, total: seen.append((done, total)))
    assert path.read_bytes() == server.files["f.bin"]
    assert server.hits["/flaky/f.bin"] == 2, "retried after the 503"
    assert seen[-1] == (256_000, 256_000)
    assert set(server.agents) == {USER_AGENT}
    path.unlink()


def test_links_are_tried_in_random_order(server: PackageServer, tmp_path: Path) -> None:
    server.files["f.bin"] = b"x" * 100
    links = [server.url("plain/f.bin"), server.url("flaky/f.bin")]
    for _ in range(30):
        download(links, tmp_path, policy=FAST).unlink()
    assert server.hits["/flaky/f.bin"] > 0 and server.hits["/plain/f.bin"] < 30, server.hits


def test_a_mirror_that_wants_a_user_agent_gets_one(server: PackageServer, tmp_path: Path) -> None:
    server.files["f.bin"] = b"data"
    with pytest.raises(urllib.error.HTTPError, match="403"):
        urllib.request.urlopen(server.url("needs-ua/f.bin"))  # noqa: S310 (what Python sends by itself)
    assert download([server.url("needs-ua/f.bin")], tmp_path, policy=FAST).read_bytes() == b"data"


def test_a_short_download_is_never_kept(server: PackageServer, tmp_path: Path) -> None:
    server.files["f.bin"] = b"y" * 10_000
    with pytest.raises(DownloadFailed, match="truncated: 5000 of 10000 bytes"):
        download([server.url("truncated/f.bin"), server.url("gone/f.bin")], tmp_path, policy=FAST)
    assert server.hits["/truncated/f.bin"] == FAST.attempts, "retried, then given up"
    assert server.hits["/gone/f.bin"] == 1, "a 404 is not retried"
    assert _leftovers(tmp_path) == []


def _serve_index(server: PackageServer, archives: dict[str, Path], monkeypatch: pytest.MonkeyPatch,
                 **extra: object) -> None:
    server.files["de.argosmodel"] = archives["de"].read_bytes()
    server.files["nb.argosmodel"] = archives["nl"].read_bytes()
    entry = {**metadata("de"), "links": [server.url("truncated/de.argosmodel"), server.url("needs-ua/de.argosmodel")]}
    index = [{**entry, **extra}, {**metadata("nb"), "links": [server.url("plain/nb.argosmodel")]}]
    server.files["index.json"] = json.dumps(index).encode()
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", server.url("plain/index.json"))


def test_install_from_index_over_http(server: PackageServer, settings: Settings, argos_archives: dict[str, Path],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    data = argos_archives["de"].read_bytes()
    _serve_index(server, argos_archives, monkeypatch, size=len(data), sha256=hashlib.sha256(data).hexdigest())
    packages = install_from_index(["de"], settings.models_path, policy=FAST)
    assert [p.translator_id for p in packages] == ["argos/de_en@1.9"]
    assert _leftovers(settings.models_path) == [], "no temporary download left"


def test_index_code_nb_serves_no(server: PackageServer, settings: Settings, argos_archives: dict[str, Path],
                                monkeypatch: pytest.MonkeyPatch) -> None:
    _serve_index(server, argos_archives, monkeypatch)
    assert [p.from_code for p in install_from_index(["no"], settings.models_path, policy=FAST)] == ["nl"]
    assert server.hits["/plain/nb.argosmodel"] == 1


@pytest.mark.parametrize("extra", [{"sha256": "0" * 64}, {"size": 12}])
def test_a_file_that_differs_from_the_index_is_not_installed(
        server: PackageServer, settings: Settings, argos_archives: dict[str, Path], monkeypatch: pytest.MonkeyPatch,
        extra: dict[str, object]) -> None:
    _serve_index(server, argos_archives, monkeypatch, **extra)
    with pytest.raises(PackageIndexUnavailable, match="where the index says 12|sha256 differs"):
        install_from_index(["de"], settings.models_path, policy=FAST)
    assert installed_models(settings.models_path) == [] and _leftovers(settings.models_path) == []


def test_cli_skips_installed_and_shows_progress(server: PackageServer, settings: Settings,
                                                argos_archives: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    from indexer.cli import main

    _serve_index(server, argos_archives, monkeypatch)
    args = ["models", "install", "--data", str(settings.data_dir), "--from-index", "--skip-installed", "--retries", "0", "de"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "Downloading de→en 1.9" in result.output and "Installed Argos de→en 1.9" in result.output
    hits = sum(server.hits.values())
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0 and "already installed" in result.output, result.output
    assert sum(server.hits.values()) == hits, "nothing fetched when every model is there"


def test_cli_offline_ok_says_one_line_and_succeeds(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    from indexer.cli import main

    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", "http://127.0.0.1:9/index.json")  # nothing listens on port 9
    args = ["models", "install", "--data", str(settings.data_dir), "--from-index", "--offline-ok", "--retries", "0", "de", "nl"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Translation models not installed"), lines
    assert "the dictionaries carry English search" in lines[0]
    result = CliRunner().invoke(main, [a for a in args if a != "--offline-ok"])
    assert result.exit_code == 1 and "cannot download the Argos package index" in result.output

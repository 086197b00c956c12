"""``babelsearch serve`` in production: gunicorn workers, one per core.

The CLI is checked with gunicorn replaced; a real server in a subprocess
shows that every worker answers, that each follows a publish, and that
requests gunicorn refuses itself get JSON errors and never hang.
"""
from __future__ import annotations

import json
import os
import socket
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask import Flask
from live_server import serving

from indexer.cli import main
from indexer.pipeline import reindex
from indexer.settings import Settings
from server import production


@pytest.mark.parametrize("argv, bind, workers, worker_class", [
    ([], "127.0.0.1:8000", os.cpu_count(), production.JsonErrorSyncWorker),
    (["--host", "::1", "--port", "8123", "--workers", "3"], "[::1]:8123", 3, production.JsonErrorSyncWorker),
    (["--threads", "4", "--workers", "1"], "127.0.0.1:8000", 1, production.JsonErrorThreadWorker),
])
def test_serve_runs_gunicorn_with_a_worker_per_core(monkeypatch, tmp_path, argv, bind, workers, worker_class):
    started = {}
    monkeypatch.setattr(production.Server, "run", lambda self: started.update(self.options, app=self.application))
    result = CliRunner().invoke(main, ["serve", "--data", str(tmp_path), *argv])
    assert result.exit_code == 0, result.output
    assert (started["bind"], started["workers"], started["worker_class"]) == (bind, workers, worker_class)
    assert isinstance(started["app"], Flask) and started["app"].config["SETTINGS"].data_dir == tmp_path
    assert f"{workers} worker process" in result.output


def test_gunicorn_errors_become_api_errors():
    page = (b"HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Type: text/html\r\n"
            b"Content-Length: 9\r\n\r\n<html><body><h1><p>Bad Request</p></h1>\n  Invalid &#x27;x&#x27;\n</body></html>")
    head, _, body = production.json_error(page).partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400 Bad Request\r\n")
    assert b"Content-Type: application/json" in head and b"X-Content-Type-Options: nosniff" in head
    assert json.loads(body) == {"error": {"code": "bad_request", "message": "Invalid 'x'"}}


# --- a real server ------------------------------------------------------------


def _article(folder: Path, name: str, text: str) -> None:
    (folder / f"{name}.txt").write_text(f"{name.title()} im Hafen\n\n{text}\n", encoding="utf-8")


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    """A small index served by two workers; yields (settings, url, master pid)."""
    root = tmp_path_factory.mktemp("production")
    corpus = root / "corpus"
    corpus.mkdir()
    _article(corpus, "hafen", "Die Zollbehörde prüft im Hafen neue Scanner aus China. " * 3)
    settings = Settings(data_dir=root / "data", corpus=corpus, translations_dir=root / "translations", workers=1)
    reindex(settings)
    with serving(settings.data_dir, workers=2) as (url, process):
        yield settings, url, process.pid


def _totals(url: str, query: str, count: int) -> list[int]:
    """``count`` concurrent searches; the total each one answered."""
    totals: list[int] = []

    def one() -> None:
        with urllib.request.urlopen(f"{url}/api/search?q={query}", timeout=30) as response:
            totals.append(json.load(response)["total"])

    threads = [threading.Thread(target=one) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return totals


def _workers(pid: int) -> list[int]:
    return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def test_every_worker_answers_and_follows_a_publish(live):
    settings, url, pid = live
    workers = _workers(pid)
    assert len(workers) == 2, "one process per --workers"
    assert _totals(url, "Scanner", 16) == [1] * 16
    index = str(settings.data_dir / "index")
    opened = [w for w in workers if index in Path(f"/proc/{w}/maps").read_text()]
    assert opened == workers, "both workers opened the index themselves (and so took requests)"

    _article(settings.corpus, "zebra", "Ein Zebra steht im Hafen von Rotterdam. " * 3)
    reindex(settings)
    assert _totals(url, "Zebra", 16) == [1] * 16, "every worker switched to the new build"
    assert _workers(pid) == workers, "no worker was restarted for it"


def _raw(url: str, data: bytes) -> tuple[bytes, float]:
    """Send raw bytes; the whole answer and how long it took (5 s at most)."""
    host, port = url.removeprefix("http://").split(":")
    started = time.monotonic()
    with socket.create_connection((host, int(port)), timeout=5) as sock:
        sock.sendall(data)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    return answer, time.monotonic() - started


@pytest.mark.parametrize("request_bytes, status, code", [
    (b"GARBAGE\r\n\r\n", b"400", "bad_request"),
    (b"GET /api/search?q=x HTTP/1.1\r\nHost: x\r\nNo colon here\r\n\r\n", b"400", "bad_request"),
    (b"GET /api/search?q=" + b"x" * 9000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", b"414", "uri_too_long"),
])
def test_requests_gunicorn_refuses_get_json_errors(live, request_bytes, status, code):
    answer, _ = _raw(live[1], request_bytes)
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.split(b" ")[1] == status, head
    assert b"Content-Type: application/json" in head and b"Content-Security-Policy" in head
    assert json.loads(body)["error"]["code"] == code


def test_expect_continue_on_a_get_is_answered_at_once(live):
    answer, took = _raw(live[1], b"GET /api/search?q=Scanner HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n\r\n")
    assert b"HTTP/1.1 200 OK" in answer and b'"total":1' in answer.replace(b" ", b"")
    assert took < 5

"""Hostile clients against the real server stack (waitress as ``serve`` runs it).

Raw sockets, so that what a client library would tidy up (a malformed
request line, ``Expect`` on a GET) reaches the server as sent.
"""
from __future__ import annotations

import json
import socket
import threading

import pytest

from server.wsgi_server import make_server


@pytest.fixture()
def live_port(server_app):
    """Port of the app under ``make_server`` on 127.0.0.1, served from a thread."""
    server = make_server(server_app, host="127.0.0.1", port=0, threads=2, ident="babelsearch")
    stopping = threading.Event()

    def serve() -> None:
        try:
            server.run()
        except OSError:  # the loop may poll a socket that teardown just closed
            if not stopping.is_set():
                raise

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.effective_port
    stopping.set()
    server.task_dispatcher.shutdown()  # let answering threads finish before their trigger closes
    server.close()
    thread.join(timeout=5)


def _exchange(port: int, raw: bytes, timeout: float = 5.0) -> tuple[str, dict[str, str], bytes]:
    """Send ``raw``, read until the server closes or a full response arrived."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(raw)
        data = b""
        while True:
            chunk = sock.recv(65536)
            data += chunk
            head, _, body = data.partition(b"\r\n\r\n")
            if b" 100 Continue" in head.split(b"\r\n")[0]:
                data = body
                continue
            if not chunk or _complete(head, body):
                break
    head, _, body = data.partition(b"\r\n\r\n")
    status, *lines = head.decode("latin-1").split("\r\n")
    headers = {name.lower(): value.strip() for name, _, value in (line.partition(":") for line in lines)}
    return status, headers, body


def _complete(head: bytes, body: bytes) -> bool:
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            return len(body) >= int(line.split(b":")[1])
    return False


def test_expect_continue_on_get_is_answered_at_once(live_port):
    status, headers, body = _exchange(
        live_port, b"GET /api/search?q=Huawei HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n\r\n", timeout=5)
    assert status.endswith("200 OK"), status
    assert json.loads(body)["total"] >= 1


@pytest.mark.parametrize("raw", [
    b"GARBAGE\r\n\r\n",
    b"GET /api/search?q=x HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
    b"GET /api/search?q=x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n",
    b"GET /api/search?q=x HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: abc\r\n\r\n",
])
def test_malformed_requests_get_json_errors(live_port, raw):
    status, headers, body = _exchange(live_port, raw)
    assert " 4" in status or " 5" in status, status
    assert headers["content-type"] == "application/json", headers
    assert headers["x-content-type-options"] == "nosniff", headers
    assert json.loads(body)["error"]["code"], body


@pytest.mark.parametrize("path", ["/api//search?q=x", "/api/search/", "/api/%ff", "/api/documents/%0A"])
def test_odd_api_paths_answer_json(live_port, path):
    status, headers, body = _exchange(live_port, f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
    assert headers["content-type"] == "application/json", (status, headers, body[:200])
    assert json.loads(body)["error"]["code"]

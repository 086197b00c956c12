"""What ``babelsearch serve`` runs: gunicorn, one worker process per core.

Why gunicorn with its sync workers: a search is short and CPU-bound
(Python plus Tantivy), so one process per core, each answering one request
at a time, uses every core without sharing a GIL; and a worker takes the
next connection only when it is idle, so load spreads evenly over the
processes (with keep-alive, a connection would stay with whichever process
accepted it, busy or not). The workers share nothing but the on-disk index:
each opens it on its first request and follows publishes with one ``stat``
of ``CURRENT`` per search. The app is built once before the fork, so the
code is shared copy-on-write; nothing about the index is opened there.

``threads > 1`` chooses gunicorn's threaded worker instead: keep-alive,
and a slow client waits in its poller rather than holding a worker. Use it
when clients reach the server directly over slow links; behind a reverse
proxy, which buffers requests, the default is the faster choice.

Requests gunicorn refuses before the app sees them (a malformed request
line or header, a request line over ``limit_request_line``) are answered
with the API's JSON error body and the security headers, like every other
error. ``Expect: 100-continue`` is answered by gunicorn at once.
"""
from __future__ import annotations

import html
import json
import logging
import re
from typing import Any

from gunicorn.app.base import BaseApplication
from gunicorn.workers.gthread import ThreadWorker
from gunicorn.workers.sync import SyncWorker

from .security import HEADERS

log = logging.getLogger(__name__)

LIMIT_REQUEST_LINE = 8190  # gunicorn's maximum; a 1,000-character query fits
TIMEOUT_SECONDS = 30  # a worker silent this long is restarted


class _Recorder:
    """Stands in for the client socket while gunicorn writes its HTML error."""

    def __init__(self) -> None:
        self.data = b""

    def sendall(self, data: bytes) -> None:
        self.data += data

    def gettimeout(self) -> float:
        return 0.0


def json_error(page: bytes) -> bytes:
    """gunicorn's HTML error response rewritten as the API's JSON error."""
    text = page.decode("latin-1")
    status = re.match(r"HTTP/1\.[01] (\d{3}) ([^\r\n]*)", text)
    code, reason = (status.group(1), status.group(2)) if status else ("400", "Bad Request")
    found = re.search(r"</h1>\s*(.*?)\s*</body>", text, re.S)
    message = html.unescape(found.group(1)) if found and found.group(1) else reason
    body = json.dumps({"error": {"code": reason.lower().replace(" ", "_"), "message": message}}).encode("utf-8")
    headers = [f"HTTP/1.1 {code} {reason}", "Connection: close", "Content-Type: application/json",
               f"Content-Length: {len(body)}", *(f"{k}: {v}" for k, v in HEADERS.items())]
    return ("\r\n".join(headers) + "\r\n\r\n").encode("latin-1") + body


class _JsonErrors:
    """Worker mixin: gunicorn's own error responses as JSON (see ``json_error``)."""

    def handle_error(self, req: Any, client: Any, addr: Any, exc: BaseException) -> None:
        recorder = _Recorder()
        super().handle_error(req, recorder, addr, exc)  # type: ignore[misc]  # status, reason, logging
        if recorder.data:
            try:
                client.sendall(json_error(recorder.data))
            except OSError:
                log.debug("could not send the error response")


class JsonErrorSyncWorker(_JsonErrors, SyncWorker):
    """gunicorn's sync worker with JSON errors."""


class JsonErrorThreadWorker(_JsonErrors, ThreadWorker):
    """gunicorn's threaded worker with JSON errors."""


class Server(BaseApplication):
    """gunicorn running one already built WSGI app."""

    def __init__(self, app: Any, host: str, port: int, workers: int, threads: int = 1) -> None:
        self.application = app
        self.options = {
            "bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
            "workers": workers,
            "threads": threads,
            "worker_class": JsonErrorThreadWorker if threads > 1 else JsonErrorSyncWorker,
            "preload_app": True,
            "timeout": TIMEOUT_SECONDS,
            "limit_request_line": LIMIT_REQUEST_LINE,
            "proc_name": "babelsearch",
            "accesslog": None,
            "errorlog": "-",
            "loglevel": logging.getLevelName(logging.getLogger().getEffectiveLevel()).lower(),
        }
        super().__init__()

    def load_config(self) -> None:
        for name, value in self.options.items():
            self.cfg.set(name, value)

    def load(self) -> Any:
        return self.application

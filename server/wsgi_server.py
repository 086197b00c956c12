"""waitress, adjusted for hostile clients: what ``babelsearch serve`` runs.

Two changes to waitress 3's protocol handling, both through its own
extension points (``channel_class``, ``parser_class``, ``error_task_class``):

1. ``Expect: 100-continue`` on a request without a body (a GET), or on one
   waitress refuses (a bad ``Content-Length``), is answered at once. waitress sends ``100 Continue`` and then waits for a
   body that never comes, so the final response never left (25 s and more).
2. Requests waitress refuses before the app sees them (a malformed request
   line, a bad ``Content-Length``, headers too large) get the API's JSON
   error body ``{"error": {"code", "message"}}`` instead of ``text/plain``,
   with the security headers every other response carries.
"""
from __future__ import annotations

import json
from typing import Any

from waitress.channel import HTTPChannel
from waitress.parser import HTTPRequestParser
from waitress.server import BaseWSGIServer, create_server
from waitress.task import ErrorTask

from .security import HEADERS


class _Parser(HTTPRequestParser):
    """Drops the expectation of a body when the request declares none."""

    def parse_header(self, header_plus: bytes) -> None:
        try:
            super().parse_header(header_plus)
        except Exception:
            self.expect_continue = False  # a refused request is answered at once too
            raise
        if self.expect_continue and not self.chunked and not self.content_length:
            self.expect_continue = False  # nothing to wait for: answer right away


class _JsonErrorTask(ErrorTask):
    """waitress's own errors, as the API's JSON errors."""

    def execute(self) -> None:
        error = self.request.error
        code = error.reason.lower().replace(" ", "_")
        body = json.dumps({"error": {"code": code, "message": str(error.body)}}).encode("utf-8")
        self.status = f"{error.code} {error.reason}"
        self.response_headers.append(("Content-Type", "application/json"))
        self.response_headers.extend(HEADERS.items())
        self.set_close_on_finish()
        self.content_length = len(body)
        self.write(body)


class _Channel(HTTPChannel):
    parser_class = _Parser
    error_task_class = _JsonErrorTask


def make_server(app: Any, **adjustments: Any) -> Any:
    """A waitress server for ``app`` (``host``, ``port``, ``threads``, … as in
    ``waitress.serve``) with the adjustments above; call ``.run()``."""
    sockets: dict = {}
    server = create_server(app, map=sockets, **adjustments)
    for listener in list(sockets.values()):
        if isinstance(listener, BaseWSGIServer):
            listener.channel_class = _Channel
    return server

"""The HTTP floor for ``http_load.py``: ``serve``'s server without a search.

gunicorn with exactly the worker class and settings ``babelsearch serve``
uses (``server.production.Server``), and a Flask app that answers
``/api/search`` with the bytes of a real answer recorded by ``http_load``.
Its latency is what HTTP, gunicorn, Flask and the client cost for an answer
of that size, before any search is done: the least the API can take.

    python bench/http_floor.py PORT WORKERS BODY_FILE
"""
from __future__ import annotations

import sys
from pathlib import Path

from flask import Flask, Response

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from server.production import Server  # noqa: E402
from server.security import init_app as security_headers  # noqa: E402


def floor_app(body: bytes) -> Flask:
    """Flask answering the recorded ``body`` for search and health, with the security headers."""
    app = Flask(__name__)
    security_headers(app)

    @app.get("/api/search")
    @app.get("/api/health")
    def answer() -> Response:
        return Response(body, mimetype="application/json")

    return app


def main() -> None:
    port, workers, body = int(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3]).read_bytes()
    Server(floor_app(body), "127.0.0.1", port, workers).run()


if __name__ == "__main__":
    main()

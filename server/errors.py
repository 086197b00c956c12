"""Errors at the HTTP edge: JSON ``{"error": {"code", "message"}}`` for the
API, an error page for the web UI, the right status for both.

User input never causes a 500: bad parameters and unparsable queries are
400 with the reason, an unknown document 404, an engine that cannot answer
503. Anything else is a bug: logged with its traceback, 500 without details.
"""
from __future__ import annotations

import logging

from flask import Flask, Response, current_app, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from indexer.errors import BabelsearchError

log = logging.getLogger(__name__)


def wants_json() -> bool:
    """True for API requests (also for unknown paths under /api/)."""
    return request.blueprint == "api" or request.path.startswith("/api/")


def error_response(status: int, code: str, message: str) -> tuple[Response | str, int]:
    """The JSON or HTML answer for an error."""
    if wants_json():
        return jsonify(error={"code": code, "message": message}), status
    return render_template("error.html", status=status, code=code, message=message), status


def _babelsearch_error(error: BabelsearchError):
    status = error.status
    if status >= 500:
        log.warning("%s: %s", type(error).__name__, error)
    if status == 500:
        return error_response(500, "internal_error", "internal error; see the server log")
    return error_response(status, error.code, without_server_paths(str(error)))


def without_server_paths(message: str) -> str:
    """``message`` with the server's own folders named by their setting, not their path.

    Errors from the indexer name folders (``no index in /srv/data``) for the
    CLI's user; over HTTP an absolute path tells a client nothing it needs.
    """
    settings = current_app.config.get("SETTINGS")
    if settings is None:
        return message
    folders = {
        "$BABELSEARCH_DATA": settings.data_dir, "$BABELSEARCH_CORPUS": settings.corpus,
        "$BABELSEARCH_TRANSLATIONS": settings.translations_dir, "$BABELSEARCH_MODELS": settings.models_path,
    }
    for name, folder in folders.items():
        for spelling in {str(folder.resolve()), str(folder.absolute())}:
            message = message.replace(spelling, name)
    return message


def _http_error(error: HTTPException):
    code = (error.name or "error").lower().replace(" ", "_")
    return error_response(error.code or 500, code, error.description or error.name)


def _unexpected(error: Exception):
    log.exception("unexpected error on %s %s", request.method, request.path)
    return error_response(500, "internal_error", "internal error; see the server log")


def init_app(app: Flask) -> None:
    """Register the handlers on ``app``."""
    app.register_error_handler(BabelsearchError, _babelsearch_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected)

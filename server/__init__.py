"""babelsearch's HTTP layer: a read-only web UI and JSON API over the engine.

``create_app`` is the application factory (flaskr style): it reads the same
``Settings`` as the CLI, registers the engine resource, the security headers,
the error handlers and the two blueprints (``api`` for JSON, ``web`` for
pages). ``babelsearch serve`` runs it under waitress.
"""
from __future__ import annotations

import logging
from typing import Any, Mapping

from flask import Flask

from indexer.settings import Settings

from . import api, engine, errors, security, web

log = logging.getLogger(__name__)


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the Flask app.

    ``config`` may hold ``SETTINGS`` (an ``indexer.settings.Settings``;
    default: loaded from the environment) and ``ENGINE`` (an already open
    engine, used as is — tests pass fakes here). Other keys go into
    ``app.config`` unchanged.
    """
    app = Flask(__name__)
    app.config.from_mapping(SETTINGS=None, ENGINE=None)
    if config:
        app.config.update(config)
    if app.config["SETTINGS"] is None:
        app.config["SETTINGS"] = Settings.load()
    app.url_map.merge_slashes = False  # '/api//search' is a JSON 404, not an HTML redirect
    app.json.sort_keys = False  # keep the documented field order
    app.json.ensure_ascii = False
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    engine.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    web.init_app(app)
    app.register_blueprint(api.bp)
    app.register_blueprint(web.bp)
    _configure_logging(app)
    return app


def _configure_logging(app: Flask) -> None:
    # Handlers are configured only here and in the CLI (house style); when the
    # CLI already set up the root logger this adds nothing.
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    app.logger.debug("babelsearch app created (engine: %s)", app.config["SETTINGS"].engine_display)

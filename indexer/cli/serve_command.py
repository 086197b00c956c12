"""``babelsearch serve``: the web UI and JSON API under gunicorn, one worker per core."""
from __future__ import annotations

import ipaddress
import logging

import click

from . import main
from .options import reports_errors, settings_options

log = logging.getLogger(__name__)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind; anything but loopback exposes the server to the network.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="TCP port.")
@click.option("--threads", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Threads per worker; more than 1 adds keep-alive and shields workers from slow clients.")
@settings_options("data_dir", "engine", "workers")
@reports_errors
def serve(settings, host: str, port: int, threads: int) -> None:
    """Serve the search page and the JSON API (read-only) with gunicorn."""
    from server import create_app  # indexer never imports server at module level
    from server.engine import close_engine
    from server.production import (
        Server,  # gunicorn loads here so other commands start fast
    )

    app = create_app({"SETTINGS": settings})
    if not _is_loopback(host):
        log.warning("binding to %s: the server is reachable from other machines", host)
    workers = settings.worker_count
    click.echo(f"babelsearch: serving {settings.engine_display} index from {settings.data_dir} "
               f"on http://{host}:{port}/ with {workers} worker process{'es' if workers > 1 else ''} "
               "(Ctrl+C to stop)")
    try:
        Server(app, host=host, port=port, workers=workers, threads=threads).run()
    finally:
        close_engine(app)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False

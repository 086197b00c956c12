"""``babelsearch serve``: the web UI and JSON API under waitress."""
from __future__ import annotations

import ipaddress
import logging

import click

from . import main
from .options import engine_options, reports_errors

log = logging.getLogger(__name__)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind; anything but loopback exposes the server to the network.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="TCP port.")
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 64),
              help="Worker threads answering requests.")
@engine_options
@reports_errors
def serve(settings, host: str, port: int, threads: int) -> None:
    """Serve the search page and the JSON API (read-only) with waitress."""
    from server import create_app  # indexer never imports server at module level
    from server.engine import close_engine
    from server.wsgi_server import (
        make_server,  # waitress loads here so other commands start fast
    )

    app = create_app({"SETTINGS": settings})
    if not _is_loopback(host):
        log.warning("binding to %s: the server is reachable from other machines", host)
    click.echo(f"babelsearch: serving {settings.engine_display} index from {settings.data_dir} "
               f"on http://{host}:{port}/ (Ctrl+C to stop)")
    try:
        make_server(app, host=host, port=port, threads=threads, ident="babelsearch").run()
    finally:
        close_engine(app)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False

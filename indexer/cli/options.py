"""Shared CLI options, built from the settings table, and error handling."""
from __future__ import annotations

import functools
import logging
from pathlib import Path
from typing import Any, Callable

import click

from ..errors import BabelsearchError
from ..settings import SETTINGS, Settings

_ROWS = {s.name: s for s in SETTINGS}
_METAVARS = {"engine": "URL", "broker": "URL", "worker_timeout": "SECONDS"}


def _flag(name: str) -> str:
    """The option a setting gets: its env var without the prefix (``--data``, ``--models``)."""
    return "--" + _ROWS[name].env.removeprefix("BABELSEARCH_").lower().replace("_", "-")


def settings_options(*names: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Add one option per named setting and pass the resulting ``settings``.

    Help texts and flag names come from the settings table; flags win over
    environment variables, which win over defaults (``Settings.load``).
    """

    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            chosen = {name: kwargs.pop(name) for name in names}
            return func(*args, settings=Settings.load(**chosen), **kwargs)

        for name in reversed(names):  # click lists options in decoration order, innermost last
            row = _ROWS[name]
            kind = click.Path(file_okay=False) if row.parse is Path else None
            wrapper = click.option(_flag(name), name, type=kind, metavar=_METAVARS.get(name),
                                   help=f"{row.help} [env: {row.env}]")(wrapper)
        return wrapper

    return decorate


engine_options = settings_options("data_dir", "engine")


def reports_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn babelsearch errors into a one-line message and exit status 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except BabelsearchError as exc:
            raise click.ClickException(str(exc)) from exc

    return wrapper


def configure_logging(verbose: int, quiet: bool) -> None:
    """Log to stderr: warnings by default, info with -v, debug with -vv."""
    level = logging.ERROR if quiet else (logging.WARNING, logging.INFO, logging.DEBUG)[min(verbose, 2)]
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")

"""Shared CLI options, built from the settings table, and error handling."""
from __future__ import annotations

import functools
import logging
from typing import Any, Callable

import click

from ..errors import BabelsearchError
from ..settings import SETTINGS, Settings

_HELP = {s.name: f"{s.help} [env: {s.env}]" for s in SETTINGS}


def engine_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add ``--data`` and ``--engine`` and pass a ``settings`` argument.

    Flags win over environment variables, which win over defaults.
    """

    @click.option("--data", "data_dir", type=click.Path(file_okay=False), help=_HELP["data_dir"])
    @click.option("--engine", "engine", metavar="URL", help=_HELP["engine"])
    @functools.wraps(func)
    def wrapper(*args: Any, data_dir: str | None, engine: str | None, **kwargs: Any) -> Any:
        settings = Settings.load(data_dir=data_dir, engine=engine)
        return func(*args, settings=settings, **kwargs)

    return wrapper


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

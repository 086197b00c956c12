"""Shared CLI options, built from the settings table, and error handling."""
from __future__ import annotations

import functools
import logging
import sys
from pathlib import Path
from typing import Any, Callable

import click

from ..errors import BabelsearchError
from ..progress import Progress
from ..settings import SETTINGS, Settings

_ROWS = {s.name: s for s in SETTINGS}
_METAVARS = {"engine": "URL", "broker": "URL", "worker_timeout": "SECONDS", "workers": "N"}
GLOBAL_FLAGS = frozenset({"-v", "-vv", "-vvv", "--verbose", "-q", "--quiet"})
_GLOBAL_KEY = "babelsearch.global_settings"


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
            given = _global_settings()  # given before the subcommand
            chosen = {name: kwargs.pop(name) for name in names}
            chosen = {name: value if value is not None else given.get(name) for name, value in chosen.items()}
            return func(*args, settings=Settings.load(**chosen), **kwargs)

        for name in reversed(names):  # click lists options in decoration order, innermost last
            row = _ROWS[name]
            kind = click.Path(file_okay=False) if row.parse is Path else None
            wrapper = click.option(_flag(name), name, type=kind, metavar=_METAVARS.get(name),
                                   help=f"{row.help} [env: {row.env}]")(wrapper)
        return wrapper

    return decorate


engine_options = settings_options("data_dir", "engine")


def global_settings_option(name: str, **extra: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The group-level form of a setting's option (``babelsearch --data X stats``):
    remembered for the subcommand's ``settings_options``, where a flag given
    after the subcommand wins."""

    def remember(ctx: click.Context, _param: click.Parameter, value: Any) -> None:
        if value is not None:
            ctx.meta.setdefault(_GLOBAL_KEY, {})[name] = value

    row = _ROWS[name]
    return click.option(_flag(name), name, metavar=_METAVARS.get(name), expose_value=False, callback=remember,
                        help=f"{row.help} [env: {row.env}] (also accepted after the command)", **extra)


def _global_settings() -> dict[str, Any]:
    context = click.get_current_context(silent=True)
    return context.meta.get(_GLOBAL_KEY, {}) if context is not None else {}


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


def cli_progress() -> Progress:
    """Progress of long steps on stderr (live on a terminal, a line every few seconds in a log); none with -q."""
    quiet = logging.getLogger().getEffectiveLevel() >= logging.ERROR
    return Progress(None if quiet else sys.stderr)

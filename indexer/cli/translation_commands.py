"""``babelsearch translations export|prune``: the translation cache."""
from __future__ import annotations

import functools
from typing import Any, Callable

import click

from ..settings import SETTINGS, Settings
from ..translation_cache import TranslationCache
from . import main
from .options import reports_errors

_HELP = {s.name: f"{s.help} [env: {s.env}]" for s in SETTINGS}


def cache_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add ``--translations`` and pass a ``settings`` argument."""

    @click.option("--translations", "translations_dir", type=click.Path(file_okay=False), help=_HELP["translations_dir"])
    @functools.wraps(func)
    def wrapper(*args: Any, translations_dir: str | None, **kwargs: Any) -> Any:
        return func(*args, settings=Settings.load(translations_dir=translations_dir), **kwargs)

    return wrapper


@main.group()
def translations() -> None:
    """The translation cache (translations/)."""


@translations.command()
@cache_options
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-",
              help="Write here instead of standard output.")
@reports_errors
def export(settings: Settings, output: Any) -> None:
    """Dump every cached translation as JSON lines (source, English, translator, settings)."""
    with TranslationCache(settings.translations_dir) as cache:
        count = cache.export(output)
    click.echo(f"exported {count} translations", err=True)


@translations.command()
@cache_options
@click.option("--dry-run", is_flag=True, help="Only count what would be dropped.")
@reports_errors
def prune(settings: Settings, dry_run: bool) -> None:
    """Drop entries that no document used in the latest complete reindex."""
    with TranslationCache(settings.translations_dir) as cache:
        if dry_run:
            click.echo(f"would drop {cache.unused_count()} of {len(cache)} translations")
            return
        dropped = cache.prune()
        click.echo(f"dropped {dropped} translations; {len(cache)} kept")

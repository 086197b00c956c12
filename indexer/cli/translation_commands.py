"""``babelsearch translations export|prune``: the translation cache."""
from __future__ import annotations

from typing import Any

import click

from ..settings import Settings
from ..translate.cache import TranslationCache
from . import main
from .options import reports_errors, settings_options


@main.group()
def translations() -> None:
    """The translation cache (translations/)."""


@translations.command()
@settings_options("translations_dir")
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-",
              help="Write here instead of standard output.")
@reports_errors
def export(settings: Settings, output: Any) -> None:
    """Dump every cached translation as JSON lines (source, English, translator, settings)."""
    with TranslationCache(settings.translations_dir) as cache:
        count = cache.export(output)
    click.echo(f"exported {count} translations", err=True)


@translations.command()
@settings_options("translations_dir")
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

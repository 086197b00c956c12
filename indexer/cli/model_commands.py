"""``babelsearch models list|install``: Argos packages in babelsearch's model dir."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..errors import BabelsearchError
from ..settings import Settings
from ..translate.downloads import RetryPolicy
from ..translate.models import (
    ArgosPackage,
    find_model,
    install_archive,
    installed_model_rows,
)
from ..translate.package_index import OFFLINE_HINT
from . import main
from .options import reports_errors, settings_options


def _size(num_bytes: int) -> str:
    return f"{num_bytes / (1 << 20):.1f} MB"


@main.group()
def models() -> None:
    """Offline translation models (Argos .argosmodel packages)."""


@models.command("list")
@settings_options("data_dir", "models_dir")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def list_models(settings: Settings, as_json: bool) -> None:
    """Installed language pairs, versions, sizes and where they live."""
    rows = installed_model_rows(settings.models_path)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo(f"No models installed in {settings.models_path}.")
        click.echo("Install one with: babelsearch models install FILE.argosmodel")
        return
    for row in rows:
        click.echo(f"{row['pair']:<8} {row['version']:<6} {_size(row['size_bytes']):>9}  {row['path']}")


@models.command("install")
@settings_options("data_dir", "models_dir")
@click.argument("targets", nargs=-1, required=True, metavar="FILE.argosmodel… | --from-index LANG…")
@click.option("--from-index", is_flag=True, help="Arguments are language codes: download their xx→en packages "
              "from the Argos package index (needs internet).")
@click.option("--skip-installed", is_flag=True, help="With --from-index: leave languages that already have a model.")
@click.option("--offline-ok", is_flag=True, help="With --from-index: when nothing can be installed, say so in one "
              "line and exit 0 (models are optional; make run uses this).")
@click.option("--retries", type=click.IntRange(0), default=3, show_default=True,
              help="With --from-index: retries per link (waiting 1 s, 2 s, 4 s…).")
@click.option("--timeout", type=click.FloatRange(min=1), default=30.0, show_default=True,
              help="With --from-index: seconds without data before an attempt fails.")
@reports_errors
def install(settings: Settings, targets: tuple[str, ...], from_index: bool, skip_installed: bool,
            offline_ok: bool, retries: int, timeout: float) -> None:
    """Install Argos packages from files, or from the online index with --from-index."""
    if not from_index:
        for target in targets:
            _installed(install_archive(Path(target), settings.models_path))
        return
    todo = [code for code in targets if not (skip_installed and _already(settings, code))]
    try:
        _install_from_index(settings, todo, RetryPolicy(attempts=retries + 1, timeout_seconds=timeout))
    except BabelsearchError as exc:
        if not offline_ok:
            raise
        problem = getattr(exc, "problem", str(exc))
        click.echo(f"Translation models not installed ({problem}): {', '.join(todo)} paragraphs stay untranslated "
                   f"and the dictionaries carry English search; to {OFFLINE_HINT}.")


def _installed(package: ArgosPackage) -> None:
    click.echo(f"Installed {package.label} ({package.translator_id}) in {package.path}")


def _already(settings: Settings, code: str) -> bool:
    package = find_model(settings.models_path, code)
    if package is not None:
        click.echo(f"{package.label} already installed ({package.path})")
    return package is not None


def _install_from_index(settings: Settings, languages: list[str], policy: RetryPolicy) -> None:
    """Each language's newest xx→en package, one progress bar per download."""
    from ..translate.package_index import install_entry, load_index, pick

    if not languages:
        return
    index = load_index(policy)
    for code in languages:
        entry = pick(index, code)
        name = f"{entry.get('from_code')}→{entry.get('to_code')} {entry.get('package_version', '')}".strip()
        with click.progressbar(length=1, label=f"Downloading {name}", file=sys.stderr, show_eta=True) as bar:
            def progress(done: int, total: int | None) -> None:
                bar.length = total or max(done, 1)
                bar.update(done - bar.pos)

            package = install_entry(entry, settings.models_path, policy, progress)
        _installed(package)

"""``babelsearch models list|install``: Argos packages in babelsearch's model dir."""
from __future__ import annotations

import json
from pathlib import Path

import click

from ..settings import Settings
from ..translate.models import install_archive, installed_model_rows
from ..translate.package_index import install_from_index
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
@reports_errors
def install(settings: Settings, targets: tuple[str, ...], from_index: bool) -> None:
    """Install Argos packages from files, or from the online index with --from-index."""
    if from_index:
        packages = install_from_index(targets, settings.models_path)
    else:
        packages = [install_archive(Path(target), settings.models_path) for target in targets]
    for package in packages:
        click.echo(f"Installed {package.label} ({package.translator_id}) in {package.path}")

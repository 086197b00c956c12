"""Commands over bilingual lexicons: ``babelsearch lexicons build`` and ``list``."""
from __future__ import annotations

from pathlib import Path

import click

from ..errors import LexiconError
from ..lexicon import BUILD_HINT, lexicon_path, open_lexicon
from ..lexicon.build import NO_SOURCES, PIVOT_MODES, BuildReport
from ..lexicon.cache import cache_root, compile_lexicon
from ..lexicon.dictd import DICTD_DIR
from ..lexicon.ding import DEFAULT_PATH as DING_PATH
from ..lexicon.sources import USER_DIR, standard_sources, user_sources
from ..settings import Settings
from . import main
from .options import cli_progress, reports_errors, settings_options


@main.group()
def lexicons() -> None:
    """Bilingual dictionaries for English search without a translation model."""


@lexicons.command("build")
@click.option("--ding", type=click.Path(dir_okay=False, path_type=Path), default=DING_PATH, show_default=True,
              help="Ding dictionary file (Debian package trans-de-en).")
@click.option("--dictd-dir", type=click.Path(file_okay=False, path_type=Path), default=DICTD_DIR,
              show_default=True, help="Folder of FreeDict dictd files (dict-freedict-* packages).")
@click.option("--tsv", "tsv_paths", multiple=True, type=click.Path(exists=True, path_type=Path),
              help="User lexicon NAME.SRC-TGT.tsv, or a folder of them (repeatable); DATA/lexicons/user is always read.")
@click.option("--pivot", type=click.Choice(PIVOT_MODES), default="missing", show_default=True,
              help="Extend Dutch through German and French: for Dutch words with no English entry, for all, or not.")
@click.option("--rebuild", is_flag=True, help="Compile again even when the cache holds this lexicon.")
@settings_options("data_dir")
@reports_errors
def build(settings: Settings, ding: Path, dictd_dir: Path, tsv_paths: tuple[Path, ...], pivot: str,
          rebuild: bool) -> None:
    """Compile the dictionaries into DATA/lexicons (cached per machine; lookups are then instant)."""
    found, missing = standard_sources(ding, dictd_dir)
    user_dir = settings.data_dir / "lexicons" / USER_DIR
    found += user_sources([*tsv_paths, *([user_dir] if user_dir.is_dir() else [])])
    if missing:
        click.echo(f"Not installed (skipped): {', '.join(missing)}  -> apt-get install {' '.join(missing)}", err=True)
    if not found:
        raise LexiconError(NO_SOURCES)
    target = lexicon_path(settings.data_dir)
    report = compile_lexicon(found, target, pivot, cli_progress(), rebuild)
    if report is not None:
        _print_report(report, target)
    else:
        lexicon = open_lexicon(settings.data_dir)
        if lexicon is None:
            raise LexiconError(f"the cached lexicon in {cache_root()} cannot be read: "
                               "run 'babelsearch lexicons build --rebuild'")
        meta = lexicon.store.meta
        click.echo(f"Lexicon {target}: compiled {meta.get('built_at')} from the same dictionaries "
                   f"(cached in {cache_root()})")
        _print_sources(meta.get("sources", []))
        click.echo("Entries: " + ", ".join(f"{d} {n}" for d, n in meta.get("entries", {}).items()))


def _print_report(report: BuildReport, target: Path) -> None:
    _print_sources(report.sources)
    click.echo("Entries: " + ", ".join(f"{d} {n}" for d, n in report.entries.items()))
    click.echo(f"Glued translations split {report.glued_split}, dropped {report.glued_dropped}; "
               f"Dutch pairs added through German and French {report.pivot_added}")
    click.echo(f"Wrote {target} in {report.seconds:.0f}s. Reindex to add dictionary glosses to untranslated text.")


@lexicons.command("list")
@settings_options("data_dir")
@reports_errors
def list_command(settings: Settings) -> None:
    """Show the compiled lexicon: sources, entries per direction, size."""
    lexicon = open_lexicon(settings.data_dir)
    if lexicon is None:
        click.echo(f"No lexicon in {lexicon_path(settings.data_dir).parent}: {BUILD_HINT}")
        return
    meta = lexicon.store.meta
    size = lexicon.path.stat().st_size / 1e6
    click.echo(f"Lexicon:  {lexicon.path} ({size:.1f} MB, built {meta.get('built_at')}, pivot {meta.get('pivot')})")
    click.echo("Entries:  " + ", ".join(f"{d} {n}" for d, n in meta.get("entries", {}).items()))
    _print_sources(meta.get("sources", []))


def _print_sources(sources: list[dict]) -> None:
    click.echo("Sources:")
    for source in sources:
        click.echo(f"  {source['name']:20} {source['kind']:6} {source['pairs']:>8} pairs  {source['path']}")

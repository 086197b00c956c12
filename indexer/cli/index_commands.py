"""Commands over the index: reindex, stats, extract (search: ``search_command``)."""
from __future__ import annotations

import json
import logging
from pathlib import Path

import click

from ..engines import open_engine
from ..progress import Progress, duration_text
from ..settings import Settings
from ..translate.summary import TranslationProgress
from . import main
from .options import cli_progress, engine_options, reports_errors, settings_options
from .terminal import safe, safe_line

_INDEXING_OPTIONS = (
    click.option("--corpus", type=click.Path(exists=True, file_okay=False, path_type=Path),
                 help="Corpus folder (default: seeds/) [env: BABELSEARCH_CORPUS]"),
    click.option("--retranslate", is_flag=True, help="Ignore the translation cache and translate everything again."),
    click.option("--no-translate", is_flag=True,
                 help="Index original text only (searchable at once); translate nothing."),
    settings_options("data_dir", "engine", "broker", "workers"),
    reports_errors,
)


def _indexing_command(func):
    """A command with the options reindex and update share."""
    for decorate in reversed(_INDEXING_OPTIONS):
        func = decorate(func)
    return main.command()(func)


@_indexing_command
def reindex(settings: Settings, corpus: Path | None, retranslate: bool, no_translate: bool) -> None:
    """Index a corpus folder into a fresh index and publish it atomically."""
    from ..pipeline import reindex as run_reindex

    _run_indexing(run_reindex, settings, corpus, retranslate, no_translate)


@_indexing_command
def update(settings: Settings, corpus: Path | None, retranslate: bool, no_translate: bool) -> None:
    """Apply added, changed and deleted corpus files to the live index (atomically)."""
    from ..update import update as run_update

    _run_indexing(run_update, settings, corpus, retranslate, no_translate)


def _run_indexing(run, settings: Settings, corpus: Path | None, retranslate: bool, no_translate: bool) -> None:
    """Run ``pipeline.reindex`` or ``update.update`` with progress, then print its summary."""
    from ..pipeline import ReindexOptions

    settings = settings.with_(corpus=corpus or settings.corpus)
    quiet = logging.getLogger().getEffectiveLevel() >= logging.ERROR
    progress = _ReindexProgress(cli_progress())
    try:
        summary = run(settings, ReindexOptions(translate=not no_translate, retranslate=retranslate),
                      progress=progress)
    finally:
        progress.close()
    if not quiet:
        click.echo("\n".join(safe_line(line) for line in summary.lines()))  # paths may hold escapes


class _ReindexProgress:
    """The pipeline's progress (``pipeline.Progress``) as one task: files prepared, translation rate."""

    def __init__(self, progress: Progress) -> None:
        self.progress, self.task = progress, None

    def start(self, total: int) -> None:
        """``total`` files will be prepared."""
        self.task = self.progress.task("Indexing", total, unit="files")

    def advance(self, files: int) -> None:
        """``files`` more files were prepared."""
        if self.task is not None:
            self.task.advance(files)

    def translation(self, progress: TranslationProgress) -> None:
        """Show the translation rate in the label; a log gets a line even while no file is prepared."""
        if self.task is not None and progress.sentences:
            eta = progress.eta_seconds
            left = f", done in about {duration_text(eta)}" if eta is not None else ""
            across = f" on {progress.workers} workers" if progress.workers else ""
            self.task.label = f"Indexing (translating {progress.sentences_per_second:.1f} sentences/s{across}{left})"
            self.task.update(self.task.done)

    def close(self) -> None:
        """Write the closing line."""
        if self.task is not None:
            self.task.label = "Indexing"
            self.task.finish()


@main.command()
@engine_options
@reports_errors
def stats(settings: Settings) -> None:
    """Show what the published index holds."""
    from ..status import StatusReader

    engine = open_engine(settings)
    try:
        status = StatusReader(settings).read(engine)
    finally:
        engine.close()
    click.echo("\n".join(status.lines(settings)))


@main.command("extract")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the Document as JSON.")
@reports_errors
def extract_command(file: Path, as_json: bool) -> None:
    """Show what extraction makes of one file (for debugging extraction)."""
    from ..extract.sources import CorpusFile, Skipped
    from ..pipeline import prepare

    settings = Settings.load()
    outcome, _ = prepare(CorpusFile(file, file.with_suffix("").name), settings)
    if isinstance(outcome, Skipped):
        raise click.ClickException(f"{safe_line(file)}: {outcome.reason}")
    if as_json:
        click.echo(safe(json.dumps(outcome.to_dict(), ensure_ascii=False, indent=2)))
        return
    for label in ("title", "title_derived", "date", "source", "author", "description", "url", "language"):
        click.echo(f"{label + ':':15}{safe_line(getattr(outcome, label))}")
    for number, paragraph in enumerate(outcome.paragraphs, 1):
        click.echo(f"\n[{number}] ({paragraph.language}) {safe(paragraph.text)}")
